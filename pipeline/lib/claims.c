/* claims.c - stage 2: direct quotations with speakers, reported and hedged
 * claims, quantities and check-worthiness (see include/tonesift/claims.h).
 * Patterns and word lists are data (lexicons/claims/, README.md there);
 * this file holds the quotation scanner, speaker walking and trimming, the
 * per-document state and the logistic check-worthiness formula. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "claims_int.h"
#include "number.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum role { R_BEFORE, R_AFTER, R_REPORT, R_HEDGE, R_SUPER, R_COMPAR, R_TERM,
            R_NROLES };
static const char *const role_names[R_NROLES] = {
	"before", "after", "report", "hedge", "superlative", "comparative",
	"term"};
enum lang { L_ZH, L_EN };

#define WIN 240          /* bytes of context for speaker phrases */
#define SEARCH_BEFORE 96 /* bytes before a mark the cue patterns search:
                          * cue, adverbials and colon fit; the speaker is
                          * then walked back within WIN */
#define SEARCH_AFTER 150 /* bytes after a closing mark searched */
#define MAXDEPTH 16      /* nesting of quotation marks tracked */
#define GKEY 3           /* bytes of a gate literal the index keys on */
#define GFILTER_BITS 16384 /* entries of the gate index pre-filter */
#define GHEADS 1024      /* buckets of the gate index */
#define LOG1P_TAB 256    /* counts whose log1p is a table lookup */
#define MARKCAP 128      /* mark positions prescan() records per row */
#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 2000

struct pattern {
	int role, lang;
	char *src;         /* regex as written (with {list} references) */
	char *file;        /* where it came from, for diagnostics */
	size_t line;
	char *gate;        /* '|'-separated literals, one must occur; or NULL */
	struct glit {      /* gate literals, {list} expanded (compile_all) */
		const char *ptr;
		size_t len;
		long lid;  /* entry in the gate index, -1 when shorter than
		            * GKEY bytes (searched per row instead) */
		size_t grp; /* group ("&&"-separated) it belongs to */
	} *glit;           /* NULL = no gate */
	size_t ngate;      /* number of literals */
	size_t ngroups;    /* groups; each needs one of its literals */
	size_t unit0;      /* gate unit (bit in gopen) of group 0 */
	pcre2_code *re;
	int jit;           /* 1: JIT compiled, run with pcre2_jit_match();
	                    * -1: JIT failed, the interpreter; 0: not yet
	                    * (compiled on the first match: most patterns of
	                    * one language never run on the other's text) */
	pcre2_code *re_lead; /* the same, anchored, when every match starts
	                    * with a literal of the gate (lead_gate()): tried
	                    * only where one occurs (run_lead()); or NULL */
	int jit_lead;      /* as jit, for re_lead */
	int g_speaker, g_cue; /* group numbers, -1 when absent */
	int tag;           /* TAG_*: a presence-only pattern that C decides
	                    * on most texts (tag_match), 0 = none */
};

/* The built-in patterns that tag_match() knows, as expanded: a pattern
 * is decided in C only when its text is exactly one of these (edited
 * patterns lose the fast path, not their meaning). */
enum { TAG_SUPER_EN = 1, TAG_COMPAR_EN = 2 };
static const char tag_super_en[] =
	"(?i)\\b(?:the\\s+(?:best|worst|most|least|largest|biggest|highest|"
	"lowest|fastest|greatest|smallest|strongest|weakest|cheapest|richest|"
	"poorest|oldest|youngest|first-ever)|best|worst|record[- ](?:high|low)|"
	"all-time)\\b";
static const char tag_compar_en[] =
	"(?i)\\b(?:worse|more|less)\\s+than\\b|(?<=\\w{3})er\\s+than\\b|"
	"\\b(?:outperform|outpac|surpass)";

/* Word lists the C code consults, resolved once per compile. */
enum known_list {
	K_DET_EN,
	K_GROUP_EN,
	K_GROUP_ZH,
	K_HEDGE_ZH,
	K_LEAD_ZH,
	K_PREP_EN,
	K_PRONOUN_EN,
	K_PRONOUN_ZH,
	K_SPEECHNOUN_ZH,
	K_STOP_EN,
	K_TITLE_EN,
	K_TITLE_ZH,
	K_VERBSTART_ZH,
	K_ADVTAIL_ZH,
	K_ADVPREP_ZH,
	K_SURNAME_ZH,
	K_SRCNOUN_ZH,
	K_CUE_EN,
	K_COUNT
};
static const char *const known_names[K_COUNT] = {
	"det.en",
	"group.en",
	"group.zh",
	"hedge.zh",
	"lead.zh",
	"prep.en",
	"pronoun.en",
	"pronoun.zh",
	"speechnoun.zh",
	"stop.en",
	"title.en",
	"title.zh",
	"verbstart.zh",
	"advtail.zh",
	"advprep.zh",
	"surname.zh",
	"srcnoun.zh",
	"cue.en",
};

struct wlist {
	char *name;
	char **w;
	size_t *wl;
	size_t *wline;          /* line the word came from ... */
	unsigned *wgen;         /* ... in which loaded file (c->gen) */
	size_t n, cap;
	size_t maxlen;          /* longest word */
	long *hidx;             /* hash of the words (ASCII case folded):
	                         * index into w, -1 empty; built by
	                         * compile_all() */
	size_t hcap;            /* power of two */
	uint64_t lens;          /* bit L set when a word has L bytes (L<64) */
	unsigned char first[256]; /* 1 when a word starts with this byte
	                         * (either ASCII case) */
	uint64_t pre[16];       /* bit pre_hash() of the first three bytes
	                         * (ASCII lower-cased) of every word of three
	                         * or more bytes, of both bytes of every word
	                         * of two (wl_index) */
	int has1, has2;         /* a word of one byte, of two bytes */
};

struct pair {
	char open[8], close[8];
	size_t olen, clen;
	int sym;           /* same mark both sides */
	int family;        /* 1 double, 2 single: “ may close with " */
};

struct rowspan {     /* one output row, as offsets into the arena */
	size_t sp_off, sp_len, cue_off, cue_len, q_off, q_len, su_off, su_len;
	int deferred;        /* a pronoun the state resolves (ts_claims_deferred) */
};

struct qspan {
	size_t open, cstart, cend, close_end;
	int closed, term, from_after;
	size_t sp_off, sp_len, cue_off, cue_len; /* in text; sp from arena
	                                          * when sp_arena */
	int sp_arena, cue_arena, has_speaker;
	size_t surf_off, surf_len;
};

/* The parts of the document state (ts_claims_guess): the last named
 * speaker (and whether it is ambiguous), a pending colon introduction,
 * the speaker a quotation-only row continues. */
enum { ST_LAST = 1, ST_PEND = 2, ST_CONT = 4, ST_ALL = 7 };

struct ts_claims_state {
	unsigned set, read;    /* ST_* parts set since ts_claims_guess() or
	                        * ts_claims_state_set() (all otherwise), and
	                        * the parts rows read while not set */
	ts_buf last_speaker;
	int last_ambiguous;
	int pending;
	ts_buf pend_speaker, pend_cue;
	int cont;
	ts_buf cont_speaker, cont_cue;
};

struct ts_claims {
	unsigned gen;           /* number of the file being loaded */
	int stale;              /* derived tables behind the patterns */
	struct pattern *pat;
	size_t npat, cappat;
	/* indices of the patterns of each role, and of the whole-text roles
	 * (report .. comparative) together, in file order (compile_all): the
	 * loops over them skipped the other roles' patterns one by one */
	size_t *rpat[R_NROLES], nrpat[R_NROLES];
	size_t *wpat, nwpat;
	size_t *wlang[2], nwlang[2]; /* wpat's patterns of one language (a
	                        * text in one script tries only those) */
	struct wlist *lists;
	size_t nlists, caplists;
	struct pair pairs[24];
	size_t npairs;
	unsigned char markfirst[256];
	unsigned char bclass[256]; /* B_* bits per byte, for prescan() */
	unsigned char markone[256]; /* a one-byte mark is this byte */
	unsigned char amark[2];   /* the ASCII bytes that may start a mark
	                           * (0x80, which ASCII text lacks, for
	                           * none) ... */
	int amark_ok;             /* ... unless there are more than two */
	uint64_t mark2[16];    /* bit mark_hash() of every mark of two or
	                        * more bytes (first three bytes at most) */
	ts_numlex *num;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jstack;
	/* Gate index: every distinct gate literal of GKEY or more bytes,
	 * keyed by a hash of its first GKEY bytes, so that one pass over a
	 * row finds which gates are open (instead of one search per literal
	 * and pattern). See gix_build() and gix_scan(). */
	struct gent {
		const char *ptr;
		size_t len;
		uint32_t key;      /* first GKEY bytes, little-endian */
		long next;         /* next entry in the same bucket, -1 */
		uint64_t head, hmask; /* its first min(len, 8) bytes as one
		                   * load of the text gives them, and the mask
		                   * of those bytes (gix_probe) */
		size_t pat0, npat; /* its gate units: gpat[pat0 .. pat0+npat) */
	} *gent;
	size_t ngent;
	size_t *gpat;
	unsigned char gfilter[GFILTER_BITS]; /* 1 at h(key) of every entry: a
	                       * byte, not a bit, saves three instructions per
	                       * byte of text (16 KiB) */
	long ghead[GHEADS];    /* bucket → first entry, -1 */
	size_t nunits;         /* gate units: one per group of each gate */
	size_t *gshortunit;    /* units with a short literal ... */
	size_t *gshortpat;     /* ... and their patterns */
	size_t ngshort;
	size_t ngw, npw;       /* words of gseen, gopen */
	/* per call */
	uint64_t *gseen;       /* entries found in the text */
	uint64_t *gopen;       /* units that pass on the text */
	size_t tlen;           /* length of the text (gate_open) */
	size_t markpos[MARKCAP]; /* where prescan() saw a byte that starts a
	                        * quotation mark, in order ... */
	size_t nmark;
	int markover;          /* ... unless there were more than MARKCAP */
	ts_buf scratch, arena, tags, qty, tmp;
	struct qspan *q;
	size_t nq, capq;
	ts_claim *rows;
	ts_field *surf;
	struct rowspan *rs;
	size_t caprows, nrows;
	int limit_hit;
	double feat[TS_CW_NFEAT];
	double l1p[LOG1P_TAB];  /* log1p(i) (log1p_n) */
	/* ASCII feature words and phrases (lower case) → FW_* bits: one pass
	 * over the words of a text instead of one search per list word */
	struct fword {
		size_t h;          /* fw_hash(w): compared before the text */
		char *w;
		size_t len;
		unsigned bits;
	} *fw;
	size_t fwcap;          /* power of two; 0 = not built */
	uint64_t fwlen[27 * 27]; /* per first two letters (fw_slot): bit L
	                        * set when a feature word of L bytes starts
	                        * with them; bits 32 up: number.h's lens of
	                        * the same slot (FW_NUMLENS) */
	/* Chinese feature words keyed by their first code point */
	struct zword { unsigned cp; const char *w; size_t len; unsigned bits;
	               long next; } *zw;
	size_t nzw;
	long zhead[512];       /* hash of first code point → first entry */
	uint64_t zfirst[0x10000 / 64]; /* bit cp: a Chinese feature word
	                        * starts with BMP code point cp (8 KiB; the
	                        * chain walk per Han character otherwise) */
	int zfar;              /* one starts past U+FFFF */
	uint64_t zq[0x10000 / 64]; /* zfirst, and the code points of three-
	                        * byte characters ts_quantities() may not
	                        * skip (zq_build): one test per character in
	                        * features() for both */
	/* per text: the runs of three-byte characters features() saw that
	 * ts_quantities_skip() steps over (pairs of offsets) */
	uint32_t *qskip;       /* (offsets below 4 GiB: 8 bytes a pair) */
	size_t nqskip, capqskip;
	int qskip_bad;         /* out of memory growing it, or a text of 4 GiB
	                        * or more: no runs given */
	/* per document: the state rows pass on (last named speaker, colon
	 * introduction, quotation continued), and the parts of it set or
	 * read since ts_claims_guess() */
	struct ts_claims_state doc;
	int guessing;          /* ts_claims_guess() and no state given since */
	long known[K_COUNT];   /* index into lists of each known list, -1 */
	int sources;           /* trimming a report source (an organisation
	                        * more often than a person): no name guess */
	int trust_utf8;        /* ts_claims_trust_utf8() */
	int flat_lists;        /* {list} as a flat alternation, and ... */
	int byte_prescan;      /* ... prescan() byte by byte, and ... */
	int char_features;     /* ... features() one character at a time,
	                        * and ... */
	int regex_tags;        /* ... every tag pattern by PCRE2, none by
	                        * tag_match(), and ... */
	int full_scan;         /* ... every pattern searched for over the
	                        * whole text, none only where a literal of its
	                        * gate occurs (tests: ts_claims_slow_paths) */
};

static int fw_build(ts_claims *c);
static void fw_free(ts_claims *c);
static void bclass_build(ts_claims *c);

/* ------------------------------------------------------------------ */
/* small text helpers                                                   */

static unsigned dec(const char *s, size_t len, size_t *n)
{
	return ts_u8dec(s, len, n);
}

/*
 * dec() for text known to be valid UTF-8 (the row after valid_utf8 or
 * sanitise), read from a character boundary: the continuation bytes need
 * no check then. Same result as dec() there; a continuation byte or a
 * character cut by len still gives U+FFFD of length 1. Used by the
 * per-character loop of features(), where the checks were a tenth of the
 * time on Chinese text.
 */
static unsigned dec_valid(const char *str, size_t len, size_t *n)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];

	if (c < 0x80) {
		*n = 1;
		return c;
	}
	if (c >= 0xE0 && c < 0xF0 && len >= 3) {
		*n = 3;
		return (c & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
	}
	return dec(str, len, n);
}

/* Start of the character that ends right before byte i. */
static size_t prev_char(const char *s, size_t i)
{
	if (!i)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* First character boundary at or after i. */
static size_t align_fwd(const char *s, size_t len, size_t i)
{
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* Strict UTF-8 validation (no overlongs, surrogates, > U+10FFFF). Every
 * row is checked (claims takes any TSV), so the common cases are fast:
 * eight ASCII bytes per step, and a three-byte character with lead
 * E1..EC, EE, EF (most of CJK) in one test. Returns 0 for invalid text,
 * 2 for ASCII (prescan() takes a shorter way), 1 for the rest. */
static int valid_utf8(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int ascii = 2;

	while (i < len) {
		unsigned char b = u[i];
		if (b < 0x80) {
			uint64_t v;
			i++;
			while (i + 8 <= len) {
				memcpy(&v, u + i, 8);
				if (v & UINT64_C(0x8080808080808080))
					break;
				i += 8;
			}
			continue;
		}
		ascii = 1;
		if ((b & 0xF0) == 0xE0 && b != 0xE0 && b != 0xED && i + 2 < len &&
		    (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
			/* and the run of such characters that follows: four
			 * bytes a load (lead E0..EF and two continuation
			 * bytes in one test, then not E0 or ED) */
			i += 3;
#if TS_SWAR
			for (;;) {
				uint32_t w;
				if (i + 4 > len)
					break;
				memcpy(&w, u + i, 4);
				if ((w & 0xC0C0F0u) != 0x8080E0u ||
				    ((0x2001u >> (w & 0xFu)) & 1u))
					break;
				i += 3;
			}
#endif
			while (i + 2 < len && (u[i] & 0xF0) == 0xE0 && u[i] != 0xE0 &&
			       u[i] != 0xED && (u[i + 1] & 0xC0) == 0x80 &&
			       (u[i + 2] & 0xC0) == 0x80)
				i += 3;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF) {
			if (i + 1 >= len || (u[i + 1] & 0xC0) != 0x80)
				return 0;
			i += 2;
		} else if (b >= 0xE0 && b <= 0xEF) {
			if (i + 2 >= len || (u[i + 1] & 0xC0) != 0x80 ||
			    (u[i + 2] & 0xC0) != 0x80)
				return 0;
			if (b == 0xE0 && u[i + 1] < 0xA0)
				return 0;
			if (b == 0xED && u[i + 1] >= 0xA0)
				return 0;
			i += 3;
		} else if (b >= 0xF0 && b <= 0xF4) {
			if (i + 3 >= len || (u[i + 1] & 0xC0) != 0x80 ||
			    (u[i + 2] & 0xC0) != 0x80 || (u[i + 3] & 0xC0) != 0x80)
				return 0;
			if (b == 0xF0 && u[i + 1] < 0x90)
				return 0;
			if (b == 0xF4 && u[i + 1] >= 0x90)
				return 0;
			i += 4;
		} else {
			return 0;
		}
	}
	return ascii;
}

/* Bytes to the next character after lead byte b; a stray continuation
 * byte (possible only in text trusted to be UTF-8, which may not be) is
 * one. */
static inline size_t u8_step(unsigned b)
{
	return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* 2 when s[0..len) is all ASCII, else 1 (valid_utf8()'s answer for
 * text trusted to be UTF-8, ts_claims_trust_utf8): eight bytes a step. */
static int ascii_only(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t any = 0, v;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&v, u + i, 8);
		any |= v;
	}
	for (; i < len; i++)
		any |= u[i];
	return any & UINT64_C(0x8080808080808080) ? 1 : 2;
}

/* Copy s into out replacing each invalid byte with U+FFFD. */
static int sanitise(ts_buf *out, const char *s, size_t len)
{
	size_t i = 0, n;

	ts_buf_reset(out);
	while (i < len) {
		unsigned c = dec(s + i, len - i, &n);
		int bad = c == 0xFFFD && !(n == 3 && (unsigned char)s[i] == 0xEF);
		if (!bad && n > 1 && !valid_utf8(s + i, n))
			bad = 1;
		if (bad) {
			if (ts_buf_add(out, "\xEF\xBF\xBD", 3))
				return TS_ENOMEM;
			i += 1;
		} else {
			if (ts_buf_add(out, s + i, n))
				return TS_ENOMEM;
			i += n;
		}
	}
	return 0;
}

static int is_han(unsigned c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0xF900 && c <= 0xFAFF);
}

static int is_alpha(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_upper(unsigned c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_digit(unsigned c)
{
	return c >= '0' && c <= '9';
}

static int is_space(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 ||
	       c == 0xA0;
}

/* Punctuation that ends a speaker phrase. */
static int is_stop_punct(unsigned c)
{
	if (c < 0x80)
		return !(is_alpha(c) || is_digit(c) || c == ' ' || c == '-' ||
		         c == '\'' || c == '.' || c == '&' || c == '_' ||
		         c >= 0x80);
	switch (c) {
	case 0xFF0C: case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1B:
	case 0xFF1A: case 0x3001: case 0x201C: case 0x201D: case 0x2018:
	case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0xFF08:
	case 0xFF09: case 0x3010: case 0x3011: case 0x300A: case 0x300B:
	case 0x2026: case 0x2014: case 0x00AB: case 0x00BB: case 0xFF5E:
		return 1;
	default:
		return 0;
	}
}

/* ------------------------------------------------------------------ */
/* word lists                                                           */

static struct wlist *find_list(const ts_claims *c, const char *name,
                               size_t nlen)
{
	size_t i;

	for (i = 0; i < c->nlists; i++)
		if (strlen(c->lists[i].name) == nlen &&
		    memcmp(c->lists[i].name, name, nlen) == 0)
			return &c->lists[i];
	return NULL;
}

/* Add word w to list `name`. A word already listed by an earlier file is
 * fine (files extend each other); one listed twice in the same file is an
 * error: returns TS_ELEXICON with *dup_line set to the earlier line. */
static int list_add(ts_claims *c, const char *name, size_t nlen,
                    const char *w, size_t wl, size_t line, size_t *dup_line)
{
	struct wlist *l = find_list(c, name, nlen);
	size_t i;

	if (!l) {
		if (TS_GROW(c->lists, c->caplists, c->nlists + 1, 32))
			return TS_ENOMEM;
		l = &c->lists[c->nlists];
		memset(l, 0, sizeof *l);
		if (!(l->name = ts_strndup(name, nlen)))
			return TS_ENOMEM;
		c->nlists++;
	}
	for (i = 0; i < l->n; i++)
		if (l->wl[i] == wl && memcmp(l->w[i], w, wl) == 0) {
			if (l->wgen[i] == c->gen) {
				*dup_line = l->wline[i];
				return TS_ELEXICON;
			}
			l->wgen[i] = c->gen;    /* listed by an earlier file: */
			l->wline[i] = line;     /* harmless, now this file's */
			return 0;
		}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **p = realloc(l->w, cap * sizeof *p);
		size_t *q;
		unsigned *g;
		if (!p)
			return TS_ENOMEM;
		l->w = p;
		q = realloc(l->wl, cap * sizeof *q);
		if (!q)
			return TS_ENOMEM;
		l->wl = q;
		q = realloc(l->wline, cap * sizeof *q);
		if (!q)
			return TS_ENOMEM;
		l->wline = q;
		g = realloc(l->wgen, cap * sizeof *g);
		if (!g)
			return TS_ENOMEM;
		l->wgen = g;
		l->cap = cap;
	}
	if (!(l->w[l->n] = ts_strndup(w, wl)))
		return TS_ENOMEM;
	l->wline[l->n] = line;
	l->wgen[l->n] = c->gen;
	l->wl[l->n++] = wl;
	if (wl > l->maxlen)
		l->maxlen = wl;
	if (wl) {
		unsigned char b = (unsigned char)w[0];
		l->first[b] = 1;
		if (b >= 'a' && b <= 'z')
			l->first[b - 32] = 1;
		if (b >= 'A' && b <= 'Z')
			l->first[b + 32] = 1;
	}
	return 0;
}

static int ascii_ieq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return 0;
	}
	return 1;
}

/* A byte as the word-list hashes see it: bit 5 set, so that the case
 * variants of a letter (ascii_ieq() calls them equal) hash alike, without
 * a branch per byte. Other bytes may collide more; ascii_ieq decides. */
static unsigned hash_fold(unsigned char ch)
{
	return ch | 0x20u;
}

static size_t wl_hash(const char *s, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ hash_fold((unsigned char)s[i])) * 16777619u;
	return h;
}

static unsigned lower_ascii(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch + 32u : ch;
}

/* 10-bit hash of the first n (2 or 3) bytes of s, ASCII case folded. */
static inline unsigned pre_hash(const char *s, size_t n)
{
	unsigned h = lower_ascii((unsigned char)s[0]) * 31u +
	             lower_ascii((unsigned char)s[1]);

	if (n >= 3)
		h = h * 31u + lower_ascii((unsigned char)s[2]) + 7u;
	return h & 1023u;
}

static int pre_bit(const struct wlist *l, const char *s, size_t n)
{
	unsigned h = pre_hash(s, n);

	return (l->pre[h >> 6] >> (h & 63)) & 1u;
}

