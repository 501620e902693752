/* fuzz_tsv.c - fuzz the linear TSV record reader (ts_tsv_read) with a
 * small and the default line cap, and check that unescape(escape(x)) == x
 * for every field that unescapes. */
#include "fuzz.h"

#include <string.h>
#include <tonesift/tonesift.h>

static void check_roundtrip(ts_buf *plain, ts_buf *esc, ts_buf *back)
{
	ts_diag d;

	ts_buf_reset(esc);
	ts_buf_reset(back);
	FUZZ_ASSERT(ts_tsv_escape(esc, plain->data ? plain->data : "", plain->len) == 0,
	            "escape");
	FUZZ_ASSERT(memchr(esc->data ? esc->data : "", '\t', esc->len) == NULL,
	            "escaped field has no TAB");
	FUZZ_ASSERT(memchr(esc->data ? esc->data : "", '\n', esc->len) == NULL,
	            "escaped field has no LF");
	FUZZ_ASSERT(ts_tsv_unescape(back, esc->data ? esc->data : "", esc->len, &d) == 0,
	            "escaped field unescapes");
	FUZZ_ASSERT(back->len == plain->len &&
	            (plain->len == 0 || memcmp(back->data, plain->data, plain->len) == 0),
	            "unescape(escape(x)) == x");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ts_buf plain = {0}, esc = {0}, back = {0};
	ts_tsv_reader *r = NULL;
	ts_field *f;
	size_t nf, i, max_line, rows = 0, lastline = 0;
	ts_diag d;
	FILE *fp;
	int rc;

	if (size < 1 || size > TS_FUZZ_MAX_INPUT)
		return 0;
	/* first byte: 0 = default cap, else a tiny cap to hit the limit */
	max_line = data[0] ? (size_t)data[0] * 4 : 0;
	data++;
	size--;
	fp = size ? fmemopen((void *)(uintptr_t)data, size, "rb") : fopen("/dev/null", "rb");
	if (!fp)
		return 0;
	if (ts_tsv_reader_new(&r, fp, "fuzz", max_line) != 0) {
		fclose(fp);
		return 0;
	}
	while ((rc = ts_tsv_read(r, &f, &nf, &d)) == 1) {
		rows++;
		FUZZ_ASSERT(nf >= 1, "a record has at least one field");
		FUZZ_ASSERT(ts_tsv_lineno(r) == lastline + 1, "line numbers count up by one");
		FUZZ_ASSERT(ts_tsv_offset(r) <= size, "record offset inside the input");
		lastline = ts_tsv_lineno(r);
		for (i = 0; i < nf; i++) {
			FUZZ_ASSERT(f[i].len <= size, "field length");
			FUZZ_ASSERT(memchr(f[i].ptr, '\t', f[i].len) == NULL, "no TAB inside a field");
			FUZZ_ASSERT(memchr(f[i].ptr, '\n', f[i].len) == NULL, "no LF inside a field");
			ts_buf_reset(&plain);
			if (ts_tsv_unescape(&plain, f[i].ptr, f[i].len, &d) == 0)
				check_roundtrip(&plain, &esc, &back);
			else
				FUZZ_ASSERT(d.code == TS_EFORMAT && d.offset < f[i].len,
				            "bad escape names its offset");
		}
		if (nf > 0)
			(void)ts_tsv_find(f, nf, "text");
	}
	if (rc < 0)
		FUZZ_ASSERT(rc == TS_ETOOLONG || rc == TS_EIO || rc == TS_ENOMEM,
		            "reader error code");
	else
		FUZZ_ASSERT(rows <= size + 1, "no more records than lines");
	/* the raw input as one field: escaping round-trips too */
	ts_buf_reset(&plain);
	ts_buf_add(&plain, data, size);
	check_roundtrip(&plain, &esc, &back);
	ts_tsv_reader_free(r);
	fclose(fp);
	ts_buf_free(&plain);
	ts_buf_free(&esc);
	ts_buf_free(&back);
	return 0;
}
