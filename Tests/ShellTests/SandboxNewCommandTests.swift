// The fuzzers' sandbox against the commands of issues 12-17: fuzzed input writes no files (`export c FILE`,
// `wire save FILE`), captures nothing (`wire on`), builds no lab (`host`, `link`, `reboot`, `lab` fail cleanly
// without one) and does not wait (select, recvmsg on the error queue, a datagram sink's idle second).
//
// No `--timeout` (timeoutMs nil), as in MalformedInputTests: the deadline is a process-wide timer and tests run in
// parallel, so what is bounded here is bounded by the sandbox itself, not by the deadline.

import Glibc
@testable import Shell
import SocketCore
import Testing

@Suite("the fuzzers' sandbox and the new commands")
struct SandboxNewCommandTests {
    func sandboxed() -> Session { Session(settings: SessionSettings(timeoutMs: nil, sandboxed: true)) }

    /// A path in /tmp that does not exist yet.
    func freshPath(_ name: String) -> String { "/tmp/sockshell-sandbox-\(getpid())-\(name)" }

    func inputError(_ events: [Event]) -> InputError? {
        if case .inputError(let e)? = events.last { return e }
        return nil
    }

    @Test("export c FILE and wire save FILE are refused and write nothing")
    func fileWritersRefused() {
        let session = sandboxed()
        defer { session.closeAll() }
        _ = session.execute("socket tcp")
        let c = freshPath("export.c"), pcap = freshPath("capture.pcap")
        for (line, path) in [("export c \(c)", c), ("wire save \(pcap)", pcap)] {
            let e = inputError(session.execute(line))
            #expect(e != nil, "\(line) was not refused")
            #expect(e?.message.contains("writes") == true, "\(e?.message ?? "")")
            #expect(access(path, F_OK) != 0, "\(line) wrote \(path)")
        }
    }

    @Test("wire on captures nothing in the sandbox, with or without a filter")
    func wireOnRefused() {
        let session = sandboxed()
        defer { session.closeAll() }
        for line in ["wire on", "wire on tcp port 80"] {
            let events = session.execute(line)
            #expect(events.contains { if case .warning = $0 { true } else { false } }, "\(line): \(events)")
            #expect(session.wire?.capture == nil, "\(line) opened a capture")
        }
        // A filter libpcap cannot compile is an input error, found without a capture (when libpcap is there).
        if WireCapture.libraryLoaded { #expect(inputError(session.execute("wire on (((")) != nil) }
        #expect(session.wire?.capture == nil)
    }

    @Test("host, link, reboot and lab without a lab are input errors that say how to get one")
    func labCommandsWithoutLab() {
        let session = sandboxed()
        defer { session.closeAll() }
        for line in ["host", "host b", "link cut", "link restore b", "reboot b", "lab"] {
            let e = inputError(session.execute(line))
            #expect(e?.message.hasPrefix("no lab in this session") == true, "\(line): \(e?.message ?? "nil")")
        }
        #expect(session.lab == nil)
    }

    @Test("select, recvmsg errqueue and a datagram sink return at once, whatever they are told to wait")
    func waitsBounded() {
        let session = sandboxed()
        defer { session.closeAll() }
        _ = session.execute("socket udp as u1; bind 127.0.0.1:0; setopt IP_RECVERR on")
        let start = ChildClock.now()
        for line in ["select 10m", "@u1 select 10s", "recvmsg errqueue", "recvmsg errqueue 0 trunc", "sink",
                     "sink 1K", "poll 1m"] {
            let events = session.execute(line)
            #expect(!events.isEmpty, "\(line) passed silently")
            #expect(inputError(events) == nil, "\(line): \(events)")
        }
        // Each of the seven would take a second or more unsandboxed (the sinks an idle second each).
        #expect(ChildClock.now() - start < 1.5)
    }
}

@Suite("found while fuzzing the new commands")
struct FuzzFoundTests {
    @Test("recvmsg trunc of a datagram one byte too long: '1 did not fit and was discarded'")
    func truncatedByOne() {
        let session = Session(settings: SessionSettings(timeoutMs: nil, sandboxed: true))
        defer { session.closeAll() }
        _ = session.execute("socket udp as u1; bind 127.0.0.1:0; sendto u1 ab; sendto u1 abc")
        let notes = { (line: String) -> [String] in
            session.execute(line).compactMap { if case .note(let l) = $0 { l.plain } else { nil } }
        }
        let one = notes("recvmsg 1 trunc")
        #expect(one.contains("MSG_TRUNC: the datagram had 2 bytes; 1 did not fit and was discarded"), "\(one)")
        let two = notes("recvmsg 1 trunc")
        #expect(two.contains("MSG_TRUNC: the datagram had 3 bytes; 2 did not fit and were discarded"), "\(two)")
    }
}

extension FuzzFoundTests {
    @Test("explain says read-only once on the type line of every read-only option (SO_MEMINFO said it twice)")
    func readOnlyOnce() {
        let session = Session(settings: SessionSettings(timeoutMs: nil, sandboxed: true))
        for spec in OptionCatalog.all where spec.readOnly {
            for lang in ["", "--lang ko "] {
                let shown = TextRenderer(style: .plain).render(session.execute("explain \(lang)\(spec.name)"))
                guard let type = shown.first(where: { $0.hasPrefix("  type: ") || $0.hasPrefix("  타입: ") }) else {
                    Issue.record("explain \(lang)\(spec.name) has no type line: \(shown)")
                    continue
                }
                let marks = type.components(separatedBy: "read-only").count - 1
                    + type.components(separatedBy: "읽기 전용").count - 1
                #expect(marks == 1, "\(type)")
            }
        }
    }
}