/* Can a word of l start at s, with avail bytes there? A test of its
 * first three bytes (one Chinese character): titles, lead words and group
 * words are searched at every byte of a speaker span, and most positions
 * start none. */
static inline int wl_may_start(const struct wlist *l, const char *s,
                               size_t avail)
{
	return l->has1 || (avail >= 2 && l->has2 && pre_bit(l, s, 2)) ||
	       (avail >= 3 && pre_bit(l, s, 3));
}

/* (Re)build the hash index of a list. */
static int wl_index(struct wlist *l)
{
	size_t cap = 16, i;

	while (cap < l->n * 2 + 2)
		cap *= 2;
	free(l->hidx);
	if (!(l->hidx = malloc(cap * sizeof *l->hidx)))
		return TS_ENOMEM;
	l->hcap = cap;
	l->lens = 0;
	l->has1 = l->has2 = 0;
	memset(l->pre, 0, sizeof l->pre);
	for (i = 0; i < cap; i++)
		l->hidx[i] = -1;
	for (i = 0; i < l->n; i++) {
		size_t h = wl_hash(l->w[i], l->wl[i]) & (cap - 1);
		if (l->wl[i] >= 2) {
			unsigned ph = pre_hash(l->w[i], l->wl[i] >= 3 ? 3 : 2);
			l->pre[ph >> 6] |= (uint64_t)1 << (ph & 63);
			if (l->wl[i] == 2)
				l->has2 = 1;
		} else {
			l->has1 = 1;
		}
		while (l->hidx[h] >= 0)
			h = (h + 1) & (cap - 1);
		l->hidx[h] = (long)i;
		if (l->wl[i] < 64)
			l->lens |= (uint64_t)1 << l->wl[i];
	}
	return 0;
}

/* Is s[0..n) a word of l, given its wl_hash() value? */
static int wl_has_h(const struct wlist *l, const char *s, size_t n, size_t h)
{
	h &= l->hcap - 1;
	while (l->hidx[h] >= 0) {
		size_t i = (size_t)l->hidx[h];
		if (l->wl[i] == n && ascii_ieq(l->w[i], s, n))
			return 1;
		h = (h + 1) & (l->hcap - 1);
	}
	return 0;
}

/* Is s[0..n) a word of l (ASCII case-insensitive)? */
static int wl_has(const struct wlist *l, const char *s, size_t n)
{
	size_t h;

	if (!l->hcap || n >= 64 || !(l->lens & ((uint64_t)1 << n)))
		return 0;
	h = wl_hash(s, n) & (l->hcap - 1);
	while (l->hidx[h] >= 0) {
		size_t i = (size_t)l->hidx[h];
		if (l->wl[i] == n && ascii_ieq(l->w[i], s, n))
			return 1;
		h = (h + 1) & (l->hcap - 1);
	}
	return 0;
}

/* Is s[0..n) exactly a word of list `name` (ASCII case-insensitive)? */
static const struct wlist *known(const ts_claims *c, int k)
{
	return c->known[k] >= 0 ? &c->lists[c->known[k]] : NULL;
}

static int in_list(const ts_claims *c, int name, const char *s, size_t n)
{
	const struct wlist *l = known(c, name);
	size_t i;

	if (!l || !n || n > l->maxlen || !l->first[(unsigned char)s[0]])
		return 0;
	if (l->hcap && !wl_may_start(l, s, n))
		return 0;
	if (l->hcap)
		return wl_has(l, s, n);
	for (i = 0; i < l->n; i++)
		if (l->wl[i] == n && ascii_ieq(l->w[i], s, n))
			return 1;
	return 0;
}

/* Longest word of list `name` that s[0..n) starts with (0 = none). */
static size_t list_prefix(const ts_claims *c, int name, const char *s,
                          size_t n)
{
	const struct wlist *l = known(c, name);
	size_t i, best = 0;

	if (!l || !n || !l->first[(unsigned char)s[0]])
		return 0;
	if (l->hcap && !wl_may_start(l, s, n))
		return 0;
	if (l->hcap) {
		/* one FNV pass over the prefixes; the longest hit wins */
		size_t k, h = 2166136261u, lim = l->maxlen < n ? l->maxlen : n;
		for (k = 1; k <= lim && k < 64; k++) {
			h = (h ^ hash_fold((unsigned char)s[k - 1])) * 16777619u;
			if ((l->lens & ((uint64_t)1 << k)) && wl_has_h(l, s, k, h))
				best = k;   /* ASCII case-folded, other bytes exact */
		}
		return best;
	}
	for (i = 0; i < l->n; i++)
		if (l->wl[i] <= n && l->wl[i] > best && l->w[i][0] == s[0] &&
		    memcmp(l->w[i], s, l->wl[i]) == 0)
			best = l->wl[i];
	return best;
}

/* Last occurrence of any word of list `name` inside s[0..n): sets *at and
 * returns its length (0 = none); ties on position prefer the longest. */
static size_t list_find_last(const ts_claims *c, int name, const char *s,
                             size_t n, size_t *at, int word_boundary)
{
	const struct wlist *l = known(c, name);
	size_t i, p, best = 0, bend = 0;

	if (!l || !n)
		return 0;
	/* from the end: the match with the greatest end wins, ties to the
	 * longest; stop once no word starting further left can end later */
	for (p = n; p-- > 0;) {
		if (best && p + l->maxlen < bend)
			break;
		size_t h = 2166136261u;
		if (!l->first[(unsigned char)s[p]])
			continue;
		if (!wl_may_start(l, s + p, n - p))
			continue;
		for (i = 1; i < 64 && i <= n - p && i <= l->maxlen; i++) {
			size_t wl = i;
			h = (h ^ hash_fold((unsigned char)s[p + i - 1])) * 16777619u;
			if (!(l->lens & ((uint64_t)1 << i)) || !wl_has_h(l, s + p, wl, h))
				continue;
			if (word_boundary &&
			    ((p > 0 && is_alpha((unsigned char)s[p - 1])) ||
			     (p + wl < n && is_alpha((unsigned char)s[p + wl]))))
				continue;
			if (!best || p + wl > bend || (p + wl == bend && wl > best)) {
				best = wl;
				bend = p + wl;
				*at = p;
			}
		}
	}
	return best;
}

/* ------------------------------------------------------------------ */
/* loading                                                              */

static const struct {
	const char *name;
	int kind;
} numlists[] = {
	{"mult", TS_NW_MULT}, {"unit", TS_NW_UNIT}, {"prefix", TS_NW_PREFIX},
	{"cls", TS_NW_CLS}, {"approx", TS_NW_APPROX}, {"figure", TS_NW_FIGURE},
	{"rank", TS_NW_RANK}, {"word", TS_NW_WORD},
};

static int add_pattern(ts_claims *c, const char *name, size_t nlen,
                       const char *re, size_t relen, const char *gate,
                       size_t glen, const char *file, size_t line,
                       ts_diag *d)
{
	struct pattern *p;
	const char *r = name + 3, *dot;
	size_t rl, i;
	int role = -1, lang;

	/* name = re.<role>.<zh|en> */
	dot = memchr(r, '.', nlen - 3);
	if (!dot)
		return ts_diag_set(d, TS_EPATTERN, line, 0,
		                   "%s:%zu: pattern name '%.*s' is not re.ROLE.LANG",
		                   file, line, (int)nlen, name);
	rl = (size_t)(dot - r);
	for (i = 0; i < R_NROLES; i++)
		if (strlen(role_names[i]) == rl && memcmp(role_names[i], r, rl) == 0)
			role = (int)i;
	if (role < 0)
		return ts_diag_set(d, TS_EPATTERN, line, 0,
		                   "%s:%zu: unknown pattern role '%.*s'", file, line,
		                   (int)rl, r);
	if ((size_t)(name + nlen - dot - 1) == 2 && memcmp(dot + 1, "zh", 2) == 0)
		lang = L_ZH;
	else if ((size_t)(name + nlen - dot - 1) == 2 &&
	         memcmp(dot + 1, "en", 2) == 0)
		lang = L_EN;
	else
		return ts_diag_set(d, TS_EPATTERN, line, 0,
		                   "%s:%zu: pattern language must be zh or en",
		                   file, line);
	if (TS_GROW(c->pat, c->cappat, c->npat + 1, 32))
		return TS_ENOMEM;
	p = &c->pat[c->npat];
	memset(p, 0, sizeof *p);
	p->role = role;
	p->lang = lang;
	p->line = line;
	p->g_speaker = p->g_cue = -1;
	p->src = ts_strndup(re, relen);
	p->file = ts_strndup(file, strlen(file));
	p->gate = glen ? ts_strndup(gate, glen) : NULL;
	if (!p->src || !p->file || (glen && !p->gate)) {
		free(p->src);
		free(p->file);
		free(p->gate);
		return TS_ENOMEM;
	}
	c->npat++;
	return 0;
}

/* Parse one data file (format: lexicons/claims/README.md). */
static int load(ts_claims *c, const char *data, size_t len, const char *name,
                ts_diag *d)
{
	size_t pos = 0, line = 0, i;
	int header = 0, rc;

	c->gen++;
	c->stale = 1;   /* patterns and marks change: derive() again */

	while (pos < len) {
		const char *l = data + pos, *nl = memchr(l, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - l) : len - pos;
		const char *f[3] = {NULL, NULL, NULL};
		size_t fl[3] = {0, 0, 0}, nf = 0, k, st = 0;

		pos += ll + (nl ? 1 : 0);
		line++;
		if (ll && l[ll - 1] == '\r')
			ll--;
		if (!ll || l[0] == '#')
			continue;
		for (k = 0; k <= ll && nf < 3; k++)
			if (k == ll || l[k] == '\t') {
				f[nf] = l + st;
				fl[nf++] = k - st;
				st = k + 1;
			}
		if (!valid_utf8(l, ll))
			return ts_diag_set(d, TS_ELEXICON, line, 0,
			                   "%s:%zu: invalid UTF-8", name, line);
		if (!header) {
			if (nf < 2 || fl[0] != 4 || memcmp(f[0], "list", 4) != 0 ||
			    fl[1] != 5 || memcmp(f[1], "entry", 5) != 0)
				return ts_diag_set(d, TS_ELEXICON, line, 0,
				                   "%s:%zu: header must be 'list<TAB>entry'",
				                   name, line);
			header = 1;
			continue;
		}
		if (nf < 2 || !fl[0] || !fl[1])
			return ts_diag_set(d, TS_ELEXICON, line, 0,
			                   "%s:%zu: expected 'list<TAB>entry'", name,
			                   line);
		if (fl[0] > 3 && memcmp(f[0], "re.", 3) == 0) {
			rc = add_pattern(c, f[0], fl[0], f[1], fl[1], f[2], fl[2], name,
			                 line, d);
			if (rc)
				return rc;
			continue;
		}
		if (fl[0] == 4 && memcmp(f[0], "pair", 4) == 0) {
			struct pair *p;
			if (!fl[2] || fl[1] >= sizeof p->open || fl[2] >= sizeof p->close)
				return ts_diag_set(d, TS_ELEXICON, line, 0,
				                   "%s:%zu: a pair needs an opening and a "
				                   "closing mark", name, line);
			if (c->npairs == sizeof c->pairs / sizeof c->pairs[0])
				return ts_diag_set(d, TS_ELEXICON, line, 0,
				                   "%s:%zu: too many quotation mark pairs",
				                   name, line);
			p = &c->pairs[c->npairs++];
			memcpy(p->open, f[1], fl[1]);
			p->olen = fl[1];
			memcpy(p->close, f[2], fl[2]);
			p->clen = fl[2];
			p->sym = fl[1] == fl[2] && memcmp(f[1], f[2], fl[1]) == 0;
			p->family = (f[1][0] == '"' || !memcmp(f[1], "\xE2\x80\x9C", fl[1] < 3 ? fl[1] : 3)) ? 1 :
			            (f[1][0] == '\'' || !memcmp(f[1], "\xE2\x80\x98", fl[1] < 3 ? fl[1] : 3)) ? 2 : 0;
			c->markfirst[(unsigned char)f[1][0]] = 1;
			c->markfirst[(unsigned char)f[2][0]] = 1;
			continue;
		}
		for (i = 0; i < sizeof numlists / sizeof numlists[0]; i++)
			if (strlen(numlists[i].name) == fl[0] &&
			    memcmp(numlists[i].name, f[0], fl[0]) == 0)
				break;
		if (i < sizeof numlists / sizeof numlists[0]) {
			double v = 0;
			if (numlists[i].kind == TS_NW_MULT ||
			    numlists[i].kind == TS_NW_WORD) {
				char tmp[64], *end;
				if (!fl[2] || fl[2] >= sizeof tmp)
					return ts_diag_set(d, TS_ELEXICON, line, 0,
					                   "%s:%zu: '%.*s' needs a number",
					                   name, line, (int)fl[0], f[0]);
				memcpy(tmp, f[2], fl[2]);
				tmp[fl[2]] = '\0';
				v = strtod(tmp, &end);
				if (*end || v <= 0)
					return ts_diag_set(d, TS_ELEXICON, line, 0,
					                   "%s:%zu: '%s' is not a positive "
					                   "number", name, line, tmp);
			}
			rc = ts_numlex_add(c->num, numlists[i].kind, f[1], fl[1], f[2],
			                   fl[2], v);
			if (rc)
				return rc;
			continue;
		}
		{
			size_t dup = 0;

			rc = list_add(c, f[0], fl[0], f[1], fl[1], line, &dup);
			if (rc == TS_ELEXICON)
				return ts_diag_set(d, rc, line, 0,
				                   "%s:%zu: '%.*s' is already in list '%.*s' (line %zu)",
				                   name, line, (int)fl[1], f[1], (int)fl[0], f[0], dup);
			if (rc)
				return rc;
		}
	}
	if (!header && len)
		return ts_diag_set(d, TS_ELEXICON, line, 0,
		                   "%s: no header line 'list<TAB>entry'", name);
	return 0;
}

/* Append w[0..n) with PCRE2 metacharacters escaped. */
static int add_escaped(ts_buf *b, const char *w, size_t n)
{
	size_t j;
	int rc = 0;

	for (j = 0; j < n; j++) {
		unsigned char ch = (unsigned char)w[j];
		if (ch < 0x80 && !is_alpha(ch) && !is_digit(ch) && ch != '_')
			rc |= ts_buf_addc(b, '\\');
		rc |= ts_buf_addc(b, ch);
	}
	return rc;
}

/* May two alternatives that start with different characters, this one
 * among them, be told apart by that character alone, whatever the case
 * mode of the pattern around them? ASCII (letters then compared folded,
 * by trie_level()) and scripts without case (CJK, Hangul) only: other
 * letters have case variants outside ASCII (or inside: K and the Kelvin
 * sign). */
