import SocketCore

/// A piece of a printed call line: fixed text, a value printed with a format, or a helper that prints.
enum PrintPiece {
    case text(String)
    case value(String, String)
    case statement(String)
}

extension CWriter {
    // MARK: C text

    /// A C string literal of bytes: printable ASCII as it is, the rest as octal escapes (never a trigraph).
    static func literal(_ bytes: some Sequence<UInt8>) -> String {
        var s = "\""
        for b in bytes {
            switch b {
            case 0x22: s += "\\\""
            case 0x5c: s += "\\\\"
            case 0x3f: s += "\\?"
            case 0x20...0x7e: s.unicodeScalars.append(UnicodeScalar(b))
            default:
                let o = String(b, radix: 8)
                s += "\\" + String(repeating: "0", count: 3 - o.count) + o
            }
        }
        return s + "\""
    }

    /// A format cut after `, ` into pieces of about `width` characters (never inside an escape or a `%d`).
    static func split(_ text: String, width: Int) -> [String] {
        guard text.count > width else { return [text] }
        var out: [String] = []
        var cur = ""
        var rest = Substring(text)
        while let r = rest.range(of: ", ") {
            let piece = rest[..<r.upperBound]
            if !cur.isEmpty, cur.count + piece.count > width {
                out.append(cur)
                cur = ""
            }
            cur += piece
            rest = rest[r.upperBound...]
        }
        if !cur.isEmpty, cur.count + rest.count > width {
            out.append(cur)
            cur = ""
        }
        out.append(cur + rest)
        return out
    }

    /// Prints the pieces: runs of text and values become one printf, helpers their own statement.
    mutating func printLine(_ pieces: [PrintPiece]) {
        var format = ""
        var args: [String] = []
        func flush(_ w: inout CWriter) {
            guard !format.isEmpty else { return }
            let parts = CWriter.split(format, width: 88).map { CWriter.literal(Array($0.utf8)) }
            if parts.count == 1 {
                w.line("printf(" + ([parts[0]] + args).joined(separator: ", ") + ");")
            } else {
                // A long line as adjacent string literals, which C joins into one.
                w.line("printf(" + parts[0])
                for p in parts.dropFirst().dropLast() { w.line("       " + p) }
                w.line("       " + parts[parts.count - 1] + (args.isEmpty ? ");" : ","))
                if !args.isEmpty { w.line("       " + args.joined(separator: ", ") + ");") }
            }
            format = ""
            args = []
        }
        for p in pieces {
            switch p {
            case .text(let t):
                format += t.replacingAll("%", with: "%%")
            case .value(let f, let e):
                format += f
                args.append(e)
            case .statement(let s):
                flush(&self)
                line(s)
            }
        }
        flush(&self)
    }

    // MARK: calls

    /// The C name of a constant argument (`AF_INET`), or its number when C has no name for it here.
    static func constant(_ a: CallArg) -> String {
        if case .name(let n, let v) = a { return n.first.map { $0.isLetter } == true ? n : "\(v)" }
        return "0"
    }

    /// `MSG_PEEK | MSG_WAITALL`, or 0.
    static func flags(_ f: MessageFlags) -> String {
        let names = MessageFlags.names.filter { f.contains($0.0) }.map(\.1)
        return names.isEmpty ? "0" : names.joined(separator: " | ")
    }

