#ifndef CPCAP_SHIM_H
#define CPCAP_SHIM_H
/* libpcap for Swift (Debian's libpcap-dev), for the wire view (SPEC section 8).
   libpcap's own functions are not variadic and import as they are; this header adds the few things Swift
   cannot reach: setns(2) (declared only with _GNU_SOURCE in <sched.h>), the pcap_pkthdr fields as plain
   integers, and the error-buffer size. */
#include <dlfcn.h>
#include <pcap/pcap.h>
#include <stdint.h>

/* libpcap is loaded when the wire is first turned on, not when sockshell starts: linked, it and what it needs
   (libdbus, libsystemd, libgcrypt, ...: a dozen libraries) added about 0.9 ms to every start. The functions
   sockshell calls go through the sockshell_pcap_* wrappers below, bound with dlsym on first use. */
static inline void *sockshell_pcap_library(void) {
    static void *lib;
    if (!lib) lib = dlopen("libpcap.so.0.8", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libpcap.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libpcap.so", RTLD_NOW | RTLD_LOCAL);
    return lib;
}

/* 1 when libpcap could be loaded (call before any other wrapper). */
static inline int sockshell_pcap_available(void) { return sockshell_pcap_library() != NULL; }

#define SOCKSHELL_PCAP(ret, name, params, args)                                     \
    static inline ret sockshell_##name params {                                     \
        static ret (*fn) params;                                                    \
        if (!fn) fn = (ret (*) params)dlsym(sockshell_pcap_library(), #name);       \
        return fn args;                                                             \
    }
#define SOCKSHELL_PCAP_VOID(name, params, args)                                     \
    static inline void sockshell_##name params {                                    \
        static void (*fn) params;                                                   \
        if (!fn) fn = (void (*) params)dlsym(sockshell_pcap_library(), #name);      \
        fn args;                                                                    \
    }

SOCKSHELL_PCAP(pcap_t *, pcap_open_dead, (int linktype, int snaplen), (linktype, snaplen))
SOCKSHELL_PCAP(int, pcap_compile, (pcap_t *p, struct bpf_program *fp, const char *str, int optimize,
                                   bpf_u_int32 netmask), (p, fp, str, optimize, netmask))
SOCKSHELL_PCAP(char *, pcap_geterr, (pcap_t *p), (p))
SOCKSHELL_PCAP_VOID(pcap_freecode, (struct bpf_program *fp), (fp))
SOCKSHELL_PCAP_VOID(pcap_close, (pcap_t *p), (p))
SOCKSHELL_PCAP(pcap_t *, pcap_create, (const char *source, char *errbuf), (source, errbuf))
SOCKSHELL_PCAP(int, pcap_set_snaplen, (pcap_t *p, int v), (p, v))
SOCKSHELL_PCAP(int, pcap_set_promisc, (pcap_t *p, int v), (p, v))
SOCKSHELL_PCAP(int, pcap_set_immediate_mode, (pcap_t *p, int v), (p, v))
SOCKSHELL_PCAP(int, pcap_set_buffer_size, (pcap_t *p, int v), (p, v))
SOCKSHELL_PCAP(int, pcap_activate, (pcap_t *p), (p))
SOCKSHELL_PCAP(int, pcap_setfilter, (pcap_t *p, struct bpf_program *fp), (p, fp))
SOCKSHELL_PCAP(int, pcap_setnonblock, (pcap_t *p, int v, char *errbuf), (p, v, errbuf))
SOCKSHELL_PCAP(int, pcap_get_selectable_fd, (pcap_t *p), (p))
SOCKSHELL_PCAP(int, pcap_datalink, (pcap_t *p), (p))
SOCKSHELL_PCAP(int, pcap_dispatch, (pcap_t *p, int count, pcap_handler callback, u_char *user),
               (p, count, callback, user))
SOCKSHELL_PCAP(int, pcap_stats, (pcap_t *p, struct pcap_stat *ps), (p, ps))
SOCKSHELL_PCAP(pcap_dumper_t *, pcap_dump_open, (pcap_t *p, const char *fname), (p, fname))
SOCKSHELL_PCAP_VOID(pcap_dump, (u_char *user, const struct pcap_pkthdr *h, const u_char *sp), (user, h, sp))
SOCKSHELL_PCAP(int, pcap_dump_flush, (pcap_dumper_t *p), (p))
SOCKSHELL_PCAP_VOID(pcap_dump_close, (pcap_dumper_t *p), (p))

/* The size libpcap wants for its error buffers. */
static inline int sockshell_pcap_errbuf_size(void) { return PCAP_ERRBUF_SIZE; }

/* setns(fd, CLONE_NEWNET): moves the calling thread into the network namespace held by fd. 0 or -1 (errno). */
extern int setns(int fd, int nstype);
static inline int sockshell_setns_net(int fd) { return setns(fd, 0x40000000 /* CLONE_NEWNET */); }

/* Capture time of a packet in microseconds since the epoch. */
static inline int64_t sockshell_pcap_time_us(const struct pcap_pkthdr *h) {
    return (int64_t)h->ts.tv_sec * 1000000 + (int64_t)h->ts.tv_usec;
}

/* Writes one packet to a savefile, from a time in microseconds and the bytes captured. */
static inline void sockshell_pcap_dump_packet(pcap_dumper_t *d, int64_t time_us, uint32_t caplen, uint32_t len,
                                       const unsigned char *bytes) {
    struct pcap_pkthdr h;
    h.ts.tv_sec = time_us / 1000000;
    h.ts.tv_usec = time_us % 1000000;
    h.caplen = caplen;
    h.len = len;
    sockshell_pcap_dump((unsigned char *)d, &h, bytes);
}
#endif
