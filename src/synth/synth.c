/* The only espeak-ng caller: voice switching, retrieval-mode callback, word timings. */
#include <espeak-ng/speak_lib.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audio_loudness.h"
#include "voicecap/synth.h"

/* A sample louder than this (about -50 dBFS) is sound; quieter is silence between
 * words. */
#define VC_SILENCE_LEVEL 100
#define VC_NO_SAMPLE UINT64_MAX
#define VC_MAX_WORDS (SIZE_MAX / sizeof(vc_synth_word) / 2)

/* espeak-ng's own state is global. libespeak-ng 1.51 hangs in espeak_Terminate after a
 * second espeak_Initialize (measured), so it is initialised once per process, on the
 * first vc_synth_new, and left for the process exit to release. This is the only
 * mutable static in voicecap. */
static int vc_espeak_rate;

#define VC_CALIBRATIONS 32

/* A general English passage, about 25 s of speech with statements, questions and
 * pauses, spoken by each voice once to measure its loudness. */
static const char vc_calibration_text[] =
    "The morning train was late again, so we walked along the river instead. It was cold, "
    "but the light on the water made up for it. Have you ever noticed how quiet a city "
    "becomes just before the shops open? A few cyclists passed, a dog barked twice, and "
    "somewhere a radio was playing an old song. We talked about work, about books we had "
    "meant to read, and about whether it is ever too late to learn an instrument. Nobody "
    "had an answer. By nine o'clock the streets were full, and the moment had gone.";

/* One voice's calibration, keyed by every setting that changes the sound and the
 * target: loudness as espeak-ng makes it, the gain found, and the loudness it gives. */
typedef struct vc_calibration {
  char key[200];
  double raw_lufs, gain_db, lufs;
} vc_calibration;

struct vc_synth {
  int rate;
  char voice_name[160]; /* "language+variant" last given to espeak-ng */
  int voice_rate, voice_pitch, voice_range;
  vc_calibration cal[VC_CALIBRATIONS];
  size_t n_cal;
};

/* State of one vc_synth_speak call; espeak-ng hands it back as user_data. */
typedef struct vc_speak_ctx {
  vc_pcm_fn sink;
  void *user;
  vc_status status;
  const char *text;
  size_t text_len;
  size_t cursor_chars, cursor_bytes; /* last character index converted to bytes */
  vc_synth_word *words;
  size_t n_words, cap_words, next_word;
  uint64_t delivered;
  uint64_t loud_first, loud_last; /* loud samples of the word now sounding */
} vc_speak_ctx;

vc_status vc_synth_new(vc_synth **out, vc_diag *diag) {
  *out = NULL;
  if (vc_espeak_rate <= 0) {
    int rate =
        espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, NULL, espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0) {
      if (diag)
        snprintf(diag->msg, sizeof diag->msg, "espeak-ng could not start (error %d)", rate);
      return VC_ERR_SYNTH;
    }
    vc_espeak_rate = rate;
  }
  vc_synth *s = calloc(1, sizeof *s);
  if (!s)
    return VC_ERR_NOMEM;
  s->rate = vc_espeak_rate;
  *out = s;
  return VC_OK;
}

void vc_synth_free(vc_synth *s) {
  free(s);
}

int vc_synth_sample_rate(const vc_synth *s) {
  return s ? s->rate : vc_espeak_rate;
}

/* Priority of `lang` in an espeak_VOICE languages list (priority byte, name, NUL,
 * ... , 0), or -1 when the voice does not speak it. */
static int language_priority(const char *list, const char *lang) {
  while (list && list[0]) {
    if (strcasecmp(list + 1, lang) == 0)
      return (unsigned char)list[0];
    list += strlen(list + 1) + 2;
  }
  return -1;
}

/* espeak_SetVoiceByName wants a voice's name ("English (Great Britain)"); a language
 * code ("en-gb") names the voice that speaks it with the best priority. */
static const char *voice_for_language(const char *lang) {
  const espeak_VOICE **list = espeak_ListVoices(NULL);
  const char *best = NULL;
  int best_prio = 0;
  for (; list && *list; list++) {
    int p = language_priority((*list)->languages, lang);
    if (p >= 0 && (!best || p < best_prio)) {
      best = (*list)->name;
      best_prio = p;
    }
  }
  return best;
}

/* Tries `base+variant`, base being the language as given, then the voice speaking it. */
static int select_voice(const vc_voice *v, char *name, size_t size) {
  const char *var = v->variant ? v->variant : "";
  const char *base = v->language;
  for (int attempt = 0; attempt < 2 && base; attempt++) {
    snprintf(name, size, "%s%s%s", base, var[0] ? "+" : "", var);
    if (espeak_SetVoiceByName(name) == EE_OK)
      return 1;
    base = voice_for_language(v->language);
  }
  return 0;
}

