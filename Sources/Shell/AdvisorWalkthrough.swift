import Glibc
import SocketCore

/// Notes found missing or misleading by the walkthroughs of issue 12: errnos of join, leave, connect, sendto and
/// send that said nothing, and multicast options that do nothing on lo.
///
/// Why apart from Advisor.swift: each note is one case, decided from the call's errno and the socket; keeping them
/// here keeps the shared advisor's switch small.
extension Session {
    /// After a failed IP_ADD_MEMBERSHIP / IP_DROP_MEMBERSHIP (join, leave, or setopt of either).
    func adviseMembership(_ spec: OptionSpec, _ value: OptionValue, _ error: Errno, _ c: Context,
                          into ev: inout [Event]) {
        guard spec.kind == .membership4 || spec.kind == .membership6, !c.socket.isTCP else { return }
        let join = spec.name == "IP_ADD_MEMBERSHIP" || spec.name == "IPV6_JOIN_GROUP"
        let group = Session.groupText(value)
        switch error.rawValue {
        case EADDRINUSE where join:
            ev.append(.warning("EADDRINUSE: this socket has joined \(group) on that interface already; a socket "
                + "joins a group once per interface (nothing changed: it is still a member)"))
        case EADDRNOTAVAIL where !join:
            ev.append(.warning("EADDRNOTAVAIL: this socket is not a member of \(group) on that interface: leave "
                + "only what this socket joined (with the same interface), nothing else to undo"))
        case EINVAL where join && !Session.isMulticast(value):
            ev.append(.warning("EINVAL: \(group) is not a multicast group (IPv4 groups are 224.0.0.0 to "
                + "239.255.255.255, IPv6 ff00::/8): nothing was joined and nothing was sent"))
        default: break
        }
    }

    /// Whether the command's socket has SO_DONTROUTE on (read from the kernel).
    private func dontRoute(_ c: Context) -> Bool {
        c.entry != nil && c.socket.intOption(level: Platform.solSocket, name: SO_DONTROUTE) == 1
    }

    /// After a failed connect, send or sendto: the errnos whose message alone does not say what to do.
    func adviseCall(_ id: CommandID, _ error: Errno?, address: SocketAddress?, _ c: Context,
                    into ev: inout [Event]) {
        guard let e = error?.rawValue else { return }
        switch (id, e) {
        case (.connect, EISCONN):
            ev.append(.warning("EISCONN: this socket is connected already; a TCP socket connects once: make a "
                + "new socket to connect elsewhere (a UDP socket may connect again to change its peer)"))
        case (.sendto, ENETUNREACH) where Session.isLimitedBroadcast(address):
            ev.append(.warning("ENETUNREACH: 255.255.255.255 goes out of the interface the route to it names, and "
                + "no route covers it here (no default route, no interface but lo); send to the broadcast "
                + "address of a link instead (127.255.255.255 on lo), or bind the socket to an address of the "
                + "interface before it sends (`bind 127.0.0.1:0`): Linux then sends 255.255.255.255 out of that "
                + "interface (IP_MULTICAST_IF does not apply to broadcast)"))
        case (.connect, ENETUNREACH) where dontRoute(c), (.send, ENETUNREACH) where dontRoute(c),
             (.sendto, ENETUNREACH) where dontRoute(c):
            // With it on, a destination behind a gateway has no route the socket may use.
            ev.append(.note("SO_DONTROUTE is on: only hosts on a directly attached network are reached, and this "
                + "one is behind a gateway (turn SO_DONTROUTE off to let the route take it there)"))
        case (.send, ECONNRESET), (.sendto, ECONNRESET):
            ev.append(.note("the peer answered with RST (e.g. it closed with SO_LINGER on 0, or had no such "
                + "connection): the connection is gone; a later send fails with EPIPE"))
        default: break
        }
    }

    /// SO_OOBINLINE set: turned on after `recv oob` read the urgent byte, the next plain recv gets it again.
    func noteOOBInline(_ value: OptionValue, _ c: Context) {
        if case .int(let v) = value, let e = c.entry {
            e.urgentRedelivery = v != 0 && e.urgentRead != nil
        }
    }

    /// Right after IP_MULTICAST_LOOP off or IP_MULTICAST_TTL 0 on a socket whose multicast leaves through lo:
    /// lo hands every packet back, so on one host neither changes what members here receive. Called for IPPROTO_IP
    /// options only (`adviseAfterSet`).
    func adviseMulticastOnLo(_ spec: OptionSpec, _ value: OptionValue, _ c: Context, into ev: inout [Event]) {
        guard spec.level == Platform.ipprotoIP, case .int(let v) = value, v == 0, multicastLeavesThroughLo(c.socket)
        else { return }
        switch spec.name {
        case "IP_MULTICAST_LOOP":
            ev.append(.note("on lo this changes nothing: this socket's multicast goes out lo, and lo hands every "
                + "packet back as if it came from another host, so members here still receive it; to see the "
                + "loop off work (the sender's host stops hearing, another host still does), use the lab: "
                + "`sockshell --lab`"))
        case "IP_MULTICAST_TTL":
            ev.append(.note("on lo this changes nothing you can see: TTL 0 keeps datagrams off every link, but "
                + "members on this host still get their copy; to see a group member on another host stop "
                + "receiving, use the lab: `sockshell --lab`"))
        default: break
        }
    }

