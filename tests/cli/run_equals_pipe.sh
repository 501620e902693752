#!/bin/sh
# run_equals_pipe.sh BIN - `tonesift run` (with -j1, -j2, -j3) prints exactly
# what `tonesift norm | tonesift claims | tonesift score` prints, on every
# corpus file, all of them at once, the review TSV, and with options.
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # check NAME NORM-ARGS... -- compares for the given norm arguments
	name=$1; shift
	"$bin" norm "$@" | "$bin" claims | "$bin" score >"$tmp/pipe" || { echo "FAIL $name: pipe failed"; fail=1; return; }
	for j in 1 2 3; do
		"$bin" run -j $j "$@" >"$tmp/run" || { echo "FAIL $name: run -j $j failed"; fail=1; continue; }
		if ! cmp -s "$tmp/pipe" "$tmp/run"; then
			echo "FAIL $name: run -j $j differs from the pipe chain"
			diff "$tmp/pipe" "$tmp/run" | head -5
			fail=1
		fi
	done
	[ -s "$tmp/pipe" ] || { echo "FAIL $name: empty output"; fail=1; }
}
n=0
for f in corpora/*/*.txt; do
	check "$f" "$f"
	n=$((n + 1))
done
check all-corpora corpora/*/*.txt
check paragraph --unit paragraph corpora/zh/chatbot-launch.txt corpora/en/assistant-launch.txt
check nfkc-line --nfkc --unit line corpora/reviews/chatbot-reviews.txt
check doc-unit --unit doc corpora/en/hiring-spree.txt
check tsv --tsv corpora/reviews/export.tsv
# many small documents in one TSV, so -j2 really spreads batches
awk 'BEGIN{print "id\ttext"} {for(i=0;i<3000;i++) printf "d%d-%d\t%s\n", NR, i, $0}' corpora/reviews/chatbot-reviews.txt >"$tmp/many.tsv"
check many-docs --tsv "$tmp/many.tsv"
# one document of about 3 MB: -j2 cuts it into batches that continue each
# other on one worker (its speakers and counters carry over)
i=0; while [ $i -lt 350 ]; do cat corpora/*/*.txt; i=$((i + 1)); done >"$tmp/one-big-doc.txt"
check one-big-doc "$tmp/one-big-doc.txt"
# invalid UTF-8: norm repairs it, and run's claims engine then trusts the
# units to be valid (ts_claims_trust_utf8)
awk '{ printf "%s\376 \342\200 x\300\257 %s\355\240\200\n", $0, $0 }' corpora/zh/*.txt corpora/en/*.txt >"$tmp/bad-utf8.txt"
check bad-utf8 "$tmp/bad-utf8.txt" 2>/dev/null
[ "$n" -ge 6 ] || { echo "FAIL: only $n corpus files"; fail=1; }
[ $fail = 0 ] && echo "run equals the pipe chain on $n corpus files and 8 option sets"
exit $fail
