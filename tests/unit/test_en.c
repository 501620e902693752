/* test_en.c - unit tests of the English engine: one group per VADER rule
 * (compat mode), each default-mode change, and the evidence format.
 * Expected values are derived by hand from the rule constants: booster
 * 0.293, CAPS 0.733, negation x-0.74, distance damping 0.95/0.9, "!" 0.292
 * (up to 4), "?" 0.18 each for 2-3 (0.96 from 4), compound x/sqrt(x^2+15);
 * lexicon: good 1.9, bad -2.5, kind 2.4, no -1.2, shit -2.6, doubt -1.5. */
#include "check.h"
#include "en.h"
#include "en_tab.h"

#include <libstemmer.h>
#include <math.h>
#include <stdlib.h>

static ts_en *cmp;  /* compat engine */
static ts_en *def;  /* default engine */
static ts_buf ev;

static double norm(double x)
{
	return x / sqrt(x * x + 15);
}

/* Score `text`, return compound, leave the evidence in ev. */
static double sc(ts_en *e, const char *text, ts_score *out)
{
	ts_score tmp;

	if (!out)
		out = &tmp;
	ts_buf_reset(&ev);
	if (ts_en_score(out, e, text, strlen(text), &ev) != 0)
		return NAN;
	if (!ev.data)
		ts_buf_adds(&ev, "");
	return out->compound;
}

static int near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

#define CHECK_NEAR(a, b) CHECK(near((a), (b)), "%.10f vs %.10f", (a), (b))
#define CHECK_EV(expect) CHECK_STR(ev.data, ev.len, expect)

static void test_lexicon_word(void)
{
	CHECK_NEAR(sc(cmp, "good", NULL), norm(1.9));
	CHECK_EV("good=1.9");
	CHECK_NEAR(sc(cmp, "the table", NULL), 0.0);
	CHECK_EV("");
	CHECK_NEAR(sc(cmp, "", NULL), 0.0);
	/* case-insensitive lookup; punctuation stripped from longer words */
	CHECK_NEAR(sc(cmp, "\"Good,\"", NULL), norm(1.9));
}

static void test_booster_dampener(void)
{
	CHECK_NEAR(sc(cmp, "very good", NULL), norm(1.9 + 0.293));
	CHECK_EV("very=+0.29;good=2.19");
	CHECK_NEAR(sc(cmp, "slightly good", NULL), norm(1.9 - 0.293));
	/* for a negative word the booster adds negative valence */
	CHECK_NEAR(sc(cmp, "very bad", NULL), norm(-2.5 - 0.293));
	/* the booster itself is not a sentiment word */
	CHECK_NEAR(sc(cmp, "very", NULL), 0.0);
}

static void test_distance_damping(void)
{
	CHECK_NEAR(sc(cmp, "very the good", NULL), norm(1.9 + 0.293 * 0.95));
	CHECK_NEAR(sc(cmp, "very the a good", NULL), norm(1.9 + 0.293 * 0.9));
	/* four words away: no effect */
	CHECK_NEAR(sc(cmp, "very the a an good", NULL), norm(1.9));
}

static void test_caps(void)
{
	CHECK_NEAR(sc(cmp, "GOOD day", NULL), norm(1.9 + 0.733));
	CHECK_EV("CAPS=+0.73;good=2.63");
	/* everything in capitals: no differential, no emphasis */
	CHECK_NEAR(sc(cmp, "GOOD DAY", NULL), norm(1.9));
	CHECK_NEAR(sc(cmp, "BAD day", NULL), norm(-2.5 - 0.733));
	/* a booster in capitals adds the emphasis too */
	CHECK_NEAR(sc(cmp, "VERY good day", NULL), norm(1.9 + 0.293 + 0.733));
}

static void test_negation_window(void)
{
	CHECK_NEAR(sc(cmp, "not good", NULL), norm(1.9 * -0.74));
	CHECK_EV("not=neg;good=-1.41");
	CHECK_NEAR(sc(cmp, "not the good", NULL), norm(1.9 * -0.74));
	CHECK_NEAR(sc(cmp, "not the a good", NULL), norm(1.9 * -0.74));
	CHECK_NEAR(sc(cmp, "not the a an good", NULL), norm(1.9));
	/* any token containing n't negates */
	CHECK_NEAR(sc(cmp, "shouldn't good", NULL), norm(1.9 * -0.74));
	/* the window looks past a sentiment word in between */
	CHECK_NEAR(sc(cmp, "not bad good", NULL),
	           norm(-2.5 * -0.74 + 1.9 * -0.74));
}

