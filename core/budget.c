/* budget.c - the per-process article deadline. Core layer. */
#include "budget.h"

#include <time.h>

static uint64_t deadline_ns; /* 0: disarmed */
static uint64_t budget_ms;

uint64_t gl_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void gl_budget_arm(uint64_t ms)
{
    budget_ms = ms;
    deadline_ns = ms ? gl_now_ns() + ms * 1000000u : 0;
}

void gl_budget_disarm(void)
{
    deadline_ns = 0;
    budget_ms = 0;
}

int gl_budget_expired(void)
{
    return deadline_ns && gl_now_ns() >= deadline_ns;
}

uint64_t gl_budget_ms(void)
{
    return budget_ms;
}
