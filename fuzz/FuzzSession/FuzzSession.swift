// libFuzzer target over a whole session: each input is a script, run line by line through a sandboxed Session
// (durations capped at 10 ms, blocking calls cut after FUZZ_CALL_TIMEOUT_MS, default 50; AF_UNIX paths and host
// names refused) with real sockets, inside a private network namespace the target makes before the first input
// and in an empty temporary folder.
//
// Built by fuzz/run with `--sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DSOCKSHELL_FUZZ`. A plain
// `swift build` gives a replayer instead: `FuzzSession FILE...` runs each file once as an input (in its own
// namespace too).
//
// Oracles besides "no crash": no command passes silently (each gives events, `quit` aside), no output or error line
// holds a control character, no command takes longer than 2 s, no input longer than FUZZ_INPUT_TIMEOUT seconds
// (default 10; a watchdog thread aborts, because the session's SIGALRM deadline replaces libFuzzer's -timeout
// alarm), the descriptor table is where it was after each input, and the temporary folder stays empty.

import CSocketShims
import Glibc
import Shell
import Synchronization

/// When the current input started (CLOCK_MONOTONIC nanoseconds), 0 between inputs; read by the watchdog.
let inputStarted = Atomic<Int64>(0)

/// The sandbox folder (the working directory while fuzzing).
nonisolated(unsafe) var sandboxFolder = ""
/// The per-call deadline of the sessions, in milliseconds.
nonisolated(unsafe) var callTimeoutMs = 50
/// FUZZ_VERBOSE=1: print what the session shows (to read a crash input with the replayer).
nonisolated(unsafe) var verbose = false

@_cdecl("LLVMFuzzerInitialize")
public func fuzzSessionInitialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    enterSandbox()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSession(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    let firstFree = lowestFreeDescriptor()
    inputStarted.store(monotonicNanoseconds(), ordering: .relaxed)
    runScript(text)
    inputStarted.store(0, ordering: .relaxed)
    let after = lowestFreeDescriptor()
    if after != firstFree { fail("descriptor leak: the lowest free descriptor was \(firstFree), now \(after)", text) }
    if let name = firstEntry(sandboxFolder) { fail("the session wrote '\(name)' into the sandbox folder", text) }
    return 0
}

/// Runs the input's lines as the script and stdin frontends do (split at newlines, a trailing CR dropped), and
/// goes on after an input error as the REPL does.
func runScript(_ text: String) {
    let session = Session(settings: SessionSettings(timeoutMs: callTimeoutMs, sandboxed: true))
    session.signals = FuzzSignals.shared
    defer { session.closeAll() }
    var events: [Event] = []
    for piece in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = String(piece)
        if line.hasSuffix("\r") { line.removeLast() }
        let commands: [CommandWords]
        do {
            commands = try Tokenizer.split(line)
        } catch {
            checkLines(TextRenderer.inputError(error, source: "-", line: 1), text)
            continue
        }
        for words in commands {
            events.removeAll(keepingCapacity: true)
            if verbose { say("> " + String(decoding: words.raw, as: UTF8.self)) }
            let start = monotonicNanoseconds()
            session.execute(words: words, into: &events)
            let took = (monotonicNanoseconds() - start) / 1_000_000
            if took > 2000 { fail("one command took \(took) ms: \(String(decoding: words.raw, as: UTF8.self))", text) }
            if events.isEmpty, !session.wantsQuit {
                fail("a command passed silently (no result, no error): \(String(decoding: words.raw, as: UTF8.self))",
                     text)
            }
            check(events, text)
            if session.wantsQuit { return }
        }
    }
}

/// Every rendering of the events: one line each, no control characters.
func check(_ events: [Event], _ input: String) {
    for e in events {
        if case .inputError(let ie) = e {
            let lines = TextRenderer.inputError(ie, source: "-", line: 1)
            if verbose { for l in lines { say(l) } }
            checkLines(lines, input)
        }
        if JSONRenderer().render(e).utf8.contains(where: { $0 < 0x20 }) { fail("a JSON event spans lines", input) }
    }
    let shown = TextRenderer(style: .plain).render(events)
    if verbose { for l in shown { say(l) } }
    checkLines(shown, input)
    checkLines(TextRenderer(style: .wildcards).render(events), input)
}

func checkLines(_ lines: [String], _ input: String) {
    for l in lines where l.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7f }) {
        fail("an output line holds a control character: \(l.debugDescription)", input)
    }
}

/// Reports a broken invariant and aborts, so libFuzzer saves the input.
func fail(_ what: String, _ input: String) -> Never {
    say("FuzzSession: \(what)\n  input: \(input.debugDescription)")
    abort()
}

// MARK: - The sandbox

