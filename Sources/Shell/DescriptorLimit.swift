import Glibc
import SocketCore

/// The descriptor limit (RLIMIT_NOFILE): raised at start, explained when a socket call meets EMFILE.
public enum DescriptorLimit {
    /// The soft and hard limits (-1: unlimited), or why getrlimit(2) failed.
    static func read() -> Result<(soft: Int64, hard: Int64), Errno> {
        var r = rlimit()
        if let e = Sys.getrlimit(Int32(RLIMIT_NOFILE.rawValue), &r).error { return .failure(e) }
        return .success((number(r.rlim_cur), number(r.rlim_max)))
    }

    private static func number(_ v: rlim_t) -> Int64 { v == rlim_t.max ? -1 : Int64(clamping: v) }

    /// Raises the soft limit to the hard one when it is lower, silently: a shell that holds thousands of sockets
    /// should not stop at a default of 1024 that the process may lift itself. Returns the soft limit now (-1:
    /// unlimited or unknown); when setrlimit(2) is refused, the soft limit stays what it was.
    @discardableResult
    public static func raise() -> Int64 {
        var r = rlimit()
        guard Sys.getrlimit(Int32(RLIMIT_NOFILE.rawValue), &r).error == nil else { return -1 }
        if r.rlim_cur < r.rlim_max {
            var want = rlimit(rlim_cur: r.rlim_max, rlim_max: r.rlim_max)
            if Sys.setrlimit(Int32(RLIMIT_NOFILE.rawValue), &want).error == nil { r.rlim_cur = r.rlim_max }
        }
        return number(r.rlim_cur)
    }

    /// The note after EMFILE: what the limit is and how to raise it.
    static func note() -> String {
        guard case .success(let (soft, hard)) = read() else {
            // The limit cannot be read (getrlimit failed): what to do is the same, without the numbers.
            return "out of descriptors: this process holds as many as its limit allows (`ulimit -n` shows it; "
                + "getrlimit could not read it here): close a socket, or start sockshell after raising `ulimit -n`"
        }
        let softText = soft < 0 ? "unlimited" : "\(soft)"
        if hard >= 0, soft >= 0, soft < hard {
            return "out of descriptors: this process may hold \(softText) (`ulimit -n`; the hard limit is \(hard)): "
                + "close a socket, or start sockshell after `ulimit -n \(hard)`"
        }
        return "out of descriptors: this process may hold \(softText) (`ulimit -n`, the hard limit too): "
            + "close a socket; more needs root to raise the hard limit (`ulimit -Hn N` as root, or nofile in "
            + "/etc/security/limits.conf)"
    }
}
