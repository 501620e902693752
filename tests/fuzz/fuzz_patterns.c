/* fuzz_patterns.c - fuzz the claims pattern loader ts_claims_add_patterns
 * (quotation pairs, word lists, number words, re.* regexes): a fresh
 * handle per input, then extract a few fixed sentences and the file's own
 * lines. A failure must carry a message; PCRE2 limits must stop runaway
 * patterns (the row is still emitted). A second handle loads the same
 * file with every slow path (ts_claims_slow_paths), among them the search
 * of every pattern over the whole text, and must give the same rows: the
 * fuzzer writes the pattern shapes that lead_gate() must take or refuse
 * (a pattern it wrongly takes would miss matches that start elsewhere). */
#include "fuzz.h"

#include <string.h>
#include <tonesift/tonesift.h>

#include "claims_int.h"

/* Did PCRE2 stop at a limit on this text (the tag "limit")? */
static int hit_limit(const ts_claim *r, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k + 5 <= r[i].tags.len; k++)
			if (!memcmp(r[i].tags.ptr + k, "limit", 5))
				return 1;
	return 0;
}

/* The rows of c and of slow for the same text: the same? (Run in this
 * order, compared before either handle is called again.) Not where a
 * limit stopped PCRE2: tried only where a gate literal occurs, a pattern
 * has the match limit per place, in the full search per search. */
static void same_rows(ts_claims *c, ts_claims *slow, const char *t, size_t n)
{
	const ts_claim *a, *b;
	size_t na = 0, nb = 0, i;
	ts_diag d;
	int ra = ts_claims_extract(c, t, n, &a, &na, &d);
	int rb = ts_claims_extract(slow, t, n, &b, &nb, &d);

	FUZZ_ASSERT(ra != 0 || na >= 1, "a row per unit");
	if ((ra == 0 && hit_limit(a, na)) || (rb == 0 && hit_limit(b, nb)))
		return;
	FUZZ_ASSERT(ra == rb, "slow paths: same status");
	FUZZ_ASSERT(ra != 0 || na == nb, "slow paths: same row count");
	for (i = 0; ra == 0 && i < na; i++)
		FUZZ_ASSERT(fuzz_same_claim(&a[i], &b[i]), "slow paths: same rows");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const texts[] = {
		"据《科技日报》报道，某公司的聊天机器人上线三个月，用户已超过2000万。",
		"网友的评价是：“这是我用过最差的聊天机器人。”",
		"\"It is the worst chatbot I have used,\" said John Smith, reportedly.",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
	};
	ts_claims *c = NULL, *slow = NULL;
	size_t i, pos;
	ts_diag d;
	int rc, src;

	if (size > TS_FUZZ_MAX_INPUT)
		return 0;
	if (ts_claims_new(&c, &d) != 0 || ts_claims_new(&slow, &d) != 0 ||
	    ts_claims_slow_paths(slow, TS_CLAIMS_FLAT_LISTS |
	                         TS_CLAIMS_BYTE_PRESCAN | TS_CLAIMS_CHAR_FEATURES |
	                         TS_CLAIMS_REGEX_TAGS | TS_CLAIMS_FULL_SCAN,
	                         &d) != 0) {
		fprintf(stderr, "fuzz_patterns: %s\n", d.msg);
		abort();
	}
	memset(&d, 0, sizeof d);
	rc = ts_claims_add_patterns(c, (const char *)data, size, "fuzz.tsv", &d);
	if (rc != 0) {
		FUZZ_ASSERT(rc < 0, "negative error code");
		FUZZ_ASSERT(d.msg[0] != '\0', "error has a message");
	}
	src = ts_claims_add_patterns(slow, (const char *)data, size, "fuzz.tsv", &d);
	FUZZ_ASSERT((rc == 0) == (src == 0), "slow paths: the file loads the same");
	if (rc == 0 && src == 0) {
		for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
			same_rows(c, slow, texts[i], strlen(texts[i]));
		for (pos = 0; pos < size && pos < 4096;) {
			const char *l = (const char *)data + pos;
			const char *nl = memchr(l, '\n', size - pos);
			size_t ll = nl ? (size_t)(nl - l) : size - pos;

			same_rows(c, slow, l, ll);
			pos += ll + 1;
		}
	}
	ts_claims_free(c);
	ts_claims_free(slow);
	return 0;
}
