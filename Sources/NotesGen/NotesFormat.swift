/// The notes/ text format (notes/README.md): headed sections in Markdown, read into plain values.
///
/// Why a format of our own and not a Markdown library: a teacher or translator edits a handful of fixed sections,
/// and the reader must be strict (a misspelt heading is an error with its line, not a section silently lost) and
/// small (no dependency for a build step).

/// A mistake in a notes file, with the file and line it is on.
public struct NotesError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }

    public init(_ file: String, _ line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
}

/// How a section's body is read.
public enum SectionKind: Sendable {
    /// One paragraph; its lines are joined with one space.
    case text
    /// Items starting with "- "; continuation lines start with two spaces and are joined with one space.
    case list
    /// A fenced block (```): each line is one item, verbatim.
    case lines
}

/// One section of an option's notes: its heading in the file and the `OptionNote` field it fills.
public struct NoteSection: Sendable {
    public var heading: String
    public var field: String
    public var kind: SectionKind
    /// Whether a file may leave it out (then both languages leave it out: the parity test).
    public var optional = false
}

/// An option's notes in one language, as read from `notes/LANG/OPTION.md`.
public struct ParsedNote: Equatable, Sendable {
    public var name: String
    /// The text of each `NotesFormat.noteSections` entry (paragraphs as one-element arrays), by field.
    public var fields: [String: [String]]
    /// The headings in file order (for the parity check between languages).
    public var headings: [String]
    /// Related options (English file only).
    public var related: [String]
    /// The example transcript (English file only).
    public var example: String?
    /// The mdoc lines of the option's entry in the man page's option list (English file only).
    public var man: [String] = []
}

/// One command's help in one language, from `notes/LANG/help/COMMAND.md`.
public struct ParsedHelp: Equatable, Sendable {
    public var name: String
    public var summary: String
    public var details: String?
    /// The example command line (English file only: it is the same in every language).
    public var example: String?
    /// The headings in file order (for the parity check between languages).
    public var headings: [String] = []
}

/// The reader of notes files.
public enum NotesFormat {
    /// The sections every option file has, in this order (English and Korean alike).
    public static let noteSections: [NoteSection] = [
        NoteSection(heading: "Summary", field: "summary", kind: .text),
        NoteSection(heading: "C type", field: "cType", kind: .text),
        NoteSection(heading: "Linux default", field: "linuxDefault", kind: .text),
        NoteSection(heading: "Effect", field: "effect", kind: .text),
        NoteSection(heading: "When to set", field: "when", kind: .text),
        NoteSection(heading: "Outcomes", field: "outcomes", kind: .list),
        NoteSection(heading: "On the wire", field: "wire", kind: .text, optional: true),
        NoteSection(heading: "Quirks", field: "quirks", kind: .list),
        NoteSection(heading: "Try it", field: "tryIt", kind: .lines),
    ]

    /// Sections that only the English file has: they do not depend on the language.
    public static let metaHeadings = ["Related", "Example", "Man page"]

    /// A file split into its title and sections (heading, line number of the heading, body lines).
    struct Sections {
        var title: String
        var sections: [(heading: String, line: Int, body: [String])]
    }

    static func split(_ text: String, file: String) throws(NotesError) -> Sections {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.last == "" else { throw NotesError(file, lines.count, "the file must end with a newline") }
        lines.removeLast()
        guard let first = lines.first, first.hasPrefix("# ") else {
            throw NotesError(file, 1, "the first line must be '# NAME'")
        }
        var out = Sections(title: String(first.dropFirst(2)), sections: [])
        for (i, line) in lines.enumerated().dropFirst() {
            if line.hasPrefix("## ") {
                out.sections.append((String(line.dropFirst(3)), i + 1, []))
            } else if out.sections.isEmpty {
                if !line.isEmpty { throw NotesError(file, i + 1, "text before the first '## ' heading") }
            } else {
                out.sections[out.sections.count - 1].body.append(line)
            }
            if line.contains("\r") || line.contains("\t") {
                throw NotesError(file, i + 1, "a tab or carriage return (use spaces and plain newlines)")
            }
        }
        return out
    }

    /// The body without leading and trailing blank lines, with the line number of its first line.
    static func trimmed(_ body: [String], after heading: Int) -> (lines: [String], first: Int) {
        var start = 0
        var end = body.count
        while start < end, body[start].isEmpty { start += 1 }
        while end > start, body[end - 1].isEmpty { end -= 1 }
        return (Array(body[start..<end]), heading + 1 + start)
    }

    static func paragraph(_ body: [String], heading: Int, file: String) throws(NotesError) -> String {
        let (lines, first) = trimmed(body, after: heading)
        guard !lines.isEmpty else { throw NotesError(file, heading, "the section is empty") }
        for (k, line) in lines.enumerated() {
            if line.isEmpty { throw NotesError(file, first + k, "one paragraph only: remove the blank line") }
            if line.hasPrefix(" ") || line.hasSuffix(" ") {
                throw NotesError(file, first + k, "a paragraph line starts or ends with a space")
            }
        }
        return lines.joined(separator: " ")
    }

