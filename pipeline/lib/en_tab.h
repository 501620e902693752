/* en_tab.h - the English engine's private types: hash tables over
 * lower-cased byte strings, tokens and the engine handle (en*.c only). */
#ifndef TS_EN_TAB_H
#define TS_EN_TAB_H

#include "en.h"

#include <stdint.h>
#include <string.h>

struct sb_stemmer;

/* entry flags */
enum {
	EN_LEX = 1u << 0,     /* has a lexicon valence (val) */
	EN_BOOST = 1u << 1,   /* booster/dampener (boost) */
	EN_NEG = 1u << 2,     /* negator */
	EN_EMOJI = 1u << 3,   /* emoji: a token of its own (val) */
	EN_SPECIAL = 1u << 4, /* phrase: special case (spec) */
	EN_IDIOM = 1u << 5,   /* phrase: sentiment-laden idiom (spec2) */
	EN_STEMOK = 1u << 6,  /* stem table: one polarity only */
	EN_STEMBAD = 1u << 7, /* stem table: mixed polarity, unusable */
	EN_PHRW = 1u << 8     /* the word occurs in some phrase entry */
};

/* words the rules test for, by id (en_ent.wid, en_tok.wid) */
enum {
	W_NONE, W_NO, W_BUT, W_KIND, W_OF, W_NEVER, W_SO, W_THIS, W_WITHOUT,
	W_DOUBT, W_LEAST, W_AT, W_VERY, W_OR, W_NOR, W_HOWEVER, W_YET,
	W_EXCEPT, W_ALTHOUGH, W_THOUGH, W_COUNT
};

struct en_ent {
	size_t off;       /* key offset in ts_en.keys */
	uint32_t len;     /* key length in bytes */
	uint32_t flags;   /* EN_* */
	uint32_t wid;     /* W_* */
	uint64_t hash;    /* hash of the key */
	double val;       /* lexicon valence (EN_LEX, EN_EMOJI, stem mean) */
	double boost;     /* booster scalar (EN_BOOST); stem: entry count */
	double spec;      /* special-case valence (EN_SPECIAL) */
	double spec2;     /* idiom valence (EN_IDIOM) */
};

/* Open addressing over compact 8-byte slots (hash high half, entry index
 * + 1; 0 = free) so that a probe stays in cache; the entries themselves
 * are a dense array in insertion order (pointers into it are valid until
 * the next insertion). */
struct en_tab {
	uint64_t *slot;     /* cap slots, cap a power of two */
	size_t cap;
	struct en_ent *ent; /* n entries */
	size_t n, ncap;
};

struct en_tok {
	size_t lo;              /* lower-case form: offset in ts_en.low */
	size_t ln;              /* its length in bytes */
	double val;             /* valence when has */
	double boost;           /* booster scalar when isboost */
	union {
		struct {
			unsigned char has;     /* "in the lexicon" (or
			                          stem/elongation hit) */
			unsigned char isboost; /* in the booster list */
			unsigned char neg;     /* negator (list or contains
			                          "n't") */
			unsigned char upper;   /* Python str.isupper() of the
			                          token */
			unsigned char bound;   /* default mode: a clause ends
			                          after it */
			unsigned char wid;     /* W_* of the word */
			unsigned char phrw;    /* may be part of a phrase
			                          entry */
		};
		uint64_t facts; /* the seven above as one word, which the
		                   token cache stores and restores at once */
	};
	size_t clause;          /* default mode: clause number */
};

/* one evidence event: a modifier applied to a sentiment word */
struct en_ev {
	size_t owner;  /* token whose valence changed */
	size_t mod;    /* modifier token (or owner) */
	int kind;      /* EV_* in en.c */
	double amt;    /* amount added or factor */
};

