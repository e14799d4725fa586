// Runs a program to completion with its output captured and its run time bounded, for tests that
// drive the sockshell binary the way a user's script or an outside checker would.

#if canImport(Glibc)
import Glibc
#endif

/// What a finished (or killed) child process left behind.
struct SubprocessResult {
    /// The exit status, or 128 + the signal number when a signal ended it.
    let status: Int32
    /// Everything written to standard output, decoded as UTF-8.
    let stdout: String
    /// Everything written to standard error, decoded as UTF-8.
    let stderr: String
    /// True when the time ran out and the child was killed.
    let timedOut: Bool

    /// A short account for failure messages.
    var summary: String {
        "status \(status)\(timedOut ? " (killed: timed out)" : "")\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }
}

/// A failure to start a child process.
struct SubprocessError: Error, CustomStringConvertible {
    let description: String
}

/// Runs `executable` (a path, or a name looked up in PATH) with `arguments`, standard input from
/// /dev/null, and waits at most `timeout` seconds, after which the child's process group is killed.
///
/// Why its own process group and descriptors 3 and up closed: the child must not inherit the test
/// runner's descriptors (a replayed transcript expects its first socket to be fd 3), and a child
/// that hangs must be ended together with anything it started (`unshare` execs `sh`, which execs
/// sockshell, so one kill reaches it).
func runSubprocess(_ executable: String, _ arguments: [String], timeout: Double = 60) throws -> SubprocessResult {
    var outPipe: [Int32] = [-1, -1]
    var errPipe: [Int32] = [-1, -1]
    guard pipe(&outPipe) == 0 else { throw SubprocessError(description: "pipe: errno \(errno)") }
    guard pipe(&errPipe) == 0 else {
        close(outPipe[0])
        close(outPipe[1])
        throw SubprocessError(description: "pipe: errno \(errno)")
    }
    // pipe2 needs _GNU_SOURCE, which Swift's Glibc module lacks; children close 3 and up anyway.
    for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    let pid: pid_t
    do {
        pid = try spawnChild(executable, arguments, stdout: outPipe[1], stderr: errPipe[1])
    } catch {
        outPipe.forEach { close($0) }
        errPipe.forEach { close($0) }
        throw error
    }
    close(outPipe[1])
    close(errPipe[1])
    defer {
        close(outPipe[0])
        close(errPipe[0])
    }

    var collected: [Int32: [UInt8]] = [outPipe[0]: [], errPipe[0]: []]
    var open = [outPipe[0], errPipe[0]]
    let deadline = monotonicSeconds() + timeout
    var timedOut = false
    var chunk = [UInt8](repeating: 0, count: 65536)
    while !open.isEmpty {
        let left = deadline - monotonicSeconds()
        if left <= 0 {
            timedOut = true
            break
        }
        var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&fds, nfds_t(fds.count), Int32(min(left, 1) * 1000) + 1)
        if ready < 0 && errno != EINTR { break }
        for entry in fds where entry.revents != 0 {
            let n = read(entry.fd, &chunk, chunk.count)
            if n > 0 {
                collected[entry.fd]!.append(contentsOf: chunk[0..<n])
            } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                open.removeAll { $0 == entry.fd }
            }
        }
    }
    if timedOut {
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
    let signal = status & 0x7f
    let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
    return SubprocessResult(
        status: code,
        stdout: String(decoding: collected[outPipe[0]]!, as: UTF8.self),
        stderr: String(decoding: collected[errPipe[0]]!, as: UTF8.self),
        timedOut: timedOut)
}

/// Seconds on the monotonic clock.
private func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// posix_spawnp in a new process group, stdin from /dev/null, stdout and stderr onto the given pipes,
/// descriptors 3 and up closed, default signal dispositions and an empty signal mask.
private func spawnChild(_ executable: String, _ arguments: [String], stdout: Int32, stderr: Int32) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD, SIGALRM] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setpgroup(&attributes, 0)
    let flags = Int32(POSIX_SPAWN_SETPGROUP) | Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
    posix_spawnattr_setflags(&attributes, Int16(flags))

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, stdout, 1)
    posix_spawn_file_actions_adddup2(&actions, stderr, 2)
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    if let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np") {
        _ = unsafeBitCast(address, to: CloseFrom.self)(&actions, 3)
    }

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let result = posix_spawnp(&pid, executable, &actions, &attributes, argv, environ)
    guard result == 0 else {
        throw SubprocessError(description: "cannot start \(executable): \(String(cString: strerror(result)))")
    }
    return pid
}

// MARK: - Files

/// The whole content of a text file.
func readTextFile(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw SubprocessError(description: "cannot open \(path): errno \(errno)") }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = read(fd, &chunk, chunk.count)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Writes `text` to a new file at `path` (replacing any old one).
func writeTextFile(_ path: String, _ text: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw SubprocessError(description: "cannot create \(path): errno \(errno)") }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { throw SubprocessError(description: "cannot write \(path): errno \(errno)") }
        offset += n
    }
}
