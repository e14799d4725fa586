// TCPInfo: the state decoded from TCP_INFO on real loopback connections.

import Glibc
import SocketCore
import Testing

/// A listener, a client and the accepted socket, all on 127.0.0.1 with a kernel-chosen port.
private struct Pair {
    let listener: Socket
    let client: Socket
    let server: Socket

    init() throws {
        let tcp = (Platform.afInet, Platform.sockStream, Platform.ipprotoTCP)
        listener = try #require(Socket.open(family: tcp.0, type: tcp.1, proto: tcp.2).0)
        client = try #require(Socket.open(family: tcp.0, type: tcp.1, proto: tcp.2).0)
        #expect(listener.bind(.ipv4(address: [127, 0, 0, 1], port: 0)).error == nil)
        #expect(listener.listen(backlog: 4).error == nil)
        let addr = try #require(listener.localAddress)
        #expect(client.connect(addr).error == nil)
        let (accepted, peer, r) = listener.accept()
        #expect(r.error == nil)
        #expect(peer == client.localAddress)
        server = try #require(accepted)
    }

    func close() {
        _ = client.close()
        _ = server.close()
        _ = listener.close()
    }
}

/// The decoded TCP_INFO of a socket.
private func info(_ s: Socket) -> TCPInfo {
    let (r, bytes) = s.getOption(level: Platform.ipprotoTCP, name: TCP_INFO, capacity: 256)
    #expect(r.error == nil)
    return TCPInfo(bytes: bytes)
}

/// Waits (at most about 2 s) until the socket's state is `name`; returns the last state seen.
private func waitForState(_ s: Socket, _ name: String) -> String {
    var last = ""
    for _ in 0..<200 {
        last = info(s).stateName
        if last == name { return last }
        usleep(10_000)
    }
    return last
}

@Suite("TCPInfo on real sockets")
struct TCPInfoTests {
    @Test("state names follow the kernel's numbering")
    func names() {
        #expect(TCPInfo.stateName(1) == "ESTABLISHED")
        #expect(TCPInfo.stateName(4) == "FIN_WAIT1")
        #expect(TCPInfo.stateName(5) == "FIN_WAIT2")
        #expect(TCPInfo.stateName(6) == "TIME_WAIT")
        #expect(TCPInfo.stateName(7) == "CLOSE")
        #expect(TCPInfo.stateName(8) == "CLOSE_WAIT")
        #expect(TCPInfo.stateName(10) == "LISTEN")
        #expect(TCPInfo.stateName(99) == "99")
        #expect(TCPInfo(bytes: []).state == 0)
    }

    @Test("a fresh socket is CLOSE, a listener LISTEN, a connected pair ESTABLISHED on both ends")
    func connectedPair() throws {
        let pair = try Pair()
        defer { pair.close() }
        let fresh = try #require(Socket.open(family: Platform.afInet, type: Platform.sockStream,
                                             proto: Platform.ipprotoTCP).0)
        defer { _ = fresh.close() }
        #expect(info(fresh).stateName == "CLOSE")
        #expect(info(pair.listener).stateName == "LISTEN")
        let c = info(pair.client)
        #expect(c.stateName == "ESTABLISHED")
        #expect(info(pair.server).stateName == "ESTABLISHED")
        #expect(c.bytes.count >= 104, "the kernel returns at least glibc's view of tcp_info")
        // Loopback negotiates timestamps, SACK and window scaling.
        #expect(c.options.contains("TS") && c.options.contains("SACK") && c.options.contains("WSCALE"))
        // tcpi_snd_mss (offset 16) and tcpi_rtt (offset 68) are read by offset from what this kernel gave.
        #expect((c.u32(16) ?? 0) > 0 && c.u32(68) != nil)
    }

    @Test("half-close: the closer goes to FIN_WAIT2, the peer to CLOSE_WAIT")
    func halfClose() throws {
        let pair = try Pair()
        defer { pair.close() }
        #expect(pair.client.shutdown(how: Int32(SHUT_WR)).error == nil)
        #expect(waitForState(pair.client, "FIN_WAIT2") == "FIN_WAIT2")
        #expect(waitForState(pair.server, "CLOSE_WAIT") == "CLOSE_WAIT")
        var b = [UInt8](repeating: 0, count: 8)
        let r = b.withUnsafeMutableBytes { pair.server.recv(into: $0, flags: []) }
        #expect(r.error == nil && r.value == 0, "EOF after the FIN")
    }

    @Test("queues: SIOCINQ counts unread bytes")
    func queues() throws {
        let pair = try Pair()
        defer { pair.close() }
        let data: [UInt8] = Array("hello".utf8)
        let sent = data.withUnsafeBytes { pair.client.send($0, flags: []) }
        #expect(sent.value == 5)
        var seen = 0
        for _ in 0..<200 where seen < 5 {
            seen = pair.server.receiveQueue
            if seen < 5 { usleep(10_000) }
        }
        #expect(seen == 5)
    }
}
