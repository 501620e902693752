#!/bin/sh
# bad_input.sh BIN - the bad-input matrix of issue 7: every stage (norm,
# norm --tsv, claims, score, run, run --tsv) on empty input, a header only,
# no trailing newline, every class of invalid UTF-8, NUL bytes, a 100 MB
# line, 10^6 tiny rows, a binary file, rows with too few / too many fields,
# a bad escape, a missing or duplicate column, CRLF, bad lexicon and
# pattern files, missing or unreadable files among good ones, a
# catastrophic-backtracking pattern, a full disk, a closed pipe and SIGINT.
#
# Each case states the expected behaviour: exit status, the number of data
# rows written (no row is lost), and the shape of the messages on stderr:
#   data errors   tonesift STAGE: FILE:LINE: what is wrong
#   file errors   tonesift STAGE: cannot open|read 'FILE': reason
#   warnings      tonesift STAGE: FILE[:LINE]: replaced N invalid UTF-8 ...
# Status: 0 ok, 1 output could not be written, 2 bad usage or bad input.
# TS_BIG_MB (default 100, 10 under AddressSanitizer) sets the size of the
# long-line case; each process may use at most ten times the line (plus
# 512 MiB) of address space.
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
ncase=0
big_mb=${TS_BIG_MB:-100}
check_rss=1
# under AddressSanitizer: a smaller long line, no RSS bound (shadow memory)
if grep -aq AddressSanitizer "$bin" 2>/dev/null; then
	big_mb=${TS_BIG_MB:-10}
	check_rss=0
fi

# ---- helpers ---------------------------------------------------------------

# run STDIN ARGS... : run the binary, status in $st, output in $tmp/out/err
run() {
	_in=$1
	shift
	"$bin" "$@" <"$_in" >"$tmp/out" 2>"$tmp/err"
	st=$?
}

# bad NAME WHAT: record a failure
bad() {
	echo "FAIL $1: $2"
	if [ -s "$tmp/err" ]; then sed -n '1,3s/^/    stderr: /p' "$tmp/err"; fi
	fail=1
}

# data rows of $tmp/out (lines after the header)
rows() {
	_l=$(wc -l <"$tmp/out")
	[ "$_l" -gt 0 ] && _l=$((_l - 1))
	echo $_l
}

# expect NAME STATUS ROWS [ERR-REGEX]: check the last run. ROWS "-" skips
# the row count; ERR-REGEX "" means stderr must be empty, "*" anything;
# otherwise every line of stderr must match the regex (grep -E).
expect() {
	ncase=$((ncase + 1))
	_name=$1 _st=$2 _rows=$3
	_err=${4-}
	if [ "$st" != "$_st" ]; then
		bad "$_name" "exit status $st, expected $_st"
		return
	fi
	if [ "$_rows" != - ] && [ "$(rows)" != "$_rows" ]; then
		bad "$_name" "$(rows) rows, expected $_rows"
		return
	fi
	case $_err in
	"") [ -s "$tmp/err" ] && bad "$_name" "unexpected message on stderr" ;;
	"*") ;;
	*)
		if [ ! -s "$tmp/err" ]; then
			bad "$_name" "no message on stderr, expected /$_err/"
		elif grep -Evq -e "$_err" "$tmp/err"; then
			bad "$_name" "message does not match /$_err/"
		fi ;;
	esac
}

# The commands of the matrix: raw-text ones and TSV ones.
RAW="norm|run"
TSV="norm --tsv|claims|score|run --tsv"

# for_each LIST FUNC: call FUNC "CMD" STAGE for each "|"-separated command
for_each() {
	_list=$1 _fn=$2
	_old=$IFS
	IFS='|'
	set -- $_list
	IFS=$_old
	for _cmd in "$@"; do
		$_fn "$_cmd" "${_cmd%% *}"
	done
}

# a TSV file with the given text fields, one row each (id = 1, 2, ...)
mktsv() {
	_f=$1
	shift
	printf 'id\ttext\n' >"$_f"
	_i=0
	for _t in "$@"; do
		_i=$((_i + 1))
		printf '%s\t%s\n' "$_i" "$_t" >>"$_f"
	done
}

