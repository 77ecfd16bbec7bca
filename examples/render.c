/* Renders one interview with libvoicecap: `render INPUT OUTDIR`. Build it with
 *   cc render.c -o render $(pkg-config --cflags --libs voicecap) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include <voicecap/voicecap.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s INPUT OUTDIR\n", argv[0]);
    return 2;
  }
  vc_render_opts opts = {.out_dir = argv[2]}; /* voices and data: the installed ones */
  vc_diag diag = {{0}};
  vc_status st = vc_render_file(argv[1], &opts, &diag);
  if (st != VC_OK) {
    fprintf(stderr, "render: %s (%s)\n", diag.msg, vc_strerror(st));
    return 1;
  }
  printf("rendered %s into %s with libvoicecap %s\n", argv[1], argv[2], vc_version());
  return 0;
}
