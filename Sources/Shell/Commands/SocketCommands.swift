import CSocketShims
import Glibc
import SocketCore

/// socket, bind, listen, accept, connect, shutdown, close.
extension Session {
    func cmdSocket(_ a: inout Args, into ev: inout [Event]) throws(InputError) {
        let kind = try a.require("tcp, udp or unix").text.lowercased()
        var family = Platform.afInet
        var type = Platform.sockStream
        var proto: Int32 = 0
        switch kind {
        case "tcp", "udp":
            type = kind == "tcp" ? Platform.sockStream : Platform.sockDgram
            proto = kind == "tcp" ? Platform.ipprotoTCP : Platform.ipprotoUDP
            if let t = a.peek(), t.text == "4" || t.text == "6" {
                family = t.text == "6" ? Platform.afInet6 : Platform.afInet
                a.index += 1
            }
        case "unix":
            family = Platform.afUnix
            if let t = a.peek(), ["stream", "dgram"].contains(t.text.lowercased()) {
                type = t.text.lowercased() == "dgram" ? Platform.sockDgram : Platform.sockStream
                a.index += 1
            }
        default:
            throw a.fail("unknown socket kind '\(kind.prefix(40))': use tcp, udp or unix")
        }
        let name = try a.asName()
        try a.end()
        if let n = name { try validateName(n, usage: a.usage) }
        // In the lab the socket is made on the current host, and stays in its namespace (SPEC §7).
        let (sock, r) = network.withCurrentHost { Socket.open(family: family, type: type, proto: proto) }
        guard let s = sock else {
            ev.append(.syscall(SyscallRecord(socketCall(family, type, proto, CallResult(r)))))
            if r.error?.rawValue == EMFILE {
                ev.append(.note(Line(DescriptorLimit.note())))
            }
            return
        }
        let handle = try newHandle(name)
        _ = register(s, handle: handle, accepted: false, keepCurrent: false)
        ev.append(.syscall(SyscallRecord(handle: handle, socketCall(family, type, proto, .value(Int(s.fd))))))
    }

