/// A case-insensitive index from short ASCII names (commands, option names) to their position in a table.
///
/// Why not a `Dictionary<String, Int>`: a script looks up a command name and often an option name for every
/// line, hundreds of thousands of times; a Dictionary hashes with SipHash and needs the name folded to lower
/// case first (a new String). The names here are few and at most 32 bytes, so the word looked up is read as
/// (at most four) 64-bit words, hashed by a multiply per word into an open-addressed table and compared with the
/// entry a word at a time: a few dozen instructions, no allocation, no per-byte loop.
///
/// How case is ignored without folding the word: each entry keeps its name in lower case and, beside each
/// word, a mask with 0x20 in the bytes that are letters. A word matches when `word | mask == name`: a letter
/// byte then matches itself or its upper case (the byte less 0x20), any other byte only itself. The hash or-s
/// 0x20 into every byte, so both cases of a letter hash alike.
public struct NameIndex: Sendable {
    /// The open-addressed table, one flat array (a probe retains nothing and touches a cache line or two).
    /// Slot s is `stride` words from `s * stride`: a header, 0 for an empty slot, else the name's byte count
    /// << 32 | its position + 1; then per eight bytes of the widest name two words, the name's bytes in lower
    /// case (little-endian, zero past its end) and the mask of its letters (0x20 in each letter's byte).
    private let table: [UInt64]
    /// Words per slot: the header and two per word of the widest name.
    private let stride: Int
    /// 64 minus log2 of the slot count: the hash's top bits pick the slot.
    private let shift: UInt64

    /// The longest name indexed: four words. The tables are fixed in the code, so a longer name is a programming
    /// error and traps here; a longer word looked up is simply not found.
    public static let maxLength = 32

