/* fuzz_norm.c - fuzz ts_norm_run on raw bytes with every unit and option
 * (first byte selects them), and check what norm.h promises: valid UTF-8
 * out, no control characters, trimmed units, offsets inside the input,
 * at least one unit with keep_empty, an error only with strict. */
#include "fuzz.h"

#include <string.h>
#include <tonesift/tonesift.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ts_norm_opts o;
	ts_norm *n = NULL;
	const ts_norm_unit *u;
	size_t nu, i, k;
	ts_diag d;
	int rc;

	if (size < 1 || size > TS_FUZZ_MAX_INPUT)
		return 0;
	memset(&o, 0, sizeof o);
	o.unit = (ts_unit_kind)(data[0] & 3);
	o.nfkc = (data[0] >> 2) & 1;
	o.html = (data[0] >> 3) & 1;
	o.markdown = (data[0] >> 4) & 1;
	o.strict = (data[0] >> 5) & 1;
	o.keep_empty = (data[0] >> 6) & 1;
	data++;
	size--;
	if (ts_norm_new(&n, &o) != 0)
		return 0;
	/* twice on the same handle: buffers are reused between calls */
	for (k = 0; k < 2; k++) {
		rc = ts_norm_run(n, (const char *)data, size, &u, &nu, &d);
		if (rc != 0) {
			FUZZ_ASSERT(o.strict && rc == TS_EUTF8, "only strict mode fails");
			FUZZ_ASSERT(d.offset < size, "error offset inside the input");
			FUZZ_ASSERT(!fuzz_valid_utf8((const char *)data, size),
			            "strict fails only on invalid UTF-8");
			break;
		}
		if (o.keep_empty)
			FUZZ_ASSERT(nu >= 1, "keep_empty gives a unit");
		for (i = 0; i < nu; i++) {
			const unsigned char *t = (const unsigned char *)u[i].text;
			size_t j;

			FUZZ_ASSERT(fuzz_valid_utf8(u[i].text, u[i].len), "unit is valid UTF-8");
			FUZZ_ASSERT(u[i].offset <= size, "unit offset inside the input");
			FUZZ_ASSERT(u[i].lang != NULL, "lang set");
			FUZZ_ASSERT(i == 0 || u[i].para >= u[i - 1].para, "paragraphs ascend");
			if (u[i].len) {
				FUZZ_ASSERT(t[0] != ' ' && t[u[i].len - 1] != ' ', "unit trimmed");
			}
			for (j = 0; j < u[i].len; j++) {
				FUZZ_ASSERT(t[j] >= 0x20 || (t[j] == '\n' && o.unit == TS_UNIT_DOC),
				            "no control characters");
				FUZZ_ASSERT(t[j] != 0x7F, "no DEL");
			}
		}
		(void)ts_norm_repaired(n);
	}
	ts_norm_free(n);
	return 0;
}
