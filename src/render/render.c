/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One interview end to end: text, turns, voices, speech, timeline, cues, the outputs. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audio.h"
#include "audio_tags.h"
#include "cast.h"
#include "chapters_list.h"
#include "check_internal.h"
#include "cues.h"
#include "epub.h"
#include "render_announce.h"
#include "render_internal.h"
#include "render_outset.h"
#include "render_record.h"
#include "render_spool.h"
#include "segment_dict.h"
#include "synth.h"
#include "synth_calibrate.h"
#include "text.h"
#include "timeline.h"
#include "util_folders.h"
#include "util_fs.h"
#include "util_name.h"
#include "video.h"
#include "voicecap/render.h"
#include "writers.h"

/* The outputs of one render, in the order they are published. */
enum {
  OUT_WAV,
  OUT_SRT,
  OUT_VTT,
  OUT_ASS,
  OUT_JSON,
  OUT_TXT,
  OUT_CHAPTERS,
  OUT_HTML,
  OUT_VIDEO,
  OUT_EPUB,
  OUT_COUNT
};

typedef vc_status (*vc_writer_fn)(FILE *f, const vc_doc *d);

static const struct {
  const char *ext;
  vc_writer_fn write;
} vc_outputs[OUT_COUNT] = {
    [OUT_WAV] = {".wav", NULL},
    [OUT_SRT] = {".srt", vc_write_srt},
    [OUT_VTT] = {".vtt", vc_write_vtt},
    [OUT_ASS] = {".ass", vc_write_ass},
    [OUT_JSON] = {".json", vc_write_syncmap},
    [OUT_TXT] = {VC_TRANSCRIPT_EXT, vc_write_transcript},
    [OUT_CHAPTERS] = {".chapters.vtt", vc_write_chapters},
    [OUT_HTML] = {".html", vc_write_html},
    [OUT_VIDEO] = {".mp4", NULL}, /* vc_video_write, from the finished audio and ASS */
    [OUT_EPUB] = {".epub", NULL}, /* only with --epub */
};

/* Whether this render writes output `i`: the page unless --no-html, the video only with
 * --video, the book only with --epub. */
static int wanted(const vc_render_opts *o, int i) {
  if (i == OUT_HTML)
    return !o->no_html;
  if (i == OUT_VIDEO)
    return o->video_format != NULL;
  if (i == OUT_EPUB)
    return o->epub;
  return 1;
}

/* Where the units sent ahead to the synthesiser have got to: the same walk over turns,
 * paragraphs and pieces as speak_turn's, run up to `jobs` units ahead of it. */
typedef struct vc_unit_cursor {
  size_t ti;        /* the turn */
  size_t start;     /* the next paragraph's first byte in it */
  vc_speakable *sp; /* the paragraph being sent, or NULL */
  size_t piece;     /* its next piece: 0 to sp->n_holds */
  size_t from;      /* where that piece starts in sp->text */
} vc_unit_cursor;

typedef struct vc_job {
  const char *path;  /* the input file, or NULL for text in memory */
  const char *name;  /* the input's name: its path, or the name given */
  const char *bytes; /* text in memory (path NULL) */
  size_t len;
  const vc_render_opts *o;
  const vc_voice_pins *pins;
  const char *record_common; /* a batch's: a record is published with the outputs */
  char *record;              /* the record's name, .STEM.voicecap */
  vc_diag *diag;
  char *voices_dir, *data_dir;
  vc_text *text;
  vc_script *script;
  vc_speak_rules *rules;
  vc_dict *dict; /* hunspell, loaded once and shared by segmenter, glue and rules */
  vc_voiceset *voices;
  vc_cast *cast;
  vc_synth *synth;
  vc_calibrator *calibrator;
  vc_audio *audio;
  vc_speech_meter *meter; /* the speech of the audio being written, for check_captions */
  vc_timeline *tl;
  vc_cues *cues;
  vc_chapters *chapters;
  vc_audio_chapter *audio_chapters; /* the chapters as the audio file's tags give them */
  vc_audio_tags tags;
  char *title; /* the audio's title: the input's name */
  char *stem;
  char *base[OUT_COUNT];  /* the outputs' base names; NULL for an output not asked for */
  char *final[OUT_COUNT]; /* DIR/base, for messages and the input check */
  char *temp[OUT_COUNT];  /* where they are written: the output set's private folder */
  vc_outset set;          /* how they are staged and published (render_outset.h) */
  double *gains; /* linear gain of each speaker's voice, measured before the audio opens */
  double gain;   /* linear gain of the voice now speaking */
  char *source_name; /* the input's base name as the outputs show it (valid UTF-8) */
  char *audio_name;  /* the audio file's name, likewise */
  size_t n_split;    /* words read in pieces (VC_SPEAK_MAX_WORD_BYTES) */
  size_t jobs;       /* units spoken at once */
  vc_unit_cursor ahead;
  vc_spool *spool; /* every write of the audio, for writing it again with pauses;
                      NULL once it could not be written (spool_errno says why) */
  int spool_errno;
  uint64_t spoken;   /* samples written so far, the pauses for reading not counted */
  size_t next_pause; /* the first of the timeline's pauses not yet written */
} vc_job;

static void diag_set(vc_diag *d, const char *fmt, const char *a, const char *b) {
  if (d)
    snprintf(d->msg, sizeof d->msg, fmt, a, b);
}

/* Passes one progress note to the caller, when it asked for them. */
static void note(const vc_job *j, const char *fmt, ...) {
  if (!j->o->note)
    return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  j->o->note(j->o->note_user, j->name, msg);
}

/* Prefixes the input's path to a stage's message so every error names its file: the
 * first thing said is always the input. */