/* The stem fall-back's cache: a word's Snowball result (the stem table
 * entry, or none), so that the stemmer runs about once per distinct word.
 * Only words that pass the cheap filters before the stemmer are stored.
 * 2-way set associative (the last used way first), indexed by the word's
 * ts_en_hash(); words longer than EN_STEMC_KEY bytes are not cached.
 * EN_STEMC_SETS x 2 x 32 bytes = 512 KiB, touched only as words arrive. */
#define EN_STEMC_SETS 8192
#define EN_STEMC_KEY 19
#define EN_STEMPRE_BITS 18

struct en_stemc {           /* 32 bytes */
	uint32_t tag;       /* high half of the word's hash */
	uint32_t gen;       /* ts_en.gen when filled */
	uint32_t ent;       /* ts_en.stem entry + 1, 0 = no usable stem */
	unsigned char len;  /* key length, 0 = empty */
	char key[EN_STEMC_KEY];
};

/* The facts of a whole ASCII token, keyed by its raw bytes ("Good," with
 * its case and punctuation): what add_ascii() and classify() derive from
 * it, so that a repeated token costs one probe instead of lower-casing,
 * stripping and two or three table look-ups. The key is the token as
 * zero-padded little-endian words, as the tokeniser's scan produces them
 * (a token has no NUL byte, so the key alone tells tokens apart and an
 * all-zero key is a free way); everything else is one 64-bit word, the
 * payload (EN_PAY_*), so that an entry of a token of up to 8 bytes (88%
 * of the tokens of English text, 70% of the distinct ones) takes 16
 * bytes and a 64-byte cache line holds a set of four of them. Longer
 * tokens, up to EN_WORD_KEY bytes, have their own table of 32-byte
 * entries, four to a set of two lines (the most recent way first, so a
 * hit mostly reads one); longer ones are not cached. Each set is kept in
 * least-recently-used order (a hit moves to the first way, a new token
 * goes first and drops the last way). Both tables are calloc'ed and
 * touched only as tokens arrive. The previous single table (2 MiB of
 * 32-byte entries, 2-way) missed 184k of the 2.8M tokens of 4 MB of
 * English text (40k distinct tokens, 12k of them longer than 8 bytes),
 * mostly on set conflicts; two tables of 1 MiB missed 66k (a long table
 * of 8k 2-way sets: 110k). Each is 2 MiB now: the bench's 50 MB of
 * English text has more distinct tokens than 1 MiB tables hold, and
 * `run -j1` on it took 2.5% less time (peak RSS 10.1 -> 12.1 MiB).
 * Measured around it: tables of 512 KiB took 5% more time than those
 * of 1 MiB; tables of 4 MiB less than 1 MiB ones, more than 2 MiB. */
#define EN_WS_BITS 15                       /* 32k sets x 4 = 2 MiB */
#define EN_WS_SETS ((size_t)1 << EN_WS_BITS)
#define EN_WL_BITS 14                       /* 16k sets x 4 = 2 MiB */
#define EN_WL_SETS ((size_t)1 << EN_WL_BITS)
#define EN_WORD_KEY 16

struct en_wshort {          /* one set: four ways, one cache line */
	uint64_t key[4];    /* the token's bytes, zero-padded; 0 = free */
	uint64_t pay[4];    /* payload (EN_PAY_*) */
};

struct en_wlong {           /* one set: four ways, two cache lines */
	struct {
		uint64_t key[2];
		uint64_t pay;
		uint64_t pad;
	} w[4];
};

/* The payload: en_tok.facts of the token in the bits that its seven
 * one-byte facts use (EN_PAY_FACTS: a flag is 0 or 1, a word id below
 * 32), and in the bits they leave free the token's valence and booster
 * scalar as indexes into ts_en.vtab and ts_en.btab, the length of its
 * lower-case form and where that starts in the key (the lower-case form
 * is not stored: it is the key lower-cased from byte off on; put_word()
 * caches only tokens for which that holds). */
