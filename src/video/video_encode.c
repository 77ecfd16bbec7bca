/* The open-caption video: opens the container, runs picture, sound and soft captions in
 * time order, one frame at a time, so memory stays flat with the length. The video
 * module's door (video_module.h). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libavutil/error.h>
#include <string.h>

#include "video_internal.h"
#include "video_module.h"
#include "voicecap/version.h"

#define VC_MODULE_API __attribute__((visibility("default")))

VC_MODULE_API vc_video_module_build_fn vc_video_module_build;
VC_MODULE_API vc_video_module_write_fn vc_video_module_write;

vc_status vc_vid_fail(vc_vid *v, vc_status st, const char *what, int averr) {
  if (v->diag && !v->diag->msg[0]) {
    char why[AV_ERROR_MAX_STRING_SIZE] = "";
    if (averr < 0)
      av_strerror(averr, why, sizeof why);
    snprintf(v->diag->msg, sizeof v->diag->msg, "video: %s%s%s", what, why[0] ? ": " : "",
             why);
  }
  return st;
}

vc_status vc_vid_drain(vc_vid *v, AVCodecContext *c, AVStream *st) {
  for (;;) {
    int r = avcodec_receive_packet(c, v->pkt);
    if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
      return VC_OK;
    if (r < 0)
      return vc_vid_fail(v, VC_ERR_IO, "encoding failed", r);
    av_packet_rescale_ts(v->pkt, c->time_base, st->time_base);
    v->pkt->stream_index = st->index;
    r = av_interleaved_write_frame(v->oc, v->pkt);
    if (r < 0)
      return vc_vid_fail(v, VC_ERR_IO, "cannot write", r);
  }
}

static vc_status open_output(vc_vid *v, const char *path) {
  int r = avformat_alloc_output_context2(&v->oc, NULL, v->webm ? "webm" : "mp4", path);
  if (r < 0 || !v->oc)
    return vc_vid_fail(v, VC_ERR_CONFIG, "no muxer", r);
  v->pkt = av_packet_alloc();
  if (!v->pkt)
    return VC_ERR_NOMEM;
  av_dict_set(&v->oc->metadata, "comment", "open captions by voicecap", 0);
  r = avio_open(&v->oc->pb, path, AVIO_FLAG_WRITE);
  return r < 0 ? vc_vid_fail(v, VC_ERR_IO, path, r) : VC_OK;
}

static vc_status write_header(vc_vid *v) {
  AVDictionary *opts = NULL;
  if (!v->webm)
    av_dict_set(&opts, "movflags", "+faststart", 0); /* index first: plays while loading */
  int r = avformat_write_header(v->oc, &opts);
  av_dict_free(&opts);
  return r < 0 ? vc_vid_fail(v, VC_ERR_IO, "cannot write the header", r) : VC_OK;
}

/* Frame i shows the picture at i / fps seconds; the sound and the soft captions are
 * written up to the end of that frame before the next. The frame rate is low (10 a
 * second: a caption appears at most 100 ms after its in-time, under the 1-2 frames of
 * slack broadcast captions allow at 25 fps) and frames that repeat the last are not
 * encoded at all. */
static vc_status encode_all(vc_vid *v, int64_t duration_ms) {
  int64_t frames = (duration_ms * VC_VIDEO_FPS + 999) / 1000;
  vc_status st = VC_OK;
  for (int64_t i = 0; st == VC_OK && i < frames; i++) {
    st = vc_vid_picture_frame(v, i, i + 1 == frames);
    int64_t end_ms = (i + 1) * 1000 / VC_VIDEO_FPS;
    if (st == VC_OK)
      st = vc_vid_audio_until(v, av_rescale(end_ms, v->aenc->sample_rate, 1000));
    if (st == VC_OK)
      st = vc_vid_subs_until(v, end_ms);
  }
  if (st == VC_OK)
    st = vc_vid_audio_until(v, -1);
  if (st == VC_OK)
    st = vc_vid_subs_until(v, INT64_MAX);
  if (st == VC_OK) {
    avcodec_send_frame(v->venc, NULL);
    st = vc_vid_drain(v, v->venc, v->vst);
  }
  return st;
}

static vc_status run(vc_vid *v, const char *out_path, const char *audio_path,
                     const char *ass_path) {
  int64_t duration_ms = 0;
  vc_status st = open_output(v, out_path);
  if (st == VC_OK)
    st = vc_vid_picture_open(v, ass_path);
  if (st == VC_OK)
    st = vc_vid_audio_open(v, audio_path, &duration_ms);
  if (st == VC_OK)
    st = vc_vid_subs_open(v);
  if (st == VC_OK)
    st = vc_vid_chapters(v);
  if (st == VC_OK)
    st = write_header(v);
  if (st == VC_OK)
    st = encode_all(v, duration_ms);
  if (st == VC_OK) {
    int r = av_write_trailer(v->oc);
    if (r < 0)
      st = vc_vid_fail(v, VC_ERR_IO, "cannot finish the file", r);
  }
  return st;
}

int vc_video_module_build(const char *version, size_t doc_size, size_t diag_size) {
  return strcmp(version, VOICECAP_VERSION) == 0 && doc_size == sizeof(vc_doc) &&
         diag_size == sizeof(vc_diag);
}

vc_status vc_video_module_write(const char *out_path, const char *format,
                                const char *audio_path, const char *ass_path,
                                const vc_doc *d, vc_diag *diag) {
  vc_vid v = {.d = d, .diag = diag, .webm = strcmp(format, "webm") == 0};
  av_log_set_level(AV_LOG_ERROR);
  vc_status st = run(&v, out_path, audio_path, ass_path);
  vc_vid_subs_close(&v);
  vc_vid_audio_close(&v);
  vc_vid_picture_close(&v);
  if (v.oc && v.oc->pb)
    avio_closep(&v.oc->pb);
  avformat_free_context(v.oc);
  av_packet_free(&v.pkt);
  return st;
}
