/* test_tsv.c - the record layer: escaping, field splitting, line endings. */
#include <stdlib.h>
#include <tonesift/tonesift.h>
#include "check.h"

static FILE *mem(const char *s)
{
	FILE *f = tmpfile();
	fputs(s, f);
	rewind(f);
	return f;
}

static void test_escape_roundtrip(void)
{
	ts_buf e = {0}, u = {0};
	const char raw[] = "a\tb\nc\rd\\e";
	ts_diag d;

	CHECK(ts_tsv_escape(&e, raw, sizeof raw - 1) == 0, "escape");
	CHECK_STR(e.data, e.len, "a\\tb\\nc\\rd\\\\e");
	CHECK(ts_tsv_unescape(&u, e.data, e.len, &d) == 0, "unescape");
	CHECK(u.len == sizeof raw - 1 && memcmp(u.data, raw, u.len) == 0, "roundtrip");
	ts_buf_reset(&u);
	CHECK(ts_tsv_unescape(&u, "ab\\x", 4, &d) == TS_EFORMAT, "bad escape");
	CHECK(d.offset == 2, "bad escape offset %zu", d.offset);
	CHECK(ts_tsv_unescape(&u, "ab\\", 3, &d) == TS_EFORMAT, "trailing backslash");
	ts_buf_free(&e);
	ts_buf_free(&u);
}

static void test_read(void)
{
	FILE *f = mem("a\tb\tc\r\n1\t\t3\n\nlast\tx");
	ts_tsv_reader *r;
	ts_field *fl;
	size_t n;
	ts_diag d;

	CHECK(ts_tsv_reader_new(&r, f, "mem", 0) == 0, "new");
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 1 && n == 3, "header n=%zu", n);
	CHECK_STR(fl[2].ptr, fl[2].len, "c");      /* CR dropped */
	CHECK(ts_tsv_find(fl, n, "b") == 1, "find b");
	CHECK(ts_tsv_find(fl, n, "z") == -1, "find z");
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 1 && n == 3, "row1");
	CHECK(fl[1].len == 0, "empty middle field");
	CHECK(ts_tsv_offset(r) == 7, "offset %llu", ts_tsv_offset(r));
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 1 && n == 1 && fl[0].len == 0, "blank line");
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 1 && n == 2, "no final newline");
	CHECK_STR(fl[1].ptr, fl[1].len, "x");
	CHECK(ts_tsv_lineno(r) == 4, "lineno %zu", ts_tsv_lineno(r));
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 0, "eof");
	ts_tsv_reader_free(r);
	fclose(f);
}

static void test_long_line(void)
{
	size_t big = 300000, i;
	char *s = malloc(big + 2);
	FILE *f;
	ts_tsv_reader *r;
	ts_field *fl;
	size_t n;
	ts_diag d;

	for (i = 0; i < big; i++)
		s[i] = (char)('a' + i % 26);
	s[big] = '\n';
	s[big + 1] = 0;
	f = mem(s);
	CHECK(ts_tsv_reader_new(&r, f, "mem", 0) == 0, "new");
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 1 && fl[0].len == big, "long line");
	ts_tsv_reader_free(r);
	rewind(f);
	CHECK(ts_tsv_reader_new(&r, f, "mem", 1000) == 0, "new capped");
	CHECK(ts_tsv_read(r, &fl, &n, &d) == TS_ETOOLONG, "cap enforced");
	ts_tsv_reader_free(r);
	fclose(f);
	free(s);
}

