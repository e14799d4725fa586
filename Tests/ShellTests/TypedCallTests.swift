// Typed call records (SyscallRecord.call): every printed call is its syscall, typed arguments and result; the
// text, JSON and C views are made from them (the example replays prove the text is what it was).

import Glibc
import Shell
import SocketCore
import Testing

@Suite("Typed call records")
struct TypedCallTests {
    @Test("socket, bind, listen, connect to a handle, accept: typed arguments and results")
    func connectionCalls() throws {
        let sh = TestShell()
        let socket = try #require(sh.calls("socket tcp as srv").first?.call)
        #expect(socket.syscall == .socket)
        #expect(socket.args == [.name("AF_INET", value: AF_INET),
                                .name("SOCK_STREAM", value: Int32(SOCK_STREAM.rawValue)),
                                .name("IPPROTO_TCP", value: Int32(IPPROTO_TCP))])
        guard case .value(let srvFd) = socket.result else { Issue.record("socket failed"); return }
        let bind = try #require(sh.calls("bind 127.0.0.1:0").first?.call)
        #expect(bind.args == [.descriptor(Int32(srvFd)), .address(.ipv4(address: [127, 0, 0, 1], port: 0), handle: nil),
                              .length(16)])
        #expect(bind.result == .value(0))
        #expect(sh.calls("listen 5").first?.call.args == [.descriptor(Int32(srvFd)), .integer(5)])
        sh.run("socket tcp as cli")
        let connect = try #require(sh.calls("connect srv").first?.call)
        // The address came from a handle: the record says which, so the C export reads it with getsockname.
        guard case .address(.ipv4(_, let port), let handle)? = connect.args.dropFirst().first else {
            Issue.record("connect's address is not typed: \(connect.args)")
            return
        }
        #expect(handle == "srv")
        #expect(Int(port) == sh.port("srv"))
        let accept = try #require(sh.calls("@srv accept as conn").first)
        #expect(accept.handle == "conn")
        guard case .address(.ipv4, nil)? = accept.call.args.dropFirst().first,
              case .lengthInOut(16)? = accept.call.args.last else {
            Issue.record("accept's peer is not typed: \(String(describing: accept.call))")
            return
        }
    }

    @Test("a kernel-chosen port typed by hand is traced to its socket, so the C export reads it at run time")
    func copiedPort() throws {
        let sh = TestShell()
        sh.run("socket udp as a")
        sh.run("bind 127.0.0.1:0")
        let port = try #require(sh.port("a"))
        sh.run("socket udp as b")
        let send = try #require(sh.calls("sendto 127.0.0.1:\(port) hi").first?.call)
        guard case .address(_, let handle)? = send.args.dropFirst(4).first else {
            Issue.record("sendto's address is not typed: \(send.args)")
            return
        }
        #expect(handle == "a")
        // A port chosen by the user is the user's: typed as given.
        let fixed = try #require(sh.calls("sendto 127.0.0.1:9 hi").first?.call)
        #expect(fixed.args[4] == .address(.ipv4(address: [127, 0, 0, 1], port: 9), handle: nil))
    }

    @Test("send and recv flags, bytes and lengths; a failed call's errno")
    func dataCalls() throws {
        let sh = TestShell()
        sh.run("socket udp as a")
        sh.run("bind 127.0.0.1:0")
        let send = try #require(sh.calls("sendto a hi").first?.call)
        #expect(send.syscall == .sendto)
        #expect(send.args.dropFirst().prefix(3) == [.bytes(Array("hi".utf8)), .length(2), .flags([])])
        let recv = try #require(sh.calls("recv 8 peek trunc").first?.call)
        #expect(recv.syscall == .recvfrom)
        #expect(recv.args.dropFirst().prefix(3) == [.bytes(Array("hi".utf8)), .length(8), .flags([.peek, .trunc])])
        sh.run("nonblock on")
        sh.run("recv")
        let failed = try #require(sh.calls("recv").first?.call)
        #expect(failed.result == .failed(Errno(EAGAIN)))
        #expect(failed.args[1] == .bytes(nil))
    }

    @Test("option values keep their kind; the int fast path gives its typed form when asked")
    func optionCalls() throws {
        let sh = TestShell()
        sh.run("socket tcp")
        let linger = try #require(sh.calls("setopt SO_LINGER on 5").first?.call)
        #expect(linger.args[3] == .optionValue(.linger(on: true, seconds: 5), kind: .linger))
        #expect(linger.args[4] == .length(8))
        let timeval = try #require(sh.calls("setopt SO_RCVTIMEO 250ms").first?.call)
        #expect(timeval.args[3] == .optionValue(.timeval(seconds: 0, microseconds: 250_000), kind: .timeval))
        let keep = try #require(sh.calls("setopt SO_KEEPALIVE on").first?.call)
        #expect(keep.syscall == .setsockopt)
        #expect(keep.args == [.descriptor(keep.descriptor ?? -1), .level(SOL_SOCKET),
                              .option("SO_KEEPALIVE"), .optionValue(.int(1), kind: .flag),
                              .length(4)])
        let get = try #require(sh.calls("getopt SO_KEEPALIVE").first?.call)
        #expect(get.syscall == .getsockopt)
        #expect(get.args[4] == .lengthInOut(4))
        let err = try #require(sh.calls("getopt SO_ERROR").first?.call)
        #expect(err.args[3] == .optionValue(.int(0), kind: .errorCode))
    }
}

