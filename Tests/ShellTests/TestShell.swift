// A Session driven the way the frontends drive it, with helpers to read what it produced.

import Dispatch
import Glibc
import Shell
import Synchronization
import Testing

/// A session for tests, rendered as plain text.
///
/// Why no `--timeout` here: the deadline is a process-wide SIGALRM timer, and Swift Testing runs tests in
/// parallel threads of one process; so the tests only make calls that cannot block (data is sent before it is
/// read, connections are made before they are accepted), and a watchdog interrupts the one thread of a command
/// that still blocks after 10 s (its call then shows EINTR and the test fails instead of hanging the run).
/// Timeouts themselves are tested on the real binary.
final class TestShell {
    let session = Session(settings: SessionSettings(timeoutMs: nil))
    let renderer = TextRenderer(style: .plain)

    deinit { session.closeAll() }

    /// The events of a line.
    func events(_ line: String) -> [Event] { Watchdog.guarded { session.execute(line) } }

    /// The plain-text lines of a line that must not be an input error.
    @discardableResult
    func run(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let ev = events(line)
        if let e = ev.inputError {
            Issue.record("input error for `\(line)`: \(e.message)", sourceLocation: sourceLocation)
        }
        return renderer.render(ev)
    }

    /// The whole output of a line as one string (lines joined by newlines).
    func text(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        run(line, sourceLocation: sourceLocation).joined(separator: "\n")
    }

    /// The input error a line must give (recorded as an issue when there is none).
    @discardableResult
    func inputError(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> InputError? {
        let ev = events(line)
        guard let e = ev.inputError else {
            Issue.record("no input error for `\(line)`: \(renderer.render(ev))", sourceLocation: sourceLocation)
            return nil
        }
        if case .inputError = ev.last {} else {
            Issue.record("the input error is not the last event for `\(line)`", sourceLocation: sourceLocation)
        }
        return e
    }

    /// The syscall records of a line.
    func calls(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> [SyscallRecord] {
        let ev = events(line)
        if let e = ev.inputError {
            Issue.record("input error for `\(line)`: \(e.message)", sourceLocation: sourceLocation)
        }
        return ev.compactMap { if case .syscall(let c) = $0 { return c } else { return nil } }
    }

    /// The descriptor of a handle, from `info`.
    func fd(_ handle: String) -> String {
        row(info: handle, "fd") ?? "?"
    }

    /// A row of `@handle info` (`local`, `peer`, `state`, `recv-q`, ...).
    func row(info handle: String, _ key: String) -> String? {
        for line in run("@\(handle) info") {
            let words = line.split(separator: " ", maxSplits: 1)
            if words.count == 2, words[0] == key { return words[1].trimmingSpaces() }
        }
        return nil
    }

    /// The port of a handle's local address.
    func port(_ handle: String) -> Int? {
        guard let local = row(info: handle, "local"), let colon = local.lastIndex(of: ":") else { return nil }
        return Int(local[local.index(after: colon)...])
    }

    /// A listener `srv` on 127.0.0.1, a client `cli` connected to it by handle, and the accepted `conn`, which
    /// is made current. Returns the output of the setup.
    @discardableResult
    func tcpPair(_ srv: String = "srv", _ cli: String = "cli", _ conn: String = "conn") -> [String] {
        run("socket tcp as \(srv); bind 127.0.0.1:0; listen; socket tcp as \(cli); connect \(srv); "
                + "@\(srv) accept as \(conn); use \(conn)")
    }
}

/// Interrupts a command that blocks too long: SIGUSR2 (handler without SA_RESTART) to the thread running it.
final class Watchdog: Sendable {
    let finished = Atomic<Bool>(false)

    /// Seconds a command may take before its thread is interrupted.
    static let limit = 10

    /// A no-op handler, installed once, so the signal only interrupts the blocked call.
    static let installed: Bool = {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        return sigaction(SIGUSR2, &action, nil) == 0
    }()

    /// Runs `body`; if it is still running after `limit` seconds, interrupts its thread every 100 ms until it ends.
    static func guarded<T>(_ body: () -> T) -> T {
        guard installed else { return body() }
        // Test threads come from a pool that blocks signals; let this one through while the command runs.
        var only = sigset_t()
        var saved = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, SIGUSR2)
        pthread_sigmask(SIG_UNBLOCK, &only, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        let thread = pthread_self()
        let dog = Watchdog()
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(limit)) {
            var rounds = 0
            while !dog.finished.load(ordering: .acquiring), rounds < 600 {
                pthread_kill(thread, SIGUSR2)
                usleep(100_000)
                rounds += 1
            }
        }
        defer { dog.finished.store(true, ordering: .releasing) }
        return body()
    }
}

extension Array where Element == Event {
    /// The input error among the events, if any.
    var inputError: InputError? {
        for e in self { if case .inputError(let ie) = e { return ie } }
        return nil
    }

    /// Warnings and notes as text.
    var notes: [String] {
        compactMap {
            switch $0 {
            case .note(let l): return l.plain
            case .warning(let w): return w.plain
            default: return nil
            }
        }
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// True when `text` matches `pattern`, where `*` stands for any run of characters (nothing else is special).
func glob(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern), t = Array(text)
    var pi = 0, ti = 0, star = -1, mark = 0
    while ti < t.count {
        if pi < p.count, p[pi] != "*", p[pi] == t[ti] {
            pi += 1
            ti += 1
        } else if pi < p.count, p[pi] == "*" {
            star = pi
            mark = ti
            pi += 1
        } else if star >= 0 {
            pi = star + 1
            mark += 1
            ti = mark
        } else {
            return false
        }
    }
    while pi < p.count, p[pi] == "*" { pi += 1 }
    return pi == p.count
}

/// Expects some line of `lines` to match `pattern` (see `glob`).
func expectLine(_ lines: [String], _ pattern: String, sourceLocation: SourceLocation = #_sourceLocation) {
    if !lines.contains(where: { glob(pattern, $0) }) {
        Issue.record("no line matches `\(pattern)` in:\n\(lines.joined(separator: "\n"))",
                     sourceLocation: sourceLocation)
    }
}

/// Expects no line of `lines` to match `pattern`.
func expectNoLine(_ lines: [String], _ pattern: String, sourceLocation: SourceLocation = #_sourceLocation) {
    if let l = lines.first(where: { glob(pattern, $0) }) {
        Issue.record("unexpected line `\(l)` matches `\(pattern)`", sourceLocation: sourceLocation)
    }
}
