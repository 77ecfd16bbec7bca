/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The synthesiser a render uses: its own espeak-ng for vc_synth_speak, and units sent to
 * the fresh engine (synth_engine.c), started here: the engine program when it can be
 * found, else a fork of this process. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "synth.h"
#include "synth_engine.h"
#include "synth_speak.h"
#include "util_folders.h"
#include "voicecap/version.h"

/* Set by src/CMakeLists.txt from the install layout: where the engine program is
 * installed, and the ways to it from the bindir and from the libdir. */
#ifndef VC_INSTALL_ENGINE
#define VC_INSTALL_ENGINE "/usr/local/libexec/voicecap/voicecap-engine"
#endif
#ifndef VC_BIN_TO_ENGINE
#define VC_BIN_TO_ENGINE "../libexec/voicecap/voicecap-engine"
#endif
#ifndef VC_LIB_TO_ENGINE
#define VC_LIB_TO_ENGINE "../libexec/voicecap/voicecap-engine"
#endif
#define VC_ENGINE_NAME "voicecap-engine"

/* Units a vc_synth may keep outstanding. */
#define VC_FRESH_MAX_PENDING 256

/* The fresh engine of this process, started by the first vc_synth_new and left for the
 * process exit to end (its socket closes then, and it ends too). With espeak-ng's own
 * state, the only mutable static in voicecap. */
static struct {
  int rate;            /* espeak-ng's sample rate; 0 until the engine started */
  pid_t pid;           /* the engine's process, or 0 when it could not start */
  pid_t owner;         /* the process that started it: only that one may talk to it */
  int fd;              /* a stream socket to it */
  char path[PATH_MAX]; /* the engine program, or "" when it is a fork of the process */
} vc_engine;

struct vc_synth {
  vc_espeak_voice sp; /* this process's own espeak-ng (vc_synth_speak) */
  int16_t *pcm;       /* the last unit's samples (vc_synth_unit.pcm), kept for the next */
  size_t cap;         /* room in pcm, in samples */
  size_t outstanding; /* units sent to the fresh engine and not yet taken */
  size_t first;       /* answers[first]: the oldest one's pipe (-1: it failed) */
  int answers[VC_FRESH_MAX_PENDING];
};

/* The engine program: $VOICECAP_ENGINE ("fork": none, fork instead), else beside the
 * running program (a build folder), else where it is installed, found from the running
 * program, from the library, or at the configured path. 0 when there is none. */
static int engine_path(char *out, size_t size) {
  const char *env = getenv("VOICECAP_ENGINE");
  if (env && env[0])
    return strcmp(env, "fork") != 0 && snprintf(out, size, "%s", env) < (int)size &&
           access(out, X_OK) == 0;
  return vc_helper_find(VC_ENGINE_NAME, VC_BIN_TO_ENGINE, VC_LIB_TO_ENGINE,
                        VC_INSTALL_ENGINE, X_OK, out, size);
}

/* Starts the engine program on a socket; 1 when it answered as an engine of this build
 * (its sample rate in vc_engine.rate), else 0 with nothing left running. */
static int spawn_engine(const char *path) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    return 0;
  char fd_arg[16];
  snprintf(fd_arg, sizeof fd_arg, "%d", sv[1]);
  char *argv[] = {(char *)VC_ENGINE_NAME, (char *)"--socket", fd_arg, NULL};
  extern char **environ;
  pid_t pid = -1;
  int spawned = fcntl(sv[1], F_SETFD, 0) == 0 && /* the engine inherits this one alone */
                posix_spawn(&pid, path, NULL, NULL, argv, environ) == 0;
  close(sv[1]);
  vc_engine_hello h;
  if (spawned && vc_read_all(sv[0], &h, sizeof h) &&
      memcmp(h.magic, VC_ENGINE_MAGIC, sizeof h.magic) == 0 &&
      strncmp(h.version, VOICECAP_VERSION, sizeof h.version) == 0 && h.rate > 0) {
    vc_engine.rate = h.rate;
    snprintf(vc_engine.path, sizeof vc_engine.path, "%s", path);
    vc_engine.pid = pid;
    vc_engine.fd = sv[0];
    return 1;
  }
  close(sv[0]); /* an engine of another build, or none: it ends on the closed socket */
  if (spawned)
    waitpid(pid, NULL, 0);
  return 0;
}

/* Without the engine program: espeak-ng started here, and a fork of this process serves
 * from the state it has now. */
static vc_status fork_engine(vc_diag *diag) {
  int rate = vc_espeak_start(diag);
  if (rate <= 0)
    return VC_ERR_SYNTH;
  vc_engine.rate = rate;
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    return VC_OK; /* units then fail, saying why */
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    close(sv[0]);
    vc_engine_serve(sv[1]);
  }
  close(sv[1]);
  if (pid < 0) {
    close(sv[0]);
    return VC_OK;
  }
  fcntl(sv[0], F_SETFD, FD_CLOEXEC);
  vc_engine.pid = pid;
  vc_engine.fd = sv[0];
  return VC_OK;
}

static vc_status start_engine(vc_diag *diag) {
  char path[PATH_MAX];
  vc_engine.owner = getpid();
  if (engine_path(path, sizeof path) && spawn_engine(path))
    return VC_OK;
  return fork_engine(diag);
}

