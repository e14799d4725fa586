import CSocketShims

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a pipe or a file with large buffered reads and no prompt.
///
/// libedit on a pipe reads one byte per read(2) and edits nothing, so scripts, `-c` input and
/// replays use this reader instead: 64 KiB reads, lines split in memory, output untouched.
public final class PlainLineReader: LineReader {
    private let fd: Int32
    private var pending: [UInt8] = []
    /// Index in `pending` of the first byte not yet returned.
    private var start = 0
    /// Bytes before this index (from `start`) hold no newline: do not scan them again.
    private var scanned = 0
    private var atEnd = false
    /// The rest of an overlong line is being dropped, up to its newline.
    private var skipping = false

    /// A line longer than this is cut here (one byte over, so the shell reports it as too long) and the rest
    /// of it dropped: a huge line without a newline never piles up in memory.
    public static let maxLineBytes = (1 << 20) + 1
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    /// Creates a reader of `fileDescriptor` (standard input by default).
    ///
    /// The reader does not own the descriptor and never closes it.
    public init(fileDescriptor: Int32 = 0) {
        self.fd = fileDescriptor
    }

    /// Returns the next line without its `\n` (and without a `\r` before it).
    ///
    /// The prompt is ignored: nobody is watching a pipe. A last line without a newline is still
    /// returned. When SIGINT interrupts the read and the shell's SIGINT flag is set, the flag is
    /// cleared and `.interrupted` is returned; other read errors count as the end of input.
    public func read(prompt: String) -> ReadResult {
        switch nextLine() {
        case .line(let range): return .line(String(decoding: pending[range], as: UTF8.self))
        case .endOfInput: return .endOfInput
        case .interrupted: return .interrupted
        }
    }

    /// The next line's bytes (as `read` would return it), valid only inside `body`; nil at the end of the input
    /// or when Ctrl-C cut the read short.
    ///
    /// Why: a script's lines go to the tokenizer as bytes; making a String of each first cost an allocation
    /// and a UTF-8 check per line.
    /// Not generic: the caller is in another module, where a generic method ran unspecialized.
    public func readLine(_ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool? {
        guard case .line(let range) = nextLine() else { return nil }
        return pending.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Does nothing: a script's lines are not history.
    public func addHistory(_ line: String) {}

    private enum Next {
        case line(Range<Int>)
        case endOfInput
        case interrupted
    }

    /// Where the next line lies in `pending`, reading more when needed.
    private func nextLine() -> Next {
        while true {
            if let line = nextBufferedLine() {
                return .line(line)
            }
            if atEnd {
                guard start < pending.count else { return .endOfInput }
                let line = start..<pending.count
                start = pending.count
                return .line(line)
            }
            if fill() != nil {
                return .interrupted
            }
        }
    }

    /// The next complete line in the buffer, if there is one.
    private func nextBufferedLine() -> Range<Int>? {
        if skipping {
            let rest: Int? = pending.withUnsafeBufferPointer { all in
                guard let base = all.baseAddress, start < all.count,
                      let hit = memchr(base + start, 10, all.count - start) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            guard let nl = rest else {
                start = pending.count
                scanned = start
                return nil
            }
            start = nl + 1
            scanned = start
            skipping = false
        }
        let from = max(start, scanned)
        guard from < pending.count else { return nil }
        let newline: Int? = pending.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress,
                  let hit = memchr(base + from, 10, all.count - from)
            else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        guard let end = newline else {
            if pending.count - start > PlainLineReader.maxLineBytes {
                let line = start..<start + PlainLineReader.maxLineBytes
                start = pending.count
                scanned = start
                skipping = true
                return line
            }
            scanned = pending.count
            return nil
        }
        var stop = end
        if stop > start && pending[stop - 1] == 13 { stop -= 1 }
        let line = start..<stop
        start = end + 1
        scanned = start
        return line
    }

    /// Reads one chunk. Returns `.interrupted` when Ctrl-C cut the read short, else nil.
    private func fill() -> ReadResult? {
        if start > 0 {
            pending.removeFirst(start)
            scanned -= start
            start = 0
        }
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                pending.append(contentsOf: chunk[0..<n])
                return nil
            }
            if n == 0 {
                atEnd = true
                return nil
            }
            if errno == EINTR {
                if sockshell_sigint_pending() != 0 {
                    sockshell_clear_sigint()
                    return .interrupted
                }
                continue
            }
            atEnd = true
            return nil
        }
    }
}

/// read(2), under a name the readers' own `read(prompt:)` does not shadow.
func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
