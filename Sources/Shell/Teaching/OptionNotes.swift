// Study notes behind `explain OPTION` (SPEC §4), in English and Korean.
// Facts checked on Linux 6.x (Debian 12) and against socket(7), tcp(7), ip(7), ipv6(7).

/// Study notes for one socket option, in one language.
///
/// Why: `explain` teaches each option the way a seasoned network programmer would: what it is, its C type,
/// the Linux default, what it changes on the wire or in the kernel, when it must be set, what can be
/// observed, the Linux quirks, and shell lines that show it. Plain data, so the text and JSON views and
/// the man-page check can all read it.
struct OptionNote: Sendable {
    /// One line: what the option is.
    var summary: String
    /// The C type of the value, e.g. `int (boolean)`, `struct linger`.
    var cType: String
    /// The Linux default and where it comes from or varies.
    var linuxDefault: String
    /// What it changes on the wire or in the kernel (2-5 sentences).
    var effect: String
    /// When it must be set, and why.
    var when: String
    /// Observable outcomes, one line each.
    var outcomes: [String]
    /// Linux quirks worth knowing.
    var quirks: [String]
    /// Two to five sockshell command lines (SPEC §3 syntax) that demonstrate it.
    var tryIt: [String]
}

/// The notes of one option in both languages, plus cross references.
///
/// Why: `explain --lang ko` must show the same facts as the English notes; keeping both side by side
/// makes a missing or diverging translation easy to spot.
struct OptionNotes: Sendable {
    /// C names of related options (each has notes of its own).
    var related: [String]
    /// The example transcript that demonstrates the option, if one does.
    var example: String?
    /// English notes.
    var en: OptionNote
    /// Korean notes.
    var ko: OptionNote
}

/// Every option's study notes.
///
/// Why: one table, keyed like `OptionCatalog`, so `explain`, completion and tests can check that every
/// known option is taught.
enum OptionNotesCatalog {
    /// Keyed by the C name, e.g. "SO_LINGER".
    static let all: [String: OptionNotes] = [
        "SO_KEEPALIVE": soKeepalive,
        "SO_LINGER": soLinger,
        "SO_RCVBUF": soRcvbuf,
        "SO_SNDBUF": soSndbuf,
        "SO_REUSEADDR": soReuseaddr,
        "SO_REUSEPORT": soReuseport,
        "SO_OOBINLINE": soOobinline,
        "SO_RCVLOWAT": soRcvlowat,
        "SO_SNDLOWAT": soSndlowat,
        "SO_DONTROUTE": soDontroute,
        "SO_BROADCAST": soBroadcast,
        "SO_RCVTIMEO": soRcvtimeo,
        "SO_SNDTIMEO": soSndtimeo,
        "SO_TYPE": soType,
        "SO_ERROR": soError,
        "SO_ACCEPTCONN": soAcceptconn,
        "SO_MEMINFO": soMeminfo,
        "TCP_NODELAY": tcpNodelay,
        "TCP_MAXSEG": tcpMaxseg,
        "TCP_KEEPIDLE": tcpKeepidle,
        "TCP_KEEPINTVL": tcpKeepintvl,
        "TCP_KEEPCNT": tcpKeepcnt,
        "TCP_SYNCNT": tcpSyncnt,
        "TCP_CORK": tcpCork,
        "TCP_QUICKACK": tcpQuickack,
        "TCP_USER_TIMEOUT": tcpUserTimeout,
        "TCP_CONGESTION": tcpCongestion,
        "TCP_INFO": tcpInfo,
        "IP_TTL": ipTtl,
        "IP_TOS": ipTos,
        "IP_MULTICAST_TTL": ipMulticastTtl,
        "IP_MULTICAST_LOOP": ipMulticastLoop,
        "IP_MULTICAST_IF": ipMulticastIf,
        "IP_MULTICAST_ALL": ipMulticastAll,
        "IP_ADD_MEMBERSHIP": ipAddMembership,
        "IP_DROP_MEMBERSHIP": ipDropMembership,
        "IPV6_V6ONLY": ipv6V6only,
        "IPV6_UNICAST_HOPS": ipv6UnicastHops,
        "IPV6_MULTICAST_HOPS": ipv6MulticastHops,
        "IPV6_MULTICAST_LOOP": ipv6MulticastLoop,
        "IPV6_MULTICAST_IF": ipv6MulticastIf,
        "IPV6_JOIN_GROUP": ipv6JoinGroup,
        "IPV6_LEAVE_GROUP": ipv6LeaveGroup,
        "IP_PKTINFO": ipPktinfo,
        "IP_RECVTTL": ipRecvttl,
        "IP_RECVERR": ipRecverr,
        "IPV6_RECVPKTINFO": ipv6Recvpktinfo,
        "IPV6_RECVHOPLIMIT": ipv6Recvhoplimit,
        "SO_TIMESTAMPNS": soTimestampns,
        "SO_RXQ_OVFL": soRxqOvfl,
    ]

    // MARK: SO_KEEPALIVE

    private static let soKeepalive = OptionNotes(
        related: ["TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT", "TCP_USER_TIMEOUT", "SO_ERROR"],
        example: "examples/keepalive.transcript",
        en: OptionNote(
            summary: "Probe an idle TCP connection now and then to find out whether the peer is still there.",
            cType: "int (boolean)",
            linuxDefault: """
                off; once on, timing from net.ipv4.tcp_keepalive_time 7200 s, tcp_keepalive_intvl 75 s, \
                tcp_keepalive_probes 9 unless TCP_KEEPIDLE/INTVL/CNT are set
                """,
            effect: """
                With keepalive on, a connection that has received nothing for TCP_KEEPIDLE seconds gets a probe: \
                an ACK segment carrying no data whose sequence number is one below what the peer expects, so a \
                live peer must answer it with an ACK. Without an answer the probe is repeated every TCP_KEEPINTVL \
                seconds, and after TCP_KEEPCNT unanswered probes the kernel aborts the connection. The peer's \
                program never sees the probes. With the system defaults a vanished peer is noticed only after \
                about 2 hours 11 minutes (7200 + 9 x 75 s).
                """,
            when: """
                Any time, before or after connect; the idle time counts from the last segment received. Set on a \
                listener, it is inherited by every accepted socket. Lower TCP_KEEPIDLE, TCP_KEEPINTVL and \
                TCP_KEEPCNT too, or the first probe waits two hours.
                """,
            outcomes: [
                """
                    The peer answers with an ACK: the connection is alive, the next probe comes after another \
                    idle time but not sooner than TCP_KEEPINTVL after this one, and the program notices nothing.
                    """,
                """
                    The peer answers with RST (its host rebooted and forgot the connection): the connection is \
                    dropped and the next recv or send fails with ECONNRESET.
                    """,
                """
                    Silence (host gone, cable cut): after TCP_KEEPCNT unanswered probes a blocked recv returns -1 \
                    ETIMEDOUT; poll shows error and hup.
                    """,
                """
                    An ICMP error came back meanwhile (host unreachable): that error, e.g. EHOSTUNREACH, is \
                    reported instead of ETIMEDOUT.
                    """,
            ],
            quirks: [
                "Off by default, and the defaults are long: two hours of silence, then 9 probes 75 s apart.",
                """
                    The probe carries no new data, so the peer's byte counts and its program are unaffected; only \
                    a packet capture (tcpdump -i lo) shows it.
                    """,
                """
                    TCP_USER_TIMEOUT, when set, overrides TCP_KEEPCNT: the connection is dropped once probes have \
                    gone unanswered for that many milliseconds.
                    """,
                "Accepted on UDP sockets, where it does nothing.",
                """
                    On one host's loopback the peer always answers; the silent and the rebooted peer are shown \
                    between two hosts in examples/lab-keepalive.transcript (sockshell --lab).
                    """,
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_KEEPALIVE on; setopt TCP_KEEPIDLE 1; setopt TCP_KEEPINTVL 1; setopt TCP_KEEPCNT 2",
                "getopt SO_KEEPALIVE; sleep 2s; info",
            ]
        ),
        ko: OptionNote(
            summary: "쉬고 있는 TCP 연결에 가끔 탐침을 보내 상대가 아직 살아 있는지 확인합니다.",
            cType: "int (불리언)",
            linuxDefault: """
                꺼짐. 켜면 시간 값은 net.ipv4.tcp_keepalive_time 7200초, tcp_keepalive_intvl 75초, \
                tcp_keepalive_probes 9를 따름 (TCP_KEEPIDLE/INTVL/CNT로 소켓마다 바꿀 수 있음)
                """,
            effect: """
                킵얼라이브를 켜면 TCP_KEEPIDLE초 동안 아무것도 받지 못한 연결에 탐침(probe)을 보냅니다. 탐침은 \
                데이터가 없는 ACK 세그먼트이고 순서 번호가 상대가 기대하는 값보다 하나 작기 때문에, 살아 있는 \
                상대는 반드시 ACK로 답합니다. 답이 없으면 TCP_KEEPINTVL초마다 다시 보내고, TCP_KEEPCNT번 연속으로 \
                답이 없으면 커널이 연결을 끊습니다. 상대 프로그램은 탐침을 전혀 보지 못합니다. 시스템 기본값 \
                그대로라면 사라진 상대를 알아채는 데 약 2시간 11분(7200 + 9 x 75초)이 걸립니다.
                """,
            when: """
                connect 전이든 후든 언제든 켤 수 있고, 유휴 시간은 마지막으로 세그먼트를 받은 때부터 셉니다. \
                리스닝 소켓에 켜 두면 accept된 소켓이 모두 물려받습니다. TCP_KEEPIDLE, TCP_KEEPINTVL, \
                TCP_KEEPCNT도 함께 줄이지 않으면 첫 탐침까지 두 시간을 기다립니다.
                """,
            outcomes: [
                """
                    상대가 ACK로 답함: 연결은 정상이고, 다음 탐침은 다시 유휴 시간이 지난 뒤에 나가되 이번 탐침에서 \
                    TCP_KEEPINTVL보다 빨리 나가지는 않으며, 프로그램은 아무 변화도 느끼지 못합니다.
                    """,
                """
                    상대가 RST로 답함(상대 호스트가 재부팅되어 연결을 잊음): 연결이 끊기고 다음 recv나 send가 \
                    ECONNRESET으로 실패합니다.
                    """,
                """
                    응답 없음(호스트가 사라짐, 케이블 끊김): TCP_KEEPCNT번의 탐침이 모두 무시되면 대기 중인 recv가 \
                    -1 ETIMEDOUT을 돌려주고, poll에는 error와 hup이 나타납니다.
                    """,
                """
                    그사이 ICMP 오류(호스트 도달 불가)가 돌아왔다면 ETIMEDOUT 대신 그 오류(예: EHOSTUNREACH)가 \
                    보고됩니다.
                    """,
            ],
            quirks: [
                "기본값은 꺼짐이고, 켜더라도 기본 시간이 깁니다: 두 시간 조용하면 75초 간격으로 9번 탐침.",
                """
                    탐침에는 새 데이터가 없어서 상대의 바이트 수나 프로그램에는 영향이 없습니다. 패킷 캡처(tcpdump \
                    -i lo)로만 보입니다.
                    """,
                """
                    TCP_USER_TIMEOUT을 설정하면 TCP_KEEPCNT보다 우선합니다: 탐침이 그 밀리초 동안 답을 못 받으면 \
                    끊습니다.
                    """,
                "UDP 소켓에도 설정은 되지만 아무 일도 하지 않습니다.",
                """
                    한 호스트의 루프백에서는 상대가 항상 답하므로, 침묵하는 상대와 재부팅된 상대는 두 호스트 사이에서 \
                    examples/lab-keepalive.transcript(sockshell --lab)가 보여 줍니다.
                    """,
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_KEEPALIVE on; setopt TCP_KEEPIDLE 1; setopt TCP_KEEPINTVL 1; setopt TCP_KEEPCNT 2",
                "getopt SO_KEEPALIVE; sleep 2s; info",
            ]
        )
    )

    // MARK: SO_LINGER

    private static let soLinger = OptionNotes(
        related: ["SO_SNDBUF", "SO_REUSEADDR", "SO_ERROR"],
        example: "examples/linger.transcript",
        en: OptionNote(
            summary: """
                Decides what close() does with a connection that still has data to deliver: finish in the \
                background, wait for it, or reset the connection.
                """,
            cType: "struct linger { int l_onoff; int l_linger; /* seconds */ }",
            linuxDefault: """
                off ({l_onoff=0, l_linger=0}): close returns at once, the kernel finishes in the background
                """,
            effect: """
                Off: close() returns at once; queued data is still sent and the normal FIN exchange runs in the \
                background. On with 0 seconds: close() throws away unsent data and sends a RST instead of a FIN, \
                so the connection ends at once on both sides and this side skips TIME_WAIT. On with N > 0: close() \
                blocks until the queued data and our FIN are acknowledged, or N seconds have passed, whichever \
                comes first.
                """,
            when: """
                Any time before close(); it only matters at the moment of close. Set on a listener, it is \
                inherited by accepted sockets.
                """,
            outcomes: [
                "off: close = 0 at once; the peer reads the remaining data, then recv returns 0 (EOF).",
                """
                    on 0: close = 0 at once and a RST goes out; the peer's next recv fails with ECONNRESET, later \
                    recvs return 0 and a send gives EPIPE.
                    """,
                """
                    on N, peer reading: close waits until everything is acknowledged (milliseconds on loopback) \
                    and returns 0.
                    """,
                """
                    on N, peer not reading (data stuck in the buffers): close blocks for N seconds and then \
                    returns 0 all the same.
                    """,
            ],
            quirks: [
                """
                    Linux: when the linger time runs out close() still returns 0, not EWOULDBLOCK or ETIMEDOUT as \
                    some older books say; the data left over keeps being sent in the background.
                    """,
                """
                    Closing while unread data sits in the receive queue sends a RST even with SO_LINGER off (RFC \
                    2525).
                    """,
                "on 0 is often (mis)used to avoid TIME_WAIT; the price is lost data and an error at the peer.",
                "Only close() lingers on Linux; shutdown() returns at once although socket(7) mentions it.",
                """
                    When a process exits without closing, its sockets always linger in the background; exit never \
                    blocks.
                    """,
                "getopt shows l_linger even when off: on 5 followed by off reads back {l_onoff=0, l_linger=5}.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_LINGER on 0; getopt SO_LINGER",
                "close",
                "@conn recv; @conn recv",
            ]
        ),
        ko: OptionNote(
            summary: """
                아직 보낼 데이터가 남은 연결을 close()가 어떻게 닫을지 정합니다: 뒤에서 마저 보내기, 기다리기, \
                또는 연결 리셋.
                """,
            cType: "struct linger { int l_onoff; int l_linger; /* 초 */ }",
            linuxDefault: "꺼짐 ({l_onoff=0, l_linger=0}): close는 바로 돌아오고 나머지는 커널이 뒤에서 처리",
            effect: """
                꺼져 있으면 close()는 바로 돌아오고, 큐에 남은 데이터 전송과 정상적인 FIN 교환은 커널이 뒤에서 \
                마칩니다. 0초로 켜면 close()가 보내지 않은 데이터를 버리고 FIN 대신 RST를 보내므로, 연결이 \
                양쪽에서 즉시 끝나고 이쪽은 TIME_WAIT를 거치지 않습니다. N초(N > 0)로 켜면 close()는 남은 데이터와 \
                FIN이 확인(ACK)될 때까지, 또는 N초가 지날 때까지 중 먼저 오는 쪽까지 멈춰 기다립니다.
                """,
            when: """
                close() 전이면 언제든 됩니다. close하는 순간에만 의미가 있습니다. 리스닝 소켓에 설정하면 accept된 \
                소켓이 물려받습니다.
                """,
            outcomes: [
                "꺼짐: close = 0이 바로 나오고, 상대는 남은 데이터를 읽은 뒤 recv에서 0(EOF)을 받습니다.",
                """
                    on 0: close = 0이 바로 나오고 RST가 나갑니다. 상대의 다음 recv는 ECONNRESET으로 실패하고, 그 \
                    뒤 recv는 0, send는 EPIPE를 돌려줍니다.
                    """,
                """
                    on N, 상대가 읽는 중: 모든 데이터가 확인될 때까지(루프백에서는 몇 밀리초) 기다렸다가 0을 \
                    돌려줍니다.
                    """,
                "on N, 상대가 읽지 않음(데이터가 버퍼에 막힘): close가 N초 동안 멈춘 뒤 그래도 0을 돌려줍니다.",
            ],
            quirks: [
                """
                    리눅스에서는 linger 시간이 다 되어도 close()가 0을 돌려줍니다. 오래된 책(그리고 강의 노트)에 \
                    나오는 EWOULDBLOCK이나 ETIMEDOUT은 나오지 않으며, 남은 데이터는 뒤에서 계속 보냅니다.
                    """,
                "받은 데이터를 다 읽지 않은 채 close하면 SO_LINGER가 꺼져 있어도 RST가 나갑니다(RFC 2525).",
                "on 0은 TIME_WAIT를 피하려고 자주 (잘못) 쓰입니다. 대가는 데이터 손실과 상대 쪽의 오류입니다.",
                """
                    리눅스에서 기다리는 것은 close()뿐입니다. socket(7)에 shutdown()도 적혀 있지만 shutdown은 바로 \
                    돌아옵니다.
                    """,
                "프로세스가 close 없이 끝나면 소켓은 항상 뒤에서 linger하며, exit가 막히는 일은 없습니다.",
                """
                    꺼진 상태에서도 getopt는 l_linger를 보여 줍니다: on 5 다음 off를 하면 {l_onoff=0, \
                    l_linger=5}로 읽힙니다.
                    """,
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_LINGER on 0; getopt SO_LINGER",
                "close",
                "@conn recv; @conn recv",
            ]
        )
    )

    // MARK: SO_RCVBUF

    private static let soRcvbuf = OptionNotes(
        related: ["SO_SNDBUF", "SO_RCVLOWAT", "TCP_INFO", "TCP_MAXSEG"],
        example: "examples/buffers.transcript",
        en: OptionNote(
            summary: "Size of the socket's receive buffer, which caps the TCP window the kernel can advertise.",
            cType: "int (bytes)",
            linuxDefault: """
                TCP: 131072 bytes read back (net.ipv4.tcp_rmem[1]), auto-tuned up to tcp_rmem[2]; UDP: \
                net.core.rmem_default, 212992 on many systems
                """,
            effect: """
                For TCP the receive buffer bounds how much unread data the kernel will hold, and so the window \
                advertised to the sender: a small buffer throttles the peer, a large one keeps a long fast path \
                full. The window scale factor, which lets the window grow past 64 KB, is chosen from the buffer \
                size when the SYN or SYN-ACK is sent and never changes afterwards. For UDP it bounds the datagrams \
                queued before new ones are dropped. Setting it turns off the kernel's receive auto-tuning for the \
                socket.
                """,
            when: """
                Client: before connect(). Server: on the listening socket before connections arrive; accepted \
                sockets inherit it. The window scale is agreed only in the handshake, so a buffer enlarged later \
                cannot be fully advertised. Setting it on an accepted socket is too late for the scale.
                """,
            outcomes: [
                "setopt SO_RCVBUF 32K, then getopt reads 65536: the kernel doubles the value for its own overhead.",
                """
                    Set to 32K on the listener before the handshake: getopt TCP_INFO on the accepted socket shows \
                    rcv_wscale 0 instead of the usual 7 to 10.
                    """,
                """
                    Enlarged after connect: accepted and read back doubled, but the window stays limited by the \
                    scale agreed in the handshake.
                    """,
                """
                    UDP with a small buffer and a slow reader: datagrams that do not fit are dropped without an \
                    error.
                    """,
                """
                    What a datagram socket's buffer counts is memory, not payload: each queued datagram is charged \
                    its truesize (the buffer the kernel allocated plus its struct sk_buff; about 2304 bytes for 1400 \
                    bytes of payload on loopback), so 8192 bytes hold three such datagrams, not five. info and \
                    getopt SO_MEMINFO show the datagrams queued, the bytes charged and the drops \
                    (examples/udp-buffers.transcript).
                    """,
            ],
            quirks: [
                "Doubling: the value read back is twice the value set; the smallest value read back is 2304.",
                """
                    Capped by net.core.rmem_max for ordinary processes (1G reads back 8388608 when rmem_max is 4 \
                    MiB); SO_RCVBUFFORCE with CAP_NET_ADMIN passes the cap.
                    """,
                """
                    Setting it disables auto-tuning: a fixed small buffer can be slower than the default on a long \
                    path.
                    """,
                """
                    TCP's default comes from tcp_rmem[1], not net.core.rmem_default (which applies to UDP and \
                    others).
                    """,
                """
                    Linux also honours a value set on a listener after listen(): connections accepted later get a \
                    window scale from it.
                    """,
            ],
            tryIt: [
                "socket tcp as srv; setopt SO_RCVBUF 32K; getopt SO_RCVBUF",
                "bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "@conn getopt TCP_INFO",
                "setopt SO_RCVBUF 1M; getopt SO_RCVBUF",
            ]
        ),
        ko: OptionNote(
            summary: "소켓 수신 버퍼의 크기입니다. 커널이 광고할 수 있는 TCP 윈도의 상한이 됩니다.",
            cType: "int (바이트)",
            linuxDefault: """
                TCP: 131072바이트로 읽힘(net.ipv4.tcp_rmem[1]), tcp_rmem[2]까지 자동 조정. UDP: \
                net.core.rmem_default, 많은 시스템에서 212992
                """,
            effect: """
                TCP에서 수신 버퍼는 커널이 붙잡아 둘 수 있는 읽히지 않은 데이터의 양을 정하고, 따라서 보내는 쪽에 \
                광고하는 윈도의 크기를 정합니다. 버퍼가 작으면 상대의 전송이 느려지고, 크면 멀고 빠른 경로도 가득 \
                채울 수 있습니다. 윈도를 64KB 넘게 키워 주는 윈도 스케일 값은 SYN이나 SYN-ACK를 보낼 때 버퍼 \
                크기를 보고 정해지며 그 뒤로는 바뀌지 않습니다. UDP에서는 새 데이터그램을 버리기 전까지 쌓아 둘 \
                양을 정합니다. 값을 직접 설정하면 그 소켓의 수신 자동 조정(auto-tuning)이 꺼집니다.
                """,
            when: """
                클라이언트는 connect() 전에, 서버는 연결이 들어오기 전에 리스닝 소켓에 설정합니다. accept된 소켓은 \
                그 값을 물려받습니다. 윈도 스케일은 핸드셰이크에서만 합의되므로, 나중에 버퍼를 키워도 그만큼 \
                광고하지 못합니다. accept된 소켓에 설정하면 스케일에는 이미 늦습니다.
                """,
            outcomes: [
                """
                    setopt SO_RCVBUF 32K 후 getopt는 65536을 읽습니다. 커널이 관리용 여유분으로 값을 두 배로 \
                    만듭니다.
                    """,
                """
                    핸드셰이크 전에 리스닝 소켓에 32K를 설정하면, accept된 소켓의 getopt TCP_INFO에서 rcv_wscale이 \
                    보통의 7~10이 아니라 0으로 나옵니다.
                    """,
                """
                    connect 후에 키우면: 설정도 되고 두 배로 읽히지만, 윈도는 핸드셰이크에서 정한 스케일에 묶여 \
                    있습니다.
                    """,
                "UDP에서 버퍼가 작고 읽는 쪽이 느리면: 들어갈 자리가 없는 데이터그램은 오류 없이 버려집니다.",
                """
                    데이터그램 소켓의 버퍼가 세는 것은 페이로드가 아니라 메모리입니다. 큐에 든 데이터그램마다 \
                    truesize(커널이 할당한 버퍼와 struct sk_buff를 합친 크기, 루프백에서 1400바이트 페이로드면 약 \
                    2304바이트)가 청구되므로, 8192바이트에는 그런 데이터그램이 다섯 개가 아니라 세 개 들어갑니다. \
                    info와 getopt SO_MEMINFO가 큐의 데이터그램 수, 청구된 바이트, 버려진 수를 보여 줍니다 \
                    (examples/udp-buffers.transcript).
                    """,
            ],
            quirks: [
                "두 배: 읽어 오는 값은 설정한 값의 두 배이고, 가장 작게 읽히는 값은 2304입니다.",
                """
                    일반 프로세스는 net.core.rmem_max에 막힙니다(rmem_max가 4MiB이면 1G가 8388608로 읽힘). \
                    CAP_NET_ADMIN이 있으면 SO_RCVBUFFORCE로 넘을 수 있습니다.
                    """,
                "직접 설정하면 자동 조정이 꺼집니다. 긴 경로에서는 작게 고정한 버퍼가 기본값보다 느릴 수 있습니다.",
                "TCP 기본값은 net.core.rmem_default가 아니라 tcp_rmem[1]에서 옵니다(rmem_default는 UDP 등에 적용).",
                """
                    리눅스는 listen() 뒤에 리스닝 소켓에 설정한 값도 반영합니다. 그 뒤에 accept되는 연결은 이 \
                    값으로 윈도 스케일을 정합니다.
                    """,
            ],
            tryIt: [
                "socket tcp as srv; setopt SO_RCVBUF 32K; getopt SO_RCVBUF",
                "bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "@conn getopt TCP_INFO",
                "setopt SO_RCVBUF 1M; getopt SO_RCVBUF",
            ]
        )
    )

