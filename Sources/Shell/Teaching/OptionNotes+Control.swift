// Study notes for the options that make recvmsg deliver control messages (IP_PKTINFO, IP_RECVTTL,
// IPV6_RECVPKTINFO, IPV6_RECVHOPLIMIT, SO_TIMESTAMPNS, SO_RXQ_OVFL) and for the error queue (IP_RECVERR).
// Facts checked on Linux 6.x against ip(7), ipv6(7), socket(7) and by trying them on loopback.

extension OptionNotesCatalog {
    // MARK: IP_PKTINFO

    static let ipPktinfo = OptionNotes(
        related: ["IPV6_RECVPKTINFO", "IP_RECVTTL", "IP_ADD_MEMBERSHIP"],
        example: "examples/multicast.transcript",
        en: OptionNote(
            summary: "Deliver, with each datagram, the address it was sent to and the interface it came in by.",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                With it on, recvmsg returns an IP_PKTINFO control message (struct in_pktinfo) per datagram: \
                ipi_addr is the destination address in the IP header (a multicast group, a broadcast address, \
                or one of this host's addresses), ipi_spec_dst the local address a reply would come from, and \
                ipi_ifindex the interface. A socket bound to the wildcard address learns this way which of the \
                host's addresses (or which group) a datagram was for. On sendmsg, an IP_PKTINFO message picks \
                the source address (and interface) of one datagram.
                """,
            when: "Any time before the recvmsg that should carry it; it changes nothing on the wire.",
            outcomes: [
                "recvmsg shows cmsg_type=IP_PKTINFO with ipi_addr = the group, for a datagram sent to a group.",
                "recv and recvfrom cannot show it: only recvmsg has room for control messages.",
                "sendmsg from 127.0.0.2 on a wildcard-bound socket: the peer sees 127.0.0.2 as the sender.",
            ],
            quirks: [
                "Two sockets joined to different groups on one port both receive each other's datagrams when "
                    + "bound to the wildcard: ipi_addr tells them apart.",
                "It applies to IPv4 sockets; IPv6 has IPV6_RECVPKTINFO (and IPV6_PKTINFO for sending).",
            ],
            tryIt: [
                "socket udp as rx; bind :5000; join 239.1.2.3 127.0.0.1",
                "setopt IP_PKTINFO on",
                "socket udp; sendto 239.1.2.3:5000 hi; @rx recvmsg",
            ]
        ),
        ko: OptionNote(
            summary: "데이터그램마다 그것이 향한 목적지 주소와 들어온 인터페이스를 함께 전달하게 합니다.",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                켜 두면 recvmsg가 데이터그램마다 IP_PKTINFO 제어 메시지(struct in_pktinfo)를 돌려줍니다. \
                ipi_addr는 IP 헤더의 목적지 주소(멀티캐스트 그룹, 브로드캐스트 주소, 또는 이 호스트의 주소 중 \
                하나), ipi_spec_dst는 답장이 나갈 로컬 주소, ipi_ifindex는 인터페이스입니다. 와일드카드 주소에 \
                bind한 소켓은 이것으로 데이터그램이 어느 주소(어느 그룹)로 온 것인지 알 수 있습니다. sendmsg에 \
                IP_PKTINFO 메시지를 붙이면 그 데이터그램 하나의 출발 주소(와 인터페이스)를 고릅니다.
                """,
            when: "그 메시지를 받을 recvmsg 전이면 언제든 됩니다. 전선 위의 패킷은 바뀌지 않습니다.",
            outcomes: [
                "그룹으로 보낸 데이터그램이면 recvmsg가 cmsg_type=IP_PKTINFO와 ipi_addr = 그룹을 보여 줍니다.",
                "recv와 recvfrom으로는 볼 수 없습니다. 제어 메시지를 담을 곳은 recvmsg에만 있습니다.",
                "와일드카드에 bind한 소켓에서 127.0.0.2를 출발 주소로 sendmsg하면 상대는 127.0.0.2를 보냄 주소로 봅니다.",
            ],
            quirks: [
                "한 포트에서 서로 다른 그룹에 가입한 두 소켓이 와일드카드에 bind되어 있으면 서로의 데이터그램도 "
                    + "받습니다. ipi_addr로 구별합니다.",
                "IPv4 소켓용입니다. IPv6에는 IPV6_RECVPKTINFO(보낼 때는 IPV6_PKTINFO)가 있습니다.",
            ],
            tryIt: [
                "socket udp as rx; bind :5000; join 239.1.2.3 127.0.0.1",
                "setopt IP_PKTINFO on",
                "socket udp; sendto 239.1.2.3:5000 hi; @rx recvmsg",
            ]
        )
    )

    // MARK: IP_RECVTTL

    static let ipRecvttl = OptionNotes(
        related: ["IP_TTL", "IP_MULTICAST_TTL", "IPV6_RECVHOPLIMIT"],
        example: "examples/multicast.transcript",
        en: OptionNote(
            summary: "Deliver the TTL each received datagram arrived with (an IP_TTL control message).",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                recvmsg then returns the TTL field of the datagram's IP header as it reached this host: the \
                sender's TTL (IP_TTL, or IP_MULTICAST_TTL for a group) minus one per router crossed. A receiver \
                can tell how far away a sender is, or refuse datagrams that crossed a router (GTSM, RFC 5082: \
                senders use 255, receivers accept only 255).
                """,
            when: "Any time before the recvmsg that should carry it.",
            outcomes: [
                "On loopback the TTL arrives as sent: setopt IP_MULTICAST_TTL 3 on the sender, the receiver reads [3].",
                "A unicast datagram from a default socket arrives with 64.",
            ],
            quirks: [
                "The control message's type is IP_TTL, not IP_RECVTTL.",
                "For a TCP socket there is nothing to read it with: it serves datagram sockets.",
            ],
            tryIt: [
                "socket udp as rx; bind 127.0.0.1:0; setopt IP_RECVTTL on",
                "socket udp; setopt IP_TTL 7; sendto rx hi",
                "@rx recvmsg",
            ]
        ),
        ko: OptionNote(
            summary: "받은 데이터그램마다 도착했을 때의 TTL을 IP_TTL 제어 메시지로 전달하게 합니다.",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                그러면 recvmsg가 이 호스트에 닿았을 때 데이터그램 IP 헤더의 TTL 값을 돌려줍니다. 보낸 쪽의 \
                TTL(IP_TTL, 그룹이면 IP_MULTICAST_TTL)에서 지나온 라우터마다 1씩 빠진 값입니다. 받는 쪽은 \
                보낸 쪽이 얼마나 멀리 있는지 알 수 있고, 라우터를 지나온 데이터그램을 거부할 수도 있습니다 \
                (GTSM, RFC 5082: 보내는 쪽은 255를 쓰고 받는 쪽은 255만 받아들입니다).
                """,
            when: "그 메시지를 받을 recvmsg 전이면 언제든 됩니다.",
            outcomes: [
                "루프백에서는 보낸 그대로 도착합니다. 보내는 쪽이 IP_MULTICAST_TTL 3이면 받는 쪽은 [3]을 읽습니다.",
                "기본값 소켓이 보낸 유니캐스트 데이터그램은 64로 도착합니다.",
            ],
            quirks: [
                "제어 메시지의 타입은 IP_RECVTTL이 아니라 IP_TTL입니다.",
                "TCP 소켓에는 이것을 읽을 방법이 없습니다. 데이터그램 소켓을 위한 옵션입니다.",
            ],
            tryIt: [
                "socket udp as rx; bind 127.0.0.1:0; setopt IP_RECVTTL on",
                "socket udp; setopt IP_TTL 7; sendto rx hi",
                "@rx recvmsg",
            ]
        )
    )

    // MARK: IP_RECVERR

    static let ipRecverr = OptionNotes(
        related: ["SO_ERROR", "IP_PKTINFO"],
        example: nil,
        en: OptionNote(
            summary: "Queue the errors a datagram meets (ICMP unreachable, ...) in detail, for recvmsg errqueue.",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                A UDP datagram that meets an error comes back as an ICMP message (port unreachable, host \
                unreachable, TTL exceeded). Without this option Linux reports only some of them, and only on a \
                connected socket, as an errno of a later call. With it on, each error is also queued on the \
                socket's error queue with its details (struct sock_extended_err: the errno, the ICMP type and \
                code, who sent it, the datagram's destination and payload), read with recvmsg(MSG_ERRQUEUE); \
                an unconnected socket then learns of errors too.
                """,
            when: "Before the send whose error should be kept.",
            outcomes: [
                "sendto a port nobody listens on (loopback): recvmsg errqueue shows ee_errno=ECONNREFUSED, "
                    + "SO_EE_ORIGIN_ICMP type 3 code 3.",
                "A pending error also makes poll report POLLERR and the next plain send or recv fail once.",
                "recvmsg errqueue with nothing queued = -1 EAGAIN (it never blocks).",
            ],
            quirks: [
                "IPv6 has its own IPV6_RECVERR; sockshell teaches the IPv4 one.",
                "The queue holds at most what the receive buffer allows; old errors are not kept forever.",
            ],
            tryIt: [
                "socket udp; setopt IP_RECVERR on",
                "sendto 127.0.0.1:9 hi; sleep 50ms; poll",
                "recvmsg errqueue; recvmsg errqueue",
            ]
        ),
        ko: OptionNote(
            summary: "데이터그램이 만난 오류(ICMP unreachable 등)를 자세히 큐에 넣어 recvmsg errqueue로 읽게 합니다.",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                오류를 만난 UDP 데이터그램은 ICMP 메시지(port unreachable, host unreachable, TTL exceeded)로 \
                돌아옵니다. 이 옵션이 없으면 리눅스는 그중 일부만, 그것도 연결된 소켓에서만 다음 호출의 errno로 \
                알립니다. 켜 두면 오류마다 자세한 내용(struct sock_extended_err: errno, ICMP 타입과 코드, 보낸 \
                쪽, 데이터그램의 목적지와 내용)이 소켓의 오류 큐에도 쌓이고 recvmsg(MSG_ERRQUEUE)로 읽습니다. \
                연결하지 않은 소켓도 이렇게 오류를 알 수 있습니다.
                """,
            when: "오류를 남겨야 할 send보다 먼저 켭니다.",
            outcomes: [
                "아무도 듣지 않는 포트로 sendto(루프백): recvmsg errqueue가 ee_errno=ECONNREFUSED, "
                    + "SO_EE_ORIGIN_ICMP 타입 3 코드 3을 보여 줍니다.",
                "대기 중인 오류가 있으면 poll이 POLLERR를 알리고 다음 send나 recv가 한 번 실패합니다.",
                "큐가 비었을 때 recvmsg errqueue = -1 EAGAIN (기다리지 않습니다).",
            ],
            quirks: [
                "IPv6에는 따로 IPV6_RECVERR가 있습니다. sockshell은 IPv4 쪽을 가르칩니다.",
                "큐는 수신 버퍼가 허락하는 만큼만 담습니다. 오래된 오류가 영원히 남지는 않습니다.",
            ],
            tryIt: [
                "socket udp; setopt IP_RECVERR on",
                "sendto 127.0.0.1:9 hi; sleep 50ms; poll",
                "recvmsg errqueue; recvmsg errqueue",
            ]
        )
    )

