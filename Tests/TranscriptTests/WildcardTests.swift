import Testing

@testable import Transcript

@Suite("Wildcards")
struct WildcardTests {
    private func match(_ pattern: String, _ actual: String) -> Bool {
        Wildcard.matches(pattern: pattern, actual: actual)
    }

    @Test("plain text matches only itself, whole line")
    func literal() {
        #expect(match("bind(3) = 0", "bind(3) = 0"))
        #expect(!match("bind(3) = 0", "bind(3) = 0 "))
        #expect(!match("bind(3) = 0", "bind(3) = "))
        #expect(match("", ""))
        #expect(!match("", "x"))
        #expect(match("a.b*c(d)[e]$^", "a.b*c(d)[e]$^"))
        #expect(!match("a.c", "abc"))
    }

    @Test("{port}: 1 to 5 digits")
    func port() {
        #expect(match("127.0.0.1:{port}", "127.0.0.1:43712"))
        #expect(match("127.0.0.1:{port}", "127.0.0.1:0"))
        #expect(!match("127.0.0.1:{port}", "127.0.0.1:"))
        #expect(!match("127.0.0.1:{port}", "127.0.0.1:123456"))
        #expect(!match("127.0.0.1:{port}", "127.0.0.1:12a"))
        #expect(match("{port} -> {port}", "1 -> 65535"))
    }

    @Test("{n}: an integer with an optional minus")
    func integer() {
        #expect(match("= {n}", "= 4096"))
        #expect(match("= {n}", "= -1"))
        #expect(!match("= {n}", "= -"))
        #expect(!match("= {n}", "= 1.5"))
        #expect(!match("= {n}", "= +1"))
        #expect(match("{n}{n}", "12"))
    }

    @Test("{num}: digits with an optional fraction")
    func number() {
        #expect(match("cwnd {num}", "cwnd 10"))
        #expect(match("cwnd {num}", "cwnd 0.25"))
        #expect(!match("cwnd {num}", "cwnd .25"))
        #expect(!match("cwnd {num}", "cwnd 1."))
        #expect(!match("cwnd {num}", "cwnd 1.2.3"))
        #expect(match("{num}.{num}", "1.2.3"))
        #expect(match("{num}%", "99.5%"))
    }

    @Test("{dur}: a number and a unit")
    func duration() {
        #expect(match("({dur})", "(1.23s)"))
        #expect(match("({dur})", "(250ms)"))
        #expect(match("({dur})", "(17us)"))
        #expect(match("({dur})", "(3µs)"))
        #expect(!match("({dur})", "(250)"))
        #expect(!match("({dur})", "(ms)"))
        #expect(!match("({dur})", "(1.5 s)"))
        #expect(match("took {dur} total", "took 2.000001s total"))
        #expect(match("{dur}s", "1mss"))
    }

    @Test("{rate}: a number, an optional space, a unit with '/'")
    func rate() {
        #expect(match("at {rate}", "at 2.61 GB/s"))
        #expect(match("at {rate}", "at 812.5 MB/s"))
        #expect(match("at {rate}", "at 100Mbit/s"))
        #expect(match("at {rate} (", "at 3 KiB/s ("))
        #expect(!match("at {rate}", "at GB/s"))
        #expect(!match("at {rate}", "at 2.61  GB/s"))
        #expect(!match("at {rate}", "at 2.61 /s"))
        #expect(match("{rate}, {dur}", "1.5 GB/s, 2s"))
    }

    @Test("{hex}: hex digits")
    func hex() {
        #expect(match("0x{hex}", "0x7f3aBC"))
        #expect(!match("0x{hex}", "0x"))
        #expect(!match("0x{hex}", "0x7g"))
        #expect(match("{hex}{hex}", "ab"))
    }

    @Test("{*}: any text at the start, middle and end")
    func star() {
        #expect(match("{*}", ""))
        #expect(match("{*}", "anything at all"))
        #expect(match("{*} = 0", "setsockopt(3, SOL_SOCKET, SO_LINGER) = 0"))
        #expect(!match("{*} = 0", "x = 01"))
        #expect(match("recv{*}= 5", "recv(3, 5, 0) = 5"))
        #expect(match("recv{*}= 5", "recv= 5"))
        #expect(match("note: {*}", "note: "))
        #expect(match("note: {*}", "note: set before listen()"))
        #expect(!match("note: {*}", "note:"))
        #expect(match("{*}{*}{*}", "abc"))
    }

    @Test("backtracking: a wildcard gives back what a later piece needs")
    func backtracking() {
        #expect(match("{*}:{port}", "[::1]:8080"))
        #expect(match("{*}:{port}", "a:b:c:1"))
        #expect(!match("{*}:{port}", "a:b:c:x"))
        #expect(match("{*}ab{*}abc", "xabyabababc"))
        #expect(match("{hex}f", "abcf"))
        #expect(match("{n}0", "1000"))
        #expect(match("{port}5", "12345"))
        #expect(match("{num}.5", "3.5"))
        #expect(match("{num}1 ms", "1.01 ms"))
        // Many stars against a long non-matching line stay fast thanks to the memo.
        let pattern = String(repeating: "{*}a", count: 30) + "b"
        #expect(!match(pattern, String(repeating: "a", count: 2000)))
    }

    @Test("{{ is a literal '{', and unknown names are literal text")
    func escapes() {
        #expect(match("{{port}", "{port}"))
        #expect(!match("{{port}", "{8080}"))
        #expect(!match("{{port}", "8080"))
        #expect(match("{x} {}", "{x} {}"))
        #expect(match("json {{\"a\": {n}}", "json {\"a\": 1}"))
        #expect(match("{\"a\": {n}}", "{\"a\": 7}"))
        #expect(match("trailing {", "trailing {"))
        #expect(match("{{{{", "{{"))
        #expect(match("{{{port}", "{443"))
    }

    @Test("escape makes any text match itself, and leaves ordinary braces alone")
    func escapeRoundTrip() {
        let samples = [
            "{port}", "{{", "{", "a{b}c", "{*}", "x{{port}}y", "{{{", "{n}{num}{dur}{rate}{hex}", "}{", "",
            "{\"key\": [1, 2]}",
        ]
        for sample in samples {
            let escaped = Wildcard.escape(sample)
            #expect(match(escaped, sample), "\(escaped) should match \(sample)")
        }
        #expect(Wildcard.escape("{\"key\": 1}") == "{\"key\": 1}")
        #expect(Wildcard.escape("port {port}") == "port {{port}")
        #expect(Wildcard.escape("{{") == "{{{")
        #expect(!match(Wildcard.escape("{port}"), "80"))
    }

    @Test("tokens name each wildcard")
    func tokens() {
        let tokens = Wildcard.Kind.allCases.map(\.token)
        #expect(tokens == ["{port}", "{n}", "{num}", "{dur}", "{rate}", "{hex}", "{*}"])
        #expect(Wildcard.hasWildcards("a {port}"))
        #expect(!Wildcard.hasWildcards("a {x}"))
        for kind in Wildcard.Kind.allCases {
            #expect(Pattern(kind.token).pieces == [.wildcard(kind)])
        }
    }
}
