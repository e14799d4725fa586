/// One JSON object per event, a line each (`--json`), for other programs.
///
/// Objects: `{"event":"syscall","call":"connect","args":[...],"ret":0}` (`"handle":"s1"` when the call made
/// one; on failure `"ret":-1,"errno":"ECONNREFUSED","message":"..."`, on timeout `"ret":null,"timed_out":"10s"`);
/// (a result with a detail, as select's `3 (in [5], ...)`, gives `"ret":3,"detail":"(in [5], ...)"`);
/// `"args"` is each argument as the text view prints it, `"ret"` the typed result (a number, never parsed back
/// from text), `"values"` the typed arguments as JSON (JSONTypedCall.swift);
/// `{"event":"data","bytes":2,"hex":"6869"}`; `{"event":"table","headers":[...],"rows":[[...]]}`;
/// `{"event":"note","text":"..."}`;
/// `{"event":"warning","text":"..."}`; `{"event":"text","lines":[...],"blocks":[...]}` (JSONText.swift);
/// `{"event":"error","message":"...","usage":"...","source":"-","line":3}`;
/// the wire's `{"event":"packet",...}`, `{"event":"packet_summary",...}` (see WireJSON) and
/// `{"event":"diagram","lines":[...]}`.
public struct JSONRenderer: Sendable {
    public init() {}

    /// A JSON string literal.
    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func array(_ items: [String]) -> String { "[" + items.map(string).joined(separator: ",") + "]" }

    /// The JSON line of one event; `source`/`line` locate input errors.
    public func render(_ event: Event, source: String = "-", line: Int = 0) -> String {
        switch event {
        case .syscall(let c):
            var s = "{\"event\":\"syscall\",\"call\":\(JSONRenderer.string(c.name))"
            if let h = c.handle { s += ",\"handle\":\(JSONRenderer.string(h))" }
            let text = TextRenderer(style: .plain)
            s += ",\"args\":" + JSONRenderer.array(text.argumentTexts(c.call))
            switch c.call.result {
            case .value(let v):
                s += ",\"ret\":\(v)"
                if let d = text.resultDetail(c.call) { s += ",\"detail\":" + JSONRenderer.string(d) }
            case .failed(let e):
                s +=
                    ",\"ret\":-1,\"errno\":\(JSONRenderer.string(e.name)),\"message\":\(JSONRenderer.string(e.message))"
            case .timedOut(let ms):
                s += ",\"ret\":null,\"timed_out\":\(JSONRenderer.string(Values.durationText(ms)))"
            }
            s += ",\"values\":" + JSONRenderer.values(c.call)
            return s + "}"
        case .data(let bytes, _):
            let digits = Array("0123456789abcdef")
            var hex = ""
            for b in bytes { hex.append(digits[Int(b >> 4)]); hex.append(digits[Int(b & 15)]) }
            return "{\"event\":\"data\",\"bytes\":\(bytes.count),\"hex\":\"\(hex)\"}"
        case .table(let t):
            return "{\"event\":\"table\",\"headers\":\(JSONRenderer.array(t.headers)),\"rows\":["
                + t.rows.map { JSONRenderer.array($0.map(\.plain)) }.joined(separator: ",") + "]}"
        case .note(let l): return "{\"event\":\"note\",\"text\":\(JSONRenderer.string(l.plain))}"
        case .warning(let w): return "{\"event\":\"warning\",\"text\":\(JSONRenderer.string(w.plain))}"
        case .text(let doc): return JSONRenderer.text(doc)
        case .packet(let p): return WireJSON.packet(p)
        case .packetSummary(let sum): return WireJSON.summary(sum)
        case .diagram(let lines): return "{\"event\":\"diagram\",\"lines\":\(JSONRenderer.array(lines.map(\.plain)))}"
        case .inputError(let e):
            return "{\"event\":\"error\",\"message\":\(JSONRenderer.string(e.message)),\"usage\":"
                + (e.usage.map(JSONRenderer.string) ?? "null")
                + ",\"source\":\(JSONRenderer.string(source)),\"line\":\(line)}"
        }
    }
}
