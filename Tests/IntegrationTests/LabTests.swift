// The lab (SPEC §7): its lessons replay green, it works without root, and nothing of it outlives the shell,
// however the shell ends. Serialized: every test makes a lab of its own, and the lessons depend on timers.

import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The lessons recorded in a lab (their header names it: `# lab: --lab`).
enum LabLessons {
    static func shape(_ name: String) -> String? {
        let text = (try? readTextFile(Examples.directory + "/" + name)) ?? ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix(">") { return nil }
            if line.hasPrefix("# lab: ") { return String(line.dropFirst(7)) }
        }
        return nil
    }

    static let all = Examples.all.filter { shape($0) != nil }
}

/// What the kernel holds for a process: the network namespaces it refers to (by inode), its children.
enum LabTrace {
    /// The inodes of the network namespaces `pid` has open as fds (`net:[4026532...]`).
    static func namespaces(of pid: pid_t) -> Set<String> {
        var found: Set<String> = []
        let dir = "/proc/\(pid)/fd"
        guard let d = opendir(dir) else { return found }
        defer { closedir(d) }
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let target = link(dir + "/" + name), target.hasPrefix("net:[") { found.insert(target) }
        }
        return found
    }

    static func link(_ path: String) -> String? {
        var buf = [CChar](repeating: 0, count: 256)
        let n = readlink(path, &buf, 255)
        guard n > 0 else { return nil }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Every `net:[...]` any process refers to (its namespace, or an open fd), and every nsfs mount.
    static func everyReference() -> Set<String> {
        var found: Set<String> = []
        guard let d = opendir("/proc") else { return found }
        defer { closedir(d) }
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let pid = pid_t(name) else { continue }
            if let ns = link("/proc/\(pid)/ns/net") { found.insert(ns) }
            found.formUnion(namespaces(of: pid))
        }
        if let mounts = try? readTextFile("/proc/self/mountinfo") {
            for line in mounts.split(separator: "\n") where line.contains(" nsfs ") {
                for word in line.split(separator: " ") where word.hasPrefix("net:[") { found.insert(String(word)) }
            }
        }
        return found
    }

    /// Processes whose parent is `pid` (`ip` or `tc` left running).
    static func children(of pid: pid_t) -> [String] {
        var found: [String] = []
        guard let d = opendir("/proc") else { return found }
        defer { closedir(d) }
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard pid_t(name) != nil, let stat = try? readTextFile("/proc/\(name)/stat"),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == pid { found.append(name) }
        }
        return found
    }

    static func run(_ command: String, _ args: [String]) -> String {
        (try? runSubprocess(command, args, timeout: 20).stdout) ?? ""
    }

    /// What the machine's own network shows: named namespaces, interfaces, mounts.
    static func machineView() -> [String] {
        [run("/usr/sbin/ip", ["netns", "list"]), run("/usr/sbin/ip", ["-o", "link", "show"]).split(separator: "\n")
            .map { $0.split(separator: " ").prefix(2).joined(separator: " ") }.joined(separator: "\n"),
         (try? readTextFile("/proc/self/mounts")) ?? ""]
    }
}

@Suite("The lab", .serialized)
struct LabTests {
    @Test("every lab lesson replays green three times in a row", arguments: LabLessons.all)
    func lessonReplays(_ name: String) throws {
        for run in 1...3 {
            let result = try sockshellCheck(Examples.directory + "/" + name)
            #expect(result.status == 0, "run \(run): sockshell --check examples/\(name): \(result.summary)")
            if result.status != 0 { break }
        }
    }

    @Test("the lessons SPEC §7 and the issue ask for exist, each marked with its lab")
    func lessonsExist() {
        let wanted = ["lab-keepalive": "--lab", "lab-multicast": "--lab-routed", "lab-multicast6": "--lab",
                      "lab-dontroute": "--lab-routed", "lab-syncnt": "--lab", "lab-linger": "--lab",
                      "lab-usertimeout": "--lab"]
        for (name, shape) in wanted {
            #expect(LabLessons.shape(name + ".transcript") == shape, "examples/\(name).transcript, # lab: \(shape)")
        }
    }