#define EN_PAY_FACTS ((uint64_t)0x00031F0101010101u)
/* The facts of a token whose lower-case form (en_tok.lo, ln) a rule or
 * the evidence may read: has, isboost, neg, wid, phrw (not upper or
 * bound); and of one whose valence or booster scalar may be read: has,
 * isboost. (Every reader of those fields tests these facts first, so
 * the token cache's hit path leaves the fields of other tokens unset.) */
#define EN_PAY_FORM ((uint64_t)0x00031F0000010101u)
#define EN_PAY_VB ((uint64_t)0x0000000000000101u)
#define EN_PAY_VI(p) ((size_t)((p) >> 55))
#define EN_PAY_BI(p) ((size_t)((p) >> 9) & 7)
#define EN_PAY_LN(p) ((size_t)((p) >> 17) & 31)
#define EN_PAY_OFF(p) ((size_t)((p) >> 25) & 15)
#define EN_PAY_MAKE(vi, bi, ln, off)                                     \
	((uint64_t)(vi) << 55 | (uint64_t)(bi) << 9 | (uint64_t)(ln) << 17 | \
	 (uint64_t)(off) << 25)

/* distinct valences and booster scalars that the token cache can refer
 * to (the lexicon has 81 valences; the booster list two scalars) */
#define EN_VTAB 512
#define EN_BTAB 8

/* The Snowball stems of the terms of en/vader_lexicon.tsv, computed at
 * build time (pipeline/gen/en_stems_gen.c writes en_stems.c): entry i
 * belongs to the file's i-th term, which is the i-th entry of ts_en.lex.
 * build_stems() uses an entry only when its hash and length are those of
 * the engine's own entry (else, or with hash 0, it stems the term
 * itself), so a stale or foreign table cannot change a result. */
#define EN_PRESTEM_TAIL 5
struct en_prestem {
	uint64_t hash;       /* ts_en_hash() of the term; 0 = not stemmed */
	unsigned char wlen;  /* the term's length in bytes */
	unsigned char plen;  /* the stem is the term's first plen bytes */
	char tail[EN_PRESTEM_TAIL + 1]; /* then these (NUL-terminated) */
};
extern const struct en_prestem ts_en_prestem[];
extern const size_t ts_en_prestem_n;

/* Byte classes of the tokeniser (ts_en.cls), so that the ASCII fast path
 * tests one table entry per byte instead of a chain of ranges. */
enum {
	CL_SPACE = 1u << 0, /* Python str.split() separator: ends a token */
	CL_HIGH = 1u << 1,  /* >= 0x80: UTF-8, left to the general path */
	CL_PUNCT = 1u << 2, /* Python string.punctuation */
	CL_LOWER = 1u << 3, /* a-z */
	CL_APOS = 1u << 4,  /* ' (maybe "n't") */
	CL_UPPER = 1u << 5, /* A-Z; the value is the ASCII case bit, so
	                       c + (cls & CL_UPPER) lower-cases c */
	CL_AMP = 1u << 6,   /* & (maybe an HTML entity) */
	CL_MARK = 1u << 7   /* , ; . ! ? : (a clause ends after the word) */
};

