/* test_claims.c - unit tests of the claims stage (pipeline/lib/claims.c):
 * every quotation, speaker, report, hedge and tag rule in Chinese and
 * English, per-document state, bad input and pattern errors. */
#include "check.h"
#include "claims_int.h"

#include <stdlib.h>

static ts_claims *c;
static const ts_claim *r;
static size_t nr;

static int ex(const char *text)
{
	ts_diag d;
	int rc = ts_claims_extract(c, text, strlen(text), &r, &nr, &d);
	CHECK(rc == 0 && nr >= 1, "%s: rc %d %s", text, rc, d.msg);
	return rc == 0 && nr >= 1;
}

#define FIELD(i, f, want) CHECK_STR(r[i].f.ptr, r[i].f.len, want)

/* one quote row: kind, speaker, cue, quote */
static void quote1(const char *text, const char *speaker, const char *cue,
                   const char *quote)
{
	if (!ex(text))
		return;
	CHECK(nr == 1 && !strcmp(r[0].kind, "quote"), "%s: %zu rows, kind %s",
	      text, nr, r[0].kind);
	FIELD(0, speaker, speaker);
	if (cue)
		FIELD(0, cue, cue);
	FIELD(0, quote, quote);
}

static int has_tag(const char *tag)
{
	size_t tl = strlen(tag), i = 0;
	const char *t = r[0].tags.ptr;
	size_t n = r[0].tags.len;

	while (i < n) {
		size_t e = i;
		while (e < n && t[e] != ',')
			e++;
		if (e - i == tl && !memcmp(t + i, tag, tl))
			return 1;
		i = e + 1;
	}
	return 0;
}

static void kind(const char *text, const char *k, const char *tag)
{
	if (!ex(text))
		return;
	CHECK(!strcmp(r[0].kind, k), "%s: kind %s, expected %s", text,
	      r[0].kind, k);
	if (tag)
		CHECK(has_tag(tag), "%s: tags '%.*s' lack %s", text,
		      (int)r[0].tags.len, r[0].tags.ptr, tag);
}

/* First row of `text`: kind, tags, speaker and quote. */
static void row1(const char *text, const char *k, const char *tags,
                 const char *speaker, const char *quote)
{
	if (!ex(text))
		return;
	CHECK(!strcmp(r[0].kind, k), "%s: kind %s, expected %s", text,
	      r[0].kind, k);
	FIELD(0, tags, tags);
	FIELD(0, speaker, speaker);
	FIELD(0, quote, quote);
}

/*
 * Pre-checks decide which patterns run (prescan: quotation marks, scripts,
 * gate literals); they must never skip a row a pattern matches. Every
 * quotation mark of quotes.tsv (and ＂, which is none) before, after and
 * in Chinese, and report/hedge/superlative/comparative rows at the edges
 * of their gates. Expected values are those of the unoptimised engine.
 */
static void prefilter_rows(void)
{
	static const struct {
		const char *text, *kind, *tags, *speaker, *quote;
	} t[] = {
		{"Bob said, “We will ship the new model next week.”",
		 "quote", "quote", "Bob", "We will ship the new model next week."},
		{"张伟表示：“我们会在下个版本中修复这些问题。”",
		 "quote", "quote", "张伟", "我们会在下个版本中修复这些问题。"},
		{"“We will ship it soon,” said Alice Smith.",
		 "quote", "quote", "Alice Smith", "We will ship it soon,"},
		{"Bob said, 「We will ship the new model next week.」",
		 "quote", "quote", "Bob", "We will ship the new model next week."},
		{"张伟表示：「我们会在下个版本中修复这些问题。」",
		 "quote", "quote", "张伟", "我们会在下个版本中修复这些问题。"},
		{"「We will ship it soon,」 said Alice Smith.",
		 "quote", "quote", "Alice Smith", "We will ship it soon,"},
		{"Bob said, 『We will ship the new model next week.』",
		 "quote", "quote", "Bob", "We will ship the new model next week."},
		{"张伟表示：『我们会在下个版本中修复这些问题。』",
		 "quote", "quote", "张伟", "我们会在下个版本中修复这些问题。"},
		{"『We will ship it soon,』 said Alice Smith.",
		 "quote", "quote", "Alice Smith", "We will ship it soon,"},
		{"Bob said, ‘We will ship the new model next week.’",
		 "quote", "quote", "Bob", "We will ship the new model next week."},
		{"张伟表示：‘我们会在下个版本中修复这些问题。’",
		 "quote", "quote", "张伟", "我们会在下个版本中修复这些问题。"},
		{"‘We will ship it soon,’ said Alice Smith.",
		 "quote", "quote", "Alice Smith", "We will ship it soon,"},
		{"Bob said, «We will ship the new model next week.»",
		 "quote", "quote", "Bob", "We will ship the new model next week."},
		{"张伟表示：«我们会在下个版本中修复这些问题。»",
		 "quote", "quote,report", "张伟", "我们会在下个版本中修复这些问题。"},
		{"«We will ship it soon,» said Alice Smith.",
		 "quote", "quote", "Alice Smith", "We will ship it soon,"},
		{"Bob said, „We will ship the new model next week.“",
		 "quote", "quote", "Bob", "We will ship the new model next week."},
		{"张伟表示：„我们会在下个版本中修复这些问题。“",
		 "quote", "quote,report", "张伟", "我们会在下个版本中修复这些问题。"},
		{"„We will ship it soon,“ said Alice Smith.",
		 "quote", "quote", "Alice Smith", "We will ship it soon,"},
		{"Bob said, \"We will ship the new model next week.\"",
		 "quote", "quote", "Bob", "We will ship the new model next week."},
		{"张伟表示：\"我们会在下个版本中修复这些问题。\"",
		 "quote", "quote", "张伟", "我们会在下个版本中修复这些问题。"},
		{"\"We will ship it soon,\" said Alice Smith.",
		 "quote", "quote", "Alice Smith", "We will ship it soon,"},
		{"Bob said, 'We will ship the new model next week.'",
		 "quote", "quote", "Bob", "We will ship the new model next week."},
		{"张伟表示：'我们会在下个版本中修复这些问题。'",
		 "quote", "quote,report", "张伟", "我们会在下个版本中修复这些问题。"},
		{"'We will ship it soon,' said Alice Smith.",
		 "quote", "quote", "Alice Smith", "We will ship it soon,"},
		{"Bob said, ＂We will ship the new model next week.＂",
		 "none", "", "", ""},
		{"张伟表示：＂我们会在下个版本中修复这些问题。＂",
		 "report", "report", "张伟", ""},
		{"＂We will ship it soon,＂ said Alice Smith.",
		 "none", "", "", ""},
		{"据IDC数据显示，出货量增长了。",
		 "report", "report", "IDC", ""},
		{"据国家统计局数据显示，物价上涨了。",
		 "report", "report", "国家统计局", ""},
		{"酒店后来说，如果当时通过携程预订，就是一个价。",
		 "report", "report", "酒店", ""},
		/* 说 in a discourse marker reports no one */
		{"总体来说，还不错。", "none", "", "", ""},
		{"也就是说，地图只有主干道。", "none", "", "", ""},
		{"不得不说，物超所值。", "none", "", "", ""},
		{"环境没得说，幽静。", "none", "", "", ""},
		{"超挤不说，那床还格外软。", "none", "", "", ""},
		/* a clause in brackets is no gloss of a name */
		{"车价格贵(比出租车贵很多)表示，还要等。", "none", "comparative", "", ""},
		{"据新华社报道，销量增长了三成。",
		 "report", "report,number", "新华社", ""},
		{"According to Reuters, sales rose 5%.",
		 "report", "report,number", "Reuters", ""},
		{"The company said that profits rose.",
		 "report", "report", "The company", ""},
		{"It is reportedly the best phone ever.",
		 "hedge", "hedge,superlative", "", ""},
		{"Sales were higher than expected.",
		 "none", "comparative", "", ""},
		{"这是史上最好的手机。",
		 "none", "superlative", "", ""},
		{"据说他会来。",
		 "hedge", "hedge", "", ""},
		{"said that",
		 "none", "", "", ""},
		{"that said",
		 "none", "", "", ""},
		{"reported that x",
		 "none", "", "", ""},
		{"x reports that",
		 "report", "report", "x", ""},
		{"最好",
		 "none", "superlative", "", ""},
		{"比他更快",
		 "none", "comparative", "", ""},
		/* … — share first bytes with “ ” ‘ ’; « » are two bytes */
		{"他说：“……好吧——就这样吧，我们明天再谈。”",
		 "quote", "quote", "他", "好吧——就这样吧，我们明天再谈。"},
		{"«Non», dit-il — “c’est fini…” et puis ‘rien’.",
		 "quote", "quote,term", "", "c’est fini…"},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		ts_claims_reset(c);   /* each row its own document */
		row1(t[i].text, t[i].kind, t[i].tags, t[i].speaker, t[i].quote);
	}
}

/* The gate index: literals shorter than its key, literals at both ends of
 * the text, '&&' groups, more than 64 gates, and a window gate whose
 * literal occurs in the row but outside the window. */
