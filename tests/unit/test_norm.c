/* test_norm.c - every normalisation and segmentation rule of stage 1. */
#include <stdlib.h>
#include <tonesift/tonesift.h>
#include "check.h"
#include "norm_internal.h"   /* ts_lang_count */
#include "norm_fast_slow.h"

/* Run norm with `unit` and options over s; return the units joined by '|'. */
static const char *run(const ts_norm_opts *o, const char *s, size_t len)
{
	static ts_buf b;
	ts_norm *n;
	const ts_norm_unit *u;
	size_t nu, i;
	ts_diag d;

	ts_buf_reset(&b);
	if (ts_norm_new(&n, o) || ts_norm_run(n, s, len, &u, &nu, &d)) {
		ts_norm_free(n);
		return "<error>";
	}
	for (i = 0; i < nu; i++) {
		if (i)
			ts_buf_addc(&b, '|');
		ts_buf_add(&b, u[i].text, u[i].len);
	}
	ts_norm_free(n);
	return b.data ? b.data : "";
}

static const char *sent(const char *s)
{
	ts_norm_opts o = {0};

	return run(&o, s, strlen(s));
}

#define SPLIT(in, expect) do { const char *got_ = sent(in); \
	CHECK(strcmp(got_, expect) == 0, "split '%s': got '%s', expected '%s'", in, got_, expect); } while (0)

static void test_sentences_en(void)
{
	SPLIT("It works. It is fast.", "It works.|It is fast.");
	SPLIT("Mr. Smith met Dr. Jones.", "Mr. Smith met Dr. Jones.");
	SPLIT("Apple Inc. said so. Then it left.", "Apple Inc. said so.|Then it left.");
	SPLIT("The U.S. Senate voted. It passed.", "The U.S. Senate voted.|It passed.");
	SPLIT("He lives in the U.S. The rest moved.", "He lives in the U.S.|The rest moved.");
	SPLIT("Use e.g. this one. Done.", "Use e.g. this one.|Done.");
	SPLIT("Version 3.5 beats v2.0. Good.", "Version 3.5 beats v2.0.|Good.");
	SPLIT("See https://example.com/a.b?x=1. Next.", "See https://example.com/a.b?x=1.|Next.");
	SPLIT("Mail bob@example.co.uk today. Thanks.", "Mail bob@example.co.uk today.|Thanks.");
	SPLIT("Wait... and see. Fine... Next one.", "Wait... and see.|Fine...|Next one.");
	SPLIT("J. K. Rowling wrote it.", "J. K. Rowling wrote it.");
	SPLIT("Really?! Yes!", "Really?!|Yes!");
	SPLIT("(It ended.) Then more.", "(It ended.)|Then more.");
	SPLIT("Ranked No. 3 in Jan. 2024. Wow.", "Ranked No. 3 in Jan. 2024.|Wow.");
	SPLIT("So good!!! 😍", "So good!!! 😍");
}

static void test_sentences_zh(void)
{
	SPLIT("今天很好。明天更好！后天呢？", "今天很好。|明天更好！|后天呢？");
	SPLIT("他说：“太差了。”然后走了。", "他说：“太差了。”|然后走了。");
	SPLIT("“太差了。”张伟说。然后走了。", "“太差了。”张伟说。|然后走了。");
	SPLIT("“好用！”“太差了。”", "“好用！”“太差了。”");
	SPLIT("他表示：“第一句。第二句！第三句？”", "他表示：“第一句。第二句！第三句？”");
	SPLIT("一言难尽……充了会员。", "一言难尽……|充了会员。");
	SPLIT("「很好。」她说。", "「很好。」她说。");
	SPLIT("“你好。”他表示，团队会修复。", "“你好。”|他表示，团队会修复。");
	SPLIT("用户吐槽：“笑死。”另一位表示：“推荐！”", "用户吐槽：“笑死。”|另一位表示：“推荐！”");
	/* an unbalanced quotation holds to the paragraph end, not beyond */
	SPLIT("他说：“第一句。第二句。\n新段落。再一句。", "他说：“第一句。第二句。|新段落。|再一句。");
	SPLIT("OK!然后呢", "OK!|然后呢");
}

