// Every option kind has one codec, and each codec's parts agree: parse -> encode -> decode -> describe.

import Glibc
import SocketCore
import Testing

@testable import Shell

@Suite("Option codecs")
struct OptionCodecTests {
    /// What a user types for a kind (nil: read-only), the strace text of it, and for read-only kinds the bytes a
    /// getsockopt could return. An exhaustive switch: a new kind does not compile until it has a sample here.
    static func sample(_ kind: OptionKind) -> (words: String?, shown: String, bytes: [UInt8]?) {
        switch kind {
        case .flag: return ("on", "[1]", nil)
        case .int(let unit):
            switch unit {
            case .none: return ("0x10", "[16]", nil)
            case .bytes: return ("4K", "[4096]", nil)
            case .seconds: return ("2m", "[120]", nil)
            case .milliseconds: return ("1s", "[1000]", nil)
            case .hops: return ("64", "[64]", nil)
            case .probes: return ("5", "[5]", nil)
            case .retries: return ("3", "[3]", nil)
            }
        case .linger: return ("on 5", "{l_onoff=1, l_linger=5}", nil)
        case .timeval: return ("250ms", "{tv_sec=0, tv_usec=250000}", nil)
        case .sockType: return ("1", "[SOCK_STREAM]", nil)
        case .errorCode: return ("111", "[ECONNREFUSED]", nil)
        case .string: return ("reno", "\"reno\"", nil)
        case .tcpInfo: return (nil, "{tcpi_state=TCP_ESTABLISHED, ...}", [1] + [UInt8](repeating: 0, count: 103))
        case .memInfo:
            return (nil, "[rmem_alloc=0, rcvbuf=0, wmem_alloc=0, sndbuf=0, fwd_alloc=0, wmem_queued=0, optmem=0, "
                        + "backlog=0, drops=0]", [UInt8](repeating: 0, count: 36))
        case .ipv4Interface:
            return ("127.0.0.1", "{imr_multiaddr=inet_addr(\"0.0.0.0\"), imr_address=inet_addr(\"127.0.0.1\"), "
                        + "imr_ifindex=0}", nil)
        case .ipv6Interface: return ("1", "[1]", nil)
        case .membership4:
            return ("239.1.2.3 127.0.0.1", "{imr_multiaddr=inet_addr(\"239.1.2.3\"), "
                        + "imr_address=inet_addr(\"127.0.0.1\"), imr_ifindex=0}", nil)
        case .membership6:
            return ("ff02::1 1", "{ipv6mr_multiaddr=inet_pton(AF_INET6, \"ff02::1\"), ipv6mr_interface=1}", nil)
        }
    }

    /// Every kind once (each unit of `int` too), and every kind the catalog uses.
    static let kinds: [OptionKind] = {
        var all: [OptionKind] = [
            .flag, .linger, .timeval, .sockType, .errorCode, .string, .tcpInfo, .memInfo, .ipv4Interface,
            .ipv6Interface, .membership4, .membership6,
        ]
        all += [OptionUnit.none, .bytes, .seconds, .milliseconds, .hops, .probes, .retries].map { .int(unit: $0) }
        for spec in OptionCatalog.all where !all.contains(spec.kind) { all.append(spec.kind) }
        return all
    }()

    nonisolated(unsafe) static let session = Session(settings: SessionSettings(timeoutMs: 0, sandboxed: true))

    static func spec(_ kind: OptionKind) throws -> OptionSpec {
        try #require(OptionCatalog.all.first { $0.kind == kind }, "no option of kind \(kind) in the catalog")
    }