static int caseless_script(unsigned cp)
{
	return cp < 0x80 || (cp >= 0x2E80 && cp <= 0x9FFF) ||
	       (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

/*
 * The alternation of the words idx[0..n) of l, from byte d of each (the
 * bytes before are the same in all), prefix-factored: words that go on
 * with the same character share it (人称|人士 → 人(?:称|士)), so PCRE2
 * compares it once at each position instead of once per word. The
 * matches are those of the flat alternation w1|w2|…: PCRE2 takes the
 * first alternative (in order) that leads to an overall match, and the
 * factoring keeps the order of the words within each group; the groups
 * themselves may be reordered only because no two can match at the same
 * position: their characters differ, also ASCII case-folded (the list
 * may sit in a (?i) pattern), and are from scripts whose case variants
 * are all ASCII or that have none. A word that ends here (the empty
 * alternative) must be the last (longest words first makes it so).
 * Otherwise this level stays flat. Only the work changes: fewer
 * backtracking steps count against the match limit.
 */
static int trie_level(ts_buf *b, const struct wlist *l, const size_t *idx,
                      size_t n, size_t d)
{
	size_t k, j, ng = 0, *sub;
	int rc = 0, flat = 0;
	unsigned char *used;

	if (!n)
		return 0;   /* no words: nothing to write (and no 0-byte calloc) */
	for (k = 0; k < n && !flat; k++) {
		const char *w = l->w[idx[k]];
		size_t wl = l->wl[idx[k]], nn;
		if (wl == d) {
			flat = k + 1 != n;
			continue;
		}
		if (!caseless_script(dec(w + d, wl - d, &nn)))
			flat = 1;
		/* another character that equals this one folded */
		for (j = 0; j < k && !flat; j++) {
			const char *v = l->w[idx[j]];
			if (l->wl[idx[j]] > d && v[d] != w[d] &&
			    lower_ascii((unsigned char)v[d]) ==
			    lower_ascii((unsigned char)w[d]))
				flat = 1;
		}
	}
	if (flat) {
		for (k = 0; k < n; k++) {
			if (k)
				rc |= ts_buf_addc(b, '|');
			rc |= add_escaped(b, l->w[idx[k]] + d, l->wl[idx[k]] - d);
		}
		return rc;
	}
	used = calloc(n, 1);
	sub = malloc(n * sizeof *sub);
	if (!used || !sub) {
		free(used);
		free(sub);
		return TS_ENOMEM;
	}
	for (k = 0; k < n && !rc; k++) {
		const char *w = l->w[idx[k]];
		size_t wl = l->wl[idx[k]], cl, m = 0;
		if (used[k])
			continue;
		if (ng++)
			rc |= ts_buf_addc(b, '|');
		if (wl == d)
			continue;   /* the empty alternative */
		dec(w + d, wl - d, &cl);
		/* the group: this word and every later one that goes on with
		 * the same character */
		for (j = k; j < n; j++)
			if (!used[j] && l->wl[idx[j]] >= d + cl &&
			    memcmp(l->w[idx[j]] + d, w + d, cl) == 0) {
				used[j] = 1;
				sub[m++] = idx[j];
			}
		if (m == 1) {
			rc |= add_escaped(b, w + d, wl - d);
			continue;
		}
		rc |= add_escaped(b, w + d, cl);
		rc |= ts_buf_adds(b, "(?:");
		rc |= trie_level(b, l, sub, m, d + cl);
		rc |= ts_buf_addc(b, ')');
	}
	free(used);
	free(sub);
	return rc;
}

/* Append `(?:w1|w2|…)` for list `name`, longest words first (so that the
 * alternation prefers 首席科学家 over 科学家), escaped; prefix-factored
 * (trie_level) unless `flat`. */
static int expand_list(ts_buf *b, const struct wlist *l, int flat)
{
	size_t i, k, n = 0, maxl = 0, *idx;
	int rc = 0;

	if (!l->n)
		return ts_buf_adds(b, "(?:(*FAIL))") ? TS_ENOMEM : 0;
	for (i = 0; i < l->n; i++)
		if (l->wl[i] > maxl)
			maxl = l->wl[i];
	if (!(idx = malloc(l->n * sizeof *idx)))
		return TS_ENOMEM;
	for (k = maxl; k > 0; k--)
		for (i = 0; i < l->n; i++)
			if (l->wl[i] == k)
				idx[n++] = i;
	rc |= ts_buf_adds(b, "(?:");
	if (flat) {
		for (i = 0; i < n; i++) {
			if (i)
				rc |= ts_buf_addc(b, '|');
			rc |= add_escaped(b, l->w[idx[i]], l->wl[idx[i]]);
		}
	} else {
		rc |= trie_level(b, l, idx, n, 0);
	}
	rc |= ts_buf_addc(b, ')');
	free(idx);
	return rc ? TS_ENOMEM : 0;
}

/* Split p's gate into literals; "{name}" stands for the words of a list. */
static int build_gate(ts_claims *c, struct pattern *p, ts_diag *d)
{
	size_t n = 0, cap = 0, st = 0, k, glen, grp = 0;
	struct glit *v = NULL;

	free(p->glit);
	p->glit = NULL;
	p->ngate = 0;
	p->ngroups = 0;
	if (!p->gate)
		return 0;
	glen = strlen(p->gate);
	for (k = 0; k <= glen; k++) {
		const char *g = p->gate + st;
		size_t gl = k - st, j, nw;
		const struct wlist *l = NULL;
		int and = k + 1 < glen && p->gate[k] == '&' && p->gate[k + 1] == '&';
		if (k < glen && p->gate[k] != '|' && !and)
			continue;
		st = k + (and ? 2 : 1);
		if (gl > 2 && g[0] == '{' && g[gl - 1] == '}') {
			l = find_list(c, g + 1, gl - 2);
			if (!l) {
				free(v);
				return ts_diag_set(d, TS_EPATTERN, p->line, 0,
				                   "%s:%zu: no word list '%.*s' in the gate",
				                   p->file, p->line, (int)(gl - 2), g + 1);
			}
		}
		nw = l ? l->n : 1;
		if (n + nw > cap) {
			struct glit *nv;
			cap = (n + nw) * 2;
			if (!(nv = realloc(v, cap * sizeof *v))) {
				free(v);
				return TS_ENOMEM;
			}
			v = nv;
		}
		for (j = 0; j < nw; j++) {
			struct glit *e = &v[n++];
			e->ptr = l ? l->w[j] : g;
			e->len = l ? l->wl[j] : gl;
			e->lid = -1;    /* set by gix_build() */
			e->grp = grp;
		}
		if (and) {
			grp++;
			k++;
		}
	}
	p->glit = v;
	p->ngate = n;
	p->ngroups = grp + 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* gate index                                                           */

/* Bucket and filter bit of a GKEY-byte key (gix_key). */
static uint32_t gix_hash(uint32_t key)
{
	return (key * 0x9E3779B1u) >> 18;   /* 14 bits: GFILTER_BITS */
}

static uint32_t gix_key(const char *s)
{
	/* little-endian: as one load of the text gives it (key4), and as
	 * a word of eight bytes holds it (the unrolled probes of prescan) */
	return (uint32_t)(unsigned char)s[0] |
	       (uint32_t)(unsigned char)s[1] << 8 |
	       (uint32_t)(unsigned char)s[2] << 16;
}

static void gix_free(ts_claims *c)
{
	free(c->gent);
	free(c->gpat);
	free(c->gshortunit);
	free(c->gshortpat);
	free(c->gseen);
	free(c->gopen);
	c->gent = NULL;
	c->gpat = c->gshortunit = c->gshortpat = NULL;
	c->gseen = c->gopen = NULL;
	c->ngent = c->ngshort = c->ngw = c->npw = c->nunits = 0;
}

/* Entry of the literal s[0..n) (n >= GKEY), or -1. */
static long gix_find(const ts_claims *c, const char *s, size_t n)
{
	uint32_t key = gix_key(s);
	long e;

	for (e = c->ghead[gix_hash(key) & (GHEADS - 1)]; e >= 0;
	     e = c->gent[e].next)
		if (c->gent[e].key == key && c->gent[e].len == n &&
		    memcmp(c->gent[e].ptr, s, n) == 0)
			return e;
	return -1;
}

/* (Re)build the gate index from the patterns' literals (build_gate).
 * Each group of a gate is a unit with its own bit in gopen. */
static int gix_build(ts_claims *c)
{
	size_t i, k, k2, total = 0, np = 0;

	gix_free(c);
	memset(c->gfilter, 0, sizeof c->gfilter);
	for (i = 0; i < GHEADS; i++)
		c->ghead[i] = -1;
	for (i = 0; i < c->npat; i++) {
		c->pat[i].unit0 = c->nunits;
		if (c->pat[i].glit)
			c->nunits += c->pat[i].ngroups;
		total += c->pat[i].ngate;
	}
	c->gent = malloc((total ? total : 1) * sizeof *c->gent);
	c->gpat = malloc((total ? total : 1) * sizeof *c->gpat);
	c->gshortunit = malloc((c->nunits ? c->nunits : 1) *
	                       sizeof *c->gshortunit);
	c->gshortpat = malloc((c->nunits ? c->nunits : 1) *
	                      sizeof *c->gshortpat);
	if (!c->gent || !c->gpat || !c->gshortunit || !c->gshortpat)
		return TS_ENOMEM;
	/* pass 1: distinct literals */
	for (i = 0; i < c->npat; i++) {
		struct pattern *p = &c->pat[i];
		for (k = 0; k < p->ngate; k++) {
			struct glit *e = &p->glit[k];
			long id;
			e->lid = -1;
			if (e->len < GKEY) {
				size_t u = p->unit0 + e->grp;
				if (!c->ngshort || c->gshortunit[c->ngshort - 1] != u) {
					c->gshortpat[c->ngshort] = i;
					c->gshortunit[c->ngshort++] = u;
				}
				continue;
			}
			if ((id = gix_find(c, e->ptr, e->len)) < 0) {
				struct gent *g = &c->gent[c->ngent];
				uint32_t h;
				g->ptr = e->ptr;
				g->len = e->len;
				g->key = gix_key(e->ptr);
				g->npat = 0;
				g->head = 0;
				g->hmask = 0;
				for (k2 = 0; k2 < 8 && k2 < e->len; k2++) {
					g->head |= (uint64_t)(unsigned char)e->ptr[k2] << (8 * k2);
					g->hmask |= (uint64_t)0xFF << (8 * k2);
				}
				h = gix_hash(g->key);
				c->gfilter[h] = 1;
				g->next = c->ghead[h & (GHEADS - 1)];
				id = (long)c->ngent++;
				c->ghead[h & (GHEADS - 1)] = id;
			}
			e->lid = id;
		}
	}
	/* pass 2: each entry's units, contiguous in gpat */
	for (k = 0; k < c->ngent; k++) {
		c->gent[k].pat0 = np;
		for (i = 0; i < c->npat; i++) {
			const struct pattern *p = &c->pat[i];
			size_t j, last = SIZE_MAX;
			for (j = 0; j < p->ngate; j++)
				if (p->glit[j].lid == (long)k &&
				    p->unit0 + p->glit[j].grp != last) {
					last = p->unit0 + p->glit[j].grp;
					c->gpat[np++] = last;
				}
		}
		c->gent[k].npat = np - c->gent[k].pat0;
	}
	c->ngw = (c->ngent + 63) / 64;
	c->npw = (c->nunits + 63) / 64;
	c->gseen = calloc(c->ngw ? c->ngw : 1, sizeof *c->gseen);
	c->gopen = calloc(c->npw ? c->npw : 1, sizeof *c->gopen);
	if (!c->gseen || !c->gopen)
		return TS_ENOMEM;
	return 0;
}

static void role_lists_free(ts_claims *c)
{
	size_t r;

	for (r = 0; r < R_NROLES; r++) {
		free(c->rpat[r]);
		c->rpat[r] = NULL;
		c->nrpat[r] = 0;
	}
	free(c->wpat);
	c->wpat = NULL;
	c->nwpat = 0;
	for (r = 0; r < 2; r++) {
		free(c->wlang[r]);
		c->wlang[r] = NULL;
		c->nwlang[r] = 0;
	}
}

/* (Re)build rpat and wpat. */
static int role_lists(ts_claims *c)
{
	size_t r, i;

	role_lists_free(c);
	for (r = 0; r < R_NROLES; r++)
		if (!(c->rpat[r] = malloc((c->npat ? c->npat : 1) * sizeof(size_t))))
			return TS_ENOMEM;
	if (!(c->wpat = malloc((c->npat ? c->npat : 1) * sizeof(size_t))) ||
	    !(c->wlang[L_ZH] = malloc((c->npat ? c->npat : 1) * sizeof(size_t))) ||
	    !(c->wlang[L_EN] = malloc((c->npat ? c->npat : 1) * sizeof(size_t))))
		return TS_ENOMEM;
	for (i = 0; i < c->npat; i++) {
		int role = c->pat[i].role, lang = c->pat[i].lang;
		c->rpat[role][c->nrpat[role]++] = i;
		if (role >= R_REPORT && role <= R_COMPAR) {
			c->wpat[c->nwpat++] = i;
			c->wlang[lang][c->nwlang[lang]++] = i;
		}
	}
	return 0;
}

/* c->zq from zfirst and the numbers' zstart: also the leads E0 (U+0800..
 * U+0FFF) and ED (U+D000..U+DFFF), which ts_quantities() decides one by
 * one (their bits are set: features() gives no run through them). */
static void zq_build(ts_claims *c)
{
	const uint64_t *zs = ts_numlex_zstart(c->num);
	size_t i;

	for (i = 0; i < 0x10000 / 64; i++)
		c->zq[i] = c->zfirst[i] | zs[i] |
		           (i < 0x1000 / 64 || (i >= 0xD000 / 64 && i < 0xE000 / 64) ?
		            ~(uint64_t)0 : 0);
}

/* (Re)build the tables derived from the patterns and marks: byte
 * classes, gate index, role lists, zq. compile_all() calls it; so does
 * ts_claims_extract() when a failed ts_claims_add_patterns() left them
 * behind the patterns (`stale`). */
static int derive(ts_claims *c)
{
	size_t i;
	int rc;

	bclass_build(c);
	if ((rc = gix_build(c)) != 0 || (rc = role_lists(c)) != 0)
		return rc;
	/* run_lead() finds the places to try through gseen: every literal
	 * of a lead gate must be in the gate index */
	for (i = 0; i < c->npat; i++) {
		struct pattern *p = &c->pat[i];
		size_t k;
		for (k = 0; p->re_lead && k < p->ngate; k++)
			if (p->glit[k].lid < 0) {
				pcre2_code_free(p->re_lead);
				p->re_lead = NULL;
			}
	}
	zq_build(c);
	c->stale = 0;
	return 0;
}

static void uncompile(struct pattern *p)
{
	pcre2_code_free(p->re);
	pcre2_code_free(p->re_lead);
	p->re = p->re_lead = NULL;
}

/* Does a of the source start with a regex atom that matches exactly the
 * literal w (no byte of it special), not made optional or repeated? */
static int starts_literal(const char *a, size_t an, const char *w, size_t wl)
{
	size_t k;

	if (!wl || wl > an || memcmp(a, w, wl) != 0)
		return 0;
	for (k = 0; k < wl; k++)
		if (strchr("\\^$.|?*+()[]{}", w[k]))
			return 0;
	return wl == an || !strchr("?*+{", a[wl]);
}

/* Does every match of p start with a literal of its gate? Then run_lead()
 * tries p (compiled anchored as well) only where one of them occurs in
 * the text, which the pre-scan has mostly found already, instead of
 * PCRE2 trying every position whose first byte could start a match
 * (in Chinese text, nearly every character). Decided conservatively
 * from the source: a gate of one group, all of whose literals the gate
 * index holds (so gseen tells which occur), and every top-level
 * alternative of the source starting with one of them written out, or,
 * when the gate is one {list}, with "{list}", "(?:{list})" or
 * "(?<name>{list})" (then not made optional or repeated). */
static int lead_gate(const struct pattern *p)
{
	const char *src = p->src, *a = src;
	size_t k, depth = 0, glen;
	int cls = 0;

	/* the patterns searched for, unanchored, in the whole text (the
	 * loop of ts_claims_extract() that calls run_lead()) or in the
	 * window before a quotation (attribute()) */
	if (!p->glit || p->ngroups != 1 || p->role == R_AFTER ||
	    strstr(src, "\\Q"))
		return 0;
	/* no option settings such as (?i), which a later alternative
	 * inherits, nor comments or verbs: the parse below does not know
	 * them */
	for (k = 0; src[k]; k++)
		if (src[k] == '(' && (src[k + 1] == '*' || (src[k + 1] == '?' &&
		    (is_alpha((unsigned char)src[k + 2]) || src[k + 2] == '^' ||
		     src[k + 2] == '-' || src[k + 2] == '#'))))
			return 0;
	glen = strlen(p->gate);
	for (k = 0;; k++) {
		char ch = src[k];

		if (ch == '\\' && src[k + 1]) {
			k++;
			continue;
		}
		if (cls) {
			cls = ch != ']';
			continue;
		}
		if (ch == '[') {
			cls = 1;
			if (src[k + 1] == ']' || (src[k + 1] == '^' && src[k + 2] == ']'))
				k += src[k + 1] == ']' ? 1 : 2;
			continue;
		}
		if (ch == '(')
			depth++;
		else if (ch == ')' && depth)
			depth--;
		else if ((ch == '|' && !depth) || !ch) {
			/* the alternative a .. src + k */
			size_t an = (size_t)(src + k - a), j;
			int ok = 0;

			for (j = 0; j < p->ngate && !ok; j++)
				ok = starts_literal(a, an, p->glit[j].ptr, p->glit[j].len);
			if (!ok && glen > 2 && p->gate[0] == '{' &&
			    p->gate[glen - 1] == '}' && !memchr(p->gate, '|', glen)) {
				size_t o = 0, close = 0;
				if (an > 3 && !memcmp(a, "(?:", 3)) {
					o = 3;
					close = 1;
				} else if (an > 3 && !memcmp(a, "(?<", 3) &&
				           ((a[3] | 0x20) >= 'a' && (a[3] | 0x20) <= 'z')) {
					o = 3;
					while (o < an && (is_alpha((unsigned char)a[o]) ||
					                  is_digit((unsigned char)a[o]) || a[o] == '_'))
						o++;
					if (o < an && a[o] == '>')
						o++, close = 1;
					else
						o = an;   /* a lookbehind or no name */
				}
				if (o + glen + close <= an && !memcmp(a + o, p->gate, glen) &&
				    (!close || a[o + glen] == ')')) {
					o += glen + close;
					ok = o == an || !strchr("?*+{", a[o]);
				}
			}
			if (!ok)
				return 0;
			if (!ch)
				return 1;
			a = src + k + 1;
		}
	}
}

static int compile_all(ts_claims *c, ts_diag *d)
{
	size_t i, k;
	int rc;

	for (i = 0; i < c->npat; i++) {
		struct pattern *p = &c->pat[i];
		const char *s = p->src;
		int err;
		PCRE2_SIZE eoff;
		ts_buf *b = &c->tmp;

		if ((rc = build_gate(c, p, d)) != 0)
			return rc;
		if (p->re)
			continue;
		ts_buf_reset(b);
		for (k = 0; s[k]; k++) {
			if (s[k] == '{' && (s[k + 1] >= 'a' && s[k + 1] <= 'z')) {
				size_t e = k + 1;
				while (s[e] && s[e] != '}' &&
				       ((s[e] >= 'a' && s[e] <= 'z') || s[e] == '.' ||
				        s[e] == '_' || (s[e] >= '0' && s[e] <= '9')))
					e++;
				if (s[e] == '}') {
					const struct wlist *l =
						find_list(c, s + k + 1, e - k - 1);
					if (!l)
						return ts_diag_set(d, TS_EPATTERN, p->line, k,
						                   "%s:%zu: no word list '%.*s'",
						                   p->file, p->line,
						                   (int)(e - k - 1), s + k + 1);
					if ((rc = expand_list(b, l, c->flat_lists)) != 0)
						return rc;
					k = e;
					continue;
				}
			}
			if (ts_buf_addc(b, s[k]))
				return TS_ENOMEM;
		}
		/* "after" patterns are anchored at compile time: JIT does not
		 * support PCRE2_ANCHORED as a match-time option.
		 * PCRE2_MATCH_INVALID_UTF: text trusted to be UTF-8
		 * (ts_claims_trust_utf8) is not checked, and PCRE2 must stay
		 * within it even where it is not (same matches on valid
		 * UTF-8; 1-2% more time in PCRE2) */
		p->re = pcre2_compile((PCRE2_SPTR)b->data, b->len,
		                      PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK |
		                      PCRE2_MATCH_INVALID_UTF |
		                      (p->role == R_AFTER ? PCRE2_ANCHORED : 0u),
		                      &err, &eoff, NULL);
		if (!p->re) {
			PCRE2_UCHAR msg[120];
			pcre2_get_error_message(err, msg, sizeof msg);
			return ts_diag_set(d, TS_EPATTERN, p->line, (size_t)eoff,
			                   "%s:%zu: %s at offset %zu of the expanded "
			                   "pattern", p->file, p->line, (char *)msg,
			                   (size_t)eoff);
		}
		p->jit = 0;   /* JIT compiled on first use, in run() */
		p->jit_lead = 0;
		p->re_lead = lead_gate(p) ?
			pcre2_compile((PCRE2_SPTR)b->data, b->len,
			              PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK |
			              PCRE2_MATCH_INVALID_UTF | PCRE2_ANCHORED,
			              &err, &eoff, NULL) : NULL;
		p->tag = 0;
		if (p->role == R_SUPER && p->lang == L_EN &&
		    b->len == sizeof tag_super_en - 1 &&
		    !memcmp(b->data, tag_super_en, b->len))
			p->tag = TAG_SUPER_EN;
		if (p->role == R_COMPAR && p->lang == L_EN &&
		    b->len == sizeof tag_compar_en - 1 &&
		    !memcmp(b->data, tag_compar_en, b->len))
			p->tag = TAG_COMPAR_EN;
		p->g_speaker = pcre2_substring_number_from_name(
			p->re, (PCRE2_SPTR) "speaker");
		p->g_cue = pcre2_substring_number_from_name(p->re,
		                                            (PCRE2_SPTR) "cue");
		if (p->g_speaker < 0)
			p->g_speaker = -1;
		if (p->g_cue < 0)
			p->g_cue = -1;
	}
	for (k = 0; k < c->nlists; k++)
		if ((rc = wl_index(&c->lists[k])) != 0)
			return rc;
	for (k = 0; k < K_COUNT; k++) {
		const struct wlist *l = find_list(c, known_names[k],
		                                  strlen(known_names[k]));
		c->known[k] = l ? (long)(l - c->lists) : -1;
	}
	if ((rc = derive(c)) != 0)
		return rc;
	if (c->md)
		pcre2_match_data_free(c->md);
	c->md = pcre2_match_data_create(64, NULL);
	if (!c->md)
		return TS_ENOMEM;
	return fw_build(c);
}

static const char *const data_files[] = {
	"claims/quotes.tsv", "claims/units.tsv", "claims/words.tsv",
	"claims/patterns.tsv",
};

int ts_claims_new(ts_claims **out, ts_diag *d)
{
	ts_claims *c;
	size_t i, len;
	int rc;

	*out = NULL;
	if (!(c = calloc(1, sizeof *c)))
		return TS_ENOMEM;
	c->doc.set = ST_ALL;
	if ((rc = ts_numlex_new(&c->num)) != 0)
		goto fail;
	c->mctx = pcre2_match_context_create(NULL);
	c->jstack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
	if (!c->mctx || !c->jstack) {
		rc = TS_ENOMEM;
		goto fail;
	}
	for (i = 0; i < LOG1P_TAB; i++)
		c->l1p[i] = log1p((double)i);
	pcre2_set_match_limit(c->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(c->mctx, DEPTH_LIMIT);
	pcre2_jit_stack_assign(c->mctx, NULL, c->jstack);
	for (i = 0; i < sizeof data_files / sizeof data_files[0]; i++) {
		const char *data = ts_embedded(data_files[i], &len);
		if (!data) {
			rc = ts_diag_set(d, TS_ENOTFOUND, 0, 0,
			                 "embedded %s is missing", data_files[i]);
			goto fail;
		}
		if ((rc = load(c, data, len, data_files[i], d)) != 0)
			goto fail;
	}
	if ((rc = compile_all(c, d)) != 0)
		goto fail;
	*out = c;
	return 0;
fail:
	ts_claims_free(c);
	return rc;
}

int ts_claims_add_patterns(ts_claims *c, const char *data, size_t len,
                           const char *name, ts_diag *d)
{
	size_t i;
	int rc;

	if (!c || (!data && len))
		return TS_EINVAL;
	if ((rc = load(c, data, len, name ? name : "patterns", d)) != 0)
		return rc;
	/* word lists may have grown: recompile everything */
	for (i = 0; i < c->npat; i++)
		uncompile(&c->pat[i]);
	return compile_all(c, d);
}

int ts_claims_slow_paths(ts_claims *c, unsigned paths, ts_diag *d)
{
	size_t i;

	c->byte_prescan = (paths & TS_CLAIMS_BYTE_PRESCAN) != 0;
	c->char_features = (paths & TS_CLAIMS_CHAR_FEATURES) != 0;
	c->regex_tags = (paths & TS_CLAIMS_REGEX_TAGS) != 0;
	c->full_scan = (paths & TS_CLAIMS_FULL_SCAN) != 0;
	if (c->flat_lists == ((paths & TS_CLAIMS_FLAT_LISTS) != 0))
		return 0;
	c->flat_lists = (paths & TS_CLAIMS_FLAT_LISTS) != 0;
	for (i = 0; i < c->npat; i++)
		uncompile(&c->pat[i]);
	return compile_all(c, d);
}

size_t ts_claims_gates(const ts_claims *c, uint64_t *out, size_t cap)
{
	size_t n = c->npw < cap ? c->npw : cap;

	if (n)
		memcpy(out, c->gopen, n * sizeof *out);
	return c->npw;
}

size_t ts_claims_tags_in_c(const ts_claims *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->npat; i++)
		n += c->pat[i].tag != 0;
	return n;
}

size_t ts_claims_lead_patterns(const ts_claims *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->npat; i++)
		n += c->pat[i].re_lead != NULL;
	return n;
}

void ts_claims_trust_utf8(ts_claims *c, int on)
{
	if (c)
		c->trust_utf8 = on != 0;
}

void ts_claims_reset(ts_claims *c)
{
	if (!c)
		return;
	ts_buf_reset(&c->doc.last_speaker);
	ts_buf_reset(&c->doc.pend_speaker);
	ts_buf_reset(&c->doc.pend_cue);
	c->doc.pending = 0;
	c->doc.last_ambiguous = 0;
	c->doc.cont = 0;
	c->doc.set = ST_ALL;
}

/* ---- the document state across handles (claims.h) ---- */

int ts_claims_state_new(ts_claims_state **out)
{
	ts_claims_state *st = calloc(1, sizeof *st);

	*out = st;
	if (!st)
		return TS_ENOMEM;
	st->set = ST_ALL;
	return 0;
}

void ts_claims_state_free(ts_claims_state *st)
{
	if (!st)
		return;
	ts_buf_free(&st->last_speaker);
	ts_buf_free(&st->pend_speaker);
	ts_buf_free(&st->pend_cue);
	ts_buf_free(&st->cont_speaker);
	ts_buf_free(&st->cont_cue);
	free(st);
}

static int buf_copy(ts_buf *to, const ts_buf *from)
{
	ts_buf_reset(to);
	return from->len ? ts_buf_add(to, from->data, from->len) : 0;
}

/* Copy the parts `parts` of a document state. */
static int st_copy(ts_claims_state *to, const ts_claims_state *from,
                   unsigned parts)
{
	int rc = 0;

	if (parts & ST_LAST) {
		rc |= buf_copy(&to->last_speaker, &from->last_speaker);
		to->last_ambiguous = from->last_ambiguous;
	}
	if (parts & ST_PEND) {
		rc |= buf_copy(&to->pend_speaker, &from->pend_speaker);
		rc |= buf_copy(&to->pend_cue, &from->pend_cue);
		to->pending = from->pending;
	}
	if (parts & ST_CONT) {
		rc |= buf_copy(&to->cont_speaker, &from->cont_speaker);
		rc |= buf_copy(&to->cont_cue, &from->cont_cue);
		to->cont = from->cont;
	}
	return rc ? TS_ENOMEM : 0;
}

void ts_claims_guess(ts_claims *c)
{
	if (!c)
		return;
	ts_claims_reset(c);   /* the guess: a document's start */
	c->doc.set = 0;
	c->doc.read = 0;
	c->guessing = 1;
}

int ts_claims_state_get(const ts_claims *c, ts_claims_state *st)
{
	int rc;

	if (!c || !st)
		return TS_EINVAL;
	rc = st_copy(st, &c->doc, ST_ALL);
	st->set = c->doc.set;
	st->read = c->doc.read;
	return rc;
}

int ts_claims_state_set(ts_claims *c, const ts_claims_state *st)
{
	int rc;

	if (!c || !st)
		return TS_EINVAL;
	rc = st_copy(&c->doc, st, ST_ALL);
	c->doc.set = 0;    /* as a guess: note what the rows read of it */
	c->doc.read = 0;
	c->guessing = 0;
	return rc;
}

/* The guess gave every part a document's start: a part read under it
 * holds when `at` has the value that the row's test of it took there
 * (the tests in ts_claims_extract() that call st_read()). The last
 * speaker is never read so: a guess defers it (ts_claims_deferred). */
int ts_claims_state_holds(const ts_claims_state *g, const ts_claims_state *at)
{
	if (!g || !at)
		return 0;
	if ((g->read & ST_PEND) && at->pending)
		return 0;
	if ((g->read & ST_CONT) && at->cont)
		return 0;
	return 1;
}

ts_field ts_claims_state_speaker(const ts_claims_state *at)
{
	ts_field f = {"", 0};

	if (at && at->last_speaker.len && !at->last_ambiguous) {
		f.ptr = at->last_speaker.data;
		f.len = at->last_speaker.len;
	}
	return f;
}

int ts_claims_deferred(const ts_claims *c, size_t i)
{
	return c && i < c->nrows && c->rs[i].deferred;
}

int ts_claims_state_advance(ts_claims_state *at, const ts_claims_state *g)
{
	int rc;

	if (!at || !g)
		return TS_EINVAL;
	rc = st_copy(at, g, g->set);
	at->set = ST_ALL;
	at->read = 0;
	return rc;
}

void ts_claims_free(ts_claims *c)
{
	size_t i, k;

	if (!c)
		return;
	for (i = 0; i < c->npat; i++) {
		uncompile(&c->pat[i]);
		free(c->pat[i].src);
		free(c->pat[i].file);
		free(c->pat[i].gate);
		free(c->pat[i].glit);
	}
	free(c->pat);
	for (i = 0; i < c->nlists; i++) {
		for (k = 0; k < c->lists[i].n; k++)
			free(c->lists[i].w[k]);
		free(c->lists[i].w);
		free(c->lists[i].wl);
		free(c->lists[i].wline);
		free(c->lists[i].wgen);
		free(c->lists[i].hidx);
		free(c->lists[i].name);
	}
	free(c->lists);
	ts_numlex_free(c->num);
	pcre2_match_data_free(c->md);
	pcre2_match_context_free(c->mctx);
	pcre2_jit_stack_free(c->jstack);
	ts_buf_free(&c->scratch);
	free(c->qskip);
	ts_buf_free(&c->arena);
	ts_buf_free(&c->tags);
	ts_buf_free(&c->qty);
	ts_buf_free(&c->tmp);
	ts_buf_free(&c->doc.last_speaker);
	ts_buf_free(&c->doc.pend_speaker);
	ts_buf_free(&c->doc.pend_cue);
	ts_buf_free(&c->doc.cont_speaker);
	ts_buf_free(&c->doc.cont_cue);
	free(c->q);
	free(c->rows);
	free(c->surf);
	free(c->rs);
	fw_free(c);
	gix_free(c);
	role_lists_free(c);
	free(c);
}

/* ------------------------------------------------------------------ */
/* matching                                                             */

/* memmem (not in POSIX 2008): first occurrence of n[0..nl) in h[0..hl). */
static const char *find_bytes(const char *h, size_t hl, const char *n,
                              size_t nl)
{
	const char *p, *end = h + hl;

	if (!nl)
		return h;
	if (nl > hl)
		return NULL;
	/* look for the needle's last byte: in UTF-8 Chinese it is far more
	 * selective than the lead byte shared by thousands of characters */
	p = h + nl - 1;
	while (p < end && (p = memchr(p, n[nl - 1], (size_t)(end - p))) != NULL) {
		if (memcmp(p - (nl - 1), n, nl) == 0)
			return p - (nl - 1);
		p++;
	}
	return NULL;
}

static int bit_test(const uint64_t *v, size_t i)
{
	return (v[i >> 6] >> (i & 63)) & 1u;
}

/* Does a literal of group g of p's gate occur in s[lo..hi)? Only the
 * literals found in the whole text (gseen) can. */
static int group_in(const ts_claims *c, const struct pattern *p, size_t g,
                    const char *s, size_t lo, size_t hi)
{
	size_t k;

	for (k = 0; k < p->ngate; k++) {
		const struct glit *e = &p->glit[k];
		if (e->grp != g || !e->len || e->len > hi - lo)
			continue;
		if (e->lid >= 0 && !bit_test(c->gseen, (size_t)e->lid))
			continue;
		if (find_bytes(s + lo, hi - lo, e->ptr, e->len))
			return 1;
	}
	return 0;
}

/* Does every group of pattern pi's gate have a literal in s[lo..hi), a
 * stretch of the text prescan() indexed? A group none of whose literals
 * occurs in the whole text closes the gate without a search (gopen); on
 * the whole text the answer is gopen itself. Inline: asked for every
 * pattern of every row and mostly answered by one bit (10M instructions
 * per 4 MB in calls otherwise). */
static inline int gate_open(const ts_claims *c, size_t pi, const char *s,
                            size_t lo, size_t hi)
{
	const struct pattern *p = &c->pat[pi];
	size_t g;

	if (!p->glit)
		return 1;
	for (g = 0; g < p->ngroups; g++)
		if (!bit_test(c->gopen, p->unit0 + g))
			return 0;
	if (lo == 0 && hi == c->tlen)
		return 1;
	for (g = 0; g < p->ngroups; g++)
		if (!group_in(c, p, g, s, lo, hi))
			return 0;
	return 1;
}

/* Gate entry e occurs in the text: its units pass. */
static void gix_hit(ts_claims *c, size_t e)
{
	const struct gent *g = &c->gent[e];
	size_t k;

	if (bit_test(c->gseen, e))
		return;
	c->gseen[e >> 6] |= (uint64_t)1 << (e & 63);
	for (k = g->pat0; k < g->pat0 + g->npat; k++)
		c->gopen[c->gpat[k] >> 6] |= (uint64_t)1 << (c->gpat[k] & 63);
}

/* The GKEY bytes at s[at] (key, hashed to h) passed the filter: which
 * entries of the bucket start there? */
static void gix_probe(ts_claims *c, const char *s, size_t len, size_t at,
                      uint32_t key, uint32_t h)
{
	long e;

#if TS_SWAR
	/* eight bytes of the text at once against the literal's first ones
	 * (most probes fail in them, and the literal's own bytes, elsewhere
	 * in memory, are not touched then); not with BYTE_PRESCAN (tests) */
	if (at + 8 <= len && !c->byte_prescan) {
		uint64_t x;
		memcpy(&x, s + at, 8);
		for (e = c->ghead[h & (GHEADS - 1)]; e >= 0; e = c->gent[e].next) {
			const struct gent *g = &c->gent[e];
			if ((x & g->hmask) != g->head || g->len > len - at ||
			    bit_test(c->gseen, (size_t)e))
				continue;
			if (g->len <= 8 || !memcmp(g->ptr + 8, s + at + 8, g->len - 8))
				gix_hit(c, (size_t)e);
		}
		return;
	}
#endif
	for (e = c->ghead[h & (GHEADS - 1)]; e >= 0; e = c->gent[e].next) {
		const struct gent *g = &c->gent[e];
		size_t k;
		if (g->key != key || g->len > len - at)
			continue;
		/* byte by byte: " that" is probed at every " th" and
		 * mostly fails at its fourth byte */
		for (k = GKEY; k < g->len && g->ptr[k] == s[at + k]; k++)
			;
		if (k == g->len)
			gix_hit(c, (size_t)e);
	}
}

/* B_STEP: u8_step() of the byte in bits 4..6 (prescan's step per
 * character) */
enum { B_MARK = 1, B_ALPHA = 2, B_HAN = 4, B_E3 = 8, B_STEP = 4 };

/* The first GKEY bytes of u[0..4) as gix_key() packs them, with one load
 * where the byte order allows. */
static inline uint32_t key4(const unsigned char *u)
{
#if TS_SWAR
	uint32_t x;

	memcpy(&x, u, 4);
	return x & 0xFFFFFFu;
#else
	return gix_key((const char *)u);
#endif
}

/* Record that a quotation mark may start at byte i. */
static void note_mark(ts_claims *c, size_t *nm, size_t i)
{
	if (*nm < MARKCAP)
		c->markpos[(*nm)++] = i;
	else
		c->markover = 1;   /* scan_quotes looks at every byte */
}

/* Byte classes for prescan(): first bytes of quotation marks, ASCII
 * letters, lead bytes of U+4000..U+9FFF, and 0xE3 (U+3000..U+3FFF, Han
 * from U+3400 on: decided by the next byte). */
/* 10-bit hash of the first min(n, 3) bytes of a mark; two-byte marks
 * and longer ones are told apart by n. */
static unsigned mark_hash(const char *m, size_t n)
{
	unsigned h = (unsigned char)m[0] * 31u + (unsigned char)m[1];

	if (n >= 3)
		h = h * 31u + (unsigned char)m[2] + 7u;
	return h & 1023u;
}

static void bclass_build(ts_claims *c)
{
	unsigned b;
	size_t k;

	memset(c->markone, 0, sizeof c->markone);
	memset(c->mark2, 0, sizeof c->mark2);
	for (k = 0; k < 2 * c->npairs; k++) {
		const char *m = k & 1 ? c->pairs[k / 2].close : c->pairs[k / 2].open;
		size_t ml = k & 1 ? c->pairs[k / 2].clen : c->pairs[k / 2].olen;
		if (ml == 1) {
			c->markone[(unsigned char)m[0]] = 1;
		} else if (ml > 1) {
			unsigned h = mark_hash(m, ml);
			c->mark2[h >> 6] |= (uint64_t)1 << (h & 63);
		}
	}
	c->amark[0] = c->amark[1] = 0x80;
	c->amark_ok = 1;
	k = 0;
	for (b = 0; b < 0x80; b++)
		if (c->markfirst[b]) {
			if (k < 2)
				c->amark[k] = (unsigned char)b;
			else
				c->amark_ok = 0;
			k++;
		}
	for (b = 0; b < 256; b++)
		c->bclass[b] = (unsigned char)((c->markfirst[b] ? B_MARK : 0) |
		               u8_step(b) << B_STEP |
		               (is_alpha(b) ? B_ALPHA : 0) |
		               (b >= 0xE4 && b <= 0xE9 ? B_HAN : 0) |
		               (b == 0xE3 ? B_E3 : 0));
}

/*
 * One pass over the text before any pattern runs: which scripts and
 * quotation marks it has, and which gate literals occur (gseen) and so
 * which gates are open (gopen). This replaces one memchr/memcmp search
 * per gate literal and pattern with one hash probe per byte (per
 * character in text that is not all ASCII). Returns the B_* bits; B_HAN
 * when there is a Han character of U+3400..U+9FFF. `ascii`: the text is
 * all ASCII (valid_utf8() said 2).
 */
/* prescan(): probe the gate index at the places at[0..n) whose keys
 * passed the filter (collected without a branch each: a pass is hard to
 * predict; gix_hit() only sets bits, so the order does not matter). */
static void gix_probe_at(ts_claims *c, const char *s, size_t len,
                         const size_t *at, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		/* prescan() counts a place only after writing it: the
		 * analyzer does not follow that (n grows by 0 or 1) */
		/* NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult) */
		uint32_t key = gix_key(s + at[k]);
		gix_probe(c, s, len, at[k], key, gix_hash(key));
	}
}

#define PCAND 256   /* places prescan() collects before probing them */

static unsigned prescan(ts_claims *c, const char *s, size_t len, int ascii)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t w = 0;
	unsigned acc = 0, cls;
	size_t i = 0, k, nm = 0, nc = 0;
	size_t cand[PCAND];

	memset(c->gseen, 0, c->ngw * sizeof *c->gseen);
	memset(c->gopen, 0, c->npw * sizeof *c->gopen);
	c->tlen = len;
	c->markover = 0;
	if (!ascii && !c->byte_prescan)
		goto chars;
#if TS_SWAR
	if (ascii && c->amark_ok && !c->byte_prescan && len >= 8) {
		/*
		 * All ASCII: eight bytes a step. Their classes are letters and
		 * at most two mark bytes, found with word operations; the gate
		 * index is probed at each of the eight, unrolled, the bytes
		 * taken from the word already loaded.
		 */
		uint64_t alpha = 0, v = 0, prev, mk;
#if GKEY != 3
#error "the unrolled probes below key on three bytes"
#endif
		for (i = 0; i + 8 <= len; i += 8) {
			if (nc > PCAND - 8) {
				gix_probe_at(c, s, len, cand, nc);
				nc = 0;
			}
			prev = v;
			memcpy(&v, u + i, 8);
			if (!alpha)   /* any letter: almost always in the first word */
				alpha = ts_swar_alpha(v);
			mk = ts_swar_eq(v, c->amark[0]) | ts_swar_eq(v, c->amark[1]);
			for (; mk; mk &= mk - 1)
				note_mark(c, &nm, i + (size_t)__builtin_ctzll(mk) / 8);
			/* the key that ends at byte k of the word: bytes
			 * k-2..k of it, or of the word before for k < 2 */
#define PROBE(k, key)                                                   \
	do {                                                            \
		uint32_t w_ = (uint32_t)(key) & 0xFFFFFFu;              \
		cand[nc] = i + (k) + 1 - GKEY;                          \
		nc += c->gfilter[gix_hash(w_)] & 1u;                    \
	} while (0)
			if (i) {   /* bytes 0 and 1 of the text end no key */
				PROBE(0, prev >> 48 | v << 16);
				PROBE(1, prev >> 56 | v << 8);
			}
			PROBE(2, v);
			PROBE(3, v >> 8);
			PROBE(4, v >> 16);
			PROBE(5, v >> 24);
			PROBE(6, v >> 32);
			PROBE(7, v >> 40);
#undef PROBE
		}
		gix_probe_at(c, s, len, cand, nc);
		for (; i < len; i++) {
			uint32_t h;
			acc |= cls = c->bclass[u[i]];
			if (cls & B_MARK)
				note_mark(c, &nm, i);
			w = gix_key(s + i + 1 - GKEY);   /* i >= 8 here */
			h = gix_hash(w);
			if (c->gfilter[h])
				gix_probe(c, s, len, i + 1 - GKEY, w, h);
		}
		if (alpha)
			acc |= B_ALPHA;
		if (nm || c->markover)
			acc |= B_MARK;
		goto done;
	}
#endif
	for (i = 0; i < len && i < GKEY - 1; i++) {
		acc |= cls = c->bclass[u[i]];
		if (cls & B_MARK)
			note_mark(c, &nm, i);
		w = w >> 8 | (uint32_t)u[i] << 16;
	}
	for (; i < len; i++) {
		uint32_t h;
		acc |= cls = c->bclass[u[i]];
		/* where the quotation scanner must look (it visited every
		 * byte before) */
		if (cls & B_MARK)
			note_mark(c, &nm, i);
		w = w >> 8 | (uint32_t)u[i] << 16;
		h = gix_hash(w);
		if (c->gfilter[h])
			gix_probe(c, s, len, i + 1 - GKEY, w, h);
	}
	goto done;
chars:
	/*
	 * One step per character: gate literals and marks are UTF-8
	 * strings, so in valid UTF-8 they start where a character does
	 * (their first byte is ASCII or a lead byte), and a Chinese
	 * character costs one probe instead of three. w holds the GKEY
	 * bytes from i on (the key of the literals that may start there):
	 * shifted along ASCII, loaded again after a longer character. (The
	 * loop above, for all-ASCII text, keys on the bytes that end at i:
	 * no look-ahead, fewer instructions per byte.)
	 */
	if (len >= 4)
		w = key4(u);
	while (i + 4 <= len) {
		unsigned b = u[i];
		if ((b & 0xF0) == 0xE0) {
			/* a run of three-byte characters (Chinese text): the
			 * steps below with the step known, not read from the
			 * class table (a load in the chain from one character
			 * to the next) */
			do {
				acc |= cls = c->bclass[u[i]];
				if (cls & B_MARK)
					note_mark(c, &nm, i);
				if (nc == PCAND) {
					gix_probe_at(c, s, len, cand, nc);
					nc = 0;
				}
				cand[nc] = i;
				nc += c->gfilter[gix_hash(key4(u + i))] & 1u;
				i += 3;
			} while (i + 4 <= len && (u[i] & 0xF0) == 0xE0);
			if (i + 4 <= len)
				w = key4(u + i);
			continue;
		}
		acc |= cls = c->bclass[b];
		if (cls & B_MARK)
			note_mark(c, &nm, i);
		if (nc == PCAND) {
			gix_probe_at(c, s, len, cand, nc);
			nc = 0;
		}
		cand[nc] = i;   /* w is the key at i */
		nc += c->gfilter[gix_hash(w)] & 1u;   /* 0 or 1 */
		if (b < 0x80) {
			w = w >> 8 | (uint32_t)u[i + 3] << 16;
			i++;
		} else {
			i += cls >> B_STEP;
			if (i + 4 <= len)
				w = key4(u + i);
		}
	}
	gix_probe_at(c, s, len, cand, nc);
	while (i < len) {
		unsigned b = u[i];
		acc |= cls = c->bclass[b];
		if (cls & B_MARK)
			note_mark(c, &nm, i);
		if (i + GKEY <= len) {
			uint32_t key = gix_key(s + i), h = gix_hash(key);
			if (c->gfilter[h])
				gix_probe(c, s, len, i, key, h);
		}
		i += u8_step(b);
	}
done:
	c->nmark = nm;
	if (!(acc & B_HAN) && (acc & B_E3))
		for (i = 0; i + 1 < len; i++)
			if (u[i] == 0xE3 && u[i + 1] >= 0x90) {
				acc |= B_HAN;
				break;
			}
	/* literals too short for the index: searched as before */
	for (k = 0; k < c->ngshort; k++) {
		size_t un = c->gshortunit[k], j;
		const struct pattern *p = &c->pat[c->gshortpat[k]];
		for (j = 0; j < p->ngate; j++)
			if (p->unit0 + p->glit[j].grp == un && p->glit[j].lid < 0 &&
			    p->glit[j].len && p->glit[j].len <= len &&
			    find_bytes(s, len, p->glit[j].ptr, p->glit[j].len)) {
				c->gopen[un >> 6] |= (uint64_t)1 << (un & 63);
				break;
			}
	}
	return acc;
}

