/* normalize.c - UTF-8 repair, clean-up, NFC/NFKC and offset mapping for
 * stage 1 (see include/tonesift/norm.h); segmentation is in segment.c. */
#include "internal.h"
#include "norm_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t ts_utf8_decode(const char *str, size_t len, int *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t need, i;
	int v;

	if (c < 0x80) {
		*cp = (int)c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		v = (int)(c & 0x1F);
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		v = (int)(c & 0x0F);
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;          /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		v = (int)(c & 0x07);
		if (c == 0xF0)
			lo = 0x90;          /* no overlongs */
		else if (c == 0xF4)
			hi = 0x8F;          /* nothing above U+10FFFF */
	} else {
		*cp = -1;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		unsigned b;

		if (i >= len) {
			*cp = -1;
			return i;           /* truncated: the valid prefix is one subpart */
		}
		b = s[i];
		if (b < lo || b > hi) {
			*cp = -1;
			return i;
		}
		lo = 0x80;
		hi = 0xBF;
		v = (v << 6) | (int)(b & 0x3F);
	}
	*cp = v;
	return need + 1;
}

unsigned ts_u8dec_slow(const char *str, size_t len, size_t *n)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c, b1, b2, b3;

	if (!len) {
		*n = 0;
		return 0;
	}
	c = s[0];
	if (c < 0x80) {
		*n = 1;
		return c;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (len >= 3) {
			b1 = s[1];
			b2 = s[2];
			if (b1 >= (c == 0xE0 ? 0xA0u : 0x80u) &&
			    b1 <= (c == 0xED ? 0x9Fu : 0xBFu) && (b2 & 0xC0) == 0x80) {
				*n = 3;
				return (c & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F);
			}
		}
	} else if (c >= 0xC2 && c <= 0xDF) {
		if (len >= 2 && (s[1] & 0xC0) == 0x80) {
			*n = 2;
			return (c & 0x1F) << 6 | (s[1] & 0x3Fu);
		}
	} else if (c >= 0xF0 && c <= 0xF4 && len >= 4) {
		b1 = s[1];
		b2 = s[2];
		b3 = s[3];
		if (b1 >= (c == 0xF0 ? 0x90u : 0x80u) &&
		    b1 <= (c == 0xF4 ? 0x8Fu : 0xBFu) && (b2 & 0xC0) == 0x80 &&
		    (b3 & 0xC0) == 0x80) {
			*n = 4;
			return (c & 0x07) << 18 | (b1 & 0x3F) << 12 |
			       (b2 & 0x3F) << 6 | (b3 & 0x3F);
		}
	}
	*n = 1;
	return 0xFFFD;
}

static size_t utf8_encode(char *out, int cp)
{
	unsigned c = (unsigned)cp;

	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* ---- offset maps: checkpoints where (input - output) changes ---------- */

static int map_add(ts_offmap *m, size_t out, size_t in)
{
	if (m->n > 0 && m->pt[m->n - 1].out == out) {
		m->pt[m->n - 1].in = in;    /* same output position: last wins */
		return 0;
	}
	if (TS_GROW(m->pt, m->cap, m->n + 1, 32))
		return TS_ENOMEM;
	m->pt[m->n].out = out;
	m->pt[m->n].in = in;
	m->n++;
	return 0;
}

/* An empty map is the identity, so a note that keeps input and output
 * together is no checkpoint (a line that the clean pass copies whole
 * leaves map1 empty); the test is inline, the rest out of line. */
static inline int map_note(ts_offmap *m, size_t out, size_t in)
{
	size_t delta = m->n ? m->pt[m->n - 1].in - m->pt[m->n - 1].out : 0;

	if (delta == in - out)
		return 0;
	return map_add(m, out, in);
}

size_t ts_offmap_lookup(const ts_offmap *m, size_t out)
{
	size_t lo = 0, hi = m->n;

	if (m->n == 0 || out < m->pt[0].out)
		return out;             /* identity before the first checkpoint */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->pt[mid].out <= out)
			lo = mid;
		else
			hi = mid;
	}
	return m->pt[lo].in + (out - m->pt[lo].out);
}

/* Characters that are unchanged by the normalisation form and never the
 * second element of a composition: a chunk boundary may precede them. */
