/// How one input line ended (`Session.runLine`).
public enum LineOutcome: Sendable {
    /// Every command ran, or `quit` ended the line early.
    case completed
    /// The line holds no command: blank, or a comment.
    case empty
    /// The line did not split into commands (a quoting error): nothing ran.
    case splitError(InputError)
    /// A command's input error stopped the line; the commands before it ran.
    case inputError(InputError)
    /// The caller's step asked to stop after a command (a Ctrl-C, say).
    case stopped
}

extension Session {
    /// The one driver from a line to per-command results: split the line (SPEC §2a), run its commands in order,
    /// hand each command's events to `step`, and stop at the first input error, at `quit`, or when `step` returns
    /// false.
    ///
    /// Why one: the REPL, scripts, `-c`, stdin (the frontend), `--check` and `execute` all run lines, and each
    /// had its own loop deciding where a line stops; now they differ only in what they do with the events.
    /// `events` is cleared before each command (its storage kept), and `commands` is reused by the tokenizer:
    /// a long script allocates neither per line.
    ///
    /// - Parameter step: gets the command's words, its events (input errors included, last) and its input
    ///   error, if any; returns false to stop the line.
    public func runLine(
        _ line: UnsafeBufferPointer<UInt8>, commands: inout [CommandWords], events: inout [Event],
        step: (_ words: CommandWords, _ events: inout [Event], _ failed: InputError?) -> Bool
    ) -> LineOutcome {
        do { try Tokenizer.split(bytes: line, into: &commands) } catch { return .splitError(error) }
        if commands.isEmpty { return .empty }
        if keepsHistory { history.append(String(decoding: line, as: UTF8.self)) }
        for k in commands.indices {
            // The command's one copy of its words: `run` parses from it, and the words are read from it after.
            var args = Args(words: commands[k], index: 0, command: 0)
            // removeLast keeps the storage without the generic replaceSubrange of removeAll(keepingCapacity:).
            while !events.isEmpty { events.removeLast() }
            // As execute(words:), keeping the error at hand (no scan of the events for it).
            var failed: InputError?
            do throws(InputError) { try run(&args, into: &events) } catch {
                failed = error
                events.append(.inputError(error))
            }
            exportLog?.record(args.words, events[...])
            if !step(args.words, &events, failed) { return .stopped }
            if let failed { return .inputError(failed) }
            if wantsQuit { break }
        }
        return .completed
    }
}
