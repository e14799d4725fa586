import Glibc
import SocketCore

/// Timely warnings: one line when the user does something with no effect, or a surprising one.
///
/// Why here and not in the option notes: these depend on the socket's state at the moment (connected, accepted,
/// bound), which only the session knows.
extension Session {
    enum Advice {
        case addressInUse
        case broadcastWithoutOption(SocketAddress)
        case oobInline
        case joinOnTCP
    }

    func advise(_ advice: Advice, _ c: Context, into ev: inout [Event]) {
        switch advice {
        case .addressInUse where c.socket.family == Platform.afUnix:
            ev.append(.warning("EADDRINUSE: the path exists, often a file left by a closed socket (close does "
                + "not remove it); remove the file, then bind again; SO_REUSEADDR does not help here"))
        case .addressInUse:
            ev.append(.warning("EADDRINUSE: another socket holds this address, or a closed connection on it is in "
                + "TIME_WAIT; with SO_REUSEADDR on (set before bind, on the old socket too) it can be reused"))
        case .broadcastWithoutOption(let d):
            // EACCES on an IPv4 datagram socket with SO_BROADCAST off: the kernel found a broadcast route (also a
            // subnet's broadcast address, which the last octet alone would not tell).
            if case .ipv4 = d, !c.socket.isTCP, c.socket.intOption(level: Platform.solSocket, name: OptionCatalog.soBroadcast) == 0 {
                ev.append(.warning("EACCES: sending to a broadcast address needs `setopt SO_BROADCAST on` first"))
            }
        case .oobInline:
            ev.append(.warning("SO_OOBINLINE is on: the urgent byte stays in the normal stream, so recv oob gives "
                + "EINVAL; read it with a plain recv"))
        case .joinOnTCP:
            ev.append(.warning("multicast groups are for UDP sockets: TCP is one-to-one, so the kernel refuses the "
                + "membership (EPROTO); join on a `socket udp`"))
        }
    }

    /// What a common errno means for the call a command made, when the errno alone does not say what to do
    /// (EINVAL from a second bind, EOPNOTSUPP from listen on UDP, ENOTCONN from recv before connect, ...).
    func adviseErrno(_ id: CommandID, _ error: Errno?, flags: MessageFlags = [], address: SocketAddress? = nil,
                     _ c: Context, into ev: inout [Event]) {
        guard let e = error?.rawValue else { return }
        let s = c.socket
        let text: String?
        switch (id, e) {
        case (.bind, EINVAL) where s.localAddress?.port.map({ $0 != 0 }) ?? c.entry?.bound == true:
            text = "EINVAL: this socket is bound already; a socket binds once (make a new one to bind elsewhere)"
        case (.bind, EINVAL) where address?.isIPv4Mapped == true
            && s.intOption(level: Platform.ipprotoIPv6, name: OptionCatalog.ipv6V6Only) == 1:
            text = "EINVAL: an IPV6_V6ONLY socket takes IPv6 addresses only, not an IPv4-mapped one (::ffff:a.b.c.d)"
        case (.bind, EADDRNOTAVAIL) where c.entry != nil:
            text = labBindElsewhere(address, fd: s.fd, handle: c.entry!.handle)
        case (.listen, EOPNOTSUPP), (.accept, EOPNOTSUPP):
            text = "EOPNOTSUPP: listen and accept are for stream sockets (TCP, unix stream); a datagram socket "
                + "takes datagrams from anyone with recv"
        case (.accept, EINVAL):
            text = "EINVAL: accept needs a listening socket: call listen first"
        case (.recv, ENOTCONN), (.send, ENOTCONN):
            text = s.isDatagram
                ? "ENOTCONN: this datagram socket has no peer: connect it to one, or use sendto ADDR"
                : "ENOTCONN: this stream socket is not connected: connect it, or accept a connection on a "
                    + "listener and use the socket accept returns"
        case (.bind, EAFNOSUPPORT), (.connect, EAFNOSUPPORT), (.sendto, EAFNOSUPPORT):
            switch (address, s.family) {
            case (.unix?, _):
                text = "EAFNOSUPPORT: a path is an AF_UNIX address: it needs a `socket unix`"
            case (.ipv6?, Platform.afInet):
                text = "EAFNOSUPPORT: an IPv6 address on an IPv4 socket: make it with `socket tcp 6` or `socket udp 6`"
            case (.ipv4?, Platform.afInet6):
                text = "EAFNOSUPPORT: an IPv4 address on an IPv6 socket: write it IPv4-mapped, [::ffff:a.b.c.d]"
            default:
                text = "EAFNOSUPPORT: the address is of another family than the socket"
            }
        case (.recv, EAGAIN) where flags.contains(.dontWait) || s.isNonBlocking:
            let why = flags.contains(.dontWait) ? "MSG_DONTWAIT" : "non-blocking socket"
            text = "EAGAIN: nothing to read yet and the call may not wait (\(why)): poll for POLLIN, then recv"
        case (.recv, ECONNREFUSED) where s.isDatagram, (.send, ECONNREFUSED) where s.isDatagram,
             (.sendto, ECONNREFUSED) where s.isDatagram:
            // The error comes from an earlier datagram; said because recv and send never sent it.
            let recvErr = s.family == Platform.afInet6
                ? s.intOption(level: Platform.ipprotoIPv6, name: IPV6_RECVERR) == 1
                : s.intOption(level: Platform.ipprotoIP, name: IP_RECVERR) == 1
            text = "ECONNREFUSED: not this call's doing: an earlier datagram of this socket met an ICMP port "
                + "unreachable (no socket at its destination), and the kernel reports that once, on the next call"
                + (c.entry?.connected == true
                    ? "" : " (an unconnected socket hears it only because IP_RECVERR is on)")
                + (recvErr ? "; `recvmsg errqueue` shows the ICMP message and where the datagram went" : "")
        case (.recv, EINVAL) where flags.contains(.oob):
            text = "EINVAL: no urgent byte waits to be read: none has arrived, it was read already, a plain recv "
                + "read past the mark (the byte is then dropped), or a later urgent byte took its place (TCP keeps "
                + "one mark; the earlier byte stays in the normal stream)"
        default:
            text = nil
        }
        if let text { ev.append(.warning(Line(text))) }
    }