    static func parse(_ spec: OptionSpec, _ words: String) throws -> OptionValue {
        let cmd = try #require(try Tokenizer.split("setopt " + words).first)
        var a = Args(words: cmd, index: 1, command: try #require(CommandTable.find("setopt")))
        let value = try spec.codec.parse(spec, &a, session)
        #expect(a.isEmpty, "\(spec.name): the codec left words unread")
        return value
    }

    @Test("every kind the catalog uses has a codec, and each kind has a sample above")
    func everyKind() throws {
        for spec in OptionCatalog.all {
            let codec = spec.codec
            #expect(codec.readCapacity >= 4, "\(spec.name)")
            #expect(!codec.jsonKind.isEmpty, "\(spec.name)")
            _ = Self.sample(spec.kind)
        }
    }

    @Test("parse -> encode -> decode -> describe gives the value back, printed as the shell prints it",
          arguments: OptionCodecTests.kinds)
    func roundTrip(_ kind: OptionKind) throws {
        let codec = kind.codec
        let (words, shown, readBytes) = Self.sample(kind)
        guard let words else {
            // Read-only: setopt refuses it, and the bytes a read returns print as strace does.
            let spec = try Self.spec(kind)
            #expect(throws: InputError.self) { try Self.parse(spec, "1") }
            let bytes = try #require(readBytes)
            let value = bytes.withUnsafeBytes { codec.decode($0) }
            #expect(codec.describe(value).plain == shown)
            #expect(codec.json(value).hasPrefix("{"))
            return
        }
        let spec = try Self.spec(kind)
        let value = try Self.parse(spec, words)
        #expect(codec.describe(value).plain == shown)
        var bytes: [UInt8] = []
        codec.encode(value) { bytes = Array($0) }
        #expect(!bytes.isEmpty)
        if codec.isPlainInt {
            // setopt sets a plain int without the codec: its layout must be the int's.
            var same: [UInt8] = []
            IntShape.encode(value, { same = Array($0) })
            #expect(bytes == same && bytes.count == 4)
        }
        if kind == .ipv4Interface {
            // Set as struct ip_mreqn, read back as struct in_addr: the kernel answers with the address.
            let back = [UInt8]([127, 0, 0, 1]).withUnsafeBytes { codec.decode($0) }
            #expect(codec.describe(back).plain == "[inet_addr(\"127.0.0.1\")]")
        } else {
            #expect(bytes.count <= codec.readCapacity, "a read of this kind could not hold what was set")
            let back = bytes.withUnsafeBytes { codec.decode($0) }
            #expect(back == value)
            #expect(codec.describe(back).plain == shown)
        }
        #expect(codec.json(value).hasPrefix("{"))
        var w = CWriter()
        let (pass, size) = codec.cDeclare(value, &w)
        #expect(pass.contains("val") && size.contains("val"))
        var r = CWriter()
        #expect(codec.cRead(&r).contains("len"))
    }

    @Test("a codec's bytes go through a real setsockopt and read back the same (loopback TCP socket)",
          arguments: ["SO_KEEPALIVE", "SO_RCVBUF", "SO_LINGER", "SO_RCVTIMEO", "TCP_CONGESTION", "TCP_USER_TIMEOUT"])
    func realSocket(_ name: String) throws {
        let spec = try #require(OptionCatalog.lookup(name))
        let codec = spec.codec
        let (sock, _) = Socket.open(family: Platform.afInet, type: Platform.sockStream, proto: Platform.ipprotoTCP)
        let s = try #require(sock)
        defer { _ = s.close() }
        // Whole seconds: the kernel keeps a timeout in jiffies (250ms reads back as 252000us at HZ=250).
        let words = name == "SO_RCVTIMEO" ? "2s" : try #require(Self.sample(spec.kind).words)
        let value = try Self.parse(spec, words)
        var r = SysResult.of(-1)
        codec.encode(value) { r = s.setOption(level: spec.level, name: spec.number, raw: $0) }
        #expect(r.error == nil)
        let back = s.withOption(level: spec.level, name: spec.number, capacity: codec.readCapacity) { _, b in
            codec.decode(b)
        }
        // The kernel doubles SO_RCVBUF; every other sample reads back as set.
        if name == "SO_RCVBUF" { #expect(back == .int(8192)) } else { #expect(back == value) }
    }
}
