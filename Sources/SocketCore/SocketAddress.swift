import Glibc

/// A socket address: IPv4, IPv6 or AF_UNIX path.
///
/// Why a value type and not `sockaddr_storage`: it is printed, compared and parsed far more often than it is
/// passed to the kernel; `withSockAddr` makes the C form only at the call.
public enum SocketAddress: Sendable, Equatable, Hashable {
    /// IPv4 address (4 bytes, network order) and port.
    case ipv4(address: [UInt8], port: UInt16)
    /// IPv6 address (16 bytes), port and scope id.
    case ipv6(address: [UInt8], port: UInt16, scope: UInt32)
    /// AF_UNIX path ("" for an unnamed socket; a leading "@" marks Linux's abstract namespace, which
    /// leaves no file behind).
    case unix(path: String)

    /// The address family (`AF_INET`, ...).
    public var family: Int32 {
        switch self {
        case .ipv4: return Platform.afInet
        case .ipv6: return Platform.afInet6
        case .unix: return Platform.afUnix
        }
    }

    /// The port, for IP addresses.
    public var port: UInt16? {
        switch self {
        case .ipv4(_, let p), .ipv6(_, let p, _): return p
        case .unix: return nil
        }
    }

    /// The host part as text (`127.0.0.1`, `::1`, `fe80::1%2` with its scope, or the path).
    public var host: String {
        switch self {
        case .ipv4(let a, _): return SocketAddress.ntop(Platform.afInet, a)
        case .ipv6(let a, _, let scope):
            return SocketAddress.ntop(Platform.afInet6, a) + (scope == 0 ? "" : "%\(scope)")
        case .unix(let path): return path
        }
    }

    /// `127.0.0.1:80`, `[::1]:80`, `/tmp/sock` — the form users type.
    public var description: String {
        switch self {
        case .ipv4: return "\(host):\(port ?? 0)"
        case .ipv6: return "[\(host)]:\(port ?? 0)"
        case .unix(let path): return path.isEmpty ? "(unnamed)" : path
        }
    }

    /// The size the kernel is told (`addrlen`).
    public var length: Int {
        switch self {
        case .ipv4: return MemoryLayout<sockaddr_in>.size
        case .ipv6: return MemoryLayout<sockaddr_in6>.size
        case .unix(let path):
            // Unnamed: just the family; abstract (@name): no trailing NUL; a path: with its NUL.
            if path.isEmpty { return MemoryLayout<sa_family_t>.size }
            return MemoryLayout<sa_family_t>.size + path.utf8.count + (SocketAddress.isAbstract(path) ? 0 : 1)
        }
    }

    /// An IPv6 address of the form ::ffff:a.b.c.d (an IPv4 address seen by an IPv6 socket).
    public var isIPv4Mapped: Bool {
        guard case .ipv6(let a, _, _) = self, a.count == 16 else { return false }
        return a[0..<10].allSatisfy { $0 == 0 } && a[10] == 0xff && a[11] == 0xff
    }

    /// The wildcard address of a family with a port (`0.0.0.0:PORT` or `[::]:PORT`).
    public static func any(family: Int32, port: UInt16) -> SocketAddress {
        family == Platform.afInet6
            ? .ipv6(address: [UInt8](repeating: 0, count: 16), port: port, scope: 0)
            : .ipv4(address: [0, 0, 0, 0], port: port)
    }

    /// Parses a numeric IPv4 address (no port).
    public static func parseIPv4(_ text: String) -> [UInt8]? {
        var a = in_addr()
        guard inet_pton(Platform.afInet, text, &a) == 1 else { return nil }
        return withUnsafeBytes(of: &a) { Array($0) }
    }

    /// Parses a numeric IPv6 address (no port, no brackets).
    public static func parseIPv6(_ text: String) -> [UInt8]? {
        var a = in6_addr()
        guard inet_pton(Platform.afInet6, text, &a) == 1 else { return nil }
        return withUnsafeBytes(of: &a) { Array($0) }
    }

