import Glibc

/// A decoded option value.
public enum OptionValue: Sendable, Equatable {
    case int(Int32)
    case linger(on: Bool, seconds: Int32)
    case timeval(seconds: Int, microseconds: Int)
    case string(String)
    case inAddr([UInt8])
    case mreqn(group: [UInt8], address: [UInt8], ifindex: Int32)
    case mreq6(group: [UInt8], ifindex: UInt32)
    case raw([UInt8])

    /// The bytes handed to setsockopt(2).
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The number of bytes handed to setsockopt(2) (the call's `optlen`).
    public var byteCount: Int { withUnsafeBytes { $0.count } }

    /// Calls `body` with the C value's bytes (the common int without an array). Inlinable so the shell's option
    /// codecs get it specialized.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch self {
        case .int(var v): return Swift.withUnsafeBytes(of: &v, body)
        case .linger(let on, let s):
            var l = Glibc.linger(l_onoff: on ? 1 : 0, l_linger: s)
            return Swift.withUnsafeBytes(of: &l, body)
        case .timeval(let s, let us):
            var t = Glibc.timeval(tv_sec: s, tv_usec: us)
            return Swift.withUnsafeBytes(of: &t, body)
        case .string(let s): return Array(s.utf8).withUnsafeBytes(body)
        case .inAddr(let a), .raw(let a): return a.withUnsafeBytes(body)
        case .mreqn(let g, let a, let i):
            return (g + a + Swift.withUnsafeBytes(of: i) { Array($0) }).withUnsafeBytes(body)
        case .mreq6(let g, let i):
            return (g + Swift.withUnsafeBytes(of: i) { Array($0) }).withUnsafeBytes(body)
        }
    }
}

/// Reads and writes options with zero-filled buffers. The corresponding C functions are getsockopt(2) and
/// setsockopt(2).
extension Socket {
    /// setsockopt(2) with raw bytes.
    public func setOption(level: Int32, name: Int32, bytes: [UInt8]) -> SysResult {
        bytes.withUnsafeBytes { setOption(level: level, name: name, raw: $0) }
    }

    /// setsockopt(2) of a value, encoded in place (no array for the common int).
    public func setOption(level: Int32, name: Int32, value: OptionValue) -> SysResult {
        value.withUnsafeBytes { setOption(level: level, name: name, raw: $0) }
    }

    /// setsockopt(2) of bytes the caller lays out (the shell's option codecs).
    public func setOption(level: Int32, name: Int32, raw: UnsafeRawBufferPointer) -> SysResult {
        Sys.setsockopt(fd, level, name, raw.baseAddress, socklen_t(raw.count))
    }

    /// getsockopt(2) into a zero-filled buffer of `capacity` bytes: the result and the bytes returned.
    public func getOption(level: Int32, name: Int32, capacity: Int) -> (SysResult, [UInt8]) {
        withOption(level: level, name: name, capacity: capacity) { r, bytes in (r, Array(bytes)) }
    }

    /// getsockopt(2) into a zero-filled buffer of `capacity` bytes on the stack; `body` sees the result and the
    /// bytes returned (none when the call failed), valid only inside it.
    ///
    /// Why: `getopt` in a long script would otherwise allocate two arrays per call for four bytes. Inlinable so
    /// the caller's module specializes it (unspecialized, it instantiated generic metadata on every call).
    @inlinable
    public func withOption<R>(level: Int32, name: Int32, capacity: Int,
                              _ body: (SysResult, UnsafeRawBufferPointer) -> R) -> R {
        // The descriptor is read before the closure, which then holds no reference to the socket: capturing `self`
        // cost a retain and a release on every getopt.
        let fd = self.fd
        return withUnsafeTemporaryAllocation(byteCount: max(capacity, 1), alignment: 8) { buf in
            buf.initializeMemory(as: UInt8.self, repeating: 0)
            var len = socklen_t(capacity)
            let r = Sys.getsockopt(fd, level, name, buf.baseAddress, &len)
            guard r.error == nil else { return body(r, UnsafeRawBufferPointer(start: nil, count: 0)) }
            return body(r, UnsafeRawBufferPointer(rebasing: buf[0..<min(Int(len), capacity)]))
        }
    }

    /// getsockopt(2) of one int (SO_ERROR, SO_TYPE, ...); nil when it fails.
    public func intOption(level: Int32, name: Int32) -> Int32? {
        let (r, bytes) = getOption(level: level, name: name, capacity: 4)
        guard r.error == nil, bytes.count >= 4 else { return nil }
        return bytes.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
    }
}
