/* test_zh.c - the Chinese engine: loading, longest match and every rule. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "zh.h"
#include "en.h"
#include "check.h"

static ts_zh *z;
static ts_buf ev;

/* Test words of known valence (rare characters, so that the real lexicon
 * cannot hold a longer entry around them): 甲 +2, 乙 -2. */
static void setup(void)
{
	ts_diag d = {0};

	CHECK(ts_zh_new(&z, &d) == 0, "ts_zh_new: %s", d.msg);
	if (!z)
		exit(1);
	CHECK(ts_zh_add_entry(z, "甲", strlen("甲"), 2.0) == 0, "add 甲");
	CHECK(ts_zh_add_entry(z, "乙", strlen("乙"), -2.0) == 0, "add 乙");
	CHECK(ts_zh_add_entry(z, "甲乙丙", strlen("甲乙丙"), 0) == 0, "add 甲乙丙");
}

/* Score s; returns the compound and leaves the evidence in ev. */
static double sc(const char *s)
{
	ts_score r;

	ts_buf_reset(&ev);
	CHECK(ts_zh_score(&r, z, NULL, s, strlen(s), &ev) == 0, "score %s", s);
	return r.compound;
}

#define EV(text, expect)                                                  \
	do {                                                              \
		sc(text);                                                 \
		CHECK(ev.len == strlen(expect) &&                         \
		      memcmp(ev.data, expect, ev.len) == 0,               \
		      "%s: evidence '%s', expected '%s'", text,           \
		      ev.data ? ev.data : "", expect);                    \
	} while (0)

static void test_basic(void)
{
	ts_score r;

	CHECK(fabs(sc("甲") - 2 / sqrt(4 + 15)) < 1e-9, "compound formula");
	EV("甲", "甲=2");
	CHECK(sc("乙") < 0, "negative word");
	ts_buf_reset(&ev);
	CHECK(ts_zh_score(&r, z, NULL, "", 0, &ev) == 0, "empty");
	CHECK(r.compound == 0 && r.pos == 0 && r.neu == 0 && r.neg == 0, "empty = 0");
	CHECK(ev.len == 0, "no evidence for empty text");
	/* proportions sum to 1 and count neutral characters */
	ts_zh_score(&r, z, NULL, "我觉得甲", strlen("我觉得甲"), NULL);
	CHECK(fabs(r.pos + r.neu + r.neg - 1) < 1e-9 && r.neu > 0 && r.neg == 0,
	      "proportions %f %f %f", r.neg, r.neu, r.pos);
}

static void test_longest_match(void)
{
	/* a neutral entry blocks the shorter words inside it */
	CHECK(sc("甲乙丙") == 0, "blocker 甲乙丙");
	EV("甲乙", "甲=2;乙=-2");
	CHECK(sc("最后甲") > 0 && strstr(ev.data, "最") == NULL,
	      "最后 is not 最: %s", ev.data);
	CHECK(ts_zh_add_entry(z, "hello", 5, 1) == TS_EINVAL, "non-Han term");
}

static void test_degree(void)
{
	EV("很甲", "甲=2.6(2×1.3很)");
	EV("最乙", "乙=-3.2(-2×1.6最)");
	EV("有点乙", "乙=-1(-2×0.5有点)");
	EV("乙了点", "乙=-1.2(-2×0.6了点)");
	/* the degree adverb reaches a word a few characters later */
	EV("太让人乙了", "乙=-3(-2×1.5太)");
	/* 太 + a neutral word = too much */
	EV("太丙了", "太=-1");
	EV("太丙甲了", "甲=3(2×1.5太)");
	/* postfix complement */
	EV("甲极了", "甲=3.2(2×1.6极了)");
	/* a degree adverb is consumed by the first sentiment word */
	EV("很甲乙", "甲=2.6(2×1.3很);乙=-2");
	/* 好 acts as a degree adverb only directly before a sentiment word */
	CHECK(ts_zh_add_entry(z, "好", 3, 2.0) == 0, "add 好");
	EV("好乙", "乙=-2.6(-2×1.3好)");
	EV("好", "好=2");
}

