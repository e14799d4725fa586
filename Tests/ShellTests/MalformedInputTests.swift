// Malformed input, in process: the corpus of Tests/Fixtures/malformed-lines.txt run after `socket tcp`, overlong
// lines, control characters in what is echoed, and the sandbox of the fuzzers. Every line must end in an input
// error (one line and the usage) or in a system call's result: never a crash, a hang or silence.
//
// No `--timeout` here (timeoutMs nil): the deadline is a process-wide timer and tests run in parallel, so the
// lines are chosen not to block (the socket is never connected). Timeouts are tested on the real binary.

import Glibc
@testable import Shell
import SocketCore
import TestSupport
import Testing

/// One line of the corpus, with a readable name in test output.
struct MalformedLine: Sendable, CustomTestStringConvertible {
    let bytes: [UInt8]
    var text: String { String(decoding: bytes, as: UTF8.self) }
    var testDescription: String { text.debugDescription }

    /// The lines of Tests/Fixtures/malformed-lines.txt (see `MalformedCorpus`).
    static func corpus() -> [MalformedLine] { MalformedCorpus.lines().map { MalformedLine(bytes: $0) } }
}

/// A control character other than a tab: it would break a line or drive the terminal.
func hasControlCharacter(_ s: String) -> Bool {
    s.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7f }
}

@Suite("malformed input")
struct MalformedInputTests {
    static let corpus = MalformedLine.corpus()

    @Test("the corpus is there and holds about a hundred lines")
    func corpusLoads() {
        #expect(MalformedInputTests.corpus.count >= 100)
    }

    @Test("each malformed line after `socket tcp` gives an input error with usage, or a call's result",
          .timeLimit(.minutes(1)), arguments: MalformedInputTests.corpus)
    func malformedLine(_ line: MalformedLine) {
        let session = Session(settings: SessionSettings(timeoutMs: nil))
        defer { session.closeAll() }
        _ = session.execute("socket tcp")
        let start = ChildClock.now()
        let events = session.execute(line.text)
        let seconds = ChildClock.now() - start
        #expect(seconds < 3, "took \(seconds) s")
        #expect(!events.isEmpty, "passed silently")
        let rendered = TextRenderer(style: .plain).render(events)
        for l in rendered { #expect(!hasControlCharacter(l), "output line \(l.debugDescription)") }
        if let error = events.compactMap({ if case .inputError(let e) = $0 { e } else { nil } }).first {
            #expect(!error.message.isEmpty)
            #expect(!hasControlCharacter(error.message), "message \(error.message.debugDescription)")
            #expect(error.usage.map { !$0.isEmpty } == true, "no usage with '\(error.message)'")
            let text = TextRenderer.inputError(error, source: "-", line: 2)
            #expect(text.count == 2, "\(text)")
            #expect(text.first?.hasPrefix("-:2: error: ") == true)
        } else {
            let calls = events.filter { if case .syscall = $0 { true } else { false } }
            #expect(!calls.isEmpty, "neither an input error nor a call: \(rendered)")
        }
    }

    @Test("a line over 1 MiB is an input error, not an allocation; one below runs")
    func overlongLines() {
        let session = Session(settings: SessionSettings(timeoutMs: nil))
        defer { session.closeAll() }
        _ = session.execute("socket tcp")
        let long = "send " + String(repeating: "A", count: 2 << 20)
        guard case .inputError(let e)? = session.execute(long).last else {
            Issue.record("no input error for a 2 MiB line")
            return
        }
        #expect(e.message.hasPrefix("line too long"))
        #expect(e.usage != nil)
        let word = "setopt " + String(repeating: "x", count: 500_000) + " 1"
        guard case .inputError(let w)? = session.execute(word).last else {
            Issue.record("no input error for a 500 KB option name")
            return
        }
        #expect(w.message.count < 300, "the message echoes the whole word: \(w.message.count) characters")
        let quoted = "send \"" + String(repeating: "\\x41", count: 200_000) + "\""
        let events = session.execute(quoted)
        #expect(events.contains { if case .syscall(let c) = $0 { c.name == "send" } else { false } })
    }

    @Test("what the user typed is echoed with control characters escaped: one line, no terminal codes")
    func controlCharactersEscaped() {
        let session = Session(settings: SessionSettings(timeoutMs: nil))
        guard case .inputError(let e)? = session.execute("\"frob\\n> socket tcp\\e[2J\"").last else {
            Issue.record("no input error")
            return
        }
        #expect(e.message.contains("frob\\n> socket tcp\\x1b[2J"), "\(e.message)")
        #expect(!hasControlCharacter(e.message))
    }

    @Test("quoting errors carry a usage that shows how to quote")
    func quotingErrorsHaveUsage() {
        for line in ["send \"abc", "send 'abc", "send \"\\q\"", "send \"\\x\"", "send \"\\777\"", "send \"\\"] {
            let session = Session(settings: SessionSettings(timeoutMs: nil))
            guard case .inputError(let e)? = session.execute(line).last else {
                Issue.record("no input error for \(line)")
                continue
            }
            #expect(e.usage?.contains("C escapes") == true, "\(line): \(e)")
        }
    }

    @Test("an AF_UNIX path with a newline shows escaped in info and list")
    func unixPathShownEscaped() throws {
        var template = Array("/tmp/sockshell-malformed-XXXXXX".utf8CString)
        let folder = try #require(mkdtemp(&template).map { String(cString: $0) })
        let path = folder + "/a\n> b"
        defer {
            unlink(path)
            rmdir(folder)
        }
        let session = Session(settings: SessionSettings(timeoutMs: nil))
        defer { session.closeAll() }
        _ = session.execute("socket unix")
        let bind = session.execute("bind \"" + folder + "/a\\n> b\"")
        #expect(bind.contains { if case .syscall(let c) = $0 { c.result == .value(0) } else { false } })
        for command in ["info", "list"] {
            let lines = TextRenderer(style: .plain).render(session.execute(command))
            #expect(lines.contains { $0.contains(folder + "/a\\n> b") }, "\(lines)")
            #expect(!lines.contains { hasControlCharacter($0) || $0.hasPrefix(">") }, "\(lines)")
        }
    }

    @Test("source and sink of 0 bytes are input errors, not silent no-ops")
    func zeroByteTransfers() {
        let session = Session(settings: SessionSettings(timeoutMs: nil))
        defer { session.closeAll() }
        _ = session.execute("socket tcp")
        for line in ["source 0", "sink 0"] {
            guard case .inputError(let e)? = session.execute(line).last else {
                Issue.record("no input error for \(line)")
                continue
            }
            #expect(e.message.contains("bad BYTES"))
        }
    }
}

@Suite("the fuzzers' sandbox")
struct SandboxTests {
    func sandboxed() -> Session { Session(settings: SessionSettings(timeoutMs: nil, sandboxed: true)) }