# ---- inputs ------------------------------------------------------------------
cd "$tmp" || exit 2
: >empty
printf 'id\ttext\n' >header.tsv
printf 'One sentence. Two sentences' >nonl.txt
printf 'id\ttext\n1\tgood\n2\tno newline' >nonl.tsv
mktsv good.tsv "A good day." "A bad day."
printf 'Good one.\n' >a.txt
printf 'Good two.\n' >b.txt
mktsv a.tsv "first file"
mktsv b.tsv "second file"
mkdir unreadable.d         # reading a directory fails even as root
# invalid UTF-8, one class per line, with the number of U+FFFD expected
# (one per maximal invalid subpart, the Unicode recommendation)
printf 'overlong \300\257 end.\n' >utf8-overlong.txt                    # 2
printf 'overlong3 \340\200\257 end.\n' >utf8-overlong3.txt             # 3
printf 'surrogate \355\240\200 end.\n' >utf8-surrogate.txt             # 3
printf 'truncated \344\270 end.\n' >utf8-truncated.txt                 # 1
printf 'truncated at end \344\270' >utf8-truncated-end.txt              # 1
printf 'c0 \300 c1 \301 end.\n' >utf8-c0.txt                             # 2
printf 'high \365\366\367\370\371\372\373\374\375\376\377 end.\n' >utf8-f5ff.txt  # 11
printf 'lone continuation \200\277 end.\n' >utf8-cont.txt               # 2
printf 'nul\000byte. and\000more.\n' >nul.txt
printf 'id\ttext\n1\tnul\000byte\n2\tok\n' >nul.tsv
printf 'Line one.\r\nLine two.\r\n' >crlf.txt
printf 'id\ttext\r\n1\tgood\r\n2\tbad\r\n' >crlf.tsv
# a binary file: every byte value, some runs of NUL and TAB
awk 'BEGIN { for (k = 0; k < 64; k++) for (i = 0; i < 256; i++) printf "%c", (i + k) % 256 }' >binary
printf 'id\ttext\n1\tok\n2\ttoo\tmany\n3\tfine\n' >toomany.tsv
printf 'id\ttext\n1\tok\n2\n3\tfine\n' >toofew.tsv
printf 'id\ttext\n1\tok\n2\tbad \\x escape\n3\tfine\n' >escape.tsv
printf 'id\ttext\n1\tok\n2\tends in backslash\\\n' >escape-end.tsv
printf 'id\tbody\n1\tok\n' >nocolumn.tsv
printf 'id\ttext\ttext\n1\tok\tok\n' >dupcolumn.tsv

# ---- empty input, header only, no trailing newline -----------------------------
raw_empty() {
	run empty $1 empty
	expect "$1 empty file" 0 0 ""
	run empty $1
	expect "$1 empty stdin" 0 0 ""
}
for_each "$RAW" raw_empty
tsv_empty() {
	run empty $1
	expect "$1 empty stdin" 0 0 ""
	[ -s "$tmp/out" ] && bad "$1 empty stdin" "output for an input without a header"
	run header.tsv $1
	expect "$1 header only" 0 0 ""
	head -1 "$tmp/out" | grep -q '^id	text' || bad "$1 header only" "header not written"
	run empty $1 nonl.tsv
	expect "$1 no trailing newline" 0 2 ""
	tail -1 "$tmp/out" | grep -q 'no newline' || bad "$1 no trailing newline" "last row lost"
}
for_each "$TSV" tsv_empty
raw_nonl() {
	run empty $1 nonl.txt
	expect "$1 no trailing newline" 0 2 ""
	tail -1 "$tmp/out" | grep -q 'Two sentences' || bad "$1 no trailing newline" "last sentence lost"
}
for_each "$RAW" raw_nonl

