/* zh.h - the Chinese sentiment engine (private to libtonesift).
 *
 * Owned by zh*.c. score.c creates one ts_zh per scorer and sends every text
 * that contains Han characters to ts_zh_score(); Latin-script words inside
 * such text are valued through the English engine with ts_en_lookup(). */
#ifndef TS_ZH_H
#define TS_ZH_H

#include "internal.h"
#include <tonesift/score.h>

struct ts_en;
typedef struct ts_zh ts_zh;

/* Build the engine from the embedded lexicons/zh/ files (lex_*.tsv in name
 * order, mod_*.tsv, t2s.tsv). On failure returns TS_E* and fills `d`. */
int ts_zh_new(ts_zh **out, ts_diag *d);
/* Add or override one entry (term is UTF-8 starting with a Han character;
 * traditional characters are mapped to simplified). TS_EINVAL otherwise;
 * TS_ENOMEM also when the terms would hold more than 65,535 distinct
 * characters (codes are 16-bit). The next ts_zh_score() rebuilds the
 * matching structure (a few milliseconds) after any addition. */
int ts_zh_add_entry(ts_zh *z, const char *term, size_t len, double valence);
/* Add or override entries from a whole lexicon file's bytes (shared format:
 * header `term<TAB>valence`, `#` comments). A malformed line or a term
 * listed twice gives TS_ELEXICON with d->line set and d->msg naming `name`
 * and the line(s). Entries read before the error stay added. */
int ts_zh_add_lexicon(ts_zh *z, const char *data, size_t len,
                      const char *name, ts_diag *d);
/* Score a text containing Han characters (may also contain Latin words).
 * `en` may be NULL (then Latin words count for nothing). Appends the
 * explanation to `evidence` when not NULL (format: lexicons/zh/modifiers.md).
 * Allocates only when the handle's scratch space must grow. */
int ts_zh_score(ts_score *out, ts_zh *z, const struct ts_en *en,
                const char *text, size_t len, ts_buf *evidence);
/* Tests: at every character of `text`, does the double array that scoring
 * reads find the same longest match (length, valence, modifier) as a walk
 * of the trie that loading builds? Returns the number of characters where
 * they differ, or TS_ENOMEM. */
int ts_zh_check_match(ts_zh *z, const char *text, size_t len);
/* Release the engine; NULL is a no-op. */
void ts_zh_free(ts_zh *z);

#endif
