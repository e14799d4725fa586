import CSocketShims
import Glibc

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
            let mine = sockshell_open_netns()
            // Root (with CAP_SYS_ADMIN): try one namespace; back home at once.
            let probe = sockshell_new_netns()
            if probe >= 0, mine >= 0, sockshell_setns_net(mine) == 0 {
                close(probe)
                home = mine
                return home
            }
            if probe >= 0 { close(probe) }
            if mine >= 0 { close(mine) }
        }
        try enterUserNamespace(for: who)
        let fd = sockshell_open_netns()
        guard fd >= 0 else { throw LabError("sockshell: \(who): cannot open /proc/self/ns/net: \(errnoText())") }
        home = fd
        inUserNamespace = true
        // The shell's home is now a private namespace with lo down: set it up as SPEC §6 sets up the private
        // network of the multicast lessons, so a socket made outside any lab host still has loopback.
        _ = try? run(tool: "ip", in: -1, batch: "link set lo up\nlink set lo multicast on\n"
            + "route add 224.0.0.0/4 dev lo src 127.0.0.1\n")
        return home
    }

    private static func enterUserNamespace(for who: String) throws(LabError) {
        let threads = sockshell_thread_count()
        if threads > 1 {
            throw LabError("sockshell: \(who): cannot enter a user namespace: the process already runs \(threads) "
                + "threads (unshare(CLONE_NEWUSER) needs a single thread)")
        }
        var failed = [CChar](repeating: 0, count: 128)
        guard sockshell_enter_userns(&failed, Int32(failed.count)) == 0 else {
            let code = errno
            let step = String(decoding: failed.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw LabError("sockshell: \(who) needs root or unprivileged user namespaces, and neither is available: "
                + "\(step) failed: \(String(cString: strerror(code)))" + userNamespaceHint(code))
        }
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
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 32)
        let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, 31) }
        guard n > 0 else { return nil }
        return Int(String(decoding: buf[0..<n], as: UTF8.self).filter { $0.isNumber })
    }

    /// The path of an iproute2 tool (`ip`, `tc`), looked for where Debian and others install it (a user's PATH
    /// often lacks /usr/sbin).
    static func toolPath(_ name: String, for who: String = "--lab") throws(LabError) -> String {
        for dir in ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] where access(dir + "/" + name, X_OK) == 0 {
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
        let status = sockshell_ns_run(ns, path, &cArgs, input, extra, &out, Int32(out.count))
        guard status != 0 else { return }
        let said = String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        throw LabError("sockshell: lab set-up: \(tool) failed (status \(status < 0 ? errnoText() : "\(status)")): "
            + said.split(separator: "\n").prefix(3).joined(separator: "; "))
    }

    /// Writes a sysctl of the network namespace `ns` (`net/ipv4/ip_forward`).
    static func writeSysctl(_ name: String, _ value: String, in ns: Int32) throws(LabError) {
        guard sockshell_setns_net(ns) == 0 else { throw LabError("sockshell: lab set-up: setns: \(errnoText())") }
        defer { _ = sockshell_setns_net(home) }
        let fd = open("/proc/sys/" + name, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LabError("sockshell: lab set-up: cannot open /proc/sys/\(name): \(errnoText())") }
        defer { close(fd) }
        guard write(fd, value, value.utf8.count) == value.utf8.count else {
            throw LabError("sockshell: lab set-up: cannot write /proc/sys/\(name): \(errnoText())")
        }
    }

    /// Enters namespace `ns` for `body`, then comes home.
    static func within<T>(_ ns: Int32, _ body: () throws -> T) rethrows -> T {
        if sockshell_setns_net(ns) != 0 {
            // Not expected (the shell holds every namespace it made); running elsewhere would be worse.
            fatalError("sockshell: setns into a lab host failed: \(errnoText())")
        }
        defer { if sockshell_setns_net(home) != 0 { fatalError("sockshell: setns home failed: \(errnoText())") } }
        return try body()
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