struct ts_en {
	int compat;                /* 1: reproduce vaderSentiment 3.3.1 */
	unsigned char cls[256];    /* CL_* of every byte */
	unsigned feat;             /* TS_EN_* (default mode only) */
	struct en_tab lex;         /* words: lexicon, boosters, negators */
	struct en_tab phr;         /* phrases "a b [c]" */
	struct en_tab stem;        /* Snowball stem -> valence */
	char *keys;                /* key bytes of all tables */
	size_t klen, kcap;
	struct sb_stemmer *sb;     /* English stemmer (default mode) */
	struct en_stemc *stemc;    /* stem cache, 2 x EN_STEMC_SETS */
	struct en_wshort *wshort;  /* token cache, tokens of 1-8 bytes */
	struct en_wlong *wlong;    /* token cache, tokens of 9-16 bytes */
	void *word_mem;            /* their block (64-byte aligned) */
	double vtab[EN_VTAB];      /* payload's vi -> valence */
	unsigned nvtab;            /* used entries of vtab */
	uint16_t vslot[2 * EN_VTAB]; /* hash of vtab: bit pattern -> vi + 1 */
	double btab[EN_BTAB];      /* payload's bi -> booster scalar */
	unsigned nbtab;            /* used entries of btab */
	uint32_t word_gen;         /* gen the token cache holds results of */
	int word_used;             /* something was put in the token cache */
	uint64_t *stempre;         /* bitmap: hashes of stem prefixes */
	uint64_t role_near;        /* en_tok.facts bits that let a token act
	                              on the next three (see en_score()) */
	uint64_t role_self;        /* ... and on the token itself */
	size_t nstemmed;           /* lexicon terms that ts_en_new() had to
	                              stem itself (not in ts_en_prestem) */
	uint32_t gen;              /* bumped by ts_en_add_entry() and
	                              ts_en_set_features(): results cached
	                              before are stale */
	/* scratch, grown geometrically, reused across calls */
	struct en_tok *tok;
	size_t ntok, ctok;
	size_t nupper;             /* tokens with en_tok.upper */
	uint32_t wids;             /* bit W_* set: some token is that word
	                              (W_NONE's bit may be missing) */
	size_t *has;               /* the tokens with en_tok.has, in order */
	size_t nhas, chas;
	size_t clause;             /* clause number of the next token */
	char *low;                 /* lower-cased tokens */
	size_t nlow, clow;
	double *sent;              /* per-token sentiment */
	size_t csent;
	struct en_ev *ev;
	size_t nev, cev;
	size_t *nz;                /* but_compat(): non-zero slots */
	size_t cnz;
	size_t *hit;               /* tokens with a non-zero valence, in
	                              order (the evidence's candidates) */
	size_t nhit, chit;
	char *tmp;                 /* entity decoding of one token */
	size_t ctmp;
	int want_ev;               /* evidence requested for this call */
	int stop_han;              /* this call stops at Han (EN_HAN) */
};

/* Tables (en_tab.c). */
uint64_t ts_en_hash(const char *p, size_t n);

#define EN_SLOT_IDX(x) ((size_t)((x) & 0xffffffffu))
#define EN_SLOT_TAG(h) ((h) & ~(uint64_t)0xffffffffu)

/* The entry of key p[0..n) with hash h = ts_en_hash(p, n), or NULL.
 * Inline: it runs once or more per token, and the call itself cost as
 * much as the probe. */
static inline struct en_ent *ts_en_tab_find(const ts_en *e,
                                            const struct en_tab *t,
                                            const char *p, size_t n,
                                            uint64_t h)
{
	size_t j, mask;
	uint64_t tag = EN_SLOT_TAG(h), x;

	if (!t->cap)
		return NULL;
	mask = t->cap - 1;
	j = (size_t)h & mask;
	while ((x = t->slot[j]) != 0) {
		if (EN_SLOT_TAG(x) == tag) {
			struct en_ent *y = &t->ent[EN_SLOT_IDX(x) - 1];

			if (y->len == n && memcmp(e->keys + y->off, p, n) == 0)
				return y;
		}
		j = (j + 1) & mask;
	}
	return NULL;
}
/* Find or insert a key; NULL on ENOMEM. */
struct en_ent *ts_en_tab_put(ts_en *e, struct en_tab *t, const char *p,
                             size_t n);
/* Make room for n entries in t without growing (0 or TS_ENOMEM). */
int ts_en_tab_reserve(struct en_tab *t, size_t n);
/* Find the phrase made of `n` parts joined by single spaces. */
const struct en_ent *ts_en_phrase(const ts_en *e, const char *const *p,
                                  const size_t *len, size_t n);
void ts_en_tab_free(struct en_tab *t);

#endif