static vc_status fail_in_file(vc_job *j, vc_status st) {
  char inner[sizeof j->diag->msg];
  snprintf(inner, sizeof inner, "%s", j->diag->msg[0] ? j->diag->msg : vc_strerror(st));
  snprintf(j->diag->msg, sizeof j->diag->msg, "%.200s: %.300s", j->name, inner);
  return st;
}

static const char *out_dir(const vc_job *j) {
  return j->o->out_dir ? j->o->out_dir : "out";
}

static vc_status plan_outputs(vc_job *j) {
  j->stem = vc_path_stem(j->name);
  if (!j->stem)
    return VC_ERR_NOMEM;
  for (int i = 0; i < OUT_COUNT; i++) {
    if (!wanted(j->o, i))
      continue; /* base[i], final[i] and temp[i] stay NULL */
    const char *ext = vc_outputs[i].ext;
    if (i == OUT_WAV && j->o->audio_format)
      ext = vc_audio_format_ext(j->o->audio_format);
    if (i == OUT_VIDEO)
      ext = vc_video_format_ext(j->o->video_format);
    if (!ext)
      return VC_ERR_CONFIG;
    size_t n = strlen(j->stem) + strlen(ext) + 1;
    j->base[i] = malloc(n);
    if (!j->base[i])
      return VC_ERR_NOMEM;
    snprintf(j->base[i], n, "%s%s", j->stem, ext);
    j->final[i] = vc_path_join(out_dir(j), j->base[i]);
    if (!j->final[i])
      return VC_ERR_NOMEM;
  }
  j->source_name = vc_name_display(j->name);
  j->audio_name = vc_name_display(j->base[OUT_WAV]);
  return j->source_name && j->audio_name ? VC_OK : VC_ERR_NOMEM;
}

/* Opens the output set's private folder (sweeping what dead renders of NAME left) and
 * names the files in it. */
static vc_status open_set(vc_job *j) {
  vc_status st = vc_outset_open(&j->set, out_dir(j), j->stem, j->diag);
  for (int i = 0; st == VC_OK && i < OUT_COUNT; i++)
    if (j->base[i] && !(j->temp[i] = vc_outset_path(&j->set, j->base[i])))
      st = VC_ERR_NOMEM;
  return st;
}

/* Set by the caller's signal handler: the render stops at the next check and cleans up. */
static vc_status check_cancel(const vc_job *j) {
  return j->o->cancel && *j->o->cancel ? VC_ERR_CANCELLED : VC_OK;
}

/* Writes n samples of speech (pcm) or of silence (pcm NULL) to the audio, and to the
 * spool while it is being made; the timeline's pauses for reading go in where they fall
 * (none the first time). */
static vc_status emit(vc_job *j, const int16_t *pcm, size_t n) {
  const vc_timeline *tl = j->tl;
  if (j->spool && vc_spool_put(j->spool, pcm, n, j->gain) != VC_OK) {
    j->spool_errno = errno; /* needed only for pauses: the audio may still be written */
    vc_spool_close(j->spool);
    j->spool = NULL;
  }
  vc_status st = VC_OK;
  while (st == VC_OK && n > 0) {
    const vc_pause *p = j->next_pause < tl->n_pauses ? &tl->pauses[j->next_pause] : NULL;
    if (p && p->at <= j->spoken) {
      st = vc_audio_silence(j->audio, (size_t)p->n);
      j->next_pause++;
      continue;
    }
    size_t k = p && p->at - j->spoken < n ? (size_t)(p->at - j->spoken) : n;
    st = pcm ? vc_audio_write(j->audio, pcm, k, j->gain) : vc_audio_silence(j->audio, k);
    j->spoken += k;
    n -= k;
    pcm = pcm ? pcm + k : NULL;
  }
  return st;
}

static vc_status sink_pcm(void *user, const int16_t *pcm, size_t n) {
  vc_job *j = user;
  vc_status st = check_cancel(j);
  return st != VC_OK ? st : emit(j, pcm, n);
}

/* Never let an output replace the interview it is made from (an input named like an
 * output, read from the output folder). */
static vc_status refuse_overwriting_input(vc_job *j) {
  struct stat in, out;
  if (!j->path || stat(j->path, &in) != 0)
    return VC_OK;
  for (int i = 0; i < OUT_COUNT; i++) {
    if (!j->final[i] || stat(j->final[i], &out) != 0 || in.st_dev != out.st_dev ||
        in.st_ino != out.st_ino)
      continue;
    diag_set(j->diag, "%s: %s", j->final[i],
             "the output folder holds the input; this output would replace it");
    return VC_ERR_ARG;
  }
  return VC_OK;
}

static uint64_t ms_to_samples(int ms, int rate) {
  return ms > 0 ? (uint64_t)ms * (uint64_t)rate / 1000u : 0;
}

/* A piece that is white space alone is not synthesised. */
static int blank_piece(const vc_speakable *sp, size_t from, size_t to) {
  while (from < to && strchr(" \t\n", sp->text[from]))
    from++;
  return from == to;
}

/* The next unit of the walk (a piece of a paragraph of a turn) in *text (NULL at the
 * end) and its voice in *v. */
