#!/bin/sh
# Lua API tests: each tests/lua/NAME_test.lua runs as a gloss script over
# tests/lua/NAME.txt (or tests/lua/article.txt) and reports through the
# helpers in tests/lua/testlib.lua. A script that dies is one failure.
# A line "-- articles: A B" in a test's header names its articles instead
# (for tests that need several articles in one run).
GLOSS=${GLOSS:-${BUILD:-build}/gloss}
for t in tests/lua/*_test.lua; do
    [ -f "$t" ] || continue
    name=$(basename "$t" _test.lua)
    article=tests/lua/$name.txt
    [ -f "$article" ] || article=tests/lua/article.txt
    listed=$(sed -n '1,20s/^-- articles: //p' "$t")
    [ -n "$listed" ] && article=$listed
    # shellcheck disable=SC2086 # $article may list several files
    out=$("$GLOSS" run --script "$t" $article 2>&1 >/dev/null)
    status=$?
    # print() prefixes "file:line: "; keep what follows it
    printf '%s\n' "$out" | sed -n 's/^.*\(not ok - .*\)$/\1/p; t
s/^.*: \(ok - .*\)$/\1/p'
    if [ $status -ne 0 ]; then
        echo "not ok - $name: script exited $status"
        printf '%s\n' "$out" | sed 's/^/#   /' | head -20
    fi
done
