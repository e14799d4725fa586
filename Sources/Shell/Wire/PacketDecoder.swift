/// Turns the bytes libpcap captured into `WirePacket`s: Ethernet (what Linux gives for `lo` and veth), IPv4,
/// IPv6, TCP, UDP, ICMP and ICMPv6.
///
/// Why a class with state: sequence numbers are shown relative to each direction's SYN (as tcpdump does), so
/// the decoder remembers every connection's initial sequence numbers and the highest byte sent (to mark
/// retransmissions).
final class PacketDecoder {
    /// Per direction of a connection: its initial sequence number and the end of the highest data seen.
    struct Direction {
        var isn: UInt32
        var highest: UInt32
    }

    /// Keyed by "link src sport > dst dport": in the routed lab a segment crosses two links, and its copy on the
    /// second is not a retransmission.
    var directions: [String: Direction] = [:]
    /// The link of the frame being decoded.
    private var link = ""

    /// Directions first seen mid-stream with an empty ACK, by its raw sequence number: a keepalive probe (one
    /// byte below the next) or a plain ACK (at the next byte) look alike until the answer comes.
    var emptyFirst: [String: UInt32] = [:]
    /// Directions found, within the batch being decoded, to have begun with a keepalive probe: the answer acked
    /// the byte after it. The caller decodes the batch again with `presetProbes` so the probe reads seq 0, one
    /// below the next byte (which reads 1, as for every connection first seen mid-stream).
    var probeStarts: [String: UInt32] = [:]

    /// Before decoding a batch again: the state it started from, with the probes found in it taken as such.
    func presetProbes(_ saved: [String: Direction], _ probes: [String: UInt32]) {
        directions = saved
        emptyFirst = [:]
        probeStarts = [:]
        for (key, seq) in probes where saved[key] == nil { directions[key] = Direction(isn: seq, highest: seq &+ 1) }
    }

    /// Link types libpcap reports (DLT_*).
    static let ethernet: Int32 = 1, raw: Int32 = 12, linuxSLL: Int32 = 113, raw2: Int32 = 101

    /// Decodes one captured frame; nil for what is not IP (ARP, ...) or too short to read.
    func decode(_ b: UnsafeRawBufferPointer, linkType: Int32, link: String, time: Int64) -> WirePacket? {
        self.link = link
        var off: Int
        var etherType: Int
        switch linkType {
        case Self.ethernet:
            guard b.count >= 14 else { return nil }
            off = 14
            etherType = Int(u16(b, 12))
            if etherType == 0x8100, b.count >= 18 {  // one VLAN tag
                etherType = Int(u16(b, 16))
                off = 18
            }
        case Self.linuxSLL:
            guard b.count >= 16 else { return nil }
            off = 16
            etherType = Int(u16(b, 14))
        case Self.raw, Self.raw2:
            guard b.count >= 1 else { return nil }
            off = 0
            etherType = b[0] >> 4 == 6 ? 0x86DD : 0x0800
        default:
            return nil
        }
        switch etherType {
        case 0x0800: return ipv4(b, off, link: link, time: time)
        case 0x86DD: return ipv6(b, off, link: link, time: time)
        default: return nil
        }
    }

    func ipv4(_ b: UnsafeRawBufferPointer, _ o: Int, link: String, time: Int64) -> WirePacket? {
        guard b.count >= o + 20, b[o] >> 4 == 4 else { return nil }
        let ihl = Int(b[o] & 15) * 4
        let total = Int(u16(b, o + 2))
        let proto = Int(b[o + 9])
        let fragment = u16(b, o + 6) & 0x1fff
        let src = Self.ipv4Text(b, o + 12), dst = Self.ipv4Text(b, o + 16)
        let end = min(b.count, o + max(total, ihl))
        var p = WirePacket(time: time, link: link, ipVersion: 4, source: src, destination: dst, ttl: Int(b[o + 8]),
                           length: total, payload: .other(protocol: proto, name: Self.protocolName(proto)))
        guard fragment == 0 else { return p }  // a later fragment has no transport header
        p.payload = transport(proto, b, o + ihl, end, dataLength: total - ihl, src: src, dst: dst, v: 4)
        return p
    }