# ---- invalid UTF-8 -------------------------------------------------------------
# norm and run repair (U+FFFD, counted on stderr) and keep every row;
# --strict makes it an error naming the file, line and byte; claims and
# score take the text as it is and still write every row.
utf8_case() {  # utf8_case FILE COUNT
	_f=$1 _n=$2
	for _c in norm run; do
		run empty $_c "$_f"
		expect "$_c $_f" 0 1 "^tonesift $_c: $_f(:1)?: replaced $_n invalid UTF-8 sequences? "
		grep -q "$(printf '\357\277\275')" "$tmp/out" || bad "$_c $_f" "no U+FFFD in the output"
		run empty $_c --strict "$_f"
		expect "$_c --strict $_f" 2 0 "^tonesift $_c: $_f:1: invalid UTF-8 .*[0-9]"
	done
	# the same text in a TSV field
	printf 'id\ttext\n1\t' >"$_f.tsv"
	tr -d '\n' <"$_f" >>"$_f.tsv"
	printf '\n2\tok\n' >>"$_f.tsv"
	for _c in "norm --tsv" "run --tsv"; do
		run empty $_c "$_f.tsv"
		expect "$_c $_f.tsv" 0 2 "^tonesift ${_c%% *}: $_f.tsv(:2)?: replaced $_n invalid UTF-8 sequences? "
		run empty $_c --strict "$_f.tsv"
		expect "$_c --strict $_f.tsv" 2 0 "^tonesift ${_c%% *}: $_f.tsv:2: invalid UTF-8 "
	done
	for _c in claims score; do
		run empty $_c "$_f.tsv"
		expect "$_c $_f.tsv" 0 2 ""
	done
}
utf8_case utf8-overlong.txt 2
utf8_case utf8-overlong3.txt 3
utf8_case utf8-surrogate.txt 3
utf8_case utf8-truncated.txt 1
utf8_case utf8-truncated-end.txt 1
utf8_case utf8-c0.txt 2
utf8_case utf8-f5ff.txt 11
utf8_case utf8-cont.txt 2

# --strict on a file of several batches (run cuts at 64 KiB with -j1 and
# at 256 KiB with threads): the rest of the file after the bad line is
# skipped, as norm does, also in the batches that follow, and the next
# file is read; run -j1, -j2 and -j3 print what the pipe chain prints
awk 'BEGIN { for (i = 0; i < 10000; i++) {
	print "Line " i ": the reviewers said the new model is \"much better\" than 3 others."
	if (i == 4000) printf "bad \377 byte\n" } }' >strict-big.txt
echo "The second file is read: it is fine." >strict-next.txt
"$bin" norm --strict strict-big.txt strict-next.txt 2>"$tmp/err.pipe" |
	"$bin" claims | "$bin" score >"$tmp/out.pipe"
for j in 1 2 3; do
	run empty run -j $j --strict strict-big.txt strict-next.txt
	expect "run -j $j --strict, several batches" 2 - "^tonesift run: strict-big.txt:4002: invalid UTF-8 "
	cmp -s "$tmp/out" "$tmp/out.pipe" ||
		bad "run -j $j --strict, several batches" "differs from the pipe chain ($(rows) rows)"
	grep -q 'second file' "$tmp/out" || bad "run -j $j --strict, several batches" "the next file was not read"
done
sed 's/tonesift norm/tonesift run/' "$tmp/err.pipe" | cmp -s - "$tmp/err" ||
	bad "run --strict, several batches" "message differs from norm's"
# --unit doc --strict: the message names the bad byte's line, as norm's does
printf 'line one\nline two\nbad \377 here\n' >strict-doc.txt
run empty norm --unit doc --strict strict-doc.txt
sed 's/tonesift norm/tonesift run/' "$tmp/err" >"$tmp/err.norm"
for j in 1 2; do
	run empty run -j $j --unit doc --strict strict-doc.txt
	expect "run -j $j --unit doc --strict" 2 0 "^tonesift run: strict-doc.txt:3: invalid UTF-8 "
	cmp -s "$tmp/err" "$tmp/err.norm" || bad "run -j $j --unit doc --strict" "message differs from norm's"
done