static void gate_index(void)
{
	ts_claims *save = c;
	ts_buf pat = {0};
	ts_diag d;
	size_t i;
	char filler[101];

	ts_buf_adds(&pat, "list\tentry\targ\n"
	            "re.hedge.en\txyzzy\ty\n"
	            "re.hedge.en\tfrotz\tq\n"
	            "re.hedge.en\tplugh\tplu\n"
	            "re.hedge.en\tgrue\true\n"
	            "re.hedge.en\tfrob\\w*\tfrob&&nicate\n"
	            "re.hedge.en\tzorkmid\tzork&&mid&&q\n"
	            "re.before.en\t(?<cue>quoth)\\s*\\z\tquoth&&zork\n");
	for (i = 0; i < 70; i++)
		ts_buf_addf(&pat, "re.hedge.en\tw%zuqqx\tw%zuqq\n", i, i);
	CHECK(ts_claims_new(&c, &d) == 0, "new: %s", d.msg);
	if (!c) {
		c = save;
		ts_buf_free(&pat);
		return;
	}
	CHECK(ts_claims_add_patterns(c, pat.data, pat.len, "gates.tsv", &d) == 0,
	      "gates: %s", d.msg);
	kind("an xyzzy", "hedge", "hedge");   /* one-byte literal */
	kind("frotz", "none", NULL);          /* its gate is closed */
	kind("plugh is here", "hedge", "hedge");   /* literal at 0 */
	kind("plugh", "hedge", "hedge");
	kind("a grue", "hedge", "hedge");     /* literal at the end */
	kind("frobnicate", "hedge", "hedge"); /* both groups */
	kind("frob it", "none", NULL);        /* one group of two */
	kind("zorkmid", "none", NULL);
	kind("zorkmid q", "hedge", "hedge");
	kind("w69qqx", "hedge", "hedge");     /* gate unit past 64 */
	kind("w1qqx", "hedge", "hedge");
	kind("w69qqy", "none", NULL);
	quote1("zork Bob quoth \"hello there my good friends, how are you\"",
	       "Bob", "quoth", "hello there my good friends, how are you");
	memset(filler, 'x', 100);
	filler[100] = '\0';
	ts_buf_reset(&pat);
	ts_buf_addf(&pat, "zork %s Bob quoth \"hello there my good friends, "
	            "how are you\"", filler);
	quote1(pat.data, "", NULL, "hello there my good friends, how are you");
	ts_claims_free(c);
	c = save;
	ts_buf_free(&pat);
}

/* Word lists skip positions whose first three bytes start no word
 * (ASCII case folded; two-byte words by both bytes, one-byte words
 * bypass it). Titles in capitals, a two-byte title, a one-byte title and
 * a one-byte group word. */
static void list_filters(void)
{
	ts_claims *save = c;
	const char *add = "list\tentry\ntitle.en\tchief wizard\n"
	                  "title.en\tvp\ntitle.zh\t大\ngroup.zh\t众\n";
	ts_diag d;

	CHECK(ts_claims_new(&c, &d) == 0, "new: %s", d.msg);
	if (!c) {
		c = save;
		return;
	}
	CHECK(ts_claims_add_patterns(c, add, strlen(add), "lists.tsv", &d) == 0,
	      "lists: %s", d.msg);
	quote1("\"We will ship it next week for everyone,\" said CHIEF WIZARD "
	       "Jane Doe.", "Jane Doe", "said",
	       "We will ship it next week for everyone,");
	quote1("\"We will ship it next week for everyone,\" said Chief Wizard "
	       "Jane Doe.", "Jane Doe", "said",
	       "We will ship it next week for everyone,");
	quote1("\"We will ship it next week for everyone,\" said VP Jane Doe.",
	       "Jane Doe", "said", "We will ship it next week for everyone,");
	quote1("大张伟说：“我们会在下个版本中修复这些问题。”", "张伟", "说",
	       "我们会在下个版本中修复这些问题。");
	quote1("众人说：“我们会在下个版本中修复这些问题。”", "众人", "说",
	       "我们会在下个版本中修复这些问题。");
	ts_claims_free(c);
	c = save;
}

/* re.comparative.en is written to start from a literal "er" (see
 * patterns.tsv); it must tag the same rows as the \b\w{3,}er form it
 * replaced: case variants, long s, several and Unicode spaces, words of
 * fewer than three letters, "than" inside a word. Expected values from
 * the old pattern. */
static void comparative_rows(void)
{
	static const struct {
		const char *text;
		int tagged;
	} t[] = {
		{"It OUTPERFORMED rivals.", 0},
		{"It is xoutperform.", 0},
		{"Bigger  than ever.", 1},
		{"ſmaller than that.", 1},
		{"Much darKer than before.", 1},
		{"It is anymore than that.", 0},
		{"abcer than", 1},
		{"ab er than", 0},
		{"éééer than x", 1},
		{"中文er than x", 0},
		{"12er than x", 0},
		{"__er than x", 0},
		{"a-er than x", 0},
		{"better thanks", 0},
		{"better than.", 1},
		{"surpassing all", 1},
		{"nonsurpass x", 0},
		{"more than ever", 1},
		{"lower　THAN ever", 1},
		{"Smaller Than", 1},
		{"fewer than 3", 1},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (!ex(t[i].text))
			continue;
		CHECK(has_tag("comparative") == t[i].tagged, "%s: comparative %d",
		      t[i].text, !t[i].tagged);
	}
}

/* A failed ts_claims_add_patterns() keeps what it loaded before the bad
 * line (a new mark pair, a pattern with 70 gate groups whose regex is
 * not compiled, one that is): the handle stays usable and the tables
 * derived from the patterns follow them (same rows as before those
 * tables existed). */
static void failed_add(void)
{
	ts_claims *save = c;
	ts_buf bad = {0};
	ts_diag d;
	size_t i;

	CHECK(ts_claims_new(&c, &d) == 0, "new: %s", d.msg);
	if (!c) {
		c = save;
		return;
	}
	ts_buf_adds(&bad, "list\tentry\targ\npair\t<<\t>>\nre.hedge.en\tzork\tzo");
	for (i = 0; i < 70; i++)
		ts_buf_addf(&bad, "&&x%zu", i);
	ts_buf_adds(&bad, "\nre.hedge.en\tplugh\tplugh\nre.hedge.en\t(unclosed\n");
	CHECK(ts_claims_add_patterns(c, bad.data, bad.len, "bad.tsv", &d) ==
	      TS_EPATTERN, "bad.tsv: %s", d.msg);
	quote1("Bob said <<hello there my good friends>> today.", "Bob", "said",
	       "hello there my good friends");
	kind("plugh and zork", "hedge", "hedge");
	quote1("张伟说：“我们会在下个版本中修复这些问题。”", "张伟", "说",
	       "我们会在下个版本中修复这些问题。");
	ts_claims_free(c);
	c = save;
	ts_buf_free(&bad);
}

/* Invalid UTF-8 around the fast paths of the validator (eight ASCII bytes
 * at a time, one test per common three-byte character): each bad byte
 * becomes U+FFFD, valid sequences at the edges stay. */
static void utf8_rows(void)
{
	static const char *const bad[] = {
		"\xFF", "\xC3", "\xE0\x80\x80", "\xED\xA0\x80",
		"\xF4\x90\x80\x80", "\xE4\xB8", "\xC0\xAF"};
	static const char *const good[] = {
		"\xE0\xA0\x80", "\xED\x9F\xBF", "\xEF\xBF\xBD",
		"\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xC2\x80"};
	/* ASCII before the sequence, or a run of three-byte characters */
	static const char *const fill[] = {
		"abcdefghij", "一二三四五六七八九十"};
	static const size_t width[] = {1, 3};
	static const char head[] = "Bob said, \xE2\x80\x9C";
	static const char tail[] = " one two three four five.\xE2\x80\x9D";
	char text[128], want[128];
	size_t i, k, j, off, f;

	for (f = 0; f < 2; f++)
	for (off = 0; off < 10; off++)
		for (i = 0; i < sizeof bad / sizeof bad[0] + sizeof good /
		                sizeof good[0]; i++) {
			int isbad = i < sizeof bad / sizeof bad[0];
			const char *seq = isbad ? bad[i] :
			                  good[i - sizeof bad / sizeof bad[0]];
			size_t w = 0;
			snprintf(text, sizeof text, "%s%.*s%s%s", head,
			         (int)(off * width[f]), fill[f], seq, tail);
			for (k = 0; k < off * width[f]; k++)
				want[w++] = fill[f][k];
			for (j = 0; seq[j]; j++) {
				if (isbad) {
					memcpy(want + w, "\xEF\xBF\xBD", 3);
					w += 3;
				} else {
					want[w++] = seq[j];
				}
			}
			memcpy(want + w, " one two three four five.", 25);
			w += 25;
			want[w] = '\0';
			if (!ex(text))
				continue;
			CHECK(nr == 1, "utf8 %zu at %zu: %zu rows", i, off, nr);
			FIELD(0, quote, want);
		}
}


/* ------------------------------------------------------------------ */
/* fast paths against the plain ones (ts_claims_slow_paths), on random
 * texts built from pieces that patterns, gates, marks and lists react to */

