extension Session {
    /// A duration in milliseconds (`250ms`, `5s`, `1.5s`, `0`), as every command reads it; nil when malformed.
    public static func milliseconds(_ text: String) -> Int? { Values.durationMs(text) }
}

/// Parsers for the value syntax of SPEC §2: sizes, durations, switches, integers.
///
/// Why one place: every command and option takes the same forms, and the errors must read the same.
enum Values {
    /// `64K` = 65536, `1M`, `2G`, or plain digits. Nil when malformed or above `limit`.
    static func size(_ text: String, limit: Int = Int(Int32.max)) -> Int? {
        guard let last = text.last else { return nil }
        var digits = Substring(text)
        var multiplier = 1
        switch last {
        case "k", "K": multiplier = 1 << 10
        case "m", "M": multiplier = 1 << 20
        case "g", "G": multiplier = 1 << 30
        default: break
        }
        if multiplier != 1 { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), digits.count <= 12,
              let n = Int(digits) else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: multiplier)
        guard !overflow, v <= limit else { return nil }
        return v
    }

    /// A duration in milliseconds: `250ms`, `5s`, `1.5s`, `0`. Nil when malformed or above a day.
    static func durationMs(_ text: String) -> Int? {
        durationUs(text).map { ($0 + 500) / 1000 }
    }

    /// A duration in microseconds (`100us` stays 100, where milliseconds would round it away). Nil when
    /// malformed or above a day.
    static func durationUs(_ text: String) -> Int? {
        if text == "0" { return 0 }
        var number = Substring(text)
        var scale = 0.0
        if text.hasSuffix("ms") { number = number.dropLast(2); scale = 1000 } else if text.hasSuffix("us") {
            number = number.dropLast(2); scale = 1
        } else if text.hasSuffix("s") { number = number.dropLast(); scale = 1_000_000 } else if text.hasSuffix("m") {
            number = number.dropLast(); scale = 60_000_000
        } else { return nil }
        guard !number.isEmpty, number.count <= 12,
              number.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 }),
              let v = Double(number) else { return nil }
        let us = v * scale
        guard us >= 0, us <= 86_400_000_000 else { return nil }
        return Int(us.rounded())
    }

    /// Why `durationMs` refused `text`, in words for an input error.
    static func durationProblem(_ text: String) -> String {
        if text.hasPrefix("-") { return "a duration cannot be negative" }
        let unit = text.drop { ($0 >= "0" && $0 <= "9") || $0 == "." }
        if unit.isEmpty { return "give a unit, as in 250ms or 2s" }
        if !["ms", "us", "s", "m"].contains(unit) { return "use the units us, ms, s or m, as in 250ms or 2s" }
        return "give a number and a unit, at most a day, as in 250ms or 2s"
    }

    /// `on|off|1|0|true|false|yes|no`.
    static func onOff(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { onOff($0) }
    }

    /// `onOff` of a word's bytes.
    static func onOff(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        // The word's bytes folded to lower case in one integer, compared as such: no lower-cased copy of the word
        // (setopt of a switch runs once per line of a long script).
        guard bytes.count <= 5 else { return nil }
        // A leading 1 marks where the word starts, so a NUL byte before it is not lost.
        var word: UInt64 = 1
        for b in bytes { word = word << 8 | UInt64(b &- 65 < 26 ? b | 0x20 : b) }
        switch word {
        case 0x1_6f6e, 0x1_31, 0x1_7472_7565, 0x1_79_6573: return true  // on 1 true yes
        case 0x1_6f_6666, 0x1_30, 0x1_66_616c_7365, 0x1_6e6f: return false  // off 0 false no
        default: return nil
        }
    }

    /// A decimal integer that fits in Int32 (optional minus).
    static func int32(_ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { int32($0) }
    }

    /// `int32` of a word's bytes: an optional sign, then one to eleven digits in all, within Int32 (as `Int32(_:)`
    /// of a String reads them).
    static func int32(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let first = bytes.first, bytes.count <= 11 else { return nil }
        let negative = first == UInt8(ascii: "-")
        var i = negative || first == UInt8(ascii: "+") ? 1 : 0
        guard i < bytes.count else { return nil }
        // At most eleven digits: the value fits in an Int64.
        var value: Int64 = 0
        while i < bytes.count {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            i += 1
        }
        return Int32(exactly: negative ? -value : value)
    }

    /// Human units for byte counts: `128 KiB`, `1.5 MiB`.
    static func humanBytes(_ n: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(n)
        var u = 0
        while v >= 1024, u < units.count - 1 { v /= 1024; u += 1 }
        return u == 0 ? "\(n) \(n == 1 ? "byte" : "bytes")" : formatFixed(v, digits: v < 10 ? 2 : 1) + " " + units[u]
    }

    /// Human units for a rate: `2.61 GB/s` (decimal, as iperf3 and most tools print).
    static func humanRate(bytes: Int, seconds: Double) -> String {
        guard seconds > 0 else { return "inf B/s" }
        var v = Double(bytes) / seconds
        let units = ["B/s", "KB/s", "MB/s", "GB/s", "TB/s"]
        var u = 0
        while v >= 1000, u < units.count - 1 { v /= 1000; u += 1 }
        return formatFixed(v, digits: 2) + " " + units[u]
    }

    /// A duration for humans: `1.234s`, `12ms`.
    static func humanSeconds(_ s: Double) -> String {
        s >= 1 ? formatFixed(s, digits: 3) + "s" : formatFixed(s * 1000, digits: 1) + "ms"
    }

    /// Fixed-point formatting without Foundation.
    static func formatFixed(_ v: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (v * scale).rounded()
        guard r.isFinite, abs(r) < 9e15 else { return "\(v)" }
        let n = Int(r)
        let whole = abs(n) / Int(scale)
        var frac = String(abs(n) % Int(scale))
        while frac.count < digits { frac = "0" + frac }
        return (n < 0 ? "-" : "") + "\(whole)" + (digits > 0 ? "." + frac : "")
    }

    /// A duration as the user typed it, normalised (`250ms`, `5s`).
    static func durationText(_ ms: Int) -> String {
        ms % 1000 == 0 ? "\(ms / 1000)s" : "\(ms)ms"
    }
}

