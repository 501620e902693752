/* number.c - quantity recognition: a Chinese-numeral parser and a scanner
 * that turns "1亿美金", "$10 billion", "300多万次", "第33名" into
 * normalised "surface=value unit" items (see number.h). */
#include "number.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct numword {
	int kind;
	char *word;
	size_t wlen;
	char *unit;   /* NUL-terminated, may be "" */
	double value;
	int ascii;    /* all ASCII letters: case-insensitive, word boundary */
	long next;    /* next entry with the same (lower-cased) first byte */
};

struct ts_numlex {
	struct numword *w;
	size_t n, cap;
	long head[TS_NW_WORD + 1][256]; /* first entry per kind and first
	                                 * byte, -1 = none */
	unsigned short kinds[256]; /* bit (1 << kind) per first byte */
	unsigned prefix_cp[16];   /* first code points of non-ASCII prefixes */
	uint64_t wordbloom[8];    /* hashed first words of ASCII WORD/PREFIX
	                           * entries: a letter run outside it cannot
	                           * start a quantity */
	uint32_t runlens[256];    /* per lower-case first letter: bit L (at
	                           * most 31) set when a WORD or PREFIX entry
	                           * starting with it has a first letter run
	                           * of L letters (wordbloom's words) */
	struct ts_numwords nwords; /* the last letter runs of WORD entries,
	                            * for ts_numlex_words() (nwords_add) */
	size_t nprefix_cp;
	/* ts_quantities() pre-checks, kept up to date by ts_numlex_add():
	 * qclass[b] says what byte b can start (Q_*), zstart has bit cp set
	 * for every code point cp of U+0080..U+FFFF that can start a
	 * quantity (numerals, 第, prefix signs; 8 KiB) */
	unsigned char qclass[256];
	uint64_t zstart[0x10000 / 64];
	int plain;                /* ts_numlex_plain() */
	/* the words that may follow a Chinese numeral (FOLLOW_KINDS): bit
	 * cp of zfollow for the first code point (U+0080..U+FFFF) of each,
	 * kinds[] for an ASCII first byte; zfollow_all when one starts with
	 * anything else (no early exit then, quantity_at) */
	uint64_t zfollow[0x10000 / 64];
	int zfollow_all;
};

enum { Q_DIGIT = 1, Q_DOLLAR = 2, Q_ALPHA = 4, Q_LEAD = 8 };

/* Kinds quantity_at() looks up after a Chinese numeral that is no
 * ordinal (第N takes RANK) and no percentage (百分之N). */
#define FOLLOW_KINDS ((1u << TS_NW_MULT) | (1u << TS_NW_UNIT) | \
                      (1u << TS_NW_CLS) | (1u << TS_NW_APPROX) | \
                      (1u << TS_NW_FIGURE))

static int zh_digit(unsigned c);
static double zh_mult(unsigned c);

/* Note that code point cp (>= 0x80) can start a quantity (code points
 * past U+FFFF: only prefix_cp knows them). */
static void zstart_add(struct ts_numlex *x, unsigned cp)
{
	if (cp == 0xFFFD) {
		/* an invalid byte decodes to U+FFFD: any byte >= 0x80 may
		 * start one, so no byte can be skipped unseen */
		unsigned b;
		for (b = 0x80; b < 0x100; b++)
			x->qclass[b] = Q_LEAD;
	}
	if (cp < 0x10000)
		x->zstart[cp >> 6] |= (uint64_t)1 << (cp & 63);
}

static int zstart_has(const ts_numlex *x, unsigned cp)
{
	return (x->zstart[cp >> 6] >> (cp & 63)) & 1u;
}

int ts_numlex_new(ts_numlex **out)
{
	size_t i;

	*out = calloc(1, sizeof **out);
	if (!*out)
		return TS_ENOMEM;
	for (i = 0; i < 256 * (TS_NW_WORD + 1); i++)
		(&(*out)->head[0][0])[i] = -1;
	/* bytes 0x80..0xC1 and 0xF5.. never start a character: stray ones
	 * (invalid UTF-8) decode to U+FFFD, which starts nothing (see
	 * zstart_add for the exception) */
	for (i = 0; i < 256; i++)
		(*out)->qclass[i] = (unsigned char)(
			i >= '0' && i <= '9' ? Q_DIGIT : i == '$' ? Q_DOLLAR :
			((i | 32) >= 'a' && (i | 32) <= 'z') ? Q_ALPHA :
			i >= 0xC2 && i <= 0xF4 ? Q_LEAD : 0);
	/* Chinese digits and multipliers (all in U+3000..U+9FFF), 第 */
	for (i = 0x3000; i < 0xA000; i++)
		if (zh_digit((unsigned)i) >= 0 || zh_mult((unsigned)i) > 0 ||
		    i == 0x7B2C)
			zstart_add(*out, (unsigned)i);
	return 0;
}

void ts_numlex_free(ts_numlex *x)
{
	size_t i;

	if (!x)
		return;
	for (i = 0; i < x->n; i++) {
		free(x->w[i].word);
		free(x->w[i].unit);
	}
	free(x->w);
	free(x);
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Decode one UTF-8 sequence (lenient: a bad byte is U+FFFD, length 1). */
static unsigned dec(const char *s, size_t len, size_t *n)
{
	return ts_u8dec(s, len, n);
}

/* Hash of the first run of letters of s (lower-cased), 0..511. */
static unsigned word_hash(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && is_alpha((unsigned char)s[i]))
		i++;
	return ts_numwords_hash(s, i);
}

/* Note WORD entry w in nwords: by its last letter run, which any match
 * in a text shows as a whole run of letters (lookup() checks the letter
 * after an ASCII entry; the rest of a multi-word entry is no letter or
 * its own run), so "a hundred" is looked for at "hundred", not at every
 * "a". An entry with other characters than letters, '-' and ' ' (no
 * boundary check) makes every letter run pass. */
