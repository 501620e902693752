/* fuzz.h - what every fuzz harness defines (libFuzzer's entry point) and
 * the helpers they share. */
#ifndef TS_FUZZ_H
#define TS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tonesift/tonesift.h>

/* Inputs larger than this are ignored: they only slow the fuzzer down. */
#define TS_FUZZ_MAX_INPUT ((size_t)64 << 10)

/* Run the harness on one input; always returns 0 (libFuzzer contract). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property every output must have does not hold: report and abort, so
 * both libFuzzer and the standalone replayer treat it as a crash. */
#define FUZZ_ASSERT(cond, what)                                              \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "%s:%d: property violated: %s (%s)\n", \
			        __FILE__, __LINE__, what, #cond);            \
			abort();                                             \
		}                                                            \
	} while (0)

/* Is s[0..len) valid UTF-8? */
static inline int fuzz_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i], lo = 0x80, hi = 0xBF;
		size_t need, k;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else
			return 0;
		for (k = 1; k <= need; k++) {
			if (i + k >= len || p[i + k] < lo || p[i + k] > hi)
				return 0;
			lo = 0x80;
			hi = 0xBF;
		}
		i += need + 1;
	}
	return 1;
}

/* Two claim rows with the same kind, checkworthiness and fields (the
 * differential harnesses: claims, patterns). */
static inline int fuzz_same_field(ts_field a, ts_field b)
{
	return a.len == b.len && (!a.len || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static inline int fuzz_same_claim(const ts_claim *a, const ts_claim *b)
{
	return strcmp(a->kind, b->kind) == 0 && a->checkworthy == b->checkworthy &&
	       fuzz_same_field(a->tags, b->tags) &&
	       fuzz_same_field(a->speaker, b->speaker) &&
	       fuzz_same_field(a->cue, b->cue) &&
	       fuzz_same_field(a->quote, b->quote) &&
	       fuzz_same_field(a->quantity, b->quantity);
}

#endif
