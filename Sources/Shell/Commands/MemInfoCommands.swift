import Glibc
import SocketCore

/// getopt SO_MEMINFO: the nine counters by name, and for a UDP socket what they mean for its queue.
extension Session {
    func getMemInfo(_ spec: OptionSpec, _ c: Context, into ev: inout [Event]) {
        let s = c.socket
        let (r, bytes) = s.getOption(level: spec.level, name: spec.number, capacity: spec.readCapacity)
        let level = Line(Platform.levelName(spec.level))
        guard r.error == nil else {
            ev.append(.syscall(SyscallRecord(
                name: "getsockopt",
                args: [Line(String(decimal: s.fd)), level, Line(spec.name), "0x...",
                       Line(String(decimal: spec.readCapacity, bracketed: true))],
                outcome: outcome(r, timedOut: false))))
            return
        }
        let mem = bytes.withUnsafeBytes { MemInfo(bytes: $0) }
        // strace's layout of an array of counters, each named (SK_MEMINFO_RMEM_ALLOC is index 0, ...).
        var shown: Line = "["
        for (k, v) in mem.values.enumerated() {
            let name = k < MemInfo.names.count ? MemInfo.names[k] : "[\(k)]"
            shown = shown + Line(k == 0 ? "" : ", ") + "\(name)=\(volatile: "\(v)", .n)"
        }
        shown = shown + "]"
        ev.append(.syscall(SyscallRecord(
            name: "getsockopt",
            args: [Line(String(decimal: s.fd)), level, Line(spec.name), shown,
                   Line(String(decimal: bytes.count, bracketed: true))],
            outcome: .value("0"))))
        var rows: [[Line]] = []
        for (k, v) in mem.values.enumerated() where k < MemInfo.names.count {
            // Limits are what was set; the rest move with traffic.
            let value: Line = k == 1 || k == 3 ? Line("\(v)") : .volatile("\(v)", .n)
            rows.append([Line(MemInfo.names[k]), value, Line(MemInfo.meanings[k])])
        }
        ev.append(.table(Table(headers: [], rows: rows)))
        if let q = datagramQueue(s) {
            ev.append(.note("what the queue holds (rmem_alloc divided by the truesize of one datagram):"))
            ev.append(.table(Table(headers: [], rows: datagramRows(q))))
        }
    }

    /// One cell of the `getopt` table: on a UDP socket the datagrams queued, else the charge and the drops.
    func memInfoSummary(_ mem: MemInfo, _ s: Socket) -> Line {
        var line: Line = "\(volatile: "\(mem.rmemAlloc)", .n) of \(mem.rcvbuf) charged, "
            + "\(volatile: "\(mem.drops)", .n) drops"
        if let q = datagramQueue(s), let n = q.count {
            line = "\(q.exact ? "" : "about ")\(volatile: "\(n)", .n) datagrams queued; " + line
        }
        return line
    }
}