static vc_status next_unit(vc_job *j, vc_unit_cursor *c, const vc_voice **v, char **text) {
  *text = NULL;
  while (c->ti < j->script->n_turns) {
    const vc_turn *t = &j->script->turns[c->ti];
    for (; c->sp && c->piece <= c->sp->n_holds; c->piece++) {
      size_t from = c->from,
             to = c->piece < c->sp->n_holds ? c->sp->holds[c->piece].at : c->sp->len;
      c->from = to;
      if (blank_piece(c->sp, from, to))
        continue;
      c->piece++;
      *v = j->cast->voice[t->speaker];
      *text = strndup(c->sp->text + from, to - from);
      return *text ? VC_OK : VC_ERR_NOMEM;
    }
    vc_speakable_free(c->sp);
    c->sp = NULL;
    if (c->start >= t->text_len) {
      c->ti++;
      c->start = 0;
      continue;
    }
    const char *nl = memchr(t->text + c->start, '\n', t->text_len - c->start);
    size_t base = c->start, end = nl ? (size_t)(nl - t->text) : t->text_len;
    c->start = end + 1;
    c->piece = c->from = 0;
    if (end > base) {
      vc_status st = vc_speakable_new_with(j->rules, t->text + base, end - base, &c->sp);
      if (st != VC_OK)
        return st;
    }
  }
  return VC_OK;
}

/* Sends units ahead until `jobs` are being spoken (or the walk ends). */
static vc_status send_ahead(vc_job *j) {
  while (vc_synth_outstanding(j->synth) < j->jobs) {
    const vc_voice *v = NULL;
    char *text = NULL;
    vc_status st = next_unit(j, &j->ahead, &v, &text);
    if (st != VC_OK || !text)
      return st;
    st = vc_synth_submit(j->synth, v, text, j->diag);
    free(text);
    if (st != VC_OK)
      return st;
  }
  return VC_OK;
}

/* Joins one unit, sp->text[from, to), to what is spoken so far: its samples to the audio
 * and its words to `all` (grown; positions made relative to the whole speakable text
 * and times to the paragraph's start `para`). Units are joined here and nowhere else, in
 * order; the unit itself was spoken ahead, in a process of its own (send_ahead). */
static vc_status speak_piece(vc_job *j, const vc_voice *v, const vc_speakable *sp,
                             size_t from, size_t to, uint64_t para, vc_synth_word **all,
                             size_t *n_all) {
  if (blank_piece(sp, from, to))
    return VC_OK;
  vc_synth_unit u = {0};
  uint64_t at = j->spoken - para;
  vc_status st = send_ahead(j);
  if (st == VC_OK)
    st = vc_synth_take(j->synth, v, &u, j->diag);
  if (st == VC_OK) /* the next units are spoken while this one's audio is processed */
    st = send_ahead(j);
  if (st == VC_OK)
    st = sink_pcm(j, u.pcm, (size_t)u.n_samples);
  vc_synth_word *grown =
      st == VC_OK ? realloc(*all, (*n_all + u.n_words + 1) * sizeof **all) : NULL;
  if (st == VC_OK && !grown)
    st = VC_ERR_NOMEM;
  for (size_t w = 0; st == VC_OK && w < u.n_words; w++) {
    u.words[w].pos += from;
    u.words[w].start += at;
    u.words[w].end += at;
    grown[(*n_all)++] = u.words[w];
  }
  if (grown)
    *all = grown;
  vc_synth_unit_free(&u);
  return st;
}

/* A hold: silence for reading, shown with the display word the hold names. */
static vc_status speak_hold(vc_job *j, const vc_hold *h, uint64_t para, vc_synth_word **all,
                            size_t *n_all) {
  int rate = vc_synth_sample_rate(j->synth);
  uint64_t from = j->spoken - para, n = ms_to_samples(h->ms, rate);
  vc_status st = emit(j, NULL, (size_t)n);
  vc_synth_word *grown = st == VC_OK ? realloc(*all, (*n_all + 1) * sizeof **all) : NULL;
  if (st == VC_OK && !grown)
    return VC_ERR_NOMEM;
  if (st == VC_OK) {
    *all = grown;
    grown[(*n_all)++] = (vc_synth_word){
        .pos = h->word, .len = 0 /* a pause, no sound */, .start = from, .end = from + n};
  }
  return st;
}

/* Speaks one paragraph of turn `ti` that starts at byte `base` of the turn's text: one
 * utterance, or one between each pause for reading (vc_hold) and the next. */
static vc_status speak_paragraph(vc_job *j, size_t ti, const vc_voice *v, size_t base,
                                 size_t len) {
  const vc_turn *t = &j->script->turns[ti];
  vc_speakable *sp = NULL;
  vc_synth_word *words = NULL;
  size_t n_words = 0;
  vc_status st = vc_speakable_new_with(j->rules, t->text + base, len, &sp);
  if (st == VC_OK)
    j->n_split += sp->n_split;
  if (st != VC_OK)
    return st;
  uint64_t offset = j->spoken;
  size_t from = 0;
  for (size_t h = 0; st == VC_OK && h < sp->n_holds; h++) {
    st = speak_piece(j, v, sp, from, sp->holds[h].at, offset, &words, &n_words);
    if (st == VC_OK)
      st = speak_hold(j, &sp->holds[h], offset, &words, &n_words);
    from = sp->holds[h].at;
  }
  if (st == VC_OK)
    st = speak_piece(j, v, sp, from, sp->len, offset, &words, &n_words);
  if (st == VC_OK)
    st = vc_timeline_add(j->tl, ti, base, t->text + base, len, sp, words, n_words, offset);
  free(words);
  vc_speakable_free(sp);
  return st;
}

static vc_status speak_turn(vc_job *j, size_t ti) {
  const vc_turn *t = &j->script->turns[ti];
  const vc_voice *v = j->cast->voice[t->speaker];
  int rate = vc_synth_sample_rate(j->synth);
  vc_status st = VC_OK;
  if (ti > 0) {
    int new_speaker = j->script->turns[ti - 1].speaker != t->speaker;
    int ms = new_speaker ? v->turn_pause_ms : v->paragraph_pause_ms;
    st = emit(j, NULL, (size_t)ms_to_samples(ms, rate));
  }
  j->gain = j->gains[t->speaker];
  size_t start = 0;
  while (st == VC_OK && start < t->text_len) {
    const char *nl = memchr(t->text + start, '\n', t->text_len - start);
    size_t end = nl ? (size_t)(nl - t->text) : t->text_len;
    if (start > 0)
      st = emit(j, NULL, (size_t)ms_to_samples(v->paragraph_pause_ms, rate));
    if (st == VC_OK && end > start)
      st = speak_paragraph(j, ti, v, start, end - start);
    start = end + 1;
  }
  return st;
}