static void nwords_add(ts_numlex *x, const char *w, size_t wlen)
{
	size_t e = wlen, b, i;
	unsigned h;

	for (i = 0; i < wlen; i++)
		if (!is_alpha((unsigned char)w[i]) && w[i] != '-' && w[i] != ' ')
			break;
	while (e > 0 && !is_alpha((unsigned char)w[e - 1]))
		e--;
	if (i < wlen || !e) {
		for (i = 0; i < TS_NUMWORDS_SLOTS; i++)
			x->nwords.lens[i] = UINT32_MAX;
		for (i = 0; i < 8; i++)
			x->nwords.bloom[i] = UINT64_MAX;
		return;
	}
	b = e;
	while (b > 0 && is_alpha((unsigned char)w[b - 1]))
		b--;
	h = ts_numwords_hash(w + b, e - b);
	x->nwords.bloom[h >> 6] |= (uint64_t)1 << (h & 63);
	x->nwords.lens[ts_numwords_slot(w + b, e - b)] |=
		(uint32_t)1 << (e - b < 31 ? e - b : 31);
}

int ts_numlex_add(ts_numlex *x, int kind, const char *word, size_t wlen,
                  const char *unit, size_t ulen, double value)
{
	struct numword *e = NULL;
	size_t i;
	char *w, *u;

	if (!wlen)
		return TS_EINVAL;
	for (i = 0; i < x->n; i++)
		if (x->w[i].kind == kind && x->w[i].wlen == wlen &&
		    memcmp(x->w[i].word, word, wlen) == 0)
			e = &x->w[i];
	w = ts_strndup(word, wlen);
	u = ts_strndup(unit ? unit : "", unit ? ulen : 0);
	if (!w || !u) {
		free(w);
		free(u);
		return TS_ENOMEM;
	}
	if (!e) {
		if (TS_GROW(x->w, x->cap, x->n + 1, 64)) {
			free(w);
			free(u);
			return TS_ENOMEM;
		}
		e = &x->w[x->n];
		x->kinds[lower((unsigned char)w[0])] |= (unsigned short)(1u << kind);
		if (((1u << kind) & FOLLOW_KINDS) && (unsigned char)w[0] >= 0x80) {
			size_t n1;
			unsigned cp = dec(w, wlen, &n1);
			if (cp >= 0x10000 || cp == 0xFFFD)
				x->zfollow_all = 1;
			else
				x->zfollow[cp >> 6] |= (uint64_t)1 << (cp & 63);
		}
		if (kind == TS_NW_PREFIX && (unsigned char)w[0] >= 0x80 &&
		    x->nprefix_cp < 16) {
			size_t n1;
			x->prefix_cp[x->nprefix_cp++] = dec(w, wlen, &n1);
			zstart_add(x, x->prefix_cp[x->nprefix_cp - 1]);
		}
		if ((kind == TS_NW_WORD || kind == TS_NW_PREFIX) &&
		    is_alpha((unsigned char)w[0])) {
			unsigned h = word_hash(w, wlen);
			size_t r = 0;
			x->wordbloom[h >> 6] |= (uint64_t)1 << (h & 63);
			while (r < wlen && is_alpha((unsigned char)w[r]))
				r++;
			x->runlens[lower((unsigned char)w[0])] |=
				(uint32_t)1 << (r < 31 ? r : 31);
			if (kind == TS_NW_WORD)
				nwords_add(x, w, wlen);
		}
		e->next = x->head[kind][lower((unsigned char)w[0])];
		x->head[kind][lower((unsigned char)w[0])] = (long)x->n;
		x->n++;
	} else {
		free(e->word);
		free(e->unit);
	}
	e->kind = kind;
	e->word = w;
	e->wlen = wlen;
	e->unit = u;
	e->value = value;
	e->ascii = 1;
	for (i = 0; i < wlen; i++)
		if (!is_alpha((unsigned char)w[i]) && w[i] != '-' && w[i] != ' ')
			e->ascii = 0;
	return 0;
}

void ts_numlex_plain(ts_numlex *x, int on)
{
	x->plain = on != 0;
}

const struct ts_numwords *ts_numlex_words(const ts_numlex *x)
{
	return &x->nwords;
}

int ts_numlex_cp_may(const ts_numlex *x, unsigned cp)
{
	return cp >= 0x10000 || zstart_has(x, cp);
}

/* Longest word of `kind` at s (a kind of 0 = any). */
static const struct numword *lookup(const ts_numlex *x, int kind,
                                    const char *s, size_t len)
{
	const struct numword *best = NULL;
	size_t k;
	long i;

	if (!x || !len || kind < 1 || kind > TS_NW_WORD)
		return NULL;
	for (i = x->head[kind][lower((unsigned char)s[0])]; i >= 0;
	     i = x->w[i].next) {
		const struct numword *e = &x->w[i];
		if (e->wlen > len)
			continue;
		if (best && e->wlen <= best->wlen)
			continue;
		if (e->ascii) {
			for (k = 0; k < e->wlen; k++)
				if (lower((unsigned char)s[k]) !=
				    lower((unsigned char)e->word[k]))
					break;
			if (k < e->wlen)
				continue;
			if (e->wlen < len && is_alpha((unsigned char)s[e->wlen]))
				continue;
		} else {
			/* inline: most entries differ in their second or
			 * third byte, and a memcmp call per entry of a
			 * Chinese chain cost more than the compare */
			for (k = 0; k < e->wlen && s[k] == e->word[k]; k++)
				;
			if (k < e->wlen)
				continue;
		}
		best = e;
	}
	return best;
}

/* Value of a Chinese digit character, or -1. */
static int zh_digit(unsigned c)
{
	switch (c) {
	case 0x96F6: case 0x3007: return 0;           /* 零 〇 */
	case 0x4E00: return 1;                         /* 一 */
	case 0x4E8C: case 0x4E24: return 2;           /* 二 两 */
	case 0x4E09: return 3;
	case 0x56DB: return 4;
	case 0x4E94: return 5;
	case 0x516D: return 6;
	case 0x4E03: return 7;
	case 0x516B: return 8;
	case 0x4E5D: return 9;
	default: return -1;
	}
}

/* Multiplier of 十百千万亿, or 0. */
static double zh_mult(unsigned c)
{
	switch (c) {
	case 0x5341: return 10;          /* 十 */
	case 0x767E: return 100;         /* 百 */
	case 0x5343: return 1000;        /* 千 */
	case 0x4E07: return 1e4;         /* 万 */
	case 0x4EBF: return 1e8;         /* 亿 */
	default: return 0;
	}
}

