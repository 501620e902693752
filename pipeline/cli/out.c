/* out.c - the output writer: linear TSV (the stream contract), RFC 4180
 * CSV (optionally for Excel: BOM + CRLF) and JSON Lines with typed numbers. */
#include "cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Columns whose values are numbers (JSON numbers, not strings). */
static const char *const numeric_columns[] = {
	"para", "sent", "offset", "neg", "neu", "pos", "compound", "checkworthy",
	"quote_neg", "quote_neu", "quote_pos", "quote_compound", NULL
};

void io_opts_init(io_opts *o)
{
	memset(o, 0, sizeof *o);
	o->fmt = FMT_TSV;
	o->header = 1;
}

int io_option(io_opts *o, opt_parser *p, const char *name)
{
	if (strcmp(name, "format") == 0) {
		const char *v = opt_value(p, name);

		if ((o->fmt = out_parse_format(v)) < 0)
			cli_usage_error("unknown format '%s' (tsv, csv or jsonl)", v);
	} else if (strcmp(name, "excel") == 0 || strcmp(name, "bom") == 0) {
		o->excel = 1;
		if (o->fmt == FMT_TSV)
			o->fmt = FMT_CSV;
	} else if (strcmp(name, "no-header") == 0)
		o->header = 0;
	else if (strcmp(name, "csv") == 0)
		o->csv = 1;
	else if (strcmp(name, "max-line") == 0)
		o->max_line = opt_size(name, opt_value(p, name));
	else if (strcmp(name, "columns") == 0)
		o->columns = opt_value(p, name);
	else if (strcmp(name, "progress") == 0)
		o->progress = 1;
	else if (strcmp(name, "no-progress") == 0)
		o->progress = -1;
	else if (strcmp(name, "stats") == 0)
		o->stats = 1;
	else
		return 0;
	return 1;
}

int out_parse_format(const char *s)
{
	if (strcmp(s, "tsv") == 0)
		return FMT_TSV;
	if (strcmp(s, "csv") == 0)
		return FMT_CSV;
	if (strcmp(s, "jsonl") == 0 || strcmp(s, "json") == 0)
		return FMT_JSONL;
	return -1;
}

static void put(out *o, const char *p, size_t n)
{
	ts_buf *b = &o->line;

	if (b->cap - b->len > n) {   /* the common case: room for it and the NUL */
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else if (ts_buf_add(b, p, n))
		cli_die(EXIT_BAD, "out of memory");
}

/* Can p[0..n) go out as TSV unchanged? A word-at-a-time screen for bytes
 * below 0x0E (tab, LF, CR and other controls) and backslashes; a control
 * byte that needs no escape only sends the field the slow way. */
static int word_plain(const char *p)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t w, bs;

	memcpy(&w, p, 8);
	bs = w ^ (ones * '\\');
	return !(((w - ones * 0x0E) & ~w & highs) | ((bs - ones) & ~bs & highs));
}

#ifdef __SSE2__
/* The same screen sixteen bytes at a time (SSE2 is part of x86-64):
 * min(v, 0x0D) == v marks the bytes below 0x0E. */
static int sse_plain(const char *p)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	const __m128i bad = _mm_or_si128(
		_mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x0D)), v),
		_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));

	return _mm_movemask_epi8(bad) == 0;
}
#endif

static int tsv_plain(const char *p, size_t n)
{
	size_t i;

#ifdef __SSE2__
	if (n >= 16) {
		for (i = 0; i + 16 <= n; i += 16)
			if (!sse_plain(p + i))
				return 0;
		return i == n || sse_plain(p + n - 16);   /* the last 16 bytes */
	}
#endif
	if (n < 8) {
		for (i = 0; i < n; i++)
			if ((unsigned char)p[i] < 0x0E || p[i] == '\\')
				return 0;
		return 1;
	}
	for (i = 0; i + 8 <= n; i += 8)
		if (!word_plain(p + i))
			return 0;
	return i == n || word_plain(p + n - 8);   /* the tail: the last 8 bytes */
}

static void puts_(out *o, const char *s)
{
	put(o, s, strlen(s));
}

