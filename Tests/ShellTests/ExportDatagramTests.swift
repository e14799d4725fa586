// The C export of UDP's memory lesson (issue 15's `udp-buffers`): getopt SO_MEMINFO is a typed call with its
// nine counters by name (in C and in JSON), and source/sink on a datagram socket become loops that count
// datagrams; the sink's ends after an idle second, since a datagram socket has no EOF. And the wire view's
// subcommands each become the comment that says what the shell did there.

import Testing

@testable import Shell

@Suite("C export of datagram loops and SO_MEMINFO", .serialized)
struct ExportDatagramTests {
    /// Runs the lines in a session that keeps an export log (loopback only); returns the log and the events.
    func session(_ lines: [String]) -> (ExportLog, [Event]) {
        let s = Session()
        let log = ExportLog()
        s.exportLog = log
        var events: [Event] = []
        for l in lines { s.execute(l, into: &events) }
        s.closeAll()
        return (log, events)
    }

    @Test("getopt SO_MEMINFO is a typed getsockopt: C prints the counters by name, JSON names them")
    func memInfo() {
        let (log, events) = session(["socket udp as r", "bind 127.0.0.1:0", "getopt SO_MEMINFO"])
        #expect(log.leftOut.isEmpty, "\(log.leftOut)")
        let records = events.compactMap { e -> SyscallRecord? in
            if case .syscall(let r) = e, r.name == "getsockopt" { return r }
            return nil
        }
        #expect(records.count == 1)
        guard let record = records.first else {
            Issue.record("getopt SO_MEMINFO made no typed call")
            return
        }
        let call = record.call
        #expect(call.syscall == .getsockopt && call.args.last == .lengthInOut(36))
        let json = JSONRenderer().render(.syscall(record))
        #expect(json.contains(#"{"optval":{"rmem_alloc":0,"rcvbuf":"#), "\(json)")
        #expect(json.contains(#""drops":0},"kind":"meminfo"}"#), "\(json)")
        let c = CExporter(source: "test").render(log)
        #expect(c.contains("unsigned int val[9] = { 0 };"))
        #expect(c.contains("ret = getsockopt(r, SOL_SOCKET, SO_MEMINFO, &val, &len);"))
        #expect(c.contains("print_meminfo(val, len);"))
        #expect(c.contains("static void print_meminfo(const unsigned int *val, socklen_t len)"))
        // The note that introduces the queue's table says nothing once the table is not in the program.
        #expect(!c.contains("what the queue holds"))
    }

    @Test("source and sink on a datagram socket: loops that count datagrams; the sink ends after an idle second")
    func datagramLoops() {
        let (log, _) = session([
            "socket udp as r", "bind 127.0.0.1:0", "socket udp as s", "connect r", "source 3000 1000", "@r sink",
        ])
        #expect(log.leftOut.isEmpty, "\(log.leftOut)")
        let loops = log.steps.compactMap { step -> BulkLoop? in
            if case .loop(let l) = step { return l }
            return nil
        }
        #expect(loops.count == 2)
        #expect(loops.allSatisfy { $0.datagram })
        #expect(loops.first?.sending == true && loops.first?.chunk == 1000 && loops.first?.total == 3000)
        #expect(loops.last?.sending == false && loops.last?.total == nil)
        let c = CExporter(source: "test").render(log)
        #expect(c.contains("datagrams++;"))
        #expect(c.contains("n = recv(r, buf, 1048576, MSG_DONTWAIT);"))
        #expect(c.contains("if (poll(&p, 1, 1000) == 0) {"))
        #expect(!c.contains("eof = 1;"), "a datagram sink waits for no EOF")
    }

    @Test("wire on, off, save and ladder are each the comment of what the shell did, with no call")
    func wireSubcommands() {
        let log = ExportLog()
        for line in ["wire on tcp", "wire save /tmp/x.pcap", "wire ladder ascii", "@a wire off"] {
            log.record(line, command: "wire", events: [.note("~ 127.0.0.1.1 > 127.0.0.1.2: Flags [S]")])
        }
        #expect(log.leftOut.isEmpty)
        let c = CExporter(source: "test").render(log)
        #expect(c.contains("wire on tcp: the shell showed from here on the packets each call put on the wire"))
        #expect(c.contains("wire save /tmp/x.pcap: the shell saved the packets it had captured as a pcap file"))
        #expect(c.contains("wire ladder ascii: the shell drew the packets it had captured as a ladder diagram"))
        #expect(c.contains("/* @a wire off: the shell stopped showing the packets here */"))
        #expect(!c.contains("BY HAND") && !c.contains("Flags [S]"))
    }
}
