/// Names of ICMP and ICMPv6 messages, as the wire view prints them (`port unreachable`, `echo request`).
///
/// Why only these: the wire view must name what a socket lesson can cause (an unreachable port or host, a
/// TTL run out, pings, multicast listener reports); the rest is shown by number.
enum ICMPNames {
    static func meaning(version: Int, type: Int, code: Int) -> String {
        if version == 4 {
            switch type {
            case 0: return "echo reply"
            case 3:
                let codes = ["net unreachable", "host unreachable", "protocol unreachable", "port unreachable",
                             "need to frag", "source route failed", "net unknown", "host unknown"]
                if code < codes.count { return codes[code] }
                return code == 13 ? "unreachable (administratively prohibited)" : "unreachable (code \(code))"
            case 5: return "redirect"
            case 8: return "echo request"
            case 11: return code == 0 ? "time exceeded in transit (TTL 0)" : "fragment reassembly time exceeded"
            case 12: return "parameter problem"
            default: return "type \(type), code \(code)"
            }
        }
        switch type {
        case 1:
            let codes = ["no route to destination", "unreachable (administratively prohibited)",
                         "unreachable (beyond scope)", "address unreachable", "port unreachable",
                         "unreachable (source address failed policy)", "unreachable (reject route)"]
            return code < codes.count ? codes[code] : "unreachable (code \(code))"
        case 2: return "packet too big"
        case 3: return code == 0 ? "time exceeded in transit (hop limit 0)" : "fragment reassembly time exceeded"
        case 4: return "parameter problem"
        case 128: return "echo request"
        case 129: return "echo reply"
        case 130: return "multicast listener query"
        case 131: return "multicast listener report"
        case 132: return "multicast listener done"
        case 133: return "router solicitation"
        case 134: return "router advertisement"
        case 135: return "neighbor solicitation"
        case 136: return "neighbor advertisement"
        case 143: return "multicast listener report v2"
        default: return "type \(type), code \(code)"
        }
    }
}
