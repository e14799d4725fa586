// UDP told truly: SO_MEMINFO decoded against a real burst, info's datagram count, source and sink counting
// datagrams, sink's idle end and drops, poll's DROPS column.

import Glibc
import Shell
import Testing

@Suite("Datagram queues")
struct DatagramQueueTests {
    /// The number after `name=` in a getsockopt SO_MEMINFO call line.
    static func field(_ line: String, _ name: String) -> Int? {
        guard let r = line.range(of: name + "=") else { return nil }
        return Int(line[r.upperBound...].prefix { $0.isNumber })
    }

    /// A receiver `r` with SO_RCVBUF 4K and a sender `s` that sent `count` datagrams of 1400 bytes to it.
    static func burst(_ count: Int) -> TestShell {
        let sh = TestShell()
        sh.run("socket udp as r; setopt SO_RCVBUF 4K; bind 127.0.0.1:0; socket udp as s; connect r")
        let out = sh.run("source \(count * 1400) 1400")
        expectLine(out, "  sent \(count * 1400) bytes (*) in *, *; \(count) datagrams, * datagrams/s")
        return sh
    }

    @Test("getopt SO_MEMINFO after a burst: nine fields by name; what is queued plus what was dropped is what was sent")
    func memInfoAgainstABurst() throws {
        let sh = Self.burst(100)
        let out = sh.run("@r getopt SO_MEMINFO")
        let call = try #require(out.first)
        #expect(call.hasPrefix("getsockopt(\(sh.fd("r")), SOL_SOCKET, SO_MEMINFO, [rmem_alloc="), "\(call)")
        #expect(call.hasSuffix("], [36]) = 0"), "\(call)")
        for name in ["rmem_alloc", "rcvbuf", "wmem_alloc", "sndbuf", "fwd_alloc", "wmem_queued", "optmem", "backlog",
                     "drops"] {
            #expect(Self.field(call, name) != nil, "\(name) missing from \(call)")
            expectLine(out, "  \(name) *: *")
        }
        let rmem = try #require(Self.field(call, "rmem_alloc"))
        let drops = try #require(Self.field(call, "drops"))
        #expect(Self.field(call, "rcvbuf") == 8192)
        #expect(drops > 50 && drops < 100, "a 8192-byte buffer cannot hold 100 datagrams: drops \(drops)")
        // What info counts is rmem_alloc divided by one datagram's truesize, and it matches what sink reads.
        let info = sh.run("@r info")
        let queuedLine = try #require(info.first { $0.hasPrefix("  datagrams ") })
        let queued = try #require(Int(queuedLine.dropFirst("  datagrams ".count).prefix { $0.isNumber }))
        #expect(queued + drops == 100, "queued \(queued) + dropped \(drops)")
        #expect(rmem % queued == 0 && rmem / queued > 1400, "each datagram is charged more than its payload")
        expectLine(info, "  datagrams \(queued) queued, \(queued * 1400) bytes of payload (1400 bytes each)")
        expectLine(info, "  charged   \(rmem) of 8192 bytes (SO_RCVBUF as held); each 1400-byte datagram costs "
                   + "its truesize, \(rmem / queued)")
        expectLine(info, "  drops     \(drops) (SK_MEMINFO_DROPS*")
        expectLine(info, "  recv-q    1400 bytes (the next datagram only)")
        // poll shows the drops.
        let poll = sh.run("poll")
        expectLine(poll, "  HANDLE FD *REVENTS *DROPS")
        expectLine(poll, "  r * \(drops)")
        let sink = sh.run("@r sink")
        expectLine(sink, "  received \(queued * 1400) bytes *; datagrams: \(queued), * then a second without one: *no EOF)")
        expectLine(sink, "  datagrams the kernel dropped meanwhile: 0 (SK_MEMINFO_DROPS, \(drops) since the socket was made)")
        expectLine(sh.run("@r info"), "  datagrams 0 queued")
        // The getopt table has a row for it, with the count.
        expectLine(sh.run("@r getopt"), "  SO_MEMINFO *0 datagrams queued; 0 of 8192 charged, \(drops) drops")
    }

    @Test("no drops, no DROPS column; a sink with nothing to read ends after a second and says so")
    func quietSocket() {
        let sh = TestShell()
        sh.run("socket udp as r; bind 127.0.0.1:0")
        expectNoLine(sh.run("poll"), "*DROPS*")
        let t0 = ScaleTests.now()
        let out = sh.run("sink")
        let secs = ScaleTests.now() - t0
        expectLine(out, "  received no datagram, then a second without one: the end (a datagram socket has no EOF)")
        #expect(secs >= 0.9 && secs < 5, "sink took \(secs) s")
    }

    @Test("sink BYTES on a datagram socket stops at BYTES without waiting for the idle second")
    func sinkBytes() {
        let sh = Self.burst(2)
        let out = sh.run("@r sink 1400")
        expectLine(out, "  received 1400 bytes (*; datagrams: 1, * datagrams/s")
        expectNoLine(out, "*second without one*")
    }

    @Test("SO_MEMINFO is read-only and explained in both languages")
    func readOnly() {
        let sh = TestShell()
        sh.run("socket udp")
        #expect(sh.inputError("setopt SO_MEMINFO 1")?.message.contains("read-only") == true)
        expectLine(sh.run("explain SO_MEMINFO"), "SO_MEMINFO *")
        #expect(sh.text("explain SO_RCVBUF").contains("truesize"))
        #expect(sh.text("explain --lang ko SO_RCVBUF").contains("truesize"))
    }
}
