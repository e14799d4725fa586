import CSocketShims
import Glibc
import SocketCore

/// Events that happen while the user sits at the prompt: data arrived, a connection waits, the peer closed or
/// reset. The REPL asks now and then; each change is announced once.
extension Session {
    /// New happenings since the last call, as notes; empty when nothing changed.
    public func idleEvents() -> [Event] {
        guard !entries.isEmpty else { return [] }
        var fds = entries.map { pollfd(fd: $0.fd, events: Int16(POLLIN) | sockshell_pollrdhup(), revents: 0) }
        guard Glibc.poll(&fds, nfds_t(fds.count), 0) >= 0 else { return [] }
        var out: [Event] = []
        for (e, p) in zip(entries, fds) {
            let r = p.revents
            let queued = e.listening ? 0 : max(0, e.socket.receiveQueue)
            defer { e.announced = r; e.announcedBytes = queued }
            if r & Int16(POLLIN) != 0 {
                if e.listening {
                    if e.announced & Int16(POLLIN) == 0 {
                        out.append(.note("[\(e.handle)] a connection is waiting: accept it with `@\(e.handle) accept`"))
                    }
                } else if queued > e.announcedBytes, queued > 0 {
                    out.append(.note("[\(e.handle)] \(queued) \(queued == 1 ? "byte" : "bytes") waiting to be read"))
                }
            }
            if r & Int16(POLLERR) != 0, e.announced & Int16(POLLERR) == 0 {
                // Reading SO_ERROR here would clear it and rob the user's next recv of its ECONNRESET. A reset
                // also ends the stream: no "peer closed" note after it.
                e.peerCloseShown = true
                out.append(.note("[\(e.handle)] an error is pending: the next recv or send (or getopt SO_ERROR) "
                    + "will report it"))
            } else if e.connected, !e.eofShown, !e.peerCloseShown, !e.resetSeen, peerClosed(e, r) {
                e.peerCloseShown = true
                out.append(.note("[\(e.handle)] the peer closed its side (EOF after \(queued) bytes)"))
            }
        }
        return out
    }

    /// Whether the peer's FIN has come. On TCP the state tells: a FIN leaves CLOSE_WAIT, LAST_ACK, CLOSING or
    /// TIME_WAIT, while a reset leaves CLOSE (poll's POLLRDHUP is up for both, and at once after this side's own
    /// SHUT_RD). Other stream sockets: POLLRDHUP, unless this side shut down reading itself.
    func peerClosed(_ e: SocketEntry, _ revents: Int16) -> Bool {
        if e.socket.isTCP {
            // Only asked when poll hints at it or SHUT_RD hides it: a helper read, silent.
            guard revents & sockshell_pollrdhup() != 0 || e.readShut else { return false }
            return connectionState(e.socket)?.peerFinReceived == true
        }
        return !e.readShut && revents & sockshell_pollrdhup() != 0
    }
}
