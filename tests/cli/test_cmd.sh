#!/bin/sh
# `gloss test`: fixture cases (pass, each kind of failure and its
# explanation), coverage of tag rules, reviewed annotation files as tests,
# folders holding both, and the exit statuses. Run from the repository root.
GLOSS=${GLOSS:-${BUILD:-build}/gloss}
case $GLOSS in /*) ;; *) GLOSS=$PWD/$GLOSS ;; esac
T=$(mktemp -d)
. tests/cli/lib.sh
trap 'rm -rf "$T"' EXIT INT TERM
ROOT=$PWD


# --- the bundled preset: every case passes, every rule fires
run_all "quotes fixtures pass with full coverage" 0 "2 of 2 tag rules fired (100%)" \
    "$GLOSS" test --min-coverage 100 scripts/presets/quotes.lua
run_all "-p quotes runs the same fixtures" 0 "PASS" "$GLOSS" test -p quotes
run_all "a single case file of a preset" 0 "cue and named source after the quote" \
    "$GLOSS" test scripts/presets/quotes.test/attribution.yaml
run_all "a folder finds scripts with fixtures" 0 "coverage scripts/presets/quotes.lua" \
    "$GLOSS" test scripts/presets

# --- a script of our own and its failures
cd "$T" || exit 1
cat > tag.lua <<'LUA'
local doc = ...
for q in doc:quotations() do
  local c = doc:tag("claim", q:content(), { kind = "direct" })
  local who = gloss.regex([[\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+]]):find(q:sentence())
  if who then doc:link(c, "source", doc:tag("source", who)) end
end
if doc:len() > 100000 then doc:tag("huge", doc:all()) end
LUA
mkdir tag.test
cat > tag.test/ok.yaml <<'YAML'
cases:
- name: a quote and its speaker
  text: |
    "We stay," said Ali Hassan.
  expect:
  - {type: claim, text: "We stay,", attrs: {kind: direct}, links: {source: Ali Hassan}}
  forbid:
  - {type: cue}
YAML
run_all "a passing case" 0 "PASS tag.test/ok.yaml:2: a quote and its speaker" "$GLOSS" test tag.lua
run_all "a rule no case reached is listed" 0 "never fired: tag.lua:7" "$GLOSS" test tag.lua
run_all "coverage is counted" 0 "2 of 3 tag rules fired (66%)" "$GLOSS" test tag.lua
run_all "--min-coverage fails under the bar" 1 "coverage under 80%" "$GLOSS" test --min-coverage 80 tag.lua

cat > tag.test/bad.yaml <<'YAML'
cases:
- name: wrong on purpose
  text: |
    "We stay," said Ali Hassan.
  expect:
  - {type: claim, text: "We go,"}
  - {type: claim, text: "We stay,", attrs: {kind: partial}}
  - {type: claim, text: "We stay,", links: {source: Ali}}
  - {type: actor, text: Ali Hassan}
  forbid:
  - {type: source, text: Ali Hassan}
YAML
run_all "a failing case: status 1" 1 "FAIL tag.test/bad.yaml:2: wrong on purpose" "$GLOSS" test tag.lua
run_all "a missing annotation shows what was made" 1 '- expected claim "We go,"  (bad.yaml:6)' "$GLOSS" test tag.lua
run_all "... and what was made instead" 1 'made instead: claim "We stay,"' "$GLOSS" test tag.lua
run_all "a wrong attribute is named" 1 "made, but its kind is not partial" "$GLOSS" test tag.lua
run_all "a wrong link is named with its target" 1 'no source link to "Ali" (it links to source "Ali Hassan")' "$GLOSS" test tag.lua
run_all "a type never made is said so" 1 "no actor was made" "$GLOSS" test tag.lua
run_all "a forbidden annotation names its rule" 1 '+ forbidden source "Ali Hassan" made by tag.lua:5  (bad.yaml:11)' "$GLOSS" test tag.lua
run_all "the summary counts cases" 1 "2 cases: 1 passed, 1 failed" "$GLOSS" test tag.lua
rm tag.test/bad.yaml

printf 'local doc = ...\nerror("boom")\n' > boom.lua
mkdir boom.test && cp tag.test/ok.yaml boom.test/
run_all "a script error fails the case" 1 "script error: boom.lua:2: boom" "$GLOSS" test boom.lua
printf 'local doc = ...\nlocal = 1\n' > syntax.lua
mkdir syntax.test && cp tag.test/ok.yaml syntax.test/
run_all "a script that does not compile: status 2" 2 "syntax.lua:2:" "$GLOSS" test syntax.lua

printf 'cases:\n- name: x\n  txet: |\n    hi\n' > tag.test/typo.yaml
run_all "a misspelt key: status 3 at its line" 3 "tag.test/typo.yaml:3:3: unknown key 'txet'" "$GLOSS" test tag.lua
printf 'cases:\n- name: x\n  text: hi\n' > tag.test/typo.yaml
run_all "a case that checks nothing is refused" 3 "case 'x' expects and forbids nothing" "$GLOSS" test tag.lua
printf 'cases:\n- name: x\n  text: hi\n  expect:\n  - {type: claim}\n' > tag.test/typo.yaml
run_all "an expected annotation needs a text" 3 "expected annotation without 'text'" "$GLOSS" test tag.lua
rm tag.test/typo.yaml

printf 'before: [first.lua]\ncases:\n- name: sees the first script\n  text: hi there\n  expect:\n  - {type: greeting, text: hi}\n' > tag.test/before.yaml
printf 'local doc = ...\ndoc:tag("greeting", doc:span(0, 2))\n' > tag.test/first.lua
run_all "before: scripts run first, beside the case file" 0 "PASS tag.test/before.yaml:3" "$GLOSS" test tag.lua
rm tag.test/before.yaml tag.test/first.lua

mkdir nofix && printf 'local doc = ...\n' > nofix/x.lua
run_all "a script without fixtures fails" 1 "no fixtures" "$GLOSS" test nofix/x.lua
run_all "nothing to test: usage" 2 "nothing to test" "$GLOSS" test
run_all "unknown option: usage" 2 "unknown option --frob" "$GLOSS" test --frob tag.lua
run_all "unknown preset: usage" 2 "unknown preset 'nope'" "$GLOSS" test -p nope
run_all "a missing path: status 3" 3 "nope.lua: no such file" "$GLOSS" test nope.lua

# --- reviewed files are tests
cd "$ROOT" || exit 1
R=annotations/tutorial/council-vote.yaml
run_all "the tutorial's reviewed file passes" 0 "12 reviewed (11 accepted, 0 edited, 1 rejected), 0 regressed" "$GLOSS" test "$R"
run_all "hand-added annotations not made are listed" 0 '? added by hand, not made yet: actor "Anna Pellegrini"' "$GLOSS" test "$R"
run_all "a folder runs reviewed files and fixtures" 0 "5 cases: 5 passed, 0 failed" "$GLOSS" test annotations/tutorial

mkdir -p "$T/rev"
# the script of the review, before it learnt about streets
sed -e 's|annotations/tutorial/council.lua|old.lua|' -e "s|\"annotations/examples/council-vote.txt\"|\"$ROOT/annotations/examples/council-vote.txt\"|" \
    "$R" > "$T/rev/r.yaml"
awk '/^  if not STREETS/ { next } /^  end$/ && !done { done = 1; next } { print }' \
    annotations/tutorial/council.lua > "$T/rev/old.lua"
run_all "a rejected annotation made again is a regression" 1 '+ rejected actor "Street"' "$GLOSS" test "$T/rev/r.yaml"
run_all "regressions are counted per rule" 1 "rev/old.lua:10 (1)" "$GLOSS" test "$T/rev/r.yaml"
sed -i 's/|argued//' "$T/rev/old.lua"
run_all "an accepted annotation no longer made is a regression" 1 '- accepted claim "a smaller wall could be finished by autu…" (r.yaml:222) is no longer made' "$GLOSS" test "$T/rev/r.yaml"
awk '/text: "Mira Solberg"/ { f = 1 } f && /title: Councillor/ { sub(/Councillor/, "Alderman") } f && /review: accepted/ { sub(/accepted/, "edited"); f = 0 } { print }' \
    "$T/rev/r.yaml" > "$T/rev/e.yaml"
run_all "an edited attribute the script does not make is a regression" 1 \
    '- edited actor "Mira Solberg" (e.yaml:14) is made, but attribute title differs' "$GLOSS" test "$T/rev/e.yaml"
sed 's/^  sha256: .*/  sha256: 0000000000000000000000000000000000000000000000000000000000000000/' "$T/rev/r.yaml" > "$T/rev/c.yaml"
run_all "a changed article must be re-anchored first" 1 "changed since it was reviewed" "$GLOSS" test "$T/rev/c.yaml"
run_all "an unreviewed file is skipped" 1 "SKIP annotations/examples/short.yaml: nothing reviewed yet" "$GLOSS" test annotations/examples/short.yaml

