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

/* ---- eight bytes at a time (SWAR) ----------------------------------------
 * The fast paths of the clean pass, the sentence scan and ts_lang_of test
 * a 64-bit word of text at once. A mask has the high bit of each flagged
 * byte set. Every mask below is exact per byte (no borrow or carry crosses
 * from one byte into the next), so any flag, not only the first, can be
 * trusted and shifted onto a neighbour. */
#define TS_ONES ((uint64_t)0x0101010101010101ULL)
#define TS_HIGHS ((uint64_t)0x8080808080808080ULL)
#define TS_LOW7 ((uint64_t)0x7F7F7F7F7F7F7F7FULL)

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define TS_SWAR_FIRST_BYTE ((uint64_t)0x80 << 56)
#define TS_SWAR_LAST_BYTE ((uint64_t)0x80)
#define TS_SWAR_NEXT(m) ((m) << 8)   /* move each flag to the byte before */
#else
#define TS_SWAR_FIRST_BYTE ((uint64_t)0x80)
#define TS_SWAR_LAST_BYTE ((uint64_t)0x80 << 56)
#define TS_SWAR_NEXT(m) ((m) >> 8)
#endif

static inline uint64_t ts_swar_load(const char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}

/* Bytes equal to b. */
static inline uint64_t ts_swar_eq(uint64_t w, unsigned char b)
{
	uint64_t x = w ^ (TS_ONES * b);

	return ~(((x & TS_LOW7) + TS_LOW7) | x) & TS_HIGHS;
}

/* ASCII bytes below b (b <= 0x80); bytes >= 0x80 are never flagged. */
static inline uint64_t ts_swar_lt(uint64_t w, unsigned char b)
{
	return ~(((w & TS_LOW7) + TS_ONES * (uint64_t)(0x80 - b)) | w) & TS_HIGHS;
}

/* Index (0-7, in memory order) of the first flagged byte; m != 0. */
static inline size_t ts_swar_first(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (size_t)__builtin_clzll(m) >> 3;
#else
	return (size_t)__builtin_ctzll(m) >> 3;
#endif
}

#endif