# ---- NUL bytes, CRLF, binary -------------------------------------------------------
raw_odd() {
	run empty $1 nul.txt
	expect "$1 NUL bytes" 0 - ""
	[ "$(rows)" -ge 1 ] || bad "$1 NUL bytes" "no row"
	tr -d '\000' <"$tmp/out" | cmp -s - "$tmp/out" || bad "$1 NUL bytes" "NUL in the output"
	run empty $1 crlf.txt
	expect "$1 CRLF" 0 2 ""
	grep -q "$(printf '\r')" "$tmp/out" && bad "$1 CRLF" "CR in the output"
	run empty $1 binary
	expect "$1 binary" 0 - "^tonesift $1: binary: replaced [0-9]+ invalid UTF-8 sequences "
	[ "$(rows)" -ge 1 ] || bad "$1 binary" "no row"
	tr -d '\000' <"$tmp/out" | cmp -s - "$tmp/out" || bad "$1 binary" "NUL in the output"
}
for_each "$RAW" raw_odd
tsv_odd() {
	run empty $1 nul.tsv
	expect "$1 NUL bytes" 0 2 "*"
	run empty $1 crlf.tsv
	expect "$1 CRLF" 0 2 ""
	grep -q "$(printf '\r')" "$tmp/out" && bad "$1 CRLF" "CR in the output"
	# a binary file is not a TSV: either rows or an error naming a line,
	# never a crash
	run empty $1 binary
	case $st in
	0|2) ;;
	*) bad "$1 binary" "exit status $st" ;;
	esac
	ncase=$((ncase + 1))
	[ ! -s "$tmp/err" ] || ! grep -Evq "^tonesift $2: binary(:[0-9]+)?: " "$tmp/err" ||
		bad "$1 binary" "message shape"
}
for_each "$TSV" tsv_odd

# ---- malformed TSV -------------------------------------------------------------------
# an error naming the line, exit 2; rows before it are written
tsv_bad() {
	run empty $1 toomany.tsv
	expect "$1 too many fields" 2 1 "^tonesift $2: toomany.tsv:3: 3 fields, header has 2"
	run empty $1 toofew.tsv
	expect "$1 too few fields" 2 1 "^tonesift $2: toofew.tsv:3: 1 fields?, header has 2"
	run empty $1 escape.tsv
	expect "$1 bad escape" 2 1 "^tonesift $2: escape.tsv:3: .*bad escape '\\\\x'"
	run empty $1 escape-end.tsv
	expect "$1 backslash at end" 2 1 "^tonesift $2: escape-end.tsv:3: .*backslash"
	run empty $1 nocolumn.tsv
	expect "$1 missing column" 2 0 "^tonesift $2: nocolumn.tsv:1: no column 'text'"
	run nocolumn.tsv $1
	expect "$1 missing column (stdin)" 2 0 "^tonesift $2: (-|stdin):1: no column 'text'"
	run empty $1 dupcolumn.tsv
	expect "$1 duplicate column" 2 0 "^tonesift $2: dupcolumn.tsv:1: duplicate column name 'text'"
}
for_each "$TSV" tsv_bad

# ---- files that cannot be read among good ones ----------------------------------
# the others are still processed (all their rows), exit 2, one message each
raw_files() {
	run empty $1 a.txt missing.txt unreadable.d b.txt
	expect "$1 missing/unreadable file" 2 2 "^tonesift $2: (cannot (open|read) 'missing.txt|cannot (open|read) 'unreadable.d|unreadable.d(:[0-9]+)?: )"
	grep -q 'Good two' "$tmp/out" || bad "$1 missing/unreadable file" "file after the bad ones not processed"
}
for_each "$RAW" raw_files
tsv_files() {
	run empty $1 a.tsv missing.tsv unreadable.d b.tsv
	expect "$1 missing/unreadable file" 2 2 "^tonesift $2: (cannot (open|read) 'missing.tsv|cannot (open|read) 'unreadable.d|unreadable.d(:[0-9]+)?: )"
	grep -q 'second file' "$tmp/out" || bad "$1 missing/unreadable file" "file after the bad ones not processed"
	# the only input missing: said, not silently nothing
	run empty $1 missing.tsv
	expect "$1 only a missing file" 2 0 "^tonesift $2: cannot open 'missing.tsv'"
	# a later file with another header stops there, after the rows of
	# the files before it (run -j2 too: batches in flight are written)
	run empty $1 a.tsv nocolumn.tsv b.tsv
	expect "$1 later header differs" 2 1 "^tonesift $2: nocolumn.tsv:1: header differs from the first input's"
	# a message about the first header comes after those of files before it
	run empty $1 missing.tsv nocolumn.tsv
	expect "$1 missing, then no column" 2 0 "^tonesift $2: (cannot open 'missing.tsv'|nocolumn.tsv:1: no column 'text')"
	[ "$(wc -l <"$tmp/err")" = 2 ] && head -1 "$tmp/err" | grep -q missing ||
		bad "$1 missing, then no column" "expected two messages, the missing file's first"
}
for_each "$TSV|run -j2 --tsv" tsv_files