static void test_sentences_quotes_en(void)
{
	SPLIT("He said \"It is fine. Really.\" Then left.",
	      "He said \"It is fine. Really.\"|Then left.");
	SPLIT("\"It is bad.\" he said. \"Very.\"", "\"It is bad.\" he said.|\"Very.\"");
	SPLIT("\"It is bad.\" Smith said. Later.", "\"It is bad.\" Smith said.|Later.");
	SPLIT("He is 5'11\" tall. Next.", "He is 5'11\" tall.|Next.");
	SPLIT("“Great.” Next one.", "“Great.”|Next one.");
}

static void test_units(void)
{
	ts_norm_opts o = {0};
	const char *s = "One. Two.\n\nThree.\n";

	o.unit = TS_UNIT_LINE;
	CHECK(strcmp(run(&o, s, strlen(s)), "One. Two.||Three.|") == 0, "line: %s", run(&o, s, strlen(s)));
	o.unit = TS_UNIT_PARAGRAPH;
	CHECK(strcmp(run(&o, s, strlen(s)), "One. Two.|Three.") == 0, "paragraph: %s", run(&o, s, strlen(s)));
	o.unit = TS_UNIT_DOC;
	CHECK(strcmp(run(&o, s, strlen(s)), "One. Two.\nThree.") == 0, "doc: %s", run(&o, s, strlen(s)));
	o.unit = TS_UNIT_SENTENCE;
	CHECK(strcmp(run(&o, s, strlen(s)), "One.|Two.|Three.") == 0, "sentence: %s", run(&o, s, strlen(s)));
	CHECK(strcmp(run(&o, "", 0), "") == 0, "empty");
	o.keep_empty = 1;
	{
		ts_norm *n;
		const ts_norm_unit *u;
		size_t nu;
		ts_diag d;

		ts_norm_new(&n, &o);
		CHECK(ts_norm_run(n, "  ", 2, &u, &nu, &d) == 0 && nu == 1 && u[0].len == 0,
		      "keep_empty gives one empty unit (nu=%zu)", nu);
		ts_norm_free(n);
	}
}

static void test_cleaning(void)
{
	ts_norm_opts o = {0};
	const char bom[] = "\xEF\xBB\xBFHi\xC2\xA0\xE3\x80\x80there\r\nnext\rlast";
	const char ctl[] = "a\x01" "b\x7F" "c\xC2\x85" "d\xE2\x80\x8B" "e\xC2\xAD" "f";
	const char emoji[] = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB \xE2\x9D\xA4\xEF\xB8\x8F";
	const char nfd[] = "cafe\xCC\x81 \xE2\x84\xAB";   /* e + U+0301, ANGSTROM SIGN */
	const char fw[] = "\xEF\xBC\xA1\xEF\xBC\xA9 \xEF\xAC\x81";  /* ＡＩ ﬁ */

	o.unit = TS_UNIT_LINE;
	CHECK(strcmp(run(&o, bom, sizeof bom - 1), "Hi there|next|last") == 0,
	      "BOM, NBSP, U+3000, CRLF, CR: %s", run(&o, bom, sizeof bom - 1));
	CHECK(strcmp(run(&o, ctl, sizeof ctl - 1), "abc|def") == 0,
	      "controls, NEL, ZWSP, soft hyphen: %s", run(&o, ctl, sizeof ctl - 1));
	CHECK(strcmp(run(&o, emoji, sizeof emoji - 1), emoji) == 0,
	      "ZWJ sequence and VS16 kept");
	CHECK(strcmp(run(&o, nfd, sizeof nfd - 1), "caf\xC3\xA9 \xC3\x85") == 0,
	      "NFC: %s", run(&o, nfd, sizeof nfd - 1));
	CHECK(strcmp(run(&o, fw, sizeof fw - 1), fw) == 0, "NFC keeps full-width");
	o.nfkc = 1;
	CHECK(strcmp(run(&o, fw, sizeof fw - 1), "AI fi") == 0, "NFKC folds: %s", run(&o, fw, sizeof fw - 1));
	o.nfkc = 0;
	CHECK(strcmp(run(&o, "  a \t  b  ", 10), "a b") == 0, "spaces collapse and trim");
}

