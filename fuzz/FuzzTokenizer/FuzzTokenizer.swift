// libFuzzer target over the command parsers: the tokenizer (quotes, C escapes, `;`, comments), the value parsers
// (sizes, durations, switches, integers), the option table lookup, every command's own parse (FuzzHooks.arguments
// calls Session.parse: setopt values, send data, address words, wire filters, ...) and Tab completion, plus the
// renderers of what they produce. No socket is opened and nothing is written.
//
// Built by fuzz/run with `--sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DSOCKSHELL_FUZZ`. A plain
// `swift build` gives a replayer instead: `FuzzTokenizer FILE...` runs each file once as an input.
//
// Oracles besides "no crash": every input error and every output line is one line without control characters,
// unquoted words hold no blanks, and word offsets lie inside their command.

import Glibc
import Shell
import SocketCore

/// A session with no sockets, for completion.
nonisolated(unsafe) let completionSession = Session(settings: SessionSettings(timeoutMs: 0, sandboxed: true))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    // The shell never sees a newline inside a line: every reader splits there first, as here.
    for piece in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = String(piece)
        if line.hasSuffix("\r") { line.removeLast() }
        checkLine(line)
    }
    return 0
}

/// Runs one line through every parser.
func checkLine(_ line: String) {
    _ = completionSession.completions(line)
    let commands: [CommandWords]
    do {
        commands = try Tokenizer.split(line)
    } catch {
        checkError(error, line)
        return
    }
    for words in commands {
        for t in words.tokens {
            if t.offset < 0 || t.offset >= words.raw.count { fail("word offset \(t.offset) outside its command", line) }
            if !t.quoted, t.bytes.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d }) {
                fail("an unquoted word holds a blank", line)
            }
            FuzzHooks.values(t.text)
            _ = OptionCatalog.lookup(t.text, family: Platform.afInet)
            _ = OptionCatalog.lookup(t.text, family: Platform.afInet6)
            _ = SocketAddress.parseIPv4(t.text)
            _ = SocketAddress.parseIPv6(t.text)
            _ = CommandTable.spec(t.text.lowercased())
            checkOutput([.data(t.bytes, binary: true), .data(t.bytes, binary: false)], line)
        }
        if let e = FuzzHooks.arguments(words, family: Platform.afInet) { checkError(e, line) }
        if let e = FuzzHooks.arguments(words, family: Platform.afInet6) { checkError(e, line) }
    }
}

/// An input error must read as one line plus its usage, with no control characters.
func checkError(_ e: InputError, _ line: String) {
    for l in TextRenderer.inputError(e, source: "-", line: 1) where hasControl(l) {
        fail("input error line with a control character: \(l.debugDescription)", line)
    }
    if breaksJSONLine(JSONRenderer().render(.inputError(e))) { fail("JSON input error spans lines", line) }
}

/// Rendered events: no line may hold a control character other than a tab.
func checkOutput(_ events: [Event], _ line: String) {
    for style in [TextRenderer.Style.plain, .wildcards] {
        for l in TextRenderer(style: style).render(events) where hasControl(l) {
            fail("output line with a control character: \(l.debugDescription)", line)
        }
    }
    for e in events where breaksJSONLine(JSONRenderer().render(e)) { fail("JSON event spans lines", line) }
}

/// A raw control character in a JSON line (JSON must escape every one below 0x20).
func breaksJSONLine(_ s: String) -> Bool { s.utf8.contains { $0 < 0x20 } }

/// A control character other than a tab: it would split a line or drive the terminal.
func hasControl(_ s: String) -> Bool {
    s.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7f }
}

/// Writes a line to standard error (stdio's `stderr` is not reachable from Swift 6 code).
func say(_ text: String) {
    var line = text + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// Reports a broken invariant and aborts, so libFuzzer saves the input.
func fail(_ what: String, _ line: String) -> Never {
    say("FuzzTokenizer: \(what)\n  input line: \(line.debugDescription)")
    abort()
}

#if !SOCKSHELL_FUZZ
/// Without libFuzzer: run each file named on the command line (or standard input) once.
@main
enum Replay {
    static func main() {
        let paths = Array(CommandLine.arguments.dropFirst())
        for path in paths.isEmpty ? ["/dev/stdin"] : paths {
            guard let bytes = FuzzHooks.readInput(path) else {
                say("FuzzTokenizer: cannot read \(path)")
                exit(2)
            }
            _ = bytes.withUnsafeBufferPointer { fuzzTokenizer($0.baseAddress, $0.count) }
            print("\(path): ok")
        }
    }
}
#endif
