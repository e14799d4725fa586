import CSocketShims
import Glibc

/// `struct sock_extended_err` (linux/errqueue.h) and the offender address after it: what IP_RECVERR queues for a
/// datagram that met an error (an ICMP message, a local error).
public struct ExtendedError: Sendable, Equatable {
    public var errno: Errno
    /// SO_EE_ORIGIN_*: 0 none, 1 local, 2 ICMP, 3 ICMP6.
    public var origin: UInt8
    public var type: UInt8
    public var code: UInt8
    public var info: UInt32
    public var data: UInt32
    /// Who sent the error (the ICMP message's source); nil if none.
    public var offender: SocketAddress?

    /// `SO_EE_ORIGIN_ICMP`, ...
    public var originName: String {
        switch origin {
        case 0: return "SO_EE_ORIGIN_NONE"
        case 1: return "SO_EE_ORIGIN_LOCAL"
        case 2: return "SO_EE_ORIGIN_ICMP"
        case 3: return "SO_EE_ORIGIN_ICMP6"
        case 4: return "SO_EE_ORIGIN_TXSTATUS"
        case 5: return "SO_EE_ORIGIN_ZEROCOPY"
        default: return "\(origin)"
        }
    }
}

/// One control message received with recvmsg(2), decoded where sockshell knows its layout.
public enum ControlMessage: Sendable, Equatable {
    /// IP_PKTINFO: `struct in_pktinfo` (the interface, the local address, the destination of the datagram).
    case pktinfo4(ifindex: Int32, specDst: [UInt8], addr: [UInt8])
    /// IPV6_PKTINFO: `struct in6_pktinfo`.
    case pktinfo6(addr: [UInt8], ifindex: UInt32)
    /// IP_TTL (turned on by IP_RECVTTL).
    case ttl(Int32)
    /// IPV6_HOPLIMIT (turned on by IPV6_RECVHOPLIMIT).
    case hopLimit(Int32)
    /// SO_TIMESTAMPNS: when the datagram arrived (`struct timespec`).
    case timestampNS(seconds: Int, nanoseconds: Int)
    /// SO_RXQ_OVFL: datagrams this socket dropped so far because its buffer was full.
    case rxqOverflow(UInt32)
    /// IP_RECVERR / IPV6_RECVERR (from the error queue).
    case extendedError(ExtendedError)
    /// Anything else, undecoded.
    case other([UInt8])
}

/// One control message with its header fields.
public struct ControlEntry: Sendable, Equatable {
    public var length: Int
    public var level: Int32
    public var type: Int32
    public var message: ControlMessage
}

/// What recvmsg(2) returned: the result, the sender, the control messages and msg_flags.
public struct ReceivedMessage: Sendable {
    public var result: SysResult
    public var name: SocketAddress?
    public var nameLength: Int
    public var control: [ControlEntry]
    public var controlLength: Int
    /// msg_flags as the kernel set them.
    public var flags: Int32
}

/// msg_flags bits, with their C names in the order strace prints them.
public enum MessageHeaderFlags {
    public static let names: [(Int32, String)] = [
        (Int32(MSG_OOB), "MSG_OOB"), (Int32(MSG_PEEK), "MSG_PEEK"), (Int32(MSG_CTRUNC), "MSG_CTRUNC"),
        (Int32(MSG_TRUNC), "MSG_TRUNC"), (Int32(MSG_DONTWAIT), "MSG_DONTWAIT"), (Int32(MSG_EOR), "MSG_EOR"),
        (Int32(MSG_WAITALL), "MSG_WAITALL"), (Int32(MSG_ERRQUEUE), "MSG_ERRQUEUE"),
        (Int32(MSG_CMSG_CLOEXEC), "MSG_CMSG_CLOEXEC"),
    ]

    /// `MSG_TRUNC|MSG_CTRUNC`, or `0`.
    public static func text(_ flags: Int32) -> String {
        var rest = flags
        var parts: [String] = []
        for (bit, name) in names where flags & bit != 0 {
            parts.append(name)
            rest &= ~bit
        }
        if rest != 0 { parts.append("0x" + String(rest, radix: 16)) }
        return parts.isEmpty ? "0" : parts.joined(separator: "|")
    }
}

/// Control message levels and types sockshell decodes (Linux numbers).
public enum ControlType {
    public static let ipTTL: Int32 = 2, ipPktinfo: Int32 = 8, ipRecvErr: Int32 = 11
    public static let ipv6RecvErr: Int32 = 25, ipv6Pktinfo: Int32 = 50, ipv6HopLimit: Int32 = 52
    public static let soTimestampNS: Int32 = 35, soRxqOvfl: Int32 = 40

    /// `IP_PKTINFO`, `SO_TIMESTAMPNS_OLD`, ... (strace's names), or the number.
    public static func name(level: Int32, type: Int32) -> String {
        switch (level, type) {
        case (Platform.ipprotoIP, ipTTL): return "IP_TTL"
        case (Platform.ipprotoIP, ipPktinfo): return "IP_PKTINFO"
        case (Platform.ipprotoIP, ipRecvErr): return "IP_RECVERR"
        case (Platform.ipprotoIPv6, ipv6RecvErr): return "IPV6_RECVERR"
        case (Platform.ipprotoIPv6, ipv6Pktinfo): return "IPV6_PKTINFO"
        case (Platform.ipprotoIPv6, ipv6HopLimit): return "IPV6_HOPLIMIT"
        case (Platform.solSocket, soTimestampNS): return "SO_TIMESTAMPNS_OLD"
        case (Platform.solSocket, soRxqOvfl): return "SO_RXQ_OVFL"
        default: return "\(type)"
        }
    }
}

