/* engines.c - building the claims and score engines from the embedded data
 * plus the user's files, and formatting their numbers: shared by the
 * stages and by `run`, so both print the same bytes. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

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
			cli_die(EXIT_BAD, "%s:%zu: %s", lex[i], d.line, d.msg);
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
			cli_die(EXIT_BAD, "%s:%zu: %s", pat[i], d.line, d.msg);
		}
		free(data);
	}
	return c;
}

/* Rounded for printing; never "-0.000". */
static double tidy(double v, double half_ulp)
{
	return (v < half_ulp && v > -half_ulp) ? 0.0 : v;
}

void cli_score_fields(const ts_score *sc, score_text *dst)
{
	snprintf(dst->neg, sizeof dst->neg, "%.3f", tidy(sc->neg, 0.0005));
	snprintf(dst->neu, sizeof dst->neu, "%.3f", tidy(sc->neu, 0.0005));
	snprintf(dst->pos, sizeof dst->pos, "%.3f", tidy(sc->pos, 0.0005));
	snprintf(dst->compound, sizeof dst->compound, "%.4f", tidy(sc->compound, 0.00005));
}

void cli_checkworthy_field(double v, char dst[16])
{
	snprintf(dst, 16, "%.3f", tidy(v, 0.0005));
}