static vc_status set_voice(vc_synth *s, const vc_voice *v, vc_diag *diag) {
  char key[sizeof s->voice_name], name[sizeof s->voice_name];
  snprintf(key, sizeof key, "%s+%s", v->language, v->variant ? v->variant : "");
  if (strcmp(key, s->voice_name) != 0) {
    s->voice_name[0] = '\0';
    if (!select_voice(v, name, sizeof name)) {
      if (diag && v->file)
        snprintf(diag->msg, sizeof diag->msg,
                 "%s: language = %s: espeak-ng has no such voice (espeak-ng --voices "
                 "lists them)",
                 v->file, v->language);
      else if (diag)
        snprintf(diag->msg, sizeof diag->msg, "voice %s: espeak-ng has no voice '%s'",
                 v->id ? v->id : "?", key);
      return VC_ERR_CONFIG;
    }
    memcpy(s->voice_name, key, sizeof key);
    s->voice_rate = s->voice_pitch = s->voice_range = -1;
  }
  if ((s->voice_rate != v->rate && espeak_SetParameter(espeakRATE, v->rate, 0) != EE_OK) ||
      (s->voice_pitch != v->pitch &&
       espeak_SetParameter(espeakPITCH, v->pitch, 0) != EE_OK) ||
      (s->voice_range != v->range &&
       espeak_SetParameter(espeakRANGE, v->range, 0) != EE_OK)) {
    s->voice_name[0] = '\0';
    return VC_ERR_SYNTH;
  }
  s->voice_rate = v->rate;
  s->voice_pitch = v->pitch;
  s->voice_range = v->range;
  return VC_OK;
}

/* Byte offset of the 0-based character `chars` in the text; walks on from the last
 * answer since events come mostly in order. */
static size_t char_to_byte(vc_speak_ctx *c, size_t chars) {
  if (chars < c->cursor_chars) {
    c->cursor_chars = 0;
    c->cursor_bytes = 0;
  }
  size_t b = c->cursor_bytes, n = c->cursor_chars;
  while (n < chars && b < c->text_len) {
    b++;
    while (b < c->text_len && ((unsigned char)c->text[b] & 0xC0) == 0x80)
      b++;
    n++;
  }
  c->cursor_chars = n;
  c->cursor_bytes = b;
  return b;
}

static int is_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* Byte length of `chars` characters from `pos`, or up to the next space when espeak-ng
 * gives no length (it does so after an opening quote). */
static size_t word_bytes(vc_speak_ctx *c, size_t pos, size_t chars) {
  size_t e = pos;
  if (chars == 0) {
    while (e < c->text_len && !is_space(c->text[e]))
      e++;
    return e - pos;
  }
  for (size_t n = 0; n < chars && e < c->text_len; n++) {
    e++;
    while (e < c->text_len && ((unsigned char)c->text[e] & 0xC0) == 0x80)
      e++;
  }
  return e - pos;
}

/* Records a word event. espeak-ng's text_position is 1-based and counts characters
 * (not bytes) of the UTF-8 input; its length counts characters too. Events that step
 * back in the text (espeak-ng emits a few spurious ones at clause ends) are dropped. */
static vc_status add_word(vc_speak_ctx *c, const espeak_EVENT *ev) {
  if (ev->text_position < 1)
    return VC_OK;
  size_t pos = char_to_byte(c, (size_t)ev->text_position - 1);
  if (pos >= c->text_len)
    return VC_OK;
  uint64_t at = ev->sample > 0 ? (uint64_t)ev->sample : 0;
  if (c->n_words > 0) {
    const vc_synth_word *prev = &c->words[c->n_words - 1];
    if (pos <= prev->pos)
      return VC_OK;
    if (at < prev->start)
      at = prev->start;
  }
  if (at < c->delivered)
    at = c->delivered;
  if (c->n_words == c->cap_words) {
    size_t cap = c->cap_words ? c->cap_words * 2 : 64;
    vc_synth_word *grown =
        cap <= VC_MAX_WORDS ? realloc(c->words, cap * sizeof *grown) : NULL;
    if (!grown)
      return VC_ERR_NOMEM;
    c->words = grown;
    c->cap_words = cap;
  }
  size_t len = word_bytes(c, pos, ev->length > 0 ? (size_t)ev->length : 0);
  /* start holds the nominal start until the word's sound has been seen */
  c->words[c->n_words++] = (vc_synth_word){.pos = pos, .len = len, .start = at, .end = at};
  return VC_OK;
}

