// setopt and getopt: every option of SPEC §4 with the C type behind it, value forms, and the getopt table.

import Glibc
import Shell
import Testing

/// One option set on a kind of socket and read back.
struct OptionCase: Sendable, CustomStringConvertible {
    let socket: String
    let set: String
    let setShows: String
    let get: String
    let getShows: String
    var description: String { "\(socket): \(set)" }
}

@Suite("Option commands")
struct OptionCommandTests {
    /// Every settable option of SPEC §4: the setsockopt line and the getsockopt line that follow.
    static let cases: [OptionCase] = [
        .init(socket: "tcp", set: "SO_KEEPALIVE on", setShows: "SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0",
              get: "so_keepalive", getShows: "SOL_SOCKET, SO_KEEPALIVE, [1], [4]) = 0"),
        .init(socket: "tcp", set: "SO_LINGER on 5", setShows: "SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0",
              get: "linger", getShows: "SO_LINGER, {l_onoff=1, l_linger=5}, [8]) = 0"),
        .init(socket: "tcp", set: "linger off", setShows: "SO_LINGER, {l_onoff=0, l_linger=0}, 8) = 0",
              get: "SO_LINGER", getShows: "SO_LINGER, {l_onoff=0, l_linger=0}, [8]) = 0"),
        .init(socket: "tcp", set: "SO_RCVBUF 32K", setShows: "SO_RCVBUF, [32768], 4) = 0",
              get: "rcvbuf", getShows: "SO_RCVBUF, [65536], [4]) = 0"),
        .init(socket: "tcp", set: "sndbuf 16384", setShows: "SO_SNDBUF, [16384], 4) = 0",
              get: "SO_SNDBUF", getShows: "SO_SNDBUF, [32768], [4]) = 0"),
        .init(socket: "tcp", set: "SO_REUSEADDR yes", setShows: "SO_REUSEADDR, [1], 4) = 0",
              get: "reuseaddr", getShows: "SO_REUSEADDR, [1], [4]) = 0"),
        .init(socket: "tcp", set: "reuseport true", setShows: "SO_REUSEPORT, [1], 4) = 0",
              get: "SO_REUSEPORT", getShows: "SO_REUSEPORT, [1], [4]) = 0"),
        .init(socket: "tcp", set: "SO_OOBINLINE 1", setShows: "SO_OOBINLINE, [1], 4) = 0",
              get: "oobinline", getShows: "SO_OOBINLINE, [1], [4]) = 0"),
        .init(socket: "tcp", set: "SO_RCVLOWAT 5", setShows: "SO_RCVLOWAT, [5], 4) = 0",
              get: "rcvlowat", getShows: "SO_RCVLOWAT, [5], [4]) = 0"),
        .init(socket: "tcp", set: "SO_SNDLOWAT 10", setShows: "SO_SNDLOWAT, [10], 4) = -1 ENOPROTOOPT *",
              get: "sndlowat", getShows: "SO_SNDLOWAT, [1], [4]) = 0"),
        .init(socket: "tcp", set: "SO_DONTROUTE on", setShows: "SO_DONTROUTE, [1], 4) = 0",
              get: "dontroute", getShows: "SO_DONTROUTE, [1], [4]) = 0"),
        .init(socket: "udp", set: "SO_BROADCAST on", setShows: "SO_BROADCAST, [1], 4) = 0",
              get: "broadcast", getShows: "SO_BROADCAST, [1], [4]) = 0"),
        .init(socket: "tcp", set: "SO_RCVTIMEO 2s", setShows: "SO_RCVTIMEO, {tv_sec=2, tv_usec=0}, 16) = 0",
              get: "rcvtimeo", getShows: "SO_RCVTIMEO, {tv_sec=2, tv_usec=0}, [16]) = 0"),
        .init(socket: "tcp", set: "SO_SNDTIMEO 1500ms",
              setShows: "SO_SNDTIMEO, {tv_sec=1, tv_usec=500000}, 16) = 0",
              get: "sndtimeo", getShows: "SO_SNDTIMEO, {tv_sec=1, tv_usec=5*}, [16]) = 0"),
        .init(socket: "tcp", set: "TCP_NODELAY on", setShows: "IPPROTO_TCP, TCP_NODELAY, [1], 4) = 0",
              get: "nodelay", getShows: "IPPROTO_TCP, TCP_NODELAY, [1], [4]) = 0"),
        .init(socket: "tcp", set: "TCP_MAXSEG 1200", setShows: "TCP_MAXSEG, [1200], 4) = 0",
              get: "maxseg", getShows: "TCP_MAXSEG, [1200], [4]) = 0"),
        .init(socket: "tcp", set: "TCP_KEEPIDLE 30", setShows: "TCP_KEEPIDLE, [30], 4) = 0",
              get: "keepidle", getShows: "TCP_KEEPIDLE, [30], [4]) = 0"),
        .init(socket: "tcp", set: "keepidle 2m", setShows: "TCP_KEEPIDLE, [120], 4) = 0",
              get: "TCP_KEEPIDLE", getShows: "TCP_KEEPIDLE, [120], [4]) = 0"),
        .init(socket: "tcp", set: "TCP_KEEPINTVL 5", setShows: "TCP_KEEPINTVL, [5], 4) = 0",
              get: "keepintvl", getShows: "TCP_KEEPINTVL, [5], [4]) = 0"),
        .init(socket: "tcp", set: "TCP_KEEPCNT 3", setShows: "TCP_KEEPCNT, [3], 4) = 0",
              get: "keepcnt", getShows: "TCP_KEEPCNT, [3], [4]) = 0"),
        .init(socket: "tcp", set: "TCP_SYNCNT 2", setShows: "TCP_SYNCNT, [2], 4) = 0",
              get: "syncnt", getShows: "TCP_SYNCNT, [2], [4]) = 0"),
        .init(socket: "tcp", set: "TCP_CORK on", setShows: "TCP_CORK, [1], 4) = 0",
              get: "cork", getShows: "TCP_CORK, [1], [4]) = 0"),
        .init(socket: "tcp", set: "TCP_QUICKACK off", setShows: "TCP_QUICKACK, [0], 4) = 0",
              get: "quickack", getShows: "TCP_QUICKACK, [0], [4]) = 0"),
        .init(socket: "tcp", set: "TCP_USER_TIMEOUT 2s", setShows: "TCP_USER_TIMEOUT, [2000], 4) = 0",
              get: "user_timeout", getShows: "TCP_USER_TIMEOUT, [2000], [4]) = 0"),
        .init(socket: "tcp", set: "TCP_CONGESTION reno", setShows: "TCP_CONGESTION, \"reno\", 4) = 0",
              get: "congestion", getShows: "TCP_CONGESTION, \"reno\", [*]) = 0"),
        .init(socket: "tcp", set: "IP_TTL 9", setShows: "IPPROTO_IP, IP_TTL, [9], 4) = 0",
              get: "ttl", getShows: "IPPROTO_IP, IP_TTL, [9], [4]) = 0"),
        .init(socket: "udp", set: "IP_TOS 16", setShows: "IP_TOS, [16], 4) = 0",
              get: "tos", getShows: "IP_TOS, [16], [4]) = 0"),
        .init(socket: "udp", set: "IP_MULTICAST_TTL 4", setShows: "IP_MULTICAST_TTL, [4], 4) = 0",
              get: "multicast_ttl", getShows: "IP_MULTICAST_TTL, [4], [4]) = 0"),
        .init(socket: "udp", set: "multicast_loop off", setShows: "IP_MULTICAST_LOOP, [0], 4) = 0",
              get: "IP_MULTICAST_LOOP", getShows: "IP_MULTICAST_LOOP, [0], [4]) = 0"),
        .init(socket: "udp", set: "IP_MULTICAST_IF 127.0.0.1",
              setShows: "IP_MULTICAST_IF, {imr_multiaddr=inet_addr(\"0.0.0.0\"), "
                  + "imr_address=inet_addr(\"127.0.0.1\"), imr_ifindex=0}, 12) = 0",
              get: "multicast_if", getShows: "IP_MULTICAST_IF, [inet_addr(\"127.0.0.1\")], [4]) = 0"),
        .init(socket: "udp 6", set: "IPV6_V6ONLY on", setShows: "IPPROTO_IPV6, IPV6_V6ONLY, [1], 4) = 0",
              get: "v6only", getShows: "IPPROTO_IPV6, IPV6_V6ONLY, [1], [4]) = 0"),
        .init(socket: "tcp 6", set: "IPV6_UNICAST_HOPS 9", setShows: "IPV6_UNICAST_HOPS, [9], 4) = 0",
              get: "unicast_hops", getShows: "IPV6_UNICAST_HOPS, [9], [4]) = 0"),
        .init(socket: "udp 6", set: "IPV6_MULTICAST_HOPS 4", setShows: "IPV6_MULTICAST_HOPS, [4], 4) = 0",
              get: "multicast_hops", getShows: "IPV6_MULTICAST_HOPS, [4], [4]) = 0"),
        .init(socket: "udp 6", set: "multicast_loop off", setShows: "IPV6_MULTICAST_LOOP, [0], 4) = 0",
              get: "multicast_loop", getShows: "IPV6_MULTICAST_LOOP, [0], [4]) = 0"),
        .init(socket: "udp 6", set: "multicast_if lo", setShows: "IPV6_MULTICAST_IF, [\(if_nametoindex("lo"))], 4) = 0",
              get: "IPV6_MULTICAST_IF", getShows: "IPV6_MULTICAST_IF, [\(if_nametoindex("lo"))], [4]) = 0"),
    ]

