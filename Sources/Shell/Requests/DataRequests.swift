import SocketCore

/// `send [FLAG...] DATA`, `sendto ADDR [FLAG...] DATA`.
struct SendRequest {
    /// sendto's ADDR; nil for send.
    var destination: AddressWord?
    var flags: MessageFlags = []
    var data: [UInt8] = []
    /// A quoted word among others: the rest of the line goes as typed, quotes and all (SPEC §2a); the run says so.
    var quotesAsTyped = false
}

/// `recv [N] [FLAG...]`, `recvmsg [N] [FLAG...]`: at most `count` bytes (not yet capped to the buffer: the run
/// says when it caps).
struct ReceiveRequest {
    var count = 65536
    var flags: MessageFlags = []
}

/// The parses of send, sendto and recv (their runs: DataCommands.swift).
extension Session {
    func parseSend(_ a: inout Args, _ scope: ParseScope, to: Bool) throws(InputError) -> SendRequest {
        var q = SendRequest()
        if to { q.destination = try parseAddress(try a.require("ADDR"), family: scope.family, usage: a.usage) }
        q.flags = try sendFlags(&a, command: to ? "sendto" : "send")
        q.quotesAsTyped = a.index < a.tokens.count - 1 && a.tokens[a.index...].contains { $0.quoted }
            && a.peek()?.text.lowercased() != "hex"
        q.data = try sendData(&a)
        return q
    }

    /// N and flags in any order (SPEC §2a); a flag also by its C name, any case.
    func parseRecv(_ a: inout Args) throws(InputError) -> ReceiveRequest {
        var q = ReceiveRequest()
        var sawCount = false
        while let t = a.next() {
            if let f = FlagWords.flag(t), CommandTable.recvFlags.contains(f.name) {
                q.flags.insert(f.flag)
                continue
            }
            if FlagWords.looksLikeCName(t) {
                throw a.fail(FlagWords.refusal(t.text, command: "recv", allowed: CommandTable.recvFlags,
                                               sendsData: false))
            }
            let n = Values.size(t.text, limit: Int.max / 2)
            guard !sawCount, let n else {
                // The same typo reads the same wherever it stands.
                throw a.fail(
                    n != nil
                        ? "N given twice ('\(t.text.prefix(30))'): give one size"
                        : sawCount
                            ? "bad flag '\(t.text.prefix(30))': give peek, waitall, oob, dontwait or trunc"
                            : "bad N or flag '\(t.text.prefix(30))': give a size (64, 4K) or "
                                + "peek, waitall, oob, dontwait, trunc")
            }
            q.count = n
            sawCount = true
        }
        return q
    }
}
