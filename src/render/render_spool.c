/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The spool: every write of the audio (speech with its gain, or silence) kept in an
 * unnamed file, so that the audio can be written again, alike, with pauses put in. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/uio.h>
#include <unistd.h>

#include "render_spool.h"

struct vc_spool {
  int fd;     /* written with plain writes: each write of the audio once, no copy */
  FILE *back; /* read back through stdio (vc_spool_replay), opened then */
};

/* One write as kept: its head, then n samples when it is speech. */
typedef struct vc_spool_head {
  uint64_t n;
  double gain;
  int32_t speech;
} vc_spool_head;

enum { VC_SPOOL_CHUNK = 1 << 16 }; /* samples read back at a time */

vc_status vc_spool_open(int fd, vc_spool **out) {
  *out = NULL;
  vc_spool *s = calloc(1, sizeof *s);
  if (!s) {
    close(fd);
    return VC_ERR_NOMEM;
  }
  s->fd = fd;
  *out = s;
  return VC_OK;
}

vc_status vc_spool_put(vc_spool *s, const int16_t *pcm, size_t n, double gain) {
  vc_spool_head h = {.n = n, .gain = gain, .speech = pcm != NULL};
  struct iovec v[2] = {{&h, sizeof h}, {(void *)pcm, pcm ? n * sizeof *pcm : 0}};
  int k = 0;
  while (k < 2) { /* the head and the samples in one call, going on after a short one */
    ssize_t w = writev(s->fd, v + k, 2 - k);
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0)
      return VC_ERR_IO;
    size_t done = (size_t)w;
    while (k < 2 && done >= v[k].iov_len) {
      done -= v[k].iov_len;
      k++;
    }
    if (k < 2) {
      v[k].iov_base = (char *)v[k].iov_base + done;
      v[k].iov_len -= done;
    }
  }
  return VC_OK;
}

/* Hands on one kept write of speech, read back a chunk at a time. */
static vc_status replay_speech(vc_spool *s, const vc_spool_head *h, int16_t *buf,
                               vc_spool_fn fn, void *user) {
  vc_status st = VC_OK;
  for (uint64_t left = h->n; st == VC_OK && left > 0;) {
    size_t k = left < VC_SPOOL_CHUNK ? (size_t)left : VC_SPOOL_CHUNK;
    if (fread(buf, sizeof *buf, k, s->back) != k)
      return VC_ERR_IO;
    st = fn(user, buf, k, h->gain);
    left -= k;
  }
  return st;
}

vc_status vc_spool_replay(vc_spool *s, vc_spool_fn fn, void *user) {
  if (!s->back) {
    int fd = dup(s->fd);
    if (fd < 0 || !(s->back = fdopen(fd, "rb"))) {
      if (fd >= 0)
        close(fd);
      return VC_ERR_IO;
    }
  }
  if (fseek(s->back, 0, SEEK_SET) != 0)
    return VC_ERR_IO;
  int16_t *buf = malloc(VC_SPOOL_CHUNK * sizeof *buf);
  if (!buf)
    return VC_ERR_NOMEM;
  vc_status st = VC_OK;
  vc_spool_head h;
  while (st == VC_OK && fread(&h, sizeof h, 1, s->back) == 1)
    st = h.speech ? replay_speech(s, &h, buf, fn, user)
                  : fn(user, NULL, (size_t)h.n, h.gain);
  if (st == VC_OK && ferror(s->back))
    st = VC_ERR_IO;
  free(buf);
  if (lseek(s->fd, 0, SEEK_END) < 0 && st == VC_OK) /* shared with `back`: puts go on */
    st = VC_ERR_IO;
  return st;
}

void vc_spool_close(vc_spool *s) {
  if (!s)
    return;
  if (s->back)
    fclose(s->back);
  close(s->fd);
  free(s);
}
