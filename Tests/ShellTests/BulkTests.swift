// source and sink on real loopback sockets: bytes counted, EOF, BYTES limits, datagrams, EAGAIN.
// Functional only: no figure of speed is checked here (bench/run measures throughput).

import Dispatch
import Shell
import Testing

@Suite("Bulk transfers: source and sink")
struct BulkTests {
    /// The byte count of the `sent N bytes` / `received N bytes` line, or nil.
    static func count(_ lines: [String], _ verb: String) -> Int? {
        for line in lines where line.hasPrefix("  \(verb) ") {
            let words = line.split(separator: " ")
            if words.count > 1, let n = Int(words[1]) { return n }
        }
        return nil
    }

    @Test("source sends exactly BYTES in writes of SIZE, even when SIZE does not divide it; sink reads them all")
    func countsEveryByte() {
        let sh = TestShell()
        sh.tcpPair()
        // Small enough to sit in the socket buffers while nobody reads (one thread).
        let sent = sh.run("@cli source 40000 777")
        #expect(Self.count(sent, "sent") == 40000, "\(sent)")
        expectNoLine(sent, "send(*")
        let got = sh.run("sink 40000")
        #expect(Self.count(got, "received") == 40000, "\(got)")
        expectNoLine(got, "*then EOF*")
    }

    @Test("sink stops at BYTES and leaves the rest queued for the next read")
    func sinkStopsAtBytes() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli source 30000 1K")
        #expect(Self.count(sh.run("sink 10000"), "received") == 10000)
        #expect(Self.count(sh.run("sink 20000"), "received") == 20000)
        expectLine(sh.run("info"), "  recv-q * 0 bytes")
    }

    @Test("sink without BYTES reads to EOF and says so; after EOF it reads 0 bytes and EOF again")
    func sinkReadsToEOF() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli source 12345 100")
        sh.run("@cli close")
        let got = sh.run("sink")
        #expect(Self.count(got, "received") == 12345, "\(got)")
        expectLine(got, "  received 12345 bytes (12.1 KiB) in *, *, then EOF")
        let again = sh.run("sink")
        expectLine(again, "  received nothing: EOF came first (waited *)")
    }

    @Test("the pattern arrives as sent: a to z repeated")
    func patternArrives() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli source 30")
        expectLine(sh.run("recv 30"), "recv(*, \"abcdefghijklmnopqrstuvwxyzabcd\", 30, 0) = 30")
    }

    @Test("datagrams: source sends SIZE-byte datagrams, sink counts the bytes of each")
    func datagrams() {
        let sh = TestShell()
        sh.run("socket udp as r; bind 127.0.0.1:0; socket udp as w; connect r")
        let sent = sh.run("source 5000 1000")
        #expect(Self.count(sent, "sent") == 5000, "\(sent)")
        let got = sh.run("@r sink 3000")
        #expect(Self.count(got, "received") == 3000, "\(got)")
    }

    @Test("a non-blocking source stops at EAGAIN and reports the bytes it moved before")
    func nonBlockingSource() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("@cli nonblock on")
        let out = sh.run("@cli source 256M")
        expectLine(out, "send(*, <pattern>, *, 0) = -1 EAGAIN (Resource temporarily unavailable)")
        let sent = Self.count(out, "sent") ?? -1
        #expect(sent > 0 && sent < 256 << 20, "\(out)")
        expectLine(out, "  non-blocking socket: EAGAIN once the send buffer was full*")
        // Everything it counted is there to read.
        sh.run("@cli close")
        #expect(Self.count(sh.run("sink"), "received") == sent)
    }

    @Test("a non-blocking sink with nothing queued gives EAGAIN and 0 bytes at once")
    func nonBlockingSink() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("nonblock on")
        let out = sh.run("sink")
        expectLine(out, "recv(*, 0x..., 1048576, 0) = -1 EAGAIN (Resource temporarily unavailable)")
        expectLine(out, "  received nothing (waited *")
        expectLine(out, "  non-blocking socket: EAGAIN once nothing was left to read*")
        // Queued bytes are read up to EAGAIN.
        sh.run("@cli source 2000 100")
        let some = sh.run("sink")
        #expect(Self.count(some, "received") == 2000, "\(some)")
        expectLine(some, "recv(*) = -1 EAGAIN (Resource temporarily unavailable)")
    }

    @Test("a blocking sink whose SO_RCVTIMEO runs out says that the timeout, not O_NONBLOCK, gave EAGAIN")
    func receiveTimeout() {
        let sh = TestShell()
        sh.tcpPair()
        sh.run("setopt SO_RCVTIMEO 50ms")
        sh.run("@cli source 500 100")
        let out = sh.run("sink")
        #expect(Self.count(out, "received") == 500, "\(out)")
        expectLine(out, "recv(*) = -1 EAGAIN (Resource temporarily unavailable)")
        expectLine(out, "  EAGAIN on a blocking socket: the SO_RCVTIMEO timeout ran out")
    }

    /// Two sessions joined by a TCP connection: `sink` runs on the accepted end here while another thread runs
    /// `senderLine` on the client in the other session. Returns the sink's lines and the sender's; nil (after
    /// recording an issue) when the listener has no port.
    static func sinkWithSenderThread(_ senderLine: String) -> ([String], [String])? {
        let receiver = TestShell()
        receiver.run("socket tcp as srv; bind 127.0.0.1:0; listen")
        guard let port = receiver.port("srv") else {
            Issue.record("no port for srv")
            return nil
        }
        let sender = TestShell()
        sender.run("socket tcp; connect 127.0.0.1:\(port)")
        receiver.run("@srv accept as conn; use conn")
        let box = SendableBox(sender)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            box.lines = box.shell.run(senderLine)
            done.signal()
        }
        let got = receiver.run("sink")
        done.wait()
        return (got, box.lines)
    }

    @Test("a transfer cut short records its byte count as a wildcard; a whole one keeps the number")
    func recordedCounts() {
        let sh = TestShell()
        sh.tcpPair()
        let wildcards = TextRenderer(style: .wildcards)
        let whole = wildcards.render(sh.events("@cli source 1000"))
        #expect(whole.contains { $0.hasPrefix("  sent 1000 bytes (1000 bytes) in {dur}, {rate}") }, "\(whole)")
        // Non-blocking and nobody reading: EAGAIN once the buffers are full, after as much as they took.
        let cut = wildcards.render(sh.events("@cli nonblock on; @cli source 1G"))
        #expect(cut.contains("  sent {n} bytes ({*}) in {dur}, {rate}"), "\(cut)")
    }

    @Test("a sink started before its sender does not count the wait: its clock starts with the first bytes")
    func sinkClockStartsWithFirstBytes() {
        // The sender starts a second and a half after the sink.
        guard let (got, _) = Self.sinkWithSenderThread("sleep 1500ms; source 4M 64K; close") else { return }
        #expect(Self.count(got, "received") == 4 << 20, "\(got)")
        let line = got.first { $0.hasPrefix("  received ") } ?? ""
        let seconds = line.split(separator: " ").first { $0.hasSuffix("ms,") || $0.hasSuffix("s,") }
        #expect(seconds.map { $0.hasSuffix("ms,") } == true, "the wait was counted: \(line)")
    }

    @Test("a transfer larger than the socket buffers, with the peer reading in another thread, arrives whole")
    func largeTransferWithReader() {
        guard let (got, sent) = Self.sinkWithSenderThread("source 48M 100K; close") else { return }
        #expect(Self.count(sent, "sent") == 48 << 20, "\(sent)")
        #expect(Self.count(got, "received") == 48 << 20, "\(got)")
        expectLine(got, "*then EOF")
    }

    @Test("without a terminal nothing draws progress, and a short transfer never calls it")
    func noProgressForShortTransfers() {
        let sh = TestShell()
        sh.tcpPair()
        let calls = SendableBox(sh)
        sh.session.progress = { _ in calls.count += 1 }
        sh.session.progressDone = { calls.count += 100 }
        sh.run("@cli source 10000")
        sh.run("sink 10000")
        #expect(calls.count == 0)
    }
}

