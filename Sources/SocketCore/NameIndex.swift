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
            var s = NameIndex.hash(name) & (size - 1)
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
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var s = NameIndex.hash(bytes) & mask
        while true {
            let k = Int(slots[s])
            if k < 0 { return nil }
            if matches(k, bytes) { return k }
            s = (s + 1) & mask
        }
    }

    @inline(__always)
    static func fold(_ b: UInt8) -> UInt8 { b &- 65 < 26 ? b | 0x20 : b }

    /// FNV-1a (64 bit) of the folded bytes.
    @inline(__always)
    static func hash(_ bytes: some Collection<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(fold(b))
            h &*= 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always)
    private func matches(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[k]
        guard starts[k + 1] - start == bytes.count else { return false }
        return folded.withUnsafeBufferPointer { name in
            for i in 0..<bytes.count where name[start + i] != NameIndex.fold(bytes[i]) { return false }
            return true
        }
    }
}
