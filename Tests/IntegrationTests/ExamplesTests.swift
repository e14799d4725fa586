// The lessons in examples/ are also tests: each must replay green with `sockshell --check`.
// Lessons that send multicast or broadcast (first line `# needs: netns`) replay only inside a
// private network namespace made here, set up exactly as SPEC section 6 says, so nothing can
// leave the machine. The suite also checks the transcript machinery end to end: a freshly
// recorded session replays, a changed expectation fails with a diff, and a bad command stops.

import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The example transcripts, found in the package's examples/ directory when the tests start.
enum Examples {
    /// The package root, three levels above this file (Tests/IntegrationTests/ExamplesTests.swift).
    static let packageRoot: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static let directory = packageRoot + "/examples"

    /// Every examples/*.transcript, sorted by name.
    static let all: [String] = {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".transcript") { names.append(name) }
        }
        return names.sorted()
    }()

    /// The marker a lesson carries when it must run in a private network namespace: a comment line before its
    /// first command (by custom its first line), read as sockshell reads it (PrivateNamespace.isNeeded).
    static let netnsMarker = "# needs: netns"

    static func needsNamespace(_ name: String) -> Bool {
        let text = (try? readTextFile(directory + "/" + name)) ?? ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingBlanks
            if line.isEmpty { continue }
            guard line.hasPrefix("#") else { return false }
            if line.dropFirst().trimmingBlanks == "needs: netns" { return true }
        }
        return false
    }

    /// The commands of a lesson (the text after `> `).
    static func commands(_ name: String) -> [Substring] {
        let text = (try? readTextFile(directory + "/" + name)) ?? ""
        return text.split(separator: "\n").filter { $0.hasPrefix("> ") }.map { $0.dropFirst(2) }
    }

    /// Why a command must not run on the host's network, or nil: it turns the wire on (which captures whatever the
    /// namespace's lo carries), joins a group, or names a multicast or broadcast address (IPv4 224-239.x.x.x,
    /// x.x.x.255 or 255.255.255.255; IPv6 ff00::/8).
    static func hostUnsafe(_ command: Substring) -> String? {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" })
        var rest = words[...]
        if let first = rest.first, first.hasPrefix("@") { rest = rest.dropFirst() }
        if rest.first == "wire", rest.dropFirst().first == "on" { return "turns the wire on" }
        if rest.first == "join" { return "joins a multicast group" }
        for word in rest {
            var host = word
            if host.hasPrefix("[") { host = host.dropFirst().prefix { $0 != "]" } }
            if host.lowercased().hasPrefix("ff"), host.contains(":") { return "names IPv6 multicast \(word)" }
            let v4 = host.split(separator: ":").first ?? host
            let octets = v4.split(separator: ".", omittingEmptySubsequences: false).compactMap { Int($0) }
            guard octets.count == 4 else { continue }
            if (224...239).contains(octets[0]) { return "sends to the multicast address \(word)" }
            if octets[3] == 255 { return "sends to the broadcast address \(word)" }
        }
        return nil
    }

    /// Lessons recorded in the lab (`# lab: --lab` in their header) replay in LabTests.
    static func needsLab(_ name: String) -> Bool {
        let text = (try? readTextFile(directory + "/" + name)) ?? ""
        return text.split(separator: "\n", maxSplits: 1).first?.hasPrefix("# lab: ") == true
    }

    static let onLoopback = all.filter { !needsNamespace($0) && !needsLab($0) }
    static let inNamespace = all.filter { needsNamespace($0) }

    /// The topics SPEC section 5 asks a lesson for, by file name.
    static let requiredTopics = [
        "keepalive", "linger", "shutdown", "buffers", "reuseaddr", "oob", "lowat", "broadcast", "nodelay",
        "maxseg", "multicast", "peek", "waitall",
    ]
}

/// Whether this machine lets the tests make a private network namespace, and with which flags.
enum PrivateNetwork: Sendable {
    case available(unshareFlags: [String])
    case unavailable(why: String)

    /// The set-up of SPEC section 6, word for word.
    static let setup = "ip link set lo up && ip link set lo multicast on && "
        + "ip route add 224.0.0.0/4 dev lo src 127.0.0.1"

