/* pool.c - worker processes, the dispatcher and its watchdog. CLI layer. */
#include "pool.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "annotate.h"
#include "budget.h"
#include "exitcode.h"
#include "util.h"
#include "wire.h"

/* A worker holds a queue of articles: the head is being annotated, the
 * rest wait unread in its socket. Queuing small articles hides the round
 * trip to the dispatcher (one article per trip kept only one core busy);
 * the bytes waiting are kept far below the socket buffer, so sending to a
 * busy worker never blocks and the watchdog always gets to run. */
#define QMAX 16
#define QBYTES ((size_t)32 * 1024)

struct worker {
    pid_t pid;          /* 0: not running */
    int fd;             /* our end of the socketpair, -1 when not running */
    uint64_t q[QMAX];   /* sequence numbers, head first */
    size_t qsize[QMAX]; /* their message sizes */
    size_t qhead, qlen;
    size_t qbytes;      /* bytes of the queued articles behind the head */
    uint64_t started;   /* when the head article started (ns) */
};

enum { SLOT_FREE, SLOT_WAITING, SLOT_RUNNING, SLOT_DONE };

struct slot {
    int state;
    struct gl_item item;
    int status;
    char *yaml, *msg, *out;
    size_t ylen;
};

struct pool {
    struct gl_engine *eng;
    const struct gl_run_info *run;
    const struct gl_pool_opts *opts;
    struct worker *w;
    struct slot *slots;
    size_t nslots;
    uint64_t *retry;    /* articles to hand out again (their worker died) */
    size_t nretry;
};

void gl_item_free(struct gl_item *it)
{
    free(it->name);
    free(it->path);
    free(it->text);
    free(it->out);
    free(it->error);
    free(it->base);
    memset(it, 0, sizeof *it);
}

/* The worker's life: read an article, annotate it, send the result, until
 * the dispatcher closes the connection. */
static void worker_main(struct pool *p, int fd)
{
    for (;;) {
        struct wire_msg m;
        struct gl_buf yaml = {0}, msg = {0};
        int st, rc = wire_recv(fd, &m);

        if (rc == 0 && p->opts->profile) {
            gl_engine_profile_report(p->eng, stderr, 25);
            fflush(stderr);
        }
        if (rc <= 0) _exit(rc == 0 ? 0 : EXIT_INTERNAL);
        if (m.kind == WIRE_RECORD) {
            struct gl_record_at at;
            char *name = NULL, *text = NULL, *out = NULL;
            size_t len = 0;

            if (gl_record_at_unpack(m.a, m.alen, &at) != 0) _exit(EXIT_INTERNAL);
            if (gl_record_decode(p->opts->fields, &at, m.b, m.blen, &name,
                                 &text, &len, &out, &msg) != 0) {
                st = EXIT_INPUT;
            } else {
                st = gl_annotate(p->eng, p->run, name, NULL, text, len,
                                 p->opts->stream, &yaml, &msg);
                if (st == EXIT_OK) gl_buf_puts(&msg, out); /* its output name */
            }
            free(name);
            free(text);
            free(out);
        } else {
            st = gl_annotate(p->eng, p->run, m.a, m.kind == WIRE_PATH ? m.b : NULL,
                             m.b, m.blen, p->opts->stream, &yaml, &msg);
        }
        rc = wire_send(fd, m.seq, st, yaml.p ? yaml.p : "", yaml.len,
                       msg.p ? msg.p : "", msg.len);
        gl_buf_free(&yaml);
        gl_buf_free(&msg);
        wire_free(&m);
        if (rc) _exit(EXIT_INTERNAL);
    }
}

static int spawn(struct pool *p, struct worker *w)
{
    int sv[2], i;
    pid_t pid;

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) return -1;
    fflush(NULL); /* nothing buffered may be written twice */
    pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    if (pid == 0) {
        /* other workers' sockets would keep them from ever seeing EOF */
        for (i = 0; i < p->opts->jobs; i++)
            if (p->w[i].fd >= 0) close(p->w[i].fd);
        close(sv[0]);
        worker_main(p, sv[1]);
        _exit(0);
    }
    close(sv[1]);
    w->pid = pid;
    w->fd = sv[0];
    w->qlen = w->qhead = w->qbytes = 0;
    return 0;
}

/* Stop a worker for good (killing it if asked) and reap it; returns its
 * wait status. */
static int retire(struct worker *w, int kill_it)
{
    int status = 0;

    if (w->fd >= 0) close(w->fd);
    if (kill_it) kill(w->pid, SIGKILL);
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    w->pid = 0;
    w->fd = -1;
    w->qlen = w->qhead = w->qbytes = 0;
    return status;
}

static void finish(struct pool *p, uint64_t seq, int status, char *yaml,
                   size_t ylen, char *msg)
{
    struct slot *s = &p->slots[seq % p->nslots];

    s->state = SLOT_DONE;
    s->status = status;
    s->yaml = yaml;
    s->ylen = ylen;
    if (status == EXIT_OK && s->item.record) { /* the reply names the output */
        s->out = msg;
        msg = NULL;
    }
    s->msg = msg;
}

