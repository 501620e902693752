/* norm_internal.h - the normaliser's handle, shared by normalize.c and
 * segment.c. */
#ifndef TS_NORM_INTERNAL_H
#define TS_NORM_INTERNAL_H

#include "internal.h"
#include <string.h>
#include <tonesift/norm.h>

/* Offset map: sorted checkpoints; between two of them output and input
 * advance together. */
typedef struct ts_offpoint {
	size_t out, in;
} ts_offpoint;

typedef struct ts_offmap {
	ts_offpoint *pt;
	size_t n, cap;
} ts_offmap;

struct ts_norm {
	ts_norm_opts opts;
	ts_buf clean;        /* after repair and clean-up */
	ts_buf text;         /* after NFC/NFKC: what units point into */
	ts_offmap map1;      /* clean -> input */
	ts_offmap map2;      /* text -> clean */
	int32_t *u32;        /* scratch for utf8proc */
	size_t u32cap;
	size_t repaired;     /* invalid sequences replaced by the last run */
	int unstable;        /* the clean text has characters NFC may change */
	int one_para;        /* the clean pass wrote no line end: the text is
	                        one paragraph, no search for '\n' (0 in a
	                        fresh handle: ts_segment() searches) */
	ts_norm_unit *units;
	size_t nunits, ucap;
	int no_fast;         /* tests only: take the byte-at-a-time paths, so
	                        the eight-byte fast paths can be compared */
};

/* Input offset of a byte position in n->text. */
size_t ts_norm_source_offset(const ts_norm *n, size_t text_pos);
size_t ts_offmap_lookup(const ts_offmap *m, size_t out);

/* Cut n->text into n->units according to n->opts.unit. */
int ts_segment(ts_norm *n);

/* Is the word w[0..len) before a full stop a strong abbreviation (the
 * stop never ends a sentence), a weak one (it does before a sentence
 * opener), or neither? fast: by a switch; else through the word lists
 * (the tests compare the two). */
enum { ABBREV_NONE = 0, ABBREV_STRONG, ABBREV_WEAK };
int ts_abbrev_kind(const char *w, size_t len, int fast);
/* Entry i of the strong or weak list, NULL past its end (for the tests,
 * so that an entry added to a list and not to the switch is caught). */
const char *ts_abbrev_entry(int kind, size_t i);

/* ts_lang_of without its ASCII-only shortcut: counts Han characters,
 * Latin words and other letters (the tests compare the two). */
const char *ts_lang_count(const char *text, size_t len);


#endif
