// recvmsg's destination group and TTL, and the membership record of info, for multicast: only inside a private
// network namespace (SPEC section 6), like the other multicast tests.

import Testing

@Suite("Multicast control messages and memberships (private namespace)", .serialized)
struct ControlMessageNamespaceTests {
    @Test("recvmsg names the group a datagram was sent to and its TTL; info lists joins and the host's view")
    func groupAndTTL() throws {
        let script = """
            socket udp as rx
            setopt SO_REUSEADDR on
            bind 0.0.0.0:5000
            join 239.1.2.3 lo
            join 239.1.2.4 127.0.0.1
            setopt IP_PKTINFO on
            setopt IP_RECVTTL on
            socket udp as rx2
            setopt SO_REUSEADDR on
            bind 0.0.0.0:5000
            join 239.1.2.3 lo
            socket udp as tx
            setopt IP_MULTICAST_TTL 4
            sendto 239.1.2.4:5000 second
            @rx recvmsg
            @rx leave 239.1.2.4 127.0.0.1
            @rx info
            """
        guard let (r, lines) = try NamespaceRunner.run(script, test: "groupAndTTL") else { return }
        #expect(r.status == 0, "\(r.summary)")
        expectInOrder(lines, [
            "recvmsg(3, {msg_name={AF_INET, 127.0.0.1:*}, msg_namelen=16, msg_iov=[{iov_base=\"second\", "
                + "iov_len=65536}], msg_iovlen=1, msg_control=[{cmsg_len=28, cmsg_level=SOL_IP, cmsg_type=IP_PKTINFO, "
                + "cmsg_data={ipi_ifindex=if_nametoindex(\"lo\"), ipi_spec_dst=inet_addr(\"127.0.0.1\"), "
                + "ipi_addr=inet_addr(\"239.1.2.4\")}}, {cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=IP_TTL, "
                + "cmsg_data=[4]}], msg_controllen=56, msg_flags=0}, 0) = 6",
            "  IP_PKTINFO: sent to 239.1.2.4 (the multicast group), arrived on lo",
            "  IP_TTL: the datagram arrived with TTL 4",
            "  groups    239.1.2.3 on lo",
            "  host view 239.1.2.3: lo (2 users)",
        ])
    }
}
