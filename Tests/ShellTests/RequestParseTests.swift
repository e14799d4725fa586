// Every command's pure parse (`Session.parse`, line → request): it makes no system call, it gives exactly the
// input error running the command gives, and every command has one.

import Glibc
import Testing

@testable import Shell
@testable import SocketCore

/// A session with one socket of each kind: `srv` (a TCP listener on loopback), `cli` (TCP, current), `u` (UDP),
/// `u6` (UDP over IPv6), `ux` (AF_UNIX datagram); it keeps an export log, so `export c FILE` parses.
private func sessionWithSockets() -> Session {
    let s = Session(settings: SessionSettings(timeoutMs: 2000))
    s.exportLog = ExportLog()
    let events = s.execute("socket tcp as srv; bind 127.0.0.1:0; listen; socket udp as u; socket udp 6 as u6; "
        + "socket unix dgram as ux; socket tcp as cli")
    #expect(!events.contains { if case .inputError = $0 { true } else { false } })
    return s
}

/// Parses one command (`@NAME CMD` too) as `Session.run` would before running it: the same socket, the same
/// usage; nothing runs.
private func parse(_ s: Session, _ line: String) throws(InputError) -> Request {
    let words = try Tokenizer.split(line)[0]
    var first = 0
    var target = s.current.flatMap { s.entry($0) }
    if words.tokens[0].text.hasPrefix("@") {
        target = s.entry(String(words.tokens[0].text.dropFirst()))
        first = 1
    }
    guard let k = CommandTable.find(words.tokens[first].text) else { throw InputError("no command in '\(line)'") }
    var a = Args(words: words, index: first + 1, command: k)
    return try s.parse(CommandTable.all[k].id, &a, ParseScope(target?.socket))
}

/// Runs `body` with every call of the seam forced to fail once, and returns the calls it made (names whose
/// forced outcome was used).
private func seamCalls(_ body: () -> Void) -> [SyscallName] {
    for name in SyscallName.allCases { SyscallOverrides.force(name, .fail(EPERM)) }
    defer { SyscallOverrides.reset() }
    body()
    return SyscallName.allCases.filter { SyscallOverrides.table.queued[$0]?.count != 1 }
}

/// Inputs that parse, by command: with `sessionWithSockets`, current socket `cli`.
private let goodInputs: [CommandID: [String]] = [
    .socket: ["socket tcp", "socket udp 6 as x6", "socket unix dgram as ux2"],
    // A handle, a host name and an interface name after `%` are left to the run (getsockname, getaddrinfo,
    // if_nametoindex).
    .bind: ["bind 127.0.0.1:0", "bind srv", "bind localhost:0", "bind [::1%lo]:0", "bind :0"],
    .listen: ["listen", "listen 16"],
    .accept: ["accept", "@srv accept as conn2"],
    .connect: ["connect srv", "connect 127.0.0.1:9", "@ux connect unix:@sockshell-parse-test"],
    .shutdown: ["shutdown wr", "shutdown SHUT_RDWR"],
    .close: ["close"],
    .send: ["send hello there", "send oob X", "send hex 68 69", "send \"a\\r\\n\"", "send a \"b\" c"],
    .sendto: ["@u sendto 127.0.0.1:9 hi", "@u sendto u dontwait hi", "@u6 sendto [::1]:9 hex 00"],
    .recv: ["recv", "recv 5 peek", "recv MSG_WAITALL 1K", "recv 32M"],
    .source: ["source 1M", "@u source 10K 512"],
    .sink: ["sink", "sink 1M"],
    .setopt: ["setopt SO_LINGER on 5", "setopt so_rcvbuf 64K", "@u setopt IP_MULTICAST_IF lo",
              "@u setopt IP_MULTICAST_IF 127.0.0.1", "@u6 setopt IPV6_MULTICAST_IF lo",
              "@u setopt IP_ADD_MEMBERSHIP 239.1.1.1 lo"],
    .getopt: ["getopt", "getopt SO_RCVBUF", "getopt TCP_INFO"],
    .explain: ["explain", "explain SO_LINGER", "explain --lang ko linger"],
    .join: ["@u join 239.1.1.1", "@u join 239.1.1.1 lo", "@u6 join ff05::1:3 lo", "@u6 join ff05::1:3 1"],
    .leave: ["@u leave 239.1.1.1", "@u leave 239.1.1.1 127.0.0.1"],
    .nonblock: ["nonblock on", "nonblock off"],
    .poll: ["poll", "poll 1s", "@u poll 0"],
    .info: ["info"],
    .list: ["list"],
    .use: ["use srv"],
    .sleep: ["sleep 250ms", "sleep 0"],
    .wire: ["wire on", "wire on tcp port 80", "wire off", "wire save /tmp/never-written.pcap", "wire ladder ascii"],
    .help: ["help", "help recv", "help @srv"],
    .sockets: ["sockets", "sockets time_wait", "sockets srv", "sockets ux", "sockets tcp 4 5000"],
    .recvmsg: ["@u recvmsg", "@u recvmsg 100 peek errqueue", "@u recvmsg MSG_TRUNC"],
    .sendmsg: ["@u sendmsg 127.0.0.1:9 ttl 5 from 127.0.0.1 hi", "@u6 sendmsg [::1]:9 from ::1 hi", "@u sendmsg u hi",
               "sendmsg hello"],
    .select: ["select", "select 1s"],
    .atmark: ["atmark"],
    .export: ["export c /tmp/never-written.c"],
    .quit: ["quit"],
    .exit: ["exit"],
]

