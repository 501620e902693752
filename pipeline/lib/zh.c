/* zh.c - the Chinese sentiment engine: lexicon trie, longest match, modifiers. */
#include "zh.h"
#include "en.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Data (all embedded from lexicons/zh/, documented in
 * lexicons/zh/modifiers.md):
 *   mod_blockers.tsv  neutral words (valence 0) loaded before the lexicon
 *   lex_*.tsv         the lexicon, in name order, later files override
 *   mod_degree.tsv    degree adverbs: term, multiplier, position, alone
 *   mod_negators.tsv  negators: term, factor, before_degree, alone
 *   mod_contrast.tsv  contrast, concessive and summary words
 *   mod_cues.tsv      sentence cues: term, kind, factor
 *   mod_params.tsv    numeric parameters: name, value
 *   t2s.tsv           traditional -> simplified characters
 *
 * Every term and modifier is a path of (simplified, ASCII lower-cased)
 * code points. Loading inserts it into a trie whose edges sit in one
 * open-addressing hash keyed by (parent node, code point); that trie keeps
 * what loading needs (duplicate detection, later additions). Matching
 * reads a second form of it, rebuilt from the first whenever that changed
 * (on the next ts_zh_score()):
 *  - every character that occurs in a term has a small code (1, 2, ...);
 *    a table over U+3400..U+9FFF gives the code of each code point there,
 *    a traditional character the code of its simplified form (0: in no
 *    term); the few other characters of terms are in a small hash;
 *  - a double-array trie over these codes: the child of the node in slot
 *    s for code c is slot base(s) + c when that slot's check is s. The
 *    root is slot 0 with base 0, so the node of a term's first character
 *    is the slot numbered by its code. Each step of a match is one table
 *    read and one slot read, with no hashing and no probing.
 * A node may carry a lexicon valence and/or a modifier; when both, the
 * modifier wins.
 */

#define ZH_LO 0x3400u          /* the code table covers U+3400..U+9FFF */
#define ZH_HI 0x9FFFu
#define ZH_SPAN (ZH_HI - ZH_LO + 1u)
#define ZH_MAXCODES 0xFFFFu    /* distinct characters in terms (16-bit codes) */
#define ZH_MAXFAC 8            /* factors recorded per matched term */
#define ZH_ALPHA 15.0          /* compound normalisation, as VADER */

enum zh_modkind {
	MOD_NONE = 0,
	MOD_DEG,       /* degree adverb before the word it scales */
	MOD_DEGADJ,    /* degree only when directly followed by a sentiment word */
	MOD_POST,      /* degree complement after the word (好极了) */
	MOD_NEG,       /* negator */
	MOD_CONTRAST,  /* 但是: clause before weighs a, after weighs b */
	MOD_CONCESS,   /* 虽然: its clause weighs a, what follows weighs b */
	MOD_SUMMARY,   /* 总的来说: what follows in the sentence weighs b */
	MOD_QUESTION,  /* 吗 at the end of a sentence: weighs a */
	MOD_RHET,      /* 难道: the sentence's terms are multiplied by a */
	MOD_RHETPOS,   /* 怎么能, 哪里: positive terms multiplied by a */
	MOD_IRREALIS   /* 如果, 希望: terms from here to the sentence end × a */
};

typedef struct zh_mod {
	int kind;
	double a, b;
	double alone;  /* MOD_NEG, MOD_DEG: valence when it acts on nothing
	                  (不如; 太 + a neutral word = too much) */
} zh_mod;

/* What a node carries: per node of the loading trie, and per slot of the
 * double array (copied there). */
typedef struct zh_node {
	int16_t val;        /* lexicon valence × 1000, or ZH_NOVAL */
	int16_t mod;        /* index into z->mods, or -1 */
} zh_node;

#define ZH_NOVAL INT16_MIN
#define ZH_HASVAL(nd) ((nd)->val != ZH_NOVAL)
#define ZH_VAL(nd) ((nd)->val / 1000.0)

/* A slot of the double array: what each step of a match reads. */
typedef struct zh_slot {
	uint32_t base;      /* (base << 1) | end: end = 1 when the node carries a
	                       valence or a modifier; base 0 = no children */
	uint32_t check;     /* slot of the parent, ZH_FREE when unused */
} zh_slot;

#define ZH_FREE UINT32_MAX

/* What loading keeps of a node: its edge (for building the double array)
 * and where its valence came from (duplicate detection). */
typedef struct zh_src {
	uint32_t parent;    /* parent node (the root: 0) */
	uint32_t key;       /* code point of the edge from the parent */
	uint32_t gen;       /* load that set the valence (0: ts_zh_add_entry) */
	uint32_t line;      /* line of the entry in that load's file */
	const char *src;    /* its bytes there; valid while that load runs */
	size_t srclen;
} zh_src;

/* One factor that acted on a term: multiplier and the modifier's text. */
typedef struct zh_fac {
	double f;
	size_t off, len;
} zh_fac;

#define TF_CONTRASTED 1u /* a contrast/concessive weight has been applied */
#define TF_AMBIG 2u      /* may turn into a degree adverb (好大) */
#define TF_AFTER 4u      /* weighed up by a summary word (keeps its weight
                            in a later sentence) */

typedef struct zh_term {
	size_t off, len;     /* the matched text */
	double base, w;      /* lexicon valence, final weight */
	double ambig_mult;   /* TF_AMBIG: multiplier as a degree adverb */
	unsigned flags;
	unsigned nfac;
	size_t sent;         /* sentences with sentiment before this one */
	zh_fac fac[ZH_MAXFAC];
} zh_term;

struct ts_zh {
	/* the loading trie */
	zh_node *nodes;
	zh_src *src;            /* per node, parallel to nodes */
	size_t nnodes, capnodes;
	uint64_t *hash;         /* edges: (parent << 42) | (cp << 21) | child */
	size_t hcap, hused;
	/* character codes */
	uint16_t *code;         /* ZH_SPAN: code of each code point, 0 = none */
	uint64_t *xcode;        /* other keys: (key << 32) | code, 0 = empty */
	size_t xcap, xused;
	uint32_t ncodes;
	/* the double array, rebuilt from the loading trie when `dirty` */
	zh_slot *da;
	zh_node *dv;            /* per slot: what its node carries */
	size_t dsize;
	int dirty;
	uint16_t *t2s;          /* ZH_SPAN entries: simplified code point or 0 */
	uint16_t *trad_head;    /* ZH_SPAN: first traditional form + 1 - ZH_LO */
	uint16_t *trad_next;    /* ZH_SPAN: next traditional form, same coding */
	zh_mod *mods;
	size_t nmods, capmods;
	/* parameters (mod_params.tsv) */
	double excl_amp;        /* per ! mark, VADER 0.292 */
	long excl_max;          /* marks counted at most */
	double later;           /* weight of sentences after the first */
	double deg_cap;         /* cap on a product of degree adverbs */
	long deg_gap;           /* units allowed between degree and term */
	long neg_gap;           /* units allowed between negator and term */
	long post_gap;          /* units allowed between term and complement */
	uint32_t gen;           /* number of lexicon files loaded so far */
	zh_term *terms;         /* scratch for one text */
	size_t nterms, capterms;
};

/* ---------------------------------------------------------------- UTF-8 */

/* Decode one code point at s (n > 0 bytes available): ts_u8dec() (an
 * invalid or truncated sequence is U+FFFD of length 1) on the bytes this
 * file keeps unsigned. */
static inline uint32_t zh_dec(const unsigned char *s, size_t n, size_t *adv)
{
	return ts_u8dec((const char *)s, n, adv);
}

static int zh_is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF) ||
	       c == 0x3007;
}

/* The code point used as a trie key: simplified, ASCII lower case. */
static uint32_t zh_key(const ts_zh *z, uint32_t c)
{
	if (c >= ZH_LO && c <= ZH_HI) {
		uint16_t s = z->t2s[c - ZH_LO];
		return s ? s : c;
	}
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	return c;
}

/* ----------------------------------------------------------------- trie */

static uint64_t zh_hash(uint64_t k)
{
	k *= 0x9E3779B97F4A7C15ull;
	return k ^ (k >> 29);
}

#define ZH_MAXNODES ((1u << 21) - 1) /* node ids fit in 21 bits */

/* Child of a node of the loading trie (0 = none). */
static uint32_t zh_child(const ts_zh *z, uint32_t parent, uint32_t cp)
{
	uint64_t key, e;
	size_t mask, i;

	if (!z->hcap)
		return 0;
	key = ((uint64_t)parent << 21) | cp;
	mask = z->hcap - 1;
	for (i = (size_t)zh_hash(key) & mask;; i = (i + 1) & mask) {
		e = z->hash[i];
		if ((e >> 21) == key)
			return (uint32_t)(e & ZH_MAXNODES);
		if (e == 0)
			return 0;
	}
}

