import CSocketShims
import Glibc
import SocketCore

/// socket, bind, listen, accept, connect, shutdown, close.
extension Session {
    func cmdSocket(_ q: SocketRequest, into ev: inout [Event]) throws(InputError) {
        let (family, type, proto, name) = (q.family, q.type, q.proto, q.name)
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

    /// Resolves an address word for `socket` (the run's part: a handle's local address, a host name's lookup).
    func address(_ w: AddressWord, for socket: Socket) throws(InputError) -> SocketAddress {
        let t = w.token, usage = w.usage
        switch w.form {
        case .address(let addr): return addr
        case .lookup: return try checkedAddress(SocketAddress.parse(t.text, family: socket.family), t, usage: usage)
        case .handle: break
        }
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
        throw InputError("no socket named '\(t.text.prefix(40))'" + handleHint(near: t.text), usage: usage)
    }

    /// Parses an address word for a socket of `family` without a system call: a handle and a host name are
    /// left to the run (getsockname, getaddrinfo); everything else is checked here, in the order it always was.
    func parseAddress(_ t: Token, family: Int32, usage: String) throws(InputError) -> AddressWord {
        if !t.quoted, entry(t.text) != nil { return AddressWord(token: t, form: .handle, usage: usage) }
        if let labbed = try labAddress(t.text, family: family, usage: usage) {
            return AddressWord(token: t, form: .address(labbed), usage: usage)
        }
        try refuseInSandbox(t.text, usage: usage)
        guard let parsed = SocketAddress.parseWithoutLookup(t.text, family: family) else {
            return AddressWord(token: t, form: .lookup, usage: usage)
        }
        return AddressWord(token: t, form: .address(try checkedAddress(parsed, t, usage: usage)), usage: usage)
    }

    /// An address word's parse result, or the input error that says what is wrong with it.
    func checkedAddress(_ parsed: Result<SocketAddress, SocketAddress.ParseError>, _ t: Token,
                        usage: String) throws(InputError) -> SocketAddress {
        switch parsed {
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

    func cmdBind(_ q: AddressWord, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let t = q.token
        let s = c.socket
        let addr = try address(q, for: s)
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

    func cmdListen(_ backlog: Int32, _ c: Context, into ev: inout [Event]) throws(InputError) {
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

    func cmdAccept(_ name: String?, _ c: Context, into ev: inout [Event]) throws(InputError) {
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

    func cmdConnect(_ q: AddressWord, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let t = q.token
        let s = c.socket
        let addr = try address(q, for: s)
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

    func cmdShutdown(_ how: Int32, _ c: Context, into ev: inout [Event]) throws(InputError) {
        let s = c.socket
        let r = s.shutdown(how: how)
        if r.error == nil, how != 1 { c.entry!.readShut = true }
        let names = ["SHUT_RD", "SHUT_WR", "SHUT_RDWR"]
        ev.append(
            .syscall(
                SyscallRecord(
                    TypedCall(.shutdown, [.descriptor(s.fd), .name(names[Int(how)], value: how)], CallResult(r)))))
    }

    func cmdClose(_ c: Context, into ev: inout [Event]) throws(InputError) {
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
