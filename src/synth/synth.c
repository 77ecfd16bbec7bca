/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The only espeak-ng caller: voice switching, retrieval-mode callback, word timings, and
 * a fresh engine that speaks without hearing what the process said before. */
#include <dirent.h>
#include <errno.h>
#include <espeak-ng/speak_lib.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "synth.h"

/* A sample louder than this (about -50 dBFS) is sound; quieter is silence between
 * words. */
#define VC_SILENCE_LEVEL 100
#define VC_NO_SAMPLE UINT64_MAX
#define VC_MAX_WORDS (SIZE_MAX / sizeof(vc_synth_word) / 2)

/* espeak-ng's own state is global. libespeak-ng 1.51 hangs in espeak_Terminate after a
 * second espeak_Initialize (measured), so it is initialised once per process, on the
 * first vc_synth_new, and left for the process exit to release. Beside it lives the
 * fresh engine (below): a helper process forked right after espeak_Initialize, holding
 * the engine as it was before its first word. This is the only mutable static in
 * voicecap: espeak-ng's state and its pristine copy. */
static struct {
  int rate;     /* espeak-ng's sample rate; 0 until initialised */
  pid_t helper; /* the fresh engine's process, or 0 when it could not start */
  pid_t owner;  /* the process that started it: only that one may talk to it */
  int fd;       /* a stream socket to the helper */
} vc_engine;

struct vc_synth {
  int rate;
  char voice_name[160];  /* "language+variant" last given to espeak-ng */
  char espeak_name[160]; /* the espeak-ng name it resolved to */
  int voice_rate, voice_pitch, voice_range;
  size_t outstanding; /* units sent to the fresh engine and not yet taken */
  size_t first;       /* answers[first]: the oldest one's pipe (-1: it failed) */
  int answers[256];   /* VC_FRESH_MAX_PENDING */
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

static void start_fresh_engine(void);

vc_status vc_synth_new(vc_synth **out, vc_diag *diag) {
  *out = NULL;
  if (vc_engine.rate <= 0) {
    int rate =
        espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, NULL, espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0) {
      if (diag)
        snprintf(diag->msg, sizeof diag->msg, "espeak-ng could not start (error %d)", rate);
      return VC_ERR_SYNTH;
    }
    vc_engine.rate = rate;
    start_fresh_engine();
  }
  vc_synth *s = calloc(1, sizeof *s);
  if (!s)
    return VC_ERR_NOMEM;
  s->rate = vc_engine.rate;
  *out = s;
  return VC_OK;
}

void vc_synth_free(vc_synth *s) {
  /* units still outstanding are taken and dropped, so that the next vc_synth of the
   * process gets its own answers */
  while (s && s->outstanding > 0) {
    vc_synth_unit u;
    vc_synth_take(s, NULL, &u, NULL);
    vc_synth_unit_free(&u);
  }
  free(s);
}

