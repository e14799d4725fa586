// The wire view (SPEC §8) checked from the shell's own output, inside a private network namespace where the
// shell may capture without root: a FIN after `shutdown wr`, an RST from a linger-0 close, the MSS of
// TCP_MAXSEG in the SYN, keepalive probes while nobody types (during sleep and at the REPL's prompt), URG from
// `send oob`, a saved capture that tcpdump reads, and what `wire on` says where it cannot capture.

import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("The wire view", .serialized)
struct WireTests {
    @Test("FIN after shutdown wr, RST after close with SO_LINGER on 0, MSS 1200 in the SYN, URG from send oob")
    func causeAndEffect() throws {
        let script = """
            wire on
            socket tcp as srv
            bind 127.0.0.1:5000
            listen
            socket tcp as cli
            setopt TCP_MAXSEG 1200
            connect srv
            @srv accept as conn
            send oob !
            @conn recv oob
            shutdown wr
            @conn recv
            @conn setopt SO_LINGER on 0
            @conn close
            wire ladder ascii
            """
        guard let (r, lines) = try NamespaceRunner.run(script, test: "wire cause and effect") else { return }
        #expect(r.status == 0, "\(r.summary)")
        expectInOrder(lines, [
            "  wire on: capturing on lo*",
            "connect(4, {AF_INET, 127.0.0.1:5000}, 16) = 0",  // the capture took no low descriptor,
            "  ~ 127.0.0.1:* > 127.0.0.1:5000 TCP [S] seq 0, win *, options [mss 1200, sackOK, TS, wscale *], len 0",
            "  ~ 127.0.0.1:5000 > 127.0.0.1:* TCP [S.] seq 0, ack 1, win *, options [mss *], len 0",
            "  ~ 127.0.0.1:* > 127.0.0.1:5000 TCP [.] seq 1, ack 1, win *, len 0",
            "send(4, \"!\", 1, MSG_OOB) = 1",
            "  ~ 127.0.0.1:* > 127.0.0.1:5000 TCP [P.U] seq 1, ack 1, win *, len 1, urg 1",
            "shutdown(4, SHUT_WR) = 0",
            "  ~ 127.0.0.1:* > 127.0.0.1:5000 TCP [F.] seq 2, ack 1, win *, len 0",
            "  ~ 127.0.0.1:5000 > 127.0.0.1:* TCP [.] seq 1, ack 3, win *, len 0",
            "close(5) = 0",
            "  ~ 127.0.0.1:5000 > 127.0.0.1:* TCP [R.] seq 1, ack 3, win *, len 0",
            // The ladder: a column per endpoint, the causing call beside the first packet it caused.
            "    cli * conn",
            "      | [S] seq 0 * |   <- connect srv",
            "      +----*.    *|",
            "      |    *'----*>|",
            "      | [F.] seq 2, ack 1 * |   <- shutdown wr",
            "      | [R.] seq 1, ack 3 * |   <- @conn close",
            "      |    *.----*+",
            "      |<---*'    *|",
        ])
        // Seen once each, though lo carries every packet out and in.
        #expect(lines.filter { $0.contains("TCP [S] seq 0") }.count == 1, "\(r.summary)")
    }

    @Test("keepalive probes come about once per TCP_KEEPINTVL during sleep")
    func keepaliveDuringSleep() throws {
        let script = """
            wire on
            socket tcp as srv
            bind 127.0.0.1:5000
            listen
            socket tcp as cli
            setopt SO_KEEPALIVE on
            setopt TCP_KEEPIDLE 1
            setopt TCP_KEEPINTVL 1
            connect srv
            @srv accept as conn
            sleep 2500ms
            """
        guard let (r, lines) = try NamespaceRunner.run(script, test: "wire keepalive") else { return }
        #expect(r.status == 0, "\(r.summary)")
        let after = lines.drop { !$0.hasPrefix("nanosleep(") }
        let probes = after.filter { scriptLineMatches("  ~ 127.0.0.1:* > 127.0.0.1:5000 TCP [.] seq 0, ack 1, *", $0) }
        let answers = after.filter { scriptLineMatches("  ~ 127.0.0.1:5000 > 127.0.0.1:* TCP [.] seq 1, ack 1, *", $0) }
        // Idle 1 s, then one every second: two in 2.5 s (one more or less on a slow machine).
        #expect((1...3).contains(probes.count), "probes (seq one below the next byte):\n\(r.summary)")
        #expect(answers.count == probes.count, "each probe is answered by an ACK:\n\(r.summary)")
    }

    @Test("wire on after connect: a keepalive probe still reads seq 0, one below the next byte, which reads 1")
    func keepaliveSeenMidStream() throws {
        let script = """
            socket tcp as srv
            bind 127.0.0.1:5000
            listen
            socket tcp as cli
            setopt SO_KEEPALIVE on
            setopt TCP_KEEPIDLE 1
            setopt TCP_KEEPINTVL 1
            connect srv
            @srv accept as conn
            wire on
            sleep 2500ms
            send hi
            """
        guard let (r, lines) = try NamespaceRunner.run(script, test: "wire keepalive mid-stream") else { return }
        #expect(r.status == 0, "\(r.summary)")
        let after = lines.drop { !$0.hasPrefix("nanosleep(") }
        let probes = after.filter { scriptLineMatches("  ~ 127.0.0.1:* > 127.0.0.1:5000 TCP [.] seq 0, ack 1, *", $0) }
        let answers = after.filter { scriptLineMatches("  ~ 127.0.0.1:5000 > 127.0.0.1:* TCP [.] seq 1, ack 1, *", $0) }
        #expect((1...3).contains(probes.count), "probes (seq one below the next byte):\n\(r.summary)")
        #expect(answers.count == probes.count, "each probe is answered by an ACK of the byte after it:\n\(r.summary)")
        expectInOrder(lines, [
            "send(4, \"hi\", 2, 0) = 2",
            "  ~ 127.0.0.1:* > 127.0.0.1:5000 TCP [P.] seq 1, ack 1, win *, len 2",
            "  ~ 127.0.0.1:5000 > 127.0.0.1:* TCP [.] seq 1, ack 3, win *, len 0",
        ])
    }

