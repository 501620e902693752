#!/bin/sh
# run.sh [SECONDS] - build the libFuzzer targets in build-fuzz (clang,
# -DTS_FUZZ=ON: -fsanitize=fuzzer,address,undefined) and run each harness
# for SECONDS (default 60) on a scratch copy of its seed corpus. Prints one
# line per harness (executions, corpus size) and any crash; a crash input
# is copied to build-fuzz/crashes/<harness>/ and the script exits 1.
# Environment: FUZZ_BUILD (default build-fuzz), FUZZ_ONLY="tsv norm" to run
# some harnesses, FUZZ_JOBS (default 1) parallel harnesses.
set -u
secs=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
jobs=${FUZZ_JOBS:-1}
cd "$root" || exit 2

if ! command -v clang >/dev/null 2>&1; then
	echo "fuzz: clang not found (apt-get install clang libclang-rt-dev)" >&2
	exit 2
fi
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT
if ! { cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DTS_FUZZ=ON \
	     -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
       cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)"; } >"$log" 2>&1; then
	tail -30 "$log" >&2
	echo "fuzz: build failed" >&2
	exit 2
fi

harnesses=${FUZZ_ONLY:-$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')}
work="$build/fuzz-work"
mkdir -p "$work" "$build/crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_one() {  # run_one NAME -> prints a summary line, returns 1 on a crash
	h=$1
	bin="$build/tests/fuzz/fuzz_$h"
	corpus="$work/$h"
	art="$build/crashes/$h"
	mkdir -p "$corpus" "$art"
	cp tests/fuzz/corpus/"$h"/* "$corpus"/ 2>/dev/null
	dict=""
	[ -f "tests/fuzz/$h.dict" ] && dict="-dict=tests/fuzz/$h.dict"
	"$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	       -print_final_stats=1 -artifact_prefix="$art/" $dict "$corpus" \
	       >"$work/$h.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$h.log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$work/$h.log" | tail -1 | sed 's/cov: //')
	files=$(ls "$corpus" | wc -l)
	if [ $rc = 0 ]; then
		printf '%-10s ok     %10s execs  cov %6s  corpus %5s\n' "$h" "${execs:-?}" "${cov:-?}" "$files"
		return 0
	fi
	printf '%-10s CRASH  %10s execs  (exit %s) artifacts in %s\n' "$h" "${execs:-?}" "$rc" "$art"
	grep -E 'ERROR: |SUMMARY: |property violated|runtime error|#[0-9]+ 0x' "$work/$h.log" |
		grep -Ev 'fuzzer::|libc_start|in _start|in main ' | head -12 | sed 's/^/    /'
	return 1
}

status=0
if [ "$jobs" -gt 1 ]; then
	pids=""
	for h in $harnesses; do
		( run_one "$h" >"$work/$h.summary"; echo $? >"$work/$h.rc" ) &
		pids="$pids $!"
		while [ "$(jobs -p | wc -l)" -ge "$jobs" ]; do sleep 1; done
	done
	wait
	for h in $harnesses; do
		cat "$work/$h.summary"
		[ "$(cat "$work/$h.rc")" = 0 ] || status=1
	done
else
	for h in $harnesses; do
		run_one "$h" || status=1
	done
fi
[ $status = 0 ] && echo "fuzz: no crash in $(echo $harnesses | wc -w) harnesses x ${secs}s" \
	|| echo "fuzz: crashes found (reproduce: $build/tests/fuzz/fuzz_NAME FILE)"
exit $status
