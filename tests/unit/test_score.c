/* test_score.c - unit tests of the public scorer (score.h): labels,
 * routing between the English and the Chinese engine, --lexicon style
 * overrides and their errors, and the lexicon file parser. */
#include "check.h"
#include "en.h"

#include <math.h>
#include <tonesift/tonesift.h>

static double norm(double x)
{
	return x / sqrt(x * x + 15);
}

static int near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static double score(ts_scorer *s, const char *text, ts_buf *ev)
{
	ts_score r;

	if (ev)
		ts_buf_reset(ev);
	if (ts_scorer_score(&r, s, text, strlen(text), ev) != 0)
		return NAN;
	return r.compound;
}

static void test_label(void)
{
	CHECK(strcmp(ts_score_label(0.05), "positive") == 0, "0.05");
	CHECK(strcmp(ts_score_label(0.0499), "neutral") == 0, "0.0499");
	CHECK(strcmp(ts_score_label(-0.05), "negative") == 0, "-0.05");
	CHECK(strcmp(ts_score_label(-0.0499), "neutral") == 0, "-0.0499");
	CHECK(strcmp(ts_score_label(0.0), "neutral") == 0, "0");
	CHECK(strcmp(ts_score_label(1.0), "positive") == 0, "1");
}

static void test_english(void)
{
	ts_scorer *s = NULL, *c = NULL;
	ts_score_opts o = {1};
	ts_diag d = {0};
	ts_buf ev = {0};

	CHECK(ts_scorer_new(&s, NULL, &d) == 0, "%s", d.msg);
	CHECK(ts_scorer_new(&c, &o, &d) == 0, "%s", d.msg);
	if (!s || !c)
		goto out;
	CHECK(near(score(c, "The book was good.", &ev), norm(1.9)), "compat");
	CHECK_STR(ev.data, ev.len, "good=1.9");
	/* default and compat differ where the default mode changed a rule */
	CHECK(near(score(c, "not bad", NULL), norm(-2.5 * -0.74)), "compat");
	CHECK(near(score(s, "not bad", NULL), 0.0), "default");
	/* Latin text with accents stays English */
	CHECK(near(score(s, "caf\xC3\xA9 good", NULL), norm(1.9)), "accents");
	{
		ts_score r;

		CHECK(ts_scorer_score(&r, s, NULL, 0, NULL) == 0 &&
		      r.compound == 0, "empty");
		CHECK(ts_scorer_score(&r, s, NULL, 3, NULL) == TS_EINVAL,
		      "NULL text");
	}
out:
	ts_scorer_free(s);
	ts_scorer_free(c);
	ts_buf_free(&ev);
}

static void test_routing(void)
{
	ts_scorer *s = NULL;
	ts_diag d = {0};
	ts_score r;
	static const char han[] = "\xE8\xBF\x99\xE4\xB8\xAA good"; /* 这个 */

	CHECK(ts_scorer_new(&s, NULL, &d) == 0, "%s", d.msg);
	if (!s)
		return;
	/* any Han character sends the text to the Chinese engine; its result
	 * is whatever zh gives, but the call must succeed */
	CHECK(ts_scorer_score(&r, s, han, strlen(han), NULL) == 0, "zh");
	CHECK(r.compound >= -1 && r.compound <= 1, "range");
	/* Hiragana (U+3042) and Hangul are not Han: English engine */
	CHECK(near(score(s, "\xE3\x81\x82 good", NULL), norm(1.9)), "kana");
	/* the English engine finds the Han itself and hands the text over,
	 * also after English words and with nothing of its own evidence */
	{
		ts_buf ev = {0};
		static const char late[] = "very good indeed, caf\xC3\xA9 \xE5\xA5\xBD";

		ts_buf_adds(&ev, "");
		CHECK(ts_scorer_score(&r, s, late, strlen(late), &ev) == 0, "late");
		CHECK(!ev.data || !strstr(ev.data, "very="), "zh evidence '%s'",
		      ev.data ? ev.data : "");
		ts_buf_free(&ev);
	}
	ts_scorer_free(s);
}

