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

    /// Fed in pieces of any size, the scanner decides as it does on the whole text (a marker may straddle two
    /// reads of the script runner).
    @Test(arguments: ["# a\n> x\n", "a\n>\n> ", "a\n>b\n", "x > y\n", ">", "\n\n> ", "a\r\n> b\r\n", ""])
    func scannerInPieces(_ text: String) {
        let whole = TranscriptFile.isTranscript(text)
        let bytes = Array(text.utf8)
        for size in 1...max(1, bytes.count) {
            var scanner = TranscriptMarkerScanner()
            var found = false
            var i = 0
            while i < bytes.count, !found {
                let piece = Array(bytes[i..<min(i + size, bytes.count)])
                found = piece.withUnsafeBufferPointer { scanner.feed($0) }
                i += size
            }
            #expect(found == whole, "\(text.debugDescription) in pieces of \(size)")
        }
        let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
        #expect(whole == lines.contains { $0.starts(with: [UInt8(ascii: ">"), UInt8(ascii: " ")]) })
    }
}