static int zh_approx(unsigned c)
{
	return c == 0x591A || c == 0x4F59 || c == 0x51E0; /* 多 余 几 */
}

/* Parse an Arabic number with optional thousands commas and decimals. */
static size_t parse_arabic(const char *s, size_t len, double *value)
{
	size_t i = 0, start;
	double v = 0, scale;

	while (i < len && is_digit((unsigned char)s[i]))
		v = v * 10 + (s[i++] - '0');
	/* thousands groups: ",ddd" not followed by another digit */
	while (i + 3 < len + 0 && s[i] == ',' && i + 3 < len &&
	       is_digit((unsigned char)s[i + 1]) &&
	       is_digit((unsigned char)s[i + 2]) &&
	       is_digit((unsigned char)s[i + 3]) &&
	       (i + 4 >= len || !is_digit((unsigned char)s[i + 4]))) {
		v = v * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
		    (s[i + 3] - '0');
		i += 4;
	}
	if (i + 1 < len && s[i] == '.' && is_digit((unsigned char)s[i + 1])) {
		i++;
		start = i;
		scale = 0.1;
		while (i < len && is_digit((unsigned char)s[i])) {
			v += (s[i] - '0') * scale;
			scale /= 10;
			i++;
		}
		(void)start;
	}
	*value = v;
	return i;
}

size_t ts_zhnum_parse(const char *s, size_t len, double *value, int *approx,
                      int *has_digit)
{
	double result = 0, section = 0, number = 0, m;
	int have_number = 0, last_digit = 0, any = 0, d, arabic = 0;
	size_t i = 0, n, used = 0;
	unsigned c;

	*approx = 0;
	*has_digit = 0;
	while (i < len) {
		if (is_digit((unsigned char)s[i])) {
			double v;
			if (last_digit)
				break;   /* "3三" is not a number */
			n = parse_arabic(s + i, len - i, &v);
			number = v;
			have_number = 1;
			last_digit = 1;
			arabic = 1;
			*has_digit = 1;
			i += n;
			used = i;
			any = 1;
			continue;
		}
		c = dec(s + i, len - i, &n);
		if ((d = zh_digit(c)) >= 0) {
			if (last_digit && arabic)
				break;   /* nor is "300两" */
			/* a run of digits without multipliers is positional:
			 * 二〇二三 = 2023 */
			number = last_digit ? number * 10 + d : d;
			have_number = 1;
			last_digit = 1;
			*has_digit = 1;
		} else if ((m = zh_mult(c)) > 0) {
			if (m < 1e4) {
				section += (have_number ? number : 1) * m;
			} else if (m < 1e8) {
				section += number;
				result += (section > 0 ? section : 1) * m;
				section = 0;
			} else {
				section += number;
				result = (result + section > 0 ? result + section : 1) * m;
				section = 0;
			}
			number = 0;
			have_number = 0;
			last_digit = 0;
			arabic = 0;
		} else if (any && zh_approx(c) && !*approx) {
			/* 300多万, 十几: only inside or right after a number */
			*approx = 1;
			last_digit = 0;
		} else {
			break;
		}
		any = 1;
		i += n;
		used = i;
	}
	*value = result + section + number;
	return any ? used : 0;
}

