#!/bin/sh
# Documentation tests: annotations/API.md must document exactly the Lua
# names the binding registers, and every ```lua block of README.md and
# annotations/API.md must run as a complete script without an error.
# Prints "ok - ..." / "not ok - ..." lines (counted by tests/run.sh).
# Usage: GLOSS=build/gloss sh tests/docs/run.sh   (from the repository root)
GLOSS=${GLOSS:-build/gloss}
case $GLOSS in /*) ;; */*) GLOSS=$PWD/$GLOSS ;; esac
cd "$(dirname "$0")/../.." || exit 1
API=annotations/API.md
ARTICLE=annotations/examples/embassy-protest.txt
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

# ---- drift: registered names vs API.md headings --------------------------

# Every {"name", func} entry of a luaL_Reg array in binding/*.c, written as
# scripts call it (gloss.regex, doc:span, span:text, ...). The prefix comes
# from the file; metamethods ("__eq", ...) are documented in prose instead.
for f in binding/*.c; do
    case $(basename "$f" .c) in
        lmodule) prefix=gloss. ;;
        ldoc) prefix=doc: ;;
        lspan) prefix=span: ;;
        lregex) prefix=re: ;;
        llexicon) prefix=lex: ;;
        lannot) prefix=ann: ;;
        *) prefix="?$f:" ;;
    esac
    awk -v prefix="$prefix" '
        /luaL_Reg[ \t]+[A-Za-z_0-9]+[ \t]*\[\]/ { inarr = 1 }
        inarr {
            line = $0
            while (match(line, /\{[ \t]*"[^"]*"[ \t]*,/)) {
                entry = substr(line, RSTART, RLENGTH)
                line = substr(line, RSTART + RLENGTH)
                sub(/^\{[ \t]*"/, "", entry)
                sub(/"[ \t]*,$/, "", entry)
                if (substr(entry, 1, 2) != "__") print prefix entry
            }
            if ($0 ~ /\{[ \t]*NULL[ \t]*,[ \t]*NULL[ \t]*\}/) inarr = 0
        }
    ' "$f"
done | sort -u > "$T/names"

# Entry headings: "### `doc:span(start, end)`" -> doc:span
sed -n 's/^### `\([^`(]*\)[(`].*$/\1/p' "$API" > "$T/headings"

if [ ! -s "$T/names" ]; then
    echo "not ok - drift: no registered names found in binding/*.c"
fi
while IFS= read -r name; do
    case $name in
        \?*) echo "not ok - drift: ${name#\?} is registered in a file run.sh cannot map to a type"
             continue ;;
    esac
    n=$(grep -cFx -- "$name" "$T/headings")
    if [ "$n" -eq 1 ]; then
        echo "ok - API.md documents $name"
    elif [ "$n" -eq 0 ]; then
        echo "not ok - API.md documents $name (no '### \`$name(...)\`' heading)"
    else
        echo "not ok - API.md documents $name ($n headings)"
    fi
done < "$T/names"
while IFS= read -r name; do
    if grep -qFx -- "$name" "$T/names"; then
        echo "ok - API.md heading $name names a registered function"
    else
        echo "not ok - API.md heading $name names a registered function (none in binding/*.c)"
    fi
done < "$T/headings"

# ---- examples: every ```lua block is a complete script ---------------------

# run_examples FILE LABEL: extract the blocks to $T/LABEL-N.lua (with a list
# "N LINE" of where each starts) and run each over the sample article.
run_examples() {
    file=$1 label=$2
    awk -v out="$T/$label-" '
        !inblock && /^```lua[ \t]*$/ { n++; inblock = 1; f = out n ".lua"
                                       printf "" > f; print n, NR + 1; next }
        inblock && /^```[ \t]*$/ { inblock = 0; close(f); next }
        inblock { print > f }
    ' "$file" > "$T/$label.list"
    if [ ! -s "$T/$label.list" ]; then
        echo "not ok - $label has lua examples (none found)"
        return
    fi
    while read -r n line; do
        "$GLOSS" run --script "$T/$label-$n.lua" "$ARTICLE" > /dev/null 2> "$T/err"
        status=$?
        if [ "$status" -eq 0 ]; then
            echo "ok - $label example $n"
        else
            echo "not ok - $label example $n ($file line $line): exit $status"
            sed 's/^/#   /' "$T/err" | head -8
        fi
    done < "$T/$label.list"
}

run_examples README.md README.md
run_examples "$API" API.md

# SCHEMA.md's complete example is the golden file of annotations/examples/short.txt
awk '/^## A complete example/ { in_section = 1 }
     in_section && /^```yaml$/ { copying = 1; next }
     copying && /^```$/ { exit }
     copying { print }' annotations/SCHEMA.md > "$T/schema-example.yaml"
if cmp -s "$T/schema-example.yaml" annotations/examples/short.yaml; then
    echo "ok - SCHEMA.md example is the golden file short.yaml"
else
    echo "not ok - SCHEMA.md example differs from annotations/examples/short.yaml"
    diff -u annotations/examples/short.yaml "$T/schema-example.yaml" | head -10 | sed 's/^/#   /'
fi
