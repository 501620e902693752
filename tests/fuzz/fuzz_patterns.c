/* fuzz_patterns.c - fuzz the claims pattern loader ts_claims_add_patterns
 * (quotation pairs, word lists, number words, re.* regexes): a fresh
 * handle per input, then extract a few fixed sentences and the file's own
 * lines. A failure must carry a message; PCRE2 limits must stop runaway
 * patterns (the row is still emitted). */
#include "fuzz.h"

#include <string.h>
#include <tonesift/tonesift.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const texts[] = {
		"据《科技日报》报道，某公司的聊天机器人上线三个月，用户已超过2000万。",
		"网友的评价是：“这是我用过最差的聊天机器人。”",
		"\"It is the worst chatbot I have used,\" said John Smith, reportedly.",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
	};
	ts_claims *c = NULL;
	const ts_claim *rows;
	size_t nrows, i, pos;
	ts_diag d;
	int rc;

	if (size > TS_FUZZ_MAX_INPUT)
		return 0;
	if (ts_claims_new(&c, &d) != 0) {
		fprintf(stderr, "fuzz_patterns: %s\n", d.msg);
		abort();
	}
	memset(&d, 0, sizeof d);
	rc = ts_claims_add_patterns(c, (const char *)data, size, "fuzz.tsv", &d);
	if (rc != 0) {
		FUZZ_ASSERT(rc < 0, "negative error code");
		FUZZ_ASSERT(d.msg[0] != '\0', "error has a message");
	} else {
		for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
			rc = ts_claims_extract(c, texts[i], strlen(texts[i]), &rows, &nrows, &d);
			FUZZ_ASSERT(rc != 0 || nrows >= 1, "a row per unit");
		}
		for (pos = 0; pos < size && pos < 4096;) {
			const char *l = (const char *)data + pos;
			const char *nl = memchr(l, '\n', size - pos);
			size_t ll = nl ? (size_t)(nl - l) : size - pos;

			rc = ts_claims_extract(c, l, ll, &rows, &nrows, &d);
			FUZZ_ASSERT(rc != 0 || nrows >= 1, "a row per unit");
			pos += ll + 1;
		}
	}
	ts_claims_free(c);
	return 0;
}
