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
        case .unix(let path):
            if let name = autobound(path) { return "@\(volatile: name, .hex)" }
            return Line(path.isEmpty ? "(unnamed)" : printable(path))
        }
    }

    /// The name of an autobound AF_UNIX socket (`@` and five hex digits the kernel picked), which differs from run
    /// to run: a transcript writes it `{hex}`, as it writes a kernel-chosen port `{port}`.
    static func autobound(_ path: String) -> String? {
        let name = path.utf8.dropFirst()
        guard path.hasPrefix("@"), name.count == 5,
              name.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    /// `text` with control characters escaped (`\n`, `\0`, `\x1b`), so a path or a word the user typed never
    /// breaks an output line or drives the terminal. An abstract AF_UNIX name shows as `\0name`.
    static func printable(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            switch s.value {
            case 0x0a: out += "\\n"
            case 0x0d: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00: out += "\\0"
            case 0..<0x20, 0x7f: out += "\\" + String(format: UInt8(s.value))
            case 0x80..<0xa0: out += "\\u{" + String(s.value, radix: 16) + "}"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// `{AF_INET, 127.0.0.1:41234}` as strace shows a sockaddr.
    static func sockaddr(_ a: SocketAddress) -> Line {
        switch a {
        case .unix(let path):
            if path.isEmpty { return "{AF_UNIX}" }
            if let name = autobound(path) { return "{AF_UNIX, @\"\(volatile: name, .hex)\"}" }
            if path.hasPrefix("@") { return "{AF_UNIX, @\(ByteText.quoted(Array(path.utf8.dropFirst())))}" }
            return "{AF_UNIX, \(ByteText.quoted(Array(path.utf8)))}"
        default: return "{\(Platform.familyName(a.family)), \(address(a))}"
        }
    }

    /// A buffer argument: quoted text (shortened past `limit`), or `<N bytes>` for binary data.
    static func buffer(_ bytes: some Collection<UInt8>, limit: Int = 256) -> Line {
        if ByteText.isText(bytes) {
            if bytes.count <= limit { return Line(ByteText.quoted(bytes)) }
            return Line(ByteText.quoted(bytes.prefix(limit)) + "...")
        }
        return Line("<\(bytes.count) \(bytes.count == 1 ? "byte" : "bytes"), hex below>")
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
