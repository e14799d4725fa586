// The C export (SPEC §3 `export c`, §1 `--export-c`): every lesson in examples/ exports to a program that
// compiles without a warning, runs, and prints the same calls and results as the transcript says, under the
// transcript's wildcard rules. Lessons marked `# needs: netns` export and run inside a private network
// namespace, as they replay. Lab lessons (`# lab: --lab`) export in their lab and compile, but do not run: they
// need two hosts, and their lab steps are comments to do by hand. Sessions with an input error, an unknown option or a closed handle export what
// ran and say what they left out.

import Testing
import Transcript

#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under /tmp for one test's files.
func makeTempDirectory(_ tag: String) throws -> String {
    var template = Array("/tmp/sockshell-\(tag)-XXXXXX".utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
        throw PTYError(description: "mkdtemp failed: errno \(errno)")
    }
    return String(cString: made)
}

/// Removes the files a test made in its directory, then the directory.
func removeTempDirectory(_ dir: String, files: [String]) {
    for f in files { unlink(dir + "/" + f) }
    rmdir(dir)
}

/// Lines that show a call (`bind(3, ...) = 0`, `srv = socket(...) = 3`): not indented, not comments.
func callLines(_ lines: [String]) -> [String] {
    lines.filter { !$0.isEmpty && !$0.hasPrefix(" ") && !$0.hasPrefix("#") }
}

/// The expected call lines of a transcript, in order. The wire view's output is no call of the program: its
/// packet lines (`  ~ ...`) are indented, and what `wire` itself prints (the ladder) is skipped whole.
func expectedCallLines(_ transcript: String) -> [String] {
    let entries = TranscriptFile.parse(transcript).entries.filter { entry in
        let words = entry.command.split(separator: " ")
        let name = words.first?.hasPrefix("@") == true ? words.dropFirst().first : words.first
        return name?.lowercased() != "wire"
    }
    return callLines(entries.flatMap { $0.expected.map(\.text) })
}

/// The commands of a transcript that are lab steps, done by hand in the exported program.
func labSteps(_ transcript: String) -> [String] {
    TranscriptFile.parse(transcript).entries.map(\.command).filter { c in
        ["host", "link", "reboot"].contains(c.split(separator: " ").first.map(String.init) ?? "")
    }
}

/// The first difference between expected call lines (patterns) and the program's, or nil when they match.
func firstCallDifference(expected: [String], actual: [String]) -> String? {
    for (k, pattern) in expected.enumerated() {
        guard k < actual.count else { return "the program stopped before call \(k + 1): expected \(pattern)" }
        if !Wildcard.matches(pattern: pattern, actual: actual[k]) {
            return "call \(k + 1): expected \(pattern)\n                got \(actual[k])"
        }
    }
    if actual.count > expected.count { return "the program made more calls: \(actual[expected.count])" }
    return nil
}

/// Exports `path` to C in `dir`, compiles it with -Werror, runs it; in a namespace when `flags` are given.
func exportCompileRun(_ path: String, name: String, dir: String, unshare flags: [String]?, run: Bool = true) throws
    -> (export: ProcessResult, compile: ProcessResult?, run: ProcessResult?)
{
    let source = dir + "/" + name + ".c"
    let program = dir + "/" + name
    let binary = try sockshellBinary()
    let export: ProcessResult
    if let flags {
        let script = PrivateNetwork.setup + " && exec \"$0\" --export-c \"$1\" \"$2\""
        export = try runSubprocess("unshare", flags + ["sh", "-c", script, binary, source, path], timeout: 60)
    } else {
        export = try runSubprocess(binary, ["--export-c", source, path], timeout: 60)
    }
    guard export.status == 0 else { return (export, nil, nil) }
    let compile = try runSubprocess("cc", ["-std=c11", "-Wall", "-Wextra", "-Werror", "-o", program, source],
                                    timeout: 120)
    guard compile.status == 0, run else { return (export, compile, nil) }
    let run: ProcessResult
    if let flags {
        let script = PrivateNetwork.setup + " && exec \"$0\""
        run = try runSubprocess("unshare", flags + ["sh", "-c", script, program], timeout: 60)
    } else {
        run = try runSubprocess(program, [], timeout: 60)
    }
    return (export, compile, run)
}

