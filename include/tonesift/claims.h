/**
 * claims.h - direct quotations with speakers, reported and hedged claims,
 * normalised quantities, check-worthiness (stage 2, `tonesift claims`).
 *
 * A ts_claims handle holds the compiled PCRE2 patterns (JIT), their match
 * data and the per-document state (last named speaker, pending colon
 * introduction). Not thread-safe: one handle per thread. Call
 * ts_claims_reset() whenever a new document starts.
 */
#ifndef TONESIFT_CLAIMS_H
#define TONESIFT_CLAIMS_H

#include <tonesift/common.h>
#include <tonesift/tsv.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ts_claims ts_claims;

/** One output row for one input sentence. All ts_field values are plain
 *  (unescaped) UTF-8, owned by the handle and valid until the next
 *  ts_claims_extract() or ts_claims_free(). Empty fields have len 0. */
typedef struct ts_claim {
	const char *kind;   /* "quote" "report" "hedge" "number" "none" (static) */
	ts_field tags;      /* comma-separated, e.g. "quote,number,term" */
	ts_field speaker;
	ts_field cue;
	ts_field quote;     /* without the quotation marks */
	ts_field quantity;  /* "surface=value unit; ..." */
	double checkworthy; /* 0..1 */
} ts_claim;

/** Compile the embedded patterns (lexicons/claims/). */
TS_EXPORT int ts_claims_new(ts_claims **out, ts_diag *d);

/** Add patterns/word lists from a file's bytes (format: lexicons/README.md);
 *  a bad line or regex gives TS_EPATTERN / TS_ELEXICON with d->line set. */
TS_EXPORT int ts_claims_add_patterns(ts_claims *c, const char *data,
                                     size_t len, const char *name, ts_diag *d);

/**
 * Tell the handle whether the text given to ts_claims_extract() is known
 * to be valid UTF-8 (norm's output is: it repairs every invalid byte).
 * Off by default: every text is validated, and each invalid byte is
 * read as U+FFFD. On: the validation, a pass over every byte (6% of the
 * stage on Chinese text), is skipped; valid UTF-8 gives the same rows as
 * with it off. Invalid UTF-8 given while on is the caller's error, but
 * not a memory-safety one: it is not repaired, and its rows are
 * unspecified (no pattern matches across an invalid sequence, fields may
 * hold invalid bytes), yet the engine, PCRE2 included, still never reads
 * or writes outside the text and its own buffers. Survives
 * ts_claims_reset(); a NULL handle is ignored.
 */
TS_EXPORT void ts_claims_trust_utf8(ts_claims *c, int on);

/** Forget per-document state (call when `doc` changes). */
TS_EXPORT void ts_claims_reset(ts_claims *c);

/**
 * Analyse one unit of text (a sentence row from norm). Sets `*rows` to an
 * array of `*nrows` >= 1 rows (one per direct quotation, or one row of the
 * most specific kind). A PCRE2 match/depth limit hit is not an error: the
 * row is still produced, with "limit" in its tags.
 */
TS_EXPORT int ts_claims_extract(ts_claims *c, const char *text, size_t len,
                                const ts_claim **rows, size_t *nrows,
                                ts_diag *d);

TS_EXPORT void ts_claims_free(ts_claims *c);

#ifdef __cplusplus
}
#endif
#endif
