// Multicast and broadcast, which must never leave the machine: run inside a private network namespace set up
// as SPEC §6 says. Serialized: each test makes its own namespace, and they are few.

import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs sockshell on a script inside a fresh network namespace (lo up, multicast on, 224.0.0.0/4 via lo).
enum NamespaceRunner {
    /// The setup of SPEC §6, then sockshell on the script.
    static let setup = "PATH=/usr/sbin:/sbin:/usr/bin:/bin:$PATH; ip link set lo up && ip link set lo multicast on"
        + " && ip route add 224.0.0.0/4 dev lo src 127.0.0.1 && exec \"$0\" \"$@\""

    /// The unshare arguments that work here: a network namespace, or user+network for non-root; nil when neither.
    static let unshareArguments: [String]? = {
        for args in [["-n"], ["-U", "-r", "-n"]] {
            let probe = try? runSubprocess("unshare", args + ["sh", "-c", setup, "true"], timeout: 30)
            if probe?.status == 0 { return args }
        }
        return nil
    }()

    /// Runs `sockshell --timeout 3s FILE` in the namespace; nil (after printing SKIPPED) when none can be made.
    static func run(_ script: String, test: String) throws -> (ProcessResult, [String])? {
        guard let args = unshareArguments else {
            print("SKIPPED \(test): no private network namespace can be made here (tried `unshare -n` and "
                      + "`unshare -U -r -n`; needs root or unprivileged user namespaces)")
            return nil
        }
        let dir = try makeTemporaryDirectory("sockshell-netns")
        defer { removeTree(dir) }
        let path = dir + "/script.txt"
        try writeTextFile(path, script)
        let r = try runSubprocess("unshare", args + ["sh", "-c", setup, locateSockshell(), "--timeout", "3s", path],
                                  timeout: 30)
        return (r, r.stdout.split(separator: "\n").map(String.init))
    }
}

@Suite("Private network namespace", .serialized)
struct NamespaceTests {
    @Test("IPv4 multicast: join, TTL and IF, send to the group, recv shows the sender, leave, no more delivery")
    func multicast() throws {
        let script = """
            socket udp as rx
            bind 0.0.0.0:5000
            join 239.1.2.3
            join 239.1.2.4 lo
            socket udp as tx
            bind 127.0.0.1:5001
            setopt IP_MULTICAST_TTL 1
            getopt IP_MULTICAST_TTL
            setopt IP_MULTICAST_IF 127.0.0.1
            getopt IP_MULTICAST_IF
            getopt IP_MULTICAST_LOOP
            sendto 239.1.2.3:5000 "to the group"
            @rx recv
            sendto 239.1.2.4:5000 second group
            @rx recv
            @rx leave 239.1.2.3
            @rx leave 239.1.2.4 lo
            sendto 239.1.2.3:5000 after leave
            sleep 100ms
            @rx recv dontwait
            @rx leave 239.1.2.3
            """
        guard let (r, lines) = try NamespaceRunner.run(script, test: "multicast") else { return }
        #expect(r.status == 0, "\(r.summary)")
        expectInOrder(lines, [
            "rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 3",
            "bind(3, {AF_INET, 0.0.0.0:5000}, 16) = 0",
            "setsockopt(3, IPPROTO_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr(\"239.1.2.3\"), "
                + "imr_address=inet_addr(\"0.0.0.0\"), imr_ifindex=0}, 12) = 0",
            "setsockopt(3, IPPROTO_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr(\"239.1.2.4\"), "
                + "imr_address=inet_addr(\"0.0.0.0\"), imr_ifindex=1}, 12) = 0",
            "setsockopt(4, IPPROTO_IP, IP_MULTICAST_TTL, [1], 4) = 0",
            "getsockopt(4, IPPROTO_IP, IP_MULTICAST_TTL, [1], [4]) = 0",
            "setsockopt(4, IPPROTO_IP, IP_MULTICAST_IF, {*imr_address=inet_addr(\"127.0.0.1\")*}, 12) = 0",
            "getsockopt(4, IPPROTO_IP, IP_MULTICAST_IF, [inet_addr(\"127.0.0.1\")], [4]) = 0",
            "getsockopt(4, IPPROTO_IP, IP_MULTICAST_LOOP, [1], [4]) = 0",
            "sendto(4, \"to the group\", 12, 0, {AF_INET, 239.1.2.3:5000}, 16) = 12",
            "recvfrom(3, \"to the group\", 65536, 0, {AF_INET, 127.0.0.1:5001}, [16]) = 12",
            "sendto(4, \"second group\", 12, 0, {AF_INET, 239.1.2.4:5000}, 16) = 12",
            "recvfrom(3, \"second group\", 65536, 0, {AF_INET, 127.0.0.1:5001}, [16]) = 12",
            "setsockopt(3, IPPROTO_IP, IP_DROP_MEMBERSHIP, {imr_multiaddr=inet_addr(\"239.1.2.3\")*}, 12) = 0",
            "setsockopt(3, IPPROTO_IP, IP_DROP_MEMBERSHIP, {imr_multiaddr=inet_addr(\"239.1.2.4\")*}, 12) = 0",
            "sendto(4, \"after leave\", 11, 0, {AF_INET, 239.1.2.3:5000}, 16) = 11",
            "recvfrom(3, *, 65536, MSG_DONTWAIT, 0x..., [128]) = -1 EAGAIN (Resource temporarily unavailable)",
            "setsockopt(3, IPPROTO_IP, IP_DROP_MEMBERSHIP, *) = -1 EADDRNOTAVAIL *",
        ])
    }

