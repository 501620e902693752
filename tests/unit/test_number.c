/* test_number.c - unit tests of the quantity parser (pipeline/lib/number.c):
 * one check per numeral form, unit, multiplier and noise filter. */
#include "check.h"
#include "claims_int.h"
#include "number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void zh(const char *s, double want, int approx, size_t used)
{
	double v = -1;
	int a = -1, dig = 0;
	size_t n = ts_zhnum_parse(s, strlen(s), &v, &a, &dig);
	CHECK(fabs(v - want) < 1e-6 && a == approx && n == used,
	      "%s: got %.3f approx %d used %zu", s, v, a, n);
}

/* Quantities of `text` through the claims handle (the embedded units). */
static void q(ts_claims *c, const char *text, const char *want)
{
	const ts_claim *r;
	size_t n;
	ts_diag d;
	int rc = ts_claims_extract(c, text, strlen(text), &r, &n, &d);
	CHECK(rc == 0 && n >= 1, "%s: rc %d", text, rc);
	if (rc == 0)
		CHECK_STR(r[0].quantity.ptr, r[0].quantity.len, want);
}

/* ts_u8dec() must give ts_utf8_lenient()'s answer for every input: all
 * one- to three-byte sequences at every length, and four-byte ones with
 * boundary values in the third byte. Returns the number of mismatches. */
static size_t u8dec_mismatches(void)
{
	unsigned a, b, c, e, len;
	size_t bad = 0;
	char s[4];

	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++)
			for (c = 0; c < 256; c++)
				for (len = 0; len <= 3; len++) {
					size_t n1 = 9, n2 = 9;
					unsigned x, y;
					s[0] = (char)a;
					s[1] = (char)b;
					s[2] = (char)c;
					s[3] = 0;
					x = ts_u8dec(s, len, &n1);
					y = ts_utf8_lenient(s, len, &n2);
					bad += x != y || n1 != n2;
				}
	for (a = 0xF0; a < 0xF8; a++)
		for (b = 0; b < 256; b++)
			for (c = 0x7E; c < 0xC2; c += 0x41)
				for (e = 0; e < 256; e++)
					for (len = 3; len <= 4; len++) {
						size_t n1 = 9, n2 = 9;
						unsigned x, y;
						s[0] = (char)a;
						s[1] = (char)b;
						s[2] = (char)c;
						s[3] = (char)e;
						x = ts_u8dec(s, len, &n1);
						y = ts_utf8_lenient(s, len, &n2);
						bad += x != y || n1 != n2;
					}
	return bad;
}

/* ts_letters_end() against a byte loop: every byte value at every
 * position of a 20-byte run of letters (and apostrophes), at every start
 * and end. Returns the number of mismatches. */
static size_t letters_end_mismatches(void)
{
	char buf[24];
	size_t bad = 0, pos, start, len;
	unsigned b;
	int apos;

	for (apos = 0; apos < 2; apos++)
		for (b = 0; b < 256; b++)
			for (pos = 0; pos < 20; pos++)
				for (start = 0; start < 4; start++)
					for (len = start; len <= 20; len++) {
						size_t i = start;
						memcpy(buf, "abcdefghijklmnoXYZ'q", 20);
						buf[pos] = (char)b;
						while (i < len &&
						       ((buf[i] >= 'a' && buf[i] <= 'z') ||
						        (buf[i] >= 'A' && buf[i] <= 'Z') ||
						        (apos && buf[i] == '\'')))
							i++;
						bad += ts_letters_end(buf, len, start, apos) != i;
					}
	return bad;
}

/* ts_numwords_slot() against its definition, for every pair of bytes
 * (claims.c's feature-word filter uses the same slots). */