static void test_negation(void)
{
	EV("不甲", "甲=-1.48(2×-0.74不)");
	EV("没有乙", "乙=1.48(-2×-0.74没有)");
	/* flips a word later in the clause, not beyond the clause */
	CHECK(sc("没有想象中甲") < 0, "window");
	CHECK(sc("不，甲") > 0, "clause boundary stops negation");
	/* double negation restores */
	EV("不是不甲", "甲=2(2×1不是不)");
	/* negator then degree: mild; degree then negator: strong */
	EV("不太甲", "甲=-0.74(2×-0.37不太)");
	EV("不是很甲", "甲=-0.74(2×-0.37不是很)");
	EV("太不甲", "甲=-2.22(2×1.5太×-0.74不)");
	CHECK(sc("太不甲") < sc("不甲") && sc("不甲") < sc("不太甲") &&
	      sc("不太甲") < 0, "order of negator and degree matters");
	/* 不如 scores on its own when it acts on no sentiment word */
	EV("明显不如以前", "不如=-1");
	EV("不如甲", "甲=-1.48(2×-0.74不如)");
	CHECK(sc("不去") == 0, "a plain negator alone scores nothing");
	EV("再也不丙了", "再也不=-1.5");  /* never again */
	/* remedy verbs cancel the problem they act on */
	CHECK(sc("我们会修复这些乙") == 0, "修复 + problem is neutral");
	CHECK(sc("修复了") > 0, "修复 alone keeps its valence");
	/* A-not-A questions carry no polarity */
	CHECK(ts_zh_add_entry(z, "戊己", strlen("戊己"), 2.0) == 0, "add 戊己");
	CHECK(sc("戊不戊己") == 0, "戊不戊己 is a question: %s", ev.data);
	CHECK(sc("甲不甲") == 0, "甲不甲 is a question: %s", ev.data);
	/* blockers: 不但 无论 are not negators */
	CHECK(sc("不但甲") > 0 && sc("无论甲") > 0, "blocked negators");
}

static void test_contrast(void)
{
	EV("甲，但是乙", "甲=1.8(2×0.9但是);乙=-2.2(-2×1.1但是)");
	CHECK(sc("甲，但是乙") < 0 && sc("乙，但是甲") > 0, "after weighs more");
	/* a contrast word opening a sentence reaches the previous sentence
	 * (and the second sentence weighs 0.5 as a later sentence) */
	EV("甲。但乙。", "甲=1.8(2×0.9但);乙=-1.1(-2×1.1但×0.5)");
	/* concessive */
	EV("虽然乙，甲", "乙=-1(-2×0.5虽然);甲=3(2×1.5虽然)");
	EV("虽然乙，但是甲", "乙=-1(-2×0.5虽然);甲=2.2(2×1.1但是)");
	/* 就是 introduces a minor point: its clause weighs less */
	EV("甲，就是有点乙", "甲=2;乙=-0.5(-2×0.5有点×0.5就是)");
	/* 除了 X, Y: X weighs less, Y more */
	EV("除了甲，乙", "甲=1(2×0.5除了);乙=-3(-2×1.5除了)");
	/* summary cues weigh up what follows them */
	EV("乙。总的来说甲", "乙=-2;甲=3(2×1.5总的来说)");
}

static void test_sentences(void)
{
	/* sentences after the first one with sentiment weigh 0.5 */
	EV("我来了。甲。乙。", "甲=2;乙=-1(-2×0.5)");
	CHECK(sc("甲。乙。") > 0 && sc("乙。甲。") < 0, "opening sentence leads");
	/* except what a summary word weighs up */
	EV("乙。总的来说甲", "乙=-2;甲=3(2×1.5总的来说)");
}

