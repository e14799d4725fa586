import SocketCore

/// sockets: the kernel's socket table of the current network namespace (sock_diag), with this session's handles.
extension Session {
    /// What a `sockets` line asks for: which dumps to request, and which rows to keep.
    struct SocketTableFilter {
        var queries: [SocketTableQuery] = [.tcp4, .tcp6, .udp4, .udp6, .unix]
        var ports: Set<UInt16> = []
        var states: Set<String> = []
        var inodes: Set<UInt32> = []
        var words: [String] = []
        /// Handles among the words: their ports (inodes for AF_UNIX) are read by the run (`completed`).
        var handles: [String] = []

        func keeps(_ k: KernelSocket) -> Bool {
            if !ports.isEmpty, !(k.localPort.map(ports.contains) ?? false), !(k.peerPort.map(ports.contains) ?? false) {
                return false
            }
            if !states.isEmpty, !states.contains(k.stateName) { return false }
            if !inodes.isEmpty, !inodes.contains(k.inode), !inodes.contains(k.peerInode) { return false }
            return true
        }
    }

    /// State names users may type, any case, `-` or `_`: the kernel's names and ss's short ones.
    static let stateWords: [String: String] = {
        var m: [String: String] = [:]
        for s in 1...12 { m[TCPInfo.stateName(s).lowercased()] = TCPInfo.stateName(s) }
        m["unconn"] = "UNCONN"
        m["estab"] = "ESTABLISHED"
        m["timewait"] = "TIME_WAIT"
        m["closewait"] = "CLOSE_WAIT"
        return m
    }()

    /// Parses FILTER words: tcp, udp, unix, 4, 6, a port, a state, a handle (all must hold).
    func socketTableFilter(_ a: inout Args) throws(InputError) -> SocketTableFilter {
        var f = SocketTableFilter()
        // A handle's family only stands in for a family word: `sockets u1 udp6` keeps IPv6 rows only.
        var protos: Set<Int32> = [], families: Set<Int32> = [], handleFamilies: Set<Int32> = []
        var ipHandle = false
        while let t = a.next() {
            let w = t.text.lowercasedASCII()
            f.words.append(t.text)
            switch w {
            case "tcp": protos.insert(Platform.ipprotoTCP)
            case "udp": protos.insert(Platform.ipprotoUDP)
            case "tcp4", "tcp6", "udp4", "udp6":
                protos.insert(w.hasPrefix("tcp") ? Platform.ipprotoTCP : Platform.ipprotoUDP)
                families.insert(w.hasSuffix("6") ? Platform.afInet6 : Platform.afInet)
            case "unix": protos.insert(0)
            case "4": families.insert(Platform.afInet)
            case "6": families.insert(Platform.afInet6)
            default:
                if let st = Session.stateWords[String(w.map { $0 == "-" ? "_" : $0 })] {
                    f.states.insert(st)
                } else if let p = Values.int32(t.text), p > 0, p <= 65535 {
                    f.ports.insert(UInt16(p))
                } else if Values.int32(t.text) != nil {
                    throw a.fail("bad port '\(t.text.prefix(30))' in FILTER: a port is 1 to 65535")
                } else if let e = entry(t.text) {
                    f.handles.append(t.text)
                    if e.socket.family == Platform.afUnix {
                        protos.insert(0)
                    } else {
                        // A handle means its port (`completed`): what else holds it (TIME_WAIT leftovers, peers, the
                        // other protocol).
                        ipHandle = true
                        handleFamilies.insert(e.socket.family)
                    }
                } else {
                    throw a.fail(
                        "bad FILTER '\(t.text.prefix(30))': give a port, a state (listen, established, time_wait, "
                            + "...), a handle, or tcp, udp, unix, 4, 6" + handleHint())
                }
            }
        }
        if families.isEmpty { families = handleFamilies }
        if !f.ports.isEmpty || ipHandle {
            protos.remove(0)
            if protos.isEmpty { protos = [Platform.ipprotoTCP, Platform.ipprotoUDP] }
        }
        let tcpOnly = f.states.contains { !["LISTEN", "ESTABLISHED", "UNCONN"].contains($0) }
        if !f.states.isEmpty, !f.states.contains("UNCONN"), !f.states.contains("ESTABLISHED") {
            protos.remove(Platform.ipprotoUDP)
            if protos.isEmpty { protos = [Platform.ipprotoTCP, 0] }
        }
        if tcpOnly { protos = protos.isEmpty ? [Platform.ipprotoTCP] : protos.intersection([Platform.ipprotoTCP]) }
        f.queries = f.queries.filter { q in
            (protos.isEmpty || protos.contains(q.proto))
                && (families.isEmpty || q.family == Platform.afUnix || families.contains(q.family))
        }
        if f.queries.isEmpty { throw a.fail("the FILTER words exclude every kind of socket") }
        return f
    }

    /// The filter with its handles' ports and inodes read (getsockname, fstat): the run's part of the parse.
    func completed(_ filter: SocketTableFilter) throws(InputError) -> SocketTableFilter {
        var f = filter
        for h in f.handles {
            guard let s = entry(h)?.socket else { continue }
            if s.family == Platform.afUnix {
                f.inodes.insert(s.inode)
            } else if let port = s.localAddress?.port, port != 0 {
                f.ports.insert(port)
            } else {
                throw RunUsage(.sockets).fail("socket \(h) is not bound: it has no port to look for yet")
            }
        }
        return f
    }

