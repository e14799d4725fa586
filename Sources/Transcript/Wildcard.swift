/// Matching of expected transcript lines, with their wildcards, against actual output.
///
/// A small hand-written matcher over UTF-8 bytes rather than a regular expression: the pattern
/// language is tiny (see the format notes in Transcript.swift), it needs no Foundation, and it
/// runs in time bounded by pattern pieces x line length thanks to a memo of failed states.
public enum Wildcard {
    /// The wildcards a transcript line may hold.
    ///
    /// The recorder's caller uses `token` to write a wildcard in place of a value that changes
    /// from run to run (a kernel-chosen port, a time, a rate).
    public enum Kind: String, CaseIterable, Sendable {
        /// `{port}`: 1 to 5 decimal digits.
        case port
        /// `{n}`: an integer, optional '-' then digits.
        case n
        /// `{num}`: digits, optionally followed by '.' and digits.
        case num
        /// `{dur}`: a `{num}` directly followed by a unit of letters (`1.23s`, `250ms`, `3µs`).
        case dur
        /// `{rate}`: a `{num}`, an optional space, a unit of letters and '/' (`2.61 GB/s`).
        case rate
        /// `{hex}`: one or more hex digits.
        case hex
        /// `{*}`: any text, possibly empty.
        case any = "*"

        /// The text of the wildcard in a transcript, such as `{port}`.
        public var token: String { "{" + rawValue + "}" }
    }

    /// Whether the whole of `actual` matches the expected line `pattern`.
    public static func matches(pattern: String, actual: String) -> Bool {
        Pattern(pattern).matches(actual)
    }

    /// Escapes literal text so that it matches itself when used as a pattern.
    ///
    /// Only a '{' that would otherwise start a wildcard or a `{{` is doubled, so ordinary braces
    /// (as in quoted JSON data) stay readable.
    public static func escape(_ literal: String) -> String {
        let bytes = Array(literal.utf8)
        guard bytes.contains(UInt8(ascii: "{")) else { return literal }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 4)
        for index in bytes.indices {
            out.append(bytes[index])
            guard bytes[index] == UInt8(ascii: "{") else { continue }
            let next = index + 1
            guard next < bytes.count else { continue }
            if bytes[next] == UInt8(ascii: "{") || Pattern.kind(in: bytes, at: next) != nil {
                out.append(UInt8(ascii: "{"))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a pattern holds at least one wildcard (or a `{{` escape), i.e. is not plain text.
    public static func hasWildcards(_ pattern: String) -> Bool {
        Pattern(pattern).plain == nil
    }
}

/// An expected line compiled into literal and wildcard pieces, so it can be matched many times
/// (the diff compares each expected line with several actual lines).
struct Pattern: Sendable {
    /// One piece of a pattern.
    enum Piece: Sendable, Equatable {
        case literal([UInt8])
        case wildcard(Wildcard.Kind)
    }

    /// The pieces; adjacent literals are merged.
    let pieces: [Piece]
    /// The pattern text when it holds no wildcard at all, for a plain comparison.
    let plain: String?

    init(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "{")) else {
            pieces = [.literal(bytes)]
            plain = text
            return
        }
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var index = 0
        var sawWildcard = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "{") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
                    literal.append(byte)
                    index += 2
                    sawWildcard = true
                    continue
                }
                if let kind = Pattern.kind(in: bytes, at: index + 1) {
                    if !literal.isEmpty { pieces.append(.literal(literal)) }
                    literal = []
                    pieces.append(.wildcard(kind))
                    index += kind.rawValue.utf8.count + 2
                    sawWildcard = true
                    continue
                }
            }
            literal.append(byte)
            index += 1
        }
        if !literal.isEmpty || pieces.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
        plain = sawWildcard ? nil : text
    }

    /// The wildcard whose name and closing '}' start at `index` (just after a '{'), if any.
    static func kind(in bytes: [UInt8], at index: Int) -> Wildcard.Kind? {
        for kind in Wildcard.Kind.allCases {
            let name = kind.rawValue.utf8
            let end = index + name.count
            guard end < bytes.count, bytes[end] == UInt8(ascii: "}") else { continue }
            if bytes[index..<end].elementsEqual(name) { return kind }
        }
        return nil
    }

    /// Whether the whole of `actual` matches.
    func matches(_ actual: String) -> Bool {
        if let plain { return plain == actual }
        var matcher = Matcher(pieces: pieces, text: Array(actual.utf8))
        return matcher.match(piece: 0, at: 0)
    }
}

/// Backtracking over the pieces, with a memo of (piece, position) states already known to fail.
private struct Matcher {
    let pieces: [Piece]
    let text: [UInt8]
    var failed: [Bool]