enum { VC_END_SILENCE_MS = 1000, VC_MAX_UNIT_JOBS = 256 };

/* The gain of every speaker's voice, measured (or read from the calibration cache the
 * options name) before the audio opens. */
static vc_status voice_gains(vc_job *j) {
  size_t n = j->script->n_speakers;
  j->gains = calloc(n ? n : 1, sizeof *j->gains);
  if (!j->gains)
    return VC_ERR_NOMEM;
  for (size_t i = 0; i < j->script->n_turns; i++) {
    size_t sp = j->script->turns[i].speaker;
    if (j->gains[sp] > 0.0)
      continue;
    vc_status st = vc_calibrator_gain(j->calibrator, j->synth, j->cast->voice[sp],
                                      VC_LOUDNESS_TARGET_LUFS, &j->gains[sp], j->diag);
    if (st != VC_OK)
      return st;
  }
  return VC_OK;
}

/* One note per speaker who speaks: name, role, voice file, espeak-ng voice, colour, gain.
 */
static void note_cast(const vc_job *j) {
  for (size_t i = 0; i < j->script->n_speakers; i++) {
    const vc_voice *v = j->cast->voice[i];
    if (j->gains[i] <= 0.0)
      continue;
    note(j, "%s (%s): voice %s (%s%s%s, pitch %d, rate %d), colour #%06X, gain %+.1f dB",
         j->script->speakers[i].name, vc_role_name(j->script->speakers[i].role),
         v->file ? v->file : v->id, v->language, v->variant && v->variant[0] ? "+" : "",
         v->variant ? v->variant : "", v->pitch, v->rate, j->cast->colour[i] & 0xFFFFFFu,
         20.0 * log10(j->gains[i]));
  }
}

/* The audio file's title, artist and chapters. The segmenter finds no headline: the
 * title is the input's name; the artist is the author a byline names. */
static vc_status tag_audio(vc_job *j) {
  vc_status st = vc_chapters_build(j->script, j->tl, &j->chapters);
  if (st != VC_OK)
    return st;
  j->audio_chapters =
      calloc(j->chapters->n ? j->chapters->n : 1, sizeof *j->audio_chapters);
  j->title = vc_path_stem(j->name);
  if (!j->audio_chapters || !j->title)
    return VC_ERR_NOMEM;
  for (size_t i = 0; i < j->chapters->n; i++)
    j->audio_chapters[i] =
        (vc_audio_chapter){j->chapters->ch[i].start_ms, j->chapters->ch[i].title};
  j->tags = (vc_audio_tags){.title = j->title,
                            .artist = j->script->author,
                            .chapters = j->audio_chapters,
                            .n_chapters = j->chapters->n,
                            .duration_ms = j->chapters->end_ms};
  return vc_audio_set_tags(j->audio, &j->tags);
}

/* The audio's samples as written, to the meter (on the audio's worker thread). */
static void meter_tap(void *user, const int16_t *pcm, size_t n) {
  vc_speech_meter_add(user, pcm, n);
}

/* The audio file is made in the private folder with O_EXCL, then handed to libsndfile by
 * path (it reopens the file to finish RF64 and Ogg streams). */
static vc_status open_audio(vc_job *j, const vc_audio_opts *ao) {
  int fd = vc_outset_create(&j->set, j->base[OUT_WAV]);
  if (fd < 0) {
    diag_set(j->diag, "%s: cannot write: %s", j->final[OUT_WAV], strerror(errno));
    return VC_ERR_IO;
  }
  close(fd);
  vc_status st = vc_audio_open(j->temp[OUT_WAV], ao, &j->audio, j->diag);
  vc_speech_meter_free(j->meter); /* an earlier audio's: this one replaces it */
  j->meter = NULL;
  if (st == VC_OK && vc_speech_meter_new(vc_audio_rate(j->audio), &j->meter) == VC_OK &&
      !vc_audio_tap_pcm16(j->audio, meter_tap, j->meter)) {
    vc_speech_meter_free(j->meter); /* a lossy format: the check reads the file */
    j->meter = NULL;
  }
  return st;
}

/* After writing the audio ended with `st`: tags it with the timeline's chapters and
 * closes it, or closes it to learn why writing failed (a full disk, say). */
static vc_status finish_audio(vc_job *j, vc_status st) {
  if (st == VC_OK) {
    j->tl->n_samples = vc_audio_frames(j->audio);
    st = tag_audio(j);
  }
  if (st == VC_OK) {
    vc_audio *a = j->audio;
    j->audio = NULL;
    st = vc_audio_close(a, j->diag);
  } else if (st == VC_ERR_AUDIO && j->audio) { /* closing says why */
    vc_audio *a = j->audio;
    j->audio = NULL;
    vc_audio_close(a, j->diag);
  }
  return st;
}

/* The spool, an unnamed file in the output set's private folder. Without it (no room,
 * say) the render goes on, and fails only if pauses for reading are needed. */
static vc_status open_spool(vc_job *j) {
  static const char name[] = "spool~";
  int fd =
      openat(j->set.tmpfd, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    j->spool_errno = errno;
    return VC_OK;
  }
  unlinkat(j->set.tmpfd, name, 0);
  vc_status st = vc_spool_open(fd, &j->spool);
  if (st == VC_ERR_IO)
    j->spool_errno = errno;
  return st == VC_ERR_IO ? VC_OK : st;
}

