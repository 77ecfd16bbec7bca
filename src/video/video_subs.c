/* The video's soft captions (the SRT's cues as mov_text in MP4, WebVTT in WebM) and its
 * chapters. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libavutil/mem.h>
#include <stdlib.h>
#include <string.h>

#include "chapters_list.h"
#include "video_internal.h"

/* FFmpeg's subtitle encoders take ASS events; this header gives them one plain style. */
static const char vc_subs_header[] =
    "[Script Info]\nScriptType: v4.00+\nPlayResX: 384\nPlayResY: 288\n\n[V4+ Styles]\n"
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
    "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, "
    "BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
    "Style: "
    "Default,Arial,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,"
    "0\n\n[Events]\n"
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n";

vc_status vc_vid_subs_open(vc_vid *v) {
  const AVCodec *codec =
      avcodec_find_encoder(v->webm ? AV_CODEC_ID_WEBVTT : AV_CODEC_ID_MOV_TEXT);
  if (!codec)
    return vc_vid_fail(v, VC_ERR_CONFIG, "FFmpeg has no mov_text / webvtt encoder", 0);
  AVCodecContext *c = v->senc = avcodec_alloc_context3(codec);
  if (!c)
    return VC_ERR_NOMEM;
  c->time_base = (AVRational){1, 1000};
  c->subtitle_header = (uint8_t *)av_strdup(vc_subs_header);
  if (!c->subtitle_header)
    return VC_ERR_NOMEM;
  c->subtitle_header_size = (int)strlen(vc_subs_header);
  int r = avcodec_open2(c, codec, NULL);
  if (r < 0)
    return vc_vid_fail(v, VC_ERR_CONFIG, "cannot open the caption encoder", r);
  v->sst = avformat_new_stream(v->oc, NULL);
  if (!v->sst)
    return VC_ERR_NOMEM;
  v->sst->time_base = c->time_base;
  av_dict_set(&v->sst->metadata, "title", "Captions", 0);
  r = avcodec_parameters_from_context(v->sst->codecpar, c);
  return r < 0 ? vc_vid_fail(v, VC_ERR_CONFIG, "caption stream", r) : VC_OK;
}

/* Cue text for FFmpeg's ASS reader, which knows only "{\" blocks and "\N" / "\n" breaks:
 * a WORD JOINER (U+2060, invisible) keeps text from forming either. WebVTT output is
 * not escaped by FFmpeg, so '&', '<' and '>' become character references there. */
static void put_text(vc_sbuf *b, const char *s, int webvtt) {
  for (size_t i = 0; s[i]; i++) {
    char c = s[i], next = s[i + 1];
    if (webvtt && (c == '&' || c == '<' || c == '>'))
      vc_sbuf_adds(b, c == '&' ? "&amp;" : c == '<' ? "&lt;" : "&gt;");
    else
      vc_sbuf_addc(b, c);
    if ((c == '{' && next == '\\') || (c == '\\' && (next == 'N' || next == 'n')))
      vc_sbuf_adds(b, "\xE2\x81\xA0");
  }
}

static char *cue_event(const vc_cue *q, int webvtt) {
  vc_sbuf b = {0};
  vc_sbuf_adds(&b, "0,0,Default,,0,0,0,,");
  for (size_t l = 0; l < q->n_lines; l++) {
    if (l > 0)
      vc_sbuf_adds(&b, "\\N");
    put_text(&b, q->lines[l], webvtt);
  }
  return vc_sbuf_take(&b);
}

enum { VC_SUB_MAX = 4096 };

static vc_status write_cue(vc_vid *v, const vc_cue *q) {
  char *event = cue_event(q, v->webm);
  if (!event)
    return VC_ERR_NOMEM;
  AVSubtitleRect rect = {.type = SUBTITLE_ASS, .ass = event};
  AVSubtitleRect *rects[1] = {&rect};
  AVSubtitle sub = {.format = 1,
                    .start_display_time = 0,
                    .end_display_time = (uint32_t)(q->end_ms - q->start_ms),
                    .num_rects = 1,
                    .rects = rects,
                    .pts = av_rescale(q->start_ms, AV_TIME_BASE, 1000)};
  uint8_t buf[VC_SUB_MAX];
  int n = avcodec_encode_subtitle(v->senc, buf, sizeof buf, &sub);
  free(event);
  if (n < 0)
    return vc_vid_fail(v, VC_ERR_IO, "caption encoder", n);
  int r = av_new_packet(v->pkt, n);
  if (r < 0)
    return VC_ERR_NOMEM;
  memcpy(v->pkt->data, buf, (size_t)n);
  v->pkt->pts = v->pkt->dts = q->start_ms;
  v->pkt->duration = q->end_ms - q->start_ms;
  av_packet_rescale_ts(v->pkt, v->senc->time_base, v->sst->time_base);
  v->pkt->stream_index = v->sst->index;
  r = av_interleaved_write_frame(v->oc, v->pkt);
  return r < 0 ? vc_vid_fail(v, VC_ERR_IO, "cannot write a caption", r) : VC_OK;
}

vc_status vc_vid_subs_until(vc_vid *v, int64_t ms) {
  vc_status st = VC_OK;
  const vc_cues *c = v->d->cues;
  while (st == VC_OK && v->next_cue < c->n && c->cues[v->next_cue].start_ms < ms)
    st = write_cue(v, &c->cues[v->next_cue++]);
  return st;
}

/* The container's chapters: the render's chapter list (chapters_list.h), as libavformat
 * takes them. */
static vc_status add_chapters(vc_vid *v, const vc_chapters *c) {
  v->oc->chapters = av_calloc(c->n, sizeof *v->oc->chapters);
  if (!v->oc->chapters)
    return VC_ERR_NOMEM;
  for (size_t i = 0; i < c->n; i++) {
    AVChapter *ch = av_mallocz(sizeof *ch);
    if (!ch)
      return VC_ERR_NOMEM;
    v->oc->chapters[v->oc->nb_chapters++] = ch;
    ch->id = (int64_t)c->ch[i].turn + 1;
    ch->time_base = (AVRational){1, 1000};
    ch->start = c->ch[i].start_ms;
    ch->end = c->ch[i].end_ms;
    if (av_dict_set(&ch->metadata, "title", c->ch[i].title, 0) < 0)
      return VC_ERR_NOMEM;
  }
  return VC_OK;
}

vc_status vc_vid_chapters(vc_vid *v) {
  vc_chapters *c = NULL;
  vc_status st = vc_chapters_build(v->d->script, v->d->timeline, &c);
  if (st == VC_OK && c->n > 0)
    st = add_chapters(v, c);
  vc_chapters_free(c);
  return st;
}

void vc_vid_subs_close(vc_vid *v) {
  avcodec_free_context(&v->senc);
}
