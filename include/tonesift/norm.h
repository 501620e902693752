/**
 * norm.h - text normalisation and segmentation (stage 1, `tonesift norm`).
 *
 * ts_norm_run() takes raw bytes (one line, one paragraph, a TSV field or a
 * whole document), repairs and normalises them and cuts them into units:
 *  - invalid UTF-8 becomes U+FFFD, one per maximal invalid subpart
 *    (counted; with `strict` it is an error instead, TS_EUTF8 + offset);
 *  - U+FEFF (BOM) removed anywhere; CR LF and lone CR become LF; U+2028,
 *    U+2029 and NEL also end a line;
 *  - C0/C1 controls and invisible format characters (ZWSP, LRM/RLM, bidi
 *    embeddings, word joiner, soft hyphen) removed; ZWJ, ZWNJ, variation
 *    selectors and emoji tag characters kept, so emoji sequences survive;
 *  - every run of white space (TAB, NBSP, U+3000, all Zs) becomes one ASCII
 *    space; units are trimmed;
 *  - optional HTML clean-up (entities, tags; block tags end a paragraph)
 *    and Markdown clean-up (headings, quotes, list markers, emphasis,
 *    code ticks, links and images keep their text);
 *  - NFC (or NFKC), with a fast path for text that is already stable.
 * Every unit records the byte offset of its first byte in the input.
 *
 * A handle keeps its buffers between calls: not thread-safe, one per thread.
 */
#ifndef TONESIFT_NORM_H
#define TONESIFT_NORM_H

#include <tonesift/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ts_unit_kind {
	TS_UNIT_SENTENCE = 0, /* sentences (default) */
	TS_UNIT_LINE,         /* every line, empty lines included */
	TS_UNIT_PARAGRAPH,    /* every non-empty line */
	TS_UNIT_DOC           /* the whole input as one unit (LF kept) */
} ts_unit_kind;

typedef struct ts_norm_opts {
	ts_unit_kind unit;
	int nfkc;      /* compatibility folding (full-width ＡＩ -> AI) */
	int html;      /* decode entities, drop tags */
	int markdown;  /* drop Markdown markup */
	int strict;    /* invalid UTF-8 is an error, not repaired */
	int keep_empty; /* always return at least one unit (TSV mode) */
} ts_norm_opts;

typedef struct ts_norm_unit {
	const char *text;  /* normalised text, owned by the handle */
	size_t len;
	size_t offset;     /* byte offset of the unit's first byte in the input */
	size_t para;       /* 0-based paragraph (line) index within the input */
	const char *lang;  /* "zh" "en" "mixed" "other" (static) */
} ts_norm_unit;

typedef struct ts_norm ts_norm;

/** Create a normaliser; `opts` may be NULL for the defaults. */
TS_EXPORT int ts_norm_new(ts_norm **out, const ts_norm_opts *opts);
TS_EXPORT void ts_norm_free(ts_norm *n);

/**
 * Normalise and segment `src`. On success sets `*units` to an array of
 * `*nunits` units valid until the next call. With opts.strict, invalid
 * UTF-8 returns TS_EUTF8 with d->offset = the bad byte's offset in src.
 */
TS_EXPORT int ts_norm_run(ts_norm *n, const char *src, size_t len,
                          const ts_norm_unit **units, size_t *nunits,
                          ts_diag *d);

/** Number of invalid UTF-8 sequences replaced by the last ts_norm_run(). */
TS_EXPORT size_t ts_norm_repaired(const ts_norm *n);

/** Language of a text by the scripts of its letters: "zh" (Han), "en"
 *  (Latin), "mixed" (both, the smaller at least a fifth, counting a Han
 *  character and a Latin word as one each), or "other". */
TS_EXPORT const char *ts_lang_of(const char *text, size_t len);

/** Decode one UTF-8 character at s[0..len): returns its length (1-4) and
 *  sets *cp, or returns the length of the maximal invalid subpart (>= 1)
 *  and sets *cp = -1. len must be > 0. */
TS_EXPORT size_t ts_utf8_decode(const char *s, size_t len, int *cp);

#ifdef __cplusplus
}
#endif
#endif