@Suite("C export of every example", .serialized)
struct ExportCExamplesTests {
    @Test("example exports, compiles with -Werror, runs and prints the transcript's calls", arguments: Examples.all)
    func exportsAndMatches(_ name: String) throws {
        var flags: [String]? = nil
        if Examples.needsNamespace(name) {
            guard case .available(let f) = PrivateNetwork.probe else {
                print("SKIPPED: examples/\(name): cannot create a network namespace")
                return
            }
            flags = f
        }
        let base = String(name.dropLast(".transcript".count))
        let dir = try makeTempDirectory("export")
        defer { removeTempDirectory(dir, files: [base + ".c", base]) }
        let path = Examples.directory + "/" + name
        if Examples.needsLab(name) {
            try labLesson(name, path: path, base: base, dir: dir)
            return
        }
        let (export, compile, run) = try exportCompileRun(path, name: base, dir: dir, unshare: flags)
        #expect(export.status == 0, "--export-c examples/\(name): \(export.summary)")
        #expect(!export.stderr.contains("left out"), "examples/\(name) left something out: \(export.stderr)")
        guard let compile else { return }
        #expect(compile.status == 0, "cc examples/\(name).c: \(compile.summary)")
        guard let run else { return }
        #expect(run.status == 0, "the program of examples/\(name) met another outcome: \(run.summary)")
        let expected = expectedCallLines(try readTextFile(path))
        let actual = callLines(run.stdout.split(separator: "\n").map(String.init))
        #expect(expected.count > 0)
        let difference = firstCallDifference(expected: expected, actual: actual)
        #expect(difference == nil, "examples/\(name): \(difference ?? "")\n\(run.stdout)")
    }
}

extension ExportCExamplesTests {
    /// A lab lesson exports in its lab (made by --export-c from the header) and compiles with -Werror; it is not
    /// run, since it needs two hosts. Its lab steps are comments to do by hand; its calls are plain calls.
    func labLesson(_ name: String, path: String, base: String, dir: String) throws {
        let (export, compile, _) = try exportCompileRun(path, name: base, dir: dir, unshare: nil, run: false)
        #expect(export.status == 0, "--export-c examples/\(name): \(export.summary)")
        #expect(!export.stderr.contains("left out"), "examples/\(name) left something out: \(export.stderr)")
        #expect(compile?.status == 0, "cc examples/\(name).c: \(compile?.summary ?? "")")
        let text = try readTextFile(dir + "/" + base + ".c")
        let transcript = try readTextFile(path)
        #expect(text.contains("The session ran in sockshell's lab (sockshell --lab"), "examples/\(name).c")
        #expect(text.contains("This program needs two hosts"))
        // Run where no lab address exists (a private namespace with only lo, so nothing could leave even if the
        // guard failed): it must stop before its first call, as it would on a machine with a real network.
        if compile?.status == 0, case .available(let flags) = PrivateNetwork.probe {
            let script = PrivateNetwork.setup + " && exec \"$0\""
            let run = try runSubprocess("unshare", flags + ["sh", "-c", script, dir + "/" + base], timeout: 30)
            #expect(run.status == 2 && run.stdout.isEmpty && run.stderr.contains("made in sockshell's lab"),
                    "examples/\(name): outside the lab the program must stop at once: \(run.summary)")
        }
        let steps = labSteps(transcript)
        #expect(!steps.isEmpty)
        for step in steps {
            #expect(text.contains("BY HAND: `\(step)`"), "examples/\(name).c: no by-hand comment for `\(step)`")
        }
        let byHand = text.split(separator: "\n").filter { $0.contains("BY HAND: `") }.count
        #expect(byHand == steps.count, "examples/\(name).c: only lab steps are done by hand")
        // Every call line of the lesson is a call of the program: as many calls as the transcript shows.
        let calls = expectedCallLines(transcript).count
        #expect(export.stderr.contains(": \(calls) call"), "examples/\(name): \(calls) calls, \(export.stderr)")
    }
}

@Suite("C export: the wire view's output is not compared")
struct ExportCWireTests {
    @Test("the wire view's output is not compared: packet lines and what `wire` prints are skipped")
    func wireSkipped() {
        let transcript = "> socket tcp as s\ns = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3\n> wire ladder\n"
            + "a                b\n|---- SYN ---->|\n> sleep 0\nnanosleep({tv_sec=0, tv_nsec=0}, NULL) = 0\n"
            + "  ~ 127.0.0.1.1 > 127.0.0.1.2: Flags [S]\n"
        #expect(expectedCallLines(transcript) == [
            "s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3", "nanosleep({tv_sec=0, tv_nsec=0}, NULL) = 0",
        ])
    }
}

@Suite("C export of sessions that did not all run", .serialized)
struct ExportCLeftOutTests {
    /// Exports a script; returns the export's result, the C text, and the compile's result.
    func export(_ script: String) throws -> (ProcessResult, String, ProcessResult) {
        let dir = try makeTempDirectory("leftout")
        defer { removeTempDirectory(dir, files: ["s.txt", "s.c", "s"]) }
        try writeTextFile(dir + "/s.txt", script)
        let export = try runSockshell(["--export-c", dir + "/s.c", dir + "/s.txt"])
        let text = (try? readTextFile(dir + "/s.c")) ?? ""
        let compile = try runSubprocess("cc", ["-std=c11", "-Wall", "-Wextra", "-Werror", "-o", dir + "/s",
                                               dir + "/s.c"], timeout: 120)
        return (export, text, compile)
    }

