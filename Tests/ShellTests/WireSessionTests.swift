import Glibc
import Shell
import SocketCore
import Testing

/// A stand-in for the lab (issue 13): one capture point held by a namespace descriptor (the shell's own
/// namespace, so the test needs no lab), named as a link, and 127.0.0.1 owned by a host "a".
final class OneLinkNetwork: SessionNetwork {
    let fd: Int32
    init(fd: Int32) { self.fd = fd }
    func withCurrentHost<T>(_ body: () throws -> T) rethrows -> T { try body() }
    var capturePoints: [CapturePoint] { [CapturePoint(label: "a-b", namespaceFD: fd, interface: "lo")] }
    func hostName(ofAddress address: SocketAddress) -> String? { address.host == "127.0.0.1" ? "a" : nil }
}

/// The wire view inside a session: capture through a namespace descriptor (setns around pcap_activate), lines
/// naming hosts and link, packet events after the call that caused them.
@Suite("Wire: capture points of the session's network", .serialized)
struct WireSessionTests {
    @Test("a capture point with a namespace fd: packets name host and link; the shell is back in its namespace")
    func labCapturePoint() throws {
        guard geteuid() == 0 else {
            print("SKIPPED labCapturePoint: capturing on the host's lo needs root")
            return
        }
        let own = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)
        try #require(own >= 0)
        defer { close(own) }
        var before = stat()
        stat("/proc/thread-self/ns/net", &before)
        let shell = TestShell()
        shell.session.network = OneLinkNetwork(fd: own)
        shell.run("socket tcp as srv")
        let bound = shell.text("bind 127.0.0.1:0")
        let port = try #require(bound.split(separator: ":").last.flatMap { Int($0) })
        shell.run("listen")
        // Only this test's connection: the host's lo carries other traffic.
        #expect(shell.text("wire on tcp port \(port)").contains("wire on: capturing on a-b (filter: tcp port"))
        var after = stat()
        stat("/proc/thread-self/ns/net", &after)
        #expect(before.st_ino == after.st_ino, "the thread must be back in its own network namespace")
        shell.run("socket tcp as cli")
        let events = shell.events("connect srv")
        let packets = events.compactMap { if case .packet(let p) = $0 { p } else { nil } }
        #expect(packets.count == 3, "SYN, SYN-ACK, ACK: \(shell.renderer.render(events))")
        #expect(packets.allSatisfy { $0.link == "a-b" && $0.sourceHost == "a" && $0.destinationHost == "a" })
        let lines = shell.renderer.render(events)
        #expect(lines.contains { $0.hasPrefix("  ~ a>a a-b 127.0.0.1:") && $0.contains("TCP [S] seq 0") }, "\(lines)")
        shell.run("wire off")
    }
}

/// What `explain` and `help` say about the wire.
@Suite("Wire: teaching text")
struct WireTeachingTests {
    @Test("explain says what to look for on the wire, in English and Korean", arguments: [
        ("SO_LINGER", "[R.]"), ("SO_KEEPALIVE", "TCP_KEEPINTVL"), ("TCP_NODELAY", "[P.]"),
        ("TCP_MAXSEG", "mss 1200"), ("SO_OOBINLINE", "urg 1"), ("IP_MULTICAST_TTL", "ttl 1"),
    ])
    func explainOnTheWire(_ option: String, _ fact: String) {
        let shell = TestShell()
        let en = shell.text("explain \(option)")
        #expect(en.contains("On the wire (`wire on`):") && en.contains(fact), "\(en)")
        let ko = shell.text("explain --lang ko \(option)")
        #expect(ko.contains("패킷으로 보기 (`wire on`):") && ko.contains(fact), "\(ko)")
    }

    @Test("help wire gives the usage; wire without a capture says what to do")
    func helpAndMisuse() {
        let shell = TestShell()
        #expect(shell.text("help wire").contains("wire on [FILTER]  |  wire off  |  wire save FILE"))
        #expect(shell.text("wire ladder").contains("nothing captured yet"))
        #expect(shell.text("wire off").contains("the wire is off already"))
        let save = shell.inputError("wire save /tmp/never-written.pcap")
        #expect(save?.message.contains("turn the wire on first") == true)
        #expect(shell.inputError("wire sideways")?.message.contains("use on, off, save or ladder") == true)
    }
}
