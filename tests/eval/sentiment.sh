#!/bin/sh
# sentiment.sh - evaluation of `tonesift score` against the labelled sets in
# ../shared/eval (see its README.md): Pearson r and 3-class F1 for English
# (default and --vader-compat, with the agreement rate against the
# vaderSentiment 3.3.1 reference output), accuracy, macro-F1 and the share
# of zero scores for Chinese. Prints one table. Measurement only: nothing
# from the data is kept.
# Usage: tests/eval/sentiment.sh [DATA_DIR]   (binary: $TONESIFT or build/tonesift)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-$root/../shared/eval}
bin=${TONESIFT:-$root/build/tonesift}
stats="python3 $root/tests/eval/sentiment_stats.py"
if [ ! -x "$bin" ]; then
	echo "sentiment.sh: no tonesift binary at '$bin' (build it or set TONESIFT)" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

printf '| data set | mode | rows | r | F1 (3-class) | compat agreement | zh accuracy | zh macro-F1 | zh zero scores |\n'
printf '|---|---|---:|---:|---:|---:|---:|---:|---:|\n'
for set in tweets movies; do
	gold=$data/en/vader_$set.tsv
	ref=$data/en/vader_reference_$set.tsv
	for mode in default compat; do
		flag=
		[ $mode = compat ] && flag=--vader-compat
		"$bin" score $flag < "$gold" > "$tmp/out.tsv"
		if [ $mode = compat ]; then
			line=$($stats en "$gold" "$tmp/out.tsv" "$ref")
		else
			line=$($stats en "$gold" "$tmp/out.tsv")
		fi
		echo "$line" | awk -F'\t' -v s="en/vader_$set" -v m="$mode" \
			'{ printf "| %s | %s | %s | %s | %s | %s | - | - | - |\n", s, m, $1, $2, $3, $4 }'
	done
done
gold=$data/zh/chnsenticorp_htl.tsv
"$bin" score < "$gold" > "$tmp/out.tsv"
$stats zh "$gold" "$tmp/out.tsv" | awk -F'\t' \
	'{ printf "| zh/chnsenticorp_htl | default | %s | - | - | - | %s | %s | %s |\n", $1, $2, $3, $4 }'
