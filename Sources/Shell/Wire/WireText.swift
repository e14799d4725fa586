import Glibc
import SocketCore

/// The one-line form of a captured packet, tcpdump's words (SPEC §8):
/// `~ 127.0.0.1:41234 > 127.0.0.1:5000 TCP [F.] seq 1, ack 1, win 512, len 0`.
///
/// Why a `Line` with volatile pieces: a transcript must replay, so what changes from run to run — a port the
/// kernel chose, the window, a count of segments — is a wildcard there, while flags, relative sequence numbers
/// and lengths, which the lesson is about, stay literal.
public enum WireText {
    /// The kernel's ephemeral port range in the shell's namespace (ports it chooses for `bind :0`, `connect`).
    static let ephemeral: ClosedRange<Int> = {
        guard let bytes = KernelFile.read("/proc/sys/net/ipv4/ip_local_port_range", limit: 64), !bytes.isEmpty else {
            return 32768...60999
        }
        let words = String(decoding: bytes, as: UTF8.self).split { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard words.count == 2, let lo = Int(words[0]), let hi = Int(words[1]), lo <= hi else { return 32768...60999 }
        return lo...hi
    }()

    /// A port: a wildcard when the kernel could have chosen it.
    static func port(_ p: Int) -> Line {
        ephemeral.contains(p) ? .volatile(String(p), .port) : Line(String(p))
    }

    static func endpoint(_ address: String, _ v: Int, _ port: Int) -> Line {
        "\(v == 6 ? "[" + address + "]" : address):\(WireText.port(port))"
    }

    /// `a>b a-b ` in the lab (hosts and link), nothing on the shell's own loopback.
    static func place(_ link: String, _ from: String?, _ to: String?) -> String {
        guard from != nil || to != nil || link != "lo" else { return "" }
        return "\(from ?? "?")>\(to ?? "?") \(link) "
    }

    static func isMulticastOrBroadcast(_ address: String, _ v: Int) -> Bool {
        if v == 6 { return address.hasPrefix("ff") }
        guard let first = Int(address.prefix { $0 != "." }) else { return false }
        return (224...239).contains(first) || address.hasSuffix(".255")
    }

    /// The line of one packet, without the indentation.
    public static func line(_ p: WirePacket) -> Line {
        let head = "~ " + place(p.link, p.sourceHost, p.destinationHost)
        switch p.payload {
        case .tcp(let t):
            var l: Line = "\(head)\(endpoint(p.source, p.ipVersion, t.sourcePort)) > "
                + "\(endpoint(p.destination, p.ipVersion, t.destinationPort)) TCP [\(t.flagText)] seq \(t.seq)"
            if let a = t.ack { l = l + ", ack \(a)" }
            l = l + ", win " + .volatile(String(t.window), .n)
            let shown = options(t.options, syn: t.flags & TCPSegment.syn != 0)
            if !shown.isEmpty { l = l + ", options [\(shown)]" }
            l = l + ", len \(t.dataLength)"
            if let u = t.urgent { l = l + ", urg \(u)" }
            if t.retransmission { l = l + " (retransmission)" }
            return l
        case .udp(let s, let d, let length):
            var l: Line = "\(head)\(endpoint(p.source, p.ipVersion, s)) > \(endpoint(p.destination, p.ipVersion, d)) "
                + "UDP, length \(length)"
            if isMulticastOrBroadcast(p.destination, p.ipVersion) {
                l = l + ", \(p.ipVersion == 6 ? "hlim" : "ttl") \(p.ttl)"
            }
            return l
        case .icmp(let v, _, _, let meaning, let quoted):
            return Line("\(head)\(p.source) > \(p.destination) \(v == 6 ? "ICMP6" : "ICMP") \(meaning)"
                + (quoted.map { ", " + $0 } ?? ""))
        case .other(_, let name):
            return "\(head)\(p.source) > \(p.destination) \(name), length \(p.length)"
        }
    }

    /// TCP options as tcpdump names them; timestamps only as `TS` (their values change every run), and
    /// outside a SYN only SACK blocks (the rest repeats what the SYN said).
    static func options(_ o: [TCPOption], syn: Bool) -> String {
        var words: [String] = []
        for x in o {
            switch x {
            case .mss(let m) where syn: words.append("mss \(m)")
            case .windowScale(let w) where syn: words.append("wscale \(w)")
            case .sackPermitted where syn: words.append("sackOK")
            case .timestamps where syn: words.append("TS")
            case .sack(let blocks): words.append("sack " + blocks.map { "{\($0.0):\($0.1)}" }.joined(separator: " "))
            case .other(let k, _) where syn: words.append("opt-\(k)")
            default: break
            }
        }
        return words.joined(separator: ", ")
    }

    /// The lines of a bulk transfer's counts, one per direction.
    public static func lines(_ s: WireSummary) -> [Line] {
        var out: [Line] = []
        for f in s.flows {
            let v = f.source.contains(":") ? 6 : 4
            var l: Line = "~ \(place(f.link, f.sourceHost, f.destinationHost))"
                + "\(endpoint(f.source, v, f.sourcePort)) > \(endpoint(f.destination, v, f.destinationPort)) TCP "
            if f.bytes == 0 {
                l = l + .volatile(String(f.segments), .n) + " ACKs, no data"
            } else {
                l = l + .volatile(String(f.segments), .n) + " segments, \(f.bytes) bytes, largest "
                    + .volatile(String(f.largest), .n) + ", retransmitted " + .volatile(String(f.retransmissions), .n)
            }
            out.append(l)
        }
        if s.dropped > 0 {
            out.append("~ " + .volatile(String(s.dropped), .n)
                + " packets were dropped by the capture (counts are low)")
        }
        return out
    }
}