    func ipv6(_ b: UnsafeRawBufferPointer, _ o: Int, link: String, time: Int64) -> WirePacket? {
        guard b.count >= o + 40, b[o] >> 4 == 6 else { return nil }
        let payloadLength = Int(u16(b, o + 4))
        var next = Int(b[o + 6])
        let src = Self.ipv6Text(b, o + 8), dst = Self.ipv6Text(b, o + 24)
        var h = o + 40
        let end = min(b.count, h + payloadLength)
        // Hop-by-hop, routing and destination options headers (MLD reports carry a hop-by-hop one).
        while [0, 43, 60].contains(next), h + 8 <= end {
            next = Int(b[h])
            h += (Int(b[h + 1]) + 1) * 8
        }
        var p = WirePacket(time: time, link: link, ipVersion: 6, source: src, destination: dst, ttl: Int(b[o + 7]),
                           length: payloadLength + 40, payload: .other(protocol: next, name: Self.protocolName(next)))
        p.payload = transport(next, b, h, end, dataLength: o + 40 + payloadLength - h, src: src, dst: dst, v: 6)
        return p
    }

    func transport(_ proto: Int, _ b: UnsafeRawBufferPointer, _ o: Int, _ end: Int, dataLength: Int,
                   src: String, dst: String, v: Int) -> WirePacket.Payload {
        switch proto {
        case 6 where end >= o + 20: return .tcp(tcp(b, o, end, segmentLength: dataLength, src: src, dst: dst))
        case 17 where end >= o + 8:
            return .udp(sourcePort: Int(u16(b, o)), destinationPort: Int(u16(b, o + 2)),
                        length: max(0, Int(u16(b, o + 4)) - 8))
        case 1 where end >= o + 4, 58 where end >= o + 4:
            let version = proto == 1 ? 4 : 6
            let type = Int(b[o]), code = Int(b[o + 1])
            return .icmp(version: version, type: type, code: code,
                         meaning: ICMPNames.meaning(version: version, type: type, code: code),
                         quoted: quotedDatagram(b, o + 8, end, version: version, type: type))
        case 2 where end >= o + 8:
            // IGMP: what a join or leave sends (and repeats once or twice a moment later: robustness).
            let names: [UInt8: String] = [0x11: "IGMP query", 0x12: "IGMP v1 report", 0x16: "IGMP v2 report",
                                          0x17: "IGMP leave", 0x22: "IGMP v3 report"]
            var name = names[b[o]] ?? "IGMP type \(b[o])"
            if b[o] == 0x16 || b[o] == 0x17 { name += " " + Self.ipv4Text(b, o + 4) }
            return .other(protocol: proto, name: name)
        default: return .other(protocol: proto, name: Self.protocolName(proto))
        }
    }

    /// What an ICMP error quotes: `udp 127.0.0.1:5000` (the datagram that caused it).
    func quotedDatagram(_ b: UnsafeRawBufferPointer, _ o: Int, _ end: Int, version: Int, type: Int) -> String? {
        let isError = version == 4 ? [3, 4, 5, 11, 12].contains(type) : (1...4).contains(type)
        guard isError else { return nil }
        var proto: Int, dst: String, h: Int
        if version == 4 {
            guard end >= o + 20, b[o] >> 4 == 4 else { return nil }
            proto = Int(b[o + 9])
            dst = Self.ipv4Text(b, o + 16)
            h = o + Int(b[o] & 15) * 4
        } else {
            guard end >= o + 40, b[o] >> 4 == 6 else { return nil }
            proto = Int(b[o + 6])
            dst = "[" + Self.ipv6Text(b, o + 24) + "]"
            h = o + 40
        }
        let name = proto == 6 ? "tcp" : proto == 17 ? "udp" : Self.protocolName(proto)
        guard (proto == 6 || proto == 17), end >= h + 4 else { return "\(name) \(dst)" }
        return "\(name) \(dst):\(u16(b, h + 2))"
    }

