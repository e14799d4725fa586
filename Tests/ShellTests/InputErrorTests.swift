// Bad input never crashes the shell: each mistake is one InputError event with a message and the usage.

import Shell
import Testing

@Suite("Input errors")
struct InputErrorTests {
    /// Lines that must give an input error, with words the message must hold. Each runs after
    /// `socket tcp as t` unless it starts with `!`.
    static let cases: [(String, String)] = [
        ("frobnicate", "unknown command"), ("SOCKETZ tcp", "unknown command"),
        ("!bind 127.0.0.1:0", "no current socket"), ("!recv", "no current socket"), ("!info", "no current socket"),
        ("!@nobody info", "no socket named"), ("@nobody info", "no socket named"), ("@t", "needs a command"),
        ("use nobody", "no socket named"), ("connect nobody", "bad address"),
        ("socket", "missing"), ("socket sctp", "unknown socket kind"), ("socket tcp 7", "unexpected"),
        ("bind", "missing ADDR"), ("bind 127.0.0.1:65536", "bad port"), ("bind 127.0.0.1:-5", "bad port"),
        ("bind 127.0.0.1:http", "bad port"), ("bind 300.1.1.1:80", "cannot resolve"), ("bind [::1", "bad address"),
        ("bind a b", "unexpected"), ("connect", "missing ADDR"),
        ("bind /tmp/" + String(repeating: "p", count: 110), "too long"),
        ("connect unix:/" + String(repeating: "q", count: 107), "too long"),
        ("listen -1", "bad BACKLOG"), ("listen 99999999999", "bad BACKLOG"), ("listen x", "bad BACKLOG"),
        ("accept now", "unexpected"), ("accept as", "missing NAME"),
        ("send", "missing DATA"), ("send hex 6", "bad hex"), ("send hex zz", "bad hex"),
        ("send \"abc", "unterminated"), ("send \"\\q\"", "bad escape"),
        ("sendto", "missing ADDR"), ("sendto 127.0.0.1:9", "missing DATA"), ("sendto 127.0.0.1:99999 x", "bad port"),
        ("recv bogus", "bad N or flag"), ("recv 5 6", "N given twice"), ("recv 5 peeek", "bad flag"), ("recv -1", "bad N"),
        ("recv 99999999999999999999", "bad N"), ("recv 5Q", "bad N"),
        ("shutdown", "missing"), ("shutdown sideways", "bad direction"), ("close now", "unexpected"),
        ("setopt", "missing OPTION"), ("setopt SO_BOGUS 1", "unknown option"), ("setopt SO_RCVBUF", "missing"),
        ("setopt SO_RCVBUF 99999999999", "SO_RCVBUF takes"), ("setopt SO_RCVBUF lots", "SO_RCVBUF takes"),
        ("setopt SO_RCVBUF 8G", "SO_RCVBUF takes"), ("setopt ttl 1.5", "IP_TTL takes"),
        ("setopt nodelay maybe", "on or off"), ("setopt linger on", "SECONDS"), ("setopt linger on x", "SO_LINGER takes"),
        ("setopt linger sometimes", "SO_LINGER takes"), ("setopt rcvtimeo 5x", "duration"),
        ("setopt rcvtimeo -1", "duration"), ("setopt congestion abcdefghijklmnopq", "1-15"),
        ("setopt SO_KEEPALIVE on extra", "unexpected"), ("setopt multicast_if nosuchif0", "no interface"),
        ("getopt bogus", "unknown option"), ("getopt SO_RCVBUF extra", "unexpected"),
        ("nonblock", "missing"), ("nonblock maybe", "on or off"), ("poll 5", "TIMEOUT"), ("poll soon", "TIMEOUT"),
        ("sleep", "missing"), ("sleep 5", "unit"), ("info extra", "unexpected"), ("list extra", "unexpected"),
        ("help frob", "no command"), ("quit now", "unexpected"),
    ]

    @Test("each bad line gives one input error, with the usage, and the session goes on",
          arguments: cases.map { $0.0 })
    func inputError(_ line: String) throws {
        let words = try #require(Self.cases.first { $0.0 == line }).1
        let sh = TestShell()
        var text = line
        if text.hasPrefix("!") { text.removeFirst() } else { sh.run("socket tcp as t") }
        let before = sh.session.handles
        let e = try #require(sh.inputError(text))
        #expect(e.message.contains(words), "`\(text)`: \(e.message)")
        #expect(e.usage?.isEmpty == false || text.hasPrefix("send \""), "`\(text)` has a usage")
        #expect(sh.session.handles == before, "a bad line changes no socket")
        // The session still works.
        expectLine(sh.run("socket udp as after"), "after = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = *")
    }

    @Test("unknown command, handle and option messages help the user")
    func hints() {
        let sh = TestShell()
        #expect(sh.inputError("frob")?.usage?.contains("help") == true)
        #expect(sh.inputError("@x info")?.message.contains("no sockets yet") == true)
        sh.run("socket tcp as t")
        #expect(sh.inputError("setopt lingr on 1")?.message.contains("SO_LINGER") == true)
        #expect(sh.inputError("connect t2")?.message.contains("t") == true)
        // A lone `@`, or a space after it: the message says where the name goes (it said "no socket named ''").
        for line in ["@", "@ info", "@ t info"] {
            #expect(sh.inputError(line)?.message
                == "@ needs a socket's name right after it, with no space (as in @srv accept) (open: t)", "\(line)")
        }
    }

    @Test("no line, however odd, crashes the session", arguments: [
        "@", "@@", "@ ", ";", "\"", "'", "\\", "#", "send \"\\", "recv 0", "recv 0 peek", "setopt linger 0 0",
        "socket tcp as \u{00e9}", "bind unix:", "bind :", "bind []:1", "sendto [::1]:1 x", "join", "leave 1.2.3.4 x y",
        String(repeating: "x", count: 5000), "send " + String(repeating: "\\x00", count: 300),
        "connect 127.0.0.1:1; connect 127.0.0.1:1", "getopt TCP_INFO", "setopt TCP_MAXSEG 0", "setopt IP_TTL 0",
        "setopt IP_TTL 300", "setopt SO_LINGER on -1", "setopt SO_RCVBUF -1", "recv waitall dontwait 0",
    ])
    func noCrash(_ line: String) {
        let sh = TestShell()
        sh.run("socket tcp as t")
        _ = sh.events(line)
        _ = sh.events("@t \(line)")
        expectLine(sh.run("socket udp as after"), "after = socket(*) = *")
    }
}