static int stable_starter(int cp, int nfkc)
{
	if (cp < 0x80)
		return 1;
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return 1;
	if (cp >= 0x3400 && cp <= 0x4DFF)
		return 1;
	if ((cp >= 0x3001 && cp <= 0x3002) || (cp >= 0x3008 && cp <= 0x3011) ||
	    (cp >= 0x3014 && cp <= 0x301B))
		return 1;
	if ((cp >= 0x2010 && cp <= 0x2023) || cp == 0x2027 ||
	    (cp >= 0x1F300 && cp <= 0x1FAFF))
		return 1;
	if (!nfkc && ((cp >= 0xA1 && cp <= 0xFF) || cp == 0x2026 ||
	              (cp >= 0xFF01 && cp <= 0xFF5E)))
		return 1;
	return 0;
}

/* ---- clean pass ------------------------------------------------------- */

typedef struct cleaner {
	ts_norm *n;
	ts_buf *out;
	int pending_space;   /* a white-space run is waiting to be written */
	size_t space_in;     /* input offset of that run */
	int line_mode;       /* keep empty lines (unit = line) */
	size_t link_close;   /* Markdown: input offset of "](" to skip from */
	size_t link_end;     /* ... up to this offset (after ')') */
} cleaner;

static int at_para_start(const ts_buf *out)
{
	return out->len == 0 || out->data[out->len - 1] == '\n';
}

/* Emit `len` bytes of output for the character that starts at input
 * offset `in`. */
static int emit(cleaner *c, size_t in, const char *bytes, size_t len)
{
	if (c->pending_space) {
		c->pending_space = 0;
		if (!at_para_start(c->out)) {
			if (map_note(&c->n->map1, c->out->len, c->space_in) ||
			    ts_buf_addc(c->out, ' '))
				return TS_ENOMEM;
		}
	}
	if (map_note(&c->n->map1, c->out->len, in))
		return TS_ENOMEM;
	return ts_buf_add(c->out, bytes, len);
}

static int emit_newline(cleaner *c, size_t in)
{
	c->pending_space = 0;
	if (!c->line_mode && at_para_start(c->out))
		return 0;               /* collapse empty lines */
	if (map_note(&c->n->map1, c->out->len, in))
		return TS_ENOMEM;
	c->n->one_para = 0;
	return ts_buf_addc(c->out, '\n');
}

static void space(cleaner *c, size_t in)
{
	if (!c->pending_space) {
		c->pending_space = 1;
		c->space_in = in;
	}
}

/* Invisible format characters that are dropped; the ones that carry
 * meaning inside emoji and in some scripts (ZWJ, ZWNJ, tags) stay. */
static int drop_format(int cp)
{
	if (cp == 0x200C || cp == 0x200D)
		return 0;
	if (cp >= 0xE0020 && cp <= 0xE007F)
		return 0;
	return 1;
}

/* Classify and emit one decoded character. */
static int put_char(cleaner *c, int cp, size_t in, const char *src, size_t clen)
{
	const utf8proc_property_t *p;
	char tmp[4];

	if (cp < 0x80) {
		if (cp == '\n')
			return emit_newline(c, in);
		if (cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f') {
			space(c, in);
			return 0;
		}
		if (cp < 0x20 || cp == 0x7F)
			return 0;   /* C0 controls and DEL removed */
		tmp[0] = (char)cp;
		return emit(c, in, src ? src : tmp, src ? clen : 1);
	}
	if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
		return emit_newline(c, in);
	if (cp == 0xFEFF)
		return 0;
	p = utf8proc_get_property(cp);
	switch (p->category) {
	case UTF8PROC_CATEGORY_ZS:
		space(c, in);
		return 0;
	case UTF8PROC_CATEGORY_CC:
		return 0;
	case UTF8PROC_CATEGORY_CF:
		if (drop_format(cp))
			return 0;
		break;
	default:
		break;
	}
	if (!stable_starter(cp, c->n->opts.nfkc))
		c->n->unstable = 1;
	if (src)
		return emit(c, in, src, clen);
	return emit(c, in, tmp, utf8_encode(tmp, cp));
}

/* Length of the multi-byte character at s[0] when it may be copied as it
 * is (valid, stable under NFC/NFKC, not a space, control or format
 * character), else 0. Covers CJK ideographs and punctuation, curly quotes
 * and emoji: most of a Chinese text. */
