import SocketCore

/// The msghdr of recvmsg and sendmsg in `"values"` (JSONTypedCall.swift): buffers as hex, control messages by
/// level and type with their decoded fields.
extension JSONRenderer {
    /// `{"msghdr":{"iov_len":65536,"msg_name":{...},"bytes":12,"hex":"...","control":[...],"msg_flags":0}}`.
    static func receivedHeader(_ h: ReceivedHeader) -> String {
        var parts = ["\"iov_len\":\(h.count)", "\"msg_controllen_in\":\(h.controlCapacity)"]
        if h.wantsName {
            parts.append("\"msg_name\":" + (h.name.map(sockaddr) ?? "null"))
            parts.append("\"msg_namelen\":\(h.nameLength)")
        }
        if let b = h.bytes {
            parts.append("\"bytes\":\(b.count),\"hex\":\"\(hex(b.prefix(1024)))\""
                + (b.count > 1024 ? ",\"cut\":true" : ""))
            parts.append("\"control\":[" + h.control.map(controlEntry).joined(separator: ",") + "]")
            parts.append("\"msg_controllen\":\(h.controlLength)")
            parts.append("\"msg_flags\":{\"names\":\(string(MessageHeaderFlags.text(h.flags))),\"value\":\(h.flags)}")
        } else {
            parts.append("\"bytes\":null")
        }
        return "{\"msghdr\":{" + parts.joined(separator: ",") + "}}"
    }

    /// `{"level":"SOL_IP","type":"IP_TTL","len":20,"data":{"ttl":3}}`.
    static func controlEntry(_ e: ControlEntry) -> String {
        let level = string(Session.cmsgLevelName(e.level))
        let type = string(ControlType.name(level: e.level, type: e.type))
        let data: String
        switch e.message {
        case .pktinfo4(let i, let spec, let addr):
            data = "{\"ipi_ifindex\":\(i),\"ipi_spec_dst\":\(string(ipv4(spec))),\"ipi_addr\":\(string(ipv4(addr)))}"
        case .pktinfo6(let addr, let i):
            data = "{\"ipi6_addr\":\(string(ipv6(addr))),\"ipi6_ifindex\":\(i)}"
        case .ttl(let v): data = "{\"ttl\":\(v)}"
        case .hopLimit(let v): data = "{\"hoplimit\":\(v)}"
        case .timestampNS(let s, let ns): data = "{\"tv_sec\":\(s),\"tv_nsec\":\(ns)}"
        case .rxqOverflow(let n): data = "{\"dropped\":\(n)}"
        case .extendedError(let x):
            data = "{\"ee_errno\":\(string(x.errno.name)),\"ee_origin\":\(string(x.originName)),\"ee_type\":\(x.type),"
                + "\"ee_code\":\(x.code),\"ee_info\":\(x.info),\"ee_data\":\(x.data)"
                + (x.offender.map { ",\"offender\":\(sockaddr($0))" } ?? "") + "}"
        case .other(let d): data = "{\"hex\":\"\(hex(d[...]))\"}"
        }
        return "{\"level\":\(level),\"type\":\(type),\"len\":\(e.length),\"data\":\(data)}"
    }

    /// `{"msghdr":{"msg_name":{...},"bytes":2,"hex":"6869","control":[{"type":"IP_TTL","ttl":3}]}}`.
    static func sentHeader(_ h: SentHeader) -> String {
        var parts: [String] = []
        parts.append("\"msg_name\":" + (h.destination.map(sockaddr) ?? "null"))
        if let handle = h.handle { parts.append("\"from_handle\":\(string(handle))") }
        parts.append("\"bytes\":\(h.bytes.count),\"hex\":\"\(hex(h.bytes.prefix(1024)))\"")
        let control = h.control.map { c -> String in
            switch c {
            case .ttl(let n, let v6): return "{\"type\":\(string(v6 ? "IPV6_HOPLIMIT" : "IP_TTL")),\"ttl\":\(n)}"
            case .source4(let a): return "{\"type\":\"IP_PKTINFO\",\"ipi_spec_dst\":\(string(ipv4(a)))}"
            case .source6(let a): return "{\"type\":\"IPV6_PKTINFO\",\"ipi6_addr\":\(string(ipv6(a)))}"
            }
        }
        parts.append("\"control\":[" + control.joined(separator: ",") + "]")
        parts.append("\"msg_controllen\":\(h.controlLength)")
        return "{\"msghdr\":{" + parts.joined(separator: ",") + "}}"
    }

    static func ipv6(_ a: [UInt8]) -> String {
        SocketAddress.ipv6(address: Array(a.prefix(16)), port: 0, scope: 0).host
    }
}
