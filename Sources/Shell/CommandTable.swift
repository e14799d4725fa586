import SocketCore

/// What an argument position expects, for completion and help.
public enum ArgKind: Sendable, Equatable {
    case keywords([String])
    case address
    case handle
    case option
    case optionValue
    case size
    case duration
    case data
    case command
    case group
    case interface
}

/// Every command of the shell, by name; the session dispatches on it.
public enum CommandID: String, Sendable, CaseIterable {
    case socket, bind, listen, accept, connect, shutdown, close, send, sendto, recv, source, sink, setopt, getopt
    case explain, join, leave, nonblock, poll, info, list, use, sleep, help, quit, exit
    case sockets, recvmsg, sendmsg, select, atmark
    case export
    case host, link, reboot, lab
    case wire

    /// Whether the command can wait on a peer or on time: a batching frontend flushes its output after it, so a
    /// peer (or a person) watching the output never waits on a buffer.
    public var mayBlock: Bool {
        switch self {
        // bind too: on a datagram socket it is what listen is on a stream, and a script that binds and then
        // sinks must show its port before it waits (bench/run's UDP row reads it).
        case .accept, .connect, .recv, .send, .sendto, .sleep, .poll, .sink, .source, .close, .shutdown, .quit,
             .exit, .listen, .bind, .recvmsg, .sendmsg, .select, .link, .reboot:
            return true
        case .socket, .setopt, .getopt, .explain, .join, .leave, .nonblock, .info, .list, .use, .help,
             .sockets, .atmark, .host, .lab:
            return false
        case .export: return false
        case .wire:
            return true
        }
    }
}

/// One command of the shell: the single source for parsing checks, `help`, completion and the man-page test.
///
/// What a command *is* lives here (name, group, usage, argument kinds: what the parser, its errors and completion
/// need); what help *says* about it (summary, details, example) lives in notes/en/help and notes/ko/help, one file
/// per command per language, compiled in by the notes generator.
public struct CommandSpec: Sendable {
    public let id: CommandID
    public var name: String { id.rawValue }
    public let group: String
    /// The syntax, shown by `help COMMAND` and after an input error.
    public let usage: String
    /// The English one-line summary (notes/en/help/COMMAND.md).
    public var summary: String { CommandHelpCatalog.text(name, korean: false).summary }
    /// The English details, or "" (notes/en/help/COMMAND.md).
    public var details: String { CommandHelpCatalog.text(name, korean: false).details ?? "" }
    /// A command line that shows the command, the same in every language (notes/en/help/COMMAND.md).
    public var example: String { CommandHelpCatalog.all[name]?.example ?? "" }
    /// Whether the command works on a socket (current, or `@NAME`).
    public let needsSocket: Bool
    /// Words that may follow, for completion (any position).
    public let args: [ArgKind]
}

/// The one table of commands (SPEC §3).
public enum CommandTable {
    static let recvFlags = ["peek", "waitall", "oob", "dontwait", "trunc"]
    static let sendFlags = ["oob", "dontwait", "more", "nosignal"]

    private static func c(_ id: CommandID, _ group: String, _ usage: String, socket: Bool = true,
                          _ args: [ArgKind] = []) -> CommandSpec {
        CommandSpec(id: id, group: group, usage: usage, needsSocket: socket, args: args)
    }

