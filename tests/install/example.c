/* example.c - a small client of the installed libtonesift (built by
 * tests/cli/install.sh with `cc example.c $(pkg-config --cflags --libs
 * --static tonesift)`): normalises a text, cuts it into sentences, finds
 * the claims in each and scores it, using only <tonesift/tonesift.h>.
 *
 * Usage: example [TEXT]   (default: a Chinese and an English sentence)
 * Prints one line per sentence: lang, kind, speaker, compound, label,
 * the normalised text and the evidence. Exit status 0, or 1 on an error. */
#include <tonesift/tonesift.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *text = argc > 1 ? argv[1]
		: "网友的评价是：“这是我用过最差的聊天机器人。”\n"
		  "The new phone is really great, and 4.2 million people bought it.";
	ts_norm *norm = NULL;
	ts_claims *claims = NULL;
	ts_scorer *scorer = NULL;
	ts_buf evidence = {0};
	ts_diag d;
	const ts_norm_unit *units;
	size_t nunits, i;
	int rc, status = 1;

	memset(&d, 0, sizeof d);
	if ((rc = ts_norm_new(&norm, NULL)) != 0 ||
	    (rc = ts_claims_new(&claims, &d)) != 0 ||
	    (rc = ts_scorer_new(&scorer, NULL, &d)) != 0) {
		fprintf(stderr, "example: %s %s\n", ts_strerror(rc), d.msg);
		goto out;
	}
	if ((rc = ts_norm_run(norm, text, strlen(text), &units, &nunits, &d)) != 0) {
		fprintf(stderr, "example: %s\n", ts_strerror(rc));
		goto out;
	}
	printf("tonesift %s: %zu sentences\n", ts_version(), nunits);
	for (i = 0; i < nunits; i++) {
		const ts_claim *rows;
		size_t nrows;
		ts_score sc;

		if ((rc = ts_claims_extract(claims, units[i].text, units[i].len,
		                            &rows, &nrows, &d)) != 0 ||
		    (ts_buf_reset(&evidence),
		     rc = ts_scorer_score(&sc, scorer, units[i].text, units[i].len,
		                          &evidence)) != 0) {
			fprintf(stderr, "example: %s\n", ts_strerror(rc));
			goto out;
		}
		printf("%s\t%s\t%.*s\t%.4f\t%s\t%.*s\t%s\n", units[i].lang, rows[0].kind,
		       (int)rows[0].speaker.len, rows[0].speaker.len ? rows[0].speaker.ptr : "", sc.compound,
		       ts_score_label(sc.compound), (int)units[i].len, units[i].text,
		       evidence.data ? evidence.data : "");
	}
	status = 0;
out:
	ts_buf_free(&evidence);
	ts_scorer_free(scorer);
	ts_claims_free(claims);
	ts_norm_free(norm);
	return status;
}
