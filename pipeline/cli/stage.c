/* stage.c - the driver shared by the TSV filters (claims, score, norm
 * --tsv): header and column handling, pass-through, row checks, output. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct stage {
	const stage_def *def;
	void *ctx;
	const char *text_col;     /* --column */
	char **in_names;          /* input column names (escaped form) */
	size_t nin;
	long *slot_of_out;        /* per output column: slot, or -1 */
	long *in_of_out;          /* per output column: input index, or -1 */
	size_t nout, cap_out;
	char **out_names;
	size_t nslots;
	const char **slot_ptr;    /* per slot: value set for this row */
	size_t *slot_len;
	ts_buf *slot_buf;         /* per slot: storage for stage_setf */
	unsigned char *slot_plain; /* per slot: value needs no escaping */
	const char **rowp;        /* TSV row being written, per output piece */
	size_t *rowl;
	unsigned char *rowraw;
	ts_buf *col_buf;          /* per input column: unescaped value */
	unsigned char *col_done;  /* per input column: col_buf is current */
	ts_field *fields;         /* current row */
	size_t nfields;
	const char *file;
	size_t lineno;
	long doc_col;
	ts_buf last_doc;
	int have_doc;
	out o;
	int began;
	progress prog;            /* --progress */
	int stats;                /* --stats */
	int csv;                  /* --csv input */
	unsigned long long rows_in, rows_out;
	size_t max_line;         /* --max-line, 0 = default */
	char where[512];
};

long stage_input(stage *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->nin; i++)
		if (strcmp(st->in_names[i], name) == 0)
			return (long)i;
	return -1;
}

long stage_text_column(stage *st)
{
	long c = stage_input(st, st->text_col);

	if (c < 0)
		cli_die(EXIT_BAD, "%s:1: no column '%s' in the header (use --column NAME)",
		        st->file, st->text_col);
	return c;
}

int stage_output(stage *st, const char *name)
{
	size_t i;
	long in = stage_input(st, name);
	int slot = (int)st->nslots++;

	st->slot_ptr = xrealloc(st->slot_ptr, st->nslots * sizeof *st->slot_ptr);
	st->slot_len = xrealloc(st->slot_len, st->nslots * sizeof *st->slot_len);
	st->slot_buf = xrealloc(st->slot_buf, st->nslots * sizeof *st->slot_buf);
	st->slot_plain = xrealloc(st->slot_plain, st->nslots);
	memset(&st->slot_buf[slot], 0, sizeof st->slot_buf[slot]);
	st->slot_plain[slot] = 0;
	st->slot_ptr[slot] = "";
	st->slot_len[slot] = 0;
	if (in >= 0) {
		for (i = 0; i < st->nout; i++)
			if (st->in_of_out[i] == in) {
				st->slot_of_out[i] = slot;
				return slot;
			}
	}
	if (st->nout == st->cap_out) {
		st->cap_out = st->cap_out ? st->cap_out * 2 : 16;
		st->slot_of_out = xrealloc(st->slot_of_out, st->cap_out * sizeof *st->slot_of_out);
		st->in_of_out = xrealloc(st->in_of_out, st->cap_out * sizeof *st->in_of_out);
		st->out_names = xrealloc(st->out_names, st->cap_out * sizeof *st->out_names);
	}
	st->slot_of_out[st->nout] = slot;
	st->in_of_out[st->nout] = -1;
	st->out_names[st->nout] = xstrdup(name);
	st->nout++;
	return slot;
}

size_t stage_max_line(stage *st)
{
	return st->max_line;
}

const char *stage_where(stage *st)
{
	snprintf(st->where, sizeof st->where, "%s:%zu", st->file, st->lineno);
	return st->where;
}

void stage_get(stage *st, long col, const char **p, size_t *len)
{
	ts_diag d;

	if (col < 0 || (size_t)col >= st->nfields) {
		*p = "";
		*len = 0;
		return;
	}
	if (!st->col_done[col]) {
		ts_buf_reset(&st->col_buf[col]);
		if (ts_tsv_unescape(&st->col_buf[col], st->fields[col].ptr,
		                    st->fields[col].len, &d))
			cli_die(EXIT_BAD, "%s: column '%s': %s at byte %zu",
			        stage_where(st), st->in_names[col], d.msg, d.offset);
		st->col_done[col] = 1;
	}
	*p = st->col_buf[col].data ? st->col_buf[col].data : "";
	*len = st->col_buf[col].len;
}

void stage_set(stage *st, int k, const char *p, size_t len)
{
	st->slot_ptr[k] = p;
	st->slot_len[k] = len;
	st->slot_plain[k] = 0;
}

