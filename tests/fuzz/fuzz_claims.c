/* fuzz_claims.c - fuzz ts_claims_extract with the embedded patterns: the
 * input is split at LF into the units of one document (state carries over
 * between them, as in the stage), a NUL-free tail keeps odd bytes. Every
 * unit must give >= 1 row with a known kind and fields inside the handle.
 * A second handle trusts its text to be UTF-8 (ts_claims_trust_utf8, as
 * `run` does): on any bytes it must stay memory-safe (each unit is copied
 * to a buffer of exactly its size), and on an input that is valid UTF-8 it
 * must give the same rows as the checking handle. A third handle takes
 * every slow path (ts_claims_slow_paths: flat word lists, the byte-by-byte
 * pre-scan, the feature pass a character at a time, PCRE2 for the tags,
 * every pattern searched over the whole text) and must give the checking
 * handle's rows on any input. */
#include "fuzz.h"

#include <string.h>
#include <tonesift/tonesift.h>

#include "claims_int.h"

static ts_claims *claims, *trusted, *slow;

static int known_kind(const char *k)
{
	static const char *const kinds[] = {"quote", "report", "hedge", "number", "none"};
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (k && strcmp(k, kinds[i]) == 0)
			return 1;
	return 0;
}

static void check_rows(const ts_claim *rows, size_t nrows)
{
	size_t i;

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t pos = 0;
	int valid;
	ts_diag d;

	if (size > TS_FUZZ_MAX_INPUT)
		return 0;
	if (!claims && (ts_claims_new(&claims, &d) != 0 ||
	                ts_claims_new(&trusted, &d) != 0 ||
	                ts_claims_new(&slow, &d) != 0 ||
	                ts_claims_slow_paths(slow, TS_CLAIMS_FLAT_LISTS |
	                                     TS_CLAIMS_BYTE_PRESCAN |
	                                     TS_CLAIMS_CHAR_FEATURES |
	                                     TS_CLAIMS_REGEX_TAGS |
	                                     TS_CLAIMS_FULL_SCAN, &d) != 0)) {
		fprintf(stderr, "fuzz_claims: %s\n", d.msg);
		abort();
	}
	ts_claims_trust_utf8(trusted, 1);
	ts_claims_reset(claims);
	ts_claims_reset(trusted);
	ts_claims_reset(slow);
	valid = fuzz_valid_utf8(s, size);
	do {
		const char *nl = memchr(s + pos, '\n', size - pos);
		size_t len = nl ? (size_t)(nl - (s + pos)) : size - pos, nrows = 0;
		size_t trows = 0, snrows = 0, i;
		const ts_claim *rows = NULL, *tr = NULL, *srows = NULL;
		char *unit = malloc(len ? len : 1);
		int rc, trc, src;

		FUZZ_ASSERT(unit != NULL, "malloc");
		memcpy(unit, s + pos, len);
		rc = ts_claims_extract(slow, unit, len, &rows, &nrows, &d);
		if (rc == 0)
			check_rows(rows, nrows);
		srows = rows;
		snrows = nrows;
		src = rc;
		rc = ts_claims_extract(claims, unit, len, &rows, &nrows, &d);
		if (rc == 0)
			check_rows(rows, nrows);
		FUZZ_ASSERT(rc == src, "slow paths: same status");
		FUZZ_ASSERT(rc != 0 || nrows == snrows, "slow paths: same row count");
		for (i = 0; rc == 0 && i < nrows; i++)
			FUZZ_ASSERT(fuzz_same_claim(&rows[i], &srows[i]), "slow paths: same rows");
		/* the checking handle's rows live in it: compare before the
		 * next call to either handle */
		trc = ts_claims_extract(trusted, unit, len, &tr, &trows, &d);
		if (trc == 0)
			check_rows(tr, trows);
		if (valid) {
			FUZZ_ASSERT(rc == trc, "trusted: same status on valid UTF-8");
			FUZZ_ASSERT(rc != 0 || nrows == trows, "trusted: same row count");
			for (i = 0; rc == 0 && i < nrows; i++)
				FUZZ_ASSERT(fuzz_same_claim(&rows[i], &tr[i]),
				            "trusted: same rows on valid UTF-8");
		}
		free(unit);
		pos += len + 1;
	} while (pos < size);
	return 0;
}
