/* sentiment_probe.c - measurement helper: scores the `text` column of an
 * evaluation TSV (id, gold, text) with the English engine in compat mode or
 * with an explicit default-mode feature set, and prints id, neg, neu, pos,
 * compound (and the evidence with -e). Used to decide which default-mode
 * changes to keep; tests/eval/sentiment.sh uses the tonesift CLI instead.
 * Usage: sentiment_probe [-c | -f FEATURES] [-e] [-r REPEAT [-n]] < file.tsv
 * (-r: time REPEAT passes over the texts, with evidence unless -n). */
#include "en.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	int compat = 0, evid = 0, noev = 0, i, rc;
	unsigned feat = TS_EN_DEFAULT;
	long repeat = 1, r;
	ts_en *e = NULL;
	ts_diag d = {0};
	char *line = NULL;
	size_t cap = 0, nrows = 0, bytes = 0, nl = 0;
	ssize_t n;
	ts_buf ev = {0};
	char **ids = NULL, **texts = NULL;
	size_t *lens = NULL;
	struct timespec t0, t1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-c"))
			compat = 1;
		else if (!strcmp(argv[i], "-e"))
			evid = 1;
		else if (!strcmp(argv[i], "-n"))
			noev = 1; /* benchmark without evidence */
		else if (!strcmp(argv[i], "-f") && i + 1 < argc)
			feat = (unsigned)strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-r") && i + 1 < argc)
			repeat = strtol(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "usage: sentiment_probe [-c|-f N] [-e] [-r N]\n");
			return 2;
		}
	}
	rc = compat ? ts_en_new(&e, 1, &d) : ts_en_new_features(&e, feat, &d);
	if (rc) {
		fprintf(stderr, "sentiment_probe: %s\n", d.msg);
		return 2;
	}
	while ((n = getline(&line, &cap, stdin)) != -1) {
		char *t1p, *t2p, *o, *p;

		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (nl++ == 0)
			continue; /* header */
		t1p = strchr(line, '\t');
		t2p = t1p ? strchr(t1p + 1, '\t') : NULL;
		if (!t2p)
			continue;
		*t1p = '\0';
		/* unescape \\ \t \n \r */
		for (p = o = t2p + 1; *p; p++) {
			if (*p == '\\' && p[1]) {
				p++;
				*o++ = *p == 't' ? '\t' : *p == 'n' ? '\n' :
				       *p == 'r' ? '\r' : *p;
			} else {
				*o++ = *p;
			}
		}
		ids = realloc(ids, (nrows + 1) * sizeof *ids);
		texts = realloc(texts, (nrows + 1) * sizeof *texts);
		lens = realloc(lens, (nrows + 1) * sizeof *lens);
		if (!ids || !texts || !lens)
			return 2;
		ids[nrows] = strdup(line);
		lens[nrows] = (size_t)(o - (t2p + 1));
		texts[nrows] = malloc(lens[nrows] + 1);
		memcpy(texts[nrows], t2p + 1, lens[nrows]);
		bytes += lens[nrows];
		nrows++;
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	for (r = 0; r < repeat; r++) {
		size_t k;

		for (k = 0; k < nrows; k++) {
			ts_score s;

			ts_buf_reset(&ev);
			if (ts_en_score(&s, e, texts[k], lens[k], evid || (repeat > 1 && !noev) ? &ev : NULL))
				return 2;
			if (repeat == 1)
				printf("%s\t%.3f\t%.3f\t%.3f\t%.4f%s%s\n", ids[k], s.neg,
				       s.neu, s.pos, s.compound, evid ? "\t" : "",
				       evid ? (ev.data ? ev.data : "") : "");
		}
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	if (repeat > 1) {
		double sec = (double)(t1.tv_sec - t0.tv_sec) +
		             (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		fprintf(stderr, "%zu bytes x %ld in %.3f s: %.1f MB/s\n", bytes,
		        repeat, sec, (double)bytes * (double)repeat / sec / 1e6);
	}
	while (nrows--) {
		free(ids[nrows]);
		free(texts[nrows]);
	}
	free(ids);
	free(texts);
	free(lens);
	ts_en_free(e);
	ts_buf_free(&ev);
	free(line);
	return 0;
}
