import CSocketShims
import SocketCore

/// The msghdr of recvmsg and sendmsg as strace prints it (CallText.swift), from the typed header.
///
/// Why Lines here: a msghdr holds volatile pieces (a kernel-chosen port, a receive timestamp) among much fixed
/// text, and is printed once per recvmsg, not on a hot path; the renderer appends the Line in its style.
extension TextRenderer {
    /// `{msg_name={AF_INET, 127.0.0.1:5000}, msg_namelen=16, msg_iov=[{iov_base="hi", iov_len=65536}], ...}`.
    static func msghdr(_ h: ReceivedHeader) -> Line {
        var l: Line = "{"
        if !h.wantsName {
            l = l + "msg_name=NULL, msg_namelen=0, "
        } else if let n = h.name {
            l = l + "msg_name=\(Fmt.sockaddr(n)), msg_namelen=\(h.nameLength), "
        } else {
            l = l + "msg_name=0x..., msg_namelen=\(h.nameLength), "
        }
        let base: Line = h.bytes.map { Fmt.buffer($0, limit: 1024) } ?? "0x..."
        l = l + "msg_iov=[{iov_base=\(base), iov_len=\(h.count)}], msg_iovlen=1, "
        if h.bytes != nil, !h.control.isEmpty {
            l = l + "msg_control=["
            for (k, e) in h.control.enumerated() {
                if k > 0 { l = l + ", " }
                l = l + "{cmsg_len=\(e.length), cmsg_level=\(Session.cmsgLevelName(e.level)), "
                    + "cmsg_type=\(ControlType.name(level: e.level, type: e.type)), "
                    + "cmsg_data=\(cmsgData(e.message))}"
            }
            l = l + "], "
        }
        l = l + "msg_controllen=\(h.controlLength), msg_flags=\(MessageHeaderFlags.text(h.flags))}"
        return l
    }

    /// A received control message's data; a timestamp differs on every run.
    static func cmsgData(_ m: ControlMessage) -> Line {
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

    /// sendmsg's `{msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="hi", iov_len=2}], msg_iovlen=1, ...}`.
    static func msghdr(_ h: SentHeader) -> Line {
        var hdr: Line = "{"
        hdr = hdr + (h.destination.map { "msg_name=\(Fmt.sockaddr($0)), msg_namelen=\($0.length), " }
            ?? "msg_name=NULL, msg_namelen=0, ")
        hdr = hdr + "msg_iov=[{iov_base=\(Fmt.buffer(h.bytes)), iov_len=\(h.bytes.count)}], msg_iovlen=1, "
        if !h.control.isEmpty {
            var list: Line = "msg_control=["
            for (k, c) in h.control.enumerated() { list = list + (k == 0 ? "" : ", ") + controlText(c) }
            hdr = hdr + list + "], "
        }
        return hdr + "msg_controllen=\(h.controlLength), msg_flags=0}"
    }

    /// One control message sendmsg sends, as strace prints it.
    static func controlText(_ c: SentControl) -> Line {
        switch c {
        case .ttl(let n, let v6):
            let type = v6 ? ControlType.ipv6HopLimit : ControlType.ipTTL
            let level = v6 ? Platform.ipprotoIPv6 : Platform.ipprotoIP
            return Line("{cmsg_len=\(sockshell_cmsg_len(4)), cmsg_level=\(Session.cmsgLevelName(level)), "
                + "cmsg_type=\(ControlType.name(level: level, type: type)), cmsg_data=[\(n)]}")
        case .source6(let addr):
            return Line("{cmsg_len=\(sockshell_cmsg_len(20)), cmsg_level=SOL_IPV6, "
                + "cmsg_type=IPV6_PKTINFO, cmsg_data={ipi6_addr=\(Fmt.in6Addr(addr)), ipi6_ifindex=0}}")
        case .source4(let addr):
            return Line("{cmsg_len=\(sockshell_cmsg_len(12)), cmsg_level=SOL_IP, "
                + "cmsg_type=IP_PKTINFO, cmsg_data={ipi_ifindex=0, ipi_spec_dst=\(Fmt.inAddr(addr)), "
                + "ipi_addr=inet_addr(\"0.0.0.0\")}}")
        }
    }
}
