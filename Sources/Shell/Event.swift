import SocketCore

/// The kinds of value that change from run to run; transcripts write them as `{port}`, `{n}`, ...
///
/// Why typed: `--record` must write a wildcard exactly where a value is ephemeral, and only the command that
/// produced the value knows that. The text renderer prints the value or the wildcard, as asked.
public enum Volatility: String, Sendable, CaseIterable {
    case port, n, num, dur, rate, hex
    case any = "*"

    /// The wildcard as written in transcripts.
    public var wildcard: String { "{\(rawValue)}" }
}

/// A line of output made of literal text and ephemeral values.
///
/// Why two forms inside: almost every line (and every syscall argument) is plain text, and a one-element array of
/// pieces per argument was the largest allocation cost of a command in long scripts. Plain text is kept as one
/// `String` (short ones live inline, no allocation); pieces only when the line holds an ephemeral value. Adjacent
/// text is always merged, so two lines that print alike compare equal.
public struct Line: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// One piece of a line.
    public enum Piece: Sendable, Equatable {
        case text(String)
        case volatile(String, Volatility)
    }

    enum Storage: Sendable, Equatable {
        /// Plain text only.
        case text(String)
        /// At least one volatile piece; no two text pieces in a row, no empty text piece.
        case pieces([Piece])
    }

    var storage: Storage

    /// The pieces, in order (plain text reads as one text piece).
    public var pieces: [Piece] {
        get {
            switch storage {
            case .text(let t): return [.text(t)]
            case .pieces(let p): return p
            }
        }
        set { self = Line(pieces: newValue) }
    }

    public init(_ text: String) { storage = .text(text) }
    public init(stringLiteral value: String) { storage = .text(value) }

    public init(pieces: [Piece]) {
        var b = StringInterpolation(literalCapacity: 0, interpolationCount: 0)
        for p in pieces { b.append(p) }
        self.init(stringInterpolation: b)
    }

    /// Interpolation keeps `Line` values (and their volatile pieces) intact.
    public struct StringInterpolation: StringInterpolationProtocol {
        /// Text since the last volatile piece.
        var text = ""
        /// Pieces before `text`; stays empty (no allocation) until a volatile piece comes.
        var done: [Piece] = []
        public init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func append(_ piece: Piece) {
            switch piece {
            case .text(let t): add(t)
            case .volatile(let v, let k):
                if !text.isEmpty { done.append(.text(text)); text = "" }
                done.append(.volatile(v, k))
            }
        }

        public mutating func appendLiteral(_ literal: String) { add(literal) }
        public mutating func appendInterpolation(_ line: Line) {
            switch line.storage {
            case .text(let t): text += t
            case .pieces(let ps): for p in ps { append(p) }
            }
        }
        public mutating func appendInterpolation(_ value: String) { add(value) }
        /// Integers without the generic `description` path (dynamic casts on every call).
        public mutating func appendInterpolation<T: BinaryInteger>(_ value: T) { add(String(decimal: value)) }

        /// The first piece of text is taken as it is: most arguments are one piece (`"\(fd)"`).
        @inline(__always)
        mutating func add(_ s: String) {
            if text.isEmpty { text = s } else { text += s }
        }
        public mutating func appendInterpolation<T>(_ value: T) { text += "\(value)" }
        public mutating func appendInterpolation(volatile value: String, _ kind: Volatility) {
            append(.volatile(value, kind))
        }
    }

    public init(stringInterpolation: StringInterpolation) {
        if stringInterpolation.done.isEmpty {
            storage = .text(stringInterpolation.text)
        } else {
            var p = stringInterpolation.done
            if !stringInterpolation.text.isEmpty { p.append(.text(stringInterpolation.text)) }
            storage = .pieces(p)
        }
    }

    /// A single ephemeral value.
    public static func volatile(_ value: String, _ kind: Volatility) -> Line { Line(pieces: [.volatile(value, kind)]) }

    /// The text as shown on a terminal.
    public var plain: String {
        switch storage {
        case .text(let t): return t
        case .pieces(let ps):
            var s = ""
            for p in ps {
                switch p {
                case .text(let t), .volatile(let t, _): s += t
                }
            }
            return s
        }
    }

    /// The text with wildcards in place of ephemeral values (for transcripts).
    public var wildcarded: String {
        switch storage {
        case .text(let t): return t.replacingBraces()
        case .pieces(let ps):
            var s = ""
            for p in ps {
                switch p {
                case .text(let t): s += t.replacingBraces()
                case .volatile(_, let k): s += k.wildcard
                }
            }
            return s
        }
    }

    public static func + (a: Line, b: Line) -> Line {
        if case .text(let x) = a.storage, case .text(let y) = b.storage { return Line(x + y) }
        return "\(a)\(b)"
    }
}