static void test_punctuation(void)
{
	double plain = sc("甲");

	CHECK(sc("甲！") > plain && sc("甲！！") > sc("甲！"), "! amplifies");
	CHECK(sc("乙！") < sc("乙"), "! amplifies negative too");
	EV("甲!", "甲=2;!×1=0.29");
	/* 吗？ questions weaken */
	EV("甲吗？", "甲=1(2×0.5吗)");
	CHECK(sc("甲吗？") < plain && sc("甲吗？") > 0, "question weakens");
	/* only the particle's clause */
	EV("乙，甲吗？", "乙=-2;甲=1(2×0.5吗)");
	/* conditionals and wishes are not assertions */
	EV("乙，如果甲就甲了", "乙=-2;甲=1(2×0.5如果);甲=1(2×0.5如果)");
	/* rhetorical questions */
	CHECK(sc("难道不甲吗？") > 0, "难道不好吗 is positive");
	CHECK(sc("难道甲吗？") < 0, "难道好吗 is negative");
	CHECK(sc("哪里甲了？") < 0, "哪里好了 is negative");
	CHECK(sc("怎么能这么乙") < 0, "怎么能这么差 stays negative");
	/* rhetorical scope starts at the cue */
	EV("乙，难道甲吗？", "乙=-2;甲=-1.6(2×-0.8难道)");
}

static void test_traditional(void)
{
	CHECK(ts_zh_add_entry(z, "脏", 3, -2.0) == 0, "add 脏");
	EV("很髒", "髒=-2.6(-2×1.3很)");
	/* a traditional entry is stored simplified */
	CHECK(ts_zh_add_entry(z, "壞透", strlen("壞透"), -3.0) == 0, "add 壞透");
	EV("坏透", "坏透=-3");
}

static void test_latin(void)
{
	ts_en *en = NULL;
	ts_diag d = {0};
	ts_score r;
	const char *s = "这个app太bad了";

	/* without the English engine Latin words count for nothing */
	CHECK(sc("甲app") > 0 && strcmp(ev.data, "甲=2") == 0, "latin neutral");
	if (ts_en_new(&en, 0, &d) != 0) {
		fprintf(stderr, "skipping English checks: %s\n", d.msg);
		return;
	}
	ts_buf_reset(&ev);
	CHECK(ts_zh_score(&r, z, en, s, strlen(s), &ev) == 0, "mixed");
	CHECK(r.compound < 0 && strncmp(ev.data, "bad=", 4) == 0 &&
	      strstr(ev.data, "太") != NULL, "English word with a Chinese degree "
	      "adverb: %s", ev.data);
	/* emoticons and emoji through the English engine */
	ts_buf_reset(&ev);
	CHECK(ts_zh_score(&r, z, en, "房间:)", strlen("房间:)"), &ev) == 0 &&
	      r.compound > 0 && strncmp(ev.data, ":)=", 3) == 0, "emoticon: %s", ev.data);
	ts_buf_reset(&ev);
	CHECK(ts_zh_score(&r, z, en, "房间;)", strlen("房间;)"), &ev) == 0 &&
	      strncmp(ev.data, "；)=", strlen("；)=")) == 0,
	      "; inside an emoticon is shown full-width: %s", ev.data);
	ts_buf_reset(&ev);
	CHECK(ts_zh_score(&r, z, en, "服务😡", strlen("服务😡"), &ev) == 0 &&
	      r.compound < 0, "emoji: %s", ev.data);
	ts_buf_reset(&ev);
	CHECK(ts_zh_score(&r, z, en, "甲(乙)", strlen("甲(乙)"), &ev) == 0 &&
	      strcmp(ev.data, "甲=2;乙=-2") == 0, "brackets are not emoticons: %s", ev.data);
	ts_en_free(en);
}

