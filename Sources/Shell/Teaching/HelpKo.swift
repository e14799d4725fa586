// Korean text for `help` under `--lang ko` (SPEC §1, §3).

/// Korean help: a one-line summary and a short explanation for every command.
///
/// Why: `--lang ko` shows help in Korean while every other output stays English, so transcripts replay
/// anywhere; the command table keeps the English text and usage, this table only the translations.
enum HelpKo {
    /// One line per command name, shown by `help` and `help COMMAND`.
    /// The headings of `help`, by English group name.
    static let groups: [String: String] = [
        "Sockets": "소켓", "Data": "데이터", "Options": "옵션", "Multicast": "멀티캐스트", "Inspect": "살펴보기",
        "Lab": "실습망",
        "Session": "세션",
    ]

    static let summaries: [String: String] = [
        "socket": "소켓을 만들고 현재 소켓으로 삼습니다",
        "bind": "소켓을 로컬 주소에 bind(2)합니다",
        "listen": "연결을 받도록 listen(2)합니다 (백로그 기본값 128)",
        "accept": "연결 하나를 accept(2)하고, 새 소켓이 현재 소켓이 됩니다",
        "connect": "주소나 다른 소켓의 핸들로 connect(2)합니다",
        "send": "바이트를 send(2)합니다",
        "sendto": "주소나 핸들로 데이터그램을 sendto(2)합니다",
        "recv": "최대 N바이트(기본 64K)를 recv(2)합니다",
        "shutdown": "한쪽 또는 양쪽 방향을 shutdown(2)합니다",
        "close": "소켓을 close(2)하며, 핸들은 사라집니다",
        "setopt": "소켓 옵션을 setsockopt(2)로 설정합니다",
        "getopt": "getsockopt(2)로 읽습니다. 옵션을 빼면 해당하는 모든 옵션을 표로 보여 줍니다",
        "join": "멀티캐스트 그룹에 가입합니다 (IP_ADD_MEMBERSHIP, IPv6는 IPV6_JOIN_GROUP)",
        "leave": "멀티캐스트 그룹에서 탈퇴합니다 (IP_DROP_MEMBERSHIP, IPv6는 IPV6_LEAVE_GROUP)",
        "nonblock": "fcntl(2)로 O_NONBLOCK을 켜거나 끕니다",
        "poll": "모든 소켓을 poll(2)합니다: 읽기/쓰기 가능, hup, error",
        "info": "소켓 정보: fd, 주소 계열, 타입, 주소, TCP 상태, 큐",
        "list": "열린 소켓을 한 줄에 하나씩 보여 줍니다",
        "use": "NAME을 현재 소켓으로 삼습니다",
        "source": "BYTES를 SIZE(기본 128K)씩 나누어 보내고 속도를 보여 줍니다",
        "sink": "BYTES만큼 또는 EOF까지 받고 속도를 보여 줍니다",
        "sleep": "잠시 멈춥니다 (250ms, 2s)",
        "host": "새 소켓을 실습망 호스트 NAME(a, b; 라우터가 있으면 r)에 만듭니다",
        "link": "HOST의 링크(생략하면 전부)에서 모든 패킷을 버리거나 다시 흐르게 합니다",
        "reboot": "HOST의 모든 소켓이 기계가 다시 켜진 것처럼 조용히 사라집니다",
        "lab": "실습망: 호스트, 인터페이스, 주소, 링크, 걸려 있는 장애",
        "wire": "호출마다 네트워크에 실린 패킷을 보여 줍니다 (libpcap)",
        "help": "명령 목록을 보이거나 한 명령을 설명합니다",
        "export": "지금까지의 세션을 C 프로그램으로 씁니다",
        "explain": "소켓 옵션의 학습 노트를 보여 줍니다",
        "quit": "셸을 끝냅니다. 모든 소켓이 닫힙니다",
        "exit": "셸을 끝냅니다 (quit과 같음)",
        "sockets": "이 네트워크 네임스페이스의 커널 소켓 표(sock_diag)를 이 세션의 핸들과 함께 보여 줍니다",
        "recvmsg": "recvmsg(2): 데이터, msg_flags, 모든 제어 메시지를 풀어서 보여 줍니다",
        "sendmsg": "이 데이터그램에만 적용되는 제어 메시지와 함께 sendmsg(2)합니다",
        "select": "모든 소켓을 select(2)합니다: 읽기, 쓰기, 예외 집합",
        "atmark": "ioctl(SIOCATMARK): 다음에 읽을 바이트가 긴급 표시 위치인지 묻습니다",
    ]

