import CSocketShims
import Glibc
import SocketCore

/// recvmsg and sendmsg: the whole msghdr, msg_flags and control messages.
extension Session {
    func cmdRecvmsg(_ q: ReceiveRequest, _ c: Context, into ev: inout [Event]) throws(InputError) {
        var count = q.count
        let flags = q.flags.rawValue
        if count > Session.maxBuffer {
            ev.append(.note("recvmsg of \(Values.humanBytes(count)) capped at \(Values.humanBytes(Session.maxBuffer))"))
            count = Session.maxBuffer
        }
        ensureBuffer(count)
        let s = c.socket
        let buf = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
        let (m, timedOut) = blocking { s.receiveMessage(into: buf, flags: flags) }
        let r = m.result
        let got = r.error == nil ? min(r.value, count) : 0
        let bytes = Array(buf[0..<got])
        ev.append(.syscall(SyscallRecord(
            recvmsgCall(
                s.fd,
                ReceivedHeader(count: count, wantsName: s.isDatagram, controlCapacity: 512,
                               bytes: r.error == nil ? bytes : nil, name: m.name,
                               nameLength: r.error == nil ? m.nameLength : sockaddrStorageSize, control: m.control,
                               controlLength: r.error == nil ? m.controlLength : 512, flags: m.flags),
                flags: flags, result(r, timedOut: timedOut)))))
        appendData(bytes, into: &ev)
        guard r.error == nil else {
            if r.error?.rawValue == EAGAIN, flags & Int32(MSG_ERRQUEUE) != 0 {
                ev.append(.note("EAGAIN: the error queue is empty (it fills only with IP_RECVERR or IPV6_RECVERR "
                    + "on, when a send met an error)"))
            } else {
                noteReceiveTimeout(r.error, MessageFlags(rawValue: flags), s, into: &ev)
                adviseErrno(.recv, r.error, flags: MessageFlags(rawValue: flags), c, into: &ev)
            }
            return
        }
        if !s.isDatagram, r.value == 0, count > 0 {
            c.entry?.eofShown = true
            ev.append(.note(c.entry?.resetSeen == true
                ? "EOF: the connection was reset earlier (RST, not a FIN)"
                : "EOF: the peer closed or shut down its sending side"))
        }
        if m.flags & Int32(MSG_TRUNC) != 0 {
            ev.append(.note(
                r.value > count
                    ? "MSG_TRUNC: the datagram had \(r.value) bytes; \(r.value - count) did not fit and "
                        + (r.value - count == 1 ? "was discarded" : "were discarded")
                    : "MSG_TRUNC: the datagram was longer than \(count) bytes; the rest was discarded (pass trunc to "
                        + "learn its real length)"))
        }
        if m.flags & Int32(MSG_CTRUNC) != 0 {
            ev.append(.note("MSG_CTRUNC: the control buffer was too small; some control messages were lost"))
        }
        if m.flags & Int32(MSG_OOB) != 0 { ev.append(.note("MSG_OOB: this is urgent data")) }
        if m.flags & Int32(MSG_EOR) != 0 { ev.append(.note("MSG_EOR: the end of a record")) }
        for e in m.control { if let n = controlNote(e.message, to: m.name) { ev.append(.note(n)) } }
        if m.control.isEmpty, s.isDatagram, flags & Int32(MSG_ERRQUEUE) == 0 {
            ev.append(.note("no control messages: turn them on with setopt IP_PKTINFO, IP_RECVTTL, SO_TIMESTAMPNS, "
                + "SO_RXQ_OVFL (IPV6_RECVPKTINFO, IPV6_RECVHOPLIMIT on IPv6)"))
        }
    }

    /// `if_nametoindex("lo")`, as strace writes an interface index.
    static func ifIndexText(_ i: UInt32) -> String {
        let name = ifName(i)
        return name.hasPrefix("interface ") ? "\(i)" : "if_nametoindex(\"\(name)\")"
    }