/* Grow an open-addressed table of packed entries (the key in the bits
 * from `shift` up, 0 an empty slot) to twice its size, or to `first`
 * slots when it has none. */
static int zh_grow(uint64_t **tab, size_t *cap, size_t first, unsigned shift)
{
	size_t ncap = *cap ? *cap * 2 : first, i, j;
	uint64_t *nt = calloc(ncap, sizeof *nt);

	if (!nt)
		return TS_ENOMEM;
	for (j = 0; j < *cap; j++) {
		if (!(*tab)[j])
			continue;
		for (i = (size_t)zh_hash((*tab)[j] >> shift) & (ncap - 1); nt[i];
		     i = (i + 1) & (ncap - 1))
			;
		nt[i] = (*tab)[j];
	}
	free(*tab);
	*tab = nt;
	*cap = ncap;
	return 0;
}

static int zh_hash_put(ts_zh *z, uint32_t parent, uint32_t cp, uint32_t child)
{
	uint64_t key = ((uint64_t)parent << 21) | cp;
	size_t mask, i;

	/* load factor at most 1/2; first room for the embedded lexicon's
	 * 22,600 edges */
	if ((z->hused + 1) * 2 > z->hcap &&
	    zh_grow(&z->hash, &z->hcap, 65536, 21))
		return TS_ENOMEM;
	mask = z->hcap - 1;
	for (i = (size_t)zh_hash(key) & mask; z->hash[i]; i = (i + 1) & mask)
		;
	z->hash[i] = (key << 21) | child;
	z->hused++;
	return 0;
}

static int zh_new_node(ts_zh *z, uint32_t parent, uint32_t key, uint32_t *out)
{
	if (z->nnodes >= ZH_MAXNODES)
		return TS_ENOMEM;
	if (z->nnodes == z->capnodes) {
		size_t ncap = z->capnodes ? z->capnodes * 2 : 16384;
		zh_node *n = realloc(z->nodes, ncap * sizeof *n);
		zh_src *sr;

		if (!n)
			return TS_ENOMEM;
		z->nodes = n;
		if (!(sr = realloc(z->src, ncap * sizeof *sr)))
			return TS_ENOMEM;
		z->src = sr;
		z->capnodes = ncap;
	}
	memset(&z->src[z->nnodes], 0, sizeof z->src[0]);
	z->src[z->nnodes].parent = parent;
	z->src[z->nnodes].key = key;
	z->nodes[z->nnodes].mod = -1;
	z->nodes[z->nnodes].val = ZH_NOVAL;
	*out = (uint32_t)z->nnodes++;
	return 0;
}

/* Code of a key outside U+3400..U+9FFF (0 = in no term). */
static uint32_t zh_xcode(const ts_zh *z, uint32_t k)
{
	size_t mask, i;

	if (!z->xused)
		return 0;
	mask = z->xcap - 1;
	for (i = (size_t)zh_hash(k) & mask;; i = (i + 1) & mask) {
		uint64_t e = z->xcode[i];

		if (e == 0)
			return 0;
		if ((uint32_t)(e >> 32) == k)
			return (uint32_t)e;
	}
}

/* Code of a trie key (a simplified, lower-cased code point). */
static inline uint32_t zh_code_of(const ts_zh *z, uint32_t k)
{
	if (k >= ZH_LO && k <= ZH_HI)
		return z->code[k - ZH_LO];
	return z->xused ? zh_xcode(z, k) : 0;   /* no call for an empty hash */
}

/* Give key k a code if it has none yet: in the table for k and for its
 * traditional forms, or in the hash. */
static int zh_code_add(ts_zh *z, uint32_t k)
{
	uint32_t c;
	size_t mask, i;

	if (zh_code_of(z, k))
		return 0;
	if (z->ncodes >= ZH_MAXCODES)
		return TS_ENOMEM;
	c = ++z->ncodes;
	if (k >= ZH_LO && k <= ZH_HI) {
		uint16_t t;

		z->code[k - ZH_LO] = (uint16_t)c;
		for (t = z->trad_head[k - ZH_LO]; t; t = z->trad_next[t - 1])
			z->code[t - 1] = (uint16_t)c;
		return 0;
	}
	if ((z->xused + 1) * 2 > z->xcap && zh_grow(&z->xcode, &z->xcap, 64, 32)) {
		z->ncodes--;
		return TS_ENOMEM;
	}
	mask = z->xcap - 1;
	for (i = (size_t)zh_hash(k) & mask; z->xcode[i]; i = (i + 1) & mask)
		;
	z->xcode[i] = ((uint64_t)k << 32) | c;
	z->xused++;
	return 0;
}

/* Find or create the node for `term`. TS_EINVAL when the term is empty,
 * not valid UTF-8 or does not start with a Han character. */
static int zh_insert(ts_zh *z, const char *term, size_t len, uint32_t *out)
{
	const unsigned char *s = (const unsigned char *)term;
	uint32_t node = 0;
	size_t p = 0, adv;
	int first = 1, rc;

	if (len == 0)
		return TS_EINVAL;
	while (p < len) {
		uint32_t c = zh_dec(s + p, len - p, &adv), k, ch;

		if (c == 0xFFFD && !(adv == 3 && s[p] == 0xEF))
			return TS_EINVAL;
		if (first && !zh_is_han(c))
			return TS_EINVAL;
		first = 0;
		k = zh_key(z, c);
		if (!(ch = zh_child(z, node, k))) {
			if ((rc = zh_code_add(z, k)) < 0 ||
			    (rc = zh_new_node(z, node, k, &ch)) < 0 ||
			    (rc = zh_hash_put(z, node, k, ch)) < 0)
				return rc;
		}
		node = ch;
		p += adv;
	}
	z->dirty = 1;   /* a new node, or its valence or modifier changes */
	*out = node;
	return 0;
}

/* ---------------------------------------------------- the double array */

/* Make room for slots [0, need): new slots are unused. */
static int zh_da_reserve(ts_zh *z, size_t need, size_t *cap, uint64_t **used)
{
	size_t ncap = *cap, i;
	zh_slot *da;
	zh_node *dv;
	uint64_t *u;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap = ncap ? ncap * 2 : 4096;
	if (!(da = realloc(z->da, ncap * sizeof *da)))
		return TS_ENOMEM;
	z->da = da;
	if (!(dv = realloc(z->dv, ncap * sizeof *dv)))
		return TS_ENOMEM;
	z->dv = dv;
	if (!(u = realloc(*used, (ncap / 64 + 1) * sizeof *u)))
		return TS_ENOMEM;
	*used = u;
	memset(u + *cap / 64 + (*cap % 64 != 0), 0,
	       (ncap / 64 + 1 - *cap / 64 - (*cap % 64 != 0)) * sizeof *u);
	for (i = *cap; i < ncap; i++) {
		da[i].base = 0;
		da[i].check = ZH_FREE;
		dv[i].val = ZH_NOVAL;
		dv[i].mod = -1;
	}
	*cap = ncap;
	return 0;
}

/* First unused slot at or after i (slots past cap are unused). */
static size_t zh_next_free(const uint64_t *used, size_t cap, size_t i)
{
	size_t w = i >> 6;
	uint64_t m;

	if (i >= cap)
		return i;
	m = ~used[w] & (~(uint64_t)0 << (i & 63));
	while (!m) {
		if (++w > cap >> 6)
			return w << 6;
		m = ~used[w];
	}
	return (w << 6) + (size_t)__builtin_ctzll(m);
}

/* The used bits of slots i..i+63 (bit 0: slot i). */
static uint64_t zh_used64(const uint64_t *used, size_t cap, size_t i)
{
	size_t w = i >> 6, nw = cap / 64 + 1;
	unsigned o = (unsigned)(i & 63);
	uint64_t lo = w < nw ? used[w] : 0, hi = w + 1 < nw ? used[w + 1] : 0;

	return o ? (lo >> o) | (hi << (64 - o)) : lo;
}

