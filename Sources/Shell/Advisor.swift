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
            if case .ipv4(let ip, _) = d, ip.last == 255 || ip == [255, 255, 255, 255] {
                ev.append(.warning("EACCES: sending to a broadcast address needs `setopt SO_BROADCAST on` first"))
            }
        case .oobInline:
            ev.append(.warning("SO_OOBINLINE is on: the urgent byte stays in the normal stream, so recv oob gives "
                + "EINVAL; read it with a plain recv"))
        case .joinOnTCP:
            ev.append(.warning("multicast groups are for UDP sockets: TCP is one-to-one, so join has no use here"))
        }
    }

    /// Warnings after setsockopt: options set at a moment where they do nothing.
    func adviseAfterSet(_ spec: OptionSpec, value: OptionValue, result: SysResult, _ c: Context,
                        into ev: inout [Event]) {
        guard let e = c.entry else { return }
        if let err = result.error {
            if spec.name == "SO_SNDLOWAT", err.rawValue == 92 {
                ev.append(.warning("Linux does not let SO_SNDLOWAT be set (ENOPROTOOPT); it is fixed at 1 byte"))
            }
            return
        }
        switch spec.name {
        case "SO_RCVBUF", "SO_SNDBUF":
            if e.accepted {
                ev.append(.warning("\(spec.name) on an accepted socket comes too late for the window scale agreed in "
                    + "the handshake: set it on the listener before connections arrive"))
            } else if e.connected, e.socket.isTCP {
                ev.append(.warning("\(spec.name) after connect comes too late for the window scale agreed in the "
                    + "handshake: set it before connect"))
            }
            if case .int(let v) = value, v > 0 {
                ev.append(.note(Line(bufferSizeNote(spec.name, asked: Int(v)))))
            }
        case "SO_REUSEADDR", "SO_REUSEPORT":
            if e.bound, !e.connected, !e.listening {
                ev.append(.warning("\(spec.name) after bind changes nothing for this bind: set it before bind"))
            } else if e.bound {
                ev.append(.warning("\(spec.name) matters at bind time; this socket is already bound"))
            }
        case "TCP_MAXSEG":
            if e.connected || e.accepted {
                ev.append(.warning("TCP_MAXSEG after the handshake does not change the MSS already agreed: "
                    + "set it before connect or listen"))
            }
        case "SO_LINGER":
            if case .linger(true, 0) = value {
                ev.append(.note("linger on 0: close will send RST instead of FIN (the peer sees ECONNRESET)"))
            }
        default: break
        }
    }

    /// What SO_RCVBUF / SO_SNDBUF will read back: double the value, but never above twice net.core.rmem_max
    /// (wmem_max) and never below the kernel's floor (SOCK_MIN_RCVBUF 2304, SOCK_MIN_SNDBUF 4608 on x86-64).
    func bufferSizeNote(_ name: String, asked: Int) -> String {
        let receive = name == "SO_RCVBUF"
        let sysctl = receive ? "rmem_max" : "wmem_max"
        let floor = receive ? 2304 : 4608
        if let cap = Session.readSysctl("/proc/sys/net/core/" + sysctl), asked > cap {
            return "net.core.\(sysctl) caps the request at \(cap): getopt \(name) reads back \(cap * 2) "
                + "(root may go beyond with \(name)FORCE)"
        }
        if asked * 2 < floor {
            return "below the kernel's floor: getopt \(name) reads back its minimum (about \(floor)), "
                + "not double the value"
        }
        return "the kernel keeps double the value asked for (bookkeeping overhead): getopt \(name) reads back "
            + "about \(asked * 2)"
    }

    /// A small integer from /proc/sys, or nil when it cannot be read.
    static func readSysctl(_ path: String) -> Int? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 32)
        let n = read(fd, &bytes, bytes.count)
        guard n > 0 else { return nil }
        return Int(String(decoding: bytes[0..<n].prefix { $0 >= 48 && $0 <= 57 }, as: UTF8.self))
    }

    /// Notes after getsockopt that explain a surprising value.
    func adviseAfterGet(_ spec: OptionSpec, bytes: [UInt8], _ c: Context, into ev: inout [Event]) {
        if spec.name == "TCP_MAXSEG", c.entry.map({ !$0.connected }) == true {
            ev.append(.note("before the handshake this is the default or the value set; "
                + "the real MSS is agreed when connecting"))
        }
    }
}
