import CEditLine
import CSocketShims

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The read function libedit calls for every character, and what runs while it waits.
extension EditLineReader {
    /// Milliseconds between idle calls (and the poll timeout).
    static let idleInterval: Int64 = 200

    /// Waits for the next character from standard input.
    ///
    /// Returns 1 with the character, 0 at end of input, -1 with `errno` EINTR after Ctrl-C
    /// (libedit then ends `el_gets` with NULL and `interrupted` tells why).
    func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var chunk = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while true {
            if let scalar = input.nextScalar() {
                character.pointee = wchar_t(bitPattern: scalar.value)
                return 1
            }
            if sockshell_sigint_pending() != 0 {
                sockshell_clear_sigint()
                interrupted = true
                character.pointee = 0
                errno = EINTR
                return -1
            }
            let waited = MonotonicClock.now() - lastIdle
            if waited >= Self.idleInterval {
                whileIdle()
                continue
            }
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(Self.idleInterval - waited))
            if ready < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return -1
            }
            if ready == 0 { continue }
            let count = withUnsafeMutableBytes(of: &chunk) { systemRead(0, $0.baseAddress, $0.count) }
            if count > 0 {
                withUnsafeBytes(of: &chunk) { raw in
                    input.append(UnsafeBufferPointer(start: raw.bindMemory(to: UInt8.self).baseAddress, count: count))
                }
            } else if count == 0 {
                character.pointee = 0
                return 0
            } else if errno != EINTR && errno != EAGAIN {
                return -1
            }
        }
    }

    /// Runs between keys: repairs the terminal, follows its width, shows what `idle` returns.
    private func whileIdle() {
        lastIdle = MonotonicClock.now()
        guard let editLine, input.isEmpty else { return }
        if terminalWasReset() {
            sockshell_el_prep_term(editLine, 0)
            sockshell_el_prep_term(editLine, 1)
            sockshell_el_refresh(editLine)
        }
        let columns = output.columns
        if columns != knownColumns {
            knownColumns = columns
            el_resize(editLine)
            printAbove([])
        }
        let lines = idle()
        if !lines.isEmpty {
            printAbove(lines)
        }
    }

    /// True when the terminal is back in line mode under us (after Ctrl-Z and `fg` the parent
    /// shell restores its own settings; without `EL_SIGNAL`, libedit would not notice).
    private func terminalWasReset() -> Bool {
        var attributes = termios()
        guard tcgetattr(0, &attributes) == 0 else { return false }
        let lineMode = tcflag_t(ICANON) | tcflag_t(ECHO)
        return attributes.c_lflag & lineMode == lineMode
    }

    /// Prints `lines` where the prompt was and draws prompt and line again below them.
    ///
    /// The cursor goes to the first row of the prompt, everything below is cleared, the lines
    /// are written, and libedit redraws from there (`EL_REFRESH`).
    func printAbove(_ lines: [String]) {
        guard let editLine else { return }
        let (before, _) = currentLine()
        let row = (promptWidth + TerminalOutput.width(before)) / output.columns
        output.write("\r" + TerminalOutput.vertical(row) + "\u{1B}[J" + TerminalOutput.rawLines(lines))
        sockshell_el_refresh(editLine)
    }

    /// The text before the cursor and the whole line being edited.
    func currentLine() -> (beforeCursor: String, whole: String) {
        guard let editLine, let info = el_line(editLine)?.pointee,
              let buffer = info.buffer, let cursor = info.cursor, let last = info.lastchar
        else { return ("", "") }
        func text(_ end: UnsafePointer<CChar>) -> String {
            let count = max(0, buffer.distance(to: end))
            return buffer.withMemoryRebound(to: UInt8.self, capacity: count) {
                String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
            }
        }
        return (text(cursor), text(last))
    }
}