int ts_num_format(ts_buf *out, double v)
{
	double r = floor(v + 0.5);
	char tmp[64];
	size_t n;

	if (fabs(v - r) <= 1e-6 * (fabs(v) > 1 ? fabs(v) : 1) && r >= 0 &&
	    r < 1e18) {
		/* integers by hand: printf's %f is slow on a hot path */
		unsigned long long u = (unsigned long long)r;
		char dig[24];
		size_t k = sizeof dig;
		do {
			dig[--k] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		return ts_buf_add(out, dig + k, sizeof dig - k);
	}
	if (fabs(v - r) <= 1e-6 * (fabs(v) > 1 ? fabs(v) : 1) && fabs(r) < 1e21)
		return ts_buf_addf(out, "%.0f", r);
	snprintf(tmp, sizeof tmp, "%.6f", v);
	n = strlen(tmp);
	while (n > 1 && tmp[n - 1] == '0')
		n--;
	if (n > 1 && tmp[n - 1] == '.')
		n--;
	return ts_buf_add(out, tmp, n);
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

/* Is byte position i preceded by a Latin letter (so "GPT-4", "A100")? */
static int glued_before(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	if (is_alpha((unsigned char)s[i - 1]) || s[i - 1] == '_')
		return 1;
	if ((s[i - 1] == '-' || s[i - 1] == '.') && i >= 2 &&
	    (is_alpha((unsigned char)s[i - 2]) || is_digit((unsigned char)s[i - 2])))
		return 1;
	return 0;
}

struct qty {
	double value, hi;
	int approx, range, ordinal;
	const char *unit;
	/* for ranges (range_at): where the numeral is (one ts_zhnum_parse
	 * or number word run; nb == ne when none) and the value of an
	 * English multiplier word after it (0 = none) */
	size_t nb, ne;
	double wmult;
	int tenths;   /* N成 */
};

static int emit(ts_buf *out, size_t *count, const char *surf, size_t slen,
                const struct qty *q)
{
	int rc = 0;

	if (*count)
		rc |= ts_buf_add(out, "; ", 2);
	rc |= ts_buf_add(out, surf, slen);
	rc |= ts_buf_addc(out, '=');
	rc |= ts_num_format(out, q->value);
	if (q->range) {
		rc |= ts_buf_addc(out, '-');
		rc |= ts_num_format(out, q->hi);
	}
	if (q->approx)
		rc |= ts_buf_addc(out, '+');
	if (q->unit && q->unit[0]) {
		rc |= ts_buf_addc(out, ' ');
		rc |= ts_buf_adds(out, q->unit);
	}
	(*count)++;
	return rc ? TS_ENOMEM : 0;
}

/* Can a word of FOLLOW_KINDS start at s[p]? (No when p is past the
 * end.) */
static int may_follow_at(const ts_numlex *x, const char *s, size_t len,
                         size_t p)
{
	unsigned b, cp;
	size_t n;

	if (p >= len)
		return 0;
	b = (unsigned char)s[p];
	if (b < 0x80)
		return (x->kinds[lower((int)b)] & FOLLOW_KINDS) != 0;
	cp = dec(s + p, len - p, &n);
	return cp >= 0x10000 || ((x->zfollow[cp >> 6] >> (cp & 63)) & 1u);
}

/* Is the three-byte character c (UTF-8) at s[k]? */
static int at3(const char *s, size_t len, size_t k, const char *c)
{
	return k <= len && len - k >= 3 && memcmp(s + k, c, 3) == 0;
}

/*
 * N成 is N tenths: 七成 = 70 %, 两成 = 20 %, 七八成 = 70-80 %. Where the
 * numeral (value v, one number of 1..10) ends at j: the end of 成, or 0
 * when the 成 is no share: 一成不变 "unchanging", 八成 "most likely"
 * before a verb, and 成 that starts a word of its own (三成员 "three
 * members", 两成本).
 */
static size_t tenths_at(const char *s, size_t len, size_t j, double v)
{
	size_t n;
	unsigned c;

	if (!at3(s, len, j, "\xE6\x88\x90") || v < 1 || v > 10 || floor(v) != v)
		return 0;
	c = j + 3 < len ? dec(s + j + 3, len - j - 3, &n) : 0;
	switch (c) {
	case 0x5458: case 0x529F: case 0x672C: case 0x4E3A: case 0x957F:
	case 0x7ACB: case 0x7EE9: case 0x679C: case 0x4EA4: case 0x719F:
	case 0x5E74: case 0x578B: case 0x54C1: case 0x5206: case 0x50CF:
	case 0x8BED: case 0x8D25: case 0x8272:
		/* 员 功 本 为 长 立 绩 果 交 熟 年 型 品 分 像 语 败 色 */
		return 0;
	case 0x4E0D:                                    /* 不 */
		if (v == 1 || v == 8)
			return 0;
		break;
	case 0x662F: case 0x4F1A: case 0x8981: case 0x53C8: case 0x5728:
	case 0x6CA1: case 0x80FD: case 0x5F97: case 0x60F3: case 0x8FD8:
	case 0x5DF2: case 0x53EF: case 0x4E5F: case 0x90FD: case 0x5C31:
		/* 是 会 要 又 在 没 能 得 想 还 已 可 也 都 就 */
		if (v == 8)
			return 0;
		break;
	default:
		break;
	}
	return j + 3;
}

/* 七八 三四: two Chinese digits in a row, the second one more, at the
 * start of the numeral s[0..n) followed by nothing but multipliers
 * (七八个, 三四十万): "seven or eight", an approximate range. Returns the
 * second digit (the first is the numeral's own), or 0. */
static int digit_pair(const char *s, size_t n)
{
	size_t k, m;
	int d1, d2;

	if (n < 6 || (d1 = zh_digit(dec(s, n, &m))) < 1 || m != 3 ||
	    (d2 = zh_digit(dec(s + 3, n - 3, &m))) != d1 + 1 || m != 3)
		return 0;
	for (k = 6; k < n; k += m)
		if (zh_mult(dec(s + k, n - k, &m)) <= 0)
			return 0;
	return d2;
}

/* Is unit u a currency (an ISO 4217 code: three capitals)? */
static int is_currency(const char *u)
{
	return u && strlen(u) == 3 && u[0] >= 'A' && u[0] <= 'Z' &&
	       u[1] >= 'A' && u[1] <= 'Z' && u[2] >= 'A' && u[2] <= 'Z';
}

/* Does a product name end right before the number at i: a word with a
 * capital (not a month, not No) and one space, the word not the first
 * of its sentence ("Lumen Pro 7", "a Gemini 2.5 model", "the iPhone 16";
 * not "In 2015", "June 5")? */
static int model_name(const char *s, size_t i)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December", "Jan",
		"Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
		"Nov", "Dec", "No", "Number", "Nos",
	};
	size_t b, e, k;

	if (i < 3 || s[i - 1] != ' ')
		return 0;
	e = i - 1;
	b = e;
	while (b > 0 && is_alpha((unsigned char)s[b - 1]))
		b--;
	if (e - b < 2)
		return 0;
	for (k = b; k < e && (s[k] < 'A' || s[k] > 'Z'); k++)
		;
	if (k == e)
		return 0;     /* no capital: "sold 40" (iPhone has one) */
	for (k = 0; k < sizeof months / sizeof months[0]; k++)
		if (strlen(months[k]) == e - b && !memcmp(s + b, months[k], e - b))
			return 0;
	/* the first word of the text or of a sentence: capitalised anyway */
	k = b;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	return k > 0 && s[k - 1] != '.' && s[k - 1] != '!' && s[k - 1] != '?' &&
	       s[k - 1] != '"' && (unsigned char)s[k - 1] < 0x80;
}

/* q->value is the first of a digit pair (七 of 七八): make it the range
 * up to the second. */
static void pair_range(struct qty *q, int pair)
{
	if (pair) {
		q->range = 1;
		q->hi = q->value / (pair - 1) * pair;
	}
}

