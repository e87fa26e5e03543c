#!/bin/sh
# The bytecode cache of the bundled scripts (BUILD/scripts.luac, made by
# BUILD/luacache): the same output with and without it, error lines
# included; a corrupted or truncated cache and an edited script fall back
# to the text silently; a scripts root given by GLOSS_SCRIPTS never uses
# it. Works on an installed layout copied to a temporary folder, never on
# scripts/. Run from the repository root.
BUILD=${BUILD:-build}
GLOSS=${GLOSS:-$BUILD/gloss}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
. tests/cli/lib.sh

if [ ! -x "$BUILD/luacache" ] || [ ! -f "$BUILD/scripts.luac" ]; then
    echo "not ok - luacache: $BUILD/luacache and $BUILD/scripts.luac are built"
    exit 0
fi

# PREFIX/bin/gloss finds PREFIX/share/gloss/scripts and the cache beside it
I=$T/inst
mkdir -p "$I/bin" "$I/share/gloss"
cp "$GLOSS" "$I/bin/gloss"
cp -R scripts "$I/share/gloss/"
G=$I/bin/gloss
CACHE=$I/share/gloss/scripts.luac

cat > "$T/a.txt" <<'EOF'
Prime Minister Ana Ruiz said on Monday that the government would act. "We will
not wait any longer," she told reporters in Velsk.

Protesters gathered outside the Interior Ministry, according to Reuters.
EOF
# an error raised inside a bundled module: its line number is in the message
cat > "$T/bad.lua" <<'LUA'
local doc = ...
require("tokens").list(42)
LUA

# run_to NAME: the news preset and the failing script, into $T/NAME.*
run_to() {
    "$G" run -p news "$T/a.txt" > "$T/$1.out" 2> "$T/$1.err"
    echo "$?" > "$T/$1.rc"
    "$G" run -s "$T/bad.lua" "$T/a.txt" > "$T/$1.bad.out" 2> "$T/$1.bad.err"
    echo "$?" >> "$T/$1.rc"
}

# same NAME: every output of run NAME is byte for byte that of the text run
same() {
    for f in out err rc bad.out bad.err; do
        cmp -s "$T/text.$f" "$T/$1.$f" || return 1
    done
}

rm -f "$CACHE"
run_to text
ok "luacache: without a cache the news preset runs" \
    sh -c "[ -s '$T/text.out' ] && grep -q '^  rule: ' '$T/text.out'"
ok "luacache: the module error names its line" \
    grep -q 'lib/tokens.lua:8: attempt to index a number value' "$T/text.bad.err"

cp "$BUILD/scripts.luac" "$CACHE"
run_to cached
ok "luacache: output, rule lines and error lines the same with the cache" same cached

# A cache compiled from an edited copy but recording the real sources'
# hashes: gloss runs it (the marker is printed), which shows the cache is
# read at all; each damaged copy of it must then be ignored.
cp -R scripts "$T/code"
{ echo 'print("luacache-marker")'; cat scripts/lib/news_lex.lua; } > "$T/code/lib/news_lex.lua"
"$BUILD/luacache" "$T/marked.luac" scripts "$T/code"
cp "$T/marked.luac" "$CACHE"
run "luacache: the cache is what runs" 0 "luacache-marker" "$G" run -p news "$T/a.txt"

size=$(wc -c < "$T/marked.luac")
# flip_at OFFSET: a copy of marked.luac with the byte at OFFSET changed
flip_at() {
    cp "$T/marked.luac" "$CACHE"
    b=$(od -An -tu1 -j "$1" -N1 "$T/marked.luac" | tr -d ' ')
    printf "\\$(printf %o $(( (b + 1) % 256 )))" |
        dd of="$CACHE" bs=1 seek="$1" conv=notrunc 2>/dev/null
}
for off in 0 20 $((size / 2)) $((size - 1)); do
    flip_at "$off"
    run_to "flip$off"
    ok "luacache: byte $off flipped: text, same output, no message" same "flip$off"
done
for n in 0 12 $((size / 2)) $((size - 1)); do
    head -c "$n" "$T/marked.luac" > "$CACHE"
    run_to "cut$n"
    ok "luacache: cut to $n bytes: text, same output, no message" same "cut$n"
done

# An edited bundled module is compiled from its text: the edit shows.
cp "$BUILD/scripts.luac" "$CACHE"
{ echo 'print("edited-source")'; cat scripts/lib/news_lex.lua; } > "$I/share/gloss/scripts/lib/news_lex.lua"
run "luacache: an edited module runs from its text" 0 "edited-source" "$G" run -p news "$T/a.txt"
cp scripts/lib/news_lex.lua "$I/share/gloss/scripts/lib/news_lex.lua"

# A root set by GLOSS_SCRIPTS or --scripts-dir never uses the cache.
cp "$T/marked.luac" "$CACHE"
cp -R scripts "$T/other"
run "luacache: GLOSS_SCRIPTS root: no cache" 0 "" env GLOSS_SCRIPTS="$T/other" "$G" run -p news "$T/a.txt"
ok "luacache: GLOSS_SCRIPTS root: the marker is absent" sh -c "! grep -q luacache-marker '$T/err'"
ok "luacache: GLOSS_SCRIPTS root: same output" cmp -s "$T/out" "$T/text.out"
run "luacache: --scripts-dir root: no cache" 0 "" "$G" run --scripts-dir "$T/other" -p news "$T/a.txt"
ok "luacache: --scripts-dir root: the marker is absent" sh -c "! grep -q luacache-marker '$T/err'"
