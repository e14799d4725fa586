// The C export of commands with no call of their own: a lab step is done by hand, a command that only shows
// things (`lab`, and the wire view's `wire`) is at most a short comment, and packet lines are no comments.

import Testing

@testable import Shell

@Suite("C export of view-only commands")
struct ExportCViewOnlyTests {
    @Test("a command that only shows things is a short comment, not a step by hand; packet lines are dropped")
    func viewOnly() {
        let log = ExportLog()
        log.record("lab", command: "lab", events: [])
        log.record("list", command: "list", events: [])
        log.record("link cut", command: "link", events: [.note("~ 198.18.0.1.5000 > 198.18.0.2.9000: Flags [S]")])
        let text = CExporter(source: "test").render(log)
        #expect(text.contains("/* lab: the shell showed the lab's hosts, links and addresses here */"))
        #expect(!text.contains("BY HAND: `lab`"))
        #expect(!text.contains("BY HAND: `list`"))
        #expect(text.contains("BY HAND: `link cut`"))
        #expect(!text.contains("198.18.0.1.5000"), "a packet line of the wire view is no comment of the program")
    }

    @Test("what a view-only command read to show things (a capture socket, say) is neither a call nor left out")
    func viewOnlyReads() {
        let log = ExportLog()
        let capture = SyscallRecord(TypedCall(
            .socket, [.name("AF_PACKET", value: 17), .name("SOCK_RAW", value: 3), .integer(768)], .value(7)))
        log.record("lab", command: "lab", events: [.syscall(capture), .note("a: 198.18.0.1")])
        #expect(log.leftOut.isEmpty)
        let text = CExporter(source: "test").render(log)
        #expect(!text.contains("AF_PACKET") && !text.contains("198.18.0.1"))
        #expect(text.contains("/* lab: the shell showed the lab's hosts, links and addresses here */"))
    }

}
