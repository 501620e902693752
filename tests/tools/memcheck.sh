#!/bin/sh
# memcheck.sh BUILD_DIR - valgrind memcheck over the golden tests and the
# full chain (`make memcheck`). Each golden case runs through
# tests/golden/check.sh with a wrapper "binary" that execs valgrind
# (--leak-check=full --errors-for-leak-kinds=definite,indirect,possible
# --error-exitcode=70), its
# report going to a log file so the golden stderr comparison still holds.
# Then claims, score and run (-j 1 and -j 2) over a corpus file. Exits 1
# when a case fails or valgrind reports an error or a leak. Blocks still
# reachable when a program exits with status 2 on bad input (it stops at
# once, through exit()) are not leaks and are not counted. PCRE2 JIT
# reads past the subject: tests/tools/valgrind.supp silences that only.
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
case $build in /*) ;; *) build=$root/$build ;; esac
bin=$build/tonesift
[ -x "$bin" ] || { echo "memcheck: no $bin (build first)" >&2; exit 2; }
command -v valgrind >/dev/null 2>&1 || { echo "memcheck: valgrind not found (apt-get install valgrind)" >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/logs"

cat >"$tmp/tonesift" <<EOW
#!/bin/sh
exec valgrind -q --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \\
	--show-leak-kinds=definite,indirect,possible --error-exitcode=70 --track-origins=yes \\
	--suppressions="$root/tests/tools/valgrind.supp" \\
	--log-file="$tmp/logs/%p.log" "$bin" "\$@"
EOW
chmod +x "$tmp/tonesift"
vg=$tmp/tonesift
fail=0
n=0

for args in $(find tests/golden -name '*.args' | sort); do
	case=${args%.args}
	n=$((n + 1))
	if ! sh tests/golden/check.sh "$vg" "$case" >"$tmp/out" 2>&1; then
		echo "FAIL golden ${case#tests/golden/}"
		sed 's/^/    /' "$tmp/out" | head -10
		fail=1
	fi
done

chain() {  # chain NAME CMD...: run one command under valgrind
	name=$1
	shift
	n=$((n + 1))
	if ! "$@" >/dev/null 2>"$tmp/err"; then
		echo "FAIL $name: exit status $?"
		head -5 "$tmp/err" | sed 's/^/    /'
		fail=1
	fi
}
f=corpora/mixed/ai-roundup.txt
"$bin" norm corpora/zh/chatbot-launch.txt $f >"$tmp/norm.tsv"
"$bin" claims <"$tmp/norm.tsv" >"$tmp/claims.tsv"
chain "norm --tsv" "$vg" norm --tsv corpora/reviews/export.tsv
chain claims "$vg" claims "$tmp/norm.tsv"
chain score "$vg" score "$tmp/claims.tsv"
chain "score --vader-compat" "$vg" score --vader-compat corpora/reviews/export.tsv
chain "run -j 1" "$vg" run -j 1 corpora/en/hiring-spree.txt $f
chain "run -j 2" "$vg" run -j 2 corpora/zh/talent-war.txt $f
chain "run --format jsonl" "$vg" run --format jsonl $f

# any valgrind report at all is a failure (the logs are empty when clean)
for log in "$tmp"/logs/*.log; do
	[ -s "$log" ] || continue
	echo "valgrind report ($(grep -c 'in loss record' "$log") leak records; first lines):"
	grep -v '^==[0-9]*== *$' "$log" | head -30 | sed 's/^/    /'
	fail=1
done
[ $fail = 0 ] && echo "memcheck: $n runs clean under valgrind"
exit $fail
