/* SPDX-License-Identifier: GPL-3.0-or-later */
/* voicecap-engine: the fresh espeak-ng engine units are spoken from, started by voicecap
 * (vc_synth_new) on a socket; it links libespeak-ng alone, so its forks are cheap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "synth_engine.h"
#include "synth_speak.h"
#include "voicecap/version.h"

int main(int argc, char **argv) {
  char *end = NULL;
  long fd = argc == 3 && strcmp(argv[1], "--socket") == 0 ? strtol(argv[2], &end, 10) : -1;
  if (fd < 3 || !end || *end) {
    fprintf(stderr, "voicecap-engine: started by voicecap only (--socket FD)\n");
    return 2;
  }
  vc_engine_hello h = {.magic = VC_ENGINE_MAGIC};
  snprintf(h.version, sizeof h.version, "%s", VOICECAP_VERSION);
  h.rate = vc_espeak_start(NULL); /* <= 0: the process starts espeak-ng itself, and says */
  if (!vc_write_all((int)fd, &h, sizeof h) || h.rate <= 0)
    return 1;
  vc_engine_serve((int)fd);
}
