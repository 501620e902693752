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
 * One document on several handles (`tonesift run -j`). The state a
 * handle passes from row to row of a document (the last named speaker, a
 * colon introduction, the speaker of a quotation that a row continues)
 * is read by few rows. So a handle may extract a stretch of a document
 * without knowing the state the stretch starts in, and check afterwards:
 *
 *     ts_claims_guess(c); extract the stretch's rows; ts_claims_state_get(c, g);
 *
 * keeping, with the rows, which of them ts_claims_deferred() marks;
 * then, in document order, with `at` the state where the stretch starts
 * (from ts_claims_state_new() at the document's start, advanced over the
 * stretches before):
 *
 *     if (ts_claims_state_holds(g, at))
 *         the speaker of each marked row becomes ts_claims_state_speaker(at)
 *         when that is not empty;
 *     else {
 *         ts_claims_state_set(c, at); extract the stretch's rows again
 *         (none is marked then); ts_claims_state_get(c, g);
 *     }
 *     ts_claims_state_advance(at, g);
 *
 * and the rows are those that one handle given the whole document makes.
 * A guess starts from a document's start and notes each part of the
 * state a row tests before a row of the stretch set it; holds() is true
 * when `at` gives each such test the outcome the guess gave it. The last
 * named speaker is not tested so: a pronoun speaker that it would stand
 * for stays as written and its row is marked, since that changes nothing
 * but the row's speaker. ts_claims_state_set() notes what rows read of
 * the state it gives, so after a stretch run from `at`, holds(g, at) says
 * whether a guess would have held (the test is symmetric). The functions
 * that copy return TS_ENOMEM when out of memory.
 */
typedef struct ts_claims_state ts_claims_state;

/** A document's start. */
TS_EXPORT int ts_claims_state_new(ts_claims_state **out);
TS_EXPORT void ts_claims_state_free(ts_claims_state *st);
/** Start a guess (a ts_claims_reset() that also notes what rows read). */
TS_EXPORT void ts_claims_guess(ts_claims *c);
/** The handle's state, and what the rows since the guess set and read. */
TS_EXPORT int ts_claims_state_get(const ts_claims *c, ts_claims_state *st);
/** Are the rows of the guess `g` right for a stretch that starts at `at`? */
TS_EXPORT int ts_claims_state_holds(const ts_claims_state *g,
                                    const ts_claims_state *at);
/** `at` becomes the state after the stretch of `g` (which holds at it). */
TS_EXPORT int ts_claims_state_advance(ts_claims_state *at,
                                      const ts_claims_state *g);
/** Give the handle the state `st`, noting what rows read of it. */
TS_EXPORT int ts_claims_state_set(ts_claims *c, const ts_claims_state *st);
/** Under a guess: is row i of the last ts_claims_extract() a pronoun
 *  speaker that the state where the stretch starts may resolve? */
TS_EXPORT int ts_claims_deferred(const ts_claims *c, size_t i);
/** The name a pronoun speaker stands for at `st` (empty: none, or the row
 *  that named the last speaker named two). Valid while `st` is unchanged. */
TS_EXPORT ts_field ts_claims_state_speaker(const ts_claims_state *st);

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
