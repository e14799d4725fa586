import Glibc

/// Flags of send(2)/recv(2), as a Swift option set with the C names for printing.
public struct MessageFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let oob = MessageFlags(rawValue: Int32(MSG_OOB))
    public static let peek = MessageFlags(rawValue: Int32(MSG_PEEK))
    public static let dontWait = MessageFlags(rawValue: Int32(MSG_DONTWAIT))
    public static let waitAll = MessageFlags(rawValue: Int32(MSG_WAITALL))
    public static let trunc = MessageFlags(rawValue: Int32(MSG_TRUNC))
    public static let more = MessageFlags(rawValue: Int32(MSG_MORE))
    public static let noSignal = MessageFlags(rawValue: Int32(MSG_NOSIGNAL))

    /// Known flags with their C names, in the order strace prints them.
    public static let names: [(MessageFlags, String)] = [
        (.oob, "MSG_OOB"), (.peek, "MSG_PEEK"), (.dontWait, "MSG_DONTWAIT"), (.waitAll, "MSG_WAITALL"),
        (.trunc, "MSG_TRUNC"), (.more, "MSG_MORE"), (.noSignal, "MSG_NOSIGNAL"),
    ]

    /// `MSG_OOB|MSG_DONTWAIT`, or `0`.
    public var description: String {
        let parts = MessageFlags.names.filter { contains($0.0) }.map(\.1)
        return parts.isEmpty ? "0" : parts.joined(separator: "|")
    }
}

extension Socket {
    /// send(2) of `bytes`.
    public func send(_ bytes: UnsafeRawBufferPointer, flags: MessageFlags) -> SysResult {
        Sys.send(fd, bytes.baseAddress, bytes.count, flags.rawValue)
    }

    /// sendto(2) of `bytes` to `address`.
    public func sendTo(_ bytes: UnsafeRawBufferPointer, flags: MessageFlags, address: SocketAddress) -> SysResult {
        address.withSockAddr { sa, len in
            Sys.sendto(fd, bytes.baseAddress, bytes.count, flags.rawValue, sa, len)
        }
    }

    /// recv(2) into `buffer`.
    public func recv(into buffer: UnsafeMutableRawBufferPointer, flags: MessageFlags) -> SysResult {
        Sys.recv(fd, buffer.baseAddress, buffer.count, flags.rawValue)
    }

    /// recvfrom(2) into `buffer`: the result and the sender.
    public func recvFrom(
        into buffer: UnsafeMutableRawBufferPointer, flags: MessageFlags
    ) -> (SysResult, SocketAddress?) {
        var storage = sockaddr_storage()
        var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
        return withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                let r = Sys.recvfrom(fd, buffer.baseAddress, buffer.count, flags.rawValue, sa, &len)
                guard r.error == nil, len > 0 else { return (r, nil) }
                return (r, SocketAddress(sockaddr: sa, length: Int(len)))
            }
        }
    }
}
