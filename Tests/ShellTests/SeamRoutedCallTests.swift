// The calls routed through the syscall seam for issue 11 (the prompt's epoll watch, the descriptor limit, the
// exported program's file, the lab's namespaces, the wire's capture poll): each forced to fail, and the path that
// explains the failure (or goes on without the call) checked.

import Glibc
import Shell
import SocketCore
import Testing

@Suite("the syscall seam: the shell's own calls (epoll, rlimit, files, namespaces, capture poll)", .serialized)
struct SeamRoutedCallTests {
    @Test("epoll_create1 refused: the prompt still announces a waiting connection (poll over every socket)")
    func epollCreateRefused() {
        let sh = SeamShell()
        _ = sh.run("socket tcp as srv; bind 127.0.0.1:0; listen; socket tcp as cli; connect srv")
        SyscallOverrides.force(.epoll_create1, .fail(EMFILE))
        let notes = sh.renderer.render(sh.session.idleEvents())
        #expect(SyscallOverrides.pending(.epoll_create1) == 0, "the watch must have been tried")
        expectLine(notes, "  [srv] a connection is waiting: accept it with `@srv accept`")
        // Once the kernel gives the epoll instance, the watch takes over and says nothing new.
        #expect(sh.session.idleEvents().isEmpty)
    }

    @Test("epoll_wait failing once loses nothing: the next question at the prompt gets the news")
    func epollWaitFails() {
        let sh = SeamShell()
        _ = sh.run("socket tcp as srv; bind 127.0.0.1:0; listen")
        #expect(sh.session.idleEvents().isEmpty)
        _ = sh.run("socket tcp as cli; connect srv")
        SyscallOverrides.force(.epoll_wait, .fail(EINTR))
        #expect(sh.session.idleEvents().isEmpty)
        expectLine(sh.renderer.render(sh.session.idleEvents()), "  [srv] a connection is waiting*")
    }

    @Test("epoll_ctl refuses one socket: that socket is polled at the prompt, the others stay with epoll")
    func epollCtlRefusesOne() {
        let sh = SeamShell()
        _ = sh.run("socket tcp as srv; bind 127.0.0.1:0; listen")
        #expect(sh.session.idleEvents().isEmpty)
        // The next socket made (cli) is the one epoll_ctl refuses.
        SyscallOverrides.force(.epoll_ctl, .fail(ENOMEM))
        _ = sh.run("socket tcp as cli; connect srv")
        #expect(SyscallOverrides.pending(.epoll_ctl) == 0, "cli must have been offered to the watch")
        expectLine(sh.renderer.render(sh.session.idleEvents()), "  [srv] a connection is waiting*")
        _ = sh.run("@srv accept as conn; @conn send hello")
        // cli is not in the epoll set: only the poll of the refused sockets can see its bytes.
        expectLine(sh.renderer.render(sh.session.idleEvents()), "  [cli] 5 bytes waiting to be read")
        _ = sh.run("@cli recv")
        #expect(sh.session.idleEvents().isEmpty)
        // Closing the refused socket forgets it (no poll of a closed descriptor); conn, with epoll, sees the FIN.
        _ = sh.run("@cli close")
        expectLine(sh.renderer.render(sh.session.idleEvents()), "  [conn] the peer closed its side (EOF after 0 bytes)")
    }

    @Test("getrlimit refused: the EMFILE note still says what to do, without a made-up limit")
    func getrlimitRefused() {
        let sh = SeamShell()
        SyscallOverrides.force(.socket, .fail(EMFILE))
        SyscallOverrides.force(.getrlimit, .fail(EPERM))
        let out = sh.run("socket tcp")
        expectLine(out, "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = -1 EMFILE (Too many open files)")
        expectLine(out, "  out of descriptors: this process holds as many as its limit allows (`ulimit -n` shows it; "
            + "getrlimit could not read it here): close a socket, or start sockshell after raising `ulimit -n`")
        expectNoLine(out, "*may hold 0*")
    }

    @Test("the EMFILE note reads the limit through the seam: soft and hard as getrlimit gives them")
    func emfileNoteNumbers() {
        let sh = SeamShell()
        var r = rlimit()
        #expect(Sys.getrlimit(Int32(RLIMIT_NOFILE.rawValue), &r).error == nil)
        SyscallOverrides.force(.socket, .fail(EMFILE))
        let out = sh.run("socket tcp")
        let soft = r.rlim_cur == rlim_t.max ? "unlimited" : "\(r.rlim_cur)"
        expectLine(out, "  out of descriptors: this process may hold \(soft) (`ulimit -n`*")
    }

