/* The truesize of one datagram, measured: a private UDP pair on loopback, one datagram of the size asked,
   and SO_MEMINFO's rmem_alloc on the receiver. Nothing leaves the machine (127.0.0.1 or ::1). */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "CSocketShims.h"

long long sockshell_udp_truesize(int family, int payload) {
    if (payload < 0 || payload > 65507) return -1;
    int r = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    int s = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    long long result = -1;
    char *data = calloc(1, payload > 0 ? (size_t)payload : 1);
    struct sockaddr_storage ss;
    socklen_t len;
    memset(&ss, 0, sizeof ss);
    if (r < 0 || s < 0 || !data) goto out;
    if (family == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        len = sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof *a;
    }
    if (bind(r, (struct sockaddr *)&ss, len) < 0) goto out;
    if (getsockname(r, (struct sockaddr *)&ss, &len) < 0) goto out;
    if (sendto(s, data, (size_t)payload, 0, (struct sockaddr *)&ss, len) != payload) goto out;
    /* Loopback delivers within the sendto call as a rule; wait at most 100 ms for it. */
    struct pollfd p = { .fd = r, .events = POLLIN };
    if (poll(&p, 1, 100) != 1) goto out;
    uint32_t m[9];
    if (sockshell_meminfo(r, m, 9) >= 1) result = m[0];
out:
    if (r >= 0) close(r);
    if (s >= 0) close(s);
    free(data);
    return result;
}
