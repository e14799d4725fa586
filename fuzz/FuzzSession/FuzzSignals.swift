import CSocketShims
import Shell

/// The harness's own process signals for its sessions: the SIGALRM deadline that cuts a blocking call after
/// FUZZ_CALL_TIMEOUT_MS. No Ctrl-C and no ticks (nobody watches a progress line here).
///
/// Why the harness has its own: like the sockshell executable, it owns its process; the library installs nothing.
final class FuzzSignals: SessionSignals {
    nonisolated(unsafe) static let shared = FuzzSignals()

    func armDeadline(milliseconds: Int) { sockshell_arm_timer(Int64(milliseconds)) }
    func disarmDeadline() { sockshell_disarm_timer() }
    var deadlinePassed: Bool { sockshell_timer_fired() != 0 }
    var interruptPending: Bool { false }
    func startTicks(firstMilliseconds: Int, everyMilliseconds: Int) {}
    func stopTicks() {}
    func takeTick() -> Bool { false }
}
