import CSocketShims
import SocketCore

/// Notes after recv that say what the kernel did with bytes the printed call does not show: MSG_TRUNC on a stream
/// socket, and a datagram longer than the buffer.
///
/// Why a file of its own: both cases need what the call alone does not tell (the flag's meaning for TCP, the
/// datagram's real length), and the recv command is long enough already.
extension Session {
    /// MSG_TRUNC on TCP: Linux counts the bytes without copying them into the buffer; without MSG_PEEK they are
    /// gone from the stream.
    func noteStreamTrunc(_ n: Int, peek: Bool, _ ev: inout [Event]) {
        ev.append(.note(peek
            ? "MSG_TRUNC|MSG_PEEK on TCP: \(n) bytes are queued; none was copied into the buffer, and they stay "
                + "queued for the next recv"
            : "MSG_TRUNC on TCP: the kernel discarded these \(n) bytes without copying them (the buffer holds "
                + "nothing of this call); they are gone from the stream"))
    }

    /// A datagram read into a buffer it filled: cut to fit, when the length seen before the call was larger (the
    /// rest is discarded: a datagram is read whole or cut, never in parts); maybe cut, when it came during the wait.
    func noteDatagramCut(queued: Int?, read: Int, peek: Bool, _ ev: inout [Event]) {
        guard let q = queued else {
            ev.append(.note("the datagram filled all \(read) bytes of the buffer: if it was longer, the rest was "
                + "discarded (`recv N trunc` reports a datagram's real length)"))
            return
        }
        guard q > read else { return }
        ev.append(.note(peek
            ? "the datagram has \(q) bytes; the peek showed \(read), and all of it stays queued"
            : "the datagram had \(q) bytes: the other \(q - read) were discarded (a datagram is read whole or cut, "
                + "never in parts; `recv \(q)` or more reads all of it)"))
    }

    /// The length of the next datagram queued on `s` (SIOCINQ: on a datagram socket, the first datagram only),
    /// or nil when nothing is queued. A silent helper ioctl, like those behind info and poll.
    func nextDatagramLength(_ s: Socket) -> Int? {
        let n = s.receiveQueue
        return n > 0 ? n : nil
    }

    /// Why a MSG_WAITALL read returned fewer bytes than asked, from what can be seen after it: a call that may not
    /// wait (MSG_DONTWAIT, O_NONBLOCK), the urgent mark (a read never passes it), else the general causes.
    func shortWaitAllReason(_ s: Socket, _ flags: MessageFlags) -> String {
        if s.isTCP, s.atMark {
            return "MSG_WAITALL returned fewer bytes than asked: the read stopped at the urgent mark (no read "
                + "passes it: read on with recv, and the urgent byte with recv oob unless SO_OOBINLINE is on)"
        }
        if flags.contains(.dontWait) || s.isNonBlocking {
            let why = flags.contains(.dontWait) ? "MSG_DONTWAIT" : "the non-blocking socket"
            return "MSG_WAITALL returned fewer bytes than asked because \(why) lets the call not wait: it returns "
                + "the bytes that had arrived"
        }
        return "MSG_WAITALL returned fewer bytes than asked: EOF, a signal, an error or the SO_RCVTIMEO timeout "
            + "ends the wait with what has arrived"
    }

    /// Follows the urgent byte `recv oob` read until a plain recv passes its place, and notes its second delivery
    /// when SO_OOBINLINE was turned on in between (Linux leaves the byte in the stream and skips it only while
    /// SO_OOBINLINE is off).
    func followUrgentByte(_ bytes: [UInt8], asked: Int, _ flags: MessageFlags, _ c: Context,
                          into ev: inout [Event]) {
        guard let e = c.entry, !flags.contains(.peek) else { return }
        if flags.contains(.oob) {
            e.urgentRead = bytes.first
            e.urgentRedelivery = false
            return
        }
        guard let urgent = e.urgentRead else { return }
        if e.urgentRedelivery, bytes.first == urgent {
            ev.append(.note("the first byte, \(ByteText.quoted([urgent])), is the urgent byte recv oob read already: "
                + "SO_OOBINLINE was turned on before a plain recv passed its place, so the kernel delivers it again, "
                + "inline"))
            e.urgentRead = nil
            e.urgentRedelivery = false
        } else if bytes.count < asked, !e.socket.atMark {
            // Read past the mark: the byte's place is behind us.
            e.urgentRead = nil
            e.urgentRedelivery = false
        }
    }
}
