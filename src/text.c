/* Loading interview text: UTF-8 validation and the speakable form. (stub) */
#include <stdlib.h>
#include <string.h>

#include "voicecap/text.h"

vc_status vc_text_load(const char *path, vc_text **out, vc_diag *diag) {
  (void)path;
  (void)out;
  (void)diag;
  return VC_ERR_IO;
}
vc_status vc_text_from_memory(const char *bytes, size_t len, const char *name,
                              vc_text **out, vc_diag *diag) {
  (void)bytes;
  (void)len;
  (void)name;
  (void)out;
  (void)diag;
  return VC_ERR_IO;
}
void vc_text_free(vc_text *t) {
  (void)t;
}
vc_status vc_utf8_check(const char *bytes, size_t len, size_t *bad_offset) {
  (void)bytes;
  (void)len;
  (void)bad_offset;
  return VC_OK;
}
vc_status vc_speakable_new(const char *display, size_t len, vc_speakable **out) {
  (void)display;
  (void)len;
  (void)out;
  return VC_ERR_NOMEM;
}
void vc_speakable_free(vc_speakable *s) {
  (void)s;
}