static vc_status synthesise(vc_job *j) {
  vc_status st = vc_calibrator_new(j->o->calibration_cache, &j->calibrator);
  if (st == VC_OK)
    st = voice_gains(j);
  if (st != VC_OK)
    return st;
  note_cast(j);
  int rate = vc_synth_sample_rate(j->synth);
  vc_audio_opts ao = {.in_rate = rate,
                      .out_rate = j->o->sample_rate,
                      .format = j->o->audio_format ? j->o->audio_format : "wav",
                      .name = j->final[OUT_WAV]};
  st = open_audio(j, &ao);
  if (st == VC_OK)
    st = open_spool(j);
  if (st == VC_OK)
    st = vc_timeline_new(rate, j->script->n_turns, &j->tl);
  for (size_t i = 0; st == VC_OK && i < j->script->n_turns; i++)
    st = speak_turn(j, i);
  if (st == VC_OK) /* room for the last caption's 0.5 s after its word, and a clean end */
    st = emit(j, NULL, (size_t)ms_to_samples(VC_END_SILENCE_MS, rate));
  st = finish_audio(j, st);
  if (st == VC_OK)
    note(j, "audio: %.1f s of speech and pauses, %s", (double)j->tl->n_samples / rate,
         ao.format);
  return st;
}
static vc_status replay_write(void *user, const int16_t *pcm, size_t n, double gain) {
  vc_job *j = user;
  vc_status st = check_cancel(j);
  j->gain = gain;
  return st != VC_OK ? st : emit(j, pcm, n);
}

/* Writes the audio again from the spool, with the timeline's pauses for reading put in,
 * and tags it with the chapters as they now fall. */
static vc_status rewrite_audio(vc_job *j) {
  vc_audio_opts ao = {.in_rate = j->tl->sample_rate,
                      .out_rate = j->o->sample_rate,
                      .format = j->o->audio_format ? j->o->audio_format : "wav",
                      .name = j->final[OUT_WAV]};
  vc_chapters_free(j->chapters);
  free(j->audio_chapters);
  free(j->title);
  j->chapters = NULL;
  j->audio_chapters = NULL;
  j->title = NULL;
  if (unlink(j->temp[OUT_WAV]) != 0) {
    diag_set(j->diag, "%s: cannot write: %s", j->final[OUT_WAV], strerror(errno));
    return VC_ERR_IO;
  }
  vc_spool *spool = j->spool;
  if (!spool) {
    diag_set(j->diag, "%s: cannot keep the speech to put pauses for reading in: %s",
             out_dir(j), strerror(j->spool_errno));
    return VC_ERR_IO;
  }
  j->spool = NULL; /* what it holds is written, not kept again */
  j->spoken = 0;
  j->next_pause = 0;
  vc_status st = open_audio(j, &ao);
  if (st == VC_OK && (st = vc_spool_replay(spool, replay_write, j)) == VC_ERR_IO &&
      !j->diag->msg[0])
    diag_set(j->diag, "%s: cannot read back the speech kept for pauses: %s", out_dir(j),
             strerror(errno));
  j->spool = spool;
  return finish_audio(j, st);
}

/* Rounds of pauses for reading: a plan that needs pauses where the last round's made
 * room is rare; after this many, the plan is made without more. */
enum { VC_PAUSE_ROUNDS = 3 };

/* The cues, with the pauses for reading they need (docs/captions.md) put into the
 * timeline and the audio. */
static vc_status plan_cues(vc_job *j) {
  vc_status st = VC_OK;
  for (int round = 0; st == VC_OK; round++) {
    vc_cue_pause *p = NULL;
    size_t n = 0;
    st = vc_cues_build_paused(j->script, j->tl, round < VC_PAUSE_ROUNDS, &j->cues, &p, &n);
    int rate = j->tl->sample_rate;
    for (size_t k = n; st == VC_OK && k-- > 0;) /* from the back: indices stay put */
      st = vc_timeline_insert_pause(j->tl, p[k].word,
                                    ((uint64_t)p[k].ms * (uint64_t)rate + 999u) / 1000u);
    free(p);
    if (st != VC_OK || n == 0)
      break;
    st = rewrite_audio(j);
  }
  size_t early = 0; /* cues shown before their first word, for reading time */
  for (size_t k = 0; st == VC_OK && k < j->cues->n; k++) {
    const vc_cue *q = &j->cues->cues[k];
    uint64_t first =
        j->tl->words[q->word_first].start * 1000u / (uint64_t)j->tl->sample_rate;
    early += q->start_ms >= 0 && (uint64_t)q->start_ms < first;
  }
  if (st == VC_OK && (j->tl->n_pauses || early))
    note(j, "pauses for reading: %zu, %.3f s in all; cues shown early: %zu",
         j->tl->n_pauses, (double)vc_timeline_pause_total(j->tl) / j->tl->sample_rate,
         early);
  return st;
}

static vc_doc job_doc(const vc_job *j) {
  vc_doc doc = {.script = j->script,
                .timeline = j->tl,
                .cues = j->cues,
                .cast = j->cast,
                .source_name = j->source_name,
                .audio_name = j->audio_name,
                .n_split_words = j->n_split,
                .flags = (j->o->flags & VC_RENDER_KARAOKE) ? VC_DOC_KARAOKE : 0u};
  return doc;
}