# ---- lexicon and pattern files ---------------------------------------------------
printf 'term\tvalence\ngood\t1\nfoo\tbar\n' >lex-malformed.tsv
printf 'term\tvalence\ngood\t1\nfoo\t5\n' >lex-range.tsv
printf 'term\tvalence\ngood\t1\nfoo\t2\ngood\t3\n' >lex-dup.tsv
printf 'term\tvalence\n' >lex-empty.tsv
printf 'list\tentry\targ\nre.hedge.en\t(?i)rumou?red\nonlyone\n' >pat-malformed.tsv
printf 'list\tentry\targ\nre.hedge.en\t(unclosed\n' >pat-regex.tsv
printf 'list\tentry\targ\ncue.en\tquipped\ncue.en\tquipped\n' >pat-dup.tsv
printf 'list\tentry\targ\nre.hedge.en\t(?:a+)+c\n' >pat-backtrack.tsv
lex_case() {  # lex_case CMD STAGE FILE LINE REGEX
	run empty $1 --lexicon "$3" good.tsv
	expect "$1 --lexicon $3" 2 0 "^tonesift $2: $3:$4: $5"
	# the location is given once, not repeated inside the message
	grep -q "$3:$4: .*$3:$4" "$tmp/err" && bad "$1 --lexicon $3" "location repeated"
}
for c in score "run --tsv"; do
	lex_case "$c" "${c%% *}" lex-malformed.tsv 3 "[^ ].*bar"
	lex_case "$c" "${c%% *}" lex-range.tsv 3 "[^ ].*5"
	lex_case "$c" "${c%% *}" lex-dup.tsv 4 "[^ ].*good.*2"
	run empty $c --lexicon lex-empty.tsv good.tsv
	expect "$c --lexicon (header only)" 0 2 ""
	run empty $c --lexicon missing.tsv good.tsv
	expect "$c --lexicon missing" 2 0 "^tonesift ${c%% *}: cannot open 'missing.tsv'"
done
pat_case() {  # pat_case CMD STAGE FILE LINE REGEX
	run empty $1 --patterns "$3" good.tsv
	expect "$1 --patterns $3" 2 0 "^tonesift $2: $3:$4: $5"
	grep -q "$3:$4: .*$3:$4" "$tmp/err" && bad "$1 --patterns $3" "location repeated"
}
for c in claims "run --tsv"; do
	pat_case "$c" "${c%% *}" pat-malformed.tsv 3 "[^ ]"
	pat_case "$c" "${c%% *}" pat-regex.tsv 2 "[^ ].*(parenthes|\\()"
	pat_case "$c" "${c%% *}" pat-dup.tsv 3 "[^ ].*quipped.*2"
	run empty $c --patterns missing.tsv good.tsv
	expect "$c --patterns missing" 2 0 "^tonesift ${c%% *}: cannot open 'missing.tsv'"
	# catastrophic backtracking: PCRE2's limits stop it, every row is
	# written, the one that hit the limit is tagged 'limit'
	mktsv backtrack.tsv "This is $(printf '%060d' 0 | tr 0 a)b c" "ok"
	run empty $c --patterns pat-backtrack.tsv backtrack.tsv
	expect "$c catastrophic backtracking" 0 2 ""
	_tags=$(awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "tags") t = i }
	                     NR == 2 { print $t }' "$tmp/out")
	case ",$_tags," in
	*,limit,*) ;;
	*) bad "$c catastrophic backtracking" "row not tagged 'limit' (tags '$_tags')" ;;
	esac
done

# ---- write errors and closed pipes ---------------------------------------------
if [ -w /dev/full ]; then
	full_case() {
		if [ "$2" = norm ] || [ "$2" = run ]; then _in=a.txt; else _in=good.tsv; fi
		case $1 in *--tsv*) _in=good.tsv ;; esac
		"$bin" $1 $_in >/dev/full 2>"$tmp/err"
		st=$?
		: >"$tmp/out"
		expect "$1 >/dev/full" 1 - "^tonesift $2: .*(writ|output).*No space left on device"
	}
	for_each "$RAW|$TSV" full_case
