import SocketCore

/// Turns events into lines of text: for the terminal (values as they are) or for transcripts (ephemeral values
/// as wildcards).
///
/// Why one renderer with two styles: a recorded transcript must be exactly what the terminal showed, except for
/// the values that change from run to run.
public struct TextRenderer: Sendable {
    /// Show values (terminal, --check's actual output) or wildcards (--record).
    public enum Style: Sendable { case plain, wildcards }

    public let style: Style

    public init(style: Style = .plain) { self.style = style }

    @inline(__always)
    func text(_ line: Line) -> String { style == .plain ? line.plain : line.wildcarded }

    /// Literal text as it must appear: for transcripts a `{` that would read as a wildcard is doubled (a hex
    /// dump's text column can hold `{n}`, help text `{port}`).
    @inline(__always)
    func literal(_ s: String) -> String { style == .plain ? s : s.replacingBraces() }

    /// Lines for standard output (input errors go to stderr and are not rendered here).
    public func render(_ event: Event, into out: inout [String]) {
        switch event {
        case .syscall(let call): out.append(render(call))
        case .data(let bytes, let binary):
            if binary {
                out += ByteText.hexDump(bytes).map(literal)
            } else {
                var k = 0
                while k < bytes.count {
                    out.append("  " + literal(ByteText.quoted(bytes[k..<min(k + 64, bytes.count)])))
                    k += 64
                }
            }
        case .table(let table): out += render(table)
        case .note(let line): out.append("  " + text(line))
        case .warning(let line): out.append("  note: " + text(line))
        case .text(let doc):
            out += TextLayout.lines(doc).map {
                $0.isEmpty ? " " : literal($0.hasPrefix("#") || $0.hasPrefix(">") ? " " + $0 : $0)
            }
        case .inputError: break
        case .packet(let p): out.append("  " + text(WireText.line(p)))
        case .packetSummary(let s): out += WireText.lines(s).map { "  " + text($0) }
        case .diagram(let lines): out += lines.map { "  " + text($0) }
        }
    }

    /// Convenience: all lines of a list of events.
    public func render(_ events: [Event]) -> [String] {
        var out: [String] = []
        for e in events { render(e, into: &out) }
        return out
    }

    /// `s1 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3`.
    public func render(_ call: SyscallRecord) -> String {
        var b = ByteSink(capacity: 96)
        write(call, to: &b)
        return b.string
    }

    /// Appends the lines of `event` to `out` as UTF-8, each with its newline: the same text as
    /// `render(_:into:)`, without a String per line. `scratch` is reused for the events rendered line by line.
    ///
    /// Why: a long script prints a line per command; building a String for it and copying it again into the
    /// output buffer was a tenth of the time of a setopt.
    public func write(_ event: borrowing Event, to out: inout ByteSink, scratch: inout [String]) {
        switch event {
        case .syscall(let record):
            write(record, to: &out)
            out.append(10)
        case .note(let line):
            out.lit("  ")
            append(line, to: &out)
            out.append(10)
        default:
            scratch.removeAll(keepingCapacity: true)
            render(copy event, into: &scratch)
            for l in scratch {
                out.append(l)
                out.append(10)
            }
        }
    }

    /// `write(_:to:scratch:)` of every event in order.
    public func write(_ events: [Event], to out: inout ByteSink, scratch: inout [String]) {
        for k in events.indices {
            // A call (nearly every event) is taken out of the array in two parts, its handle and its call, each for
            // as long as it is written. Handing the whole event over copied it through a switch over every kind of
            // event; binding the whole record kept its handle retained across the call's writing too.
            guard let call = events[k].typedCall else {
                write(events[k], to: &out, scratch: &scratch)
                continue
            }
            if let h = events[k].handle {
                out.append(h)
                out.lit(" = ")
            }
            write(call, to: &out)
            out.append(10)
        }
    }

    /// The text of `line` as UTF-8.
    @inline(__always)
    func append(_ line: Line, to out: inout ByteSink) {
        if style == .plain, case .text(let t) = line.storage {
            out.append(t)
        } else {
            out.append(text(line))
        }
    }

