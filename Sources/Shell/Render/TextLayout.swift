/// The terminal layout of a `TextDocument`: headings at the margin, text indented by two, lists with "  - ",
/// prose wrapped at 100 columns (Hangul counts as two), the rows of a two-column list aligned.
///
/// Why in the renderer: layout is a view's job (STYLE.md). The text renderer prints these lines, and the JSON
/// renderer keeps them as its `lines` field (what `--json` gave before documents had blocks) beside the blocks.
public enum TextLayout {
    /// The width prose is wrapped to, in terminal columns.
    public static let width = 100

    /// The lines of `doc` as a terminal shows them.
    public static func lines(_ doc: TextDocument) -> [String] {
        // Names of a two-column list are padded to the longest in the document, so every group lines up.
        var nameWidth = 0
        for case .entry(let name, _) in doc.blocks { nameWidth = max(nameWidth, name.count) }
        var lines: [String] = []
        for block in doc.blocks {
            switch block {
            case .title(let s), .remark(let s): lines.append(s)
            case .heading(let s): lines.append(s + ":")
            case .paragraph(let s): lines += wrap(s, indent: "  ")
            case .item(let s): lines += wrap(s, indent: "  - ", rest: "    ")
            case .field(let label, let value): lines.append(label + ": " + value)
            case .code(let label, let value): lines.append("  " + label + ": " + value)
            case .fact(let label, let value): lines += wrap(label + ": " + value, indent: "  ", rest: "    ")
            case .entry(let name, let text):
                // A row stays one line: its text is cut at a word to end before the last column.
                let used = 2 + nameWidth + 2
                lines.append("  " + name.padding(nameWidth) + "  " + shortened(text, columns: width - 1 - used))
            case .command(let s): lines.append("  " + s)
            }
        }
        return lines
    }

    /// Wraps text at `width` terminal columns (Hangul and other wide characters count as two); `rest` indents
    /// the lines after the first.
    static func wrap(_ text: String, indent: String, rest: String? = nil, width: Int = width) -> [String] {
        var lines: [String] = []
        var line = indent
        var lineWidth = indent.count
        let cont = rest ?? indent
        for word in text.split(separator: " ") {
            let w = columns(word)
            if lineWidth + w + 1 > width, lineWidth > cont.count {
                lines.append(line)
                line = cont
                lineWidth = cont.count
            }
            if line != indent, line != cont { line += " "; lineWidth += 1 }
            line += word
            lineWidth += w
        }
        if lineWidth > cont.count || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` cut at a word boundary to fit `columns` terminal columns, with "..." when cut.
    static func shortened(_ text: String, columns limit: Int) -> String {
        guard columns(text) > limit else { return text }
        var out = ""
        for word in text.split(separator: " ") {
            if columns(out) + columns(word) + 4 > limit { break }
            out += (out.isEmpty ? "" : " ") + word
        }
        while let last = out.last, ",:;".contains(last) { out.removeLast() }
        return out + " ..."
    }

    /// Terminal columns of a piece of text: East Asian wide characters take two.
    static func columns(_ text: some StringProtocol) -> Int {
        var n = 0
        for u in text.unicodeScalars {
            let v = u.value
            let wide =
                (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
                || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFF00 && v <= 0xFF60)
            n += wide ? 2 : 1
        }
        return n
    }
}

extension String {
    /// Left-aligned in a field of `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
