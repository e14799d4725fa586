import SocketCore

/// The C of select, ioctl SIOCATMARK, recvmsg, sendmsg and the sock_diag requests of `sockets`.
///
/// Why the printing lives in helpers (CPrelude+Messages.swift): what recvmsg filled (the sender, the control
/// messages, msg_flags) is known only when the program runs, so the program decodes it the way the shell did.
extension CWriter {
    mutating func emitMessageCall(_ c: TypedCall, printed: [String], expected: String, alarm: Int?) {
        let a = c.args
        var fdExpr = "-1"
        if case .descriptor(let n)? = a.first { fdExpr = fd(n) }
        func arm(_ w: inout CWriter) {
            guard let secs = alarm else { return }
            w.line(c.result.isTimedOut
                   ? "alarm(\(secs)); /* the session's --timeout cut this call short: an alarm does it here */"
                   : "alarm(\(secs)); /* Ctrl-C interrupted this call in the session: an alarm does it here */")
        }
        func disarm(_ w: inout CWriter) { if alarm != nil { w.line("alarm(0);") } }

        switch c.syscall {
        case .select:
            guard case .fdSet(let fds, _)? = a.dropFirst().first, case .timeval(let s, let us, _)? = a.last else { return }
            includes.append("sys/select.h")
            used.insert("report_select")
            usesRet = true
            open()
            let names = fds.map(fd)
            if !fds.isEmpty { line("int watched[] = { \(names.joined(separator: ", ")) };") }
            line("fd_set rd, wr, ex;")
            line("FD_ZERO(&rd);")
            line("FD_ZERO(&wr);")
            line("FD_ZERO(&ex);")
            line("int nfds = 0;")
            if !fds.isEmpty {
                line("for (size_t k = 0; k < sizeof watched / sizeof watched[0]; k++) {")
                line("    FD_SET(watched[k], &rd);")
                line("    FD_SET(watched[k], &wr);")
                line("    FD_SET(watched[k], &ex);")
                line("    if (watched[k] >= nfds)")
                line("        nfds = watched[k] + 1;")
                line("}")
            }
            line("struct timeval tv = { .tv_sec = \(s), .tv_usec = \(us) };")
            arm(&self)
            line("ret = select(nfds, &rd, &wr, &ex, &tv);")
            line("err = errno;")
            disarm(&self)
            var set: [PrintPiece] = [.text("[")]
            for (k, n) in names.enumerated() { set += [.text(k > 0 ? " " : ""), .value("%d", n)] }
            set.append(.text("]"))
            printLine([.text("select("), .value("%d", "nfds"), .text(", ")] + set + [.text(", ")] + set
                      + [.text(", ")] + set + [.text(", {tv_sec=\(s), tv_usec=\(us)})")])
            line("report_select(ret, err, \(expected), \(fds.isEmpty ? "NULL" : "watched"), \(fds.count), "
                 + "&rd, &wr, &ex, &tv);")
            close()

        case .ioctl:
            includes.append("sys/ioctl.h")
            usesRet = true
            open()
            line("int val = 0;")
            line("ret = ioctl(\(fdExpr), SIOCATMARK, &val); /* sockatmark(3) */")
            line("err = errno;")
            printLine([.text("ioctl("), .value("%d", fdExpr), .text(", SIOCATMARK, ")])
            line("if (ret == 0)")
            line("    printf(\"[%d])\", val);")
            line("else")
            line("    fputs(\"0x...)\", stdout);")
            line("report(ret, err, \(expected));")
            close()

        case .recvmsg:
            guard case .receivedHeader(let h)? = a.dropFirst().first else { return }
            includes += ["sys/uio.h", "net/if.h"]
            used.formUnion(["print_msghdr", "print_hex"])
            usesN = true
            open()
            if h.wantsName { line("struct sockaddr_storage from;") }
            line("struct iovec iov = { .iov_base = buf, .iov_len = \(h.count) };")
            line("/* room for the control messages, aligned as a cmsghdr */")
            line("union { struct cmsghdr align; unsigned char room[\(h.controlCapacity)]; } control;")
            line("struct msghdr msg = {")
            line(h.wantsName ? "    .msg_name = &from, .msg_namelen = sizeof from,"
                 : "    .msg_name = NULL, .msg_namelen = 0,")
            line("    .msg_iov = &iov, .msg_iovlen = 1,")
            line("    .msg_control = control.room, .msg_controllen = sizeof control.room,")
            line("};")
            let flags = CWriter.constant(a[2]).replacingAll("|", with: " | ")
            arm(&self)
            line("n = recvmsg(\(fdExpr), &msg, \(flags));")
            line("err = errno;")
            disarm(&self)
            printLine([.text("recvmsg("), .value("%d", fdExpr), .text(", "),
                       .statement("print_msghdr(n, &msg, \(h.count), \(h.wantsName ? 1 : 0), \(h.controlCapacity));"),
                       .text(", \(printed.count > 2 ? printed[2] : "0"))")])
            line("report(n, err, \(expected));")
            line("print_hex(buf, n < \(h.count) ? n : \(h.count));")
            close()

        case .sendmsg:
            if case .diagRequest(let family, let proto)? = a.dropFirst().first {
                emitDiagRequest(fdExpr, family: family, proto: proto, printed: printed, expected: expected)
                return
            }
            guard case .sentHeader(let h)? = a.dropFirst().first, case .flags(let f)? = a.last else { return }
            emitSendmsg(fdExpr, h, f, printed: printed, expected: expected, arm: { arm(&$0) }, disarm: { disarm(&$0) })

        default:
            return
        }
    }

