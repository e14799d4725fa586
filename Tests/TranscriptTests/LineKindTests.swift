import Testing

@testable import Transcript

/// The one reading of the format's lines (`classify`, `TranscriptMarkerScanner`) that both `parse` and the
/// streaming script runner use.
@Suite struct LineKindTests {
    static func kind(_ line: String, transcript: Bool) -> TranscriptLineKind {
        var copy = line
        return copy.withUTF8 { TranscriptFile.classify($0, transcript: transcript) }
    }

    @Test func transcriptLines() {
        #expect(Self.kind("> socket tcp", transcript: true) == .command(offset: 2))
        #expect(Self.kind(">", transcript: true) == .command(offset: 1))
        #expect(Self.kind("> ", transcript: true) == .command(offset: 2))
        #expect(Self.kind(">x", transcript: true) == .output)
        #expect(Self.kind("  # note", transcript: true) == .comment)
        #expect(Self.kind("", transcript: true) == .comment)
        #expect(Self.kind("s1 = socket(...) = 3", transcript: true) == .output)
    }

    @Test func scriptLines() {
        #expect(Self.kind("socket tcp", transcript: false) == .command(offset: 0))
        #expect(Self.kind("> socket tcp", transcript: false) == .command(offset: 0))
        #expect(Self.kind("\t# comment", transcript: false) == .comment)
        #expect(Self.kind(" \t ", transcript: false) == .comment)
    }

    /// Whether a new scanner finds a marker in `bytes` fed to it in pieces of `size` (the last one shorter).
    private func feedInPieces(_ bytes: [UInt8], _ size: Int) -> Bool {
        var scanner = TranscriptMarkerScanner()
        var i = 0
        while i < bytes.count {
            let piece = Array(bytes[i..<min(i + size, bytes.count)])
            if piece.withUnsafeBufferPointer({ scanner.feed($0) }) { return true }
            i += size
        }
        return false
    }

    /// Fed in pieces of any size, the scanner decides as it does on the whole text (a marker may straddle two
    /// reads of the script runner).
    @Test(arguments: ["# a\n> x\n", "a\n>\n> ", "a\n>b\n", "x > y\n", ">", "\n\n> ", "a\r\n> b\r\n", "",
                      ">> x\n", "a>\n> ", "x\n>", "> ", ">>\n>> \n", " > x\n", "a> b\n>\n>x"])
    func scannerInPieces(_ text: String) {
        let whole = TranscriptFile.isTranscript(text)
        let bytes = Array(text.utf8)
        for size in 1...max(1, bytes.count) {
            let found = feedInPieces(bytes, size)
            #expect(found == whole, "\(text.debugDescription) in pieces of \(size)")
        }
        let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
        #expect(whole == lines.contains { $0.starts(with: [UInt8(ascii: ">"), UInt8(ascii: " ")]) })
    }

    /// Generated texts of the bytes that matter, fed in pieces of every size up to 9: the scanner (which jumps
    /// from ">" to ">") decides as the lines themselves say.
    @Test func scannerOnGeneratedTexts() {
        let alphabet: [UInt8] = [UInt8(ascii: ">"), UInt8(ascii: " "), 10, 13, UInt8(ascii: "a")]
        var state: UInt64 = 3
        var mismatches: [String] = []
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<10 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
            let truth = lines.contains { $0.starts(with: [UInt8(ascii: ">"), UInt8(ascii: " ")]) }
            for size in 1...9 {
                let found = feedInPieces(bytes, size)
                if found != truth { mismatches.append("\(bytes) in pieces of \(size)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
