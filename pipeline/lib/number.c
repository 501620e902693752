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
	uint64_t zstart2[16];     /* bit (b1 & 0x3F) of word (b0 & 0xF): some
	                           * code point of U+0800..U+FFFF in zstart
	                           * is written b0 b1 ... (skip_plain3); all
	                           * bits for leads E0 and ED, which cjk3()
	                           * leaves to dec() */
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
	if (cp >= 0x800 && cp < 0x10000)
		x->zstart2[cp >> 12] |= (uint64_t)1 << ((cp >> 6) & 63);
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
	(*out)->zstart2[0x0] = (*out)->zstart2[0xD] = UINT64_MAX;
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
	int have_number = 0, last_digit = 0, any = 0, d;
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
			*has_digit = 1;
			i += n;
			used = i;
			any = 1;
			continue;
		}
		c = dec(s + i, len - i, &n);
		if ((d = zh_digit(c)) >= 0) {
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

/* Try to read one quantity starting at i; returns its end or 0. */
static size_t quantity_at(const ts_numlex *x, const char *s, size_t len,
                          size_t i, struct qty *q)
{
	const struct numword *w, *pre = NULL;
	size_t j = i, n, k;
	unsigned c;
	int zh_only = 0, has_digit = 0, ordinal = 0, english_word = 0;
	int has_mult = 0, pct_prefix = 0, has_unit = 0, cls = 0;
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
		if (glued_before(s, j))
			return 0;
		n = ts_zhnum_parse(s + j, len - j, &v, &q->approx, &has_digit);
		/* Arabic then Chinese multiplier: ts_zhnum_parse covers it */
		has_mult = 0;
		for (k = j; k < j + n; k++)
			if ((unsigned char)s[k] >= 0x80)
				has_mult = 1;
		j += n;
	} else if (j < len && (unsigned char)s[j] >= 0x80 &&
	           (zh_digit(dec(s + j, len - j, &k)) >= 0 ||
	            zh_mult(dec(s + j, len - j, &k)) > 0)) {
		n = ts_zhnum_parse(s + j, len - j, &v, &q->approx, &has_digit);
		if (!n)
			return 0;
		zh_only = 1;
		has_mult = n > 3;
		c = dec(s + j, len - j, &k);
		if (zh_digit(c) < 0 && c != 0x5341)
			return 0;     /* 千万 万一 百年: not a count */
		j += n;
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
		j += w->wlen;
		english_word = 1;
		/* twenty-five */
		if (j + 1 < len && s[j] == '-' &&
		    (w = lookup(x, TS_NW_WORD, s + j + 1, len - j - 1)) != NULL &&
		    w->value < 10 && v >= 20) {
			v += w->value;
			j += 1 + w->wlen;
		}
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
	if (!zh_only && !english_word && !has_unit && j < len &&
	    is_alpha((unsigned char)s[j]))
		return 0;     /* 5G 4o 3D */
	q->value = v;
	return j;
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
	 * first two bytes start no code point of zstart (zstart2; never
	 * true of leads E0 and ED) is skipped without decoding it; the
	 * others are decided as below */
	while (!x->plain && i + 4 <= len) {
		uint32_t w;
		unsigned c;
		memcpy(&w, u + i, 4);
		if ((w & 0xC0C0F0u) != 0x8080E0u)
			break;
		if (((x->zstart2[w & 0xFu] >> ((w >> 8) & 0x3Fu)) & 1u) &&
		    (!(c = cjk3(u, len, i)) || zstart_has(x, c)))
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
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, end, n, e;
	struct qty q;
	int rc;

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
			end = quantity_at(x, s, len, i, &q);
			if (end > i) {
				if ((rc = emit(out, count, s + i, end - i, &q)) != 0)
					return rc;
				i = end;
			} else {
				i = e;
			}
			continue;
		}
		if (cls == Q_LEAD) {
			size_t j = skip_plain3(x, u, len, i);
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
		end = quantity_at(x, s, len, i, &q);
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