static void test_invalid_utf8(void)
{
	ts_norm_opts o = {0};
	ts_norm *n;
	const ts_norm_unit *u;
	size_t nu;
	ts_diag d;
	/* overlong, surrogate, truncated, out of range bytes */
	const char bad[] = "a\xC0\xAF" "b\xED\xA0\x80" "c\xE4\xB8" "d\xF5\xFF" "e";
	int cp;

	o.unit = TS_UNIT_DOC;
	ts_norm_new(&n, &o);
	CHECK(ts_norm_run(n, bad, sizeof bad - 1, &u, &nu, &d) == 0 && nu == 1, "repaired");
	CHECK(ts_norm_repaired(n) == 8, "maximal subparts: %zu", ts_norm_repaired(n));
	CHECK(u[0].len == 5 + 8 * 3, "each replaced by U+FFFD (len %zu)", u[0].len);
	ts_norm_free(n);
	o.strict = 1;
	ts_norm_new(&n, &o);
	CHECK(ts_norm_run(n, bad, sizeof bad - 1, &u, &nu, &d) == TS_EUTF8 && d.offset == 1,
	      "strict: error at byte 1 (got %zu)", d.offset);
	ts_norm_free(n);
	CHECK(ts_utf8_decode("\xE4\xBD\xA0", 3, &cp) == 3 && cp == 0x4F60, "decode 3-byte");
	CHECK(ts_utf8_decode("\xF4\x90\x80\x80", 4, &cp) == 1 && cp == -1, "above U+10FFFF");
	CHECK(ts_utf8_decode("\xE0\x80\x80", 3, &cp) == 1 && cp == -1, "overlong 3-byte");
	CHECK(ts_utf8_decode("\xF0\x9F\x98", 3, &cp) == 3 && cp == -1, "truncated 4-byte: one subpart");
}

static void test_html_markdown(void)
{
	ts_norm_opts o = {0};
	const char *h = "<p>Fish &amp; chips &#39;n&#x27; &quot;more&quot;</p><br/>Next&nbsp;one <!-- c --> &bogus; &#0;";
	const char *m = "## Title\n> - **Bold** and _it_ in snake_case_name, `code`, [link](http://x.y) ![img](a.png)\n2 * 3 = 6";

	o.unit = TS_UNIT_PARAGRAPH;
	o.html = 1;
	CHECK(strcmp(run(&o, h, strlen(h)), "Fish & chips 'n' \"more\"|Next one &bogus; \xEF\xBF\xBD") == 0,
	      "html: %s", run(&o, h, strlen(h)));
	o.html = 0;
	CHECK(strcmp(run(&o, h, 13), "<p>Fish &amp;") == 0, "no html without --html");
	o.markdown = 1;
	CHECK(strcmp(run(&o, m, strlen(m)), "Title|Bold and it in snake_case_name, code, link img|2 * 3 = 6") == 0,
	      "markdown: %s", run(&o, m, strlen(m)));
}

