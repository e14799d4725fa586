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
public struct CommandSpec: Sendable {
    public let id: CommandID
    public var name: String { id.rawValue }
    public let group: String
    public let usage: String
    public let summary: String
    public let details: String
    public let example: String
    /// Whether the command works on a socket (current, or `@NAME`).
    public let needsSocket: Bool
    /// Words that may follow, for completion (any position).
    public let args: [ArgKind]
}

/// The one table of commands (SPEC §3).
public enum CommandTable {
    static let recvFlags = ["peek", "waitall", "oob", "dontwait", "trunc"]
    static let sendFlags = ["oob", "dontwait", "more", "nosignal"]

    private static func c(_ id: CommandID, _ group: String, _ usage: String, _ summary: String, _ details: String,
                          _ example: String, socket: Bool = true, _ args: [ArgKind] = []) -> CommandSpec {
        CommandSpec(id: id, group: group, usage: usage, summary: summary, details: details, example: example,
                    needsSocket: socket, args: args)
    }

    /// Every command, in help order.
    public static let all: [CommandSpec] = [
        c(.socket, "Sockets", "socket tcp|udp [4|6] [as NAME]  |  socket unix [stream|dgram] [as NAME]",
          "create a socket; it becomes the current one",
          "Calls socket(2). tcp and udp make IPv4 sockets unless 6 is given; unix makes an AF_UNIX stream "
              + "(default) or datagram socket. The handle is s<N>, or NAME with `as NAME`.",
          "socket tcp as srv", socket: false, [.keywords(["tcp", "udp", "unix", "4", "6", "stream", "dgram", "as"])]),
        c(.bind, "Sockets", "bind ADDR", "bind(2) the socket to a local address",
          "ADDR is IPv4:PORT, [IPv6]:PORT, :PORT (any address), HOST:PORT, /path or unix:/path, or a handle "
              + "(its local address). Port 0 lets the kernel choose; the chosen address is shown.",
          "bind 127.0.0.1:0", [.address]),
        c(.listen, "Sockets", "listen [BACKLOG]", "listen(2) for connections (backlog defaults to 128)",
          "Turns a bound (or unbound: the kernel picks a port) stream socket into a listener.",
          "listen 16", [.size]),
        c(.accept, "Sockets", "accept [as NAME]", "accept(2) a connection; the new socket becomes current",
          "Blocks until a connection is waiting (Ctrl-C interrupts; --timeout bounds it in scripts). Prints the "
              + "peer. With @NAME the current socket does not change.",
          "@srv accept as conn", [.keywords(["as"])]),
        c(.connect, "Sockets", "connect ADDR", "connect(2) to an address or to another socket's handle",
          "On a blocking socket waits for the handshake; on a non-blocking one returns EINPROGRESS at once (use "
              + "poll and getopt SO_ERROR to see the outcome). On UDP it sets the default peer.",
          "connect srv", [.address]),
        c(.shutdown, "Sockets", "shutdown rd|wr|rdwr", "shutdown(2) one or both directions",
          "wr sends a FIN: the peer reads EOF but can still send; rd discards what arrives later; rdwr both. "
              + "The C names (SHUT_WR) work too, in any case.",
          "shutdown wr", [.keywords(["rd", "wr", "rdwr"])]),
        c(.close, "Sockets", "close", "close(2) the socket; its handle is gone",
          "With SO_LINGER on 0 the kernel sends RST instead of FIN; with on N it waits up to N seconds for unsent "
              + "data.", "close"),
        c(.send, "Data", "send [oob|dontwait|more|nosignal...] DATA", "send(2) bytes",
          "DATA is the rest of the line as typed, or one quoted string with C escapes (\"a\\r\\n\\x00\"), or "
              + "`hex 68 69`. Leading flag words are flags (also as C names, any case: MSG_OOB); quote a flag word "
              + "to send it. No newline is added.",
          "send \"GET / HTTP/1.0\\r\\n\\r\\n\"", [.keywords(sendFlags + ["hex"]), .data]),
        c(.sendto, "Data", "sendto ADDR [FLAG...] DATA", "sendto(2) a datagram to an address or handle",
          "DATA as for send. For UDP, AF_UNIX datagram sockets, broadcast and multicast groups.",
          "sendto u2 hello", [.address, .keywords(sendFlags + ["hex"]), .data]),
        c(.recv, "Data", "recv [N] [peek|waitall|oob|dontwait|trunc...]", "recv(2) at most N bytes (default 64K)",
          "Text is shown quoted with C escapes, binary data as a hex dump; datagrams show their sender "
              + "(recvfrom). N and flags come in any order; flags also as C names, any case (MSG_PEEK). N above 16M "
              + "is capped.",
          "recv 5 peek", [.keywords(recvFlags), .size]),
        c(.recvmsg, "Data", "recvmsg [N] [peek|waitall|oob|dontwait|trunc|errqueue...]",
          "recvmsg(2): the data, msg_flags and every control message, decoded",
          "Like recv, with the whole msghdr shown as strace shows it: the sender (msg_name), msg_flags (MSG_TRUNC, "
              + "MSG_CTRUNC, MSG_OOB, MSG_EOR) and the control messages the socket asked for: IP_PKTINFO / "
              + "IPV6_PKTINFO (the destination address, e.g. the multicast group, and the interface), IP_TTL / "
              + "IPV6_HOPLIMIT (IP_RECVTTL, IPV6_RECVHOPLIMIT), SO_TIMESTAMPNS, SO_RXQ_OVFL (drops so far). "
              + "errqueue reads the error queue (MSG_ERRQUEUE): with IP_RECVERR on, the ICMP error a UDP send met.",
          "recvmsg 100", [.keywords(recvFlags + ["errqueue"]), .size]),
        c(.sendmsg, "Data", "sendmsg [ADDR] [ttl N] [from IP] [FLAG...] DATA",
          "sendmsg(2) with control messages for this datagram only",
          "ttl N sends IP_TTL (IPV6_HOPLIMIT on IPv6) for this datagram only; from IP sends IP_PKTINFO "
              + "(IPV6_PKTINFO) with IP as the source address. ADDR is needed on an unconnected socket. DATA and "
              + "FLAGs as for send.",
          "sendmsg u2 ttl 5 hello", [.address, .keywords(["ttl", "from"] + sendFlags + ["hex"]), .data]),
        c(.source, "Data", "source BYTES [SIZE]", "send BYTES in writes of SIZE (default 128K); print the rate",
          "A bulk sender to compare options (SO_SNDBUF, TCP_NODELAY, write sizes). The writes are silent; the "
              + "summary shows bytes, seconds and rate. Ctrl-C stops it with what was sent so far. The clock stops "
              + "when the last write returns, while the last bytes may still be in the buffers: compare by the "
              + "sink's figure. On a datagram socket each write is a datagram (default 1472 bytes) and the "
              + "summary counts them too.",
          "source 100M", [.size]),
        c(.sink, "Data", "sink [BYTES]", "receive until BYTES or EOF; print the rate",
          "Reads into one reused buffer until BYTES arrived or the peer closed. The clock starts when the first "
              + "bytes arrive: waiting for the sender is not counted. On a datagram socket (no EOF) it ends after "
              + "a second without a datagram, and counts the datagrams and the drops the kernel counted meanwhile.",
          "sink", [.size]),
        c(.setopt, "Options", "setopt OPTION VALUE...", "setsockopt(2)",
          "OPTION with or without prefix, any case (SO_LINGER, linger). Switches take on|off; sizes take K/M/G; "
              + "SO_LINGER takes `on SECONDS` or `off`; SO_RCVTIMEO takes a duration (5s, 250ms).",
          "setopt SO_LINGER on 5", [.option, .optionValue]),
        c(.getopt, "Options", "getopt [OPTION]", "getsockopt(2); without OPTION a table of all that apply",
          "TCP_INFO is decoded field by field.", "getopt SO_RCVBUF", [.option]),
        c(.explain, "Options", "explain [--lang ko] [OPTION]", "study notes for an option",
          "Level and C type, the Linux default, what it changes, when to set it, what you can observe, Linux "
              + "quirks, and the example that shows it.", "explain SO_LINGER", socket: false,
          [.keywords(["--lang"]), .option]),
        c(.join, "Multicast", "join GROUP [IFACE]", "IP_ADD_MEMBERSHIP (IPV6_JOIN_GROUP on IPv6)",
          "IFACE is an interface address or name; default: the kernel picks by route.",
          "join 239.1.1.1", [.group, .interface]),
        c(.leave, "Multicast", "leave GROUP [IFACE]", "IP_DROP_MEMBERSHIP (IPV6_LEAVE_GROUP on IPv6)",
          "Leaves a group joined before.", "leave 239.1.1.1", [.group, .interface]),
        c(.nonblock, "Inspect", "nonblock on|off", "set or clear O_NONBLOCK with fcntl(2)",
          "Non-blocking calls return EAGAIN (recv, accept, send) or EINPROGRESS (connect) instead of waiting.",
          "nonblock on", [.keywords(["on", "off"])]),
        c(.poll, "Inspect", "poll [TIMEOUT]", "poll(2) all sockets: readable, writable, hup, error",
          "TIMEOUT is a duration (default 0: just look). Shows each socket's readiness and queued bytes, and "
              + "a DROPS column (SK_MEMINFO_DROPS) when a datagram socket has dropped any.",
          "poll 1s", socket: false, [.duration]),
        c(.select, "Inspect", "select [TIMEOUT]", "select(2) all sockets: the read, write and except sets",
          "Each socket is put in all three fd_sets; the result is printed as strace prints it (in [...], out [...], "
              + "except [...]) with a line per socket. TIMEOUT is a duration (default 0: just look). Readable honours "
              + "SO_RCVLOWAT, except means urgent data (MSG_OOB) is waiting. Descriptors from 1024 on cannot be "
              + "watched by select (FD_SETSIZE): use poll.",
          "select 1s", socket: false, [.duration]),
        c(.atmark, "Inspect", "atmark", "ioctl(SIOCATMARK): is the next byte read the urgent mark?",
          "sockatmark(3) is this ioctl: 1 when the read position is at the urgent byte's place in the stream "
              + "(a recv stops there), 0 otherwise.", "atmark"),
        c(.sockets, "Inspect", "sockets [FILTER...]",
          "the kernel's socket table of this namespace (sock_diag), with this session's handles",
          "Reads NETLINK_SOCK_DIAG, as ss does: every TCP, UDP and AF_UNIX socket of the network namespace (of the "
              + "current lab host in the lab), also those without a descriptor (TIME_WAIT), with state, queues, "
              + "addresses and timers (timewait, keepalive, retransmit: time left). FILTER words must all hold: a "
              + "port (local or peer), a state (listen, established, time_wait, ...), a handle (the sockets on its "
              + "port; for AF_UNIX the socket and its peer), tcp, udp, unix, 4, 6.",
          "sockets time_wait", socket: false, [.keywords(["tcp", "udp", "unix", "listen", "established",
                                                         "time_wait", "close_wait", "unconn"]), .handle]),
        c(.info, "Inspect", "info", "the socket: fd, family, type, addresses, TCP state, queues",
          "The TCP state comes from TCP_INFO; the queues from SIOCINQ/SIOCOUTQ. On a UDP socket SIOCINQ is the "
              + "next datagram only: SO_MEMINFO tells the datagrams queued, the memory charged (truesize) and the "
              + "drops.", "info"),
        c(.list, "Inspect", "list", "every open socket, one line each",
          "The current socket is marked with *.", "list", socket: false),
        c(.use, "Inspect", "use NAME", "make NAME the current socket",
          "@NAME CMD runs one command on NAME without changing the current socket.", "use srv",
          socket: false, [.handle]),
        c(.host, "Lab", "host [NAME]", "create new sockets on lab host NAME (a, b; r when routed)",
          "Only with --lab or --lab-routed. The prompt shows the host: sockshell[b](s1)>. A socket stays on "
              + "the host it was made on; NAME:PORT (or [NAME]:PORT for IPv6) is a host's address.",
          "host b", socket: false, [.keywords(["a", "b", "r"])]),
        c(.link, "Lab", "link cut|restore [HOST]", "drop every packet on HOST's links (default: all), or let "
              + "them flow again",
          "A blackhole qdisc on both ends of the link: packets vanish without an error or ICMP, the link stays "
              + "up, as when a cable is cut somewhere along the way.",
          "link cut b", socket: false, [.keywords(["cut", "restore", "a", "b", "r"])]),
        c(.reboot, "Lab", "reboot HOST", "every socket on HOST vanishes silently, as if the machine restarted",
          "No FIN or RST reaches the peers; a segment that reaches HOST later for one of those connections is "
              + "answered with RST (the peer sees ECONNRESET).",
          "reboot b", socket: false, [.keywords(["a", "b", "r"])]),
        c(.lab, "Lab", "lab", "the lab: hosts, interfaces, addresses, links and faults in force",
          "The current host is marked with *.", "lab", socket: false),
        c(.wire, "Inspect", "wire on [FILTER]  |  wire off  |  wire save FILE  |  wire ladder [ascii|unicode]",
          "show the packets each call puts on the wire (libpcap)",
          "wire on captures on the session's network (loopback; every link in the lab) and shows each packet as a "
              + "`~` line after the call that caused it, and at the prompt when it comes while nobody types: TCP "
              + "flags as tcpdump writes them, seq/ack relative to the SYN, window, length, the SYN's options, "
              + "the urgent pointer; UDP with its length; ICMP by name. FILTER is a tcpdump filter (`tcp port "
              + "5000`). Bulk transfers are counted per command. wire save writes what was captured as a pcap "
              + "file (tcpdump -r, Wireshark); wire ladder draws it as a time-sequence diagram. Needs CAP_NET_RAW: "
              + "in --lab, a private namespace (unshare -U -r -n) or as root.",
          "wire on tcp", socket: false, [.keywords(["on", "off", "save", "ladder", "ascii", "unicode"])]),
        c(.sleep, "Session", "sleep DUR", "pause (250ms, 2s)", "Ctrl-C interrupts it.", "sleep 250ms",
          socket: false, [.duration]),
        c(.help, "Session", "help [COMMAND]", "list commands, or explain one", "", "help recv",
          socket: false, [.command]),
        c(.quit, "Session", "quit", "leave; every socket is closed", "Ctrl-D does the same.", "quit",
          socket: false),
        c(.exit, "Session", "exit", "leave (same as quit)", "", "exit", socket: false),
        c(.export, "Session", "export c FILE", "write the session so far as a C program",
          "A self-contained C11 program (libc only, Linux) that makes the same calls in the same order and prints "
              + "each with its result as the shell does, so its output compares line by line with the session. "
              + "Handles become variables; an address taken from a handle is read with getsockname; source and sink "
              + "become loops. What did not run (an input error) is left out and said. Outside the REPL: "
              + "sockshell --export-c OUT FILE.",
          "export c lesson.c", socket: false, [.keywords(["c"])]),
    ]

    /// Command names in any case: positions in `all`.
    private static let byName = NameIndex(all.map(\.name))

    /// The position in `all` of a command name (any case), or nil: the session's lookup for every command.
    public static func find(_ name: String) -> Int? { byName.find(name) }

    /// The spec of a command name (any case), or nil.
    public static func spec(_ name: String) -> CommandSpec? { byName.find(name).map { all[$0] } }

    /// Groups in help order.
    public static let groups = ["Sockets", "Data", "Options", "Multicast", "Inspect", "Lab", "Session"]
}
