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

/* The lab's network namespaces (lab.c). Every fd returned is close-on-exec and 100 or above. */
/* An fd of the calling thread's network namespace (/proc/self/ns/net), or -1. */
int sockshell_open_netns(void);
/* unshare(CLONE_NEWNET) and an fd of the new namespace (the caller is left in it), or -1. */
int sockshell_new_netns(void);
/* setns(fd, CLONE_NEWNET): 0 or -1. */
int sockshell_setns_net(int fd);
/* unshare(CLONE_NEWUSER|CLONE_NEWNET) and the uid/gid maps (the caller becomes 0 inside, with every
   capability there). Only in a single-threaded process. 0, or -1 with errno set and `failed` naming the step. */
int sockshell_enter_userns(char *failed, int failed_len);
/* Threads of this process (/proc/self/status), or -1. */
int sockshell_thread_count(void);
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

#endif