static void test_never_so_this(void)
{
	/* "never so good": so boosts, then never+so multiplies by 1.25 */
	CHECK_NEAR(sc(cmp, "never so good", NULL), norm((1.9 + 0.293) * 1.25));
	CHECK_NEAR(sc(cmp, "never this good", NULL), norm(1.9 * 1.25));
	/* never alone negates */
	CHECK_NEAR(sc(cmp, "never good", NULL), norm(1.9 * -0.74));
	/* the reference's precedence slip: "so"/"this" right before the
	 * word gives x1.25 whenever a third word precedes */
	CHECK_NEAR(sc(cmp, "it was so good", NULL), norm((1.9 + 0.293) * 1.25));
	CHECK_NEAR(sc(cmp, "so good", NULL), norm(1.9 + 0.293));
}

static void test_without_doubt(void)
{
	/* doubt (-1.5) is negated by without; good keeps its valence */
	CHECK_NEAR(sc(cmp, "without doubt good", NULL),
	           norm(-1.5 * -0.74 + 1.9));
	/* without alone negates */
	CHECK_NEAR(sc(cmp, "without the good", NULL), norm(1.9 * -0.74));
}

static void test_least(void)
{
	CHECK_NEAR(sc(cmp, "least good", NULL), norm(1.9 * -0.74));
	CHECK_NEAR(sc(cmp, "the least good", NULL), norm(1.9 * -0.74));
	CHECK_NEAR(sc(cmp, "at least good", NULL), norm(1.9));
	/* "very least": no negation, but "very" still boosts from i-2 */
	CHECK_NEAR(sc(cmp, "very least good", NULL), norm(1.9 + 0.293 * 0.95));
}

static void test_kind_of(void)
{
	/* "kind" (2.4) does not count when "of" follows */
	CHECK_NEAR(sc(cmp, "kind of good", NULL), norm(1.9));
	CHECK_NEAR(sc(cmp, "kind", NULL), norm(2.4));
	/* "kind of" two words before dampens (idiom check, needs i >= 3) */
	CHECK_NEAR(sc(cmp, "it was kind of good", NULL), norm(1.9 - 0.293));
	CHECK_NEAR(sc(cmp, "it was sort of good", NULL), norm(1.9 - 0.293));
}

static void test_but(void)
{
	CHECK_NEAR(sc(cmp, "good but bad", NULL), norm(1.9 * 0.5 - 2.5 * 1.5));
	CHECK_EV("good=0.95;bad=-3.75;but=\xC3\x97" "1.5");
	/* only the first "but" splits */
	CHECK_NEAR(sc(cmp, "good but bad but good", NULL),
	           norm(0.95 - 3.75 + 2.85));
	CHECK_NEAR(sc(cmp, "good good but", NULL), norm(0.95 + 0.95));
}

static void test_exclamation(void)
{
	CHECK_NEAR(sc(cmp, "good!", NULL), norm(1.9 + 0.292));
	CHECK_EV("good=1.9;!=+0.29");
	CHECK_NEAR(sc(cmp, "good!!!!!!!!", NULL), norm(1.9 + 4 * 0.292));
	CHECK_NEAR(sc(cmp, "bad!!", NULL), norm(-2.5 - 2 * 0.292));
	/* no sentiment: nothing to amplify */
	CHECK_NEAR(sc(cmp, "table!!!", NULL), 0.0);
}

static void test_question(void)
{
	CHECK_NEAR(sc(cmp, "good?", NULL), norm(1.9));
	CHECK_NEAR(sc(cmp, "good??", NULL), norm(1.9 + 2 * 0.18));
	CHECK_EV("good=1.9;?=+0.36");
	CHECK_NEAR(sc(cmp, "good???", NULL), norm(1.9 + 3 * 0.18));
	CHECK_NEAR(sc(cmp, "good?????", NULL), norm(1.9 + 0.96));
}

static void test_idioms(void)
{
	/* "the shit" replaces shit (-2.6) by 3; the check needs i >= 3 */
	CHECK_NEAR(sc(cmp, "this is the shit", NULL), norm(3.0));
	CHECK_NEAR(sc(cmp, "the shit", NULL), norm(-2.6));
	/* phrase starting at the word: "kiss of death" */
	CHECK_NEAR(sc(cmp, "a b c kiss of death", NULL), norm(-1.5 + -1.5));
}

static void test_no(void)
{
	/* "no" before a lexicon word: no counts 0, the word is negated */
	CHECK_NEAR(sc(cmp, "no good", NULL), norm(1.9 * -0.74));
	CHECK_EV("no=neg;good=-1.41");
	/* "no" as a word of its own (-1.2) */
	CHECK_NEAR(sc(cmp, "no", NULL), norm(-1.2));
	CHECK_NEAR(sc(cmp, "no table", NULL), norm(-1.2));
	/* two words after no, and "no X or Y" */
	CHECK_NEAR(sc(cmp, "no the good", NULL), norm(-1.2 + 1.9 * -0.74));
}

