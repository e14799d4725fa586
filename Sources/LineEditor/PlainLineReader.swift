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
///
/// The bytes live in a buffer the reader allocates itself (not an array): a script's line is handed to the
/// shell as a pointer into it, with no retain, uniqueness check or bounds check per line, and a read lands in
/// place instead of being copied in from a second buffer.
public final class PlainLineReader: LineReader {
    private let fd: Int32
    /// The bytes read so far and kept: those not yet returned lie at `start..<end`.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Index in `buffer` of the first byte not yet returned.
    private var start = 0
    /// Index in `buffer` after the last byte read.
    private var end = 0
    /// Bytes before this index (from `start`) hold no newline: do not scan them again.
    private var scanned = 0
    private var atEnd = false
    /// Ctrl-C cut a read of `readLine` short (its nil says only that no line came; `read` says `.interrupted`).
    public private(set) var interrupted = false
    /// The rest of an overlong line is being dropped, up to its newline.
    private var skipping = false

    /// A line longer than this is cut here (one byte over, so the shell reports it as too long) and the rest
    /// of it dropped: a huge line without a newline never piles up in memory.
    public static let maxLineBytes = (1 << 20) + 1
    /// The most bytes one read(2) asks for.
    private static let chunk = 64 * 1024

    /// Creates a reader of `fileDescriptor` (standard input by default).
    ///
    /// The reader does not own the descriptor and never closes it.
    public init(fileDescriptor: Int32 = 0) {
        self.fd = fileDescriptor
        capacity = 2 * PlainLineReader.chunk
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// Returns the next line without its `\n` (and without a `\r` before it).
    ///
    /// The prompt is ignored: nobody is watching a pipe. A last line without a newline is still
    /// returned. When SIGINT interrupts the read and the shell's SIGINT flag is set, the flag is
    /// cleared and `.interrupted` is returned; other read errors count as the end of input.
    public func read(prompt: String) -> ReadResult {
        switch nextLine() {
        case .line(let range):
            return .line(String(decoding: UnsafeBufferPointer(start: buffer + range.lowerBound, count: range.count),
                                as: UTF8.self))
        case .endOfInput: return .endOfInput
        case .interrupted: return .interrupted
        }
    }

    /// The next line's bytes (as `read` would return it), valid only inside `body`, which must not read from this
    /// reader; nil at the end of the input or when Ctrl-C cut the read short (then `interrupted` is true).
    ///
    /// Why: a script's lines go to the tokenizer as bytes; making a String of each first cost an allocation
    /// and a UTF-8 check per line.
    /// Not generic: the caller is in another module, where a generic method ran unspecialized.
    public func readLine(_ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool? {
        let range: Range<Int>
        // A line already in the buffer (all but one in 64 KiB of a script) without the round through nextLine.
        if let buffered = nextBufferedLine() {
            range = buffered
        } else {
            switch nextLine() {
            case .line(let line): range = line
            case .endOfInput: return nil
            case .interrupted:
                interrupted = true
                return nil
            }
        }
        return body(UnsafeBufferPointer(start: buffer + range.lowerBound, count: range.count))
    }

    /// Does nothing: a script's lines are not history.
    public func addHistory(_ line: String) {}

    private enum Next {
        case line(Range<Int>)
        case endOfInput
        case interrupted
    }

    /// Where the next line lies in `buffer`, reading more when needed.
    private func nextLine() -> Next {
        while true {
            if let line = nextBufferedLine() {
                return .line(line)
            }
            if atEnd {
                guard start < end else { return .endOfInput }
                let line = start..<end
                start = end
                return .line(line)
            }
            if fill() != nil {
                return .interrupted
            }
        }
    }

    /// The index of the first newline in `from..<end`, if there is one.
    @inline(__always)
    private func newline(from: Int) -> Int? {
        guard from < end, let hit = memchr(buffer + from, 10, end - from) else { return nil }
        return buffer.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The next complete line in the buffer, if there is one.
    @inline(__always)
    private func nextBufferedLine() -> Range<Int>? {
        if skipping {
            guard let nl = newline(from: start) else {
                start = end
                scanned = start
                return nil
            }
            start = nl + 1
            scanned = start
            skipping = false
        }
        let from = max(start, scanned)
        guard from < end else { return nil }
        guard let nl = newline(from: from) else {
            if end - start > PlainLineReader.maxLineBytes {
                let line = start..<start + PlainLineReader.maxLineBytes
                start = end
                scanned = start
                skipping = true
                return line
            }
            scanned = end
            return nil
        }
        var stop = nl
        if stop > start && buffer[stop - 1] == 13 { stop -= 1 }
        let line = start..<stop
        start = nl + 1
        scanned = start
        return line
    }

    /// Reads one chunk. Returns `.interrupted` when Ctrl-C cut the read short, else nil.
    private func fill() -> ReadResult? {
        if start > 0 {
            // The bytes not yet returned move to the front (a line's start, at most a line and a chunk).
            memmove(buffer, buffer + start, end - start)
            end -= start
            scanned -= start
            start = 0
        }
        if capacity - end < PlainLineReader.chunk {
            // Only a line longer than a chunk gets here; the cut at maxLineBytes bounds the growth.
            let grown = max(2 * capacity, end + PlainLineReader.chunk)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            larger.initialize(from: buffer, count: end)
            buffer.deallocate()
            buffer = larger
            capacity = grown
        }
        while true {
            let n = systemRead(fd, buffer + end, PlainLineReader.chunk)
            if n > 0 {
                end += n
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
