import Glibc
import SocketCore

/// One known socket option: its C name, level, number, value kind and where it applies.
///
/// Plain values only (the name is read from the catalog by position): a spec is copied into every setopt's
/// request and on into its run and record, and a copy with a String in it costs a retain and a release each
/// time, through the value witness; without one a copy is a few bytes moved.
public struct OptionSpec: Sendable, Equatable {
    /// Its position in `OptionCatalog.all`.
    public let index: UInt8
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

    /// The C name, e.g. `SO_LINGER`.
    public var name: String { OptionCatalog.names[Int(index)] }

    /// The name without its prefix, lower-case: `linger`, `multicast_loop`.
    public var shortName: String {
        for prefix in ["IPV6_", "SO_", "TCP_", "IP_"] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count)).lowercased()
        }
        return name.lowercased()
    }

}

/// The one table of options sockshell knows (SPEC §4). Parsing, `getopt` tables, completion, `explain`
/// and the man-page check all read it.
///
/// Numbers are the C headers' constants (Glibc), never typed here: the row names the option twice, as text for
/// users and as the header's constant for the kernel.
public enum OptionCatalog {
    static let sol = Platform.solSocket, tcp = Platform.ipprotoTCP, ip = Platform.ipprotoIP
    static let ipv6 = Platform.ipprotoIPv6

    /// A row of the table as written below: a spec and its name, before it has a position.
    private struct Row: Sendable {
        let name: String, level: Int32, number: Int32, kind: OptionKind, scope: OptionScope
        let readOnly: Bool, writeOnly: Bool

        func spec(_ index: Int) -> OptionSpec {
            OptionSpec(index: UInt8(index), level: level, number: number, kind: kind, scope: scope,
                       readOnly: readOnly, writeOnly: writeOnly)
        }
    }

    private static func o(_ name: String, _ level: Int32, _ number: Int32, _ kind: OptionKind,
                          _ scope: OptionScope = .anySocket, readOnly: Bool = false,
                          writeOnly: Bool = false) -> Row {
        Row(name: name, level: level, number: number, kind: kind, scope: scope, readOnly: readOnly,
            writeOnly: writeOnly)
    }

    /// Numbers the shell reads silently (helper calls) without going through a lookup.
    public static let soBroadcast = SO_BROADCAST, soOOBInline = SO_OOBINLINE, tcpInfo = Int32(TCP_INFO)

    /// Numbers the advisor tells apart after every setopt and getopt (a switch on numbers: comparing names
    /// cost more than the call on a long script). Levels: `Platform.solSocket`, `Platform.ipprotoTCP`.
    public static let soReuseAddr = SO_REUSEADDR, soSndBuf = SO_SNDBUF, soRcvBuf = SO_RCVBUF, soLinger = SO_LINGER
    public static let soReusePort = SO_REUSEPORT, soSndLowat = SO_SNDLOWAT, tcpMaxSeg = Int32(TCP_MAXSEG)
    public static let tcpCongestion = Int32(TCP_CONGESTION), ipv6V6Only = Int32(IPV6_V6ONLY)

    /// Every option, in the order of SPEC §4.
    public static let all: [OptionSpec] = rows.indices.map { rows[$0].spec($0) }

    /// Every option's C name, by position in `all` (`OptionSpec.name`).
    public static let names: [String] = rows.map(\.name)

