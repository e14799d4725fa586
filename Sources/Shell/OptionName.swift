import SocketCore

/// An option's C name in a call record (`CallArg.option`), kept as its level and number: the text is looked up in
/// the option table when a renderer prints it.
///
/// Why not the name as a `String`: a record that holds no reference is copied and freed without any work, and a
/// record is made, printed and freed on every line of a script (CallArgs.swift keeps such records inline).
public struct OptionName: Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The option's level (`SOL_SOCKET`).
    public let level: Int32
    /// The option's number at that level.
    public let number: Int32

    /// The name of the option at `level` and `number`.
    public init(level: Int32, number: Int32) {
        self.level = level
        self.number = number
    }

    /// The name of a known option.
    public init(_ spec: OptionSpec) {
        self.init(level: spec.level, number: spec.number)
    }

    /// A known option by its C name (`"SO_KEEPALIVE"`); one the table lacks is a programming error.
    public init(stringLiteral name: String) {
        guard let spec = OptionCatalog.all.first(where: { $0.name == name }) else {
            preconditionFailure("no option named \(name) in OptionCatalog.all")
        }
        self.init(spec)
    }

    /// The C name (`SO_KEEPALIVE`); the number for an option the table does not know.
    public var text: String {
        guard let k = OptionName.position(level: level, number: number) else { return String(decimal: number) }
        return OptionCatalog.all[k].name
    }

    public var description: String { text }

    /// Appends the C name's UTF-8 to `out`: the same text as `text`, copied from `names` with no String in
    /// between.
    ///
    /// Why: the text renderer prints an option's name in every setsockopt and getsockopt line; going through
    /// `text` retained and released the catalog's String and walked it to find its bytes. Inlined into the
    /// renderer's loop (as a call, its frame was about 20 of its 85 instructions); a name the index does not hold
    /// goes through `writeText`, out of line.
    @inline(__always)
    func write(to out: inout ByteSink) {
        guard let slot = OptionName.slot(level: level, number: number) else { return writeText(to: &out) }
        let table = OptionName.names
        let p = Int(table.positions[slot])
        guard p != 0 else { return writeText(to: &out) }
        let start = table.starts[p - 1], end = table.starts[p]
        table.utf8.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// `write(to:)` of a name the index does not hold: `text`, found by a search or as a number.
    @inline(never)
    private func writeText(to out: inout ByteSink) {
        out.append(text)
    }

    /// The index from level and number to a position in `OptionCatalog.all`, and every name's UTF-8.
    ///
    /// Why one value: each static is reached through a check that it was made (`swift_once`); the renderer reads
    /// all three arrays for every option it prints.
    private struct Names {
        /// One slot per number below 128 at each of the four levels the table uses (`slot`): 0 for none, else the
        /// position + 1. An index, not a search: printed on every call.
        let positions: [UInt8]
        /// The catalog's names, one after another.
        let utf8: [UInt8]
        /// Where each position's name starts in `utf8`; one more entry for the end of the last.
        let starts: [Int]

        init() {
            var positions = [UInt8](repeating: 0, count: 4 * 128)
            var utf8: [UInt8] = []
            var starts = [0]
            for (k, spec) in OptionCatalog.all.enumerated() {
                if let slot = OptionName.slot(level: spec.level, number: spec.number), positions[slot] == 0 {
                    positions[slot] = UInt8(k + 1)
                }
                utf8 += spec.name.utf8
                starts.append(utf8.count)
            }
            self.positions = positions
            self.utf8 = utf8
            self.starts = starts
        }
    }

    private static let names = Names()

    private static func slot(level: Int32, number: Int32) -> Int? {
        guard number >= 0 && number < 128 else { return nil }
        let row: Int
        switch level {
        case Platform.solSocket: row = 0
        case Platform.ipprotoTCP: row = 1
        case Platform.ipprotoIP: row = 2
        case Platform.ipprotoIPv6: row = 3
        default: return nil
        }
        return row * 128 + Int(number)
    }

    private static func position(level: Int32, number: Int32) -> Int? {
        if let slot = slot(level: level, number: number) {
            let p = names.positions[slot]
            return p == 0 ? nil : Int(p) - 1
        }
        return OptionCatalog.all.firstIndex { $0.level == level && $0.number == number }
    }
}
