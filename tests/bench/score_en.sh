#!/bin/sh
# score_en.sh - throughput of `tonesift score` on English TSV: the text of
# ../shared/eval/en/vader_{tweets,movies}.tsv repeated to SIZE_MB (default
# 50) MB, scored in the default mode and with --vader-compat; prints MB/s
# from user+system CPU time and wall time, and the peak RSS.
# Usage: tests/bench/score_en.sh [DATA_DIR] [SIZE_MB]  (binary: $TONESIFT or build/tonesift)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-$root/../shared/eval}
mb=${2:-50}
bin=${TONESIFT:-$root/build/tonesift}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 - "$data" "$mb" "$tmp/in.tsv" <<'PY'
import sys
data, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = []
for name in ("vader_tweets", "vader_movies"):
    with open("%s/en/%s.tsv" % (data, name), "rb") as f:
        f.readline()
        rows += [l.rstrip(b"\n").split(b"\t", 2)[2] for l in f if l.strip()]
size, i, parts = 0, 0, [b"id\ttext"]
while size < mb * 1000000:
    r = b"%d\t%s" % (i, rows[i % len(rows)])
    parts.append(r)
    size += len(r) + 1
    i += 1
with open(out, "wb") as f:
    f.write(b"\n".join(parts) + b"\n")
PY
bytes=$(wc -c < "$tmp/in.tsv")
for mode in default --vader-compat; do
	flag=
	[ "$mode" = default ] || flag=$mode
	/usr/bin/time -f "%U %S %e %M" -o "$tmp/t" "$bin" score $flag < "$tmp/in.tsv" > /dev/null
	read -r u s e m < "$tmp/t"
	python3 -c "
b=$bytes; u=$u; s=$s; e=$e
print('%-16s %d bytes: %.1f MB/s (cpu %.2f s), %.1f MB/s (wall %.2f s), peak RSS %d KiB' % ('$mode', b, b/1e6/(u+s), u+s, b/1e6/e, e, $m))"
done
