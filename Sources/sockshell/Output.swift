import CSocketShims
import Glibc
import Shell

/// Buffered output to a descriptor: one write(2) per batch instead of one per line.
///
/// Why: a 200,000-line script prints 200,000 lines; stdio through Swift's `print` costs several times more.
/// The frontends flush after every command that can block, so a peer watching the output never waits on a
/// buffer. The buffer is a ByteSink the text renderer writes lines straight into.
final class Output {
    let fd: Int32
    private var buffer = ByteSink(capacity: (1 << 16) + 4096)

    init(fd: Int32) {
        self.fd = fd
    }

    /// Appends a line (a newline is added).
    func line(_ s: String) {
        buffer.append(s)
        buffer.append(10)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Lets `body` append bytes (whole lines, newlines included) to the buffer.
    func append(_ body: (inout ByteSink) -> Void) {
        body(&buffer)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Appends text as is.
    func raw(_ s: String) {
        buffer.append(s)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes everything buffered.
    func flush() {
        var off = 0
        let bytes = buffer.bytes
        while off < bytes.count {
            let n = write(fd, bytes.baseAddress! + off, bytes.count - off)
            if n < 0 {
                // A reader that stopped reading (a full pipe to `less`) must not hold Ctrl-C up: give up then.
                if errno == EINTR, sockshell_sigint_pending() == 0 { continue }
                break
            }
            off += n
        }
        buffer.removeAll()
    }

    deinit { flush() }
}
