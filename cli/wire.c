/* wire.c - framing for dispatcher <-> worker pipes. CLI layer. */
#include "wire.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util.h"

struct header {
    uint64_t seq;
    int32_t kind;
    uint32_t pad;
    uint64_t alen, blen;
};

/* send() with MSG_NOSIGNAL: a peer that died gives EPIPE, not a SIGPIPE
 * that would kill the sender. */
static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;

    while (n) {
        ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

/* 1 when n bytes were read, 0 at EOF before any byte, -1 otherwise. */
static int read_all(int fd, void *p, size_t n)
{
    char *c = p;
    size_t got = 0;

    while (got < n) {
        ssize_t r = read(fd, c + got, n - got);
        if (r < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (r == 0) return got == 0 ? 0 : -1;
        got += (size_t)r;
    }
    return 1;
}

int wire_send(int fd, uint64_t seq, int32_t kind, const char *a, size_t alen,
              const char *b, size_t blen)
{
    struct header h;
    char small[16384];
    size_t n = sizeof h + alen + blen;

    memset(&h, 0, sizeof h);
    h.seq = seq;
    h.kind = kind;
    h.alen = alen;
    h.blen = blen;
    if (n <= sizeof small) { /* most articles: one system call */
        memcpy(small, &h, sizeof h);
        memcpy(small + sizeof h, a, alen);
        memcpy(small + sizeof h + alen, b, blen);
        return write_all(fd, small, n);
    }
    if (write_all(fd, &h, sizeof h) || write_all(fd, a, alen) ||
        write_all(fd, b, blen))
        return -1;
    return 0;
}

int wire_recv(int fd, struct wire_msg *m)
{
    struct header h;
    int rc = read_all(fd, &h, sizeof h);

    memset(m, 0, sizeof *m);
    if (rc <= 0) return rc;
    m->seq = h.seq;
    m->kind = h.kind;
    m->alen = (size_t)h.alen;
    m->blen = (size_t)h.blen;
    m->a = xmalloc(m->alen + 1);
    m->b = xmalloc(m->blen + 1);
    if ((m->alen && read_all(fd, m->a, m->alen) != 1) ||
        (m->blen && read_all(fd, m->b, m->blen) != 1)) {
        wire_free(m);
        return -1;
    }
    m->a[m->alen] = '\0';
    m->b[m->blen] = '\0';
    return 1;
}

void wire_free(struct wire_msg *m)
{
    free(m->a);
    free(m->b);
    m->a = m->b = NULL;
}
