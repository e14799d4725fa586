import SocketCore

/// One system call as the kernel saw it.
///
/// Why two forms inside: most calls are kept as the parts strace would print (arguments as `Line`s), but a
/// long script is mostly setsockopt/getsockopt of one int, and building five `Line`s and an array for each
/// cost more than the call. Those are kept as plain numbers (`IntOptionCall`) and turned into parts only when
/// asked (JSON, transcripts, tests); the text renderer prints them straight from the numbers. Both forms read
/// and compare alike through `handle`, `name`, `args` and `outcome`.
public struct SyscallRecord: Sendable, Equatable {
    enum Storage: Sendable {
        case parts(Parts)
        case intOption(IntOptionCall)
    }

    /// The printed parts of a call, and the typed call when the command gave one.
    struct Parts: Sendable, Equatable {
        var handle: String?
        var name: String
        var args: [Line]
        var outcome: Outcome
        var call: TypedCall? = nil

        /// Records compare by what they print: a record made without its typed call equals one made with it.
        static func == (a: Parts, b: Parts) -> Bool {
            a.handle == b.handle && a.name == b.name && a.args == b.args && a.outcome == b.outcome
        }
    }

    var storage: Storage

    public init(handle: String? = nil, name: String, args: [Line], outcome: Outcome) {
        storage = .parts(Parts(handle: handle, name: name, args: args, outcome: outcome))
    }

    /// A call with its printed parts and its typed form (what the C export and JSON read).
    public init(handle: String? = nil, name: String, args: [Line], outcome: Outcome, call: TypedCall?) {
        storage = .parts(Parts(handle: handle, name: name, args: args, outcome: outcome, call: call))
    }

    /// A setsockopt/getsockopt of an int-valued option.
    public init(_ call: IntOptionCall) { storage = .intOption(call) }

    var parts: Parts {
        switch storage {
        case .parts(let p): return p
        case .intOption(let o): return o.parts
        }
    }

    /// The handle a new descriptor got (`s1 = socket(...)`), if any.
    public var handle: String? {
        get { parts.handle }
        set { var p = parts; p.handle = newValue; storage = .parts(p) }
    }
    /// The call's name (`connect`).
    public var name: String {
        get { parts.name }
        set { var p = parts; p.name = newValue; storage = .parts(p) }
    }
    /// Arguments as strace prints them.
    public var args: [Line] {
        get { parts.args }
        set { var p = parts; p.args = newValue; storage = .parts(p) }
    }
    /// What it returned.
    public var outcome: Outcome {
        get { parts.outcome }
        set { var p = parts; p.outcome = newValue; storage = .parts(p) }
    }

    /// The call as data (syscall, typed arguments, result); nil for a record made from printed parts only.
    /// The int-option fast path builds it from its numbers only when asked.
    public var call: TypedCall? {
        get {
            switch storage {
            case .parts(let p): return p.call
            case .intOption(let o): return o.typed
            }
        }
        set { var p = parts; p.call = newValue; storage = .parts(p) }
    }

    /// The errno of a failed call; nil when it succeeded or was cut short by the deadline.
    public var errno: Errno? {
        switch storage {
        case .parts(let p): if case .failed(let e) = p.outcome { return e } else { return nil }
        case .intOption(let o): return o.error
        }
    }

    public static func == (a: SyscallRecord, b: SyscallRecord) -> Bool { a.parts == b.parts }
}

/// setsockopt(2) or getsockopt(2) of an option whose value is one int, printed `[N]`:
/// `setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0`, `getsockopt(3, SOL_SOCKET, SO_RCVBUF, [131072], [4]) = 0`.
public struct IntOptionCall: Sendable, Equatable {
    /// setsockopt when true, getsockopt when false.
    public var isSet: Bool
    public var fd: Int32
    public var level: Int32
    /// The option's C name.
    public var option: String
    /// The value written, or read back.
    public var value: Int32
    /// optlen: what was passed (set) or what the kernel returned (get).
    public var length: Int
    /// The errno of a failed call.
    public var error: Errno?

    public init(isSet: Bool, fd: Int32, level: Int32, option: String, value: Int32, length: Int, error: Errno?) {
        self.isSet = isSet
        self.fd = fd
        self.level = level
        self.option = option
        self.value = value
        self.length = length
        self.error = error
    }

    /// The call's name.
    var name: String { isSet ? "setsockopt" : "getsockopt" }

    var parts: SyscallRecord.Parts {
        SyscallRecord.Parts(
            handle: nil, name: name,
            args: [
                Line(String(decimal: fd)), Line(Platform.levelName(level)), Line(option),
                Line(String(decimal: value, bracketed: true)), Line(String(decimal: length, bracketed: !isSet)),
            ],
            outcome: error.map { .failed($0) } ?? .value("0"), call: typed)
    }
}
