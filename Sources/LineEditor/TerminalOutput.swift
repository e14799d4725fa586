import CEditLine
import CSocketShims

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to the terminal through the same stdio stream libedit draws on, so both outputs
/// stay in order.
struct TerminalOutput {
    let stream: UnsafeMutablePointer<FILE>

    /// Writes `text` and flushes it at once.
    func write(_ text: String) {
        fputs(text, stream)
        fflush(stream)
    }

    /// Terminal width in columns (80 when the terminal does not say).
    var columns: Int {
        let width = Int(sockshell_terminal_columns(fileno(stream)))
        return width > 1 ? width : 80
    }

    /// Cells `text` takes on screen: one per scalar, control characters drawn as `^X` take two.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            switch scalar.value {
            case 0..<0x20, 0x7F: return sum + 2
            case 0x300..<0x370, 0x200B..<0x2010: return sum
            default: return sum + 1
            }
        }
    }

    /// Escape sequence moving the cursor `rows` up (negative: down); empty for zero.
    static func vertical(_ rows: Int) -> String {
        if rows > 0 { return "\u{1B}[\(rows)A" }
        if rows < 0 { return "\u{1B}[\(-rows)B" }
        return ""
    }

    /// Lines ready for a terminal in raw mode: each ends in `\r\n`, embedded newlines too.
    static func rawLines(_ lines: [String]) -> String {
        var text = ""
        for line in lines {
            var body = Substring(line)
            if body.hasSuffix("\n") { body = body.dropLast() }
            for part in body.split(separator: "\n", omittingEmptySubsequences: false) {
                text += part.hasSuffix("\r") ? part.dropLast() : part
                text += "\r\n"
            }
        }
        return text
    }
}
