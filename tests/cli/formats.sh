#!/bin/sh
# formats.sh BIN - every stage's --format csv / --excel / jsonl output holds
# exactly the rows and fields of its TSV output, read back with real parsers
# (python3's csv and json modules): RFC 4180 quoting, BOM + CRLF with
# --excel, one JSON object per row with typed numbers.
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
command -v python3 >/dev/null || { echo "FAIL: python3 not found (make test installs it)"; exit 1; }

# A TSV whose pass-through columns hold everything CSV and JSON must quote:
# comma, double quote, TAB, LF, CR, backslash, leading/trailing spaces,
# Chinese, emoji, an empty field, a control character and a number-like id.
printf 'id\tnote\ttext\n' >"$tmp/tricky.tsv"
printf '007\ta,b "q"\\tx\\ny \\\\ z\t他说：“好！” 真的。\n' >>"$tmp/tricky.tsv"
printf '2\t lead and trail \tHello, world. She said "no".\n' >>"$tmp/tricky.tsv"
printf '3\t\t网友吐槽：“这是我用过最差的AI，完全答非所问。”😂\n' >>"$tmp/tricky.tsv"
printf '4\tcr\\rhere\001ctl\t=SUM(A1) "quoted" 1,5%%\n' >>"$tmp/tricky.tsv"
printf '5\t-1.5e3\t\n' >>"$tmp/tricky.tsv"

cat >"$tmp/check.py" <<'EOF'
import sys, csv, json, io

NUMERIC = {'para', 'sent', 'offset', 'neg', 'neu', 'pos', 'compound',
           'checkworthy', 'quote_neg', 'quote_neu', 'quote_pos', 'quote_compound'}

