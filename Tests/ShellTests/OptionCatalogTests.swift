// OptionCatalog: the one table of options (SPEC §4) and the C types behind them.

import Glibc
import SocketCore
import Shell
import Testing

@Suite("OptionCatalog lookup")
struct OptionCatalogTests {
    /// Every option SPEC §4 names, with its level.
    static let specOptions: [(String, Int32)] = [
        ("SO_KEEPALIVE", 1), ("SO_LINGER", 1), ("SO_RCVBUF", 1), ("SO_SNDBUF", 1), ("SO_REUSEADDR", 1),
        ("SO_REUSEPORT", 1), ("SO_OOBINLINE", 1), ("SO_RCVLOWAT", 1), ("SO_SNDLOWAT", 1), ("SO_DONTROUTE", 1),
        ("SO_BROADCAST", 1), ("SO_RCVTIMEO", 1), ("SO_SNDTIMEO", 1), ("SO_TYPE", 1), ("SO_ERROR", 1),
        ("SO_ACCEPTCONN", 1),
        ("TCP_NODELAY", 6), ("TCP_MAXSEG", 6), ("TCP_KEEPIDLE", 6), ("TCP_KEEPINTVL", 6), ("TCP_KEEPCNT", 6),
        ("TCP_SYNCNT", 6), ("TCP_CORK", 6), ("TCP_QUICKACK", 6), ("TCP_USER_TIMEOUT", 6), ("TCP_CONGESTION", 6),
        ("TCP_INFO", 6),
        ("IP_TTL", 0), ("IP_TOS", 0), ("IP_MULTICAST_TTL", 0), ("IP_MULTICAST_LOOP", 0), ("IP_MULTICAST_IF", 0),
        ("IP_ADD_MEMBERSHIP", 0), ("IP_DROP_MEMBERSHIP", 0),
        ("IPV6_V6ONLY", 41), ("IPV6_UNICAST_HOPS", 41), ("IPV6_MULTICAST_HOPS", 41), ("IPV6_MULTICAST_LOOP", 41),
        ("IPV6_MULTICAST_IF", 41),
    ]

    @Test("every option of SPEC §4 is in the table, at the right level")
    func everySpecOption() {
        for (name, level) in Self.specOptions {
            guard let spec = OptionCatalog.lookup(name) else {
                Issue.record("\(name) missing")
                continue
            }
            #expect(spec.name == name)
            #expect(spec.level == level, "\(name)")
        }
    }

    @Test("the option numbers match the C headers")
    func numbers() {
        let pairs: [(String, Int32)] = [
            ("SO_KEEPALIVE", SO_KEEPALIVE), ("SO_LINGER", SO_LINGER), ("SO_RCVBUF", SO_RCVBUF),
            ("SO_SNDBUF", SO_SNDBUF), ("SO_REUSEADDR", SO_REUSEADDR), ("SO_REUSEPORT", SO_REUSEPORT),
            ("SO_OOBINLINE", SO_OOBINLINE), ("SO_RCVLOWAT", SO_RCVLOWAT), ("SO_SNDLOWAT", SO_SNDLOWAT),
            ("SO_DONTROUTE", SO_DONTROUTE), ("SO_BROADCAST", SO_BROADCAST), ("SO_TYPE", SO_TYPE),
            ("SO_ERROR", SO_ERROR), ("SO_ACCEPTCONN", SO_ACCEPTCONN),
            ("TCP_NODELAY", TCP_NODELAY), ("TCP_MAXSEG", TCP_MAXSEG), ("TCP_KEEPIDLE", TCP_KEEPIDLE),
            ("TCP_KEEPINTVL", TCP_KEEPINTVL), ("TCP_KEEPCNT", TCP_KEEPCNT), ("TCP_SYNCNT", TCP_SYNCNT),
            ("TCP_CORK", TCP_CORK), ("TCP_QUICKACK", TCP_QUICKACK), ("TCP_USER_TIMEOUT", TCP_USER_TIMEOUT),
            ("TCP_CONGESTION", TCP_CONGESTION), ("TCP_INFO", TCP_INFO),
            ("IP_TTL", IP_TTL), ("IP_TOS", IP_TOS), ("IP_MULTICAST_TTL", IP_MULTICAST_TTL),
            ("IP_MULTICAST_LOOP", IP_MULTICAST_LOOP), ("IP_MULTICAST_IF", IP_MULTICAST_IF),
            ("IP_ADD_MEMBERSHIP", IP_ADD_MEMBERSHIP), ("IP_DROP_MEMBERSHIP", IP_DROP_MEMBERSHIP),
            ("IPV6_V6ONLY", IPV6_V6ONLY), ("IPV6_UNICAST_HOPS", IPV6_UNICAST_HOPS),
            ("IPV6_MULTICAST_HOPS", IPV6_MULTICAST_HOPS), ("IPV6_MULTICAST_LOOP", IPV6_MULTICAST_LOOP),
            ("IPV6_MULTICAST_IF", IPV6_MULTICAST_IF),
        ]
        for (name, number) in pairs {
            #expect(OptionCatalog.lookup(name)?.number == number, "\(name)")
        }
    }

