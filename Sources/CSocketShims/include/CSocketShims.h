#ifndef CSOCKETSHIMS_H
#define CSOCKETSHIMS_H
/* Small C helpers for what Swift's Glibc module does not import.
   Declarations only; _GNU_SOURCE lives in the .c file. */
#include <stdint.h>
#include <sys/types.h>

/* Bytes queued to read (SIOCINQ) / not yet acked-or-sent (SIOCOUTQ). -1 on error. */
int sockshell_inq(int fd);
int sockshell_outq(int fd);
/* Unsent bytes only (SIOCOUTQNSD). -1 on error. */
int sockshell_outq_nsd(int fd);
/* 1 when the read pointer is at the urgent mark (SIOCATMARK), 0 if not, -1 on error. */
int sockshell_atmark(int fd);

/* POLLRDHUP value (needs _GNU_SOURCE). */
short sockshell_pollrdhup(void);

/* SIGINT: install a handler without SA_RESTART that sets a flag, so a blocking
   call returns EINTR. */
void sockshell_install_sigint(void);
/* The same, unless SIGINT is ignored (inherited from nohup or a shell's `&`): then 0 and nothing changes. */
int sockshell_install_sigint_unless_ignored(void);
/* Restore the default SIGINT disposition. */
void sockshell_default_sigint(void);
/* The flag: non-zero once Ctrl-C was pressed since the last clear. */
int sockshell_sigint_pending(void);
void sockshell_clear_sigint(void);
/* A deadline for blocking calls outside the REPL: SIGALRM through setitimer, handler without
   SA_RESTART, re-firing every 50 ms after the first expiry until disarmed (so a call entered just
   after the first signal is still interrupted). */
void sockshell_arm_timer(long long milliseconds);
void sockshell_disarm_timer(void);
int sockshell_timer_fired(void);

/* Ticks while a transfer is watched (progress line): the first after `first_milliseconds`, then every
   `milliseconds`; a POSIX timer on SIGRTMIN, handler without SA_RESTART, so a blocked send/recv returns and
   the loop can report a stall. 0 or -1. */
int sockshell_start_ticks(long long first_milliseconds, long long milliseconds);
void sockshell_stop_ticks(void);
/* Non-zero once a tick came since the last call (and clears it). */
int sockshell_take_tick(void);

/* SIGPIPE ignored once per process: a send to a reset peer gives EPIPE. */
void sockshell_ignore_sigpipe(void);

/* unshare(2) and setns(2), which Glibc's module lacks (the seam, Sys.unshare and Sys.setns, calls them), with
   the namespace flags they take. 0 or -1 (errno set). */
#define SOCKSHELL_CLONE_NEWNET 0x40000000
#define SOCKSHELL_CLONE_NEWUSER 0x10000000
int sockshell_unshare(int flags);
int sockshell_setns(int fd, int nstype);

/* The lab's network namespaces (lab.c). Every fd returned is close-on-exec and 100 or above. */
/* An fd of the network namespace a socket was created in (SIOCGSKNS), or -1. */
int sockshell_socket_netns(int sockfd);
/* Runs `path` with `argv` (NULL-terminated) in a child that entered network namespace `nsfd` (-1: this one),
   with `input` on its stdin and `extra_fd` as its fd 9 (-1: none); its stdout and stderr go to `err`.
   Returns its exit status (128+signal if killed), or -1 if it could not start. */
int sockshell_ns_run(int nsfd, const char *path, char *const argv[], const char *input, int extra_fd,
                     char *err, int err_len);

/* stdio streams, unreadable as globals from Swift 6. */
void *sockshell_stdout(void);
void *sockshell_stderr(void);
void *sockshell_stdin(void);

/* ---- The kernel's socket table (NETLINK_SOCK_DIAG), control messages, select ---- */

/* One socket of a sock_diag dump, flattened (inet_diag_msg or unix_diag_msg and its attributes). */
typedef struct sockshell_diag_row {
    uint8_t family;      /* AF_INET, AF_INET6, AF_UNIX */
    uint8_t state;       /* TCP_* state numbers (unix: TCP_LISTEN/ESTABLISHED/CLOSE as the kernel uses them) */
    uint8_t timer;       /* inet: 0 none, 1 retransmit, 2 keepalive, 3 TIME_WAIT, 4 zero-window probe */
    uint8_t retrans;     /* inet: retransmissions (or probes) so far */
    uint8_t unix_type;   /* unix: SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET */
    uint8_t has_name;    /* unix: a name attribute came */
    uint16_t sport, dport;        /* host order */
    uint8_t src[16], dst[16];     /* network order; v4 in the first 4 bytes */
    uint32_t ifindex;
    uint32_t expires_ms;
    uint32_t rqueue, wqueue;
    uint32_t uid;
    uint32_t inode;
    uint32_t peer_inode;          /* unix */
    uint32_t name_len;            /* unix: bytes of name (an abstract name starts with a 0 byte) */
    char name[108];
} sockshell_diag_row;

