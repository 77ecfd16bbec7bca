/* The video's picture: libass draws the captions (the ASS file) and the current
 * speaker's name on a plain background; a frame is composed again only when libass says
 * the picture changed, and encoded with H.264 or VP9. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
#include <stdlib.h>
#include <string.h>

#include "video_internal.h"

/* The speaker name track: same canvas as the caption file (1920x1080), the name large in
 * the middle in the speaker's colour. */
static const char vc_names_head[] =
    "[Script Info]\nScriptType: v4.00+\nWrapStyle: 0\nScaledBorderAndShadow: yes\n"
    "PlayResX: 1920\nPlayResY: 1080\n\n[V4+ Styles]\n"
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
    "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, "
    "BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
    "Style: Speaker,DejaVu Sans,96,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,-1,0,0,0,"
    "100,100,0,0,1,0,0,5,160,160,0,1\n\n[Events]\n"
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n";

static void put_ass_time(vc_sbuf *b, int64_t ms) {
  char t[40];
  int64_t cs = ms < 0 ? 0 : ms / 10;
  snprintf(t, sizeof t, "%d:%02d:%02d.%02d", (int)(cs / 360000), (int)(cs / 6000 % 60),
           (int)(cs / 100 % 60), (int)(cs % 100));
  vc_sbuf_adds(b, t);
}

/* One event per turn: the speaker's name from the turn's start to the next turn's. */
static char *names_script(const vc_doc *d) {
  vc_sbuf b = {0};
  vc_sbuf_adds(&b, vc_names_head);
  for (size_t i = 0; i < d->script->n_turns && !b.err; i++) {
    size_t sp = d->script->turns[i].speaker;
    unsigned c = vc_cast_colour(d->cast, sp);
    char *name = vc_speaker_field(d->script, sp, NULL);
    char tag[64];
    snprintf(tag, sizeof tag, ",Speaker,,0,0,0,,{\\c&H%02X%02X%02X&}", c & 0xFF,
             (c >> 8) & 0xFF, (c >> 16) & 0xFF);
    vc_sbuf_adds(&b, "Dialogue: 0,");
    put_ass_time(&b, vc_turn_start_ms(d, i));
    vc_sbuf_addc(&b, ',');
    put_ass_time(&b, vc_turn_end_ms(d, i));
    vc_sbuf_adds(&b, tag);
    if (name)
      vc_ass_put_escaped(&b, name, strlen(name));
    else
      b.err = 1;
    vc_sbuf_addc(&b, '\n');
    free(name);
  }
  return vc_sbuf_take(&b);
}

static void quiet(int level, const char *fmt, va_list args, void *data) {
  (void)level, (void)fmt, (void)args, (void)data;
}

static ASS_Renderer *new_renderer(ASS_Library *lib) {
  ASS_Renderer *r = ass_renderer_init(lib);
  if (r) {
    ass_set_frame_size(r, VC_VIDEO_WIDTH, VC_VIDEO_HEIGHT);
    ass_set_storage_size(r, VC_VIDEO_WIDTH, VC_VIDEO_HEIGHT);
    ass_set_fonts(r, NULL, "sans-serif", ASS_FONTPROVIDER_AUTODETECT, NULL, 1);
  }
  return r;
}

static vc_status open_ass(vc_vid *v, const char *ass_path) {
  v->lib = ass_library_init();
  if (!v->lib)
    return VC_ERR_NOMEM;
  ass_set_message_cb(v->lib, quiet, NULL);
  v->ren = new_renderer(v->lib);
  v->names_ren = new_renderer(v->lib);
  if (!v->ren || !v->names_ren)
    return VC_ERR_NOMEM;
  v->captions = ass_read_file(v->lib, (char *)ass_path, NULL);
  if (!v->captions)
    return vc_vid_fail(v, VC_ERR_IO, "libass cannot read the ASS captions", 0);
  char *names = names_script(v->d);
  if (!names)
    return VC_ERR_NOMEM;
  v->names = ass_new_track(v->lib);
  if (v->names)
    ass_process_data(v->names, names, (int)strlen(names));
  free(names);
  return v->names ? VC_OK : VC_ERR_NOMEM;
}