    /// One to three sentences per command name, shown by `help COMMAND`.
    static let details: [String: String] = [
        "sockets": """
            ss처럼 NETLINK_SOCK_DIAG를 읽습니다. 이 네트워크 네임스페이스(실습실에서는 현재 호스트)의 모든 TCP, UDP, \
            AF_UNIX 소켓을 디스크립터가 없는 것(TIME_WAIT)까지 상태, 큐, 주소, 타이머(timewait, keepalive, \
            retransmit: 남은 시간)와 함께 보여 줍니다. FILTER 낱말은 모두 맞아야 합니다: 포트(로컬 또는 상대), \
            상태(listen, established, time_wait, ...), 핸들(그 포트의 소켓들, AF_UNIX는 그 소켓과 상대), tcp, udp, \
            unix, 4, 6.
            """,
        "recvmsg": """
            recv와 같되 msghdr 전체를 strace처럼 보여 줍니다: 보낸 쪽(msg_name), msg_flags(MSG_TRUNC, MSG_CTRUNC, \
            MSG_OOB, MSG_EOR), 소켓이 요청한 제어 메시지: IP_PKTINFO / IPV6_PKTINFO(목적지 주소, 예를 들어 \
            멀티캐스트 그룹, 과 인터페이스), IP_TTL / IPV6_HOPLIMIT(IP_RECVTTL, IPV6_RECVHOPLIMIT), SO_TIMESTAMPNS, \
            SO_RXQ_OVFL(지금까지 버린 수). errqueue는 오류 큐(MSG_ERRQUEUE)를 읽습니다. IP_RECVERR가 켜져 있으면 \
            UDP 송신이 만난 ICMP 오류가 거기 있습니다.
            """,
        "sendmsg": """
            ttl N은 이 데이터그램에만 IP_TTL(IPv6는 IPV6_HOPLIMIT)을, from IP는 IP를 출발 주소로 하는 \
            IP_PKTINFO(IPV6_PKTINFO)를 보냅니다. 연결하지 않은 소켓에는 ADDR가 필요합니다. DATA와 FLAG는 send와 \
            같습니다.
            """,
        "select": """
            각 소켓을 세 fd_set에 모두 넣고, 결과를 strace처럼(in [...], out [...], except [...]) 소켓마다 한 줄과 \
            함께 보여 줍니다. TIMEOUT은 시간(기본 0: 보기만 함)입니다. 읽기 가능은 SO_RCVLOWAT를 따르고, except는 \
            긴급 데이터(MSG_OOB)가 기다린다는 뜻입니다. 1024 이상의 디스크립터는 select로 볼 수 없습니다 \
            (FD_SETSIZE). poll을 쓰십시오.
            """,
        "atmark": """
            sockatmark(3)가 바로 이 ioctl입니다. 읽기 위치가 스트림 안 긴급 바이트의 자리(recv가 멈추는 곳)이면 1, \
            아니면 0입니다.
            """,
        "socket": """
            socket(2)을 부릅니다. tcp와 udp는 6을 주지 않으면 IPv4 소켓을, unix는 AF_UNIX 스트림(기본) 또는 \
            데이터그램 소켓을 만듭니다. 핸들은 s<N>이며, `as NAME`을 주면 NAME이 됩니다.
            """,
        "bind": """
            ADDR는 IPv4:PORT, [IPv6]:PORT, :PORT(모든 주소), HOST:PORT, /path 또는 unix:/path, 그리고 다른 소켓의 \
            핸들(그 소켓의 로컬 주소)일 수 있습니다. 포트 0이면 커널이 고르고, 고른 주소를 보여 줍니다.
            """,
        "listen": "bind한 스트림 소켓을 리스너로 바꿉니다. bind하지 않았다면 커널이 포트를 고릅니다.",
        "accept": """
            대기 중인 연결이 생길 때까지 기다립니다(Ctrl-C로 중단, 스크립트에서는 --timeout이 상한). 상대 주소를 \
            보여 주며, @NAME으로 실행하면 현재 소켓은 바뀌지 않습니다.
            """,
        "connect": """
            블로킹 소켓에서는 핸드셰이크를 기다리고, 논블로킹 소켓에서는 바로 EINPROGRESS를 돌려줍니다(결과는 \
            poll과 getopt SO_ERROR로 확인). UDP에서는 기본 상대 주소를 정합니다.
            """,
        "send": """
            DATA는 입력한 줄의 나머지, C 이스케이프를 쓰는 따옴표 문자열("a\\r\\n\\x00"), 또는 `hex 68 69`입니다. \
            앞쪽의 플래그 단어(oob, dontwait, more, nosignal)는 플래그로 읽으며, 그 단어 자체를 보내려면 따옴표로 \
            감쌉니다. 플래그는 C 이름(MSG_OOB)으로도, 대소문자 구분 없이 쓸 수 있습니다. 줄바꿈은 덧붙이지 \
            않습니다.
            """,
        "sendto": "DATA는 send와 같습니다. UDP, AF_UNIX 데이터그램 소켓, 브로드캐스트와 멀티캐스트 그룹에 씁니다.",
        "recv": """
            텍스트는 C 이스케이프를 쓴 따옴표로, 바이너리는 16진 덤프로 보여 주고, 데이터그램은 보낸 \
            쪽(recvfrom)도 보여 줍니다. N과 플래그(peek, waitall, oob, dontwait, trunc)는 순서에 상관없이 씁니다. \
            플래그는 C 이름(MSG_PEEK)으로도, 대소문자 구분 없이 쓸 수 있습니다.
            """,
        "shutdown": """
            wr은 FIN을 보냅니다: 상대는 EOF를 읽지만 여전히 보낼 수 있습니다. rd는 이후 도착하는 것을 버리고, \
            rdwr은 둘 다 합니다. C 이름(SHUT_WR)도 대소문자 구분 없이 받습니다.
            """,
        "close": """
            SO_LINGER가 on 0이면 커널이 FIN 대신 RST를 보내고, on N이면 보내지 못한 데이터를 최대 N초 기다립니다.
            """,
        "setopt": """
            OPTION은 접두어가 있든 없든, 대소문자와 상관없이 씁니다(SO_LINGER, linger). 스위치는 on|off, 크기는 \
            K/M/G, SO_LINGER는 `on 초` 또는 `off`, SO_RCVTIMEO는 기간(5s, 250ms)을 받습니다. 효과가 없는 시점에 \
            설정하면 셸이 알려 줍니다.
            """,
        "getopt": "읽은 값을 그대로 보여 주며, TCP_INFO는 필드별로 풀어서 보여 줍니다.",
        "join": """
            IFACE는 인터페이스 주소나 이름이며, 생략하면 커널이 경로를 보고 고릅니다. 멀티캐스트 실습은 전용 \
            네트워크 네임스페이스 안에서 합니다.
            """,
        "leave": "전에 가입한 그룹에서 탈퇴합니다. 가입할 때와 같은 인터페이스를 줍니다.",
        "nonblock": """
            논블로킹 호출은 기다리지 않고 EAGAIN(recv, accept, send)이나 EINPROGRESS(connect)를 돌려줍니다.
            """,
        "poll": """
            TIMEOUT은 기간이며 기본값 0은 한 번 들여다보기만 합니다. 소켓마다 준비 상태와 큐에 쌓인 바이트 수를 \
            보여 주고, 데이터그램 소켓이 버린 것이 있으면 DROPS 칸(SK_MEMINFO_DROPS)을 더합니다.
            """,
        "info": """
            TCP 상태는 TCP_INFO에서, 큐의 길이는 SIOCINQ/SIOCOUTQ에서 가져옵니다. UDP 소켓에서 SIOCINQ는 다음 \
            데이터그램 하나의 크기뿐이라, 큐의 데이터그램 수, 청구된 메모리(truesize), 버려진 수는 SO_MEMINFO로 \
            알려 줍니다.
            """,
        "list": "현재 소켓에는 *가 붙습니다.",
        "use": "한 명령만 다른 소켓에서 실행하려면 @NAME 명령을 씁니다. 이때는 현재 소켓이 바뀌지 않습니다.",
        "source": """
            옵션(SO_SNDBUF, TCP_NODELAY, 쓰기 크기)을 비교하기 위한 대량 송신기입니다. 개별 쓰기는 출력하지 않고 \
            바이트, 초, 속도만 요약하며, Ctrl-C로 멈추면 그때까지 보낸 양을 보여 줍니다. 시간은 마지막 쓰기가             돌아올 때 멈추는데, 그때 마지막 바이트들은 아직 버퍼에 있을 수 있으므로 비교는 sink 쪽 수치로 합니다. \
            데이터그램 소켓에서는 쓰기 한 번이 데이터그램 하나(기본 1472바이트)이고, 요약에 그 수도 나옵니다.
            """,
        "sink": "BYTES가 다 오거나 상대가 닫을 때까지 버퍼 하나를 재사용하며 읽습니다. 시간은 첫 바이트가 도착할 때부터 재므로, 송신자를 기다린 시간은 들어가지 않습니다. 데이터그램 소켓에는 EOF가 없으므로 데이터그램 없이 1초가 지나면 끝내고, 받은 데이터그램 수와 그동안 커널이 버린 수를 알려 줍니다.",
        "sleep": "Ctrl-C로 중단할 수 있습니다.",
        "wire": """
            wire on은 세션의 네트워크(루프백, 랩에서는 모든 링크)에서 패킷을 잡아, 그 패킷을 일으킨 호출 바로 아래에 \
            `~` 줄로 보여 주고, 아무도 입력하지 않는 동안 온 패킷은 프롬프트에 보여 줍니다. TCP 플래그는 tcpdump처럼, \
            seq/ack는 SYN 기준 상대값으로, 윈도, 길이, SYN의 옵션, 긴급 포인터를 보이고 UDP는 길이를, ICMP는 이름을 \
            보입니다. FILTER는 tcpdump 필터(`tcp port 5000`)입니다. 대량 전송은 명령마다 세어서 요약합니다. \
            wire save는 잡은 것을 pcap 파일로 쓰고(tcpdump -r, Wireshark), wire ladder는 시간-순서 도표로 그립니다. \
            CAP_NET_RAW가 필요합니다: --lab, 사설 네임스페이스(unshare -U -r -n), 또는 root.
            """,
        "help": "인자 없이 쓰면 명령을 묶음별로 보여 주고, 명령 이름을 주면 사용법, 설명, 예를 보여 줍니다.",
        "export": "libc만 쓰는 C11 프로그램 한 파일(Linux)을 씁니다. 세션과 같은 호출을 같은 순서로 하고, 호출마다 "
            + "셸과 같은 모양으로 결과를 출력하므로 세션과 줄 단위로 비교할 수 있습니다. 핸들은 변수가 되고, 핸들에서 "
            + "얻은 주소는 getsockname으로 읽으며, source와 sink는 반복문이 됩니다. 실행되지 않은 것(입력 오류)은 "
            + "빠지고, 무엇이 빠졌는지 알려 줍니다. REPL 밖에서는 sockshell --export-c OUT FILE.",
        "explain": """
            레벨과 C 타입, 리눅스 기본값, 바꾸는 것, 언제 설정해야 하는지, 관찰할 수 있는 결과, 리눅스의 특이점, \
            관련 예제를 보여 줍니다. --lang ko를 주면 한국어로 보여 줍니다.
            """,
        "host": """
            --lab이나 --lab-routed로 시작했을 때만 씁니다. 프롬프트에 호스트가 보입니다: sockshell[b](s1)>. 소켓은 \
            만들어진 호스트에 남습니다. 주소 자리의 NAME:PORT(IPv6는 [NAME]:PORT)는 그 호스트의 주소입니다.
            """,
        "link": """
            링크 양 끝에 blackhole qdisc를 겁니다. 패킷은 오류도 ICMP도 없이 사라지고 링크는 올라가 있습니다. \
            중간 어딘가에서 선이 끊긴 것과 같습니다.
            """,
        "reboot": """
            상대에게 FIN도 RST도 가지 않습니다. 나중에 그 연결의 세그먼트가 HOST에 닿으면 RST로 답하므로 상대는 \
            ECONNRESET을 봅니다.
            """,
        "lab": "현재 호스트에는 *가 붙습니다.",
        "quit": "Ctrl-D도 같은 일을 합니다.",
        "exit": "quit과 같습니다.",
    ]
}