/* Rebuild the double array from the loading trie. Nodes are placed in
 * breadth-first order; each node's base is the lowest that puts all of
 * its children on unused slots (the root's is 0). */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int zh_build(ts_zh *z)
{
	size_t n = z->nnodes, cap = 0, i, j, qh, qt, hint = 1;
	size_t top = 1, maxbase = 0, mhint = 0;
	uint32_t *first = calloc(n + 1, sizeof *first);
	uint32_t *kcode = malloc((n ? n : 1) * sizeof *kcode);
	uint32_t *knode = malloc((n ? n : 1) * sizeof *knode);
	uint32_t *slot = malloc((n ? n : 1) * sizeof *slot);
	uint32_t *queue = malloc((n ? n : 1) * sizeof *queue);
	uint64_t *used = NULL;
	int rc = TS_ENOMEM;

	if (!first || !kcode || !knode || !slot || !queue)
		goto out;
	/* children of each node, grouped by parent (counting sort) */
	for (i = 1; i < n; i++)
		first[z->src[i].parent + 1]++;
	for (i = 0; i < n; i++)
		first[i + 1] += first[i];
	for (i = 1; i < n; i++) {
		j = first[z->src[i].parent]++;
		kcode[j] = zh_code_of(z, z->src[i].key);
		knode[j] = (uint32_t)i;
	}
	for (i = n; i > 0; i--)   /* first[] was advanced to the ends */
		first[i] = first[i - 1];
	first[0] = 0;
	if ((rc = zh_da_reserve(z, z->ncodes + 2 + n, &cap, &used)) < 0)
		goto out;
	rc = TS_ENOMEM;
	/* the root: slot 0, base 0 */
	used[0] |= 1;
	slot[0] = 0;
	qh = qt = 0;
	queue[qt++] = 0;
	while (qh < qt) {
		uint32_t u = queue[qh++], su = slot[u], cmin = UINT32_MAX, cmax = 0;
		size_t b;

		z->dv[su] = z->nodes[u];
		if (first[u] == first[u + 1]) {   /* a leaf: base 0 */
			z->da[su].base = ZH_HASVAL(&z->nodes[u]) || z->nodes[u].mod >= 0;
			continue;
		}
		for (j = first[u]; j < first[u + 1]; j++) {
			if (kcode[j] < cmin)
				cmin = kcode[j];
			if (kcode[j] > cmax)
				cmax = kcode[j];
		}
		if (u == 0) {
			b = 0;
		} else {
			/* 64 candidate bases at a time: the bases that put
			 * every child on an unused slot. A node with several
			 * children starts after the stretch where earlier
			 * ones found no room (the array only fills up). */
			size_t from = hint, tries = 0;

			if (first[u + 1] - first[u] > 1 && mhint > from)
				from = mhint;
			for (b = from > cmin + 1 ? from - cmin : 1;; b += 64, tries++) {
				uint64_t ok = ~(uint64_t)0;

				for (j = first[u]; j < first[u + 1] && ok; j++)
					ok &= ~zh_used64(used, cap, b + kcode[j]);
				if (ok) {
					b += (size_t)__builtin_ctzll(ok);
					break;
				}
			}
			if (tries > 4 && first[u + 1] - first[u] > 1)
				mhint = from + (tries - 4) * 64;
		}
		if (b + cmax + 1 > cap &&
		    zh_da_reserve(z, b + cmax + 1, &cap, &used) < 0)
			goto out;
		for (j = first[u]; j < first[u + 1]; j++) {
			size_t t = b + kcode[j];

			used[t >> 6] |= (uint64_t)1 << (t & 63);
			z->da[t].check = su;
			slot[knode[j]] = (uint32_t)t;
			queue[qt++] = knode[j];
			if (t + 1 > top)
				top = t + 1;
		}
		if (b > maxbase)
			maxbase = b;
		z->da[su].base = (uint32_t)(b << 1) |
		                 (ZH_HASVAL(&z->nodes[u]) || z->nodes[u].mod >= 0);
		hint = zh_next_free(used, cap, hint);
	}
	z->da[0].base = 0;
	z->da[0].check = ZH_FREE;
	/* every base + code a match can form is a slot */
	if (maxbase + z->ncodes + 1 > top)
		top = maxbase + z->ncodes + 1;
	if ((rc = zh_da_reserve(z, top, &cap, &used)) < 0)
		goto out;
	z->dsize = cap;
	z->dirty = 0;
	rc = 0;
out:
	free(first);
	free(kcode);
	free(knode);
	free(slot);
	free(queue);
	free(used);
	return rc;
}

/* The last character a match decoded, for the scoring loop, which would
 * otherwise decode it again when it goes on there (most often it does:
 * after a character that starts no term, or at the end of a term). */
typedef struct zh_ahead {
	const unsigned char *at;   /* where it is; NULL = none */
	uint32_t cp, code;  /* a three-byte character U+3000..U+9FFF */
} zh_ahead;

/* Longest match of a term starting at s[0], a Han character of code code0
 * and length adv0. Returns the term's slot (0 = none) and byte length.
 * Inline in the scoring loop even though the tests call it too. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline uint32_t zh_match(const ts_zh *z, const unsigned char *s,
                                size_t n, uint32_t code0, size_t adv0,
                                size_t *mlen, zh_ahead *ah)
{
	const zh_slot *da = z->da;
	uint32_t node = code0, best = 0;
	size_t p = adv0, adv;

	*mlen = 0;
	ah->at = NULL;
	if (da[node].check != 0)
		return 0;
	for (;;) {
		uint32_t bf = da[node].base, t, code;

		if (bf & 1) {
			best = node;
			*mlen = p;
		}
		if (bf <= 1 || p >= n)
			break;
		/* the code of the next character; most are Han: three bytes,
		 * in the table */
		if (n - p >= 3 && (unsigned)(s[p] - 0xE3) <= 6 &&
		    (s[p + 1] & 0xC0) == 0x80 && (s[p + 2] & 0xC0) == 0x80) {
			uint32_t c = ((s[p] & 0x0Fu) << 12) | ((s[p + 1] & 0x3Fu) << 6) |
			             (s[p + 2] & 0x3Fu);

			adv = 3;
			code = c >= ZH_LO ? z->code[c - ZH_LO] :
			       z->xused ? zh_xcode(z, c) : 0;   /* U+3000..U+33FF */
			ah->at = s + p;
			ah->cp = c;
			ah->code = code;
		} else {
			code = zh_code_of(z, zh_key(z, zh_dec(s + p, n - p, &adv)));
			ah->at = NULL;
		}
		t = (bf >> 1) + code;
		if (da[t].check != node)
			break;
		node = t;
		p += adv;
	}
	return best;
}

/* ------------------------------------------------------------- loading */

/* Parse a decimal number (sign, digits, optional fraction); 0 on success. */
static int zh_number(const char *s, size_t n, double *out)
{
	size_t i = 0, digits = 0;
	double v = 0, scale = 1;
	int neg = 0;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
		v = v * 10 + (s[i] - '0');
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
			scale /= 10;
			v += (s[i] - '0') * scale;
		}
	if (i != n || digits == 0 || digits > 30)
		return -1;
	*out = neg ? -v : v;
	return 0;
}

/* A line cursor over one embedded file. */
typedef struct zh_lines {
	const char *p, *end, *name;
	size_t lineno;
	int header_seen;
} zh_lines;

#define ZH_MAXCOLS 6

/* Next data line split into fields (after the header, which must start
 * with the given column names). Returns 1 with fields, 0 at the end, or
 * a negative error with d filled. */
static int zh_next(zh_lines *L, const char *const *hdr, size_t nhdr,
                   ts_field *f, size_t *nf, ts_diag *d)
{
	while (L->p < L->end) {
		const char *s = L->p, *e = memchr(s, '\n', (size_t)(L->end - s));
		const char *q;
		size_t i;

		if (!e)
			e = L->end;
		L->p = e < L->end ? e + 1 : e;
		L->lineno++;
		if (e > s && e[-1] == '\r')
			e--;
		if (e == s || *s == '#')
			continue;
		*nf = 0;
		for (q = s;;) {
			const char *t = memchr(q, '\t', (size_t)(e - q));

			if (*nf < ZH_MAXCOLS) {
				f[*nf].ptr = q;
				f[*nf].len = (size_t)((t ? t : e) - q);
				(*nf)++;
			}
			if (!t)
				break;
			q = t + 1;
		}
		if (!L->header_seen) {
			for (i = 0; i < nhdr; i++)
				if (i >= *nf || f[i].len != strlen(hdr[i]) ||
				    memcmp(f[i].ptr, hdr[i], f[i].len) != 0)
					return ts_diag_set(d, TS_ELEXICON, L->lineno, 0,
					                   "%s:%zu: header must start with "
					                   "'%s\\t%s'", L->name, L->lineno,
					                   hdr[0], nhdr > 1 ? hdr[1] : "");
			L->header_seen = 1;
			continue;
		}
		if (*nf < nhdr)
			return ts_diag_set(d, TS_ELEXICON, L->lineno, 0,
			                   "%s:%zu: %zu fields, expected %zu", L->name,
			                   L->lineno, *nf, nhdr);
		return 1;
	}
	if (!L->header_seen)
		return ts_diag_set(d, TS_ELEXICON, 0, 0, "%s: no header line",
		                   L->name);
	return 0;
}

/* Insert a term from a data file, with a good message when it is bad. */
static int zh_insert_line(ts_zh *z, zh_lines *L, const ts_field *t,
                          uint32_t *node, ts_diag *d)
{
	int rc = zh_insert(z, t->ptr, t->len, node);

	if (rc == TS_ENOMEM)
		return ts_diag_set(d, rc, L->lineno, 0, "out of memory");
	if (rc < 0)
		return ts_diag_set(d, TS_ELEXICON, L->lineno, 0,
		                   "%s:%zu: term '%.*s' must be UTF-8 starting with "
		                   "a Han character", L->name, L->lineno,
		                   (int)(t->len > 60 ? 60 : t->len), t->ptr);
	return 0;
}

