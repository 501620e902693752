/**
 * tonesift.h - umbrella header of libtonesift: version, error codes,
 * diagnostics and every module. Include this one header to get the whole
 * public API (conventions in common.h).
 */
#ifndef TONESIFT_H
#define TONESIFT_H

#include <tonesift/common.h>
#include <tonesift/buf.h>
#include <tonesift/tsv.h>
#include <tonesift/norm.h>
#include <tonesift/claims.h>
#include <tonesift/score.h>

#endif
