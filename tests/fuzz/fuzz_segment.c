/* fuzz_segment.c - fuzz sentence/line/paragraph segmentation (ts_segment)
 * directly on arbitrary text, bypassing the clean-up pass, and
 * ts_lang_of / ts_utf8_decode on the same bytes. Checks that units are
 * slices of the text, in order, not overlapping. */
#include "fuzz.h"

#include <string.h>
#include <tonesift/tonesift.h>
#include "norm_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ts_norm_opts o;
	ts_norm *n = NULL;
	size_t i, end = 0;
	const char *s;

	if (size < 1 || size > TS_FUZZ_MAX_INPUT)
		return 0;
	memset(&o, 0, sizeof o);
	o.unit = (ts_unit_kind)(data[0] & 3);
	o.keep_empty = (data[0] >> 2) & 1;
	data++;
	size--;
	s = (const char *)data;
	/* the decoder: every step is 1..4 bytes and stays inside */
	for (i = 0; i < size;) {
		int cp;
		size_t cl = ts_utf8_decode(s + i, size - i, &cp);

		FUZZ_ASSERT(cl >= 1 && cl <= 4 && cl <= size - i, "decode length");
		FUZZ_ASSERT(cp >= -1 && cp <= 0x10FFFF, "code point range");
		i += cl;
	}
	(void)ts_lang_of(s, size);
	if (ts_norm_new(&n, &o) != 0)
		return 0;
	/* an empty text is left unallocated (data NULL), as a fresh handle's */
	if ((size == 0 || ts_buf_add(&n->text, data, size) == 0) && ts_segment(n) == 0) {
		const char *t = n->text.data ? n->text.data : "";

		if (o.keep_empty)
			FUZZ_ASSERT(n->nunits >= 1, "keep_empty gives a unit");
		for (i = 0; i < n->nunits; i++) {
			const ts_norm_unit *u = &n->units[i];
			size_t off = (size_t)(u->text - t);

			if (size == 0) {
				FUZZ_ASSERT(u->len == 0, "empty unit of an empty text");
				continue;
			}
			FUZZ_ASSERT(u->text >= t && off + u->len <= size, "unit inside the text");
			FUZZ_ASSERT(off >= end, "units in order, not overlapping");
			FUZZ_ASSERT(u->offset == off, "offset is the position (identity map)");
			end = off + u->len;
		}
	}
	ts_norm_free(n);
	return 0;
}
