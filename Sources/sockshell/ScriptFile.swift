import Glibc
import LineEditor
import Transcript

/// A script or transcript file run line by line, never held in memory whole.
///
/// Why: a long script (hundreds of thousands of lines) must run in constant memory, and parsing the whole text
/// into entries first cost as much time as a tenth of the commands. Two passes over the file instead: the first
/// only looks for a line starting with "> " (which makes the file a transcript, see Transcript.swift), the second
/// streams its commands to the frontend. Files that cannot be read twice (a pipe, `<(...)`) are not handled here.
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
                if transcript {
                    // "> command" (or a bare ">", an empty command); every other line is output or comment.
                    guard line.first == UInt8(ascii: ">") else { return true }
                    guard line.count == 1 || line[1] == UInt8(ascii: " ") else { return true }
                    // A line the reader cut (over 1 MiB) keeps its "> ": still too long, so it is refused, never
                    // run cut short.
                    let cut = line.count >= PlainLineReader.maxLineBytes
                    let command = UnsafeBufferPointer(rebasing: line[(cut ? 0 : min(2, line.count))...])
                    return frontend.run(bytes: command, source: path, lineNumber: number)
                }
                if isComment(line) { return true }
                return frontend.run(bytes: line, source: path, lineNumber: number)
            }
            guard let ok = step else { break }
            if !ok { return .ran(2) }
            if frontend.session.wantsQuit { break }
        }
        return .ran(0)
    }

    /// Blank, or '#' as its first non-blank character (TranscriptFile.isComment, without the generic call).
    static func isComment(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in line where b != 0x20 && b != 0x09 { return b == UInt8(ascii: "#") }
        return true
    }

    /// Whether some line of the file starts with "> "; nil when reading fails.
    static func isTranscript(_ fd: Int32) -> Bool? {
        let size = 1 << 16
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { chunk.deallocate() }
        // How far the current line's start has been matched: 0 = at a line start, 1 = after ">", 2 = elsewhere.
        var state = 0
        while true {
            let n = read(fd, chunk.baseAddress, size)
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return false }
            let bytes = UnsafeBufferPointer(start: chunk.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
            var i = 0
            while i < n {
                switch state {
                case 0:
                    state = bytes[i] == UInt8(ascii: ">") ? 1 : 2
                    if bytes[i] == 10 { state = 0 }
                    i += 1
                case 1:
                    if bytes[i] == UInt8(ascii: " ") { return true }
                    state = bytes[i] == 10 ? 0 : 2
                    i += 1
                default:
                    // Skip to the next line with memchr: most of the file is never looked at byte by byte.
                    guard let hit = memchr(bytes.baseAddress! + i, 10, n - i) else {
                        i = n
                        continue
                    }
                    i = bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                    state = 0
                }
            }
        }
    }
}
