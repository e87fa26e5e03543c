#!/bin/sh
# Documentation tests: annotations/API.md and scripts/gloss.d.lua must
# document exactly the Lua names the binding registers; every ```lua block
# of README.md, annotations/API.md and annotations/TUTORIAL.md must run as a
# complete script without an error (over the article its first line names as
# "-- article: PATH", else the embassy-protest example); doc/gloss.1 must
# render without warnings and cover every subcommand; luacheck scripts/.
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
        lspan|lspan_nav) prefix=span: ;;
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
        article=$(sed -n '1s/^-- article: *//p' "$T/$label-$n.lua")
        if [ -n "$article" ] && [ ! -f "$article" ]; then
            echo "not ok - $label example $n ($file line $line): no article $article"
            continue
        fi
        "$GLOSS" run --script "$T/$label-$n.lua" "${article:-$ARTICLE}" > /dev/null 2> "$T/err"
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
run_examples annotations/TUTORIAL.md TUTORIAL.md

# The tutorial's finished script is the file it links to.
last=$(tail -n 1 "$T/TUTORIAL.md.list" | cut -d' ' -f1)
if cmp -s "$T/TUTORIAL.md-$last.lua" annotations/tutorial/council.lua; then
    echo "ok - TUTORIAL.md's last example is annotations/tutorial/council.lua"
else
    echo "not ok - TUTORIAL.md's last example differs from annotations/tutorial/council.lua"
fi

# ---- editor definitions: every registered name in scripts/gloss.d.lua -------

DEFS=scripts/gloss.d.lua
while IFS= read -r name; do
    case $name in
        gloss.*) decl="function $name(" ;;
        doc:*) decl="function Document:${name#doc:}(" ;;
        span:*) decl="function Span:${name#span:}(" ;;
        re:*) decl="function Regex:${name#re:}(" ;;
        lex:*) decl="function Lexicon:${name#lex:}(" ;;
        ann:*) decl="function Annotation:${name#ann:}(" ;;
        *) continue ;;
    esac
    if grep -qF -- "$decl" "$DEFS"; then
        echo "ok - gloss.d.lua declares $name"
    else
        echo "not ok - gloss.d.lua declares $name (no '$decl')"
    fi
done < "$T/names"
if head -n 1 "$DEFS" | grep -qx -- '---@meta'; then
    echo "ok - gloss.d.lua starts with ---@meta"
else
    echo "not ok - gloss.d.lua starts with ---@meta"
fi

# ---- the man page --------------------------------------------------------

MAN=doc/gloss.1
if command -v groff > /dev/null 2>&1; then
    LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$MAN" > "$T/groff" 2>&1
    if [ "$?" -eq 0 ] && [ ! -s "$T/groff" ]; then
        echo "ok - gloss.1 renders without warnings"
    else
        echo "not ok - gloss.1 renders without warnings"
        sed 's/^/#   /' "$T/groff" | head -8
    fi
else
    echo "# skip: groff is not installed; gloss.1 not rendered"
fi
# Subcommands: the {"name", gl_cmd_...} rows of cli/main.c's table.
sed -n 's/^[ \t]*{"\([a-z-]*\)", *gl_cmd_[a-z_]*},.*/\1/p' cli/main.c > "$T/cmds"
if [ ! -s "$T/cmds" ]; then
    echo "not ok - subcommands found in cli/main.c"
fi
while IFS= read -r cmd; do
    if grep -qx "\.SS $cmd" "$MAN"; then
        echo "ok - gloss.1 has a section for gloss $cmd"
    else
        echo "not ok - gloss.1 has a section for gloss $cmd (no '.SS $cmd')"
    fi
done < "$T/cmds"

# ---- luacheck over scripts/ (settings: .luacheckrc) -----------------------

# Files being written right now: their warnings are shown but not counted
# (patterns, space-separated). Empty: every script counts.
IN_PROGRESS=""
if command -v luacheck > /dev/null 2>&1; then
    find scripts annotations/tutorial -name '*.lua' ! -name gloss.d.lua ! -path '*.test/*' | sort > "$T/lua"
    while IFS= read -r f; do
        pending=
        for p in $IN_PROGRESS; do
            case $f in $p) pending=1 ;; esac
        done
        luacheck --no-color --formatter plain "$f" > "$T/luacheck" 2>&1
        status=$?
        if [ -n "$pending" ]; then
            [ "$status" -eq 0 ] || sed 's/^/# in progress, not counted: /' "$T/luacheck"
        elif [ "$status" -eq 0 ]; then
            echo "ok - luacheck $f"
        else
            echo "not ok - luacheck $f"
            sed 's/^/#   /' "$T/luacheck" | head -12
        fi
    done < "$T/lua"
else
    echo "# skip: luacheck is not installed (Debian package lua-check)"
fi
