/* The video's sound: the rendered audio file read back in blocks, resampled to 48 kHz
 * (libsamplerate) and encoded as AAC (MP4) or Opus (WebM). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <stdlib.h>
#include <string.h>

#include "video_internal.h"

enum { VC_VID_RATE = 48000, VC_VID_BLOCK = 4096 };

static enum AVSampleFormat float_format(const AVCodec *codec) {
  for (const enum AVSampleFormat *f = codec->sample_fmts; f && *f != AV_SAMPLE_FMT_NONE;
       f++)
    if (*f == AV_SAMPLE_FMT_FLTP || *f == AV_SAMPLE_FMT_FLT)
      return *f;
  return AV_SAMPLE_FMT_NONE;
}

static vc_status open_encoder(vc_vid *v) {
  const AVCodec *codec = v->webm ? avcodec_find_encoder_by_name("libopus")
                                 : avcodec_find_encoder(AV_CODEC_ID_AAC);
  if (!codec || float_format(codec) == AV_SAMPLE_FMT_NONE)
    return vc_vid_fail(v, VC_ERR_CONFIG, "FFmpeg has no AAC / libopus encoder", 0);
  AVCodecContext *c = v->aenc = avcodec_alloc_context3(codec);
  if (!c)
    return VC_ERR_NOMEM;
  c->sample_rate = VC_VID_RATE;
  c->sample_fmt = float_format(codec);
  av_channel_layout_default(&c->ch_layout, 1);
  c->bit_rate = 64000; /* mono speech */
  c->time_base = (AVRational){1, VC_VID_RATE};
  if (v->oc->oformat->flags & AVFMT_GLOBALHEADER)
    c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  if (!v->webm)
    av_opt_set(c->priv_data, "aac_coder", "fast", 0); /* speech: the fast coder suffices */
  int r = avcodec_open2(c, codec, NULL);
  if (r < 0)
    return vc_vid_fail(v, VC_ERR_CONFIG, "cannot open the audio encoder", r);
  v->ast = avformat_new_stream(v->oc, NULL);
  if (!v->ast)
    return VC_ERR_NOMEM;
  v->ast->time_base = c->time_base;
  r = avcodec_parameters_from_context(v->ast->codecpar, c);
  if (r < 0)
    return vc_vid_fail(v, VC_ERR_CONFIG, "audio stream", r);
  v->aframe = av_frame_alloc();
  if (!v->aframe)
    return VC_ERR_NOMEM;
  v->aframe->format = c->sample_fmt;
  v->aframe->sample_rate = c->sample_rate;
  v->aframe->nb_samples = c->frame_size > 0 ? c->frame_size : 1024;
  av_channel_layout_copy(&v->aframe->ch_layout, &c->ch_layout);
  return av_frame_get_buffer(v->aframe, 0) < 0 ? VC_ERR_NOMEM : VC_OK;
}

vc_status vc_vid_audio_open(vc_vid *v, const char *audio_path, int64_t *duration_ms) {
  SF_INFO info = {0};
  v->snd = sf_open(audio_path, SFM_READ, &info);
  if (!v->snd || info.channels < 1 || info.samplerate < 1)
    return vc_vid_fail(v, VC_ERR_IO, "cannot read the audio back", 0);
  v->in_channels = info.channels;
  v->in_rate = info.samplerate;
  *duration_ms = (int64_t)((info.frames * 1000 + info.samplerate - 1) / info.samplerate);
  int err = 0;
  v->src = src_new(SRC_SINC_FASTEST, 1, &err);
  v->fifo_cap = 4 * VC_VID_BLOCK * (VC_VID_RATE / info.samplerate + 2);
  v->in = malloc(sizeof *v->in * VC_VID_BLOCK * (size_t)info.channels);
  v->mono = malloc(sizeof *v->mono * VC_VID_BLOCK);
  v->fifo = malloc(sizeof *v->fifo * v->fifo_cap);
  if (!v->src || !v->in || !v->mono || !v->fifo)
    return VC_ERR_NOMEM;
  return open_encoder(v);
}

/* Reads one block, mixes it to mono and resamples it into the FIFO. */
static vc_status refill(vc_vid *v) {
  sf_count_t got = 0;
  if (!v->in_eof) {
    got = sf_readf_float(v->snd, v->in, VC_VID_BLOCK);
    v->in_eof = got < VC_VID_BLOCK;
  }
  for (sf_count_t i = 0; i < got; i++) {
    float s = 0;
    for (int c = 0; c < v->in_channels; c++)
      s += v->in[i * v->in_channels + c];
    v->mono[i] = s / (float)v->in_channels;
  }
  SRC_DATA sd = {.data_in = v->mono,
                 .input_frames = (long)got,
                 .data_out = v->fifo + v->fifo_n,
                 .output_frames = (long)(v->fifo_cap - v->fifo_n),
                 .end_of_input = v->in_eof,
                 .src_ratio = (double)VC_VID_RATE / v->in_rate};
  int err = src_process(v->src, &sd);
  if (err)
    return vc_vid_fail(v, VC_ERR_AUDIO, src_strerror(err), 0);
  v->fifo_n += (size_t)sd.output_frames_gen;
  if (v->in_eof && sd.output_frames_gen == 0 && sd.input_frames_used == got)
    v->src_eof = 1;
  return VC_OK;
}

static vc_status encode_frame(vc_vid *v, size_t n) {
  int r = av_frame_make_writable(v->aframe);
  if (r < 0)
    return vc_vid_fail(v, VC_ERR_NOMEM, "audio frame", r);
  v->aframe->nb_samples = (int)n;
  memcpy(v->aframe->data[0], v->fifo, n * sizeof *v->fifo);
  memmove(v->fifo, v->fifo + n, (v->fifo_n - n) * sizeof *v->fifo);
  v->fifo_n -= n;
  v->aframe->pts = v->a_pts;
  v->a_pts += (int64_t)n;
  r = avcodec_send_frame(v->aenc, v->aframe);
  if (r < 0)
    return vc_vid_fail(v, VC_ERR_IO, "audio encoder", r);
  return vc_vid_drain(v, v->aenc, v->ast);
}

vc_status vc_vid_audio_until(vc_vid *v, int64_t until) {
  size_t fs = v->aenc->frame_size > 0 ? (size_t)v->aenc->frame_size : 1024;
  vc_status st = VC_OK;
  while (st == VC_OK && (until < 0 || v->a_pts < until)) {
    while (st == VC_OK && v->fifo_n < fs && !v->src_eof)
      st = refill(v);
    if (st != VC_OK || v->fifo_n == 0)
      break;
    st = encode_frame(v, v->fifo_n < fs ? v->fifo_n : fs);
  }
  if (st == VC_OK && until < 0) {
    avcodec_send_frame(v->aenc, NULL);
    st = vc_vid_drain(v, v->aenc, v->ast);
  }
  return st;
}

void vc_vid_audio_close(vc_vid *v) {
  avcodec_free_context(&v->aenc);
  av_frame_free(&v->aframe);
  if (v->snd)
    sf_close(v->snd);
  if (v->src)
    src_delete(v->src);
  free(v->in);
  free(v->mono);
  free(v->fifo);
}
