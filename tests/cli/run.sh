#!/bin/sh
# CLI tests: exit codes, messages and the rule that a failed article
# leaves no output file behind. Run from the repository root.
GLOSS=${GLOSS:-${BUILD:-build}/gloss}
case $GLOSS in /*) ;; *) GLOSS=$PWD/$GLOSS ;; esac
T=$(mktemp -d)
. tests/cli/lib.sh
trap 'rm -rf "$T"' EXIT INT TERM
ROOT=$PWD
ART=$ROOT/annotations/examples/embassy-protest.txt



printf 'local doc = ...\nerror("boom")\n' > "$T/boom.lua"
printf 'local doc = ...\nlocal x = = 1\n' > "$T/syntax.lua"
printf 'local doc = ...\nreturn foo\n' > "$T/global.lua"
printf 'local doc = ...\nreturn io.open("/etc/passwd")\n' > "$T/io.lua"
printf 'local doc = ...\nfor tok in doc:tokens() do doc:tag("word", tok) break end\n' > "$T/tag.lua"
printf 'ab\ncd\303(\n' > "$T/bad-utf8.txt"
printf 'ab\000cd\n' > "$T/nul.txt"
: > "$T/empty.txt"
printf 'Hello world.\n' > "$T/hello.txt"

run "no arguments: usage, status 2" 2 "usage: gloss run" "$GLOSS"
run "--help: status 0" 0 "" "$GLOSS" --help
ok "--help prints the exit statuses" grep -q "exit status" "$T/out"
run "--version" 0 "" "$GLOSS" --version
ok "--version prints gloss and a version" grep -q '^gloss [0-9]' "$T/out"
run "unknown command" 2 "unknown command 'frobnicate'" "$GLOSS" frobnicate
run "run with nothing to run" 2 "nothing to run" "$GLOSS" run "$ART"
run "run with no article" 2 "no article given" "$GLOSS" run --preset quotes
run "unknown option" 2 "unknown option --frob" "$GLOSS" run --frob "$ART"
run "unknown preset" 2 "unknown preset 'nope'" "$GLOSS" run --preset nope "$ART"
run "missing script file" 2 "missing.lua: No such file" "$GLOSS" run --script "$T/missing.lua" "$ART"
run "script syntax error names file:line" 2 "syntax.lua:2:" "$GLOSS" run --script "$T/syntax.lua" "$ART"
run "script runtime error: status 4, file:line" 4 "boom.lua:2: boom" "$GLOSS" run --script "$T/boom.lua" "$ART"
ok "script runtime error prints a traceback" grep -q "stack traceback" "$T/err"
run "reading an unknown global is an error" 4 "unknown global 'foo'" "$GLOSS" run --script "$T/global.lua" "$ART"
run "io is not available to scripts" 4 "unknown global 'io'" "$GLOSS" run --script "$T/io.lua" "$ART"
run "invalid UTF-8: status 3 with line:col and byte offset" 3 "bad-utf8.txt:2:3: invalid UTF-8" "$GLOSS" run --script "$T/tag.lua" "$T/bad-utf8.txt"
ok "invalid UTF-8 message gives the byte offset" grep -q "byte offset 5" "$T/err"
run "NUL byte: status 3" 3 "NUL byte" "$GLOSS" run --script "$T/tag.lua" "$T/nul.txt"
run "missing article: status 3" 3 "No such file" "$GLOSS" run --preset quotes "$T/none.txt"
mkdir -p "$T/tree/b/c" "$T/tree/a" "$T/emptydir"
printf 'One.\n' > "$T/tree/b/c/one.txt"
printf 'Two.\n' > "$T/tree/a/two.txt"
printf 'Three.\n' > "$T/tree/a/three.md"
printf 'not an article\n' > "$T/tree/a/notes.yaml"
run "a folder with no articles: status 3" 3 "no articles found" "$GLOSS" run --preset quotes "$T/emptydir"
run "a folder is walked recursively" 0 "" "$GLOSS" run --script "$T/tag.lua" "$T/tree"
ok "folder articles come in sorted order" test "$(grep '^  path' "$T/out" | sed 's|.*/tree/||')" = 'a/two.txt"
b/c/one.txt"'
mkdir "$T/mirror"
run "-o DIR mirrors the input tree" 0 "2 articles: 2 annotated" "$GLOSS" run --script "$T/tag.lua" -o "$T/mirror" "$T/tree"
ok "mirrored outputs" test -f "$T/mirror/a/two.yaml" -a -f "$T/mirror/b/c/one.yaml"
run "--ext picks other file endings" 0 "" "$GLOSS" run --script "$T/tag.lua" --ext md,txt "$T/tree"
ok "--ext md,txt finds three articles" test "$(grep -c '^  path' "$T/out")" -eq 3
run "-j 1 and -j 3 give the same bytes (1)" 0 "" "$GLOSS" run -j 1 --preset quotes annotations/examples
cp "$T/out" "$T/j1"
run "-j 1 and -j 3 give the same bytes (3)" 0 "" "$GLOSS" run -j 3 --preset quotes annotations/examples
ok "-j 1 and -j 3 outputs are identical" cmp -s "$T/out" "$T/j1"
run "bad -j value" 2 "bad number for -j" "$GLOSS" run -j zero --preset quotes "$ART"
run "attached values: -j3 -pquotes" 0 "" "$GLOSS" run -j3 -pquotes annotations/examples
ok "-j3 -pquotes reads as -j 3 -p quotes" cmp -s "$T/out" "$T/j1"
run "attached values: --jobs=2 --preset=quotes" 0 "" "$GLOSS" run --jobs=2 --preset=quotes annotations/examples
ok "--jobs=2 --preset=quotes reads as --jobs 2 --preset quotes" cmp -s "$T/out" "$T/j1"
run "bad attached -j value" 2 "bad number for -j" "$GLOSS" run -jzero --preset quotes "$ART"
run "empty attached --jobs value" 2 "bad number for --jobs" "$GLOSS" run --jobs= --preset quotes "$ART"
run "unknown option with a value" 2 "unknown option --frob=1" "$GLOSS" run --frob=1 --preset quotes "$ART"
run "empty article is fine" 0 "" "$GLOSS" run --preset quotes "$T/empty.txt"
ok "empty article has no annotations" grep -q '^annotations: \[\]' "$T/out"
run "article from stdin" 0 "" sh -c "\"$GLOSS\" run --script \"$T/tag.lua\" - < \"$T/hello.txt\""
ok "stdin article is named -" grep -q 'path: "-"' "$T/out"
ok "stdin article is annotated" grep -q 'text: "Hello"' "$T/out"

