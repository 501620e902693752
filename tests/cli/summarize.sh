#!/bin/sh
# summarize.sh BIN - `tonesift summarize --by doc|speaker|label` agrees with
# an independent computation (python3) over the same scored TSV, keeps
# groups in order of first appearance, types numbers in JSONL, and reports
# bad input as `tonesift summarize: FILE:LINE: what` with exit status 2.
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
command -v python3 >/dev/null || { echo "FAIL: python3 not found (make test installs it)"; exit 1; }

"$bin" run corpora/*/*.txt >"$tmp/scored.tsv" || { echo "FAIL: tonesift run"; exit 1; }
# the same rows with documents interleaved (sorted by text): groups must
# still be complete, sentences still counted once per (doc, sent) run
head -n 1 "$tmp/scored.tsv" >"$tmp/shuffled.tsv"
tail -n +2 "$tmp/scored.tsv" | LC_ALL=C sort -t '	' -k 6 >>"$tmp/shuffled.tsv"

cat >"$tmp/check.py" <<'EOF'
import sys, json, csv

def unesc(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\':
            out.append({'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}[s[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)

def read_tsv(path):
    with open(path, encoding='utf-8', newline='') as f:
        lines = f.read().split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    hdr = lines[0].split('\t')
    return [dict(zip(hdr, map(unesc, l.split('\t')))) for l in lines[1:]], hdr

def expected(rows, by):
    groups = {}   # dict keeps insertion order = first appearance
    prev = None
    tot_sent = tot_q = 0
    for r in rows:
        key = (r['doc'], r['sent'])
        new_sent = key != prev
        prev = key
        tot_sent += new_sent
        quote = r['kind'] == 'quote'
        tot_q += quote
        if by == 'doc':
            g = groups.setdefault(r['doc'], dict(rows=0, sent=0, comp=[], lab={},
                                  kinds={}, neg=None, pos=None))
            g['rows'] += 1
            if new_sent:
                g['sent'] += 1
                g['comp'].append(float(r['compound']))
                g['lab'][r['label']] = g['lab'].get(r['label'], 0) + 1
            g['kinds'][r['kind']] = g['kinds'].get(r['kind'], 0) + 1
            if quote and r['quote_compound'] != '':
                v = float(r['quote_compound'])
                if v < 0 and (g['neg'] is None or v < g['neg'][0]):
                    g['neg'] = (v, r['quote'], r['speaker'])
                if v > 0 and (g['pos'] is None or v > g['pos'][0]):
                    g['pos'] = (v, r['quote'], r['speaker'])
        elif by == 'speaker':
            if r['kind'] not in ('quote', 'report'):
                continue
            g = groups.setdefault(r['speaker'], dict(docs=set(), q=[], lab={}, rep=0))
            g['docs'].add(r['doc'])
            if quote:
                g['q'].append(float(r['quote_compound']))
                g['lab'][r['quote_label']] = g['lab'].get(r['quote_label'], 0) + 1
            else:
                g['rep'] += 1
        else:
            if new_sent:
                groups.setdefault(r['label'], dict(s=0, q=0))['s'] += 1
            if quote:
                groups.setdefault(r['quote_label'], dict(s=0, q=0))['q'] += 1
    out = []
    f4 = lambda x: '%.4f' % x
    for k, g in groups.items():
        if by == 'doc':
            neg, pos = g['neg'] or ('', '', ''), g['pos'] or ('', '', '')
            c = g['comp']
            out.append([k, g['rows'], g['sent'], sum(c) / len(c), min(c), max(c),
                        g['lab'].get('negative', 0), g['lab'].get('neutral', 0),
                        g['lab'].get('positive', 0), g['kinds'].get('quote', 0),
                        g['kinds'].get('report', 0), g['kinds'].get('hedge', 0),
                        g['kinds'].get('number', 0), neg[1], neg[2], neg[0],
                        pos[1], pos[2], pos[0]])
        elif by == 'speaker':
            q = g['q']
            out.append([k, len(g['docs']), len(q),
                        sum(q) / len(q) if q else '', min(q) if q else '',
                        max(q) if q else '', g['lab'].get('negative', 0),
                        g['lab'].get('neutral', 0), g['lab'].get('positive', 0), g['rep']])
        else:
            out.append([k, g['s'], g['s'] / tot_sent, g['q'], g['q'] / tot_q])
    return out

def same(exp, got):
    if isinstance(exp, float):
        return got != '' and abs(float(got) - exp) <= 0.000051
    return str(exp) == got

scored, by, produced, jsonl = sys.argv[1:5]
rows, _ = read_tsv(scored)
exp = expected(rows, by)
got, hdr = read_tsv(produced)
bad = 0
if len(exp) != len(got):
    print('FAIL %s: %d groups expected, %d written' % (by, len(exp), len(got)))
    sys.exit(1)
for e, g in zip(exp, got):
    vals = [g[h] for h in hdr]
    for name, ev, gv in zip(hdr, e, vals):
        if not same(ev, gv):
            print('FAIL %s: group %r column %s: expected %r, got %r' % (by, e[0], name, ev, gv))
            bad = 1
# JSONL: same rows, numbers typed, empty numbers null
with open(jsonl, encoding='utf-8') as f:
    objs = [json.loads(l) for l in f]
if len(objs) != len(got):
    print('FAIL %s: jsonl has %d rows, tsv %d' % (by, len(objs), len(got)))
    bad = 1
for o, g in zip(objs, got):
    for h in hdr:
        if h in ('doc', 'speaker', 'label') or h.endswith('_quote') or h.endswith('_speaker'):
            if o[h] != g[h]:
                print('FAIL %s jsonl %s: %r != %r' % (by, h, o[h], g[h])); bad = 1
        elif g[h] == '':
            if o[h] is not None:
                print('FAIL %s jsonl %s: expected null' % (by, h)); bad = 1
        elif not isinstance(o[h], (int, float)) or abs(o[h] - float(g[h])) > 1e-9:
            print('FAIL %s jsonl %s: %r is not the number %s' % (by, h, o[h], g[h])); bad = 1
print('%s: %d groups checked' % (by, len(exp)))
sys.exit(bad)
EOF

for input in scored shuffled; do
	for by in doc speaker label; do
		"$bin" summarize --by $by "$tmp/$input.tsv" >"$tmp/out.tsv" ||
			{ echo "FAIL: summarize --by $by $input exited $?"; fail=1; continue; }
		"$bin" summarize --by $by --format jsonl <"$tmp/$input.tsv" >"$tmp/out.jsonl" ||
			{ echo "FAIL: summarize --by $by --format jsonl exited $?"; fail=1; continue; }
		python3 "$tmp/check.py" "$tmp/$input.tsv" $by "$tmp/out.tsv" "$tmp/out.jsonl" || fail=1
	done
done

# the pipe chain gives the same summary as run; two files are one corpus
"$bin" norm corpora/zh/*.txt | "$bin" claims | "$bin" score >"$tmp/pipe.tsv"
"$bin" run corpora/zh/*.txt >"$tmp/run.tsv"
"$bin" summarize "$tmp/pipe.tsv" >"$tmp/a" && "$bin" summarize "$tmp/run.tsv" >"$tmp/b" &&
	cmp -s "$tmp/a" "$tmp/b" || { echo "FAIL: summary of pipe and run differ"; fail=1; }
"$bin" run corpora/en/*.txt >"$tmp/en.tsv"
"$bin" summarize "$tmp/run.tsv" "$tmp/en.tsv" >"$tmp/two"
{ cat "$tmp/b"; "$bin" summarize "$tmp/en.tsv" | tail -n +2; } >"$tmp/two.expected"
cmp -s "$tmp/two" "$tmp/two.expected" || { echo "FAIL: two files are not summarised as one corpus"; fail=1; }

# CSV input (--csv), also as saved for Excel (BOM + CRLF): same summary
"$bin" summarize --by speaker "$tmp/scored.tsv" >"$tmp/tsv-in"
"$bin" run --format csv corpora/*/*.txt | "$bin" summarize --by speaker --csv | cmp -s - "$tmp/tsv-in" ||
	{ echo "FAIL: summarize --csv differs from the TSV summary"; fail=1; }