/* Gives the word now sounding its audible span within [nominal start, next start). */
static void close_word(vc_speak_ctx *c) {
  if (c->next_word == 0)
    return;
  vc_synth_word *w = &c->words[c->next_word - 1];
  if (c->loud_first != VC_NO_SAMPLE) {
    w->start = c->loud_first;
    w->end = c->loud_last + 1;
  } else {
    w->end = w->start;
  }
  c->loud_first = c->loud_last = VC_NO_SAMPLE;
}

/* Follows the word boundaries through one buffer, noting loud samples. */
static void scan_pcm(vc_speak_ctx *c, const short *pcm, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint64_t g = c->delivered + i;
    while (c->next_word < c->n_words && c->words[c->next_word].start <= g) {
      close_word(c);
      c->next_word++;
    }
    int x = pcm[i];
    if (c->next_word > 0 && (x > VC_SILENCE_LEVEL || x < -VC_SILENCE_LEVEL)) {
      if (c->loud_first == VC_NO_SAMPLE)
        c->loud_first = g;
      c->loud_last = g;
    }
  }
}

/* Closes the last word; words whose sound never came get a zero-length span. */
static void finish_words(vc_speak_ctx *c) {
  close_word(c);
  for (; c->next_word < c->n_words; c->next_word++) {
    vc_synth_word *w = &c->words[c->next_word];
    if (w->start > c->delivered)
      w->start = c->delivered;
    w->end = w->start;
  }
}

static int synth_callback(short *pcm, int n, espeak_EVENT *events) {
  vc_speak_ctx *c = events ? events[0].user_data : NULL;
  if (!c)
    return 1;
  for (espeak_EVENT *ev = events; ev->type != espeakEVENT_LIST_TERMINATED; ev++) {
    if (ev->type == espeakEVENT_WORD && c->status == VC_OK)
      c->status = add_word(c, ev);
  }
  if (c->status != VC_OK)
    return 1;
  if (pcm && n > 0) {
    scan_pcm(c, pcm, (size_t)n);
    c->status = c->sink(c->user, (const int16_t *)pcm, (size_t)n);
    c->delivered += (uint64_t)n;
  }
  return c->status != VC_OK;
}

vc_status vc_synth_speak(vc_synth *s, const vc_voice *v, const char *text, vc_pcm_fn sink,
                         void *user, vc_synth_word **words, size_t *n_words,
                         uint64_t *n_samples, vc_diag *diag) {
  *words = NULL;
  *n_words = 0;
  *n_samples = 0;
  if (!s || !v || !text || !sink)
    return VC_ERR_ARG;
  vc_status st = set_voice(s, v, diag);
  if (st != VC_OK)
    return st;
  vc_speak_ctx c = {.sink = sink,
                    .user = user,
                    .text = text,
                    .text_len = strlen(text),
                    .loud_first = VC_NO_SAMPLE,
                    .loud_last = VC_NO_SAMPLE};
  espeak_SetSynthCallback(synth_callback);
  espeak_ERROR err =
      espeak_Synth(text, c.text_len + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &c);
  finish_words(&c);
  st = c.status;
  if (st == VC_OK && err != EE_OK) {
    st = VC_ERR_SYNTH;
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "espeak-ng failed (error %d)", (int)err);
  }
  if (st != VC_OK) {
    free(c.words);
    return st;
  }
  *words = c.words;
  *n_words = c.n_words;
  *n_samples = c.delivered;
  return VC_OK;
}

/* The calibration passage's PCM, kept whole (about 25 s: independent of the interview). */
typedef struct vc_pcm_buf {
  int16_t *x;
  size_t n, cap;
} vc_pcm_buf;

static vc_status keep_pcm(void *user, const int16_t *pcm, size_t n) {
  vc_pcm_buf *b = user;
  if (n > b->cap - b->n) {
    size_t cap = b->cap ? b->cap : 1 << 19;
    while (cap - b->n < n && cap < ((size_t)1 << 26))
      cap *= 2;
    if (cap - b->n < n)
      return VC_ERR_LIMIT;
    int16_t *x = realloc(b->x, cap * sizeof *x);
    if (!x)
      return VC_ERR_NOMEM;
    b->x = x;
    b->cap = cap;
  }
  memcpy(b->x + b->n, pcm, n * sizeof *pcm);
  b->n += n;
  return VC_OK;
}

/* Everything the measured figures depend on: espeak-ng's version, the passage and the
 * limiter's ceiling (VC_CALIBRATION_VERSION changes with either), the voice settings and
 * the target. */