    // MARK: IPV6_RECVPKTINFO

    static let ipv6Recvpktinfo = OptionNotes(
        related: ["IP_PKTINFO", "IPV6_RECVHOPLIMIT", "IPV6_JOIN_GROUP"],
        example: nil,
        en: OptionNote(
            summary: "IPv6: deliver each datagram's destination address and arrival interface (IPV6_PKTINFO).",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                The IPv6 counterpart of IP_PKTINFO: recvmsg returns an IPV6_PKTINFO control message (struct \
                in6_pktinfo: ipi6_addr, the destination address of the datagram, and ipi6_ifindex, the \
                interface it came in by). A wildcard-bound server learns which of its addresses, or which \
                group, a datagram was sent to, and can answer from that same address with sendmsg.
                """,
            when: "Any time before the recvmsg that should carry it.",
            outcomes: [
                "A datagram to [::1] shows ipi6_addr ::1 and the interface lo.",
                "The control message's type is IPV6_PKTINFO; the option that asks for it is IPV6_RECVPKTINFO.",
            ],
            quirks: [
                "The old RFC 2292 option IPV6_2292PKTINFO still exists; use this one (RFC 3542).",
                "IPv6 multicast over lo is sent but not received on Linux: see it between two hosts (the lab).",
            ],
            tryIt: [
                "socket udp 6 as rx; bind [::1]:0; setopt IPV6_RECVPKTINFO on",
                "socket udp 6; sendto rx hi",
                "@rx recvmsg",
            ]
        ),
        ko: OptionNote(
            summary: "IPv6: 데이터그램마다 목적지 주소와 들어온 인터페이스(IPV6_PKTINFO)를 전달하게 합니다.",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                IP_PKTINFO의 IPv6판입니다. recvmsg가 IPV6_PKTINFO 제어 메시지(struct in6_pktinfo: 데이터그램의 \
                목적지 주소 ipi6_addr와 들어온 인터페이스 ipi6_ifindex)를 돌려줍니다. 와일드카드에 bind한 서버는 \
                데이터그램이 자기 주소 중 어느 것(또는 어느 그룹)으로 왔는지 알고, sendmsg로 같은 주소에서 \
                답할 수 있습니다.
                """,
            when: "그 메시지를 받을 recvmsg 전이면 언제든 됩니다.",
            outcomes: [
                "[::1]로 온 데이터그램은 ipi6_addr ::1과 인터페이스 lo를 보여 줍니다.",
                "제어 메시지의 타입은 IPV6_PKTINFO이고, 그것을 요청하는 옵션이 IPV6_RECVPKTINFO입니다.",
            ],
            quirks: [
                "옛 RFC 2292 옵션 IPV6_2292PKTINFO도 남아 있습니다. 이것(RFC 3542)을 쓰십시오.",
                "리눅스에서 lo를 지나는 IPv6 멀티캐스트는 보내지지만 받히지 않습니다. 두 호스트 사이(실습실)에서 봅니다.",
            ],
            tryIt: [
                "socket udp 6 as rx; bind [::1]:0; setopt IPV6_RECVPKTINFO on",
                "socket udp 6; sendto rx hi",
                "@rx recvmsg",
            ]
        )
    )

