// Errno: symbolic names and messages for the failures the shell shows.

import Glibc
import SocketCore
import Testing

@Suite("Errno names")
struct ErrnoTests {
    @Test("the errnos of the lessons have their symbolic names")
    func names() {
        let expected: [(Int32, String)] = [
            (ECONNREFUSED, "ECONNREFUSED"), (ECONNRESET, "ECONNRESET"), (EPIPE, "EPIPE"), (EACCES, "EACCES"),
            (EADDRINUSE, "EADDRINUSE"), (EMFILE, "EMFILE"), (EAGAIN, "EAGAIN"), (EINPROGRESS, "EINPROGRESS"),
            (EINTR, "EINTR"), (EINVAL, "EINVAL"), (ENOPROTOOPT, "ENOPROTOOPT"), (ETIMEDOUT, "ETIMEDOUT"),
            (ENOTCONN, "ENOTCONN"), (EAFNOSUPPORT, "EAFNOSUPPORT"), (ENETUNREACH, "ENETUNREACH"),
            (EADDRNOTAVAIL, "EADDRNOTAVAIL"), (EBADF, "EBADF"), (EISCONN, "EISCONN"), (EALREADY, "EALREADY"),
        ]
        for (value, name) in expected {
            #expect(Errno(value).name == name)
            #expect(Errno.named(name) == Errno(value))
        }
    }

    @Test("messages come from the C library")
    func messages() {
        #expect(Errno(ECONNREFUSED).message == "Connection refused")
        #expect(Errno(EPIPE).message == "Broken pipe")
        #expect(Errno(EACCES).message == "Permission denied")
    }

    @Test("an unknown number gets a readable name; an unknown name is nil")
    func unknown() {
        #expect(Errno(9999).name == "E9999")
        #expect(Errno.named("ENOTHING") == nil)
    }

    @Test("a failed real call captures its errno")
    func capturedFromRealCall() throws {
        let (sock, _) = Socket.open(family: Platform.afInet, type: Platform.sockStream, proto: Platform.ipprotoTCP)
        let s = try #require(sock)
        defer { _ = s.close() }
        // recv on an unconnected TCP socket: ENOTCONN.
        var buf = [UInt8](repeating: 0, count: 4)
        let r = buf.withUnsafeMutableBytes { s.recv(into: $0, flags: [.dontWait]) }
        #expect(r.error?.name == "ENOTCONN")
        #expect(r.value == -1)
    }
}