static uint64_t head(const struct worker *w)
{
    return w->q[w->qhead];
}

/* The articles queued behind the head go back to be handed out again. */
static void requeue(struct pool *p, struct worker *w)
{
    size_t k;

    for (k = 1; k < w->qlen; k++) {
        uint64_t seq = w->q[(w->qhead + k) % QMAX];
        p->slots[seq % p->nslots].state = SLOT_WAITING;
        p->retry[p->nretry++] = seq;
    }
}

/* A worker's connection ended without a reply: it crashed. */
static void worker_died(struct pool *p, struct worker *w)
{
    uint64_t seq = head(w);
    const char *name = p->slots[seq % p->nslots].item.name;
    struct gl_buf msg = {0};
    int st;

    requeue(p, w);
    st = retire(w, 1);

    if (WIFSIGNALED(st))
        gl_buf_printf(&msg, "gloss: error: %s: the worker crashed (signal %d); "
                      "this is a bug in gloss\n", name, WTERMSIG(st));
    else
        gl_buf_printf(&msg, "gloss: error: %s: the worker stopped (exit %d)\n",
                      name, WEXITSTATUS(st));
    finish(p, seq, EXIT_INTERNAL, NULL, 0, msg.p);
}

/* The watchdog: a worker past the budget plus grace is stuck where no
 * Lua hook reaches; kill it. */
static void watchdog(struct pool *p, uint64_t now)
{
    uint64_t limit = (uint64_t)(p->opts->timeout_ms + p->opts->grace_ms) * 1000000u;
    int i;

    for (i = 0; i < p->opts->jobs; i++) {
        struct worker *w = &p->w[i];
        uint64_t seq, took = (now - w->started) / 1000000u;
        struct gl_buf msg = {0};

        if (!w->qlen || now - w->started < limit) continue;
        seq = head(w);
        requeue(p, w);
        retire(w, 1);
        gl_buf_printf(&msg, "gloss: error: %s: time limit (%lu ms) exceeded; "
                      "the article's worker was stopped by force after "
                      "%llu ms\n", p->slots[seq % p->nslots].item.name,
                      p->opts->timeout_ms, (unsigned long long)took);
        finish(p, seq, EXIT_LIMIT, NULL, 0, msg.p);
    }
}

/* Milliseconds until the watchdog is next due, or -1 (no budget). */
static int poll_timeout(struct pool *p, uint64_t now)
{
    uint64_t limit = (uint64_t)(p->opts->timeout_ms + p->opts->grace_ms) * 1000000u;
    uint64_t soonest = UINT64_MAX;
    int i;

    if (!p->opts->timeout_ms) return -1;
    for (i = 0; i < p->opts->jobs; i++) {
        struct worker *w = &p->w[i];
        uint64_t due;

        if (!w->qlen) continue;
        due = w->started + limit;
        if (due < soonest) soonest = due;
    }
    if (soonest == UINT64_MAX) return -1;
    return soonest <= now ? 0 : (int)((soonest - now) / 1000000u + 1);
}

/* The worker to give an article of `size` bytes: the least loaded one that
 * can take it (an idle one takes anything), starting a new worker rather
 * than queuing behind a busy one; NULL if none can take it now. */
static struct worker *choose(struct pool *p, size_t size, int *failed)
{
    struct worker *best = NULL;
    int i;

    for (i = 0; i < p->opts->jobs; i++) {
        struct worker *w = &p->w[i];

        if (!w->pid) continue;
        if (w->qlen && (w->qlen == QMAX || w->qbytes + size > QBYTES)) continue;
        if (!best || w->qlen < best->qlen) best = w;
    }
    if (best && !best->qlen) return best;
    for (i = 0; i < p->opts->jobs; i++)
        if (!p->w[i].pid) {
            if (spawn(p, &p->w[i]) != 0) {
                *failed = 1;
                return NULL;
            }
            return &p->w[i];
        }
    return best;
}

/* Send article `seq` to w and queue it there. */
static void hand_out(struct pool *p, struct worker *w, uint64_t seq)
{
    struct slot *s = &p->slots[seq % p->nslots];
    const char *body = s->item.path ? s->item.path : s->item.text;
    size_t blen = s->item.path ? strlen(s->item.path) : s->item.len;
    size_t size = blen + strlen(s->item.name);
    struct gl_buf at = {0};
    int kind = s->item.path ? WIRE_PATH : WIRE_TEXT;

    s->state = SLOT_RUNNING;
    if (!w->qlen) w->started = gl_now_ns();
    else w->qbytes += size;
    w->q[(w->qhead + w->qlen) % QMAX] = seq;
    w->qsize[(w->qhead + w->qlen) % QMAX] = size;
    w->qlen++;
    if (s->item.record) {
        struct gl_record_at where;

        where.path = s->item.name;
        where.base = s->item.base;
        where.line = s->item.line;
        gl_record_at_pack(&where, &at);
        kind = WIRE_RECORD;
    } else {
        gl_buf_add(&at, s->item.name, strlen(s->item.name));
    }
    if (wire_send(w->fd, seq, kind, at.p, at.len, body, blen))
        worker_died(p, w);
    gl_buf_free(&at);
}

