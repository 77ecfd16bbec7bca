/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The open-caption video's door in the library: the formats, and the encoder loaded from
 * the video module (voicecap-video.so) when a video is asked for, so that a render
 * without one never maps FFmpeg's encoders and the libraries they need. */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util_folders.h"
#include "video_module.h"
#include "voicecap/version.h"

/* Set by src/CMakeLists.txt from the install layout, as for the engine program. */
#ifndef VC_INSTALL_VIDEO
#define VC_INSTALL_VIDEO "/usr/local/libexec/voicecap/voicecap-video.so"
#endif
#ifndef VC_BIN_TO_VIDEO
#define VC_BIN_TO_VIDEO "../libexec/voicecap/voicecap-video.so"
#endif
#ifndef VC_LIB_TO_VIDEO
#define VC_LIB_TO_VIDEO "../libexec/voicecap/voicecap-video.so"
#endif

int vc_video_format_supported(const char *format) {
  return format && (strcmp(format, "mp4") == 0 || strcmp(format, "webm") == 0);
}

const char *vc_video_format_ext(const char *format) {
  if (!vc_video_format_supported(format))
    return NULL;
  return strcmp(format, "webm") == 0 ? ".webm" : ".mp4";
}

/* The module's write function, or NULL with diag saying why. The module stays loaded
 * until the process ends (a second video finds it mapped). */
static vc_video_module_write_fn *load_module(vc_diag *diag) {
  char path[PATH_MAX];
  if (!vc_helper_find(VC_VIDEO_MODULE_NAME, VC_BIN_TO_VIDEO, VC_LIB_TO_VIDEO,
                      VC_INSTALL_VIDEO, R_OK, path, sizeof path)) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg,
               "video: %s not found (looked beside the program, in its libexec folder and "
               "in %s)",
               VC_VIDEO_MODULE_NAME, VC_INSTALL_VIDEO);
    return NULL;
  }
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  const char *why = h ? NULL : dlerror();
  vc_video_module_build_fn *build = NULL;
  vc_video_module_write_fn *write = NULL;
  if (h) {
    *(void **)&build = dlsym(h, VC_VIDEO_MODULE_BUILD);
    *(void **)&write = dlsym(h, VC_VIDEO_MODULE_WRITE);
  }
  if (h &&
      (!build || !write || !build(VOICECAP_VERSION, sizeof(vc_doc), sizeof(vc_diag)))) {
    why = "a module of another build";
    write = NULL;
    dlclose(h);
  }
  if (!write && diag)
    snprintf(diag->msg, sizeof diag->msg, "video: cannot load %.200s: %.200s", path,
             why ? why : "unknown error");
  return write;
}

vc_status vc_video_write(const char *out_path, const char *format, const char *audio_path,
                         const char *ass_path, const vc_doc *d, vc_diag *diag) {
  if (!out_path || !audio_path || !ass_path || !d || !d->script || !d->timeline ||
      !d->cues || !vc_video_format_supported(format))
    return VC_ERR_ARG;
  vc_video_module_write_fn *write = load_module(diag);
  if (!write)
    return VC_ERR_CONFIG;
  return write(out_path, format, audio_path, ass_path, d, diag);
}
