// A harness that runs a program under a real pseudo-terminal, types into it and reads what it
// draws, with every wait bounded. The REPL tests need it: libedit only edits when standard input
// and output are terminals, and Ctrl-C only becomes SIGINT through a terminal's line discipline.

#if canImport(Glibc)
import Glibc
#endif

/// A failure of the harness or a wait that ran out of time; the message carries what was seen.
struct PTYError: Error, CustomStringConvertible {
    let description: String
}

/// A child process whose standard input, output and error are the slave side of a new
/// pseudo-terminal, and which has that terminal as its controlling terminal (its own session),
/// so the terminal's special keys (Ctrl-C, Ctrl-D) act on it as they would for a user.
final class PseudoTerminalProcess {
    /// The child's process id.
    let pid: pid_t
    /// Terminal width given to the child; the screen model uses the same.
    let columns: Int
    let rows: Int
    private let master: Int32
    /// Every byte the child wrote, in order.
    private(set) var output: [UInt8] = []
    /// `expect` searches from here; it moves past each match.
    private var mark = 0
    private var status: Int32?
    private var masterClosed = false

    /// Starts `executable` with exactly `environment` (nothing is inherited).
    init(
        executable: String, arguments: [String] = [], environment: [String: String],
        columns: Int = 120, rows: Int = 40
    ) throws {
        self.columns = columns
        self.rows = rows
        let (master, slavePath) = try PseudoTerminalProcess.openMaster()
        self.master = master
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        do {
            pid = try PseudoTerminalProcess.spawn(
                executable, arguments: arguments, environment: environment, terminal: slavePath)
        } catch {
            close(master)
            throw error
        }
    }

    deinit {
        terminate()
        close(master)
    }

    // MARK: - Typing

