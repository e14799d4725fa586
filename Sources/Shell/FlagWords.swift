import SocketCore

/// Flag words of send, sendto and recv, in the short form (`oob`) or as C names (`MSG_OOB`), in any case.
///
/// Why one rule: `shutdown SHUT_WR` was accepted, `recv MSG_PEEK` was an input error and `send MSG_OOB X` sent the
/// text "MSG_OOB X" without a word. Now every flag and `how` word is matched like an option name: any case, with or
/// without its C prefix; a word with the `MSG_` prefix that is not a flag of the command is an input error, never
/// data (quote it to send it, SPEC §2a).
enum FlagWords {
    /// Short names of every message flag the shell knows.
    static let all: [(String, MessageFlags)] = [
        ("oob", .oob), ("peek", .peek), ("dontwait", .dontWait), ("waitall", .waitAll), ("trunc", .trunc),
        ("more", .more), ("nosignal", .noSignal),
    ]

    /// The flag a word names, in any case, with or without `MSG_`; nil for any other word.
    static func flag(_ word: String) -> (name: String, flag: MessageFlags)? {
        var w = word.lowercasedASCII()
        let prefixed = w.hasPrefix("msg_")
        if prefixed { w.removeFirst(4) }
        return all.first { $0.0 == w }.map { (name: $0.0, flag: $0.1) }
    }

    /// True when the word starts with `MSG_` in any case: meant as a flag, whatever follows.
    static func looksLikeCName(_ word: String) -> Bool { word.lowercasedASCII().hasPrefix("msg_") }

    /// The input error for a `MSG_` word that is not one of `allowed` (the command's short flag names).
    static func refusal(_ word: String, command: String, allowed: [String], sendsData: Bool) -> String {
        let shown = word.prefix(30)
        let what = flag(word) != nil ? "'\(shown)' is not a flag of \(command)" : "unknown flag '\(shown)'"
        return what + ": \(command) takes \(allowed.joined(separator: ", ")) (also as C names, in any case: "
            + "MSG_\(allowed[0].uppercased()))" + (sendsData ? "; quote the word to send it as data" : "")
    }
}
