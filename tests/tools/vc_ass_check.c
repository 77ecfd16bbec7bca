/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test tool: loads .ass files with libass, checks events against NAME.json, renders each.
 */
#include <ass/ass.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Usage: vc_ass_check [-v] [--bottom] [--expect N | --json MAP.json] FILE.ass...
 *
 * For each file: libass must read it, as a v4.00+ script with ScaledBorderAndShadow on;
 * it must hold exactly the expected number of events (N, or the cues of the sync map,
 * by default the NAME.json beside NAME.ass); with a sync map, event i must start and end
 * within 10 ms (ASS has centiseconds) of cue i; and rendering a 1920x1080 frame at each
 * event's middle must give glyph pixels that are not fully transparent. With --bottom,
 * every image libass draws at each event's middle must also lie wholly in the lower half
 * of the frame (no \an8-style override or \pos moved a caption up); the highest image
 * top is reported.
 *
 * What counts as a warning: libass levels are 0 fatal, 1 error, 2 warning, 4 info,
 * 6 verbose, 7 debug. Every message at level 0..2 fails the file (bad timestamps,
 * duplicate headers, missing PlayRes, unknown styles, font fallbacks, glyphs no font
 * has). Info and lower are chatter (font provider, file added), with one exception:
 * "Not understood" (level 6) is how libass reports a line of [Events] it skipped, which
 * is what a line break leaking out of a Dialogue line looks like, so it fails too.
 *
 * Prints one line per file ("ok" or "FAIL" and why), the offending libass messages on
 * stderr, and exits 1 when any file failed, 2 on a usage error.
 */

enum { FRAME_W = 1920, FRAME_H = 1080, TIME_SLACK_MS = 10, MAX_NOTE = 400 };

/* Messages libass sent while one file was loaded and rendered. */
typedef struct vc_asslog {
  const char *path;
  int verbose;
  int n_bad;
  char first_bad[MAX_NOTE];
} vc_asslog;

/* Expectations for one file. */
typedef struct vc_expect {
  long n_events;  /* -1: unknown */
  long long *cue; /* start,end pairs in ms from the sync map, or NULL */
  int bottom;     /* every event must be drawn in the lower half of the frame */
} vc_expect;

/* What rendering each event at its middle gave. */
typedef struct vc_drawn {
  int rendered;  /* events with visible pixels */
  long min_px;   /* fewest visible pixels of an event, -1 before the first */
  int top;       /* highest image top (y) over all events, FRAME_H if none */
  int top_event; /* the event it belongs to (1-based) */
  int n_high;    /* events with an image above the middle of the frame */
} vc_drawn;

static int is_bad_message(int level, const char *text) {
  return level <= 2 || strncmp(text, "Not understood", 14) == 0;
}

static void on_message(int level, const char *fmt, va_list args, void *data) {
  vc_asslog *log = data;
  char text[MAX_NOTE];
  vsnprintf(text, sizeof text, fmt, args);
  if (is_bad_message(level, text)) {
    if (log->n_bad++ == 0)
      snprintf(log->first_bad, sizeof log->first_bad, "%s", text);
    fprintf(stderr, "%s: libass level %d: %s\n", log->path, level, text);
  } else if (log->verbose) {
    fprintf(stderr, "%s: libass level %d: %s\n", log->path, level, text);
  }
}

/* The sync map's path beside an .ass file: NAME.ass -> NAME.json. Caller frees. */
static char *map_beside(const char *ass_path) {
  size_t n = strlen(ass_path);
  const char *dot = strrchr(ass_path, '.');
  const char *slash = strrchr(ass_path, '/');
  if (!dot || (slash && dot < slash))
    dot = ass_path + n;
  size_t stem = (size_t)(dot - ass_path);
  char *p = malloc(stem + sizeof ".json");
  if (!p)
    return NULL;
  memcpy(p, ass_path, stem);
  memcpy(p + stem, ".json", sizeof ".json");
  return p;
}

static long long seconds_to_ms(const json_t *v) {
  double s = json_number_value(v);
  return (long long)(s * 1000.0 + (s >= 0 ? 0.5 : -0.5));
}

