/* segment.c - cut normalised text into lines, paragraphs or sentences
 * (Chinese and English rules), and tell the language of a unit. */
#include "internal.h"
#include "norm_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_QUOTE_DEPTH 16

/* What ts_lang_count() counts, kept by the sentence scan for the unit it
 * is reading, so that a unit's language needs no second pass. Until the
 * unit has a byte >= 0x80 nothing is counted (an ASCII-only unit, most
 * English ones, takes ts_lang_of()'s cheaper shortcut); at the first such
 * byte the Latin words so far are counted, and from there on every
 * character is, as the scan reads it. */
typedef struct lang_counts {
	size_t han, latin, other;
	int in_word;        /* the last character was part of a Latin word */
	int nonascii;       /* the unit has a byte >= 0x80: counting */
} lang_counts;

static const char *lang_decide(size_t han, size_t latin, size_t other);

/* ASCII letters in w; bytes >= 0x80 are never flagged. */
static uint64_t swar_letters(uint64_t w);

/* Does text[0..len) hold an ASCII letter? Bytes >= 0x80 count as none. */
static int has_ascii_letter(const char *text, size_t len)
{
	size_t i = 0;

	for (; i + 8 <= len; i += 8)
		if (swar_letters(ts_swar_load(text + i)))
			return 1;
	for (; i < len; i++)
		if (((unsigned char)text[i] | 0x20) >= 'a' && ((unsigned char)text[i] | 0x20) <= 'z')
			return 1;
	return 0;
}

/* The language of a unit from the scan's counts. A unit the scan saw no
 * byte >= 0x80 in may still hold some, in the terminators and closing
 * marks it skips after a terminator or a closing quotation mark (。！？…
 * ” ’ 」 』 » › ） 】 》 〉 〕): none is a letter, Han or a combining mark,
 * so ts_lang_count() would find no Han and no other letters, and answer
 * "en" when there is an ASCII letter, "other" when not. So one letter,
 * usually in the first eight bytes, settles it (ts_lang_of() went over the
 * whole unit; no_fast still takes it, which the tests compare). */
static const char *lang_of_counts(const lang_counts *lc, const char *text,
                                  size_t len, int fast)
{
	if (!lc->nonascii) {
		if (!fast)
			return ts_lang_of(text, len);
		return has_ascii_letter(text, len) ? "en" : "other";
	}
	return lang_decide(lc->han, lc->latin, lc->other);
}

/* Add the unit [start, end) trimmed of spaces; its language comes from
 * `lc` (counts over [start, end)) or, when NULL, from ts_lang_of(). (By
 * pointer: passing the counts by value cost the scan more than the
 * registers it kept them in saved, on all three samples.) */
static int add_unit_lang(ts_norm *n, size_t start, size_t end, size_t para,
                         const lang_counts *lc)
{
	const char *t = n->text.data ? n->text.data : "";   /* NULL when empty */
	ts_norm_unit *u;

	while (start < end && t[start] == ' ')
		start++;
	while (end > start && t[end - 1] == ' ')
		end--;
	if (TS_GROW(n->units, n->ucap, n->nunits + 1, 16))
		return TS_ENOMEM;
	u = &n->units[n->nunits++];
	u->text = t + start;
	u->len = end - start;
	u->offset = ts_norm_source_offset(n, start);
	u->para = para;
	u->lang = lc ? lang_of_counts(lc, u->text, u->len, !n->no_fast) :
	                    ts_lang_of(u->text, u->len);
	return 0;
}

static int add_unit(ts_norm *n, size_t start, size_t end, size_t para)
{
	return add_unit_lang(n, start, end, para, NULL);
}

/* Decode a valid three-byte character whose lead byte puts no extra limit
 * on the second byte (E1-EC, EE-EF: U+1000-U+CFFF, U+E000-U+FFFF, all CJK
 * text) and return 3, else 0: the same result as ts_utf8_decode() without
 * the call, which cost ~50 instructions a character in Chinese text. */
