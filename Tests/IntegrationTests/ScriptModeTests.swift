// The real binary on scripts: the facts of each lesson visible in the output, the modes (-c, FILE, stdin),
// exit statuses, --timeout, descriptors starting at 3, and --json. Every socket is on loopback, port 0.

import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Script mode")
struct ScriptModeTests {
    @Test("the core lesson: handles, peek then read, escapes, OOB, half-close, options read back, errors, UDP")
    func coreLesson() throws {
        let script = """
            # a listener and a client, connected by handle
            socket tcp as srv
            setopt SO_RCVBUF 32K
            bind 127.0.0.1:0
            listen
            socket tcp as cli
            setopt TCP_MAXSEG 1200
            connect srv
            @srv accept as conn
            @cli send "hello\\r\\n\\x00\\x7f"
            @conn recv 5 peek
            @conn recv
            @cli send oob !
            @cli send after-urgent
            @conn recv oob
            @conn recv 12 waitall
            @cli shutdown wr
            @conn recv
            @conn send reply after half-close
            @cli recv
            @cli setopt SO_LINGER on 5
            @cli getopt SO_LINGER
            @conn getopt SO_RCVBUF
            @cli setopt TCP_NODELAY on
            @cli getopt TCP_NODELAY
            @cli setopt TCP_KEEPIDLE 30
            @cli getopt TCP_KEEPIDLE
            @cli getopt TCP_MAXSEG
            @cli getopt TCP_INFO
            socket tcp as refused
            connect 127.0.0.1:1
            socket tcp as c3
            connect srv
            @srv accept as conn3
            @c3 setopt SO_LINGER on 0
            @c3 close
            @conn3 recv
            @conn3 send after the reset
            socket tcp as c4
            connect srv
            shutdown wr
            send after shutdown
            socket udp as u1
            bind 127.0.0.1:0
            socket udp as u2
            bind 127.0.0.1:0
            sendto u1 datagram
            @u1 recv
            sendto 127.255.255.255:9 no broadcast without SO_BROADCAST
            getopt SO_BROADCAST
            list
            """
        try withScript(script) { run, _ in
            #expect(run.result.status == 0, "\(run.result.summary)")
            expectInOrder(run.lines, [
                "srv = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3",
                "setsockopt(3, SOL_SOCKET, SO_RCVBUF, [32768], 4) = 0",
                "bind(3, {AF_INET, 127.0.0.1:0}, 16) = 0",
                "  local address 127.0.0.1:*",
                "listen(3, 128) = 0",
                "cli = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4",
                "setsockopt(4, IPPROTO_TCP, TCP_MAXSEG, [1200], 4) = 0",
                "connect(4, {AF_INET, 127.0.0.1:*}, 16) = 0",
                "conn = accept(3, {AF_INET, 127.0.0.1:*}, [16]) = 5",
                "send(4, <9 bytes, hex below>, 9, 0) = 9",
                "  0000  68 65 6c 6c 6f 0d 0a 00  7f * |hello....|",
                "recv(5, \"hello\", 5, MSG_PEEK) = 5",
                "recv(5, <9 bytes, hex below>, 65536, 0) = 9",
                "  0000  68 65 6c 6c 6f 0d 0a 00  7f *",
                "send(4, \"!\", 1, MSG_OOB) = 1",
                "send(4, \"after-urgent\", 12, 0) = 12",
                "recv(5, \"!\", 65536, MSG_OOB) = 1",
                "recv(5, \"after-urgent\", 12, MSG_WAITALL) = 12",
                "shutdown(4, SHUT_WR) = 0",
                "recv(5, \"\", 65536, 0) = 0",
                "  EOF*",
                "send(5, \"reply after half-close\", 22, 0) = 22",
                "recv(4, \"reply after half-close\", 65536, 0) = 22",
                "setsockopt(4, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0",
                "getsockopt(4, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, [8]) = 0",
                "getsockopt(5, SOL_SOCKET, SO_RCVBUF, [65536], [4]) = 0",
                "setsockopt(4, IPPROTO_TCP, TCP_NODELAY, [1], 4) = 0",
                "getsockopt(4, IPPROTO_TCP, TCP_NODELAY, [1], [4]) = 0",
                "setsockopt(4, IPPROTO_TCP, TCP_KEEPIDLE, [30], 4) = 0",
                "getsockopt(4, IPPROTO_TCP, TCP_KEEPIDLE, [30], [4]) = 0",
                "getsockopt(4, IPPROTO_TCP, TCP_MAXSEG, [11*], [4]) = 0",
                "getsockopt(4, IPPROTO_TCP, TCP_INFO, {tcpi_state=TCP_FIN_WAIT2, ...}, [*]) = 0",
                "  state=FIN_WAIT2 ca_state=* options=*",
                "  snd_mss=11* *",
                "refused = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 6",
                "connect(6, {AF_INET, 127.0.0.1:1}, 16) = -1 ECONNREFUSED (Connection refused)",
                "c3 = socket(*) = 7",
                "conn3 = accept(3, *) = 8",
                "setsockopt(7, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8) = 0",
                "close(7) = 0",
                "recv(8, *, 65536, 0) = -1 ECONNRESET (Connection reset by peer)",
                "send(8, \"after the reset\", 15, 0) = -1 EPIPE (Broken pipe)",
                "c4 = socket(*) = 7",
                "shutdown(7, SHUT_WR) = 0",
                "send(7, \"after shutdown\", 14, 0) = -1 EPIPE (Broken pipe)",
                "u1 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = *",
                "sendto(*, \"datagram\", 8, 0, {AF_INET, 127.0.0.1:*}, 16) = 8",
                "recvfrom(*, \"datagram\", 65536, 0, {AF_INET, 127.0.0.1:*}, [16]) = 8",
                "sendto(*, {AF_INET, 127.255.255.255:9}, 16) = -1 EACCES (Permission denied)",
                "  note: *SO_BROADCAST*",
                "getsockopt(*, SOL_SOCKET, SO_BROADCAST, [0], [4]) = 0",
                "    srv *LISTEN",
            ])
            // The sender of the datagram is u2: the port recvfrom shows is the one u2 was bound to.
            let u2Port = run.lines.drop { !$0.hasPrefix("u2 = ") }.first { $0.hasPrefix("  local address") }
            let from = run.lines.first { $0.hasPrefix("recvfrom(") }
            if let p = u2Port?.split(separator: ":").last, let f = from {
                #expect(f.contains("127.0.0.1:\(p)}"), "\(f) names u2 (\(p))")
            } else {
                Issue.record("no u2 port or recvfrom line")
            }
            #expect(run.result.stderr.isEmpty)
        }
    }

