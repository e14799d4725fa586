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
