/// The fixed part of an exported C program: includes and the helpers that print as the shell prints.
///
/// Why helpers and not inline code: the program's `main` should read as the calls of the lesson, one after the
/// other; how a sockaddr or a buffer is shown is the same every time and is not what the lesson is about.
/// Every helper only prints (or, for `local_port`, reads an address silently, as the shell did).
enum CPrelude {
    static let includes = """
        #define _GNU_SOURCE
        #include <arpa/inet.h>
        #include <errno.h>
        #include <fcntl.h>
        #include <netinet/in.h>
        #include <netinet/tcp.h>
        #include <poll.h>
        #include <signal.h>
        #include <stddef.h>
        #include <stdio.h>
        #include <string.h>
        #include <sys/socket.h>
        #include <sys/time.h>
        #include <sys/un.h>
        #include <time.h>
        #include <unistd.h>
        """

    /// Errno names the program can print; any other shows as E<number>, as in the shell.
    static let errnoNames = [
        "EPERM", "ENOENT", "EINTR", "EIO", "EBADF", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "EBUSY", "EEXIST",
        "ENODEV", "ENOTDIR", "EINVAL", "ENFILE", "EMFILE", "ENOSPC", "EPIPE", "ERANGE", "ENAMETOOLONG", "ENOSYS",
        "ELOOP", "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT",
        "ESOCKTNOSUPPORT", "EOPNOTSUPP", "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN",
        "ENETUNREACH", "ENETRESET", "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN",
        "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN", "EHOSTUNREACH", "EALREADY", "EINPROGRESS", "ENOTTY", "EROFS",
    ]

    /// One helper function (or variable) of the program, with the helpers it uses.
    struct Helper {
        let name: String
        let needs: [String]
        let text: String
    }

    /// `case EPERM: return "EPERM";` for every name the program knows.
    static var errnoCases: String {
        var cases = ""
        for n in errnoNames where n != "EAGAIN" { cases += "    case \(n): return \"\(n)\";\n" }
        return cases
    }

