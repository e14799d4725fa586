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

    /// Parses one command with the command's own parse (`Session.parse`, the one every run starts with) for a
    /// socket of `family`, and returns the input error it gives (nil when the words parse), after formatting
    /// what it parsed: option values, addresses, data. `wire on FILTER` compiles the filter too (libpcap;
    /// nothing is captured). The session is sandboxed and has no sockets: a handle names nothing, a host name is
    /// refused before any lookup, and the lab commands say there is no lab.
    public static func arguments(_ words: CommandWords, family: Int32 = Platform.afInet) -> InputError? {
        guard let first = words.tokens.first else { return nil }
        let session = scratch
        guard let k = CommandTable.find(first.text) else {
            for t in words.tokens { values(t.text) }
            return nil
        }
        let spec = CommandTable.all[k]
        var a = Args(words: words, index: 1, command: k)
        let request: Request
        do throws(InputError) {
            request = try session.parse(spec.id, &a, ParseScope(family: family))
        } catch {
            return error
        }
        switch request {
        case .setopt(let q), .join(let q), .leave(let q):
            _ = session.describe(q.value, kind: q.spec.kind)
            _ = q.value.bytes
        case .bind(let w), .connect(let w):
            if case .address(let addr) = w.form { _ = Fmt.sockaddr(addr) }
        case .send(let q), .sendto(let q):
            if let w = q.destination, case .address(let addr) = w.form { _ = Fmt.sockaddr(addr) }
            _ = Fmt.buffer(q.data)
        case .sendmsg(let q):
            if let w = q.destination, case .address(let addr) = w.form { _ = Fmt.sockaddr(addr) }
            _ = Fmt.buffer(q.data)
        case .wire(.on(let filter?)):
            if let problem = WireCapture.check(filter: filter) {
                return InputError("bad filter '\(filter.prefix(60))': \(problem)", usage: spec.usage)
            }
        default:
            break
        }
        return nil
    }
}
