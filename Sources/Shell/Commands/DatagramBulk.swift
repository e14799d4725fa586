import CSocketShims
import Glibc
import SocketCore

/// source and sink on datagram sockets: datagrams counted, the kernel's drops reported, and an end after an
/// idle second (a datagram socket has no EOF).
///
/// Why apart from the stream loops: a stream sink ends at EOF, and bytes are its whole story. A datagram sink
/// would wait for ever once the sender stops, and bytes hide what matters on UDP: how many datagrams arrived
/// and how many the kernel dropped because the receive buffer was full (SO_MEMINFO's drop counter).
extension Session {
    /// How long a datagram sink waits without a datagram before it ends.
    static let datagramIdle = 1.0

    /// The line of a datagram transfer: the stream line (bytes first, so what reads `sent N bytes` still reads
    /// it), then the datagrams: `sent 280000 bytes (273.4 KiB) in 0.4ms, 673.06 MB/s; 200 datagrams, 470000
    /// datagrams/s`. Counts marked volatile when they depend on the moment (`exact` false).
    func datagramLine(_ verb: String, count: Int, bytes: Int, secs: Double, exact: Bool) -> Line {
        let perSecond = secs > 0 ? Int((Double(count) / secs).rounded()) : 0
        // A count that varies from run to run comes after its noun: a recorded `{n}` must not carry the singular
        // or plural of the run that recorded it.
        let counted: Line = exact
            ? "\(count) \(count == 1 ? "datagram" : "datagrams")" : "datagrams: \(volatile: "\(count)", .n)"
        return transferLine(verb, bytes, secs, complete: exact) + "; " + counted
            + ", \(volatile: "\(perSecond) datagrams/s", .rate)"
    }

    /// sink on a datagram socket: reads datagrams until BYTES or an idle second, then says how many came and
    /// how many the kernel dropped meanwhile.
    func datagramSink(total: Int, _ c: Context, into ev: inout [Event]) {
        let s = c.socket
        let size = Session.sinkChunk
        ensureBuffer(size)
        let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<size])
        let dropsBefore = s.memInfo?.drops
        var got = 0
        var count = 0
        var failure: SysResult?
        var idle = false
        var firstAt: Double?
        var lastAt = Session.now()
        var meter = ProgressMeter(progress, signals, sending: false)
        let (_, timedOut) = blocking { () -> Void in
            while got < total {
                if stopRequested { return }
                // Without waiting: an empty queue is met by a poll bounded by the rest of the idle second.
                let r = s.recv(into: UnsafeMutableRawBufferPointer(rebasing: chunk[0..<size]), flags: [.dontWait])
                if let e = r.error {
                    guard e.rawValue == EAGAIN || e.rawValue == EWOULDBLOCK || e.rawValue == EINTR else {
                        failure = r
                        return
                    }
                    // Sandboxed (the fuzzers), the idle second is cut to 10 ms like every sleep and poll.
                    let left = lastAt + (settings.sandboxed ? 0.01 : Session.datagramIdle) - Session.now()
                    if left <= 0 { idle = true; return }
                    var p = pollfd(fd: s.fd, events: Int16(POLLIN), revents: 0)
                    let n = Sys.poll(&p, 1, Int32((left * 1000).rounded(.up)))
                    if n.value == 0 { idle = true; return }
                    if n.error == .interrupted { _ = signals.takeTick() }
                    continue
                }
                // A datagram of 0 bytes is a datagram, not an EOF.
                got += r.value
                count += 1
                lastAt = Session.now()
                if firstAt == nil { firstAt = lastAt }
                meter.tick(got)
            }
        }
        // The rate runs from the first datagram to the last, not over the idle second that ended the sink.
        let secs = count > 1 ? lastAt - (firstAt ?? lastAt) : lastAt - meter.start
        meter.finish(progressDone)
        exportLog?.pendingLoop = BulkLoop(sending: false, fd: s.fd, total: total == Int.max ? nil : total,
                                          chunk: size, datagram: true)
        if let f = failure {
            ev.append(
                .syscall(
                    SyscallRecord(
                        TypedCall(.recv, [.descriptor(s.fd), .bytes(nil), .length(size), .flags([.dontWait])],
                                  result(f, timedOut: timedOut)))))
        }
        var line: Line = "received no datagram"
        if count > 0 { line = datagramLine("received", count: count, bytes: got, secs: secs, exact: false) }
        if idle {
            line = line + (settings.sandboxed ? ", then 10 ms without one (sandboxed)" : ", then a second without one")
                + ": the end (a datagram socket has no EOF)"
        }
        ev.append(.note(line))
        if let before = dropsBefore, let after = s.memInfo?.drops {
            let n = after - before
            ev.append(.note("datagrams the kernel dropped meanwhile: \(volatile: "\(n)", .n) (SK_MEMINFO_DROPS, "
                + "\(volatile: "\(after)", .n) since the socket was made)"))
        }
        stopNotes(failure, timedOut: timedOut && !idle && got < total, s, sending: false, into: &ev)
    }
}