    /// Warnings after setsockopt: options set at a moment where they do nothing.
    func adviseAfterSet(_ spec: OptionSpec, value: OptionValue, result: SysResult, _ c: Context,
                        into ev: inout [Event]) {
        // The entry is bound (and retained) only where a warning needs it, not on every setopt.
        guard c.entry != nil else { return }
        let sol = spec.level == Platform.solSocket, tcp = spec.level == Platform.ipprotoTCP
        if let err = result.error {
            let e = c.entry!
            if spec.level == Platform.ipprotoIPv6, spec.number == OptionCatalog.ipv6V6Only, err.rawValue == EINVAL {
                ev.append(.warning("IPV6_V6ONLY can change only before bind: set it on a fresh socket"))
            } else if spec.level == Platform.ipprotoTCP, spec.number == OptionCatalog.tcpCongestion,
                      err.rawValue == ENOENT {
                // The list is the machine's: a transcript writes it as a wildcard.
                let names = Session.readText("/proc/sys/net/ipv4/tcp_available_congestion_control") ?? "cubic reno"
                ev.append(.warning("ENOENT: no congestion control of that name here; available: "
                    + "\(volatile: names, .any)"))
            } else if spec.readOnly {
                ev.append(.warning("\(spec.name) is read-only: the kernel reports it but takes no value for it; "
                    + "read it with `getopt \(spec.name)`"))
            } else if err.rawValue == EINVAL, let range = Session.validRanges[spec.name], case .int(let v) = value,
                      !range.accepts(v) {
                ev.append(.warning("\(spec.name) takes \(range.text); the kernel refuses \(v) with EINVAL"))
            } else if sol, spec.number == OptionCatalog.soSndLowat, err.rawValue == ENOPROTOOPT {
                ev.append(.warning("Linux does not let SO_SNDLOWAT be set (ENOPROTOOPT); it is fixed at 1 byte"))
            } else if err.rawValue == ENOPROTOOPT || err.rawValue == EOPNOTSUPP,
                      !OptionCatalog.applicable(family: e.socket.family, type: e.socket.type).contains(spec) {
                ev.append(.warning("\(spec.name) does not apply to this \(kindName(e.socket)) socket: "
                    + "`getopt` with no option lists the ones that do"))
            }
            if spec.kind == .membership4 || spec.kind == .membership6, e.socket.isTCP {
                advise(.joinOnTCP, c, into: &ev)
            }
            adviseMembership(spec, value, err, c, into: &ev)
            return
        }
        // Each check is reached through this switch on the option, so a setopt with nothing to advise calls none
        // of them (a call per check, its arguments passed in, showed in a long script's profile).
        switch spec.number {
        case OptionCatalog.soOOBInline where sol:
            noteOOBInline(value, c)
        case OptionCatalog.soRcvBuf where sol, OptionCatalog.soSndBuf where sol:
            adviseBufferTiming(spec, value, c, into: &ev)
        case OptionCatalog.soReuseAddr where sol, OptionCatalog.soReusePort where sol:
            adviseReuseTiming(spec, c, into: &ev)
        case OptionCatalog.tcpMaxSeg where tcp:
            adviseMSSTiming(c, into: &ev)
        case OptionCatalog.soLinger where sol:
            if case .linger(true, 0) = value {
                ev.append(.note("linger on 0: close will send RST instead of FIN (the peer sees ECONNRESET)"))
            } else if case .linger(true, let seconds) = value, seconds < 0 {
                ev.append(.warning("a negative linger time becomes a huge unsigned one in the kernel: close would "
                    + "wait without limit, and getopt SO_LINGER reads back a meaningless number"))
            }
        default:
            if spec.level == Platform.ipprotoIP { adviseMulticastOnLo(spec, value, c, into: &ev) }
        }
    }

