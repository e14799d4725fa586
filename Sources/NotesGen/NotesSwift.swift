import Foundation

/// Everything under notes/, read and checked: what the generator turns into Swift (and into the man page's
/// option list).
public struct NotesTree: Sendable {
    /// Option name → (English, Korean).
    public var options: [String: (en: ParsedNote, ko: ParsedNote)]
    /// Command name → its help (English, Korean).
    public var help: [String: (en: ParsedHelp, ko: ParsedHelp)]
    /// Korean group headings, by English group name, in file order.
    public var groups: [(String, String)]

    /// Reads `root/notes`. Every option and every command needs both languages; every error names its file and line.
    public static func load(root: String) throws -> NotesTree {
        let notes = root + "/notes"
        func mdFiles(_ dir: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: notes + "/" + dir)
                .filter { $0.hasSuffix(".md") && $0 != "_groups.md" }.sorted()
        }
        func read(_ rel: String) throws -> String {
            try String(contentsOfFile: notes + "/" + rel, encoding: .utf8)
        }
        /// The files of `dir` in both languages; a file in one language only is an error.
        func pairs(_ dir: String) throws -> [String] {
            let en = try mdFiles("en" + dir)
            let ko = try mdFiles("ko" + dir)
            for missing in Set(en).symmetricDifference(ko).sorted() {
                let has = en.contains(missing) ? "en" : "ko"
                throw NotesError("notes/\(has)\(dir)/\(missing)", 1,
                                 "no translation: every file has its twin in notes/en\(dir) and notes/ko\(dir)")
            }
            return en
        }
        var tree = NotesTree(options: [:], help: [:], groups: [])
        for file in try pairs("") {
            let name = String(file.dropLast(3))
            let e = try NotesFormat.option(try read("en/" + file), name: name, english: true, file: "notes/en/" + file)
            let k = try NotesFormat.option(try read("ko/" + file), name: name, english: false, file: "notes/ko/" + file)
            tree.options[name] = (e, k)
        }
        for file in try pairs("/help") {
            let name = String(file.dropLast(3))
            let (en, ko) = ("en/help/" + file, "ko/help/" + file)
            tree.help[name] = (try NotesFormat.help(try read(en), name: name, english: true, file: "notes/" + en),
                               try NotesFormat.help(try read(ko), name: name, english: false, file: "notes/" + ko))
        }
        tree.groups = try NotesFormat.groups(try read("ko/help/_groups.md"), file: "notes/ko/help/_groups.md")
        return tree
    }

    /// The Swift source of `OptionNotesCatalog.all` and `CommandHelpCatalog`'s tables.
    public func swiftSource() -> String {
        var w = SwiftWriter()
        w.line("// Generated at build time by notes-gen (Plugins/NotesPlugin) from notes/ (the format: notes/README.md).")
        w.line("")
        w.line("extension OptionNotesCatalog {")
        w.line("    /// Keyed by the C name, e.g. \"SO_LINGER\".")
        w.line("    static let all: [String: OptionNotes] = [")
        let names = options.keys.sorted()
        for name in names { w.line("        \(SwiftWriter.quoted(name)): \(SwiftWriter.identifier(name)),") }
        w.line("    ]")
        for name in names {
            let (en, ko) = options[name]!
            w.line("")
            w.line("    private static let \(SwiftWriter.identifier(name)) = OptionNotes(")
            w.strings("related", en.related, indent: 8)
            if let ex = en.example { w.string("example", ex, indent: 8) } else { w.line("        example: nil,") }
            note("en", en, &w, last: false)
            note("ko", ko, &w, last: true)
            w.line("    )")
        }
        w.line("}")
        w.line("")
        w.line("extension CommandHelpCatalog {")
        w.line("    /// The Korean headings of `help`, by English group name.")
        w.line("    static let groupsKo: [String: String] = [")
        for (k, v) in groups { w.string(SwiftWriter.quoted(k), v, indent: 8, label: false) }
        w.line("    ]")
        w.line("")
        w.line("    /// Keyed by the command name.")
        w.line("    static let all: [String: CommandHelp] = [")
        for k in help.keys.sorted() {
            let (en, ko) = help[k]!
            w.line("        \(SwiftWriter.quoted(k)): CommandHelp(")
            w.string("example", en.example ?? "", indent: 12)
            for (label, h) in [("en", en), ("ko", ko)] {
                w.line("            \(label): CommandHelpText(")
                w.string("summary", h.summary, indent: 16)
                if let d = h.details {
                    w.string("details", d, indent: 16)
                } else {
                    w.line("                details: nil,")
                }
                w.trimTrailingComma()
                w.line("            )" + (label == "en" ? "," : ""))
            }
            w.line("        ),")
        }
        w.line("    ]")
        w.line("}")
        return w.text
    }

    private func note(_ label: String, _ n: ParsedNote, _ w: inout SwiftWriter, last: Bool) {
        w.line("        \(label): OptionNote(")
        for (k, section) in NotesFormat.noteSections.enumerated() {
            let v = n.fields[section.field]
            let lastField = k == NotesFormat.noteSections.count - 1
            if section.kind == .text {
                if let text = v?.first {
                    w.string(section.field, text, indent: 12)
                } else {
                    w.line("            \(section.field): nil,")
                }
            } else {
                w.strings(section.field, v ?? [], indent: 12)
            }
            if lastField { w.trimTrailingComma() }
        }
        w.line("        )" + (last ? "" : ","))
    }

    // MARK: the man page's option list

    /// The man page, relative to the repository root.
    public static let manPath = "man/sockshell.1"
    /// The lines around the generated option list in the man page.
    public static let manBegin = ".\\\" BEGIN OPTION LIST: generated by `make notes` from notes/en/*.md (## Man page)"
    public static let manEnd = ".\\\" END OPTION LIST"

    /// `page` with the option list between the markers rewritten: a `.Ss LEVEL` per level in the order `order`
    /// first names it, each option's `## Man page` lines under `.It Dv NAME`, in `order`'s order.
    /// `order` is the option catalog: (C name, level name). An option without notes is an error.
    public func manPage(_ page: String, order: [(name: String, level: String)]) throws -> String {
        var lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let b = lines.firstIndex(of: Self.manBegin), let e = lines.firstIndex(of: Self.manEnd), b < e else {
            throw NotesError(Self.manPath, 1, "no lines '\(Self.manBegin)' and '\(Self.manEnd)' around the option list")
        }
        var list: [String] = []
        var levels: [String] = []
        for o in order where !levels.contains(o.level) { levels.append(o.level) }
        for level in levels {
            list += [".Ss \(level)", ".Bl -tag -width IPV6_MULTICAST_HOPS -compact"]
            for o in order where o.level == level {
                guard let note = options[o.name]?.en else {
                    throw NotesError("notes/en/\(o.name).md", 1, "no notes for the option \(o.name)")
                }
                list.append(".It Dv \(o.name)")
                list += note.man
            }
            list.append(".El")
        }
        lines.replaceSubrange((b + 1)..<e, with: list)
        return lines.joined(separator: "\n")
    }
}

