import CSocketShims
import Glibc
import SocketCore

/// One socket the session holds, with what the shell knows about it.
final class SocketEntry {
    let handle: String
    let socket: Socket
    /// Created by accept (so SO_RCVBUF set on it comes too late).
    let accepted: Bool
    var listening = false
    var connected = false
    var bound = false
    /// Shut down for reading with SHUT_RD or SHUT_RDWR (so an EOF from recv is this side's doing, not a FIN).
    var readShut = false
    /// Last readiness announced at the prompt (REPL notifications).
    var announced: Int16 = 0
    var announcedBytes = -1
    /// A command already showed this socket's EOF, so the prompt need not announce it.
    var eofShown = false
    /// The prompt announced that the peer closed its side (once per socket).
    var peerCloseShown = false
    /// A call on this socket reported ECONNRESET: a later EOF is the reset's, not a FIN's.
    var resetSeen = false
    /// Multicast groups joined through this socket by the shell (join or setopt), in order; leave removes.
    var memberships: [Membership] = []
    /// The multicast group this socket last sent to: tells a group's datagram at a socket that never joined.
    var lastGroupSent: SocketAddress?
    /// The urgent byte `recv oob` read, while a plain recv has not passed its place in the stream (Linux
    /// leaves it there, skipped); SO_OOBINLINE turned on then delivers it a second time.
    var urgentRead: UInt8?
    /// SO_OOBINLINE was turned on while `urgentRead` was set: the next plain recv starts with that byte again.
    var urgentRedelivery = false
    /// Position in the session's creation order (`HandleTable`).
    var slot = 0

    init(handle: String, socket: Socket, accepted: Bool) {
        self.handle = handle
        self.socket = socket
        self.accepted = accepted
    }

    var fd: Int32 { socket.fd }
}

/// Settings of a session, fixed when it starts.
public struct SessionSettings: Sendable {
    /// Upper bound for blocking calls in milliseconds; nil in the REPL (Ctrl-C interrupts there). Enforced by
    /// the `SessionSignals` the program hands the session (`Session.signals`); without them nothing cuts a call.
    public var timeoutMs: Int?
    /// Study notes and help in Korean.
    public var korean: Bool
    /// Fuzzing: cap durations at 10 ms and refuse anything that could write files.
    public var sandboxed: Bool

    public init(timeoutMs: Int? = 10_000, korean: Bool = false, sandboxed: Bool = false) {
        self.timeoutMs = timeoutMs
        self.korean = korean
        self.sandboxed = sandboxed
    }
}

/// The shell's state: sockets by handle, the current socket, settings. `execute` runs a line and returns its
/// events; nothing here prints.
public final class Session {
    public let settings: SessionSettings
    /// Open sockets by handle and by descriptor, in creation order (HandleTable.swift).
    var table = HandleTable()
    /// The REPL's watch of events at the prompt (epoll), made when first asked.
    var watch: PromptWatch?
    /// Truesize of one UDP datagram by family and payload size, measured once each (DatagramQueue).
    var truesizes: [Int: Int] = [:]
    var counter = 0
    /// The current socket: kept as its entry, since nearly every command runs on it (a lookup by handle per
    /// line showed in a long script's profile). Cleared when the socket is unregistered.
    var currentEntry: SocketEntry?
    /// The current socket's handle; setting a handle makes its socket current (none if no socket has it).
    var currentHandle: String? {
        get { currentEntry?.handle }
        set { currentEntry = newValue.flatMap { entry($0) } }
    }
    /// True once `quit` or `exit` ran.
    public private(set) var wantsQuit = false
    /// The command run last (set once its name is known, also when it then fails); frontends ask it whether
    /// to flush their output (`CommandID.mayBlock`).
    public private(set) var lastCommand: CommandID?
    /// Called during long transfers (source/sink) with bytes so far, seconds elapsed and any stall; the REPL
    /// (and a script on a terminal) draws a progress line from it.
    public var progress: ((TransferProgress) -> Void)?
    /// Called once after a transfer that drew progress, before its result is printed: clears the progress line.
    public var progressDone: (() -> Void)?
    /// One receive buffer, reused by recv and sink.
    var buffer: UnsafeMutableRawBufferPointer
    /// The argument array of the last option call's record, refilled by the next one once that record is gone
    /// (TypedCalls.swift).
    var spareArgs: [CallArg] = []
    /// Every command line run so far (kept for a future `export c`).
    public internal(set) var history: [String] = []
    /// Lines already handled: the shell keeps history only when asked.
    public var keepsHistory = false
    /// Where sockets are created and packets captured: the shell's own namespace, or the lab (SPEC §7).
    public var network: any SessionNetwork = LocalNetwork() { didSet { lab = network as? LabNetwork } }
    /// The lab this session runs in, if any: kept beside `network`, since every command asks (a cast of the
    /// existential each time showed in a long script's profile).
    public private(set) var lab: LabNetwork?
    /// The steps kept for `export c` (typed calls, notes, what was left out); nil keeps nothing.
    public var exportLog: ExportLog?
    /// The wire view (SPEC §8): captures, decoder and what was seen; nil until the first `wire on`.
    var wire: WireView?
    /// Set by the REPL: shows packets captured while `sleep` or `poll` waits (nil: they follow the call).
    public var livePackets: (([Event]) -> Void)?
    /// The deadline and Ctrl-C, as the program running the session owns them (SessionSignals.swift).
    public var signals: any SessionSignals = NoSignals()
    /// TIME_WAIT timers `sockets` read last, in ms, by connection: the next `sockets` says how far each went down.
    var timeWaitTimers: [String: Int] = [:]

