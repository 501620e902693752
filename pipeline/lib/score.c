/* score.c - the public scorer (include/tonesift/score.h): routes a text to
 * the English or the Chinese engine and lexicon entries to either. */
#include "en.h"
#include "zh.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct ts_scorer {
	ts_en *en;          /* English engine */
	ts_zh *zh;          /* Chinese engine */
	ts_buf term;        /* lower-cased term while adding a lexicon */
};

static int is_han(utf8proc_int32_t c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x2FFFF);
}

/* Any Han character? Only lead bytes >= 0xE3 can start one, so ASCII and
 * Latin text is checked one byte at a time without decoding. */
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
		if (is_han(cp))
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
	rc = ts_zh_new(&s->zh, d);
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
		rc = ts_zh_add_entry(s->zh, term, tlen, v);
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

int ts_scorer_score(ts_score *out, ts_scorer *s, const char *text,
                    size_t len, ts_buf *evidence)
{
	if (!out || !s || (!text && len)) {
		if (out)
			memset(out, 0, sizeof *out);
		return TS_EINVAL;
	}
	if (has_han(text, len))
		return ts_zh_score(out, s->zh, s->en, text, len, evidence);
	return ts_en_score(out, s->en, text, len, evidence);
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
