/* The only espeak-ng caller. (stub) */
#include "voicecap/synth.h"

vc_status vc_synth_new(vc_synth **out, vc_diag *diag) {
  (void)out;
  (void)diag;
  return VC_ERR_SYNTH;
}
void vc_synth_free(vc_synth *s) {
  (void)s;
}
int vc_synth_sample_rate(const vc_synth *s) {
  (void)s;
  return 22050;
}
vc_status vc_synth_speak(vc_synth *s, const vc_voice *v, const char *text, vc_pcm_fn sink,
                         void *user, vc_synth_word **words, size_t *n_words,
                         uint64_t *n_samples, vc_diag *diag) {
  (void)s;
  (void)v;
  (void)text;
  (void)sink;
  (void)user;
  (void)words;
  (void)n_words;
  (void)n_samples;
  (void)diag;
  return VC_ERR_SYNTH;
}