/* Try to read one quantity starting at i; returns its end or 0. */
static size_t quantity_at(const ts_numlex *x, const char *s, size_t len,
                          size_t i, struct qty *q, int glue_ok)
{
	const struct numword *w, *pre = NULL;
	size_t j = i, n, k;
	unsigned c;
	int zh_only = 0, has_digit = 0, ordinal = 0, english_word = 0;
	int has_mult = 0, pct_prefix = 0, has_unit = 0, cls = 0, pair = 0;
	int pair_mult = 0, lead_mult = 0;
	double v = 0, m;

	memset(q, 0, sizeof *q);
	/* prefix currency: $ US$ € RMB USD (followed by a digit) */
	if ((w = lookup(x, TS_NW_PREFIX, s + j, len - j)) != NULL &&
	    !(w->ascii && glued_before(s, j))) {
		k = skip_spaces(s, len, j + w->wlen);
		if (k < len && is_digit((unsigned char)s[k])) {
			pre = w;
			j = k;
		}
	}
	if (!pre) {
		c = dec(s + j, len - j, &n);
		if (c == 0x7B2C) {                     /* 第 */
			c = dec(s + j + n, len - j - n, &k);
			if (is_digit((int)c) || zh_digit(c) >= 0 || zh_mult(c) > 0) {
				ordinal = 1;
				j += n;
			}
		} else if (len - j >= 9 && memcmp(s + j, "百分之", 9) == 0) {
			pct_prefix = 1;
			j += 9;
		}
	}
	if (j < len && is_digit((unsigned char)s[j])) {
		if (!glue_ok && glued_before(s, j))
			return 0;
		n = ts_zhnum_parse(s + j, len - j, &v, &q->approx, &has_digit);
		q->nb = j;
		q->ne = j + n;
		q->value = v;
		/* Arabic then Chinese multiplier: ts_zhnum_parse covers it */
		has_mult = 0;
		for (k = j; k < j + n; k++)
			if ((unsigned char)s[k] >= 0x80)
				has_mult = 1;
		j += n;
		/* 3成: 30 % */
		if (!pre && !ordinal && !has_mult && !q->approx && n <= 2 &&
		    (k = tenths_at(s, len, j, v)) != 0) {
			q->value = v * 10;
			q->tenths = 1;
			q->unit = "%";
			return k;
		}
	} else if (j < len && (unsigned char)s[j] >= 0x80 &&
	           (zh_digit(dec(s + j, len - j, &k)) >= 0 ||
	            zh_mult(dec(s + j, len - j, &k)) > 0)) {
		n = ts_zhnum_parse(s + j, len - j, &v, &q->approx, &has_digit);
		if (!n)
			return 0;
		zh_only = 1;
		has_mult = n > 3;
		c = dec(s + j, len - j, &k);
		if (zh_digit(c) < 0 && c != 0x5341) {
			/* 千万 万一 百年: not a count, but 千亿港元 万亿元
			 * (a multiplier, then a larger one and a currency:
			 * checked below) */
			if (n < 6)
				return 0;
			lead_mult = 1;
		}
		q->nb = j;
		q->ne = j + n;
		q->value = v;
		if (!q->approx && (pair = digit_pair(s + j, n)) != 0) {
			/* 七八个: 7-8, 三四十万: 300000-400000; alone (乱七八糟)
			 * no quantity, below */
			pair_mult = n > 6;
			v = v / ((pair - 1) * 10 + pair) * (pair - 1);
		}
		j += n;
		if (!ordinal && !pct_prefix && (n == 3 || pair) &&
		    (k = tenths_at(s, len, j, v)) != 0) {
			q->value = v * 10;
			q->tenths = 1;
			pair_range(q, pair);
			q->unit = "%";
			return k;
		}
		/* one numeral character (一 of 一直, 一下: most of them)
		 * followed by nothing that a lookup below can find (MULT
		 * after spaces, FIGURE after '-' or spaces, the rest right
		 * here): no unit, counter or multiplier, so the filters at
		 * the end reject it; say so before the seven lookups */
		if (!has_mult && !ordinal && !pct_prefix && !x->plain &&
		    !x->zfollow_all && !may_follow_at(x, s, len, j) &&
		    !may_follow_at(x, s, len, skip_spaces(s, len, j)) &&
		    !(j < len && s[j] == '-' && may_follow_at(x, s, len, j + 1)))
			return 0;
	} else if (j < len && is_alpha((unsigned char)s[j]) && !glued_before(s, j) &&
	           (w = lookup(x, TS_NW_WORD, s + j, len - j)) != NULL) {
		v = w->value;
		q->nb = j;
		j += w->wlen;
		english_word = 1;
		/* twenty-five */
		if (j + 1 < len && s[j] == '-' &&
		    (w = lookup(x, TS_NW_WORD, s + j + 1, len - j - 1)) != NULL &&
		    w->value < 10 && v >= 20) {
			v += w->value;
			j += 1 + w->wlen;
		}
		q->ne = j;
		q->value = v;
	} else {
		return 0;
	}
	if (pct_prefix) {
		q->value = v;
		q->unit = "%";
		return j;
	}
	/* English ordinal suffix: 1st 2nd 33rd 4th */
	if (!zh_only && !english_word && j + 1 < len &&
	    ((lower((unsigned char)s[j]) == 's' && lower((unsigned char)s[j + 1]) == 't') ||
	     (lower((unsigned char)s[j]) == 'n' && lower((unsigned char)s[j + 1]) == 'd') ||
	     (lower((unsigned char)s[j]) == 'r' && lower((unsigned char)s[j + 1]) == 'd') ||
	     (lower((unsigned char)s[j]) == 't' && lower((unsigned char)s[j + 1]) == 'h')) &&
	    (j + 2 >= len || !is_alpha((unsigned char)s[j + 2]))) {
		q->value = v;
		q->unit = "ordinal";
		return j + 2;
	}
	/* English multiplier (million, billion, bn), optional space */
	k = skip_spaces(s, len, j);
	if ((w = lookup(x, TS_NW_MULT, s + k, len - k)) != NULL) {
		v *= w->value;
		q->wmult = w->value;
		j = k + w->wlen;
		has_mult = 1;
		/* "$5 billion" may still take a Chinese 亿? no: done */
	}
	/* approx marker after the number: 300多 (already inside zh runs) */
	if (!q->approx && (w = lookup(x, TS_NW_APPROX, s + j, len - j)) != NULL) {
		q->approx = 1;
		j += w->wlen;
		/* 300多万 with an Arabic head: multiplier after the marker */
		c = dec(s + j, len - j, &n);
		while ((m = zh_mult(c)) > 0) {
			v *= m;
			j += n;
			has_mult = 1;
			c = dec(s + j, len - j, &n);
		}
	}
	/* N位数 / nine-figure: a range of N-digit numbers */
	k = j;
	if (k < len && s[k] == '-')
		k++;
	else
		k = skip_spaces(s, len, j);
	if ((w = lookup(x, TS_NW_FIGURE, s + k, len - k)) != NULL && v >= 1 &&
	    v <= 30 && !q->approx) {
		q->range = 1;
		q->value = pow(10, v - 1);
		q->hi = pow(10, v) - 1;
		return k + w->wlen;
	} else if ((w = lookup(x, TS_NW_FIGURE, s + j, len - j)) != NULL &&
	           v >= 1 && v <= 30) {
		q->range = 1;
		q->value = pow(10, v - 1);
		q->hi = pow(10, v) - 1;
		return j + w->wlen;
	}
	/* suffix unit */
	k = zh_only || pre ? j : skip_spaces(s, len, j);
	if (ordinal && (w = lookup(x, TS_NW_RANK, s + j, len - j)) != NULL) {
		q->value = v;
		q->unit = w->unit[0] ? w->unit : "rank";
		pair_range(q, pair);   /* 第四五位: 4-5 rank */
		return j + w->wlen;
	}
	if (!pre && (w = lookup(x, TS_NW_UNIT, s + k, len - k)) != NULL &&
	    !(w->ascii && k == j && is_alpha((unsigned char)s[j]) && j > 0 &&
	      is_digit((unsigned char)s[j - 1]) && w->wlen > 2 && 0)) {
		q->unit = w->unit;
		j = k + w->wlen;
		has_unit = 1;
	} else if (!pre && (w = lookup(x, TS_NW_CLS, s + j, len - j)) != NULL) {
		/* 两个 三款: counted, no unit; "两个月" is a UNIT entry */
		j += w->wlen;
		cls = 1;
	} else if (pre) {
		q->unit = pre->unit;
		has_unit = 1;
		/* "$5 USD": swallow a repeated unit */
		k = skip_spaces(s, len, j);
		if ((w = lookup(x, TS_NW_UNIT, s + k, len - k)) != NULL &&
		    strcmp(w->unit, pre->unit) == 0)
			j = k + w->wlen;
	}
	if (has_unit && !zh_only && !q->approx && !has_mult &&
	    strcmp(q->unit, "year") == 0 && v >= 1000 && v <= 2999 &&
	    floor(v) == v && w && !w->ascii)
		q->unit = "date";   /* 2023年 is a date, not 2023 years */
	if (zh_only && has_unit && v == 1.0 && !has_mult &&
	    (strcmp(q->unit, "times") == 0 || strcmp(q->unit, "people") == 0))
		return 0;     /* 一次 "once", 一位网友 "a user": manners of speaking */
	if (ordinal) {
		q->value = v;
		q->unit = "ordinal";
		pair_range(q, pair);
		return j;
	}
	/* filters against noise (一些 一起 十分 "no one" GPT-4o) */
	if (english_word && !has_unit && !has_mult)
		return 0;
	if (zh_only && !has_digit && !has_unit)
		return 0;     /* 千万 alone: "by all means" */
	if (zh_only && !has_unit && !has_mult && !cls)
		return 0;     /* 一 二 in words */
	if (cls && !has_unit && !has_mult && v == 1.0 && !q->approx)
		return 0;     /* 一个 */
	if (pair && !has_unit && !cls && !pair_mult)
		return 0;     /* 乱七八糟, 二三事 */
	if (lead_mult && !(has_unit && is_currency(q->unit)))
		return 0;     /* 千万不要 */
	if (!zh_only && !english_word && !has_unit && j < len &&
	    is_alpha((unsigned char)s[j]))
		return 0;     /* 5G 4o 3D */
	if (!zh_only && !english_word && !has_unit && !has_mult && !pre &&
	    !cls && !q->approx && !(v >= 1900 && v <= 2100) && model_name(s, i))
		return 0;     /* Lumen Pro 7, Gemini 2.5, Windows 11 */
	q->value = v;
	pair_range(q, pair);
	return j;
}

