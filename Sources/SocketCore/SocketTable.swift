import CSocketShims
import Glibc

/// A timer the kernel runs on a socket, as sock_diag reports it (`idiag_timer`, `idiag_expires`).
public enum SocketTimer: Sendable, Equatable {
    /// A segment waits for its ACK; `count` retransmissions so far.
    case retransmit(ms: Int, count: Int)
    /// The next keepalive probe; `probes` sent unanswered so far.
    case keepalive(ms: Int, probes: Int)
    /// The connection is in TIME_WAIT and disappears when this runs out.
    case timeWait(ms: Int)
    /// A zero-window probe (the peer's receive window is closed).
    case zeroWindowProbe(ms: Int, probes: Int)

    /// The time left, in milliseconds.
    public var milliseconds: Int {
        switch self {
        case .retransmit(let ms, _), .keepalive(let ms, _), .timeWait(let ms), .zeroWindowProbe(let ms, _): return ms
        }
    }

    /// `timewait`, `keepalive`, `retransmit`, `persist` (the words `ss -o` uses, persist for the zero-window probe).
    public var name: String {
        switch self {
        case .retransmit: return "retransmit"
        case .keepalive: return "keepalive"
        case .timeWait: return "timewait"
        case .zeroWindowProbe: return "persist"
        }
    }
}

/// One socket of the kernel's table (sock_diag), whoever owns it: also the ones without a descriptor
/// (TIME_WAIT, connections waiting for accept).
public struct KernelSocket: Sendable, Equatable {
    /// What the socket is.
    public enum Kind: String, Sendable, Equatable {
        case tcp, udp, unixStream = "unix", unixDgram = "unix-dgram", unixSeqpacket = "unix-seqpacket"
    }

    public var kind: Kind
    /// AF_INET, AF_INET6 or AF_UNIX.
    public var family: Int32
    /// The kernel's state number (TCP numbering; also for UDP and AF_UNIX, as the kernel keeps it).
    public var state: Int
    public var local: SocketAddress?
    public var peer: SocketAddress?
    /// Bytes in the receive queue (for a listener: connections waiting for accept).
    public var receiveQueue: Int
    /// Bytes in the send queue (for a listener: its backlog).
    public var sendQueue: Int
    public var timer: SocketTimer?
    /// The socket's inode (0 for TIME_WAIT and SYN_RECV minisockets, which own no file).
    public var inode: UInt32
    /// AF_UNIX: the inode of the peer socket, 0 if none.
    public var peerInode: UInt32
    public var uid: UInt32

    /// `LISTEN`, `ESTABLISHED`, `TIME_WAIT`, ...; `UNCONN` for a datagram or unix socket without a peer.
    public var stateName: String {
        if kind != .tcp, state == 7 { return "UNCONN" }
        return TCPInfo.stateName(state)
    }

    /// The TCP state, typed, for code that decides from it (nil for UDP and AF_UNIX, whose numbers only borrow
    /// TCP's); `stateName` is for display.
    public var tcpState: TCPState? { kind == .tcp ? TCPState(rawValue: state) : nil }

    /// The local port, or nil for AF_UNIX.
    public var localPort: UInt16? { local?.port }
    /// The peer's port, or nil for AF_UNIX and when there is no peer.
    public var peerPort: UInt16? { peer?.port }
}

/// One dump request of a sock_diag read: a family and (for inet) a protocol.
public struct SocketTableQuery: Sendable, Equatable, Hashable {
    public var family: Int32
    /// IPPROTO_TCP or IPPROTO_UDP; 0 for AF_UNIX.
    public var proto: Int32

    public init(family: Int32, proto: Int32) {
        self.family = family
        self.proto = proto
    }

    public static let tcp4 = SocketTableQuery(family: Platform.afInet, proto: Platform.ipprotoTCP)
    public static let tcp6 = SocketTableQuery(family: Platform.afInet6, proto: Platform.ipprotoTCP)
    public static let udp4 = SocketTableQuery(family: Platform.afInet, proto: Platform.ipprotoUDP)
    public static let udp6 = SocketTableQuery(family: Platform.afInet6, proto: Platform.ipprotoUDP)
    public static let unix = SocketTableQuery(family: Platform.afUnix, proto: 0)
}

/// What reading the socket table did: the calls (for printing) and the sockets found.
public struct SocketTableDump: Sendable {
    /// The netlink socket's descriptor (-1 if socket(2) failed) and the socket(2) result.
    public var fd: Int32
    public var socketResult: SysResult
    /// Each request sent, with its length and the sendmsg result.
    public var requests: [(query: SocketTableQuery, length: Int, result: SysResult)]
    /// An error met while reading the answers (recv or an NLMSG_ERROR), if any.
    public var readError: Errno?
    /// Every socket the kernel listed, in its order.
    public var sockets: [KernelSocket]
}

