/// Study notes of IP_MULTICAST_ALL, in a file of their own (added with issue 12; the catalog's table names it).
extension OptionNotesCatalog {
    static let ipMulticastAll = OptionNotes(
        related: ["IP_ADD_MEMBERSHIP", "IP_DROP_MEMBERSHIP", "SO_REUSEADDR", "IP_MULTICAST_LOOP"],
        example: "examples/multicast.transcript",
        en: OptionNote(
            summary: """
                Whether this socket receives the datagrams of every group its host has joined, or only of the \
                groups it joined itself.
                """,
            cType: "int (boolean)",
            linuxDefault: "on (1)",
            effect: """
                Membership is kept per interface for the whole host: once any socket joins a group, datagrams to \
                it arrive at the host. With IP_MULTICAST_ALL on, Linux then delivers each of them to every UDP \
                socket bound to the destination port on the any address (or on the group), joined or not. Off, \
                a socket receives only the groups it joined with IP_ADD_MEMBERSHIP itself.
                """,
            when: "Any time on the receiving socket; it decides the delivery of datagrams that arrive afterwards.",
            outcomes: [
                "on (default): a socket bound to :PORT that never joined hears a group another socket joined.",
                "off: the same socket hears nothing of that group; after its own join it hears it.",
                "A socket bound to a unicast address (127.0.0.1:PORT) never receives group datagrams either way.",
            ],
            quirks: [
                """
                    Linux only (since 2.6.31), and the default of 1 surprises: the course's "join to receive" \
                    holds only once it is off.
                    """,
                """
                    It filters what this socket receives; what the host receives is still decided by every \
                    socket's joins.
                    """,
            ],
            tryIt: [
                "socket udp as rx; setopt SO_REUSEADDR on; bind :5000; join 239.1.2.3 127.0.0.1",
                "socket udp as other; setopt SO_REUSEADDR on; bind :5000; getopt IP_MULTICAST_ALL",
                "socket udp as tx; setopt IP_MULTICAST_IF 127.0.0.1; sendto 239.1.2.3:5000 hi; @other recv",
                "@other setopt IP_MULTICAST_ALL off; sendto 239.1.2.3:5000 again; @other poll",
            ]
        ),
        ko: OptionNote(
            summary: "이 소켓이 호스트가 가입한 모든 그룹의 데이터그램을 받을지, 자신이 가입한 그룹만 받을지 정합니다.",
            cType: "int (불리언)",
            linuxDefault: "켜짐 (1)",
            effect: """
                그룹 가입은 호스트 전체에 대해 인터페이스마다 관리됩니다: 어느 소켓이든 그룹에 가입하면 그 그룹으로 \
                가는 데이터그램이 호스트에 도착합니다. IP_MULTICAST_ALL이 켜져 있으면 리눅스는 그것을 목적지 \
                포트에 any 주소로(또는 그룹 주소로) 바인드한 모든 UDP 소켓에, 가입 여부와 상관없이 전달합니다. \
                끄면 소켓은 자신이 IP_ADD_MEMBERSHIP으로 가입한 그룹만 받습니다.
                """,
            when: "받는 소켓에 언제든 설정합니다. 그 뒤에 도착하는 데이터그램의 전달을 정합니다.",
            outcomes: [
                "켬(기본): :PORT에 바인드하고 가입하지 않은 소켓도 다른 소켓이 가입한 그룹을 받습니다.",
                "끔: 같은 소켓이 그 그룹을 전혀 받지 않고, 스스로 가입한 뒤에야 받습니다.",
                "유니캐스트 주소(127.0.0.1:PORT)에 바인드한 소켓은 어느 쪽이든 그룹 데이터그램을 받지 않습니다.",
            ],
            quirks: [
                """
                    리눅스 전용(2.6.31부터)이며 기본값 1이 놀랍습니다: 수업의 "받으려면 가입하라"는 이 옵션을 \
                    꺼야 그대로 맞습니다.
                    """,
                "이 소켓이 받는 것을 거를 뿐, 호스트가 받는 것은 여전히 모든 소켓의 가입이 정합니다.",
            ],
            tryIt: [
                "socket udp as rx; setopt SO_REUSEADDR on; bind :5000; join 239.1.2.3 127.0.0.1",
                "socket udp as other; setopt SO_REUSEADDR on; bind :5000; getopt IP_MULTICAST_ALL",
                "socket udp as tx; setopt IP_MULTICAST_IF 127.0.0.1; sendto 239.1.2.3:5000 hi; @other recv",
                "@other setopt IP_MULTICAST_ALL off; sendto 239.1.2.3:5000 again; @other poll",
            ]
        )
    )
}
