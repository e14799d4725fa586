/// The lines of a file's head, as bytes, for the header comments `--check` and a script run read before anything
/// else (`# lab: --lab`, `# needs: netns`).
///
/// Why bytes, one line at a time: the head is up to 64 KiB; splitting it into Substrings of Characters took longer
/// than running the first thousand commands of a long script, and the readers stop at their first answer.
enum HeaderLines {
    /// Calls `body` with each line (split at `\n`), blanks and tabs trimmed at both ends and a `\r` at the end,
    /// until it returns false.
    static func each(_ text: Substring, _ body: (ArraySlice<UInt8>) -> Bool) {
        // Through a String's contiguous UTF-8: `Array(text.utf8)` copied the head a byte at a time.
        var head = String(text)
        let bytes = head.withUTF8 { Array($0) }
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0a { end += 1 }
            if !body(trimmed(bytes[start..<end])) { return }
            start = end + 1
        }
    }

    /// `line` without blanks and tabs at either end, nor a `\r` at the end.
    static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var line = line.drop { $0 == 0x20 || $0 == 0x09 }
        while let last = line.last, last == 0x20 || last == 0x09 || last == 0x0d { line = line.dropLast() }
        return line
    }
}
