import Glibc
import SocketCore

/// getopt SO_MEMINFO: the nine counters by name, and for a UDP socket what they mean for its queue.
extension Session {
    func getMemInfo(_ spec: OptionSpec, _ c: Context, into ev: inout [Event]) {
        let s = c.socket
        let (r, bytes) = s.getOption(level: spec.level, name: spec.number, capacity: spec.readCapacity)
        guard r.error == nil else {
            ev.append(.syscall(SyscallRecord(optionCall(false, s.fd, spec, nil, .lengthInOut(spec.readCapacity), r))))
            return
        }
        let mem = bytes.withUnsafeBytes { MemInfo(bytes: $0) }
        ev.append(.syscall(SyscallRecord(optionCall(false, s.fd, spec, .raw(bytes), .lengthInOut(bytes.count), r))))
        // A line per field, the value after a name padded to a fixed width: a value's own width never moves
        // the text after it (a table would, and a recorded transcript would not replay).
        let width = MemInfo.names.map(\.count).max() ?? 0
        for (k, v) in mem.values.enumerated() where k < MemInfo.names.count {
            let name = MemInfo.names[k]
            let pad = String(repeating: " ", count: width - name.count)
            ev.append(.note(Line(name + pad + " ") + Session.memInfoValue(k, v) + Line(": " + MemInfo.meanings[k])))
        }
        if let q = datagramQueue(s) {
            ev.append(.note("what the queue holds (rmem_alloc divided by the truesize of one datagram):"))
            ev.append(.table(Table(headers: [], rows: datagramRows(q))))
        }
    }

    /// A counter as shown: volatile, since even the limits are the system's defaults until a program sets them.
    static func memInfoValue(_ k: Int, _ v: UInt32) -> Line { .volatile("\(v)", .n) }

    /// One cell of the `getopt` table: on a UDP socket the datagrams queued, else the charge and the drops.
    func memInfoSummary(_ mem: MemInfo, _ s: Socket) -> Line {
        var line: Line = "\(volatile: "\(mem.rmemAlloc)", .n) of \(volatile: "\(mem.rcvbuf)", .n) charged, "
            + "\(volatile: "\(mem.drops)", .n) drops"
        if let q = datagramQueue(s), let n = q.count {
            line = "\(q.exact ? "" : "about ")\(volatile: "\(n)", .n) datagrams queued; " + line
        }
        return line
    }
}
