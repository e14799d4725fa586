import Testing

@testable import Transcript

/// A fake shell: answers each command from a table, and says "input error" for `bogus`.
private func fakeShell(_ answers: [String: [String]]) -> (String) -> (lines: [String], inputError: Bool) {
    { command in
        if command.hasPrefix("bogus") { return (["-:1: error: unknown command 'bogus'"], true) }
        return (answers[command] ?? [], false)
    }
}

private let lesson = """
    # Binding to port 0 lets the kernel choose.
    > socket tcp
    socket(AF_INET, SOCK_STREAM, 0) = 3

    > bind 127.0.0.1:0
    bind(3, 127.0.0.1:{port}) = 0
    # getsockname shows the port the kernel chose
    > getopt SO_RCVBUF
    SO_RCVBUF = 131072
    > recv
    recv(3, 65536, 0) = 5 "hello" ({dur})
    """

private let answers: [String: [String]] = [
    "socket tcp": ["socket(AF_INET, SOCK_STREAM, 0) = 3"],
    "bind 127.0.0.1:0": ["bind(3, 127.0.0.1:43712) = 0"],
    "getopt SO_RCVBUF": ["SO_RCVBUF = 131072"],
    "recv": ["recv(3, 65536, 0) = 5 \"hello\" (1.2ms)"],
]

@Suite("Replay checker")
struct CheckerTests {
    @Test("a matching replay is green, with wildcards absorbing the changing values")
    func green() {
        var seen: [String] = []
        let result = TranscriptChecker.check(file: "examples/x.transcript", text: lesson) { command in
            seen.append(command)
            return fakeShell(answers)(command)
        }
        #expect(seen == ["socket tcp", "bind 127.0.0.1:0", "getopt SO_RCVBUF", "recv"])
        #expect(result.commands == 4)
        #expect(result.mismatches == 0)
        #expect(result.diff == "")
        #expect(!result.stoppedByInputError)
        #expect(result.passed)
        #expect(result.firstMismatchLine == nil)
    }

    @Test("one changed value: one mismatch, a diff naming the file and the line")
    func oneValue() {
        var changed = answers
        changed["getopt SO_RCVBUF"] = ["SO_RCVBUF = 65536"]
        let result = TranscriptChecker.check(file: "examples/x.transcript", text: lesson, run: fakeShell(changed))
        #expect(result.mismatches == 1)
        #expect(result.commands == 4)
        #expect(!result.passed)
        #expect(result.firstMismatchLine == 9)
        let expected = """
            --- examples/x.transcript
            +++ actual
            @@ -8,2 +8,2 @@
             > getopt SO_RCVBUF
            -SO_RCVBUF = 131072
            +SO_RCVBUF = 65536

            """
        #expect(result.diff == expected)
    }

    @Test("an extra output line shows as one '+' line, wildcard lines as context")
    func extraLine() {
        var changed = answers
        changed["bind 127.0.0.1:0"] = ["note: something new", "bind(3, 127.0.0.1:5555) = 0"]
        let result = TranscriptChecker.check(file: "t.transcript", text: lesson, run: fakeShell(changed))
        #expect(result.mismatches == 1)
        #expect(result.firstMismatchLine == 5)
        let expected = """
            --- t.transcript
            +++ actual
            @@ -5,2 +5,3 @@
             > bind 127.0.0.1:0
            +note: something new
             bind(3, 127.0.0.1:{port}) = 0

            """
        #expect(result.diff == expected)
    }

    @Test("a missing output line shows as one '-' line; later hunks are numbered after it")
    func missingLine() {
        let text = """
            > list
            a
            b
            c
            d
            > x
            1
            """
        let result = TranscriptChecker.check(file: "m.transcript", text: text, run: fakeShell([
            "list": ["a", "c", "d"],
            "x": ["1", "2"],
        ]))
        #expect(result.mismatches == 2)
        #expect(result.firstMismatchLine == 3)
        let expected = """
            --- m.transcript
            +++ actual
            @@ -1,5 +1,4 @@
             > list
             a
            -b
             c
             d
            @@ -6,2 +5,3 @@
             > x
             1
            +2

            """
        #expect(result.diff == expected)
    }

