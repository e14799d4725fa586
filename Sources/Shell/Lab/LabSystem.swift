import CSocketShims
import Glibc
import SocketCore

/// Why the lab could not be made: what is missing and what to do (`--lab` exits 2 with it).
public struct LabError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ text: String) { description = text }
}

/// The process-wide part of the lab: the namespace the shell comes home to, and iproute2 run inside a host.
///
/// Why process-wide: without root the shell moves itself into a user namespace once (only possible while it
/// has a single thread), and every lab of the run (one per file under `--check`) is made inside it.
enum LabSystem {
    /// The shell's own network namespace, held open; made on first use.
    nonisolated(unsafe) private static var home: Int32 = -1
    /// The shell runs in a user namespace it made (no root): its home is a private namespace, not the machine's.
    nonisolated(unsafe) private(set) static var inUserNamespace = false

    /// The home namespace's fd, entering a user namespace first when the shell has no right to make network
    /// namespaces as it is.
    /// `who` names what asked, at the head of an error (`--lab`, or a transcript that needs a private namespace).
    static func homeNamespace(for who: String = "--lab") throws(LabError) -> Int32 {
        if home >= 0 { return home }
        if geteuid() == 0 {
            let mine = NetNamespace.openCurrent().descriptor
            // Root (with CAP_SYS_ADMIN): try one namespace; back home at once.
            let probe = NetNamespace.make().descriptor
            if let probe {
                guard let mine, NetNamespace.enter(mine).error == nil else {
                    stop("the shell cannot return to its own network namespace after a trial unshare(CLONE_NEWNET)")
                }
                _ = Sys.close(probe)
                home = mine
                return home
            }
            if let mine { _ = Sys.close(mine) }
        }
        try enterUserNamespace(for: who)
        let opened = NetNamespace.openCurrent()
        guard let fd = opened.descriptor else {
            throw LabError("sockshell: \(who): cannot open /proc/self/ns/net: \(opened.error!.message)")
        }
        home = fd
        inUserNamespace = true
        // The shell's home is now a private namespace with lo down: set it up as SPEC §6 sets up the private
        // network of the multicast lessons, so a socket made outside any lab host still has loopback.
        _ = try? run(tool: "ip", in: -1, batch: "link set lo up\nlink set lo multicast on\n"
            + "route add 224.0.0.0/4 dev lo src 127.0.0.1\n")
        return home
    }

    private static func enterUserNamespace(for who: String) throws(LabError) {
        let threads = threadCount()
        if threads > 1 {
            throw LabError("sockshell: \(who): cannot enter a user namespace: the process already runs \(threads) "
                + "threads (unshare(CLONE_NEWUSER) needs a single thread)")
        }
        guard let (step, e) = enterUserNamespace() else { return }
        throw LabError("sockshell: \(who) needs root or unprivileged user namespaces, and neither is available: "
            + "\(step) failed: \(e.message)" + userNamespaceHint(e.rawValue))
    }

    /// unshare(CLONE_NEWUSER|CLONE_NEWNET) and the uid/gid maps: the shell becomes 0 inside, with every capability
    /// there. Only in a single-threaded process. nil, or the step that failed and why.
    private static func enterUserNamespace() -> (String, Errno)? {
        let uid = geteuid(), gid = getegid()
        if let e = Sys.unshare(SOCKSHELL_CLONE_NEWUSER | SOCKSHELL_CLONE_NEWNET).error {
            return ("unshare(CLONE_NEWUSER|CLONE_NEWNET)", e)
        }
        if let e = writeFile("/proc/self/setgroups", "deny"), e.rawValue != ENOENT {
            return ("writing /proc/self/setgroups", e)
        }
        if let e = writeFile("/proc/self/gid_map", "0 \(gid) 1") { return ("writing /proc/self/gid_map", e) }
        if let e = writeFile("/proc/self/uid_map", "0 \(uid) 1") { return ("writing /proc/self/uid_map", e) }
        return nil
    }

    /// Writes `text` to an existing file at once (a /proc file takes one write); the errno of a failure.
    static func writeFile(_ path: String, _ text: String) -> Errno? {
        let opened = Sys.open(path, O_WRONLY | O_CLOEXEC)
        guard let fd = opened.descriptor else { return opened.error }
        defer { _ = Sys.close(fd) }
        let bytes = Array(text.utf8)
        let r = bytes.withUnsafeBytes { Sys.write(fd, $0.baseAddress, $0.count) }
        if let e = r.error { return e }
        return r.value == bytes.count ? nil : Errno(EIO)
    }

    /// Threads of this process (/proc/self/status), or -1.
    static func threadCount() -> Int {
        guard let bytes = KernelFile.read("/proc/self/status") else { return -1 }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("Threads:") {
            return Int(line.dropFirst(8).filter { $0 != " " && $0 != "\t" }) ?? -1
        }
        return -1
    }