static void test_offsets(void)
{
	ts_norm_opts o = {0};
	ts_norm *n;
	const ts_norm_unit *u;
	size_t nu;
	ts_diag d;
	const char s[] = "\xEF\xBB\xBF  First one.\xC2\xA0\xC2\xA0Second\x01 one.\r\n\r\ncafe\xCC\x81 third.";

	ts_norm_new(&n, &o);
	CHECK(ts_norm_run(n, s, sizeof s - 1, &u, &nu, &d) == 0 && nu == 3, "3 units (%zu)", nu);
	CHECK(u[0].offset == 5 && u[0].para == 0, "first at 5 (%zu)", u[0].offset);
	CHECK(u[1].offset == 19 && memcmp(s + 19, "Second", 6) == 0, "second at 19 (%zu)", u[1].offset);
	CHECK(u[2].para == 1 && memcmp(s + u[2].offset, "cafe", 4) == 0, "third (%zu)", u[2].offset);
	ts_norm_free(n);
}

static void test_lang(void)
{
	CHECK(strcmp(ts_lang_of("今天很好", 12), "zh") == 0, "zh");
	CHECK(strcmp(ts_lang_of("It is good", 10), "en") == 0, "en");
	CHECK(strcmp(ts_lang_of("Meta AI是最差的", 19), "mixed") == 0, "mixed");
	CHECK(strcmp(ts_lang_of("这个app太卡了", 18), "zh") == 0, "zh with one word");
	CHECK(strcmp(ts_lang_of("12345 !!", 8), "other") == 0, "no letters");
	CHECK(strcmp(ts_lang_of("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", 12), "other") == 0, "Cyrillic");
	CHECK(strcmp(ts_lang_of("caf\xC3\xA9 na\xC3\xAFve", 12), "en") == 0, "accented Latin");
}

/* The SWAR paths (clean pass, sentence scan, ts_lang_of) see text eight
 * bytes at a time: put every kind of byte they must stop at at every
 * position of a word, and compare with the byte-at-a-time paths. */
