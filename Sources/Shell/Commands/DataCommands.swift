import Glibc
import SocketCore

/// send, sendto, recv.
extension Session {
    /// Reads leading flag words (unquoted) for send/sendto.
    /// A flag is its short name or its C name, in any case (`oob`, `MSG_OOB`); an unquoted word starting with
    /// `MSG_` that is not a send flag is an input error, not data (FlagWords).
    func sendFlags(_ a: inout Args, command: String) throws(InputError) -> MessageFlags {
        var flags: MessageFlags = []
        while let t = a.peek(), !t.quoted {
            if let f = FlagWords.flag(t), CommandTable.sendFlags.contains(f.name) {
                flags.insert(f.flag)
            } else if FlagWords.looksLikeCName(t) {
                throw a.fail(FlagWords.refusal(t.text, command: command, allowed: CommandTable.sendFlags,
                                               sendsData: true))
            } else {
                return flags
            }
            a.index += 1
        }
        return flags
    }

    /// DATA: one quoted string, `hex 68 69`, or the rest of the line as typed (SPEC §2a).
    func sendData(_ a: inout Args) throws(InputError) -> [UInt8] {
        guard let first = a.peek() else { throw a.fail("missing DATA (quote it to send a flag word or spaces)") }
        if first.quoted, a.index == a.tokens.count - 1 {
            a.index += 1
            return first.bytes
        }
        if !first.quoted, first.text.lowercased() == "hex", a.index + 1 < a.tokens.count {
            var out: [UInt8] = []
            a.index += 1
            while let t = a.next() {
                var digits = Array(t.text.utf8)
                if digits.count >= 2, digits[0] == 48, digits[1] == 120 || digits[1] == 88 { digits.removeFirst(2) }
                guard !digits.isEmpty, digits.count % 2 == 0 else {
                    throw a.fail("bad hex '\(t.text.prefix(20))': give bytes as pairs of hex digits, as in hex 68 69")
                }
                var k = 0
                while k < digits.count {
                    guard let hi = Tokenizer.hexValue(digits[k]), let lo = Tokenizer.hexValue(digits[k + 1]) else {
                        throw a.fail("bad hex '\(t.text.prefix(20))': use 0-9 and a-f")
                    }
                    out.append(UInt8(hi * 16 + lo))
                    k += 2
                }
            }
            return out
        }
        let rest = a.restBytes()
        a.index = a.tokens.count
        return rest
    }

    func cmdSend(_ q: SendRequest, _ c: Context, to: Bool, into ev: inout [Event]) throws(InputError) {
        let s = c.socket
        var dest: SocketAddress?
        var destHandle: String?
        if let w = q.destination {
            dest = try address(w, for: s)
            destHandle = addressHandle(w.token, dest!)
        }
        let (flags, quotesAsTyped, data) = (q.flags, q.quotesAsTyped, q.data)
        let (r, timedOut) = blocking {
            data.withUnsafeBytes { buf in
                if let d = dest { return s.sendTo(buf, flags: flags, address: d) }
                return s.send(buf, flags: flags)
            }
        }
        var typed: [CallArg] = [.descriptor(s.fd), .bytes(data), .length(data.count), .flags(flags)]
        if let d = dest { typed += [.address(d, handle: destHandle), .length(Int(d.length))] }
        ev.append(
            .syscall(
                SyscallRecord(TypedCall(to ? .sendto : .send, typed, result(r, timedOut: timedOut)))))
        if !ByteText.isText(data) { ev.append(.data(data, binary: true)) }
        if quotesAsTyped {
            ev.append(.note("sent as typed, quotes included: only DATA that is one quoted string is decoded "
                + "(quote all of it, as in send \"a b\\r\\n\")"))
        }
        if r.error?.rawValue == ECONNRESET { c.entry?.resetSeen = true }
        adviseErrno(to ? .sendto : .send, r.error, address: dest, c, into: &ev)
        adviseCall(to ? .sendto : .send, r.error, address: dest, c, into: &ev)
        rememberGroupSent(dest, r, c)
        if r.error?.rawValue == EACCES, let d = dest { advise(.broadcastWithoutOption(d), c, into: &ev) }
        if r.error?.rawValue == EPIPE {
            ev.append(
                .note(
                    "EPIPE: this socket cannot send any more: it was shut down for writing, the peer "
                        + "reset the connection, or it never connected (SIGPIPE is ignored, so the call just fails)"))
        }
    }

