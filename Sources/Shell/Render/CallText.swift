import SocketCore

/// A system call as strace prints it, from the typed call (TypedCall.swift), written straight into an output
/// buffer: `setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0`.
///
/// Why from data: the record holds no text, so the terminal, `--record`, JSON's `"args"` and the C export's
/// comments are all this one rendering. The values that vary from run to run are known here by what they are —
/// a port in the kernel's ephemeral range, an autobound AF_UNIX name, the length of TCP_INFO, a receive
/// timestamp, the time select left — and written as wildcards in the `.wildcards` style. Descriptors, levels,
/// option names, int values, lengths and results go into the buffer as bytes with no String in between: a script
/// of 200,000 setopt/getopt lines prints one of these per line.
extension TextRenderer {
    /// The syscall line, without a newline.
    func write(_ record: SyscallRecord, to b: inout [UInt8]) {
        if let h = record.handle {
            appendUTF8(h, &b)
            appendUTF8(" = ", &b)
        }
        appendUTF8(record.call.syscall.rawValue, &b)
        b.append(40)  // (
        writeArguments(record.call, to: &b)
        b.append(41)  // )
        b.append(32)
        b.append(61)  // =
        b.append(32)
        writeResult(record.call, to: &b)
    }

    /// The arguments, separated by `, `.
    func writeArguments(_ c: TypedCall, to b: inout [UInt8]) {
        // Room for the common line at once: the small appends below then never grow the buffer.
        b.reserveCapacity(b.count + 128)
        for k in c.args.indices {
            if k > 0 {
                b.append(44)  // ,
                b.append(32)
            }
            write(argument: k, of: c, to: &b)
        }
    }

    /// Each argument's text on its own (JSON's `"args"`, the C export's comments).
    public func argumentTexts(_ c: TypedCall) -> [String] {
        var out: [String] = []
        out.reserveCapacity(c.args.count)
        var b: [UInt8] = []
        for k in c.args.indices {
            b.removeAll(keepingCapacity: true)
            write(argument: k, of: c, to: &b)
            out.append(String(decoding: b, as: UTF8.self))
        }
        return out
    }

    /// The result after `= `: a value (with select's detail), an errno, or the deadline.
    func writeResult(_ c: TypedCall, to b: inout [UInt8]) {
        switch c.result {
        case .value(let v):
            appendDecimal(v, &b)
            if c.syscall == .select {
                b.append(32)
                writeSelectDetail(c, to: &b)
            }
        case .failed(let e):
            appendUTF8("-1 ", &b)
            appendUTF8(e.name, &b)
            appendUTF8(" (", &b)
            appendUTF8(e.message, &b)
            b.append(41)  // )
        case .timedOut(let ms):
            // The deadline is the checker's own --timeout, not part of the lesson: a wildcard when recording.
            appendUTF8("? <timed out after ", &b)
            appendUTF8(style == .plain ? Values.durationText(ms) : Volatility.dur.wildcard, &b)
            b.append(62)  // >
        }
    }

    /// select's `(in [5], out [4 5], left {tv_sec=0, tv_usec=99})`, or `(Timeout)`: the sets and the timeout
    /// as the kernel left them. The time left varies from run to run unless the timeout was 0.
    func writeSelectDetail(_ c: TypedCall, to b: inout [UInt8]) {
        guard case .value(let n) = c.result, n != 0 else {
            appendUTF8("(Timeout)", &b)
            return
        }
        b.append(40)  // (
        var first = true
        var k = 0
        for a in c.args {
            guard case .fdSet(_, let ready?) = a else { continue }
            let name = k == 0 ? "in" : k == 1 ? "out" : "except"
            k += 1
            if ready.isEmpty { continue }
            if !first { appendUTF8(", ", &b) }
            first = false
            appendUTF8(name, &b)
            b.append(32)
            writeSet(ready, to: &b)
        }
        if case .timeval(let s, let us, let left?)? = c.args.last {
            appendUTF8(", left ", &b)
            if style == .wildcards, s != 0 || us != 0 {
                appendUTF8(Volatility.any.wildcard, &b)
            } else {
                writeTimeval(left / 1_000_000, left % 1_000_000, to: &b)
            }
        }
        b.append(41)  // )
    }

    /// The text of select's result detail without its number (JSON's `"detail"`), nil for other calls.
    public func resultDetail(_ c: TypedCall) -> String? {
        guard c.syscall == .select, case .value = c.result else { return nil }
        var b: [UInt8] = []
        writeSelectDetail(c, to: &b)
        return String(decoding: b, as: UTF8.self)
    }

    /// One argument.
    func write(argument k: Int, of c: TypedCall, to b: inout [UInt8]) {
        // Read in place through the buffer: a subscript would copy (and retain) each argument.
        c.args.withUnsafeBufferPointer { args in write(args.baseAddress! + k, k, of: c, to: &b) }
    }

