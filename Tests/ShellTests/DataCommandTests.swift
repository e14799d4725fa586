// send, sendto and recv: DATA forms, flags, peek, OOB, datagrams and their senders.

import Shell
import Testing

@Suite("Data commands")
struct DataCommandTests {
    @Test("send: DATA is the rest of the line, trimmed, inner spaces kept, no newline added")
    func restOfLine() {
        let sh = TestShell()
        sh.tcpPair()
        expectLine(sh.run("@cli send   hello   big  world   "), "send(*, \"hello   big  world\", 18, 0) = 18")
        expectLine(sh.run("recv"), "recv(*, \"hello   big  world\", 65536, 0) = 18")
        // After @NAME the data still starts at the right word.
        expectLine(sh.run("@cli send a b"), "send(*, \"a b\", 3, 0) = 3")
        expectLine(sh.run("recv"), "recv(*, \"a b\", 65536, 0) = 3")
    }

    @Test("send flags: leading flag words are flags; a quoted flag word is data")
    func flags() {
        let sh = TestShell()
        sh.tcpPair()
        expectLine(sh.run("@cli send dontwait nosignal x"), "send(*, \"x\", 1, MSG_DONTWAIT|MSG_NOSIGNAL) = 1")
        expectLine(sh.run("@cli send more y"), "send(*, \"y\", 1, MSG_MORE) = 1")
        expectLine(sh.run("@cli send \"oob\""), "send(*, \"oob\", 3, 0) = 3")
        expectLine(sh.run("@cli send x oob"), "send(*, \"x oob\", 5, 0) = 5")
        expectLine(sh.run("recv 10 waitall"), "recv(*, \"xyoobx oob\", 10, MSG_WAITALL) = 10")
    }

    @Test("send hex and escaped strings; binary shows as a hex dump on both ends")
    func hexAndEscapes() {
        let sh = TestShell()
        sh.tcpPair()
        let sent = sh.run("@cli send hex de ad be ef")
        expectLine(sent, "send(*, <4 bytes, hex below>, 4, 0) = 4")
        expectLine(sent, "  0000  de ad be ef *|....|")
        let got = sh.run("recv")
        expectLine(got, "recv(*, <4 bytes, hex below>, 65536, 0) = 4")
        expectLine(got, "  0000  de ad be ef *")
        sh.run("@cli send \"GET / HTTP/1.0\\r\\n\\r\\n\"")
        expectLine(sh.run("recv"), "recv(*, \"GET / HTTP/1.0\\r\\n\\r\\n\", 65536, 0) = 18")
        // The word hex alone is data.
        sh.run("@cli send hex")
        expectLine(sh.run("recv"), "recv(*, \"hex\", 65536, 0) = 3")
    }