    /// The address buffer accept and recvfrom pass (a sockaddr_storage), shown as the length a failed call was given.
    var sockaddrStorageSize: Int { MemoryLayout<sockaddr_storage>.size }

    func cmdRecv(_ q: ReceiveRequest, _ c: Context, into ev: inout [Event]) throws(InputError) {
        var count = q.count
        let flags = q.flags
        if count > Session.maxBuffer {
            ev.append(
                .note(
                    "recv of \(Values.humanBytes(count)) capped at \(Values.humanBytes(Session.maxBuffer)): "
                        + "one call never returns more than the receive buffer holds"))
            count = Session.maxBuffer
        }
        ensureBuffer(count)
        let s = c.socket
        let buf = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
        // Said after the call it explains, not before.
        let oobInline = flags.contains(.oob) && c.entry.map({ isOOBInline($0) }) == true
        defer { if oobInline { advise(.oobInline, c, into: &ev) } }
        if s.isDatagram {
            // The next datagram's length, when one is queued already: recvfrom alone cannot tell a datagram cut
            // to fit the buffer from one that fitted (recvmsg's msg_flags could, but the shell's recv is recvfrom).
            let queued = flags.contains(.trunc) ? nil : nextDatagramLength(s)
            let ((r, from), timedOut) = blocking { s.recvFrom(into: buf, flags: flags) }
            let got = r.error == nil ? min(r.value, count) : 0
            let bytes = Array(buf[0..<got])
            // The call always passes a sockaddr_storage: a failed call shows the length it was given, an unbound
            // AF_UNIX sender the 0 the kernel wrote back.
            let typed: [CallArg] = [
                .descriptor(s.fd), .bytes(r.error == nil ? bytes : nil), .length(count), .flags(flags),
                from.map { .address($0, handle: nil) } ?? .unfilled,
                .lengthInOut(from.map { Int($0.length) } ?? (r.error == nil ? 0 : sockaddrStorageSize)),
            ]
            ev.append(.syscall(SyscallRecord(TypedCall(.recvfrom, typed, result(r, timedOut: timedOut)))))
            appendData(bytes, into: &ev)
            if r.error == nil { noteUnjoinedGroup(from: from, c, into: &ev) }
            noteReceiveTimeout(r.error, flags, s, into: &ev)
            if !oobInline { adviseErrno(.recv, r.error, flags: flags, c, into: &ev) }
            if r.error == nil, r.value > count, flags.contains(.peek) {
                ev.append(
                    .note(
                        "the datagram has \(r.value) bytes (MSG_TRUNC reports the real length); the peek "
                            + "showed \(count), and all of it stays queued"))
            } else if r.error == nil, r.value > count {
                ev.append(
                    .note(
                        "the datagram had \(r.value) bytes; \(r.value - count) were cut off (MSG_TRUNC "
                            + "reports the real length)"))
            } else if r.error == nil, r.value == count, count > 0 {
                noteDatagramCut(queued: queued, read: count, peek: flags.contains(.peek), &ev)
            }
        } else {
            let start = Session.now()
            let (r, timedOut) = blocking { s.recv(into: buf, flags: flags) }
            // MSG_TRUNC on a stream socket: Linux skips the copy, so the buffer holds nothing of this call.
            let discarded = flags.contains(.trunc) && s.isTCP
            let got = r.error == nil && !discarded ? min(r.value, count) : 0
            let bytes = Array(buf[0..<got])
            // Bytes the kernel skipped (MSG_TRUNC on a stream) are no buffer's content: shown unfilled.
            let typed: [CallArg] = [
                .descriptor(s.fd), .bytes(r.error == nil && !discarded ? bytes : nil), .length(count), .flags(flags),
            ]
            ev.append(.syscall(SyscallRecord(TypedCall(.recv, typed, result(r, timedOut: timedOut)))))
            noteTimedOut("recv", r.error, since: start, into: &ev)
            appendData(bytes, into: &ev)
            if discarded, r.error == nil, r.value > 0 { noteStreamTrunc(r.value, peek: flags.contains(.peek), &ev) }
            if r.error == nil, r.value > 0, !discarded { followUrgentByte(bytes, asked: count, flags, c, into: &ev) }
            if r.error == nil, r.value == 0, count > 0 {
                c.entry?.eofShown = true
                // CLOSE counts too: the FIN came and the close finished, or a reset ended it (told apart above).
                let state = connectionState(s)
                let finReceived = state?.peerFinReceived == true || state == .close
                if c.entry?.resetSeen == true {
                    ev.append(
                        .note(
                            "EOF: the connection was reset earlier (RST, not a FIN): a reset socket reads 0 from "
                                + "now on, and send fails with EPIPE"))
                } else if c.entry?.readShut == true, !finReceived {
                    ev.append(
                        .note(
                            "EOF: this socket was shut down for reading (no FIN needed); on Linux data "
                                + "that arrives later can still be read"))
                } else {
                    ev.append(
                        .note(
                            s.isTCP
                                ? "EOF: the peer closed or shut down its sending side (FIN received)"
                                : "EOF: the peer closed or shut down its sending side"))
                }
            }
            if r.error == nil, flags.contains(.waitAll), r.value > 0, r.value < count {
                ev.append(
                    .note(
                        timedOut
                            ? "--timeout (\(timeoutText)) ended the wait: "
                                + "MSG_WAITALL returns the bytes that had arrived"
                            : Line(shortWaitAllReason(s, flags))))
            } else if r.error == nil, timedOut {
                ev.append(.note("--timeout (\(timeoutText)) interrupted the call after it had received data"))
            }
            noteReceiveTimeout(r.error, flags, s, into: &ev)
            if !oobInline { adviseErrno(.recv, r.error, flags: flags, c, into: &ev) }
            if r.error?.rawValue == ECONNRESET {
                c.entry?.resetSeen = true
                ev.append(
                    .note(
                        "the peer answered with RST (e.g. it closed with SO_LINGER on 0, or had no such "
                            + "connection)"))
            }
        }
    }

