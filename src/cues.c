/* Cue building. (stub) */
#include "voicecap/cues.h"

vc_status vc_cues_build(const vc_script *script, const vc_timeline *tl, vc_cues **out) {
  (void)script;
  (void)tl;
  (void)out;
  return VC_ERR_NOMEM;
}
void vc_cues_free(vc_cues *c) {
  (void)c;
}
