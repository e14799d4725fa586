import Glibc
import SocketCore

/// `sendmsg [ADDR] [ttl N] [from IP] [FLAG...] DATA`.
struct SendMessageRequest {
    /// ADDR, when one came first (a connected socket needs none).
    var destination: AddressWord?
    /// The control messages for this datagram only, in the order typed.
    var control: [SentControl] = []
    var flags: MessageFlags = []
    var data: [UInt8] = []
}

/// The parses of recvmsg and sendmsg (their runs: MessageCommands.swift).
extension Session {
    func parseRecvmsg(_ a: inout Args) throws(InputError) -> ReceiveRequest {
        var count = 65536
        var flags: Int32 = 0
        var sawCount = false
        let words: [(String, Int32)] = [
            ("peek", Int32(MSG_PEEK)), ("waitall", Int32(MSG_WAITALL)), ("oob", Int32(MSG_OOB)),
            ("dontwait", Int32(MSG_DONTWAIT)), ("trunc", Int32(MSG_TRUNC)), ("errqueue", Int32(MSG_ERRQUEUE)),
        ]
        while let t = a.next() {
            // As every flag word of the shell (FlagWords): any case, with or without the C prefix `MSG_`.
            var w = t.text.lowercasedASCII()
            if FlagWords.looksLikeCName(w) { w.removeFirst(4) }
            if let f = words.first(where: { $0.0 == w }) {
                flags |= f.1
                continue
            }
            if FlagWords.looksLikeCName(t.text) {
                throw a.fail(FlagWords.refusal(t.text, command: "recvmsg", allowed: words.map(\.0), sendsData: false))
            }
            guard !sawCount, let n = Values.size(t.text, limit: Int.max / 2) else {
                throw a.fail(sawCount ? "bad flag '\(t.text.prefix(30))': give peek, waitall, oob, dontwait, trunc "
                    + "or errqueue" : "bad N or flag '\(t.text.prefix(30))': give a size (64, 4K) or a flag")
            }
            count = n
            sawCount = true
        }
        return ReceiveRequest(count: count, flags: MessageFlags(rawValue: flags))
    }

    func parseSendmsg(_ a: inout Args, _ scope: ParseScope) throws(InputError) -> SendMessageRequest {
        var q = SendMessageRequest()
        // An address comes first unless the word is a keyword of sendmsg (a connected socket needs none).
        if let t = a.peek(), !t.quoted, !["ttl", "from", "hex"].contains(t.text.lowercasedASCII()),
           !CommandTable.sendFlags.contains(t.text.lowercasedASCII()),
           entry(t.text) != nil || t.text.contains(":") || t.text.hasPrefix("/") || t.text.hasPrefix("./") {
            a.index += 1
            q.destination = try parseAddress(t, family: scope.family, usage: a.usage)
        }
        let v6 = scope.family == Platform.afInet6
        while let t = a.peek(), !t.quoted {
            let w = t.text.lowercasedASCII()
            if w == "ttl" {
                a.index += 1
                let v = try a.require("N after ttl")
                guard let n = Values.int32(v.text), n >= 0, n <= 255 else {
                    throw a.fail("bad ttl '\(v.text.prefix(20))': give 0 to 255")
                }
                q.control.append(.ttl(n, v6: v6))
            } else if w == "from" {
                a.index += 1
                let v = try a.require("IP after from")
                if v6 {
                    guard let addr = SocketAddress.parseIPv6(v.text) else {
                        throw a.fail("bad source '\(v.text.prefix(40))': give an IPv6 address of this host")
                    }
                    q.control.append(.source6(addr))
                } else {
                    guard let addr = SocketAddress.parseIPv4(v.text) else {
                        throw a.fail("bad source '\(v.text.prefix(40))': give an IPv4 address of this host")
                    }
                    q.control.append(.source4(addr))
                }
            } else {
                break
            }
        }
        if scope.family == Platform.afUnix, !q.control.isEmpty {
            throw a.fail("ttl and from are IP control messages: this is an AF_UNIX socket")
        }
        q.flags = try sendFlags(&a, command: "sendmsg")
        q.data = try sendData(&a)
        return q
    }
}