    /// The table as written (notes-gen reads these rows as text for the option order: keep one `o(` per line).
    private static let rows: [Row] = [
        o("SO_KEEPALIVE", sol, SO_KEEPALIVE, .flag),
        o("SO_LINGER", sol, SO_LINGER, .linger),
        o("SO_RCVBUF", sol, SO_RCVBUF, .int(unit: .bytes)),
        o("SO_SNDBUF", sol, SO_SNDBUF, .int(unit: .bytes)),
        o("SO_REUSEADDR", sol, SO_REUSEADDR, .flag),
        o("SO_REUSEPORT", sol, SO_REUSEPORT, .flag),
        o("SO_OOBINLINE", sol, SO_OOBINLINE, .flag),
        o("SO_RCVLOWAT", sol, SO_RCVLOWAT, .int(unit: .bytes)),
        o("SO_SNDLOWAT", sol, SO_SNDLOWAT, .int(unit: .bytes)),
        o("SO_DONTROUTE", sol, SO_DONTROUTE, .flag),
        o("SO_BROADCAST", sol, SO_BROADCAST, .flag),
        o("SO_RCVTIMEO", sol, SO_RCVTIMEO, .timeval),
        o("SO_SNDTIMEO", sol, SO_SNDTIMEO, .timeval),
        o("SO_TYPE", sol, SO_TYPE, .sockType, readOnly: true),
        o("SO_ERROR", sol, SO_ERROR, .errorCode, readOnly: true),
        o("SO_ACCEPTCONN", sol, SO_ACCEPTCONN, .flag, readOnly: true),
        o("SO_MEMINFO", sol, SO_MEMINFO, .memInfo, readOnly: true),
        o("TCP_NODELAY", tcp, TCP_NODELAY, .flag, .tcp),
        o("TCP_MAXSEG", tcp, TCP_MAXSEG, .int(unit: .bytes), .tcp),
        o("TCP_KEEPIDLE", tcp, TCP_KEEPIDLE, .int(unit: .seconds), .tcp),
        o("TCP_KEEPINTVL", tcp, TCP_KEEPINTVL, .int(unit: .seconds), .tcp),
        o("TCP_KEEPCNT", tcp, TCP_KEEPCNT, .int(unit: .probes), .tcp),
        o("TCP_SYNCNT", tcp, TCP_SYNCNT, .int(unit: .retries), .tcp),
        o("TCP_CORK", tcp, TCP_CORK, .flag, .tcp),
        o("TCP_QUICKACK", tcp, TCP_QUICKACK, .flag, .tcp),
        o("TCP_USER_TIMEOUT", tcp, TCP_USER_TIMEOUT, .int(unit: .milliseconds), .tcp),
        o("TCP_CONGESTION", tcp, TCP_CONGESTION, .string, .tcp),
        o("TCP_INFO", tcp, TCP_INFO, .tcpInfo, .tcp, readOnly: true),
        o("IP_TTL", ip, IP_TTL, .int(unit: .hops), .ipv4),
        o("IP_TOS", ip, IP_TOS, .int(unit: .none), .ipv4),
        o("IP_MULTICAST_TTL", ip, IP_MULTICAST_TTL, .int(unit: .hops), .udp4),
        o("IP_MULTICAST_LOOP", ip, IP_MULTICAST_LOOP, .flag, .udp4),
        o("IP_MULTICAST_IF", ip, IP_MULTICAST_IF, .ipv4Interface, .udp4),
        o("IP_MULTICAST_ALL", ip, IP_MULTICAST_ALL, .flag, .udp4),
        o("IP_ADD_MEMBERSHIP", ip, IP_ADD_MEMBERSHIP, .membership4, .udp4, writeOnly: true),
        o("IP_DROP_MEMBERSHIP", ip, IP_DROP_MEMBERSHIP, .membership4, .udp4, writeOnly: true),
        o("IPV6_V6ONLY", ipv6, IPV6_V6ONLY, .flag, .ipv6),
        o("IPV6_UNICAST_HOPS", ipv6, IPV6_UNICAST_HOPS, .int(unit: .hops), .ipv6),
        o("IPV6_MULTICAST_HOPS", ipv6, IPV6_MULTICAST_HOPS, .int(unit: .hops), .udp6),
        o("IPV6_MULTICAST_LOOP", ipv6, IPV6_MULTICAST_LOOP, .flag, .udp6),
        o("IPV6_MULTICAST_IF", ipv6, IPV6_MULTICAST_IF, .ipv6Interface, .udp6),
        o("IPV6_JOIN_GROUP", ipv6, IPV6_JOIN_GROUP, .membership6, .udp6, writeOnly: true),
        o("IPV6_LEAVE_GROUP", ipv6, IPV6_LEAVE_GROUP, .membership6, .udp6, writeOnly: true),
        // What recvmsg can be told to deliver beside the data (control messages), and the error queue.
        o("IP_PKTINFO", ip, IP_PKTINFO, .flag, .udp4),
        o("IP_RECVTTL", ip, IP_RECVTTL, .flag, .udp4),
        o("IP_RECVERR", ip, IP_RECVERR, .flag, .udp4),
        o("IPV6_RECVPKTINFO", ipv6, IPV6_RECVPKTINFO, .flag, .udp6),
        o("IPV6_RECVHOPLIMIT", ipv6, IPV6_RECVHOPLIMIT, .flag, .udp6),
        o("SO_TIMESTAMPNS", sol, SO_TIMESTAMPNS, .flag),
        o("SO_RXQ_OVFL", sol, SO_RXQ_OVFL, .flag),
    ]

    /// Options by C name, in any case (`SO_LINGER`, `so_linger`): positions in `all`.
    private static let byName = NameIndex(names)

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
        return lookup(aliasOrShortName: text, family: family)
    }

    /// `lookup` of a command's word: a full name is found from its bytes (no String is made for it), an alias or
    /// a short name from its text.
    @inline(__always)
    public static func lookup(_ word: Token, family: Int32?) -> OptionSpec? {
        if let k = word.withBytes({ byName.find($0) }) { return all[k] }
        return lookup(aliasOrShortName: word.text, family: family)
    }

    /// `lookup` of a word that is no option's full name: an alias or a short name.
    private static func lookup(aliasOrShortName text: String, family: Int32?) -> OptionSpec? {
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