    @Test("lookup is case-insensitive, with or without the prefix",
          arguments: ["SO_LINGER", "so_linger", "So_Linger", "linger", "LINGER", "Linger"])
    func caseAndPrefix(_ text: String) {
        #expect(OptionCatalog.lookup(text)?.name == "SO_LINGER")
    }

    @Test("short names of every level")
    func shortNames() {
        #expect(OptionCatalog.lookup("nodelay")?.name == "TCP_NODELAY")
        #expect(OptionCatalog.lookup("KEEPIDLE")?.name == "TCP_KEEPIDLE")
        #expect(OptionCatalog.lookup("ttl")?.name == "IP_TTL")
        #expect(OptionCatalog.lookup("v6only")?.name == "IPV6_V6ONLY")
        #expect(OptionCatalog.lookup("rcvbuf")?.name == "SO_RCVBUF")
        #expect(OptionCatalog.lookup("tcp_info")?.name == "TCP_INFO")
        #expect(OptionCatalog.lookup("info")?.name == "TCP_INFO")
        #expect(OptionCatalog.lookup("unicast_hops")?.name == "IPV6_UNICAST_HOPS")
    }

    @Test("multicast_loop, multicast_if and multicast_hops pick the socket's family")
    func multicastByFamily() {
        #expect(OptionCatalog.lookup("multicast_loop")?.name == "IP_MULTICAST_LOOP")
        #expect(OptionCatalog.lookup("multicast_loop", family: Platform.afInet)?.name == "IP_MULTICAST_LOOP")
        #expect(OptionCatalog.lookup("multicast_loop", family: Platform.afInet6)?.name == "IPV6_MULTICAST_LOOP")
        #expect(OptionCatalog.lookup("MULTICAST_IF", family: Platform.afInet)?.name == "IP_MULTICAST_IF")
        #expect(OptionCatalog.lookup("MULTICAST_IF", family: Platform.afInet6)?.name == "IPV6_MULTICAST_IF")
        // A full name always wins over the family.
        #expect(OptionCatalog.lookup("IP_MULTICAST_LOOP", family: Platform.afInet6)?.name == "IP_MULTICAST_LOOP")
        #expect(OptionCatalog.lookup("ipv6_multicast_loop", family: Platform.afInet)?.name == "IPV6_MULTICAST_LOOP")
    }

    @Test("unknown names are nil", arguments: ["SO_BOGUS", "", "so_", "lingerx", "TCP_"])
    func unknown(_ text: String) {
        #expect(OptionCatalog.lookup(text) == nil)
    }

