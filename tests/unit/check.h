/* check.h - the tiny assertion helper of the unit tests. */
#ifndef TS_CHECK_H
#define TS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond, ...)                                                  \
	do {                                                              \
		check_count++;                                            \
		if (!(cond)) {                                            \
			check_failures++;                                 \
			fprintf(stderr, "%s:%d: check failed: %s: ",     \
			        __FILE__, __LINE__, #cond);               \
			fprintf(stderr, __VA_ARGS__);                     \
			fputc('\n', stderr);                              \
		}                                                         \
	} while (0)

/* Compare a (ptr,len) result with an expected C string. */
#define CHECK_STR(ptr, len, expect)                                        \
	CHECK((len) == strlen(expect) && memcmp((ptr), (expect), (len)) == 0, \
	      "got '%.*s', expected '%s'", (int)(len), (ptr), (expect))

#define CHECK_DONE()                                                      \
	(fprintf(stderr, "%d checks, %d failed\n", check_count, check_failures), \
	 check_failures ? 1 : 0)

#endif
