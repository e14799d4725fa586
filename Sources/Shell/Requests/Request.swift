import SocketCore

/// One command as its words asked for it: what the parse read (line → request) and the run carries out
/// (request → events).
///
/// Why a parse apart from the run: the parse is pure — it reads the words and, read-only, the session (which
/// handles exist, the command socket's family and type) and makes no system call — so the fuzz hooks, completion
/// and tests can call it as it is instead of re-deriving each command's syntax; everything after it, the calls
/// and what they change, is the run (`Session.perform`). An input error the run can still find (a host name
/// that does not resolve, a file that cannot be written) comes after every error of the parse, as it always did.
enum Request {
    case socket(SocketRequest)
    case bind(AddressWord)
    case listen(backlog: Int32)
    case accept(name: String?)
    case connect(AddressWord)
    case shutdown(how: Int32)
    case close
    case send(SendRequest)
    case sendto(SendRequest)
    case recv(ReceiveRequest)
    case source(SourceRequest)
    case sink(total: Int)
    case setopt(OptionRequest)
    /// nil: every option that applies, as a table.
    case getopt(OptionSpec?)
    case explain(ExplainRequest)
    case join(OptionRequest)
    case leave(OptionRequest)
    case nonblock(on: Bool)
    case poll(ms: Int)
    case info
    case list
    case use(handle: String)
    case sleep(us: Int)
    case wire(WireRequest)
    /// nil: the overview.
    case help(HelpTopic?)
    case sockets(Session.SocketTableFilter)
    case recvmsg(ReceiveRequest)
    case sendmsg(SendMessageRequest)
    case select(us: Int)
    case atmark
    case export(file: Token)
    /// nil: say which host new sockets are made on.
    case host(String?)
    /// The verb, `cut` or `restore`, and the host (nil: every link).
    case link(verb: String, host: String?)
    case reboot(host: String)
    case lab
    case quit
    case exit

    /// The command this request is of.
    var id: CommandID {
        switch self {
        case .socket: .socket
        case .bind: .bind
        case .listen: .listen
        case .accept: .accept
        case .connect: .connect
        case .shutdown: .shutdown
        case .close: .close
        case .send: .send
        case .sendto: .sendto
        case .recv: .recv
        case .source: .source
        case .sink: .sink
        case .setopt: .setopt
        case .getopt: .getopt
        case .explain: .explain
        case .join: .join
        case .leave: .leave
        case .nonblock: .nonblock
        case .poll: .poll
        case .info: .info
        case .list: .list
        case .use: .use
        case .sleep: .sleep
        case .wire: .wire
        case .help: .help
        case .sockets: .sockets
        case .recvmsg: .recvmsg
        case .sendmsg: .sendmsg
        case .select: .select
        case .atmark: .atmark
        case .export: .export
        case .host: .host
        case .link: .link
        case .reboot: .reboot
        case .lab: .lab
        case .quit: .quit
        case .exit: .exit
        }
    }
}

/// What a parse may know of the command's socket: its family and type (fixed when it was made), nothing that
/// takes a call to learn. Without a socket (`socket`, `help`, ...): AF_INET stream, as option names resolve then.
struct ParseScope {
    var family: Int32
    var type: Int32

    init(family: Int32 = Platform.afInet, type: Int32 = Platform.sockStream) {
        self.family = family
        self.type = type
    }

    init(_ socket: Socket?) {
        self.init(family: socket?.family ?? Platform.afInet, type: socket?.type ?? Platform.sockStream)
    }

    var isDatagram: Bool { type == Platform.sockDgram }
}

/// An address word, parsed as far as it goes without a system call (`Session.parseAddress`); the run
/// resolves the rest (`Session.address(_:for:)`).
struct AddressWord {
    enum Form {
        /// Parsed: a numeric address, a path, a lab host's address.
        case address(SocketAddress)
        /// A handle: its socket's local address, read by the run (getsockname).
        case handle
        /// A host name or an interface name after `%`: looked up by the run (getaddrinfo, if_nametoindex).
        case lookup
    }

    let token: Token
    let form: Form
    /// The command's usage, for an error the run finds.
    let usage: String
}

/// The usage of a command, for the input errors its run can still find (a file that cannot be written): the
/// run has no words left to read, only the usage to show with such an error.
struct RunUsage {
    let id: CommandID

    init(_ id: CommandID) { self.id = id }

    /// Looked up when asked (an error, `wire on`): a setopt run builds one every time.
    var usage: String { CommandTable.all.first { $0.id == id }?.usage ?? id.rawValue }

    /// An input error with this command's usage.
    func fail(_ message: String) -> InputError { InputError(message, usage: usage) }
}