int vc_synth_sample_rate(const vc_synth *s) {
  return s ? s->rate : vc_engine.rate;
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

/* 1 when espeak-ng has the variant `var` (espeak-ng --voices=variant): it would otherwise
 * speak with its default variant and say nothing. */
static int variant_exists(const char *var) {
  espeak_VOICE spec = {.languages = "variant"};
  const espeak_VOICE **list = espeak_ListVoices(&spec);
  for (; list && *list; list++) {
    const char *id = (*list)->identifier, *slash = id ? strrchr(id, '/') : NULL;
    if (slash && strcmp(slash + 1, var) == 0)
      return 1;
  }
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

static vc_status set_voice(vc_synth *s, const vc_voice *v, vc_diag *diag) {
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

/* ---- units on the fresh engine ------------------------------------------------------
 * espeak-ng carries state from one utterance into the next (pitch flutter, echo, the
 * last clause's intonation), so the samples it makes of a text depend on everything the
 * process said before. voicecap therefore speaks every unit (a paragraph, or the part of
 * one between two pauses for reading; and each calibration passage) from one defined
 * engine state, whoever speaks it and whatever was spoken before:
 *
 *   THE UNIT STATE of a voice: espeak-ng as espeak_Initialize left it, its voices listed
 *   (espeak_ListVoices), then the voice chosen as set_voice chooses it (the language's
 *   voice with the variant, espeak_SetVoiceByName) and its rate, pitch and range set
 *   (espeak_SetParameter); nothing ever spoken.
 *
 * It is made by fork. The helper process, forked by the first vc_synth_new right after
 * espeak_Initialize, never speaks. For each voice it forks a voice process (a "zygote")
 * that puts its engine in that voice's unit state and never speaks either; each unit is
 * spoken by a child forked from its voice's zygote, which writes its samples and word
 * timings to a pipe and exits. The helper hands the pipe's reading end to the process
 * (SCM_RIGHTS), which reads the answers in the order it sent the units. As many children
 * run at once as the process keeps units outstanding, so units are spoken in parallel on
 * as many cores; the answer of a unit does not depend on that number. The helper and the
 * zygotes are single-threaded, so they may fork safely even while the process runs
 * threads; they end when the socket closes, that is when the process that started them
 * ends. */

/* Largest request or answer: text, words and samples (about 13 min at 22050 Hz). */
#define VC_FRESH_MAX_BYTES ((size_t)1 << 25)
/* Units a vc_synth may keep outstanding. */
#define VC_FRESH_MAX_PENDING 256
/* Voices (zygotes) the helper keeps. */
#define VC_FRESH_MAX_VOICES 32

/* A request: the voice, then its id, language, variant and file ("" for none) and the
 * text, each with its NUL. */
enum { VC_FRESH_STRINGS = 5 };
typedef struct vc_fresh_req {
  int32_t rate, pitch, range;
  uint32_t len[VC_FRESH_STRINGS];
} vc_fresh_req;

/* An answer's head: the child's status and message length, then the message, then the
 * words (n_words vc_fresh_word), then the samples (n_samples of them). */
typedef struct vc_fresh_head {
  int32_t status;
  uint32_t msg_len;
  uint64_t n_samples, n_words;
} vc_fresh_head;

typedef struct vc_fresh_word {
  uint64_t pos, len, start, end;
} vc_fresh_word;

/* One transfer step over a socket or pipe; the buffer is only read by send and write. */
typedef ssize_t (*vc_io_step)(int fd, void *buf, size_t n);

static ssize_t step_send(int fd, void *buf, size_t n) {
  return send(fd, buf, n, MSG_NOSIGNAL);
}

static ssize_t step_write(int fd, void *buf, size_t n) {
  return write(fd, buf, n);
}

static ssize_t step_read(int fd, void *buf, size_t n) {
  return read(fd, buf, n);
}

/* Moves all n bytes with `step`, going on after EINTR. 1 when done, 0 on an error or an
 * end of file before the last byte. */
static int io_all(int fd, void *buf, size_t n, vc_io_step step) {
  char *p = buf;
  while (n > 0) {
    ssize_t k = step(fd, p, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return 0;
    p += k;
    n -= (size_t)k;
  }
  return 1;
}

static int send_all(int fd, const void *buf, size_t n) {
  return io_all(fd, (void *)buf, n, step_send);
}

static int write_all(int fd, const void *buf, size_t n) {
  return io_all(fd, (void *)buf, n, step_write);
}

static int read_all(int fd, void *buf, size_t n) {
  return io_all(fd, buf, n, step_read);
}

/* Samples kept whole, for the answer. */
typedef struct vc_pcm_keep {
  int16_t *x;
  size_t n, cap;
} vc_pcm_keep;

static vc_status keep_pcm(void *user, const int16_t *pcm, size_t n) {
  vc_pcm_keep *b = user;
  if (n > b->cap - b->n) {
    size_t cap = b->cap ? b->cap : (size_t)1 << 16;
    while (cap - b->n < n && cap * sizeof *b->x < VC_FRESH_MAX_BYTES)
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

/* Sends `n` bytes with descriptor `fd` attached (SCM_RIGHTS; fd < 0: none). */
static int send_with_fd(int sock, const void *buf, size_t n, int fd) {
  char ctl[CMSG_SPACE(sizeof(int))];
  memset(ctl, 0, sizeof ctl);
  struct iovec iov = {.iov_base = (void *)buf, .iov_len = n};
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
  if (fd >= 0) {
    m.msg_control = ctl;
    m.msg_controllen = sizeof ctl;
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
  }
  ssize_t k;
  while ((k = sendmsg(sock, &m, MSG_NOSIGNAL)) < 0 && errno == EINTR)
    ;
  return k >= 0 && (size_t)k == n
             ? 1
             : k > 0 && send_all(sock, (const char *)buf + k, n - (size_t)k);
}

/* Receives `n` bytes and the descriptor sent with them (*fd = -1 when none). */
static int recv_with_fd(int sock, void *buf, size_t n, int *fd) {
  char ctl[CMSG_SPACE(sizeof(int))];
  struct iovec iov = {.iov_base = buf, .iov_len = n};
  struct msghdr m = {
      .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
  *fd = -1;
  ssize_t k;
  while ((k = recvmsg(sock, &m, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
    ;
  if (k <= 0)
    return 0;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
      memcpy(fd, CMSG_DATA(c), sizeof *fd);
  return (size_t)k == n || read_all(sock, (char *)buf + k, n - (size_t)k);
}

/* Writes a unit's answer: head, message, words, samples. */
static int write_answer(int out, vc_status st, const char *msg, const vc_synth_word *w,
                        size_t n_words, const vc_pcm_keep *b) {
  vc_fresh_head h = {.status = (int32_t)st,
                     .msg_len = st == VC_OK ? 0 : (uint32_t)strlen(msg),
                     .n_samples = st == VC_OK ? (uint64_t)b->n : 0,
                     .n_words = st == VC_OK ? (uint64_t)n_words : 0};
  int ok = write_all(out, &h, sizeof h) && write_all(out, msg, h.msg_len);
  for (size_t i = 0; ok && i < h.n_words; i++) {
    vc_fresh_word fw = {w[i].pos, w[i].len, w[i].start, w[i].end};
    ok = write_all(out, &fw, sizeof fw);
  }
  return ok && write_all(out, b->x, (size_t)h.n_samples * sizeof *b->x);
}

/* In a unit's child: speaks `text` with the zygote's engine as it is (the voice's unit
 * state) and writes the answer to `out`. */
static void unit_child(vc_synth *z, const vc_voice *v, const char *text, int out) {
  vc_pcm_keep b = {0};
  vc_synth_word *words = NULL;
  size_t n_words = 0;
  uint64_t n_samples = 0;
  vc_diag d = {{0}};
  vc_status st = vc_synth_speak(z, v, text, keep_pcm, &b, &words, &n_words, &n_samples, &d);
  _exit(write_answer(out, st, d.msg, words, n_words, &b) ? 0 : 1);
}

/* A zygote's loop: takes (text length, text, answer pipe) from the helper and forks a
 * child to speak each, or answers at once with why the voice could not be set. */
static void zygote_main(int sock, vc_voice *v) {
  vc_synth z = {.rate = vc_engine.rate};
  vc_diag d = {{0}};
  vc_status set = set_voice(&z, v, &d); /* the voice's unit state */
  signal(SIGCHLD, SIG_IGN);             /* children are reaped by the kernel */
  for (;;) {
    uint64_t len = 0;
    int out = -1;
    if (!recv_with_fd(sock, &len, sizeof len, &out) || out < 0 || len == 0 ||
        len > VC_FRESH_MAX_BYTES)
      _exit(0);
    char *text = malloc((size_t)len);
    if (!text || !read_all(sock, text, (size_t)len) || text[len - 1] != '\0')
      _exit(0);
    pid_t pid = set == VC_OK ? fork() : -1;
    if (pid == 0) {
      close(sock);
      unit_child(&z, v, text, out);
    }
    if (pid < 0) { /* the answer is the failure */
      vc_pcm_keep none = {0};
      write_answer(out, set == VC_OK ? VC_ERR_SYNTH : set,
                   set == VC_OK ? "espeak-ng could not start a process" : d.msg, NULL, 0,
                   &none);
    }
    close(out);
    free(text);
  }
}

/* A zygote as the helper knows it: the voice's key and the socket to it. */
typedef struct vc_zygote {
  char key[256];
  int sock;
} vc_zygote;

typedef struct vc_helper {
  int fd; /* the socket to the process */
  vc_zygote z[VC_FRESH_MAX_VOICES];
  size_t n_z;
} vc_helper;

/* The key of a voice's unit state: everything set_voice sets. */
static void unit_key(const vc_voice *v, char *key, size_t size) {
  snprintf(key, size, "%s+%s/%d/%d/%d", v->language, v->variant ? v->variant : "", v->rate,
           v->pitch, v->range);
}

/* In the helper: the socket to the voice's zygote, forked the first time (-1 when it
 * cannot start). */
static int zygote_for(vc_helper *h, vc_voice *v) {
  char key[sizeof h->z[0].key];
  unit_key(v, key, sizeof key);
  for (size_t i = 0; i < h->n_z; i++)
    if (strcmp(h->z[i].key, key) == 0)
      return h->z[i].sock;
  int sv[2];
  if (h->n_z == VC_FRESH_MAX_VOICES || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(sv[0]);
    close(h->fd);
    for (size_t i = 0; i < h->n_z; i++)
      close(h->z[i].sock);
    zygote_main(sv[1], v);
  }
  close(sv[1]);
  if (pid < 0) {
    close(sv[0]);
    return -1;
  }
  fcntl(sv[0], F_SETFD, FD_CLOEXEC);
  memcpy(h->z[h->n_z].key, key, sizeof key);
  h->z[h->n_z++].sock = sv[0];
  return sv[0];
}

/* In the helper: reads one request's strings (f[0..4] point into *strings). */
static int read_request(int fd, vc_fresh_req *q, char **strings, char **f) {
  *strings = NULL;
  if (!read_all(fd, q, sizeof *q))
    return 0;
  size_t total = 0;
  for (int i = 0; i < VC_FRESH_STRINGS; i++)
    total += q->len[i];
  *strings = total > 0 && total <= VC_FRESH_MAX_BYTES ? malloc(total) : NULL;
  if (!*strings || !read_all(fd, *strings, total))
    return 0;
  for (size_t i = 0, at = 0; i < VC_FRESH_STRINGS; at += q->len[i], i++) {
    if (q->len[i] == 0 || (*strings)[at + q->len[i] - 1] != '\0')
      return 0;
    f[i] = *strings + at;
  }
  return 1;
}

/* In the helper: one request: a pipe for its answer, whose writing end goes with the
 * text to the voice's zygote and whose reading end goes back to the process (none: the
 * unit failed before it started). Returns 0 when the socket closed. */
static int serve_request(vc_helper *h) {
  vc_fresh_req q;
  char *strings = NULL, *f[VC_FRESH_STRINGS];
  if (!read_request(h->fd, &q, &strings, f)) {
    free(strings);
    return 0;
  }
  vc_voice v = {
      .id = f[0], .language = f[1], .variant = f[2], .file = f[3][0] ? f[3] : NULL};
  v.rate = q.rate;
  v.pitch = q.pitch;
  v.range = q.range;
  int zs = zygote_for(h, &v), p[2] = {-1, -1};
  uint64_t len = (uint64_t)q.len[4];
  if (zs >= 0 && pipe(p) == 0 &&
      !(send_with_fd(zs, &len, sizeof len, p[1]) && send_all(zs, f[4], (size_t)len))) {
    close(p[0]);
    p[0] = -1;
  }
  if (p[1] >= 0)
    close(p[1]);
  free(strings);
  char started = p[0] >= 0 ? 1 : 0;
  int ok = send_with_fd(h->fd, &started, 1, p[0]);
  if (p[0] >= 0)
    close(p[0]);
  return ok;
}

static void helper_main(int fd) {
  vc_helper *h = calloc(1, sizeof *h);
  if (!h)
    _exit(1);
  h->fd = fd;
  /* espeak-ng lists its voices (reading every voice file) the first time a voice is set
   * by name; listed once here, the list is inherited instead of read again by every
   * zygote. Listing changes nothing the engine speaks with. */
  espeak_ListVoices(NULL);
  signal(SIGCHLD, SIG_IGN); /* zygotes are reaped by the kernel */
  while (serve_request(h))
    ;
  _exit(0);
}

/* In the helper: closes every descriptor it inherited but the standard ones and `keep`,
 * so that it holds no pipe or file of the process open. */
static void close_inherited(int keep) {
  DIR *dir = opendir("/proc/self/fd");
  int fds[256], n = 0, again = 1;
  while (dir && again) {
    struct dirent *e;
    again = 0;
    n = 0;
    rewinddir(dir);
    while ((e = readdir(dir)) != NULL && n < 256) {
      int fd = atoi(e->d_name);
      if (fd > 2 && fd != keep && fd != dirfd(dir) && e->d_name[0] != '.')
        fds[n++] = fd;
    }
    for (int i = 0; i < n; i++)
      close(fds[i]);
    again = n > 0;
  }
  if (dir)
    closedir(dir);
}

static void start_fresh_engine(void) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    return;
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    close(sv[0]);
    close_inherited(sv[1]);
    signal(SIGINT, SIG_DFL);
    signal(SIGPIPE, SIG_IGN); /* a write to a closed pipe fails instead */
    helper_main(sv[1]);
  }
  close(sv[1]);
  if (pid < 0) {
    close(sv[0]);
    return;
  }
  fcntl(sv[0], F_SETFD, FD_CLOEXEC);
  vc_engine.helper = pid;
  vc_engine.owner = getpid();
  vc_engine.fd = sv[0];
}

/* Whether this process can send units (it started the helper). */
static vc_status units_ready(const vc_voice *v, vc_diag *diag) {
  if (vc_engine.helper > 0 && vc_engine.owner == getpid())
    return VC_OK;
  if (diag)
    snprintf(diag->msg, sizeof diag->msg,
             "voice %s: no fresh espeak-ng engine in this process (it starts with the "
             "first vc_synth_new, in the process that calls it)",
             v && v->id ? v->id : "?");
  return VC_ERR_SYNTH;
}

vc_status vc_synth_submit(vc_synth *s, const vc_voice *v, const char *text, vc_diag *diag) {
  if (!s || !v || !v->language || !text)
    return VC_ERR_ARG;
  vc_status st = units_ready(v, diag);
  if (st != VC_OK)
    return st;
  if (s->outstanding == VC_FRESH_MAX_PENDING)
    return VC_ERR_LIMIT;
  const char *f[VC_FRESH_STRINGS] = {v->id ? v->id : "?", v->language,
                                     v->variant ? v->variant : "", v->file ? v->file : "",
                                     text};
  vc_fresh_req q = {.rate = v->rate, .pitch = v->pitch, .range = v->range};
  size_t total = 0;
  for (int i = 0; i < VC_FRESH_STRINGS; i++) {
    size_t n = strlen(f[i]) + 1;
    if (n > VC_FRESH_MAX_BYTES - total)
      return VC_ERR_LIMIT;
    q.len[i] = (uint32_t)n;
    total += n;
  }
  int ok = send_all(vc_engine.fd, &q, sizeof q);
  for (int i = 0; ok && i < VC_FRESH_STRINGS; i++)
    ok = send_all(vc_engine.fd, f[i], q.len[i]);
  char started = 0;
  int in = -1;
  if (ok)
    ok = recv_with_fd(vc_engine.fd, &started, 1, &in);
  if (!ok) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "voice %s: the fresh espeak-ng engine is gone",
               v->id ? v->id : "?");
    return VC_ERR_SYNTH;
  }
  /* a unit that could not start is queued too (in = -1): its answer is the failure */
  s->answers[(s->first + s->outstanding++) % VC_FRESH_MAX_PENDING] = in;
  return VC_OK;
}

/* Reads a unit's answer from `in` into `u` (messages in diag). */
static vc_status read_answer(int in, vc_synth_unit *u, vc_diag *diag) {
  vc_fresh_head h;
  if (!read_all(in, &h, sizeof h) || h.msg_len >= 4096 ||
      h.n_samples > VC_FRESH_MAX_BYTES / sizeof(int16_t) ||
      h.n_words > VC_FRESH_MAX_BYTES / sizeof(vc_fresh_word))
    return VC_ERR_SYNTH;
  if (h.status != VC_OK) {
    char msg[4096];
    if (!read_all(in, msg, h.msg_len))
      return VC_ERR_SYNTH;
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "%.*s", (int)h.msg_len, msg);
    return h.status > VC_OK && h.status < VC_STATUS_COUNT ? (vc_status)h.status
                                                          : VC_ERR_SYNTH;
  }
  u->words = malloc((size_t)(h.n_words ? h.n_words : 1) * sizeof *u->words);
  u->pcm = malloc((size_t)(h.n_samples ? h.n_samples : 1) * sizeof *u->pcm);
  if (!u->words || !u->pcm)
    return VC_ERR_NOMEM;
  for (uint64_t i = 0; i < h.n_words; i++) {
    vc_fresh_word fw;
    if (!read_all(in, &fw, sizeof fw))
      return VC_ERR_SYNTH;
    u->words[i] = (vc_synth_word){
        .pos = (size_t)fw.pos, .len = (size_t)fw.len, .start = fw.start, .end = fw.end};
  }
  u->n_words = (size_t)h.n_words;
  u->n_samples = h.n_samples;
  return read_all(in, u->pcm, (size_t)h.n_samples * sizeof *u->pcm) ? VC_OK : VC_ERR_SYNTH;
}

vc_status vc_synth_take(vc_synth *s, const vc_voice *v, vc_synth_unit *u, vc_diag *diag) {
  if (!s || !u)
    return VC_ERR_ARG;
  *u = (vc_synth_unit){0};
  if (s->outstanding == 0)
    return VC_ERR_ARG;
  int in = s->answers[s->first];
  s->first = (s->first + 1) % VC_FRESH_MAX_PENDING;
  s->outstanding--;
  vc_status st = in >= 0 ? read_answer(in, u, diag) : VC_ERR_SYNTH;
  if (in >= 0)
    close(in);
  if (st != VC_OK) {
    vc_synth_unit_free(u);
    if (st == VC_ERR_SYNTH && diag && diag->msg[0] == '\0')
      snprintf(diag->msg, sizeof diag->msg, "voice %s: espeak-ng stopped while speaking",
               v && v->id ? v->id : "?");
  }
  return st;
}

void vc_synth_unit_free(vc_synth_unit *u) {
  if (!u)
    return;
  free(u->pcm);
  free(u->words);
  *u = (vc_synth_unit){0};
}

size_t vc_synth_outstanding(const vc_synth *s) {
  return s ? s->outstanding : 0;
}

vc_status vc_synth_speak_fresh(vc_synth *s, const vc_voice *v, const char *text,
                               vc_pcm_fn sink, void *user, uint64_t *n_samples,
                               vc_diag *diag) {
  if (!s || !v || !v->language || !text || !sink || !n_samples)
    return VC_ERR_ARG;
  *n_samples = 0;
  if (s->outstanding != 0)
    return VC_ERR_ARG; /* answers come in order: units sent before would come first */
  vc_synth_unit u = {0};
  vc_status st = vc_synth_submit(s, v, text, diag);
  if (st == VC_OK)
    st = vc_synth_take(s, v, &u, diag);
  if (st == VC_OK) {
    st = sink(user, u.pcm, (size_t)u.n_samples);
    *n_samples = u.n_samples;
  }
  vc_synth_unit_free(&u);
  return st;
}
