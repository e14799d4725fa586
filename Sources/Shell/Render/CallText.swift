import SocketCore

/// A system call as strace prints it, from the typed call (TypedCall.swift), written straight into an output
/// buffer: `setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0`.
///
/// Why from data: the record holds no text, so the terminal, `--record`, JSON's `"args"` and the C export's
/// comments are all this one rendering. The values that vary from run to run are known here by what they are —
/// a port in the kernel's ephemeral range, an autobound AF_UNIX name, the length of TCP_INFO, a receive
/// timestamp, the time select left — and written as wildcards in the `.wildcards` style. Descriptors, levels,
/// option names, int values, lengths and results go into a line buffer on the stack with no String in between
/// (LineCursor), and the line into the output in one copy: a script of 200,000 setopt/getopt lines prints one of
/// these per line.
extension TextRenderer {
    /// The syscall line, without a newline.
    func write(_ record: SyscallRecord, to out: inout [UInt8]) {
        LineCursor.with(&out) { w, out in write(record, &w, &out) }
    }

    func write(_ record: SyscallRecord, _ w: inout LineCursor, _ out: inout [UInt8]) {
        if let h = record.handle {
            w.text(h, &out)
            w.lit(" = ", &out)
        }
        w.text(record.call.syscall.rawValue, &out)
        w.byte(40, &out)  // (
        record.call.args.withUnsafeBufferPointer { args in
            for k in args.indices {
                if k > 0 { w.lit(", ", &out) }
                write(args.baseAddress! + k, k, of: record.call, &w, &out)
            }
        }
        w.lit(") = ", &out)
        writeResult(record.call, &w, &out)
    }

    /// Each argument's text on its own (JSON's `"args"`, the C export's comments).
    public func argumentTexts(_ c: TypedCall) -> [String] {
        var out: [String] = []
        out.reserveCapacity(c.args.count)
        var b: [UInt8] = []
        c.args.withUnsafeBufferPointer { args in
            for k in args.indices {
                b.removeAll(keepingCapacity: true)
                LineCursor.with(&b) { w, b in write(args.baseAddress! + k, k, of: c, &w, &b) }
                out.append(String(decoding: b, as: UTF8.self))
            }
        }
        return out
    }

    /// The result after `= `: a value (with select's detail), an errno, or the deadline.
    func writeResult(_ c: TypedCall, _ w: inout LineCursor, _ out: inout [UInt8]) {
        switch c.result {
        case .value(let v):
            w.decimal(v, &out)
            if c.syscall == .select {
                w.byte(32, &out)
                writeSelectDetail(c, &w, &out)
            }
        case .failed(let e):
            w.lit("-1 ", &out)
            w.text(e.name, &out)
            w.lit(" (", &out)
            w.text(e.message, &out)
            w.byte(41, &out)  // )
        case .timedOut(let ms):
            // The deadline is the checker's own --timeout, not part of the lesson: a wildcard when recording.
            w.lit("? <timed out after ", &out)
            w.text(style == .plain ? Values.durationText(ms) : Volatility.dur.wildcard, &out)
            w.byte(62, &out)  // >
        }
    }

    /// select's `(in [5], out [4 5], left {tv_sec=0, tv_usec=99})`, or `(Timeout)`: the sets and the timeout
    /// as the kernel left them. The time left varies from run to run unless the timeout was 0.
    func writeSelectDetail(_ c: TypedCall, _ w: inout LineCursor, _ out: inout [UInt8]) {
        guard case .value(let n) = c.result, n != 0 else {
            w.lit("(Timeout)", &out)
            return
        }
        w.byte(40, &out)  // (
        var first = true
        var k = 0
        for a in c.args {
            guard case .fdSet(_, let ready?) = a else { continue }
            let name: StaticString = k == 0 ? "in" : k == 1 ? "out" : "except"
            k += 1
            if ready.isEmpty { continue }
            if !first { w.lit(", ", &out) }
            first = false
            w.lit(name, &out)
            w.byte(32, &out)
            writeSet(ready, &w, &out)
        }
        if case .timeval(let s, let us, let left?)? = c.args.last {
            w.lit(", left ", &out)
            if style == .wildcards, s != 0 || us != 0 {
                w.text(Volatility.any.wildcard, &out)
            } else {
                writeTimeval(left / 1_000_000, left % 1_000_000, &w, &out)
            }
        }
        w.byte(41, &out)  // )
    }