static size_t numwords_slot_mismatches(void)
{
	unsigned a, b;
	size_t bad = 0;
	char s[2];

	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++) {
			unsigned la = ((a | 32u) >= 'a' && (a | 32u) <= 'z') ?
			              (a | 32u) - 'a' : 26u;
			unsigned lb = ((b | 32u) >= 'a' && (b | 32u) <= 'z') ?
			              (b | 32u) - 'a' : 26u;
			s[0] = (char)a;
			s[1] = (char)b;
			bad += ts_numwords_slot(s, 2) != la * 27u + lb;
			bad += ts_numwords_slot(s, 1) != la * 27u + 26u;
		}
	return bad;
}

/* The lists of lexicons/claims/units.tsv in a lexicon of its own (the
 * claims handle embeds the same file). Returns 0 on success. */
static int load_units(ts_numlex *x)
{
	static const struct { const char *name; int kind; } k[] = {
		{"mult", TS_NW_MULT}, {"unit", TS_NW_UNIT},
		{"prefix", TS_NW_PREFIX}, {"cls", TS_NW_CLS},
		{"approx", TS_NW_APPROX}, {"figure", TS_NW_FIGURE},
		{"rank", TS_NW_RANK}, {"word", TS_NW_WORD},
	};
	char line[512];
	FILE *f = fopen("lexicons/claims/units.tsv", "r");
	size_t n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		char *t1 = strchr(line, '\t'), *t2, *nl;
		size_t i;
		if (line[0] == '#' || !t1)
			continue;
		*t1++ = '\0';
		t2 = strchr(t1, '\t');
		if (!t2)
			continue;
		*t2++ = '\0';
		if ((nl = strchr(t2, '\n')) != NULL)
			*nl = '\0';
		for (i = 0; i < sizeof k / sizeof k[0]; i++)
			if (!strcmp(k[i].name, line) &&
			    ts_numlex_add(x, k[i].kind, t1, strlen(t1), t2, strlen(t2),
			                  k[i].kind == TS_NW_MULT || k[i].kind == TS_NW_WORD ?
			                  strtod(t2, NULL) : 0) == 0)
				n++;
	}
	fclose(f);
	return n > 100 ? 0 : -1;
}

/* number.h's rule for "ts_quantities() may find something in s". */
static int ref_may(const ts_numlex *x, const char *s, size_t len)
{
	const struct ts_numwords *nw = ts_numlex_words(x);
	size_t i = 0, n;

	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		if ((b >= '0' && b <= '9') || b == '$')
			return 1;
		if (b >= 0x80) {
			if (ts_numlex_cp_may(x, ts_u8dec(s + i, len - i, &n)))
				return 1;
			i += n;
			continue;
		}
		if ((b | 32u) >= 'a' && (b | 32u) <= 'z') {
			size_t e = ts_letters_end(s, len, i + 1, 0);
			if (ts_numwords_may(nw, s + i, e - i))
				return 1;
			i = e;
			continue;
		}
		i++;
	}
	return 0;
}

/* Random texts of number words, look-alikes, apostrophes, signs and
 * Chinese numerals: where ts_quantities() finds a quantity, the rule of
 * number.h must say so, and the claims handle (which skips the number
 * scan where features() saw nothing that may start one) must give
 * ts_quantities()'s items. Returns the number of failures. */
/* A text of 1..maxm random pieces of tok (each followed by one of sep
 * when sep is given), from the LCG state *r. */
static void random_pieces(ts_buf *text, uint32_t *r, size_t maxm,
                          const char *const *tok, size_t ntok,
                          const char *const *sep, size_t nsep)
{
	size_t k, m;

	*r = *r * 1103515245u + 12345u;
	m = 1 + (*r >> 16) % maxm;
	ts_buf_reset(text);
	for (k = 0; k < m; k++) {
		*r = *r * 1103515245u + 12345u;
		ts_buf_adds(text, tok[(*r >> 8) % ntok]);
		if (sep)
			ts_buf_adds(text, sep[(*r >> 24) % nsep]);
	}
}

