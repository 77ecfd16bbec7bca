/* The speech as it was first written, kept to be written again with pauses for reading. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_RENDER_SPOOL_H
#define VC_RENDER_SPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "voicecap/status.h"

typedef struct vc_spool vc_spool;

/* A spool over the open file `fd` (taken over: vc_spool_close closes it; the caller has
 * already removed its name). VC_ERR_NOMEM or VC_ERR_IO. */
vc_status vc_spool_open(int fd, vc_spool **out);

/* Keeps one write of the audio: n samples of speech scaled by `gain`, or n samples of
 * silence (pcm NULL). VC_ERR_IO when the file cannot take them. */
vc_status vc_spool_put(vc_spool *s, const int16_t *pcm, size_t n, double gain);

/* What vc_spool_replay hands each write to, in the order they were put. */
typedef vc_status (*vc_spool_fn)(void *user, const int16_t *pcm, size_t n, double gain);

/* Hands every write kept so far to `fn`, stopping at its first error. */
vc_status vc_spool_replay(vc_spool *s, vc_spool_fn fn, void *user);

void vc_spool_close(vc_spool *s);

#endif
