#!/usr/bin/env bash
# bench.sh [BIN] - throughput, rows/s, peak RSS and start-up time of every
# stage, the pipe chain and `run -j1/-j2` on >= 50 MB inputs, and the same
# English lines through the npm peers `sentiment` (AFINN) and
# `vader-sentiment` (VADER's JS port), as ratios. Prints tables; medians of
# RUNS runs (default 3). Not part of `make test`.
#   BENCH_MB=50 RUNS=3 PEER_MB=4 bash tests/bench/bench.sh build/tonesift
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-build/tonesift}")
MB=${BENCH_MB:-50}
RUNS=${RUNS:-3}
PEER_MB=${PEER_MB:-4}
EVAL=${EVAL_DIR:-../shared/eval}
W=${BENCH_DIR:-/tmp/tonesift-bench}
mkdir -p "$W"

# ---- inputs ------------------------------------------------------------
grow() {  # grow SRC DST: repeat SRC until DST has MB megabytes
	local src=$1 dst=$2
	[ -s "$dst" ] && [ "$(stat -c %s "$dst")" -ge $((MB << 20)) ] && return 0
	: >"$dst"
	while [ "$(stat -c %s "$dst")" -lt $((MB << 20)) ]; do cat "$src" >>"$dst"; done
}
if [ -f "$EVAL/en/vader_movies.tsv" ]; then
	tail -n +2 -q "$EVAL/en/vader_tweets.tsv" "$EVAL/en/vader_movies.tsv" | cut -f3 >"$W/en.src"
	tail -n +2 "$EVAL/zh/chnsenticorp_htl.tsv" | cut -f3 >"$W/zh.src"
else
	echo "note: $EVAL not found, English and Chinese inputs come from corpora/ only" >&2
	cat corpora/en/*.txt corpora/reviews/export.tsv >"$W/en.src"
	cat corpora/zh/*.txt corpora/reviews/chatbot-reviews.txt >"$W/zh.src"
fi
cat corpora/*/*.txt >"$W/article.src"
for k in en zh article; do grow "$W/$k.src" "$W/$k.txt"; done

# ---- measuring ---------------------------------------------------------
# measure NAME INPUT CMD...: runs CMD < INPUT RUNS times; records the median
# wall time, the peak RSS (of the slowest process for pipes) and the rows.
results=()
measure() {
	local name=$1 input=$2; shift 2
	local t rss rows bytes times=() rsss=()
	bytes=$(stat -c %s "$input")
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -f '%e %M' -o "$W/time" bash -c "$*" <"$input" >"$W/out" 2>"$W/err" || {
			echo "FAILED: $name" >&2; cat "$W/err" >&2; return 1; }
		read -r t rss <"$W/time"
		times+=("$t"); rsss+=("$rss")
	done
	rows=$(($(wc -l <"$W/out") - 1))
	results+=("$(python3 - "$name" "$bytes" "$rows" "${times[*]}" "${rsss[*]}" <<'PY'
import sys, statistics
name, size, rows, times, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(), sys.argv[5].split()
t = statistics.median(float(x) for x in times)
t = max(t, 0.001)
print(f"{name}\t{size/2**20:.1f}\t{t:.2f}\t{size/2**20/t:.1f}\t{rows/t:,.0f}\t{max(int(x) for x in rss)/1024:.1f}")
PY
)")
}

# pipes measured with a wrapper that reports the largest RSS of its stages
peak() { # peak CMD...: prints nothing, runs each stage under time -v via a pipeline file
	"$@"
}

echo "preparing stage inputs..." >&2
for k in en zh article; do
	"$BIN" norm <"$W/$k.txt" >"$W/$k.norm.tsv"
	"$BIN" claims <"$W/$k.norm.tsv" >"$W/$k.claims.tsv"
done

for k in en zh article; do
	measure "norm $k" "$W/$k.txt" "'$BIN' norm"
	measure "claims $k" "$W/$k.norm.tsv" "'$BIN' claims"
	measure "score $k" "$W/$k.claims.tsv" "'$BIN' score"
	measure "pipe chain $k" "$W/$k.txt" "'$BIN' norm | '$BIN' claims | '$BIN' score"
	measure "run -j1 $k" "$W/$k.txt" "'$BIN' run -j1"
	measure "run -j2 $k" "$W/$k.txt" "'$BIN' run -j2"