static inline size_t three_byte(const char *str, size_t len, int *cp)
{
	const unsigned char *s = (const unsigned char *)str;

	if (len < 3 || s[0] < 0xE1 || s[0] > 0xEF || s[0] == 0xED ||
	    (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
		return 0;
	*cp = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	return 3;
}

static inline size_t dec(const char *t, size_t i, size_t end, int *cp)
{
	size_t cl;

	if (i >= end) {
		*cp = -1;
		return 0;
	}
	if ((unsigned char)t[i] < 0x80) {
		*cp = (unsigned char)t[i];
		return 1;
	}
	/* CJK punctuation, curly quotes: no call */
	if ((cl = three_byte(t + i, end - i, cp)) != 0)
		return cl;
	return ts_utf8_decode(t + i, end - i, cp);
}

static int is_han(int cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x2FFFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

/* Closing marks that stay with the sentence they end. */
static int is_closer(int cp)
{
	switch (cp) {
	case 0x201D: case 0x2019: case 0x300D: case 0x300F: case 0xBB:
	case 0x203A: case '"': case '\'': case ')': case 0xFF09: case ']':
	case 0x3011: case 0x300B: case 0x3009: case '}': case 0x3015:
		return 1;
	default:
		return 0;
	}
}

/* The closing mark of an opening quotation mark, or 0. */
static int quote_closer(int cp)
{
	switch (cp) {
	case 0x201C: return 0x201D;   /* “ ” */
	case 0x2018: return 0x2019;   /* ‘ ’ */
	case 0x300C: return 0x300D;   /* 「 」 */
	case 0x300E: return 0x300F;   /* 『 』 */
	case 0xAB: return 0xBB;       /* « » */
	case 0x2039: return 0x203A;   /* ‹ › */
	case 0x201E: return 0x201D;   /* „ ” */
	default: return 0;
	}
}

static int is_open_quote(int cp)
{
	return quote_closer(cp) != 0 || cp == '"';
}

static int is_cjk_term(int cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;   /* 。！？ */
}

static int is_ascii_term(int cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static int is_lower(int cp)
{
	if (cp >= 'a' && cp <= 'z')
		return 1;
	if (cp < 0x80)
		return 0;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* A word list entry with its length, so that a lookup compares lengths
 * first, with no strlen() (break_ok() looks up the word before every full
 * stop in two lists). */
typedef struct word {
	const char *s;
	size_t len;
} word;

#define W(lit) { lit, sizeof lit - 1 }

static int word_is(const char *w, size_t len, const word *list)
{
	for (; list->s; list++)
		if (list->len == len && memcmp(list->s, w, len) == 0)
			return 1;
	return 0;
}

/* Abbreviations after which a full stop never ends a sentence. */
static const word strong_abbrev[] = {
	W("Mr"), W("Mrs"), W("Ms"), W("Dr"), W("Prof"), W("St"), W("Mt"),
	W("Gen"), W("Gov"), W("Sen"), W("Rep"), W("Rev"), W("Capt"), W("Lt"),
	W("Col"), W("Sgt"), W("Hon"), W("Pres"), W("Messrs"), W("e.g"),
	W("i.e"), W("vs"), W("cf"), W("approx"), W("incl"), W("esp"),
	W("viz"), W("al"), W("No"), W("Nos"), W("no"), W("Fig"), W("fig"),
	W("Vol"), W("vol"), W("pp"), W("Ch"), W("Sec"), W("Art"), W("Dept"),
	W("Jan"), W("Feb"), W("Mar"), W("Apr"), W("Jun"), W("Jul"), W("Aug"),
	W("Sep"), W("Sept"), W("Oct"), W("Nov"), W("Dec"), W("ca"), W("est"),
	W("Ph.D"), {NULL, 0}
};
/* Abbreviations after which it ends one only before a typical sentence
 * opener ("... in the U.S. The company ...", not "the U.S. Senate"). */
static const word weak_abbrev[] = {
	W("Inc"), W("Ltd"), W("Corp"), W("Co"), W("Bros"), W("LLC"), W("plc"),
	W("Jr"), W("Sr"), W("etc"), W("a.m"), W("p.m"), W("U.S"), W("U.K"),
	W("U.N"), W("E.U"), W("Calif"), W("Mass"), {NULL, 0}
};
static const word openers[] = {
	W("The"), W("A"), W("An"), W("It"), W("He"), W("She"), W("They"),
	W("We"), W("I"), W("You"), W("This"), W("That"), W("These"),
	W("Those"), W("But"), W("And"), W("In"), W("On"), W("At"), W("As"),
	W("If"), W("When"), W("There"), W("Its"), W("His"), W("Her"),
	W("Their"), W("Our"), W("My"), W("So"), {NULL, 0}
};
/* Speech verbs of an attribution clause that follows a closing quote. */
static const word en_said[] = {
	W("said"), W("says"), W("say"), W("told"), W("wrote"), W("writes"),
	W("added"), W("adds"), W("asked"), W("asks"), W("explained"),
	W("noted"), W("tweeted"), W("posted"), W("replied"), W("according"),
	W("recalled"), W("insisted"), W("argued"), W("warned"), {NULL, 0}
};
static const word zh_said[] = {
	W("说"), W("道"), W("称"), W("表示"), W("指出"), W("强调"), W("回应"), W("透露"),
	W("坦言"), W("直言"), W("补充"), W("写道"), W("告诉"), W("问"), W("解释"), W("介绍"),
	W("吐槽"), W("感叹"), W("回忆"), {NULL, 0}
};

/* The abbreviation lists as one switch over the word packed into an
 * integer (bytes from the low end, the length in the top byte): about
 * seven comparisons instead of a pass over 55 strong entries (and 18
 * weak ones) for every full stop. ts_abbrev_kind(.., 0) looks the word up
 * in the lists as before; the tests compare the two. */
#define KB(a, i) ((uint64_t)(unsigned char)(a) << (8 * (i)))
#define KL(n) ((uint64_t)(n) << 56)
#define K2(a, b) (KB(a, 0) | KB(b, 1) | KL(2))
#define K3(a, b, c) (KB(a, 0) | KB(b, 1) | KB(c, 2) | KL(3))
#define K4(a, b, c, d) (KB(a, 0) | KB(b, 1) | KB(c, 2) | KB(d, 3) | KL(4))
#define K5(a, b, c, d, e) (KB(a, 0) | KB(b, 1) | KB(c, 2) | KB(d, 3) | KB(e, 4) | KL(5))
#define K6(a, b, c, d, e, f) (KB(a, 0) | KB(b, 1) | KB(c, 2) | KB(d, 3) | KB(e, 4) | \
                              KB(f, 5) | KL(6))

static int abbrev_switch(const char *w, size_t len)
{
	uint64_t key;
	size_t i;

	if (len < 2 || len > 6)
		return ABBREV_NONE;   /* every entry has 2 to 6 bytes */
	key = KL(len);
	for (i = 0; i < len; i++)
		key |= KB(w[i], i);
	switch (key) {
	case K2('M', 'r'): case K3('M', 'r', 's'): case K2('M', 's'):
	case K2('D', 'r'): case K4('P', 'r', 'o', 'f'): case K2('S', 't'):
	case K2('M', 't'): case K3('G', 'e', 'n'): case K3('G', 'o', 'v'):
	case K3('S', 'e', 'n'): case K3('R', 'e', 'p'): case K3('R', 'e', 'v'):
	case K4('C', 'a', 'p', 't'): case K2('L', 't'): case K3('C', 'o', 'l'):
	case K3('S', 'g', 't'): case K3('H', 'o', 'n'): case K4('P', 'r', 'e', 's'):
	case K6('M', 'e', 's', 's', 'r', 's'): case K3('e', '.', 'g'):
	case K3('i', '.', 'e'): case K2('v', 's'): case K2('c', 'f'):
	case K6('a', 'p', 'p', 'r', 'o', 'x'): case K4('i', 'n', 'c', 'l'):
	case K3('e', 's', 'p'): case K3('v', 'i', 'z'): case K2('a', 'l'):
	case K2('N', 'o'): case K3('N', 'o', 's'): case K2('n', 'o'):
	case K3('F', 'i', 'g'): case K3('f', 'i', 'g'): case K3('V', 'o', 'l'):
	case K3('v', 'o', 'l'): case K2('p', 'p'): case K2('C', 'h'):
	case K3('S', 'e', 'c'): case K3('A', 'r', 't'): case K4('D', 'e', 'p', 't'):
	case K3('J', 'a', 'n'): case K3('F', 'e', 'b'): case K3('M', 'a', 'r'):
	case K3('A', 'p', 'r'): case K3('J', 'u', 'n'): case K3('J', 'u', 'l'):
	case K3('A', 'u', 'g'): case K3('S', 'e', 'p'): case K4('S', 'e', 'p', 't'):
	case K3('O', 'c', 't'): case K3('N', 'o', 'v'): case K3('D', 'e', 'c'):
	case K2('c', 'a'): case K3('e', 's', 't'): case K4('P', 'h', '.', 'D'):
		return ABBREV_STRONG;
	case K3('I', 'n', 'c'): case K3('L', 't', 'd'): case K4('C', 'o', 'r', 'p'):
	case K2('C', 'o'): case K4('B', 'r', 'o', 's'): case K3('L', 'L', 'C'):
	case K3('p', 'l', 'c'): case K2('J', 'r'): case K2('S', 'r'):
	case K3('e', 't', 'c'): case K3('a', '.', 'm'): case K3('p', '.', 'm'):
	case K3('U', '.', 'S'): case K3('U', '.', 'K'): case K3('U', '.', 'N'):
	case K3('E', '.', 'U'): case K5('C', 'a', 'l', 'i', 'f'):
	case K4('M', 'a', 's', 's'):
		return ABBREV_WEAK;
	default:
		return ABBREV_NONE;
	}
}

#undef KB
#undef KL
#undef K2
#undef K3
#undef K4
#undef K5
#undef K6

const char *ts_abbrev_entry(int kind, size_t i)
{
	const word *list = kind == ABBREV_STRONG ? strong_abbrev : weak_abbrev;
	size_t k;

	for (k = 0; k < i && list[k].s; k++)
		;
	return list[k].s;
}

int ts_abbrev_kind(const char *w, size_t len, int fast)
{
	if (fast)
		return abbrev_switch(w, len);
	if (word_is(w, len, strong_abbrev))
		return ABBREV_STRONG;
	if (word_is(w, len, weak_abbrev))
		return ABBREV_WEAK;
	return ABBREV_NONE;
}

/* The word before position i (which holds '.'): start offset. */
static size_t word_before(const char *t, size_t para_start, size_t i)
{
	size_t s = i;

	while (s > para_start && t[s - 1] != ' ' && t[s - 1] != '(' &&
	       t[s - 1] != '"' && (unsigned char)t[s - 1] < 0x80)
		s--;
	return s;
}

/* Is the clause that starts at i an attribution of the quotation before
 * it ("..." he said. / “……。”张伟说。)? It must hold a speech verb within
 * its first words and end there: with a terminator, the end of the
 * paragraph, or a comma that opens another quotation. A clause that goes
 * on after a comma (他表示，团队会……) is new reported speech, and one that
 * ends in a colon introduces a new quotation: both start a new sentence. */
static int attribution_follows(const char *t, size_t i, size_t end)
{
	size_t j = i, words = 0, chars = 0;
	int cp, verb = 0;

	while (j < end && t[j] == ' ')
		j++;
	while (j < end) {
		size_t cl = dec(t, j, end, &cp);

		if (is_cjk_term(cp) || (is_ascii_term(cp) && cp != 0x2026))
			return verb;
		if (cp == 0xFF1A || cp == ':')
			return 0;   /* 另一位用户表示：“…” introduces a new quotation */
		if (cp == 0xFF0C || cp == ',') {
			size_t k = j + cl;

			while (k < end && t[k] == ' ')
				k++;
			dec(t, k, end, &cp);
			/* “…。”他说，“…” continues the same speaker's quotation */
			return verb && (k >= end || is_open_quote(cp));
		}
		if (cp < 0x80 && cp != ' ') {
			size_t ws = j;

			while (j < end && t[j] != ' ' && (unsigned char)t[j] < 0x80 &&
			       t[j] != '.' && t[j] != ',' && t[j] != '!' && t[j] != '?' &&
			       t[j] != ':')
				j++;
			if (j == ws)
				j++;
			if (word_is(t + ws, j - ws, en_said))
				verb = 1;
			if (++words > 8)
				return 0;
			continue;
		}
		if (cp >= 0x80) {
			if (++chars > 16)
				return 0;
			/* the verbs are Chinese, three bytes a character: the
			 * first three bytes compared inline, memcmp() only for the
			 * rest of a candidate (a call per verb and character cost
			 * ~6% of norm on the article sample) */
			for (const word *w = zh_said; w->s && !verb; w++)
				if (j + w->len <= end && w->len >= 3 && t[j] == w->s[0] &&
				    t[j + 1] == w->s[1] && t[j + 2] == w->s[2] &&
				    memcmp(t + j + 3, w->s + 3, w->len - 3) == 0)
					verb = 1;
		}
		j += cl;
	}
	return verb;
}

/* Does a letter or digit follow position i in the paragraph? */
static int letters_follow(const char *t, size_t i, size_t end)
{
	while (i < end) {
		int cp;
		size_t cl = dec(t, i, end, &cp);

		if (cp < 0x80) {
			if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
			    (cp >= '0' && cp <= '9'))
				return 1;
		} else if (cp > 0) {
			switch (utf8proc_category(cp)) {
			case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
			case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
			case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
			case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
				return 1;
			default:
				break;
			}
		}
		i += cl;
	}
	return 0;
}

static int break_ok(const char *t, size_t para_start, size_t term, size_t j,
                    size_t end, int ascii, int after_quote, int fast);

/* Does the ASCII terminator at t[term] follow an abbreviation or an
 * initial that keeps the sentence going, given that the next one would
 * start at t[k]? */
static int after_abbrev(const char *t, size_t para_start, size_t term, size_t k,
                        size_t end, int fast)
{
	if (t[term] == '.' && (term == 0 || t[term - 1] != '.')) {
		size_t ws = word_before(t, para_start, term), we;

		if (term > ws) {
			int kind = ts_abbrev_kind(t + ws, term - ws, fast);

			if (kind == ABBREV_STRONG)
				return 1;
			if (term - ws == 1 && t[ws] >= 'A' && t[ws] <= 'Z')
				return 1;   /* an initial: J. K. Rowling */
			if (kind == ABBREV_WEAK) {
				for (we = k; we < end && t[we] != ' ' && t[we] != ',' ; we++)
					;
				if (!word_is(t + k, we - k, openers))
					return 1;
			}
		}
	}
	return 0;
}

/* break_ok() for an ASCII terminator, not after a quotation, in the usual
 * case of a space and an ASCII letter or digit after it: its tests
 * without decoding (a letter follows; a space after the terminator; a
 * lower-case letter says no); else break_ok() itself. */
static inline int break_ok_ascii(const char *t, size_t para_start, size_t term,
                                 size_t j, size_t end, int fast)
{
	if (fast && j < end && t[j] == ' ') {
		size_t k = j + 1;
		unsigned char c;

		while (k < end && t[k] == ' ')
			k++;
		c = k < end ? (unsigned char)t[k] : 0;
		if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return !(c >= 'a' && c <= 'z') &&
			       !after_abbrev(t, para_start, term, k, end, fast);
	}
	return break_ok(t, para_start, term, j, end, 1, 0, fast);
}

/* Would a sentence break before position j be right? j is past the
 * terminator and closers; `ascii` tells whether the terminator was ASCII. */
static int break_ok(const char *t, size_t para_start, size_t term, size_t j,
                    size_t end, int ascii, int after_quote, int fast)
{
	size_t k = j;
	int cp;

	if (j >= end)
		return 0;   /* the paragraph end splits anyway */
	if (!letters_follow(t, j, end))
		return 0;   /* "So good!!! 😍": trailing emoji stay with the sentence */
	if (ascii) {
		dec(t, j, end, &cp);
		if (cp != ' ' && !is_han(cp) && !is_open_quote(cp) && cp != 0x300C &&
		    cp != 0x300E)
			return 0;   /* 3.5, example.com, v2.0, "!)" in text */
	}
	while (k < end && t[k] == ' ')
		k++;
	dec(t, k, end, &cp);
	if (after_quote && is_open_quote(cp))
		return 0;   /* “…！”“…。” consecutive quotations stay together */
	if (after_quote && attribution_follows(t, k, end))
		return 0;   /* “…。”张伟说。 */
	if (ascii && is_lower(cp))
		return 0;   /* ... and so on / e.g. something */
	return !ascii || !after_abbrev(t, para_start, term, k, end, fast);
}

/* The bytes of the 8 at t[0] that stop the sentence scan's skip: bytes
 * >= 0x80, '"' and the terminators . ! ? It flags '/' and '>' too (see
 * below): the byte loop takes any byte the scan does not act on, so
 * stopping at one costs time, never a difference. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline uint64_t quiet_stops_w(uint64_t w)
{
	/* (b | 0x11) ^ 0x3F is 0 for . ? / > only, ((b & 0x7F) + 1 | 1) ^ 0x23
	 * for ! " only; a byte of x is 0 or 0x80 where (x & 0x7F) + 0x7F has
	 * no high bit (0x80 comes from bytes >= 0x80 only, which stop
	 * anyway; no sum carries into the next byte) */
	uint64_t x = (w | TS_ONES * 0x11) ^ (TS_ONES * 0x3F);
	uint64_t y = (((w & TS_LOW7) + TS_ONES) | TS_ONES) ^ (TS_ONES * 0x23);

	return (w | ~(((x & TS_LOW7) + TS_LOW7) & ((y & TS_LOW7) + TS_LOW7))) & TS_HIGHS;
}

#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline uint64_t quiet_stops(const char *t)
{
	return quiet_stops_w(ts_swar_load(t));
}

/* How many of the 8 bytes at t[0] the sentence scan may skip. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t quiet_bytes(const char *t)
{
	uint64_t stop = quiet_stops(t);

	return stop ? ts_swar_first(stop) : 8;
}

/* Where the skip over t[i..b) ends (b >= 8): sixteen bytes a step while
 * 16 remain, then one word while 8 do, then the last 1-7 bytes in the
 * word that ends at b, shifted so that they come first (the zero bytes
 * shifted in are no stops). Sets *stop when t[returned] is a byte
 * quiet_stops() flags, else returns b. */
static inline size_t quiet_run(const char *t, size_t i, size_t b, int *stop)
{
	uint64_t m;

	*stop = 1;
	for (; b - i >= 16; i += 16) {
		uint64_t m2;

		m = quiet_stops(t + i);
		m2 = quiet_stops(t + i + 8);
		if (m | m2)
			return m ? i + ts_swar_first(m) : i + 8 + ts_swar_first(m2);
	}
	if (b - i >= 8) {
		m = quiet_stops(t + i);
		if (m)
			return i + ts_swar_first(m);
		i += 8;
	}
	if (i < b) {
		uint64_t w = ts_swar_load(t + b - 8);

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w <<= 8 * (8 - (b - i));
#else
		w >>= 8 * (8 - (b - i));
#endif
		m = quiet_stops_w(w);
		if (m)
			return i + ts_swar_first(m);
	}
	*stop = 0;
	return b;
}

/* Count the Latin words that start in the first k (1-8) bytes of w, all
 * ASCII, as ts_lang_count() does byte by byte. */
static inline void count_ascii8(lang_counts *lc, uint64_t w, size_t k)
{
	uint64_t keep, last, let, starts;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	keep = k < 8 ? ~(~(uint64_t)0 >> (8 * k)) : ~(uint64_t)0;
	last = (uint64_t)0x80 << (8 * (8 - k));
	let = swar_letters(w) & keep;
	/* a word starts at a letter whose predecessor is no letter */
	starts = let & ~((let >> 8) | (lc->in_word ? TS_SWAR_FIRST_BYTE : 0));
#else
	keep = k < 8 ? ((uint64_t)1 << (8 * k)) - 1 : ~(uint64_t)0;
	last = (uint64_t)0x80 << (8 * (k - 1));
	let = swar_letters(w) & keep;
	starts = let & ~((let << 8) | (lc->in_word ? TS_SWAR_FIRST_BYTE : 0));
#endif
	/* one flag per byte at most: sum the bytes */
	lc->latin += (size_t)(((starts >> 7) * TS_ONES) >> 56);
	lc->in_word = (let & last) != 0;
}

/* The unit that starts at t[start] meets its first byte >= 0x80 at t[i]:
 * count the Latin words of the ASCII before it; count everything from
 * here on. */
static lang_counts lang_nonascii(lang_counts lc, const char *t, size_t start,
                                 size_t i)
{
	size_t j = start;

	for (; j + 8 <= i; j += 8)
		count_ascii8(&lc, ts_swar_load(t + j), 8);
	for (; j < i; j++) {
		unsigned char c = (unsigned char)t[j];
		int letter = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');

		lc.latin += (size_t)(letter && !lc.in_word);
		lc.in_word = letter;
	}
	lc.nonascii = 1;
	return lc;
}

/* Count a character the scan decoded, as ts_lang_count() does. */
static inline void count_char(lang_counts *lc, int cp)
{
	int letter;

	if (cp < 0) {
		lc->in_word = 0;
		return;
	}
	if (cp < 0x80) {
		letter = ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
		lc->latin += (size_t)(letter && !lc->in_word);
		lc->in_word = letter;
		return;
	}
	if (is_han(cp)) {
		lc->in_word = 0;
		lc->han++;
		return;
	}
	/* the punctuation of Chinese text and curly quotes, dashes and the
	 * ellipsis: no letters and no combining marks (test_norm_property
	 * checks these ranges against utf8proc), so no category lookup */
	if ((cp >= 0x3001 && cp <= 0x3011 && cp != 0x3005 && cp != 0x3006) ||
	    (cp >= 0xFF01 && cp <= 0xFF20) || (cp >= 0x2010 && cp <= 0x2027)) {
		lc->in_word = 0;
		return;
	}
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		if (cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF)) {
			/* accented Latin letters belong to Latin words */
			if (!lc->in_word)
				lc->latin++;
			lc->in_word = 1;
			return;
		}
		lc->other++;
		break;
	case UTF8PROC_CATEGORY_MN:
		return;   /* combining marks do not end a word */
	default:
		break;
	}
	lc->in_word = 0;
}