"$bin" run --excel corpora/*/*.txt | "$bin" summarize --by speaker --csv | cmp -s - "$tmp/tsv-in" ||
	{ echo "FAIL: summarize --csv of --excel output differs from the TSV summary"; fail=1; }

# a full disk is exit status 1 with a message
if [ -w /dev/full ]; then
	"$bin" summarize "$tmp/scored.tsv" >/dev/full 2>"$tmp/err"
	[ $? -eq 1 ] && grep -q "tonesift summarize: error writing output" "$tmp/err" ||
		{ echo "FAIL: writing to /dev/full: $(cat "$tmp/err")"; fail=1; }
fi
# deterministic: same input, same bytes
"$bin" summarize --by speaker "$tmp/scored.tsv" >"$tmp/s1"
"$bin" summarize --by speaker "$tmp/scored.tsv" >"$tmp/s2"
cmp -s "$tmp/s1" "$tmp/s2" || { echo "FAIL: output is not deterministic"; fail=1; }

# errors: file:line, the missing column named, exit 2
err() {  # err NAME EXPECTED-STDERR-SUBSTRING ARGS... (stdin from $tmp/in)
	name=$1; want=$2; shift 2
	"$bin" summarize "$@" <"$tmp/in" >/dev/null 2>"$tmp/err"
	st=$?
	if [ $st -ne 2 ] || ! grep -qF -- "$want" "$tmp/err"; then
		echo "FAIL $name: status $st, stderr: $(cat "$tmp/err") (wanted: $want)"
		fail=1
	fi
}
cut -f 1-17 "$tmp/scored.tsv" >"$tmp/in"
err missing-label "tonesift summarize: stdin:1: no column 'label'"
cut -f 1-13 "$tmp/scored.tsv" >"$tmp/in"
err missing-compound "no column 'quote_compound'" --by speaker
printf 'doc\tsent\tcompound\tlabel\tkind\tquote\tquote_compound\nd\t1\t0.5\tpositive\tnone\t\t\nd\t2\tlots\tpositive\tnone\t\t\n' >"$tmp/in"
err bad-number "tonesift summarize: stdin:3: column 'compound': 'lots' is not a number"
printf 'doc\tsent\tcompound\tlabel\tkind\tquote\tquote_compound\nd\t1\t0.5\tpositive\n' >"$tmp/in"
err short-row "tonesift summarize: stdin:2: 4 fields, header has 7"
printf 'doc\tsent\tcompound\tlabel\tkind\tquote\tquote_compound\nd\\x\t1\t0.5\tpositive\tnone\t\t\n' >"$tmp/in"
err bad-escape "tonesift summarize: stdin:2: column 'doc'"
: >"$tmp/in"
err bad-by "'--by': 'word'" --by word
"$bin" summarize "$tmp/nonexistent.tsv" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -qF "cannot open '$tmp/nonexistent.tsv'" "$tmp/err" ||
	{ echo "FAIL: missing file"; fail=1; }
# empty input: a header and no rows
: | "$bin" summarize >"$tmp/out" && [ "$(wc -l <"$tmp/out")" -eq 1 ] ||
	{ echo "FAIL: empty input"; fail=1; }

[ $fail -eq 0 ] && echo "summarize: all checks passed"
exit $fail
