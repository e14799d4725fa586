import CPcap
import Glibc
import SocketCore

/// The packets libpcap handed over, not yet decoded: what `wire save` writes and the decoder reads.
struct RawPacket {
    /// Capture time in microseconds since the epoch.
    var time: Int64
    /// Length on the wire (the bytes kept are at most the snap length).
    var length: UInt32
    var bytes: [UInt8]
    /// Which capture point (index in `WireCapture.handles`).
    var point: Int
}

/// Why the wire could not be turned on.
enum WireOpenError: Error {
    /// The filter did not compile: pcap's own message.
    case badFilter(String)
    /// No CAP_NET_RAW where the capture point is.
    case noPermission(point: String, message: String)
    /// Anything else libpcap refused (no such interface, ...).
    case failed(point: String, message: String)
}

/// Open libpcap captures, one per capture point of the session's network (SPEC §8).
///
/// Why immediate mode and a large buffer with a small snap length: packets must be readable the moment the
/// call that caused them returns (no batching delay), and a `source 1G` must not lose its headers while the
/// shell is busy writing: 256 bytes hold every header the decoder reads, so the kernel copies little.
final class WireCapture {
    struct Handle {
        let label: String
        let pcap: OpaquePointer
        let fd: Int32
        let linkType: Int32
    }

    static let snapLength: Int32 = 256
    /// Capture descriptors are put at or above this number.
    static let lowDescriptors: Int32 = 64
    static let bufferSize: Int32 = 32 << 20

    private(set) var handles: [Handle] = []
    /// Collected by the libpcap callback during one `read`.
    private var batch: [RawPacket] = []
    private var current = 0

    deinit { close() }

    /// Whether libpcap could be loaded (it is loaded on the first `wire on`, not at start-up).
    static var libraryLoaded: Bool { sockshell_pcap_available() != 0 }

    /// Compiles a filter without capturing: a bad filter is the user's input error, before any permission.
    static func check(filter: String) -> String? {
        guard let dead = sockshell_pcap_open_dead(Int32(PacketDecoder.ethernet), snapLength) else { return nil }
        defer { sockshell_pcap_close(dead) }
        var program = bpf_program()
        guard sockshell_pcap_compile(dead, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
            return String(cString: sockshell_pcap_geterr(dead))
        }
        sockshell_pcap_freecode(&program)
        return nil
    }

    /// Opens every capture point, or none (an error closes what was opened).
    static func open(points: [CapturePoint], filter: String?) -> Result<WireCapture, WireOpenError> {
        let c = WireCapture()
        for point in points {
            switch c.add(point, filter: filter) {
            case .success: continue
            case .failure(let e):
                c.close()
                return .failure(e)
            }
        }
        return .success(c)
    }

