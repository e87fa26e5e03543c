#!/bin/sh
# `gloss run --profile`: a report on stderr naming the script line where
# the time went, one report however many workers were asked for, and the
# YAML unchanged. Run from the repository root.
GLOSS=${GLOSS:-${BUILD:-build}/gloss}
case $GLOSS in /*) ;; *) GLOSS=$PWD/$GLOSS ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
. tests/cli/lib.sh

printf 'Crowds gathered in Velsk on Monday.\n' > "$T/a.txt"
cp "$T/a.txt" "$T/b.txt"
# line 5 is the hot one: a busy loop of a few hundred ms per article
cat > "$T/hot.lua" <<'LUA'
local doc = ...
doc:tag("place", doc:span(19, 24))
local x = 0
local function spin(n)
  for i = 1, n do x = x + i % 7 end
  return x
end
spin(8000000)
LUA

run "--profile: exit 0" 0 "gloss: profile:" "$GLOSS" run --profile -s "$T/hot.lua" "$T/a.txt" "$T/b.txt"
# the first line listed is the hottest: hot.lua:5, inside spin
ok "--profile: the busy line comes first" sh -c "grep -A1 '^gloss: profile:' '$T/err' | tail -1 | grep -q 'hot.lua:5 (spin)\$'"
ok "--profile: shares are percentages of samples" grep -qE '^ +[0-9]+\.[0-9]%  +[0-9]+  ' "$T/err"
cp "$T/out" "$T/profiled.yaml"
run "--profile -j 2: still one report" 0 "" "$GLOSS" run --profile -j 2 -s "$T/hot.lua" "$T/a.txt" "$T/b.txt"
ok "--profile -j 2: one report" test "$(grep -c '^gloss: profile:' "$T/err")" -eq 1
run "without --profile: no report" 0 "" "$GLOSS" run -s "$T/hot.lua" "$T/a.txt" "$T/b.txt"
ok "without --profile: stderr has no report" sh -c "! grep -q 'profile' '$T/err'"
ok "--profile leaves the YAML as it was" cmp -s "$T/out" "$T/profiled.yaml"