    mutating func emitCall(_ c: TypedCall, handle: String?, printed: [String]) {
        let expected = CWriter.expected(c.result)
        let alarmSeconds = interrupted(c.result)
        func arm(_ w: inout CWriter) {
            guard let secs = alarmSeconds else { return }
            w.line(c.result.isTimedOut
                   ? "alarm(\(secs)); /* the session's --timeout cut this call short: an alarm does it here */"
                   : "alarm(\(secs)); /* Ctrl-C interrupted this call in the session: an alarm does it here */")
        }
        func disarm(_ w: inout CWriter) { if alarmSeconds != nil { w.line("alarm(0);") } }
        let a = c.args
        var fdExpr = "-1"
        if case .descriptor(let n)? = a.first { fdExpr = fd(n) }
        let fdPiece = PrintPiece.value("%d", fdExpr)
        func rest(_ from: Int) -> String { printed.count > from ? printed[from...].joined(separator: ", ") : "" }

        switch c.syscall {
        case .socket:
            var target = "ret"
            if let h = handle, case .value(let n) = c.result {
                target = bind(handle: h, fd: Int32(n))
            } else if case .name("AF_NETLINK", _)? = a.first, case .value(let n) = c.result {
                target = bindNetlink(fd: Int32(n))
            } else {
                usesRet = true
            }
            line("\(target) = socket(\(CWriter.constant(a[0])), "
                 + "\(CWriter.constant(a[1]).replacingAll("|", with: " | ")), \(CWriter.constant(a[2])));")
            line("err = errno;")
            printLine([.text((handle.map { "\($0) = " } ?? "") + "socket(" + rest(0) + ")")])
            line("report(\(target), err, \(expected));")

        case .bind, .connect:
            guard case .address(let addr, let from)? = a.dropFirst().first else { return }
            open()
            let (len, shown) = addressDecl(addr, from: from)
            arm(&self)
            usesRet = true
            line("ret = \(c.syscall.rawValue)(\(fdExpr), (struct sockaddr *)&addr, \(len));")
            line("err = errno;")
            disarm(&self)
            printLine([.text("\(c.syscall.rawValue)("), fdPiece, .text(", ")]
                + [shown ?? .text(printed[1])] + [.text(", "), .value("%d", "(int)\(len)"), .text(")")])
            line("report(ret, err, \(expected));")
            close()

        case .listen:
            usesRet = true
            line("ret = listen(\(fdExpr), \(printed[1]));")
            line("err = errno;")
            printLine([.text("listen("), fdPiece, .text(", " + printed[1] + ")")])
            line("report(ret, err, \(expected));")

        case .accept:
            open()
            line("struct sockaddr_storage peer;")
            line("socklen_t peerlen = sizeof peer;")
            var target = "ret"
            if let h = handle, case .value(let n) = c.result {
                target = bind(handle: h, fd: Int32(n))
            } else {
                usesRet = true
            }
            arm(&self)
            line("\(target) = accept(\(fdExpr), (struct sockaddr *)&peer, &peerlen);")
            line("err = errno;")
            disarm(&self)
            used.insert("print_address_out")
            printLine([.text((handle.map { "\($0) = " } ?? "") + "accept("), fdPiece, .text(", "),
                       .statement("print_address_out(\(target), &peer, peerlen, sizeof peer);"), .text(")")])
            line("report(\(target), err, \(expected));")
            close()

        case .shutdown:
            usesRet = true
            line("ret = shutdown(\(fdExpr), \(CWriter.constant(a[1])));")
            line("err = errno;")
            printLine([.text("shutdown("), fdPiece, .text(", " + printed[1] + ")")])
            line("report(ret, err, \(expected));")

        case .close:
            usesRet = true
            arm(&self)
            line("ret = close(\(fdExpr));")
            line("err = errno;")
            disarm(&self)
            printLine([.text("close("), fdPiece, .text(")")])
            line("report(ret, err, \(expected));")
            if case .descriptor(let n)? = a.first { variables[n] = nil }

        case .send, .sendto:
            guard case .bytes(let data?)? = a.dropFirst().first, case .flags(let f)? = a.dropFirst(3).first else {
                return
            }
            usesN = true
            open()
            let lit = CWriter.literal(data)
            line("const char data[] = \(lit);")
            var shown: PrintPiece?
            var len = ""
            if c.syscall == .sendto, case .address(let addr, let from)? = a.dropFirst(4).first {
                (len, shown) = addressDecl(addr, from: from)
            }
            arm(&self)
            if c.syscall == .sendto {
                line("n = sendto(\(fdExpr), data, \(data.count), \(CWriter.flags(f)), "
                     + "(struct sockaddr *)&addr, \(len));")
            } else {
                line("n = send(\(fdExpr), data, \(data.count), \(CWriter.flags(f)));")
            }
            line("err = errno;")
            disarm(&self)
            var pieces: [PrintPiece] = [
                .text("\(c.syscall.rawValue)("), fdPiece, .text(", " + printed[1...3].joined(separator: ", ")),
            ]
            if c.syscall == .sendto {
                pieces += [.text(", "), shown ?? .text(printed[4]), .text(", "), .value("%d", "(int)\(len)")]
            }
            printLine(pieces + [.text(")")])
            line("report(n, err, \(expected));")
            close()

        case .recv, .recvfrom:
            guard case .length(let count)? = a.dropFirst(2).first, case .flags(let f)? = a.dropFirst(3).first else {
                return
            }
            usesN = true
            used.formUnion(["print_data", "print_hex"])
            let from = c.syscall == .recvfrom
            if from {
                open()
                line("struct sockaddr_storage from;")
                line("socklen_t fromlen = sizeof from;")
            }
            arm(&self)
            if from {
                line("n = recvfrom(\(fdExpr), buf, \(count), \(CWriter.flags(f)), (struct sockaddr *)&from, &fromlen);")
            } else {
                line("n = recv(\(fdExpr), buf, \(count), \(CWriter.flags(f)));")
            }
            line("err = errno;")
            disarm(&self)
            // With MSG_TRUNC a datagram's real length can pass the buffer's: only `count` bytes are in it.
            let shownCount = count == 0 ? "0" : "n < \(count) ? n : \(count)"
            var pieces: [PrintPiece] = [.text("\(c.syscall.rawValue)("), fdPiece, .text(", "),
                                        .statement("print_data(buf, \(shownCount), 1024);"),
                                        .text(", \(count), " + printed[3])]
            if from {
                used.insert("print_address_out")
                pieces += [.text(", "), .statement("print_address_out(n, &from, fromlen, sizeof from);")]
            }
            printLine(pieces + [.text(")")])
            line("report(n, err, \(expected));")
            line("print_hex(buf, \(shownCount));")
            if from { close() }

        case .setsockopt:
            guard case .option(let option)? = a.dropFirst(2).first,
                  case .optionValue(let value?, let kind)? = a.dropFirst(3).first else { return }
            let name = option.text
            options[name] = option.number
            usesRet = true
            open()
            let (pass, size) = kind.codec.cDeclare(value, &self)
            line("ret = setsockopt(\(fdExpr), \(CWriter.level(a[1])), \(name), \(pass), \(size));")
            line("err = errno;")
            printLine([.text("setsockopt("), fdPiece, .text(", " + rest(1) + ")")])
            line("report(ret, err, \(expected));")
            close()

        case .getsockopt:
            guard case .option(let option)? = a.dropFirst(2).first,
                  case .optionValue(_, let kind)? = a.dropFirst(3).first else { return }
            let name = option.text
            options[name] = option.number
            usesRet = true
            open()
            let show = kind.codec.cRead(&self)
            line("socklen_t len = sizeof val;")
            line("ret = getsockopt(\(fdExpr), \(CWriter.level(a[1])), \(name), &val, &len);")
            line("err = errno;")
            printLine([.text("getsockopt("), fdPiece, .text(", " + printed[1] + ", " + printed[2] + ", ")])
            line("if (ret == 0)")
            indent += 1
            line(show)
            indent -= 1
            line("else")
            indent += 1
            line("printf(\"0x..., [%u])\", (unsigned)sizeof val);")
            indent -= 1
            line("report(ret, err, \(expected));")
            close()

        case .fcntl:
            usesRet = true
            line("ret = fcntl(\(fdExpr), F_SETFL, \(CWriter.constant(a[2]).replacingAll("|", with: " | ")));")
            line("err = errno;")
            printLine([.text("fcntl("), fdPiece, .text(", " + rest(1) + ")")])
            line("report(ret, err, \(expected));")

        case .poll:
            guard case .pollSet(let fds)? = a.first, case .integer(let ms)? = a.last else { return }
            usesRet = true
            open()
            if fds.isEmpty {
                arm(&self)
                line("ret = poll(NULL, 0, \(ms));")
            } else {
                line("struct pollfd fds[] = {")
                for f in fds { line("    { .fd = \(fd(f)), .events = POLLIN | POLLPRI | POLLOUT | POLLRDHUP },") }
                line("};")
                arm(&self)
                line("ret = poll(fds, \(fds.count), \(ms));")
            }
            line("err = errno;")
            disarm(&self)
            var pieces: [PrintPiece] = [.text("poll([")]
            for (k, f) in fds.enumerated() {
                pieces += [.text((k > 0 ? ", " : "") + "{fd="), .value("%d", fd(f)),
                           .text(", events=POLLIN|POLLPRI|POLLOUT|POLLRDHUP}")]
            }
            printLine(pieces + [.text("], \(fds.count), \(ms))")])
            line("report(ret, err, \(expected));")
            if !fds.isEmpty {
                used.insert("print_revents")
                line("if (ret >= 0) {")
                indent += 1
                for (k, f) in fds.enumerated() {
                    let name = CWriter.literal(Array((handleName[f] ?? "fd \(f)").utf8))
                    line("print_revents(\(name), fds[\(k)].revents);")
                }
                close()
            }
            close()

        case .select, .ioctl, .recvmsg, .sendmsg:
            emitMessageCall(c, printed: printed, expected: expected, alarm: alarmSeconds)

        case .nanosleep:
            guard case .timespec(let s, let ns)? = a.first else { return }
            usesRet = true
            open()
            line("struct timespec ts = { .tv_sec = \(s), .tv_nsec = \(ns) };")
            arm(&self)
            line("ret = nanosleep(&ts, NULL);")
            line("err = errno;")
            disarm(&self)
            printLine([.text("nanosleep(" + rest(0) + ")")])
            line("report(ret, err, \(expected));")
            close()
        }
    }

