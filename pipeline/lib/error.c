/* error.c - error messages, diagnostics and the version string. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

const char *ts_strerror(int code)
{
	switch (code) {
#define TS_ERR_CASE(name, value, msg) case value: return msg;
	TS_ERRORS(TS_ERR_CASE)
#undef TS_ERR_CASE
	default:
		return "unknown error";
	}
}

const char *ts_version(void)
{
	return TS_VERSION_STRING;
}

int ts_diag_set(ts_diag *d, int code, size_t line, size_t offset,
                const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return code;
	d->code = code;
	d->line = line;
	d->offset = offset;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
	return code;
}