static const char *const pieces[] = {
	/* English cues, sources, hedges, evaluative words, gate literals */
	"said", "says", "Said", "SAID", "told", "wrote", "added", "noted",
	"argued", "asked", "claimed", "stated", "went on", "goes on",
	"reported", "reports", "announced", "confirmed", "revealed",
	"estimates", "according to", "According to", "ccording", " that",
	"reportedly", "allegedly", "rumor", "RUMOUR", "said to", "believed to",
	"apparently", "unconfirmed", "sources said", "best", "Best", "BEST",
	"worst", "the largest", "the most", "least", "record high",
	"record-low", "all-time", "est", "EST", "than", "Than", "THAN",
	"better than", "bigger than", "outperform", "surpassed", "as ",
	"so-called", "dubbed", "saying", "adding", "telling reporters",
	"also", "later", "Sen.", "Dr.", "U.S.", "Mr.", "Rep.",
	/* gate literals of more than eight bytes but for the last */
	"believed tx", "nconfirmex", "ources sx", "pparentlx", "expected tx",
	/* names, titles, groups, pronouns */
	"Bob", "Jane Doe", "Smith", "Critics", "users", "he", "She",
	"researcher", "chief scientist", "the company", "Reuters",
	/* Chinese cues, sources, hedges, terms, evaluative words */
	"说", "表示", "称", "指出", "透露", "强调", "坦言", "回应道", "问",
	"报道称", "据", "据悉", "据说", "传闻称", "有消息称", "据了解",
	"援引", "《华尔街日报》", "新华社", "所谓", "所谓的", "被称为", "号称",
	"最", "最好", "最近", "史上最", "有史以来", "首个", "比", "更加",
	"高于", "超过", "远超", "更", "张伟", "李明", "网友", "他", "她",
	"首席科学家", "记者", "在微博上", "对记者", "也", "随后", "笑着",
	"的", "评价", "有人",
	/* numbers */
	"3", "2023", "$5", "5 billion", "三百", "300多万", "第3名", "1亿美金",
	"百分之五", "nine-figure", "two months",
	/* marks and punctuation */
	"“", "”", "\"", "'", "‘", "’", "「", "」", "『", "』", "«", "»", "„",
	"＂", "：", ":", "，", ",", "。", ".", "！", "?", "？", "；", "…", "—",
	"（", "(", ")", "、",
	/* filler */
	" ", " ", " ", "  ", "\t", "the", "a", "it", "model", "phone", "x",
	"这个", "模型", "手机", "我们", "不", "好", "é", "ß", "Ω", "ſ", "K",
	"😀", "中", "日本語", "한국어",
};

static unsigned long long rng_state = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

static void random_text(ts_buf *b)
{
	size_t k, n = 1 + rnd(40);

	ts_buf_reset(b);
	for (k = 0; k < n; k++)
		ts_buf_adds(b, pieces[rnd(sizeof pieces / sizeof pieces[0])]);
}

static int same_field(ts_field a, ts_field b)
{
	return a.len == b.len && (!a.len || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* Two handles for a fast/slow comparison, *slow with the slow paths
 * `paths` (ts_claims_slow_paths): 0 when they could not be made (the
 * failure is counted). */
static int pair_new(ts_claims **fast, ts_claims **slow, unsigned paths)
{
	ts_diag d;

	*fast = *slow = NULL;
	CHECK(ts_claims_new(fast, &d) == 0 && ts_claims_new(slow, &d) == 0,
	      "new: %s", d.msg);
	if (!*fast || !*slow)
		return 0;
	CHECK(ts_claims_slow_paths(*slow, paths, &d) == 0, "slow paths %#x: %s",
	      paths, d.msg);
	return 1;
}

/* The end of a fast/slow comparison: no text differed; the pair and the
 * text buffer freed. */
static void pair_end(ts_claims *fast, ts_claims *slow, ts_buf *t, size_t bad)
{
	CHECK(bad == 0, "%zu texts differ", bad);
	ts_claims_free(fast);
	ts_claims_free(slow);
	ts_buf_free(t);
}

/* Run `text` through handles a and b (with the same document history):
 * the same rows? */
static int same_rows(ts_claims *a, ts_claims *b, const char *text,
                     size_t len)
{
	const ts_claim *ra, *rb;
	size_t na, nb, k;
	ts_diag d;
	double fa[TS_CW_NFEAT], fb[TS_CW_NFEAT];

	if (ts_claims_extract(a, text, len, &ra, &na, &d) != 0 ||
	    ts_claims_extract(b, text, len, &rb, &nb, &d) != 0 || na != nb)
		return 0;
	for (k = 0; k < na; k++)
		if (strcmp(ra[k].kind, rb[k].kind) != 0 ||
		    !same_field(ra[k].tags, rb[k].tags) ||
		    !same_field(ra[k].speaker, rb[k].speaker) ||
		    !same_field(ra[k].cue, rb[k].cue) ||
		    !same_field(ra[k].quote, rb[k].quote) ||
		    !same_field(ra[k].quantity, rb[k].quantity) ||
		    ra[k].checkworthy != rb[k].checkworthy ||
		    !same_field(ts_claims_speaker_surface(a, k),
		                ts_claims_speaker_surface(b, k)))
			return 0;
	ts_claims_last_features(a, fa);
	ts_claims_last_features(b, fb);
	/* the same gates passed (a gate open in vain changes no row) */
	{
		uint64_t ga[64], gb[64];
		size_t nga = ts_claims_gates(a, ga, 64), ngb = ts_claims_gates(b, gb, 64);
		if (nga != ngb || nga > 64 || memcmp(ga, gb, nga * sizeof *ga) != 0)
			return 0;
	}
	return memcmp(fa, fb, sizeof fa) == 0;
}

/* n random texts (random_text, into t) through handles a and b, both reset
 * every `reset` texts (0: never): how many give different rows; the first
 * five are reported as "<what> differ on '<text>'". */
static size_t differ_random(ts_claims *a, ts_claims *b, ts_buf *t, size_t n,
                            size_t reset, const char *what)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++) {
		if (reset && i % reset == 0) {
			ts_claims_reset(a);
			ts_claims_reset(b);
		}
		random_text(t);
		if (!same_rows(a, b, t->data, t->len) && bad++ < 5)
			CHECK(0, "%s differ on '%.*s'", what, (int)t->len, t->data);
	}
	return bad;
}

/*
 * Prefix-factored word lists (PCRE2 alternations shaped like a trie), the
 * per-character pre-scan of non-ASCII text, the eight-bytes-a-step one of
 * ASCII text and the feature pass over runs
 * of Chinese characters give the rows and features of the flat lists,
 * the byte-by-byte pre-scan and the character-by-character feature pass
 * (ts_claims_last_features too): random texts, documents of a
 * few rows (so the per-document state is compared too). A word list with
 * case variants, a word that is a prefix of another and non-ASCII
 * letters added first, so that factoring must stay flat where it cannot
 * prove the order harmless.
 */
static void slow_paths(void)
{
	static const char extra[] =
		"list\tentry\n"
		"cue.en\tSays\ncue.en\tsay\ncue.en\tsaying it\ncue.en\tſays\n"
		"cue.en\tKelvin\ncue.en\t\xE2\x84\xAA" "elvin\ncue.en\tstraße\n"
		"cue.zh\t说道\ncue.zh\t说了说\ncue.zh\tÉcrit\n"
		"hedge.en\t(a.b)\nhedge.en\ta+b\n";
	ts_claims *fast = NULL, *slow = NULL;
	ts_buf t = {0};
	ts_diag d;
	size_t bad = 0;
	int round;

	for (round = 0; round < 2; round++) {
		CHECK(ts_claims_new(&fast, &d) == 0 && ts_claims_new(&slow, &d) == 0,
		      "new: %s", d.msg);
		if (!fast || !slow)
			break;
		if (round == 1)
			CHECK(ts_claims_add_patterns(fast, extra, strlen(extra), "x",
			                             &d) == 0 &&
			      ts_claims_add_patterns(slow, extra, strlen(extra), "x",
			                             &d) == 0, "extra: %s", d.msg);
		CHECK(ts_claims_slow_paths(slow, TS_CLAIMS_FLAT_LISTS |
		                           TS_CLAIMS_BYTE_PRESCAN |
		                           TS_CLAIMS_CHAR_FEATURES |
		                           TS_CLAIMS_REGEX_TAGS |
		                           TS_CLAIMS_FULL_SCAN, &d) == 0,
		      "slow paths: %s", d.msg);
		bad += differ_random(fast, slow, &t, 40000, 5,
		                     "fast and slow paths");
		/* and the plain ways back */
		CHECK(ts_claims_slow_paths(slow, 0, &d) == 0, "fast again");
		bad += differ_random(fast, slow, &t, 2000, 0, "fast paths");
		ts_claims_free(fast);
		ts_claims_free(slow);
		fast = slow = NULL;
	}
	CHECK(bad == 0, "%zu texts differ", bad);
	ts_buf_free(&t);
}

/*
 * The superlative and comparative tags decided in C (tag_match) against
 * PCRE2 (TS_CLAIMS_REGEX_TAGS): random texts of the pieces those patterns
 * and their edges react to: each literal in several cases, ASCII spaces
 * of every kind and Unicode ones (U+0085, U+00A0, U+2000), \w and non-\w
 * characters past ASCII on either side, U+017F and U+212A (which match s
 * and k caselessly), invalid bytes (trusted text), texts of up to
 * TAG_MAX bytes and just past it, and long runs that make PCRE2 work
 * hardest (its match limit must not decide on texts C decides).
 */