#define VC_CALIBRATION_VERSION 2

static void calibration_key(const vc_voice *v, double target, char *key, size_t size) {
  const char *version = espeak_Info(NULL);
  snprintf(key, size, "c%d/%s/%s+%s/%d/%d/%d/%.3f/%.2f", VC_CALIBRATION_VERSION,
           version ? version : "?", v->language, v->variant ? v->variant : "", v->rate,
           v->pitch, v->range, target, VC_CEILING_DB);
}

/* ---- the calibration cache on disk -----------------------------------------------------
 * Measuring a voice costs ~0.7 s, so results are kept in a small text file, one line a
 * voice: key, then raw loudness, gain and resulting loudness as hexadecimal floats, which
 * read back bit for bit: a render with a cached figure is byte-identical to one that
 * measured it. The file is $VOICECAP_CACHE, else $XDG_CACHE_HOME/voicecap/calibration.tsv,
 * else ~/.cache/voicecap/calibration.tsv; VOICECAP_CACHE=off disables it. Any failure to
 * read or write it only means measuring again. */
static int cache_path(char *path, size_t size) {
  const char *env = getenv("VOICECAP_CACHE");
  if (env && *env)
    return strcmp(env, "off") != 0 && snprintf(path, size, "%s", env) < (int)size;
  const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  int n = xdg && *xdg     ? snprintf(path, size, "%s", xdg)
          : home && *home ? snprintf(path, size, "%s/.cache", home)
                          : -1;
  if (n < 0 || (size_t)n + sizeof "/voicecap/calibration.tsv" > size)
    return 0;
  mkdir(path, 0777); /* best effort: a failure shows when the file is opened */
  strcat(path, "/voicecap");
  mkdir(path, 0777);
  strcat(path, "/calibration.tsv");
  return 1;
}

static int cache_lookup(const char *key, vc_calibration *c) {
  char path[1024], line[512];
  FILE *f = cache_path(path, sizeof path) ? fopen(path, "r") : NULL;
  int found = 0;
  size_t klen = strlen(key);
  while (f && !found && fgets(line, sizeof line, f)) {
    if (strncmp(line, key, klen) != 0 || line[klen] != '\t')
      continue;
    found = sscanf(line + klen + 1, "%la\t%la\t%la", &c->raw_lufs, &c->gain_db, &c->lufs) ==
                3 &&
            isfinite(c->raw_lufs) && isfinite(c->gain_db) && isfinite(c->lufs);
  }
  if (f)
    fclose(f);
  return found;
}

/* One line appended with one write: concurrent workers may both add the same line,
 * which is harmless since the first match wins and both are equal. */
static void cache_store(const char *key, const vc_calibration *c) {
  char path[1024], line[512];
  if (!cache_path(path, sizeof path))
    return;
  int n = snprintf(line, sizeof line, "%s\t%a\t%a\t%a\n", key, c->raw_lufs, c->gain_db,
                   c->lufs);
  int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0666);
  if (fd < 0)
    return;
  if (n > 0 && (size_t)n < sizeof line && write(fd, line, (size_t)n) != n)
    (void)0; /* a short write leaves a line that never matches */
  close(fd);
}

/* Finds the gain that puts the passage at `target` once limited as the sink limits it:
 * the raw measurement first, then a few corrections for what the limiter takes off. */
static vc_status fit_gain(const vc_pcm_buf *b, int rate, double target, vc_calibration *c) {
  vc_meter *m = NULL;
  vc_status st = vc_meter_new(rate, 0, &m);
  if (st == VC_OK)
    st = vc_meter_add_short(m, b->x, b->n);
  c->raw_lufs = st == VC_OK ? vc_meter_lufs(m) : -HUGE_VAL;
  vc_meter_free(m);
  if (st != VC_OK || !isfinite(c->raw_lufs))
    return st == VC_OK ? VC_ERR_SYNTH : st;
  c->gain_db = target - c->raw_lufs;
  for (int i = 0; i < 3 && st == VC_OK; i++) {
    st = vc_loudness_limited(b->x, b->n, rate, c->gain_db, VC_CEILING_DB, &c->lufs);
    if (st == VC_OK && isfinite(c->lufs))
      c->gain_db += target - c->lufs;
  }
  return st;
}

static vc_status keep_calibration(vc_synth *s, const char *key, const vc_calibration *c,
                                  const vc_calibration **out) {
  vc_calibration *slot = &s->cal[s->n_cal++ % VC_CALIBRATIONS];
  *slot = *c;
  snprintf(slot->key, sizeof slot->key, "%s", key);
  *out = slot;
  return VC_OK;
}

