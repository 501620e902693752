/* en.c - the English sentiment engine: VADER's rules (exact in compat
 * mode), the measured default-mode improvements, and the evidence string. */
#include "en_tab.h"

#include <libstemmer.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define B_INCR 0.293
#define C_INCR 0.733
#define N_SCALAR -0.74
/* default mode: weight of a valence found through the stem fall-back, and
 * the negation factor of negative words (both chosen by measurement) */
#define STEM_WEIGHT 0.3
#define NEG_NEGF 0.0

enum { EV_BOOST, EV_NEG, EV_X125, EV_LEAST, EV_CAPS, EV_NO, EV_SPECIAL };

/* tokenize()'s return when it meets Han with ts_en.stop_han set */
#define EN_HAN 1

/* ---------------------------------------------------------------- load */

struct load_ctx {
	ts_en *e;
	int kind; /* which file */
};

enum { LK_LEX, LK_BOOST, LK_NEG, LK_SPECIAL, LK_IDIOM, LK_EMOJI };

static int has_space(const char *p, size_t n)
{
	return memchr(p, ' ', n) != NULL;
}

static int load_cb(void *ctx, const char *term, size_t tlen, double v,
                   const char *rest, size_t rlen, size_t line)
{
	struct load_ctx *c = ctx;
	ts_en *e = c->e;
	struct en_ent *x;

	(void)rest;
	(void)rlen;
	(void)line;
	switch (c->kind) {
	case LK_LEX:
		return ts_en_add_entry(e, term, tlen, v);
	case LK_BOOST:
		if (has_space(term, tlen)) {
			x = ts_en_tab_put(e, &e->phr, term, tlen);
			if (!x)
				return TS_ENOMEM;
		} else {
			x = ts_en_tab_put(e, &e->lex, term, tlen);
			if (!x)
				return TS_ENOMEM;
		}
		x->flags |= EN_BOOST;
		x->boost = v;
		return 0;
	case LK_NEG:
		x = ts_en_tab_put(e, &e->lex, term, tlen);
		if (!x)
			return TS_ENOMEM;
		x->flags |= EN_NEG;
		return 0;
	case LK_SPECIAL:
	case LK_IDIOM:
		x = ts_en_tab_put(e, &e->phr, term, tlen);
		if (!x)
			return TS_ENOMEM;
		if (c->kind == LK_SPECIAL) {
			x->flags |= EN_SPECIAL;
			x->spec = v;
		} else {
			x->flags |= EN_IDIOM;
			x->spec2 = v;
		}
		return 0;
	case LK_EMOJI:
		x = ts_en_tab_put(e, &e->lex, term, tlen);
		if (!x)
			return TS_ENOMEM;
		x->flags |= EN_EMOJI | EN_LEX;
		x->val = v;
		return 0;
	default:
		return TS_EINVAL;
	}
}

static int load_file(ts_en *e, const char *path, int kind, ts_diag *d)
{
	struct load_ctx c;
	size_t len;
	const char *data = ts_embedded(path, &len);
	int rc;

	if (!data)
		return ts_diag_set(d, TS_ENOTFOUND, 0, 0,
		                   "embedded lexicon '%s' is missing", path);
	c.e = e;
	c.kind = kind;
	rc = ts_lex_parse(data, len, path, load_cb, &c, d);
	if (rc == TS_ENOMEM)
		ts_diag_set(d, rc, 0, 0, "out of memory");
	return rc;
}

static int is_ascii_word(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] < 'a' || p[i] > 'z')
			return 0;
	return 1;
}

/* Bit of the stem-prefix filter for the first n (1..4) bytes of p. */
static size_t prefix_bit(const char *p, size_t n)
{
	uint32_t x = 0;
	size_t i;

	for (i = 0; i < n; i++)
		x = x << 8 | (unsigned char)p[i];
	x = (x + (uint32_t)n) * 2654435761u;
	return (size_t)(x >> (32 - EN_STEMPRE_BITS));
}

/* Is `word` = `stem` + an inflectional ending (or the stem itself)? */
static int infl_suffix(const char *word, size_t n, const char *stem,
                       size_t sl)
{
	static const struct {
		char s[4];
		size_t n;
	} suf[] = {{"", 0}, {"s", 1}, {"es", 2}, {"e", 1}, {"ed", 2},
	           {"d", 1}, {"ing", 3}, {"ly", 2}, {"y", 1}};
	size_t k;

	if (sl > n || n - sl > 3 || memcmp(word, stem, sl) != 0)
		return 0;
	for (k = 0; k < sizeof suf / sizeof suf[0]; k++)
		if (suf[k].n == n - sl && memcmp(word + sl, suf[k].s, n - sl) == 0)
			return 1;
	return 0;
}

/* Is `word` a base form of `stem` (the stem, stem + e/s/es, or the y
 * that Snowball turns into i: bully -> bulli)? The forms whose valence an
 * "-s" word takes under TS_EN_STEMBASE. */
static int base_form(const char *word, size_t n, const char *stem,
                     size_t sl)
{
	size_t k = n - sl;

	if (sl && stem[sl - 1] == 'i' && n == sl && word[n - 1] == 'y' &&
	    memcmp(word, stem, sl - 1) == 0)
		return 1;
	if (sl > n || memcmp(word, stem, sl) != 0)
		return 0;
	return k == 0 || (k == 1 && (word[sl] == 'e' || word[sl] == 's')) ||
	       (k == 2 && word[sl] == 'e' && word[sl + 1] == 's');
}

/* The stem table: every single-word lexicon entry of letters is stemmed
 * (with the stem computed at build time when ts_en_prestem has it);
 * a stem whose entries all have one polarity gets their mean valence times
 * STEM_WEIGHT. */
static int stem_add(ts_en *e, const char *st, size_t sl, double val)
{
	struct en_ent *s = ts_en_tab_put(e, &e->stem, st, sl);

	if (!s)
		return TS_ENOMEM;
	/* s->val: sum, s->boost: count, flags: polarity seen */
	s->val += val;
	s->boost += 1;
	s->flags |= val > 0 ? EN_STEMOK : EN_STEMBAD;
	return 0;
}

static int build_stems(ts_en *e)
{
	size_t i;
	int rc;

	for (i = 0; i < e->lex.n; i++) {
		const struct en_ent *x = &e->lex.ent[i];
		const struct en_prestem *pre =
		    i < ts_en_prestem_n ? &ts_en_prestem[i] : NULL;
		const char *st, *term;
		char key[64];
		size_t sl;

		if (!x->len || !(x->flags & EN_LEX) || x->len >= sizeof key ||
		    !is_ascii_word(e->keys + x->off, x->len) || x->val == 0)
			continue;
		memcpy(key, e->keys + x->off, x->len);
		if (pre && pre->hash && pre->hash == x->hash &&
		    pre->wlen == x->len && pre->plen <= x->len &&
		    pre->plen + strlen(pre->tail) < sizeof key) {
			size_t tl = strlen(pre->tail);

			/* the stem in place of the term */
			memcpy(key + pre->plen, pre->tail, tl);
			st = key;
			sl = pre->plen + tl;
		} else {
			const sb_symbol *r = sb_stemmer_stem(
			    e->sb, (const sb_symbol *)key, (int)x->len);
			int rl;

			if (!r)
				return TS_ENOMEM;
			e->nstemmed++;
			rl = sb_stemmer_length(e->sb);
			if (rl <= 0)
				continue;
			st = (const char *)r;
			sl = (size_t)rl;
		}
		if (sl == 0 || sl + 1 >= sizeof key)
			continue;
		term = e->keys + x->off;
		if (!(e->feat & TS_EN_STEMINFL) ||
		    infl_suffix(term, x->len, st, sl)) {
			if ((rc = stem_add(e, st, sl, x->val)) != 0)
				return rc;
		}
		/* the base forms again under "stem+": the table of the
		 * "-s" words (stem_run) */
		if ((e->feat & TS_EN_STEMBASE) && base_form(term, x->len, st, sl)) {
			char bk[64];

			memcpy(bk, st, sl);
			bk[sl] = '+';
			if ((rc = stem_add(e, bk, sl + 1, x->val)) != 0)
				return rc;
		}
	}
	for (i = 0; i < e->stem.n; i++) {
		struct en_ent *s = &e->stem.ent[i];

		if (!s->len)
			continue;
		if ((s->flags & EN_STEMOK) && (s->flags & EN_STEMBAD)) {
			s->flags = 0;
			continue;
		}
		s->val = s->val / s->boost * STEM_WEIGHT;
		s->flags = EN_STEMOK;
		{
			/* "stem+" (base forms) filters on the stem's prefix */
			size_t l = s->len - (e->keys[s->off + s->len - 1] == '+');
			size_t bit = prefix_bit(e->keys + s->off, l < 4 ? l : 4);

			e->stempre[bit >> 6] |= (uint64_t)1 << (bit & 63);
		}
	}
	return 0;
}

/* Capitalised single-word entries (":D", "O.o") are unreachable in the
 * reference; the default mode adds their lower-case form when free. */
static int lower_entries(ts_en *e)
{
	size_t i, n = e->lex.n;
	char key[64];

	for (i = 0; i < n; i++) {
		struct en_ent *x = &e->lex.ent[i], *y;
		size_t k, len = x->len;
		int caps = 0;
		double v;

		if (!len || !(x->flags & EN_LEX) || len >= sizeof key)
			continue;
		for (k = 0; k < len; k++) {
			char c = e->keys[x->off + k];

			if (c >= 'A' && c <= 'Z') {
				c = (char)(c + 32);
				caps = 1;
			}
			key[k] = c;
		}
		if (!caps || ts_en_tab_find(e, &e->lex, key, len,
		                            ts_en_hash(key, len)))
			continue;
		v = x->val;
		y = ts_en_tab_put(e, &e->lex, key, len); /* may move slots */
		if (!y)
			return TS_ENOMEM;
		y->flags |= EN_LEX;
		y->val = v;
	}
	return 0;
}

/* Give the words the rules test for their id, and flag every word that
 * occurs in a phrase entry, so that phrase look-ups are tried only when
 * all the words could match. */
