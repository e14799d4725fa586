import CPcap
import Glibc
import SocketCore

/// The wire view's state in a session (SPEC §8): the open captures, the decoder that keeps sequence numbers
/// relative, everything captured (for `wire save`) and what the ladder draws.
final class WireView {
    /// One row of the ladder: a packet, or a bulk transfer's counts, and the command that caused it.
    enum Step {
        case packet(WirePacket, cause: String?)
        case summary(WireSummary, cause: String?)
    }

    var capture: WireCapture?
    var filter: String?
    let decoder = PacketDecoder()
    /// When the wire was first turned on (microseconds since the epoch): packet times count from it.
    var start: Int64 = 0
    /// Every packet captured in the session, as captured (bounded by `storeLimit` bytes).
    var store: [RawPacket] = []
    var storeBytes = 0
    var storeFull = false
    var linkType: Int32 = PacketDecoder.ethernet
    /// What the ladder draws (the last `stepLimit`).
    var steps: [Step] = []
    /// The command line whose packets have not yet been given to the ladder (the first packet gets it).
    var pendingCause: String?
    /// Drops counted by libpcap at the last look, to report only new ones.
    var droppedSeen = 0
    /// Handles by address as last seen (`local>peer`, or `local`): kept after a socket closes or is reset
    /// (getpeername then fails), so its last packets still name it.
    var handleNames: [String: String] = [:]

    static let storeLimit = 64 << 20
    static let stepLimit = 2000

    var isOn: Bool { capture != nil }

    func keep(_ raw: [RawPacket]) {
        for p in raw {
            guard storeBytes + p.bytes.count <= Self.storeLimit else { storeFull = true; return }
            store.append(p)
            storeBytes += p.bytes.count + 16
        }
    }

    func addStep(_ s: Step) {
        steps.append(s)
        if steps.count > Self.stepLimit { steps.removeFirst(steps.count - Self.stepLimit) }
    }
}

/// The wire commands and the hooks that show packets after each command and at the prompt.
extension Session {
    /// Commands after which the shell waits a moment for packets still on their way (a delayed ACK, the
    /// peer's answer): the ones that can put something on the wire or wait while it happens.
    static let wireSettling: Set<CommandID> = [
        .connect, .accept, .send, .sendto, .shutdown, .close, .recv, .source, .sink, .setopt, .sleep, .poll,
        .quit, .exit, .join, .leave,
    ]

    func cmdWire(_ q: WireRequest, into ev: inout [Event]) throws(InputError) {
        let a = RunUsage(.wire)
        switch q {
        case .on(let filter):
            try wireOn(filter: filter, usage: a.usage, into: &ev)
        case .off:
            guard let w = wire, let c = w.capture else {
                ev.append(.note("the wire is off already"))
                return
            }
            // Whatever came before `wire off` is still shown.
            wireShow(c.drain(settleMs: 0, maxMs: 0), view: w, summarise: false, into: &ev)
            c.close()
            w.capture = nil
            ev.append(.note("wire off: packets are no longer shown (still kept: `wire save FILE`, `wire ladder`)"))
        case .save(let path):
            guard let w = wire else {
                throw a.fail("nothing captured: turn the wire on first (`wire on`)")
            }
            if let c = w.capture { wireShow(c.drain(settleMs: 0, maxMs: 0), view: w, summarise: false, into: &ev) }
            if let problem = WireCapture.save(w.store, linkType: w.linkType, to: path) {
                // As `export c`: a file that cannot be written is an error (a script must not go on as if saved).
                throw a.fail("cannot write the capture: \(problem.prefix(200)) (it is still kept: save it to another "
                    + "FILE, in a folder that exists and that you may write to)")
            }
            let n = w.store.count
            ev.append(.note("\(volatile: String(n), .n) \(n == 1 ? "packet" : "packets") written to \(path) "
                + "(read it with `tcpdump -r \(path)` or Wireshark)"))
            if w.storeFull {
                ev.append(.warning("the capture reached \(WireView.storeLimit >> 20) MiB: later packets were not kept"))
            }
        case .ladder(let chosen):
            let unicode = chosen ?? Ladder.terminalIsUTF8
            guard let w = wire, !w.steps.isEmpty else {
                ev.append(.note("nothing captured yet: `wire on`, then run some calls"))
                return
            }
            if let c = w.capture { wireShow(c.drain(settleMs: 0, maxMs: 0), view: w, summarise: false, into: &ev) }
            // The last steps only: a diagram of thousands of arrows reads as nothing.
            let shown = w.steps.suffix(Ladder.maxSteps)
            if shown.count < w.steps.count {
                ev.append(.note("the last \(shown.count) of \(volatile: String(w.steps.count), .n) packets and transfers "
                    + "(`wire save FILE` keeps them all)"))
            }
            ev.append(.diagram(Ladder.draw(Array(shown), unicode: unicode)))
        }
    }

