/// A TCP connection state, as tcp_info's `tcpi_state` reports it, numbered as the kernel numbers them
/// (include/net/tcp_states.h; glibc's <netinet/tcp.h> has TCP_ESTABLISHED ... TCP_CLOSING, a test checks the
/// numbers against it).
///
/// Why typed: code that decides something from the state (has the peer's FIN come? is this a listener?) compares
/// cases the compiler knows, not strings a typo would silently never match; the names are for display only.
public enum TCPState: Int, Sendable, CaseIterable {
    case established = 1
    case synSent = 2
    case synRecv = 3
    case finWait1 = 4
    case finWait2 = 5
    case timeWait = 6
    /// No connection: a fresh or unconnected socket, or one whose connection was reset or is fully closed.
    case close = 7
    case closeWait = 8
    case lastAck = 9
    case listen = 10
    case closing = 11
    /// A request socket between SYN and the final ACK of the handshake (Linux 4.4 and later; not in glibc).
    case newSynRecv = 12

    /// The kernel's name of the state, as `ss` and /proc/net/tcp users know it: "ESTABLISHED", "TIME_WAIT", ...
    public var name: String {
        switch self {
        case .established: "ESTABLISHED"
        case .synSent: "SYN_SENT"
        case .synRecv: "SYN_RECV"
        case .finWait1: "FIN_WAIT1"
        case .finWait2: "FIN_WAIT2"
        case .timeWait: "TIME_WAIT"
        case .close: "CLOSE"
        case .closeWait: "CLOSE_WAIT"
        case .lastAck: "LAST_ACK"
        case .listen: "LISTEN"
        case .closing: "CLOSING"
        case .newSynRecv: "NEW_SYN_RECV"
        }
    }

    /// Whether the peer's FIN has been received: the states a connection reaches only after it (CLOSE_WAIT and
    /// LAST_ACK on the passive side, CLOSING and TIME_WAIT on the active side). A reset leads to CLOSE instead.
    public var peerFinReceived: Bool {
        switch self {
        case .closeWait, .lastAck, .closing, .timeWait: true
        case .established, .synSent, .synRecv, .finWait1, .finWait2, .close, .listen, .newSynRecv: false
        }
    }
}
