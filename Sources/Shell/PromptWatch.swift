import CSocketShims
import Glibc
import SocketCore

/// The REPL's watch of events at the prompt: an epoll instance that holds every open socket and hands back
/// only those with something to say.
///
/// Why epoll: the prompt asks five times a second. A poll(2) over a pollfd array of every socket, plus an
/// ioctl per socket, made each question cost O(sockets) — with 20,000 sockets the prompt itself was the load.
/// epoll is told of each socket once (at creation, close removes it) and answers with the ready ones only;
/// the sockets that were ready last time are looked at again, so a change back to quiet is noticed.
final class PromptWatch {
    /// The epoll descriptor, kept out of the low range (SPEC §1: the first socket is fd 3).
    let fd: Int32
    /// Sockets that were ready at the last question (their announced state must be cleared when they go quiet).
    var lastReady: Set<Int32> = []
    /// Sockets epoll_ctl refused (ENOMEM, or the user's epoll limit reached): the caller polls these itself, so
    /// no socket goes unwatched at the prompt.
    private(set) var refused: Set<Int32> = []
    private var fds: [Int32] = []
    private var events: [UInt32] = []

    /// Makes the epoll instance; nil when the kernel refuses (the caller falls back to poll).
    init?() {
        let soft = (try? DescriptorLimit.read().get().soft) ?? -1
        let floor: Int32 = soft < 0 || soft > 200 ? 100 : Int32(max(3, soft / 2))
        guard let made = Sys.epoll_create1({ Int(sockshell_watch_create(floor)) }).descriptor else { return nil }
        fd = made
    }

    deinit { _ = Sys.close(fd) }

    /// Watches `socket`; false when epoll_ctl refused it: it is then kept in `refused`, for the caller's poll.
    @discardableResult
    func add(_ socket: Int32) -> Bool {
        let taken = Sys.epoll_ctl { Int(sockshell_watch_add(fd, socket)) }.error == nil
        if !taken { refused.insert(socket) }
        return taken
    }

    func remove(_ socket: Int32) {
        if refused.remove(socket) == nil { _ = Sys.epoll_ctl { Int(sockshell_watch_del(fd, socket)) } }
        lastReady.remove(socket)
    }

    /// Forgets every socket (they were all closed, which removed them from the epoll set).
    func reset() {
        lastReady.removeAll()
        refused.removeAll()
    }

    /// The ready sockets now: descriptor and poll-style revents (POLLIN, POLLRDHUP, POLLERR, POLLHUP share
    /// their values with the EPOLL bits).
    func ready(capacity: Int) -> [(fd: Int32, revents: Int16)] {
        let want = max(16, capacity)
        if fds.count < want {
            fds = [Int32](repeating: 0, count: want)
            events = [UInt32](repeating: 0, count: want)
        }
        let r = fds.withUnsafeMutableBufferPointer { f in
            events.withUnsafeMutableBufferPointer { e in
                Sys.epoll_wait { Int(sockshell_watch_ready(fd, f.baseAddress, e.baseAddress, Int32(want))) }
            }
        }
        guard r.error == nil, r.value > 0 else { return [] }
        return (0..<r.value).map { (fds[$0], Int16(truncatingIfNeeded: events[$0])) }
    }
}
