/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The speaking core, the only espeak-ng caller: espeak-ng started once a process, voice
 * selection, the retrieval-mode callback and word timings. The engine program
 * (programs/voicecap-engine) links this file, synth_engine.c and libespeak-ng alone. */
#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "synth_speak.h"

/* A sample louder than this (about -50 dBFS) is sound; quieter is silence between
 * words. */
#define VC_SILENCE_LEVEL 100
#define VC_NO_SAMPLE UINT64_MAX
#define VC_MAX_WORDS (SIZE_MAX / sizeof(vc_synth_word) / 2)

/* espeak-ng's own state is global. libespeak-ng 1.51 hangs in espeak_Terminate after a
 * second espeak_Initialize (measured), so it is initialised once per process and left for
 * the process exit to release. Its sample rate, 0 until then, is this file's only
 * mutable static beside espeak-ng's own state. */
static int vc_espeak_rate;

/* espeak-ng reads every voice file again (some 400 files, about 3 ms) at each
 * espeak_ListVoices call, and set_voice needs the list twice (the variants, and the voices
 * by language). It is read once a process, here, and kept: the variants' names copied,
 * the voices as espeak-ng returns them (valid while espeak_ListVoices is not called
 * again, and it is called nowhere else). Forks inherit it: the engine lists before it
 * forks (vc_espeak_list_voices). Like the rate, espeak-ng's own state mirrored. */
static struct {
  int listed;      /* 1 once listed, even when the lists are empty */
  char **variants; /* the variants' names ("m3"), n_variants of them */
  size_t n_variants;
  const espeak_VOICE **voices; /* espeak_ListVoices(NULL) */
} vc_espeak_list;

int vc_espeak_start(vc_diag *diag) {
  if (vc_espeak_rate > 0)
    return vc_espeak_rate;
  int rate =
      espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, NULL, espeakINITIALIZE_DONT_EXIT);
  if (rate <= 0) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "espeak-ng could not start (error %d)", rate);
    return rate < 0 ? rate : -1;
  }
  vc_espeak_rate = rate;
  return rate;
}

/* State of one vc_espeak_speak call; espeak-ng hands it back as user_data. */
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

void vc_espeak_list_voices(void) {
  if (vc_espeak_list.listed)
    return;
  vc_espeak_list.listed = 1;
  espeak_VOICE spec = {.languages = "variant"};
  const espeak_VOICE **v = espeak_ListVoices(&spec);
  size_t n = 0;
  while (v && v[n])
    n++;
  vc_espeak_list.variants = calloc(n ? n : 1, sizeof *vc_espeak_list.variants);
  for (size_t i = 0; vc_espeak_list.variants && i < n; i++) {
    const char *id = v[i]->identifier, *slash = id ? strrchr(id, '/') : NULL;
    if (slash && (vc_espeak_list.variants[vc_espeak_list.n_variants] = strdup(slash + 1)))
      vc_espeak_list.n_variants++;
  }
  vc_espeak_list.voices = espeak_ListVoices(NULL); /* last: it stays valid */
}

/* espeak_SetVoiceByName wants a voice's name ("English (Great Britain)"); a language
 * code ("en-gb") names the voice that speaks it with the best priority. */
static const char *voice_for_language(const char *lang) {
  vc_espeak_list_voices();
  const espeak_VOICE **list = vc_espeak_list.voices;
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

/* 1 when espeak-ng has the variant `var` (espeak-ng --voices=variant): it would otherwise
 * speak with its default variant and say nothing. */
static int variant_exists(const char *var) {
  vc_espeak_list_voices();
  for (size_t i = 0; i < vc_espeak_list.n_variants; i++)
    if (strcmp(vc_espeak_list.variants[i], var) == 0)
      return 1;
  return 0;
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

/* The key a voice is known by: "language+variant". */
static void voice_key(const vc_voice *v, char *key, size_t size) {
  snprintf(key, size, "%s+%s", v->language, v->variant ? v->variant : "");
}

vc_status vc_espeak_set_voice(vc_espeak_voice *s, const vc_voice *v, vc_diag *diag) {
  char key[sizeof s->voice_name], name[sizeof s->voice_name];
  voice_key(v, key, sizeof key);
  if (strcmp(key, s->voice_name) != 0) {
    s->voice_name[0] = '\0';
    if (v->variant && v->variant[0] && !variant_exists(v->variant)) {
      if (diag)
        snprintf(
            diag->msg, sizeof diag->msg,
            "%s: variant = %s: espeak-ng has no such variant (espeak-ng --voices=variant "
            "lists them)",
            v->file ? v->file
            : v->id ? v->id
                    : "?",
            v->variant);
      return VC_ERR_CONFIG;
    }
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
    memcpy(s->espeak_name, name, sizeof name);
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
static int is_loud(int x) {
  return x > VC_SILENCE_LEVEL || x < -VC_SILENCE_LEVEL;
}

static void scan_pcm(vc_speak_ctx *c, const short *pcm, size_t n) {
  for (size_t i = 0; i < n;) {
    uint64_t g = c->delivered + i;
    while (c->next_word < c->n_words && c->words[c->next_word].start <= g) {
      close_word(c);
      c->next_word++;
    }
    /* up to the next word's start (after g) or the buffer's end: the first and the last
     * loud sample of the stretch are all the word now sounding needs */
    size_t end = n;
    if (c->next_word < c->n_words && c->words[c->next_word].start - c->delivered < n)
      end = (size_t)(c->words[c->next_word].start - c->delivered);
    size_t first = i;
    while (c->next_word > 0 && first < end && !is_loud(pcm[first]))
      first++;
    if (c->next_word > 0 && first < end) {
      size_t last = end - 1;
      while (!is_loud(pcm[last]))
        last--;
      if (c->loud_first == VC_NO_SAMPLE)
        c->loud_first = c->delivered + first;
      c->loud_last = c->delivered + last;
    }
    i = end;
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

vc_status vc_espeak_speak(vc_espeak_voice *s, const vc_voice *v, const char *text,
                          vc_pcm_fn sink, void *user, vc_synth_word **words,
                          size_t *n_words, uint64_t *n_samples, vc_diag *diag) {
  *words = NULL;
  *n_words = 0;
  *n_samples = 0;
  if (!s || !v || !text || !sink)
    return VC_ERR_ARG;
  if (vc_espeak_start(diag) <= 0)
    return VC_ERR_SYNTH;
  vc_status st = vc_espeak_set_voice(s, v, diag);
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
