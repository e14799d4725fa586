// The syscall line written straight into a ByteSink (Render/CallText.swift, Render/ByteSink.swift): names as fixed
// text, numbers written in place, a sink that grows past its first capacity.
import SocketCore
import Testing

@testable import Shell

@Suite struct CallTextTests {
    @Test func everySyscallsFixedNameIsItsRawValue() {
        for s in Syscall.allCases {
            #expect("\(s.cName)" == s.rawValue)
        }
    }

    @Test func levelConstantsReadAsTheirNames() {
        #expect(Platform.levelName(Platform.solSocket) == "SOL_SOCKET")
        #expect(Platform.levelName(Platform.ipprotoIPv6) == "IPPROTO_IPV6")
        #expect(Platform.levelConstant(12345) == nil)
        #expect(Platform.levelName(12345) == "12345")
    }

    @Test func decimalsAreWrittenAsSwiftPrintsThem() {
        let values = [0, 9, 10, 99, 100, 131_072, -1, -10, 1_000_000_007, Int.max, Int.min, Int.min + 1]
        for v in values {
            var b = ByteSink(capacity: 1)
            b.decimal(v)
            #expect(b.string == "\(v)")
        }
        for p in 0..<19 {
            var n = 1
            for _ in 0..<p { n *= 10 }
            for v in [n - 1, n, n + 1] {
                var b = ByteSink()
                b.decimal(v)
                #expect(b.string == "\(v)")
            }
        }
    }

    @Test func aSinkGrowsAndKeepsWhatItHolds() {
        var b = ByteSink(capacity: 16)
        var expected = ""
        for k in 0..<500 {
            b.append("word\(k) ")
            b.lit(", ")
            b.bracketed(k)
            expected += "word\(k) , [\(k)]"
        }
        #expect(b.string == expected)
        b.removeAll()
        #expect(b.string.isEmpty)
    }

    @Test func aSetsockoptLineReadsAsStrace() {
        let call = TypedCall(
            .setsockopt,
            [.descriptor(3), .level(Platform.solSocket), .option("SO_KEEPALIVE"),
             .optionValue(.int(1), kind: .flag), .length(4)],
            .value(0))
        #expect(TextRenderer().render(SyscallRecord(call)) == "setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0")
        let get = TypedCall(
            .getsockopt,
            [.descriptor(3), .level(Platform.solSocket), .option("SO_RCVBUF"),
             .optionValue(.int(131_072), kind: .int(unit: .bytes)), .lengthInOut(4)],
            .failed(Errno(9)))
        #expect(TextRenderer().render(SyscallRecord(handle: "s1", get))
            == "s1 = getsockopt(3, SOL_SOCKET, SO_RCVBUF, [131072], [4]) = -1 EBADF (Bad file descriptor)")
    }

    @Test func eventsAreWrittenLineByLine() {
        let call = TypedCall(.close, [.descriptor(4)], .value(0))
        var out = ByteSink(capacity: 4)
        var scratch: [String] = []
        TextRenderer().write([.syscall(SyscallRecord(call)), .note("bound to port 5000")], to: &out,
                             scratch: &scratch)
        #expect(out.string == "close(4) = 0\n  bound to port 5000\n")
    }
}
