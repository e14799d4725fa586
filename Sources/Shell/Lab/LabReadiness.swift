import Glibc
import SocketCore

extension LabNetwork {
    /// Waits (at most 3 s) until every lab interface is running and each host has its IPv6 multicast route.
    ///
    /// Why: a veth end comes up only when its peer does, and the kernel installs a host's ff00::/8 route when
    /// it sees the carrier, a moment after `ip` returned. A lesson's first IPv6 multicast `sendto` got
    /// ENETUNREACH once in three runs without this wait.
    func waitUntilReady() {
        var t0 = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t0)
        for h in hosts {
            LabSystem.within(h.namespace) {
                var pause = timespec(tv_sec: 0, tv_nsec: 2_000_000)
                while !ready(h), elapsed(since: t0) < 3 { _ = Sys.nanosleep(&pause, nil) }
            }
        }
    }

    private func elapsed(since t0: timespec) -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec - t0.tv_sec) + Double(t.tv_nsec - t0.tv_nsec) / 1e9
    }

    /// In the host's namespace: its interfaces are IFF_RUNNING, and a route to an IPv6 group exists.
    private func ready(_ h: Host) -> Bool {
        guard let probe = Sys.socket(AF_INET6, Int32(SOCK_DGRAM.rawValue), 0).descriptor else { return true }
        defer { _ = Sys.close(probe) }
        for i in h.plan.interfaces {
            var req = ifreq()
            withUnsafeMutableBytes(of: &req.ifr_ifrn.ifrn_name) { raw in
                for (k, b) in i.name.utf8.prefix(raw.count - 1).enumerated() { raw[k] = b }
            }
            guard Sys.ioctl({ Int(Glibc.ioctl(probe, UInt(SIOCGIFFLAGS), &req)) }).error == nil else { return false }
            if Int32(req.ifr_ifru.ifru_flags) & Int32(IFF_RUNNING) == 0 { return false }
        }
        // connect on UDP sends nothing: it only looks the route up.
        let ff0e1 = [0xff, 0x0e] + [UInt8](repeating: 0, count: 13) + [1]
        let group = SocketAddress.ipv6(address: ff0e1, port: 9, scope: 0)
        return group.withSockAddr { Sys.connect(probe, $0, $1) }.error == nil
    }
}
