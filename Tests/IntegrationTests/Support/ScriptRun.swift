// Runs sockshell on a script the test writes, and matches its output line by line with `*` wildcards.

import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A script run through the real binary: its file, the process result and the output lines.
struct ScriptRun {
    let path: String
    let result: ProcessResult
    var lines: [String] { result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    var errorLines: [String] { result.stderr.split(separator: "\n").map(String.init) }
}

/// Writes `text` to a script file in a fresh temporary directory and runs `sockshell [options] FILE` with a
/// bounded wait (the child is killed after `timeout` seconds). `body` gets the run and the directory, which is
/// removed afterwards. `{dir}` in the text is replaced by the directory (for AF_UNIX paths).
func withScript(_ text: String, name: String = "script.txt", options: [String] = ["--timeout", "5s"],
                timeout: Double = 30, _ body: (ScriptRun, String) throws -> Void) throws {
    let dir = try makeTemporaryDirectory("sockshell-script")
    defer { removeTree(dir) }
    let path = dir + "/" + name
    try writeTextFile(path, text.replacing("{dir}", with: dir))
    let result = try runSockshell(options + [path], timeout: timeout)
    try body(ScriptRun(path: path, result: result), dir)
}

/// True when `text` matches `pattern`, where `*` stands for any run of characters and nothing else is special.
func scriptLineMatches(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern.utf8), t = Array(text.utf8)
    var pi = 0, ti = 0, star = -1, mark = 0
    while ti < t.count {
        if pi < p.count, p[pi] != 42, p[pi] == t[ti] {
            pi += 1
            ti += 1
        } else if pi < p.count, p[pi] == 42 {
            star = pi
            mark = ti
            pi += 1
        } else if star >= 0 {
            pi = star + 1
            mark += 1
            ti = mark
        } else {
            return false
        }
    }
    while pi < p.count, p[pi] == 42 { pi += 1 }
    return pi == p.count
}

/// Expects each pattern to match a line of `lines`, in this order (each after the previous match).
func expectInOrder(_ lines: [String], _ patterns: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    var from = 0
    for pattern in patterns {
        guard let k = lines[from...].firstIndex(where: { scriptLineMatches(pattern, $0) }) else {
            let seen = lines[from...].joined(separator: "\n")
            Issue.record("no line matches `\(pattern)` after line \(from):\n\(seen)", sourceLocation: sourceLocation)
            return
        }
        from = k + 1
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago (the kernel picked it for a socket now closed).
///
/// Why: the TIME_WAIT lesson must bind the same port twice by number, so the test picks a free one
/// instead of a fixed port that could collide with anything else on the machine.
func freeLoopbackPort() -> Int? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var sin = sockaddr_in()
    sin.sin_family = sa_family_t(AF_INET)
    sin.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let ok = withUnsafeMutablePointer(to: &sin) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0
        }
    }
    return ok ? Int(UInt16(bigEndian: sin.sin_port)) : nil
}