/* ------------------------------------------------------------- ranges */

/*
 * Two numbers joined by a range connector are one quantity, written
 * lo-hi like a figure range: "10-15%=10-15 %", "650亿至700亿美元=
 * 65000000000-70000000000 USD". The first end takes what the second
 * states for both and it leaves out: the unit, and the scale of a
 * multiplier ("$3 to $5 billion" is three to five billion; 三到五千万 is
 * 三千万 to 五千万). After "from", 从 or 由 the two numbers are a change,
 * not a range ("from 5 to 10 million"): two items, the first completed
 * the same way.
 */
enum { RB_FROM = 1, RB_BETWEEN };

/* ASCII word w (lower case) at s[k], in any case, with no letter on
 * either side. */
static int word_at(const char *s, size_t len, size_t k, const char *w)
{
	size_t n = strlen(w), i;

	if (k > len || len - k < n || (k > 0 && is_alpha((unsigned char)s[k - 1])))
		return 0;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)s[k + i]) != w[i])
			return 0;
	return k + n == len || !is_alpha((unsigned char)s[k + n]);
}

/* What stands before the number at i: RB_FROM, RB_BETWEEN or 0. */
static int range_before(const char *s, size_t i)
{
	size_t k = i;

	while (k > 0 && s[k - 1] == ' ')
		k--;
	if (k >= 3 && (!memcmp(s + k - 3, "\xE4\xBB\x8E", 3) ||     /* 从 */
	               !memcmp(s + k - 3, "\xE7\x94\xB1", 3)))      /* 由 */
		return RB_FROM;
	if (k == i)
		return 0;     /* an English word needs a space */
	if (k >= 4 && word_at(s, k, k - 4, "from"))
		return RB_FROM;
	if (k >= 7 && word_at(s, k, k - 7, "between"))
		return RB_BETWEEN;
	return 0;
}

/* The connector after a first number that ends at e: where the second
 * number starts, or 0. "10-15" (*hyphen set: no spaces around it),
 * "10 – 15", "10~15", "10至15", "10到15", "10 to 15", "between 10 and
 * 15". */
static size_t range_conn(const char *s, size_t len, size_t e, int *hyphen,
                         int *and)
{
	size_t k;

	*hyphen = *and = 0;
	if (e + 1 < len && s[e] == '-') {
		*hyphen = 1;
		return e + 1;
	}
	k = skip_spaces(s, len, e);
	if (k >= len)
		return 0;
	switch ((unsigned char)s[k]) {
	case '~':
		k++;
		break;
	case 0xE2: case 0xEF: case 0xE3: case 0xE8: case 0xE5:
		if (!at3(s, len, k, "\xE2\x80\x93") &&     /* – */
		    !at3(s, len, k, "\xEF\xBD\x9E") &&     /* ～ */
		    !at3(s, len, k, "\xE3\x80\x9C") &&     /* 〜 */
		    !at3(s, len, k, "\xE8\x87\xB3") &&     /* 至 */
		    !at3(s, len, k, "\xE5\x88\xB0"))       /* 到 */
			return 0;
		k += 3;
		break;
	case 't': case 'T':
		if (k == e || k + 3 >= len || !word_at(s, len, k, "to") ||
		    s[k + 2] != ' ')
			return 0;
		k += 2;
		break;
	case 'a': case 'A':
		/* only after "between": range_at */
		if (k == e || k + 4 >= len || !word_at(s, len, k, "and") ||
		    s[k + 3] != ' ')
			return 0;
		k += 3;
		*and = 1;
		break;
	default:
		return 0;
	}
	return skip_spaces(s, len, k);
}

