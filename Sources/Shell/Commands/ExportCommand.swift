import Glibc
import SocketCore

/// `export c FILE`: the session so far as a C program (SPEC §3).
extension Session {
    func cmdExport(_ file: Token, into ev: inout [Event]) throws(InputError) {
        let a = RunUsage(.export)
        guard let log = exportLog else { return }
        log.timeoutMs = settings.timeoutMs
        log.lab = lab?.shape.rawValue
        let text = CExporter(source: "the interactive shell").render(log)
        if let e = CExporter.write(text, to: file.text) {
            throw a.fail(CExporter.writeFailure(String(file.text.prefix(60)), e))
        }
        ev.append(.note(Line(CExporter.summary(log, file: file.text))))
        for l in log.leftOut { ev.append(.warning(Line("left out: " + l))) }
    }
}

extension CExporter {
    /// Writes `text` to `path` (created or truncated, mode 0644); the errno of a failure, after which no
    /// half-written program is left behind (a C file cut short would not compile, or worse, would).
    public static func write(_ text: String, to path: String) -> Errno? {
        let opened = Sys.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard let fd = opened.descriptor else { return opened.error }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let r = bytes.withUnsafeBytes { Sys.write(fd, $0.baseAddress, $0.count) }
            if r.error == Errno.interrupted { continue }
            if let e = r.error {
                _ = Sys.close(fd)
                _ = Sys.unlink(path)
                return e
            }
            bytes = bytes.dropFirst(r.value)
        }
        if let e = Sys.close(fd).error, e != Errno.interrupted {
            _ = Sys.unlink(path)
            return e
        }
        return nil
    }

    /// `wrote lesson.c: 23 calls; build it with cc -std=c11 -Wall -Wextra -o lesson lesson.c`.
    public static func summary(_ log: ExportLog, file: String) -> String {
        var calls = 0
        for s in log.steps {
            switch s {
            case .call, .loop: calls += 1
            default: continue
            }
        }
        var base = file.split(separator: "/").last.map(String.init) ?? file
        if base.hasSuffix(".c") { base = String(base.dropLast(2)) }
        if base.isEmpty || base == file { base = "lesson" }
        return "wrote \(file): \(calls) \(calls == 1 ? "call" : "calls")"
            + (log.leftOut.isEmpty ? "" : ", \(log.leftOut.count) left out")
            + "; build it with cc -std=c11 -Wall -Wextra -o \(base) \(file)"
    }
}