static vc_status open_encoder(vc_vid *v) {
  const char *name = v->webm ? "libvpx-vp9" : "libx264";
  const AVCodec *codec = avcodec_find_encoder_by_name(name);
  if (!codec)
    return vc_vid_fail(v, VC_ERR_CONFIG, "FFmpeg has no encoder libx264 / libvpx-vp9", 0);
  AVCodecContext *c = v->venc = avcodec_alloc_context3(codec);
  if (!c)
    return VC_ERR_NOMEM;
  c->width = VC_VIDEO_WIDTH;
  c->height = VC_VIDEO_HEIGHT;
  c->time_base = (AVRational){1, VC_VIDEO_FPS};
  c->framerate = (AVRational){VC_VIDEO_FPS, 1};
  c->pix_fmt = AV_PIX_FMT_YUV420P;
  c->gop_size = 10;    /* frames come at least once a second: a key frame within 10 s */
  c->thread_count = 1; /* batches run one interview per core */
  c->colorspace = AVCOL_SPC_BT709;
  c->color_primaries = AVCOL_PRI_BT709;
  c->color_trc = AVCOL_TRC_BT709;
  c->color_range = AVCOL_RANGE_MPEG;
  if (v->webm) {
    c->bit_rate = 0;
    av_opt_set(c->priv_data, "deadline", "realtime", 0);
    av_opt_set_int(c->priv_data, "cpu-used", 8, 0);
    av_opt_set_int(c->priv_data, "crf", 24, 0);
  } else {
    av_opt_set(c->priv_data, "preset", "veryfast", 0);
    av_opt_set(c->priv_data, "crf", "23", 0);
  }
  if (v->oc->oformat->flags & AVFMT_GLOBALHEADER)
    c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  int r = avcodec_open2(c, codec, NULL);
  if (r < 0)
    return vc_vid_fail(v, VC_ERR_CONFIG, "cannot open the video encoder", r);
  v->vst = avformat_new_stream(v->oc, NULL);
  if (!v->vst)
    return VC_ERR_NOMEM;
  v->vst->time_base = c->time_base;
  r = avcodec_parameters_from_context(v->vst->codecpar, c);
  return r < 0 ? vc_vid_fail(v, VC_ERR_CONFIG, "video stream", r) : VC_OK;
}

