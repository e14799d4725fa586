// A script run from a terminal: Ctrl-C stops a transfer with what it moved and ends the script as SIGINT
// would; a long transfer draws its progress line on the terminal (stderr), as in the REPL.

import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Scripts run from a terminal")
struct ScriptTerminalTests {
    /// Runs `script` with `sockshell FILE` under a pseudo-terminal, in a private home.
    private func start(_ script: String) throws -> (PseudoTerminalProcess, String) {
        let home = try makeTemporaryDirectory("sockshell-script-tty")
        let path = home + "/lesson.sock"
        try writeTextFile(path, script)
        let terminal = try PseudoTerminalProcess(
            executable: locateSockshell(), arguments: [path], environment: terminalEnvironment(home: home))
        return (terminal, home)
    }

    @Test("Ctrl-C stops a blocked source with what it sent, skips the rest, and ends the process by SIGINT")
    func ctrlCStopsTransferAndScript() throws {
        // Nobody reads the accepted end, so the source blocks once both buffers are full.
        let (terminal, home) = try start("""
            socket tcp as srv
            bind 127.0.0.1:0
            listen
            socket tcp as cli
            connect srv
            @srv accept as conn
            @cli source 10G
            send never
            """)
        defer {
            terminal.terminate()
            removeTree(home)
        }
        try terminal.expect("conn = accept(")
        terminal.settle(milliseconds: 300)
        try terminal.send("\u{3}")
        try terminal.expect("  sent ")
        try terminal.expect("  stopped by Ctrl-C")
        try terminal.expect("sockshell: stopped by Ctrl-C")
        let status = try terminal.waitForExit(timeout: 10)
        let text = String(decoding: terminal.output, as: UTF8.self)
        #expect(status == 128 + SIGINT, "\(text)")
        #expect(text.contains("  sent "), "\(text)")
        #expect(text.contains("  stopped by Ctrl-C"), "\(text)")
        #expect(text.contains("sockshell: stopped by Ctrl-C"), "\(text)")
        #expect(!text.contains("\"never\""), "the line after the transfer ran: \(text)")
    }

    @Test("Ctrl-C while commands are read from standard input ends the process by SIGINT, saying so")
    func ctrlCWhileReadingStandardInput() throws {
        let child = try ChildProcess(try sockshellBinary(), [])
        try child.write("socket tcp\n")
        child.pump(milliseconds: 300)
        kill(child.pid, SIGINT)
        let result = child.wait(timeout: 10)
        #expect(result.signaled && result.status == 128 + SIGINT, "\(result.summary)")
        #expect(result.stdout.contains("s1 = socket("), "\(result.summary)")
        #expect(result.stderr.contains("sockshell: stopped by Ctrl-C"), "\(result.summary)")
    }

    @Test("a transfer over a second draws a progress line on the terminal and clears it before the result")
    func progressLine() throws {
        let (terminal, home) = try start("""
            socket tcp
            bind 127.0.0.1:0
            listen
            accept
            sink
            """)
        defer {
            terminal.terminate()
            removeTree(home)
        }
        try terminal.expect("local address 127.0.0.1:")
        let port = try terminal.expect("\r\n")
        // A peer that sends, pauses past the first second, sends again and closes.
        let peer = try ChildProcess(
            try sockshellBinary(),
            ["--timeout", "10s", "-c",
             "socket tcp; connect 127.0.0.1:\(port); source 64K 1K; sleep 1600ms; source 64K; close"])
        let result = peer.wait(timeout: 20)
        #expect(result.status == 0, "\(result.summary)")
        try terminal.expect("received 131072 bytes")
        #expect(try terminal.waitForExit(timeout: 10) == 0)
        let text = String(decoding: terminal.output, as: UTF8.self)
        #expect(text.contains("\r  ") && text.contains(" in 1s, "), "no progress line: \(text)")
        #expect(text.contains("\r\u{1b}[K"), "progress line not cleared: \(text)")
    }
}
