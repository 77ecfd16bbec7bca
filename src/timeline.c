/* The word timeline. (stub) */
#include "voicecap/timeline.h"

vc_status vc_timeline_new(int sample_rate, size_t n_turns, vc_timeline **out) {
  (void)sample_rate;
  (void)n_turns;
  (void)out;
  return VC_ERR_NOMEM;
}
void vc_timeline_free(vc_timeline *t) {
  (void)t;
}
vc_status vc_timeline_add(vc_timeline *t, size_t turn, size_t display_base,
                          const char *display, size_t display_len, const vc_speakable *sp,
                          const vc_synth_word *sw, size_t n_sw, uint64_t offset) {
  (void)t;
  (void)turn;
  (void)display_base;
  (void)display;
  (void)display_len;
  (void)sp;
  (void)sw;
  (void)n_sw;
  (void)offset;
  return VC_ERR_NOMEM;
}
