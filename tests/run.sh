#!/bin/sh
# run.sh - the whole test suite: C unit tests, Lua API tests, golden YAML,
# CLI behaviour. Every suite prints "ok - NAME" / "not ok - NAME" lines;
# this script counts them and ends with "N passed, N failed".
# Usage: BUILD=build sh tests/run.sh   (run from the repository root)
BUILD=${BUILD:-build}
export BUILD
GLOSS=${GLOSS:-$BUILD/gloss}
export GLOSS
log=$(mktemp)
trap 'rm -f "$log"' EXIT INT TERM

suite() {
    name=$1
    shift
    echo "# --- $name"
    "$@" 2>&1 | tee -a "$log" | grep -E '^(not ok|ok|#)' | grep -Ev '^ok ' || true
}

for t in "$BUILD"/tests/unit/test_*; do
    [ -x "$t" ] || continue
    case $t in *.d|*.o) continue ;; esac
    suite "unit $(basename "$t")" "$t"
done
suite "lua API" sh tests/lua/run.sh
suite "golden YAML" sh tests/golden/run.sh
suite "CLI" sh tests/cli/run.sh
suite "check" sh tests/cli/check.sh
suite "eval" sh tests/cli/eval.sh
suite "hostile" sh tests/hostile/run.sh
suite "badinput" sh tests/badinput/run.sh
suite "review" sh tests/cli/review.sh
suite "gloss test" sh tests/cli/test_cmd.sh
suite "explain" sh tests/cli/explain.sh
suite "profile" sh tests/cli/profile.sh
suite "repl" sh tests/cli/repl.sh
suite "luacache" sh tests/cli/luacache.sh
[ -f tests/docs/run.sh ] && suite "docs" sh tests/docs/run.sh
[ -f tests/fuzz/replay.sh ] && suite "fuzz replay" sh tests/fuzz/replay.sh

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^not ok ' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
