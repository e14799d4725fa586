import Glibc
import Testing

@testable import Transcript

/// A fresh path under /tmp for one test.
private func temporaryPath(_ name: String) -> String {
    "/tmp/transcript-tests-\(getpid())-\(name).transcript"
}

/// The whole content of a file, read with plain read(2).
private func contents(of path: String) -> String {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return "<cannot open>" }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}

@Suite("Transcript recorder")
struct RecorderTests {
    @Test("records, and the file parses back to the same commands and output")
    func roundTrip() throws {
        let path = temporaryPath("round")
        defer { unlink(path) }
        let recorder = try TranscriptRecorder(path: path)
        recorder.comment("recorded by sockshell\n\nsecond line")
        let session: [(String, [String])] = [
            ("socket tcp", ["socket(AF_INET, SOCK_STREAM, 0) = 3"]),
            ("bind 127.0.0.1:0", ["bind(3, 127.0.0.1:{port}) = 0"]),
            ("", []),
            ("send {\"a\": 1}", [Wildcard.escape("send(3, \"{port}\", 6, 0) = 6")]),
            ("close", ["close(3) = 0", "s1 closed"]),
        ]
        for (command, output) in session {
            recorder.record(command: command, output: output)
        }
        // Unbuffered: everything is on disk before close.
        let text = contents(of: path)
        recorder.close()
        #expect(text.hasPrefix("# recorded by sockshell\n#\n# second line\n> socket tcp\n"))
        #expect(text.hasSuffix("> close\nclose(3) = 0\ns1 closed\n"))

        let file = TranscriptFile.parse(text)
        #expect(file.isTranscript)
        #expect(file.entries.map(\.command) == session.map(\.0))
        #expect(file.entries.map { $0.expected.map(\.text) } == session.map(\.1))
        #expect(file.entries.map(\.commandLine) == [4, 6, 8, 9, 11])

        // And it replays green against the same shell output (escaped text matches literally).
        let actual: [String: [String]] = [
            "socket tcp": ["socket(AF_INET, SOCK_STREAM, 0) = 3"],
            "bind 127.0.0.1:0": ["bind(3, 127.0.0.1:39999) = 0"],
            "send {\"a\": 1}": ["send(3, \"{port}\", 6, 0) = 6"],
            "close": ["close(3) = 0", "s1 closed"],
        ]
        let result = TranscriptChecker.check(file: path, text: text) { (actual[$0] ?? [], false) }
        #expect(result.passed, "\(result.diff)")
    }

    @Test("the file's descriptor is 100 or above and close-on-exec; fd 3 stays free")
    func descriptor() throws {
        let path = temporaryPath("fd")
        defer { unlink(path) }
        // Other suites (Scale) may hold thousands of descriptors in this process meanwhile: the probe below tells
        // something only when low descriptors were free before.
        let before = open("/dev/null", O_RDONLY)
        close(before)
        let recorder = try TranscriptRecorder(path: path)
        #expect(recorder.descriptor >= 100)
        #expect(fcntl(recorder.descriptor, F_GETFD) & FD_CLOEXEC != 0)
        // The lowest free descriptor is unchanged by opening the recorder.
        let probe = open("/dev/null", O_RDONLY)
        #expect(probe >= 0)
        if before >= 0, before < 100 { #expect(probe < 100) }
        close(probe)
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o644 & ~currentUmask())
        recorder.close()
        recorder.close()
        recorder.record(command: "ignored", output: [])
        #expect(contents(of: path) == "")
    }

    @Test("an existing file is truncated")
    func truncates() throws {
        let path = temporaryPath("trunc")
        defer { unlink(path) }
        do {
            let first = try TranscriptRecorder(path: path)
            first.record(command: "a long first session", output: ["with output"])
        }
        let second = try TranscriptRecorder(path: path)
        second.record(command: "b", output: [])
        second.close()
        #expect(contents(of: path) == "> b\n")
    }

    @Test("an unwritable path throws an error naming the path")
    func failure() {
        let path = "/nonexistent-dir-\(getpid())/x.transcript"
        #expect {
            _ = try TranscriptRecorder(path: path)
        } throws: { error in
            guard let error = error as? TranscriptRecorderError else { return false }
            return error.errno == ENOENT && error.call == "open" && "\(error)".contains(path)
        }
    }
}

/// The process umask (read by setting and restoring it).
private func currentUmask() -> mode_t {
    let mask = umask(0o022)
    umask(mask)
    return mask
}
