import Glibc

// The transcript file format: a saved session that can be replayed and checked.
//
// FORMAT
//
// A file is a *transcript* when at least one of its lines starts with "> " (greater-than, space).
// Otherwise it is a *plain script*: one command per line, blank lines and lines whose first
// non-blank character is '#' skipped.
//
// In a transcript:
//
// - A line that starts with "> " holds a command: the text after "> ", kept as it is (it may be
//   empty). A line that is exactly ">" is an empty command too, since editors strip trailing blanks.
// - The lines after a command line, up to the next command line, are the output that command is
//   expected to print, one line of output per line of the file.
// - Blank lines, and lines whose first non-blank character is '#', are comments and explanations,
//   wherever they are. They are never expected output (the shell never prints a blank line or a
//   line starting with '#'; received data is always quoted or shown as hex).
// - Everything before the first command line is comment.
// - A missing newline at the end of the file is fine; a "\r" at the end of a line (CRLF files) is
//   dropped.
//
// Expected lines may hold wildcards for values that change from run to run:
//
//   {port}   1 to 5 decimal digits                      43712
//   {n}      an integer: optional '-', then digits        -1, 4096
//   {num}    a decimal number: digits, optional '.' and digits      3, 0.25
//   {dur}    a number directly followed by a unit of letters        1.23s, 250ms, 17us, 3µs
//   {rate}   a number, an optional space, a unit of letters and '/' 2.61 GB/s, 812.5 MB/s, 100Mbit/s
//   {hex}    one or more hex digits (0-9, a-f, A-F)   7f3a
//   {*}      any text, possibly empty
//   {{       a literal '{'
//
// Everything else matches literally: there is no other pattern syntax, and a '{' that does not
// start one of the forms above (say "{x}") is an ordinary character. A line matches when the
// whole line matches; wildcards backtrack, so "{*}:{port}" matches "[::1]:8080".
//
// Example:
//
//   # A listener on a port the kernel chooses.
//   > socket tcp as srv
//   srv = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3
//   > bind 127.0.0.1:0
//   bind(3, {AF_INET, 127.0.0.1:0}, 16) = 0
//     local address 127.0.0.1:{port}
//   > source 1M
//     sent 1048576 bytes (1.00 MiB) in {dur}, {rate}
//
// Replay (`--check`) runs each command and compares what it printed, line by line, with the
// expected lines; a mismatch is reported as a unified diff naming the file and the line numbers
// of the transcript itself. Recording (`--record`) writes this format, with the wildcards already
// in place, so a recorded session replays green at once.

/// One line of expected output in a transcript, as written (it may hold wildcards).
///
/// The line number is kept so a mismatch can point at the exact place in the file.
public struct ExpectedLine: Sendable, Equatable {
    /// The pattern text of the line, without the line terminator.
    public var text: String
    /// The 1-based line number in the transcript file.
    public var line: Int

    /// Makes an expected line from its pattern text and its 1-based line number.
    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }
}

/// One command of a transcript and the output it is expected to print.
///
/// A plain script gives entries with no expected output.
public struct TranscriptEntry: Sendable, Equatable {
    /// The command text (what followed "> ", or the whole line in a plain script).
    public var command: String
    /// The 1-based line number of the command in the file (for `NAME:LINE:` messages).
    public var commandLine: Int
    /// The expected output lines, in order, comments left out.
    public var expected: [ExpectedLine]

    /// Makes an entry from a command, its line number and its expected output.
    public init(command: String, commandLine: Int, expected: [ExpectedLine] = []) {
        self.command = command
        self.commandLine = commandLine
        self.expected = expected
    }
}

/// A parsed transcript or plain script.
///
/// Parsing never fails: any text is either a transcript or a plain script, and a stray line is a
/// comment at worst. That keeps `--check` and `sockshell FILE` from ever rejecting a file for its
/// layout; the commands themselves are checked by the shell.
public struct TranscriptFile: Sendable, Equatable {
    /// The commands in file order.
    public var entries: [TranscriptEntry]
    /// Whether the text was a transcript (some line starts with "> ") rather than a plain script.
    public var isTranscript: Bool

    /// Makes a file from its entries.
    public init(entries: [TranscriptEntry], isTranscript: Bool = true) {
        self.entries = entries
        self.isTranscript = isTranscript
    }

