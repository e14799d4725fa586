import Glibc
import SocketCore

/// One multicast membership a socket holds, as the shell made it.
struct Membership: Equatable {
    /// The group address as text (`239.1.2.3`, `ff02::1:3`).
    var group: String
    /// The interface index the kernel was given (0: chosen by address or route).
    var ifindex: Int32
    /// IPv4: the interface address given (`0.0.0.0` when none).
    var interfaceAddress: String

    /// `239.1.2.3 on lo`, `239.1.2.3 on the interface of 127.0.0.1`, `239.1.2.3 (interface by route)`.
    var text: String {
        if ifindex > 0 { return "\(group) on \(Session.ifName(UInt32(ifindex)))" }
        if interfaceAddress != "0.0.0.0", !interfaceAddress.isEmpty {
            return "\(group) on the interface of \(interfaceAddress)"
        }
        return "\(group) (interface by route)"
    }
}

/// A group the host's kernel has joined on an interface, from /proc/net/igmp or /proc/net/igmp6.
struct HostMembership: Equatable {
    var interface: String
    var group: String
    /// How many sockets (and kernel users) hold the membership.
    var users: Int
}

/// Group memberships: the shell's record per socket, and the host's view.
///
/// Why both: the kernel keeps no per-socket list a program can read back (getsockopt of IP_ADD_MEMBERSHIP
/// fails), so the shell remembers its own joins; what the host as a whole has joined, and how many users each
/// membership has, is in /proc/net/igmp and igmp6 of the network namespace.
extension OptionValue {
    /// An ip_mreqn or ipv6_mreq: the values `recordMembership` reads.
    var isGroupRequest: Bool {
        switch self {
        case .mreqn, .mreq6: true
        default: false
        }
    }
}

extension Session {
    /// Records a successful IP_ADD/DROP_MEMBERSHIP or IPV6_JOIN/LEAVE_GROUP on the socket.
    func recordMembership(_ spec: OptionSpec, _ value: OptionValue, _ c: Context) {
        let m: Membership
        switch value {
        case .mreqn(let g, let a, let i):
            m = Membership(group: SocketAddress.ipv4(address: g, port: 0).host, ifindex: i,
                           interfaceAddress: SocketAddress.ipv4(address: a, port: 0).host)
        case .mreq6(let g, let i):
            m = Membership(group: SocketAddress.ipv6(address: g, port: 0, scope: 0).host, ifindex: Int32(i),
                           interfaceAddress: "")
        default: return
        }
        // The socket's entry only now: on every other setopt its reference is neither taken nor released.
        guard let e = c.entry else { return }
        if spec.name == "IP_ADD_MEMBERSHIP" || spec.name == "IPV6_JOIN_GROUP" {
            e.memberships.append(m)
        } else if let k = e.memberships.firstIndex(of: m) ?? e.memberships.firstIndex(where: { $0.group == m.group }) {
            e.memberships.remove(at: k)
        }
    }

    /// The host's memberships in the current network namespace (the lab's current host in the lab).
    func hostMemberships() -> [HostMembership] {
        network.withCurrentHost {
            Session.parseIGMP(Session.readWholeFile("/proc/thread-self/net/igmp") ?? "")
                + Session.parseIGMP6(Session.readWholeFile("/proc/thread-self/net/igmp6") ?? "")
        }
    }

    /// A /proc file whole (at most 1 MiB), or nil when it cannot be read.
    static func readWholeFile(_ path: String) -> String? {
        KernelFile.read(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// /proc/net/igmp: an interface line (`1\tlo        :     1      V3`), then a line per group
    /// (`\t\t\t\t030201EF     1 0:00000000\t\t0`), the group a network-order address printed as a host integer.
    static func parseIGMP(_ text: String) -> [HostMembership] {
        var out: [HostMembership] = []
        var device = ""
        for line in text.split(separator: "\n").dropFirst() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard !words.isEmpty else { continue }
            if !line.hasPrefix("\t") {
                if words.count >= 2 { device = String(words[1]) }
                continue
            }
            guard words.count >= 2, let v = UInt32(words[0], radix: 16) else { continue }
            let bytes = [UInt8(v & 0xff), UInt8(v >> 8 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 24)]
            out.append(HostMembership(interface: device, group: SocketAddress.ipv4(address: bytes, port: 0).host,
                                      users: Int(words[1]) ?? 0))
        }
        return out
    }

    /// /proc/net/igmp6: `1    lo              ff020000000000000000000000000001     1 0000000C 0`.
    static func parseIGMP6(_ text: String) -> [HostMembership] {
        var out: [HostMembership] = []
        for line in text.split(separator: "\n") {
            let w = line.split(separator: " ", omittingEmptySubsequences: true)
            guard w.count >= 4, w[2].count == 32 else { continue }
            var bytes: [UInt8] = []
            var k = w[2].startIndex
            while k < w[2].endIndex {
                let n = w[2].index(k, offsetBy: 2)
                bytes.append(UInt8(w[2][k..<n], radix: 16) ?? 0)
                k = n
            }
            out.append(HostMembership(interface: String(w[1]),
                                      group: SocketAddress.ipv6(address: bytes, port: 0, scope: 0).host,
                                      users: Int(w[3]) ?? 0))
        }
        return out
    }

    /// `info` rows: the socket's joins, and for each group the host's membership (interface and users).
    func membershipRows(_ e: SocketEntry) -> [[Line]] {
        guard e.socket.isUDP else { return [] }
        guard !e.memberships.isEmpty else { return [["groups", "none joined by this socket"]] }
        let host = hostMemberships()
        var rows: [[Line]] = [["groups", Line(e.memberships.map(\.text).joined(separator: ", "))]]
        var seen: [String] = []
        for m in e.memberships where !seen.contains(m.group) {
            seen.append(m.group)
            let on = host.filter { $0.group == m.group }
            let text = on.isEmpty
                ? "\(m.group): not joined (none in /proc/net/igmp\(m.group.contains(":") ? "6" : ""))"
                : "\(m.group): " + on.map { "\($0.interface) (\($0.users) user\($0.users == 1 ? "" : "s"))" }
                    .joined(separator: ", ")
            rows.append(["host view", Line(text)])
        }
        return rows
    }
}