    /// The text of select's result detail without its number (JSON's `"detail"`), nil for other calls.
    public func resultDetail(_ c: TypedCall) -> String? {
        guard c.syscall == .select, case .value = c.result else { return nil }
        var b: [UInt8] = []
        LineCursor.with(&b) { w, b in writeSelectDetail(c, &w, &b) }
        return String(decoding: b, as: UTF8.self)
    }

    /// One argument, read in place (a subscript would copy, and retain, each argument).
    private func write(
        _ arg: UnsafePointer<CallArg>, _ k: Int, of c: TypedCall, _ w: inout LineCursor, _ out: inout [UInt8]
    ) {
        switch arg.pointee {
        case .descriptor(let fd): w.decimal(Int(fd), &out)
        case .integer(let n), .length(let n): w.decimal(n, &out)
        case .lengthInOut(let n):
            w.byte(91, &out)  // [
            // What the kernel wrote back for a value of varying size (TCP_INFO grows with the kernel).
            if style == .wildcards, k > 0, case .optionValue(_?, let kind) = c.args[k - 1], kind.codec.lengthVaries {
                w.text(Volatility.n.wildcard, &out)
            } else {
                w.decimal(n, &out)
            }
            w.byte(93, &out)  // ]
        case .address(let a, _): w.line(Fmt.sockaddr(a), self, &out)
        case .unfilled: w.lit("0x...", &out)
        case .null: w.lit("NULL", &out)
        case .flags(let f): w.text(f.description, &out)
        case .name(let n, _): w.text(n, &out)
        case .option(let o, _): w.text(o.text, &out)
        case .level(let l): w.text(Platform.levelName(l), &out)
        case .optionValue(let v, let kind):
            guard let v else { return w.lit("0x...", &out) }
            kind.codec.write(v, &w, &out, self)
        case .bytes(let bytes):
            guard let bytes else { return w.lit("0x...", &out) }
            // What was sent is shown up to 256 bytes, what was received up to 1024 (as strace's -s would).
            let limit = c.syscall == .send || c.syscall == .sendto ? 256 : 1024
            w.line(Fmt.buffer(bytes, limit: limit), self, &out)
        case .pattern: w.lit("<pattern>", &out)
        case .pollSet(let fds): writePollSet(fds, &w, &out)
        case .timespec(let s, let ns):
            w.lit("{tv_sec=", &out)
            w.decimal(s, &out)
            w.lit(", tv_nsec=", &out)
            w.decimal(ns, &out)
            w.byte(125, &out)  // }
        case .fdSet(let fds, _): writeSet(fds, &w, &out)
        case .timeval(let s, let us, _): writeTimeval(s, us, &w, &out)
        case .intOut(let v):
            guard let v else { return w.lit("0x...", &out) }
            w.byte(91, &out)
            w.decimal(Int(v), &out)
            w.byte(93, &out)
        case .receivedHeader(let h): w.line(Self.msghdr(h), self, &out)
        case .sentHeader(let h): w.line(Self.msghdr(h), self, &out)
        case .diagRequest(let family, let proto):
            w.line(Session.diagRequestText(SocketTableQuery(family: family, proto: proto)), self, &out)
        }
    }

    /// `[4 5]`.
    func writeSet(_ fds: [Int32], _ w: inout LineCursor, _ out: inout [UInt8]) {
        w.byte(91, &out)
        for (k, fd) in fds.enumerated() {
            if k > 0 { w.byte(32, &out) }
            w.decimal(Int(fd), &out)
        }
        w.byte(93, &out)
    }

    /// `{tv_sec=1, tv_usec=500000}`.
    func writeTimeval(_ s: Int, _ us: Int, _ w: inout LineCursor, _ out: inout [UInt8]) {
        w.lit("{tv_sec=", &out)
        w.decimal(s, &out)
        w.lit(", tv_usec=", &out)
        w.decimal(us, &out)
        w.byte(125, &out)
    }

