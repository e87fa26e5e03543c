#!/bin/sh
# `gloss repl`: piped input, expected outputs (stdout) and messages
# (stderr). Run from the repository root.
GLOSS=${GLOSS:-${BUILD:-build}/gloss}
case $GLOSS in /*) ;; *) GLOSS=$PWD/$GLOSS ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

cat > "$T/a.txt" <<'TXT'
Protesters gathered outside the embassy on Monday. "We will stay until they listen," said Ali Hassan, a teacher.

Officials said the talks would resume.
TXT

# repl NAME INPUT WANT_STDOUT [ARGS...]: printf INPUT | gloss repl a.txt ARGS;
# stdout must be exactly WANT_STDOUT (printf-expanded), status 0
repl() {
    name=$1 input=$2 want=$3
    shift 3
    # shellcheck disable=SC2059 # the input is a printf format on purpose
    printf "$input" | "$GLOSS" repl "$T/a.txt" "$@" > "$T/out" 2> "$T/err"
    got=$?
    # shellcheck disable=SC2059
    printf "$want" > "$T/want"
    if [ "$got" -ne 0 ]; then
        echo "not ok - $name: exit $got"
        sed 's/^/#   /' "$T/err" | head -5
    elif ! cmp -s "$T/out" "$T/want"; then
        echo "not ok - $name: stdout differs"
        diff "$T/want" "$T/out" | sed 's/^/#   /' | head -8
    else
        echo "ok - $name"
    fi
}
# err_has NAME TEXT: the last repl's stderr holds TEXT
err_has() {
    if grep -qF -- "$2" "$T/err"; then echo "ok - $1"; else
        echo "not ok - $1: stderr lacks '$2'"
        sed 's/^/#   /' "$T/err" | head -5
    fi
}

repl "a bare expression prints its value" 'doc:count("sentences")\n' '3\n'
repl "= expr prints its value" '= 6 * 7\n' '42\n'
repl "several values, tab-separated; nil shown" 'return 1, "a", nil\n' '1\ta\tnil\n'
repl "a statement prints nothing" 'x = 1\n' ''
repl "globals last for the session" 'x = 41\nx + 1\n' '42\n'
repl "a chunk continues over lines" \
    'n = 0\nfor s in doc:sentences() do\n  n = n + 1\nend\nn\n' '3\n'
repl "a function over lines" \
    'function sq(v)\n  return v * v\nend\nsq(9)\n' '81\n'
repl "spans print through tostring" \
    'gloss.regex("Ali Hassan"):find(doc):text()\n' 'Ali Hassan\n'
repl "the scripts ran first: their annotations are there" \
    '#doc:annotations("claim")\n' '1\n' --preset quotes
repl "an error does not end the session" 'nosuch\n1 + 1\n' '2\n'
err_has "... and says what went wrong" "repl:1: unknown global 'nosuch'"
repl "the sandbox is the scripts' one" 'os\n"after"\n' 'after\n'
err_has "... os is not there" "unknown global 'os'"
repl "a syntax error does not end the session" 'x = = 1\n2\n' '2\n'
err_has "... and is reported" "repl:1:"
repl "a runaway line is stopped by the time budget" \
    'while true do end\n"still here"\n' 'still here\n' --timeout 0.3
err_has "... with the budget named" "time limit (300 ms) reached"
repl "a memory hog is stopped by the memory budget" \
    't = {}\nfor i = 1, 1e8 do t[i] = i end\nt = nil\n"alive"\n' 'alive\n' --max-memory 16
err_has "... with the budget named" "memory limit (16 MiB) exceeded"
repl "print goes to stderr" 'print("hello")\n' ''
err_has "... prefixed with its place" "hello"
repl "end of input inside a chunk" 'for i = 1, 2 do\n' ''
err_has "... is reported" "unexpected end of input"
printf 'local doc = ...\nerror("boom")\n' > "$T/boom.lua"
repl "a failing script still opens the prompt" 'doc:count("paragraphs")\n' '2\n' --script "$T/boom.lua"
err_has "... after reporting its error" "boom"
repl "no prompts when stdin is not a terminal" '' ''

"$GLOSS" repl < /dev/null > /dev/null 2> "$T/err"
if [ $? -eq 2 ]; then echo "ok - no article: usage error"; else echo "not ok - no article: usage error"; fi
"$GLOSS" repl "$T/none.txt" < /dev/null > /dev/null 2> "$T/err"
if [ $? -eq 3 ]; then echo "ok - a missing article: input error"; else echo "not ok - a missing article: input error"; fi
"$GLOSS" repl "$T/a.txt" --preset nosuch < /dev/null > /dev/null 2> "$T/err"
if [ $? -eq 2 ]; then echo "ok - an unknown preset: usage error"; else echo "not ok - an unknown preset: usage error"; fi