static void test_proportions(void)
{
	ts_score s;
	double pos = 1.9 + 1, neg = 2.5 + 1, neu = 1, total = pos + neg + neu;

	sc(cmp, "good table bad", &s);
	CHECK_NEAR(s.pos, pos / total);
	CHECK_NEAR(s.neg, neg / total);
	CHECK_NEAR(s.neu, neu / total);
	CHECK_NEAR(s.compound, norm(1.9 - 2.5));
	CHECK_NEAR(s.pos + s.neg + s.neu, 1.0);
	/* the amplifier goes to the dominant side */
	sc(cmp, "bad!", &s);
	CHECK_NEAR(s.neg, 1.0);
	sc(cmp, "", &s);
	CHECK(s.pos == 0 && s.neg == 0 && s.neu == 0, "empty text");
}

static void test_normalisation(void)
{
	ts_score s;

	/* many strong words: close to but not above 1 */
	sc(cmp, "great great great great great great great great", &s);
	CHECK_NEAR(s.compound, norm(8 * 3.1));
	CHECK(s.compound < 1.0 && s.compound > 0.98, "%f", s.compound);
}

static void test_tokenising(void)
{
	/* 1-2 letter words keep their punctuation (":)" stays an emoticon,
	 * "ok," does not match "ok") in compat mode */
	CHECK(sc(cmp, ":)", NULL) > 0, "smiley");
	CHECK_NEAR(sc(cmp, "ok,", NULL), 0.0);
	/* Unicode space separates words */
	CHECK_NEAR(sc(cmp, "good\xC2\xA0" "bad", NULL), norm(1.9 - 2.5));
	/* invalid UTF-8 does not crash and counts as a neutral word */
	CHECK_NEAR(sc(cmp, "good \xFF\xFE bad", NULL), norm(1.9 - 2.5));
	/* an emoji counts with its own valence, even glued to a word */
	CHECK(sc(cmp, "\xF0\x9F\x98\xA1", NULL) < -0.5, "angry face");
	CHECK(sc(cmp, "ok\xF0\x9F\x91\x8D", NULL) > 0.3, "thumbs up");
}

static void test_stem(void)
{
	/* "disappointer" is not in the lexicon; disappoint, disappoints,
	 * disappointed, disappointing (stem + inflection) share the
	 * stem "disappoint" (mean -1.9); fall-back weight 0.3 */
	CHECK_NEAR(sc(cmp, "disappointer", NULL), 0.0);
	CHECK_NEAR(sc(def, "disappointer", NULL), norm(-1.9 * 0.3));
	/* a word that is its own stem but absent from the lexicon stays
	 * neutral (thoughtful is in the lexicon, thought is not) */
	CHECK_NEAR(sc(def, "thought", NULL), 0.0);
	/* a lexicon word is never replaced by its stem value */
	CHECK_NEAR(sc(def, "disappointed", NULL), norm(-2.1));
	{
		double v = 0;

		CHECK(ts_en_lookup(def, "Disappointer", 12, &v) == 1 &&
		      near(v, -1.9 * 0.3), "lookup %f", v);
		CHECK(ts_en_lookup(cmp, "Disappointer", 12, &v) == 0,
		      "compat lookup");
		CHECK(ts_en_lookup(cmp, "GOOD", 4, &v) == 1 && near(v, 1.9),
		      "lookup good");
	}
	/* a stem + s/es word takes the base forms' valence only: "units"
	 * and "tires" are not "united" and "tired" (the stem table's
	 * only entries of unit, tire); "bullies" has bully (and the y
	 * that Snowball made i), "curses" has curse */
	CHECK_NEAR(sc(def, "units", NULL), 0.0);
	CHECK_NEAR(sc(def, "tires", NULL), 0.0);
	CHECK_NEAR(sc(def, "bullies", NULL), norm(-2.2 * 0.3));
	CHECK_NEAR(sc(def, "curses", NULL), norm(-2.5 * 0.3));
	/* other forms still take every stem + inflection entry (the
	 * "disappointer" above); "disappoints" is in the lexicon */
	{
		ts_en *all = NULL;
		ts_diag d;

		/* without the rule (measurement only) "units" was positive */
		CHECK(ts_en_new_features(&all, TS_EN_DEFAULT & ~TS_EN_STEMBASE,
		                         &d) == 0, "new: %s", d.msg);
		if (all) {
			CHECK_NEAR(sc(all, "units", NULL), norm(1.8 * 0.3));
			CHECK(sc(all, "bullies", NULL) < 0, "bullies");
			ts_en_free(all);
		}
	}
}

static void test_negation_default(void)
{
	/* clause-bounded: the comma ends the scope of "no"/"not" */
	CHECK_NEAR(sc(cmp, "nope, still bad", NULL), norm(-2.5 * -0.74));
	CHECK_NEAR(sc(def, "nope, still bad", NULL), norm(-2.5));
	CHECK_NEAR(sc(def, "not good", NULL), norm(1.9 * -0.74));
	/* a negated negative word becomes neutral instead of flipping */
	CHECK_NEAR(sc(def, "not bad", NULL), 0.0);
	CHECK_NEAR(sc(cmp, "not bad", NULL), norm(-2.5 * -0.74));
}