    @Test("an unknown option: the calls before it are exported, the rest is said to be left out")
    func unknownOption() throws {
        let (export, text, compile) = try export("""
            socket tcp as a
            setopt SO_REUSEADDR on
            setopt SO_NOSUCH 1
            bind 127.0.0.1:0
            """)
        #expect(export.status == 0, "\(export.summary)")
        #expect(export.stderr.contains("left out: `setopt SO_NOSUCH 1`: not run (input error: unknown option"))
        #expect(export.stderr.contains("line 4 `bind 127.0.0.1:0`: not run"))
        #expect(text.contains("setsockopt(a, SOL_SOCKET, SO_REUSEADDR, &val, sizeof val)"))
        #expect(!text.contains("bind(a"), "nothing after the input error may be in the program")
        #expect(text.contains("LEFT OUT: `setopt SO_NOSUCH 1`"))
        #expect(text.contains(" * Left out (not in this program):"))
        #expect(compile.status == 0, "\(compile.summary)")
    }

    @Test("a closed handle: what ran is exported, the command on the closed socket is left out")
    func closedHandle() throws {
        let (export, text, compile) = try export("""
            socket udp as u
            close
            @u send hi
            """)
        #expect(export.status == 0)
        #expect(export.stderr.contains("left out: `@u send hi`: not run (input error: no socket named 'u'"))
        #expect(text.contains("ret = close(u);"))
        #expect(!text.contains("send(u"))
        #expect(compile.status == 0, "\(compile.summary)")
    }

    @Test("a lab step, a command with no call of its own, becomes a comment to do it by hand")
    func byHandHook() throws {
        // `sleep 0` makes a call; `use` only shows state. Neither is a by-hand step: nothing is left out.
        let (export, text, _) = try export("socket tcp as t\nuse t\nsleep 0\n")
        #expect(export.status == 0)
        #expect(!text.contains("BY HAND"))
        #expect(!export.stderr.contains("left out"))
        #expect(text.contains("ret = nanosleep(&ts, NULL);"))
    }
}

@Suite("C export of scripts outside examples/", .serialized)
struct ExportCHeldOutTests {
    /// Scripts that are no lesson: odd data (%, trigraphs, quotes, binary), every kind of getsockopt value, a
    /// refused connect to a handle, AF_UNIX autobind used as an address, IPv6, MSG_TRUNC, a datagram to a
    /// handle, poll, sleep, source and sink.
    static let scripts: [String] = [
        """
        # refused, then connected; odd data both ways
        socket tcp as a
        bind 127.0.0.1:0
        socket tcp as b
        connect a
        getopt SO_ERROR
        socket tcp as srv
        setopt SO_REUSEADDR on
        bind 127.0.0.1:0
        listen 4
        socket tcp as c
        setopt TCP_NODELAY on
        connect srv
        @srv accept as d
        send "100% ??= \\\\ \\"q\\" {port} 50%d"
        send hex 00 01 ff 7f 80
        @d recv 64
        @d nonblock on
        @d recv
        @d getopt SO_TYPE
        @d getopt TCP_INFO
        @d getopt SO_RCVTIMEO
        @d getopt TCP_CONGESTION
        @d getopt SO_LINGER
        setopt SO_SNDTIMEO 1500ms
        setopt TCP_CONGESTION reno
        setopt IP_TOS 0x10
        getopt IP_TOS
        shutdown wr
        @d recv
        @d shutdown rdwr
        poll
        """,
        """
        # datagrams: an autobound AF_UNIX name, IPv6, MSG_TRUNC, a timeout on an empty socket
        socket unix dgram as u1
        bind unix:
        socket unix dgram as u2
        sendto u1 hello
        @u1 recv
        socket udp 6 as v6
        setopt IPV6_V6ONLY off
        bind [::1]:0
        socket udp 6 as w6
        sendto v6 "six"
        @v6 recv 3 trunc
        @v6 recv 100 dontwait
        setopt SO_RCVTIMEO 100ms
        recv
        sleep 10ms
        """,
        """
        # bulk: a source and a sink, then EOF
        socket tcp as srv
        bind 127.0.0.1:0
        listen
        socket tcp as big
        connect srv
        @srv accept as e
        @big source 300K 64K
        @big close
        @e sink
        @e recv
        """,
        """
        # recvmsg and sendmsg with control messages, an error queue, select, atmark, sockets
        socket udp as rx
        bind 127.0.0.1:0
        setopt IP_PKTINFO on
        setopt IP_RECVTTL on
        socket udp as tx
        sendmsg rx ttl 7 hello
        @rx recvmsg MSG_PEEK
        @rx recvmsg 64 Trunc
        @tx sendmsg rx from 127.0.0.1 "again"
        @rx recvmsg dontwait
        @rx recvmsg msg_dontwait
        @rx atmark
        select
        socket udp as gone
        bind 127.0.0.1:0
        socket udp as e
        setopt IP_RECVERR on
        connect gone
        @gone close
        @e send x
        sleep 50ms
        @e recvmsg errqueue
        sockets udp 4
        @e select 10ms
        socket tcp as srv
        bind 127.0.0.1:0
        listen
        socket tcp as c
        connect srv
        @srv accept as d
        @c send oob "!"
        @d atmark
        @d recvmsg 16
        """,
        """
        # sendmsg over IPv6 with a source and a hop limit; recvmsg of IPV6_PKTINFO, IPV6_HOPLIMIT; AF_UNIX
        socket udp 6 as v
        bind [::1]:0
        setopt IPV6_RECVPKTINFO on
        setopt IPV6_RECVHOPLIMIT on
        socket udp 6 as w
        sendmsg v from ::1 ttl 4 six
        @v recvmsg
        socket unix dgram as u
        bind unix:
        socket unix dgram as u2
        sendmsg u hex 00 01 02
        @u recvmsg 2
        @u2 connect u
        @u2 sendmsg dontwait again
        @u recvmsg
        """,
        """
        # UDP: a burst into a small buffer, SO_MEMINFO before and after datagram sinks (each ends after an idle
        # second), a datagram source; the counts are the kernel's, wildcards in the recording
        socket udp as r
        setopt SO_RCVBUF 2K
        bind 127.0.0.1:0
        socket udp as s
        connect r
        source 20000 1000
        @r getopt SO_MEMINFO
        @r sink 3000
        @r sink
        @r getopt SO_MEMINFO
        @s getopt SO_MEMINFO
        """,
    ]

