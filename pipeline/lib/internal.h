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

#endif
