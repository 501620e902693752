#!/bin/sh
# checkworthy.sh - check-worthiness of `tonesift claims` on the CLEF-2019
# CheckThat! task 1 training debates: mean average precision over debates
# (the task's official measure) and F1 of the check-worthy class at 0.5,
# on the half the weights were fitted on (even-numbered debates in name
# order), on the held-out half (odd) and on all.
# Usage: tests/eval/checkworthy.sh [DATA_DIR] [--fit]
#   --fit  refit the weights on the even half and print them (paste into
#          CW_W0/CW_W in pipeline/lib/claims.c)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$ROOT/../shared/eval
MODE=eval
for a in "$@"; do
  case $a in --fit) MODE=fit ;; *) DATA=$a ;; esac
done
BIN=${TONESIFT:-$ROOT/build/tonesift}
BUILD=$(cd "$(dirname "$BIN")" && pwd)
LIB=$BUILD/pipeline/libtonesift.a
[ -f "$LIB" ] || { echo "checkworthy.sh: no $LIB (build first)" >&2; exit 2; }
TMP=${TMPDIR:-/tmp}/ts-cw.$$
mkdir -p "$TMP"; trap 'rm -rf "$TMP"' EXIT
cc -O2 -I"$ROOT/include" -I"$ROOT/pipeline/lib" "$ROOT/tests/eval/checkworthy_tool.c" \
  "$LIB" $(pkg-config --libs libpcre2-8 libutf8proc) -lstemmer -lm -lpthread -o "$TMP/cw"
"$TMP/cw" $MODE "$DATA/claims/clef2019_task1_train.tsv"
echo "(best CLEF-2019 task 1 system: MAP 0.166 on the 2019 test debates)"