    @Test("setrlimit refused: raise() keeps the soft limit getrlimit reports and does not fail")
    func setrlimitRefused() {
        SyscallOverrides.force(.setrlimit, .fail(EPERM))
        defer { SyscallOverrides.reset() }
        let raised = DescriptorLimit.raise()
        var r = rlimit()
        #expect(Sys.getrlimit(Int32(RLIMIT_NOFILE.rawValue), &r).error == nil)
        #expect(raised == (r.rlim_cur == rlim_t.max ? -1 : Int64(r.rlim_cur)))
    }

    /// A session that keeps its calls for `export c`, and a path in /tmp that no run shares.
    private func exporting() -> (SeamShell, String) {
        let sh = SeamShell()
        sh.session.exportLog = ExportLog()
        _ = sh.run("socket udp as a")
        return (sh, "/tmp/sockshell-seam-export-\(getpid()).c")
    }

    @Test("export c: ENOSPC from write names the file and what to do, and leaves no half-written program")
    func exportENOSPC() {
        let (sh, path) = exporting()
        defer { unlink(path) }
        SyscallOverrides.force(.write, .fail(ENOSPC))
        let e = sh.session.execute("export c \(path)").inputError
        #expect(e?.message == "cannot write \(path): ENOSPC (No space left on device): the disk (or your quota) "
            + "is full; free some space, or write the file elsewhere (nothing was kept)")
        #expect(access(path, F_OK) != 0, "the partial file must be removed")
    }

    @Test("export c: EACCES from open names the file and a place that can be written")
    func exportEACCES() {
        let (sh, path) = exporting()
        defer { unlink(path) }
        SyscallOverrides.force(.open, .fail(EACCES))
        let e = sh.session.execute("export c \(path)").inputError
        #expect(e?.message == "cannot write \(path): EACCES (Permission denied): this user may not write there; "
            + "give a path in a directory you can write (e.g. /tmp/lesson.c)")
        // Not forced: the program is written.
        let ok = sh.run("export c \(path)")
        expectLine(ok, "  wrote \(path): *")
    }

    @Test("export c: a write cut short by EINTR is resumed; the program is whole")
    func exportEINTR() {
        let (sh, path) = exporting()
        defer { unlink(path) }
        SyscallOverrides.force(.write, .fail(EINTR))
        expectLine(sh.run("export c \(path)"), "  wrote \(path): *")
        #expect(SyscallOverrides.pending(.write) == 0)
        let text = KernelFile.read(path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(text.hasSuffix("}\n") && text.contains("int main("), "\(text.suffix(80))")
    }

    @Test("a lab whose setns is refused fails with the one error that says which step and why")
    func labSetnsRefused() throws {
        guard geteuid() == 0 else {
            print("SKIPPED labSetnsRefused: building a lab in-process needs root")
            return
        }
        do { try PrivateNamespace.prepare(for: "the test") } catch {
            print("SKIPPED labSetnsRefused: \(error)")
            return
        }
        var before = stat()
        stat("/proc/thread-self/ns/net", &before)
        // Making hosts a and b comes home twice (real calls); the third setns enters host a to set a sysctl.
        SyscallOverrides.force(.setns, .passThrough, times: 2)
        SyscallOverrides.force(.setns, .fail(EPERM))
        defer { SyscallOverrides.reset() }
        do {
            _ = try LabNetwork.build(.oneLink)
            Issue.record("the lab was built although setns was refused")
        } catch {
            #expect(error.description == "sockshell: lab set-up: cannot enter host a's network namespace to set "
                + "net/ipv6/conf/default/accept_dad: setns: EPERM (Operation not permitted); the lab needs "
                + "CAP_SYS_ADMIN: run as root")
        }
        #expect(SyscallOverrides.pending(.setns) == 0)
        var after = stat()
        stat("/proc/thread-self/ns/net", &after)
        #expect(before.st_ino == after.st_ino, "the thread must still be in its own network namespace")
    }

    @Test("the wire's capture poll interrupted (EINTR): the capture waits on and shows every packet")
    func wirePollEINTR() throws {
        guard geteuid() == 0 else {
            print("SKIPPED wirePollEINTR: capturing on the host's lo needs root")
            return
        }
        let shell = TestShell()
        shell.run("socket tcp as srv")
        let bound = shell.text("bind 127.0.0.1:0")
        let port = try #require(bound.split(separator: ":").last.flatMap { Int($0) })
        shell.run("listen")
        let on = shell.text("wire on tcp port \(port)")
        guard on.contains("wire on: capturing") else {
            print("SKIPPED wirePollEINTR: \(on)")
            return
        }
        defer { shell.run("wire off") }
        shell.run("socket tcp as cli")
        SyscallOverrides.force(.poll, .fail(EINTR), times: 2)
        defer { SyscallOverrides.reset() }
        let events = shell.events("connect srv")
        #expect(SyscallOverrides.pending(.poll) == 0, "the capture must poll again after EINTR")
        let packets = events.compactMap { if case .packet(let p) = $0 { p } else { nil } }
        #expect(packets.count == 3, "SYN, SYN-ACK, ACK: \(shell.renderer.render(events))")
    }
}