# output files: written whole, never when the article fails
run "-o writes a file" 0 "" "$GLOSS" run --script "$T/tag.lua" -o "$T/hello.yaml" "$T/hello.txt"
ok "-o file holds the YAML" grep -q '^gloss: 1' "$T/hello.yaml"
printf 'old\n' > "$T/keep.yaml"
run "failed article with -o: status 4" 4 "" "$GLOSS" run --script "$T/boom.lua" -o "$T/keep.yaml" "$T/hello.txt"
ok "failed article leaves the old output untouched" grep -qx old "$T/keep.yaml"
ok "no temporary file is left behind" sh -c "! ls -a \"$T\" | grep -q tmp"
run "several articles need -o to be a folder" 2 "must name a folder" "$GLOSS" run --preset quotes -o "$T/x.yaml" "$ART" "$T/hello.txt"
mkdir "$T/outdir"
run "one bad article among several: status 3" 3 "invalid UTF-8" "$GLOSS" run --script "$T/tag.lua" -o "$T/outdir" "$T/hello.txt" "$T/bad-utf8.txt" "$T/empty.txt"
ok "the good articles are still written" test -f "$T/outdir/hello.yaml" -a -f "$T/outdir/empty.yaml"
ok "the bad article has no output file" test ! -e "$T/outdir/bad-utf8.yaml"
run "several articles on stdout: a YAML stream" 0 "" "$GLOSS" run --script "$T/tag.lua" "$T/hello.txt" "$T/hello.txt"
ok "the stream has two documents" test "$(grep -c '^---' "$T/out")" -eq 2
if [ -w /dev/full ]; then
    run "write error on stdout: status 7" 7 "write error" sh -c "\"$GLOSS\" run --preset quotes \"$ART\" > /dev/full"
fi
run "presets lists the bundled presets" 0 "" "$GLOSS" presets
ok "presets lists quotes with its description" grep -q '^quotes  *direct quotations' "$T/out"

# make install honours PREFIX and DESTDIR, and the installed gloss finds its
# presets wherever the tree lands
if make -s BUILD="${BUILD:-build}" install PREFIX=/usr DESTDIR="$T/inst" >/dev/null 2>&1; then
    run "installed gloss runs a preset" 0 "" "$T/inst/usr/bin/gloss" run --preset quotes annotations/examples/short.txt
    ok "installed gloss writes the same YAML" cmp -s "$T/out" "$ROOT/annotations/examples/short.yaml"
    ok "install puts the scripts under PREFIX/share/gloss" test -f "$T/inst/usr/share/gloss/scripts/presets/quotes.lua"
