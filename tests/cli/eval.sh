#!/bin/sh
# eval.sh - CLI tests of `gloss convert` and `gloss eval`: gold converters
# on small PolNeAR/CoNLL-format files written here, scores on a hand-made
# prediction worked out on paper, folder pairing, JSON output and errors.
# Run from the repository root.
GLOSS=${GLOSS:-${BUILD:-build}/gloss}
case $GLOSS in /*) ;; *) GLOSS=$PWD/$GLOSS ;; esac
T=$(mktemp -d)
. tests/cli/lib.sh
[ -n "$KEEP" ] || trap 'rm -rf "$T"' EXIT INT TERM



# a row of the table: LABEL GOLD PRED EXACT_TP P R F1 LENIENT_TP P R F1
row() {
    grep -E "^$1 " "$T/out" | tr -s ' |' ' ' | sed 's/ $//'
}

mkdir -p "$T/gold" "$T/pred" "$T/in"
# The article: code points and bytes differ after "Café" and in “ ”.
printf 'Café owner Ana Ruiz said the plan \342\200\234will fail\342\200\235, she added.\nOfficials, the mayor said, disagreed with Ruiz.\n' > "$T/in/art.txt"
# E1 gives only code points; E2 has a discontinuous content; E3 shares
# E1's source; E4 has none; E5's offsets do not give its text.
cat > "$T/in/art.json" <<'EOF'
{"id": "art", "attributions": [
 {"id": "E1", "type": "Attribution", "source": [[11, 19]], "cue": [[20, 24]],
  "content": [[25, 45]], "source_text": ["Ana Ruiz"], "cue_text": ["said"],
  "content_text": ["the plan \u201cwill fail\u201d"]},
 {"id": "E2", "type": "Attribution", "source": [[69, 78]], "cue": [[79, 83]],
  "content": [[58, 67], [85, 104]], "source_text": ["the mayor"],
  "cue_text": ["said"], "content_text": ["Officials", "disagreed with Ruiz"],
  "utf8": {"source": [[74, 83]], "cue": [[84, 88]], "content": [[63, 72], [90, 109]]}},
 {"id": "E3", "type": "Attribution", "source": [[11, 19]], "cue": [[51, 56]],
  "content": [[47, 50]], "source_text": ["Ana Ruiz"], "cue_text": ["added"],
  "content_text": ["she"]},
 {"id": "E4", "type": "Attribution-no-source", "source": [], "cue": [[79, 83]],
  "content": [[58, 67]], "source_text": [], "cue_text": ["said"],
  "content_text": ["Officials"]},
 {"id": "E5", "type": "Attribution", "source": [], "cue": [],
  "content": [[0, 4]], "source_text": [], "cue_text": [],
  "content_text": ["Cafe"]}
]}
EOF
printf 'Reuters reports that Ana Ruiz met EU officials in Madrid .\n' > "$T/in/wire.txt"
cat > "$T/in/wire.json" <<'EOF'
{"entities": [{"type": "ORG", "start": 0, "end": 7, "text": "Reuters"},
 {"type": "PER", "start": 21, "end": 29, "text": "Ana Ruiz"},
 {"type": "ORG", "start": 34, "end": 36, "text": "EU"},
 {"type": "LOC", "start": 50, "end": 56, "text": "Madrid"}]}
EOF

run "convert polnear" 0 "1 gold pieces skipped" "$GLOSS" convert polnear -o "$T/gold" "$T/in/art.json"
ok "convert reports the piece whose offsets do not give its text" grep -q "attribution E5 content piece 1: offsets \[0, 4) do not give the gold text \"Cafe\"" "$T/err"
Y=$T/gold/art.yaml
ok "polnear: 5 claim pieces for E1-E4 (E5 has none left)" test "$(grep -c '^  type: claim' "$Y")" -eq 5
ok "polnear: a shared source is written once" test "$(grep -c '^  type: source' "$Y")" -eq 2
ok "polnear: a shared cue is written once" test "$(grep -c '^  type: cue' "$Y")" -eq 3
ok "polnear: code points are turned into bytes" grep -q 'byte_end: 50' "$Y"
ok "polnear: a second piece links to the first as part" grep -q '^    part: ' "$Y"
ok "polnear: a claim with no source is marked" test "$(grep -c 'unattributed: true' "$Y")" -eq 1
ok "polnear: the gold type and id are kept" grep -q 'gold_type: "Attribution-no-source"\|gold_type: Attribution-no-source' "$Y"
ok "polnear: gold annotations are accepted" sh -c "! grep -q 'review: pending' \"$Y\""
ok "polnear: the output names the article" grep -q "path: \"$T/in/art.txt\"" "$Y"

run "convert conll into a .yaml file" 0 "0 gold pieces skipped" "$GLOSS" convert conll -o "$T/gold/wire.yaml" "$T/in/wire.json"
ok "conll: 4 actors with kinds" test "$(grep -c '^    kind: ' "$T/gold/wire.yaml")" -eq 4
ok "conll: ORG becomes organisation" grep -q 'kind: organisation' "$T/gold/wire.yaml"
ok "conll: LOC becomes location" grep -q 'kind: location' "$T/gold/wire.yaml"

run "gold scored against itself" 0 "" "$GLOSS" eval "$Y" "$Y"
ok "self-score: every claim found exactly" test "$(row claim)" = "claim 4 4 4 1.000 1.000 1.000 4 1.000 1.000 1.000"
ok "self-score: attributions all found" test "$(row attribution)" = "attribution 4 4 4 1.000 1.000 1.000 4 1.000 1.000 1.000"
ok "self-score: claim.source links" test "$(row claim.source)" = "claim.source 3 3 3 1.000 1.000 1.000 3 1.000 1.000 1.000"

# A prediction: E1 exactly with its source; "disagreed" overlaps E2's
# second piece but has no source; "Café" is a false hit.
cat > "$T/pred.lua" <<'EOF'
local doc = ...
local function find(p) return gloss.regex(p):find(doc) end
local c = doc:tag("claim", find("the plan “will fail”"))
doc:link(c, "source", doc:tag("source", find("Ana Ruiz")))
doc:tag("claim", find("disagreed"))
doc:tag("claim", find("Café"))
EOF
run "a prediction" 0 "" "$GLOSS" run --script "$T/pred.lua" -o "$T/pred/art.yaml" "$T/in/art.txt"
# claims: gold 4 (E2's two pieces are one), pred 3; exact 1 -> P 1/3
# R 1/4 F1 2/7; lenient 2 -> P 2/3 R 2/4 F1 4/7. attribution: only E1 ->
# P 1/3 R 1/4 F1 2/7.
run "eval one file" 0 "" "$GLOSS" eval "$Y" "$T/pred/art.yaml"
ok "claim row worked out by hand" test "$(row claim)" = "claim 4 3 1 0.333 0.250 0.286 2 0.667 0.500 0.571"
ok "attribution row worked out by hand" test "$(row attribution)" = "attribution 4 3 1 0.333 0.250 0.286 1 0.333 0.250 0.286"
ok "source row: 1 of 2 gold sources" test "$(row source)" = "source 2 1 1 1.000 0.500 0.667 1 1.000 0.500 0.667"
ok "claim.cue: nothing predicted, precision undefined" test "$(row claim.cue)" = "claim.cue 4 0 0 - 0.000 0.000 0 - 0.000 0.000"

run "--types limits the rows" 0 "" "$GLOSS" eval --types source "$Y" "$T/pred/art.yaml"
ok "--types source: no claim row" sh -c "! grep -q '^claim ' \"$T/out\" && grep -q '^source ' \"$T/out\""

run "--misses lists misses and false hits" 0 "" "$GLOSS" eval --misses 3 "$Y" "$T/pred/art.yaml"
ok "a false hit with its text and file:line:col" grep -qF "claim false-hit $T/in/art.txt:1:1 \"Café\"" "$T/out"
ok "a miss says why" grep -qF "attribution miss $T/in/art.txt:2:1 \"Officials ... disagreed with Ruiz\"  # content found, but no predicted source" "$T/out"
run "--misses 1" 0 "" "$GLOSS" eval --misses 1 "$Y" "$T/pred/art.yaml"
ok "--misses 1 cuts the list" grep -q '^claim miss \.\.\. and 1 more' "$T/out"

run "--json" 0 "" "$GLOSS" eval --json --misses 1 "$Y" "$T/pred/art.yaml"
if command -v python3 >/dev/null 2>&1; then
    ok "--json is valid JSON with the figures" python3 -c "
import json,sys
d=json.load(open('$T/out'))
r={x['row']:x for x in d['rows']}
assert d['articles']==1
assert r['claim']['lenient']['tp']==2 and abs(r['claim']['lenient']['f1']-0.5714)<1e-9
assert r['claim.cue']['exact']['precision'] is None
assert any(m['what']=='false_hit' and m['text']=='Café' for m in d['misses'])
"
fi

# folders: paired by name; a missing prediction counts as empty
cp "$T/pred/art.yaml" "$T/pred/extra.yaml"
run "folders are paired by file name" 0 "no prediction $T/pred/wire.yaml" "$GLOSS" eval "$T/gold" "$T/pred"
ok "a prediction without gold is reported" grep -q "1 file(s) in $T/pred have no gold" "$T/err"
ok "two articles scored" grep -q '^gloss eval: 2 article(s)' "$T/out"
ok "the CoNLL actors count as missed" test "$(row actor)" = "actor 4 0 0 - 0.000 0.000 0 - 0.000 0.000"
run "gold folder against itself, typed" 0 "" "$GLOSS" eval --typed --types actor "$T/gold" "$T/gold"
ok "typed: a row per kind" test "$(row actor/organisation)" = "actor/organisation 2 2 2 1.000 1.000 1.000 2 1.000 1.000 1.000"
run "--kinds drops other kinds" 0 "" "$GLOSS" eval --kinds person,location --types actor "$T/gold" "$T/gold"
ok "--kinds person,location keeps 2 actors" test "$(row actor)" = "actor 2 2 2 1.000 1.000 1.000 2 1.000 1.000 1.000"
run "--ignore leaves out annotations with an attr" 0 "" "$GLOSS" eval --ignore kind=organisation --types actor "$T/gold" "$T/gold"
ok "--ignore kind=organisation: 2 actors left" test "$(row actor)" = "actor 2 2 2 1.000 1.000 1.000 2 1.000 1.000 1.000"
run "eval: --ignore wants KEY=VALUE" 2 "not mention" "$GLOSS" eval --ignore mention "$Y" "$Y"
ok "same output twice (deterministic)" sh -c "\"$GLOSS\" eval --misses 5 \"$T/gold\" \"$T/pred\" > \"$T/a\" 2>/dev/null; \"$GLOSS\" eval --misses 5 \"$T/gold\" \"$T/pred\" > \"$T/b\" 2>/dev/null; cmp -s \"$T/a\" \"$T/b\""

# errors
run "eval needs two arguments" 2 "need GOLD and PRED" "$GLOSS" eval "$Y"
run "eval: unknown option" 2 "unknown option --frob" "$GLOSS" eval --frob "$Y" "$Y"
run "eval: --kinds wants normalised kinds" 2 "not country" "$GLOSS" eval --kinds country "$Y" "$Y"
run "eval: folder against a file" 2 "must be one too" "$GLOSS" eval "$T/gold" "$Y"
printf 'gloss: 1\nbogus: [\n' > "$T/bad.yaml"
run "eval: a broken file is an input error with line:col" 3 "$T/bad.yaml:" "$GLOSS" eval "$T/bad.yaml" "$Y"
run "eval: files about different articles" 3 "different articles" "$GLOSS" eval "$Y" "$T/gold/wire.yaml"
run "convert: unknown corpus" 2 "unknown corpus" "$GLOSS" convert ace -o "$T/x" "$T/in/art.json"
run "convert: no -o" 2 "no output" "$GLOSS" convert conll "$T/in/wire.json"
printf '{"entities": [1,]}' > "$T/in/broken.json"
cp "$T/in/wire.txt" "$T/in/broken.txt"
run "convert: broken JSON with line:col" 3 "broken.json:1:17: trailing comma" "$GLOSS" convert conll -o "$T/x" "$T/in/broken.json"
printf '{"entities": []}' > "$T/in/lonely.json"
run "convert: the article must be beside the JSON" 3 "lonely.txt" "$GLOSS" convert conll -o "$T/x" "$T/in/lonely.json"

# the real corpora, when present: every dev piece must slice its text
D=../shared/data
if [ -d "$D/polnear/dev" ] && [ -d "$D/conll/dev" ]; then
    run "real PolNeAR dev converts with no mismatch" 0 "0 gold pieces skipped" "$GLOSS" convert polnear -o "$T/pn" "$D/polnear/dev"
    run "real CoNLL dev converts with no mismatch" 0 "0 gold pieces skipped" "$GLOSS" convert conll -o "$T/cn" "$D/conll/dev"
    run "real PolNeAR gold scores 1 against itself" 0 "" "$GLOSS" eval "$T/pn" "$T/pn"
    ok "PolNeAR dev: 2189 attributions" grep -q '^attribution  *2189  *2189 |  *2189  *1.000' "$T/out"
else
    echo "# skipped: $D is absent (real-corpus checks)"
fi
