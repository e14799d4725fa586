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

int sockshell_unshare_net(int user) {
    return unshare(CLONE_NEWNET | (user ? CLONE_NEWUSER : 0));
}

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