static int split_sentences(ts_norm *n, size_t a, size_t b, size_t para)
{
	const char *t = n->text.data;
	int stack[MAX_QUOTE_DEPTH];
	size_t depth = 0, start = a, i = a, tend;
	int prev = ' ', rc, fast = !n->no_fast, brk;
	/* the languages of the units come from counts kept here; every
	 * character of a unit is counted once, except the terminators and
	 * closing marks skipped after a terminator or a closing quotation
	 * mark, which are no letters */
	lang_counts lc;

	memset(&lc, 0, sizeof lc);
	while (i < b) {
		int cp, closer;
		size_t cl;
		unsigned char c0 = (unsigned char)t[i];

		if (c0 < 0x80) {
			/* fastest skip: eight ASCII bytes at a time up to the
			 * next '"' '.' '!' '?' or byte >= 0x80 (~3 instructions
			 * a byte instead of ~7 in the byte loop); only after an
			 * ASCII character, so that the lone ASCII comma or digit
			 * of Chinese text does not pay for a word test that
			 * skips one byte */
			if (fast && prev < 0x80 && (lc.nonascii ? b - i >= 8 : b >= 8)) {
				size_t from = i;
				int stop;

				if (!lc.nonascii) {
					/* nothing to count: a loop of its own */
					i = quiet_run(t, i, b, &stop);
				} else {
					size_t k = quiet_bytes(t + i);

					if (k)
						count_ascii8(&lc, ts_swar_load(t + i), k);
					i += k;
					stop = k < 8;
				}
				if (i > from) {
					prev = (unsigned char)t[i - 1];
					/* at a stop, t[i] is one to act on (or >= 0x80):
					 * no second look at it */
					if (!stop || (unsigned char)t[i] >= 0x80)
						continue;
					c0 = (unsigned char)t[i];
				}
			}
			/* fast skip: ASCII bytes that cannot matter here */
			if (c0 != '"' && c0 != '.' && c0 != '!' && c0 != '?') {
				if (lc.nonascii) {
					int letter = ((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z');

					lc.latin += (size_t)(letter && !lc.in_word);
					lc.in_word = letter;
				}
				prev = c0;
				i++;
				continue;
			}
			/* an ASCII terminator outside quotations whose run of
			 * terminators ends at the paragraph end or before an ASCII
			 * byte that is no closing mark: the terminator case below
			 * without decoding (it counts the terminator, a non-letter,
			 * and skips the rest of the run); anything else, such as
			 * a closing mark or a byte >= 0x80 after the run, takes
			 * that case */
			if (fast && !depth && c0 != '"') {
				size_t j = i + 1;

				while (j < b && (t[j] == '.' || t[j] == '!' || t[j] == '?'))
					j++;
				if (j >= b || ((unsigned char)t[j] < 0x80 && t[j] != ')' &&
				               t[j] != ']' && t[j] != '}')) {
					if (lc.nonascii)
						lc.in_word = 0;
					brk = j < b && break_ok_ascii(t, start, i, j, b, fast);
					tend = j;
					goto term_done;
				}
			}
		} else if (c0 >= 0xE4 && c0 <= 0xE9 && i + 2 < b &&
		           !(c0 == 0xE4 && (unsigned char)t[i + 1] == 0xB7)) {
			/* fast skip: a run of CJK ideographs, no decoder call
			 * (the text is valid UTF-8: norm repaired it); only the
			 * last one is decoded, as prev. U+4000..U+9FFF are all
			 * Han except the Yijing hexagrams U+4DC0..U+4DFF (E4 B7),
			 * which take the decoder's path */
			size_t last, from = i;

			if (!lc.nonascii)
				lc = lang_nonascii(lc, t, start, i);
			do {
				last = i;
				i += 3;
				/* one branch a character: E4 is a frequent lead,
				 * a test of it alone is hard to predict */
			} while (i + 2 < b &&
			         (((unsigned char)t[i] - 0xE4u <= 5u) &
			          (((unsigned)(unsigned char)t[i] << 8 |
			            (unsigned char)t[i + 1]) != 0xE4B7u)));
			lc.han += (i - from) / 3;
			lc.in_word = 0;
			prev = ((t[last] & 0x0F) << 12) | ((t[last + 1] & 0x3F) << 6) |
			       (t[last + 2] & 0x3F);
			continue;
		}
		if (c0 >= 0x80 && !lc.nonascii)
			lc = lang_nonascii(lc, t, start, i);
		cl = dec(t, i, b, &cp);
		if (lc.nonascii)
			count_char(&lc, cp);

		if (cp == '"') {
			if (depth && stack[depth - 1] == '"') {
				depth--;
				goto closed;
			}
			if (prev == ' ' || prev == '(' || prev == ':' || prev == 0xFF1A ||
			    prev == 0xFF0C || prev == ',' || is_han(prev) ||
			    i == start || quote_closer(prev) || is_closer(prev)) {
				if (depth < MAX_QUOTE_DEPTH)
					stack[depth++] = '"';
			}
			/* otherwise an inch mark or a stray quote */
		} else if ((closer = quote_closer(cp)) != 0) {
			/* ‘ after a letter is an apostrophe typed as a quote */
			if (!(cp == 0x2018 && prev < 0x80 && prev != ' ' && prev != '(') &&
			    depth < MAX_QUOTE_DEPTH)
				stack[depth++] = closer;
		} else if (depth && (cp == 0x201D || cp == 0x2019 || cp == 0x300D ||
		                     cp == 0x300F || cp == 0xBB || cp == 0x203A)) {
			size_t k = depth;

			while (k > 0 && stack[k - 1] != cp)
				k--;
			if (k > 0) {
				depth = k - 1;
				goto closed;
			}
		} else if (!depth && (is_cjk_term(cp) || is_ascii_term(cp))) {
			size_t term = i, j = i + cl;
			int ascii = is_ascii_term(cp) && !(cp == 0x2026 && j < b &&
			                                   (unsigned char)t[j] >= 0x80);

			/* a run of terminators, then closing marks */
			for (;;) {
				int ncp;
				size_t ncl = dec(t, j, b, &ncp);

				if (ncl && (is_cjk_term(ncp) || is_ascii_term(ncp)))
					j += ncl;
				else if (ncl && is_closer(ncp) && ncp != '"' && ncp != '\'')
					j += ncl;
				else
					break;
			}
			if (!lc.nonascii && j > i + cl && (unsigned char)t[j - 1] >= 0x80)
				lc = lang_nonascii(lc, t, start, i + cl);   /* skipped
				                                           closers: no letters */
			if (cp == 0x2026 && j < b) {
				int ncp;

				dec(t, j, b, &ncp);
				ascii = !is_han(ncp);
			}
			/* at the paragraph end break_ok() says no at once: no
			 * call for the terminator that ends most lines */
			brk = j < b && break_ok(t, start, term, j, b, ascii, 0, fast);
			tend = j;
			goto term_done;
		}
		prev = cp;
		i += cl;
		continue;
closed:
		/* a quotation closed at depth 0 after a terminator ends a
		 * sentence, unless an attribution or another quotation follows */
		i += cl;
		if (!depth) {
			size_t j = i, back = i - cl;
			int pcp = 0;

			while (j < b) {
				int ncp;
				size_t ncl = dec(t, j, b, &ncp);

				if (!ncl || !is_closer(ncp) || ncp == '"')
					break;
				j += ncl;
			}
			/* the character before the closing mark */
			while (back > start && ((unsigned char)t[back - 1] & 0xC0) == 0x80)
				back--;
			if (back > start) {
				size_t p = back - 1;

				while (p > start && ((unsigned char)t[p] & 0xC0) == 0x80)
					p--;
				dec(t, p, b, &pcp);
				if ((is_cjk_term(pcp) || is_ascii_term(pcp)) &&
				    break_ok(t, start, p, j, b, !is_cjk_term(pcp), 1, fast)) {
					if (!lc.nonascii && j > i &&
					    (unsigned char)t[j - 1] >= 0x80)
						lc = lang_nonascii(lc, t, start, i);   /* skipped
						                                      closers */
					if ((rc = add_unit_lang(n, start, j, para, &lc)))
						return rc;
					start = j;
					memset(&lc, 0, sizeof lc);
					i = j;
					prev = ' ';
					continue;
				}
			}
		}
		prev = cp;
		continue;
term_done:
		/* after a run of terminators (both cases above): a break
		 * before tend? */
		if (brk) {
			if ((rc = add_unit_lang(n, start, tend, para, &lc)))
				return rc;
			start = tend;
			memset(&lc, 0, sizeof lc);
		}
		prev = ' ';
		i = tend;
	}
	if (start < b || n->nunits == 0)
		return add_unit_lang(n, start, b, para, &lc);
	return 0;
}

int ts_segment(ts_norm *n)
{
	const char *t = n->text.data ? n->text.data : "";
	size_t len = n->text.len, a = 0, para = 0;
	int rc;

	if (n->opts.unit == TS_UNIT_DOC) {
		if (len || n->opts.keep_empty)
			return add_unit(n, 0, len, 0);
		return 0;
	}
	while (a <= len) {
		const char *nl = n->one_para ? NULL : memchr(t + a, '\n', len - a);
		size_t b = nl ? (size_t)(nl - t) : len;
		size_t before = n->nunits;

		if (b > a || n->opts.unit == TS_UNIT_LINE) {
			if (n->opts.unit == TS_UNIT_SENTENCE)
				rc = split_sentences(n, a, b, para);
			else
				rc = add_unit(n, a, b, para);
			if (rc)
				return rc;
			/* split_sentences always adds at least one unit when b > a */
			if (n->nunits > before || n->opts.unit == TS_UNIT_LINE)
				para++;
		}
		if (!nl)
			break;
		a = b + 1;
	}
	if (n->nunits == 0 && n->opts.keep_empty)
		return add_unit(n, 0, 0, 0);
	return 0;
}

/* ASCII letters in w; bytes >= 0x80 are never flagged (ts_swar_lt). */
static uint64_t swar_letters(uint64_t w)
{
	uint64_t low = w | (TS_ONES * 0x20);   /* fold case */

	return ts_swar_lt(low, 'z' + 1) & ~ts_swar_lt(low, 'a');
}

/* For ASCII-only text: 1 when it holds a letter, 0 when not; -1 when it
 * holds a byte >= 0x80 (the caller must count). */
static int ascii_letters(const char *text, size_t len)
{
	size_t i = 0;
	int letter = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w = ts_swar_load(text + i);

		if (w & TS_HIGHS)
			return -1;
		if (!letter && swar_letters(w))
			letter = 1;
	}
	for (; i < len; i++) {
		unsigned char b = (unsigned char)text[i];

		if (b >= 0x80)
			return -1;
		letter |= (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
	}
	return letter;
}

const char *ts_lang_of(const char *text, size_t len)
{
	/* Fast path for ASCII-only text (most English units): with no Han
	 * and no other letters, ts_lang_count() answers "en" as soon as there
	 * is one Latin word and "other" without one; so only look for a
	 * letter, 8 bytes at a time, instead of counting words (~18
	 * instructions a byte) */
	int letter = ascii_letters(text, len);

	if (letter >= 0)
		return letter ? "en" : "other";
	return ts_lang_count(text, len);
}

const char *ts_lang_count(const char *text, size_t len)
{
	lang_counts lc = {0, 0, 0, 0, 1};
	size_t i = 0;

	while (i < len) {
		int cp;
		size_t cl;
		unsigned char b = (unsigned char)text[i];

		/* fast path: a CJK ideograph U+5000-U+9FFF, all Han, ends a
		 * word; no decoding (~8 instructions instead of ~40) */
		if (b >= 0xE5 && b <= 0xE9 && len - i >= 3 &&
		    ((unsigned char)text[i + 1] & 0xC0) == 0x80 &&
		    ((unsigned char)text[i + 2] & 0xC0) == 0x80) {
			lc.in_word = 0;
			lc.han++;
			i += 3;
			continue;
		}
		cl = dec(text, i, len, &cp);
		i += cl;
		count_char(&lc, cp);
	}
	return lang_decide(lc.han, lc.latin, lc.other);
}

static const char *lang_decide(size_t han, size_t latin, size_t other)
{
	size_t total = han + latin + other, minor;

	if (total == 0)
		return "other";
	if (other * 2 > total)
		return "other";
	if (han && latin) {
		minor = han < latin ? han : latin;
		if (minor * 5 >= han + latin)
			return "mixed";
	}
	return han >= latin ? "zh" : "en";
}