    /// poll's `[{fd=3, events=POLLIN|POLLPRI|POLLOUT|POLLRDHUP}, ...]`, the first three and a count past 16.
    func writePollSet(_ fds: [Int32], _ w: inout LineCursor, _ out: inout [UInt8]) {
        w.byte(91, &out)
        let shown = fds.count <= 16 ? fds[...] : fds.prefix(3)
        for (k, fd) in shown.enumerated() {
            if k > 0 { w.lit(", ", &out) }
            w.lit("{fd=", &out)
            w.decimal(Int(fd), &out)
            w.lit(", events=POLLIN|POLLPRI|POLLOUT|POLLRDHUP}", &out)
        }
        if fds.count > 16 {
            w.lit(", ... ", &out)
            w.decimal(fds.count - 3, &out)
            w.lit(" more", &out)
        }
        w.byte(93, &out)
    }
}

extension OptionCodec {
    /// The value as `describe` prints it, in `r`'s style. A plain int is written from its number (`[1]`, what
    /// `OptionShape.describe` gives) without a Line in between.
    static func write(_ value: OptionValue, _ w: inout LineCursor, _ out: inout [UInt8], _ r: TextRenderer) {
        if case .int(let v) = value, isPlainInt {
            w.byte(91, &out)
            w.decimal(Int(v), &out)
            w.byte(93, &out)
            return
        }
        w.line(describe(value), r, &out)
    }
}

/// The line being written: its short pieces are stored into a buffer on the stack, which goes into the output in
/// one copy when the line is done (or full); a Line (an address, a buffer, a msghdr) is appended in the
/// renderer's style after what the buffer holds.
///
/// Why: appending a few bytes at a time to the output Array checked its uniqueness and capacity on every piece,
/// several times the cost of storing the bytes.
struct LineCursor {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var count = 0

    /// Runs `body` with a cursor over a buffer on the stack, then moves what is left in it to `out`.
    @inline(__always)
    static func with(_ out: inout [UInt8], _ body: (inout LineCursor, inout [UInt8]) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buf in
            var w = LineCursor(base: buf.baseAddress!, capacity: buf.count)
            body(&w, &out)
            w.flush(&out)
        }
    }

    /// Moves the bytes written so far to `out`.
    @inline(__always)
    mutating func flush(_ out: inout [UInt8]) {
        if count > 0 {
            out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
            count = 0
        }
    }

    @inline(__always)
    mutating func byte(_ x: UInt8, _ out: inout [UInt8]) {
        if count == capacity { flush(&out) }
        base[count] = x
        count += 1
    }

    @inline(__always)
    mutating func bytes(_ s: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        guard let src = s.baseAddress else { return }
        if s.count > capacity - count {
            flush(&out)
            if s.count > capacity { return out.append(contentsOf: s) }
        }
        (base + count).update(from: src, count: s.count)
        count += s.count
    }

    /// Fixed text.
    @inline(__always)
    mutating func lit(_ s: StaticString, _ out: inout [UInt8]) {
        s.withUTF8Buffer { bytes($0, &out) }
    }

    /// Text as it is (names, errno messages; no wildcard can be in them).
    @inline(__always)
    mutating func text(_ s: String, _ out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes($0, &out) }
    }

    /// A Line in the renderer's style (its volatile pieces as wildcards when recording).
    mutating func line(_ l: Line, _ r: TextRenderer, _ out: inout [UInt8]) {
        flush(&out)
        r.append(l, to: &out)
    }

    /// The decimal digits of `v`, written in place.
    @inline(__always)
    mutating func decimal(_ v: Int, _ out: inout [UInt8]) {
        if capacity - count < 20 { flush(&out) }
        var n = v.magnitude
        if v < 0 {
            base[count] = 45
            count += 1
        }
        if n < 10 {
            base[count] = UInt8(truncatingIfNeeded: 48 + n)
            count += 1
            return
        }
        var digits = 1
        var m = n
        while m >= 10 {
            m /= 10
            digits += 1
        }
        count += digits
        var i = count
        repeat {
            i -= 1
            base[i] = UInt8(truncatingIfNeeded: 48 + n % 10)
            n /= 10
        } while n > 0
    }
}

/// Appends the UTF-8 of `s` with one copy (`append(contentsOf: s.utf8)` walks the string generically).
@inline(__always)
func appendUTF8(_ s: String, _ b: inout [UInt8]) {
    var s = s
    s.withUTF8 { b.append(contentsOf: $0) }
}