    @Test("non-blocking connect gives EINPROGRESS, SO_ERROR the outcome; recv and accept give EAGAIN")
    func nonBlocking() throws {
        let script = """
            socket tcp as srv
            bind 127.0.0.1:0
            listen
            nonblock on
            accept
            socket tcp as cli
            nonblock on
            connect srv
            poll 1s
            getopt SO_ERROR
            @srv accept as conn
            recv
            recv dontwait
            nonblock off
            info
            """
        try withScript(script) { run, _ in
            #expect(run.result.status == 0, "\(run.result.summary)")
            expectInOrder(run.lines, [
                "fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0",
                "accept(3, 0x..., [128]) = -1 EAGAIN (Resource temporarily unavailable)",
                "fcntl(4, F_SETFL, O_RDWR|O_NONBLOCK) = 0",
                "connect(4, {AF_INET, 127.0.0.1:*}, 16) = -1 EINPROGRESS (Operation now in progress)",
                "poll(*) = *",
                "  cli *4 *POLLOUT *writable*",
                "getsockopt(4, SOL_SOCKET, SO_ERROR, [0], [4]) = 0",
                "conn = accept(3, {AF_INET, 127.0.0.1:*}, [16]) = 5",
                "recv(4, *, 65536, 0) = -1 EAGAIN (Resource temporarily unavailable)",
                "recv(4, *, 65536, MSG_DONTWAIT) = -1 EAGAIN (Resource temporarily unavailable)",
                "fcntl(4, F_SETFL, O_RDWR) = 0",
                "  state *ESTABLISHED",
            ])
        }
    }

