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

/* Build the engine from the embedded lexicons/zh/ files. */
int ts_zh_new(ts_zh **out, ts_diag *d);
/* Add or override one entry (term is UTF-8 with at least one Han char). */
int ts_zh_add_entry(ts_zh *z, const char *term, size_t len, double valence);
/* Score a text containing Han characters (may also contain Latin words).
 * `en` may be NULL (then Latin words count for nothing). */
int ts_zh_score(ts_score *out, ts_zh *z, const struct ts_en *en,
                const char *text, size_t len, ts_buf *evidence);
void ts_zh_free(ts_zh *z);

#endif
