#!/bin/sh
# `gloss run --explain`: why: blocks (regex and lexicon origins, evidence,
# notes), near_misses:, output unchanged without the flag, and the strict
# reader taking both back. Run from the repository root.
GLOSS=${GLOSS:-${BUILD:-build}/gloss}
case $GLOSS in /*) ;; *) GLOSS=$PWD/$GLOSS ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

ok() {
    name=$1
    shift
    if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi
}
# has FILE TEXT: the file holds this exact line (leading spaces included)
has() { grep -qxF -- "$2" "$1"; }

cat > "$T/a.txt" <<'TXT'
Protesters gathered outside the embassy on Monday. "We will stay until they listen," said Ali Hassan, a teacher.

"Nobody has told us anything." The crowd grew.

Officials said the talks would resume.
TXT
cat > "$T/rules.lua" <<'LUA'
local doc = ...
local day = gloss.regex([[\b(Mon|Tues)day\b]])
for m in day:gmatch(doc) do
  doc:tag("date", m:trim())
end
local crowd = gloss.regex("crowd"):find(doc)
doc:tag("group", crowd:union(crowd), nil, { seen = crowd, note = "a union has no origin" })
local lex = gloss.lexicon{ "the embassy" }
for sp in lex:find(doc) do doc:tag("place", sp) end
doc:tag("plain", doc:span(0, 10))
LUA

"$GLOSS" run -p quotes "$T/a.txt" > "$T/plain.yaml" 2> "$T/err"
"$GLOSS" run --explain -p quotes "$T/a.txt" > "$T/ex.yaml" 2>> "$T/err"
ok "run --explain succeeds" test -s "$T/ex.yaml"
# the annotations without their why: blocks, up to near_misses:
awk '/^near_misses:/ { exit } /^  why:/ { skip = 1; next }
     skip && /^    / { next } { skip = 0; print }' "$T/ex.yaml" > "$T/ex-anns.yaml"
ok "without why: blocks the annotations are those of a plain run" \
    cmp -s "$T/ex-anns.yaml" "$T/plain.yaml"
ok "a plain run writes no why: and no near_misses:" \
    sh -c "! grep -q -e '^  why:' -e '^near_misses:' '$T/plain.yaml'"
ok "lexicon origin: the cue's lexicon entry" has "$T/ex.yaml" '    entry: "said"'
ok "lexicon origin: the lexicon as named" has "$T/ex.yaml" '    lexicon: "cues.txt"'
# the line of first_cue in attribution.lua that steps the lexicon iterator
# (where the match is made), wherever it moves
cue_line=$(grep -n 'return step(state, start)' scripts/lib/attribution.lua | head -1 | cut -d: -f1)
ok "lexicon origin: the matching call" has "$T/ex.yaml" "    at: \"lib/attribution.lua:$cue_line\""
ok "evidence: the claim's cue" has "$T/ex.yaml" '      cue: {text: "said", start: 85, end: 89}'
ok "evidence: the claim's source" has "$T/ex.yaml" '      source: {text: "Ali Hassan", start: 90, end: 100}'
ok "note: a continued speaker" has "$T/ex.yaml" '    note: "the speaker of the quotation before"'
ok "near miss: a reporting cue with no quotation" \
    has "$T/ex.yaml" '  reason: "reporting cue with no direct quotation attributed to it"'
ok "near miss: its position" has "$T/ex.yaml" '  line: 5'
ok "near misses come after the annotations" \
    sh -c "tail -n 8 '$T/ex.yaml' | head -n 1 | grep -qx 'near_misses:'"
ok "no near miss for a cue inside a quotation" sh -c "! grep -q 'text: \"told\"' '$T/ex.yaml'"

printf '"We will stay."\n' > "$T/q.txt"
"$GLOSS" run --explain -p quotes "$T/q.txt" > "$T/q.yaml" 2>> "$T/err"
ok "near miss: a quotation without a cue" has "$T/q.yaml" \
    '  reason: "no reporting cue within 8 tokens after or earlier in the sentence"'
printf 'Nothing here.\n' > "$T/n.txt"
"$GLOSS" run --explain -p quotes "$T/n.txt" > "$T/n.yaml" 2>> "$T/err"
ok "no near misses: an empty list" has "$T/n.yaml" 'near_misses: []'

"$GLOSS" run --explain --script "$T/rules.lua" "$T/a.txt" > "$T/r.yaml" 2>> "$T/err"
ok "regex origin: the pattern" has "$T/r.yaml" '    pattern: "\\b(Mon|Tues)day\\b"'
ok "regex origin: kept through trim, at the gmatch line" has "$T/r.yaml" "    at: \"$T/rules.lua:3\""
ok "regex origin: the match kind" has "$T/r.yaml" '    match: regex'
ok "union drops the origin, evidence stays" \
    sh -c "grep -A4 '^  type: group' '$T/r.yaml' | grep -q . && ! grep -B2 -A14 '^  type: group' '$T/r.yaml' | grep -q 'match:'"
ok "a script note" has "$T/r.yaml" '    note: "a union has no origin"'
ok "inline lexicon origin" has "$T/r.yaml" '    lexicon: "(list)"'
ok "a span with no origin and no why has no why:" \
    sh -c "grep -A12 '^  type: plain' '$T/r.yaml' | sed '/^- id/q' | grep -qv 'why:' && ! grep -A12 '^  type: plain' '$T/r.yaml' | sed -n '2,/^- id/p' | grep -q 'why:'"

# workers (-j 2) give the same bytes as one process
cp "$T/a.txt" "$T/b.txt"
"$GLOSS" run --explain -j 2 -p quotes "$T/a.txt" "$T/b.txt" > "$T/j2.yaml" 2> /dev/null
"$GLOSS" run --explain -j 1 -p quotes "$T/a.txt" "$T/b.txt" > "$T/j1.yaml" 2> /dev/null
ok "--explain with workers: same output as one process" cmp -s "$T/j1.yaml" "$T/j2.yaml"
ok "--explain with workers: why: present" grep -q '^  why:' "$T/j2.yaml"

# the strict reader takes both back, and rewrites them unchanged
"$GLOSS" check "$T/ex.yaml" --article "$T/a.txt" > /dev/null 2>&1
ok "gloss check accepts why: and near_misses:" test $? -eq 0
cp "$T/ex.yaml" "$T/fix.yaml"
"$GLOSS" check "$T/fix.yaml" --article "$T/a.txt" --fix > /dev/null 2>&1
ok "gloss check --fix keeps them byte for byte" cmp -s "$T/ex.yaml" "$T/fix.yaml"
mkdir "$T/out"
"$GLOSS" run --explain -p quotes -o "$T/out/" "$T/a.txt" 2>> "$T/err"
"$GLOSS" run --explain -p quotes -o "$T/out/" "$T/a.txt" 2>> "$T/err"
ok "an unedited --explain file is not taken for a review" test $? -eq 0
grep -v '^  reason: ' "$T/ex.yaml" > "$T/bad.yaml"
"$GLOSS" check "$T/bad.yaml" --article "$T/a.txt" > "$T/bad.out" 2>&1
ok "a near miss needs its reason" grep -q "missing key 'reason' in a near miss" "$T/bad.out"
sed 's/^    entry: /    entri: /' "$T/ex.yaml" > "$T/bad2.yaml"
"$GLOSS" check "$T/bad2.yaml" --article "$T/a.txt" > "$T/bad2.out" 2>&1
ok "an unknown why key is refused" grep -q "unknown key 'entri' in 'why' (did you mean 'entry'?)" "$T/bad2.out"

ok "no stderr output" sh -c "! test -s '$T/err'"
sed "s/^/#   /" "$T/err" | head -5