else
    echo "not ok - make install PREFIX=/usr DESTDIR=... failed"
fi

# budgets: each article has its own; one article over budget does not stop the others
printf 'local doc = ...\nwhile true do end\n' > "$T/loop.lua"
printf 'local doc = ...\nwhile true do pcall(function() while true do end end) end\n' > "$T/pcall-loop.lua"
printf 'local doc = ...\nlocal t = {} for i = 1, 1e9 do t[i] = ("x"):rep(1000) .. i end\n' > "$T/hog.lua"
printf 'local doc = ...\nfor i = 1, 20 do doc:tag("x", doc:all()) end\n' > "$T/many.lua"
printf 'local doc = ...\nlocal s = ("a"):rep(40) s:find(("a-"):rep(30) .. "b")\n' > "$T/bomb.lua"
printf 'local doc = ...\nsetmetatable({}, {__gc = function() while true do end end})\n' > "$T/gc.lua"
run "timeout stops an endless loop: status 5" 5 "time limit (300 ms) reached" "$GLOSS" run --timeout 0.3 --script "$T/loop.lua" "$T/hello.txt"
run "pcall cannot swallow the timeout" 5 "time limit (300 ms) reached" "$GLOSS" run --timeout 0.3 --script "$T/pcall-loop.lua" "$T/hello.txt"
run "memory limit: status 5" 5 "memory limit (16 MiB) exceeded" "$GLOSS" run --max-memory 16 --script "$T/hog.lua" "$T/hello.txt"
run "annotation cap: status 5" 5 "too many annotations for one article (limit 10)" "$GLOSS" run --max-annotations 10 --script "$T/many.lua" "$T/hello.txt"
run "a Lua pattern bomb is stopped by the watchdog" 5 "stopped by force" "$GLOSS" run --timeout 0.3 --script "$T/bomb.lua" "$T/hello.txt"
run "__gc metamethods are refused" 4 "__gc metamethods are not allowed" "$GLOSS" run --script "$T/gc.lua" "$T/hello.txt"
printf 'local doc = ...\nif doc:text():find("BOMB", 1, true) then\n  local s = ("a"):rep(40) s:find(("a-"):rep(30) .. "b")\nend\ndoc:tag("x", doc:all())\n' > "$T/bomb-if.lua"
printf 'BOMB\n' > "$T/bomb.txt"
mkdir "$T/budget-out"
run "one article over budget, the others are written" 5 "1 annotated, 1 failed (1 over a limit)" "$GLOSS" run --timeout 0.3 --script "$T/bomb-if.lua" -o "$T/budget-out" "$T/bomb.txt" "$T/hello.txt"
ok "the article after the stuck one is written" test -f "$T/budget-out/hello.yaml" -a ! -e "$T/budget-out/bomb.yaml"

# JSON Lines corpora: records named FILE#ID, bad lines reported in order
printf '{"id": "a1", "text": "Ali said: \\"We stay.\\""}\n\n{"id": "b/2", "text": "Nothing."}\n{"text": 5}\nnot json\n{"id": 7, "text": "Seven said: \\"ok\\"."}\n' > "$T/c.jsonl"
mkdir "$T/jo"
run "a JSON Lines corpus: bad records fail, the others are written" 3 "4: no string field 'text'" "$GLOSS" run -p quotes -o "$T/jo" "$T/c.jsonl"
ok "JSON Lines: a syntax error names line:col" grep -q 'c.jsonl:5:1: ' "$T/err"
ok "JSON Lines: one file per record id, '/' made safe" test -f "$T/jo/c/a1.yaml" -a -f "$T/jo/c/b_2.yaml" -a -f "$T/jo/c/7.yaml"
ok "JSON Lines: the record is named FILE#ID" grep -q 'path: ".*c.jsonl#a1"' "$T/jo/c/a1.yaml"
printf '{"doc": "x", "body": "Hello there."}\n' > "$T/f.jsonl"
run "--id-field and --text-field" 0 "" "$GLOSS" run --script "$T/tag.lua" --id-field doc --text-field body "$T/f.jsonl"
ok "--id-field names the record" grep -q 'f.jsonl#x' "$T/out"

