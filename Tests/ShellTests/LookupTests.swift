// The word-at-a-time readers on every line's path: NameIndex (command and option names) and Values.onOff.

import Testing

@testable import Shell
@testable import SocketCore

@Suite("Lookup by words")
struct LookupTests {
    @Test("NameIndex: every length up to 32 bytes, in any case; a longer word or one byte more is not found")
    func everyLength() {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789_")
        let names = (1...32).map { n in String((0..<n).map { alphabet[($0 * 7 + n) % alphabet.count] }) }
        let index = NameIndex(names)
        for (k, name) in names.enumerated() {
            #expect(index.find(name) == k, "\(name)")
            #expect(index.find(name.uppercased()) == k, "\(name)")
            #expect(Array(name.utf8).withUnsafeBufferPointer { index.find($0) } == k, "\(name)")
            #expect(index.find(name + "#") == nil, "\(name)")
            #expect(index.find(String(name.dropLast())) == nil || name.count == 1, "\(name)")
        }
        #expect(index.find(String(repeating: "a", count: 33)) == nil)
        #expect(index.find("") == nil)
    }

    @Test("NameIndex: only A-Z fold; bytes 0x20 apart that are not letters stay apart")
    func onlyLettersFold() {
        #expect(NameIndex(["a_b"]).find("a\u{7f}b") == nil)
        #expect(NameIndex(["a@b"]).find("a`b") == nil)
        #expect(NameIndex(["a`b"]).find("a@b") == nil)
        #expect(NameIndex(["x[y"]).find("x{y") == nil)
        #expect(NameIndex(["x{y"]).find("x[y") == nil)
        #expect(NameIndex(["so_linger"]).find("SO_LINGER") == 0)
        #expect(NameIndex(["SO_LINGER"]).find("so_linger") == 0)
        #expect(NameIndex(["abc"]).find("ab\u{0}") == nil)
        #expect(NameIndex(["é"]).find("É") == nil)
    }

    @Test("onOff: the eight words in any case, nothing else")
    func onOff() {
        for word in ["on", "1", "true", "yes", "ON", "True", "yEs"] { #expect(Values.onOff(word) == true, "\(word)") }
        for word in ["off", "0", "false", "no", "OFF", "FALSE", "No"] { #expect(Values.onOff(word) == false, "\(word)") }
        for word in ["", "o", "onn", "of", "\u{0}on", "on\u{0}", "truee", "2", "yes!", "ÖN", "n\u{0}", "offoff"] {
            #expect(Values.onOff(word) == nil, "\(word.debugDescription)")
        }
    }
}
