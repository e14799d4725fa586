import CSocketShims
import Glibc
import SocketCore

/// The calls that make, hold and enter network namespaces (the lab's hosts, the private namespace of a
/// `# needs: netns` transcript, the shell's home), each through the syscall seam.
///
/// Why here and not in C: made from Swift, every step (unshare, the open of /proc/self/ns/net, setns) passes
/// `Sys`, so a test can force the failure of one step and read the error that explains it.
enum NetNamespace {
    /// An fd of the network namespace of the process (/proc/self/ns/net), 100 or above, close-on-exec.
    static func openCurrent() -> SysResult {
        moveHigh(Sys.open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC))
    }

    /// unshare(CLONE_NEWNET), then an fd of the new namespace; the calling thread is left in it.
    static func make() -> SysResult {
        let r = Sys.unshare(SOCKSHELL_CLONE_NEWNET)
        guard r.error == nil else { return r }
        return openCurrent()
    }

    /// setns(fd, CLONE_NEWNET): the calling thread enters the namespace.
    static func enter(_ fd: Int32) -> SysResult { Sys.setns(fd, SOCKSHELL_CLONE_NEWNET) }

    /// The fd of a call that made one, moved to 100 or above (3 when that fails), close-on-exec: the session's
    /// first socket stays fd 3 (SPEC §1).
    static func moveHigh(_ made: SysResult) -> SysResult {
        guard made.error == nil else { return made }
        let fd = Int32(made.value)
        var high = Sys.fcntl(fd, F_DUPFD_CLOEXEC, 100)
        if high.error != nil { high = Sys.fcntl(fd, F_DUPFD_CLOEXEC, 3) }
        _ = Sys.close(fd)
        return high
    }

    /// An fd of the network namespace `socket` was created in (SIOCGSKNS), 100 or above; through the C shim.
    static func of(socket: Int32) -> SysResult {
        Sys.ioctl { Int(sockshell_socket_netns(socket)) }
    }

    /// The inode of a namespace fd (which host it is), or nil.
    static func inode(_ fd: Int32) -> UInt64? {
        var st = stat()
        return Sys.fstat(fd, &st).error == nil ? UInt64(st.st_ino) : nil
    }
}

extension Errno {
    /// `EPERM (Operation not permitted)`: how an error of a set-up step is shown.
    var shown: String { "\(name) (\(message))" }
}