static void test_entities(void)
{
	/* &#39; decoded: don't negates */
	CHECK_NEAR(sc(def, "I don&#39;t like it", NULL), norm(1.5 * -0.74));
	CHECK_NEAR(sc(cmp, "I don&#39;t like it", NULL), norm(1.5));
	CHECK_NEAR(sc(def, "&quot;good&quot;", NULL), norm(1.9));
	CHECK_NEAR(sc(def, "&amp; &lt;3", NULL), sc(def, "& <3", NULL));
}

static void test_elongation(void)
{
	CHECK_NEAR(sc(def, "goooood", NULL), norm(1.9));
	CHECK_NEAR(sc(cmp, "goooood", NULL), 0.0);
	/* sooooo -> so (booster) */
	CHECK_NEAR(sc(def, "sooooo goood", NULL), norm(1.9 + 0.293));
	/* a word that exists as written is not collapsed */
	CHECK_NEAR(sc(def, "good", NULL), norm(1.9));
}

static void test_contrast_words(void)
{
	ts_en *c = NULL;
	ts_diag d = {0};

	CHECK(ts_en_new_features(&c, TS_EN_CONTRAST | TS_EN_BUTFIX, &d) == 0,
	      "%s", d.msg);
	if (!c)
		return;
	CHECK_NEAR(sc(c, "good however bad", NULL), norm(0.95 - 3.75));
	CHECK_NEAR(sc(c, "good yet bad", NULL), norm(0.95 - 3.75));
	/* although: the clause it opens is the concession */
	CHECK_NEAR(sc(c, "although bad, good", NULL), norm(-1.25 + 2.85));
	/* without the feature "however" is an ordinary word */
	CHECK_NEAR(sc(cmp, "good however bad", NULL), norm(1.9 - 2.5));
	/* BUTFIX: equal values are scaled by position */
	CHECK_NEAR(sc(c, "good but good", NULL), norm(0.95 + 2.85));
	CHECK_NEAR(sc(cmp, "good but good", NULL), norm(0.95 + 2.85));
	ts_en_free(c);
}

static void test_evidence(void)
{
	sc(cmp, "Not very GOOD, but great!", NULL);
	/* CAPS first, then booster and negation of good, then great, the
	 * contrast word and the exclamation */
	/* great: +0.293 x 0.9 from "very" three words back, then x1.5 */
	CHECK(strstr(ev.data, "great=5.05") != NULL, "%s", ev.data);
	CHECK(strstr(ev.data, "but=\xC3\x97" "1.5") != NULL, "%s", ev.data);
	CHECK(strstr(ev.data, "!=+0.29") != NULL, "%s", ev.data);
	CHECK(strchr(ev.data, '\t') == NULL && strchr(ev.data, '\n') == NULL,
	      "no TAB/LF");
	/* trailing zeros trimmed */
	sc(cmp, "very bad", NULL);
	CHECK_EV("very=-0.29;bad=-2.79");
	/* evidence is appended to what the caller has */
	ts_buf_reset(&ev);
	ts_buf_adds(&ev, "x=1");
	{
		ts_score s;

		ts_en_score(&s, cmp, "good", 4, &ev);
	}
	CHECK_EV("x=1;good=1.9");
	/* NULL evidence is fine */
	{
		ts_score s;

		CHECK(ts_en_score(&s, cmp, "good", 4, NULL) == 0 &&
		      near(s.compound, norm(1.9)), "no evidence");
	}
}

static void test_but_slip(void)
{
	ts_en *e = NULL, *f = NULL;
	ts_diag d = {0};

	/* aaa 2, bbb 1: [2, 0, 1]. The reference halves slot 0 (-> 1), then
	 * looks up the value 1 of bbb by equality, finds slot 0 again and
	 * halves it once more: [0.5, 0, 1]. By position: [1, 0, 1.5]. */
	CHECK(ts_en_new(&e, 1, &d) == 0, "%s", d.msg);
	CHECK(ts_en_new_features(&f, TS_EN_BUTFIX, &d) == 0, "%s", d.msg);
	if (!e || !f) {
		ts_en_free(e);
		ts_en_free(f);
		return;
	}
	ts_en_add_entry(e, "aaa", 3, 2.0);
	ts_en_add_entry(e, "bbb", 3, 1.0);
	ts_en_add_entry(f, "aaa", 3, 2.0);
	ts_en_add_entry(f, "bbb", 3, 1.0);
	CHECK_NEAR(sc(e, "aaa but bbb", NULL), norm(0.5 + 1.0));
	CHECK_NEAR(sc(f, "aaa but bbb", NULL), norm(1.0 + 1.5));
	ts_en_free(e);
	ts_en_free(f);
}

