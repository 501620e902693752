/* score.c - the public scorer (include/tonesift/score.h): routes a text to
 * the English or the Chinese engine and lexicon entries to either. */
#include "en.h"
#include "zh.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct ts_scorer {
	ts_en *en;          /* English engine */
	ts_zh *zh;          /* Chinese engine, NULL until needed (zh_get) */
	int zh_rc;          /* its construction failed with this code */
	ts_buf term;        /* lower-cased term while adding a lexicon */
};

/* The Chinese engine, built on first use: by the first text with Han or
 * the first Chinese lexicon entry. Most runs score one language, and a
 * process that sees no Chinese saves its construction (11M instructions,
 * a quarter of the start-up; the English engine is built at once). The
 * embedded Chinese lexicons are the same for every run (the unit tests
 * build the engine from them); a user's lexicon with Chinese terms builds
 * it while the lexicon is read, so its errors still come at start. A
 * failure sticks: every later call returns the same code. */
static int zh_get(ts_scorer *s, ts_zh **out, ts_diag *d)
{
	ts_diag tmp;

	if (!s->zh && !s->zh_rc) {
		memset(&tmp, 0, sizeof tmp);
		s->zh_rc = ts_zh_new(&s->zh, d ? d : &tmp);
	}
	*out = s->zh;
	return s->zh_rc;
}

/* Any Han character? Only lead bytes >= 0xE3 can start one, so ASCII and
 * Latin text is checked one byte at a time without decoding. (Used for
 * lexicon entries; a text's Han is found by the English tokeniser.) */
static int has_han(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)p[i];
		utf8proc_int32_t cp;
		utf8proc_ssize_t m;

		if (c < 0xE3) {
			i++;
			continue;
		}
		m = utf8proc_iterate((const utf8proc_uint8_t *)p + i,
		                     (utf8proc_ssize_t)(n - i), &cp);
		if (m <= 0) {
			i++;
			continue;
		}
		if (ts_en_is_han(cp))
			return 1;
		i += (size_t)m;
	}
	return 0;
}

int ts_scorer_new(ts_scorer **out, const ts_score_opts *opts, ts_diag *d)
{
	ts_scorer *s;
	int rc;

	if (!out)
		return ts_diag_set(d, TS_EINVAL, 0, 0, "no output handle");
	*out = NULL;
	s = calloc(1, sizeof *s);
	if (!s)
		return ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
	rc = ts_en_new(&s->en, opts ? opts->vader_compat != 0 : 0, d);
	if (rc)
		goto fail;
	*out = s;
	return 0;
fail:
	ts_scorer_free(s);
	return rc;
}

struct add_ctx {
	ts_scorer *s;
	const char *name;
	ts_diag *d;
};

static int add_cb(void *ctx, const char *term, size_t tlen, double v,
                  const char *rest, size_t rlen, size_t line)
{
	struct add_ctx *c = ctx;
	ts_scorer *s = c->s;
	size_t i = 0;
	int rc;

	(void)rest;
	(void)rlen;
	if (has_han(term, tlen)) {
		ts_zh *zh;

		if ((rc = zh_get(s, &zh, c->d)) != 0)
			return rc;
		rc = ts_zh_add_entry(zh, term, tlen, v);
		if (rc == TS_EINVAL)
			return ts_diag_set(c->d, TS_ELEXICON, line, 0,
			                   "%s:%zu: a Chinese term must start with a Han character",
			                   c->name, line);
		if (rc)
			return ts_diag_set(c->d, rc, line, 0, "%s:%zu: %s",
			                   c->name, line, ts_strerror(rc));
		return 0;
	}
	ts_buf_reset(&s->term);
	while (i < tlen) {
		unsigned char ch = (unsigned char)term[i];
		utf8proc_int32_t cp;
		utf8proc_ssize_t m;
		utf8proc_uint8_t enc[4];

		if (ch < 0x80) {
			if (ts_buf_addc(&s->term, ch >= 'A' && ch <= 'Z' ?
			                ch + 32 : ch))
				return TS_ENOMEM;
			i++;
			continue;
		}
		m = utf8proc_iterate((const utf8proc_uint8_t *)term + i,
		                     (utf8proc_ssize_t)(tlen - i), &cp);
		if (m <= 0)
			return ts_diag_set(c->d, TS_ELEXICON, line, 0,
			                   "%s:%zu: invalid UTF-8", c->name, line);
		if (ts_buf_add(&s->term, enc, (size_t)utf8proc_encode_char(
		                   utf8proc_tolower(cp), enc)))
			return TS_ENOMEM;
		i += (size_t)m;
	}
	rc = ts_en_add_entry(s->en, s->term.data, s->term.len, v);
	if (rc)
		return ts_diag_set(c->d, rc, line, 0, "%s:%zu: %s", c->name,
		                   line, ts_strerror(rc));
	return 0;
}

