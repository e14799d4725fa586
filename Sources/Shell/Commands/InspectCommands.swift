import CSocketShims
import Glibc
import SocketCore

/// nonblock, poll, info, list, use.
extension Session {
    func cmdNonblock(_ on: Bool, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let s = c.socket
        let r = s.setNonBlocking(on)
        ev.append(
            .syscall(
                SyscallRecord(
                    TypedCall(
                        .fcntl,
                        [.descriptor(s.fd), .name("F_SETFL", value: F_SETFL),
                         .name(on ? "O_RDWR|O_NONBLOCK" : "O_RDWR", value: on ? O_RDWR | O_NONBLOCK : O_RDWR)],
                        CallResult(r)))))
    }

    /// Names of poll revents bits.
    static func pollNames(_ ev: Int16) -> String {
        var parts: [String] = []
        let rdhup = sockshell_pollrdhup()
        let table: [(Int16, String)] = [
            (Int16(POLLIN), "POLLIN"), (Int16(POLLPRI), "POLLPRI"), (Int16(POLLOUT), "POLLOUT"),
            (rdhup, "POLLRDHUP"), (Int16(POLLERR), "POLLERR"), (Int16(POLLHUP), "POLLHUP"),
            (Int16(POLLNVAL), "POLLNVAL"),
        ]
        for (bit, name) in table where ev & bit != 0 { parts.append(name) }
        return parts.isEmpty ? "0" : parts.joined(separator: "|")
    }

    /// The events poll watches for.
    static var watchedEvents: Int16 { Int16(POLLIN) | Int16(POLLPRI) | Int16(POLLOUT) | sockshell_pollrdhup() }

    /// poll(2) over every socket, or over one with `@NAME poll`.
    func cmdPoll(_ ms: Int, only: SocketEntry?, into ev: inout [Event]) throws(InputError) {
        let watched = only.map { [$0] } ?? entries
        var fds = watched.map { pollfd(fd: $0.fd, events: Session.watchedEvents, revents: 0) }
        let count = fds.count
        let (r, timedOut) = blocking { wirePoll(&fds, ms) }
        ev.append(
            .syscall(
                SyscallRecord(
                    TypedCall(.poll, [.pollSet(watched.map(\.fd)), .integer(count), .integer(ms)],
                              result(r, timedOut: timedOut)))))
        guard r.error == nil, count > 0 else { return }
        var rows: [[Line]] = []
        rows.reserveCapacity(count)
        // Drops are counted for datagram sockets (a stream's peer resends): a column only when some socket has any.
        var drops: [Int] = []
        drops.reserveCapacity(count)
        // The words for a readiness, made once per distinct revents (and listener or not) rather than per socket.
        var words: [Int32: (Line, Line)] = [:]
        for (e, p) in zip(watched, fds) {
            let key = Int32(p.revents) << 1 | (e.listening ? 1 : 0)
            let (names, meaning): (Line, Line)
            if let w = words[key] {
                (names, meaning) = w
            } else {
                (names, meaning) = (Line(Session.pollNames(p.revents)), Line(readiness(e, p.revents)))
                words[key] = (names, meaning)
            }
            rows.append([
                Line(e.handle), Line(String(decimal: e.fd)), names, meaning,
                Line(String(decimal: max(0, e.socket.receiveQueue))), Line(String(decimal: shownSendQueue(e.socket))),
            ])
            drops.append(e.socket.isDatagram ? e.socket.drops ?? 0 : 0)
        }
        var headers = ["HANDLE", "FD", "REVENTS", "MEANING", "RECV-Q", "SEND-Q"]
        if drops.contains(where: { $0 > 0 }) {
            headers.append("DROPS")
            for k in rows.indices { rows[k].append(drops[k] > 0 ? .volatile(String(decimal: drops[k]), .n) : "0") }
        }
        ev.append(.table(Table(headers: headers, rows: rows)))
    }

    /// What readiness means for this socket, in words.
    func readiness(_ e: SocketEntry, _ r: Int16) -> String {
        var words: [String] = []
        if r & Int16(POLLIN) != 0 { words.append(e.listening ? "connection waiting" : "readable") }
        if r & Int16(POLLPRI) != 0 { words.append("urgent data") }
        if r & Int16(POLLOUT) != 0 { words.append("writable") }
        if r & sockshell_pollrdhup() != 0 { words.append("peer shut down writing") }
        if r & Int16(POLLHUP) != 0 { words.append("hung up") }
        if r & Int16(POLLERR) != 0 { words.append("error pending") }
        return words.isEmpty ? "nothing" : words.joined(separator: ", ")
    }

