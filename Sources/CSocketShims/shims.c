#define _GNU_SOURCE
#include "CSocketShims.h"
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <time.h>
#include <linux/sockios.h>

int sockshell_inq(int fd) {
    int n = 0;
    return ioctl(fd, SIOCINQ, &n) < 0 ? -1 : n;
}

int sockshell_outq(int fd) {
    int n = 0;
    return ioctl(fd, SIOCOUTQ, &n) < 0 ? -1 : n;
}

int sockshell_outq_nsd(int fd) {
    int n = 0;
    return ioctl(fd, SIOCOUTQNSD, &n) < 0 ? -1 : n;
}

int sockshell_atmark(int fd) {
    int n = 0;
    return ioctl(fd, SIOCATMARK, &n) < 0 ? -1 : (n != 0);
}

short sockshell_pollrdhup(void) { return POLLRDHUP; }

static volatile sig_atomic_t sigint_flag = 0;

static void on_sigint(int sig) {
    (void)sig;
    sigint_flag = 1;
}

/* Installs `handler` for `sig` without SA_RESTART, so a blocking call the signal lands in returns EINTR (or a
   short count) instead of going on: every signal of the shell works this way. */
static int install_flag_handler(int sig, void (*handler)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(sig, &sa, NULL);
}

void sockshell_install_sigint(void) { install_flag_handler(SIGINT, on_sigint); }

int sockshell_install_sigint_unless_ignored(void) {
    struct sigaction old;
    if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler == SIG_IGN) return 0;
    sockshell_install_sigint();
    return 1;
}

void sockshell_default_sigint(void) { signal(SIGINT, SIG_DFL); }
int sockshell_sigint_pending(void) { return sigint_flag != 0; }
void sockshell_clear_sigint(void) { sigint_flag = 0; }
void sockshell_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }

int sockshell_unshare(int flags) { return unshare(flags); }

int sockshell_setns(int fd, int nstype) { return setns(fd, nstype); }

void *sockshell_stdout(void) { return stdout; }
void *sockshell_stderr(void) { return stderr; }
void *sockshell_stdin(void) { return stdin; }

static volatile sig_atomic_t timer_flag = 0;

static void on_sigalrm(int sig) {
    (void)sig;
    timer_flag = 1;
}

void sockshell_arm_timer(long long ms) {
    install_flag_handler(SIGALRM, on_sigalrm);
    timer_flag = 0;
    if (ms < 1) ms = 1;
    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = ms / 1000;
    it.it_value.tv_usec = (ms % 1000) * 1000;
    it.it_interval.tv_usec = 50000;
    setitimer(ITIMER_REAL, &it, NULL);
}

void sockshell_disarm_timer(void) {
    struct itimerval it;
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
}

int sockshell_timer_fired(void) { return timer_flag != 0; }

/* Ticks for a transfer someone watches: a POSIX timer on its own real-time signal, so it never meets the
   SIGALRM deadline above. The handler has no SA_RESTART: a send or recv blocked on a full (or empty) buffer
   returns, and the transfer loop can say it is stalled, then call again. */
static volatile sig_atomic_t tick_flag = 0;
static timer_t tick_timer;
static int tick_timer_made = 0;

static void on_tick(int sig) {
    (void)sig;
    tick_flag = 1;
}

int sockshell_start_ticks(long long first_ms, long long ms) {
    if (install_flag_handler(SIGRTMIN, on_tick) < 0) return -1;
    if (!tick_timer_made) {
        struct sigevent ev;
        memset(&ev, 0, sizeof ev);
        ev.sigev_notify = SIGEV_SIGNAL;
        ev.sigev_signo = SIGRTMIN;
        if (timer_create(CLOCK_MONOTONIC, &ev, &tick_timer) < 0) return -1;
        tick_timer_made = 1;
    }
    tick_flag = 0;
    if (ms < 1) ms = 1;
    if (first_ms < 1) first_ms = 1;
    struct itimerspec it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = first_ms / 1000;
    it.it_value.tv_nsec = (first_ms % 1000) * 1000000;
    it.it_interval.tv_sec = ms / 1000;
    it.it_interval.tv_nsec = (ms % 1000) * 1000000;
    return timer_settime(tick_timer, 0, &it, NULL);
}

