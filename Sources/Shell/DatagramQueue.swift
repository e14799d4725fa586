import CSocketShims
import SocketCore

/// What a UDP socket's receive queue holds, told from what the kernel counts.
///
/// Why not SIOCINQ alone: on a datagram socket it gives the size of the next datagram only. The kernel does
/// not count queued datagrams anywhere a process can read, and reading them (or peeking at them one after
/// the other) would change what the user sees. So the shell reads SO_MEMINFO (the memory charged to the queue
/// and the drop count) and divides the charge by the truesize of one datagram the size of the next one,
/// measured once per size on a private loopback pair. Exact when the queue is empty, holds one datagram, or
/// holds datagrams of one size (a burst); an estimate otherwise, and said so.
struct DatagramQueue {
    /// SIOCINQ: bytes of the next datagram (0 when none, or when it is empty).
    let next: Int
    /// SO_MEMINFO of the socket.
    let mem: MemInfo
    /// The truesize charged for one datagram of `next` bytes, measured; nil when the probe failed.
    let truesize: Int?

    /// Datagrams queued: 0 when nothing is charged, else the charge divided by one datagram's truesize.
    var count: Int? {
        if mem.rmemAlloc == 0 { return 0 }
        guard let t = truesize, t > 0 else { return nil }
        return max(1, (mem.rmemAlloc + t / 2) / t)
    }

    /// Bytes of payload queued, if every datagram is the size of the next.
    var payload: Int? { count.map { $0 * next } }

    /// Whether the count is exact: the charge is a whole number of datagrams like the next one.
    var exact: Bool {
        guard let t = truesize, t > 0 else { return mem.rmemAlloc == 0 }
        return mem.rmemAlloc % t == 0
    }
}

extension Session {
    /// The queue of a UDP socket, read silently (helper calls), or nil for other sockets or when SO_MEMINFO
    /// fails.
    func datagramQueue(_ s: Socket) -> DatagramQueue? {
        guard s.isUDP, let mem = s.memInfo else { return nil }
        let next = max(0, s.receiveQueue)
        var truesize: Int?
        if mem.rmemAlloc > 0 {
            let key = Int(s.family) << 32 | next
            if let t = truesizes[key] {
                truesize = t
            } else {
                let probe = network.withCurrentHost {
                    Sys.socket { Int(sockshell_udp_truesize(s.family, Int32(next))) }
                }
                let t = probe.error == nil ? probe.value : -1
                if t > 0 {
                    truesizes[key] = t
                    truesize = t
                }
            }
        }
        return DatagramQueue(next: next, mem: mem, truesize: truesize)
    }

    /// The rows `info` adds for a UDP socket: datagrams and payload queued, the memory charged against
    /// SO_RCVBUF and why it exceeds the payload, and the drops.
    func datagramRows(_ q: DatagramQueue) -> [[Line]] {
        var rows: [[Line]] = []
        let about = q.exact ? "" : "about "
        if let n = q.count, let p = q.payload {
            // The row's name says what is counted: a recorded `{n}` carries no singular or plural.
            var text: Line = "\(about)\(volatile: "\(n)", .n) queued"
            if n > 0 { text = text + ", \(about)\(volatile: "\(p)", .n) bytes of payload" }
            if n > 1 { text = text + Line(q.exact ? " (\(q.next) bytes each)" : " (if all are \(q.next) bytes)") }
            rows.append(["datagrams", text])
        } else {
            rows.append(["datagrams", "unknown (no truesize measured for \(q.next)-byte datagrams)"])
        }
        var charged: Line = "\(volatile: "\(q.mem.rmemAlloc)", .n) of \(volatile: "\(q.mem.rcvbuf)", .n) bytes "
            + "(SO_RCVBUF as held)"
        if let t = q.truesize, q.mem.rmemAlloc > 0 {
            charged = charged + "; each \(q.next)-byte datagram costs its truesize, \(volatile: "\(t)", .n)"
        }
        rows.append(["charged", charged])
        rows.append(["drops", "\(volatile: "\(q.mem.drops)", .n) (SK_MEMINFO_DROPS: thrown away, mostly for a full buffer)"])
        return rows
    }
}
