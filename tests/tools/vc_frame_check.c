/* Test tool: compares a video frame with libass's own rendering of an ASS file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <ass/ass.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Usage: vc_frame_check FILE.ass FRAME.ppm TIME_MS BACKGROUND THRESHOLD
 *
 * FRAME.ppm is a binary PPM (P6, 8 bits) taken from a video at TIME_MS, for example by
 * `ffmpeg -ss T -i NAME.mp4 -frames:v 1 -c:v ppm FRAME.ppm`. libass renders FILE.ass
 * at TIME_MS at the frame's size; its images are blended over the plain BACKGROUND
 * colour (RRGGBB hex) as the reference. Over the bounding box of those images it prints
 *   diff   the mean absolute difference, frame against reference (0-255 per channel)
 *   signal the mean absolute difference, reference against the bare background
 * and passes when diff < THRESHOLD and signal >= 2 * THRESHOLD (the captions change
 * the picture far more than encoding does, so a frame without them, or with another
 * cue, fails). No image at TIME_MS fails too. Exit 0 pass, 1 fail, 2 usage or I/O.
 */

typedef struct {
  int w, h;
  unsigned char *px; /* RGB */
} vc_img;

static int read_ppm(const char *path, vc_img *im) {
  FILE *f = fopen(path, "rb");
  int maxval = 0;
  if (!f || fscanf(f, "P6 %d %d %d", &im->w, &im->h, &maxval) != 3 || maxval != 255 ||
      im->w <= 0 || im->h <= 0 || im->w > 8192 || im->h > 8192 || fgetc(f) == EOF) {
    if (f)
      fclose(f);
    return -1;
  }
  size_t n = (size_t)im->w * (size_t)im->h * 3;
  im->px = malloc(n);
  int ok = im->px && fread(im->px, 1, n, f) == n;
  fclose(f);
  return ok ? 0 : -1;
}

static void blend(vc_img *im, const ASS_Image *img) {
  for (; img; img = img->next) {
    unsigned col[3] = {img->color >> 24, (img->color >> 16) & 0xFF,
                       (img->color >> 8) & 0xFF};
    unsigned opacity = 255 - (img->color & 0xFF);
    for (int y = 0; y < img->h; y++) {
      for (int x = 0; x < img->w; x++) {
        int dx = img->dst_x + x, dy = img->dst_y + y;
        unsigned k = img->bitmap[y * img->stride + x] * opacity / 255;
        if (dx < 0 || dy < 0 || dx >= im->w || dy >= im->h || !k)
          continue;
        unsigned char *p = im->px + ((size_t)dy * (size_t)im->w + (size_t)dx) * 3;
        for (int c = 0; c < 3; c++)
          p[c] = (unsigned char)((col[c] * k + p[c] * (255 - k) + 127) / 255);
      }
    }
  }
}

static void quiet(int level, const char *fmt, va_list args, void *data) {
  (void)level, (void)fmt, (void)args, (void)data;
}

/* Mean absolute difference of a and b over the box [x0,x1) x [y0,y1). */
static double mean_diff(const vc_img *a, const vc_img *b, int x0, int y0, int x1, int y1) {
  double sum = 0;
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      for (int c = 0; c < 3; c++) {
        size_t i = ((size_t)y * (size_t)a->w + (size_t)x) * 3 + (size_t)c;
        sum += abs((int)a->px[i] - (int)b->px[i]);
      }
  double n = (double)(x1 - x0) * (y1 - y0) * 3;
  return n > 0 ? sum / n : 0;
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: vc_frame_check FILE.ass FRAME.ppm TIME_MS RRGGBB THRESHOLD\n");
    return 2;
  }
  long long ms = atoll(argv[3]);
  unsigned bg = (unsigned)strtoul(argv[4], NULL, 16);
  double threshold = atof(argv[5]);
  vc_img frame = {0};
  if (read_ppm(argv[2], &frame) != 0) {
    fprintf(stderr, "vc_frame_check: %s: not a binary 8-bit PPM\n", argv[2]);
    return 2;
  }
  ASS_Library *lib = ass_library_init();
  ass_set_message_cb(lib, quiet, NULL);
  ASS_Renderer *ren = ass_renderer_init(lib);
  ass_set_frame_size(ren, frame.w, frame.h);
  ass_set_storage_size(ren, frame.w, frame.h);
  ass_set_fonts(ren, NULL, "sans-serif", ASS_FONTPROVIDER_AUTODETECT, NULL, 1);
  ASS_Track *track = ass_read_file(lib, argv[1], NULL);
  if (!track) {
    fprintf(stderr, "vc_frame_check: %s: libass cannot read it\n", argv[1]);
    return 2;
  }
  size_t n = (size_t)frame.w * (size_t)frame.h * 3;
  vc_img ref = {frame.w, frame.h, malloc(n)}, bare = {frame.w, frame.h, malloc(n)};
  for (size_t i = 0; i < n; i++)
    ref.px[i] = bare.px[i] = (unsigned char)(bg >> (16 - 8 * (i % 3)));
  ASS_Image *img = ass_render_frame(ren, track, ms, NULL);
  int x0 = frame.w, y0 = frame.h, x1 = 0, y1 = 0;
  for (const ASS_Image *i = img; i; i = i->next) {
    if (i->w == 0 || i->h == 0)
      continue;
    x0 = i->dst_x < x0 ? i->dst_x : x0;
    y0 = i->dst_y < y0 ? i->dst_y : y0;
    x1 = i->dst_x + i->w > x1 ? i->dst_x + i->w : x1;
    y1 = i->dst_y + i->h > y1 ? i->dst_y + i->h : y1;
  }
  blend(&ref, img);
  int rc = 1;
  if (x1 <= x0 || y1 <= y0) {
    printf("FAIL %s at %lld ms: libass draws nothing\n", argv[2], ms);
  } else {
    double diff = mean_diff(&frame, &ref, x0, y0, x1, y1);
    double signal = mean_diff(&bare, &ref, x0, y0, x1, y1);
    rc = diff < threshold && signal >= 2 * threshold ? 0 : 1;
    printf("%s %s at %lld ms: box %dx%d+%d+%d diff %.2f signal %.2f (threshold %.2f)\n",
           rc ? "FAIL" : "ok", argv[2], ms, x1 - x0, y1 - y0, x0, y0, diff, signal,
           threshold);
  }
  ass_free_track(track);
  ass_renderer_done(ren);
  ass_library_done(lib);
  free(frame.px);
  free(ref.px);
  free(bare.px);
  return rc;
}
