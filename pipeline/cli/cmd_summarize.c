/* cmd_summarize.c - `tonesift summarize`: aggregate scored TSV by document,
 * speaker or label (groups in order of first appearance). */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"Usage: tonesift summarize [--by doc|speaker|label] [OPTIONS] [FILE...]\n"
	"Aggregate scored TSV (the output of `tonesift run` or of norm | claims |\n"
	"score) and write one row per group, in order of first appearance.\n"
	"  --by doc       (default) per document: rows, sentences, mean/min/max\n"
	"                 compound of its sentences, sentences by label, claims by\n"
	"                 kind (quotes reports hedges numbers), the most negative\n"
	"                 and the most positive quotation with speaker and score\n"
	"  --by speaker   per speaker (empty = unattributed quotation): documents,\n"
	"                 quotations, mean/min/max quote_compound, quotations by\n"
	"                 quote_label, reports citing the speaker as source\n"
	"  --by label     per label: sentences and quotations with that label\n"
	"                 and their share of all sentences / quotations\n"
	"A sentence (doc, sent) split into several quotation rows counts once\n"
	"in the sentence figures.\n"
	"  --format F         tsv (default), csv or jsonl (numbers typed)\n"
	"  --excel            with csv: UTF-8 BOM and CRLF, for spreadsheets\n"
	"  --no-header        do not write a header line\n"
	"  --csv              the input is CSV (RFC 4180, e.g. from --format csv), not TSV\n"
	"  --max-line BYTES   longest accepted input line (default 512M)\n"
	"  -h, --help         this help\n"
	"Exit status: 0 ok, 1 output could not be written, 2 bad usage or input\n"
	"(messages say FILE:LINE: what, a missing column is named).\n";

enum by { BY_DOC, BY_SPEAKER, BY_LABEL };

/* Input columns we read; which are required depends on --by. */
enum col { C_DOC, C_SENT, C_COMPOUND, C_LABEL, C_KIND, C_SPEAKER, C_QUOTE,
           C_QCOMPOUND, C_QLABEL, NCOLS };
static const char *const col_names[NCOLS] = {
	"doc", "sent", "compound", "label", "kind", "speaker", "quote",
	"quote_compound", "quote_label"
};
/* per --by: bit set of required columns (the others are optional) */
#define BIT(c) (1u << (c))
static const unsigned required[] = {
	[BY_DOC] = BIT(C_DOC) | BIT(C_COMPOUND) | BIT(C_LABEL) | BIT(C_KIND) |
	           BIT(C_QUOTE) | BIT(C_QCOMPOUND),
	[BY_SPEAKER] = BIT(C_DOC) | BIT(C_KIND) | BIT(C_SPEAKER) |
	               BIT(C_QCOMPOUND) | BIT(C_QLABEL),
	[BY_LABEL] = BIT(C_LABEL) | BIT(C_KIND) | BIT(C_QLABEL),
};

/* Running figures of a set of numbers. */
typedef struct stat {
	size_t n;
	double sum, min, max;
} stat;

typedef struct group {
	char *key;
	size_t keylen;
	size_t rows, sentences, docs, quotes, reports, hedges, numbers;
	size_t lab[3], qlab[3];           /* negative neutral positive */
	stat comp, qcomp;
	size_t last_doc;                  /* doc id + 1 last counted in docs */
	char *negq, *negs, *posq, *poss;  /* extreme quotations and speakers */
	double negv, posv;
} group;

/* Open-addressing string table: key -> index into an array. */
typedef struct table {
	size_t *slot;   /* index + 1, 0 = empty */
	size_t cap;     /* power of two */
} table;

typedef struct summ {
	enum by by;
	out o;
	group *g;
	size_t ng, capg;
	table gt;
	char **docs;    /* distinct document names, for doc ids */
	size_t *doclen;
	size_t ndocs, capdocs;
	table dt;
	size_t cur_doc;             /* id of the current row's document */
	ts_buf prev_doc, prev_sent; /* to tell a new sentence */
	int have_prev;
	ts_buf val[NCOLS];
	long col[NCOLS];
	size_t total_sent, total_quotes;
	char **gkeys;   /* group keys and lengths, as arrays for table_get */
	size_t *glens, gkeycap;
	table seen;     /* "group\ndoc" pairs already counted (--by speaker) */
	char **skeys;
	size_t *slens, nseen, capseen;
} summ;

