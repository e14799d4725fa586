// What two outside walkthroughs found (issue 12): output that was wrong, notes that misled or were missing.

import Glibc
import Shell
import Testing

@Suite("Walkthrough fixes")
struct WalkthroughFixTests {
    @Test("a UDP recv or send that fails with ECONNREFUSED says the error is an earlier datagram's ICMP answer")
    func datagramRefusedIsEarlier() {
        let sh = TestShell()
        sh.run("socket udp as u; setopt IP_RECVERR on; sendto 127.0.0.1:1 x")
        usleep(20_000)
        let out = sh.run("recv dontwait")
        expectLine(out, "recvfrom(*) = -1 ECONNREFUSED (Connection refused)")
        expectLine(out, "  note: ECONNREFUSED: not this call's doing: an earlier datagram*IP_RECVERR is on*"
            + "`recvmsg errqueue`*")
        sh.run("socket udp as v; connect 127.0.0.1:1; send a")
        usleep(20_000)
        let sent = sh.run("send b")
        expectLine(sent, "send(*) = -1 ECONNREFUSED (Connection refused)")
        expectLine(sent, "  note: ECONNREFUSED: not this call's doing*on the next call")
    }

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

    @Test("connect when connected (EISCONN) and send meeting a reset (ECONNRESET) each say what happened")
    func connectAndSendNotes() {
        let sh = TestShell()
        sh.tcpPair()
        let again = sh.events("@cli connect srv")
        #expect(again.notes.contains { $0.contains("EISCONN: this socket is connected already") }, "\(again.notes)")
        sh.run("@conn setopt SO_LINGER on 0; @conn close; sleep 50ms")
        let reset = sh.run("@cli send x")
        expectLine(reset, "send(*) = -1 ECONNRESET*")
        expectLine(reset, "*the peer answered with RST*later send fails with EPIPE*")
    }

    @Test("recv waitall returning early names MSG_DONTWAIT or the urgent mark; recv oob EINVAL names every cause")
    func shortReadsAndOOB() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli send ab; @cli send oob U; @cli send cd")
        let mark = sh.run("recv 100 waitall")
        expectLine(mark, "recv(*, \"ab\", 100, MSG_WAITALL) = 2")
        expectLine(mark, "*stopped at the urgent mark*")
        expectNoLine(mark, "*SO_RCVTIMEO*")
        sh.run("recv oob")
        let dontwait = sh.run("recv 100 waitall dontwait")
        expectLine(dontwait, "recv(*, \"cd\", 100, MSG_DONTWAIT|MSG_WAITALL) = 2")
        expectLine(dontwait, "*because MSG_DONTWAIT lets the call not wait*")
        let none = sh.run("recv oob")
        expectLine(none, "*EINVAL: no urgent byte waits to be read*read past the mark*later urgent byte*")
        expectNoLine(none, "*none was sent*")
        expectNoLine(none, "*the last `send oob`*")
    }

    @Test("poll and info show no send queue on a refused connect; a sink that got nothing shows no rate")
    func queueAndSinkFigures() {
        let sh = TestShell()
        sh.run("socket tcp as closed; bind 127.0.0.1:0; socket tcp as refused; connect closed")
        let poll = sh.run("@refused poll")
        // Before: SEND-Q 3, a sequence counter of the failed handshake.
        expectLine(poll, "  refused *POLLHUP* 0 * 0")
        #expect(sh.row(info: "refused", "send-q") == "0 bytes")
        sh.tcpPair()
        sh.run("@cli close")
        let sink = sh.run("@conn sink")
        expectLine(sink, "  received nothing: EOF came first (waited *; no rate: the clock starts at the first byte)")
        expectNoLine(sink, "*0 bytes*")
    }

    @Test("IP_MULTICAST_ALL can be set and read on a UDP socket, and explain teaches it in English and Korean")
    func multicastAllOption() {
        let sh = TestShell()
        sh.run("socket udp")
        expectLine(sh.run("getopt IP_MULTICAST_ALL"), "getsockopt(*, IPPROTO_IP, IP_MULTICAST_ALL, [1], [4]) = 0")
        expectLine(sh.run("setopt multicast_all off"), "setsockopt(*, IPPROTO_IP, IP_MULTICAST_ALL, [0], 4) = 0")
        expectLine(sh.run("getopt IP_MULTICAST_ALL"), "getsockopt(*, IPPROTO_IP, IP_MULTICAST_ALL, [0], [4]) = 0")
        // VALUE 0, and the DEFAULT column (issue 16) shows the 1 a new socket reads.
        expectLine(sh.run("getopt"), "  IP_MULTICAST_ALL *IPPROTO_IP 0 *1")
        #expect(sh.text("explain IP_MULTICAST_ALL").contains("groups it joined itself"))
        #expect(sh.text("explain --lang ko IP_MULTICAST_ALL").contains("가입"))
    }

    @Test("explain: no internal SPEC references in any note (EN, KO); the Linux default line wraps like the body")
    func explainText() {
        let sh = TestShell()
        for ko in [false, true] {
            for option in ["SO_BROADCAST", "SO_KEEPALIVE", "IP_MULTICAST_LOOP", "IP_MULTICAST_ALL"] {
                let text = sh.text("explain \(ko ? "--lang ko " : "")\(option)")
                #expect(!text.contains("SPEC"), "\(option) ko=\(ko): \(text)")
            }
        }
        let keepalive = sh.run("explain SO_KEEPALIVE")
        // Before: one line of about 170 columns, broken mid-word by a 160-column terminal.
        #expect(keepalive.allSatisfy { $0.count <= 100 }, "\(keepalive.filter { $0.count > 100 })")
        expectLine(keepalive, "  Linux default: off; once on, timing from net.ipv4.tcp_keepalive_time*")
        expectLine(keepalive, "    75 s, tcp_keepalive_probes 9*")
    }

    @Test("SO_OOBINLINE turned on after recv oob read the urgent byte: its second delivery is noted")
    func urgentByteDeliveredTwice() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli send b; @cli send oob C")
        expectLine(sh.run("recv"), "recv(*, \"b\", 65536, 0) = 1")
        expectLine(sh.run("recv oob"), "recv(*, \"C\", 65536, MSG_OOB) = 1")
        sh.run("setopt SO_OOBINLINE on")
        sh.run("@cli send ghi")
        let again = sh.run("recv")
        expectLine(again, "recv(*, \"Cghi\", 65536, 0) = 4")
        expectLine(again, "  the first byte, \"C\", is the urgent byte recv oob read already*again, inline")
        // Said once: the byte is behind us now.
        sh.run("@cli send C")
        #expect(sh.events("recv").notes.isEmpty)
    }
}
