/// A command's words and its raw text (for `send`, whose data is the rest of the line).
public struct CommandWords: Sendable, Equatable {
    public var raw: [UInt8]
    public var tokens: [Token]
}

/// Splits a line into commands and words (SPEC §2a).
///
/// Why bytes and not Characters: sends carry arbitrary bytes, offsets must be exact, and the tokenizer is on the
/// hot path of long scripts.
public enum Tokenizer {
    /// Maximum line length accepted; longer lines are an input error, not an allocation.
    public static let maxLineBytes = 1 << 20

    /// The usage shown with a quoting error (the tokenizer does not know the command yet).
    static let quoting = #"quote as "text with C escapes: \n \r \t \0 \\ \" \xHH \NNN" or 'text as typed'"#

    /// Splits `line` at `;` outside quotes. A line whose first non-blank character is `#` is a comment: no
    /// commands. Empty commands are dropped.
    public static func split(_ line: String) throws(InputError) -> [CommandWords] {
        var copy = line
        // withUTF8 only rethrows untyped errors: the result comes out as a Result.
        let result = copy.withUTF8 { bytes in Result { () throws(InputError) in try split(bytes: bytes) } }
        return try result.get()
    }

    /// `split` of a line's UTF-8 bytes (a script's reader hands them over without making a String).
    public static func split(bytes: UnsafeBufferPointer<UInt8>) throws(InputError) -> [CommandWords] {
        var commands: [CommandWords] = []
        try split(bytes: bytes, into: &commands)
        return commands
    }

