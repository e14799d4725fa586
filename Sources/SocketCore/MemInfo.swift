import CSocketShims

/// SO_MEMINFO: the socket's memory accounting, nine u32 counters (`SK_MEMINFO_*` in linux/sock_diag.h).
///
/// Why it matters for datagrams: SIOCINQ on a UDP socket gives only the size of the next datagram, and
/// SO_RCVBUF is a limit on memory, not on payload. Each datagram is charged its skb's truesize (the buffer the
/// kernel allocated, headroom and `struct sk_buff` included: about 2304 bytes for 1400 bytes of payload on
/// loopback), which is why Linux doubles the value set. `rmemAlloc` is that charge, summed over the queue;
/// `drops` counts the datagrams refused because the charge would pass `rcvbuf`.
public struct MemInfo: Sendable, Equatable {
    /// The counters in the kernel's order.
    public var values: [UInt32]

    /// The field names, in the kernel's order (SK_MEMINFO_RMEM_ALLOC ... SK_MEMINFO_DROPS).
    public static let names = [
        "rmem_alloc", "rcvbuf", "wmem_alloc", "sndbuf", "fwd_alloc", "wmem_queued", "optmem", "backlog", "drops",
    ]

    /// What each field is, one short phrase each (for `getopt SO_MEMINFO`).
    public static let meanings = [
        "bytes charged to the receive queue (truesize of every queued buffer)",
        "the receive limit (SO_RCVBUF as the kernel holds it, doubled)",
        "bytes charged to sent buffers not yet freed",
        "the send limit (SO_SNDBUF, doubled)",
        "bytes reserved ahead for this socket (forward allocation)",
        "bytes queued to send (TCP's write queue)",
        "option memory (multicast memberships, filters)",
        "bytes waiting in the backlog while the socket was locked",
        "packets dropped for this socket (full buffer, bad checksum, filter)",
    ]

    public init(values: [UInt32]) { self.values = values }

    func at(_ k: Int) -> Int { k < values.count ? Int(values[k]) : 0 }
    public var rmemAlloc: Int { at(0) }
    public var rcvbuf: Int { at(1) }
    public var wmemAlloc: Int { at(2) }
    public var sndbuf: Int { at(3) }
    public var drops: Int { at(8) }

    /// Decodes the bytes getsockopt returned (native-endian u32s).
    public init(bytes: UnsafeRawBufferPointer) {
        values = stride(from: 0, to: bytes.count - 3, by: 4).map { bytes.loadUnaligned(fromByteOffset: $0, as: UInt32.self) }
    }
}

extension Socket {
    /// SK_MEMINFO_DROPS alone, without an allocation (poll reads it for every datagram socket), or nil.
    public var drops: Int? {
        var raw: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
        let n = withUnsafeMutableBytes(of: &raw) { b in
            Sys.getsockopt { Int(sockshell_meminfo(fd, b.baseAddress!.assumingMemoryBound(to: UInt32.self), 9)) }
        }
        return n.value >= 9 ? Int(raw.8) : nil
    }

    /// SO_MEMINFO read silently (a helper call), or nil when the kernel refuses it.
    public var memInfo: MemInfo? {
        var raw = [UInt32](repeating: 0, count: 9)
        let n = raw.withUnsafeMutableBufferPointer { b in
            Sys.getsockopt { Int(sockshell_meminfo(fd, b.baseAddress, 9)) }
        }
        guard n.value > 0 else { return nil }
        return MemInfo(values: Array(raw.prefix(n.value)))
    }
}
