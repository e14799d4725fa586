import SocketCore

/// One step of a session as the C export sees it.
public enum ExportStep: Sendable {
    /// A comment of the lesson (`# ...` in a script or transcript), without the `#`.
    case comment(String)
    /// A command line as typed.
    case command(String)
    /// A system call the command made, with its typed form.
    case call(SyscallRecord)
    /// A note or warning the shell printed after a call (kept as a C comment).
    case note(String)
    /// `source` or `sink`: many sends or receives, which the program makes as a plain loop.
    case loop(BulkLoop)
    /// A step with no system call of its own to export (a lab step such as `link cut`, `reboot`): the program
    /// says to do it by hand.
    case byHand(String)
    /// A command that only showed things (`lab`, the wire view): a short comment says what the shell showed.
    case shown(String)
    /// Something that ran (or was typed) but is not in the program, and why.
    case leftOut(String)
}

/// What `source` or `sink` did, enough to write its loop.
public struct BulkLoop: Sendable, Equatable {
    /// source (true) or sink.
    public var sending: Bool
    /// The socket.
    public var fd: Int32
    /// Bytes to move; nil for a sink that reads until EOF.
    public var total: Int?
    /// Bytes per call.
    public var chunk: Int
    /// The call that stopped the loop early, as the session saw it (nil when the loop ran to its end).
    public var failure: SyscallRecord?
    /// A datagram socket: the loop counts datagrams, and a sink ends after an idle second (there is no EOF).
    public var datagram: Bool

    public init(sending: Bool, fd: Int32, total: Int?, chunk: Int, failure: SyscallRecord? = nil,
                datagram: Bool = false) {
        self.sending = sending
        self.fd = fd
        self.total = total
        self.chunk = chunk
        self.failure = failure
        self.datagram = datagram
    }
}

/// The steps of a session kept for `export c` (SPEC §3): every command with its typed calls, in order.
///
/// Why kept as it runs rather than rebuilt later from `history`: running the lines again would make other
/// calls (other ports, other peers); the export must be what this session did.
public final class ExportLog {
    public private(set) var steps: [ExportStep] = []
    /// Said once for each thing left out, in order (for stderr and the file's head comment).
    public private(set) var leftOut: [String] = []
    /// The session's --timeout, for the alarm that stands for it in the program (nil: none).
    public var timeoutMs: Int?
    /// The lab the session ran in (`--lab`, `--lab-routed`); nil outside one. The program then needs hosts.
    public var lab: String?
    /// The loop of the running source/sink command, set by the command itself.
    var pendingLoop: BulkLoop?

    public init() {}

    /// A comment of the lesson, kept where it stands.
    public func comment(_ text: String) { steps.append(.comment(text)) }

    /// Something left out by the frontend (a line that never reached the session).
    public func leaveOut(_ why: String) {
        steps.append(.leftOut(why))
        leftOut.append(why)
    }

    /// Commands left out of the program without a word: they teach the shell, not sockets.
    static let aboutTheShell: Set<String> = ["help", "explain", "export"]

    /// Commands that only show what the shell knows: no call of their own (their reads are silent helpers), so
    /// no step to do by hand. Those with a text become just that comment (`/* lab: the shell showed ... */`),
    /// whatever they printed; "" keeps the command and its calls (poll, getopt). A new view-only command is
    /// one line here, e.g. the wire view's
    /// `"wire": "the shell showed the packets here; run tcpdump -i lo -n to see them"`.
    static let viewOnly: [String: String] = [
        "info": "", "list": "", "use": "", "help": "", "explain": "", "getopt": "", "poll": "", "export": "",
        "quit": "", "exit": "", "select": "",
        "lab": "the shell showed the lab's hosts, links and addresses here",
        "wire": "the shell showed the packets here; run tcpdump -i lo -n to see them",
    ]

