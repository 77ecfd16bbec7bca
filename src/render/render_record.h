/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The record a batch keeps with each output set: what it was made from, for resuming. */
#ifndef VC_RENDER_RECORD_H
#define VC_RENDER_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "voicecap/status.h"

/* DIR/.STEM.voicecap, published last with the outputs of a batch's render:
 *   voicecap-record 1
 *   key HEX          (the batch's hash of input, voices, data, options, cast, version)
 *   duration_ms N    (the audio's length)
 *   SIZE<TAB>NAME    (each output of the set, in publication order)
 * Hidden, so that folder walks and `ls` pass it over. */
#define VC_RECORD_EXT ".voicecap"

/* ".STEM.voicecap" in a new string, or NULL when out of memory. */
char *vc_record_name(const char *stem);

/* Writes the record to `fd` (not closed) for the outputs names[0..n) of sizes[0..n). */
vc_status vc_record_write(int fd, const char *key, uint64_t duration_ms,
                          const char *const *names, const uint64_t *sizes, size_t n);

/* 1 when DIR/.STEM.voicecap holds `key` and every output it lists is in DIR with its
 * size (the audio's length then in *duration_ms); else 0. */
int vc_record_current(const char *dir, const char *stem, const char *key,
                      uint64_t *duration_ms);

#endif