    @Test("no output at all, and output where none was expected")
    func emptyBlocks() {
        let text = "> a\nline 1\nline 2\n> b\n"
        let result = TranscriptChecker.check(file: "e", text: text, run: fakeShell(["b": ["surprise"]]))
        #expect(result.mismatches == 3)
        #expect(result.diff.contains("@@ -1,3 +1 @@\n > a\n-line 1\n-line 2\n"))
        #expect(result.diff.contains("@@ -4 +2,2 @@\n > b\n+surprise\n"))
    }

    @Test("a long block gets a hunk with context only, naming its command")
    func longBlock() {
        let lines = (1...20).map { "line \($0)" }
        let text = "> many\n" + lines.joined(separator: "\n") + "\n"
        var actual = lines
        actual[14] = "LINE 15"
        let result = TranscriptChecker.check(file: "l", text: text, run: fakeShell(["many": actual]))
        #expect(result.mismatches == 1)
        #expect(result.firstMismatchLine == 16)
        let expected = """
            --- l
            +++ actual
            @@ -13,7 +13,7 @@ > many
             line 12
             line 13
             line 14
            -line 15
            +LINE 15
             line 16
             line 17
             line 18

            """
        #expect(result.diff == expected)
    }

    @Test("an input error stops the replay and is reported")
    func inputError() {
        let text = """
            > socket tcp
            socket(AF_INET, SOCK_STREAM, 0) = 3
            > bogus
            -:1: error: unknown command 'bogus'
            > close
            close(3) = 0
            """
        let result = TranscriptChecker.check(file: "i", text: text, run: fakeShell(answers))
        #expect(result.stoppedByInputError)
        #expect(result.commands == 2)
        #expect(result.mismatches == 0)
        #expect(result.inputErrorLine == 3)
        #expect(!result.passed)

        let unexpected = "> bogus x\nbogus(3) = 0\n> close\n"
        let stopped = TranscriptChecker.check(file: "i", text: unexpected, run: fakeShell(answers))
        #expect(stopped.stoppedByInputError)
        #expect(stopped.commands == 1)
        #expect(stopped.mismatches == 1)
        #expect(stopped.diff.contains("-bogus(3) = 0\n+-:1: error: unknown command 'bogus'\n"))
    }

    @Test("the runner sees line numbers; output lines are normalized like the file")
    func entriesAndNormalizing() {
        var lines: [Int] = []
        let text = "# c\n> a\none\ntwo\n> b\n"
        let result = TranscriptChecker.checkEntries(file: "n", text: text) { entry in
            lines.append(entry.commandLine)
            return entry.command == "a" ? (["one\ntwo\r", "", "# hidden"], false) : ([], false)
        }
        #expect(lines == [2, 5])
        #expect(result.passed)
    }

    @Test("a CRLF transcript without a final newline replays green")
    func crlf() {
        let text = "> socket tcp\r\nsocket(AF_INET, SOCK_STREAM, 0) = 3\r\n"
            + "> recv\r\nrecv(3, 65536, 0) = 5 \"hello\" ({dur})"
        let result = TranscriptChecker.check(file: "c", text: text, run: fakeShell(answers))
        #expect(result.passed)
        #expect(result.commands == 2)
    }

    @Test("the LCS diff pairs lines, with removals before additions")
    func lineDiff() {
        let expected = ["a", "b", "{n}", "d"].map(Pattern.init)
        let ops = LineDiff.diff(expected: expected, actual: ["a", "x", "7", "d", "e"])
        #expect(ops == [
            .same(expected: 0, actual: 0), .removed(expected: 1), .added(actual: 1),
            .same(expected: 2, actual: 2), .same(expected: 3, actual: 3), .added(actual: 4),
        ])
        #expect(LineDiff.mismatches(in: ops) == 2)
        #expect(LineDiff.diff(expected: [], actual: []) == [])
    }
}