    typealias Piece = Pattern.Piece

    init(pieces: [Piece], text: [UInt8]) {
        self.pieces = pieces
        self.text = text
        failed = Array(repeating: false, count: (pieces.count + 1) * (text.count + 1))
    }

    mutating func match(piece: Int, at position: Int) -> Bool {
        if piece == pieces.count { return position == text.count }
        let state = piece * (text.count + 1) + position
        if failed[state] { return false }
        var found = false
        switch pieces[piece] {
        case .literal(let literal):
            if hasLiteral(literal, at: position) {
                found = match(piece: piece + 1, at: position + literal.count)
            }
        case .wildcard(.any):
            if piece + 1 == pieces.count { return true }
            // If {*} fails from here, it fails from every later position too: mark them all, and
            // stop at a position already marked, so each position is tried once per {*}.
            var end = position
            while !found, end <= text.count {
                if end > position, failed[piece * (text.count + 1) + end] { break }
                found = match(piece: piece + 1, at: end)
                end += 1
            }
            if !found {
                for later in position..<end { failed[piece * (text.count + 1) + later] = true }
            }
        case .wildcard(let kind):
            for end in ends(of: kind, from: position) where match(piece: piece + 1, at: end) {
                found = true
                break
            }
        }
        if !found { failed[state] = true }
        return found
    }

    func hasLiteral(_ literal: [UInt8], at position: Int) -> Bool {
        guard position + literal.count <= text.count else { return false }
        var index = 0
        while index < literal.count {
            if text[position + index] != literal[index] { return false }
            index += 1
        }
        return true
    }

    /// Every position where a value of `kind` starting at `start` can end, longest first.
    func ends(of kind: Wildcard.Kind, from start: Int) -> [Int] {
        switch kind {
        case .port:
            let digits = min(run(from: start, isDigit), 5)
            return digits == 0 ? [] : Array((start + 1...start + digits).reversed())
        case .n:
            let sign = start < text.count && text[start] == UInt8(ascii: "-") ? 1 : 0
            let digits = run(from: start + sign, isDigit)
            return digits == 0 ? [] : Array((start + sign + 1...start + sign + digits).reversed())
        case .hex:
            let digits = run(from: start, isHexDigit)
            return digits == 0 ? [] : Array((start + 1...start + digits).reversed())
        case .num:
            let digits = run(from: start, isDigit)
            guard digits > 0 else { return [] }
            var result: [Int] = []
            if let fraction = fractionEnd(after: start + digits) {
                result.append(contentsOf: (start + digits + 2...fraction).reversed())
            }
            result.append(contentsOf: (start + 1...start + digits).reversed())
            return result
        case .dur, .rate:
            let digits = run(from: start, isDigit)
            guard digits > 0 else { return [] }
            // A unit cannot start inside a run of digits, so only whole numbers are candidates.
            var numberEnds = [start + digits]
            if let fraction = fractionEnd(after: start + digits) { numberEnds.append(fraction) }
            var result: [Int] = []
            for numberEnd in numberEnds.reversed() {
                if kind == .dur {
                    result.append(contentsOf: unitEnds(from: numberEnd, slash: false))
                } else {
                    result.append(contentsOf: unitEnds(from: numberEnd, slash: true))
                    if numberEnd < text.count, text[numberEnd] == UInt8(ascii: " ") {
                        result.append(contentsOf: unitEnds(from: numberEnd + 1, slash: true))
                    }
                }
            }
            return result
        case .any:
            return Array((start...text.count).reversed())
        }
    }

    /// The end of ".digits" at `position`, if there is such a fraction.
    func fractionEnd(after position: Int) -> Int? {
        guard position < text.count, text[position] == UInt8(ascii: ".") else { return nil }
        let digits = run(from: position + 1, isDigit)
        return digits == 0 ? nil : position + 1 + digits
    }

    /// Ends of a unit starting at `start`: a letter (or µ), then letters, µ and, for rates, '/'.
    func unitEnds(from start: Int, slash: Bool) -> [Int] {
        var result: [Int] = []
        var position = start
        while position < text.count {
            let byte = text[position]
            if isLetter(byte) || (slash && byte == UInt8(ascii: "/") && position > start) {
                position += 1
            } else if byte == 0xC2, position + 1 < text.count, text[position + 1] == 0xB5 {
                position += 2  // µ, U+00B5 MICRO SIGN
            } else {
                break
            }
            result.append(position)
        }
        return result.reversed()
    }

    func run(from start: Int, _ accepts: (UInt8) -> Bool) -> Int {
        var position = start
        while position < text.count, accepts(text[position]) { position += 1 }
        return position - start
    }
}

private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

private func isHexDigit(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
}

private func isLetter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
}