    // The three checks that read the socket's entry, out of line: inlined in `adviseAfterSet`, the entry was
    // retained and released on every setopt (the reference taken once before the switch that picks a case).

    /// SO_RCVBUF or SO_SNDBUF: too late after the handshake, and what the kernel makes of the size.
    @inline(never)
    func adviseBufferTiming(_ spec: OptionSpec, _ value: OptionValue, _ c: Context, into ev: inout [Event]) {
        guard let e = c.entry else { return }
        // The receive buffer sizes the window scale offered in the handshake; the send buffer does not, but
        // setting it switches off the kernel's autotuning for this connection from here on.
        let receive = spec.number == OptionCatalog.soRcvBuf
        if e.accepted, e.socket.isTCP {
            ev.append(.warning(receive
                ? "SO_RCVBUF on an accepted socket comes too late for the window scale agreed in the handshake: "
                    + "set it on the listener before connections arrive"
                : "SO_SNDBUF on an accepted socket applies from now on and turns off send-buffer autotuning; "
                    + "accepted sockets inherit it, so set it on the listener before connections arrive"))
        } else if e.connected, e.socket.isTCP {
            ev.append(.warning(receive
                ? "SO_RCVBUF after connect comes too late for the window scale agreed in the handshake: "
                    + "set it before connect"
                : "SO_SNDBUF after connect applies from now on and turns off send-buffer autotuning; to size "
                    + "the connection from its first byte, set it before connect"))
        }
        if case .int(let v) = value, v > 0 {
            ev.append(.note(bufferSizeNote(spec.name, asked: Int(v))))
        }
    }

    /// SO_REUSEADDR or SO_REUSEPORT after bind.
    @inline(never)
    func adviseReuseTiming(_ spec: OptionSpec, _ c: Context, into ev: inout [Event]) {
        guard let e = c.entry else { return }
        // Bound by bind, listen, connect or a first sendto: the kernel's view, not only the shell's.
        if e.socket.localAddress?.port.map({ $0 != 0 }) ?? e.bound {
            ev.append(.warning("\(spec.name) after bind comes too late for this socket's own bind: set it "
                + "before bind (it still counts when another socket binds the same port later)"))
        }
    }

    /// TCP_MAXSEG after the handshake.
    @inline(never)
    func adviseMSSTiming(_ c: Context, into ev: inout [Event]) {
        if let e = c.entry, e.connected || e.accepted {
            ev.append(.warning("TCP_MAXSEG after the handshake does not change the MSS already agreed: "
                + "set it before connect or listen"))
        }
    }