/// The kernel's socket table of the current network namespace, read through NETLINK_SOCK_DIAG (inet_diag for
/// TCP/UDP, unix_diag for AF_UNIX): what `ss` reads. The corresponding C calls are socket(AF_NETLINK,
/// SOCK_RAW, NETLINK_SOCK_DIAG), sendmsg(2) of a SOCK_DIAG_BY_FAMILY dump request, recvmsg(2) until NLMSG_DONE.
///
/// Why netlink and not /proc/net/tcp: it lists timers (TIME_WAIT's time left) and AF_UNIX peers, is what the
/// kernel keeps supported, and reads the namespace the calling thread is in (the lab's current host).
public enum SocketTable {
    /// Reads the table for each query. The netlink socket is made in the caller's network namespace.
    public static func read(_ queries: [SocketTableQuery]) -> SocketTableDump {
        let type = Platform.sockRaw | Int32(SOCK_CLOEXEC.rawValue)
        let r = Sys.socket(Int32(AF_NETLINK), type, sockshell_netlink_sock_diag())
        var dump = SocketTableDump(fd: r.error == nil ? Int32(r.value) : -1, socketResult: r, requests: [],
                                   readError: nil, sockets: [])
        guard r.error == nil else { return dump }
        let fd = Int32(r.value)
        defer { _ = Sys.close(fd) }
        // A bounded wait: the kernel answers at once, but nothing here may hang the shell.
        var tv = timeval(tv_sec: 2, tv_usec: 0)
        _ = Sys.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let box = RowBox()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 15, alignment: 8)
        defer { buffer.deallocate() }
        for (k, q) in queries.enumerated() {
            let seq = UInt32(k + 1)
            let length = q.family == Platform.afUnix
                ? sockshell_diag_unix_request(buffer.baseAddress, buffer.count, seq)
                : sockshell_diag_inet_request(buffer.baseAddress, buffer.count, UInt8(q.family), UInt8(q.proto), seq)
            let sent = Sys.send(fd, buffer.baseAddress, length, 0)
            dump.requests.append((q, length, sent))
            guard sent.error == nil else { continue }
            box.query = q
            var rounds = 0
            while rounds < 100_000 {
                rounds += 1
                let received = Sys.recv(fd, buffer.baseAddress, buffer.count, 0)
                if let e = received.error {
                    dump.readError = e
                    break
                }
                let got = received.value
                let done = sockshell_diag_parse(
                    buffer.baseAddress, got, q.family == Platform.afUnix ? 1 : 0,
                    { row, ctx in
                        guard let row, let ctx else { return }
                        Unmanaged<RowBox>.fromOpaque(ctx).takeUnretainedValue().add(row.pointee)
                    }, Unmanaged.passUnretained(box).toOpaque())
                if done < 0 { dump.readError = Errno.current }
                if done != 0 || got == 0 { break }
            }
        }
        dump.sockets = box.rows
        return dump
    }
}

/// Collects rows from the C parser's callback.
private final class RowBox {
    var rows: [KernelSocket] = []
    var query = SocketTableQuery.tcp4

    func add(_ r: sockshell_diag_row) {
        let family = Int32(r.family)
        var kind: KernelSocket.Kind
        var local: SocketAddress?
        var peer: SocketAddress?
        var timer: SocketTimer?
        if family == Platform.afUnix {
            switch Int32(r.unix_type) {
            case Platform.sockDgram: kind = .unixDgram
            case Platform.sockSeqpacket: kind = .unixSeqpacket
            default: kind = .unixStream
            }
            if r.has_name != 0 {
                let bytes = withUnsafeBytes(of: r.name) { Array($0.prefix(Int(r.name_len))) }
                // An abstract name starts with a 0 byte; the shell writes it with '@' (as ss does).
                if let first = bytes.first, first == 0 {
                    local = .unix(path: "@" + String(decoding: bytes.dropFirst(), as: UTF8.self))
                } else {
                    local = .unix(path: String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self))
                }
            }
        } else {
            kind = query.proto == Platform.ipprotoUDP ? .udp : .tcp
            let src = withUnsafeBytes(of: r.src) { Array($0) }
            let dst = withUnsafeBytes(of: r.dst) { Array($0) }
            if family == Platform.afInet {
                local = .ipv4(address: Array(src.prefix(4)), port: r.sport)
                peer = .ipv4(address: Array(dst.prefix(4)), port: r.dport)
            } else {
                local = .ipv6(address: src, port: r.sport, scope: 0)
                peer = .ipv6(address: dst, port: r.dport, scope: 0)
            }
            if r.dport == 0, dst.allSatisfy({ $0 == 0 }) { peer = nil }
            let ms = Int(r.expires_ms), n = Int(r.retrans)
            switch r.timer {
            case 1: timer = .retransmit(ms: ms, count: n)
            case 2: timer = .keepalive(ms: ms, probes: n)
            case 3: timer = .timeWait(ms: ms)
            case 4: timer = .zeroWindowProbe(ms: ms, probes: n)
            default: timer = nil
            }
        }
        rows.append(KernelSocket(
            kind: kind, family: family, state: Int(r.state), local: local, peer: peer,
            receiveQueue: Int(r.rqueue), sendQueue: Int(r.wqueue), timer: timer, inode: r.inode,
            peerInode: r.peer_inode, uid: r.uid))
    }
}

extension Socket {
    /// The inode of the socket's file (fstat's st_ino), which sock_diag reports as the socket's inode: how a
    /// row of the kernel's table is matched with a descriptor. 0 if fstat fails.
    public var inode: UInt32 {
        var st = stat()
        return Sys.fstat(fd, &st).error == nil ? UInt32(truncatingIfNeeded: st.st_ino) : 0
    }
}
