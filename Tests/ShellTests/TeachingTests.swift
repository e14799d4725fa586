import Foundation
import Shell
import SocketCore
import Testing

/// The study aid (issue 5): the man page covers the tables, `help` and `explain` cover every command and option,
/// and the timely warnings come exactly when they should, on real loopback sockets.
@Suite struct TeachingTests {
    // MARK: helpers

    /// The repository root, from this file's path (Tests/ShellTests/TeachingTests.swift).
    static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// The mdoc source of the man page.
    static let manSource: String = (try? String(contentsOfFile: root + "/man/sockshell.1", encoding: .utf8)) ?? ""

    /// A session with a short timeout, so a mistake in a test cannot hang it.
    static func session(korean: Bool = false) -> Session {
        Session(settings: SessionSettings(timeoutMs: 2_000, korean: korean))
    }

    /// Runs one line and returns its events; input errors are test failures.
    static func run(_ s: Session, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Event] {
        let events = s.execute(line)
        for case .inputError(let e) in events {
            Issue.record("input error for '\(line)': \(e.message)", sourceLocation: sourceLocation)
        }
        return events
    }

    /// The text lines of events, as the terminal shows them.
    static func lines(_ events: [Event]) -> [String] { TextRenderer(style: .plain).render(events) }

    /// The `.warning` events' messages.
    static func warnings(_ events: [Event]) -> [String] {
        events.compactMap { if case .warning(let w) = $0 { w.plain } else { nil } }
    }

    /// The system calls among the events.
    static func calls(_ events: [Event]) -> [SyscallRecord] {
        events.compactMap { if case .syscall(let c) = $0 { c } else { nil } }
    }

    /// Whether the text holds a Hangul syllable.
    static func hasHangul(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
    }

    /// Whether `word` occurs in `text` as a whole word (not as part of a longer identifier).
    static func containsWord(_ text: String, _ word: String) -> Bool {
        var rest = text[...]
        while let r = rest.range(of: word) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            let isWordChar: (Character?) -> Bool = { c in c.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
            if !isWordChar(before), !isWordChar(after) { return true }
            rest = text[r.upperBound...]
        }
        return false
    }

    /// A server `srv` listening on loopback, a client `cli` connected to it, and `conn` accepted; `cli` current.
    static func connectedPair(_ s: Session) {
        for line in ["socket tcp as srv", "bind 127.0.0.1:0", "listen", "socket tcp as cli", "connect srv",
                     "@srv accept as conn"] {
            let ev = run(s, line)
            #expect(calls(ev).allSatisfy { $0.errno == nil }, "\(line): \(lines(ev))")
        }
    }

    // MARK: the man page

