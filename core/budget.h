/* budget.h - the wall-clock deadline of the article being processed.
 * Core layer. One per process: each worker process runs one article at a
 * time, and the checks must be cheap enough for hot loops (regex start
 * positions, Lua count hooks), so this is a plain global rather than a
 * pointer threaded through every call. */
#ifndef GLOSS_BUDGET_H
#define GLOSS_BUDGET_H

#include <stdint.h>

/* Arm the deadline `ms` milliseconds from now (0 disarms). */
void gl_budget_arm(uint64_t ms);
void gl_budget_disarm(void);

/* 1 once an armed deadline has passed. Reads the monotonic clock. */
int gl_budget_expired(void);

/* Milliseconds of the armed budget (0 when disarmed), for messages. */
uint64_t gl_budget_ms(void);

/* Monotonic time in nanoseconds. */
uint64_t gl_now_ns(void);

#endif
