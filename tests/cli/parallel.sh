#!/bin/sh
# parallel.sh BIN - scale-out with GNU parallel gives the single-process
# output: --pipepart over one large headerless TSV (one document a row) and
# one job per file over a directory.
bin=$(realpath "$1")
command -v parallel >/dev/null || { echo "FAIL: GNU parallel is not installed (apt-get install parallel)"; exit 1; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
# one document per row: each corpus file as one escaped field, many times
i=0
while [ $i -lt 150 ]; do
	for f in corpora/*/*.txt; do
		printf 'doc%d-%s\t' "$i" "$(basename "$f" .txt)"
		sed -e 's/\\/\\\\/g' -e 's/\t/\\t/g' "$f" | awk '{printf "%s\\n", $0}'
		printf '\n'
	done
	i=$((i + 1))
done >"$tmp/docs.tsv"
rows=$(wc -l <"$tmp/docs.tsv")
size=$(wc -c <"$tmp/docs.tsv")
"$bin" run --tsv --columns id,text --no-header <"$tmp/docs.tsv" >"$tmp/one.tsv" || fail=1
parallel --will-cite -j2 --pipepart --keep-order --block 64k -a "$tmp/docs.tsv" \
	"$bin" run --tsv --columns id,text --no-header >"$tmp/par.tsv" || fail=1
if cmp -s "$tmp/one.tsv" "$tmp/par.tsv"; then
	echo "pipepart: $rows documents ($size bytes, 64k blocks): same output, $(wc -l <"$tmp/par.tsv") rows"
else
	echo "FAIL: parallel --pipepart output differs from one process"
	diff "$tmp/one.tsv" "$tmp/par.tsv" | head -5
	fail=1
fi
[ -s "$tmp/one.tsv" ] || { echo "FAIL: no output"; fail=1; }
# a directory of files, one job per file
"$bin" run --no-header corpora/*/*.txt >"$tmp/one2.tsv" || fail=1
parallel --will-cite -j2 --keep-order "$bin" run --no-header ::: corpora/*/*.txt >"$tmp/par2.tsv" || fail=1
if cmp -s "$tmp/one2.tsv" "$tmp/par2.tsv"; then
	echo "one job per file: same output"
else
	echo "FAIL: parallel over files differs"
	fail=1
fi
exit $fail