static size_t item_size(const struct gl_item *it)
{
    return (it->path ? strlen(it->path) : it->len) + strlen(it->name);
}

/* Read every reply that is ready, then run the watchdog. */
static void collect(struct pool *p)
{
    struct pollfd *pfd = xcalloc((size_t)p->opts->jobs, sizeof *pfd);
    int *who = xcalloc((size_t)p->opts->jobs, sizeof *who);
    int i, n = 0, rc;

    for (i = 0; i < p->opts->jobs; i++)
        if (p->w[i].qlen) {
            pfd[n].fd = p->w[i].fd;
            pfd[n].events = POLLIN;
            who[n++] = i;
        }
    rc = n ? poll(pfd, (nfds_t)n, poll_timeout(p, gl_now_ns())) : 0;
    for (i = 0; rc > 0 && i < n; i++) {
        struct worker *w = &p->w[who[i]];
        struct wire_msg m;

        if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        if (wire_recv(w->fd, &m) == 1 && m.seq == head(w)) {
            finish(p, m.seq, m.kind, m.a, m.alen, m.b);
            w->qhead = (w->qhead + 1) % QMAX;
            if (--w->qlen) {
                w->qbytes -= w->qsize[w->qhead];
                w->started = gl_now_ns();
            }
        } else {
            if (m.a) wire_free(&m);
            worker_died(p, w);
        }
    }
    if (p->opts->timeout_ms) watchdog(p, gl_now_ns());
    free(pfd);
    free(who);
}

int gl_pool_run(struct gl_engine *eng, const struct gl_run_info *run,
                const struct gl_pool_opts *opts, gl_next_fn next, void *nctx,
                gl_result_fn result, void *rctx)
{
    struct pool p;
    uint64_t next_seq = 0, flush_seq = 0, pending = 0;
    int inputs_done = 0, stop = 0, failed = 0, has_pending = 0, i;

    p.eng = eng;
    p.run = run;
    p.opts = opts;
    p.w = xcalloc((size_t)opts->jobs, sizeof *p.w);
    for (i = 0; i < opts->jobs; i++) p.w[i].fd = -1;
    /* the reorder window: every queue full, plus as much again waiting */
    p.nslots = 2 * (size_t)opts->jobs * (QMAX + 1);
    p.slots = xcalloc(p.nslots, sizeof *p.slots);
    p.retry = xcalloc(p.nslots, sizeof *p.retry);
    p.nretry = 0;

    while (!stop && !failed) {
        /* hand out articles (ones to retry first) while workers can take
         * them and the reorder window has room */
        for (;;) {
            struct worker *w;

            if (!has_pending) {
                if (p.nretry) {
                    pending = p.retry[--p.nretry];
                } else if (!inputs_done && next_seq - flush_seq < p.nslots) {
                    struct slot *s = &p.slots[next_seq % p.nslots];

                    if (!next(nctx, &s->item)) {
                        inputs_done = 1;
                        break;
                    }
                    if (s->item.error) { /* failed before annotation */
                        finish(&p, next_seq++, s->item.status, NULL, 0,
                               xstrdup(s->item.error));
                        continue;
                    }
                    s->state = SLOT_WAITING;
                    pending = next_seq++;
                } else {
                    break;
                }
                has_pending = 1;
            }
            w = choose(&p, item_size(&p.slots[pending % p.nslots].item), &failed);
            if (!w) break;
            hand_out(&p, w, pending);
            has_pending = 0;
        }
        /* deliver, in input order, what is finished */
        while (flush_seq < next_seq &&
               p.slots[flush_seq % p.nslots].state == SLOT_DONE) {
            struct slot *s = &p.slots[flush_seq % p.nslots];

            if (!stop)
                stop = result(rctx, &s->item, s->status, s->yaml, s->ylen,
                              s->msg ? s->msg : "", s->out);
            gl_item_free(&s->item);
            free(s->yaml);
            free(s->msg);
            free(s->out);
            memset(s, 0, sizeof *s);
            flush_seq++;
        }
        if (inputs_done && !has_pending && !p.nretry && flush_seq == next_seq)
            break;
        if (!stop && !failed) collect(&p);
    }
    if (failed) fprintf(stderr, "gloss: error: cannot start a worker: %s\n",
                        strerror(errno));
    for (i = 0; i < opts->jobs; i++)
        if (p.w[i].pid) retire(&p.w[i], p.w[i].qlen != 0);
    for (size_t k = 0; k < p.nslots; k++) {
        gl_item_free(&p.slots[k].item);
        free(p.slots[k].yaml);
        free(p.slots[k].msg);
        free(p.slots[k].out);
    }
    free(p.retry);
    free(p.slots);
    free(p.w);
    return failed ? -1 : 0;
}
