import SocketCore

/// A system call as strace prints it, from the typed call (TypedCall.swift), written straight into an output
/// buffer: `setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0`.
///
/// Why from data: the record holds no text, so the terminal, `--record`, JSON's `"args"` and the C export's
/// comments are all this one rendering. The values that vary from run to run are known here by what they are —
/// a port in the kernel's ephemeral range, an autobound AF_UNIX name, the length of TCP_INFO, a receive
/// timestamp, the time select left — and written as wildcards in the `.wildcards` style. Descriptors, levels,
/// option names, int values, lengths and results are stored straight into the output (ByteSink) with no String in
/// between: a script of 200,000 setopt/getopt lines prints one of these per line.
extension TextRenderer {
    /// The syscall line, without a newline.
    @inline(__always)
    func write(_ record: borrowing SyscallRecord, to out: inout ByteSink) {
        if let h = record.handle {
            out.append(h)
            out.lit(" = ")
        }
        write(record.call, to: &out)
    }

    /// The call without the handle: `setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0`.
    @inline(__always)
    func write(_ c: borrowing TypedCall, to out: inout ByteSink) {
        out.lit(c.syscall.cName)
        out.append(40)  // (
        c.args.withUnsafeBufferPointer { args in
            for k in args.indices {
                // Room for the separator and a bracketed number, made once: the common arguments (`writeCommon`)
                // store their bytes with no other check.
                out.reserve(24)
                if k > 0 {
                    out.put(44)  // ,
                    out.put(32)
                }
                let arg = args.baseAddress! + k
                if !writeCommon(arg, &out) { writeOther(arg, k, of: c, &out) }
            }
        }
        // A plain value (nearly every call) is written here; the rest below.
        if case .value(let v) = c.result, c.syscall != .select {
            out.reserve(24)
            out.put(41)  // )
            out.put(32)
            out.put(61)  // =
            out.put(32)
            out.putDecimal(v)
        } else {
            out.lit(") = ")
            writeResult(c, &out)
        }
    }

    /// The arguments of nearly every call, written in room already reserved with no call each (but a name's copy);
    /// false for the rest (`writeOther`).
    @inline(__always)
    private func writeCommon(_ arg: UnsafePointer<CallArg>, _ out: inout ByteSink) -> Bool {
        switch arg.pointee {
        case .descriptor(let fd): out.putDecimal(Int(fd))
        case .integer(let n), .length(let n): out.putDecimal(n)
        case .level(let l):
            if let name = Platform.levelConstant(l) { out.lit(name) } else { out.putDecimal(Int(l)) }
        case .option(let o): o.write(to: &out)
        case .lengthInOut(let n) where style == .plain: out.putBracketed(n)
        default: return false
        }
        return true
    }

    /// An argument `writeCommon` left: a plain int option value (`[1]`, in every setsockopt and getsockopt) is
    /// written from its number here, the rest by `write(_:_:of:_:)`.
    ///
    /// Why apart from the switch: asking the codec inside it kept a copy of the whole argument alive across that
    /// call (the value's payload retained, then freed). Here the number and kind are read out first, then the codec
    /// asked.
    @inline(__always)
    private func writeOther(_ arg: UnsafePointer<CallArg>, _ k: Int, of c: TypedCall, _ out: inout ByteSink) {
        if let (n, kind) = arg.pointee.intOptionValue, kind.codec.isPlainInt {
            out.putBracketed(Int(n))
        } else {
            write(arg, k, of: c, &out)
        }
    }

    /// Each argument's text on its own (JSON's `"args"`, the C export's comments).
    public func argumentTexts(_ c: TypedCall) -> [String] {
        var out: [String] = []
        out.reserveCapacity(c.args.count)
        var b = ByteSink()
        c.args.withUnsafeBufferPointer { args in
            for k in args.indices {
                b.removeAll()
                write(args.baseAddress! + k, k, of: c, &b)
                out.append(b.string)
            }
        }
        return out
    }

