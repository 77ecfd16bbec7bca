/* Private parts of the video stage: the encoder state shared by its files. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_VIDEO_INTERNAL_H
#define VC_VIDEO_INTERNAL_H

#include <ass/ass.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <samplerate.h>
#include <sndfile.h>

#include "video.h"
#include "writers_internal.h"

/* Everything one video needs while it is written. */
typedef struct vc_vid {
  const vc_doc *d;
  vc_diag *diag;
  int webm;
  AVFormatContext *oc;
  AVPacket *pkt;
  /* picture */
  AVCodecContext *venc;
  AVStream *vst;
  AVFrame *vframe;
  struct SwsContext *sws;
  uint8_t *rgb;
  ASS_Library *lib;
  ASS_Renderer *ren,
      *names_ren; /* one each: a renderer's images last until its next frame */
  ASS_Track *captions, *names;
  int64_t last_sent; /* index of the last frame sent to the encoder */
  /* sound */
  AVCodecContext *aenc;
  AVStream *ast;
  AVFrame *aframe;
  SNDFILE *snd;
  int in_channels, in_rate;
  SRC_STATE *src;
  float *in, *mono, *fifo;
  size_t fifo_n, fifo_cap;
  int in_eof, src_eof;
  int64_t a_pts;
  /* soft captions */
  AVCodecContext *senc;
  AVStream *sst;
  size_t next_cue;
} vc_vid;

/* Sets diag to "what: FFmpeg's reason" and returns `st`. */
vc_status vc_vid_fail(vc_vid *v, vc_status st, const char *what, int averr);

/* Sends the encoder's finished packets to the muxer. */
vc_status vc_vid_drain(vc_vid *v, AVCodecContext *c, AVStream *st);

/* picture (video_picture.c) */
vc_status vc_vid_picture_open(vc_vid *v, const char *ass_path);
vc_status vc_vid_picture_frame(vc_vid *v, int64_t index, int last);
void vc_vid_picture_close(vc_vid *v);

/* sound (video_audio.c): the audio is read, resampled and encoded up to `until` (in
 * samples of the encoder's rate), or to its end when `until` < 0. */
vc_status vc_vid_audio_open(vc_vid *v, const char *audio_path, int64_t *duration_ms);
vc_status vc_vid_audio_until(vc_vid *v, int64_t until);
void vc_vid_audio_close(vc_vid *v);

/* soft captions and chapters (video_subs.c) */
vc_status vc_vid_subs_open(vc_vid *v);
vc_status vc_vid_subs_until(vc_vid *v, int64_t ms);
vc_status vc_vid_chapters(vc_vid *v);
void vc_vid_subs_close(vc_vid *v);

#endif