    @Test("hosts talk across the link, a cut link is silent, reboot answers with RST")
    func faults() throws {
        let r = try runSockshell(["--lab", "--timeout", "6s"], input: """
            host b
            socket tcp as srv
            bind b:5000
            listen
            host a
            socket tcp as cli
            setopt TCP_USER_TIMEOUT 1000
            connect b:5000
            @srv accept as conn
            send one
            @conn recv
            link cut b
            send two
            @conn recv dontwait
            link restore
            @conn recv
            reboot b
            list
            send three
            recv
            lab
            """)
        #expect(r.status == 0, "\(r.summary)")
        expectInOrder(r.stdout.split(separator: "\n").map(String.init), [
            "bind(3, {AF_INET, 198.18.0.2:5000}, 16) = 0",
            "connect(4, {AF_INET, 198.18.0.2:5000}, 16) = 0",
            "recv(5, \"one\", 65536, 0) = 3",
            "*link a-b cut*", "*on a: tc qdisc replace dev eth0 root blackhole",
            "recv(5, 0x..., 65536, MSG_DONTWAIT) = -1 EAGAIN*",
            "*link a-b restored*",
            "recv(5, \"two\", 65536, 0) = 3",
            "*host b rebooted: srv, conn vanished*",
            "recv(4, 0x..., 65536, 0) = -1 ECONNRESET*",
            "*a    eth0  198.18.0.1/24*",
        ])
    }

    @Test("names in the routed lab: NAME:PORT, [NAME]:PORT, r seen from each side, handles, interfaces")
    func names() throws {
        let r = try runSockshell(["--lab-routed", "--timeout", "5s"], input: """
            host r
            socket udp as lr
            bind :6000
            join 239.1.2.3 eth1
            host b
            socket udp 6 as b6
            bind [b]:7000
            socket udp
            sendto r:6000 from b
            @lr recv
            host a
            socket udp 6
            sendto b6 to b over IPv6
            @b6 recv
            socket udp
            sendto r:6000 from a
            @lr recv
            """)
        #expect(r.status == 0, "\(r.summary)")
        expectInOrder(r.stdout.split(separator: "\n").map(String.init), [
            "*IP_ADD_MEMBERSHIP*imr_ifindex=12}*= 0",
            "bind(4, {AF_INET6, [fd00:5c:2::1]:7000}, 28) = 0",
            "sendto(5, \"from b\", 6, 0, {AF_INET, 198.18.2.254:6000}, 16) = 6",
            "recvfrom(3, \"from b\"*{AF_INET, 198.18.2.1:*",
            "sendto(6, \"to b over IPv6\"*{AF_INET6, [fd00:5c:2::1]:7000}, 28) = 14",
            "recvfrom(4, \"to b over IPv6\"*[fd00:5c:1::1]*",
            "sendto(7, \"from a\", 6, 0, {AF_INET, 198.18.1.254:6000}, 16) = 6",
        ])
        let bad = try runSockshell(["--lab", "-c", "socket tcp as b"])
        #expect(bad.status == 2 && bad.stderr.contains("lab host"), "\(bad.summary)")
        let v6OnV4 = try runSockshell(["--lab", "-c", "socket tcp; connect [b]:80"])
        #expect(v6OnV4.status == 2 && v6OnV4.stderr.contains("IPv6 address"), "\(v6OnV4.summary)")
        let noHost = try runSockshell(["--lab", "-c", "host r"])
        #expect(noHost.status == 2 && noHost.stderr.contains("hosts are a, b"), "\(noHost.summary)")
    }

    @Test("bind to another host's address says the socket stays on the host it was made on")
    func bindOnTheWrongHost() throws {
        let r = try runSockshell(["--lab", "-c", "socket tcp as cli; host b; bind b:5000; socket tcp; bind b:5000"])
        #expect(r.status == 0, "\(r.summary)")
        expectInOrder(r.stdout.split(separator: "\n").map(String.init), [
            "bind(3, {AF_INET, 198.18.0.2:5000}, 16) = -1 EADDRNOTAVAIL*",
            "*198.18.0.2 is host b's address, and cli lives on host a*`host b` and make a new socket there",
            "bind(4, {AF_INET, 198.18.0.2:5000}, 16) = 0",
        ])
    }

