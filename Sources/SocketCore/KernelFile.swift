import Glibc

/// A small file the kernel writes (/proc/sys/net/..., /proc/thread-self/net/...), read whole.
///
/// Why in SocketCore: what the kernel reports about sockets (sysctl caps, group memberships, routes) is read
/// here, beside the socket calls, so the shell layer makes no system call of its own.
public enum KernelFile {
    /// Up to `limit` bytes of the file at `path`, or nil when it cannot be opened or read. The corresponding C
    /// functions are open(2) and read(2), made through the seam (`Sys`); an interrupted read is retried (nothing a
    /// user asked for waits here).
    public static func read(_ path: String, limit: Int = 1 << 20) -> [UInt8]? {
        guard let fd = Sys.open(path, O_RDONLY | O_CLOEXEC).descriptor else { return nil }
        defer { _ = Sys.close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(4096, max(limit, 1)))
        while out.count < limit {
            let want = min(chunk.count, limit - out.count)
            let r = chunk.withUnsafeMutableBytes { Sys.read(fd, $0.baseAddress, want) }
            if r.error == Errno.interrupted { continue }
            if r.error != nil { return out.isEmpty ? nil : out }
            if r.value == 0 { break }
            out += chunk[0..<r.value]
        }
        return out
    }
}
