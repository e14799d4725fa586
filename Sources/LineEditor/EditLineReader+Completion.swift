import CEditLine

/// Tab: complete the word before the cursor from the completer's candidates.
extension EditLineReader {
    /// Applies `CompletionPlan` to the line: insert the rest of a sole match and a space,
    /// extend to the common prefix, or list the matches in columns below the line.
    func complete() -> UInt8 {
        guard let editLine else { return UInt8(CC_ERROR) }
        let (before, whole) = currentLine()
        let partial = CompletionPlan.partialWord(of: before)
        switch CompletionPlan.action(partial: partial, candidates: completer(before)) {
        case .beep:
            return UInt8(CC_ERROR)
        case .edit(let deleteBackward, let text):
            if deleteBackward > 0 {
                el_deletestr(editLine, Int32(deleteBackward))
            }
            return el_insertstr(editLine, text) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
        case .list(let words):
            let columns = output.columns
            let cursorRow = (promptWidth + TerminalOutput.width(before)) / columns
            let lastRow = (promptWidth + TerminalOutput.width(whole)) / columns
            let table = CompletionPlan.columns(words, width: columns)
            // Below the last row of the line, then the table; libedit redraws under it.
            output.write(TerminalOutput.vertical(cursorRow - lastRow) + "\r\n" + TerminalOutput.rawLines(table))
            sockshell_el_refresh(editLine)
            return UInt8(CC_NORM)
        }
    }
}