/* Reads the cue count and times of a sync map; returns 0 or -1 (reported). */
static int load_map(const char *map_path, vc_expect *e) {
  json_error_t jerr;
  json_t *root = json_load_file(map_path, 0, &jerr);
  if (!root) {
    printf("FAIL %s: cannot read sync map: line %d: %s\n", map_path, jerr.line, jerr.text);
    return -1;
  }
  json_t *cues = json_object_get(root, "cues");
  int rc = -1;
  if (!json_is_array(cues)) {
    printf("FAIL %s: no \"cues\" array\n", map_path);
    goto done;
  }
  size_t n = json_array_size(cues);
  e->cue = calloc(n ? 2 * n : 1, sizeof *e->cue);
  if (!e->cue)
    goto done;
  for (size_t i = 0; i < n; i++) {
    json_t *c = json_array_get(cues, i);
    json_t *s = json_object_get(c, "start"), *t = json_object_get(c, "end");
    if (!json_is_number(s) || !json_is_number(t)) {
      printf("FAIL %s: cue %zu has no numeric start/end\n", map_path, i + 1);
      goto done;
    }
    e->cue[2 * i] = seconds_to_ms(s);
    e->cue[2 * i + 1] = seconds_to_ms(t);
  }
  e->n_events = (long)n;
  rc = 0;
done:
  json_decref(root);
  return rc;
}

/* Counts glyph pixels of a rendered frame that are at least partly opaque. */
static long visible_pixels(const ASS_Image *img) {
  long n = 0;
  for (; img; img = img->next) {
    if (img->type != IMAGE_TYPE_CHARACTER || (img->color & 0xFFu) == 0xFFu)
      continue;
    for (int y = 0; y < img->h; y++)
      for (int x = 0; x < img->w; x++)
        n += img->bitmap[(size_t)y * (size_t)img->stride + (size_t)x] != 0;
  }
  return n;
}

/* Checks header values libass does not warn about; appends problems to `why`. */
static int check_header(const ASS_Track *t, char *why, size_t cap) {
  int bad = 0;
  if (t->track_type != TRACK_TYPE_ASS) {
    snprintf(why + strlen(why), cap - strlen(why), "; not a v4.00+ (ASS) script");
    bad = 1;
  }
  if (!t->ScaledBorderAndShadow) {
    snprintf(why + strlen(why), cap - strlen(why), "; ScaledBorderAndShadow is not yes");
    bad = 1;
  }
  return bad;
}

static int check_times(const ASS_Track *t, const vc_expect *e, char *why, size_t cap) {
  if (!e->cue || t->n_events != e->n_events)
    return 0;
  for (int i = 0; i < t->n_events; i++) {
    long long s = t->events[i].Start, d = t->events[i].Duration;
    long long cs = e->cue[2 * i], ce = e->cue[2 * i + 1];
    if (llabs(s - cs) > TIME_SLACK_MS || llabs(s + d - ce) > TIME_SLACK_MS) {
      snprintf(why + strlen(why), cap - strlen(why),
               "; event %d is %lld..%lld ms, cue %d is %lld..%lld ms", i + 1, s, s + d,
               i + 1, cs, ce);
      return 1;
    }
  }
  return 0;
}

/* Highest top (y) of the images of a frame, FRAME_H when there are none. */
static int images_top(const ASS_Image *img) {
  int top = FRAME_H;
  for (; img; img = img->next)
    if (img->w > 0 && img->h > 0 && img->dst_y < top)
      top = img->dst_y;
  return top;
}

/* Renders every event at its middle; returns the number of blank middles. */
static int check_pixels(ASS_Library *lib, ASS_Track *t, int bottom, vc_drawn *d, char *why,
                        size_t cap) {
  ASS_Renderer *r = ass_renderer_init(lib);
  if (!r) {
    snprintf(why + strlen(why), cap - strlen(why), "; ass_renderer_init failed");
    return 1;
  }
  ass_set_frame_size(r, FRAME_W, FRAME_H);
  ass_set_fonts(r, NULL, "sans-serif", ASS_FONTPROVIDER_FONTCONFIG, NULL, 1);
  int blank = 0;
  for (int i = 0; i < t->n_events; i++) {
    long long mid = t->events[i].Start + t->events[i].Duration / 2;
    int changed = 0;
    ASS_Image *img = ass_render_frame(r, t, mid, &changed);
    long px = visible_pixels(img);
    int top = images_top(img);
    if (top < d->top) {
      d->top = top;
      d->top_event = i + 1;
    }
    if (top < FRAME_H / 2 && d->n_high++ == 0 && bottom)
      snprintf(why + strlen(why), cap - strlen(why),
               "; event %d is drawn from y=%d, above the frame's middle", i + 1, top);
    if (d->min_px < 0 || px < d->min_px)
      d->min_px = px;
    if (px > 0) {
      d->rendered++;
    } else if (blank++ == 0) {
      snprintf(why + strlen(why), cap - strlen(why),
               "; nothing visible at %lld ms (event %d)", mid, i + 1);
    }
  }
  ass_renderer_done(r);
  return blank;
}