int ts_scorer_add_lexicon(ts_scorer *s, const char *data, size_t len,
                          const char *name, ts_diag *d)
{
	struct add_ctx c;
	int rc;

	if (!s || (!data && len))
		return ts_diag_set(d, TS_EINVAL, 0, 0, "invalid argument");
	c.s = s;
	c.name = name ? name : "lexicon";
	c.d = d;
	rc = ts_lex_parse(data, len, c.name, add_cb, &c, d);
	if (rc == TS_ENOMEM)
		ts_diag_set(d, rc, 0, 0, "out of memory");
	return rc;
}

/* Texts longer than this are scored in pieces (see ts_scorer_score). */
#define PIECE ((size_t)1 << 20)
/* Evidence is cut after this many bytes (a huge text would otherwise
 * give megabytes of it). */
#define EVIDENCE_MAX ((size_t)64 << 10)

/* A text with a Han character goes to the Chinese engine, any other to
 * the English one. The English engine finds the Han itself (it decodes
 * every non-ASCII character anyway) and hands such a text back, which
 * saves a scan of every text. */
static int score_one(ts_score *out, ts_scorer *s, const char *text, size_t len,
                     ts_buf *evidence)
{
	utf8proc_int32_t cp;
	int han = 0, rc = 0;
	ts_zh *zh;

	/* most Chinese texts start with Han: those skip the English
	 * engine's set-up */
	if (len >= 3 && (unsigned char)text[0] >= 0xE3 &&
	    utf8proc_iterate((const utf8proc_uint8_t *)text,
	                     (utf8proc_ssize_t)len, &cp) > 0)
		han = ts_en_is_han(cp);
	if (!han)
		rc = ts_en_score_unless_han(out, s->en, text, len, evidence,
		                            &han);
	if (rc || !han)
		return rc;
	if ((rc = zh_get(s, &zh, NULL)) != 0) {
		memset(out, 0, sizeof *out);
		return rc;
	}
	return ts_zh_score(out, zh, s->en, text, len, evidence);
}

/* Where to end a piece that starts at `a`: at most PIECE bytes, after a
 * space or sentence mark when there is one in the last quarter, and never
 * inside a UTF-8 character. */
static size_t piece_end(const char *t, size_t a, size_t len)
{
	size_t e = a + PIECE, k;

	if (e >= len)
		return len;
	for (k = e; k > a + PIECE / 4 * 3; k--)
		if (t[k - 1] == ' ' || t[k - 1] == '\n' || t[k - 1] == '.' ||
		    (unsigned char)t[k - 1] == 0x82)   /* last byte of 。 */
			return k;
	while (e > a + 1 && ((unsigned char)t[e] & 0xC0) == 0x80)
		e--;
	return e;
}

int ts_scorer_score(ts_score *out, ts_scorer *s, const char *text,
                    size_t len, ts_buf *evidence)
{
	ts_score part;
	size_t a, e, ev0;
	double w, sum_w = 0;
	int rc;

	if (!out || !s || (!text && len)) {
		if (out)
			memset(out, 0, sizeof *out);
		return TS_EINVAL;
	}
	if (len <= PIECE)
		return score_one(out, s, text, len, evidence);
	/* A text of more than 1 MiB (a whole book on one line) is scored in
	 * pieces of at most 1 MiB and the result is their length-weighted
	 * mean, so memory stays bounded and nothing fails; the evidence keeps
	 * its first 64 KiB and ends in "…". */
	memset(out, 0, sizeof *out);
	ev0 = evidence ? evidence->len : 0;
	for (a = 0; a < len; a = e) {
		ts_buf *ev = evidence && evidence->len - ev0 < EVIDENCE_MAX ? evidence : NULL;

		e = piece_end(text, a, len);
		if (ev && ev->len > ev0 && (rc = ts_buf_addc(ev, ';')) != 0)
			return rc;
		if ((rc = score_one(&part, s, text + a, e - a, ev)) != 0)
			return rc;
		w = (double)(e - a);
		out->neg += part.neg * w;
		out->neu += part.neu * w;
		out->pos += part.pos * w;
		out->compound += part.compound * w;
		sum_w += w;
	}
	out->neg /= sum_w;
	out->neu /= sum_w;
	out->pos /= sum_w;
	out->compound /= sum_w;
	if (evidence && evidence->len - ev0 > EVIDENCE_MAX) {
		evidence->len = ev0 + EVIDENCE_MAX;
		/* cut at an item boundary */
		while (evidence->len > ev0 && evidence->data[evidence->len - 1] != ';')
			evidence->len--;
		evidence->data[evidence->len] = '\0';
		if ((rc = ts_buf_adds(evidence, "\xE2\x80\xA6")) != 0)
			return rc;
	}
	return 0;
}

const char *ts_score_label(double compound)
{
	if (compound >= 0.05)
		return "positive";
	if (compound <= -0.05)
		return "negative";
	return "neutral";
}

void ts_scorer_free(ts_scorer *s)
{
	if (!s)
		return;
	ts_en_free(s->en);
	ts_zh_free(s->zh);
	ts_buf_free(&s->term);
	free(s);
}
