/* tsv.c - linear TSV record reader and escaping (see include/tonesift/tsv.h). */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define TS_DEFAULT_MAX_LINE ((size_t)512 << 20)
#define TS_READ_CHUNK ((size_t)64 << 10)

struct ts_tsv_reader {
	FILE *fp;
	char *name;
	size_t max_line;
	char *buf;          /* bytes read but not yet consumed start at buf+pos */
	size_t cap, pos, end;
	int eof;
	size_t lineno;      /* of the record last returned */
	unsigned long long consumed;  /* input offset of buf[pos] */
	unsigned long long rec_off;   /* offset of the record last returned */
	ts_field *fields;
	size_t nfields_cap;
	int csv;            /* RFC 4180 input, converted to escaped TSV fields */
	ts_buf rec;         /* csv: the converted record */
	size_t *starts;     /* csv: field start offsets in rec */
};

int ts_tsv_reader_new(ts_tsv_reader **out, FILE *fp, const char *name,
                      size_t max_line)
{
	ts_tsv_reader *r;

	*out = NULL;
	r = calloc(1, sizeof *r);
	if (!r)
		return TS_ENOMEM;
	r->fp = fp;
	r->name = strdup(name ? name : "-");
	r->max_line = max_line ? max_line : TS_DEFAULT_MAX_LINE;
	r->cap = TS_READ_CHUNK;
	r->buf = malloc(r->cap);
	r->nfields_cap = 16;
	r->fields = malloc(r->nfields_cap * sizeof *r->fields);
	if (!r->name || !r->buf || !r->fields) {
		ts_tsv_reader_free(r);
		return TS_ENOMEM;
	}
	*out = r;
	return 0;
}

void ts_tsv_reader_free(ts_tsv_reader *r)
{
	if (!r)
		return;
	free(r->name);
	free(r->buf);
	free(r->fields);
	free(r->starts);
	ts_buf_free(&r->rec);
	free(r);
}

size_t ts_tsv_lineno(const ts_tsv_reader *r) { return r->lineno; }
const char *ts_tsv_name(const ts_tsv_reader *r) { return r->name; }
unsigned long long ts_tsv_offset(const ts_tsv_reader *r) { return r->rec_off; }

/* Read more input into the buffer, compacting and growing as needed. */
static int fill(ts_tsv_reader *r, ts_diag *d)
{
	size_t n;

	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		r->end -= r->pos;
		r->pos = 0;
	}
	if (r->cap - r->end < TS_READ_CHUNK / 2) {
		size_t ncap = r->cap * 2;
		char *p;

		if (ncap > r->max_line + TS_READ_CHUNK)
			ncap = r->max_line + TS_READ_CHUNK;
		if (ncap <= r->cap)
			return ts_diag_set(d, TS_ETOOLONG, r->lineno + 1, 0,
			                   "line is longer than %zu bytes (raise it with --max-line)",
			                   r->max_line);
		p = realloc(r->buf, ncap);
		if (!p)
			return ts_diag_set(d, TS_ENOMEM, r->lineno + 1, 0,
			                   "out of memory reading a %zu-byte line", r->end);
		r->buf = p;
		r->cap = ncap;
	}
	n = fread(r->buf + r->end, 1, r->cap - r->end, r->fp);
	r->end += n;
	if (n == 0) {
		if (ferror(r->fp))
			return ts_diag_set(d, TS_EIO, r->lineno + 1, 0,
			                   "read error: %s", strerror(errno));
		r->eof = 1;
	}
	return 0;
}

static int read_csv(ts_tsv_reader *r, ts_field **fields, size_t *nfields, ts_diag *d);

/* A UTF-8 byte-order mark before the first record (Excel writes one) is
 * not part of the first column's name. */
static void drop_bom(ts_field *f)
{
	if (f->len >= 3 && memcmp(f->ptr, "\xEF\xBB\xBF", 3) == 0) {
		f->ptr += 3;
		f->len -= 3;
	}
}

/*
 * The next tab in [p, stop), or NULL. Most fields of a stage's input are a
 * few bytes long (numbers, labels, empty claim columns), where a memchr
 * call costs more than the search: look at eight bytes at a time, with an
 * exact zero-byte test (no false hits from borrows), and hand long fields
 * to memchr after the first 32 bytes.
 */
static char *next_tab(char *p, char *stop)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t tabs = 0x0909090909090909u, low7 = 0x7F7F7F7F7F7F7F7Fu;
	char *lim = stop - p > 32 ? p + 32 : stop;

	while (lim - p >= 8) {
		uint64_t w, z;

		memcpy(&w, p, 8);
		w ^= tabs;
		z = ~(((w & low7) + low7) | w | low7);   /* 0x80 where a tab was */
		if (z)
			return p + (__builtin_ctzll(z) >> 3);
		p += 8;
	}
	for (; p < lim; p++)
		if (*p == '\t')
			return p;
	if (p == stop)
		return NULL;
