// Reading and writing whole files, for tests that hand sockshell a script or read back a transcript.

#if canImport(Glibc)
import Glibc
#endif

/// The bytes of a file, or nil.
func readFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var all: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0, errno == EINTR { continue }
        if n <= 0 { return n == 0 ? all : nil }
        all += chunk[0..<n]
    }
}

/// The whole content of a text file.
func readTextFile(_ path: String) throws -> String {
    guard let bytes = readFile(path) else { throw PTYError(description: "cannot read \(path): errno \(errno)") }
    return String(decoding: bytes, as: UTF8.self)
}

/// Writes `text` to a new file at `path` (replacing any old one).
func writeTextFile(_ path: String, _ text: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw PTYError(description: "cannot create \(path): errno \(errno)") }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { throw PTYError(description: "cannot write \(path): errno \(errno)") }
        offset += n
    }
}