fi
# | head -1: the header line, then a prompt and quiet exit (SIGPIPE or EPIPE)
yes 'This is a fine sentence. 这是一个好句子。' | head -n 200000 >many.txt
"$bin" norm many.txt >many.tsv 2>/dev/null
pipe_case() {
	if [ "$2" = norm ] || [ "$2" = run ]; then _in=many.txt; else _in=many.tsv; fi
	case $1 in *--tsv*) _in=many.tsv ;; esac
	_t0=$(date +%s)
	{ "$bin" $1 $_in 2>"$tmp/err"; echo $? >"$tmp/st"; } | head -1 >"$tmp/out"
	_t1=$(date +%s)
	st=$(cat "$tmp/st")
	ncase=$((ncase + 1))
	[ "$st" = 0 ] || [ "$st" = 141 ] ||
		bad "$1 | head -1" "exit status $st"
	[ -s "$tmp/err" ] && bad "$1 | head -1" "message on stderr"
	[ "$(wc -l <"$tmp/out")" = 1 ] || bad "$1 | head -1" "no header line"
	[ $((_t1 - _t0)) -le 5 ] || bad "$1 | head -1" "took $((_t1 - _t0)) s"
}
for_each "$RAW|$TSV" pipe_case
# SIGINT in the middle: what was written ends with a complete row (no
# partial row left behind by a stdio block flushed mid-row); the process
# dies of SIGINT (or exits 130). python3 starts it with SIGINT at its
# default action (a background job of a non-interactive shell ignores it).
sigint_case() {
	if [ "$2" = norm ] || [ "$2" = run ]; then _in=many.txt; else _in=many.tsv; fi
	case $1 in *--tsv*) _in=many.tsv ;; esac
	st=$(python3 -c '
import signal, subprocess, sys, time
with open(sys.argv[1], "wb") as out:
    p = subprocess.Popen(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(0.3)
    p.send_signal(signal.SIGINT)
    print(p.wait())' "$tmp/out" "$bin" $1 $_in)
	ncase=$((ncase + 1))
	case $st in -2|130|0) ;; *) bad "$1 SIGINT" "exit status $st" ;; esac
	if [ -s "$tmp/out" ] && [ "$(tail -c 1 "$tmp/out" | od -An -c | tr -d ' ')" != '\n' ]; then
		bad "$1 SIGINT" "output ends inside a row ($(wc -c <"$tmp/out") bytes)"
	fi
}
command -v python3 >/dev/null 2>&1 && for_each "$RAW|$TSV" sigint_case
rm -f many.txt many.tsv

# ---- size: 10^6 tiny rows, one 100 MB line ------------------------------------
# (each stage once: norm and run read raw text, claims and score a TSV)
SIZED="norm|claims|score|run"
awk 'BEGIN { for (i = 0; i < 1000000; i++) print "r" i "." }' >million.txt
awk 'BEGIN { print "id\ttext"; for (i = 0; i < 1000000; i++) print i "\tok" }' >million.tsv
million() {
	case $1 in norm|run) _in=million.txt ;; *) _in=million.tsv ;; esac
	run empty $1 $_in
	expect "$1 10^6 rows" 0 1000000 ""
}
for_each "$SIZED" million
rm -f million.txt million.tsv
# 'good 好用 ' is 12 bytes: a whole number of them, no final newline
yes 'good 好用 ' | tr -d '\n' | head -c $((big_mb * 1000000 / 12 * 12)) >big.txt
{ printf 'id\ttext\n1\t'; cat big.txt; printf '\n'; } >big.tsv
# Memory must stay bounded by the longest line: each process gets an
# address-space limit of 10 times the line plus 512 MiB (so a runaway
# allocation fails instead of taking the machine down) and must still
# write its row.
vlimit=$((big_mb * 10 * 1024 + 512 * 1024))   # KiB
big() {
	case $1 in norm|run) _in=big.txt ;; *) _in=big.tsv ;; esac
	if [ $check_rss = 1 ]; then
		(ulimit -v $vlimit && exec "$bin" $1 $_in) >"$tmp/out" 2>"$tmp/err"
	else
		"$bin" $1 $_in >"$tmp/out" 2>"$tmp/err"
	fi
	st=$?
	expect "$1 ${big_mb} MB line" 0 1 ""
}
for_each "$SIZED" big
rm -f big.txt big.tsv "$tmp/out"

if [ $fail = 0 ]; then
	echo "bad input: $ncase cases as expected"
fi
exit $fail