/* Speaks the passage and fits the gain (in whichever process calls it). */
static vc_status measure(vc_synth *s, const vc_voice *v, double target, vc_calibration *c,
                         vc_diag *diag) {
  vc_pcm_buf b = {0};
  vc_synth_word *words = NULL;
  size_t n_words = 0;
  uint64_t n_samples = 0;
  vc_status st = vc_synth_speak(s, v, vc_calibration_text, keep_pcm, &b, &words, &n_words,
                                &n_samples, diag);
  free(words);
  if (st == VC_OK)
    st = fit_gain(&b, s->rate, target, c);
  free(b.x);
  return st;
}

/* espeak-ng carries state from one utterance into the next (the following words' timing
 * shifts by a few ms), so the passage is spoken in a child process: the renderer's
 * espeak-ng never hears it, and a render that measured is byte-identical to one that
 * read the cache. The child sends its figures as hexadecimal floats through a pipe. */
static vc_status measure_apart(vc_synth *s, const vc_voice *v, double target,
                               vc_calibration *c, vc_diag *diag) {
  int fd[2];
  if (pipe(fd) != 0)
    return VC_ERR_SYNTH;
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) { /* sends "STATUS RAW GAIN LUFS\nMESSAGE" */
    close(fd[0]);
    char line[200 + sizeof diag->msg];
    vc_diag d = {{0}};
    vc_status st = measure(s, v, target, c, &d);
    int n = snprintf(line, sizeof line, "%d %a %a %a\n%s", (int)st, c->raw_lufs, c->gain_db,
                     c->lufs, d.msg);
    n = n < (int)sizeof line ? n : (int)sizeof line - 1;
    _exit(n > 0 && write(fd[1], line, (size_t)n) == n ? 0 : 1);
  }
  close(fd[1]);
  char line[200 + sizeof diag->msg] = {0};
  size_t got = 0;
  ssize_t r = 0;
  while (pid > 0 && got < sizeof line - 1 &&
         (r = read(fd[0], line + got, sizeof line - 1 - got)) > 0)
    got += (size_t)r;
  close(fd[0]);
  int status = 0, code = -1;
  if (pid > 0)
    waitpid(pid, &status, 0);
  if (got == 0 ||
      sscanf(line, "%d %la %la %la", &code, &c->raw_lufs, &c->gain_db, &c->lufs) != 4)
    return VC_ERR_SYNTH;
  const char *msg = strchr(line, '\n');
  if (code != VC_OK && diag && msg && msg[1])
    snprintf(diag->msg, sizeof diag->msg, "%s", msg + 1);
  else if (code != VC_OK && diag)
    snprintf(diag->msg, sizeof diag->msg, "voice %s: calibration failed: %s",
             v->id ? v->id : "?", vc_strerror((vc_status)code));
  return (vc_status)code;
}

static vc_status calibrate(vc_synth *s, const vc_voice *v, double target,
                           const vc_calibration **out, vc_diag *diag) {
  char key[sizeof s->cal[0].key];
  calibration_key(v, target, key, sizeof key);
  size_t have = s->n_cal < VC_CALIBRATIONS ? s->n_cal : VC_CALIBRATIONS;
  for (size_t i = 0; i < have; i++) {
    if (strcmp(s->cal[i].key, key) == 0) {
      *out = &s->cal[i];
      return VC_OK;
    }
  }
  vc_calibration c = {.lufs = 0.0};
  if (cache_lookup(key, &c))
    return keep_calibration(s, key, &c, out);
  vc_status st = measure_apart(s, v, target, &c, diag);
  if (st != VC_OK)
    return st;
  cache_store(key, &c);
  return keep_calibration(s, key, &c, out);
}

vc_status vc_synth_calibrate(vc_synth *s, const vc_voice *v, double *lufs, vc_diag *diag) {
  const vc_calibration *c = NULL;
  if (!s || !v || !lufs)
    return VC_ERR_ARG;
  vc_status st = calibrate(s, v, VC_LOUDNESS_TARGET_LUFS, &c, diag);
  if (st == VC_OK)
    *lufs = c->raw_lufs;
  return st;
}

vc_status vc_synth_voice_gain(vc_synth *s, const vc_voice *v, double target_lufs,
                              double *gain, vc_diag *diag) {
  const vc_calibration *c = NULL;
  if (!s || !v || !gain || !isfinite(target_lufs))
    return VC_ERR_ARG;
  vc_status st = calibrate(s, v, target_lufs, &c, diag);
  if (st == VC_OK)
    *gain = pow(10.0, (c->gain_db + v->gain_db) / 20.0);
  return st;
}