static const char *const tag_pieces[] = {
	"than", "THAN", "tHaN", "than_", "thank", " ", " ", "  ", "\t", "\v",
	"\f", "\r", "\n", "\xC2\x85", "\xC2\xA0", "\xE2\x80\x80", "more",
	"More", "worse", "less", "LESS", "er", "Er", "bett", "wid", "a", "_",
	"9", "é", "ſ", "\xE2\x84\xAA", "\xCB\xA0", "outpac", "outperform",
	"OutPerform", "surpass", "x", "the", "The", "THE", "best", "Best",
	"worst", "most", "least", "largest", "weakest", "wea", "est",
	"first-ever", "first", "-ever", "record", "Record", "-", "high", "low",
	"all-time", "all", "-time", "Ω", "😀", ".", ",", "'", "ly", "s", "k",
	"\xC5", "\xBF", "\x84\xAA", "\xFF", "\xE2\x84",
};

static void tag_paths(void)
{
	static const char *const runs[] = {
		"more ", "er  ", "the ", "the best ", "aer\t", "x", " ", "worse",
		"lesser than ", "thethe ", "record-", "_er than"
	};
	ts_claims *fast, *slow;
	ts_buf t = {0};
	size_t i, k, n, bad = 0;

	if (!pair_new(&fast, &slow, TS_CLAIMS_REGEX_TAGS))
		goto out;
	CHECK(ts_claims_tags_in_c(fast) == 2, "superlative and comparative of "
	      "English decided in C (patterns.tsv changed? see tag_super_en)");
	for (i = 0; i < 60000; i++) {
		int trust = i >= 30000;
		ts_claims_trust_utf8(fast, trust);
		ts_claims_trust_utf8(slow, trust);
		ts_buf_reset(&t);
		n = 1 + rnd(30);
		for (k = 0; k < n; k++) {
			const char *pc = tag_pieces[rnd(sizeof tag_pieces /
			                                sizeof tag_pieces[0])];
			/* invalid bytes only where trusted */
			if (!trust && (unsigned char)pc[0] >= 0x80 &&
			    (unsigned char)pc[0] < 0xC2)
				pc = " ";
			ts_buf_adds(&t, pc);
		}
		if (!same_rows(fast, slow, t.data, t.len) && bad++ < 5)
			CHECK(0, "C and PCRE2 tags differ on '%.*s'", (int)t.len,
			      t.data);
	}
	ts_claims_trust_utf8(fast, 0);
	ts_claims_trust_utf8(slow, 0);
	/* long texts: one run repeated to about 4096 bytes (TAG_MAX) and
	 * past it, ending in a piece that may match or not */
	for (i = 0; i < 400; i++) {
		const char *run1 = runs[rnd(sizeof runs / sizeof runs[0])];
		size_t want = 4000 + rnd(200);
		ts_buf_reset(&t);
		while (t.len < want)
			ts_buf_adds(&t, run1);
		ts_buf_adds(&t, tag_pieces[rnd(sizeof tag_pieces /
		                               sizeof tag_pieces[0])]);
		if (rnd(2))
			ts_buf_adds(&t, " than");
		if (!same_rows(fast, slow, t.data, t.len) && bad++ < 5)
			CHECK(0, "C and PCRE2 tags differ on a long text of '%s'", run1);
	}
out:
	pair_end(fast, slow, &t, bad);
}

/*
 * Patterns whose every match starts with a literal of their gate are
 * tried only where one occurs, anchored (run_lead): against the search
 * over the whole text or the window before a quotation
 * (TS_CLAIMS_FULL_SCAN) on random texts of the Chinese pieces those
 * patterns react to, literals that are prefixes of others (报道, 报道称;
 * 说, 说道) and that repeat, in quotations (where a report is searched
 * on after) and out, cue and term words before quotation marks; and
 * which patterns lead_gate() takes.
 */
static const char *const lead_pieces[] = {
	"说", "表示", "称", "报道", "报道称", "指出", "透露", "补充说",
	"介绍说", "就是说", "听说", "来说", "后来说", "据", "据说", "据悉",
	"《科技日报》", "新华社", "公司", "张伟", "记者", "比", "比较", "更",
	"更加", "不如", "高于", "好", "快", "可能", "据传", "或许", "最",
	"最近", "史上", "史上最", "之最", "首个",
	"“", "”", "，", ",", "：", ":", "。", "；", " ", "的", "局", "了",
	"a", "X", "😀",
	/* cue words (re.before.zh) and terms (re.term.zh) before a mark */
	"说道", "说：“", "表示，“", "问", "问道", "告诉他", "所谓", "所谓的“",
	"号称“", "被称为", "称为“", "“好”", "道：", "是",
};

/* How many patterns of `extra` (a patterns file added to the built-in
 * ones) lead_gate() takes: -1 when it does not load. */
static long lead_count(const char *extra)
{
	ts_claims *h = NULL;
	ts_buf b = {0};
	ts_diag d;
	long n = -1;

	ts_buf_adds(&b, "list\tentry\targ\n");
	ts_buf_adds(&b, extra);
	if (ts_claims_new(&h, &d) == 0 &&
	    ts_claims_add_patterns(h, b.data, b.len, "x", &d) == 0)
		n = (long)ts_claims_lead_patterns(h);
	ts_claims_free(h);
	ts_buf_free(&b);
	return n;
}

static void lead_paths(void)
{
	static const struct { const char *pat; long more; } cases[] = {
		{"re.report.zh\t(?<cue>{reportverb.zh})了\t{reportverb.zh}\n", 1},
		{"re.hedge.zh\t(?<h>{hedge.zh})\t{hedge.zh}\n", 1},
		{"re.hedge.zh\t比较|最好\t比较|最好\n", 1},
		{"re.hedge.zh\t比较(?i)x|最好\t比较|最好\n", 0},  /* an option */
		{"re.hedge.zh\t(?<!不)比较\t比较\n", 0},   /* lookbehind first */
		{"re.hedge.zh\t更加?好\t更加\n", 0},       /* 更 may start it */
		{"re.hedge.zh\t比较|史上最\t比较|最\n", 0}, /* starts at 史 */
		{"re.hedge.zh\t比较\t比较&&好\n", 0},      /* two groups */
		{"re.hedge.en\tab|cde\tab|cde\n", 0},      /* short literal */
		{"re.hedge.zh\t[比]较|比较\t比较\n", 0},
		{"re.hedge.zh\t\\Q比较\\E\t比较\n", 0},
		{"re.hedge.zh\t(?:{hedge.zh})+\t{hedge.zh}\n", 0},
		{"re.before.zh\t(?<cue>{cue.zh})\\s*\\z\t{cue.zh}\n", 1},
		{"re.term.zh\t(?:{term.zh})\\s*\\z\t{term.zh}\n", 1},
		/* anchored at the closing mark anyway */
		{"re.after.zh\t(?<cue>{cue.zh})\t{cue.zh}\n", 0},
		{"re.hedge.zh\t比较\n", 0},                  /* no gate */
	};
	static const char extra[] =
		"list\tentry\targ\n"
		"re.hedge.zh\t比较|更加(?:好|快)\t比较|更加\n"
		"re.report.zh\t(?<cue>{reportverb.zh})(?<speaker>[^，]{0,4})\t"
		"{reportverb.zh}\n";
	ts_claims *fast, *slow;
	ts_buf t = {0};
	size_t i, k, n, bad = 0, base;
	ts_diag d;

	if (!pair_new(&fast, &slow, TS_CLAIMS_FULL_SCAN))
		goto out;
	base = ts_claims_lead_patterns(fast);
	CHECK(base == 8, "8 built-in patterns tried where their gate's literals "
	      "occur, not %zu (patterns.tsv changed? see lead_gate)", base);
	CHECK(ts_claims_lead_patterns(slow) == base, "the same patterns lead");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long got = lead_count(cases[i].pat);

		CHECK(got == (long)base + cases[i].more, "lead_gate on '%s': %ld",
		      cases[i].pat, got);
	}
	CHECK(ts_claims_add_patterns(fast, extra, strlen(extra), "x", &d) == 0 &&
	      ts_claims_add_patterns(slow, extra, strlen(extra), "x", &d) == 0,
	      "extra: %s", d.msg);
	CHECK(ts_claims_lead_patterns(fast) == base + 2, "the extra ones lead");
	for (i = 0; i < 40000; i++) {
		if (i % 5 == 0) {
			ts_claims_reset(fast);
			ts_claims_reset(slow);
		}
		ts_buf_reset(&t);
		n = 1 + rnd(30);
		for (k = 0; k < n; k++)
			ts_buf_adds(&t, lead_pieces[rnd(sizeof lead_pieces /
			                                sizeof lead_pieces[0])]);
		if (!same_rows(fast, slow, t.data, t.len) && bad++ < 5)
			CHECK(0, "lead and full search differ on '%.*s'", (int)t.len,
			      t.data);
	}
out:
	pair_end(fast, slow, &t, bad);
}

/*
 * 40,000 random texts of 1..maxn pieces through a handle with the slow
 * paths `paths` and one without, which must give the same rows; the
 * second half trusted to be UTF-8 (ts_claims_trust_utf8). In the first
 * half `untrusted` replaces the pieces that are no characters.
 */