    /// Resolves an address word for `socket`: a handle (its local address) or an address.
    func address(_ t: Token, for socket: Socket, usage: String) throws(InputError) -> SocketAddress {
        if !t.quoted, let other = entry(t.text) {
            guard var local = other.socket.localAddress else {
                throw InputError("socket \(t.text) has no local address", usage: usage)
            }
            // In the lab, a socket bound to the wildcard is reached at its host's address.
            if let labbed = try labAddress(ofHandle: other.fd, local: local, family: socket.family, usage: usage) {
                return labbed
            }
            // A socket bound to the wildcard is reached on loopback, in the family of the socket that uses it.
            switch local {
            case .ipv4(let ip, let port) where ip == [0, 0, 0, 0]:
                local = .ipv4(address: [127, 0, 0, 1], port: port)
            case .ipv6(let ip, let port, _) where ip.allSatisfy({ $0 == 0 }):
                local =
                    socket.family == Platform.afInet
                    ? .ipv4(address: [127, 0, 0, 1], port: port)
                    : .ipv6(address: [UInt8](repeating: 0, count: 15) + [1], port: port, scope: 0)
            default: break
            }
            if local.family == Platform.afInet, socket.family == Platform.afInet6, case .ipv4(let ip, let p) = local {
                local = .ipv6(address: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] + ip, port: p, scope: 0)
            }
            return local
        }
        if let labbed = try labAddress(t.text, family: socket.family, usage: usage) { return labbed }
        try refuseInSandbox(t.text, usage: usage)
        switch SocketAddress.parse(t.text, family: socket.family) {
        case .success(.unix(let path)) where path.utf8.count - (path.hasPrefix("@") ? 1 : 0) > 107:
            // sun_path holds 108 bytes: a longer path would reach the kernel cut short, unlike what is shown.
            throw InputError(
                "AF_UNIX path too long (\(path.utf8.count) bytes): sun_path holds at most 107 and a NUL",
                usage: usage)
        case .success(let addr): return addr
        case .failure(.badPort(let p)):
            throw InputError("bad port '\(p.prefix(20))' in '\(t.text.prefix(60))': use 0-65535", usage: usage)
        case .failure(.unresolved(let host, let why)):
            throw InputError("cannot resolve '\(host.prefix(60))': \(why)", usage: usage)
        case .failure(.malformed):
            let hint = table.count == 0 ? ""
                : table.count <= HandleTable.listedInFull ? ", or a handle (\(handles.joined(separator: ", ")))"
                : ", or a handle (\(table.count) open, such as \(table.nearest(to: t.text).joined(separator: ", ")))"
            throw InputError(
                "bad address '\(t.text.prefix(60))': use IP:PORT, [IPv6]:PORT, :PORT, /path\(hint)",
                usage: usage)
        }
    }

    func cmdBind(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let t = try a.require("ADDR")
        try a.end()
        let s = c.socket
        let addr = try address(t, for: s, usage: a.usage)
        let r = s.bind(addr)
        ev.append(
            .syscall(
                SyscallRecord(
                    TypedCall(.bind, [.descriptor(s.fd), .address(addr, handle: addressHandle(t, addr)),
                                      .length(Int(addr.length))], CallResult(r)))))
        if r.error == nil {
            c.entry!.bound = true
            if addr.port == 0, let local = s.localAddress { ev.append(.note("local address \(Fmt.address(local))")) }
        }
        if r.error?.rawValue == EADDRINUSE { adviseAddressInUse(addr, c, into: &ev) }
        adviseErrno(.bind, r.error, address: addr, c, into: &ev)
    }

    func cmdListen(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {
        var backlog: Int32 = 128
        if let t = a.next() {
            guard let n = Values.int32(t.text), n >= 0 else {
                throw a.fail("bad BACKLOG '\(t.text.prefix(20))': give a number of connections, e.g. 128")
            }
            backlog = n
        }
        try a.end()
        let s = c.socket
        let wasBound = c.entry!.bound
        let r = s.listen(backlog: backlog)
        ev.append(
            .syscall(
                SyscallRecord(
                    TypedCall(.listen, [.descriptor(s.fd), .integer(Int(backlog))], CallResult(r)))))
        if r.error == nil {
            c.entry!.listening = true
            if !wasBound, let local = s.localAddress {
                ev.append(.note("local address \(Fmt.address(local))"))
                ev.append(.note("listen bound the socket itself: every local address, and a port the kernel chose "
                    + "(bind first to pick them)"))
            }
            c.entry!.bound = true
        }
        adviseErrno(.listen, r.error, c, into: &ev)
    }

    func cmdAccept(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let name = try a.asName()
        try a.end()
        if let n = name { try validateName(n, usage: a.usage) }
        let s = c.socket
        let ((sock, peer, r), timedOut) = blocking { s.accept() }
        guard let ns = sock else {
            ev.append(
                .syscall(
                    SyscallRecord(
                        TypedCall(.accept, [.descriptor(s.fd), .unfilled, .lengthInOut(sockaddrStorageSize)],
                                  result(r, timedOut: timedOut)))))
            adviseErrno(.accept, r.error, c, into: &ev)
            if r.error?.rawValue == EMFILE { ev.append(.note(Line(DescriptorLimit.note()))) }
            return
        }
        let handle = try newHandle(name)
        let e = register(ns, handle: handle, accepted: true, keepCurrent: c.viaAt)
        e.connected = true
        e.bound = true
        ev.append(
            .syscall(
                SyscallRecord(
                    handle: handle,
                    TypedCall(.accept, [.descriptor(s.fd), peer.map { .address($0, handle: nil) } ?? .null,
                                        .lengthInOut(Int(peer?.length ?? 0))], .value(Int(ns.fd))))))
    }

    func cmdConnect(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let t = try a.require("ADDR")
        try a.end()
        let s = c.socket
        let addr = try address(t, for: s, usage: a.usage)
        let start = Session.now()
        let (r, timedOut) = blocking { s.connect(addr) }
        ev.append(
            .syscall(
                SyscallRecord(
                    TypedCall(.connect, [.descriptor(s.fd), .address(addr, handle: addressHandle(t, addr)),
                                         .length(Int(addr.length))], result(r, timedOut: timedOut)))))
        if r.error == nil || r.error?.rawValue == EINPROGRESS {
            c.entry!.connected = true
            c.entry!.bound = true
        }
        noteTimedOut("connect", r.error, since: start, into: &ev)
        if r.error?.rawValue == EACCES { advise(.broadcastWithoutOption(addr), c, into: &ev) }
        adviseErrno(.connect, r.error, address: addr, c, into: &ev)
        adviseCall(.connect, r.error, address: addr, c, into: &ev)
        if r.error?.rawValue == EINPROGRESS {
            ev.append(
                .note(
                    "the handshake goes on in the background: `poll` shows writable when it is done, "
                        + "`getopt SO_ERROR` its outcome"))
        }
    }

    func cmdShutdown(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let t = try a.require("rd, wr or rdwr")
        try a.end()
        let how: Int32
        switch t.text.lowercased() {
        case "rd", "shut_rd": how = 0
        case "wr", "shut_wr": how = 1
        case "rdwr", "shut_rdwr": how = 2
        default:
            throw a.fail("bad direction '\(t.text.prefix(20))': use rd, wr or rdwr (or the C names SHUT_RD, "
                + "SHUT_WR, SHUT_RDWR, in any case)")
        }
        let s = c.socket
        let r = s.shutdown(how: how)
        if r.error == nil, how != 1 { c.entry!.readShut = true }
        let names = ["SHUT_RD", "SHUT_WR", "SHUT_RDWR"]
        ev.append(
            .syscall(
                SyscallRecord(
                    TypedCall(.shutdown, [.descriptor(s.fd), .name(names[Int(how)], value: how)], CallResult(r)))))
    }

    func cmdClose(_ a: inout Args, _ c: Context, into ev: inout [Event]) throws(InputError) {
        try a.end()
        let e = c.entry!
        let fd = e.fd
        let linger = lingerSeconds(e.socket)
        let start = Session.now()
        let (r, timedOut) = blocking { e.socket.close() }
        let waited = Session.now() - start
        unregister(e)
        ev.append(.syscall(SyscallRecord(TypedCall(.close, [.descriptor(fd)], result(r, timedOut: timedOut)))))
        if let linger, linger > 0, timedOut || signals.interruptPending {
            noteLingerCutShort(byTimeout: timedOut, waited: waited, linger: linger, &ev)
        } else if r.error == nil, !timedOut, waited >= 0.25 {
            // Only SO_LINGER makes close block; say so, or the wait goes unseen in a transcript.
            ev.append(
                .note(
                    "close blocked for \(volatile: Values.humanSeconds(waited), .dur): SO_LINGER waits until "
                        + "the queued data and the FIN are acknowledged or the linger time runs out; "
                        + "on Linux it returns 0 "
                        + "either way and the kernel goes on sending what is left"))
        }
    }
}