static int zh_load_lexicon(ts_zh *z, const char *data, size_t len,
                           const char *name, ts_diag *d)
{
	uint32_t gen = ++z->gen;
	static const char *const hdr[] = {"term", "valence"};
	zh_lines L = {0};
	ts_field f[ZH_MAXCOLS] = {{0}};   /* zh_next fills at least 2 */
	size_t nf = 0;
	int rc;

	L.p = data;
	L.end = data + len;
	L.name = name;
	while ((rc = zh_next(&L, hdr, 2, f, &nf, d)) == 1) {
		uint32_t node = 0;
		double v;
		zh_node *nd;
		zh_src *cs;

		if (nf < 2 || !f[0].ptr || !f[1].ptr)   /* zh_next promises 2 */
			return ts_diag_set(d, TS_ELEXICON, L.lineno, 0,
			                   "%s:%zu: expected term<TAB>valence", name, L.lineno);
		if (zh_number(f[1].ptr, f[1].len, &v) < 0 || v < -4 || v > 4)
			return ts_diag_set(d, TS_ELEXICON, L.lineno, 0,
			                   "%s:%zu: valence '%.*s' is not a number in "
			                   "[-4, 4]", name, L.lineno,
			                   (int)(f[1].len > 20 ? 20 : f[1].len), f[1].ptr);
		if ((rc = zh_insert_line(z, &L, &f[0], &node, d)) < 0)
			return rc;
		nd = &z->nodes[node];
		cs = &z->src[node];
		if (ZH_HASVAL(nd) && cs->gen == gen && cs->src &&
		    cs->srclen == f[0].len && memcmp(cs->src, f[0].ptr, f[0].len) == 0)
			return ts_diag_set(d, TS_ELEXICON, L.lineno, 0,
			                   "%s:%zu: duplicate term '%.*s' (first at "
			                   "line %u)", name, L.lineno, (int)f[0].len,
			                   f[0].ptr, (unsigned)cs->line);
		nd->val = (int16_t)lround(v * 1000);
		cs->gen = gen;
		cs->line = (uint32_t)L.lineno;
		cs->src = f[0].ptr;
		cs->srclen = f[0].len;
	}
	return rc;
}

static int zh_add_mod(ts_zh *z, zh_lines *L, const ts_field *t, int kind,
                      double a, double b, double alone, ts_diag *d)
{
	uint32_t node;
	int rc;

	if (z->nmods >= INT16_MAX)   /* modifier ids are 16-bit */
		return ts_diag_set(d, TS_ELEXICON, L->lineno, 0,
		                   "too many modifiers (at most %d)", INT16_MAX);
	if (TS_GROW(z->mods, z->capmods, z->nmods + 1, 256))
		return ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
	if ((rc = zh_insert_line(z, L, t, &node, d)) < 0)
		return rc;
	if (z->nodes[node].mod >= 0)
		return ts_diag_set(d, TS_ELEXICON, L->lineno, 0,
		                   "%s:%zu: modifier '%.*s' is listed twice", L->name,
		                   L->lineno, (int)t->len, t->ptr);
	z->mods[z->nmods].kind = kind;
	z->mods[z->nmods].a = a;
	z->mods[z->nmods].b = b;
	z->mods[z->nmods].alone = alone;
	z->nodes[node].mod = (int16_t)z->nmods++;
	return 0;
}

static int zh_field_is(const ts_field *f, const char *s)
{
	return f->len == strlen(s) && memcmp(f->ptr, s, f->len) == 0;
}

static int zh_bad(ts_diag *d, const zh_lines *L, const char *what)
{
	return ts_diag_set(d, TS_ELEXICON, L->lineno, 0, "%s:%zu: %s", L->name,
	                   L->lineno, what);
}

/* mod_degree.tsv: term, multiplier, position (pre | pre-adjacent | post),
 * alone. */
static int zh_load_degree(ts_zh *z, ts_diag *d)
{
	static const char *const hdr[] = {"term", "multiplier", "position",
	                                  "alone"};
	zh_lines L = {0};
	ts_field f[ZH_MAXCOLS];
	size_t nf, len;
	int rc, kind;
	double m, v;

	L.name = "zh/mod_degree.tsv";
	if (!(L.p = ts_embedded(L.name, &len)))
		return 0;
	L.end = L.p + len;
	while ((rc = zh_next(&L, hdr, 4, f, &nf, d)) == 1) {
		if (zh_number(f[1].ptr, f[1].len, &m) < 0 || m <= 0 || m > 4)
			return zh_bad(d, &L, "multiplier must be a number in (0, 4]");
		if (zh_number(f[3].ptr, f[3].len, &v) < 0 || v < -4 || v > 4)
			return zh_bad(d, &L, "alone must be a valence in [-4, 4]");
		if (zh_field_is(&f[2], "pre"))
			kind = MOD_DEG;
		else if (zh_field_is(&f[2], "pre-adjacent"))
			kind = MOD_DEGADJ;
		else if (zh_field_is(&f[2], "post"))
			kind = MOD_POST;
		else
			return zh_bad(d, &L, "position must be pre, pre-adjacent or post");
		if ((rc = zh_add_mod(z, &L, &f[0], kind, m, 0, v, d)) < 0)
			return rc;
	}
	return rc;
}

/* mod_negators.tsv: term, factor, before_degree, alone. */
static int zh_load_negators(ts_zh *z, ts_diag *d)
{
	static const char *const hdr[] = {"term", "factor", "before_degree",
	                                  "alone"};
	zh_lines L = {0};
	ts_field f[ZH_MAXCOLS];
	size_t nf, len;
	int rc;
	double a, b, v;

	L.name = "zh/mod_negators.tsv";
	if (!(L.p = ts_embedded(L.name, &len)))
		return 0;
	L.end = L.p + len;
	while ((rc = zh_next(&L, hdr, 4, f, &nf, d)) == 1) {
		if (zh_number(f[1].ptr, f[1].len, &a) < 0 || a < -2 || a > 2 ||
		    zh_number(f[2].ptr, f[2].len, &b) < 0 || b < -2 || b > 2)
			return zh_bad(d, &L, "factors must be numbers in [-2, 2]");
		if (zh_number(f[3].ptr, f[3].len, &v) < 0 || v < -4 || v > 4)
			return zh_bad(d, &L, "alone must be a valence in [-4, 4]");
		if ((rc = zh_add_mod(z, &L, &f[0], MOD_NEG, a, b, v, d)) < 0)
			return rc;
	}
	return rc;
}

/* mod_contrast.tsv: term, before, after, kind (contrast | concessive). */
static int zh_load_contrast(ts_zh *z, ts_diag *d)
{
	static const char *const hdr[] = {"term", "before", "after", "kind"};
	zh_lines L = {0};
	ts_field f[ZH_MAXCOLS];
	size_t nf, len;
	int rc, kind;
	double a, b;

	L.name = "zh/mod_contrast.tsv";
	if (!(L.p = ts_embedded(L.name, &len)))
		return 0;
	L.end = L.p + len;
	while ((rc = zh_next(&L, hdr, 4, f, &nf, d)) == 1) {
		if (zh_number(f[1].ptr, f[1].len, &a) < 0 || a < 0 || a > 4 ||
		    zh_number(f[2].ptr, f[2].len, &b) < 0 || b < 0 || b > 4)
			return zh_bad(d, &L, "weights must be numbers in [0, 4]");
		if (zh_field_is(&f[3], "contrast"))
			kind = MOD_CONTRAST;
		else if (zh_field_is(&f[3], "concessive"))
			kind = MOD_CONCESS;
		else if (zh_field_is(&f[3], "summary"))
			kind = MOD_SUMMARY;
		else
			return zh_bad(d, &L, "kind must be contrast, concessive or "
			                     "summary");
		if ((rc = zh_add_mod(z, &L, &f[0], kind, a, b, 0, d)) < 0)
			return rc;
	}
	return rc;
}

/* mod_cues.tsv: term, kind (question | rhetorical | rhetorical-positive |
 * exclaim), factor. */
static int zh_load_cues(ts_zh *z, ts_diag *d)
{
	static const char *const hdr[] = {"term", "kind", "factor"};
	zh_lines L = {0};
	ts_field f[ZH_MAXCOLS];
	size_t nf, len;
	int rc, kind;
	double a;

	L.name = "zh/mod_cues.tsv";
	if (!(L.p = ts_embedded(L.name, &len)))
		return 0;
	L.end = L.p + len;
	while ((rc = zh_next(&L, hdr, 3, f, &nf, d)) == 1) {
		if (zh_number(f[2].ptr, f[2].len, &a) < 0 || a < -4 || a > 4)
			return zh_bad(d, &L, "factor must be a number in [-4, 4]");
		if (zh_field_is(&f[1], "question"))
			kind = MOD_QUESTION;
		else if (zh_field_is(&f[1], "rhetorical"))
			kind = MOD_RHET;
		else if (zh_field_is(&f[1], "rhetorical-positive"))
			kind = MOD_RHETPOS;
		else if (zh_field_is(&f[1], "irrealis"))
			kind = MOD_IRREALIS;
		else
			return zh_bad(d, &L, "kind must be question, rhetorical, "
			                     "rhetorical-positive or irrealis");
		if ((rc = zh_add_mod(z, &L, &f[0], kind, a, 0, 0, d)) < 0)
			return rc;
	}
	return rc;
}