    @Test("a call the session's --timeout cut short is cut short in the program by an alarm")
    func timedOut() throws {
        let dir = try makeTempDirectory("timeout")
        defer { removeTempDirectory(dir, files: ["s.txt", "s.c", "s"]) }
        try writeTextFile(dir + "/s.txt", "socket tcp as l\nbind 127.0.0.1:0\nlisten\naccept\nclose\n")
        let export = try runSockshell(["--timeout", "1s", "--export-c", dir + "/s.c", dir + "/s.txt"])
        #expect(export.status == 0, "\(export.summary)")
        let text = try readTextFile(dir + "/s.c")
        #expect(text.contains("alarm(1);"))
        let compile = try runSubprocess("cc", ["-std=c11", "-Wall", "-Wextra", "-Werror", "-o", dir + "/s",
                                               dir + "/s.c"], timeout: 120)
        #expect(compile.status == 0, "\(compile.summary)")
        let run = try runSubprocess(dir + "/s", [], timeout: 30)
        #expect(run.status == 0, "\(run.summary)")
        #expect(run.stdout.contains("accept(3, 0x..., [128]) = ? <timed out after 1s>\nclose(3) = 0"))
    }

    @Test("a script exports, compiles, runs and prints the calls its recorded session printed",
          arguments: Array(scripts.indices))
    func heldOut(_ index: Int) throws {
        let dir = try makeTempDirectory("heldout")
        defer { removeTempDirectory(dir, files: ["s.txt", "s.transcript", "s.c", "s"]) }
        try writeTextFile(dir + "/s.txt", Self.scripts[index] + "\n")
        let recorded = try runSockshell(["--record", dir + "/s.transcript", dir + "/s.txt"])
        #expect(recorded.status == 0, "\(recorded.summary)")
        let (export, compile, run) = try exportCompileRun(dir + "/s.txt", name: "s", dir: dir, unshare: nil)
        #expect(export.status == 0 && !export.stderr.contains("left out"), "\(export.summary)")
        #expect(compile?.status == 0, "\(compile?.summary ?? "")")
        guard let run else { return }
        #expect(run.status == 0, "\(run.summary)")
        let expected = expectedCallLines(try readTextFile(dir + "/s.transcript"))
        let actual = callLines(run.stdout.split(separator: "\n").map(String.init))
        let difference = firstCallDifference(expected: expected, actual: actual)
        #expect(difference == nil, "script \(index): \(difference ?? "")\n\(run.stdout)")
    }
}
