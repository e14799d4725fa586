/* epoll and SO_MEMINFO for the shell: struct epoll_event is packed on x86-64, which Swift does not import, and
   SO_MEMINFO's constants are not in Glibc's module. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include "CSocketShims.h"

#ifndef SO_MEMINFO
#define SO_MEMINFO 55
#endif

int sockshell_watch_create(int floor) {
    int fd = epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0) return -1;
    if (floor > fd) {
        int high = fcntl(fd, F_DUPFD_CLOEXEC, floor);
        if (high >= 0) { close(fd); fd = high; }
    }
    return fd;
}

int sockshell_watch_add(int epfd, int fd) {
    struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.fd = fd };
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

int sockshell_watch_del(int epfd, int fd) {
    struct epoll_event ev = { 0 };
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &ev);
}

int sockshell_watch_ready(int epfd, int *fds, unsigned *events, int max) {
    struct epoll_event buf[256];
    int total = 0;
    /* Level-triggered: a second wait would hand back the same sockets, so one wait per 256 slots asked for. */
    while (total < max) {
        int want = max - total < 256 ? max - total : 256;
        int n = epoll_wait(epfd, buf, want, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return total > 0 ? total : -1;
        }
        for (int k = 0; k < n; k++) {
            fds[total + k] = buf[k].data.fd;
            events[total + k] = buf[k].events;
        }
        total += n;
        if (n < want) break;
    }
    return total;
}

int sockshell_meminfo(int fd, uint32_t *out, int max) {
    uint32_t buf[16] = { 0 };
    socklen_t len = sizeof buf;
    if (getsockopt(fd, SOL_SOCKET, SO_MEMINFO, buf, &len) < 0) return -1;
    int n = (int)(len / sizeof(uint32_t));
    if (n > max) n = max;
    for (int k = 0; k < n; k++) out[k] = buf[k];
    return n;
}