    /// sendmsg of one buffer, to an address or not, with IP_TTL / IP_PKTINFO (or their IPv6 kin) attached.
    mutating func emitSendmsg(_ fdExpr: String, _ h: SentHeader, _ f: MessageFlags, printed: [String],
                              expected: String, arm: (inout CWriter) -> Void, disarm: (inout CWriter) -> Void) {
        includes.append("sys/uio.h")
        usesN = true
        open()
        line("const char data[] = \(CWriter.literal(h.bytes));")
        line("struct iovec iov = { .iov_base = (void *)data, .iov_len = \(h.bytes.count) };")
        var shown: PrintPiece?
        var len = "0"
        if let d = h.destination { (len, shown) = addressDecl(d, from: h.handle) }
        let room = h.control.map { c -> String in
            switch c {
            case .ttl: return "CMSG_SPACE(sizeof(int))"
            case .source4: return "CMSG_SPACE(sizeof(struct in_pktinfo))"
            case .source6: return "CMSG_SPACE(sizeof(struct in6_pktinfo))"
            }
        }
        if !room.isEmpty {
            line("union { struct cmsghdr align; unsigned char room[\(room.joined(separator: " + "))]; } control;")
            line("memset(&control, 0, sizeof control);")
        }
        line("struct msghdr msg = {")
        line(h.destination == nil ? "    .msg_name = NULL, .msg_namelen = 0,"
             : "    .msg_name = &addr, .msg_namelen = \(len),")
        line("    .msg_iov = &iov, .msg_iovlen = 1,")
        if !room.isEmpty { line("    .msg_control = control.room, .msg_controllen = sizeof control.room,") }
        line("};")
        for (k, c) in h.control.enumerated() {
            line(k == 0 ? "struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);" : "cm = CMSG_NXTHDR(&msg, cm);")
            switch c {
            case .ttl(let n, let v6):
                line(v6 ? "cm->cmsg_level = IPPROTO_IPV6;" : "cm->cmsg_level = IPPROTO_IP;")
                line(v6 ? "cm->cmsg_type = IPV6_HOPLIMIT; /* this datagram's hop limit */"
                     : "cm->cmsg_type = IP_TTL; /* this datagram's TTL */")
                line("cm->cmsg_len = CMSG_LEN(sizeof(int));")
                line("memcpy(CMSG_DATA(cm), &(int){ \(n) }, sizeof(int));")
            case .source4(let addr):
                line("cm->cmsg_level = IPPROTO_IP;")
                line("cm->cmsg_type = IP_PKTINFO; /* this datagram's source address */")
                line("cm->cmsg_len = CMSG_LEN(sizeof(struct in_pktinfo));")
                line("{")
                line("    struct in_pktinfo pi = { 0 };")
                line("    inet_pton(AF_INET, \(CWriter.literal(Array(CWriter.ipv4(addr).utf8))), &pi.ipi_spec_dst);")
                line("    memcpy(CMSG_DATA(cm), &pi, sizeof pi);")
                line("}")
            case .source6(let addr):
                let host = CWriter.ipv6Host(.ipv6(address: addr, port: 0, scope: 0))
                line("cm->cmsg_level = IPPROTO_IPV6;")
                line("cm->cmsg_type = IPV6_PKTINFO; /* this datagram's source address */")
                line("cm->cmsg_len = CMSG_LEN(sizeof(struct in6_pktinfo));")
                line("{")
                line("    struct in6_pktinfo pi = { 0 };")
                line("    inet_pton(AF_INET6, \(CWriter.literal(Array(host.utf8))), &pi.ipi6_addr);")
                line("    memcpy(CMSG_DATA(cm), &pi, sizeof pi);")
                line("}")
            }
        }
        arm(&self)
        line("n = sendmsg(\(fdExpr), &msg, \(CWriter.flags(f)));")
        line("err = errno;")
        disarm(&self)
        // The header as the shell printed it; an address read from a handle is printed as this run has it.
        let header = printed.count > 1 ? printed[1] : "{}"
        var pieces: [PrintPiece] = [.text("sendmsg("), .value("%d", fdExpr), .text(", ")]
        if let shown, let cut = Substring(header).range(of: ", msg_iov=") {
            pieces += [.text("{msg_name="), shown, .text(", msg_namelen="), .value("%d", "(int)\(len)"),
                       .text(String(header[cut.lowerBound...]))]
        } else {
            pieces.append(.text(header))
        }
        printLine(pieces + [.text(", \(printed.count > 2 ? printed[2] : "0"))")])
        line("report(n, err, \(expected));")
        close()
    }