static size_t prefilter_mismatches(ts_claims *c, const ts_numlex *x)
{
	static const char *const tok[] = {
		"one", "One", "ONE", "two", "three", "four", "five", "six",
		"seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
		"Thirty", "forty", "ninety", "hundred", "dozen", "a", "A",
		"a hundred", "a dozen", "twenty-five", "nine-figure", "figure",
		"million", "billion", "bn", "dollars", "people", "times", "%",
		"US$", "US", "us", "USD", "RMB", "rmb", "EUR", "$", "\xE2\x82\xAC",
		"\xC2\xA5", "5", "10", "2023", "1,000", "3.5", "1st", "'", "''",
		"\xE2\x80\x99", "don't", "'one", "o'clock", "x'two", "two's",
		"one'", "the", "them", "ones", "none", "often", "tent", "\"",
		"\xE7\xAC\xAC", "\xE4\xB8\x89", "\xE7\x99\xBE\xE5\x88\x86\xE4\xB9\x8B",
		"\xE4\xBA\x94\xE5\x8D\x81", "\xE4\xB8\x87", "\xE4\xB8\xAA",
		"\xE5\xB9\xB4", "\xE7\x9A\x84", "\xF0\x9F\x98\x80", ".", ",", "-",
		"?", "!", "(", ")", "_", "I",
	};
	static const char *const sep[] = {"", " ", " ", " ", "  ", "-", "'"};
	uint32_t r = 12345;
	size_t t, bad = 0;
	ts_buf text = {0}, out = {0};

	for (t = 0; t < 20000; t++) {
		size_t cnt = 0, nr = 0;
		const ts_claim *rows;
		ts_diag d;
		random_pieces(&text, &r, 8, tok, sizeof tok / sizeof tok[0], sep,
		              sizeof sep / sizeof sep[0]);
		ts_buf_reset(&out);
		if (ts_quantities(&out, x, text.data, text.len, &cnt) != 0) {
			bad++;
			continue;
		}
		if (cnt && !ref_may(x, text.data, text.len)) {
			fprintf(stderr, "rule misses '%.*s'\n", (int)text.len, text.data);
			bad++;
		}
		ts_claims_reset(c);
		if (ts_claims_extract(c, text.data, text.len, &rows, &nr, &d) != 0 ||
		    !nr || rows[0].quantity.len != out.len ||
		    (out.len && memcmp(rows[0].quantity.ptr, out.data, out.len))) {
			fprintf(stderr, "claims differ on '%.*s': '%.*s' / '%.*s'\n",
			        (int)text.len, text.data, (int)out.len,
			        out.data ? out.data : "",
			        nr ? (int)rows[0].quantity.len : 0,
			        nr ? rows[0].quantity.ptr : "");
			bad++;
		}
	}
	ts_buf_free(&text);
	ts_buf_free(&out);
	return bad;
}

/* The runs number.h lets a caller give ts_quantities_skip(): whole
 * well-formed three-byte characters, leads E1..EC, EE, EF, bit clear in
 * ts_numlex_zstart(). A run ends at random now and then (any runs of
 * such characters may be given, not only the longest). Returns the pairs
 * written to sk (room for len of them). */
static size_t skip_runs(const ts_numlex *x, const char *s, size_t len,
                        uint32_t *sk, uint32_t *r)
{
	const unsigned char *u = (const unsigned char *)s;
	const uint64_t *zs = ts_numlex_zstart(x);
	size_t i = 0, a = SIZE_MAX, n = 0;

	while (i < len) {
		unsigned cp;
		int ok = i + 3 <= len && u[i] >= 0xE1 && u[i] <= 0xEF &&
		         u[i] != 0xED && (u[i + 1] & 0xC0) == 0x80 &&
		         (u[i + 2] & 0xC0) == 0x80;
		if (ok) {
			cp = (u[i] & 0x0Fu) << 12 | (u[i + 1] & 0x3Fu) << 6 |
			     (u[i + 2] & 0x3Fu);
			ok = !((zs[cp >> 6] >> (cp & 63)) & 1u);
		}
		*r = *r * 1103515245u + 12345u;
		if (a != SIZE_MAX && (!ok || (*r >> 16) % 5 == 0)) {
			sk[2 * n] = (uint32_t)a;
			sk[2 * n + 1] = (uint32_t)i;
			n++;
			a = SIZE_MAX;
		}
		if (ok) {
			if (a == SIZE_MAX)
				a = i;
			i += 3;
		} else {
			i++;
		}
	}
	if (a != SIZE_MAX) {
		sk[2 * n] = (uint32_t)a;
		sk[2 * n + 1] = (uint32_t)i;
		n++;
	}
	return n;
}

