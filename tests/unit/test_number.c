/* test_number.c - unit tests of the quantity parser (pipeline/lib/number.c):
 * one check per numeral form, unit, multiplier and noise filter. */
#include "check.h"
#include "claims_int.h"
#include "number.h"

#include <math.h>

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
					for (len = start; len <= 20; len += 3) {
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
	q(c, "¥500一张", "¥500一=5001 CNY");
	q(c, "￥88包邮", "￥88=88 CNY");
	q(c, "HK$20 each", "HK$20=20 HKD");
	q(c, "a dozen eggs", "");
	q(c, "A hundred people", "A hundred people=100 people");
	q(c, "twenty-five years", "twenty-five years=25 year");
	q(c, "Twenty users", "Twenty users=20 users");
	q(c, "零下五度", "");
	q(c, "〇三年", "〇三年=3 year");
	q(c, "九十九次", "九十九次=99 times");
	q(c, "七八个人", "七八个=78");
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
