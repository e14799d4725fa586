import SocketCore

/// SO_LINGER: `struct linger`, typed `on SECONDS` or `off`.
enum LingerCodec: OptionCodec {
    static var readCapacity: Int { 8 }
    static var isPlainInt: Bool { false }
    static var completions: [String] { ["on", "off"] }
    static var jsonKind: String { "linger" }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        // `on SECONDS` or `off` (any switch word): a bare number would hide whether linger is on.
        let t = try a.require("on SECONDS or off for SO_LINGER")
        guard let on = Values.onOff(t.text) else {
            throw a.fail("SO_LINGER takes `on SECONDS` (0 makes close send RST) or `off`, not '\(t.text.prefix(20))'")
        }
        guard on else { return .linger(on: false, seconds: 0) }
        let secs = try a.require("SECONDS after 'on' (0 makes close send RST)")
        return .linger(on: true, seconds: try s.intValue(secs.text, unit: .seconds, option: spec.name, a))
    }

    static func encode(_ value: OptionValue, _ body: (UnsafeRawBufferPointer) -> Void) { value.withUnsafeBytes(body) }
    static func decode(_ bytes: UnsafeRawBufferPointer) -> OptionValue {
        .linger(on: OptionShape.int32(bytes) != 0, seconds: OptionShape.int32(bytes, at: 4))
    }
    static func describe(_ value: OptionValue) -> Line { OptionShape.describe(value) }
    static func json(_ value: OptionValue) -> String { JSONRenderer.optionShape(value) }
    static func cDeclare(_ value: OptionValue, _ w: inout CWriter) -> (pass: String, size: String) {
        w.optionDecl(value)
    }
    static func cRead(_ w: inout CWriter) -> String {
        w.line("struct linger val = { 0 };")
        return "printf(\"{l_onoff=%d, l_linger=%d}, [%u])\", val.l_onoff != 0, val.l_linger, (unsigned)len);"
    }
}

/// SO_RCVTIMEO, SO_SNDTIMEO: `struct timeval`, typed as a duration (`5s`, `250ms`, `100us`, or whole seconds).
enum TimevalCodec: OptionCodec {
    static var readCapacity: Int { 16 }
    static var isPlainInt: Bool { false }
    static var completions: [String] { [] }
    static var jsonKind: String { "timeval" }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        let n = spec.name
        let t = try a.require("a duration for \(n) (5s, 250ms, 0)")
        // Microseconds, as struct timeval holds them: `100us` must not round to 0.
        let us: Int
        if let d = Values.durationUs(t.text) {
            us = d
        } else if let secs = Values.int32(t.text), secs >= 0 {
            us = Int(secs) * 1_000_000
        } else {
            throw a.fail("\(n) takes a duration such as 5s or 250ms, not '\(t.text.prefix(20))'")
        }
        return .timeval(seconds: us / 1_000_000, microseconds: us % 1_000_000)
    }

    static func encode(_ value: OptionValue, _ body: (UnsafeRawBufferPointer) -> Void) { value.withUnsafeBytes(body) }
    static func decode(_ bytes: UnsafeRawBufferPointer) -> OptionValue {
        .timeval(seconds: OptionShape.int64(bytes, at: 0), microseconds: OptionShape.int64(bytes, at: 8))
    }
    static func describe(_ value: OptionValue) -> Line { OptionShape.describe(value) }
    static func json(_ value: OptionValue) -> String { JSONRenderer.optionShape(value) }
    static func cDeclare(_ value: OptionValue, _ w: inout CWriter) -> (pass: String, size: String) {
        w.optionDecl(value)
    }
    static func cRead(_ w: inout CWriter) -> String {
        w.line("struct timeval val = { 0 };")
        return "printf(\"{tv_sec=%ld, tv_usec=%ld}, [%u])\", (long)val.tv_sec, (long)val.tv_usec, (unsigned)len);"
    }
}

/// TCP_CONGESTION: a NUL-terminated name of at most 15 characters.
enum NameCodec: OptionCodec {
    static var readCapacity: Int { 16 }
    static var isPlainInt: Bool { false }
    static var completions: [String] { ["cubic", "reno", "bbr"] }
    static var jsonKind: String { "string" }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        let t = try a.require("a name for \(spec.name) (e.g. cubic, reno)")
        guard t.bytes.count < 16, !t.bytes.isEmpty else { throw a.fail("\(spec.name) names are 1-15 characters") }
        return .string(t.text)
    }

    static func encode(_ value: OptionValue, _ body: (UnsafeRawBufferPointer) -> Void) { value.withUnsafeBytes(body) }
    static func decode(_ bytes: UnsafeRawBufferPointer) -> OptionValue {
        .string(String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self))
    }
    static func describe(_ value: OptionValue) -> Line { OptionShape.describe(value) }
    static func json(_ value: OptionValue) -> String { JSONRenderer.optionShape(value) }
    static func cDeclare(_ value: OptionValue, _ w: inout CWriter) -> (pass: String, size: String) {
        w.optionDecl(value)
    }
    static func cRead(_ w: inout CWriter) -> String {
        w.used.insert("print_quoted")
        w.line("char val[16] = \"\";")
        return "{ print_quoted((const unsigned char *)val, strnlen(val, len)); "
            + "printf(\", [%u])\", (unsigned)len); }"
    }
}