    @Test func manPageExists() {
        #expect(!Self.manSource.isEmpty, "man/sockshell.1 not found under \(Self.root)")
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "EXIT STATUS", "FILES", "EXAMPLES", "SEE ALSO"] {
            #expect(Self.manSource.contains(".Sh \(section)\n"), "no section \(section)")
        }
    }

    @Test(arguments: CommandTable.all.map(\.name))
    func manPageDocumentsCommand(_ name: String) {
        #expect(Self.containsWord(Self.manSource, "Ic \(name)"), "man/sockshell.1 lacks `.Ic \(name)`")
    }

    @Test(arguments: OptionCatalog.all.map(\.name))
    func manPageDocumentsOption(_ name: String) {
        #expect(Self.containsWord(Self.manSource, "Dv \(name)"), "man/sockshell.1 lacks `.Dv \(name)`")
    }

    @Test(arguments: ["-check", "-record", "-json", "-timeout", "-lang", "-help", "-version", "c"])
    func manPageDocumentsFlag(_ flag: String) {
        #expect(Self.containsWord(Self.manSource, "Fl \(flag)"), "man/sockshell.1 lacks `.Fl \(flag)`")
    }

    @Test func manPageDocumentsWildcards() {
        for w in ["{port}", "{n}", "{num}", "{dur}", "{rate}", "{hex}", "{*}", "{{"] {
            #expect(Self.manSource.contains(w), "man page lacks wildcard \(w)")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/mandoc"), "mandoc is not installed"))
    func manPageLintClean() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/mandoc")
        p.arguments = ["-Tlint", "-W", "warning", Self.root + "/man/sockshell.1"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(p.terminationStatus == 0 && text.isEmpty, "mandoc -Tlint: \(text)")
    }

    // MARK: help

    @Test func helpListsEveryCommandOnceByGroup() {
        let out = Self.lines(Self.run(Self.session(), "help"))
        var group: String?
        var seen: [String: Int] = [:]
        for line in out {
            if !line.hasPrefix(" "), line.hasSuffix(":") {
                group = String(line.dropLast())
                continue
            }
            guard line.hasPrefix("  "), let word = line.split(separator: " ").first else { continue }
            let name = String(word)
            guard let spec = CommandTable.spec(name) else { continue }
            seen[name, default: 0] += 1
            #expect(group == spec.group, "\(name) listed under \(group ?? "no group"), not \(spec.group)")
            #expect(line.contains(spec.summary), "help line for \(name) lacks its summary: \(line)")
        }
        for spec in CommandTable.all {
            #expect(seen[spec.name] == 1, "help lists \(spec.name) \(seen[spec.name] ?? 0) times")
        }
        for g in CommandTable.groups {
            #expect(out.filter { $0 == g + ":" }.count == 1, "group \(g) heading missing or repeated")
        }
    }

    @Test("every CommandID has exactly one entry in the command table, found by name in any case")
    func commandIDsMatchTheTable() {
        #expect(CommandTable.all.map(\.id).sorted { $0.rawValue < $1.rawValue }
            == CommandID.allCases.sorted { $0.rawValue < $1.rawValue })
        for (k, spec) in CommandTable.all.enumerated() {
            #expect(CommandTable.find(spec.name.uppercased()) == k)
        }
        #expect(CommandTable.find("setop") == nil)
    }

    @Test(arguments: CommandTable.all.map(\.name))
    func helpForCommand(_ name: String) throws {
        let spec = try #require(CommandTable.spec(name))
        for line in ["help \(name)", "help \(name.uppercased())"] {
            let out = Self.lines(Self.run(Self.session(), line))
            #expect(out.first == "usage: " + spec.usage, "\(line): \(out)")
            #expect(out.contains("example: " + spec.example), "\(line): no example line in \(out)")
            #expect(out.count >= 3)
        }
    }

    @Test func helpForUnknownCommandIsAnInputError() {
        let events = Self.session().execute("help nosuchcommand")
        #expect(events.contains { if case .inputError = $0 { true } else { false } })
    }

    @Test func koreanHelpDoesNotCrashAndSpeaksKorean() throws {
        let s = Self.session(korean: true)
        let overview = Self.lines(Self.run(s, "help"))
        #expect(overview.count > CommandTable.all.count)
        #expect(overview.contains { Self.hasHangul($0) })
        for spec in CommandTable.all {
            let out = Self.lines(Self.run(s, "help \(spec.name)"))
            #expect(out.first == "usage: " + spec.usage)
            #expect(out.contains { Self.hasHangul($0) }, "help \(spec.name) in Korean: \(out)")
        }
    }

    @Test func koreanHelpSummaries() {
        let s = Self.session(korean: true)
        let overview = Self.lines(Self.run(s, "help"))
        for spec in CommandTable.all {
            let line = overview.first { $0.hasPrefix("  " + spec.name + " ") } ?? ""
            #expect(Self.hasHangul(line), "help overview line for \(spec.name) is not Korean: \(line)")
            let out = Self.lines(Self.run(s, "help \(spec.name)"))
            #expect(out.count > 1 && Self.hasHangul(out[1]), "help \(spec.name) summary is not Korean: \(out)")
        }
        for group in CommandTable.groups {
            #expect(overview.contains { $0.hasSuffix(":") && !$0.hasPrefix(" ") && Self.hasHangul($0) }
                && !overview.contains(group + ":"), "group heading \(group) is not Korean")
        }
    }

    // MARK: explain

    /// The ways a user may name an option: as in C, lower case, without prefix, and mixed case without prefix.
    static func spellings(_ spec: OptionSpec) -> [String] {
        var forms = [spec.name, spec.name.lowercased()]
        if OptionCatalog.all.filter({ $0.shortName == spec.shortName }).count == 1 {
            let short = spec.shortName
            forms += [short, short.uppercased(), short.prefix(1).uppercased() + short.dropFirst()]
        }
        return forms
    }

    @Test(arguments: OptionCatalog.all.map(\.name))
    func explainFindsOption(_ name: String) throws {
        let spec = try #require(OptionCatalog.lookup(name))
        let s = Self.session()
        for form in Self.spellings(spec) {
            let out = Self.lines(Self.run(s, "explain \(form)"))
            #expect(out.first?.hasPrefix(spec.name + " ") == true, "explain \(form): \(out.first ?? "nothing")")
        }
    }

    /// Each option a lab lesson teaches (issue 13), with that lesson.
    static let labLessons = [("SO_KEEPALIVE", "lab-keepalive"), ("IP_MULTICAST_LOOP", "lab-multicast"),
                             ("IP_MULTICAST_TTL", "lab-multicast"), ("IPV6_MULTICAST_LOOP", "lab-multicast6"),
                             ("SO_DONTROUTE", "lab-dontroute"), ("TCP_SYNCNT", "lab-syncnt"),
                             ("SO_LINGER", "lab-linger"), ("TCP_USER_TIMEOUT", "lab-usertimeout")]

    @Test("explain of an option a lab lesson teaches names the lesson and --lab (EN and KO)",
          arguments: labLessons)
    func explainPointsToTheLab(_ option: String, _ lesson: String) {
        for korean in [false, true] {
            let out = Self.lines(Self.run(Self.session(korean: korean), "explain \(option)")).joined(separator: "\n")
            #expect(out.contains("examples/\(lesson).transcript"), "explain \(option) (ko: \(korean)) lacks \(lesson)")
            #expect(out.contains("--lab"), "explain \(option) (ko: \(korean)) does not name --lab")
        }
    }

    @Test func explainWithoutOptionListsThemAll() {
        let out = Self.lines(Self.run(Self.session(), "explain")).joined(separator: "\n")
        for spec in OptionCatalog.all { #expect(Self.containsWord(out, spec.name)) }
    }

    @Test func explainUnknownOptionIsAnInputError() {
        let events = Self.session().execute("explain SO_NOSUCH")
        #expect(events.contains { if case .inputError = $0 { true } else { false } })
    }

    @Test(arguments: OptionCatalog.all.map(\.name))
    func explainNotesAreSubstantial(_ name: String) throws {
        let spec = try #require(OptionCatalog.lookup(name))
        let s = Self.session()
        let en = Self.lines(Self.run(s, "explain \(spec.name)"))
        #expect(en.count >= 8, "explain \(spec.name) gives only \(en.count) lines")
        #expect(!en.dropFirst().contains { Self.hasHangul($0) }, "English notes of \(spec.name) hold Hangul")
        let koForms = [spec.name] + (Self.spellings(spec).contains(spec.shortName) ? [spec.shortName] : [])
        for line in koForms.map({ "explain --lang ko \($0)" }) {
            let ko = Self.lines(Self.run(s, line))
            #expect(ko.count >= 8, "\(line) gives only \(ko.count) lines")
            #expect(ko.dropFirst().contains { Self.hasHangul($0) }, "\(line) holds no Korean")
        }
        // A Korean session explains in Korean without --lang, and `--lang en` brings English back.
        let ks = Self.session(korean: true)
        #expect(Self.lines(Self.run(ks, "explain \(spec.name)")).dropFirst().contains { Self.hasHangul($0) })
        let back = Self.lines(Self.run(ks, "explain --lang en \(spec.name)"))
        #expect(back.count >= 8 && !back.dropFirst().contains { Self.hasHangul($0) })
    }

    @Test(arguments: OptionCatalog.all.map(\.name))
    func explainPointsAtExamplesThatExist(_ name: String) {
        let out = Self.lines(Self.run(Self.session(), "explain \(name)"))
        for line in out where line.hasPrefix("Example: ") {
            let path = String(line.dropFirst("Example: ".count)).trimmingCharacters(in: .whitespaces)
            #expect(FileManager.default.fileExists(atPath: Self.root + "/" + path), "explain \(name): no \(path)")
        }
    }

    @Test(arguments: [("SO_REUSEADDR", "TIME_WAIT"), ("SO_LINGER", "RST"), ("SO_KEEPALIVE", "ETIMEDOUT"),
                      ("SO_KEEPALIVE", "ECONNRESET"), ("SO_RCVBUF", "handshake"), ("SO_SNDLOWAT", "ENOPROTOOPT"),
                      ("IP_MULTICAST_LOOP", "lo"), ("SO_OOBINLINE", "EINVAL")])
    func explainTeachesTheKeyFact(_ name: String, _ fact: String) {
        let text = Self.lines(Self.run(Self.session(), "explain \(name.lowercased())")).joined(separator: "\n")
        #expect(Self.containsWord(text, fact), "explain \(name) does not mention \(fact)")
    }

    // MARK: timely warnings

    @Test func rcvbufBeforeConnectIsQuietAfterConnectWarns() {
        let s = Self.session()
        for line in ["socket tcp as srv", "bind 127.0.0.1:0", "listen", "socket tcp as cli"] { _ = Self.run(s, line) }
        let before = Self.run(s, "setopt SO_RCVBUF 32K")
        #expect(Self.warnings(before).isEmpty, "\(Self.warnings(before))")
        _ = Self.run(s, "connect srv")
        let after = Self.run(s, "setopt SO_RCVBUF 32K")
        let w = Self.warnings(after)
        #expect(w.count == 1 && w.first?.contains("SO_RCVBUF") == true, "\(w)")
        #expect(w.first?.contains("before connect") == true, "\(w)")
        // The warning follows the call it is about.
        #expect(after.first.map { if case .syscall = $0 { true } else { false } } == true)
        s.closeAll()
    }

    @Test func sndbufAfterConnectWarns() {
        let s = Self.session()
        Self.connectedPair(s)
        let w = Self.warnings(Self.run(s, "setopt SO_SNDBUF 64K"))
        #expect(w.count == 1 && w.first?.contains("SO_SNDBUF") == true, "\(w)")
        s.closeAll()
    }

    @Test func bufferSizesOnAcceptedSocketWarn() {
        let s = Self.session()
        Self.connectedPair(s)
        for option in ["SO_RCVBUF", "SO_SNDBUF"] {
            let w = Self.warnings(Self.run(s, "@conn setopt \(option) 64K"))
            #expect(w.count == 1 && w.first?.contains("accepted") == true, "\(option): \(w)")
            #expect(w.first?.contains("listener") == true, "\(option): \(w)")
        }
        s.closeAll()
    }

    @Test func rcvbufOnListenerIsQuiet() {
        // Linux still shapes the window scale of connections accepted later (RECIPES.md).
        let s = Self.session()
        for line in ["socket tcp", "bind 127.0.0.1:0", "listen"] { _ = Self.run(s, line) }
        #expect(Self.warnings(Self.run(s, "setopt SO_RCVBUF 64K")).isEmpty)
        s.closeAll()
    }

    @Test func rcvbufOnConnectedUDPIsQuiet() {
        let s = Self.session()
        for line in ["socket udp as a", "bind 127.0.0.1:0", "socket udp as b", "connect a"] { _ = Self.run(s, line) }
        #expect(Self.warnings(Self.run(s, "setopt SO_RCVBUF 64K")).isEmpty)
        s.closeAll()
    }

    @Test func rcvbufOnAcceptedUnixSocketIsQuiet() {
        // No handshake, no window scale: nothing comes too late on AF_UNIX.
        let path = "/tmp/sockshell-teaching-\(getpid()).sock"
        unlink(path)
        defer { unlink(path) }
        let s = Self.session()
        for line in ["socket unix as srv", "bind \(path)", "listen", "socket unix as cli", "connect srv",
                     "@srv accept as conn"] { _ = Self.run(s, line) }
        #expect(Self.warnings(Self.run(s, "@conn setopt SO_RCVBUF 64K")).isEmpty)
        s.closeAll()
    }

    @Test func reuseaddrBeforeBindIsQuietAfterBindWarns() {
        let s = Self.session()
        _ = Self.run(s, "socket tcp")
        #expect(Self.warnings(Self.run(s, "setopt SO_REUSEADDR on")).isEmpty)
        _ = Self.run(s, "bind 127.0.0.1:0")
        let w = Self.warnings(Self.run(s, "setopt SO_REUSEADDR on"))
        #expect(w.count == 1 && w.first?.contains("before bind") == true, "\(w)")
        _ = Self.run(s, "listen")
        #expect(Self.warnings(Self.run(s, "setopt SO_REUSEADDR on")).count == 1)
        s.closeAll()
    }

    @Test func reuseaddrAfterImplicitBindWarns() {
        // sendto on an unbound UDP socket binds it to an ephemeral port.
        let s = Self.session()
        for line in ["socket udp as a", "bind 127.0.0.1:0", "socket udp as b", "sendto a hi"] { _ = Self.run(s, line) }
        let w = Self.warnings(Self.run(s, "setopt SO_REUSEADDR on"))
        #expect(w.count == 1, "\(w)")
        s.closeAll()
    }

    @Test func maxsegBeforeConnectIsQuietAfterConnectWarns() {
        let s = Self.session()
        for line in ["socket tcp as srv", "bind 127.0.0.1:0", "listen", "socket tcp as cli"] { _ = Self.run(s, line) }
        #expect(Self.warnings(Self.run(s, "setopt TCP_MAXSEG 1200")).isEmpty)
        _ = Self.run(s, "connect srv")
        let w = Self.warnings(Self.run(s, "setopt TCP_MAXSEG 1000"))
        #expect(w.count == 1 && w.first?.contains("TCP_MAXSEG") == true, "\(w)")
        _ = Self.run(s, "@srv accept as conn")
        #expect(Self.warnings(Self.run(s, "@conn setopt TCP_MAXSEG 1000")).count == 1)
        s.closeAll()
    }

    @Test func recvOOBWithOOBInlineWarnsAfterTheCall() {
        let s = Self.session()
        Self.connectedPair(s)
        _ = Self.run(s, "@cli send oob X")
        // Without SO_OOBINLINE: the urgent byte comes with recv oob, and there is nothing to warn about.
        let plain = Self.run(s, "@conn recv oob")
        #expect(Self.warnings(plain).isEmpty, "\(Self.warnings(plain))")
        _ = Self.run(s, "@conn setopt SO_OOBINLINE on")
        let events = Self.run(s, "@conn recv oob")
        #expect(Self.calls(events).first?.errno?.name == "EINVAL", "\(Self.lines(events))")
        let w = Self.warnings(events)
        #expect(w.count == 1 && w.first?.contains("SO_OOBINLINE") == true, "\(w)")
        let callIndex = events.firstIndex { if case .syscall = $0 { true } else { false } }
        let warnIndex = events.firstIndex { if case .warning = $0 { true } else { false } }
        #expect(callIndex != nil && warnIndex != nil && callIndex! < warnIndex!, "warning before the call")
        s.closeAll()
    }

    @Test func joinAndLeaveOnTCPWarn() {
        // The kernel refuses a membership on a TCP socket (EPROTO) before anything is sent.
        let s = Self.session()
        _ = Self.run(s, "socket tcp")
        for line in ["join 239.1.2.3", "leave 239.1.2.3", "setopt IP_ADD_MEMBERSHIP 239.1.2.3"] {
            let events = Self.run(s, line)
            #expect(Self.calls(events).first?.errno?.name == "EPROTO", "\(line): \(Self.lines(events))")
            let w = Self.warnings(events)
            #expect(w.count == 1 && w.first?.contains("UDP") == true, "\(line): \(w)")
        }
        s.closeAll()
    }

    @Test func broadcastWithoutSOBroadcastWarns() {
        // 127.255.255.255 is a broadcast address of lo: without SO_BROADCAST the kernel answers EACCES before
        // anything is sent, so this is safe on the host.
        let s = Self.session()
        _ = Self.run(s, "socket udp")
        let sent = Self.run(s, "sendto 127.255.255.255:9 hello")
        #expect(Self.calls(sent).first?.errno?.name == "EACCES", "\(Self.lines(sent))")
        let w = Self.warnings(sent)
        #expect(w.count == 1 && w.first?.contains("SO_BROADCAST") == true, "\(w)")
        let connected = Self.run(s, "connect 127.255.255.255:9")
        #expect(Self.calls(connected).first?.errno?.name == "EACCES", "\(Self.lines(connected))")
        #expect(Self.warnings(connected).count == 1, "\(Self.lines(connected))")
        s.closeAll()
    }

    @Test func unicastSendtoIsQuiet() {
        let s = Self.session()
        for line in ["socket udp as a", "bind 127.0.0.1:0", "socket udp as b"] { _ = Self.run(s, line) }
        #expect(Self.warnings(Self.run(s, "sendto a hello")).isEmpty)
        s.closeAll()
    }

    @Test func sndlowatSetExplainsENOPROTOOPT() {
        let s = Self.session()
        _ = Self.run(s, "socket tcp")
        let events = Self.run(s, "setopt SO_SNDLOWAT 4K")
        #expect(Self.calls(events).first?.errno?.name == "ENOPROTOOPT")
        #expect(Self.warnings(events).count == 1)
        s.closeAll()
    }

    @Test func plainSetupHasNoWarnings() {
        // A textbook sequence: options before bind/connect, so nothing to warn about.
        let s = Self.session()
        var all: [Event] = []
        for line in ["socket tcp as srv", "setopt SO_REUSEADDR on", "setopt SO_RCVBUF 64K", "bind 127.0.0.1:0",
                     "listen", "socket tcp as cli", "setopt SO_RCVBUF 64K", "setopt TCP_NODELAY on", "connect srv",
                     "@srv accept as conn", "send hi", "@conn recv 2", "setopt SO_KEEPALIVE on",
                     "setopt TCP_KEEPIDLE 30"] {
            all += Self.run(s, line)
        }
        #expect(Self.warnings(all).isEmpty, "\(Self.warnings(all))")
        s.closeAll()
    }
}
