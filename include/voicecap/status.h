/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Status codes shared by every voicecap call that can fail. */
#ifndef VOICECAP_STATUS_H
#define VOICECAP_STATUS_H

#include <stddef.h>

#include "voicecap/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum vc_status {
  VC_OK = 0,
  VC_ERR_NOMEM,     /* an allocation failed */
  VC_ERR_IO,        /* a file could not be read or written */
  VC_ERR_UTF8,      /* input is not valid UTF-8 */
  VC_ERR_NUL,       /* input contains a NUL byte */
  VC_ERR_EMPTY,     /* input has nothing to speak */
  VC_ERR_CONFIG,    /* a voice definition or option is invalid */
  VC_ERR_SYNTH,     /* espeak-ng failed */
  VC_ERR_AUDIO,     /* the audio writer failed */
  VC_ERR_ARG,       /* a caller passed an invalid argument */
  VC_ERR_LIMIT,     /* input exceeds a built-in cap */
  VC_ERR_CANCELLED, /* stopped on request (a signal): nothing was published */
  VC_STATUS_COUNT
} vc_status;

/* Returns a static English description of `s`; never NULL. */
VC_API const char *vc_strerror(vc_status s);

/* Detail for the caller, filled by calls that can fail on input (file, byte offset,
 * what is wrong). Owned by the caller, usually on the stack; may be NULL. */
typedef struct vc_diag {
  char msg[512];
} vc_diag;

#ifdef __cplusplus
}
#endif
#endif