    @Test("broadcast: EACCES without SO_BROADCAST, delivered with it")
    func broadcast() throws {
        let script = """
            socket udp as rx
            bind 0.0.0.0:6000
            socket udp as tx
            bind 127.0.0.1:6001
            getopt SO_BROADCAST
            sendto 127.255.255.255:6000 without the option
            setopt SO_BROADCAST on
            getopt SO_BROADCAST
            sendto 127.255.255.255:6000 with the option
            @rx recv
            """
        guard let (r, lines) = try NamespaceRunner.run(script, test: "broadcast") else { return }
        #expect(r.status == 0, "\(r.summary)")
        expectInOrder(lines, [
            "getsockopt(4, SOL_SOCKET, SO_BROADCAST, [0], [4]) = 0",
            "sendto(4, \"without the option\", 18, 0, {AF_INET, 127.255.255.255:6000}, 16) = -1 EACCES "
                + "(Permission denied)",
            "  note: *SO_BROADCAST*",
            "setsockopt(4, SOL_SOCKET, SO_BROADCAST, [1], 4) = 0",
            "getsockopt(4, SOL_SOCKET, SO_BROADCAST, [1], [4]) = 0",
            "sendto(4, \"with the option\", 15, 0, {AF_INET, 127.255.255.255:6000}, 16) = 15",
            "recvfrom(3, \"with the option\", 65536, 0, {AF_INET, 127.0.0.1:6001}, [16]) = 15",
        ])
        #expect(!lines.contains { $0.contains("without the option\", 65536") }, "the refused datagram never arrives")
    }

    @Test("the namespace is private: a fixed port there does not collide, and nothing else is reachable")
    func isolation() throws {
        let script = """
            socket udp as a
            bind 127.0.0.1:5000
            socket tcp
            connect 10.255.255.1:9
            """
        guard let (r, lines) = try NamespaceRunner.run(script, test: "isolation") else { return }
        #expect(r.status == 0, "\(r.summary)")
        expectInOrder(lines, [
            "bind(3, {AF_INET, 127.0.0.1:5000}, 16) = 0",
            "connect(4, {AF_INET, 10.255.255.1:9}, 16) = -1 ENETUNREACH (Network is unreachable)",
        ])
    }
}