void stage_set_plain(stage *st, int k, const char *p, size_t len)
{
	st->slot_ptr[k] = p;
	st->slot_len[k] = len;
	st->slot_plain[k] = 1;
}

void stage_setf(stage *st, int k, const char *fmt, ...)
{
	va_list ap;
	int n;
	ts_buf *b = &st->slot_buf[k];

	ts_buf_reset(b);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || ts_buf_grow(b, (size_t)n))
		cli_die(EXIT_BAD, "out of memory");
	va_start(ap, fmt);
	vsnprintf(b->data, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len = (size_t)n;
	stage_set(st, k, b->data, b->len);
}

void stage_set_uint(stage *st, int k, unsigned long long v)
{
	ts_buf *b = &st->slot_buf[k];

	ts_buf_reset(b);
	if (ts_buf_grow(b, 24))
		cli_die(EXIT_BAD, "out of memory");
	b->len = cli_utoa(b->data, v);
	stage_set_plain(st, k, b->data, b->len);
}

/* The pass-through columns from output i on that are consecutive in the
 * input line, as one span (their tabs included); returns the output index
 * after the span. */
static size_t pass_span(stage *st, size_t i, const char **p, size_t *len)
{
	const ts_field *f = st->fields;
	long k = st->in_of_out[i];
	size_t j = i + 1;

	while (j < st->nout && st->slot_of_out[j] < 0 &&
	       st->in_of_out[j] == st->in_of_out[j - 1] + 1 &&
	       f[st->in_of_out[j]].ptr ==
	               f[st->in_of_out[j - 1]].ptr + f[st->in_of_out[j - 1]].len + 1)
		j++;
	*p = f[k].ptr;
	*len = (size_t)(f[st->in_of_out[j - 1]].ptr + f[st->in_of_out[j - 1]].len - f[k].ptr);
	return j;
}

/* TSV: the whole row in one call, pass-through spans copied as they are. */
static void emit_tsv(stage *st)
{
	size_t i = 0, n = 0;

	if (!st->rowp) {
		st->rowp = xcalloc(st->nout, sizeof *st->rowp);
		st->rowl = xcalloc(st->nout, sizeof *st->rowl);
		st->rowraw = xcalloc(st->nout, 1);
	}
	while (i < st->nout) {
		long s = st->slot_of_out[i];

		if (s >= 0) {
			st->rowp[n] = st->slot_ptr[s];
			st->rowl[n] = st->slot_len[s];
			st->rowraw[n] = st->slot_plain[s];
			i++;
		} else {
			i = pass_span(st, i, &st->rowp[n], &st->rowl[n]);
			st->rowraw[n] = 1;
		}
		n++;
	}
	out_row_tsv(&st->o, st->rowp, st->rowl, st->rowraw, n);
}

void stage_emit(stage *st)
{
	size_t i;

	if (st->o.fmt == FMT_TSV)
		emit_tsv(st);
	else {
		for (i = 0; i < st->nout; i++) {
			long s = st->slot_of_out[i];

			if (s >= 0)
				out_field(&st->o, st->slot_ptr[s], st->slot_len[s], 0);
			else if (out_field(&st->o, st->fields[st->in_of_out[i]].ptr,
			                   st->fields[st->in_of_out[i]].len, 1))
				cli_die(EXIT_BAD, "%s: column '%s': bad escape", stage_where(st),
				        st->out_names[i]);
		}
		out_end(&st->o);
	}
	st->rows_out++;
}

int stage_stats(stage *st)
{
	return st->stats;
}

void stage_progress(stage *st, unsigned long long done_in_file)
{
	progress_update(&st->prog, done_in_file);
}

static void set_header(stage *st, char **names, size_t n)
{
	size_t i;

	st->nin = n;
	st->in_names = names;
	st->cap_out = n + 16;
	st->slot_of_out = xcalloc(st->cap_out, sizeof *st->slot_of_out);
	st->in_of_out = xcalloc(st->cap_out, sizeof *st->in_of_out);
	st->out_names = xcalloc(st->cap_out, sizeof *st->out_names);
	for (i = 0; i < n; i++) {
		st->slot_of_out[i] = -1;
		st->in_of_out[i] = (long)i;
		st->out_names[i] = xstrdup(names[i]);
	}
	st->nout = n;
	st->col_buf = xcalloc(n, sizeof *st->col_buf);
	st->col_done = xcalloc(n, 1);
	st->doc_col = stage_input(st, "doc");
}

static char **split_names(const char *list, size_t *n)
{
	char *copy = xstrdup(list), *p = copy, *comma;
	char **names = NULL;
	size_t k = 0;

	for (;;) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		names = xrealloc(names, (k + 1) * sizeof *names);
		names[k++] = xstrdup(p);
		if (!comma)
			break;
		p = comma + 1;
	}
	free(copy);
	*n = k;
	return names;
}

