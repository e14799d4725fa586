// The one way the integration tests start a child without a terminal: pipes on standard input, output and error,
// and every wait bounded. The real `sockshell` runs through it (on scripts, under `ulimit`, killed with SIGKILL
// mid-session), and so do `unshare` for the namespace tests and `sockshell --check` for the lessons.

#if canImport(Glibc)
import Glibc
#endif

/// How a child ended and what it wrote.
struct ProcessResult {
    /// The exit status, or 128 + the signal that killed it.
    var status: Int32
    /// True when a signal ended it (a crash, or the kill after the deadline).
    var signaled: Bool
    /// True when the deadline passed and the child was killed.
    var timedOut: Bool
    var stdout: String
    var stderr: String
    /// Wall-clock seconds from start to exit.
    var seconds: Double

    /// Everything, for failure messages.
    var summary: String {
        "status \(status)\(signaled ? " (signal)" : "")\(timedOut ? " (timed out)" : ""), \(seconds) s\n"
            + "stdout:\n\(stdout.suffix(3000))\nstderr:\n\(stderr.suffix(3000))"
    }
}

/// A running child: input written on demand, output collected, exit waited for with a deadline.
final class ChildProcess {
    let pid: pid_t
    private var input: Int32
    private var output: Int32
    private var errors: Int32
    private(set) var stdout: [UInt8] = []
    private(set) var stderr: [UInt8] = []
    private var exitStatus: (Int32, Bool)?
    let started = ChildProcess.now()

    /// The environment children get: a plain PATH, a C.UTF-8 locale, and nothing from the test runner.
    static let environment = ["PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/tmp"]

