/// What a session asks of the program that runs it about time and Ctrl-C: the deadline of one blocking call,
/// whether Ctrl-C was pressed, and the ticks of a transfer someone watches.
///
/// Why a protocol the session is handed: signal handlers and interval timers belong to the process, so the
/// executable installs them (Sources/sockshell/ProcessSignals.swift) and the library only asks. A test hands a
/// session its own implementation and makes a deadline pass, or Ctrl-C arrive, in-process; the blocked call
/// itself is then cut short through the syscall seam (`SyscallOverrides`), as the signal would have cut it.
public protocol SessionSignals: AnyObject {
    /// Arms the deadline of the blocking call about to be made: after `milliseconds` that call is interrupted
    /// (it returns EINTR), and `deadlinePassed` says so.
    func armDeadline(milliseconds: Int)
    /// Disarms the deadline after the call returned.
    func disarmDeadline()
    /// Whether the deadline armed last has passed.
    var deadlinePassed: Bool { get }
    /// Whether Ctrl-C was pressed and the frontend has not cleared it yet.
    var interruptPending: Bool { get }
    /// Starts ticks that interrupt a blocked call, the first after `firstMilliseconds`, then every
    /// `everyMilliseconds` (the progress line of a watched transfer, packets shown while `sleep` waits).
    func startTicks(firstMilliseconds: Int, everyMilliseconds: Int)
    /// Stops the ticks.
    func stopTicks()
    /// True once a tick came since the last call (and forgets it).
    func takeTick() -> Bool
}

/// A session without signals: no deadline ever passes, Ctrl-C never arrives, no ticks. The default of a
/// `Session` nobody handed signals to (a blocking call then blocks until the kernel returns).
public final class NoSignals: SessionSignals {
    public init() {}
    public func armDeadline(milliseconds: Int) {}
    public func disarmDeadline() {}
    public var deadlinePassed: Bool { false }
    public var interruptPending: Bool { false }
    public func startTicks(firstMilliseconds: Int, everyMilliseconds: Int) {}
    public func stopTicks() {}
    public func takeTick() -> Bool { false }
}

extension Session {
    /// True once the deadline of `blocking` passed or Ctrl-C was pressed: bulk loops stop there even when no call
    /// of theirs was interrupted (sends to a UDP socket or to a fast reader never block).
    var stopRequested: Bool { signals.deadlinePassed || signals.interruptPending }
}
