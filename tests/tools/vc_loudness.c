/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Measures a render with libebur128 (EBU R128): programme loudness, true peak, and each
 * speaker's integrated loudness over their turns (from NAME.json), against the targets:
 * -16 LUFS +/- 1, true peak <= -1 dBTP, every speaker within 1 LU of the others.
 * Usage: vc_loudness NAME.wav [NAME.json]; exit 1 when a target is missed. */
#include <ebur128.h>
#include <jansson.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SPEAKERS 64

typedef struct turn_span {
  double start, end;
  size_t speaker;
} turn_span;

/* Turn spans, in time order, and the speaker names, from the sync map. */
static int load_turns(const char *path, turn_span **turns, size_t *n, char names[][64],
                      size_t *n_speakers) {
  json_error_t e;
  json_t *root = json_load_file(path, 0, &e);
  json_t *ts = root ? json_object_get(root, "turns") : NULL;
  json_t *sp = root ? json_object_get(root, "speakers") : NULL;
  if (!json_is_array(ts) || !json_is_array(sp)) {
    fprintf(stderr, "vc_loudness: %s: not a sync map\n", path);
    json_decref(root);
    return -1;
  }
  *n_speakers = json_array_size(sp) < MAX_SPEAKERS ? json_array_size(sp) : MAX_SPEAKERS;
  for (size_t i = 0; i < *n_speakers; i++)
    snprintf(names[i], 64, "%s",
             json_string_value(json_object_get(json_array_get(sp, i), "name")));
  *n = json_array_size(ts);
  *turns = calloc(*n ? *n : 1, sizeof **turns);
  for (size_t i = 0; *turns && i < *n; i++) {
    json_t *t = json_array_get(ts, i);
    (*turns)[i].start = json_number_value(json_object_get(t, "start"));
    (*turns)[i].end = json_number_value(json_object_get(t, "end"));
    (*turns)[i].speaker = (size_t)json_integer_value(json_object_get(t, "speaker"));
  }
  json_decref(root);
  return *turns ? 0 : -1;
}

static double global_lufs(ebur128_state *st) {
  double l = -HUGE_VAL;
  if (ebur128_loudness_global(st, &l) != EBUR128_SUCCESS)
    return -HUGE_VAL;
  return l;
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: vc_loudness NAME.wav [NAME.json]\n");
    return 2;
  }
  char json_path[4096];
  if (argc == 3) {
    snprintf(json_path, sizeof json_path, "%s", argv[2]);
  } else {
    snprintf(json_path, sizeof json_path, "%s", argv[1]);
    char *dot = strrchr(json_path, '.');
    if (dot)
      snprintf(dot, sizeof json_path - (size_t)(dot - json_path), ".json");
  }
  turn_span *turns = NULL;
  size_t n_turns = 0, n_sp = 0;
  char names[MAX_SPEAKERS][64];
  if (load_turns(json_path, &turns, &n_turns, names, &n_sp) != 0)
    return 1;
  SF_INFO info = {0};
  SNDFILE *sf = sf_open(argv[1], SFM_READ, &info);
  if (!sf || info.channels != 1) {
    fprintf(stderr, "vc_loudness: %s: cannot read mono audio\n", argv[1]);
    return 1;
  }
  unsigned long rate = (unsigned long)info.samplerate;
  ebur128_state *all = ebur128_init(1, rate, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
  ebur128_state *per[MAX_SPEAKERS] = {0};
  for (size_t i = 0; i < n_sp; i++)
    per[i] = ebur128_init(1, rate, EBUR128_MODE_I);
  float buf[4096];
  sf_count_t got;
  uint64_t pos = 0;
  size_t t = 0;
  while ((got = sf_read_float(sf, buf, 4096)) > 0) {
    uint64_t end = pos + (uint64_t)got;
    ebur128_add_frames_float(all, buf, (size_t)got);
    while (t < n_turns && pos < end) {
      uint64_t a = (uint64_t)(turns[t].start * rate), b = (uint64_t)(turns[t].end * rate);
      uint64_t lo = a > pos ? a : pos, hi = b < end ? b : end;
      if (lo < hi && turns[t].speaker < n_sp)
        ebur128_add_frames_float(per[turns[t].speaker], buf + (lo - pos),
                                 (size_t)(hi - lo));
      if (b > end)
        break;
      t++;
    }
    pos = end;
  }
  sf_close(sf);
  double prog = global_lufs(all), tp = 0.0;
  ebur128_true_peak(all, 0, &tp);
  double tp_db = 20.0 * log10(tp > 0 ? tp : 1e-12);
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  printf("%s: programme %.2f LUFS, true peak %.2f dBTP;", argv[1], prog, tp_db);
  for (size_t i = 0; i < n_sp; i++) {
    double l = global_lufs(per[i]);
    ebur128_destroy(&per[i]);
    if (!isfinite(l))
      continue; /* a speaker with too little speech to gate */
    printf(" %s %.2f;", names[i], l);
    lo = l < lo ? l : lo;
    hi = l > hi ? l : hi;
  }
  double spread = hi >= lo ? hi - lo : 0.0;
  printf(" speaker spread %.2f LU\n", spread);
  ebur128_destroy(&all);
  free(turns);
  int bad = fabs(prog + 16.0) > 1.0 || tp_db > -1.0 || spread > 1.0;
  if (bad)
    printf("%s: FAIL: targets are -16 +/- 1 LUFS, <= -1 dBTP, spread <= 1 LU\n", argv[1]);
  return bad;
}
