// socket, bind, listen, accept, connect, shutdown, close; handles, the current socket and `@NAME`.

import Glibc
import Shell
import Testing

@Suite("Socket commands")
struct SocketCommandTests {
    @Test("socket: each kind shows the call strace-style and a handle s<N>")
    func kinds() {
        let sh = TestShell()
        let expected: [(String, String)] = [
            ("socket tcp", "s1 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = *"),
            ("socket udp", "s2 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = *"),
            ("socket tcp 6", "s3 = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = *"),
            ("socket udp 6", "s4 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP) = *"),
            ("socket tcp 4", "s5 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = *"),
            ("socket unix", "s6 = socket(AF_UNIX, SOCK_STREAM, 0) = *"),
            ("socket unix stream", "s7 = socket(AF_UNIX, SOCK_STREAM, 0) = *"),
            ("socket unix dgram", "s8 = socket(AF_UNIX, SOCK_DGRAM, 0) = *"),
            ("SOCKET UDP", "s9 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = *"),
        ]
        for (line, pattern) in expected {
            let out = sh.run(line)
            #expect(out.count == 1 && glob(pattern, out[0]), "\(line): \(out)")
        }
        #expect(sh.session.current == "s9")
        #expect(sh.session.handles.count == 9)
    }

    @Test("handles count every socket created or accepted and are never reused")
    func handleNumbers() {
        let sh = TestShell()
        sh.run("socket tcp; bind 127.0.0.1:0; listen; socket tcp; connect s1; @s1 accept")
        #expect(sh.session.handles == ["s1", "s2", "s3"])
        #expect(sh.session.current == "s2", "@s1 accept keeps the current socket")
        sh.run("@s3 close; socket udp")
        #expect(sh.session.handles == ["s1", "s2", "s4"], "s3 is gone and not reused")
        sh.run("@s4 close; socket tcp as named; socket udp")
        #expect(sh.session.handles == ["s1", "s2", "named", "s6"], "named sockets count too")
    }

    @Test("as NAME: accepted names, and the rules it must follow")
    func asNameRules() throws {
        let sh = TestShell()
        sh.run("socket tcp as web_1; socket udp as _x; socket unix dgram as Ux9")
        #expect(sh.session.handles == ["web_1", "_x", "Ux9"])
        let bad: [(String, String)] = [
            ("socket tcp as 1abc", "bad name"), ("socket tcp as a-b", "bad name"), ("socket tcp as s7", "s<N>"),
            ("socket tcp as web_1", "exists already"), ("socket tcp as recv", "command name"),
            ("socket tcp as", "missing NAME"), ("socket tcp as a b", "unexpected"),
        ]
        for (line, words) in bad {
            let e = sh.inputError(line)
            #expect(e?.message.contains(words) == true, "\(line): \(e?.message ?? "-")")
            #expect(e?.usage?.contains("socket tcp|udp") == true)
        }
        #expect(sh.session.handles == ["web_1", "_x", "Ux9"], "no socket was made by a bad line")
        // `s` alone and `s1x` are not automatic handles.
        sh.run("socket tcp as s; socket tcp as s1x")
        #expect(sh.session.handles.suffix(2) == ["s", "s1x"])
        // accept takes `as NAME` with the same rules.
        sh.run("@s bind 127.0.0.1:0; @s listen; @s1x connect s")
        #expect(sh.inputError("@s accept as s1x")?.message.contains("exists already") == true)
        sh.run("@s accept as peer")
        #expect(sh.session.handles.last == "peer")
    }

    @Test("bind shows the sockaddr, and the kernel's port for port 0")
    func bindShowsPort() throws {
        let sh = TestShell()
        sh.run("socket tcp as a")
        let out = sh.run("bind 127.0.0.1:0")
        expectLine(out, "bind(*, {AF_INET, 127.0.0.1:0}, 16) = 0")
        expectLine(out, "  local address 127.0.0.1:*")
        let port = try #require(sh.port("a"))
        #expect(port > 0)
        // Binding the same address again: EADDRINUSE, with a hint.
        sh.run("socket tcp as b")
        let again = sh.events("bind 127.0.0.1:\(port)")
        let lines = sh.renderer.render(again)
        expectLine(lines, "bind(*, {AF_INET, 127.0.0.1:\(port)}, 16) = -1 EADDRINUSE (Address already in use)")
        #expect(again.notes.contains { $0.contains("SO_REUSEADDR") })
        // :PORT is the wildcard address.
        sh.run("socket tcp as c")
        expectLine(sh.run("bind :0"), "bind(*, {AF_INET, 0.0.0.0:0}, 16) = 0")
    }

    @Test("listen: backlog shown; an unbound socket gets a port and the shell says which")
    func listen() {
        let sh = TestShell()
        sh.run("socket tcp; bind 127.0.0.1:0")
        expectLine(sh.run("listen 16"), "listen(*, 16) = 0")
        sh.run("socket tcp")
        let out = sh.run("listen")
        expectLine(out, "listen(*, 128) = 0")
        expectLine(out, "  local address 0.0.0.0:*")
        #expect(sh.text("getopt SO_ACCEPTCONN").contains("[1]"))
    }

