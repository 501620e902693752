/* norm_internal.h - the normaliser's handle, shared by normalize.c and
 * segment.c. */
#ifndef TS_NORM_INTERNAL_H
#define TS_NORM_INTERNAL_H

#include "internal.h"
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
	ts_norm_unit *units;
	size_t nunits, ucap;
};

/* Input offset of a byte position in n->text. */
size_t ts_norm_source_offset(const ts_norm *n, size_t text_pos);
size_t ts_offmap_lookup(const ts_offmap *m, size_t out);

/* Cut n->text into n->units according to n->opts.unit. */
int ts_segment(ts_norm *n);

#endif