    @Test("the C types: linger is 8 bytes, timeval 16, int 4, tcp_info is decoded and read-only")
    func kinds() throws {
        let linger = try #require(OptionCatalog.lookup("SO_LINGER"))
        #expect(linger.kind == .linger)
        #expect(OptionValue.linger(on: true, seconds: 5).bytes.count == MemoryLayout<linger>.size)
        let rcvtimeo = try #require(OptionCatalog.lookup("SO_RCVTIMEO"))
        #expect(rcvtimeo.kind == .timeval)
        #expect(OptionValue.timeval(seconds: 1, microseconds: 5).bytes.count == MemoryLayout<timeval>.size)
        #expect(OptionCatalog.lookup("TCP_CONGESTION")?.kind == .string)
        #expect(OptionCatalog.lookup("IP_MULTICAST_IF")?.kind == .ipv4Interface)
        #expect(OptionValue.mreqn(group: [0, 0, 0, 0], address: [127, 0, 0, 1], ifindex: 0).bytes.count
                    == MemoryLayout<ip_mreqn>.size)
        #expect(OptionCatalog.lookup("IPV6_JOIN_GROUP")?.kind == .membership6)
        #expect(OptionValue.mreq6(group: [UInt8](repeating: 0, count: 16), ifindex: 1).bytes.count
                    == MemoryLayout<ipv6_mreq>.size)
        #expect(OptionValue.int(1).bytes.count == 4)
        let info = try #require(OptionCatalog.lookup("TCP_INFO"))
        #expect(info.kind == .tcpInfo && info.readOnly)
        #expect(OptionCatalog.lookup("SO_ACCEPTCONN")?.readOnly == true)
        #expect(OptionCatalog.lookup("IP_ADD_MEMBERSHIP")?.writeOnly == true)
    }

    @Test("applicable options: TCP gets TCP_*, UDP v4 gets IP_MULTICAST_*, v6 gets IPV6_*, unix only SO_*")
    func applicable() {
        let tcp = Set(OptionCatalog.applicable(family: Platform.afInet, type: Platform.sockStream).map(\.name))
        #expect(tcp.contains("TCP_INFO") && tcp.contains("SO_LINGER") && tcp.contains("IP_TTL"))
        #expect(!tcp.contains("IP_MULTICAST_LOOP") && !tcp.contains("IPV6_V6ONLY"))
        let udp = Set(OptionCatalog.applicable(family: Platform.afInet, type: Platform.sockDgram).map(\.name))
        #expect(udp.contains("IP_MULTICAST_LOOP") && udp.contains("SO_BROADCAST") && !udp.contains("TCP_NODELAY"))
        #expect(!udp.contains("IP_ADD_MEMBERSHIP"), "write-only options are not read for the table")
        let udp6 = Set(OptionCatalog.applicable(family: Platform.afInet6, type: Platform.sockDgram).map(\.name))
        #expect(udp6.contains("IPV6_MULTICAST_LOOP") && udp6.contains("IPV6_V6ONLY") && !udp6.contains("IP_TTL"))
        let unix = OptionCatalog.applicable(family: Platform.afUnix, type: Platform.sockStream)
        #expect(unix.allSatisfy { $0.level == Platform.solSocket })
    }

    @Test("set and read on a real socket: int, linger, timeval and string round-trip")
    func realRoundTrip() throws {
        let (sock, _) = Socket.open(family: Platform.afInet, type: Platform.sockStream, proto: Platform.ipprotoTCP)
        let s = try #require(sock)
        defer { _ = s.close() }
        let sol = Platform.solSocket
        #expect(s.setOption(level: sol, name: SO_KEEPALIVE, bytes: OptionValue.int(1).bytes).error == nil)
        #expect(s.intOption(level: sol, name: SO_KEEPALIVE) == 1)
        let lingerBytes = OptionValue.linger(on: true, seconds: 7).bytes
        #expect(s.setOption(level: sol, name: SO_LINGER, bytes: lingerBytes).error == nil)
        let (r1, got) = s.getOption(level: sol, name: SO_LINGER, capacity: 8)
        #expect(r1.error == nil)
        #expect(got == lingerBytes)
        let tv = OptionValue.timeval(seconds: 3, microseconds: 0).bytes
        #expect(s.setOption(level: sol, name: SO_RCVTIMEO, bytes: tv).error == nil)
        let (r2, gotTV) = s.getOption(level: sol, name: SO_RCVTIMEO, capacity: 16)
        #expect(r2.error == nil)
        #expect(gotTV == tv)
        let reno = OptionValue.string("reno").bytes
        #expect(s.setOption(level: Platform.ipprotoTCP, name: TCP_CONGESTION, bytes: reno).error == nil)
        let (r3, name) = s.getOption(level: Platform.ipprotoTCP, name: TCP_CONGESTION, capacity: 16)
        #expect(r3.error == nil)
        #expect(String(decoding: name.prefix { $0 != 0 }, as: UTF8.self) == "reno")
        // SO_SNDLOWAT cannot be set on Linux.
        #expect(s.setOption(level: sol, name: SO_SNDLOWAT, bytes: OptionValue.int(10).bytes).error?.name
                    == "ENOPROTOOPT")
    }
}

@Suite("NameIndex")
struct NameIndexTests {
    @Test("finds every name in any ASCII case, and nothing else")
    func caseFolding() {
        let names = OptionCatalog.all.map(\.name)
        let index = NameIndex(names)
        for (k, name) in names.enumerated() {
            #expect(index.find(name) == k)
            #expect(index.find(name.lowercased()) == k)
            let mixed = name.enumerated().map { $0.offset % 2 == 0 ? $0.element : Character($0.element.lowercased()) }
            #expect(index.find(String(mixed)) == k)
        }
        for miss in ["", "SO_", "SO_LINGERX", "SO_LINGE", "linger", "SO LINGER", "SO_LİNGER", "\u{0}"] {
            #expect(index.find(miss) == nil, "\(miss)")
        }
    }

    @Test("a name given twice keeps its first position")
    func duplicates() {
        let index = NameIndex(["a", "b", "A", "c"])
        #expect(index.find("a") == 0)
        #expect(index.find("C") == 3)
    }
}
