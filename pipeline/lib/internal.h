/* internal.h - private declarations shared by libtonesift's sources. */
#ifndef TS_INTERNAL_H
#define TS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <tonesift/tonesift.h>

/*
 * Data files under lexicons/ are embedded at build time (see
 * cmake/embed.cmake). Look one up by its path relative to lexicons/,
 * e.g. "en/vader_lexicon.tsv". Returns NULL (and *len = 0) when absent.
 * The bytes are static, read-only and NOT NUL-terminated.
 */
const char *ts_embedded(const char *path, size_t *len);

/* Iterate the embedded files: returns the path of entry i, or NULL past
 * the end. */
const char *ts_embedded_name(size_t i);

/* Decode one UTF-8 character leniently: an invalid sequence is U+FFFD of
 * length 1; at the end (len 0) returns 0 with *n = 0. */
static inline unsigned ts_utf8_lenient(const char *s, size_t len, size_t *n)
{
	int cp;

	if (!len) {
		*n = 0;
		return 0;
	}
	if ((unsigned char)s[0] < 0x80) {
		*n = 1;
		return (unsigned char)s[0];
	}
	*n = ts_utf8_decode(s, len, &cp);
	if (cp < 0) {
		*n = 1;
		return 0xFFFD;
	}
	return (unsigned)cp;
}

#endif
