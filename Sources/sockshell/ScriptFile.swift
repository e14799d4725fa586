import Glibc
import LineEditor
import Transcript

/// A script or transcript file run line by line, never held in memory whole.
///
/// Why: a long script (hundreds of thousands of lines) must run in constant memory, and parsing the whole text
/// into entries first cost as much time as a tenth of the commands. Two passes over the file instead: the first
/// only looks for a line starting with "> " (which makes the file a transcript, see Transcript.swift), the second
/// streams its commands to the frontend. Files that cannot be read twice (a pipe, `<(...)`) are not handled here.
/// Both passes read the format through Transcript's own `TranscriptMarkerScanner` and `TranscriptFile.classify`,
/// the reading `TranscriptFile.parse` uses: one parser, two ways of feeding it.
enum ScriptFile {
    /// The outcome of `run`.
    enum Result {
        /// The file ran: exit status 0 or 2 (input error).
        case ran(Int32)
        /// The file cannot be opened (errno is set).
        case unreadable
        /// Not a regular file: the caller reads it whole.
        case notSeekable
    }

    /// Runs the commands of the file at `path` through `frontend`, as `runText` would with its whole text.
    static func run(path: String, _ frontend: Frontend) -> Result {
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { return .unreadable }
        // Kept open during the run: out of the low range, so the session's first socket is still fd 3.
        let fd = fcntl(opened, F_DUPFD_CLOEXEC, 100)
        close(opened)
        guard fd >= 0 else { return .unreadable }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return .notSeekable }
        guard let transcript = isTranscript(fd), lseek(fd, 0, SEEK_SET) == 0 else { return .unreadable }
        let reader = PlainLineReader(fileDescriptor: fd)
        var number = 0
        while true {
            number += 1
            // The line's bytes go to the frontend as they lie in the reader's buffer (no String per line).
            let step: Bool? = reader.readLine { line in
                switch TranscriptFile.classify(line, transcript: transcript) {
                case .command(let offset):
                    // A line the reader cut (over 1 MiB) keeps its "> ": still too long, so it is refused, never
                    // run cut short.
                    let cut = transcript && line.count >= PlainLineReader.maxLineBytes
                    let command = UnsafeBufferPointer(rebasing: line[(cut ? 0 : offset)...])
                    return frontend.run(bytes: command, source: path, lineNumber: number)
                case .output, .comment:
                    return true
                }
            }
            guard let ok = step else { break }
            if !ok { return .ran(2) }
            if frontend.session.wantsQuit { break }
        }
        return .ran(0)
    }

    /// Whether some line of the file starts with "> " (TranscriptMarkerScanner); nil when reading fails.
    static func isTranscript(_ fd: Int32) -> Bool? {
        let size = 1 << 16
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { chunk.deallocate() }
        var scanner = TranscriptMarkerScanner()
        while true {
            let n = read(fd, chunk.baseAddress, size)
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return false }
            let bytes = UnsafeBufferPointer(start: chunk.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
            if scanner.feed(bytes) { return true }
        }
    }
}