    // MARK: IPV6_RECVHOPLIMIT

    static let ipv6Recvhoplimit = OptionNotes(
        related: ["IP_RECVTTL", "IPV6_UNICAST_HOPS", "IPV6_MULTICAST_HOPS"],
        example: nil,
        en: OptionNote(
            summary: "IPv6: deliver the hop limit each datagram arrived with (an IPV6_HOPLIMIT control message).",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                The IPv6 counterpart of IP_RECVTTL: recvmsg returns the Hop Limit field of the datagram's IPv6 \
                header as it arrived, the sender's IPV6_UNICAST_HOPS (or IPV6_MULTICAST_HOPS) minus one per \
                router. Neighbour Discovery relies on it: its messages must arrive with 255, which proves they \
                were not routed.
                """,
            when: "Any time before the recvmsg that should carry it.",
            outcomes: [
                "setopt IPV6_UNICAST_HOPS 9 on the sender: the receiver on [::1] reads [9].",
                "A default sender's datagram arrives with 64.",
            ],
            quirks: [
                "The control message's type is IPV6_HOPLIMIT; the option that asks for it is IPV6_RECVHOPLIMIT.",
                "sendmsg with an IPV6_HOPLIMIT message sets the hop limit of one datagram.",
            ],
            tryIt: [
                "socket udp 6 as rx; bind [::1]:0; setopt IPV6_RECVHOPLIMIT on",
                "socket udp 6; setopt IPV6_UNICAST_HOPS 9; sendto rx hi",
                "@rx recvmsg",
            ]
        ),
        ko: OptionNote(
            summary: "IPv6: 데이터그램마다 도착했을 때의 홉 제한을 IPV6_HOPLIMIT 제어 메시지로 전달하게 합니다.",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                IP_RECVTTL의 IPv6판입니다. recvmsg가 도착한 데이터그램 IPv6 헤더의 Hop Limit 값을 돌려줍니다. \
                보낸 쪽의 IPV6_UNICAST_HOPS(또는 IPV6_MULTICAST_HOPS)에서 라우터마다 1씩 빠진 값입니다. 이웃 \
                탐색(Neighbour Discovery)은 이것에 기대어, 메시지가 255로 도착해야 라우팅되지 않았다고 봅니다.
                """,
            when: "그 메시지를 받을 recvmsg 전이면 언제든 됩니다.",
            outcomes: [
                "보내는 쪽이 setopt IPV6_UNICAST_HOPS 9이면 [::1]의 받는 쪽은 [9]를 읽습니다.",
                "기본값 소켓이 보낸 데이터그램은 64로 도착합니다.",
            ],
            quirks: [
                "제어 메시지의 타입은 IPV6_HOPLIMIT이고, 그것을 요청하는 옵션이 IPV6_RECVHOPLIMIT입니다.",
                "sendmsg에 IPV6_HOPLIMIT 메시지를 붙이면 데이터그램 하나의 홉 제한을 정합니다.",
            ],
            tryIt: [
                "socket udp 6 as rx; bind [::1]:0; setopt IPV6_RECVHOPLIMIT on",
                "socket udp 6; setopt IPV6_UNICAST_HOPS 9; sendto rx hi",
                "@rx recvmsg",
            ]
        )
    )