#endif
	return memchr(p, '\t', (size_t)(stop - p));
}

int ts_tsv_read(ts_tsv_reader *r, ts_field **fields, size_t *nfields,
                ts_diag *d)
{
	char *line, *nl, *p, *stop;
	size_t len, scanned = 0, n = 0;
	int rc;

	if (r->csv) {
		rc = read_csv(r, fields, nfields, d);
		if (rc == 1 && r->rec_off == 0)
			drop_bom(*fields);
		return rc;
	}
	for (;;) {
		nl = memchr(r->buf + r->pos + scanned, '\n',
		            r->end - r->pos - scanned);
		if (nl)
			break;
		scanned = r->end - r->pos;
		if (scanned > r->max_line)
			return ts_diag_set(d, TS_ETOOLONG, r->lineno + 1, 0,
			                   "line is longer than %zu bytes (raise it with --max-line)",
			                   r->max_line);
		if (r->eof)
			break;
		if ((rc = fill(r, d)) < 0)
			return rc;
	}
	line = r->buf + r->pos;
	if (nl) {
		len = (size_t)(nl - line);
		r->pos += len + 1;
	} else {
		len = r->end - r->pos;
		if (len == 0)
			return 0;       /* clean end of input */
		r->pos = r->end;        /* last line had no newline */
	}
	if (len > r->max_line)
		return ts_diag_set(d, TS_ETOOLONG, r->lineno + 1, 0,
		                   "line is longer than %zu bytes (raise it with --max-line)",
		                   r->max_line);
	r->rec_off = r->consumed;
	r->consumed += len + (nl ? 1 : 0);
	r->lineno++;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	line[len] = '\0';
	p = line;
	stop = line + len;
	for (;;) {
		char *tab = next_tab(p, stop);
		char *e = tab ? tab : stop;

		if (n == r->nfields_cap) {
			size_t ncap = r->nfields_cap ? 2 * r->nfields_cap : 16;
			ts_field *f = realloc(r->fields, ncap * sizeof *f);
			if (!f)
				return ts_diag_set(d, TS_ENOMEM, r->lineno, 0, "out of memory");
			r->fields = f;
			r->nfields_cap = ncap;
		}
		r->fields[n].ptr = p;
		r->fields[n].len = (size_t)(e - p);
		n++;
		if (!tab)
			break;
		p = tab + 1;
	}
	if (r->rec_off == 0)
		drop_bom(&r->fields[0]);
	*fields = r->fields;
	*nfields = n;
	return 1;
}

void ts_tsv_reader_set_csv(ts_tsv_reader *r, int on)
{
	r->csv = on;
}

/* Next input byte, or -1 at the end (or on a read error, see r->fp). */
static int next_byte(ts_tsv_reader *r, ts_diag *d, int *rc)
{
	if (r->pos == r->end) {
		if (r->eof)
			return -1;
		if ((*rc = fill(r, d)) < 0)
			return -1;
		if (r->pos == r->end)
			return -1;
	}
	r->consumed++;
	return (unsigned char)r->buf[r->pos++];
}

static int add_field(ts_tsv_reader *r, size_t *n, ts_diag *d)
{
	if (*n == r->nfields_cap) {
		size_t ncap = r->nfields_cap ? 2 * r->nfields_cap : 16;
		ts_field *f = realloc(r->fields, ncap * sizeof *f);
		size_t *st = realloc(r->starts, ncap * sizeof *st);

		if (f)
			r->fields = f;
		if (st)
			r->starts = st;
		if (!f || !st)
			return ts_diag_set(d, TS_ENOMEM, r->lineno, 0, "out of memory");
		r->nfields_cap = ncap;
	}
	r->starts[(*n)++] = r->rec.len;
	return 0;
}

/* One RFC 4180 record: fields separated by commas, optionally quoted with
 * "" for a quote; a quoted field may hold commas and line breaks. CRLF or
 * LF ends a record. Each field is stored TSV-escaped. */
