import Shell
import Testing

/// Session.runLine: the one driver from a line to per-command results (the frontend, --check and execute use it).
@Suite struct LineDriverTests {
    /// Runs `line` and returns the outcome and, per command that ran, its first word and event count.
    static func drive(_ s: Session, _ line: String, stopAfter: Int = .max) -> (LineOutcome, [(String, Int)]) {
        var commands: [CommandWords] = []
        var events: [Event] = []
        var seen: [(String, Int)] = []
        var copy = line
        let outcome = copy.withUTF8 { bytes in
            s.runLine(bytes, commands: &commands, events: &events) { words, events, _ in
                seen.append((words.tokens.first?.text ?? "", events.count))
                return seen.count < stopAfter
            }
        }
        return (outcome, seen)
    }

    static func session() -> Session { Session(settings: SessionSettings(timeoutMs: 1_000, sandboxed: true)) }

    @Test func runsEveryCommandInOrder() {
        let (outcome, seen) = Self.drive(Self.session(), "help; list; help bind")
        guard case .completed = outcome else { Issue.record("\(outcome)"); return }
        #expect(seen.map(\.0) == ["help", "list", "help"])
        #expect(seen.allSatisfy { $0.1 > 0 }, "each command's events, the array cleared between them")
    }

    @Test func stopsAtTheFirstInputError() {
        let (outcome, seen) = Self.drive(Self.session(), "help; bogus; list")
        guard case .inputError(let e) = outcome else { Issue.record("\(outcome)"); return }
        #expect(e.message.contains("bogus"))
        #expect(seen.map(\.0) == ["help", "bogus"], "the failing command's events are handed over, then it stops")
    }

    @Test func splitErrorsEmptyLinesQuitAndStop() {
        let s = Self.session()
        if case .splitError = Self.drive(s, "send \"open").0 {} else { Issue.record("a quoting error") }
        if case .empty = Self.drive(s, "   # a comment").0 {} else { Issue.record("a comment line") }
        let (stopped, seen) = Self.drive(s, "help; list; help", stopAfter: 2)
        if case .stopped = stopped {} else { Issue.record("\(stopped)") }
        #expect(seen.count == 2)
        let (quit, after) = Self.drive(s, "quit; help")
        if case .completed = quit {} else { Issue.record("\(quit)") }
        #expect(after.map(\.0) == ["quit"] && s.wantsQuit)
    }
}
