/* cmd_norm.c - `tonesift norm`: raw text (or a TSV column) to one row per
 * sentence, line, paragraph or document. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct norm_cmd {
	ts_norm_opts opts;
	ts_norm *norm;
	int tsv;                 /* --tsv: normalise a column of a TSV */
	const char *doc_column;  /* --doc-column */
	size_t max_line;
	/* output slots */
	int s_doc, s_para, s_sent, s_offset, s_lang, s_text;
	/* TSV mode */
	long c_text, c_doc;
	size_t para_base, sent;  /* counters within the current document */
	size_t repaired;         /* total invalid sequences replaced */
	size_t docs;             /* documents seen (for --stats) */
	size_t repaired_reported; /* part of `repaired` already reported */
	ts_buf doc;
} norm_cmd;

static const char usage[] =
	"Normalise raw text files (each file is one document, `doc` = its path;\n"
	"stdin when no FILE) and write one row per unit with the columns\n"
	"doc para sent offset lang text. `offset` is the byte offset of the\n"
	"unit's first byte in the input.\n"
	"  --unit U           sentence (default), line, paragraph or doc\n"
	"  --nfkc             compatibility folding (full-width ＡＩ -> AI)\n"
	"  --html             decode HTML entities and drop tags\n"
	"  --markdown         drop Markdown markup (headings, emphasis, links)\n"
	"  --strict           invalid UTF-8 is an error (exit 2), not repaired\n"
	"  --tsv              input is TSV: normalise its text column (--column),\n"
	"                     keep the other columns; one row per unit\n"
	"                     (with --csv the input is CSV, e.g. a review export)\n"
	"  --doc-column NAME  with --tsv: the column that names the document\n"
	"                     (default: doc, else id, else FILE:LINE)\n";

static int norm_option(void *ctx, opt_parser *p, const char *name)
{
	norm_cmd *c = ctx;

	if (strcmp(name, "unit") == 0) {
		const char *v = opt_value(p, name);

		if (strcmp(v, "sentence") == 0)
			c->opts.unit = TS_UNIT_SENTENCE;
		else if (strcmp(v, "line") == 0)
			c->opts.unit = TS_UNIT_LINE;
		else if (strcmp(v, "paragraph") == 0)
			c->opts.unit = TS_UNIT_PARAGRAPH;
		else if (strcmp(v, "doc") == 0)
			c->opts.unit = TS_UNIT_DOC;
		else
			cli_usage_error("unknown unit '%s' (sentence, line, paragraph or doc)", v);
	} else if (strcmp(name, "nfkc") == 0)
		c->opts.nfkc = 1;
	else if (strcmp(name, "html") == 0)
		c->opts.html = 1;
	else if (strcmp(name, "markdown") == 0)
		c->opts.markdown = 1;
	else if (strcmp(name, "strict") == 0)
		c->opts.strict = 1;
	else if (strcmp(name, "tsv") == 0)
		c->tsv = 1;
	else if (strcmp(name, "doc-column") == 0)
		c->doc_column = opt_value(p, name);
	else
		return 0;
	return 1;
}

static int norm_raw(void *ctx)
{
	return !((norm_cmd *)ctx)->tsv;
}

static int norm_begin(void *ctx, stage *st)
{
	norm_cmd *c = ctx;

	c->opts.keep_empty = c->tsv;   /* every TSV row gives at least one row */
	if (ts_norm_new(&c->norm, &c->opts))
		cli_die(EXIT_BAD, "out of memory");
	if (c->tsv) {
		c->c_text = stage_text_column(st);
		c->c_doc = -1;
		if (c->doc_column) {
			c->c_doc = stage_input(st, c->doc_column);
			if (c->c_doc < 0)
				cli_die(EXIT_BAD, "%s:1: no column '%s' in the header",
				        stage_where(st), c->doc_column);
		} else if ((c->c_doc = stage_input(st, "doc")) < 0)
			c->c_doc = stage_input(st, "id");
	}
	c->s_doc = stage_output(st, "doc");
	c->s_para = stage_output(st, "para");
	c->s_sent = stage_output(st, "sent");
	c->s_offset = stage_output(st, "offset");
	c->s_lang = stage_output(st, "lang");
	c->s_text = stage_output(st, "text");
	return 0;
}

static void emit_units(norm_cmd *c, stage *st, const ts_norm_unit *u, size_t n,
                       unsigned long long base)
{
	size_t i, maxpara = 0;

	for (i = 0; i < n; i++) {
		stage_set(st, c->s_doc, c->doc.data ? c->doc.data : "", c->doc.len);
		stage_set_uint(st, c->s_para, c->para_base + u[i].para + 1);
		stage_set_uint(st, c->s_sent, ++c->sent);
		stage_set_uint(st, c->s_offset, base + u[i].offset);
		stage_set_plain(st, c->s_lang, u[i].lang, strlen(u[i].lang));
		stage_set(st, c->s_text, u[i].text, u[i].len);
		stage_emit(st);
		if (u[i].para + 1 > maxpara)
			maxpara = u[i].para + 1;
	}
	c->para_base += maxpara;
}