/// Writes Swift literals within 120 columns: long strings become multi-line literals broken at single spaces
/// with a `\` line continuation, so the value is exactly the text of the notes.
struct SwiftWriter {
    var text = ""
    static let width = 118

    mutating func line(_ s: String) { text += s + "\n" }

    mutating func trimTrailingComma() {
        if text.hasSuffix(",\n") { text.removeLast(2); text += "\n" }
    }

    /// `label: "value",` (or `"key": "value",` with `label: false`), as one or several lines.
    mutating func string(_ label: String, _ value: String, indent: Int, label isLabel: Bool = true) {
        let pad = String(repeating: " ", count: indent)
        let one = pad + label + ": " + Self.quoted(value) + ","
        if one.count <= Self.width {
            line(one)
            return
        }
        line(pad + label + ": \"\"\"")
        for l in Self.wrapped(value, width: Self.width - indent - 4) { line(pad + "    " + l) }
        line(pad + "    \"\"\",")
    }

    /// `label: ["a", "b"],` with each element on its own line (or `[]`).
    mutating func strings(_ label: String, _ values: [String], indent: Int) {
        let pad = String(repeating: " ", count: indent)
        let one = pad + label + ": [" + values.map(Self.quoted).joined(separator: ", ") + "],"
        if one.count <= Self.width {
            line(one)
            return
        }
        line(pad + label + ": [")
        for v in values {
            let item = pad + "    " + Self.quoted(v) + ","
            if item.count <= Self.width {
                line(item)
            } else {
                line(pad + "    \"\"\"")
                for l in Self.wrapped(v, width: Self.width - indent - 8) { line(pad + "        " + l) }
                line(pad + "        \"\"\",")
            }
        }
        line(pad + "],")
    }

    /// A one-line Swift string literal.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// The lines of a multi-line literal's body: each but the last ends in " \" (a continuation that keeps the
    /// space); breaks fall only on a single space between two non-spaces.
    static func wrapped(_ s: String, width: Int) -> [String] {
        var escaped = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            case "\0": escaped += "\\0"
            default: escaped.unicodeScalars.append(c)
            }
        }
        var pieces: [String] = []
        for word in escaped.split(separator: " ", omittingEmptySubsequences: false) {
            if let last = pieces.last, word.isEmpty || last.hasSuffix(" ") || last.isEmpty {
                pieces[pieces.count - 1] = last + " " + word
            } else {
                pieces.append(String(word))
            }
        }
        var lines: [String] = []
        var cur = ""
        for p in pieces {
            if cur.isEmpty {
                cur = p
            } else if cur.count + 1 + p.count + 2 > width {
                lines.append(cur + " \\")
                cur = p
            } else {
                cur += " " + p
            }
        }
        lines.append(cur)
        return lines
    }

    /// A Swift identifier for an option name: SO_LINGER → soLinger, IPV6_V6ONLY → ipv6V6only.
    static func identifier(_ name: String) -> String {
        let parts = name.lowercased().split(separator: "_")
        return parts.enumerated().map { k, p in k == 0 ? String(p) : p.prefix(1).uppercased() + p.dropFirst() }
            .joined()
    }
}