    /// Whether an IPv4 UDP socket's multicast goes out lo: IP_MULTICAST_IF is a 127.x address, or none is set
    /// and this namespace routes 224.0.0.0/4 through lo (as the private namespace of the lessons does).
    /// A socket on a lab host is not in the shell's namespace (whose route table /proc/net/route shows): every
    /// lab host routes the groups through its lab link (SPEC §7), so it never goes out lo.
    func multicastLeavesThroughLo(_ s: Socket) -> Bool {
        guard s.family == Platform.afInet, !s.isTCP else { return false }
        let (r, bytes) = s.getOption(level: Platform.ipprotoIP, name: IP_MULTICAST_IF, capacity: 4)
        if r.error == nil, bytes.count == 4 {
            if bytes[0] == 127 { return true }
            if bytes != [0, 0, 0, 0] { return false }
        }
        // Read in the socket's own namespace: a lab host's, not the shell's home (which, without root, is a private
        // namespace that routes 224.0.0.0/4 through lo).
        if let lab = network as? LabNetwork, let name = lab.hostOf(socket: s.fd), let host = lab.host(name) {
            return LabSystem.within(host.namespace) { Session.multicastRouteIsLo() }
        }
        return Session.multicastRouteIsLo()
    }

    /// True when the calling thread's namespace routes 224.0.0.0/4 on lo (/proc/thread-self/net/route: destination
    /// and mask are little-endian hex there; thread-self, as setns moves a thread, not the process).
    static func multicastRouteIsLo() -> Bool {
        guard let bytes = KernelFile.read("/proc/thread-self/net/route", limit: 8192), !bytes.isEmpty else {
            return false
        }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let f = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            if f.count > 7, f[0] == "lo", f[1] == "000000E0", f[7] == "000000F0" { return true }
        }
        return false
    }

    static func groupText(_ value: OptionValue) -> String {
        switch value {
        case .mreqn(let g, _, _): return SocketAddress.ipv4(address: g, port: 0).host
        case .mreq6(let g, _): return SocketAddress.ipv6(address: g, port: 0, scope: 0).host
        default: return "the group"
        }
    }

    static func isMulticast(_ value: OptionValue) -> Bool {
        switch value {
        case .mreqn(let g, _, _): return g.first.map { $0 >= 224 && $0 <= 239 } ?? false
        case .mreq6(let g, _): return g.first == 0xff
        default: return true
        }
    }

    static func isLimitedBroadcast(_ a: SocketAddress?) -> Bool {
        if case .ipv4(let ip, _)? = a { return ip == [255, 255, 255, 255] }
        return false
    }

    /// Remembers the group a successful sendto went to (see `noteUnjoinedGroup`).
    func rememberGroupSent(_ dest: SocketAddress?, _ r: SysResult, _ c: Context) {
        guard r.error == nil, case .ipv4(let ip, _)? = dest, ip[0] >= 224, ip[0] <= 239 else { return }
        c.entry?.lastGroupSent = dest
    }

    /// A datagram at a socket that never joined a group, from a socket of this session that last sent to a group
    /// on this socket's port, while this socket is bound to that port on the any address and IP_MULTICAST_ALL
    /// is on: the group's datagram reached it without a join. Said because the course teaches "join to receive".
    func noteUnjoinedGroup(from: SocketAddress?, _ c: Context, into ev: inout [Event]) {
        guard let e = c.entry, e.memberships.isEmpty, e.socket.family == Platform.afInet, let from,
              case .ipv4(let local, let port)? = e.socket.localAddress, local == [0, 0, 0, 0],
              let sender = entries.first(where: { Session.mayHaveSent($0.socket.localAddress, from) }),
              let group = sender.lastGroupSent, group.port == port,
              e.socket.intOption(level: Platform.ipprotoIP, name: IP_MULTICAST_ALL) == 1
        else { return }
        ev.append(.note("this socket never joined \(group.host), yet the group's datagram reached it: it is bound "
            + "to the group's port on the any address, and with IP_MULTICAST_ALL on (the default) Linux delivers "
            + "every group this host has joined (here by another socket); `setopt IP_MULTICAST_ALL off` limits it to "
            + "the groups this socket joins itself"))
    }

    /// Whether a socket bound to `local` (perhaps on the any address) is the sender `from`.
    static func mayHaveSent(_ local: SocketAddress?, _ from: SocketAddress) -> Bool {
        guard case .ipv4(let ip, let port)? = local, case .ipv4(let fip, let fport) = from, port == fport else {
            return false
        }
        return ip == fip || ip == [0, 0, 0, 0]
    }
}