static void test_add_entry(void)
{
	ts_en *e = NULL;
	ts_diag d = {0};

	CHECK(ts_en_new(&e, 1, &d) == 0, "%s", d.msg);
	if (!e)
		return;
	CHECK(ts_en_add_entry(e, "flurb", 5, 2.0) == 0, "add");
	CHECK_NEAR(sc(e, "flurb", NULL), norm(2.0));
	CHECK(ts_en_add_entry(e, "good", 4, -1.0) == 0, "override");
	CHECK_NEAR(sc(e, "good", NULL), norm(-1.0));
	ts_en_free(e);
}

static void test_long_text(void)
{
	/* scratch growth over many tokens, and a repeated call after it */
	size_t n = 200000, i;
	char *t = malloc(n * 5 + 1);
	ts_score s;

	if (!t)
		return;
	for (i = 0; i < n; i++)
		memcpy(t + i * 5, "good ", 5);
	t[n * 5] = '\0';
	CHECK(ts_en_score(&s, def, t, n * 5, NULL) == 0 && s.compound > 0.99,
	      "long");
	CHECK_NEAR(sc(def, "bad", NULL), norm(-2.5));
	/* compat "but" on a huge text stays linear (position rule past
	 * 4096 sentiment words) and all words after "but" are x1.5 */
	for (i = 0; i < n; i++)
		memcpy(t + i * 5, i == 1 ? "but  " : "bad  ", 5);
	CHECK(ts_en_score(&s, cmp, t, n * 5, NULL) == 0 && s.compound < -0.99,
	      "long but");
	free(t);
}

/* Score `text` with e, compound and evidence into *c and ev (a copy). */
static void score_into(ts_en *e, const char *text, double *c, ts_buf *ev2)
{
	*c = sc(e, text, NULL);
	ts_buf_reset(ev2);
	ts_buf_add(ev2, ev.data, ev.len);
}

/* The token cache and the stem cache must not change a result: a word
 * scored cold (first time, fresh engine), warm (from the caches) and
 * after both caches were flooded with other words (evicted) gives the
 * same compound and evidence, in both modes. Words longer than a cache
 * key (16 bytes raw, 19 bytes for the stem cache) bypass the caches. */
