#!/bin/sh
# report.sh BIN - `tonesift report` writes one self-contained HTML page:
# well-formed, UTF-8, no script and nothing fetched, text escaped, one
# section per document with its charts, every quotation and claim listed;
# and it renders in headless Chromium (a screenshot that is not blank and
# shows the red and green of the sentiment colours). Without chromium the
# rendering check fails (make test installs chromium).
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
command -v python3 >/dev/null || { echo "FAIL: python3 not found (make test installs it)"; exit 1; }

"$bin" run corpora/*/*.txt >"$tmp/scored.tsv" || { echo "FAIL: tonesift run"; exit 1; }
# hostile text: markup in the document name, speaker, quote, evidence
printf 'doc\tsent\tlang\ttext\tcompound\tlabel\tkind\tspeaker\tcue\tquote\tquantity\tevidence\tquote_compound\tquote_label\tquote_evidence\n' >"$tmp/evil.tsv"
printf '<b>doc</b> & "x"\t1\ten\tHe said "<script>alert(1)</script>" & left.\t-0.5\tnegative\tquote\t<img src=x onerror=alert(2)>\tsaid\t<script>alert(1)</script>\t\tbad=-2\t-0.7\tnegative\t<i>bad</i>=-2\n' >>"$tmp/evil.tsv"
printf '<b>doc</b> & "x"\t2\tzh\t据说<iframe>花了1亿美金\t0\tneutral\thedge\t\t据说\t\t1亿美金=100000000 USD; <u>x</u>=1\t\t\t\t\n' >>"$tmp/evil.tsv"

# a long Chinese sentence: its tooltip is cut at a character boundary
python3 -c 'print("<b>doc</b> & \"x\"\t3\tzh\t" + "好" * 150 + "\t0.9\tpositive\tnone" + "\t" * 8)' >>"$tmp/evil.tsv"
"$bin" report "$tmp/scored.tsv" >"$tmp/report.html" || { echo "FAIL: report exited $?"; fail=1; }
"$bin" report --title 'T <&> "t"' <"$tmp/evil.tsv" >"$tmp/evil.html" || { echo "FAIL: report (evil) exited $?"; fail=1; }
: | "$bin" report >"$tmp/empty.html" || { echo "FAIL: report of empty input exited $?"; fail=1; }

cat >"$tmp/check.py" <<'EOF'
import sys, re
from html.parser import HTMLParser

VOID = {'meta', 'link', 'br', 'img', 'hr', 'input', 'line', 'rect', 'path', 'circle'}

class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags, self.text = [], [], {}, []
        self.attrs = []
    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.attrs += attrs
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.attrs += attrs
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append('unbalanced </%s> (open: %s)' % (tag, self.stack[-3:]))
        else:
            self.stack.pop()
    def handle_data(self, d):
        self.text.append(d)

def parse(path):
    raw = open(path, 'rb').read()
    html = raw.decode('utf-8')          # must be valid UTF-8
    p = Check()
    p.feed(html)
    p.close()
    bad = list(p.errors)
    if p.stack:
        bad.append('unclosed: %s' % p.stack)
    if not html.startswith('<!DOCTYPE html>'):
        bad.append('no doctype')
    if '<meta charset="utf-8">' not in html:
        bad.append('no UTF-8 meta')
    if p.tags.get('script'):
        bad.append('has a <script>')
    for k, v in p.attrs:
        if k in ('src', 'href') and v and not v.startswith('#'):
            bad.append('external reference %s=%r' % (k, v))
        if k.startswith('on'):
            bad.append('event handler attribute %s' % k)
    if re.search(r'url\(|@import', html):
        bad.append('CSS fetches something')
    return html, p, bad

def unesc(s):
    return re.sub(r'\\(.)', lambda m: {'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}[m.group(1)], s)

which = sys.argv[1]
errors = []
if which == 'corpus':
    html, p, errors = parse(sys.argv[2])
    lines = open(sys.argv[3], encoding='utf-8').read().split('\n')[:-1]
    hdr = lines[0].split('\t')
    rows = [dict(zip(hdr, map(unesc, l.split('\t')))) for l in lines[1:]]
    docs = list(dict.fromkeys(r['doc'] for r in rows))
    sections = re.findall(r'<section id="d\d+">(.*?)</section>', html, re.S)
    if len(sections) != len(docs):
        errors.append('%d sections for %d documents' % (len(sections), len(docs)))
    text = ''.join(p.text)
    for d, sec in zip(docs, sections):
        drows = [r for r in rows if r['doc'] == d]
        nq = sum(r['kind'] == 'quote' for r in drows)
        nc = sum(r['kind'] in ('report', 'hedge', 'number') for r in drows)
        if sec.count('<svg') != 2:
            errors.append('%s: %d charts' % (d, sec.count('<svg')))
        q = re.search(r'<table class="quotes">(.*?)</table>', sec, re.S)
        got = q.group(1).count('<tr style=') if q else 0
        if got != nq:
            errors.append('%s: %d quotation rows, expected %d' % (d, got, nq))
        c = re.search(r'<table class="claims">(.*?)</table>', sec, re.S)
        got = c.group(1).count('<tr>') - 1 if c else 0   # minus the header row
        if got != nc:
            errors.append('%s: %d claim rows, expected %d' % (d, got, nc))
        for r in drows:
            if r['kind'] == 'quote' and r['quote'] not in text:
                errors.append('%s: quotation %r missing' % (d, r['quote'][:30]))
        sent = len(dict.fromkeys(r['sent'] for r in drows))
        if sec.count('<rect') != sent + 11:   # one bar per sentence + 11 bins
            errors.append('%s: %d bars for %d sentences' % (d, sec.count('<rect'), sent))
    for word in ('这是我用过最差的', '科技日报'):
        if word not in text:
            errors.append('Chinese text %r missing' % word)
elif which == 'evil':
    html, p, errors = parse(sys.argv[2])
    text = ''.join(p.text)
    for raw in ('<script>', '<img', '<iframe>', '<b>doc', '<i>bad', '<u>x'):
        if raw in html:
            errors.append('unescaped %r in the page' % raw)
    for shown in ('<script>alert(1)</script>', '<img src=x onerror=alert(2)>',
                  '<b>doc</b> & "x"', 'T <&> "t"', '<i>bad</i>=-2', '据说<iframe>花了1亿美金'):
        if shown not in text:
            errors.append('text %r not shown' % shown)
else:
    html, p, errors = parse(sys.argv[2])
    if 'no rows' not in html:
        errors.append('empty input: no notice')
for e in errors[:10]:
    print('FAIL report %s: %s' % (which, e))
sys.exit(1 if errors else 0)
EOF
python3 "$tmp/check.py" corpus "$tmp/report.html" "$tmp/scored.tsv" || fail=1
python3 "$tmp/check.py" evil "$tmp/evil.html" || fail=1
python3 "$tmp/check.py" empty "$tmp/empty.html" || fail=1

# CSV input (--csv, with or without a BOM) gives the same page
"$bin" report <"$tmp/scored.tsv" >"$tmp/stdin.html"
"$bin" run --format csv corpora/*/*.txt | "$bin" report --csv | cmp -s - "$tmp/stdin.html" ||
	{ echo "FAIL: report --csv differs"; fail=1; }
