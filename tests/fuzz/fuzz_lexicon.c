/* fuzz_lexicon.c - fuzz the lexicon loader ts_scorer_add_lexicon: a fresh
 * scorer per input (loading is not undone on error), then score a few
 * fixed texts and the file itself. A failure must name a line. */
#include "fuzz.h"

#include <string.h>
#include <tonesift/tonesift.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const texts[] = {
		"This is not very good, but the camera is GREAT!!!",
		"这是我用过最差的聊天机器人，完全答非所问。",
		"Meta AI是我见过最差的，not bad though :)",
	};
	ts_scorer *s = NULL;
	ts_buf ev = {0};
	ts_score sc;
	ts_diag d;
	size_t i;
	int rc;

	if (size > TS_FUZZ_MAX_INPUT)
		return 0;
	if (ts_scorer_new(&s, NULL, &d) != 0) {
		fprintf(stderr, "fuzz_lexicon: %s\n", d.msg);
		abort();
	}
	memset(&d, 0, sizeof d);
	rc = ts_scorer_add_lexicon(s, (const char *)data, size, "fuzz.tsv", &d);
	if (rc != 0) {
		FUZZ_ASSERT(rc < 0, "negative error code");
		FUZZ_ASSERT(d.msg[0] != '\0', "error has a message");
		FUZZ_ASSERT(memchr(d.msg, '\0', sizeof d.msg) != NULL, "message terminated");
	} else {
		for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
			ts_buf_reset(&ev);
			FUZZ_ASSERT(ts_scorer_score(&sc, s, texts[i], strlen(texts[i]), &ev) == 0,
			            "score after loading");
			FUZZ_ASSERT(sc.compound >= -1 && sc.compound <= 1, "compound in [-1,1]");
		}
		ts_buf_reset(&ev);
		(void)ts_scorer_score(&sc, s, (const char *)data, size, &ev);
	}
	ts_buf_free(&ev);
	ts_scorer_free(s);
	return 0;
}