/// A shell handed to another thread, which alone uses it until it signals; the results are read after the wait.
final class SendableBox: @unchecked Sendable {
    let shell: TestShell
    var lines: [String] = []
    var count = 0
    init(_ shell: TestShell) { self.shell = shell }
}

@Suite("Progress line text")
struct ProgressTextTests {
    @Test("flowing, stalled while sending, and waiting while receiving each read as they should")
    func texts() {
        let mib = 1 << 20
        let flowing = TransferProgress(bytes: 12 * mib, seconds: 3.2, sending: true, stalledFor: 0, queued: nil)
        let stalled = TransferProgress(bytes: 4 * mib, seconds: 2.5, sending: true, stalledFor: 2.1, queued: 4 * mib)
        let waiting = TransferProgress(bytes: 0, seconds: 1.5, sending: false, stalledFor: 1.5, queued: 0)
        let texts = [flowing, stalled, waiting].map(TextRenderer.progress)
        #expect(texts == [
            "  12.0 MiB in 3s, 3.93 MB/s",
            "  4.00 MiB in 2s; stalled 2s: the peer is not reading, 4.00 MiB queued in the send buffer (Ctrl-C stops)",
            "  0 bytes in 1s; nothing arrived for 1s: the peer is not sending (Ctrl-C stops)",
        ])
    }
}
