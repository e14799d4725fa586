// The descriptor limit: raised from soft to hard at start without a word; EMFILE explained with the limit.

import Glibc
import Testing

@Suite("Descriptor limit")
struct DescriptorLimitTests {
    /// The hard RLIMIT_NOFILE of this process (the child inherits it).
    static var hard: Int {
        var r = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &r)
        return r.rlim_max > UInt64(Int.max) ? Int.max : Int(r.rlim_max)
    }

    @Test("a soft limit of 64 under a higher hard one: 200 sockets open, and nothing is said about it",
          .enabled(if: hard >= 400, "the hard fd limit is below 400"))
    func softLimitRaised() throws {
        let script = String(repeating: "socket udp\n", count: 200) + "list\n"
        let r = try runSockshell([], input: script, limits: ["-Sn 64"])
        #expect(r.status == 0, "\(r.summary)")
        #expect(!r.stdout.contains("EMFILE"), "\(r.summary)")
        #expect(r.stdout.contains("s200 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 202"), "\(r.summary)")
        #expect(!r.stdout.contains("limit") && r.stderr.isEmpty, "raising the limit is silent: \(r.summary)")
    }

    @Test("EMFILE says what the limit is and how to raise it")
    func emfileSaysTheLimit() throws {
        let r = try runSockshell(["-c", "socket tcp; socket tcp; socket tcp; socket tcp"], limits: ["-n 6"])
        #expect(r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("out of descriptors: this process may hold 6 (`ulimit -n`, the hard limit too)"),
                "\(r.summary)")
        #expect(r.stdout.contains("limits.conf"), "\(r.summary)")
    }
}
