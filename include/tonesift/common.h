/**
 * common.h - what every libtonesift header needs: version, export macro,
 * error codes, diagnostics. Users include <tonesift/tonesift.h>.
 *
 * Conventions (all modules):
 *  - functions return int: 0 on success, a negative TS_E* code on failure;
 *  - outputs come first and are named `out`;
 *  - strings are (pointer, length) pairs and need not be NUL-terminated;
 *  - handles are opaque, created by ts_X_new() and released by ts_X_free(),
 *    which accepts NULL; one handle per thread.
 */
#ifndef TONESIFT_COMMON_H
#define TONESIFT_COMMON_H

#include <stddef.h>

#define TS_VERSION_MAJOR 0
#define TS_VERSION_MINOR 1
#define TS_VERSION_PATCH 0
#define TS_VERSION_STRING "0.1.0"

#if defined(__GNUC__)
#define TS_EXPORT __attribute__((visibility("default")))
#else
#define TS_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes: one list, expanded for the enum and for ts_strerror(). */
#define TS_ERRORS(E)                                                     \
	E(TS_OK, 0, "success")                                           \
	E(TS_ENOMEM, -1, "out of memory")                                \
	E(TS_EINVAL, -2, "invalid argument")                             \
	E(TS_EIO, -3, "input/output error")                              \
	E(TS_EUTF8, -4, "invalid UTF-8")                                 \
	E(TS_EFORMAT, -5, "malformed record")                            \
	E(TS_ECOLUMN, -6, "no such column")                              \
	E(TS_ETOOLONG, -7, "record too long")                            \
	E(TS_ELEXICON, -8, "malformed lexicon entry")                    \
	E(TS_EPATTERN, -9, "invalid pattern")                            \
	E(TS_ELIMIT, -10, "match limit reached")                         \
	E(TS_ENOTFOUND, -11, "not found")                                \
	E(TS_EDEP, -12, "dependency failure")

enum ts_error {
#define TS_ERR_ENUM(name, value, msg) name = value,
	TS_ERRORS(TS_ERR_ENUM)
#undef TS_ERR_ENUM
};

/** A static message for any error code; never NULL. */
TS_EXPORT const char *ts_strerror(int code);

/** The library version string, e.g. "0.1.0". */
TS_EXPORT const char *ts_version(void);

/**
 * Where and why something failed, owned and filled by the caller's request.
 * `line` is 1-based (0 = unknown), `offset` a byte offset (within the line
 * when line > 0), `msg` a NUL-terminated message without trailing newline.
 */
typedef struct ts_diag {
	int code;        /* TS_E* */
	size_t line;     /* 1-based line number, 0 when not applicable */
	size_t offset;   /* byte offset */
	char msg[200];   /* human-readable, lowercase, no final full stop */
} ts_diag;

/** Fill `d` (may be NULL) with code, location and a printf-style message. */
TS_EXPORT int ts_diag_set(ts_diag *d, int code, size_t line, size_t offset,
                          const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

#ifdef __cplusplus
}
#endif

#endif
