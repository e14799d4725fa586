import CSocketShims
import Glibc
import SocketCore

/// The lab of SPEC §7: each host a network namespace the shell holds an fd of, joined by veth links.
///
/// Why fds and nothing else: no named namespace, no mount, no process outlives the set-up. When the shell
/// exits — normally, by a signal, a crash or SIGKILL — the kernel closes its fds and sockets, frees each
/// namespace, and a veth pair goes with the first of its namespaces.
public final class LabNetwork: SessionNetwork {
    /// One host of the lab.
    struct Host {
        let plan: LabPlan.Host
        /// An open fd of its network namespace.
        let namespace: Int32
        /// Its namespace's inode, to tell which host a socket lives on (SIOCGSKNS).
        let inode: UInt64
        var name: String { plan.name }
    }

    public let shape: LabShape
    let plan: LabPlan
    private(set) var hosts: [Host]
    /// Where new sockets are made.
    public private(set) var currentHost: String
    /// Links whose interfaces drop everything (`link cut`).
    private(set) var cutLinks: Set<String> = []
    private let home: Int32

    private init(shape: LabShape, plan: LabPlan, hosts: [Host], home: Int32) {
        self.shape = shape
        self.plan = plan
        self.hosts = hosts
        self.home = home
        currentHost = plan.hosts[0].name
    }

    deinit { for h in hosts { _ = Sys.close(h.namespace) } }

    /// Makes the lab: namespaces, veth links, addresses, routes, forwarding on the router.
    public static func build(_ shape: LabShape) throws(LabError) -> LabNetwork {
        let home = try LabSystem.homeNamespace()
        _ = try LabSystem.toolPath("ip")
        _ = try LabSystem.toolPath("tc")
        let plan = shape.plan
        var hosts: [Host] = []
        for h in plan.hosts {
            let made = NetNamespace.make()
            LabSystem.comeHome()
            guard let fd = made.descriptor else {
                for made in hosts { _ = Sys.close(made.namespace) }
                throw LabError("sockshell: --lab: cannot make a network namespace: \(made.error!.message)")
            }
            hosts.append(Host(plan: h, namespace: fd, inode: NetNamespace.inode(fd) ?? 0))
        }
        let lab = LabNetwork(shape: shape, plan: plan, hosts: hosts, home: home)
        try lab.wire()
        lab.waitUntilReady()
        return lab
    }

    /// One `ip -batch` per host: the host that comes first on a link makes the veth pair with its peer end
    /// straight in the other host's namespace (fd 9 of the child), then each host sets its own side up.
    private func wire() throws(LabError) {
        // Interfaces made from now on skip duplicate address detection and router solicitation: on a link whose
        // addresses the lab alone gives, both only put start-up chatter on the wire view (the link-local DAD
        // probes, the RS) that would differ from run to run.
        for h in hosts {
            try LabSystem.writeSysctl("net/ipv6/conf/default/accept_dad", "0", in: h.namespace, host: h.name)
            try LabSystem.writeSysctl("net/ipv6/conf/default/router_solicitations", "0", in: h.namespace, host: h.name)
        }
        var made: Set<String> = []
        for h in hosts {
            var batch = "link set lo up\n"
            var peer: Int32 = -1
            for i in h.plan.interfaces where !made.contains(i.link) {
                // One new link per run: fd 9 names one peer namespace.
                guard peer < 0, let other = plan.ends(of: i.link).first(where: { $0.host != h.name }),
                    let otherHost = host(other.host)
                else { continue }
                // Each end gets an ifindex of its own: when the two ends of a veth pair share one (both are the
                // first interface after lo in their namespace), the kernel takes the carrier change for a
                // non-urgent event and reports the link running only up to a second later.
                batch += "link add name \(i.name) index \(ifindex(i)) address \(macText(i.v4)) type veth peer name "
                    + "\(other.interface.name) index \(ifindex(other.interface)) address \(macText(other.interface.v4)) "
                    + "netns /proc/self/fd/9\n"
                peer = otherHost.namespace
                made.insert(i.link)
            }
            try LabSystem.run(tool: "ip", in: h.namespace, batch: batch, extra: peer)
        }
        // Every interface exists now (in the routed lab a makes a-r, r makes r-b).
        for h in hosts {
            var batch = ""
            for i in h.plan.interfaces {
                batch += "addr add \(v4Text(i.v4))/24 dev \(i.name)\n"
                batch += "addr add \(v6Text(i.v6))/64 dev \(i.name) nodad\n"
                batch += "link set \(i.name) up\n"
            }
            // Neighbours are fixed (permanent ARP and NDP entries), as the MACs are: a cut link is then pure
            // silence. With ARP, a connect behind a cut link ends in EHOSTUNREACH once the neighbour entry fails
            // (about 3 s), not in the ETIMEDOUT of a silent peer, and the lessons would depend on that race.
            for i in h.plan.interfaces {
                for other in plan.ends(of: i.link) where other.host != h.name {
                    let o = other.interface
                    batch += "neigh replace \(v4Text(o.v4)) lladdr \(macText(o.v4)) dev \(i.name) nud permanent\n"
                    batch += "neigh replace \(v6Text(o.v6)) lladdr \(macText(o.v4)) dev \(i.name) nud permanent\n"
                }
            }
            // Multicast leaves through the host's (first) lab link, so it crosses hosts (SPEC §7).
            batch += "route add 224.0.0.0/4 dev \(h.plan.interfaces[0].name)\n"
            if let r = plan.router, r != h.name, let router = plan.hosts.first(where: { $0.name == r }),
                let mine = h.plan.interfaces.first,
                let gateway = router.interfaces.first(where: { $0.link == mine.link })
            {
                // Only the other lab subnets go through the router (198.18.2.0/24, fd00:5c:2::/64): no default
                // route, nothing toward the machine's real network. (fd00:5c:1:: and fd00:5c:2:: lie in two
                // different /48s, so one fd00:5c::/48 route would not reach the far side.)
                for link in plan.links where link != mine.link {
                    guard let far = plan.ends(of: link).first?.interface else { continue }
                    batch += "route add \(v4Text(Array(far.v4.prefix(3)) + [0]))/24 via \(v4Text(gateway.v4))\n"
                    batch += "route add \(v6Text(Array(far.v6.prefix(8)) + [UInt8](repeating: 0, count: 8)))/64 "
                        + "via \(v6Text(gateway.v6))\n"
                }
            }
            try LabSystem.run(tool: "ip", in: h.namespace, batch: batch)
        }
        if let r = plan.router, let router = host(r) {
            try LabSystem.writeSysctl("net/ipv4/ip_forward", "1", in: router.namespace, host: r)
            try LabSystem.writeSysctl("net/ipv6/conf/all/forwarding", "1", in: router.namespace, host: r)
        }
    }

