import Glibc
import SocketCore

extension CExporter {
    /// Why the program could not be written to `file`, and what to do about it. Used by `export c FILE` and by
    /// `--export-c OUT FILE`, so both say the same:
    /// `cannot write lesson.c: ENOSPC (No space left on device): the disk (or your quota) is full; ...`.
    ///
    /// Why the advice: the errno alone names the failure, not the way out, and the way out differs (another
    /// directory for EACCES, free space for ENOSPC, a file name for EISDIR).
    public static func writeFailure(_ file: String, _ e: Errno) -> String {
        "cannot write \(file): \(e.name) (\(e.message))" + (writeAdvice(e).map { ": " + $0 } ?? "")
    }

    /// What to do after `e` from open(2) or write(2) of the program file; nil when there is nothing to add.
    static func writeAdvice(_ e: Errno) -> String? {
        switch e.rawValue {
        case EACCES, EPERM:
            return "this user may not write there; give a path in a directory you can write (e.g. /tmp/lesson.c)"
        case ENOSPC, EDQUOT:
            return "the disk (or your quota) is full; free some space, or write the file elsewhere (nothing was kept)"
        case EROFS: return "that file system is read-only; write the file elsewhere (e.g. /tmp/lesson.c)"
        case ENOENT: return "its directory does not exist; create it first, or give another path"
        case ENOTDIR: return "a part of the path is not a directory; give another path"
        case EISDIR: return "that is a directory; give a file name (e.g. DIR/lesson.c)"
        case EFBIG:
            return "the file would be too large for this file system; write it elsewhere (nothing was kept)"
        case EIO: return "the device reported an I/O error; write the file elsewhere (nothing was kept)"
        default: return nil
        }
    }
}
