import CSocketShims
import Glibc
import SocketCore

/// source and sink: bulk transfers that measure what options do to throughput.
///
/// Why loops of plain send/recv on one reused buffer: the figure must be what the socket's settings give
/// (SO_SNDBUF, TCP_NODELAY, non-blocking mode, the write size), not what the shell costs. The loops make no
/// allocation and no other call per chunk; bench/run holds them to a plain C sender and receiver.
extension Session {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// How much sink asks recv for at a time: large reads cost fewer calls (1 MiB reads take 128 KiB writes as
    /// fast as 256 KiB reads do, and 1 MiB writes about a fifth faster).
    static let sinkChunk = 1 << 20

    func cmdSource(_ q: SourceRequest, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let (total, size) = (q.total, q.size)
        let s = c.socket
        ensureBuffer(size)
        // A recognisable pattern, written once into the reused buffer.
        let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<size])
        for k in 0..<size { chunk[k] = UInt8(truncatingIfNeeded: 0x61 + k % 26) }
        var sent = 0
        var datagrams = 0
        var failure: SysResult?
        var meter = ProgressMeter(progress, signals, sending: true)
        let (_, timedOut) = blocking { () -> Void in
            while sent < total {
                // A datagram send never blocks, so no signal interrupts it: look at the deadline and Ctrl-C flags.
                if stopRequested { return }
                let n = min(size, total - sent)
                let r = s.send(UnsafeRawBufferPointer(rebasing: chunk[0..<n]), flags: [])
                if r.error != nil {
                    if meter.stalled(r, sent, queued: s.sendQueue) { continue }
                    failure = r
                    return
                }
                sent += r.value
                datagrams += 1
                meter.tick(sent)
            }
        }
        let secs = Session.now() - meter.start
        meter.finish(progressDone)
        exportLog?.pendingLoop = BulkLoop(sending: true, fd: s.fd, total: total, chunk: size,
                                          datagram: s.isDatagram)
        if let f = failure {
            ev.append(
                .syscall(
                    SyscallRecord(
                        TypedCall(.send, [.descriptor(s.fd), .pattern, .length(min(size, total - sent)),
                                          .flags([])], result(f, timedOut: timedOut)))))
        }
        if s.isDatagram {
            ev.append(.note(datagramLine("sent", count: datagrams, bytes: sent, secs: secs, exact: sent == total)))
        } else {
            ev.append(.note(transferLine("sent", sent, secs, complete: sent == total)))
        }
        // The deadline can fire between the last send's return and the disarm: a finished transfer was not cut.
        stopNotes(failure, timedOut: timedOut && sent < total, s, sending: true, into: &ev)
    }

    func cmdSink(_ total: Int, _ c: Context, into ev: inout [Event]) throws(InputError) {
        if c.socket.isDatagram {
            datagramSink(total: total, c, into: &ev)
            return
        }
        let s = c.socket
        let size = Session.sinkChunk
        ensureBuffer(size)
        let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<size])
        var got = 0
        var failure: SysResult?
        var eof = false
        // When the first bytes came back, and how many: the clock of the rate starts there, so the time spent
        // waiting for a sender that starts later is not counted as transfer time.
        var firstAt: Double?
        var firstBytes = 0
        var meter = ProgressMeter(progress, signals, sending: false)
        let (_, timedOut) = blocking { () -> Void in
            while got < total {
                if stopRequested { return }
                let r = s.recv(
                    into: UnsafeMutableRawBufferPointer(rebasing: chunk[0..<min(size, total - got)]),
                    flags: [])
                if r.error != nil {
                    if meter.stalled(r, got, queued: s.receiveQueue) { continue }
                    failure = r
                    return
                }
                if r.value == 0 { eof = true; return }
                got += r.value
                if firstAt == nil {
                    firstAt = Session.now()
                    firstBytes = r.value
                }
                meter.tick(got)
            }
        }
        let end = Session.now()
        // Everything in one read leaves no interval after the first bytes: then the whole command's time.
        let secs = firstAt.map { got > firstBytes ? end - $0 : end - meter.start } ?? end - meter.start
        meter.finish(progressDone)
        exportLog?.pendingLoop = BulkLoop(sending: false, fd: s.fd, total: total == Int.max ? nil : total, chunk: size)
        if let f = failure {
            ev.append(
                .syscall(
                    SyscallRecord(
                        TypedCall(.recv, [.descriptor(s.fd), .bytes(nil), .length(min(size, total - got)),
                                          .flags([])], result(f, timedOut: timedOut)))))
        }
        if eof { c.entry?.eofShown = true }
        if got == 0 {
            ev.append(.note(nothingReceivedLine(waited: end - meter.start, eof: eof)))
        } else {
            let line = transferLine("received", got, secs, complete: eof || got == total)
            ev.append(.note(line + (eof ? ", then EOF" : "")))
        }
        stopNotes(failure, timedOut: timedOut && !eof && got < total, s, sending: false, into: &ev)
    }

    /// Why a transfer stopped early, when it was not the peer: the deadline, Ctrl-C, or EAGAIN.
    func stopNotes(_ failure: SysResult?, timedOut: Bool, _ s: Socket, sending: Bool, into ev: inout [Event]) {
        if timedOut {
            ev.append(.note("stopped by --timeout after \(timeoutText)"))
        } else if signals.interruptPending {
            ev.append(.note("stopped by Ctrl-C"))
        } else if failure?.error?.rawValue == EAGAIN {
            if s.isNonBlocking {
                ev.append(
                    .note(
                        sending
                            ? "non-blocking socket: EAGAIN once the send buffer was full (poll for POLLOUT, then go on)"
                            : "non-blocking socket: EAGAIN once nothing was left to read (poll for POLLIN, then go on)")
                )
            } else {
                ev.append(
                    .note(
                        sending
                            ? "EAGAIN on a blocking socket: the SO_SNDTIMEO timeout ran out"
                            : "EAGAIN on a blocking socket: the SO_RCVTIMEO timeout ran out"))
            }
        }
    }

    /// `sent 104857600 bytes (100.0 MiB) in 0.041s, 2.55 GB/s`. A transfer that stopped early (EAGAIN, the
    /// deadline, Ctrl-C) moved what the buffers and the moment allowed: its count is ephemeral too, so a recorded
    /// session replays.
    func transferLine(_ verb: String, _ bytes: Int, _ secs: Double, complete: Bool) -> Line {
        let time: Line = "in \(volatile: Values.humanSeconds(secs), .dur), "
            + "\(volatile: Values.humanRate(bytes: bytes, seconds: secs), .rate)"
        if complete {
            return "\(verb) \(bytes) \(bytes == 1 ? "byte" : "bytes") (\(Values.humanBytes(bytes))) " + time
        }
        return "\(verb) \(volatile: "\(bytes)", .n) bytes (\(volatile: Values.humanBytes(bytes), .any)) " + time
    }
}

