/* en_tab.c - open-addressing hash tables of the English engine. */
#include "en_tab.h"

#include <stdlib.h>
#include <string.h>

uint64_t ts_en_hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211u;
	}
	return h ^ (h >> 29);
}

#define SLOT_TAG(h) EN_SLOT_TAG(h)
#define SLOT_IDX(x) EN_SLOT_IDX(x)

/* Rehash into ncap slots (a power of two, more than twice t->n). */
static int tab_rehash(struct en_tab *t, size_t ncap)
{
	size_t i;
	uint64_t *ns = calloc(ncap, sizeof *ns);

	if (!ns)
		return TS_ENOMEM;
	for (i = 0; i < t->n; i++) {
		uint64_t h = t->ent[i].hash;
		size_t j = (size_t)h & (ncap - 1);

		while (ns[j])
			j = (j + 1) & (ncap - 1);
		ns[j] = SLOT_TAG(h) | (uint64_t)(i + 1);
	}
	free(t->slot);
	t->slot = ns;
	t->cap = ncap;
	return 0;
}

static int tab_grow(struct en_tab *t)
{
	return tab_rehash(t, t->cap ? t->cap * 2 : 1024);
}

int ts_en_tab_reserve(struct en_tab *t, size_t n)
{
	size_t cap = 1024;

	while (cap < 2 * n)
		cap *= 2;
	if (cap > t->cap && tab_rehash(t, cap))
		return TS_ENOMEM;
	if (n > t->ncap) {
		struct en_ent *ne = realloc(t->ent, n * sizeof *ne);

		if (!ne)
			return TS_ENOMEM;
		t->ent = ne;
		t->ncap = n;
	}
	return 0;
}

struct en_ent *ts_en_tab_put(ts_en *e, struct en_tab *t, const char *p,
                             size_t n)
{
	uint64_t h = ts_en_hash(p, n);
	struct en_ent *x;
	size_t j;

	if (n == 0 || n > UINT32_MAX || t->n >= 0xfffffff0u)
		return NULL;
	x = ts_en_tab_find(e, t, p, n, h);
	if (x)
		return x;
	if ((t->n + 1) * 2 > t->cap && tab_grow(t))
		return NULL;
	if (t->n == t->ncap) {
		size_t nc = t->ncap ? t->ncap * 2 : 256;
		struct en_ent *ne = realloc(t->ent, nc * sizeof *ne);

		if (!ne)
			return NULL;
		t->ent = ne;
		t->ncap = nc;
	}
	if (e->klen + n > e->kcap) {
		size_t nc = e->kcap ? e->kcap : 65536;
		char *nk;

		while (nc < e->klen + n)
			nc *= 2;
		nk = realloc(e->keys, nc);
		if (!nk)
			return NULL;
		e->keys = nk;
		e->kcap = nc;
	}
	memcpy(e->keys + e->klen, p, n);
	x = &t->ent[t->n];
	memset(x, 0, sizeof *x);
	x->off = e->klen;
	x->len = (uint32_t)n;
	x->hash = h;
	e->klen += n;
	j = (size_t)h & (t->cap - 1);
	while (t->slot[j])
		j = (j + 1) & (t->cap - 1);
	t->slot[j] = SLOT_TAG(h) | (uint64_t)(t->n + 1);
	t->n++;
	return x;
}

const struct en_ent *ts_en_phrase(const ts_en *e, const char *const *p,
                                  const size_t *len, size_t n)
{
	uint64_t h = 1469598103934665603u;
	size_t i, k, total = 0, j, mask;
	uint64_t xs;
	const struct en_tab *t = &e->phr;

	if (!t->cap)
		return NULL;
	for (i = 0; i < n; i++) {
		if (i) {
			h ^= (unsigned char)' ';
			h *= 1099511628211u;
			total++;
		}
		for (k = 0; k < len[i]; k++) {
			h ^= (unsigned char)p[i][k];
			h *= 1099511628211u;
		}
		total += len[i];
	}
	h ^= h >> 29;
	mask = t->cap - 1;
	j = (size_t)h & mask;
	while ((xs = t->slot[j]) != 0) {
		const struct en_ent *x = &t->ent[SLOT_IDX(xs) - 1];

		if (SLOT_TAG(xs) == SLOT_TAG(h) && x->len == total) {
			const char *q = e->keys + x->off;

			for (i = 0; i < n; i++) {
				if (i) {
					if (*q != ' ')
						break;
					q++;
				}
				if (memcmp(q, p[i], len[i]) != 0)
					break;
				q += len[i];
			}
			if (i == n)
				return x;
		}
		j = (j + 1) & mask;
	}
	return NULL;
}

void ts_en_tab_free(struct en_tab *t)
{
	free(t->slot);
	free(t->ent);
	t->slot = NULL;
	t->ent = NULL;
	t->cap = t->n = t->ncap = 0;
}