/* Run pattern p on s[start..end) (the subject is s[0..end) so that
 * lookbehinds see the context). Returns 1 on a match (ovector in c->md),
 * 0 on none; a limit hit sets c->limit_hit and counts as no match. */
static int run_code(ts_claims *c, pcre2_code *re, int *jit, const char *s,
                    size_t start, size_t end, uint32_t opts)
{
	int rc;

	/* pcre2_jit_match() does not check the start offset */
	if (!re || start > end)
		return 0;
	/* JIT failure is not fatal: the interpreter is used then */
	if (!*jit)
		*jit = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0 ? 1 : -1;
	/* the text is valid UTF-8 (ts_claims_extract repairs it) unless
	 * trusted to be, and the patterns are compiled to stay within it
	 * when not (PCRE2_MATCH_INVALID_UTF), so the JIT fast path, which
	 * skips pcre2_match()'s checks, is safe; same matches, same limits
	 * (the match context) */
	if (*jit > 0)
		rc = pcre2_jit_match(re, (PCRE2_SPTR)s, end, start, opts,
		                     c->md, c->mctx);
	else
		rc = pcre2_match(re, (PCRE2_SPTR)s, end, start,
		                 opts | PCRE2_NO_UTF_CHECK, c->md, c->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_JIT_STACKLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
	    rc == PCRE2_ERROR_NOMEMORY)
		c->limit_hit = 1;
	return 0;
}

static int run(ts_claims *c, struct pattern *p, const char *s,
               size_t start, size_t end, uint32_t opts)
{
	return run_code(c, p->re, &p->jit, s, start, end, opts);
}

#define LEAD_MAX 16   /* literals of a lead gate followed at once */

/*
 * run() of a pattern whose every match starts with a literal of its gate
 * (re_lead set, lead_gate()) on the text prescan() indexed, from start:
 * the anchored pattern at each place where one of the literals seen in
 * the text occurs, in order; the first that matches is the match the
 * unanchored search would find, since no match can start elsewhere.
 * (The match limit then counts per place rather than per search: the
 * lead patterns have bounded repeats and stay far below it.)
 */
static int run_lead(ts_claims *c, struct pattern *p, const char *s,
                    size_t start, size_t end)
{
	const struct glit *lit[LEAD_MAX];
	size_t next[LEAD_MAX], n = 0, k, at;

	for (k = 0; k < p->ngate; k++) {
		const struct glit *e = &p->glit[k];
		const char *f;
		if (!bit_test(c->gseen, (size_t)e->lid))
			continue;
		if (n == LEAD_MAX)
			return run(c, p, s, start, end, 0);
		if (start <= end &&
		    (f = find_bytes(s + start, end - start, e->ptr, e->len)) != NULL) {
			lit[n] = e;
			next[n++] = (size_t)(f - s);
		}
	}
	for (;;) {
		at = SIZE_MAX;
		for (k = 0; k < n; k++)
			if (next[k] < at)
				at = next[k];
		if (at == SIZE_MAX)
			return 0;
		if (run_code(c, p->re_lead, &p->jit_lead, s, at, end, 0))
			return 1;
		for (k = 0; k < n; k++) {
			const char *f;
			if (next[k] != at)
				continue;
			f = find_bytes(s + at + 1, end - at - 1, lit[k]->ptr, lit[k]->len);
			next[k] = f ? (size_t)(f - s) : SIZE_MAX;
		}
	}
}

/* Group g of the last match, or 0 when unset. */
static int group(const ts_claims *c, int g, size_t *off, size_t *len)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);

	if (g < 0 || ov[2 * g] == PCRE2_UNSET)
		return 0;
	*off = ov[2 * g];
	*len = ov[2 * g + 1] - ov[2 * g];
	return 1;
}

/* ------------------------------------------------------------------ */
/* presence-only tags decided in C                                      */

/* The superlative and comparative patterns of English only tag a text
 * (whether they match, not where), yet their gates ("est", "than") pass
 * on a third of English rows, and PCRE2 then tries every b/w/t/e/s...
 * of the row. tag_match() decides the same question on the ASCII
 * around each literal: 1 = the pattern matches, 0 = it does not,
 * -1 = it cannot tell (a byte >= 0x80 where \b, \w or \s would look,
 * or a character that folds to an ASCII letter), and PCRE2 decides.
 * Why the answer is the pattern's, with PCRE2_UTF | PCRE2_UCP and (?i):
 * on ASCII, \w is [0-9A-Za-z_] and \s is [\t\n\v\f\r ]; the only
 * characters outside ASCII that match an ASCII letter caselessly are
 * U+017F (s) and U+212A (k), whose texts go to PCRE2; every match of
 * the literals is found, as each starts with its own ASCII letter.
 * The match limit cannot be reached on texts of up to TAG_MAX bytes,
 * which is the only other way PCRE2 could say no (a "limit" tag); the
 * test compares both ways on random texts (TS_CLAIMS_REGEX_TAGS). */
#define TAG_MAX 4096

/* 1: \w, 0: not, 2: a byte of a character past ASCII (unknown) */
static unsigned char tag_wclass(unsigned char b)
{
	if (b >= 0x80)
		return 2;
	return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' &&
	       (b | 0x20) <= 'z') || b == '_';
}

/* s[at..) starts with lower-case ASCII w, any case (or '-'/' ' as is) */
static int tag_lit(const char *s, size_t len, size_t at, const char *w,
                   size_t n)
{
	size_t k;

	if (len - at < n)
		return 0;
	for (k = 0; k < n; k++) {
		unsigned char b = (unsigned char)s[at + k];
		if (w[k] >= 'a' && w[k] <= 'z' ? (b | 0x20) != (unsigned char)w[k]
		                                : b != (unsigned char)w[k])
			return 0;
	}
	return 1;
}

/* \b before s[at] (a word character) and after s[e - 1] (one too):
 * 1 both hold, 0 one fails, -1 unknown */
static int tag_bounds(const char *s, size_t len, size_t at, size_t e)
{
	unsigned l = at ? tag_wclass((unsigned char)s[at - 1]) : 0;
	unsigned r = e < len ? tag_wclass((unsigned char)s[e]) : 0;

	if (l == 1 || r == 1)
		return 0;
	return l == 2 || r == 2 ? -1 : 1;
}