    @Test("SO_RCVLOWAT: poll does not report readable below the mark, does at it")
    func rcvlowat() throws {
        let script = """
            socket tcp as srv
            bind 127.0.0.1:0
            listen
            socket tcp as cli
            connect srv
            @srv accept as conn
            use conn
            setopt SO_RCVLOWAT 8
            getopt SO_RCVLOWAT
            @cli send 1234
            recv 4 peek waitall
            poll
            @cli send 5678
            recv 8 peek waitall
            poll 1s
            recv
            """
        try withScript(script) { run, _ in
            #expect(run.result.status == 0, "\(run.result.summary)")
            expectInOrder(run.lines, [
                "setsockopt(5, SOL_SOCKET, SO_RCVLOWAT, [8], 4) = 0",
                "getsockopt(5, SOL_SOCKET, SO_RCVLOWAT, [8], [4]) = 0",
                "recv(5, \"1234\", 4, MSG_PEEK|MSG_WAITALL) = 4",
                "poll(*) = *",
                "  conn *5 *POLLOUT *writable *4 *",
                "recv(5, \"12345678\", 8, MSG_PEEK|MSG_WAITALL) = 8",
                "poll(*) = *",
                "  conn *5 *POLLIN|POLLOUT *readable, writable *8 *",
                "recv(5, \"12345678\", 65536, 0) = 8",
            ])
        }
    }

    @Test("SO_OOBINLINE: the urgent byte stays in the stream, recv stops at the mark, recv oob is EINVAL")
    func oobInline() throws {
        let script = """
            socket tcp as srv
            bind 127.0.0.1:0
            listen
            socket tcp as cli
            connect srv
            @srv accept as conn
            use conn
            setopt SO_OOBINLINE on
            @cli send ab
            @cli send oob U
            @cli send cd
            recv oob
            recv
            recv 3 waitall
            setopt SO_OOBINLINE off
            @cli send oob V
            @cli send w
            recv 1 peek
            recv oob
            recv
            """
        try withScript(script) { run, _ in
            #expect(run.result.status == 0, "\(run.result.summary)")
            expectInOrder(run.lines, [
                "setsockopt(5, SOL_SOCKET, SO_OOBINLINE, [1], 4) = 0",
                "send(4, \"U\", 1, MSG_OOB) = 1",
                "recv(5, *, 65536, MSG_OOB) = -1 EINVAL (Invalid argument)",
                "recv(5, \"ab\", 65536, 0) = 2",
                "recv(5, \"Ucd\", 3, MSG_WAITALL) = 3",
                "setsockopt(5, SOL_SOCKET, SO_OOBINLINE, [0], 4) = 0",
                "recv(5, \"V\", 65536, MSG_OOB) = 1",
                "recv(5, \"w\", 65536, 0) = 1",
            ])
        }
    }

