#!/bin/sh
# run.sh - the malformed-article suite: every article below is made at test
# time with printf (octal escapes: dash has no \x) or by a small generator,
# run through gloss with the quotes preset and touch.lua, and must end with
# the expected exit code and message, or with a correct result. Prints
# "ok - badinput NAME" / "not ok - ...". Test layer.
# Usage: BUILD=build sh tests/badinput/run.sh   (from the repository root)
BUILD=${BUILD:-build}
GLOSS=${GLOSS:-$BUILD/gloss}
B=tests/badinput
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
status=0
count=0

# check NAME EXIT ERR OUT FILE [gloss options...]: run FILE; exit code
# EXIT, stderr containing ERR and stdout containing OUT ("-": no check).
check() {
    name=$1 want=$2 errsub=$3 outsub=$4 file=$5
    shift 5
    count=$((count + 1))
    # shellcheck disable=SC2086 # PRESET is a word list on purpose
    timeout 120 "$GLOSS" run --timeout 60 "$@" --script "$B/touch.lua" \
        ${PRESET---preset quotes} "$file" >"$T/out" 2>"$T/err"
    got=$?
    why=
    [ "$got" -eq "$want" ] || why="exit $got, expected $want"
    if [ -z "$why" ] && [ "$errsub" != - ] && ! grep -qF -- "$errsub" "$T/err"; then
        why="stderr lacks '$errsub'"
    fi
    if [ -z "$why" ] && [ "$outsub" != - ] && ! grep -qF -- "$outsub" "$T/out"; then
        why="stdout lacks '$outsub'"
    fi
    if [ -z "$why" ] && [ "$want" -ne 0 ] && [ -s "$T/out" ]; then
        why="a failed article wrote YAML"
    fi
    if [ -z "$why" ] && [ "$want" -eq 0 ] && ! grep -q '^gloss: 1$' "$T/out"; then
        why="no YAML document"
    fi
    if [ -z "$why" ]; then
        echo "ok - badinput $name"
    else
        echo "not ok - badinput $name: $why"
        sed 's/^/#   /' "$T/err" | head -n 3
        status=1
    fi
}

# bad NAME EXIT ERR OUT FORMAT: the article is printf FORMAT
bad() {
    printf "$5" > "$T/$1.txt"
    check "$1" "$2" "$3" "$4" "$T/$1.txt"
}

U="invalid UTF-8"
# --- invalid UTF-8, one case per class
bad cont-80 3 "stray continuation byte 0x80" - 'ab\200cd\n'
bad cont-bf 3 "stray continuation byte 0xBF" - 'ab\277\n'
bad cont-run 3 "stray continuation byte" - '\200\200\200\200\n'
bad cont-after-char 3 "stray continuation byte 0xA9" - 'caf\303\251\251\n'
for b in 300 301 365 366 367 370 371 372 373 374 375 376 377; do
    bad "never-$b" 3 "never occurs in UTF-8" - "x\\${b}y\\n"