extension String {
    /// The decimal text of an integer.
    ///
    /// Why not `String(value)`: that goes through the generic radix conversion, which cost more than the
    /// setsockopt itself when a script prints a number per call.
    ///
    /// `bracketed` gives strace's form of a value read or written through a pointer: `[4]`.
    init<T: BinaryInteger>(decimal value: T, bracketed: Bool = false) {
        guard let v = Int64(exactly: value) else {
            self = bracketed ? "[" + String(value) + "]" : String(value)
            return
        }
        if v >= 0 && v < 10 && !bracketed {
            self = String(UnicodeScalar(UInt8(48 + v)))
            return
        }
        var n = v.magnitude
        // Digits are written from the end of a stack buffer, then decoded as they are: a String of 15 bytes or
        // fewer lives inline (`String(unsafeUninitializedCapacity: 24)` would have allocated for every number).
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        self = withUnsafeMutableBytes(of: &digits) { d in
            var i = d.count
            if bracketed {
                i -= 1
                d[i] = 93  // ]
            }
            repeat {
                i -= 1
                d[i] = UInt8(48 + n % 10)
                n /= 10
            } while n > 0
            if v < 0 {
                i -= 1
                d[i] = 45  // -
            }
            if bracketed {
                i -= 1
                d[i] = 91  // [
            }
            return String(decoding: UnsafeRawBufferPointer(rebasing: d[i...]), as: UTF8.self)
        }
    }

    /// Escapes a `{` that would start a wildcard (`{port}` -> `{{port}`) so literal text never reads as one;
    /// other braces (`{AF_INET, ...}`) stay as they are.
    func replacingBraces() -> String {
        guard contains("{") else { return self }
        var out = ""
        var rest = Substring(self)
        while let i = rest.firstIndex(of: "{") {
            out += rest[..<i]
            let after = rest[rest.index(after: i)...]
            if after.hasPrefix("{") || Volatility.allNames.contains(where: { after.hasPrefix($0 + "}") }) {
                out += "{{"
            } else {
                out += "{"
            }
            rest = after
        }
        return out + rest
    }
}

extension Volatility {
    static let allNames = allCases.map(\.rawValue)
}

/// A table (info, list, poll, getopt without an option).
public struct Table: Sendable, Equatable {
    public var headers: [String]
    public var rows: [[Line]]
    public init(headers: [String], rows: [[Line]]) {
        self.headers = headers
        self.rows = rows
    }
}

/// An error in the user's input: what is wrong and the usage of the command.
public struct InputError: Error, Sendable, Equatable {
    public var message: String
    public var usage: String?
    public init(_ message: String, usage: String? = nil) {
        // The message quotes what was typed: control characters (a quoted "\n", ESC) are escaped so the error
        // stays one line and cannot drive the terminal.
        self.message = message.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7f && $0.value < 0xa0) }
            ? Fmt.printable(message) : message
        self.usage = usage
    }
}

/// Everything a command produces. Commands never print: renderers turn events into text, JSON or transcripts.
public enum Event: Sendable, Equatable {
    /// A system call, with its arguments and result.
    case syscall(SyscallRecord)
    /// Bytes received (the text renderer shows a hex dump for binary data, text is already in the call).
    case data([UInt8], binary: Bool)
    /// A table.
    case table(Table)
    /// A short human line after a call (the local port chosen, what a state means).
    case note(Line)
    /// A timely warning: the user did something with no effect or a surprising one. A line, as a note is: a value
    /// that changes from run to run (a port, a list of the machine's) is a volatile piece, a wildcard in transcripts.
    case warning(Line)
    /// Help or study text (`help`, `explain`), as blocks; the renderer lays it out (never in transcripts'
    /// wildcards).
    case text(TextDocument)
    /// A mistake in the input; a script stops (exit 2).
    case inputError(InputError)
    /// A packet the wire view captured (SPEC §8), decoded. Indirect: a packet is the largest payload by far (a
    /// dozen strings and numbers), and inline it made every event that size, so each event of every line was
    /// copied with a call to memcpy (into the line's list, out of it to print).
    indirect case packet(WirePacket)
    /// What a bulk transfer put on the wire during one command, counted instead of shown packet by packet.
    case packetSummary(WireSummary)
    /// A drawing in text (`wire ladder`), one line each; volatile values (ports) are pieces of the lines.
    case diagram([Line])
}
