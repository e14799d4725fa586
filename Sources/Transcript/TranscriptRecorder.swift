import Glibc

/// Why the recorder could not open its file.
public struct TranscriptRecorderError: Error, Sendable, CustomStringConvertible {
    /// The path that was being opened.
    public var path: String
    /// The C call that failed (`open` or `fcntl`).
    public var call: String
    /// The errno value it left.
    public var errno: Int32

    /// Makes an error from the path, the failed call and its errno.
    public init(path: String, call: String, errno: Int32) {
        self.path = path
        self.call = call
        self.errno = errno
    }

    /// "cannot record to PATH: MESSAGE", with the C library's message for the errno.
    public var description: String {
        let message = strerror(errno).map { String(cString: $0) } ?? "error \(errno)"
        return "cannot record to \(path): \(message)"
    }
}

/// Writes a session to a file as a transcript, as it happens (`--record FILE`).
///
/// Each command and its output go out in a single write(2), straight to the file with no user
/// space buffer, so a session killed with SIGKILL leaves every completed command on disk. The
/// caller passes output lines as patterns: values that change from run to run already replaced
/// by a wildcard token (`Wildcard.Kind.token`) and literal text passed through
/// `Wildcard.escape`, so the file replays green at once. Output lines must not be blank or start
/// with '#' (the checker ignores such lines on both sides anyway).
///
/// The file's descriptor is moved to 100 or above, so the session's first socket is still fd 3.
public final class TranscriptRecorder {
    /// The lowest descriptor the recorder's file may use.
    public static let lowestDescriptor: Int32 = 100

    /// The path being written.
    public let path: String
    /// The file's descriptor, or -1 once closed.
    public private(set) var descriptor: Int32

    /// Opens (creates/truncates, 0644) the file, moving its fd to >= 100 with F_DUPFD_CLOEXEC (so
    /// sockets start at fd 3).
    public init(path: String) throws {
        self.path = path
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if opened < 0 {
            throw TranscriptRecorderError(path: path, call: "open", errno: errno)
        }
        // Under a low `ulimit -n` (100 or less) there is no descriptor >= 100: take the highest one free
        // instead, still above the range the session's sockets start in whenever the limit allows.
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        let ceiling = Int32(clamping: min(UInt64(limit.rlim_cur), 1 << 20))
        var floor = TranscriptRecorder.lowestDescriptor
        if ceiling <= floor { floor = max(3, ceiling / 2) }
        var moved = fcntl(opened, F_DUPFD_CLOEXEC, floor)
        if moved < 0 { moved = opened } else { _ = Glibc.close(opened) }
        descriptor = moved
    }

    deinit {
        close()
    }

    /// Writes "# text" lines (for the header like "# recorded by sockshell").
    ///
    /// Each line of `text` becomes one comment line; an empty line becomes a bare "#".
    public func comment(_ text: String) {
        var out = ""
        for line in Lines(text.isEmpty ? "\n" : text) {
            out += line.isEmpty ? "#\n" : "# " + line + "\n"
        }
        write(out)
    }

    /// Writes "> command" then each output line; one write(2) per command, so a SIGKILL loses
    /// nothing completed.
    public func record(command: String, output: [String]) {
        var out = "> " + command + "\n"
        for line in output {
            out += line
            out += "\n"
        }
        write(out)
    }

    /// Closes the file; later writes are ignored. Closing twice is harmless.
    public func close() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }

    /// Writes all of `text`, retrying after a signal or a short write. A write error (disk full)
    /// is dropped: losing the record must not end the session.
    private func write(_ text: String) {
        guard descriptor >= 0 else { return }
        var text = text
        text.withUTF8 { buffer in
            guard var base = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let written = Glibc.write(descriptor, base, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                base += written
                left -= written
            }
        }
    }
}