static int mark_words(ts_en *e)
{
	static const char *const words[W_COUNT] = {
		"", "no", "but", "kind", "of", "never", "so", "this", "without",
		"doubt", "least", "at", "very", "or", "nor", "however", "yet",
		"except", "although", "though"};
	size_t i, n;
	struct en_ent *x;

	for (i = 1; i < W_COUNT; i++) {
		x = ts_en_tab_put(e, &e->lex, words[i], strlen(words[i]));
		if (!x)
			return TS_ENOMEM;
		x->wid = (uint32_t)i;
	}
	n = e->phr.n;
	for (i = 0; i < n; i++) {
		const struct en_ent *p = &e->phr.ent[i];
		size_t a = 0, b;
		char w[64];

		if (!p->len)
			continue;
		while (a < p->len) {
			b = a;
			while (b < p->len && e->keys[p->off + b] != ' ')
				b++;
			if (b - a > 0 && b - a < sizeof w) {
				/* copy: ts_en_tab_put may move e->keys */
				memcpy(w, e->keys + p->off + a, b - a);
				x = ts_en_tab_put(e, &e->lex, w, b - a);
				if (!x)
					return TS_ENOMEM;
				x->flags |= EN_PHRW;
			}
			a = b + 1;
			p = &e->phr.ent[i];
		}
	}
	return 0;
}

static int is_aspace(unsigned char c);
static int is_punct(unsigned char c);
static int vtab_index(ts_en *e, double v);

/* The byte classes of the tokeniser's fast path, from the predicates the
 * general path uses, so that the two cannot disagree. */
static void build_classes(ts_en *e)
{
	unsigned c;

	for (c = 0; c < 256; c++) {
		unsigned k = 0;

		if (is_aspace((unsigned char)c))
			k |= CL_SPACE;
		if (c >= 0x80)
			k |= CL_HIGH;
		if (is_punct((unsigned char)c))
			k |= CL_PUNCT;
		if (c >= 'a' && c <= 'z')
			k |= CL_LOWER;
		if (c >= 'A' && c <= 'Z')
			k |= CL_UPPER;
		if (c == '\'')
			k |= CL_APOS;
		if (c == '&')
			k |= CL_AMP;
		if (c == ',' || c == ';' || c == '.' || c == '!' || c == '?' ||
		    c == ':')
			k |= CL_MARK;
		e->cls[c] = (unsigned char)k;
	}
}

static int en_new(ts_en **out, int compat, unsigned feat, ts_diag *d)
{
	ts_en *e;
	int rc;

	*out = NULL;
	e = calloc(1, sizeof *e);
	if (!e)
		return ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
	e->compat = compat;
	e->feat = compat ? 0 : feat;
	build_classes(e);
	{
		struct en_tok m;

		/* what en_score()'s shortcut tests, in en_tok.facts */
		m.facts = 0;
		m.isboost = 1;
		m.neg = 1;
		m.wid = 0xff;
		m.phrw = 0xff;
		e->role_near = m.facts;
		m.neg = 0;
		e->role_self = m.facts;
	}
	/* the embedded lexicons fill the word table (and the stems a table
	 * of half as many) without a rehash; the key bytes likewise */
	e->kcap = 128 << 10;
	if (!(e->keys = malloc(e->kcap)) ||
	    ts_en_tab_reserve(&e->lex, ts_en_prestem_n + 1024) ||
	    (!compat && ts_en_tab_reserve(&e->stem, ts_en_prestem_n / 2))) {
		rc = ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
		goto fail;
	}
	if ((rc = load_file(e, "en/vader_lexicon.tsv", LK_LEX, d)))
		goto fail;
	if ((compat || (feat & TS_EN_REFLEX)) &&
	    (rc = load_file(e, "en/vader_compat.tsv", LK_LEX, d)))
		goto fail;
	if (!compat && (feat & TS_EN_DUPMEAN) &&
	    (rc = load_file(e, "en/default_overrides.tsv", LK_LEX, d)))
		goto fail;
	if ((rc = load_file(e, "en/boosters.tsv", LK_BOOST, d)) ||
	    (rc = load_file(e, "en/negators.tsv", LK_NEG, d)) ||
	    (rc = load_file(e, "en/special_cases.tsv", LK_SPECIAL, d)) ||
	    (rc = load_file(e, "en/idioms.tsv", LK_IDIOM, d)) ||
	    (rc = load_file(e, "en/emoji.tsv", LK_EMOJI, d)))
		goto fail;
	if ((rc = mark_words(e))) {
		ts_diag_set(d, rc, 0, 0, "out of memory");
		goto fail;
	}
	if (!compat && (feat & TS_EN_PHRASES) && (rc = lower_entries(e))) {
		ts_diag_set(d, rc, 0, 0, "out of memory");
		goto fail;
	}
	/* calloc (pages stay untouched until a token lands in them),
	 * rounded up so that a set is one cache line */
	e->word_mem = calloc(1, EN_WS_SETS * sizeof *e->wshort +
	                            EN_WL_SETS * sizeof *e->wlong + 64);
	if (!e->word_mem) {
		rc = ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
		goto fail;
	}
	e->wshort = (struct en_wshort *)(void *)((char *)e->word_mem +
	                                         (64 - (uintptr_t)e->word_mem % 64));
	e->wlong = (struct en_wlong *)(void *)(e->wshort + EN_WS_SETS);
	e->nvtab = 0;
	(void)vtab_index(e, 0.0); /* vi 0: no valence */
	e->btab[0] = 0;
	e->nbtab = 1;
	if (!compat) {
		e->sb = sb_stemmer_new("english", NULL);
		e->stemc = calloc((size_t)2 * EN_STEMC_SETS, sizeof *e->stemc);
		e->stempre = calloc((size_t)1 << (EN_STEMPRE_BITS - 6),
		                    sizeof *e->stempre);
		if (!e->sb || !e->stemc || !e->stempre) {
			rc = ts_diag_set(d, TS_EDEP, 0, 0,
			                 "cannot create the English stemmer");
			goto fail;
		}
		if ((rc = build_stems(e))) {
			ts_diag_set(d, rc, 0, 0, "out of memory");
			goto fail;
		}
	}
	*out = e;
	return 0;
fail:
	ts_en_free(e);
	return rc;
}

int ts_en_new(ts_en **out, int compat, ts_diag *d)
{
	return en_new(out, compat, TS_EN_DEFAULT, d);
}

int ts_en_new_features(ts_en **out, unsigned features, ts_diag *d)
{
	return en_new(out, 0, features, d);
}

int ts_en_set_features(ts_en *e, unsigned features)
{
	if (e->compat)
		return TS_EINVAL;
	e->feat = features;
	e->gen++; /* cached stem results depend on TS_EN_STEMSELF and
	           * TS_EN_STEMBASE */
	return 0;
}

int ts_en_add_entry(ts_en *e, const char *term, size_t len, double valence)
{
	struct en_ent *x = ts_en_tab_put(e, &e->lex, term, len);

	if (!x)
		return len ? TS_ENOMEM : TS_EINVAL;
	x->flags |= EN_LEX;
	x->val = valence;
	e->gen++; /* cached stem results may now be stale */
	return 0;
}

void ts_en_free(ts_en *e)
{
	if (!e)
		return;
	ts_en_tab_free(&e->lex);
	ts_en_tab_free(&e->phr);
	ts_en_tab_free(&e->stem);
	if (e->sb)
		sb_stemmer_delete(e->sb);
	free(e->stemc);
	free(e->word_mem);
	free(e->stempre);
	free(e->keys);
	free(e->tok);
	free(e->low);
	free(e->sent);
	free(e->ev);
	free(e->nz);
	free(e->hit);
	free(e->has);
	free(e->tmp);
	free(e);
}

/* --------------------------------------------------------- tokenising */

/* Python's str.split() separators outside ASCII. */
static int is_uspace(utf8proc_int32_t c)
{
	return c == 0x85 || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202F || c == 0x205F || c == 0x3000;
}

static int is_aspace(unsigned char c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
}

