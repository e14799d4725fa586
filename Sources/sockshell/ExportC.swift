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
    /// The lab asked for (`--lab`, `--lab-routed`); nil: the one the transcript's header names, if any.
    var lab: LabShape? = nil

    func run() -> Int32 {
        let stderr = sockshell_stderr().assumingMemoryBound(to: FILE.self)
        guard let text = readWholeFile(file) else {
            fputs("sockshell: cannot read \(file): \(String(cString: strerror(errno)))\n", stderr)
            return 2
        }
        let session = Session(settings: SessionSettings(timeoutMs: timeoutMs, korean: korean))
        session.signals = ProcessSignals.shared
        let log = ExportLog()
        // A lab lesson runs in the lab it was recorded in (its header), as --check replays it (SPEC §7).
        if let shape = lab ?? LabShape.fromHeader(text[...]) {
            do {
                session.network = try LabNetwork.build(shape)
            } catch {
                fputs("\(error.description)\n", stderr)
                return 2
            }
            log.lab = shape.rawValue
        }
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
            fputs("sockshell: \(CExporter.writeFailure(output, e))\n", stderr)
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
