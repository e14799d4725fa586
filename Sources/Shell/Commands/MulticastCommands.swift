import SocketCore

/// join and leave: IP_ADD/DROP_MEMBERSHIP, IPV6_JOIN/LEAVE_GROUP.
extension Session {
    func cmdMembership(_ q: OptionRequest, _ c: Context, join: Bool, into ev: inout [Event]) throws(InputError) {
        apply(q.spec, try resolvingInterface(q, RunUsage(join ? .join : .leave)), c, into: &ev)
    }
}