static int check_file(const char *path, const vc_expect *given, const char *map,
                      int verbose) {
  vc_asslog log = {.path = path, .verbose = verbose};
  vc_expect e = *given;
  char *own_map = NULL;
  char why[1024] = "";
  int bad = 0;
  vc_drawn d = {.min_px = -1, .top = FRAME_H};
  ASS_Track *t = NULL;
  ASS_Library *lib = NULL;
  if (e.n_events < 0) {
    own_map = map ? NULL : map_beside(path);
    if (load_map(map ? map : own_map, &e) != 0) {
      bad = 1;
      goto done;
    }
  }
  lib = ass_library_init();
  if (!lib) {
    printf("FAIL %s: ass_library_init failed\n", path);
    bad = 1;
    goto done;
  }
  ass_set_message_cb(lib, on_message, &log);
  t = ass_read_file(lib, (char *)path, NULL);
  if (!t) {
    printf("FAIL %s: libass could not read it (%s)\n", path,
           log.n_bad ? log.first_bad : "no message");
    bad = 1;
    goto done;
  }
  bad |= t->n_events != e.n_events;
  bad |= check_header(t, why, sizeof why);
  bad |= check_times(t, &e, why, sizeof why);
  bad |= check_pixels(lib, t, e.bottom, &d, why, sizeof why) != 0;
  bad |= e.bottom && d.n_high > 0;
  if (log.n_bad) {
    snprintf(why + strlen(why), sizeof why - strlen(why),
             "; %d libass warning(s), first: %s", log.n_bad, log.first_bad);
    bad = 1;
  }
  char pos[128] = "";
  if (e.bottom)
    snprintf(pos, sizeof pos,
             ", %d/%d drawn in the lower half (highest top y=%d, event %d)",
             t->n_events - d.n_high, t->n_events, d.top, d.top_event);
  printf("%s %s: %d events (expected %ld), %d warnings, pixels at %d/%d middles (min "
         "%ld)%s%s\n",
         bad ? "FAIL" : "ok  ", path, t->n_events, e.n_events, log.n_bad, d.rendered,
         t->n_events, d.min_px < 0 ? 0 : d.min_px, pos, why);
done:
  if (t)
    ass_free_track(t);
  if (lib)
    ass_library_done(lib);
  if (e.cue != given->cue)
    free(e.cue);
  free(own_map);
  return bad;
}

static int usage(void) {
  fprintf(
      stderr,
      "usage: vc_ass_check [-v] [--bottom] [--expect N | --json MAP.json] FILE.ass...\n");
  return 2;
}

int main(int argc, char **argv) {
  vc_expect given = {.n_events = -1, .cue = NULL, .bottom = 0};
  const char *map = NULL;
  int verbose = 0, i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "-v") == 0) {
      verbose = 1;
    } else if (strcmp(argv[i], "--bottom") == 0) {
      given.bottom = 1;
    } else if (strcmp(argv[i], "--expect") == 0 && i + 1 < argc) {
      char *end = NULL;
      given.n_events = strtol(argv[++i], &end, 10);
      if (*end || given.n_events < 0)
        return usage();
    } else if (strcmp(argv[i], "--json") == 0 && i + 1 < argc) {
      map = argv[++i];
    } else {
      return usage();
    }
  }
  if (i == argc)
    return usage();
  int failed = 0;
  for (; i < argc; i++)
    failed |= check_file(argv[i], &given, map, verbose);
  return failed ? 1 : 0;
}
