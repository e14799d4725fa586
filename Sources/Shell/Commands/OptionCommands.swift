import Glibc
import SocketCore

/// setopt and getopt.
extension Session {
    /// Finds an option for a socket, or an input error listing what was meant (`usage` is read only for it).
    /// Takes the word itself: a full option name is found from its bytes, with no String made for it.
    func option(_ word: Token, family: Int32?, usage: @autoclosure () -> String) throws(InputError) -> OptionSpec {
        guard let spec = OptionCatalog.lookup(word, family: family) else {
            let text = word.text
            let near = nearOptions(text)
            let hint =
                near.isEmpty
                ? "; `explain` with no option lists them all"
                : "; did you mean "
                    + near.prefix(4).joined(separator: ", ") + "?"
            throw InputError("unknown option '\(text.prefix(40))'" + hint, usage: usage())
        }
        return spec
    }

    /// Option names near a mistyped one, closest first: within two edits of the full or the short name (a
    /// typo), or sharing the short name's first letters. None for a word longer than any name (the distance
    /// costs its length times each name's).
    func nearOptions(_ text: String) -> [String] {
        let key = text.lowercased()
        guard key.count <= 40 else { return [] }
        let prefix = ["ipv6_", "so_", "tcp_", "ip_"].first { key.hasPrefix($0) }
        let bare = prefix.map { String(key.dropFirst($0.count)) } ?? key
        let scored: [(Int, String)] = OptionCatalog.all.compactMap { spec in
            let d = min(Session.editDistance(spec.name.lowercased(), key), Session.editDistance(spec.shortName, bare))
            if d <= (bare.count <= 3 ? 1 : 2) { return (d, spec.name) }
            if bare.count >= 3, spec.shortName.hasPrefix(String(bare.prefix(3))) { return (3, spec.name) }
            return nil
        }
        return scored.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Parses the words of a value for an option (its kind's codec reads them).
    func optionValue(_ spec: OptionSpec, _ a: inout Args, family: Int32) throws(InputError) -> OptionValue {
        try spec.codec.parse(spec, &a, self)
    }

    /// An integer in the option's unit: sizes take K/M/G; seconds and ms also take a duration with its unit.
    /// `intValue` of a word: a plain decimal is read from its bytes, with no String made for it.
    func intValue(_ word: Token, unit: OptionUnit, option: String, _ a: Args) throws(InputError) -> Int32 {
        if let v = word.withBytes({ Values.int32($0) }) { return v }
        return try intValue(word.text, unit: unit, option: option, a)
    }

    func intValue(_ text: String, unit: OptionUnit, option: String, _ a: Args) throws(InputError) -> Int32 {
        if let v = Values.int32(text) { return v }
        // Hex for bit fields such as IP_TOS (0x10 = low delay).
        if text.lowercased().hasPrefix("0x"), text.count <= 10, let v = UInt32(text.dropFirst(2), radix: 16) {
            return Int32(bitPattern: v)
        }
        if unit == .bytes, let v = Values.size(text) { return Int32(v) }
        if unit == .seconds, let ms = Values.durationMs(text), ms % 1000 == 0, ms / 1000 <= Int(Int32.max) {
            return Int32(ms / 1000)
        }
        if unit == .milliseconds, let ms = Values.durationMs(text), ms <= Int(Int32.max) { return Int32(ms) }
        let unitHint = unit == .none ? "a number" : "a number of \(unit.word)"
        throw a.fail("\(option) takes \(unitHint) (-2147483648..2147483647), not '\(text.prefix(30))'")
    }

    /// An IPv4 interface: an address (`127.0.0.1`) or a name (`lo`). A name is looked up by the run
    /// (`resolvingInterface`), since the parse makes no call: it stands as index 0 here and is kept in `a`.
    func interface(_ text: String, _ a: inout Args) throws(InputError) -> ([UInt8], Int32) {
        if let addr = SocketAddress.parseIPv4(text) { return (addr, 0) }
        a.interfaceName = InterfaceWord(name: text, v6: false)
        return ([0, 0, 0, 0], 0)
    }

    /// An IPv6 interface: a name or an index (a name as for `interface`).
    func interface6(_ text: String, _ a: inout Args) throws(InputError) -> UInt32 {
        if let n = UInt32(text) { return n }
        a.interfaceName = InterfaceWord(name: text, v6: true)
        return 0
    }

    /// The request's value with the index of the interface it names (the run's part of `interface`,
    /// `interface6`): if_nametoindex, on the lab host of the command's socket in the lab.
    func resolvingInterface(_ q: OptionRequest, _ usage: RunUsage) throws(InputError) -> OptionValue {
        guard let w = q.interface else { return q.value }
        let index = interfaceIndex(w.name)
        guard index != 0 else {
            throw usage.fail(w.v6 ? "no interface '\(w.name.prefix(40))': give a name such as lo or an index"
                : "no interface '\(w.name.prefix(40))': give an address or a name such as lo")
        }
        switch q.value {
        case .mreqn(let group, let address, _): return .mreqn(group: group, address: address, ifindex: Int32(index))
        case .mreq6(let group, _): return .mreq6(group: group, ifindex: index)
        case .int: return .int(Int32(bitPattern: index))
        default: return q.value
        }
    }

    /// The value as strace prints it inside setsockopt/getsockopt (its kind's codec prints it).
    func describe(_ value: OptionValue, kind: OptionKind) -> Line { kind.codec.describe(value) }

    /// Decodes the bytes getsockopt returned (its kind's codec reads them).
    func decode(_ bytes: UnsafeRawBufferPointer, kind: OptionKind) -> OptionValue { kind.codec.decode(bytes) }

    func cmdSetopt(_ q: OptionRequest, _ c: Context, into ev: inout [Event]) throws(InputError) {
        // Two calls, not one with `q.interface == nil ? q.value : ...`: the conditional makes a copy of the value
        // (and a destroy after) on every setopt; this way the common branch hands over the request's own value.
        if q.interface == nil {
            apply(q.spec, q.value, c, into: &ev)
        } else {
            apply(q.spec, try resolvingInterface(q, RunUsage(.setopt)), c, into: &ev)
        }
    }

    /// setsockopt(2) of a parsed value: the call, then any timely warning (setopt, join, leave).
    func apply(_ spec: OptionSpec, _ value: OptionValue, _ c: Context, into ev: inout [Event]) {
        let s = c.socket
        let codec = spec.codec
        var r = SysResult.ok(0)
        var length = 0
        codec.encode(value) { bytes in
            r = s.setOption(level: spec.level, name: spec.number, raw: bytes)
            length = bytes.count
        }
        ev.append(
            .syscall(
                SyscallRecord(optionCall(true, s.fd, spec, value, .length(length), r))))
        // Only a group request can change the socket's memberships: the check here spares every other setopt the
        // call.
        if r.error == nil, value.isGroupRequest { recordMembership(spec, value, c) }
        adviseAfterSet(spec, value: value, result: r, c, into: &ev)
    }

    func cmdGetopt(_ option: OptionSpec?, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let s = c.socket
        guard let spec = option else {
            let table = optionTable(s)
            ev.append(.table(table))
            if table.headers.count > 3 { ev.append(.note(defaultsNote(s))) }
            return
        }
        if case .memInfo = spec.kind {
            getMemInfo(spec, c, into: &ev)
            return
        }
        if case .tcpInfo = spec.kind {
            let (r, bytes) = s.getOption(level: spec.level, name: spec.number, capacity: spec.readCapacity)
            let info = TCPInfo(bytes: bytes)
            // A failed call shows the length it was given (what strace shows); a good one the kernel's answer.
            ev.append(
                .syscall(
                    SyscallRecord(
                        optionCall(false, s.fd, spec, r.error == nil ? .raw(bytes) : nil,
                                   .lengthInOut(r.error == nil ? bytes.count : spec.readCapacity), r))))
            if r.error == nil { ev.append(contentsOf: tcpInfoNotes(info)) }
            return
        }
        // Decoded where the kernel wrote it (a buffer on the stack), so a getopt allocates no array. The value
        // leaves the closure through a variable: returned, it would be copied and destroyed once more inside.
        let codec = spec.codec
        let capacity = codec.readCapacity
        var value: OptionValue?
        var length = capacity
        let r = s.withOption(level: spec.level, name: spec.number, capacity: capacity) { r, bytes in
            if r.error == nil {
                value = codec.decode(bytes)
                length = bytes.count
            }
            return r
        }
        // Reading SO_ERROR takes the error: remember a reset, so a later EOF is explained by it.
        if spec.kind == .errorCode, case .int(let v)? = value, v == ECONNRESET { c.entry?.resetSeen = true }
        ev.append(
            .syscall(
                SyscallRecord(optionCall(false, s.fd, spec, value, .lengthInOut(length), r))))
        adviseAfterGet(spec, value: value, c, into: &ev)
    }

    /// TCP_INFO fields, a line per group, with counters and timers marked ephemeral.
    func tcpInfoNotes(_ info: TCPInfo) -> [Event] {
        info.fieldLines.map { fields in
            var pieces: [Line.Piece] = []
            for (k, f) in fields.enumerated() {
                pieces.append(.text((k == 0 ? "" : " ") + f.name + "="))
                pieces.append(f.volatile ? .volatile(f.value, tcpInfoKind(f.value)) : .text(f.value))
            }
            return .note(Line(pieces: pieces))
        }
    }

    /// The wildcard that matches a TCP_INFO value of this shape on every run: `{n}` for a count, `{dur}` for a
    /// time with its unit (`200000us`), `{*}` for a name (`ca_state=Open`).
    func tcpInfoKind(_ value: String) -> Volatility {
        let digits = value.prefix { $0.isASCII && $0.isNumber }
        if digits.isEmpty { return .any }
        if digits.count == value.count { return .n }
        return value.dropFirst(digits.count).allSatisfy { $0.isASCII && $0.isLetter } ? .dur : .any
    }

    /// Every option that applies to the socket, read silently (SPEC §3: helper reads stay silent).
    func optionTable(_ s: Socket) -> Table {
        var rows: [[Line]] = []
        for spec in OptionCatalog.applicable(family: s.family, type: s.type) {
            let (r, bytes) = s.getOption(level: spec.level, name: spec.number, capacity: spec.readCapacity)
            var value: Line
            if let e = r.error {
                value = Line(e.name)
            } else if spec.kind == .tcpInfo {
                value = Line(TCPInfo(bytes: bytes).stateName)
            } else if spec.kind == .memInfo {
                value = bytes.withUnsafeBytes { memInfoSummary(MemInfo(bytes: $0), s) }
            } else {
                value = bytes.withUnsafeBytes { describe(decode($0, kind: spec.kind), kind: spec.kind) }
                if case .text(let t) = value.pieces.first, t.hasPrefix("["), t.hasSuffix("]"), value.pieces.count == 1 {
                    value = Line(String(t.dropFirst().dropLast()))
                }
            }
            rows.append([Line(spec.name), Line(Platform.levelName(spec.level)), value])
        }
        return markDefaults(s, rows)
    }
}