    @Test("set, then read back, with the C value shown both times", arguments: cases)
    func setAndRead(_ c: OptionCase) {
        let sh = TestShell()
        sh.run("socket \(c.socket)")
        let set = sh.run("setopt \(c.set)")
        expectLine(set, "setsockopt(*, \(c.setShows)")
        let get = sh.run("getopt \(c.get)")
        expectLine(get, "getsockopt(*, \(c.getShows)")
    }

    @Test("read-only options read: SO_TYPE, SO_ERROR, SO_ACCEPTCONN")
    func readOnly() {
        let sh = TestShell()
        sh.run("socket udp")
        expectLine(sh.run("getopt SO_TYPE"), "getsockopt(*, SOL_SOCKET, SO_TYPE, [SOCK_DGRAM], [4]) = 0")
        expectLine(sh.run("getopt error"), "getsockopt(*, SOL_SOCKET, SO_ERROR, [0], [4]) = 0")
        sh.run("socket tcp; bind 127.0.0.1:0")
        expectLine(sh.run("getopt acceptconn"), "getsockopt(*, SO_ACCEPTCONN, [0], [4]) = 0")
        sh.run("listen")
        expectLine(sh.run("getopt acceptconn"), "getsockopt(*, SO_ACCEPTCONN, [1], [4]) = 0")
        expectLine(sh.run("getopt SO_TYPE"), "getsockopt(*, SO_TYPE, [SOCK_STREAM], [4]) = 0")
        #expect(sh.inputError("setopt TCP_INFO 1")?.message.contains("read-only") == true)
        #expect(sh.inputError("getopt IP_ADD_MEMBERSHIP")?.message.contains("cannot be read") == true)
    }

