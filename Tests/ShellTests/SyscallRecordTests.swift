// A record is its typed call: the text renderer must print it as strace would, with the values that vary from run
// to run as wildcards in the transcript style, and JSON must take "ret" from the typed result.

import Glibc
import Shell
import SocketCore
import Testing

@Suite("SyscallRecord: text from the typed call")
struct SyscallRecordTests {
    static func option(_ isSet: Bool, fd: Int32, _ name: String, value: OptionValue?, length: Int,
                       _ result: CallResult) -> SyscallRecord {
        let spec = OptionCatalog.lookup(name)!
        return SyscallRecord(TypedCall(
            isSet ? .setsockopt : .getsockopt,
            [.descriptor(fd), .level(spec.level), .option(OptionName(spec)),
             .optionValue(value, kind: spec.kind), isSet ? .length(length) : .lengthInOut(length)],
            result))
    }

    static func both(_ r: SyscallRecord) -> (String, String) {
        (TextRenderer(style: .plain).render(r), TextRenderer(style: .wildcards).render(r))
    }

    @Test("int options print from their numbers, alike in both styles; an errno by name and message")
    func intOptions() {
        let cases: [(SyscallRecord, String)] = [
            (Self.option(true, fd: 3, "SO_KEEPALIVE", value: .int(1), length: 4, .value(0)),
             "setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0"),
            (Self.option(false, fd: 12, "TCP_MAXSEG", value: .int(536), length: 4, .value(0)),
             "getsockopt(12, IPPROTO_TCP, TCP_MAXSEG, [536], [4]) = 0"),
            (Self.option(true, fd: 4, "TCP_NODELAY", value: .int(-7), length: 4, .failed(Errno(ENOPROTOOPT))),
             "setsockopt(4, IPPROTO_TCP, TCP_NODELAY, [-7], 4) = -1 ENOPROTOOPT (Protocol not available)"),
            (Self.option(false, fd: 5, "SO_RCVBUF", value: nil, length: 4, .failed(Errno(EBADF))),
             "getsockopt(5, SOL_SOCKET, SO_RCVBUF, 0x..., [4]) = -1 EBADF (Bad file descriptor)"),
        ]
        for (r, text) in cases {
            let (plain, wild) = Self.both(r)
            #expect(plain == text)
            #expect(wild == text)
        }
    }

    @Test("TCP_INFO's length varies with the kernel: a wildcard when recording, unless the read failed")
    func tcpInfoLength() {
        let got = Self.option(false, fd: 3, "TCP_INFO", value: .raw([UInt8](repeating: 0, count: 232)), length: 232,
                              .value(0))
        let (plain, wild) = Self.both(got)
        #expect(plain.hasSuffix(", [232]) = 0"), "\(plain)")
        #expect(wild.hasSuffix(", [{n}]) = 0"), "\(wild)")
        let failed = Self.option(false, fd: 3, "TCP_INFO", value: nil, length: 256, .failed(Errno(EBADF)))
        #expect(Self.both(failed).1.contains("0x..., [256]) = -1 EBADF"))
    }

