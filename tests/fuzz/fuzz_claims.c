/* fuzz_claims.c - fuzz ts_claims_extract with the embedded patterns: the
 * input is split at LF into the units of one document (state carries over
 * between them, as in the stage), a NUL-free tail keeps odd bytes. Every
 * unit must give >= 1 row with a known kind and fields inside the handle. */
#include "fuzz.h"

#include <string.h>
#include <tonesift/tonesift.h>

static ts_claims *claims;

static int known_kind(const char *k)
{
	static const char *const kinds[] = {"quote", "report", "hedge", "number", "none"};
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (k && strcmp(k, kinds[i]) == 0)
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t pos = 0;
	ts_diag d;

	if (size > TS_FUZZ_MAX_INPUT)
		return 0;
	if (!claims && ts_claims_new(&claims, &d) != 0) {
		fprintf(stderr, "fuzz_claims: %s\n", d.msg);
		abort();
	}
	ts_claims_reset(claims);
	do {
		const char *nl = memchr(s + pos, '\n', size - pos);
		size_t len = nl ? (size_t)(nl - (s + pos)) : size - pos, nrows = 0, i;
		const ts_claim *rows = NULL;
		int rc = ts_claims_extract(claims, s + pos, len, &rows, &nrows, &d);

		if (rc == 0) {
			FUZZ_ASSERT(nrows >= 1 && rows, "at least one row per unit");
			for (i = 0; i < nrows; i++) {
				FUZZ_ASSERT(known_kind(rows[i].kind), "known kind");
				FUZZ_ASSERT(rows[i].checkworthy >= 0 && rows[i].checkworthy <= 1,
				            "checkworthy in [0,1]");
				FUZZ_ASSERT(!rows[i].tags.len || rows[i].tags.ptr, "tags");
				FUZZ_ASSERT(!rows[i].speaker.len || rows[i].speaker.ptr, "speaker");
				FUZZ_ASSERT(!rows[i].quote.len || rows[i].quote.ptr, "quote");
				FUZZ_ASSERT(!rows[i].quantity.len || rows[i].quantity.ptr, "quantity");
				/* touch every byte so ASan checks the slices */
				{
					volatile unsigned sum = 0;
					size_t k;
					for (k = 0; k < rows[i].tags.len; k++) sum += (unsigned char)rows[i].tags.ptr[k];
					for (k = 0; k < rows[i].speaker.len; k++) sum += (unsigned char)rows[i].speaker.ptr[k];
					for (k = 0; k < rows[i].cue.len; k++) sum += (unsigned char)rows[i].cue.ptr[k];
					for (k = 0; k < rows[i].quote.len; k++) sum += (unsigned char)rows[i].quote.ptr[k];
					for (k = 0; k < rows[i].quantity.len; k++) sum += (unsigned char)rows[i].quantity.ptr[k];
					(void)sum;
				}
			}
		}
		pos += len + 1;
	} while (pos < size);
	return 0;
}
