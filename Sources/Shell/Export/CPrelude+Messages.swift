/// The helpers of select, recvmsg and `sockets` (CPrelude.swift): each prints as the shell prints, or (the
/// sock_diag ones) does what the shell did silently.
extension CPrelude {
    static let messageHelpers: [Helper] = [
        Helper(name: "report_select", needs: ["report", "surprises", "alarm_fired", "errno_name"], text: #"""
            /*
             * Ends select's line as the shell does: " = 2 (in [5], out [4 5], left {tv_sec=0, tv_usec=0})", the
             * sockets found ready in each set and the time left; " = 0 (Timeout)"; or the errno.
             */
            static void report_select(int ret, int err, int expected, const int *fds, int count, fd_set *rd,
                                      fd_set *wr, fd_set *ex, const struct timeval *left)
            {
                static const char *names[] = { "in", "out", "except" };
                fd_set *sets[] = { rd, wr, ex };
                const char *sep = "";
                if (ret < 0) {
                    report(ret, err, expected);
                    return;
                }
                if (ret == 0) {
                    fputs(" = 0 (Timeout)", stdout);
                } else {
                    printf(" = %d (", ret);
                    for (int s = 0; s < 3; s++) {
                        int first = 1;
                        for (int k = 0; k < count; k++) {
                            if (!FD_ISSET(fds[k], sets[s]))
                                continue;
                            if (first)
                                printf("%s%s [%d", sep, names[s], fds[k]);
                            else
                                printf(" %d", fds[k]);
                            first = 0;
                            sep = ", ";
                        }
                        if (!first)
                            putchar(']');
                    }
                    printf(", left {tv_sec=%ld, tv_usec=%ld})", (long)left->tv_sec, (long)left->tv_usec);
                }
                putchar('\n');
                alarm_fired = 0;
                if (expected != 0) {
                    surprises++;
                    printf("  (the session got %s here)\n", expected == -1 ? "a timeout" : errno_name(expected));
                }
                fflush(stdout);
            }
            """#),
        Helper(name: "print_msg_flags", needs: [], text: #"""
            /* msg_flags by name, as strace prints them: MSG_TRUNC|MSG_CTRUNC, or 0. */
            static void print_msg_flags(int flags)
            {
                static const struct { int bit; const char *name; } names[] = {
                    { MSG_OOB, "MSG_OOB" }, { MSG_PEEK, "MSG_PEEK" }, { MSG_CTRUNC, "MSG_CTRUNC" },
                    { MSG_TRUNC, "MSG_TRUNC" }, { MSG_DONTWAIT, "MSG_DONTWAIT" }, { MSG_EOR, "MSG_EOR" },
                    { MSG_WAITALL, "MSG_WAITALL" }, { MSG_ERRQUEUE, "MSG_ERRQUEUE" },
                    { MSG_CMSG_CLOEXEC, "MSG_CMSG_CLOEXEC" },
                };
                const char *sep = "";
                int rest = flags;
                for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
                    if (flags & names[k].bit) {
                        printf("%s%s", sep, names[k].name);
                        sep = "|";
                        rest &= ~names[k].bit;
                    }
                }
                if (rest != 0)
                    printf("%s0x%x", sep, (unsigned)rest);
                else if (flags == 0)
                    putchar('0');
            }
            """#),
        Helper(name: "print_ifindex", needs: [], text: #"""
            /* An interface index as strace writes it: if_nametoindex("lo"), or the number. */
            static void print_ifindex(unsigned index)
            {
                char name[IF_NAMESIZE];
                if (index != 0 && if_indextoname(index, name) != NULL)
                    printf("if_nametoindex(\"%s\")", name);
                else
                    printf("%u", index);
            }
            """#),
        Helper(name: "print_cmsg", needs: ["print_ifindex", "errno_name", "print_sockaddr", "print_data"],
               text: #"""
            /*
             * One control message after its cmsg_len: level, type and data, decoded where the shell decodes them
             * (IP_PKTINFO, IPV6_PKTINFO, IP_TTL, IPV6_HOPLIMIT, SO_TIMESTAMPNS, SO_RXQ_OVFL, IP_RECVERR and
             * IPV6_RECVERR); any other as its bytes.
             */
            static void print_cmsg(struct cmsghdr *c)
            {
                static const char *origins[] = { "SO_EE_ORIGIN_NONE", "SO_EE_ORIGIN_LOCAL", "SO_EE_ORIGIN_ICMP",
                                                  "SO_EE_ORIGIN_ICMP6", "SO_EE_ORIGIN_TXSTATUS",
                                                  "SO_EE_ORIGIN_ZEROCOPY" };
                const unsigned char *d = CMSG_DATA(c);
                size_t len = c->cmsg_len - CMSG_LEN(0);
                int level = c->cmsg_level, type = c->cmsg_type;
                int ip = level == IPPROTO_IP, ip6 = level == IPPROTO_IPV6, sol = level == SOL_SOCKET;
                char host[INET6_ADDRSTRLEN];
                const char *name = ip && type == IP_TTL ? "IP_TTL"
                    : ip && type == IP_PKTINFO ? "IP_PKTINFO"
                    : ip && type == IP_RECVERR ? "IP_RECVERR"
                    : ip6 && type == IPV6_RECVERR ? "IPV6_RECVERR"
                    : ip6 && type == IPV6_PKTINFO ? "IPV6_PKTINFO"
                    : ip6 && type == IPV6_HOPLIMIT ? "IPV6_HOPLIMIT"
                    : sol && type == 35 ? "SO_TIMESTAMPNS_OLD"
                    : sol && type == 40 ? "SO_RXQ_OVFL" : NULL;
                if (ip)
                    fputs("SOL_IP", stdout);
                else if (ip6)
                    fputs("SOL_IPV6", stdout);
                else if (sol)
                    fputs("SOL_SOCKET", stdout);
                else
                    printf("%d", level);
                if (name != NULL)
                    printf(", cmsg_type=%s, cmsg_data=", name);
                else
                    printf(", cmsg_type=%d, cmsg_data=", type);
                if (ip && type == IP_PKTINFO && len >= sizeof(struct in_pktinfo)) {
                    struct in_pktinfo pi;
                    memcpy(&pi, d, sizeof pi);
                    fputs("{ipi_ifindex=", stdout);
                    print_ifindex((unsigned)pi.ipi_ifindex);
                    printf(", ipi_spec_dst=inet_addr(\"%s\")", inet_ntop(AF_INET, &pi.ipi_spec_dst, host, sizeof host));
                    printf(", ipi_addr=inet_addr(\"%s\")}", inet_ntop(AF_INET, &pi.ipi_addr, host, sizeof host));
                } else if (ip6 && type == IPV6_PKTINFO && len >= sizeof(struct in6_pktinfo)) {
                    struct in6_pktinfo pi;
                    memcpy(&pi, d, sizeof pi);
                    printf("{ipi6_addr=inet_pton(AF_INET6, \"%s\"), ipi6_ifindex=",
                           inet_ntop(AF_INET6, &pi.ipi6_addr, host, sizeof host));
                    print_ifindex(pi.ipi6_ifindex);
                    putchar('}');
                } else if (((ip && type == IP_TTL) || (ip6 && type == IPV6_HOPLIMIT)) && len >= sizeof(int)) {
                    int v;
                    memcpy(&v, d, sizeof v);
                    printf("[%d]", v);
                } else if (sol && type == 35 && len >= 16) {
                    long long s, ns;
                    memcpy(&s, d, 8);
                    memcpy(&ns, d + 8, 8);
                    printf("{tv_sec=%lld, tv_nsec=%lld}", s, ns);
                } else if (sol && type == 40 && len >= 4) {
                    unsigned v;
                    memcpy(&v, d, 4);
                    printf("[%u]", v);
                } else if (((ip && type == IP_RECVERR) || (ip6 && type == IPV6_RECVERR)) && len >= 16) {
                    /* struct sock_extended_err, then the address of who sent the error */
                    unsigned e, info, data;
                    memcpy(&e, d, 4);
                    memcpy(&info, d + 8, 4);
                    memcpy(&data, d + 12, 4);
                    printf("{ee_errno=%s, ee_origin=", errno_name((int)e));
                    if (d[4] < 6)
                        fputs(origins[d[4]], stdout);
                    else
                        printf("%u", d[4]);
                    printf(", ee_type=%u, ee_code=%u, ee_info=%u, ee_data=%u", d[5], d[6], info, data);
                    if (len > 16 + sizeof(sa_family_t)) {
                        struct sockaddr_storage ss;
                        size_t n = len - 16 < sizeof ss ? len - 16 : sizeof ss;
                        memset(&ss, 0, sizeof ss);
                        memcpy(&ss, d + 16, n);
                        if (ss.ss_family != 0) {
                            fputs(", offender=", stdout);
                            print_sockaddr((struct sockaddr *)&ss, (socklen_t)n);
                        }
                    }
                    putchar('}');
                } else {
                    print_data(d, (long)len, 256);
                }
            }
            """#),
        Helper(name: "print_msghdr", needs: ["print_sockaddr", "print_data", "print_cmsg", "print_msg_flags"],
               text: #"""
            /*
             * recvmsg's msghdr as the shell prints it: the sender (datagram sockets), the bytes, the control
             * messages and msg_flags the kernel wrote; what was passed in when the call failed.
             */
            static void print_msghdr(long n, struct msghdr *m, long count, int datagram, unsigned capacity)
            {
                putchar('{');
                if (!datagram) {
                    fputs("msg_name=NULL, msg_namelen=0, ", stdout);
                } else if (n >= 0 && m->msg_namelen > 0) {
                    fputs("msg_name=", stdout);
                    print_sockaddr((const struct sockaddr *)m->msg_name, m->msg_namelen);
                    printf(", msg_namelen=%u, ", (unsigned)m->msg_namelen);
                } else {
                    printf("msg_name=0x..., msg_namelen=%u, ",
                           n >= 0 ? (unsigned)m->msg_namelen : (unsigned)sizeof(struct sockaddr_storage));
                }
                fputs("msg_iov=[{iov_base=", stdout);
                if (n >= 0)
                    print_data(m->msg_iov[0].iov_base, n < count ? n : count, 1024);
                else
                    fputs("0x...", stdout);
                printf(", iov_len=%ld}], msg_iovlen=1, ", count);
                if (n >= 0 && CMSG_FIRSTHDR(m) != NULL) {
                    const char *sep = "";
                    fputs("msg_control=[", stdout);
                    for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c != NULL; c = CMSG_NXTHDR(m, c)) {
                        printf("%s{cmsg_len=%u, cmsg_level=", sep, (unsigned)c->cmsg_len);
                        print_cmsg(c);
                        putchar('}');
                        sep = ", ";
                    }
                    fputs("], ", stdout);
                }
                printf("msg_controllen=%u, msg_flags=", n >= 0 ? (unsigned)m->msg_controllen : capacity);
                print_msg_flags(n >= 0 ? m->msg_flags : 0);
                putchar('}');
            }
            """#),
        Helper(name: "sock_diag_request", needs: [], text: #"""
            /*
             * A sock_diag dump request as `sockets` sends it: SOCK_DIAG_BY_FAMILY with NLM_F_DUMP, every state,
             * for one family (and for AF_INET and AF_INET6 one protocol). The kernel answers with one message
             * per socket, then NLMSG_DONE.
             */
            static ssize_t sock_diag_request(int fd, int family, int protocol)
            {
                static unsigned seq;
                union {
                    struct { struct nlmsghdr nlh; struct inet_diag_req_v2 req; } inet;
                    struct { struct nlmsghdr nlh; struct unix_diag_req req; } unx;
                } m;
                struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
                struct iovec iov = { .iov_base = &m, .iov_len = 0 };
                struct msghdr msg = { .msg_name = &kernel, .msg_namelen = sizeof kernel, .msg_iov = &iov,
                                      .msg_iovlen = 1 };
                memset(&m, 0, sizeof m);
                if (family == AF_UNIX) {
                    m.unx.req.sdiag_family = AF_UNIX;
                    m.unx.req.udiag_states = ~0U;
                    m.unx.req.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN;
                    iov.iov_len = sizeof m.unx;
                } else {
                    m.inet.req.sdiag_family = (unsigned char)family;
                    m.inet.req.sdiag_protocol = (unsigned char)protocol;
                    m.inet.req.idiag_states = ~0U;
                    iov.iov_len = sizeof m.inet;
                }
                /* the netlink header comes first in both */
                m.inet.nlh.nlmsg_len = (unsigned)iov.iov_len;
                m.inet.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
                m.inet.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
                m.inet.nlh.nlmsg_seq = ++seq;
                return sendmsg(fd, &msg, 0);
            }
            """#),
        Helper(name: "sock_diag_drain", needs: [], text: #"""
            /* Reads the answers to a dump request until NLMSG_DONE, silently (waiting at most 2 s, as the shell). */
            static void sock_diag_drain(int fd)
            {
                static union { struct nlmsghdr h; unsigned char bytes[32768]; } answer;
                struct timeval tv = { .tv_sec = 2, .tv_usec = 0 };
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
                for (int rounds = 0; rounds < 100000; rounds++) {
                    ssize_t got = recv(fd, answer.bytes, sizeof answer.bytes, 0);
                    if (got <= 0)
                        return;
                    for (size_t off = 0; off + sizeof(struct nlmsghdr) <= (size_t)got;) {
                        const struct nlmsghdr *h = (const struct nlmsghdr *)(answer.bytes + off);
                        if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR || h->nlmsg_len < sizeof *h)
                            return;
                        off += NLMSG_ALIGN(h->nlmsg_len);
                    }
                }
            }
            """#),
    ]
}