    // MARK: SO_SNDBUF

    private static let soSndbuf = OptionNotes(
        related: ["SO_RCVBUF", "SO_SNDLOWAT", "SO_SNDTIMEO", "TCP_NODELAY"],
        example: "examples/buffers.transcript",
        en: OptionNote(
            summary: """
                Size of the socket's send buffer: how much written data the kernel keeps until the peer \
                acknowledges it.
                """,
            cType: "int (bytes)",
            linuxDefault: """
                TCP: 16384 bytes read back (net.ipv4.tcp_wmem[1]), auto-tuned up to tcp_wmem[2]; UDP: \
                net.core.wmem_default, 212992 on many systems
                """,
            effect: """
                For TCP every byte written stays in the send buffer until the peer acknowledges it, so the buffer \
                bounds the data in flight: keeping a path of bandwidth B and round trip RTT busy takes about B x \
                RTT. When it is full a blocking send waits and a non-blocking one fails with EAGAIN. For UDP it \
                bounds the datagrams not yet handed to the network device. Setting it turns off send auto-tuning \
                for the socket.
                """,
            when: """
                By the classic rule together with SO_RCVBUF: before connect() on a client, on the listener for a \
                server. Strictly, the handshake fixes only the receive side's window scale; Linux applies a new \
                send buffer size to later writes at any time.
                """,
            outcomes: [
                "setopt SO_SNDBUF 64K reads back 131072 (doubled).",
                """
                    The peer stops reading: once its receive buffer and our send buffer are full, send blocks, or \
                    fails with EAGAIN under dontwait or nonblock.
                    """,
                "info shows the send queue: bytes written but not yet acknowledged.",
                "Not set by hand: getopt after a bulk transfer (source) shows that auto-tuning has grown it.",
            ],
            quirks: [
                "Doubling: the value read back is twice the value set; the smallest value read back is 4608.",
                """
                    Capped by net.core.wmem_max for ordinary processes; SO_SNDBUFFORCE with CAP_NET_ADMIN passes \
                    the cap.
                    """,
                "TCP's default comes from tcp_wmem[1], not net.core.wmem_default.",
                """
                    poll reports a TCP socket writable only when about a third of the buffer is free, not at one \
                    free byte; SO_SNDLOWAT cannot change that on Linux.
                    """,
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; setopt SO_SNDBUF 64K; getopt SO_SNDBUF",
                "connect srv; @srv accept as conn",
                "source 64K; info",
            ]
        ),
        ko: OptionNote(
            summary: "소켓 송신 버퍼의 크기입니다. 쓴 데이터를 상대가 확인(ACK)할 때까지 커널이 보관하는 양입니다.",
            cType: "int (바이트)",
            linuxDefault: """
                TCP: 16384바이트로 읽힘(net.ipv4.tcp_wmem[1]), tcp_wmem[2]까지 자동 조정. UDP: \
                net.core.wmem_default, 많은 시스템에서 212992
                """,
            effect: """
                TCP에서는 쓴 바이트가 상대의 확인을 받을 때까지 송신 버퍼에 남아 있으므로, 버퍼 크기가 전송 중인 \
                데이터의 양을 제한합니다. 대역폭 B, 왕복 시간 RTT인 경로를 쉬지 않고 채우려면 대략 B x RTT가 \
                필요합니다. 버퍼가 가득 차면 블로킹 send는 기다리고, 논블로킹 send는 EAGAIN으로 실패합니다. \
                UDP에서는 아직 네트워크 장치로 넘기지 못한 데이터그램의 양을 제한합니다. 직접 설정하면 송신 자동 \
                조정이 꺼집니다.
                """,
            when: """
                고전적인 규칙대로라면 SO_RCVBUF와 함께, 클라이언트는 connect() 전에, 서버는 리스닝 소켓에 \
                설정합니다. 엄밀히 말하면 핸드셰이크가 고정하는 것은 수신 쪽의 윈도 스케일뿐이고, 리눅스는 새 송신 \
                버퍼 크기를 언제든 이후의 쓰기에 적용합니다.
                """,
            outcomes: [
                "setopt SO_SNDBUF 64K는 131072로 읽힙니다(두 배).",
                """
                    상대가 읽기를 멈추면: 상대의 수신 버퍼와 우리 송신 버퍼가 다 찬 뒤 send가 멈추고, dontwait나 \
                    nonblock에서는 EAGAIN으로 실패합니다.
                    """,
                "info는 송신 큐, 즉 썼지만 아직 확인받지 못한 바이트 수를 보여 줍니다.",
                """
                    직접 설정하지 않았다면: 대량 전송(source) 뒤 getopt로 자동 조정이 버퍼를 키운 것을 볼 수 \
                    있습니다.
                    """,
            ],
            quirks: [
                "두 배: 읽어 오는 값은 설정한 값의 두 배이고, 가장 작게 읽히는 값은 4608입니다.",
                """
                    일반 프로세스는 net.core.wmem_max에 막힙니다. CAP_NET_ADMIN이 있으면 SO_SNDBUFFORCE로 넘을 수 \
                    있습니다.
                    """,
                "TCP 기본값은 net.core.wmem_default가 아니라 tcp_wmem[1]에서 옵니다.",
                """
                    poll은 TCP 소켓의 버퍼가 한 바이트 비었을 때가 아니라 약 3분의 1이 비었을 때 쓰기 가능으로 \
                    보고합니다. 리눅스에서는 SO_SNDLOWAT으로 이것을 바꿀 수 없습니다.
                    """,
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; setopt SO_SNDBUF 64K; getopt SO_SNDBUF",
                "connect srv; @srv accept as conn",
                "source 64K; info",
            ]
        )
    )

    // MARK: SO_REUSEADDR

    private static let soReuseaddr = OptionNotes(
        related: ["SO_REUSEPORT", "SO_LINGER", "IP_ADD_MEMBERSHIP"],
        example: "examples/reuseaddr.transcript",
        en: OptionNote(
            summary: """
                Lets bind() take a local port still held by an old connection in TIME_WAIT, and lets UDP sockets \
                share a port.
                """,
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                When a TCP connection closes, the side that closed first keeps its address pair in TIME_WAIT for \
                60 seconds on Linux (2 MSL), so that late segments of the old connection cannot be taken for a new \
                one. Without SO_REUSEADDR a bind() to a port with such a leftover fails with EADDRINUSE, which is \
                why a restarted server cannot start at once. With it, bind() succeeds as long as no socket is \
                listening on that port. For UDP, sockets that all set it may bind the same address and port; each \
                multicast or broadcast datagram is delivered to every one of them.
                """,
            when: """
                Before bind(); only bind checks it. On Linux both the socket that left the TIME_WAIT behind and \
                the new one must have it set.
                """,
            outcomes: [
                "Without it: bind to a port with a TIME_WAIT leftover = -1 EADDRINUSE for about 60 s.",
                "With it on the old socket and on the new one: bind = 0 and listen works at once.",
                "With it, while another socket still listens on that port: -1 EADDRINUSE all the same.",
                "Two TCP sockets with it may both bind one port, but the second listen() fails with EADDRINUSE.",
                "UDP, several sockets with it on one port: each receives its own copy of every multicast datagram.",
            ],
            quirks: [
                """
                    Linux checks both sides: setting it only on the new socket does not get past a TIME_WAIT left \
                    by a socket without it.
                    """,
                "TIME_WAIT lasts a fixed 60 s on Linux (TCP_TIMEWAIT_LEN); no sysctl shortens it.",
                """
                    TIME_WAIT stays with whoever closed first: if the client closes first, the server's port is \
                    not held.
                    """,
                """
                    Stricter than BSD: a listener on 0.0.0.0:P blocks a bind of 127.0.0.1:P even with the flag; \
                    for several listeners on one port use SO_REUSEPORT.
                    """,
                "Unicast datagrams to a shared UDP port go to only one of the sockets.",
            ],
            tryIt: [
                "socket tcp as old; setopt SO_REUSEADDR on; bind 127.0.0.1:7777; listen",
                "socket tcp as cli; connect old; @old accept as conn; @conn close; close; @old close",
                "socket tcp as plain; bind 127.0.0.1:7777",
                "socket tcp as again; setopt SO_REUSEADDR on; bind 127.0.0.1:7777; listen",
            ]
        ),
        ko: OptionNote(
            summary: """
                TIME_WAIT 상태의 옛 연결이 아직 잡고 있는 로컬 포트에 bind()할 수 있게 하고, UDP 소켓끼리 포트를 \
                나눠 쓰게 합니다.
                """,
            cType: "int (boolean)",
            linuxDefault: "꺼짐",
            effect: """
                TCP 연결이 끝나면 먼저 닫은 쪽은 리눅스에서 60초(2 MSL) 동안 그 주소 쌍을 TIME_WAIT로 붙잡아 \
                둡니다. 옛 연결의 늦게 도착한 세그먼트가 새 연결의 것으로 오인되지 않게 하려는 것입니다. \
                SO_REUSEADDR 없이 그런 흔적이 남은 포트에 bind()하면 EADDRINUSE로 실패하며, 재시작한 서버가 바로 \
                뜨지 못하는 이유가 이것입니다. 옵션을 켜면 그 포트에서 listen 중인 소켓만 없으면 bind()가 \
                성공합니다. UDP에서는 모두 이 옵션을 켠 소켓들이 같은 주소와 포트에 bind할 수 있고, 멀티캐스트나 \
                브로드캐스트 데이터그램은 그 모두에게 전달됩니다.
                """,
            when: """
                bind() 전에 설정합니다. 이 옵션을 확인하는 것은 bind뿐입니다. 리눅스에서는 TIME_WAIT를 남긴 옛 \
                소켓과 새 소켓 모두에 설정되어 있어야 합니다.
                """,
            outcomes: [
                "옵션 없음: TIME_WAIT가 남은 포트에 bind하면 약 60초 동안 -1 EADDRINUSE.",
                "옛 소켓과 새 소켓 모두 켬: bind = 0이고 listen도 바로 됩니다.",
                "켰더라도 다른 소켓이 그 포트에서 아직 listen 중이면: 역시 -1 EADDRINUSE.",
                """
                    옵션을 켠 TCP 소켓 둘이 같은 포트에 bind할 수는 있지만, 두 번째 listen()은 EADDRINUSE로 \
                    실패합니다.
                    """,
                "UDP에서 옵션을 켠 여러 소켓이 한 포트를 쓰면: 멀티캐스트 데이터그램을 각자 한 부씩 받습니다.",
            ],
            quirks: [
                """
                    리눅스는 양쪽을 모두 봅니다: 새 소켓에만 켜서는 옵션 없이 닫힌 소켓이 남긴 TIME_WAIT를 넘지 \
                    못합니다.
                    """,
                "리눅스의 TIME_WAIT는 60초로 고정(TCP_TIMEWAIT_LEN)이며, 줄여 주는 sysctl은 없습니다.",
                "TIME_WAIT는 먼저 닫은 쪽에 남습니다. 클라이언트가 먼저 닫으면 서버 포트는 묶이지 않습니다.",
                """
                    BSD보다 엄격합니다: 0.0.0.0:P에 리스너가 있으면 옵션을 켜도 127.0.0.1:P에 bind할 수 없습니다. \
                    한 포트에 리스너를 여럿 두려면 SO_REUSEPORT를 씁니다.
                    """,
                "함께 쓰는 UDP 포트로 온 유니캐스트 데이터그램은 그중 한 소켓에만 전달됩니다.",
            ],
            tryIt: [
                "socket tcp as old; setopt SO_REUSEADDR on; bind 127.0.0.1:7777; listen",
                "socket tcp as cli; connect old; @old accept as conn; @conn close; close; @old close",
                "socket tcp as plain; bind 127.0.0.1:7777",
                "socket tcp as again; setopt SO_REUSEADDR on; bind 127.0.0.1:7777; listen",
            ]
        )
    )

    // MARK: SO_REUSEPORT

    private static let soReuseport = OptionNotes(
        related: ["SO_REUSEADDR"],
        example: "examples/reuseaddr.transcript",
        en: OptionNote(
            summary: """
                Lets several sockets bind exactly the same address and port; the kernel spreads incoming \
                connections or datagrams among them.
                """,
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                Every socket of the group must set it before bind() and run under the same effective user ID, \
                which stops other users from hijacking the port. For TCP each socket may listen() and keeps its \
                own accept queue; the kernel picks one listener for each new connection by hashing its addresses \
                and ports, so load spreads over processes or threads. For UDP each unicast datagram goes to one \
                socket chosen the same way; multicast and broadcast go to all.
                """,
            when: "Before bind(), on every socket of the group, the first one included.",
            outcomes: [
                "All set it, same user: the second bind and listen on the port succeed.",
                "The first socket did not set it: the second bind fails with EADDRINUSE.",
                """
                    Connections from different client ports land on different listeners; one 4-tuple always lands \
                    on the same one.
                    """,
            ],
            quirks: [
                """
                    Linux 3.9 and later. BSD's SO_REUSEPORT means something narrower (duplicate binds, mainly for \
                    multicast).
                    """,
                """
                    Closing one listener resets the connections still waiting in its accept queue, unless \
                    net.ipv4.tcp_migrate_req is 1.
                    """,
                "The choice is a hash, not round robin: a handful of connections can all land on one socket.",
                """
                    It also gets past a TIME_WAIT leftover when the old and the new socket both set it, but that \
                    is SO_REUSEADDR's usual job.
                    """,
                "SO_ATTACH_REUSEPORT_CBPF/EBPF can replace the hash with a program of your own.",
            ],
            tryIt: [
                "socket tcp as r1; setopt SO_REUSEPORT on; bind 127.0.0.1:7778; listen",
                "socket tcp as r2; setopt SO_REUSEPORT on; bind 127.0.0.1:7778; listen",
                "socket tcp as r3; bind 127.0.0.1:7778",
                "list",
            ]
        ),
        ko: OptionNote(
            summary: """
                여러 소켓이 정확히 같은 주소와 포트에 bind하게 하고, 들어오는 연결이나 데이터그램을 커널이 그 \
                사이에 나눠 줍니다.
                """,
            cType: "int (boolean)",
            linuxDefault: "꺼짐",
            effect: """
                그룹의 모든 소켓이 bind() 전에 옵션을 켜야 하고 같은 유효 사용자 ID로 실행되어야 합니다. 다른 \
                사용자가 포트를 가로채지 못하게 하려는 조건입니다. TCP에서는 소켓마다 listen()하여 각자 accept \
                큐를 가지며, 커널은 새 연결의 주소와 포트를 해시하여 리스너 하나를 고르므로 부하가 여러 프로세스나 \
                스레드로 퍼집니다. UDP에서는 유니캐스트 데이터그램마다 같은 방식으로 고른 한 소켓에 주고, \
                멀티캐스트와 브로드캐스트는 모두에게 줍니다.
                """,
            when: "bind() 전에, 첫 소켓을 포함한 그룹의 모든 소켓에 설정합니다.",
            outcomes: [
                "모두 켜고 사용자가 같음: 그 포트에 대한 두 번째 bind와 listen도 성공합니다.",
                "첫 소켓이 켜지 않았음: 두 번째 bind가 EADDRINUSE로 실패합니다.",
                "클라이언트 포트가 다른 연결은 서로 다른 리스너로 가고, 같은 4-튜플은 늘 같은 리스너로 갑니다.",
            ],
            quirks: [
                "리눅스 3.9부터 있습니다. BSD의 SO_REUSEPORT는 뜻이 더 좁습니다(주로 멀티캐스트용 중복 bind).",
                """
                    리스너 하나를 닫으면 그 accept 큐에서 기다리던 연결은 리셋됩니다. net.ipv4.tcp_migrate_req가 \
                    1이면 다른 리스너로 옮겨집니다.
                    """,
                "라운드 로빈이 아니라 해시로 고르므로, 연결 몇 개가 한 소켓에 몰릴 수 있습니다.",
                """
                    옛 소켓과 새 소켓이 모두 켰다면 TIME_WAIT 흔적도 넘을 수 있지만, 그것은 보통 SO_REUSEADDR의 \
                    일입니다.
                    """,
                "SO_ATTACH_REUSEPORT_CBPF/EBPF로 해시 대신 직접 만든 프로그램이 소켓을 고르게 할 수 있습니다.",
            ],
            tryIt: [
                "socket tcp as r1; setopt SO_REUSEPORT on; bind 127.0.0.1:7778; listen",
                "socket tcp as r2; setopt SO_REUSEPORT on; bind 127.0.0.1:7778; listen",
                "socket tcp as r3; bind 127.0.0.1:7778",
                "list",
            ]
        )
    )

    // MARK: SO_OOBINLINE

