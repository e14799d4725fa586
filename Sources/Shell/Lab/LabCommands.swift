import Glibc
import SocketCore

/// host, link, reboot, lab (SPEC §7).
extension Session {
    /// The lab host new sockets are created on, for the prompt (`sockshell[a](s1)> `); nil outside the lab.
    public var labHost: String? { lab?.currentHost }

    /// The lab, or an input error saying how to get one.
    func requireLab(_ a: Args) throws(InputError) -> LabNetwork {
        guard let l = lab else {
            throw a.fail("no lab in this session: start sockshell with --lab (hosts a and b on one link) or "
                + "--lab-routed (a - r - b)")
        }
        return l
    }

    /// A lab host name typed by the user, checked.
    func labHostName(_ t: Token, _ lab: LabNetwork, _ a: Args) throws(InputError) -> String {
        guard lab.hostNames.contains(t.text) else {
            throw a.fail("no lab host '\(t.text.prefix(40))': hosts are \(lab.hostNames.joined(separator: ", "))")
        }
        return t.text
    }

    /// A name given with `as NAME` must not be a lab host's (`b:80` names the host).
    func validateNotLabHost(_ name: String, usage: String) throws(InputError) {
        if let l = lab, l.hostNames.contains(name) {
            throw InputError("'\(name)' is a lab host's name: pick another name", usage: usage)
        }
    }

    /// `NAME:PORT` / `[NAME]:PORT` of a lab host, or nil when the word names none (SPEC §7: lab names win).
    func labAddress(_ word: String, family: Int32, usage: String) throws(InputError) -> SocketAddress? {
        guard let l = lab, family != Platform.afUnix, let r = l.resolve(word, family: family) else { return nil }
        switch r {
        case .success(let addr): return addr
        case .failure(.badPort(let p)):
            throw InputError("bad port '\(p.prefix(20))' in '\(word.prefix(60))': use 0-65535", usage: usage)
        case .failure(.v6OnV4(let n)):
            throw InputError("[\(n)] is host \(n)'s IPv6 address, and this is an IPv4 socket: use \(n):PORT, or a "
                + "socket made with `socket tcp 6` / `socket udp 6`", usage: usage)
        }
    }

    /// A handle used as an address in the lab: a socket bound to the wildcard is reached at the address of the
    /// host it lives on (`connect srv` from a reaches srv on b), not on loopback.
    func labAddress(ofHandle fd: Int32, local: SocketAddress, family: Int32, usage: String) throws(InputError)
        -> SocketAddress?
    {
        guard let l = lab, let port = local.port, let host = l.hostOf(socket: fd) else { return nil }
        switch local {
        case .ipv4(let ip, _) where ip == [0, 0, 0, 0]: break
        case .ipv6(let ip, _, _) where ip.allSatisfy({ $0 == 0 }): break
        default: return nil
        }
        return try labAddress("\(host):\(port)", family: family, usage: usage)
    }

    /// In the lab, the socket the command runs on: interface names are looked up on its host.
    func labCommandSocket(_ fd: Int32?) {
        if let l = lab { l.commandSocket = fd }
    }

    /// An interface's index by name (`join GROUP eth0`, IP_MULTICAST_IF eth0): in the lab, as the host of the
    /// command's socket names it (each host has its own eth0), else as the shell's namespace does.
    func interfaceIndex(_ name: String) -> UInt32 {
        guard let l = lab else { return Sys.if_nametoindex(name) }
        return l.interfaceIndex(name)
    }

    func hostNote(_ lab: LabNetwork, _ name: String) -> Line {
        let h = lab.plan.hosts.first { $0.name == name }!
        let addrs = h.interfaces.map { "\(v4Text($0.v4)), \(v6Text($0.v6))" }.joined(separator: "; ")
        return "new sockets are created on host \(name) (\(addrs))"
    }

    func cmdHost(_ host: String?, into ev: inout [Event]) throws(InputError) {
        guard let lab else { return }
        guard let name = host else {
            ev.append(.note(hostNote(lab, lab.currentHost)))
            return
        }
        lab.select(name)
        ev.append(.note(hostNote(lab, name)))
    }

    func cmdLink(_ verb: String, _ who: String?, into ev: inout [Event]) throws(InputError) {
        guard let lab else { return }
        var links = lab.links(of: who)
        if verb == "restore" {
            // Only a cut link is restored: naming the others would say something changed on them.
            let cut = links.filter { lab.cutLinks.contains($0) }
            guard !cut.isEmpty else {
                ev.append(.note("link \(links.joined(separator: ", ")) is not cut: nothing to restore"))
                return
            }
            links = cut
        }
        let done: [(host: String, command: String)]
        do { done = try lab.setCut(links, cut: verb == "cut") } catch {
            ev.append(.warning(Line(error.description)))
            return
        }
        let names = links.joined(separator: ", ")
        if verb == "cut" {
            ev.append(.note("link \(names) cut: packets on it are dropped silently, both ways; the link stays up"))
        } else {
            ev.append(.note("link \(names) restored: packets flow again"))
        }
        for d in done { ev.append(.note("  on \(d.host): \(d.command)")) }
    }

    func cmdReboot(_ name: String, into ev: inout [Event]) throws(InputError) {
        guard let lab else { return }
        let victims = entries.filter { lab.hostOf(socket: $0.fd) == name }
        do {
            try lab.silenced(name) {
                for e in victims {
                    // Abort, not close: no FIN, no lingering, no TIME_WAIT; the RST it sends dies in the
                    // blackhole qdisc put on the host's links for the moment.
                    var off = linger(l_onoff: 1, l_linger: 0)
                    _ = setsockopt(e.fd, SOL_SOCKET, SO_LINGER, &off, socklen_t(MemoryLayout<linger>.size))
                    _ = e.socket.close()
                    unregister(e)
                }
            }
        } catch {
            ev.append(.warning(Line(error.description)))
            return
        }
        let gone = victims.isEmpty ? "it held no sockets" : "\(victims.map(\.handle).joined(separator: ", ")) vanished"
        ev.append(.note("host \(name) rebooted: \(gone); no FIN or RST reached any peer"))
        if !victims.isEmpty {
            ev.append(.note("a segment that now reaches \(name) for one of those connections is answered with RST"))
        }
    }

    func cmdLab(into ev: inout [Event]) throws(InputError) {
        guard let lab else { return }
        var rows: [[Line]] = []
        for h in lab.plan.hosts {
            for i in h.interfaces {
                rows.append([
                    Line(h.name == lab.currentHost ? "*" : " "), Line(h.name), Line(i.name), Line(v4Text(i.v4) + "/24"),
                    Line(v6Text(i.v6) + "/64"), Line(i.link), Line(lab.cutLinks.contains(i.link) ? "cut" : "up"),
                ])
            }
        }
        ev.append(.table(Table(headers: ["", "HOST", "IFACE", "IPV4", "IPV6", "LINK", "STATE"], rows: rows)))
        if let r = lab.plan.router { ev.append(.note("\(r) forwards between its links (ip_forward on)")) }
        ev.append(.note("neighbours are fixed (permanent ARP/NDP entries): a cut link is silence, never EHOSTUNREACH"))
        let cut = lab.plan.links.filter { lab.cutLinks.contains($0) }
        ev.append(.note(cut.isEmpty ? "faults: none" : "faults: link \(cut.joined(separator: ", ")) cut"))
    }
}
