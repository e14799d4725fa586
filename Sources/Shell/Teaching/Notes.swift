// The types of the study notes behind `explain OPTION` (SPEC §4) and of the Korean help. The text itself lives in
// notes/ (one Markdown file per option per language, notes/README.md) and is compiled in through the generated
// NotesData.swift, which the build-tool plugin (Plugins/NotesPlugin) generates at build time, so a teacher or
// translator edits text files, not Swift.
// Facts checked on Linux 6.x (Debian 12) and against socket(7), tcp(7), ip(7), ipv6(7).

/// Study notes for one socket option, in one language.
///
/// Why: `explain` teaches each option the way a seasoned network programmer would: what it is, its C type,
/// the Linux default, what it changes on the wire or in the kernel, when it must be set, what can be
/// observed, the Linux quirks, and shell lines that show it. Plain data, so the text and JSON views and
/// the man-page check can all read it.
struct OptionNote: Sendable {
    /// One line: what the option is.
    var summary: String
    /// The C type of the value, e.g. `int (boolean)`, `struct linger`.
    var cType: String
    /// The Linux default and where it comes from or varies.
    var linuxDefault: String
    /// What it changes on the wire or in the kernel (2-5 sentences).
    var effect: String
    /// When it must be set, and why.
    var when: String
    /// Observable outcomes, one line each.
    var outcomes: [String]
    /// What to look for in the wire view (`wire on`, SPEC §8), for the options whose effect is a packet.
    var wire: String?
    /// Linux quirks worth knowing.
    var quirks: [String]
    /// Two to five sockshell command lines (SPEC §3 syntax) that demonstrate it.
    var tryIt: [String]
}

/// The notes of one option in both languages, plus cross references.
///
/// Why: `explain --lang ko` must show the same facts as the English notes; keeping both side by side
/// makes a missing or diverging translation easy to spot.
struct OptionNotes: Sendable {
    /// C names of related options (each has notes of its own).
    var related: [String]
    /// The example transcript that demonstrates the option, if one does.
    var example: String?
    /// English notes.
    var en: OptionNote
    /// Korean notes.
    var ko: OptionNote
}

/// Every option's study notes.
///
/// Why: one table, keyed like `OptionCatalog`, so `explain`, completion and tests can check that every
/// known option is taught.
enum OptionNotesCatalog {
    // `all`, keyed by the C name, is generated from notes/ into NotesData.swift at build time.
}

/// One command's help in one language: what `help` and `help COMMAND` show beside the usage.
struct CommandHelpText: Sendable {
    /// One line, shown by `help` and `help COMMAND`.
    var summary: String
    /// One to a few sentences, shown by `help COMMAND`.
    var details: String?
}

/// One command's help in both languages, and its example (the same in every language).
struct CommandHelp: Sendable {
    var example: String
    var en: CommandHelpText
    var ko: CommandHelpText
}

/// The help of every command, in English and Korean, and the Korean headings of `help`'s groups.
///
/// Why not in the command table: the table holds what the parser needs (name, usage, argument kinds); the help
/// text lives in notes/en/help and notes/ko/help (one file per command per language, with the same sections), so
/// a translator edits text files, and the build compiles them in (`all`, `groupsKo`, in the generated NotesData.swift).
/// `--lang ko` shows help in Korean while every other output stays English, so transcripts replay anywhere.
enum CommandHelpCatalog {
    /// The help of a command, in one language (empty text if the notes lack it: NotesTests forbids that).
    static func text(_ name: String, korean: Bool) -> CommandHelpText {
        guard let h = all[name] else { return CommandHelpText(summary: "", details: nil) }
        return korean ? h.ko : h.en
    }
}
