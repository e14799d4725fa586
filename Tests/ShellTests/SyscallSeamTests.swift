// The paths that explain a failed or cut-short call, driven in-process: outcomes forced through the syscall seam
// (`SyscallOverrides`, for this test's thread only) and a deadline or Ctrl-C handed to the session
// (`SessionSignals`), where each used to need a kernel trick, a namespace or a subprocess with a real signal.

import Glibc
import Shell
import SocketCore
import Testing

/// Signals a test controls: the deadline passes as soon as it is armed (when `deadlinePasses`), Ctrl-C is
/// pressed when `interrupted` says so. What the real signal would do to the blocked call, the test forces
/// through the seam.
final class TestSignals: SessionSignals {
    var deadlinePasses = false
    var interrupted = false
    /// The milliseconds of each deadline armed, in order.
    private(set) var armed: [Int] = []
    private var armedNow = false

    func armDeadline(milliseconds: Int) {
        armed.append(milliseconds)
        armedNow = true
    }

    func disarmDeadline() { armedNow = false }
    var deadlinePassed: Bool { deadlinePasses && !armed.isEmpty }
    var interruptPending: Bool { interrupted }
    func startTicks(firstMilliseconds: Int, everyMilliseconds: Int) {}
    func stopTicks() {}
    func takeTick() -> Bool { false }
}

/// A session with `--timeout` and test signals, rendered as plain text.
final class SeamShell {
    let signals = TestSignals()
    let session: Session
    let renderer = TextRenderer(style: .plain)

    init(timeoutMs: Int? = nil) {
        session = Session(settings: SessionSettings(timeoutMs: timeoutMs))
        session.signals = signals
    }

    deinit {
        SyscallOverrides.reset()
        session.closeAll()
    }

    func run(_ line: String) -> [String] { renderer.render(Watchdog.guarded { session.execute(line) }) }

    /// A listener, a client connected to it and the accepted `conn`, made current.
    func tcpPair() {
        _ = run("socket tcp as srv; bind 127.0.0.1:0; listen; socket tcp as cli; connect srv; "
            + "@srv accept as conn; use conn")
    }
}

@Suite("the syscall seam: forced outcomes reach the notes that explain them")
struct SyscallSeamTests {
    @Test("EMFILE from socket gives the descriptor-limit note")
    func socketEMFILE() {
        let sh = SeamShell()
        SyscallOverrides.force(.socket, .fail(EMFILE))
        let out = sh.run("socket tcp")
        expectLine(out, "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = -1 EMFILE (Too many open files)")
        expectLine(out, "*out of descriptors: this process may hold * (`ulimit -n`*")
        #expect(sh.session.socketCount == 0)
        // Only the next call was forced: the one after it makes a socket.
        expectLine(sh.run("socket tcp"), "s1 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = *")
        #expect(sh.session.socketCount == 1)
    }

    @Test("ETIMEDOUT from connect says how long TCP tried")
    func connectETIMEDOUT() {
        let sh = SeamShell()
        _ = sh.run("socket tcp as srv; bind 127.0.0.1:0; listen; socket tcp as cli")
        SyscallOverrides.force(.connect, .fail(ETIMEDOUT))
        let out = sh.run("connect srv")
        expectLine(out, "connect(*) = -1 ETIMEDOUT (Connection timed out)")
        expectLine(out, "*connect gave up after *")
    }

    @Test("ECONNRESET from recv names the RST, and the EOF after it is the reset's")
    func recvResetThenEOF() {
        let sh = SeamShell()
        sh.tcpPair()
        SyscallOverrides.force(.recv, .fail(ECONNRESET))
        SyscallOverrides.force(.recv, .returns(0))
        let first = sh.run("recv")
        expectLine(first, "recv(*) = -1 ECONNRESET (Connection reset by peer)")
        expectLine(first, "*the peer answered with RST*")
        let second = sh.run("recv")
        expectLine(second, "recv(*) = 0")
        expectLine(second, "*EOF: the connection was reset earlier (RST, not a FIN)*")
    }

    @Test("ECONNREFUSED from send on a connected UDP socket is an earlier datagram's ICMP, not this call's")
    func udpSendRefused() {
        let sh = SeamShell()
        _ = sh.run("socket udp as a; bind 127.0.0.1:0; socket udp as b; connect a")
        SyscallOverrides.force(.send, .fail(ECONNREFUSED))
        let out = sh.run("send hello")
        expectLine(out, "send(*) = -1 ECONNREFUSED (Connection refused)")
        expectLine(out, "*not this call's doing: an earlier datagram of this socket met an ICMP port unreachable*")
    }

    @Test("ENOBUFS from send is shown with its name and message, and the socket stays usable")
    func sendENOBUFS() {
        let sh = SeamShell()
        sh.tcpPair()
        SyscallOverrides.force(.send, .fail(ENOBUFS))
        expectLine(sh.run("@cli send hello"), "send(*) = -1 ENOBUFS (No buffer space available)")
        expectLine(sh.run("@cli send hello"), "send(*, \"hello\", 5, 0) = 5")
    }