    @Test("IPv6 on [::1], AF_UNIX stream and datagram in a temporary directory")
    func ipv6AndUnix() throws {
        let script = """
            socket tcp 6 as v6srv
            bind [::1]:0
            listen
            socket tcp 6 as v6cli
            connect v6srv
            @v6srv accept as v6conn
            @v6cli send over six
            @v6conn recv
            socket udp 6 as d6a
            bind [::1]:0
            socket udp 6 as d6b
            sendto d6a six datagram
            @d6a recv
            socket unix as us
            bind {dir}/stream.sock
            listen
            socket unix stream as uc
            connect us
            @us accept as ua
            send "unix stream\\n"
            @ua recv
            @ua info
            socket unix dgram as ud1
            bind unix:{dir}/d1.sock
            socket unix dgram as ud2
            bind {dir}/d2.sock
            sendto ud1 unix datagram
            @ud1 recv
            connect {dir}/nobody.sock
            """
        try withScript(script) { run, dir in
            #expect(run.result.status == 0, "\(run.result.summary)")
            expectInOrder(run.lines, [
                "v6srv = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = 3",
                "bind(3, {AF_INET6, [::1]:0}, 28) = 0",
                "  local address [::1]:*",
                "connect(4, {AF_INET6, [::1]:*}, 28) = 0",
                "v6conn = accept(3, {AF_INET6, [::1]:*}, [28]) = 5",
                "recv(5, \"over six\", 65536, 0) = 8",
                "d6a = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP) = 6",
                "sendto(7, \"six datagram\", 12, 0, {AF_INET6, [::1]:*}, 28) = 12",
                "recvfrom(6, \"six datagram\", 65536, 0, {AF_INET6, [::1]:*}, [28]) = 12",
                "us = socket(AF_UNIX, SOCK_STREAM, 0) = 8",
                "bind(8, {AF_UNIX, \"\(dir)/stream.sock\"}, *) = 0",
                "connect(9, {AF_UNIX, \"\(dir)/stream.sock\"}, *) = 0",
                "ua = accept(8, {AF_UNIX*}, *) = 10",
                "send(9, \"unix stream\\n\", 12, 0) = 12",
                "recv(10, \"unix stream\\n\", 65536, 0) = 12",
                "  family *AF_UNIX",
                "  local *\(dir)/stream.sock",
                "ud1 = socket(AF_UNIX, SOCK_DGRAM, 0) = 11",
                "bind(11, {AF_UNIX, \"\(dir)/d1.sock\"}, *) = 0",
                "sendto(12, \"unix datagram\", 13, 0, {AF_UNIX, \"\(dir)/d1.sock\"}, *) = 13",
                "recvfrom(11, \"unix datagram\", 65536, 0, {AF_UNIX, \"\(dir)/d2.sock\"}, *) = 13",
                "connect(12, {AF_UNIX, \"\(dir)/nobody.sock\"}, *) = -1 ENOENT (No such file or directory)",
            ])
        }
    }

    @Test("TIME_WAIT: rebinding the port of a closed connection is EADDRINUSE without SO_REUSEADDR, fine with it")
    func timeWaitRebind() throws {
        // The server side closes first (the active closer), so its port stays in TIME_WAIT.
        let plainPort = try #require(freeLoopbackPort())
        let reusePort = try #require(freeLoopbackPort())
        let script = """
            socket tcp as srv
            bind 127.0.0.1:\(plainPort)
            listen
            socket tcp as cli
            connect srv
            @srv accept as conn
            @conn close
            @cli recv
            @cli close
            @srv close
            socket tcp as again
            bind 127.0.0.1:\(plainPort)
            socket tcp as rsrv
            setopt SO_REUSEADDR on
            bind 127.0.0.1:\(reusePort)
            listen
            socket tcp as rcli
            connect rsrv
            @rsrv accept as rconn
            @rconn close
            @rcli recv
            @rcli close
            @rsrv close
            socket tcp as rplain
            bind 127.0.0.1:\(reusePort)
            close
            socket tcp as ragain
            setopt SO_REUSEADDR on
            bind 127.0.0.1:\(reusePort)
            listen
            """
        try withScript(script) { run, _ in
            #expect(run.result.status == 0, "\(run.result.summary)")
            expectInOrder(run.lines, [
                "bind(3, {AF_INET, 127.0.0.1:\(plainPort)}, 16) = 0",
                "close(5) = 0",
                "recv(4, \"\", 65536, 0) = 0",
                "again = socket(*) = *",
                "bind(*, {AF_INET, 127.0.0.1:\(plainPort)}, 16) = -1 EADDRINUSE (Address already in use)",
                "  note: *SO_REUSEADDR*",
                "setsockopt(*, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0",
                "bind(*, {AF_INET, 127.0.0.1:\(reusePort)}, 16) = 0",
                "rplain = socket(*) = *",
                "bind(*, {AF_INET, 127.0.0.1:\(reusePort)}, 16) = -1 EADDRINUSE (Address already in use)",
                "ragain = socket(*) = *",
                "setsockopt(*, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0",
                "bind(*, {AF_INET, 127.0.0.1:\(reusePort)}, 16) = 0",
                "listen(*) = 0",
            ])
        }
    }

