#!/bin/sh
# rss.sh [BIN [MB]] - bounded-memory demonstration (a benchmark, not a
# test): generate MB megabytes (default 1000) of text from corpora/ on the
# fly, into a temporary file (the documents repeated, each copy slightly
# varied so it is not one string over and over), then run
#   tonesift norm | tonesift claims | tonesift score   and
#   tonesift run -j 1
# under /usr/bin/time -v and print wall time and peak RSS per process.
# Peak RSS should depend on the longest line, not on the input size.
set -u
bin=${1:-build/tonesift}
mb=${2:-1000}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
case $bin in /*) ;; *) bin=$root/$bin ;; esac
[ -x "$bin" ] || { echo "rss: no $bin (build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "rss: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tonesift-rss.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# the input: all corpus texts, numbered copies, until MB megabytes
want=$((mb * 1000 * 1000))
cat corpora/*/*.txt >"$tmp/seed"
seed=$(wc -c <"$tmp/seed")
copies=$((want / (seed + 200) + 1))
awk -v copies="$copies" 'NR == FNR { line[n++] = $0; next }
	END { for (c = 1; c <= copies; c++) {
		printf "Copy %d of the corpus.\n", c
		for (i = 0; i < n; i++) print line[i]
	} }' "$tmp/seed" /dev/null | head -c "$want" >"$tmp/big.txt"
size=$(wc -c <"$tmp/big.txt")
longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$tmp/big.txt")
echo "input: $size bytes, $(wc -l <"$tmp/big.txt") lines, longest line $longest bytes"

report() {  # report NAME TIMEFILE
	awk -v name="$1" -F': ' '
		/Maximum resident set size/ { rss = $2 }
		/Elapsed \(wall clock\)/ { wall = $2 }
		END { printf "  %-28s peak RSS %8.1f MiB   wall %s\n", name, rss / 1024, wall }' "$2"
}

echo "pipe chain (each process):"
/usr/bin/time -v -o "$tmp/t.norm" "$bin" norm "$tmp/big.txt" |
	/usr/bin/time -v -o "$tmp/t.claims" "$bin" claims |
	/usr/bin/time -v -o "$tmp/t.score" "$bin" score |
	wc -l >"$tmp/rows.pipe"
report "tonesift norm" "$tmp/t.norm"
report "tonesift claims" "$tmp/t.claims"
report "tonesift score" "$tmp/t.score"
echo "  rows: $(($(cat "$tmp/rows.pipe") - 1))"
echo "one process:"
/usr/bin/time -v -o "$tmp/t.run" "$bin" run -j 1 "$tmp/big.txt" | wc -l >"$tmp/rows.run"
report "tonesift run -j 1" "$tmp/t.run"
echo "  rows: $(($(cat "$tmp/rows.run") - 1))"