/* Python's string.punctuation */
static int is_punct(unsigned char c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
	       (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

static size_t count_cp(const char *p, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/* Length of the emoji (plus an optional U+FE0F) starting at p, or 0. */
static size_t emoji_at(const ts_en *e, const char *p, size_t n,
                       utf8proc_int32_t cp, size_t cl)
{
	const struct en_ent *x;

	if (cp < 0x2300)
		return 0;
	x = ts_en_tab_find(e, &e->lex, p, cl, ts_en_hash(p, cl));
	if (!x || !(x->flags & EN_EMOJI))
		return 0;
	if (n >= cl + 3 && (unsigned char)p[cl] == 0xEF &&
	    (unsigned char)p[cl + 1] == 0xB8 && (unsigned char)p[cl + 2] == 0x8F)
		cl += 3;
	return cl;
}

/* Decode HTML entities of one token into e->tmp. */
static int decode_entities(ts_en *e, const char *p, size_t n, size_t *outn)
{
	size_t i = 0, o = 0;

	if (TS_GROW(e->tmp, e->ctmp, n + 1, 64))
		return TS_ENOMEM;
	while (i < n) {
		if (p[i] == '&') {
			static const struct { const char *s; char c; } ent[] = {
				{"&amp;", '&'}, {"&quot;", '"'}, {"&#39;", '\''},
				{"&apos;", '\''}, {"&lt;", '<'}, {"&gt;", '>'},
				{"&#34;", '"'}, {"&#x27;", '\''}, {"&nbsp;", ' '}};
			size_t k;

			for (k = 0; k < sizeof ent / sizeof ent[0]; k++) {
				size_t l = strlen(ent[k].s);

				if (n - i >= l && memcmp(p + i, ent[k].s, l) == 0)
					break;
			}
			if (k < sizeof ent / sizeof ent[0]) {
				e->tmp[o++] = ent[k].c;
				i += strlen(ent[k].s);
				continue;
			}
		}
		e->tmp[o++] = p[i++];
	}
	*outn = o;
	return 0;
}

/* Lower-case [p, p+n) into e->low in one pass that also computes the
 * key's hash (*hash, as ts_en_hash), Python's isupper() of the span, and
 * whether it contains an apostrophe (*apos). Returns 0 or TS_ENOMEM. */
static int lower_into(ts_en *e, const char *p, size_t n, struct en_tok *t,
                      uint64_t *hash, int *apos_out)
{
	size_t i = 0;
	int cased = 0, lower = 0, apos = 0;
	uint64_t h = 1469598103934665603u;
	char *o, *start;

	if (TS_GROW(e->low, e->clow, e->nlow + 4 * n + 4, 64))
		return TS_ENOMEM;
	start = o = e->low + e->nlow;
	while (i < n) {
		unsigned char c = (unsigned char)p[i];

		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z') {
				cased = 1;
				c = (unsigned char)(c + 32);
			} else if (c >= 'a' && c <= 'z') {
				cased = lower = 1;
			}
			*o++ = (char)c;
			h = (h ^ c) * 1099511628211u;
			apos |= c == '\'';
			i++;
		} else {
			utf8proc_int32_t cp, lc;
			utf8proc_ssize_t m = utf8proc_iterate(
			    (const utf8proc_uint8_t *)p + i,
			    (utf8proc_ssize_t)(n - i), &cp);
			utf8proc_category_t cat;
			char *q = o;

			if (m <= 0) { /* invalid byte: copy, not a letter */
				*o++ = (char)c;
				h = (h ^ c) * 1099511628211u;
				i++;
				continue;
			}
			cat = utf8proc_category(cp);
			if (cat == UTF8PROC_CATEGORY_LU) {
				cased = 1;
			} else if (cat == UTF8PROC_CATEGORY_LL ||
			           cat == UTF8PROC_CATEGORY_LT) {
				cased = lower = 1;
			}
			lc = utf8proc_tolower(cp);
			o += utf8proc_encode_char(lc, (utf8proc_uint8_t *)o);
			for (; q < o; q++)
				h = (h ^ (unsigned char)*q) * 1099511628211u;
			i += (size_t)m;
		}
	}
	t->upper = (unsigned char)(cased && !lower);
	*apos_out = apos;
	*hash = h ^ (h >> 29);
	t->lo = e->nlow;
	t->ln = (size_t)(o - start);
	e->nlow += t->ln;
	return 0;
}

static int contains_nt(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i + 3 <= n; i++)
		if (p[i] == 'n' && p[i + 1] == '\'' && p[i + 2] == 't')
			return 1;
	return 0;
}

/* Does p hold a run of 3 or more equal bytes? */
static int has_run3(const char *p, size_t n)
{
	size_t i;

	for (i = 2; i < n; i++)
		if (p[i] == p[i - 1] && p[i] == p[i - 2])
			return 1;
	return 0;
}

/* Collapse runs of 3+ equal letters to `keep` letters, into buf. */
static size_t collapse(const char *p, size_t n, char *buf, size_t keep)
{
	size_t i = 0, o = 0;

	while (i < n) {
		size_t j = i;

		while (j < n && p[j] == p[i])
			j++;
		if (j - i >= 3 && p[i] >= 'a' && p[i] <= 'z') {
			size_t k;

			for (k = 0; k < keep; k++)
				buf[o++] = p[i];
		} else {
			memcpy(buf + o, p + i, j - i);
			o += j - i;
		}
		i = j;
	}
	return o;
}

/* The Snowball stem of p[0..n) when its stem table entry is usable. */
static const struct en_ent *stem_run(const ts_en *e, const char *p, size_t n)
{
	const sb_symbol *st = sb_stemmer_stem(e->sb, (const sb_symbol *)p,
	                                      (int)n);
	const struct en_ent *x;
	const char *key;
	char bk[64];
	size_t kl;
	int sl;

	if (!st)
		return NULL;
	sl = sb_stemmer_length(e->sb);
	if ((e->feat & TS_EN_STEMSELF) && (size_t)sl == n &&
	    memcmp(st, p, n) == 0)
		return NULL; /* the base form itself is not in the lexicon */
	if (sl <= 0)
		return NULL;
	key = (const char *)st;
	kl = (size_t)sl;
	if ((e->feat & TS_EN_STEMBASE) && kl < sizeof bk - 1 && p[n - 1] == 's' &&
	    (kl + 1 == n || (kl + 2 == n && p[n - 2] == 'e')) &&
	    memcmp(st, p, kl) == 0) {
		/* stem + s/es: a plural or third person, whose valence comes
		 * from base forms only ("units" is not "united"): "stem+" */
		memcpy(bk, st, kl);
		bk[kl++] = '+';
		key = bk;
	}
	x = ts_en_tab_find(e, &e->stem, key, kl, ts_en_hash(key, kl));
	return x && (x->flags & EN_STEMOK) ? x : NULL;
}

/* The stem table entry of lower-case p[0..n) (h = ts_en_hash(p, n)) when
 * it has a usable valence, else NULL: cheap filters first, then the
 * cache, then Snowball. A hit in the second way of a set moves to the
 * first; a new word goes first and drops the second. */
static const struct en_ent *stem_entry(const ts_en *e, const char *p,
                                       size_t n, uint64_t h)
{
	struct en_stemc *set, *c;
	const struct en_ent *x;
	uint32_t tag = (uint32_t)(h >> 32);
	size_t w;

	if (n < 4 || !e->sb || !e->stempre)
		return NULL;
	{
		/* the stem keeps the word's first 3 or 4 letters: skip words
		 * whose prefixes start no usable stem */
		size_t b4 = prefix_bit(p, 4);
		size_t b3 = prefix_bit(p, 3);

		if (!(e->stempre[b4 >> 6] & ((uint64_t)1 << (b4 & 63))) &&
		    !(e->stempre[b3 >> 6] & ((uint64_t)1 << (b3 & 63))))
			return NULL;
	}
	if (!is_ascii_word(p, n))
		return NULL;
	if (n > EN_STEMC_KEY)
		return stem_run(e, p, n);
	set = &e->stemc[(h & (EN_STEMC_SETS - 1)) * 2];
	for (w = 0; w < 2; w++) {
		c = &set[w];
		if (c->tag == tag && c->len == n && c->gen == e->gen &&
		    memcmp(c->key, p, n) == 0) {
			if (w) {
				struct en_stemc tmp = set[1];

				set[1] = set[0];
				set[0] = tmp;
			}
			return set[0].ent ? &e->stem.ent[set[0].ent - 1] : NULL;
		}
	}
	x = stem_run(e, p, n);
	set[1] = set[0];
	c = &set[0];
	c->tag = tag;
	c->gen = e->gen;
	c->ent = x ? (uint32_t)(x - e->stem.ent) + 1 : 0;
	c->len = (unsigned char)n;
	memcpy(c->key, p, n);
	return x;
}

/* The lexicon entry that lower-case p[0..n) becomes once its runs of 3+
 * equal letters are collapsed to two, else to one ("sooooo goood" -> so
 * good), or NULL. */
static const struct en_ent *elongated(const ts_en *e, const char *p,
                                      size_t n)
{
	const struct en_ent *x;
	char buf[64];
	size_t m, k;

	if (n < 3 || n >= sizeof buf || !has_run3(p, n))
		return NULL;
	m = collapse(p, n, buf, 2);
	for (k = 2; m != n && k >= 1; k--) {
		if (k == 1)
			m = collapse(p, n, buf, 1);
		x = ts_en_tab_find(e, &e->lex, buf, m, ts_en_hash(buf, m));
		if (x && (x->flags & (EN_LEX | EN_BOOST | EN_NEG)))
			return x;
	}
	return NULL;
}

/* Resolve the lexicon facts of the token just lower-cased (h: its hash;
 * apos: it contains an apostrophe). */
static void classify(ts_en *e, struct en_tok *t, uint64_t h, int apos)
{
	const char *lw = e->low + t->lo;
	const struct en_ent *x = ts_en_tab_find(e, &e->lex, lw, t->ln, h);
	unsigned f = x ? x->flags : 0;

	t->wid = (unsigned char)(x ? x->wid : 0);
	t->phrw = (unsigned char)((f & EN_PHRW) != 0);
	t->has = (unsigned char)((f & EN_LEX) != 0);
	t->val = t->has ? x->val : 0;
	t->isboost = (unsigned char)((f & EN_BOOST) != 0);
	t->boost = t->isboost ? x->boost : 0;
	t->neg = (unsigned char)((f & EN_NEG) || (apos && contains_nt(lw, t->ln)));
	if (e->compat || t->has || t->isboost || t->neg)
		return;
	if ((e->feat & TS_EN_ELONG) && (x = elongated(e, lw, t->ln)) != NULL) {
		/* rewrite the token in place as the entry's key: shorter */
		memcpy(e->low + t->lo, e->keys + x->off, x->len);
		t->ln = x->len;
		t->has = (unsigned char)((x->flags & EN_LEX) != 0);
		t->val = t->has ? x->val : 0;
		t->isboost = (unsigned char)((x->flags & EN_BOOST) != 0);
		t->boost = t->isboost ? x->boost : 0;
		t->neg = (unsigned char)((x->flags & EN_NEG) != 0);
		t->wid = (unsigned char)x->wid;
		t->phrw = (unsigned char)((x->flags & EN_PHRW) != 0);
		return;
	}
	if ((e->feat & TS_EN_STEM) && (x = stem_entry(e, lw, t->ln, h)) != NULL) {
		t->has = 1;
		t->val = x->val;
	}
}

/* 1-2 ASCII letters */
static int short_word(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z')))
			return 0;
	return 1;
}

/* Append token i to e->has. */
static inline int has_push(ts_en *e, size_t i)
{
	if (TS_GROW(e->has, e->chas, e->nhas + 1, 64))
		return TS_ENOMEM;
	e->has[e->nhas++] = i;
	return 0;
}

/* Count the token just filled in (e->tok[e->ntok]) and its facts that
 * ts_en_score() needs over the whole text. */
static int tok_done(ts_en *e, const struct en_tok *t)
{
	if (t->has && has_push(e, e->ntok))
		return TS_ENOMEM;
	e->nupper += t->upper;
	e->wids |= (uint32_t)1 << t->wid;
	e->clause += t->bound; /* the next token's clause */
	e->ntok++;
	return 0;
}