/// Shows received or sent bytes (SPEC §5: quoted or hex, never looking like a command).
enum ByteText {
    /// True when the bytes are text worth showing quoted: printable ASCII/UTF-8 plus \t \r \n.
    static func isText(_ bytes: some Collection<UInt8>) -> Bool {
        var controls = 0
        var high = false
        for b in bytes {
            if b >= 0x80 { high = true; continue }
            guard b < 0x20, b != 0x09, b != 0x0a, b != 0x0d else { continue }
            controls += 1
            if b != 0 || controls > 2 { return false }
        }
        // Bytes above 0x7f are text only as valid UTF-8 (Korean text); `hex de ad be ef` is binary.
        if high, String(validating: Array(bytes), as: UTF8.self) == nil { return false }
        return controls == 0 || bytes.count >= 16
    }

    /// `"hello\r\n"` with C escapes, as strace shows buffers.
    static func quoted(_ bytes: some Collection<UInt8>) -> String {
        var s = "\""
        s.reserveCapacity(bytes.count + 2)
        var utf8Run: [UInt8] = []
        func flush() {
            if !utf8Run.isEmpty {
                // Valid UTF-8 stays readable (Korean text shows as typed); invalid runs as \x escapes.
                if let str = String(validating: utf8Run, as: UTF8.self) { s += str } else {
                    for b in utf8Run { s += "\\" + String(format: b) }
                }
                utf8Run.removeAll()
            }
        }
        for b in bytes {
            if b >= 0x80 { utf8Run.append(b); continue }
            flush()
            switch b {
            case 0x0a: s += "\\n"
            case 0x0d: s += "\\r"
            case 0x09: s += "\\t"
            case 0x00: s += "\\0"
            case 0x22: s += "\\\""
            case 0x5c: s += "\\\\"
            case 0x20...0x7e: s.unicodeScalars.append(UnicodeScalar(b))
            default: s += "\\" + String(format: b)
            }
        }
        flush()
        return s + "\""
    }

    /// A classic hex dump, 16 bytes a line: `  0000  68 69 00 ...  |hi.|`.
    static func hexDump(_ bytes: [UInt8], limit: Int = 4096) -> [String] {
        let digits = Array("0123456789abcdef")
        var lines: [String] = []
        var off = 0
        while off < min(bytes.count, limit) {
            let chunk = bytes[off..<min(off + 16, bytes.count)]
            var line = "  "
            var o = String(off, radix: 16)
            while o.count < 4 { o = "0" + o }
            line += o + "  "
            for (k, b) in chunk.enumerated() {
                line.append(digits[Int(b >> 4)])
                line.append(digits[Int(b & 15)])
                line += k == 7 ? "  " : " "
            }
            for k in chunk.count..<16 { line += k == 7 ? "    " : "   " }
            line += " |"
            for b in chunk { line.append(b >= 0x20 && b < 0x7f ? Character(UnicodeScalar(b)) : ".") }
            lines.append(line + "|")
            off += 16
        }
        if bytes.count > limit { lines.append("  ... \(bytes.count - limit) more bytes not shown") }
        return lines
    }
}