    func cmdSockets(_ q: SocketTableFilter, into ev: inout [Event]) throws(InputError) {
        let f = try completed(q)
        let dump = network.withCurrentHost { SocketTable.read(f.queries) }
        ev.append(.syscall(SyscallRecord(diagSocketCall(CallResult(dump.socketResult)))))
        for req in dump.requests {
            ev.append(.syscall(SyscallRecord(
                diagRequestCall(dump.fd, req.query, req.result.error.map { .failed($0) } ?? .value(req.length)))))
        }
        if let e = dump.socketResult.error {
            ev.append(.note("the socket table cannot be read here (\(e.name)): NETLINK_SOCK_DIAG is refused"))
            return
        }
        if let e = dump.readError { ev.append(.note("reading the answer failed: \(e.name) (\(e.message))")) }
        let rows = dump.sockets.filter(f.keeps)
        let handles = inodeHandles()
        ev.append(.table(socketTable(rows, handles: handles)))
        let what = f.words.isEmpty ? "in this network namespace" : "matching \(f.words.joined(separator: " "))"
        ev.append(.note("\(rows.count) socket\(rows.count == 1 ? "" : "s") \(what)"))
        if rows.contains(where: { $0.tcpState == .timeWait }) {
            ev.append(.note("TIME_WAIT: a connection this host closed first; it has no descriptor (so no handle) and "
                + "holds its port until the timer runs out (60 s on Linux)"))
        }
        noteTimeWaitCountdown(rows, into: &ev)
        if f.states.contains("TIME_WAIT"), !rows.contains(where: { $0.tcpState == .timeWait }) {
            var others = f
            others.states = []
            let closing = dump.sockets.filter { others.keeps($0) && [.finWait1, .finWait2].contains($0.tcpState) }
            if !closing.isEmpty {
                // The usual surprise after `close` on the active side while the peer is still open.
                ev.append(.note("no TIME_WAIT yet: \(closing.count) connection\(closing.count == 1 ? "" : "s") "
                    + "closed first here \(closing.count == 1 ? "waits" : "wait") in FIN_WAIT1/FIN_WAIT2 for the "
                    + "peer's FIN; TIME_WAIT begins when the peer closes too (`sockets` without a state shows them)"))
            }
        }
    }

    /// For each TIME_WAIT connection an earlier `sockets` showed too: its timer then and now, so a lesson shows
    /// the countdown in words that replay (the times themselves are wildcards in a transcript).
    func noteTimeWaitCountdown(_ rows: [KernelSocket], into ev: inout [Event]) {
        for k in rows where k.tcpState == .timeWait {
            guard let ms = k.timer?.milliseconds else { continue }
            let pair: Line = "\(k.local.map(Fmt.address) ?? "-") - \(k.peer.map(Fmt.address) ?? "-")"
            let key = pair.plain
            if let before = timeWaitTimers[key], ms < before,
               Session.timeLeft(ms).plain != Session.timeLeft(before).plain {
                ev.append(.note("TIME_WAIT " + pair + ": the timer went down from " + Session.timeLeft(before)
                    + " to " + Session.timeLeft(ms) + " since the last `sockets`; at 0 the kernel drops the "
                    + "connection and its port is free"))
            }
            timeWaitTimers[key] = ms
        }
    }

    /// The request as strace would show the netlink message's essentials.
    static func diagRequestText(_ q: SocketTableQuery) -> Line {
        let head = "{nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
        if q.family == Platform.afUnix {
            return Line(head + "{sdiag_family=AF_UNIX, udiag_states=~0, "
                + "udiag_show=UDIAG_SHOW_NAME|UDIAG_SHOW_PEER|UDIAG_SHOW_RQLEN}}")
        }
        return Line(head + "{sdiag_family=\(Platform.familyName(q.family)), "
            + "sdiag_protocol=\(Platform.protocolName(q.proto)), idiag_states=~0}}")
    }

    /// This session's sockets by inode (fstat), to name the rows that are ours.
    func inodeHandles() -> [UInt32: String] {
        var m: [UInt32: String] = [:]
        for e in entries { m[e.socket.inode] = e.handle }
        return m
    }

    /// `tcp`, `udp6`, `unix`, ...
    static func kindText(_ k: KernelSocket) -> String {
        switch k.kind {
        case .tcp, .udp: return k.kind.rawValue + (k.family == Platform.afInet6 ? "6" : "")
        default: return k.kind.rawValue
        }
    }

    /// `timewait 59.8s`, `keepalive 7199.9s`, `retransmit 200ms (2)`; the time is a wildcard in transcripts.
    static func timerText(_ t: SocketTimer?) -> Line {
        guard let t else { return "-" }
        var l: Line = "\(t.name) \(timeLeft(t.milliseconds))"
        switch t {
        case .retransmit(_, let n) where n > 0, .keepalive(_, let n) where n > 0,
             .zeroWindowProbe(_, let n) where n > 0:
            l = l + Line(" (\(n))")
        default: break
        }
        return l
    }

    func socketTable(_ rows: [KernelSocket], handles: [UInt32: String]) -> Table {
        var out: [[Line]] = []
        for k in rows {
            let handle = k.inode != 0 ? handles[k.inode] ?? "-" : "-"
            var local: Line = k.local.map(Fmt.address) ?? "-"
            var peer: Line = k.peer.map(Fmt.address) ?? "-"
            if k.family == Platform.afUnix {
                if case .unix(let p)? = k.local, p.isEmpty { local = "-" }
                if k.local == nil { local = "-" }
                peer = k.peerInode == 0 ? "-" : handles[k.peerInode].map { Line("(\($0))") }
                    ?? "ino \(volatile: "\(k.peerInode)", .n)"
            }
            out.append([Line(handle), Line(Session.kindText(k)), Line(k.stateName), "\(k.receiveQueue)",
                        "\(k.sendQueue)", local, peer, Session.timerText(k.timer)])
        }
        return Table(headers: ["HANDLE", "PROTO", "STATE", "RECV-Q", "SEND-Q", "LOCAL", "PEER", "TIMER"], rows: out)
    }
}