/* mod_params.tsv: name, value. Unknown names are errors. */
static int zh_load_params(ts_zh *z, ts_diag *d)
{
	static const char *const hdr[] = {"name", "value"};
	static const struct {
		const char *name;
		double lo, hi;
		int integer;
	} known[] = {
		{"exclaim_amplifier", 0, 4, 0}, {"exclaim_max", 0, 100, 1},
		{"later_sentences", 0, 4, 0},   {"degree_cap", 1, 10, 0},
		{"degree_gap", 0, 100, 1},      {"negation_gap", 0, 100, 1},
		{"complement_gap", 0, 100, 1},
	};
	zh_lines L = {0};
	ts_field f[ZH_MAXCOLS];
	size_t nf, len, i;
	int rc;
	double v;

	L.name = "zh/mod_params.tsv";
	if (!(L.p = ts_embedded(L.name, &len)))
		return 0;
	L.end = L.p + len;
	while ((rc = zh_next(&L, hdr, 2, f, &nf, d)) == 1) {
		for (i = 0; i < sizeof known / sizeof known[0]; i++)
			if (zh_field_is(&f[0], known[i].name))
				break;
		if (i == sizeof known / sizeof known[0])
			return zh_bad(d, &L, "unknown parameter");
		if (zh_number(f[1].ptr, f[1].len, &v) < 0 || v < known[i].lo ||
		    v > known[i].hi || (known[i].integer && v != floor(v)))
			return zh_bad(d, &L, "value out of range");
		switch (i) {
		case 0: z->excl_amp = v; break;
		case 1: z->excl_max = (long)v; break;
		case 2: z->later = v; break;
		case 3: z->deg_cap = v; break;
		case 4: z->deg_gap = (long)v; break;
		case 5: z->neg_gap = (long)v; break;
		default: z->post_gap = (long)v; break;
		}
	}
	return rc;
}

/* t2s.tsv: traditional, simplified (single BMP characters). */
static int zh_load_t2s(ts_zh *z, ts_diag *d)
{
	static const char *const hdr[] = {"traditional", "simplified"};
	zh_lines L = {0};
	ts_field f[ZH_MAXCOLS];
	size_t nf, len, a1, a2;
	int rc;

	L.name = "zh/t2s.tsv";
	if (!(L.p = ts_embedded(L.name, &len)))
		return 0;
	L.end = L.p + len;
	while ((rc = zh_next(&L, hdr, 2, f, &nf, d)) == 1) {
		uint32_t t, s;

		if (!f[0].len || !f[1].len)
			return zh_bad(d, &L, "empty field");
		t = zh_dec((const unsigned char *)f[0].ptr, f[0].len, &a1);
		s = zh_dec((const unsigned char *)f[1].ptr, f[1].len, &a2);
		if (a1 != f[0].len || a2 != f[1].len || t < ZH_LO || t > ZH_HI ||
		    s < ZH_LO || s > ZH_HI)
			return zh_bad(d, &L, "expected one character in U+3400..U+9FFF "
			                     "per field");
		if (t != s && !z->t2s[t - ZH_LO] && !z->t2s[s - ZH_LO]) {
			z->t2s[t - ZH_LO] = (uint16_t)s;
			z->trad_next[t - ZH_LO] = z->trad_head[s - ZH_LO];
			z->trad_head[s - ZH_LO] = (uint16_t)(t - ZH_LO + 1);
		}
	}
	return rc;
}

static int zh_cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int ts_zh_new(ts_zh **out, ts_diag *d)
{
	const char *lex[250];
	size_t nlex = 0, i, len;
	const char *name;
	ts_zh *z;
	int rc;

	*out = NULL;
	if (!(z = calloc(1, sizeof *z)))
		return ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
	z->code = calloc(ZH_SPAN, sizeof *z->code);
	z->t2s = calloc(ZH_SPAN, sizeof *z->t2s);
	z->trad_head = calloc(ZH_SPAN, sizeof *z->trad_head);
	z->trad_next = calloc(ZH_SPAN, sizeof *z->trad_next);
	z->excl_amp = 0.292;
	z->excl_max = 4;
	z->later = 1;
	z->deg_cap = 2.5;
	z->deg_gap = 3;
	z->neg_gap = 5;
	z->post_gap = 1;
	if (!z->code || !z->t2s || !z->trad_head || !z->trad_next) {
		rc = ts_diag_set(d, TS_ENOMEM, 0, 0, "out of memory");
		goto fail;
	}
	{
		uint32_t r;
		if ((rc = zh_new_node(z, 0, 0, &r)) < 0) { /* node 0: the root */
			ts_diag_set(d, rc, 0, 0, "out of memory");
			goto fail;
		}
	}
	/* t2s first: every key below is mapped through it */
	if ((rc = zh_load_params(z, d)) < 0 || (rc = zh_load_t2s(z, d)) < 0)
		goto fail;
	for (i = 0; (name = ts_embedded_name(i)) != NULL; i++)
		if (strncmp(name, "zh/lex_", 7) == 0 && nlex < sizeof lex / sizeof lex[0])
			lex[nlex++] = name;
	qsort(lex, nlex, sizeof lex[0], zh_cmp_names);
	for (i = 0; i <= nlex; i++) {
		/* the blockers first, then the lexicon files in name order */
		const char *fname = i == 0 ? "zh/mod_blockers.tsv" : lex[i - 1];
		const char *data = ts_embedded(fname, &len);

		if (data && (rc = zh_load_lexicon(z, data, len, fname, d)) < 0)
			goto fail;
	}
	if ((rc = zh_load_degree(z, d)) < 0 || (rc = zh_load_negators(z, d)) < 0 ||
	    (rc = zh_load_contrast(z, d)) < 0 || (rc = zh_load_cues(z, d)) < 0)
		goto fail;
	*out = z;
	return 0;
fail:
	ts_zh_free(z);
	return rc;
}

int ts_zh_add_lexicon(ts_zh *z, const char *data, size_t len,
                      const char *name, ts_diag *d)
{
	if (!z || (!data && len))
		return ts_diag_set(d, TS_EINVAL, 0, 0, "invalid argument");
	return zh_load_lexicon(z, data ? data : "", len, name ? name : "-", d);
}

int ts_zh_add_entry(ts_zh *z, const char *term, size_t len, double valence)
{
	uint32_t node;
	int rc;

	if (!z || !term || !(valence >= -4 && valence <= 4))
		return TS_EINVAL;
	if ((rc = zh_insert(z, term, len, &node)) < 0)
		return rc;
	z->nodes[node].val = (int16_t)lround(valence * 1000);
	z->src[node].gen = 0;
	z->src[node].src = NULL;
	return 0;
}

int ts_zh_check_match(ts_zh *z, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t p = 0, adv;
	int bad = 0;

	if (z->dirty && zh_build(z) < 0)
		return TS_ENOMEM;
	while (p < len) {
		uint32_t c0 = zh_dec(s + p, len - p, &adv);

		if (zh_is_han(c0)) {
			zh_ahead ah = {NULL, 0, 0};
			size_t mlen, rlen = 0, q = p + adv, a;
			uint32_t code = zh_code_of(z, zh_key(z, c0));
			uint32_t slot = code ? zh_match(z, s + p, len - p, code, adv,
			                                &mlen, &ah) : 0;
			uint32_t node = zh_child(z, 0, zh_key(z, c0)), best = 0;

			if (!slot)
				mlen = 0;
			/* the plain walk over the loading trie */
			while (node) {
				if (ZH_HASVAL(&z->nodes[node]) || z->nodes[node].mod >= 0) {
					best = node;
					rlen = q - p;
				}
				if (q >= len)
					break;
				node = zh_child(z, node, zh_key(z, zh_dec(s + q, len - q, &a)));
				q += a;
			}
			if ((slot != 0) != (best != 0) || mlen != rlen ||
			    (slot && (z->dv[slot].val != z->nodes[best].val ||
			              z->dv[slot].mod != z->nodes[best].mod)))
				bad++;
			/* the look-ahead is the character it says it is */
			if (code && ah.at) {
				size_t at = (size_t)(ah.at - s);
				uint32_t c = zh_dec(s + at, len - at, &a);

				if (a != 3 || c != ah.cp || ah.code != zh_code_of(z, zh_key(z, c)))
					bad++;
			}
		}
		p += adv;
	}
	return bad;
}