    /// What on this system keeps unprivileged user namespaces off, read from its sysctls.
    private static func userNamespaceHint(_ code: Int32) -> String {
        var why: [String] = []
        if readInt("/proc/sys/kernel/unprivileged_userns_clone") == 0 {
            why.append("kernel.unprivileged_userns_clone is 0")
        }
        let max = readInt("/proc/sys/user/max_user_namespaces")
        if max == 0 {
            why.append("user.max_user_namespaces is 0")
        } else if code == ENOSPC, let m = max {
            why.append("the limit user.max_user_namespaces (\(m)) is reached")
        }
        if readInt("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == 1 {
            why.append("kernel.apparmor_restrict_unprivileged_userns is 1")
        }
        let cause = why.isEmpty ? "" : " (" + why.joined(separator: ", ") + ")"
        let fix = code == ENOSPC || max == 0
            ? "sysctl -w user.max_user_namespaces=15000" : "sysctl -w kernel.unprivileged_userns_clone=1"
        return cause + ". Ask an administrator to allow them (e.g. \(fix)), or run as root."
    }

    private static func readInt(_ path: String) -> Int? {
        guard let bytes = KernelFile.read(path, limit: 31), !bytes.isEmpty else { return nil }
        return Int(String(decoding: bytes, as: UTF8.self).filter { $0.isNumber })
    }

    /// The path of an iproute2 tool (`ip`, `tc`), looked for where Debian and others install it (a user's PATH
    /// often lacks /usr/sbin).
    static func toolPath(_ name: String, for who: String = "--lab") throws(LabError) -> String {
        for dir in ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] where Sys.access(dir + "/" + name, X_OK).error == nil {
            return dir + "/" + name
        }
        throw LabError("sockshell: \(who) needs iproute2's `\(name)`, which is not installed "
            + "(Debian/Ubuntu: sudo apt-get install iproute2)")
    }

    /// Runs `TOOL -batch -` with `batch` as its input in a child that entered namespace `ns` (-1: the shell's
    /// current one), with `extra` as its fd 9 (`/proc/self/fd/9` in the batch). Fails with the tool's message.
    static func run(tool: String, in ns: Int32, batch: String, extra: Int32 = -1) throws(LabError) {
        try run(tool: tool, ["-batch", "-"], in: ns, input: batch, extra: extra)
    }

    /// Runs `TOOL ARGS...` with `input` on its stdin in a child that entered namespace `ns`.
    static func run(tool: String, _ arguments: [String], in ns: Int32, input: String = "", extra: Int32 = -1)
        throws(LabError)
    {
        let path = try toolPath(tool)
        let args = [path] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var out = [CChar](repeating: 0, count: 2048)
        let ran = Sys.fork { Int(sockshell_ns_run(ns, path, &cArgs, input, extra, &out, Int32(out.count))) }
        guard ran.error != nil || ran.value != 0 else { return }
        let said = String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        throw LabError("sockshell: lab set-up: \(tool) failed (status \(ran.error?.message ?? "\(ran.value)")): "
            + said.split(separator: "\n").prefix(3).joined(separator: "; "))
    }

    /// Writes a sysctl of the network namespace `ns` (`net/ipv4/ip_forward`) of lab host `host`.
    static func writeSysctl(_ name: String, _ value: String, in ns: Int32, host: String) throws(LabError) {
        if let e = NetNamespace.enter(ns).error {
            throw LabError("sockshell: lab set-up: cannot enter host \(host)'s network namespace to set \(name): "
                + "setns: \(e.shown)" + (e.rawValue == EPERM ? "; the lab needs CAP_SYS_ADMIN: run as root" : ""))
        }
        var why: String?
        let opened = Sys.open("/proc/sys/" + name, O_WRONLY | O_CLOEXEC)
        if let fd = opened.descriptor {
            let bytes = Array(value.utf8)
            let r = bytes.withUnsafeBytes { Sys.write(fd, $0.baseAddress, $0.count) }
            if r.error != nil || r.value != bytes.count {
                why = "cannot write /proc/sys/\(name): \((r.error ?? Errno(EIO)).message)"
            }
            _ = Sys.close(fd)
        } else {
            why = "cannot open /proc/sys/\(name): \(opened.error!.message)"
        }
        comeHome()
        if let why { throw LabError("sockshell: lab set-up: " + why) }
    }

    /// Enters namespace `ns` for `body`, then comes home.
    static func within<T>(_ ns: Int32, _ body: () throws -> T) rethrows -> T {
        if let e = NetNamespace.enter(ns).error {
            // Not expected (the shell holds every namespace it made); running elsewhere would be worse.
            stop("setns into a lab host's network namespace failed: \(e.shown)")
        }
        defer { comeHome() }
        return try body()
    }

    /// Back to the home namespace; when that fails the shell would go on in a lab host's namespace: it stops.
    static func comeHome() {
        if let e = NetNamespace.enter(home).error {
            stop("setns back to the shell's own network namespace failed: \(e.shown)")
        }
    }

    /// Stops the shell (exit 2) when it can no longer tell which network namespace it runs in: going on would
    /// make the next sockets in the wrong place, and a trap would hide why.
    static func stop(_ why: String) -> Never {
        let text = "sockshell: \(why); stopping, since further sockets would be made in the wrong network namespace\n"
        _ = text.withCString { Sys.write(2, $0, strlen($0)) }
        exit(2)
    }

}