/* Has the numeral s[b..e) a multiplier character of at least min
 * (1e4: 万 亿; 10: any)? */
static int has_zh_mult(const char *s, size_t b, size_t e, double min)
{
	size_t n;

	for (; b < e; b += n)
		if (zh_mult(dec(s + b, e - b, &n)) >= min)
			return 1;
	return 0;
}

/* The scale a first end of a range takes from the second one, hi: its
 * multiplier word (million) and the 万 亿 that end its numeral; with a
 * first end of one digit also the 十 百 千 after its only digit (三到五千万:
 * 五千万 is 五 千万). */
static double range_scale(const char *s, const struct qty *hi, int lo_digit)
{
	double m = hi->wmult > 0 ? hi->wmult : 1, f;
	size_t b = hi->nb, e = hi->ne, n;

	while (e >= b + 3 && (f = zh_mult(dec(s + e - 3, 3, &n))) >= 1e4) {
		m *= f;
		e -= 3;
	}
	if (lo_digit && e >= b + 3 && (f = zh_mult(dec(s + e - 3, 3, &n))) > 0 &&
	    f < 1e4 && ((e - b == 4 && is_digit((unsigned char)s[b])) ||
	                (e - b == 6 && zh_digit(dec(s + b, 3, &n)) >= 0)))
		m *= f;
	return m;
}

/* Is this quantity one that cannot be an end of a range (a figure
 * range, an ordinal, a rank, 七八个)? */
static int range_end_ok(const struct qty *q)
{
	return !q->range && (!q->unit || (strcmp(q->unit, "ordinal") != 0 &&
	                                  strcmp(q->unit, "rank") != 0));
}

/*
 * A range or change that starts at i, where quantity_at() read q1 up to
 * e1 (e1 == i: nothing; then a bare numeral may still start one, 三 of
 * 三到五千万). Emits it and returns its end; 0 when there is none (then
 * nothing is emitted and rc is untouched).
 */
static size_t range_at(const ts_numlex *x, const char *s, size_t len,
                       size_t i, size_t e1, const struct qty *q1,
                       ts_buf *out, size_t *count, int *rc)
{
	struct qty lo, hi;
	size_t k, e2;
	int hyphen, and, before, lo_scaled, bare = e1 == i;
	double m;

	/* bare: the numeral quantity_at() read before it said no */
	if (bare && (q1->nb != i || (e1 = q1->ne) <= i))
		return 0;
	if (!(k = range_conn(s, len, e1, &hyphen, &and)) || k >= len ||
	    (!bare && !range_end_ok(q1)))
		return 0;
	if (bare) {
		memset(&lo, 0, sizeof lo);
		lo.value = q1->value;
		lo.approx = q1->approx;
		lo.nb = i;
		lo.ne = e1;
	} else {
		lo = *q1;
	}
	before = range_before(s, i);
	if (and && before != RB_BETWEEN)
		return 0;     /* "and" joins a range only after "between" */
	/* 2023-01-15, 010-8888: dates and numbers, not ranges */
	if (hyphen && (s[i] == '0' || s[k] == '0'))
		return 0;
	if (!(e2 = quantity_at(x, s, len, k, &hi, 1)) || e2 <= k ||
	    !range_end_ok(&hi))
		return 0;
	/* a bare first end is written like the second: 晚上一到9点 is "as
	 * soon as it is 9" */
	if (bare) {
		if (hi.nb == hi.ne || is_digit((unsigned char)s[i]) !=
		                      is_digit((unsigned char)s[hi.nb]) ||
		    is_alpha((unsigned char)s[i]) != is_alpha((unsigned char)s[hi.nb]))
			return 0;
	}
	if (hyphen && e2 + 1 < len && (s[e2] == '-' || s[e2] == '/') &&
	    is_digit((unsigned char)s[e2 + 1]))
		return 0;     /* 2023-1-15, 2008/02/29-2008/08/30 */
	if (lo.unit && lo.unit[0] && (!hi.unit || strcmp(lo.unit, hi.unit) != 0))
		return 0;     /* 5% to $10 billion: two quantities */
	if (hi.tenths && !lo.tenths && !(lo.unit && lo.unit[0]))
		lo.value *= 10;     /* 三到五成: 30-50 % */
	lo_scaled = lo.wmult > 0 || has_zh_mult(s, lo.nb, lo.ne, 1e4);
	if (!lo_scaled) {
		m = range_scale(s, &hi, lo.value < 10 && !has_zh_mult(s, lo.nb, lo.ne, 10));
		if (m > 1 && before != RB_FROM && !(lo.value * m < hi.value))
			return 0;     /* "10 to 5 million", "500 to 2 million": unclear */
		lo.value *= m;
	}
	lo.unit = hi.unit;
	if (before == RB_FROM) {
		*rc = emit(out, count, s + i, e1 - i, &lo);
		if (!*rc)
			*rc = emit(out, count, s + k, e2 - k, &hi);
		return e2;
	}
	if (!(lo.value < hi.value))
		return 0;     /* 3-2: a score, no range */
	lo.range = 1;
	lo.hi = hi.value;
	lo.approx |= hi.approx;
	*rc = emit(out, count, s + i, e2 - i, &lo);
	return e2;
}

/* Code point of the common three-byte character at u[i] (lead E1..EC,
 * EE, EF and two continuation bytes: always valid), or 0 for anything
 * else. */