static void test_add_lexicon(void)
{
	ts_scorer *s = NULL;
	ts_diag d = {0};
	static const char ok[] =
	    "# my terms\n"
	    "term\tvalence\tnote\n"
	    "\n"
	    "Flurb\t2.5\textra columns are ignored\n"
	    "good\t-1\n"
	    "crlf\t1.5\r\n";
	static const char bad_num[] = "term\tvalence\nfoo\t1.5\nbar\tx\n";
	static const char bad_range[] = "term\tvalence\nfoo\t4.5\n";
	static const char no_tab[] = "term\tvalence\n# c\nfoo 1\n";
	static const char no_header[] = "foo\t1\n";
	static const char dup[] = "term\tvalence\nfoo\t1\nbar\t2\nfoo\t3\n";
	static const char empty_term[] = "term\tvalence\n\t1\n";

	CHECK(ts_scorer_new(&s, NULL, &d) == 0, "%s", d.msg);
	if (!s)
		return;
	CHECK(ts_scorer_add_lexicon(s, ok, strlen(ok), "my.tsv", &d) == 0,
	      "%s", d.msg);
	/* terms are lower-cased; a later file overrides the embedded one */
	CHECK(near(score(s, "flurb", NULL), norm(2.5)), "added");
	CHECK(near(score(s, "FLURB", NULL), norm(2.5)), "case");
	CHECK(near(score(s, "good", NULL), norm(-1.0)), "override");
	CHECK(near(score(s, "crlf", NULL), norm(1.5)), "CR dropped");

	memset(&d, 0, sizeof d);
	CHECK(ts_scorer_add_lexicon(s, bad_num, strlen(bad_num), "b.tsv", &d) ==
	      TS_ELEXICON && d.line == 3 && d.code == TS_ELEXICON, "bad num");
	CHECK(strncmp(d.msg, "b.tsv:3: ", 9) == 0, "%s", d.msg);
	CHECK(ts_scorer_add_lexicon(s, bad_range, strlen(bad_range), "r", &d) ==
	      TS_ELEXICON && d.line == 2, "range: %s", d.msg);
	CHECK(ts_scorer_add_lexicon(s, no_tab, strlen(no_tab), "t", &d) ==
	      TS_ELEXICON && d.line == 3, "no tab: %s", d.msg);
	CHECK(ts_scorer_add_lexicon(s, no_header, strlen(no_header), "h", &d) ==
	      TS_ELEXICON && d.line == 1, "header: %s", d.msg);
	CHECK(ts_scorer_add_lexicon(s, empty_term, strlen(empty_term), "e",
	                            &d) == TS_ELEXICON && d.line == 2,
	      "empty term: %s", d.msg);
	CHECK(ts_scorer_add_lexicon(s, dup, strlen(dup), "d.tsv", &d) ==
	      TS_ELEXICON && d.line == 4, "dup: %s", d.msg);
	CHECK(strstr(d.msg, "d.tsv:4:") && strstr(d.msg, "line 2"),
	      "dup names both lines: %s", d.msg);
	/* a duplicate across two files is fine: the later one wins */
	{
		static const char a[] = "term\tvalence\nzork\t1\n";
		static const char b[] = "term\tvalence\nzork\t-2\n";

		CHECK(ts_scorer_add_lexicon(s, a, strlen(a), "a", &d) == 0 &&
		      ts_scorer_add_lexicon(s, b, strlen(b), "b", &d) == 0,
		      "%s", d.msg);
		CHECK(near(score(s, "zork", NULL), norm(-2.0)), "later wins");
	}
	/* a Han term goes to the Chinese engine, not the English one */
	{
		static const char z[] = "term\tvalence\n\xE5\xA5\xBD\xE7\x8E\xA9\t2\n";

		CHECK(ts_scorer_add_lexicon(s, z, strlen(z), "z", &d) == 0,
		      "%s", d.msg);
	}
	ts_scorer_free(s);
}