    func wireOn(filter: String?, usage: String, into ev: inout [Event]) throws(InputError) {
        guard WireCapture.libraryLoaded else {
            ev.append(.warning("wire on: libpcap could not be loaded (libpcap.so.0.8): install it (Debian: "
                + "`apt-get install libpcap0.8`, or libpcap-dev to build). Nothing else changes."))
            return
        }
        if let f = filter, let problem = WireCapture.check(filter: f) {
            throw InputError("bad filter '\(f.prefix(60))': \(problem)", usage: usage)
        }
        let w = wire ?? WireView()
        if let c = w.capture {
            // On again with another filter: the old captures give what they hold, then close.
            wireShow(c.drain(settleMs: 0, maxMs: 0), view: w, summarise: false, into: &ev)
            c.close()
            w.capture = nil
        }
        if settings.sandboxed {
            ev.append(.warning("wire on: no capture while fuzzing"))
            return
        }
        switch WireCapture.open(points: network.capturePoints, filter: filter) {
        case .success(let c):
            wire = w
            w.capture = c
            w.filter = filter
            if w.start == 0 {
                var t = timespec()
                clock_gettime(CLOCK_REALTIME, &t)
                w.start = Int64(t.tv_sec) * 1_000_000 + Int64(t.tv_nsec / 1000)
            }
            if let first = c.handles.first { w.linkType = first.linkType }
            w.droppedSeen = c.dropped
            let at = network.capturePoints.map(\.label).joined(separator: ", ")
            ev.append(.note("wire on: capturing on \(at)\(filter.map { " (filter: \($0))" } ?? ""); packets show "
                + "as `~` lines after the call that caused them"))
        case .failure(.badFilter(let m)):
            throw InputError("bad filter '\((filter ?? "").prefix(60))': \(m)", usage: usage)
        case .failure(.noPermission(let point, let m)):
            ev.append(.warning("wire on: cannot capture on \(point): capturing needs CAP_NET_RAW in the network "
                + "namespace of the sockets, and this process has not got it (libpcap: \(m)). Run the shell in the "
                + "lab (`sockshell --lab`), or in a private namespace of its own (`unshare -U -r -n sh -c 'ip link "
                + "set lo up && sockshell'`), or as root. Nothing else changes: the calls work as before."))
        case .failure(.failed(let point, let m)):
            ev.append(.warning("wire on: cannot capture on \(point): \(m)"))
        }
    }

