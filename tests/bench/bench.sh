#!/usr/bin/env bash
# bench.sh [BIN] - throughput, rows/s, peak RSS and start-up time of every
# stage, the pipe chain and `run -j1/-j2` on >= 50 MB inputs, and the same
# English lines through the npm peers `sentiment` (AFINN) and
# `vader-sentiment` (VADER's JS port), as ratios. Prints tables; medians of
# RUNS runs (default 3). Not part of `make test`.
#   BENCH_MB=50 RUNS=3 PEER_MB=16 VADER_MB=2 bash tests/bench/bench.sh build/tonesift
# PEERS_ONLY=1 runs the peer comparison alone. BASE=path/to/older/tonesift
# adds `run -j1` (and -j2) of BIN against BASE on each input, run alternately
# (the machine's speed drifts by 10% over minutes: alternating keeps the
# ratio honest), median of RUNS, after checking both print the same bytes.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-build/tonesift}")
MB=${BENCH_MB:-50}
RUNS=${RUNS:-3}
PEER_MB=${PEER_MB:-16}
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

if [ -z "${PEERS_ONLY:-}" ]; then
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
fi

# ---- against an older build -------------------------------------------
if [ -n "${BASE:-}" ]; then
	BASEBIN=$(realpath "$BASE")
	echo
	echo "run against $BASE, alternating, median of $RUNS (MB/s; ratio = new / old):"
	printf '%-14s %10s %10s %8s\n' "what" "old MB/s" "new MB/s" "ratio"
	for k in en zh article; do
		for j in 1 2; do
			cmp -s <("$BASEBIN" run -j$j <"$W/$k.txt") <("$BIN" run -j$j <"$W/$k.txt") ||
				echo "note: run -j$j $k: the outputs differ" >&2
			python3 - "$BASEBIN" "$BIN" "$W/$k.txt" "$RUNS" "run -j$j $k" "$j" <<'PY'
import os, subprocess, sys, time, statistics
old, new, path, runs, name, j = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
mb = os.path.getsize(path) / 2**20
t = {old: [], new: []}
for _ in range(runs):
    for b in (old, new):
        with open(path, "rb") as f:
            s = time.perf_counter()
            subprocess.run([b, "run", "-j" + j], stdin=f, stdout=subprocess.DEVNULL, check=True)
            t[b].append(time.perf_counter() - s)
o, n = mb / statistics.median(t[old]), mb / statistics.median(t[new])
print(f"{name:14} {o:10.1f} {n:10.1f} {n / o:8.3f}")
PY
		done
	done
fi

# ---- peers -------------------------------------------------------------
# The peers time their own loop (after node start-up, require() and reading
# the file), so tonesift is given both figures: its wall time with start-up
# (engines built on the first row, about 5 ms) and without it (the wall
# time minus that of a one-line input, the same work as the peers' loops).
# tonesift and `sentiment` read PEER_MB of the English lines; the far slower
# `vader-sentiment` reads the first VADER_MB of them. Medians of RUNS runs.
VADER_MB=${VADER_MB:-2}
PEERS="$W/peers"
if command -v npm >/dev/null && { [ -d "$PEERS/node_modules/sentiment" ] ||
	(mkdir -p "$PEERS" && cd "$PEERS" && npm init -y >/dev/null 2>&1 &&
	 npm install --silent sentiment vader-sentiment >/dev/null 2>&1); }; then
	head -c $((PEER_MB << 20)) "$W/en.txt" | sed '$d' >"$W/peer.txt"
	head -c $((VADER_MB << 20)) "$W/en.txt" | sed '$d' >"$W/peer.vader.txt"
	head -n 1 "$W/peer.txt" >"$W/peer.one.txt"
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
console.log(sec.toFixed(4));
JS
	for f in peer peer.one; do
		awk 'BEGIN{print "text"} {gsub(/\\/, "\\\\"); print}' "$W/$f.txt" >"$W/$f.tsv"
	done
	python3 - "$BIN" "$W" "$PEERS" "$RUNS" <<'PY'
import os, statistics, subprocess, sys, time
b, w, peers, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def wall(cmd, path):
    ts = []
    for _ in range(runs):
        with open(path, 'rb') as f:
            t = time.perf_counter()
            subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL, check=True)
            ts.append(time.perf_counter() - t)
    return statistics.median(ts)
def node(which, path):
    return statistics.median(float(subprocess.run(
        ["node", "peer.js", which, path], cwd=peers, check=True,
        capture_output=True, text=True).stdout) for _ in range(runs))
mb = os.path.getsize(f"{w}/peer.txt") / 2**20
vmb = os.path.getsize(f"{w}/peer.vader.txt") / 2**20
rows = []
for name, cmd, big, one in (
        ("tonesift score", [b, "score"], "peer.tsv", "peer.one.tsv"),
        ("tonesift run --unit line -j1", [b, "run", "--unit", "line", "-j1"],
         "peer.txt", "peer.one.txt")):
    t, t0 = wall(cmd, f"{w}/{big}"), wall(cmd, f"{w}/{one}")
    rows.append((name, mb / t, mb / max(t - t0, 1e-3)))
sent = mb / node("sentiment", f"{w}/peer.txt")
vader = vmb / node("vader", f"{w}/peer.vader.txt")
print(f"\npeers on the same English lines ({mb:.1f} MB; vader-sentiment {vmb:.1f} MB), one core,"
      f" median of {runs}; the peers' own loop time, tonesift with and without its start-up:")
print(f"{'what':30} {'MB/s':>8} {'× sentiment':>12} {'× vader':>9} {'MB/s w/o start-up':>18} {'× sentiment':>12} {'× vader':>9}")
for name, r1, r2 in rows:
    print(f"{name:30} {r1:8.1f} {r1/sent:12.2f} {r1/vader:9.0f} {r2:18.1f} {r2/sent:12.2f} {r2/vader:9.0f}")
print(f"{'npm sentiment (AFINN)':30} {sent:8.1f}")
print(f"{'npm vader-sentiment':30} {vader:8.2f}")
PY
else
	echo "npm peers not available (npm install failed): no ratios" >&2
fi