/* ts_quantities() with and without its fast paths (ts_numlex_plain) on
 * random texts of Chinese numerals, units, counters, other Chinese
 * characters, characters with leads E0 and ED, four-byte ones, digits
 * and invalid bytes, most near the end of the text (the four-byte load
 * stops there). Returns the number of texts that differ. */
static size_t plain_mismatches(ts_numlex *x)
{
	static const char *const tok[] = {
		"\xE4\xB8\x89", "\xE4\xB8\x80", "\xE5\x8D\x81", "\xE7\x99\xBE",
		"\xE4\xB8\x87", "\xE4\xBA\xBF", "\xE4\xB8\xA4", "\xE9\x9B\xB6",
		"\xE3\x80\x87", "\xE5\xA4\x9A", "\xE5\x87\xA0", "\xE4\xBD\x99",
		"\xE7\xAC\xAC", "\xE5\x90\x8D", "\xE4\xB8\xAA", "\xE6\xAC\xBE",
		"\xE5\xB9\xB4", "\xE6\x9C\x88", "\xE4\xBA\xBA", "\xE6\xAC\xA1",
		"\xE7\xBE\x8E\xE5\x85\x83", "\xE7\x99\xBE\xE5\x88\x86\xE4\xB9\x8B",
		"\xE7\x9A\x84", "\xE5\xA5\xBD", "\xE6\x98\xAF", "\xE8\xAF\xB4",
		"\xEF\xBC\x8C", "\xE3\x80\x82", "\xEF\xBF\xA5", "\xE2\x82\xAC",
		"\xE0\xA4\x95", "\xED\x9F\xBF", "\xEF\xBF\xBD", "\xF0\x9F\x98\x80",
		"\xC2\xA5", "5", "10", "3.5", "$", "%", " ", "a", "million",
		"\xE4\xB8", "\xE0\x80\x80", "\xED\xA0\x80", "\xFF", "\x80", "\xE4",
	};
	uint32_t r = 777;
	size_t t, bad = 0;
	ts_buf text = {0}, a = {0}, b = {0}, k = {0};
	uint32_t *sk = NULL;

	for (t = 0; t < 30000; t++) {
		size_t na = 0, nb = 0, nk = 0, nsk;
		int ra, rb, rk;
		random_pieces(&text, &r, 12, tok, sizeof tok / sizeof tok[0], NULL, 0);
		ts_buf_reset(&a);
		ts_buf_reset(&b);
		ts_buf_reset(&k);
		ts_numlex_plain(x, 0);
		ra = ts_quantities(&a, x, text.data, text.len, &na);
		ts_numlex_plain(x, 1);
		rb = ts_quantities(&b, x, text.data, text.len, &nb);
		/* and with the runs a caller may give (fast paths on) */
		ts_numlex_plain(x, 0);
		free(sk);
		sk = malloc((2 * text.len + 2) * sizeof *sk);
		if (!sk)
			return bad + 1;
		nsk = skip_runs(x, text.data, text.len, sk, &r);
		rk = ts_quantities_skip(&k, x, text.data, text.len, sk, nsk, &nk);
		if (ra || rb || rk || na != nb || na != nk || a.len != b.len ||
		    a.len != k.len || (a.len && (memcmp(a.data, b.data, a.len) ||
		                                 memcmp(a.data, k.data, a.len)))) {
			if (bad < 5)
				fprintf(stderr, "fast, plain and skip differ on '%.*s'\n",
				        (int)text.len, text.data);
			bad++;
		}
	}
	ts_numlex_plain(x, 0);
	free(sk);
	ts_buf_free(&text);
	ts_buf_free(&a);
	ts_buf_free(&b);
	ts_buf_free(&k);
	return bad;
}