static size_t plain_multibyte(const unsigned char *s, size_t len, int nfkc)
{
	if (len >= 3 && s[0] >= 0xE4 && s[0] <= 0xE9 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80)
		return 3;   /* U+4000..U+9FFF: CJK ideographs, Yijing symbols */
	if (len >= 3 && (s[2] & 0xC0) == 0x80) {
		if (s[0] == 0xE3 && s[1] == 0x80 &&
		    ((s[2] >= 0x81 && s[2] <= 0x82) || (s[2] >= 0x88 && s[2] <= 0x91) ||
		     (s[2] >= 0x94 && s[2] <= 0x9B)))
			return 3;   /* 、。〈〉《》「」『』【】〔〕 */
		if (s[0] == 0xE2 && s[1] == 0x80 &&
		    ((s[2] >= 0x90 && s[2] <= 0xA3) || s[2] == 0xA7 || (s[2] == 0xA6 && !nfkc)))
			return 3;   /* dashes, curly quotes, bullet, ellipsis */
		if (!nfkc && s[0] == 0xEF && ((s[1] == 0xBC && s[2] >= 0x81) ||
		                              (s[1] == 0xBD && s[2] <= 0x9E)))
			return 3;   /* full-width ！ ， ： ？ （ ） … */
	}
	if (len >= 4 && s[0] == 0xF0 && s[1] == 0x9F && (s[2] >= 0x8C && s[2] <= 0xAB) &&
	    (s[3] & 0xC0) == 0x80)
		return 4;   /* U+1F300..U+1FAFF: emoji */
	return 0;
}

static inline int plain_ascii(unsigned char b, int html, int md)
{
	if (b <= 0x20 || b >= 0x7F)
		return 0;
	if (html && (b == '&' || b == '<'))
		return 0;
	if (md && (b == '*' || b == '_' || b == '~' || b == '`' || b == '[' || b == '!'))
		return 0;
	return 1;
}

/* The bytes of w that plain_ascii() rejects, spaces excepted: controls,
 * DEL, bytes >= 0x80, and the bytes --html and --markdown act on. */
static uint64_t swar_not_plain(uint64_t w, int html, int md)
{
	uint64_t m = (w & TS_HIGHS) | ts_swar_lt(w, 0x20) | ts_swar_eq(w, 0x7F);

	if (html)
		m |= ts_swar_eq(w, '&') | ts_swar_eq(w, '<');
	if (md)
		m |= ts_swar_eq(w, '*') | ts_swar_eq(w, '_') | ts_swar_eq(w, '~') |
		     ts_swar_eq(w, '`') | ts_swar_eq(w, '[') | ts_swar_eq(w, '!');
	return m;
}

/* Fast path of plain_run: how many of the 8 bytes at str[j] it would take
 * one by one (0-8). A space is taken only between two plain bytes, as in
 * the byte loop: not first in the run, not before a space or a rejected
 * byte, and not last in the word (its successor is not in the word; the
 * byte loop decides). This takes English text 8 bytes per step instead
 * of one, spaces included (the byte loop cost ~10 instructions a byte). */
static size_t plain_word(const char *str, size_t i, size_t j, int html, int md)
{
	uint64_t w = ts_swar_load(str + j);
	uint64_t sp = ts_swar_eq(w, ' ');
	uint64_t stop = swar_not_plain(w, html, md);

	stop |= sp & (TS_SWAR_NEXT(sp | stop) | TS_SWAR_LAST_BYTE);
	if (j == i)
		stop |= sp & TS_SWAR_FIRST_BYTE;
	return stop ? ts_swar_first(stop) : 8;
}

/* The bytes of w that are no printable ASCII (controls, DEL, >= 0x80), and
 * the bytes below 0x21 (spaces and controls), in one pass over w & LOW7. */
static inline uint64_t swar_not_print(uint64_t w, uint64_t *below21)
{
	uint64_t m = w & TS_LOW7;

	*below21 = ~((m + TS_ONES * 0x5F) | w) & TS_HIGHS;
	return (w | (m + TS_ONES) | ~(m + TS_ONES * 0x60)) & TS_HIGHS;
}

