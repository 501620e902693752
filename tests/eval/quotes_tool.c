/* quotes_tool.c - scores quotation detection and speaker attribution of
 * libtonesift's claims stage against labelled TSV (id text quote speaker);
 * driven by tests/eval/quotes.sh. Usage: quotes_tool en|zh FILE [NAMES] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tonesift/tonesift.h>
#include "claims_int.h"

struct gold { char *text, *quote, *speaker; };

static char *unesc(const char *s, size_t n)
{
	ts_buf b = {0};
	if (ts_tsv_unescape(&b, s, n, NULL) || !b.data)
		ts_buf_add(&b, "", 0);
	return b.data;
}

/* strip quotation marks, spaces and punctuation after the closing mark */
static void core(const char *s, size_t *off, size_t *len)
{
	static const char *const marks[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\"",
		"\xE2\x80\x98", "\xE2\x80\x99", "'", "\xE3\x80\x8C", "\xE3\x80\x8D",
		"\xE3\x80\x8E", "\xE3\x80\x8F", NULL};
	int again = 1;
	size_t k;
	while (again && *len) {
		again = 0;
		while (*len && strchr(" .,;:!?", s[*off + *len - 1]) &&
		       *len > 1) {
			/* keep punctuation inside the marks: only strip when a
			 * mark precedes it */
			size_t l = *len - 1;
			int m = 0;
			for (k = 0; marks[k]; k++) {
				size_t ml = strlen(marks[k]);
				if (l >= ml && !memcmp(s + *off + l - ml, marks[k], ml))
					m = 1;
			}
			if (!m && s[*off + *len - 1] != ' ')
				break;
			(*len)--;
		}
		for (k = 0; marks[k]; k++) {
			size_t ml = strlen(marks[k]);
			if (*len >= ml && !memcmp(s + *off, marks[k], ml)) {
				*off += ml;
				*len -= ml;
				again = 1;
			}
			if (*len >= ml && !memcmp(s + *off + *len - ml, marks[k], ml)) {
				*len -= ml;
				again = 1;
			}
		}
		while (*len && s[*off] == ' ') { (*off)++; (*len)--; again = 1; }
		while (*len && s[*off + *len - 1] == ' ') { (*len)--; again = 1; }
	}
}

static int ieq(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i;
	if (al != bl)
		return 0;
	for (i = 0; i < al; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z') x += 32;
		if (y >= 'A' && y <= 'Z') y += 32;
		if (x != y)
			return 0;
	}
	return 1;
}

/* does hay (NUL-terminated) contain needle[0..nl) case-insensitively? */
static int icontains(const char *hay, const char *needle, size_t nl)
{
	size_t hl = strlen(hay), i;
	for (i = 0; i + nl <= hl; i++)
		if (ieq(hay + i, nl, needle, nl))
			return 1;
	return 0;
}

/* does hay[0..hl) contain the NUL-terminated needle? */
static int icontains_rev(const char *hay, size_t hl, const char *needle)
{
	size_t nl = strlen(needle), i;
	for (i = 0; i + nl <= hl; i++)
		if (ieq(hay + i, nl, needle, nl))
			return 1;
	return 0;
}

static char names[64 * 1024];

/* zh: is `sp` an alias of canonical `canon` in the name list? */
static int alias_ok(const char *canon, const char *sp, size_t spl)
{
	const char *l = names;
	if (spl == strlen(canon) && !memcmp(canon, sp, spl))
		return 1;
	while (*l) {
		const char *nl = strchr(l, '\n'), *t1 = strchr(l, '\t'), *t2;
		size_t ll = nl ? (size_t)(nl - l) : strlen(l);
		if (t1 && (size_t)(t1 - l) == strlen(canon) && !memcmp(l, canon, strlen(canon)) &&
		    (t2 = memchr(t1 + 1, '\t', ll - (size_t)(t1 + 1 - l))) != NULL) {
			const char *a = t2 + 1, *end = l + ll;
			while (a < end) {
				const char *bar = memchr(a, '|', (size_t)(end - a));
				size_t al = bar ? (size_t)(bar - a) : (size_t)(end - a);
				if (al == spl && !memcmp(a, sp, spl))
					return 1;
				a += al + 1;
			}
		}
		l += ll + (nl ? 1 : 0);
	}
	return 0;
}

