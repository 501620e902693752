/* internal.h - private declarations shared by libtonesift's sources. */
#ifndef TS_INTERNAL_H
#define TS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <tonesift/tonesift.h>

/*
 * Data files under lexicons/ are embedded at build time (see
 * cmake/embed.cmake). Look one up by its path relative to lexicons/,
 * e.g. "en/vader_lexicon.tsv". Returns NULL (and *len = 0) when absent.
 * The bytes are static, read-only and NOT NUL-terminated.
 */
const char *ts_embedded(const char *path, size_t *len);

/* Iterate the embedded files: returns the path of entry i, or NULL past
 * the end. */
const char *ts_embedded_name(size_t i);

/* A NUL-terminated copy of s[0..n) (malloc), or NULL when out of memory. */
char *ts_strndup(const char *s, size_t n);

/*
 * Make room for `need` elements of `elem` bytes in the array *p of
 * capacity *cap (in elements): the capacity doubles from `first` (or from
 * *cap) until it holds `need`. Returns 0, or TS_ENOMEM (out of memory or
 * a size past SIZE_MAX) with *p and *cap as they were. Git's ALLOC_GROW,
 * without its exit. TS_GROW() is the call: it tests the room inline and
 * takes the array's own pointer (all object pointers have one
 * representation on the platforms we build for; GCC and Clang let every
 * pointer type alias every other).
 */
int ts_grow(void **p, size_t *cap, size_t need, size_t elem, size_t first);
#define TS_GROW(arr, cap, need, first) \
	((need) <= (cap) ? 0 : ts_grow((void **)&(arr), &(cap), (need), \
	                               sizeof *(arr), (first)))

/* Decode one UTF-8 character leniently: an invalid sequence is U+FFFD of
 * length 1; at the end (len 0) returns 0 with *n = 0. */
static inline unsigned ts_utf8_lenient(const char *s, size_t len, size_t *n)
{
	int cp;

	if (!len) {
		*n = 0;
		return 0;
	}
	if ((unsigned char)s[0] < 0x80) {
		*n = 1;
		return (unsigned char)s[0];
	}
	*n = ts_utf8_decode(s, len, &cp);
	if (cp < 0) {
		*n = 1;
		return 0xFFFD;
	}
	return (unsigned)cp;
}

/* The general case of ts_u8dec() (out of line: rare in real text). */
unsigned ts_u8dec_slow(const char *s, size_t len, size_t *n);

/*
 * Decode one UTF-8 character: the same result as ts_utf8_lenient() for
 * every input (an invalid or truncated sequence is U+FFFD of length 1; at
 * len 0 returns 0 with *n = 0), but inline for ASCII and the common
 * three-byte case (CJK). ts_utf8_lenient() calls ts_utf8_decode() out of
 * line, which was a fifth of `claims` on Chinese text. Used by claims.c,
 * number.c and zh.c; ts_utf8_lenient() is the reference of the tests.
 */
static inline unsigned ts_u8dec(const char *str, size_t len, size_t *n)
{
	const unsigned char *s = (const unsigned char *)str;

	if (len && s[0] < 0x80) {
		*n = 1;
		return s[0];
	}
	/* E1..EC, EE, EF and two continuation bytes: always valid (E0 and
	 * ED restrict the second byte: slow path) */
	if (len >= 3 && (s[0] & 0xF0) == 0xE0 && s[0] != 0xE0 && s[0] != 0xED &&
	    (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*n = 3;
		return (s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
	}
	return ts_u8dec_slow(str, len, n);
}

/* Longest number ts_fmt2() writes (no NUL): sign, 15 digits, point, 2
 * digits, or the "%.3g" of a value out of that range. */
#define TS_FMT2_MAX 24

/*
 * Write v rounded to two decimals (half away from zero on |v| * 100),
 * trailing zeros and a trailing point dropped (3.1, -1.41, 2, 0), at q;
 * returns the end (no NUL). The same bytes for the same value on every
 * platform: no locale, no printf, but for NaN, infinities and |v| >= 1e15
 * (never from the lexicons, whose valences are within ±4), which get
 * "%.3g". Inline: the scorers write a number per evidence item.
 */
static inline char *ts_fmt2(char *q, double v)
{
	char tmp[20], *e = tmp + sizeof tmp, *d = e;
	unsigned long long n, ip;
	unsigned frac;
	int neg = v < 0;

	if (!(v > -1e15 && v < 1e15))
		return q + snprintf(q, TS_FMT2_MAX + 1, "%.3g", v);
	/* the cast truncates, which is floor() for this non-negative value */
	n = (unsigned long long)((neg ? -v : v) * 100 + 0.5);
	if (neg && n)
		*q++ = '-';
	if (n < 1000) {
		/* below 10, nearly every value: 32-bit arithmetic */
		unsigned m = (unsigned)n, d1 = m / 100;

		frac = m - d1 * 100;
		*q++ = (char)('0' + d1);
		goto fraction;
	}
	ip = n / 100;
	frac = (unsigned)(n % 100);
	do {
		*--d = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	memcpy(q, d, (size_t)(e - d));
	q += e - d;
fraction:
	if (frac) {
		*q++ = '.';
		*q++ = (char)('0' + frac / 10);
		if (frac % 10)
			*q++ = (char)('0' + frac % 10);
	}
	return q;
}

/* ---- eight bytes at a time (SWAR) ----------------------------------------
 * The fast paths of norm (the clean pass, the sentence scan, ts_lang_of)
 * and the word scans of claims and number.c test a 64-bit word of text at
 * once. A mask has the high bit of each flagged byte set. Every mask
 * below is exact per byte (no borrow or carry crosses from one byte into
 * the next), so any flag, not only the first, can be trusted and shifted
 * onto a neighbour. */
#define TS_ONES ((uint64_t)0x0101010101010101ULL)
#define TS_HIGHS ((uint64_t)0x8080808080808080ULL)
#define TS_LOW7 ((uint64_t)0x7F7F7F7F7F7F7F7FULL)

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define TS_SWAR_FIRST_BYTE ((uint64_t)0x80 << 56)
#define TS_SWAR_LAST_BYTE ((uint64_t)0x80)
#define TS_SWAR_NEXT(m) ((m) << 8)   /* move each flag to the byte before */
#else
#define TS_SWAR_FIRST_BYTE ((uint64_t)0x80)
#define TS_SWAR_LAST_BYTE ((uint64_t)0x80 << 56)
#define TS_SWAR_NEXT(m) ((m) >> 8)
#endif

static inline uint64_t ts_swar_load(const char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}

/* Bytes equal to b. */
static inline uint64_t ts_swar_eq(uint64_t w, unsigned char b)
{
	uint64_t x = w ^ (TS_ONES * b);

	return ~(((x & TS_LOW7) + TS_LOW7) | x) & TS_HIGHS;
}

/* ASCII bytes below b (b <= 0x80); bytes >= 0x80 are never flagged. */
static inline uint64_t ts_swar_lt(uint64_t w, unsigned char b)
{
	return ~(((w & TS_LOW7) + TS_ONES * (uint64_t)(0x80 - b)) | w) & TS_HIGHS;
}

/* Index (0-7, in memory order) of the first flagged byte; m != 0. */
static inline size_t ts_swar_first(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (size_t)__builtin_clzll(m) >> 3;
#else
	return (size_t)__builtin_ctzll(m) >> 3;
#endif
}

#endif