@Suite("warnings carry lines, as notes do")
struct WarningLineTests {
    @Test("a warning with the machine's list: `  note: ...` on the terminal, a wildcard when recorded, JSON a warning")
    func volatileWarning() {
        let sh = TestShell()
        let events = sh.events("socket tcp; setopt TCP_CONGESTION nosuch")
        let warnings = events.compactMap { if case .warning(let w) = $0 { w } else { nil } }
        #expect(warnings.count == 1)
        let w = warnings.first ?? ""
        #expect(w.pieces.contains { if case .volatile(_, .any) = $0 { true } else { false } })
        let shown = "  note: ENOENT: no congestion control of that name here; available: "
        expectLine(TextRenderer(style: .plain).render([.warning(w)]), shown + "*")
        #expect(TextRenderer(style: .wildcards).render([.warning(w)]) == [shown + "{*}"])
        #expect(w.plain.hasPrefix("ENOENT: no congestion control"))
        #expect(JSONRenderer().render(.warning(w)) == "{\"event\":\"warning\",\"text\":\"\(w.plain)\"}")
    }

    @Test("a plain warning renders as before: a `{` that would read as a wildcard is doubled in transcripts")
    func plainWarning() {
        let w = Event.warning("set {port} first")
        #expect(TextRenderer(style: .plain).render([w]) == ["  note: set {port} first"])
        #expect(TextRenderer(style: .wildcards).render([w]) == ["  note: set {{port} first"])
        #expect(JSONRenderer().render(w) == "{\"event\":\"warning\",\"text\":\"set {port} first\"}")
    }
}

@Suite("sockets and AF_UNIX names: two fixes")
struct SeamSmallFixTests {
    @Test("sockets HANDLE udp6: the family word holds; the handle's IPv4 row is not listed")
    func socketsFamilyHolds() throws {
        let sh = TestShell()
        let bound = sh.text("socket udp as u1; bind 127.0.0.1:0")
        let port = try #require(bound.split(separator: ":").last.flatMap { Int($0) })
        sh.run("socket udp 6 as u6; bind [::1]:\(port)")
        let out = sh.run("sockets u1 udp6")
        expectNoLine(out, "  u1 *")
        expectNoLine(out, "*sdiag_family=AF_INET,*")
        expectLine(out, "  u6 *udp6 *UNCONN *[::1]:\(port) *")
        // Without a family word, the handle's family stands: u1's row, not u6's.
        let own = sh.run("sockets u1")
        expectLine(own, "  u1 *udp *UNCONN *127.0.0.1:\(port) *")
        expectNoLine(own, "  u6 *")
    }

    @Test("bind \"unix:\\0name\" makes the abstract name @name (no trailing NUL)")
    func abstractNameFromNUL() {
        let sh = TestShell()
        let name = "sockshell-seam-\(getpid())"
        let out = sh.run("socket unix dgram as a; bind \"unix:\\0\(name)\"")
        expectLine(out, "bind(*, {AF_UNIX, @\"\(name)\"}, \(2 + 1 + name.utf8.count)) = 0")
        #expect(sh.row(info: "a", "local") == "@" + name)
        // The same name typed with @ is the same address: it is taken now.
        expectLine(sh.run("socket unix dgram as b; bind unix:@\(name)"), "bind(*) = -1 EADDRINUSE*")
    }
}
