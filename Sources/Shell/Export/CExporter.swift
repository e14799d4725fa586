import SocketCore

/// Writes the steps of a session as one self-contained C11 program (SPEC §3 `export c`).
///
/// The program makes the printed calls in the same order with the same arguments, and prints each call and
/// its result in the shell's own text, so its output compares line by line with the session's. Handles become
/// variables named after them; an address the session took from a handle is read back with getsockname, so
/// the program runs anywhere; source and sink become loops; comments of the lesson and the shell's notes
/// become C comments.
public struct CExporter {
    /// Where the session came from, for the head comment (`linger.transcript`, `the REPL`).
    public var source: String

    public init(source: String) { self.source = source }

    /// The program's text.
    public func render(_ log: ExportLog) -> String {
        var w = CWriter()
        if let ms = log.timeoutMs { w.timeoutSeconds = max(1, (ms + 999) / 1000) }
        w.collect(log.steps)
        for step in log.steps { w.emit(step) }
        w.closeNetlink()
        return w.program(source: source, leftOut: log.leftOut, lab: log.lab)
    }
}

/// Builds the body of `main` and remembers what it needs (variables, helpers, buffer sizes).
struct CWriter {
    var body: [String] = []
    var indent = 1
    /// Variable of each open descriptor, by number.
    var variables: [Int32: String] = [:]
    /// Handle variables in the order they first appear, declared at the top of main.
    var declared: [String] = []
    /// The variable of the open netlink socket of `sockets`, closed silently before the next command.
    var netlink: (variable: String, fd: Int32)?
    /// Headers only some programs need (`<sys/select.h>`, the sock_diag headers).
    var includes: [String] = []
    var used: Set<String> = ["report"]
    var bufferSize = 0
    var usesAlarm = false
    /// The session's --timeout in whole seconds: how long the alarm waits where the deadline cut a call short.
    var timeoutSeconds = 10
    var pendingComment: [String] = []
    var usesRet = false
    var usesN = false
    /// Options the program names, with their numbers (for headers too old to know them).
    var options: [String: Int32] = [:]
    /// The C variable of each handle.
    var identifiers: [String: String] = [:]
    /// The session's handle of each descriptor, for what poll prints.
    var handleName: [Int32: String] = [:]

    // MARK: collecting

    /// A first pass: the size of the receive buffer and whether any call was cut short by the deadline.
    mutating func collect(_ steps: [ExportStep]) {
        for case .call(let r) in steps {
            let c = r.call
            if c.syscall == .recv || c.syscall == .recvfrom, case .length(let n)? = c.args.dropFirst(2).first {
                bufferSize = max(bufferSize, n)
            }
            if case .receivedHeader(let h)? = c.args.dropFirst().first { bufferSize = max(bufferSize, h.count) }
            if CWriter.interrupted(c.result) != nil { usesAlarm = true }
        }
        for case .loop(let l) in steps where !l.sending { bufferSize = max(bufferSize, l.chunk) }
        for case .loop(let l) in steps where l.failure.flatMap({ CWriter.interrupted($0.result) }) != nil {
            usesAlarm = true
        }
    }

    // MARK: lines

    mutating func line(_ text: String) {
        body.append(text.isEmpty ? "" : String(repeating: "    ", count: indent) + text)
    }

    mutating func open(_ text: String = "{") {
        line(text)
        indent += 1
    }

    mutating func close(_ text: String = "}") {
        indent -= 1
        line(text)
    }

    /// A comment, wrapped at 100 columns.
    mutating func comment(_ lines: [String]) {
        let width = 100 - 4 * indent - 3
        var out: [String] = []
        for l in lines { out += CWriter.wrap(CWriter.commentSafe(l), width: width) }
        if out.count == 1 {
            line("/* \(out[0]) */")
        } else {
            line("/*")
            for l in out { line(l.isEmpty ? " *" : " * " + l) }
            line(" */")
        }
    }

    static func commentSafe(_ s: String) -> String {
        var t = s.replacingAll("*/", with: "* /")
        t = t.replacingAll("/*", with: "/ *")
        return t
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        if text.count <= width { return [text] }
        var lines: [String] = []
        var cur = ""
        let lead = String(text.prefix { $0 == " " })
        for word in text.split(separator: " ") {
            if !cur.isEmpty, cur.count + 1 + word.count > width {
                lines.append(cur)
                cur = lead + word
            } else {
                cur = cur.isEmpty ? lead + word : cur + " " + word
            }
        }
        if !cur.isEmpty { lines.append(cur) }
        return lines
    }

