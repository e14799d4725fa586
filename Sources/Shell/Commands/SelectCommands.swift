import CSocketShims
import Glibc
import SocketCore

/// select and atmark.
extension Session {
    /// select(2) over every socket (or one with `@NAME select`), each in the read, write and except sets.
    func cmdSelect(_ us: Int, only: SocketEntry?, into ev: inout [Event]) throws(InputError) {
        let watched = only.map { [$0] } ?? entries
        let limit = Int32(sockshell_fd_setsize())
        if let big = watched.first(where: { $0.fd >= limit }) {
            ev.append(.warning("select cannot watch \(big.handle) (fd \(big.fd)): an fd_set holds descriptors 0 to "
                + "\(limit - 1) only (FD_SETSIZE); poll has no such limit"))
            return
        }
        let fds = watched.map(\.fd)
        let want = [UInt8](repeating: 7, count: fds.count)
        var got = [UInt8](repeating: 0, count: fds.count)
        var left: Int64 = 0
        let count = fds.count
        let (r, timedOut) = blocking {
            Sys.select { Int(sockshell_select(Int32(count), fds, want, &got, Int64(us), &left)) }
        }
        let nfds = (fds.max() ?? -1) + 1
        // What the kernel left in the three sets and in the timeout, when the call succeeded.
        let ready = r.error == nil ? got : nil
        ev.append(.syscall(SyscallRecord(
            selectCall(nfds, fds, microseconds: us, ready: ready, left: r.error == nil ? Int(left) : nil,
                       result(r, timedOut: timedOut)))))
        guard r.error == nil, count > 0 else { return }
        var rows: [[Line]] = []
        for (e, g) in zip(watched, got) {
            var words: [String] = []
            if g & 1 != 0 { words.append(e.listening ? "connection waiting" : "readable") }
            if g & 2 != 0 { words.append("writable") }
            if g & 4 != 0 { words.append("urgent data (exceptional condition)") }
            rows.append([Line(e.handle), "\(e.fd)", g & 1 != 0 ? "R" : "-", g & 2 != 0 ? "W" : "-",
                         g & 4 != 0 ? "X" : "-", Line(words.isEmpty ? "nothing" : words.joined(separator: ", ")),
                         "\(max(0, e.socket.receiveQueue))"])
        }
        ev.append(.table(Table(headers: ["HANDLE", "FD", "READ", "WRITE", "EXCEPT", "MEANING", "RECV-Q"], rows: rows)))
    }

    /// ioctl(SIOCATMARK), which sockatmark(3) is.
    func cmdAtmark(_ c: Context, into ev: inout [Event]) throws(InputError) {
        let s = c.socket
        var value: Int32 = 0
        let r = Sys.ioctl(s.fd, UInt(SIOCATMARK), &value)
        ev.append(.syscall(SyscallRecord(atmarkCall(s.fd, r.error == nil ? value : nil, CallResult(r)))))
        guard r.error == nil else {
            if r.error?.rawValue == EINVAL || r.error?.rawValue == ENOTTY {
                ev.append(.note("\(r.error!.name): the urgent mark exists on TCP sockets only"))
            }
            return
        }
        if value != 0, let urgent = c.entry?.urgentRead {
            // recv oob took the byte, but the mark stays until a plain recv passes its place: "recv oob fetches the
            // byte" would send the student to an EINVAL.
            ev.append(.note("at the mark, though recv oob read the urgent byte, \(ByteText.quoted([urgent])), already: "
                + "the mark stays until a plain recv passes the byte's place (another recv oob gives EINVAL; with "
                + "SO_OOBINLINE off the next recv skips the byte, turned on now it delivers it again, inline)"))
            return
        }
        ev.append(.note(value != 0
            ? "at the mark: the next byte read is the urgent byte's place (a recv stopped here; recv oob fetches "
                + "the byte, or with SO_OOBINLINE the next recv starts with it)"
            : "not at the mark: the next byte read is ordinary data (urgent data, if any, lies further on, and a recv "
                + "stops in front of it)"))
    }
}
