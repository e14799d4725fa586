/// One word of a command: its bytes (C escapes applied for a double-quoted word), whether it was quoted, and where
/// it started.
///
/// Why bytes and no String: the tokenizer runs once per command of every script line, and what reads a word is
/// mostly a lookup (the command's name, an option's name) or a small parse (`on`, `64K`) that reads bytes. A
/// String made for every word cost about a hundred instructions each and was rarely needed. So a word of up to 16
/// bytes is kept in the token itself, in fixed storage (no allocation, nothing to release when the token is
/// written over), a longer one in an array; `text` makes the String only when it is asked for.
public struct Token: Sendable, Equatable {
    /// The most bytes a word may have to be kept in the token itself.
    static let inlineCapacity = 16

    /// A word of at most `inlineCapacity` bytes: its bytes in memory order, zero past them (so equal words have
    /// equal storage).
    private var inline: (UInt64, UInt64) = (0, 0)
    /// A longer word's bytes; nil when the word is in `inline`.
    private var long: [UInt8]?
    /// Byte offset of the word in its command.
    public var offset: Int
    /// The number of bytes in `inline` (after the words above, so that a token takes 40 bytes, not 48).
    private var inlineCount: UInt8 = 0
    /// True when the word was written in quotes (so `"oob"` is data, not a flag).
    public var quoted: Bool

    /// The word `bytes` (already decoded), copied into the token.
    public init(bytes: UnsafeBufferPointer<UInt8>, quoted: Bool, offset: Int) {
        self.quoted = quoted
        self.offset = offset
        if bytes.count <= Token.inlineCapacity {
            withUnsafeMutableBytes(of: &inline) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
            inlineCount = UInt8(truncatingIfNeeded: bytes.count)
        } else {
            long = Array(bytes)
        }
    }

    /// The word `bytes` (already decoded); a long word keeps the array itself.
    public init(bytes: [UInt8], quoted: Bool, offset: Int) {
        if bytes.count <= Token.inlineCapacity {
            self = bytes.withUnsafeBufferPointer { Token(bytes: $0, quoted: quoted, offset: offset) }
        } else {
            self.quoted = quoted
            self.offset = offset
            long = bytes
        }
    }

    /// Calls `body` with the word's bytes, read where they are kept (a short word's from a copy on the stack):
    /// how the parse reads a word without making a String.
    @inline(__always)
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let long { return long.withUnsafeBufferPointer(body) }
        var copy = inline
        let n = Int(inlineCount)
        return withUnsafeBytes(of: &copy) { raw in
            raw.withMemoryRebound(to: UInt8.self) { body(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
    }

    /// Whether every byte of the word is ASCII (so its Characters are its bytes, and ASCII case folding is all
    /// the case folding it needs).
    public var isASCII: Bool { withBytes { $0.allSatisfy { $0 < 0x80 } } }

    /// The word's bytes (C escapes applied for double-quoted words).
    public var bytes: [UInt8] { long ?? withBytes { Array($0) } }

    /// The word as text (quoted words decoded; invalid UTF-8 replaced), made when asked for. Setting it makes the
    /// word its UTF-8.
    public var text: String {
        get { withBytes { String(decoding: $0, as: UTF8.self) } }
        set { self = Token(bytes: Array(newValue.utf8), quoted: quoted, offset: offset) }
    }

    /// Equal words: the same bytes (so the same text), quoting and offset.
    public static func == (a: Token, b: Token) -> Bool {
        a.inlineCount == b.inlineCount && a.inline == b.inline && a.long == b.long && a.quoted == b.quoted
            && a.offset == b.offset
    }
}

extension Token {
    /// The handle an `@NAME` word names: the text after its `@`, made from the bytes after it.
    ///
    /// A non-ASCII byte after the `@` may start a mark that joins the `@` in one Character: then the name is the
    /// text less its first Character (the mark goes with the `@`, as `@NAME` has always been read).
    var handleAfterAt: String {
        withBytes { word in
            word.count < 2 || word[1] < 0x80
                ? String(decoding: UnsafeBufferPointer(rebasing: word.dropFirst()), as: UTF8.self) : nil
        } ?? String(text.dropFirst())
    }
}