    /// The lesson's comments gathered since the last command, as one block (blank lines at its ends dropped).
    mutating func flushComments() {
        while pendingComment.first == "" { pendingComment.removeFirst() }
        while pendingComment.last == "" { pendingComment.removeLast() }
        if !pendingComment.isEmpty {
            line("")
            comment(pendingComment)
            pendingComment = []
        }
    }

    // MARK: steps

    mutating func emit(_ step: ExportStep) {
        switch step {
        case .comment(let c):
            pendingComment.append(c)
        case .command(let c):
            closeNetlink()
            let lesson = !pendingComment.filter { !$0.isEmpty }.isEmpty
            flushComments()
            if !lesson { line("") }
            line("/* > \(CWriter.commentSafe(c)) */")
        case .call(let r):
            flushComments()
            emitCall(r.call, handle: r.handle, printed: TextRenderer(style: .plain).argumentTexts(r.call))
        case .note(let n):
            comment([n])
        case .loop(let l):
            flushComments()
            emitLoop(l)
        case .byHand(let c):
            flushComments()
            var words = c.split(separator: " ")
            if words.first?.hasPrefix("@") == true { words.removeFirst() }
            let hint = words.first.flatMap { ExportLog.byHandHints[String($0).lowercasedASCII()] }
            comment(["BY HAND: `\(c)` is a step the shell did itself, with no system call of this program;",
                     "do it by hand before going on" + (hint.map { ": \($0)." } ?? ".")])
        case .shown(let what):
            closeNetlink()
            let lesson = !pendingComment.filter { !$0.isEmpty }.isEmpty
            flushComments()
            if !lesson { line("") }
            comment([what])
        case .leftOut(let why):
            flushComments()
            comment(["LEFT OUT: \(why)"])
        }
    }

    /// The C expression of a descriptor: its handle's variable, or the number for one the session never named.
    func fd(_ n: Int32) -> String { variables[n] ?? "\(n)" }

    /// A C identifier for a handle: the handle itself, unless C or this program already uses that name (then
    /// `_fd` is added, and `_` until no other handle has it). A handle used again after a close keeps its variable.
    func identifier(_ handle: String) -> String {
        if let known = identifiers[handle] { return known }
        var v = CWriter.reserved.contains(handle) ? handle + "_fd" : handle
        while identifiers.values.contains(v) { v += "_" }
        return v
    }

    static let reserved: Set<String> = [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool",
        "main", "ret", "err", "buf", "addr", "addrlen", "peer", "peerlen", "val", "len", "fds", "ts", "chunk",
        "moved", "want", "n", "k", "errno", "report", "surprises", "stdin", "stdout", "stderr", "printf", "puts",
        "socket", "bind", "listen", "accept", "connect", "shutdown", "close", "send", "sendto", "recv", "recvfrom",
        "setsockopt", "getsockopt", "getsockname", "fcntl", "poll", "nanosleep", "alarm", "signal", "sigaction",
        "memcpy", "memset", "strlen", "strerror", "htons", "ntohs", "inet_pton", "inet_ntop", "read", "write",
        "time", "exit", "abort", "index", "select", "free", "malloc", "pipe", "dup", "link", "kill", "raise",
        "sleep", "errno_name", "local_port", "print_data", "print_hex", "print_quoted", "print_sockaddr",
        "print_type", "print_revents", "print_address_out", "is_text", "valid_utf8", "tcp_state_name",
        "alarm_fired", "on_alarm", "linger", "timeval", "timespec", "pollfd", "sockaddr", "tcp_info",
    ]

    /// Registers a new descriptor under its handle.
    mutating func bind(handle: String, fd: Int32) -> String {
        let v = identifier(handle)
        identifiers[handle] = v
        variables[fd] = v
        handleName[fd] = handle
        if !declared.contains(v) { declared.append(v) }
        return v
    }