    private func write(_ arg: UnsafePointer<CallArg>, _ k: Int, of c: TypedCall, to b: inout [UInt8]) {
        switch arg.pointee {
        case .descriptor(let fd): appendDecimal(Int(fd), &b)
        case .integer(let n), .length(let n): appendDecimal(n, &b)
        case .lengthInOut(let n):
            b.append(91)  // [
            // What the kernel wrote back for a value of varying size (TCP_INFO grows with the kernel).
            if style == .wildcards, k > 0, case .optionValue(_?, let kind) = c.args[k - 1], kind.codec.lengthVaries {
                appendUTF8(Volatility.n.wildcard, &b)
            } else {
                appendDecimal(n, &b)
            }
            b.append(93)  // ]
        case .address(let a, _): append(Fmt.sockaddr(a), to: &b)
        case .unfilled: appendUTF8("0x...", &b)
        case .null: appendUTF8("NULL", &b)
        case .flags(let f): appendUTF8(f.description, &b)
        case .name(let n, _), .option(let n, _): appendUTF8(n, &b)
        case .level(let l): appendUTF8(Platform.levelName(l), &b)
        case .optionValue(let v, let kind):
            guard let v else { return appendUTF8("0x...", &b) }
            kind.codec.write(v, to: &b, self)
        case .bytes(let bytes):
            guard let bytes else { return appendUTF8("0x...", &b) }
            // What was sent is shown up to 256 bytes, what was received up to 1024 (as strace's -s would).
            let limit = c.syscall == .send || c.syscall == .sendto ? 256 : 1024
            append(Fmt.buffer(bytes, limit: limit), to: &b)
        case .pattern: appendUTF8("<pattern>", &b)
        case .pollSet(let fds): writePollSet(fds, to: &b)
        case .timespec(let s, let ns):
            appendUTF8("{tv_sec=", &b)
            appendDecimal(s, &b)
            appendUTF8(", tv_nsec=", &b)
            appendDecimal(ns, &b)
            b.append(125)  // }
        case .fdSet(let fds, _): writeSet(fds, to: &b)
        case .timeval(let s, let us, _): writeTimeval(s, us, to: &b)
        case .intOut(let v):
            guard let v else { return appendUTF8("0x...", &b) }
            b.append(91)
            appendDecimal(Int(v), &b)
            b.append(93)
        case .receivedHeader(let h): append(Self.msghdr(h), to: &b)
        case .sentHeader(let h): append(Self.msghdr(h), to: &b)
        case .diagRequest(let family, let proto):
            append(Session.diagRequestText(SocketTableQuery(family: family, proto: proto)), to: &b)
        }
    }

    /// `[4 5]`.
    func writeSet(_ fds: [Int32], to b: inout [UInt8]) {
        b.append(91)
        for (k, fd) in fds.enumerated() {
            if k > 0 { b.append(32) }
            appendDecimal(Int(fd), &b)
        }
        b.append(93)
    }

    /// `{tv_sec=1, tv_usec=500000}`.
    func writeTimeval(_ s: Int, _ us: Int, to b: inout [UInt8]) {
        appendUTF8("{tv_sec=", &b)
        appendDecimal(s, &b)
        appendUTF8(", tv_usec=", &b)
        appendDecimal(us, &b)
        b.append(125)
    }

    /// poll's `[{fd=3, events=POLLIN|POLLPRI|POLLOUT|POLLRDHUP}, ...]`, the first three and a count past 16.
    func writePollSet(_ fds: [Int32], to b: inout [UInt8]) {
        b.append(91)
        let shown = fds.count <= 16 ? fds[...] : fds.prefix(3)
        for (k, fd) in shown.enumerated() {
            if k > 0 { appendUTF8(", ", &b) }
            appendUTF8("{fd=", &b)
            appendDecimal(Int(fd), &b)
            appendUTF8(", events=POLLIN|POLLPRI|POLLOUT|POLLRDHUP}", &b)
        }
        if fds.count > 16 {
            appendUTF8(", ... ", &b)
            appendDecimal(fds.count - 3, &b)
            appendUTF8(" more", &b)
        }
        b.append(93)
    }
}

extension OptionCodec {
    /// The value as `describe` prints it, appended in `r`'s style. A plain int is written from its number (`[1]`,
    /// what `OptionShape.describe` gives) without a Line in between.
    static func write(_ value: OptionValue, to b: inout [UInt8], _ r: TextRenderer) {
        if isPlainInt, case .int(let v) = value {
            b.append(91)
            appendDecimal(Int(v), &b)
            b.append(93)
            return
        }
        r.append(describe(value), to: &b)
    }
}

/// Appends the decimal digits of `v` without making a String.
@inline(__always)
func appendDecimal(_ v: Int, _ b: inout [UInt8]) {
    if v < 0 { b.append(45) }
    var n = v.magnitude
    if n < 10 {
        b.append(UInt8(48 + n))
        return
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { d in
        var i = d.count
        repeat {
            i -= 1
            d[i] = UInt8(48 + n % 10)
            n /= 10
        } while n > 0
        b.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[i...]))
    }
}

/// Appends the UTF-8 of `s` with one copy (`append(contentsOf: s.utf8)` walks the string generically).
@inline(__always)
func appendUTF8(_ s: String, _ b: inout [UInt8]) {
    var s = s
    s.withUTF8 { b.append(contentsOf: $0) }
}