    @Test("TCP_INFO is decoded: state and fields, on a connected pair and a listener")
    func tcpInfo() {
        let sh = TestShell()
        sh.tcpPair()
        let out = sh.run("getopt TCP_INFO")
        expectLine(out, "getsockopt(*, IPPROTO_TCP, TCP_INFO, {tcpi_state=TCP_ESTABLISHED, ...}, [*]) = 0")
        expectLine(out, "  state=ESTABLISHED ca_state=* options=*TS*")
        expectLine(out, "  rto=*us ato=*us rtt=*us rttvar=*us")
        expectLine(out, "  snd_mss=* rcv_mss=* advmss=* pmtu=* snd_cwnd=*")
        expectLine(sh.run("@srv getopt tcp_info"), "getsockopt(*, {tcpi_state=TCP_LISTEN, ...}, [*]) = 0")
        sh.run("@cli shutdown wr; recv")
        expectLine(sh.run("getopt info"), "*{tcpi_state=TCP_CLOSE_WAIT, ...}*")
    }

    @Test("TCP_MAXSEG set before connect shapes the MSS the handshake agrees")
    func maxsegBeforeConnect() {
        let sh = TestShell()
        sh.run("socket tcp as srv; bind 127.0.0.1:0; listen; socket tcp as cli; setopt TCP_MAXSEG 1200")
        sh.run("connect srv; @srv accept as conn")
        let got = sh.text("@cli getopt TCP_MAXSEG")
        let value = got.split(separator: "[").dropFirst(1).first.flatMap { Int($0.prefix { $0 != "]" }) }
        #expect(value.map { $0 <= 1200 && $0 >= 1100 } == true, "\(got)")
    }

    @Test("switches take on|off|1|0|true|false|yes|no, any case",
          arguments: [("on", 1), ("ON", 1), ("1", 1), ("true", 1), ("yes", 1), ("off", 0), ("0", 0),
                      ("false", 0), ("No", 0)])
    func switches(_ word: String, _ value: Int) {
        let sh = TestShell()
        sh.run("socket tcp")
        expectLine(sh.run("setopt nodelay \(word)"), "setsockopt(*, TCP_NODELAY, [\(value)], 4) = 0")
        expectLine(sh.run("getopt nodelay"), "getsockopt(*, TCP_NODELAY, [\(value)], [4]) = 0")
    }

