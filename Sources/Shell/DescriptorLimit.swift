import CSocketShims

/// The descriptor limit (RLIMIT_NOFILE): raised at start, explained when a socket call meets EMFILE.
public enum DescriptorLimit {
    /// Raises the soft limit to the hard one when it is lower, silently: a shell that holds thousands of sockets
    /// should not stop at a default of 1024 that the process may lift itself. Returns the soft limit now.
    @discardableResult
    public static func raise() -> Int64 { sockshell_raise_nofile() }

    /// The note after EMFILE: what the limit is and how to raise it.
    static func note() -> String {
        var soft: Int64 = 0, hard: Int64 = 0
        sockshell_nofile(&soft, &hard)
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
