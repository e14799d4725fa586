import Testing

@testable import Transcript

@Suite("Transcript parsing")
struct ParseTests {
    @Test("a file is a transcript when any line starts with \"> \"")
    func detection() {
        #expect(TranscriptFile.isTranscript("# intro\n> socket tcp\n"))
        #expect(TranscriptFile.isTranscript("socket tcp\n> close"))
        #expect(TranscriptFile.isTranscript("> \n"))
        #expect(!TranscriptFile.isTranscript("socket tcp\nbind :0\n"))
        #expect(!TranscriptFile.isTranscript(">socket\n >x\n"))
        #expect(!TranscriptFile.isTranscript(""))
        #expect(!TranscriptFile.isTranscript(">\n"))
    }

    @Test("commands, expected lines and their line numbers; comments and blanks left out")
    func parse() {
        let text = """
            # A lesson.
            This prose before the first command is a comment too.

            > socket tcp
            socket(AF_INET, SOCK_STREAM, 0) = 3
              # an explanation between output lines
            s1 is current

            > bind 127.0.0.1:0
            bind(3, 127.0.0.1:{port}) = 0
            > close
            """
        let file = TranscriptFile.parse(text)
        #expect(file.isTranscript)
        #expect(file.entries.count == 3)
        #expect(file.entries[0].command == "socket tcp")
        #expect(file.entries[0].commandLine == 4)
        #expect(file.entries[0].expected == [
            ExpectedLine(text: "socket(AF_INET, SOCK_STREAM, 0) = 3", line: 5),
            ExpectedLine(text: "s1 is current", line: 7),
        ])
        #expect(file.entries[1] == TranscriptEntry(
            command: "bind 127.0.0.1:0", commandLine: 9,
            expected: [ExpectedLine(text: "bind(3, 127.0.0.1:{port}) = 0", line: 10)]))
        #expect(file.entries[2] == TranscriptEntry(command: "close", commandLine: 11, expected: []))
    }

    @Test("CRLF lines, a missing final newline and empty commands")
    func edges() {
        let file = TranscriptFile.parse("> a\r\nout a\r\n> \r\n>\n> b\nlast")
        #expect(file.entries.map(\.command) == ["a", "", "", "b"])
        #expect(file.entries.map(\.commandLine) == [1, 3, 4, 5])
        #expect(file.entries[0].expected == [ExpectedLine(text: "out a", line: 2)])
        #expect(file.entries[3].expected == [ExpectedLine(text: "last", line: 6)])
        #expect(TranscriptFile.parse("> x\n\n\n").entries == [TranscriptEntry(command: "x", commandLine: 1)])
    }

    @Test("a command keeps its text after \"> \" exactly, including spaces and '#'")
    func commandText() {
        let file = TranscriptFile.parse(">  send  hi \n> # a comment command\n")
        #expect(file.entries.map(\.command) == [" send  hi ", "# a comment command"])
    }

    @Test("a plain script: one command a line, comments and blank lines skipped")
    func plainScript() {
        let file = TranscriptFile.parse("# setup\nsocket tcp\n\n  # more\nbind :0; listen\r\nclose")
        #expect(!file.isTranscript)
        #expect(file.entries == [
            TranscriptEntry(command: "socket tcp", commandLine: 2),
            TranscriptEntry(command: "bind :0; listen", commandLine: 5),
            TranscriptEntry(command: "close", commandLine: 6),
        ])
    }

    @Test("non-ASCII text survives")
    func unicode() {
        let file = TranscriptFile.parse("> send \"héllo 한국\"\nsend(3, \"héllo 한국\") = 12\n")
        #expect(file.entries[0].command == "send \"héllo 한국\"")
        #expect(file.entries[0].expected[0].text == "send(3, \"héllo 한국\") = 12")
    }
}