    /// The command table (`CommandTable.all`), held here: `run` reads two fields of it for every command, and each
    /// read of the global went through its lazy initializer's once-check (swift_once) first.
    let commandTable = CommandTable.all

    /// The largest buffer recv and sink will use.
    static let maxBuffer = 16 << 20

    public init(settings: SessionSettings = SessionSettings()) {
        self.settings = settings
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        sockshell_ignore_sigpipe()
    }

    deinit {
        closeAll()
        buffer.deallocate()
    }

    /// The handle of the current socket, for the prompt.
    public var current: String? { currentHandle }

    /// Open sockets in creation order (a copy: walk `table` where the count may be large).
    var entries: [SocketEntry] { table.ordered }

    /// Handles of all open sockets, in creation order.
    public var handles: [String] { table.ordered.map(\.handle) }

    /// Descriptors of all open sockets, in creation order.
    public var descriptors: [Int32] { table.ordered.map(\.fd) }

    /// How many sockets are open.
    public var socketCount: Int { table.count }

    /// Closes every socket silently (quit, Ctrl-D, end of script).
    public func closeAll() {
        table.forEach { _ = $0.socket.close() }
        table.removeAll()
        watch?.reset()
        currentHandle = nil
    }

    /// The socket with this handle: one dictionary probe at most, whatever the number of sockets.
    func entry(_ handle: String) -> SocketEntry? { table.find(handle) }

    /// The socket on this descriptor.
    func entry(fd: Int32) -> SocketEntry? { table.byFD[fd] }

    /// Runs one input line (commands separated by `;`). Stops at the first input error, which is the last event.
    public func execute(_ line: String) -> [Event] {
        var events: [Event] = []
        execute(line, into: &events)
        return events
    }

    /// Runs one input line, appending events to `events` (no intermediate arrays on the hot path).
    public func execute(_ line: String, into events: inout [Event]) {
        var copy = line
        var commands: [CommandWords] = []
        var each: [Event] = []
        let outcome = copy.withUTF8 { bytes in
            runLine(bytes, commands: &commands, events: &each) { _, e, _ in
                events.append(contentsOf: e)
                return true
            }
        }
        if case .splitError(let error) = outcome { events.append(.inputError(error)) }
    }

    /// Runs one command already split by the tokenizer (the frontends split lines themselves to record and
    /// report each command on its own).
    public func execute(words: CommandWords, into events: inout [Event]) {
        let start = events.count
        do { try run(words, into: &events) } catch { events.append(.inputError(error)) }
        exportLog?.record(words, events[start...])
    }

    /// Runs one command.
    func run(_ words: CommandWords, into events: inout [Event]) throws(InputError) {
        var args = Args(words: words, index: 0, command: 0)
        try run(&args, into: &events)
    }

