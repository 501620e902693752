/* buf.c - growable byte buffer (see include/tonesift/buf.h) and arrays
 * (ts_grow, internal.h). */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ts_buf_grow_slow(ts_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return TS_ENOMEM;
	need = b->len + extra + 1;
	if (need <= b->cap && b->data)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(b->data, cap);
	if (!p)
		return TS_ENOMEM;
	b->data = p;
	b->cap = cap;
	return 0;
}

int ts_buf_add_slow(ts_buf *b, const void *p, size_t len)
{
	if (ts_buf_grow(b, len))
		return TS_ENOMEM;
	if (len)
		memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int ts_buf_adds(ts_buf *b, const char *s)
{
	return ts_buf_add(b, s, strlen(s));
}

int ts_buf_addc(ts_buf *b, int c)
{
	if (ts_buf_grow(b, 1))
		return TS_ENOMEM;
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
	return 0;
}

int ts_buf_addf(ts_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return TS_EINVAL;
	if (ts_buf_grow(b, (size_t)n))
		return TS_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void ts_buf_free(ts_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int ts_grow(void **p, size_t *cap, size_t need, size_t elem, size_t first)
{
	size_t nc = *cap ? *cap : first ? first : 1;
	void *np;

	while (nc < need) {
		if (nc > SIZE_MAX / 2)
			return TS_ENOMEM;
		nc *= 2;
	}
	if (nc > SIZE_MAX / elem)
		return TS_ENOMEM;
	np = realloc(*p, nc * elem);
	if (!np)
		return TS_ENOMEM;
	*p = np;
	*cap = nc;
	return 0;
}

char *ts_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p) {
		if (n)
			memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}