    @Test("sizes take K, M, G (binary); a bare value is in the kernel's unit")
    func sizes() {
        let sh = TestShell()
        sh.run("socket tcp")
        expectLine(sh.run("setopt SO_RCVLOWAT 1K"), "setsockopt(*, SO_RCVLOWAT, [1024], 4) = 0")
        expectLine(sh.run("setopt SO_SNDBUF 64K"), "setsockopt(*, SO_SNDBUF, [65536], 4) = 0")
        expectLine(sh.run("setopt SO_RCVBUF 1M"), "setsockopt(*, SO_RCVBUF, [1048576], 4) = 0")
        expectLine(sh.run("setopt keepintvl 75"), "setsockopt(*, TCP_KEEPINTVL, [75], 4) = 0")
        expectLine(sh.run("setopt user_timeout 250"), "setsockopt(*, TCP_USER_TIMEOUT, [250], 4) = 0")
        expectLine(sh.run("setopt SO_RCVTIMEO 0"), "setsockopt(*, SO_RCVTIMEO, {tv_sec=0, tv_usec=0}, 16) = 0")
        expectLine(sh.run("setopt SO_RCVTIMEO 250ms"), "setsockopt(*, SO_RCVTIMEO, {tv_sec=0, tv_usec=250000}, 16) = 0")
        // The kernel keeps timeouts in jiffies: 250 ms may read back slightly above.
        expectLine(sh.run("getopt SO_RCVTIMEO"), "getsockopt(*, SO_RCVTIMEO, {tv_sec=0, tv_usec=25*}, [16]) = 0")
    }

    @Test("SO_RCVBUF reads back doubled, and the shell says so; set too late, it warns")
    func rcvbufAdvice() {
        let sh = TestShell()
        sh.run("socket tcp as fresh")
        let early = sh.events("setopt SO_RCVBUF 32K")
        #expect(early.notes.contains { $0.contains("65536") })
        #expect(!early.notes.contains { $0.contains("too late") })
        sh.tcpPair()
        #expect(sh.events("setopt SO_RCVBUF 32K").notes.contains { $0.contains("accepted socket") })
        #expect(sh.events("@cli setopt SO_RCVBUF 32K").notes.contains { $0.contains("after connect") })
        sh.run("socket tcp as bound; bind 127.0.0.1:0")
        #expect(sh.events("setopt SO_REUSEADDR on").notes.contains { $0.contains("before bind") })
    }

    @Test("setopt IP_ADD_MEMBERSHIP is accepted (on TCP the kernel refuses it before any packet)")
    func membershipViaSetopt() {
        let sh = TestShell()
        sh.run("socket tcp")
        let out = sh.run("setopt IP_ADD_MEMBERSHIP 239.1.1.1")
        expectLine(out, "setsockopt(*, IPPROTO_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr(\"239.1.1.1\"), *}, 12) = -1 EPROTO *")
        let join = sh.events("join 239.1.1.1 127.0.0.1")
        expectLine(sh.renderer.render(join), "setsockopt(*, IP_ADD_MEMBERSHIP, {*imr_address=inet_addr(\"127.0.0.1\")*}, 12) = -1 EPROTO *")
        #expect(join.notes.contains { $0.contains("UDP") })
        sh.run("socket unix dgram")
        #expect(sh.inputError("join 239.1.1.1")?.message.contains("AF_UNIX") == true)
    }

    @Test("setting a read-only option goes to the kernel, and a note says how to read it",
          arguments: ["SO_TYPE 1", "SO_ERROR 0", "SO_ACCEPTCONN on"])
    func readOnlySet(_ words: String) {
        let sh = TestShell()
        sh.run("socket tcp")
        let out = sh.run("setopt " + words)
        let name = String(words.prefix { $0 != " " })
        expectLine(out, "setsockopt(*, SOL_SOCKET, \(name), *) = -1 ENOPROTOOPT (*)")
        expectLine(out, "  note: \(name) is read-only: * read it with `getopt \(name)`")
    }

    @Test("a value outside an option's range: the kernel's EINVAL, and a note with the range",
          arguments: [("tcp", "IP_TTL 300", "1..255"), ("tcp", "TCP_KEEPCNT 200", "1..127 probes"),
                      ("tcp", "TCP_MAXSEG 40", "88..32767 bytes"), ("udp 6", "IPV6_UNICAST_HOPS 256", "0..255")])
    func outOfRange(_ socket: String, _ words: String, _ range: String) {
        let sh = TestShell()
        sh.run("socket " + socket)
        let out = sh.run("setopt " + words)
        let name = String(words.prefix { $0 != " " })
        expectLine(out, "setsockopt(*, \(name), * = -1 EINVAL (*)")
        expectLine(out, "  note: \(name) takes \(range)*; the kernel refuses * with EINVAL")
        expectNoLine(sh.run("setopt \(name) 100"), "  note: *")
    }