    /// Runs the command whose words `args` holds, from its first word: `run` sets where the words after the
    /// command's name start and which command it is, and the parse reads on from there.
    ///
    /// Why the caller makes the `Args`: it is the one copy of the command's words (two retains, two releases),
    /// and `runLine` reads the words from it afterwards; a copy for the loop and another for the `Args` made here
    /// cost twice that on every command. The words are read where they are (`args.words.tokens`, never copied):
    /// `@NAME` only moves where the command's name stands.
    func run(_ args: inout Args, into events: inout [Event]) throws(InputError) {
        lastCommand = nil
        var target: SocketEntry?
        var first = 0
        // The word's first byte is its raw first byte when it is not quoted.
        if !args.words.tokens[0].quoted, args.words.raw[args.words.tokens[0].offset] == UInt8(ascii: "@") {
            let name = args.words.tokens[0].handleAfterAt
            // A lone `@` (or `@ srv accept`, with a space) named no socket: say where the name goes, not that no
            // socket is named ''.
            if name.isEmpty {
                throw InputError("@ needs a socket's name right after it, with no space (as in @srv accept)"
                                 + handleHint(), usage: "@NAME COMMAND")
            }
            guard let e = entry(name) else {
                throw InputError("no socket named '\(name)'" + handleHint(near: name), usage: "@NAME COMMAND")
            }
            target = e
            first = 1
            guard args.words.tokens.count > 1 else {
                throw InputError("@\(name) needs a command after it", usage: "@NAME COMMAND")
            }
        }
        // The spec is read field by field from the table: copying it whole would retain every string in it.
        guard let k = CommandTable.find(args.words.tokens[first]) else {
            let name = args.words.tokens[first].text.lowercasedASCII()
            throw InputError(
                "unknown command '\(args.words.tokens[first].text.prefix(40))'" + suggestion(for: name),
                usage: "type `help` for the list of commands")
        }
        let id = commandTable[k].id
        lastCommand = id
        let viaAt = target != nil
        if target == nil, commandTable[k].needsSocket {
            guard let e = currentEntry else {
                throw InputError(
                    "no current socket: create one with `socket tcp`, or pick one with `use NAME`",
                    usage: CommandTable.all[k].usage)
            }
            target = e
        }
        args.index = first + 1
        args.command = k
        // The entry moves into the context (kept in both, it would be retained twice).
        let ctx = Context(entry: consume target, viaAt: viaAt)
        labCommandSocket(ctx.entry?.fd)
        let request = try parse(id, &args, ParseScope(ctx.entry?.socket))
        try perform(consume request, ctx, into: &events)
        if let w = wire, w.isOn { wireAfter(id, command: args.words, view: w, into: &events) }
    }

    /// The command's socket and how it was chosen.
    struct Context {
        let entry: SocketEntry?
        let viaAt: Bool
        var socket: Socket { entry!.socket }
    }

