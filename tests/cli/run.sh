#!/bin/sh
# CLI tests: exit codes, messages and the rule that a failed article
# leaves no output file behind. Run from the repository root.
GLOSS=${GLOSS:-${BUILD:-build}/gloss}
case $GLOSS in /*) ;; *) GLOSS=$PWD/$GLOSS ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
ROOT=$PWD
ART=$ROOT/annotations/examples/embassy-protest.txt

# run NAME EXPECTED_STATUS STDERR_SUBSTRING command...
# ("" as substring: stderr not checked)
run() {
    name=$1 want=$2 msg=$3
    shift 3
    "$@" > "$T/out" 2> "$T/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "not ok - $name: exit $got, want $want"
        sed 's/^/#   /' "$T/err" | head -5
        return 1
    fi
    if [ -n "$msg" ] && ! grep -qF -- "$msg" "$T/err"; then
        echo "not ok - $name: stderr lacks '$msg'"
        sed 's/^/#   /' "$T/err" | head -5
        return 1
    fi
    echo "ok - $name"
}

# ok NAME CONDITION... : a plain assertion
ok() {
    name=$1
    shift
    if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi
}

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
run "directory as article: status 3" 3 "directory" "$GLOSS" run --preset quotes "$T"
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
