import CSocketShims
import Glibc

/// The system calls the shell makes on behalf of a command, by name: the keys of the test override table
/// (`SyscallOverrides`).
public enum SyscallName: Int, Sendable, CaseIterable {
    case socket, bind, listen, accept, connect, shutdown, close
    case send, recv, sendto, recvfrom, sendmsg, recvmsg
    case setsockopt, getsockopt, fcntl, ioctl, poll, select, nanosleep, if_nametoindex
    case getsockname, getpeername, if_indextoname, if_nameindex
    case open, read, write, unlink, access, fstat
    case epoll_create1, epoll_ctl, epoll_wait, getrlimit, setrlimit
    case unshare, setns, fork
}

/// The one seam through which every system call made for a command passes (in the manner of swift-system's
/// `system_<name>` functions): each wrapper makes the call and captures errno at once into a `SysResult`.
///
/// Why one seam: the code that explains a failure (the EMFILE note, a timed-out connect, an interrupted
/// recv) can then be tested in-process by forcing the call's outcome (`SyscallOverrides`) instead of by a
/// kernel trick. Nothing retries on EINTR here: an interrupted call is what the user came to see.
public enum Sys {
    /// Runs `call` unless a test forced this call's outcome; errno is read right after the call.
    @inline(__always)
    static func run(_ name: SyscallName, _ call: () -> Int) -> SysResult {
        if _slowPath(SyscallOverrides.engaged), let forced = SyscallOverrides.take(name) { return forced }
        return SysResult.of(call())
    }

    /// socket(2).
    public static func socket(_ family: Int32, _ type: Int32, _ proto: Int32) -> SysResult {
        run(.socket) { Int(Glibc.socket(family, type, proto)) }
    }

    /// socket(2) that starts a C shim's whole probe (the truesize probe: socket, bind, sendto, poll, getsockopt
    /// SO_MEMINFO, close); `call` returns the probe's result.
    public static func socket(_ call: () -> Int) -> SysResult { run(.socket, call) }

    /// bind(2).
    public static func bind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> SysResult {
        run(.bind) { Int(Glibc.bind(fd, address, length)) }
    }

    /// listen(2).
    public static func listen(_ fd: Int32, _ backlog: Int32) -> SysResult {
        run(.listen) { Int(Glibc.listen(fd, backlog)) }
    }

    /// accept(2).
    public static func accept(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?,
                              _ length: UnsafeMutablePointer<socklen_t>?) -> SysResult {
        run(.accept) { Int(Glibc.accept(fd, address, length)) }
    }

    /// connect(2).
    public static func connect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> SysResult {
        run(.connect) { Int(Glibc.connect(fd, address, length)) }
    }

    /// shutdown(2).
    public static func shutdown(_ fd: Int32, _ how: Int32) -> SysResult {
        run(.shutdown) { Int(Glibc.shutdown(fd, how)) }
    }

    /// close(2).
    public static func close(_ fd: Int32) -> SysResult {
        run(.close) { Int(Glibc.close(fd)) }
    }