static vc_status write_captions(vc_job *j) {
  vc_doc doc = job_doc(j);
  for (int i = 0; i < OUT_COUNT; i++) {
    if (!vc_outputs[i].write || !j->temp[i])
      continue;
    int fd = vc_outset_create(&j->set, j->base[i]);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
      diag_set(j->diag, "%s: cannot write: %s", j->final[i], strerror(errno));
      if (fd >= 0)
        close(fd);
      return VC_ERR_IO;
    }
    vc_status st = vc_outputs[i].write(f, &doc);
    int err = 0;
    vc_status cl = vc_fclose_sync(f, &err);
    if (st == VC_OK)
      st = cl;
    if (st != VC_OK) {
      diag_set(j->diag, "%s: %s", j->final[i], err ? strerror(err) : vc_strerror(st));
      return st;
    }
  }
  return VC_OK;
}

/* A 64-bit FNV-1a hash of the text: the book's identifier. */
static uint64_t text_hash(const vc_text *t) {
  uint64_t h = 0xcbf29ce484222325u;
  for (size_t i = 0; i < t->len; i++)
    h = (h ^ (unsigned char)t->bytes[i]) * 0x100000001b3u;
  return h;
}

/* The book's MP3 runs at the render's rate when MP3 has it (8 to 48 kHz), else at the
 * speech's own (espeak-ng's 22050 Hz), not at Opus's 48 kHz. */
static int epub_rate(const vc_job *j) {
  int r = j->o->sample_rate;
  return r >= 8000 && r <= 48000 ? r : j->tl->sample_rate;
}

/* NAME.epub: the book's audio is MP3 (an EPUB 3.2 core media type; Opus is not), the
 * render's own when it is MP3, else the render's audio written again as MP3. */
static vc_status write_epub(vc_job *j) {
  struct stat sb;
  int64_t when =
      j->path && stat(j->path, &sb) == 0 ? (int64_t)sb.st_mtime : (int64_t)time(NULL);
  const char *fmt = j->o->audio_format ? j->o->audio_format : "wav";
  char *mp3 = NULL;
  vc_status st = VC_OK;
  if (strcmp(fmt, "mp3") != 0) {
    size_t n = strlen(j->temp[OUT_EPUB]) + 8;
    if (!(mp3 = malloc(n)))
      return VC_ERR_NOMEM;
    snprintf(mp3, n, "%s.mp3~", j->temp[OUT_EPUB]);
    st = vc_audio_transcode(j->temp[OUT_WAV], mp3, "mp3", epub_rate(j), j->diag);
  }
  vc_epub_in in = {.script = j->script,
                   .tl = j->tl,
                   .cast = j->cast,
                   .chapters = j->chapters,
                   .title = j->title,
                   .author = j->script->author,
                   .audio_mp3 = mp3 ? mp3 : j->temp[OUT_WAV],
                   .modified = when,
                   .id = text_hash(j->text)};
  if (st == VC_OK)
    st = vc_epub_write(j->temp[OUT_EPUB], &in, j->diag);
  if (mp3)
    unlink(mp3);
  free(mp3);
  return st;
}

/* The first line of `report` (a problem line of the checker), trimmed, in `buf`. */
static void first_line(const char *report, char *buf, size_t size) {
  size_t n = strcspn(report ? report : "", "\n");
  snprintf(buf, size, "%.*s", (int)n, report ? report : "");
}

/* Runs the caption checker (voicecap check --audio, the same rules) over the finished
 * captions before they are published: a render never succeeds with captions the checker
 * would fail. The cue planner keeps every rule wherever the speech allows; this names the
 * rule where it could not. */
static vc_status check_captions(vc_job *j) {
  static const int caption_outputs[] = {OUT_SRT, OUT_VTT, OUT_ASS};
  vc_speech sp = {0};
  char why[256] = "";
  /* the speech as the audio was written (what reading the file back gives), else read */
  vc_status got = j->meter ? vc_speech_meter_result(j->meter, &sp) : VC_ERR_LIMIT;
  if (got == VC_ERR_NOMEM)
    return got;
  if (got != VC_OK && vc_speech_load(j->temp[OUT_WAV], &sp, why, sizeof why) != VC_OK) {
    snprintf(j->diag->msg, sizeof j->diag->msg, "%s: %s", j->final[OUT_WAV], why);
    return VC_ERR_AUDIO;
  }
  vc_status st = VC_OK;
  for (size_t k = 0; st == VC_OK && k < sizeof caption_outputs / sizeof caption_outputs[0];
       k++) {
    int i = caption_outputs[k];
    char *report = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&report, &size);
    if (!mem) {
      st = VC_ERR_NOMEM;
      break;
    }
    int failed = vc_check_file_as(j->temp[i], j->final[i], &sp, mem);
    fclose(mem);
    if (failed != 0) {
      char line[400];
      first_line(report, line, sizeof line);
      snprintf(j->diag->msg, sizeof j->diag->msg,
               "captions break a caption rule, nothing written: %.250s", line);
      st = VC_ERR_LIMIT;
    }
    free(report);
  }
  vc_speech_free(&sp);
  return st;
}

/* The open-caption video, from the finished audio and ASS files (--video). The file is
 * created first like every output (O_EXCL in the private folder); the encoder then opens
 * that file. */
static vc_status write_video(vc_job *j) {
  if (!j->temp[OUT_VIDEO])
    return VC_OK;
  int fd = vc_outset_create(&j->set, j->base[OUT_VIDEO]);
  if (fd < 0) {
    diag_set(j->diag, "%s: cannot write: %s", j->final[OUT_VIDEO], strerror(errno));
    return VC_ERR_IO;
  }
  close(fd);
  vc_doc doc = job_doc(j);
  vc_status st = vc_video_write(j->temp[OUT_VIDEO], j->o->video_format, j->temp[OUT_WAV],
                                j->temp[OUT_ASS], &doc, j->diag);
  return st; /* run_job() names the input: "IN.txt: video: why" */
}