# the GNU parallel recipe of the README: blocks of a corpus through gloss,
# merged in order, equal byte for byte to one process over the whole file
if command -v parallel >/dev/null 2>&1; then
    i=0
    while [ $i -lt 300 ]; do
        printf '{"id": "n%d", "text": "Report %d\\n\\nMinister Ana Ruiz said: \\"We will act on item %d.\\" Officials said the plan was \\"on track\\"."}\n' $i $i $i
        i=$((i + 1))
    done > "$T/corpus.jsonl"
    (cd "$T" && "$GLOSS" run -j 1 -p quotes corpus.jsonl > single.yaml 2>/dev/null)
    (cd "$T" && parallel --will-cite --pipepart -a corpus.jsonl --block 4k -k \
        "$GLOSS" run -p quotes --jsonl --stdin-name corpus.jsonl - > parallel.yaml 2>/dev/null)
    ok "GNU parallel --pipepart blocks merge to the single-process output" cmp -s "$T/single.yaml" "$T/parallel.yaml"
    ok "the corpus went through several blocks" test "$(grep -c '^---' "$T/parallel.yaml")" -eq 300
    (cd "$T" && parallel --will-cite -S : --pipe -N 50 -k \
        "$GLOSS" run -p quotes --jsonl --stdin-name corpus.jsonl - < corpus.jsonl > sshlogin.yaml 2>/dev/null)
    ok "GNU parallel --pipe -S : (the --sshlogin form, run locally) merges the same" cmp -s "$T/single.yaml" "$T/sshlogin.yaml"
else
    echo "# GNU parallel is not installed: the recipe test is skipped (apt-get install parallel)"
fi

# articles queued behind a stuck one on the same worker (-j 1) are handed
# to its replacement, not lost
printf 'Second.\n' > "$T/second.txt"
printf 'Third.\n' > "$T/third.txt"
mkdir "$T/queue-out"
run "-j 1: the articles queued behind a killed worker still run" 5 "2 annotated, 1 failed" "$GLOSS" run -j 1 --timeout 0.3 --script "$T/bomb-if.lua" -o "$T/queue-out" "$T/bomb.txt" "$T/second.txt" "$T/third.txt"
ok "both queued articles are written" test -f "$T/queue-out/second.yaml" -a -f "$T/queue-out/third.yaml"

# a batch killed with SIGKILL half way leaves only whole YAML files: each
# output is written to a hidden temporary file and renamed when complete
i=0
while [ $i -lt 4000 ]; do
    printf '{"id": "k%d", "text": "Minister Ana Ruiz said: \\"We will act on item %d.\\""}\n' $i $i
    i=$((i + 1))
done > "$T/kill.jsonl"
mkdir "$T/killed"
# a few ms per article, so the batch takes seconds however fast the
# machine; killed as soon as the first files are there
cat > "$T/slow.lua" <<'LUA'
local doc = ...
local x = 0
for i = 1, 300000 do x = x + i % 3 end
doc:tag("claim", doc:span(0, 8))
LUA
"$GLOSS" run -j 2 -s "$T/slow.lua" -o "$T/killed" "$T/kill.jsonl" 2>/dev/null &
kpid=$!
w=0
while [ $w -lt 200 ] && [ -z "$(find "$T/killed" -name '*.yaml' | head -1)" ]; do
    sleep 0.05
    w=$((w + 1))
done
kill -9 $kpid 2>/dev/null
wait $kpid 2>/dev/null
n=$(find "$T/killed" -name '*.yaml' | wc -l)
ok "the killed batch had written some files ($n) and not all" test "$n" -gt 0 -a "$n" -lt 4000
run "every YAML file left by the killed batch reads back whole" 0 "" "$GLOSS" eval "$T/killed/kill" "$T/killed/kill"

# a module under the scripts root, required from another module there, is
# named by its root-relative path in rule: lines, wherever the root is;
# and requiring it again (every article) gives the same module
mkdir -p "$T/root/presets" "$T/root/lib"
printf 'local doc = ...\nrequire("outer").run(doc)\nrequire("outer").run(doc)\n' > "$T/root/presets/nest.lua"
printf 'local inner = require("inner")\nlocal M = {}\nfunction M.run(doc) inner.tag(doc) end\nreturn M\n' > "$T/root/lib/outer.lua"
printf 'local M = { count = 0 }\nfunction M.tag(doc)\n  M.count = M.count + 1\n  doc:tag("mark", doc:span(0, 5), { count = M.count })\nend\nreturn M\n' > "$T/root/lib/inner.lua"
printf 'First.\n' > "$T/n1.txt"
printf 'Second.\n' > "$T/n2.txt"
run "a nested bundled module runs" 0 "" "$GLOSS" run -j 1 --scripts-dir "$T/root" -p nest "$T/n1.txt" "$T/n2.txt"
ok "its rule is root-relative" test "$(grep -c '^  rule: "lib/inner.lua:4"$' "$T/out")" -eq 4
ok "one module for every require: its counter goes on across articles (one worker)" grep -q "^    count: 4$" "$T/out"