    /// A distinct interface index per lab interface (10, 11, ...), in the plan's order.
    func ifindex(_ i: LabPlan.Interface) -> Int {
        let all = plan.hosts.flatMap(\.interfaces)
        return 10 + (all.firstIndex { $0.v4 == i.v4 } ?? 0)
    }

    func host(_ name: String) -> Host? { hosts.first { $0.name == name } }

    /// Lab host names, in the plan's order.
    public var hostNames: [String] { hosts.map(\.name) }

    /// Makes `name` the host where new sockets are created.
    func select(_ name: String) { currentHost = name }

    // MARK: SessionNetwork

    public func withCurrentHost<T>(_ body: () throws -> T) rethrows -> T {
        guard let h = host(currentHost) else { return try body() }
        return try LabSystem.within(h.namespace, body)
    }

    /// One capture point per link, at the interface of the link's first host (a for a-b and a-r, r for r-b):
    /// a packet that crossed the link passes it once, and a packet a cut link dropped (at the sender's qdisc,
    /// before the wire) never shows.
    public var capturePoints: [CapturePoint] {
        plan.links.compactMap { link in
            guard let end = plan.ends(of: link).first, let h = host(end.host) else { return nil }
            return CapturePoint(label: link, namespaceFD: h.namespace, interface: end.interface.name)
        }
    }

    public func withNamespace<T>(of point: CapturePoint, _ body: () throws -> T) rethrows -> T {
        guard let fd = point.namespaceFD else { return try body() }
        return try LabSystem.within(fd, body)
    }

    /// Each host's name and an open fd of its network namespace (for whatever must look inside every host, such
    /// as a socket table read through sock_diag). The fds belong to the lab: do not close them.
    public var hostNamespaces: [(name: String, namespaceFD: Int32)] { hosts.map { ($0.name, $0.namespace) } }

