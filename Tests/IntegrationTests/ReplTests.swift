// The interactive REPL, driven through a real pseudo-terminal: prompt, Tab completion, history,
// Ctrl-C and the history file. Each test runs its own `sockshell` with a private HOME.

import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One `sockshell` REPL under a pseudo-terminal, with a private home that is removed afterwards.
final class ReplSession {
    static let prompt = "sockshell> "
    static let promptS1 = "sockshell(s1)> "

    let home: String
    let terminal: PseudoTerminalProcess

    init() throws {
        let binary = locateSockshell()
        guard access(binary, X_OK) == 0 else {
            throw PTYError(description: "no sockshell binary at \(binary): build it, or set SOCKSHELL_BIN")
        }
        home = try makeTemporaryDirectory()
        do {
            terminal = try PseudoTerminalProcess(executable: binary, environment: terminalEnvironment(home: home))
        } catch {
            removeTree(home)
            throw error
        }
    }

    /// Reuses `home` (and so its history file) for a second session.
    init(home: String) throws {
        self.home = home
        terminal = try PseudoTerminalProcess(
            executable: locateSockshell(), environment: terminalEnvironment(home: home))
    }

    var historyPath: String { home + "/state/sockshell/history" }

    /// Types `line`, Enter, and waits for `prompt`; returns what was printed in between.
    @discardableResult
    func run(_ line: String, thenPrompt prompt: String = ReplSession.promptS1) throws -> String {
        try terminal.sendLine(line)
        return try terminal.expect(prompt)
    }

    /// Ends the child; `keepHome` leaves the directory for a later session.
    func close(keepHome: Bool = false) {
        terminal.terminate()
        if !keepHome { removeTree(home) }
    }
}

@Suite("REPL under a pseudo-terminal")
struct ReplTests {
    @Test func promptAppears() throws {
        let repl = try ReplSession()
        defer { repl.close() }
        try repl.terminal.expect(ReplSession.prompt)
    }

    @Test func promptShowsCurrentSocket() throws {
        let repl = try ReplSession()
        defer { repl.close() }
        try repl.terminal.expect(ReplSession.prompt)
        try repl.run("socket tcp")
    }

    @Test func tabCompletesCommandAndAddsSpace() throws {
        let repl = try ReplSession()
        defer { repl.close() }
        try repl.terminal.expect(ReplSession.prompt)
        // `sock` fits `socket` and `sockets`: Tab fills in their common part, as a shell does, and no space.
        try repl.terminal.send("sock\t")
        try repl.terminal.waitForScreen("line reads `socket`") {
            $0.cursorLine == "sockshell> socket" && $0.cursor.column == "sockshell> socket".count
        }
        try repl.terminal.send(" tcp\r")
        try repl.terminal.expect(ReplSession.promptS1)
        // One command fits `expl`: Tab completes it and adds the space, so `linger` becomes the argument.
        try repl.terminal.send("expl\t")
        try repl.terminal.waitForScreen("line reads `explain `") {
            $0.cursorLine == "sockshell(s1)> explain" && $0.cursor.column == "sockshell(s1)> explain ".count
        }
        try repl.terminal.send("linger\r")
        try repl.terminal.expect(ReplSession.promptS1)
    }

    @Test func tabCompletesOptionName() throws {
        let repl = try ReplSession()
        defer { repl.close() }
        try repl.terminal.expect(ReplSession.prompt)
        try repl.run("socket tcp")
        try repl.terminal.send("setopt SO_LIN\t")
        try repl.terminal.waitForScreen("option completed to SO_LINGER") {
            $0.cursorLine.hasPrefix("sockshell(s1)> setopt SO_LINGER")
        }
    }

    @Test func upArrowRecallsLastLine() throws {
        let repl = try ReplSession()
        defer { repl.close() }
        try repl.terminal.expect(ReplSession.prompt)
        try repl.run("socket tcp")
        try repl.terminal.send("\u{1B}[A")
        try repl.terminal.waitForScreen("Up shows the last line") {
            $0.cursorLine == "sockshell(s1)> socket tcp"
        }
    }

    @Test func ctrlCAtPromptDiscardsLine() throws {
        let repl = try ReplSession()
        defer { repl.close() }
        try repl.terminal.expect(ReplSession.prompt)
        try repl.terminal.send("socket tcp")
        try repl.terminal.waitForScreen("typed line shown") { $0.cursorLine == "sockshell> socket tcp" }
        try repl.terminal.send("\u{3}")
        try repl.terminal.expect("^C")
        try repl.terminal.expect(ReplSession.prompt)
        // The discarded line did not run: Enter on the fresh prompt creates nothing.
        try repl.terminal.sendLine("")
        try repl.terminal.expect(ReplSession.prompt)
        #expect(!repl.terminal.text.contains(ReplSession.promptS1))
    }

