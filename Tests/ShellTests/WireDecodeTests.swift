@testable import Shell
import Testing

/// The wire view's decoder and lines, on hand-made frames: what tcpdump would print, sequence numbers relative
/// to the SYN, the kernel's ports and the windows as wildcards in transcripts, and the ladder's arrows.
@Suite("Wire: decoding and lines")
struct WireDecodeTests {
    /// An Ethernet frame (as Linux gives for lo) holding an IPv4 TCP segment.
    static func tcp4(src: [UInt8] = [127, 0, 0, 1], dst: [UInt8] = [127, 0, 0, 1], sport: Int, dport: Int,
                     seq: UInt32, ack: UInt32, flags: UInt8, window: Int = 512, options: [UInt8] = [],
                     data: Int = 0, urgent: Int = 0) -> [UInt8] {
        let tcpLength = 20 + options.count
        let total = 20 + tcpLength + data
        var f = [UInt8](repeating: 0, count: 12) + [0x08, 0x00]
        f += [0x45, 0, UInt8(total >> 8), UInt8(total & 255), 0, 0, 0x40, 0, 64, 6, 0, 0] + src + dst
        f += [UInt8(sport >> 8), UInt8(sport & 255), UInt8(dport >> 8), UInt8(dport & 255)]
        f += be32(seq) + be32(ack) + [UInt8(tcpLength / 4) << 4, flags, UInt8(window >> 8), UInt8(window & 255)]
        f += [0, 0, UInt8(urgent >> 8), UInt8(urgent & 255)] + options
        f += [UInt8](repeating: 0x61, count: data)
        return f
    }

