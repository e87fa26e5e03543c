#!/bin/sh
# bench.sh - what `make bench` runs: the speed of a preset end to end over
# the news corpora in ../shared/data/news (BBC + Reuters-21578), as whole
# gloss processes writing YAML files, against a floor measured in the same
# run: pcre2grep (or grep -P, which is PCRE2 too) counting one cue regex
# over the same text. Prints MB/s, articles/s, peak RSS, the -j 2 speed-up,
# the start-up time and the ratio to the floor. A benchmark, not a test:
# nothing here passes or fails. Each figure is the best of RUNS runs (the
# machines are shared and noisy).
#   PRESET=news|quotes  RUNS=3  DATA=../shared/data/news
set -u
BUILD=${BUILD:-build}
GLOSS=${GLOSS:-$BUILD/gloss}
DATA=${DATA:-../shared/data/news}
RUNS=${RUNS:-3}
PRESET=${PRESET:-news}
CC=${CC:-cc}

if [ ! -f "$DATA/bbc/all.txt" ] || [ ! -f "$DATA/reuters21578/all.txt" ]; then
    echo "bench: skipped: no news corpora at $DATA (see ../shared/data/README.md)"
    exit 0
fi
[ -f "scripts/presets/$PRESET.lua" ] || PRESET=quotes
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

$CC -O2 -o "$T/corpus2jsonl" tools/corpus2jsonl.c || exit 1
for c in bbc reuters21578; do
    "$T/corpus2jsonl" "$DATA/$c/all.txt" "$DATA/$c/all.index.tsv"
done > "$T/corpus.jsonl" || exit 1
cat "$DATA/bbc/all.txt" "$DATA/reuters21578/all.txt" > "$T/all.txt"
articles=$(wc -l < "$T/corpus.jsonl")
bytes=$(wc -c < "$T/all.txt")

now() { date +%s.%N; }
calc() { awk "BEGIN { x = $1; if (x == int(x)) print x; else printf \"%.3f\\n\", x }"; }
fmt() { awk "BEGIN { printf \"%.${2:-1}f\\n\", $1 }"; }
mbs() { fmt "$bytes / 1000000 / $1" 1; }
# best wall time of several commands over RUNS rounds that take them in
# turn, so that a busy spell on the shared host hits each of them alike
# and the ratios between them hold. Arguments: NAME:COMMAND ...; sets
# best_NAME. COMMAND is evaluated here (no extra process in the timing).
race() {
    r=0
    while [ $r -lt "$RUNS" ]; do
        for spec in "$@"; do
            name=${spec%%:*}
            t0=$(now)
            eval "${spec#*:}" > "$T/stdout" 2>&1   # not /dev/null: GNU grep stops early there
            t1=$(now)
            t=$(calc "$t1 - $t0")
            eval "b=\${best_$name:-}"
            if [ -z "$b" ] || [ "$(calc "($t < $b)")" = 1 ]; then
                eval "best_$name=$t"
            fi
        done
        r=$((r + 1))
    done
}

CUE='\b(said|says|told|according to)\b'
if command -v pcre2grep >/dev/null 2>&1; then
    floor_tool="pcre2grep -c"
    floor_cmd="pcre2grep -c '$CUE' '$T/all.txt'"
else
    floor_tool="grep -cP (pcre2grep not installed: apt-get install pcre2-utils)"
    floor_cmd="grep -cP '$CUE' '$T/all.txt'"
fi

mkdir "$T/out1" "$T/out2"
# the floor, a YAML stream into one file (the usual corpus form) at -j 1
# and -j 2, then one file per article with -o DIR (22,000 files created
# by the dispatcher), taken in turn
race "floor:$floor_cmd" \
     "j1:'$GLOSS' run -p '$PRESET' -j 1 '$T/corpus.jsonl'" \
     "j2:'$GLOSS' run -p '$PRESET' -j 2 '$T/corpus.jsonl'" \
     "d1:rm -rf '$T/out1'; mkdir '$T/out1'; '$GLOSS' run -p '$PRESET' -j 1 -o '$T/out1' '$T/corpus.jsonl'" \
     "d2:rm -rf '$T/out2'; mkdir '$T/out2'; '$GLOSS' run -p '$PRESET' -j 2 -o '$T/out2' '$T/corpus.jsonl'"
floor=$best_floor j1=$best_j1 j2=$best_j2 d1=$best_d1 d2=$best_d2
rss="(GNU time not installed: apt-get install time)"
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$T/rss" "$GLOSS" run -p "$PRESET" -j 1 "$T/corpus.jsonl" > "$T/stdout" 2>&1
    rss="$(( $(tail -1 "$T/rss") / 1024 )) MB (largest process)"
fi
printf 'Minister Ana Ruiz said: "We will act."\n' > "$T/one.txt"
RUNS1=$RUNS RUNS=20
race "one:'$GLOSS' run -p '$PRESET' -o '$T/one.yaml' '$T/one.txt'" \
     "one_out:'$GLOSS' run -p '$PRESET' '$T/one.txt'"
one=$best_one one_out=$best_one_out
RUNS=$RUNS1

echo "bench: preset $PRESET over $articles articles, $(fmt "$bytes / 1000000") MB (best of $RUNS runs)"
echo "  floor  $floor_tool: ${floor} s, $(mbs "$floor") MB/s"
echo "  gloss -j 1, YAML stream to a file: ${j1} s, $(mbs "$j1") MB/s, $(fmt "$articles / $j1" 0) articles/s, peak RSS $rss"
echo "  gloss -j 2, YAML stream to a file: ${j2} s, $(mbs "$j2") MB/s; speed-up over -j 1: $(fmt "$j1 / $j2" 2)x"
echo "  gloss -j 1 / -j 2, -o DIR (one file per article): ${d1} s / ${d2} s, $(mbs "$d1") / $(mbs "$d2") MB/s"
echo "  ratio gloss -j 1 / floor: $(fmt "$j1 / $floor")x"
echo "  one-article start-up: $(fmt "$one_out * 1000") ms with the YAML on stdout, $(fmt "$one * 1000") ms written to a file (fsync'd, as a replaced file always is) (best of 20 each)"
