// Reliability of the real binary: malformed lines, descriptor leaks, EMFILE under `ulimit -n 16`, `recv 8G` under
// a 4 GB address-space limit, faults as results (EAGAIN, ECONNRESET, EPIPE), `--timeout` bounding a blocking call,
// and a `--record` transcript that loses no completed command when the shell is killed with SIGKILL.
// Every wait is bounded; every socket is on loopback.

#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import Testing

/// A line of Tests/Fixtures/malformed-lines.txt (`{{0xHH}}` is the byte HH), named readably in test output.
struct CorpusLine: Sendable, CustomTestStringConvertible {
    let bytes: [UInt8]
    var testDescription: String { String(decoding: bytes, as: UTF8.self).debugDescription }

    static func load() -> [CorpusLine] { MalformedCorpus.lines().map { CorpusLine(bytes: $0) } }
}

/// True when a line holds a control character other than a tab.
fileprivate func hasControl(_ s: Substring) -> Bool { s.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7f } }

@Suite("reliability of the sockshell binary")
struct ReliabilityTests {
    static let corpus = CorpusLine.load()

    @Test("each malformed line after `socket tcp` gives an input error with usage, or a call's result",
          arguments: ReliabilityTests.corpus)
    func malformedLine(_ line: CorpusLine) throws {
        // The binary reads bytes: send the raw line, invalid UTF-8 and all.
        let child = try ChildProcess(locateSockshell(), ["--timeout", "2s"])
        try child.write(Array("socket tcp\n".utf8) + line.bytes + [10])
        child.closeInput()
        let r = child.wait(timeout: 20)
        #expect(!r.signaled && !r.timedOut, "\(r.summary)")
        #expect(r.seconds < 5, "took \(r.seconds) s")
        let out = r.stdout.split(separator: "\n").dropFirst()
        let err = r.stderr.split(separator: "\n")
        if r.status == 2 {
            #expect(err.count == 2, "an input error is one line and its usage: \(r.summary)")
            #expect(err.first?.hasPrefix("-:2: error: ") == true, "\(r.summary)")
            #expect(!err.contains { hasControl($0) }, "\(r.summary)")
        } else {
            #expect(r.status == 0, "\(r.summary)")
            #expect(out.contains { $0.contains(") = ") }, "no call's result: \(r.summary)")
        }
        #expect(!out.contains { hasControl($0) }, "\(r.summary)")
    }

    @Test("a 2 MiB line is an input error (exit 2); the shell does not crash")
    func overlongLine() throws {
        let r = try runSockshell([], input: "socket tcp\nsend " + String(repeating: "A", count: 2 << 20) + "\n")
        #expect(r.status == 2, "\(r.summary)")
        #expect(r.stderr.hasPrefix("-:2: error: line too long"), "\(r.summary)")
    }

    @Test("3000 socket/close pairs leave the next descriptor at 3")
    func socketCloseCycles() throws {
        var script = ""
        for _ in 0..<3000 { script += "socket tcp\nclose\n" }
        script += "socket tcp\n"
        let r = try runSockshell([], input: script, timeout: 60)
        #expect(r.status == 0, "\(r.summary)")
        let last = r.stdout.split(separator: "\n").last ?? ""
        #expect(last == "s3001 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3", "\(last)")
    }

    @Test("2000 connect/accept/close cycles leave the descriptor table where it began")
    func acceptCloseCycles() throws {
        var script = "socket tcp as srv\nbind 127.0.0.1:0\nlisten 16\n"
        // srv takes handle number 1; cycle k makes s(2k) (the client) and s(2k+1) (the accepted socket).
        for k in 1...2000 { script += "socket tcp\nconnect srv\n@srv accept\nclose\n@s\(2 * k + 1) close\n" }
        script += "@srv close\nsocket tcp\n"
        let r = try runSockshell([], input: script, timeout: 120)
        #expect(r.status == 0, "\(r.summary)")
        let failures = r.stdout.split(separator: "\n").filter { $0.contains("= -1") }
        #expect(failures.isEmpty, "calls failed: \(failures.prefix(3))")
        let last = r.stdout.split(separator: "\n").last ?? ""
        #expect(last == "s4002 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3", "\(last)")
    }

    @Test("with ulimit -n 16, twenty sockets give EMFILE, the shell lives, and works again after a close")
    func emfile() throws {
        var script = ""
        for _ in 0..<20 { script += "socket tcp\n" }
        script += "close\nsocket tcp\nlist\n"
        let r = try runSockshell([], input: script, limits: ["-n 16"])
        #expect(r.status == 0, "\(r.summary)")
        let lines = r.stdout.split(separator: "\n")
        let failed = lines.filter { $0.hasSuffix("= -1 EMFILE (Too many open files)") }
        #expect(failed.count == 7, "fds 3-15 are sockets, the other seven fail: \(r.summary)")
        #expect(r.stdout.contains("out of descriptors"), "\(r.summary)")
        // After the close, a socket is made again on the freed descriptor.
        let sockets = lines.filter { $0.contains(" = socket(") }
        #expect(sockets.last.map { $0.hasSuffix(") = 15") } == true, "\(sockets.suffix(2))")
        #expect(lines.contains { $0.contains("close(15) = 0") })
    }