/// A private network namespace with only `lo` (up), an empty temporary working folder, and the watchdog. Exits
/// rather than fuzz in the host's network.
func enterSandbox() {
    if sockshell_unshare(SOCKSHELL_CLONE_NEWNET) != 0,
        sockshell_unshare(SOCKSHELL_CLONE_NEWNET | SOCKSHELL_CLONE_NEWUSER) != 0
    {
        say("FuzzSession: cannot make a private network namespace (unshare: \(String(cString: strerror(errno))));"
            + " run as root or with unprivileged user namespaces")
        exit(1)
    }
    bringLoopbackUp()
    if let names = interfaceNames(), names != ["lo"] {
        say("FuzzSession: the namespace has interfaces \(names); refusing to fuzz")
        exit(1)
    }
    var template = Array("/tmp/sockshell-fuzz-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
        say("FuzzSession: mkdtemp failed")
        exit(1)
    }
    sandboxFolder = String(cString: made)
    guard chdir(sandboxFolder) == 0 else {
        say("FuzzSession: cannot enter \(sandboxFolder)")
        exit(1)
    }
    atexit { _ = rmdir(sandboxFolder) }
    verbose = getenv("FUZZ_VERBOSE").map { String(cString: $0) == "1" } ?? false
    if let v = getenv("FUZZ_CALL_TIMEOUT_MS"), let ms = Int(String(cString: v)), ms > 0 { callTimeoutMs = ms }
    startWatchdog()
}

/// `ip link set lo up`, through SIOCSIFFLAGS.
func bringLoopbackUp() {
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { return }
    defer { close(fd) }
    var request = ifreq()
    withUnsafeMutableBytes(of: &request.ifr_ifrn.ifrn_name) { $0.copyBytes(from: Array("lo".utf8)) }
    guard ioctl(fd, UInt(SIOCGIFFLAGS), &request) == 0 else { return }
    request.ifr_ifru.ifru_flags |= Int16(IFF_UP)
    if ioctl(fd, UInt(SIOCSIFFLAGS), &request) != 0 {
        say("FuzzSession: cannot bring lo up: \(String(cString: strerror(errno)))")
    }
}

/// The names of the namespace's interfaces.
func interfaceNames() -> [String]? {
    guard let list = if_nameindex() else { return nil }
    defer { if_freenameindex(list) }
    var names: [String] = []
    var p = list
    while p.pointee.if_index != 0, let name = p.pointee.if_name {
        names.append(String(cString: name))
        p += 1
    }
    return names
}

/// A thread that aborts when one input runs longer than FUZZ_INPUT_TIMEOUT seconds. It blocks every signal, so
/// the session's SIGALRM always reaches the main thread (where the blocking call is).
func startWatchdog() {
    var all = sigset_t()
    var old = sigset_t()
    sigfillset(&all)
    pthread_sigmask(SIG_BLOCK, &all, &old)
    var thread = pthread_t()
    pthread_create(&thread, nil, { _ in
        var limit: Int64 = 10
        if let v = getenv("FUZZ_INPUT_TIMEOUT"), let s = Int64(String(cString: v)), s > 0 { limit = s }
        while true {
            usleep(200_000)
            let started = inputStarted.load(ordering: .relaxed)
            if started != 0, monotonicNanoseconds() - started > limit * 1_000_000_000 {
                say("FuzzSession: one input ran longer than \(limit) s (watchdog)")
                abort()
            }
        }
    }, nil)
    pthread_sigmask(SIG_SETMASK, &old, nil)
}

// MARK: - Small helpers

/// Writes a line to standard error (stdio's `stderr` is not reachable from Swift 6 code).
func say(_ text: String) {
    var line = text + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func monotonicNanoseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

/// The descriptor the next socket would get.
func lowestFreeDescriptor() -> Int32 {
    let fd = fcntl(2, F_DUPFD, 0)
    if fd >= 0 { close(fd) }
    return fd
}

/// The first entry of a folder other than . and .., if any.
func firstEntry(_ path: String) -> String? {
    guard let dir = opendir(path) else { return nil }
    defer { closedir(dir) }
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
        }
        if name != "." && name != ".." { return name }
    }
    return nil
}

#if !SOCKSHELL_FUZZ
/// Without libFuzzer: run each file named on the command line (or standard input) once, in the same sandbox.
@main
enum Replay {
    static func main() {
        let paths = Array(CommandLine.arguments.dropFirst())
        var inputs: [(String, [UInt8])] = []
        for path in paths.isEmpty ? ["/dev/stdin"] : paths {
            guard let bytes = FuzzHooks.readInput(path) else {
                say("FuzzSession: cannot read \(path)")
                exit(2)
            }
            inputs.append((path, bytes))
        }
        enterSandbox()  // after reading: it changes the working folder
        for (path, bytes) in inputs {
            _ = bytes.withUnsafeBufferPointer { fuzzSession($0.baseAddress, $0.count) }
            print("\(path): ok")
        }
    }
}
#endif