void ts_zh_free(ts_zh *z)
{
	if (!z)
		return;
	free(z->nodes);
	free(z->src);
	free(z->code);
	free(z->xcode);
	free(z->da);
	free(z->dv);
	free(z->hash);
	free(z->t2s);
	free(z->trad_head);
	free(z->trad_next);
	free(z->mods);
	free(z->terms);
	free(z);
}

/* ------------------------------------------------------------- scoring */

/* State of the clause being read (reset at every clause boundary). */
typedef struct zh_clause {
	long units;            /* tokens read so far (gap measure) */
	/* pending degree adverbs */
	int ndeg;
	long deg_units;
	zh_fac deg[2];
	double deg_alone[2];   /* valence of each if it scales nothing */
	/* pending negation */
	int nneg, neg_weak;
	long neg_units;
	zh_fac neg;            /* f = factor; off/len span the negator(s) */
	double neg_before_deg;
	double neg_alone;      /* valence of the negator if it acts on nothing */
	/* concessive clause (虽然): its terms weigh conc */
	double conc, conc_after;
	zh_fac conc_fac;
	/* last sentiment term of the clause (postfix degree, 好大) */
	size_t first;          /* index of its first term */
	long last_term;        /* index or -1 */
	size_t last_end;
	long last_units;
} zh_clause;

/* State of the sentence being read. */
typedef struct zh_sent {
	size_t first;          /* index of its first term */
	size_t nsent;          /* earlier sentences that had sentiment words */
	size_t prev_first;     /* first term of the previous sentence */
	double after;          /* weight of terms after a contrast (1 = none) */
	int summary;           /* `after` comes from a summary word */
	zh_fac after_fac;
	int rhet;              /* MOD_RHET, MOD_RHETPOS or 0 */
	size_t rhet_first;     /* first term after the rhetorical cue */
	int irr;               /* an irrealis cue was read */
	size_t irr_first;      /* first term after it */
	zh_fac irr_fac;
	zh_fac rhet_fac;
	int q_last;            /* last token was a question particle */
	size_t q_first;        /* first term of the particle's clause */
	zh_fac q_fac;
} zh_sent;

static void zh_addfac(zh_term *t, double f, size_t off, size_t len)
{
	if (t->nfac < ZH_MAXFAC) {
		t->fac[t->nfac].f = f;
		t->fac[t->nfac].off = off;
		t->fac[t->nfac].len = len;
		t->nfac++;
	} else {
		t->fac[ZH_MAXFAC - 1].f *= f;
	}
	t->w *= f;
}

static void zh_clause_reset(zh_clause *c, zh_sent *s)
{
	long units = c->units;

	if (c->conc != 0 && s->after == 1.0) {
		/* what follows a concessive clause weighs more */
		s->after = c->conc_after;
		s->summary = 0;
		s->after_fac = c->conc_fac;
	}
	/* what is pending: the other fields are read only while one of
	 * these says they hold something (ndeg, nneg, conc, last_term) */
	c->ndeg = 0;
	c->nneg = 0;
	c->neg_weak = 0;
	c->conc = 0;
	c->units = units + 1;
	c->last_term = -1;
}

static int zh_grow_terms(ts_zh *z)
{
	return TS_GROW(z->terms, z->capterms, z->nterms + 1, 64);
}

/* A pending negator that acted on no sentiment word: 不如 and a few
 * others carry a valence of their own (明显不如以前). */
static int zh_neg_alone(ts_zh *z, zh_clause *c, const zh_sent *s)
{
	zh_term *t;

	if (c->nneg % 2 == 1 && c->neg_alone != 0) {
		if (z->nterms == z->capterms && zh_grow_terms(z) < 0)
			return TS_ENOMEM;
		t = &z->terms[z->nterms++];
		memset(t, 0, sizeof *t);
		t->off = c->neg.off;
		t->sent = s->nsent;
		t->len = c->neg.len;
		t->base = t->w = c->neg_alone;
	}
	c->nneg = 0;
	c->neg_weak = 0;
	return 0;
}

/* Pending degree adverbs that scaled no sentiment word: 太 carries a
 * valence of its own (太远了: too much). The first such adverb counts. */
static int zh_deg_alone(ts_zh *z, zh_clause *c, const zh_sent *s)
{
	zh_term *t;
	int i;

	for (i = 0; i < c->ndeg; i++)
		if (c->deg_alone[i] != 0) {
			if (z->nterms == z->capterms && zh_grow_terms(z) < 0)
				return TS_ENOMEM;
			t = &z->terms[z->nterms++];
			memset(t, 0, sizeof *t);
			t->off = c->deg[i].off;
			t->len = c->deg[i].len;
			t->sent = s->nsent;
			t->base = t->w = c->deg_alone[i];
			break;
		}
	c->ndeg = 0;
	return 0;
}

/* End the clause and start the next one. */
static int zh_clause_next(ts_zh *z, zh_clause *c, zh_sent *s)
{
	if ((c->ndeg || c->nneg) &&
	    (zh_deg_alone(z, c, s) < 0 || zh_neg_alone(z, c, s) < 0))
		return TS_ENOMEM;
	zh_clause_reset(c, s);
	c->first = z->nterms;
	return 0;
}

/* A sentiment term (Chinese word or English word) was read. */
static int zh_push_term(ts_zh *z, zh_clause *c, zh_sent *s, size_t off,
                        size_t len, double val, const zh_mod *ambig)
{
	zh_term *t;
	int i;

	if (c->ndeg && c->units - c->deg_units > z->deg_gap &&
	    zh_deg_alone(z, c, s) < 0)
		return TS_ENOMEM;
	if (c->nneg && c->units - c->neg_units > z->neg_gap &&
	    zh_neg_alone(z, c, s) < 0)
		return TS_ENOMEM;
	if (z->nterms == z->capterms && zh_grow_terms(z) < 0)
		return TS_ENOMEM;
	/* 好大: the previous term was 好 directly before this one → degree */
	if (c->last_term >= 0 && (size_t)c->last_term == z->nterms - 1 &&
	    c->last_end == off && (z->terms[c->last_term].flags & TF_AMBIG)) {
		zh_term *prev = &z->terms[c->last_term];
		if (c->ndeg < 2) {
			c->deg[c->ndeg].f = prev->ambig_mult;
			c->deg_alone[c->ndeg] = 0;
			c->deg[c->ndeg].off = prev->off;
			c->deg[c->ndeg].len = prev->len;
			c->ndeg++;
			c->deg_units = c->units;
		}
		z->nterms--;
	}
	t = &z->terms[z->nterms];
	/* fac[] is read only up to nfac */
	t->off = off;
	t->len = len;
	t->sent = s->nsent;
	t->base = val;
	t->w = val;
	t->ambig_mult = 0;
	t->flags = 0;
	t->nfac = 0;
	if (ambig) {
		t->flags |= TF_AMBIG;
		t->ambig_mult = ambig->a;
	}
	if (c->ndeg && c->units - c->deg_units <= z->deg_gap) {
		double m = 1;
		for (i = 0; i < c->ndeg; i++)
			m *= c->deg[i].f;
		if (m > z->deg_cap) {
			/* keep the labels, scale the last factor down to the cap */
			c->deg[c->ndeg - 1].f *= z->deg_cap / m;
		}
		for (i = 0; i < c->ndeg; i++)
			zh_addfac(t, c->deg[i].f, c->deg[i].off, c->deg[i].len);
	}
	if (c->nneg && c->units - c->neg_units <= z->neg_gap) {
		if (c->nneg % 2 == 1)
			zh_addfac(t, c->neg_weak ? c->neg_before_deg : c->neg.f,
			          c->neg.off, c->neg.len);
		else
			zh_addfac(t, 1.0, c->neg.off, c->neg.len);
	}
	if (c->conc != 0) {
		zh_addfac(t, c->conc, c->conc_fac.off, c->conc_fac.len);
		t->flags |= TF_CONTRASTED;
	} else if (s->after != 1.0) {
		zh_addfac(t, s->after, s->after_fac.off, s->after_fac.len);
		t->flags |= TF_CONTRASTED | (s->summary ? TF_AFTER : 0);
	}
	c->ndeg = 0;
	c->nneg = 0;
	c->neg_weak = 0;
	c->last_term = (long)z->nterms;
	c->last_end = off + len;
	c->last_units = c->units;
	c->units++;
	z->nterms++;
	return 0;
}

/* A contrast word: weigh down what came before it in this sentence (or,
 * at the start of a sentence, the previous sentence); weigh up what comes
 * after it. */