static int add_token(ts_en *e, const char *p, size_t n, int emoji, int amp)
{
	struct en_tok *t;
	size_t ps, pe;
	unsigned char bound = 0;
	uint64_t h;
	int apos;

	if (TS_GROW(e->tok, e->ctok, e->ntok + 1, 64))
		return TS_ENOMEM;
	if (amp && !e->compat && (e->feat & TS_EN_ENTITY) && !emoji &&
	    memchr(p, '&', n)) {
		size_t m;

		if (decode_entities(e, p, n, &m))
			return TS_ENOMEM;
		p = e->tmp;
		n = m;
	}
	ps = 0;
	pe = n;
	if (!emoji) {
		while (ps < pe && is_punct((unsigned char)p[ps]))
			ps++;
		while (pe > ps && is_punct((unsigned char)p[pe - 1]))
			pe--;
		/* 3 code points need at least 3 bytes; 9+ bytes hold 3+ */
		if (pe - ps <= 8 && count_cp(p + ps, pe - ps) <= 2) {
			if (!e->compat) {
				size_t k;

				for (k = pe; k < n; k++)
					if (p[k] == ',' || p[k] == ';' || p[k] == '.' ||
					    p[k] == '!' || p[k] == '?' || p[k] == ':')
						bound = 1;
				/* an emoticon such as :) or :( ends nothing */
				if (pe == ps)
					bound = 0;
			}
			if (!e->compat && (e->feat & TS_EN_SHORT) && pe > ps &&
			    short_word(p + ps, pe - ps)) {
				/* keep the stripped word */
			} else {
				ps = 0;
				pe = n;
			}
		} else if (!e->compat) {
			size_t k;

			for (k = pe; k < n; k++)
				if (p[k] == ',' || p[k] == ';' || p[k] == '.' ||
				    p[k] == '!' || p[k] == '?' || p[k] == ':')
					bound = 1;
		}
	}
	if (!e->compat && (e->feat & TS_EN_NOSINGLE) && count_cp(p, n) <= 1)
		return 0;
	t = &e->tok[e->ntok];
	memset(t, 0, sizeof *t);
	if (lower_into(e, p + ps, pe - ps, t, &h, &apos))
		return TS_ENOMEM;
	t->bound = bound;
	t->clause = e->clause;
	classify(e, t, h, apos);
	return tok_done(e, t);
}

/* Finish a token of n ASCII bytes without '&' that the scan has already
 * lower-cased to e->low + e->nlow and hashed (h, FNV state before the
 * final mix; seen = the CL_* of its bytes OR-ed): the same stripping and
 * clause rules as add_token(), without decoding or copying again. */
static int add_ascii(ts_en *e, size_t n, uint64_t h, unsigned seen)
{
	const unsigned char *w = (const unsigned char *)e->low + e->nlow;
	struct en_tok *t;
	size_t ps = 0, pe = n, k;
	unsigned char bound = 0;
	int apos = (seen & CL_APOS) != 0;

	if (n <= 1 && !e->compat && (e->feat & TS_EN_NOSINGLE))
		return 0;
	if (TS_GROW(e->tok, e->ctok, e->ntok + 1, 64))
		return TS_ENOMEM;
	h ^= h >> 29;
	if (seen & CL_PUNCT) {
		while (ps < pe && (e->cls[w[ps]] & CL_PUNCT))
			ps++;
		while (pe > ps && (e->cls[w[pe - 1]] & CL_PUNCT))
			pe--;
		if (!e->compat && pe > ps)
			for (k = pe; k < n; k++)
				bound |= e->cls[w[k]] & CL_MARK;
		/* the reference strips only words of 3+ letters (ASCII:
		 * bytes); TS_EN_SHORT also strips 1-2 letter words */
		if (pe - ps <= 2 &&
		    !(!e->compat && (e->feat & TS_EN_SHORT) && pe > ps &&
		      short_word((const char *)w + ps, pe - ps))) {
			ps = 0;
			pe = n;
		}
		if (ps != 0 || pe != n) {
			h = ts_en_hash((const char *)w + ps, pe - ps);
			apos = memchr(w + ps, '\'', pe - ps) != NULL;
		}
	}
	t = &e->tok[e->ntok];
	t->facts = 0; /* with the byte after the seven */
	t->lo = e->nlow + ps;
	t->ln = pe - ps;
	/* punctuation is uncased: stripping it does not change isupper() */
	t->upper = (unsigned char)((seen & (CL_UPPER | CL_LOWER)) == CL_UPPER);
	t->bound = bound != 0;
	t->clause = e->clause;
	e->nlow += n;
	classify(e, t, h, apos);
	return tok_done(e, t);
}

/* Occurrences of byte c in p[0..n). Both marks are rare, so memchr's
 * vector scan beats a byte loop (it was 8% of the engine). */
static size_t count_byte(const char *p, size_t n, char c)
{
	const char *q;
	size_t i = 0, k = 0;

	while (i < n && (q = memchr(p + i, c, n - i)) != NULL) {
		k++;
		i = (size_t)(q - p) + 1;
	}
	return k;
}

#define ONES ((uint64_t)0x0101010101010101u)
#define HIGHS ((uint64_t)0x8080808080808080u)

/* The eight bytes of x with A-Z lower-cased (x holds ASCII bytes only,
 * as the key of a token does): what word_miss()'s byte loop does. */
static inline uint64_t lower8(uint64_t x)
{
	uint64_t ge_a = x + ONES * (0x80 - 'A'); /* high bit: byte >= 'A' */
	uint64_t gt_z = x + ONES * (0x80 - 'Z' - 1); /* byte > 'Z' */

	return x | (((ge_a & ~gt_z) & HIGHS) >> 2);
}

/* A key word (the little-endian value of eight bytes) as the word that
 * holds those bytes in memory order, and en_tok.facts in the payload's
 * (little-endian) byte order: both the identity on a little-endian
 * machine. */
static inline uint64_t mem_order(uint64_t x)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

static inline uint64_t facts_le(uint64_t x)
{
	return mem_order(x);
}

/* The index of valence v in e->vtab (the same bits: 0.0 and -0.0 stay
 * apart; a valence is never NaN), added if missing; -1 when it is missing
 * and vtab is full. Through the hash e->vslot: a linear search of the
 * table's ~200 valences was a tenth of a token cache miss. */
_Static_assert(2 * EN_VTAB == 1 << (64 - 54), "vslot: 10 bits of hash");
static int vtab_index(ts_en *e, double v)
{
	uint64_t bits;
	size_t j;

	memcpy(&bits, &v, sizeof bits);
	j = (size_t)((bits * 0x9e3779b97f4a7c15u) >> 54);
	for (;; j = (j + 1) & (2 * EN_VTAB - 1)) {
		unsigned k = e->vslot[j];
		uint64_t b;

		if (!k)
			break;
		memcpy(&b, &e->vtab[k - 1], sizeof b);
		if (b == bits)
			return (int)k - 1;
	}
	if (e->nvtab == EN_VTAB)
		return -1;
	e->vtab[e->nvtab] = v;
	e->vslot[j] = (uint16_t)++e->nvtab;
	return (int)e->nvtab - 1;
}

/* The index of v in tab[0..*n) (== and the same sign: 0.0 and -0.0 stay
 * apart), added if missing; -1 when it is missing and tab is full. */
static int tab_index(double *tab, unsigned *n, unsigned cap, double v)
{
	unsigned k;

	for (k = 0; k < *n; k++)
		if (tab[k] == v && !signbit(tab[k]) == !signbit(v))
			return (int)k;
	if (k == cap)
		return -1;
	tab[(*n)++] = v;
	return (int)k;
}

/* The payload of the token just added (e->tok[e->ntok - 1]) for its n raw
 * bytes (key k0, k1; its lower-case form was written from e->low + start
 * on), or 0 when it cannot be cached: a token whose lower-case form is
 * not its key lower-cased (an elongation rewritten as its entry), or
 * whose valence or booster scalar is missing from a full vtab or btab. */
static uint64_t make_pay(ts_en *e, uint64_t k0, uint64_t k1, size_t n,
                         size_t start)
{
	const struct en_tok *t = &e->tok[e->ntok - 1];
	uint64_t lw[2], f = facts_le(t->facts);
	size_t off = t->lo - start;
	int vi, bi;

	if (off >= n || t->ln > n - off || (f & ~EN_PAY_FACTS))
		return 0;
	lw[0] = mem_order(lower8(k0));
	lw[1] = mem_order(lower8(k1));
	if (memcmp((const char *)lw + off, e->low + t->lo, t->ln) != 0)
		return 0;
	if ((vi = vtab_index(e, t->val)) < 0 ||
	    (bi = tab_index(e->btab, &e->nbtab, EN_BTAB, t->boost)) < 0)
		return 0;
	return f | EN_PAY_MAKE((unsigned)vi, (unsigned)bi, t->ln, off);
}

_Static_assert(sizeof(struct en_wshort) == 64, "a short set is one line");
_Static_assert(sizeof(struct en_wlong) == 128, "a long set is two lines");

/* The set of a token of up to 8 bytes (key k) and of one of 9-16 bytes
 * (the top bits of a product depend on every key bit). */
static inline struct en_wshort *wshort_set(struct en_wshort *ws, uint64_t k)
{
	return &ws[(k * 0x9e3779b97f4a7c15u) >> (64 - EN_WS_BITS)];
}

static inline struct en_wlong *wlong_set(struct en_wlong *wl, uint64_t k0,
                                         uint64_t k1)
{
	uint64_t h = (k0 ^ (k1 * 0x9e3779b97f4a7c15u)) * 0xff51afd7ed558ccdu;

	return &wl[h >> (64 - EN_WL_BITS)];
}

/* Move way w of L one place down to the front as key k, payload p (the
 * ways before it move back one), spelt out: the compiler turned the loop
 * into a memmove() call. */