"$bin" run --excel corpora/*/*.txt | "$bin" report --csv | cmp -s - "$tmp/stdin.html" ||
	{ echo "FAIL: report --csv of --excel output differs"; fail=1; }
# a full disk is exit status 1 with a message
if [ -w /dev/full ]; then
	"$bin" report "$tmp/scored.tsv" >/dev/full 2>"$tmp/err"
	[ $? -eq 1 ] && grep -q "tonesift report: error writing output" "$tmp/err" ||
		{ echo "FAIL: writing to /dev/full: $(cat "$tmp/err")"; fail=1; }
fi
# deterministic
"$bin" report "$tmp/scored.tsv" | cmp -s - "$tmp/report.html" || { echo "FAIL: report is not deterministic"; fail=1; }
# errors: file:line, column named, exit 2
cut -f 1-16 "$tmp/scored.tsv" | "$bin" report >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -qF "tonesift report: stdin:1: no column 'compound'" "$tmp/err" ||
	{ echo "FAIL: missing column: $(cat "$tmp/err")"; fail=1; }
printf 'doc\ttext\tcompound\tkind\nd\tt\tx1\tnone\n' | "$bin" report >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -qF "tonesift report: stdin:2: column 'compound': 'x1' is not a number" "$tmp/err" ||
	{ echo "FAIL: bad number: $(cat "$tmp/err")"; fail=1; }

# rendering in headless Chromium
chrome=
for c in chromium chromium-browser google-chrome; do
	command -v $c >/dev/null && { chrome=$c; break; }
done
if [ -z "$chrome" ]; then
	# `make test` installs chromium (tests/tools/deps.sh): its absence is a
	# broken set-up, not a reason to pass
	echo "FAIL: chromium not found: the report was not rendered (apt-get install chromium)"
	exit 1
fi
shot() {  # shot HTML PNG
	HOME=$tmp timeout 120 $chrome --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--user-data-dir="$tmp/profile" --hide-scrollbars --window-size=1200,1600 \
		--screenshot="$2" "file://$1" >"$tmp/chrome.log" 2>&1
}
shot "$tmp/report.html" "$tmp/report.png"
shot "$tmp/evil.html" "$tmp/evil.png"
cat >"$tmp/png.py" <<'EOF'
import sys, zlib, struct
# Decode an 8-bit RGB/RGBA PNG (what Chromium writes) and describe it.
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
assert depth == 8 and ctype in (2, 6), 'unexpected PNG type %d/%d' % (depth, ctype)
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, i = bytearray(stride), 0
colours, dark, red, green = set(), 0, 0, 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 2:
        continue
    for x in range(0, stride, bpp * 2):
        r, g, bl = line[x], line[x + 1], line[x + 2]
        colours.add((r >> 4, g >> 4, bl >> 4))
        if r + g + bl < 200: dark += 1
        if r > 150 and g < 110 and bl < 110: red += 1
        if g > 140 and r < 130 and bl < 150: green += 1
print('%dx%d colours=%d dark=%d red=%d green=%d' % (w, h, len(colours), dark, red, green))
ok = len(colours) > 20 and dark > 500 and red > 100 and green > 100
sys.exit(0 if ok else 1)
EOF
for n in report evil; do
	if [ ! -s "$tmp/$n.png" ]; then
		echo "FAIL: chromium wrote no screenshot of $n.html"; tail -5 "$tmp/chrome.log"; fail=1
	elif ! desc=$(python3 "$tmp/png.py" "$tmp/$n.png"); then
		echo "FAIL: the screenshot of $n.html looks blank or uncoloured: $desc"; fail=1
	else
		echo "rendered $n.html: $desc"
	fi
done
# keep the screenshot for a human to look at, when asked
[ -n "$TS_REPORT_PNG" ] && cp "$tmp/report.png" "$TS_REPORT_PNG"
[ $fail -eq 0 ] && echo "report: all checks passed"
exit $fail
