#!/bin/sh
# no_lost_rows.sh BIN - property test: no input unit is lost or invented.
# Over every corpus file and over random documents (fixed seeds, so the
# test is deterministic) it checks that
#  - norm's (doc, sent) keys are 1..N per document, in order, and with
#    --unit line there is one row per input line;
#  - norm | claims | score keeps every (doc, sent) key, in order (claims
#    may give several rows to one sentence: one per quotation), and keeps
#    the passed-through columns of norm byte for byte;
#  - run -j 1 and run -j 2 print exactly what the pipe chain prints;
#  - with --tsv every input row (its id) reaches the output, in order.
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
nchk=0

bad() {
	echo "FAIL $1: $2"
	fail=1
}

# keys FILE: the (doc, sent) column pairs of a TSV with a header, in order
keys() {
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "doc") d = i; if ($i == "sent") s = i }; next }
	             { print $d "\t" $s }' "$1"
}

# check NAME NORM-ARGS...: the whole property set for one input
check() {
	name=$1
	shift
	nchk=$((nchk + 1))
	"$bin" norm "$@" >"$tmp/norm" 2>"$tmp/err" || { bad "$name" "norm failed: $(head -1 "$tmp/err")"; return; }
	# 1..N per document, in order
	keys "$tmp/norm" | awk -F '\t' -v name="$name" '
		$1 != doc { if (seen[$1]++) { print "FAIL " name ": document " $1 " split"; bad = 1 }
		            doc = $1; want = 1 }
		{ if ($2 != want) { print "FAIL " name ": " $1 " sent " $2 ", expected " want; bad = 1; exit }
		  want++ }
		END { exit bad }' || fail=1
	"$bin" claims <"$tmp/norm" >"$tmp/claims" 2>"$tmp/err" || { bad "$name" "claims failed: $(head -1 "$tmp/err")"; return; }
	"$bin" score <"$tmp/claims" >"$tmp/pipe" 2>"$tmp/err" || { bad "$name" "score failed: $(head -1 "$tmp/err")"; return; }
	# every key survives, in order (duplicates only next to each other)
	keys "$tmp/norm" >"$tmp/k.norm"
	keys "$tmp/pipe" | uniq >"$tmp/k.pipe"
	cmp -s "$tmp/k.norm" "$tmp/k.pipe" ||
		bad "$name" "(doc, sent) keys differ after claims | score: $(diff "$tmp/k.norm" "$tmp/k.pipe" | sed -n 2p)"
	# norm's columns pass through claims and score unchanged
	nc=$(head -1 "$tmp/norm" | awk -F '\t' '{ print NF }')
	cut -f 1-"$nc" "$tmp/pipe" | uniq >"$tmp/c.pipe"
	cmp -s "$tmp/norm" "$tmp/c.pipe" || {
		# several quotation rows of one sentence repeat its columns:
		# compare distinct rows only
		uniq "$tmp/norm" | cmp -s - "$tmp/c.pipe" ||
			bad "$name" "norm's columns changed by claims | score"
	}
	for j in 1 2; do
		"$bin" run -j $j "$@" >"$tmp/run" 2>"$tmp/err" || { bad "$name" "run -j $j failed: $(head -1 "$tmp/err")"; continue; }
		cmp -s "$tmp/pipe" "$tmp/run" || bad "$name" "run -j $j differs from the pipe chain: $(diff "$tmp/pipe" "$tmp/run" | sed -n 2p | cut -c1-120)"
	done
}

# lines FILE: the number of lines norm --unit line must give (the last
# one may lack its LF)
lines() {
	awk 'END { print NR }' "$1"
}

check_lines() {  # check_lines NAME FILE
	nchk=$((nchk + 1))
	got=$("$bin" norm --unit line "$2" 2>/dev/null | awk 'END { print NR - 1 }')
	want=$(lines "$2")
	[ "$got" = "$want" ] || bad "$1 --unit line" "$got rows for $want lines"
}

# ---- the corpora ---------------------------------------------------------
n=0
for f in corpora/*/*.txt; do
	check "$f" "$f"
	check "$f paragraph" --unit paragraph "$f"
	check_lines "$f" "$f"
	n=$((n + 1))
done
check "all corpora" corpora/*/*.txt
check "all corpora, doc unit" --unit doc corpora/*/*.txt

# ---- TSV input: every row (id) reaches the output ----------------------------
check_tsv() {  # check_tsv NAME FILE [ARGS]
	name=$1 f=$2
	shift 2
	check "$name" --tsv "$@" "$f"
	nchk=$((nchk + 1))
	awk -F '\t' 'NR > 1 { print $1 }' "$f" >"$tmp/ids.in"
	awk -F '\t' 'NR > 1 { print $1 }' "$tmp/pipe" | uniq >"$tmp/ids.out"
	cmp -s "$tmp/ids.in" "$tmp/ids.out" ||
		bad "$name" "input rows missing from the output: $(diff "$tmp/ids.in" "$tmp/ids.out" | sed -n 2p)"
}
check_tsv "export.tsv" corpora/reviews/export.tsv

# ---- random documents ----------------------------------------------------------
# Fragments: words and punctuation of both languages, quotation marks of
# every kind (often unbalanced), abbreviations, numbers, emoji, spaces,
# blank lines, controls and invalid bytes. awk's srand(seed) makes each
# document the same on every run.
gen() {  # gen SEED LENGTH > FILE
	awk -v seed="$1" -v len="$2" 'BEGIN {
		srand(seed)
		n = split("这是 我 用过 最差的 聊天机器人 太好用了 网友 表示 据 报道 称 300多万次 1亿美金 " \
		  "。 。 ！ ？ …… ， ： “ ” 「 」 『 』 ‘ ’ 《 》 " \
		  "The it is not very good bad but said Mr. Dr. U.S. e.g. 3.5 $10 billion " \
		  ". . ! ? ... , : \" \" ( ) \x27 " \
		  "😍 👩‍💻 ❤️ \xc2\xa0 \xe3\x80\x80 \t \x01 \x7f \xc0 \xed\xa0\x80 \xff \xe4\xb8", w, " ")
		for (i = 0; i < len; i++) {
			r = rand()
			if (r < 0.06) printf "\n"
			else if (r < 0.08) printf "\n\n"
			else if (r < 0.45) printf " %s", w[int(rand() * n) + 1]
			else printf "%s", w[int(rand() * n) + 1]
		}
		if (rand() < 0.5) printf "\n"
	}'
}
i=1
while [ $i -le 40 ]; do
	gen $i $((20 + i * 15)) >"$tmp/rand$i.txt"
	i=$((i + 1))
done
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	check "random document $i" "$tmp/rand$i.txt"
	check_lines "random document $i" "$tmp/rand$i.txt"
done
check "random documents 21-40 together" "$tmp"/rand2*.txt "$tmp"/rand3*.txt "$tmp/rand40.txt"
check "random documents, line unit" --unit line "$tmp"/rand1*.txt
check "random documents, html+markdown" --html --markdown "$tmp"/rand2*.txt
# random TSV: one row per random paragraph, escaped
awk 'BEGIN { print "id\trating\ttext" }
     { gsub(/\t/, "\\t"); gsub(/\r/, "\\r"); printf "r%d\t%d\t%s\n", NR, NR % 5, $0 }' \
	"$tmp"/rand*.txt >"$tmp/rand.tsv"
check_tsv "random TSV" "$tmp/rand.tsv"

[ "$n" -ge 6 ] || bad corpora "only $n corpus files"
[ $fail = 0 ] && echo "no lost rows: $nchk checks over $n corpus files and 40 random documents"
exit $fail