    /// Why a parse failed, in words for the user.
    public enum ParseError: Error, Equatable, Sendable {
        case malformed(String)
        case badPort(String)
        case unresolved(String, String)
    }

    /// Parses `IPv4:PORT`, `[IPv6]:PORT`, `:PORT`, `HOST:PORT` (getaddrinfo), `/path`, `unix:/path`,
    /// `unix:@name` (abstract).
    ///
    /// `family` is the family of the socket the address is for (used for `:PORT` and host names).
    public static func parse(_ text: String, family: Int32) -> Result<SocketAddress, ParseError> {
        parse(text, family: family, lookups: true) ?? .failure(.malformed(text))
    }

    /// `parse` without a system call: nil when the word needs one (a host name for getaddrinfo, an interface
    /// name after `%` for if_nametoindex). Why: the shell parses a command before it runs it, and the parse makes
    /// no call; such a word is parsed in full by the run.
    public static func parseWithoutLookup(_ text: String, family: Int32) -> Result<SocketAddress, ParseError>? {
        parse(text, family: family, lookups: false)
    }

    private static func parse(_ text: String, family: Int32, lookups: Bool) -> Result<SocketAddress, ParseError>? {
        if text.hasPrefix("unix:") {
            // A NUL first (`"unix:\0name"`) starts an abstract name, as `@` does: the shell's one form of it.
            let path = text.dropFirst(5)
            return .success(.unix(path: path.first == "\0" ? "@" + path.dropFirst() : String(path)))
        }
        if text.hasPrefix("/") || text.hasPrefix("./") { return .success(.unix(path: text)) }
        var hostPart: Substring
        var portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return .failure(.malformed(text)) }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return .failure(.malformed(text)) }
            portPart = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return .failure(.malformed(text)) }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            if hostPart.contains(":") { return .failure(.malformed(text)) }
        }
        guard let port = UInt16(portPart), portPart.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(.badPort(String(portPart)))
        }
        let host = String(hostPart)
        if host.isEmpty || host == "*" { return .success(.any(family: family, port: port)) }
        if let v4 = parseIPv4(host) {
            if family == Platform.afInet6 {
                // A v4 address for a v6 socket: the v4-mapped form, as the kernel would need.
                return .success(.ipv6(address: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] + v4, port: port, scope: 0))
            }
            return .success(.ipv4(address: v4, port: port))
        }
        var scopeID: UInt32 = 0
        var bare = host
        if let pct = host.firstIndex(of: "%") {
            let name = String(host[host.index(after: pct)...])
            if !lookups, UInt32(name) == nil { return nil }
            // An interface name or index; an unknown one is an error, never a silent scope 0.
            let index = UInt32(name) ?? Sys.if_nametoindex(name)
            guard index != 0 else { return .failure(.malformed(text)) }
            scopeID = index
            bare = String(host[..<pct])
        }
        if let v6 = parseIPv6(bare) { return .success(.ipv6(address: v6, port: port, scope: scopeID)) }
        if !lookups { return nil }
        return resolve(host: host, port: port, family: family)
    }

    private static func resolve(host: String, port: UInt16, family: Int32) -> Result<SocketAddress, ParseError> {
        var hints = addrinfo()
        hints.ai_family = family == Platform.afInet6 ? Platform.afInet6 : Platform.afInet
        var res: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, nil, &hints, &res)
        guard rc == 0, let first = res else {
            return .failure(.unresolved(host, String(cString: gai_strerror(rc))))
        }
        defer { freeaddrinfo(res) }
        guard let sa = first.pointee.ai_addr,
              var addr = SocketAddress(sockaddr: sa, length: Int(first.pointee.ai_addrlen))
        else { return .failure(.unresolved(host, "no usable address")) }
        addr = addr.withPort(port)
        return .success(addr)
    }

    /// The same address with another port.
    public func withPort(_ port: UInt16) -> SocketAddress {
        switch self {
        case .ipv4(let a, _): return .ipv4(address: a, port: port)
        case .ipv6(let a, _, let s): return .ipv6(address: a, port: port, scope: s)
        case .unix: return self
        }
    }

    /// Reads an address the kernel wrote.
    public init?(sockaddr sa: UnsafePointer<sockaddr>, length: Int) {
        switch Int32(sa.pointee.sa_family) {
        case Platform.afInet:
            let sin = UnsafeRawPointer(sa).loadUnaligned(as: sockaddr_in.self)
            var a = sin.sin_addr
            self = .ipv4(address: withUnsafeBytes(of: &a) { Array($0) }, port: UInt16(bigEndian: sin.sin_port))
        case Platform.afInet6:
            let sin6 = UnsafeRawPointer(sa).loadUnaligned(as: sockaddr_in6.self)
            var a = sin6.sin6_addr
            self = .ipv6(address: withUnsafeBytes(of: &a) { Array($0) },
                         port: UInt16(bigEndian: sin6.sin6_port), scope: sin6.sin6_scope_id)
        case Platform.afUnix:
            let pathOffset = MemoryLayout<sa_family_t>.size
            let count = max(0, length - pathOffset)
            let raw = UnsafeRawPointer(sa) + pathOffset
            let bytes = UnsafeBufferPointer(start: raw.assumingMemoryBound(to: UInt8.self), count: count)
            if let first = bytes.first, first == 0 {
                // Abstract namespace: every byte after the leading NUL is the name.
                self = .unix(path: "@" + String(decoding: bytes.dropFirst(), as: UTF8.self))
            } else {
                let path = bytes.prefix { $0 != 0 }
                self = .unix(path: String(decoding: path, as: UTF8.self))
            }
        default:
            return nil
        }
    }

    /// Calls `body` with the C form of the address.
    public func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        var storage = sockaddr_storage()
        let len: Int
        switch self {
        case .ipv4(let a, let p):
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(Platform.afInet)
            sin.sin_port = p.bigEndian
            withUnsafeMutableBytes(of: &sin.sin_addr) { $0.copyBytes(from: a.prefix(4)) }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: sin, as: sockaddr_in.self) }
            len = MemoryLayout<sockaddr_in>.size
        case .ipv6(let a, let p, let s):
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(Platform.afInet6)
            sin6.sin6_port = p.bigEndian
            sin6.sin6_scope_id = s
            withUnsafeMutableBytes(of: &sin6.sin6_addr) { $0.copyBytes(from: a.prefix(16)) }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: sin6, as: sockaddr_in6.self) }
            len = MemoryLayout<sockaddr_in6>.size
        case .unix(let path):
            var sun = sockaddr_un()
            sun.sun_family = sa_family_t(Platform.afUnix)
            let abstract = SocketAddress.isAbstract(path)
            let bytes = abstract ? [0] + Array(path.utf8.dropFirst().prefix(107)) : Array(path.utf8.prefix(107))
            withUnsafeMutableBytes(of: &sun.sun_path) { $0.copyBytes(from: bytes) }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: sun, as: sockaddr_un.self) }
            // An empty path (`unix:`) passes the family alone: Linux then autobinds to an abstract name.
            len = MemoryLayout<sa_family_t>.size + (path.isEmpty ? 0 : bytes.count + (abstract ? 0 : 1))
        }
        return withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(len)) }
        }
    }

    /// An abstract AF_UNIX name: `@name`, or a name whose first byte is already the NUL (it takes no trailing NUL).
    static func isAbstract(_ path: String) -> Bool { path.hasPrefix("@") || path.utf8.first == 0 }

    private static func ntop(_ family: Int32, _ bytes: [UInt8]) -> String {
        var buf = [CChar](repeating: 0, count: 64)
        let ok = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buf, 64) != nil }
        return ok ? String(cCharacters: buf) : "?"
    }
}
