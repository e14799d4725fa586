import SocketCore

/// help and explain: text generated from the command and option tables.
extension Session {
    func cmdHelp(_ topic: HelpTopic?, into ev: inout [Event]) throws(InputError) {
        guard let topic else {
            ev.append(.text(Session.helpOverview(korean: settings.korean)))
            return
        }
        if case .atPrefix = topic {
            // Not a command but the prefix that picks a socket for one command.
            ev.append(.text([
                "usage: @NAME COMMAND",
                "Runs COMMAND on the socket named NAME (s1, or a name given with `as NAME`) without making it the "
                    + "current socket. `list` shows the names.",
                "example: @srv accept as conn",
            ]))
            return
        }
        guard case .command(let spec) = topic else { return }
        ev.append(.text(Session.help(for: spec, korean: settings.korean)))
    }

    /// `help`: commands by group, one line each.
    public static func helpOverview(korean: Bool) -> [String] {
        var lines: [String] = []
        let width = CommandTable.all.map(\.name.count).max() ?? 8
        for group in CommandTable.groups {
            lines.append((korean ? HelpKo.groups[group] ?? group : group) + ":")
            for spec in CommandTable.all where spec.group == group {
                let summary = korean ? (HelpKo.summaries[spec.name] ?? spec.summary) : spec.summary
                lines.append("  " + spec.name.padding(width) + "  " + summary)
            }
        }
        lines.append(
            korean
                ? "`help 명령`으로 자세한 사용법을, `explain 옵션`으로 소켓 옵션 학습 노트를 봅니다. @NAME 명령은 NAME 소켓에서 한 번 실행합니다."
                : "`help COMMAND` for usage and an example; `explain OPTION` for an option's study notes. "
                    + "@NAME COMMAND runs one command on socket NAME.")
        return lines
    }

    /// `help CMD`: usage, summary, details, example.
    public static func help(for spec: CommandSpec, korean: Bool) -> [String] {
        var lines = ["usage: " + spec.usage]
        if korean {
            lines.append("  " + (HelpKo.summaries[spec.name] ?? spec.summary))
            if let d = HelpKo.details[spec.name] { lines += wrap(d, indent: "  ") }
        } else {
            lines.append("  " + spec.summary)
            if !spec.details.isEmpty { lines += wrap(spec.details, indent: "  ") }
        }
        lines.append((korean ? "예: " : "example: ") + spec.example)
        return lines
    }

    func cmdExplain(_ q: ExplainRequest, into ev: inout [Event]) throws(InputError) {
        let korean = q.korean
        guard let spec = q.option else {
            ev.append(
                .text(
                    [korean ? "옵션 (explain 옵션으로 노트를 봅니다):" : "options (explain OPTION for its notes):"]
                        + OptionCatalog.all.map { spec in
                            let notes = OptionNotesCatalog.all[spec.name]
                            let summary =
                                (korean ? notes?.ko.summary : notes?.en.summary) ?? Platform.levelName(spec.level)
                            return "  " + spec.name.padding(20) + " " + Session.shortened(summary, columns: 76)
                        }))
            return
        }
        ev.append(.text(Session.explain(spec, korean: korean)))
    }

    /// The study notes of an option, laid out for a terminal.
    public static func explain(_ spec: OptionSpec, korean: Bool) -> [String] {
        var lines = ["\(spec.name)  (\(Platform.levelName(spec.level)), option \(spec.number))"]
        guard let notes = OptionNotesCatalog.all[spec.name] else { return lines }
        let n = korean ? notes.ko : notes.en
        let h: (String, String) -> String = { en, ko in korean ? ko : en }
        lines += wrap(n.summary, indent: "  ")
        lines.append("  " + h("type", "타입") + ": " + n.cType + (spec.readOnly ? h(" (read-only)", " (읽기 전용)") : ""))
        // Wrapped like the body: a long default (SO_KEEPALIVE's sysctls) broke mid-word on a wide terminal.
        lines += wrap(h("Linux default", "리눅스 기본값") + ": " + n.linuxDefault, indent: "  ", rest: "    ")
        lines.append(h("What it does:", "하는 일:"))
        lines += wrap(n.effect, indent: "  ")
        lines.append(h("When to set it:", "언제 설정하나:"))
        lines += wrap(n.when, indent: "  ")
        if !n.outcomes.isEmpty {
            lines.append(h("What you can observe:", "관찰할 수 있는 결과:"))
            for o in n.outcomes { lines += wrap(o, indent: "  - ", rest: "    ") }
        }
        if let w = WireNotes.note(spec.name, korean: korean) {
            lines.append(h("On the wire (`wire on`):", "패킷으로 보기 (`wire on`):"))
            lines += wrap(w, indent: "  ")
        }
        if !n.quirks.isEmpty {
            lines.append(h("Linux quirks:", "리눅스의 특이점:"))
            for q in n.quirks { lines += wrap(q, indent: "  - ", rest: "    ") }
        }
        if !n.tryIt.isEmpty {
            lines.append(h("Try it:", "해 보기:"))
            for c in n.tryIt { lines.append("  " + c) }
        }
        if !notes.related.isEmpty { lines.append(h("Related: ", "관련 옵션: ") + notes.related.joined(separator: ", ")) }
        if let ex = notes.example { lines.append(h("Example: ", "예제: ") + ex) }
        return lines
    }

    /// Wraps text at about 100 terminal columns (Hangul and other wide characters count as two).
    static func wrap(_ text: String, indent: String, rest: String? = nil, width: Int = 100) -> [String] {
        var lines: [String] = []
        var line = indent
        var lineWidth = indent.count
        let cont = rest ?? indent
        for word in text.split(separator: " ") {
            let w = columns(word)
            if lineWidth + w + 1 > width, lineWidth > cont.count {
                lines.append(line)
                line = cont
                lineWidth = cont.count
            }
            if line != indent, line != cont { line += " "; lineWidth += 1 }
            line += word
            lineWidth += w
        }
        if lineWidth > cont.count || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` cut at a word boundary to fit `columns` terminal columns, with "..." when cut.
    static func shortened(_ text: String, columns limit: Int) -> String {
        guard columns(text) > limit else { return text }
        var out = ""
        for word in text.split(separator: " ") {
            if columns(out) + columns(word) + 4 > limit { break }
            out += (out.isEmpty ? "" : " ") + word
        }
        while let last = out.last, ",:;".contains(last) { out.removeLast() }
        return out + " ..."
    }

    /// Terminal columns of a piece of text: East Asian wide characters take two.
    static func columns(_ text: some StringProtocol) -> Int {
        var n = 0
        for u in text.unicodeScalars {
            let v = u.value
            let wide =
                (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
                || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFF00 && v <= 0xFF60)
            n += wide ? 2 : 1
        }
        return n
    }
}

extension String {
    /// Left-aligned in a field of `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
