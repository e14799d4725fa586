import SocketCore

/// IP_MULTICAST_IF: set as `struct ip_mreqn` (an address or an interface name), read back as `struct in_addr`.
enum IPv4InterfaceCodec: OptionCodec {
    static var readCapacity: Int { 4 }
    static var isPlainInt: Bool { false }
    static var completions: [String] { ["lo"] }
    static var jsonKind: String { "in_addr" }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        let t = try a.require("an interface address or name for \(spec.name)")
        let (addr, index) = try s.interface(t.text, &a)
        return .mreqn(group: [0, 0, 0, 0], address: addr, ifindex: index)
    }

    static func encode(_ value: OptionValue, _ body: (UnsafeRawBufferPointer) -> Void) { value.withUnsafeBytes(body) }
    static func decode(_ bytes: UnsafeRawBufferPointer) -> OptionValue {
        .inAddr(OptionShape.bytes(bytes, at: 0, count: 4))
    }
    static func describe(_ value: OptionValue) -> Line { OptionShape.describe(value) }
    static func json(_ value: OptionValue) -> String { JSONRenderer.optionShape(value) }
    static func cDeclare(_ value: OptionValue, _ w: inout CWriter) -> (pass: String, size: String) {
        w.optionDecl(value)
    }
    static func cRead(_ w: inout CWriter) -> String {
        w.line("struct in_addr val = { 0 };")
        w.line("char host[INET_ADDRSTRLEN];")
        return "printf(\"[inet_addr(\\\"%s\\\")], [%u])\", "
            + "inet_ntop(AF_INET, &val, host, sizeof host), (unsigned)len);"
    }
}

/// IPV6_MULTICAST_IF: an interface index (an int), typed as a name or a number.
enum IPv6InterfaceCodec: IntShapedCodec {
    static var isPlainInt: Bool { false }
    static var completions: [String] { ["lo"] }
    static var jsonKind: String { "ifindex" }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        let t = try a.require("an interface name or index for \(spec.name)")
        return .int(Int32(bitPattern: try s.interface6(t.text, &a)))
    }
}

/// IP_ADD/DROP_MEMBERSHIP: `struct ip_mreqn`, typed `GROUP [INTERFACE]`; write-only.
enum Membership4Codec: OptionCodec {
    static var readCapacity: Int { 12 }
    static var isPlainInt: Bool { false }
    static var completions: [String] { [] }
    static var jsonKind: String { "ip_mreqn" }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        let g = try a.require("GROUP")
        guard let group = SocketAddress.parseIPv4(g.text) else { throw a.fail("bad IPv4 group '\(g.text.prefix(40))'") }
        var addr: [UInt8] = [0, 0, 0, 0]
        var index: Int32 = 0
        if let i = a.next() { (addr, index) = try s.interface(i.text, &a) }
        return .mreqn(group: group, address: addr, ifindex: index)
    }

    static func encode(_ value: OptionValue, _ body: (UnsafeRawBufferPointer) -> Void) { value.withUnsafeBytes(body) }
    static func decode(_ bytes: UnsafeRawBufferPointer) -> OptionValue {
        .mreqn(group: OptionShape.bytes(bytes, at: 0, count: 4), address: OptionShape.bytes(bytes, at: 4, count: 4),
               ifindex: bytes.count >= 12 ? OptionShape.int32(bytes, at: 8) : 0)
    }
    static func describe(_ value: OptionValue) -> Line { OptionShape.describe(value) }
    static func json(_ value: OptionValue) -> String { JSONRenderer.optionShape(value) }
    static func cDeclare(_ value: OptionValue, _ w: inout CWriter) -> (pass: String, size: String) {
        w.optionDecl(value)
    }
    /// Never reached by the shell (the option cannot be read); the int read is what getsockopt would fill.
    static func cRead(_ w: inout CWriter) -> String { IntShape.cRead(&w) }
}

/// IPV6_JOIN/LEAVE_GROUP: `struct ipv6_mreq`, typed `GROUP [INTERFACE]`; write-only.
enum Membership6Codec: OptionCodec {
    static var readCapacity: Int { 20 }
    static var isPlainInt: Bool { false }
    static var completions: [String] { [] }
    static var jsonKind: String { "ipv6_mreq" }

    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue {
        let g = try a.require("GROUP")
        guard let group = SocketAddress.parseIPv6(g.text) else { throw a.fail("bad IPv6 group '\(g.text.prefix(40))'") }
        var index: UInt32 = 0
        if let i = a.next() { index = try s.interface6(i.text, &a) }
        return .mreq6(group: group, ifindex: index)
    }

    static func encode(_ value: OptionValue, _ body: (UnsafeRawBufferPointer) -> Void) { value.withUnsafeBytes(body) }
    static func decode(_ bytes: UnsafeRawBufferPointer) -> OptionValue {
        .mreq6(group: OptionShape.bytes(bytes, at: 0, count: 16),
               ifindex: UInt32(bitPattern: bytes.count >= 20 ? OptionShape.int32(bytes, at: 16) : 0))
    }
    static func describe(_ value: OptionValue) -> Line { OptionShape.describe(value) }
    static func json(_ value: OptionValue) -> String { JSONRenderer.optionShape(value) }
    static func cDeclare(_ value: OptionValue, _ w: inout CWriter) -> (pass: String, size: String) {
        w.optionDecl(value)
    }
    /// Never reached by the shell (the option cannot be read); the int read is what getsockopt would fill.
    static func cRead(_ w: inout CWriter) -> String { IntShape.cRead(&w) }
}