    @Test("recv 8G under a 4 GB address-space limit is capped with a note and works")
    func recvHugeUnderMemoryLimit() throws {
        let script = """
            socket tcp as srv
            bind 127.0.0.1:0
            listen
            socket tcp as cli
            connect srv
            @srv accept as conn
            send hello
            @conn recv 8G
            @conn recv 8G dontwait
            """
        let r = try runSockshell([], input: script + "\n", limits: ["-v 4000000"])
        #expect(r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("recv of 8.00 GiB capped at 16.0 MiB"), "\(r.summary)")
        #expect(r.stdout.contains("recv(5, \"hello\", 16777216, 0) = 5"), "\(r.summary)")
        #expect(r.stdout.contains("EAGAIN"), "\(r.summary)")
    }

    @Test("--timeout 1s bounds a blocking accept, says so, and the script goes on")
    func timeoutBoundsAccept() throws {
        let r = try runSockshell(["--timeout", "1s", "-c", "socket tcp; bind 127.0.0.1:0; listen; accept; list"])
        #expect(r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("accept(3, 0x..., [128]) = ? <timed out after 1s>"), "\(r.summary)")
        #expect(r.stdout.contains("LISTEN"), "list did not run after the timeout: \(r.summary)")
        #expect(r.seconds >= 0.9 && r.seconds < 5, "took \(r.seconds) s")
    }

    @Test("--timeout also stops a UDP source, whose sends never block")
    func timeoutStopsUDPSource() throws {
        let script = "socket udp as r; bind 127.0.0.1:0; socket udp; connect r; source 1000G 1K"
        let r = try runSockshell(["--timeout", "1s", "-c", script])
        #expect(r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("stopped by --timeout after 1s"), "\(r.summary)")
        #expect(r.seconds < 5, "took \(r.seconds) s")
    }

    @Test("faults are results: EAGAIN, ECONNRESET, then EPIPE; the session goes on")
    func faultsAreResults() throws {
        let script = """
            socket tcp as srv
            bind 127.0.0.1:0
            listen
            nonblock on
            accept
            nonblock off
            socket tcp as cli
            connect srv
            @srv accept as conn
            @conn setopt SO_LINGER on 0
            @conn close
            recv
            send x
            send nosignal y
            socket udp
            bind 127.0.0.1:0
            recv dontwait
            list
            """
        let r = try runSockshell([], input: script + "\n")
        #expect(r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("accept(3, 0x..., [128]) = -1 EAGAIN"), "\(r.summary)")
        #expect(r.stdout.contains("= -1 ECONNRESET"), "\(r.summary)")
        #expect(r.stdout.contains("= -1 EPIPE"), "\(r.summary)")
        #expect(r.stdout.contains("MSG_DONTWAIT, 0x..., [128]) = -1 EAGAIN"), "\(r.summary)")
        #expect(r.stdout.contains("udp"), "list did not run: \(r.summary)")
    }

    @Test("--record keeps every completed command when the shell is killed with SIGKILL mid-accept")
    func recordSurvivesSIGKILL() throws {
        let folder = try makeTemporaryDirectory("sockshell-record")
        defer { removeTree(folder) }
        let path = folder + "/session.transcript"
        let child = try ChildProcess(locateSockshell(), ["--timeout", "60s", "--record", path])
        try child.write("socket tcp as srv\nbind 127.0.0.1:0\nlisten\nsend \"x\"\n")
        // Wait until the four commands are on disk, then block the shell in accept and kill it.
        let deadline = ChildProcess.now() + 10
        var text = ""
        while ChildProcess.now() < deadline {
            text = readFile(path).map { String(decoding: $0, as: UTF8.self) } ?? ""
            if text.contains("> send \"x\"\nsend(") { break }
            child.pump(milliseconds: 20)
        }
        try child.write("accept\n")
        child.pump(milliseconds: 300)
        #expect(child.isRunning, "the shell should be blocked in accept")
        child.kill()
        let r = child.wait(timeout: 5)
        #expect(r.signaled && r.status == 128 + SIGKILL)
        text = readFile(path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        for command in ["> socket tcp as srv\n", "> bind 127.0.0.1:0\n", "> listen\n", "> send \"x\"\n"] {
            #expect(text.contains(command), "lost \(command.debugDescription): \(text)")
        }
        #expect(text.contains("listen(3, 128) = 0\n"), "\(text)")
        #expect(!text.contains("> accept"), "an unfinished command was recorded: \(text)")
        // What was saved replays green.
        let check = try runSockshell(["--check", path])
        #expect(check.status == 0, "\(check.summary)")
    }
}
