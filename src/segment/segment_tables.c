/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The segmenter's word lists: data/segment-words.tsv, compiled in by src/CMakeLists.txt. */
#include <stddef.h>

#include "segment_internal.h"

#include "segment_words_table.inc"
