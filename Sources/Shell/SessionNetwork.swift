import SocketCore

/// One place where the wire view captures a link's packets.
///
/// Why a value of its own: the wire view (SPEC §8) must not know how the session's network is built. Outside
/// the lab there is one point, the loopback of the shell's own network namespace; in the lab (SPEC §7) there is
/// one per link, each inside the namespace of the host that holds the interface.
public struct CapturePoint: Sendable, Equatable {
    /// What the wire lines name it by: "lo" outside the lab, the link ("a-b", "a-r", "r-b") inside it.
    public var label: String
    /// The network namespace that holds the interface (an open fd of `/proc/.../ns/net`); nil for the
    /// shell's own.
    public var namespaceFD: Int32?
    /// The interface to capture on, as that namespace names it.
    public var interface: String

    public init(label: String, namespaceFD: Int32?, interface: String) {
        self.label = label
        self.namespaceFD = namespaceFD
        self.interface = interface
    }
}

/// The network a session's sockets live in: the shell's own namespace, or the lab's hosts (SPEC §7).
///
/// Why a seam: socket creation (`socket`), the kernel's socket table (`sockets`) and the wire view all have to
/// run "on the current host"; the lab is the only thing that knows what that means.
public protocol SessionNetwork: AnyObject {
    /// Runs `body` inside the network namespace where new sockets are created (the lab's current host), and
    /// comes back to the shell's own namespace afterwards. Outside the lab it just runs `body`.
    func withCurrentHost<T>(_ body: () throws -> T) rethrows -> T
    /// The places the wire view captures from (one per link).
    var capturePoints: [CapturePoint] { get }
    /// The lab host that owns an address (for wire lines such as `a>b`); nil outside the lab.
    func hostName(ofAddress address: SocketAddress) -> String?
    /// Runs `body` inside the network namespace of a capture point (where its interface is, so a capture
    /// opened there sees it), and comes back to the shell's own namespace afterwards.
    func withNamespace<T>(of point: CapturePoint, _ body: () throws -> T) rethrows -> T
}

extension SessionNetwork {
    /// Outside the lab every capture point is in the shell's own namespace: just run `body`.
    public func withNamespace<T>(of point: CapturePoint, _ body: () throws -> T) rethrows -> T { try body() }
}

/// The shell's own network namespace: no lab, capture on loopback.
public final class LocalNetwork: SessionNetwork {
    public init() {}
    public func withCurrentHost<T>(_ body: () throws -> T) rethrows -> T { try body() }
    public var capturePoints: [CapturePoint] { [CapturePoint(label: "lo", namespaceFD: nil, interface: "lo")] }
    public func hostName(ofAddress address: SocketAddress) -> String? { nil }
}