    /// send(2).
    public static func send(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> SysResult {
        run(.send) { Glibc.send(fd, bytes, count, flags) }
    }

    /// recv(2).
    public static func recv(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int,
                            _ flags: Int32) -> SysResult {
        run(.recv) { Glibc.recv(fd, buffer, count, flags) }
    }

    /// sendto(2).
    public static func sendto(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: Int32,
                              _ address: UnsafePointer<sockaddr>?, _ length: socklen_t) -> SysResult {
        run(.sendto) { Glibc.sendto(fd, bytes, count, flags, address, length) }
    }

    /// recvfrom(2).
    public static func recvfrom(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int, _ flags: Int32,
                                _ address: UnsafeMutablePointer<sockaddr>?,
                                _ length: UnsafeMutablePointer<socklen_t>?) -> SysResult {
        run(.recvfrom) { Glibc.recvfrom(fd, buffer, count, flags, address, length) }
    }

    /// sendmsg(2), through the C shim that lays out the msghdr.
    public static func sendmsg(_ call: () -> Int) -> SysResult { run(.sendmsg, call) }

    /// recvmsg(2), through the C shim that lays out the msghdr.
    public static func recvmsg(_ call: () -> Int) -> SysResult { run(.recvmsg, call) }

    /// setsockopt(2).
    public static func setsockopt(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: UnsafeRawPointer?,
                                  _ length: socklen_t) -> SysResult {
        run(.setsockopt) { Int(Glibc.setsockopt(fd, level, name, value, length)) }
    }

    /// getsockopt(2).
    public static func getsockopt(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: UnsafeMutableRawPointer?,
                                  _ length: UnsafeMutablePointer<socklen_t>) -> SysResult {
        run(.getsockopt) { Int(Glibc.getsockopt(fd, level, name, value, length)) }
    }

    /// getsockopt(2) made by a C shim that decodes what it read (SO_MEMINFO); `call` returns the shim's result.
    public static func getsockopt(_ call: () -> Int) -> SysResult { run(.getsockopt, call) }

    /// fcntl(2) with an int argument (F_GETFL ignores it).
    public static func fcntl(_ fd: Int32, _ command: Int32, _ argument: Int32 = 0) -> SysResult {
        run(.fcntl) { Int(Glibc.fcntl(fd, command, argument)) }
    }

    /// ioctl(2) of an int out-parameter (SIOCINQ, SIOCOUTQ, SIOCATMARK, ...), through a C shim.
    public static func ioctl(_ call: () -> Int) -> SysResult { run(.ioctl, call) }

    /// ioctl(2) with an int out-parameter.
    public static func ioctl(_ fd: Int32, _ request: UInt, _ value: UnsafeMutablePointer<Int32>) -> SysResult {
        run(.ioctl) { Int(Glibc.ioctl(fd, request, value)) }
    }

    /// poll(2).
    public static func poll(_ fds: UnsafeMutablePointer<pollfd>?, _ count: nfds_t, _ timeout: Int32) -> SysResult {
        run(.poll) { Int(Glibc.poll(fds, count, timeout)) }
    }

    /// select(2), through the C shim that fills the fd_sets.
    public static func select(_ call: () -> Int) -> SysResult { run(.select, call) }

    /// nanosleep(2).
    public static func nanosleep(_ request: UnsafePointer<timespec>,
                                 _ remaining: UnsafeMutablePointer<timespec>?) -> SysResult {
        run(.nanosleep) { Int(Glibc.nanosleep(request, remaining)) }
    }

    /// if_nametoindex(3): the index, or 0 when there is no such interface (errno says why).
    public static func if_nametoindex(_ name: String) -> UInt32 {
        let r = run(.if_nametoindex) {
            let i = Glibc.if_nametoindex(name)
            return i == 0 ? -1 : Int(i)
        }
        return r.error == nil ? UInt32(r.value) : 0
    }

    /// if_indextoname(3): the interface's name, or nil when no interface has this index.
    public static func if_indextoname(_ index: UInt32) -> String? {
        var name = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
        let r = run(.if_indextoname) { Glibc.if_indextoname(index, &name) == nil ? -1 : 0 }
        return r.error == nil ? String(cCharacters: name) : nil
    }

    /// if_nameindex(3): every interface of the calling thread's network namespace (index and name), or nil when
    /// the list cannot be read (errno says why).
    public static func if_nameindex() -> [(index: UInt32, name: String)]? {
        var out: [(index: UInt32, name: String)] = []
        let r = run(.if_nameindex) { interfaceList(into: &out) }
        return r.error == nil ? out : nil
    }

    /// getsockname(2).
    public static func getsockname(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>,
                                   _ length: UnsafeMutablePointer<socklen_t>) -> SysResult {
        run(.getsockname) { Int(Glibc.getsockname(fd, address, length)) }
    }

    /// getpeername(2).
    public static func getpeername(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>,
                                   _ length: UnsafeMutablePointer<socklen_t>) -> SysResult {
        run(.getpeername) { Int(Glibc.getpeername(fd, address, length)) }
    }

    // MARK: Files: what the shell writes (an exported program) and what the kernel reports (/proc)

    /// open(2).
    public static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> SysResult {
        run(.open) { Int(Glibc.open(path, flags, mode)) }
    }

    /// read(2).
    public static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> SysResult {
        run(.read) { Glibc.read(fd, buffer, count) }
    }

    /// write(2).
    public static func write(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> SysResult {
        run(.write) { Glibc.write(fd, bytes, count) }
    }

    /// unlink(2).
    public static func unlink(_ path: String) -> SysResult {
        run(.unlink) { Int(Glibc.unlink(path)) }
    }

    /// access(2).
    public static func access(_ path: String, _ mode: Int32) -> SysResult {
        run(.access) { Int(Glibc.access(path, mode)) }
    }

    /// fstat(2).
    public static func fstat(_ fd: Int32, _ status: UnsafeMutablePointer<stat>) -> SysResult {
        run(.fstat) { Int(Glibc.fstat(fd, status)) }
    }

    // MARK: The process: its descriptor limit, the prompt's epoll watch, network namespaces, helper children

    /// getrlimit(2).
    public static func getrlimit(_ resource: Int32, _ limit: UnsafeMutablePointer<rlimit>) -> SysResult {
        run(.getrlimit) { Int(Glibc.getrlimit(__rlimit_resource_t(UInt32(resource)), limit)) }
    }

    /// setrlimit(2).
    public static func setrlimit(_ resource: Int32, _ limit: UnsafePointer<rlimit>) -> SysResult {
        run(.setrlimit) { Int(Glibc.setrlimit(__rlimit_resource_t(UInt32(resource)), limit)) }
    }

    /// epoll_create1(2), through the C shim that also moves the descriptor out of the low range.
    public static func epoll_create1(_ call: () -> Int) -> SysResult { run(.epoll_create1, call) }

    /// epoll_ctl(2), through a C shim (struct epoll_event is packed on x86-64, which Swift does not import).
    public static func epoll_ctl(_ call: () -> Int) -> SysResult { run(.epoll_ctl, call) }

    /// epoll_wait(2), through the C shim that copies the ready events out.
    public static func epoll_wait(_ call: () -> Int) -> SysResult { run(.epoll_wait, call) }

    /// unshare(2) (Glibc's module lacks it: a C shim makes the call).
    public static func unshare(_ flags: Int32) -> SysResult {
        run(.unshare) { Int(sockshell_unshare(flags)) }
    }

    /// setns(2) (Glibc's module lacks it: a C shim makes the call).
    public static func setns(_ fd: Int32, _ nstype: Int32) -> SysResult {
        run(.setns) { Int(sockshell_setns(fd, nstype)) }
    }

    /// fork(2) of a helper child, through the C shim that runs it whole (pipe2, fork, execv, waitpid); `call`
    /// returns the child's exit status, or -1 when it could not be run.
    public static func fork(_ call: () -> Int) -> SysResult { run(.fork, call) }
}

extension SysResult {
    /// The descriptor a call returned, or nil when it failed.
    public var descriptor: Int32? { error == nil ? Int32(value) : nil }
}

/// if_nameindex(3) read into `out`; the count, or -1. (Outside `Sys`, whose member of the same name would hide
/// the C function.)
private func interfaceList(into out: inout [(index: UInt32, name: String)]) -> Int {
    guard let list = if_nameindex() else { return -1 }
    defer { if_freenameindex(list) }
    var k = 0
    while list[k].if_index != 0 {
        out.append((list[k].if_index, list[k].if_name.map { String(cString: $0) } ?? ""))
        k += 1
    }
    return k
}