static void trust_rows(unsigned paths, const char *const *pcs,
                       size_t npieces, unsigned maxn,
                       const char *(*untrusted)(const char *const *pcs,
                                                size_t npieces, size_t k),
                       const char *what)
{
	ts_claims *fast, *slow;
	ts_buf t = {0};
	size_t i, k, n, bad = 0;

	if (!pair_new(&fast, &slow, paths))
		goto out;
	for (i = 0; i < 40000; i++) {
		int trust = i >= 20000;
		ts_claims_trust_utf8(fast, trust);
		ts_claims_trust_utf8(slow, trust);
		ts_buf_reset(&t);
		n = 1 + rnd(maxn);
		for (k = 0; k < n; k++) {
			size_t z = rnd((unsigned)npieces);
			ts_buf_adds(&t, trust ? pcs[z] : untrusted(pcs, npieces, z));
		}
		if (!same_rows(fast, slow, t.data, t.len) && bad++ < 5)
			CHECK(0, "%s differ on '%.*s'", what, (int)t.len, t.data);
	}
out:
	pair_end(fast, slow, &t, bad);
}

/* apos_paths(): pieces starting with F0, E4 or C3 hold invalid bytes */
static const char *apos_untrusted(const char *const *pcs, size_t npieces,
                                  size_t k)
{
	unsigned char b = (unsigned char)pcs[k][0];

	(void)npieces;
	return b == 0xF0 || b == 0xE4 || b == 0xC3 ? "é" : pcs[k];
}

/* qskip_paths(): the last four pieces are no characters */
static const char *qskip_untrusted(const char *const *pcs, size_t npieces,
                                   size_t k)
{
	return k + 4 >= npieces ? "的" : pcs[k];
}

/*
 * features() takes whether a text has an apostrophe from the marks
 * prescan() noted, not from a search (has_apos), and tests a word's
 * feature-word and number-word filters with one load of a merged table,
 * a word with apostrophes found past its letter run: against the search
 * and the two tables (TS_CLAIMS_CHAR_FEATURES) on random texts of
 * feature words and number words next to
 * apostrophes (the number-word filter splits words at them), with
 * other marks, more marks than prescan() records, and, trusted,
 * invalid bytes that may hide an apostrophe in a character.
 */
static void apos_paths(void)
{
	static const char *const ap[] = {
		"it", "'", "'", "two", "one", "hundred", " ", " ", "a", "dozen",
		"two months", " months", " years", "million", "three weeks",
		"x'two months", "x'two months",
		/* more marks than prescan() records (MARKCAP) */
		"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\""
		"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\""
		"\"\"\"\"\"",
		/* trusted only: a lead byte that steps over "x'" */
		"\xF0x'two months", "\xE4'x'one hundred years",
		"x", "s", "\"", "“", "”", "é", "5", ",", "\xE4", "\xF0", "\xC3",
		"''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''",
		/* feature words and phrases (one filter load for them and
		 * the number words), with apostrophes in and after them,
		 * capitalised and -ed words; runs of 30..33 letters (the
		 * length bits stop at 31) */
		"because", "Because", "due to", "as a result", "led to", "caused",
		"causes'", "d'ue to", "I", "Ied", "wanted", "ed", "Bed",
		"abcdefghijklmnopqrstuvwxyzabcd", "abcdefghijklmnopqrstuvwxyzabcde",
		"abcdefghijklmnopqrstuvwxyzabcdef", "twentyabcdefghijklmnopqrstuvwxyz",
		"hundredsabcdefghijklmnopqrstuvwx",
	};

	trust_rows(TS_CLAIMS_CHAR_FEATURES, ap, sizeof ap / sizeof ap[0], 24,
	           apos_untrusted, "apostrophe from marks and by search");
}

/*
 * features() notes the runs of Chinese characters that ts_quantities()
 * steps over, and the quantities are found with them
 * (ts_quantities_skip): against the plain search (TS_CLAIMS_CHAR_FEATURES
 * notes none) on random texts of numerals, counters, units, 第, other
 * Chinese characters, characters with leads E0 and ED, digits and,
 * trusted, bytes that are no character (a lead without its continuation
 * bytes before a digit: a run must end there).
 */
static void qskip_paths(void)
{
	static const char *const zp[] = {
		"一", "二", "三", "十", "百", "千", "万", "亿", "两", "零", "〇",
		"第", "半", "几", "多", "余", "个", "位", "元", "美元", "年", "月",
		"人", "次", "%", "百分之", "的", "是", "好", "说", "表示", "用户",
		"，", "。", "“", "”", "\xE0\xA4\x95", "\xED\x9F\xBF",
		"5", "10", "3.5", "$", " ", "a", "million", "five",
		/* trusted only: no character */
		"\xE4" "5", "\xE4\xB8" "5", "\xE4\xB8\x38\x30", "\xE5" "一",
	};

	trust_rows(TS_CLAIMS_CHAR_FEATURES, zp, sizeof zp / sizeof zp[0], 30,
	           qskip_untrusted, "quantities with and without features()' runs");
}

/*
 * ts_claims_trust_utf8(): the rows of valid UTF-8 (random texts, four-
 * byte characters, U+10FFFF) are those of an untrusting handle; invalid
 * text (a byte F4..FF, a continuation byte first, a character cut at the
 * end, random bytes) gives some rows and is never read outside itself
 * (the sanitizer build checks: each text is copied to a buffer of its
 * own length).
 */
/* ------------------------------------------------------------------ */
/* one document over several handles (ts_claims_guess): a random document
 * of rows that set and use the document state, cut into random stretches;
 * each stretch on one of two other handles under a guess, settled in
 * order as claims.h says. The rows must be those of one handle that saw
 * the whole document. */

static const char *const state_rows[] = {
	"Jane Doe said, \"We will ship it soon.\"",
	"\"It is fine,\" he said.",
	"He added, \"Not yet.\"",
	"\"We agree,\" she told Reuters.",
	"Smith said:",
	"Smith agreed.",
	"\"This goes on the quotation before.\"",
	"\"Short.\"",
	"Bob said \"Yes, we will\" and Jane Doe said \"No, we will not\".",
	"He said the model is the best.",
	"According to him, the model is slow.",
	"张伟表示：“我们会在下个版本中修复这些问题。”",
	"他说：“这个模型很好用。”",
	"“我们不同意这个说法。”",
	"李明在微博上说：",
	"她表示，模型还不够好。",
	"The weather was fine.",
	"",
};

static void row_text(ts_buf *t)
{
	size_t n = sizeof state_rows / sizeof state_rows[0];

	if (rnd(4) == 0) {
		random_text(t);
		return;
	}
	ts_buf_reset(t);
	ts_buf_adds(t, state_rows[rnd((unsigned)n)]);
}

/* The rows of one extract as one string (every field, NUL-separated);
 * with `at`, the speaker of a deferred row is the one `at` gives, if any
 * (claims.h). */
static int rows_string(ts_claims *h, const char *text, size_t len, ts_buf *out,
                       const ts_claims_state *at, size_t *ndeferred)
{
	const ts_claim *rw;
	size_t n, k;
	ts_diag d;

	ts_buf_reset(out);
	if (ts_claims_extract(h, text, len, &rw, &n, &d) != 0)
		return -1;
	for (k = 0; k < n; k++) {
		const ts_field *f[] = {&rw[k].tags, &rw[k].speaker, &rw[k].cue,
		                       &rw[k].quote, &rw[k].quantity};
		size_t i;

		ts_field sp = at ? ts_claims_state_speaker(at) : rw[k].speaker;

		if (ts_claims_deferred(h, k) && ndeferred)
			++*ndeferred;
		if (ts_claims_deferred(h, k) && sp.len)
			f[1] = &sp;
		ts_buf_adds(out, rw[k].kind);
		for (i = 0; i < 5; i++) {
			ts_buf_addc(out, 0);
			if (f[i]->len)
				ts_buf_add(out, f[i]->ptr, f[i]->len);
		}
		ts_buf_addf(out, "%c%.17g\n", 0, rw[k].checkworthy);
	}
	return 0;
}