    /// Seconds of the alarm that cuts a call short as the session's was (--timeout, or Ctrl-C in the REPL, which
    /// the program cannot wait for); nil for a call that ended by itself.
    func interrupted(_ r: CallResult) -> Int? {
        r.isTimedOut ? timeoutSeconds : CWriter.interrupted(r)
    }

    static func interrupted(_ r: CallResult) -> Int? {
        switch r {
        case .timedOut: return 10
        case .failed(let e) where e.name == "EINTR": return 1
        default: return nil
        }
    }

    /// The errno the session saw: 0 for success, -1 for a call its --timeout cut short.
    static func expected(_ r: CallResult) -> String {
        switch r {
        case .value: return "0"
        case .failed(let e): return e.name == "EWOULDBLOCK" ? "EAGAIN" : e.name
        case .timedOut: return "-1"
        }
    }
}

extension CWriter {
    /// Options every Linux C library has had for long: no fallback number needed.
    static let classicOptions: Set<String> = [
        "SO_REUSEADDR", "SO_REUSEPORT", "SO_KEEPALIVE", "SO_BROADCAST", "SO_LINGER", "SO_RCVBUF", "SO_SNDBUF",
        "SO_RCVLOWAT", "SO_SNDLOWAT", "SO_RCVTIMEO", "SO_SNDTIMEO", "SO_ERROR", "SO_TYPE", "SO_OOBINLINE",
        "SO_DONTROUTE", "SO_PRIORITY", "SO_ACCEPTCONN", "SO_PROTOCOL", "SO_DOMAIN", "TCP_NODELAY", "TCP_MAXSEG",
        "TCP_CORK", "TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT", "TCP_INFO", "TCP_QUICKACK", "TCP_CONGESTION",
        "TCP_USER_TIMEOUT", "TCP_DEFER_ACCEPT", "TCP_FASTOPEN", "TCP_NOTSENT_LOWAT", "IP_TTL", "IP_TOS",
        "IP_MULTICAST_IF", "IP_MULTICAST_TTL", "IP_MULTICAST_LOOP", "IP_ADD_MEMBERSHIP", "IP_DROP_MEMBERSHIP",
        "IPV6_V6ONLY", "IPV6_UNICAST_HOPS", "IPV6_MULTICAST_IF", "IPV6_MULTICAST_HOPS", "IPV6_MULTICAST_LOOP",
        "IPV6_JOIN_GROUP", "IPV6_LEAVE_GROUP",
    ]