    private static let soOobinline = OptionNotes(
        related: ["SO_RCVLOWAT"],
        example: "examples/oob.transcript",
        en: OptionNote(
            summary: """
                Keep TCP urgent (out-of-band) data in the normal byte stream instead of setting it aside for recv \
                with MSG_OOB.
                """,
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                send with MSG_OOB sets the URG flag and the urgent pointer in the TCP header: the last byte of \
                that send is the urgent byte, and its place in the stream is the urgent mark. With SO_OOBINLINE \
                off, Linux takes that one byte out of the stream and keeps it in a one-byte slot that recv with \
                MSG_OOB reads; the receiver also sees POLLPRI and gets SIGURG if it asked for it. With it on, the \
                byte stays in the stream at its place and an ordinary recv reads it; only the mark records where \
                it was.
                """,
            when: """
                On the receiving socket, before the urgent data arrives (right after accept or connect). Accepted \
                sockets inherit it from the listener.
                """,
            outcomes: [
                """
                    off: after send ab; send oob !, the receiver's recv returns "ab" and stops at the mark, recv \
                    oob returns "!", and the next recv goes on after it.
                    """,
                """
                    off: recv oob with no urgent byte pending, or once it was read = -1 EINVAL; mark announced but \
                    the byte not yet arrived = -1 EAGAIN.
                    """,
                """
                    on: recv returns the data up to the mark, the next recv starts with the urgent byte; recv oob \
                    = -1 EINVAL.
                    """,
                "In both modes poll shows priority data (POLLPRI) while an urgent mark is pending.",
            ],
            quirks: [
                "Only one byte is urgent: send oob abc sends \"ab\" as normal data and \"c\" as the urgent byte.",
                """
                    A recv never reads across the mark in one call, in either mode, so the program can find the \
                    mark (ioctl SIOCATMARK says when the next byte is the mark).
                    """,
                """
                    Turning SO_OOBINLINE on after the urgent byte was read with recv oob brings that byte back \
                    into the stream, so it is read a second time.
                    """,
                """
                    Linux follows the BSD reading of the urgent pointer (net.ipv4.tcp_stdurg 0); RFC 6093 advises \
                    new protocols not to use urgent data at all.
                    """,
                "UDP has no urgent data: send oob on a UDP socket fails with EOPNOTSUPP.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "send ab; send oob !; send cd",
                "@conn recv; @conn recv oob; @conn recv",
                "@conn setopt SO_OOBINLINE on; send oob ?; @conn recv; @conn recv oob",
            ]
        ),
        ko: OptionNote(
            summary: """
                TCP 긴급(대역 외, OOB) 데이터를 MSG_OOB용으로 따로 빼 두지 않고 일반 바이트 흐름 안에 그대로 \
                둡니다.
                """,
            cType: "int (boolean)",
            linuxDefault: "꺼짐",
            effect: """
                MSG_OOB로 send하면 TCP 헤더에 URG 플래그와 긴급 포인터가 실립니다. 그 send의 마지막 바이트가 긴급 \
                바이트이고, 흐름에서 그 위치가 긴급 마크입니다. SO_OOBINLINE이 꺼져 있으면 리눅스는 그 한 바이트를 \
                흐름에서 빼내 한 바이트짜리 자리에 따로 두고, 이것은 MSG_OOB를 준 recv로 읽습니다. 받는 쪽은 \
                POLLPRI도 보고, 요청했다면 SIGURG도 받습니다. 켜 두면 그 바이트는 흐름 속 제자리에 남아 보통 \
                recv로 읽히며, 위치는 마크로만 남습니다.
                """,
            when: """
                받는 소켓에, 긴급 데이터가 도착하기 전에(accept나 connect 직후) 설정합니다. 리스닝 소켓에 설정하면 \
                accept된 소켓이 물려받습니다.
                """,
            outcomes: [
                """
                    꺼짐: send ab; send oob ! 다음, 받는 쪽 recv는 "ab"를 돌려주고 마크에서 멈추며, recv oob는 \
                    "!"를, 다음 recv는 그 뒤부터 돌려줍니다.
                    """,
                """
                    꺼짐: 대기 중인 긴급 바이트가 없거나 이미 읽었을 때 recv oob = -1 EINVAL, 마크는 알려졌는데 \
                    바이트가 아직 안 왔으면 -1 EAGAIN.
                    """,
                "켬: recv는 마크 직전까지 돌려주고, 다음 recv가 긴급 바이트부터 읽습니다. recv oob는 -1 EINVAL.",
                "두 경우 모두 긴급 마크가 남아 있는 동안 poll에 우선 데이터(POLLPRI)가 보입니다.",
            ],
            quirks: [
                """
                    긴급한 것은 한 바이트뿐입니다: send oob abc는 "ab"를 일반 데이터로, "c"를 긴급 바이트로 \
                    보냅니다.
                    """,
                """
                    어느 모드에서든 recv 한 번이 마크를 넘어 읽지 않으므로 프로그램이 마크를 찾을 수 \
                    있습니다(ioctl SIOCATMARK가 다음 바이트가 마크인지 알려 줌).
                    """,
                """
                    recv oob로 긴급 바이트를 읽은 뒤 SO_OOBINLINE을 켜면 그 바이트가 흐름에 다시 나타나 한 번 더 \
                    읽힙니다.
                    """,
                """
                    리눅스는 긴급 포인터를 BSD식으로 해석합니다(net.ipv4.tcp_stdurg 0). RFC 6093은 새 프로토콜에서 \
                    긴급 데이터를 쓰지 말라고 권합니다.
                    """,
                "UDP에는 긴급 데이터가 없습니다: UDP 소켓에서 send oob는 EOPNOTSUPP로 실패합니다.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "send ab; send oob !; send cd",
                "@conn recv; @conn recv oob; @conn recv",
                "@conn setopt SO_OOBINLINE on; send oob ?; @conn recv; @conn recv oob",
            ]
        )
    )

    // MARK: SO_RCVLOWAT

    private static let soRcvlowat = OptionNotes(
        related: ["SO_SNDLOWAT", "SO_RCVBUF", "SO_RCVTIMEO"],
        example: "examples/lowat.transcript",
        en: OptionNote(
            summary: """
                How many bytes must be queued before the socket counts as readable and a blocking recv returns.
                """,
            cType: "int (bytes)",
            linuxDefault: "1",
            effect: """
                For TCP, poll, select and epoll report the socket readable only once at least this many bytes are \
                queued, and a blocking recv of N bytes waits until min(N, mark) bytes are there instead of \
                returning with the first byte. End of stream, an error, a signal or a receive timeout still end \
                the wait with fewer bytes. A program can sleep until a whole header has arrived instead of waking \
                for every segment.
                """,
            when: "Any time; it applies to the next poll or recv. Usually set once after accept or connect.",
            outcomes: [
                "setopt SO_RCVLOWAT 10 and the peer sends 3 bytes: poll does not list the socket as readable.",
                "The peer sends 8 more (11 queued): poll shows it readable and recv returns all 11.",
                """
                    A blocking recv with 3 bytes queued waits for the rest (bounded by SO_RCVTIMEO, --timeout or \
                    Ctrl-C).
                    """,
                """
                    recv 5 with the mark at 10 returns as soon as 5 bytes are there: it waits for the smaller of N \
                    and the mark.
                    """,
                "The peer closes: poll shows readable and recv returns what is left, then 0.",
            ],
            quirks: [
                """
                    poll, select and epoll honour it only since Linux 2.6.28; before, poll said readable at one \
                    byte and recv then blocked.
                    """,
                "Setting 0 is accepted and reads back 1.",
                """
                    On TCP the mark is capped: at the SO_RCVBUF value you set (half of what getopt reads back), \
                    else at half of net.ipv4.tcp_rmem's maximum; a negative value asks for the cap.
                    """,
                """
                    Since Linux 4.18 a large mark on TCP grows the receive buffer to hold it, unless SO_RCVBUF was \
                    set by hand.
                    """,
                "UDP ignores it in poll: one datagram makes the socket readable.",
                "recv waitall waits for all N bytes whatever the mark.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "@conn setopt SO_RCVLOWAT 10; @conn getopt SO_RCVLOWAT",
                "send abc; poll",
                "send defghijk; poll; @conn recv",
            ]
        ),
        ko: OptionNote(
            summary: """
                소켓이 읽기 가능으로 보이고 블로킹 recv가 돌아오기 전에 큐에 쌓여 있어야 하는 최소 바이트 \
                수입니다.
                """,
            cType: "int (바이트)",
            linuxDefault: "1",
            effect: """
                TCP에서 poll, select, epoll은 큐에 적어도 이만큼의 바이트가 있을 때만 소켓을 읽기 가능으로 \
                보고하고, N바이트를 요청한 블로킹 recv는 첫 바이트에서 돌아오지 않고 min(N, 기준값) 바이트가 모일 \
                때까지 기다립니다. 스트림의 끝(EOF), 오류, 시그널, 수신 타임아웃은 그보다 적은 바이트로도 기다림을 \
                끝냅니다. 세그먼트마다 깨어나지 않고 헤더 전체가 도착할 때까지 잠들어 있을 수 있게 해 줍니다.
                """,
            when: """
                언제든 설정할 수 있고 다음 poll이나 recv부터 적용됩니다. 보통 accept나 connect 뒤에 한 번 \
                설정합니다.
                """,
            outcomes: [
                """
                    setopt SO_RCVLOWAT 10 후 상대가 3바이트를 보내면: poll은 그 소켓을 읽기 가능으로 보여 주지 \
                    않습니다.
                    """,
                """
                    상대가 8바이트를 더 보내면(11바이트 쌓임): poll이 읽기 가능을 보이고 recv는 11바이트를 모두 \
                    돌려줍니다.
                    """,
                """
                    3바이트만 쌓인 상태의 블로킹 recv는 나머지를 기다립니다(SO_RCVTIMEO, --timeout, Ctrl-C로 끝낼 \
                    수 있음).
                    """,
                "기준값이 10일 때 recv 5는 5바이트가 모이면 바로 돌아옵니다: N과 기준값 중 작은 쪽을 기다립니다.",
                "상대가 연결을 닫으면: poll이 읽기 가능을 보이고 recv는 남은 것을 돌려준 뒤 0을 돌려줍니다.",
            ],
            quirks: [
                """
                    poll, select, epoll이 이 값을 따르는 것은 리눅스 2.6.28부터입니다. 그 전에는 한 바이트만 \
                    있어도 poll이 읽기 가능이라 하고 recv는 막혔습니다.
                    """,
                "0을 설정하면 받아들이지만 1로 읽힙니다.",
                """
                    TCP에서 기준값은 상한으로 잘립니다: SO_RCVBUF를 설정했다면 설정한 값(getopt로 읽히는 값의 \
                    절반), 아니면 net.ipv4.tcp_rmem 최댓값의 절반입니다. 음수를 주면 그 상한을 요청한 것이 됩니다.
                    """,
                """
                    리눅스 4.18부터 TCP에서 큰 기준값을 주면, SO_RCVBUF를 직접 설정하지 않은 경우 그만큼 담도록 \
                    수신 버퍼를 키웁니다.
                    """,
                "UDP는 poll에서 이 값을 무시합니다: 데이터그램 하나면 읽기 가능입니다.",
                "recv waitall은 기준값과 상관없이 N바이트를 모두 기다립니다.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "@conn setopt SO_RCVLOWAT 10; @conn getopt SO_RCVLOWAT",
                "send abc; poll",
                "send defghijk; poll; @conn recv",
            ]
        )
    )

    // MARK: SO_SNDLOWAT

    private static let soSndlowat = OptionNotes(
        related: ["SO_RCVLOWAT", "SO_SNDBUF"],
        example: "examples/lowat.transcript",
        en: OptionNote(
            summary: "Free send-buffer space needed before the socket counts as writable; fixed at 1 on Linux.",
            cType: "int (bytes)",
            linuxDefault: "1, and it cannot be changed",
            effect: """
                On BSD systems it sets how much free space in the send buffer select and poll require before \
                reporting the socket writable, so a writer wakes only when it can write a useful chunk. Linux \
                keeps the option for compatibility but does not let it be set: a TCP socket is reported writable \
                once about a third of its send buffer is free, and TCP_NOTSENT_LOWAT is Linux's own way to limit \
                unsent data.
                """,
            when: "Nothing to set on Linux; getopt reads it.",
            outcomes: [
                "getopt SO_SNDLOWAT = 1.",
                "setopt SO_SNDLOWAT 1024 = -1 ENOPROTOOPT (Protocol not available).",
                "poll shows a full TCP socket writable again only when about a third of its send buffer is free.",
            ],
            quirks: [
                """
                    ENOPROTOOPT is on purpose: the kernel reports the option as unsupported instead of ignoring it \
                    silently.
                    """,
                "Portable code that sets it must tolerate the error.",
                """
                    TCP_NOTSENT_LOWAT (not in this shell's list) limits bytes not yet sent and does change when \
                    poll reports writable.
                    """,
            ],
            tryIt: [
                "socket tcp",
                "getopt SO_SNDLOWAT",
                "setopt SO_SNDLOWAT 1024",
            ]
        ),
        ko: OptionNote(
            summary: """
                소켓이 쓰기 가능으로 보이기 위해 송신 버퍼에 필요한 빈 공간입니다. 리눅스에서는 1로 고정입니다.
                """,
            cType: "int (바이트)",
            linuxDefault: "1이며 바꿀 수 없음",
            effect: """
                BSD 계열에서는 select와 poll이 소켓을 쓰기 가능으로 보고하기 전에 송신 버퍼에 필요한 빈 공간을 \
                정하므로, 쓰는 쪽은 쓸 만한 덩어리를 넣을 수 있을 때만 깨어납니다. 리눅스는 호환성 때문에 옵션을 \
                남겨 두었지만 설정은 허락하지 않습니다. TCP 소켓은 송신 버퍼의 약 3분의 1이 비면 쓰기 가능으로 \
                보고되고, 아직 보내지 않은 데이터를 제한하는 리눅스 고유의 방법은 TCP_NOTSENT_LOWAT입니다.
                """,
            when: "리눅스에서는 설정할 것이 없고 getopt로 읽기만 합니다.",
            outcomes: [
                "getopt SO_SNDLOWAT = 1.",
                "setopt SO_SNDLOWAT 1024 = -1 ENOPROTOOPT (Protocol not available).",
                "가득 찬 TCP 소켓은 송신 버퍼의 약 3분의 1이 비어야 poll에서 다시 쓰기 가능으로 보입니다.",
            ],
            quirks: [
                "ENOPROTOOPT는 의도된 것입니다: 커널은 조용히 무시하는 대신 지원하지 않는 옵션이라고 알립니다.",
                "이 옵션을 설정하는 이식성 있는 코드는 그 오류를 견뎌야 합니다.",
                """
                    TCP_NOTSENT_LOWAT(이 셸의 목록에는 없음)는 아직 보내지 않은 바이트를 제한하며, poll이 쓰기 \
                    가능을 보고하는 시점을 실제로 바꿉니다.
                    """,
            ],
            tryIt: [
                "socket tcp",
                "getopt SO_SNDLOWAT",
                "setopt SO_SNDLOWAT 1024",
            ]
        )
    )

    // MARK: SO_DONTROUTE

    private static let soDontroute = OptionNotes(
        related: ["IP_TTL", "IP_MULTICAST_IF", "SO_BROADCAST"],
        example: "examples/lab-dontroute.transcript",
        en: OptionNote(
            summary: "Send only to hosts on a directly attached network, never through a gateway.",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                With it on, the kernel looks up the destination with link scope: a host on an attached subnet is \
                reached directly, but a destination that needs a gateway is refused instead of being handed to the \
                router. MSG_DONTROUTE does the same for a single send. Routing daemons and diagnostics use it to \
                reach a neighbour even when the routing table is wrong.
                """,
            when: "Before connect() for TCP (the route is chosen then), before sendto for UDP.",
            outcomes: [
                "Destination on the local link: no difference, packets go out as usual.",
                "Destination behind a gateway: connect or sendto fails with ENETUNREACH (Network is unreachable).",
                """
                    On one host every 127.0.0.0/8 address is local, so nothing changes; the routed lab \
                    (sockshell --lab-routed, examples/lab-dontroute.transcript) shows the ENETUNREACH.
                    """,
            ],
            quirks: [
                "It does not tie the socket to an interface; SO_BINDTODEVICE does that.",
                "The per-call form is the MSG_DONTROUTE flag of send (not one of this shell's send flags).",
                "The check is against the routing table's idea of on-link, not against what is really reachable.",
            ],
            tryIt: [
                "socket udp",
                "setopt SO_DONTROUTE on; getopt SO_DONTROUTE",
                "sendto 127.0.0.1:9 hello",
            ]
        ),
        ko: OptionNote(
            summary: "직접 연결된 네트워크의 호스트에게만 보내고, 게이트웨이를 거치지 않습니다.",
            cType: "int (boolean)",
            linuxDefault: "꺼짐",
            effect: """
                켜면 커널이 목적지를 링크 범위로만 찾습니다. 붙어 있는 서브넷의 호스트에는 바로 닿지만, \
                게이트웨이가 필요한 목적지는 라우터로 넘기지 않고 거부합니다. send 한 번에만 적용하려면 \
                MSG_DONTROUTE를 씁니다. 라우팅 데몬이나 진단 도구가 라우팅 테이블이 잘못되어 있을 때도 이웃에 \
                닿으려고 씁니다.
                """,
            when: "TCP는 connect() 전에(그때 경로가 정해짐), UDP는 sendto 전에 설정합니다.",
            outcomes: [
                "목적지가 로컬 링크에 있음: 차이 없이 평소처럼 나갑니다.",
                """
                    목적지가 게이트웨이 너머에 있음: connect나 sendto가 ENETUNREACH(Network is unreachable)로 \
                    실패합니다.
                    """,
                """
                    한 호스트 안에서는 127.0.0.0/8 주소가 모두 로컬이라 달라지는 것이 없습니다. ENETUNREACH는 \
                    라우터가 있는 랩(sockshell --lab-routed, examples/lab-dontroute.transcript)이 보여 줍니다.
                    """,
            ],
            quirks: [
                "소켓을 특정 인터페이스에 묶지는 않습니다. 그것은 SO_BINDTODEVICE가 합니다.",
                "호출 한 번짜리 형태는 send의 MSG_DONTROUTE 플래그입니다(이 셸의 send 플래그에는 없음).",
                "판단 기준은 실제로 닿는지가 아니라 라우팅 테이블이 링크 위에 있다고 보는지입니다.",
            ],
            tryIt: [
                "socket udp",
                "setopt SO_DONTROUTE on; getopt SO_DONTROUTE",
                "sendto 127.0.0.1:9 hello",
            ]
        )
    )

    // MARK: SO_BROADCAST

    private static let soBroadcast = OptionNotes(
        related: ["SO_REUSEADDR", "IP_MULTICAST_TTL", "SO_DONTROUTE"],
        example: "examples/broadcast.transcript",
        en: OptionNote(
            summary: "Permission for a datagram socket to send to a broadcast address.",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                A datagram to a broadcast address (255.255.255.255, or a subnet's directed broadcast such as \
                192.168.1.255) reaches every host on the link, so the kernel makes the program ask for it \
                explicitly. Without the flag such a sendto is refused; with it the datagram goes out to the \
                link-layer broadcast address. Receiving broadcasts needs no flag: a UDP socket bound to the port \
                (on INADDR_ANY or the broadcast address) gets them. It has no effect on stream sockets.
                """,
            when: "Before the first sendto (or connect) to a broadcast address.",
            outcomes: [
                "off: sendto to a broadcast address = -1 EACCES (Permission denied).",
                """
                    on: sendto = the byte count, and every socket bound to that port on the link receives a copy, \
                    the sender's own host included.
                    """,
                """
                    In the lessons' private namespace 127.255.255.255 acts as lo's broadcast address: EACCES \
                    without the flag, delivered with it.
                    """,
            ],
            quirks: [
                "The error is EACCES, a permission error, not ENETUNREACH or EPERM.",
                "Broadcasts stop at routers; multicast is the alternative that can be routed.",
                "Setting it on a TCP socket is accepted and changes nothing.",
                "IPv6 has no broadcast; the all-nodes multicast group ff02::1 takes its place.",
                """
                    Lessons broadcast only inside a private network namespace (unshare -n, set up as the \
                    broadcast example's first lines say); 127.255.255.255 never \
                    leaves lo.
                    """,
            ],
            tryIt: [
                "socket udp as rx; bind :9999",
                "socket udp as tx; sendto 127.255.255.255:9999 hello",
                "setopt SO_BROADCAST on; sendto 127.255.255.255:9999 hello",
                "@rx recv",
            ]
        ),
        ko: OptionNote(
            summary: "데이터그램 소켓이 브로드캐스트 주소로 보내도 된다는 허가입니다.",
            cType: "int (boolean)",
            linuxDefault: "꺼짐",
            effect: """
                브로드캐스트 주소(255.255.255.255, 또는 192.168.1.255 같은 서브넷의 지정 브로드캐스트)로 보낸 \
                데이터그램은 링크의 모든 호스트에 닿으므로, 커널은 프로그램이 명시적으로 요청하게 합니다. 플래그 \
                없이는 그런 sendto가 거부되고, 켜면 링크 계층 브로드캐스트 주소로 나갑니다. 브로드캐스트를 받는 \
                데에는 플래그가 필요 없습니다: 그 포트에 bind한(INADDR_ANY나 브로드캐스트 주소로) UDP 소켓이면 \
                받습니다. 스트림 소켓에는 아무 효과가 없습니다.
                """,
            when: "브로드캐스트 주소로 처음 sendto(또는 connect)하기 전에 설정합니다.",
            outcomes: [
                "꺼짐: 브로드캐스트 주소로 sendto = -1 EACCES (Permission denied).",
                """
                    켬: sendto는 보낸 바이트 수를 돌려주고, 링크에서 그 포트에 bind한 모든 소켓이 한 부씩 \
                    받습니다. 보낸 호스트 자신도 포함입니다.
                    """,
                """
                    수업용 전용 네임스페이스에서는 127.255.255.255가 lo의 브로드캐스트 주소 노릇을 합니다: 플래그 \
                    없이는 EACCES, 켜면 전달됩니다.
                    """,
            ],
            quirks: [
                "오류는 ENETUNREACH나 EPERM이 아니라 권한 오류인 EACCES입니다.",
                "브로드캐스트는 라우터를 넘지 못합니다. 라우팅될 수 있는 대안은 멀티캐스트입니다.",
                "TCP 소켓에 설정해도 받아들여지지만 바뀌는 것은 없습니다.",
                "IPv6에는 브로드캐스트가 없고, 모든 노드 멀티캐스트 그룹 ff02::1이 그 자리를 대신합니다.",
                """
                    수업에서는 전용 네트워크 네임스페이스(unshare -n, 브로드캐스트 예제 첫머리에 적힌 대로 설정) \
                    안에서만 브로드캐스트합니다. 127.255.255.255는 \
                    lo 밖으로 나가지 않습니다.
                    """,
            ],
            tryIt: [
                "socket udp as rx; bind :9999",
                "socket udp as tx; sendto 127.255.255.255:9999 hello",
                "setopt SO_BROADCAST on; sendto 127.255.255.255:9999 hello",
                "@rx recv",
            ]
        )
    )

    // MARK: SO_RCVTIMEO

    private static let soRcvtimeo = OptionNotes(
        related: ["SO_SNDTIMEO", "SO_RCVLOWAT", "SO_ERROR"],
        example: "examples/waitall.transcript",
        en: OptionNote(
            summary: "Upper bound on how long a blocking receive (recv, recvfrom, accept) waits.",
            cType: "struct timeval { time_t tv_sec; suseconds_t tv_usec; }",
            linuxDefault: "0 = wait forever",
            effect: """
                When a blocking recv, recvfrom or accept has waited this long without any data (or connection), it \
                returns -1 with EAGAIN (EWOULDBLOCK) as if the socket were non-blocking; if some data had arrived \
                it returns that. Only the sleeping process is affected: nothing is sent and the connection stays \
                usable. poll, select and epoll ignore it.
                """,
            when: "Any time before the calls it should bound.",
            outcomes: [
                """
                    setopt SO_RCVTIMEO 250ms and recv with nothing queued: about 0.25 s later recv = -1 EAGAIN; \
                    the connection is fine.
                    """,
                "Data arrives in time: recv returns it at once.",
                "accept on a listener with it set and no client: -1 EAGAIN after the timeout.",
                "Setting 0 restores waiting forever.",
            ],
            quirks: [
                """
                    Kept in kernel ticks: with HZ=250, 250ms reads back as 252000 microseconds and 1ms as 4000 \
                    (exact on HZ=1000 kernels).
                    """,
                "tv_usec outside 0..999999 = -1 EDOM.",
                """
                    The errno is EAGAIN, the same as non-blocking mode, not ETIMEDOUT; ETIMEDOUT comes from TCP \
                    itself (keepalive, retransmission).
                    """,
                """
                    A signal during the wait gives EINTR, and Linux does not restart a call with a timeout even \
                    under SA_RESTART.
                    """,
            ],
            tryIt: [
                "socket udp; bind 127.0.0.1:0",
                "setopt SO_RCVTIMEO 250ms; getopt SO_RCVTIMEO",
                "recv",
                "setopt SO_RCVTIMEO 0",
            ]
        ),
        ko: OptionNote(
            summary: "블로킹 수신(recv, recvfrom, accept)이 기다리는 시간의 상한입니다.",
            cType: "struct timeval { time_t tv_sec; suseconds_t tv_usec; }",
            linuxDefault: "0 = 무한정 기다림",
            effect: """
                블로킹 recv, recvfrom, accept가 이 시간 동안 데이터(또는 연결)를 하나도 받지 못하면, 소켓이 \
                논블로킹인 것처럼 -1과 EAGAIN(EWOULDBLOCK)을 돌려줍니다. 그사이 일부라도 도착했다면 그것을 \
                돌려줍니다. 영향을 받는 것은 잠든 프로세스뿐이며, 아무것도 전송되지 않고 연결도 그대로 쓸 수 \
                있습니다. poll, select, epoll은 이 값을 무시합니다.
                """,
            when: "제한하려는 호출 전이면 언제든 설정합니다.",
            outcomes: [
                """
                    setopt SO_RCVTIMEO 250ms 후 아무것도 없는데 recv: 약 0.25초 뒤 recv = -1 EAGAIN이고 연결은 \
                    멀쩡합니다.
                    """,
                "시간 안에 데이터가 오면: recv가 바로 돌려줍니다.",
                "이 값을 설정한 리스너에서 클라이언트 없이 accept: 시간이 지나면 -1 EAGAIN.",
                "0을 설정하면 다시 무한정 기다립니다.",
            ],
            quirks: [
                """
                    커널 틱 단위로 저장됩니다: HZ=250이면 250ms가 252000마이크로초로, 1ms가 4000으로 \
                    읽힙니다(HZ=1000 커널에서는 정확함).
                    """,
                "tv_usec이 0..999999 밖이면 -1 EDOM.",
                """
                    errno는 ETIMEDOUT이 아니라 논블로킹 모드와 같은 EAGAIN입니다. ETIMEDOUT은 TCP 자체(킵얼라이브, \
                    재전송)에서 나옵니다.
                    """,
                """
                    기다리는 중에 시그널이 오면 EINTR이 나오고, 타임아웃이 있는 호출은 SA_RESTART여도 리눅스가 \
                    다시 시작하지 않습니다.
                    """,
            ],
            tryIt: [
                "socket udp; bind 127.0.0.1:0",
                "setopt SO_RCVTIMEO 250ms; getopt SO_RCVTIMEO",
                "recv",
                "setopt SO_RCVTIMEO 0",
            ]
        )
    )

    // MARK: SO_SNDTIMEO

    private static let soSndtimeo = OptionNotes(
        related: ["SO_RCVTIMEO", "SO_SNDBUF", "TCP_SYNCNT", "SO_ERROR"],
        example: nil,
        en: OptionNote(
            summary: "Upper bound on how long a blocking send, and on Linux a blocking connect, waits.",
            cType: "struct timeval { time_t tv_sec; suseconds_t tv_usec; }",
            linuxDefault: "0 = wait forever",
            effect: """
                A blocking send waits while the send buffer is full (the peer is not reading, or the path is \
                slow). With a timeout, send returns the bytes it managed to queue, or -1 EAGAIN if it queued none. \
                Linux's connect() uses the same timeout: if the handshake is not done in time, connect returns -1 \
                EINPROGRESS and the handshake goes on in the background.
                """,
            when: "Any time before the calls it should bound; before connect() to bound the handshake.",
            outcomes: [
                """
                    The peer stops reading and we keep sending: once the buffers are full, send returns a short \
                    count, then -1 EAGAIN after the timeout.
                    """,
                """
                    connect with SO_SNDTIMEO 1s to a host that does not answer: -1 EINPROGRESS after 1 s; poll and \
                    getopt SO_ERROR give the final result later.
                    """,
                "On loopback a SYN is always answered at once; a silent host is in the lab (--lab, link cut).",
            ],
            quirks: [
                "Kept in kernel ticks like SO_RCVTIMEO, so a value may read back rounded up to the tick (HZ).",
                "The errno is EAGAIN (EINPROGRESS for connect), not ETIMEDOUT.",
                "A short count is not an error: always check how many bytes send took.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_SNDBUF 4K; setopt SO_SNDTIMEO 1s; getopt SO_SNDTIMEO",
                "source 16M",
            ]
        ),
        ko: OptionNote(
            summary: "블로킹 send가, 리눅스에서는 블로킹 connect도 기다리는 시간의 상한입니다.",
            cType: "struct timeval { time_t tv_sec; suseconds_t tv_usec; }",
            linuxDefault: "0 = 무한정 기다림",
            effect: """
                블로킹 send는 송신 버퍼가 가득 찬 동안(상대가 읽지 않거나 경로가 느림) 기다립니다. 타임아웃이 \
                있으면 send는 큐에 넣은 만큼의 바이트 수를, 하나도 넣지 못했으면 -1 EAGAIN을 돌려줍니다. 리눅스의 \
                connect()도 같은 값을 씁니다: 시간 안에 핸드셰이크가 끝나지 않으면 connect는 -1 EINPROGRESS를 \
                돌려주고 핸드셰이크는 뒤에서 계속됩니다.
                """,
            when: "제한하려는 호출 전이면 언제든 설정합니다. 핸드셰이크를 제한하려면 connect() 전에 설정합니다.",
            outcomes: [
                """
                    상대가 읽지 않는데 계속 보내면: 버퍼가 다 찬 뒤 send는 일부만 보낸 바이트 수를, 그다음에는 \
                    타임아웃 후 -1 EAGAIN을 돌려줍니다.
                    """,
                """
                    SO_SNDTIMEO 1s로 응답하지 않는 호스트에 connect: 1초 뒤 -1 EINPROGRESS, 최종 결과는 나중에 \
                    poll과 getopt SO_ERROR로 봅니다.
                    """,
                "루프백에서는 SYN에 항상 바로 응답합니다. 침묵하는 호스트는 랩에 있습니다(sockshell --lab, link cut).",
            ],
            quirks: [
                "SO_RCVTIMEO처럼 커널 틱 단위로 저장되어, 틱(HZ)에 맞게 올림된 값으로 읽힐 수 있습니다.",
                "errno는 ETIMEDOUT이 아니라 EAGAIN(connect는 EINPROGRESS)입니다.",
                "일부만 보낸 것은 오류가 아닙니다: send가 몇 바이트를 가져갔는지 항상 확인해야 합니다.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_SNDBUF 4K; setopt SO_SNDTIMEO 1s; getopt SO_SNDTIMEO",
                "source 16M",
            ]
        )
    )

    // MARK: SO_TYPE

    private static let soType = OptionNotes(
        related: ["SO_ACCEPTCONN", "SO_ERROR"],
        example: nil,
        en: OptionNote(
            summary: "The socket's type (SOCK_STREAM, SOCK_DGRAM, ...), as given to socket().",
            cType: "int",
            linuxDefault: "fixed by socket(): SOCK_STREAM (1) for tcp, SOCK_DGRAM (2) for udp",
            effect: """
                Reports the type the socket was created with; nothing changes. Useful to a program that is handed \
                a descriptor it did not create (inetd, systemd socket activation, SCM_RIGHTS) and must know \
                whether it carries a byte stream or datagrams.
                """,
            when: "Any time; read-only.",
            outcomes: [
                "getopt SO_TYPE on a tcp socket = 1 (SOCK_STREAM); on a udp socket = 2 (SOCK_DGRAM).",
                "setopt SO_TYPE 2 = -1 ENOPROTOOPT.",
                "socket unix dgram reads back SOCK_DGRAM as well: the type does not depend on the family.",
            ],
            quirks: [
                "The SOCK_NONBLOCK and SOCK_CLOEXEC flags given to socket() are not part of the value.",
                "Linux also has read-only SO_DOMAIN and SO_PROTOCOL for the family and the protocol.",
            ],
            tryIt: [
                "socket tcp; getopt SO_TYPE",
                "socket udp; getopt SO_TYPE",
                "setopt SO_TYPE 1",
            ]
        ),
        ko: OptionNote(
            summary: "socket()에 준 소켓 타입(SOCK_STREAM, SOCK_DGRAM 등)입니다.",
            cType: "int",
            linuxDefault: "socket()이 정함: tcp는 SOCK_STREAM(1), udp는 SOCK_DGRAM(2)",
            effect: """
                소켓을 만들 때의 타입을 알려 줄 뿐 바뀌는 것은 없습니다. 자신이 만들지 않은 디스크립터를 넘겨받은 \
                프로그램(inetd, systemd 소켓 활성화, SCM_RIGHTS)이 그것이 바이트 스트림인지 데이터그램인지 알아야 \
                할 때 씁니다.
                """,
            when: "언제든 읽을 수 있고, 읽기 전용입니다.",
            outcomes: [
                "tcp 소켓의 getopt SO_TYPE = 1 (SOCK_STREAM), udp 소켓은 2 (SOCK_DGRAM).",
                "setopt SO_TYPE 2 = -1 ENOPROTOOPT.",
                "socket unix dgram도 SOCK_DGRAM으로 읽힙니다: 타입은 주소 계열과 상관없습니다.",
            ],
            quirks: [
                "socket()에 준 SOCK_NONBLOCK, SOCK_CLOEXEC 플래그는 값에 들어가지 않습니다.",
                "리눅스에는 주소 계열과 프로토콜을 알려 주는 읽기 전용 옵션 SO_DOMAIN, SO_PROTOCOL도 있습니다.",
            ],
            tryIt: [
                "socket tcp; getopt SO_TYPE",
                "socket udp; getopt SO_TYPE",
                "setopt SO_TYPE 1",
            ]
        )
    )

    // MARK: SO_ERROR

    private static let soError = OptionNotes(
        related: ["SO_KEEPALIVE", "SO_LINGER", "SO_TYPE"],
        example: "examples/linger.transcript",
        en: OptionNote(
            summary: "Read, and clear, the error waiting on the socket.",
            cType: "int (an errno value)",
            linuxDefault: "0 (no error pending)",
            effect: """
                When something fails asynchronously (a non-blocking connect is refused, a RST arrives, keepalive \
                gives up, an ICMP error reaches a connected UDP socket) the kernel stores the errno in the socket. \
                The next call on the socket reports it; getsockopt SO_ERROR reads it directly and resets it to 0. \
                It is the standard way to learn how a non-blocking connect ended once poll says writable or error.
                """,
            when: """
                After poll reports error, or writable after a non-blocking connect. Reading it consumes the error.
                """,
            outcomes: [
                """
                    Non-blocking connect to a closed port: connect = -1 EINPROGRESS, poll shows error, getopt \
                    SO_ERROR = ECONNREFUSED (111), and a second getopt = 0.
                    """,
                """
                    A connected UDP socket sends to a port nobody listens on: the ICMP port unreachable sets \
                    ECONNREFUSED.
                    """,
                """
                    After a RST the first recv reports ECONNRESET and clears it: SO_ERROR then reads 0 and later \
                    recvs return 0.
                    """,
                "setopt SO_ERROR = -1 ENOPROTOOPT.",
            ],
            quirks: [
                """
                    Reading clears it: whichever comes first, a recv, a send or getsockopt, gets the error; the \
                    others see nothing.
                    """,
                "An unconnected UDP socket does not record ICMP errors (unless IP_RECVERR is on).",
                "The value is a plain errno number; the shell also prints its name.",
            ],
            tryIt: [
                "socket tcp; nonblock on",
                "connect 127.0.0.1:9",
                "poll",
                "getopt SO_ERROR",
                "getopt SO_ERROR",
            ]
        ),
        ko: OptionNote(
            summary: "소켓에 걸려 있는 오류를 읽고 지웁니다.",
            cType: "int (errno 값)",
            linuxDefault: "0 (대기 중인 오류 없음)",
            effect: """
                비동기로 무언가 실패하면(논블로킹 connect가 거부됨, RST 도착, 킵얼라이브 포기, 연결된 UDP 소켓에 \
                ICMP 오류 도착) 커널이 그 errno를 소켓에 저장합니다. 그 소켓의 다음 호출이 그것을 보고하며, \
                getsockopt SO_ERROR는 그것을 바로 읽고 0으로 되돌립니다. poll이 쓰기 가능이나 오류를 알린 뒤 \
                논블로킹 connect의 결과를 알아내는 표준 방법입니다.
                """,
            when: """
                poll이 오류를 알렸을 때, 또는 논블로킹 connect 뒤 쓰기 가능을 알렸을 때 읽습니다. 읽으면 오류가 \
                사라집니다.
                """,
            outcomes: [
                """
                    닫힌 포트로 논블로킹 connect: connect = -1 EINPROGRESS, poll에 error, getopt SO_ERROR = \
                    ECONNREFUSED(111), 다시 getopt하면 0.
                    """,
                """
                    연결된 UDP 소켓이 아무도 듣지 않는 포트로 보내면: ICMP port unreachable 때문에 ECONNREFUSED가 \
                    설정됩니다.
                    """,
                """
                    RST를 받은 뒤 첫 recv가 ECONNRESET을 보고하며 지웁니다: 그 뒤 SO_ERROR는 0이고 이후 recv는 0을 \
                    돌려줍니다.
                    """,
                "setopt SO_ERROR = -1 ENOPROTOOPT.",
            ],
            quirks: [
                """
                    읽으면 지워집니다: recv, send, getsockopt 중 먼저 온 쪽이 오류를 받고 나머지는 아무것도 보지 \
                    못합니다.
                    """,
                "연결하지 않은 UDP 소켓은 ICMP 오류를 기록하지 않습니다(IP_RECVERR를 켜지 않는 한).",
                "값은 그냥 errno 숫자이며, 셸은 이름도 함께 보여 줍니다.",
            ],
            tryIt: [
                "socket tcp; nonblock on",
                "connect 127.0.0.1:9",
                "poll",
                "getopt SO_ERROR",
                "getopt SO_ERROR",
            ]
        )
    )

    // MARK: SO_ACCEPTCONN

    private static let soAcceptconn = OptionNotes(
        related: ["SO_TYPE", "SO_REUSEADDR"],
        example: nil,
        en: OptionNote(
            summary: "Whether the socket is a listener: 1 after listen().",
            cType: "int (boolean)",
            linuxDefault: "0; 1 once listen() has been called",
            effect: """
                Reports whether listen() has made this a passive socket that accept() takes connections from. \
                Nothing changes. A program handed a descriptor uses it to tell a listener from a connection.
                """,
            when: "Any time; read-only.",
            outcomes: [
                "After socket, bind or connect: 0.",
                "After listen: 1; the sockets that accept returns read 0.",
                "setopt SO_ACCEPTCONN 1 = -1 ENOPROTOOPT.",
            ],
            quirks: [
                "Meaningful only for stream sockets; a UDP socket always reads 0.",
                "Calling listen again only changes the backlog; the value stays 1.",
            ],
            tryIt: [
                "socket tcp as srv; getopt SO_ACCEPTCONN",
                "bind 127.0.0.1:0; listen; getopt SO_ACCEPTCONN",
                "socket tcp as cli; connect srv; @srv accept as conn; @conn getopt SO_ACCEPTCONN",
            ]
        ),
        ko: OptionNote(
            summary: "소켓이 리스너인지 알려 줍니다: listen() 뒤에는 1.",
            cType: "int (불리언)",
            linuxDefault: "0, listen()을 부르면 1",
            effect: """
                listen()으로 accept()가 연결을 꺼내 갈 수 있는 수동(passive) 소켓이 되었는지 알려 줍니다. 바뀌는 \
                것은 없습니다. 디스크립터를 넘겨받은 프로그램이 리스너와 연결 소켓을 구별할 때 씁니다.
                """,
            when: "언제든 읽을 수 있고, 읽기 전용입니다.",
            outcomes: [
                "socket, bind, connect 뒤에는 0.",
                "listen 뒤에는 1이고, accept가 돌려준 소켓은 0으로 읽힙니다.",
                "setopt SO_ACCEPTCONN 1 = -1 ENOPROTOOPT.",
            ],
            quirks: [
                "스트림 소켓에서만 의미가 있고, UDP 소켓은 항상 0입니다.",
                "listen을 다시 부르면 백로그만 바뀌고 값은 1 그대로입니다.",
            ],
            tryIt: [
                "socket tcp as srv; getopt SO_ACCEPTCONN",
                "bind 127.0.0.1:0; listen; getopt SO_ACCEPTCONN",
                "socket tcp as cli; connect srv; @srv accept as conn; @conn getopt SO_ACCEPTCONN",
            ]
        )
    )

    // MARK: SO_MEMINFO

    private static let soMeminfo = OptionNotes(
        related: ["SO_RCVBUF", "SO_SNDBUF"],
        example: "examples/udp-buffers.transcript",
        en: OptionNote(
            summary: "The socket's memory accounting: nine counters, among them the bytes charged and the drops.",
            cType: "__u32[9] (SK_MEMINFO_VARS; read-only)",
            linuxDefault: "rmem_alloc 0 and drops 0 on a new socket; rcvbuf and sndbuf as SO_RCVBUF and SO_SNDBUF read",
            effect: """
                Nothing changes: it reads what the kernel charges to the socket. rmem_alloc is the memory of the \
                receive queue, the truesize of every buffer in it (payload, headroom and struct sk_buff), checked \
                against rcvbuf, which is SO_RCVBUF as the kernel holds it (doubled). drops counts packets the \
                kernel threw away for this socket: on UDP mostly because rmem_alloc would pass rcvbuf. The other \
                fields: wmem_alloc and sndbuf for the send side, fwd_alloc (memory reserved ahead), wmem_queued \
                (TCP's write queue), optmem (memberships, filters) and backlog.
                """,
            when: "Any time; read-only. Most useful on a datagram socket after a burst, before reading.",
            outcomes: [
                """
                    A UDP receiver with SO_RCVBUF 4K (8192 held) after a burst of 100 datagrams of 1400 bytes: \
                    rmem_alloc 6912 (three datagrams of truesize 2304) and drops 97.
                    """,
                "After each recv rmem_alloc falls by one datagram's truesize; drops never falls.",
                "setopt SO_MEMINFO 1: an input error, the option is read-only (the kernel would say ENOPROTOOPT).",
            ],
            quirks: [
                """
                    SIOCINQ (FIONREAD) on a UDP socket gives the size of the next datagram only: the queue is \
                    told by rmem_alloc. The shell divides it by the truesize of one datagram the size of the next \
                    (measured on a private loopback pair) to count datagrams, exact for a burst of one size.
                    """,
                "The kernel doubles SO_RCVBUF because of this overhead: truesize exceeds the payload.",
                "drops is the same counter as the drops column of /proc/net/udp and of ss -m (d).",
            ],
            tryIt: [
                "socket udp as r; setopt SO_RCVBUF 4K; bind 127.0.0.1:0",
                "socket udp as s; connect r; source 140000 1400",
                "@r getopt SO_MEMINFO",
                "@r info; @r sink",
            ]
        ),
        ko: OptionNote(
            summary: "소켓의 메모리 회계입니다. 청구된 바이트와 버려진 수를 비롯한 카운터 아홉 개.",
            cType: "__u32[9] (SK_MEMINFO_VARS, 읽기 전용)",
            linuxDefault: "새 소켓은 rmem_alloc 0, drops 0. rcvbuf와 sndbuf는 SO_RCVBUF, SO_SNDBUF로 읽히는 값",
            effect: """
                바뀌는 것은 없고, 커널이 소켓에 청구한 메모리를 읽습니다. rmem_alloc은 수신 큐의 메모리로, 큐에 \
                든 버퍼마다의 truesize(페이로드, 헤드룸, struct sk_buff)를 합친 값이며 rcvbuf(커널이 두 배로 \
                잡아 둔 SO_RCVBUF)와 비교됩니다. drops는 커널이 이 소켓 몫으로 버린 패킷 수이고, UDP에서는 \
                대개 rmem_alloc이 rcvbuf를 넘게 될 때 늘어납니다. 나머지: 송신 쪽 wmem_alloc과 sndbuf, fwd_alloc(미리 \
                잡아 둔 메모리), wmem_queued(TCP 쓰기 큐), optmem(멤버십, 필터), backlog.
                """,
            when: "언제든 읽을 수 있고, 읽기 전용입니다. 데이터그램 소켓에서 몰아 보낸 뒤 읽기 전에 보면 좋습니다.",
            outcomes: [
                """
                    SO_RCVBUF 4K(8192로 잡힘)인 UDP 수신 소켓에 1400바이트 데이터그램 100개를 몰아 보내면: \
                    rmem_alloc 6912(truesize 2304인 데이터그램 세 개), drops 97.
                    """,
                "recv 한 번마다 rmem_alloc은 데이터그램 하나의 truesize만큼 줄고, drops는 줄지 않습니다.",
                "setopt SO_MEMINFO 1: 읽기 전용이라 입력 오류입니다(커널은 ENOPROTOOPT로 답할 것입니다).",
            ],
            quirks: [
                """
                    UDP 소켓에서 SIOCINQ(FIONREAD)는 다음 데이터그램 하나의 크기만 알려 줍니다. 큐의 양은 \
                    rmem_alloc이 말해 줍니다. 셸은 이것을 다음 데이터그램과 같은 크기인 데이터그램 하나의 \
                    truesize(별도 루프백 쌍에서 잰 값)로 나누어 개수를 셉니다. 같은 크기로 몰아 보낸 경우 정확합니다.
                    """,
                "커널이 SO_RCVBUF를 두 배로 잡는 까닭이 이 부가 비용입니다. truesize가 페이로드보다 큽니다.",
                "drops는 /proc/net/udp의 drops 칸, ss -m의 d와 같은 카운터입니다.",
            ],
            tryIt: [
                "socket udp as r; setopt SO_RCVBUF 4K; bind 127.0.0.1:0",
                "socket udp as s; connect r; source 140000 1400",
                "@r getopt SO_MEMINFO",
                "@r info; @r sink",
            ]
        )
    )

    // MARK: TCP_NODELAY

    private static let tcpNodelay = OptionNotes(
        related: ["TCP_CORK", "TCP_QUICKACK", "TCP_MAXSEG", "SO_SNDBUF"],
        example: "examples/nodelay.transcript",
        en: OptionNote(
            summary: """
                Turn off Nagle's algorithm: send small segments at once instead of holding them until the previous \
                data is acknowledged.
                """,
            cType: "int (boolean)",
            linuxDefault: "off (Nagle's algorithm is on)",
            effect: """
                Nagle's algorithm (RFC 896): while sent data is still unacknowledged, a segment smaller than the \
                MSS is held back until the ACK arrives or enough data has gathered to fill a segment. It saves \
                many tiny packets on slow links. With TCP_NODELAY on, every write goes out as soon as the window \
                allows. The classic trap is write-write-read: the second small write waits for an ACK that the \
                receiver delays (delayed ACK, 40 ms or more on Linux), and every request pays that delay.
                """,
            when: """
                Any time; turning it on also pushes out whatever Nagle was holding. Usually right after connect or \
                accept; accepted sockets inherit it from the listener.
                """,
            outcomes: [
                """
                    off, two small sends in a row while the first is unacknowledged: the second leaves only when \
                    the ACK comes back, up to the peer's delayed-ACK time later.
                    """,
                "on: each send becomes its own segment at once; more packets, lower latency.",
                """
                    On loopback ACKs return within microseconds, so the delay hardly shows; a packet capture makes it \
                    visible, best between two lab hosts (sockshell --lab).
                    """,
            ],
            quirks: [
                "TCP_CORK overrides it: while corked, partial segments wait even with TCP_NODELAY on.",
                """
                    Autocorking (net.ipv4.tcp_autocorking, on by default) may still merge small writes while an \
                    earlier packet is queued in the device.
                    """,
                "It does not touch delayed ACKs on the receiving side; that is TCP_QUICKACK.",
                "send more (MSG_MORE) holds data for one call even with TCP_NODELAY on.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt TCP_NODELAY on; getopt TCP_NODELAY",
                "send a; send b; send c; @conn recv",
            ]
        ),
        ko: OptionNote(
            summary: """
                네이글 알고리즘을 끕니다: 작은 세그먼트를 앞선 데이터가 확인될 때까지 붙잡지 않고 바로 보냅니다.
                """,
            cType: "int (불리언)",
            linuxDefault: "꺼짐 (네이글 알고리즘이 켜져 있음)",
            effect: """
                네이글 알고리즘(RFC 896)은 보낸 데이터가 아직 확인되지 않은 동안 MSS보다 작은 세그먼트를, ACK가 \
                오거나 세그먼트 하나를 채울 만큼 데이터가 모일 때까지 붙잡아 둡니다. 느린 링크에서 아주 작은 \
                패킷이 쏟아지는 것을 막아 줍니다. TCP_NODELAY를 켜면 쓸 때마다 윈도가 허락하는 즉시 나갑니다. \
                유명한 함정은 쓰기-쓰기-읽기 패턴입니다: 두 번째 작은 쓰기가 받는 쪽이 지연시키는 ACK(지연 ACK, \
                리눅스에서 40ms 이상)를 기다리느라 요청마다 그만큼 늦어집니다.
                """,
            when: """
                언제든 설정할 수 있고, 켜는 순간 네이글이 붙잡고 있던 것도 내보냅니다. 보통 connect나 accept \
                직후에 켜며, accept된 소켓은 리스너의 값을 물려받습니다.
                """,
            outcomes: [
                """
                    꺼짐, 첫 send가 확인되기 전에 작은 send 두 번: 두 번째는 ACK가 돌아와야 나가므로 상대의 지연 \
                    ACK 시간만큼 늦을 수 있습니다.
                    """,
                "켬: send마다 바로 각자의 세그먼트가 됩니다. 패킷은 늘고 지연은 줄어듭니다.",
                """
                    루프백에서는 ACK가 몇 마이크로초 만에 돌아와 지연이 거의 보이지 않습니다. 패킷 캡처로 \
                    보입니다. 두 랩 호스트 사이(sockshell --lab)에서 가장 잘 보입니다.
                    """,
            ],
            quirks: [
                "TCP_CORK가 우선합니다: 코르크가 꽂혀 있으면 TCP_NODELAY를 켜도 덜 찬 세그먼트는 기다립니다.",
                """
                    자동 코르크(net.ipv4.tcp_autocorking, 기본 켜짐)는 앞선 패킷이 장치 큐에 있는 동안 작은 \
                    쓰기들을 여전히 합칠 수 있습니다.
                    """,
                "받는 쪽의 지연 ACK는 건드리지 않습니다. 그것은 TCP_QUICKACK의 일입니다.",
                "send more(MSG_MORE)는 TCP_NODELAY가 켜져 있어도 그 호출의 데이터를 붙잡아 둡니다.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt TCP_NODELAY on; getopt TCP_NODELAY",
                "send a; send b; send c; @conn recv",
            ]
        )
    )

    // MARK: TCP_MAXSEG

    private static let tcpMaxseg = OptionNotes(
        related: ["TCP_INFO", "SO_RCVBUF", "TCP_NODELAY"],
        example: "examples/maxseg.transcript",
        en: OptionNote(
            summary: "Maximum segment size: the largest TCP payload in one segment, announced in the SYN.",
            cType: "int (bytes)",
            linuxDefault: """
                536 when read before connecting; after the handshake the MSS in use (1448 on Ethernet with \
                timestamps, tens of KB on lo)
                """,
            effect: """
                Each side announces its MSS as an option in the SYN or SYN-ACK: the largest segment it wants to \
                receive, normally the interface MTU minus 40 bytes of IP and TCP headers (1460 on Ethernet). \
                Setting TCP_MAXSEG before the handshake lowers the value announced and also caps what this side \
                sends. After the handshake getopt reports the MSS in use, which also leaves out the TCP options \
                carried in every segment: with timestamps on, 12 bytes less.
                """,
            when: """
                Before connect(), or on the listener before connections arrive: the MSS is exchanged only in the \
                SYN and SYN-ACK.
                """,
            outcomes: [
                """
                    setopt TCP_MAXSEG 1200 before connect: getopt reads 1200 until connected, then 1188 (12 bytes \
                    of timestamp option); the peer reads 1188 too.
                    """,
                "Set after the handshake: accepted, but the MSS in use does not change.",
                "setopt TCP_MAXSEG 50 = -1 EINVAL: Linux accepts 88 to 32767.",
                "Values larger than the interface MTU allows have no effect.",
            ],
            quirks: [
                """
                    Timestamps: 1200 reads back as 1188 once connected, because the 12-byte timestamp option rides \
                    in every segment.
                    """,
                "Before connect getopt shows 536 (or the value set), not the interface's MSS.",
                "Path MTU discovery can lower the MSS later; it never rises above what both sides announced.",
                "Linux clamps its own sending to the value set as well, so both directions use the smaller MSS.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; setopt TCP_MAXSEG 1200; getopt TCP_MAXSEG",
                "connect srv; getopt TCP_MAXSEG",
                "@srv accept as conn; @conn getopt TCP_MAXSEG",
            ]
        ),
        ko: OptionNote(
            summary: "최대 세그먼트 크기(MSS): 세그먼트 하나에 싣는 TCP 데이터의 최대 크기로, SYN에서 알립니다.",
            cType: "int (바이트)",
            linuxDefault: """
                연결 전에 읽으면 536, 핸드셰이크 뒤에는 실제 쓰는 MSS(타임스탬프가 있는 이더넷에서 1448, lo에서는 \
                수십 KB)
                """,
            effect: """
                양쪽은 SYN이나 SYN-ACK의 옵션으로 자기 MSS, 즉 받고 싶은 가장 큰 세그먼트 크기를 알립니다. 보통 \
                인터페이스 MTU에서 IP와 TCP 헤더 40바이트를 뺀 값입니다(이더넷에서 1460). 핸드셰이크 전에 \
                TCP_MAXSEG를 설정하면 알리는 값이 작아지고, 이쪽이 보내는 크기도 그 값으로 제한됩니다. 핸드셰이크 \
                뒤 getopt는 실제로 쓰는 MSS를 보여 주는데, 모든 세그먼트에 실리는 TCP 옵션도 빠진 값입니다: \
                타임스탬프가 켜져 있으면 12바이트가 줄어듭니다.
                """,
            when: """
                connect() 전에, 또는 연결이 들어오기 전에 리스너에 설정합니다. MSS는 SYN과 SYN-ACK에서만 교환되기 \
                때문입니다.
                """,
            outcomes: [
                """
                    connect 전에 setopt TCP_MAXSEG 1200: 연결 전까지 getopt는 1200, 연결 뒤에는 1188(타임스탬프 \
                    옵션 12바이트)이고, 상대 쪽도 1188입니다.
                    """,
                "핸드셰이크 뒤에 설정: 받아들여지지만 실제 쓰는 MSS는 바뀌지 않습니다.",
                "setopt TCP_MAXSEG 50 = -1 EINVAL: 리눅스는 88부터 32767까지 받습니다.",
                "인터페이스 MTU가 허락하는 것보다 큰 값은 효과가 없습니다.",
            ],
            quirks: [
                """
                    타임스탬프: 연결된 뒤 1200은 1188로 읽힙니다. 12바이트짜리 타임스탬프 옵션이 모든 세그먼트에 \
                    실리기 때문입니다.
                    """,
                "연결 전 getopt는 인터페이스의 MSS가 아니라 536(또는 설정한 값)을 보여 줍니다.",
                "경로 MTU 탐색으로 나중에 MSS가 줄 수는 있지만, 양쪽이 알린 값보다 커지지는 않습니다.",
                "리눅스는 자기가 보내는 크기도 설정한 값으로 제한하므로 양방향 모두 작은 MSS를 씁니다.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; setopt TCP_MAXSEG 1200; getopt TCP_MAXSEG",
                "connect srv; getopt TCP_MAXSEG",
                "@srv accept as conn; @conn getopt TCP_MAXSEG",
            ]
        )
    )

    // MARK: TCP_KEEPIDLE

    private static let tcpKeepidle = OptionNotes(
        related: ["SO_KEEPALIVE", "TCP_KEEPINTVL", "TCP_KEEPCNT", "TCP_USER_TIMEOUT"],
        example: "examples/keepalive.transcript",
        en: OptionNote(
            summary: "Seconds of silence before the first keepalive probe.",
            cType: "int (seconds)",
            linuxDefault: "7200 (net.ipv4.tcp_keepalive_time)",
            effect: """
                With SO_KEEPALIVE on, the kernel sends the first probe once the connection has received nothing \
                for this many seconds; any segment from the peer starts the count again. Without SO_KEEPALIVE the \
                value is only stored.
                """,
            when: """
                Any time; on a socket with keepalive already on, a new value re-arms the timer. Set on a listener, \
                it is inherited by accepted sockets.
                """,
            outcomes: [
                """
                    TCP_KEEPIDLE 1 with SO_KEEPALIVE on: the first probe goes after 1 s of silence; once one is \
                    answered the next waits TCP_KEEPINTVL (75 s by default), so with TCP_KEEPINTVL 1 as well an \
                    idle connection exchanges a probe and its ACK about every second (tcpdump -i lo shows them).
                    """,
                "Without SO_KEEPALIVE: nothing is ever sent.",
                "0 or more than 32767 = -1 EINVAL.",
            ],
            quirks: [
                "The unit is seconds; a bare value in this shell is in the kernel's unit.",
                "Linux name; macOS calls the same thing TCP_KEEPALIVE.",
                "Sockets that never set it follow the sysctl, even when the sysctl changes after they were opened.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_KEEPALIVE on; setopt TCP_KEEPIDLE 1; getopt TCP_KEEPIDLE",
                "@conn getopt TCP_KEEPIDLE",
            ]
        ),
        ko: OptionNote(
            summary: "첫 킵얼라이브 탐침을 보내기 전까지 조용해야 하는 시간(초)입니다.",
            cType: "int (초)",
            linuxDefault: "7200 (net.ipv4.tcp_keepalive_time)",
            effect: """
                SO_KEEPALIVE가 켜져 있으면, 연결이 이 시간 동안 아무것도 받지 못했을 때 커널이 첫 탐침을 보냅니다. \
                상대에게서 세그먼트가 하나라도 오면 처음부터 다시 셉니다. SO_KEEPALIVE가 꺼져 있으면 값만 \
                저장됩니다.
                """,
            when: """
                언제든 설정할 수 있고, 킵얼라이브가 이미 켜진 소켓에서는 새 값으로 타이머를 다시 겁니다. 리스너에 \
                설정하면 accept된 소켓이 물려받습니다.
                """,
            outcomes: [
                """
                    SO_KEEPALIVE를 켜고 TCP_KEEPIDLE 1: 첫 탐침은 1초 동안 조용하면 나갑니다. 탐침에 답이 오면 \
                    다음 탐침은 TCP_KEEPINTVL(기본 75초)만큼 기다리므로, TCP_KEEPINTVL도 1이어야 쉬는 연결이 약 \
                    1초마다 탐침과 그 ACK를 주고받습니다(tcpdump -i lo로 보임).
                    """,
                "SO_KEEPALIVE가 꺼져 있으면: 아무것도 보내지 않습니다.",
                "0이나 32767보다 큰 값 = -1 EINVAL.",
            ],
            quirks: [
                "단위는 초입니다. 이 셸에서 단위 없는 값은 커널의 단위를 따릅니다.",
                "리눅스의 이름이며, macOS에서는 같은 것을 TCP_KEEPALIVE라고 부릅니다.",
                "이 값을 설정하지 않은 소켓은 sysctl을 따르며, 소켓을 연 뒤에 sysctl이 바뀌어도 새 값을 따릅니다.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_KEEPALIVE on; setopt TCP_KEEPIDLE 1; getopt TCP_KEEPIDLE",
                "@conn getopt TCP_KEEPIDLE",
            ]
        )
    )

    // MARK: TCP_KEEPINTVL

    private static let tcpKeepintvl = OptionNotes(
        related: ["SO_KEEPALIVE", "TCP_KEEPIDLE", "TCP_KEEPCNT"],
        example: "examples/keepalive.transcript",
        en: OptionNote(
            summary: "Seconds between keepalive probes once the first one has gone unanswered.",
            cType: "int (seconds)",
            linuxDefault: "75 (net.ipv4.tcp_keepalive_intvl)",
            effect: """
                After a probe gets no answer, the kernel sends another every TCP_KEEPINTVL seconds until one is \
                answered or TCP_KEEPCNT have gone unanswered. With idle time I, interval V and count C, a silent \
                peer is declared dead about I + C x V seconds after the last segment it sent.
                """,
            when: "Any time, usually together with TCP_KEEPIDLE and TCP_KEEPCNT; inherited from a listener.",
            outcomes: [
                """
                    TCP_KEEPIDLE 1, TCP_KEEPINTVL 1, TCP_KEEPCNT 2 and a peer gone silent: a blocked recv fails \
                    with ETIMEDOUT after about 3 s.
                    """,
                "The peer answers a later probe: the count starts again and nothing else happens.",
                "0 or more than 32767 = -1 EINVAL.",
            ],
            quirks: [
                "Only matters with SO_KEEPALIVE on.",
                "With the defaults (7200 + 9 x 75) a dead peer goes unnoticed for over two hours.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_KEEPALIVE on; setopt TCP_KEEPINTVL 1; getopt TCP_KEEPINTVL",
            ]
        ),
        ko: OptionNote(
            summary: "첫 탐침이 답을 못 받은 뒤 킵얼라이브 탐침 사이의 간격(초)입니다.",
            cType: "int (초)",
            linuxDefault: "75 (net.ipv4.tcp_keepalive_intvl)",
            effect: """
                탐침이 답을 받지 못하면, 답이 올 때까지 또는 TCP_KEEPCNT번이 무시될 때까지 TCP_KEEPINTVL초마다 \
                다시 보냅니다. 유휴 시간 I, 간격 V, 횟수 C라면 침묵하는 상대는 마지막 세그먼트를 보낸 지 약 I + C \
                x V초 뒤에 죽은 것으로 판정됩니다.
                """,
            when: """
                언제든 설정할 수 있고, 보통 TCP_KEEPIDLE, TCP_KEEPCNT와 함께 정합니다. 리스너의 값을 물려받습니다.
                """,
            outcomes: [
                """
                    TCP_KEEPIDLE 1, TCP_KEEPINTVL 1, TCP_KEEPCNT 2에서 상대가 침묵하면: 대기 중인 recv가 약 3초 뒤 \
                    ETIMEDOUT으로 실패합니다.
                    """,
                "상대가 나중 탐침에 답하면: 횟수를 처음부터 다시 세고 다른 일은 없습니다.",
                "0이나 32767보다 큰 값 = -1 EINVAL.",
            ],
            quirks: [
                "SO_KEEPALIVE가 켜져 있을 때만 의미가 있습니다.",
                "기본값(7200 + 9 x 75)이면 죽은 상대를 두 시간 넘게 알아채지 못합니다.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_KEEPALIVE on; setopt TCP_KEEPINTVL 1; getopt TCP_KEEPINTVL",
            ]
        )
    )

    // MARK: TCP_KEEPCNT

    private static let tcpKeepcnt = OptionNotes(
        related: ["SO_KEEPALIVE", "TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_USER_TIMEOUT"],
        example: "examples/keepalive.transcript",
        en: OptionNote(
            summary: "How many unanswered keepalive probes end the connection.",
            cType: "int (count)",
            linuxDefault: "9 (net.ipv4.tcp_keepalive_probes)",
            effect: """
                The kernel counts keepalive probes that get no answer; when the count reaches this value it aborts \
                the connection, and the program's next (or blocked) recv or send fails with ETIMEDOUT. Any answer \
                from the peer resets the count.
                """,
            when: "Any time, usually together with TCP_KEEPIDLE and TCP_KEEPINTVL; inherited from a listener.",
            outcomes: [
                """
                    TCP_KEEPCNT 2 with idle and interval 1 s, peer silent: ETIMEDOUT about 3 s after the last \
                    segment.
                    """,
                """
                    Peer host rebooted: its first answer is a RST, so the result is ECONNRESET before the count \
                    runs out.
                    """,
                "0 or more than 127 = -1 EINVAL.",
            ],
            quirks: [
                "127 is the Linux maximum.",
                "TCP_USER_TIMEOUT, when set, decides instead of the count.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_KEEPALIVE on; setopt TCP_KEEPCNT 2; getopt TCP_KEEPCNT",
            ]
        ),
        ko: OptionNote(
            summary: "답을 받지 못한 킵얼라이브 탐침이 몇 번이면 연결을 끊을지 정합니다.",
            cType: "int (횟수)",
            linuxDefault: "9 (net.ipv4.tcp_keepalive_probes)",
            effect: """
                커널은 답을 받지 못한 탐침 수를 세다가 이 값에 이르면 연결을 끊고, 프로그램의 다음(또는 대기 중인) \
                recv나 send는 ETIMEDOUT으로 실패합니다. 상대가 한 번이라도 답하면 횟수는 처음부터 다시 셉니다.
                """,
            when: """
                언제든 설정할 수 있고, 보통 TCP_KEEPIDLE, TCP_KEEPINTVL과 함께 정합니다. 리스너의 값을 \
                물려받습니다.
                """,
            outcomes: [
                "유휴 시간과 간격이 1초이고 TCP_KEEPCNT 2, 상대 침묵: 마지막 세그먼트로부터 약 3초 뒤 ETIMEDOUT.",
                "상대 호스트가 재부팅됨: 첫 답이 RST이므로 횟수가 다 차기 전에 ECONNRESET이 됩니다.",
                "0이나 127보다 큰 값 = -1 EINVAL.",
            ],
            quirks: [
                "리눅스의 최댓값은 127입니다.",
                "TCP_USER_TIMEOUT을 설정하면 횟수 대신 그 값이 결정합니다.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt SO_KEEPALIVE on; setopt TCP_KEEPCNT 2; getopt TCP_KEEPCNT",
            ]
        )
    )

    // MARK: TCP_SYNCNT

    private static let tcpSyncnt = OptionNotes(
        related: ["SO_SNDTIMEO", "TCP_USER_TIMEOUT", "SO_ERROR"],
        example: "examples/lab-syncnt.transcript",
        en: OptionNote(
            summary: "How many times connect() resends its SYN before giving up.",
            cType: "int (count)",
            linuxDefault: "6 (net.ipv4.tcp_syn_retries): about 127 s of trying (1+2+4+8+16+32+64 s)",
            effect: """
                connect() sends a SYN and, without an answer, sends it again with the timeout doubling each time \
                (1 s, 2 s, 4 s, ...). After this many retransmissions without a SYN-ACK it gives up and connect \
                fails with ETIMEDOUT. A RST in answer ends the attempt at once with ECONNREFUSED, whatever the \
                count.
                """,
            when: "Before connect().",
            outcomes: [
                "TCP_SYNCNT 1 toward a host that ignores SYNs: connect = -1 ETIMEDOUT after about 3 s (1 s + 2 s).",
                "Default 6: about 127 s before ETIMEDOUT.",
                "Port closed: -1 ECONNREFUSED at once; the count does not matter.",
            ],
            quirks: [
                "The range is 1..127 on current kernels (tcp(7) still says 255); 0 and 128 give EINVAL.",
                "On a listener it does nothing: SYN-ACK retries follow net.ipv4.tcp_synack_retries.",
                """
                    On loopback a SYN is always answered: examples/lab-syncnt.transcript shows the timeout \
                    in the lab (sockshell --lab), with a host behind a cut link.
                    """,
                """
                    SO_SNDTIMEO or a non-blocking connect return earlier, but the SYN retries go on in the \
                    background.
                    """,
            ],
            tryIt: [
                "socket tcp; setopt TCP_SYNCNT 1; getopt TCP_SYNCNT",
                "connect 127.0.0.1:9",
            ]
        ),
        ko: OptionNote(
            summary: "connect()가 포기하기 전에 SYN을 몇 번 다시 보낼지 정합니다.",
            cType: "int (횟수)",
            linuxDefault: "6 (net.ipv4.tcp_syn_retries): 약 127초 동안 시도(1+2+4+8+16+32+64초)",
            effect: """
                connect()는 SYN을 보내고 답이 없으면 기다리는 시간을 매번 두 배로 늘리며(1초, 2초, 4초, ...) 다시 \
                보냅니다. 이 횟수만큼 재전송해도 SYN-ACK가 없으면 포기하고 connect는 ETIMEDOUT으로 실패합니다. \
                답으로 RST가 오면 횟수와 상관없이 바로 ECONNREFUSED로 끝납니다.
                """,
            when: "connect() 전에 설정합니다.",
            outcomes: [
                "SYN을 무시하는 호스트로 TCP_SYNCNT 1: 약 3초(1초 + 2초) 뒤 connect = -1 ETIMEDOUT.",
                "기본값 6: ETIMEDOUT까지 약 127초.",
                "포트가 닫혀 있으면: 바로 -1 ECONNREFUSED, 횟수는 상관없습니다.",
            ],
            quirks: [
                "요즘 커널의 범위는 1..127입니다(tcp(7)에는 아직 255라고 적혀 있음). 0과 128은 EINVAL입니다.",
                "리스너에서는 아무 일도 하지 않습니다: SYN-ACK 재전송은 net.ipv4.tcp_synack_retries를 따릅니다.",
                "루프백에서는 SYN에 항상 답합니다. 타임아웃은 examples/lab-syncnt.transcript가 랩(sockshell --lab)에서 링크가 끊긴 호스트로 보여 줍니다.",
                "SO_SNDTIMEO나 논블로킹 connect는 더 일찍 돌아오지만, SYN 재전송은 뒤에서 계속됩니다.",
            ],
            tryIt: [
                "socket tcp; setopt TCP_SYNCNT 1; getopt TCP_SYNCNT",
                "connect 127.0.0.1:9",
            ]
        )
    )

    // MARK: TCP_CORK

    private static let tcpCork = OptionNotes(
        related: ["TCP_NODELAY", "TCP_MAXSEG"],
        example: "examples/nodelay.transcript",
        en: OptionNote(
            summary: """
                Hold back partial segments until the cork is removed, so that pieces written separately leave in \
                full segments.
                """,
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                While corked, TCP sends only full-sized segments; a partial tail waits in the send buffer. \
                Removing the cork sends the tail at once. It is used to glue a header write and a body (often \
                sendfile) into as few packets as possible. Unlike Nagle it does not depend on outstanding ACKs.
                """,
            when: "Set before the writes to be merged; clear it after the last one.",
            outcomes: [
                """
                    cork on, three small sends: nothing leaves yet and the peer's poll shows nothing to read; cork \
                    off: all three arrive in one segment.
                    """,
                "cork on and nothing more for 200 ms: the held data goes out anyway.",
                "A full MSS worth of data is sent even while corked.",
            ],
            quirks: [
                "200 ms ceiling: the kernel never holds corked data longer than that.",
                "It overrides TCP_NODELAY; turning TCP_NODELAY on while corked flushes once, but the cork stays.",
                "send more (MSG_MORE) is the same idea for one call.",
                "Linux only; FreeBSD's TCP_NOPUSH is similar.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt TCP_CORK on; send head; send er; poll",
                "setopt TCP_CORK off; @conn recv",
            ]
        ),
        ko: OptionNote(
            summary: """
                코르크를 뽑을 때까지 덜 찬 세그먼트를 붙잡아 두어, 따로 쓴 조각들이 꽉 찬 세그먼트로 나가게 \
                합니다.
                """,
            cType: "int (불리언)",
            linuxDefault: "꺼짐",
            effect: """
                코르크가 꽂혀 있는 동안 TCP는 꽉 찬 세그먼트만 보내고, 덜 찬 꼬리는 송신 버퍼에서 기다립니다. \
                코르크를 뽑으면 꼬리가 바로 나갑니다. 헤더 쓰기와 본문(흔히 sendfile)을 되도록 적은 패킷으로 묶을 \
                때 씁니다. 네이글과 달리 아직 확인되지 않은 데이터가 있는지와는 상관없습니다.
                """,
            when: "묶을 쓰기들 전에 켜고, 마지막 쓰기 뒤에 끕니다.",
            outcomes: [
                """
                    코르크를 켜고 작은 send 세 번: 아직 아무것도 나가지 않아 상대의 poll에 읽을 것이 없습니다. \
                    코르크를 끄면: 세 조각이 한 세그먼트로 도착합니다.
                    """,
                "코르크를 켠 채 200ms 동안 아무것도 안 하면: 붙잡힌 데이터가 어쨌든 나갑니다.",
                "MSS만큼 꽉 찬 데이터는 코르크 중에도 나갑니다.",
            ],
            quirks: [
                "200ms 상한: 커널은 코르크된 데이터를 그보다 오래 붙잡지 않습니다.",
                """
                    TCP_NODELAY보다 우선합니다. 코르크 중에 TCP_NODELAY를 켜면 한 번 밀어내지만 코르크는 \
                    그대로입니다.
                    """,
                "send more(MSG_MORE)는 호출 한 번에 대한 같은 생각입니다.",
                "리눅스 전용이며, FreeBSD의 TCP_NOPUSH가 비슷합니다.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt TCP_CORK on; send head; send er; poll",
                "setopt TCP_CORK off; @conn recv",
            ]
        )
    )

    // MARK: TCP_QUICKACK

    private static let tcpQuickack = OptionNotes(
        related: ["TCP_NODELAY"],
        example: nil,
        en: OptionNote(
            summary: "Send ACKs at once instead of delaying them; a one-time switch, not a lasting mode.",
            cType: "int (boolean)",
            linuxDefault: "reads 1 on a new socket (not in delayed-ACK mode); the kernel changes it by itself",
            effect: """
                Once Linux sees an interactive exchange it delays ACKs (40 ms at least, up to 200 ms) hoping to \
                piggyback them on reply data. Setting TCP_QUICKACK to 1 leaves that delayed mode and sends a \
                pending ACK now; setting 0 enters it. The kernel goes back to its own rules as traffic goes on, so \
                programs that want quick ACKs set it again after each recv.
                """,
            when: "Right after each recv whose data should be acknowledged at once; the setting wears off.",
            outcomes: [
                "setopt TCP_QUICKACK on after a recv: the ACK leaves at once.",
                """
                    After a few request-reply exchanges getopt reads 0: the kernel has entered delayed-ACK mode \
                    again.
                    """,
                "setopt TCP_QUICKACK off: ACKs are delayed from now on, until the kernel decides otherwise.",
            ],
            quirks: [
                "Not permanent (tcp(7)): the value read back is the current mode, not the value set.",
                "It removes a Nagle stall from the receiving side; TCP_NODELAY removes it from the sending side.",
                "Linux only.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "@conn getopt TCP_QUICKACK",
                "send ping; @conn recv; @conn send pong; recv; @conn getopt TCP_QUICKACK",
                "@conn setopt TCP_QUICKACK on; @conn getopt TCP_QUICKACK",
            ]
        ),
        ko: OptionNote(
            summary: "ACK를 미루지 않고 바로 보냅니다. 계속 유지되는 모드가 아니라 한 번 켜는 스위치입니다.",
            cType: "int (불리언)",
            linuxDefault: "새 소켓에서는 1로 읽힘(지연 ACK 모드가 아님). 커널이 스스로 바꿈",
            effect: """
                리눅스는 주고받는 대화형 흐름을 알아채면 응답 데이터에 얹어 보내려고 ACK를 미룹니다(최소 40ms, \
                최대 200ms). TCP_QUICKACK에 1을 주면 그 지연 모드에서 나오며 밀린 ACK를 바로 보내고, 0을 주면 지연 \
                모드로 들어갑니다. 트래픽이 이어지면 커널은 자기 규칙으로 돌아가므로, 빠른 ACK를 원하는 프로그램은 \
                recv할 때마다 다시 설정합니다.
                """,
            when: "데이터를 곧바로 확인해 주어야 하는 recv 직후마다 설정합니다. 설정은 시간이 지나면 풀립니다.",
            outcomes: [
                "recv 뒤 setopt TCP_QUICKACK on: ACK가 바로 나갑니다.",
                """
                    요청-응답을 몇 번 주고받은 뒤 getopt는 0으로 읽힙니다: 커널이 다시 지연 ACK 모드에 들어간 \
                    것입니다.
                    """,
                "setopt TCP_QUICKACK off: 커널이 달리 판단할 때까지 ACK를 미룹니다.",
            ],
            quirks: [
                "영구적이지 않습니다(tcp(7)): 읽히는 값은 설정한 값이 아니라 현재 모드입니다.",
                "네이글 때문에 멈추는 것을 받는 쪽에서 풀어 줍니다. 보내는 쪽에서 푸는 것은 TCP_NODELAY입니다.",
                "리눅스 전용입니다.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "@conn getopt TCP_QUICKACK",
                "send ping; @conn recv; @conn send pong; recv; @conn getopt TCP_QUICKACK",
                "@conn setopt TCP_QUICKACK on; @conn getopt TCP_QUICKACK",
            ]
        )
    )

    // MARK: TCP_USER_TIMEOUT

    private static let tcpUserTimeout = OptionNotes(
        related: ["SO_KEEPALIVE", "TCP_KEEPCNT", "TCP_SYNCNT", "SO_SNDTIMEO"],
        example: "examples/lab-usertimeout.transcript",
        en: OptionNote(
            summary: """
                Milliseconds that sent data may stay unacknowledged before TCP drops the connection with \
                ETIMEDOUT.
                """,
            cType: "unsigned int (milliseconds)",
            linuxDefault: """
                0 = the system rule: net.ipv4.tcp_retries2 = 15 retransmissions, roughly 15 to 20 minutes
                """,
            effect: """
                When data is sent but no ACK comes back (the peer or the path died), TCP retransmits with growing \
                intervals. With TCP_USER_TIMEOUT set it gives up once the oldest unacknowledged data is that old, \
                closes the connection and reports ETIMEDOUT. The same limit applies when a zero window keeps data \
                from being sent, and with SO_KEEPALIVE on it decides when unanswered probes end the connection, \
                instead of TCP_KEEPCNT.
                """,
            when: """
                Any time; it counts only while the connection is synchronized (ESTABLISHED, FIN-WAIT, CLOSE-WAIT, \
                ...). Inherited from a listener.
                """,
            outcomes: [
                """
                    Peer gone silent, TCP_USER_TIMEOUT 2000, send some data: send succeeds (it only queues), and \
                    about 2 s later the next recv or send fails with ETIMEDOUT.
                    """,
                "The peer acknowledges in time: nothing happens.",
                "A negative value = -1 EINVAL.",
            ],
            quirks: [
                "It changes when TCP gives up, not when it retransmits or sends keepalive probes.",
                "The unit is milliseconds, unlike the keepalive options' seconds.",
                "Linux 2.6.37 and later; RFC 5482 describes the idea, but Linux does not send it as a TCP option.",
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt TCP_USER_TIMEOUT 2000; getopt TCP_USER_TIMEOUT",
            ]
        ),
        ko: OptionNote(
            summary: """
                보낸 데이터가 확인되지 않은 채 있을 수 있는 시간(밀리초)이며, 넘으면 TCP가 ETIMEDOUT으로 연결을 \
                끊습니다.
                """,
            cType: "unsigned int (밀리초)",
            linuxDefault: "0 = 시스템 규칙: net.ipv4.tcp_retries2 = 15번 재전송, 대략 15~20분",
            effect: """
                데이터를 보냈는데 ACK가 돌아오지 않으면(상대나 경로가 죽음) TCP는 간격을 늘려 가며 재전송합니다. \
                TCP_USER_TIMEOUT을 설정하면 확인되지 않은 가장 오래된 데이터가 그만큼 묵었을 때 포기하고 연결을 \
                닫으며 ETIMEDOUT을 보고합니다. 제로 윈도 때문에 데이터를 보내지 못하는 경우에도 같은 한도가 \
                적용되고, SO_KEEPALIVE가 켜져 있으면 TCP_KEEPCNT 대신 이 값이 답 없는 탐침 끝에 연결을 끊을 때를 \
                정합니다.
                """,
            when: """
                언제든 설정할 수 있지만 연결이 동기화된 상태(ESTABLISHED, FIN-WAIT, CLOSE-WAIT 등)에서만 시간을 \
                셉니다. 리스너의 값을 물려받습니다.
                """,
            outcomes: [
                """
                    상대가 침묵하는데 TCP_USER_TIMEOUT 2000에서 데이터를 send: send는 성공하고(큐에 넣을 뿐), 약 \
                    2초 뒤 다음 recv나 send가 ETIMEDOUT으로 실패합니다.
                    """,
                "상대가 시간 안에 확인하면: 아무 일도 없습니다.",
                "음수 값 = -1 EINVAL.",
            ],
            quirks: [
                "TCP가 포기하는 시점만 바꿀 뿐, 재전송이나 킵얼라이브 탐침을 보내는 시점은 바꾸지 않습니다.",
                "단위는 밀리초로, 초 단위인 킵얼라이브 옵션들과 다릅니다.",
                """
                    리눅스 2.6.37부터 있습니다. RFC 5482가 이 생각을 설명하지만, 리눅스는 이것을 TCP 옵션으로 \
                    보내지 않습니다.
                    """,
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "setopt TCP_USER_TIMEOUT 2000; getopt TCP_USER_TIMEOUT",
            ]
        )
    )

    // MARK: TCP_CONGESTION

    private static let tcpCongestion = OptionNotes(
        related: ["TCP_INFO", "SO_SNDBUF"],
        example: nil,
        en: OptionNote(
            summary: "The congestion-control algorithm this socket sends with (cubic, bbr, reno, ...).",
            cType: "char[16] (name)",
            linuxDefault: "net.ipv4.tcp_congestion_control: cubic on most distributions, bbr on some kernels",
            effect: """
                The algorithm decides how fast the sender grows its congestion window and how it reacts to loss or \
                delay: reno halves the window on loss, cubic (the usual Linux default) regrows it along a cubic \
                curve, bbr paces by the measured bandwidth and round-trip time. It affects only what this side \
                sends; the receiver needs nothing. It can be changed on a live connection.
                """,
            when: "Any time, on the sending side; before connect (or on the listener) to shape the whole transfer.",
            outcomes: [
                "setopt TCP_CONGESTION reno; getopt TCP_CONGESTION reads \"reno\".",
                "A name no module provides: -1 ENOENT.",
                """
                    A name that exists but is not in net.ipv4.tcp_allowed_congestion_control, without \
                    CAP_NET_ADMIN: -1 EPERM.
                    """,
            ],
            quirks: [
                "Defaults differ between kernels and distributions, so lessons set it before reading it.",
                "reno is always built in; the others may be modules that only a privileged process can load.",
                "The name is at most 15 characters (TCP_CA_NAME_MAX 16, NUL included).",
            ],
            tryIt: [
                "socket tcp; getopt TCP_CONGESTION",
                "setopt TCP_CONGESTION reno; getopt TCP_CONGESTION",
                "setopt TCP_CONGESTION nosuch",
            ]
        ),
        ko: OptionNote(
            summary: "이 소켓이 보낼 때 쓰는 혼잡 제어 알고리즘(cubic, bbr, reno 등)입니다.",
            cType: "char[16] (이름)",
            linuxDefault: "net.ipv4.tcp_congestion_control: 대부분의 배포판에서 cubic, 일부 커널에서 bbr",
            effect: """
                알고리즘은 보내는 쪽이 혼잡 윈도를 얼마나 빨리 키우고 손실이나 지연에 어떻게 반응할지 정합니다. \
                reno는 손실이 나면 윈도를 반으로 줄이고, cubic(리눅스의 보통 기본값)은 3차 곡선을 따라 다시 \
                키우며, bbr은 측정한 대역폭과 왕복 시간에 맞춰 속도를 조절합니다. 이쪽이 보내는 것에만 영향이 있고 \
                받는 쪽은 아무것도 필요 없습니다. 연결 중에도 바꿀 수 있습니다.
                """,
            when: "보내는 쪽에서 언제든 설정합니다. 전송 전체에 적용하려면 connect 전에(또는 리스너에) 설정합니다.",
            outcomes: [
                "setopt TCP_CONGESTION reno 후 getopt TCP_CONGESTION은 \"reno\"를 읽습니다.",
                "어떤 모듈도 제공하지 않는 이름: -1 ENOENT.",
                "있지만 net.ipv4.tcp_allowed_congestion_control에 없는 이름을 CAP_NET_ADMIN 없이 설정: -1 EPERM.",
            ],
            quirks: [
                "기본값이 커널과 배포판마다 다르므로, 수업에서는 읽기 전에 먼저 설정합니다.",
                "reno는 항상 내장되어 있고, 다른 것은 권한 있는 프로세스만 올릴 수 있는 모듈일 수 있습니다.",
                "이름은 최대 15자입니다(TCP_CA_NAME_MAX 16, NUL 포함).",
            ],
            tryIt: [
                "socket tcp; getopt TCP_CONGESTION",
                "setopt TCP_CONGESTION reno; getopt TCP_CONGESTION",
                "setopt TCP_CONGESTION nosuch",
            ]
        )
    )

    // MARK: TCP_INFO

    private static let tcpInfo = OptionNotes(
        related: ["TCP_MAXSEG", "SO_RCVBUF", "TCP_CONGESTION"],
        example: "examples/buffers.transcript",
        en: OptionNote(
            summary: "A snapshot of the connection's TCP state and counters, straight from the kernel.",
            cType: "struct tcp_info",
            linuxDefault: "filled in by the kernel at each read",
            effect: """
                Returns the kernel's view of one connection: the state (ESTABLISHED, CLOSE_WAIT, ...), the \
                retransmission timeout, round-trip time and its variance in microseconds, send and receive MSS, \
                congestion window and slow-start threshold, unacknowledged, lost and retransmitted segments, and \
                the options agreed in the handshake (timestamps, SACK, window scale in each direction). Nothing is \
                sent. getopt TCP_INFO shows it decoded, and info uses it for the TCP state.
                """,
            when: "Any time on a TCP socket; most telling right after the handshake and during a transfer.",
            outcomes: [
                """
                    Right after connect: state ESTABLISHED, with rcv_wscale and snd_wscale as agreed in the \
                    handshake.
                    """,
                """
                    After the peer's FIN: state CLOSE_WAIT; after our own shutdown wr: FIN_WAIT2 once it is \
                    acknowledged.
                    """,
                "On a listener: state LISTEN.",
                """
                    setsockopt of TCP_INFO fails with ENOPROTOOPT; the shell refuses setopt TCP_INFO before \
                    calling it.
                    """,
            ],
            quirks: [
                "Linux only; FreeBSD has a different struct with the same name.",
                """
                    The struct grows with kernel versions: the kernel copies min(optlen, its size) and reports the \
                    length, so old programs keep working (glibc's view is 104 bytes).
                    """,
                "rtt is smoothed and in microseconds; on loopback it is a few tens of microseconds.",
                """
                    It shows the effect of SO_RCVBUF set before the handshake: 32K on the listener gives \
                    rcv_wscale 0 on the accepted socket.
                    """,
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "getopt TCP_INFO",
                "@conn shutdown wr; getopt TCP_INFO; info",
            ]
        ),
        ko: OptionNote(
            summary: "커널에서 바로 가져온, 연결의 TCP 상태와 카운터의 스냅숏입니다.",
            cType: "struct tcp_info",
            linuxDefault: "읽을 때마다 커널이 채움",
            effect: """
                연결 하나에 대한 커널의 시각을 돌려줍니다: 상태(ESTABLISHED, CLOSE_WAIT 등), 재전송 타임아웃, \
                마이크로초 단위의 왕복 시간과 그 변동, 송수신 MSS, 혼잡 윈도와 슬로 스타트 임계값, 확인되지 않은 \
                세그먼트와 잃은 세그먼트와 재전송한 세그먼트 수, 핸드셰이크에서 합의한 옵션(타임스탬프, SACK, \
                방향별 윈도 스케일). 아무것도 전송되지 않습니다. getopt TCP_INFO는 이것을 풀어서 보여 주고, info는 \
                TCP 상태를 여기서 가져옵니다.
                """,
            when: "TCP 소켓이면 언제든 읽을 수 있습니다. 핸드셰이크 직후와 전송 중에 가장 많은 것을 알려 줍니다.",
            outcomes: [
                "connect 직후: 상태 ESTABLISHED, rcv_wscale과 snd_wscale은 핸드셰이크에서 합의한 값.",
                "상대의 FIN 뒤: 상태 CLOSE_WAIT. 우리가 shutdown wr을 한 뒤 확인을 받으면: FIN_WAIT2.",
                "리스너에서는: 상태 LISTEN.",
                "TCP_INFO의 setsockopt는 ENOPROTOOPT로 실패합니다. 셸은 setopt TCP_INFO를 호출 전에 거절합니다.",
            ],
            quirks: [
                "리눅스 전용이며, FreeBSD에는 같은 이름의 다른 구조체가 있습니다.",
                """
                    구조체는 커널 버전마다 커집니다: 커널은 min(optlen, 자기 크기)만큼 복사하고 그 길이를 알려 \
                    주므로 옛 프로그램도 계속 동작합니다(glibc가 보는 크기는 104바이트).
                    """,
                "rtt는 평활화된 값이고 단위는 마이크로초입니다. 루프백에서는 수십 마이크로초 정도입니다.",
                """
                    핸드셰이크 전에 설정한 SO_RCVBUF의 효과가 보입니다: 리스너에 32K를 주면 accept된 소켓의 \
                    rcv_wscale이 0입니다.
                    """,
            ],
            tryIt: [
                "socket tcp as srv; bind 127.0.0.1:0; listen",
                "socket tcp as cli; connect srv; @srv accept as conn",
                "getopt TCP_INFO",
                "@conn shutdown wr; getopt TCP_INFO; info",
            ]
        )
    )

    // MARK: IP_TTL

    private static let ipTtl = OptionNotes(
        related: ["IP_MULTICAST_TTL", "IPV6_UNICAST_HOPS", "SO_DONTROUTE"],
        example: nil,
        en: OptionNote(
            summary: "Time-to-live of outgoing unicast IPv4 packets: how many routers they may cross.",
            cType: "int (1-255)",
            linuxDefault: "64 (net.ipv4.ip_default_ttl)",
            effect: """
                Every router decrements the TTL and drops the packet when it reaches zero, answering with an ICMP \
                Time Exceeded; traceroute works by raising the TTL one step at a time. It keeps packets from \
                looping forever when routes are wrong. Multicast datagrams use IP_MULTICAST_TTL instead.
                """,
            when: """
                Any time; it applies to packets sent afterwards (for TCP, every later segment, retransmissions \
                included). Accepted sockets inherit it from the listener.
                """,
            outcomes: [
                "getopt IP_TTL on a new socket = 64.",
                "setopt IP_TTL 1: packets still reach hosts on the local link but die at the first router.",
                "setopt IP_TTL 0 = -1 EINVAL; -1 restores the system default.",
                "On loopback no router is crossed, so any TTL gets through.",
            ],
            quirks: [
                "-1 means the default and reads back as the sysctl's value (64).",
                "TTL 1 still leaves the host; it is not a way to keep traffic local.",
                """
                    A receiver can read the TTL of arriving packets with IP_RECVTTL; GTSM (RFC 5082) relies on \
                    senders using 255.
                    """,
            ],
            tryIt: [
                "socket udp; getopt IP_TTL",
                "setopt IP_TTL 1; getopt IP_TTL",
                "setopt IP_TTL 0",
            ]
        ),
        ko: OptionNote(
            summary: """
                밖으로 나가는 IPv4 유니캐스트 패킷의 TTL(수명)입니다. 라우터를 몇 개까지 지날 수 있는지 정합니다.
                """,
            cType: "int (1-255)",
            linuxDefault: "64 (net.ipv4.ip_default_ttl)",
            effect: """
                라우터는 지날 때마다 TTL을 1 줄이고, 0이 되면 패킷을 버리며 ICMP Time Exceeded로 알립니다. \
                traceroute는 TTL을 한 단계씩 올려 가며 이것을 이용합니다. 경로가 잘못되었을 때 패킷이 끝없이 도는 \
                것을 막아 줍니다. 멀티캐스트 데이터그램은 대신 IP_MULTICAST_TTL을 씁니다.
                """,
            when: """
                언제든 설정할 수 있고 그 뒤에 보내는 패킷에 적용됩니다(TCP는 재전송을 포함한 이후의 모든 \
                세그먼트). accept된 소켓은 리스너의 값을 물려받습니다.
                """,
            outcomes: [
                "새 소켓의 getopt IP_TTL = 64.",
                "setopt IP_TTL 1: 로컬 링크의 호스트에는 닿지만 첫 라우터에서 사라집니다.",
                "setopt IP_TTL 0 = -1 EINVAL, -1은 시스템 기본값으로 되돌립니다.",
                "루프백에서는 라우터를 지나지 않으므로 어떤 TTL이든 통과합니다.",
            ],
            quirks: [
                "-1은 기본값을 뜻하며 sysctl 값(64)으로 읽힙니다.",
                "TTL 1도 호스트 밖으로는 나갑니다. 트래픽을 로컬에 묶어 두는 방법이 아닙니다.",
                """
                    받는 쪽은 IP_RECVTTL로 도착한 패킷의 TTL을 읽을 수 있습니다. GTSM(RFC 5082)은 보내는 쪽이 \
                    255를 쓴다는 점을 이용합니다.
                    """,
            ],
            tryIt: [
                "socket udp; getopt IP_TTL",
                "setopt IP_TTL 1; getopt IP_TTL",
                "setopt IP_TTL 0",
            ]
        )
    )

    // MARK: IP_TOS

    private static let ipTos = OptionNotes(
        related: ["IP_TTL", "TCP_CONGESTION"],
        example: nil,
        en: OptionNote(
            summary: "The Type-of-Service byte of outgoing IPv4 packets: a DSCP traffic class and two ECN bits.",
            cType: "int (one byte used)",
            linuxDefault: "0",
            effect: """
                The byte travels in every IP header. Its upper six bits are the DSCP, a traffic class (46 = EF for \
                voice, which is 184 as a TOS byte) that routers may use to queue or prioritise; the lower two bits \
                are ECN, which TCP uses to signal congestion without loss. Older code uses the RFC 1349 names \
                IPTOS_LOWDELAY (16) and IPTOS_THROUGHPUT (8). Linux also derives the socket's queueing priority \
                from it.
                """,
            when: """
                Any time; for TCP, before connect so that the handshake is marked too. Accepted sockets inherit it \
                from the listener.
                """,
            outcomes: [
                "setopt IP_TOS 16 reads back 16.",
                "On TCP, 255 reads back 252: the kernel keeps the two ECN bits for itself.",
                "On UDP all eight bits are kept: 255 reads back 255.",
            ],
            quirks: [
                """
                    Many networks ignore or rewrite DSCP at their edge; on one host only a packet capture shows a \
                    change.
                    """,
                "IPv6 carries the same byte as the traffic class (IPV6_TCLASS).",
            ],
            tryIt: [
                "socket tcp; getopt IP_TOS",
                "setopt IP_TOS 184; getopt IP_TOS",
                "setopt IP_TOS 255; getopt IP_TOS",
            ]
        ),
        ko: OptionNote(
            summary: "밖으로 나가는 IPv4 패킷의 TOS(서비스 유형) 바이트입니다: DSCP 트래픽 등급과 ECN 두 비트.",
            cType: "int (한 바이트만 씀)",
            linuxDefault: "0",
            effect: """
                이 바이트는 모든 IP 헤더에 실립니다. 위쪽 여섯 비트는 DSCP라는 트래픽 등급으로(음성용 EF는 46이고 \
                TOS 바이트로는 184), 라우터가 큐잉이나 우선순위에 쓸 수 있습니다. 아래쪽 두 비트는 ECN으로, TCP가 \
                손실 없이 혼잡을 알리는 데 씁니다. 옛 코드는 RFC 1349의 이름 IPTOS_LOWDELAY(16), \
                IPTOS_THROUGHPUT(8)을 씁니다. 리눅스는 이 값에서 소켓의 큐잉 우선순위도 정합니다.
                """,
            when: """
                언제든 설정할 수 있습니다. TCP는 핸드셰이크에도 표시가 붙도록 connect 전에 설정합니다. accept된 \
                소켓은 리스너의 값을 물려받습니다.
                """,
            outcomes: [
                "setopt IP_TOS 16은 16으로 읽힙니다.",
                "TCP에서 255는 252로 읽힙니다: ECN 두 비트는 커널이 직접 관리합니다.",
                "UDP에서는 여덟 비트가 모두 유지됩니다: 255는 255로 읽힙니다.",
            ],
            quirks: [
                """
                    많은 네트워크가 경계에서 DSCP를 무시하거나 바꿔 씁니다. 한 호스트 안에서는 패킷 캡처로만 \
                    차이가 보입니다.
                    """,
                "IPv6는 같은 바이트를 트래픽 클래스(IPV6_TCLASS)로 싣습니다.",
            ],
            tryIt: [
                "socket tcp; getopt IP_TOS",
                "setopt IP_TOS 184; getopt IP_TOS",
                "setopt IP_TOS 255; getopt IP_TOS",
            ]
        )
    )

    // MARK: IP_MULTICAST_TTL

    private static let ipMulticastTtl = OptionNotes(
        related: ["IP_TTL", "IP_MULTICAST_LOOP", "IP_MULTICAST_IF", "IPV6_MULTICAST_HOPS"],
        example: "examples/multicast.transcript",
        en: OptionNote(
            summary: """
                Time-to-live of outgoing IPv4 multicast datagrams; the default 1 keeps them on the local link.
                """,
            cType: "int (0-255; a single byte is accepted too)",
            linuxDefault: "1",
            effect: """
                It works like IP_TTL but only for datagrams sent to multicast groups. The default 1 keeps them on \
                the local network, because a multicast router never forwards a packet whose TTL would reach zero. \
                0 keeps them on this host, where local members still receive them. Larger values let multicast \
                routers carry them further, but groups in 224.0.0.0/24 are never forwarded whatever the TTL.
                """,
            when: "Before sending to the group; per socket.",
            outcomes: [
                "getopt IP_MULTICAST_TTL on a new socket = 1.",
                "setopt IP_MULTICAST_TTL 0: members on this host still receive; nothing leaves the host.",
                "256 = -1 EINVAL; -1 restores 1.",
            ],
            quirks: [
                """
                    It applies only to multicast destinations; IP_TTL does not change it, and it does not change \
                    IP_TTL.
                    """,
                """
                    Lessons keep the default 1 and run in a private network namespace, so nothing reaches a real \
                    network.
                    """,
            ],
            tryIt: [
                "socket udp as rx; bind :5000; join 239.1.2.3 127.0.0.1",
                "socket udp as tx; setopt IP_MULTICAST_IF 127.0.0.1; getopt IP_MULTICAST_TTL",
                "setopt IP_MULTICAST_TTL 0; sendto 239.1.2.3:5000 hello",
                "@rx recv",
            ]
        ),
        ko: OptionNote(
            summary: """
                밖으로 나가는 IPv4 멀티캐스트 데이터그램의 TTL입니다. 기본값 1은 로컬 링크 안에 머물게 합니다.
                """,
            cType: "int (0-255, 한 바이트로 줘도 됨)",
            linuxDefault: "1",
            effect: """
                IP_TTL과 같은 일을 하지만 멀티캐스트 그룹으로 보내는 데이터그램에만 적용됩니다. 멀티캐스트 \
                라우터는 TTL이 0이 될 패킷을 전달하지 않으므로, 기본값 1이면 로컬 네트워크 안에 머뭅니다. 0이면 이 \
                호스트 안에 머물고, 호스트 안의 멤버는 여전히 받습니다. 더 큰 값이면 멀티캐스트 라우터가 더 멀리 \
                보내지만, 224.0.0.0/24 그룹은 TTL과 상관없이 전달되지 않습니다.
                """,
            when: "그룹으로 보내기 전에, 소켓마다 설정합니다.",
            outcomes: [
                "새 소켓의 getopt IP_MULTICAST_TTL = 1.",
                """
                    setopt IP_MULTICAST_TTL 0: 이 호스트의 멤버는 여전히 받고, 호스트 밖으로는 아무것도 나가지 \
                    않습니다.
                    """,
                "256 = -1 EINVAL, -1은 1로 되돌립니다.",
            ],
            quirks: [
                "멀티캐스트 목적지에만 적용됩니다. IP_TTL이 이 값을 바꾸지 않고, 이 값도 IP_TTL을 바꾸지 않습니다.",
                """
                    수업에서는 기본값 1을 그대로 두고 전용 네트워크 네임스페이스 안에서 실행하므로 실제 네트워크에 \
                    닿는 것이 없습니다.
                    """,
            ],
            tryIt: [
                "socket udp as rx; bind :5000; join 239.1.2.3 127.0.0.1",
                "socket udp as tx; setopt IP_MULTICAST_IF 127.0.0.1; getopt IP_MULTICAST_TTL",
                "setopt IP_MULTICAST_TTL 0; sendto 239.1.2.3:5000 hello",
                "@rx recv",
            ]
        )
    )

    // MARK: IP_MULTICAST_LOOP

    private static let ipMulticastLoop = OptionNotes(
        related: ["IP_MULTICAST_TTL", "IP_MULTICAST_IF", "IP_ADD_MEMBERSHIP", "IPV6_MULTICAST_LOOP"],
        example: "examples/multicast.transcript",
        en: OptionNote(
            summary: """
                Whether multicast datagrams this socket sends are also delivered to group members on the sending \
                host.
                """,
            cType: "int (boolean)",
            linuxDefault: "on (1)",
            effect: """
                When a socket sends to a group, the kernel normally hands a copy back to its own host, so that \
                members on the same machine receive it too. Turning it off suppresses that copy; the datagram \
                still goes out on the interface to the other hosts. On Linux it is a sender-side setting: it \
                governs what this socket sends, not what it receives.
                """,
            when: "Before sending, on the sending socket.",
            outcomes: [
                "on (default), two hosts: members on the sender's host and on the other host both receive.",
                "off, two hosts: only the other host receives; the sender's own host hears nothing.",
                """
                    off on one host whose multicast route is lo (the lessons' namespace): local members still \
                    receive, because lo hands every packet back anyway.
                    """,
            ],
            quirks: [
                """
                    A second host is needed to see the effect: on lo the option seems to do nothing; \
                    examples/lab-multicast.transcript shows it in the lab (sockshell --lab-routed).
                    """,
                "Linux applies it to the sender; some BSD-derived texts describe it as a receiver setting.",
                """
                    Any nonzero value means on (a C program passing 5 reads back 1), unlike IPV6_MULTICAST_LOOP, \
                    which takes only 0 or 1.
                    """,
            ],
            tryIt: [
                "socket udp as rx; bind :5000; join 239.1.2.3 127.0.0.1",
                "socket udp as tx; setopt IP_MULTICAST_IF 127.0.0.1; setopt IP_MULTICAST_LOOP off",
                "sendto 239.1.2.3:5000 hello",
                "@rx recv",
            ]
        ),
        ko: OptionNote(
            summary: "이 소켓이 보낸 멀티캐스트 데이터그램을 보낸 호스트 안의 그룹 멤버에게도 전달할지 정합니다.",
            cType: "int (불리언)",
            linuxDefault: "켜짐 (1)",
            effect: """
                소켓이 그룹으로 보내면 커널은 보통 자기 호스트에도 한 부를 되돌려 주어, 같은 기계의 멤버도 받게 \
                합니다. 끄면 그 사본을 만들지 않지만, 데이터그램은 여전히 인터페이스로 나가 다른 호스트에 갑니다. \
                리눅스에서는 보내는 쪽의 설정입니다: 이 소켓이 받는 것이 아니라 보내는 것에 적용됩니다.
                """,
            when: "보내기 전에, 보내는 소켓에 설정합니다.",
            outcomes: [
                "켬(기본), 호스트 둘: 보낸 호스트의 멤버와 다른 호스트의 멤버가 모두 받습니다.",
                "끔, 호스트 둘: 다른 호스트만 받고, 보낸 호스트 자신은 아무것도 듣지 못합니다.",
                """
                    끔, 멀티캐스트 경로가 lo인 한 호스트(수업용 네임스페이스): lo는 모든 패킷을 어차피 되돌려 \
                    주므로 로컬 멤버가 여전히 받습니다.
                    """,
            ],
            quirks: [
                """
                    효과를 보려면 호스트가 하나 더 필요합니다: lo에서는 옵션이 아무 일도 안 하는 것처럼 \
                    보입니다. examples/lab-multicast.transcript가 랩(sockshell --lab-routed)에서 보여 줍니다.
                    """,
                "리눅스는 보내는 쪽에 적용합니다. BSD 계열의 일부 문서는 받는 쪽 설정처럼 설명합니다.",
                """
                    0이 아닌 값은 모두 켬입니다(C 프로그램이 5를 넘기면 1로 읽힘). 0이나 1만 받는 \
                    IPV6_MULTICAST_LOOP와 다릅니다.
                    """,
            ],
            tryIt: [
                "socket udp as rx; bind :5000; join 239.1.2.3 127.0.0.1",
                "socket udp as tx; setopt IP_MULTICAST_IF 127.0.0.1; setopt IP_MULTICAST_LOOP off",
                "sendto 239.1.2.3:5000 hello",
                "@rx recv",
            ]
        )
    )

    // MARK: IP_MULTICAST_IF

    private static let ipMulticastIf = OptionNotes(
        related: ["IP_MULTICAST_TTL", "IP_ADD_MEMBERSHIP", "IPV6_MULTICAST_IF", "SO_DONTROUTE"],
        example: "examples/multicast.transcript",
        en: OptionNote(
            summary: "Which local interface outgoing IPv4 multicast datagrams leave by.",
            cType: "struct in_addr or struct ip_mreqn (set); struct in_addr (get)",
            linuxDefault: """
                0.0.0.0: the interface follows the route to the group (224.0.0.0/4 or the default route)
                """,
            effect: """
                A multicast destination names no network, so on a host with several interfaces the routing table \
                may pick the wrong one. This option names the interface, by one of its IPv4 addresses or, with \
                struct ip_mreqn, by index. The kernel tells the forms apart by optlen. It affects only sending; \
                the interface that receives is chosen when joining.
                """,
            when: "Before sending to the group.",
            outcomes: [
                "setopt IP_MULTICAST_IF 127.0.0.1, then getopt reads 127.0.0.1.",
                "An address that is not on this host: -1 EADDRNOTAVAIL.",
                "0.0.0.0 goes back to the route's choice.",
            ],
            quirks: [
                """
                    Set by interface name (the shell passes an index in ip_mreqn), it reads back 0.0.0.0: \
                    getsockopt returns only the address form.
                    """,
                "In the lessons' namespace only lo exists; the routed lab's router r has two links to choose from.",
            ],
            tryIt: [
                "socket udp; getopt IP_MULTICAST_IF",
                "setopt IP_MULTICAST_IF 127.0.0.1; getopt IP_MULTICAST_IF",
                "setopt IP_MULTICAST_IF lo; getopt IP_MULTICAST_IF",
                "setopt IP_MULTICAST_IF 10.255.255.1",
            ]
        ),
        ko: OptionNote(
            summary: "밖으로 나가는 IPv4 멀티캐스트 데이터그램이 어느 로컬 인터페이스로 나갈지 정합니다.",
            cType: "struct in_addr 또는 struct ip_mreqn (설정), struct in_addr (조회)",
            linuxDefault: "0.0.0.0: 그룹으로 가는 경로(224.0.0.0/4 또는 기본 경로)를 따름",
            effect: """
                멀티캐스트 목적지는 어떤 네트워크도 가리키지 않으므로, 인터페이스가 여럿인 호스트에서는 라우팅 \
                테이블이 엉뚱한 것을 고를 수 있습니다. 이 옵션은 인터페이스를 그 IPv4 주소 하나로, 또는 struct \
                ip_mreqn으로 인덱스로 지정합니다. 커널은 optlen을 보고 형식을 구별합니다. 보내기에만 영향을 주며, \
                받는 인터페이스는 그룹에 가입할 때 정합니다.
                """,
            when: "그룹으로 보내기 전에 설정합니다.",
            outcomes: [
                "setopt IP_MULTICAST_IF 127.0.0.1 후 getopt는 127.0.0.1을 읽습니다.",
                "이 호스트에 없는 주소: -1 EADDRNOTAVAIL.",
                "0.0.0.0은 경로가 고르는 방식으로 되돌립니다.",
            ],
            quirks: [
                """
                    인터페이스 이름으로 설정하면(셸이 ip_mreqn에 인덱스를 넣음) 0.0.0.0으로 읽힙니다: getsockopt는 \
                    주소 형식만 돌려줍니다.
                    """,
                "수업용 네임스페이스에는 lo뿐입니다. 라우터가 있는 랩의 r에는 고를 링크가 둘 있습니다.",
            ],
            tryIt: [
                "socket udp; getopt IP_MULTICAST_IF",
                "setopt IP_MULTICAST_IF 127.0.0.1; getopt IP_MULTICAST_IF",
                "setopt IP_MULTICAST_IF lo; getopt IP_MULTICAST_IF",
                "setopt IP_MULTICAST_IF 10.255.255.1",
            ]
        )
    )

    // MARK: IP_ADD_MEMBERSHIP

    private static let ipAddMembership = OptionNotes(
        related: ["IP_DROP_MEMBERSHIP", "IP_MULTICAST_IF", "IP_MULTICAST_LOOP", "SO_REUSEADDR", "IPV6_JOIN_GROUP"],
        example: "examples/multicast.transcript",
        en: OptionNote(
            summary: """
                Join an IPv4 multicast group on one interface, so that datagrams sent to the group reach this \
                socket's port.
                """,
            cType: """
                struct ip_mreqn { imr_multiaddr; imr_address; imr_ifindex } (struct ip_mreq also accepted); set \
                only
                """,
            linuxDefault: "no groups; up to net.ipv4.igmp_max_memberships (20) per socket",
            effect: """
                The host becomes a member of the group on the chosen interface: the card starts accepting the \
                group's link-layer address, and an IGMP membership report tells routers and snooping switches to \
                send the group there. Datagrams to group:port are then delivered to sockets bound to that port (on \
                INADDR_ANY or on the group address). The membership belongs to the socket and ends with \
                IP_DROP_MEMBERSHIP or close().
                """,
            when: """
                After socket(), usually after bind() to the group's port, and before the datagrams are sent. The \
                shell's join command does it.
                """,
            outcomes: [
                "join 239.1.2.3 = 0; a datagram sent to 239.1.2.3:5000 reaches the socket bound to :5000.",
                "The same group on the same interface twice: -1 EADDRINUSE.",
                "Not a multicast address: -1 EINVAL.",
                "No interface found (no multicast route, as in a fresh namespace without 224.0.0.0/4): -1 ENODEV.",
                "More than 20 groups on one socket: -1 ENOBUFS. On a TCP socket: -1 EPROTO.",
            ],
            quirks: [
                """
                    IP_MULTICAST_ALL (on by default) delivers a group's datagrams to every socket bound to \
                    INADDR_ANY:port on the host once any socket there has joined, not only to the one that joined.
                    """,
                """
                    Bound to INADDR_ANY:port the socket also gets unicast to that port; bind group:port to get the \
                    group only.
                    """,
                "Membership is per interface: joining on lo does not receive what arrives on eth0.",
                "Several receivers on one host bind the same port, so each needs SO_REUSEADDR.",
                """
                    Naming the interface (join 239.1.2.3 127.0.0.1) keeps a try-out on lo; without it the kernel \
                    joins on the interface of the route to the group, on an ordinary host the real network.
                    """,
            ],
            tryIt: [
                "socket udp as rx; bind :5000; join 239.1.2.3 127.0.0.1",
                "socket udp as tx; setopt IP_MULTICAST_IF 127.0.0.1; sendto 239.1.2.3:5000 hello",
                "@rx recv",
                "@rx join 239.1.2.3 127.0.0.1",
            ]
        ),
        ko: OptionNote(
            summary: """
                IPv4 멀티캐스트 그룹에 한 인터페이스로 가입하여, 그룹으로 보낸 데이터그램이 이 소켓의 포트로 오게 \
                합니다.
                """,
            cType: "struct ip_mreqn { imr_multiaddr; imr_address; imr_ifindex } (struct ip_mreq도 됨), 설정 전용",
            linuxDefault: "가입한 그룹 없음. 소켓마다 net.ipv4.igmp_max_memberships(20)개까지",
            effect: """
                호스트가 고른 인터페이스에서 그룹의 멤버가 됩니다: 네트워크 카드가 그룹의 링크 계층 주소를 받기 \
                시작하고, IGMP 멤버십 보고가 라우터와 스누핑 스위치에게 그 그룹을 이쪽으로 보내라고 알립니다. 그 \
                뒤 group:port로 온 데이터그램은 그 포트에 bind한(INADDR_ANY나 그룹 주소로) 소켓에 전달됩니다. \
                멤버십은 소켓에 속하며 IP_DROP_MEMBERSHIP이나 close()로 끝납니다.
                """,
            when: """
                socket() 뒤, 보통 그룹의 포트로 bind()한 다음, 데이터그램이 오기 전에 합니다. 셸의 join 명령이 이 \
                일을 합니다.
                """,
            outcomes: [
                "join 239.1.2.3 = 0. 239.1.2.3:5000으로 보낸 데이터그램이 :5000에 bind한 소켓에 도착합니다.",
                "같은 인터페이스에서 같은 그룹에 두 번: -1 EADDRINUSE.",
                "멀티캐스트 주소가 아님: -1 EINVAL.",
                """
                    인터페이스를 찾지 못함(224.0.0.0/4 경로가 없는 새 네임스페이스처럼 멀티캐스트 경로가 없을 때): \
                    -1 ENODEV.
                    """,
                "한 소켓에서 그룹 20개 초과: -1 ENOBUFS. TCP 소켓에서: -1 EPROTO.",
            ],
            quirks: [
                """
                    IP_MULTICAST_ALL(기본 켜짐) 때문에, 호스트의 어떤 소켓이든 가입하면 INADDR_ANY:port에 bind한 \
                    모든 소켓이 그 그룹의 데이터그램을 받습니다. 가입한 소켓만 받는 것이 아닙니다.
                    """,
                """
                    INADDR_ANY:port에 bind하면 그 포트로 오는 유니캐스트도 받습니다. 그룹만 받으려면 group:port에 \
                    bind합니다.
                    """,
                "멤버십은 인터페이스별입니다: lo에서 가입하면 eth0으로 들어오는 것은 받지 못합니다.",
                "한 호스트의 여러 수신자는 같은 포트에 bind하므로 각자 SO_REUSEADDR가 필요합니다.",
                """
                    인터페이스를 밝히면(join 239.1.2.3 127.0.0.1) 실습이 lo 안에 머뭅니다. 밝히지 않으면 커널은 \
                    그룹으로 가는 경로의 인터페이스, 보통의 호스트라면 실제 네트워크에서 가입합니다.
                    """,
            ],
            tryIt: [
                "socket udp as rx; bind :5000; join 239.1.2.3 127.0.0.1",
                "socket udp as tx; setopt IP_MULTICAST_IF 127.0.0.1; sendto 239.1.2.3:5000 hello",
                "@rx recv",
                "@rx join 239.1.2.3 127.0.0.1",
            ]
        )
    )

    // MARK: IP_DROP_MEMBERSHIP

    private static let ipDropMembership = OptionNotes(
        related: ["IP_ADD_MEMBERSHIP", "IPV6_LEAVE_GROUP"],
        example: "examples/multicast.transcript",
        en: OptionNote(
            summary: "Leave an IPv4 multicast group that this socket joined.",
            cType: "struct ip_mreqn (or struct ip_mreq), as for joining; set only",
            linuxDefault: "not applicable (an action)",
            effect: """
                Removes the socket's membership. When no socket on the host is a member any more, the host leaves \
                the group (an IGMP leave report) and the card stops accepting the group's frames. Datagrams to the \
                group are no longer delivered to this socket. close() drops all of a socket's memberships by \
                itself.
                """,
            when: "When the socket no longer wants the group. The shell's leave command does it.",
            outcomes: [
                "leave 239.1.2.3 after a join = 0; later datagrams to the group are not received.",
                "A group not joined (or joined on another interface): -1 EADDRNOTAVAIL.",
                "Another socket on the host is still a member: that socket keeps receiving.",
            ],
            quirks: [
                """
                    The interface must match the join: a group joined on a named interface is left by naming the \
                    same one.
                    """,
                """
                    IP_MULTICAST_ALL: a socket bound to INADDR_ANY:port may keep receiving after leaving, while \
                    another socket on the host is still a member.
                    """,
            ],
            tryIt: [
                "socket udp as rx; bind :5000; join 239.1.2.3 127.0.0.1",
                "leave 239.1.2.3 127.0.0.1",
                "leave 239.1.2.3 127.0.0.1",
            ]
        ),
        ko: OptionNote(
            summary: "이 소켓이 가입했던 IPv4 멀티캐스트 그룹에서 탈퇴합니다.",
            cType: "struct ip_mreqn (또는 struct ip_mreq), 가입할 때와 같음. 설정 전용",
            linuxDefault: "해당 없음(동작)",
            effect: """
                소켓의 멤버십을 지웁니다. 호스트에 멤버인 소켓이 더 없으면 호스트가 그룹을 떠나고(IGMP 탈퇴 보고) \
                네트워크 카드도 그 그룹의 프레임을 더는 받지 않습니다. 그 뒤 그룹으로 온 데이터그램은 이 소켓에 \
                전달되지 않습니다. close()는 소켓의 멤버십을 모두 알아서 정리합니다.
                """,
            when: "소켓이 그 그룹을 더 원하지 않을 때 합니다. 셸의 leave 명령이 이 일을 합니다.",
            outcomes: [
                "join 뒤 leave 239.1.2.3 = 0. 이후 그룹으로 온 데이터그램은 받지 않습니다.",
                "가입하지 않은(또는 다른 인터페이스로 가입한) 그룹: -1 EADDRNOTAVAIL.",
                "호스트의 다른 소켓이 아직 멤버라면: 그 소켓은 계속 받습니다.",
            ],
            quirks: [
                "인터페이스가 가입할 때와 같아야 합니다: 이름을 주고 가입한 그룹은 같은 이름을 주고 탈퇴합니다.",
                """
                    IP_MULTICAST_ALL: 호스트의 다른 소켓이 아직 멤버이면, INADDR_ANY:port에 bind한 소켓은 탈퇴한 \
                    뒤에도 계속 받을 수 있습니다.
                    """,
            ],
            tryIt: [
                "socket udp as rx; bind :5000; join 239.1.2.3 127.0.0.1",
                "leave 239.1.2.3 127.0.0.1",
                "leave 239.1.2.3 127.0.0.1",
            ]
        )
    )

    // MARK: IPV6_V6ONLY

    private static let ipv6V6only = OptionNotes(
        related: ["IPV6_UNICAST_HOPS", "SO_REUSEADDR"],
        example: "examples/ipv6.transcript",
        en: OptionNote(
            summary: "Restrict an IPv6 socket to IPv6; when off it also serves IPv4 through IPv4-mapped addresses.",
            cType: "int (boolean)",
            linuxDefault: "off (net.ipv6.bindv6only = 0)",
            effect: """
                Off: an AF_INET6 socket bound to [::]:P also receives IPv4 traffic for port P, and IPv4 peers show \
                up as ::ffff:a.b.c.d (IPv4-mapped addresses); it can also connect to such mapped addresses. Port P \
                is then taken for IPv4 as well, so a separate IPv4 socket cannot bind it. On: the socket handles \
                IPv6 only, and an IPv4 socket may bind the same port beside it.
                """,
            when: "Before bind() (or connect); afterwards setsockopt fails with EINVAL.",
            outcomes: [
                """
                    off: a socket tcp 6 listening on [::]:P accepts a connection from 127.0.0.1, shown as \
                    [::ffff:127.0.0.1].
                    """,
                "off: an IPv4 socket's bind to :P afterwards = -1 EADDRINUSE.",
                "on: the IPv4 bind succeeds, and IPv4 clients reach the IPv4 socket.",
                "Set after bind: -1 EINVAL.",
            ],
            quirks: [
                """
                    The default comes from net.ipv6.bindv6only and differs between systems (BSDs default to on); \
                    portable servers set it explicitly.
                    """,
                "A socket bound to ::1 or another specific IPv6 address never sees IPv4 anyway.",
            ],
            tryIt: [
                "socket tcp 6 as v6; bind [::]:7780; listen",
                "socket tcp as v4; bind :7780",
                "socket tcp 6 as v6only; setopt IPV6_V6ONLY on; bind [::]:7781; listen",
                "socket tcp as v4b; bind :7781",
            ]
        ),
        ko: OptionNote(
            summary: "IPv6 소켓을 IPv6 전용으로 제한합니다. 꺼져 있으면 IPv4 매핑 주소를 통해 IPv4도 처리합니다.",
            cType: "int (불리언)",
            linuxDefault: "꺼짐 (net.ipv6.bindv6only = 0)",
            effect: """
                꺼져 있으면 [::]:P에 bind한 AF_INET6 소켓이 포트 P로 오는 IPv4 트래픽도 받고, IPv4 상대는 \
                ::ffff:a.b.c.d(IPv4 매핑 주소)로 보입니다. 그런 매핑 주소로 connect할 수도 있습니다. 이때 포트 P는 \
                IPv4 쪽에서도 점유되므로 따로 만든 IPv4 소켓은 bind할 수 없습니다. 켜면 그 소켓은 IPv6만 다루고, \
                IPv4 소켓이 옆에서 같은 포트에 bind할 수 있습니다.
                """,
            when: "bind()(또는 connect) 전에 설정합니다. 그 뒤에는 setsockopt가 EINVAL로 실패합니다.",
            outcomes: [
                "꺼짐: [::]:P에서 listen하는 socket tcp 6이 127.0.0.1의 연결을 [::ffff:127.0.0.1]로 받아들입니다.",
                "꺼짐: 그 뒤 IPv4 소켓이 :P에 bind하면 -1 EADDRINUSE.",
                "켬: IPv4 bind가 성공하고, IPv4 클라이언트는 IPv4 소켓으로 갑니다.",
                "bind 뒤에 설정: -1 EINVAL.",
            ],
            quirks: [
                """
                    기본값은 net.ipv6.bindv6only에서 오며 시스템마다 다릅니다(BSD는 기본이 켬). 이식성 있는 서버는 \
                    직접 설정합니다.
                    """,
                "::1이나 특정 IPv6 주소에 bind한 소켓은 어차피 IPv4를 보지 못합니다.",
            ],
            tryIt: [
                "socket tcp 6 as v6; bind [::]:7780; listen",
                "socket tcp as v4; bind :7780",
                "socket tcp 6 as v6only; setopt IPV6_V6ONLY on; bind [::]:7781; listen",
                "socket tcp as v4b; bind :7781",
            ]
        )
    )

    // MARK: IPV6_UNICAST_HOPS

    private static let ipv6UnicastHops = OptionNotes(
        related: ["IP_TTL", "IPV6_MULTICAST_HOPS"],
        example: "examples/ipv6.transcript",
        en: OptionNote(
            summary: "Hop limit, IPv6's TTL, of outgoing unicast packets.",
            cType: "int (-1 to 255)",
            linuxDefault: "-1 = the route's or interface's default, read back as 64 (net.ipv6.conf.*.hop_limit)",
            effect: """
                Each router decrements the hop limit and discards the packet at zero with an ICMPv6 Time Exceeded, \
                just as IPv4 does with the TTL. Multicast packets use IPV6_MULTICAST_HOPS instead.
                """,
            when: "Any time; it applies to packets sent afterwards.",
            outcomes: [
                "getopt IPV6_UNICAST_HOPS on a new socket = 64.",
                "setopt IPV6_UNICAST_HOPS 1: packets reach on-link neighbours only.",
                "-1 restores the default; 256 = -1 EINVAL.",
            ],
            quirks: [
                "What is read back is the effective value (64), not -1.",
                "Router advertisements can change the interface's default hop limit.",
                "Neighbour Discovery sends with 255 and drops anything else, which proves a packet was not routed.",
            ],
            tryIt: [
                "socket udp 6; getopt IPV6_UNICAST_HOPS",
                "setopt IPV6_UNICAST_HOPS 1; getopt IPV6_UNICAST_HOPS",
                "setopt IPV6_UNICAST_HOPS 256",
            ]
        ),
        ko: OptionNote(
            summary: "밖으로 나가는 IPv6 유니캐스트 패킷의 홉 제한(IPv6의 TTL)입니다.",
            cType: "int (-1 ~ 255)",
            linuxDefault: "-1 = 경로나 인터페이스의 기본값, 64로 읽힘(net.ipv6.conf.*.hop_limit)",
            effect: """
                라우터는 지날 때마다 홉 제한을 1 줄이고, 0이 되면 패킷을 버리며 ICMPv6 Time Exceeded로 알립니다. \
                IPv4의 TTL과 똑같습니다. 멀티캐스트 패킷은 대신 IPV6_MULTICAST_HOPS를 씁니다.
                """,
            when: "언제든 설정할 수 있고 그 뒤에 보내는 패킷에 적용됩니다.",
            outcomes: [
                "새 소켓의 getopt IPV6_UNICAST_HOPS = 64.",
                "setopt IPV6_UNICAST_HOPS 1: 링크 위의 이웃에게만 닿습니다.",
                "-1은 기본값으로 되돌리고, 256 = -1 EINVAL.",
            ],
            quirks: [
                "읽히는 것은 -1이 아니라 실제로 쓰이는 값(64)입니다.",
                "라우터 광고(RA)가 인터페이스의 기본 홉 제한을 바꿀 수 있습니다.",
                "이웃 탐색(ND)은 255로 보내고 다른 값은 버립니다. 패킷이 라우팅되지 않았다는 증거가 됩니다.",
            ],
            tryIt: [
                "socket udp 6; getopt IPV6_UNICAST_HOPS",
                "setopt IPV6_UNICAST_HOPS 1; getopt IPV6_UNICAST_HOPS",
                "setopt IPV6_UNICAST_HOPS 256",
            ]
        )
    )

    // MARK: IPV6_MULTICAST_HOPS

    private static let ipv6MulticastHops = OptionNotes(
        related: ["IPV6_UNICAST_HOPS", "IPV6_MULTICAST_LOOP", "IP_MULTICAST_TTL"],
        example: "examples/lab-multicast6.transcript",
        en: OptionNote(
            summary: "Hop limit of outgoing IPv6 multicast datagrams; the default 1 keeps them on the local link.",
            cType: "int (-1 to 255)",
            linuxDefault: "1 (-1 also means 1)",
            effect: """
                The IPv6 counterpart of IP_MULTICAST_TTL: 1 keeps datagrams on the link, 0 keeps them on this \
                host, larger values let multicast routers forward them. IPv6 groups also carry a scope in the \
                address (ff02:: link, ff05:: site, ff0e:: global), and routers respect that scope whatever the hop \
                limit.
                """,
            when: "Before sending to the group; per socket.",
            outcomes: [
                "getopt IPV6_MULTICAST_HOPS on a new socket = 1.",
                "setopt IPV6_MULTICAST_HOPS 0: nothing leaves the host.",
                "-1 restores 1; 256 = -1 EINVAL.",
            ],
            quirks: [
                "IPv6 multicast over lo is sent but never received: see examples/lab-multicast6.transcript.",
                "A link-scope group (ff02::) never crosses a router, even with a large hop limit.",
            ],
            tryIt: [
                "socket udp 6; getopt IPV6_MULTICAST_HOPS",
                "setopt IPV6_MULTICAST_HOPS 0; getopt IPV6_MULTICAST_HOPS",
                "setopt IPV6_MULTICAST_HOPS 256",
            ]
        ),
        ko: OptionNote(
            summary: """
                밖으로 나가는 IPv6 멀티캐스트 데이터그램의 홉 제한입니다. 기본값 1은 로컬 링크 안에 머물게 합니다.
                """,
            cType: "int (-1 ~ 255)",
            linuxDefault: "1 (-1도 1을 뜻함)",
            effect: """
                IP_MULTICAST_TTL의 IPv6판입니다: 1이면 링크 안에, 0이면 이 호스트 안에 머물고, 더 큰 값이면 \
                멀티캐스트 라우터가 전달합니다. IPv6 그룹은 주소 안에 범위(scope)도 담고 있어서(ff02:: 링크, \
                ff05:: 사이트, ff0e:: 전역), 라우터는 홉 제한과 상관없이 그 범위를 지킵니다.
                """,
            when: "그룹으로 보내기 전에, 소켓마다 설정합니다.",
            outcomes: [
                "새 소켓의 getopt IPV6_MULTICAST_HOPS = 1.",
                "setopt IPV6_MULTICAST_HOPS 0: 호스트 밖으로 아무것도 나가지 않습니다.",
                "-1은 1로 되돌리고, 256 = -1 EINVAL.",
            ],
            quirks: [
                """
                    lo를 통한 IPv6 멀티캐스트는 보내지기는 하지만 결코 수신되지 않습니다. IPv6 그룹 수업은 \
                    examples/lab-multicast6.transcript(sockshell --lab)에 있습니다.
                    """,
                "링크 범위 그룹(ff02::)은 홉 제한이 커도 라우터를 넘지 않습니다.",
            ],
            tryIt: [
                "socket udp 6; getopt IPV6_MULTICAST_HOPS",
                "setopt IPV6_MULTICAST_HOPS 0; getopt IPV6_MULTICAST_HOPS",
                "setopt IPV6_MULTICAST_HOPS 256",
            ]
        )
    )

    // MARK: IPV6_MULTICAST_LOOP

    private static let ipv6MulticastLoop = OptionNotes(
        related: ["IP_MULTICAST_LOOP", "IPV6_MULTICAST_HOPS", "IPV6_JOIN_GROUP"],
        example: "examples/lab-multicast6.transcript",
        en: OptionNote(
            summary: """
                Whether IPv6 multicast datagrams this socket sends are also delivered to members on the sending \
                host.
                """,
            cType: "int (0 or 1)",
            linuxDefault: "on (1)",
            effect: """
                The IPv6 counterpart of IP_MULTICAST_LOOP: on, the sending host gets a copy for its own members; \
                off, only other hosts on the link receive. It is a setting of the sending socket.
                """,
            when: "Before sending, on the sending socket.",
            outcomes: [
                "on, two hosts: members on both hosts receive.",
                "off, two hosts: only the other host receives.",
                """
                    A C program passing 2 gets -1 EINVAL: only 0 and 1 are accepted (the shell's on/off sends one \
                    of them).
                    """,
            ],
            quirks: [
                """
                    IPv6 multicast over lo is never received at all, so the effect can only be seen over a veth \
                    link, as in the lab (sockshell --lab, examples/lab-multicast6.transcript).
                    """,
                "Stricter than IP_MULTICAST_LOOP, which takes any nonzero value as on.",
            ],
            tryIt: [
                "socket udp 6; getopt IPV6_MULTICAST_LOOP",
                "setopt IPV6_MULTICAST_LOOP off; getopt IPV6_MULTICAST_LOOP",
            ]
        ),
        ko: OptionNote(
            summary: "이 소켓이 보낸 IPv6 멀티캐스트 데이터그램을 보낸 호스트의 멤버에게도 전달할지 정합니다.",
            cType: "int (0 또는 1)",
            linuxDefault: "켜짐 (1)",
            effect: """
                IP_MULTICAST_LOOP의 IPv6판입니다: 켜면 보낸 호스트도 자기 멤버를 위한 사본을 받고, 끄면 링크의 \
                다른 호스트만 받습니다. 보내는 소켓의 설정입니다.
                """,
            when: "보내기 전에, 보내는 소켓에 설정합니다.",
            outcomes: [
                "켬, 호스트 둘: 두 호스트의 멤버가 모두 받습니다.",
                "끔, 호스트 둘: 다른 호스트만 받습니다.",
                "C 프로그램이 2를 넘기면 -1 EINVAL: 0과 1만 받습니다(셸의 on/off는 둘 중 하나를 보냄).",
            ],
            quirks: [
                "lo를 통한 IPv6 멀티캐스트는 아예 수신되지 않으므로, 효과는 랩의 veth 링크에서만 볼 수 있습니다(sockshell --lab).",
                "0이 아니면 모두 켬으로 받는 IP_MULTICAST_LOOP보다 엄격합니다.",
            ],
            tryIt: [
                "socket udp 6; getopt IPV6_MULTICAST_LOOP",
                "setopt IPV6_MULTICAST_LOOP off; getopt IPV6_MULTICAST_LOOP",
            ]
        )
    )

    // MARK: IPV6_MULTICAST_IF

    private static let ipv6MulticastIf = OptionNotes(
        related: ["IP_MULTICAST_IF", "IPV6_JOIN_GROUP", "IPV6_MULTICAST_HOPS"],
        example: nil,
        en: OptionNote(
            summary: "Which interface outgoing IPv6 multicast datagrams leave by, given as an interface index.",
            cType: "int (interface index)",
            linuxDefault: "0: the interface follows the route to the group",
            effect: """
                The IPv6 counterpart of IP_MULTICAST_IF, but it takes only an interface index (the shell turns a \
                name such as lo into its index). Link-local groups (ff02::) exist once per link, so a host with \
                several links must say which one it means.
                """,
            when: "Before sending to the group; datagram sockets only.",
            outcomes: [
                "setopt IPV6_MULTICAST_IF lo, then getopt reads 1 (lo's index).",
                "An index with no interface: -1 ENODEV.",
                "On a TCP socket: -1 ENOPROTOOPT (datagram and raw sockets only).",
            ],
            quirks: [
                "Unlike IPv4 there is no address form; `ip link` lists the indexes.",
                "If the socket is tied to a device (SO_BINDTODEVICE) the index must match it, else EINVAL.",
            ],
            tryIt: [
                "socket udp 6; getopt IPV6_MULTICAST_IF",
                "setopt IPV6_MULTICAST_IF lo; getopt IPV6_MULTICAST_IF",
                "setopt IPV6_MULTICAST_IF 999",
            ]
        ),
        ko: OptionNote(
            summary: """
                밖으로 나가는 IPv6 멀티캐스트 데이터그램이 어느 인터페이스로 나갈지, 인터페이스 인덱스로 정합니다.
                """,
            cType: "int (인터페이스 인덱스)",
            linuxDefault: "0: 그룹으로 가는 경로를 따름",
            effect: """
                IP_MULTICAST_IF의 IPv6판이지만 인터페이스 인덱스만 받습니다(셸은 lo 같은 이름을 인덱스로 바꿔 \
                줍니다). 링크 로컬 그룹(ff02::)은 링크마다 따로 있으므로, 링크가 여럿인 호스트는 어느 것인지 \
                밝혀야 합니다.
                """,
            when: "그룹으로 보내기 전에 설정합니다. 데이터그램 소켓 전용입니다.",
            outcomes: [
                "setopt IPV6_MULTICAST_IF lo 후 getopt는 1(lo의 인덱스)을 읽습니다.",
                "인터페이스가 없는 인덱스: -1 ENODEV.",
                "TCP 소켓에서: -1 ENOPROTOOPT(데이터그램과 raw 소켓 전용).",
            ],
            quirks: [
                "IPv4와 달리 주소 형식은 없습니다. 인덱스는 `ip link`로 볼 수 있습니다.",
                "소켓이 장치에 묶여 있으면(SO_BINDTODEVICE) 인덱스가 그것과 같아야 하며, 아니면 EINVAL입니다.",
            ],
            tryIt: [
                "socket udp 6; getopt IPV6_MULTICAST_IF",
                "setopt IPV6_MULTICAST_IF lo; getopt IPV6_MULTICAST_IF",
                "setopt IPV6_MULTICAST_IF 999",
            ]
        )
    )

    // MARK: IPV6_JOIN_GROUP

    private static let ipv6JoinGroup = OptionNotes(
        related: ["IPV6_LEAVE_GROUP", "IPV6_MULTICAST_IF", "IPV6_MULTICAST_LOOP", "IP_ADD_MEMBERSHIP"],
        example: "examples/lab-multicast6.transcript",
        en: OptionNote(
            summary: "Join an IPv6 multicast group on one interface (Linux also calls it IPV6_ADD_MEMBERSHIP).",
            cType: "struct ipv6_mreq { struct in6_addr ipv6mr_multiaddr; unsigned ipv6mr_interface; }; set only",
            linuxDefault: "no groups",
            effect: """
                The interface (by index; 0 lets the route decide) becomes a member of the group, and an MLD \
                report, IPv6's IGMP, tells routers and switches to send the group there. Datagrams to [group]:port \
                are then delivered to sockets bound to that port. The membership ends with IPV6_LEAVE_GROUP or \
                close(). The shell's join command on an IPv6 socket does it.
                """,
            when: "After socket(), usually after bind() to the group's port, and before the datagrams are sent.",
            outcomes: [
                "join ff05::1:3 lo = 0.",
                "The same group on the same interface twice: -1 EADDRINUSE.",
                "Not a multicast address: -1 EINVAL.",
                "Index 0 and no route that tells the interface: -1 ENODEV.",
            ],
            quirks: [
                "Same option number as IPV6_ADD_MEMBERSHIP, Linux's older name.",
                "IPv6 multicast over lo is sent but never delivered; the lab's veth link delivers it (--lab).",
                "Link-local groups (ff02::) should name the interface: there is one such group per link.",
                "MCAST_JOIN_GROUP with struct group_req is the form that works for both families.",
            ],
            tryIt: [
                "socket udp 6 as rx6; bind [::]:5000",
                "join ff05::1:3 lo",
                "join ff05::1:3 lo",
            ]
        ),
        ko: OptionNote(
            summary: """
                IPv6 멀티캐스트 그룹에 한 인터페이스로 가입합니다(리눅스에서는 IPV6_ADD_MEMBERSHIP이라고도 함).
                """,
            cType: "struct ipv6_mreq { struct in6_addr ipv6mr_multiaddr; unsigned ipv6mr_interface; }, 설정 전용",
            linuxDefault: "가입한 그룹 없음",
            effect: """
                인터페이스(인덱스로 지정, 0이면 경로가 정함)가 그룹의 멤버가 되고, IPv6의 IGMP인 MLD 보고가 \
                라우터와 스위치에게 그 그룹을 이쪽으로 보내라고 알립니다. 그 뒤 [group]:port로 온 데이터그램은 그 \
                포트에 bind한 소켓에 전달됩니다. 멤버십은 IPV6_LEAVE_GROUP이나 close()로 끝납니다. IPv6 소켓에서 \
                셸의 join 명령이 이 일을 합니다.
                """,
            when: "socket() 뒤, 보통 그룹의 포트로 bind()한 다음, 데이터그램이 오기 전에 합니다.",
            outcomes: [
                "join ff05::1:3 lo = 0.",
                "같은 인터페이스에서 같은 그룹에 두 번: -1 EADDRINUSE.",
                "멀티캐스트 주소가 아님: -1 EINVAL.",
                "인덱스 0인데 인터페이스를 알려 줄 경로가 없음: -1 ENODEV.",
            ],
            quirks: [
                "리눅스의 옛 이름인 IPV6_ADD_MEMBERSHIP과 옵션 번호가 같습니다.",
                "lo를 통한 IPv6 멀티캐스트는 보내지기는 하지만 전달되지 않습니다. 랩의 veth 링크에서는 전달됩니다(sockshell --lab).",
                "링크 로컬 그룹(ff02::)은 인터페이스를 밝혀야 합니다: 그런 그룹은 링크마다 하나씩 있습니다.",
                "struct group_req를 쓰는 MCAST_JOIN_GROUP은 두 주소 계열 모두에 쓸 수 있는 형태입니다.",
            ],
            tryIt: [
                "socket udp 6 as rx6; bind [::]:5000",
                "join ff05::1:3 lo",
                "join ff05::1:3 lo",
            ]
        )
    )

    // MARK: IPV6_LEAVE_GROUP

    private static let ipv6LeaveGroup = OptionNotes(
        related: ["IPV6_JOIN_GROUP", "IP_DROP_MEMBERSHIP"],
        example: "examples/lab-multicast6.transcript",
        en: OptionNote(
            summary: "Leave an IPv6 multicast group that this socket joined (also known as IPV6_DROP_MEMBERSHIP).",
            cType: "struct ipv6_mreq, as for joining; set only",
            linuxDefault: "not applicable (an action)",
            effect: """
                Removes the socket's membership; when no socket on the host is a member any more, the interface \
                leaves the group with an MLD done message. Datagrams to the group are no longer delivered to this \
                socket. close() drops all memberships by itself. The shell's leave command on an IPv6 socket does \
                it.
                """,
            when: "When the socket no longer wants the group.",
            outcomes: [
                "leave ff05::1:3 lo after the join = 0.",
                "A group not joined on that interface: -1 EADDRNOTAVAIL.",
            ],
            quirks: [
                "The interface index must match the one used to join.",
                "Same option number as IPV6_DROP_MEMBERSHIP, Linux's older name.",
            ],
            tryIt: [
                "socket udp 6 as rx6; bind [::]:5000; join ff05::1:3 lo",
                "leave ff05::1:3 lo",
                "leave ff05::1:3 lo",
            ]
        ),
        ko: OptionNote(
            summary: "이 소켓이 가입했던 IPv6 멀티캐스트 그룹에서 탈퇴합니다(IPV6_DROP_MEMBERSHIP이라고도 함).",
            cType: "struct ipv6_mreq, 가입할 때와 같음. 설정 전용",
            linuxDefault: "해당 없음(동작)",
            effect: """
                소켓의 멤버십을 지웁니다. 호스트에 멤버인 소켓이 더 없으면 인터페이스가 MLD done 메시지로 그룹을 \
                떠납니다. 그 뒤 그룹으로 온 데이터그램은 이 소켓에 전달되지 않습니다. close()는 멤버십을 모두 \
                알아서 정리합니다. IPv6 소켓에서 셸의 leave 명령이 이 일을 합니다.
                """,
            when: "소켓이 그 그룹을 더 원하지 않을 때 합니다.",
            outcomes: [
                "가입 뒤 leave ff05::1:3 lo = 0.",
                "그 인터페이스로 가입하지 않은 그룹: -1 EADDRNOTAVAIL.",
            ],
            quirks: [
                "인터페이스 인덱스가 가입할 때와 같아야 합니다.",
                "리눅스의 옛 이름인 IPV6_DROP_MEMBERSHIP과 옵션 번호가 같습니다.",
            ],
            tryIt: [
                "socket udp 6 as rx6; bind [::]:5000; join ff05::1:3 lo",
                "leave ff05::1:3 lo",
                "leave ff05::1:3 lo",
            ]
        )
    )
}
