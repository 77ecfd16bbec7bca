/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Ogg page rewriting: a fixed stream serial number, each page's CRC recomputed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio_oggfix.h"

#define VC_OGG_HEADER 27
#define VC_OGG_MAX_PAGE (VC_OGG_HEADER + 255 + 255 * 255)

/* The Ogg CRC: polynomial 0x04C11DB7, initial value 0, bits not reflected. */
static uint32_t ogg_crc(const unsigned char *p, size_t n) {
  uint32_t crc = 0;
  for (size_t i = 0; i < n; i++) {
    crc ^= (uint32_t)p[i] << 24;
    for (int b = 0; b < 8; b++)
      crc = crc & 0x80000000u ? (crc << 1) ^ 0x04C11DB7u : crc << 1;
  }
  return crc;
}

static void put_le32(unsigned char *p, uint32_t v) {
  for (int i = 0; i < 4; i++)
    p[i] = (unsigned char)(v >> (8 * i));
}

/* Reads the page at the file position into `page`; returns its size, 0 at the end of
 * the file, or -1 when the bytes are not an Ogg page. */
static long read_page(FILE *f, unsigned char *page) {
  size_t got = fread(page, 1, VC_OGG_HEADER, f);
  if (got == 0)
    return 0;
  if (got != VC_OGG_HEADER || memcmp(page, "OggS", 4) != 0)
    return -1;
  size_t nseg = page[26];
  if (fread(page + VC_OGG_HEADER, 1, nseg, f) != nseg)
    return -1;
  size_t body = 0;
  for (size_t i = 0; i < nseg; i++)
    body += page[VC_OGG_HEADER + i];
  size_t head = VC_OGG_HEADER + nseg;
  if (fread(page + head, 1, body, f) != body)
    return -1;
  return (long)(head + body);
}

static vc_status rewrite_pages(FILE *f, unsigned char *page, uint32_t serial) {
  long at = 0, n;
  while ((n = read_page(f, page)) > 0) {
    put_le32(page + 14, serial);
    put_le32(page + 22, 0);
    put_le32(page + 22, ogg_crc(page, (size_t)n));
    if (fseek(f, at, SEEK_SET) != 0 || fwrite(page, 1, (size_t)n, f) != (size_t)n ||
        fseek(f, at + n, SEEK_SET) != 0)
      return VC_ERR_IO;
    at += n;
  }
  return n == 0 ? VC_OK : VC_ERR_AUDIO;
}

vc_status vc_ogg_set_serial(const char *path, uint32_t serial) {
  FILE *f = fopen(path, "r+b");
  if (!f)
    return VC_ERR_IO;
  unsigned char *page = malloc(VC_OGG_MAX_PAGE);
  vc_status st = page ? rewrite_pages(f, page, serial) : VC_ERR_NOMEM;
  free(page);
  if (fclose(f) != 0 && st == VC_OK)
    st = VC_ERR_IO;
  return st;
}