extension Socket {
    /// recvmsg(2) into `buffer` with a control buffer of `controlCapacity` bytes; the sender's address is asked
    /// for on datagram sockets only (a stream socket passes msg_name=NULL).
    public func receiveMessage(into buffer: UnsafeMutableRawBufferPointer, flags: Int32,
                               controlCapacity: Int = 512) -> ReceivedMessage {
        var storage = sockaddr_storage()
        var nameLen = UInt32(isDatagram ? MemoryLayout<sockaddr_storage>.size : 0)
        var control = [UInt8](repeating: 0, count: controlCapacity)
        var controlLen = controlCapacity
        var msgFlags: Int32 = 0
        let r = withUnsafeMutableBytes(of: &storage) { name in
            control.withUnsafeMutableBytes { ctl in
                Sys.recvmsg {
                    sockshell_recvmsg(fd, buffer.baseAddress, buffer.count, isDatagram ? name.baseAddress : nil,
                                      &nameLen, ctl.baseAddress, &controlLen, flags, &msgFlags)
                }
            }
        }
        var msg = ReceivedMessage(result: r, name: nil, nameLength: Int(nameLen), control: [], controlLength: 0,
                                  flags: 0)
        guard r.error == nil else { return msg }
        msg.flags = msgFlags
        msg.controlLength = controlLen
        if nameLen > 0 {
            msg.name = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    SocketAddress(sockaddr: $0, length: Int(nameLen))
                }
            }
        }
        var entries = [sockshell_cmsg](repeating: sockshell_cmsg(), count: 16)
        let n = control.withUnsafeBytes { ctl in
            Int(sockshell_cmsg_list(ctl.baseAddress, controlLen, &entries, 16))
        }
        for e in entries.prefix(min(n, 16)) {
            let data = Array(control[e.data_offset..<min(e.data_offset + e.data_len, controlLen)])
            msg.control.append(ControlEntry(length: e.len, level: e.level, type: e.type,
                                            message: Socket.decode(level: e.level, type: e.type, data)))
        }
        return msg
    }

    static func decode(level: Int32, type: Int32, _ d: [UInt8]) -> ControlMessage {
        func u32(_ o: Int) -> UInt32 {
            o + 4 <= d.count ? d[o..<o + 4].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) } : 0
        }
        func i64(_ o: Int) -> Int {
            o + 8 <= d.count ? Int(d[o..<o + 8].withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }) : 0
        }
        switch (level, type) {
        case (Platform.ipprotoIP, ControlType.ipPktinfo) where d.count >= 12:
            return .pktinfo4(ifindex: Int32(bitPattern: u32(0)), specDst: Array(d[4..<8]), addr: Array(d[8..<12]))
        case (Platform.ipprotoIPv6, ControlType.ipv6Pktinfo) where d.count >= 20:
            return .pktinfo6(addr: Array(d[0..<16]), ifindex: u32(16))
        case (Platform.ipprotoIP, ControlType.ipTTL) where d.count >= 4:
            return .ttl(Int32(bitPattern: u32(0)))
        case (Platform.ipprotoIPv6, ControlType.ipv6HopLimit) where d.count >= 4:
            return .hopLimit(Int32(bitPattern: u32(0)))
        case (Platform.solSocket, ControlType.soTimestampNS) where d.count >= 16:
            return .timestampNS(seconds: i64(0), nanoseconds: i64(8))
        case (Platform.solSocket, ControlType.soRxqOvfl) where d.count >= 4:
            return .rxqOverflow(u32(0))
        case (Platform.ipprotoIP, ControlType.ipRecvErr) where d.count >= 16,
             (Platform.ipprotoIPv6, ControlType.ipv6RecvErr) where d.count >= 16:
            var offender: SocketAddress?
            if d.count > 16 {
                let rest = Array(d[16...])
                let fam = rest.count >= 2 ? Int32(UInt16(rest[0]) | UInt16(rest[1]) << 8) : 0
                if fam != 0 {
                    offender = rest.withUnsafeBytes { raw in
                        raw.baseAddress.map {
                            SocketAddress(sockaddr: $0.assumingMemoryBound(to: sockaddr.self), length: rest.count)
                        } ?? nil
                    }
                }
            }
            return .extendedError(ExtendedError(
                errno: Errno(Int32(bitPattern: u32(0))), origin: d[4], type: d[5], code: d[6], info: u32(8),
                data: u32(12), offender: offender))
        default:
            return .other(d)
        }
    }

    /// sendmsg(2) of `bytes` to `address` (nil on a connected socket) with control messages
    /// (level, type, data), each laid out with CMSG_SPACE. Returns the result and msg_controllen.
    public func sendMessage(_ bytes: [UInt8], to address: SocketAddress?, control: [(Int32, Int32, [UInt8])],
                            flags: MessageFlags) -> (SysResult, Int) {
        var buf = [UInt8](repeating: 0, count: 256)
        var used = 0
        for (level, type, data) in control {
            let n = buf.withUnsafeMutableBytes { b in
                data.withUnsafeBytes { d in
                    sockshell_cmsg_append(b.baseAddress, b.count, used, level, type, d.baseAddress, d.count)
                }
            }
            if n > 0 { used = n }
        }
        let r: SysResult = bytes.withUnsafeBytes { data in
            buf.withUnsafeBytes { ctl in
                if let a = address {
                    return a.withSockAddr { sa, len in
                        Sys.sendmsg {
                            sockshell_sendmsg(fd, data.baseAddress, data.count, sa, UInt32(len), ctl.baseAddress,
                                              used, flags.rawValue)
                        }
                    }
                }
                return Sys.sendmsg {
                    sockshell_sendmsg(fd, data.baseAddress, data.count, nil, 0, ctl.baseAddress, used, flags.rawValue)
                }
            }
        }
        return (r, used)
    }
}
