/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test tool: opens WAV files with libsndfile and checks them against the sync map. */
#include <jansson.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Usage: vc_wav_check [--json MAP.json] FILE.wav...
 *
 * For each file (sync map: --json, by default the NAME.json beside NAME.wav): libsndfile
 * must open it as a WAV; its sample rate must equal the map's "sample_rate"; its length
 * must equal the map's "duration" to within one sample plus the map's rounding (the map
 * gives seconds with 3 decimals, rounded up or down, so up to 1 ms); the map's "audio"
 * must name this file; the audio must not be all silence, nor clipped (a run of 3 or
 * more samples at 16-bit full scale: speech with a gain bug).
 *
 * Prints one line per file: frames, rate, duration, peak, clipping; exits 1 when any file
 * failed, 2 on a usage error.
 */

enum { BLOCK_FRAMES = 1024, CLIP_RUN = 3 };

#define FULL_SCALE (32767.0 / 32768.0)

#define MAP_ROUNDING_S 0.001

/* What the sync map says about the audio. */
typedef struct vc_wavmap {
  double duration;
  long sample_rate;
  char audio[256];
} vc_wavmap;

static char *map_beside(const char *wav_path) {
  size_t n = strlen(wav_path);
  const char *dot = strrchr(wav_path, '.');
  const char *slash = strrchr(wav_path, '/');
  if (!dot || (slash && dot < slash))
    dot = wav_path + n;
  size_t stem = (size_t)(dot - wav_path);
  char *p = malloc(stem + sizeof ".json");
  if (!p)
    return NULL;
  memcpy(p, wav_path, stem);
  memcpy(p + stem, ".json", sizeof ".json");
  return p;
}

static int load_map(const char *path, vc_wavmap *m) {
  json_error_t jerr;
  json_t *root = json_load_file(path, 0, &jerr);
  if (!root) {
    printf("FAIL %s: cannot read sync map: line %d: %s\n", path, jerr.line, jerr.text);
    return -1;
  }
  json_t *d = json_object_get(root, "duration"), *r = json_object_get(root, "sample_rate");
  json_t *a = json_object_get(root, "audio");
  int ok = json_is_number(d) && json_is_integer(r) && json_is_string(a);
  if (ok) {
    m->duration = json_number_value(d);
    m->sample_rate = (long)json_integer_value(r);
    snprintf(m->audio, sizeof m->audio, "%s", json_string_value(a));
  } else {
    printf("FAIL %s: sync map lacks numeric \"duration\", integer \"sample_rate\" or "
           "string \"audio\"\n",
           path);
  }
  json_decref(root);
  return ok ? 0 : -1;
}

/* Level of the whole file, read in blocks so memory stays constant. */
typedef struct vc_level {
  double peak; /* largest absolute sample, 1.0 = full scale */
  long clips;  /* runs of CLIP_RUN or more full-scale samples */
} vc_level;

static vc_level level_of(SNDFILE *sf, int channels) {
  double buf[BLOCK_FRAMES * 8];
  vc_level l = {0.0, 0};
  long run = 0;
  sf_count_t got;
  if (channels < 1 || channels > 8) {
    l.peak = -1.0;
    return l;
  }
  while ((got = sf_readf_double(sf, buf, BLOCK_FRAMES)) > 0) {
    for (sf_count_t i = 0; i < got * channels; i++) {
      double a = fabs(buf[i]);
      if (a > l.peak)
        l.peak = a;
      run = a >= FULL_SCALE ? run + 1 : 0;
      l.clips += run == CLIP_RUN;
    }
  }
  return l;
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

static int check_file(const char *path, const char *map_arg) {
  char *own_map = map_arg ? NULL : map_beside(path);
  const char *map = map_arg ? map_arg : own_map;
  vc_wavmap m = {0};
  SF_INFO info = {0};
  SNDFILE *sf = NULL;
  char why[512] = "";
  int bad = 1;
  if (!map || load_map(map, &m) != 0)
    goto done;
  sf = sf_open(path, SFM_READ, &info);
  if (!sf) {
    printf("FAIL %s: libsndfile cannot open it: %s\n", path, sf_strerror(NULL));
    goto done;
  }
  double secs = info.samplerate > 0 ? (double)info.frames / info.samplerate : 0.0;
  double slack = info.samplerate > 0 ? 1.0 / info.samplerate + MAP_ROUNDING_S : 0.0;
  vc_level lv = level_of(sf, info.channels);
  double diff = secs - m.duration;
  bad = 0;
  /* RIFF WAVE, plain or WAVE_FORMAT_EXTENSIBLE (what libsndfile's RF64 writer leaves when
   * the file stays under 4 GiB); RF64 itself only past 4 GiB. */
  int type = info.format & SF_FORMAT_TYPEMASK;
  if (type != SF_FORMAT_WAV && type != SF_FORMAT_WAVEX && type != SF_FORMAT_RF64) {
    snprintf(why + strlen(why), sizeof why - strlen(why), "; not a WAV container");
    bad = 1;
  }
  if (info.samplerate != m.sample_rate) {
    snprintf(why + strlen(why), sizeof why - strlen(why), "; rate %d Hz, map says %ld Hz",
             info.samplerate, m.sample_rate);
    bad = 1;
  }
  if (fabs(diff) > slack) {
    snprintf(why + strlen(why), sizeof why - strlen(why),
             "; length %.6f s, map says %.3f s (off by %.1f samples)", secs, m.duration,
             diff * info.samplerate);
    bad = 1;
  }
  if (strcmp(m.audio, base_name(path)) != 0) {
    snprintf(why + strlen(why), sizeof why - strlen(why), "; map's \"audio\" is \"%s\"",
             m.audio);
    bad = 1;
  }
  if (lv.clips > 0) {
    snprintf(why + strlen(why), sizeof why - strlen(why), "; clipped in %ld places",
             lv.clips);
    bad = 1;
  }
  if (!(lv.peak > 0.0)) {
    snprintf(why + strlen(why), sizeof why - strlen(why), "; all silence");
    bad = 1;
  }
  printf("%s %s: %lld frames at %d Hz = %.6f s, %d ch (map %.3f s at %ld Hz, diff %+.1f "
         "samples), peak %.2f dBFS%s\n",
         bad ? "FAIL" : "ok  ", path, (long long)info.frames, info.samplerate, secs,
         info.channels, m.duration, m.sample_rate, diff * info.samplerate,
         lv.peak > 0.0 ? 20.0 * log10(lv.peak) : -INFINITY, why);
done:
  if (sf)
    sf_close(sf);
  free(own_map);
  return bad;
}

int main(int argc, char **argv) {
  const char *map = NULL;
  int i = 1;
  if (i + 1 < argc && strcmp(argv[i], "--json") == 0) {
    map = argv[i + 1];
    i += 2;
  }
  if (i == argc || argv[i][0] == '-') {
    fprintf(stderr, "usage: vc_wav_check [--json MAP.json] FILE.wav...\n");
    return 2;
  }
  int failed = 0;
  for (; i < argc; i++)
    failed |= check_file(argv[i], map);
  return failed ? 1 : 0;
}