    /// The helpers in the order they are written; a program holds only those it uses (an unused static
    /// function is a warning, and the programs compile with -Werror).
    static let helpers: [Helper] = [
        Helper(name: "surprises", needs: [], text: """
            /* Calls whose outcome (success, or which errno) differs from the session's: the exit status. */
            static int surprises;
            """),
        Helper(name: "alarm_fired", needs: [], text: """
            /* Set by SIGALRM, which cuts short a call the session's --timeout cut short. */
            static volatile sig_atomic_t alarm_fired;
            """),
        Helper(name: "on_alarm", needs: ["alarm_fired"], text: """
            static void on_alarm(int sig)
            {
                (void)sig;
                alarm_fired = 1;
            }
            """),
        Helper(name: "errno_name", needs: [], text: """
            /* The symbolic name of an errno value, as strace and the shell print it. */
            static const char *errno_name(int e)
            {
                static char other[16];
                switch (e) {
                case EAGAIN: return "EAGAIN"; /* also EWOULDBLOCK */
            \(errnoCases)    }
                snprintf(other, sizeof other, "E%d", e);
                return other;
            }
            """),
        Helper(name: "report", needs: ["surprises", "alarm_fired", "errno_name"], text: """
            /*
             * Ends a call's line with its result: " = 3", or " = -1 ECONNREFUSED (Connection refused)".
             * err is errno as it was right after the call (printing may change errno); expected is what the
             * session got: 0 for success, its errno, or -1 when its --timeout cut the call short (here an
             * alarm does). A different outcome is said, and counted.
             */
            static void report(long ret, int err, int expected)
            {
                int got = ret >= 0 ? 0 : err == EINTR && alarm_fired && expected == -1 ? -1 : err;
                if (ret >= 0)
                    printf(" = %ld\\n", ret);
                else if (got == -1)
                    printf(" = ? <timed out after %ds>\\n", TIMEOUT_SECONDS);
                else
                    printf(" = -1 %s (%s)\\n", errno_name(err), strerror(err));
                alarm_fired = 0;
                if (got != expected) {
                    surprises++;
                    printf("  (the session got %s here)\\n",
                           expected == 0 ? "success" : expected == -1 ? "a timeout" : errno_name(expected));
                }
                fflush(stdout);
            }
            """),
        Helper(name: "valid_utf8", needs: [], text: """
            /* Whether bytes[0..n) is well-formed UTF-8. */
            static int valid_utf8(const unsigned char *p, size_t n)
            {
                size_t k = 0;
                while (k < n) {
                    unsigned c = p[k];
                    size_t more;
                    if (c < 0x80)
                        more = 0;
                    else if (c >= 0xc2 && c <= 0xdf)
                        more = 1;
                    else if (c >= 0xe0 && c <= 0xef)
                        more = 2;
                    else if (c >= 0xf0 && c <= 0xf4)
                        more = 3;
                    else
                        return 0;
                    if (more > n - k - 1)
                        return 0;
                    for (size_t j = 1; j <= more; j++)
                        if ((p[k + j] & 0xc0) != 0x80)
                            return 0;
                    if ((c == 0xe0 && p[k + 1] < 0xa0) || (c == 0xed && p[k + 1] > 0x9f)
                        || (c == 0xf0 && p[k + 1] < 0x90) || (c == 0xf4 && p[k + 1] > 0x8f))
                        return 0;
                    k += more + 1;
                }
                return 1;
            }
            """),
        Helper(name: "is_text", needs: ["valid_utf8"], text: """
            /* Text is shown quoted: printable characters, tabs and line ends, and at most two NULs in 16 bytes. */
            static int is_text(const unsigned char *p, size_t n)
            {
                size_t controls = 0;
                int high = 0;
                for (size_t k = 0; k < n; k++) {
                    if (p[k] >= 0x80) {
                        high = 1;
                        continue;
                    }
                    if (p[k] >= 0x20 || p[k] == '\\t' || p[k] == '\\n' || p[k] == '\\r')
                        continue;
                    controls++;
                    if (p[k] != 0 || controls > 2)
                        return 0;
                }
                if (high && !valid_utf8(p, n))
                    return 0;
                return controls == 0 || n >= 16;
            }
            """),
        Helper(name: "print_quoted", needs: ["valid_utf8"], text: """
            /* "hello\\r\\n": bytes with C escapes, UTF-8 text as it is. */
            static void print_quoted(const unsigned char *p, size_t n)
            {
                putchar('"');
                for (size_t k = 0; k < n; k++) {
                    unsigned char b = p[k];
                    if (b >= 0x80) {
                        size_t end = k;
                        while (end < n && p[end] >= 0x80)
                            end++;
                        if (valid_utf8(p + k, end - k))
                            fwrite(p + k, 1, end - k, stdout);
                        else
                            for (size_t j = k; j < end; j++)
                                printf("\\\\x%02x", p[j]);
                        k = end - 1;
                    } else if (b == '\\n') {
                        fputs("\\\\n", stdout);
                    } else if (b == '\\r') {
                        fputs("\\\\r", stdout);
                    } else if (b == '\\t') {
                        fputs("\\\\t", stdout);
                    } else if (b == 0) {
                        fputs("\\\\0", stdout);
                    } else if (b == '"' || b == '\\\\') {
                        printf("\\\\%c", b);
                    } else if (b >= 0x20 && b < 0x7f) {
                        putchar(b);
                    } else {
                        printf("\\\\x%02x", b);
                    }
                }
                putchar('"');
            }
            """),
        Helper(name: "print_data", needs: ["is_text", "print_quoted"], text: """
            /* A buffer the kernel filled: quoted text (cut at limit), or a count for binary data. */
            static void print_data(const unsigned char *p, long n, long limit)
            {
                if (n < 0)
                    fputs("0x...", stdout);
                else if (!is_text(p, (size_t)n))
                    printf("<%ld %s, hex below>", n, n == 1 ? "byte" : "bytes");
                else if (n <= limit)
                    print_quoted(p, (size_t)n);
                else {
                    print_quoted(p, (size_t)limit);
                    fputs("...", stdout);
                }
            }
            """),
        Helper(name: "print_hex", needs: ["is_text"], text: """
            /* The hex dump the shell shows under binary data: 16 bytes a line. */
            static void print_hex(const unsigned char *p, long n)
            {
                if (n <= 0 || is_text(p, (size_t)n))
                    return;
                for (long off = 0; off < n && off < 4096; off += 16) {
                    printf("  %04lx  ", off);
                    for (long k = off; k < off + 16; k++) {
                        if (k < n)
                            printf("%02x", p[k]);
                        else
                            fputs("  ", stdout);
                        fputs(k - off == 7 ? "  " : " ", stdout);
                    }
                    fputs(" |", stdout);
                    for (long k = off; k < off + 16 && k < n; k++)
                        putchar(p[k] >= 0x20 && p[k] < 0x7f ? p[k] : '.');
                    puts("|");
                }
            }
            """),
        Helper(name: "print_sockaddr", needs: ["print_quoted"], text: """
            /* A socket address as strace shows it: {AF_INET, 127.0.0.1:5000}, {AF_UNIX, "/tmp/s"}. */
            static void print_sockaddr(const struct sockaddr *sa, socklen_t len)
            {
                char host[INET6_ADDRSTRLEN];
                if (sa->sa_family == AF_INET) {
                    const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
                    inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
                    printf("{AF_INET, %s:%u}", host, ntohs(in->sin_port));
                } else if (sa->sa_family == AF_INET6) {
                    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
                    inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
                    if (in6->sin6_scope_id != 0)
                        printf("{AF_INET6, [%s%%%u]:%u}", host, in6->sin6_scope_id, ntohs(in6->sin6_port));
                    else
                        printf("{AF_INET6, [%s]:%u}", host, ntohs(in6->sin6_port));
                } else if (sa->sa_family == AF_UNIX) {
                    const struct sockaddr_un *un = (const struct sockaddr_un *)sa;
                    size_t n = len > offsetof(struct sockaddr_un, sun_path)
                        ? len - offsetof(struct sockaddr_un, sun_path) : 0;
                    if (n == 0) {
                        fputs("{AF_UNIX}", stdout);
                    } else if (un->sun_path[0] == '\\0') {
                        fputs("{AF_UNIX, @", stdout);
                        print_quoted((const unsigned char *)un->sun_path + 1, n - 1);
                        putchar('}');
                    } else {
                        fputs("{AF_UNIX, ", stdout);
                        print_quoted((const unsigned char *)un->sun_path, strnlen(un->sun_path, n));
                        putchar('}');
                    }
                } else {
                    printf("{sa_family=%d}", sa->sa_family);
                }
            }
            """),
        Helper(name: "print_address_out", needs: ["print_sockaddr"], text: """
            /* An address the kernel wrote back (accept, recvfrom) and its length; 0x... when there was none. */
            static void print_address_out(long ret, const struct sockaddr_storage *ss, socklen_t len,
                                          socklen_t given)
            {
                if (ret < 0)
                    printf("0x..., [%u]", (unsigned)given);
                else if (len == 0)
                    fputs("0x..., [0]", stdout);
                else {
                    print_sockaddr((const struct sockaddr *)ss, len);
                    printf(", [%u]", (unsigned)len);
                }
            }
            """),
        Helper(name: "local_port", needs: [], text: """
            /* The port a socket is bound to, read with getsockname (silent, as in the shell). */
            static in_port_t local_port(int fd)
            {
                struct sockaddr_storage ss;
                socklen_t len = sizeof ss;
                memset(&ss, 0, sizeof ss);
                getsockname(fd, (struct sockaddr *)&ss, &len);
                if (ss.ss_family == AF_INET6)
                    return ((struct sockaddr_in6 *)&ss)->sin6_port;
                return ((struct sockaddr_in *)&ss)->sin_port;
            }
            """),
        Helper(name: "print_type", needs: [], text: """
            /* SOCK_STREAM, SOCK_DGRAM... for SO_TYPE. */
            static void print_type(int type)
            {
                if (type == SOCK_STREAM)
                    fputs("SOCK_STREAM", stdout);
                else if (type == SOCK_DGRAM)
                    fputs("SOCK_DGRAM", stdout);
                else if (type == SOCK_SEQPACKET)
                    fputs("SOCK_SEQPACKET", stdout);
                else if (type == SOCK_RAW)
                    fputs("SOCK_RAW", stdout);
                else
                    printf("%d", type);
            }
            """),
        Helper(name: "tcp_state_name", needs: [], text: """
            /* The TCP state TCP_INFO reports, by the kernel's numbering. */
            static const char *tcp_state_name(int state)
            {
                static const char *names[] = { "?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
                                               "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK",
                                               "LISTEN", "CLOSING", "NEW_SYN_RECV" };
                return state >= 0 && state < 13 ? names[state] : "?";
            }
            """),
        Helper(name: "print_revents", needs: [], text: """
            /* What poll found on one socket: the revents bits by name. */
            static void print_revents(const char *handle, short revents)
            {
                static const struct { short bit; const char *name; } names[] = {
                    { POLLIN, "POLLIN" }, { POLLPRI, "POLLPRI" }, { POLLOUT, "POLLOUT" }, { POLLRDHUP, "POLLRDHUP" },
                    { POLLERR, "POLLERR" }, { POLLHUP, "POLLHUP" }, { POLLNVAL, "POLLNVAL" },
                };
                const char *sep = "";
                printf("  %-8s ", handle);
                for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
                    if (revents & names[k].bit) {
                        printf("%s%s", sep, names[k].name);
                        sep = "|";
                    }
                }
                puts(revents == 0 ? "0" : "");
            }
"""),
    ] + messageHelpers + memInfoHelpers
}