/// Commands that need the lab: outside it, their parse refuses them (as running them does).
private let labOnly: [CommandID: String] = [.host: "host b", .link: "link cut b", .reboot: "reboot b", .lab: "lab"]

/// Inputs the parse refuses: each with the error running the command gives.
private let badInputs = [
    "socket", "socket sctp", "socket tcp 7 as", "socket tcp as s5", "socket tcp as srv", "socket tcp as help",
    "bind", "bind 1.2.3.4:99999", "bind nonsense", "bind 127.0.0.1:0 extra", "bind /" + String(repeating: "p", count: 120),
    "listen -1", "listen many", "listen 1 2", "accept as", "accept as 9lives", "accept as cli", "connect",
    "shutdown", "shutdown sideways", "shutdown wr rd", "close now", "send", "send MSG_BOGUS x", "send hex 6",
    "send hex zz", "send oob", "sendto", "@u sendto 127.0.0.1:x hi", "@u sendto 127.0.0.1:9", "@u sendto nowhere hi",
    "recv 5 5", "recv MSG_FOO", "recv peek junk", "recv junk", "source", "source 0", "source 1M 0", "source 1M 32M",
    "source 1M 1K x", "sink 0", "sink 1M x", "setopt", "setopt SO_NOPE 1", "setopt SO_LINGER maybe",
    "setopt SO_RCVBUF", "setopt SO_RCVBUF 1 2", "setopt TCP_NODELAY perhaps", "getopt IP_ADD_MEMBERSHIP",
    "getopt SO_RCVBUF x", "getopt SO_NOPE", "explain --lang fr", "explain --lang", "explain SO_NOPE",
    "explain SO_LINGER x", "@u join 999.1.1.1", "@u join", "@ux join 239.1.1.1", "@u join 239.1.1.1 lo extra",
    "@u6 join 239.1.1.1", "@u leave", "nonblock", "nonblock maybe", "nonblock on off", "poll -1s", "poll 5",
    "poll 1s 2s", "info x", "list x", "use", "use nobody", "use srv cli", "sleep", "sleep 5", "sleep 2d",
    "sleep 1s 2s", "wire", "wire sideways", "wire off now", "wire save", "wire save a b", "wire ladder wide",
    "wire ladder ascii x", "help nosuchcommand", "help recv send", "sockets 0", "sockets 70000", "sockets nonsense",
    "@u recvmsg 5 5", "@u recvmsg MSG_BOGUS", "@u recvmsg junk", "@u sendmsg ttl 300 hi",
    "@u sendmsg ttl", "@u sendmsg from nowhere hi", "@ux sendmsg ttl 5 hi", "@u6 sendmsg from 1.2.3.4 hi",
    "@u sendmsg 127.0.0.1:9", "select 3", "select -1s", "atmark now", "export", "export py x", "export c",
    "export c a b", "host b", "link cut", "reboot b", "lab", "quit now", "exit 1",
]

