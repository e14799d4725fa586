/// What to look for on the wire (`wire on`, SPEC §8) for the options whose effect is a packet: the
/// "On the wire" part of `explain`, in English and Korean.
///
/// Why apart from the option notes: they speak of the wire view's lines, so they live beside it, and the option
/// notes stay one table per option.
enum WireNotes {
    static let notes: [String: (en: String, ko: String)] = [
        "SO_LINGER": (
            "With linger off, close is followed by a FIN ([F.]) and the peer's ACK of it. With on 0, close is "
                + "followed by one [R.] segment and nothing after it: no FIN, no answer. With on N and data still "
                + "queued, the data segments and the FIN come while close is blocked.",
            "linger가 꺼져 있으면 close 뒤에 FIN([F.])과 그에 대한 상대의 ACK가 보입니다. on 0이면 close 뒤에 "
                + "[R.] 세그먼트 하나만 나가고 FIN도 응답도 없습니다. on N이고 보낼 데이터가 남아 있으면 close가 "
                + "멈춰 있는 동안 데이터 세그먼트와 FIN이 나갑니다."),
        "SO_KEEPALIVE": (
            "After TCP_KEEPIDLE seconds of silence an empty ACK leaves with `seq` one below the next byte "
                + "(`[.] seq 0, ack 1, len 0` on a fresh connection), and the peer answers with an ACK; then one "
                + "pair every TCP_KEEPINTVL seconds. They show at the prompt while nobody types, or under sleep.",
            "TCP_KEEPIDLE초 동안 조용하면 다음 바이트보다 seq가 하나 작은 빈 ACK가 나가고(새 연결이면 "
                + "`[.] seq 0, ack 1, len 0`), 상대가 ACK로 답합니다. 그 뒤로 TCP_KEEPINTVL초마다 한 쌍씩 "
                + "보입니다. 아무것도 입력하지 않는 동안 프롬프트에, 또는 sleep 아래에 나타납니다."),
        "TCP_NODELAY": (
            "Count the segments under each send: with Nagle on, a small send while an earlier segment is unacked "
                + "shows no packet until the ACK comes; with TCP_NODELAY each send is followed by its own [P.] "
                + "segment. With TCP_CORK or MSG_MORE no packet follows the send until the cork is pulled.",
            "send마다 아래에 보이는 세그먼트를 세어 보세요. Nagle이 켜져 있으면 앞 세그먼트가 ACK되지 않은 동안의 "
                + "작은 send 뒤에는 ACK가 올 때까지 패킷이 없습니다. TCP_NODELAY면 send마다 [P.] 세그먼트가 하나씩 "
                + "따라옵니다. TCP_CORK나 MSG_MORE면 마개를 뽑을 때까지 send 뒤에 패킷이 없습니다."),
        "TCP_MAXSEG": (
            "The SYN of a socket that set it carries the value among its options (`options [mss 1200, ...]`); "
                + "the other side's SYN-ACK announces its own. On lo the kernel hands segments over in batches "
                + "(GSO), so data packets there are multiples of the MSS; between lab hosts each segment is a packet.",
            "이 옵션을 설정한 소켓의 SYN은 옵션 안에 그 값을 싣습니다(`options [mss 1200, ...]`). 상대의 SYN-ACK는 "
                + "자기 값을 알립니다. lo에서는 커널이 세그먼트를 묶어서(GSO) 넘기므로 데이터 패킷이 MSS의 배수로 "
                + "보입니다. 랩의 호스트 사이에서는 세그먼트 하나가 패킷 하나입니다."),
        "SO_OOBINLINE": (
            "send oob sets the U flag and the urgent pointer (`[P.U] ... len 1, urg 1`): the pointer marks the "
                + "byte just after the urgent one. SO_OOBINLINE changes nothing on the wire, only where the "
                + "receiver reads that byte.",
            "send oob는 U 플래그와 긴급 포인터를 설정합니다(`[P.U] ... len 1, urg 1`). 포인터는 긴급 바이트 바로 "
                + "다음을 가리킵니다. SO_OOBINLINE은 선 위의 패킷을 바꾸지 않고, 받는 쪽이 그 바이트를 어디서 "
                + "읽는지만 바꿉니다."),
        "IP_MULTICAST_TTL": (
            "A datagram to a group shows its TTL at the end of its line (`UDP, length 12, ttl 1`): the value set, "
                + "or 1 by default. A router does not forward it once the TTL would reach 0.",
            "그룹으로 보낸 데이터그램은 줄 끝에 TTL을 보여 줍니다(`UDP, length 12, ttl 1`). 설정한 값이거나 기본값 "
                + "1입니다. TTL이 0이 될 패킷은 라우터가 넘기지 않습니다."),
    ]

    /// The note of an option, or nil when its effect is not a packet.
    static func note(_ option: String, korean: Bool) -> String? {
        notes[option].map { korean ? $0.ko : $0.en }
    }
}
