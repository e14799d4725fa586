#ifndef CPCAP_SHIM_H
#define CPCAP_SHIM_H
/* libpcap for Swift (Debian's libpcap-dev), for the wire view (SPEC section 8).
   libpcap's own functions are not variadic and import as they are; this header adds the few things Swift
   cannot reach: setns(2) (declared only with _GNU_SOURCE in <sched.h>), the pcap_pkthdr fields as plain
   integers, and the error-buffer size. */
#include <pcap/pcap.h>
#include <stdint.h>

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
static inline void sockshell_pcap_dump(pcap_dumper_t *d, int64_t time_us, uint32_t caplen, uint32_t len,
                                       const unsigned char *bytes) {
    struct pcap_pkthdr h;
    h.ts.tv_sec = time_us / 1000000;
    h.ts.tv_usec = time_us % 1000000;
    h.caplen = caplen;
    h.len = len;
    pcap_dump((unsigned char *)d, &h, bytes);
}
#endif