/// What the progress line of a transfer shows.
public struct TransferProgress: Sendable {
    /// Bytes moved so far.
    public var bytes: Int
    /// Seconds since the transfer started.
    public var seconds: Double
    /// `source` (true) or `sink`.
    public var sending: Bool
    /// Seconds since a byte last moved; 0 while data flows.
    public var stalledFor: Double
    /// Bytes in this socket's send queue (sending) or receive queue, read when stalled.
    public var queued: Int?

    public init(bytes: Int, seconds: Double, sending: Bool, stalledFor: Double, queued: Int?) {
        self.bytes = bytes
        self.seconds = seconds
        self.sending = sending
        self.stalledFor = stalledFor
        self.queued = queued
    }
}

/// Calls the session's progress callback during a transfer: not in the first second, then four times a second;
/// and says when the transfer stalls.
///
/// Why ticks: a `source` whose peer does not read blocks in send(2) with a full buffer, and a `sink` whose peer
/// sends nothing blocks in recv(2); without a word the shell would look hung. While someone watches, a timer
/// ticks from the first second on, four times a second (a signal of its own, no SA_RESTART): the blocked call
/// returns EINTR or a short count, the meter reports the stall with the bytes queued, and the loop calls again.
/// Nobody watching (scripts to a file, tests, benchmarks): no timer, no extra call.
struct ProgressMeter {
    let report: ((TransferProgress) -> Void)?
    /// The session's ticks, deadline and Ctrl-C.
    let signals: any SessionSignals
    let sending: Bool
    let start = Session.now()
    var last = 0.0
    /// When a byte last moved.
    var moved: Double
    /// True once a progress line was drawn (it must be cleared before the result is printed).
    var drawn = false
    /// The line on screen says the transfer stalled: redraw at once when bytes move again.
    var stallShown = false

    init(_ report: ((TransferProgress) -> Void)?, _ signals: any SessionSignals, sending: Bool) {
        self.report = report
        self.signals = signals
        self.sending = sending
        moved = start
        // Nothing is reported in the first second: the first tick comes then, the next ones four times a second.
        if report != nil { signals.startTicks(firstMilliseconds: 1000, everyMilliseconds: 250) }
    }

    /// After each chunk; costs nothing when no one draws progress (scripts, tests).
    @inline(__always)
    mutating func tick(_ bytes: Int) {
        guard let report else { return }
        let now = Session.now()
        moved = now
        let elapsed = now - start
        guard elapsed > 1, now - last > 0.25 || stallShown else { return }
        last = now
        drawn = true
        stallShown = false
        report(TransferProgress(bytes: bytes, seconds: elapsed, sending: sending, stalledFor: 0, queued: nil))
    }

    /// After a failed call: true when only the meter's own tick interrupted it (the caller calls again), after
    /// reporting the stall once it lasted a second. False for a real error, Ctrl-C or the deadline.
    mutating func stalled(_ r: SysResult, _ bytes: Int, queued: @autoclosure () -> Int) -> Bool {
        guard let report, r.error?.rawValue == EINTR, signals.takeTick(),
              !signals.deadlinePassed, !signals.interruptPending else {
            return false
        }
        let now = Session.now()
        guard now - moved >= 1 else { return true }
        last = now
        drawn = true
        stallShown = true
        let q = queued()
        report(TransferProgress(bytes: bytes, seconds: now - start, sending: sending, stalledFor: now - moved,
                                queued: q >= 0 ? q : nil))
        return true
    }

    /// Stops the ticks and clears the progress line if one was drawn.
    func finish(_ done: (() -> Void)?) {
        if report != nil { signals.stopTicks() }
        if drawn { done?() }
    }
}