    /// The comment of a view-only command whose subcommands did different things (`wire on`, `wire save`),
    /// by `command subcommand`; a subcommand not listed takes the command's text in `viewOnly`.
    static let viewOnlySubcommands: [String: String] = [
        "wire on": "the shell showed from here on the packets each call put on the wire; tcpdump -i lo -n shows "
            + "them",
        "wire off": "the shell stopped showing the packets here",
        "wire save": "the shell saved the packets it had captured as a pcap file here; tcpdump -i lo -n -w FILE, "
            + "run beside the program, does that",
        "wire ladder": "the shell drew the packets it had captured as a ladder diagram here; tcpdump -i lo -n, run "
            + "beside the program, lists them",
    ]

    /// The comment a view-only command becomes, or nil for one that keeps its calls ("" in `viewOnly`).
    static func shownText(_ command: String, line: String) -> String? {
        var words = line.split(separator: " ").map { String($0).lowercasedASCII() }
        if words.first?.hasPrefix("@") == true { words.removeFirst() }
        if words.count > 1, let t = viewOnlySubcommands[command + " " + words[1]] { return t }
        guard let t = viewOnly[command], !t.isEmpty else { return nil }
        return t
    }

    /// What to do by hand for a lab step, after the generic words (by command name).
    static let byHandHints: [String: String] = [
        "host": "the calls that follow were made on that host; run that part of the program there",
        "link": "cut or restore the link between the hosts (the shell's commands for it are below)",
        "reboot": "restart that host: its sockets vanish without a FIN or an RST",
    ]

    /// Takes the events one command produced. A command that made no call and is not one that only shows
    /// state (a lab step such as `link cut`) becomes a by-hand step: the program says to do it by hand.
    public func record(_ line: String, command: String?, events: ArraySlice<Event>) {
        // Help, study notes and the export itself are about the shell, not the lesson's sockets.
        if let c = command, ExportLog.aboutTheShell.contains(c),
           !events.contains(where: { if case .inputError = $0 { return true } else { return false } }) {
            return
        }
        // A command that only shows things, named with what it showed, is that comment and nothing else:
        // whatever it read to show it (a capture, a table) is the shell's, not the lesson's.
        if let c = command, let shown = ExportLog.shownText(c, line: line),
           !events.contains(where: { if case .inputError = $0 { return true } else { return false } }) {
            steps.append(.shown("\(line): \(shown)"))
            return
        }
        steps.append(.command(line))
        var calls = 0
        let looped = pendingLoop != nil
        if var loop = pendingLoop {
            // The loop's own calls are silent; the one that stopped it early is printed by the loop.
            pendingLoop = nil
            for case .syscall(let r) in events { loop.failure = r }
            steps.append(.loop(loop))
            calls += 1
        }
        for (k, e) in zip(events.indices, events) {
            switch e {
            case .syscall(let r):
                calls += 1
                if looped { continue }
                steps.append(.call(r))
            case .note(let l):
                // A note that only introduces a table (`...:`) says nothing once the table is not in the program.
                if l.plain.hasSuffix(":"), k + 1 < events.endIndex, case .table = events[k + 1] { continue }
                keepNote(l.plain)
            case .warning(let w): keepNote(w.plain)
            case .inputError(let err):
                leaveOut("`\(line)`: not run (input error: \(err.message))")
                return
            default: continue
            }
        }
        if calls == 0, let c = command, ExportLog.viewOnly[c] == nil, !line.isEmpty {
            steps.append(.byHand(line))
        }
    }

    /// Notes worth a comment: not those that only echo state the program prints anyway.
    private func keepNote(_ text: String) {
        if text.hasPrefix("local address ") || text.hasPrefix("current socket: ") { return }
        // A packet the wire view showed (`  ~ ...`) is not the lesson's call: the program cannot print it.
        if text.hasPrefix("~ ") { return }
        steps.append(.note(text))
    }
}

extension ExportLog {
    /// Takes one command's words and events: the line as typed, and the command's name (after any `@NAME`).
    func record(_ words: CommandWords, _ events: ArraySlice<Event>) {
        let line = String(decoding: words.raw, as: UTF8.self).trimmingBlanks()
        var name = words.tokens.first?.text
        if let n = name, n.hasPrefix("@"), words.tokens.count > 1 { name = words.tokens[1].text }
        record(line, command: name?.lowercasedASCII(), events: events)
    }
}

extension String {
    /// Without blanks at either end.
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\n" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s = s.dropLast() }
        return String(s)
    }
}
