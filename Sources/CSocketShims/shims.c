#define _GNU_SOURCE
#include "CSocketShims.h"
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
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