    /// Every command, in help order.
    public static let all: [CommandSpec] = [
        c(.socket, "Sockets", "socket tcp|udp [4|6] [as NAME]  |  socket unix [stream|dgram] [as NAME]", socket: false,
          [.keywords(["tcp", "udp", "unix", "4", "6", "stream", "dgram", "as"])]),
        c(.bind, "Sockets", "bind ADDR", [.address]),
        c(.listen, "Sockets", "listen [BACKLOG]", [.size]),
        c(.accept, "Sockets", "accept [as NAME]", [.keywords(["as"])]),
        c(.connect, "Sockets", "connect ADDR", [.address]),
        c(.shutdown, "Sockets", "shutdown rd|wr|rdwr", [.keywords(["rd", "wr", "rdwr"])]),
        c(.close, "Sockets", "close"),
        c(.send, "Data", "send [oob|dontwait|more|nosignal...] DATA", [.keywords(sendFlags + ["hex"]), .data]),
        c(.sendto, "Data", "sendto ADDR [FLAG...] DATA", [.address, .keywords(sendFlags + ["hex"]), .data]),
        c(.recv, "Data", "recv [N] [peek|waitall|oob|dontwait|trunc...]", [.keywords(recvFlags), .size]),
        c(.recvmsg, "Data", "recvmsg [N] [peek|waitall|oob|dontwait|trunc|errqueue...]",
          [.keywords(recvFlags + ["errqueue"]), .size]),
        c(.sendmsg, "Data", "sendmsg [ADDR] [ttl N] [from IP] [FLAG...] DATA",
          [.address, .keywords(["ttl", "from"] + sendFlags + ["hex"]), .data]),
        c(.source, "Data", "source BYTES [SIZE]", [.size]),
        c(.sink, "Data", "sink [BYTES]", [.size]),
        c(.setopt, "Options", "setopt OPTION VALUE...", [.option, .optionValue]),
        c(.getopt, "Options", "getopt [OPTION]", [.option]),
        c(.explain, "Options", "explain [--lang ko] [OPTION]", socket: false, [.keywords(["--lang"]), .option]),
        c(.join, "Multicast", "join GROUP [IFACE]", [.group, .interface]),
        c(.leave, "Multicast", "leave GROUP [IFACE]", [.group, .interface]),
        c(.nonblock, "Inspect", "nonblock on|off", [.keywords(["on", "off"])]),
        c(.poll, "Inspect", "poll [TIMEOUT]", socket: false, [.duration]),
        c(.select, "Inspect", "select [TIMEOUT]", socket: false, [.duration]),
        c(.atmark, "Inspect", "atmark"),
        c(.sockets, "Inspect", "sockets [FILTER...]", socket: false,
          [.keywords(["tcp", "udp", "unix", "listen", "established", "time_wait", "close_wait", "unconn"]), .handle]),
        c(.info, "Inspect", "info"),
        c(.list, "Inspect", "list", socket: false),
        c(.use, "Inspect", "use NAME", socket: false, [.handle]),
        c(.host, "Lab", "host [NAME]", socket: false, [.keywords(["a", "b", "r"])]),
        c(.link, "Lab", "link cut|restore [HOST]", socket: false, [.keywords(["cut", "restore", "a", "b", "r"])]),
        c(.reboot, "Lab", "reboot HOST", socket: false, [.keywords(["a", "b", "r"])]),
        c(.lab, "Lab", "lab", socket: false),
        c(.wire, "Inspect", "wire on [FILTER]  |  wire off  |  wire save FILE  |  wire ladder [ascii|unicode]",
          socket: false, [.keywords(["on", "off", "save", "ladder", "ascii", "unicode"])]),
        c(.sleep, "Session", "sleep DUR", socket: false, [.duration]),
        c(.help, "Session", "help [COMMAND]", socket: false, [.command]),
        c(.quit, "Session", "quit", socket: false),
        c(.exit, "Session", "exit", socket: false),
        c(.export, "Session", "export c FILE", socket: false, [.keywords(["c"])]),
    ]

    /// Command names in any case: positions in `all`.
    private static let byName = NameIndex(all.map(\.name))

    /// The position in `all` of a command name (any case), or nil.
    public static func find(_ name: String) -> Int? { byName.find(name) }

    /// `find` of a command's word, read from its bytes (no String is made for it): the session's lookup for every
    /// command.
    @inline(__always)
    public static func find(_ word: Token) -> Int? { word.withBytes { byName.find($0) } }

    /// The spec of a command name (any case), or nil.
    public static func spec(_ name: String) -> CommandSpec? { byName.find(name).map { all[$0] } }

    /// Groups in help order.
    public static let groups = ["Sockets", "Data", "Options", "Multicast", "Inspect", "Lab", "Session"]
}
