/**
 * norm.h - text normalisation and segmentation (stage 1, `tonesift norm`).
 */
#ifndef TONESIFT_NORM_H
#define TONESIFT_NORM_H

#include <tonesift/tonesift.h>

#endif