static void test_lexicon_file(void)
{
	static const char ok[] = "# c\nterm\tvalence\textra\n\n丁\t1.5\tnote\n";
	static const char dup[] = "term\tvalence\n丁\t1\n戊\t1\n丁\t2\n";
	static const char bad[] = "term\tvalence\n丁\tx\n";
	static const char nohdr[] = "丁\t1\n";
	ts_diag d = {0};

	CHECK(ts_zh_add_lexicon(z, ok, sizeof ok - 1, "ok.tsv", &d) == 0, "%s", d.msg);
	EV("丁", "丁=1.5");
	CHECK(ts_zh_add_lexicon(z, dup, sizeof dup - 1, "dup.tsv", &d) == TS_ELEXICON,
	      "duplicate");
	CHECK(d.line == 4 && strstr(d.msg, "dup.tsv:4") && strstr(d.msg, "line 2"),
	      "duplicate names both lines: %zu %s", d.line, d.msg);
	CHECK(ts_zh_add_lexicon(z, bad, sizeof bad - 1, "bad.tsv", &d) == TS_ELEXICON &&
	      d.line == 2 && strstr(d.msg, "bad.tsv:2"), "bad valence: %s", d.msg);
	CHECK(ts_zh_add_lexicon(z, nohdr, sizeof nohdr - 1, "h.tsv", &d) == TS_ELEXICON,
	      "missing header");
}

static void test_odd_input(void)
{
	static const char junk[] = "\xff\xfe\xe4\xb8\x8d\xe7\x94\xb2\xe4\xb8\x80\xc3"
	                           "\x80\xf0\x9f\x98\x80\xe4\xb8\0\xe4";
	unsigned char rnd[512];
	ts_score r;
	size_t i;
	int k;

	CHECK(ts_zh_score(&r, z, NULL, junk, sizeof junk - 1, &ev) == 0, "junk");
	srand(7);
	for (k = 0; k < 2000; k++) {
		size_t n = (size_t)rand() % sizeof rnd;

		for (i = 0; i < n; i++) /* bias towards UTF-8 lead/continuation */
			rnd[i] = (unsigned char)(rand() % 4 ? 0x80 + rand() % 0x70
			                                    : rand() % 256);
		ts_buf_reset(&ev);
		CHECK(ts_zh_score(&r, z, NULL, (const char *)rnd, n, &ev) == 0 &&
		      r.compound >= -1 && r.compound <= 1, "random input %d", k);
	}
	/* a long text: evidence stays in order, scratch space grows */
	{
		ts_buf big = {0};
		for (k = 0; k < 3000; k++)
			ts_buf_adds(&big, k % 2 ? "很甲，" : "不乙。");
		CHECK(ts_zh_score(&r, z, NULL, big.data, big.len, &ev) == 0 &&
		      r.compound > 0.99, "long text %f", r.compound);
		ts_buf_free(&big);
	}
}

static void test_determinism(void)
{
	const char *s = "虽然有点乙，但是服务很甲！难道不甲吗？";
	ts_buf a = {0};

	sc(s);
	ts_buf_add(&a, ev.data, ev.len);
	sc(s);
	CHECK(a.len == ev.len && memcmp(a.data, ev.data, a.len) == 0, "same bytes");
	CHECK(!memchr(ev.data, '\t', ev.len) && !memchr(ev.data, '\n', ev.len),
	      "no tabs or newlines in evidence");
	ts_buf_free(&a);
}

/* Pieces of text for the match test: terms of the embedded lexicon and
 * t2s.tsv, cut anywhere, between other characters. */
static const char *const odd_pieces[] = {
	"a", "K", "ok", "OK", "1", " ", "\xEF\xBC\x8C", "\xE3\x80\x82",
	"\xE3\x80\x87", "\xF0\xA0\x80\x80", "\xEF\xBF\xBD", "\xFF", "\xE4\xB8",
	"\xE4\xB7\x80", "\xEF\xA4\x80", ";", "=", "\xF0\x9F\x98\x80",
};

