import CSocketShims
import Glibc
import Shell
import Transcript

/// `sockshell --export-c OUT FILE`: runs a script or transcript and writes its calls as a C program.
///
/// Why run it rather than translate the text: the program must make the calls the session made (the port the
/// kernel chose, the peer accept got, the errno a call met), and only running the lines gives their typed
/// records. The lesson's `#` comments are kept where they stand. Nothing is printed but what was left out.
struct ExportC {
    let output: String
    let file: String
    let timeoutMs: Int?
    let korean: Bool

    func run() -> Int32 {
        let stderr = sockshell_stderr().assumingMemoryBound(to: FILE.self)
        guard let text = readWholeFile(file) else {
            fputs("sockshell: cannot read \(file): \(String(cString: strerror(errno)))\n", stderr)
            return 2
        }
        let session = Session(settings: SessionSettings(timeoutMs: timeoutMs, korean: korean))
        // A lesson recorded in the lab addresses the lab's hosts (198.18.0.0/15, fd00:5c::), which exist only
        // inside the shell's lab: a program run outside it would send those packets to the machine's real network
        // (SPEC §6). Without the lab, every line after the first `host` was an input error: refuse plainly.
        if let shape = LabShape.fromHeader(text[...]) {
            fputs("sockshell: \(file) runs in the lab (\(shape.rawValue)): its calls address the lab's hosts, which "
                + "exist only inside `sockshell \(shape.rawValue)`; a C program run outside the lab would send them "
                + "to the real network, so it is not exported (replay it with `sockshell --check \(file)`)\n", stderr)
            return 2
        }
        let log = ExportLog()
        session.exportLog = log
        log.timeoutMs = timeoutMs
        let transcript = TranscriptFile.isTranscript(text)
        var number = 0
        var stopped = false
        var events: [Event] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let command: Substring?
            if transcript {
                command = line.hasPrefix("> ") ? line.dropFirst(2) : (line == ">" ? "" : nil)
            } else {
                command = TranscriptFile.isComment(line) ? nil : line
            }
            guard let cmd = command else {
                if let c = ExportC.commentText(line) { if !stopped { log.comment(c) } }
                continue
            }
            if stopped {
                log.leaveOut("line \(number) `\(cmd.prefix(60))`: not run (the script stopped at the input error)")
                continue
            }
            events.removeAll(keepingCapacity: true)
            session.execute(String(cmd), into: &events)
            if events.contains(where: { if case .inputError = $0 { return true } else { return false } }) {
                stopped = true
            }
            if session.wantsQuit { break }
        }
        session.closeAll()
        let program = CExporter(source: file).render(log)
        if let e = CExporter.write(program, to: output) {
            fputs("sockshell: cannot write \(output): \(e.name) (\(e.message))\n", stderr)
            return 2
        }
        for l in log.leftOut { fputs("sockshell: left out: \(l)\n", stderr) }
        fputs("sockshell: \(CExporter.summary(log, file: output))\n", stderr)
        return 0
    }

    /// The text of a `#` comment line (without the `#` and one space), "" for a blank line; nil otherwise.
    static func commentText(_ line: Substring) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.isEmpty { return "" }
        guard trimmed.hasPrefix("#") else { return nil }
        var body = trimmed.dropFirst()
        if body.hasPrefix(" ") { body = body.dropFirst() }
        return String(body)
    }
}