    /// `split` into `commands`, whose elements' arrays are reused: a frontend that keeps one list for every
    /// line allocates nothing here once the list has grown (else three arrays per line). The list holds
    /// exactly the line's commands afterwards (none for a comment); after an error, the commands split before
    /// it (callers do not run them).
    public static func split(bytes: UnsafeBufferPointer<UInt8>,
                             into commands: inout [CommandWords]) throws(InputError) {
        var used = 0
        defer { while commands.count > used { commands.removeLast() } }
        if bytes.count > maxLineBytes {
            throw InputError("line too long (\(bytes.count) bytes; at most \(maxLineBytes))",
                             usage: "split the input into lines of at most 1 MiB")
        }
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "#") { return }
        // Most lines hold one command and no quoted word: no state to follow, the line is the command.
        if used == commands.count { commands.append(CommandWords(raw: [], tokens: [])) }
        if let words = plain(bytes, into: &commands[used]) {
            if words { used += 1 }
            return
        }
        var start = 0
        var quote: UInt8 = 0
        var j = 0
        while j < bytes.count {
            let c = bytes[j]
            // A quote opens only where a word begins, so `send don't` sends an apostrophe.
            let wordStart = j == 0 || bytes[j - 1] == 0x20 || bytes[j - 1] == 0x09 || bytes[j - 1] == UInt8(ascii: ";")
            if quote != 0 {
                if c == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { j += 2; continue }
                if c == quote { quote = 0 }
            } else if wordStart, c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ";") {
                try fill(&commands, &used, UnsafeBufferPointer(rebasing: bytes[start..<j]))
                start = j + 1
            }
            j += 1
        }
        if quote != 0 {
            throw InputError("unterminated quoted string: add the closing \(Character(UnicodeScalar(quote)))",
                             usage: quoting)
        }
        try fill(&commands, &used, UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
    }

    /// Makes `raw` the command at `commands[used]` (reusing that element's arrays when there is one) and counts
    /// it, unless it holds no word.
    private static func fill(_ commands: inout [CommandWords], _ used: inout Int,
                             _ raw: UnsafeBufferPointer<UInt8>) throws(InputError) {
        if used == commands.count { commands.append(CommandWords(raw: [], tokens: [])) }
        // One replaceSubrange: removeAll(keepingCapacity:) and append(contentsOf:) cost twice as much.
        commands[used].raw.replaceSubrange(0..<commands[used].raw.count, with: raw)
        try words(commands[used].raw, into: &commands[used].tokens)
        if !commands[used].tokens.isEmpty { used += 1 }
    }

    /// The common line: when no `;` is in `line` and no word starts with a quote, makes `line` the command in
    /// `command` (its arrays reused; words cut at blanks, tabs, CR and LF, as `words` cuts a command without
    /// quotes) and returns whether it holds a word. Returns nil, leaving `command` to be overwritten, when the
    /// line needs `split`'s general path.
    ///
    /// Why its own path: it is the general path's outcome for such lines (no `;` to split at, no quote that
    /// opens, so `words` takes every word as it stands) without its three passes (a scan for `;` and quotes, the
    /// copy, the words); and each token is written over the previous line's, in place (a short word's token owns
    /// nothing, so the one written over has nothing to release).
    private static func plain(_ line: UnsafeBufferPointer<UInt8>, into command: inout CommandWords) -> Bool? {
        guard let base = line.baseAddress else {
            command.raw.removeAll()
            command.tokens.removeAll()
            return false
        }
        let n = line.count
        var count = 0
        var i = 0
        /// Where a pass over the held tokens stopped: at the line's end, for want of a token to write over, or at
        /// a `;` or a quote.
        enum Stop { case end, full, general }
        passes: while true {
            // The words are written over the tokens held, in one pass over the array's storage (an array's
            // subscript checks that the storage is its own, a call, on every write); one more token is appended
            // when the line has more words. A `;` or a quote found after some words were written sends the line to
            // the general path, which overwrites them.
            let stop: Stop = command.tokens.withUnsafeMutableBufferPointer { tokens in
                while i < n {
                    let c = base[i]
                    if isStop(c) {
                        if c == UInt8(ascii: ";") { return .general }
                        i &+= 1
                        continue
                    }
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { return .general }
                    if count == tokens.count { return .full }
                    var end = i &+ 1
                    while end < n && !isStop(base[end]) { end &+= 1 }
                    tokens[count] = Token(bytes: UnsafeBufferPointer(start: base + i, count: end &- i), quoted: false,
                                          offset: i)
                    count &+= 1
                    i = end
                }
                return .end
            }
            switch stop {
            case .general: return nil
            case .full: command.tokens.append(Token(bytes: [], quoted: false, offset: 0))
            case .end: break passes
            }
        }
        while command.tokens.count > count { command.tokens.removeLast() }
        command.raw.replaceSubrange(0..<command.raw.count, with: line)
        return count > 0
    }

    /// Whether `c` ends a plain word (blank, tab, CR, LF) or sends the line to the general path (`;`).
    @inline(__always)
    private static func isStop(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0d || c == 0x0a || c == UInt8(ascii: ";")
    }

    /// Splits one command into words, into `tokens` (replacing what it held; its storage is reused); a quote at
    /// the start of a word groups up to its closing quote (double quotes take C escapes); inside a word, quote
    /// characters are ordinary (`don't`).
    static func words(_ raw: [UInt8], into tokens: inout [Token]) throws(InputError) {
        // removeLast keeps the storage without the generic replaceSubrange of removeAll(keepingCapacity:).
        while !tokens.isEmpty { tokens.removeLast() }
        tokens.reserveCapacity(8)
        var i = 0
        let n = raw.count
        while i < n {
            let c = raw[i]
            if c == 0x20 || c == 0x09 || c == 0x0d || c == 0x0a { i += 1; continue }
            let start = i
            // Fast path: a word without quotes is its bytes as they are.
            var end = i
            while end < n {
                let d = raw[end]
                if d == 0x20 || d == 0x09 || d == 0x0d || d == 0x0a { break }
                end += 1
            }
            if c != 0x22 && c != 0x27 {
                // From a buffer pointer: the generic path for an ArraySlice cost more than the rest of the tokenizer.
                tokens.append(raw.withUnsafeBufferPointer { all in
                    Token(bytes: UnsafeBufferPointer(rebasing: all[start..<end]), quoted: false, offset: start)
                })
                i = end
                continue
            }
            var out: [UInt8] = []
            var quoted = false
            while i < n {
                let d = raw[i]
                if d == 0x20 || d == 0x09 || d == 0x0d || d == 0x0a { break }
                if d == UInt8(ascii: "\""), i == start {
                    quoted = true
                    i += 1
                    while true {
                        guard i < n else {
                            throw InputError("unterminated quoted string: add the closing \"", usage: quoting)
                        }
                        let e = raw[i]
                        if e == UInt8(ascii: "\"") { i += 1; break }
                        if e == UInt8(ascii: "\\") {
                            i += 1
                            try unescape(raw, &i, into: &out)
                        } else {
                            out.append(e)
                            i += 1
                        }
                    }
                } else if d == UInt8(ascii: "'"), i == start {
                    quoted = true
                    i += 1
                    while true {
                        guard i < n else {
                            throw InputError("unterminated quoted string: add the closing '", usage: quoting)
                        }
                        if raw[i] == UInt8(ascii: "'") { i += 1; break }
                        out.append(raw[i])
                        i += 1
                    }
                } else {
                    out.append(d)
                    i += 1
                }
            }
            tokens.append(Token(bytes: out, quoted: quoted, offset: start))
        }
    }

    /// Decodes one C escape after a backslash at `raw[i]`.
    static func unescape(_ raw: [UInt8], _ i: inout Int, into out: inout [UInt8]) throws(InputError) {
        guard i < raw.count else {
            throw InputError("a backslash ends the string: write \\\\ for a backslash", usage: quoting)
        }
        let e = raw[i]
        i += 1
        switch e {
        case UInt8(ascii: "n"): out.append(0x0a)
        case UInt8(ascii: "r"): out.append(0x0d)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "a"): out.append(0x07)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0c)
        case UInt8(ascii: "v"): out.append(0x0b)
        case UInt8(ascii: "e"): out.append(0x1b)
        case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "?"): out.append(e)
        case UInt8(ascii: "x"):
            var value = 0
            var digits = 0
            while digits < 2, i < raw.count, let h = hexValue(raw[i]) {
                value = value * 16 + h
                i += 1
                digits += 1
            }
            guard digits > 0 else {
                throw InputError("bad escape \\x: give one or two hex digits, as in \\x00", usage: quoting)
            }
            out.append(UInt8(value))
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = Int(e - UInt8(ascii: "0"))
            var digits = 1
            while digits < 3, i < raw.count, raw[i] >= UInt8(ascii: "0"), raw[i] <= UInt8(ascii: "7") {
                value = value * 8 + Int(raw[i] - UInt8(ascii: "0"))
                i += 1
                digits += 1
            }
            guard value <= 255 else {
                throw InputError("bad escape: octal value \(value) is above \\377", usage: quoting)
            }
            out.append(UInt8(value))
        default:
            let shown = e >= 0x21 && e < 0x7f ? String(UnicodeScalar(e)) : String(format: e)
            throw InputError("bad escape \\\(shown): use \\n \\r \\t \\0 \\\\ \\\" \\xHH or \\NNN", usage: quoting)
        }
    }

    /// The value of a hex digit, or nil.
    static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(c - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(c - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
}

extension String {
    /// `\xHH` form of a byte.
    init(format byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = "x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }
}
