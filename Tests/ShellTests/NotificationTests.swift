// What the REPL announces at the prompt (Session.idleEvents): data waiting, the peer's FIN, a pending error;
// each once, and never for what this side did itself.

import Glibc
import Shell
import Testing

@Suite("Prompt announcements")
struct NotificationTests {
    /// The notes announced now, as text.
    static func announced(_ sh: TestShell) -> [String] {
        usleep(50_000)  // loopback delivers at once; a little slack for a busy machine
        return TextRenderer().render(sh.session.idleEvents())
    }

    @Test("data waiting is announced once, with the right count and number")
    func dataWaiting() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli send a")
        #expect(Self.announced(sh) == ["  [conn] 1 byte waiting to be read"])
        #expect(Self.announced(sh) == [])
        sh.run("@cli send bc")
        #expect(Self.announced(sh) == ["  [conn] 3 bytes waiting to be read"])
    }

    @Test("this side's own SHUT_RD is not the peer closing; the peer's FIN afterwards is")
    func shutdownReadIsNotPeerClose() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@conn shutdown rd")
        #expect(!Self.announced(sh).contains { $0.contains("peer closed") })
        sh.run("@cli shutdown wr")
        #expect(Self.announced(sh).contains("  [conn] the peer closed its side (EOF after 0 bytes)"))
        #expect(Self.announced(sh) == [])
    }

    @Test("a reset is announced as a pending error, never as a close; the EOF after it names the reset")
    func resetIsNotAClose() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli setopt SO_LINGER on 0; @cli close")
        #expect(Self.announced(sh).contains { $0.hasPrefix("  [conn] an error is pending") })
        expectLine(sh.run("@conn recv"), "recv(*) = -1 ECONNRESET (*)")
        #expect(Self.announced(sh) == [])
        let eof = sh.run("@conn recv")
        expectLine(eof, "recv(*) = 0")
        expectLine(eof, "  EOF: the connection was reset earlier (RST, not a FIN)*")
    }
}

@Suite("Errno hints")
struct ErrnoHintTests {
    @Test("common errnos get a line that says what to do", arguments: [
        ("socket tcp; bind 127.0.0.1:0; bind 127.0.0.1:0", "  note: EINVAL: this socket is bound already*"),
        ("socket udp; listen", "  note: EOPNOTSUPP: listen and accept are for stream sockets*"),
        ("socket tcp; accept", "  note: EINVAL: accept needs a listening socket*"),
        ("socket tcp; recv", "  note: ENOTCONN: this stream socket is not connected*"),
        ("socket tcp; connect [::1]:1", "  note: EAFNOSUPPORT: an IPv6 address on an IPv4 socket*"),
        ("socket udp; bind 127.0.0.1:0; recv dontwait", "  note: EAGAIN: nothing to read yet * (MSG_DONTWAIT)*"),
        ("socket udp; bind 127.0.0.1:0; nonblock on; recv", "  note: EAGAIN: * (non-blocking socket)*"),
    ])
    func hints(_ line: String, _ note: String) {
        let sh = TestShell()
        expectLine(sh.run(line), note)
    }

    @Test("a second recv oob after the urgent byte was read says why EINVAL")
    func oobReadTwice() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli send oob X")
        usleep(50_000)
        expectLine(sh.run("@conn recv oob"), "recv(*, \"X\", *) = 1")
        expectLine(sh.run("@conn recv oob dontwait"), "  note: EINVAL: no urgent byte waits to be read*")
    }
}

@Suite("Advice for surprising moves")
struct SurprisingMoveTests {
    @Test("listen on an unbound socket says it bound the socket itself")
    func listenUnbound() {
        expectLine(TestShell().run("socket tcp; listen"), "  listen bound the socket itself: every local address*")
        expectNoLine(TestShell().run("socket tcp; bind 127.0.0.1:0; listen"), "  listen bound the socket itself*")
    }

    @Test("a negative linger time is set as the kernel takes it, with a warning")
    func negativeLinger() {
        let out = TestShell().run("socket tcp; setopt SO_LINGER on -1")
        expectLine(out, "setsockopt(*, SO_LINGER, {l_onoff=1, l_linger=-1}, 8) = 0")
        expectLine(out, "  note: a negative linger time becomes a huge unsigned one*")
    }

    @Test("send with a quoted word among others says the quotes went as typed; one quoted string does not")
    func quotesAsTyped() {
        let sh = TestShell()
        sh.tcpPair()
        let mixed = sh.run("@cli send \"hello world\" tail")
        expectLine(mixed, "send(*, \"\\\"hello world\\\" tail\", 18, 0) = 18")
        expectLine(mixed, "  sent as typed, quotes included*")
        expectNoLine(sh.run("@cli send \"hello world\""), "  sent as typed*")
    }

