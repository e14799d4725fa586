// The tokenizer against its reference (ReferenceTokenizer, the code before the plain path) over many generated
// lines: the same commands, raw bytes, words, offsets, quoted flags and decoded bytes, and the same errors.

import Glibc
@testable import Shell
import Testing
import TestSupport

/// A small deterministic generator (SplitMix64): the same lines on every run.
private struct Mix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Pieces lines are made of: the bytes the syntax cares about, escapes, words long and short, non-ASCII and
/// invalid UTF-8, control bytes below 0x21 that are not blanks.
private let pieces: [[UInt8]] = [
    [0x20], [0x20], [0x09], [0x0d], [0x0a], [0x3b], [0x22], [0x27], [0x5c], [0x23], [0x00], [0x01], [0x0b], [0x21],
    [0x3a], [0x40], Array("n".utf8), Array("x41".utf8), Array("7".utf8), Array("setopt".utf8),
    Array("SO_KEEPALIVE".utf8), Array("on".utf8), Array("TCP_USER_TIMEOUT".utf8), Array("abcdefgh".utf8),
    Array("127.0.0.1:9".utf8), Array("a_very_long_word_over_fifteen_bytes".utf8), [0xC3, 0xA9], [0xFF], [0x80],
    Array("\\x".utf8), Array("\\q".utf8), Array("\\400".utf8),
]

private func line(_ mix: inout Mix) -> [UInt8] {
    var out: [UInt8] = []
    for _ in 0..<mix.below(14) { out += pieces[mix.below(pieces.count)] }
    return out
}

/// What a split gives: the commands, or the error.
private enum Outcome: Equatable {
    case commands([CommandWords])
    case failed(InputError)
}

private func reference(_ bytes: [UInt8]) -> Outcome {
    bytes.withUnsafeBufferPointer { b in
        do throws(InputError) { return .commands(try ReferenceTokenizer.split(bytes: b)) } catch {
            return .failed(error)
        }
    }
}

private func ours(_ bytes: [UInt8]) -> Outcome {
    bytes.withUnsafeBufferPointer { b in
        do throws(InputError) { return .commands(try Tokenizer.split(bytes: b)) } catch { return .failed(error) }
    }
}

/// `ours` into a list kept from line to line, as the frontends keep theirs.
private func ours(_ bytes: [UInt8], into list: inout [CommandWords]) -> Outcome {
    bytes.withUnsafeBufferPointer { b in
        do throws(InputError) { try Tokenizer.split(bytes: b, into: &list); return .commands(list) } catch {
            return .failed(error)
        }
    }
}

@Suite("Tokenizer against its reference")
struct TokenizerDifferentialTests {
    @Test("generated lines split exactly as before, fresh and into a reused list")
    func generated() {
        var mix = Mix(state: 11)
        var reused: [CommandWords] = []
        var mismatches: [String] = []
        for _ in 0..<40_000 {
            let bytes = line(&mix)
            let expected = reference(bytes)
            let fresh = ours(bytes)
            let again = ours(bytes, into: &reused)
            if fresh != expected || again != expected {
                mismatches.append("\(bytes)")
                if mismatches.count >= 5 { break }
            }
        }
        #expect(mismatches.isEmpty, "lines that split differently: \(mismatches)")
    }

    @Test("every malformed line of the fixture and every command of the examples splits exactly as before")
    func corpus() throws {
        var lines = MalformedCorpus.lines()
        try #require(lines.count > 50)
        let tests = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(2)
            .joined(separator: "/")
        let examples = tests + "/../examples"
        let dir = try #require(opendir(examples))
        defer { closedir(dir) }
        var files = 0
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasSuffix(".transcript"), let text = FuzzHooks.readInput(examples + "/" + name) else {
                continue
            }
            files += 1
            for line in text.split(separator: 10) where line.starts(with: [0x3e, 0x20]) {
                lines.append(Array(line.dropFirst(2)))
            }
        }
        #expect(files > 10)
        var reused: [CommandWords] = []
        let mismatches = lines.filter { ours($0) != reference($0) || ours($0, into: &reused) != reference($0) }
        #expect(mismatches.isEmpty, "lines that split differently: \(mismatches.prefix(5))")
    }

    @Test("lines the plain path takes, with every word length from 1 to 20 at every place in the line")
    func plainWords() {
        var mismatches: [String] = []
        for length in 1...20 {
            for before in 0...9 {
                for after in 0...9 {
                    let word = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
                    let bytes = Array(repeating: UInt8(0x20), count: before) + word
                        + Array(repeating: UInt8(0x09), count: after) + Array("on".utf8)
                    if ours(bytes) != reference(bytes) { mismatches.append(String(decoding: bytes, as: UTF8.self)) }
                }
            }
        }
        #expect(mismatches.isEmpty, "lines that split differently: \(mismatches.prefix(5))")
    }
}
