// Token: a word's bytes kept in the token (16 inline, longer in an array), its text made from them; and the
// parse's readers of a token's bytes (ints, flag words, @NAME) against the readers of its text they replace.

@testable import Shell
import SocketCore
import Testing

@Suite("Token")
struct TokenTests {
    /// Words of every kind: empty, short, at and around the 16 bytes kept in the token, long, non-ASCII, invalid
    /// UTF-8, NUL and control bytes.
    static let words: [[UInt8]] = {
        var out: [[UInt8]] = [[], [0x00], [0x01, 0x00, 0x7f], [0xC3, 0xA9], [0xFF, 0x41], [0x80],
                              Array("é".utf8) + [0xC3]]
        for n in 1...40 { out.append((0..<n).map { UInt8(ascii: "a") + UInt8($0 % 26) }) }
        for n in [15, 16, 17] { out.append(Array(repeating: 0xE2, count: n)) }
        return out
    }()

    @Test("a token gives back its bytes and, as text, the bytes decoded (invalid UTF-8 replaced)")
    func bytesAndText() {
        for word in TokenTests.words {
            let fromArray = Token(bytes: word, quoted: false, offset: 3)
            let fromBuffer = word.withUnsafeBufferPointer { Token(bytes: $0, quoted: false, offset: 3) }
            for t in [fromArray, fromBuffer] {
                #expect(t.bytes == word)
                #expect(t.withBytes { Array($0) } == word)
                #expect(t.text == String(decoding: word, as: UTF8.self))
                #expect(t.offset == 3 && !t.quoted)
            }
            #expect(fromArray == fromBuffer)
        }
    }

    @Test("tokens are equal exactly when their bytes, quoting and offset are")
    func equality() {
        for a in TokenTests.words {
            for b in TokenTests.words {
                #expect((Token(bytes: a, quoted: false, offset: 0) == Token(bytes: b, quoted: false, offset: 0))
                    == (a == b))
            }
            #expect(Token(bytes: a, quoted: true, offset: 0) != Token(bytes: a, quoted: false, offset: 0))
            #expect(Token(bytes: a, quoted: false, offset: 1) != Token(bytes: a, quoted: false, offset: 0))
        }
    }

    @Test("setting the text makes the word its UTF-8, short or long")
    func setText() {
        var t = Token(bytes: Array("s1".utf8), quoted: true, offset: 5)
        t.text = "127.0.0.1:9"
        #expect(t == Token(bytes: Array("127.0.0.1:9".utf8), quoted: true, offset: 5))
        t.text = String(repeating: "x", count: 30)
        #expect(t.bytes == Array(repeating: UInt8(ascii: "x"), count: 30))
        t.text = "on"
        #expect(t == Token(bytes: Array("on".utf8), quoted: true, offset: 5))
    }

    @Test("the handle after @ is the text less its first character, also when a mark joins the @")
    func handleAfterAt() {
        for text in ["@s1", "@", "@a_long_handle_name_over_sixteen", "@\u{301}x", "@é", "@\u{200D}y"] {
            let t = Token(bytes: Array(text.utf8), quoted: false, offset: 0)
            #expect(t.handleAfterAt == String(text.dropFirst()), "\(text)")
        }
        let invalid = Token(bytes: [UInt8(ascii: "@"), 0xFF, 0x41], quoted: false, offset: 0)
        #expect(invalid.handleAfterAt == String(invalid.text.dropFirst()))
    }
}

@Suite("Words read from bytes")
struct WordsFromBytesTests {
    @Test("flag words read from a token's bytes are read as from its text, in any case, with or without MSG_")
    func flags() {
        let samples = ["oob", "OOB", "Peek", "msg_peek", "MSG_PEEK", "Msg_WaitAll", "msg_", "MSG", "msg_x", "msg_oob_",
                       "", "o", "oo", "oobb", "nosignal", "MSG_NOSIGNAL", "hello", "64K", "PEE\u{212A}",
                       "msg_\u{301}", "MSG_\u{301}oob", "oob\u{301}", "mség_oob", "MSG_é", "ＭSG_OOB", "more", "MORE",
                       "trunc", "dontwait"]
        for text in samples {
            let t = Token(bytes: Array(text.utf8), quoted: false, offset: 0)
            #expect(FlagWords.flag(t)?.name == FlagWords.flag(text)?.name, "\(text)")
            #expect(FlagWords.flag(t)?.flag == FlagWords.flag(text)?.flag, "\(text)")
            #expect(FlagWords.looksLikeCName(t) == FlagWords.looksLikeCName(text), "\(text)")
        }
        #expect(FlagWords.flag(Token(bytes: Array("MSG_PEEK".utf8), quoted: false, offset: 0))?.flag == .peek)
    }

    @Test("int32 of bytes reads exactly what Int32 of the text read, within eleven characters")
    func int32() {
        let samples = ["0", "-0", "+0", "7", "-7", "+7", "", "-", "+", "--1", "+-1", "1-", " 1", "1 ", "0x10", "1K",
                       "2147483647", "2147483648", "-2147483648", "-2147483649", "00000000001", "000000000001",
                       "+2147483647", "99999999999", "-9999999999", "1e3", "١", "12é", "٣4"]
        for text in samples {
            let expected: Int32? = text.count <= 11 ? Int32(text) : nil
            #expect(Values.int32(text) == expected, "\(text)")
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { Values.int32($0) } == expected, "\(text)")
        }
    }
}

@Suite("Names read from a token's bytes")
struct NamesFromBytesTests {
    /// A word as the tokenizer makes it.
    private func word(_ text: String) -> Token { Token(bytes: Array(text.utf8), quoted: false, offset: 0) }

    @Test("a command's word finds the command its text finds, in any case")
    func commands() {
        var texts = CommandTable.all.map(\.name)
        texts += texts.map { $0.uppercased() } + ["", "sett", "setoptx", "SetOpt", "s\u{301}etopt", "getopt\u{0}"]
        texts.append(String(repeating: "x", count: 40))
        for text in texts {
            #expect(CommandTable.find(word(text)) == CommandTable.find(text), "\(text)")
        }
    }

    @Test("an option's word finds the option its text finds: full names in any case, short names, aliases")
    func options() {
        var texts = OptionCatalog.all.map(\.name)
        texts += OptionCatalog.all.map(\.shortName) + texts.map { $0.lowercased() }
        texts += ["add_membership", "JOIN_GROUP", "multicast_loop", "keepalive", "SO_KEEPALIVEX", "", "é",
                  "so_"]
        for family in [nil, Platform.afInet, Platform.afInet6] {
            for text in texts {
                #expect(OptionCatalog.lookup(word(text), family: family) == OptionCatalog.lookup(text, family: family),
                        "\(text)")
            }
        }
    }
}
