/* The library's version, from the project's VERSION in CMakeLists.txt (via version.h). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "voicecap/version.h"

const char *vc_version(void) {
  return VOICECAP_VERSION;
}
