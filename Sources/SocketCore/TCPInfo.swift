/// `struct tcp_info` decoded from the bytes getsockopt(TCP_INFO) returned.
///
/// Why by offset and not glibc's struct: the kernel's struct is longer than glibc's 104-byte view
/// (bytes_acked, segs_out, snd_wnd, ... come later); decoding by offset reads whatever this kernel gave.
public struct TCPInfo: Sendable, Equatable {
    /// The raw bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    private func u8(_ off: Int) -> Int { off < bytes.count ? Int(bytes[off]) : 0 }
    private func u32(_ off: Int) -> Int? {
        guard off + 4 <= bytes.count else { return nil }
        return Int(bytes[off]) | Int(bytes[off + 1]) << 8 | Int(bytes[off + 2]) << 16 | Int(bytes[off + 3]) << 24
    }
    private func u64(_ off: Int) -> Int? {
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

    /// A named field: its value and whether it changes from run to run (timers, counters).
    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: String
        public let volatile: Bool
    }

    /// The fields shown to users, in groups of lines.
    public var fieldLines: [[Field]] {
        func f(_ name: String, _ v: Int?, _ unit: String = "", volatile: Bool = true) -> Field? {
            v.map { Field(name: name, value: "\($0)\(unit)", volatile: volatile) }
        }
        let caStates = ["Open", "Disorder", "CWR", "Recovery", "Loss"]
        let ca = u8(1)
        let line1: [Field?] = [
            Field(name: "state", value: stateName, volatile: false),
            Field(name: "ca_state", value: ca < caStates.count ? caStates[ca] : "\(ca)", volatile: true),
            Field(name: "options", value: options.isEmpty ? "none" : options.joined(separator: ","), volatile: false),
            // The window scales follow the buffer sysctls (tcp_rmem), which differ between machines.
            f("snd_wscale", u8(6) & 0x0f), f("rcv_wscale", u8(6) >> 4),
        ]
        let line2: [Field?] = [
            f("rto", u32(8), "us"), f("ato", u32(12), "us"), f("rtt", u32(68), "us"), f("rttvar", u32(72), "us"),
        ]
        let line3: [Field?] = [
            f("snd_mss", u32(16)), f("rcv_mss", u32(20)), f("advmss", u32(84), volatile: false),
            f("pmtu", u32(60), volatile: false), f("snd_cwnd", u32(80)),
        ]
        let line4: [Field?] = [
            f("retransmits", u8(2)), f("probes", u8(3)), f("backoff", u8(4)), f("unacked", u32(24)),
            f("lost", u32(32)), f("retrans", u32(36)), f("total_retrans", u32(100)),
        ]
        let line5: [Field?] = [
            f("bytes_acked", u64(120)), f("bytes_received", u64(128)), f("segs_out", u32(136)),
            f("segs_in", u32(140)), f("snd_wnd", u32(228)), f("rcv_space", u32(96)),
        ]
        return [line1, line2, line3, line4, line5].map { $0.compactMap { $0 } }.filter { !$0.isEmpty }
    }
}
