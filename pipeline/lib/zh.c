/* zh.c - the Chinese sentiment engine: lexicon trie, longest match, modifiers. */
#include "zh.h"

#include <stdlib.h>
#include <string.h>

struct ts_zh {
	int placeholder;
};

int ts_zh_new(ts_zh **out, ts_diag *d)
{
	ts_zh *z = calloc(1, sizeof *z);

	*out = NULL;
	if (!z)
		return ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
	*out = z;
	return 0;
}

int ts_zh_add_entry(ts_zh *z, const char *term, size_t len, double valence)
{
	(void)z;
	(void)term;
	(void)len;
	(void)valence;
	return 0;
}

int ts_zh_score(ts_score *out, ts_zh *z, const struct ts_en *en,
                const char *text, size_t len, ts_buf *evidence)
{
	(void)z;
	(void)en;
	(void)text;
	(void)len;
	(void)evidence;
	memset(out, 0, sizeof *out);
	return 0;
}

void ts_zh_free(ts_zh *z)
{
	free(z);
}
