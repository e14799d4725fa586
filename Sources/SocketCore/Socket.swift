import CSocketShims
import Glibc

/// What a system call returned: its value, or the errno it failed with.
///
/// Why not `throws`: a failed call is a result the user came to see, not an exception; commands print both.
public struct SysResult: Sendable, Equatable {
    /// The return value (meaningful when `error` is nil).
    public let value: Int
    /// The errno, when the call returned -1.
    public let error: Errno?

    /// Builds the result of a call from its C return value, capturing errno at once.
    @inline(__always)
    public static func of(_ rc: Int) -> SysResult {
        rc < 0 ? SysResult(value: -1, error: Errno.current) : SysResult(value: rc, error: nil)
    }

    /// A success with `value`.
    public static func ok(_ value: Int) -> SysResult { SysResult(value: value, error: nil) }
}

/// One open socket descriptor. The corresponding C functions are socket(2), bind(2), listen(2), accept(2),
/// connect(2), shutdown(2) and close(2).
///
/// Why a class: it owns the descriptor; exactly one owner closes it. No retry on EINTR: an interrupted call is
/// shown to the user as EINTR (Ctrl-C) or as a timeout.
public final class Socket {
    /// The descriptor, -1 once closed.
    public private(set) var fd: Int32
    /// AF_INET, AF_INET6 or AF_UNIX.
    public let family: Int32
    /// SOCK_STREAM, SOCK_DGRAM, ...
    public let type: Int32
    /// The protocol passed to socket(2) (IPPROTO_TCP, IPPROTO_UDP, 0).
    public let proto: Int32

    /// Adopts an open descriptor.
    public init(fd: Int32, family: Int32, type: Int32, proto: Int32) {
        self.fd = fd
        self.family = family
        self.type = type
        self.proto = proto
    }

    /// socket(2). Returns the socket or nil, and the call's result.
    public static func open(family: Int32, type: Int32, proto: Int32) -> (Socket?, SysResult) {
        let r = Sys.socket(family, type, proto)
        guard r.error == nil else { return (nil, r) }
        return (Socket(fd: Int32(r.value), family: family, type: type, proto: proto), r)
    }

    /// True for SOCK_STREAM over IP.
    public var isTCP: Bool { type == Platform.sockStream && family != Platform.afUnix }
    /// True for SOCK_DGRAM over IP.
    public var isUDP: Bool { type == Platform.sockDgram && family != Platform.afUnix }
    /// True for a connection-less socket.
    public var isDatagram: Bool { type == Platform.sockDgram }

    /// bind(2).
    public func bind(_ address: SocketAddress) -> SysResult {
        address.withSockAddr { Sys.bind(fd, $0, $1) }
    }

    /// listen(2).
    public func listen(backlog: Int32) -> SysResult {
        Sys.listen(fd, backlog)
    }

    /// accept(2): the new socket and the peer's address.
    public func accept() -> (Socket?, SocketAddress?, SysResult) {
        var storage = sockaddr_storage()
        var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let r = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Sys.accept(fd, $0, &len) }
        }
        guard r.error == nil else { return (nil, nil, r) }
        let peer = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketAddress(sockaddr: $0, length: Int(len)) }
        }
        return (Socket(fd: Int32(r.value), family: family, type: type, proto: proto), peer, r)
    }

    /// connect(2).
    public func connect(_ address: SocketAddress) -> SysResult {
        address.withSockAddr { Sys.connect(fd, $0, $1) }
    }

    /// shutdown(2) with SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2).
    public func shutdown(how: Int32) -> SysResult {
        Sys.shutdown(fd, how)
    }

    /// close(2). The descriptor is gone whatever close returns (Linux semantics).
    public func close() -> SysResult {
        guard fd >= 0 else { return SysResult(value: -1, error: Errno(EBADF)) }
        let r = Sys.close(fd)
        fd = -1
        return r
    }

    /// getsockname(2); nil when it fails.
    public var localAddress: SocketAddress? { name(Sys.getsockname) }

    /// getpeername(2); nil when not connected.
    public var peerAddress: SocketAddress? { name(Sys.getpeername) }

    private func name(
        _ call: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> SysResult
    ) -> SocketAddress? {
        var storage = sockaddr_storage()
        var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
        return withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa -> SocketAddress? in
                guard call(fd, sa, &len).error == nil else { return nil }
                return SocketAddress(sockaddr: sa, length: Int(len))
            }
        }
    }

    /// O_NONBLOCK through fcntl(2); returns the F_SETFL result.
    public func setNonBlocking(_ on: Bool) -> SysResult {
        let got = Sys.fcntl(fd, F_GETFL)
        guard got.error == nil else { return got }
        let flags = Int32(truncatingIfNeeded: got.value)
        let new = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK)
        return Sys.fcntl(fd, F_SETFL, new)
    }

    /// The file status flags (F_GETFL), to show O_NONBLOCK.
    public var isNonBlocking: Bool {
        let r = Sys.fcntl(fd, F_GETFL)
        return r.error == nil && Int32(truncatingIfNeeded: r.value) & O_NONBLOCK != 0
    }

    /// Bytes waiting to be read (SIOCINQ); -1 on error.
    public var receiveQueue: Int { Sys.ioctl { Int(sockshell_inq(fd)) }.value }
    /// Bytes sent but not acknowledged, or not sent (SIOCOUTQ); -1 on error.
    public var sendQueue: Int { Sys.ioctl { Int(sockshell_outq(fd)) }.value }
    /// At the urgent mark (SIOCATMARK)?
    public var atMark: Bool { Sys.ioctl { Int(sockshell_atmark(fd)) }.value == 1 }
}
