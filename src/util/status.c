/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text for vc_status codes. */
#include "voicecap/status.h"

static const char *const vc_status_text[VC_STATUS_COUNT] = {
    [VC_OK] = "success",
    [VC_ERR_NOMEM] = "out of memory",
    [VC_ERR_IO] = "input/output error",
    [VC_ERR_UTF8] = "invalid UTF-8",
    [VC_ERR_NUL] = "NUL byte in text",
    [VC_ERR_EMPTY] = "nothing to speak",
    [VC_ERR_CONFIG] = "invalid configuration",
    [VC_ERR_SYNTH] = "speech synthesis failed",
    [VC_ERR_AUDIO] = "audio output failed",
    [VC_ERR_ARG] = "invalid argument",
    [VC_ERR_LIMIT] = "input exceeds a limit",
    [VC_ERR_CANCELLED] = "interrupted",
};

const char *vc_strerror(vc_status s) {
  if ((unsigned)s >= VC_STATUS_COUNT)
    return "unknown status";
  return vc_status_text[s];
}