    /// The result after `= `: a value (with select's detail), an errno, or the deadline.
    func writeResult(_ c: TypedCall, _ out: inout ByteSink) {
        switch c.result {
        case .value(let v):
            out.decimal(v)
            if c.syscall == .select {
                out.append(32)
                writeSelectDetail(c, &out)
            }
        case .failed(let e):
            out.lit("-1 ")
            out.append(e.name)
            out.lit(" (")
            out.append(e.message)
            out.append(41)  // )
        case .timedOut(let ms):
            // The deadline is the checker's own --timeout, not part of the lesson: a wildcard when recording.
            out.lit("? <timed out after ")
            out.append(style == .plain ? Values.durationText(ms) : Volatility.dur.wildcard)
            out.append(62)  // >
        }
    }

    /// select's `(in [5], out [4 5], left {tv_sec=0, tv_usec=99})`, or `(Timeout)`: the sets and the timeout
    /// as the kernel left them. The time left varies from run to run unless the timeout was 0.
    func writeSelectDetail(_ c: TypedCall, _ out: inout ByteSink) {
        guard case .value(let n) = c.result, n != 0 else {
            out.lit("(Timeout)")
            return
        }
        out.append(40)  // (
        var first = true
        var k = 0
        for a in c.args {
            guard case .fdSet(_, let ready?) = a else { continue }
            let name: StaticString = k == 0 ? "in" : k == 1 ? "out" : "except"
            k += 1
            if ready.isEmpty { continue }
            if !first { out.lit(", ") }
            first = false
            out.lit(name)
            out.append(32)
            writeSet(ready, &out)
        }
        if case .timeval(let s, let us, let left?)? = c.args.last {
            out.lit(", left ")
            if style == .wildcards, s != 0 || us != 0 {
                out.append(Volatility.any.wildcard)
            } else {
                writeTimeval(left / 1_000_000, left % 1_000_000, &out)
            }
        }
        out.append(41)  // )
    }

    /// The text of select's result detail without its number (JSON's `"detail"`), nil for other calls.
    public func resultDetail(_ c: TypedCall) -> String? {
        guard c.syscall == .select, case .value = c.result else { return nil }
        var b = ByteSink()
        writeSelectDetail(c, &b)
        return b.string
    }

    /// One argument, read in place (a subscript would copy, and retain, each argument).
    private func write(
        _ arg: UnsafePointer<CallArg>, _ k: Int, of c: TypedCall, _ out: inout ByteSink
    ) {
        switch arg.pointee {
        case .descriptor(let fd): out.decimal(Int(fd))
        case .integer(let n), .length(let n): out.decimal(n)
        case .lengthInOut(let n):
            out.append(91)  // [
            // What the kernel wrote back for a value of varying size (TCP_INFO grows with the kernel).
            if style == .wildcards, k > 0, case .optionValue(_?, let kind) = c.args[k - 1], kind.codec.lengthVaries {
                out.append(Volatility.n.wildcard)
            } else {
                out.decimal(n)
            }
            out.append(93)  // ]
        case .address(let a, _): append(Fmt.sockaddr(a), to: &out)
        case .unfilled: out.lit("0x...")
        case .null: out.lit("NULL")
        case .flags(let f): out.append(f.description)
        case .option(let o): o.write(to: &out)
        case .name(let n, _): out.append(n)
        case .level(let l):
            if let name = Platform.levelConstant(l) { out.lit(name) } else { out.decimal(Int(l)) }
        case .optionValue(let v, let kind):
            guard let v else { return out.lit("0x...") }
            kind.codec.write(v, &out, self)
        case .bytes(let bytes):
            guard let bytes else { return out.lit("0x...") }
            // What was sent is shown up to 256 bytes, what was received up to 1024 (as strace's -s would).
            let limit = c.syscall == .send || c.syscall == .sendto ? 256 : 1024
            append(Fmt.buffer(bytes, limit: limit), to: &out)
        case .pattern: out.lit("<pattern>")
        case .pollSet(let fds): writePollSet(fds, &out)
        case .timespec(let s, let ns):
            out.lit("{tv_sec=")
            out.decimal(s)
            out.lit(", tv_nsec=")
            out.decimal(ns)
            out.append(125)  // }
        case .fdSet(let fds, _): writeSet(fds, &out)
        case .timeval(let s, let us, _): writeTimeval(s, us, &out)
        case .intOut(let v):
            guard let v else { return out.lit("0x...") }
            out.bracketed(Int(v))
        case .receivedHeader(let h): append(Self.msghdr(h), to: &out)
        case .sentHeader(let h): append(Self.msghdr(h), to: &out)
        case .diagRequest(let family, let proto):
            append(Session.diagRequestText(SocketTableQuery(family: family, proto: proto)), to: &out)
        }
    }