static int run_chunk(norm_cmd *c, stage *st, const char *name, const char *s,
                     size_t len, unsigned long long base, size_t lineno)
{
	const ts_norm_unit *u;
	size_t n;
	ts_diag d;
	int rc = ts_norm_run(c->norm, s, len, &u, &n, &d);

	if (rc == TS_EUTF8 && c->opts.strict) {
		size_t k;

		for (k = 0; k < d.offset && k < len; k++)   /* the line of the bad byte */
			lineno += s[k] == '\n';
		cli_warn("%s:%zu: invalid UTF-8 at byte offset %llu", name, lineno,
		         base + (unsigned long long)d.offset);
		return EXIT_BAD;
	}
	if (rc < 0)
		cli_die(EXIT_BAD, "%s: %s", name, d.msg);
	c->repaired += ts_norm_repaired(c->norm);
	emit_units(c, st, u, n, base);
	return 0;
}

static int norm_raw_file(void *ctx, stage *st, FILE *fp, const char *path)
{
	const char *name = fp == stdin ? "stdin" : path;
	norm_cmd *c = ctx;
	char *line = NULL;
	size_t cap = 0, before = c->repaired;
	ssize_t got;
	unsigned long long off = 0;
	int rc = 0;

	c->max_line = stage_max_line(st);
	c->docs++;
	ts_buf_reset(&c->doc);
	ts_buf_adds(&c->doc, fp == stdin ? "-" : path);
	c->para_base = 0;
	c->sent = 0;
	if (c->opts.unit == TS_UNIT_DOC) {
		size_t len;
		const char *all;
		ts_buf b = {0};
		char chunk[65536];

		while ((len = fread(chunk, 1, sizeof chunk, fp)) > 0)
			if (ts_buf_add(&b, chunk, len))
				cli_die(EXIT_BAD, "%s: out of memory", name);
		if (ferror(fp)) {
			cli_warn("cannot read '%s': %s", name, strerror(errno));
			ts_buf_free(&b);
			return EXIT_BAD;
		}
		all = b.data ? b.data : "";
		rc = run_chunk(c, st, name, all, b.len, 0, 1);
		ts_buf_free(&b);
	} else {
		/* one line at a time: memory is bounded by the longest line */
		size_t lineno = 0;

		while ((got = getline(&line, &cap, fp)) != -1) {
			size_t len = (size_t)got;

			lineno++;
			if (c->max_line && len > c->max_line)
				cli_die(EXIT_BAD, "%s: line at byte offset %llu is longer than %zu bytes (raise it with --max-line)",
				        name, off, c->max_line);
			if (len && line[len - 1] == '\n')
				len--;
			if ((rc = run_chunk(c, st, name, line, len, off, lineno)) != 0)
				break;
			off += (unsigned long long)got;
			stage_progress(st, off);
		}
		if (ferror(fp)) {
			cli_warn("cannot read '%s': %s", name, strerror(errno));
			rc = EXIT_BAD;
		}
	}
	free(line);
	if (c->repaired > before)
		cli_warn("%s: replaced %zu invalid UTF-8 sequence%s with U+FFFD", name,
		         c->repaired - before, c->repaired - before == 1 ? "" : "s");
	return rc;
}

static void norm_doc_change(void *ctx)
{
	norm_cmd *c = ctx;

	c->para_base = 0;
	c->sent = 0;
	c->docs++;
}

static int norm_row(void *ctx, stage *st)
{
	norm_cmd *c = ctx;
	const char *text, *doc;
	size_t len, dlen;
	const ts_norm_unit *u;
	size_t n;
	ts_diag d;
	int rc;

	ts_buf_reset(&c->doc);
	if (c->c_doc >= 0) {
		stage_get(st, c->c_doc, &doc, &dlen);
		ts_buf_add(&c->doc, doc, dlen);
	} else
		ts_buf_adds(&c->doc, stage_where(st));
	stage_get(st, c->c_text, &text, &len);
	rc = ts_norm_run(c->norm, text, len, &u, &n, &d);
	if (rc == TS_EUTF8 && c->opts.strict)
		cli_die(EXIT_BAD, "%s: invalid UTF-8 at byte %zu of column '%s'",
		        stage_where(st), d.offset, "text");
	if (rc < 0)
		cli_die(EXIT_BAD, "%s: %s", stage_where(st), d.msg);
	c->repaired += ts_norm_repaired(c->norm);
	emit_units(c, st, u, n, 0);
	return 0;
}

static void norm_file_done(void *ctx, stage *st, const char *name)
{
	norm_cmd *c = ctx;
	size_t n = c->repaired - c->repaired_reported;

	(void)st;
	if (c->tsv && n)
		cli_warn("%s: replaced %zu invalid UTF-8 sequence%s with U+FFFD",
		         name, n, n == 1 ? "" : "s");
	c->repaired_reported = c->repaired;
}

static int norm_end(void *ctx, stage *st)
{
	norm_cmd *c = ctx;

	if (stage_stats(st))
		cli_warn("stats: %zu documents, %zu invalid UTF-8 sequences repaired",
		         c->docs, c->repaired);
	return 0;
}

int cmd_norm(int argc, char **argv)
{
	static const stage_def def = {
		.name = "norm",
		.begin = norm_begin,
		.row = norm_row,
		.doc_change = norm_doc_change,
		.option = norm_option,
		.raw = norm_raw,
		.raw_file = norm_raw_file,
		.file_done = norm_file_done,
		.end = norm_end,
		.usage = usage,
	};
	norm_cmd c;
	int rc;

	memset(&c, 0, sizeof c);
	rc = stage_main(&def, &c, argc, argv);
	ts_norm_free(c.norm);
	ts_buf_free(&c.doc);
	return rc;
}
