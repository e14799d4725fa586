/// Strings of short ASCII words (at most 15 bytes, every byte below 0x80), made from their bytes without the
/// standard library's generic initializers.
///
/// Why: the tokenizer makes two or three such words per command of every script line, and
/// `String(decoding:as:)` or `String(unsafeUninitializedCapacity:...)` cost about 100 instructions each (a
/// closure, a UTF-8 check, an ASCII scan) for what is, on 64-bit platforms, 16 bytes: the word's bytes and a
/// byte holding the "small, ASCII, immortal" flags and the count. This file writes those 16 bytes itself.
///
/// Safe by construction, not by hope: `layoutHolds` checks once, against the standard library's own small
/// strings of every length 0...15, that the bits made here are exactly the bits the library makes. Where they
/// differ (another platform, a future library), callers take `String(decoding:as:)` as before.
enum ShortASCII {
    /// The most bytes a word may have to be made here (the small-string capacity on 64-bit platforms).
    static let capacity = 15

    /// The top byte of a small ASCII String's second word, without the count: small, ASCII, immortal.
    static let flags: UInt64 = 0xE0

    /// Whether `string(_:count:)` makes the same Strings the standard library makes (checked once, for every
    /// length).
    static let layoutHolds: Bool = {
        #if (arch(x86_64) || arch(arm64)) && _endian(little)
        guard MemoryLayout<String>.size == 16, MemoryLayout<(UInt64, UInt64)>.size == 16 else { return false }
        let sample = Array("SO_KEEPALIVE_x9;".utf8)
        return sample.withUnsafeBufferPointer { all in
            for n in 0...capacity {
                let word = UnsafeBufferPointer(rebasing: all[0..<n])
                let made = String(decoding: word, as: UTF8.self)
                var data = (UInt64(0), UInt64(0))
                for (k, byte) in word.enumerated() {
                    if k < 8 { data.0 |= UInt64(byte) << (8 * k) } else { data.1 |= UInt64(byte) << (8 * (k - 8)) }
                }
                let bits = unsafeBitCast(made, to: (UInt64, UInt64).self)
                guard bits == (data.0, data.1 | (flags | UInt64(n)) << 56), string(data, count: n) == made,
                      isSmallASCII(bitsOf: bits)
                else { return false }
            }
            // A String that is not small must not pass for one (its storage would never be released).
            let large = String(repeating: "x", count: 40)
            return !isSmallASCII(bitsOf: unsafeBitCast(large, to: (UInt64, UInt64).self))
        }
        #else
        return false
        #endif
    }()

    /// The bytes `start..<end` (at most 15 of them, which lie in `within`) as the two words of a small String:
    /// the first eight bytes in memory order, then the others (the top byte left zero for the flags).
    ///
    /// Why `within`: the bytes are read eight at a time, and a read may reach past the word (never past `within`)
    /// for bytes it then drops.
    @inline(__always)
    static func load(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
                     within: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let count = end - start
        if count == 0 { return (0, 0) }
        let first = within.baseAddress!
        let last = first + within.count
        let head = min(count, 8)
        var lo: UInt64
        if last - start >= 8 {
            lo = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
            if head < 8 { lo &= (1 &<< UInt64(8 &* head)) &- 1 }
        } else if end - first >= 8 {
            // The word ends the buffer: the eight bytes that end with it, shifted down.
            lo = UnsafeRawPointer(end - 8).loadUnaligned(as: UInt64.self) &>> UInt64(8 &* (8 &- head))
        } else {
            lo = 0
            var i = 0
            while i < head {
                lo |= UInt64(start[i]) &<< UInt64(8 &* i)
                i &+= 1
            }
        }
        var hi: UInt64 = 0
        if count > 8 {
            // The bytes after the eighth are the last count - 8 of the eight that end the word.
            hi = UnsafeRawPointer(end - 8).loadUnaligned(as: UInt64.self) &>> UInt64(8 &* (16 &- count))
        }
        return (lo, hi)
    }

    /// The String whose bytes `load` gave (`count` of them, all ASCII); use only when `layoutHolds`.
    @inline(__always)
    static func string(_ bytes: (UInt64, UInt64), count: Int) -> String {
        var raw = (bytes.0, bytes.1 | (flags | UInt64(truncatingIfNeeded: count)) &<< 56)
        // Moved out of its bits, not cast: a cast copies the String (a retain call), a move takes it over.
        return withUnsafeMutableBytes(of: &raw) { $0.baseAddress!.bindMemory(to: String.self, capacity: 1).move() }
    }

    /// Whether the String whose two words are `bits` is small, ASCII and immortal: one that owns no storage, so
    /// dropping it without a release leaks nothing. Use only when `layoutHolds`.
    @inline(__always)
    static func isSmallASCII(bitsOf bits: (UInt64, UInt64)) -> Bool {
        bits.1 &>> 60 == flags &>> 4
    }
}