    @Test("info on a listener shows its accept queue: connections waiting, and the backlog")
    func listenerBacklog() {
        let sh = TestShell()
        sh.run("socket tcp as srv; bind 127.0.0.1:0; listen 16")
        #expect(sh.row(info: "srv", "backlog") == "0 waiting for accept (at most 16)")
        sh.run("socket tcp as a; connect srv; socket tcp as b; connect srv")
        #expect(sh.row(info: "srv", "backlog") == "2 waiting for accept (at most 16)")
        #expect(sh.row(info: "a", "backlog") == nil)
    }

    @Test("help @ explains the @NAME prefix")
    func helpAt() {
        let out = TestShell().run("help @")
        #expect(out.first == "usage: @NAME COMMAND", "\(out)")
    }
}

@Suite("Second walkthrough")
struct SecondWalkthroughTests {
    @Test("IPV6_V6ONLY: a mapped address on a v6-only socket, and the option after bind, each say why EINVAL")
    func v6only() {
        let sh = TestShell()
        let out = sh.run("socket tcp 6; setopt V6ONLY on; bind [::ffff:127.0.0.1]:0")
        expectLine(out, "  note: EINVAL: an IPV6_V6ONLY socket takes IPv6 addresses only*")
        expectNoLine(out, "*bound already*")
        expectLine(sh.run("bind [::1]:0; setopt V6ONLY off"), "  note: IPV6_V6ONLY can change only before bind*")
        expectLine(sh.run("bind [::1]:0"), "  note: EINVAL: this socket is bound already*")
    }

    @Test("an unknown congestion control lists the ones available")
    func congestion() {
        expectLine(TestShell().run("socket tcp; setopt TCP_CONGESTION nosuch"),
                   "  note: ENOENT: no congestion control of that name here; available: *")
    }

    @Test("bind unix: passes the family alone: the kernel autobinds a new abstract name each time")
    func unixAutobind() {
        let sh = TestShell()
        expectLine(sh.run("socket unix dgram as a; bind unix:"), "bind(*, {AF_UNIX}, 2) = 0")
        // A second autobind succeeds too (the 3-byte empty name it used to pass gave EADDRINUSE here).
        expectLine(sh.run("socket unix dgram as b; bind unix:"), "bind(*, {AF_UNIX}, 2) = 0")
        let local = sh.row(info: "a", "local") ?? ""
        #expect(local.count == 6 && local.hasPrefix("@") && local.dropFirst().allSatisfy(\.isHexDigit), "\(local)")
        // Recorded, the kernel's name is a wildcard, as a kernel-chosen port is.
        let recorded = TextRenderer(style: .wildcards).render(sh.events("@b sendto a hi"))
        #expect(recorded.contains { $0.contains("{AF_UNIX, @\"{hex}\"}") }, "\(recorded)")
    }

    @Test("hints follow the address and the socket: a path on an inet socket, ENOTCONN on a datagram socket")
    func hintsFitTheSocket() {
        let long = "/tmp/sockshell-a-path-long-enough-to-pass-the-size-check.sock"
        let v6 = TestShell().run("socket tcp 6; connect \(long)")
        expectLine(v6, "  note: EAFNOSUPPORT: a path is an AF_UNIX address*")
        expectNoLine(v6, "*socket tcp 6*")
        expectLine(TestShell().run("socket unix dgram; send hi"), "  note: ENOTCONN: this datagram socket has no peer*")
        expectNoLine(TestShell().run("socket tcp; send hex 68 \"69\""), "  sent as typed*")
    }

    @Test("a reset whose error was read with getopt is still no close at the prompt")
    func resetReadBySOError() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli setopt SO_LINGER on 0; @cli close; @conn getopt")
        usleep(50_000)
        let notes = TextRenderer().render(sh.session.idleEvents())
        #expect(!notes.contains { $0.contains("peer closed") }, "\(notes)")
    }

    @Test("a failed getopt TCP_INFO shows the length it was given")
    func tcpInfoFailure() {
        expectLine(TestShell().run("socket udp; getopt TCP_INFO"), "getsockopt(*, TCP_INFO, 0x..., [256]) = -1 *")
    }
}

@Suite("Docs audit")
struct DocsAuditTests {
    @Test("a recorded hex dump doubles a brace that would read as a wildcard")
    func hexDumpBraces() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli send hex 7b 6e 7d 00")
        let lines = TextRenderer(style: .wildcards).render(sh.events("@conn recv"))
        #expect(lines.contains { $0.contains("|{{n}.|") }, "\(lines)")
    }

    @Test("microseconds stay microseconds in timeouts and sleep")
    func microseconds() {
        let sh = TestShell()
        expectLine(sh.run("socket tcp; setopt SO_RCVTIMEO 100us"), "setsockopt(*, {tv_sec=0, tv_usec=100}, 16) = 0")
        expectLine(sh.run("sleep 100us"), "nanosleep({tv_sec=0, tv_nsec=100000}, NULL) = 0")
    }
}