    /// The C name of a level (`SOL_SOCKET`).
    static func level(_ a: CallArg) -> String {
        if case .level(let l) = a {
            let n = Platform.levelName(l)
            return n.first.map { $0.isLetter } == true ? n : "\(l)"
        }
        return "0"
    }

    /// Declares `addr` filled as the session filled it; returns the length expression and, for an address read
    /// from a handle at run time, the helper that prints it (nil: the session's text is printed as it is).
    mutating func addressDecl(_ a: SocketAddress, from: String?) -> (String, PrintPiece?) {
        let length = a.family == Platform.afUnix ? "addrlen" : "sizeof addr"
        let print = PrintPiece.statement("print_sockaddr((struct sockaddr *)&addr, \(length));")
        switch a {
        case .ipv4(let ip, let port):
            line("struct sockaddr_in addr = { .sin_family = AF_INET };")
            line("inet_pton(AF_INET, \(CWriter.literal(Array(a.host.utf8))), &addr.sin_addr);")
            if let h = from {
                used.formUnion(["local_port", "print_sockaddr"])
                line("addr.sin_port = local_port(\(identifier(h))); /* \(h)'s port: the kernel chose it */")
                return ("sizeof addr", print)
            }
            _ = ip
            line("addr.sin_port = htons(\(port));")
            return ("sizeof addr", nil)
        case .ipv6(_, let port, let scope):
            line("struct sockaddr_in6 addr = { .sin6_family = AF_INET6, .sin6_scope_id = \(scope) };")
            line("inet_pton(AF_INET6, \(CWriter.literal(Array(CWriter.ipv6Host(a).utf8))), &addr.sin6_addr);")
            if let h = from {
                used.formUnion(["local_port", "print_sockaddr"])
                line("addr.sin6_port = local_port(\(identifier(h))); /* \(h)'s port: the kernel chose it */")
                return ("sizeof addr", print)
            }
            line("addr.sin6_port = htons(\(port));")
            return ("sizeof addr", nil)
        case .unix(let path):
            line("struct sockaddr_un addr = { .sun_family = AF_UNIX };")
            if let h = from, Fmt.autobound(path) != nil {
                used.insert("print_sockaddr")
                line("socklen_t addrlen = sizeof addr;")
                line("getsockname(\(identifier(h)), (struct sockaddr *)&addr, &addrlen);"
                     + " /* the name the kernel gave \(h) */")
                return ("addrlen", print)
            }
            if path.isEmpty {
                line("socklen_t addrlen = sizeof addr.sun_family; /* unnamed: the family alone */")
            } else if path.hasPrefix("@") {
                let name = Array(path.utf8.dropFirst())
                line("/* an abstract name: sun_path starts with a NUL, and the length counts no trailing NUL */")
                line("memcpy(addr.sun_path + 1, \(CWriter.literal(name)), \(name.count));")
                line("socklen_t addrlen = offsetof(struct sockaddr_un, sun_path) + 1 + \(name.count);")
            } else {
                line("strcpy(addr.sun_path, \(CWriter.literal(Array(path.utf8))));")
                line("socklen_t addrlen = offsetof(struct sockaddr_un, sun_path) + strlen(addr.sun_path) + 1;")
            }
            return ("addrlen", nil)
        }
    }