    /// Tried once: `unshare -n` (root), then `unshare -U -r -n` (unprivileged user namespaces).
    static let probe: PrivateNetwork = {
        var reasons: [String] = []
        for flags in [["-n"], ["-U", "-r", "-n"]] {
            do {
                let result = try runSubprocess("unshare", flags + ["sh", "-c", setup], timeout: 30)
                if result.status == 0 { return .available(unshareFlags: flags) }
                let said = result.stderr.split(separator: "\n").first.map(String.init) ?? "status \(result.status)"
                reasons.append("unshare \(flags.joined(separator: " ")): \(said)")
            } catch {
                reasons.append("unshare \(flags.joined(separator: " ")): \(error)")
            }
        }
        return .unavailable(why: reasons.joined(separator: "; "))
    }()
}

/// `sockshell --check FILE`, bounded to 60 s.
func sockshellCheck(_ path: String) throws -> ProcessResult {
    try runSubprocess(try sockshellBinary(), ["--check", path], timeout: 60)
}

@Suite("Examples replay on loopback", .serialized)
struct LoopbackExamplesTests {
    // Serialized: some lessons depend on timing (a 200 ms cork, a 2 s linger, a 3.5 s keepalive
    // wait), and a 2-core machine running them all at once could miss those windows.
    @Test("example replays green", arguments: Examples.onLoopback)
    func replays(_ name: String) throws {
        let result = try sockshellCheck(Examples.directory + "/" + name)
        #expect(result.status == 0, "sockshell --check examples/\(name): \(result.summary)")
    }

    @Test("every topic of SPEC section 5 has its lesson")
    func topicsCovered() {
        for topic in Examples.requiredTopics {
            #expect(Examples.all.contains(topic + ".transcript"), "missing examples/\(topic).transcript")
        }
    }

    @Test("the multicast and broadcast lessons are marked to run in a namespace")
    func namespaceLessonsMarked() {
        for name in ["multicast.transcript", "broadcast.transcript"] where Examples.all.contains(name) {
            #expect(Examples.inNamespace.contains(name), "examples/\(name) must start with '\(Examples.netnsMarker)'")
        }
    }

    @Test("every lesson that sends multicast or broadcast, or turns the wire on, carries '# needs: netns'")
    func hostUnsafeLessonsMarked() {
        for name in Examples.all where !Examples.needsLab(name) && !Examples.needsNamespace(name) {
            for command in Examples.commands(name) {
                if let why = Examples.hostUnsafe(command) {
                    let text = "examples/\(name): `\(command)` \(why): the lesson must start with "
                        + "'\(Examples.netnsMarker)' so that sockshell runs it in a private network namespace"
                    Issue.record(Comment(rawValue: text))
                }
            }
        }
    }

    @Test("the detector of host-unsafe commands finds what it must")
    func hostUnsafeDetector() {
        for unsafe in ["wire on", "@rx join 239.1.2.3 lo", "sendto 239.1.2.3:5000 hi", "sendto 127.255.255.255:5000 x",
                       "@tx sendto 255.255.255.255:9 x", "sendto [ff02::1]:5000 x", "connect 224.0.0.1:9"] {
            #expect(Examples.hostUnsafe(unsafe[...]) != nil, "\(unsafe)")
        }
        for safe in ["wire off", "sendto 127.0.0.1:5000 x", "bind :5000", "send 255", "connect [::1]:80",
                     "setopt IP_MULTICAST_TTL 255"] {
            #expect(Examples.hostUnsafe(safe[...]) == nil, "\(safe)")
        }
    }
}

@Suite("Examples replay in a private network namespace", .serialized)
struct NamespaceExamplesTests {
    @Test("example replays green in a private network namespace", arguments: Examples.inNamespace)
    func replaysInNamespace(_ name: String) throws {
        guard case .available(let flags) = PrivateNetwork.probe else {
            if case .unavailable(let why) = PrivateNetwork.probe {
                print("SKIPPED: examples/\(name): cannot create a network namespace: \(why)")
            }
            return
        }
        let binary = try sockshellBinary()
        let path = Examples.directory + "/" + name
        // "$0" and "$1" keep the paths out of the shell's word splitting.
        let script = PrivateNetwork.setup + " && exec \"$0\" --check \"$1\""
        let result = try runSubprocess("unshare", flags + ["sh", "-c", script, binary, path], timeout: 60)
        let command = "unshare \(flags.joined(separator: " ")) sh -c '...' --check examples/\(name)"
        #expect(result.status == 0, "\(command): \(result.summary)")
    }
}

