/* en_stems_gen.c - build-time generator of en_stems.c: the Snowball
 * (English) stem of every term of lexicons/en/vader_lexicon.tsv, in file
 * order, so that ts_en_new() does not stem the lexicon at every start
 * (that was 20M of its 37M instructions).
 *
 * Usage: en_stems_gen LEXICON.tsv OUT.c
 *
 * Entry i is the i-th term of the file (the i-th entry of the engine's
 * word table, which the file fills first): its ts_en_hash() and length,
 * which the engine compares with its own entry before using the stem,
 * and the stem as the length of the prefix it shares with the term plus
 * a tail of up to EN_PRESTEM_TAIL bytes. A term that is not all a-z (the
 * engine stems no other) or whose stem does not fit gets hash 0, and the
 * engine stems it itself. Any difference between this file and the
 * lexicon the engine loads therefore only costs time, never changes a
 * result. The format is parsed leniently here: the engine validates the
 * file when it loads it. */
#include "en_tab.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_az(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] < 'a' || p[i] > 'z')
			return 0;
	return n > 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			char *nb;

			cap = cap ? cap * 2 : 1 << 16;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* One entry: "{hash, wlen, plen, "tail"}," */
static void entry(FILE *o, struct sb_stemmer *sb, const char *t, size_t n)
{
	const sb_symbol *st;
	size_t sl, pl = 0;
	int sli;

	if (!is_az(t, n) || n > 255) {
		fputs("\t{0, 0, 0, \"\"},\n", o);
		return;
	}
	st = sb_stemmer_stem(sb, (const sb_symbol *)t, (int)n);
	sli = st ? sb_stemmer_length(sb) : -1;
	if (sli < 0) {
		fputs("\t{0, 0, 0, \"\"},\n", o);
		return;
	}
	sl = (size_t)sli;
	while (pl < sl && pl < n && st[pl] == (sb_symbol)t[pl])
		pl++;
	if (sl - pl > EN_PRESTEM_TAIL || !(sl == pl || is_az((const char *)st + pl, sl - pl))) {
		fputs("\t{0, 0, 0, \"\"},\n", o);
		return;
	}
	fprintf(o, "\t{0x%016llxu, %zu, %zu, \"%.*s\"},\n",
	        (unsigned long long)ts_en_hash(t, n), n, pl, (int)(sl - pl),
	        (const char *)st + pl);
}

int main(int argc, char **argv)
{
	struct sb_stemmer *sb;
	size_t len, pos = 0, nterms = 0;
	int header = 0, rc = 0;
	char *data;
	FILE *o;

	if (argc != 3) {
		fprintf(stderr, "usage: en_stems_gen LEXICON.tsv OUT.c\n");
		return 2;
	}
	if (!(data = slurp(argv[1], &len))) {
		perror(argv[1]);
		return 1;
	}
	sb = sb_stemmer_new("english", NULL);
	o = fopen(argv[2], "w");
	if (!sb || !o) {
		fprintf(stderr, "en_stems_gen: cannot %s\n",
		        sb ? "write the output" : "create the stemmer");
		free(data);
		if (sb)
			sb_stemmer_delete(sb);
		if (o)
			fclose(o);
		return 1;
	}
	fprintf(o, "/* en_stems.c - generated at build time by en_stems_gen "
	           "from\n * %s: do not edit. */\n#include \"en_tab.h\"\n\n"
	           "const struct en_prestem ts_en_prestem[] = {\n", argv[1]);
	while (pos < len) {
		const char *l = data + pos, *nl = memchr(l, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - l) : len - pos, tl = 0;

		pos += ll + (nl != NULL);
		if (ll && l[ll - 1] == '\r')
			ll--;
		if (ll == 0 || l[0] == '#')
			continue;
		if (!header) {
			header = 1;
			continue;
		}
		while (tl < ll && l[tl] != '\t')
			tl++;
		entry(o, sb, l, tl);
		nterms++;
	}
	if (!nterms)
		fputs("\t{0, 0, 0, \"\"},\n", o);
	fprintf(o, "};\n\nconst size_t ts_en_prestem_n = %zu;\n", nterms);
	if (fclose(o) != 0) {
		perror(argv[2]);
		rc = 1;
	}
	sb_stemmer_delete(sb);
	free(data);
	return rc;
}