    /// Declares `val` for setsockopt by the value's C shape; returns what is passed and its size.
    mutating func optionDecl(_ v: OptionValue) -> (pass: String, size: String) {
        switch v {
        case .int(let n):
            line("int val = \(n);")
        case .linger(let on, let s):
            line("struct linger val = { .l_onoff = \(on ? 1 : 0), .l_linger = \(s) };")
        case .timeval(let s, let us):
            line("struct timeval val = { .tv_sec = \(s), .tv_usec = \(us) };")
        case .string(let s):
            line("const char val[] = \(CWriter.literal(Array(s.utf8)));")
            return ("val", "strlen(val)")
        case .inAddr(let a):
            line("struct in_addr val;")
            line("inet_pton(AF_INET, \(CWriter.literal(Array(CWriter.ipv4(a).utf8))), &val);")
        case .mreqn(let g, let a, let i):
            line("struct ip_mreqn val = { .imr_ifindex = \(i) };")
            line("inet_pton(AF_INET, \(CWriter.literal(Array(CWriter.ipv4(g).utf8))), &val.imr_multiaddr);")
            line("inet_pton(AF_INET, \(CWriter.literal(Array(CWriter.ipv4(a).utf8))), &val.imr_address);")
        case .mreq6(let g, let i):
            line("struct ipv6_mreq val = { .ipv6mr_interface = \(i) };")
            let host = CWriter.ipv6Host(.ipv6(address: g, port: 0, scope: 0))
            line("inet_pton(AF_INET6, \(CWriter.literal(Array(host.utf8))), &val.ipv6mr_multiaddr);")
        case .raw(let b):
            line("const unsigned char val[] = { \(b.map { "\($0)" }.joined(separator: ", ")) };")
        }
        return ("&val", "sizeof val")
    }

