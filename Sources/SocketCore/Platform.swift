import Glibc

/// Glibc imports some constants as enums or structs and others as Int; the conversions live here, once.
public enum Platform {
    public static let sockStream = Int32(SOCK_STREAM.rawValue)
    public static let sockDgram = Int32(SOCK_DGRAM.rawValue)
    public static let sockSeqpacket = Int32(SOCK_SEQPACKET.rawValue)
    public static let sockRaw = Int32(SOCK_RAW.rawValue)
    public static let ipprotoTCP = Int32(IPPROTO_TCP)
    public static let ipprotoUDP = Int32(IPPROTO_UDP)
    public static let ipprotoIP = Int32(IPPROTO_IP)
    public static let ipprotoIPv6 = Int32(IPPROTO_IPV6)
    public static let solSocket = Int32(SOL_SOCKET)

    /// `AF_INET` and friends as the Int32 the socket calls take.
    public static let afInet = Int32(AF_INET)
    public static let afInet6 = Int32(AF_INET6)
    public static let afUnix = Int32(AF_UNIX)

    /// Name of an address family, as strace prints it.
    public static func familyName(_ family: Int32) -> String {
        switch family {
        case afInet: return "AF_INET"
        case afInet6: return "AF_INET6"
        case afUnix: return "AF_UNIX"
        default: return "AF_\(family)"
        }
    }

    /// Name of a socket type, as strace prints it.
    public static func typeName(_ type: Int32) -> String {
        switch type {
        case sockStream: return "SOCK_STREAM"
        case sockDgram: return "SOCK_DGRAM"
        case sockSeqpacket: return "SOCK_SEQPACKET"
        case sockRaw: return "SOCK_RAW"
        default: return "\(type)"
        }
    }

    /// Name of a protocol number, as strace prints it.
    public static func protocolName(_ proto: Int32) -> String {
        switch proto {
        case ipprotoTCP: return "IPPROTO_TCP"
        case ipprotoUDP: return "IPPROTO_UDP"
        case 0: return "0"
        default: return "\(proto)"
        }
    }

    /// Name of an option level, as strace prints it.
    public static func levelName(_ level: Int32) -> String {
        levelConstant(level).map { "\($0)" } ?? "\(level)"
    }

    /// Name of an option level as fixed text; nil for a level with no name here (printed as its number).
    ///
    /// Why fixed text: the text renderer copies its bytes into a syscall line with no String in between (every
    /// setsockopt and getsockopt prints one). Inlinable, on Glibc's constants rather than the `static let`s above:
    /// the shell's renderer then compares numbers in place instead of calling across modules.
    @inlinable
    public static func levelConstant(_ level: Int32) -> StaticString? {
        switch level {
        case Int32(SOL_SOCKET): return "SOL_SOCKET"
        case Int32(IPPROTO_TCP): return "IPPROTO_TCP"
        case Int32(IPPROTO_IP): return "IPPROTO_IP"
        case Int32(IPPROTO_IPV6): return "IPPROTO_IPV6"
        default: return nil
        }
    }

    /// The kernel's ephemeral port range, read once (32768...60999 when unreadable).
    ///
    /// Why: a port in this range was most likely chosen by the kernel (bind to port 0, connect without bind).
    public static let ephemeralPorts: ClosedRange<Int> = {
        var low = 32768, high = 60999
        if let f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r") {
            var a: Int32 = 0, b: Int32 = 0
            withUnsafeMutablePointer(to: &a) { pa in
                withUnsafeMutablePointer(to: &b) { pb in
                    var buf = [CChar](repeating: 0, count: 64)
                    if fgets(&buf, 64, f) != nil {
                        let parts = String(cCharacters: buf).split(whereSeparator: {
                            $0 == " " || $0 == "\t" || $0 == "\n"
                        })
                        if parts.count == 2, let x = Int32(parts[0]), let y = Int32(parts[1]) {
                            pa.pointee = x; pb.pointee = y
                        }
                    }
                }
            }
            fclose(f)
            if a > 0, b >= a { low = Int(a); high = Int(b) }
        }
        return low...high
    }()
}

extension String {
    /// Text from a NUL-terminated C character buffer.
    public init(cCharacters buf: [CChar]) {
        self.init(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