    func tcp(_ b: UnsafeRawBufferPointer, _ o: Int, _ end: Int, segmentLength: Int, src: String,
             dst: String) -> TCPSegment {
        let sport = Int(u16(b, o)), dport = Int(u16(b, o + 2))
        let rawSeq = u32(b, o + 4), rawAck = u32(b, o + 8)
        let headerLength = Int(b[o + 12] >> 4) * 4
        let flags = b[o + 13]
        let dataLength = max(0, segmentLength - headerLength)
        let key = "\(link) \(src) \(sport) > \(dst) \(dport)"
        let back = "\(link) \(dst) \(dport) > \(src) \(sport)"
        if flags & TCPSegment.syn != 0 {
            // A new SYN starts the connection over (a port used again): forget the old numbers both ways.
            if flags & TCPSegment.ackFlag == 0 { directions[back] = nil }
            directions[key] = Direction(isn: rawSeq, highest: rawSeq &+ 1)
        } else if directions[key] == nil {
            // First seen mid-stream: the next byte reads as 1, as after a SYN. A reset that answers a SYN (a closed
            // port) carries sequence number 0 and stays 0, as tcpdump shows it.
            let isn = flags & TCPSegment.rst != 0 && rawSeq == 0 ? 0 : rawSeq &- 1
            directions[key] = Direction(isn: isn, highest: rawSeq)
            if dataLength == 0, flags & (TCPSegment.syn | TCPSegment.fin | TCPSegment.rst) == 0,
               flags & TCPSegment.ackFlag != 0, directions[back] == nil {
                emptyFirst[key] = rawSeq
            }
        } else if let first = emptyFirst[key], first != rawSeq || dataLength > 0 {
            // Another segment the same way before any answer: not a lone probe.
            emptyFirst[key] = nil
        }
        var d = directions[key]!
        let seq = rawSeq &- d.isn
        let endSeq = rawSeq &+ UInt32(dataLength)
        let retransmission = dataLength > 0 && Int32(bitPattern: endSeq &- d.highest) <= 0
        if Int32(bitPattern: endSeq &- d.highest) > 0 { d.highest = endSeq }
        directions[key] = d
        var ack: UInt32?
        if flags & TCPSegment.ackFlag != 0 {
            if directions[back] == nil { directions[back] = Direction(isn: rawAck &- 1, highest: rawAck) }
            if let first = emptyFirst.removeValue(forKey: back), rawAck == first &+ 1 { probeStarts[back] = first }
            ack = rawAck &- directions[back]!.isn
        }
        var options: [TCPOption] = []
        var k = o + 20
        let optionsEnd = min(end, o + headerLength)
        while k < optionsEnd {
            let kind = Int(b[k])
            if kind == 0 { break }
            if kind == 1 { k += 1; continue }
            guard k + 1 < optionsEnd else { break }
            let len = Int(b[k + 1])
            guard len >= 2, k + len <= optionsEnd else { break }
            switch (kind, len) {
            case (2, 4): options.append(.mss(Int(u16(b, k + 2))))
            case (3, 3): options.append(.windowScale(Int(b[k + 2])))
            case (4, 2): options.append(.sackPermitted)
            case (5, _):
                let base = directions[back]?.isn ?? 0
                var blocks: [(UInt32, UInt32)] = []
                var j = k + 2
                while j + 8 <= k + len {
                    blocks.append((u32(b, j) &- base, u32(b, j + 4) &- base))
                    j += 8
                }
                options.append(.sack(blocks))
            case (8, 10): options.append(.timestamps(u32(b, k + 2), u32(b, k + 6)))
            default: options.append(.other(kind: kind, length: len))
            }
            k += len
        }
        return TCPSegment(sourcePort: sport, destinationPort: dport, flags: flags, seq: seq, ack: ack,
                          window: Int(u16(b, o + 14)), dataLength: dataLength,
                          urgent: flags & TCPSegment.urg != 0 ? Int(u16(b, o + 18)) : nil,
                          options: options, retransmission: retransmission)
    }

    @inline(__always) func u16(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt16 {
        UInt16(b[i]) << 8 | UInt16(b[i + 1])
    }

    @inline(__always) func u32(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    static func ipv4Text(_ b: UnsafeRawBufferPointer, _ i: Int) -> String {
        "\(b[i]).\(b[i + 1]).\(b[i + 2]).\(b[i + 3])"
    }

    /// RFC 5952 text: lower-case hex, the longest run of two or more zero groups as `::`.
    static func ipv6Text(_ b: UnsafeRawBufferPointer, _ i: Int) -> String {
        let groups = (0..<8).map { Int(b[i + 2 * $0]) << 8 | Int(b[i + 2 * $0 + 1]) }
        var bestStart = -1, bestLength = 1, k = 0
        while k < 8 {
            guard groups[k] == 0 else { k += 1; continue }
            var j = k
            while j < 8, groups[j] == 0 { j += 1 }
            if j - k > bestLength { bestStart = k; bestLength = j - k }
            k = j
        }
        func hex(_ r: ArraySlice<Int>) -> String { r.map { String($0, radix: 16) }.joined(separator: ":") }
        guard bestStart >= 0 else { return hex(groups[...]) }
        if bestStart == 0 && bestLength == 5 && groups[5] == 0xffff {  // IPv4-mapped
            return "::ffff:\(groups[6] >> 8).\(groups[6] & 255).\(groups[7] >> 8).\(groups[7] & 255)"
        }
        return hex(groups[..<bestStart]) + "::" + hex(groups[(bestStart + bestLength)...])
    }

    static func protocolName(_ p: Int) -> String {
        switch p {
        case 1: return "ICMP"
        case 2: return "IGMP"
        case 6: return "TCP"
        case 17: return "UDP"
        case 58: return "ICMP6"
        case 132: return "SCTP"
        default: return "proto \(p)"
        }
    }
}
