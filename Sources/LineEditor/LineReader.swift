/// What one call to `LineReader.read(prompt:)` produced.
///
/// The REPL treats the three cases differently: run a line, show a fresh prompt after Ctrl-C,
/// and leave on Ctrl-D or end of input.
public enum ReadResult: Equatable, Sendable {
    /// A complete line, without its trailing newline.
    case line(String)
    /// Ctrl-C was pressed at the prompt; the partly typed line was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfInput
}

/// A source of command lines: the line editor on a terminal, a plain reader on pipes and files.
///
/// The REPL loop is written once against this protocol, so scripts and interactive sessions
/// differ only in the reader they were given.
public protocol LineReader: AnyObject {
    /// Reads one line (without the newline).
    ///
    /// `.interrupted` when Ctrl-C was pressed at the prompt (line discarded),
    /// `.endOfInput` on Ctrl-D / EOF.
    func read(prompt: String) -> ReadResult

    /// Adds a line to the history (and persists it at once, flushed, when a history file is set).
    func addHistory(_ line: String)
}