static void zh_contrast(ts_zh *z, zh_sent *s, const zh_mod *m, size_t off,
                        size_t len)
{
	size_t from = s->first, i;

	if (from == z->nterms)
		from = s->prev_first;
	for (i = from; i < z->nterms; i++)
		if (!(z->terms[i].flags & TF_CONTRASTED)) {
			zh_addfac(&z->terms[i], m->a, off, len);
			z->terms[i].flags |= TF_CONTRASTED;
		}
	s->after = m->b;
	s->summary = 0;
	s->after_fac.off = off;
	s->after_fac.len = len;
}

static int zh_sentence_end(ts_zh *z, zh_clause *c, zh_sent *s)
{
	size_t i;

	if (zh_clause_next(z, c, s) < 0)
		return TS_ENOMEM;
	if (s->rhet) {
		for (i = s->rhet_first; i < z->nterms; i++)
			if (s->rhet == MOD_RHET || z->terms[i].w > 0)
				zh_addfac(&z->terms[i], s->rhet_fac.f, s->rhet_fac.off,
				          s->rhet_fac.len);
	} else if (s->q_last) {
		for (i = s->q_first; i < z->nterms; i++)
			zh_addfac(&z->terms[i], s->q_fac.f, s->q_fac.off, s->q_fac.len);
	}
	if (s->irr)
		for (i = s->irr_first; i < z->nterms; i++)
			zh_addfac(&z->terms[i], s->irr_fac.f, s->irr_fac.off,
			          s->irr_fac.len);
	if (z->nterms > s->first) {
		s->prev_first = s->first;
		s->nsent++;
	}
	s->first = z->nterms;
	s->after = 1.0;
	s->summary = 0;
	s->rhet = 0;
	s->irr = 0;
	s->q_last = 0;
	return 0;
}

/* Write a matched text at q; `;` and `=` (emoticons such as ;) or =D) are
 * written as their full-width forms so that items stay unambiguous (at
 * most 3 bytes per byte). Returns the end. */
static char *zh_putterm(char *q, const char *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (t[i] == ';' || t[i] == '=') {
			*q++ = '\xEF';
			*q++ = '\xBC';
			*q++ = t[i] == ';' ? '\x9B' : '\x9D';
		} else {
			*q++ = t[i];
		}
	}
	return q;
}

/* Append the explanation (format: lexicons/zh/modifiers.md): each item is
 * written in place after one check for room. */
static int zh_evidence(const ts_zh *z, const char *text, double amp,
                       long nexcl, ts_buf *ev)
{
	size_t i, need;
	unsigned k;
	int first = ev->len == 0;
	char *q;

	for (i = 0; i < z->nterms; i++) {
		const zh_term *t = &z->terms[i];

		need = 2 + 3 * t->len + TS_FMT2_MAX;
		if (t->nfac) {
			need += 2 + TS_FMT2_MAX;
			for (k = 0; k < t->nfac; k++)
				need += 2 + TS_FMT2_MAX + t->fac[k].len;
		}
		if (ts_buf_grow(ev, need))
			return TS_ENOMEM;
		q = ev->data + ev->len;
		if (!first)
			*q++ = ';';
		first = 0;
		q = zh_putterm(q, text + t->off, t->len);
		*q++ = '=';
		q = ts_fmt2(q, t->w);
		if (t->nfac) {
			*q++ = '(';
			q = ts_fmt2(q, t->base);
			for (k = 0; k < t->nfac; k++) {
				*q++ = '\xC3'; /* × */
				*q++ = '\x97';
				q = ts_fmt2(q, t->fac[k].f);
				memcpy(q, text + t->fac[k].off, t->fac[k].len);
				q += t->fac[k].len;
			}
			*q++ = ')';
		}
		ev->len = (size_t)(q - ev->data);
		ev->data[ev->len] = '\0';
	}
	if (nexcl && amp != 0) {
		/* ;!×N=amp */
		char num[24], *e = num + sizeof num, *d = e;
		unsigned long un = nexcl < 0 ? 0UL - (unsigned long)nexcl :
		                   (unsigned long)nexcl;

		do {
			*--d = (char)('0' + un % 10);
			un /= 10;
		} while (un);
		if (nexcl < 0)
			*--d = '-';
		if (ts_buf_grow(ev, 5 + (size_t)(e - d) + TS_FMT2_MAX))
			return TS_ENOMEM;
		q = ev->data + ev->len;
		if (!first)
			*q++ = ';';
		*q++ = '!';
		*q++ = '\xC3';
		*q++ = '\x97';
		memcpy(q, d, (size_t)(e - d));
		q += e - d;
		*q++ = '=';
		q = ts_fmt2(q, amp);
		ev->len = (size_t)(q - ev->data);
		ev->data[ev->len] = '\0';
	}
	return 0;
}

/* Is the one-character negator at s[p] (mlen bytes) the middle of an
 * A-not-A question (满不满意: the same Han character on both sides)? */
static int zh_a_not_a(const unsigned char *s, size_t len, size_t p,
                      size_t mlen)
{
	size_t a1, a2;
	uint32_t prev, next;

	if (mlen != 3 || p < 3 || p + mlen >= len)
		return 0;
	prev = zh_dec(s + p - 3, 3, &a1);
	next = zh_dec(s + p + mlen, len - p - mlen, &a2);
	return a1 == 3 && zh_is_han(prev) && prev == next;
}

/* Characters of ASCII emoticons (:) ;-( ^_^ <3). */
static int zh_is_emo(unsigned char c)
{
	switch (c) {
	case ':': case ';': case '=': case '^': case '<': case '>': case '(':
	case ')': case '[': case ']': case '{': case '}': case '|': case '\\':
	case '/': case '-': case '_': case '\'': case '*': case '~': case 'x':
	case 'X': case '3': case '@': case '$': case '&':
		return 1;
	default:
		return 0;
	}
}

/* Emoji and pictographs valued by the English engine's emoji list. */
static int zh_is_emoji(uint32_t c)
{
	return (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF);
}

static int zh_is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Classify punctuation: 2 = sentence end, 1 = clause end, 0 = neither. */
static int zh_punct(uint32_t c)
{
	switch (c) {
	case 0x3002: /* 。 */
	case 0xFF01: /* ！ */
	case 0xFF1F: /* ？ */
	case 0x2026: /* … */
	case 0xFF0E: /* ． */
	case 0xFF61: /* ｡ */
	case '!': case '?': case '\n':
		return 2;
	case 0xFF0C: /* ， */
	case 0x3001: /* 、 */
	case 0xFF1B: /* ； */
	case 0xFF1A: /* ： */
	case 0xFF08: case 0xFF09: /* （ ） */
	case 0x3010: case 0x3011: /* 【 】 */
	case 0x300A: case 0x300B: /* 《 》 */
	case 0xFF5E: case 0x301C: /* ～ 〜 */
	case 0x2014: case 0x2015: /* — */
	case 0xFF64: /* ､ */
	case 0x3000: /* ideographic space */
	case ',': case ';': case ':': case '(': case ')': case '[': case ']':
	case '~': case ' ': case '\t': case '\r': case '/': case '|':
		return 1;
	default:
		return 0;
	}
}