/* \s+ at s[at..): the end of the run of ASCII spaces, or 0 when there is
 * none (s[at] is no space); *unk set when a byte past ASCII ends it (a
 * space of Unicode may go on) */
static size_t tag_spaces(const char *s, size_t len, size_t at, int *unk)
{
	size_t e = at;

	while (e < len && (s[e] == ' ' || (s[e] >= '\t' && s[e] <= '\r')))
		e++;
	if (e < len && (unsigned char)s[e] >= 0x80) {
		*unk = 1;
		return 0;
	}
	return e > at ? e : 0;
}

/* \s+than\b at s[at..): 1, 0 or -1 */
static int tag_than(const char *s, size_t len, size_t at)
{
	int unk = 0;
	size_t e = tag_spaces(s, len, at, &unk);
	unsigned r;

	if (unk)
		return -1;
	if (!e || !tag_lit(s, len, e, "than", 4))
		return 0;
	r = e + 4 < len ? tag_wclass((unsigned char)s[e + 4]) : 0;
	return r == 2 ? -1 : r == 0;
}

static const char *const tag_most[] = {
	"best", "worst", "most", "least", "largest", "biggest", "highest",
	"lowest", "fastest", "greatest", "smallest", "strongest", "weakest",
	"cheapest", "richest", "poorest", "oldest", "youngest", "first-ever"
};

/* one start position of TAG_SUPER_EN: 1, 0 or -1 */
static int tag_super_at(const char *s, size_t len, size_t p)
{
	switch ((unsigned char)s[p] | 0x20) {
	case 'b':
		return tag_lit(s, len, p, "best", 4) ?
		       tag_bounds(s, len, p, p + 4) : 0;
	case 'w':
		return tag_lit(s, len, p, "worst", 5) ?
		       tag_bounds(s, len, p, p + 5) : 0;
	case 'a':
		return tag_lit(s, len, p, "all-time", 8) ?
		       tag_bounds(s, len, p, p + 8) : 0;
	case 'r':
		if (!tag_lit(s, len, p, "record", 6) || p + 7 > len ||
		    (s[p + 6] != '-' && s[p + 6] != ' '))
			return 0;
		if (tag_lit(s, len, p + 7, "high", 4))
			return tag_bounds(s, len, p, p + 11);
		if (tag_lit(s, len, p + 7, "low", 3))
			return tag_bounds(s, len, p, p + 10);
		return 0;
	case 't': {
		int unk = 0, any = 0;
		size_t e, k, n;
		if (!tag_lit(s, len, p, "the", 3))
			return 0;
		e = tag_spaces(s, len, p + 3, &unk);
		if (unk)   /* \b before "the" may still fail */
			return p && tag_wclass((unsigned char)s[p - 1]) == 1 ? 0 : -1;
		if (!e || e == len)   /* "the" and spaces end the text */
			return 0;
		for (k = 0; k < sizeof tag_most / sizeof *tag_most; k++) {
			/* the first letter first: "the" is common, and most
			 * words after it start none of these */
			if (((unsigned char)s[e] | 0x20) != (unsigned char)tag_most[k][0])
				continue;
			n = strlen(tag_most[k]);
			if (!tag_lit(s, len, e, tag_most[k], n))
				continue;
			/* \b before "the", after the word */
			{
				unsigned l = p ? tag_wclass((unsigned char)s[p - 1]) : 0;
				unsigned rr = e + n < len ?
				              tag_wclass((unsigned char)s[e + n]) : 0;
				if (l == 1)
					return 0;
				if (rr == 1)
					continue;
				if (l == 2 || rr == 2)
					any = 1;
				else
					return 1;
			}
		}
		return any ? -1 : 0;
	}
	default:
		return 0;
	}
}

/* one start position of TAG_COMPAR_EN: 1, 0 or -1 */
static int tag_compar_at(const char *s, size_t len, size_t p)
{
	unsigned l;
	int r;
	size_t k;

	switch ((unsigned char)s[p] | 0x20) {
	case 'w': case 'm': case 'l': {
		const char *w = ((unsigned char)s[p] | 0x20) == 'w' ? "worse" :
		                ((unsigned char)s[p] | 0x20) == 'm' ? "more" : "less";
		k = strlen(w);
		if (!tag_lit(s, len, p, w, k))
			return 0;
		break;
	}
	case 'e':
		/* (?<=\w{3})er: three characters, so three bytes at least */
		if (!tag_lit(s, len, p, "er", 2) || p < 3)
			return 0;
		for (k = 1; k <= 3; k++) {
			l = tag_wclass((unsigned char)s[p - k]);
			if (l != 1)
				return l == 2 ? (tag_than(s, len, p + 2) ? -1 : 0) : 0;
		}
		return tag_than(s, len, p + 2);
	case 'o':
		if (!tag_lit(s, len, p, "outpac", 6) &&
		    !tag_lit(s, len, p, "outperform", 10))
			return 0;
		l = p ? tag_wclass((unsigned char)s[p - 1]) : 0;
		return l == 2 ? -1 : l == 0;
	case 's':
		if (!tag_lit(s, len, p, "surpass", 7))
			return 0;
		l = p ? tag_wclass((unsigned char)s[p - 1]) : 0;
		return l == 2 ? -1 : l == 0;
	default:
		return 0;
	}
	/* worse|more|less: \b before, \s+than\b after */
	l = p ? tag_wclass((unsigned char)s[p - 1]) : 0;
	if (l == 1)
		return 0;
	r = tag_than(s, len, p + k);
	return r == 0 ? 0 : l == 2 ? -1 : r;
}

/* Whether tag pattern `tag` matches s[0..len): 1, 0, or -1 when PCRE2
 * must decide (see above). ascii: the text is all ASCII.
 * Every literal of TAG_SUPER_EN, and of TAG_COMPAR_EN but "er", follows
 * \b and starts with a letter: they can start at the first byte of a run
 * of ASCII \w only (a run after a byte past ASCII included: there the
 * *_at functions cannot tell). "er" is followed by \s, so it ends such a
 * run. One walk over the runs, a test of the first letter, and the
 * literals are compared where the letter fits. */
#if defined(__GNUC__)
/* out of line: inlined, it cost ts_claims_extract's pre-scan registers
 * (1% more instructions there on Chinese text, which never calls it) */