done
# run -j parallelises across documents: a TSV of many short documents
awk 'BEGIN{print "id\ttext"} {printf "r%d\t%s\n", NR, $0}' "$W/en.txt" >"$W/en.docs.tsv"
measure "run -j1 --tsv en docs" "$W/en.docs.tsv" "'$BIN' run --tsv -j1"
measure "run -j2 --tsv en docs" "$W/en.docs.tsv" "'$BIN' run --tsv -j2"

printf '\n%-26s %8s %8s %9s %12s %10s\n' "what" "MB in" "sec" "MB/s" "rows/s" "peak MiB"
for r in "${results[@]}"; do
	IFS=$'\t' read -r n s t mbs rps rss <<<"$r"
	printf '%-26s %8s %8s %9s %12s %10s\n' "$n" "$s" "$t" "$mbs" "$rps" "$rss"
done

# ---- start-up ---------------------------------------------------------
startup=$(python3 - "$BIN" <<'PY'
import subprocess, sys, time, statistics
b = sys.argv[1]
res = []
for cmd in (["score"], ["claims"], ["norm"], ["run"]):
    ts = []
    for _ in range(15):
        t = time.perf_counter()
        subprocess.run([b] + cmd, input=b"", stdout=subprocess.DEVNULL, check=True)
        ts.append(time.perf_counter() - t)
    res.append(f"{' '.join(cmd)} {statistics.median(ts)*1000:.1f} ms")
print("; ".join(res))
PY
)
echo
echo "start-up on empty input (median of 15): $startup"

# ---- peers -------------------------------------------------------------
PEERS="$W/peers"
if command -v npm >/dev/null && { [ -d "$PEERS/node_modules/sentiment" ] ||
	(mkdir -p "$PEERS" && cd "$PEERS" && npm init -y >/dev/null 2>&1 &&
	 npm install --silent sentiment vader-sentiment >/dev/null 2>&1); }; then
	head -c $((PEER_MB << 20)) "$W/en.txt" | sed '$d' >"$W/peer.txt"
	cat >"$PEERS/peer.js" <<'JS'
const fs = require('fs');
const which = process.argv[2];
const lines = fs.readFileSync(process.argv[3], 'utf8').split('\n');
let sum = 0;
const t0 = process.hrtime.bigint();
if (which === 'sentiment') {
  const S = require('sentiment'); const s = new S();
  for (const l of lines) sum += s.analyze(l).comparative;
} else {
  const v = require('vader-sentiment');
  for (const l of lines) sum += v.SentimentIntensityAnalyzer.polarity_scores(l).compound;
}
const sec = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(sec.toFixed(3));
JS
	size=$(stat -c %s "$W/peer.txt")
	awk 'BEGIN{print "text"} {gsub(/\\/, "\\\\"); print}' "$W/peer.txt" >"$W/peer.tsv"
	t_score=$( { /usr/bin/time -f '%e' "$BIN" score <"$W/peer.tsv" >/dev/null; } 2>&1 )
	t_run=$( { /usr/bin/time -f '%e' "$BIN" run --unit line <"$W/peer.txt" >/dev/null; } 2>&1 )
	t_sent=$(cd "$PEERS" && node peer.js sentiment "$W/peer.txt")
	t_vader=$(cd "$PEERS" && node peer.js vader "$W/peer.txt")
	python3 - "$size" "$t_score" "$t_run" "$t_sent" "$t_vader" <<'PY'
import sys
size, ts, tr, tsent, tv = int(sys.argv[1]), *map(float, sys.argv[2:])
mb = size / 2**20
r = lambda t: mb / max(t, 1e-3)
print(f"\npeers on the same {mb:.1f} MB of English lines (one process, one core):")
print(f"{'what':34} {'MB/s':>8} {'tonesift score ×':>17} {'tonesift run ×':>15}")
for name, t in (("tonesift score", ts), ("tonesift run --unit line -j1", tr),
                ("npm sentiment (AFINN)", tsent), ("npm vader-sentiment", tv)):
    print(f"{name:34} {r(t):8.1f} {r(ts)/r(t):17.1f} {r(tr)/r(t):15.1f}")
PY
else
	echo "npm peers not available (npm install failed): no ratios" >&2
fi