    /// An IPv6 address without its scope, for inet_pton.
    static func ipv6Host(_ a: SocketAddress) -> String {
        guard case .ipv6(let ip, _, _) = a else { return a.host }
        return SocketAddress.ipv6(address: ip, port: 0, scope: 0).host
    }

    static func ipv4(_ a: [UInt8]) -> String { SocketAddress.ipv4(address: Array(a.prefix(4)), port: 0).host }

    // MARK: loops

    mutating func emitLoop(_ l: BulkLoop) {
        if l.datagram && !l.sending {
            emitDatagramSink(l)
            return
        }
        let f = fd(l.fd)
        let expected = l.failure.map { CWriter.expected($0.result) } ?? "0"
        usesN = true
        if l.sending {
            comment(["source: \(l.total ?? 0) bytes in \(l.datagram ? "datagrams" : "writes") of \(l.chunk), "
                     + "a repeating a-z pattern"])
        } else {
            comment(["sink: receive " + (l.total.map { "\($0) bytes" } ?? "until EOF") + ", \(l.chunk) bytes a call"])
        }
        open()
        line("long moved = 0;")
        if l.sending {
            if l.datagram { line("long datagrams = 0;") }
            line("static unsigned char chunk[\(l.chunk)];")
            line("for (size_t k = 0; k < sizeof chunk; k++)")
            line("    chunk[k] = (unsigned char)('a' + k % 26);")
            line("while (moved < \(l.total ?? 0)) {")
            indent += 1
            line("size_t want = \(l.total ?? 0) - moved < (long)sizeof chunk"
                 + " ? (size_t)(\(l.total ?? 0) - moved) : sizeof chunk;")
            line("n = send(\(f), chunk, want, 0);")
            line("if (n < 0) {")
            indent += 1
            line("err = errno;")
            printLine([.text("send("), .value("%d", f), .text(", <pattern>, "), .value("%zu", "want"), .text(", 0)")])
            line("report(n, err, \(expected));")
            line("break;")
            close()
            line("moved += n;")
            if l.datagram { line("datagrams++;") }
            close()
            if l.datagram {
                line("printf(\"  sent %ld bytes; %ld datagram%s\\n\", moved, datagrams,")
                line("       datagrams == 1 ? \"\" : \"s\");")
            } else {
                line("printf(\"  sent %ld bytes\\n\", moved);")
            }
        } else {
            let limit = l.total.map { "moved < \($0)" } ?? "1"
            line("int eof = 0;")
            line("while (\(limit)) {")
            indent += 1
            if let t = l.total {
                line("size_t want = \(t) - moved < \(l.chunk) ? (size_t)(\(t) - moved) : \(l.chunk);")
            } else {
                line("size_t want = \(l.chunk);")
            }
            line("n = recv(\(f), buf, want, 0);")
            line("if (n < 0) {")
            indent += 1
            line("err = errno;")
            printLine([.text("recv("), .value("%d", f), .text(", 0x..., "), .value("%zu", "want"), .text(", 0)")])
            line("report(n, err, \(expected));")
            line("break;")
            close()
            line("if (n == 0) {")
            line("    eof = 1;")
            line("    break;")
            line("}")
            line("moved += n;")
            close()
            line("printf(\"  received %ld bytes%s\\n\", moved, eof ? \", then EOF\" : \"\");")
        }
        close()
    }