    private func add(_ point: CapturePoint, filter: String?) -> Result<Void, WireOpenError> {
        var errbuf = [CChar](repeating: 0, count: Int(sockshell_pcap_errbuf_size()))
        // The capture socket is made inside the namespace that holds the interface and stays there; the shell
        // goes back to its own namespace at once.
        var own: Int32 = -1
        if let ns = point.namespaceFD {
            let opened = Sys.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
            let entered = opened.descriptor.map { _ in NetNamespace.enter(ns) }
            guard let fd = opened.descriptor, entered?.error == nil else {
                let why = (opened.error ?? entered?.error)!.message
                if let fd = opened.descriptor { _ = Sys.close(fd) }
                return .failure(.failed(point: point.label, message: "cannot enter its network namespace: \(why)"))
            }
            own = fd
        }
        defer {
            if own >= 0 {
                if let e = NetNamespace.enter(own).error {
                    LabSystem.stop("setns back from a capture point's network namespace failed: \(e.shown)")
                }
                _ = Sys.close(own)
            }
        }
        guard let p = sockshell_pcap_create(point.interface, &errbuf) else {
            let message = String(decoding: errbuf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .failure(.failed(point: point.label, message: message))
        }
        sockshell_pcap_set_snaplen(p, Self.snapLength)
        sockshell_pcap_set_promisc(p, 0)
        sockshell_pcap_set_immediate_mode(p, 1)
        sockshell_pcap_set_buffer_size(p, Self.bufferSize)
        // The capture socket must not take the descriptor the user's next socket would get (a lesson's fds would
        // shift when the wire is on): fill the low free descriptors for the moment of pcap_activate.
        var placeholders: [Int32] = []
        while placeholders.count < Self.lowDescriptors {
            guard let d = Sys.open("/dev/null", O_RDONLY | O_CLOEXEC).descriptor else { break }
            if d >= Self.lowDescriptors {
                _ = Sys.close(d)
                break
            }
            placeholders.append(d)
        }
        let rc = sockshell_pcap_activate(p)
        for d in placeholders { _ = Sys.close(d) }
        if rc < 0 {
            let message = String(cString: sockshell_pcap_geterr(p))
            sockshell_pcap_close(p)
            if rc == PCAP_ERROR_PERM_DENIED {
                return .failure(.noPermission(point: point.label, message: message))
            }
            return .failure(.failed(point: point.label, message: message))
        }
        if let f = filter {
            var program = bpf_program()
            guard sockshell_pcap_compile(p, &program, f, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
                let m = String(cString: sockshell_pcap_geterr(p))
                sockshell_pcap_close(p)
                return .failure(.badFilter(m))
            }
            defer { sockshell_pcap_freecode(&program) }
            guard sockshell_pcap_setfilter(p, &program) == 0 else {
                let m = String(cString: sockshell_pcap_geterr(p))
                sockshell_pcap_close(p)
                return .failure(.badFilter(m))
            }
        }
        _ = sockshell_pcap_setnonblock(p, 1, &errbuf)
        handles.append(Handle(label: point.label, pcap: p, fd: sockshell_pcap_get_selectable_fd(p), linkType: sockshell_pcap_datalink(p)))
        return .success(())
    }

    /// Everything waiting in the capture buffers, by capture time. With `settleMs` > 0, once a packet came it
    /// then waits until none came for that long (what a call causes a moment later, such as a delayed ACK), but
    /// never longer than `maxMs` in all; when nothing came within `graceMs` it returns at once (a corked send
    /// must not be held past the kernel's 200 ms cork timer by the shell's own waiting).
    func drain(settleMs: Int, maxMs: Int, graceMs: Int = 10) -> [RawPacket] {
        var out: [RawPacket] = []
        let start = Self.nowMs()
        while true {
            readAll(into: &out)
            guard settleMs > 0 else { break }
            let left = maxMs - (Self.nowMs() - start)
            guard left > 0 else { break }
            let wait = out.isEmpty ? min(graceMs, left) : min(settleMs, left)
            var fds = handles.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let r = Sys.poll(&fds, nfds_t(fds.count), Int32(wait))
            // A signal (a tick, Ctrl-C) cut the wait short: the wait goes on, still bounded by `maxMs`.
            if r.error == Errno.interrupted { continue }
            if r.error != nil || r.value == 0 { break }
        }
        // Stable: packets of one capture point keep their order when times tie.
        return out.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
    }

    private func readAll(into out: inout [RawPacket]) {
        for (k, h) in handles.enumerated() {
            current = k
            let me = Unmanaged.passUnretained(self).toOpaque().assumingMemoryBound(to: UInt8.self)
            // Bounded: a full 32 MiB buffer holds well under a million packets of 256 bytes.
            for _ in 0..<10_000 {
                let n = sockshell_pcap_dispatch(h.pcap, -1, { user, header, bytes in
                    guard let user, let header, let bytes else { return }
                    let c = Unmanaged<WireCapture>.fromOpaque(UnsafeRawPointer(user)).takeUnretainedValue()
                    let caplen = Int(header.pointee.caplen)
                    c.batch.append(RawPacket(time: sockshell_pcap_time_us(header), length: header.pointee.len,
                                             bytes: Array(UnsafeBufferPointer(start: bytes, count: caplen)),
                                             point: c.current))
                }, me)
                if n <= 0 { break }
            }
            out += batch
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Packets the kernel dropped because the buffer was full, summed over the capture points.
    var dropped: Int {
        var total = 0
        for h in handles {
            var s = pcap_stat()
            if sockshell_pcap_stats(h.pcap, &s) == 0 { total += Int(s.ps_drop) }
        }
        return total
    }

    func close() {
        for h in handles { sockshell_pcap_close(h.pcap) }
        handles.removeAll()
    }

    static func nowMs() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1000 + t.tv_nsec / 1_000_000
    }

    /// Writes packets as a pcap savefile (what `tcpdump -r` and Wireshark read). nil, or what went wrong.
    static func save(_ packets: [RawPacket], linkType: Int32, to path: String) -> String? {
        guard let dead = sockshell_pcap_open_dead(linkType, snapLength) else { return "libpcap could not start a savefile" }
        defer { sockshell_pcap_close(dead) }
        guard let d = sockshell_pcap_dump_open(dead, path) else { return String(cString: sockshell_pcap_geterr(dead)) }
        for p in packets {
            p.bytes.withUnsafeBufferPointer {
                sockshell_pcap_dump_packet(d, p.time, UInt32($0.count), p.length, $0.baseAddress)
            }
        }
        let failed = sockshell_pcap_dump_flush(d) != 0
        sockshell_pcap_dump_close(d)
        return failed ? "writing \(path) failed: \(String(cString: strerror(errno)))" : nil
    }
}