/* plain_word() for text without --html and --markdown, 8 bytes a step
 * while 9 remain: the byte after the word tells whether a space in its
 * last byte is taken (so a word stops at a space only before a space or
 * a rejected byte, as in the byte loop; plain_word() stopped at every
 * space in the last byte, one word in eight of English text). Returns
 * the end of the bytes taken, where the byte loop decides (it stops
 * there unless the byte is >= 0x80 or fewer than 9 bytes remain). The
 * caller has made sure that the run does not start with a space (the
 * byte loop stops there), and a space that was taken is never followed
 * by one, so no byte before j needs a look. */
static inline size_t plain_words(const unsigned char *s, size_t j, size_t len)
{
	/* two words a step while 17 bytes remain: the second word's first
	 * byte is the byte after the first word, no scalar load for it */
	while (len - j >= 17) {
		uint64_t sp1, sp2;
		uint64_t stop1 = swar_not_print(ts_swar_load((const char *)s + j), &sp1);
		uint64_t stop2 = swar_not_print(ts_swar_load((const char *)s + j + 8), &sp2);
		uint64_t after = (unsigned char)(s[j + 16] - 0x21) < 0x5E ? 0 : TS_SWAR_LAST_BYTE;
		uint64_t e2 = sp2 | stop2;

		stop2 |= sp2 & (TS_SWAR_NEXT(e2) | after);
		/* the first byte of e2, moved to the last byte of word 1 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		after = e2 >> 56;
#else
		after = e2 << 56;
#endif
		stop1 |= sp1 & (TS_SWAR_NEXT(sp1 | stop1) | after);
		if (stop1)
			return j + ts_swar_first(stop1);
		if (stop2)
			return j + 8 + ts_swar_first(stop2);
		j += 16;
	}
	while (len - j >= 9) {
		uint64_t sp, stop = swar_not_print(ts_swar_load((const char *)s + j), &sp);
		/* the byte after the word is plain: 0x21..0x7E */
		uint64_t after = (unsigned char)(s[j + 8] - 0x21) < 0x5E ? 0 : TS_SWAR_LAST_BYTE;

		/* sp holds the controls too, which stop anyway */
		stop |= sp & (TS_SWAR_NEXT(sp | stop) | after);
		if (stop)
			return j + ts_swar_first(stop);
		j += 8;
	}
	return j;
}

/* End of the run starting at i that needs no processing at all: printable
 * ASCII (minus the bytes that --html and --markdown look at), single
 * spaces between such bytes, and plain multi-byte characters. `plain`:
 * neither --html nor --markdown (a constant, see the callers), which
 * takes ASCII by plain_words(). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t plain_run(const ts_norm *n, const char *str, size_t i,
                               size_t len, int cjk, int plain)
{
	const unsigned char *s = (const unsigned char *)str;
	int html = plain ? 0 : n->opts.html, md = plain ? 0 : n->opts.markdown;
	int fast = !n->no_fast;
	size_t j = i;

	while (j < len) {
		unsigned char b = s[j];

		if (b >= 0x80) {
			size_t m;

			/* a run of CJK ideographs (U+4000..U+9FFF, the first case
			 * of plain_multibyte()), most of a Chinese text: a loop
			 * of its own, with no test of the other cases (the tests
			 * compare it with no_fast, which takes them one by one;
			 * a constant, as a flag tested here would cost the ASCII
			 * loop a register) */
			if (cjk && b >= 0xE4 && b <= 0xE9) {
				while (len - j >= 3 && (s[j + 1] & 0xC0) == 0x80 &&
				       (s[j + 2] & 0xC0) == 0x80) {
					j += 3;
					if (j >= len || s[j] < 0xE4 || s[j] > 0xE9)
						break;
				}
				if (j >= len || s[j] < 0x80)
					continue;
			}
			m = plain_multibyte(s + j, len - j, n->opts.nfkc);
			if (!m)
				break;
			j += m;
			continue;
		}
		/* ASCII only: at a multi-byte character (Chinese text) the word
		 * test would fail at once, a loss on every character */
		if (plain && len - j >= 9 && (j > i || b != ' ')) {
			j = plain_words(s, j, len);
			if (j >= len || s[j] >= 0x80)
				continue;
			b = s[j];   /* needs the byte loop's decision */
		} else if (fast && len - j >= 8) {
			size_t k = plain_word(str, i, j, html, md);

			j += k;
			if (k == 8 || s[j] >= 0x80)
				continue;
			b = s[j];   /* needs the byte loop's decision */
		}
		if (plain_ascii(b, html, md))
			j++;
		else if (b == ' ') {
			/* one space between two plain bytes is already normal */
			if (j == i || s[j - 1] == ' ' || j + 1 >= len ||
			    !plain_ascii(s[j + 1], html, md))
				break;
			j++;
		} else
			break;
	}
	return j;
}

