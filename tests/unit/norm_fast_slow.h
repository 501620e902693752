/* norm_fast_slow.h - for the norm tests: run a text through a handle with
 * the eight-byte fast paths and through one without them (no_fast). */
#ifndef NORM_FAST_SLOW_H
#define NORM_FAST_SLOW_H

#include <string.h>
#include <tonesift/tonesift.h>
#include "norm_internal.h"   /* no_fast */

/* Do both give the same units (text, offset, paragraph, language), the same
 * status and the same repair count? */
static int norm_fast_slow_agree(const ts_norm_opts *o, const char *s, size_t len)
{
	ts_norm *f, *sl;
	const ts_norm_unit *u, *v;
	size_t nu = 0, nv = 0, i;
	ts_diag d;
	int rf, rs, ok;

	ts_norm_new(&f, o);
	ts_norm_new(&sl, o);
	sl->no_fast = 1;
	rf = ts_norm_run(f, s, len, &u, &nu, &d);
	rs = ts_norm_run(sl, s, len, &v, &nv, &d);
	ok = rf == rs && nu == nv && ts_norm_repaired(f) == ts_norm_repaired(sl);
	for (i = 0; ok && i < nu; i++)
		ok = u[i].len == v[i].len && memcmp(u[i].text, v[i].text, u[i].len) == 0 &&
		     u[i].offset == v[i].offset && u[i].para == v[i].para &&
		     strcmp(u[i].lang, v[i].lang) == 0;
	ts_norm_free(f);
	ts_norm_free(sl);
	return ok;
}

#endif