/* The writer whose rows must reach stdout before the program exits. */
static out *active;

/* Write the complete rows held in o->line. Standard output bypasses stdio
 * (write(2) of whole rows only), so that a program killed by SIGINT leaves
 * no partial row behind. */
static void flush_line(out *o)
{
	if (!o->fp)
		return;   /* memory mode: the caller takes o->line */
	if (o->line.len) {
		if (o->fp == stdout)
			cli_write_all(o->line.data, o->line.len);
		else if (fwrite(o->line.data, 1, o->line.len, o->fp) != o->line.len)
			cli_write_failed();
	}
	ts_buf_reset(&o->line);
}

void out_flush_active(void)
{
	if (active)
		flush_line(active);
}

static void csv_field(out *o, const char *p, size_t n)
{
	size_t i;
	int quote = n > 0 && (p[0] == ' ' || p[n - 1] == ' ');

	for (i = 0; i < n && !quote; i++)
		if (p[i] == ',' || p[i] == '"' || p[i] == '\n' || p[i] == '\r')
			quote = 1;
	if (!quote) {
		put(o, p, n);
		return;
	}
	put(o, "\"", 1);
	for (i = 0; i < n; i++) {
		if (p[i] == '"')
			put(o, "\"", 1);
		put(o, p + i, 1);
	}
	put(o, "\"", 1);
}

static void json_string(out *o, const char *p, size_t n)
{
	size_t i, start = 0;
	char esc[8];

	put(o, "\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		const char *e = NULL;

		if (c == '"')
			e = "\\\"";
		else if (c == '\\')
			e = "\\\\";
		else if (c == '\n')
			e = "\\n";
		else if (c == '\t')
			e = "\\t";
		else if (c == '\r')
			e = "\\r";
		else if (c < 0x20 || c == 0x7F) {
			snprintf(esc, sizeof esc, "\\u%04x", c);
			e = esc;
		}
		if (e) {
			put(o, p + start, i - start);
			puts_(o, e);
			start = i + 1;
		}
	}
	put(o, p + start, n - start);
	put(o, "\"", 1);
}

/* A JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int is_json_number(const char *p, size_t n)
{
	size_t i = 0;

	if (i < n && p[i] == '-')
		i++;
	if (i >= n)
		return 0;
	if (p[i] == '0')
		i++;
	else if (p[i] >= '1' && p[i] <= '9')
		while (i < n && p[i] >= '0' && p[i] <= '9')
			i++;
	else
		return 0;
	if (i < n && p[i] == '.') {
		size_t d = ++i;

		while (i < n && p[i] >= '0' && p[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		size_t d;

		i++;
		if (i < n && (p[i] == '+' || p[i] == '-'))
			i++;
		d = i;
		while (i < n && p[i] >= '0' && p[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	return i == n;
}

void out_begin(out *o, FILE *fp, out_format fmt, int header, int excel,
               const char *const *names, size_t ncols)
{
	size_t i, k;

	memset(o, 0, sizeof *o);
	o->fp = fp;
	o->fmt = fmt;
	o->header = header;
	o->excel = excel;
	o->ncols = ncols;
	o->names = xcalloc(ncols, sizeof *o->names);
	o->numeric = xcalloc(ncols, 1);
	for (i = 0; i < ncols; i++) {
		o->names[i] = xstrdup(names[i]);
		for (k = 0; numeric_columns[k]; k++)
			if (strcmp(names[i], numeric_columns[k]) == 0)
				o->numeric[i] = 1;
	}
	if (fp == stdout)
		active = o;
	if (excel && fmt == FMT_CSV && fp)
		put(o, "\xEF\xBB\xBF", 3);
	if (header && fmt != FMT_JSONL) {
		for (i = 0; i < ncols; i++)
			out_field(o, names[i], strlen(names[i]), 0);
		out_end(o);
	}
	flush_line(o);
}

/* Copy a field of 1..16 bytes without a call: two overlapping loads and
 * stores that stay inside both spans. Most fields of a row are this short
 * (numbers, labels, tags), and a libc call cost more than the copy. */
