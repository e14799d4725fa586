import SocketCore

/// join and leave: IP_ADD/DROP_MEMBERSHIP, IPV6_JOIN/LEAVE_GROUP.
extension Session {
    func cmdMembership(_ a: inout Args, _ c: Context, join: Bool, into ev: inout [Event]) throws(InputError) {
        let s = c.socket
        let v6 = s.family == Platform.afInet6
        let name =
            v6 ? (join ? "IPV6_JOIN_GROUP" : "IPV6_LEAVE_GROUP") : (join ? "IP_ADD_MEMBERSHIP" : "IP_DROP_MEMBERSHIP")
        guard let spec = OptionCatalog.lookup(name) else { throw a.fail("\(name) is missing from the option table") }
        if s.family == Platform.afUnix { throw a.fail("multicast needs an IPv4 or IPv6 UDP socket, not AF_UNIX") }
        let value = try optionValue(spec, &a, family: s.family)
        try a.end()
        apply(spec, value, c, into: &ev)
    }
}