    @Test("a kernel-chosen port and an autobound AF_UNIX name are wildcards when recording; a typed port is not")
    func volatileAddresses() {
        let eph = UInt16(Platform.ephemeralPorts.lowerBound)
        let connect = SyscallRecord(TypedCall(
            .connect, [.descriptor(3), .address(.ipv4(address: [127, 0, 0, 1], port: eph), handle: "srv"), .length(16)],
            .value(0)))
        #expect(Self.both(connect) == ("connect(3, {AF_INET, 127.0.0.1:\(eph)}, 16) = 0",
                                       "connect(3, {AF_INET, 127.0.0.1:{port}}, 16) = 0"))
        let fixed = SyscallRecord(TypedCall(
            .bind, [.descriptor(3), .address(.ipv4(address: [127, 0, 0, 1], port: 80), handle: nil), .length(16)],
            .failed(Errno(EACCES))))
        #expect(Self.both(fixed).1 == "bind(3, {AF_INET, 127.0.0.1:80}, 16) = -1 EACCES (Permission denied)")
        let accept = SyscallRecord(handle: "s2", TypedCall(
            .accept, [.descriptor(3), .address(.unix(path: "@0001f"), handle: nil), .lengthInOut(8)], .value(5)))
        #expect(Self.both(accept) == ("s2 = accept(3, {AF_UNIX, @\"0001f\"}, [8]) = 5",
                                      "s2 = accept(3, {AF_UNIX, @\"{hex}\"}, [8]) = 5"))
    }

    @Test("data that looks like a wildcard is escaped when recording")
    func literalBraces() {
        let send = SyscallRecord(TypedCall(
            .send, [.descriptor(3), .bytes(Array("{port}".utf8)), .length(6), .flags([])], .value(6)))
        #expect(Self.both(send) == ("send(3, \"{port}\", 6, 0) = 6", "send(3, \"{{port}\", 6, 0) = 6"))
    }

    @Test("select's result shows the ready sets and the time left, which is a wildcard unless the timeout was 0")
    func select() {
        func call(_ us: Int, left: Int, _ n: Int) -> SyscallRecord {
            SyscallRecord(TypedCall(
                .select,
                [.integer(6), .fdSet([4, 5], ready: [5]), .fdSet([4, 5], ready: [4, 5]), .fdSet([4, 5], ready: []),
                 .timeval(seconds: us / 1_000_000, microseconds: us % 1_000_000, left: left)],
                .value(n)))
        }
        let head = "select(6, [4 5], [4 5], [4 5], "
        #expect(Self.both(call(1_500_000, left: 1_499_000, 3)) == (
            head + "{tv_sec=1, tv_usec=500000}) = 3 (in [5], out [4 5], left {tv_sec=1, tv_usec=499000})",
            head + "{tv_sec=1, tv_usec=500000}) = 3 (in [5], out [4 5], left {*})"))
        #expect(Self.both(call(0, left: 0, 3)).1
            == head + "{tv_sec=0, tv_usec=0}) = 3 (in [5], out [4 5], left {tv_sec=0, tv_usec=0})")
        #expect(Self.both(call(1000, left: 0, 0)).0 == head + "{tv_sec=0, tv_usec=1000}) = 0 (Timeout)")
        let json = JSONRenderer().render(.syscall(call(1_500_000, left: 1_499_000, 3)))
        #expect(json.contains("\"ret\":3,\"detail\":\"(in [5], out [4 5], left {tv_sec=1, tv_usec=499000})\""),
                "\(json)")
        #expect(json.contains("{\"fd_set\":[4,5],\"ready\":[4,5]}"), "\(json)")
    }

    @Test("a call cut short by --timeout shows the deadline, a wildcard when recording; JSON gives it as text")
    func timedOut() {
        let r = SyscallRecord(TypedCall(
            .recv, [.descriptor(3), .bytes(nil), .length(65536), .flags([])], .timedOut(milliseconds: 10_000)))
        #expect(Self.both(r) == ("recv(3, 0x..., 65536, 0) = ? <timed out after 10s>",
                                 "recv(3, 0x..., 65536, 0) = ? <timed out after {dur}>"))
        #expect(JSONRenderer().render(.syscall(r)).contains("\"ret\":null,\"timed_out\":\"10s\""))
    }

    @Test("JSON: args are the text of each argument, ret the typed number")
    func json() {
        let r = SyscallRecord(handle: "s1", TypedCall(
            .socket, [.name("AF_INET", value: 2), .name("SOCK_STREAM", value: 1), .name("IPPROTO_TCP", value: 6)],
            .value(3)))
        let j = JSONRenderer().render(.syscall(r))
        #expect(j.hasPrefix("{\"event\":\"syscall\",\"call\":\"socket\",\"handle\":\"s1\","
            + "\"args\":[\"AF_INET\",\"SOCK_STREAM\",\"IPPROTO_TCP\"],\"ret\":3,\"values\":["), "\(j)")
    }
}
