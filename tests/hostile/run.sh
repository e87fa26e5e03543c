#!/bin/sh
# run.sh - the hostile-script suite: every case of tests/hostile/cases.tsv
# runs with $GLOSS (default $BUILD/gloss) and again with the binary that
# `make install DESTDIR=...` installs, because a sandbox is only as good as
# what ships. Checks exit code, a stderr substring and the wall time; prints
# "ok - hostile NAME (X.XX s)" / "not ok - ...". Test layer.
# Usage: BUILD=build sh tests/hostile/run.sh   (from the repository root)
BUILD=${BUILD:-build}
GLOSS=${GLOSS:-$BUILD/gloss}
H=tests/hostile
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
status=0
tab=$(printf '\t')

# sanitizers and valgrind make everything slower: scale the time limits
case "$GLOSS $BUILD" in
    *asan*|*valgrind*) slack=${HOSTILE_SLACK:-4} ;;
    *) slack=${HOSTILE_SLACK:-1} ;;
esac

head -c 200000 /dev/zero | tr '\0' a > "$T/big.txt"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# one_case BINARY PREFIX NAME EXIT MAXS SUBSTR OPTS ARTICLE AFTER
one_case() {
    bin=$1 pre=$2 name=$3 want=$4 maxs=$5 sub=$6 opts=$7 art=$8 after=$9
    [ "$opts" = - ] && opts=
    case $art in -) art=$H/article.txt ;; big) art=$T/big.txt ;; esac
    more=
    if [ "$after" != - ]; then
        for s in $after; do more="$more --script $H/scripts/$s.lua"; done
    fi
    limit=$(awk "BEGIN { print $maxs * $slack }")
    t0=$(now_ms)
    # shellcheck disable=SC2086 # opts and more are word lists on purpose
    timeout $(awk "BEGIN { print $limit + 10 }") "$bin" run $opts \
        --script "$H/scripts/$name.lua" $more "$art" >"$T/out" 2>"$T/err"
    got=$?
    t1=$(now_ms)
    secs=$(awk "BEGIN { printf \"%.2f\", ($t1 - $t0) / 1000 }")
    why=
    [ "$got" -eq "$want" ] || why="exit $got, expected $want"
    if [ -z "$why" ] && [ "$sub" != - ] && ! grep -qF -- "$sub" "$T/err"; then
        why="stderr lacks '$sub'"
    fi
    if [ -z "$why" ] && awk "BEGIN { exit !($secs > $limit) }"; then
        why="took $secs s, limit $limit s"
    fi
    if [ -z "$why" ]; then
        echo "ok - hostile $pre$name (${secs} s)"
    else
        echo "not ok - hostile $pre$name: $why (${secs} s)"
        sed 's/^/#   /' "$T/err" | head -n 5
        status=1
    fi
}

run_all() {
    while IFS=$tab read -r name want maxs sub opts art after; do
        case $name in ''|'#'*) continue ;; esac
        one_case "$1" "$2" "$name" "$want" "$maxs" "$sub" "$opts" "$art" "$after"
    done < "$H/cases.tsv"
}

# A preset's output must not change when a poisoning script runs first.
preset_unmoved() {
    bin=$1 pre=$2
    "$bin" run --preset quotes "$H/article.txt" 2>/dev/null |
        grep -v -e 'preset:quotes' -e '\.lua' > "$T/clean.yaml"
    "$bin" run --script "$H/scripts/poison_libs.lua" \
        --script "$H/scripts/poison_string.lua" \
        --script "$H/scripts/poison_globals.lua" \
        --preset quotes "$H/article.txt" 2>/dev/null |
        grep -v -e 'preset:quotes' -e '\.lua' > "$T/poisoned.yaml"
    if [ -s "$T/clean.yaml" ] && grep -q 'type: claim' "$T/clean.yaml" &&
        cmp -s "$T/clean.yaml" "$T/poisoned.yaml"; then
        echo "ok - hostile ${pre}the quotes preset is unmoved by poisoning scripts"
    else
        echo "not ok - hostile ${pre}the quotes preset is unmoved by poisoning scripts"
        diff "$T/clean.yaml" "$T/poisoned.yaml" | sed 's/^/#   /' | head -n 10
        status=1
    fi
}

run_all "$GLOSS" ""
preset_unmoved "$GLOSS" ""

if make -s BUILD="$BUILD" install PREFIX=/usr DESTDIR="$T/inst" >/dev/null 2>&1 &&
    [ -x "$T/inst/usr/bin/gloss" ]; then
    run_all "$T/inst/usr/bin/gloss" "installed "
    preset_unmoved "$T/inst/usr/bin/gloss" "installed "
else
    echo "not ok - hostile: make install PREFIX=/usr DESTDIR=... failed"
    status=1
fi
exit $status