static inline void wshort_front(struct en_wshort *L, unsigned w, uint64_t k,
                                uint64_t p)
{
	if (w >= 3) {
		L->key[3] = L->key[2];
		L->pay[3] = L->pay[2];
	}
	if (w >= 2) {
		L->key[2] = L->key[1];
		L->pay[2] = L->pay[1];
	}
	if (w >= 1) {
		L->key[1] = L->key[0];
		L->pay[1] = L->pay[0];
	}
	L->key[0] = k;
	L->pay[0] = p;
}

static inline void wlong_front(struct en_wlong *L, unsigned w, uint64_t k0,
                               uint64_t k1, uint64_t p)
{
	if (w >= 3)
		L->w[3] = L->w[2];
	if (w >= 2)
		L->w[2] = L->w[1];
	if (w >= 1)
		L->w[1] = L->w[0];
	L->w[0].key[0] = k0;
	L->w[0].key[1] = k1;
	L->w[0].pay = p;
}

/* Look a token up in its set: 1 and its payload in *pay on a hit, which
 * becomes the set's first way. */
static inline int wshort_get(struct en_wshort *L, uint64_t k, uint64_t *pay)
{
	unsigned w;

	if (L->key[0] == k) {
		*pay = L->pay[0];
		return 1;
	}
	for (w = 1; w < 4; w++)
		if (L->key[w] == k) {
			uint64_t p = L->pay[w];

			wshort_front(L, w, k, p);
			*pay = p;
			return 1;
		}
	return 0;
}

static inline int wlong_get(struct en_wlong *L, uint64_t k0, uint64_t k1,
                            uint64_t *pay)
{
	unsigned w;

	if (L->w[0].key[0] == k0 && L->w[0].key[1] == k1) {
		*pay = L->w[0].pay;
		return 1;
	}
	for (w = 1; w < 4; w++)
		if (L->w[w].key[0] == k0 && L->w[w].key[1] == k1) {
			uint64_t p = L->w[w].pay;

			wlong_front(L, w, k0, k1, p);
			*pay = p;
			return 1;
		}
	return 0;
}

/* Add the ASCII token p[0..n) without '&' (key k0, k1: its first 16
 * bytes as scan_word() gives them) that the token cache does not hold:
 * lower-case, hash and classify it (add_ascii()), then cache the result
 * as the first way of its set (the last way drops out). (Inserting
 * second, so that a token seen once cannot push out one seen twice,
 * measured no better.) Not inlined: the hit path around its call site
 * needs the registers. */
__attribute__((noinline)) static int word_miss(ts_en *e, const char *p, size_t n, uint64_t k0,
                     uint64_t k1)
{
	uint64_t lh = 1469598103934665603u, pay;
	unsigned seen = 0;
	size_t k, ntok = e->ntok, start = e->nlow;
	char *o;
	int rc;

	if (TS_GROW(e->low, e->clow, e->nlow + n + EN_WORD_KEY, 64))
		return TS_ENOMEM;
	o = e->low + e->nlow;
	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)p[k];
		unsigned cl = e->cls[c];

		c = (unsigned char)(c + (cl & CL_UPPER));
		o[k] = (char)c;
		lh = (lh ^ c) * 1099511628211u;
		seen |= cl;
	}
	if ((rc = add_ascii(e, n, lh, seen)) != 0)
		return rc;
	if (n > EN_WORD_KEY || e->ntok == ntok ||
	    (pay = make_pay(e, k0, k1, n, start)) == 0)
		return 0;
	e->word_used = 1;
	if (n <= 8) {
		wshort_front(wshort_set(e->wshort, k0), 3, k0, pay);
	} else {
		wlong_front(wlong_set(e->wlong, k0, k1), 3, k0, k1, pay);
	}
	return 0;
}

/* Up to 8 bytes at p (rem left) as a little-endian word, zero past the
 * end. */
static inline uint64_t load_word(const char *p, size_t rem)
{
	uint64_t x = 0;

	if (rem >= 8) {
		memcpy(&x, p, 8); /* one load */
		return mem_order(x);
	}
	/* the text's last word: byte by byte, as a memcpy() of a variable
	 * length is a library call (one per text) */
	while (rem > 0) {
		rem--;
		x = x << 8 | (unsigned char)p[rem];
	}
	return x;
}

/* The bytes of x that may end an ASCII token get their high bit set:
 * bytes below 0x21 (the spaces, and controls that the caller tells
 * apart), bytes from 0x80 (UTF-8) and '&' (entities). Exact up to the
 * lowest such byte, which is all the caller uses (a borrow can mark a
 * byte above a true one). */
static inline uint64_t stop_bytes(uint64_t x)
{
	uint64_t amp = x ^ (ONES * '&');

	return (((x - ONES * 0x21) & ~x) | ((amp - ONES) & ~amp) | x) & HIGHS;
}

/* The bytes of a word below the first one that m (stop_bytes(), not 0)
 * flags, as a mask: m's lowest set bit is that byte's high bit, so m ^
 * (m - 1) has that bit and all below it, and dropping the stop byte
 * leaves the bytes before it; ((1 << 8k) - 1) for k = ctz(m) / 8 without
 * the shifts by a variable count. */
static inline uint64_t below(uint64_t m)
{
	return (m ^ (m - 1)) >> 8;
}

/* Scan the token that starts at p (rem bytes left) eight bytes at a
 * time: its length in *n and its first 16 bytes, zero-padded, in *k0 and
 * *k1. Returns 1 when it ends at a space or the end of the text; 0 when
 * it ends at UTF-8, '&' or a control character, which the general path
 * handles. */
static inline int scan_word(const unsigned char *cls, const char *p,
                            size_t rem, size_t *n, uint64_t *k0,
                            uint64_t *k1)
{
	uint64_t x = load_word(p, rem), m = stop_bytes(x);
	size_t k;

	*k1 = 0;
	if (m) {
		k = (size_t)__builtin_ctzll(m) / 8;
		*k0 = x & below(m);
		goto end;
	}
	*k0 = x;
	x = load_word(p + 8, rem - 8);
	m = stop_bytes(x);
	if (m) {
		k = (size_t)__builtin_ctzll(m) / 8;
		*k1 = x & below(m);
		k += 8;
		goto end;
	}
	*k1 = x;
	for (k = 16;; k += 8) { /* longer than the key: only its end */
		m = stop_bytes(load_word(p + k, rem - k));
		if (m) {
			k += (size_t)__builtin_ctzll(m) / 8;
			break;
		}
	}
end:
	*n = k;
	return k == rem || (cls[(unsigned char)p[k]] & CL_SPACE);
}

/* The fast path of tokenize(): the run of ASCII words from text + *pos
 * on, each scanned eight bytes at a time and, when the token cache holds
 * it, added from its payload with e's token state kept in locals (a
 * store through a token pointer could alias e's fields). Stops before a
 * byte that starts no such word (a space after a space, UTF-8, '&').
 * When a word turns out to need the general path (its scan ended at
 * UTF-8, '&' or a control character) it sets *gstart to the word's start
 * and *pos to the byte where the scan stopped.
 * The words are scanned EN_BATCH at a time and the cache sets of all of
 * them prefetched before the first is looked up: the tables (4 MiB) are
 * larger than the L2 cache, and waiting on the probe was the largest
 * cost of the engine. */
#define EN_BATCH 32
static int fast_run(ts_en *e, const char *text, size_t len, size_t *pos,
                    size_t *gstart)
{
	/* e->cls, e->vtab and e->btab are read through e: arrays inside
	 * it, at a fixed offset from the one register e takes anyway (as
	 * pointers of their own they were two spilt registers) */
	struct en_wshort *ws = e->wshort;
	struct en_wlong *wl = e->wlong;
	/* 1: a one-byte token is no word (TS_EN_NOSINGLE) */
	size_t skip1 = !e->compat && (e->feat & TS_EN_NOSINGLE);
	int more = 1;
	size_t i = *pos, ntok, ctok, nlow, clause, nupper;
	struct en_tok *tok;
	char *low;
	uint32_t wids;
	int rc = 0;
	/* the batch as one array per field (an index scales by 8 in an
	 * address, a 40-byte struct's did not) */
	uint64_t bk0[EN_BATCH], bk1[EN_BATCH];
	size_t bat[EN_BATCH], bn[EN_BATCH];
	void *bset[EN_BATCH]; /* its set, or NULL: longer than EN_WORD_KEY */

	/* room for the lower-case forms of the rest of the text: a cached
	 * token writes its key (8 or 16 bytes) and keeps at most as many
	 * bytes as it has */
	if (TS_GROW(e->low, e->clow, e->nlow + (len - i) + 64, 64))
		return TS_ENOMEM;
#define TK_IN()                                                          \
	(tok = e->tok, ctok = e->ctok, low = e->low, ntok = e->ntok,      \
	 nlow = e->nlow, clause = e->clause, nupper = e->nupper,           \
	 wids = e->wids)
#define TK_OUT()                                                         \
	(e->ntok = ntok, e->nlow = nlow, e->clause = clause,              \
	 e->nupper = nupper, e->wids = wids)
	TK_IN();
	while (more && !rc) {
		size_t nb = 0, j;

		/* scan a batch and prefetch the sets of its words */
		do {
			uint64_t k0, k1;
			size_t n;

			if (!scan_word(e->cls, text + i, len - i, &n, &k0, &k1)) {
				*gstart = i;
				i += n;
				more = 0;
				break;
			}
			if (n > skip1) { /* n >= 1 here */
				void *set;

				/* k1 is stored (and read) only for a token
				 * of more than 8 bytes */
				if (n <= 8) {
					set = wshort_set(ws, k0);
					__builtin_prefetch(set);
				} else {
					bk1[nb] = k1;
					set = n <= EN_WORD_KEY ? (void *)wlong_set(wl, k0, k1)
					                       : NULL;
					if (set)
						__builtin_prefetch(set);
				}
				bset[nb] = set;
				bk0[nb] = k0;
				bat[nb] = i;
				bn[nb] = n;
				nb++;
			}
			/* and the space after it */
			i += n + (i + n < len);
			if (i >= len || (e->cls[(unsigned char)text[i]] &
			                 (CL_SPACE | CL_HIGH | CL_AMP))) {
				more = 0;
				break;
			}
		} while (nb < EN_BATCH);
		/* then add them, with room for all of them made first (a
		 * miss adds at most its own token) */
		if (ctok - ntok < nb) {
			TK_OUT();
			if ((rc = TS_GROW(e->tok, e->ctok, ntok + nb, 64)) != 0)
				break;
			TK_IN();
		}
		for (j = 0; j < nb; j++) {
			uint64_t k0 = bk0[j], k1 = 0, pay, lw;
			size_t n = bn[j], off, ln;
			struct en_tok *t;

			if (n > 8)
				k1 = bk1[j];
			if (!(bset[j] &&
			      (n <= 8 ? wshort_get(bset[j], k0, &pay)
			              : wlong_get(bset[j], k0, k1, &pay)))) {
				TK_OUT();
				if ((rc = word_miss(e, text + bat[j], n, k0, k1)) != 0)
					break;
				TK_IN();
				continue;
			}
			t = &tok[ntok++];
			t->facts = facts_le(pay & EN_PAY_FACTS);
			t->clause = clause;
			/* Only a token with a role has its lower-case form,
			 * valence and booster scalar read (EN_PAY_FORM): the
			 * others (64% of the cache hits on small.en.txt)
			 * keep whatever those fields held. */
			if (pay & EN_PAY_FORM) {
				/* the key lower-cased; the form starts at off */
				lw = mem_order(lower8(k0));
				memcpy(low + nlow, &lw, 8);
				if (n > 8) {
					lw = mem_order(lower8(k1));
					memcpy(low + nlow + 8, &lw, 8);
				}
				off = EN_PAY_OFF(pay);
				ln = EN_PAY_LN(pay);
				t->lo = nlow + off;
				t->ln = ln;
				nlow += off + ln;
				if (pay & EN_PAY_VB) {
					t->val = e->vtab[EN_PAY_VI(pay)];
					t->boost = e->btab[EN_PAY_BI(pay)];
					if ((pay & 1) && has_push(e, ntok - 1)) {
						rc = TS_ENOMEM;
						break;
					}
				}
				/* a token without EN_PAY_FORM has wid W_NONE,
				 * whose bit nothing reads */
				wids |= (uint32_t)1 << ((pay >> 40) & 31);
			}
			/* tok_done() from the payload's bits */
			nupper += (pay >> 24) & 1;
			clause += (pay >> 32) & 1;
		}
	}
	if (!rc)
		TK_OUT();
#undef TK_IN
#undef TK_OUT
	*pos = i;
	return rc;
}