    /// The whole program: head comment, includes, helpers, main.
    func program(source: String, leftOut: [String], lab: String? = nil) -> String {
        var out: [String] = []
        out.append("/*")
        out.append(" * The session of \(CWriter.commentSafe(source)) as a C program,")
        out.append(" * written by sockshell's `export c`.")
        out.append(" *")
        out.append(" * It makes the same system calls in the same order, with the same arguments, and prints each")
        out.append(" * call and its result the way the shell does, so its output can be compared with the session's")
        out.append(" * line by line. Build and run it on Linux:")
        out.append(" *")
        out.append(" *     cc -std=c11 -Wall -Wextra -o lesson lesson.c && ./lesson")
        out.append(" *")
        out.append(" * It exits with 1 when a call had another outcome than in the session (it says which).")
        if let lab {
            out.append(" *")
            out.append(" * The session ran in sockshell's lab (sockshell \(lab)): its calls were made on more than one")
            out.append(" * host. This program needs two hosts (or network namespaces) wired as that lab is, and")
            out.append(" * the steps marked BY HAND (which host, the link cut or restored, a reboot) done by hand;")
            out.append(" * its addresses are the lab's (198.18.0.0/15, fd00:5c::/48). It runs only on a machine that")
            out.append(" * has one of the lab's addresses: anywhere else its packets to 198.18.0.0/15 would leave for")
            out.append(" * the real network, so it says so and stops before its first call.")
        }
        if !leftOut.isEmpty {
            out.append(" *")
            out.append(" * Left out (not in this program):")
            for l in leftOut {
                for (k, w) in CWriter.wrap(CWriter.commentSafe(l), width: 92).enumerated() {
                    out.append((k == 0 ? " *   - " : " *     ") + w)
                }
            }
        }
        out.append(" */")
        out.append(CPrelude.includes)
        out += Set(includes).sorted().map { "#include <\($0)>" }
        let extra = options.keys.filter { !CWriter.classicOptions.contains($0) }.sorted()
        if !extra.isEmpty {
            out.append("")
            out.append("/* Options newer than some C library headers: their numbers, as the kernel knows them. */")
            for name in extra {
                out += ["#ifndef \(name)", "#define \(name) \(options[name]!)", "#endif"]
            }
        }
        if bufferSize > 0 {
            out.append("")
            out.append("/* Where recv puts what it reads. */")
            out.append("static unsigned char buf[\(bufferSize)];")
        }
        var need = used
        if usesAlarm { need.insert("on_alarm") }
        var grew = true
        while grew {
            grew = false
            for h in CPrelude.helpers where need.contains(h.name) {
                for d in h.needs where !need.contains(d) {
                    need.insert(d)
                    grew = true
                }
            }
        }
        for h in CPrelude.helpers where need.contains(h.name) {
            out.append("")
            out.append(h.text.replacingAll("TIMEOUT_SECONDS", with: "\(timeoutSeconds)"))
        }
        if lab != nil {
            out.append("")
            out += CWriter.labGuard
        }
        out.append("")
        out.append("int main(void)")
        out.append("{")
        if !declared.isEmpty {
            out.append("    int " + declared.map { "\($0) = -1" }.joined(separator: ", ") + ";")
        }
        out.append(usesRet ? "    int ret, err;" : "    int err;")
        if usesN { out.append("    ssize_t n;") }
        out.append("")
        out.append("    /* As in the shell: a send on a closed connection fails with EPIPE instead of killing us. */")
        out.append("    signal(SIGPIPE, SIG_IGN);")
        if lab != nil {
            out.append("    if (!on_a_lab_host()) {")
            out.append("        fprintf(stderr, \"this program was made in sockshell's lab and addresses its hosts \"")
            out.append("                \"(198.18.0.0/15): run it on a host wired as the lab (with one of its \"")
            out.append("                \"addresses), never on a machine whose routes lead to the real network\\n\");")
            out.append("        return 2;")
            out.append("    }")
        }
        if usesAlarm {
            out.append("    /* SIGALRM without SA_RESTART: the alarm interrupts a blocking call, as --timeout did. */")
            out.append("    struct sigaction sa = { .sa_handler = on_alarm };")
            out.append("    sigaction(SIGALRM, &sa, NULL);")
        }
        out += body
        let open = declared.filter { v in variables.values.contains(v) }
        if !open.isEmpty {
            out.append("")
            out.append("    /* The end of the session: the shell closes every socket it still holds, silently. */")
            for v in open { out.append("    close(\(v));") }
        }
        if !usesRet && !usesN { out.append("    (void)err;") }
        out.append("    return surprises == 0 ? 0 : 1;")
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Every occurrence of `a` replaced by `b` (no Foundation).
    func replacingAll(_ a: String, with b: String) -> String {
        guard contains(a) else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: a) {
            out += rest[..<r.lowerBound] + b
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    /// The first range of `needle`, if any.
    func range(of needle: String) -> Range<Index>? {
        let n = needle.count
        guard n > 0, count >= n else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: n) }
            i = index(after: i)
        }
        return nil
    }
}

extension CWriter {
    /// A lab lesson's program first checks where it runs (silently, and with no descriptor left open, so the
    /// lesson's start at 3 as the session's did). Only a machine with an address in the lab's range may run it:
    /// anywhere else the packets it sends to 198.18.0.0/15 would follow the default route to the real network.
    static let labGuard: [String] = [
        "#include <ifaddrs.h>",
        "",
        "/* Whether an interface of this machine has an address of the lab (198.18.0.0/15). */",
        "static int on_a_lab_host(void)",
        "{",
        "    struct ifaddrs *all, *i;",
        "    int found = 0;",
        "    if (getifaddrs(&all) != 0)",
        "        return 0;",
        "    for (i = all; i != NULL && !found; i = i->ifa_next) {",
        "        if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET)",
        "            continue;",
        "        unsigned long a = ntohl(((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr);",
        "        found = (a >> 17) == (0xc6120000UL >> 17); /* 198.18.0.0/15 */",
        "    }",
        "    freeifaddrs(all);",
        "    return found;",
        "}",
    ]
}
