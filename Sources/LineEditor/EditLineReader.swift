import CEditLine
import CSocketShims

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive line editor: libedit with emacs keys, history, Tab completion and Ctrl-C.
///
/// Used only when standard input and output are terminals. Characters are read by our own
/// function (poll with a 200 ms timeout) rather than libedit's, which lets Ctrl-C end the
/// prompt through the shell's SIGINT flag and lets `idle` print asynchronous output above the
/// line being typed. libedit installs no signal handlers (`EL_SIGNAL 0`); the terminal is
/// in edit mode only inside `read(prompt:)`, so it is sane whenever a command runs.
public final class EditLineReader: LineReader {
    /// How many entries the history keeps (in memory and, after trimming, in the file).
    public static let historySize: Int32 = 1000

    let editLine: OpaquePointer?
    let history: OpaquePointer?
    let historyFile: HistoryFile?
    let completer: (_ lineBeforeCursor: String) -> [String]
    let idle: () -> [String]
    let output: TerminalOutput
    var input = UTF8Input()
    /// Set by the read function when Ctrl-C ended `el_gets`.
    var interrupted = false
    /// Display width of the current prompt, for cursor arithmetic.
    var promptWidth = 0
    var lastIdle = MonotonicClock.now()
    var knownColumns = 0
    private var promptText: UnsafeMutablePointer<CChar>?
    private var fallback: PlainLineReader?

    /// Sets up libedit on standard input/output.
    ///
    /// - Parameters:
    ///   - programName: the name `~/.editrc` lines can be prefixed with (`sockshell:bind ...`).
    ///   - historyPath: the history file (see `HistoryLocation.defaultPath()`), or nil for none.
    ///     It is loaded now; every line given to `addHistory` is appended at once.
    ///   - completer: gets the text before the cursor, returns full words that complete its last
    ///     word (the text after the last space).
    ///   - idle: called about every 200 ms while waiting for keys; lines it returns are printed
    ///     above the line being edited.
    ///
    /// Picks a UTF-8 character type locale when the environment gives only "C". Ctrl-C ends the
    /// prompt through the SIGINT flag of `sockshell_install_sigint`, which the program installs
    /// (the executable owns its signals; the reader only reads and clears the flag).
    public init(
        programName: String,
        historyPath: String?,
        completer: @escaping (_ lineBeforeCursor: String) -> [String],
        idle: @escaping () -> [String]
    ) {
        Self.useUTF8CharacterType()
        let stdinStream = sockshell_stdin().assumingMemoryBound(to: FILE.self)
        let stdoutStream = sockshell_stdout().assumingMemoryBound(to: FILE.self)
        let stderrStream = sockshell_stderr().assumingMemoryBound(to: FILE.self)
        editLine = el_init(programName, stdinStream, stdoutStream, stderrStream)
        history = history_init()
        historyFile = historyPath.map(HistoryFile.init(path:))
        self.completer = completer
        self.idle = idle
        output = TerminalOutput(stream: stdoutStream)
        guard let editLine else {
            fallback = PlainLineReader()
            return
        }
        configure(editLine)
        if let history {
            var event = HistEvent()
            sockshell_history_setsize(history, &event, Self.historySize)
            sockshell_history_setunique(history, &event, 1)
            sockshell_el_set_hist(editLine, history)
            loadHistory(history)
        }
        // The user's ~/.editrc (or $EDITRC) comes last so it can change any of the above.
        _ = el_source(editLine, nil)
    }

    deinit {
        if let editLine { el_end(editLine) }
        if let history { history_end(history) }
        free(promptText)
    }

    /// Shows `prompt` and edits one line; see `LineReader.read(prompt:)`.
    ///
    /// A Ctrl-C that arrived before this call (while a command ran) is forgotten first.
    public func read(prompt: String) -> ReadResult {
        guard let editLine else {
            output.write(prompt)
            return fallback?.read(prompt: prompt) ?? .endOfInput
        }
        setPrompt(prompt)
        knownColumns = output.columns
        lastIdle = MonotonicClock.now()
        sockshell_clear_sigint()
        interrupted = false
        // Edit mode before the prompt appears: libedit would switch only after drawing it, and
        // a key typed in between (say Ctrl-D) would meet the line discipline instead.
        sockshell_el_prep_term(editLine, 1)
        var count: Int32 = 0
        let line = el_gets(editLine, &count)
        if interrupted {
            interrupted = false
            input.clear()
            output.write("^C\n")
            return .interrupted
        }
        guard let line, count > 0 else {
            output.write("\n")
            return .endOfInput
        }
        var text = String(cString: line)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return .line(text)
    }

    /// Enters `line` (trimmed) in the history and appends it to the history file at once.
    ///
    /// Blank lines and a repeat of the previous entry are skipped.
    public func addHistory(_ line: String) {
        let entry = Self.trimmed(line)
        guard !entry.isEmpty, let history else { return }
        var event = HistEvent()
        if sockshell_history_first(history, &event) == 0, let last = event.str,
           String(cString: last) == entry {
            return
        }
        sockshell_history_enter(history, &event, entry)
        historyFile?.append(entry)
    }

    // MARK: - Set-up

    private func configure(_ editLine: OpaquePointer) {
        sockshell_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        sockshell_el_set_editor(editLine, "emacs")
        sockshell_el_set_signal(editLine, 0)
        sockshell_el_set_prompt(editLine, promptCallback)
        sockshell_el_set_getcfn(editLine, readCharacterCallback)
        sockshell_el_addfn(editLine, "sockshell-complete", "Complete the word before the cursor",
                           completeCallback)
        sockshell_el_bind(editLine, "^I", "sockshell-complete")
        sockshell_el_bind(editLine, "^R", "em-inc-search-prev")
    }

    private func loadHistory(_ history: OpaquePointer) {
        guard let historyFile else { return }
        var event = HistEvent()
        let loaded = sockshell_history_load(history, &event, historyFile.path)
        // The file only grows between sessions; trim it now and then, not at every start.
        if loaded > 2 * Self.historySize {
            historyFile.rewrite(from: history)
        }
    }

    private func setPrompt(_ prompt: String) {
        free(promptText)
        promptText = strdup(prompt)
        promptWidth = TerminalOutput.width(prompt)
    }

    /// The prompt as libedit asks for it.
    var promptPointer: UnsafeMutablePointer<CChar>? { promptText }

    private static func trimmed(_ line: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = line.firstIndex(where: { !isSpace($0) }),
              let last = line.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(line[first...last])
    }

    /// libedit decodes and draws non-ASCII text through the C locale's character type: with a
    /// plain "C" locale it would show `é` as `\303\251`. Only LC_CTYPE changes; messages and
    /// number formats stay as they are.
    private static func useUTF8CharacterType() {
        if let current = setlocale(LC_CTYPE, nil), !["C", "POSIX"].contains(String(cString: current)) {
            return
        }
        if let chosen = setlocale(LC_CTYPE, ""), !["C", "POSIX"].contains(String(cString: chosen)) {
            return
        }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }
}
