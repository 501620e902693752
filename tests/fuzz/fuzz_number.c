/* fuzz_number.c - fuzz the quantity parser (pipeline/lib/number.h): the
 * Chinese numeral parser at every character, number formatting of any
 * double, and ts_quantities with the embedded number words. */
#include "fuzz.h"

#include <math.h>
#include <string.h>
#include <tonesift/tonesift.h>
#include "number.h"

static ts_numlex *lex;

/* Build the number-word table from the embedded lexicons/claims/units.tsv
 * (list, entry, arg), the way the claims stage does. */
static ts_numlex *load_units(void)
{
	static const struct { const char *name; int kind; } kinds[] = {
		{"mult", TS_NW_MULT}, {"unit", TS_NW_UNIT}, {"prefix", TS_NW_PREFIX},
		{"cls", TS_NW_CLS}, {"approx", TS_NW_APPROX}, {"figure", TS_NW_FIGURE},
		{"rank", TS_NW_RANK}, {"word", TS_NW_WORD},
	};
	ts_numlex *x = NULL;
	size_t len, pos = 0;
	const char *s = ts_embedded("claims/units.tsv", &len);

	if (!s || ts_numlex_new(&x) != 0)
		abort();
	while (pos < len) {
		const char *l = s + pos, *nl = memchr(l, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - l) : len - pos, k;
		const char *t1, *t2;
		char tmp[64];
		double v = 0;

		pos += ll + 1;
		if (!ll || l[0] == '#' || !(t1 = memchr(l, '\t', ll)))
			continue;
		t2 = memchr(t1 + 1, '\t', ll - (size_t)(t1 + 1 - l));
		for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
			size_t wl = t2 ? (size_t)(t2 - t1 - 1) : ll - (size_t)(t1 + 1 - l);
			size_t al = t2 ? ll - (size_t)(t2 + 1 - l) : 0;

			if (strlen(kinds[k].name) != (size_t)(t1 - l) ||
			    memcmp(kinds[k].name, l, (size_t)(t1 - l)) != 0)
				continue;
			if (al && al < sizeof tmp) {
				memcpy(tmp, t2 + 1, al);
				tmp[al] = '\0';
				v = strtod(tmp, NULL);
			}
			if (ts_numlex_add(x, kinds[k].kind, t1 + 1, wl, t2 ? t2 + 1 : NULL,
			                  al, v) != 0)
				abort();
		}
	}
	return x;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	ts_buf out = {0};
	size_t i, count = 0;

	if (size > TS_FUZZ_MAX_INPUT)
		return 0;
	if (!lex)
		lex = load_units();
	/* the numeral parser at every character start */
	for (i = 0; i < size;) {
		double v = 0;
		int approx = 0, dig = 0, cp;
		size_t used = ts_zhnum_parse(s + i, size - i, &v, &approx, &dig);

		FUZZ_ASSERT(used <= size - i, "numeral inside the input");
		i += used ? used : ts_utf8_decode(s + i, size - i, &cp);
	}
	/* formatting: any double, including NaN, infinities, subnormals */
	if (size >= sizeof(double)) {
		double v;

		memcpy(&v, data, sizeof v);
		FUZZ_ASSERT(ts_num_format(&out, v) == 0, "format");
		FUZZ_ASSERT(out.len < 400, "formatted number is short");
		ts_buf_reset(&out);
	}
	FUZZ_ASSERT(ts_quantities(&out, lex, s, size, &count) == 0, "quantities");
	FUZZ_ASSERT((count == 0) == (out.len == 0), "count matches the items");
	ts_buf_free(&out);
	return 0;
}