__attribute__((noinline))
#endif
static int tag_match(int tag, const char *s, size_t len, int ascii)
{
	/* bit 0: ASCII \w; bit 1: first letter of a superlative literal;
	 * bit 2: of a comparative one ("er" included: after a byte past
	 * ASCII "er" may start a run) */
	static const unsigned char cls[256] = {
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
		['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1,
		['A'] = 3, ['a'] = 3, ['B'] = 3, ['b'] = 3, ['C'] = 1, ['c'] = 1,
		['D'] = 1, ['d'] = 1, ['E'] = 5, ['e'] = 5, ['F'] = 1, ['f'] = 1,
		['G'] = 1, ['g'] = 1, ['H'] = 1, ['h'] = 1, ['I'] = 1, ['i'] = 1,
		['J'] = 1, ['j'] = 1, ['K'] = 1, ['k'] = 1, ['L'] = 5, ['l'] = 5,
		['M'] = 5, ['m'] = 5, ['N'] = 1, ['n'] = 1, ['O'] = 5, ['o'] = 5,
		['P'] = 1, ['p'] = 1, ['Q'] = 1, ['q'] = 1, ['R'] = 3, ['r'] = 3,
		['S'] = 5, ['s'] = 5, ['T'] = 3, ['t'] = 3, ['U'] = 1, ['u'] = 1,
		['V'] = 1, ['v'] = 1, ['W'] = 7, ['w'] = 7, ['X'] = 1, ['x'] = 1,
		['Y'] = 1, ['y'] = 1, ['Z'] = 1, ['z'] = 1,
	};
	const unsigned char *u = (const unsigned char *)s;
	unsigned want = tag == TAG_SUPER_EN ? 2u : 4u;
	size_t p = 0, w;
	int unk = 0, r;

	if (len > TAG_MAX)
		return -1;
	if (!ascii) {
		/* U+017F, U+212A match s and k caselessly (memchr: 0xE2 starts
		 * the curly quotes of many English texts) */
		const unsigned char *x = u, *end = u + len;
		while ((x = memchr(x, 0xC5, (size_t)(end - x))) != NULL &&
		       ++x < end)
			if (*x == 0xBF)
				return -1;
		x = u;
		while ((x = memchr(x, 0xE2, (size_t)(end - x))) != NULL &&
		       ++x + 1 < end)
			if (x[0] == 0x84 && x[1] == 0xAA)
				return -1;
	}
	while (p < len) {
		if (!(cls[u[p]] & 1)) {
			p++;
			continue;
		}
		/* the run: letters a word at a time, a digit or '_' each */
		w = p;
		for (;;) {
			p = ts_letters_end(s, len, p, 0);
			if (p < len && (cls[u[p]] & 1))
				p++;
			else
				break;
		}
		/* a run of \w at [w, p); a literal followed by \b or \s is
		 * the whole run ("the", "best", "more"), the others start it
		 * (outpac, surpass) */
		r = 0;
		if (cls[u[w]] & want) {
			/* by first letter: a, t 3; b, m, l 4; w 5; r 6; e 2;
			 * o, s 6 or more (0) */
			static const unsigned char need[26] = {
				3, 4, 0, 0, 2, 0, 0, 0, 0, 0, 0, 4, 4,
				0, 0, 0, 0, 6, 0, 3, 0, 0, 5, 0, 0, 0
			};
			size_t rl = p - w;
			unsigned nl = need[(u[w] | 0x20u) - 'a'];
			r = nl ? rl == nl : rl >= 6;
			if (r)
				r = tag == TAG_SUPER_EN ? tag_super_at(s, len, w) :
				    tag_compar_at(s, len, w);
		}
		if (!r && want == 4u && p - w >= 3 && (u[p - 1] | 0x20) == 'r' &&
		    (u[p - 2] | 0x20) == 'e')
			r = tag_compar_at(s, len, p - 2);
		if (r > 0)
			return 1;
		if (r < 0)
			unk = 1;
	}
	return unk ? -1 : 0;
}

/* Trim spaces and ASCII/CJK punctuation at both ends of (off,len). */
static void trim(const char *s, size_t *off, size_t *len)
{
	size_t n;
	unsigned ch;

	while (*len) {
		ch = dec(s + *off, *len, &n);
		if (!is_space(ch) && !is_stop_punct(ch) && ch != '.' && ch != '\'')
			break;
		*off += n;
		*len -= n;
	}
	while (*len) {
		size_t p = prev_char(s + *off, *len);
		ch = dec(s + *off + p, *len - p, &n);
		if (!is_space(ch) && !is_stop_punct(ch) && ch != '\'')
			break;
		*len = p;
	}
}

/* Where the word of srcnoun.zh that ends s[0..n) starts (at most four
 * characters back), or n when none ends it. */
static size_t srcnoun_tail(const ts_claims *c, const char *s, size_t n)
{
	size_t k = n, i;

	for (i = 0; k > 0 && i < 4; i++) {
		k = prev_char(s, k);
		if (in_list(c, K_SRCNOUN_ZH, s + k, n - k))
			return k;
	}
	return n;
}

/* Is the character at s one of the one-character adverbs 也 又 就 便 才
 * 还 却 再 都 (no Chinese name starts with one)? */
static int is_adverb1(const char *s)
{
	static const char a[] = "\xE4\xB9\x9F\xE5\x8F\x88\xE5\xB0\xB1"
	                        "\xE4\xBE\xBF\xE6\x89\x8D\xE8\xBF\x98"
	                        "\xE5\x8D\xB4\xE5\x86\x8D\xE9\x83\xBD";
	size_t k;

	for (k = 0; k + 3 <= sizeof a - 1; k += 3)
		if (!memcmp(s, a + k, 3))
			return 1;
	return 0;
}

/*
 * Chinese speaker: trim a run of name-ish text. Lead words (此前 对此) go;
 * "X的评价" → X; "A的B" → B; a title word keeps only the name after it
 * (首席科学家张三 → 张三: titles are kept OUT of the speaker).
 */
static void trim_zh(const ts_claims *c, const char *s, size_t *off,
                    size_t *len)
{
	size_t k, at, wl;
	int again = 1;

	/* a run that opens with a title in 《》 (《科技日报》报道称：) is
	 * that publication's */
	if (*len > 6 && !memcmp(s + *off, "\xE3\x80\x8A", 3)) {
		for (k = 3; k + 3 <= *len; k++)
			if (!memcmp(s + *off + k, "\xE3\x80\x8B", 3)) {
				if (k > 3) {
					*off += 3;
					*len = k - 3;
					return;
				}
				break;
			}
	}

	while (again && *len) {
		again = 0;
		k = list_prefix(c, K_LEAD_ZH, s + *off, *len);
		if (k && k <= *len) {
			*off += k;
			*len -= k;
			again = 1;
		}
	}
	/* existential 有 before a group: 有用户吐槽 / 有网友说 → 用户 / 网友
	 * (有人 is itself a group word and stays) */
	if (*len > 3 && memcmp(s + *off, "\xE6\x9C\x89", 3) == 0 &&
	    list_prefix(c, K_GROUP_ZH, s + *off + 3, *len - 3)) {
		*off += 3;
		*len -= 3;
	}
	/* a run that starts with 对/向/在 or an adverb that no name starts
	 * with (又 也 就 …) has no subject of its own ("，对姐夫说：",
	 * "，又改变口气说：" - the speaker is the clause subject) */
	if (*len && (list_prefix(c, K_ADVPREP_ZH, s + *off, *len) ||
	             (*len > 3 && is_adverb1(s + *off)))) {
		*len = 0;
		return;
	}
	/* adverbials before the cue: 张三在微博上 / 张三也 / 润叶佩服地对少安 */
	again = 1;
	while (again && *len) {
		size_t p;
		again = 0;
		/* a word of advtail.zh at the end (up to five characters,
		 * stepped by character: a name may hold · or Latin) */
		for (p = *len, k = 0; p > 0 && k < 5; k++) {
			p = prev_char(s + *off, p);
			if (in_list(c, K_ADVTAIL_ZH, s + *off + p, *len - p)) {
				*len = p;
				again = 1;
				break;
			}
		}
		if (again)
			continue;
		/* 在/对/向 … after the name: cut at the first one */
		for (p = 0; p < *len; p += wl) {
			dec(s + *off + p, *len - p, &wl);
			if (p && list_prefix(c, K_ADVPREP_ZH, s + *off + p, *len - p)) {
				*len = p;
				again = 1;
				break;
			}
		}
		if (again)
			continue;
		/* XX地, X着 (佩服地, 笑着): manner before the cue */
		if (*len >= 12 && !memcmp(s + *off + *len - 3, "\xE5\x9C\xB0", 3)) {
			*len -= 9;
			again = 1;
		} else if (*len >= 12 &&
		           !memcmp(s + *off + *len - 3, "\xE7\x9D\x80", 3)) {
			*len -= 6;
			again = 1;
		}
	}
	/* a source and what it published: IDC数据 → IDC, 国家统计局数据 →
	 * 国家统计局; not when what is left is one character or itself
	 * such a word (研究报告, 该报告) */
	k = srcnoun_tail(c, s + *off, *len);
	if (k < *len) {
		size_t rn;
		dec(s + *off, k, &rn);
		if (k > rn && srcnoun_tail(c, s + *off, k) == k)
			*len = k;
	}
	/* a gloss after the name: 萨姆·奥尔特曼（Sam Altman） */
	if (*len > 3 && (s[*off + *len - 1] == ')' ||
	                 (*len >= 3 && !memcmp(s + *off + *len - 3, "\xEF\xBC\x89", 3)))) {
		const char *o = s[*off + *len - 1] == ')' ? "(" : "\xEF\xBC\x88";
		size_t ol = strlen(o);
		for (k = *len; k >= ol; k--)
			if (!memcmp(s + *off + k - ol, o, ol)) {
				*len = k - ol;
				break;
			}
	}
	/* 的 */
	{
		const char *de = "\xE7\x9A\x84";
		size_t first = SIZE_MAX, last = SIZE_MAX;
		for (k = 0; k + 3 <= *len; k++)
			if (memcmp(s + *off + k, de, 3) == 0) {
				if (first == SIZE_MAX)
					first = k;
				last = k;
			}
		if (first != SIZE_MAX) {
			size_t post = last + 3;
			if (post >= *len ||
			    list_prefix(c, K_SPEECHNOUN_ZH, s + *off + post,
			                *len - post)) {
				*len = first;
			} else {
				*off += post;
				*len -= post;
			}
		}
	}
	wl = list_find_last(c, K_TITLE_ZH, s + *off, *len, &at, 0);
	if (!wl)
		wl = list_find_last(c, K_TITLE_EN, s + *off, *len, &at, 1);
	if (wl && at + wl < *len) {
		*off += at + wl;
		*len -= at + wl;
	}
	trim(s, off, len);
	/* a long all-Han run with no title or group (金俊山也气势, 润叶回):
	 * a name is 3 characters after a common surname, else it ends at
	 * the first verb-like character */
	if (*len > 9 && *len <= 30 && !c->sources) {
		size_t k2, n2, chars = 0, cut = 0, at2;
		int allhan = 1;
		for (k2 = 0; k2 < *len; k2 += n2) {
			if (!is_han(dec(s + *off + k2, *len - k2, &n2))) {
				allhan = 0;
				break;
			}
			if (chars >= 2 && !cut &&
			    list_prefix(c, K_VERBSTART_ZH, s + *off + k2, *len - k2))
				cut = k2;
			chars++;
		}
		if (allhan && !list_find_last(c, K_GROUP_ZH, s + *off, *len, &at2, 0)) {
			if (cut && cut <= 9)
				*len = cut;
			else if (in_list(c, K_SURNAME_ZH, s + *off, 3))
				*len = 9;
		}
	}
	/* one Han character is an adverb left over (就 才), not a name,
	 * unless it is a pronoun */
	if (*len == 3 && (unsigned char)s[*off] >= 0xE3 &&
	    !in_list(c, K_PRONOUN_ZH, s + *off, 3))
		*len = 0;
	/* a long run that holds a group word: the group is the speaker
	 * (也有人毫不客气 → 有人) */
	if (*len > 12) {
		wl = list_find_last(c, K_GROUP_ZH, s + *off, *len, &at, 0);
		/* one that ends the run names a kind of it (另一位用户,
		 * 前面的网友): a longer run only */
		if (wl && (at + wl < *len || *len > 18)) {
			*off += at;
			*len = wl;
		}
	}
}

/* English speaker from a run of words: titles out (OpenAI researcher Jane
 * Doe → Jane Doe), leading lower-case adverbs dropped. */
static void trim_en(const ts_claims *c, const char *s, size_t *off,
                    size_t *len)
{
	size_t at, wl, k;

	trim(s, off, len);
	/* drop leading lower-case words that are neither determiners nor
	 * list words (e.g. "later", "yesterday") */
	for (;;) {
		size_t e = 0;
		while (e < *len && s[*off + e] != ' ')
			e++;
		if (e >= *len || !e)
			break;
		if (is_upper((unsigned char)s[*off]) ||
		    in_list(c, K_DET_EN, s + *off, e) ||
		    in_list(c, K_GROUP_EN, s + *off, e) ||
		    in_list(c, K_TITLE_EN, s + *off, e) ||
		    in_list(c, K_PRONOUN_EN, s + *off, e))
			break;
		*off += e + 1;
		*len -= e + 1;
	}
	/* apposition: "Brent Bozell III, founder of …" → the name */
	{
		const char *comma = memchr(s + *off, ',', *len);
		if (comma && comma > s + *off)
			*len = (size_t)(comma - (s + *off));
	}
	{
		/* "(D-Ore.)" after a name */
		const char *par = memchr(s + *off, '(', *len);
		if (par && par > s + *off)
			*len = (size_t)(par - (s + *off));
	}
	wl = list_find_last(c, K_TITLE_EN, s + *off, *len, &at, 1);
	if (wl && at + wl < *len) {
		k = at + wl;
		while (k < *len && s[*off + k] == ' ')
			k++;
		if (k < *len && is_upper((unsigned char)s[*off + k])) {
			*off += k;
			*len -= k;
		}
	}
	trim(s, off, len);
}

/* Is s[b..e) the gloss of a name in brackets: a Latin transcription
 * (Sam Altman) or at most four Han characters (化名, 音译), nothing with
 * digits or a clause ("比出租车贵3-5倍")? */
static int gloss_ok(const char *s, size_t b, size_t e)
{
	size_t i, n, han = 0, latin = 0;
	unsigned ch;

	for (i = b; i < e; i += n) {
		ch = dec(s + i, e - i, &n);
		if (is_han(ch))
			han++;
		else if (is_alpha(ch))
			latin++;
		else if (ch != ' ' && ch != '.' && ch != '-' && ch != 0xB7 &&
		         ch != '\'')
			return 0;
	}
	return (han && han <= 4 && !latin) || (latin && !han);
}

/* Where the bracket that closes at p opens: the character `open`, walking
 * back from p over at most max characters, no punctuation between (not
 * before lo). SIZE_MAX when there is none; *steps gets the characters
 * walked. */
static size_t bracket_open(const char *s, size_t lo, size_t p, unsigned open,
                           size_t max, size_t *steps)
{
	size_t q = p, k = 0, n;
	unsigned ch;

	while (q > lo && k < max) {
		q = prev_char(s, q);
		k++;
		ch = dec(s + q, p - q, &n);
		if (ch == open) {
			*steps = k;
			return q >= lo ? q : SIZE_MAX;
		}
		if (is_stop_punct(ch))
			break;
	}
	*steps = k;
	return SIZE_MAX;
}

/* Walk back from `pos` over a speaker phrase (not past `lo`). */
static void walk_back(const ts_claims *c, const char *s, size_t lo,
                      size_t pos, int lang, size_t *off, size_t *len)
{
	size_t i = pos, n, words = 0;
	unsigned ch;

	/* skip spaces before the cue */
	while (i > lo) {
		size_t p = prev_char(s, i);
		ch = dec(s + p, i - p, &n);
		if (!is_space(ch))
			break;
		i = p;
	}
	*off = *len = 0;
	if (lang == L_ZH) {
		size_t chars = 0, k;
		/* a nickname in quotation marks right before the cue is the
		 * speaker (网友“科技老王”评论说：) */
		if (i > lo + 6 && !memcmp(s + i - 3, "\xE2\x80\x9D", 3)) {
			size_t q = i - 3;
			for (k = 0; q > lo && k < 12; k++) {
				size_t p = prev_char(s, q), pn;
				unsigned pc = dec(s + p, q - p, &pn);
				if (pc == 0x201C) {
					if (q < i - 3) {
						*off = q;
						*len = i - 3 - q;
						return;
					}
					break;
				}
				if (is_stop_punct(pc) || pc == ' ')
					break;
				q = p;
			}
		}
		while (i > lo && chars < 40) {
			size_t p = prev_char(s, i);
			if (p < lo)
				break;
			ch = dec(s + p, i - p, &n);
			if (ch == 0x300B) {
				/* a title in 《》 (对《科技日报》说): part of the
				 * run, cut with 对 by trim_zh */
				size_t q = bracket_open(s, lo, p, 0x300A, 20, &k);
				if (q == SIZE_MAX)
					break;
				chars += k;
				i = q;
				continue;
			}
			if ((ch == 0xFF09 || ch == ')') && chars == 0)
				break;   /* (…) right before the cue: no name */
			if (ch == 0xFF09 || ch == ')') {
				/* a name's gloss: 奥尔特曼（Sam Altman）在X上 */
				size_t q = bracket_open(s, lo, p, ch == ')' ? '(' : 0xFF08,
				                        40 - chars, &k), qn;
				chars += k;
				if (q == SIZE_MAX || q == lo)
					break;
				dec(s + q, p - q, &qn);
				if (!gloss_ok(s, q + qn, p))
					break;
				/* a gloss follows a name: none before it, none */
				qn = prev_char(s, q);
				if (qn < lo || is_stop_punct(dec(s + qn, q - qn, &n)) ||
				    s[qn] == ' ')
					break;
				i = q;
				continue;
			}
			if (is_stop_punct(ch) || (ch == ' ' && !(p > lo &&
			    is_alpha((unsigned char)s[p - 1]))))
				break;
			i = p;
			chars++;
		}
		*off = i;
		*len = pos - i;
		/* trim() drops a leading 《: trim_zh() must see it */
		if (*len <= 6 || memcmp(s + i, "\xE3\x80\x8A", 3) != 0)
			trim(s, off, len);
		trim_zh(c, s, off, len);
		return;
	}
	/* English: words back to punctuation or a stop word */
	while (i > lo && words < 8) {
		size_t e = i, b = i;
		while (b > lo) {
			size_t p = prev_char(s, b);
			ch = dec(s + p, b - p, &n);
			if (is_space(ch) || (is_stop_punct(ch) && ch != 0x2019))
				break;
			b = p;
		}
		if (b == e)
			break;
		/* "in 2016. Smith said": a full stop ends the phrase unless
		 * it is an initial or a short abbreviation (Dr. U.S.) */
		if (s[e - 1] == '.' && e - b > 4)
			break;
		if (in_list(c, K_STOP_EN, s + b, e - b))
			break;
		i = b;
		words++;
		while (i > lo && s[i - 1] == ' ')
			i--;
		if (i > lo) {
			size_t p = prev_char(s, i);
			ch = dec(s + p, i - p, &n);
			if (is_stop_punct(ch) && ch != 0x2019)
				break;
		}
	}
	while (i < pos && s[i] == ' ')
		i++;
	*off = i;
	*len = pos > i ? pos - i : 0;
	trim_en(c, s, off, len);
}

/*
 * A determiner alone is no subject ("The letter continues:", "The former
 * Republican presidential candidate continued, saying"): the lower-case
 * words after it, from d (the end of the determiner) up to punctuation, a
 * stop word or a word in -ed after the first, at most five; a last word
 * in -s of two or more is the verb and goes ("continues"). Returns the
 * new end.
 */
static size_t det_phrase(const ts_claims *c, const char *s, size_t d,
                         size_t pos)
{
	size_t i = d, end = d, last = d, words = 0;

	while (i < pos && s[i] == ' ')
		i++;
	while (i < pos && words < 5) {
		size_t b = i;
		while (i < pos && is_alpha((unsigned char)s[i]))
			i++;
		if (i == b || in_list(c, K_STOP_EN, s + b, i - b))
			break;
		/* a possessive is part of the phrase: "today's" */
		if (i + 1 < pos && s[i] == '\'' && s[i + 1] == 's')
			i += 2;
		else if (i + 3 < pos && !memcmp(s + i, "\xE2\x80\x99s", 4))
			i += 4;
		/* a past tense after the noun: "An early tweet quoted" */
		if (words && i - b > 3 && !memcmp(s + i - 2, "ed", 2))
			break;
		last = b;
		end = i;
		words++;
		if (i < pos && s[i] != ' ')
			break;
		while (i < pos && s[i] == ' ')
			i++;
	}
	if (words >= 2 && s[end - 1] == 's')
		end = last;
	while (end > d && s[end - 1] == ' ')
		end--;
	return end;
}

/*
 * The subject of the sentence that holds `pos` (not before lo): used when
 * the cue has no subject of its own ("X笑了笑，说：", "X rallied
 * supporters, saying:"). Chinese: the first clause up to the first
 * verb-like character (list verbstart.zh) or a "…地" adverb, at most 4
 * characters (2 when no boundary is found). English: the first noun
 * phrase of the sentence, after a leading "In …," phrase.
 */
static void subject_of(const ts_claims *c, const char *s, size_t lo,
                       size_t pos, int lang, size_t *off, size_t *len)
{
	size_t st = lo, i = lo, n, e;
	unsigned ch;

	*off = *len = 0;
	/* sentence start: after the last terminator before pos */
	while (i < pos) {
		ch = dec(s + i, pos - i, &n);
		/* a closing quotation mark ends a sentence only after . ! ? */
		if (ch == 0x3002 || ch == 0xFF01 || ch == 0xFF1F ||
		    ((ch == '.' || ch == '!' || ch == '?') && i + 1 < pos &&
		     s[i + 1] == ' ')) {
			st = i + n;
		} else if ((ch == 0x201D || ch == '"') && i > lo) {
			size_t pp = prev_char(s, i), pn;
			unsigned pc = dec(s + pp, i - pp, &pn);
			if (pc == '.' || pc == '!' || pc == '?' || pc == 0x3002 ||
			    pc == 0xFF01 || pc == 0xFF1F)
				st = i + n;
		}
		i += n;
	}
	while (st < pos && s[st] == ' ')
		st++;
	if (lang == L_ZH) {
		size_t chars = 0, k;
		int pron;
		i = st;
		k = list_prefix(c, K_LEAD_ZH, s + i, pos - i);
		while (k) {
			i += k;
			k = list_prefix(c, K_LEAD_ZH, s + i, pos - i);
		}
		*off = i;
		pron = i + 3 <= pos && in_list(c, K_PRONOUN_ZH, s + i, 3);
		/* a clause that opens with a verb or an adverb (是不是要…,
		 * 不…) has no subject of its own */
		if (list_prefix(c, K_VERBSTART_ZH, s + i, pos - i) ||
		    (i + 3 <= pos && is_adverb1(s + i))) {
			*len = 0;
			return;
		}
		while (i < pos && chars < 5) {
			ch = dec(s + i, pos - i, &n);
			if (!is_han(ch))
				break;
			if ((chars >= 2 || (chars == 1 && pron)) &&
			    list_prefix(c, K_VERBSTART_ZH, s + i, pos - i))
				break;
			/* XX地: an adverb follows the name */
			if (chars >= 2 && i + n + 3 <= pos) {
				size_t n2;
				dec(s + i + n, pos - i - n, &n2);
				if (!memcmp(s + i + n + n2, "\xE5\x9C\xB0", 3) ||
				    !memcmp(s + i + n, "\xE5\x9C\xB0", 3))
					break;
			}
			i += n;
			chars++;
		}
		if (chars == 5 || (i < pos && is_han(dec(s + i, pos - i, &n)) &&
		                   !list_prefix(c, K_VERBSTART_ZH, s + i, pos - i) &&
		                   chars > 3)) {
			/* no boundary found: three characters after a common
			 * surname, else a two-character given name */
			size_t want = in_list(c, K_SURNAME_ZH, s + *off, 3) ? 3 : 2, k3;
			i = *off;
			for (k3 = 0; k3 < want && i < pos; k3++) {
				dec(s + i, pos - i, &n);
				i += n;
			}
		} else if (chars == 4 && i - *off == 12 &&
		           in_list(c, K_SURNAME_ZH, s + *off, 3)) {
			/* a boundary after four characters, the first a
			 * common surname: a name of three (孙玉亭上了公路) */
			i = *off + 9;
		}
		*len = i - *off;
		/* a single character is no name, but for a pronoun (他把…，
		 * 说：) */
		if (*len < 6 && !(pron && *len == 3))
			*len = 0;
		return;
	}
	/* English: skip "In a statement released Thursday," */
	e = st;
	while (e < pos && s[e] != ' ')
		e++;
	if (in_list(c, K_PREP_EN, s + st, e - st)) {
		const char *comma = memchr(s + st, ',', pos - st);
		if (!comma)
			return;
		st = (size_t)(comma - s) + 1;
		while (st < pos && s[st] == ' ')
			st++;
	}
	i = st;
	{
		size_t words = 0, endw = st;
		while (i < pos && words < 6) {
			size_t b = i;
			while (i < pos && s[i] != ' ' && s[i] != ',' && s[i] != ':')
				i++;
			if (i == b)
				break;
			if (!(is_upper((unsigned char)s[b]) ||
			      in_list(c, K_DET_EN, s + b, i - b) ||
			      in_list(c, K_TITLE_EN, s + b, i - b) ||
			      in_list(c, K_GROUP_EN, s + b, i - b) ||
			      in_list(c, K_PRONOUN_EN, s + b, i - b)) ||
			    (words && in_list(c, K_PRONOUN_EN, s + b, i - b)))
				break;
			endw = i;
			words++;
			if (i < pos && s[i] != ' ')
				break;
			while (i < pos && s[i] == ' ')
				i++;
		}
		if (words == 1 && in_list(c, K_DET_EN, s + st, endw - st))
			endw = det_phrase(c, s, endw, pos);
		*off = st;
		*len = endw - st;
		trim_en(c, s, off, len);
	}
}

/* Does s[lo..hi) contain an ASCII letter? */
static int has_latin(const char *s, size_t lo, size_t hi)
{
	size_t i;

	for (i = lo; i < hi; i++)
		if (is_alpha((unsigned char)s[i]))
			return 1;
	return 0;
}

/* Does s[lo..hi) contain a Han character? */
static int has_han(const char *s, size_t lo, size_t hi)
{
	size_t i = lo, n;

	while (i < hi) {
		if ((unsigned char)s[i] >= 0xE3) {
			if (is_han(dec(s + i, hi - i, &n)))
				return 1;
			i += n;
		} else {
			i++;
		}
	}
	return 0;
}

/*
 * Try the patterns of `role` on s[lo..hi). For BEFORE/TERM the match must
 * end at hi; for AFTER it is anchored at lo. Fills speaker/cue spans.
 */
static int attribute(ts_claims *c, int role, const char *s, size_t lo,
                     size_t hi, size_t *sp_off, size_t *sp_len,
                     size_t *cue_off, size_t *cue_len)
{
	size_t i, k, o, l, slo;
	int lang = has_han(s, lo, hi) ? L_ZH : L_EN, pass;
	PCRE2_SIZE *ov;

	if (hi <= lo)
		return 0;
	/* patterns search a short stretch next to the mark; speakers may
	 * reach further (walk_back, subject_of use lo) */
	slo = lo;
	if ((role == R_BEFORE || role == R_TERM) && hi - lo > SEARCH_BEFORE)
		slo = align_fwd(s, hi, hi - SEARCH_BEFORE);
	if (role == R_AFTER && hi - lo > SEARCH_AFTER) {
		size_t e = prev_char(s, lo + SEARCH_AFTER + 1);
		/* no character starts in s(lo..lo+SEARCH_AFTER] only in
		 * invalid UTF-8 that the caller vouched for: cut it there */
		hi = e > lo ? e : lo + SEARCH_AFTER;
	}
	for (pass = 0; pass < 2; pass++) {
		int want = pass == 0 ? lang : !lang;
		if (pass == 1 && want == L_EN && !has_latin(s, slo, hi))
			break;   /* English cues need Latin letters */
		for (k = 0; k < c->nrpat[role]; k++) {
			struct pattern *p = &c->pat[c->rpat[role][k]];
			i = c->rpat[role][k];
			if (p->lang != want)
				continue;
			if (!gate_open(c, i, s, slo, hi))
				continue;
			if (!(role == R_AFTER ? run(c, p, s, lo, hi, 0) :
			      p->re_lead && !c->full_scan ?
			      run_lead(c, p, s, slo, hi) :
			      run(c, p, s, slo, hi, 0)))
				continue;
			ov = pcre2_get_ovector_pointer(c->md);
			*cue_off = *cue_len = 0;
			*sp_off = *sp_len = 0;
			group(c, p->g_cue, cue_off, cue_len);
			if (role == R_TERM)
				return 1;
			if (group(c, p->g_speaker, &o, &l)) {
				*sp_off = o;
				*sp_len = l;
				trim(s, sp_off, sp_len);
				if (p->lang == L_ZH)
					trim_zh(c, s, sp_off, sp_len);
				else
					trim_en(c, s, sp_off, sp_len);
			} else {
				walk_back(c, s, lo, ov[0], p->lang, sp_off, sp_len);
			}
			/* "“extremely careless,” and said": no speaker */
			if (p->lang == L_EN && *sp_len &&
			    in_list(c, K_STOP_EN, s + *sp_off, *sp_len))
				*sp_len = 0;
			/* no subject next to the cue (", said:", "saying:"),
			 * or an English bare colon ("X defended it on X:") */
			if ((!*sp_len || (p->lang == L_EN && *cue_len == 1) || (p->lang == L_EN && *cue_len > 3 &&
			                  !memcmp(s + *cue_off + *cue_len - 3, "ing", 3))) &&
			    role == R_BEFORE && *cue_len &&
			    (p->lang == L_EN || (s[*cue_off] != ':' &&
			     memcmp(s + *cue_off, "\xEF\xBC\x9A", *cue_len >= 3 ? 3 : 0) != 0)))
				subject_of(c, s, lo, ov[0], p->lang, sp_off, sp_len);
			if (!*sp_len && role != R_REPORT)
				continue;
			/* the bare-colon fallback (X：“…”) needs a short,
			 * name-like run, not a clause such as 口号是 */
			if (*cue_len && (s[*cue_off] == ':' ||
			                 (*cue_len >= 3 &&
			                  !memcmp(s + *cue_off, "\xEF\xBC\x9A", 3)))) {
				size_t pl = prev_char(s + *sp_off, *sp_len);
				unsigned last = dec(s + *sp_off + pl, *sp_len - pl, &l);
				if (*sp_len > 18 || last == 0x662F /* 是 */ ||
				    last == 0x7684 /* 的 */ || last == 0x4E86 /* 了 */ ||
				    last == 0x4E3A /* 为 */ || last == 0x5982 /* 如 */ ||
				    last == 0x4E0B /* 下 */)
					continue;
			}
			return 1;
		}
		if (role == R_AFTER || role == R_TERM)
			break;  /* language of the text decides */
	}
	return 0;
}

/* Is the speaker a pronoun to resolve? 1 = singular personal pronoun. */
static int pronoun(const ts_claims *c, const char *s, size_t n)
{
	return in_list(c, K_PRONOUN_ZH, s, n) || in_list(c, K_PRONOUN_EN, s, n);
}

static int is_group(const ts_claims *c, const char *s, size_t n)
{
	size_t at;

	return in_list(c, K_GROUP_ZH, s, n) || in_list(c, K_GROUP_EN, s, n) ||
	       (n <= 12 && list_find_last(c, K_GROUP_ZH, s, n, &at, 0)) ||
	       in_list(c, K_DET_EN, s, n);
}

/* ------------------------------------------------------------------ */
/* quotation scanner                                                    */

static int push_q(ts_claims *c, size_t open, size_t cstart, size_t cend,
                  size_t close_end, int closed)
{
	struct qspan *q;

	if (TS_GROW(c->q, c->capq, c->nq + 1, 8))
		return TS_ENOMEM;
	q = &c->q[c->nq++];
	memset(q, 0, sizeof *q);
	q->open = open;
	q->cstart = cstart;
	q->cend = cend;
	q->close_end = close_end;
	q->closed = closed;
	return 0;
}

/* Letter or digit (any script) for apostrophe and inch-mark tests. */
static int wordish(unsigned ch)
{
	return is_alpha(ch) || is_digit(ch) || (ch >= 0xC0 && ch != 0xD7 &&
	       ch != 0xF7 && ch < 0x2000) || is_han(ch);
}

/* Can a mark of two or more bytes start at s[i]? Marks of three bytes
 * and more are keyed by their first three: “ ” ‘ ’ share E2 80 with …
 * and —, 「 」 share E3 80 with 。 and 、. */
static int mark_may(const ts_claims *c, const char *s, size_t len, size_t i)
{
	unsigned h;

	if (i + 1 >= len)
		return 0;
	h = mark_hash(s + i, 2);
	if ((c->mark2[h >> 6] >> (h & 63)) & 1u)
		return 1;
	if (i + 2 >= len)
		return 0;
	h = mark_hash(s + i, 3);
	return (c->mark2[h >> 6] >> (h & 63)) & 1u;
}

static int scan_quotes(ts_claims *c, const char *s, size_t len)
{
	struct {
		size_t pos, cstart;
		int pair;
	} st[MAXDEPTH];
	size_t depth = 0, i = 0, n, k, mi = 0;
	int rc;

	while (i < len) {
		unsigned char b;
		unsigned prevc = 0, nextc = 0;
		int matched = 0;

		/* jump to the next byte prescan() saw that starts a mark:
		 * the bytes in between would only be stepped over */
		if (!c->markover) {
			while (mi < c->nmark && c->markpos[mi] < i)
				mi++;
			if (mi == c->nmark)
				break;
			i = c->markpos[mi];
		}
		b = (unsigned char)s[i];

		if (!c->markfirst[b]) {
			i++;
			continue;
		}
		/* 。、 share their first bytes with 「」『』, … — with
		 * “ ”: one bit test rules them out before the memcmp of
		 * every pair */
		if (!c->markone[b] && !mark_may(c, s, len, i)) {
			i++;
			continue;
		}
		if (i) {
			size_t p = prev_char(s, i);
			prevc = dec(s + p, i - p, &n);
		}
		for (k = 0; k < c->npairs && !matched; k++) {
			const struct pair *pr = &c->pairs[k];
			int can_close = 0, can_open = 0;
			size_t ml = 0;

			/* first bytes before memcmp: 8 pairs, 16 calls per
			 * apostrophe otherwise */
			if (pr->clen <= len - i && s[i] == pr->close[0] &&
			    memcmp(s + i, pr->close, pr->clen) == 0) {
				ml = pr->clen;
				nextc = i + ml < len ? dec(s + i + ml, len - i - ml, &n) : 0;
				can_close = 1;
				/* don’t, 5'11": apostrophes and inch marks */
				if ((pr->close[0] == '\'' || !memcmp(pr->close, "\xE2\x80\x99", 3)) &&
				    wordish(prevc) && wordish(nextc))
					can_close = 0;
				if (pr->sym && is_digit(prevc) && (pr->close[0] == '"' || pr->close[0] == '\''))
					can_close = 0;
			}
			if (pr->olen <= len - i && s[i] == pr->open[0] &&
			    memcmp(s + i, pr->open, pr->olen) == 0) {
				ml = pr->olen;
				nextc = i + ml < len ? dec(s + i + ml, len - i - ml, &n) : 0;
				can_open = !is_space(nextc) && nextc != 0;
				if (pr->sym && (wordish(prevc) && prevc < 0x2E80))
					can_open = 0;  /* mid-word: it's, 5'11" */
			}
			if (!can_close && !can_open)
				continue;
			if (can_close) {
				size_t dd;
				/* innermost open mark of this pair */
				for (dd = depth; dd > 0; dd--)
					if (st[dd - 1].pair == (int)k ||
					    (pr->family && c->pairs[st[dd - 1].pair].family == pr->family &&
					     dd == depth))
						break;
				if (dd > 0 && (!pr->sym || !can_open || dd == depth)) {
					if (dd == 1 &&
					    (rc = push_q(c, st[0].pos, st[0].cstart, i,
					                 i + pr->clen, 1)) != 0)
						return rc;
					depth = dd - 1;
					i += pr->clen;
					matched = 1;
					break;
				}
				if (!can_open) {
					/* a closing mark with no opener: a quotation
					 * continued from the previous row */
					if (depth == 0 && c->nq == 0 && !pr->sym &&
					    (rc = push_q(c, 0, 0, i, i + pr->clen, 0)) != 0)
						return rc;
					i += pr->clen;
					matched = 1;
					break;
				}
			}
			if (can_open) {
				if (depth < MAXDEPTH) {
					st[depth].pos = i;
					st[depth].cstart = i + pr->olen;
					st[depth].pair = (int)k;
					depth++;
				}
				i += pr->olen;
				matched = 1;
			}
		}
		if (!matched)
			i++;
	}
	/* unbalanced: an open quotation runs to the end of the text; straight
	 * quotes only when what follows looks like speech (> 3 words) */
	if (depth > 0) {
		const struct pair *pr = &c->pairs[st[0].pair];
		size_t cs = st[0].cstart, words = 0;
		for (k = cs; k < len; k++)
			if (s[k] == ' ')
				words++;
		if (!pr->sym || words >= 3 || has_han(s, cs, len))
			return push_q(c, st[0].pos, cs, len, len, 0);
	}
	return 0;
}

/* Sentence-like content (speech) rather than a quoted term? */
static int speechlike(const char *s, size_t lo, size_t hi)
{
	size_t i = lo, n, chars = 0, words = 1;
	unsigned ch;

	while (i < hi) {
		ch = dec(s + i, hi - i, &n);
		switch (ch) {
		case 0x3002: case 0xFF0C: case 0xFF01: case 0xFF1F: case 0x2026:
		case 0xFF1B:
			if (chars >= 2)
				return 1;
			break;
		case '!': case '?': case ',': case ';':
			if (words >= 3)
				return 1;
			break;
		case '.':
			if ((i + 1 >= hi || s[i + 1] == ' ') && words >= 3)
				return 1;
			break;
		case ' ':
			words++;
			break;
		default:
			break;
		}
		chars++;
		i += n;
	}
	if (has_han(s, lo, hi))
		return chars > 10;
	return words > 4;
}

/* ------------------------------------------------------------------ */
/* check-worthiness                                                     */

static const char *const feature_names[TS_CW_NFEAT] = {
	"number", "numbers_log", "money_pct", "report", "hedge", "quote",
	"superlative", "comparative", "names_log", "past", "causal",
	"opinion", "courtesy", "question", "length_log", "first_person",
	"year", "future"};

/*
 * Weights of the logistic formula checkworthy = 1 / (1 + exp(-z)),
 * z = CW_W0 + sum(CW_W[i] * feature[i]) (features: feature_names above,
 * computed in features() below). Fitted with `tests/eval/checkworthy.sh
 * --fit` (tests/eval/checkworthy_tool.c): logistic regression with L2 = 1,
 * 6000 steps of full-batch gradient descent, positives weighted by
 * (negatives/positives)^0.65, on the even-numbered debates (in name order)
 * of the CLEF-2019 CheckThat! task 1 training data; the odd-numbered ones
 * are held out. The partial class weighting makes 0.5 a usable threshold:
 * the value ranks sentences, it is not a calibrated probability.
 * Refit after changing a feature or a word list that feeds one.
 */
static const double CW_W0 = -3.599;
static const double CW_W[TS_CW_NFEAT] = {
	0.967, 0.189, 1.105, 0.092, -0.347, -0.025,
	0.306, 0.222, -0.033, 0.622, 0.315, -0.479,
	-0.359, -2.438, 3.545, -0.664, -0.578, -0.567};

const char *ts_claims_feature_name(size_t i)
{
	return i < TS_CW_NFEAT ? feature_names[i] : NULL;
}

void ts_claims_last_features(const ts_claims *c, double *out)
{
	memcpy(out, c->feat, sizeof c->feat);
}


#define FW_PHRASE_END 64u  /* word ends a phrase of a feature list */
#define FW_NUMLENS 32      /* first bit of the number-word lens in fwlen */

/* Word lists behind features: list name → bit. */
static const struct { const char *en, *zh; unsigned bit; } fw_lists[] = {
	{"past.en", "past.zh", 1u}, {"causal.en", "causal.zh", 2u},
	{"opinion.en", "opinion.zh", 4u}, {"courtesy.en", "courtesy.zh", 8u},
	{"firstperson.en", "firstperson.zh", 16u},
	{"future.en", "future.zh", 32u},
};

/* FNV-1a over the bytes with bit 5 set: equal for any two strings that
 * ascii_ieq() calls equal (case variants of a letter differ only in that
 * bit), and without a branch per byte. */
static size_t fw_hash(const char *s, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ ((unsigned char)s[i] | 0x20u)) * 16777619u;
	return h;
}