    /// Indexes `names` by position. A name given twice (in any case) keeps its first position.
    public init(_ names: [String]) {
        var bits = 3
        while 1 << bits < names.count * 4 { bits += 1 }
        let size = 1 << bits
        var widest = 0
        for name in names {
            precondition(name.utf8.count <= NameIndex.maxLength, "NameIndex: '\(name)' is longer than 32 bytes")
            widest = max(widest, (name.utf8.count + 7) / 8)
        }
        let stride = 1 + 2 * widest
        var table = [UInt64](repeating: 0, count: size * stride)
        let shift = UInt64(64 - bits)
        for (k, name) in names.enumerated() {
            let folded = name.utf8.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 }
            let n = folded.count
            let q = folded.withUnsafeBufferPointer { NameIndex.words($0) }
            var s = Int(truncatingIfNeeded: NameIndex.hash(q, n) >> shift)
            var duplicate = false
            while table[s * stride] != 0 {
                if NameIndex.matches(table, s * stride, q, n) { duplicate = true; break }
                s = (s + 1) & (size - 1)
            }
            if duplicate { continue }
            table[s * stride] = UInt64(n) << 32 | UInt64(k + 1)
            let words = [q.0, q.1, q.2, q.3]
            for j in 0..<(n + 7) / 8 {
                var mask: UInt64 = 0
                for b in 0..<8 where j * 8 + b < n && folded[j * 8 + b] &- 97 < 26 { mask |= 0x20 << UInt64(8 * b) }
                table[s * stride + 1 + 2 * j] = words[j]
                table[s * stride + 2 + 2 * j] = mask
            }
        }
        self.table = table
        self.stride = stride
        self.shift = shift
    }

    /// The position of `name` (any ASCII case), or nil.
    public func find(_ name: String) -> Int? {
        var copy = name
        return copy.withUTF8 { find($0) }
    }

    /// The position of the name spelled by `bytes` (any ASCII case), or nil.
    ///
    /// Every command looks its name up here (and setopt/getopt their option), so this runs several times per
    /// line of a long script: the word is read, hashed and compared a word at a time.
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        guard n <= NameIndex.maxLength else { return nil }
        let q = NameIndex.words(bytes)
        let slot = Int(truncatingIfNeeded: NameIndex.hash(q, n) >> shift)
        let stride = stride
        return table.withUnsafeBufferPointer { t -> Int? in
            var base = slot &* stride
            while true {
                let header = t[base]
                if header == 0 { return nil }
                if NameIndex.matches(t, base, q, n) { return Int(truncatingIfNeeded: header & 0xffff_ffff) &- 1 }
                base &+= stride
                if base == t.count { base = 0 }
            }
        }
    }

    /// Up to four words of a name (`q.0` first); bytes past the name are zero.
    typealias Words = (UInt64, UInt64, UInt64, UInt64)

    /// Whether the slot at `base` holds the `n`-byte word `q`, in any case: compares only the words it fills.
    @inline(__always)
    private static func matches<T: RandomAccessCollection>(_ t: T, _ base: Int, _ q: Words, _ n: Int) -> Bool
    where T.Element == UInt64, T.Index == Int {
        if t[base] >> 32 != UInt64(truncatingIfNeeded: n) || q.0 | t[base &+ 2] != t[base &+ 1] { return false }
        if n <= 8 { return true }
        if q.1 | t[base &+ 4] != t[base &+ 3] { return false }
        if n <= 16 { return true }
        if q.2 | t[base &+ 6] != t[base &+ 5] { return false }
        return n <= 24 || q.3 | t[base &+ 8] == t[base &+ 7]
    }

    /// The name's bytes (at most 32) as little-endian words, as they are.
    @inline(__always)
    static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> Words {
        let raw = UnsafeRawBufferPointer(bytes)
        let n = raw.count
        var q: Words = (0, 0, 0, 0)
        if n < 8 {
            q.0 = short(raw, n)
            return q
        }
        // Whole words, then the tail as the last eight bytes shifted down (no byte loop, no read past the end).
        q.0 = raw.loadUnaligned(as: UInt64.self)
        if n == 8 { return q }
        q.1 = word(raw, 8, n)
        if n <= 16 { return q }
        q.2 = word(raw, 16, n)
        if n <= 24 { return q }
        q.3 = word(raw, 24, n)
        return q
    }

    /// The word at byte `i` of a name of `n` bytes (n >= 8, i < n), zero past the end.
    @inline(__always)
    private static func word(_ raw: UnsafeRawBufferPointer, _ i: Int, _ n: Int) -> UInt64 {
        if i + 8 <= n { return raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) }
        return raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64(8 * (8 - (n - i)))
    }

    /// The `n` (< 8) bytes as one word: a 4-, a 2- and a 1-byte load as `n` has those bits.
    @inline(__always)
    private static func short(_ raw: UnsafeRawBufferPointer, _ n: Int) -> UInt64 {
        var w: UInt64 = 0
        var i = 0
        if n & 4 != 0 {
            w = UInt64(raw.loadUnaligned(as: UInt32.self))
            i = 4
        }
        if n & 2 != 0 {
            w |= UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt16.self)) << UInt64(8 * i)
            i += 2
        }
        if n & 1 != 0 { w |= UInt64(raw[i]) << UInt64(8 * i) }
        return w
    }

    /// Fibonacci hashing of the words with 0x20 in every byte (so a letter hashes as in either case) and the
    /// length: the slot is the top bits.
    @inline(__always)
    static func hash(_ q: Words, _ n: Int) -> UInt64 {
        let k: UInt64 = 0x9e37_79b9_7f4a_7c15
        let c: UInt64 = 0x2020_2020_2020_2020
        var h = (UInt64(truncatingIfNeeded: n) ^ (q.0 | c)) &* k
        if n > 8 { h = (h ^ (h >> 29) ^ (q.1 | c)) &* k }
        if n > 16 { h = (h ^ (h >> 29) ^ (q.2 | c)) &* k }
        if n > 24 { h = (h ^ (h >> 29) ^ (q.3 | c)) &* k }
        return h
    }
}