/* A batch's record of the set (render_record.h), staged with it and published last:
 * names[*n] becomes its name. */
static vc_status write_record(vc_job *j, const char **names, size_t *n) {
  uint64_t sizes[OUT_COUNT];
  for (size_t i = 0; i < *n; i++) {
    char *p = vc_outset_path(&j->set, names[i]);
    struct stat sb;
    int ok = p && stat(p, &sb) == 0;
    free(p);
    if (!ok)
      return VC_ERR_IO;
    sizes[i] = (uint64_t)sb.st_size;
  }
  j->record = vc_record_name(j->stem);
  int fd = j->record ? vc_outset_create(&j->set, j->record) : -1;
  if (fd < 0) {
    diag_set(j->diag, "%s: cannot write the record: %s", out_dir(j), strerror(errno));
    return j->record ? VC_ERR_IO : VC_ERR_NOMEM;
  }
  uint64_t ms = j->tl->n_samples * 1000u / (uint64_t)j->tl->sample_rate;
  size_t ns = j->script->n_speakers;
  const char **who = calloc(ns ? ns : 1, sizeof *who);
  char key[VC_HASH_HEX];
  for (size_t i = 0; who && i < ns; i++)
    who[i] = j->script->speakers[i].name ? j->script->speakers[i].name : "";
  if (who)
    vc_record_key(j->record_common, j->path, who, ns, j->pins, key);
  vc_status st =
      who ? vc_record_write(fd, key, ms, who, ns, names, sizes, *n) : VC_ERR_NOMEM;
  free(who);
  close(fd);
  if (st != VC_OK)
    diag_set(j->diag, "%s: cannot write the record: %s", out_dir(j), vc_strerror(st));
  names[(*n)++] = j->record;
  return st;
}

/* A render outside a batch replaces outputs a batch's record describes: the record goes
 * first, so that no batch takes the new outputs for the ones it recorded. */
static void drop_record(vc_job *j) {
  char *name = vc_record_name(j->stem);
  char *path = name ? vc_path_join(out_dir(j), name) : NULL;
  if (path)
    unlink(path);
  free(path);
  free(name);
}

/* Publishes the outputs this render writes as one set (render_outset.h): the page unless
 * --no-html, the video only with --video, the book only with --epub. An output this render
 * does not write (an earlier render's NAME.html or NAME.mp4) is left as it was. */
static vc_status publish(vc_job *j) {
  const char *names[OUT_COUNT + 1];
  size_t n = 0;
  for (int i = 0; i < OUT_COUNT; i++)
    if (j->base[i])
      names[n++] = j->base[i];
  vc_status st = check_cancel(j);
  if (st == VC_OK && j->record_common)
    st = write_record(j, names, &n);
  else if (st == VC_OK)
    drop_record(j);
  if (st == VC_OK)
    st = vc_outset_publish(&j->set, names, n, j->diag);
  for (int i = 0; st == VC_OK && i < OUT_COUNT; i++)
    if (j->base[i])
      note(j, "wrote %s", j->final[i]);
  return st;
}

static void job_cleanup(vc_job *j) {
  if (j->audio)
    vc_audio_abort(j->audio);
  vc_outset_close(&j->set); /* the private folder goes, whatever it holds */
  for (int i = 0; i < OUT_COUNT; i++) {
    free(j->temp[i]);
    free(j->base[i]);
    free(j->final[i]);
  }
  free(j->stem);
  free(j->record);
  free(j->source_name);
  free(j->audio_name);
  vc_cues_free(j->cues);
  vc_speech_meter_free(j->meter);
  vc_spool_close(j->spool);
  vc_chapters_free(j->chapters);
  free(j->audio_chapters);
  free(j->title);
  free(j->gains);
  vc_timeline_free(j->tl);
  vc_calibrator_free(j->calibrator);
  vc_speakable_free(j->ahead.sp);
  vc_synth_free(j->synth);
  vc_cast_free(j->cast);
  vc_voiceset_free(j->voices);
  vc_speak_rules_free(j->rules);
  vc_dict_close(j->dict);
  vc_script_free(j->script);
  vc_text_free(j->text);
  free(j->voices_dir);
  free(j->data_dir);
}

/* The turns from the segmenter, with a warning when some are uncertain. */
static vc_status segment_text(vc_job *j) {
  vc_segment_opts so = {.data_dir = j->data_dir};
  vc_status st =
      vc_segment_with_dict(j->text->bytes, j->text->len, &so, j->dict, &j->script, j->diag);
  size_t unsure = st == VC_OK ? vc_script_uncertain(j->script) : 0;
  if (unsure && j->o->warn) {
    char msg[512];
    snprintf(
        msg, sizeof msg,
        "warning: %zu of %zu turns are uncertain (see voicecap segment --explain %.300s)",
        unsure, j->script->n_turns, j->path ? j->path : j->name);
    j->o->warn(j->o->warn_user, j->name, msg);
  }
  return st;
}

/* The turns from the corrected file the user gave (--turns), checked against the text. */
static vc_status read_turns(vc_job *j) {
  vc_text *tsv = NULL;
  vc_status st = vc_text_load(j->o->turns_path, &tsv, j->diag);
  if (st == VC_OK)
    st = vc_script_from_tsv(j->text->bytes, j->text->len, tsv->bytes, tsv->len,
                            j->o->turns_path, &j->script, j->diag);
  vc_text_free(tsv);
  return st;
}

