/* claims_int.h - private interface of the claims stage: the feature vector
 * behind `checkworthy`, exposed for the fitting/evaluation tools. */
#ifndef TS_CLAIMS_INT_H
#define TS_CLAIMS_INT_H

#include "internal.h"
#include <tonesift/claims.h>

/* Number of check-worthiness features (see claims.c, feature_names). */
#define TS_CW_NFEAT 18

/* Name of feature i (static string), or NULL past the end. */
const char *ts_claims_feature_name(size_t i);

/* Features of the text last passed to ts_claims_extract() on this handle
 * (out must hold TS_CW_NFEAT doubles). */
void ts_claims_last_features(const ts_claims *c, double *out);

/* The speaker of row i as written, before pronoun resolution (the text
 * span found next to the cue), for evaluation against annotations that
 * keep pronouns. Empty when row i has no speaker. */
ts_field ts_claims_speaker_surface(const ts_claims *c, size_t i);

/* The plain ways that faster code replaced, kept for tests: the rows
 * must be the same either way. FLAT_LISTS: each {list} of a pattern as
 * the flat alternation of its words, not prefix-factored (the patterns
 * are compiled again); BYTE_PRESCAN: the pre-scan takes every byte of
 * any text through the byte-class table and the gate index, not once per
 * character where the text is not all ASCII, nor eight bytes a step
 * (classes by word operations, probes unrolled) where it is, and
 * compares a gate literal with the text byte by byte, not its first
 * eight bytes in one load;
 * CHAR_FEATURES: the feature pass takes every non-ASCII
 * character on its own, not runs of three-byte ones in an inner loop;
 * REGEX_TAGS: the superlative and comparative patterns of English always
 * run by PCRE2, never decided in C (tag_match);
 * FULL_SCAN: every pattern searched for over the whole text, none tried
 * only where a literal of its gate occurs (run_lead).
 * 0 = the fast paths (the default). */
#define TS_CLAIMS_FLAT_LISTS 1u
#define TS_CLAIMS_BYTE_PRESCAN 2u
#define TS_CLAIMS_CHAR_FEATURES 4u
#define TS_CLAIMS_REGEX_TAGS 8u
#define TS_CLAIMS_FULL_SCAN 16u
int ts_claims_slow_paths(ts_claims *c, unsigned paths, ts_diag *d);

/* Tests: the gate units (one bit each) that passed on the text last
 * passed to ts_claims_extract(), as words of 64 bits; the first cap
 * words are copied to out, and the number of words is returned. */
size_t ts_claims_gates(const ts_claims *c, uint64_t *out, size_t cap);

/* How many patterns are decided in C where it can tell (REGEX_TAGS off):
 * 2 with the built-in lexicon, so a test notices when an edit of
 * patterns.tsv loses the fast path. */
size_t ts_claims_tags_in_c(const ts_claims *c);

/* How many patterns are tried only where a literal of their gate occurs
 * (FULL_SCAN off; lead_gate() in claims.c), for the same reason. */
size_t ts_claims_lead_patterns(const ts_claims *c);

#endif
