import SocketCore

/// Everything the shell knows about one option kind: how users type a value, the C bytes of it, how the kernel's
/// answer reads back, how it prints (strace text, JSON, the C export) and what Tab offers. The requirements are
/// static: a codec is a type, never made.
///
/// Why one type per kind: these used to be a switch each in eight places, some ending in `default:`, so a new
/// kind compiled and silently became a 4-byte int. Now `OptionKind.codec` is the one switch over kinds (no
/// `default:`), and a new kind does not compile until its codec writes every part below.
protocol OptionCodec {
    /// Bytes handed to getsockopt(2) (the call's `optlen` in).
    static var readCapacity: Int { get }
    /// One int shown as a bare number (`[1]`) and laid out as `IntShape.encode` does: the text renderer writes
    /// it from the number, with no Line in between.
    static var isPlainInt: Bool { get }
    /// Whether the length getsockopt returns differs between kernels (TCP_INFO grows): a wildcard in transcripts.
    static var lengthVaries: Bool { get }
    /// Words Tab offers after the option's name.
    static var completions: [String] { get }
    /// The kind's name in `--json` (`"kind":"linger"`).
    static var jsonKind: String { get }

    /// The user's words after `setopt NAME` (or `join`/`leave`'s) as a value; an input error when they do not fit.
    static func parse(_ spec: OptionSpec, _ a: inout Args, _ s: Session) throws(InputError) -> OptionValue
    /// Calls `body` with the bytes setsockopt(2) is given for `value` (valid only inside it). Not generic: called
    /// through `any OptionCodec`, a generic result would be unspecialized on every setopt.
    static func encode(_ value: OptionValue, _ body: (UnsafeRawBufferPointer) -> Void)
    /// The value in the bytes getsockopt(2) returned.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> OptionValue
    /// The value as strace prints it inside setsockopt/getsockopt, its run-dependent pieces marked.
    static func describe(_ value: OptionValue) -> Line
    /// The value as `--json`'s `"optval"` object.
    static func json(_ value: OptionValue) -> String
    /// The C export of a setsockopt: declares `val` and returns what is passed and its size.
    static func cDeclare(_ value: OptionValue, _ w: inout CWriter) -> (pass: String, size: String)
    /// The C export of a getsockopt: declares `val` and returns the statement printing it as the shell does.
    static func cRead(_ w: inout CWriter) -> String
}

extension OptionCodec {
    static var lengthVaries: Bool { false }
}

extension OptionKind {
    /// The kind's codec: the one switch over option kinds. A type, not a value: picking it allocates and
    /// copies nothing, which matters on a script of 200,000 setopt and getopt lines.
    var codec: any OptionCodec.Type {
        switch self {
        case .flag: return FlagCodec.self
        case .int: return IntCodec.self
        case .linger: return LingerCodec.self
        case .timeval: return TimevalCodec.self
        case .sockType: return SockTypeCodec.self
        case .errorCode: return ErrorCodeCodec.self
        case .string: return NameCodec.self
        case .tcpInfo: return TCPInfoCodec.self
        case .memInfo: return MemInfoCodec.self
        case .ipv4Interface: return IPv4InterfaceCodec.self
        case .ipv6Interface: return IPv6InterfaceCodec.self
        case .membership4: return Membership4Codec.self
        case .membership6: return Membership6Codec.self
        }
    }
}

extension OptionSpec {
    /// The codec of the option's kind.
    var codec: any OptionCodec.Type { kind.codec }
    /// Bytes handed to getsockopt(2) for this option.
    var readCapacity: Int { kind.codec.readCapacity }
}

/// Helpers the codecs share: the printing of a value by its C shape, and reading ints from returned bytes.
enum OptionShape {
    /// The value as strace prints a C value of its shape (the kind adds names where it knows them).
    static func describe(_ value: OptionValue) -> Line {
        switch value {
        case .int(let v): return Line(String(decimal: v, bracketed: true))
        case .linger(let on, let s): return Line("{l_onoff=\(on ? 1 : 0), l_linger=\(s)}")
        case .timeval(let s, let us): return Line("{tv_sec=\(s), tv_usec=\(us)}")
        case .string(let s): return Line(ByteText.quoted(Array(s.utf8)))
        case .inAddr(let a): return Line("[\(Fmt.inAddr(a))]")
        case .mreqn(let g, let a, let i):
            return Line("{imr_multiaddr=\(Fmt.inAddr(g)), imr_address=\(Fmt.inAddr(a)), imr_ifindex=\(i)}")
        case .mreq6(let g, let i): return Line("{ipv6mr_multiaddr=\(Fmt.in6Addr(g)), ipv6mr_interface=\(i)}")
        case .raw(let b): return Line(ByteText.quoted(b))
        }
    }

    /// The int at `offset`; a short answer gives its first byte (a kernel may return one byte for a flag).
    static func int32(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0) -> Int32 {
        guard offset + 4 <= bytes.count else { return bytes.first.map { Int32($0) } ?? 0 }
        return bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
    }

    /// The `long` at `offset`, 0 when the answer is shorter.
    static func int64(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int {
        guard offset + 8 <= bytes.count else { return 0 }
        return bytes.loadUnaligned(fromByteOffset: offset, as: Int.self)
    }

    /// `count` bytes from `offset`, zero-filled past the end of the answer.
    static func bytes(_ bytes: UnsafeRawBufferPointer, at offset: Int, count: Int) -> [UInt8] {
        (offset..<offset + count).map { $0 < bytes.count ? bytes[$0] : 0 }
    }
}