    @Test("recv: N and flags in any order; peek leaves the data")
    func recvForms() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli send abcdefgh")
        expectLine(sh.run("recv peek"), "recv(*, \"abcdefgh\", 65536, MSG_PEEK) = 8")
        expectLine(sh.run("recv 3 peek"), "recv(*, \"abc\", 3, MSG_PEEK) = 3")
        expectLine(sh.run("recv peek 2"), "recv(*, \"ab\", 2, MSG_PEEK) = 2")
        expectLine(sh.run("recv 2"), "recv(*, \"ab\", 2, 0) = 2")
        expectLine(sh.run("recv 1K"), "recv(*, \"cdefgh\", 1024, 0) = 6")
        expectLine(sh.run("recv dontwait"), "recv(*, 0x*, 65536, MSG_DONTWAIT) = -1 EAGAIN (Resource temporarily unavailable)")
        expectLine(sh.run("recv dontwait peek 4"), "recv(*, 4, MSG_PEEK|MSG_DONTWAIT) = -1 EAGAIN *")
    }

    @Test("OOB: send oob X sends one urgent byte, recv oob reads it; SO_OOBINLINE keeps it inline")
    func outOfBand() {
        let sh = TestShell()
        sh.tcpPair()
        expectLine(sh.run("@cli send oob X"), "send(*, \"X\", 1, MSG_OOB) = 1")
        sh.run("@cli send after")
        sh.run("poll 1s")
        expectLine(sh.run("recv oob"), "recv(*, \"X\", 65536, MSG_OOB) = 1")
        expectLine(sh.run("recv 5 waitall"), "recv(*, \"after\", 5, MSG_WAITALL) = 5")
        sh.run("setopt SO_OOBINLINE on")
        sh.run("@cli send ab; @cli send oob Y; @cli send cd")
        sh.run("recv 1 peek waitall")
        expectLine(sh.run("recv"), "recv(*, \"ab\", 65536, 0) = 2")
        let inline = sh.events("recv oob")
        expectLine(sh.renderer.render(inline), "recv(*, 65536, MSG_OOB) = -1 EINVAL (Invalid argument)")
        #expect(inline.notes.contains { $0.contains("SO_OOBINLINE") })
        expectLine(sh.run("recv 3 waitall"), "recv(*, \"Ycd\", 3, MSG_WAITALL) = 3")
    }

    @Test("UDP: sendto a handle, recv shows the sender (recvfrom)")
    func udp() throws {
        let sh = TestShell()
        sh.run("socket udp as u1; bind 127.0.0.1:0; socket udp as u2; bind 127.0.0.1:0")
        let p1 = try #require(sh.port("u1"))
        let p2 = try #require(sh.port("u2"))
        expectLine(sh.run("sendto u1 hello"), "sendto(*, \"hello\", 5, 0, {AF_INET, 127.0.0.1:\(p1)}, 16) = 5")
        expectLine(sh.run("@u1 recv"), "recvfrom(*, \"hello\", 65536, 0, {AF_INET, 127.0.0.1:\(p2)}, [16]) = 5")
        expectLine(sh.run("sendto 127.0.0.1:\(p1) dontwait \"two words\""),
                   "sendto(*, \"two words\", 9, MSG_DONTWAIT, {AF_INET, 127.0.0.1:\(p1)}, 16) = 9")
        expectLine(sh.run("@u1 recv 3"), "recvfrom(*, \"two\", 3, 0, {AF_INET, 127.0.0.1:\(p2)}, [16]) = 3")
        // trunc reports the real length.
        sh.run("sendto u1 0123456789")
        let t = sh.run("@u1 recv 4 trunc")
        expectLine(t, "recvfrom(*, \"0123\", 4, MSG_TRUNC, {AF_INET, 127.0.0.1:\(p2)}, [16]) = 10")
        #expect(t.contains { $0.contains("10 bytes") })
        expectLine(sh.run("@u1 recv dontwait"), "recvfrom(*, 65536, MSG_DONTWAIT, 0x..., [128]) = -1 EAGAIN *")
        // connect sets the default peer; send then works on UDP.
        sh.run("connect u1")
        expectLine(sh.run("send hex 00 01"), "send(*, <2 bytes, hex below>, 2, 0) = 2")
        expectLine(sh.run("@u1 recv"), "recvfrom(*, <2 bytes, hex below>, 65536, 0, {AF_INET, 127.0.0.1:\(p2)}, [16]) = 2")
    }

    @Test("UDP to a broadcast address without SO_BROADCAST: EACCES before anything is sent, with a hint")
    func broadcastRefused() {
        let sh = TestShell()
        sh.run("socket udp")
        let ev = sh.events("sendto 127.255.255.255:9 x")
        expectLine(sh.renderer.render(ev),
                   "sendto(*, \"x\", 1, 0, {AF_INET, 127.255.255.255:9}, 16) = -1 EACCES (Permission denied)")
        #expect(ev.notes.contains { $0.contains("SO_BROADCAST") })
    }

    @Test("IPv6 UDP datagram, sender shown in brackets")
    func udp6() throws {
        let sh = TestShell()
        sh.run("socket udp 6 as a; bind [::1]:0; socket udp 6 as b; bind [::1]:0")
        let pb = try #require(sh.port("b"))
        sh.run("sendto a v6")
        expectLine(sh.run("@a recv"), "recvfrom(*, \"v6\", 65536, 0, {AF_INET6, [::1]:\(pb)}, [28]) = 2")
    }

    @Test("long text gets its own lines after the call")
    func longText() {
        let sh = TestShell()
        sh.tcpPair()
        let big = String(repeating: "abcdefgh", count: 200)
        sh.run("@cli send \(big)")
        let out = sh.run("recv 1600 waitall")
        expectLine(out, "recv(*, \"abcdefgh*\"..., 1600, MSG_WAITALL) = 1600")
        #expect(out.filter { $0.hasPrefix("  \"abcdefgh") }.count == 25)
    }

    @Test("recv of more than 16M is capped with a note")
    func cap() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli send x")
        let out = sh.run("recv 1G")
        #expect(out.contains { $0.contains("capped") })
        expectLine(out, "recv(*, \"x\", 16777216, 0) = 1")
    }
}
