import CSocketShims
import Glibc
import LineEditor
import Shell

/// The interactive loop on a terminal: libedit, prompt with the current socket, Ctrl-C, events at the prompt.
struct REPL {
    let frontend: Frontend
    /// `--wire`: run `wire on` right after the greeting.
    var wire = false

    func run() {
        let session = frontend.session
        sockshell_install_sigint()
        frontend.interactive = true
        // Kept for `export c FILE`: the typed calls of the session, in order.
        session.exportLog = ExportLog()
        let plain = TextRenderer(style: .plain)
        let reader = EditLineReader(
            programName: "sockshell",
            historyPath: HistoryLocation.defaultPath(),
            completer: { session.completions($0) },
            idle: { plain.render(session.idleEvents()) })
        ProgressLine.install(on: session)
        session.livePackets = { [frontend] events in
            frontend.out.append { bytes in
                for line in plain.render(events) {
                    bytes.append(line)
                    bytes.append(10)
                }
            }
            frontend.out.flush()
        }
        var n = 0
        frontend.out.line(session.settings.korean
            ? "sockshell \(SockShell.version): 명령 목록은 help, 끝내려면 quit 또는 Ctrl-D."
            : "sockshell \(SockShell.version): type `help` for commands, `quit` or Ctrl-D to leave.")
        if let lab = session.lab {
            frontend.out.line(LabBanner.text(lab, korean: session.settings.korean))
        }
        if wire { frontend.run(line: "wire on", source: "--wire", lineNumber: 0) }
        frontend.out.flush()
        loop: while true {
            let host = session.labHost.map { "[\($0)]" } ?? ""
            let prompt = session.current.map { "sockshell\(host)(\($0))> " } ?? "sockshell\(host)> "
            switch reader.read(prompt: prompt) {
            case .line(let raw):
                n += 1
                var line = raw
                while line.last == " " || line.last == "\n" { line.removeLast() }
                if line.isEmpty { continue }
                reader.addHistory(line)
                sockshell_clear_sigint()
                frontend.run(line: line, source: "-", lineNumber: n)
                sockshell_clear_sigint()
                frontend.out.flush()
                if session.wantsQuit { break loop }
            case .interrupted:
                continue
            case .endOfInput:
                break loop
            }
        }
        session.closeAll()
    }
}
