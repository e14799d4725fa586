// The line syntax of SPEC §2a: `;`, comments, quotes, C escapes, hex, `@NAME`.

import Shell
import Testing

/// The words of each command of a line, as text.
private func words(_ line: String) throws -> [[String]] {
    try Tokenizer.split(line).map { $0.tokens.map(\.text) }
}

/// The bytes of the single word of a line.
private func bytes(_ word: String) throws -> [UInt8] {
    let commands = try Tokenizer.split(word)
    return commands.first?.tokens.first?.bytes ?? []
}

@Suite("Tokenizer")
struct TokenizerTests {
    @Test("`;` separates commands; empty commands are dropped")
    func semicolons() throws {
        #expect(try words("socket tcp; bind :0 ;listen") == [["socket", "tcp"], ["bind", ":0"], ["listen"]])
        #expect(try words(";; socket tcp ;;") == [["socket", "tcp"]])
        #expect(try words("") == [])
        #expect(try words("   ") == [])
    }

    @Test("`;` inside quotes is data")
    func quotedSemicolon() throws {
        #expect(try words("send \"a;b\"; recv") == [["send", "a;b"], ["recv"]])
        #expect(try words("send 'x;y'") == [["send", "x;y"]])
    }

    @Test("a line whose first non-blank is # is a comment; # elsewhere is data")
    func comments() throws {
        #expect(try words("# socket tcp; listen") == [])
        #expect(try words("   # indented comment") == [])
        #expect(try words("send a#b; recv") == [["send", "a#b"], ["recv"]])
        #expect(try words("send #hash") == [["send", "#hash"]])
    }

    @Test("double quotes take C escapes", arguments: [
        ("\"a\\r\\n\"", [97, 13, 10]), ("\"\\t\\0\"", [9, 0]), ("\"\\x41\\x4a\"", [0x41, 0x4a]),
        ("\"\\x0\"", [0]), ("\"\\101\\7\"", [65, 7]), ("\"\\\\\"", [92]), ("\"\\\"\"", [34]),
        ("\"\\'\"", [39]), ("\"\\e\\a\\b\\f\\v\"", [27, 7, 8, 12, 11]), ("\"\\xff\"", [255]),
        ("\"\\377\"", [255]), ("\"\"", []),
    ] as [(String, [UInt8])])
    func escapes(_ word: String, _ expected: [UInt8]) throws {
        #expect(try bytes(word) == expected)
    }

    @Test("single quotes are literal")
    func singleQuotes() throws {
        #expect(try bytes("'a\\nb'") == Array("a\\nb".utf8))
    }

    @Test("quotes group words and mark them quoted; unquoted words are not")
    func quotedFlag() throws {
        let t = try #require(Tokenizer.split("send \"oob\" oob 'two words'").first).tokens
        #expect(t.map(\.text) == ["send", "oob", "oob", "two words"])
        #expect(t.map(\.quoted) == [false, true, false, true])
        #expect(t.map(\.offset) == [0, 5, 11, 15])
    }

    @Test("a quote opens only where a word begins: inside a word it is an ordinary character")
    func quoteOnlyAtWordStart() throws {
        #expect(try words("send don't stop") == [["send", "don't", "stop"]])
        #expect(try words("send ab\"c d\"e") == [["send", "ab\"c", "d\"e"]])
        #expect(try words("send \"c d\"e") == [["send", "c de"]])
        #expect(try words("send it's; send 'x; y'") == [["send", "it's"], ["send", "x; y"]])
    }

    @Test("bad escapes and unterminated quotes are input errors", arguments: [
        "send \"\\q\"", "send \"\\x\"", "send \"\\xzz\"", "send \"\\400\"", "send \"open", "send 'open",
        "send \"trailing\\",
    ])
    func errors(_ line: String) {
        #expect(throws: InputError.self) { try Tokenizer.split(line) }
    }

    @Test("@NAME is a word of its own before the command")
    func atName() throws {
        #expect(try words("@srv accept as conn; @cli send hi") == [["@srv", "accept", "as", "conn"],
                                                                     ["@cli", "send", "hi"]])
    }

    @Test("tabs and CR/LF separate words")
    func whitespace() throws {
        #expect(try words("socket\ttcp\r\n") == [["socket", "tcp"]])
    }

    @Test("escaped bytes reach the wire exactly, and hex too")
    func onTheWire() throws {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli send \"a\\r\\n\\x00\\xff\\101\"")
        let lines = sh.run("recv 6")
        expectLine(lines, "recv(*, <6 bytes, hex below>, 6, 0) = 6")
        expectLine(lines, "  0000  61 0d 0a 00 ff 41 *")
        sh.run("@cli send hex 68 69 0x0A 00")
        let hex = sh.run("recv 4")
        expectLine(hex, "  0000  68 69 0a 00 *")
    }

    @Test("an input error stops the rest of the line")
    func stopsAtError() {
        let sh = TestShell()
        let ev = sh.events("socket tcp as a; frobnicate; socket tcp as b")
        #expect(ev.inputError != nil)
        #expect(sh.session.handles == ["a"])
    }
}

/// The frontends keep one list of commands for every line: what a line leaves there must never leak into the next.
@Suite("Tokenizer reusing one list")
struct TokenizerReuseTests {
    /// Splits each line in turn into the same list; returns the words after each.
    private func run(_ lines: [String]) throws -> [[[String]]] {
        var list: [CommandWords] = []
        var out: [[[String]]] = []
        for line in lines {
            var copy = line
            let failed = copy.withUTF8 { bytes in
                do { try Tokenizer.split(bytes: bytes, into: &list); return false } catch { return true }
            }
            out.append(failed ? [["<error>"]] + list.map { $0.tokens.map(\.text) } : list.map { $0.tokens.map(\.text) })
        }
        return out
    }

    @Test("longer, shorter, empty, comment and failing lines in a row each leave exactly their commands")
    func sequence() throws {
        let got = try run([
            "setopt SO_KEEPALIVE on; getopt SO_KEEPALIVE; send \"a;b\"",
            "getopt SO_RCVBUF",
            "",
            "# comment; with; semicolons",
            "send \"unterminated",
            "socket tcp as a; ;; list",
            "recv",
        ])
        #expect(got == [
            [["setopt", "SO_KEEPALIVE", "on"], ["getopt", "SO_KEEPALIVE"], ["send", "a;b"]],
            [["getopt", "SO_RCVBUF"]],
            [],
            [],
            [["<error>"]],
            [["socket", "tcp", "as", "a"], ["list"]],
            [["recv"]],
        ])
    }

    @Test("a reused command keeps its own raw bytes (send's data is the rest of the line)")
    func rawBytes() throws {
        var list: [CommandWords] = []
        for line in ["send a much longer line of data than the next one", "send short"] {
            var copy = line
            copy.withUTF8 { try? Tokenizer.split(bytes: $0, into: &list) }
        }
        #expect(list.count == 1)
        #expect(String(decoding: list[0].raw, as: UTF8.self) == "send short")
    }
}
