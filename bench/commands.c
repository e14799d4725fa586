/*
 * bench/commands.c: the floor under bench/run's command rate, for information.
 *
 * The loop of bench/commands.py written in plain C: read the script with fgets, split each line into words,
 * look the option up in a small table, call setsockopt/getsockopt and print one strace-style line with
 * printf (stdout fully buffered, as when it goes to /dev/null). Same output text as the Python loop and as
 * sockshell. What no parser can go under on this machine: the system calls themselves plus the least work
 * per line.
 *
 *   cc -O2 -o bench/out/commands bench/commands.c && bench/out/commands SCRIPT
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

struct option {
    const char *name;
    int level;
    int number;
    const char *level_name;
};

static const struct option options[] = {
    {"SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE, "SOL_SOCKET"},
    {"SO_RCVBUF", SOL_SOCKET, SO_RCVBUF, "SOL_SOCKET"},
    {"SO_SNDBUF", SOL_SOCKET, SO_SNDBUF, "SOL_SOCKET"},
    {"SO_REUSEADDR", SOL_SOCKET, SO_REUSEADDR, "SOL_SOCKET"},
    {"TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, "IPPROTO_TCP"},
};

static const struct option *find(const char *name) {
    for (size_t k = 0; k < sizeof options / sizeof options[0]; k++)
        if (strcmp(options[k].name, name) == 0) return &options[k];
    return NULL;
}

int main(int argc, char **argv) {
    /* Made before the script is opened, so it is fd 3 as in sockshell. */
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (argc < 2 || s < 0) return 2;
    FILE *script = fopen(argv[1], "r");
    if (!script) return 2;
    char line[512];
    while (fgets(line, sizeof line, script)) {
        char *words[4] = {0};
        int n = 0;
        for (char *w = strtok(line, " \t\r\n"); w && n < 4; w = strtok(NULL, " \t\r\n")) words[n++] = w;
        if (n == 0) continue;
        if (strcmp(words[0], "setopt") == 0 && n >= 3) {
            const struct option *o = find(words[1]);
            if (!o) return 2;
            int value = strcmp(words[2], "on") == 0 || strcmp(words[2], "1") == 0;
            setsockopt(s, o->level, o->number, &value, sizeof value);
            printf("setsockopt(%d, %s, %s, [%d], 4) = 0\n", s, o->level_name, words[1], value);
        } else if (strcmp(words[0], "getopt") == 0 && n >= 2) {
            const struct option *o = find(words[1]);
            if (!o) return 2;
            int value = 0;
            socklen_t len = sizeof value;
            getsockopt(s, o->level, o->number, &value, &len);
            printf("getsockopt(%d, %s, %s, [%d], [%d]) = 0\n", s, o->level_name, words[1], value, (int)len);
        } else if (strcmp(words[0], "socket") == 0) {
            printf("s1 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = %d\n", s);
        }
    }
    return 0;
}