static void test_caches(void)
{
	static const char *const probe[] = {
		"good", "Good,", "GOOD!", "good.", "(good)", "goooood",
		"disappointer", "Disappointers", "DISAPPOINTER!!", "ok.",
		"no,", "not", "isn't", "very", "kind of good", "sooooo good",
		"disappointingly", "disappointinglyy", /* 16, 17 bytes */
		"unhappinessesses", "unhappinessessesss", /* 16, 18 */
		"disappointmentsdisappoint", /* > 19: no stem caching */
		"goodbadgoodbadgoodbad!", "a", "I", "-", ":)", ":-(",
		"x\x01y good", "don't like", "DON'T LIKE it, but good",
		/* the cache rebuilds the lower-case form from the key: bytes
		 * next to A-Z ('@' '[' '`' '{'), stripped punctuation up to
		 * the key's last byte, boosters and dampeners of any case */
		"@Good[", "GOOD`{ bad", "[[[[[[[[[[[[GOOD", "((((((((good))))",
		"!!!!!!!!!!!!!!!G", "VERYVERYGOODGOOD", "EXTREMELY good",
		"Barely GOOD.", "sooooo GOOD", "Soooooo... bad", "`very` good",
		"{Kind} Of GOOD!", "AT_Z good ZZ@@", "AMAZING!", "CrAzY,",
		"[ZEALOUS]", "ZeaLous@"};
	const size_t np = sizeof probe / sizeof probe[0];
	ts_en *fresh[2] = {NULL, NULL};
	double cold[2][sizeof probe / sizeof probe[0]];
	ts_buf cev[2][sizeof probe / sizeof probe[0]];
	ts_buf tmp = {0};
	ts_diag d = {0};
	char *flood;
	size_t m, k, a, b, c, o = 0;

	memset(cev, 0, sizeof cev);
	flood = malloc(2 * 26 * 26 * 26 * 8 + 26 * 26 * 26 * 15 +
	               26 * 26 * 26 * 8 * 7 + 26 * 26 * 26 * 4 * 15 + 1);
	if (!flood || ts_en_new(&fresh[0], 1, &d) || ts_en_new(&fresh[1], 0, &d)) {
		CHECK(0, "setup: %s", d.msg);
		goto out;
	}
	/* 35k distinct words, most of which reach Snowball ("good" and
	 * "bad" start usable stems): more than either cache holds */
	for (a = 0; a < 26; a++)
		for (b = 0; b < 26; b++)
			for (c = 0; c < 26; c++) {
				o += (size_t)sprintf(flood + o, "good%c%c%c bad%c%c%c ",
				                     'a' + (int)a, 'a' + (int)b,
				                     'a' + (int)c, 'a' + (int)c,
				                     'a' + (int)b, 'a' + (int)a);
			}
	/* and 17k of 9-16 bytes, for the table of longer tokens */
	for (a = 0; a < 26; a++)
		for (b = 0; b < 26; b++)
			for (c = 0; c < 26; c++)
				o += (size_t)sprintf(flood + o, "%s%c%c%c ",
				                     (a + b + c) % 2 ? "Disappoint" :
				                     "happine", 'a' + (int)a,
				                     'a' + (int)b, 'a' + (int)c);
	/* and more tokens than the token cache's tables hold (128k of up
	 * to 8 bytes, 64k of 9-16), of no stem (cheap to add) */
	CHECK(26 * 26 * 26 * 10 > 4 * EN_WS_SETS &&
	      26 * 26 * 26 * 5 > 4 * EN_WL_SETS, "flood smaller than the cache");
	for (a = 0; a < 26; a++)
		for (b = 0; b < 26; b++)
			for (c = 0; c < 26; c++) {
				size_t v;

				for (v = 0; v < 8; v++)
					o += (size_t)sprintf(flood + o, "zq%c%c%c%c ",
					                     'a' + (int)a, 'a' + (int)b,
					                     'a' + (int)c, '0' + (int)v);
				for (v = 0; v < 4; v++)
					o += (size_t)sprintf(flood + o, "zqzqzqzqz%c%c%c%c ",
					                     'a' + (int)a, 'a' + (int)b,
					                     'a' + (int)c, '0' + (int)v);
			}
	for (m = 0; m < 2; m++) {
		for (k = 0; k < np; k++)
			score_into(fresh[m], probe[k], &cold[m][k], &cev[m][k]);
		for (k = 0; k < np; k++) { /* warm */
			double v;

			score_into(fresh[m], probe[k], &v, &tmp);
			CHECK(v == cold[m][k] && tmp.len == cev[m][k].len &&
			      memcmp(tmp.data, cev[m][k].data, tmp.len) == 0,
			      "warm '%s' mode %zu", probe[k], m);
		}
		/* the same engine after the flood, and the long-lived
		 * engines of the other tests */
		{
			ts_score r;

			CHECK(ts_en_score(&r, fresh[m], flood, o, NULL) == 0, "flood");
		}
		for (k = 0; k < np; k++) {
			double v;

			score_into(fresh[m], probe[k], &v, &tmp);
			CHECK(v == cold[m][k] && tmp.len == cev[m][k].len &&
			      memcmp(tmp.data, cev[m][k].data, tmp.len) == 0,
			      "evicted '%s' mode %zu", probe[k], m);
			score_into(m ? def : cmp, probe[k], &v, &tmp);
			CHECK(v == cold[m][k] && tmp.len == cev[m][k].len &&
			      memcmp(tmp.data, cev[m][k].data, tmp.len) == 0,
			      "shared engine '%s' mode %zu", probe[k], m);
		}
	}
	/* ts_en_lookup() shares the stem cache with the scorer */
	{
		double v1 = 0, v2 = 0;
		int h1 = ts_en_lookup(fresh[1], "disappointers", 13, &v1);
		int h2 = ts_en_lookup(def, "disappointers", 13, &v2);

		CHECK(h1 == h2 && v1 == v2 && h1 == 1, "lookup %d %d", h1, h2);
	}
out:
	for (m = 0; m < 2; m++) {
		for (k = 0; k < np; k++)
			ts_buf_free(&cev[m][k]);
		ts_en_free(fresh[m]);
	}
	ts_buf_free(&tmp);
	free(flood);
}

/* The token cache's hit path fills in only the fields that a rule may
 * read of a token with that role (EN_PAY_FORM, EN_PAY_VB): the others
 * keep what an earlier text left there. Random texts of function words,
 * phrase words, boosters, negators, rule words and sentiment words (any
 * case, with punctuation) score the same, evidence included, on an engine
 * whose token cache was just emptied (first occurrences take the full
 * path) and on one that has seen every word and many texts before (every
 * token a hit, over stale fields), in both modes. */
