/* Network namespaces for the lab (SPEC section 7): which one a socket lives in, and iproute2 run inside one.
   The namespaces themselves are made, held and entered from Swift, through the syscall seam. Nothing here names
   a namespace or mounts anything: when the shell dies, its fds close and the kernel frees every namespace, veth
   and qdisc with them. */
#define _GNU_SOURCE
#include "CSocketShims.h"
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/sockios.h>

#ifndef SIOCGSKNS
#define SIOCGSKNS 0x894C
#endif

/* Moves fd to 100 or above (close-on-exec), so the session's first socket stays fd 3. */
static int move_high(int fd) {
    if (fd < 0) return fd;
    int high = fcntl(fd, F_DUPFD_CLOEXEC, 100);
    if (high < 0) high = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    int saved = errno;
    close(fd);
    errno = saved;
    return high;
}

int sockshell_socket_netns(int sockfd) { return move_high(ioctl(sockfd, SIOCGSKNS)); }

int sockshell_ns_run(int nsfd, const char *path, char *const argv[], const char *input, int extra_fd,
                     char *err, int err_len) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0) return -1;
    if (pipe2(out, O_CLOEXEC) != 0) { close(in[0]); close(in[1]); return -1; }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        close(in[0]); close(in[1]); close(out[0]); close(out[1]);
        errno = saved;
        return -1;
    }
    if (pid == 0) {
        /* The child dies with the shell, even under SIGKILL: nothing of the lab outlives it. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        signal(SIGINT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        if (getppid() != parent) _exit(126); /* the shell died before the line above took effect */
        if (nsfd >= 0 && setns(nsfd, CLONE_NEWNET) != 0) {
            dprintf(out[1], "setns: %s\n", strerror(errno));
            _exit(125);
        }
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(out[1], 2);
        if (extra_fd >= 0) dup2(extra_fd, 9); /* dup2 clears close-on-exec: /proc/self/fd/9 names it */
        execv(path, argv);
        dprintf(2, "cannot run %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    if (input) {
        size_t left = strlen(input);
        const char *p = input;
        while (left > 0) {
            ssize_t n = write(in[1], p, left);
            if (n < 0) { if (errno == EINTR) continue; break; }
            p += n;
            left -= (size_t)n;
        }
    }
    close(in[1]);
    int used = 0;
    if (err_len > 0) err[0] = 0;
    for (;;) {
        char buf[512];
        ssize_t n = read(out[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        for (ssize_t k = 0; k < n && used < err_len - 1; k++) err[used++] = buf[k];
        if (err_len > 0) err[used] = 0;
    }
    close(out[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