/* The input's text, and its turns (the segmenter reads the data folder's glue.tsv). */
static vc_status read_script(vc_job *j) {
  vc_status st = vc_folder_find(VC_FOLDER_DATA, j->o->data_dir, &j->data_dir, j->diag);
  if (st == VC_OK)
    st = vc_folder_find(VC_FOLDER_VOICES, j->o->voices_dir, &j->voices_dir, j->diag);
  if (st == VC_OK)
    st = j->path ? vc_text_load(j->path, &j->text, j->diag)
                 : vc_text_from_memory(j->bytes, j->len, j->name, &j->text, j->diag);
  if (st == VC_OK && !j->dict) /* unless the caller shares its own */
    st = vc_dict_open(&j->dict);
  if (st == VC_OK)
    st = j->o->turns_path ? read_turns(j) : segment_text(j);
  return st;
}

/* The synthesiser first, while the process is small: the helper it forks (the engine
 * every unit is spoken from) is then cheap to fork again for each unit. */
static vc_status start_synth(vc_job *j) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  /* by default twice the cores: the units are taken in order, and with only as many as
   * cores out, a core waits while a long unit holds up the short ones after it */
  j->jobs = j->o->jobs > 0 ? (size_t)j->o->jobs : cores > 0 ? 2 * (size_t)cores : 2;
  j->jobs = j->jobs < VC_MAX_UNIT_JOBS ? j->jobs : VC_MAX_UNIT_JOBS;
  return vc_synth_new(&j->synth, j->diag);
}

static vc_status render_job(vc_job *j) {
  vc_status st = start_synth(j);
  if (st == VC_OK)
    st = read_script(j);
  if (st == VC_OK)
    st = vc_script_announce(j->script, j->o->announce);
  if (st != VC_OK)
    return st;
  note(j, "%zu turn%s, %zu speaker%s", j->script->n_turns,
       j->script->n_turns == 1 ? "" : "s", j->script->n_speakers,
       j->script->n_speakers == 1 ? "" : "s");
  st = vc_speak_rules_load_dict(j->data_dir, j->dict, &j->rules, j->diag);
  if (st == VC_OK)
    st = vc_voiceset_load(j->voices_dir, &j->voices, j->diag);
  if (st == VC_OK)
    note(j, "voices from %s; units spoken by %s", j->voices_dir,
         vc_synth_engine() ? vc_synth_engine()
                           : "forks of this process (no voicecap-engine)");
  if (st == VC_OK)
    st = vc_cast_new_pinned(j->voices, j->script, j->pins, &j->cast, j->diag);
  if (st == VC_OK)
    st = vc_mkdir_p(out_dir(j), j->diag);
  if (st == VC_OK)
    st = plan_outputs(j);
  if (st == VC_OK)
    st = refuse_overwriting_input(j);
  if (st == VC_OK)
    st = open_set(j);
  if (st == VC_OK)
    st = check_cancel(j);
  if (st == VC_OK)
    st = synthesise(j);
  if (st == VC_OK)
    st = plan_cues(j);
  if (st == VC_OK)
    st = check_cancel(j);
  if (st == VC_OK)
    note(j, "%zu cue%s", j->cues->n, j->cues->n == 1 ? "" : "s");
  if (st == VC_OK)
    st = write_captions(j);
  if (st == VC_OK)
    st = check_captions(j);
  if (st == VC_OK && j->o->epub)
    st = write_epub(j);
  if (st == VC_OK)
    st = write_video(j);
  if (st == VC_OK)
    st = publish(j);
  return st;
}

static vc_status run_job(vc_job *j, const vc_render_opts *o, vc_diag *diag) {
  static const vc_render_opts defaults = {0};
  vc_diag local = {{0}};
  j->o = o ? o : &defaults;
  j->diag = diag ? diag : &local;
  j->diag->msg[0] = '\0';
  j->set = (vc_outset)VC_OUTSET_INIT;
  vc_status st = j->name ? render_job(j) : VC_ERR_ARG;
  if (st != VC_OK && j->name)
    fail_in_file(j, st);
  if (st != VC_OK && !j->diag->msg[0])
    snprintf(j->diag->msg, sizeof j->diag->msg, "%s: %s", j->name ? j->name : "(no name)",
             vc_strerror(st));
  job_cleanup(j);
  return st;
}

vc_status vc_render_file_dict(const char *path, const vc_render_opts *o,
                              const vc_voice_pins *pins, const char *record_common,
                              vc_dict *dict, vc_diag *diag) {
  vc_job j = {.path = path,
              .name = path,
              .pins = pins,
              .record_common = record_common,
              .dict = vc_dict_share(dict)};
  return run_job(&j, o, diag);
}

vc_status vc_render_file_with(const char *path, const vc_render_opts *o,
                              const vc_voice_pins *pins, const char *record_common,
                              vc_diag *diag) {
  return vc_render_file_dict(path, o, pins, record_common, NULL, diag);
}

vc_status vc_render_file(const char *path, const vc_render_opts *o, vc_diag *diag) {
  return vc_render_file_with(path, o, NULL, NULL, diag);
}

vc_status vc_render_text_with(const char *text, size_t len, const char *name,
                              const vc_render_opts *o, const vc_voice_pins *pins,
                              vc_diag *diag) {
  vc_job j = {.name = name, .bytes = text, .len = len, .pins = pins};
  return run_job(&j, o, diag);
}

vc_status vc_render_text(const char *text, size_t len, const char *name,
                         const vc_render_opts *o, vc_diag *diag) {
  return vc_render_text_with(text, len, name, o, NULL, diag);
}

vc_status vc_render_sweep(const char *path, const vc_render_opts *o, vc_diag *diag) {
  char *stem = vc_path_stem(path);
  if (!stem)
    return VC_ERR_NOMEM;
  vc_status st = vc_outset_sweep(o && o->out_dir ? o->out_dir : "out", stem, diag);
  free(stem);
  return st;
}