static size_t collect_terms(const char *name, const char **t, size_t *tl,
                            size_t n, size_t max)
{
	size_t len, i = 0;
	const char *d = ts_embedded(name, &len), *e;

	if (!d)
		return n;
	while (i < len && n < max) {
		const char *line = d + i, *tab;

		e = memchr(line, '\n', len - i);
		if (!e)
			e = d + len;
		i = (size_t)(e - d) + 1;
		tab = memchr(line, '\t', (size_t)(e - line));
		if (!tab || *line == '#' || tab == line)
			continue;
		t[n] = line;
		tl[n++] = (size_t)(tab - line);
	}
	return n;
}

static unsigned long long rs = 0x2545F4914F6CDD1DULL;

static unsigned rn(unsigned n)
{
	rs = rs * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rs >> 33) % n);
}

/* The double array finds the same longest matches as the loading trie,
 * over texts made of lexicon terms and their pieces, traditional forms,
 * and terms that continue with characters outside U+3400..U+9FFF. */
static void test_match_structure(void)
{
	static const char *files[] = {
		"zh/lex_adjectives.tsv", "zh/lex_idioms.tsv", "zh/lex_service.tsv",
		"zh/mod_degree.tsv", "zh/mod_negators.tsv", "zh/mod_cues.tsv",
		"zh/t2s.tsv", "zh/mod_blockers.tsv",
	};
	static const char *t[4000];
	static size_t tl[4000];
	size_t n = 0, f;
	int k, bad = 0;

	/* keys outside the code table and odd continuations */
	CHECK(ts_zh_add_entry(z, "甲ok", strlen("甲ok"), 1) == 0, "add 甲ok");
	CHECK(ts_zh_add_entry(z, "丁，好", strlen("丁，好"), 1) == 0, "add 丁，好");
	CHECK(ts_zh_add_entry(z, "丁。", strlen("丁。"), -1) == 0, "add 丁。");
	CHECK(ts_zh_add_entry(z, "〇好", strlen("〇好"), 1) == 0, "add 〇好");
	CHECK(ts_zh_add_entry(z, "\xF0\xA0\x80\x80好", 7, 1) == 0, "add U+20000");
	CHECK(ts_zh_add_entry(z, "丙\xEF\xBF\xBD", 6, 1) == 0, "add U+FFFD");
	CHECK(ts_zh_add_entry(z, "丙\xF0\x9F\x98\x80", 7, 1) == 0, "add emoji");
	for (f = 0; f < sizeof files / sizeof files[0]; f++)
		n = collect_terms(files[f], t, tl, n, sizeof t / sizeof t[0]);
	CHECK(n > 1000, "terms from the embedded lexicon: %zu", n);
	for (k = 0; k < 3000 && n; k++) {
		ts_buf b = {0};
		unsigned m = 1 + rn(30), j;

		for (j = 0; j < m; j++) {
			unsigned r = rn(10);

			if (r < 6) {
				size_t i = rn((unsigned)n);

				ts_buf_add(&b, t[i], tl[i]);
			} else if (r < 8) {   /* a term cut at a byte */
				size_t i = rn((unsigned)n);

				ts_buf_add(&b, t[i], rn((unsigned)tl[i] + 1));
			} else {
				const char *p = odd_pieces[rn(sizeof odd_pieces / sizeof odd_pieces[0])];

				ts_buf_add(&b, p, strlen(p));
			}
		}
		if (ts_zh_check_match(z, b.data ? b.data : "", b.len) != 0)
			bad++;
		ts_buf_free(&b);
	}
	CHECK(bad == 0, "double array and loading trie differ on %d texts", bad);
}

int main(void)
{
	setup();
	test_basic();
	test_longest_match();
	test_degree();
	test_negation();
	test_contrast();
	test_sentences();
	test_punctuation();
	test_traditional();
	test_latin();
	test_lexicon_file();
	test_odd_input();
	test_determinism();
	test_match_structure();
	ts_zh_free(z);
	ts_zh_free(NULL);
	ts_buf_free(&ev);
	return CHECK_DONE();
}