    /// Starts `executable` (a path, or a name looked up in PATH) with `arguments`, in its own process group (so a
    /// kill also ends what it started: `unshare` execs `sh`, which execs sockshell).
    init(_ executable: String, _ arguments: [String]) throws {
        // pipe2 needs _GNU_SOURCE: Swift's Glibc does not import it.
        typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
        let pipe2: Pipe2 = try libc("pipe2")
        var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe2(&inPipe, O_CLOEXEC) == 0, pipe2(&outPipe, O_CLOEXEC) == 0, pipe2(&errPipe, O_CLOEXEC) == 0 else {
            throw PTYError(description: "pipe2 failed: errno \(errno)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        // Tests run in parallel: whatever another test has open must not reach this child (its first socket
        // must be fd 3).
        try closeDescriptorsFromThree(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        setChildSignals(&attributes, flags: Int32(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = ChildProcess.environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = posix_spawnp(&child, executable, &actions, &attributes, argv, envp)
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        guard rc == 0 else {
            close(inPipe[1])
            close(outPipe[0])
            close(errPipe[0])
            throw PTYError(description: "cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
        input = inPipe[1]
        output = outPipe[0]
        errors = errPipe[0]
        for fd in [input, output, errors] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    deinit {
        kill()
        for fd in [input, output, errors] where fd >= 0 { close(fd) }
    }

    /// Writes all of `bytes` to the child's standard input, reading its output meanwhile (so neither side
    /// blocks on a full pipe). Throws after `timeout` seconds.
    func write(_ bytes: [UInt8], timeout: Double = 20) throws {
        // A child that exits before reading everything must give EPIPE here, not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        var offset = 0
        let deadline = ChildProcess.now() + timeout
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(input, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 {
                offset += n
                continue
            }
            // The child stopped reading and closed its input (a script ends at its first input error):
            // what it did not read is not sent, and its exit status tells the rest.
            if n < 0, errno == EPIPE { return }
            if n < 0, errno != EAGAIN, errno != EINTR {
                throw PTYError(description: "writing to the child failed: errno \(errno)")
            }
            if ChildProcess.now() > deadline { throw PTYError(description: "the child read nothing for \(timeout) s") }
            pump(milliseconds: 20, wantInput: true)
        }
    }

    func write(_ text: String, timeout: Double = 20) throws { try write(Array(text.utf8), timeout: timeout) }

    /// Closes the child's standard input (end of the script).
    func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// Reads what is there, waiting up to `milliseconds` for something.
    func pump(milliseconds: Int32, wantInput: Bool = false) {
        var fds = [pollfd(fd: output, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: errors, events: Int16(POLLIN), revents: 0)]
        if wantInput, input >= 0 { fds.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
        guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return }
        drain(&output, into: &stdout)
        drain(&errors, into: &stderr)
    }

    private func drain(_ fd: inout Int32, into buffer: inout [UInt8]) {
        guard fd >= 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                buffer += chunk[0..<n]
            } else if n == 0 {
                close(fd)
                fd = -1
                return
            } else {
                return
            }
        }
    }

    /// True while the child runs.
    var isRunning: Bool { reap() == nil }

    /// Waits for the child to exit, killing it after `timeout` seconds; collects all output.
    func wait(timeout: Double) -> ProcessResult {
        let deadline = ChildProcess.now() + timeout
        var timedOut = false
        while reap() == nil {
            if ChildProcess.now() > deadline {
                timedOut = true
                kill()
                break
            }
            pump(milliseconds: 20)
        }
        while output >= 0 || errors >= 0 {
            let before = stdout.count + stderr.count
            pump(milliseconds: 50)
            if stdout.count + stderr.count == before, ChildProcess.now() > deadline + 5 {
                // Something the child started still holds the pipes: end the whole group.
                _ = Glibc.kill(-pid, SIGKILL)
                break
            }
        }
        let (status, signaled) = exitStatus ?? (-1, true)
        return ProcessResult(status: status, signaled: signaled, timedOut: timedOut,
                             stdout: String(decoding: stdout, as: UTF8.self),
                             stderr: String(decoding: stderr, as: UTF8.self), seconds: ChildProcess.now() - started)
    }

    /// SIGKILL, then reap. Safe to call twice.
    func kill() {
        guard reap() == nil else { return }
        _ = Glibc.kill(-pid, SIGKILL)
        _ = Glibc.kill(pid, SIGKILL)
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0, errno == EINTR {}
        exitStatus = ChildProcess.decode(raw)
    }

    private func reap() -> (Int32, Bool)? {
        if let s = exitStatus { return s }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
        exitStatus = ChildProcess.decode(raw)
        return exitStatus
    }

    private static func decode(_ raw: Int32) -> (Int32, Bool) {
        let signal = raw & 0x7f
        return signal == 0 ? ((raw >> 8) & 0xff, false) : (128 + signal, true)
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double { monotonicSeconds() }
}

/// Runs `executable` (a path, or a name looked up in PATH) with `arguments` and `input` on standard input (then
/// end of file); kills it and its process group after `timeout` seconds.
func runSubprocess(_ executable: String, _ arguments: [String], input: String = "", timeout: Double = 60) throws
    -> ProcessResult
{
    let child = try ChildProcess(executable, arguments)
    if !input.isEmpty { try child.write(input, timeout: timeout) }
    child.closeInput()
    return child.wait(timeout: timeout)
}

/// Runs `sockshell` with `arguments` and `input` on standard input; kills it after `timeout` seconds.
/// `limits` are `ulimit` arguments (`-n 16`): the binary then runs through `sh -c 'ulimit ...; exec ...'`.
func runSockshell(_ arguments: [String], input: String = "", limits: [String] = [], timeout: Double = 30) throws
    -> ProcessResult
{
    let binary = try sockshellBinary()
    guard !limits.isEmpty else { return try runSubprocess(binary, arguments, input: input, timeout: timeout) }
    let script = limits.map { "ulimit \($0) || exit 99; " }.joined() + "exec \"$0\" \"$@\""
    return try runSubprocess("/bin/sh", ["-c", script, binary] + arguments, input: input, timeout: timeout)
}

/// The sockshell binary, or a failure that says how to provide it.
func sockshellBinary() throws -> String {
    let binary = locateSockshell()
    guard access(binary, X_OK) == 0 else {
        throw PTYError(description: "no sockshell binary at \(binary): build it, or set SOCKSHELL_BIN")
    }
    return binary
}

// MARK: - Shared by every spawn (the pipe children here, the terminal children in PTY.swift)

/// An empty signal mask and default dispositions in the child (the runner's threads may block SIGALRM, the
/// --timeout clock, or ignore SIGPIPE), plus `flags`.
func setChildSignals(_ attributes: inout posix_spawnattr_t, flags: Int32) {
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU, SIGALRM] {
        sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(flags | Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)))
}

/// Closes descriptors 3 and up in the child (posix_spawn_file_actions_addclosefrom_np needs _GNU_SOURCE, which
/// Swift's Glibc module lacks, so it is looked up at run time).
func closeDescriptorsFromThree(_ actions: inout posix_spawn_file_actions_t) throws {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    let closeFrom: CloseFrom = try libc("posix_spawn_file_actions_addclosefrom_np")
    _ = closeFrom(&actions, 3)
}

/// A C library function by name, for those Swift's Glibc module does not import.
func libc<T>(_ symbol: String) throws -> T {
    guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, symbol) else {
        throw PTYError(description: "\(symbol) not found in the C library")
    }
    return unsafeBitCast(address, to: T.self)
}

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
