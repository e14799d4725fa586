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

    /// `flag` of a command's word, read from its bytes (no String is made for it) when they are ASCII. A word with
    /// other bytes is read as text: Unicode case folding and Characters decide for it.
    static func flag(_ word: Token) -> (name: String, flag: MessageFlags)? {
        guard word.isASCII else { return flag(word.text) }
        return word.withBytes { bytes in
            let name = hasCPrefix(bytes) ? UnsafeBufferPointer(rebasing: bytes[4...]) : bytes
            return all.first { equalFolded(name, $0.0) }.map { (name: $0.0, flag: $0.1) }
        }
    }

    /// `looksLikeCName` of a command's word, read from its bytes when they are ASCII (as `flag(_:)`).
    static func looksLikeCName(_ word: Token) -> Bool {
        guard word.isASCII else { return looksLikeCName(word.text) }
        return word.withBytes { hasCPrefix($0) }
    }

    /// Whether ASCII `bytes` start with `msg_` in any case.
    private static func hasCPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 4 && equalFolded(UnsafeBufferPointer(rebasing: bytes[..<4]), "msg_")
    }

    /// Whether ASCII `bytes`, with A-Z folded to a-z, are the lower-case ASCII `name`.
    private static func equalFolded(_ bytes: UnsafeBufferPointer<UInt8>, _ name: String) -> Bool {
        bytes.count == name.utf8.count && zip(bytes, name.utf8).allSatisfy { ($0 &- 65 < 26 ? $0 | 0x20 : $0) == $1 }
    }

    /// The input error for a `MSG_` word that is not one of `allowed` (the command's short flag names).
    static func refusal(_ word: String, command: String, allowed: [String], sendsData: Bool) -> String {
        let shown = word.prefix(30)
        let what = flag(word) != nil ? "'\(shown)' is not a flag of \(command)" : "unknown flag '\(shown)'"
        return what + ": \(command) takes \(allowed.joined(separator: ", ")) (also as C names, in any case: "
            + "MSG_\(allowed[0].uppercased()))" + (sendsData ? "; quote the word to send it as data" : "")
    }
}
