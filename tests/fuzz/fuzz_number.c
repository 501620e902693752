/* fuzz_number.c - fuzz the quantity parser (pipeline/lib/number.h): the
 * Chinese numeral parser at every character, number formatting of any
 * double, and ts_quantities with the embedded number words, the same
 * items as ts_quantities_skip given the runs number.h allows. */
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
	{
		/* the runs a caller may give: whole well-formed three-byte
		 * characters, leads E1..EC EE EF, not in zstart; the last byte
		 * of the input ends a run now and then */
		static uint32_t sk[2 * TS_FUZZ_MAX_INPUT + 2];
		const unsigned char *u = data;
		const uint64_t *zs = ts_numlex_zstart(lex);
		size_t a = SIZE_MAX, nsk = 0, c2 = 0;
		ts_buf out2 = {0};

		for (i = 0; i < size;) {
			int ok = i + 3 <= size && u[i] >= 0xE1 && u[i] <= 0xEF &&
			         u[i] != 0xED && (u[i + 1] & 0xC0) == 0x80 &&
			         (u[i + 2] & 0xC0) == 0x80;
			if (ok) {
				unsigned cp = (u[i] & 0x0Fu) << 12 |
				              (u[i + 1] & 0x3Fu) << 6 | (u[i + 2] & 0x3Fu);
				ok = !((zs[cp >> 6] >> (cp & 63)) & 1u);
			}
			if (a != SIZE_MAX && (!ok || (size && u[size - 1] == u[i]))) {
				sk[2 * nsk] = (uint32_t)a;
				sk[2 * nsk++ + 1] = (uint32_t)i;
				a = SIZE_MAX;
			}
			if (ok && a == SIZE_MAX)
				a = i;
			i += ok ? 3 : 1;
		}
		if (a != SIZE_MAX) {
			sk[2 * nsk] = (uint32_t)a;
			sk[2 * nsk++ + 1] = (uint32_t)size;
		}
		FUZZ_ASSERT(ts_quantities_skip(&out2, lex, s, size, sk, nsk, &c2) == 0,
		            "quantities with runs");
		FUZZ_ASSERT(c2 == count && out2.len == out.len &&
		            (!out.len || memcmp(out.data, out2.data, out.len) == 0),
		            "the runs change no item");
		ts_buf_free(&out2);
	}
	ts_buf_free(&out);
	return 0;
}