static void guess_stretches(void)
{
	enum { NROWS = 6000 };
	ts_claims *one = NULL, *h[2] = {NULL, NULL};
	ts_claims_state *at = NULL, *g = NULL;
	ts_buf t = {0}, got = {0}, *want = calloc(NROWS, sizeof *want);
	unsigned char *reset = calloc(NROWS, 1);
	size_t i, held = 0, again = 0, wrong_guess = 0, bad = 0, nstretch = 0;
	size_t ndeferred = 0, ndeferred_guess = 0;
	ts_diag d;

	CHECK(want && reset, "out of memory");
	CHECK(ts_claims_new(&one, &d) == 0 && ts_claims_new(&h[0], &d) == 0 &&
	      ts_claims_new(&h[1], &d) == 0, "new: %s", d.msg);
	CHECK(ts_claims_state_new(&at) == 0 && ts_claims_state_new(&g) == 0,
	      "state_new");
	if (!want || !reset || !one || !h[0] || !h[1] || !at || !g)
		goto out;
	/* texts are kept in want[] after their rows: row i's text is
	 * want[i] from byte wlen[i] */
	{
		size_t *tlen = calloc(NROWS, sizeof *tlen);
		CHECK(tlen != NULL, "out of memory");
		if (!tlen)
			goto out;
		for (i = 0; i < NROWS; i++) {
			row_text(&t);
			reset[i] = i == 0 || rnd(150) == 0;
			if (reset[i])
				ts_claims_reset(one);
			CHECK(rows_string(one, t.data ? t.data : "", t.len, &want[i],
			                  NULL, &ndeferred) == 0, "extract");
			tlen[i] = want[i].len;
			ts_buf_add(&want[i], t.data ? t.data : "", t.len);
		}
		for (i = 0; i < NROWS;) {
			size_t end = i + 1 + rnd(8), k, pass;
			ts_claims *x = h[nstretch++ % 2];

			if (end > NROWS)
				end = NROWS;
			for (pass = 0; pass < 2; pass++) {
				size_t differs = 0;

				if (pass == 0)
					ts_claims_guess(x);
				for (k = i; k < end; k++) {
					if (reset[k])
						ts_claims_reset(x);
					CHECK(rows_string(x, want[k].data + tlen[k],
					                  want[k].len - tlen[k], &got, at,
					                  pass == 0 ? &ndeferred_guess : &ndeferred) == 0,
					      "extract");
					differs += got.len != tlen[k] ||
					           memcmp(got.data, want[k].data, tlen[k]) != 0;
				}
				CHECK(ts_claims_state_get(x, g) == 0, "state_get");
				/* run from `at`, the rows read what says the guess
				 * would not have held */
				CHECK(pass == 0 || !ts_claims_state_holds(g, at),
				      "rows %zu..%zu: from the state, a guess holds", i, end - 1);
				if (pass == 0 && !ts_claims_state_holds(g, at)) {
					/* the guess was used and is wrong: once more from
					 * the state the stretch starts in */
					again++;
					wrong_guess += differs != 0;
					CHECK(ts_claims_state_set(x, at) == 0, "state_set");
					continue;
				}
				if (differs && bad++ < 5)
					CHECK(0, "rows %zu..%zu differ (%s)", i, end - 1,
					      pass ? "again" : "guess held");
				held += pass == 0;
				break;
			}
			CHECK(ts_claims_state_advance(at, g) == 0, "advance");
			i = end;
		}
		free(tlen);
	}
	/* the document tests the state: guesses that failed, some of them
	 * with different rows (so holds() is not true by luck), and
	 * guesses that held */
	CHECK(again > 50 && wrong_guess > 20 && held > again,
	      "stretches: %zu, held %zu, again %zu (rows changed in %zu)",
	      nstretch, held, again, wrong_guess);
	/* pronouns deferred under guesses, and only under guesses */
	CHECK(ndeferred_guess > 50 && ndeferred == 0,
	      "deferred rows: %zu under guesses, %zu otherwise", ndeferred_guess,
	      ndeferred);
	CHECK(bad == 0, "%zu stretches with different rows", bad);
out:
	for (i = 0; want && i < NROWS; i++)
		ts_buf_free(&want[i]);
	free(want);
	free(reset);
	ts_buf_free(&t);
	ts_buf_free(&got);
	ts_claims_state_free(at);
	ts_claims_state_free(g);
	ts_claims_free(one);
	ts_claims_free(h[0]);
	ts_claims_free(h[1]);
}

static void trusted_utf8(void)
{
	static const char *const edge[] = {
		"\x80said", "\xBF\xE4\xB8\xAD", "Bob said, \xE2\x80\x9Chi\xE2\x80",
		"\xE4\xB8", "ab\xF0\x9F\x98", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
		"\xFF", "\xFE said \xE2\x80\x9Chello there\xE2\x80\x9D",
		"张伟说：“好\xE5\xA5", "\xC3", "\xF0\xE7\x91\x80 said \xE4" "d\xE4",
		"\xDF\x89:\xEC\xE6\xE6" "d\xE4\xC7\xB3\xEC\xE2\xC9\xE7\xDA\xA5"
		"\xBD\xA4\xE1\xE5\xAA'd'\xBC:\x96\x9F:\xE5\xF3\xF3\xEB\xEF"
		"\x9E\xE1\x81i\xF0\xE7\x91",
		/* the superlative test in C: "the" and spaces at the end */
		"we tested the ", "\xFF it rested on the\t", "tested the \xFF",
	};
	static const char *const valid[] = {
		"x\xF4\x8F\xBF\xBFy", ("\xF0\x9F\x98\x80 said: \xE2\x80\x9Chi there "
		"friends\xE2\x80\x9D"), "\xEF\xBF\xBD\xC2\x80\xE0\xA0\x80\xED\x9F\xBF",
		"", "a", "\xE4\xB8\xAD",
	};
	ts_claims *tr = NULL, *un = NULL;
	ts_buf t = {0};
	ts_diag d;
	size_t i, k, bad = 0;

	CHECK(ts_claims_new(&tr, &d) == 0 && ts_claims_new(&un, &d) == 0,
	      "new: %s", d.msg);
	if (!tr || !un) {
		ts_claims_free(tr);
		ts_claims_free(un);
		return;
	}
	ts_claims_trust_utf8(tr, 1);
	ts_claims_trust_utf8(NULL, 1);
	bad = differ_random(tr, un, &t, 20000, 7, "trusted rows");
	CHECK(bad == 0, "%zu valid texts differ when trusted", bad);
	for (i = 0; i < sizeof valid / sizeof valid[0]; i++)
		CHECK(same_rows(tr, un, valid[i], strlen(valid[i])), "valid %zu", i);
	for (i = 0; i < sizeof edge / sizeof edge[0]; i++) {
		size_t len = strlen(edge[i]);
		char *copy = malloc(len);
		const ts_claim *rows;
		size_t n;
		if (!copy)
			continue;
		memcpy(copy, edge[i], len);
		CHECK(ts_claims_extract(tr, copy, len, &rows, &n, &d) == 0 && n >= 1,
		      "edge %zu", i);
		CHECK(ts_claims_extract(un, copy, len, &rows, &n, &d) == 0 && n >= 1,
		      "edge %zu, untrusted", i);
		free(copy);
	}
	/* a quotation followed by more continuation bytes than the stretch
	 * after a closing mark that the cues are looked for in, then a
	 * Chinese cue (说) inside the window the speaker is looked for in:
	 * no character boundary in that stretch (the fuzzer found it) */
	for (i = 0; i < 2; i++) {
		static const char q[] = "\xE2\x80\x9Chello there friends\xE2\x80\x9D";
		static const char tail[] = "\xE8\xAF\xB4 said";
		size_t len = sizeof q - 1 + 200 + sizeof tail - 1;
		char *copy = malloc(len);
		const ts_claim *rows;
		size_t n;
		if (!copy)
			continue;
		memcpy(copy, q, sizeof q - 1);
		memset(copy + sizeof q - 1, i ? 0xBF : 0x80, 200);
		memcpy(copy + len - (sizeof tail - 1), tail, sizeof tail - 1);
		CHECK(ts_claims_extract(tr, copy, len, &rows, &n, &d) == 0 && n >= 1,
		      "continuation bytes after a quotation %zu", i);
		free(copy);
	}
	/* random bytes, mostly high ones, in a buffer of their own size;
	 * every tenth text longer than the stretches searched */
	for (i = 0; i < 20000; i++) {
		size_t len = 1 + rnd(i % 10 ? 60 : 400);
		char *copy = malloc(len);
		const ts_claim *rows;
		size_t n;
		if (!copy)
			continue;
		for (k = 0; k < len; k++) {
			static const unsigned char ascii[] = "\"': said";
			unsigned kind_of = rnd(8);
			copy[k] = (char)(kind_of == 0 ? ascii[rnd(sizeof ascii - 1)] :
			                 kind_of < 3 ? 0x80 + rnd(0x40) :
			                 kind_of < 6 ? 0xE0 + rnd(0x14) :
			                 0xC0 + rnd(0x40));
		}
		CHECK(ts_claims_extract(tr, copy, len, &rows, &n, &d) == 0 && n >= 1,
		      "invalid text %zu", i);
		free(copy);
	}
	ts_claims_trust_utf8(tr, 0);
	CHECK(same_rows(tr, un, "\xE4\xB8\xAD\xC3", 4), "untrusted again");
	ts_claims_free(tr);
	ts_claims_free(un);
	ts_buf_free(&t);
}

