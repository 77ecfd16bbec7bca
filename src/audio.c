/* The libsndfile audio sink. (stub) */
#include "voicecap/audio.h"

vc_status vc_audio_open(const char *path, const vc_audio_opts *o, vc_audio **out,
                        vc_diag *diag) {
  (void)path;
  (void)o;
  (void)out;
  (void)diag;
  return VC_ERR_AUDIO;
}
vc_status vc_audio_write(vc_audio *a, const int16_t *pcm, size_t n, double gain) {
  (void)a;
  (void)pcm;
  (void)n;
  (void)gain;
  return VC_ERR_AUDIO;
}
vc_status vc_audio_silence(vc_audio *a, size_t n) {
  (void)a;
  (void)n;
  return VC_ERR_AUDIO;
}
uint64_t vc_audio_frames(const vc_audio *a) {
  (void)a;
  return 0;
}
vc_status vc_audio_close(vc_audio *a, vc_diag *diag) {
  (void)a;
  (void)diag;
  return VC_ERR_AUDIO;
}
void vc_audio_abort(vc_audio *a) {
  (void)a;
}
