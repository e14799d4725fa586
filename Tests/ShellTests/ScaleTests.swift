// Thousands of sockets at the cost of two: lookups by handle, `@NAME`, close and the prompt's watch do not
// slow down with the number of sockets open, and errors list a few handles, not all of them.

import Glibc
import Shell
import Testing

@Suite("Scale", .serialized)
struct ScaleTests {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// The fastest of three runs of `body` (a busy machine slows some runs, never speeds one up).
    static func fastest(_ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let t0 = now()
            body()
            best = min(best, now() - t0)
        }
        return best
    }

    /// How many sockets this process can open besides what the other tests hold: up to 16,000.
    static func room() -> Int {
        let soft = Int(DescriptorLimit.raise())
        return soft < 0 ? 16_000 : max(0, min(16_000, soft - 2_000))
    }

    @Test("a handle lookup (@NAME, use) costs the same with 16,000 sockets as with 2; close keeps the order")
    func lookupDoesNotGrowWithSockets() throws {
        let n = Self.room()
        try #require(n >= 4_000, "RLIMIT_NOFILE too low to try thousands of sockets")
        let small = TestShell()
        small.run("socket udp as a; socket udp as b")
        let big = TestShell()
        for k in 0..<n { _ = big.session.execute("socket udp as n\(k)") }
        #expect(big.session.socketCount == n)
        let rounds = 4_000
        let names = (0..<rounds).map { "n\(($0 &* 7_919) % n)" }
        let tSmall = Self.fastest { for _ in 0..<rounds { _ = small.session.execute("@a use b") } }
        let tBig = Self.fastest { for name in names { _ = big.session.execute("@\(name) use \(name)") } }
        // A walk of the list per lookup made this about a hundred times slower at 16,000 sockets.
        #expect(tBig < tSmall * 5 + 0.05, "lookups: \(tBig) s with \(n) sockets, \(tSmall) s with 2")

        // Closing from the middle keeps creation order for list, and the handles stay reachable.
        for k in stride(from: 1, to: n, by: 2) { _ = big.session.execute("@n\(k) close") }
        #expect(big.session.socketCount == (n + 1) / 2)
        #expect(Array(big.session.handles.prefix(3)) == ["n0", "n2", "n4"])
        #expect(big.session.handles.last == "n\(n % 2 == 0 ? n - 2 : n - 1)")
        big.run("@n2 info")
        let missing = try #require(big.inputError("@n1 info"))
        #expect(missing.message.contains("\((n + 1) / 2) open; nearest: "), "\(missing.message)")
        #expect(missing.message.count < 200, "the error lists a few handles, not all: \(missing.message.count)")
        big.run("socket udp as late")
        #expect(big.session.handles.last == "late")
    }

    @Test("the prompt's watch costs the same with 16,000 quiet sockets as with 2, and still hears the one that speaks")
    func promptWatchDoesNotGrowWithSockets() throws {
        let n = Self.room()
        try #require(n >= 4_000, "RLIMIT_NOFILE too low to try thousands of sockets")
        let small = TestShell()
        small.run("socket udp as a; bind 127.0.0.1:0")
        let big = TestShell()
        big.run("socket udp as r; bind 127.0.0.1:0; socket udp as s; connect r")
        for k in 0..<n { _ = big.session.execute("socket udp as q\(k)") }
        _ = small.session.idleEvents()
        _ = big.session.idleEvents()
        let tSmall = Self.fastest { for _ in 0..<50 { _ = small.session.idleEvents() } }
        let tBig = Self.fastest { for _ in 0..<50 { _ = big.session.idleEvents() } }
        // poll(2) of every socket plus an ioctl each made one question cost thousands of times more.
        #expect(tBig < tSmall * 5 + 0.02, "idle watch: \(tBig) s with \(n) sockets, \(tSmall) s with 2")
        big.run("@s send hi")
        usleep(50_000)
        #expect(TextRenderer().render(big.session.idleEvents()) == ["  [r] 2 bytes waiting to be read"])
        #expect(big.session.idleEvents().isEmpty)
        // A socket made after the watch started is watched too; a closed one's descriptor reused is not confused.
        big.run("@r close; socket udp as r2; bind 127.0.0.1:0; @s connect r2; @s send abc")
        usleep(50_000)
        #expect(TextRenderer().render(big.session.idleEvents()) == ["  [r2] 3 bytes waiting to be read"])
    }

    @Test("with many sockets, an unknown handle or address lists the nearest few and the count")
    func errorsListAFew() throws {
        let sh = TestShell()
        for k in 0..<40 { sh.run("socket udp as web\(k)") }
        let e = try #require(sh.inputError("use web400"))
        #expect(e.message.hasSuffix("(40 open; nearest: web0, web4, web10; `list` shows all)"), "\(e.message)")
        let at = try #require(sh.inputError("@wbe3 info"))
        #expect(at.message.contains("40 open; nearest: web3"), "\(at.message)")
        let addr = try #require(sh.inputError("connect web99x"))
        #expect(addr.message.contains("or a handle (40 open, such as "), "\(addr.message)")
        // Few sockets: every handle, as before.
        let few = TestShell()
        few.run("socket udp as a; socket udp as b")
        #expect(few.inputError("use zz")?.message.contains("(open: a, b)") == true)
    }

    @Test("poll over many sockets shows the first entries of its array and a count, and a row for each socket")
    func pollAbbreviatesItsArray() throws {
        let sh = TestShell()
        for k in 0..<20 { sh.run("socket udp as p\(k)") }
        let out = sh.run("poll")
        let call = try #require(out.first)
        #expect(call.hasSuffix(", ... 17 more], 20, 0) = 20"), "\(call)")
        #expect(call.components(separatedBy: "{fd=").count == 4, "\(call)")
        #expect(out.count == 22, "the call, the header and 20 rows: \(out.count)")
        let few = TestShell()
        few.run("socket udp as a; socket udp as b")
        expectLine(few.run("poll"), "poll([{fd=*, events=POLLIN|POLLPRI|POLLOUT|POLLRDHUP}, {fd=*}], 2, 0) = 2")
    }
}
