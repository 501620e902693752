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
 * stripping and two or three table look-ups. The key is the token as two
 * zero-padded little-endian words, as the tokeniser's scan produces them,
 * so a probe compares two words and no bytes. 2-way set associative (the
 * last used way first); tokens longer than EN_WORD_KEY bytes are not
 * cached. EN_WORD_SETS x 2 x 32 bytes = 2 MiB, touched only as tokens
 * arrive: on 4 MB of English text (40k distinct tokens) 16k entries
 * missed 21% of the tokens and 32k 15% (measured: 6% fewer instructions
 * in the whole engine). 64k entries of 32 bytes (a set on one cache
 * line) in the 2 MiB that 32k entries of 64 bytes took: `score` 7%
 * faster on the bench's English; as fast on a text seen once. */
#define EN_WORD_BITS 15
#define EN_WORD_SETS ((size_t)1 << EN_WORD_BITS)
#define EN_WORD_KEY 16

/* 32 bytes, so that a set (two ways) is one 64-byte cache line and the
 * cache holds twice the entries in the same memory. The lower-case form
 * is not stored: it is the key lower-cased, from byte off on (put_word()
 * caches only tokens for which that holds); the valence and the booster
 * scalar are indexes into ts_en.vtab and ts_en.btab. */
struct en_word {
	uint64_t raw[2];    /* the token's bytes, zero-padded; all zero =
	                       empty (a token has no NUL byte, so the key
	                       alone tells tokens apart) */
	uint64_t facts;     /* en_tok.facts */
	uint16_t vi;        /* en_tok.val = ts_en.vtab[vi] */
	unsigned char bi;   /* en_tok.boost = ts_en.btab[bi] */
	unsigned char ln;   /* en_tok.ln */
	unsigned char off;  /* the lower-case form starts at key byte off */
	unsigned char pad[3];
};

/* distinct valences and booster scalars that the token cache can refer
 * to (the lexicon has 81 valences) */
#define EN_VTAB 512
#define EN_BTAB 64

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
	struct en_word *word;      /* token cache, 2 x EN_WORD_SETS */
	void *word_mem;            /* its block (word is 64-byte aligned) */
	double vtab[EN_VTAB];      /* en_word.vi -> valence */
	unsigned nvtab;            /* used entries of vtab */
	double btab[EN_BTAB];      /* en_word.bi -> booster scalar */
	unsigned nbtab;            /* used entries of btab */
	uint32_t word_gen;         /* gen the token cache holds results of */
	int word_used;             /* something was put in the token cache */
	uint64_t *stempre;         /* bitmap: hashes of stem prefixes */
	uint32_t gen;              /* bumped by ts_en_add_entry() and
	                              ts_en_set_features(): results cached
	                              before are stale */
	/* scratch, grown geometrically, reused across calls */
	struct en_tok *tok;
	size_t ntok, ctok;
	size_t nupper;             /* tokens with en_tok.upper */
	uint32_t wids;             /* bit W_* set: some token is that word */
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
/* Find the phrase made of `n` parts joined by single spaces. */
const struct en_ent *ts_en_phrase(const ts_en *e, const char *const *p,
                                  const size_t *len, size_t n);
void ts_en_tab_free(struct en_tab *t);

#endif