int main(int argc, char **argv)
{
	FILE *fp;
	ts_claims *c;
	ts_diag d = {0};
	char *line = NULL;
	size_t cap = 0, ng = 0, capg = 0, i, j;
	ssize_t n;
	struct gold *g = NULL;
	int zh;
	size_t npred = 0, ngold = 0, exact = 0, overlap = 0, pexact = 0,
	       poverlap = 0, spk_ok = 0, spk_n = 0, spk_none = 0, spk_lenient = 0;

	if (argc < 3)
		return 2;
	zh = !strcmp(argv[1], "zh");
	if (argc > 3) {
		FILE *nf = fopen(argv[3], "r");
		size_t r = nf ? fread(names, 1, sizeof names - 1, nf) : 0;
		names[r] = 0;
		if (nf)
			fclose(nf);
	}
	if (!(fp = fopen(argv[2], "r")) || ts_claims_new(&c, &d)) {
		fprintf(stderr, "quotes_tool: cannot start: %s\n", d.msg);
		return 2;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		char *f[4];
		int k = 0;
		char *p = line;
		if (line[n - 1] == '\n')
			line[--n] = 0;
		if (!strncmp(line, "id\t", 3))
			continue;
		f[0] = p;
		for (k = 1; k < 4; k++) {
			p = strchr(p, '\t');
			if (!p)
				break;
			*p++ = 0;
			f[k] = p;
		}
		if (k < 4)
			continue;
		if (ng == capg) {
			capg = capg ? capg * 2 : 256;
			g = realloc(g, capg * sizeof *g);
		}
		g[ng].text = unesc(f[1], strlen(f[1]));
		g[ng].quote = unesc(f[2], strlen(f[2]));
		g[ng].speaker = unesc(f[3], strlen(f[3]));
		ng++;
	}
	/* texts in order; rows sharing a text are scored together */
	for (i = 0; i < ng; i++) {
		const ts_claim *r;
		size_t nr, k, first = i, last = i;
		const char *t = g[i].text;
		if (i > 0 && !strcmp(g[i - 1].text, t))
			continue;
		while (last + 1 < ng && !strcmp(g[last + 1].text, t))
			last++;
		for (j = first; j <= last; j++)
			for (k = j + 1; k <= last; k++)
				;
		ts_claims_reset(c);
		if (ts_claims_extract(c, t, strlen(t), &r, &nr, &d)) {
			fprintf(stderr, "error: %s\n", d.msg);
			continue;
		}
		/* predicted quotes */
		for (k = 0; k < nr; k++) {
			size_t po, pl, goff, gl;
			const char *pp;
			int hit_e = 0, hit_o = 0;
			if (strcmp(r[k].kind, "quote"))
				continue;
			npred++;
			po = 0;
			pl = r[k].quote.len;
			core(r[k].quote.ptr, &po, &pl);
			pp = r[k].quote.ptr + po;
			for (j = first; j <= last; j++) {
				const char *gq = g[j].quote, *gpos, *ppos;
				goff = 0;
				gl = strlen(gq);
				core(gq, &goff, &gl);
				if (gl == pl && !memcmp(gq + goff, pp, pl))
					hit_e = hit_o = 1;
				gpos = strstr(t, gq);
				ppos = NULL;
				if (pl) {
					char save[1];
					(void)save;
					ppos = t;
					while ((ppos = strstr(ppos, "")) && 0)
						;
					{
						/* find pp[0..pl) in t */
						const char *x = t;
						ppos = NULL;
						for (; *x; x++)
							if (!strncmp(x, pp, pl)) {
								ppos = x;
								break;
							}
					}
				}
				if (gpos && ppos) {
					size_t a0 = (size_t)(gpos - t), a1 = a0 + strlen(gq);
					size_t b0 = (size_t)(ppos - t), b1 = b0 + pl;
					if (a0 < b1 && b0 < a1)
						hit_o = 1;
				}
			}
			pexact += (size_t)hit_e;
			poverlap += (size_t)hit_o;
		}
		/* gold recall + speakers */
		for (j = first; j <= last; j++) {
			size_t goff = 0, gl = strlen(g[j].quote), best = SIZE_MAX;
			int e = 0, o = 0;
			const char *gpos = strstr(t, g[j].quote);
			ngold++;
			core(g[j].quote, &goff, &gl);
			for (k = 0; k < nr; k++) {
				size_t po = 0, pl = r[k].quote.len;
				const char *x, *ppos = NULL;
				if (strcmp(r[k].kind, "quote"))
					continue;
				core(r[k].quote.ptr, &po, &pl);
				if (gl == pl && !memcmp(g[j].quote + goff, r[k].quote.ptr + po, pl)) {
					e = o = 1;
					best = k;
					break;
				}
				for (x = t; *x && pl; x++)
					if (!strncmp(x, r[k].quote.ptr + po, pl)) {
						ppos = x;
						break;
					}
				if (gpos && ppos) {
					size_t a0 = (size_t)(gpos - t), a1 = a0 + strlen(g[j].quote);
					size_t b0 = (size_t)(ppos - t), b1 = b0 + pl;
					if (a0 < b1 && b0 < a1 && !o) {
						o = 1;
						best = k;
					}
				}
			}
			exact += (size_t)e;
			overlap += (size_t)o;
			if (o) {
				ts_field sp = zh ? r[best].speaker :
				              ts_claims_speaker_surface(c, best);
				int ok;
				spk_n++;
				if (!sp.len)
					spk_none++;
				ok = zh ? alias_ok(g[j].speaker, sp.ptr, sp.len) :
				          ieq(sp.ptr, sp.len, g[j].speaker, strlen(g[j].speaker));
				spk_ok += (size_t)ok;
				if (ok || (sp.len && !zh && (icontains(g[j].speaker, sp.ptr, sp.len) ||
				                              icontains_rev(sp.ptr, sp.len, g[j].speaker))))
					spk_lenient++;
				if (getenv("QUOTES_VERBOSE") && !ok)
					fprintf(stderr, "SPK gold=%s got=%.*s | %s\n", g[j].speaker,
					        (int)sp.len, sp.ptr, t);
			} else if (getenv("QUOTES_VERBOSE")) {
				fprintf(stderr, "MISS %s | %s\n", g[j].quote, t);
			}
		}
	}
	{
		double pe = npred ? (double)pexact / (double)npred : 0,
		       po = npred ? (double)poverlap / (double)npred : 0,
		       re = ngold ? (double)exact / (double)ngold : 0,
		       ro = ngold ? (double)overlap / (double)ngold : 0;
		double fe = pe + re > 0 ? 2 * pe * re / (pe + re) : 0,
		       fo = po + ro > 0 ? 2 * po * ro / (po + ro) : 0;
		printf("%zu\t%zu\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%zu\t%zu\n",
		       ngold, npred, pe, re, fe, po, ro, fo,
		       spk_n ? (double)spk_ok / (double)spk_n : 0,
		       spk_n ? (double)(zh ? spk_ok : spk_lenient) / (double)spk_n : 0,
		       spk_n, spk_none);
	}
	ts_claims_free(c);
	for (i = 0; i < ng; i++) {
		free(g[i].text);
		free(g[i].quote);
		free(g[i].speaker);
	}
	free(g);
	free(line);
	fclose(fp);
	return 0;
}
