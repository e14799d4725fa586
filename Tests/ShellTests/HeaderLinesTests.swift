// The header readers (`# lab:`, `# needs: netns`) over the bytes of a file's head.

@testable import Shell
import Testing

/// LabShape.fromHeader reading every line, not only comments and "> " lines: the reference the filtered reading
/// must agree with.
private func everyLine(_ text: Substring) -> LabShape? {
    var found: LabShape?
    HeaderLines.each(text) { LabShape.readHeader($0, into: &found) }
    return found
}

@Suite("Header lines")
struct HeaderLinesTests {
    @Test("the lab a header names, wherever it stands before the first \"> \"; none after it", arguments: [
        ("# lab: --lab\n> socket tcp\n", LabShape.oneLink),
        ("# recorded\n  #  lab:  --lab-routed \r\n> x\n", .routed),
        ("socket tcp\nlist\n# lab: --lab\n", .oneLink),
        ("> socket tcp\n# lab: --lab\n", nil),
        ("\t> x\n# lab: --lab\n", nil),
        ("# lab: --nolab\n# lab: --lab\n", nil),
        ("\r# lab: --lab\n", nil),
        ("x\n\n   \n# lab:--lab", .oneLink),
        ("", nil),
    ] as [(String, LabShape?)])
    func lab(_ text: String, _ expected: LabShape?) {
        #expect(LabShape.fromHeader(text[...]) == expected)
        #expect(everyLine(text[...]) == expected)
    }

    @Test("generated heads: the filtered reading finds what reading every line finds")
    func generated() {
        let pieces = ["\n", "\r\n", " ", "\t", "#", ">", "> ", "lab:", " --lab", "--lab-routed", "x", "socket tcp",
                      "\r"]
        var state: UInt64 = 7
        var mismatches: [String] = []
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<12 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            if LabShape.fromHeader(text[...]) != everyLine(text[...]) { mismatches.append(text.debugDescription) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
