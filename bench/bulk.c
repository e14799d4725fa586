/* The plain C reference for bench/run: one TCP stream over loopback.
 *
 *   bulk recv PORTFILE [READSIZE]   listen on 127.0.0.1:0, write the port to PORTFILE, accept one
 *                                   connection, read until EOF; print "BYTES SECONDS"
 *   bulk send PORT BYTES [WRITESIZE] connect to 127.0.0.1:PORT, send BYTES in writes of WRITESIZE
 *                                   (default 128 KiB) from one reused buffer; print "BYTES SECONDS"
 *
 * Nothing clever on purpose: this is what a programmer writes first, the figure sockshell is held to.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int recv_side(const char *portfile, size_t size) {
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof a) < 0 || listen(l, 1) < 0 ||
        getsockname(l, (struct sockaddr *)&a, &alen) < 0) { perror("bulk recv: listen"); return 1; }
    FILE *f = fopen(portfile, "w");
    if (!f) { perror(portfile); return 1; }
    fprintf(f, "%d\n", ntohs(a.sin_port));
    fclose(f);
    int c = accept(l, NULL, NULL);
    if (c < 0) { perror("bulk recv: accept"); return 1; }
    char *buf = malloc(size);
    long long got = 0;
    double start = now();
    for (;;) {
        ssize_t n = read(c, buf, size);
        if (n < 0) { perror("bulk recv: read"); return 1; }
        if (n == 0) break;
        got += n;
    }
    printf("%lld %.6f\n", got, now() - start);
    return 0;
}

static int send_side(int port, long long total, size_t size) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof a) < 0) { perror("bulk send: connect"); return 1; }
    char *buf = malloc(size);
    for (size_t k = 0; k < size; k++) buf[k] = 'a' + k % 26;
    long long sent = 0;
    double start = now();
    while (sent < total) {
        size_t n = total - sent < (long long)size ? (size_t)(total - sent) : size;
        ssize_t w = write(s, buf, n);
        if (w < 0) { perror("bulk send: write"); return 1; }
        sent += w;
    }
    close(s);
    printf("%lld %.6f\n", sent, now() - start);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "recv") == 0)
        return recv_side(argv[2], argc > 3 ? strtoul(argv[3], NULL, 0) : 128 << 10);
    if (argc >= 4 && strcmp(argv[1], "send") == 0)
        return send_side(atoi(argv[2]), atoll(argv[3]), argc > 4 ? strtoul(argv[4], NULL, 0) : 128 << 10);
    fprintf(stderr, "usage: bulk recv PORTFILE [READSIZE] | bulk send PORT BYTES [WRITESIZE]\n");
    return 2;
}