    /// sink on a datagram socket: a datagram socket has no EOF, so the loop reads without waiting and, when the
    /// queue is empty, polls for a second; a second without a datagram ends it, as in the shell.
    mutating func emitDatagramSink(_ l: BulkLoop) {
        let f = fd(l.fd)
        let expected = l.failure.map { CWriter.expected($0.result) } ?? "0"
        usesN = true
        comment(["sink: receive datagrams" + (l.total.map { " (at most \($0) bytes)" } ?? "")
                 + " until a second passes without one (a datagram socket has no EOF), \(l.chunk) bytes a call"])
        open()
        line("long moved = 0, datagrams = 0;")
        line("int idle = 0;")
        line("while (\(l.total.map { "moved < \($0)" } ?? "1")) {")
        indent += 1
        line("n = recv(\(f), buf, \(l.chunk), MSG_DONTWAIT);")
        line("if (n < 0 && (errno == EAGAIN || errno == EINTR)) {")
        indent += 1
        line("/* The queue is empty: wait up to a second for the next datagram. */")
        line("struct pollfd p = { .fd = \(f), .events = POLLIN };")
        line("if (poll(&p, 1, 1000) == 0) {")
        line("    idle = 1;")
        line("    break;")
        line("}")
        line("continue;")
        close()
        line("if (n < 0) {")
        indent += 1
        line("err = errno;")
        printLine([.text("recv("), .value("%d", f), .text(", 0x..., \(l.chunk), MSG_DONTWAIT)")])
        line("report(n, err, \(expected));")
        line("break;")
        close()
        line("/* A datagram of 0 bytes is a datagram, not an EOF. */")
        line("moved += n;")
        line("datagrams++;")
        close()
        line("if (datagrams == 0)")
        line("    fputs(\"  received no datagram\", stdout);")
        line("else")
        line("    printf(\"  received %ld bytes; %ld datagram%s\", moved, datagrams, datagrams == 1 ? \"\" : \"s\");")
        line("puts(idle ? \", then a second without one: the end (a datagram socket has no EOF)\" : \"\");")
        close()
    }
}
