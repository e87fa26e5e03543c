#!/bin/sh
# `gloss check`: the malformed YAML corpus (tests/malformed/expected.tsv:
# each file's position and message), verification, hand review, re-anchoring
# after the article changed, and --fix with its backup. Run from the
# repository root.
GLOSS=${GLOSS:-${BUILD:-build}/gloss}
case $GLOSS in /*) ;; *) GLOSS=$PWD/$GLOSS ;; esac
T=$(mktemp -d)
. tests/cli/lib.sh
trap 'rm -rf "$T"' EXIT INT TERM
ROOT=$PWD



# --- the malformed corpus: exit 3, exact position, the expected message
tsv=tests/malformed/expected.tsv
tab=$(printf '\t')
n=0
while IFS="$tab" read -r file pos msg; do
    case $file in '#'*|'') continue ;; esac
    f=tests/malformed/$file
    if [ "$pos" = - ]; then want="$f: $msg"; else want="$f:$pos: $msg"; fi
    run_all "malformed $file: $pos" 3 "$want" "$GLOSS" check "$f"
    n=$((n + 1))
done < "$tsv"
ok "the corpus has at least 60 files ($n)" test "$n" -ge 60
missing=
for f in tests/malformed/*.yaml; do
    grep -q "^$(basename "$f")$tab" "$tsv" || missing="$missing $f"
done
ok "every malformed file is in expected.tsv${missing:+ (missing:$missing)}" test -z "$missing"

# --- a fresh file verifies
cd "$T" || exit 1
printf '%s\n\n%s\n\n%s\n' \
    'The mayor of Harbourton, Lena Ortiz, spoke on Monday.' \
    '"We will rebuild the bridge by spring," Ortiz said.' \
    'Residents were less sure. "Nobody has told us anything," said Tom Reyes, a baker.' \
    > h.txt
"$GLOSS" run --preset quotes -o h.yaml h.txt || echo "not ok - gloss run failed"
run_all "fresh output verifies: status 0" 0 "6 annotations: 6 unchanged, 0 moved" "$GLOSS" check h.yaml
run_all "the article is found beside the YAML file" 0 "6 unchanged" sh -c "cd / && \"$GLOSS\" check \"$T/h.yaml\""
run_all "no file: usage" 2 "no annotation file given" "$GLOSS" check
run_all "unknown option: usage" 2 "unknown option --frob" "$GLOSS" check --frob h.yaml
run_all "missing annotation file: status 3" 3 "nope.yaml: No such file" "$GLOSS" check nope.yaml
run_all "missing article: status 3" 3 "nope.txt: No such file" "$GLOSS" check h.yaml --article nope.txt
printf 'something else\n' > other.txt
run_all "--old-article must be the article the file was written for" 3 "other.txt is not the article h.yaml was written for" "$GLOSS" check h.yaml --old-article other.txt

# --- hand review: accept, reject, note, a stale field, hand-added ones
sed -e '0,/review: pending/s//review: accepted/' \
    -e '/text: "Ortiz"/,/review:/s/review: pending/review: rejected\n  note: "the mayor, not a source"/' \
    h.yaml > reviewed.yaml
hand='- type: actor
  text: "Lena Ortiz"
- type: place
  text: "Harbourton"
  review: edited
  note: "a town"
- type: cue
  text: "said"'
{ cat reviewed.yaml; printf '%s\n' "$hand"; } > r.yaml
cp r.yaml r.before
run_all "hand-added text found once: placed" 1 'annotation added by hand (actor "Lena Ortiz"): found at 25 (line 1, col 26)' "$GLOSS" check r.yaml
ok "a hand-added text that occurs twice is ambiguous, with its lines" grep -qF 'annotation added by hand (cue "said"): ambiguous: the text fits 2 places (lines 3, 5)' "$T/out"
run_all "--fix refuses while something is ambiguous" 1 "not fixed: 1 annotations are ambiguous or lost" "$GLOSS" check --fix r.yaml
ok "a refused fix writes nothing" cmp -s r.yaml r.before
ok "a refused fix leaves no backup" test ! -e r.yaml.bak
{ cat reviewed.yaml; printf '%s\n  line: 5\n' "$hand"; } > r.yaml
cp r.yaml r.before
run_all "a line hint decides: --fix writes" 0 "r.yaml: fixed; the previous version is in r.yaml.bak" "$GLOSS" check --fix r.yaml
ok "the backup holds the replaced file" cmp -s r.yaml.bak r.before
run_all "the fixed file verifies" 0 "9 annotations: 9 unchanged" "$GLOSS" check r.yaml
ok "accepted kept" grep -q 'review: accepted' r.yaml
ok "rejected kept with its note" grep -q 'note: "the mayor, not a source"' r.yaml
ok "hand-added ones got offsets and review: accepted" sh -c "grep -A9 'text: \"Lena Ortiz\"' r.yaml | grep -q 'review: accepted'"
ok "a hand-added review is kept" sh -c "grep -A9 'text: \"Harbourton\"' r.yaml | grep -q 'review: edited'"
ok "the cue on line 5 was placed there" sh -c "grep -c 'text: \"said\"' r.yaml | grep -qx 3"

sed '0,/^  line: 3$/s//  line: 4/' r.yaml > s.yaml
run_all "a mistyped line is reported" 1 "fields out of date: line is 4, should be 3" "$GLOSS" check s.yaml
sed '0,/^  text: "Ortiz"$/s//  text: "Ortiz said"/' r.yaml > s.yaml
run_all "a text edited without its offsets is re-found" 1 'moved from' "$GLOSS" check s.yaml

# --- the article changes: re-anchor, then --fix
cp h.txt h.old
cp r.yaml r.reviewed
{ printf 'An update was added at the top.\n\n'; cat h.old; } > h.txt
run_all "after an insertion every annotation moved" 1 "9 annotations: 0 unchanged, 9 moved" "$GLOSS" check r.yaml
ok "the sha256 change is reported" grep -q "changed since this file was written" "$T/out"
ok "moves are reported with lines" grep -qF 'annotation 1 (place "Harbourton"): moved from 13 to 46 (line 1 to 3)' "$T/out"
run_all "with the old article too" 1 "by text and context" "$GLOSS" check r.yaml --old-article h.old
run_all "--fix re-anchors" 0 "fixed" "$GLOSS" check --fix r.yaml --old-article h.old
run_all "the re-anchored file verifies" 0 "9 unchanged, 0 moved" "$GLOSS" check r.yaml
ok "reviews survived re-anchoring" test "$(grep -c 'review: \(accepted\|rejected\|edited\)' r.yaml)" = "$(grep -c 'review: \(accepted\|rejected\|edited\)' r.reviewed)"
ok "notes survived re-anchoring" test "$(grep -c 'note:' r.yaml)" = 2

# a sentence deleted: its annotations are lost, nothing is written
cp h.txt h.v2
cp r.yaml r.v2
grep -v 'Nobody' h.v2 > h.txt
run_all "deleted text is lost" 1 'annotation 6 (claim "Nobody has told us anything,"): lost' "$GLOSS" check r.yaml
ok "by position alone, a common word snaps to the nearest one" grep -qF 'annotation 7 (cue "said"): moved from 198 to 134' "$T/out"
run_all "with the old article, a common word whose context is gone is lost" 1 'annotation 7 (cue "said"): lost' "$GLOSS" check r.yaml --old-article h.v2
run_all "--fix never drops a lost annotation" 1 "not fixed" "$GLOSS" check --fix r.yaml
ok "r.yaml unchanged" cmp -s r.yaml r.v2

# a sentence duplicated: with the old article's context it is ambiguous
sed 's/^\("We will.*said\.\)$/\1 \1/' h.v2 > h.txt
run_all "a duplicated sentence is ambiguous with context" 1 'claim "We will rebuild the bridge by…"): ambiguous: the text fits 2 places (lines 5)' "$GLOSS" check r.yaml --old-article h.v2

# checking against another file; the old one is found through article.path
cp h.v2 h.txt
{ cat h.v2; printf '\nMore later.\n'; } > h3.txt
run_all "--article: the file named in the YAML serves as old article" 1 "by text and context" "$GLOSS" check r.yaml --article h3.txt
run_all "--fix with --article" 0 "fixed" "$GLOSS" check --fix r.yaml --article h3.txt
ok "the fixed file names the new article" grep -q '^  path: "h3.txt"' r.yaml
run_all "and verifies against it" 0 "0 moved" "$GLOSS" check r.yaml
cd "$ROOT" || exit 1
