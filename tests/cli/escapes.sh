#!/bin/sh
# escapes.sh BIN - the output writers' fast paths (a field with nothing to
# escape is copied after a word-at-a-time screen; the last bytes of a field
# are screened by an overlapping word) never let a backslash out unescaped:
# texts with a backslash at every position of lengths 1 to 40 go through
# norm, run, and norm | claims | score, and the text column, unescaped,
# gives back every input line.
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/in.txt" <<'PY' || exit 2
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for n in range(1, 41):
        for k in range(n):
            s = ["x"] * n
            s[k] = "\\"
            f.write("".join(s) + "\n")
            s[-1] = "é"                 # a multi-byte last character
            f.write("".join(s) + "\n")
PY
fail=0
check() {  # check NAME FILE: the text column of FILE, unescaped, is in.txt
	python3 - "$tmp/in.txt" "$2" <<'PY' || { echo "FAIL $1"; fail=1; }
import sys
want = open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
rows = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
hdr = rows[0].split("\t")
t = hdr.index("text")
un = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}
def unesc(v):
    out, i = [], 0
    while i < len(v):
        if v[i] == "\\":
            out.append(un[v[i:i + 2]])   # KeyError: a lone backslash
            i += 2
        else:
            out.append(v[i])
            i += 1
    return "".join(out)
got = [unesc(r.split("\t")[t]) for r in rows[1:]]
if got != want:
    bad = next(i for i, (a, b) in enumerate(zip(got, want)) if a != b) if len(got) == len(want) else -1
    print(f"{len(got)} rows for {len(want)} lines; first difference at row {bad}")
    sys.exit(1)
PY
}
"$bin" norm --unit line "$tmp/in.txt" >"$tmp/norm.tsv" && check norm "$tmp/norm.tsv" || fail=1
"$bin" run --unit line "$tmp/in.txt" >"$tmp/run.tsv" && check run "$tmp/run.tsv" || fail=1
"$bin" claims <"$tmp/norm.tsv" | "$bin" score >"$tmp/chain.tsv" && check chain "$tmp/chain.tsv" || fail=1
cmp -s "$tmp/run.tsv" "$tmp/chain.tsv" || { echo "FAIL run differs from the chain"; fail=1; }
[ $fail = 0 ] && echo "backslashes escaped at every position, lengths 1-40 (norm, run, chain)"
exit $fail
