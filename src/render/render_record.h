/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The record a batch keeps with each output set: what it was made from, for resuming. */
#ifndef VC_RENDER_RECORD_H
#define VC_RENDER_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "cast.h"
#include "util_hash.h"
#include "voicecap/status.h"

/* DIR/.STEM.voicecap, published last with the outputs of a batch's render:
 *   voicecap-record 2
 *   key HEX          (vc_record_key)
 *   duration_ms N    (the audio's length)
 *   speaker NAME     (each speaker of the script, in order; '\' and newline escaped)
 *   output SIZE NAME (each output of the set, in publication order)
 * Hidden, so that folder walks and `ls` pass it over. */
#define VC_RECORD_EXT ".voicecap"

/* ".STEM.voicecap" in a new string, or NULL when out of memory. */
char *vc_record_name(const char *stem);

/* The key of a render: SHA-256 of `common` (the batch's hash of the version, options,
 * voices and data), the bytes of the input file, and for each speaker the voice the
 * cast pins them to. Empty ("") when the input cannot be read. */
void vc_record_key(const char *common, const char *input, const char *const *speakers,
                   size_t n_speakers, const vc_voice_pins *pins, char hex[VC_HASH_HEX]);

/* Writes the record to `fd` (not closed). */
vc_status vc_record_write(int fd, const char *key, uint64_t duration_ms,
                          const char *const *speakers, size_t n_speakers,
                          const char *const *names, const uint64_t *sizes, size_t n);

/* 1 when DIR/.STEM.voicecap holds the key a render of `input` with `common` and `pins`
 * would have now (its speakers read from the record: the same bytes segment alike), and
 * every output it lists is in DIR with its size (the audio's length then in
 * *duration_ms); else 0. Nothing is segmented. */
int vc_record_current(const char *dir, const char *stem, const char *common,
                      const char *input, const vc_voice_pins *pins, uint64_t *duration_ms);

#endif
