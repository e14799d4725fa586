import Glibc
import SocketCore

/// Builders of the typed calls of select, atmark, recvmsg, sendmsg and `sockets` (TypedCall.swift).
extension Session {
    /// select(2) with the same set in read, write and except, and its timeout; `ready` (the bits 1, 2, 4 per
    /// descriptor: read, write, except) and `left` are what the kernel wrote back, nil when the call failed.
    func selectCall(
        _ nfds: Int32, _ fds: [Int32], microseconds us: Int, ready: [UInt8]? = nil, left: Int? = nil,
        _ result: CallResult
    ) -> TypedCall {
        func pick(_ bit: UInt8) -> [Int32]? { ready.map { r in zip(fds, r).filter { $0.1 & bit != 0 }.map(\.0) } }
        return TypedCall(
            .select,
            [.integer(Int(nfds)), .fdSet(fds, ready: pick(1)), .fdSet(fds, ready: pick(2)),
             .fdSet(fds, ready: pick(4)), .timeval(seconds: us / 1_000_000, microseconds: us % 1_000_000, left: left)],
            result)
    }

    /// ioctl(fd, SIOCATMARK, &value), which sockatmark(3) is.
    func atmarkCall(_ fd: Int32, _ value: Int32?, _ result: CallResult) -> TypedCall {
        TypedCall(.ioctl, [.descriptor(fd), .name("SIOCATMARK", value: 0x8905), .intOut(value)], result)
    }

    /// recvmsg(2): the msghdr passed and filled, and the flags by their C names.
    func recvmsgCall(_ fd: Int32, _ header: ReceivedHeader, flags: Int32, _ result: CallResult) -> TypedCall {
        TypedCall(.recvmsg, [.descriptor(fd), .receivedHeader(header),
                             .name(MessageHeaderFlags.text(flags), value: flags)], result)
    }

    /// sendmsg(2) of one buffer with its control messages.
    func sendmsgCall(_ fd: Int32, _ header: SentHeader, _ flags: MessageFlags, _ result: CallResult) -> TypedCall {
        TypedCall(.sendmsg, [.descriptor(fd), .sentHeader(header), .flags(flags)], result)
    }

    /// The netlink socket `sockets` reads the kernel's socket table with.
    func diagSocketCall(_ result: CallResult) -> TypedCall {
        let type = Platform.sockRaw | Int32(SOCK_CLOEXEC.rawValue)
        return TypedCall(
            .socket,
            [.name("AF_NETLINK", value: 16), .name("SOCK_RAW|SOCK_CLOEXEC", value: type),
             .name("NETLINK_SOCK_DIAG", value: 4)],
            result)
    }

    /// One sock_diag dump request, sent on the netlink socket.
    func diagRequestCall(_ fd: Int32, _ q: SocketTableQuery, _ result: CallResult) -> TypedCall {
        TypedCall(.sendmsg, [.descriptor(fd), .diagRequest(family: q.family, protocol: q.proto), .flags([])], result)
    }
}

extension CallResult {
    /// A result the shell printed as a value or an errno (no deadline involved).
    init(_ r: SysResult) { self.init(r, deadline: nil) }
}