static inline unsigned cjk3(const unsigned char *u, size_t len, size_t i)
{
	unsigned b0 = u[i];

	if ((b0 & 0xF0) != 0xE0 || b0 == 0xE0 || b0 == 0xED || i + 2 >= len ||
	    (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80)
		return 0;
	return (b0 & 0x0Fu) << 12 | (u[i + 1] & 0x3Fu) << 6 | (u[i + 2] & 0x3Fu);
}

/* Can the character at s[i] (a lead byte; *n gets its length) start a
 * quantity? Only numerals, 第, 百分之 and prefix signs do: one bit of
 * zstart per code point says so, instead of the switches below. */
static int lead_may_start(const ts_numlex *x, const char *s, size_t len,
                          size_t i, size_t *n)
{
	unsigned c = cjk3((const unsigned char *)s, len, i);
	size_t k;

	if (c) {
		*n = 3;
		return zstart_has(x, c);
	}
	c = dec(s + i, len - i, n);
	if (c < 0x10000)
		return zstart_has(x, c);
	for (k = 0; k < x->nprefix_cp; k++)
		if (c == x->prefix_cp[k])
			return 1;
	return 0;
}

/* Step over a run of three-byte characters that cannot start a quantity
 * (most of Chinese text), one test each; what the loop below would do
 * with them one at a time (lead_may_start, the E6/E8 rule). Returns where
 * the run ends. */
static size_t skip_plain3(const ts_numlex *x, const unsigned char *u,
                          size_t len, size_t i)
{
#if TS_SWAR
	/* four bytes a load while there are: a three-byte character whose
	 * code point is not in zstart is skipped, decoded from the word;
	 * leads E0 and ED, and anything but a three-byte character, are
	 * decided as below */
	while (!x->plain && i + 4 <= len) {
		uint32_t w;
		unsigned c;
		memcpy(&w, u + i, 4);
		if ((w & 0xC0C0F0u) != 0x8080E0u)
			break;
		/* the code point from the word already loaded: lead, two
		 * continuation bytes (checked above); leads E0 and ED may
		 * be overlong or surrogates, cjk3() refuses them */
		c = (w & 0xFu) << 12 | (w & 0x3F00u) >> 2 | (w >> 16 & 0x3Fu);
		if ((w & 0xFu) == 0x0u || (w & 0xFu) == 0xDu || zstart_has(x, c))
			return i;
		i += 3;
	}
#endif
	while (i + 2 < len) {
		unsigned b0 = u[i], c;
		if ((b0 == 0xE6 || b0 == 0xE8) &&
		    !(x->kinds[b0] & (1u << TS_NW_PREFIX))) {
			i += 3;
			continue;
		}
		if (!(c = cjk3(u, len, i)) || zstart_has(x, c))
			break;
		i += 3;
	}
	return i;
}

int ts_quantities(ts_buf *out, const ts_numlex *x, const char *s, size_t len,
                  size_t *count)
{
	return ts_quantities_skip(out, x, s, len, NULL, 0, count);
}

const uint64_t *ts_numlex_zstart(const ts_numlex *x)
{
	return x->zstart;
}

int ts_quantities_skip(ts_buf *out, const ts_numlex *x, const char *s,
                       size_t len, const uint32_t *skip, size_t nskip,
                       size_t *count)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, end, n, e, r, ks = 0;
	struct qty q;
	int rc = 0;

	*count = 0;
	while (i < len) {
		unsigned char b = u[i];
		unsigned cls = x->qclass[b];

		/* cheap gate: digits, $ € ¥ etc., letters (number words), or
		 * a lead byte (Chinese numerals); continuation bytes and the
		 * rest are skipped here without a call */
		if (!cls) {
			i++;
			continue;
		}
		if (cls == Q_ALPHA) {
			/* a word can start a quantity only at its first letter,
			 * and only a word listed first in WORD or PREFIX
			 * entries; otherwise the whole word is skipped */
			e = ts_letters_end(s, len, i + 1, 0);
			if ((i > 0 && is_alpha(u[i - 1])) ||
			    !(x->kinds[lower(b)] & ((1u << TS_NW_WORD) |
			                            (1u << TS_NW_PREFIX))) ||
			    !((x->runlens[lower(b)] >> (e - i < 31 ? e - i : 31)) & 1u)) {
				i = e;
				continue;
			}
			{
				/* word_hash() of s[i..e), all letters */
				unsigned h = ts_numwords_hash(s + i, e - i);
				if (!(x->wordbloom[h >> 6] & ((uint64_t)1 << (h & 63)))) {
					i = e;
					continue;
				}
			}
			end = quantity_at(x, s, len, i, &q, 0);
			if ((r = range_at(x, s, len, i, end > i ? end : i, &q, out,
			                  count, &rc)) != 0) {
				if (rc)
					return rc;
				i = r;
			} else if (end > i) {
				if ((rc = emit(out, count, s + i, end - i, &q)) != 0)
					return rc;
				i = end;
			} else {
				i = e;
			}
			continue;
		}
		if (cls == Q_LEAD) {
			size_t j;
			/* at a character of a run the caller gives: to its end,
			 * where the steps below would go one at a time (a place
			 * that is no character start of the run takes them) */
			while (ks < nskip && skip[2 * ks + 1] <= i)
				ks++;
			if (ks < nskip && skip[2 * ks] <= i &&
			    (i - skip[2 * ks]) % 3 == 0) {
				i = skip[2 * ks + 1];
				continue;
			}
			j = skip_plain3(x, u, len, i);
			if (j != i) {
				i = j;
				continue;
			}
			if ((b == 0xE6 || b == 0xE8) &&
			    !(x->kinds[b] & (1u << TS_NW_PREFIX))) {
				i += 3;   /* no numeral has these lead bytes */
				continue;
			}
			/* a character that cannot start a quantity: skip it */
			if (!lead_may_start(x, s, len, i, &n)) {
				i += n;
				continue;
			}
		}
		end = quantity_at(x, s, len, i, &q, 0);
		if ((r = range_at(x, s, len, i, end > i ? end : i, &q, out, count,
		                  &rc)) != 0) {
			if (rc)
				return rc;
			i = r;
			continue;
		}
		if (end > i) {
			if ((rc = emit(out, count, s + i, end - i, &q)) != 0)
				return rc;
			i = end;
			continue;
		}
		if (cls == Q_LEAD) {
			dec(s + i, len - i, &n);
			i += n;
			continue;
		}
		if (cls == Q_DIGIT) {
			/* skip the rest of a rejected number */
			while (i < len && (is_digit(u[i]) || u[i] == '.' ||
			                   u[i] == ','))
				i++;
			continue;
		}
		i++;
	}
	return 0;
}
