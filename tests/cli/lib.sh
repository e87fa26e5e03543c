# lib.sh - the helpers of the CLI test scripts (sourced; $T is the test's
# temporary folder). Each prints "ok - NAME" or "not ok - NAME" and why.

# run NAME EXPECTED_STATUS STDERR_SUBSTRING command...
# stdout goes to $T/out, stderr to $T/err; "" as substring: not checked.
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

# run_all NAME EXPECTED_STATUS OUTPUT_SUBSTRING command...
# the same with stdout and stderr together in $T/out.
run_all() {
    name=$1 want=$2 msg=$3
    shift 3
    "$@" > "$T/out" 2>&1
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "not ok - $name: exit $got, want $want"
        sed 's/^/#   /' "$T/out" | head -8
        return 1
    fi
    if [ -n "$msg" ] && ! grep -qF -- "$msg" "$T/out"; then
        echo "not ok - $name: output lacks '$msg'"
        sed 's/^/#   /' "$T/out" | head -8
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
