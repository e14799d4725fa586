// The host's view of group memberships: /proc/net/igmp and igmp6 as the kernel writes them.

import Testing

@testable import Shell

@Suite("Host memberships from /proc")
struct MembershipParseTests {
    @Test("igmp: groups per device, network-order addresses printed as host integers, users")
    func igmp() {
        let text = """
            Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter
            1\tlo        :     2      V3
            \t\t\t\t030201EF     2 0:00000000\t\t0
            \t\t\t\t010000E0     1 0:00000000\t\t0
            4\teth0      :     1      V3
            \t\t\t\t010000E0     1 0:00000000\t\t0
            """
        #expect(Session.parseIGMP(text) == [
            HostMembership(interface: "lo", group: "239.1.2.3", users: 2),
            HostMembership(interface: "lo", group: "224.0.0.1", users: 1),
            HostMembership(interface: "eth0", group: "224.0.0.1", users: 1),
        ])
    }

    @Test("igmp6: one line per membership")
    func igmp6() {
        let text = "1    lo              ff020000000000000000000000010003     1 00000004 0\n"
        #expect(Session.parseIGMP6(text) == [HostMembership(interface: "lo", group: "ff02::1:3", users: 1)])
    }
}
