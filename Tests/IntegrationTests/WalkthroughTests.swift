// Walkthrough fixes that need the real binary (issue 12): a linger wait cut short by --timeout or Ctrl-C.

import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Walkthrough fixes, on the binary")
struct WalkthroughBinaryTests {
    /// A close under SO_LINGER with data the peer's full window keeps queued: --timeout ends the wait.
    static let lingerSetup = "socket tcp as srv; setopt SO_RCVBUF 4K; bind 127.0.0.1:0; listen; socket tcp as cli; "
        + "connect srv; @srv accept as conn; source 256K; setopt SO_LINGER on 5"

    @Test("--timeout cutting a linger wait short says so, and what becomes of the unsent data")
    func lingerCutByTimeout() throws {
        let r = try runSockshell(["--timeout", "1s", "-c", Self.lingerSetup + "; close"], timeout: 20)
        #expect(r.status == 0, "\(r.summary)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let close = lines.firstIndex { $0 == "close(4) = 0" }
        #expect(close != nil, "\(r.summary)")
        let note = close.flatMap { $0 + 1 < lines.count ? lines[$0 + 1] : nil } ?? ""
        #expect(note.contains("--timeout (1s) cut the SO_LINGER wait short"), "\(r.summary)")
        #expect(note.contains("of the 5s asked") && note.contains("unsent data"), "\(note)")
    }

    @Test("Ctrl-C during a linger wait does not read as a normal linger wait")
    func lingerCutByCtrlC() throws {
        let repl = try ReplSession()
        defer { repl.close() }
        try repl.terminal.expect(ReplSession.prompt)
        for command in Self.lingerSetup.split(separator: ";") {
            try repl.terminal.sendLine(command.trimmingCharacters())
            try repl.terminal.expect(")> ")
        }
        try repl.terminal.sendLine("close")
        repl.terminal.settle(milliseconds: 500)
        // A Ctrl-C that lands before close(2) blocks is only a Ctrl-C at the prompt: try a few times.
        var cut = false
        for _ in 0..<4 where !cut {
            try repl.terminal.send("\u{3}")
            cut = (try? repl.terminal.expect("Ctrl-C cut the SO_LINGER wait short", timeout: 1)) != nil
        }
        #expect(cut, "\(repl.terminal.screen.lines.suffix(10))")
        #expect(!repl.terminal.screen.lines.joined().contains("close blocked for"))
    }

    @Test("--check on a plain script says it is not a transcript and how to make one, instead of a diff per line")
    func checkPlainScript() throws {
        let dir = try makeTemporaryDirectory("sockshell-check")
        defer { removeTree(dir) }
        try writeTextFile(dir + "/steps.sh", "socket tcp\nbind 127.0.0.1:0\nlisten\n")
        let r = try runSockshell(["--check", dir + "/steps.sh"], timeout: 20)
        #expect(r.status == 2, "\(r.summary)")
        #expect(r.stderr.contains("steps.sh is a plain script, not a transcript"), "\(r.summary)")
        #expect(r.stderr.contains("sockshell --record \(dir)/steps.transcript \(dir)/steps.sh"), "\(r.summary)")
        #expect(!r.stdout.contains("mismatch (first") && !r.stdout.contains("+++"), "\(r.summary)")
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// Multicast and broadcast notes: only inside a private network namespace (NamespaceRunner), never on the host.
@Suite("Walkthrough fixes, in a private network namespace", .serialized)
struct WalkthroughNamespaceTests {
    @Test("join twice, leave what was not joined, join a unicast address, 255.255.255.255 without a route")
    func membershipAndBroadcastNotes() throws {
        let script = """
            socket udp as rx
            bind :5000
            join 239.1.2.3
            join 239.1.2.3
            leave 239.1.2.9
            join 10.1.2.3
            socket udp as tx
            setopt SO_BROADCAST on
            sendto 255.255.255.255:5000 anyone
            """
        guard let (r, lines) = try NamespaceRunner.run(script, test: "membership notes") else { return }
        #expect(r.status == 0, "\(r.summary)")
        let text = lines.joined(separator: "\n")
        #expect(text.contains("EADDRINUSE: this socket has joined 239.1.2.3 on that interface already"), "\(text)")
        #expect(text.contains("EADDRNOTAVAIL: this socket is not a member of 239.1.2.9"), "\(text)")
        #expect(text.contains("EINVAL: 10.1.2.3 is not a multicast group"), "\(text)")
        #expect(text.contains("nothing was joined and nothing was sent"), "\(text)")
        #expect(text.contains("= -1 ENETUNREACH"), "\(text)")
        #expect(text.contains("ENETUNREACH: 255.255.255.255 goes out of the interface the route to it names"),
                "\(text)")
    }

    @Test("IP_MULTICAST_LOOP off and IP_MULTICAST_TTL 0 on lo: the note says at once that lo ignores them")
    func loopAndTTLOnLo() throws {
        let script = """
            socket udp as tx
            setopt IP_MULTICAST_LOOP off
            setopt IP_MULTICAST_TTL 0
            setopt IP_MULTICAST_LOOP on
            setopt IP_MULTICAST_TTL 1
            """
        guard let (r, lines) = try NamespaceRunner.run(script, test: "loop and ttl on lo") else { return }
        #expect(r.status == 0, "\(r.summary)")
        expectInOrder(lines, [
            "setsockopt(3, IPPROTO_IP, IP_MULTICAST_LOOP, [0], 4) = 0",
            "  on lo this changes nothing: this socket's multicast goes out lo, and lo hands every packet back as if "
                + "it came from another host, so members here still receive it; to see the loop off work (the "
                + "sender's host stops hearing, another host still does), use the lab: `sockshell --lab`",
            "setsockopt(3, IPPROTO_IP, IP_MULTICAST_TTL, [0], 4) = 0",
        ])
        #expect(lines.contains { $0.hasPrefix("  on lo this changes nothing you can see: TTL 0") }, "\(r.summary)")
        #expect(lines.filter { $0.hasPrefix("  on lo") }.count == 2, "\(r.summary)")
    }
}
