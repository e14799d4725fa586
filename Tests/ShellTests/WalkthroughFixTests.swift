// What two outside walkthroughs found (issue 12): output that was wrong, notes that misled or were missing.

import Shell
import Testing

@Suite("Walkthrough fixes")
struct WalkthroughFixTests {
    @Test("recv N trunc on TCP shows no data (the kernel copies none) and says the bytes were discarded")
    func streamTruncShowsNoData() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli send abc")
        expectLine(sh.run("recv"), "recv(*, \"abc\", 65536, 0) = 3")
        sh.run("@cli send XYZ")
        let peeked = sh.run("recv 10 trunc peek")
        expectLine(peeked, "recv(*, 0x..., 10, MSG_PEEK|MSG_TRUNC) = 3")
        expectLine(peeked, "*3 bytes are queued; none was copied*stay queued*")
        let cut = sh.run("recv 10 trunc")
        // Before the fix the stale buffer of the previous read showed: recv(5, "abc", 10, MSG_TRUNC) = 3.
        expectLine(cut, "recv(*, 0x..., 10, MSG_TRUNC) = 3")
        expectNoLine(cut, "*\"abc\"*")
        expectLine(cut, "*discarded these 3 bytes*")
        sh.run("@cli send ok")
        expectLine(sh.run("recv"), "recv(*, \"ok\", 65536, 0) = 2")
    }

    @Test("a datagram read short says how many bytes were discarded; a peek says they stay queued")
    func datagramCutIsNoted() {
        let sh = TestShell()
        sh.run("socket udp as b; bind 127.0.0.1:0")
        sh.run("sendto b 0123456789ABCDE")
        let peek = sh.run("recv 2 peek")
        expectLine(peek, "recvfrom(*, \"01\", 2, MSG_PEEK, *) = 2")
        expectLine(peek, "*the datagram has 15 bytes; the peek showed 2, and all of it stays queued*")
        let cut = sh.run("recv 2")
        expectLine(cut, "recvfrom(*, \"01\", 2, 0, *) = 2")
        expectLine(cut, "*the datagram had 15 bytes: the other 13 were discarded*")
        // One that fits exactly is not cut: no note.
        sh.run("sendto b 01")
        let exact = sh.events("recv 2")
        #expect(exact.notes.isEmpty, "\(exact.notes)")
    }

    @Test("C names of flags and how values are accepted in any case; a MSG_ word that is no flag is refused")
    func cFlagNames() {
        let sh = TestShell()
        sh.tcpPair()
        // Before: `send MSG_OOB X` sent the text "MSG_OOB X", and `recv MSG_PEEK` was an input error.
        expectLine(sh.run("@cli send MSG_OOB X"), "send(*, \"X\", 1, MSG_OOB) = 1")
        expectLine(sh.run("@cli send msg_DontWait hi"), "send(*, \"hi\", 2, MSG_DONTWAIT) = 2")
        expectLine(sh.run("recv MSG_PEEK"), "recv(*, \"hi\", 65536, MSG_PEEK) = 2")
        expectLine(sh.run("recv 1 Msg_Oob"), "recv(*, \"X\", 1, MSG_OOB) = 1")
        expectLine(sh.run("@cli shutdown shut_WR"), "shutdown(*, SHUT_WR) = 0")
        expectLine(sh.run("@cli send \"MSG_OOB\""), "send(*, *, 7, 0) = -1 EPIPE*")
        let wrongCommand = sh.inputError("@cli send MSG_PEEK x")
        #expect(wrongCommand?.message.contains("'MSG_PEEK' is not a flag of send") == true)
        #expect(wrongCommand?.message.contains("quote the word") == true)
        let unknown = sh.inputError("recv MSG_FOO")
        #expect(unknown?.message.contains("unknown flag 'MSG_FOO'") == true)
        #expect(sh.inputError("shutdown foo")?.message.contains("SHUT_WR") == true)
    }

    @Test("completion offers a value once: no second `lo` after `setopt IP_MULTICAST_IF lo `")
    func oneValueCompletion() {
        let sh = TestShell()
        sh.run("socket udp")
        #expect(sh.session.completions("setopt IP_MULTICAST_IF ") == ["lo"])
        #expect(sh.session.completions("setopt IP_MULTICAST_IF lo ").isEmpty)
        #expect(sh.session.completions("setopt SO_LINGER ") == ["on", "off"])
        #expect(sh.session.completions("setopt SO_LINGER on ").isEmpty)
        #expect(sh.session.completions("setopt SO_BROADCAST on ").isEmpty)
    }
}
