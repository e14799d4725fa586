// The types of the study notes behind `explain OPTION` (SPEC §4) and of the Korean help. The text itself lives in
// notes/ (one Markdown file per option per language, notes/README.md) and is compiled in through the generated
// NotesData.swift (`swift run notes-gen`), so a teacher or translator edits text files, not Swift.
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
    // `all`, keyed by the C name, is generated from notes/ into NotesData.swift.
}

/// Korean help: a one-line summary and a short explanation for every command.
///
/// Why: `--lang ko` shows help in Korean while every other output stays English, so transcripts replay
/// anywhere; the command table keeps the English text and usage, this table only the translations. The text
/// lives in notes/ko/help/ (one file per command, and _groups.md); `groups`, `summaries` and `details` are
/// generated from it into NotesData.swift.
enum HelpKo {}