    // MARK: SO_TIMESTAMPNS

    static let soTimestampns = OptionNotes(
        related: ["SO_RXQ_OVFL", "SO_RCVBUF"],
        example: nil,
        en: OptionNote(
            summary: "Stamp each received datagram with the time the kernel received it, in nanoseconds.",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                recvmsg then returns an SCM_TIMESTAMPNS control message (struct timespec, CLOCK_REALTIME) with \
                the moment the packet entered the kernel, not the moment the program read it. The difference \
                is the time the datagram waited in the receive queue: useful to measure latency without the \
                program's own delays.
                """,
            when: "Before the datagrams to be stamped arrive: a datagram already queued is stamped as it came.",
            outcomes: [
                "recvmsg shows cmsg_type=SO_TIMESTAMPNS_OLD with tv_sec and tv_nsec.",
                "Two datagrams sent 100 ms apart and read together later carry stamps 100 ms apart.",
            ],
            quirks: [
                "strace names the message SO_TIMESTAMPNS_OLD: the 64-bit-time variant SO_TIMESTAMPNS_NEW exists "
                    + "for 32-bit systems; on x86-64 the two carry the same struct.",
                "Hardware and transmit stamps need SO_TIMESTAMPING, a different option.",
            ],
            tryIt: [
                "socket udp as rx; bind 127.0.0.1:0; setopt SO_TIMESTAMPNS on",
                "socket udp; sendto rx one; sleep 100ms; sendto rx two",
                "@rx recvmsg; @rx recvmsg",
            ]
        ),
        ko: OptionNote(
            summary: "받은 데이터그램마다 커널이 받은 시각을 나노초 단위로 찍어 전달하게 합니다.",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                그러면 recvmsg가 SCM_TIMESTAMPNS 제어 메시지(struct timespec, CLOCK_REALTIME)를 돌려줍니다. \
                프로그램이 읽은 시각이 아니라 패킷이 커널에 들어온 시각입니다. 그 차이가 데이터그램이 수신 \
                큐에서 기다린 시간이므로, 프로그램 자신의 지연을 빼고 지연 시간을 잴 수 있습니다.
                """,
            when: "찍힐 데이터그램이 도착하기 전에 켭니다. 이미 큐에 있는 데이터그램은 도착할 때의 설정을 따릅니다.",
            outcomes: [
                "recvmsg가 tv_sec, tv_nsec와 함께 cmsg_type=SO_TIMESTAMPNS_OLD를 보여 줍니다.",
                "100 ms 간격으로 보내고 나중에 함께 읽은 두 데이터그램은 100 ms 차이 나는 시각을 가집니다.",
            ],
            quirks: [
                "strace는 이 메시지를 SO_TIMESTAMPNS_OLD라고 부릅니다. 32비트 시스템을 위한 64비트 시간판 "
                    + "SO_TIMESTAMPNS_NEW가 따로 있고, x86-64에서는 둘이 같은 구조체를 담습니다.",
                "하드웨어 시각이나 송신 시각은 다른 옵션인 SO_TIMESTAMPING이 필요합니다.",
            ],
            tryIt: [
                "socket udp as rx; bind 127.0.0.1:0; setopt SO_TIMESTAMPNS on",
                "socket udp; sendto rx one; sleep 100ms; sendto rx two",
                "@rx recvmsg; @rx recvmsg",
            ]
        )
    )

