/* en_lex.c - parser of the shared lexicon file format (see en.h). */
#include "en.h"
#include "en_tab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Term set used to find duplicates within one file: open addressing over
 * slices of the file's bytes, value = line number. Sized once from the
 * file's line count (at most half full), so it never grows. */
struct seen_slot {
	const char *ptr;    /* NULL = free */
	size_t len;
	size_t line;
};

struct seen {
	struct seen_slot *slot;
	size_t cap;
};

static int seen_init(struct seen *s, const char *data, size_t len)
{
	size_t lines = 1, cap = 64;
	const char *p = data, *end = data + len, *q;

	while (p < end && (q = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		lines++;
		p = q + 1;
	}
	while (cap < 2 * lines)
		cap *= 2;
	s->slot = calloc(cap, sizeof *s->slot);
	s->cap = cap;
	return s->slot ? 0 : TS_ENOMEM;
}

/* Insert; returns 0 if new, else the earlier line. */
static size_t seen_add(struct seen *s, const char *p, size_t n, size_t line)
{
	size_t j = (size_t)ts_en_hash(p, n) & (s->cap - 1);
	struct seen_slot *x;

	while ((x = &s->slot[j])->ptr) {
		if (x->len == n && memcmp(x->ptr, p, n) == 0)
			return x->line;
		j = (j + 1) & (s->cap - 1);
	}
	x->ptr = p;
	x->len = n;
	x->line = line;
	return 0;
}

/* Decimal number [+-]digits[.digits] (or .digits) in [-4, 4]. */
static int parse_valence(const char *p, size_t n, double *out)
{
	/* exact powers of ten: a mantissa below 2^53 divided by one of
	 * them is the correctly rounded value, as strtod() gives it */
	static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
	                               1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	                               1e13, 1e14, 1e15};
	char tmp[64];
	size_t i = 0, digits = 0, frac = 0;
	uint64_t m = 0;
	int neg = 0;
	char *end;
	double v;

	if (n == 0 || n >= sizeof tmp)
		return -1;
	if (p[i] == '+' || p[i] == '-')
		neg = p[i++] == '-';
	while (i < n && p[i] >= '0' && p[i] <= '9') {
		m = m * 10 + (uint64_t)(p[i] - '0');
		i++;
		digits++;
	}
	if (i < n && p[i] == '.') {
		i++;
		while (i < n && p[i] >= '0' && p[i] <= '9') {
			m = m * 10 + (uint64_t)(p[i] - '0');
			i++;
			digits++;
			frac++;
		}
	}
	if (i != n || digits == 0)
		return -1;
	if (digits <= 15) {
		/* (m < 10^15 < 2^53: exact, as is the power) */
		v = (double)m / pow10[frac];
		if (neg)
			v = -v;
	} else {
		memcpy(tmp, p, n);
		tmp[n] = '\0';
		v = strtod(tmp, &end);
		if (*end != '\0')
			return -1;
	}
	if (!(v >= -4.0 && v <= 4.0))
		return -1;
	*out = v;
	return 0;
}

/* Is p[0..n) valid UTF-8? ASCII eight bytes at a time, the rest through
 * utf8proc (which rejects overlongs, surrogates and code points above
 * U+10FFFF). */
static int valid_utf8(const char *p, size_t n)
{
	size_t k = 0;

	while (k < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t m;

		if (n - k >= 8) {
			uint64_t x;

			memcpy(&x, p + k, 8);
			if (!(x & 0x8080808080808080u)) {
				k += 8;
				continue;
			}
		}
		if (!((unsigned char)p[k] & 0x80)) {
			k++;
			continue;
		}
		m = utf8proc_iterate((const utf8proc_uint8_t *)p + k,
		                     (utf8proc_ssize_t)(n - k), &cp);
		if (m <= 0)
			return 0;
		k += (size_t)m;
	}
	return 1;
}

int ts_lex_parse(const char *data, size_t len, const char *name,
                 ts_lex_cb cb, void *ctx, ts_diag *d)
{
	struct seen seen = {0};
	size_t pos = 0, line = 0, prev;
	int have_header = 0, rc = 0;

	if (!data && len)
		return ts_diag_set(d, TS_EINVAL, 0, 0, "%s: no data", name);
	if (seen_init(&seen, data, len))
		return ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
	while (pos < len) {
		const char *l = data + pos, *nl, *tab, *vend;
		size_t ll, tlen;
		double v;

		nl = memchr(l, '\n', len - pos);
		ll = nl ? (size_t)(nl - l) : len - pos;
		pos += ll + (nl ? 1 : 0);
		line++;
		if (ll && l[ll - 1] == '\r')
			ll--;
		if (ll == 0 || l[0] == '#')
			continue;
		if (!valid_utf8(l, ll)) {
			rc = ts_diag_set(d, TS_ELEXICON, line, 0,
			    "%s:%zu: invalid UTF-8", name, line);
			goto out;
		}
		tab = memchr(l, '\t', ll);
		if (!have_header) {
			if (!tab || (size_t)(tab - l) != 4 ||
			    memcmp(l, "term", 4) != 0 ||
			    ll - 5 < 7 || memcmp(tab + 1, "valence", 7) != 0 ||
			    (ll - 5 > 7 && tab[8] != '\t')) {
				rc = ts_diag_set(d, TS_ELEXICON, line, 0,
				    "%s:%zu: expected the header 'term<TAB>valence'",
				    name, line);
				goto out;
			}
			have_header = 1;
			continue;
		}
		if (!tab) {
			rc = ts_diag_set(d, TS_ELEXICON, line, 0,
			    "%s:%zu: expected 'term<TAB>valence'", name, line);
			goto out;
		}
		tlen = (size_t)(tab - l);
		if (tlen == 0) {
			rc = ts_diag_set(d, TS_ELEXICON, line, 0,
			    "%s:%zu: empty term", name, line);
			goto out;
		}
		vend = memchr(tab + 1, '\t', ll - tlen - 1);
		if (!vend)
			vend = l + ll;
		if (parse_valence(tab + 1, (size_t)(vend - tab - 1), &v)) {
			rc = ts_diag_set(d, TS_ELEXICON, line,
			    (size_t)(tab + 1 - l),
			    "%s:%zu: valence '%.*s' is not a number in [-4, 4]",
			    name, line, (int)(vend - tab - 1 > 40 ? 40 : vend - tab - 1),
			    tab + 1);
			goto out;
		}
		prev = seen_add(&seen, l, tlen, line);
		if (prev > 0) {
			rc = ts_diag_set(d, TS_ELEXICON, line, 0,
			    "%s:%zu: duplicate term '%.*s' (first on line %zu)",
			    name, line, (int)(tlen > 60 ? 60 : tlen), l, prev);
			goto out;
		}
		rc = cb(ctx, l, tlen, v, vend < l + ll ? vend + 1 : l + ll,
		        vend < l + ll ? (size_t)(l + ll - vend - 1) : 0, line);
		if (rc)
			goto out;
	}
	if (!have_header)
		rc = ts_diag_set(d, TS_ELEXICON, line ? line : 1, 0,
		                 "%s:%zu: no header 'term<TAB>valence'", name,
		                 line ? line : 1);
out:
	free(seen.slot);
	return rc;
}
