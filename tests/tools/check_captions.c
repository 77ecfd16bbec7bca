/* check_captions [--audio FILE] FILE...: vc_check_files() for the integration tests,
 * until `voicecap check` is wired into the CLI. Exit 0 all pass, 1 some fail, 2 usage. */
#include <stdio.h>
#include <string.h>

#include "voicecap/check.h"

int main(int argc, char **argv) {
  vc_check_opts o = {.max_uncovered = VC_CHECK_MAX_UNCOVERED};
  int first = 1;
  if (argc > 2 && strcmp(argv[1], "--audio") == 0) {
    o.audio_path = argv[2];
    first = 3;
  }
  int rc = vc_check_files(argv + first, (size_t)(argc - first), &o, stdout, stderr);
  return rc < 0 ? 2 : rc > 0 ? 1 : 0;
}