    /// A table with aligned columns, indented by two spaces.
    ///
    /// Built in one pass per line into a reserved string, with widths counted on UTF-8 bytes when a cell is
    /// ASCII: `list` and `poll` over 20,000 sockets render 20,000 rows, where counting Characters and
    /// concatenating temporary strings cost as much as the system calls behind them.
    public func render(_ table: Table) -> [String] {
        // Columns are aligned on the values as shown, also when a cell is written as a wildcard: a recorded
        // table then holds the same spaces as the terminal showed, and a port under `{port}` (always 5 digits in
        // the ephemeral range) keeps the padding on every replay.
        var shown: [[String]] = []
        var cellWidths: [[Int]] = []
        shown.reserveCapacity(table.rows.count + 1)
        cellWidths.reserveCapacity(table.rows.count + 1)
        shown.append(table.headers)
        cellWidths.append(table.headers.map(Self.width))
        for row in table.rows {
            var texts: [String] = []
            var ws: [Int] = []
            texts.reserveCapacity(row.count)
            ws.reserveCapacity(row.count)
            for cell in row {
                let t = text(cell)
                texts.append(t)
                ws.append(style == .plain ? Self.width(t) : Self.width(cell.plain))
            }
            shown.append(texts)
            cellWidths.append(ws)
        }
        var widths: [Int] = []
        for row in cellWidths {
            for (k, w) in row.enumerated() {
                if k >= widths.count { widths.append(0) }
                widths[k] = max(widths[k], w)
            }
        }
        // Each line is built as bytes in one reused buffer: appending Strings piece by piece cost more.
        var buf: [UInt8] = []
        buf.reserveCapacity(widths.reduce(2, +) + widths.count)
        func line(_ r: Int) -> String {
            buf.removeAll(keepingCapacity: true)
            buf.append(0x20)
            let cols = shown[r]
            for k in cols.indices {
                buf.append(0x20)
                buf.append(contentsOf: cols[k].utf8)
                if k < cols.count - 1 {
                    for _ in 0..<max(0, widths[k] - cellWidths[r][k]) { buf.append(0x20) }
                }
            }
            while buf.last == 0x20 { buf.removeLast() }
            return buf.isEmpty ? " " : String(decoding: buf, as: UTF8.self)
        }
        var out: [String] = []
        out.reserveCapacity(shown.count)
        if !table.headers.isEmpty { out.append(line(0)) }
        for r in shown.indices.dropFirst() { out.append(line(r)) }
        return out
    }

    /// The width of a cell in Characters, counted on bytes when it is ASCII (nearly always).
    static func width(_ s: String) -> Int {
        var ascii = true
        for b in s.utf8 where b >= 0x80 { ascii = false; break }
        return ascii ? s.utf8.count : s.count
    }

    /// The progress line of a transfer (without the carriage return that redraws it): `  12.0 MiB in 3s,
    /// 4.19 MB/s` (the units of the result line), or why nothing moves.
    public static func progress(_ p: TransferProgress) -> String {
        let head = "  \(Values.humanBytes(p.bytes)) in \(Int(p.seconds))s"
        guard p.stalledFor >= 1 else {
            return head + ", " + Values.humanRate(bytes: p.bytes, seconds: max(p.seconds, 0.001))
        }
        let waiting = "\(Int(p.stalledFor))s"
        if p.sending {
            let queued = p.queued.map { ", \(Values.humanBytes($0)) queued in the send buffer" } ?? ""
            return head + "; stalled \(waiting): the peer is not reading\(queued) (Ctrl-C stops)"
        }
        return head + "; nothing arrived for \(waiting): the peer is not sending (Ctrl-C stops)"
    }

    /// `NAME:LINE: error: WHAT` and the usage, for stderr.
    public static func inputError(_ e: InputError, source: String, line: Int) -> [String] {
        var out = ["\(source):\(line): error: \(e.message)"]
        if let u = e.usage { out.append(u.hasPrefix("usage:") || u.hasPrefix("type") ? "  " + u : "  usage: " + u) }
        return out
    }
}

extension Event {
    /// The call of a syscall event; nil for other events.
    @inline(__always)
    fileprivate var typedCall: TypedCall? {
        if case .syscall(let record) = self { return record.call }
        return nil
    }

    /// The handle a syscall event's descriptor got (`s1`); nil for none and for other events.
    @inline(__always)
    fileprivate var handle: String? {
        if case .syscall(let record) = self { return record.handle }
        return nil
    }
}
