import Glibc

/// The lines of a file's head, as bytes, for the header comments `--check` and a script run read before anything
/// else (`# lab: --lab`, `# needs: netns`).
///
/// Why bytes, one line at a time: the head is up to 64 KiB; splitting it into Substrings of Characters took longer
/// than running the first thousand commands of a long script, and the readers stop at their first answer.
enum HeaderLines {
    /// Calls `body` with each line (split at `\n`), blanks and tabs trimmed at both ends and a `\r` at the end,
    /// until it returns false.
    static func each(_ text: Substring, _ body: (ArraySlice<UInt8>) -> Bool) {
        each(text, startingWith: nil, body)
    }

    /// `each`, but only for the lines whose first byte after blanks and tabs is `firsts.0` or `firsts.1` (all
    /// lines when nil): the others are passed over with a memchr, never trimmed nor handed to `body`.
    ///
    /// Why: a reader that only cares about comments and commands (LabShape.fromHeader looks for `# lab:` up to
    /// the first `> `) read every line of a plain script's 64 KiB head, trimmed, through a closure: about 1.3
    /// million instructions before the first command ran.
    static func each(_ text: Substring, startingWith firsts: (UInt8, UInt8)?, _ body: (ArraySlice<UInt8>) -> Bool) {
        // Through a String's contiguous UTF-8: `Array(text.utf8)` copied the head a byte at a time.
        var head = String(text)
        let bytes = head.withUTF8 { Array($0) }
        let n = bytes.count
        if n == 0 {
            _ = body(bytes[0..<0])
            return
        }
        bytes.withUnsafeBufferPointer { all in
            let base = all.baseAddress!
            var start = 0
            while start <= n {
                var end = n
                if start < n, let hit = memchr(base + start, 0x0a, n - start) {
                    end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                }
                if let (a, b) = firsts {
                    var k = start
                    while k < end && (base[k] == 0x20 || base[k] == 0x09) { k += 1 }
                    if k == end || (base[k] != a && base[k] != b) {
                        start = end + 1
                        continue
                    }
                }
                if !body(trimmed(bytes[start..<end])) { return }
                start = end + 1
            }
        }
    }

    /// `line` without blanks and tabs at either end, nor a `\r` at the end.
    static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var line = line.drop { $0 == 0x20 || $0 == 0x09 }
        while let last = line.last, last == 0x20 || last == 0x09 || last == 0x0d { line = line.dropLast() }
        return line
    }
}
