/* libFuzzer target: the caption checker's readers of SRT, WebVTT and ASS (the only parsers
 * of files voicecap did not write), each followed by the cue and speaker rules. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink(void) {
  static FILE *f;
  if (!f)
    f = fopen("/dev/null", "w");
  return f;
}

/* One reader over the input, then the rules, as `voicecap check` runs them. */
static void check_as(vc_cfmt fmt, const char *buf, size_t n) {
  static vc_status (*const read[])(vc_crep *, const char *, size_t,
                                   vc_cdoc *) = {[VC_CFMT_SRT] = vc_chk_read_srt,
                                                 [VC_CFMT_VTT] = vc_chk_read_vtt,
                                                 [VC_CFMT_ASS] = vc_chk_read_ass};
  vc_crep r = {.out = sink(), .path = "fuzz"};
  vc_cdoc d = {.fmt = fmt};
  vc_cstats st = {0};
  if (read[fmt](&r, buf, n, &d) == VC_OK) {
    vc_chk_cue_rules(&r, &d, &st);
    vc_chk_speakers(&r, &d);
  }
  vc_cdoc_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  if (size > (1 << 16) || !sink() || vc_chk_utf8_bad(buf, size) < size)
    return 0; /* the checker refuses invalid UTF-8 before any reader sees it */
  check_as(VC_CFMT_SRT, buf, size);
  check_as(VC_CFMT_VTT, buf, size);
  check_as(VC_CFMT_ASS, buf, size);
  return 0;
}
