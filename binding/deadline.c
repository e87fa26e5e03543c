/* deadline.c - stopping a script at its time limit without a hook on
 * every instruction. Binding layer.
 *
 * A Lua count hook, however rare its calls, makes the VM check for hooks
 * before every instruction: with one set, scripts ran ~19% more
 * instructions. So the main thread runs with no hook, and a SIGALRM at
 * the deadline sets a one-instruction hook (lua_sethook may be called
 * from a signal handler), which raises the timeout there and then.
 * Coroutines are the exception: the handler cannot know which thread is
 * running, so a coroutine made by a script gets the periodic clock
 * check when it is created (sandbox.c); scripts rarely make any. */
#include "engine_int.h"

#include <signal.h>
#include <string.h>
#include <sys/time.h>

#include "budget.h"

static struct gl_engine *volatile armed;

static void on_alarm(int sig)
{
    struct gl_engine *eng = armed;

    (void)sig;
    if (!eng) return;
    eng->deadline_hit = 1;
    lua_sethook(eng->L, lgl_time_hook, LUA_MASKCOUNT, 1);
}

void lgl_deadline_arm(struct gl_engine *eng, unsigned long ms)
{
    static int installed;
    struct itimerval t;

    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_alarm;
        sa.sa_flags = SA_RESTART; /* a lexicon file read must not see EINTR */
        sigemptyset(&sa.sa_mask);
        sigaction(SIGALRM, &sa, NULL);
        installed = 1;
    }
    eng->deadline_hit = 0;
    armed = eng;
    memset(&t, 0, sizeof t);
    t.it_value.tv_sec = (time_t)(ms / 1000);
    t.it_value.tv_usec = (suseconds_t)(ms % 1000) * 1000;
    setitimer(ITIMER_REAL, &t, NULL);
}

void lgl_deadline_disarm(void)
{
    struct itimerval t;

    memset(&t, 0, sizeof t);
    setitimer(ITIMER_REAL, &t, NULL);
    armed = NULL;
}

/* The hook a thread runs with between deadlines: none on the main
 * thread; the periodic clock check on a coroutine. */
void lgl_restore_hook(struct gl_engine *eng, lua_State *L)
{
    if (L != eng->L && eng->lim.timeout_ms)
        lua_sethook(L, lgl_time_hook, LUA_MASKCOUNT, HOOK_EVERY);
    else
        lua_sethook(L, NULL, 0, 0);
}