@Suite("Transcripts end to end")
struct TranscriptRoundTripTests {
    @Test("a recorded session replays green three times in a row")
    func recordAndReplay() throws {
        let binary = try sockshellBinary()
        let dir = try makeTemporaryDirectory("sockshell-record")
        defer { removeTree(dir) }
        let script = """
            socket tcp as srv
            bind 127.0.0.1:0
            listen
            socket tcp as cli
            connect srv
            @srv accept as conn
            send hello, transcript
            @conn recv peek
            @conn recv
            getopt TCP_INFO
            """
        try writeTextFile(dir + "/session.txt", script + "\n")
        let transcript = dir + "/session.transcript"
        let recorded = try runSubprocess(binary, ["--record", transcript, dir + "/session.txt"], timeout: 60)
        try #require(recorded.status == 0, "recording: \(recorded.summary)")
        let text = try readTextFile(transcript)
        #expect(text.contains("> getopt TCP_INFO"))
        #expect(text.contains("{port}"), "the kernel-chosen ports should be written as wildcards:\n\(text)")
        for run in 1...3 {
            let replay = try sockshellCheck(transcript)
            #expect(replay.status == 0, "replay \(run) of the recorded session: \(replay.summary)\n\(text)")
        }
    }

    @Test("one changed expected value fails with exit 1 and a diff naming the file and line")
    func changedValueFails() throws {
        let source = Examples.onLoopback.contains("peek.transcript") ? "peek.transcript" : Examples.onLoopback.first
        let name = try #require(source, "no example to copy")
        var lines = try readTextFile(Examples.directory + "/" + name)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The first expected line that ends in a literal digit (`... = 3`): change that digit.
        let index = try #require(lines.indices.first { k in
            let line = lines[k]
            return !line.hasPrefix(">") && !line.hasPrefix("#") && !line.contains("{")
                && (line.last?.isNumber ?? false)
        }, "no literal value to change in examples/\(name)")
        let original = lines[index]
        let changed = String(original.dropLast()) + (original.last == "7" ? "8" : "7")
        lines[index] = changed

        let dir = try makeTemporaryDirectory("sockshell-mismatch")
        defer { removeTree(dir) }
        let copy = dir + "/changed.transcript"
        try writeTextFile(copy, lines.joined(separator: "\n"))
        let result = try sockshellCheck(copy)
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.stdout.contains("--- " + copy), "the diff should name the file: \(result.summary)")
        let report = result.summary
        #expect(result.stdout.contains("\n-" + changed + "\n"), "the diff should show the expected line: \(report)")
        #expect(result.stdout.contains("\n+" + original + "\n"), "the diff should show the actual line: \(report)")
        #expect(result.stdout.contains("line \(index + 1)"), "the report should give line \(index + 1): \(report)")
    }

    @Test("a transcript with an unknown command stops with exit 2")
    func badCommandStops() throws {
        let dir = try makeTemporaryDirectory("sockshell-bad")
        defer { removeTree(dir) }
        let path = dir + "/bad.transcript"
        try writeTextFile(path, """
            # a lesson with a typo in its third line
            > socket tcp
            s1 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3
            > frobnicate now
            > getopt SO_TYPE
            getsockopt(3, SOL_SOCKET, SO_TYPE, [SOCK_STREAM], [4]) = 0

            """)
        let result = try sockshellCheck(path)
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("\(path):4: error:"), "stderr should name the file and line: \(result.summary)")
        #expect(!result.stdout.contains("getsockopt"), "nothing after the bad command should run: \(result.summary)")
    }
}

extension Substring {
    /// Without leading and trailing blanks (spaces, tabs, a CR).
    var trimmingBlanks: Substring {
        var s = drop { $0 == " " || $0 == "\t" }
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return s
    }
}
