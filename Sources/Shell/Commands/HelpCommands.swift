import SocketCore

/// help and explain: documents built from the command and option tables and the notes compiled from notes/
/// (their layout is the renderer's: Render/TextLayout.swift).
extension Session {
    func cmdHelp(_ topic: HelpTopic?, into ev: inout [Event]) throws(InputError) {
        guard let topic else {
            ev.append(.text(Session.helpOverview(korean: settings.korean)))
            return
        }
        if case .atPrefix = topic {
            // Not a command but the prefix that picks a socket for one command.
            ev.append(.text(TextDocument([
                .field(label: "usage", value: "@NAME COMMAND"),
                .remark("Runs COMMAND on the socket named NAME (s1, or a name given with `as NAME`) without making it "
                    + "the current socket. `list` shows the names."),
                .field(label: "example", value: "@srv accept as conn"),
            ])))
            return
        }
        guard case .command(let spec) = topic else { return }
        ev.append(.text(Session.help(for: spec, korean: settings.korean)))
    }

    /// `help`: commands by group, one line each.
    public static func helpOverview(korean: Bool) -> TextDocument {
        var doc = TextDocument()
        for group in CommandTable.groups {
            doc += .heading(korean ? CommandHelpCatalog.groupsKo[group] ?? group : group)
            for spec in CommandTable.all where spec.group == group {
                doc += .entry(name: spec.name, text: CommandHelpCatalog.text(spec.name, korean: korean).summary)
            }
        }
        doc += .remark(
            korean
                ? "`help 명령`으로 자세한 사용법을, `explain 옵션`으로 소켓 옵션 학습 노트를 봅니다. @NAME 명령은 NAME 소켓에서 한 번 실행합니다."
                : "`help COMMAND` for usage and an example; `explain OPTION` for an option's study notes. "
                    + "@NAME COMMAND runs one command on socket NAME.")
        return doc
    }

    /// `help CMD`: usage, summary, details, example.
    public static func help(for spec: CommandSpec, korean: Bool) -> TextDocument {
        let text = CommandHelpCatalog.text(spec.name, korean: korean)
        var doc = TextDocument([.field(label: "usage", value: spec.usage), .paragraph(text.summary)])
        if let d = text.details { doc += .paragraph(d) }
        doc += .field(label: korean ? "예" : "example", value: spec.example)
        return doc
    }

    func cmdExplain(_ q: ExplainRequest, into ev: inout [Event]) throws(InputError) {
        let korean = q.korean
        guard let spec = q.option else {
            ev.append(.text(Session.optionIndex(korean: korean)))
            return
        }
        ev.append(.text(Session.explain(spec, korean: korean)))
    }

    /// `explain` alone: every option with its summary.
    static func optionIndex(korean: Bool) -> TextDocument {
        var doc = TextDocument([
            .heading(korean ? "옵션 (explain 옵션으로 노트를 봅니다)" : "options (explain OPTION for its notes)"),
        ])
        for spec in OptionCatalog.all {
            let notes = OptionNotesCatalog.all[spec.name]
            let summary = (korean ? notes?.ko.summary : notes?.en.summary) ?? Platform.levelName(spec.level)
            doc += .entry(name: spec.name, text: summary)
        }
        return doc
    }

    /// The study notes of an option, in its notes' sections.
    public static func explain(_ spec: OptionSpec, korean: Bool) -> TextDocument {
        var doc = TextDocument([.title("\(spec.name)  (\(Platform.levelName(spec.level)), option \(spec.number))")])
        guard let notes = OptionNotesCatalog.all[spec.name] else { return doc }
        let n = korean ? notes.ko : notes.en
        let h: (String, String) -> String = { en, ko in korean ? ko : en }
        doc += .paragraph(n.summary)
        doc += .code(label: h("type", "타입"), value: n.cType + (spec.readOnly ? h(" (read-only)", " (읽기 전용)") : ""))
        doc += .fact(label: h("Linux default", "리눅스 기본값"), value: n.linuxDefault)
        doc.blocks += [.heading(h("What it does", "하는 일")), .paragraph(n.effect)]
        doc.blocks += [.heading(h("When to set it", "언제 설정하나")), .paragraph(n.when)]
        if !n.outcomes.isEmpty {
            doc += .heading(h("What you can observe", "관찰할 수 있는 결과"))
            doc.blocks += n.outcomes.map { .item($0) }
        }
        if let w = n.wire {
            doc.blocks += [.heading(h("On the wire (`wire on`)", "패킷으로 보기 (`wire on`)")), .paragraph(w)]
        }
        if !n.quirks.isEmpty {
            doc += .heading(h("Linux quirks", "리눅스의 특이점"))
            doc.blocks += n.quirks.map { .item($0) }
        }
        if !n.tryIt.isEmpty {
            doc += .heading(h("Try it", "해 보기"))
            doc.blocks += n.tryIt.map { .command($0) }
        }
        if !notes.related.isEmpty {
            doc += .field(label: h("Related", "관련 옵션"), value: notes.related.joined(separator: ", "))
        }
        if let ex = notes.example { doc += .field(label: h("Example", "예제"), value: ex) }
        return doc
    }
}