    @Test("the same commands give the same output from -c, a FILE and standard input; first socket is fd 3")
    func modes() throws {
        let commands = ["socket udp as a", "bind 127.0.0.1:0", "socket udp as b", "sendto a \"x;y\"", "@a recv",
                        "getopt SO_TYPE", "info"]
        let fromC = try runSockshell(["-c", commands.joined(separator: "; ")])
        let fromStdin = try runSockshell([], input: commands.joined(separator: "\n") + "\n")
        var fromFile: ProcessResult?
        try withScript(commands.joined(separator: "\n")) { run, _ in fromFile = run.result }
        // A transcript runs too: its `> ` lines are the commands, the rest is ignored.
        let transcript = "# a saved session\n" + commands.map { "> \($0)\nignored output\n" }.joined()
        var fromTranscript: ProcessResult?
        try withScript(transcript, name: "lesson.transcript") { run, _ in fromTranscript = run.result }
        for (name, r) in [("-c", fromC), ("stdin", fromStdin), ("FILE", fromFile), ("transcript", fromTranscript)] {
            guard let r else { Issue.record("\(name) did not run"); continue }
            #expect(r.status == 0, "\(name): \(r.summary)")
            let lines = r.stdout.split(separator: "\n").map(String.init)
            expectInOrder(lines, [
                "a = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 3",
                "b = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 4",
                "sendto(4, \"x;y\", 3, 0, {AF_INET, 127.0.0.1:*}, 16) = 3",
                "recvfrom(3, \"x;y\", 65536, 0, {AF_INET, 127.0.0.1:*}, [16]) = 3",
                "getsockopt(4, SOL_SOCKET, SO_TYPE, [SOCK_DGRAM], [4]) = 0",
                "  fd *4",
            ])
            #expect(!r.stdout.contains("ignored output"))
        }
        // Ports differ from run to run; everything else is the same.
        func shape(_ r: ProcessResult?) -> [String] {
            (r?.stdout ?? "").split(separator: "\n").map { $0.split(separator: ":").first.map(String.init) ?? "" }
        }
        #expect(shape(fromC) == shape(fromStdin))
        #expect(shape(fromC) == shape(fromFile))
    }

