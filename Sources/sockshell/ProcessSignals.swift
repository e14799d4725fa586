import CSocketShims
import Shell

/// The process's signals as a session asks for them: SIGALRM (setitimer) for the deadline of a blocking call,
/// the SIGINT flag of Ctrl-C, and the SIGRTMIN ticks of a watched transfer. The handlers are C (a
/// `sig_atomic_t` flag each, no SA_RESTART, so the blocked call returns EINTR); this type is the only place
/// that arms them for a session.
///
/// Why here, in the executable: signal dispositions and interval timers belong to the process, and the
/// process is the program's; a library that installed them behind its callers' backs made deadlines untestable
/// in-process (tests hand a session their own `SessionSignals`).
final class ProcessSignals: SessionSignals {
    /// One per process: every session of the program shares the process's timers and handlers.
    nonisolated(unsafe) static let shared = ProcessSignals()

    private init() {}

    func armDeadline(milliseconds: Int) { sockshell_arm_timer(Int64(milliseconds)) }
    func disarmDeadline() { sockshell_disarm_timer() }
    var deadlinePassed: Bool { sockshell_timer_fired() != 0 }
    var interruptPending: Bool { sockshell_sigint_pending() != 0 }

    func startTicks(firstMilliseconds: Int, everyMilliseconds: Int) {
        _ = sockshell_start_ticks(Int64(firstMilliseconds), Int64(everyMilliseconds))
    }

    func stopTicks() { sockshell_stop_ticks() }
    func takeTick() -> Bool { sockshell_take_tick() != 0 }
}
