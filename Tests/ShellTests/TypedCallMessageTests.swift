// Typed call records of the calls issue 16 added (select, ioctl SIOCATMARK, recvmsg, sendmsg, and the sock_diag
// socket and requests of `sockets`): every one carries its typed form, so the C export and JSON values have it.

import Glibc
import Shell
import SocketCore
import Testing

@Suite("Typed call records of select, atmark, recvmsg, sendmsg and sockets")
struct TypedCallMessageTests {
    @Test("sendmsg with a TTL to a handle, recvmsg with control messages: typed headers")
    func messages() throws {
        let sh = TestShell()
        sh.run("socket udp as rx")
        sh.run("bind 127.0.0.1:0")
        sh.run("setopt IP_RECVTTL on")
        sh.run("socket udp as tx")
        let send = try #require(sh.calls("sendmsg rx ttl 5 hi").first?.call)
        #expect(send.syscall == .sendmsg)
        guard case .sentHeader(let out)? = send.args.dropFirst().first else {
            Issue.record("sendmsg's header is not typed: \(send.args)")
            return
        }
        #expect(out.handle == "rx" && out.bytes == Array("hi".utf8) && out.control == [.ttl(5, v6: false)])
        #expect(send.result == .value(2))
        let recv = try #require(sh.calls("@rx recvmsg MSG_PEEK").first?.call)
        #expect(recv.syscall == .recvmsg)
        #expect(recv.args.last == .name("MSG_PEEK", value: Int32(MSG_PEEK)))
        guard case .receivedHeader(let h)? = recv.args.dropFirst().first else {
            Issue.record("recvmsg's header is not typed: \(recv.args)")
            return
        }
        #expect(h.count == 65536 && h.wantsName && h.bytes == Array("hi".utf8))
        #expect(h.control.map(\.message) == [.ttl(5)])
        #expect(h.name?.port == UInt16(sh.port("tx") ?? 0))
        // JSON gives the same header as data.
        let record = try #require(sh.calls("@rx recvmsg dontwait").first)
        let json = JSONRenderer().render(.syscall(record))
        #expect(json.contains("{\"msghdr\":{\"iov_len\":65536,\"msg_controllen_in\":512,\"msg_name\":{"), "\(json)")
        #expect(json.contains(
            "\"control\":[{\"level\":\"SOL_IP\",\"type\":\"IP_TTL\",\"len\":20,\"data\":{\"ttl\":5}}]"))
        #expect(json.contains("{\"const\":\"MSG_DONTWAIT\",\"value\":\(MSG_DONTWAIT)}"))
    }

    @Test("recvmsg takes its flags as C names in any case, as recv does; a MSG_ word it has not is an error")
    func flagWords() {
        let sh = TestShell()
        sh.run("socket udp as rx")
        sh.run("bind 127.0.0.1:0")
        for word in ["MSG_DONTWAIT", "msg_dontwait", "Dontwait", "DONTWAIT"] {
            #expect(sh.calls("recvmsg \(word)").first?.call.args.last
                == .name("MSG_DONTWAIT", value: Int32(MSG_DONTWAIT)))
        }
        #expect(sh.calls("recvmsg MSG_ERRQUEUE dontwait").first?.call.args.last
            == .name("MSG_DONTWAIT|MSG_ERRQUEUE", value: Int32(MSG_DONTWAIT | MSG_ERRQUEUE)))
        let e = sh.inputError("recvmsg MSG_MORE")
        #expect(e?.message.contains("'MSG_MORE' is not a flag of recvmsg") == true, "\(String(describing: e))")
    }

    @Test("select, atmark and sockets carry their typed calls")
    func selectAtmarkSockets() throws {
        let sh = TestShell()
        sh.run("socket udp as u")
        let fd = try #require(Int32(sh.fd("u")))
        // The Scale suite may hold 16,000 sockets in this process meanwhile: above FD_SETSIZE (1024) select makes
        // no call and says why.
        if fd < 1024 {
            let select = try #require(sh.calls("select 1ms").first?.call)
            #expect(select.syscall == .select)
            // The sets as passed, and what the kernel left in them: a fresh UDP socket is writable only.
            #expect(select.args.prefix(4) == [.integer(Int(fd) + 1), .fdSet([fd], ready: []),
                                              .fdSet([fd], ready: [fd]), .fdSet([fd], ready: [])])
            guard case .timeval(0, 1000, let left?)? = select.args.last else {
                Issue.record("select's timeout is not typed with the time left: \(select.args)")
                return
            }
            #expect(left >= 0 && left <= 1000)
        } else {
            #expect(sh.events("select 1ms").contains {
                if case .warning(let w) = $0 { w.plain.contains("FD_SETSIZE") } else { false }
            })
        }
        let atmark = try #require(sh.calls("atmark").first?.call)
        #expect(atmark.syscall == .ioctl && atmark.args.first == .descriptor(fd))
        #expect(atmark.args.last == .intOut(nil), "a UDP socket has no urgent mark: the ioctl fails")
        let table = sh.calls("sockets udp 4")
        #expect(table.first?.call.args.first == .name("AF_NETLINK", value: 16))
        if case .value(let nl)? = table.first?.call.result {
            #expect(table.dropFirst().first?.call.args == [
                .descriptor(Int32(nl)), .diagRequest(family: AF_INET, protocol: Int32(IPPROTO_UDP)), .flags([]),
            ])
        }
    }
}