static void fw_free(ts_claims *c)
{
	size_t i;

	free(c->zw);
	c->zw = NULL;
	c->nzw = 0;
	for (i = 0; i < c->fwcap; i++)
		free(c->fw[i].w);
	free(c->fw);
	c->fw = NULL;
	c->fwcap = 0;
}

/* Slot of fwlen for a word of n >= 1 bytes: its first two letters (a
 * one-byte word, or a second byte that is no letter, is slot 26 there).
 * Case variants share a slot, so a word and its text always do. Twice as
 * selective as the first letter alone: most words of a text are then
 * rejected before they are hashed. */
static size_t fw_slot(const char *w, size_t n)
{
	/* number.h's slot: features() indexes both filters with it */
	return ts_numwords_slot(w, n);
}

/* Remember that a feature word of this length starts with these bytes. */
static void fw_note_len(ts_claims *c, const char *w, size_t n)
{
	if (n && n < 32)
		c->fwlen[fw_slot(w, n)] |= (uint64_t)1 << n;
}

/* (Re)build the hash of ASCII feature words from the lists. */
static int fw_build(ts_claims *c)
{
	size_t i, k, total = 0, cap = 64;

	fw_free(c);
	memset(c->fwlen, 0, sizeof c->fwlen);
	/* the number-word filter's lengths in the same words: features()
	 * tests both filters of a word with one load (the words are in the
	 * number table by now, and only lexicon loading adds to either) */
	{
		const struct ts_numwords *nw = ts_numlex_words(c->num);
		for (i = 0; i < TS_NUMWORDS_SLOTS; i++)
			c->fwlen[i] = (uint64_t)nw->lens[i] << FW_NUMLENS;
	}
	for (i = 0; i < sizeof fw_lists / sizeof fw_lists[0]; i++) {
		const struct wlist *l = find_list(c, fw_lists[i].en,
		                                  strlen(fw_lists[i].en));
		total += l ? l->n : 0;
	}
	while (cap < total * 4)
		cap *= 2;
	if (!(c->fw = calloc(cap, sizeof *c->fw)))
		return TS_ENOMEM;
	c->fwcap = cap;
	for (i = 0; i < sizeof fw_lists / sizeof fw_lists[0]; i++) {
		const struct wlist *l = find_list(c, fw_lists[i].en,
		                                  strlen(fw_lists[i].en));
		for (k = 0; l && k < l->n; k++) {
			size_t fh = fw_hash(l->w[k], l->wl[k]), h = fh & (cap - 1);
			while (c->fw[h].w && !(c->fw[h].len == l->wl[k] &&
			       ascii_ieq(c->fw[h].w, l->w[k], l->wl[k])))
				h = (h + 1) & (cap - 1);
			if (!c->fw[h].w) {
				if (!(c->fw[h].w = ts_strndup(l->w[k], l->wl[k])))
					return TS_ENOMEM;
				c->fw[h].h = fh;
				c->fw[h].len = l->wl[k];
				fw_note_len(c, l->w[k], l->wl[k]);
			}
			c->fw[h].bits |= fw_lists[i].bit;
			/* the last word of a phrase says "look back" */
			{
				const char *sp = memchr(l->w[k], ' ', l->wl[k]);
				if (sp) {
					const char *lw = l->w[k] + l->wl[k];
					size_t ll = 0;
					while (lw > l->w[k] && lw[-1] != ' ') {
						lw--;
						ll++;
					}
					fh = fw_hash(lw, ll);
					h = fh & (cap - 1);
					while (c->fw[h].w && !(c->fw[h].len == ll &&
					       ascii_ieq(c->fw[h].w, lw, ll)))
						h = (h + 1) & (cap - 1);
					if (!c->fw[h].w) {
						if (!(c->fw[h].w = ts_strndup(lw, ll)))
							return TS_ENOMEM;
						c->fw[h].h = fh;
						c->fw[h].len = ll;
						fw_note_len(c, lw, ll);
					}
					c->fw[h].bits |= FW_PHRASE_END;
				}
			}
		}
	}
	/* Chinese words: chained by the hash of their first code point (the
	 * words live in the lists, which outlive this table) */
	for (i = 0; i < 512; i++)
		c->zhead[i] = -1;
	memset(c->zfirst, 0, sizeof c->zfirst);
	c->zfar = 0;
	total = 0;
	for (i = 0; i < sizeof fw_lists / sizeof fw_lists[0]; i++) {
		const struct wlist *l = find_list(c, fw_lists[i].zh,
		                                  strlen(fw_lists[i].zh));
		total += l ? l->n : 0;
	}
	if (total && !(c->zw = calloc(total, sizeof *c->zw)))
		return TS_ENOMEM;
	for (i = 0; i < sizeof fw_lists / sizeof fw_lists[0]; i++) {
		const struct wlist *l = find_list(c, fw_lists[i].zh,
		                                  strlen(fw_lists[i].zh));
		for (k = 0; l && k < l->n; k++) {
			struct zword *z = &c->zw[c->nzw];
			size_t n1;
			z->cp = dec(l->w[k], l->wl[k], &n1);
			z->w = l->w[k];
			z->len = l->wl[k];
			z->bits = fw_lists[i].bit;
			if (z->cp < 0x10000)
				c->zfirst[z->cp >> 6] |= (uint64_t)1 << (z->cp & 63);
			else
				c->zfar = 1;
			z->next = c->zhead[z->cp & 511u];
			c->zhead[z->cp & 511u] = (long)c->nzw++;
		}
	}
	zq_build(c);
	return 0;
}

/* The hash probe of fw_get(), out of line: reached by a third of the
 * words only. */
static unsigned fw_probe(const ts_claims *c, const char *s, size_t n)
{
	size_t h, fh;

	fh = fw_hash(s, n);
	h = fh & (c->fwcap - 1);
	/* the stored hash rejects other words without touching their
	 * text (a cache miss per probe otherwise) */
	while (c->fw[h].w) {
		if (c->fw[h].h == fh && c->fw[h].len == n &&
		    ascii_ieq(c->fw[h].w, s, n))
			return c->fw[h].bits;
		h = (h + 1) & (c->fwcap - 1);
	}
	return 0;
}

/* FW_* bits of the ASCII feature word s[0..n); the length filter inline,
 * since it rejects most words. */
static inline unsigned fw_get(const ts_claims *c, const char *s, size_t n)
{
	if (!c->fwcap || n >= 32 || !n ||
	    !(c->fwlen[fw_slot(s, n)] & ((uint64_t)1 << n)))
		return 0;
	return fw_probe(c, s, n);
}

/* May a Chinese feature word start with character ch? Most characters
 * start none: one bit says so (the callers test it before zw_bits()). */
static inline int zw_may(const ts_claims *c, unsigned ch)
{
	return ch < 0x10000 ? (int)((c->zfirst[ch >> 6] >> (ch & 63)) & 1u) :
	       c->zfar;
}

/* FW_* bits of the Chinese feature words that start at s[0], whose
 * first character ch has been decoded and passed zw_may(). */
static unsigned zw_bits(const ts_claims *c, const char *s, size_t len,
                        unsigned ch)
{
	unsigned bits = 0;
	long e;

	for (e = c->zhead[ch & 511u]; e >= 0; e = c->zw[e].next)
		if (c->zw[e].cp == ch && c->zw[e].len <= len &&
		    memcmp(s, c->zw[e].w, c->zw[e].len) == 0)
			bits |= c->zw[e].bits;
	return bits;
}

/* log1p(n) of a count: from a table filled by log1p itself, so the same
 * bits (three libm calls per row otherwise, 3% of claims on tweets). */
static double log1p_n(const ts_claims *c, size_t n)
{
	return n < LOG1P_TAB ? c->l1p[n] : log1p((double)n);
}

/* FW_* bits (FW_PHRASE_END clear) of the phrases ending at e that start
 * at the previous words w1 and w2 (SIZE_MAX: none). */
static unsigned phrase_bits(const ts_claims *c, const char *s, size_t e,
                            size_t w1, size_t w2)
{
	unsigned b = 0;

	if (w1 != SIZE_MAX)
		b |= fw_get(c, s + w1, e - w1);
	if (w2 != SIZE_MAX)
		b |= fw_get(c, s + w2, e - w2);
	return b & ~FW_PHRASE_END;
}

/* Word s[k..e) of features(), letters and apostrophes from a letter on:
 * does one of its letter runs pass ts_numwords_may()? */
static int qmay_apos(const struct ts_numwords *nw, const char *s, size_t k,
                     size_t e)
{
	for (;;) {
		size_t r = ts_letters_end(s, e, k + 1, 0);
		if (ts_numwords_may(nw, s + k, r - k))
			return 1;
		while (r < e && s[r] == '\'')
			r++;
		if (r >= e)
			return 0;
		k = r;
	}
}

/*
 * Features of the sentence but the three of its quantities (set by the
 * caller). *qmay gets 0 when ts_quantities() cannot find a quantity in s
 * (number.h: no digit, '$', character or letter run that may start one):
 * the words are walked here anyway, so the number scan can be skipped
 * for most English sentences.
 */
/* Has s[0..len) an apostrophe? prescan() noted where each byte of
 * quotation marks is, the ASCII apostrophe among them (built-in pair
 * ' '), and their bytes are few: no search of the text where that list
 * is whole. Not where it may not be: more than MARKCAP marks, trusted
 * text past ASCII (invalid UTF-8 there may hide a byte in a character
 * stepped over), other marks; nor with CHAR_FEATURES (tests). */
static int has_apos(const ts_claims *c, const char *s, size_t len,
                    int exact)
{
	size_t k;

	if (!exact || c->markover || !(c->bclass['\''] & B_MARK) ||
	    c->char_features)
		return len && memchr(s, '\'', len) != NULL;
	for (k = 0; k < c->nmark; k++)
		if (s[c->markpos[k]] == '\'')
			return 1;
	return 0;
}

/* features(): s[a..b) holds characters ts_quantities() steps over. A
 * run of fewer than four is not worth a pair (8 bytes): it stays to
 * ts_quantities(), and the pairs take at most about half the text's
 * size. */
static void qskip_add(ts_claims *c, size_t a, size_t b)
{
	if (b < a + 12 || c->qskip_bad)
		return;
	if (b > UINT32_MAX) {
		c->qskip_bad = 1;
		return;
	}
	if (c->nqskip + 2 > c->capqskip) {
		size_t cap = c->capqskip ? 2 * c->capqskip : 64;
		uint32_t *q = realloc(c->qskip, cap * sizeof *q);
		if (!q) {
			c->qskip_bad = 1;   /* ts_quantities() without them */
			return;
		}
		c->qskip = q;
		c->capqskip = cap;
	}
	c->qskip[c->nqskip++] = (uint32_t)a;
	c->qskip[c->nqskip++] = (uint32_t)b;
}

static void features(ts_claims *c, const char *s, size_t len, int report,
                     int hedge, int quote, int sup, int comp, int han,
                     int exact, int *qmay_out)
{
	unsigned bits;
	double *f = c->feat;
	size_t i = 0, n, names = 0, words = 0, past = 0, year = 0;
	unsigned ch, prev = ' ';
	int sent_start = 1, qmay = 0;
	const struct ts_numwords *nw = ts_numlex_words(c->num);
	/* a word of features() is a letter run only without apostrophes */
	int apos = has_apos(c, s, len, exact);

	size_t w1 = SIZE_MAX, w2 = SIZE_MAX; /* starts of the previous words
	                                     * (SIZE_MAX: phrase broken) */
	unsigned wb = 0, zb = 0;
	const unsigned char *u = (const unsigned char *)s;

	c->nqskip = 0;
	c->qskip_bad = 0;
	while (i < len) {
		if ((unsigned char)s[i] >= 0x80) {
			if (u[i] >= 0xE0 && u[i] < 0xF0 && i + 3 <= len &&
			    !c->char_features) {
				/* a run of three-byte characters (Chinese text): the
				 * steps of the loop below for them, with one decoding
				 * (dec_valid's) and the per-run ones once (a
				 * text with Han characters may have a quantity:
				 * set before the loop) */
				size_t qa = i;   /* ts_quantities() skips s[qa..i) */

				qmay |= han;
				do {
					/* continuation bytes give 0..0x3F ^ 0x80 */
					unsigned bad = (u[i + 1] ^ 0x80u) | (u[i + 2] ^ 0x80u);

					ch = (u[i] & 0x0Fu) << 12 | (u[i + 1] & 0x3Fu) << 6 |
					     (u[i + 2] & 0x3Fu);
					/* a three-byte character: below U+10000; one
					 * test for the rare ones of both kinds below */
					if (((c->zq[ch >> 6] >> (ch & 63)) & 1u) | (bad >> 6)) {
						/* one ts_quantities() may not skip (a
						 * numeral, 第; lead E0 or ED; not
						 * well-formed) ends a run */
						const uint64_t *zs = ts_numlex_zstart(c->num);
						int zst = (zs[ch >> 6] >> (ch & 63)) & 1u;

						if (zst || u[i] == 0xE0 || u[i] == 0xED ||
						    bad >> 6) {
							qskip_add(c, qa, i);
							qa = i + 3;
						}
						/* ts_numlex_cp_may(), here only: zq
						 * holds zstart */
						qmay |= zst;
						if (han && u[i] >= 0xE3 &&
						    ((c->zfirst[ch >> 6] >> (ch & 63)) & 1u))
							zb |= zw_bits(c, s + i, len - i, ch);
					}
					/* is_han() of a three-byte character */
					if ((ch >= 0x4E00 && ch <= 0x9FFF) ||
					    (ch >= 0x3400 && ch <= 0x4DBF) ||
					    (ch >= 0xF900 && ch <= 0xFAFF)) {
						words++;
						sent_start = 0;
					} else if (ch == 0x3002) {
						sent_start = 1;
					}
					i += 3;
				} while (i + 3 <= len && u[i] >= 0xE0 && u[i] < 0xF0);
				qskip_add(c, qa, i);
				w1 = w2 = SIZE_MAX;
				prev = ch;
				continue;
			}
			/* a non-ASCII character: no letter, space or digit,
			 * so only the steps below apply (kept apart from the
			 * ASCII ones, which then skip is_han) */
			ch = dec_valid(s + i, len - i, &n);
			/* Chinese feature words (only in text with Han
			 * characters), in this pass rather than a second
			 * decoding one; the text is valid UTF-8 here, so both
			 * passes stepped over the same characters */
			if (han && (unsigned char)s[i] >= 0xE3 && zw_may(c, ch))
				zb |= zw_bits(c, s + i, len - i, ch);
			w1 = w2 = SIZE_MAX;
			if (!qmay)
				qmay = han || ts_numlex_cp_may(c->num, ch);
			if (is_han(ch)) {
				words++;
				sent_start = 0;
			}
			if (ch == 0x3002)
				sent_start = 1;
			prev = ch;
			i += n;
			continue;
		}
		ch = (unsigned char)s[i];
		n = 1;
		if (is_alpha(ch) && !is_alpha(prev) && prev != '\'') {
			/* a run of words each followed by one space (most of
			 * English text) in this inner loop: the space needs
			 * none of the steps below (it keeps w1, w2; it is no
			 * digit and ends no sentence) */
			/* bit 32: the number-word filter still to be asked */
			uint64_t want = qmay ? 1u : 1u | (uint64_t)1 << FW_NUMLENS;
			for (;;) {
				/* the letter run first: a word goes on past it
				 * only at an apostrophe, and only a text with
				 * one has such words (CHAR_FEATURES, the slow
				 * path: in one search with the apostrophes) */
				size_t e = ts_letters_end(s, len, i + 1,
				                          c->char_features), wl;
				int wa = 0;
				if (apos && e < len && s[e] == '\'' &&
				    !c->char_features) {
					e = ts_letters_end(s, len, e + 1, 1);
					wa = 1;
				}
				wl = e - i;
				/* one slot for both filters: ts_numwords_slot(),
				 * shorter for a word that starts with a letter
				 * (s[i + 1], when in the word, is a letter or an
				 * apostrophe, which folds past 'z') */
				unsigned l1 = wl > 1 ? ((unsigned char)s[i + 1] | 0x20u) - 'a' : 26u;
				size_t sl = (size_t)((ch | 0x20u) - 'a') * 27u +
				            (l1 < 26u ? l1 : 26u);
				if (!c->char_features) {
					/* both filters of the slot in one load (fw_build):
					 * bit 0 of hit the feature words' length, bit 32
					 * the number words' while qmay is open (a word
					 * with apostrophes goes to qmay_apos below: the
					 * filter takes its letter runs one by one) */
					uint64_t hit = (c->fwlen[sl] >> (wl < 31 ? wl : 31)) &
					               (wa ? 1u : want);
					if (hit) {
						unsigned b1 = (hit & 1u) && wl < 32 ?
						              fw_probe(c, s + i, wl) : 0;
						wb |= b1 & ~FW_PHRASE_END;
						if (b1 & FW_PHRASE_END)
							wb |= phrase_bits(c, s, e, w1, w2);
						if ((hit >> FW_NUMLENS) &&
						    ts_numwords_hashed(nw, s + i, wl)) {
							qmay = 1;
							want = 1;
						}
					}
					if (wa && !qmay)
						qmay = qmay_apos(nw, s, i, e);
				} else {
					/* the slow path (tests): each filter from its
					 * own table */
					unsigned b1 = fw_get(c, s + i, wl);
					wb |= b1 & ~FW_PHRASE_END;
					if (b1 & FW_PHRASE_END)
						wb |= phrase_bits(c, s, e, w1, w2);
					if (!qmay)
						qmay = apos ? qmay_apos(nw, s, i, e) :
						       ts_numwords_may(nw, s + i, wl);
				}
				/* capitalised, not first in its sentence, not
				 * "I"; "-ed" past tense (most words are lower
				 * case and end in no "d": one test each) */
				if ((unsigned)(ch - 'A') < 26u)
					names += (size_t)((sent_start == 0) &
					                  !((wl == 1) & (ch == 'I')));
				if (s[e - 1] == 'd' && wl > 3 && s[e - 2] == 'e')
					past++;
				w2 = w1;
				w1 = i;
				words++;
				sent_start = 0;
				i = e;
				if (e + 1 < len && s[e] == ' ' &&
				    is_alpha((unsigned char)s[e + 1])) {
					i = e + 1;
					ch = (unsigned char)s[i];
					continue;
				}
				if (e >= len || s[e] != ' ')
					w1 = w2 = SIZE_MAX;
				break;
			}
			prev = 'a';
			continue;
		}
		if (ch != ' ' && !is_alpha(ch))
			w1 = w2 = SIZE_MAX;
		/* a letter run after an apostrophe ('one): no word here */
		if (!qmay && prev == '\'' && is_alpha(ch))
			qmay = ts_numwords_may(nw, s + i,
			                       ts_letters_end(s, len, i + 1, 0) - i);
		qmay |= ((unsigned)(ch - '0') < 10u) | (ch == '$');
		if (is_digit(ch) && i + 4 <= len && (s[i] == '1' || s[i] == '2') &&
		    is_digit((unsigned char)s[i + 1]) && is_digit((unsigned char)s[i + 2]) &&
		    is_digit((unsigned char)s[i + 3]) && !is_digit(prev) &&
		    (i + 4 == len || !is_digit((unsigned char)s[i + 4])))
			year = 1;
		if (ch == '.' || ch == '!' || ch == '?')
			sent_start = 1;
		prev = ch;
		i += n;
	}
	bits = wb | zb;
	*qmay_out = qmay;
	f[3] = report;
	f[4] = hedge;
	f[5] = quote;
	f[6] = sup;
	f[7] = comp;
	f[8] = log1p_n(c, names);
	f[9] = past > 0 || (bits & 1u);
	f[10] = (bits & 2u) != 0;
	f[11] = (bits & 4u) != 0;
	f[12] = (bits & 8u) != 0;
	f[13] = (len && (s[len - 1] == '?' || (len >= 3 &&
	         !memcmp(s + len - 3, "\xEF\xBC\x9F", 3))));
	f[14] = log1p_n(c, words) / 4.0;
	f[15] = (bits & 16u) != 0;
	f[16] = (double)year;
	f[17] = (bits & 32u) != 0;
}

static double checkworthy(const ts_claims *c)
{
	double z = CW_W0;
	size_t i;

	for (i = 0; i < TS_CW_NFEAT; i++)
		z += CW_W[i] * c->feat[i];
	return 1.0 / (1.0 + exp(-z));
}

/* ------------------------------------------------------------------ */
/* extraction                                                           */

static int add_tag(ts_buf *t, const char *tag)
{
	if (t->len && ts_buf_addc(t, ','))
		return TS_ENOMEM;
	return ts_buf_adds(t, tag);
}

/* Copy s[off..off+len) into the arena; returns the arena offset. */
static size_t keep(ts_claims *c, const char *s, size_t off, size_t len,
                   int *err)
{
	size_t at = c->arena.len;

	if (ts_buf_add(&c->arena, s + off, len))
		*err = TS_ENOMEM;
	return at;
}

