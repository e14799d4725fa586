import CSocketShims
import Glibc
import SocketCore

/// Packets shown while `sleep` or `poll` waits, in the REPL: the calls are cut into pieces by a 200 ms tick
/// (the progress line's timer: SIGRTMIN without SA_RESTART) and resumed with the time left, and what the
/// capture holds is handed to `livePackets` at each tick.
///
/// Why: keepalive probes or a retransmission a second apart are the lesson; shown only when a 10 s sleep
/// returns, they would lose their rhythm. Scripts and transcripts keep the plain call (no `livePackets`): the
/// packets come after it, in a fixed order.
extension Session {
    /// Whether packets are to be shown during waits now.
    var wireLive: Bool { livePackets != nil && wire?.isOn == true }

    /// nanosleep(2) for `req`, showing packets as they come.
    func wireSleep(_ req: inout timespec) -> SysResult {
        guard wireLive, let show = livePackets else { return SysResult.of(Int(nanosleep(&req, nil))) }
        sockshell_start_ticks(200, 200)
        defer { sockshell_stop_ticks() }
        var rem = timespec()
        while true {
            if nanosleep(&req, &rem) == 0 { return SysResult.of(0) }
            let e = errno
            guard e == EINTR, sockshell_take_tick() != 0, sockshell_sigint_pending() == 0,
                  sockshell_timer_fired() == 0 else {
                errno = e
                return SysResult.of(-1)
            }
            let packets = wireIdleEvents()
            if !packets.isEmpty { show(packets) }
            req = rem
        }
    }

    /// poll(2) with `ms` (negative: no limit), showing packets as they come.
    func wirePoll(_ fds: inout [pollfd], _ ms: Int) -> SysResult {
        let count = nfds_t(fds.count)
        guard wireLive, let show = livePackets else {
            return SysResult.of(Int(Glibc.poll(&fds, count, Int32(clamping: ms))))
        }
        sockshell_start_ticks(200, 200)
        defer { sockshell_stop_ticks() }
        let deadline = WireCapture.nowMs() + ms
        while true {
            let left = ms < 0 ? -1 : max(0, deadline - WireCapture.nowMs())
            let r = Glibc.poll(&fds, count, Int32(clamping: left))
            if r >= 0 { return SysResult.of(Int(r)) }
            let e = errno
            guard e == EINTR, sockshell_take_tick() != 0, sockshell_sigint_pending() == 0,
                  sockshell_timer_fired() == 0 else {
                errno = e
                return SysResult.of(-1)
            }
            let packets = wireIdleEvents()
            if !packets.isEmpty { show(packets) }
        }
    }
}
