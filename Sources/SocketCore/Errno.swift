import Glibc

/// An errno value captured right after a failed system call.
///
/// Why a type of its own: every failed call is shown with its symbolic name and message
/// (`ECONNREFUSED (Connection refused)`), so the number alone is never enough.
public struct Errno: Error, Equatable, Hashable, Sendable {
    /// The raw C value.
    public let rawValue: Int32

    /// Wraps a raw errno value.
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// The value of `errno` now. Read it before any other call can overwrite it.
    public static var current: Errno { Errno(errno) }

    /// The symbolic name, e.g. `ECONNREFUSED`; `E<number>` when unknown.
    public var name: String { ErrnoNames.table[rawValue] ?? "E\(rawValue)" }

    /// The C library's message, e.g. `Connection refused`.
    public var message: String { String(cString: strerror(rawValue)) }

    /// Looks a symbolic name up (`EPIPE` -> 32); nil when unknown.
    public static func named(_ name: String) -> Errno? {
        ErrnoNames.table.first { $0.value == name }.map { Errno($0.key) }
    }

    public static let interrupted = Errno(EINTR)
    public static let wouldBlock = Errno(EAGAIN)
    public static let inProgress = Errno(EINPROGRESS)
}
