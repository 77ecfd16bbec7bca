/* Voices and casting. (stub) */
#include "voicecap/cast.h"

vc_status vc_voiceset_load(const char *dir, vc_voiceset **out, vc_diag *diag) {
  (void)dir;
  (void)out;
  (void)diag;
  return VC_ERR_CONFIG;
}
void vc_voiceset_free(vc_voiceset *vs) {
  (void)vs;
}
const vc_voice *vc_voiceset_find(const vc_voiceset *vs, const char *id) {
  (void)vs;
  (void)id;
  return 0;
}
vc_status vc_cast_new(const vc_voiceset *vs, const vc_script *script, vc_cast **out,
                      vc_diag *diag) {
  (void)vs;
  (void)script;
  (void)out;
  (void)diag;
  return VC_ERR_CONFIG;
}
void vc_cast_free(vc_cast *c) {
  (void)c;
}
