import SocketCore

/// strace-style pieces shared by the commands.
enum Fmt {
    /// A port, marked ephemeral when it lies in the kernel's ephemeral range.
    static func port(_ p: UInt16) -> Line {
        Platform.ephemeralPorts.contains(Int(p)) ? .volatile("\(p)", .port) : Line("\(p)")
    }

    /// `127.0.0.1:41234`, `[::1]:80`, `/tmp/s`.
    static func address(_ a: SocketAddress) -> Line {
        switch a {
        case .ipv4: return "\(a.host):\(port(a.port ?? 0))"
        case .ipv6: return "[\(a.host)]:\(port(a.port ?? 0))"
        case .unix(let path): return Line(path.isEmpty ? "(unnamed)" : path)
        }
    }

    /// `{AF_INET, 127.0.0.1:41234}` as strace shows a sockaddr.
    static func sockaddr(_ a: SocketAddress) -> Line {
        switch a {
        case .unix(let path): return path.isEmpty ? "{AF_UNIX}" : "{AF_UNIX, \(ByteText.quoted(Array(path.utf8)))}"
        default: return "{\(Platform.familyName(a.family)), \(address(a))}"
        }
    }

    /// A buffer argument: quoted text (shortened past `limit`), or `<N bytes>` for binary data.
    static func buffer(_ bytes: some Collection<UInt8>, limit: Int = 256) -> Line {
        if ByteText.isText(bytes) {
            if bytes.count <= limit { return Line(ByteText.quoted(bytes)) }
            return Line(ByteText.quoted(bytes.prefix(limit)) + "...")
        }
        return Line("<\(bytes.count) bytes, hex below>")
    }

    /// An in_addr as strace prints it: `inet_addr("127.0.0.1")`.
    static func inAddr(_ bytes: [UInt8]) -> String {
        "inet_addr(\"\(SocketAddress.ipv4(address: Array(bytes.prefix(4)), port: 0).host)\")"
    }

    /// An in6_addr: `inet_pton(AF_INET6, "ff02::1")`.
    static func in6Addr(_ bytes: [UInt8]) -> String {
        "inet_pton(AF_INET6, \"\(SocketAddress.ipv6(address: Array(bytes.prefix(16)), port: 0, scope: 0).host)\")"
    }
}