static void test_csv(void)
{
	FILE *f = mem("id,text\r\n1,\"He said \"\"hi\"\", then left\"\r\n2,\"two\nlines\ttab\"\n3,plain \"quote\" kept\n4,\n5,\"bad\"x\n");
	ts_tsv_reader *r;
	ts_field *fl;
	size_t n;
	ts_diag d;

	CHECK(ts_tsv_reader_new(&r, f, "mem", 0) == 0, "new");
	ts_tsv_reader_set_csv(r, 1);
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 1 && n == 2, "csv header");
	CHECK_STR(fl[1].ptr, fl[1].len, "text");
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 1 && n == 2, "quoted with comma");
	CHECK_STR(fl[1].ptr, fl[1].len, "He said \"hi\", then left");
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 1 && n == 2, "multi-line field");
	CHECK_STR(fl[1].ptr, fl[1].len, "two\\nlines\\ttab");   /* TSV-escaped */
	CHECK(ts_tsv_lineno(r) == 4, "line number after a 2-line record: %zu", ts_tsv_lineno(r));
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 1, "stray quote kept");
	CHECK_STR(fl[1].ptr, fl[1].len, "plain \"quote\" kept");
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 1 && n == 2 && fl[1].len == 0, "empty last field");
	CHECK(ts_tsv_read(r, &fl, &n, &d) == TS_EFORMAT, "text after closing quote");
	ts_tsv_reader_free(r);
	fclose(f);
	f = mem("a,\"never closed\n");
	ts_tsv_reader_new(&r, f, "mem", 0);
	ts_tsv_reader_set_csv(r, 1);
	CHECK(ts_tsv_read(r, &fl, &n, &d) == TS_EFORMAT, "unclosed quote");
	ts_tsv_reader_free(r);
	fclose(f);
}

static void test_bom(void)
{
	FILE *f = mem("\xEF\xBB\xBFid\ttext\n1\tx\n");
	ts_tsv_reader *r;
	ts_field *fl;
	size_t n;
	ts_diag d;

	ts_tsv_reader_new(&r, f, "mem", 0);
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 1 && n == 2, "header");
	CHECK_STR(fl[0].ptr, fl[0].len, "id");
	ts_tsv_reader_free(r);
	fclose(f);
	f = mem("\xEF\xBB\xBFid,text\r\n1,x\r\n");
	ts_tsv_reader_new(&r, f, "mem", 0);
	ts_tsv_reader_set_csv(r, 1);
	CHECK(ts_tsv_read(r, &fl, &n, &d) == 1 && n == 2, "csv header");
	CHECK_STR(fl[0].ptr, fl[0].len, "id");
	ts_tsv_reader_free(r);
	fclose(f);
}

/* The tab search looks at eight bytes at a time for the first 32 bytes
 * of a field: tabs at every position of lines up to 80 bytes, next to
 * bytes 0x01, 0x08, 0x0A-like neighbours (0x89, 0xC9: a tab's bit pattern
 * with high or other bits set), split as a byte-by-byte search does. */
static void test_split_positions(void)
{
	static const char fill[] = {'x', '\x01', '\x08', '\x89', '\xC9', '\x19', '\x0B'};
	char line[96];
	size_t len, t1, t2, k;
	long bad = 0;

	for (len = 1; len <= 80; len++)
		for (t1 = 0; t1 < len; t1++)
			for (t2 = t1; t2 < len; t2 += 7)
				for (k = 0; k < sizeof fill; k++) {
					ts_tsv_reader *r;
					ts_field *fl;
					size_t n, i, want = 1, start = 0, fi = 0;
					ts_diag d;
					FILE *f = tmpfile();
					int ok;

					for (i = 0; i < len; i++)
						line[i] = fill[(i * 3 + k) % sizeof fill];
					line[t1] = '\t';
					line[t2] = '\t';
					fwrite(line, 1, len, f);
					fputc('\n', f);
					rewind(f);
					for (i = 0; i < len; i++)
						want += line[i] == '\t';
					ok = ts_tsv_reader_new(&r, f, "mem", 0) == 0 &&
					     ts_tsv_read(r, &fl, &n, &d) == 1 && n == want;
					for (i = 0; ok && i <= len; i++)
						if (i == len || line[i] == '\t') {
							ok = fl[fi].ptr - fl[0].ptr == (long)start &&
							     fl[fi].len == i - start;
							fi++;
							start = i + 1;
						}
					bad += !ok;
					ts_tsv_reader_free(r);
					fclose(f);
				}
	CHECK(bad == 0, "%ld lines split wrongly", bad);
}

int main(void)
{
	test_bom();
	test_split_positions();
	test_csv();
	test_escape_roundtrip();
	test_read();
	test_long_line();
	CHECK(strcmp(ts_strerror(TS_ENOMEM), "out of memory") == 0, "strerror");
	CHECK(ts_strerror(12345) != NULL, "strerror unknown");
	return CHECK_DONE();
}
