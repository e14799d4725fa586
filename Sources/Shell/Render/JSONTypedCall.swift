import SocketCore

/// The typed arguments of a call as JSON: numbers as numbers, addresses and option values as objects.
///
/// Why beside `"args"` and not instead of it: `"args"` (the printed text of each argument) is what existing
/// readers of `--json` parse; `"values"` is the same call as data, for programs that should not parse strace text.
extension JSONRenderer {
    /// `[{"fd":3},{"sockaddr":{"family":"AF_INET","addr":"127.0.0.1","port":5000}},{"len":16}]`.
    static func values(_ c: TypedCall) -> String {
        "[" + c.args.map(value).joined(separator: ",") + "]"
    }

    static func value(_ a: CallArg) -> String {
        switch a {
        case .descriptor(let fd): return "{\"fd\":\(fd)}"
        case .integer(let n): return "{\"int\":\(n)}"
        case .length(let n): return "{\"len\":\(n)}"
        case .lengthInOut(let n): return "{\"len_inout\":\(n)}"
        case .address(let addr, let handle):
            return "{\"sockaddr\":\(sockaddr(addr))" + (handle.map { ",\"from_handle\":\(string($0))" } ?? "") + "}"
        case .unfilled: return "{\"unfilled\":true}"
        case .null: return "null"
        case .flags(let f):
            let names = MessageFlags.names.filter { f.contains($0.0) }.map(\.1)
            return "{\"flags\":\(array(names)),\"value\":\(f.rawValue)}"
        case .name(let n, let v): return "{\"const\":\(string(n)),\"value\":\(v)}"
        case .level(let l): return "{\"level\":\(string(Platform.levelName(l))),\"value\":\(l)}"
        case .option(let o): return "{\"option\":\(string(o.text)),\"value\":\(o.number)}"
        case .optionValue(let v, let kind):
            let codec = kind.codec
            return "{\"optval\":\(v.map { codec.json($0) } ?? "null"),\"kind\":\(string(codec.jsonKind))}"
        case .bytes(let b):
            guard let b else { return "{\"bytes\":null}" }
            return "{\"bytes\":\(b.count),\"hex\":\"\(hex(b.prefix(1024)))\""
                + (b.count > 1024 ? ",\"cut\":true}" : "}")
        case .pattern: return "{\"pattern\":true}"
        case .pollSet(let fds): return "{\"pollfds\":[\(fds.map { "\($0)" }.joined(separator: ","))]}"
        case .timespec(let s, let ns): return "{\"tv_sec\":\(s),\"tv_nsec\":\(ns)}"
        case .fdSet(let fds, let ready):
            return "{\"fd_set\":[\(fds.map { "\($0)" }.joined(separator: ","))]"
                + (ready.map { ",\"ready\":[\($0.map { "\($0)" }.joined(separator: ","))]" } ?? "") + "}"
        case .timeval(let s, let us, let left):
            return "{\"tv_sec\":\(s),\"tv_usec\":\(us)" + (left.map { ",\"left_usec\":\($0)" } ?? "") + "}"
        case .intOut(let v): return "{\"int_out\":\(v.map { "\($0)" } ?? "null")}"
        case .receivedHeader(let h): return receivedHeader(h)
        case .sentHeader(let h): return sentHeader(h)
        case .diagRequest(let f, let p):
            return "{\"sock_diag\":{\"family\":\(string(Platform.familyName(f))),\"protocol\":\(p)}}"
        }
    }

    /// `{"family":"AF_INET6","addr":"::1","port":80,"scope_id":0}`, `{"family":"AF_UNIX","path":"/tmp/s"}`.
    static func sockaddr(_ a: SocketAddress) -> String {
        switch a {
        case .ipv4(let ip, let port):
            return "{\"family\":\"AF_INET\",\"addr\":\(string(ipv4(ip))),\"port\":\(port)}"
        case .ipv6(let ip, let port, let scope):
            let host = SocketAddress.ipv6(address: ip, port: 0, scope: 0).host
            return "{\"family\":\"AF_INET6\",\"addr\":\(string(host)),\"port\":\(port),\"scope_id\":\(scope)}"
        case .unix(let path):
            if path.isEmpty { return "{\"family\":\"AF_UNIX\"}" }
            if path.hasPrefix("@") {
                return "{\"family\":\"AF_UNIX\",\"abstract\":\(string(String(path.dropFirst())))}"
            }
            return "{\"family\":\"AF_UNIX\",\"path\":\(string(path))}"
        }
    }

    /// An option value as JSON by its C shape (a kind's codec adds names where it knows them).
    static func optionShape(_ v: OptionValue) -> String {
        switch v {
        case .int(let n): return "{\"int\":\(n)}"
        case .linger(let on, let s): return "{\"l_onoff\":\(on ? 1 : 0),\"l_linger\":\(s)}"
        case .timeval(let s, let us): return "{\"tv_sec\":\(s),\"tv_usec\":\(us)}"
        case .string(let s): return "{\"string\":\(string(s))}"
        case .inAddr(let a): return "{\"in_addr\":\(string(ipv4(a)))}"
        case .mreqn(let g, let a, let i):
            return "{\"imr_multiaddr\":\(string(ipv4(g))),\"imr_address\":\(string(ipv4(a))),\"imr_ifindex\":\(i)}"
        case .mreq6(let g, let i):
            let host = SocketAddress.ipv6(address: g, port: 0, scope: 0).host
            return "{\"ipv6mr_multiaddr\":\(string(host)),\"ipv6mr_interface\":\(i)}"
        case .raw(let b): return "{\"hex\":\"\(hex(b[...]))\"}"
        }
    }

    static func ipv4(_ a: [UInt8]) -> String { SocketAddress.ipv4(address: Array(a.prefix(4)), port: 0).host }

    static func hex(_ b: ArraySlice<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        var s = ""
        s.reserveCapacity(b.count * 2)
        for x in b {
            s.append(digits[Int(x >> 4)])
            s.append(digits[Int(x & 15)])
        }
        return s
    }
}