    @Test func ctrlCInterruptsBlockingAcceptAndKeepsSockets() throws {
        let repl = try ReplSession()
        defer { repl.close() }
        try repl.terminal.expect(ReplSession.prompt)
        try repl.run("socket tcp")
        try repl.run("bind 127.0.0.1:0")
        try repl.run("listen")
        try repl.terminal.sendLine("accept")
        repl.terminal.settle(milliseconds: 300)
        // A Ctrl-C that lands before accept(2) blocks is not lost forever: try a few times.
        var interrupted = false
        for _ in 0..<8 where !interrupted {
            try repl.terminal.send("\u{3}")
            interrupted = (try? repl.terminal.expect("EINTR", timeout: 1)) != nil
        }
        #expect(interrupted, "accept did not report EINTR:\n\(repl.terminal.screen.lines.suffix(10))")
        try repl.terminal.expect(ReplSession.promptS1)
        let listing = try repl.run("list")
        #expect(listing.contains("s1"), "list after Ctrl-C: \(listing)")
    }

    /// A source whose peer never reads fills both buffers and blocks: the progress line says so, with the
    /// bytes queued, instead of the shell looking hung; a sink with nothing coming says that too.
    @Test func stalledTransfersSayWhy() throws {
        let repl = try ReplSession()
        defer { repl.close() }
        try repl.terminal.expect(ReplSession.prompt)
        for line in ["socket tcp as srv", "bind 127.0.0.1:0", "listen", "socket tcp as cli", "connect srv"] {
            try repl.run(line, thenPrompt: ")> ")
        }
        try repl.run("@srv accept as conn", thenPrompt: "sockshell(cli)> ")
        try repl.terminal.sendLine("source 1G")
        try repl.terminal.expect("; stalled ", timeout: 10)
        try repl.terminal.expect("the peer is not reading, ")
        try repl.terminal.expect("queued in the send buffer (Ctrl-C stops)")
        try repl.terminal.send("\u{3}")
        try repl.terminal.expect("  sent ")
        try repl.terminal.expect("stopped by Ctrl-C")
        try repl.terminal.expect("sockshell(cli)> ")
        try repl.terminal.sendLine("@conn sink")
        try repl.terminal.expect("nothing arrived for ", timeout: 10)
        try repl.terminal.send("\u{3}")
        try repl.terminal.expect("  received ")
        try repl.terminal.expect("sockshell(cli)> ")
        // The ticks are over: a later blocking call runs to its own timeout, no stray signal cuts it.
        try repl.run("setopt SO_RCVTIMEO 700ms", thenPrompt: "sockshell(cli)> ")
        let recv = try repl.run("recv", thenPrompt: "sockshell(cli)> ")
        #expect(recv.contains("EAGAIN") && !recv.contains("EINTR"), "\(recv)")
    }

    @Test func ctrlDOnEmptyLineLeaves() throws {
        let repl = try ReplSession()
        defer { repl.close() }
        try repl.terminal.expect(ReplSession.prompt)
        try repl.terminal.send("\u{4}")
        #expect(try repl.terminal.waitForExit() == 0)
    }

    @Test func historyFileIsPrivateAndHoldsCommands() throws {
        let repl = try ReplSession()
        defer { repl.close() }
        try repl.terminal.expect(ReplSession.prompt)
        try repl.run("socket tcp")
        try repl.run("bind 127.0.0.1:0")
        try repl.terminal.sendLine("quit")
        #expect(try repl.terminal.waitForExit() == 0)

        var info = stat()
        try #require(stat(repl.historyPath, &info) == 0, "no history file at \(repl.historyPath)")
        #expect(info.st_mode & 0o777 == 0o600)
        let entries = try historyEntries(repl.historyPath)
        #expect(entries.contains("socket tcp"), "history: \(entries)")
        #expect(entries.contains("bind 127.0.0.1:0"), "history: \(entries)")
    }