    /// `[4 5]`.
    func writeSet(_ fds: [Int32], _ out: inout ByteSink) {
        out.append(91)
        for (k, fd) in fds.enumerated() {
            if k > 0 { out.append(32) }
            out.decimal(Int(fd))
        }
        out.append(93)
    }

    /// `{tv_sec=1, tv_usec=500000}`.
    func writeTimeval(_ s: Int, _ us: Int, _ out: inout ByteSink) {
        out.lit("{tv_sec=")
        out.decimal(s)
        out.lit(", tv_usec=")
        out.decimal(us)
        out.append(125)
    }

    /// poll's `[{fd=3, events=POLLIN|POLLPRI|POLLOUT|POLLRDHUP}, ...]`, the first three and a count past 16.
    func writePollSet(_ fds: [Int32], _ out: inout ByteSink) {
        out.append(91)
        let shown = fds.count <= 16 ? fds[...] : fds.prefix(3)
        for (k, fd) in shown.enumerated() {
            if k > 0 { out.lit(", ") }
            out.lit("{fd=")
            out.decimal(Int(fd))
            out.lit(", events=POLLIN|POLLPRI|POLLOUT|POLLRDHUP}")
        }
        if fds.count > 16 {
            out.lit(", ... ")
            out.decimal(fds.count - 3)
            out.lit(" more")
        }
        out.append(93)
    }
}

extension CallArg {
    /// An option value that is one int, with its kind; nil for anything else. Read without a call in between, so
    /// the argument is never copied out across the codec's check (see `writeOther`).
    @inline(__always)
    fileprivate var intOptionValue: (Int32, OptionKind)? {
        if case .optionValue(.int(let n)?, let kind) = self { return (n, kind) }
        return nil
    }
}

extension OptionCodec {
    /// The value as `describe` prints it, in `r`'s style. A plain int is written from its number (`[1]`, what
    /// `OptionShape.describe` gives) without a Line in between.
    static func write(_ value: OptionValue, _ out: inout ByteSink, _ r: TextRenderer) {
        if case .int(let v) = value, isPlainInt {
            out.bracketed(Int(v))
        } else {
            r.append(describe(value), to: &out)
        }
    }
}

extension Syscall {
    /// The call's name (its raw value) as fixed text, which the renderer copies into the line with no String in
    /// between. A new call does not compile until it has one; a test checks each against the raw value.
    @inline(__always)
    var cName: StaticString {
        switch self {
        case .socket: return "socket"
        case .bind: return "bind"
        case .listen: return "listen"
        case .accept: return "accept"
        case .connect: return "connect"
        case .shutdown: return "shutdown"
        case .close: return "close"
        case .send: return "send"
        case .sendto: return "sendto"
        case .recv: return "recv"
        case .recvfrom: return "recvfrom"
        case .setsockopt: return "setsockopt"
        case .getsockopt: return "getsockopt"
        case .fcntl: return "fcntl"
        case .poll: return "poll"
        case .nanosleep: return "nanosleep"
        case .select: return "select"
        case .ioctl: return "ioctl"
        case .recvmsg: return "recvmsg"
        case .sendmsg: return "sendmsg"
        }
    }
}
