/* en_lex.c - parser of the shared lexicon file format (see en.h). */
#include "en.h"
#include "en_tab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Term set used to find duplicates within one file: open addressing over
 * (offset, length) slices of the file's bytes, value = line number. */
struct seen {
	const char **ptr;
	size_t *len;
	size_t *line;
	size_t cap;
	size_t n;
};

static int seen_grow(struct seen *s)
{
	size_t ncap = s->cap ? s->cap * 2 : 256, i;
	const char **np;
	size_t *nl, *nline;

	np = calloc(ncap, sizeof *np);
	nl = calloc(ncap, sizeof *nl);
	nline = calloc(ncap, sizeof *nline);
	if (!np || !nl || !nline) {
		free(np);
		free(nl);
		free(nline);
		return TS_ENOMEM;
	}
	for (i = 0; i < s->cap; i++) {
		size_t j;

		if (!s->ptr[i])
			continue;
		j = (size_t)ts_en_hash(s->ptr[i], s->len[i]) & (ncap - 1);
		while (np[j])
			j = (j + 1) & (ncap - 1);
		np[j] = s->ptr[i];
		nl[j] = s->len[i];
		nline[j] = s->line[i];
	}
	free(s->ptr);
	free(s->len);
	free(s->line);
	s->ptr = np;
	s->len = nl;
	s->line = nline;
	s->cap = ncap;
	return 0;
}

/* Insert; returns 0 if new, the earlier line if present, <0 on ENOMEM. */
static long long seen_add(struct seen *s, const char *p, size_t n,
                          size_t line)
{
	size_t j;

	if ((s->n + 1) * 2 > s->cap && seen_grow(s))
		return -1;
	j = (size_t)ts_en_hash(p, n) & (s->cap - 1);
	while (s->ptr[j]) {
		if (s->len[j] == n && memcmp(s->ptr[j], p, n) == 0)
			return (long long)s->line[j];
		j = (j + 1) & (s->cap - 1);
	}
	s->ptr[j] = p;
	s->len[j] = n;
	s->line[j] = line;
	s->n++;
	return 0;
}

/* Decimal number [+-]digits[.digits] (or .digits) in [-4, 4]. */
static int parse_valence(const char *p, size_t n, double *out)
{
	char tmp[64];
	size_t i = 0, digits = 0;
	char *end;
	double v;

	if (n == 0 || n >= sizeof tmp)
		return -1;
	if (p[i] == '+' || p[i] == '-')
		i++;
	while (i < n && p[i] >= '0' && p[i] <= '9') {
		i++;
		digits++;
	}
	if (i < n && p[i] == '.') {
		i++;
		while (i < n && p[i] >= '0' && p[i] <= '9') {
			i++;
			digits++;
		}
	}
	if (i != n || digits == 0)
		return -1;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	v = strtod(tmp, &end);
	if (*end != '\0' || !(v >= -4.0 && v <= 4.0))
		return -1;
	*out = v;
	return 0;
}

int ts_lex_parse(const char *data, size_t len, const char *name,
                 ts_lex_cb cb, void *ctx, ts_diag *d)
{
	struct seen seen = {0};
	size_t pos = 0, line = 0;
	int have_header = 0, rc = 0;

	if (!data && len)
		return ts_diag_set(d, TS_EINVAL, 0, 0, "%s: no data", name);
	while (pos < len) {
		const char *l = data + pos, *nl, *tab, *vend;
		size_t ll, tlen;
		double v;
		long long prev;

		nl = memchr(l, '\n', len - pos);
		ll = nl ? (size_t)(nl - l) : len - pos;
		pos += ll + (nl ? 1 : 0);
		line++;
		if (ll && l[ll - 1] == '\r')
			ll--;
		if (ll == 0 || l[0] == '#')
			continue;
		{
			/* validate UTF-8 of the whole line */
			size_t k = 0;
			while (k < ll) {
				utf8proc_int32_t cp;
				utf8proc_ssize_t m = utf8proc_iterate(
				    (const utf8proc_uint8_t *)l + k,
				    (utf8proc_ssize_t)(ll - k), &cp);
				if (m <= 0) {
					rc = ts_diag_set(d, TS_ELEXICON, line, 0,
					    "%s:%zu: invalid UTF-8", name, line);
					goto out;
				}
				k += (size_t)m;
			}
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
		if (prev < 0) {
			rc = ts_diag_set(d, TS_ENOMEM, line, 0, "out of memory");
			goto out;
		}
		if (prev > 0) {
			rc = ts_diag_set(d, TS_ELEXICON, line, 0,
			    "%s:%zu: duplicate term '%.*s' (first on line %lld)",
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
	free(seen.ptr);
	free(seen.len);
	free(seen.line);
	return rc;
}