static int tokenize(ts_en *e, const char *text, size_t len, size_t *nex,
                    size_t *nqm)
{
	size_t i = 0, s = 0, ex = 0, qm = 0;
	int in = 0, amp = 1;

	e->ntok = 0;
	e->nlow = 0;
	e->nupper = 0;
	e->wids = 0;
	e->clause = 0;
	e->nhas = 0;
	while (i < len) {
		unsigned char c = (unsigned char)text[i];

		if (!in && !(e->cls[c] & (CL_SPACE | CL_HIGH | CL_AMP))) {
			/* fast path for ASCII words */
			size_t gs = len;

			if (fast_run(e, text, len, &i, &gs))
				return TS_ENOMEM;
			if (gs < len) {
				/* UTF-8, an entity or a control character:
				 * the general path below takes the token
				 * over from where the scan stopped */
				in = 1;
				s = gs;
				amp = 1;
			}
			continue;
		}
		if (c < 0x80) {
			if (is_aspace(c)) {
				if (in && add_token(e, text + s, i - s, 0, amp))
					return TS_ENOMEM;
				in = 0;
				i++;
				continue;
			}
			if (!in) {
				in = 1;
				s = i;
				amp = 0;
			}
			/* the rest of an ASCII word in a tight loop */
			amp |= c == '&';
			i++;
			while (i < len && (c = (unsigned char)text[i]) < 0x80 &&
			       !is_aspace(c)) {
				amp |= c == '&';
				i++;
			}
		} else {
			utf8proc_int32_t cp;
			utf8proc_ssize_t m = utf8proc_iterate(
			    (const utf8proc_uint8_t *)text + i,
			    (utf8proc_ssize_t)(len - i), &cp);
			size_t el;

			if (m <= 0) {
				if (!in) {
					in = 1;
					s = i;
				}
				amp = 1;
				i++;
				continue;
			}
			if (e->stop_han && ts_en_is_han(cp))
				return EN_HAN;
			if (is_uspace(cp)) {
				if (in && add_token(e, text + s, i - s, 0, amp))
					return TS_ENOMEM;
				in = 0;
				i += (size_t)m;
				continue;
			}
			el = emoji_at(e, text + i, len - i, cp, (size_t)m);
			if (el) {
				if (in && add_token(e, text + s, i - s, 0, amp))
					return TS_ENOMEM;
				in = 0;
				if (add_token(e, text + i, (size_t)m, 1, 0))
					return TS_ENOMEM;
				i += el;
				continue;
			}
			if (!in) {
				in = 1;
				s = i;
			}
			amp = 1; /* not tracked for non-ASCII words: memchr decides */
			i += (size_t)m;
		}
	}
	if (in && add_token(e, text + s, len - s, 0, amp))
		return TS_ENOMEM;
	/* counted over the whole text, as the reference does (at the end:
	 * a text with Han has left by now) */
	ex = count_byte(text, len, '!');
	qm = count_byte(text, len, '?');
	*nex = ex;
	*nqm = qm;
	return 0;
}

/* ------------------------------------------------------------- rules */

#define LW(i) (e->low + e->tok[i].lo)
#define LN(i) (e->tok[i].ln)

#define IS(i, w) (e->tok[i].wid == (w))

static void event(ts_en *e, size_t owner, size_t mod, int kind, double amt)
{
	struct en_ev *v;

	if (!e->want_ev)
		return;
	if (TS_GROW(e->ev, e->cev, e->nev + 1, 64))
		return; /* evidence is best effort under memory pressure */
	v = &e->ev[e->nev++];
	v->owner = owner;
	v->mod = mod;
	v->kind = kind;
	v->amt = amt;
}

static double scalar_inc_dec(ts_en *e, size_t j, double valence,
                             int capdiff)
{
	const struct en_tok *t = &e->tok[j];
	double scalar = 0.0;

	if (t->isboost) {
		scalar = t->boost;
		if (valence < 0)
			scalar *= -1;
		if (t->upper && capdiff) {
			if (valence > 0)
				scalar += C_INCR;
			else
				scalar -= C_INCR;
		}
	}
	return scalar;
}

static int is_so_this(const ts_en *e, size_t i)
{
	return IS(i, W_SO) || IS(i, W_THIS);
}

/* The negation factor: VADER's N_SCALAR, or with TS_EN_NEGSHIFT a weaker
 * one for negative words ("not bad" is only mildly positive). */
static double nscal(const ts_en *e, double v)
{
	if (!e->compat && (e->feat & TS_EN_NEGSHIFT) && v < 0)
		return NEG_NEGF;
	return N_SCALAR;
}

/* May the modifier at token j act on token i? (TS_EN_NEGSTOP: not across
 * a clause boundary.) */
static int same_clause(const ts_en *e, size_t j, size_t i)
{
	return e->compat || !(e->feat & TS_EN_NEGSTOP) ||
	       e->tok[j].clause == e->tok[i].clause;
}

static double negation_check(ts_en *e, double v, size_t k, size_t i)
{
	int fix = !e->compat && (e->feat & TS_EN_SOTHIS);

	if (!same_clause(e, i - (k + 1), i))
		return v;

	if (k == 0) {
		if (e->tok[i - 1].neg) {
			v *= nscal(e, v);
			event(e, i, i - 1, EV_NEG, N_SCALAR);
		}
	} else if (k == 1) {
		if (IS(i - 2, W_NEVER) && is_so_this(e, i - 1)) {
			v *= 1.25;
			event(e, i, i - 2, EV_X125, 1.25);
		} else if (IS(i - 2, W_WITHOUT) && IS(i - 1, W_DOUBT)) {
			/* "without doubt" does not negate */
		} else if (e->tok[i - 2].neg) {
			v *= nscal(e, v);
			event(e, i, i - 2, EV_NEG, N_SCALAR);
		}
	} else {
		/* The reference's "never so/this" test reads
		 * A and B or C: any "so"/"this" right before the word
		 * multiplies it by 1.25. TS_EN_SOTHIS keeps only A and B. */
		if ((IS(i - 3, W_NEVER) && is_so_this(e, i - 2)) ||
		    (!fix && is_so_this(e, i - 1))) {
			v *= 1.25;
			event(e, i, IS(i - 3, W_NEVER) ? i - 3 : i - 1,
			      EV_X125, 1.25);
		} else if (IS(i - 3, W_WITHOUT) &&
		           (IS(i - 2, W_DOUBT) || IS(i - 1, W_DOUBT))) {
			/* not a negation */
		} else if (e->tok[i - 3].neg) {
			v *= nscal(e, v);
			event(e, i, i - 3, EV_NEG, N_SCALAR);
		}
	}
	return v;
}

/* The phrase made of tokens i+off[0] .. i+off[m-1], or NULL. Looked up
 * only when every token occurs in some phrase entry. */
static const struct en_ent *phrase_at(const ts_en *e, size_t i,
                                      const signed char *off, size_t m)
{
	const char *p[3];
	size_t l[3], k;

	for (k = 0; k < m; k++) {
		size_t j = (size_t)((long long)i + off[k]);

		if (!e->tok[j].phrw)
			return NULL;
		p[k] = LW(j);
		l[k] = LN(j);
	}
	return ts_en_phrase(e, p, l, m);
}