    /// After each command: the packets it caused (waiting briefly for stragglers when it could cause some).
    func wireAfter(_ id: CommandID, command: CommandWords, view w: WireView, into ev: inout [Event]) {
        guard let c = w.capture, id != .help, id != .explain else { return }
        var text = String(decoding: command.raw, as: UTF8.self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" || text.last == "\n" { text.removeLast() }
        w.pendingCause = text
        let settle = Session.wireSettling.contains(id)
        let raw = c.drain(settleMs: settle ? 80 : 0, maxMs: settle ? 500 : 0)
        wireShow(raw, view: w, summarise: id == .source || id == .sink,
                 groupReports: id == .join || id == .leave, into: &ev)
        w.pendingCause = nil
    }

    /// Packets that came while nobody typed (the REPL asks between keys).
    public func wireIdleEvents() -> [Event] {
        guard let w = wire, let c = w.capture else { return [] }
        var ev: [Event] = []
        wireShow(c.drain(settleMs: 0, maxMs: 0), view: w, summarise: false, into: &ev)
        return ev
    }

    /// Decodes, keeps and shows a batch: one event per packet, or counts per direction for a bulk transfer
    /// (the opening and closing segments still shown one by one).
    ///
    /// IGMP and MLD reports show after the `join` or `leave` that sent them, or when a filter asks for them; the
    /// kernel repeats them at random moments later (and an interface coming up sends its own), which would make
    /// every lesson with the wire on differ from run to run.
    func wireShow(_ raw: [RawPacket], view w: WireView, summarise: Bool, groupReports: Bool = false,
                  into ev: inout [Event]) {
        guard !raw.isEmpty else { return }
        w.keep(raw)
        w.handleNames.merge(wireHandleNames()) { _, new in new }
        let handles = w.handleNames
        var decoded: [WirePacket?] = []
        decoded.reserveCapacity(raw.count)
        // A probe is told from a plain ACK by its answer in the same batch; earlier batches are shown already.
        w.decoder.emptyFirst = [:]
        let before = w.decoder.directions
        for r in raw {
            let label = w.capture.map { r.point < $0.handles.count ? $0.handles[r.point].label : "?" } ?? "?"
            decoded.append(r.bytes.withUnsafeBytes {
                w.decoder.decode($0, linkType: w.linkType, link: label, time: r.time - w.start)
            })
        }
        if !w.decoder.probeStarts.isEmpty {
            // A connection first seen at a keepalive probe: decode the batch again, the probe read as one.
            w.decoder.presetProbes(before, w.decoder.probeStarts)
            decoded = raw.map { r in
                let label = w.capture.map { r.point < $0.handles.count ? $0.handles[r.point].label : "?" } ?? "?"
                return r.bytes.withUnsafeBytes {
                    w.decoder.decode($0, linkType: w.linkType, link: label, time: r.time - w.start)
                }
            }
        }
        var packets: [WirePacket] = []
        packets.reserveCapacity(raw.count)
        for d in decoded {
            guard var p = d else { continue }
            if !groupReports, w.filter == nil, p.isGroupReport { continue }
            p.sourceHost = wireHostName(p.source, p.ipVersion)
            p.destinationHost = wireHostName(p.destination, p.ipVersion)
            let src = p.endpoint(source: true), dst = p.endpoint(source: false)
            p.sourceHandle = handles[src + ">" + dst]
            p.destinationHandle = handles[dst + ">" + src]
            // A SYN goes to the listener (the only socket with that address until accept).
            if case .tcp(let t) = p.payload, t.flags & (TCPSegment.syn | TCPSegment.ackFlag) == TCPSegment.syn,
               p.destinationHandle == nil {
                p.destinationHandle = handles[dst]
            }
            packets.append(p)
        }
        let bulk = summarise || packets.count > 64
        var flows: [WireSummary.Flow] = []
        var index: [String: Int] = [:]
        for p in packets {
            if bulk, case .tcp(let t) = p.payload, !t.isControl, t.urgent == nil {
                let key = p.link + " " + p.endpoint(source: true) + " " + p.endpoint(source: false)
                let k = index[key] ?? {
                    flows.append(WireSummary.Flow(link: p.link, sourceHost: p.sourceHost,
                                                  destinationHost: p.destinationHost, source: p.source,
                                                  destination: p.destination, sourcePort: t.sourcePort,
                                                  destinationPort: t.destinationPort))
                    index[key] = flows.count - 1
                    return flows.count - 1
                }()
                flows[k].segments += 1
                // Bytes count new data only, so a retransmission does not change the total a lesson shows.
                if t.retransmission { flows[k].retransmissions += 1 } else { flows[k].bytes += t.dataLength }
                flows[k].largest = max(flows[k].largest, t.dataLength)
                continue
            }
            ev.append(.packet(p))
            w.addStep(.packet(p, cause: w.pendingCause))
            w.pendingCause = nil
        }
        if !flows.isEmpty {
            let dropped = (w.capture?.dropped ?? w.droppedSeen)
            let s = WireSummary(flows: flows, dropped: max(0, dropped - w.droppedSeen))
            w.droppedSeen = dropped
            ev.append(.packetSummary(s))
            w.addStep(.summary(s, cause: w.pendingCause))
            w.pendingCause = nil
        }
    }

    /// The session's sockets by address: `local>peer` for a connected one (an accepted socket shares its
    /// listener's local address), `local` for the others.
    func wireHandleNames() -> [String: String] {
        var out: [String: String] = [:]
        for e in entries {
            guard let a = e.socket.localAddress, a.port != nil else { continue }
            if let peer = e.socket.peerAddress {
                out[a.description + ">" + peer.description] = e.handle
            } else {
                out[a.description] = e.handle
            }
        }
        return out
    }

    func wireHostName(_ text: String, _ version: Int) -> String? {
        if version == 4, let b = SocketAddress.parseIPv4(text) {
            return network.hostName(ofAddress: .ipv4(address: b, port: 0))
        }
        if version == 6, let b = SocketAddress.parseIPv6(text) {
            return network.hostName(ofAddress: .ipv6(address: b, port: 0, scope: 0))
        }
        return nil
    }
}