    static func list(_ body: [String], heading: Int, file: String) throws(NotesError) -> [String] {
        var items: [String] = []
        for (k, line) in body.enumerated() {
            if line.isEmpty { continue }
            if line.hasPrefix("- ") {
                items.append(String(line.dropFirst(2)))
            } else if line.hasPrefix("  "), !items.isEmpty {
                items[items.count - 1] += " " + line.dropFirst(2)
            } else {
                throw NotesError(file, heading + 1 + k, "a list item starts with '- ', its next lines with two spaces")
            }
        }
        return items
    }

    static func fenced(_ body: [String], heading: Int, file: String) throws(NotesError) -> [String] {
        let (lines, first) = trimmed(body, after: heading)
        guard lines.count >= 2, lines.first == "```", lines.last == "```" else {
            throw NotesError(file, first, "the lines go in a fenced block: a line ```, the lines, a line ```")
        }
        let inner = Array(lines.dropFirst().dropLast())
        if let k = inner.firstIndex(where: { $0.isEmpty || $0.hasPrefix("```") }) {
            throw NotesError(file, first + 1 + k, "an empty line or a second fence inside the block")
        }
        return inner
    }

    /// Reads `notes/LANG/NAME.md`. English files may end with Related and Example; Korean files may not.
    public static func option(_ text: String, name: String, english: Bool, file: String) throws(NotesError)
        -> ParsedNote
    {
        let s = try split(text, file: file)
        guard s.title == name else { throw NotesError(file, 1, "the title is '\(s.title)', not '\(name)'") }
        var note = ParsedNote(name: name, fields: [:], headings: [], related: [], example: nil)
        var expected = noteSections.map(\.heading)
        if english { expected += metaHeadings }
        var next = 0
        for (heading, line, body) in s.sections {
            guard let k = expected.firstIndex(of: heading) else {
                let allowed = expected.joined(separator: ", ")
                throw NotesError(file, line, "unknown section '\(heading)' (the sections: \(allowed))")
            }
            guard k >= next else {
                throw NotesError(file, line, "section '\(heading)' is repeated or out of order")
            }
            next = k + 1
            note.headings.append(heading)
            if k < noteSections.count {
                let section = noteSections[k]
                switch section.kind {
                case .text: note.fields[section.field] = [try paragraph(body, heading: line, file: file)]
                case .list: note.fields[section.field] = try list(body, heading: line, file: file)
                case .lines: note.fields[section.field] = try fenced(body, heading: line, file: file)
                }
            } else if heading == "Man page" {
                note.man = try fenced(body, heading: line, file: file)
            } else if heading == "Related" {
                note.related = try paragraph(body, heading: line, file: file)
                    .split(separator: ",").map { String($0.drop { $0 == " " }) }
            } else {
                note.example = try paragraph(body, heading: line, file: file)
            }
        }
        for section in noteSections where note.fields[section.field] == nil && !section.optional {
            throw NotesError(file, 1, "no section '## \(section.heading)'")
        }
        if english, note.man.isEmpty {
            throw NotesError(file, 1, "no section '## Man page' (the option's entry in man/sockshell.1, mdoc lines)")
        }
        return note
    }

    /// Reads `notes/LANG/help/COMMAND.md`: a Summary, optional Details, and (English file only) an Example.
    public static func help(_ text: String, name: String, english: Bool, file: String) throws(NotesError)
        -> ParsedHelp
    {
        let s = try split(text, file: file)
        guard s.title == name else { throw NotesError(file, 1, "the title is '\(s.title)', not '\(name)'") }
        var help = ParsedHelp(name: name, summary: "", details: nil, example: nil)
        help.headings = s.sections.map(\.heading)
        let wanted = english ? [["Summary", "Example"], ["Summary", "Details", "Example"]]
            : [["Summary"], ["Summary", "Details"]]
        guard wanted.contains(help.headings) else {
            let list = wanted.last!.map { "'## \($0)'" }.joined(separator: ", ")
            throw NotesError(file, s.sections.first?.line ?? 1, "the sections are \(list) (Details may be left out)")
        }
        for (heading, line, body) in s.sections {
            switch heading {
            case "Summary": help.summary = try paragraph(body, heading: line, file: file)
            case "Details": help.details = try paragraph(body, heading: line, file: file)
            default:
                let lines = try fenced(body, heading: line, file: file)
                guard lines.count == 1 else { throw NotesError(file, line, "the example is one command line") }
                help.example = lines[0]
            }
        }
        return help
    }

    /// Reads `notes/ko/help/_groups.md`: "- English group: translation" per line, in order.
    public static func groups(_ text: String, file: String) throws(NotesError) -> [(String, String)] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.last == "" else { throw NotesError(file, lines.count, "the file must end with a newline") }
        lines.removeLast()
        guard lines.first == "# Groups" else {
            throw NotesError(file, 1, "the file is '# Groups' followed by lines '- Group: translation'")
        }
        var out: [(String, String)] = []
        for (k, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let parts = line.dropFirst(2).split(separator: ":", maxSplits: 1)
            guard line.hasPrefix("- "), parts.count == 2, parts[1].hasPrefix(" "), parts[1].count > 1 else {
                throw NotesError(file, k + 1, "expected '- Group: translation'")
            }
            out.append((String(parts[0]), String(parts[1].dropFirst())))
        }
        return out
    }
}
