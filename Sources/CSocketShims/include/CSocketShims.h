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

/* unshare(2) with CLONE_NEWNET (and CLONE_NEWUSER when user != 0). 0 or -1 (errno set). */
int sockshell_unshare_net(int user);

/* stdio streams, unreadable as globals from Swift 6. */
void *sockshell_stdout(void);
void *sockshell_stderr(void);
void *sockshell_stdin(void);

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
/* Raises the soft RLIMIT_NOFILE to the hard one when lower; the new soft limit (or the old one). */
long long sockshell_raise_nofile(void);
/* The soft and hard RLIMIT_NOFILE (-1 for unlimited). */
void sockshell_nofile(long long *soft, long long *hard);

#endif
