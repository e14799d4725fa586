import CSocketShims
import Glibc
import SocketCore

/// Packets shown while `sleep` or `poll` waits, in the REPL: the calls are cut into pieces by a 200 ms tick
/// (the progress line's ticks, `signals`) and resumed with the time left, and what the
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
        guard wireLive, let show = livePackets else { return Sys.nanosleep(&req, nil) }
        signals.startTicks(firstMilliseconds: 200, everyMilliseconds: 200)
        defer { signals.stopTicks() }
        var rem = timespec()
        while true {
            let r = Sys.nanosleep(&req, &rem)
            guard let e = r.error?.rawValue else { return r }
            guard e == EINTR, signals.takeTick(), !signals.interruptPending, !signals.deadlinePassed else {
                return r
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
            return Sys.poll(&fds, count, Int32(clamping: ms))
        }
        signals.startTicks(firstMilliseconds: 200, everyMilliseconds: 200)
        defer { signals.stopTicks() }
        let deadline = WireCapture.nowMs() + ms
        while true {
            let left = ms < 0 ? -1 : max(0, deadline - WireCapture.nowMs())
            let r = Sys.poll(&fds, count, Int32(clamping: left))
            guard let e = r.error?.rawValue else { return r }
            guard e == EINTR, signals.takeTick(), !signals.interruptPending, !signals.deadlinePassed else {
                return r
            }
            let packets = wireIdleEvents()
            if !packets.isEmpty { show(packets) }
        }
    }
}