static inline void copy_short(char *d, const char *s, size_t l)
{
	uint64_t a, z;
	uint32_t a4, z4;

	if (l >= 8) {
		memcpy(&a, s, 8);
		memcpy(&z, s + l - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + l - 8, &z, 8);
	} else if (l >= 4) {
		memcpy(&a4, s, 4);
		memcpy(&z4, s + l - 4, 4);
		memcpy(d, &a4, 4);
		memcpy(d + l - 4, &z4, 4);
	} else {   /* 1..3 */
		char c0 = s[0], c1 = s[l >> 1], c2 = s[l - 1];

		d[0] = c0;
		d[l >> 1] = c1;
		d[l - 1] = c2;
	}
}

void out_row_tsv(out *o, const char *const *p, const size_t *len,
                 const unsigned char *raw, size_t n)
{
	ts_buf *b = &o->line;
	size_t i, need = n;
	char *d;

	for (i = 0; i < n; i++)
		need += len[i];
	if (ts_buf_grow(b, need))   /* once: only escapes grow it again */
		cli_die(EXIT_BAD, "out of memory");
	d = b->data + b->len;
	/* every field is followed by a tab; the last one's becomes the
	 * newline */
	for (i = 0; i < n; i++) {
		size_t l = len[i];

		if (l && (raw[i] || tsv_plain(p[i], l))) {
			if (l <= 16)
				copy_short(d, p[i], l);
			else
				memcpy(d, p[i], l);
			d += l;
		} else if (l) {
			b->len = (size_t)(d - b->data);
			if (ts_tsv_escape(b, p[i], l) || ts_buf_grow(b, need))
				cli_die(EXIT_BAD, "out of memory");
			d = b->data + b->len;
		}
		*d++ = '\t';
	}
	if (n)
		d--;
	*d++ = '\n';
	*d = '\0';
	b->len = (size_t)(d - b->data);
	o->col = 0;
	if (b->len >= ((size_t)64 << 10))
		flush_line(o);
}

int out_field(out *o, const char *p, size_t len, int escaped)
{
	if (o->fmt == FMT_TSV) {
		if (o->col++)
			put(o, "\t", 1);
		if (escaped || tsv_plain(p, len))
			put(o, p, len);
		else if (ts_tsv_escape(&o->line, p, len))
			cli_die(EXIT_BAD, "out of memory");
		return 0;
	}
	if (escaped) {
		ts_buf_reset(&o->tmp);
		if (ts_tsv_unescape(&o->tmp, p, len, NULL))
			return TS_EFORMAT;
		p = o->tmp.data ? o->tmp.data : "";
		len = o->tmp.len;
	}
	if (o->fmt == FMT_CSV) {
		if (o->col++)
			put(o, ",", 1);
		csv_field(o, p, len);
		return 0;
	}
	/* JSONL */
	put(o, o->col ? "," : "{", 1);
	if (o->col < o->ncols)
		json_string(o, o->names[o->col], strlen(o->names[o->col]));
	else
		json_string(o, "?", 1);
	put(o, ":", 1);
	if (o->col < o->ncols && o->numeric[o->col] && len == 0)
		puts_(o, "null");
	else if (o->col < o->ncols && o->numeric[o->col] && is_json_number(p, len))
		put(o, p, len);
	else
		json_string(o, p, len);
	o->col++;
	return 0;
}

void out_end(out *o)
{
	if (o->fmt == FMT_JSONL)
		puts_(o, o->col ? "}\n" : "{}\n");
	else if (o->fmt == FMT_CSV && o->excel)
		puts_(o, "\r\n");
	else
		puts_(o, "\n");
	o->col = 0;
	if (o->line.len >= ((size_t)64 << 10))
		flush_line(o);   /* whole rows, 64 KiB at a time */
}

void out_free(out *o)
{
	size_t i;

	flush_line(o);
	if (active == o)
		active = NULL;
	for (i = 0; i < o->ncols; i++)
		free(o->names[i]);
	free(o->names);
	free(o->numeric);
	ts_buf_free(&o->line);
	ts_buf_free(&o->tmp);
	memset(o, 0, sizeof *o);
}
