import ArgumentParser
import CSocketShims
import Glibc
import LineEditor
import Shell
import Transcript

/// The `sockshell` command line (SPEC §1).
@main
struct SockShell: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "sockshell",
        abstract: "An interactive shell for POSIX sockets: type socket calls, see what the kernel answers.",
        discussion: """
            Without FILE or -c: an interactive shell on a terminal (line editing, history, Tab completion), \
            or commands read from standard input. `help` inside lists the commands; `explain OPTION` teaches \
            an option. See sockshell(1).
            """,
        version: version)

    @Argument(
        help: ArgumentHelp(
            "A script or transcript to run (with --check: transcripts to replay and compare).",
            valueName: "file"))
    var files: [String] = []

    @Option(
        name: .customShort("c"),
        help: ArgumentHelp(
            "Run these commands (separated by ';') and exit.",
            valueName: "commands"))
    var commands: String?

    @Flag(name: .long, help: "Replay the transcripts given as FILEs and compare the output; exit 1 on a mismatch.")
    var check = false

    @Option(name: .long, help: ArgumentHelp("Also write the session to this file as a transcript.", valueName: "file"))
    var record: String?

    @Flag(name: .long, help: "Print one JSON object per event instead of text.")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Upper bound for any blocking call when not interactive (e.g. 10s, 500ms).",
            valueName: "dur"))
    var timeout: String = "10s"

    @Flag(name: .customLong("lab"), help: "Run the session in a private lab: hosts a and b on one link.")
    var lab = false

    @Flag(name: .customLong("lab-routed"), help: "Run the session in a private lab: a - r - b, r forwarding.")
    var labRouted = false

    @Option(name: .long, help: ArgumentHelp("Language of study notes and help: en or ko.", valueName: "en|ko"))
    var lang: String = "en"

    @Option(
        name: .customLong("export-c"),
        help: ArgumentHelp("Run the script or transcript FILE and write its calls to this file as a C program.",
                           valueName: "out"))
    var exportC: String?
    @Flag(name: .long, help: "Start with the wire on (`wire on`): show the packets each call puts on the network.")
    var wire = false

    /// Like ArgumentParser's main, but a usage error exits 2 (SPEC §1), not 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                fputs(
                    message + (message.hasSuffix("\n") ? "" : "\n"),
                    sockshell_stderr().assumingMemoryBound(to: FILE.self))
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }

    func validate() throws {
        guard lang == "en" || lang == "ko" else { throw ValidationError("--lang takes en or ko") }
        guard parseDuration(timeout) != nil else {
            throw ValidationError("--timeout takes a duration with a unit, such as 10s or 500ms")
        }
        if check && files.isEmpty { throw ValidationError("--check needs at least one transcript FILE") }
        if check && (record != nil || json) {
            throw ValidationError("--check replays transcripts and prints a diff: it takes neither --record nor --json")
        }
        if lab && labRouted { throw ValidationError("give either --lab or --lab-routed, not both") }
        if check && (lab || labRouted) {
            throw ValidationError("--check replays each transcript in the lab its header names (# lab: --lab): "
                + "it takes neither --lab nor --lab-routed")
        }
        if check && wire {
            throw ValidationError("--check replays transcripts as recorded: put `wire on` in them instead of --wire")
        }
        if !check && files.count > 1 { throw ValidationError("give one FILE to run (or --check FILE...)") }
        if commands != nil && !files.isEmpty && !check { throw ValidationError("give either -c or a FILE, not both") }
        if exportC != nil && (files.count != 1 || check || commands != nil || record != nil || json) {
            throw ValidationError("--export-c OUT takes one script or transcript FILE, and no other mode")
        }
    }

    /// The `--timeout` value in milliseconds, with the shell's own duration syntax (`10s`, `500ms`, `0` = none).
    func parseDuration(_ s: String) -> Int? {
        guard let ms = Session.milliseconds(s) else { return nil }
        return ms == 0 && s != "0" ? nil : ms  // `0.1ms` would silently mean "no deadline"
    }

    func run() throws {
        sockshell_ignore_sigpipe()
        // Thousands of sockets need more than the usual soft limit of 1024; the hard limit is ours to take.
        DescriptorLimit.raise()
        let timeoutMs = parseDuration(timeout) ?? 10_000
        let korean = lang == "ko"
        if check {
            throw ExitCode(Checker(files: files, timeoutMs: timeoutMs, korean: korean).run())
        }
        // A file marked `# needs: netns` (a lesson that sends multicast or broadcast, or turns the wire on) runs in a
        // private network namespace the shell makes, never on the host's network (SPEC §6). Before anything else:
        // without root this enters a user namespace, which takes a process of one thread.
        // The file's head is read once: it names the lab a transcript was recorded in, or asks for a namespace.
        let head = files.first.flatMap(readHead)
        let headerShape = head.flatMap { LabShape.fromHeader($0[...]) }
        let privateNetwork = try enterPrivateNetworkIfMarked(head: head, headerShape: headerShape)
        if let out = exportC {
            let status = ExportC(output: out, file: files[0], timeoutMs: timeoutMs == 0 ? nil : timeoutMs,
                                 korean: korean, lab: labRouted ? .routed : lab ? .oneLink : nil).run()
            if status != 0 { throw ExitCode(status) }
            return
        }
        var recorder: TranscriptRecorder?
        if let path = record {
            do {
                recorder = try TranscriptRecorder(path: path)
            } catch {
                fputs("sockshell: \(error)\n", sockshell_stderr().assumingMemoryBound(to: FILE.self))
                throw ExitCode(2)
            }
            if privateNetwork { recorder?.comment(PrivateNamespace.header) }
            recorder?.comment("recorded by sockshell \(SockShell.version); replay with: sockshell --check \(path)")
        }
        let interactive = commands == nil && files.isEmpty && isatty(0) == 1 && isatty(1) == 1
        let settings = SessionSettings(
            timeoutMs: interactive ? nil : (timeoutMs == 0 ? nil : timeoutMs),
            korean: korean)
        let session = Session(settings: settings)
        session.signals = ProcessSignals.shared
        // The lab asked for, or the one a transcript run as a file was recorded in (its header).
        var shape: LabShape? = labRouted ? .routed : lab ? .oneLink : nil
        if shape == nil { shape = headerShape }
        if let s = shape {
            do {
                session.network = try LabNetwork.build(s)
            } catch {
                fputs("\(error.description)\n", sockshell_stderr().assumingMemoryBound(to: FILE.self))
                throw ExitCode(2)
            }
            recorder?.comment(s.header)
        }
        let frontend = Frontend(
            session: session, json: json, recorder: recorder,
            flushEveryCommand: interactive || isatty(1) == 1)
        var status: Int32 = 0
        var readInterrupted = false
        if !interactive {
            // Ctrl-C cuts the blocking call short (a transfer prints what it moved) and stops the script there;
            // a terminal watching gets the progress line of long transfers, as in the REPL. Not when SIGINT
            // came ignored (`nohup`, `cmd &` in a script): then it stays ignored.
            sockshell_install_sigint_unless_ignored()
            if isatty(2) == 1 { ProgressLine.install(on: session) }
        }
        if wire && !interactive {
            // As if typed first: a recorded transcript then starts with `> wire on` and replays the same.
            frontend.run(line: "wire on", source: "--wire", lineNumber: 0)
        }
        if interactive {
            REPL(frontend: frontend, wire: wire).run()
        } else if let text = commands {
            status = runText(text, source: "-c", frontend)
        } else if let file = files.first, case .ran(let s) = ScriptFile.run(path: file, frontend) {
            status = s
        } else if let file = files.first {
            guard let text = readWholeFile(file) else {
                frontend.finish()
                fputs(
                    "sockshell: cannot read \(file): \(String(cString: strerror(errno)))\n",
                    sockshell_stderr().assumingMemoryBound(to: FILE.self))
                throw ExitCode(2)
            }
            status = runText(text, source: file, frontend)
        } else {
            let reader = PlainLineReader()
            var n = 0
            // The line's bytes go to the frontend as read, as a script FILE's do: a String made of them first would
            // replace bytes that are not UTF-8 (`send` of a Latin-1 byte would send U+FFFD's three bytes instead).
            while true {
                n += 1
                guard let ok = reader.readLine({ frontend.run(bytes: $0, source: "-", lineNumber: n) }) else {
                    // The reader takes the Ctrl-C flag when the signal cut its read: remember it here.
                    readInterrupted = reader.interrupted
                    break
                }
                if !ok { status = 2; break }
                if session.wantsQuit { break }
            }
        }
        session.closeAll()
        frontend.finish()
        if !interactive, frontend.interrupted || readInterrupted || sockshell_sigint_pending() != 0 {
            // Ended as SIGINT would end it (a calling shell's loop stops too), once every socket is closed and
            // the output is written.
            fputs("sockshell: stopped by Ctrl-C\n", sockshell_stderr().assumingMemoryBound(to: FILE.self))
            sockshell_default_sigint()
            raise(SIGINT)
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Moves the shell into a private network namespace of its own when FILE says `# needs: netns`, it names no lab
    /// and the shell is not in a private namespace already. True when FILE is so marked (the session then runs in
    /// a private namespace, made here or found); exit 2 when none can be made.
    func enterPrivateNetworkIfMarked(head: String?, headerShape: LabShape?) throws -> Bool {
        guard !lab, !labRouted, commands == nil, let file = files.first, let head,
            headerShape == nil, PrivateNamespace.isNeeded(byHeader: head[...])
        else { return false }
        if PrivateNamespace.currentIsPrivate { return true }
        do {
            // Kept for the life of the process: the shell never comes back to the host's namespace.
            _ = try PrivateNamespace.enter(for: "\(file) (# \(PrivateNamespace.header))")
            return true
        } catch {
            fputs(error.description + " Not run: it must not run on the host's network.\n",
                  sockshell_stderr().assumingMemoryBound(to: FILE.self))
            throw ExitCode(2)
        }
    }

    /// Runs a script, a transcript (its commands; expected output ignored) or a `-c` string.
    func runText(_ text: String, source: String, _ frontend: Frontend) -> Int32 {
        let parsed = TranscriptFile.parse(text)
        for entry in parsed.entries {
            if !frontend.run(line: entry.command, source: source, lineNumber: entry.commandLine) { return 2 }
            if frontend.session.wantsQuit { break }
        }
        return 0
    }
}

/// The first 64 KiB of a file (where a transcript's header lies), or nil.
func readHead(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    return n > 0 ? String(decoding: chunk[0..<n], as: UTF8.self) : nil
}

/// Reads a file into memory and closes it at once, so the script's descriptor never takes fd 3.
func readWholeFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue }; return nil }
        if n == 0 { break }
        bytes += chunk[0..<n]
        if bytes.count > 256 << 20 { errno = EFBIG; return nil }
    }
    return String(decoding: bytes, as: UTF8.self)
}
