/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fresh engine: a process holding espeak-ng as it starts, one voice process per voice
 * in its unit state, and a child of that per unit. Runs in the engine program
 * (programs/voicecap-engine, exec'd once) or, without it, in a fork of the process. */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include <dirent.h>
#include <errno.h>
#include <espeak-ng/speak_lib.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "synth_engine.h"
#include "synth_speak.h"

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
 * It is made by fork. The engine process never speaks: the engine program
 * (programs/voicecap-engine, which links libespeak-ng alone and so forks cheaply), started
 * once by the first vc_synth_new, starts espeak-ng and serves; where that program cannot
 * be found, a fork of the process right after its espeak_Initialize serves alike. For each
 * voice it forks a voice process (a "zygote") that puts its engine in that voice's unit
 * state and never speaks either; each unit is spoken by a child forked from its voice's
 * zygote, which writes its samples and word timings to a pipe and exits. The engine hands
 * the pipe's reading end to the process (SCM_RIGHTS), which reads the answers in the order
 * it sent the units. As many children run at once as the process keeps units outstanding,
 * so units are spoken in parallel on as many cores; the answer of a unit does not depend on
 * that number. The engine and the zygotes are single-threaded, so they may fork safely even
 * while the process runs threads; they end when the socket closes, that is when the process
 * that started them ends. */

/* Bytes an answer's pipe holds, so that a child writes its answer in few steps. */
#define VC_ANSWER_PIPE (1 << 20)

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

int vc_send_all(int fd, const void *buf, size_t n) {
  return io_all(fd, (void *)buf, n, step_send);
}

int vc_write_all(int fd, const void *buf, size_t n) {
  return io_all(fd, (void *)buf, n, step_write);
}

int vc_read_all(int fd, void *buf, size_t n) {
  return io_all(fd, buf, n, step_read);
}

/* A unit's answer as its child writes it: the samples go to the pipe as espeak-ng makes
 * them, a chunk at a time, so that the child keeps no copy of them; once the pipe is
 * full (the process has not read yet) the rest of the answer is kept instead and written
 * at the end, so that the child never waits to speak on. */
typedef struct vc_answer_out {
  int fd; /* the pipe, non-blocking until the end */
  int spilled;
  char *kept; /* what could not be written yet */
  size_t n_kept, cap_kept;
  int16_t *chunk; /* VC_ANSWER_CHUNK samples */
  size_t n_chunk;
  uint64_t n_samples;
} vc_answer_out;

enum { VC_ANSWER_CHUNK = 1 << 15 };

/* Writes n bytes of the answer, or keeps them once the pipe was full. 0 on an error. */
static int out_bytes(vc_answer_out *o, const void *buf, size_t n) {
  const char *p = buf;
  while (!o->spilled && n > 0) {
    ssize_t k = write(o->fd, p, n);
    if (k > 0) {
      p += k;
      n -= (size_t)k;
    } else if (k < 0 && errno == EAGAIN) {
      o->spilled = 1;
    } else if (!(k < 0 && errno == EINTR)) {
      return 0;
    }
  }
  if (n == 0)
    return 1; /* all written (and nothing kept yet: memcpy must not get a null buffer) */
  if (n > o->cap_kept - o->n_kept) {
    size_t cap = o->cap_kept ? o->cap_kept : (size_t)1 << 20;
    while (cap - o->n_kept < n)
      cap *= 2;
    char *grown = realloc(o->kept, cap);
    if (!grown)
      return 0;
    o->kept = grown;
    o->cap_kept = cap;
  }
  memcpy(o->kept + o->n_kept, p, n);
  o->n_kept += n;
  return 1;
}

/* Writes the chunk of samples gathered: its length, then the samples. */
static int out_chunk(vc_answer_out *o) {
  uint32_t n = (uint32_t)o->n_chunk;
  int ok = n == 0 ||
           (out_bytes(o, &n, sizeof n) && out_bytes(o, o->chunk, n * sizeof *o->chunk));
  o->n_chunk = 0;
  return ok;
}

static vc_status answer_pcm(void *user, const int16_t *pcm, size_t n) {
  vc_answer_out *o = user;
  if (n > VC_FRESH_MAX_BYTES / sizeof *pcm - o->n_samples)
    return VC_ERR_LIMIT; /* the process would refuse it */
  o->n_samples += n;
  while (n > 0) {
    size_t k = VC_ANSWER_CHUNK - o->n_chunk < n ? VC_ANSWER_CHUNK - o->n_chunk : n;
    memcpy(o->chunk + o->n_chunk, pcm, k * sizeof *pcm);
    o->n_chunk += k;
    pcm += k;
    n -= k;
    if (o->n_chunk == VC_ANSWER_CHUNK && !out_chunk(o))
      return VC_ERR_IO;
  }
  return VC_OK;
}

int vc_send_with_fd(int sock, const void *buf, size_t n, int fd) {
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
             : k > 0 && vc_send_all(sock, (const char *)buf + k, n - (size_t)k);
}

int vc_recv_with_fd(int sock, void *buf, size_t n, int *fd) {
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
  return (size_t)k == n || vc_read_all(sock, (char *)buf + k, n - (size_t)k);
}

/* Ends a unit's answer: the samples' last chunk and the end of them (a chunk of none),
 * then the head, message and words; then, waiting now, what was kept. */
static int end_answer(vc_answer_out *o, vc_status st, const char *msg,
                      const vc_synth_word *w, size_t n_words) {
  vc_fresh_head h = {.status = (int32_t)st,
                     .msg_len = st == VC_OK ? 0 : (uint32_t)strlen(msg),
                     .n_samples = st == VC_OK ? o->n_samples : 0,
                     .n_words = st == VC_OK ? (uint64_t)n_words : 0};
  vc_fresh_word *fw = h.n_words ? malloc((size_t)h.n_words * sizeof *fw) : NULL;
  if (h.n_words && !fw)
    return 0;
  for (size_t i = 0; i < h.n_words; i++)
    fw[i] = (vc_fresh_word){w[i].pos, w[i].len, w[i].start, w[i].end};
  uint32_t none = 0;
  int ok = (st != VC_OK || out_chunk(o)) && out_bytes(o, &none, sizeof none) &&
           out_bytes(o, &h, sizeof h) && out_bytes(o, msg, h.msg_len) &&
           out_bytes(o, fw, (size_t)h.n_words * sizeof *fw);
  free(fw);
  int fl = fcntl(o->fd, F_GETFL);
  return ok && fl >= 0 && fcntl(o->fd, F_SETFL, fl & ~O_NONBLOCK) == 0 &&
         vc_write_all(o->fd, o->kept, o->n_kept);
}

/* An answer that is a failure alone (the unit did not start). */
static void fail_answer(int out, vc_status st, const char *msg) {
  vc_answer_out o = {.fd = out};
  end_answer(&o, st, msg, NULL, 0);
  free(o.kept);
}

/* In a unit's child: speaks `text` with the zygote's engine as it is (the voice's unit
 * state), writing the answer to `out` as it goes. */
static void unit_child(vc_espeak_voice *z, const vc_voice *v, const char *text, int out) {
  vc_answer_out o = {.fd = out, .chunk = malloc(VC_ANSWER_CHUNK * sizeof(int16_t))};
  int fl = fcntl(out, F_GETFL);
  if (!o.chunk || fl < 0 || fcntl(out, F_SETFL, fl | O_NONBLOCK) != 0)
    _exit(1); /* the process reads an early end: the unit failed */
  vc_synth_word *words = NULL;
  size_t n_words = 0;
  uint64_t n_samples = 0;
  vc_diag d = {{0}};
  vc_status st =
      vc_espeak_speak(z, v, text, answer_pcm, &o, &words, &n_words, &n_samples, &d);
  _exit(end_answer(&o, st, d.msg, words, n_words) ? 0 : 1);
}

/* A zygote's loop: takes (text length, text, answer pipe) from the engine and forks a
 * child to speak each, or answers at once with why the voice could not be set. */
static void zygote_main(int sock, vc_voice *v) {
  vc_espeak_voice z = {.voice_name = ""};
  vc_diag d = {{0}};
  vc_status set = vc_espeak_set_voice(&z, v, &d); /* the voice's unit state */
  signal(SIGCHLD, SIG_IGN);                       /* children are reaped by the kernel */
  for (;;) {
    uint64_t len = 0;
    int out = -1;
    if (!vc_recv_with_fd(sock, &len, sizeof len, &out) || out < 0 || len == 0 ||
        len > VC_FRESH_MAX_BYTES)
      _exit(0);
    char *text = malloc((size_t)len);
    if (!text || !vc_read_all(sock, text, (size_t)len) || text[len - 1] != '\0')
      _exit(0);
    pid_t pid = set == VC_OK ? fork() : -1;
    if (pid == 0) {
      close(sock);
      unit_child(&z, v, text, out);
    }
    if (pid < 0) /* the answer is the failure */
      fail_answer(out, set == VC_OK ? VC_ERR_SYNTH : set,
                  set == VC_OK ? "espeak-ng could not start a process" : d.msg);
    close(out);
    free(text);
  }
}

/* A zygote as the engine knows it: the voice's key and the socket to it. */
typedef struct vc_zygote {
  char key[256];
  int sock;
} vc_zygote;

typedef struct vc_engine_state {
  int fd; /* the socket to the process */
  vc_zygote z[VC_FRESH_MAX_VOICES];
  size_t n_z;
} vc_engine_state;

/* The key of a voice's unit state: everything set_voice sets. */
static void unit_key(const vc_voice *v, char *key, size_t size) {
  snprintf(key, size, "%s+%s/%d/%d/%d", v->language, v->variant ? v->variant : "", v->rate,
           v->pitch, v->range);
}

/* In the engine: the socket to the voice's zygote, forked the first time (-1 when it
 * cannot start). */
static int zygote_for(vc_engine_state *h, vc_voice *v) {
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

/* In the engine: reads one request's strings (f[0..4] point into *strings). */
static int read_request(int fd, vc_fresh_req *q, char **strings, char **f) {
  *strings = NULL;
  if (!vc_read_all(fd, q, sizeof *q))
    return 0;
  size_t total = 0;
  for (int i = 0; i < VC_FRESH_STRINGS; i++)
    total += q->len[i];
  *strings = total > 0 && total <= VC_FRESH_MAX_BYTES ? malloc(total) : NULL;
  if (!*strings || !vc_read_all(fd, *strings, total))
    return 0;
  for (size_t i = 0, at = 0; i < VC_FRESH_STRINGS; at += q->len[i], i++) {
    if (q->len[i] == 0 || (*strings)[at + q->len[i] - 1] != '\0')
      return 0;
    f[i] = *strings + at;
  }
  return 1;
}

/* In the engine: one request: a pipe for its answer, whose writing end goes with the
 * text to the voice's zygote and whose reading end goes back to the process (none: the
 * unit failed before it started). Returns 0 when the socket closed. */
static int serve_request(vc_engine_state *h) {
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
  if (zs >= 0 && pipe(p) == 0)
    fcntl(p[1], F_SETPIPE_SZ, VC_ANSWER_PIPE); /* fewer hand-offs; a failure is harmless */
  if (p[0] >= 0 && !(vc_send_with_fd(zs, &len, sizeof len, p[1]) &&
                     vc_send_all(zs, f[4], (size_t)len))) {
    close(p[0]);
    p[0] = -1;
  }
  if (p[1] >= 0)
    close(p[1]);
  free(strings);
  char started = p[0] >= 0 ? 1 : 0;
  int ok = vc_send_with_fd(h->fd, &started, 1, p[0]);
  if (p[0] >= 0)
    close(p[0]);
  return ok;
}

/* In the engine: closes every descriptor it inherited but the standard ones and `keep`,
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

void vc_engine_serve(int fd) {
  close_inherited(fd);
  signal(SIGINT, SIG_DFL);
  signal(SIGPIPE, SIG_IGN); /* a write to a closed pipe fails instead */
  vc_engine_state *h = calloc(1, sizeof *h);
  if (!h)
    _exit(1);
  h->fd = fd;
  /* espeak-ng lists its voices (reading every voice file) each time it is asked; listed
   * once here, the lists are inherited instead of read again by every zygote. Listing
   * changes nothing the engine speaks with. */
  vc_espeak_list_voices();
  signal(SIGCHLD, SIG_IGN); /* zygotes are reaped by the kernel */
  while (serve_request(h))
    ;
  _exit(0);
}