    static func be32(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)]
    }

    func decode(_ d: PacketDecoder, _ frame: [UInt8]) -> WirePacket? {
        frame.withUnsafeBytes { d.decode($0, linkType: PacketDecoder.ethernet, link: "lo", time: 0) }
    }

    @Test("a handshake, data, FIN and RST read as tcpdump writes them, seq/ack relative to each SYN")
    func handshake() throws {
        let d = PacketDecoder()
        let isnC: UInt32 = 3_000_000_000, isnS: UInt32 = 17
        // mss 1200, sackOK, TS, nop, wscale 7
        let synOptions: [UInt8] = [2, 4, 4, 176, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7]
        let syn = try #require(decode(d, Self.tcp4(sport: 41234, dport: 5000, seq: isnC, ack: 0, flags: 0x02,
                                                    options: synOptions)))
        let options = "options [mss 1200, sackOK, TS, wscale 7], len 0"
        #expect(WireText.line(syn).plain == "~ 127.0.0.1:41234 > 127.0.0.1:5000 TCP [S] seq 0, win 512, " + options)
        #expect(WireText.line(syn).wildcarded
            == "~ 127.0.0.1:{port} > 127.0.0.1:5000 TCP [S] seq 0, win {n}, " + options)
        let synAck = try #require(decode(d, Self.tcp4(sport: 5000, dport: 41234, seq: isnS, ack: isnC &+ 1,
                                                       flags: 0x12)))
        #expect(WireText.line(synAck).plain
            == "~ 127.0.0.1:5000 > 127.0.0.1:41234 TCP [S.] seq 0, ack 1, win 512, len 0")
        let push = try #require(decode(d, Self.tcp4(sport: 41234, dport: 5000, seq: isnC &+ 1, ack: isnS + 1,
                                                     flags: 0x18, data: 5)))
        #expect(WireText.line(push).plain.hasSuffix("TCP [P.] seq 1, ack 1, win 512, len 5"))
        let again = try #require(decode(d, Self.tcp4(sport: 41234, dport: 5000, seq: isnC &+ 1, ack: isnS + 1,
                                                      flags: 0x18, data: 5)))
        #expect(WireText.line(again).plain.hasSuffix("len 5 (retransmission)"))
        let urg = try #require(decode(d, Self.tcp4(sport: 41234, dport: 5000, seq: isnC &+ 6, ack: isnS + 1,
                                                    flags: 0x38, data: 1, urgent: 1)))
        #expect(WireText.line(urg).plain.hasSuffix("TCP [P.U] seq 6, ack 1, win 512, len 1, urg 1"))
        let fin = try #require(decode(d, Self.tcp4(sport: 41234, dport: 5000, seq: isnC &+ 7, ack: isnS + 1,
                                                    flags: 0x11)))
        #expect(WireText.line(fin).plain.hasSuffix("TCP [F.] seq 7, ack 1, win 512, len 0"))
        let rst = try #require(decode(d, Self.tcp4(sport: 5000, dport: 41234, seq: isnS + 1, ack: isnC &+ 8,
                                                    flags: 0x14)))
        #expect(WireText.line(rst).plain.hasSuffix("TCP [R.] seq 1, ack 8, win 512, len 0"))
    }

    @Test("IPv6 addresses are compressed, ICMP unreachables named with the datagram they quote")
    func ipv6AndICMP() throws {
        let d = PacketDecoder()
        var f = [UInt8](repeating: 0, count: 12) + [0x86, 0xDD]
        let udp: [UInt8] = [0x9c, 0x40, 0, 9, 0, 14, 0, 0] + [UInt8](repeating: 0x62, count: 6)
        f += [0x60, 0, 0, 0, 0, UInt8(udp.count), 17, 64]
        let loop6 = [UInt8](repeating: 0, count: 15) + [1]
        f += loop6 + loop6 + udp
        let p = try #require(decode(d, f))
        #expect(WireText.line(p).plain == "~ [::1]:40000 > [::1]:9 UDP, length 6")
        #expect(WireText.line(p).wildcarded == "~ [::1]:{port} > [::1]:9 UDP, length 6")

        // ICMP port unreachable quoting a UDP datagram to 127.0.0.1:9.
        var icmp = [UInt8](repeating: 0, count: 12) + [0x08, 0x00]
        let inner: [UInt8] = [0x45, 0, 0, 34, 0, 0, 0, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1]
            + [0x9c, 0x40, 0, 9, 0, 14, 0, 0]
        let body: [UInt8] = [3, 3, 0, 0, 0, 0, 0, 0] + inner
        icmp += [0x45, 0, 0, UInt8(20 + body.count), 0, 0, 0, 0, 64, 1, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1] + body
        let u = try #require(decode(d, icmp))
        #expect(WireText.line(u).plain == "~ 127.0.0.1 > 127.0.0.1 ICMP port unreachable, udp 127.0.0.1:9")
    }

    @Test("a multicast datagram shows its TTL; a lab packet names its hosts and link")
    func multicastTTLAndLab() throws {
        let d = PacketDecoder()
        var f = [UInt8](repeating: 0, count: 12) + [0x08, 0x00]
        f += [0x45, 0, 0, 32, 0, 0, 0, 0, 1, 17, 0, 0, 127, 0, 0, 1, 239, 1, 2, 3]
        f += [0x13, 0x89, 0x13, 0x88, 0, 12, 0, 0, 0x61, 0x62, 0x63, 0x64]
        var p = try #require(f.withUnsafeBytes {
            d.decode($0, linkType: PacketDecoder.ethernet, link: "a-b", time: 0)
        })
        p.sourceHost = "a"
        p.destinationHost = "b"
        #expect(WireText.line(p).plain == "~ a>b a-b 127.0.0.1:5001 > 239.1.2.3:5000 UDP, length 4, ttl 1")
    }

    @Test("the ladder draws one slanted arrow per packet, the causing call beside it, in ASCII or box drawing")
    func ladder() throws {
        let d = PacketDecoder()
        var syn = try #require(decode(d, Self.tcp4(sport: 41234, dport: 5000, seq: 9, ack: 0, flags: 0x02)))
        syn.sourceHandle = "cli"
        syn.destinationHandle = "srv"
        var back = try #require(decode(d, Self.tcp4(sport: 5000, dport: 41234, seq: 100, ack: 10, flags: 0x12)))
        back.destinationHandle = "cli"
        let steps: [WireView.Step] = [.packet(syn, cause: "connect srv"), .packet(back, cause: nil)]
        let ascii = Ladder.draw(steps, unicode: false).map(\.plain)
        #expect(ascii[0] == "  cli                                     srv")
        #expect(ascii[2].hasPrefix("    | [S] seq 0") && ascii[2].hasSuffix("|   <- connect srv"))
        #expect(ascii[3] == "    +-------------------.                   |")
        #expect(ascii[4] == "    |                   '------------------>|")
        #expect(ascii[7] == "    |<------------------'                   |")
        let box = Ladder.draw(steps, unicode: true).map(\.plain)
        #expect(box[3] == "    ├───────────────────╮                   │")
        #expect(box[4] == "    │                   ╰──────────────────▶│")
    }

    @Test("a packet event renders as a `~` note line in text and as one JSON object")
    func renderers() throws {
        let d = PacketDecoder()
        let p = try #require(decode(d, Self.tcp4(sport: 41234, dport: 5000, seq: 1, ack: 0, flags: 0x02)))
        #expect(TextRenderer(style: .wildcards).render([.packet(p)])
            == ["  ~ 127.0.0.1:{port} > 127.0.0.1:5000 TCP [S] seq 0, win {n}, len 0"])
        let json = JSONRenderer().render(.packet(p))
        #expect(json.hasPrefix("{\"event\":\"packet\",\"time_us\":0,\"link\":\"lo\",\"ip\":4,\"src\":\"127.0.0.1\""))
        #expect(json.contains("\"proto\":\"tcp\",\"sport\":41234,\"dport\":5000,\"flags\":\"S\",\"seq\":0"))
    }
}