static void test_fast_paths(void)
{
	static const char *const specials[] = {
		"\x01", "\x7F", "\x1F", "\t", "\v", "\n", "\r", "\r\n", " ", "  ",
		" x", "x ", "\x80", "\xFF", "\xC3\xA9", "\xE4\xBD\xA0", "\xE2\x80\x9C",
		"\xE2\x80\x9D", "\xF0\x9F\x98\x82", "\xC2\xA0", "\xE4\xB8", "\xCC\x81",
		".", "!", "?", "\"", "'", ". ", "! ", "? T", "Mr. T", "U.S. The", "3.5",
		"&amp;", "&", "<b>", "<p>", "*", "**", "_", "[", "[a](b)", "!", "`", "~~",
		"# ", "\x00", "/", ">", "?>", "./", "Dr. x", "etc. The", "Inc. the",
		"\xE2\x80\x9D)", "\xE3\x80\x82\xE2\x80\x9D ", "\" ", "x \n",
		".) A", "!] A", "?} A", "... a", ". 3", ".\xE2\x80\x9D A", "?!\xE2\x80\xA6 A",
	};
	static const char *const bases[] = {
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
		"ab cd ef gh ij kl mn op qr st uv wx",
		"a b c d e f g h i j k l m n o p q r",
		"It is. So good! Really? Yes, 12 of them",
	};
	ts_norm_opts opts[8];
	size_t si, bi, p, oi;
	int bad = 0;

	memset(opts, 0, sizeof opts);
	opts[1].html = 1;
	opts[2].markdown = 1;
	opts[3].html = opts[3].markdown = 1;
	opts[4].nfkc = 1;
	opts[5].unit = TS_UNIT_LINE;
	opts[6].unit = TS_UNIT_DOC;
	opts[7].unit = TS_UNIT_PARAGRAPH;
	opts[7].keep_empty = 1;
	for (bi = 0; bi < sizeof bases / sizeof bases[0]; bi++)
		for (si = 0; si < sizeof specials / sizeof specials[0]; si++) {
			size_t bl = strlen(bases[bi]), sl = *specials[si] ? strlen(specials[si]) : 1;

			for (p = 0; p <= 20 && p <= bl; p++) {
				char buf[128];
				size_t len = 0;

				memcpy(buf, bases[bi], p);
				memcpy(buf + p, specials[si], sl);
				memcpy(buf + p + sl, bases[bi] + p, bl - p);
				/* also the input cut short at every length */
				for (len = p + sl; len <= bl + sl; len += 3)
					for (oi = 0; oi < sizeof opts / sizeof opts[0]; oi++)
						if (!norm_fast_slow_agree(&opts[oi], buf, len) && bad++ < 5)
							CHECK(0, "fast and slow paths differ: base %zu, special %zu at %zu, len %zu, opts %zu",
							      bi, si, p, len, oi);
			}
		}
	CHECK(bad == 0, "%d inputs where fast and slow paths differ", bad);

	/* a control byte, DEL, a byte >= 0x80 and a line end at each of the
	 * 8 positions of a word, with known results */
	for (p = 0; p < 16; p++) {
		ts_norm_opts o = {0};
		const char *plain = "abcdefghijklmnopqrstuvwx";
		char in[64], expect[64];

		o.unit = TS_UNIT_LINE;
		memcpy(in, plain, p);
		in[p] = '\x01';
		memcpy(in + p + 1, plain + p, 24 - p);
		CHECK(strcmp(run(&o, in, 25), plain) == 0, "control at %zu: %s", p, run(&o, in, 25));
		in[p] = '\x7F';
		CHECK(strcmp(run(&o, in, 25), plain) == 0, "DEL at %zu: %s", p, run(&o, in, 25));
		in[p] = '\n';
		memcpy(expect, plain, p);
		expect[p] = '|';
		memcpy(expect + p + 1, plain + p, 24 - p);
		expect[25] = '\0';
		CHECK(strcmp(run(&o, in, 25), expect) == 0, "line end at %zu: %s", p, run(&o, in, 25));
		memcpy(in + p, "\xC3\xA9", 2);
		memcpy(in + p + 2, plain + p, 24 - p);
		memcpy(expect, in, 26);
		expect[26] = '\0';
		CHECK(strcmp(run(&o, in, 26), expect) == 0, "U+00E9 at %zu: %s", p, run(&o, in, 26));
		memcpy(in + p, "  ", 2);
		expect[p] = ' ';
		memcpy(expect + p + 1, plain + p, 24 - p);
		expect[25] = '\0';
		CHECK(strcmp(run(&o, in, 26), p ? expect : plain) == 0, "two spaces at %zu: %s", p,
		      run(&o, in, 26));
	}
}

/* One handle over inputs with and without line ends, in turn: every way
 * to a line end (LF, CR, U+2028, NEL, &#10;, a block tag) starts a new
 * paragraph, and an input without one after an input with one (and the
 * other way round) is cut as a fresh handle cuts it (the clean pass tells
 * the sentence scan whether to look for line ends at all). */
static void test_paragraph_flag(void)
{
	static const char *const in[] = {
		"One. Two", "a\nb", "a b", "a\rb", "x y. Z", "a\xE2\x80\xA8" "b",
		"a b c", "a\xC2\x85" "b", "q", "a&#10;b", "a<p>b", "a b", "\n\na\n",
	};
	ts_norm_opts o = {0};
	ts_norm *n;
	size_t k, r;

	o.html = 1;
	ts_norm_new(&n, &o);
	for (r = 0; r < 2; r++)
		for (k = 0; k < sizeof in / sizeof in[0]; k++) {
			const ts_norm_unit *u;
			size_t nu, i;
			ts_diag d;
			char got[64], want[64];
			size_t gl = 0;

			CHECK(ts_norm_run(n, in[k], strlen(in[k]), &u, &nu, &d) == 0, "run");
			for (i = 0; i < nu && gl + u[i].len + 8 < sizeof got; i++)
				gl += (size_t)snprintf(got + gl, sizeof got - gl, "%s%.*s/%zu",
				                       i ? "|" : "", (int)u[i].len, u[i].text, u[i].para);
			got[gl] = '\0';
			{
				ts_norm *f;
				size_t wl = 0;

				ts_norm_new(&f, &o);
				CHECK(ts_norm_run(f, in[k], strlen(in[k]), &u, &nu, &d) == 0, "run");
				for (i = 0; i < nu && wl + u[i].len + 8 < sizeof want; i++)
					wl += (size_t)snprintf(want + wl, sizeof want - wl, "%s%.*s/%zu",
					                       i ? "|" : "", (int)u[i].len, u[i].text,
					                       u[i].para);
				want[wl] = '\0';
				ts_norm_free(f);
			}
			CHECK(strcmp(got, want) == 0, "'%s' after others: %s, fresh handle: %s", in[k],
			      got, want);
			if (strchr(in[k], 'b') && strchr(in[k], 'a') && !strchr(in[k], ' '))
				CHECK(strstr(got, "a/0|b/1") != NULL, "'%s' is two paragraphs: %s", in[k],
				      got);
		}
	ts_norm_free(n);
}

