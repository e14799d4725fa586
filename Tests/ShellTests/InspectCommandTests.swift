// nonblock, poll, info, list, use, sleep, help, quit.

import Shell
import Testing

@Suite("Inspect and session commands")
struct InspectCommandTests {
    @Test("nonblock on|off through fcntl; recv then gives EAGAIN instead of waiting")
    func nonblock() {
        let sh = TestShell()
        sh.tcpPair()
        expectLine(sh.run("nonblock on"), "fcntl(*, F_SETFL, O_RDWR|O_NONBLOCK) = 0")
        #expect(sh.row(info: "conn", "blocking") == "no (O_NONBLOCK)")
        expectLine(sh.run("recv"), "recv(*) = -1 EAGAIN (Resource temporarily unavailable)")
        expectLine(sh.run("nonblock off"), "fcntl(*, F_SETFL, O_RDWR) = 0")
        #expect(sh.row(info: "conn", "blocking") == "yes")
    }

    @Test("poll: one call over all sockets, a table of readiness and queued bytes")
    func poll() {
        let sh = TestShell()
        sh.tcpPair()
        let before = sh.events("poll")
        let lines = sh.renderer.render(before)
        expectLine(lines, "poll([{fd=*, events=POLLIN|POLLPRI|POLLOUT|POLLRDHUP}, *], 3, 0) = *")
        expectLine(lines, "  HANDLE *FD *REVENTS *MEANING *RECV-Q *SEND-Q")
        expectLine(lines, "  srv *0 *nothing *0 *0")
        expectLine(lines, "  conn *POLLOUT *writable *0 *0")
        sh.run("@cli send hello")
        let after = sh.run("poll 1s")
        expectLine(after, "poll(*, 3, 1000) = *")
        expectLine(after, "  conn *POLLIN|POLLOUT *readable, writable *5 *0")
        sh.run("socket tcp as pending; connect srv")
        expectLine(sh.run("poll"), "  srv *POLLIN *connection waiting *")
        // Durations need a unit.
        #expect(sh.inputError("poll 5")?.message.contains("TIMEOUT") == true)
    }

    @Test("SO_RCVLOWAT: poll does not call the socket readable below the mark")
    func rcvlowat() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("setopt SO_RCVLOWAT 5; @cli send abc")
        sh.run("recv 3 peek waitall")
        expectLine(sh.run("poll"), "  conn *POLLOUT *writable *3 *0")
        sh.run("@cli send de")
        sh.run("recv 5 peek waitall")
        expectLine(sh.run("poll"), "  conn *POLLIN|POLLOUT *readable, writable *5 *0")
        expectLine(sh.run("recv"), "recv(*, \"abcde\", 65536, 0) = 5")
    }

    @Test("info: fd, family, type, addresses, TCP state, queues")
    func infoTCP() throws {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli send 12345678")
        sh.run("recv 8 peek waitall")
        let out = sh.run("info")
        expectLine(out, "  handle *conn (accepted)")
        expectLine(out, "  fd *")
        expectLine(out, "  family *AF_INET")
        expectLine(out, "  type *SOCK_STREAM")
        expectLine(out, "  local *127.0.0.1:*")
        expectLine(out, "  peer *127.0.0.1:*")
        expectLine(out, "  state *ESTABLISHED")
        expectLine(out, "  recv-q *8 bytes")
        expectLine(out, "  send-q *0 bytes")
        #expect(!sh.events("info").contains { if case .syscall = $0 { return true } else { return false } },
                "the helper calls behind info are silent")
        expectLine(sh.run("@srv info"), "  state *LISTEN")
    }

    @Test("info on UDP: no TCP state, the local address, datagram queue")
    func infoUDP() {
        let sh = TestShell()
        sh.run("socket udp as u; bind 127.0.0.1:0; socket udp as v")
        let out = sh.run("@u info")
        expectLine(out, "  type *SOCK_DGRAM")
        expectLine(out, "  local *127.0.0.1:*")
        expectLine(out, "  peer *-")
        expectNoLine(out, "  state*")
        sh.run("sendto u hi")
        sh.run("@u recv 1 peek")
        expectNoLine(sh.run("@u info"), "  recv-q *0 bytes")
    }

    @Test("list: every socket, the current one marked")
    func list() {
        let sh = TestShell()
        expectLine(sh.run("list"), "*(no sockets)*")
        sh.tcpPair()
        sh.run("socket udp as u")
        let out = sh.run("list")
        expectLine(out, "  *HANDLE *FD *KIND *LOCAL *PEER *STATE")
        expectLine(out, "    srv *tcp *127.0.0.1:* - *LISTEN")
        expectLine(out, "    cli *tcp *127.0.0.1:* 127.0.0.1:* ESTABLISHED")
        expectLine(out, "    conn *tcp *ESTABLISHED")
        expectLine(out, "  * u *udp *0.0.0.0:0 *")
        sh.run("use srv")
        expectLine(sh.run("list"), "  * srv *LISTEN")
    }

    @Test("use NAME makes NAME current; unknown names are input errors")
    func use() {
        let sh = TestShell()
        sh.run("socket tcp as a; socket tcp as b")
        expectLine(sh.run("use a"), "  current socket: a")
        #expect(sh.session.current == "a")
        #expect(sh.inputError("use zz")?.message.contains("open: a, b") == true)
        #expect(sh.session.current == "a")
    }

    @Test("sleep takes durations with a unit, or 0")
    func sleep() {
        let sh = TestShell()
        expectLine(sh.run("sleep 20ms"), "nanosleep({tv_sec=0, tv_nsec=20000000}, NULL) = 0")
        expectLine(sh.run("sleep 0"), "nanosleep({tv_sec=0, tv_nsec=0}, NULL) = 0")
        expectLine(sh.run("sleep 0.01s"), "nanosleep({tv_sec=0, tv_nsec=10000000}, NULL) = 0")
        #expect(sh.inputError("sleep 5")?.message.contains("unit") == true)
        #expect(sh.inputError("sleep 2x") != nil)
        #expect(sh.inputError("sleep 1000000s") != nil)
    }

    @Test("help lists every command; help CMD gives usage and an example")
    func help() {
        let sh = TestShell()
        let all = sh.text("help")
        for name in ["socket", "bind", "listen", "accept", "connect", "send", "sendto", "recv", "shutdown", "close",
                     "setopt", "getopt", "join", "leave", "nonblock", "poll", "info", "list", "use", "sleep",
                     "help", "quit"] {
            #expect(all.contains("  \(name) "), "\(name) in help")
        }
        let recv = sh.run("help recv")
        expectLine(recv, "usage: recv [N] [peek|waitall|oob|dontwait|trunc...]")
        expectLine(recv, "example: *")
        #expect(sh.inputError("help frob") != nil)
    }

    @Test("quit and exit close every socket and end the session; nothing after them runs")
    func quit() {
        for word in ["quit", "exit"] {
            let sh = TestShell()
            sh.run("socket tcp; socket udp")
            let ev = sh.events("\(word); socket tcp as after")
            #expect(ev.isEmpty)
            #expect(sh.session.wantsQuit)
            #expect(sh.session.handles.isEmpty)
        }
    }
}
