import CSocketShims
import Glibc
import SocketCore

/// source and sink: bulk transfers that measure what options do to throughput.
extension Session {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func cmdSource(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let t = try a.require("BYTES (e.g. 100M)")
        guard let total = Values.size(t.text, limit: 1 << 50), total > 0 else {
            throw a.fail("bad BYTES '\(t.text.prefix(20))': 1 byte to 1P, as in 1000, 64K, 100M, 2G")
        }
        var size = 128 << 10
        if let u = a.next() {
            guard let v = Values.size(u.text, limit: Session.maxBuffer), v > 0 else {
                throw a.fail("bad SIZE '\(u.text.prefix(20))': 1 byte to 16M")
            }
            size = v
        }
        try a.end()
        let s = c.socket
        ensureBuffer(size)
        // A recognisable pattern, written once into the reused buffer.
        for k in 0..<size { buffer[k] = UInt8(truncatingIfNeeded: 0x61 + k % 26) }
        let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<size])
        var sent = 0
        var failure: SysResult?
        let start = Session.now()
        var lastReport = start
        let (_, timedOut) = blocking { () -> Void in
            while sent < total {
                let n = min(size, total - sent)
                // A datagram send never blocks, so no signal interrupts it: look at the deadline and Ctrl-C flags.
                if Session.stopRequested { return }
                let r = s.send(UnsafeRawBufferPointer(rebasing: chunk[0..<n]), flags: [])
                if r.error != nil { failure = r; return }
                sent += r.value
                if progress != nil, sent & 0xF_FFFF < size {
                    let now = Session.now()
                    if now - start > 1, now - lastReport > 0.25 { lastReport = now; progress?(sent, now - start) }
                }
            }
        }
        let secs = Session.now() - start
        if let f = failure {
            ev.append(.syscall(SyscallRecord(name: "send", args: ["\(s.fd)", "<pattern>", "\(min(size, total - sent))", "0"],
                                             outcome: outcome(f, timedOut: timedOut))))
        }
        ev.append(.note(transferLine("sent", sent, secs)))
        if timedOut { ev.append(.note("stopped by --timeout after \(timeoutText)")) }
    }

    func cmdSink(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {
        var total = Int.max
        if let t = a.next() {
            guard let v = Values.size(t.text, limit: 1 << 50), v > 0 else {
                throw a.fail("bad BYTES '\(t.text.prefix(20))': 1 byte to 1P, as in 1000, 64K, 100M")
            }
            total = v
        }
        try a.end()
        let s = c.socket
        let size = 256 << 10
        ensureBuffer(size)
        var got = 0
        var failure: SysResult?
        var eof = false
        let start = Session.now()
        var lastReport = start
        let (_, timedOut) = blocking { () -> Void in
            while got < total {
                if Session.stopRequested { return }
                let r = s.recv(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(size, total - got)]), flags: [])
                if r.error != nil { failure = r; return }
                if r.value == 0 { eof = true; return }
                got += r.value
                if progress != nil {
                    let now = Session.now()
                    if now - start > 1, now - lastReport > 0.25 { lastReport = now; progress?(got, now - start) }
                }
            }
        }
        let secs = Session.now() - start
        if let f = failure {
            ev.append(.syscall(SyscallRecord(name: "recv", args: ["\(s.fd)", "0x...", "\(size)", "0"],
                                             outcome: outcome(f, timedOut: timedOut))))
        }
        ev.append(.note(transferLine("received", got, secs) + (eof ? ", then EOF" : "")))
        if timedOut { ev.append(.note("stopped by --timeout after \(timeoutText)")) }
    }

    /// True once the deadline of `blocking` fired or Ctrl-C was pressed: bulk loops stop there even when no call
    /// of theirs was interrupted (sends to a UDP socket or to a fast reader never block).
    static var stopRequested: Bool { sockshell_timer_fired() != 0 || sockshell_sigint_pending() != 0 }

    /// `sent 104857600 bytes (100.0 MiB) in 0.041s, 2.55 GB/s`.
    func transferLine(_ verb: String, _ bytes: Int, _ secs: Double) -> Line {
        "\(verb) \(bytes) bytes (\(Values.humanBytes(bytes))) in \(volatile: Values.humanSeconds(secs), .dur), "
            + "\(volatile: Values.humanRate(bytes: bytes, seconds: secs), .rate)"
    }
}
