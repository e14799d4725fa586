// `# needs: netns`: sockshell itself runs such a file in a private network namespace when started in the host's
// (SPEC §6), as root or through an unprivileged user namespace, and refuses it when it cannot make one.
//
// Safety of the tests themselves: the probe they run is harmless anywhere (one UDP socket on 127.0.0.1, then the
// namespace's socket table read through sock_diag), and it tells a private namespace (one socket in it) from the
// host's (many). Multicast and broadcast lessons are replayed from the host's namespace only after the probe showed
// that the header is honoured.

import Testing

#if canImport(Glibc)
import Glibc
#endif

enum NetnsProbe {
    /// A transcript that replays green only in a fresh namespace: the socket table holds our one socket.
    static let transcript = """
        # needs: netns
        # A probe: green only where this session's socket is the namespace's only UDP socket.
        > socket udp as probe
        probe = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 3
        > bind 127.0.0.1:0
        bind(3, {AF_INET, 127.0.0.1:0}, 16) = 0
          local address 127.0.0.1:{port}
        > sockets udp
        socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_SOCK_DIAG) = 4
        sendmsg(4, {nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, \
        {sdiag_family=AF_INET, sdiag_protocol=IPPROTO_UDP, idiag_states=~0}}, 0) = 72
        sendmsg(4, {nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, \
        {sdiag_family=AF_INET6, sdiag_protocol=IPPROTO_UDP, idiag_states=~0}}, 0) = 72
          HANDLE PROTO STATE  RECV-Q SEND-Q LOCAL           PEER TIMER
          probe  udp   UNCONN 0      0      127.0.0.1:{port} -    -
          1 socket matching udp

        """

    /// Holds a UDP socket on 127.0.0.1 in the test process's namespace for `body`, so that namespace never has
    /// only the probe's socket (then the probe cannot pass there by chance).
    static func withHostSocket<T>(_ body: () throws -> T) rethrows -> T {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        defer { close(fd) }
        return try body()
    }

    /// The same without the header.
    static var unmarked: String { transcript.split(separator: "\n", omittingEmptySubsequences: false)
        .dropFirst().joined(separator: "\n") }

    /// The interfaces of the test process's network namespace (/proc/self/net/dev).
    static var interfaces: [String] {
        guard let text = try? readTextFile("/proc/self/net/dev") else { return [] }
        return text.split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: ":").first.map { String($0.drop { $0 == " " }) }
        }
    }

    /// The tests run in the host's namespace (an interface besides lo): what the header is for.
    static var onHostNetwork: Bool { interfaces.contains { $0 != "lo" } }

    /// Writes the probe (and whatever else) into a fresh directory others may read (the non-root runs).
    static func write(_ files: [String: String]) throws -> String {
        let dir = try makeTemporaryDirectory("sockshell-netns-header")
        chmod(dir, 0o755)
        for (name, text) in files {
            try writeTextFile(dir + "/" + name, text)
            chmod(dir + "/" + name, 0o644)
        }
        return dir
    }
}

@Suite("Lessons marked # needs: netns run in a private namespace sockshell makes", .serialized)
struct PrivateNamespaceHeaderTests {
    @Test("from the host's namespace, a marked file replays green: it ran in a namespace of its own")
    func markedFileRunsPrivately() throws {
        let dir = try NetnsProbe.write(["probe.transcript": NetnsProbe.transcript])
        defer { removeTree(dir) }
        let result = try NetnsProbe.withHostSocket { try sockshellCheck(dir + "/probe.transcript") }
        if case .unavailable(let why) = PrivateNetwork.probe {
            // No namespace can be made here: the file must be refused, not run on the host's network.
            #expect(result.status == 2, "\(result.summary)")
            #expect(result.stderr.contains("Not run"), "\(result.summary)")
            print("SKIPPED (refusal checked instead): no private network namespace here: \(why)")
            return
        }
        #expect(result.status == 0, "\(result.summary)")
        #expect(result.stderr.isEmpty, "nothing extra on success: \(result.summary)")
        #expect(result.stdout.hasSuffix("checked 1 file, 3 commands: 0 mismatches\n"), "\(result.summary)")
        // The same as a script (`sockshell FILE`): the socket table shows the one socket.
        let script = try NetnsProbe.withHostSocket { try runSockshell([dir + "/probe.transcript"]) }
        #expect(script.status == 0, "\(script.summary)")
        #expect(script.stdout.hasSuffix("\n  1 socket matching udp\n"), "\(script.summary)")
    }

    @Test("without the header the probe fails on the host's network (so the test above would fail if ignored)")
    func unmarkedProbeFailsOnHost() throws {
        guard NetnsProbe.onHostNetwork else {
            print("SKIPPED: the tests run in a namespace with only lo, not on a host network")
            return
        }
        let dir = try NetnsProbe.write(["unmarked.transcript": NetnsProbe.unmarked])
        defer { removeTree(dir) }
        let result = try NetnsProbe.withHostSocket { try sockshellCheck(dir + "/unmarked.transcript") }
        #expect(result.status == 1, "the host's socket table should not match: \(result.summary)")
    }