    // MARK: SO_RXQ_OVFL

    static let soRxqOvfl = OptionNotes(
        related: ["SO_RCVBUF", "SO_TIMESTAMPNS"],
        example: nil,
        en: OptionNote(
            summary: "Tell, with each datagram received, how many this socket has dropped so far (buffer full).",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                A datagram that arrives while the receive buffer (SO_RCVBUF) is full is dropped without a word \
                to anyone. With this option on, recvmsg returns an SO_RXQ_OVFL control message (a 32-bit \
                counter) with every datagram: the socket's drops so far. A counter that grew between two \
                reads means datagrams were lost in between: read faster or raise SO_RCVBUF.
                """,
            when: "Any time; the counter counts from the socket's creation, not from the moment it is set.",
            outcomes: [
                "After a flood that overran the buffer, recvmsg shows cmsg_type=SO_RXQ_OVFL, cmsg_data=[N] with N > 0.",
                "Before any drop no SO_RXQ_OVFL message comes: Linux adds it only once the counter is not zero.",
            ],
            quirks: [
                "The same count appears in /proc/net/udp's drops column and in SO_MEMINFO.",
                "It counts drops at this socket only, not those of the network or the interface.",
            ],
            tryIt: [
                "socket udp as rx; bind 127.0.0.1:0; setopt SO_RCVBUF 4K; setopt SO_RXQ_OVFL on",
                "socket udp as tx; connect rx; source 1M 1K",
                "@rx recvmsg",
            ]
        ),
        ko: OptionNote(
            summary: "데이터그램을 받을 때마다 이 소켓이 지금까지 (버퍼가 차서) 버린 수를 알려 줍니다.",
            cType: "int (boolean)",
            linuxDefault: "off",
            effect: """
                수신 버퍼(SO_RCVBUF)가 찼을 때 도착한 데이터그램은 아무 말 없이 버려집니다. 이 옵션을 켜면 \
                recvmsg가 데이터그램마다 SO_RXQ_OVFL 제어 메시지(32비트 카운터)로 소켓이 지금까지 버린 수를 \
                돌려줍니다. 두 번의 읽기 사이에 카운터가 늘었다면 그 사이에 데이터그램을 잃은 것이니 더 빨리 \
                읽거나 SO_RCVBUF를 늘립니다.
                """,
            when: "언제든 됩니다. 카운터는 설정한 때가 아니라 소켓이 만들어진 때부터 셉니다.",
            outcomes: [
                "버퍼를 넘친 폭주 뒤에 recvmsg가 N > 0인 cmsg_type=SO_RXQ_OVFL, cmsg_data=[N]을 보여 줍니다.",
                "버린 것이 없으면 리눅스는 이 메시지를 보내지 않습니다(카운터가 0이 아닐 때만 옵니다).",
            ],
            quirks: [
                "같은 수가 /proc/net/udp의 drops 열과 SO_MEMINFO에도 나옵니다.",
                "이 소켓에서 버린 것만 셉니다. 네트워크나 인터페이스에서 잃은 것은 세지 않습니다.",
            ],
            tryIt: [
                "socket udp as rx; bind 127.0.0.1:0; setopt SO_RCVBUF 4K; setopt SO_RXQ_OVFL on",
                "socket udp as tx; connect rx; source 1M 1K",
                "@rx recvmsg",
            ]
        )
    )
}
