/**
 * buf.h - growable byte buffer used to hand text between the library and
 * its callers without per-call allocation: a caller keeps one ts_buf and
 * reuses it (ts_buf_reset() keeps the memory).
 *
 * data is always NUL-terminated after any successful call (len excludes
 * the NUL), may contain NUL bytes, and is owned by the buffer: release it
 * with ts_buf_free(). A zero-initialised ts_buf ({0}) is a valid empty one.
 */
#ifndef TONESIFT_BUF_H
#define TONESIFT_BUF_H

#include <tonesift/common.h>

#include <stddef.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ts_buf {
	char *data;  /* NULL until first growth, then NUL-terminated */
	size_t len;  /* bytes used, excluding the terminating NUL */
	size_t cap;  /* bytes allocated */
} ts_buf;

/* The out-of-line halves of ts_buf_grow() and ts_buf_add(), for when the
 * buffer must grow; call those instead. */
TS_EXPORT int ts_buf_grow_slow(ts_buf *b, size_t extra);
TS_EXPORT int ts_buf_add_slow(ts_buf *b, const void *p, size_t len);

/** Make room for `extra` more bytes (plus the NUL). TS_ENOMEM on failure
 *  or size overflow; the buffer is unchanged then. Inline: the common case
 *  (room already there) is a compare, on paths that append per token. */
static inline int ts_buf_grow(ts_buf *b, size_t extra)
{
	return b->data && extra < b->cap - b->len ? 0 : ts_buf_grow_slow(b, extra);
}

/** Append `len` bytes. */
static inline int ts_buf_add(ts_buf *b, const void *p, size_t len)
{
	if (b->data && len < b->cap - b->len) {
		if (len)
			memcpy(b->data + b->len, p, len);
		b->len += len;
		b->data[b->len] = '\0';
		return 0;
	}
	return ts_buf_add_slow(b, p, len);
}
/** Append a NUL-terminated string. */
TS_EXPORT int ts_buf_adds(ts_buf *b, const char *s);
/** Append one byte. */
TS_EXPORT int ts_buf_addc(ts_buf *b, int c);
/** Append printf-style formatted text. */
TS_EXPORT int ts_buf_addf(ts_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/** Forget the content, keep the memory. */
static inline void ts_buf_reset(ts_buf *b) { b->len = 0; if (b->data) b->data[0] = '\0'; }
/** Release the memory; the buffer is empty and reusable afterwards. */
TS_EXPORT void ts_buf_free(ts_buf *b);

#ifdef __cplusplus
}
#endif
#endif