/* Returns 0, or EXIT_BAD after reporting a problem with this file. */
static int run_file(stage *st, FILE *fp, const char *name, const io_opts *io)
{
	const char *columns = io->columns;
	ts_tsv_reader *r = NULL;
	ts_diag d;
	ts_field *f;
	size_t n, i;
	int rc, status = 0;

	if (ts_tsv_reader_new(&r, fp, name, io->max_line))
		cli_die(EXIT_BAD, "out of memory");
	ts_tsv_reader_set_csv(r, st->csv);
	st->file = name;
	if (!columns) {
		rc = ts_tsv_read(r, &f, &n, &d);
		if (rc == TS_EIO) {
			cli_warn("%s:%zu: %s", name, d.line, d.msg);
			ts_tsv_reader_free(r);
			return EXIT_BAD;
		}
		if (rc < 0)
			cli_die(EXIT_BAD, "%s:%zu: %s", name, d.line, d.msg);
		if (rc == 0) {
			/* empty input: no header, nothing to do (a header-only file
			 * still produces the output header) */
			ts_tsv_reader_free(r);
			return 0;
		}
		if (!st->began) {
			char **names = xcalloc(n, sizeof *names);

			for (i = 0; i < n; i++) {
				names[i] = xmalloc(f[i].len + 1);
				memcpy(names[i], f[i].ptr, f[i].len);
				names[i][f[i].len] = '\0';
				if (f[i].len == 0)
					cli_die(EXIT_BAD, "%s:1: column %zu has an empty name", name, i + 1);
				for (size_t k = 0; k < i; k++)
					if (strcmp(names[k], names[i]) == 0)
						cli_die(EXIT_BAD, "%s:1: duplicate column name '%s'", name, names[i]);
			}
			set_header(st, names, n);
		} else {
			int same = n == st->nin;

			for (i = 0; same && i < n; i++)
				same = f[i].len == strlen(st->in_names[i]) &&
				       memcmp(f[i].ptr, st->in_names[i], f[i].len) == 0;
			if (!same)
				cli_die(EXIT_BAD, "%s:1: header differs from the first input's", name);
		}
	} else if (!st->began) {
		char **names = split_names(columns, &n);

		set_header(st, names, n);
	}
	if (!st->began) {
		st->began = 1;
		st->lineno = 1;
		if ((rc = st->def->begin(st->ctx, st)))
			return rc;
		out_begin(&st->o, stdout, (out_format)io->fmt, io->header, io->excel,
		          (const char *const *)st->out_names, st->nout);
	}
	while ((rc = ts_tsv_read(r, &f, &n, &d)) == 1) {
		st->lineno = ts_tsv_lineno(r);
		if (n != st->nin)
			cli_die(EXIT_BAD, "%s:%zu: %zu field%s, header has %zu", name,
			        st->lineno, n, n == 1 ? "" : "s", st->nin);
		st->fields = f;
		st->nfields = n;
		st->rows_in++;
		progress_update(&st->prog, ts_tsv_offset(r));
		memset(st->col_done, 0, st->nin);
		if (st->doc_col >= 0) {
			ts_field *df = &f[st->doc_col];

			if (!st->have_doc || df->len != st->last_doc.len ||
			    memcmp(df->ptr, st->last_doc.data, df->len) != 0) {
				if (st->def->doc_change)
					st->def->doc_change(st->ctx);
				ts_buf_reset(&st->last_doc);
				ts_buf_add(&st->last_doc, df->ptr, df->len);
				st->have_doc = 1;
			}
		} else if (st->def->doc_change)
			st->def->doc_change(st->ctx);
		if ((rc = st->def->row(st->ctx, st)))
			return rc;
	}
	if (rc == TS_EIO) {
		/* a file that cannot be read: say so, go on with the next */
		cli_warn("%s:%zu: %s", name, d.line, d.msg);
		status = EXIT_BAD;
	} else if (rc < 0)
		cli_die(EXIT_BAD, "%s:%zu: %s", name, d.line, d.msg);
	if (st->def->file_done)
		st->def->file_done(st->ctx, st, name);
	progress_next_file(&st->prog, (unsigned long long)(ftell(fp) > 0 ? ftell(fp) : 0));
	ts_tsv_reader_free(r);
	return status;
}