static int read_csv(ts_tsv_reader *r, ts_field **fields, size_t *nfields, ts_diag *d)
{
	size_t n = 0, i, start_line = r->lineno + 1, lines = 1;
	int c, rc = 0, quoted = 0, after_quote = 0, any = 0;

	if (!r->starts && !(r->starts = malloc(r->nfields_cap * sizeof *r->starts)))
		return ts_diag_set(d, TS_ENOMEM, start_line, 0, "out of memory");
	ts_buf_reset(&r->rec);
	r->rec_off = r->consumed;
	if (add_field(r, &n, d))
		return TS_ENOMEM;
	for (;;) {
		c = next_byte(r, d, &rc);
		if (rc < 0)
			return rc;
		if (c < 0) {
			if (quoted)
				return ts_diag_set(d, TS_EFORMAT, start_line, r->rec.len,
				                   "quoted field not closed before the end of input");
			if (!any)
				return 0;
			break;
		}
		any = 1;
		if (r->rec.len > r->max_line)
			return ts_diag_set(d, TS_ETOOLONG, start_line, 0,
			                   "record is longer than %zu bytes (raise it with --max-line)",
			                   r->max_line);
		if (quoted) {
			if (c == '"') {
				quoted = 0;
				after_quote = 1;
				continue;
			}
			if (c == '\n')
				lines++;
		} else if (after_quote) {
			after_quote = 0;
			if (c == '"')
				quoted = 1;         /* "" is a quote inside quotes */
			else if (c == ',') {
				if (add_field(r, &n, d))
					return TS_ENOMEM;
				continue;
			} else if (c == '\n')
				break;
			else if (c == '\r') {
				after_quote = 1;
				continue;
			} else
				return ts_diag_set(d, TS_EFORMAT, start_line, r->rec.len,
				                   "text after the closing quote of a field");
		} else if (c == '"' && r->rec.len == r->starts[n - 1]) {
			quoted = 1;                 /* opening quote */
			continue;
		} else if (c == ',') {
			if (add_field(r, &n, d))
				return TS_ENOMEM;
			continue;
		} else if (c == '\n')
			break;
		else if (c == '\r')
			continue;                   /* CR of CRLF */
		/* a quote inside an unquoted field is kept as it is (a repair) */
		{
			char ch = (char)c;

			if (ts_tsv_escape(&r->rec, &ch, 1))
				return TS_ENOMEM;
		}
	}
	r->lineno += lines;
	for (i = 0; i < n; i++) {
		r->fields[i].ptr = r->rec.data ? r->rec.data + r->starts[i] : "";
		r->fields[i].len = (i + 1 < n ? r->starts[i + 1] : r->rec.len) - r->starts[i];
	}
	*fields = r->fields;
	*nfields = n;
	return 1;
}

int ts_tsv_unescape(ts_buf *out, const char *src, size_t len, ts_diag *d)
{
	const char *p = src, *end = src + len, *bs;

	if (ts_buf_grow(out, len))
		return TS_ENOMEM;
	while (p < end) {
		bs = memchr(p, '\\', (size_t)(end - p));
		if (!bs) {
			ts_buf_add(out, p, (size_t)(end - p));
			break;
		}
		ts_buf_add(out, p, (size_t)(bs - p));
		if (bs + 1 >= end)
			return ts_diag_set(d, TS_EFORMAT, 0, (size_t)(bs - src),
			                   "backslash at end of field");
		switch (bs[1]) {
		case 't': ts_buf_addc(out, '\t'); break;
		case 'n': ts_buf_addc(out, '\n'); break;
		case 'r': ts_buf_addc(out, '\r'); break;
		case '\\': ts_buf_addc(out, '\\'); break;
		default:
			return ts_diag_set(d, TS_EFORMAT, 0, (size_t)(bs - src),
			                   "bad escape '\\%c' (expected \\t \\n \\r or \\\\)",
			                   (bs[1] >= 0x20 && bs[1] < 0x7f) ? bs[1] : '?');
		}
		p = bs + 2;
	}
	return 0;
}

/* Does any byte of the 8 in w equal b? (the classic zero-byte test) */
#define ONES ((uint64_t)0x0101010101010101ULL)
#define HIGHS ((uint64_t)0x8080808080808080ULL)
static int has_byte(uint64_t w, unsigned char b)
{
	uint64_t x = w ^ (ONES * b);

	return ((x - ONES) & ~x & HIGHS) != 0;
}

int ts_tsv_escape(ts_buf *out, const char *src, size_t len)
{
	size_t i = 0, start = 0;

	if (ts_buf_grow(out, len))
		return TS_ENOMEM;
	/* eight bytes at a time while none needs escaping */
	while (i + 8 <= len) {
		uint64_t w;

		memcpy(&w, src + i, 8);
		if (has_byte(w, '\t') || has_byte(w, '\n') || has_byte(w, '\r') ||
		    has_byte(w, '\\'))
			break;
		i += 8;
	}
	for (; i < len; i++) {
		char c = src[i], e;

		if ((unsigned char)c > '\\' || (c > '\r' && c != '\\'))
			continue;   /* the common case: nothing to escape */

		switch (c) {
		case '\t': e = 't'; break;
		case '\n': e = 'n'; break;
		case '\r': e = 'r'; break;
		case '\\': e = '\\'; break;
		default: continue;
		}
		if (ts_buf_add(out, src + start, i - start) || ts_buf_addc(out, '\\') ||
		    ts_buf_addc(out, e))
			return TS_ENOMEM;
		start = i + 1;
	}
	return ts_buf_add(out, src + start, len - start);
}

long ts_tsv_find(const ts_field *hdr, size_t n, const char *name)
{
	size_t i, len = strlen(name);

	for (i = 0; i < n; i++)
		if (hdr[i].len == len && memcmp(hdr[i].ptr, name, len) == 0)
			return (long)i;
	return -1;
}