# --- the news presets: fixtures for every tag rule, near misses, evidence
cd "$ROOT" || exit 1
for p in actors claims sources news; do
    run_all "$p fixtures pass with full coverage" 0 "tag rules fired (100%)" \
        "$GLOSS" test --min-coverage 100 "scripts/presets/$p.lua"
done
cat > "$T/nm.txt" <<'TXT'
"Nobody warned the villages before the dam broke," a banner read. A "lost cause" indeed.

"The gates stay shut," he said. Nobody knew why.

The claims of fraud were rejected. The harbour will reopen, according to.
TXT
"$GLOSS" run --explain -p news "$T/nm.txt" > "$T/nm.yaml" 2>&1
for reason in "quotation with no cue near it and no speaker just before" \
              "short quotation (under four words) with no cue near it" \
              "reporting word 'claims' read as a noun here" \
              "cue 'according to' left without a source" \
              "source 'he' not linked to any actor"; do
    run_all "news near miss: $reason" 0 "$reason" cat "$T/nm.yaml"
done
run_all "news claims show their cue, source and quote as evidence" 0 \
    'source: {text: "he", start: 113, end: 115}' cat "$T/nm.yaml"
"$GLOSS" run -p news "$T/nm.txt" > "$T/nm.plain" 2>&1
run_all "news near misses and evidence only under --explain" 1 "" \
    grep -q -e near_misses -e '^  why:' "$T/nm.plain"