    /// The values Linux accepts for an integer option whose range is narrower than an int: a note after EINVAL
    /// only when the value is outside it (EINVAL for a value inside means something else, such as
    /// IP_MULTICAST_TTL on a TCP socket).
    struct ValidRange {
        let range: ClosedRange<Int32>
        /// One more value outside `range` that means "the default" (-1), if any.
        let special: Int32?
        let text: String

        func accepts(_ v: Int32) -> Bool { range.contains(v) || v == special }
    }

    static let validRanges: [String: ValidRange] = [
        "IP_TTL": ValidRange(range: 1...255, special: -1, text: "1..255 (or -1 for the system default)"),
        "IP_MULTICAST_TTL": ValidRange(range: 0...255, special: -1, text: "0..255 (or -1 for the default, 1)"),
        "IPV6_UNICAST_HOPS": ValidRange(range: -1...255, special: nil,
                                        text: "0..255 (or -1 for the route's default)"),
        "IPV6_MULTICAST_HOPS": ValidRange(range: -1...255, special: nil, text: "0..255 (or -1 for the default, 1)"),
        "TCP_MAXSEG": ValidRange(range: 88...32767, special: 0, text: "88..32767 bytes (0 for the default)"),
        "TCP_KEEPIDLE": ValidRange(range: 1...32767, special: nil, text: "1..32767 seconds"),
        "TCP_KEEPINTVL": ValidRange(range: 1...32767, special: nil, text: "1..32767 seconds"),
        "TCP_KEEPCNT": ValidRange(range: 1...127, special: nil, text: "1..127 probes"),
        "TCP_SYNCNT": ValidRange(range: 1...127, special: nil, text: "1..127 retries"),
    ]

    /// What SO_RCVBUF / SO_SNDBUF will read back: double the value, but never above twice net.core.rmem_max
    /// (wmem_max) and never below the kernel's floor (SOCK_MIN_RCVBUF 2304, SOCK_MIN_SNDBUF 4608 on x86-64).
    /// The cap differs between machines, so it is marked volatile: a transcript recorded here replays elsewhere.
    func bufferSizeNote(_ name: String, asked: Int) -> Line {
        let receive = name == "SO_RCVBUF"
        let sysctl = receive ? "rmem_max" : "wmem_max"
        let floor = receive ? 2304 : 4608
        var readBack = max(asked * 2, floor)
        if let cap = Session.readSysctl("/proc/sys/net/core/" + sysctl), asked > cap { readBack = cap * 2 }
        // One wording whatever the machine's cap, and the number volatile: a recorded lesson replays anywhere.
        return "the kernel doubles the request for its bookkeeping (at least \(floor), at most twice "
            + "net.core.\(sysctl)): getopt \(name) reads back about \(volatile: "\(readBack)", .n)"
    }

    /// The first line of a small /proc file, or nil when it cannot be read.
    static func readText(_ path: String) -> String? {
        guard let bytes = KernelFile.read(path, limit: 256), !bytes.isEmpty else { return nil }
        return String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self)
    }

    /// A small integer from /proc/sys, or nil when it cannot be read.
    static func readSysctl(_ path: String) -> Int? {
        readText(path).flatMap { Int($0.prefix { $0.isASCII && $0.isNumber }) }
    }

    /// Notes after getsockopt that explain a surprising value (`value` is the decoded answer, when there is one).
    func adviseAfterGet(_ spec: OptionSpec, value: OptionValue? = nil, _ c: Context, into ev: inout [Event]) {
        if spec.level == Platform.ipprotoTCP, spec.number == OptionCatalog.tcpMaxSeg,
           c.entry.map({ !$0.connected }) == true {
            ev.append(.note("before the handshake this is the default or the value set; "
                + "the real MSS is agreed when connecting"))
        }
        if spec.kind == .ipv4Interface, case .inAddr(let a)? = value, a == [0, 0, 0, 0] {
            ev.append(.note("0.0.0.0: no interface address to report: none was set (the route to the group "
                + "decides), or the interface was set by name or index, which the kernel keeps and uses but does "
                + "not report here"))
        }
    }
}
