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
    private var kind: OptionKind { OptionCatalog.lookup(option)?.kind ?? .int(unit: "") }
}
