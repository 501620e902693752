/* engines.c - building the claims and score engines from the embedded data
 * plus the user's files, and formatting their numbers: shared by the
 * stages and by `run`, so both print the same bytes. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* "FILE:LINE: message", whether or not the library already put the
 * location in front of its message. */
static void die_at(const char *file, const ts_diag *d)
{
	size_t fl = strlen(file);

	if (strncmp(d->msg, file, fl) == 0 && d->msg[fl] == ':')
		cli_die(EXIT_BAD, "%s", d->msg);
	cli_die(EXIT_BAD, "%s:%zu: %s", file, d->line, d->msg);
}

ts_scorer *cli_make_scorer(const ts_score_opts *opts, const char *const *lex, size_t n)
{
	ts_scorer *s = NULL;
	ts_diag d;
	size_t i;

	memset(&d, 0, sizeof d);
	if (ts_scorer_new(&s, opts, &d))
		cli_die(EXIT_BAD, "cannot build the scorer: %s", d.msg);
	for (i = 0; i < n; i++) {
		size_t len;
		char *data = cli_slurp(lex[i], &len);

		memset(&d, 0, sizeof d);
		if (ts_scorer_add_lexicon(s, data, len, lex[i], &d)) {
			free(data);
			die_at(lex[i], &d);
		}
		free(data);
	}
	return s;
}

ts_claims *cli_make_claims(const char *const *pat, size_t n)
{
	ts_claims *c = NULL;
	ts_diag d;
	size_t i;

	memset(&d, 0, sizeof d);
	if (ts_claims_new(&c, &d))
		cli_die(EXIT_BAD, "cannot compile the claim patterns: %s", d.msg);
	for (i = 0; i < n; i++) {
		size_t len;
		char *data = cli_slurp(pat[i], &len);

		memset(&d, 0, sizeof d);
		if (ts_claims_add_patterns(c, data, len, pat[i], &d)) {
			free(data);
			die_at(pat[i], &d);
		}
		free(data);
	}
	return c;
}

/*
 * Print v with `places` decimals exactly as printf("%.*f") does, without
 * printf on the hot path: scale and round; where the scaled value lies
 * within a hair of a rounding tie (where printf's exact binary arithmetic
 * could decide otherwise) fall back to snprintf. Never prints "-0.000".
 * The fast path needs |v| * 10^places < 10^12 and n >= 16 (a sign, nine
 * integer digits, the point, four decimals and the NUL).
 */
/* inline in its five callers: a call per field cost a fifth of it */
static inline __attribute__((always_inline)) size_t
fixed(char *dst, size_t n, double v, int places)
{
	unsigned long long scale = places == 3 ? 1000 : 10000, r, q, fp;
	double x = fabs(v) * (double)scale, frac;
	char *p = dst;

	if (!(x < 1e12) || n < 16) {
		snprintf(dst, n, "%.*f", places, v);
		return strlen(dst);
	}
	r = (unsigned long long)x;   /* floor, x being >= 0: no libm call */
	frac = x - (double)r;
	if (fabs(frac - 0.5) < 1e-6) {
		snprintf(dst, n, "%.*f", places, v);
		if (strcmp(dst, "-0.000") == 0 || strcmp(dst, "-0.0000") == 0)
			memmove(dst, dst + 1, strlen(dst));
		return strlen(dst);
	}
	q = r + (frac > 0.5);
	if (v < 0 && q != 0)
		*p++ = '-';
	if (q < scale)   /* |v| < 1, as scores are: no division for it */
		*p++ = '0';
	else
		p += cli_utoa(p, q / scale);
	*p++ = '.';
	fp = q % scale;
	if (places == 3) {   /* "d" then a pair: no loop, one division */
		*p = (char)('0' + fp / 100);
		memcpy(p + 1, cli_pairs + 2 * (fp % 100), 2);
	} else {
		memcpy(p, cli_pairs + 2 * (fp / 100), 2);
		memcpy(p + 2, cli_pairs + 2 * (fp % 100), 2);
	}
	p[places] = '\0';
	return (size_t)(p - dst) + (size_t)places;
}

void cli_score_fields(const ts_score *sc, score_text *dst)
{
	dst->len[0] = fixed(dst->neg, sizeof dst->neg, sc->neg, 3);
	dst->len[1] = fixed(dst->neu, sizeof dst->neu, sc->neu, 3);
	dst->len[2] = fixed(dst->pos, sizeof dst->pos, sc->pos, 3);
	dst->len[3] = fixed(dst->compound, sizeof dst->compound, sc->compound, 4);
}

size_t cli_checkworthy_field(double v, char dst[16])
{
	return fixed(dst, 16, v, 3);
}

/* Is `tag` one of the comma-separated tags? */
static int has_tag(const char *tags, size_t len, const char *tag)
{
	size_t tl = strlen(tag), i = 0;

	while (i < len) {
		size_t j = i;

		while (j < len && tags[j] != ',')
			j++;
		if (j - i == tl && memcmp(tags + i, tag, tl) == 0)
			return 1;
		i = j + 1;
	}
	return 0;
}

size_t cli_count_claim(const ts_claim *c, unsigned long long kinds[5],
                       unsigned long long *flagged)
{
	size_t k;

	/* the five kinds of claims.h tell apart by their first two letters */
	switch (c->kind[0]) {
	case 'q': k = 0; break;
	case 'r': k = 1; break;
	case 'h': k = 2; break;
	default: k = c->kind[1] == 'u' ? 3 : 4; break;
	}
	kinds[k]++;
	if (has_tag(c->tags.ptr, c->tags.len, "limit"))
		(*flagged)++;
	return k;
}