    @Test("AF_UNIX paths are refused for bind, connect and sendto; abstract names are allowed")
    func unixPathsRefused() {
        let session = sandboxed()
        defer { session.closeAll() }
        _ = session.execute("socket unix dgram")
        for line in ["bind /tmp/sockshell-sandbox-test", "bind unix:relative", "bind ./here",
                     "connect /run/dbus/system_bus_socket", "sendto /dev/log hello"] {
            guard case .inputError(let e)? = session.execute(line).last else {
                Issue.record("\(line) was not refused")
                continue
            }
            #expect(e.message.hasPrefix("sandboxed session: AF_UNIX path"), "\(e.message)")
        }
        #expect(access("/tmp/sockshell-sandbox-test", F_OK) != 0)
        for line in ["bind unix:@sockshell-sandbox-test", "connect unix:@sockshell-sandbox-test",
                     "sendto \"unix:\\0other\" x"] {
            let events = session.execute(line)
            #expect(events.contains { if case .syscall = $0 { true } else { false } }, "\(line): \(events)")
        }
    }

    @Test("host names are refused (no lookups); numeric addresses are not")
    func namesRefused() {
        let session = sandboxed()
        defer { session.closeAll() }
        _ = session.execute("socket udp")
        for line in ["connect localhost:80", "sendto example.com:53 x", "bind [localhost]:0"] {
            guard case .inputError(let e)? = session.execute(line).last else {
                Issue.record("\(line) was not refused")
                continue
            }
            #expect(e.message.hasPrefix("sandboxed session: host name"), "\(e.message)")
        }
        for line in ["bind 127.0.0.1:0", "connect :9", "connect *:9"] {
            let events = session.execute(line)
            #expect(events.contains { if case .syscall = $0 { true } else { false } }, "\(line): \(events)")
        }
        _ = session.execute("socket udp 6")
        for line in ["bind [::1]:0", "connect [fe80::1%lo]:9"] {
            let events = session.execute(line)
            #expect(!events.contains { if case .inputError = $0 { true } else { false } }, "\(line): \(events)")
        }
    }

    @Test("sleep and poll are capped at 10 ms")
    func durationsCapped() {
        let session = sandboxed()
        defer { session.closeAll() }
        let start = ChildClock.now()
        _ = session.execute("sleep 5s; poll 5s; sleep 1m")
        #expect(ChildClock.now() - start < 1)
    }
}

/// The monotonic clock, in seconds.
enum ChildClock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