    @Test("keepalive probes appear at the REPL's prompt while nobody types, a TCP_KEEPINTVL apart, and during sleep")
    func keepaliveAtPrompt() throws {
        guard let args = NamespaceRunner.unshareArguments else {
            print("SKIPPED keepalive at the prompt: no private network namespace here")
            return
        }
        let home = try makeTemporaryDirectory()
        defer { removeTree(home) }
        let t = try PseudoTerminalProcess(
            executable: "/usr/bin/unshare",
            arguments: args + ["sh", "-c", NamespaceRunner.setup, locateSockshell(), "--wire"],
            environment: terminalEnvironment(home: home))
        defer { t.terminate() }
        try t.expect("sockshell> ")
        for line in ["socket tcp as srv", "bind 127.0.0.1:5000", "listen", "socket tcp as cli",
                     "setopt SO_KEEPALIVE on", "setopt TCP_KEEPIDLE 1", "setopt TCP_KEEPINTVL 1", "connect srv"] {
            try t.sendLine(line)
            try t.expect("sockshell(")
        }
        try t.expect("TCP [.] seq 1, ack 1")  // the handshake's last ACK
        let probe = "> 127.0.0.1:5000 TCP [.] seq 0, ack 1"
        try t.expect(probe, timeout: 5)
        let first = PseudoTerminalProcess.now()
        try t.expect(probe, timeout: 5)
        let gap = PseudoTerminalProcess.now() - first
        #expect(gap > 500 && gap < 2500, "two probes \(gap) ms apart; TCP_KEEPINTVL is 1 s")
        // During a sleep they show as they come, before the sleep's own line (printed when it returns).
        try t.sendLine("sleep 2500ms")
        try t.expect(probe, timeout: 5)
        try t.expect("nanosleep({tv_sec=2, tv_nsec=500000000}, NULL) = 0", timeout: 5)
    }

    @Test("wire save writes a pcap file that tcpdump -r reads")
    func saveOpensWithTcpdump() throws {
        let dir = try makeTemporaryDirectory("sockshell-wire")
        defer { removeTree(dir) }
        let file = dir + "/capture.pcap"
        let script = """
            wire on tcp
            socket tcp as srv
            bind 127.0.0.1:5000
            listen
            socket tcp as cli
            connect srv
            send hello
            close
            wire save \(file)
            """
        guard let (r, lines) = try NamespaceRunner.run(script, test: "wire save") else { return }
        #expect(r.status == 0, "\(r.summary)")
        expectInOrder(lines, ["  * packets written to \(file) (read it with `tcpdump -r \(file)` or Wireshark)"])
        var magic = [UInt8](repeating: 0, count: 4)
        let fd = open(file, O_RDONLY)
        #expect(fd >= 0 && read(fd, &magic, 4) == 4, "\(file) should exist")
        if fd >= 0 { close(fd) }
        #expect(magic == [0xd4, 0xc3, 0xb2, 0xa1], "pcap magic (little-endian, microseconds)")
        guard let dump = try? runSubprocess("tcpdump", ["-n", "-r", file], timeout: 30), dump.status != 127 else {
            print("SKIPPED tcpdump -r: tcpdump is not installed")
            return
        }
        #expect(dump.status == 0, "\(dump.summary)")
        #expect(dump.stdout.contains("Flags [S]") && dump.stdout.contains("length 5"), "\(dump.summary)")
        #expect(dump.stdout.contains("Flags [F.]"), "\(dump.summary)")
    }

    @Test("a bad filter is an input error with pcap's message")
    func badFilter() throws {
        let r = try runSubprocess(try sockshellBinary(), ["-c", "wire on tcp port banana"], timeout: 30)
        #expect(r.status == 2, "\(r.summary)")
        #expect(r.stderr.contains("error: bad filter 'tcp port banana': "), "\(r.summary)")
        #expect(r.stderr.contains("usage: wire on [FILTER]"), "\(r.summary)")
    }

    @Test("without CAP_NET_RAW where the sockets are, wire on says why and what to do, and nothing else changes")
    func noPermission() throws {
        // A user namespace without a network namespace of its own: root inside, but not over the host's network.
        let binary = try sockshellBinary()
        let r = try runSubprocess("unshare", ["-U", "-r", binary, "-c", "wire on; socket tcp"], timeout: 30)
        if r.status != 0, r.stderr.hasPrefix("unshare:") {
            print("SKIPPED no-permission: unshare -U -r is not allowed here: \(r.stderr)")
            return
        }
        #expect(r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("wire on: cannot capture on lo: capturing needs CAP_NET_RAW"), "\(r.summary)")
        #expect(r.stdout.contains("--lab") && r.stdout.contains("unshare -U -r -n") && r.stdout.contains("root"))
        #expect(r.stdout.contains("s1 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"), "\(r.summary)")
    }
}
