import CSocketShims
import Shell
import Transcript

/// Runs lines through a session and shows the events: text or JSON on stdout, input errors on stderr, and
/// the transcript being recorded.
///
/// Why one type for every mode: the REPL, scripts, `-c` and stdin differ only in where lines come from.
final class Frontend {
    let session: Session
    let out = Output(fd: 1)
    let err = Output(fd: 2)
    let json: Bool
    let recorder: TranscriptRecorder?
    let plain = TextRenderer(style: .plain)
    let wildcards = TextRenderer(style: .wildcards)
    /// Flush stdout after every command (terminal), or only after commands that can block.
    let flushEveryCommand: Bool
    /// The REPL is running (Ctrl-C handled by the shell).
    var interactive = false
    /// Outside the REPL: Ctrl-C stopped the run after the command it cut short (the caller ends the process as
    /// SIGINT would, once the output is out).
    private(set) var interrupted = false
    private var events: [Event] = []
    private var lines: [String] = []
    /// The commands of the line being run; kept from line to line so the tokenizer reuses their storage.
    private var commands: [CommandWords] = []

    init(session: Session, json: Bool, recorder: TranscriptRecorder?, flushEveryCommand: Bool) {
        self.session = session
        self.json = json
        self.recorder = recorder
        self.flushEveryCommand = flushEveryCommand
        events.reserveCapacity(16)
    }

    /// Runs one input line. Returns false when it held an input error (a script stops there).
    @discardableResult
    func run(line: String, source: String, lineNumber: Int) -> Bool {
        var copy = line
        return copy.withUTF8 { run(bytes: $0, source: source, lineNumber: lineNumber) }
    }

    /// `run(line:)` of a line's UTF-8 bytes, as a script's reader hands them over.
    @discardableResult
    func run(bytes line: UnsafeBufferPointer<UInt8>, source: String, lineNumber: Int) -> Bool {
        // A Ctrl-C that came between two lines stops a script before the next one (which could block).
        if !interactive, sockshell_sigint_pending() != 0 {
            interrupted = true
            out.flush()
            return false
        }
        let outcome = session.runLine(line, commands: &commands, events: &events) { words, events, failed in
            // The terminal echoed ^C without a newline: start the output on a line of its own.
            if interactive, sockshell_sigint_pending() != 0 { out.raw("\n") }
            if json {
                for e in events {
                    if case .inputError = e { continue }
                    out.line(JSONRenderer().render(e))
                }
            } else {
                // Rendered where they lie, without copying each event out of the array (an input error renders
                // as nothing here: it goes to stderr below).
                out.append { bytes in plain.write(events, to: &bytes, scratch: &lines) }
            }
            if let r = recorder, failed == nil {
                r.record(command: LadderRecording.namingStyle(commandText(words)), output: wildcards.render(events))
            }
            if failed != nil { return true }
            if flushEveryCommand || session.lastCommand?.mayBlock == true { out.flush() }
            if session.wantsQuit { return true }
            if sockshell_sigint_pending() != 0 {
                // In the REPL Ctrl-C stops the rest of the line; in a script (and between two commands of a
                // line), the script.
                if !interactive {
                    interrupted = true
                    out.flush()
                }
                return false
            }
            return true
        }
        switch outcome {
        case .completed:
            return true
        case .empty:
            if let r = recorder, line.contains(UInt8(ascii: "#")) {
                r.comment(String(decoding: line.drop { $0 == 0x20 || $0 == UInt8(ascii: "#") }, as: UTF8.self))
            }
            return true
        case .stopped:
            return !interrupted
        case .splitError(let f):
            report(f, source: source, line: lineNumber)
            return false
        case .inputError(let f):
            out.flush()
            if json { out.line(JSONRenderer().render(.inputError(f), source: source, line: lineNumber)) }
            report(f, source: source, line: lineNumber)
            return false
        }
    }

    /// Prints an input error to stderr: `NAME:LINE: error: WHAT` and the usage.
    func report(_ e: InputError, source: String, line: Int) {
        out.flush()
        // In the REPL the line number is only a count of lines typed: show `error: ...` (SPEC §1's
        // NAME:LINE form is for scripts).
        var lines = TextRenderer.inputError(e, source: source, line: line)
        if interactive, let first = lines.first, let r = first.firstRange(of: "error: ") {
            lines[0] = String(first[r.lowerBound...])
        }
        for l in lines { err.line(l) }
        err.flush()
    }

    func commandText(_ w: CommandWords) -> String {
        var s = String(decoding: w.raw, as: UTF8.self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }

    func finish() {
        out.flush()
        err.flush()
        recorder?.close()
    }
}