    @Test("connect by handle, accept prints the peer and becomes current")
    func connectAcceptByHandle() throws {
        let sh = TestShell()
        sh.run("socket tcp as srv; bind 127.0.0.1:0; listen; socket tcp as cli")
        let port = try #require(sh.port("srv"))
        expectLine(sh.run("connect srv"), "connect(*, {AF_INET, 127.0.0.1:\(port)}, 16) = 0")
        #expect(sh.session.current == "cli")
        let cliPort = try #require(sh.port("cli"))
        let out = sh.run("use srv; accept as conn")
        expectLine(out, "conn = accept(*, {AF_INET, 127.0.0.1:\(cliPort)}, [16]) = *")
        #expect(sh.session.current == "conn", "a plain accept makes the new socket current")
        #expect(sh.row(info: "conn", "peer") == "127.0.0.1:\(cliPort)")
        #expect(sh.row(info: "conn", "handle") == "conn (accepted)")
    }

    @Test("@NAME never changes the current socket, not even for accept")
    func atNameKeepsCurrent() {
        let sh = TestShell()
        sh.run("socket tcp as srv; bind 127.0.0.1:0; listen; socket tcp as cli; @cli connect srv")
        #expect(sh.session.current == "cli")
        sh.run("@srv accept as conn")
        #expect(sh.session.current == "cli")
        #expect(sh.session.handles.contains("conn"))
        sh.run("@conn send x; @cli recv 1; @srv info; @conn getopt SO_RCVBUF; @srv setopt SO_KEEPALIVE on")
        #expect(sh.session.current == "cli")
        sh.run("@srv socket udp as side")
        #expect(sh.session.current == "cli", "@NAME socket makes a socket but keeps the current one")
        sh.run("use srv")
        sh.run("@cli connect 127.0.0.1:1")
        #expect(sh.session.current == "srv")
    }

    @Test("the handle as an address: a wildcard-bound socket is reached on loopback; v4 handle for v6 socket")
    func handleAddresses() throws {
        let sh = TestShell()
        sh.run("socket tcp as any4; bind :0; listen")
        let p4 = try #require(sh.port("any4"))
        sh.run("socket tcp as c4")
        expectLine(sh.run("connect any4"), "connect(*, {AF_INET, 127.0.0.1:\(p4)}, 16) = 0")
        sh.run("socket tcp 6 as any6; bind [::]:0; listen")
        let p6 = try #require(sh.port("any6"))
        sh.run("socket tcp 6 as c6")
        expectLine(sh.run("connect any6"), "connect(*, {AF_INET6, [::1]:\(p6)}, 28) = 0")
        sh.run("socket tcp 6 as c46")
        expectLine(sh.run("connect any4"), "connect(*, {AF_INET6, [::ffff:127.0.0.1]:\(p4)}, 28) = 0")
        // A socket that has no address yet cannot serve as one: the kernel names it 0.0.0.0:0.
        sh.run("socket udp as fresh; socket udp as u")
        let e = sh.events("sendto fresh x")
        #expect(e.inputError != nil || sh.renderer.render(e).contains { $0.contains("127.0.0.1:0") })
        // A quoted word is never a handle.
        #expect(sh.inputError("connect \"any4\"") != nil)
    }

    @Test("connect to a closed port: ECONNREFUSED, the session goes on")
    func refused() {
        let sh = TestShell()
        sh.run("socket tcp")
        expectLine(sh.run("connect 127.0.0.1:1"),
                   "connect(*, {AF_INET, 127.0.0.1:1}, 16) = -1 ECONNREFUSED (Connection refused)")
        expectLine(sh.run("info"), "  state *CLOSE")
    }

    @Test("non-blocking connect: EINPROGRESS, then SO_ERROR tells the outcome")
    func nonBlockingConnect() {
        let sh = TestShell()
        sh.run("socket tcp as srv; bind 127.0.0.1:0; listen; socket tcp as c")
        expectLine(sh.run("nonblock on"), "fcntl(*, F_SETFL, O_RDWR|O_NONBLOCK) = 0")
        let out = sh.run("connect srv")
        expectLine(out, "connect(*) = -1 EINPROGRESS (Operation now in progress)")
        #expect(out.contains { $0.contains("poll") && $0.contains("SO_ERROR") })
        sh.run("poll 1s")
        expectLine(sh.run("getopt SO_ERROR"), "getsockopt(*, SOL_SOCKET, SO_ERROR, [0], [4]) = 0")
        sh.run("socket tcp as r; nonblock on")
        let refused = sh.run("connect 127.0.0.1:1")
        // Loopback may refuse at once or report EINPROGRESS and then ECONNREFUSED through SO_ERROR.
        if refused.contains(where: { $0.contains("EINPROGRESS") }) {
            sh.run("poll 1s")
            expectLine(sh.run("getopt SO_ERROR"), "getsockopt(*, SO_ERROR, [ECONNREFUSED], [4]) = 0")
        } else {
            expectLine(refused, "connect(*) = -1 ECONNREFUSED *")
        }
        sh.run("@srv nonblock on")
        sh.run("@srv accept")
        expectLine(sh.run("@srv accept"), "accept(*, 0x..., [128]) = -1 EAGAIN (Resource temporarily unavailable)")
    }

