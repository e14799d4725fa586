// Option records are made without an allocation per call: the option is named by its level and number
// (OptionName), and a record's argument array is refilled by the next option call once nothing holds it. A record
// that is still held must never change, and every option must still print by its name.

import Glibc
import Shell
import SocketCore
import Testing

@Suite("Option call records: names by number, argument arrays reused")
struct CallRecordReuseTests {
    @Test("every option in the table prints by its C name, in text and in JSON")
    func everyOptionByName() throws {
        for spec in OptionCatalog.all {
            let name = OptionName(level: spec.level, number: spec.number)
            #expect(name.text == spec.name)
            #expect(name == OptionName(stringLiteral: spec.name))
            let record = SyscallRecord(TypedCall(
                .getsockopt,
                [.descriptor(3), .level(spec.level), .option(name),
                 .optionValue(nil, kind: spec.kind), .lengthInOut(4)],
                .failed(Errno(EBADF))))
            let text = TextRenderer(style: .plain).render(record)
            #expect(text.hasPrefix("getsockopt(3, \(Platform.levelName(spec.level)), \(spec.name), "), "\(text)")
            let json = JSONRenderer().render(.syscall(record))
            #expect(json.contains("{\"option\":\"\(spec.name)\",\"value\":\(spec.number)}"), "\(json)")
        }
    }

    @Test("an option the table does not know prints its number")
    func unknownOptionByNumber() {
        #expect(OptionName(level: SOL_SOCKET, number: 127).text == "127")
        #expect(OptionName(level: 255, number: 1000).text == "1000")
    }

    @Test("records held across later option calls keep their own arguments")
    func heldRecordsStay() throws {
        let sh = TestShell()
        sh.run("socket tcp")
        let lines = [
            "setopt SO_KEEPALIVE on", "getopt SO_KEEPALIVE", "setopt SO_LINGER on 5", "setopt SO_KEEPALIVE off",
            "getopt SO_LINGER", "getopt SO_KEEPALIVE",
        ]
        var held: [SyscallRecord] = []
        for line in lines { held.append(try #require(sh.calls(line).first)) }
        // More option calls, whose records are freed at once: the held ones must not see them.
        for line in ["setopt SO_KEEPALIVE on", "getopt SO_RCVBUF", "setopt TCP_NODELAY on", "getopt TCP_NODELAY"] {
            _ = sh.calls(line)
        }
        let fd = try #require(held.first?.call.descriptor)
        #expect(held.map { TextRenderer(style: .plain).render($0) } == [
            "setsockopt(\(fd), SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0",
            "getsockopt(\(fd), SOL_SOCKET, SO_KEEPALIVE, [1], [4]) = 0",
            "setsockopt(\(fd), SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0",
            "setsockopt(\(fd), SOL_SOCKET, SO_KEEPALIVE, [0], 4) = 0",
            "getsockopt(\(fd), SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, [8]) = 0",
            "getsockopt(\(fd), SOL_SOCKET, SO_KEEPALIVE, [0], [4]) = 0",
        ])
        #expect(held[2].call.args == [
            .descriptor(fd), .level(SOL_SOCKET), .option("SO_LINGER"),
            .optionValue(.linger(on: true, seconds: 5), kind: .linger), .length(8),
        ])
    }
}
