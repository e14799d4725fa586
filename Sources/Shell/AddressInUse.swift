import Glibc
import SocketCore

/// The EADDRINUSE note of bind, decided from the kernel's socket table: which socket holds the address, and what
/// (if anything) lets this bind succeed in that case.
///
/// Why the table: one fixed text about TIME_WAIT misled in the other cases (a listener, a connection still open,
/// UDP, a wildcard bind next to a specific one); only the kernel's table tells which case this is.
extension Session {
    func adviseAddressInUse(_ addr: SocketAddress, _ c: Context, into ev: inout [Event]) {
        let s = c.socket
        guard s.family != Platform.afUnix, let port = addr.port else {
            advise(.addressInUse, c, into: &ev)
            return
        }
        let tcp = s.isTCP
        let queries: [SocketTableQuery] = tcp ? [.tcp4, .tcp6] : [.udp4, .udp6]
        let dump = network.withCurrentHost { SocketTable.read(queries) }
        let me = s.inode
        let holders = dump.sockets.filter { k in
            k.localPort == port && k.inode != me && k.local.map { Session.overlaps($0, addr) } == true
        }
        // The most telling holder first: a listener, then a socket with a descriptor, then a leftover.
        let rank: (KernelSocket) -> Int = { k in
            k.tcpState == .listen ? 0 : k.tcpState == .timeWait ? 2 : 1
        }
        guard let h = holders.min(by: { rank($0) < rank($1) }) else {
            ev.append(.warning("EADDRINUSE: no socket in this namespace's table holds the address now (it was "
                + "freed since the call); bind again"))
            return
        }
        let handles = inodeHandles()
        let who: Line = h.inode != 0 && handles[h.inode] != nil
            ? Line("socket \(handles[h.inode]!)") : "a socket of another process"
        let wildcard = Session.isWildcard(h.local!) != Session.isWildcard(addr)
        let cover: Line = wildcard
            ? Line(" (\(Session.isWildcard(addr) ? "this bind's" : "its") wildcard address covers every local "
                + "address, so the two overlap)")
            : ""
        let mine = s.intOption(level: Platform.solSocket, name: OptionCatalog.soReuseAddr) == 1
        let text: Line
        if !tcp {
            text = "EADDRINUSE: UDP \(who) is bound to \(Fmt.address(h.local!))\(cover). Datagram sockets have no "
                + "TIME_WAIT: the port is free once that socket is closed; two sockets can share it only with "
                + "SO_REUSEADDR (or SO_REUSEPORT) on both, set before bind"
        } else if h.tcpState == .timeWait {
            let left = h.timer.map { Session.timeLeft($0.milliseconds) } ?? "-"
            text = "EADDRINUSE: the closed connection \(Fmt.address(h.local!)) - \(h.peer.map(Fmt.address) ?? "-") "
                + "is in TIME_WAIT (\(left) left; no descriptor, see `sockets time_wait`)\(cover). SO_REUSEADDR "
                + "lets the port be reused only when the old socket had it (set before its bind) and this one has "
                + "it too"
                + (mine
                    ? Line("; this one has it, so the old one lacked it: wait for the timer")
                    : Line("; turn it on here with `setopt SO_REUSEADDR on` before bind"))
        } else if h.tcpState == .listen {
            text = "EADDRINUSE: \(who) listens on \(Fmt.address(h.local!))\(cover). No option lets a second socket "
                + "bind a listening address, SO_REUSEADDR included; only SO_REUSEPORT set on both before bind "
                + "shares it (the kernel then spreads connections). Otherwise close the listener first"
        } else {
            let holderReuse = handles[h.inode].flatMap { entry($0) }
                .map { $0.socket.intOption(level: Platform.solSocket, name: OptionCatalog.soReuseAddr) == 1 }
            var t: Line = "EADDRINUSE: \(who), a connection \(Fmt.address(h.local!)) - "
                + "\(h.peer.map(Fmt.address) ?? "-") in \(h.stateName), still holds the port\(cover). It is not "
                + "listening, so SO_REUSEADDR on both (this one before bind) lets the bind succeed"
            if holderReuse == false { t = t + Line("; that socket lacks it, so only closing it frees the port") }
            else if !mine { t = t + Line("; set it here with `setopt SO_REUSEADDR on`") }
            text = t
        }
        ev.append(.warning(text))
    }

    /// `59.8s`, `200ms`: a wildcard in transcripts.
    static func timeLeft(_ ms: Int) -> Line {
        .volatile(ms >= 1000 ? "\(ms / 1000).\(ms % 1000 / 100)s" : "\(ms)ms", .dur)
    }

    /// Whether two local addresses of one port overlap: equal, or one of them the wildcard of its family (an
    /// IPv6 wildcard also covers IPv4 unless IPV6_V6ONLY, which the table does not tell).
    static func overlaps(_ a: SocketAddress, _ b: SocketAddress) -> Bool {
        if isWildcard(a) || isWildcard(b) {
            if a.family == b.family { return true }
            return isWildcard(a) ? a.family == Platform.afInet6 : b.family == Platform.afInet6
        }
        return a.host == b.host && a.family == b.family
    }

    static func isWildcard(_ a: SocketAddress) -> Bool {
        switch a {
        case .ipv4(let addr, _), .ipv6(let addr, _, _): return addr.allSatisfy { $0 == 0 }
        case .unix: return false
        }
    }
}