    @Test("EAGAIN from a blocking recv can only be SO_RCVTIMEO: the note says so")
    func recvEAGAINBlocking() {
        let sh = SeamShell()
        sh.tcpPair()
        SyscallOverrides.force(.recv, .fail(EAGAIN))
        let out = sh.run("recv")
        expectLine(out, "recv(*) = -1 EAGAIN (Resource temporarily unavailable)")
        expectLine(out, "*EAGAIN on a blocking socket: the SO_RCVTIMEO timeout ran out*")
    }

    @Test("a short MSG_WAITALL read is explained")
    func shortWaitAll() {
        let sh = SeamShell()
        sh.tcpPair()
        SyscallOverrides.force(.recv, .returns(3))
        let out = sh.run("recv 10 waitall")
        expectLine(out, "recv(*, 10, MSG_WAITALL) = 3")
        expectLine(out, "*MSG_WAITALL returned fewer bytes than asked*")
    }

    @Test("a forced outcome is this thread's only, and used once")
    func overridesArePerThreadAndOnce() {
        SyscallOverrides.force(.socket, .fail(EMFILE))
        defer { SyscallOverrides.reset() }
        // Another thread's call is not forced.
        var other = pthread_t()
        let made = pthread_create(&other, nil, { _ in
            let r = Sys.socket(Platform.afInet, Platform.sockDgram, 0)
            if r.error == nil { _ = Sys.close(Int32(r.value)) }
            return UnsafeMutableRawPointer(bitPattern: r.error == nil ? 1 : 2)
        }, nil)
        #expect(made == 0)
        var result: UnsafeMutableRawPointer?
        pthread_join(other, &result)
        #expect(result == UnsafeMutableRawPointer(bitPattern: 1))
        let forced = Sys.socket(Platform.afInet, Platform.sockDgram, 0)
        #expect(forced.error == Errno(EMFILE) && errno == EMFILE)
        let real = Sys.socket(Platform.afInet, Platform.sockDgram, 0)
        #expect(real.error == nil)
        if real.error == nil { _ = Sys.close(Int32(real.value)) }
    }
}

@Suite("the session's deadline and Ctrl-C, handed in by the test")
struct SessionSignalsTests {
    @Test("a blocking recv the deadline cuts short reports `= ? <timed out after ...>`")
    func recvTimedOut() {
        let sh = SeamShell(timeoutMs: 2000)
        sh.tcpPair()
        sh.signals.deadlinePasses = true
        // What SIGALRM does to the blocked call: EINTR.
        SyscallOverrides.force(.recv, .fail(EINTR))
        let out = sh.run("recv")
        expectLine(out, "recv(*, 0x..., 65536, 0) = ? <timed out after 2s>")
        #expect(sh.signals.armed.last == 2000)
    }

    @Test("EINTR from recv without the deadline (Ctrl-C) stays EINTR")
    func recvInterrupted() {
        let sh = SeamShell(timeoutMs: 1500)
        sh.tcpPair()
        sh.signals.interrupted = true
        SyscallOverrides.force(.recv, .fail(EINTR))
        let out = sh.run("recv")
        expectLine(out, "recv(*) = -1 EINTR (Interrupted system call)")
        expectNoLine(out, "*timed out*")
    }

    @Test("Ctrl-C during a close under SO_LINGER gives the cut-short note")
    func lingerCloseInterrupted() {
        let sh = SeamShell()
        sh.tcpPair()
        _ = sh.run("@cli setopt SO_LINGER on 5")
        sh.signals.interrupted = true
        // The real close: Linux returns 0 when a signal ends the linger wait, as when the wait ends normally.
        let out = sh.run("@cli close")
        expectLine(out, "close(*) = 0")
        expectLine(out, "*Ctrl-C cut the SO_LINGER wait short after * of the 5s asked*")
    }

    @Test("the deadline during a close under SO_LINGER names --timeout")
    func lingerCloseTimedOut() {
        let sh = SeamShell(timeoutMs: 2000)
        sh.tcpPair()
        _ = sh.run("@cli setopt SO_LINGER on 5")
        sh.signals.deadlinePasses = true
        let out = sh.run("@cli close")
        expectLine(out, "close(*) = 0")
        expectLine(out, "*--timeout (2s) cut the SO_LINGER wait short after * of the 5s asked*")
    }

    @Test("Ctrl-C stops a sink and says so")
    func sinkStoppedByCtrlC() {
        let sh = SeamShell(timeoutMs: 1500)
        sh.tcpPair()
        sh.signals.interrupted = true
        SyscallOverrides.force(.recv, .fail(EINTR))
        let out = sh.run("sink 1M")
        expectLine(out, "*stopped by Ctrl-C")
    }
}