static void test_hit_fields(void)
{
	static const char *const vocab[] = {
		"the", "of", "in", "a", "I", "it", "is", "and", "to", "on",
		"with", "was", "very", "extremely", "barely", "kind", "sort",
		"not", "no", "never", "isn't", "don't", "without", "doubt",
		"least", "at", "so", "this", "or", "nor", "but", "however",
		"yet", "though", "although", "except", "good", "bad", "love",
		"hate", "nice", "happy", "sad", "great", "terrible", "bomb",
		"shit", "cut", "mustard", "hand", "mouth", "upper", "break",
		"leg", "under", "weather", "yeah", "right", "red", "black",
		"ball", "fed", "up", ":)", ":-(", "lol", "meh", "ok", "okay",
		"sooo", "goooood", "disappointers", "unhappiness", "x",
		"wonderfully", "amazingly"};
	static const char *const wrap[][2] = {
		{"", ""}, {"", ","}, {"", "."}, {"", "!"}, {"(", ")"},
		{"", "?"}, {"\"", "\""}, {"", ";"}, {"", "!!"}};
	const size_t nv = sizeof vocab / sizeof vocab[0];
	const size_t nw = sizeof wrap / sizeof wrap[0];
	ts_en *cold[2] = {NULL, NULL}, *warm[2] = {NULL, NULL};
	ts_buf e1 = {0}, e2 = {0};
	ts_diag d = {0};
	char text[1024];
	unsigned long long rnd = 12345;
	size_t it, m, k, w, o;

	if (ts_en_new(&cold[0], 1, &d) || ts_en_new(&cold[1], 0, &d) ||
	    ts_en_new(&warm[0], 1, &d) || ts_en_new(&warm[1], 0, &d)) {
		CHECK(0, "setup: %s", d.msg);
		goto out;
	}
#define RND() (rnd = rnd * 6364136223846793005ull + 1442695040888963407ull, \
	       (size_t)(rnd >> 33))
	for (it = 0; it < 600; it++) {
		size_t nwords = 1 + RND() % 24;

		o = 0;
		for (k = 0; k < nwords; k++) {
			const char *v = vocab[RND() % nv];
			size_t c = RND() % nw, st = o, l;
			int cas = (int)(RND() % 6);

			o += (size_t)snprintf(text + o, sizeof text - o, "%s%s%s%s",
			                      k ? " " : "", wrap[c][0], v,
			                      wrap[c][1]);
			for (l = st; l < o; l++) {
				char ch = text[l];

				if (cas == 0 && ch >= 'a' && ch <= 'z')
					text[l] = (char)(ch - 32); /* CAPS */
				else if (cas == 1 && l == st + (k ? 1 : 0) &&
				         ch >= 'a' && ch <= 'z')
					text[l] = (char)(ch - 32); /* Capital */
			}
		}
		for (m = 0; m < 2; m++) {
			ts_score r1, r2;

			/* empty the cold engine's token cache: a new
			 * entry bumps its generation */
			CHECK(ts_en_add_entry(cold[m], "zzqxj", 5, 1.0) == 0, "add");
			ts_buf_reset(&e1);
			ts_buf_reset(&e2);
			CHECK(ts_en_score(&r1, cold[m], text, o, &e1) == 0, "cold");
			for (w = 0; w < 2; w++) { /* fill, then all hits */
				ts_buf_reset(&e2);
				CHECK(ts_en_score(&r2, warm[m], text, o, &e2) == 0,
				      "warm");
			}
			CHECK(memcmp(&r1, &r2, sizeof r1) == 0 &&
			      e1.len == e2.len &&
			      (e1.len == 0 || memcmp(e1.data, e2.data, e1.len) == 0),
			      "mode %zu '%s': %.17g/%.17g '%.*s' vs '%.*s'", m,
			      text, r1.compound, r2.compound, (int)e1.len,
			      e1.data ? e1.data : "", (int)e2.len,
			      e2.data ? e2.data : "");
		}
	}
#undef RND
out:
	for (m = 0; m < 2; m++) {
		ts_en_free(cold[m]);
		ts_en_free(warm[m]);
	}
	ts_buf_free(&e1);
	ts_buf_free(&e2);
}

/* The stems computed at build time (en_stems.c) are Snowball's: the
 * engine stems no lexicon term itself, and every precomputed stem is the
 * one the stemmer gives for the entry's term, so the stem table is the
 * one that stemming at start-up built. */
static void test_prestem(void)
{
	struct sb_stemmer *sb = sb_stemmer_new("english", NULL);
	size_t i, used = 0;

	CHECK(sb != NULL, "stemmer");
	CHECK(def->nstemmed == 0, "stemmed %zu terms at start", def->nstemmed);
	CHECK(ts_en_prestem_n <= def->lex.n, "%zu entries", ts_en_prestem_n);
	for (i = 0; sb && i < ts_en_prestem_n && i < def->lex.n; i++) {
		const struct en_prestem *p = &ts_en_prestem[i];
		const struct en_ent *x = &def->lex.ent[i];
		const char *w = def->keys + x->off;
		const sb_symbol *st;
		size_t tl = strlen(p->tail);
		int sl;

		if (!p->hash)
			continue;
		used++;
		st = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)x->len);
		sl = sb_stemmer_length(sb);
		CHECK(p->hash == x->hash && p->wlen == x->len && st &&
		      p->plen <= x->len && (size_t)sl == p->plen + tl &&
		      memcmp(st, w, p->plen) == 0 &&
		      memcmp(st + p->plen, p->tail, tl) == 0,
		      "entry %zu '%.*s'", i, (int)x->len, w);
	}
	CHECK(used > 7000, "%zu precomputed stems", used);
	if (sb)
		sb_stemmer_delete(sb);
}