int main(void)
{
	ts_claims *c = NULL;
	ts_diag d;
	ts_buf b = {0};

	CHECK(u8dec_mismatches() == 0, "ts_u8dec differs from ts_utf8_lenient");
	CHECK(letters_end_mismatches() == 0, "ts_letters_end differs");

	/* the Chinese numeral parser */
	zh("一", 1, 0, 3);
	zh("十", 10, 0, 3);
	zh("十二", 12, 0, 6);
	zh("二十", 20, 0, 6);
	zh("两百", 200, 0, 6);
	zh("一百零五", 105, 0, 12);
	zh("一千二百三十四", 1234, 0, 21);
	zh("两百万", 2000000, 0, 9);
	zh("3千万", 30000000, 0, 7);
	zh("1.5亿", 150000000, 0, 6);
	zh("800万", 8000000, 0, 6);
	zh("一亿三千万", 130000000, 0, 15);
	zh("3万亿", 3e12, 0, 7);
	zh("二〇二三", 2023, 0, 12);
	zh("300多万", 3000000, 1, 9);
	zh("十几", 10, 1, 6);
	zh("1,000", 1000, 0, 5);
	zh("人", 0, 0, 0);
	zh("300两", 300, 0, 3);   /* like "3三": Arabic then a Chinese digit */

	ts_num_format(&b, 100000000);
	ts_buf_addc(&b, ' ');
	ts_num_format(&b, 1.5);
	ts_buf_addc(&b, ' ');
	ts_num_format(&b, 0.25);
	CHECK_STR(b.data, b.len, "100000000 1.5 0.25");
	ts_buf_free(&b);

	CHECK(ts_claims_new(&c, &d) == 0, "new: %s", d.msg);
	if (!c)
		return CHECK_DONE();

	/* the pre-check that lets claims skip the number scan */
	CHECK(numwords_slot_mismatches() == 0, "ts_numwords_slot differs");
	{
		ts_numlex *x = NULL, *y = NULL;
		int loaded = ts_numlex_new(&x) == 0 && load_units(x) == 0;
		CHECK(loaded, "units.tsv in a lexicon of its own (run from the "
		      "source directory)");
		if (loaded) {
			CHECK(plain_mismatches(x) == 0, "fast and plain number scans differ");
			CHECK(prefilter_mismatches(c, x) == 0,
			      "number pre-check misses quantities");
		}
		/* a number word with other characters than letters, '-' and
		 * ' ' makes every letter run pass */
		CHECK(ts_numlex_new(&y) == 0 &&
		      ts_numlex_add(y, TS_NW_WORD, "one", 3, "", 0, 1) == 0, "lexicon");
		if (y) {
			CHECK(!ts_numwords_may(ts_numlex_words(y), "two", 3) &&
			      ts_numwords_may(ts_numlex_words(y), "One", 3), "one only");
			CHECK(ts_numlex_add(y, TS_NW_WORD, "x5", 2, "", 0, 1) == 0 &&
			      ts_numwords_may(ts_numlex_words(y), "two", 3) &&
			      ts_numwords_may(ts_numlex_words(y), "q", 1),
			      "an odd entry opens the filter");
		}
		ts_numlex_free(x);
		ts_numlex_free(y);
	}
	/* forms of the issue */
	q(c, "用户已达800万。", "800万=8000000");
	q(c, "播放量300多万次。", "300多万次=3000000+ times");
	q(c, "开出九位数的薪酬。", "九位数=100000000-999999999");
	q(c, "a nine-figure pay package", "nine-figure=100000000-999999999");
	q(c, "总额1亿美金。", "1亿美金=100000000 USD");
	q(c, "融资1.5亿元。", "1.5亿元=150000000 CNY");
	q(c, "估值3千万美元。", "3千万美元=30000000 USD");
	q(c, "It paid $10 billion.", "$10 billion=10000000000 USD");
	q(c, "It paid US$5 million.", "US$5 million=5000000 USD");
	q(c, "€20 for it", "€20=20 EUR");
	q(c, "RMB 100 each", "RMB 100=100 CNY");
	q(c, "300 yuan", "300 yuan=300 CNY");
	q(c, "增长了50%。", "50%=50 %");
	q(c, "up 12.5 percent", "12.5 percent=12.5 %");
	q(c, "占百分之五十。", "百分之五十=50 %");
	q(c, "排名第33名。", "第33名=33 rank");
	q(c, "第三季度", "第三=3 ordinal");
	q(c, "finished 33rd", "33rd=33 ordinal");
	q(c, "上线三个月。", "三个月=3 month");
	q(c, "一个月后", "一个月=1 month");
	q(c, "within two months", "two months=2 month");
	q(c, "three million users", "three million users=3000000 users");
	q(c, "2023年发布", "2023年=2023 date");
	q(c, "用了两年", "两年=2 year");
	q(c, "两个版本", "两个=2");
	q(c, "它有5000个", "5000个=5000");
	q(c, "10 people", "10 people=10 people");
	q(c, "超过2000万。", "2000万=20000000");
	/* the scanner's pre-checks (qclass, zstart, runlens) must let every
	 * start through: prefix signs, each numeral and multiplier, 第,
	 * 百分之, number words in any case, and reject full-width digits and
	 * lone markers as before (expected values from the unoptimised
	 * scanner) */
	q(c, "花了£30买的", "£30=30 GBP");
	q(c, "¥500一张", "¥500=500 CNY");
	q(c, "￥88包邮", "￥88=88 CNY");
	q(c, "HK$20 each", "HK$20=20 HKD");
	q(c, "a dozen eggs", "");
	q(c, "A hundred people", "A hundred people=100 people");
	q(c, "twenty-five years", "twenty-five years=25 year");
	q(c, "Twenty users", "Twenty users=20 users");
	q(c, "零下五度", "");
	q(c, "〇三年", "〇三年=3 year");
	q(c, "九十九次", "九十九次=99 times");
	q(c, "七八个人", "七八个=7-8");
	q(c, "亿万富翁", "");
	q(c, "万一呢", "");
	q(c, "第一名", "第一名=1 rank");
	q(c, "第十届", "第十=10 ordinal");
	q(c, "百分之三十", "百分之三十=30 %");
	q(c, "两千块", "两千块=2000 CNY");
	q(c, "三百五十元", "三百五十元=350 CNY");
	q(c, "USD 20", "USD 20=20 USD");
	q(c, "usd 20", "usd 20=20 USD");
	q(c, "EUR5", "");
	q(c, "the 5th time", "5th=5 ordinal");
	q(c, "ten-figure sum", "ten-figure=1000000000-9999999999");
	q(c, "六位数", "六位数=100000-999999");
	q(c, "十几个", "");
	q(c, "1,500人", "1,500人=1500 people");
	q(c, "ＡＢＣ１２３", "");
	q(c, "５０个", "");
	q(c, "x 3 y", "3=3");
	q(c, "Ⅷ", "");
	q(c, "百分之", "");
	q(c, "第", "");
	q(c, "二", "");
	q(c, "onetwo three", "");
	q(c, "aaaa", "");
	/* ranges: one item, the first end completed from the second */
	q(c, "投资650亿至700亿美元", "650亿至700亿美元=65000000000-70000000000 USD");
	q(c, "It expects $3 to $5 billion.", "$3 to $5 billion=3000000000-5000000000 USD");
	q(c, "up 10-15% this year", "10-15%=10-15 %");
	q(c, "up 10%-15%", "10%-15%=10-15 %");
	q(c, "20 to 30 million users", "20 to 30 million users=20000000-30000000 users");
	q(c, "three to five million users", "three to five million users=3000000-5000000 users");
	q(c, "between 3 and 5 billion dollars", "3 and 5 billion dollars=3000000000-5000000000 USD");
	q(c, "用户达到三到五千万", "三到五千万=30000000-50000000");
	q(c, "十到二十万", "十到二十万=100000-200000");
	q(c, "3到5千万", "3到5千万=30000000-50000000");
	q(c, "5到10万", "5到10万=50000-100000");
	q(c, "价格下降了10~15%", "10~15%=10-15 %");
	q(c, "10％～15％", "10％～15％=10-15 %");
	q(c, "2023年至2024年", "2023年至2024年=2023-2024 date");
	q(c, "30-40岁", "30-40岁=30-40 age");
	q(c, "the 2 – 3 hours", "2 – 3 hours=2-3 hour");
	/* a change, not a range: two items, the first completed */
	q(c, "It fell from 5 to 10 million.", "5=5000000; 10 million=10000000");
	q(c, "从3到5千万", "3=30000000; 5千万=50000000");
	/* no range */
	q(c, "10 to 5 million", "10=10; 5 million=5000000");
	q(c, "rose 5% to $10 billion", "5%=5 %; $10 billion=10000000000 USD");
	q(c, "3 and 5 billion", "3=3; 5 billion=5000000000");
	q(c, "won 3-2", "3=3");
	q(c, "on 2023-01-15", "2023=2023");
	q(c, "call 010-88886666", "010=10");
	q(c, "[2008/02/29-2008/08/30]", "2008=2008; 02=2; 29=29; 08=8; 30=30");
	q(c, "第一到第三名", "第一=1 ordinal; 第三名=3 rank");
	q(c, "一到家就睡", "");
	q(c, "GPT-4 to GPT-5", "");
	/* a numeral that opens with a multiplier counts before a larger
	 * one and a currency only */
	q(c, "市值蒸发近千亿港元", "千亿港元=100000000000 HKD");
	q(c, "市场规模达万亿元", "万亿元=1000000000000 CNY");
	q(c, "千万元大奖", "千万元=10000000 CNY");
	q(c, "百年老店", "");
	q(c, "千万人", "");
	/* a bare number after a product name is part of the name */
	q(c, "The Lumen Pro 7 went on sale.", "");
	q(c, "Google released a Gemini 2.5 model.", "");
	q(c, "The iPhone 16 costs $799.", "$799=799 USD");
	q(c, "It sold 40 units.", "40=40");
	q(c, "In 2015 it grew.", "2015=2015");
	q(c, "Sales on June 5 fell.", "5=5");
	q(c, "Sales in Q3 2024 rose.", "2024=2024");
	q(c, "The Lumen Pro sold 7 million units.", "7 million=7000000");
	/* N成: tenths; 七八: seven or eight */
	q(c, "约七成用户", "七成=70 %");
	q(c, "超过3成", "3成=30 %");
	q(c, "十成把握", "十成=100 %");
	q(c, "七八成", "七八成=70-80 %");
	q(c, "增长三到五成", "三到五成=30-50 %");
	q(c, "八成用户满意", "八成=80 %");
	q(c, "他八成是疯了", "");
	q(c, "一成不变", "");
	q(c, "三成员", "");
	q(c, "三四十万元", "三四十万元=300000-400000 CNY");
	q(c, "乱七八糟的", "");
	q(c, "二三事", "");
	/* not quantities */
	q(c, "一些网友说一起去", "");
	q(c, "千万不要这样", "");
	q(c, "统一的标准", "");
	q(c, "十分好用", "");
	q(c, "GPT-4 and H100 and 5G", "");
	q(c, "one of the best", "");
	q(c, "再一次", "");
	ts_claims_free(c);
	return CHECK_DONE();
}
