// The kernel's socket table through NETLINK_SOCK_DIAG, read against real loopback sockets.

import Glibc
import Testing

@testable import SocketCore

@Suite("Socket table (sock_diag)")
struct SocketTableTests {
    /// A listener on 127.0.0.1 with a kernel-chosen port.
    static func listener() throws -> (Socket, UInt16) {
        let (s, r) = Socket.open(family: Platform.afInet, type: Platform.sockStream, proto: Platform.ipprotoTCP)
        let l = try #require(s, "socket: \(String(describing: r.error))")
        #expect(l.bind(.ipv4(address: [127, 0, 0, 1], port: 0)).error == nil)
        #expect(l.listen(backlog: 7).error == nil)
        return (l, try #require(l.localAddress?.port))
    }

    @Test("a listener is listed with its state, address, backlog and inode")
    func listenerRow() throws {
        let (l, port) = try Self.listener()
        defer { _ = l.close() }
        let dump = SocketTable.read([.tcp4])
        #expect(dump.socketResult.error == nil)
        #expect(dump.requests.count == 1 && dump.requests[0].result.error == nil && dump.requests[0].length == 72)
        #expect(dump.readError == nil)
        let row = try #require(dump.sockets.first { $0.localPort == port && $0.stateName == "LISTEN" })
        #expect(row.kind == .tcp)
        #expect(row.local == .ipv4(address: [127, 0, 0, 1], port: port))
        #expect(row.peer == nil)
        #expect(row.sendQueue == 7, "a listener's send queue is its backlog")
        #expect(row.inode == l.inode && row.inode != 0, "matched to the descriptor by inode")
        #expect(row.uid == getuid())
    }

    @Test("closing a connection from the active side leaves a TIME_WAIT entry with its timer and no inode")
    func timeWait() throws {
        let (l, port) = try Self.listener()
        defer { _ = l.close() }
        let c = try #require(Socket.open(family: Platform.afInet, type: Platform.sockStream,
                                         proto: Platform.ipprotoTCP).0)
        #expect(c.connect(.ipv4(address: [127, 0, 0, 1], port: port)).error == nil)
        let (a, _, ar) = l.accept()
        let accepted = try #require(a, "accept: \(String(describing: ar.error))")
        let clientPort = try #require(c.localAddress?.port)
        // The accepted side closes first (active close), then the client: the server's end goes to TIME_WAIT.
        _ = accepted.close()
        _ = c.close()
        var row: KernelSocket?
        for _ in 0..<50 {
            row = SocketTable.read([.tcp4]).sockets.first {
                $0.localPort == port && $0.peerPort == clientPort && $0.stateName == "TIME_WAIT"
            }
            if row != nil { break }
            usleep(20_000)
        }
        let tw = try #require(row, "no TIME_WAIT entry for 127.0.0.1:\(port) - :\(clientPort)")
        #expect(tw.inode == 0, "a TIME_WAIT minisocket owns no file")
        guard case .timeWait(let ms)? = tw.timer else {
            Issue.record("timer is \(String(describing: tw.timer))")
            return
        }
        #expect(ms > 0 && ms <= 60_000, "TIME_WAIT lasts 60 s on Linux: \(ms) ms left")
        #expect(tw.timer?.name == "timewait")
    }

    @Test("UDP, IPv6 and AF_UNIX sockets are listed by their own dumps")
    func otherFamilies() throws {
        let u = try #require(Socket.open(family: Platform.afInet6, type: Platform.sockDgram,
                                         proto: Platform.ipprotoUDP).0)
        defer { _ = u.close() }
        #expect(u.bind(.ipv6(address: Array(repeating: 0, count: 15) + [1], port: 0, scope: 0)).error == nil)
        let port = try #require(u.localAddress?.port)
        let x = try #require(Socket.open(family: Platform.afUnix, type: Platform.sockDgram, proto: 0).0)
        defer { _ = x.close() }
        let name = "@sockshell-diag-\(getpid())"
        #expect(x.bind(.unix(path: name)).error == nil)
        let dump = SocketTable.read([.udp6, .unix])
        let udp = try #require(dump.sockets.first { $0.kind == .udp && $0.localPort == port })
        #expect(udp.family == Platform.afInet6 && udp.stateName == "UNCONN" && udp.inode == u.inode)
        let unix = try #require(dump.sockets.first { $0.inode == x.inode })
        #expect(unix.kind == .unixDgram)
        #expect(unix.local == .unix(path: name), "abstract names come back with '@'")
    }
}