done
bad overlong-2-slash 3 "$U" - '\300\257\n'
bad overlong-2-max 3 "$U" - '\301\277\n'
bad overlong-3-slash 3 "overlong form" - '\340\200\257\n'
bad overlong-3-max 3 "overlong form" - '\340\237\277\n'
bad overlong-4-slash 3 "overlong form" - '\360\200\200\257\n'
bad overlong-4-max 3 "overlong form" - '\360\217\277\277\n'
bad overlong-nul 3 "$U" - 'a\300\200b\n'
bad surrogate-d800 3 "UTF-16 surrogate" - '\355\240\200\n'
bad surrogate-dbff 3 "UTF-16 surrogate" - '\355\257\277\n'
bad surrogate-dc00 3 "UTF-16 surrogate" - '\355\260\200\n'
bad surrogate-dfff 3 "UTF-16 surrogate" - '\355\277\277\n'
bad surrogate-cesu-pair 3 "UTF-16 surrogate" - 'smile \355\240\275\355\270\200\n'
bad above-110000 3 "above U+10FFFF" - '\364\220\200\200\n'
bad above-13ffff 3 "above U+10FFFF" - '\364\277\277\277\n'
bad five-byte 3 "never occurs" - '\370\210\200\200\200\n'
bad six-byte 3 "never occurs" - '\374\204\200\200\200\200\n'
bad cut-2-at-end 3 "cut short by the end of the input" - 'caf\303'
bad cut-3-at-end 3 "cut short by the end of the input" - 'euro \342\202'
bad cut-4-at-end 3 "cut short by the end of the input" - 'emoji \360\237\230'
bad cut-2-mid 3 "byte 0xC3 followed by 0x41" - 'caf\303Alors\n'
bad cut-3-mid 3 "byte 0xE2 followed by 0x82 0x41" - '\342\202A\n'
bad cut-4-mid 3 "byte 0xF0 followed by 0x9F 0x98 0x41" - '\360\237\230A\n'
bad cut-3-space 3 "byte 0xE2 followed by 0x20" - '\342 x\n'
bad latin1 3 "byte 0xE9 followed by 0x0A" - 'caf\351\n'
bad cp1252-quotes 3 "$U" - 'He said \223no\224.\n'
bad utf16le-bom 3 "$U" - '\377\376H\000i\000\n\000'
bad utf16be-bom 3 "$U" - '\376\377\000H\000i\000\n'
bad utf32le-bom 3 "$U" - '\377\376\000\000H\000\000\000'
bad position-line3 3 "3:5" - 'one\ntwo\nthre\377e\n'
bad position-after-multibyte 3 "1:4" - '\303\251\303\251\303\251\377\n'
bad position-crlf 3 "2:2" - 'a\r\nb\377\r\n'
bad position-cr 3 "3:1" - 'a\rb\r\377\r'
bad invalid-after-bom 3 "$U" - '\357\273\277\377\n'
bad half-bom 3 "$U" - '\357\273Hello\n'
# every byte 0x80-0xFF alone between ASCII letters is invalid
i=128
while [ $i -le 255 ]; do
    o=$(printf '%o' $i)
    bad "lone-byte-$i" 3 "$U" - "a\\${o}b\\n"
    i=$((i + 1))
done

# --- NUL bytes
bad nul-start 3 "NUL byte in article" - '\000Hello.\n'
bad nul-middle 3 "NUL byte in article" - 'Hel\000lo.\n'
bad nul-end 3 "NUL byte in article" - 'Hello.\n\000'
bad nul-only 3 "NUL byte in article" - '\000'
bad nul-line2 3 "2:3" - 'ab\ncd\000\n'
bad nul-before-bad-utf8 3 "NUL byte" - 'a\000b\377\n'

# --- odd but valid: a correct result
bad lone-cr 0 - "newline: cr" 'She said: "Yes."\rHe left.\r'
bad lone-cr-no-final 0 - "newline: cr" 'one\rtwo'
bad crlf 0 - "newline: crlf" 'She said: "Yes."\r\nHe left.\r\n'
bad mixed-newlines 0 - "newline: mixed" 'a\nb\r\nc\rd\n'
bad cr-cr-lf 0 - "gloss: 1" 'a\r\r\nb\n'
bad cr-only 0 - "bytes: 1" '\r'
bad lf-only 0 - "bytes: 1" '\n'
bad many-blank-lines 0 - "gloss: 1" "$(i=0; while [ $i -lt 500 ]; do printf '\\n'; i=$((i + 1)); done)"
bad bom-only 0 - "bom: true" '\357\273\277'
bad bom-text 0 - "bom: true" '\357\273\277Ana said: "Hi."\n'
bad bom-twice 0 - "bom: true" '\357\273\277\357\273\277Hi.\n'
bad controls 0 - "gloss: 1" 'tab\there\fform\vvert\033[31mred\177del\n'
bad c1-nel 0 - "gloss: 1" 'one\302\205two\n'
bad line-separator 0 - "gloss: 1" 'one\342\200\250two\342\200\251three\n'
bad zwj-emoji 0 - "gloss: 1" 'Family: \360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247 ok.\n'
bad combining 0 - "gloss: 1" 'Cafe\314\201 and nai\314\210ve said "ok".\n'
bad rtl 0 - "gloss: 1" '\327\251\327\234\327\225\327\235 said: "\330\263\331\204\330\247\331\205".\n'
bad max-scalar 0 - "gloss: 1" '\364\217\277\277\n'
bad noncharacter 0 - "gloss: 1" '\357\277\276\357\277\277\n'
bad bidi-override 0 - "gloss: 1" 'abc\342\200\256def\n'
bad quote-unclosed 0 - "gloss: 1" 'He said: "never closed\n\nNext paragraph.\n'
bad quote-nested 0 - "gloss: 1" '"a \342\200\234b \302\253c\302\273 d\342\200\235 e"\n'
bad only-spaces 0 - "gloss: 1" '      \n   \n'
bad single-byte 0 - "bytes: 1" 'x'
bad no-final-newline 0 - "gloss: 1" 'Ana said: "Hi."'
bad yaml-like 0 - "gloss: 1" '\055--\nkey: &a [*a]\n... !!python/object:x\n'
bad empty 0 - "bytes: 0" ''

