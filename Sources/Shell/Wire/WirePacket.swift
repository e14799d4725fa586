/// One packet the wire view captured, decoded (SPEC §8): the payload of `Event.packet`.
///
/// Why typed fields and not a line of text: the terminal, `--json`, the transcript recorder (which writes
/// ports, windows and times as wildcards) and `wire ladder` each show a packet their own way.
public struct WirePacket: Sendable, Equatable {
    /// Microseconds since `wire on` (JSON only: never in a transcript).
    public var time: Int64
    /// The capture point's label ("lo"; a lab link such as "a-b").
    public var link: String
    /// The lab hosts that own the source and destination addresses; nil outside the lab.
    public var sourceHost: String?
    public var destinationHost: String?
    /// 4 or 6.
    public var ipVersion: Int
    /// Addresses as text (`127.0.0.1`, `::1`).
    public var source: String
    public var destination: String
    /// TTL (IPv4) or hop limit (IPv6).
    public var ttl: Int
    /// Bytes of the IP packet as it was on the link.
    public var length: Int
    /// What the IP packet carried.
    public var payload: Payload
    /// The handles of the session's sockets at either end, when known (for the ladder's columns).
    public var sourceHandle: String?
    public var destinationHandle: String?

    /// The transport part.
    public enum Payload: Sendable, Equatable {
        case tcp(TCPSegment)
        /// Ports and the bytes of data.
        case udp(sourcePort: Int, destinationPort: Int, length: Int)
        /// ICMP or ICMPv6: type, code, and what it means (`port unreachable`); for an error the datagram it
        /// quotes (`udp 127.0.0.1:5000`).
        case icmp(version: Int, type: Int, code: Int, meaning: String, quoted: String?)
        /// Any other protocol number (IGMP, ...), named when known.
        case other(protocol: Int, name: String)
    }

    public init(time: Int64, link: String, ipVersion: Int, source: String, destination: String, ttl: Int,
                length: Int, payload: Payload) {
        self.time = time
        self.link = link
        self.ipVersion = ipVersion
        self.source = source
        self.destination = destination
        self.ttl = ttl
        self.length = length
        self.payload = payload
    }

    /// Ports when the payload has them.
    public var ports: (source: Int, destination: Int)? {
        switch payload {
        case .tcp(let t): return (t.sourcePort, t.destinationPort)
        case .udp(let s, let d, _): return (s, d)
        default: return nil
        }
    }

    /// `127.0.0.1:5000`, `[::1]:5000`, or the bare address without ports.
    public func endpoint(source isSource: Bool) -> String {
        let a = isSource ? source : destination
        guard let p = ports else { return a }
        let port = isSource ? p.source : p.destination
        return (ipVersion == 6 ? "[\(a)]" : a) + ":" + String(port)
    }
}

/// A TCP segment as the wire view shows it: tcpdump's fields, sequence numbers relative to the SYN.
public struct TCPSegment: Sendable, Equatable {
    public var sourcePort: Int
    public var destinationPort: Int
    /// The flag bits of the header (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE, CWR).
    public var flags: UInt8
    /// Sequence number relative to this direction's SYN (or to the first segment seen, when the SYN was not).
    public var seq: UInt32
    /// Acknowledgment relative to the other direction's SYN; nil without ACK.
    public var ack: UInt32?
    /// The window field as sent (not scaled).
    public var window: Int
    /// Bytes of data.
    public var dataLength: Int
    /// The urgent pointer when URG is set.
    public var urgent: Int?
    /// Options in the order they came.
    public var options: [TCPOption]
    /// A data segment that covers only bytes sent before (seq below the highest seen).
    public var retransmission: Bool

    public init(sourcePort: Int, destinationPort: Int, flags: UInt8, seq: UInt32, ack: UInt32?, window: Int,
                dataLength: Int, urgent: Int?, options: [TCPOption], retransmission: Bool) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.flags = flags
        self.seq = seq
        self.ack = ack
        self.window = window
        self.dataLength = dataLength
        self.urgent = urgent
        self.options = options
        self.retransmission = retransmission
    }

    public static let fin: UInt8 = 0x01, syn: UInt8 = 0x02, rst: UInt8 = 0x04, psh: UInt8 = 0x08
    public static let ackFlag: UInt8 = 0x10, urg: UInt8 = 0x20, ece: UInt8 = 0x40, cwr: UInt8 = 0x80

    /// Flags as tcpdump writes them, in its order: `S`, `S.`, `P.`, `F.`, `R`, `.` for a bare ACK, `none`.
    public var flagText: String {
        var s = ""
        for (bit, c) in [(TCPSegment.fin, "F"), (TCPSegment.syn, "S"), (TCPSegment.rst, "R"),
                         (TCPSegment.psh, "P"), (TCPSegment.ackFlag, "."), (TCPSegment.urg, "U"),
                         (TCPSegment.ece, "E"), (TCPSegment.cwr, "W")] where flags & bit != 0 {
            s += c
        }
        return s.isEmpty ? "none" : s
    }

    /// SYN, FIN or RST: the segments that open and close a connection.
    public var isControl: Bool { flags & (TCPSegment.syn | TCPSegment.fin | TCPSegment.rst) != 0 }
}

/// A TCP option.
public enum TCPOption: Sendable, Equatable {
    case mss(Int)
    case windowScale(Int)
    case sackPermitted
    /// SACK blocks, relative to the receiver's view of this direction's sequence numbers.
    case sack([(UInt32, UInt32)])
    /// Timestamps: value and echo reply (vary run to run: shown as `TS` in lines, given in JSON).
    case timestamps(UInt32, UInt32)
    case other(kind: Int, length: Int)

    public static func == (a: TCPOption, b: TCPOption) -> Bool {
        switch (a, b) {
        case (.mss(let x), .mss(let y)), (.windowScale(let x), .windowScale(let y)): return x == y
        case (.sackPermitted, .sackPermitted): return true
        case (.sack(let x), .sack(let y)): return x.elementsEqual(y) { $0 == $1 }
        case (.timestamps(let a1, let a2), .timestamps(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.other(let k1, let l1), .other(let k2, let l2)): return k1 == k2 && l1 == l2
        default: return false
        }
    }
}

/// What a bulk transfer put on the wire during one command, per direction (SPEC §8: long transfers are
/// summarised rather than shown one line per packet).
public struct WireSummary: Sendable, Equatable {
    /// One direction of one connection.
    public struct Flow: Sendable, Equatable {
        public var link: String
        public var sourceHost: String?
        public var destinationHost: String?
        public var source: String
        public var destination: String
        /// The ports, to tell kernel-chosen ones (wildcards in transcripts) from fixed ones.
        public var sourcePort: Int
        public var destinationPort: Int
        public var segments: Int = 0
        /// Bytes of new data (TCP payload; retransmitted bytes are not counted again).
        public var bytes: Int = 0
        public var retransmissions: Int = 0
        /// The largest segment's data length.
        public var largest: Int = 0
    }

    public var flows: [Flow]
    /// Packets the kernel dropped from the capture buffer before they were read (counted by libpcap).
    public var dropped: Int

    public init(flows: [Flow], dropped: Int) {
        self.flows = flows
        self.dropped = dropped
    }
}

extension WirePacket {
    /// An IGMP message or an MLD query, report or done (ICMPv6 130, 131, 132, 143): group-membership chatter.
    var isGroupReport: Bool {
        switch payload {
        case .other(let proto, _): return proto == 2
        case .icmp(let version, let type, _, _, _): return version == 6 && [130, 131, 132, 143].contains(type)
        default: return false
        }
    }
}
