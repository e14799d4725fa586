// SocketAddress: parsing every form of SPEC §2, formatting, and the C form the kernel sees.

import Glibc
import SocketCore
import Testing

/// Parses `text` for a socket of `family`, or records the failure and returns nil.
private func parsed(_ text: String, family: Int32 = Platform.afInet) -> SocketAddress? {
    switch SocketAddress.parse(text, family: family) {
    case .success(let a): return a
    case .failure(let e):
        Issue.record("parse(\(text)) failed: \(e)")
        return nil
    }
}

/// The parse error for `text`, or nil when it parsed.
private func parseError(_ text: String, family: Int32 = Platform.afInet) -> SocketAddress.ParseError? {
    if case .failure(let e) = SocketAddress.parse(text, family: family) { return e }
    return nil
}

@Suite("SocketAddress parse and format")
struct SocketAddressTests {
    @Test("IPv4:PORT keeps address and port, and formats back the same")
    func ipv4() throws {
        let a = try #require(parsed("127.0.0.1:8080"))
        #expect(a == .ipv4(address: [127, 0, 0, 1], port: 8080))
        #expect(a.family == Platform.afInet)
        #expect(a.port == 8080)
        #expect(a.host == "127.0.0.1")
        #expect(a.description == "127.0.0.1:8080")
        #expect(a.length == MemoryLayout<sockaddr_in>.size)
    }

    @Test("[IPv6]:PORT, with the brackets only around the address")
    func ipv6() throws {
        let a = try #require(parsed("[::1]:443", family: Platform.afInet6))
        #expect(a == .ipv6(address: [UInt8](repeating: 0, count: 15) + [1], port: 443, scope: 0))
        #expect(a.host == "::1")
        #expect(a.description == "[::1]:443")
        #expect(a.length == MemoryLayout<sockaddr_in6>.size)
        let b = try #require(parsed("[fe80::1%1]:9", family: Platform.afInet6))
        if case .ipv6(_, let port, let scope) = b {
            #expect(port == 9)
            #expect(scope == 1)
        } else {
            Issue.record("not IPv6: \(b)")
        }
    }

    @Test(":PORT is the wildcard address of the socket's family")
    func anyAddress() throws {
        #expect(parsed(":5000") == .ipv4(address: [0, 0, 0, 0], port: 5000))
        #expect(parsed(":5000", family: Platform.afInet6)
                    == .ipv6(address: [UInt8](repeating: 0, count: 16), port: 5000, scope: 0))
        #expect(SocketAddress.any(family: Platform.afInet, port: 7).description == "0.0.0.0:7")
        #expect(SocketAddress.any(family: Platform.afInet6, port: 7).description == "[::]:7")
    }

    @Test("an IPv4 address for an IPv6 socket becomes the v4-mapped form")
    func v4Mapped() throws {
        let a = try #require(parsed("127.0.0.1:80", family: Platform.afInet6))
        #expect(a.family == Platform.afInet6)
        #expect(a.host == "::ffff:127.0.0.1")
    }

    @Test("/path and unix:/path are AF_UNIX addresses")
    func unixPaths() throws {
        #expect(parsed("/tmp/x.sock") == .unix(path: "/tmp/x.sock"))
        #expect(parsed("unix:/tmp/y.sock") == .unix(path: "/tmp/y.sock"))
        let a = try #require(parsed("/tmp/x.sock"))
        #expect(a.family == Platform.afUnix)
        #expect(a.port == nil)
        #expect(a.description == "/tmp/x.sock")
        #expect(a.length == MemoryLayout<sa_family_t>.size + "/tmp/x.sock".utf8.count + 1)
        #expect(SocketAddress.unix(path: "").description == "(unnamed)")
    }

    @Test("HOST:PORT resolves through getaddrinfo (localhost)")
    func hostName() throws {
        let a = try #require(parsed("localhost:25"))
        #expect(a.port == 25)
        #expect(a.family == Platform.afInet)
        #expect(a.host.hasPrefix("127."))
    }

    @Test("bad ports are reported as bad ports", arguments: ["127.0.0.1:70000", "127.0.0.1:-1", "127.0.0.1:abc",
                                                            "127.0.0.1:", "[::1]:65536", ":99999", "1.2.3.4:+5"])
    func badPorts(_ text: String) {
        guard case .badPort = parseError(text, family: text.hasPrefix("[") ? Platform.afInet6 : Platform.afInet)
        else {
            Issue.record("\(text): expected badPort, got \(String(describing: SocketAddress.parse(text, family: 2)))")
            return
        }
    }

    @Test("port 65535 and port 0 are fine")
    func portLimits() {
        #expect(parsed("127.0.0.1:65535")?.port == 65535)
        #expect(parsed("127.0.0.1:0")?.port == 0)
    }

    @Test("malformed addresses are malformed, not crashes", arguments: ["garbage", "1.2.3.4", "[::1]", "[::1",
                                                                        "::1:80", "[::1]80", ""])
    func malformed(_ text: String) {
        guard case .malformed = parseError(text) else {
            Issue.record("\(text): expected malformed, got \(String(describing: SocketAddress.parse(text, family: 2)))")
            return
        }
    }

    @Test("a host name that cannot resolve is unresolved (names glibc rejects without asking DNS)",
          arguments: ["a..b", "300.1.1.1"])
    func unresolved(_ name: String) {
        guard case .unresolved(let host, _) = parseError(name + ":80") else {
            Issue.record("expected unresolved for \(name)")
            return
        }
        #expect(host == name)
    }

    @Test("withSockAddr gives the kernel the right family, port (network order) and length")
    func cForm() throws {
        let v4 = try #require(parsed("10.1.2.3:258"))
        v4.withSockAddr { sa, len in
            #expect(Int32(sa.pointee.sa_family) == Platform.afInet)
            #expect(Int(len) == MemoryLayout<sockaddr_in>.size)
            let sin = UnsafeRawPointer(sa).loadUnaligned(as: sockaddr_in.self)
            #expect(UInt16(bigEndian: sin.sin_port) == 258)
            #expect(SocketAddress(sockaddr: sa, length: Int(len)) == v4)
        }
        let path = SocketAddress.unix(path: "/tmp/s")
        path.withSockAddr { sa, len in
            #expect(Int32(sa.pointee.sa_family) == Platform.afUnix)
            #expect(Int(len) == MemoryLayout<sa_family_t>.size + 7)
            #expect(SocketAddress(sockaddr: sa, length: Int(len)) == path)
        }
    }

    @Test("withPort changes only the port")
    func withPort() throws {
        let a = try #require(parsed("127.0.0.1:1"))
        #expect(a.withPort(2) == .ipv4(address: [127, 0, 0, 1], port: 2))
        #expect(SocketAddress.unix(path: "/x").withPort(9) == .unix(path: "/x"))
    }

    @Test("a real bound socket reports the kernel's chosen port")
    func boundSocket() throws {
        let (sock, r) = Socket.open(family: Platform.afInet, type: Platform.sockStream, proto: Platform.ipprotoTCP)
        let s = try #require(sock, "socket: \(r)")
        defer { _ = s.close() }
        #expect(s.bind(.ipv4(address: [127, 0, 0, 1], port: 0)).error == nil)
        let local = try #require(s.localAddress)
        #expect(local.host == "127.0.0.1")
        #expect((local.port ?? 0) > 0)
        #expect(s.peerAddress == nil)
    }
}