int main(void)
{
	ts_diag d;
	char *big;
	size_t i;

	CHECK(ts_claims_new(&c, &d) == 0, "new: %s", d.msg);
	if (!c)
		return CHECK_DONE();

	/* speaker before the quotation */
	quote1("张伟表示：“我们会在下个版本中修复这些问题。”", "张伟", "表示",
	       "我们会在下个版本中修复这些问题。");
	quote1("李明在微博上吐槽：“这个模型还远远不够好。”", "李明", "吐槽",
	       "这个模型还远远不够好。");
	/* existential 有 is not part of a group speaker; 有人 stays whole */
	quote1("有用户在微博上吐槽：“太慢了。”", "用户", "吐槽", "太慢了。");
	quote1("有人直言：“太慢了。”", "有人", "直言", "太慢了。");
	quote1("Jane Doe said: \"We will fix it next week.\"", "Jane Doe", "said",
	       "We will fix it next week.");
	quote1("Smith wrote, \"The model is not ready yet.\"", "Smith", "wrote",
	       "The model is not ready yet.");
	/* speaker after */
	quote1("“我们不会放弃，”王芳说。", "王芳", "说", "我们不会放弃，");
	quote1("\"We will not give up,\" said Jane Doe.", "Jane Doe", "said",
	       "We will not give up,");
	quote1("\"This is the worst chatbot ever,\" one user told Reuters.",
	       "one user", "told", "This is the worst chatbot ever,");
	/* adverbials and manner between speaker and cue; the clause subject
	 * when the cue has none */
	quote1("张伟随后在发布会上对记者表示：“我们会继续投入。”", "张伟", "表示",
	       "我们会继续投入。");
	quote1("王芳佩服地对同事说：“你们做得真好。”", "王芳", "说",
	       "你们做得真好。");
	/* evaluative adverbs like 竟然 (张伟居 was the speaker) */
	quote1("张伟居然说：“没听说过！”", "张伟", "说", "没听说过！");
	quote1("王芳偏偏回答：“不去。”", "王芳", "回答", "不去。");
	/* a name with a middle dot or a gloss in brackets before 在…上 (the
	 * cut stepped by three bytes and missed 在 after ·; the gloss ended
	 * the speaker) */
	quote1("OpenAI首席执行官萨姆·奥尔特曼在社交平台X上发文称：“GPT-5会让人惊讶。”",
	       "萨姆·奥尔特曼", "发文称", "GPT-5会让人惊讶。");
	quote1("OpenAI首席执行官萨姆·奥尔特曼（Sam Altman）在社交平台X上发文称："
	       "“GPT-5会让人惊讶。”", "萨姆·奥尔特曼", "发文称", "GPT-5会让人惊讶。");
	quote1("李明（化名）告诉记者：“公司正在裁员。”", "李明", "告诉",
	       "公司正在裁员。");
	quote1("也有网友表示：“用了一周，体验还不错。”", "网友", "表示",
	       "用了一周，体验还不错。");
	/* a clause that opens with an adverb (又 就 …) has no subject; a
	 * boundary after four characters from a surname on leaves a name of
	 * three; 重新 ends a subject */
	quote1("王强喝了一口茶，又改口说：“价格不会再涨了。”", "王强", "说",
	       "价格不会再涨了。");
	quote1("周建华停了一下，说：“那就这样吧。”", "周建华", "说",
	       "那就这样吧。");
	quote1("刘明重新打开电脑，说：“再试一次吧。”", "刘明", "说",
	       "再试一次吧。");
	/* a term before the quotation is part of its clause: the window for
	 * the speaker reaches back over it; a nickname in quotation marks
	 * right before the cue is the speaker; a pronoun subject stands
	 * alone; a clause that opens with a verb has no subject */
	quote1("网友“科技老王”评论说：“用了三天就卸载了，广告太多。”", "科技老王",
	       "评论", "用了三天就卸载了，广告太多。");
	quote1("这款被称为“小钢炮”的手机，张伟评价说：“性价比很高。”", "张伟",
	       "评价", "性价比很高。");
	ts_claims_reset(c);
	quote1("他把这款手机称为“小钢炮”，说：“性价比很高。”", "他", "说",
	       "性价比很高。");
	ts_claims_reset(c);
	quote1("是不是要让我蹲了一晚“看守所”后，还要和你说：“真舒服啊！”", "",
	       NULL, "真舒服啊！");
	/* a title in 《》 before the cue: the addressee (对《X》说) or the
	 * speaker when the run opens with it; a clause before the speaker
	 * after a quotation; 回答 is a cue */
	quote1("李娜对《科技日报》说：“我们没有裁员计划。”", "李娜", "说",
	       "我们没有裁员计划。");
	quote1("《科技日报》报道称：“裁员传闻不实。”", "科技日报", "称",
	       "裁员传闻不实。");
	quote1("“竞争才刚刚开始。”面对记者的提问，张伟笑着回答。", "张伟", "回答",
	       "竞争才刚刚开始。");
	if (ex("“我们没有裁员计划，”公司发言人李娜对《科技日报》说，“但会调整部分团队。”")) {
		CHECK(nr == 2, "two quotes, got %zu", nr);
		FIELD(0, speaker, "李娜");
		if (nr == 2)
			FIELD(1, speaker, "李娜");
	}
	/* a time word between name and cue (李明周 was the speaker) */
	quote1("公司CEO李明周三在接受采访时说：“今年营收会翻倍。”", "李明", "说",
	       "今年营收会翻倍。");
	quote1("张伟昨日表示：“我们会继续投入。”", "张伟", "表示",
	       "我们会继续投入。");
	quote1("赵敏看了看大家，说：“那就这么定了。”", "赵敏", "说",
	       "那就这么定了。");
	quote1("\"It works,\" Jane Doe, a researcher at Acme, told Reuters.",
	       "Jane Doe", "told", "It works,");
	quote1("Dana Reyes rallied supporters, saying: \"We will win this.\"",
	       "Dana Reyes", "saying", "We will win this.");
	/* titles are kept out of the speaker */
	quote1("OpenAI首席科学家张三在X上发文：“规模还不够。”", "张三", NULL,
	       "规模还不够。");
	quote1("OpenAI researcher John Smith wrote: \"It is not ready.\"",
	       "John Smith", "wrote", "It is not ready.");
	/* group speakers */
	quote1("网友们的评价是：“这是我用过最差的聊天机器人。”", "网友们", NULL,
	       "这是我用过最差的聊天机器人。");
	quote1("Critics said, \"The update broke everything we liked.\"",
	       "Critics", "said", "The update broke everything we liked.");
	quote1("Users wrote: \"Nobody asked for this feature at all.\"", "Users",
	       "wrote", "Nobody asked for this feature at all.");

	/* a determiner alone is no subject: the noun phrase after it, without
	 * the verb ("continues", "quoted"); a leading time phrase is no
	 * subject either; a stop word after a quotation is no speaker */
	ts_claims_reset(c);
	quote1("The letter continues: “As a former prosecutor, please explain "
	       "the legal difference to us.”", "The letter", ":",
	       "As a former prosecutor, please explain the legal difference to us.");
	quote1("The former Republican presidential candidate continued, saying, "
	       "\"You need somebody who understands economics.\"",
	       "The former Republican presidential candidate", "saying",
	       "You need somebody who understands economics.");
	quote1("An early tweet quoted the president as saying “Need to do "
	       "something about this right now!”", "An early tweet", "saying",
	       "Need to do something about this right now!");
	ts_claims_reset(c);
	row1("He called it “extremely careless,” and said little else.", "none",
	     "term", "", "");
	ts_claims_reset(c);
	quote1("Last month, he looked into the camera and said, \"I am going to "
	       "endorse you!\"", "he", "said", "I am going to endorse you!");

	/* what may stand between an English cue and the quotation: an
	 * adverb, "the" + a name, "about …", "with …", "during a …",
	 * "reporters" */
	ts_claims_reset(c);
	quote1("Smith told reporters, \"We will not back down on this one.\"",
	       "Smith", "told", "We will not back down on this one.");
	quote1("The mayor said during a news conference, \"We will rebuild the "
	       "bridge.\"", "The mayor", "said", "We will rebuild the bridge.");
	quote1("Jones replied calmly, \"The plan was always to wait and see.\"",
	       "Jones", "replied", "The plan was always to wait and see.");
	quote1("Lee said about the plan, \"Nobody here has read it yet.\"", "Lee",
	       "said", "Nobody here has read it yet.");
	quote1("Brown told the Boston Globe in an interview, \"It was a long "
	       "year for us.\"", "Brown", "told", "It was a long year for us.");
	quote1("Ng said in an interview with Reuters, \"Prices will go up "
	       "again.\"", "Ng", "said", "Prices will go up again.");

	/* pronouns resolve to the last named speaker of the document */
	ts_claims_reset(c);
	quote1("张伟表示：“我们会修复。”", "张伟", "表示", "我们会修复。");
	quote1("他还说：“下个月上线。”", "张伟", NULL, "下个月上线。");
	CHECK_STR(ts_claims_speaker_surface(c, 0).ptr,
	          ts_claims_speaker_surface(c, 0).len, "他");
	ts_claims_reset(c);
	quote1("\"It works,\" Smith said.", "Smith", "said", "It works,");
	quote1("\"It really works,\" he added.", "Smith", "added",
	       "It really works,");
	ts_claims_reset(c);
	quote1("\"It really works,\" he added.", "he", "added",
	       "It really works,");

	/* a row of a speaker and a cue alone ("Smith agreed.") introduces the
	 * quotation that opens the next row; a longer clause does not */
	ts_claims_reset(c);
	kind("Dianne Bystrom agreed.", "none", NULL);
	quote1("\"Mainstream Republicans are running out of time.\"",
	       "Dianne Bystrom", "agreed",
	       "Mainstream Republicans are running out of time.");
	ts_claims_reset(c);
	kind("The senator, who opposed the bill twice, agreed.", "none", NULL);
	quote1("\"Mainstream Republicans are running out of time.\"", "", NULL,
	       "Mainstream Republicans are running out of time.");
	ts_claims_reset(c);
	kind("Smith agreed with the plan.", "none", NULL);
	quote1("\"Mainstream Republicans are running out of time.\"", "", NULL,
	       "Mainstream Republicans are running out of time.");

	/* colon introduction in the previous row; reset forgets it */
	ts_claims_reset(c);
	kind("网友的评价却两极分化：", "none", NULL);
	if (ex("“回答又快又准，太好用了！”“这是我用过最差的AI，完全答非所问。”")) {
		CHECK(nr == 2, "two quotes, got %zu", nr);
		FIELD(0, speaker, "网友");
		FIELD(0, quote, "回答又快又准，太好用了！");
		if (nr == 2) {
			FIELD(1, speaker, "网友");
			FIELD(1, quote, "这是我用过最差的AI，完全答非所问。");
		}
	}
	ts_claims_reset(c);
	ex("李明在社交媒体上回应：");
	ts_claims_reset(c);
	quote1("“我没有说过这句话，完全是谣言。”", "", NULL,
	       "我没有说过这句话，完全是谣言。");
	ts_claims_reset(c);
	ex("Jane Doe wrote:");
	quote1("\"I never said that. It is simply false.\"", "Jane Doe", "wrote",
	       "I never said that. It is simply false.");

	/* several quotations in one sentence, each with its own speaker */
	ts_claims_reset(c);
	if (ex("张伟说：“能用。”李明却回应道：“不能用，太慢了。”")) {
		CHECK(nr == 2, "rows %zu", nr);
		FIELD(0, speaker, "张伟");
		if (nr == 2)
			FIELD(1, speaker, "李明");
	}
	if (ex("\"It is fast,\" said Smith. \"It is slow and buggy,\" said Jones.")) {
		CHECK(nr == 2, "rows %zu", nr);
		FIELD(0, speaker, "Smith");
		if (nr == 2)
			FIELD(1, speaker, "Jones");
	}
	/* nested marks: one quotation holding the inner one */
	quote1("张伟说：“他们称之为‘革命’，我不同意。”", "张伟", "说",
	       "他们称之为‘革命’，我不同意。");
	quote1("Smith said: \"They call it 'a revolution', I disagree.\"",
	       "Smith", "said", "They call it 'a revolution', I disagree.");

	/* scare quotes and quoted terms are not speech */
	kind("这支“梦之队”靠“钞能力”组建。", "none", "term");
	CHECK(nr == 1 && !r[0].quote.len, "term row has no quote");
	kind("The so-called \"smart\" mode was turned off.", "none", "term");
	kind("The \"smart\" mode was turned off.", "none", "term");
	kind("被网友称为“地表最强”的手机", "none", "term");
	/* a short quotation running on into the clause is a name, not speech */
	ex("公司方面称，“小星”在测试中排名第3。");
	CHECK(strcmp(r[0].kind, "quote") != 0 && has_tag("term"),
	      "embedded name: kind %s", r[0].kind);
	/* 5'11" is no quotation; apostrophes neither */
	kind("He is 5'11\" tall and it's Tom's.", "number", NULL);
	CHECK(!has_tag("quote") && !has_tag("term"), "5'11\" tags");

	/* reports, hedges, numbers, precedence */
	ex("据《华尔街日报》爆料，Meta开出了九位数的薪酬。");
	CHECK(!strcmp(r[0].kind, "report"), "report kind %s", r[0].kind);
	FIELD(0, speaker, "华尔街日报");
	FIELD(0, cue, "爆料");
	ex("据知情人士透露，该项目已暂停。");
	FIELD(0, speaker, "知情人士");
	ex("The company paid $10 billion, according to Bloomberg.");
	CHECK(!strcmp(r[0].kind, "report"), "kind %s", r[0].kind);
	FIELD(0, speaker, "Bloomberg");
	ex("The Wall Street Journal reported that Meta offered more.");
	FIELD(0, speaker, "The Wall Street Journal");
	FIELD(0, cue, "reported");
	kind("传闻称该公司将裁员。", "hedge", "hedge");
	kind("據說部分門店已經加價。", "hedge", "hedge");
	ex("张伟补充说，团队目前有120名工程师。");
	CHECK(!strcmp(r[0].kind, "report"), "X说， report: %s", r[0].kind);
	FIELD(0, speaker, "张伟");
	kind("据说，这款手机很好。", "hedge", "hedge");
	kind("另有消息称，该公司将裁员。", "hedge", "hedge");
	kind("据说这款手机似乎被指抄袭。", "hedge", "hedge");
	kind("The startup was reportedly sold.", "hedge", "hedge");
	kind("He is said to be leaving.", "hedge", "hedge");
	kind("播放量300多万次。", "number", "number");
	kind("今天天气不错。", "none", NULL);
	kind("这是最差的产品。", "none", "superlative");
	kind("它比旧版更快。", "none", "comparative");
	kind("It is the worst phone, worse than the old one.", "none",
	     "superlative");
	CHECK(has_tag("comparative"), "comparative");
	kind("传闻称张伟表示：“我们有1亿美金。”", "quote", "hedge");
	CHECK(has_tag("number"), "number tag with quote");

	/* check-worthiness is a number in [0,1] and ranks facts over filler */
	{
		double fact, filler;
		ex("The unemployment rate fell to 4.9 percent in 2016, the lowest since 2008.");
		fact = r[0].checkworthy;
		ex("Thank you, good evening.");
		filler = r[0].checkworthy;
		CHECK(fact >= 0 && fact <= 1 && filler >= 0 && filler <= 1 &&
		      fact > filler, "fact %.3f filler %.3f", fact, filler);
	}

	prefilter_rows();
	gate_index();
	utf8_rows();
	list_filters();
	comparative_rows();
	failed_add();
	slow_paths();
	tag_paths();
	lead_paths();
	apos_paths();
	qskip_paths();
	guess_stretches();
	trusted_utf8();

	/* bad input: empty, unbalanced, long, invalid UTF-8 */
	kind("", "none", NULL);
	CHECK(ts_claims_extract(c, NULL, 0, &r, &nr, &d) == 0 && nr == 1,
	      "NULL,0");
	ex("张伟说：“这句话没有结束");
	CHECK(!strcmp(r[0].kind, "quote") && has_tag("unbalanced"), "unbalanced");
	FIELD(0, quote, "这句话没有结束");
	ex("结束了。”张伟说。");
	CHECK(nr == 1, "stray closing mark");
	ex("\"unclosed");
	CHECK(nr == 1, "stray straight mark");
	big = malloc(300100);
	if (big) {
		size_t len;
		strcpy(big, "张伟说：“");
		len = strlen(big);
		for (i = 0; i < 100000; i++) {
			memcpy(big + len, "\xE5\xA5\xBD", 3);   /* 好 */
			len += 3;
		}
		memcpy(big + len, "\xE2\x80\x9D", 3);
		len += 3;
		CHECK(ts_claims_extract(c, big, len, &r, &nr, &d) == 0 && nr == 1 &&
		      r[0].quote.len == 300000, "100000-character quotation");
		free(big);
	}
	{
		static const char bad[] = "\xFF\xFE\"ab\xC3\" said X\xE4\xB8";
		CHECK(ts_claims_extract(c, bad, sizeof bad - 1, &r, &nr, &d) == 0 &&
		      nr >= 1, "invalid UTF-8");
	}
	CHECK(ts_claims_extract(c, "a\0b", 3, &r, &nr, &d) == 0, "NUL byte");

	/* add_patterns: a new cue word, then errors with line numbers */
	{
		const char *ok = "list\tentry\ncue.zh\t嘀咕\n";
		const char *bad = "# x\nlist\tentry\nre.hedge.en\t(unclosed\n";
		const char *badrole = "list\tentry\nre.nope.en\tx\n";
		const char *nohdr = "cue.zh\t说\n";
		CHECK(ts_claims_add_patterns(c, ok, strlen(ok), "extra.tsv", &d) == 0,
		      "add: %s", d.msg);
		quote1("张伟嘀咕：“这不对劲。”", "张伟", "嘀咕", "这不对劲。");
		CHECK(ts_claims_add_patterns(c, bad, strlen(bad), "bad.tsv", &d) ==
		      TS_EPATTERN && d.line == 3 && strstr(d.msg, "bad.tsv:3"),
		      "bad regex: %s", d.msg);
		CHECK(ts_claims_add_patterns(c, badrole, strlen(badrole), "r.tsv",
		                             &d) == TS_EPATTERN && d.line == 2,
		      "bad role: %s", d.msg);
		CHECK(ts_claims_add_patterns(c, nohdr, strlen(nohdr), "h.tsv", &d) ==
		      TS_ELEXICON && d.line == 1, "no header: %s", d.msg);
	}
	ts_claims_free(c);

	/* a runaway pattern hits the match limit: the row survives, tagged */
	CHECK(ts_claims_new(&c, &d) == 0, "new");
	{
		const char *slow = "list\tentry\nre.hedge.en\t(?:a|a)+(?:a|a)+(?:a|a)+b\n";
		CHECK(ts_claims_add_patterns(c, slow, strlen(slow), "slow.tsv", &d) == 0,
		      "slow: %s", d.msg);
		if (ex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac b"))
			CHECK(has_tag("limit"), "limit tag: '%.*s'", (int)r[0].tags.len,
			      r[0].tags.ptr);
	}
	ts_claims_free(c);
	ts_claims_free(NULL);
	ts_claims_reset(NULL);
	return CHECK_DONE();
}
