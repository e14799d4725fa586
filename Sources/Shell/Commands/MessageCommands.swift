import CSocketShims
import Glibc
import SocketCore

/// recvmsg and sendmsg: the whole msghdr, msg_flags and control messages.
extension Session {
    func cmdRecvmsg(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {
        var count = 65536
        var flags: Int32 = 0
        var sawCount = false
        let words: [(String, Int32)] = [
            ("peek", Int32(MSG_PEEK)), ("waitall", Int32(MSG_WAITALL)), ("oob", Int32(MSG_OOB)),
            ("dontwait", Int32(MSG_DONTWAIT)), ("trunc", Int32(MSG_TRUNC)), ("errqueue", Int32(MSG_ERRQUEUE)),
        ]
        while let t = a.next() {
            // As every flag word of the shell (FlagWords): any case, with or without the C prefix `MSG_`.
            var w = t.text.lowercasedASCII()
            if FlagWords.looksLikeCName(w) { w.removeFirst(4) }
            if let f = words.first(where: { $0.0 == w }) {
                flags |= f.1
                continue
            }
            if FlagWords.looksLikeCName(t.text) {
                throw a.fail(FlagWords.refusal(t.text, command: "recvmsg", allowed: words.map(\.0), sendsData: false))
            }
            guard !sawCount, let n = Values.size(t.text, limit: Int.max / 2) else {
                throw a.fail(sawCount ? "bad flag '\(t.text.prefix(30))': give peek, waitall, oob, dontwait, trunc "
                    + "or errqueue" : "bad N or flag '\(t.text.prefix(30))': give a size (64, 4K) or a flag")
            }
            count = n
            sawCount = true
        }
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
            name: "recvmsg",
            args: ["\(s.fd)", msghdrText(m, bytes: bytes, count: count, datagram: s.isDatagram),
                   Line(MessageHeaderFlags.text(flags))],
            outcome: outcome(r, timedOut: timedOut),
            call: recvmsgCall(
                s.fd,
                ReceivedHeader(count: count, wantsName: s.isDatagram, controlCapacity: 512,
                               bytes: r.error == nil ? bytes : nil, name: m.name, control: m.control, flags: m.flags),
                flags: flags, CallResult(r, timedOut: timedOut)))))
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

    /// `{msg_name={AF_INET, 127.0.0.1:5000}, msg_namelen=16, msg_iov=[{iov_base="hi", iov_len=65536}], ...}`.
    func msghdrText(_ m: ReceivedMessage, bytes: [UInt8], count: Int, datagram: Bool) -> Line {
        var l: Line = "{"
        if !datagram {
            l = l + "msg_name=NULL, msg_namelen=0, "
        } else if let n = m.name {
            l = l + "msg_name=\(Fmt.sockaddr(n)), msg_namelen=\(m.nameLength), "
        } else {
            l = l + "msg_name=0x..., msg_namelen=\(m.result.error == nil ? m.nameLength : sockaddrStorageSize), "
        }
        let base: Line = m.result.error == nil ? Fmt.buffer(bytes, limit: 1024) : "0x..."
        l = l + "msg_iov=[{iov_base=\(base), iov_len=\(count)}], msg_iovlen=1, "
        if m.result.error == nil, !m.control.isEmpty {
            l = l + "msg_control=["
            for (k, e) in m.control.enumerated() {
                if k > 0 { l = l + ", " }
                l = l + "{cmsg_len=\(e.length), cmsg_level=\(Session.cmsgLevelName(e.level)), "
                    + "cmsg_type=\(ControlType.name(level: e.level, type: e.type)), "
                    + "cmsg_data=\(cmsgData(e.message))}"
            }
            l = l + "], "
        }
        let controlLen = m.result.error == nil ? m.controlLength : 512
        l = l + "msg_controllen=\(controlLen), msg_flags=\(MessageHeaderFlags.text(m.flags))}"
        return l
    }

    /// `if_nametoindex("lo")`, as strace writes an interface index.
    static func ifIndexText(_ i: UInt32) -> String {
        let name = ifName(i)
        return name.hasPrefix("interface ") ? "\(i)" : "if_nametoindex(\"\(name)\")"
    }

    func cmsgData(_ m: ControlMessage) -> Line {
        switch m {
        case .pktinfo4(let i, let spec, let addr):
            return Line("{ipi_ifindex=\(Session.ifIndexText(UInt32(bitPattern: i))), ipi_spec_dst=\(Fmt.inAddr(spec)), "
                + "ipi_addr=\(Fmt.inAddr(addr))}")
        case .pktinfo6(let addr, let i):
            return Line("{ipi6_addr=\(Fmt.in6Addr(addr)), ipi6_ifindex=\(Session.ifIndexText(i))}")
        case .ttl(let v), .hopLimit(let v): return Line("[\(v)]")
        case .timestampNS(let s, let ns):
            return "{tv_sec=\(volatile: "\(s)", .n), tv_nsec=\(volatile: "\(ns)", .n)}"
        case .rxqOverflow(let n): return Line("[\(n)]")
        case .extendedError(let e):
            var l = Line("{ee_errno=\(e.errno.name), ee_origin=\(e.originName), ee_type=\(e.type), ee_code=\(e.code), "
                + "ee_info=\(e.info), ee_data=\(e.data)")
            if let o = e.offender { l = l + ", offender=\(Fmt.sockaddr(o))" }
            return l + "}"
        case .other(let d): return Fmt.buffer(d)
        }
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

    func cmdSendmsg(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let s = c.socket
        var dest: SocketAddress?
        var destHandle: String?
        var sent: [SentControl] = []
        // An address comes first unless the word is a keyword of sendmsg (a connected socket needs none).
        if let t = a.peek(), !t.quoted, !["ttl", "from", "hex"].contains(t.text.lowercasedASCII()),
           !CommandTable.sendFlags.contains(t.text.lowercasedASCII()),
           entry(t.text) != nil || t.text.contains(":") || t.text.hasPrefix("/") || t.text.hasPrefix("./") {
            a.index += 1
            dest = try address(t, for: s, usage: a.usage)
            destHandle = dest.flatMap { addressHandle(t, $0) }
        }
        let v6 = s.family == Platform.afInet6
        var control: [(Int32, Int32, [UInt8])] = []
        var shown: [Line] = []
        var source = false
        while let t = a.peek(), !t.quoted {
            let w = t.text.lowercasedASCII()
            if w == "ttl" {
                a.index += 1
                let v = try a.require("N after ttl")
                guard let n = Values.int32(v.text), n >= 0, n <= 255 else {
                    throw a.fail("bad ttl '\(v.text.prefix(20))': give 0 to 255")
                }
                let type = v6 ? ControlType.ipv6HopLimit : ControlType.ipTTL
                let level = v6 ? Platform.ipprotoIPv6 : Platform.ipprotoIP
                control.append((level, type, withUnsafeBytes(of: n) { Array($0) }))
                sent.append(.ttl(n, v6: v6))
                shown.append(Line("{cmsg_len=\(sockshell_cmsg_len(4)), cmsg_level=\(Session.cmsgLevelName(level)), "
                    + "cmsg_type=\(ControlType.name(level: level, type: type)), cmsg_data=[\(n)]}"))
            } else if w == "from" {
                source = true
                a.index += 1
                let v = try a.require("IP after from")
                if v6 {
                    guard let addr = SocketAddress.parseIPv6(v.text) else {
                        throw a.fail("bad source '\(v.text.prefix(40))': give an IPv6 address of this host")
                    }
                    control.append((Platform.ipprotoIPv6, ControlType.ipv6Pktinfo, addr + [0, 0, 0, 0]))
                    sent.append(.source6(addr))
                    shown.append(Line("{cmsg_len=\(sockshell_cmsg_len(20)), cmsg_level=SOL_IPV6, "
                        + "cmsg_type=IPV6_PKTINFO, cmsg_data={ipi6_addr=\(Fmt.in6Addr(addr)), ipi6_ifindex=0}}"))
                } else {
                    guard let addr = SocketAddress.parseIPv4(v.text) else {
                        throw a.fail("bad source '\(v.text.prefix(40))': give an IPv4 address of this host")
                    }
                    control.append((Platform.ipprotoIP, ControlType.ipPktinfo, [0, 0, 0, 0] + addr + [0, 0, 0, 0]))
                    sent.append(.source4(addr))
                    shown.append(Line("{cmsg_len=\(sockshell_cmsg_len(12)), cmsg_level=SOL_IP, "
                        + "cmsg_type=IP_PKTINFO, cmsg_data={ipi_ifindex=0, ipi_spec_dst=\(Fmt.inAddr(addr)), "
                        + "ipi_addr=inet_addr(\"0.0.0.0\")}}"))
                }
            } else {
                break
            }
        }
        if s.family == Platform.afUnix, !control.isEmpty {
            throw a.fail("ttl and from are IP control messages: this is an AF_UNIX socket")
        }
        let flags = try sendFlags(&a, command: "sendmsg")
        let data = try sendData(&a)
        let ((r, controlLen), timedOut) = blocking { s.sendMessage(data, to: dest, control: control, flags: flags) }
        var hdr: Line = "{"
        hdr = hdr + (dest.map { "msg_name=\(Fmt.sockaddr($0)), msg_namelen=\($0.length), " }
            ?? "msg_name=NULL, msg_namelen=0, ")
        hdr = hdr + "msg_iov=[{iov_base=\(Fmt.buffer(data)), iov_len=\(data.count)}], msg_iovlen=1, "
        if !shown.isEmpty {
            var list: Line = "msg_control=["
            for (k, x) in shown.enumerated() { list = k == 0 ? list + x : list + ", " + x }
            hdr = hdr + list + "], "
        }
        hdr = hdr + "msg_controllen=\(controlLen), msg_flags=0}"
        let header = SentHeader(destination: dest, handle: destHandle, bytes: data, control: sent)
        ev.append(.syscall(SyscallRecord(
            name: "sendmsg", args: ["\(s.fd)", hdr, Line(flags.description)],
            outcome: outcome(r, timedOut: timedOut),
            call: sendmsgCall(s.fd, header, flags, CallResult(r, timedOut: timedOut)))))
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
