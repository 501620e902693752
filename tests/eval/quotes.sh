#!/bin/sh
# quotes.sh - quotation detection and speaker attribution of `tonesift
# claims`, scored on the labelled quote data in DATA_DIR/quotes/.
# Usage: tests/eval/quotes.sh [DATA_DIR]   (default ../shared/eval)
# Builds tests/eval/quotes_tool.c against the library of the build that
# holds $TONESIFT (default build/tonesift) and prints a table.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${1:-$ROOT/../shared/eval}
BIN=${TONESIFT:-$ROOT/build/tonesift}
BUILD=$(cd "$(dirname "$BIN")" && pwd)
LIB=$BUILD/pipeline/libtonesift.a
[ -f "$LIB" ] || { echo "quotes.sh: no $LIB (build first)" >&2; exit 2; }
TMP=${TMPDIR:-/tmp}/ts-quotes.$$
mkdir -p "$TMP"; trap 'rm -rf "$TMP"' EXIT
cc -O2 -I"$ROOT/include" -I"$ROOT/pipeline/lib" "$ROOT/tests/eval/quotes_tool.c" \
  "$LIB" $(pkg-config --libs libpcre2-8 libutf8proc) -lstemmer -lm -lpthread -o "$TMP/quotes_tool"
printf '%-22s %5s %5s | %-17s | %-17s | %s\n' "data set" gold pred "exact P / R / F1" "overlap P / R / F1" "speaker: strict lenient (n, empty)"
run() {
  "$TMP/quotes_tool" "$@" | while IFS="$(printf '\t')" read -r ng np pe re fe po ro fo sa sl sn s0; do
    printf '%-22s %5s %5s | %s %s %s | %s %s %s | %s %s (%s, %s)\n' "$(basename "$2" .tsv)" "$ng" "$np" "$pe" "$re" "$fe" "$po" "$ro" "$fo" "$sa" "$sl" "$sn" "$s0"
  done
}
run en "$DATA/quotes/polnear_train_direct.tsv"
run zh "$DATA/quotes/zh_wp_explicit_train.tsv" "$DATA/quotes/zh_wp_name_list.tsv"
echo "P counts every predicted quote, but the data annotate only some quotes per"
echo "text (PolNeAR: every 3rd pure direct quote; WP: one target utterance), so P"
echo "is a lower bound; R and speaker accuracy are the meaningful figures."
echo "Speaker strict: en = same text ignoring case (pronouns as annotated, our"
echo "speaker before pronoun resolution); zh = an alias of the annotated person"
echo "(quotes/zh_wp_name_list.tsv). Lenient (en): one contains the other (our"
echo "speakers leave titles and appositions out; PolNeAR spans keep them)."