    /// Whether `text` is a transcript: whether any of its lines starts with "> ".
    ///
    /// A plain script cannot have such a line, since no command starts with '>'.
    public static func isTranscript(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            var scanner = TranscriptMarkerScanner()
            return scanner.feed(bytes)
        }
    }

    /// Parses `text` as a transcript if it is one, else as a plain script.
    ///
    /// In a plain script every line that is not blank and not a '#' comment is a command with no
    /// expected output; its line number is kept for error messages.
    public static func parse(_ text: String) -> TranscriptFile {
        parse(text, transcript: isTranscript(text))
    }

    /// Parses `text` as a transcript, whatever it looks like.
    static func parseTranscript(_ text: String) -> TranscriptFile {
        parse(text, transcript: true)
    }

    /// The entries of `text`, each line read by `classify` (the reading the streaming script runner shares).
    static func parse(_ text: String, transcript: Bool) -> TranscriptFile {
        var entries: [TranscriptEntry] = []
        var copy = text
        copy.withUTF8 { bytes in
            var number = 0
            forEachLine(bytes) { line in
                number += 1
                switch classify(line, transcript: transcript) {
                case .command(let offset):
                    let command = String(decoding: UnsafeBufferPointer(rebasing: line[offset...]), as: UTF8.self)
                    entries.append(TranscriptEntry(command: command, commandLine: number))
                case .output where !entries.isEmpty:
                    let text = String(decoding: line, as: UTF8.self)
                    entries[entries.count - 1].expected.append(ExpectedLine(text: text, line: number))
                case .output, .comment:
                    break
                }
            }
        }
        return TranscriptFile(entries: entries, isTranscript: transcript)
    }

    /// What one line (its bytes, without "\n" and a "\r" before it) is in a transcript or a plain script.
    ///
    /// The one place the format's line syntax is decided: `parse` reads whole texts with it and the script
    /// runner (sockshell's ScriptFile) streams files through it, so the two cannot drift apart.
    @inlinable
    public static func classify(_ line: UnsafeBufferPointer<UInt8>, transcript: Bool) -> TranscriptLineKind {
        if transcript {
            // "> command", or a bare ">" (an empty command: editors strip trailing blanks).
            if line.first == UInt8(ascii: ">"), line.count == 1 || line[1] == UInt8(ascii: " ") {
                return .command(offset: min(2, line.count))
            }
            return isComment(line) ? .comment : .output
        }
        return isComment(line) ? .comment : .command(offset: 0)
    }

    /// `isComment` of a line's bytes.
    @inlinable
    public static func isComment(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in line where b != UInt8(ascii: " ") && b != UInt8(ascii: "\t") { return b == UInt8(ascii: "#") }
        return true
    }

    /// Calls `body` with each line of `bytes`: split on "\n", a trailing "\r" dropped, no empty last line for a
    /// final newline (as `Lines` and the plain line reader split).
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            var end = bytes.count
            if let hit = memchr(base + start, 10, bytes.count - start) {
                end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            let stop = end > start && bytes[end - 1] == 13 ? end - 1 : end
            body(UnsafeBufferPointer(rebasing: bytes[start..<stop]))
            start = end + 1
        }
    }

    /// Whether a line is blank or its first non-blank character is '#'.
    ///
    /// Such lines are never expected output; the checker also leaves them out of the actual output
    /// so that recording and replaying always agree.
    public static func isComment<S: StringProtocol>(_ line: S) -> Bool {
        for byte in line.utf8 {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
            return byte == UInt8(ascii: "#")
        }
        return true
    }
}

/// What a line of a transcript or plain script is (`TranscriptFile.classify`).
public enum TranscriptLineKind: Equatable, Sendable {
    /// A command; its text starts `offset` bytes into the line (after "> " in a transcript, 0 in a script).
    case command(offset: Int)
    /// A line of expected output (transcripts only; before the first command it is a comment).
    case output
    /// Blank, or '#' as the first non-blank character: never a command, never expected output.
    case comment
}

/// Finds out, chunk by chunk, whether a text is a transcript: whether some line starts with "> ".
///
/// Why a scanner: the script runner decides it by reading a file once without holding it, and `isTranscript`
/// on a whole text is the same scan with one chunk.
public struct TranscriptMarkerScanner: Sendable {
    /// Where the text fed so far ends: 0 = at a line start, 1 = after a ">" that starts a line, 2 = elsewhere.
    var state = 0

    public init() {}

    /// Feeds the next bytes of the text; true once a line starting with "> " has been seen.
    ///
    /// Looks only at the ">" bytes (memchr jumps to each): a plain script has none, so it is scanned as fast as
    /// memory is read, instead of line by line (a memchr per line cost about 37 instructions per line).
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
        let n = bytes.count
        // A ">" that started a line at the end of the last chunk: this chunk's first byte decides.
        if state == 1 && base[0] == UInt8(ascii: " ") { return true }
        let startsLine = state == 0
        var i = 0
        while i < n, let hit = memchr(base + i, Int32(UInt8(ascii: ">")), n - i) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if at == 0 ? startsLine : base[at - 1] == 10 {
                if at + 1 == n {
                    state = 1
                    return false
                }
                if base[at + 1] == UInt8(ascii: " ") { return true }
            }
            i = at + 1
        }
        state = base[n - 1] == 10 ? 0 : 2
        return false
    }
}

/// The lines of a text: split on "\n", a trailing "\r" dropped, no empty last line for a final
/// newline.
struct Lines: Sequence {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    func makeIterator() -> Iterator {
        Iterator(text: text[...])
    }

    struct Iterator: IteratorProtocol {
        var text: Substring

        mutating func next() -> Substring? {
            if text.isEmpty { return nil }
            let line: Substring
            if let newline = text.utf8.firstIndex(of: UInt8(ascii: "\n")) {
                line = text[text.startIndex..<newline]
                text = text[text.index(after: newline)...]
            } else {
                line = text
                text = text[text.endIndex...]
            }
            if line.utf8.last == UInt8(ascii: "\r") {
                return line[line.startIndex..<line.utf8.index(before: line.endIndex)]
            }
            return line
        }
    }
}