    /// Runs a parsed request: the system calls, the session's changes and the events they make.
    ///
    /// Inlined into `run`, its one caller: the call moved the request through memory and shuffled the context's
    /// and the events' arguments on every command (measured: 28 instructions per command).
    @inline(__always)
    func perform(_ q: consuming Request, _ c: Context, into ev: inout [Event]) throws(InputError) {
        // `@NAME CMD` never changes the current socket (SPEC §2): not by socket, accept or use either.
        let before = c.viaAt ? currentEntry : nil
        defer { if c.viaAt { currentHandle = before?.handle } }
        switch consume q {
        case .socket(let r): try cmdSocket(r, into: &ev)
        case .bind(let r): try cmdBind(r, c, into: &ev)
        case .listen(let backlog): try cmdListen(backlog, c, into: &ev)
        case .accept(let name): try cmdAccept(name, c, into: &ev)
        case .connect(let r): try cmdConnect(r, c, into: &ev)
        case .shutdown(let how): try cmdShutdown(how, c, into: &ev)
        case .close: try cmdClose(c, into: &ev)
        case .send(let r): try cmdSend(r, c, to: false, into: &ev)
        case .sendto(let r): try cmdSend(r, c, to: true, into: &ev)
        case .recv(let r): try cmdRecv(r, c, into: &ev)
        case .source(let r): try cmdSource(r, c, into: &ev)
        case .sink(let total): try cmdSink(total, c, into: &ev)
        case .setopt(let r): try cmdSetopt(r, c, into: &ev)
        case .getopt(let spec): try cmdGetopt(spec, c, into: &ev)
        case .explain(let r): try cmdExplain(r, into: &ev)
        case .join(let r): try cmdMembership(r, c, join: true, into: &ev)
        case .leave(let r): try cmdMembership(r, c, join: false, into: &ev)
        case .nonblock(let on): try cmdNonblock(on, c, into: &ev)
        case .poll(let ms): try cmdPoll(ms, only: c.viaAt ? c.entry : nil, into: &ev)
        case .info: try cmdInfo(c, into: &ev)
        case .list: ev.append(.table(listTable()))
        case .use(let handle): try cmdUse(handle, into: &ev)
        case .sleep(let us): try cmdSleep(us, into: &ev)
        case .wire(let r): try cmdWire(r, into: &ev)
        case .help(let topic): try cmdHelp(topic, into: &ev)
        case .sockets(let filter): try cmdSockets(filter, into: &ev)
        case .recvmsg(let r): try cmdRecvmsg(r, c, into: &ev)
        case .sendmsg(let r): try cmdSendmsg(r, c, into: &ev)
        case .select(let us): try cmdSelect(us, only: c.viaAt ? c.entry : nil, into: &ev)
        case .atmark: try cmdAtmark(c, into: &ev)
        case .export(let file): try cmdExport(file, into: &ev)
        case .host(let name): try cmdHost(name, into: &ev)
        case .link(let verb, let host): try cmdLink(verb, host, into: &ev)
        case .reboot(let host): try cmdReboot(host, into: &ev)
        case .lab: try cmdLab(into: &ev)
        case .quit, .exit:
            closeAll()
            wantsQuit = true
        }
    }

    /// The handle of a new socket: the name given with `as NAME` (checked before by `validateName`), or s<N>.
    func newHandle(_ requested: String?) throws(InputError) -> String {
        if let n = requested { return n }
        return "s\(counter + 1)"
    }

    /// Validates a name given with `as NAME` (SPEC §2).
    func validateName(_ name: String, usage: String) throws(InputError) {
        let bytes = Array(name.utf8)
        let okFirst = bytes.first.map { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95 } ?? false
        let okRest = bytes.allSatisfy {
            ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95 || ($0 >= 48 && $0 <= 57)
        }
        guard okFirst, okRest, bytes.count <= 32 else {
            throw InputError(
                "bad name '\(name.prefix(40))': use letters, digits and _, starting with a letter",
                usage: usage)
        }
        if bytes.count > 1, bytes[0] == 115, bytes.dropFirst().allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            throw InputError("'\(name)' looks like an automatic handle (s<N>): pick another name", usage: usage)
        }
        if CommandTable.spec(name.lowercased()) != nil {
            throw InputError("'\(name)' is a command name: pick another name", usage: usage)
        }
        try validateNotLabHost(name, usage: usage)
        if entry(name) != nil {
            throw InputError(
                "a socket named '\(name)' exists already: pick another name, or `@\(name) close` first",
                usage: usage)
        }
    }

    /// Registers a new socket and makes it current unless `keepCurrent`.
    func register(_ socket: Socket, handle: String, accepted: Bool, keepCurrent: Bool) -> SocketEntry {
        counter += 1
        let e = SocketEntry(handle: handle, socket: socket, accepted: accepted)
        table.insert(e)
        watch?.add(e.fd)
        if !keepCurrent { currentHandle = handle }
        return e
    }

    /// Removes a closed socket.
    func unregister(_ e: SocketEntry) {
        table.remove(e)
        watch?.remove(e.fd)
        if currentEntry === e { currentEntry = nil }
    }

    /// The open handles for an error about `name`: all of them when few, else the nearest few and the count.
    func handleHint(near name: String = "") -> String {
        if table.count == 0 { return " (no sockets yet)" }
        if table.count <= HandleTable.listedInFull { return " (open: \(handles.joined(separator: ", ")))" }
        return " (\(table.count) open; nearest: \(table.nearest(to: name).joined(separator: ", ")); `list` shows all)"
    }

    /// "did you mean ..." for a mistyped command: names within two edits, or sharing the first three letters.
    func suggestion(for name: String) -> String {
        guard !name.isEmpty, name.count <= 40 else { return "" }
        let close = CommandTable.all.map(\.name).filter {
            Session.editDistance($0, name) <= (name.count <= 3 ? 1 : 2)
                || (name.count >= 3 && $0.hasPrefix(name.prefix(3)))
        }
        return close.isEmpty ? "" : "; did you mean \(close.prefix(3).joined(separator: " or "))?"
    }

    /// Levenshtein distance of two short words.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        var row = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in 1...max(1, y.count) where !y.isEmpty {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (x[i - 1] == y[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return x.isEmpty ? y.count : row[y.count]
    }

    /// Runs a blocking call under the session's deadline. Returns the result and whether the deadline cut it.
    ///
    /// Why a signal timer and not a poll before the call: the user asked for the real blocking call
    /// (MSG_WAITALL, a blocking connect, close with linger); the executable's SIGALRM without SA_RESTART
    /// interrupts exactly it (`signals`).
    func blocking<T>(_ body: () -> T) -> (T, Bool) {
        guard let ms = settings.timeoutMs else { return (body(), false) }
        signals.armDeadline(milliseconds: ms)
        let r = body()
        signals.disarmDeadline()
        return (r, signals.deadlinePassed)
    }

    /// The text of the session timeout (`10s`).
    var timeoutText: String { Values.durationText(settings.timeoutMs ?? 0) }

    /// Turns a SysResult into a call's result, knowing whether the deadline fired.
    func result(_ r: SysResult, timedOut: Bool) -> CallResult {
        CallResult(r, deadline: timedOut ? settings.timeoutMs : nil)
    }
}

