import Glibc
import SocketCore

/// A system call as data: which call, its arguments as typed values, and what it returned.
///
/// Why data and not text: the strace line, the JSON object and the C statement are each a view of the call, made
/// by a renderer (Render/CallText.swift, JSONRenderer, CExporter). A value that varies from run to run (a
/// kernel-chosen port, an autobound name, a time left) is known by what it is, so the transcript's wildcard is
/// decided where the text is made, not by the command.
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
    /// address was the kernel's choice, read with getsockname; nil when typed. (Indirect, as the msghdrs: the
    /// rare big payloads stay out of every argument's size, which an array of five int-sized ones would pay.)
    indirect case address(SocketAddress, handle: String?)
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
    /// An option by its C name (its level and number: the renderers look the name up, OptionName.swift).
    case option(OptionName)
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
    /// An fd_set of select, by descriptor; `ready`: the descriptors the kernel left in it (nil before the call
    /// returned, or when it failed).
    case fdSet([Int32], ready: [Int32]? = nil)
    /// A timeval passed by pointer (select's timeout); `left`: the microseconds Linux wrote back (nil when the
    /// call failed).
    case timeval(seconds: Int, microseconds: Int, left: Int? = nil)
    /// An int the kernel writes back (ioctl SIOCATMARK's `[1]`); nil when a failed call left it unread.
    case intOut(Int32?)
    /// recvmsg's msghdr: what was passed in, and what the kernel filled.
    indirect case receivedHeader(ReceivedHeader)
    /// sendmsg's msghdr: the destination, the bytes and the control messages sent.
    indirect case sentHeader(SentHeader)
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
    /// msg_namelen as the kernel left it (what was passed, when the call failed).
    public var nameLength: Int
    /// The control messages received, decoded.
    public var control: [ControlEntry]
    /// msg_controllen as the kernel left it (the capacity passed, when the call failed).
    public var controlLength: Int
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
    /// msg_controllen: the bytes the control messages took (each CMSG_SPACE of its data).
    public var controlLength: Int
}

/// What a call returned.
public enum CallResult: Sendable, Equatable {
    /// The call returned this value.
    case value(Int)
    /// The call returned -1 with this errno.
    case failed(Errno)
    /// The session's `--timeout` cut the call short after this many milliseconds (an EINTR the shell caused).
    case timedOut(milliseconds: Int)

    /// The result of `r`; `deadline` is the session's timeout when it fired during the call.
    init(_ r: SysResult, deadline: Int?) {
        if let e = r.error {
            if let ms = deadline, e.rawValue == Glibc.EINTR { self = .timedOut(milliseconds: ms) } else {
                self = .failed(e)
            }
        } else {
            self = .value(r.value)
        }
    }

    /// Whether the deadline cut the call short.
    public var isTimedOut: Bool {
        if case .timedOut = self { return true }
        return false
    }
}