/* The caches are emptied when the lexicon or the features change. */
static void test_cache_invalidation(void)
{
	ts_en *e = NULL;
	ts_diag d = {0};
	unsigned f = TS_EN_DEFAULT;

	CHECK(ts_en_new_features(&e, f, &d) == 0, "%s", d.msg);
	if (!e)
		return;
	CHECK_NEAR(sc(e, "flurb", NULL), 0.0);
	CHECK_NEAR(sc(e, "Good,", NULL), norm(1.9));
	CHECK(sc(e, "disappointer", NULL) < 0, "stem");
	CHECK(ts_en_add_entry(e, "flurb", 5, 2.0) == 0, "add");
	CHECK(ts_en_add_entry(e, "good", 4, -1.0) == 0, "override");
	CHECK_NEAR(sc(e, "flurb", NULL), norm(2.0));
	CHECK_NEAR(sc(e, "Good,", NULL), norm(-1.0));
	CHECK(ts_en_set_features(e, f & ~(unsigned)TS_EN_STEM) == 0, "set");
	CHECK_NEAR(sc(e, "disappointer", NULL), 0.0);
	CHECK(ts_en_set_features(e, f) == 0, "set back");
	CHECK_NEAR(sc(e, "disappointer", NULL), norm(-1.9 * 0.3));
	/* TS_EN_NOSINGLE makes a 1-byte token no word ("good" is -1 now) */
	CHECK_NEAR(sc(e, "very a good", NULL), norm(-1.0 - 0.293 * 0.95));
	CHECK(ts_en_set_features(e, f | TS_EN_NOSINGLE) == 0, "nosingle");
	CHECK_NEAR(sc(e, "very a good", NULL), norm(-1.0 - 0.293));
	ts_en_free(e);
}

/* ts_en_score_unless_han() hands a text with Han back untouched. */
static void test_han_stop(void)
{
	ts_score r = {0};
	int han = -1;

	ts_buf_reset(&ev);
	ts_buf_adds(&ev, "x");
	CHECK(ts_en_score_unless_han(&r, def, "very good \xE5\xA5\xBD", 13, &ev,
	                             &han) == 0 && han == 1, "han %d", han);
	CHECK(r.compound == 0 && ev.len == 1, "nothing written");
	CHECK(ts_en_score_unless_han(&r, def, "very good caf\xC3\xA9", 14, &ev,
	                             &han) == 0 && han == 0, "latin %d", han);
	CHECK_NEAR(r.compound, norm(1.9 + 0.293));
	/* kana is not Han */
	CHECK(ts_en_score_unless_han(&r, def, "\xE3\x81\x82 good", 8, NULL,
	                             &han) == 0 && han == 0, "kana %d", han);
}

/* Lower-casing can make UTF-8 longer (U+023A, 2 bytes, becomes U+2C65,
 * 3 bytes): ASCII words after many such words must still fit the scratch
 * buffer of a fresh engine, sized from the text length (16320 + 64 bytes
 * round up to 16384; the lower-case forms take 18500). Before the fix
 * this overran the heap (visible under ASan). */
static void test_lower_growth(void)
{
	size_t i, o = 0, len = 16320;
	char *t = malloc(len);
	ts_en *e = NULL;
	ts_diag d = {0};
	ts_score r;

	if (!t || ts_en_new(&e, 0, &d)) {
		CHECK(0, "setup: %s", d.msg);
		goto out;
	}
	for (i = 0; i < 1000; i++, o += 9)
		memcpy(t + o, "\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA ", 9);
	for (i = 0; i < 812; i++, o += 9)
		memcpy(t + o, "goodgood ", 9);
	memset(t + o, ' ', len - o - 4);
	memcpy(t + len - 4, "good", 4);
	/* only the last word is in the lexicon */
	CHECK(ts_en_score(&r, e, t, len, NULL) == 0 &&
	      near(r.compound, norm(1.9)), "growth %f", r.compound);
out:
	ts_en_free(e);
	free(t);
}

int main(void)
{
	ts_diag d = {0};

	if (ts_en_new(&cmp, 1, &d) || ts_en_new(&def, 0, &d)) {
		fprintf(stderr, "ts_en_new: %s\n", d.msg);
		return 1;
	}
	test_lexicon_word();
	test_booster_dampener();
	test_distance_damping();
	test_caps();
	test_negation_window();
	test_never_so_this();
	test_without_doubt();
	test_least();
	test_kind_of();
	test_but();
	test_exclamation();
	test_question();
	test_idioms();
	test_no();
	test_proportions();
	test_normalisation();
	test_tokenising();
	test_stem();
	test_negation_default();
	test_entities();
	test_elongation();
	test_contrast_words();
	test_evidence();
	test_add_entry();
	test_but_slip();
	test_long_text();
	test_caches();
	test_hit_fields();
	test_prestem();
	test_cache_invalidation();
	test_han_stop();
	test_lower_growth();
	ts_en_free(cmp);
	ts_en_free(def);
	ts_buf_free(&ev);
	return CHECK_DONE();
}
