/// Output bytes that the text renderer stores straight into: raw memory that grows, freed when the sink goes.
///
/// Why not an `[UInt8]`: a syscall line is some twenty short pieces (a name, `, `, a number, `[1]`). Appending
/// them to an Array checked its uniqueness and capacity each time; writing them into a buffer on the stack first
/// cost a second copy of the line and an Array append per line. Here a writer makes room once for a piece
/// (`reserve`, a compare) and stores its bytes where they stay, so a line costs its stores and little else: the
/// shell prints one per command, 200,000 in a long script.
///
/// Noncopyable: it owns its memory, so a copy would free it twice.
public struct ByteSink: ~Copyable {
    /// The first byte; valid up to `capacity`, written up to `count`.
    public private(set) var base: UnsafeMutablePointer<UInt8>
    /// Bytes written.
    public internal(set) var count: Int
    /// Bytes the memory holds.
    public private(set) var capacity: Int

    /// An empty sink with room for `capacity` bytes.
    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
        count = 0
    }

    deinit { base.deallocate() }

    /// The bytes written so far (valid until the next write).
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// The bytes written, as text.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Forgets what was written, keeping the memory.
    @inline(__always)
    public mutating func removeAll() { count = 0 }

    /// Makes room for `n` more bytes: one compare when there is room (nearly always).
    @inline(__always)
    public mutating func reserve(_ n: Int) {
        if capacity &- count < n { grow(n) }
    }

    @inline(never)
    mutating func grow(_ n: Int) {
        let wanted = max(capacity &* 2, count &+ n)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: wanted)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = wanted
    }

    /// One byte.
    @inline(__always)
    public mutating func append(_ x: UInt8) {
        reserve(1)
        base[count] = x
        count &+= 1
    }

    /// Bytes as they are.
    @inline(__always)
    public mutating func append(_ s: UnsafeBufferPointer<UInt8>) {
        guard let src = s.baseAddress else { return }
        reserve(s.count)
        (base + count).initialize(from: src, count: s.count)
        count &+= s.count
    }

    /// The UTF-8 of `s`, in one copy (`append(contentsOf: s.utf8)` walks the string generically).
    @inline(__always)
    public mutating func append(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            for b in s.utf8 { append(b) }
        }
    }

    /// Fixed text.
    @inline(__always)
    mutating func lit(_ s: StaticString) {
        if s.hasPointerRepresentation {
            append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        } else {
            s.withUTF8Buffer { append($0) }
        }
    }

    /// The decimal digits of `v`, written in place.
    @inline(__always)
    mutating func decimal(_ v: Int) {
        reserve(20)
        putDecimal(v)
    }

    /// `[N]`.
    @inline(__always)
    mutating func bracketed(_ v: Int) {
        reserve(22)
        putBracketed(v)
    }

    // The `put` writers store without making room: the caller reserved it (a line's loop makes room once per
    // argument for its separator and a number, instead of once per piece).

    /// One byte, in room already reserved.
    @inline(__always)
    mutating func put(_ x: UInt8) {
        base[count] = x
        count &+= 1
    }

    /// The decimal digits of `v` (at most 20 bytes), in room already reserved.
    @inline(__always)
    mutating func putDecimal(_ v: Int) {
        var p = base + count
        if v < 0 {
            p.pointee = 45  // -
            p += 1
        }
        let n = v.magnitude
        if n < 10 {
            p.pointee = UInt8(truncatingIfNeeded: 48 &+ n)
            count = p + 1 - base
        } else {
            count = Self.digits(n, at: p) - base
        }
    }

    /// `[N]` (at most 22 bytes), in room already reserved.
    @inline(__always)
    mutating func putBracketed(_ v: Int) {
        put(91)  // [
        putDecimal(v)
        put(93)  // ]
    }

    /// Writes the digits of `n` (10 or more) at `p` and returns the end: counted by comparisons, then written
    /// from the last in one pass (a division by 10 is a multiplication).
    static func digits(_ n: UInt, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var count = 2
        var limit: UInt = 100
        while count < 20, n >= limit {
            count &+= 1
            limit = limit &* 10
        }
        let end = p + count
        var q = end
        var n = n
        repeat {
            let next = n / 10
            q -= 1
            q.pointee = UInt8(truncatingIfNeeded: 48 &+ (n &- next &* 10))
            n = next
        } while n > 0
        return end
    }
}
