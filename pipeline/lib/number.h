/* number.h - quantity recognition and normalisation for the claims stage
 * (private to libtonesift): Chinese numerals, Arabic and English numbers,
 * multipliers, currencies, percentages, ranks and durations. */
#ifndef TS_NUMBER_H
#define TS_NUMBER_H

#include "internal.h"

#include <stdint.h>
#include <string.h>

/* Kinds of number words loaded from lexicons/claims/units.tsv. */
enum ts_numword_kind {
	TS_NW_MULT = 1,   /* million, billion: value = multiplier */
	TS_NW_UNIT,       /* suffix unit: 美元 dollars % 次 个月 months */
	TS_NW_PREFIX,     /* prefix unit: $ US$ € RMB */
	TS_NW_CLS,        /* counter word with no unit: 个 款 家 */
	TS_NW_APPROX,     /* 多 余 几: "N or more" */
	TS_NW_FIGURE,     /* 位数 -figure: N digits, a range */
	TS_NW_RANK,       /* after 第N: 名 位 → rank */
	TS_NW_WORD        /* English number word: one two ... twenty */
};

typedef struct ts_numlex ts_numlex;

/*
 * Word scanning eight bytes at a time (the SWAR helpers of internal.h):
 * ts_swar_alpha(v) has bit 7 of each byte of v set when that byte is an
 * ASCII letter. Word loops in claims and number spent most of their time
 * on the mispredicted exit of a byte-by-byte loop; ts_letters_end() finds
 * the end of a run with one count-trailing-zeros instead (little-endian
 * with GCC/Clang builtins; the byte loop elsewhere).
 */