@Suite("commands: a pure parse (line -> request) apart from the run (request -> events)")
struct RequestParseTests {
    @Test("every command has a parse: each CommandID's inputs parse to a request of that command")
    func everyCommandHasAParse() throws {
        let s = sessionWithSockets()
        defer { s.closeAll() }
        for id in CommandID.allCases {
            if let line = labOnly[id] {
                #expect(throws: InputError.self) { _ = try parse(s, line) }
                continue
            }
            let inputs = goodInputs[id] ?? []
            #expect(!inputs.isEmpty, "no input for \(id)")
            for line in inputs {
                do throws(InputError) {
                    #expect(try parse(s, line).id == id, "\(line)")
                } catch {
                    Issue.record("\(line): \(error.message)")
                }
            }
        }
    }

    @Test("the parse makes no system call: every call of the seam forced, none used, for good and bad inputs")
    func parseMakesNoSystemCall() {
        let s = sessionWithSockets()
        defer { s.closeAll() }
        let lines = goodInputs.values.flatMap { $0 } + badInputs + Array(labOnly.values)
        for line in lines {
            let calls = seamCalls { _ = try? parse(s, line) }
            #expect(calls.isEmpty, "\(line): the parse called \(calls)")
        }
        // The harness sees a call when one is made: the run's setsockopt, after the parse of the same line.
        #expect(seamCalls { _ = Sys.if_nametoindex("lo") } == [.if_nametoindex])
        #expect(seamCalls { _ = s.execute("@u join 239.1.1.1 127.0.0.1") } == [.setsockopt])
    }

    @Test("a parse error is exactly the error running the command gives: message, usage, first of several")
    func parseErrorsAreTheRunsErrors() {
        for line in badInputs + Array(labOnly.values) {
            // A fresh session each: a parse that wrongly passed could run and change the next line's state.
            let s = sessionWithSockets()
            defer { s.closeAll() }
            let parsed: InputError?
            do throws(InputError) { _ = try parse(s, line); parsed = nil } catch { parsed = error }
            guard let parsed else {
                Issue.record("\(line): parsed, but it is an input error")
                continue
            }
            guard case .inputError(let ran)? = s.execute(line).last else {
                Issue.record("\(line): running it gave no input error")
                continue
            }
            #expect(parsed == ran, "\(line)")
            #expect(parsed.usage != nil, "\(line): no usage")
        }
    }

    @Test("what needs a call is left to the run: a handle's address, an unknown interface's error")
    func lookupsAreTheRuns() throws {
        let s = sessionWithSockets()
        defer { s.closeAll() }
        guard case .connect(let w) = try parse(s, "connect srv"), case .handle = w.form else {
            Issue.record("connect srv: not a handle left to the run")
            return
        }
        guard case .bind(let h) = try parse(s, "bind localhost:0"), case .lookup = h.form else {
            Issue.record("bind localhost:0: not a lookup left to the run")
            return
        }
        guard case .join(let q) = try parse(s, "@u join 239.1.1.1 nosuchif0") else {
            Issue.record("join: not parsed")
            return
        }
        #expect(q.interface?.name == "nosuchif0")
        // The run gives the error the command always gave for it.
        #expect(s.execute("@u join 239.1.1.1 nosuchif0").last
            == .inputError(InputError("no interface 'nosuchif0': give an address or a name such as lo",
                                      usage: "join GROUP [IFACE]")))
        #expect(s.execute("@u6 join ff05::1:3 nosuchif0").last
            == .inputError(InputError("no interface 'nosuchif0': give a name such as lo or an index",
                                      usage: "join GROUP [IFACE]")))
    }
}