    /// EAGAIN from a blocking recv without MSG_DONTWAIT can only be SO_RCVTIMEO running out: say so.
    func noteReceiveTimeout(_ error: Errno?, _ flags: MessageFlags, _ s: Socket, into ev: inout [Event]) {
        guard error?.rawValue == EAGAIN, !flags.contains(.dontWait), !s.isNonBlocking else { return }
        ev.append(.note("EAGAIN on a blocking socket: the SO_RCVTIMEO timeout ran out before any data arrived"))
    }

    /// Binary data and long text get lines of their own after the call.
    /// Text is shown up to 4 KiB, like hex dumps; the count says how much more came.
    func appendData(_ bytes: [UInt8], into ev: inout [Event]) {
        if !ByteText.isText(bytes) {
            ev.append(.data(bytes, binary: true))
        } else if bytes.count > 1024 {
            ev.append(.data(Array(bytes.prefix(4096)), binary: false))
            if bytes.count > 4096 { ev.append(.note("... \(bytes.count - 4096) more bytes not shown")) }
        }
    }

    /// Grows the shared receive buffer to at least `count` bytes.
    func ensureBuffer(_ count: Int) {
        guard count > buffer.count else { return }
        buffer.deallocate()
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
    }

    func isOOBInline(_ e: SocketEntry) -> Bool {
        e.socket.intOption(level: Platform.solSocket, name: OptionCatalog.soOOBInline).map { $0 != 0 } ?? false
    }
}