/* ---- HTML ------------------------------------------------------------- */

static const struct { const char *name; int cp; } entities[] = {
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
	{"nbsp", 0xA0}, {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122},
	{"hellip", 0x2026}, {"mdash", 0x2014}, {"ndash", 0x2013},
	{"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
	{"rdquo", 0x201D}, {"laquo", 0xAB}, {"raquo", 0xBB},
	{"middot", 0xB7}, {"bull", 0x2022}, {"times", 0xD7}, {"divide", 0xF7},
	{"euro", 0x20AC}, {"yen", 0xA5}, {"pound", 0xA3}, {"cent", 0xA2},
	{"deg", 0xB0}, {"plusmn", 0xB1}, {"para", 0xB6}, {"sect", 0xA7},
	{"shy", 0xAD}, {"ensp", 0x2002}, {"emsp", 0x2003}, {"thinsp", 0x2009},
	{"zwj", 0x200D}, {"zwnj", 0x200C}, {"larr", 0x2190}, {"rarr", 0x2192},
	{"hearts", 0x2665}, {"frac12", 0xBD}, {"iexcl", 0xA1}, {"iquest", 0xBF},
	{NULL, 0}
};

/* Try an entity at s[0] == '&'. Returns its length and sets *cp, or 0. */
static size_t html_entity(const char *s, size_t len, int *cp)
{
	size_t i;
	long v = 0;

	if (len >= 4 && s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';

		for (i = hex ? 3 : 2; i < len && i < 12; i++) {
			char ch = s[i];
			int dv;

			if (ch == ';')
				break;
			if (ch >= '0' && ch <= '9')
				dv = ch - '0';
			else if (hex && ch >= 'a' && ch <= 'f')
				dv = ch - 'a' + 10;
			else if (hex && ch >= 'A' && ch <= 'F')
				dv = ch - 'A' + 10;
			else
				return 0;
			v = v * (hex ? 16 : 10) + dv;
		}
		if (i >= len || s[i] != ';' || i == (size_t)(hex ? 3 : 2))
			return 0;
		if (v <= 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		*cp = (int)v;
		return i + 1;
	}
	for (i = 0; entities[i].name; i++) {
		size_t nl = strlen(entities[i].name);

		if (len >= nl + 2 && memcmp(s + 1, entities[i].name, nl) == 0 &&
		    s[nl + 1] == ';') {
			*cp = entities[i].cp;
			return nl + 2;
		}
	}
	return 0;
}

static int is_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Try a tag or comment at s[0] == '<'. Returns its length, sets *block
 * when it is a block-level tag (which ends a paragraph), or 0. */
static size_t html_tag(const char *s, size_t len, int *block)
{
	static const char *const blocks[] = {
		"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
		"h6", "tr", "table", "blockquote", "section", "article", "header",
		"footer", "hr", "pre", "dd", "dt", NULL
	};
	size_t i, nstart, nlen;
	const char *end;

	*block = 0;
	if (len >= 4 && memcmp(s, "<!--", 4) == 0) {
		for (i = 4; i + 2 < len; i++)
			if (memcmp(s + i, "-->", 3) == 0)
				return i + 3;
		return 0;
	}
	nstart = (len > 1 && s[1] == '/') ? 2 : 1;
	if (nstart >= len || !(is_alpha(s[nstart]) || s[nstart] == '!'))
		return 0;
	for (i = nstart; i < len && s[i] != '>' && s[i] != '<' && s[i] != '\n'; i++)
		;
	if (i >= len || s[i] != '>')
		return 0;
	end = s + i;
	for (nlen = 0; s + nstart + nlen < end &&
	     (is_alpha(s[nstart + nlen]) || (s[nstart + nlen] >= '0' && s[nstart + nlen] <= '9'));
	     nlen++)
		;
	for (size_t k = 0; blocks[k]; k++) {
		size_t bl = strlen(blocks[k]);

		if (bl == nlen) {
			size_t j;

			for (j = 0; j < bl; j++)
				if ((s[nstart + j] | 0x20) != blocks[k][j])
					break;
			if (j == bl)
				*block = 1;
		}
	}
	return i + 1;
}

/* ---- Markdown --------------------------------------------------------- */

/* At the start of a line: length of block markers to skip. */
static size_t md_line_prefix(const char *s, size_t len)
{
	size_t i = 0, j;

	while (i < len && s[i] == ' ' && i < 3)
		i++;
	for (;;) {
		if (i < len && s[i] == '#') {
			for (j = i; j < len && s[j] == '#' && j - i < 6; j++)
				;
			if (j < len && s[j] == ' ')
				return j + 1;
			return i;
		}
		if (i < len && s[i] == '>') {
			i++;
			while (i < len && s[i] == ' ')
				i++;
			continue;   /* nested block quotes, then a heading or list */
		}
		if (i + 1 < len && (s[i] == '-' || s[i] == '*' || s[i] == '+') &&
		    s[i + 1] == ' ')
			return i + 2;
		for (j = i; j < len && s[j] >= '0' && s[j] <= '9' && j - i < 9; j++)
			;
		if (j > i && j + 1 < len && (s[j] == '.' || s[j] == ')') && s[j + 1] == ' ')
			return j + 2;
		return i;
	}
}

static int is_word_byte(char ch)
{
	return is_alpha(ch) || (ch >= '0' && ch <= '9') || (unsigned char)ch >= 0x80;
}

/* For '[' at s[i]: if "[text](url)" follows on this line, return the
 * offset of "](" and set *end to the offset after ')'. */
static size_t md_link(const char *s, size_t len, size_t i, size_t *end)
{
	size_t j, k;

	for (j = i + 1; j < len && s[j] != ']' && s[j] != '[' && s[j] != '\n'; j++)
		;
	if (j + 1 >= len || s[j] != ']' || s[j + 1] != '(')
		return 0;
	for (k = j + 2; k < len && s[k] != ')' && s[k] != ' ' && s[k] != '\n'; k++)
		;
	if (k >= len || s[k] != ')')
		return 0;
	*end = k + 1;
	return j;
}

/* Emphasis markers (* _ ** __ ~~ `) to drop at s[i]: their length, or 0.
 * A marker inside a word (snake_case, 2*3) is kept. */
static size_t md_emphasis(const char *s, size_t len, size_t i)
{
	char ch = s[i];
	size_t n = 1;
	int before_word, after_word;

	if (ch == '`')
		return 1;
	if (ch != '*' && ch != '_' && ch != '~')
		return 0;
	if (i + 1 < len && s[i + 1] == ch)
		n = 2;
	else if (ch == '~')
		return 0;
	before_word = i > 0 && is_word_byte(s[i - 1]);
	after_word = i + n < len && is_word_byte(s[i + n]);
	if (before_word && after_word)
		return 0;
	if (!before_word && !after_word)
		return 0;   /* a lone star between spaces is not markup */
	return n;
}

/* ---- the clean pass over the whole input ------------------------------ */

static int clean(ts_norm *n, const char *s, size_t len, ts_diag *d)
{
	cleaner c;
	size_t i = 0;
	int rc, plain_text = !n->opts.html && !n->opts.markdown;

	memset(&c, 0, sizeof c);
	c.n = n;
	c.out = &n->clean;
	c.line_mode = n->opts.unit == TS_UNIT_LINE;
	ts_buf_reset(&n->clean);
	n->map1.n = 0;
	n->repaired = 0;
	n->unstable = 0;
	n->one_para = 1;
	if (ts_buf_grow(&n->clean, len))
		return TS_ENOMEM;
	if (plain_text && !n->no_fast) {
		/* most lines of English text are one plain run: copied in one
		 * go, with no map checkpoint (input and output stay together)
		 * and no trip through the loop and emit() */
		i = plain_run(n, s, 0, len, 1, 1);
		if (i == len) {
			memcpy(n->clean.data, s, len);
			n->clean.len = len;
			n->clean.data[len] = '\0';
			return 0;
		}
		if (i > 0 && (rc = emit(&c, 0, s, i)))
			return rc;
	}

	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		size_t clen;
		int cp;

		if (c.link_end && i == c.link_close) {
			i = c.link_end;
			c.link_end = 0;
			continue;
		}
		if (n->opts.markdown && (i == 0 || s[i - 1] == '\n' || s[i - 1] == '\r')) {
			size_t skip = md_line_prefix(s + i, len - i);

			if (skip) {
				i += skip;
				continue;
			}
		}
		if (!c.link_end) {
			size_t j = n->no_fast ? plain_run(n, s, i, len, 0, 0) :
			           plain_text ? plain_run(n, s, i, len, 1, 1) :
			                        plain_run(n, s, i, len, 1, 0);

			if (j > i) {
				if ((rc = emit(&c, i, s + i, j - i)))
					return rc;
				i = j;
				continue;
			}
		}
		if (b == '\r') {
			if ((rc = emit_newline(&c, i)))
				return rc;
			i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (n->opts.html && b == '&') {
			size_t el = html_entity(s + i, len - i, &cp);

			if (el) {
				if ((rc = put_char(&c, cp, i, NULL, 0)))
					return rc;
				i += el;
				continue;
			}
		}
		if (n->opts.html && b == '<') {
			int block;
			size_t tl = html_tag(s + i, len - i, &block);

			if (tl) {
				/* inline tags vanish; block tags end a paragraph */
				if (block && (rc = emit_newline(&c, i)))
					return rc;
				i += tl;
				continue;
			}
		}
		if (n->opts.markdown) {
			size_t ml;

			if (b == '!' && i + 1 < len && s[i + 1] == '[')
				ml = 1;
			else if (b == '[' && (ml = md_link(s, len, i, &c.link_end)) != 0) {
				c.link_close = ml;
				ml = 1;
			} else
				ml = md_emphasis(s, len, i);
			if (b == '!' && ml && !md_link(s, len, i + 1, &c.link_end))
				ml = 0;
			if (ml) {
				i += ml;
				continue;
			}
		}
		if (b < 0x80) {
			if ((rc = put_char(&c, b, i, s + i, 1)))
				return rc;
			i++;
			continue;
		}
		clen = ts_utf8_decode(s + i, len - i, &cp);
		if (cp < 0) {
			if (n->opts.strict)
				return ts_diag_set(d, TS_EUTF8, 0, i,
				                   "invalid UTF-8 at byte offset %zu", i);
			n->repaired++;
			cp = 0xFFFD;
			if ((rc = put_char(&c, cp, i, NULL, 0)))
				return rc;
		} else if ((rc = put_char(&c, cp, i, s + i, clen)))
			return rc;
		i += clen;
	}
	/* drop a trailing newline (and any pending space) */
	if (!c.line_mode)
		while (n->clean.len && n->clean.data[n->clean.len - 1] == '\n')
			n->clean.data[--n->clean.len] = '\0';
	return 0;
}

/* ---- NFC / NFKC --------------------------------------------------------- */

static int compose(ts_norm *n, const char *s, size_t len)
{
	utf8proc_option_t opt = (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	                        (n->opts.nfkc ? UTF8PROC_COMPAT : 0));
	size_t i = 0, prev = 0, all = 1;
	ts_buf *out = &n->text;

	ts_buf_reset(out);
	n->map2.n = 0;
	if (!n->unstable) {
		/* the clean pass saw only stable characters: nothing to do */
		ts_buf tmp = n->text;

		n->text = n->clean;
		n->clean = tmp;
		return 0;
	}
	/* fast path: everything stable, the common case for zh and en text */
	while (i < len) {
		int cp;
		size_t cl = ts_utf8_decode(s + i, len - i, &cp);

		if (!stable_starter(cp, n->opts.nfkc)) {
			all = 0;
			break;
		}
		prev = i;
		i += cl;
	}
	if (all)
		return ts_buf_add(out, s, len);
	/* the character before the first unstable one may compose with it */
	if (i > 0)
		i = prev;
	if (ts_buf_add(out, s, i))
		return TS_ENOMEM;
	while (i < len) {
		int cp;
		size_t j, cl = ts_utf8_decode(s + i, len - i, &cp);
		utf8proc_ssize_t r;

		if (stable_starter(cp, n->opts.nfkc)) {
			/* look ahead: is the next character stable too? */
			j = i + cl;
			if (j >= len) {
				if (map_note(&n->map2, out->len, i) || ts_buf_add(out, s + i, cl))
					return TS_ENOMEM;
				i = j;
				continue;
			}
			{
				int ncp;

				ts_utf8_decode(s + j, len - j, &ncp);
				if (stable_starter(ncp, n->opts.nfkc)) {
					if (map_note(&n->map2, out->len, i) ||
					    ts_buf_add(out, s + i, cl))
						return TS_ENOMEM;
					i = j;
					continue;
				}
			}
		}
		/* chunk: this character up to the next stable starter */
		for (j = i + cl; j < len;) {
			int ncp;
			size_t ncl = ts_utf8_decode(s + j, len - j, &ncp);

			if (stable_starter(ncp, n->opts.nfkc))
				break;
			j += ncl;
		}
		for (;;) {
			r = utf8proc_decompose_custom((const utf8proc_uint8_t *)s + i,
			                              (utf8proc_ssize_t)(j - i), n->u32,
			                              (utf8proc_ssize_t)n->u32cap, opt,
			                              NULL, NULL);
			if (r < 0)
				return TS_EUTF8;
			if ((size_t)r <= n->u32cap)
				break;
			free(n->u32);
			n->u32cap = (size_t)r * 2;
			n->u32 = malloc(n->u32cap * sizeof *n->u32);
			if (!n->u32) {
				n->u32cap = 0;
				return TS_ENOMEM;
			}
		}
		r = utf8proc_normalize_utf32(n->u32, r, opt);
		if (r < 0)
			return TS_EUTF8;
		{
			utf8proc_ssize_t k;
			char tmp[4];

			if (map_note(&n->map2, out->len, i))
				return TS_ENOMEM;
			for (k = 0; k < r; k++)
				if (ts_buf_add(out, tmp, utf8_encode(tmp, n->u32[k])))
					return TS_ENOMEM;
		}
		i = j;
		if (i < len && map_note(&n->map2, out->len, i))
			return TS_ENOMEM;
	}
	return 0;
}

/* ---- public ------------------------------------------------------------ */

int ts_norm_new(ts_norm **out, const ts_norm_opts *opts)
{
	ts_norm *n = calloc(1, sizeof *n);

	*out = NULL;
	if (!n)
		return TS_ENOMEM;
	if (opts)
		n->opts = *opts;
	*out = n;
	return 0;
}

void ts_norm_free(ts_norm *n)
{
	if (!n)
		return;
	ts_buf_free(&n->clean);
	ts_buf_free(&n->text);
	free(n->map1.pt);
	free(n->map2.pt);
	free(n->u32);
	free(n->units);
	free(n);
}

size_t ts_norm_repaired(const ts_norm *n)
{
	return n->repaired;
}

int ts_norm_run(ts_norm *n, const char *src, size_t len,
                const ts_norm_unit **units, size_t *nunits, ts_diag *d)
{
	int rc;

	*units = NULL;
	*nunits = 0;
	n->nunits = 0;
	if ((rc = clean(n, src, len, d)) < 0)
		return rc;
	if ((rc = compose(n, n->clean.data ? n->clean.data : "", n->clean.len)) < 0)
		return ts_diag_set(d, rc, 0, 0, "normalisation failed: %s", ts_strerror(rc));
	if ((rc = ts_segment(n)) < 0)
		return ts_diag_set(d, rc, 0, 0, "%s", ts_strerror(rc));
	*units = n->units;
	*nunits = n->nunits;
	return 0;
}

/* ts_offmap_lookup() without the call and the search for a map of at
 * most one checkpoint: text that NFC left alone has none in map2, a line
 * with nothing removed none in map1, and one with only leading blanks
 * removed one (where its text starts). */
static inline size_t offmap_lookup_short(const ts_offmap *m, size_t out)
{
	if (m->n == 0 || out < m->pt[0].out)
		return out;
	if (m->n == 1)
		return m->pt[0].in + (out - m->pt[0].out);
	return ts_offmap_lookup(m, out);
}

size_t ts_norm_source_offset(const ts_norm *n, size_t text_pos)
{
	return offmap_lookup_short(&n->map1, offmap_lookup_short(&n->map2, text_pos));
}
