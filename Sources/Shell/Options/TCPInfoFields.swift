import SocketCore

/// The fields of `struct tcp_info` as the shell shows them (`getopt TCP_INFO`): names, units, and which values
/// change from run to run.
///
/// Why here and not in SocketCore: SocketCore decodes the kernel's struct (typed POSIX); how to group the
/// fields for a reader and which of them a transcript writes as a wildcard are the shell's choices.
extension TCPInfo {
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
