import CSocketShims
import Glibc
import Shell

/// The progress line of long transfers (`source`, `sink`), drawn on standard error when it is a terminal.
///
/// Why stderr and a carriage return: the line is for the person watching, not part of the output; it is
/// redrawn in place four times a second and erased before the transfer's result is printed, so standard
/// output (a file, a pipe, a transcript) never holds it.
enum ProgressLine {
    /// Draws the session's transfer progress on stderr.
    static func install(on session: Session) {
        session.progress = { p in write("\r" + TextRenderer.progress(p) + "\u{1b}[K") }
        session.progressDone = { write("\r\u{1b}[K") }
    }

    private static func write(_ text: String) {
        fputs(text, sockshell_stderr().assumingMemoryBound(to: FILE.self))
    }
}
