// The renderer writes an option's C name from OptionName's own table of UTF-8 bytes, not from `text`: the two must
// agree for every option, and a number the table lacks must still print as that number.

import Glibc
import Shell
import SocketCore
import Testing

@Suite("OptionName: the C name in a call line")
struct OptionNameTextTests {
    /// `getsockopt(3, LEVEL, NAME) = 0` as the terminal shows it.
    static func line(level: Int32, number: Int32) -> String {
        let call = TypedCall(.getsockopt, [.descriptor(3), .level(level),
                                           .option(OptionName(level: level, number: number))],
                             .value(0))
        return TextRenderer(style: .plain).render(SyscallRecord(call))
    }

    @Test("every option of the catalog prints the name its level and number give, the first row's")
    func everyOption() {
        for spec in OptionCatalog.all {
            let first = OptionCatalog.all.first { $0.level == spec.level && $0.number == spec.number }!
            #expect(OptionName(spec).text == first.name)
            let level = Platform.levelConstant(spec.level).map { "\($0)" } ?? String(spec.level)
            #expect(Self.line(level: spec.level, number: spec.number)
                == "getsockopt(3, \(level), \(first.name)) = 0")
        }
    }

    @Test("a number the table lacks prints as the number, at a known level and at another")
    func unknownNumbers() {
        #expect(Self.line(level: Platform.solSocket, number: 127) == "getsockopt(3, SOL_SOCKET, 127) = 0")
        #expect(Self.line(level: Platform.solSocket, number: 4000) == "getsockopt(3, SOL_SOCKET, 4000) = 0")
        #expect(Self.line(level: 999, number: 5) == "getsockopt(3, 999, 5) = 0")
    }
}