/// The error a read-only option gives to setopt.
enum ReadOnly {
    static func refuse(_ spec: OptionSpec, _ a: Args) -> InputError {
        a.fail("\(spec.name) is read-only: use getopt \(spec.name)")
    }
}

/// TCP_INFO: `struct tcp_info`, read-only; printed by its state, the fields as notes by `getopt`.
enum TCPInfoCodec: OptionCodec {
    /// Room for a newer kernel's struct than glibc's 104-byte view.
    static var readCapacity: Int { 256 }
    static var isPlainInt: Bool { false }
    static var completions: [String] { [] }
    static var jsonKind: String { "tcp_info" }
    static var lengthVaries: Bool { true }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        throw ReadOnly.refuse(spec, a)
    }

    static func encode(_ value: OptionValue, _ body: (UnsafeRawBufferPointer) -> Void) { value.withUnsafeBytes(body) }
    static func decode(_ bytes: UnsafeRawBufferPointer) -> OptionValue { .raw(Array(bytes)) }
    static func describe(_ value: OptionValue) -> Line {
        guard case .raw(let b) = value else { return OptionShape.describe(value) }
        return Line("{tcpi_state=TCP_\(TCPInfo(bytes: b).stateName), ...}")
    }
    static func json(_ value: OptionValue) -> String {
        guard case .raw(let b) = value else { return JSONRenderer.optionShape(value) }
        return "{\"tcpi_state\":\(JSONRenderer.string(TCPInfo(bytes: b).stateName))}"
    }
    static func cDeclare(_ value: OptionValue, _ w: inout CWriter) -> (pass: String, size: String) {
        w.optionDecl(value)
    }
    static func cRead(_ w: inout CWriter) -> String {
        w.used.insert("tcp_state_name")
        // The shell passes 256 bytes, room for a newer kernel's struct than these headers know.
        w.line("union { struct tcp_info info; unsigned char room[256]; } val;")
        w.line("memset(&val, 0, sizeof val);")
        return "printf(\"{tcpi_state=TCP_%s, ...}, [%u])\", tcp_state_name(val.info.tcpi_state), (unsigned)len);"
    }
}

/// SO_MEMINFO: `__u32[SK_MEMINFO_VARS]`, nine counters, read-only, printed by name.
enum MemInfoCodec: OptionCodec {
    static var readCapacity: Int { 36 }
    static var isPlainInt: Bool { false }
    static var completions: [String] { [] }
    static var jsonKind: String { "meminfo" }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        throw ReadOnly.refuse(spec, a)
    }

    static func encode(_ value: OptionValue, _ body: (UnsafeRawBufferPointer) -> Void) { value.withUnsafeBytes(body) }
    static func decode(_ bytes: UnsafeRawBufferPointer) -> OptionValue { .raw(Array(bytes)) }
    /// strace's layout of an array of counters, each named (SK_MEMINFO_RMEM_ALLOC is index 0, ...); the counters
    /// that move from run to run are marked.
    static func describe(_ value: OptionValue) -> Line {
        guard case .raw(let b) = value else { return OptionShape.describe(value) }
        let mem = b.withUnsafeBytes { MemInfo(bytes: $0) }
        var shown: Line = "["
        for (k, v) in mem.values.enumerated() {
            let name = k < MemInfo.names.count ? MemInfo.names[k] : "[\(k)]"
            shown = shown + Line(k == 0 ? "" : ", ") + Line(name + "=") + Session.memInfoValue(k, v)
        }
        return shown + "]"
    }
    /// `{"rmem_alloc":0,"rcvbuf":212992,...}`: the counters by name.
    static func json(_ value: OptionValue) -> String {
        guard case .raw(let b) = value else { return JSONRenderer.optionShape(value) }
        let mem = b.withUnsafeBytes { MemInfo(bytes: $0) }
        let fields = mem.values.enumerated().map { k, v in
            "\(JSONRenderer.string(k < MemInfo.names.count ? MemInfo.names[k] : "[\(k)]")):\(v)"
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
    static func cDeclare(_ value: OptionValue, _ w: inout CWriter) -> (pass: String, size: String) {
        w.optionDecl(value)
    }
    static func cRead(_ w: inout CWriter) -> String {
        // SO_MEMINFO: the kernel's nine u32 counters (SK_MEMINFO_RMEM_ALLOC ... SK_MEMINFO_DROPS), named.
        w.used.insert("print_meminfo")
        w.line("unsigned int val[\(MemInfo.names.count)] = { 0 };")
        return "print_meminfo(val, len);"
    }
}