/// The words after a command name, consumed left to right; errors carry the command's usage.
///
/// It holds the command's words as they came (not a copy of the tokens: `index` starts after the name, past
/// an `@NAME` too) and the command's position, so making and dropping one per command costs two retains and two
/// releases.
struct Args {
    let words: CommandWords
    /// The next word's position in `words.tokens`.
    var index: Int
    /// The command's position in `CommandTable.all` (set by `Session.run` once it found the command's name).
    var command: Int
    /// An interface named in an option value (`join GROUP lo`), left for the run to look up (`Session.interface`).
    var interfaceName: InterfaceWord? = nil

    /// The command's usage, for its input errors: read from the table when one is made (a String kept here
    /// cost a retain and a release on every line).
    var usage: String { CommandTable.all[command].usage }
    /// The command's words, its name (and any `@NAME`) included: `index` counts in them.
    var tokens: [Token] { words.tokens }
    var isEmpty: Bool { index >= words.tokens.count }
    func peek() -> Token? { index < words.tokens.count ? words.tokens[index] : nil }
    mutating func next() -> Token? {
        guard index < words.tokens.count else { return nil }
        index += 1
        return words.tokens[index - 1]
    }

    /// The next word, or an input error naming what is missing.
    mutating func require(_ what: @autoclosure () -> String) throws(InputError) -> Token {
        guard let t = next() else { throw InputError("missing \(what())", usage: usage) }
        return t
    }

    /// An input error with this command's usage.
    func fail(_ message: String) -> InputError { InputError(message, usage: usage) }

    /// Fails when words are left over.
    func end() throws(InputError) {
        if index < words.tokens.count { throw fail("unexpected '\(words.tokens[index].text.prefix(40))'") }
    }

    /// The raw text from the current word to the end of the command, trimmed (send's DATA).
    func restBytes() -> [UInt8] {
        guard index < words.tokens.count else { return [] }
        var slice = words.raw[words.tokens[index].offset...]
        while let last = slice.last, last == 0x20 || last == 0x09 || last == 0x0d || last == 0x0a {
            slice = slice.dropLast()
        }
        return Array(slice)
    }

    /// Takes `as NAME` if it comes next.
    mutating func asName() throws(InputError) -> String? {
        guard let t = peek(), !t.quoted, t.text.lowercasedASCII() == "as" else { return nil }
        index += 1
        return try require("NAME after 'as'").text
    }
}