void sockshell_stop_ticks(void) {
    if (!tick_timer_made) return;
    struct itimerspec it;
    memset(&it, 0, sizeof it);
    timer_settime(tick_timer, 0, &it, NULL);
    tick_flag = 0;
}

int sockshell_take_tick(void) {
    int t = tick_flag != 0;
    tick_flag = 0;
    return t;
}

/* ---- sock_diag, control messages, select ---- */
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/inet_diag.h>
#include <linux/unix_diag.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <sys/select.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int sockshell_netlink_sock_diag(void) { return NETLINK_SOCK_DIAG; }

/* Zeroes a sock_diag dump request of `size` bytes and fills its netlink header; 0 when `cap` is too small. */
static int diag_header(struct nlmsghdr *nlh, size_t size, size_t cap, uint32_t seq) {
    if (cap < size) return 0;
    memset(nlh, 0, size);
    nlh->nlmsg_len = (uint32_t)size;
    nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
    nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    nlh->nlmsg_seq = seq;
    return 1;
}

size_t sockshell_diag_inet_request(void *buf, size_t cap, uint8_t family, uint8_t protocol, uint32_t seq) {
    struct {
        struct nlmsghdr nlh;
        struct inet_diag_req_v2 req;
    } *m = buf;
    if (!diag_header(&m->nlh, sizeof *m, cap, seq)) return 0;
    m->req.sdiag_family = family;
    m->req.sdiag_protocol = protocol;
    m->req.idiag_states = ~0U;
    return sizeof *m;
}

size_t sockshell_diag_unix_request(void *buf, size_t cap, uint32_t seq) {
    struct {
        struct nlmsghdr nlh;
        struct unix_diag_req req;
    } *m = buf;
    if (!diag_header(&m->nlh, sizeof *m, cap, seq)) return 0;
    m->req.sdiag_family = AF_UNIX;
    m->req.udiag_states = ~0U;
    m->req.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN;
    return sizeof *m;
}

static void parse_inet(const struct nlmsghdr *h, sockshell_diag_row *row) {
    const struct inet_diag_msg *m = NLMSG_DATA(h);
    row->family = m->idiag_family;
    row->state = m->idiag_state;
    row->timer = m->idiag_timer;
    row->retrans = m->idiag_retrans;
    row->sport = ntohs(m->id.idiag_sport);
    row->dport = ntohs(m->id.idiag_dport);
    memcpy(row->src, m->id.idiag_src, 16);
    memcpy(row->dst, m->id.idiag_dst, 16);
    row->ifindex = m->id.idiag_if;
    row->expires_ms = m->idiag_expires;
    row->rqueue = m->idiag_rqueue;
    row->wqueue = m->idiag_wqueue;
    row->uid = m->idiag_uid;
    row->inode = m->idiag_inode;
}

static void parse_unix(const struct nlmsghdr *h, sockshell_diag_row *row) {
    const struct unix_diag_msg *m = NLMSG_DATA(h);
    row->family = m->udiag_family;
    row->unix_type = m->udiag_type;
    row->state = m->udiag_state;
    row->inode = m->udiag_ino;
    int len = h->nlmsg_len - NLMSG_LENGTH(sizeof *m);
    const struct rtattr *a = (const struct rtattr *)(m + 1);
    for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) {
        size_t n = RTA_PAYLOAD(a);
        switch (a->rta_type) {
        case UNIX_DIAG_NAME:
            if (n > sizeof row->name) n = sizeof row->name;
            memcpy(row->name, RTA_DATA(a), n);
            row->name_len = (uint32_t)n;
            row->has_name = 1;
            break;
        case UNIX_DIAG_PEER:
            if (n >= 4) memcpy(&row->peer_inode, RTA_DATA(a), 4);
            break;
        case UNIX_DIAG_RQLEN:
            if (n >= sizeof(struct unix_diag_rqlen)) {
                const struct unix_diag_rqlen *q = RTA_DATA(a);
                row->rqueue = q->udiag_rqueue;
                row->wqueue = q->udiag_wqueue;
            }
            break;
        }
    }
}

