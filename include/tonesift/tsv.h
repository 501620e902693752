/**
 * tsv.h - the stream contract: linear TSV records.
 *
 * UTF-8, LF-terminated lines (a CR before the LF is dropped: a documented
 * repair for CRLF files, and so is a UTF-8 BOM before the first record), fields separated by TAB, and inside a field
 * `\t` `\n` `\r` `\\` written as a backslash escape. Any other backslash
 * sequence is an error. Fields are handed out in their escaped form, so
 * columns a stage does not touch are passed through byte for byte; call
 * ts_tsv_unescape() on the ones you read.
 */
#ifndef TONESIFT_TSV_H
#define TONESIFT_TSV_H

#include <tonesift/common.h>

#include <stdio.h>
#include <stddef.h>
#include <tonesift/buf.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A slice of a record (escaped form unless stated otherwise). */
typedef struct ts_field {
	const char *ptr;
	size_t len;
} ts_field;

typedef struct ts_tsv_reader ts_tsv_reader;

/**
 * Create a reader over `fp` (not closed by the reader). `name` is used in
 * diagnostics ("-" or "stdin" for standard input) and copied. `max_line`
 * caps the length of one record in bytes (0 = default, 512 MiB).
 */
TS_EXPORT int ts_tsv_reader_new(ts_tsv_reader **out, FILE *fp,
                                const char *name, size_t max_line);
TS_EXPORT void ts_tsv_reader_free(ts_tsv_reader *r);

/**
 * Read the next record. On success returns 1 and points `*fields` at an
 * array of `*nfields` slices, valid until the next call; returns 0 at end
 * of input; a negative TS_E* on error (I/O, record longer than max_line),
 * with `d` filled (line = the record's line number).
 */
TS_EXPORT int ts_tsv_read(ts_tsv_reader *r, ts_field **fields,
                          size_t *nfields, ts_diag *d);

/**
 * Read RFC 4180 CSV instead (on = 1): comma-separated, fields optionally
 * in double quotes with "" for a quote, line breaks allowed inside quotes,
 * CRLF or LF between records. Fields are handed out TSV-escaped, so the
 * rest of the program sees the stream contract. A quote inside an unquoted
 * field is kept; an unclosed quote or text after a closing quote is
 * TS_EFORMAT. ts_tsv_lineno() is then the last line of the record.
 */
TS_EXPORT void ts_tsv_reader_set_csv(ts_tsv_reader *r, int on);

/** Line number of the record last returned (1-based). */
TS_EXPORT size_t ts_tsv_lineno(const ts_tsv_reader *r);
/** The reader's display name. */
TS_EXPORT const char *ts_tsv_name(const ts_tsv_reader *r);
/** Byte offset, in the input, of the first byte of the last record. */
TS_EXPORT unsigned long long ts_tsv_offset(const ts_tsv_reader *r);

/**
 * Unescape `src` and append it to `out`. Returns 0, or TS_EFORMAT for a
 * backslash not followed by t n r or \\ (d->offset = its byte offset
 * within the field), or TS_ENOMEM.
 */
TS_EXPORT int ts_tsv_unescape(ts_buf *out, const char *src, size_t len,
                              ts_diag *d);

/** Append `src` to `out` escaped for a TSV field. */
TS_EXPORT int ts_tsv_escape(ts_buf *out, const char *src, size_t len);

/** Index of the column called `name` in a header, or -1. `name` is plain
 *  text; header fields are compared in escaped form (names with TAB etc.
 *  are not supported). */
TS_EXPORT long ts_tsv_find(const ts_field *hdr, size_t n, const char *name);

#ifdef __cplusplus
}
#endif
#endif
