/* checkworthy_tool.c - fits and evaluates the check-worthiness formula of
 * the claims stage on CLEF-2019 CheckThat! task 1 data (id label text);
 * driven by tests/eval/checkworthy.sh.
 * Usage: checkworthy_tool eval FILE   (scores from libtonesift)
 *        checkworthy_tool fit FILE    (refit on the even debates, print
 *                                      the weights and their scores) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tonesift/tonesift.h>
#include "claims_int.h"

struct row {
	int debate, label, split;
	double f[TS_CW_NFEAT], lib, score;
};

static struct row *rows;
static size_t nrows;
static char debates[64][64];
static int ndeb;

static int cmp_score(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a,
	                 *y = *(const struct row *const *)b;
	return x->score < y->score ? 1 : x->score > y->score ? -1 : 0;
}

/* MAP over debates of a split (-1 = all) and F1 of the positive class at
 * threshold 0.5. */
static void evaluate(int split, double *map, double *f1, double *prec,
                     double *rec)
{
	int d;
	size_t i, tp = 0, fp = 0, fn = 0;
	double sum = 0;
	int nd = 0;
	struct row **v = malloc(nrows * sizeof *v);

	for (d = 0; d < ndeb; d++) {
		size_t n = 0, hits = 0, k;
		double ap = 0;
		for (i = 0; i < nrows; i++)
			if (rows[i].debate == d && (split < 0 || rows[i].split == split))
				v[n++] = &rows[i];
		if (!n)
			continue;
		qsort(v, n, sizeof *v, cmp_score);
		for (k = 0; k < n; k++)
			if (v[k]->label) {
				hits++;
				ap += (double)hits / (double)(k + 1);
			}
		if (hits) {
			sum += ap / (double)hits;
			nd++;
		}
	}
	for (i = 0; i < nrows; i++) {
		if (split >= 0 && rows[i].split != split)
			continue;
		if (rows[i].score >= 0.5 && rows[i].label)
			tp++;
		else if (rows[i].score >= 0.5)
			fp++;
		else if (rows[i].label)
			fn++;
	}
	*map = nd ? sum / nd : 0;
	*prec = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	*rec = tp + fn ? (double)tp / (double)(tp + fn) : 0;
	*f1 = *prec + *rec > 0 ? 2 * *prec * *rec / (*prec + *rec) : 0;
	free(v);
}

static void report(const char *what)
{
	static const char *names[3] = {"fit half (even debates)",
	                               "held-out half (odd debates)", "all"};
	int s;
	for (s = 0; s < 3; s++) {
		double map, f1, p, r;
		evaluate(s == 2 ? -1 : s, &map, &f1, &p, &r);
		printf("%-10s %-28s MAP %.3f  F1@0.5 %.3f  (P %.3f R %.3f)\n", what,
		       names[s], map, f1, p, r);
	}
}

