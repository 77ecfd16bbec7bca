/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SHA-256 over bytes, strings and files, on libavutil's av_sha. */
#include "util_hash.h"

#include <libavutil/mem.h>
#include <libavutil/sha.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct vc_hash {
  struct AVSHA *sha;
};

vc_hash *vc_hash_new(void) {
  vc_hash *h = av_mallocz(sizeof *h);
  if (h && !(h->sha = av_sha_alloc())) {
    av_free(h);
    return NULL;
  }
  if (h)
    av_sha_init(h->sha, 256);
  return h;
}

void vc_hash_bytes(vc_hash *h, const void *p, size_t n) {
  const uint8_t *b = p;
  while (n > 0) { /* av_sha_update takes a size_t since FFmpeg 5, an int before */
    size_t k = n > (1u << 30) ? (1u << 30) : n;
    av_sha_update(h->sha, b, k);
    b += k, n -= k;
  }
}

void vc_hash_str(vc_hash *h, const char *s) {
  vc_hash_bytes(h, s ? s : "", strlen(s ? s : "") + 1);
}

int vc_hash_file(vc_hash *h, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  unsigned char buf[65536];
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, f)) > 0)
    vc_hash_bytes(h, buf, got);
  int bad = ferror(f);
  fclose(f);
  return bad ? -1 : 0;
}

void vc_hash_end(vc_hash *h, char hex[VC_HASH_HEX]) {
  uint8_t d[32];
  av_sha_final(h->sha, d);
  for (int i = 0; i < 32; i++)
    snprintf(hex + 2 * i, 3, "%02x", d[i]);
  av_free(h->sha);
  av_free(h);
}