static void stage_free(stage *st)
{
	size_t i;

	for (i = 0; i < st->nin; i++) {
		free(st->in_names[i]);
		ts_buf_free(&st->col_buf[i]);
	}
	for (i = 0; i < st->nout; i++)
		free(st->out_names[i]);
	for (i = 0; i < st->nslots; i++)
		ts_buf_free(&st->slot_buf[i]);
	free(st->in_names);
	free(st->out_names);
	free(st->col_buf);
	free(st->col_done);
	free(st->slot_of_out);
	free(st->in_of_out);
	free(st->slot_ptr);
	free(st->slot_len);
	free(st->slot_buf);
	free(st->slot_plain);
	free(st->rowp);
	free(st->rowl);
	free(st->rowraw);
	ts_buf_free(&st->last_doc);
	out_free(&st->o);
}

/* Clear the progress line; with --stats, the summary line. */
static void finish_stats(stage *st)
{
	double sec;

	progress_end(&st->prog);
	if (!st->stats)
		return;
	sec = progress_seconds(&st->prog);
	fflush(stdout);
	if (st->nin)
		fprintf(stderr, "%s: stats: %llu rows in, ", cli_prog(), st->rows_in);
	else
		fprintf(stderr, "%s: stats: ", cli_prog());
	fprintf(stderr, "%llu rows out, %.3f MB in %.3f s (%.1f MB/s)\n", st->rows_out,
	        (double)st->prog.bytes / 1e6, sec,
	        sec > 0 ? (double)st->prog.bytes / 1e6 / sec : 0.0);
}

static const char common_usage[] =
	"Input: TSV files (or stdin) with a header line; output: TSV on stdout.\n"
	"  --column NAME      input text column (default: text)\n"
	"  --columns A,B,...  the input has no header line; these are its columns\n"
	"  --csv              the input is CSV (RFC 4180), not TSV\n"
	"  --no-header        do not write a header line\n"
	"  --format F         tsv (default), csv or jsonl\n"
	"  --excel            with csv: UTF-8 BOM and CRLF, for spreadsheets\n"
	"  --max-line BYTES   longest accepted input line (default 512M)\n"
	"  --progress         show progress on stderr (default: when it is a terminal)\n"
	"  --no-progress      never show progress\n"
	"  --stats            print a summary on stderr at the end\n"
	"  -h, --help         this help\n"
	"Exit status: 0 ok, 1 output could not be written, 2 bad usage or input.\n";

int stage_main(const stage_def *def, void *ctx, int argc, char **argv)
{
	stage st;
	opt_parser p;
	io_opts io;
	const char *name;
	int status = 0, i, raw, nin;

	memset(&st, 0, sizeof st);
	st.def = def;
	st.ctx = ctx;
	st.text_col = "text";
	io_opts_init(&io);
	opt_init(&p, argc, argv);
	while ((name = opt_next(&p)) != NULL) {
		if (strcmp(name, "h") == 0 || strcmp(name, "help") == 0) {
			printf("Usage: tonesift %s [OPTIONS] [FILE...]\n%s%s", def->name,
			       def->usage ? def->usage : "", common_usage);
			return cli_finish_output(0);
		} else if (strcmp(name, "column") == 0)
			st.text_col = opt_value(&p, name);
		else if (!io_option(&io, &p, name) &&
		         (!def->option || !def->option(ctx, &p, name)))
			cli_usage_error("unknown option '%s%s'", strlen(name) > 1 ? "--" : "-", name);
	}
	st.max_line = io.max_line;
	st.stats = io.stats;
	st.csv = io.csv;
	progress_init(&st.prog, io.progress, p.operands, p.noperands);
	raw = def->raw && def->raw(ctx);
	nin = p.noperands ? p.noperands : 1;   /* no FILE: standard input */
	if (raw) {
		/* raw text: the columns are the stage's own, known now */
		st.file = "stdin";
		set_header(&st, NULL, 0);
		st.began = 1;
		if ((status = def->begin(ctx, &st)) != 0)
			nin = 0;
		else
			out_begin(&st.o, stdout, (out_format)io.fmt, io.header, io.excel,
			          (const char *const *)st.out_names, st.nout);
	}
	for (i = 0; i < nin; i++) {
		const char *path = p.noperands ? p.operands[i] : "-";
		FILE *fp = cli_open_input(path);
		int rc;

		if (!fp) {
			status = EXIT_BAD;
			continue;
		}
		if (raw) {
			st.file = path;
			rc = def->raw_file(ctx, &st, cli_buffer_input(fp), path);
			progress_next_file(&st.prog, (unsigned long long)(ftell(fp) > 0 ? ftell(fp) : 0));
		} else
			rc = run_file(&st, fp, fp == stdin ? "stdin" : path, &io);
		cli_close_input(fp);
		if (rc)
			status = rc;
	}
	finish_stats(&st);
	if (def->end && (i = def->end(ctx, &st)) != 0)
		status = i;
	stage_free(&st);
	free(p.operands);
	return cli_finish_output(status);
}
