/// How an option's value is laid out in memory and how users type it.
///
/// Why: one kind drives parsing the user's words, encoding the C value, decoding what getsockopt returns and
/// printing it strace-style, so the C type behind each option is decided in exactly one place.
public enum OptionKind: Sendable, Equatable {
    /// `int` used as a boolean (`on|off`).
    case flag
    /// `int` in a unit (bytes, seconds, milliseconds, hops, ...): what the kernel counts in it.
    case int(unit: OptionUnit)
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
    /// SO_MEMINFO: `__u32[SK_MEMINFO_VARS]`, nine counters (read-only, decoded by name).
    case memInfo
    /// IP_MULTICAST_IF: `struct ip_mreqn` when set, `struct in_addr` when read.
    case ipv4Interface
    /// IPV6_MULTICAST_IF: an interface index.
    case ipv6Interface
    /// IP_ADD/DROP_MEMBERSHIP: `struct ip_mreqn`.
    case membership4
    /// IPV6_JOIN/LEAVE_GROUP: `struct ipv6_mreq`.
    case membership6
}

/// What an `int` option counts in, as the kernel takes it (the words users type for it are the shell's).
public enum OptionUnit: Sendable, Equatable {
    case none
    case bytes
    case seconds
    case milliseconds
    case hops
    case probes
    case retries
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