    @Test func historySurvivesKillAndReachesNextSession() throws {
        let first = try ReplSession()
        defer { first.close() }
        try first.terminal.expect(ReplSession.prompt)
        try first.run("socket tcp")
        try first.run("bind 127.0.0.1:0")
        // SIGKILL: nothing runs at exit, so each line must have been saved when entered.
        first.close(keepHome: true)

        let second = try ReplSession(home: first.home)
        defer { second.close(keepHome: true) }
        try second.terminal.expect(ReplSession.prompt)
        try second.terminal.send("\u{1B}[A")
        try second.terminal.waitForScreen("Up recalls the previous session's last line") {
            $0.cursorLine == "sockshell> bind 127.0.0.1:0"
        }
        try second.terminal.send("\u{1B}[A")
        try second.terminal.waitForScreen("and the one before") {
            $0.cursorLine == "sockshell> socket tcp"
        }
    }
}

/// The entries of a libedit history file: the cookie line dropped, vis(3) escapes decoded
/// (`\040` octal, `\\`, and the `\s`/`\t`/`\n` forms some versions write).
func historyEntries(_ path: String) throws -> [String] {
    guard let file = fopen(path, "r") else {
        throw PTYError(description: "cannot open \(path): errno \(errno)")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { break }
        bytes += buffer[0..<n]
    }
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    return lines.dropFirst().map(unvis)
}

private func unvis(_ text: String) -> String {
    var out: [UInt8] = []
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
            out.append(byte)
            index += 1
            continue
        }
        let next = bytes[index + 1]
        let octal = bytes[(index + 1)...].prefix(3).prefix { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) }
        if !octal.isEmpty {
            out.append(octal.reduce(0) { $0 * 8 + ($1 - UInt8(ascii: "0")) })
            index += 1 + octal.count
            continue
        }
        switch next {
        case UInt8(ascii: "s"): out.append(32)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "n"): out.append(10)
        default: out.append(next)
        }
        index += 2
    }
    return String(decoding: out, as: UTF8.self)
}

@Suite("Pseudo-terminal harness")
struct PseudoTerminalHarnessTests {
    /// The plumbing itself, against /bin/sh: a controlling terminal, Ctrl-C reaching the
    /// foreground job, the exit status.
    @Test func drivesAnInteractiveShell() throws {
        let shell = try PseudoTerminalProcess(
            executable: "/bin/sh", arguments: ["-i"],
            environment: ["PS1": "pty$ ", "TERM": "xterm", "PATH": "/usr/bin:/bin", "HOME": "/tmp"])
        defer { shell.terminate() }
        try shell.expect("pty$ ")
        try shell.sendLine("tty")
        try shell.expect("/dev/pts/")
        try shell.expect("pty$ ")
        try shell.sendLine("sleep 8")
        shell.settle(milliseconds: 300)
        let started = PseudoTerminalProcess.now()
        try shell.send("\u{3}")
        try shell.expect("pty$ ", timeout: 4)
        #expect(PseudoTerminalProcess.now() - started < 4000)
        try shell.sendLine("exit 7")
        #expect(try shell.waitForExit() == 7)
    }

    @Test func waitsAreBounded() throws {
        let shell = try PseudoTerminalProcess(
            executable: "/bin/sh", arguments: ["-i"],
            environment: ["PS1": "pty$ ", "TERM": "xterm", "PATH": "/usr/bin:/bin"])
        defer { shell.terminate() }
        let started = PseudoTerminalProcess.now()
        #expect(throws: PTYError.self) { try shell.expect("never printed", timeout: 0.5) }
        #expect(PseudoTerminalProcess.now() - started < 3000)
    }

    @Test func screenModelFollowsLineEditing() {
        func screen(_ text: String, columns: Int = 20) -> TerminalScreen {
            TerminalScreen(Array(text.utf8), columns: columns)
        }
        #expect(screen("abc\u{8}\u{8}\u{1B}[K").cursorLine == "a")
        #expect(screen("hello\rj").cursorLine == "jello")
        #expect(screen("abcdef\u{1B}[4D\u{1B}[2P").cursorLine == "abef")
        #expect(screen("abef\u{1B}[2D\u{1B}[2@cd").cursorLine == "abcdef")
        #expect(screen("abef\u{1B}[2D\u{1B}[4hcd\u{1B}[4l").cursorLine == "abcdef")
        let wrapped = screen("0123456789abc", columns: 10)
        #expect(wrapped.lines == ["0123456789", "abc"])
        #expect(wrapped.cursor.row == 1 && wrapped.cursor.column == 3)
        let redrawn = screen("p> one\r\nrow two\u{1B}[A\r\u{1B}[Jnote\r\np> one")
        #expect(redrawn.lines == ["note", "p> one"])
    }
}
