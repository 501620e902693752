#!/bin/sh
# lint.sh - static checks of pipeline/ (lib, cli, gen; `make lint`):
#  - cppcheck --enable=warning,portability,performance (exit 1 on a finding)
#  - clang-tidy with tests/tools/.clang-tidy (warnings are errors)
# over a compile_commands.json made in build-lint (configure only).
# Prints the findings per tool; exits 1 when one tool found something,
# 2 when a tool is missing. LINT_FILES="a.c b.c" limits the files.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
build=${LINT_BUILD:-$root/build-lint}
files=${LINT_FILES:-$(ls pipeline/lib/*.c pipeline/cli/*.c pipeline/gen/*.c)}
status=0

for tool in cppcheck clang-tidy cmake; do
	command -v $tool >/dev/null 2>&1 || {
		echo "lint: $tool not found (apt-get install cppcheck clang-tidy cmake)" >&2
		exit 2
	}
done

# cppcheck. ctuuninitvar is suppressed: it takes every out parameter
# (`ts_score st; fill(&st)`) for a read of uninitialised memory.
echo "== cppcheck $(cppcheck --version | sed 's/Cppcheck //')"
if ! cppcheck --enable=warning,portability,performance --error-exitcode=1 -q \
	--std=c11 -D_POSIX_C_SOURCE=200809L -D__GNUC__ \
	-Iinclude -Ipipeline/lib -Ipipeline/cli \
	--suppress=missingIncludeSystem --suppress=ctuuninitvar \
	--inline-suppr $files 2>&1; then
	status=1
	echo "cppcheck: findings above"
else
	echo "cppcheck: clean"
fi

# clang-tidy needs the compile flags: configure a build dir once
if [ ! -f "$build/compile_commands.json" ] ||
   [ CMakeLists.txt -nt "$build/compile_commands.json" ] ||
   [ pipeline/CMakeLists.txt -nt "$build/compile_commands.json" ]; then
	cmake -S "$root" -B "$build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null || exit 2
fi
echo "== $(clang-tidy --version | sed -n 's/.*LLVM version/clang-tidy/p')"
out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT
jobs=$(nproc 2>/dev/null || echo 2)
# one process per file, $jobs at a time
printf '%s\n' $files | xargs -P "$jobs" -n 1 clang-tidy --quiet \
	--config-file=tests/tools/.clang-tidy -p "$build" >"$out" 2>/dev/null
if grep -q -E '(warning|error): ' "$out"; then
	grep -E -A3 '(warning|error): ' "$out" | grep -v '^--$'
	echo "clang-tidy: $(grep -c -E '(warning|error): ' "$out") findings in" \
	     "$(grep -E '(warning|error): ' "$out" | cut -d: -f1 | sort -u | wc -l) files"
	status=1
else
	echo "clang-tidy: clean"
fi
exit $status
