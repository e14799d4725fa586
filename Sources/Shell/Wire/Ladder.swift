import Glibc

/// `wire ladder`: what was captured as the time-sequence ("ladder") diagram of TCP textbooks, in plain text.
///
///     cli                                  conn
///      │ [S] seq 0, len 0                    │   ← connect srv
///      ├─────────────────╮                   │
///      │                 ╰──────────────────▶│
///
/// One column per endpoint (per host in the lab), one slanted arrow per packet (it leaves on one row and
/// arrives on the next: time runs down), its label above it and the command that caused it at the right.
/// Why plain text: it records and replays like any other output; box-drawing characters on a UTF-8 terminal,
/// ASCII otherwise (or as asked).
enum Ladder {
    /// Whether the locale says UTF-8 (LC_ALL, then LC_CTYPE, then LANG).
    static var terminalIsUTF8: Bool {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            guard let v = getenv(name).map({ String(cString: $0) }), !v.isEmpty else { continue }
            let u = v.uppercased()
            return u.contains("UTF-8") || u.contains("UTF8")
        }
        return false
    }

    struct Glyphs {
        let pole, out, outLeft, down, downLeft, up, upLeft, dash, right, left: Character
        /// Before the command that caused a packet.
        let cause: String
        static let unicode = Glyphs(pole: "│", out: "├", outLeft: "┤", down: "╮", downLeft: "╭", up: "╰",
                                    upLeft: "╯", dash: "─", right: "▶", left: "◀", cause: "← ")
        static let ascii = Glyphs(pole: "|", out: "+", outLeft: "+", down: ".", downLeft: ".", up: "'", upLeft: "'",
                                  dash: "-", right: ">", left: "<", cause: "<- ")
    }

    /// At most this many steps are drawn (the latest).
    static let maxSteps = 200
    static let firstColumn = 4
    static let spacing = 40

    /// One arrow to draw.
    struct Arrow {
        var from: Int
        var to: Int
        /// Above the arrow, between the columns (literal text only: what follows it must not move).
        var label: String
        /// At the right of the last column: the causing command, or a transfer's counts.
        var note: Line?
    }

    static func draw(_ steps: [WireView.Step], unicode: Bool) -> [Line] {
        let g = unicode ? Glyphs.unicode : Glyphs.ascii
        var keys: [String] = []
        var names: [String: Line] = [:]
        func column(_ key: String, _ name: Line, _ handle: String?) -> Int {
            // The last handle seen names the column (the listener's until accept made the connection's).
            if let h = handle { names[key] = Line(h) } else if names[key] == nil { names[key] = name }
            if let k = keys.firstIndex(of: key) { return k }
            keys.append(key)
            return keys.count - 1
        }
        var arrows: [Arrow] = []
        for s in steps {
            switch s {
            case .packet(let p, let cause):
                let ports = p.ports
                var p = p
                (p.sourceHost, p.destinationHost) = hop(p.link, p.sourceHost, p.destinationHost)
                let sKey = p.sourceHost ?? p.endpoint(source: true)
                let dKey = p.destinationHost ?? p.endpoint(source: false)
                let sName = p.sourceHost.map { Line($0) }
                    ?? WireText.endpoint(p.source, p.ipVersion, ports?.source ?? 0)
                let dName = p.destinationHost.map { Line($0) }
                    ?? WireText.endpoint(p.destination, p.ipVersion, ports?.destination ?? 0)
                let a = column(sKey, ports == nil && p.sourceHost == nil ? Line(p.source) : sName,
                               p.sourceHost == nil ? p.sourceHandle : nil)
                let b = column(dKey, ports == nil && p.destinationHost == nil ? Line(p.destination) : dName,
                               p.destinationHost == nil ? p.destinationHandle : nil)
                arrows.append(Arrow(from: a, to: b, label: label(p), note: cause.map { Line(g.cause) + Line($0) }))
            case .summary(let sum, let cause):
                for (k, var f) in sum.flows.enumerated() {
                    (f.sourceHost, f.destinationHost) = hop(f.link, f.sourceHost, f.destinationHost)
                    let v = f.source.contains(":") ? 6 : 4
                    let a = column(f.sourceHost ?? WireText.endpoint(f.source, v, f.sourcePort).plain,
                                   f.sourceHost.map { Line($0) } ?? WireText.endpoint(f.source, v, f.sourcePort), nil)
                    let b = column(f.destinationHost ?? WireText.endpoint(f.destination, v, f.destinationPort).plain,
                                   f.destinationHost.map { Line($0) }
                                       ?? WireText.endpoint(f.destination, v, f.destinationPort), nil)
                    var note: Line = f.bytes == 0
                        ? .volatile(String(f.segments), .n) + " ACKs"
                        : .volatile(String(f.segments), .n) + " segments, \(f.bytes) bytes"
                    if k == 0, let c = cause { note = note + "  " + Line(g.cause) + Line(c) }
                    arrows.append(Arrow(from: a, to: b, label: f.bytes == 0 ? "ACKs" : "data", note: note))
                }
            }
        }
        let width = firstColumn + spacing * max(0, keys.count - 1) + 1
        func x(_ k: Int) -> Int { firstColumn + spacing * k }
        func poles() -> [Character] {
            var row = [Character](repeating: " ", count: width)
            for k in keys.indices { row[x(k)] = g.pole }
            return row
        }
        func text(_ row: [Character]) -> String {
            var s = String(row)
            while s.last == " " { s.removeLast() }
            return s
        }
        var out: [Line] = []
        // The header: each column's name, starting a little left of its pole.
        var header: Line = ""
        var used = 0
        for (k, key) in keys.enumerated() {
            let name = names[key] ?? Line(key)
            let at = max(used + (k == 0 ? 0 : 2), x(k) - 2)
            header = header + Line(String(repeating: " ", count: at - used)) + name
            used = at + name.plain.count
        }
        out.append(header)
        out.append(Line(text(poles())))
        for a in arrows {
            var labelRow = poles()
            let left = min(x(a.from), x(a.to)), right = max(x(a.from), x(a.to))
            for (i, c) in a.label.enumerated() where left + 2 + i < right - 1 { labelRow[left + 2 + i] = c }
            var first = poles(), second = poles()
            if a.from == a.to {
                // A packet from an endpoint to itself (a connect to its own port): a loop on the pole.
                first[left] = g.out
                out.append(Line(text(labelRow)) + (a.note.map { "   " + $0 } ?? ""))
                out.append(Line(text(first)))
                continue
            }
            let mid = (left + right) / 2
            if a.from < a.to {
                first[left] = g.out
                for i in (left + 1)..<mid { first[i] = g.dash }
                first[mid] = g.down
                second[mid] = g.up
                for i in (mid + 1)..<(right - 1) { second[i] = g.dash }
                second[right - 1] = g.right
            } else {
                first[right] = g.outLeft
                for i in (mid + 1)..<right { first[i] = g.dash }
                first[mid] = g.downLeft
                second[mid] = g.upLeft
                for i in (left + 2)..<mid { second[i] = g.dash }
                second[left + 1] = g.left
            }
            let labelText = text(labelRow)
            let pad = String(repeating: " ", count: max(0, width - labelText.count))
            out.append(Line(labelText) + (a.note.map { Line(pad + "   ") + $0 } ?? ""))
            out.append(Line(text(first)))
            out.append(Line(text(second)))
        }
        return out
    }

    /// The hosts at the two ends of the hop a lab packet was captured on: a packet from a to b crosses a-r as
    /// a to r and r-b as r to b, so the routed lab draws three columns and each arrow once per hop (as two
    /// arrows from a to b it read as a packet sent twice). Outside the lab, or on a link joining both hosts,
    /// unchanged.
    static func hop(_ link: String, _ source: String?, _ destination: String?) -> (String?, String?) {
        guard let s = source, let d = destination else { return (source, destination) }
        let ends = link.split(separator: "-").map(String.init)
        guard ends.count == 2, !(ends.contains(s) && ends.contains(d)) else { return (s, d) }
        if ends.contains(s) { return (s, ends.first { $0 != s }) }
        if ends.contains(d) { return (ends.first { $0 != d }, d) }
        return (s, d)
    }

    /// `[S.] seq 0, ack 1` or `[P.] seq 1:6, ack 1, len 5` (the length only when data is carried).
    static func label(_ p: WirePacket) -> String {
        switch p.payload {
        case .tcp(let t):
            var s = "[\(t.flagText)] seq \(t.seq)"
            if t.dataLength > 0 { s += ":\(t.seq &+ UInt32(t.dataLength))" }
            if let a = t.ack { s += ", ack \(a)" }
            if t.dataLength > 0 { s += ", len \(t.dataLength)" }
            if let u = t.urgent { s += ", urg \(u)" }
            return s
        case .udp(_, _, let length): return "UDP len \(length)"
        case .icmp(_, _, _, let meaning, _): return "ICMP \(meaning)"
        case .other(_, let name): return name
        }
    }
}