/* The abbreviation switch answers as the word lists do: for every entry,
 * for every entry with one byte changed, cut short or made longer, and
 * for random short words over the letters and marks entries are made of. */
static void test_abbrev_fast(void)
{
	static const char *const entries[] = {
		"Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Mt", "Gen", "Gov", "Sen", "Rep",
		"Rev", "Capt", "Lt", "Col", "Sgt", "Hon", "Pres", "Messrs", "e.g", "i.e",
		"vs", "cf", "approx", "incl", "esp", "viz", "al", "No", "Nos", "no", "Fig",
		"fig", "Vol", "vol", "pp", "Ch", "Sec", "Art", "Dept", "Jan", "Feb", "Mar",
		"Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "ca", "est",
		"Ph.D", "Inc", "Ltd", "Corp", "Co", "Bros", "LLC", "plc", "Jr", "Sr", "etc",
		"a.m", "p.m", "U.S", "U.K", "U.N", "E.U", "Calif", "Mass",
	};
	static const char alphabet[] = "MrsDPofSGRCLHEeivcaNnFVJAOpgtxlzdbuImkUK.\0";
	size_t e, i, len;
	int strong = 0, weak = 0, bad = 0, iter;

	for (e = 0; e < sizeof entries / sizeof entries[0]; e++) {
		char w[16];

		len = strlen(entries[e]);
		memcpy(w, entries[e], len);
		strong += ts_abbrev_kind(w, len, 0) == ABBREV_STRONG;
		weak += ts_abbrev_kind(w, len, 0) == ABBREV_WEAK;
		bad += ts_abbrev_kind(w, len, 1) != ts_abbrev_kind(w, len, 0);
		for (i = 0; i <= len; i++) {
			bad += ts_abbrev_kind(w, i, 1) != ts_abbrev_kind(w, i, 0);
			w[len] = i < len ? w[i] : '\0';
			bad += ts_abbrev_kind(w, len + 1, 1) != ts_abbrev_kind(w, len + 1, 0);
		}
		for (i = 0; i < len; i++) {
			char keep = w[i];

			w[i] = (char)(keep ^ 0x20);
			bad += ts_abbrev_kind(w, len, 1) != ts_abbrev_kind(w, len, 0);
			w[i] = '\0';
			bad += ts_abbrev_kind(w, len, 1) != ts_abbrev_kind(w, len, 0);
			w[i] = keep;
		}
	}
	CHECK(strong == 55 && weak == 18, "list entries: %d strong, %d weak", strong, weak);
	/* the lists themselves, as segment.c has them */
	for (iter = ABBREV_STRONG; iter <= ABBREV_WEAK; iter++) {
		const char *w;

		for (i = 0; (w = ts_abbrev_entry(iter, i)) != NULL; i++) {
			CHECK(ts_abbrev_kind(w, strlen(w), 1) == iter &&
			      ts_abbrev_kind(w, strlen(w), 0) == iter,
			      "list entry '%s': switch says %d, lists %d, want %d", w,
			      ts_abbrev_kind(w, strlen(w), 1), ts_abbrev_kind(w, strlen(w), 0), iter);
		}
		CHECK(i == (iter == ABBREV_STRONG ? 55u : 18u), "list %d has %zu entries", iter, i);
	}
	for (iter = 0; iter < 200000; iter++) {
		char w[8];
		unsigned r = (unsigned)iter * 2654435761u;

		len = 1 + (size_t)(iter % 7);
		for (i = 0; i < len; i++) {
			r = r * 1103515245u + 12345u;
			w[i] = alphabet[(r >> 16) % (sizeof alphabet - 1)];
		}
		bad += ts_abbrev_kind(w, len, 1) != ts_abbrev_kind(w, len, 0);
	}
	CHECK(bad == 0, "%d words where the abbreviation switch and the lists differ", bad);
}

