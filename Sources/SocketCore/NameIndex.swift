/// A case-insensitive index from short ASCII names (commands, option names) to their position in a table.
///
/// Why not a `Dictionary<String, Int>`: a script looks up a command name and often an option name for every
/// line, hundreds of thousands of times; a Dictionary hashes with SipHash and needs the name folded to lower
/// case first (a new String). The names here are few and short, so FNV-1a over the case-folded bytes into an
/// open-addressed table, checked against the folded name, costs a few nanoseconds and allocates nothing.
public struct NameIndex: Sendable {
    /// Positions in the table, or -1 for an empty slot; the count is a power of two, at least 4x the names.
    private let slots: [Int32]
    /// Every name's bytes folded to lower case, one after another; name k is `folded[starts[k]..<starts[k + 1]]`
    /// (one flat array: probing never retains an inner array).
    private let folded: [UInt8]
    private let starts: [Int]
    private let mask: Int

    /// Indexes `names` by position. A name given twice keeps its first position.
    public init(_ names: [String]) {
        var size = 8
        while size < names.count * 4 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        let folded = names.map { $0.utf8.map(NameIndex.fold) }
        for (k, name) in folded.enumerated() {
            var s = name.withUnsafeBufferPointer { NameIndex.hash($0) } & (size - 1)
            var duplicate = false
            while slots[s] >= 0 {
                if folded[Int(slots[s])] == name { duplicate = true; break }
                s = (s + 1) & (size - 1)
            }
            if !duplicate { slots[s] = Int32(k) }
        }
        self.slots = slots
        self.folded = folded.flatMap { $0 }
        starts = folded.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        mask = size - 1
    }

    /// The position of `name` (any ASCII case), or nil.
    public func find(_ name: String) -> Int? {
        var copy = name
        return copy.withUTF8 { find($0) }
    }

    /// The position of the name spelled by `bytes` (any ASCII case), or nil.
    ///
    /// Over raw buffers, without a closure per probe: every command looks its name up here (and setopt/getopt
    /// their option), so this runs several times per line of a long script.
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        let hash = NameIndex.hash(bytes)
        return slots.withUnsafeBufferPointer { slots in
            starts.withUnsafeBufferPointer { starts in
                folded.withUnsafeBufferPointer { name -> Int? in
                    var s = hash & mask
                    while true {
                        let k = Int(slots[s])
                        if k < 0 { return nil }
                        let start = starts[k]
                        if starts[k + 1] - start == n {
                            var i = 0
                            while i < n, name[start + i] == NameIndex.fold(bytes[i]) { i += 1 }
                            if i == n { return k }
                        }
                        s = (s + 1) & mask
                    }
                }
            }
        }
    }

    @inline(__always)
    static func fold(_ b: UInt8) -> UInt8 { b &- 65 < 26 ? b | 0x20 : b }

    /// A hash of the bytes that ignores ASCII case, eight bytes at a time: every byte is or-ed with 0x20, which
    /// folds A-Z onto a-z (and merges a few other pairs, which only the exact comparison after it tells apart).
    ///
    /// Why words and not bytes: a byte-wise FNV over an option name cost more than the rest of its lookup.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        let n = raw.count
        let caseBits: UInt64 = 0x2020_2020_2020_2020
        var h = UInt64(truncatingIfNeeded: n) &* 0x9e37_79b9_7f4a_7c15
        var i = 0
        while i + 8 <= n {
            h = (h ^ (raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | caseBits)) &* 0x100_0000_01b3
            h ^= h >> 32
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            while i < n {
                w = w << 8 | UInt64(raw[i])
                i += 1
            }
            h = (h ^ (w | caseBits)) &* 0x100_0000_01b3
            h ^= h >> 32
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
