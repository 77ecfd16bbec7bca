/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The voicecap program: a thin layer over vc_cli_run(). */
#include <stdio.h>

#include "program.h"

int main(int argc, char **argv) {
  return vc_cli_run(argc, argv, stdout, stderr);
}
