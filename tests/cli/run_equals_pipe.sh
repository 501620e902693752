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
# a file given twice (an empty one between) is one document to the pipe's
# claims, which sees no change of `doc`: the colon introduction at the end
# of the first copy gives the quotation that opens the second its speaker
printf '"We will ship it next week."\nSmith said:\n' >"$tmp/twice.txt"
: >"$tmp/empty.txt"
check same-file-twice "$tmp/twice.txt" "$tmp/twice.txt"
check same-file-empty-between "$tmp/twice.txt" "$tmp/empty.txt" "$tmp/twice.txt"
check same-file-twice-doc --unit doc "$tmp/twice.txt" "$tmp/twice.txt"
# many small documents in one TSV, so -j2 really spreads batches
awk 'BEGIN{print "id\ttext"} {for(i=0;i<3000;i++) printf "d%d-%d\t%s\n", NR, i, $0}' corpora/reviews/chatbot-reviews.txt >"$tmp/many.tsv"
check many-docs --tsv "$tmp/many.tsv"
# one document of about 3 MB: -j2 cuts it into batches that run on all
# threads, each under a guess of the document's state where it starts
# (speakers, counters), settled in order
i=0; while [ $i -lt 350 ]; do cat corpora/*/*.txt; i=$((i + 1)); done >"$tmp/one-big-doc.txt"
check one-big-doc "$tmp/one-big-doc.txt"
# the same document in small batches (TONESIFT_TEST_BATCH, bytes), with
# rows that use the state the rows before them left (a colon introduction,
# a pronoun for the last speaker, a quotation that continues the one
# before): each batch runs under a guess of that state (a pronoun's
# speaker is filled in when the batch is settled), the batches whose
# guess is wrong run again, and once most recent guesses fail, batches
# run in order from the true state (settle() in cmd_run.c). The report
# line says how many did each: some must have run again; and on rows
# that alternate "Smith agreed." and a quotation, in batches of a line,
# most guesses fail and batches run in order
awk 'BEGIN { srand(7); split("Jane Doe said the plan works.|He said, \"Not yet.\"|Smith said:|\"We will ship it next week.\"|Smith agreed.|\"It goes on.\"|张伟表示，模型还不够好。|他说：“我们会修复。”|李明在微博上说：|“这个模型很好用。”|The weather was fine.", rows, "|")
	for (i = 0; i < 3000; i++) print rows[1 + int(rand() * 11)] }' >"$tmp/state-doc.txt"
cat corpora/*/*.txt >>"$tmp/state-doc.txt"
"$bin" norm "$tmp/state-doc.txt" | "$bin" claims | "$bin" score >"$tmp/pipe"
for size in 40 300 5000; do
	for j in 2 3; do
		TONESIFT_TEST_BATCH=$size "$bin" run -j $j "$tmp/state-doc.txt" >"$tmp/run" 2>"$tmp/err" ||
			{ echo "FAIL small batches $size -j $j: run failed"; fail=1; }
		cmp -s "$tmp/pipe" "$tmp/run" ||
			{ echo "FAIL small batches $size -j $j: run differs from the pipe chain"; fail=1; }
		counts=$(sed -n 's/^tonesift run: \([0-9]*\) batches settled, \([0-9]*\) run again, \([0-9]*\) in order$/\1 \2 \3/p' "$tmp/err")
		set -- $counts
		if [ $# != 3 ] || [ "$2" -lt 1 ] || [ $(($2 + $3)) -ge "$1" ]; then
			echo "FAIL small batches $size -j $j: batches settled, run again, in order: '$(cat "$tmp/err")'"
			fail=1
		fi
	done
done
awk 'BEGIN { for (i = 0; i < 300; i++) { print "Smith agreed."; print "\"We will ship it next week.\"" } }' \
	>"$tmp/agreed.txt"
"$bin" norm "$tmp/agreed.txt" | "$bin" claims | "$bin" score >"$tmp/pipe"
for j in 2 3; do
	TONESIFT_TEST_BATCH=1 "$bin" run -j $j "$tmp/agreed.txt" >"$tmp/run" 2>"$tmp/err" ||
		{ echo "FAIL in order -j $j: run failed"; fail=1; }
	cmp -s "$tmp/pipe" "$tmp/run" || { echo "FAIL in order -j $j: run differs from the pipe chain"; fail=1; }
	counts=$(sed -n 's/^tonesift run: \([0-9]*\) batches settled, \([0-9]*\) run again, \([0-9]*\) in order$/\3/p' "$tmp/err")
	[ "${counts:-0}" -ge 300 ] || { echo "FAIL in order -j $j: '$(cat "$tmp/err")'"; fail=1; }
done
# a batch is not cut right after a line that ends in a colon (the next
# row's quotation is its speaker's): rows that alternate the two, in
# batches of one line, raw and as TSV, need no batch run again
awk 'BEGIN { for (i = 0; i < 200; i++) { print "Smith said:"; print "\"We will ship it next week.\""
	print "张伟表示："; print "“这个模型很好用。”" } }' >"$tmp/colons.txt"
awk 'BEGIN { print "id\ttext" } { printf "d\t%s\n", $0 }' "$tmp/colons.txt" >"$tmp/colons.tsv"
for in in colons.txt colons.tsv; do
	opt=; [ "$in" = colons.tsv ] && opt=--tsv
	"$bin" norm $opt "$tmp/$in" | "$bin" claims | "$bin" score >"$tmp/pipe"
	TONESIFT_TEST_BATCH=1 "$bin" run -j2 $opt "$tmp/$in" >"$tmp/run" 2>"$tmp/err" ||
		{ echo "FAIL colon cuts $in: run failed"; fail=1; }
	cmp -s "$tmp/pipe" "$tmp/run" || { echo "FAIL colon cuts $in: run differs from the pipe chain"; fail=1; }
	grep -q '^tonesift run: 400 batches settled, 0 run again, 0 in order$' "$tmp/err" ||
		{ echo "FAIL colon cuts $in: $(cat "$tmp/err")"; fail=1; }
done
# invalid UTF-8: norm repairs it, and run's claims engine then trusts the
# units to be valid (ts_claims_trust_utf8)
awk '{ printf "%s\376 \342\200 x\300\257 %s\355\240\200\n", $0, $0 }' corpora/zh/*.txt corpora/en/*.txt >"$tmp/bad-utf8.txt"
check bad-utf8 "$tmp/bad-utf8.txt" 2>/dev/null
[ "$n" -ge 6 ] || { echo "FAIL: only $n corpus files"; fail=1; }
[ $fail = 0 ] && echo "run equals the pipe chain on $n corpus files, 11 option sets and in small batches"
exit $fail
