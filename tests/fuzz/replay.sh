#!/bin/sh
# replay.sh - run every saved fuzz input (tests/fuzz/regress/TARGET/* and
# tests/fuzz/corpus/TARGET/*) through the standalone build of its target
# ($BUILD/fuzz/TARGET, built by `make fuzz-replay` or `make check`).
# Prints "ok - fuzz replay TARGET FILE" or "not ok - ..." per file.
# Usage: BUILD=build sh tests/fuzz/replay.sh   (from the repository root)
BUILD=${BUILD:-build}
status=0

for dir in tests/fuzz/regress/* tests/fuzz/corpus/*; do
    [ -d "$dir" ] || continue
    t=$(basename "$dir")
    bin=$BUILD/fuzz/$t
    if [ ! -x "$bin" ]; then
        echo "not ok - fuzz replay $t (no $bin: run make fuzz-replay)"
        status=1
        continue
    fi
    for f in "$dir"/*; do
        [ -f "$f" ] || continue
        if out=$("$bin" "$f" 2>&1); then
            echo "ok - fuzz replay $t $f"
        else
            echo "not ok - fuzz replay $t $f"
            printf '%s\n' "$out" | sed 's/^/#   /' | head -n 40
            status=1
        fi
    done
done
exit $status
