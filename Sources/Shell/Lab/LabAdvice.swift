import SocketCore

/// Advice the lab adds to a failed call: a socket stays on the host it was made on.
///
/// Why: after `host b`, the prompt says b while the current socket may still be one made on a; `bind b:PORT` on
/// it fails with a bare EADDRNOTAVAIL that does not say the address is another host's.
extension Session {
    /// The warning for EADDRNOTAVAIL from bind when the address is a lab host's other than the socket's; nil
    /// outside the lab or when the address belongs to no other lab host.
    func labBindElsewhere(_ address: SocketAddress?, fd: Int32, handle: String) -> String? {
        guard let l = lab, let address, let owner = l.hostName(ofAddress: address),
              let here = l.hostOf(socket: fd), owner != here else { return nil }
        return "EADDRNOTAVAIL: \(address.host) is host \(owner)'s address, and \(handle) lives on host \(here) (a "
            + "socket stays on the host it was made on): bind it to an address of \(here), or `host \(owner)` "
            + "and make a new socket there"
    }
}