static void test_lang_fast(void)
{
	static const char *const texts[] = {
		"", "1234567", "12345678", "123456789 !!", "abcdefgh", "12345678a",
		"1234567890123456z", "word \xE4\xBD\xA0", "12345678\xE4\xBD\xA0\xE5\xA5\xBD",
		"It is good, really good", "It is good \xC3\xA9", "\xFF\xFE", "@#$%^&*()_+[]{}",
		"`{|}~ 0123456789", "Z", "z", "@", "[", "`", "{",
	};
	size_t i;

	static const struct { const char *w; size_t n; } words[] = {
		{"a", 1}, {"ab", 1}, {"abcdefg", 1}, {"abcdefgh", 1},
		{"abcdefghijklmno", 1}, {"x1y", 2}, {"Caf\xC3\xA9", 1},
	};
	size_t nw, wi, h;

	/* Latin words against Han characters (U+597D, U+4E00, U+4E2D) around
	 * the "mixed" threshold: a miscounted word or character moves it */
	for (wi = 0; wi < sizeof words / sizeof words[0]; wi++)
		for (nw = 1; nw <= 5; nw++)
			for (h = 0; h <= 4 * nw * words[wi].n + 2; h++) {
				char buf[256];
				size_t len = 0, k, latin = nw * words[wi].n;
				const char *expect;

				for (k = 0; k < nw; k++) {
					size_t wl = strlen(words[wi].w);

					memcpy(buf + len, words[wi].w, wl);
					len += wl;
					buf[len++] = k % 2 ? ' ' : '-';
				}
				for (k = 0; k < h; k++) {
					memcpy(buf + len, k % 3 == 0 ? "\xE5\xA5\xBD" :
					       k % 3 == 1 ? "\xE4\xB8\x80" : "\xE4\xB8\xAD", 3);
					len += 3;
				}
				if (h == 0)
					expect = "en";
				else if ((h < latin ? h : latin) * 5 >= h + latin)
					expect = "mixed";
				else
					expect = h >= latin ? "zh" : "en";
				CHECK(strcmp(ts_lang_of(buf, len), expect) == 0,
				      "lang of %zu x '%s' + %zu Han: %s", nw, words[wi].w, h,
				      ts_lang_of(buf, len));
			}
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		size_t len = strlen(texts[i]);

		CHECK(strcmp(ts_lang_of(texts[i], len), ts_lang_count(texts[i], len)) == 0,
		      "lang of '%s': %s, counted %s", texts[i], ts_lang_of(texts[i], len),
		      ts_lang_count(texts[i], len));
	}
}

int main(void)
{
	test_sentences_en();
	test_sentences_zh();
	test_sentences_quotes_en();
	test_units();
	test_cleaning();
	test_invalid_utf8();
	test_html_markdown();
	test_offsets();
	test_lang();
	test_fast_paths();
	test_abbrev_fast();
	test_paragraph_flag();
	test_lang_fast();
	return CHECK_DONE();
}