    /// One line of what a control message says.
    func controlNote(_ m: ControlMessage, to name: SocketAddress?) -> Line? {
        switch m {
        case .pktinfo4(let i, _, let addr):
            let dest = SocketAddress.ipv4(address: addr, port: 0).host
            let group = (addr.first ?? 0) >= 224 && (addr.first ?? 0) <= 239 ? " (the multicast group)" : ""
            return Line("IP_PKTINFO: sent to \(dest)\(group), arrived on \(Session.ifName(UInt32(bitPattern: i)))")
        case .pktinfo6(let addr, let i):
            let dest = SocketAddress.ipv6(address: addr, port: 0, scope: 0).host
            let group = addr.first == 0xff ? " (the multicast group)" : ""
            return Line("IPV6_PKTINFO: sent to \(dest)\(group), arrived on \(Session.ifName(i))")
        case .ttl(let v): return Line("IP_TTL: the datagram arrived with TTL \(v)")
        case .hopLimit(let v): return Line("IPV6_HOPLIMIT: the datagram arrived with hop limit \(v)")
        case .timestampNS: return "SO_TIMESTAMPNS: when the kernel received it (CLOCK_REALTIME)"
        case .rxqOverflow(let n):
            return Line("SO_RXQ_OVFL: \(n) datagram\(n == 1 ? "" : "s") dropped so far on this socket (buffer full)")
        case .extendedError(let e):
            var what = "\(e.errno.name) (\(e.errno.message))"
            if e.origin == 2 || e.origin == 3 {
                what += " from an ICMP\(e.origin == 3 ? "v6" : "") message type \(e.type) code \(e.code)"
                if e.origin == 2, e.type == 3, e.code == 3 { what += " (port unreachable: no socket on that port)" }
                if e.origin == 3, e.type == 1, e.code == 4 { what += " (port unreachable: no socket on that port)" }
            }
            let from = e.offender.map { " sent by \(Fmt.address($0))" } ?? Line("")
            let dest = name.map { "; the datagram went to \(Fmt.address($0))" } ?? Line("")
            return "the error a send met: \(what)\(from)\(dest)"
        case .other: return nil
        }
    }

    /// strace's names for control-message levels: SOL_SOCKET, SOL_IP, SOL_IPV6.
    static func cmsgLevelName(_ level: Int32) -> String {
        switch level {
        case Platform.ipprotoIP: return "SOL_IP"
        case Platform.ipprotoIPv6: return "SOL_IPV6"
        case Platform.solSocket: return "SOL_SOCKET"
        default: return "\(level)"
        }
    }

    static func ifName(_ i: UInt32) -> String {
        guard i != 0, let name = Sys.if_indextoname(i) else { return "interface \(i)" }
        return name
    }

    func cmdSendmsg(_ q: SendMessageRequest, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let s = c.socket
        var dest: SocketAddress?
        var destHandle: String?
        let sent = q.control
        if let w = q.destination {
            dest = try address(w, for: s)
            destHandle = dest.flatMap { addressHandle(w.token, $0) }
        }
        let v6 = s.family == Platform.afInet6
        var control: [(Int32, Int32, [UInt8])] = []
        let source = q.control.contains { if case .ttl = $0 { false } else { true } }
        for item in q.control {
            switch item {
            case .ttl(let n, _):
                let type = v6 ? ControlType.ipv6HopLimit : ControlType.ipTTL
                let level = v6 ? Platform.ipprotoIPv6 : Platform.ipprotoIP
                control.append((level, type, withUnsafeBytes(of: n) { Array($0) }))
            case .source4(let addr), .source6(let addr):
                if v6 {
                    control.append((Platform.ipprotoIPv6, ControlType.ipv6Pktinfo, addr + [0, 0, 0, 0]))
                } else {
                    control.append((Platform.ipprotoIP, ControlType.ipPktinfo, [0, 0, 0, 0] + addr + [0, 0, 0, 0]))
                }
            }
        }
        let (flags, data) = (q.flags, q.data)
        let ((r, controlLen), timedOut) = blocking { s.sendMessage(data, to: dest, control: control, flags: flags) }
        let header = SentHeader(destination: dest, handle: destHandle, bytes: data, control: sent,
                                controlLength: controlLen)
        ev.append(.syscall(SyscallRecord(sendmsgCall(s.fd, header, flags, result(r, timedOut: timedOut)))))
        if !ByteText.isText(data) { ev.append(.data(data, binary: true)) }
        if r.error == nil, !control.isEmpty {
            ev.append(.note("the control messages apply to this datagram only; the socket's options are unchanged"))
        }
        if source, !s.isTCP, let e = r.error, [EINVAL, ENETUNREACH, EADDRNOTAVAIL].contains(e.rawValue) {
            // The kernel's errno (ENETUNREACH for IPv4) names the route, not the source the user typed.
            ev.append(.warning("\(e.name): the address after `from` must be one of this host's own (the kernel picks "
                + "the source among them, it never forges one): use an address `ip addr` lists, such as 127.0.0.1 "
                + "(any 127.x.y.z on lo) or ::1"))
        }
        if r.error?.rawValue == EINVAL, !control.isEmpty, s.isTCP {
            ev.append(.note("EINVAL: TCP takes no per-send IP_TTL or IP_PKTINFO; set IP_TTL with setopt instead"))
        }
        adviseErrno(dest == nil ? .send : .sendto, r.error, address: dest, c, into: &ev)
    }
}
