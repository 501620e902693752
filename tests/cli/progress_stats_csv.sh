#!/bin/sh
# progress_stats_csv.sh BIN - CSV input equals the same data as TSV;
# progress is drawn only when asked (stderr here is a file, not a
# terminal); --stats counts what was written.
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

"$bin" norm --tsv corpora/reviews/export.tsv >"$tmp/tsv" || no "norm --tsv"
"$bin" norm --tsv --csv corpora/reviews/export.csv >"$tmp/csv" || no "norm --tsv --csv"
cmp -s "$tmp/tsv" "$tmp/csv" || no "CSV input gives other rows than the same TSV"
"$bin" run --tsv --csv corpora/reviews/export.csv >"$tmp/run" || no "run --csv"
"$bin" norm --tsv --csv corpora/reviews/export.csv | "$bin" claims | "$bin" score >"$tmp/pipe"
cmp -s "$tmp/run" "$tmp/pipe" || no "run --csv differs from the pipe chain"
printf 'id,text\n1,"never closed\n' | "$bin" norm --tsv --csv >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q 'stdin:2: quoted field not closed' "$tmp/err" || no "unclosed CSV quote: $(cat "$tmp/err")"

# a few thousand lines so that progress has something to draw
i=0; while [ $i -lt 40 ]; do cat corpora/*/*.txt; i=$((i + 1)); done >"$tmp/big.txt"
"$bin" run "$tmp/big.txt" >/dev/null 2>"$tmp/quiet" || no "run"
[ -s "$tmp/quiet" ] && no "progress drawn into a file without --progress: $(head -c 200 "$tmp/quiet")"
"$bin" run --progress "$tmp/big.txt" >/dev/null 2>"$tmp/loud" || no "run --progress"
grep -q 'MB/s' "$tmp/loud" && tr '\r' '\n' <"$tmp/loud" | grep -q '%' || no "--progress drew nothing"
"$bin" norm --progress "$tmp/big.txt" >/dev/null 2>"$tmp/loud2"
grep -q 'MB/s' "$tmp/loud2" || no "norm --progress drew nothing"

"$bin" run --stats "$tmp/big.txt" >"$tmp/out" 2>"$tmp/stats" || no "run --stats"
rows=$(($(wc -l <"$tmp/out") - 1))
grep -q "stats: 1 documents, $rows rows" "$tmp/stats" || no "run --stats rows ($rows): $(cat "$tmp/stats")"
# a document per file, with --unit doc too (once counted twice), and an
# empty file is one
: >"$tmp/empty.txt"
for u in line doc; do
	"$bin" run --stats --unit $u corpora/en/hiring-spree.txt "$tmp/empty.txt" corpora/zh/talent-war.txt \
		>/dev/null 2>"$tmp/docs" || no "run --stats --unit $u"
	grep -q "stats: 3 documents," "$tmp/docs" || no "run --stats --unit $u documents: $(head -1 "$tmp/docs")"
done
quotes=$(awk -F'\t' 'NR > 1 && $7 == "quote"' "$tmp/out" | wc -l)
grep -q "stats: $quotes quotations" "$tmp/stats" || no "run --stats quotations ($quotes)"
"$bin" norm "$tmp/big.txt" | "$bin" claims --stats >"$tmp/c" 2>"$tmp/cs"
crow=$(($(wc -l <"$tmp/c") - 1))
grep -q "rows out" "$tmp/cs" && grep -q "$crow rows out" "$tmp/cs" || no "claims --stats rows out ($crow): $(cat "$tmp/cs")"
[ $fail = 0 ] && echo "csv input, progress and stats: ok ($rows rows, $quotes quotations)"
exit $fail
