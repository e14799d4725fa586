import Glibc

/// How an option's value is laid out in memory and how users type it.
///
/// Why: one kind drives parsing the user's words, encoding the C value, decoding what getsockopt returns and
/// printing it strace-style, so the C type behind each option is decided in exactly one place.
public enum OptionKind: Sendable, Equatable {
    /// `int` used as a boolean (`on|off`).
    case flag
    /// `int` with a unit for the user (`bytes`, `seconds`, `ms`, `hops`, ... or "" for none).
    case int(unit: String)
    /// `struct linger`.
    case linger
    /// `struct timeval`.
    case timeval
    /// `int` holding a socket type (SO_TYPE).
    case sockType
    /// `int` holding an errno (SO_ERROR).
    case errorCode
    /// A NUL-terminated name (TCP_CONGESTION).
    case string
    /// `struct tcp_info` (read-only, decoded).
    case tcpInfo
    /// IP_MULTICAST_IF: `struct ip_mreqn` when set, `struct in_addr` when read.
    case ipv4Interface
    /// IPV6_MULTICAST_IF: an interface index.
    case ipv6Interface
    /// IP_ADD/DROP_MEMBERSHIP: `struct ip_mreqn`.
    case membership4
    /// IPV6_JOIN/LEAVE_GROUP: `struct ipv6_mreq`.
    case membership6
}

/// Which sockets an option applies to (for the `getopt` table and for completion).
public enum OptionScope: Sendable, Equatable {
    case anySocket
    case tcp
    case ipv4
    case ipv6
    case udp4
    case udp6
}

/// A decoded option value.
public enum OptionValue: Sendable, Equatable {
    case int(Int32)
    case linger(on: Bool, seconds: Int32)
    case timeval(seconds: Int, microseconds: Int)
    case string(String)
    case inAddr([UInt8])
    case mreqn(group: [UInt8], address: [UInt8], ifindex: Int32)
    case mreq6(group: [UInt8], ifindex: UInt32)
    case raw([UInt8])

    /// The bytes handed to setsockopt(2).
    public var bytes: [UInt8] {
        switch self {
        case .int(let v): return withUnsafeBytes(of: v) { Array($0) }
        case .linger(let on, let s):
            var l = Glibc.linger(l_onoff: on ? 1 : 0, l_linger: s)
            return withUnsafeBytes(of: &l) { Array($0) }
        case .timeval(let s, let us):
            var t = Glibc.timeval(tv_sec: s, tv_usec: us)
            return withUnsafeBytes(of: &t) { Array($0) }
        case .string(let s): return Array(s.utf8)
        case .inAddr(let a): return a
        case .mreqn(let g, let a, let i): return g + a + withUnsafeBytes(of: i) { Array($0) }
        case .mreq6(let g, let i): return g + withUnsafeBytes(of: i) { Array($0) }
        case .raw(let b): return b
        }
    }
}

/// Reads and writes options with zero-filled buffers. The corresponding C functions are getsockopt(2) and
/// setsockopt(2).
extension Socket {
    /// setsockopt(2) with raw bytes.
    public func setOption(level: Int32, name: Int32, bytes: [UInt8]) -> SysResult {
        bytes.withUnsafeBytes { SysResult.of(Int(setsockopt(fd, level, name, $0.baseAddress, socklen_t($0.count)))) }
    }

    /// getsockopt(2) into a zero-filled buffer of `capacity` bytes: the result and the bytes returned.
    public func getOption(level: Int32, name: Int32, capacity: Int) -> (SysResult, [UInt8]) {
        var buf = [UInt8](repeating: 0, count: capacity)
        var len = socklen_t(capacity)
        let r = buf.withUnsafeMutableBytes { SysResult.of(Int(getsockopt(fd, level, name, $0.baseAddress, &len))) }
        guard r.error == nil else { return (r, []) }
        return (r, Array(buf.prefix(Int(len))))
    }

    /// getsockopt(2) of one int (SO_ERROR, SO_TYPE, ...); nil when it fails.
    public func intOption(level: Int32, name: Int32) -> Int32? {
        let (r, bytes) = getOption(level: level, name: name, capacity: 4)
        guard r.error == nil, bytes.count >= 4 else { return nil }
        return bytes.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
    }
}
