/* wire.h - the messages between the gloss dispatcher and its workers,
 * over a Unix stream socketpair per worker. CLI layer. A message is a fixed header and two byte
 * strings; integers are in the machine's own order (both ends are the same
 * program on the same machine). */
#ifndef GLOSS_WIRE_H
#define GLOSS_WIRE_H

#include <stddef.h>
#include <stdint.h>

struct wire_msg {
    uint64_t seq;    /* the article's position in the input */
    int32_t kind;    /* request: WIRE_PATH or WIRE_TEXT; reply: exit status */
    char *a;         /* request: display name; reply: YAML */
    size_t alen;
    char *b;         /* request: path or article text; reply: error text */
    size_t blen;
};

#define WIRE_PATH 1   /* b is a file to read */
#define WIRE_TEXT 2   /* b is the article itself */
#define WIRE_RECORD 3 /* b is a JSON Lines record, a its place (record.h) */
/* A reply's b is the error text, or on success a record's output name. */

/* Write a whole message; 0 or -1 with errno set. */
int wire_send(int fd, uint64_t seq, int32_t kind, const char *a, size_t alen,
              const char *b, size_t blen);

/* Read a whole message into m (a and b malloc'd, NUL-terminated).
 * 1 on success, 0 at a clean end of file, -1 on error or a torn message. */
int wire_recv(int fd, struct wire_msg *m);
void wire_free(struct wire_msg *m);

#endif