    /// TCP state of a socket from TCP_INFO, or "-" when not TCP.
    func tcpState(_ s: Socket) -> String {
        guard s.isTCP else { return "-" }
        let (r, bytes) = s.getOption(level: Platform.ipprotoTCP, name: OptionCatalog.tcpInfo, capacity: 8)
        return r.error == nil ? TCPInfo(bytes: bytes).stateName : "-"
    }

    /// TCP state of a socket from TCP_INFO, for decisions; nil when not TCP or when TCP_INFO fails.
    func connectionState(_ s: Socket) -> TCPState? {
        guard s.isTCP else { return nil }
        let (r, bytes) = s.getOption(level: Platform.ipprotoTCP, name: OptionCatalog.tcpInfo, capacity: 8)
        return r.error == nil ? TCPInfo(bytes: bytes).tcpState : nil
    }

    func kindName(_ s: Socket) -> String {
        let v6 = s.family == Platform.afInet6 ? "6" : ""
        if s.family == Platform.afUnix { return s.type == Platform.sockDgram ? "unix-dgram" : "unix" }
        return (s.type == Platform.sockStream ? "tcp" : "udp") + v6
    }

    func cmdInfo(_ c: Context, into ev: inout [Event]) throws(InputError) {
        let e = c.entry!
        let s = e.socket
        var rows: [[Line]] = [
            ["handle", Line(e.handle + (e.accepted ? " (accepted)" : ""))],
            ["fd", "\(s.fd)"],
            ["family", Line(Platform.familyName(s.family))],
            ["type", Line(Platform.typeName(s.type))],
            ["local", s.localAddress.map(Fmt.address) ?? "-"],
            ["peer", s.peerAddress.map(Fmt.address) ?? "-"],
        ]
        if s.isTCP { rows.append(["state", Line(tcpState(s))]) }
        if s.isTCP, e.listening,
           let queue = TCPInfo(bytes: s.getOption(level: Platform.ipprotoTCP, name: OptionCatalog.tcpInfo,
                                                  capacity: 32).1).acceptQueue {
            // A listener's recv-q is no measure of anything: its queue is of connections.
            rows.append(["backlog", "\(queue.waiting) waiting for accept (at most \(queue.backlog))"])
        }
        if let q = datagramQueue(s) {
            // SIOCINQ on a datagram socket is the next datagram only: the queue is told from SO_MEMINFO.
            rows.append(["recv-q", "\(q.next) bytes" + (q.next > 0 ? " (the next datagram only)" : "")])
            rows += datagramRows(q)
        } else {
            rows.append(["recv-q", "\(max(0, s.receiveQueue)) bytes"])
        }
        rows.append(["send-q", "\(shownSendQueue(s)) bytes"])
        rows.append(["blocking", Line(s.isNonBlocking ? "no (O_NONBLOCK)" : "yes")])
        rows += membershipRows(e)
        ev.append(.table(Table(headers: [], rows: rows)))
    }

    func listTable() -> Table {
        var rows: [[Line]] = []
        for e in entries {
            let s = e.socket
            rows.append([
                Line(e.handle == currentHandle ? "*" : " "), Line(e.handle), "\(s.fd)", Line(kindName(s)),
                s.localAddress.map(Fmt.address) ?? "-", s.peerAddress.map(Fmt.address) ?? "-",
                Line(s.isTCP ? tcpState(s) : (e.connected ? "connected" : "-")),
            ])
        }
        if rows.isEmpty { return Table(headers: ["(no sockets)"], rows: []) }
        return Table(headers: ["", "HANDLE", "FD", "KIND", "LOCAL", "PEER", "STATE"], rows: rows)
    }

    func cmdUse(_ handle: String, into ev: inout [Event]) throws(InputError) {
        currentHandle = handle
        ev.append(.note("current socket: \(handle)"))
    }

    func cmdSleep(_ us: Int, into ev: inout [Event]) throws(InputError) {
        var req = timespec(tv_sec: us / 1_000_000, tv_nsec: (us % 1_000_000) * 1000)
        let (r, timedOut) = blocking { wireSleep(&req) }
        ev.append(
            .syscall(
                SyscallRecord(
                    TypedCall(.nanosleep,
                              [.timespec(seconds: us / 1_000_000, nanoseconds: (us % 1_000_000) * 1000),
                               .null], result(r, timedOut: timedOut)))))
    }
}
