import Glibc
import SocketCore

extension Session {
    /// After a call that TCP itself gave up on (ETIMEDOUT: SYN retries, keepalive probes, retransmissions or
    /// TCP_USER_TIMEOUT ran out), says how long it waited: the number a lesson on those knobs is about. The
    /// time varies from run to run, so a transcript records it as a wildcard.
    func noteTimedOut(_ call: String, _ error: Errno?, since start: Double, into ev: inout [Event]) {
        guard error?.rawValue == ETIMEDOUT else { return }
        let waited = Session.now() - start
        ev.append(.note("\(call) gave up after \(volatile: Values.humanSeconds(waited), .dur)"))
    }
}