vc_status vc_synth_new(vc_synth **out, vc_diag *diag) {
  *out = NULL;
  if (vc_engine.rate <= 0) {
    vc_status st = start_engine(diag);
    if (st != VC_OK)
      return st;
  }
  vc_synth *s = calloc(1, sizeof *s);
  if (!s)
    return VC_ERR_NOMEM;
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
  if (s)
    free(s->pcm);
  free(s);
}

const char *vc_synth_engine(void) {
  return vc_engine.path[0] ? vc_engine.path : NULL;
}

int vc_synth_sample_rate(const vc_synth *s) {
  (void)s;
  return vc_engine.rate;
}

vc_status vc_synth_speak(vc_synth *s, const vc_voice *v, const char *text, vc_pcm_fn sink,
                         void *user, vc_synth_word **words, size_t *n_words,
                         uint64_t *n_samples, vc_diag *diag) {
  *words = NULL;
  *n_words = 0;
  *n_samples = 0;
  if (!s)
    return VC_ERR_ARG;
  return vc_espeak_speak(&s->sp, v, text, sink, user, words, n_words, n_samples, diag);
}

/* Whether this process can send units (it started the engine). */
static vc_status units_ready(const vc_voice *v, vc_diag *diag) {
  if (vc_engine.pid > 0 && vc_engine.owner == getpid())
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
  int ok = vc_send_all(vc_engine.fd, &q, sizeof q);
  for (int i = 0; ok && i < VC_FRESH_STRINGS; i++)
    ok = vc_send_all(vc_engine.fd, f[i], q.len[i]);
  char started = 0;
  int in = -1;
  if (ok)
    ok = vc_recv_with_fd(vc_engine.fd, &started, 1, &in);
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

/* Reads a unit's samples from `in` into s->pcm (grown as needed, and kept for the next
 * units, so that its pages are not made again for each): chunks up to one of none. */
static vc_status read_samples(vc_synth *s, int in, uint64_t *n) {
  *n = 0;
  for (;;) {
    uint32_t k = 0;
    if (!vc_read_all(in, &k, sizeof k))
      return VC_ERR_SYNTH;
    if (k == 0)
      return VC_OK;
    if (k > VC_FRESH_MAX_BYTES / sizeof *s->pcm - *n)
      return VC_ERR_SYNTH;
    if (*n + k > s->cap) {
      size_t cap = s->cap ? s->cap : (size_t)1 << 16;
      while (cap < *n + k)
        cap *= 2;
      int16_t *grown = realloc(s->pcm, cap * sizeof *grown);
      if (!grown)
        return VC_ERR_NOMEM;
      s->pcm = grown;
      s->cap = cap;
    }
    if (!vc_read_all(in, s->pcm + *n, (size_t)k * sizeof *s->pcm))
      return VC_ERR_SYNTH;
    *n += k;
  }
}

/* Reads a unit's answer from `in` into `u` (messages in diag). */
static vc_status read_answer(vc_synth *s, int in, vc_synth_unit *u, vc_diag *diag) {
  uint64_t n = 0;
  vc_status got = read_samples(s, in, &n);
  if (got != VC_OK)
    return got;
  vc_fresh_head h;
  if (!vc_read_all(in, &h, sizeof h) || h.msg_len >= 4096 ||
      (h.status == VC_OK && h.n_samples != n) ||
      h.n_words > VC_FRESH_MAX_BYTES / sizeof(vc_fresh_word))
    return VC_ERR_SYNTH;
  if (h.status != VC_OK) {
    char msg[4096];
    if (!vc_read_all(in, msg, h.msg_len))
      return VC_ERR_SYNTH;
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "%.*s", (int)h.msg_len, msg);
    return h.status > VC_OK && h.status < VC_STATUS_COUNT ? (vc_status)h.status
                                                          : VC_ERR_SYNTH;
  }
  if (!s->pcm && !(s->pcm = malloc(sizeof *s->pcm))) /* a unit of no samples */
    return VC_ERR_NOMEM;
  s->cap = s->cap ? s->cap : 1;
  u->words = malloc((size_t)(h.n_words ? h.n_words : 1) * sizeof *u->words);
  if (!u->words)
    return VC_ERR_NOMEM;
  vc_fresh_word *fw = malloc((size_t)(h.n_words ? h.n_words : 1) * sizeof *fw);
  if (!fw)
    return VC_ERR_NOMEM;
  if (!vc_read_all(in, fw, (size_t)h.n_words * sizeof *fw)) {
    free(fw);
    return VC_ERR_SYNTH;
  }
  for (uint64_t i = 0; i < h.n_words; i++)
    u->words[i] = (vc_synth_word){.pos = (size_t)fw[i].pos,
                                  .len = (size_t)fw[i].len,
                                  .start = fw[i].start,
                                  .end = fw[i].end};
  free(fw);
  u->n_words = (size_t)h.n_words;
  u->n_samples = n;
  u->pcm = s->pcm;
  return VC_OK;
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
  vc_status st = in >= 0 ? read_answer(s, in, u, diag) : VC_ERR_SYNTH;
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
  free(u->words); /* pcm is the vc_synth's */
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
