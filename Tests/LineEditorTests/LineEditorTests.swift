import CEditLine
import Testing
@testable import LineEditor

#if canImport(Glibc)
import Glibc
#endif

@Suite struct CompletionPlanTests {
    @Test func soleMatchGetsRestAndSpace() {
        #expect(CompletionPlan.action(partial: "sock", candidates: ["socket"]) == .edit(deleteBackward: 0, insert: "et "))
    }
    @Test func exactWordGetsSpace() {
        #expect(CompletionPlan.action(partial: "list", candidates: ["list"]) == .edit(deleteBackward: 0, insert: " "))
    }
    @Test func caseInsensitiveMatchReplacesWord() {
        #expect(CompletionPlan.action(partial: "so_lin", candidates: ["SO_LINGER"])
            == .edit(deleteBackward: 6, insert: "SO_LINGER "))
        #expect(CompletionPlan.action(partial: "linger", candidates: ["SO_LINGER"])
            == .edit(deleteBackward: 6, insert: "SO_LINGER "))
    }
    @Test func severalExtendToCommonPrefix() {
        #expect(CompletionPlan.action(partial: "SO_R", candidates: ["SO_RCVBUF", "SO_RCVLOWAT"])
            == .edit(deleteBackward: 0, insert: "CV"))
        #expect(CompletionPlan.action(partial: "so_r", candidates: ["SO_RCVBUF", "SO_RCVLOWAT"])
            == .edit(deleteBackward: 4, insert: "SO_RCV"))
    }
    @Test func severalWithNothingToAddList() {
        #expect(CompletionPlan.action(partial: "SO_RCV", candidates: ["SO_RCVBUF", "SO_RCVLOWAT"])
            == .list(["SO_RCVBUF", "SO_RCVLOWAT"]))
        #expect(CompletionPlan.action(partial: "rcv", candidates: ["SO_RCVBUF", "IP_RECVTTL"])
            == .list(["SO_RCVBUF", "IP_RECVTTL"]))
        #expect(CompletionPlan.action(partial: "", candidates: ["a", "b", "a"]) == .list(["a", "b"]))
    }
    @Test func noneBeeps() {
        #expect(CompletionPlan.action(partial: "zz", candidates: []) == .beep)
    }
    @Test func partialWordIsAfterLastBlank() {
        #expect(CompletionPlan.partialWord(of: "setopt SO_LIN") == "SO_LIN")
        #expect(CompletionPlan.partialWord(of: "setopt ") == "")
        #expect(CompletionPlan.partialWord(of: "sock") == "sock")
    }
    @Test func columnsFillDownFirst() {
        let lines = CompletionPlan.columns(["a", "bb", "c", "d", "e"], width: 12)
        #expect(lines == ["a   c   e", "bb  d"])
        #expect(CompletionPlan.columns(["x"], width: 1) == ["x"])
    }
}

@Suite struct UTF8InputTests {
    @Test func decodesSplitSequences() {
        var input = UTF8Input()
        let bytes: [UInt8] = Array("aé€😀".utf8)
        var out: [Unicode.Scalar] = []
        for byte in bytes {
            [byte].withUnsafeBufferPointer { input.append($0) }
            while let s = input.nextScalar() { out.append(s) }
        }
        #expect(String(String.UnicodeScalarView(out)) == "aé€😀")
        #expect(input.isEmpty)
    }
    @Test func dropsInvalidBytes() {
        var input = UTF8Input()
        [0xFF, 0x41, 0xC3, 0x41].withUnsafeBufferPointer { input.append($0) }
        #expect(input.nextScalar() == "A")
        #expect(input.nextScalar() == "A")
        #expect(input.nextScalar() == nil)
    }
}

@Suite struct HistoryFileTests {
    @Test func appendedLinesLoadBackThroughLibedit() throws {
        let dir = String(cString: mkdtemp(strdup("/tmp/le-hist-XXXXXX"))!)
        let path = dir + "/history"
        let file = HistoryFile(path: path)
        let lines = ["socket tcp", #"send "a\nb\\c""#, "tab\there", "é ünï 😀", "back\\", "_HiStOrY_V2_", "x\u{7F}y"]
        for line in lines { #expect(file.append(line)) }
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let h = history_init()!
        var ev = HistEvent()
        sockshell_history_setsize(h, &ev, 1000)
        #expect(sockshell_history_load(h, &ev, path) == Int32(lines.count))
        var loaded: [String] = []
        if sockshell_history_first(h, &ev) == 0 { loaded.append(String(cString: ev.str)) }
        #expect(loaded == [lines.last!])
        // Rewrite and reload.
        #expect(file.rewrite(from: h))
        let h2 = history_init()!
        sockshell_history_setsize(h2, &ev, 1000)
        #expect(sockshell_history_load(h2, &ev, path) == Int32(lines.count))
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        // Each line, alone, survives the round trip.
        for line in lines {
            unlink(path)
            #expect(file.append(line))
            let h3 = history_init()!
            sockshell_history_setsize(h3, &ev, 1000)
            #expect(sockshell_history_load(h3, &ev, path) == 1)
            #expect(sockshell_history_first(h3, &ev) == 0 && String(cString: ev.str) == line)
            history_end(h3)
        }
        history_end(h); history_end(h2)
    }
}

@Suite struct PlainLineReaderTests {
    @Test func splitsLinesAndKeepsLastUnterminated() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let text = "one\r\ntwo\n\nthree"
        _ = text.withCString { write(fds[1], $0, strlen($0)) }
        close(fds[1])
        let reader = PlainLineReader(fileDescriptor: fds[0])
        #expect(reader.read(prompt: "") == .line("one"))
        #expect(reader.read(prompt: "") == .line("two"))
        #expect(reader.read(prompt: "") == .line(""))
        #expect(reader.read(prompt: "") == .line("three"))
        #expect(reader.read(prompt: "") == .endOfInput)
        #expect(reader.read(prompt: "") == .endOfInput)
        close(fds[0])
    }
    @Test func manyLinesAcrossChunks() throws {
        let path = "/tmp/le-plain-\(getpid())"
        let count = 200_000
        var body = ""
        for i in 0..<count { body += "line \(i)\n" }
        let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        _ = body.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        let rfd = open(path, O_RDONLY)
        let reader = PlainLineReader(fileDescriptor: rfd)
        var n = 0
        while case .line(let l) = reader.read(prompt: "") {
            if l != "line \(n)" { break }
            n += 1
        }
        #expect(n == count)
        close(rfd); unlink(path)
    }
}
