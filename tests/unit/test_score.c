/* test_score.c - unit tests of the public scorer (score.h): labels,
 * routing between the English and the Chinese engine, --lexicon style
 * overrides and their errors, and the lexicon file parser. */
#include "check.h"
#include "en.h"
#include "internal.h"

#include <math.h>
#include <stdlib.h>
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

/* The valence of the one entry of a lexicon, exactly as parsed. */
static int value_cb(void *ctx, const char *term, size_t tlen, double v,
                    const char *rest, size_t rlen, size_t line)
{
	(void)term;
	(void)tlen;
	(void)rest;
	(void)rlen;
	(void)line;
	*(double *)ctx = v;
	return 0;
}

/* The parser computes short decimals itself (mantissa / 10^k): it must
 * give strtod()'s value bit for bit, negative zero included, and fall
 * back to strtod() for long ones. */
static void test_valence_exact(void)
{
	static const char *const fixed[] = {
		"0", "-0", "+0", "-0.0", ".5", "-.5", "4", "-4", "4.0", "-3.95",
		"0.1", "0.3", "1.1", "2.675", "-1.4", "3.9999999999999", "0.293",
		"-0.293", "0.000000000000001", "1.00000000000000000001",
		"3.99999999999999999999", "00000000000000000001.5", "-2.1"};
	char lex[96], val[64];
	unsigned x = 12345;
	size_t i, k;
	ts_diag d = {0};

	for (i = 0; i < sizeof fixed / sizeof fixed[0] + 20000; i++) {
		double got = 99, want;

		if (i < sizeof fixed / sizeof fixed[0]) {
			snprintf(val, sizeof val, "%s", fixed[i]);
		} else {
			/* random: sign, 0-2 integer and 0-17 fraction digits */
			size_t o = 0, ni, nf;

			x = x * 1103515245u + 12345u;
			if (x >> 31)
				val[o++] = '-';
			ni = (x >> 8) % 3;
			nf = (x >> 12) % 18;
			if (!ni && !nf)
				nf = 1;
			for (k = 0; k < ni; k++) {
				x = x * 1103515245u + 12345u;
				val[o++] = (char)('0' + (k == 0 ? (x >> 16) % 4 : (x >> 16) % 10));
			}
			if (nf) {
				val[o++] = '.';
				for (k = 0; k < nf; k++) {
					x = x * 1103515245u + 12345u;
					val[o++] = (char)('0' + (x >> 16) % 10);
				}
			}
			val[o] = '\0';
		}
		want = strtod(val, NULL);
		snprintf(lex, sizeof lex, "term\tvalence\nw\t%s\n", val);
		if (!(want >= -4 && want <= 4)) /* out of range: an error */
			CHECK(ts_lex_parse(lex, strlen(lex), "v", value_cb, &got,
			                   &d) == TS_ELEXICON, "'%s' accepted", val);
		else
			CHECK(ts_lex_parse(lex, strlen(lex), "v", value_cb, &got,
			                   &d) == 0 &&
			      memcmp(&got, &want, sizeof got) == 0,
			      "'%s': %.17g vs strtod %.17g (%s)", val, got, want,
			      d.msg);
	}
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

/* The Chinese engine is built on first use: by a Chinese lexicon entry
 * (at once, so that its errors come while the lexicon is read) or by the
 * first text with Han, after English ones; the results are those of a
 * scorer that had it from the start. */
static void test_lazy_zh(void)
{
	static const char zh[] = "\xE8\xBF\x99\xE4\xB8\xAA\xE6\x89\x8B\xE6\x9C\xBA"
	                         "\xE5\xBE\x88\xE5\xA5\xBD\xE7\x94\xA8"; /* 这个手机很好用 */
	static const char lex[] = "term\tvalence\n\xE6\x89\x8B\xE6\x9C\xBA\t-3\n";
	ts_scorer *a = NULL, *b = NULL;
	ts_diag d = {0};
	ts_buf ev1 = {0}, ev2 = {0};
	double c1, c2;

	CHECK(ts_scorer_new(&a, NULL, &d) == 0 && ts_scorer_new(&b, NULL, &d) == 0,
	      "%s", d.msg);
	if (!a || !b)
		goto out;
	/* a: Chinese first; b: English first, then Chinese */
	c1 = score(a, zh, &ev1);
	CHECK(near(score(b, "good", NULL), norm(1.9)), "english");
	c2 = score(b, zh, &ev2);
	CHECK(c1 == c2 && c1 > 0 && ev1.len == ev2.len &&
	      memcmp(ev1.data, ev2.data, ev1.len) == 0, "%f %f", c1, c2);
	/* a Chinese entry on a scorer that has seen no Chinese yet */
	ts_scorer_free(a);
	a = NULL;
	CHECK(ts_scorer_new(&a, NULL, &d) == 0 &&
	      ts_scorer_add_lexicon(a, lex, strlen(lex), "zh.tsv", &d) == 0,
	      "%s", d.msg);
	if (a)
		CHECK(score(a, zh, NULL) < c1, "entry applied");
out:
	ts_buf_free(&ev1);
	ts_buf_free(&ev2);
	ts_scorer_free(a);
	ts_scorer_free(b);
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

/* ts_fmt2(), the number of every evidence item (en.c and zh.c): two
 * decimals, half away from zero, trailing zeros dropped, no locale */
static void test_fmt2(void)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{0, "0"}, {-0.0, "0"}, {-0.004, "0"}, {2, "2"}, {-1.48, "-1.48"},
		{0.5, "0.5"}, {3.10, "3.1"}, {1.005, "1"}, {0.125, "0.13"},
		{-0.125, "-0.13"}, {9.995, "9.99"} /* 999.4999… */, {9.9951, "10"},
		{12.3456, "12.35"},
		{123456789.01, "123456789.01"}, {99999999999.0, "99999999999"},
		{1e15, "1e+15"}, {-2e300, "-2e+300"},
	};
	char buf[TS_FMT2_MAX + 8];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *e;
		memset(buf, 'x', sizeof buf);
		e = ts_fmt2(buf, cases[i].v);
		CHECK((size_t)(e - buf) <= TS_FMT2_MAX &&
		      (size_t)(e - buf) == strlen(cases[i].want) &&
		      memcmp(buf, cases[i].want, strlen(cases[i].want)) == 0,
		      "fmt2(%g): '%.*s', want '%s'", cases[i].v, (int)(e - buf), buf,
		      cases[i].want);
	}
	memset(buf, 'x', sizeof buf);
	CHECK(ts_fmt2(buf, NAN) - buf == 3 && memcmp(buf, "nan", 3) == 0 &&
	      buf[3] == '\0', "fmt2(NaN)");
}

int main(void)
{
	test_fmt2();
	test_huge();
	test_label();
	test_english();
	test_routing();
	test_add_lexicon();
	test_parser();
	test_valence_exact();
	test_lazy_zh();
	return CHECK_DONE();
}
