/// One known socket option: its C name, level, number, value kind and where it applies.
public struct OptionSpec: Sendable, Equatable {
    /// The C name, e.g. `SO_LINGER`.
    public let name: String
    /// The level (SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP, IPPROTO_IPV6).
    public let level: Int32
    /// The option number on Linux.
    public let number: Int32
    /// The C type and how users type it.
    public let kind: OptionKind
    /// Which sockets it applies to.
    public let scope: OptionScope
    /// Read-only options can only be read with getopt.
    public let readOnly: Bool
    /// Write-only options (memberships) cannot be read.
    public let writeOnly: Bool

    /// The name without its prefix, lower-case: `linger`, `multicast_loop`.
    public var shortName: String {
        for prefix in ["IPV6_", "SO_", "TCP_", "IP_"] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count)).lowercased()
        }
        return name.lowercased()
    }

    /// Buffer size for getsockopt.
    public var readCapacity: Int {
        switch kind {
        case .linger: return 8
        case .timeval: return 16
        case .string: return 16
        case .tcpInfo: return 256
        case .memInfo: return 36
        case .membership4: return 12
        case .membership6: return 20
        default: return 4
        }
    }
}

/// The one table of options sockshell knows (SPEC §4). Parsing, `getopt` tables, completion, `explain`
/// and the man-page check all read it.
///
/// Numbers are Linux's (x86-64 and most other architectures share them).
public enum OptionCatalog {
    static let sol: Int32 = 1, tcp: Int32 = 6, ip: Int32 = 0, ipv6: Int32 = 41

    private static func o(_ name: String, _ level: Int32, _ number: Int32, _ kind: OptionKind,
                          _ scope: OptionScope = .anySocket, readOnly: Bool = false,
                          writeOnly: Bool = false) -> OptionSpec {
        OptionSpec(name: name, level: level, number: number, kind: kind, scope: scope,
                   readOnly: readOnly, writeOnly: writeOnly)
    }

    /// Numbers the shell reads silently (helper calls) without going through a lookup.
    public static let soBroadcast: Int32 = 6, soOOBInline: Int32 = 10, tcpInfo: Int32 = 11

    /// Numbers the advisor tells apart after every setopt and getopt (a switch on numbers: comparing names
    /// cost more than the call on a long script). Levels: `Platform.solSocket`, `Platform.ipprotoTCP`.
    public static let soReuseAddr: Int32 = 2, soSndBuf: Int32 = 7, soRcvBuf: Int32 = 8, soLinger: Int32 = 13
    public static let soReusePort: Int32 = 15, soSndLowat: Int32 = 19, tcpMaxSeg: Int32 = 2
    public static let tcpCongestion: Int32 = 13, ipv6V6Only: Int32 = 26