    @Test("shutdown rd, wr and rdwr; wr gives the peer EOF, then EPIPE on our side")
    func shutdown() {
        let sh = TestShell()
        sh.tcpPair()
        expectLine(sh.run("@cli shutdown wr"), "shutdown(*, SHUT_WR) = 0")
        let eof = sh.run("recv")
        expectLine(eof, "recv(*, \"\", 65536, 0) = 0")
        #expect(eof.contains { $0.contains("EOF") })
        // The half-closed side still receives.
        sh.run("send still open")
        expectLine(sh.run("@cli recv"), "recv(*, \"still open\", 65536, 0) = 10")
        let pipe = sh.run("@cli send after")
        expectLine(pipe, "send(*, \"after\", 5, 0) = -1 EPIPE (Broken pipe)")
        expectLine(sh.run("shutdown rd"), "shutdown(*, SHUT_RD) = 0")
        expectLine(sh.run("shutdown rdwr"), "shutdown(*, SHUT_RDWR) = 0")
        sh.run("socket tcp")
        expectLine(sh.run("shutdown wr"), "shutdown(*, SHUT_WR) = -1 ENOTCONN (Transport endpoint is not connected)")
    }

    @Test("close: the handle is gone; closing the current socket leaves none current")
    func close() {
        let sh = TestShell()
        sh.run("socket tcp as a; socket tcp as b")
        expectLine(sh.run("close"), "close(*) = 0")
        #expect(sh.session.current == nil)
        #expect(sh.session.handles == ["a"])
        #expect(sh.inputError("info")?.message.contains("no current socket") == true)
        #expect(sh.inputError("use b")?.message.contains("no socket named 'b'") == true)
        sh.run("use a; socket udp as c; @a close")
        #expect(sh.session.current == "c", "closing another socket keeps the current one")
        sh.run("use c; @c close")
        #expect(sh.session.current == nil)
        #expect(sh.session.handles.isEmpty)
    }

    @Test("close with SO_LINGER on 0 sends RST: the peer's recv gives ECONNRESET, then EPIPE on send")
    func lingerZero() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli setopt SO_LINGER on 0")
        sh.run("@cli close")
        let reset = sh.run("recv")
        expectLine(reset, "recv(*, 0x*, 65536, 0) = -1 ECONNRESET (Connection reset by peer)")
        // After the reset the session goes on: a send fails with EPIPE and SIGPIPE does not kill us.
        expectLine(sh.run("send after reset"), "send(*, \"after reset\", 11, 0) = -1 EPIPE (Broken pipe)")
        expectLine(sh.run("info"), "  state *CLOSE")
    }

    @Test("IPv6 and AF_UNIX stream and datagram sockets")
    func otherFamilies() throws {
        let sh = TestShell()
        sh.run("socket tcp 6 as v6srv; bind [::1]:0; listen; socket tcp 6 as v6cli; connect v6srv")
        sh.run("@v6srv accept as v6conn; @v6cli send six")
        expectLine(sh.run("@v6conn recv"), "recv(*, \"six\", 65536, 0) = 3")
        #expect(sh.row(info: "v6conn", "family") == "AF_INET6")
        #expect(sh.row(info: "v6conn", "local")?.hasPrefix("[::1]:") == true)

        var template = Array("/tmp/sockshell-shelltest-XXXXXX".utf8CString)
        let dir = String(cString: try #require(mkdtemp(&template)))
        defer {
            for name in ["st", "d1", "d2"] { unlink(dir + "/" + name) }
            rmdir(dir)
        }
        sh.run("socket unix as us; bind \(dir)/st; listen; socket unix stream as uc; connect us")
        expectLine(sh.run("@us accept as ua"), "ua = accept(*, {AF_UNIX}, *) = *")
        sh.run("@uc send \"unix\\n\"")
        expectLine(sh.run("@ua recv"), "recv(*, \"unix\\n\", 65536, 0) = 5")
        sh.run("socket unix dgram as d1; bind unix:\(dir)/d1; socket unix dgram as d2; bind \(dir)/d2")
        let sent = sh.run("sendto d1 dgram")
        expectLine(sent, "sendto(*, \"dgram\", 5, 0, {AF_UNIX, \"\(dir)/d1\"}, *) = 5")
        expectLine(sh.run("@d1 recv"), "recvfrom(*, \"dgram\", 65536, 0, {AF_UNIX, \"\(dir)/d2\"}, *) = 5")
        #expect(sh.row(info: "d1", "type") == "SOCK_DGRAM")
        #expect(sh.row(info: "d1", "local") == "\(dir)/d1")
    }
}
