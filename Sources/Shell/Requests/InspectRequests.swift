import SocketCore

/// `source BYTES [SIZE]`.
struct SourceRequest {
    let total: Int
    /// The write size: given, or 128K on a stream and 1472 on a datagram socket (one packet).
    let size: Int
}

/// The parses of nonblock, poll, select, use, sleep, source and sink (their runs: InspectCommands.swift,
/// SelectCommands.swift, BulkCommands.swift).
extension Session {
    func parseNonblock(_ a: inout Args) throws(InputError) -> Bool {
        let t = try a.require("on or off")
        try a.end()
        guard let on = Values.onOff(t.text) else {
            throw a.fail("nonblock takes on or off, not '\(t.text.prefix(20))'")
        }
        return on
    }

    /// poll's TIMEOUT in milliseconds (0 just looks); a sandboxed session waits 10 ms at most.
    func parsePoll(_ a: inout Args) throws(InputError) -> Int {
        try parseTimeout(&a, Values.durationMs, sandboxCap: 10)
    }

    /// select's TIMEOUT in microseconds (0 just looks); a sandboxed session waits 10 ms at most.
    func parseSelect(_ a: inout Args) throws(InputError) -> Int {
        try parseTimeout(&a, Values.durationUs, sandboxCap: 10_000)
    }

    /// An optional TIMEOUT word, in the unit `duration` reads it in (0 when absent: just look).
    private func parseTimeout(_ a: inout Args, _ duration: (String) -> Int?, sandboxCap: Int) throws(InputError) -> Int {
        var timeout = 0
        if let t = a.next() {
            guard let d = duration(t.text) else {
                throw a.fail("bad TIMEOUT '\(t.text.prefix(20))': \(Values.durationProblem(t.text)) (0 just looks)")
            }
            timeout = settings.sandboxed ? min(d, sandboxCap) : d
        }
        try a.end()
        return timeout
    }

    /// `use NAME`: a handle that exists.
    func parseUse(_ a: inout Args) throws(InputError) -> String {
        let t = try a.require("NAME")
        try a.end()
        guard entry(t.text) != nil else {
            throw a.fail("no socket named '\(t.text.prefix(40))'" + handleHint(near: t.text))
        }
        return t.text
    }

    /// sleep's DUR in microseconds; a sandboxed session sleeps 10 ms at most.
    func parseSleep(_ a: inout Args) throws(InputError) -> Int {
        let t = try a.require("DUR (250ms, 2s)")
        try a.end()
        guard var us = Values.durationUs(t.text) else {
            throw a.fail("bad duration '\(t.text.prefix(20))': \(Values.durationProblem(t.text))")
        }
        if settings.sandboxed { us = min(us, 10_000) }
        return us
    }

    func parseSource(_ a: inout Args, _ scope: ParseScope) throws(InputError) -> SourceRequest {
        let t = try a.require("BYTES (e.g. 100M)")
        guard let total = Values.size(t.text, limit: 1 << 50), total > 0 else {
            throw a.fail("bad BYTES '\(t.text.prefix(20))': 1 byte or more, as in 1000, 64K, 100M, 2G")
        }
        // Streams write 128K at a time; a datagram must fit one packet (a 128K datagram is EMSGSIZE).
        var size = scope.isDatagram ? 1472 : 128 << 10
        if let u = a.next() {
            guard let v = Values.size(u.text, limit: Session.maxBuffer), v > 0 else {
                throw a.fail("bad SIZE '\(u.text.prefix(20))': 1 byte to 16M")
            }
            size = v
        }
        try a.end()
        return SourceRequest(total: total, size: size)
    }

    /// sink's BYTES; without it, until EOF (Int.max).
    func parseSink(_ a: inout Args) throws(InputError) -> Int {
        var total = Int.max
        if let t = a.next() {
            guard let v = Values.size(t.text, limit: 1 << 50), v > 0 else {
                throw a.fail("bad BYTES '\(t.text.prefix(20))': 1 byte or more, as in 1000, 64K, 100M")
            }
            total = v
        }
        try a.end()
        return total
    }
}