    /// Writes `text` to the terminal as if typed (use "\r" for Enter, "\u{3}" for Ctrl-C).
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        let deadline = PseudoTerminalProcess.now() + 5_000
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(master, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 {
                offset += n
            } else if n < 0 && (errno == EINTR || errno == EAGAIN) && PseudoTerminalProcess.now() < deadline {
                drain(waitingMilliseconds: 10)
            } else {
                throw PTYError(description: "writing to the terminal failed: errno \(errno)")
            }
        }
    }

    /// Types `line` and Enter.
    func sendLine(_ line: String) throws {
        try send(line + "\r")
    }

    // MARK: - Reading

    /// Everything written so far, as text (invalid UTF-8 repaired).
    var text: String { String(decoding: output, as: UTF8.self) }

    /// What the terminal shows now, from a small VT100 model of everything written so far.
    var screen: TerminalScreen { TerminalScreen(output, columns: columns, rows: rows) }

    /// Waits until `needle` appears after the previous match and returns the text before it.
    ///
    /// Throws when `timeout` seconds pass or the child closes the terminal first; the error
    /// shows the unmatched output and the screen.
    @discardableResult
    func expect(_ needle: String, timeout: Double = 10) throws -> String {
        let target = Array(needle.utf8)
        let deadline = PseudoTerminalProcess.now() + Int64(timeout * 1000)
        while true {
            if let hit = find(target, from: mark) {
                let before = String(decoding: output[mark..<hit], as: UTF8.self)
                mark = hit + target.count
                return before
            }
            let remaining = deadline - PseudoTerminalProcess.now()
            if remaining <= 0 || masterClosed {
                throw failure("did not see \(String(reflecting: needle)) within \(timeout) s")
            }
            drain(waitingMilliseconds: Int32(min(remaining, 100)))
        }
    }

    /// Waits until `condition` holds for the modelled screen.
    func waitForScreen(
        timeout: Double = 10, _ what: String = "screen condition", _ condition: (TerminalScreen) -> Bool
    ) throws {
        let deadline = PseudoTerminalProcess.now() + Int64(timeout * 1000)
        while true {
            if condition(screen) { return }
            let remaining = deadline - PseudoTerminalProcess.now()
            if remaining <= 0 || masterClosed {
                throw failure("\(what) not met within \(timeout) s")
            }
            drain(waitingMilliseconds: Int32(min(remaining, 100)))
        }
    }

    /// Reads for `milliseconds` (e.g. to let a command start); returns early if the child closes.
    func settle(milliseconds: Int64) {
        let deadline = PseudoTerminalProcess.now() + milliseconds
        while !masterClosed {
            let remaining = deadline - PseudoTerminalProcess.now()
            if remaining <= 0 { return }
            drain(waitingMilliseconds: Int32(min(remaining, 100)))
        }
    }

    // MARK: - Exit

    /// Waits for the child to exit (reading its output meanwhile) and returns its exit status;
    /// a death by signal is reported as 128 + the signal number, as shells do.
    @discardableResult
    func waitForExit(timeout: Double = 10) throws -> Int32 {
        let deadline = PseudoTerminalProcess.now() + Int64(timeout * 1000)
        while true {
            if let status = reap() {
                // What the child wrote just before it exited is still in the terminal: read it to the end (EIO)
                // so `output` holds everything.
                for _ in 0..<100 where !masterClosed { drain(waitingMilliseconds: 20) }
                return status
            }
            if PseudoTerminalProcess.now() >= deadline {
                throw failure("process \(pid) still running after \(timeout) s")
            }
            if masterClosed {
                usleep(10_000)
            } else {
                drain(waitingMilliseconds: 20)
            }
        }
    }

    /// Kills the child if it still runs and reaps it. Safe to call twice.
    func terminate() {
        guard reap() == nil else { return }
        kill(pid, SIGKILL)
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        status = 128 + SIGKILL
    }

    /// The exit status if the child has exited (without blocking).
    private func reap() -> Int32? {
        if let status { return status }
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, WNOHANG)
        guard result == pid else {
            if result < 0 && errno == ECHILD { status = -1 }
            return status
        }
        let signal = raw & 0x7F
        status = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
        return status
    }

    // MARK: - Internals

    /// Reads what is available, waiting at most `waitingMilliseconds` for the first bytes.
    private func drain(waitingMilliseconds: Int32) {
        guard !masterClosed else { return }
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        var wait = max(0, waitingMilliseconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<64 {
            let ready = poll(&descriptor, 1, wait)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return }
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n > 0 {
                output += buffer[0..<n]
                wait = 0
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                // EIO: every slave descriptor is closed, the child is gone.
                masterClosed = true
                return
            }
        }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty else { return start }
        guard output.count - start >= needle.count else { return nil }
        for index in start...(output.count - needle.count)
        where output[index] == needle[0] && output[index..<index + needle.count].elementsEqual(needle) {
            return index
        }
        return nil
    }

    private func failure(_ message: String) -> PTYError {
        let unmatched = String(decoding: output[mark...], as: UTF8.self)
        return PTYError(description: """
            \(message)
            --- output after the last match (\(unmatched.utf8.count) bytes) ---
            \(String(reflecting: String(unmatched.suffix(2000))))
            --- screen ---
            \(screen.lines.suffix(25).joined(separator: "\n"))
            """)
    }

    /// Milliseconds on the monotonic clock.
    static func now() -> Int64 { Int64(monotonicSeconds() * 1000) }

    // MARK: - Pseudo-terminal and spawn

    /// posix_openpt, grantpt, unlockpt and ptsname_r. Swift's Glibc module does not import them
    /// (they sit behind _XOPEN_SOURCE), so they are looked up in the C library at run time.
    private static func openMaster() throws -> (Int32, String) {
        typealias OpenPT = @convention(c) (Int32) -> Int32
        typealias OnFD = @convention(c) (Int32) -> Int32
        typealias NameR = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
        let posixOpenpt: OpenPT = try libc("posix_openpt")
        let grantpt: OnFD = try libc("grantpt")
        let unlockpt: OnFD = try libc("unlockpt")
        let ptsnameR: NameR = try libc("ptsname_r")

        let master = posixOpenpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw PTYError(description: "posix_openpt failed: errno \(errno)") }
        var name = [CChar](repeating: 0, count: 128)
        guard grantpt(master) == 0, unlockpt(master) == 0, ptsnameR(master, &name, name.count) == 0 else {
            let code = errno
            close(master)
            throw PTYError(description: "preparing the pseudo-terminal failed: errno \(code)")
        }
        let length = name.firstIndex(of: 0) ?? name.count
        return (master, String(decoding: name[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// posix_spawn with a new session (POSIX_SPAWN_SETSID, glibc 2.26+), the terminal opened as
    /// fd 0 after setsid (which makes it the controlling terminal) and duplicated to 1 and 2,
    /// descriptors 3 and up closed, default signal dispositions and an empty signal mask.
    private static func spawn(
        _ executable: String, arguments: [String], environment: [String: String], terminal: String
    ) throws -> pid_t {
        let setsidFlag: Int32 = 0x80  // POSIX_SPAWN_SETSID, not imported by Swift's Glibc module
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        setChildSignals(&attributes, flags: setsidFlag)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        try? closeDescriptorsFromThree(&actions)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw PTYError(description: "posix_spawn \(executable) failed: errno \(result)")
        }
        return pid
    }
}

// MARK: - Screen model

/// What a terminal would show after a byte stream: enough of VT100/xterm for a line editor
/// (cursor moves, erase, insert and delete characters, auto-wrap), so tests can check the line
/// being edited rather than the redraw sequences that produced it. The buffer grows downwards
/// without limit instead of scrolling.
struct TerminalScreen {
    private(set) var grid: [[Character]] = [[]]
    private(set) var row = 0
    private(set) var column = 0
    let columns: Int
    let rows: Int
    private var pendingWrap = false
    private var insertMode = false

    init(_ bytes: [UInt8], columns: Int, rows: Int = 40) {
        self.columns = columns
        self.rows = rows
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        var index = 0
        while index < scalars.count {
            index = step(scalars, index)
        }
    }

    /// Every row, trailing blanks removed.
    var lines: [String] {
        grid.map { String($0).replacingTrailingBlanks() }
    }

    /// The row the cursor is on, trailing blanks removed.
    var cursorLine: String { lines[row] }

    /// The cursor's row and column (both from 0).
    var cursor: (row: Int, column: Int) { (row, min(column, columns - 1)) }

    /// The last row that is not blank.
    var lastNonBlankLine: String { lines.last { !$0.isEmpty } ?? "" }

    // MARK: Interpreter

    private mutating func step(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        let c = s[i]
        switch c.value {
        case 0x1B:
            return escape(s, i + 1)
        case 0x0D:
            column = 0
            pendingWrap = false
        case 0x0A, 0x0B, 0x0C:
            moveRow(by: 1)
            pendingWrap = false
        case 0x08:
            column = max(0, min(column, columns - 1) - 1)
            pendingWrap = false
        case 0x09:
            column = min(columns - 1, (column / 8 + 1) * 8)
        case 0x00..<0x20, 0x7F:
            break
        default:
            put(Character(c))
        }
        return i + 1
    }

    private mutating func put(_ character: Character) {
        if pendingWrap {
            column = 0
            moveRow(by: 1)
            pendingWrap = false
        }
        ensureWidth(row, column + 1)
        if insertMode {
            grid[row].insert(character, at: column)
            if grid[row].count > columns { grid[row].removeLast(grid[row].count - columns) }
        } else {
            grid[row][column] = character
        }
        if column == columns - 1 {
            pendingWrap = true
        } else {
            column += 1
        }
    }

    private mutating func escape(_ s: [Unicode.Scalar], _ start: Int) -> Int {
        guard start < s.count else { return start }
        switch s[start] {
        case "[":
            return controlSequence(s, start + 1)
        case "]":
            // Operating system command: skip to BEL or ESC \.
            var i = start + 1
            while i < s.count {
                if s[i] == "\u{7}" { return i + 1 }
                if s[i] == "\u{1B}" { return min(i + 2, s.count) }
                i += 1
            }
            return i
        case "(", ")", "#", "%":
            return min(start + 2, s.count)
        default:
            return start + 1
        }
    }

    private mutating func controlSequence(_ s: [Unicode.Scalar], _ start: Int) -> Int {
        var i = start
        var text = ""
        while i < s.count, !(0x40...0x7E).contains(s[i].value) {
            text.unicodeScalars.append(s[i])
            i += 1
        }
        guard i < s.count else { return i }
        let final = s[i]
        let isPrivate = text.hasPrefix("?")
        let numbers = text.drop { $0 == "?" }.split(separator: ";", omittingEmptySubsequences: false)
            .map { Int($0) ?? 0 }
        let first = numbers.first ?? 0
        let count = max(1, first)
        if final != "m" { pendingWrap = false }
        switch final {
        case "A": moveRow(by: -count)
        case "B": moveRow(by: count)
        case "C": column = min(columns - 1, column + count)
        case "D": column = max(0, min(column, columns - 1) - count)
        case "G": column = min(columns - 1, count - 1)
        case "H", "f":
            // Rows count from the top of the visible window, the last `rows` rows of the buffer.
            let top = max(0, grid.count - rows)
            row = top + max(0, (numbers.first.map { max($0, 1) } ?? 1) - 1)
            column = min(columns - 1, (numbers.count > 1 ? max(numbers[1], 1) : 1) - 1)
            ensureRows(row)
        case "K": eraseInLine(first)
        case "J": eraseInDisplay(first)
        case "P":
            if column < grid[row].count {
                grid[row].removeSubrange(column..<min(grid[row].count, column + count))
            }
        case "@":
            if column < grid[row].count {
                grid[row].insert(contentsOf: Array(repeating: " ", count: count), at: column)
                if grid[row].count > columns { grid[row].removeLast(grid[row].count - columns) }
            }
        case "X":
            for index in column..<min(grid[row].count, column + count) { grid[row][index] = " " }
        case "h", "l":
            if !isPrivate && numbers.contains(4) { insertMode = final == "h" }
        default:
            break
        }
        return i + 1
    }

    private mutating func eraseInLine(_ mode: Int) {
        switch mode {
        case 0: if column < grid[row].count { grid[row].removeSubrange(column...) }
        case 1: for index in 0...min(column, max(0, grid[row].count - 1)) where index < grid[row].count {
                grid[row][index] = " "
            }
        default: grid[row] = []
        }
    }

    private mutating func eraseInDisplay(_ mode: Int) {
        switch mode {
        case 0:
            eraseInLine(0)
            if row + 1 < grid.count { grid.removeSubrange((row + 1)...) }
        case 1:
            for index in 0..<row { grid[index] = [] }
            eraseInLine(1)
        default:
            grid = Array(repeating: [], count: row + 1)
        }
    }

    private mutating func moveRow(by delta: Int) {
        row = max(0, row + delta)
        ensureRows(row)
    }

    private mutating func ensureRows(_ index: Int) {
        while grid.count <= index { grid.append([]) }
    }

    private mutating func ensureWidth(_ index: Int, _ width: Int) {
        ensureRows(index)
        while grid[index].count < width { grid[index].append(" ") }
    }
}

extension String {
    fileprivate func replacingTrailingBlanks() -> String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}

// MARK: - Locating the binary and a private home

/// The `sockshell` binary to test: `$SOCKSHELL_BIN`, else `sockshell` next to this test bundle
/// (SwiftPM puts both in `.build/<triple>/<config>/`), else `.build/debug/sockshell`.
func locateSockshell() -> String {
    if let variable = getenv("SOCKSHELL_BIN"), variable.pointee != 0 {
        return String(cString: variable)
    }
    var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &target, target.count - 1)
    if length > 0 {
        let exe = String(decoding: target[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if let slash = exe.lastIndex(of: "/") {
            let candidate = String(exe[..<slash]) + "/sockshell"
            if access(candidate, X_OK) == 0 { return candidate }
        }
    }
    return ".build/debug/sockshell"
}

/// A fresh private directory (mode 0700) that is removed again by `removeTree`.
func makeTemporaryDirectory(_ prefix: String = "sockshell-pty") throws -> String {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
        throw PTYError(description: "mkdtemp failed: errno \(errno)")
    }
    return String(cString: made)
}

/// Removes `path` and everything below it (it must be a directory the test made).
func removeTree(_ path: String) {
    guard path.hasPrefix("/tmp/"), let directory = opendir(path) else {
        unlink(path)
        return
    }
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
        }
        if name == "." || name == ".." { continue }
        let child = path + "/" + name
        var info = stat()
        if lstat(child, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            removeTree(child)
        } else {
            unlink(child)
        }
    }
    closedir(directory)
    rmdir(path)
}

/// The environment a REPL test gives its child: a private HOME and XDG_STATE_HOME, TERM=xterm,
/// a plain PATH, and nothing else from the test runner.
func terminalEnvironment(home: String) -> [String: String] {
    [
        "HOME": home,
        "XDG_STATE_HOME": home + "/state",
        "TERM": "xterm",
        "PATH": "/usr/local/bin:/usr/bin:/bin",
    ]
}