    @Test("EINVAL for a value inside the range (IP_MULTICAST_TTL on TCP) gets no range note")
    func einvalInsideRange() {
        let sh = TestShell()
        sh.run("socket tcp")
        let out = sh.run("setopt IP_MULTICAST_TTL 5")
        expectLine(out, "setsockopt(*, IP_MULTICAST_TTL, * = -1 EINVAL (*)")
        expectNoLine(out, "*takes 0..255*")
    }

    @Test("a getopt the kernel refuses is one getsockopt call, shown without a value and with the length given")
    func failedGetoptIsOneCall() {
        let sh = TestShell()
        sh.run("socket udp")
        let calls = sh.calls("getopt TCP_NODELAY")
        #expect(calls.count == 1, "\(calls)")
        #expect(calls.first.map { TextRenderer().argumentTexts($0.call).suffix(2) } == ["0x...", "[4]"], "\(calls)")
        #expect(calls.first?.errno != nil)
    }

    @Test("IP_MULTICAST_IF read as 0.0.0.0 is explained; an address read back is not")
    func multicastInterfaceReadBack() {
        let sh = TestShell()
        sh.run("socket udp")
        expectLine(sh.run("getopt IP_MULTICAST_IF"), "  0.0.0.0: no interface address to report: *")
        expectLine(sh.run("setopt IP_MULTICAST_IF lo; getopt IP_MULTICAST_IF"), "  0.0.0.0: *set by name or index*")
        expectNoLine(sh.run("setopt IP_MULTICAST_IF 127.0.0.1; getopt IP_MULTICAST_IF"), "  0.0.0.0*")
    }

    @Test("getopt without an option: a table of every option that applies, read silently")
    func table() throws {
        let sh = TestShell()
        sh.run("socket tcp")
        let ev = sh.events("getopt")
        #expect(!ev.contains { if case .syscall = $0 { return true } else { return false } },
                "the reads behind the table stay silent")
        guard case .table(let t)? = ev.first else {
            Issue.record("no table: \(ev)")
            return
        }
        #expect(t.headers == ["OPTION", "LEVEL", "VALUE"])
        let rows = Dictionary(uniqueKeysWithValues: t.rows.map { ($0[0].plain, ($0[1].plain, $0[2].plain)) })
        #expect(rows["SO_KEEPALIVE"]?.0 == "SOL_SOCKET")
        #expect(rows["SO_KEEPALIVE"]?.1 == "0")
        #expect(rows["SO_ERROR"]?.1 == "0")
        #expect(rows["SO_TYPE"]?.1 == "SOCK_STREAM")
        #expect(rows["SO_LINGER"]?.1 == "{l_onoff=0, l_linger=0}")
        #expect(rows["SO_RCVTIMEO"]?.1 == "{tv_sec=0, tv_usec=0}")
        #expect(rows["TCP_INFO"]?.1 == "CLOSE")
        #expect(rows["TCP_NODELAY"]?.0 == "IPPROTO_TCP")
        #expect(rows["IP_TTL"]?.0 == "IPPROTO_IP")
        #expect(rows["IP_MULTICAST_LOOP"] == nil, "multicast options are for UDP")
        #expect(!rows.values.contains { $0.1.hasPrefix("E") }, "every option of the table reads without error")
        let lines = sh.run("getopt")
        expectLine(lines, "  OPTION *LEVEL *VALUE")
        expectLine(lines, "  SO_LINGER *SOL_SOCKET *{l_onoff=0, l_linger=0}")

        sh.run("socket udp")
        let udp = sh.text("getopt")
        for name in ["SO_BROADCAST", "IP_MULTICAST_TTL", "IP_MULTICAST_LOOP", "IP_MULTICAST_IF", "IP_TOS"] {
            #expect(udp.contains(name), "\(name) in the UDP table")
        }
        #expect(!udp.contains("TCP_"))
        sh.run("socket udp 6")
        let udp6 = sh.text("getopt")
        for name in ["IPV6_V6ONLY", "IPV6_UNICAST_HOPS", "IPV6_MULTICAST_HOPS", "IPV6_MULTICAST_LOOP",
                     "IPV6_MULTICAST_IF"] {
            #expect(udp6.contains(name), "\(name) in the UDP6 table")
        }
        sh.run("socket unix")
        #expect(!sh.text("getopt").contains("IPPROTO"))
    }
}
