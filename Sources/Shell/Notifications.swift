import CSocketShims
import Glibc
import SocketCore

/// Events that happen while the user sits at the prompt: data arrived, a connection waits, the peer closed or
/// reset. The REPL asks now and then; each change is announced once.
extension Session {
    /// New happenings since the last call, as notes; empty when nothing changed.
    ///
    /// The cost follows the sockets that are ready (or were at the last call), not the sockets open: an epoll
    /// watch (`PromptWatch`) is made at the first call and told of every socket from then on.
    public func idleEvents() -> [Event] {
        let packets = wireIdleEvents()
        guard table.count > 0 else { return packets }
        if watch == nil, let w = PromptWatch() {
            table.forEach { w.add($0.fd) }
            watch = w
        }
        var out: [Event] = packets
        guard let w = watch else {
            // No epoll (a kernel without it): poll every socket, as the shell did before.
            pollAndAnnounce(entries, into: &out)
            return out
        }
        // The sockets epoll refused: polled here, each time.
        if !w.refused.isEmpty { pollAndAnnounce(w.refused.sorted().compactMap { entry(fd: $0) }, into: &out) }
        var now: Set<Int32> = []
        for (fd, revents) in w.ready(capacity: table.count) {
            guard let e = entry(fd: fd) else { continue }
            now.insert(fd)
            announce(e, revents, into: &out)
        }
        // Ready last time, quiet now: clear what was announced, so the next readiness is news again.
        for fd in w.lastReady where !now.contains(fd) {
            if let e = entry(fd: fd) { announce(e, 0, into: &out) }
        }
        w.lastReady = now
        return out
    }

    /// Polls `sockets` at once (no wait) and announces each one's readiness; nothing when poll fails.
    func pollAndAnnounce(_ sockets: [SocketEntry], into out: inout [Event]) {
        var fds = sockets.map { pollfd(fd: $0.fd, events: Int16(POLLIN) | sockshell_pollrdhup(), revents: 0) }
        guard Sys.poll(&fds, nfds_t(fds.count), 0).error == nil else { return }
        for (e, p) in zip(sockets, fds) { announce(e, p.revents, into: &out) }
    }

    /// The notes for one socket whose readiness is `r`, and what was announced.
    func announce(_ e: SocketEntry, _ r: Int16, into out: inout [Event]) {
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
