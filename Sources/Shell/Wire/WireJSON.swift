/// The wire's events as JSON objects (`--json`), one per packet:
/// `{"event":"packet","time_us":1234,"link":"lo","ip":4,"src":"127.0.0.1","dst":"127.0.0.1","ttl":64,
/// "length":52,"proto":"tcp","sport":41234,"dport":5000,"flags":"F.","seq":1,"ack":1,"win":512,"len":0,
/// "options":[{"mss":1200},"sackOK",{"ts":[1,0]},{"wscale":7}],"text":"~ 127.0.0.1:41234 > ..."}`
/// (`"urg"` with URG, `"retransmission":true` for one, `"src_host"`/`"dst_host"` in the lab);
/// UDP `"proto":"udp","sport","dport","len"`; ICMP `"proto":"icmp"` or `"icmp6"`, `"type"`, `"code"`,
/// `"meaning"`, `"quoted"`; others `"proto":"IGMP"`.
/// A bulk transfer: `{"event":"packet_summary","flows":[{"src":"127.0.0.1:41234","dst":"127.0.0.1:5000",
/// "segments":16384,"bytes":1073741824,"retransmissions":0,"largest":65483}],"dropped":0}`.
enum WireJSON {
    static func str(_ s: String) -> String { JSONRenderer.string(s) }

    static func packet(_ p: WirePacket) -> String {
        var s = "{\"event\":\"packet\",\"time_us\":\(p.time),\"link\":\(str(p.link))"
        if let h = p.sourceHost { s += ",\"src_host\":\(str(h))" }
        if let h = p.destinationHost { s += ",\"dst_host\":\(str(h))" }
        s += ",\"ip\":\(p.ipVersion),\"src\":\(str(p.source)),\"dst\":\(str(p.destination)),\"ttl\":\(p.ttl)"
        s += ",\"length\":\(p.length)"
        switch p.payload {
        case .tcp(let t):
            s += ",\"proto\":\"tcp\",\"sport\":\(t.sourcePort),\"dport\":\(t.destinationPort)"
            s += ",\"flags\":\(str(t.flagText)),\"seq\":\(t.seq)"
            if let a = t.ack { s += ",\"ack\":\(a)" }
            s += ",\"win\":\(t.window),\"len\":\(t.dataLength)"
            if let u = t.urgent { s += ",\"urg\":\(u)" }
            if t.retransmission { s += ",\"retransmission\":true" }
            let opts = t.options.map { o -> String in
                switch o {
                case .mss(let m): return "{\"mss\":\(m)}"
                case .windowScale(let w): return "{\"wscale\":\(w)}"
                case .sackPermitted: return "\"sackOK\""
                case .sack(let b): return "{\"sack\":[" + b.map { "[\($0.0),\($0.1)]" }.joined(separator: ",") + "]}"
                case .timestamps(let v, let e): return "{\"ts\":[\(v),\(e)]}"
                case .other(let k, let l): return "{\"kind\":\(k),\"length\":\(l)}"
                }
            }
            s += ",\"options\":[" + opts.joined(separator: ",") + "]"
        case .udp(let sp, let dp, let len):
            s += ",\"proto\":\"udp\",\"sport\":\(sp),\"dport\":\(dp),\"len\":\(len)"
        case .icmp(let v, let type, let code, let meaning, let quoted):
            s += ",\"proto\":\(v == 6 ? "\"icmp6\"" : "\"icmp\""),\"type\":\(type),\"code\":\(code)"
            s += ",\"meaning\":\(str(meaning))"
            if let q = quoted { s += ",\"quoted\":\(str(q))" }
        case .other(let proto, let name):
            s += ",\"proto\":\(str(name)),\"protocol\":\(proto)"
        }
        return s + ",\"text\":\(str(WireText.line(p).plain))}"
    }

    static func summary(_ sum: WireSummary) -> String {
        let flows = sum.flows.map { f -> String in
            let v6 = f.source.contains(":")
            let src = (v6 ? "[\(f.source)]" : f.source) + ":\(f.sourcePort)"
            let dst = (v6 ? "[\(f.destination)]" : f.destination) + ":\(f.destinationPort)"
            return "{\"link\":\(str(f.link)),\"src\":\(str(src)),\"dst\":\(str(dst)),\"segments\":\(f.segments),"
                + "\"bytes\":\(f.bytes),\"retransmissions\":\(f.retransmissions),\"largest\":\(f.largest)}"
        }
        return "{\"event\":\"packet_summary\",\"flows\":[" + flows.joined(separator: ",")
            + "],\"dropped\":\(sum.dropped)}"
    }
}
