#!/bin/sh
# eval.sh - what `make eval` runs: converts the PolNeAR and CoNLL-2003 gold
# data in ../shared/data to gloss files, runs a preset over the same
# articles and prints `gloss eval`'s figures. Run from the repository root.
#   SPLIT=dev|train (default dev)   PRESET=news (falls back to quotes)
#   DATA=../shared/data   MISSES=N lists misses and false hits too
GLOSS=${GLOSS:-${BUILD:-build}/gloss}
DATA=${DATA:-../shared/data}
SPLIT=${SPLIT:-dev}
PRESET=${PRESET:-news}

if [ ! -d "$DATA/polnear/$SPLIT" ] || [ ! -d "$DATA/conll/$SPLIT" ]; then
    echo "eval: skipped: no gold data at $DATA/{polnear,conll}/$SPLIT (the shared research data is absent)"
    exit 0
fi
if ! "$GLOSS" presets | grep -q "^$PRESET "; then
    echo "eval: preset '$PRESET' does not exist yet; using 'quotes' instead"
    PRESET=quotes
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
set -e
[ -n "$MISSES" ] && M="--misses $MISSES" || M=

# seconds since the epoch with fractions, for rough timings
now() { date +%s.%N; }

echo "== gloss eval: preset '$PRESET' on the $SPLIT split"
"$GLOSS" convert polnear -o "$T/polnear-gold" "$DATA/polnear/$SPLIT"
"$GLOSS" convert conll -o "$T/conll-gold" "$DATA/conll/$SPLIT"
mkdir -p "$T/polnear-pred" "$T/conll-pred"
for c in polnear conll; do
    t0=$(now)
    # an article the preset fails on has no output: eval counts it empty
    "$GLOSS" run --preset "$PRESET" -o "$T/$c-pred" "$DATA/$c/$SPLIT"/*.txt ||
        echo "eval: warning: gloss run failed on some $c articles (status $?)"
    t1=$(now)
    mb=$(cat "$DATA/$c/$SPLIT"/*.txt | wc -c)
    awk -v a="$t0" -v b="$t1" -v n="$mb" -v c="$c" 'BEGIN {
        printf "%s: annotated %.2f MB in %.2f s\n", c, n / 1e6, b - a }'
done

echo
echo "== PolNeAR $SPLIT: claims, sources, cues"
"$GLOSS" eval --types claim,source,cue $M "$T/polnear-gold" "$T/polnear-pred" | tee "$T/polnear.txt"
echo
echo "== CoNLL-2003 $SPLIT: actors (PER/ORG/LOC; MISC is don't-care; pronoun mentions are not names and not scored)"
"$GLOSS" eval --types actor --kinds person,organisation,location --ignore mention=pronoun $M "$T/conll-gold" "$T/conll-pred" | tee "$T/conll.txt"
echo
echo "== CoNLL-2003 $SPLIT: actors, typed"
"$GLOSS" eval --typed --types actor --kinds person,organisation,location --ignore mention=pronoun "$T/conll-gold" "$T/conll-pred" | tee "$T/conll-typed.txt"

# LABEL gold pred | tp P R F1 | tp P R F1  ->  fields 2..11 once squeezed
pick() { grep -E "^$2 " "$1" | tr -s ' |' ' ' | cut -d' ' -f"$3"; }
echo
echo "== summary ($SPLIT, preset $PRESET)"
echo "PolNeAR end-to-end F1 (lenient content + correct source): $(pick "$T/polnear.txt" attribution 11)  (P $(pick "$T/polnear.txt" attribution 9), R $(pick "$T/polnear.txt" attribution 10))   target >= 0.60"
echo "CoNLL actors, exact span, any type: F1 $(pick "$T/conll.txt" actor 7)   target >= 0.90"
echo "CoNLL actors, exact span, typed PER/ORG/LOC: F1 $(pick "$T/conll-typed.txt" actor 7)   target >= 0.80"