    @Test("several files, marked and not, in one --check: each in the namespace it needs; lessons replay")
    func mixedCheckFromHost() throws {
        guard case .available = PrivateNetwork.probe else {
            print("SKIPPED: no private network namespace can be made here")
            return
        }
        let dir = try NetnsProbe.write(["probe.transcript": NetnsProbe.transcript, "unmarked.transcript":
            NetnsProbe.unmarked])
        defer { removeTree(dir) }
        // Only once the probe shows the header honoured do multicast and broadcast lessons run from here.
        let probe = try sockshellCheck(dir + "/probe.transcript")
        try #require(probe.status == 0, "the header is not honoured; not replaying multicast: \(probe.summary)")
        let lessons = ["multicast", "broadcast", "shutdown", "peek"].map { Examples.directory + "/\($0).transcript" }
        var files = [dir + "/probe.transcript"] + lessons + [dir + "/probe.transcript"]
        // As root the files without the header run on the host's network: the unmarked probe then fails there.
        // (Without root the whole run is in a user namespace, as in the lab.)
        let hostAfter = NetnsProbe.onHostNetwork && geteuid() == 0
        if hostAfter { files.append(dir + "/unmarked.transcript") }
        let binary = try sockshellBinary()
        let result = try NetnsProbe.withHostSocket { try runSubprocess(binary, ["--check"] + files, timeout: 90) }
        for lesson in lessons {
            #expect(result.stdout.contains(lesson + ": "), "\(result.summary)")
            #expect(!result.stdout.contains("--- " + lesson + "\n"),
                    "\(lesson) should replay green: \(result.summary)")
        }
        let probeLines = result.stdout.split(separator: "\n").filter { $0.hasPrefix(dir + "/probe.transcript: ") }
        #expect(probeLines == [Substring(dir + "/probe.transcript: 3 commands, ok")]
            + [Substring(dir + "/probe.transcript: 3 commands, ok")], "\(result.summary)")
        #expect(result.status == (hostAfter ? 1 : 0), "\(result.summary)")
        if hostAfter {
            #expect(result.stdout.contains(dir + "/unmarked.transcript: 3 commands, "), "\(result.summary)")
            #expect(!result.stdout.contains(dir + "/unmarked.transcript: 3 commands, ok"), "\(result.summary)")
        }
    }

    @Test("without root, through an unprivileged user namespace")
    func withoutRoot() throws {
        guard geteuid() == 0, access("/usr/bin/setpriv", X_OK) == 0 else {
            print("SKIPPED: needs root (to become nobody) and setpriv")
            return
        }
        let dir = try NetnsProbe.write(["probe.transcript": NetnsProbe.transcript])
        defer { removeTree(dir) }
        let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups"]
        let binary = try sockshellBinary()
        guard try runSubprocess("setpriv", nobody + [binary, "--version"], timeout: 30).status == 0 else {
            print("SKIPPED: nobody cannot run \(binary)")
            return
        }
        let userns = try runSubprocess("setpriv", nobody + ["unshare", "-U", "-r", "-n", "true"], timeout: 30)
        let result = try runSubprocess("setpriv", nobody + [binary, "--check", dir + "/probe.transcript"], timeout: 60)
        if userns.status != 0 {
            #expect(result.status == 2, "no user namespaces here: the file must be refused: \(result.summary)")
            #expect(result.stderr.contains("Not run"), "\(result.summary)")
            return
        }
        #expect(result.status == 0, "\(result.summary)")
        #expect(result.stderr.isEmpty, "\(result.summary)")
    }

    @Test("where no namespace can be made, the file is refused with exit 2 and nothing of it runs")
    func refusedWithoutNamespaces() throws {
        let dir = try NetnsProbe.write(["probe.transcript": NetnsProbe.transcript])
        defer { removeTree(dir) }
        // A user namespace whose limit of nested user namespaces is 0, and a shell without capabilities in it:
        // neither unshare(CLONE_NEWNET) nor a user namespace is possible, as on a locked-down machine. The network
        // namespace is still the host's: were the file run, the probe would be the only thing it ran.
        let script = "echo 0 > /proc/sys/user/max_user_namespaces && exec setpriv --bounding-set=-all "
            + "--inh-caps=-all \"$0\" --check \"$1\""
        let binary = try sockshellBinary()
        let setup = try runSubprocess(
            "unshare", ["-U", "-r", "sh", "-c", "echo 0 > /proc/sys/user/max_user_namespaces"], timeout: 30)
        guard setup.status == 0, access("/usr/bin/setpriv", X_OK) == 0 else {
            print("SKIPPED: cannot make a user namespace without nested ones here: \(setup.summary)")
            return
        }
        let result = try runSubprocess("unshare", ["-U", "-r", "sh", "-c", script, binary, dir + "/probe.transcript"],
                                       timeout: 30)
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains(dir + "/probe.transcript (# needs: netns) needs root or unprivileged user "
            + "namespaces"), "\(result.summary)")
        #expect(result.stderr.contains("Not run: it must not run on the host's network."), "\(result.summary)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.summary)")
        #expect(!result.stdout.contains("socket("), "nothing may run: \(result.summary)")
        // As a script too.
        let asScript = "echo 0 > /proc/sys/user/max_user_namespaces && exec setpriv --bounding-set=-all "
            + "--inh-caps=-all \"$0\" \"$1\""
        let direct = try runSubprocess(
            "unshare", ["-U", "-r", "sh", "-c", asScript, binary, dir + "/probe.transcript"], timeout: 30)
        #expect(direct.status == 2, "\(direct.summary)")
        #expect(direct.stdout.isEmpty, "nothing may run: \(direct.summary)")
    }
}
