// Walkthrough fixes that need the real binary (issue 12): a linger wait cut short by --timeout or Ctrl-C.

import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Walkthrough fixes, on the binary")
struct WalkthroughBinaryTests {
    /// A close under SO_LINGER with data the peer's full window keeps queued: --timeout ends the wait.
    static let lingerSetup = "socket tcp as srv; setopt SO_RCVBUF 4K; bind 127.0.0.1:0; listen; socket tcp as cli; "
        + "connect srv; @srv accept as conn; source 256K; setopt SO_LINGER on 5"

    @Test("--timeout cutting a linger wait short says so, and what becomes of the unsent data")
    func lingerCutByTimeout() throws {
        let r = try runSockshell(["--timeout", "1s", "-c", Self.lingerSetup + "; close"], timeout: 20)
        #expect(r.status == 0, "\(r.summary)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let close = lines.firstIndex { $0 == "close(4) = 0" }
        #expect(close != nil, "\(r.summary)")
        let note = close.flatMap { $0 + 1 < lines.count ? lines[$0 + 1] : nil } ?? ""
        #expect(note.contains("--timeout (1s) cut the SO_LINGER wait short"), "\(r.summary)")
        #expect(note.contains("of the 5s asked") && note.contains("unsent data"), "\(note)")
    }

    @Test("Ctrl-C during a linger wait does not read as a normal linger wait")
    func lingerCutByCtrlC() throws {
        let repl = try ReplSession()
        defer { repl.close() }
        try repl.terminal.expect(ReplSession.prompt)
        for command in Self.lingerSetup.split(separator: ";") {
            try repl.terminal.sendLine(command.trimmingCharacters())
            try repl.terminal.expect(")> ")
        }
        try repl.terminal.sendLine("close")
        repl.terminal.settle(milliseconds: 500)
        // A Ctrl-C that lands before close(2) blocks is only a Ctrl-C at the prompt: try a few times.
        var cut = false
        for _ in 0..<4 where !cut {
            try repl.terminal.send("\u{3}")
            cut = (try? repl.terminal.expect("Ctrl-C cut the SO_LINGER wait short", timeout: 1)) != nil
        }
        #expect(cut, "\(repl.terminal.screen.lines.suffix(10))")
        #expect(!repl.terminal.screen.lines.joined().contains("close blocked for"))
    }

    @Test("--check on a plain script says it is not a transcript and how to make one, instead of a diff per line")
    func checkPlainScript() throws {
        let dir = try makeTemporaryDirectory("sockshell-check")
        defer { removeTree(dir) }
        try writeTextFile(dir + "/steps.sh", "socket tcp\nbind 127.0.0.1:0\nlisten\n")
        let r = try runSockshell(["--check", dir + "/steps.sh"], timeout: 20)
        #expect(r.status == 2, "\(r.summary)")
        #expect(r.stderr.contains("steps.sh is a plain script, not a transcript"), "\(r.summary)")
        #expect(r.stderr.contains("sockshell --record \(dir)/steps.transcript \(dir)/steps.sh"), "\(r.summary)")
        #expect(!r.stdout.contains("mismatch (first") && !r.stdout.contains("+++"), "\(r.summary)")
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
