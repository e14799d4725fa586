import Shell
import Testing
import Transcript

/// The shell writes wildcards (`Volatility`) that the transcript checker reads (`Wildcard.Kind`). The two modules
/// do not depend on each other, so this test keeps their lists the same.
@Suite("Wildcards written and read")
struct WildcardSyncTests {
    @Test("every wildcard the shell writes is one the checker knows, and the other way round")
    func sameNames() {
        let written = Set(Volatility.allCases.map(\.wildcard))
        let read = Set(Wildcard.Kind.allCases.map(\.token))
        #expect(written == read)
    }

    @Test("a recorded line with every kind of wildcard matches the plain line")
    func recordedLineMatches() {
        let line: Line = "port \(volatile: "41234", .port) dur \(volatile: "1.5ms", .dur) rate "
            + "\(volatile: "2.61 GB/s", .rate) n \(volatile: "-3", .n) {AF_INET} {port}"
        #expect(Wildcard.matches(pattern: line.wildcarded, actual: line.plain))
    }
}
