#!/bin/sh
# Golden YAML tests: the YAML gloss writes must equal the reviewed file
# byte for byte, in every locale.
#   annotations/examples/NAME.txt  -> NAME.yaml   (preset quotes)
#   annotations/examples/NAME.txt  -> NAME.news.yaml (preset news)
#   tests/golden/NAME.txt + NAME.lua -> NAME.yaml (engine cases)
# With --update, rewrite the expected files instead (review with git diff).
GLOSS=${GLOSS:-${BUILD:-build}/gloss}
update=${1:-}
locales="C C.UTF-8"
if locale -a 2>/dev/null | grep -qi '^de_DE.utf8$'; then locales="$locales de_DE.UTF-8"; fi

check() { # name expected command...
    name=$1 expected=$2
    shift 2
    if [ "$update" = --update ]; then
        if LC_ALL=C "$@" > "$expected.new"; then
            mv "$expected.new" "$expected"
            echo "# updated $expected"
        else
            rm -f "$expected.new"
            echo "not ok - golden $name: cannot update, the run failed"
        fi
        return
    fi
    for loc in $locales; do
        out=$(mktemp)
        LC_ALL=$loc "$@" > "$out" 2>"$out.err"
        status=$?
        if [ $status -eq 0 ] && cmp -s "$out" "$expected"; then
            echo "ok - golden $name ($loc)"
        else
            echo "not ok - golden $name ($loc): exit $status"
            diff -u "$expected" "$out" | head -30 | sed 's/^/#   /'
            sed 's/^/#   /' "$out.err" | head -10
        fi
        rm -f "$out" "$out.err"
    done
}

for txt in annotations/examples/*.txt; do
    check "$(basename "$txt" .txt)" "${txt%.txt}.yaml" "$GLOSS" run --preset quotes "$txt"
done
for txt in annotations/examples/*.txt; do
    check "$(basename "$txt" .txt) news" "${txt%.txt}.news.yaml" "$GLOSS" run --preset news "$txt"
done
for lua in tests/golden/*.lua; do
    [ -f "$lua" ] || continue
    base=${lua%.lua}
    check "$(basename "$base")" "$base.yaml" "$GLOSS" run --script "$lua" "$base.txt"
done
