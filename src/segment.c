/* Turn segmentation. (stub) */
#include "voicecap/segment.h"

const char *vc_role_name(vc_role r) {
  static const char *const names[VC_ROLE_COUNT] = {"narrator", "interviewer", "interviewee",
                                                   "quote"};
  return (unsigned)r < VC_ROLE_COUNT ? names[r] : "unknown";
}
vc_status vc_segment(const char *text, size_t len, vc_script **out, vc_diag *diag) {
  (void)text;
  (void)len;
  (void)out;
  (void)diag;
  return VC_ERR_EMPTY;
}
void vc_script_free(vc_script *s) {
  (void)s;
}
