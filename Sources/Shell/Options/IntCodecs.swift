import SocketCore

/// Words for an int option's unit, as error messages name it (`a number of ms`).
extension OptionUnit {
    var word: String {
        switch self {
        case .none: return ""
        case .bytes: return "bytes"
        case .seconds: return "seconds"
        case .milliseconds: return "ms"
        case .hops: return "hops"
        case .probes: return "probes"
        case .retries: return "retries"
        }
    }
}

/// The C side every `int` option shares: 4 bytes in, 4 bytes out.
enum IntShape {
    /// The int in place, without an array (setopt of an int runs hundreds of thousands of times in a script).
    static func encode(_ value: OptionValue, _ body: (UnsafeRawBufferPointer) -> Void) {
        guard case .int(var v) = value else { return value.withUnsafeBytes(body) }
        Swift.withUnsafeBytes(of: &v, body)
    }

    static func cDeclare(_ value: OptionValue, _ w: inout CWriter) -> (pass: String, size: String) {
        w.optionDecl(value)
    }

    static func cRead(_ w: inout CWriter) -> String {
        w.line("int val = 0;")
        return "printf(\"[%d], [%u])\", val, (unsigned)len);"
    }
}

/// A kind whose C value is one `int`: 4 bytes laid out in place, read back, printed `[N]`, in JSON and in C as the
/// int's, unless the codec says otherwise (SO_TYPE and SO_ERROR print a name). Only such kinds get these parts
/// for free: every other codec must write each one, so a new kind does not compile until it has them all.
protocol IntShapedCodec: OptionCodec {}

extension IntShapedCodec {
    static var readCapacity: Int { 4 }
    static func encode(_ value: OptionValue, _ body: (UnsafeRawBufferPointer) -> Void) { IntShape.encode(value, body) }
    static func decode(_ bytes: UnsafeRawBufferPointer) -> OptionValue { .int(OptionShape.int32(bytes)) }
    static func describe(_ value: OptionValue) -> Line { OptionShape.describe(value) }
    static func json(_ value: OptionValue) -> String { JSONRenderer.optionShape(value) }
    static func cDeclare(_ value: OptionValue, _ w: inout CWriter) -> (pass: String, size: String) {
        IntShape.cDeclare(value, &w)
    }
    static func cRead(_ w: inout CWriter) -> String { IntShape.cRead(&w) }
}

/// `int` used as a switch: `on`/`off` (and the other switch words), printed `[1]`.
enum FlagCodec: IntShapedCodec {
    static var isPlainInt: Bool { true }
    static var completions: [String] { ["on", "off"] }
    static var jsonKind: String { "flag" }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        let t = try a.require("on or off for \(spec.name)")
        guard let v = t.withBytes({ Values.onOff($0) }) else {
            throw a.fail("\(spec.name) takes on or off, not '\(t.text.prefix(20))'")
        }
        return .int(v ? 1 : 0)
    }
}

/// `int` in a unit: sizes take K/M/G, seconds and ms also a duration with its unit; hex for bit fields.
enum IntCodec: IntShapedCodec {
    static var isPlainInt: Bool { true }
    static var completions: [String] { [] }
    static var jsonKind: String { "int" }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        let t = try a.require("a value for \(spec.name)")
        let unit: OptionUnit = if case .int(let u) = spec.kind { u } else { .none }
        return .int(try s.intValue(t, unit: unit, option: spec.name, a))
    }
}

/// SO_TYPE: an int holding a socket type, printed by name (`[SOCK_STREAM]`).
enum SockTypeCodec: IntShapedCodec {
    static var isPlainInt: Bool { false }
    static var completions: [String] { [] }
    static var jsonKind: String { "sock_type" }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        let t = try a.require("a value for \(spec.name)")
        return .int(try s.intValue(t, unit: .none, option: spec.name, a))
    }

    static func describe(_ value: OptionValue) -> Line {
        guard case .int(let v) = value else { return OptionShape.describe(value) }
        return Line("[\(Platform.typeName(v))]")
    }
    static func json(_ value: OptionValue) -> String {
        guard case .int(let n) = value else { return JSONRenderer.optionShape(value) }
        return "{\"int\":\(n),\"name\":\(JSONRenderer.string(Platform.typeName(n)))}"
    }
    static func cRead(_ w: inout CWriter) -> String {
        w.used.insert("print_type")
        w.line("int val = 0;")
        return "{ putchar('['); print_type(val); printf(\"], [%u])\", (unsigned)len); }"
    }
}

/// SO_ERROR: an int holding an errno, printed by name (`[ECONNREFUSED]`, `[0]`).
enum ErrorCodeCodec: IntShapedCodec {
    static var isPlainInt: Bool { false }
    static var completions: [String] { [] }
    static var jsonKind: String { "errno" }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        let t = try a.require("a value for \(spec.name)")
        return .int(try s.intValue(t, unit: .none, option: spec.name, a))
    }

    static func describe(_ value: OptionValue) -> Line {
        guard case .int(let v) = value else { return OptionShape.describe(value) }
        return Line(v == 0 ? "[0]" : "[\(Errno(v).name)]")
    }
    static func json(_ value: OptionValue) -> String {
        guard case .int(let n) = value, n != 0 else { return JSONRenderer.optionShape(value) }
        return "{\"int\":\(n),\"errno\":\(JSONRenderer.string(Errno(n).name))}"
    }
    static func cRead(_ w: inout CWriter) -> String {
        w.used.insert("errno_name")
        w.line("int val = 0;")
        return "printf(\"[%s], [%u])\", val == 0 ? \"0\" : errno_name(val), (unsigned)len);"
    }
}