# --- big and long
head -c 10000000 /dev/zero | tr '\0' a > "$T/10mb-one-token.txt"
check 10mb-one-token 0 - "bytes: 10000000" "$T/10mb-one-token.txt"
yes 'word ' | tr -d '\n' | head -c 10000000 > "$T/10mb-one-line.txt"
check 10mb-one-line-of-words 0 - "bytes: 10000000" "$T/10mb-one-line.txt"
# the core quote finder on 1 MB of unbalanced quotes; the quotes preset
# is left out here: it is quadratic in quotations per paragraph (80 KB of
# them take 2.4 s), which --timeout bounds
yes '"Quote' | tr -d '\n' | head -c 1000000 > "$T/1mb-quotes.txt"
PRESET= check 1mb-unbalanced-quotes 0 - "gloss: 1" "$T/1mb-quotes.txt"
unset PRESET
head -c 20000 "$T/1mb-quotes.txt" > "$T/20kb-quotes.txt"
check 20kb-unbalanced-quotes-preset 0 - "gloss: 1" "$T/20kb-quotes.txt"
{ head -c 5000000 /dev/zero | tr '\0' a; printf '\377'; } > "$T/late-bad-byte.txt"
check bad-byte-after-5mb 3 "byte 0xFF never occurs in UTF-8" - "$T/late-bad-byte.txt"

# --- not regular files
mkdir "$T/dir"
check directory 3 "no articles found" - "$T/dir"
count=$((count + 1))
if "$GLOSS" run --script "$B/touch.lua" - < "$T/dir" >"$T/out" 2>"$T/err"; then got=0; else got=$?; fi
if [ "$got" -eq 3 ] && grep -qi "is a directory" "$T/err"; then
    echo "ok - badinput directory-on-stdin"
else
    echo "not ok - badinput directory-on-stdin: exit $got"; status=1
fi
check missing 3 "No such file or directory" - "$T/no-such-file.txt"
ln -s "$T/nowhere" "$T/dangling.txt"
check dangling-symlink 3 "No such file or directory" - "$T/dangling.txt"
ln -s "$T/loop2.txt" "$T/loop1.txt"
ln -s "$T/loop1.txt" "$T/loop2.txt"
check symlink-loop 3 "Too many levels of symbolic links" - "$T/loop1.txt"
check dev-null 0 - "bytes: 0" /dev/null
check proc-self-mem-eio 3 "Input/output error" - /proc/self/mem

printf 'secret\n' > "$T/unreadable.txt"
chmod 000 "$T/unreadable.txt"
if [ "$(id -u)" -eq 0 ]; then
    echo "# unreadable file: skipped, running as root (chmod 000 does not stop root);"
    echo "# /proc/self/mem above covers a read error instead"
else
    check unreadable 3 "Permission denied" - "$T/unreadable.txt"
fi

# A FIFO: read as a stream; the article is what was written, even when it
# arrives in pieces while gloss is already reading it.
mkfifo "$T/fifo"
{ printf 'Ana said: '; sleep 0.3; printf '"We stay."\n'; } > "$T/fifo" &
check fifo-written-in-pieces 0 - "bytes: 21" "$T/fifo"
wait
# A file that grows while gloss reads it (through a FIFO, so the moment is
# fixed): the sha256 in the output is that of the bytes gloss read.
mkfifo "$T/fifo2"
{ printf 'First part.\n'; sleep 0.3; printf 'Appended later.\n'; } > "$T/fifo2" &
check changed-while-read 0 - "bytes: 28" "$T/fifo2"
wait
want=$(printf 'First part.\nAppended later.\n' | sha256sum | cut -c1-64)
count=$((count + 1))
if grep -q "sha256: $want" "$T/out"; then
    echo "ok - badinput changed-while-read: sha256 of the bytes read"
else
    echo "not ok - badinput changed-while-read: sha256 differs"; status=1
fi

echo "# $count malformed or odd articles tried"
exit $status