@Suite("Typed calls in JSON")
struct TypedJSONTests {
    @Test("--json gives the typed arguments as values: numbers as numbers, addresses and options as objects")
    func values() throws {
        let sh = TestShell()
        let json = JSONRenderer()
        sh.run("socket udp as u")
        let bind = try #require(sh.events("bind 127.0.0.1:0").first)
        #expect(json.render(bind).hasSuffix(
            "},{\"sockaddr\":{\"family\":\"AF_INET\",\"addr\":\"127.0.0.1\",\"port\":0}},"
                + "{\"len\":16}]}"))
        let linger = try #require(sh.events("setopt SO_LINGER on 5").first)
        #expect(json.render(linger).contains("{\"optval\":{\"l_onoff\":1,\"l_linger\":5},\"kind\":\"linger\"}"))
        let keep = try #require(sh.events("setopt SO_REUSEADDR on").first)
        #expect(json.render(keep).contains("{\"optval\":{\"int\":1},\"kind\":\"flag\"},{\"len\":4}"))
        let send = try #require(sh.events("sendto u hex 00 ff").first)
        #expect(json.render(send).contains("{\"bytes\":2,\"hex\":\"00ff\"}"))
        #expect(json.render(send).contains("\"from_handle\":\"u\""))
    }
}

@Suite("Export log and C text")
struct ExportLogTests {
    @Test("a command with no call of its own (a lab step) becomes a comment to do it by hand")
    func byHand() {
        let log = ExportLog()
        log.record("link cut a b", command: "link", events: [])
        log.record("info", command: "info", events: [])
        let c = CExporter(source: "lab.transcript").render(log)
        #expect(c.contains("BY HAND: `link cut a b`"))
        #expect(!c.contains("BY HAND: `info`"))
        #expect(log.leftOut.isEmpty)
    }

    @Test("export c in a session that keeps its calls writes the program; in one that does not, says how")
    func exportCommand() throws {
        let sh = TestShell()
        #expect(sh.inputError("export c /tmp/never.c")?.message.contains("--export-c") == true)
        sh.session.exportLog = ExportLog()
        sh.run("socket tcp as t")
        sh.run("# a comment line")
        sh.run("setopt TCP_NODELAY on")
        let path = "/tmp/sockshell-typed-\(getpid()).c"
        defer { unlink(path) }
        let out = sh.text("export c \(path)")
        #expect(out.contains("wrote \(path): 2 calls"))
        let fd = open(path, O_RDONLY)
        #expect(fd >= 0)
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        let n = read(fd, &buf, buf.count)
        close(fd)
        let text = String(decoding: buf.prefix(max(0, n)), as: UTF8.self)
        #expect(text.contains("t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);"))
        #expect(text.contains("ret = setsockopt(t, IPPROTO_TCP, TCP_NODELAY, &val, sizeof val);"))
        #expect(sh.inputError("export java x")?.message.contains("C only") == true)
    }
}
