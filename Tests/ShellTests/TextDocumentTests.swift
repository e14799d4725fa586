import Foundation
import Shell
import SocketCore
import Testing

/// Help and study text as documents (issue 11): the terminal renderer lays them out (indent, headings, 100-column
/// wrap), `--json` gives the blocks whole, and the notes' sections come through as blocks.
@Suite struct TextDocumentTests {
    static let long = (1...40).map { "word\($0)" }.joined(separator: " ")

    @Test func terminalLayoutOfEachBlock() {
        let doc = TextDocument([
            .title("SO_X  (SOL_SOCKET, option 1)"), .heading("What it does"), .paragraph(Self.long),
            .item(Self.long), .code(label: "type", value: Self.long), .fact(label: "Linux default", value: Self.long),
            .field(label: "usage", value: "wire on  |  wire off"), .command("socket tcp; listen"),
            .entry(name: "a", text: "first"), .entry(name: "longer", text: "second"), .remark(Self.long),
        ])
        let lines = TextLayout.lines(doc)
        #expect(lines[0] == "SO_X  (SOL_SOCKET, option 1)")
        #expect(lines[1] == "What it does:")
        // Prose is wrapped at 100 columns with its indent, and nothing of it is lost.
        let paragraph = Array(lines[2...].prefix { $0.hasPrefix("  word") })
        #expect(paragraph.count > 1 && paragraph.allSatisfy { $0.count <= TextLayout.width })
        #expect(paragraph.map { $0.dropFirst(2) }.joined(separator: " ") == Self.long)
        let item = lines.drop { !$0.hasPrefix("  - ") }
        #expect(item.dropFirst().first?.hasPrefix("    word") == true, "a list item's next lines hang: \(lines)")
        // A C declaration is never broken; a usage keeps its spacing; rows line up on the longest name.
        #expect(lines.contains("  type: " + Self.long))
        #expect(lines.contains("usage: wire on  |  wire off"))
        #expect(lines.contains("  socket tcp; listen"))
        #expect(lines.contains("  a       first") && lines.contains("  longer  second"))
        #expect(lines.last == Self.long)
    }

    @Test func wideCharactersCountTwoColumns() {
        let korean = String(repeating: "가나다라 ", count: 30).trimmingCharacters(in: .whitespaces)
        for line in TextLayout.lines(TextDocument([.paragraph(korean)])) {
            let columns = line.unicodeScalars.reduce(0) { $0 + ((0xAC00...0xD7A3).contains($1.value) ? 2 : 1) }
            #expect(columns <= TextLayout.width, "\(line)")
        }
    }

    /// The JSON object of the first text event of a line.
    static func json(_ line: String, korean: Bool = false) throws -> [String: Any] {
        let s = Session(settings: SessionSettings(timeoutMs: 2_000, korean: korean))
        let events = s.execute(line)
        let text = try #require(events.first { if case .text = $0 { true } else { false } })
        let data = Data(JSONRenderer().render(text).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func jsonKeepsTheLinesAndAddsBlocksWithParagraphsWhole() throws {
        let obj = try Self.json("explain SO_LINGER")
        #expect(obj["event"] as? String == "text")
        let lines = try #require(obj["lines"] as? [String])
        let s = Session(settings: SessionSettings(timeoutMs: 2_000))
        #expect(lines == TextRenderer().render(s.execute("explain SO_LINGER")), "lines: the terminal's layout")
        let blocks = try #require(obj["blocks"] as? [[String: String]])
        #expect(blocks.first == ["kind": "title", "text": lines[0]])
        #expect(blocks.contains(["kind": "heading", "text": "What it does"]))
        let type = "struct linger { int l_onoff; int l_linger; /* seconds */ }"
        #expect(blocks.contains(["kind": "code", "label": "type", "text": type]))
        // The Effect paragraph is one string: longer than a terminal line, no newline, and it is what the terminal
        // spread over several lines.
        let effectAt = try #require(blocks.firstIndex(of: ["kind": "heading", "text": "What it does"]))
        let effect = try #require(blocks[effectAt + 1]["text"])
        #expect(blocks[effectAt + 1]["kind"] == "paragraph" && effect.count > 200 && !effect.contains("\n"))
        let at = try #require(lines.firstIndex(of: "What it does:"))
        let shown = lines[(at + 1)...].prefix { $0.hasPrefix("  ") }.map { $0.dropFirst(2) }.joined(separator: " ")
        #expect(shown == effect)
        // The wire notes are a section of the notes files now, in both languages.
        #expect(blocks.contains(["kind": "heading", "text": "On the wire (`wire on`)"]))
        let ko = try #require(try Self.json("explain --lang ko SO_LINGER")["blocks"] as? [[String: String]])
        #expect(ko.contains(["kind": "heading", "text": "패킷으로 보기 (`wire on`)"]))
        #expect(blocks.map { $0["kind"] } == ko.map { $0["kind"] }, "the two languages have the same blocks")
        #expect(blocks.filter { $0["kind"] == "command" }.map { $0["text"] }
            == ["socket tcp as srv; bind 127.0.0.1:0; listen", "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_LINGER on 0; getopt SO_LINGER", "close", "@conn recv; @conn recv"])
    }

    @Test func helpIsADocumentInBothLanguages() throws {
        for korean in [false, true] {
            let blocks = try #require(try Self.json("help send", korean: korean)["blocks"] as? [[String: String]])
            let usage = "send [oob|dontwait|more|nosignal...] DATA"
            #expect(blocks.first == ["kind": "field", "label": "usage", "text": usage])
            #expect(blocks.map { $0["kind"] } == ["field", "paragraph", "paragraph", "field"])
            #expect(blocks.last?["text"] == "send \"GET / HTTP/1.0\\r\\n\\r\\n\"")
            #expect(blocks.last?["label"] == (korean ? "예" : "example"))
            #expect(blocks[1]["text"] == (korean ? "바이트를 send(2)합니다" : "send(2) bytes"))
        }
        let overview = try #require(try Self.json("help")["blocks"] as? [[String: String]])
        #expect(overview.contains(["kind": "entry", "name": "bind", "text": "bind(2) the socket to a local address"]))
        #expect(overview.filter { $0["kind"] == "heading" }.map { $0["text"] } == CommandTable.groups)
    }
}
