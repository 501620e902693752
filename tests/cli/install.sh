#!/bin/sh
# install.sh BIN - `cmake --install` of BIN's build directory into a
# temporary prefix gives a working program (also under its tonesift-<command>
# names), libtonesift with self-sufficient headers, a tonesift.pc that
# pkg-config reads, and man pages; tests/install/example.c builds against
# the installed copy through pkg-config (shared and static) and runs.
bin=$1
build=$(cd "$(dirname "$bin")" && pwd)
src=$(pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
prefix=$tmp/prefix
# the build's compiler and sanitizers (an instrumented library needs them
# when the example links)
cache=$build/CMakeCache.txt
if [ -f "$cache" ]; then
	build_cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$cache")
	san=$(sed -n 's/^TS_SANITIZE:[A-Z]*=//p' "$cache")
fi
cc=${CC:-${build_cc:-cc}}
sanflags=${san:+-fsanitize=$san}

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
	{ echo "FAIL: cmake --install"; cat "$tmp/install.log"; exit 1; }

# the program, and its other names
"$prefix/bin/tonesift" --version | grep -q '^tonesift [0-9]' || { echo "FAIL: installed tonesift --version"; fail=1; }
"$bin" run corpora/zh/chatbot-launch.txt >"$tmp/expected"
"$prefix/bin/tonesift" run corpora/zh/chatbot-launch.txt | cmp -s - "$tmp/expected" ||
	{ echo "FAIL: the installed program prints something else"; fail=1; }
(cd "$tmp" && "$prefix/bin/tonesift" run "$src/corpora/zh/chatbot-launch.txt" >/dev/null) ||
	{ echo "FAIL: the installed program needs the source tree"; fail=1; }
for cmd in norm claims score run summarize report; do
	[ -x "$prefix/bin/tonesift-$cmd" ] || { echo "FAIL: no bin/tonesift-$cmd"; fail=1; }
done
"$prefix/bin/tonesift-norm" corpora/en/phone-review.txt | "$prefix/bin/tonesift-claims" |
	"$prefix/bin/tonesift-score" >"$tmp/chain" && [ "$(wc -l <"$tmp/chain")" -gt 5 ] ||
	{ echo "FAIL: tonesift-norm | tonesift-claims | tonesift-score"; fail=1; }

# headers: the umbrella header compiles on its own, in C11 and C++; the
# others should too (a warning for now, see the note below)
for h in "$src"/include/tonesift/*.h; do
	name=$(basename "$h")
	[ -f "$prefix/include/tonesift/$name" ] || { echo "FAIL: $name not installed"; fail=1; continue; }
	printf '#include <tonesift/%s>\nint main(void) { return 0; }\n' "$name" >"$tmp/h.c"
	ok=1
	$cc -std=c11 -Wall -Wextra -Wpedantic -Werror -I"$prefix/include" -c "$tmp/h.c" -o "$tmp/h.o" 2>"$tmp/h.err" || ok=0
	if command -v c++ >/dev/null; then
		c++ -Wall -Werror -I"$prefix/include" -x c++ -c "$tmp/h.c" -o "$tmp/h.o" 2>>"$tmp/h.err" || ok=0
	fi
	if [ $ok -eq 0 ] && [ "$name" = tonesift.h ]; then
		echo "FAIL: <tonesift/$name> does not compile on its own (C11 or C++)"; head -5 "$tmp/h.err"; fail=1
	elif [ $ok -eq 0 ]; then
		# NEEDSWORK: buf.h/tsv.h include the umbrella tonesift.h, which
		# includes the other headers before ts_buf/ts_field are defined
		echo "WARN: <tonesift/$name> does not compile as the first include: $(grep -m1 error "$tmp/h.err")"
	fi
done

# pkg-config
pc=$(find "$prefix" -name tonesift.pc | head -n 1)
[ -n "$pc" ] || { echo "FAIL: no tonesift.pc installed"; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")"
pkg-config --exists tonesift || { echo "FAIL: pkg-config cannot read tonesift.pc"; exit 1; }
[ "$(pkg-config --modversion tonesift)" = "$("$bin" --version | cut -d ' ' -f 2)" ] ||
	{ echo "FAIL: tonesift.pc version $(pkg-config --modversion tonesift)"; fail=1; }
flags=$(pkg-config --cflags --libs --static tonesift)
echo "pkg-config --cflags --libs --static tonesift: $flags"
libdir=$(pkg-config --variable=libdir tonesift)
[ -f "$libdir/libtonesift.a" ] || { echo "FAIL: no libtonesift.a in $libdir"; fail=1; }

check_example() {  # check_example NAME EXE
	out=$(LD_LIBRARY_PATH="$libdir" "$2") || { echo "FAIL $1: example exited $?"; fail=1; return; }
	echo "$out" | sed "s/^/  $1: /"
	echo "$out" | grep -q '^tonesift .*: 2 sentences$' &&
	echo "$out" | grep -q "^zh	quote	网友	-[0-9.]*	negative	网友的评价是：“这是我用过最差的聊天机器人。”	.*差" &&
	echo "$out" | grep -q "^en	number		0\.[0-9]*	positive	The new phone is really great" ||
		{ echo "FAIL $1: unexpected output"; fail=1; }
}
# as documented: whatever -ltonesift finds (the shared library when installed)
# shellcheck disable=SC2086
$cc -std=c11 -Wall -Wextra -Wpedantic -Werror $sanflags -o "$tmp/example" "$src/tests/install/example.c" $flags ||
	{ echo "FAIL: example.c does not build with pkg-config"; fail=1; }
[ -x "$tmp/example" ] && check_example pkg-config "$tmp/example"
# fully static libtonesift: the archive plus Libs.private and Requires.private
deps=$(pkg-config --libs --static tonesift | sed 's/-ltonesift//')
# shellcheck disable=SC2086
$cc -std=c11 $sanflags -o "$tmp/example-static" "$src/tests/install/example.c" \
	$(pkg-config --cflags tonesift) "$libdir/libtonesift.a" $deps ||
	{ echo "FAIL: example.c does not link against libtonesift.a"; fail=1; }
[ -x "$tmp/example-static" ] && check_example static "$tmp/example-static"

# the shared library (when built) exports the ts_ API and nothing else
so=$(ls "$libdir"/libtonesift.so.* 2>/dev/null | head -n 1)
if [ -n "$so" ] && command -v nm >/dev/null; then
	others=$(nm -D --defined-only "$so" | awk '$2 ~ /[TDBR]/ && $3 !~ /^ts_/ {print $3}')
	[ -z "$others" ] || { echo "FAIL: $so exports non-ts_ symbols: $others" | head -5; fail=1; }
	n=$(nm -D --defined-only "$so" | awk '$3 ~ /^ts_/' | wc -l)
	echo "shared library: $n ts_ symbols exported"
fi

# man pages: every command has one, and they format without warnings
mandir=$prefix/share/man/man1
for page in tonesift tonesift-norm tonesift-claims tonesift-score tonesift-run \
            tonesift-summarize tonesift-report; do
	[ -f "$mandir/$page.1" ] || { echo "FAIL: no man page $page.1"; fail=1; continue; }
	if command -v groff >/dev/null; then
		warn=$(groff -k -man -Tutf8 -ww -z "$mandir/$page.1" 2>&1)
		[ -z "$warn" ] || { echo "FAIL: $page.1: $warn"; fail=1; }
	fi
done
if command -v man >/dev/null && command -v groff >/dev/null; then
	MANPATH=$prefix/share/man man -w tonesift-norm >/dev/null 2>&1 ||
		{ echo "FAIL: man cannot find tonesift-norm under the prefix"; fail=1; }
fi

[ $fail -eq 0 ] && echo "install: all checks passed"
exit $fail
