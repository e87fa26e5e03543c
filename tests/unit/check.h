/* check.h - the tiny harness of the C unit tests: CHECK() records a failure
 * with file:line and goes on; RUN() reports one test as "ok - name" or
 * "not ok - name" (the lines tests/run.sh counts). */
#ifndef GLOSS_CHECK_H
#define GLOSS_CHECK_H

#include <stdio.h>

static int check_failed_;
static int check_ntests_, check_nfail_;

#define CHECK(c)                                                          \
    do {                                                                  \
        if (!(c)) {                                                       \
            printf("#   %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__,   \
                   #c);                                                   \
            check_failed_ = 1;                                            \
        }                                                                 \
    } while (0)

/* CHECK with a printf-style explanation on failure. */
#define CHECKF(c, ...)                                                    \
    do {                                                                  \
        if (!(c)) {                                                       \
            printf("#   %s:%d: CHECK(%s) failed: ", __FILE__, __LINE__,   \
                   #c);                                                   \
            printf(__VA_ARGS__);                                          \
            printf("\n");                                                 \
            check_failed_ = 1;                                            \
        }                                                                 \
    } while (0)

#define RUN(fn) check_run_(#fn, fn)

static inline void check_run_(const char *name, void (*fn)(void))
{
    check_failed_ = 0;
    fn();
    check_ntests_++;
    if (check_failed_) check_nfail_++;
    printf("%s - %s\n", check_failed_ ? "not ok" : "ok", name);
    fflush(stdout);
}

/* Return value for main(). */
static inline int check_done(void)
{
    return check_nfail_ ? 1 : 0;
}

#endif