int sockshell_diag_parse(const void *buf, size_t len, int unix_family,
                         void (*on_row)(const sockshell_diag_row *row, void *ctx), void *ctx) {
    const struct nlmsghdr *h = buf;
    int left = (int)len;
    for (; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
        if (h->nlmsg_type == NLMSG_DONE) return 1;
        if (h->nlmsg_type == NLMSG_ERROR) {
            const struct nlmsgerr *e = NLMSG_DATA(h);
            errno = e->error < 0 ? -e->error : EPROTO;
            return -1;
        }
        if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY) continue;
        sockshell_diag_row row;
        memset(&row, 0, sizeof row);
        if (unix_family) parse_unix(h, &row); else parse_inet(h, &row);
        on_row(&row, ctx);
    }
    return 0;
}

long sockshell_recvmsg(int fd, void *buf, size_t len, void *name, uint32_t *namelen, void *control,
                       size_t *controllen, int flags, int *msg_flags) {
    struct iovec iov = {buf, len};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_name = name;
    msg.msg_namelen = name ? *namelen : 0;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = control ? *controllen : 0;
    long r = recvmsg(fd, &msg, flags);
    int saved = errno;
    if (namelen) *namelen = msg.msg_namelen;
    if (controllen) *controllen = msg.msg_controllen;
    if (msg_flags) *msg_flags = msg.msg_flags;
    errno = saved;
    return r;
}

int sockshell_cmsg_list(const void *control, size_t controllen, sockshell_cmsg *out, int max) {
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_control = (void *)control;
    msg.msg_controllen = controllen;
    int n = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (n < max) {
            out[n].level = c->cmsg_level;
            out[n].type = c->cmsg_type;
            out[n].len = c->cmsg_len;
            out[n].data_offset = (size_t)((const unsigned char *)CMSG_DATA(c) - (const unsigned char *)control);
            out[n].data_len = c->cmsg_len > CMSG_LEN(0) ? c->cmsg_len - CMSG_LEN(0) : 0;
        }
        n++;
    }
    return n;
}

size_t sockshell_cmsg_len(size_t len) { return CMSG_LEN(len); }
size_t sockshell_cmsg_space(size_t len) { return CMSG_SPACE(len); }

size_t sockshell_cmsg_append(void *control, size_t cap, size_t used, int level, int type, const void *data,
                             size_t len) {
    if (used + CMSG_SPACE(len) > cap) return 0;
    struct cmsghdr *c = (struct cmsghdr *)((unsigned char *)control + used);
    memset(c, 0, CMSG_SPACE(len));
    c->cmsg_len = CMSG_LEN(len);
    c->cmsg_level = level;
    c->cmsg_type = type;
    memcpy(CMSG_DATA(c), data, len);
    return used + CMSG_SPACE(len);
}

long sockshell_sendmsg(int fd, const void *buf, size_t len, const void *name, uint32_t namelen,
                       const void *control, size_t controllen, int flags) {
    struct iovec iov = {(void *)buf, len};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_name = (void *)name;
    msg.msg_namelen = name ? namelen : 0;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = controllen ? (void *)control : NULL;
    msg.msg_controllen = controllen;
    return sendmsg(fd, &msg, flags);
}

int sockshell_fd_setsize(void) { return FD_SETSIZE; }

int sockshell_select(int n, const int *fds, const uint8_t *want, uint8_t *got, long long timeout_us,
                     long long *left_us) {
    fd_set r, w, x;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&x);
    int maxfd = -1;
    for (int i = 0; i < n; i++) {
        if (fds[i] < 0 || fds[i] >= FD_SETSIZE) { errno = EINVAL; return -1; }
        if (want[i] & 1) FD_SET(fds[i], &r);
        if (want[i] & 2) FD_SET(fds[i], &w);
        if (want[i] & 4) FD_SET(fds[i], &x);
        if (fds[i] > maxfd) maxfd = fds[i];
    }
    struct timeval tv, *tp = NULL;
    if (timeout_us >= 0) {
        tv.tv_sec = timeout_us / 1000000;
        tv.tv_usec = timeout_us % 1000000;
        tp = &tv;
    }
    int rc = select(maxfd + 1, &r, &w, &x, tp);
    int saved = errno;
    if (left_us) *left_us = tp ? (long long)tv.tv_sec * 1000000 + tv.tv_usec : -1;
    for (int i = 0; i < n; i++) {
        got[i] = 0;
        if (rc > 0) {
            if (FD_ISSET(fds[i], &r)) got[i] |= 1;
            if (FD_ISSET(fds[i], &w)) got[i] |= 2;
            if (FD_ISSET(fds[i], &x)) got[i] |= 4;
        }
    }
    errno = saved;
    return rc;
}