    @Test("link restore names only the links that were cut, and says when none was")
    func restoreOnlyWhatWasCut() throws {
        let r = try runSockshell(["--lab-routed", "-c", "link restore; link cut b; link restore; link restore a"])
        #expect(r.status == 0, "\(r.summary)")
        #expect(r.stdout == """
              link a-r, r-b is not cut: nothing to restore
              link r-b cut: packets on it are dropped silently, both ways; the link stays up
                on r: tc qdisc replace dev eth1 root blackhole
                on b: tc qdisc replace dev eth0 root blackhole
              link r-b restored: packets flow again
                on r: tc qdisc del dev eth1 root
                on b: tc qdisc del dev eth0 root
              link a-r is not cut: nothing to restore

            """, "\(r.summary)")
    }

    @Test("the man page states the addresses and IPv6 prefixes the lab really has")
    func manPageAddresses() throws {
        let man = try readTextFile(Examples.packageRoot + "/man/sockshell.1")
        #expect(!man.contains("fd00:5c::/48"), "fd00:5c:1::/64 and fd00:5c:2::/64 are not inside fd00:5c::/48")
        for shape in ["--lab", "--lab-routed"] {
            let r = try runSockshell([shape, "-c", "lab"])
            #expect(r.status == 0, "\(r.summary)")
            let v6 = r.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter { $0.hasPrefix("fd00:") }
            #expect(!v6.isEmpty, "\(r.summary)")
            for address in v6 {
                #expect(man.contains(address), "man/sockshell.1 lacks \(shape)'s \(address)")
                let prefix = address[..<(address.firstRange(of: "::")?.lowerBound ?? address.endIndex)] + "::/64"
                #expect(man.contains(prefix), "man/sockshell.1 lacks \(shape)'s prefix \(prefix)")
            }
        }
    }

    @Test("a recorded wire ladder names the style it was drawn in, so it replays under another locale")
    func recordedLadderReplaysUnderAnyLocale() throws {
        let dir = try makeTemporaryDirectory("sockshell-lab-ladder")
        defer { removeTree(dir) }
        let binary = try sockshellBinary()
        for (record, replay, style) in [("C", "C.UTF-8", "ascii"), ("C.UTF-8", "C", "unicode")] {
            let path = dir + "/ladder-\(style).transcript"
            let r = try runSubprocess("/usr/bin/env", ["LC_ALL=" + record, binary, "--lab", "--record", path],
                                      input: "wire on\nhost b\nsocket udp\nsendto a:9 hi\nsleep 100ms\nwire ladder\n")
            #expect(r.status == 0, "\(r.summary)")
            let text = try readTextFile(path)
            #expect(text.contains("\n> wire ladder \(style)\n"), "\(text)")
            let check = try runSubprocess("/usr/bin/env", ["LC_ALL=" + replay, binary, "--check", path])
            #expect(check.status == 0, "recorded under \(record), replayed under \(replay): \(check.summary)")
        }
    }

    @Test("wire save to a file that cannot be written is an input error, as export c is")
    func wireSaveFailure() throws {
        let dir = try makeTemporaryDirectory("sockshell-lab-save")
        defer { removeTree(dir) }
        let r = try runSockshell(["--lab", "-c", "wire on; wire save \(dir)/no/such/folder.pcap; lab"])
        #expect(r.status == 2, "\(r.summary)")
        #expect(r.stderr.contains("error: cannot write the capture: \(dir)/no/such/folder.pcap"), "\(r.summary)")
        #expect(!r.stdout.contains("faults: none"), "the script stops there: \(r.summary)")
    }

    @Test("routed lab wire: a segment shows on both links, the r-b copy is no retransmission, the ladder has r")
    func wireAcrossTheRouter() throws {
        let r = try runSockshell(["--lab-routed", "--wire", "-c", "host b; socket tcp as srv; bind b:5000; listen; "
            + "host a; socket tcp as cli; connect b:5000; @srv accept as conn; send hi; @conn recv; wire ladder ascii"])
        #expect(r.status == 0, "\(r.summary)")
        let data = r.stdout.split(separator: "\n").filter { $0.contains("TCP [P.] seq 1, ack 1") }
        #expect(data.count == 2 && data[0].contains(" a-r ") && data[1].contains(" r-b "), "\(r.summary)")
        #expect(data.allSatisfy { $0.hasSuffix("len 2") }, "\(r.summary)")
        // The ladder: a column for r, each packet once per hop (a to r, then r to b).
        expectInOrder(r.stdout.split(separator: "\n").map(String.init), [
            "    a * r * b",
            "      | [P.] seq 1:3, ack 1, len 2 * | * |   <- send hi",
            "      +---*.    * | * |",
            "      |    *'---*>| * |",
            "      | * | [P.] seq 1:3, ack 1, len 2 * |",
            "      | * +---*.    * |",
            "      | * |    *'---*>|",
        ])
    }

    @Test("the lab commands fail cleanly outside the lab")
    func outsideTheLab() throws {
        let r = try runSockshell(["-c", "lab"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--lab"), "\(r.summary)")
        let both = try runSockshell(["--lab", "--lab-routed", "-c", "lab"])
        #expect(both.status == 2, "\(both.summary)")
    }

    @Test("a transcript recorded in the lab says so and replays in a fresh lab")
    func recordAndReplay() throws {
        let dir = try makeTemporaryDirectory("sockshell-lab-record")
        defer { removeTree(dir) }
        let path = dir + "/routed.transcript"
        let r = try runSockshell(["--lab-routed", "--record", path], input: """
            host b
            socket udp as rx
            bind b:7000
            host a
            socket udp
            sendto b:7000 through r
            @rx recv
            """)
        #expect(r.status == 0, "\(r.summary)")
        let text = try readTextFile(path)
        #expect(text.contains("\n# lab: --lab-routed\n"), "\(text)")
        let replay = try sockshellCheck(path)
        #expect(replay.status == 0, "\(replay.summary)")
        // Running the transcript as a file builds its lab too.
        let run = try runSockshell([path])
        #expect(run.status == 0 && run.stdout.contains("\"through r\""), "\(run.summary)")
    }

    /// Starts `sockshell --lab` on a pipe, cuts the link, checks it holds its namespaces, ends it with `end`, and
    /// checks that nothing of the lab is left: no process or mount refers to its namespaces, no child runs, the
    /// machine's own network looks as before.
    func leavesNothing(_ what: String, input: String = "", end: (ChildProcess) -> Void) throws {
        let before = LabTrace.machineView()
        let child = try ChildProcess(try sockshellBinary(), ["--lab-routed", "--timeout", "20s"])
        try child.write("link cut\nhost b\nsocket tcp as s\nlisten\nhost a\nsocket tcp\n" + input)
        var held: Set<String> = []
        for _ in 0..<250 where held.count < 3 {
            child.pump(milliseconds: 20)
            // The shell's home namespace (the machine's, when root) is not the lab's.
            held = LabTrace.namespaces(of: child.pid).subtracting([LabTrace.link("/proc/self/ns/net") ?? ""])
        }
        #expect(held.count >= 3, "\(what): the shell should hold a namespace per host, saw \(held)")
        end(child)
        let result = child.wait(timeout: 20)
        #expect(!result.timedOut, "\(what): \(result.summary)")
        #expect(LabTrace.children(of: child.pid).isEmpty, "\(what): children left")
        var left = LabTrace.everyReference().intersection(held)
        for _ in 0..<50 where !left.isEmpty {
            usleep(20_000)
            left = LabTrace.everyReference().intersection(held)
        }
        #expect(left.isEmpty, "\(what): still referred to: \(left)")
        #expect(LabTrace.machineView() == before, "\(what): the machine's netns list, links or mounts changed")
    }

    @Test("nothing is left after quit, end of input, an input error, SIGINT, SIGTERM, SIGHUP or SIGKILL")
    func nothingLeft() throws {
        try leavesNothing("quit", input: "quit\n") { $0.closeInput() }
        try leavesNothing("end of input") { $0.closeInput() }
        try leavesNothing("input error", input: "no-such-command\n") { _ in }
        for (name, sig) in [("SIGINT", SIGINT), ("SIGTERM", SIGTERM), ("SIGHUP", SIGHUP), ("SIGKILL", SIGKILL)] {
            try leavesNothing(name, input: "sleep 15s\n") { child in
                child.pump(milliseconds: 100)
                _ = Glibc.kill(child.pid, sig)
            }
        }
    }

    @Test("where no user namespace can be made, --lab says what is missing and exits 2")
    func noUserNamespace() throws {
        let binary = try sockshellBinary()
        // A user namespace whose limit allows one more: the shell runs as uid 1000 in it, and its own unshare
        // finds the limit reached.
        let inner = "unshare -U --map-user=1000 --map-group=1000 \"$0\" --lab -c lab"
        let r = try runSubprocess("unshare", ["-U", "-r", "sh", "-c",
                                              "echo 1 > /proc/sys/user/max_user_namespaces && " + inner, binary])
        guard !r.stderr.contains("unshare: "), !r.stderr.contains("Permission denied") else {
            print("SKIPPED: cannot make the nested user namespaces this test needs: \(r.summary)")
            return
        }
        #expect(r.status == 2, "\(r.summary)")
        #expect(r.stderr.contains("--lab needs root or unprivileged user namespaces"), "\(r.summary)")
        #expect(r.stderr.contains("user.max_user_namespaces"), "\(r.summary)")
        #expect(r.stdout.isEmpty, "\(r.summary)")
    }

    @Test("a user without root runs --lab and cuts a link (unprivileged user namespace)")
    func withoutRoot() throws {
        let binary = try sockshellBinary()
        guard geteuid() == 0, access("/usr/bin/setpriv", X_OK) == 0 else {
            print("SKIPPED: not root (this run is the unprivileged path already) or no setpriv")
            let r = try runSockshell(["--lab", "-c", "link cut; lab"])
            #expect(r.status == 0 || r.stderr.contains("needs root or unprivileged user namespaces"), "\(r.summary)")
            return
        }
        let probe = try runSubprocess("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
                                                            binary, "--version"])
        guard probe.status == 0 else {
            print("SKIPPED: user nobody cannot run \(binary) (directory permissions): \(probe.summary)")
            return
        }
        let r = try runSubprocess("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
                                                        binary, "--lab", "-c", "link cut; lab; socket tcp"])
        if r.status == 2 {
            // The machine forbids unprivileged user namespaces: the error must say so.
            #expect(r.stderr.contains("needs root or unprivileged user namespaces"), "\(r.summary)")
            return
        }
        #expect(r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("link a-b cut"), "\(r.summary)")
        #expect(r.stdout.contains("socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"), "\(r.summary)")
    }
}
