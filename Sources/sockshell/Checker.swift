import Glibc
import Shell
import Transcript

/// `--check FILE...`: replays each transcript in a fresh session and compares the output.
struct Checker {
    let files: [String]
    let timeoutMs: Int
    let korean: Bool

    /// Returns the exit status: 0 green, 1 mismatch, 2 input error or unreadable file.
    func run() -> Int32 {
        let out = Output(fd: 1)
        let err = Output(fd: 2)
        var totalCommands = 0
        var totalMismatches = 0
        var status: Int32 = 0
        let renderer = TextRenderer(style: .plain)
        // Files marked `# needs: netns` run in a private namespace the shell makes (unless it is in one already).
        // Without root that takes a user namespace, entered now, while the process has a single thread.
        let startedPrivate = PrivateNamespace.currentIsPrivate
        if !startedPrivate, files.contains(where: { readHead($0).map(needsPrivateNetwork) ?? false }) {
            try? PrivateNamespace.prepare(for: "--check")  // a failure is reported with each file it concerns
        }
        for file in files {
            guard let text = readWholeFile(file) else {
                err.line("sockshell: cannot read \(file): \(String(cString: strerror(errno)))")
                err.flush()
                status = 2
                continue
            }
            if !TranscriptFile.isTranscript(text) {
                // A plain script has no recorded output: every line would be a mismatch.
                err.line("sockshell: \(file) is a plain script, not a transcript (no line starts with `> `), so "
                    + "there is no recorded output to compare: record one with `sockshell --record "
                    + "\(transcriptName(file)) \(file)`, then `sockshell --check \(transcriptName(file))`")
                err.flush()
                status = 2
                continue
            }
            let session = Session(
                settings: SessionSettings(timeoutMs: timeoutMs == 0 ? nil : timeoutMs, korean: korean))
            session.signals = ProcessSignals.shared
            // A transcript recorded in the lab replays in a fresh lab of the same shape (SPEC §7).
            if let shape = LabShape.fromHeader(text[...]) {
                do {
                    session.network = try LabNetwork.build(shape)
                } catch {
                    err.line("\(file): \(error.description)")
                    err.flush()
                    status = 2
                    continue
                }
            }
            // A lesson that sends multicast or broadcast, or turns the wire on, never runs on the host's network.
            var privateNetwork: PrivateNamespace.Entered?
            if !startedPrivate, needsPrivateNetwork(text) {
                do {
                    privateNetwork = try PrivateNamespace.enter(for: "\(file) (# \(PrivateNamespace.header))")
                } catch {
                    err.line(error.description + " Not run: it must not run on the host's network.")
                    err.flush()
                    status = 2
                    continue
                }
            }
            var events: [Event] = []
            var commands: [CommandWords] = []
            var errorMessage: [String] = []
            let result = TranscriptChecker.checkEntries(file: file, text: text) { entry in
                var lines: [String] = []
                var command = entry.command
                let outcome = command.withUTF8 { bytes in
                    session.runLine(bytes, commands: &commands, events: &events) { _, events, _ in
                        for e in events {
                            if case .inputError = e { continue }
                            renderer.render(e, into: &lines)
                        }
                        return true
                    }
                }
                switch outcome {
                case .splitError(let error), .inputError(let error):
                    errorMessage = TextRenderer.inputError(error, source: file, line: entry.commandLine)
                    return (lines, true)
                case .completed, .empty, .stopped:
                    return (lines, false)
                }
            }
            session.closeAll()
            privateNetwork?.leave()
            totalCommands += result.commands
            totalMismatches += result.mismatches
            if !result.diff.isEmpty { out.raw(result.diff.hasSuffix("\n") ? result.diff : result.diff + "\n") }
            if result.stoppedByInputError {
                out.flush()
                for l in errorMessage { err.line(l) }
                err.flush()
                status = 2
            } else if result.mismatches > 0, status == 0 {
                status = 1
            }
            let verdict =
                result.stoppedByInputError
                ? "stopped by an input error"
                : result.mismatches == 0
                    ? "ok"
                    : "\(result.mismatches) mismatch\(result.mismatches == 1 ? "" : "es")"
                        + (result.firstMismatchLine.map { " (first at line \($0))" } ?? "")
            out.line("\(file): \(result.commands) commands, \(verdict)")
            out.flush()
        }
        out.line(
            "checked \(files.count) file\(files.count == 1 ? "" : "s"), \(totalCommands) commands: "
                + "\(totalMismatches) mismatch\(totalMismatches == 1 ? "" : "es")")
        out.flush()
        return status
    }

    /// A transcript marked `# needs: netns` and not recorded in the lab (a lab host is private already).
    func needsPrivateNetwork(_ text: String) -> Bool {
        LabShape.fromHeader(text[...]) == nil && PrivateNamespace.isNeeded(byHeader: text[...])
    }

    /// A name for the transcript of a plain script: its name with `.transcript` in place of its extension.
    func transcriptName(_ file: String) -> String {
        let slash = file.lastIndex(of: "/").map { file.index(after: $0) } ?? file.startIndex
        let base = file[slash...]
        let stem = base.lastIndex(of: ".").map { file[..<$0] } ?? file[...]
        return stem.isEmpty || stem.hasSuffix("/") ? file + ".transcript" : stem + ".transcript"
    }
}
