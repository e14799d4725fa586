import SocketCore

/// `socket tcp|udp [4|6] [as NAME]`, `socket unix [stream|dgram] [as NAME]`: the call's three constants and
/// the name asked for.
struct SocketRequest {
    var family = Platform.afInet
    var type = Platform.sockStream
    var proto: Int32 = 0
    var name: String?
}

/// The parses of socket, bind, listen, accept, connect, shutdown and close (their runs: SocketCommands.swift).
extension Session {
    func parseSocket(_ a: inout Args) throws(InputError) -> SocketRequest {
        var q = SocketRequest()
        let kind = try a.require("tcp, udp or unix").text.lowercased()
        switch kind {
        case "tcp", "udp":
            q.type = kind == "tcp" ? Platform.sockStream : Platform.sockDgram
            q.proto = kind == "tcp" ? Platform.ipprotoTCP : Platform.ipprotoUDP
            if let t = a.peek(), t.text == "4" || t.text == "6" {
                q.family = t.text == "6" ? Platform.afInet6 : Platform.afInet
                a.index += 1
            }
        case "unix":
            q.family = Platform.afUnix
            if let t = a.peek(), ["stream", "dgram"].contains(t.text.lowercased()) {
                q.type = t.text.lowercased() == "dgram" ? Platform.sockDgram : Platform.sockStream
                a.index += 1
            }
        default:
            throw a.fail("unknown socket kind '\(kind.prefix(40))': use tcp, udp or unix")
        }
        q.name = try a.asName()
        try a.end()
        if let n = q.name { try validateName(n, usage: a.usage) }
        return q
    }

    /// `bind ADDR`, `connect ADDR`: one address word and nothing after it.
    func parseAddressOnly(_ a: inout Args, _ scope: ParseScope) throws(InputError) -> AddressWord {
        let t = try a.require("ADDR")
        try a.end()
        return try parseAddress(t, family: scope.family, usage: a.usage)
    }

    func parseListen(_ a: inout Args) throws(InputError) -> Int32 {
        var backlog: Int32 = 128
        if let t = a.next() {
            guard let n = Values.int32(t.text), n >= 0 else {
                throw a.fail("bad BACKLOG '\(t.text.prefix(20))': give a number of connections, e.g. 128")
            }
            backlog = n
        }
        try a.end()
        return backlog
    }

    func parseAccept(_ a: inout Args) throws(InputError) -> String? {
        let name = try a.asName()
        try a.end()
        if let n = name { try validateName(n, usage: a.usage) }
        return name
    }

    /// `shutdown rd|wr|rdwr`: SHUT_RD, SHUT_WR or SHUT_RDWR.
    func parseShutdown(_ a: inout Args) throws(InputError) -> Int32 {
        let t = try a.require("rd, wr or rdwr")
        try a.end()
        switch t.text.lowercased() {
        case "rd", "shut_rd": return 0
        case "wr", "shut_wr": return 1
        case "rdwr", "shut_rdwr": return 2
        default:
            throw a.fail("bad direction '\(t.text.prefix(20))': use rd, wr or rdwr (or the C names SHUT_RD, "
                + "SHUT_WR, SHUT_RDWR, in any case)")
        }
    }
}
