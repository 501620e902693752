#!/usr/bin/env bash
# scaleout.sh [BIN [MB]] - the figures of docs/scale-out.md: MB megabytes
# (default 30) of English lines as headerless `id<TAB>text`, through
#   tonesift run -j1, tonesift run -j2 (threads) and
#   GNU parallel -j2 --pipepart --keep-order over tonesift run -j1,
# median wall time of RUNS runs (default 3), and a check that all three
# wrote the same bytes. A benchmark, not a test (needs GNU parallel).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-build/tonesift}")
MB=${2:-30}
RUNS=${RUNS:-3}
EVAL=${EVAL_DIR:-../shared/eval}
command -v parallel >/dev/null || { echo "scaleout: GNU parallel not found" >&2; exit 2; }
W=$(mktemp -d "${TMPDIR:-/tmp}/tonesift-scaleout.XXXXXX")
trap 'rm -rf "$W"' EXIT

if [ -f "$EVAL/en/vader_movies.tsv" ]; then
	tail -n +2 -q "$EVAL/en/vader_tweets.tsv" "$EVAL/en/vader_movies.tsv" | cut -f3 >"$W/src"
else
	cat corpora/en/*.txt >"$W/src"
fi
: >"$W/docs.tsv"
n=0
while [ "$(stat -c %s "$W/docs.tsv")" -lt $((MB << 20)) ]; do
	awk -v c=$n '{ gsub(/\\/, "\\\\"); printf "r%d_%d\t%s\n", c, NR, $0 }' "$W/src" >>"$W/docs.tsv"
	n=$((n + 1))
done
head -c $((MB << 20)) "$W/docs.tsv" | sed '$d' >"$W/in.tsv"

cols="--tsv --columns id,text --no-header"
python3 - "$BIN" "$W" "$RUNS" "$cols" <<'PY'
import hashlib, os, statistics, subprocess, sys, time
b, w, runs, cols = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
inp = f"{w}/in.tsv"
mb = os.path.getsize(inp) / 2**20
cmds = (
    (f"tonesift run -j1 {cols}", f"'{b}' run -j1 {cols} < '{inp}'"),
    ("tonesift run -j2 (threads)", f"'{b}' run -j2 {cols} < '{inp}'"),
    ("parallel -j2 --pipepart --keep-order --block 4M",
     f"parallel -j2 --pipepart --keep-order --block 4M -a '{inp}' '{b}' run -j1 {cols}"),
)
print(f"{mb:.1f} MB of English lines as id<TAB>text, no header; median of {runs}")
print(f"{'command':52} {'wall s':>7} {'MB/s':>7}  output sha256")
sums = set()
for name, cmd in cmds:
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run(["bash", "-c", cmd], check=True, capture_output=True).stdout
        ts.append(time.perf_counter() - t)
    h = hashlib.sha256(out).hexdigest()[:16]
    sums.add(h)
    t = statistics.median(ts)
    print(f"{name:52} {t:7.2f} {mb / t:7.1f}  {h}")
print("same output: yes" if len(sums) == 1 else "same output: NO")
sys.exit(0 if len(sums) == 1 else 1)
PY