def unesc(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == '\\':
            out.append({'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return ''.join(out)

def tsv_rows(data):
    lines = data.decode('utf-8').split('\n')
    assert lines[-1] == '', 'TSV does not end in LF'
    return [[unesc(f) for f in l.split('\t')] for l in lines[:-1]]

name, tsv_path, csv_path, excel_path, jsonl_path, header, numeric = sys.argv[1:8]
header = header == '1'
if numeric != 'stages':   # summarize: every column except these is a number
    NUMERIC = set(tsv_rows(open(tsv_path, 'rb').read())[0]) - set(numeric.split(','))
bad = []
tsv = tsv_rows(open(tsv_path, 'rb').read())
names = tsv[0] if header else None

# RFC 4180 CSV
raw = open(csv_path, 'rb').read()
if raw.startswith(b'\xef\xbb\xbf'):
    bad.append('plain CSV starts with a BOM')
rows = list(csv.reader(io.StringIO(raw.decode('utf-8'), newline='')))
if rows != tsv:
    for i, (a, b) in enumerate(zip(tsv, rows)):
        if a != b:
            bad.append('csv row %d: %r != %r' % (i + 1, b, a))
            break
    else:
        bad.append('csv has %d rows, tsv %d' % (len(rows), len(tsv)))

# Excel: BOM, CRLF after every record, same rows
raw = open(excel_path, 'rb').read()
if not raw.startswith(b'\xef\xbb\xbf'):
    bad.append('--excel output has no UTF-8 BOM')
text = raw[3:].decode('utf-8')
rows = list(csv.reader(io.StringIO(text, newline='')))
if rows != tsv:
    bad.append('--excel rows differ from the TSV rows')
# every record ends in CRLF (LF and CR inside quoted fields stay as they are)
if not text.endswith('\r\n'):
    bad.append('--excel output does not end in CRLF')
if text.count('\r\n') < len(rows):
    bad.append('--excel: %d CRLF for %d records' % (text.count('\r\n'), len(rows)))

# JSON Lines: one object per row, keys in column order, numbers typed
if header:
    lines = open(jsonl_path, 'rb').read().decode('utf-8').split('\n')
    if lines[-1] != '':
        bad.append('JSONL does not end in LF')
    objs = [json.loads(l) for l in lines[:-1]]
    if len(objs) != len(tsv) - 1:
        bad.append('jsonl has %d objects for %d rows' % (len(objs), len(tsv) - 1))
    for n, (o, row) in enumerate(zip(objs, tsv[1:]), 2):
        if list(o.keys()) != names:
            bad.append('jsonl line %d: keys %r' % (n - 1, list(o.keys())))
            break
        for k, v in zip(names, row):
            if k in NUMERIC:
                if v == '':
                    ok = o[k] is None
                else:
                    ok = type(o[k]) in (int, float) and o[k] == float(v)
            else:
                ok = o[k] == v
            if not ok:
                bad.append('jsonl line %d column %s: %r for %r' % (n - 1, k, o[k], v))
typed = sum(1 for k in (names or []) if k in NUMERIC)
for b in bad[:10]:
    print('FAIL %s: %s' % (name, b))
if not bad:
    print('ok %s: %d rows, %d columns (%d typed)' % (name, len(tsv), len(tsv[0]) if tsv else 0, typed))
sys.exit(1 if bad else 0)
EOF

# check NAME STDIN-FILE ARGS... : run `tonesift ARGS` four times (tsv, csv,
# csv --excel, jsonl) and compare
check() {
	name=$1; input=$2; shift 2
	header=1 numeric=stages
	for a in "$@"; do
		[ "$a" = --no-header ] && header=0
		[ "$a" = summarize ] && numeric=doc,speaker,label,most_negative_quote,most_negative_speaker,most_positive_quote,most_positive_speaker
	done
	"$bin" "$@" <"$input" >"$tmp/o.tsv" || { echo "FAIL $name: tsv exited $?"; fail=1; return; }
	"$bin" "$@" --format csv <"$input" >"$tmp/o.csv" || { echo "FAIL $name: csv exited $?"; fail=1; return; }
	"$bin" "$@" --format csv --excel <"$input" >"$tmp/o.xl.csv" || { echo "FAIL $name: excel exited $?"; fail=1; return; }
	"$bin" "$@" --format jsonl <"$input" >"$tmp/o.jsonl" || { echo "FAIL $name: jsonl exited $?"; fail=1; return; }
	[ -s "$tmp/o.tsv" ] || { echo "FAIL $name: empty output"; fail=1; return; }
	python3 "$tmp/check.py" "$name" "$tmp/o.tsv" "$tmp/o.csv" "$tmp/o.xl.csv" "$tmp/o.jsonl" $header $numeric || fail=1
}

"$bin" norm corpora/*/*.txt >"$tmp/norm.tsv"
"$bin" claims <"$tmp/norm.tsv" >"$tmp/claims.tsv"
"$bin" norm --tsv <"$tmp/tricky.tsv" >"$tmp/tricky-norm.tsv"
"$bin" claims <"$tmp/tricky-norm.tsv" >"$tmp/tricky-claims.tsv"
: >"$tmp/empty"

check norm-raw "$tmp/empty" norm corpora/zh/chatbot-launch.txt corpora/en/phone-review.txt
check norm-tsv "$tmp/tricky.tsv" norm --tsv
check norm-tsv-noheader "$tmp/tricky.tsv" norm --tsv --no-header
check claims "$tmp/norm.tsv" claims
check claims-tricky "$tmp/tricky-norm.tsv" claims
check score "$tmp/claims.tsv" score
check score-tricky "$tmp/tricky-claims.tsv" score
check run "$tmp/empty" run corpora/mixed/ai-roundup.txt corpora/reviews/chatbot-reviews.txt
check run-j2 "$tmp/empty" run -j 2 corpora/zh/talent-war.txt corpora/en/hiring-spree.txt
check run-tsv "$tmp/tricky.tsv" run --tsv
"$bin" run corpora/*/*.txt >"$tmp/scored.tsv"
check summarize-doc "$tmp/scored.tsv" summarize --by doc
check summarize-speaker "$tmp/scored.tsv" summarize --by speaker

# --bom is the same as --excel; --excel alone means CSV
"$bin" run --bom corpora/zh/talent-war.txt >"$tmp/a"
"$bin" run --format csv --excel corpora/zh/talent-war.txt >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || { echo "FAIL: --bom differs from --format csv --excel"; fail=1; }
"$bin" run --excel corpora/zh/talent-war.txt | cmp -s - "$tmp/b" ||
	{ echo "FAIL: --excel alone is not CSV for Excel"; fail=1; }
# a bad format is a usage error
"$bin" score --format xml </dev/null >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "unknown format 'xml'" "$tmp/err" ||
	{ echo "FAIL: --format xml: $(cat "$tmp/err")"; fail=1; }

# jq and mlr (test dependencies) read the output directly
command -v jq >/dev/null && command -v mlr >/dev/null ||
	{ echo "FAIL: jq and mlr are needed (apt-get install jq miller)"; fail=1; }
if command -v jq >/dev/null; then
	n=$("$bin" run --format jsonl corpora/zh/chatbot-launch.txt | jq -s 'map(select(.compound < 0)) | length')
	m=$("$bin" run corpora/zh/chatbot-launch.txt | awk -F '\t' 'NR > 1 && $17 < 0' | wc -l)
	[ "$n" -eq "$m" ] || { echo "FAIL: jq counts $n negative rows, awk $m"; fail=1; }
fi
if command -v mlr >/dev/null; then
	grep -v "^4" "$tmp/tricky.tsv" >"$tmp/tricky-noctl.tsv"
	"$bin" norm --tsv --format csv <"$tmp/tricky-noctl.tsv" | mlr --infer-none --icsv --ojson cat >"$tmp/m.json" &&
	"$bin" norm --tsv --format jsonl <"$tmp/tricky-noctl.tsv" | mlr --ijsonl --ojson cat >"$tmp/j.json" &&
	python3 -c 'import json,sys; L=lambda p: json.load(open(p), parse_float=str, parse_int=str); a=L(sys.argv[1]); b=L(sys.argv[2]); sys.exit(0 if [{k:str(v) for k,v in r.items()} for r in a]==[{k:str(v) for k,v in r.items()} for r in b] else 1)' "$tmp/m.json" "$tmp/j.json" ||
		{ echo "FAIL: mlr reads CSV and JSONL differently"; fail=1; }
fi

[ $fail -eq 0 ] && echo "formats: all checks passed"
exit $fail
