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

struct en_ent *ts_en_tab_find(const ts_en *e, const struct en_tab *t,
                              const char *p, size_t n, uint64_t h)
{
	size_t j, mask;

	if (!t->cap || n == 0)
		return NULL;
	mask = t->cap - 1;
	j = (size_t)h & mask;
	while (t->s[j].len) {
		if (t->s[j].hash == h && t->s[j].len == n &&
		    memcmp(e->keys + t->s[j].off, p, n) == 0)
			return &t->s[j];
		j = (j + 1) & mask;
	}
	return NULL;
}

static int tab_grow(struct en_tab *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 1024, i;
	struct en_ent *ns = calloc(ncap, sizeof *ns);

	if (!ns)
		return TS_ENOMEM;
	for (i = 0; i < t->cap; i++) {
		size_t j;

		if (!t->s[i].len)
			continue;
		j = (size_t)t->s[i].hash & (ncap - 1);
		while (ns[j].len)
			j = (j + 1) & (ncap - 1);
		ns[j] = t->s[i];
	}
	free(t->s);
	t->s = ns;
	t->cap = ncap;
	return 0;
}

struct en_ent *ts_en_tab_put(ts_en *e, struct en_tab *t, const char *p,
                             size_t n)
{
	uint64_t h = ts_en_hash(p, n);
	struct en_ent *x;
	size_t j;

	if (n == 0 || n > UINT32_MAX)
		return NULL;
	x = ts_en_tab_find(e, t, p, n, h);
	if (x)
		return x;
	if ((t->n + 1) * 2 > t->cap && tab_grow(t))
		return NULL;
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
	j = (size_t)h & (t->cap - 1);
	while (t->s[j].len)
		j = (j + 1) & (t->cap - 1);
	x = &t->s[j];
	memset(x, 0, sizeof *x);
	x->off = e->klen;
	x->len = (uint32_t)n;
	x->hash = h;
	e->klen += n;
	t->n++;
	return x;
}

const struct en_ent *ts_en_phrase(const ts_en *e, const char *const *p,
                                  const size_t *len, size_t n)
{
	uint64_t h = 1469598103934665603u;
	size_t i, k, total = 0, j, mask;
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
	while (t->s[j].len) {
		const struct en_ent *x = &t->s[j];

		if (x->hash == h && x->len == total) {
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
	free(t->s);
	t->s = NULL;
	t->cap = t->n = 0;
}