int main(int argc, char **argv)
{
	FILE *fp;
	ts_claims *c;
	ts_diag d = {0};
	char *line = NULL, prev[64] = "";
	size_t cap = 0, i, capr = 0;
	ssize_t n;
	int fit, k;

	if (argc < 3)
		return 2;
	fit = !strcmp(argv[1], "fit");
	if (!(fp = fopen(argv[2], "r")) || ts_claims_new(&c, &d)) {
		fprintf(stderr, "checkworthy_tool: cannot start: %s\n", d.msg);
		return 2;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		char *t1, *t2, *colon, deb[64];
		const ts_claim *r;
		size_t nr, dl;
		ts_buf text = {0};
		if (line[n - 1] == '\n')
			line[--n] = 0;
		if (!strncmp(line, "id\t", 3))
			continue;
		t1 = strchr(line, '\t');
		t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		colon = strchr(line, ':');
		if (!t2 || !colon)
			continue;
		dl = (size_t)(colon - line) < 63 ? (size_t)(colon - line) : 63;
		memcpy(deb, line, dl);
		deb[dl] = 0;
		if (strcmp(deb, prev)) {
			ts_claims_reset(c);
			strcpy(prev, deb);
			for (k = 0; k < ndeb; k++)
				if (!strcmp(debates[k], deb))
					break;
			if (k == ndeb && ndeb < 64)
				strcpy(debates[ndeb++], deb);
		}
		if (nrows == capr) {
			capr = capr ? capr * 2 : 4096;
			rows = realloc(rows, capr * sizeof *rows);
		}
		ts_tsv_unescape(&text, t2 + 1, strlen(t2 + 1), NULL);
		if (ts_claims_extract(c, text.data ? text.data : "", text.len, &r, &nr, &d)) {
			fprintf(stderr, "error: %s\n", d.msg);
			ts_buf_free(&text);
			continue;
		}
		ts_buf_free(&text);
		for (k = 0; k < ndeb; k++)
			if (!strcmp(debates[k], deb))
				break;
		rows[nrows].debate = k;
		rows[nrows].label = t1[1] == '1';
		rows[nrows].lib = r[0].checkworthy;
		ts_claims_last_features(c, rows[nrows].f);
		nrows++;
	}
	/* split by debate: sorted names, even index = fit half */
	{
		int rank[64];
		for (k = 0; k < ndeb; k++) {
			int j, rk = 0;
			for (j = 0; j < ndeb; j++)
				if (strcmp(debates[j], debates[k]) < 0)
					rk++;
			rank[k] = rk;
		}
		for (i = 0; i < nrows; i++)
			rows[i].split = rank[rows[i].debate] % 2;
	}
	if (!fit) {
		for (i = 0; i < nrows; i++)
			rows[i].score = rows[i].lib;
		report("tonesift");
	} else {
		/* class-balanced logistic regression, L2 1.0, gradient descent */
		double w[TS_CW_NFEAT + 1] = {0}, g[TS_CW_NFEAT + 1];
		size_t npos = 0, nneg = 0, it;
		double wpos, wneg, lr = 0.5, l2 = 1.0, wsum;
		for (i = 0; i < nrows; i++)
			if (rows[i].split == 0) {
				if (rows[i].label) npos++; else nneg++;
			}
		/* positives weighted by (nneg/npos)^BAL: BAL 1 = fully
		 * balanced, 0 = plain likelihood; less than 1 trades recall for the
		 * precision that F1 at 0.5 needs; 0.65 was the best of
		 * 0.5 0.65 0.75 0.85 on the fit half */
		wneg = 1.0;
		wpos = pow((double)nneg / (double)npos,
		           getenv("CW_BAL") ? atof(getenv("CW_BAL")) : 0.65);
		wsum = wpos * (double)npos + wneg * (double)nneg;
		for (it = 0; it < 6000; it++) {
			memset(g, 0, sizeof g);
			for (i = 0; i < nrows; i++) {
				double z = w[0], p, e, cw;
				if (rows[i].split != 0)
					continue;
				for (k = 0; k < TS_CW_NFEAT; k++)
					z += w[k + 1] * rows[i].f[k];
				p = 1 / (1 + exp(-z));
				cw = rows[i].label ? wpos : wneg;
				e = cw * (p - rows[i].label);
				g[0] += e;
				for (k = 0; k < TS_CW_NFEAT; k++)
					g[k + 1] += e * rows[i].f[k];
			}
			w[0] -= lr * g[0] / wsum;
			for (k = 0; k < TS_CW_NFEAT; k++)
				w[k + 1] -= lr * (g[k + 1] + l2 * w[k + 1]) / wsum;
		}
		printf("static const double CW_W0 = %.3f;\n", w[0]);
		printf("static const double CW_W[TS_CW_NFEAT] = {");
		for (k = 0; k < TS_CW_NFEAT; k++)
			printf("%s%.3f", k == 0 ? "\n\t" : k % 6 ? ", " : ",\n\t",
			       w[k + 1]);
		printf("};\n/* ");
		for (k = 0; k < TS_CW_NFEAT; k++)
			printf("%s ", ts_claims_feature_name((size_t)k));
		printf("*/\n");
		for (i = 0; i < nrows; i++) {
			double z = w[0];
			for (k = 0; k < TS_CW_NFEAT; k++)
				z += w[k + 1] * rows[i].f[k];
			rows[i].score = 1 / (1 + exp(-z));
		}
		report("refit");
	}
	ts_claims_free(c);
	free(rows);
	free(line);
	fclose(fp);
	return 0;
}
