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

void sockshell_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: blocking calls return EINTR */
    sigaction(SIGINT, &sa, NULL);
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
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigalrm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
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
