/// Result of checking one file.
///
/// The checker reports rather than prints, so `--check` can phrase the summary and pick the exit
/// status (1 for a mismatch, 2 when an input error stopped the script).
public struct CheckResult: Sendable, Equatable {
    /// The file name as given, used in the diff header.
    public var file: String
    /// How many commands were run (fewer than the file holds if an input error stopped it).
    public var commands: Int
    /// How many output lines differ: in each changed run, the larger of the lines missing and the
    /// lines extra, so one changed value counts once.
    public var mismatches: Int
    /// A unified diff of the transcript against the actual output; empty when nothing differs.
    public var diff: String
    /// Whether a command was an input error, which stops the replay as it stops a script.
    public var stoppedByInputError: Bool
    /// The 1-based line of the first differing expected line (for output that was not expected,
    /// the line it would follow: the command's or an earlier expected line), for a `FILE:LINE:`
    /// summary.
    public var firstMismatchLine: Int?
    /// The 1-based line of the command that was an input error, if one stopped the replay.
    public var inputErrorLine: Int?

    /// Makes a result.
    public init(
        file: String, commands: Int, mismatches: Int, diff: String, stoppedByInputError: Bool,
        firstMismatchLine: Int? = nil, inputErrorLine: Int? = nil
    ) {
        self.file = file
        self.commands = commands
        self.mismatches = mismatches
        self.diff = diff
        self.stoppedByInputError = stoppedByInputError
        self.firstMismatchLine = firstMismatchLine
        self.inputErrorLine = inputErrorLine
    }

    /// Whether the replay is green: every command ran and printed what was expected.
    public var passed: Bool { mismatches == 0 && !stoppedByInputError }
}

/// Replays a transcript through a caller-supplied runner and compares the output.
///
/// The checker knows nothing of sockets or of the shell: `run` is the whole interface, which keeps
/// this module free of other project modules and lets tests drive it with a fake shell.
public enum TranscriptChecker {
    /// Runs each entry's command through `run` (which returns the output lines the shell printed
    /// for it, and whether it was an input error that stops the script) and compares line by line
    /// with wildcards.
    ///
    /// The command's output is compared even when it was an input error; the replay then stops and
    /// the commands after it are neither run nor counted as mismatches.
    public static func check(
        file: String, text: String, run: (String) -> (lines: [String], inputError: Bool)
    ) -> CheckResult {
        checkEntries(file: file, text: text) { run($0.command) }
    }

    /// Like `check(file:text:run:)`, but hands the whole entry to `run`, so the runner knows the
    /// command's line number (for `NAME:LINE: error:` messages).
    public static func checkEntries(
        file: String, text: String, run: (TranscriptEntry) -> (lines: [String], inputError: Bool)
    ) -> CheckResult {
        let parsed = TranscriptFile.parse(text)
        var diff = UnifiedDiff()
        var result = CheckResult(file: file, commands: 0, mismatches: 0, diff: "", stoppedByInputError: false)
        for entry in parsed.entries {
            let output = run(entry)
            result.commands += 1
            let actual = normalize(output.lines)
            let patterns = entry.expected.map { Pattern($0.text) }
            let ops = LineDiff.diff(expected: patterns, actual: actual)
            let count = LineDiff.mismatches(in: ops)
            if count > 0 {
                result.mismatches += count
                diff.add(entry: entry, ops: ops, actual: actual)
                if result.firstMismatchLine == nil { result.firstMismatchLine = firstLine(of: ops, in: entry) }
            }
            if output.inputError {
                result.stoppedByInputError = true
                result.inputErrorLine = entry.commandLine
                break
            }
        }
        result.diff = diff.text(file: file)
        return result
    }

    /// The actual output as the transcript would hold it: one line per element (embedded newlines
    /// split, a trailing "\r" dropped), without blank or '#' lines, which a transcript cannot
    /// hold as output. So a recorded session always replays green.
    static func normalize(_ lines: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(lines.count)
        for line in lines {
            if line.utf8.contains(UInt8(ascii: "\n")) || line.utf8.last == UInt8(ascii: "\r") {
                for piece in Lines(line) where !TranscriptFile.isComment(piece) {
                    result.append(String(piece))
                }
            } else if !TranscriptFile.isComment(line) {
                result.append(line)
            }
        }
        return result
    }

    /// The file line where a block's diff first differs.
    private static func firstLine(of ops: [DiffOp], in entry: TranscriptEntry) -> Int {
        var line = entry.commandLine
        for op in ops {
            switch op {
            case .same(let expected, _): line = entry.expected[expected].line
            case .removed(let expected): return entry.expected[expected].line
            case .added: return line
            }
        }
        return line
    }
}