    /// One SOCK_DIAG_BY_FAMILY dump request of `sockets`, and the silent read of its answers.
    mutating func emitDiagRequest(_ fdExpr: String, family: Int32, proto: Int32, printed: [String],
                                  expected: String) {
        used.formUnion(["sock_diag_request", "sock_diag_drain"])
        usesN = true
        let fam = Platform.familyName(family)
        let p = family == Platform.afUnix ? "0" : Platform.protocolName(proto)
        line("n = sock_diag_request(\(fdExpr), \(fam), \(p));")
        line("err = errno;")
        printLine([.text("sendmsg("), .value("%d", fdExpr), .text(", " + printed.dropFirst().joined(separator: ", ")
                                                                    + ")")])
        line("report(n, err, \(expected));")
        line("/* The answers, read silently: one message per socket, which `sockets` showed as a table (`ss -tan` */")
        line("/* shows the same table). */")
        line("if (n >= 0)")
        line("    sock_diag_drain(\(fdExpr));")
    }

    /// Registers the netlink socket of `sockets` under a variable of its own.
    mutating func bindNetlink(fd: Int32) -> String {
        for h in ["linux/netlink.h", "linux/sock_diag.h", "linux/inet_diag.h", "linux/unix_diag.h"]
        where !includes.contains(h) {
            includes.append(h)
        }
        let key = "\u{0}netlink"
        var v = identifiers[key] ?? "diag"
        if identifiers[key] == nil { while identifiers.values.contains(v) { v += "_" } }
        identifiers[key] = v
        variables[fd] = v
        if !declared.contains(v) { declared.append(v) }
        netlink = (v, fd)
        return v
    }

    /// Closes the netlink socket of the last `sockets`, silently, as the shell did once it had read the table.
    mutating func closeNetlink() {
        guard let (v, n) = netlink else { return }
        line("close(\(v)); /* the shell closed its sock_diag socket, silently, once it had read the table */")
        variables[n] = nil
        netlink = nil
    }
}