static int count_cb(void *ctx, const char *term, size_t tlen, double v,
                    const char *rest, size_t rlen, size_t line)
{
	int *n = ctx;

	(void)term;
	(void)tlen;
	(void)v;
	(void)rest;
	(void)rlen;
	(void)line;
	(*n)++;
	return 0;
}

static void test_parser(void)
{
	ts_diag d = {0};
	int n = 0;
	static const char ok[] = "#c\nterm\tvalence\n-x\t-4\n+y\t+4.0\nz\t.5\n";
	static const char exp[] = "term\tvalence\nx\t1e0\n";
	static const char nan_[] = "term\tvalence\nx\tnan\n";
	static const char badutf[] = "term\tvalence\n\xFF\t1\n";

	CHECK(ts_lex_parse(ok, strlen(ok), "ok", count_cb, &n, &d) == 0 &&
	      n == 3, "%d %s", n, d.msg);
	CHECK(ts_lex_parse(exp, strlen(exp), "e", count_cb, &n, &d) ==
	      TS_ELEXICON, "exponent");
	CHECK(ts_lex_parse(nan_, strlen(nan_), "n", count_cb, &n, &d) ==
	      TS_ELEXICON, "nan");
	CHECK(ts_lex_parse(badutf, strlen(badutf), "u", count_cb, &n, &d) ==
	      TS_ELEXICON && d.line == 2, "utf8");
	/* every embedded English file parses (no duplicates, valid values) */
	{
		static const char *const files[] = {
			"en/vader_lexicon.tsv", "en/vader_compat.tsv",
			"en/default_overrides.tsv", "en/boosters.tsv",
			"en/negators.tsv", "en/special_cases.tsv",
			"en/idioms.tsv", "en/emoji.tsv"};
		size_t i, len;

		for (i = 0; i < sizeof files / sizeof files[0]; i++) {
			const char *p = ts_embedded(files[i], &len);

			n = 0;
			CHECK(p && ts_lex_parse(p, len, files[i], count_cb, &n,
			                        &d) == 0 && n > 0,
			      "%s: %s", files[i], d.msg);
		}
	}
}

/* A text over 1 MiB is scored in pieces: bounded memory, a result that is
 * the pieces' weighted mean, evidence cut at 64 KiB with a final "…". */
static void test_huge(void)
{
	ts_scorer *s;
	ts_diag d;
	ts_buf ev = {0}, big = {0};
	ts_score whole, one;
	size_t i;

	CHECK(ts_scorer_new(&s, NULL, &d) == 0, "new");
	for (i = 0; i < 600000; i++)
		ts_buf_adds(&big, i % 3 ? "fine day " : "bad idea ");   /* 5.4 MB */
	CHECK(ts_scorer_score(&whole, s, big.data, big.len, &ev) == 0, "huge text scored");
	CHECK(ts_scorer_score(&one, s, big.data, 1 << 20, NULL) == 0, "one piece");
	CHECK(fabs(whole.compound - one.compound) < 0.05, "pieces agree: %f vs %f",
	      whole.compound, one.compound);
	CHECK(fabs(whole.pos + whole.neu + whole.neg - 1.0) < 1e-6, "proportions sum to 1");
	CHECK(ev.len <= (64 << 10) + 3 && ev.len > 1000, "evidence bounded (%zu)", ev.len);
	CHECK(ev.len >= 3 && memcmp(ev.data + ev.len - 3, "\xE2\x80\xA6", 3) == 0,
	      "evidence ends in an ellipsis");
	ts_buf_free(&ev);
	ts_buf_free(&big);
	ts_scorer_free(s);
}

int main(void)
{
	test_huge();
	test_label();
	test_english();
	test_routing();
	test_add_lexicon();
	test_parser();
	return CHECK_DONE();
}