    /// Every option, in the order of SPEC §4.
    public static let all: [OptionSpec] = [
        o("SO_KEEPALIVE", sol, 9, .flag),
        o("SO_LINGER", sol, 13, .linger),
        o("SO_RCVBUF", sol, 8, .int(unit: "bytes")),
        o("SO_SNDBUF", sol, 7, .int(unit: "bytes")),
        o("SO_REUSEADDR", sol, 2, .flag),
        o("SO_REUSEPORT", sol, 15, .flag),
        o("SO_OOBINLINE", sol, 10, .flag),
        o("SO_RCVLOWAT", sol, 18, .int(unit: "bytes")),
        o("SO_SNDLOWAT", sol, 19, .int(unit: "bytes")),
        o("SO_DONTROUTE", sol, 5, .flag),
        o("SO_BROADCAST", sol, 6, .flag),
        o("SO_RCVTIMEO", sol, 20, .timeval),
        o("SO_SNDTIMEO", sol, 21, .timeval),
        o("SO_TYPE", sol, 3, .sockType, readOnly: true),
        o("SO_ERROR", sol, 4, .errorCode, readOnly: true),
        o("SO_ACCEPTCONN", sol, 30, .flag, readOnly: true),
        o("SO_MEMINFO", sol, 55, .memInfo, readOnly: true),
        o("TCP_NODELAY", tcp, 1, .flag, .tcp),
        o("TCP_MAXSEG", tcp, 2, .int(unit: "bytes"), .tcp),
        o("TCP_KEEPIDLE", tcp, 4, .int(unit: "seconds"), .tcp),
        o("TCP_KEEPINTVL", tcp, 5, .int(unit: "seconds"), .tcp),
        o("TCP_KEEPCNT", tcp, 6, .int(unit: "probes"), .tcp),
        o("TCP_SYNCNT", tcp, 7, .int(unit: "retries"), .tcp),
        o("TCP_CORK", tcp, 3, .flag, .tcp),
        o("TCP_QUICKACK", tcp, 12, .flag, .tcp),
        o("TCP_USER_TIMEOUT", tcp, 18, .int(unit: "ms"), .tcp),
        o("TCP_CONGESTION", tcp, 13, .string, .tcp),
        o("TCP_INFO", tcp, 11, .tcpInfo, .tcp, readOnly: true),
        o("IP_TTL", ip, 2, .int(unit: "hops"), .ipv4),
        o("IP_TOS", ip, 1, .int(unit: ""), .ipv4),
        o("IP_MULTICAST_TTL", ip, 33, .int(unit: "hops"), .udp4),
        o("IP_MULTICAST_LOOP", ip, 34, .flag, .udp4),
        o("IP_MULTICAST_IF", ip, 32, .ipv4Interface, .udp4),
        o("IP_MULTICAST_ALL", ip, 49, .flag, .udp4),
        o("IP_ADD_MEMBERSHIP", ip, 35, .membership4, .udp4, writeOnly: true),
        o("IP_DROP_MEMBERSHIP", ip, 36, .membership4, .udp4, writeOnly: true),
        o("IPV6_V6ONLY", ipv6, 26, .flag, .ipv6),
        o("IPV6_UNICAST_HOPS", ipv6, 16, .int(unit: "hops"), .ipv6),
        o("IPV6_MULTICAST_HOPS", ipv6, 18, .int(unit: "hops"), .udp6),
        o("IPV6_MULTICAST_LOOP", ipv6, 19, .flag, .udp6),
        o("IPV6_MULTICAST_IF", ipv6, 17, .ipv6Interface, .udp6),
        o("IPV6_JOIN_GROUP", ipv6, 20, .membership6, .udp6, writeOnly: true),
        o("IPV6_LEAVE_GROUP", ipv6, 21, .membership6, .udp6, writeOnly: true),
        // What recvmsg can be told to deliver beside the data (control messages), and the error queue.
        o("IP_PKTINFO", ip, 8, .flag, .udp4),
        o("IP_RECVTTL", ip, 12, .flag, .udp4),
        o("IP_RECVERR", ip, 11, .flag, .udp4),
        o("IPV6_RECVPKTINFO", ipv6, 49, .flag, .udp6),
        o("IPV6_RECVHOPLIMIT", ipv6, 51, .flag, .udp6),
        o("SO_TIMESTAMPNS", sol, 35, .flag),
        o("SO_RXQ_OVFL", sol, 40, .flag),
    ]

    /// Options by C name, in any case (`SO_LINGER`, `so_linger`): positions in `all`.
    private static let byName = NameIndex(all.map(\.name))

    /// Options by short name (`linger`), in table order: two when an IPv4 and an IPv6 option share it.
    private static let byShortName: [String: [OptionSpec]] = {
        var map: [String: [OptionSpec]] = [:]
        for spec in all { map[spec.shortName, default: []].append(spec) }
        return map
    }()

    private static let aliases: [String: String] = [
        "add_membership": "IP_ADD_MEMBERSHIP", "drop_membership": "IP_DROP_MEMBERSHIP",
        "join_group": "IPV6_JOIN_GROUP", "leave_group": "IPV6_LEAVE_GROUP",
    ]

    /// Finds an option by name, case-insensitively, with or without its prefix. When a short name fits both an
    /// IPv4 and an IPv6 option (`multicast_loop`), `family` picks (IPv4 unless the socket is IPv6).
    ///
    /// Why tables: a script may set options hundreds of thousands of times; the full name in any case is found
    /// by one probe of `byName`, the short names and aliases only after that.
    public static func lookup(_ text: String, family: Int32? = nil) -> OptionSpec? {
        if let k = byName.find(text) { return all[k] }
        let key = text.lowercasedASCII()
        if let alias = aliases[key], let k = byName.find(alias) { return all[k] }
        guard let matches = byShortName[key] else { return nil }
        if matches.count <= 1 { return matches.first }
        let wantV6 = family == Platform.afInet6
        return matches.first { $0.level == (wantV6 ? ipv6 : ip) } ?? matches.first
    }

    /// Options that apply to a socket of this family and type, for the `getopt` table.
    public static func applicable(family: Int32, type: Int32) -> [OptionSpec] {
        let isInet = family == Platform.afInet || family == Platform.afInet6
        let isStream = type == Platform.sockStream
        return all.filter { spec in
            guard !spec.writeOnly else { return false }
            switch spec.scope {
            case .anySocket: return true
            case .tcp: return isInet && isStream
            case .ipv4: return family == Platform.afInet
            case .ipv6: return family == Platform.afInet6
            case .udp4: return family == Platform.afInet && !isStream
            case .udp6: return family == Platform.afInet6 && !isStream
            }
        }
    }
}
