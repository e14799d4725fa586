import Glibc
import SocketCore

/// A system call as data: which call, its arguments as typed values, and what it returned.
///
/// Why beside the printed parts of a `SyscallRecord`: the strace text is one view of a call, and not one a
/// program can be made from. The C export (and JSON) read this; the text renderer keeps printing the parts, so
/// the terminal output stays exactly what it was. A record made with `SyscallRecord(name:args:outcome:)` alone
/// has no typed call (`call == nil`): exporters then say the call was left out rather than guess it from text.
public struct TypedCall: Sendable, Equatable {
    /// The system call.
    public var syscall: Syscall
    /// Its arguments, in the order of the C prototype (and of the printed line).
    public var args: [CallArg]
    /// What it returned.
    public var result: CallResult

    public init(_ syscall: Syscall, _ args: [CallArg], _ result: CallResult) {
        self.syscall = syscall
        self.args = args
        self.result = result
    }

    /// The descriptor the call worked on (its first `descriptor` argument).
    public var descriptor: Int32? {
        for a in args { if case .descriptor(let fd) = a { return fd } }
        return nil
    }
}

/// The system calls the shell makes and prints.
public enum Syscall: String, Sendable, Equatable, CaseIterable {
    case socket, bind, listen, accept, connect, shutdown, close
    case send, sendto, recv, recvfrom
    case setsockopt, getsockopt
    case fcntl, poll, nanosleep
    case select, ioctl, recvmsg, sendmsg
}

/// One argument of a call, typed.
public enum CallArg: Sendable, Equatable {
    /// A file descriptor.
    case descriptor(Int32)
    /// A plain integer passed by value (listen's backlog, a count of poll entries, poll's timeout in ms).
    case integer(Int)
    /// A length passed in (`addrlen`, `len`, `optlen` of setsockopt).
    case length(Int)
    /// A value-result length (`[16]`): what was passed, or what the kernel wrote back.
    case lengthInOut(Int)
    /// A socket address. `handle` names the socket whose local address the user gave (`connect srv`): the
    /// address was the kernel's choice, read with getsockname; nil when typed.
    case address(SocketAddress, handle: String?)
    /// A buffer the kernel filled with an address, left unfilled (a failed accept or recvfrom): `0x...`.
    case unfilled
    /// No address asked for (`NULL`).
    case null
    /// send/recv flags.
    case flags(MessageFlags)
    /// A C constant by name: `AF_INET`, `SOCK_STREAM`, `IPPROTO_TCP`, `SHUT_WR`, `F_SETFL`, `O_RDWR|O_NONBLOCK`.
    case name(String, value: Int32)
    /// An option level (`SOL_SOCKET`).
    case level(Int32)
    /// An option by its C name.
    case option(String, number: Int32)
    /// An option value with its kind; nil when a failed getsockopt left it unread.
    case optionValue(OptionValue?, kind: OptionKind)
    /// Bytes sent or received (nil when a failed recv filled nothing).
    case bytes([UInt8]?)
    /// The repeating pattern source writes (only in a failed source's send).
    case pattern
    /// The sockets poll watches, by descriptor.
    case pollSet([Int32])
    /// A timespec (nanosleep).
    case timespec(seconds: Int, nanoseconds: Int)
    /// An fd_set of select, by descriptor.
    case fdSet([Int32])
    /// A timeval passed by pointer (select's timeout).
    case timeval(seconds: Int, microseconds: Int)
    /// An int the kernel writes back (ioctl SIOCATMARK's `[1]`); nil when a failed call left it unread.
    case intOut(Int32?)
    /// recvmsg's msghdr: what was passed in, and what the kernel filled.
    case receivedHeader(ReceivedHeader)
    /// sendmsg's msghdr: the destination, the bytes and the control messages sent.
    case sentHeader(SentHeader)
    /// A sock_diag dump request (`sockets`): SOCK_DIAG_BY_FAMILY for one family and protocol.
    case diagRequest(family: Int32, protocol: Int32)
}

/// recvmsg's msghdr as data (TypedCall.swift): the buffer's size, whether an address was asked for, and what
/// came back (nil bytes when the call failed).
public struct ReceivedHeader: Sendable, Equatable {
    /// iov_len: the size of the one buffer.
    public var count: Int
    /// Whether msg_name was passed (datagram sockets; a stream socket passes NULL).
    public var wantsName: Bool
    /// msg_controllen passed in: the control buffer's size.
    public var controlCapacity: Int
    /// The bytes received (at most `count`); nil when the call failed.
    public var bytes: [UInt8]?
    /// The sender's address, when the kernel wrote one.
    public var name: SocketAddress?
    /// The control messages received, decoded.
    public var control: [ControlEntry]
    /// msg_flags as the kernel set them.
    public var flags: Int32
}

/// One control message sendmsg sends (`sendmsg ttl 3`, `sendmsg from 127.0.0.2`).
public enum SentControl: Sendable, Equatable {
    /// IP_TTL, or IPV6_HOPLIMIT when `v6`: the TTL of this datagram only.
    case ttl(Int32, v6: Bool)
    /// IP_PKTINFO with ipi_spec_dst: the source address of this datagram.
    case source4([UInt8])
    /// IPV6_PKTINFO with ipi6_addr: the source address of this datagram.
    case source6([UInt8])
}

/// sendmsg's msghdr as data.
public struct SentHeader: Sendable, Equatable {
    /// msg_name: nil on a connected socket. `handle` as in `CallArg.address`.
    public var destination: SocketAddress?
    public var handle: String?
    /// The one buffer's bytes.
    public var bytes: [UInt8]
    /// The control messages, in order.
    public var control: [SentControl]
}

/// What a call returned.
public enum CallResult: Sendable, Equatable {
    /// The call returned this value.
    case value(Int)
    /// The call returned -1 with this errno.
    case failed(Errno)
    /// The session's `--timeout` cut the call short (an EINTR the shell caused).
    case timedOut

    init(_ r: SysResult, timedOut: Bool) {
        if let e = r.error {
            self = timedOut && e.rawValue == Glibc.EINTR ? .timedOut : .failed(e)
        } else {
            self = .value(r.value)
        }
    }
}

extension IntOptionCall {
    /// The typed form of the fast path's numbers, made only when asked.
    var typed: TypedCall {
        TypedCall(
            isSet ? .setsockopt : .getsockopt,
            [
                .descriptor(fd), .level(level), .option(option, number: number), .optionValue(.int(value), kind: kind),
                isSet ? .length(length) : .lengthInOut(length),
            ],
            error.map { .failed($0) } ?? .value(0))
    }

    /// The option's number and kind, looked up by its name (only when the typed form is asked for).
    private var number: Int32 { OptionCatalog.lookup(option)?.number ?? 0 }
    private var kind: OptionKind { OptionCatalog.lookup(option)?.kind ?? .int(unit: .none) }
}