/* Find `key` in table t over the key arrays; returns the index, or adds
 * (via *added = 1) the next index `n` when absent. */
static size_t table_get(table *t, char *const *keys, const size_t *lens,
                        size_t n, const char *key, size_t len, int *added)
{
	size_t i, mask;

	if (2 * (n + 1) > t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 64, k;
		size_t *ns = xcalloc(ncap, sizeof *ns);

		for (k = 0; k < t->cap; k++) {
			size_t v = t->slot[k];

			if (!v)
				continue;
			i = (size_t)cli_hash(keys[v - 1], lens[v - 1]) & (ncap - 1);
			while (ns[i])
				i = (i + 1) & (ncap - 1);
			ns[i] = v;
		}
		free(t->slot);
		t->slot = ns;
		t->cap = ncap;
	}
	mask = t->cap - 1;
	for (i = (size_t)cli_hash(key, len) & mask; t->slot[i]; i = (i + 1) & mask) {
		size_t v = t->slot[i] - 1;

		if (lens[v] == len && memcmp(keys[v], key, len) == 0) {
			*added = 0;
			return v;
		}
	}
	t->slot[i] = n + 1;
	*added = 1;
	return n;
}

static char *dupn(const char *p, size_t n)
{
	char *s = xmalloc(n + 1);

	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

static group *find_group(summ *s, const char *key, size_t len)
{
	int added;
	size_t i;

	if (s->gkeycap < s->ng + 1) {
		s->gkeycap = s->gkeycap ? s->gkeycap * 2 : 64;
		s->gkeys = xrealloc(s->gkeys, s->gkeycap * sizeof *s->gkeys);
		s->glens = xrealloc(s->glens, s->gkeycap * sizeof *s->glens);
	}
	i = table_get(&s->gt, s->gkeys, s->glens, s->ng, key, len, &added);
	if (added) {
		group *g;

		if (s->ng == s->capg) {
			s->capg = s->capg ? s->capg * 2 : 64;
			s->g = xrealloc(s->g, s->capg * sizeof *s->g);
		}
		g = &s->g[s->ng];
		memset(g, 0, sizeof *g);
		g->key = dupn(key, len);
		g->keylen = len;
		s->gkeys[s->ng] = g->key;
		s->glens[s->ng] = len;
		s->ng++;
	}
	return &s->g[i];
}

static size_t doc_id(summ *s, const char *name, size_t len)
{
	int added;
	size_t i;

	if (s->ndocs == s->capdocs) {
		s->capdocs = s->capdocs ? s->capdocs * 2 : 64;
		s->docs = xrealloc(s->docs, s->capdocs * sizeof *s->docs);
		s->doclen = xrealloc(s->doclen, s->capdocs * sizeof *s->doclen);
	}
	i = table_get(&s->dt, s->docs, s->doclen, s->ndocs, name, len, &added);
	if (added) {
		s->docs[s->ndocs] = dupn(name, len);
		s->doclen[s->ndocs] = len;
		s->ndocs++;
	}
	return i;
}

static void stat_add(stat *st, double v)
{
	if (st->n == 0 || v < st->min)
		st->min = v;
	if (st->n == 0 || v > st->max)
		st->max = v;
	st->sum += v;
	st->n++;
}

static int label_index(const char *p, size_t n)
{
	if (n == 8 && memcmp(p, "negative", 8) == 0)
		return 0;
	if (n == 7 && memcmp(p, "neutral", 7) == 0)
		return 1;
	if (n == 8 && memcmp(p, "positive", 8) == 0)
		return 2;
	return -1;
}

static int field_is(const ts_buf *b, const char *s)
{
	size_t n = strlen(s);

	return b->len == n && memcmp(b->data, s, n) == 0;
}

/* Parse a number column: 1 and *v when present, 0 when empty; dies on
 * anything else. */
static int number(summ *s, enum col c, const char *file, size_t line, double *v)
{
	const ts_buf *b = &s->val[c];
	char *end;

	if (b->len == 0)
		return 0;
	errno = 0;
	*v = strtod(b->data, &end);
	if (end != b->data + b->len || errno || !isfinite(*v) ||
	    b->data[0] == ' ' || b->data[0] == '\t' || b->data[0] == '\n')
		cli_die(EXIT_BAD, "%s:%zu: column '%s': '%.40s' is not a number",
		        file, line, col_names[c], b->data);
	return 1;
}

static void set_extreme(char **q, char **sp, const ts_buf *quote, const ts_buf *speaker)
{
	free(*q);
	free(*sp);
	*q = dupn(quote->data ? quote->data : "", quote->len);
	*sp = dupn(speaker->data ? speaker->data : "", speaker->len);
}

static int same(const ts_buf *a, const ts_buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static void one_row(summ *s, const char *file, size_t line)
{
	const ts_buf *kind = &s->val[C_KIND];
	int is_quote = field_is(kind, "quote");
	int new_sent = 1;
	double v;
	group *g;

	/* a new sentence unless (doc, sent) equals the previous row's */
	if (s->col[C_SENT] >= 0 && s->col[C_DOC] >= 0 && s->have_prev &&
	    same(&s->val[C_DOC], &s->prev_doc) && same(&s->val[C_SENT], &s->prev_sent))
		new_sent = 0;
	if (s->col[C_SENT] >= 0 && s->col[C_DOC] >= 0) {
		ts_buf_reset(&s->prev_doc);
		ts_buf_reset(&s->prev_sent);
		if (ts_buf_add(&s->prev_doc, s->val[C_DOC].data, s->val[C_DOC].len) ||
		    ts_buf_add(&s->prev_sent, s->val[C_SENT].data, s->val[C_SENT].len))
			cli_die(EXIT_BAD, "out of memory");
		s->have_prev = 1;
	}
	if (s->col[C_DOC] >= 0)
		s->cur_doc = doc_id(s, s->val[C_DOC].data, s->val[C_DOC].len);
	if (new_sent)
		s->total_sent++;
	if (is_quote)
		s->total_quotes++;

	switch (s->by) {
	case BY_DOC:
		g = find_group(s, s->val[C_DOC].data, s->val[C_DOC].len);
		g->rows++;
		if (new_sent) {
			int l = label_index(s->val[C_LABEL].data, s->val[C_LABEL].len);

			g->sentences++;
			if (number(s, C_COMPOUND, file, line, &v))
				stat_add(&g->comp, v);
			if (l >= 0)
				g->lab[l]++;
		}
		if (is_quote)
			g->quotes++;
		else if (field_is(kind, "report"))
			g->reports++;
		else if (field_is(kind, "hedge"))
			g->hedges++;
		else if (field_is(kind, "number"))
			g->numbers++;
		if (is_quote && number(s, C_QCOMPOUND, file, line, &v)) {
			stat_add(&g->qcomp, v);
			if (v < 0 && (!g->negq || v < g->negv)) {
				g->negv = v;
				set_extreme(&g->negq, &g->negs, &s->val[C_QUOTE], &s->val[C_SPEAKER]);
			}
			if (v > 0 && (!g->posq || v > g->posv)) {
				g->posv = v;
				set_extreme(&g->posq, &g->poss, &s->val[C_QUOTE], &s->val[C_SPEAKER]);
			}
		}
		break;
	case BY_SPEAKER:
		if (!is_quote && !field_is(kind, "report"))
			break;
		g = find_group(s, s->val[C_SPEAKER].data, s->val[C_SPEAKER].len);
		g->rows++;
		if (g->last_doc != s->cur_doc + 1) {
			/* count each (speaker, document) once, even when interleaved */
			char key[64];
			int n = snprintf(key, sizeof key, "%zu\n%zu", (size_t)(g - s->g), s->cur_doc);
			int added;

			if (s->nseen == s->capseen) {
				s->capseen = s->capseen ? s->capseen * 2 : 64;
				s->skeys = xrealloc(s->skeys, s->capseen * sizeof *s->skeys);
				s->slens = xrealloc(s->slens, s->capseen * sizeof *s->slens);
			}
			table_get(&s->seen, s->skeys, s->slens, s->nseen, key, (size_t)n, &added);
			if (added) {
				s->skeys[s->nseen] = dupn(key, (size_t)n);
				s->slens[s->nseen] = (size_t)n;
				s->nseen++;
				g->docs++;
			}
			g->last_doc = s->cur_doc + 1;
		}
		if (is_quote) {
			int l = label_index(s->val[C_QLABEL].data, s->val[C_QLABEL].len);

			g->quotes++;
			if (number(s, C_QCOMPOUND, file, line, &v))
				stat_add(&g->qcomp, v);
			if (l >= 0)
				g->qlab[l]++;
		} else
			g->reports++;
		break;
	case BY_LABEL:
		if (new_sent && s->val[C_LABEL].len) {
			g = find_group(s, s->val[C_LABEL].data, s->val[C_LABEL].len);
			g->sentences++;
		}
		if (is_quote && s->val[C_QLABEL].len) {
			g = find_group(s, s->val[C_QLABEL].data, s->val[C_QLABEL].len);
			g->quotes++;
		}
		break;
	}
}

/* Read one input; returns 0 or EXIT_BAD (cannot open). */
static void row_cb(void *ctx, const char *file, size_t line)
{
	one_row(ctx, file, line);
}

static int read_file(summ *s, const char *path, size_t max_line, int csv)
{
	static const char *const why[] = {
		"summarize --by doc reads the output of tonesift score",
		"summarize --by speaker reads the output of tonesift score",
		"summarize --by label reads the output of tonesift score",
	};

	s->have_prev = 0;
	return cli_read_columns(path, max_line, csv, col_names, NCOLS,
	                        required[s->by], why[s->by], s->col, s->val, row_cb, s);
}

/* ---- output ---- */

static void put_s(summ *s, const char *p, size_t n)
{
	out_field(&s->o, p ? p : "", p ? n : 0, 0);
}

static void put_str(summ *s, const char *p)
{
	put_s(s, p, p ? strlen(p) : 0);
}

static void put_count(summ *s, size_t v)
{
	char b[32];

	snprintf(b, sizeof b, "%zu", v);
	put_str(s, b);
}

/* 4 decimals, without "-0.0000"; empty when `have` is 0. */
static void put_num(summ *s, int have, double v)
{
	char b[32];

	if (!have) {
		put_s(s, "", 0);
		return;
	}
	if (fabs(v) < 0.00005)
		v = 0.0;
	snprintf(b, sizeof b, "%.4f", v);
	put_str(s, b);
}

static const char *const doc_cols[] = {
	"doc", "rows", "sentences", "mean_compound", "min_compound", "max_compound",
	"negative", "neutral", "positive", "quotes", "reports", "hedges", "numbers",
	"most_negative_quote", "most_negative_speaker", "most_negative_compound",
	"most_positive_quote", "most_positive_speaker", "most_positive_compound"
};
static const char *const speaker_cols[] = {
	"speaker", "docs", "quotes", "mean_quote_compound", "min_quote_compound",
	"max_quote_compound", "negative", "neutral", "positive", "reports"
};
static const char *const label_cols[] = {
	"label", "sentences", "sentence_share", "quotes", "quote_share"
};
/* Text columns (the rest are numbers, typed in JSONL). */
static int text_column(const char *name)
{
	static const char *const text[] = {
		"doc", "speaker", "label", "most_negative_quote", "most_negative_speaker",
		"most_positive_quote", "most_positive_speaker", NULL
	};
	size_t i;

	for (i = 0; text[i]; i++)
		if (strcmp(name, text[i]) == 0)
			return 1;
	return 0;
}

static void write_all(summ *s, out_format fmt, int header, int excel)
{
	const char *const *cols = s->by == BY_DOC ? doc_cols :
	                          s->by == BY_SPEAKER ? speaker_cols : label_cols;
	size_t ncols = s->by == BY_DOC ? sizeof doc_cols / sizeof *doc_cols :
	               s->by == BY_SPEAKER ? sizeof speaker_cols / sizeof *speaker_cols :
	               sizeof label_cols / sizeof *label_cols;
	size_t i;

	out_begin(&s->o, stdout, fmt, header, excel, cols, ncols);
	for (i = 0; i < ncols; i++)
		s->o.numeric[i] = (unsigned char)!text_column(cols[i]);
	for (i = 0; i < s->ng; i++) {
		group *g = &s->g[i];

		put_s(s, g->key, g->keylen);
		switch (s->by) {
		case BY_DOC:
			put_count(s, g->rows);
			put_count(s, g->sentences);
			put_num(s, g->comp.n > 0, g->comp.n ? g->comp.sum / (double)g->comp.n : 0);
			put_num(s, g->comp.n > 0, g->comp.min);
			put_num(s, g->comp.n > 0, g->comp.max);
			put_count(s, g->lab[0]);
			put_count(s, g->lab[1]);
			put_count(s, g->lab[2]);
			put_count(s, g->quotes);
			put_count(s, g->reports);
			put_count(s, g->hedges);
			put_count(s, g->numbers);
			put_str(s, g->negq);
			put_str(s, g->negs);
			put_num(s, g->negq != NULL, g->negv);
			put_str(s, g->posq);
			put_str(s, g->poss);
			put_num(s, g->posq != NULL, g->posv);
			break;
		case BY_SPEAKER:
			put_count(s, g->docs);
			put_count(s, g->quotes);
			put_num(s, g->qcomp.n > 0, g->qcomp.n ? g->qcomp.sum / (double)g->qcomp.n : 0);
			put_num(s, g->qcomp.n > 0, g->qcomp.min);
			put_num(s, g->qcomp.n > 0, g->qcomp.max);
			put_count(s, g->qlab[0]);
			put_count(s, g->qlab[1]);
			put_count(s, g->qlab[2]);
			put_count(s, g->reports);
			break;
		case BY_LABEL:
			put_count(s, g->sentences);
			put_num(s, s->total_sent > 0, s->total_sent ?
			        (double)g->sentences / (double)s->total_sent : 0);
			put_count(s, g->quotes);
			put_num(s, s->total_quotes > 0, s->total_quotes ?
			        (double)g->quotes / (double)s->total_quotes : 0);
			break;
		}
		out_end(&s->o);
	}
}

static void summ_free(summ *s)
{
	size_t i;

	for (i = 0; i < s->ng; i++) {
		free(s->g[i].key);
		free(s->g[i].negq);
		free(s->g[i].negs);
		free(s->g[i].posq);
		free(s->g[i].poss);
	}
	free(s->g);
	free(s->gt.slot);
	for (i = 0; i < s->ndocs; i++)
		free(s->docs[i]);
	free(s->docs);
	free(s->doclen);
	free(s->dt.slot);
	for (i = 0; i < NCOLS; i++)
		ts_buf_free(&s->val[i]);
	ts_buf_free(&s->prev_doc);
	ts_buf_free(&s->prev_sent);
	out_free(&s->o);
	free(s->gkeys);
	free(s->glens);
	for (i = 0; i < s->nseen; i++)
		free(s->skeys[i]);
	free(s->skeys);
	free(s->slens);
	free(s->seen.slot);
}

int cmd_summarize(int argc, char **argv)
{
	summ s;
	opt_parser p;
	const char *name;
	io_opts io;
	int status = 0, i;

	memset(&s, 0, sizeof s);
	io_opts_init(&io);
	s.by = BY_DOC;
	opt_init(&p, argc, argv);
	while ((name = opt_next(&p)) != NULL) {
		if (strcmp(name, "h") == 0 || strcmp(name, "help") == 0) {
			fputs(usage, stdout);
			free(p.operands);
			return cli_finish_output(0);
		} else if (strcmp(name, "by") == 0) {
			const char *v = opt_value(&p, name);

			if (strcmp(v, "doc") == 0)
				s.by = BY_DOC;
			else if (strcmp(v, "speaker") == 0)
				s.by = BY_SPEAKER;
			else if (strcmp(v, "label") == 0)
				s.by = BY_LABEL;
			else
				cli_usage_error("option '--by': '%s' is not doc, speaker or label", v);
		} else if (!io_option(&io, &p, name) || io.columns || io.progress || io.stats)
			cli_usage_error("unknown option '%s%s'", strlen(name) > 1 ? "--" : "-", name);
	}
	for (i = 0; i < NCOLS; i++)
		s.col[i] = -1;
	if (p.noperands == 0)
		status = read_file(&s, "-", io.max_line, io.csv);
	for (i = 0; i < p.noperands; i++)
		if (read_file(&s, p.operands[i], io.max_line, io.csv))
			status = EXIT_BAD;
	write_all(&s, (out_format)io.fmt, io.header, io.excel);
	summ_free(&s);
	free(p.operands);
	return cli_finish_output(status);
}
