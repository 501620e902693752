#!/bin/sh
# check.sh BIN CASE - run one golden case and compare byte for byte.
#   CASE.args    the arguments (shell words; paths relative to the repo root)
#   CASE.in      standard input (default: empty)
#   CASE.out     expected standard output
#   CASE.err     expected standard error (default: empty)
#   CASE.status  expected exit status (default: 0)
# With TS_GOLDEN_UPDATE=1 the expected files are (re)written instead: review
# every line of the diff before committing them.
bin=$1
case=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
input=/dev/null
[ -f "$case.in" ] && input="$case.in"
eval "set -- $(cat "$case.args")"
"$bin" "$@" <"$input" >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "${TS_GOLDEN_UPDATE:-}" = 1 ]; then
	cp "$tmp/out" "$case.out"
	if [ -s "$tmp/err" ]; then cp "$tmp/err" "$case.err"; else rm -f "$case.err"; fi
	if [ "$status" != 0 ]; then echo "$status" >"$case.status"; else rm -f "$case.status"; fi
	exit 0
fi
fail=0
expect_status=0
[ -f "$case.status" ] && expect_status=$(cat "$case.status")
if [ "$status" != "$expect_status" ]; then
	echo "exit status $status, expected $expect_status"
	fail=1
fi
if ! cmp -s "$tmp/out" "$case.out"; then
	echo "stdout differs from $case.out:"
	diff "$case.out" "$tmp/out" | head -40
	fail=1
fi
[ -f "$case.err" ] || : >"$tmp/empty"
if ! cmp -s "$tmp/err" "${case}.err" 2>/dev/null && ! { [ ! -f "$case.err" ] && [ ! -s "$tmp/err" ]; }; then
	echo "stderr differs:"
	[ -f "$case.err" ] && diff "$case.err" "$tmp/err" | head -20 || cat "$tmp/err"
	fail=1
fi
exit $fail
