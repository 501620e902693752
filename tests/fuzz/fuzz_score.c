/* fuzz_score.c - fuzz ts_scorer_score (English, Chinese, mixed engines)
 * in both modes on arbitrary bytes: the scores must be finite, in range,
 * and the same when the same text is scored twice. */
#include "fuzz.h"

#include <math.h>
#include <string.h>
#include <tonesift/tonesift.h>

static ts_scorer *scorers[2];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ts_buf ev = {0}, ev2 = {0};
	ts_score sc, sc2;
	ts_scorer *s;
	ts_diag d;
	int mode;

	if (size < 1 || size > TS_FUZZ_MAX_INPUT)
		return 0;
	mode = data[0] & 1;
	data++;
	size--;
	if (!scorers[mode]) {
		ts_score_opts o;

		o.vader_compat = mode;
		if (ts_scorer_new(&scorers[mode], &o, &d) != 0) {
			fprintf(stderr, "fuzz_score: %s\n", d.msg);
			abort();
		}
	}
	s = scorers[mode];
	if (ts_scorer_score(&sc, s, (const char *)data, size, &ev) == 0) {
		FUZZ_ASSERT(isfinite(sc.compound) && sc.compound >= -1 && sc.compound <= 1,
		            "compound in [-1,1]");
		FUZZ_ASSERT(isfinite(sc.neg) && isfinite(sc.neu) && isfinite(sc.pos),
		            "proportions finite");
		FUZZ_ASSERT(sc.neg >= 0 && sc.neu >= 0 && sc.pos >= 0, "proportions >= 0");
		FUZZ_ASSERT(ts_score_label(sc.compound) != NULL, "label");
		FUZZ_ASSERT(ts_scorer_score(&sc2, s, (const char *)data, size, &ev2) == 0,
		            "second call");
		FUZZ_ASSERT(memcmp(&sc, &sc2, sizeof sc) == 0, "deterministic score");
		FUZZ_ASSERT(ev.len == ev2.len && (!ev.len || memcmp(ev.data, ev2.data, ev.len) == 0),
		            "deterministic evidence");
	}
	ts_buf_free(&ev);
	ts_buf_free(&ev2);
	return 0;
}