/* Writes a SOCK_DIAG_BY_FAMILY dump request for inet sockets (all states) into buf; returns its length,
   or 0 if cap is too small. */
size_t sockshell_diag_inet_request(void *buf, size_t cap, uint8_t family, uint8_t protocol, uint32_t seq);
/* The same for AF_UNIX sockets (name, peer and queue lengths asked for). */
size_t sockshell_diag_unix_request(void *buf, size_t cap, uint32_t seq);
/* Walks one recv'd buffer of netlink messages: calls on_row for each socket. Returns 1 when NLMSG_DONE
   was seen, 0 when more buffers follow, -1 on NLMSG_ERROR (errno set to its error). */
int sockshell_diag_parse(const void *buf, size_t len, int unix_family,
                         void (*on_row)(const sockshell_diag_row *row, void *ctx), void *ctx);
/* NETLINK_SOCK_DIAG and AF_NETLINK, for socket(2). */
int sockshell_netlink_sock_diag(void);

/* One control message of a received msghdr: where its data is inside the control buffer. */
typedef struct sockshell_cmsg {
    int level, type;
    size_t len;          /* cmsg_len */
    size_t data_offset;  /* from the start of the control buffer */
    size_t data_len;
} sockshell_cmsg;

/* recvmsg(2) with one iovec and a control buffer. name/namelen in-out; controllen in-out; flags out
   (msg_flags). Returns recvmsg's result (-1 with errno). */
long sockshell_recvmsg(int fd, void *buf, size_t len, void *name, uint32_t *namelen, void *control,
                       size_t *controllen, int flags, int *msg_flags);
/* The control messages of a control buffer (at most max); returns how many there are. */
int sockshell_cmsg_list(const void *control, size_t controllen, sockshell_cmsg *out, int max);
/* Appends one control message to a control buffer being built; returns the new length, 0 if it does not fit. */
size_t sockshell_cmsg_append(void *control, size_t cap, size_t used, int level, int type, const void *data,
                             size_t len);
/* CMSG_LEN and CMSG_SPACE. */
size_t sockshell_cmsg_len(size_t len);
size_t sockshell_cmsg_space(size_t len);
/* sendmsg(2) with one iovec, an optional address and a control buffer. */
long sockshell_sendmsg(int fd, const void *buf, size_t len, const void *name, uint32_t namelen,
                       const void *control, size_t controllen, int flags);

/* select(2) over n descriptors. want[i] bits: 1 read, 2 write, 4 except; on return got[i] holds the bits
   set. timeout_us < 0 waits without limit; left_us receives what the kernel left of the timeout.
   Returns select's result (-1 with errno; EBADF-like EINVAL when a descriptor is >= FD_SETSIZE). */
int sockshell_select(int n, const int *fds, const uint8_t *want, uint8_t *got, long long timeout_us,
                     long long *left_us);
/* FD_SETSIZE. */
int sockshell_fd_setsize(void);
/* The REPL's watch of events at the prompt (watch.c): an epoll instance moved to a descriptor >= floor
   (close-on-exec), sockets added for EPOLLIN|EPOLLRDHUP (level-triggered), and a wait that returns only the
   ready ones: descriptors in fds, epoll bits in events. -1 on error (errno set). */
int sockshell_watch_create(int floor);
int sockshell_watch_add(int epfd, int fd);
int sockshell_watch_del(int epfd, int fd);
int sockshell_watch_ready(int epfd, int *fds, unsigned *events, int max);
/* SO_MEMINFO's nine counters (SK_MEMINFO_*); the count filled, or -1 (errno set). */
int sockshell_meminfo(int fd, uint32_t *out, int max);
/* The truesize charged for one UDP datagram of `payload` bytes on loopback (probe.c), or -1. */
long long sockshell_udp_truesize(int family, int payload);

#endif
