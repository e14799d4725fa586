/// `struct tcp_info` decoded from the bytes getsockopt(TCP_INFO) returned.
///
/// Why by offset and not glibc's struct: the kernel's struct is longer than glibc's 104-byte view
/// (bytes_acked, segs_out, snd_wnd, ... come later); decoding by offset reads whatever this kernel gave.
public struct TCPInfo: Sendable, Equatable {
    /// The raw bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The byte at `off` (0 past the end): the kernel's `__u8` fields.
    public func u8(_ off: Int) -> Int { off < bytes.count ? Int(bytes[off]) : 0 }
    /// The little-endian `__u32` at `off`; nil when this kernel's struct is shorter.
    public func u32(_ off: Int) -> Int? {
        guard off + 4 <= bytes.count else { return nil }
        return Int(bytes[off]) | Int(bytes[off + 1]) << 8 | Int(bytes[off + 2]) << 16 | Int(bytes[off + 3]) << 24
    }
    /// The `__u64` at `off`; nil when this kernel's struct is shorter.
    public func u64(_ off: Int) -> Int? {
        guard let lo = u32(off), let hi = u32(off + 4) else { return nil }
        return lo | hi << 32
    }

    /// The TCP state number (tcpi_state).
    public var state: Int { u8(0) }
    /// The TCP state; nil for a number this code does not know (or no bytes).
    public var tcpState: TCPState? { TCPState(rawValue: state) }
    /// `ESTABLISHED`, `LISTEN`, `TIME_WAIT`, ...
    public var stateName: String { TCPInfo.stateName(state) }

    /// On a listener, Linux reports its accept queue in two fields that mean something else on a connection:
    /// tcpi_unacked holds the connections waiting for accept, tcpi_sacked the backlog. Nil on other sockets.
    public var acceptQueue: (waiting: Int, backlog: Int)? {
        guard tcpState == .listen, let waiting = u32(24), let backlog = u32(28) else { return nil }
        return (waiting, backlog)
    }

    /// The name of a TCP state number (`TCPState.name`); "?" for 0, the number itself for one not known.
    public static func stateName(_ s: Int) -> String {
        if let state = TCPState(rawValue: s) { return state.name }
        return s == 0 ? "?" : "\(s)"
    }

    /// Negotiated options: TS, SACK, WSCALE, ECN.
    public var options: [String] {
        let o = u8(5)
        var out: [String] = []
        if o & 1 != 0 { out.append("TS") }
        if o & 2 != 0 { out.append("SACK") }
        if o & 4 != 0 { out.append("WSCALE") }
        if o & 8 != 0 { out.append("ECN") }
        return out
    }
}