/* The reference's _special_idioms_check (called with i >= 3). */
static double special_idioms(ts_en *e, double v, size_t i, size_t n)
{
	/* (i-1,i) (i-2,i-1,i) (i-2,i-1) (i-3,i-2,i-1) (i-3,i-2), first wins */
	static const signed char seq[5][4] = {
		{2, -1, 0, 0}, {3, -2, -1, 0}, {2, -2, -1, 0},
		{3, -3, -2, -1}, {2, -3, -2, 0}};
	/* phrases starting at the word: (i,i+1) then (i,i+1,i+2) */
	static const signed char fwd[2][4] = {{2, 0, 1, 0}, {3, 0, 1, 2}};
	/* multi-word dampeners ("kind of") before the word:
	 * (i-3,i-2,i-1) (i-3,i-2) (i-2,i-1) */
	static const signed char ng[3][4] = {
		{3, -3, -2, -1}, {2, -3, -2, 0}, {2, -2, -1, 0}};
	const struct en_ent *x;
	size_t s, j, nphr = 0;

	/* every pattern needs two words of tokens i-3 .. i+2 that occur in
	 * phrase entries: most sentiment words have fewer, and skip the ten
	 * look-ups */
	for (j = i - 3; j < n && j <= i + 2; j++)
		nphr += e->tok[j].phrw;
	if (nphr < 2)
		return v;
	for (s = 0; s < 5; s++) {
		x = phrase_at(e, i, seq[s] + 1, (size_t)seq[s][0]);
		if (x && (x->flags & EN_SPECIAL)) {
			v = x->spec;
			event(e, i, i, EV_SPECIAL, v);
			break;
		}
	}
	for (s = 0; s < 2; s++) {
		if (n - 1 <= i + s)
			break;
		x = phrase_at(e, i, fwd[s] + 1, (size_t)fwd[s][0]);
		if (x && (x->flags & EN_SPECIAL)) {
			v = x->spec;
			event(e, i, i, EV_SPECIAL, v);
		}
	}
	for (s = 0; s < 3; s++) {
		x = phrase_at(e, i, ng[s] + 1, (size_t)ng[s][0]);
		if (x && (x->flags & EN_BOOST)) {
			v += x->boost;
			event(e, i, i - (s == 2 ? 2 : 3), EV_BOOST, x->boost);
		}
	}
	return v;
}

static double least_check(ts_en *e, double v, size_t i)
{
	if (i > 1 && !e->tok[i - 1].has && IS(i - 1, W_LEAST)) {
		if (!IS(i - 2, W_AT) && !IS(i - 2, W_VERY)) {
			v *= nscal(e, v);
			event(e, i, i - 1, EV_LEAST, N_SCALAR);
		}
	} else if (i > 0 && !e->tok[i - 1].has && IS(i - 1, W_LEAST)) {
		v *= nscal(e, v);
		event(e, i, i - 1, EV_LEAST, N_SCALAR);
	}
	return v;
}

/* The valence of token i after every word-level rule. */
static double valence_of(ts_en *e, size_t i, size_t n, int capdiff,
                         long lastneg)
{
	const struct en_tok *t = &e->tok[i];
	double v = t->val;
	size_t k;

	int nonear = !e->compat && (e->feat & TS_EN_NONEAR);

	if (IS(i, W_NO) && i != n - 1 && e->tok[i + 1].has)
		v = 0.0;
	if ((i > 0 && IS(i - 1, W_NO) && same_clause(e, i - 1, i)) ||
	    (!nonear && i > 1 && IS(i - 2, W_NO) &&
	     same_clause(e, i - 2, i)) ||
	    (!nonear && i > 2 && IS(i - 3, W_NO) &&
	     same_clause(e, i - 3, i) &&
	     (IS(i - 1, W_OR) || IS(i - 1, W_NOR)))) {
		size_t j = IS(i - 1, W_NO) ? i - 1
		           : (i > 1 && IS(i - 2, W_NO)) ? i - 2 : i - 3;

		v = t->val * nscal(e, t->val);
		event(e, i, j, EV_NO, N_SCALAR);
	}
	if (t->upper && capdiff) {
		double c = v > 0 ? C_INCR : -C_INCR;

		v += c;
		event(e, i, i, EV_CAPS, c);
	}
	for (k = 0; k < 3; k++) {
		if (i > k && !e->tok[i - (k + 1)].has) {
			double s = scalar_inc_dec(e, i - (k + 1), v, capdiff);

			if (k == 1 && s != 0)
				s = s * 0.95;
			if (k == 2 && s != 0)
				s = s * 0.9;
			v = v + s;
			if (s != 0)
				event(e, i, i - (k + 1), EV_BOOST, s);
			v = negation_check(e, v, k, i);
			if (k == 2)
				v = special_idioms(e, v, i, n);
		}
	}
	v = least_check(e, v, i);
	/* default mode: a negator earlier in the same clause, beyond the
	 * three-word window */
	if (lastneg >= 0 && i - (size_t)lastneg > 3) {
		v *= nscal(e, v);
		event(e, i, (size_t)lastneg, EV_NEG, N_SCALAR);
	}
	return v;
}

#define CONTRAST_WORDS                                                   \
	(1u << W_BUT | 1u << W_HOWEVER | 1u << W_YET | 1u << W_EXCEPT |   \
	 1u << W_ALTHOUGH | 1u << W_THOUGH)

static int is_contrast(const ts_en *e, size_t i)
{
	return (CONTRAST_WORDS >> e->tok[i].wid) & 1;
}

/* The reference's _but_check, including its slip: each value is looked up
 * by equality (list.index), so with repeated values the first equal one
 * is scaled instead. Zeros never change and never equal a non-zero value,
 * so only the non-zero slots (listed in e->nz) take part: quadratic in the
 * number of sentiment words, as the reference; past EN_BUT_EXACT of them
 * the position-based rule is used so that huge texts stay linear. */
#define EN_BUT_EXACT 4096
static int but_compat(ts_en *e, size_t n, size_t bi)
{
	double *s = e->sent;
	size_t k, j, m = 0;

	if (TS_GROW(e->nz, e->cnz, n, 64))
		return TS_ENOMEM;
	/* only the slots of e->hit are set; the others count as 0 */
	for (k = 0; k < e->nhit; k++)
		if (s[e->hit[k]] != 0)
			e->nz[m++] = e->hit[k];
	for (k = 0; k < m; k++) {
		size_t pk = e->nz[k], pj = pk;
		double x = s[pk];

		if (m <= EN_BUT_EXACT) {
			for (j = 0; j < k; j++)
				if (s[e->nz[j]] == x)
					break;
			pj = e->nz[j];
		}
		if (pj < bi)
			s[pj] = x * 0.5;
		else if (pj > bi)
			s[pj] = x * 1.5;
	}
	return 0;
}

/* The valence of token i before the contrast rules (ln: the last negator
 * of the clause for TS_EN_NEGCLAUSE, else -1; idioms: TS_EN_IDIOMS). */
static double token_valence(ts_en *e, size_t i, size_t n, int capdiff,
                            long ln, int idioms)
{
	const struct en_tok *t = &e->tok[i];

	if (t->isboost)
		return 0;
	if (i + 1 < n && IS(i, W_KIND) && IS(i + 1, W_OF))
		return 0;
	if (t->has)
		return valence_of(e, i, n, capdiff, ln);
	if (idioms && i > 0 && t->phrw) {
		static const signed char two[2] = {-1, 0};
		static const signed char three[3] = {-2, -1, 0};
		const struct en_ent *x = phrase_at(e, i, two, 2);

		if (!(x && (x->flags & EN_IDIOM)) && i > 1)
			x = phrase_at(e, i, three, 3);
		if (x && (x->flags & EN_IDIOM))
			return x->spec2;
	}
	return 0;
}

/* ------------------------------------------------------------ evidence */

/* Start the item "term=" (after a ';' unless the buffer is empty or
 * ends in one) with room for a value of up to ITEM_VAL bytes, which the
 * caller writes at the returned pointer and ends with item_end(); NULL
 * when out of memory. The value is formatted in place, not copied: a sign,
 * a multiplication sign and ts_fmt2(). */
#define ITEM_VAL (3 + TS_FMT2_MAX)

/* memcpy() of a term: most are short, and a call of variable length was
 * a third of an evidence item's cost. Reads only s[0..n). */
static inline void copy_term(char *d, const char *s, size_t n)
{
	if (n >= 8 && n <= 16) {
		uint64_t a, z;

		memcpy(&a, s, 8);
		memcpy(&z, s + n - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + n - 8, &z, 8);
	} else if (n >= 4 && n < 8) {
		uint32_t a, z;

		memcpy(&a, s, 4);
		memcpy(&z, s + n - 4, 4);
		memcpy(d, &a, 4);
		memcpy(d + n - 4, &z, 4);
	} else if (n > 0 && n < 4) {
		d[0] = s[0];
		d[n / 2] = s[n / 2];
		d[n - 1] = s[n - 1];
	} else if (n > 16) {
		memcpy(d, s, n);
	}
}

static char *item_start(ts_buf *b, const char *term, size_t tl)
{
	char *o;

	if (ts_buf_grow(b, tl + 2 + ITEM_VAL))
		return NULL;
	o = b->data + b->len;
	if (b->len && b->data[b->len - 1] != ';')
		*o++ = ';';
	copy_term(o, term, tl);
	o += tl;
	*o++ = '=';
	return o;
}

static void item_end(ts_buf *b, char *o)
{
	*o = '\0';
	b->len = (size_t)(o - b->data);
}

/* The item "term=" + the number v: with a '+' before a non-negative
 * one when sign is set, after `pre` (a multiplication sign) if given. */
static int add_num(ts_buf *b, const char *term, size_t tl, int times,
                   int sign, double v)
{
	char *o = item_start(b, term, tl);

	if (!o)
		return TS_ENOMEM;
	if (times) {   /* U+00D7, the multiplication sign */
		*o++ = '\xC3';
		*o++ = '\x97';
	}
	if (sign && v >= 0)
		*o++ = '+';
	o = ts_fmt2(o, v);
	item_end(b, o);
	return 0;
}

/* The item "term=word" for a fixed word. */
static int add_word_item(ts_buf *b, const char *term, size_t tl,
                         const char *word, size_t wl)
{
	char *o = item_start(b, term, tl);

	if (!o)
		return TS_ENOMEM;
	memcpy(o, word, wl);
	item_end(b, o + wl);
	return 0;
}

