// The compact form of setsockopt/getsockopt records must read, compare and print exactly as the general one.

import Glibc
import Shell
import SocketCore
import Testing

@Suite("SyscallRecord: int option calls")
struct SyscallRecordTests {
    /// Pairs of the compact record and the same call spelled out as parts.
    static let pairs: [(IntOptionCall, SyscallRecord)] = [
        (IntOptionCall(isSet: true, fd: 3, level: Platform.solSocket, option: "SO_KEEPALIVE", value: 1, length: 4,
                       error: nil),
         SyscallRecord(name: "setsockopt", args: ["3", "SOL_SOCKET", "SO_KEEPALIVE", "[1]", "4"], outcome: .value("0"))),
        (IntOptionCall(isSet: false, fd: 12, level: Platform.ipprotoTCP, option: "TCP_MAXSEG", value: 536, length: 4,
                       error: nil),
         SyscallRecord(name: "getsockopt", args: ["12", "IPPROTO_TCP", "TCP_MAXSEG", "[536]", "[4]"],
                       outcome: .value("0"))),
        (IntOptionCall(isSet: true, fd: 4, level: Platform.ipprotoTCP, option: "TCP_NODELAY", value: -7, length: 4,
                       error: Errno(ENOPROTOOPT)),
         SyscallRecord(name: "setsockopt", args: ["4", "IPPROTO_TCP", "TCP_NODELAY", "[-7]", "4"],
                       outcome: .failed(Errno(ENOPROTOOPT)))),
    ]

    @Test("both forms are equal, and read alike field by field")
    func sameFields() {
        for (call, parts) in Self.pairs {
            let compact = SyscallRecord(call)
            #expect(compact == parts)
            #expect(compact.name == parts.name && compact.args == parts.args && compact.outcome == parts.outcome)
            #expect(compact.handle == nil && compact.errno == parts.errno)
        }
    }

    @Test("both forms print the same text (terminal and transcript styles) and the same JSON")
    func sameText() {
        for (call, parts) in Self.pairs {
            let compact = SyscallRecord(call)
            for style in [TextRenderer.Style.plain, .wildcards] {
                let r = TextRenderer(style: style)
                #expect(r.render(compact) == r.render(parts))
                #expect(r.render([.syscall(compact)]) == r.render([.syscall(parts)]))
            }
            // The general form a command builds carries its typed call too (JSON prints it as "values").
            var general = parts
            general.call = compact.call
            #expect(JSONRenderer().render(.syscall(compact)) == JSONRenderer().render(.syscall(general)))
        }
        #expect(TextRenderer().render(SyscallRecord(Self.pairs[2].0))
            == "setsockopt(4, IPPROTO_TCP, TCP_NODELAY, [-7], 4) = -1 ENOPROTOOPT (Protocol not available)")
    }

    @Test("changing a field of a compact record keeps the rest")
    func mutation() {
        var r = SyscallRecord(Self.pairs[0].0)
        r.outcome = .failed(Errno(EBADF))
        #expect(r.name == "setsockopt" && r.args.count == 5 && r.errno == Errno(EBADF))
    }
}
