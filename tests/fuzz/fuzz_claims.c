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
 * handle's rows on any input. A fourth runs the units in stretches (cut
 * after each unit whose first byte is odd) under guesses of the document
 * state (ts_claims_guess), settled as claims.h says, and must give the
 * checking handle's rows too. */
#include "fuzz.h"

#include <string.h>
#include <tonesift/tonesift.h>

#include "claims_int.h"

static ts_claims *claims, *trusted, *slow, *guess;
static ts_claims_state *at, *g;
static ts_buf want, got;     /* the rows of each unit, one string */
static size_t *wofs;         /* unit i's rows: want[wofs[i] .. wofs[i+1]) */
static size_t wcap;

/* A unit's rows appended to b as one string; with h and st, a row that h
 * deferred gets the speaker st gives, if any (claims.h). */
static void rows_add(ts_buf *b, const ts_claim *rows, size_t n,
                     const ts_claims *h, const ts_claims_state *st)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const ts_field *f[] = {&rows[i].tags, &rows[i].speaker, &rows[i].cue,
		                       &rows[i].quote, &rows[i].quantity};
		ts_field sp = st ? ts_claims_state_speaker(st) : rows[i].speaker;
		size_t k;

		FUZZ_ASSERT(!h || !ts_claims_deferred(h, i) || st, "deferred: only guessing");
		if (h && ts_claims_deferred(h, i) && sp.len)
			f[1] = &sp;

		FUZZ_ASSERT(ts_buf_adds(b, rows[i].kind) == 0, "oom");
		for (k = 0; k < 5; k++)
			FUZZ_ASSERT(ts_buf_addc(b, 0) == 0 &&
			            ts_buf_add(b, f[k]->len ? f[k]->ptr : "", f[k]->len) == 0,
			            "oom");
		FUZZ_ASSERT(ts_buf_addf(b, "%c%.17g\n", 0, rows[i].checkworthy) == 0, "oom");
	}
}

/* The units again, in stretches on the guessing handle: the same rows as
 * the checking handle's (want). */
static void stretches(const char *s, size_t size, size_t nunits)
{
	size_t pos = 0, u = 0, spos, su, pass;
	ts_diag d;

	ts_claims_state_free(at);
	at = NULL;
	FUZZ_ASSERT(ts_claims_state_new(&at) == 0, "state_new");
	while (u < nunits) {
		size_t end = u, epos = pos;
		int same = 1, held;

		/* the stretch: units u .. end */
		for (;;) {
			const char *nl = memchr(s + epos, '\n', size - epos);
			size_t len = nl ? (size_t)(nl - (s + epos)) : size - epos;
			int odd = len && ((unsigned char)s[epos] & 1);

			epos += len + 1;
			if (++end == nunits || odd)
				break;
		}
		for (pass = 0; pass < 2; pass++) {
			if (pass == 0)
				ts_claims_guess(guess);
			else
				FUZZ_ASSERT(ts_claims_state_set(guess, at) == 0, "state_set");
			same = 1;
			for (su = u, spos = pos; su < end; su++) {
				const char *nl = memchr(s + spos, '\n', size - spos);
				size_t len = nl ? (size_t)(nl - (s + spos)) : size - spos, n;
				const ts_claim *rows;

				ts_buf_reset(&got);
				if (ts_claims_extract(guess, s + spos, len, &rows, &n, &d) == 0)
					rows_add(&got, rows, n, guess, pass == 0 ? at : NULL);
				same &= got.len == wofs[su + 1] - wofs[su] &&
				        (!got.len || memcmp(got.data, want.data + wofs[su], got.len) == 0);
				spos += len + 1;
			}
			FUZZ_ASSERT(ts_claims_state_get(guess, g) == 0, "state_get");
			held = ts_claims_state_holds(g, at);
			if (pass == 0 && held)
				break;
			/* run from the state, the rows see that the guess failed */
			FUZZ_ASSERT(pass == 0 || !held, "a failed guess seen again");
		}
		FUZZ_ASSERT(same, "stretches: the rows of one handle");
		FUZZ_ASSERT(ts_claims_state_advance(at, g) == 0, "advance");
		u = end;
		pos = epos;
	}
}

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
	size_t pos = 0, nunits;
	int valid;
	ts_diag d;

	if (size > TS_FUZZ_MAX_INPUT)
		return 0;
	if (!claims && (ts_claims_new(&claims, &d) != 0 ||
	                ts_claims_new(&guess, &d) != 0 ||
	                ts_claims_state_new(&g) != 0 ||
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
	ts_buf_reset(&want);
	nunits = 0;
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
		if (nunits + 2 > wcap) {
			wcap = 2 * (nunits + 2);
			wofs = realloc(wofs, wcap * sizeof *wofs);
			FUZZ_ASSERT(wofs != NULL, "oom");
		}
		wofs[nunits] = want.len;
		if (rc == 0)
			rows_add(&want, rows, nrows, claims, NULL);
		wofs[++nunits] = want.len;
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
	stretches(s, size, nunits);
	return 0;
}