static inline uint64_t ts_swar_alpha(uint64_t v)
{
	uint64_t t = (v | TS_ONES * 0x20) & TS_LOW7;

	/* t >= 'a' and not t > 'z', and the byte itself below 0x80 */
	return (t + TS_ONES * (0x80 - 'a')) & ~(t + TS_ONES * (0x80 - 'z' - 1)) &
	       ~v & TS_HIGHS;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TS_SWAR 1
/* Index of the first byte whose bit 7 is clear in mask m (m != all). */
static inline size_t ts_swar_first_clear(uint64_t m)
{
	return (size_t)__builtin_ctzll(~m & TS_HIGHS) / 8;
}
#else
#define TS_SWAR 0
#endif

/* End of the run of ASCII letters (and apostrophes when `apos`) that
 * starts at s[i]. */
static inline size_t ts_letters_end(const char *s, size_t len, size_t i,
                                    int apos)
{
#if TS_SWAR
	while (i + 8 <= len) {
		uint64_t v, m;
		memcpy(&v, s + i, 8);
		m = ts_swar_alpha(v);
		if (apos)
			m |= ts_swar_eq(v, '\'');
		if (m != TS_HIGHS)
			return i + ts_swar_first_clear(m);
		i += 8;
	}
	/* the last one to seven bytes, from the load of the text's last
	 * eight (inside it) shifted so that s[i] is the first byte: the bytes
	 * shifted in are zero, no letter, so the run ends by then. The byte
	 * loop below took a word in six (the last of each sentence) one
	 * mispredicted exit more. */
	if (i < len && len >= 8) {
		uint64_t v, m;
		memcpy(&v, s + len - 8, 8);
		v >>= 8 * (8 - (len - i));
		m = ts_swar_alpha(v);
		if (apos)
			m |= ts_swar_eq(v, '\'');
		return i + ts_swar_first_clear(m);
	}
#endif
	while (i < len && ((((unsigned char)s[i] | 0x20) >= 'a' &&
	                    ((unsigned char)s[i] | 0x20) <= 'z') ||
	                   (apos && s[i] == '\'')))
		i++;
	return i;
}

/* Create an empty number-word table. */
int ts_numlex_new(ts_numlex **out);
/* Add (or override) one word. `unit` may be NULL/empty; `value` is the
 * multiplier (MULT) or the number (WORD), ignored otherwise. */
int ts_numlex_add(ts_numlex *x, int kind, const char *word, size_t wlen,
                  const char *unit, size_t ulen, double value);
/* Release the table (NULL is a no-op). */
void ts_numlex_free(ts_numlex *x);
/* Tests: ts_quantities() without its fast paths (the run of Chinese
 * characters that cannot start a quantity taken one decoded character at
 * a time, not four bytes a load); the same items either way. */
void ts_numlex_plain(ts_numlex *x, int on);

/*
 * Parse a Chinese numeral (零〇一二两三四五六七八九十百千万亿, Arabic digits
 * and decimals allowed inside, e.g. 3千万 1.5亿 一百零五 二〇二三) at the start
 * of s. Returns the bytes consumed (0 when s does not start with a
 * numeral); *value gets the number, *approx is set to 1 when an approximate
 * marker (多 余 几) occurs inside (300多万). *has_digit is 1 when a digit
 * (Arabic or 零..九/两) was seen, not only multipliers.
 */
size_t ts_zhnum_parse(const char *s, size_t len, double *value, int *approx,
                      int *has_digit);

/* Append a number to `out` without exponent or needless decimals
 * (100000000, 1.5, 0.25). */
int ts_num_format(ts_buf *out, double v);

/*
 * What can start a quantity, for callers that walk a text anyway and want
 * to skip ts_quantities() where it cannot find one. In valid UTF-8 it
 * finds none unless the text has (1) an ASCII digit or '$', (2) a
 * non-ASCII character for which ts_numlex_cp_may() says yes (numerals, 第,
 * the first characters of prefix signs; U+10000 and above always), or
 * (3) a maximal run of ASCII letters (no letter before or after it) for
 * which ts_numwords_may(ts_numlex_words(x), ...) says yes. These are the
 * pre-checks of ts_quantities() itself, but for (3): this filter holds
 * the last letter run of each English number word ("hundred" of "a
 * hundred": a match shows it as a whole run) and no prefix units (US$,
 * RMB: they start a quantity only before an ASCII digit, and a text with
 * one passes (1)), so far fewer words pass it.
 */
#define TS_NUMWORDS_SLOTS (27 * 27)

struct ts_numwords {
	uint32_t lens[TS_NUMWORDS_SLOTS]; /* per first two letters (either
	                                   * case; 26: no letter), bit L (at
	                                   * most 31) for a run of L letters */
	uint64_t bloom[8];       /* hashed runs (lower-cased), 9 bits */
};

const struct ts_numwords *ts_numlex_words(const ts_numlex *x);
int ts_numlex_cp_may(const ts_numlex *x, unsigned cp);

/* Slot of lens for the letter run s[0..n), n >= 1: its first two
 * letters (a one-letter run is slot 26 there). */
static inline size_t ts_numwords_slot(const char *s, size_t n)
{
	unsigned l0 = ((unsigned char)s[0] | 0x20u) - 'a';
	unsigned l1 = n > 1 ? ((unsigned char)s[1] | 0x20u) - 'a' : 26u;

	return (size_t)(l0 < 26 ? l0 : 26) * 27u + (l1 < 26 ? l1 : 26);
}

/* The number-word hash (0..511) of s[0..n), all ASCII letters: lower
 * case is | 0x20 for them. */
static inline unsigned ts_numwords_hash(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned h = 5381;
	size_t k;

	for (k = 0; k < n; k++)
		h = h * 33u + (u[k] | 0x20u);
	return h & 511u;
}

/* The second test of ts_numwords_may_slot(), for callers that made the
 * first (lens) from a table of their own (claims.c merges it with its
 * feature-word filter: one load and test per word for both). */
static inline int ts_numwords_hashed(const struct ts_numwords *f,
                                     const char *s, size_t n)
{
	unsigned h = ts_numwords_hash(s, n);

	return (int)((f->bloom[h >> 6] >> (h & 63)) & 1u);
}

/* s[0..n), n >= 1: a maximal run of ASCII letters, whose
 * ts_numwords_slot() is slot. */
static inline int ts_numwords_may_slot(const struct ts_numwords *f,
                                       const char *s, size_t n, size_t slot)
{
	if (!((f->lens[slot] >> (n < 31 ? n : 31)) & 1u))
		return 0;
	return ts_numwords_hashed(f, s, n);
}

static inline int ts_numwords_may(const struct ts_numwords *f, const char *s,
                                  size_t n)
{
	return ts_numwords_may_slot(f, s, n, ts_numwords_slot(s, n));
}

/*
 * Find every quantity in `s` and append "surface=value[+][ unit]" items
 * separated by "; " to `out` (appended to what is there). *count gets the
 * number of items. s must be valid UTF-8 (invalid bytes are skipped).
 */
int ts_quantities(ts_buf *out, const ts_numlex *x, const char *s, size_t len,
                  size_t *count);

/*
 * ts_quantities() told where s holds only characters it would step over
 * one by one (for a caller that has walked the text anyway): byte
 * offsets skip[2k] .. skip[2k+1] (k < nskip), in order and apart, each a
 * run of whole three-byte characters with lead bytes E1..EC, EE or EF
 * whose bits in ts_numlex_zstart() are clear. The same items as
 * ts_quantities(), fewer steps.
 */
int ts_quantities_skip(ts_buf *out, const ts_numlex *x, const char *s,
                       size_t len, const uint32_t *skip, size_t nskip,
                       size_t *count);

/* Bit cp (U+0000..U+FFFF) is clear when ts_quantities() steps over a
 * well-formed three-byte character cp with lead byte E1..EC, EE or EF
 * without a look at what follows (8 KiB, for a caller's loop to test
 * inline). */
const uint64_t *ts_numlex_zstart(const ts_numlex *x);

#endif
