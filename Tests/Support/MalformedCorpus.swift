// The corpus of malformed input lines shared by the in-process tests, the tests of the real binary and (as seeds)
// the fuzzers: Tests/Fixtures/malformed-lines.txt.

import Glibc

/// Reads Tests/Fixtures/malformed-lines.txt: one line of input per line, `#` lines skipped, `{{0xHH}}` written
/// for a byte that could not stand in a text file.
public enum MalformedCorpus {
    /// The decoded lines, or none when the file cannot be read.
    public static func lines(filePath: String = #filePath) -> [[UInt8]] {
        let tests = filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(2)
            .joined(separator: "/")
        guard let all = read(tests + "/Fixtures/malformed-lines.txt") else { return [] }
        return all.split(separator: 10, omittingEmptySubsequences: true)
            .filter { $0.first != UInt8(ascii: "#") }
            .map { decode(Array($0)) }
    }

    /// `{{0xHH}}` -> the byte HH; everything else as it is.
    public static func decode(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < raw.count {
            if i + 8 <= raw.count, raw[i] == 0x7b, raw[i + 1] == 0x7b, raw[i + 2] == 0x30, raw[i + 3] == 0x78,
               raw[i + 6] == 0x7d, raw[i + 7] == 0x7d,
               let v = UInt8(String(decoding: raw[(i + 4)..<(i + 6)], as: UTF8.self), radix: 16)
            {
                out.append(v)
                i += 8
            } else {
                out.append(raw[i])
                i += 1
            }
        }
        return out
    }

    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { return all }
            all += chunk[0..<n]
        }
    }
}