/* Only spaces and punctuation in s[lo..hi)? */
static int blank(const char *s, size_t lo, size_t hi)
{
	size_t i = lo, n;
	unsigned ch;

	while (i < hi) {
		ch = dec(s + i, hi - i, &n);
		if (!is_space(ch) && !is_stop_punct(ch) && ch != '.' && ch != '-')
			return 0;
		i += n;
	}
	return 1;
}

/* Is byte i inside the text of a (non-term) quotation? */
static int inside_quote(const ts_claims *c, size_t i)
{
	size_t k;

	for (k = 0; k < c->nq; k++)
		if (!c->q[k].term && i >= c->q[k].cstart && i < c->q[k].cend)
			return 1;
	return 0;
}

/* A pronoun speaker: does the state where a guessed stretch starts
 * decide what it stands for (no name set since the guess)? Its row then
 * keeps it as written and is marked (ts_claims_deferred): whether a
 * pronoun is resolved changes that row's speaker and nothing else. */
static int defer_last(const ts_claims *c)
{
	return c->guessing && !(c->doc.set & ST_LAST);
}

/* A test is about to use part `part` of the document state, which was
 * set (by an earlier row, or this one) when `set` has it: if it was not,
 * the row depends on the guess (ts_claims_guess). True, to sit in a
 * condition just before the test of the part. */
static int st_read(ts_claims *c, unsigned set, unsigned part)
{
	if (!(set & part))
		c->doc.read |= part;
	return 1;
}

/* Record a named speaker as the document's last one. Two different names
 * in one row make a later pronoun ambiguous (it stays as written). */
static int note_speaker(ts_claims *c, const char *s, size_t n, int *names_row)
{
	if (!n || pronoun(c, s, n) || is_group(c, s, n))
		return 0;
	if (*names_row && (c->doc.last_speaker.len != n ||
	                   memcmp(c->doc.last_speaker.data, s, n) != 0))
		c->doc.last_ambiguous = 1;
	else if (!*names_row)
		c->doc.last_ambiguous = 0;
	(*names_row)++;
	c->doc.set |= ST_LAST;
	ts_buf_reset(&c->doc.last_speaker);
	return ts_buf_add(&c->doc.last_speaker, s, n);
}



/* The next row's quotation, when it opens the row, is this speaker's
 * (a colon introduction, "Smith agreed."). */
static void set_pending(ts_claims *c, const char *s, size_t spo, size_t spl,
                        size_t cuo, size_t cul, int *err)
{
	c->doc.pending = 1;
	ts_buf_reset(&c->doc.pend_speaker);
	ts_buf_reset(&c->doc.pend_cue);
	if (ts_buf_add(&c->doc.pend_speaker, s + spo, spl) ||
	    ts_buf_add(&c->doc.pend_cue, s + cuo, cul))
		*err = TS_ENOMEM;
}

/* Is s[0..n) a short clause that ends in a speech cue: at most eight
 * words, no punctuation but the apostrophes, hyphens and full stops of
 * names (Dr. U.S. O'Neil), the last word one of cue.en (a cheap test
 * before the patterns run on most short English rows)? */
static int short_clause(const ts_claims *c, const char *s, size_t n)
{
	size_t i, words = 0, last = n;

	/* eight words are short; then the last word: most rows end in no
	 * cue */
	if (n > 120)
		return 0;
	while (last > 0 && is_alpha((unsigned char)s[last - 1]))
		last--;
	if (last == n || (last && s[last - 1] != ' ') ||
	    !in_list(c, K_CUE_EN, s + last, n - last))
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b == ' ') {
			if (i && s[i - 1] != ' ')
				words++;
		} else if (!is_alpha(b) && b != '\'' && b != '-' && b != '.' &&
		           b < 0x80) {
			return 0;
		}
	}
	return words + 1 <= 8;
}

int ts_claims_extract(ts_claims *c, const char *text, size_t len,
                      const ts_claim **rows, size_t *nrows, ts_diag *d)
{
	const char *s = text;
	size_t i, qn, rep_sp = 0, rep_spl = 0, rep_cue = 0, rep_cuel = 0;
	size_t nqty = 0, k, o, l;
	int err = 0, report = 0, hedge = 0, sup = 0, comp = 0, term = 0;
	int money = 0, names_row = 0, han, latin = 0, marks = 0, rc, was_pending;
	int qmay = 0, ascii;
	int was_cont;
	unsigned st_in;
	size_t wbase;
	const size_t *wlist;
	size_t nwl;
	const char *kind;

	*rows = NULL;
	*nrows = 0;
	if (!c || (!text && len))
		return ts_diag_set(d, TS_EINVAL, 0, 0, "no handle or text");
	if (!text)
		s = "";
	if (c->stale && (rc = derive(c)) != 0)
		return ts_diag_set(d, rc, 0, 0, "out of memory");
	/* not when trusted (ts_claims_trust_utf8): every reader of the text
	 * keeps within it even where it is not UTF-8, PCRE2 included
	 * (PCRE2_MATCH_INVALID_UTF) */
	ascii = c->trust_utf8 ? ascii_only(s, len) : valid_utf8(s, len);
	if (!ascii) {
		/* norm repairs UTF-8; a library caller may not have: work on a
		 * repaired copy so PCRE2 never sees invalid UTF-8 */
		if ((rc = sanitise(&c->scratch, s, len)) != 0)
			return ts_diag_set(d, rc, 0, 0, "out of memory");
		s = c->scratch.data;
		len = c->scratch.len;
	}
	ascii = ascii == 2;
	ts_buf_reset(&c->arena);
	ts_buf_reset(&c->tags);
	ts_buf_reset(&c->qty);
	c->nq = 0;
	c->limit_hit = 0;
	/* the state the previous row passed on: read where a test needs it
	 * (st_read), so that a guess (ts_claims_guess) knows what it used */
	st_in = c->doc.set;
	was_pending = c->doc.pending;
	c->doc.pending = 0;
	was_cont = c->doc.cont;
	c->doc.cont = 0;
	c->doc.set |= ST_PEND | ST_CONT;
	/* one cheap pre-scan: scripts, quotation marks and gate literals
	 * decide which expensive steps can match at all */
	{
		unsigned cls = prescan(c, s, len, ascii);
		han = (cls & B_HAN) != 0;
		latin = (cls & B_ALPHA) != 0;
		marks = (cls & B_MARK) != 0;
	}

	if (marks && (rc = scan_quotes(c, s, len)) != 0)
		return ts_diag_set(d, rc, 0, 0, "out of memory");

	/* quotations: term markers, speaker before, after, chain, intro */
	for (qn = 0, wbase = 0; qn < c->nq; qn++) {
		struct qspan *q = &c->q[qn];
		/* the window before a quotation starts after the last one that
		 * is not a term: a term is part of the clause (网友“科技老王”
		 * 说：“…”) */
		size_t ws = wbase, lo, hi, spo, spl, cuo, cul;
		int found = 0;

		lo = q->open > WIN && q->open - WIN > ws ? q->open - WIN : ws;
		lo = align_fwd(s, len, lo);
		if (q->open > lo &&
		    attribute(c, R_TERM, s, lo, q->open, &spo, &spl, &cuo, &cul)) {
			q->term = 1;
			continue;
		}
		if (q->open > lo &&
		    attribute(c, R_BEFORE, s, lo, q->open, &spo, &spl, &cuo, &cul)) {
			found = 1;
		} else if (q->closed) {
			hi = qn + 1 < c->nq ? c->q[qn + 1].open : len;
			if (hi > q->close_end + WIN)
				hi = q->close_end + WIN;
			hi = align_fwd(s, len, hi);
			if (hi > q->close_end &&
			    attribute(c, R_AFTER, s, q->close_end, hi, &spo, &spl,
			              &cuo, &cul)) {
				found = 1;
				q->from_after = 1;
			}
		}
		if (found) {
			q->has_speaker = 1;
			q->sp_off = spo;
			q->sp_len = spl;
			q->cue_off = cuo;
			q->cue_len = cul;
		} else if (qn > 0 && c->q[qn - 1].has_speaker &&
		           q->open - c->q[qn - 1].close_end <= 100) {
			/* "A," he said. "B" / “A”“B”: same speaker */
			struct qspan *pq = &c->q[qn - 1];
			q->has_speaker = 1;
			q->sp_off = pq->sp_off;
			q->sp_len = pq->sp_len;
			q->sp_arena = pq->sp_arena;
			q->cue_off = pq->cue_off;
			q->cue_len = pq->cue_len;
			q->cue_arena = pq->cue_arena;
		} else if (blank(s, ws, q->open) &&
		           st_read(c, st_in, ST_PEND) && was_pending) {
			q->has_speaker = 1;
			q->sp_arena = q->cue_arena = 1;
			q->sp_off = keep(c, c->doc.pend_speaker.data ? c->doc.pend_speaker.data : "", 0,
			                 c->doc.pend_speaker.len, &err);
			q->sp_len = c->doc.pend_speaker.len;
			q->cue_off = keep(c, c->doc.pend_cue.data ? c->doc.pend_cue.data : "", 0,
			                  c->doc.pend_cue.len, &err);
			q->cue_len = c->doc.pend_cue.len;
		}
		if (!q->has_speaker && qn == 0 && c->nq == 1 &&
		    blank(s, 0, q->open) && blank(s, q->close_end, len) &&
		    speechlike(s, q->cstart, q->cend) &&
		    st_read(c, st_in, ST_CONT) && was_cont) {
			q->has_speaker = 1;
			q->sp_arena = q->cue_arena = 1;
			q->sp_off = keep(c, c->doc.cont_speaker.data, 0,
			                 c->doc.cont_speaker.len, &err);
			q->sp_len = c->doc.cont_speaker.len;
			q->cue_off = keep(c, c->doc.cont_cue.data ? c->doc.cont_cue.data : "", 0,
			                  c->doc.cont_cue.len, &err);
			q->cue_len = c->doc.cont_cue.len;
		}
		if (!speechlike(s, q->cstart, q->cend)) {
			/* short and unattributed, or short and running on
			 * into the clause (公司称，“小星”在…排名): a term */
			size_t n1 = 0;
			unsigned nx = q->close_end < len ?
			              dec(s + q->close_end, len - q->close_end, &n1) : 0;
			if (!q->has_speaker || is_han(nx) || is_alpha(nx) ||
			    is_digit(nx))
				q->term = 1;
		}
		if (!q->term)
			wbase = q->close_end;
	}

	/* reported claims, hedges, evaluative words: whole text; Chinese
	 * patterns need Han characters, English ones Latin letters: a text
	 * with one script tries its language's only (in file order too) */
	{
		const size_t *wl = han && latin ? c->wpat : han ? c->wlang[L_ZH] :
		                   c->wlang[L_EN];
		nwl = han && latin ? c->nwpat : han ? c->nwlang[L_ZH] :
		      latin ? c->nwlang[L_EN] : 0;
		wlist = wl;
	}
	for (k = 0; k < nwl; k++) {
		struct pattern *p = &c->pat[wlist[k]];
		i = wlist[k];
		if (p->role == R_REPORT && report)
			continue;
		if ((p->role == R_HEDGE && hedge) || (p->role == R_SUPER && sup) ||
		    (p->role == R_COMPAR && comp))
			continue;
		if (!gate_open(c, i, s, 0, len))
			continue;
		if (p->tag && !c->regex_tags) {
			int r = tag_match(p->tag, s, len, ascii);
			if (r == 0)
				continue;
			if (r > 0)
				goto tagged;
		}
		{
			/* a match inside a quotation is the speaker's words, not
			 * the sentence's claim: search on after it */
			size_t from = 0;
			int hit = 0;
			while (from <= len &&
			       (p->re_lead && !c->full_scan ?
			        run_lead(c, p, s, from, len) :
			        run(c, p, s, from, len, 0))) {
				PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
				if (p->role != R_REPORT || !inside_quote(c, ov[0])) {
					hit = 1;
					break;
				}
				from = align_fwd(s, len, ov[0] + 1);
				if (from >= len)
					break;
			}
			if (!hit)
				continue;
		}
	tagged:
		switch (p->role) {
		case R_REPORT: {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
			int named = p->g_speaker >= 0;
			report = 1;
			group(c, p->g_cue, &rep_cue, &rep_cuel);
			c->sources = 1;
			if (group(c, p->g_speaker, &o, &l)) {
				while (l && s[o] == ' ') {
					o++;
					l--;
				}
				if (l >= 6 && !memcmp(s + o, "\xE3\x80\x8A", 3) &&
				    !memcmp(s + o + l - 3, "\xE3\x80\x8B", 3)) {
					o += 3;   /* 《华尔街日报》 → 华尔街日报 */
					l -= 6;
				} else if (trim(s, &o, &l), p->lang == L_ZH) {
					trim_zh(c, s, &o, &l);
				} else {
					trim_en(c, s, &o, &l);
				}
			} else {
				walk_back(c, s, 0, ov[0], p->lang, &o, &l);
			}
			c->sources = 0;
			/* "另有消息称": an anonymous source is a hedge, not a report */
			{
				size_t at;
				if (l && list_find_last(c, K_HEDGE_ZH, s + o, l, &at, 0)) {
					report = 0;
					hedge = 1;
					break;
				}
			}
			if (!l && !named) {
				report = 0;   /* a cue with no source is no report */
				break;
			}
			rep_sp = o;
			rep_spl = l;
			break;
		}
		case R_HEDGE: hedge = 1; break;
		case R_SUPER: sup = 1; break;
		default: comp = 1; break;
		}
	}

	/* colon introduction at the end of this row → next row's speaker */
	{
		size_t e = len;
		while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		if (e && (s[e - 1] == ':' ||
		          (e >= 3 && !memcmp(s + e - 3, "\xEF\xBC\x9A", 3)))) {
			size_t lo = c->nq ? c->q[c->nq - 1].close_end : 0, spo, spl,
			       cuo, cul;
			if (e > lo + WIN)
				lo = align_fwd(s, len, e - WIN);
			if (attribute(c, R_BEFORE, s, lo, e, &spo, &spl, &cuo, &cul) &&
			    spl)
				set_pending(c, s, spo, spl, cuo, cul, &err);
		} else if (e > 1 && s[e - 1] == '.' && !c->nq && !han &&
		           short_clause(c, s, e - 1)) {
			/* "Smith agreed." before a row that opens with a
			 * quotation: a sentence of a speaker and a cue alone */
			size_t spo, spl, cuo, cul;
			if (attribute(c, R_BEFORE, s, 0, e - 1, &spo, &spl, &cuo, &cul) &&
			    spl && cuo + cul == e - 1)
				set_pending(c, s, spo, spl, cuo, cul, &err);
		}
	}

	/* rows */
	{
		size_t nq = 0;
		for (qn = 0; qn < c->nq; qn++)
			if (!c->q[qn].term)
				nq++;
			else
				term = 1;
		c->nrows = nq ? nq : 1;
	}
	if (c->nrows > c->caprows) {
		ts_claim *r = realloc(c->rows, c->nrows * sizeof *r);
		ts_field *sf;
		struct rowspan *rs;
		if (!r)
			return ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
		c->rows = r;
		sf = realloc(c->surf, c->nrows * sizeof *sf);
		if (!sf)
			return ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
		c->surf = sf;
		rs = realloc(c->rs, c->nrows * sizeof *rs);
		if (!rs)
			return ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
		c->rs = rs;
		c->caprows = c->nrows;
	}
	features(c, s, len, report, hedge, c->nrows && c->nq > 0 &&
	         !(c->nq == 1 && c->q[0].term), sup, comp, han,
	         ascii || !c->trust_utf8, &qmay);

	/* quantities (code, not regex: see number.c), where features() saw
	 * something that may start one */
	if (qmay && (rc = ts_quantities_skip(&c->qty, c->num, s, len, c->qskip,
	                                     c->qskip_bad ? 0 : c->nqskip / 2,
	                                     &nqty)) != 0)
		return ts_diag_set(d, rc, 0, 0, "out of memory");
	if (nqty && (strstr(c->qty.data, " USD") || strstr(c->qty.data, " CNY") ||
	             strstr(c->qty.data, " EUR") || strstr(c->qty.data, " %")))
		money = 1;
	c->feat[0] = nqty > 0;
	c->feat[1] = log1p_n(c, nqty);
	c->feat[2] = money;

	/* tags (shared by the rows of this sentence) */
	{
		int anyq = 0;
		for (qn = 0; qn < c->nq; qn++)
			if (!c->q[qn].term)
				anyq = 1;
		if (anyq)
			err |= add_tag(&c->tags, "quote");
		if (report)
			err |= add_tag(&c->tags, "report");
		if (hedge)
			err |= add_tag(&c->tags, "hedge");
		if (nqty)
			err |= add_tag(&c->tags, "number");
		if (sup)
			err |= add_tag(&c->tags, "superlative");
		if (comp)
			err |= add_tag(&c->tags, "comparative");
		if (term)
			err |= add_tag(&c->tags, "term");
		for (qn = 0; qn < c->nq; qn++)
			if (!c->q[qn].closed) {
				err |= add_tag(&c->tags, "unbalanced");
				break;
			}
		kind = anyq ? "quote" : report ? "report" : hedge ? "hedge" :
		       nqty ? "number" : "none";
	}

	{
		struct rowspan *rs = c->rs;
		size_t r = 0, base;
		double cw = checkworthy(c);

		/* build every string in the arena first (it may move), then
		 * point the rows into it */
		memset(rs, 0, c->nrows * sizeof *rs);
		for (qn = 0; qn < c->nq && !err; qn++) {
			struct qspan *q = &c->q[qn];
			struct rowspan *w;
			const char *sp;
			size_t spl2, co, cl;
			if (q->term)
				continue;
			w = &rs[r++];
			o = q->cstart;
			l = q->cend - q->cstart;
			trim(s, &o, &l);
			/* keep closing punctuation inside the quote text */
			l = q->cend - o;
			while (l && (s[o + l - 1] == ' '))
				l--;
			w->q_off = keep(c, s, o, l, &err);
			w->q_len = l;
			sp = q->sp_arena ? NULL : s;
			spl2 = q->sp_len;
			if (!q->has_speaker)
				spl2 = 0;
			if (spl2) {
				const char *src = q->sp_arena ? c->arena.data : s;
				size_t so = q->sp_off;
				/* copy first: the arena may move under src */
				size_t at = c->arena.len;
				if (q->sp_arena) {
					if (ts_buf_grow(&c->arena, spl2))
						err = TS_ENOMEM;
					else
						memcpy(c->arena.data + at, c->arena.data + so, spl2);
					c->arena.len += err ? 0 : spl2;
				} else {
					keep(c, src, so, spl2, &err);
				}
				w->su_off = at;
				w->su_len = spl2;
				int pro = pronoun(c, c->arena.data + at, spl2);

				if (pro && defer_last(c)) {
					w->sp_off = at;
					w->sp_len = spl2;
					w->deferred = 1;
				} else if (pro && c->doc.last_speaker.len &&
				           !c->doc.last_ambiguous) {
					w->sp_off = keep(c, c->doc.last_speaker.data, 0,
					                 c->doc.last_speaker.len, &err);
					w->sp_len = c->doc.last_speaker.len;
				} else {
					w->sp_off = at;
					w->sp_len = spl2;
					/* in order, so "She added" later in this row
					 * sees the name */
					if (!err && note_speaker(c, c->arena.data + at, spl2,
					                         &names_row))
						err = TS_ENOMEM;
				}
			}
			(void)sp;
			co = q->cue_off;
			cl = q->has_speaker ? q->cue_len : 0;
			if (cl) {
				size_t at = c->arena.len;
				if (q->cue_arena) {
					if (ts_buf_grow(&c->arena, cl))
						err = TS_ENOMEM;
					else {
						memcpy(c->arena.data + at, c->arena.data + co, cl);
						c->arena.len += cl;
					}
				} else {
					keep(c, s, co, cl, &err);
				}
				w->cue_off = at;
				w->cue_len = cl;
			}
		}
		if (!c->nq || r == 0) {
			struct rowspan *w = &rs[0];
			r = 1;
			if (report) {
				int pro = pronoun(c, s + rep_sp, rep_spl);

				w->sp_off = keep(c, s, rep_sp, rep_spl, &err);
				w->sp_len = rep_spl;
				w->su_off = w->sp_off;
				w->su_len = rep_spl;
				w->cue_off = keep(c, s, rep_cue, rep_cuel, &err);
				w->cue_len = rep_cuel;
				if (pro && defer_last(c)) {
					w->deferred = 1;
				} else if (pro && c->doc.last_speaker.len &&
				           !c->doc.last_ambiguous) {
					w->sp_off = keep(c, c->doc.last_speaker.data, 0,
					                 c->doc.last_speaker.len, &err);
					w->sp_len = c->doc.last_speaker.len;
				}
			}
		}
		if (err) {
			return ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
		}
		/* the last quotation's speaker, for a following quote-only row */
		if (c->nq && r && rs[r - 1].sp_len && rs[r - 1].q_len &&
		    !c->q[c->nq - 1].term) {
			c->doc.cont = 1;
			ts_buf_reset(&c->doc.cont_speaker);
			ts_buf_reset(&c->doc.cont_cue);
			if (ts_buf_add(&c->doc.cont_speaker, c->arena.data + rs[r - 1].su_off,
			               rs[r - 1].su_len) ||
			    ts_buf_add(&c->doc.cont_cue, c->arena.data + rs[r - 1].cue_off,
			               rs[r - 1].cue_len))
				err = TS_ENOMEM;
		}
		if (c->limit_hit)
			err |= add_tag(&c->tags, "limit");
		base = 0;
		(void)base;
		if (!c->arena.data && ts_buf_grow(&c->arena, 1))
			err = TS_ENOMEM;   /* rows point into the arena */
		for (k = 0; k < r && !err; k++) {
			ts_claim *row = &c->rows[k];
			row->kind = kind;
			row->tags.ptr = c->tags.data ? c->tags.data : "";
			row->tags.len = c->tags.len;
			row->speaker.ptr = c->arena.data + rs[k].sp_off;
			row->speaker.len = rs[k].sp_len;
			row->cue.ptr = c->arena.data + rs[k].cue_off;
			row->cue.len = rs[k].cue_len;
			row->quote.ptr = c->arena.data + rs[k].q_off;
			row->quote.len = rs[k].q_len;
			row->quantity.ptr = c->qty.data ? c->qty.data : "";
			row->quantity.len = c->qty.len;
			row->checkworthy = cw;
			c->surf[k].ptr = c->arena.data + rs[k].su_off;
			c->surf[k].len = rs[k].su_len;
		}
		c->nrows = r;
	}
	if (err)
		return ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
	*rows = c->rows;
	*nrows = c->nrows;
	return 0;
}

ts_field ts_claims_speaker_surface(const ts_claims *c, size_t i)
{
	ts_field f = {"", 0};

	if (c && i < c->nrows)
		f = c->surf[i];
	return f;
}