static vc_status open_frames(vc_vid *v) {
  v->rgb = malloc((size_t)VC_VIDEO_WIDTH * VC_VIDEO_HEIGHT * 3);
  v->vframe = av_frame_alloc();
  if (!v->rgb || !v->vframe)
    return VC_ERR_NOMEM;
  v->vframe->format = AV_PIX_FMT_YUV420P;
  v->vframe->width = VC_VIDEO_WIDTH;
  v->vframe->height = VC_VIDEO_HEIGHT;
  if (av_frame_get_buffer(v->vframe, 0) < 0)
    return VC_ERR_NOMEM;
  v->sws =
      sws_getContext(VC_VIDEO_WIDTH, VC_VIDEO_HEIGHT, AV_PIX_FMT_RGB24, VC_VIDEO_WIDTH,
                     VC_VIDEO_HEIGHT, AV_PIX_FMT_YUV420P,
                     SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, NULL, NULL, NULL);
  if (!v->sws)
    return VC_ERR_NOMEM;
  const int *bt709 = sws_getCoefficients(SWS_CS_ITU709);
  sws_setColorspaceDetails(v->sws, bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
  return VC_OK;
}

vc_status vc_vid_picture_open(vc_vid *v, const char *ass_path) {
  vc_status st = open_ass(v, ass_path);
  if (st == VC_OK)
    st = open_encoder(v);
  if (st == VC_OK)
    st = open_frames(v);
  return st;
}

/* Draws libass's images over the RGB picture (each image one colour, an 8-bit alpha map;
 * the colour's low byte is its transparency). */
static void blend(uint8_t *rgb, const ASS_Image *img) {
  for (; img; img = img->next) {
    unsigned col[3] = {img->color >> 24, (img->color >> 16) & 0xFF,
                       (img->color >> 8) & 0xFF};
    unsigned opacity = 255 - (img->color & 0xFF);
    for (int y = 0; y < img->h; y++) {
      int dy = img->dst_y + y;
      if (dy < 0 || dy >= VC_VIDEO_HEIGHT)
        continue;
      const unsigned char *src = img->bitmap + (size_t)y * (size_t)img->stride;
      for (int x = 0; x < img->w; x++) {
        int dx = img->dst_x + x;
        unsigned k = src[x] * opacity / 255;
        if (!k || dx < 0 || dx >= VC_VIDEO_WIDTH)
          continue;
        uint8_t *p = rgb + ((size_t)dy * VC_VIDEO_WIDTH + (size_t)dx) * 3;
        for (int c = 0; c < 3; c++)
          p[c] = (uint8_t)((col[c] * k + p[c] * (255 - k) + 127) / 255);
      }
    }
  }
}

static void compose(vc_vid *v, const ASS_Image *names, const ASS_Image *captions) {
  size_t n = (size_t)VC_VIDEO_WIDTH * VC_VIDEO_HEIGHT;
  uint8_t bg[3] = {(VC_VIDEO_BACKGROUND >> 16) & 0xFF, (VC_VIDEO_BACKGROUND >> 8) & 0xFF,
                   VC_VIDEO_BACKGROUND & 0xFF};
  for (size_t i = 0; i < n; i++)
    memcpy(v->rgb + i * 3, bg, 3);
  blend(v->rgb, names);
  blend(v->rgb, captions);
}

/* Frames go to the encoder only when the picture changed, at least once a second (so a
 * player that seeks anywhere finds a recent frame) and for the last frame, which ends
 * the video with the audio; the stream is variable-rate on a 1/fps grid. */
vc_status vc_vid_picture_frame(vc_vid *v, int64_t index, int last) {
  long long ms = (long long)(index * 1000 / VC_VIDEO_FPS);
  int changed_names = 0, changed_caps = 0;
  ASS_Image *names = ass_render_frame(v->names_ren, v->names, ms, &changed_names);
  ASS_Image *caps = ass_render_frame(v->ren, v->captions, ms, &changed_caps);
  int changed = index == 0 || changed_names || changed_caps;
  if (!changed && !last && index - v->last_sent < VC_VIDEO_FPS)
    return VC_OK;
  if (changed) {
    int r = av_frame_make_writable(v->vframe);
    if (r < 0)
      return vc_vid_fail(v, VC_ERR_NOMEM, "frame", r);
    compose(v, names, caps);
    const uint8_t *src[1] = {v->rgb};
    const int stride[1] = {VC_VIDEO_WIDTH * 3};
    sws_scale(v->sws, src, stride, 0, VC_VIDEO_HEIGHT, v->vframe->data,
              v->vframe->linesize);
  }
  v->vframe->pts = index;
  v->last_sent = index;
  int r = avcodec_send_frame(v->venc, v->vframe);
  if (r < 0)
    return vc_vid_fail(v, VC_ERR_IO, "video encoder", r);
  return vc_vid_drain(v, v->venc, v->vst);
}

void vc_vid_picture_close(vc_vid *v) {
  avcodec_free_context(&v->venc);
  av_frame_free(&v->vframe);
  sws_freeContext(v->sws);
  free(v->rgb);
  if (v->captions)
    ass_free_track(v->captions);
  if (v->names)
    ass_free_track(v->names);
  if (v->ren)
    ass_renderer_done(v->ren);
  if (v->names_ren)
    ass_renderer_done(v->names_ren);
  if (v->lib)
    ass_library_done(v->lib);
}