static int write_evidence(ts_en *e, ts_buf *b, size_t n, size_t contrast,
                          double cw, double amp, size_t nex, size_t nqm,
                          double sum)
{
	size_t h, i, ev = 0;
	int any = 0, rc;

	/* only the tokens that got a valence can carry items */
	for (h = 0; h < e->nhit; h++) {
		size_t first;

		i = e->hit[h];
		while (ev < e->nev && e->ev[ev].owner < i)
			ev++;
		first = ev;
		while (ev < e->nev && e->ev[ev].owner == i)
			ev++;
		if (e->sent[i] == 0)
			continue;
		for (; first < ev; first++) {
			const struct en_ev *x = &e->ev[first];

			switch (x->kind) {
			case EV_BOOST:
				rc = add_num(b, LW(x->mod), LN(x->mod), 0, 1,
				             x->amt);
				break;
			case EV_NEG:
			case EV_NO:
			case EV_LEAST:
				rc = add_word_item(b, LW(x->mod), LN(x->mod), "neg", 3);
				break;
			case EV_X125:
				rc = add_word_item(b, LW(x->mod), LN(x->mod),
				                   "\xC3\x97" "1.25", 6);
				break;
			case EV_CAPS:
				rc = add_num(b, "CAPS", 4, 0, 1, x->amt);
				break;
			default:
				rc = 0;
				break;
			}
			if (rc)
				return rc;
		}
		if (add_num(b, LW(i), LN(i), 0, 0, e->sent[i]))
			return TS_ENOMEM;
		any = 1;
	}
	if (any && contrast < n &&
	    add_num(b, LW(contrast), LN(contrast), 1, 0, cw))
		return TS_ENOMEM;
	if (sum != 0 && amp != 0) {
		double epa = (double)(nex > 4 ? 4 : nex) * 0.292;
		double qma = amp - epa;

		if (epa != 0 && add_num(b, "!", 1, 0, 1, epa))
			return TS_ENOMEM;
		if (nqm > 1 && qma > 0 && add_num(b, "?", 1, 0, 1, qma))
			return TS_ENOMEM;
	}
	return 0;
}

/* --------------------------------------------------------------- score */

/* ts_en_score(), or EN_HAN as soon as a Han character shows up when
 * stop_han is set. */
static int en_score(ts_score *out, ts_en *e, const char *text, size_t len,
                    ts_buf *evidence, int stop_han)
{
	size_t n, i, k, nex = 0, nqm = 0, allcap = 0, contrast;
	size_t cstart = 0, cend = 0;
	int capdiff, rc, negclause, idioms;
	double sum = 0, amp = 0, pos_sum = 0, neg_sum = 0, total, cw = 1.5;
	size_t neu = 0;
	long lastneg = -1;
	uint32_t wids;

	memset(out, 0, sizeof *out);
	if (!text && len)
		return TS_EINVAL;
	e->want_ev = evidence != NULL;
	e->nev = 0;
	e->stop_han = stop_han;
	if (e->word_gen != e->gen) {
		/* the lexicon or the features changed: forget every token
		 * (once per change, not per probe; an unused cache is not
		 * touched) */
		if (e->word_used) {
			memset(e->wshort, 0, EN_WS_SETS * sizeof *e->wshort);
			memset(e->wlong, 0, EN_WL_SETS * sizeof *e->wlong);
		}
		e->word_used = 0;
		e->word_gen = e->gen;
	}
	if ((rc = tokenize(e, text, len, &nex, &nqm)))
		return rc;
	n = e->ntok;
	if (n == 0)
		return 0;
	if (TS_GROW(e->sent, e->csent, n, 64) ||
	    TS_GROW(e->hit, e->chit, n, 64))
		return TS_ENOMEM;
	e->nhit = 0;
	allcap = e->nupper;
	wids = e->wids;
	capdiff = n - allcap > 0 && n - allcap < n;
	/* loop invariants, read once (the stores below may alias e) */
	negclause = !e->compat && (e->feat & TS_EN_NEGCLAUSE);
	idioms = !e->compat && (e->feat & TS_EN_IDIOMS);

	/* e->sent[i] is set only for the tokens listed in e->hit (those with
	 * a non-zero valence); every later step reads only those */
	if (!negclause && !idioms) {
		/* the default: only lexicon words can get a valence, and no
		 * rule needs the other tokens visited */
		const uint64_t near = e->role_near, self = e->role_self;
		size_t h;

		/* through the list of lexicon words that the tokeniser
		 * made, not a test of every token */
		for (h = 0; h < e->nhas; h++) {
			const struct en_tok *t;
			uint64_t f;
			double v;

			i = e->has[h];
			t = &e->tok[i];
			/* No rule acts on a word that is no booster, word
			 * the rules test for or phrase word, has no CAPS
			 * emphasis, and follows three tokens that are none
			 * of these nor negators: its valence is its own (most
			 * sentiment words; valence_of() is ~300
			 * instructions). */
			f = (i > 0 ? t[-1].facts : 0) | (i > 1 ? t[-2].facts : 0) |
			    (i > 2 ? t[-3].facts : 0);
			if (!(f & near) && !(t->facts & self) &&
			    !(t->upper && capdiff))
				v = t->val;
			else
				v = token_valence(e, i, n, capdiff, -1, 0);
			e->sent[i] = v;
			if (v != 0)
				e->hit[e->nhit++] = i;
		}
	} else {
		for (i = 0; i < n; i++) {
			const struct en_tok *t = &e->tok[i];
			double v;

			/* no valence and no clause to follow: nothing to do */
			if (!t->has && !negclause && !(idioms && t->phrw))
				continue;
			v = token_valence(e, i, n, capdiff, negclause ? lastneg : -1,
			                  idioms);
			e->sent[i] = v;
			if (v != 0)
				e->hit[e->nhit++] = i;
			if (negclause) {
				if (t->neg)
					lastneg = (long)i;
				if (t->bound || is_contrast(e, i))
					lastneg = -1;
			}
		}
	}

	/* contrast (skipped when no token is a contrast word) */
	contrast = n;
	if (!(wids & CONTRAST_WORDS)) {
		/* nothing to reweight */
	} else if (e->compat) {
		for (i = 0; i < n; i++)
			if (IS(i, W_BUT))
				break;
		if (i < n) {
			contrast = i;
			if (but_compat(e, n, i))
				return TS_ENOMEM;
		}
	} else {
		for (i = 0; i < n; i++)
			if (IS(i, W_BUT) ||
			    ((e->feat & TS_EN_CONTRAST) && is_contrast(e, i)))
				break;
		contrast = i;
		if (i < n && (IS(i, W_ALTHOUGH) || IS(i, W_THOUGH))) {
			/* the clause it opens is the concession */
			cstart = i;
			for (cend = i; cend < n && !e->tok[cend].bound; cend++)
				;
			for (k = 0; k < e->nhit; k++) {
				i = e->hit[k];
				e->sent[i] *= (i >= cstart && i <= cend) ? 0.5 : 1.5;
			}
			cw = 0.5;
		} else if (i < n && !(e->feat & TS_EN_BUTFIX)) {
			if (but_compat(e, n, i))
				return TS_ENOMEM;
		} else if (i < n) {
			for (k = 0; k < e->nhit; k++) {
				i = e->hit[k];
				if (i < contrast)
					e->sent[i] *= 0.5;
				else if (i > contrast)
					e->sent[i] *= 1.5;
			}
		}
	}

	/* the sums over the tokens that got a valence: the others hold
	 * (signed) zeros, which change no sum */
	neu = n - e->nhit;
	for (k = 0; k < e->nhit; k++) {
		double s = e->sent[e->hit[k]];

		sum += s;
		if (s > 0)
			pos_sum += s + 1;
		if (s < 0)
			neg_sum += s - 1;
		if (s == 0)
			neu++;
	}
	{
		size_t ep = nex > 4 ? 4 : nex;
		double epa = (double)ep * 0.292, qma = 0;

		if (nqm > 1)
			qma = nqm <= 3 ? (double)nqm * 0.18 : 0.96;
		amp = epa + qma;
	}
	if (sum > 0)
		sum += amp;
	else if (sum < 0)
		sum -= amp;
	{
		double alpha = 15;
		double c = sum / sqrt(sum * sum + alpha);

		out->compound = c < -1.0 ? -1.0 : c > 1.0 ? 1.0 : c;
	}
	if (pos_sum > fabs(neg_sum))
		pos_sum += amp;
	else if (pos_sum < fabs(neg_sum))
		neg_sum -= amp;
	total = pos_sum + fabs(neg_sum) + (double)neu;
	out->pos = fabs(pos_sum / total);
	out->neg = fabs(neg_sum / total);
	out->neu = fabs((double)neu / total);

	if (evidence) {
		rc = write_evidence(e, evidence, n, contrast, cw, amp, nex, nqm,
		                    sum);
		if (rc)
			return rc;
	}
	return 0;
}

int ts_en_score(ts_score *out, ts_en *e, const char *text, size_t len,
                ts_buf *evidence)
{
	return en_score(out, e, text, len, evidence, 0);
}

int ts_en_score_unless_han(ts_score *out, ts_en *e, const char *text,
                           size_t len, ts_buf *evidence, int *han)
{
	int rc = en_score(out, e, text, len, evidence, 1);

	*han = rc == EN_HAN;
	if (*han)
		memset(out, 0, sizeof *out);
	return *han ? 0 : rc;
}

int ts_en_lookup(const ts_en *e, const char *word, size_t len,
                 double *valence)
{
	char buf[128];
	size_t i;
	const struct en_ent *x;
	uint64_t h;

	if (!word || len == 0 || len >= sizeof buf)
		return 0;
	for (i = 0; i < len; i++) {
		char c = word[i];

		buf[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	h = ts_en_hash(buf, len);
	x = ts_en_tab_find(e, &e->lex, buf, len, h);
	if (x && (x->flags & EN_LEX)) {
		*valence = x->val;
		return 1;
	}
	if (e->compat || !(e->feat & TS_EN_STEM))
		return 0;
	x = stem_entry(e, buf, len, h);
	if (!x)
		return 0;
	*valence = x->val;
	return 1;
}