    @Test("the first socket is fd 3 in every mode, also while recording")
    func firstDescriptor() throws {
        let dir = try makeTemporaryDirectory("sockshell-fd")
        defer { removeTree(dir) }
        let runs: [(String, ProcessResult)] = [
            ("-c", try runSockshell(["-c", "socket tcp"])),
            ("stdin", try runSockshell([], input: "socket tcp\n")),
            ("-c --record", try runSockshell(["--record", dir + "/c.transcript", "-c", "socket tcp"])),
            ("stdin --record", try runSockshell(["--record", dir + "/s.transcript"], input: "socket tcp\n")),
            ("--json", try runSockshell(["--json", "-c", "socket tcp"])),
        ]
        for (name, r) in runs {
            #expect(r.status == 0, "\(name): \(r.summary)")
            #expect(r.stdout.contains("= socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3") || r.stdout.contains("\"ret\":3"),
                    "\(name): \(r.stdout)")
        }
        try writeTextFile(dir + "/script.txt", "socket tcp\n")
        let file = try runSockshell(["--record", dir + "/f.transcript", dir + "/script.txt"])
        #expect(file.stdout.hasPrefix("s1 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"), "\(file.summary)")
        let recorded = try readTextFile(dir + "/f.transcript")
        #expect(recorded.contains("> socket tcp\ns1 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"), "\(recorded)")
        let replay = try runSockshell(["--check", dir + "/f.transcript"])
        #expect(replay.status == 0, "\(replay.summary)")
    }

    @Test("bytes that are not UTF-8 are sent as written, from standard input as from a FILE")
    func nonUTF8Bytes() throws {
        // A Latin-1 byte (0xff) in a script: from stdin it once became U+FFFD's three bytes (the line was made a
        // String before it was split), while the same script as a FILE sent it as it is.
        let script = #"socket udp as u\nbind 127.0.0.1:0\nsendto u a\377b\nrecv\n"#
        let binary = try sockshellBinary()
        let piped = try runSubprocess("/bin/sh", ["-c", "printf '\(script)' | \"$0\"", binary])
        #expect(piped.status == 0, "\(piped.summary)")
        #expect(piped.stdout.contains("sendto(3, <3 bytes, hex below>, 3, 0, {AF_INET, 127.0.0.1:"), "\(piped.summary)")
        #expect(piped.stdout.contains("  0000  61 ff 62 "), "\(piped.summary)")
        let dir = try makeTemporaryDirectory("sockshell-bytes")
        defer { removeTree(dir) }
        let file = try runSubprocess("/bin/sh", ["-c", "printf '\(script)' > \"$1\" && exec \"$0\" \"$1\"", binary,
                                                 dir + "/latin1.txt"])
        #expect(file.status == 0, "\(file.summary)")
        #expect(file.stdout.contains("  0000  61 ff 62 "), "\(file.summary)")
    }

    @Test("an input error stops a script: exit 2, NAME:LINE: error: and the usage on stderr")
    func inputErrorExit() throws {
        try withScript("socket tcp\n# a comment\n\nbind 127.0.0.1:99999\nsocket udp\n") { run, _ in
            #expect(run.result.status == 2, "\(run.result.summary)")
            #expect(run.errorLines.first == "\(run.path):4: error: bad port '99999' in '127.0.0.1:99999': use 0-65535")
            #expect(run.errorLines.contains("  usage: bind ADDR"))
            #expect(run.result.stdout.contains("s1 = socket("))
            #expect(!run.result.stdout.contains("SOCK_DGRAM"), "nothing after the error runs")
        }
        let c = try runSockshell(["-c", "socket tcp; frobnicate; socket udp"])
        #expect(c.status == 2)
        #expect(c.stderr.hasPrefix("-c:1: error: unknown command 'frobnicate'"), "\(c.summary)")
        #expect(!c.stdout.contains("SOCK_DGRAM"))
        let stdin = try runSockshell([], input: "socket tcp\nsocket tcp\nrecv bogus\nsocket udp\n")
        #expect(stdin.status == 2)
        #expect(stdin.stderr.hasPrefix("-:3: error: bad N or flag 'bogus'"), "\(stdin.summary)")
        #expect(stdin.stderr.contains("usage: recv"))
        let noSocket = try runSockshell(["-c", "listen"])
        #expect(noSocket.status == 2)
        #expect(noSocket.stderr.contains("-c:1: error: no current socket"), "\(noSocket.summary)")
    }

    @Test("a failed system call is a result: exit 0, and the script goes on")
    func failedCallExitsZero() throws {
        let r = try runSockshell(["-c", "socket tcp; connect 127.0.0.1:1; send x; socket udp"])
        #expect(r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("= -1 ECONNREFUSED (Connection refused)"))
        #expect(r.stdout.contains("send(3, \"x\", 1, 0) = -1 EPIPE (Broken pipe)"))
        #expect(r.stdout.contains("s2 = socket(AF_INET, SOCK_DGRAM"))
        #expect(r.stderr.isEmpty)
    }

    @Test("--timeout 1s bounds a blocking accept and recv; the script goes on")
    func timeoutBoundsBlockingCalls() throws {
        let start = ChildProcess.now()
        let r = try runSockshell(["--timeout", "1s", "-c",
                                  "socket tcp as l; bind 127.0.0.1:0; listen; accept; socket udp; bind 127.0.0.1:0; "
                                      + "recv; socket tcp as after"], timeout: 20)
        let elapsed = ChildProcess.now() - start
        #expect(r.status == 0, "\(r.summary)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        expectInOrder(lines, [
            "accept(3, 0x..., [128]) = ? <timed out after 1s>",
            "recvfrom(4, *, 65536, 0, 0x..., [128]) = ? <timed out after 1s>",
            "after = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5",
        ])
        #expect(elapsed < 8, "two 1 s timeouts took \(elapsed) s")
        let ms = try runSockshell(["--timeout", "300ms", "-c", "socket tcp; listen; accept"], timeout: 20)
        #expect(ms.stdout.contains("= ? <timed out after 300ms>"), "\(ms.summary)")
    }

    @Test("EMFILE: out of descriptors is a result with a hint, not a crash")
    func emfile() throws {
        let r = try runSockshell(["-c", "socket tcp; socket tcp; socket tcp; socket tcp; socket tcp; list"],
                                 limits: ["-n 6"])
        #expect(r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = -1 EMFILE (Too many open files)"),
                "\(r.summary)")
        #expect(r.stdout.contains("out of descriptors"))
    }

    @Test("--check refuses --json and --record (it prints a diff, not a session): usage error, exit 2")
    func checkRefusesJSONAndRecord() throws {
        for extra in [["--json"], ["--record", "/tmp/sockshell-never-written.transcript"]] {
            let r = try runSockshell(["--check"] + extra + ["examples/peek.transcript"])
            #expect(r.status == 2 && r.stderr.contains("takes neither --record nor --json"), "\(r.summary)")
        }
        #expect(access("/tmp/sockshell-never-written.transcript", F_OK) != 0)
    }

    @Test("--json: one object per line, every line parses, with call, args and errno")
    func json() throws {
        let r = try runSockshell(["--json", "-c",
                                  "socket tcp as t; connect 127.0.0.1:1; getopt SO_LINGER; getopt; info; "
                                      + "socket udp as u; bind 127.0.0.1:0; sendto u hex 00 ff; recv; bogus"])
        #expect(r.status == 2)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count >= 8, "\(r.summary)")
        var objects: [[String: Any]] = []
        for line in lines {
            let parsed = try? JSONSerialization.jsonObject(with: Data(line.utf8))
            guard let object = parsed as? [String: Any] else {
                Issue.record("not a JSON object: \(line)")
                continue
            }
            #expect(object["event"] is String, "\(line)")
            objects.append(object)
        }
        let calls = objects.filter { $0["event"] as? String == "syscall" }
        let socket = calls.first { $0["call"] as? String == "socket" }
        #expect(socket?["handle"] as? String == "t")
        #expect(socket?["ret"] as? Int == 3)
        #expect((socket?["args"] as? [String]) == ["AF_INET", "SOCK_STREAM", "IPPROTO_TCP"])
        let connect = calls.first { $0["call"] as? String == "connect" }
        #expect(connect?["ret"] as? Int == -1)
        #expect(connect?["errno"] as? String == "ECONNREFUSED")
        #expect(connect?["message"] as? String == "Connection refused")
        #expect(objects.contains { $0["event"] as? String == "table" && ($0["rows"] as? [[String]])?.isEmpty == false })
        #expect(objects.contains { $0["event"] as? String == "data" && $0["hex"] as? String == "00ff" })
        let error = objects.last
        #expect(error?["event"] as? String == "error")
        #expect(error?["source"] as? String == "-c")
        #expect((error?["message"] as? String)?.contains("bogus") == true)
    }

    @Test("SIGPIPE does not kill the shell: a send to a reset peer is EPIPE and the session goes on")
    func sigpipe() throws {
        let script = """
            socket tcp as srv
            bind 127.0.0.1:0
            listen
            socket tcp as cli
            connect srv
            @srv accept as conn
            @conn setopt SO_LINGER on 0
            @conn close
            @cli recv
            @cli send one
            @cli send two
            @cli send nosignal three
            socket udp as still_here
            """
        try withScript(script) { run, _ in
            #expect(run.result.status == 0, "\(run.result.summary)")
            expectInOrder(run.lines, [
                "recv(4, *) = -1 ECONNRESET (Connection reset by peer)",
                "send(4, \"one\", 3, 0) = -1 EPIPE (Broken pipe)",
                "send(4, \"two\", 3, 0) = -1 EPIPE (Broken pipe)",
                "send(4, \"three\", 5, MSG_NOSIGNAL) = -1 EPIPE (Broken pipe)",
                "still_here = socket(*) = *",
            ])
        }
    }
}