    public func hostName(ofAddress address: SocketAddress) -> String? {
        for h in plan.hosts {
            for i in h.interfaces {
                switch address {
                case .ipv4(let a, _) where a == i.v4: return h.name
                case .ipv6(let a, _, _) where a == i.v6 || a == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] + i.v4:
                    return h.name
                default: continue
                }
            }
        }
        return nil
    }

    // MARK: Names as addresses

    /// `NAME:PORT` (IPv4, or IPv6 on an IPv6 socket) or `[NAME]:PORT` (IPv6) of a lab host; nil when the word
    /// names no lab host (then it is an ordinary address). The router's address is the one on the current
    /// host's link (from a, r is 198.18.1.254; from b, 198.18.2.254).
    func resolve(_ word: String, family: Int32) -> Result<SocketAddress, LabNameError>? {
        var name: Substring
        var portText: Substring
        var wantV6 = family == Platform.afInet6
        if word.hasPrefix("["), let close = word.firstIndex(of: "]") {
            name = word[word.index(after: word.startIndex)..<close]
            let after = word[word.index(after: close)...]
            guard after.hasPrefix(":") else { return nil }
            portText = after.dropFirst()
            wantV6 = true
        } else {
            guard let colon = word.lastIndex(of: ":") else { return nil }
            name = word[..<colon]
            portText = word[word.index(after: colon)...]
        }
        guard let h = plan.hosts.first(where: { $0.name == name }) else { return nil }
        guard let port = UInt16(portText) else { return .failure(.badPort(String(portText))) }
        let here = plan.hosts.first { $0.name == currentHost }?.interfaces.map(\.link) ?? []
        let i = h.interfaces.first { here.contains($0.link) } ?? h.interfaces[0]
        if wantV6 {
            if family == Platform.afInet { return .failure(.v6OnV4(String(name))) }
            return .success(.ipv6(address: i.v6, port: port, scope: 0))
        }
        if family == Platform.afInet6 {
            return .success(.ipv6(address: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] + i.v4, port: port, scope: 0))
        }
        return .success(.ipv4(address: i.v4, port: port))
    }

    enum LabNameError: Error {
        case badPort(String)
        case v6OnV4(String)
    }

    // MARK: Faults

    /// The links of `host` (nil: every link).
    func links(of host: String?) -> [String] {
        guard let name = host, let h = plan.hosts.first(where: { $0.name == name }) else { return plan.links }
        return h.interfaces.map(\.link)
    }

    /// Puts a blackhole qdisc on both ends of each link (cut) or takes it off (restore). Returns the tc command
    /// run on each host, for the notes.
    func setCut(_ links: [String], cut: Bool) throws(LabError) -> [(host: String, command: String)] {
        var done: [(String, String)] = []
        for h in hosts {
            let mine = h.plan.interfaces.filter { links.contains($0.link) }
            guard !mine.isEmpty else { continue }
            let lines = mine.map {
                cut ? "qdisc replace dev \($0.name) root blackhole" : "qdisc del dev \($0.name) root"
            }
            // Deleting a qdisc that is not there fails: restore only what is cut.
            let wanted = cut ? lines : zip(mine, lines).filter { cutLinks.contains($0.0.link) }.map(\.1)
            guard !wanted.isEmpty else { continue }
            try LabSystem.run(tool: "tc", in: h.namespace, batch: wanted.joined(separator: "\n") + "\n")
            for l in wanted { done.append((h.name, "tc " + l)) }
        }
        for l in links { if cut { cutLinks.insert(l) } else { cutLinks.remove(l) } }
        return done
    }

    /// Runs `body` with the egress of `host`'s interfaces dropped (unless already cut), so what the host sends
    /// meanwhile never reaches the wire.
    func silenced<T>(_ host: String, _ body: () -> T) throws(LabError) -> T {
        guard let h = self.host(host) else { return body() }
        let open = h.plan.interfaces.filter { !cutLinks.contains($0.link) }
        if !open.isEmpty {
            try LabSystem.run(tool: "tc", in: h.namespace,
                              batch: open.map { "qdisc replace dev \($0.name) root blackhole\n" }.joined())
        }
        let r = body()
        // Sockets the session no longer holds (closed earlier, still finishing in FIN_WAIT or LAST_ACK) die too,
        // through sock_diag's destroy (ss -K); their RSTs end in the same blackhole. Without ss they stay.
        if (try? LabSystem.toolPath("ss")) != nil {
            try? LabSystem.run(tool: "ss", ["-K", "-a", "-t", "-u"], in: h.namespace)
        }
        if !open.isEmpty {
            try LabSystem.run(tool: "tc", in: h.namespace,
                              batch: open.map { "qdisc del dev \($0.name) root\n" }.joined())
        }
        return r
    }

    /// The socket of the command being run (set by the session before each command), or nil.
    var commandSocket: Int32?

    /// `if_nametoindex` in the namespace of the command's socket, or of the current host.
    func interfaceIndex(_ name: String) -> UInt32 {
        if let fd = commandSocket, let ns = NetNamespace.of(socket: fd).descriptor {
            defer { _ = Sys.close(ns) }
            return LabSystem.within(ns) { Sys.if_nametoindex(name) }
        }
        return withCurrentHost { Sys.if_nametoindex(name) }
    }

    /// The lab host a socket lives on (by the inode of its namespace, SIOCGSKNS), or nil.
    func hostOf(socket fd: Int32) -> String? {
        guard let ns = NetNamespace.of(socket: fd).descriptor else { return nil }
        defer { _ = Sys.close(ns) }
        guard let inode = NetNamespace.inode(ns) else { return nil }
        return hosts.first { $0.inode == inode }?.name
    }
}

func v4Text(_ a: [UInt8]) -> String { a.map { String($0) }.joined(separator: ".") }

/// The fixed MAC of a lab interface: locally administered (02), then 5c and its IPv4 address.
func macText(_ v4: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    return (["02", "5c"] + v4.map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }).joined(separator: ":")
}

func v6Text(_ a: [UInt8]) -> String {
    SocketAddress.ipv6(address: a, port: 0, scope: 0).host
}