int ts_zh_score(ts_score *out, ts_zh *z, const struct ts_en *en,
                const char *text, size_t len, ts_buf *evidence)
{
	const unsigned char *s = (const unsigned char *)text;
	zh_clause c;
	zh_sent st;
	zh_ahead ah = {NULL, 0, 0};
	size_t p = 0, adv, i, unmatched = 0, neutral = 0;
	double sum = 0, pos = 0, neg = 0, amp = 0, total;
	long nexcl = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (!z || (!text && len))
		return TS_EINVAL;
	if (z->dirty && zh_build(z) < 0)
		return TS_ENOMEM;
	z->nterms = 0;
	memset(&c, 0, sizeof c);
	c.last_term = -1;
	memset(&st, 0, sizeof st);
	st.after = 1.0;

	while (p < len) {
		uint32_t cp, node, code;
		size_t mlen;
		unsigned b0 = s[p];
		int pk;

		if (s + p == ah.at) {
			/* the last match decoded this character (three bytes,
			 * U+3000..U+9FFF) and found its code */
			cp = ah.cp;
			adv = 3;
			code = ah.code;
			if ((cp >= ZH_LO && (cp < 0x4DC0 || cp >= 0x4E00)) ||
			    zh_is_han(cp))
				goto han;
			goto not_han;
		}
		if (b0 - 0xE3u <= 6u && len - p >= 3 && (s[p + 1] & 0xC0) == 0x80 &&
		    (s[p + 2] & 0xC0) == 0x80) {
			/* U+3000..U+9FFF (Han and CJK punctuation, no emoji): most
			 * of a Chinese text, decoded here without a call */
			cp = ((b0 & 0x0Fu) << 12) | ((s[p + 1] & 0x3Fu) << 6) |
			     (s[p + 2] & 0x3Fu);
			adv = 3;
			if (cp >= ZH_LO && (cp < 0x4DC0 || cp >= 0x4E00)) {
				/* Han in the code table (all but U+4DC0..U+4DFF) */
				code = z->code[cp - ZH_LO];
				goto han;
			}
		} else if (b0 < 0x80) {
			if (zh_is_letter(s[p])) {
				size_t q = p;
				double v = 0;

				while (q < len && zh_is_letter(s[q]))
					q++;
				if (en && ts_en_lookup(en, text + p, q - p, &v) && v != 0) {
					if ((rc = zh_push_term(z, &c, &st, p, q - p, v, NULL)) < 0)
						return rc;
				} else {
					neutral++;
					c.units++;
				}
				st.q_last = 0;
				p = q;
				continue;
			}
			if (s[p] >= '0' && s[p] <= '9') {
				while (p < len && ((s[p] >= '0' && s[p] <= '9') || s[p] == '.'))
					p++;
				neutral++;
				c.units++;
				continue;
			}
			if (en && zh_is_emo(s[p])) {
				/* an emoticon such as :) :-( goes to the English engine */
				size_t q = p;
				double v = 0;

				while (q < len && q - p < 8 && zh_is_emo(s[q]))
					q++;
				if (q < len && q - p < 8 && (s[q] == 'D' || s[q] == 'P' ||
				                             s[q] == 'p' || s[q] == 'O' ||
				                             s[q] == 'o'))
					q++;
				if (q - p >= 2 && q - p <= 6 &&
				    ts_en_lookup(en, text + p, q - p, &v) && v != 0) {
					if ((rc = zh_push_term(z, &c, &st, p, q - p, v, NULL)) < 0)
						return rc;
					p = q;
					continue;
				}
			}
			cp = s[p];
			adv = 1;
		} else {
			cp = zh_dec(s + p, len - p, &adv);
			if (en && zh_is_emoji(cp)) {
				double v = 0;

				if (ts_en_lookup(en, text + p, adv, &v) && v != 0) {
					if ((rc = zh_push_term(z, &c, &st, p, adv, v, NULL)) < 0)
						return rc;
					p += adv;
					continue;
				}
			}
		}
		if (!zh_is_han(cp))
			goto not_han;
		/* the code of a Han character is its own key's (never A-Z) */
		code = zh_code_of(z, cp);
han:
		if (code && (node = zh_match(z, s + p, len - p, code, adv, &mlen, &ah))) {
			const zh_node *nd = &z->dv[node];
			const zh_mod *m = nd->mod >= 0 ? &z->mods[nd->mod] : NULL;
			int kind = m ? m->kind : MOD_NONE;

			if (kind == MOD_DEGADJ && !(ZH_HASVAL(nd) && nd->val != 0))
				kind = MOD_DEG; /* no valence of its own: a plain degree */
			if (m && kind != MOD_DEGADJ) {
				neutral++;
				switch (kind) {
				case MOD_DEG:
					if (c.nneg && c.units == c.neg_units) {
						/* 不太好: negator + degree = weak negation */
						c.neg_weak = 1;
						c.neg.len = p + mlen - c.neg.off;
					} else {
						if (c.ndeg && c.units - c.deg_units > z->deg_gap &&
						    zh_deg_alone(z, &c, &st) < 0)
							return TS_ENOMEM;
						if (c.ndeg == 2)
							break;
						c.deg[c.ndeg].f = m->a;
						c.deg_alone[c.ndeg] = m->alone;
						c.deg[c.ndeg].off = p;
						c.deg[c.ndeg].len = mlen;
						c.ndeg++;
						c.deg_units = c.units;
					}
					break;
				case MOD_POST:
					if (c.last_term >= 0 &&
					    c.units - c.last_units <= z->post_gap + 1)
						zh_addfac(&z->terms[c.last_term], m->a, p, mlen);
					c.units++;
					break;
				case MOD_NEG:
					if (c.nneg && c.units - c.neg_units > z->neg_gap &&
					    zh_neg_alone(z, &c, &st) < 0)
						return TS_ENOMEM;
					if (zh_a_not_a(s, len, p, mlen)) {
						/* 满不满意, 干不干净: a question, neither
						 * polarity; drop a term ending at the negator
						 * and cancel the next one */
						if (c.last_term >= 0 && c.last_end == p &&
						    (size_t)c.last_term == z->nterms - 1) {
							z->nterms--;
							c.last_term = -1;
						}
						c.nneg = 1;
						c.neg_weak = 0;
						c.neg.f = 0;
						c.neg.off = p;
						c.neg.len = mlen;
						c.neg_before_deg = 0;
						c.neg_alone = 0;
					} else if (c.nneg) {
						c.nneg++;
						c.neg.len = p + mlen - c.neg.off;
					} else {
						c.nneg = 1;
						c.neg_weak = 0;
						c.neg.f = m->a;
						c.neg.off = p;
						c.neg.len = mlen;
						c.neg_before_deg = m->b;
						c.neg_alone = m->alone;
					}
					c.neg_units = c.units;
					break;
				case MOD_CONTRAST:
					if (zh_clause_next(z, &c, &st) < 0)
						return TS_ENOMEM;
					zh_contrast(z, &st, m, p, mlen);
					break;
				case MOD_SUMMARY:
					if (zh_clause_next(z, &c, &st) < 0)
						return TS_ENOMEM;
					st.after = m->b;
					st.summary = 1;
					st.after_fac.off = p;
					st.after_fac.len = mlen;
					break;
				case MOD_CONCESS:
					c.conc = m->a;
					c.conc_after = m->b;
					c.conc_fac.off = p;
					c.conc_fac.len = mlen;
					break;
				case MOD_QUESTION:
					st.q_last = 1;
					st.q_first = c.first;
					st.q_fac.f = m->a;
					st.q_fac.off = p;
					st.q_fac.len = mlen;
					p += mlen;
					continue;
				case MOD_IRREALIS:
					if (!st.irr) {
						st.irr = 1;
						st.irr_first = z->nterms;
						st.irr_fac.f = m->a;
						st.irr_fac.off = p;
						st.irr_fac.len = mlen;
					}
					break;
				case MOD_RHET:
				case MOD_RHETPOS:
					if (st.rhet != MOD_RHET) {
						st.rhet = kind;
						st.rhet_first = z->nterms;
						st.rhet_fac.f = m->a;
						st.rhet_fac.off = p;
						st.rhet_fac.len = mlen;
					}
					break;
				default:
					break;
				}
			} else if (ZH_HASVAL(nd) && nd->val != 0) {
				if ((rc = zh_push_term(z, &c, &st, p, mlen, ZH_VAL(nd), m)) < 0)
					return rc;
			} else {
				neutral++;
				c.units += 1;
			}
			st.q_last = 0;
			p += mlen;
			continue;
		}
		unmatched++;
		/* 不是很好: 是 between a negator and a degree adverb */
		if (!(cp == 0x662F && c.nneg && c.units == c.neg_units))
			c.units++;
		st.q_last = 0;
		p += adv;
		continue;
not_han:
		if ((pk = zh_punct(cp)) == 2 ||
		           (cp == '.' && !(p > 0 && p + 1 < len && s[p - 1] >= '0' &&
		                           s[p - 1] <= '9'))) {
			if (cp == '!' || cp == 0xFF01)
				nexcl++;
			if (zh_sentence_end(z, &c, &st) < 0)
				return TS_ENOMEM;
		} else if (pk == 1) {
			if (zh_clause_next(z, &c, &st) < 0)
				return TS_ENOMEM;
		}
		p += adv;
	}
	if (zh_sentence_end(z, &c, &st) < 0)
		return TS_ENOMEM;

	for (i = 0; i < z->nterms; i++) {
		double w;

		/* the opening sentence states the overall impression; what a
		 * contrast or summary word weighs up keeps its weight */
		if (z->terms[i].sent > 0 && z->later != 1 &&
		    !(z->terms[i].flags & TF_AFTER))
			zh_addfac(&z->terms[i], z->later, 0, 0);
		w = z->terms[i].w;

		sum += w;
		if (w > 0)
			pos += w + 1;
		else if (w < 0)
			neg += w - 1;
		else
			neutral++;
	}
	if (nexcl > z->excl_max)
		nexcl = z->excl_max;
	if (sum != 0) {
		amp = (double)nexcl * z->excl_amp;
		if (sum < 0)
			amp = -amp;
		sum += amp;
		if (amp > 0)
			pos += amp;
		else
			neg += amp;
	}
	if (sum != 0) {
		out->compound = sum / sqrt(sum * sum + ZH_ALPHA);
		if (out->compound > 1)
			out->compound = 1;
		else if (out->compound < -1)
			out->compound = -1;
	}
	neutral += (unmatched + 1) / 2;
	total = pos - neg + (double)neutral;
	if (total > 0) {
		out->pos = pos / total;
		out->neg = neg < 0 ? -neg / total : 0;
		out->neu = (double)neutral / total;
	}
	if (evidence)
		return zh_evidence(z, text, amp, sum != 0 ? nexcl : 0, evidence);
	return 0;
}
