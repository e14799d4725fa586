import CEditLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The history file in libedit's format (a cookie line, then one encoded entry per line).
///
/// Each entry is appended with one write(2) on an `O_APPEND` descriptor as soon as it is
/// entered, so a SIGKILL loses no completed command and two sessions at once interleave their
/// lines instead of overwriting each other's file. The file is mode 0600: commands can hold
/// addresses and payloads. Descriptors are moved to 100 or above while open, so the shell's
/// own files never take the low numbers a session's sockets get.
struct HistoryFile {
    /// The first line libedit's `H_LOAD` expects.
    static let cookie = "_HiStOrY_V2_\n"

    let path: String

    /// Appends `line` as one history entry; false when the file cannot be written.
    @discardableResult
    func append(_ line: String) -> Bool {
        guard let fd = openHigh(path, O_WRONLY | O_APPEND | O_CREAT) else { return false }
        defer { close(fd) }
        _ = fchmod(fd, 0o600)
        var info = stat()
        var bytes: [UInt8] = []
        if fstat(fd, &info) == 0 && info.st_size == 0 {
            bytes += Array(Self.cookie.utf8)
        }
        bytes += Self.encode(line)
        bytes.append(10)
        return writeAll(fd, bytes)
    }

    /// Replaces the file with the entries of `history`, atomically (temporary file + rename).
    ///
    /// Used to trim a file that grew well past the history size.
    @discardableResult
    func rewrite(from history: OpaquePointer) -> Bool {
        let temporary = path + ".tmp.\(getpid())"
        guard let fd = openHigh(temporary, O_WRONLY | O_CREAT | O_EXCL) else { return false }
        guard let stream = fdopen(fd, "w") else {
            close(fd)
            unlink(temporary)
            return false
        }
        var event = HistEvent()
        let saved = sockshell_history_save_fp(history, &event, stream)
        let flushed = fflush(stream) == 0
        _ = fchmod(fileno(stream), 0o600)
        fclose(stream)
        guard saved >= 0, flushed, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Encodes a line the way libedit's loader (strunvis) decodes it.
    ///
    /// A backslash becomes `\\`, control characters become three-digit octal escapes (`\011`),
    /// everything else (spaces and UTF-8 included) is written as it is, so the file stays
    /// readable with `cat`.
    static func encode(_ line: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(line.utf8.count + 8)
        for byte in line.utf8 {
            switch byte {
            case UInt8(ascii: "\\"):
                out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0..<0x20, 0x7F:
                out.append(UInt8(ascii: "\\"))
                for shift in [6, 3, 0] {
                    out.append(UInt8(ascii: "0") + (byte >> UInt8(shift)) & 7)
                }
            default:
                out.append(byte)
            }
        }
        return out
    }
}

/// Opens `path` (mode 0600 when created) and moves the descriptor to 100 or above.
func openHigh(_ path: String, _ flags: Int32) -> Int32? {
    let low = open(path, flags | O_CLOEXEC, 0o600)
    guard low >= 0 else { return nil }
    let high = fcntl(low, F_DUPFD_CLOEXEC, 100)
    close(low)
    return high >= 0 ? high : nil
}

/// write(2) until every byte is written; retries on EINTR.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return true }
        var offset = 0
        while offset < raw.count {
            let n = write(fd, base + offset, raw.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }
}
