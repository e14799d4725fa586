import SocketCore

/// The one switch from a command to its parse (the run's switch: `Session.perform`).
extension Session {
    /// The pure parse of a command's words (`a` stands after the command's name): the request, or the input
    /// error the command gives, with its message and usage, checked in the order the command always checked.
    ///
    /// Pure: it reads the words, `scope` and, read-only, the session (which handles exist, the lab's hosts,
    /// settings); it makes no system call and changes nothing. What needs a call — a handle's address, a host
    /// name's lookup — is left in the request for the run.
    func parse(_ id: CommandID, _ a: inout Args, _ scope: ParseScope) throws(InputError) -> Request {
        switch id {
        case .socket: return .socket(try parseSocket(&a))
        case .bind: return .bind(try parseAddressOnly(&a, scope))
        case .listen: return .listen(backlog: try parseListen(&a))
        case .accept: return .accept(name: try parseAccept(&a))
        case .connect: return .connect(try parseAddressOnly(&a, scope))
        case .shutdown: return .shutdown(how: try parseShutdown(&a))
        case .close: try a.end(); return .close
        case .send: return .send(try parseSend(&a, scope, to: false))
        case .sendto: return .sendto(try parseSend(&a, scope, to: true))
        case .recv: return .recv(try parseRecv(&a))
        case .source: return .source(try parseSource(&a, scope))
        case .sink: return .sink(total: try parseSink(&a))
        case .setopt: return .setopt(try parseSetopt(&a, scope))
        case .getopt: return .getopt(try parseGetopt(&a, scope))
        case .explain: return .explain(try parseExplain(&a))
        case .join: return .join(try parseMembership(&a, scope, join: true))
        case .leave: return .leave(try parseMembership(&a, scope, join: false))
        case .nonblock: return .nonblock(on: try parseNonblock(&a))
        case .poll: return .poll(ms: try parsePoll(&a))
        case .info: try a.end(); return .info
        case .list: try a.end(); return .list
        case .use: return .use(handle: try parseUse(&a))
        case .sleep: return .sleep(us: try parseSleep(&a))
        case .wire: return .wire(try parseWire(&a))
        case .help: return .help(try parseHelp(&a))
        case .sockets: return .sockets(try socketTableFilter(&a))
        case .recvmsg: return .recvmsg(try parseRecvmsg(&a))
        case .sendmsg: return .sendmsg(try parseSendmsg(&a, scope))
        case .select: return .select(us: try parseSelect(&a))
        case .atmark: try a.end(); return .atmark
        case .export: return .export(file: try parseExport(&a))
        case .host: return .host(try parseHost(&a))
        case .link:
            let (verb, host) = try parseLink(&a)
            return .link(verb: verb, host: host)
        case .reboot: return .reboot(host: try parseReboot(&a))
        case .lab:
            _ = try requireLab(a)
            try a.end()
            return .lab
        case .quit: try a.end(); return .quit
        case .exit: try a.end(); return .exit
        }
    }
}
