import Glibc
import SocketCore

/// Entry points for the parser fuzzer (fuzz/FuzzTokenizer): the value and argument parsers of the commands,
/// reachable without a socket.
///
/// Why public and here: the parsers are internal to the command layer, and a release build of a fuzz target cannot
/// use `@testable import`. Nothing here makes a system call that changes anything: addresses are parsed in a
/// sandboxed session (no name lookups), option values are parsed but never set.
public enum FuzzHooks {
    /// The whole content of a file (a crash input to replay), or nil when it cannot be read: the replayers of
    /// both fuzz targets read their inputs with it.
    public static func readInput(_ path: String) -> [UInt8]? {
        guard let fd = Sys.open(path, O_RDONLY | O_CLOEXEC).descriptor else { return nil }
        defer { _ = Sys.close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let r = chunk.withUnsafeMutableBytes { Sys.read(fd, $0.baseAddress, $0.count) }
            if r.error == Errno.interrupted { continue }
            if r.error != nil { return nil }
            if r.value == 0 { return out }
            out += chunk[0..<r.value]
        }
    }

    /// A session with no sockets, sandboxed: address words are parsed without name lookups.
    nonisolated(unsafe) static let scratch = Session(settings: SessionSettings(timeoutMs: 0, sandboxed: true))

    /// Runs every value parser of SPEC §2 on `text` (sizes, durations, switches, integers) and formats what they
    /// return. Returns how many parsers accepted the text.
    @discardableResult
    public static func values(_ text: String) -> Int {
        var accepted = 0
        if let v = Values.size(text) { accepted += 1; _ = Values.humanBytes(v) }
        if let v = Values.size(text, limit: Int.max / 2) { accepted += 1; _ = Values.humanBytes(v) }
        if let v = Values.size(text, limit: 1 << 50) { accepted += 1; _ = Values.humanRate(bytes: v, seconds: 0.5) }
        if let ms = Values.durationMs(text) {
            accepted += 1
            _ = Values.durationText(ms)
            _ = Values.humanSeconds(Double(ms) / 1000)
        }
        if Values.onOff(text) != nil { accepted += 1 }
        if Values.int32(text) != nil { accepted += 1 }
        return accepted
    }

    /// Parses the arguments of one command the way the command would, up to the system call, and returns the
    /// input error it would report (nil when the words parse). Covers `setopt` values, `send`/`sendto` data and
    /// flags, address words, `sockets` filters, durations, and `wire` (filters compiled, nothing captured).
    public static func arguments(_ words: CommandWords, family: Int32 = Platform.afInet) -> InputError? {
        guard let first = words.tokens.first else { return nil }
        let session = scratch
        let name = first.text.lowercased()
        let usage = CommandTable.spec(name)?.usage ?? "?"
        var a = Args(words: words, tokens: words.tokens, index: 1, usage: usage)
        // A stand-in that only carries the family: it owns no descriptor, and nothing here calls into it.
        let socket = Socket(fd: -1, family: family, type: Platform.sockStream, proto: 0)
        do throws(InputError) {
            switch name {
            case "setopt":
                let spec = try session.option(try a.require("OPTION"), family: family, usage: usage)
                let value = try session.optionValue(spec, &a, family: family)
                _ = session.describe(value, kind: spec.kind)
                _ = value.bytes
                try a.end()
            case "getopt", "explain":
                if let t = a.next() { _ = try session.option(t, family: family, usage: usage) }
            case "send":
                _ = try session.sendFlags(&a, command: name)
                _ = try session.sendData(&a)
            case "sendto", "bind", "connect":
                let addr = try session.address(try a.require("ADDR"), for: socket, usage: usage)
                _ = Fmt.sockaddr(addr)
                if name == "sendto" {
                    _ = try session.sendFlags(&a, command: name)
                    _ = try session.sendData(&a)
                }
            case "sockets":
                _ = try session.socketTableFilter(&a)
            case "select", "poll", "sleep":
                if let t = a.next(), Values.durationUs(t.text) == nil { _ = Values.durationProblem(t.text) }
            case "wire":
                // Sandboxed: `wire on FILTER` compiles the filter (libpcap) and captures nothing; `save` is refused.
                var events: [Event] = []
                try session.cmdWire(&a, into: &events)
            default:
                for t in words.tokens { values(t.text) }
            }
        } catch {
            return error
        }
        return nil
    }
}
