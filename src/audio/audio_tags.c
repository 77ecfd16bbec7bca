/* Titles and chapters inside the audio file: Vorbis comments (libFLAC, libogg), ID3v2
 * CHAP/CTOC frames for MP3, RIFF `cue ` points with LIST/adtl labels for WAV. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "audio_tags.h"

#include <FLAC/metadata.h>
#include <inttypes.h>
#include <ogg/ogg.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vc_chapter_time(char *out, size_t n, int64_t ms) {
  if (ms < 0)
    ms = 0;
  snprintf(out, n, "%02" PRId64 ":%02" PRId64 ":%02" PRId64 ".%03" PRId64, ms / 3600000,
           ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

/* A growing byte buffer; `err` sticks after a failed allocation. */
typedef struct vc_bytes {
  unsigned char *p;
  size_t n, cap;
  int err;
} vc_bytes;

static void put(vc_bytes *b, const void *s, size_t n) {
  if (b->err)
    return;
  if (b->n + n > b->cap) {
    size_t cap = (b->n + n) * 2 + 64;
    unsigned char *p = realloc(b->p, cap);
    if (!p) {
      b->err = 1;
      return;
    }
    b->p = p, b->cap = cap;
  }
  if (n)
    memcpy(b->p + b->n, s, n);
  b->n += n;
}

static void put_u32le(vc_bytes *b, uint32_t v) {
  unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                        (unsigned char)(v >> 24)};
  put(b, c, 4);
}

static void put_u32be(vc_bytes *b, uint32_t v) {
  unsigned char c[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                        (unsigned char)(v >> 8), (unsigned char)v};
  put(b, c, 4);
}

/* ---- the comment list shared by FLAC, Vorbis and Opus ---- */

/* Calls `add` with every "KEY=value" comment the tags make; stops at the first failure. */
typedef int (*vc_comment_fn)(void *user, const char *key, const char *value);

static int each_comment(const vc_audio_tags *t, vc_comment_fn add, void *user) {
  const char *keys[] = {"TITLE", "ARTIST", "ALBUM"};
  const char *vals[] = {t->title, t->artist, t->album};
  for (int i = 0; i < 3; i++)
    if (vals[i] && vals[i][0] && add(user, keys[i], vals[i]) != 0)
      return -1;
  for (size_t i = 0; i < t->n_chapters; i++) {
    char key[32], when[32];
    snprintf(key, sizeof key, "CHAPTER%03zu", i + 1);
    vc_chapter_time(when, sizeof when, t->chapters[i].start_ms);
    if (add(user, key, when) != 0)
      return -1;
    snprintf(key, sizeof key, "CHAPTER%03zuNAME", i + 1);
    if (add(user, key, t->chapters[i].title ? t->chapters[i].title : "") != 0)
      return -1;
  }
  return 0;
}

/* ---- FLAC: libFLAC's metadata chain ---- */

static int flac_add(void *user, const char *key, const char *value) {
  FLAC__StreamMetadata *vc = user;
  FLAC__StreamMetadata_VorbisComment_Entry e;
  if (!FLAC__metadata_object_vorbiscomment_entry_from_name_value_pair(&e, key, value))
    return -1;
  return FLAC__metadata_object_vorbiscomment_append_comment(vc, e, false) ? 0 : -1;
}

/* The chain's VORBIS_COMMENT block, emptied, or a new one after STREAMINFO. */
static FLAC__StreamMetadata *flac_comment_block(FLAC__Metadata_Iterator *it) {
  do {
    FLAC__StreamMetadata *m = FLAC__metadata_iterator_get_block(it);
    if (m->type == FLAC__METADATA_TYPE_VORBIS_COMMENT) {
      FLAC__metadata_object_vorbiscomment_resize_comments(m, 0);
      return m;
    }
  } while (FLAC__metadata_iterator_next(it));
  while (FLAC__metadata_iterator_prev(it))
    ;
  FLAC__StreamMetadata *m = FLAC__metadata_object_new(FLAC__METADATA_TYPE_VORBIS_COMMENT);
  if (m && !FLAC__metadata_iterator_insert_block_after(it, m)) {
    FLAC__metadata_object_delete(m);
    return NULL;
  }
  return m;
}

static vc_status flac_write(const char *path, const vc_audio_tags *t) {
  FLAC__Metadata_Chain *chain = FLAC__metadata_chain_new();
  FLAC__Metadata_Iterator *it = FLAC__metadata_iterator_new();
  vc_status st = chain && it ? VC_OK : VC_ERR_NOMEM;
  if (st == VC_OK && !FLAC__metadata_chain_read(chain, path))
    st = VC_ERR_AUDIO;
  FLAC__StreamMetadata *vc = NULL;
  if (st == VC_OK) {
    FLAC__metadata_iterator_init(it, chain);
    vc = flac_comment_block(it);
    st = vc ? VC_OK : VC_ERR_NOMEM;
  }
  if (st == VC_OK && each_comment(t, flac_add, vc) != 0)
    st = VC_ERR_NOMEM;
  if (st == VC_OK) {
    FLAC__metadata_chain_sort_padding(chain);
    if (!FLAC__metadata_chain_write(chain, true, false))
      st = VC_ERR_IO;
  }
  if (it)
    FLAC__metadata_iterator_delete(it);
  if (chain)
    FLAC__metadata_chain_delete(chain);
  return st;
}

/* ---- Ogg Vorbis and Opus: the comment header replaced, pages made by libogg ---- */

static int bytes_add(void *user, const char *key, const char *value) {
  vc_bytes *b = user;
  size_t k = strlen(key), v = strlen(value);
  put_u32le(b, (uint32_t)(k + 1 + v));
  put(b, key, k);
  put(b, "=", 1);
  put(b, value, v);
  return b->err ? -1 : 0;
}

/* Builds the comment header packet: magic, the old packet's vendor string, the tags. */
static vc_status comment_packet(const ogg_packet *old, int opus, const vc_audio_tags *t,
                                vc_bytes *b) {
  const char *magic = opus ? "OpusTags" : "\x03vorbis";
  size_t m = opus ? 8 : 7;
  if ((size_t)old->bytes < m + 4 || memcmp(old->packet, magic, m) != 0)
    return VC_ERR_AUDIO;
  const unsigned char *p = old->packet + m;
  uint32_t vlen =
      (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
  if (vlen > (size_t)old->bytes - m - 4)
    return VC_ERR_AUDIO;
  put(b, magic, m);
  put_u32le(b, vlen);
  put(b, p + 4, vlen);
  size_t at_count = b->n;
  put_u32le(b, 0);
  if (each_comment(t, bytes_add, b) != 0 || b->err)
    return VC_ERR_NOMEM;
  uint32_t count = (t->title && t->title[0]) + (t->artist && t->artist[0]) +
                   (t->album && t->album[0]) + 2 * (uint32_t)t->n_chapters;
  for (int i = 0; i < 4; i++)
    b->p[at_count + (size_t)i] = (unsigned char)(count >> (8 * i));
  if (!opus)
    put(b, "\x01", 1); /* Vorbis framing bit */
  return b->err ? VC_ERR_NOMEM : VC_OK;
}

typedef struct vc_ogg_job {
  FILE *in, *out;
  ogg_sync_state sync;
  ogg_stream_state is, os;
  int opus, have_is, have_os;
  ogg_packet head[3]; /* copies of the header packets */
  int n_head;
  long pages_in, pages_out;
} vc_ogg_job;

/* The next page of the input; 0 at its end, -1 on damage. */
static int next_page(vc_ogg_job *g, ogg_page *pg) {
  for (;;) {
    int r = ogg_sync_pageout(&g->sync, pg);
    if (r == 1)
      return 1;
    if (r < 0)
      return -1;
    char *buf = ogg_sync_buffer(&g->sync, 65536);
    size_t got = buf ? fread(buf, 1, 65536, g->in) : 0;
    if (got == 0)
      return 0;
    ogg_sync_wrote(&g->sync, (long)got);
  }
}

static int write_page(vc_ogg_job *g, const ogg_page *pg) {
  return fwrite(pg->header, 1, (size_t)pg->header_len, g->out) == (size_t)pg->header_len &&
                 fwrite(pg->body, 1, (size_t)pg->body_len, g->out) == (size_t)pg->body_len
             ? 0
             : -1;
}

static int flush_header(vc_ogg_job *g) {
  ogg_page pg;
  while (ogg_stream_flush(&g->os, &pg)) {
    if (write_page(g, &pg) != 0)
      return -1;
    g->pages_out++;
  }
  return 0;
}

/* Writes the new header pages: identification, comments (own page), Vorbis setup. */
static vc_status write_headers(vc_ogg_job *g, const vc_audio_tags *t) {
  vc_bytes b = {0};
  vc_status st = comment_packet(&g->head[1], g->opus, t, &b);
  if (st != VC_OK) {
    free(b.p);
    return st;
  }
  ogg_packet c = g->head[1];
  c.packet = b.p, c.bytes = (long)b.n;
  g->have_os = ogg_stream_init(&g->os, g->is.serialno) == 0;
  if (!g->have_os || ogg_stream_packetin(&g->os, &g->head[0]) != 0 ||
      flush_header(g) != 0 || ogg_stream_packetin(&g->os, &c) != 0 ||
      (!g->opus && ogg_stream_packetin(&g->os, &g->head[2]) != 0) || flush_header(g) != 0)
    st = VC_ERR_IO;
  free(b.p);
  return st;
}

/* Reads pages until the header packets are all out; they end on a page boundary. */
static vc_status read_headers(vc_ogg_job *g) {
  int need = g->opus ? 2 : 3;
  ogg_page pg;
  while (g->n_head < need) {
    if (next_page(g, &pg) != 1)
      return VC_ERR_AUDIO;
    if (!g->have_is)
      g->have_is = ogg_stream_init(&g->is, ogg_page_serialno(&pg)) == 0;
    if (!g->have_is || ogg_stream_pagein(&g->is, &pg) != 0)
      return VC_ERR_AUDIO;
    g->pages_in++;
    ogg_packet op;
    while (g->n_head < need && ogg_stream_packetout(&g->is, &op) == 1) {
      ogg_packet *h = &g->head[g->n_head++];
      *h = op;
      h->packet = malloc((size_t)op.bytes);
      if (!h->packet)
        return VC_ERR_NOMEM;
      memcpy(h->packet, op.packet, (size_t)op.bytes);
    }
  }
  ogg_packet extra;
  return ogg_stream_packetpeek(&g->is, &extra) == 1 ? VC_ERR_AUDIO : VC_OK;
}

/* Copies the audio pages, renumbered by the change in header pages, CRCs recomputed. */
static vc_status copy_audio_pages(vc_ogg_job *g) {
  ogg_page pg;
  long delta = g->pages_out - g->pages_in;
  int r;
  while ((r = next_page(g, &pg)) == 1) {
    long no = ogg_page_pageno(&pg) + delta;
    for (int i = 0; i < 4; i++)
      pg.header[18 + i] = (unsigned char)((unsigned long)no >> (8 * i));
    ogg_page_checksum_set(&pg);
    if (write_page(g, &pg) != 0)
      return VC_ERR_IO;
  }
  return r == 0 ? VC_OK : VC_ERR_AUDIO;
}

static vc_status ogg_write(const char *path, int opus, const vc_audio_tags *t) {
  size_t n = strlen(path) + 8;
  char *tmp = malloc(n);
  if (!tmp)
    return VC_ERR_NOMEM;
  snprintf(tmp, n, "%s.tags~", path);
  vc_ogg_job g = {.opus = opus, .in = fopen(path, "rb"), .out = fopen(tmp, "wb")};
  ogg_sync_init(&g.sync);
  vc_status st = g.in && g.out ? VC_OK : VC_ERR_IO;
  if (st == VC_OK)
    st = read_headers(&g);
  if (st == VC_OK)
    st = write_headers(&g, t);
  if (st == VC_OK)
    st = copy_audio_pages(&g);
  if (g.in)
    fclose(g.in);
  if (g.out && fclose(g.out) != 0 && st == VC_OK)
    st = VC_ERR_IO;
  if (st == VC_OK && rename(tmp, path) != 0)
    st = VC_ERR_IO;
  if (st != VC_OK)
    remove(tmp);
  for (int i = 0; i < g.n_head; i++)
    free(g.head[i].packet);
  if (g.have_is)
    ogg_stream_clear(&g.is);
  if (g.have_os)
    ogg_stream_clear(&g.os);
  ogg_sync_clear(&g.sync);
  free(tmp);
  return st;
}

/* ---- MP3: an ID3v2.4 tag in front (libsndfile writes none; libid3tag 0.15 knows no
 * CHAP/CTOC frames and cannot grow a file's tag, so the frames are written here) ---- */

static void put_syncsafe(vc_bytes *b, uint32_t v) {
  unsigned char c[4] = {(unsigned char)((v >> 21) & 0x7F),
                        (unsigned char)((v >> 14) & 0x7F), (unsigned char)((v >> 7) & 0x7F),
                        (unsigned char)(v & 0x7F)};
  put(b, c, 4);
}

static void put_frame(vc_bytes *b, const char *id, const vc_bytes *body) {
  put(b, id, 4);
  put_syncsafe(b, (uint32_t)body->n);
  put(b, "\0\0", 2);
  put(b, body->p, body->n);
}

/* A text frame (TIT2, TPE1, TALB) in UTF-8. */
static void put_text_frame(vc_bytes *b, const char *id, const char *s) {
  if (!s || !s[0])
    return;
  vc_bytes body = {0};
  put(&body, "\x03", 1);
  put(&body, s, strlen(s));
  b->err |= body.err;
  put_frame(b, id, &body);
  free(body.p);
}

static void put_chap(vc_bytes *b, const vc_audio_tags *t, size_t i) {
  char id[24];
  snprintf(id, sizeof id, "ch%zu", i + 1);
  int64_t end = i + 1 < t->n_chapters ? t->chapters[i + 1].start_ms : t->duration_ms;
  vc_bytes body = {0};
  put(&body, id, strlen(id) + 1);
  put_u32be(&body, (uint32_t)t->chapters[i].start_ms);
  put_u32be(&body, (uint32_t)end);
  put_u32be(&body, 0xFFFFFFFFu);
  put_u32be(&body, 0xFFFFFFFFu);
  put_text_frame(&body, "TIT2", t->chapters[i].title);
  b->err |= body.err;
  put_frame(b, "CHAP", &body);
  free(body.p);
}

/* The table of contents: top level, ordered, up to 255 chapters (one byte counts them). */
static void put_ctoc(vc_bytes *b, const vc_audio_tags *t) {
  size_t n = t->n_chapters < 255 ? t->n_chapters : 255;
  vc_bytes body = {0};
  unsigned char head[2] = {0x03, (unsigned char)n};
  put(&body, "toc", 4);
  put(&body, head, 2);
  for (size_t i = 0; i < n; i++) {
    char id[24];
    snprintf(id, sizeof id, "ch%zu", i + 1);
    put(&body, id, strlen(id) + 1);
  }
  b->err |= body.err;
  put_frame(b, "CTOC", &body);
  free(body.p);
}

static vc_status id3_tag(const vc_audio_tags *t, vc_bytes *tag) {
  vc_bytes frames = {0};
  put_text_frame(&frames, "TIT2", t->title);
  put_text_frame(&frames, "TPE1", t->artist);
  put_text_frame(&frames, "TALB", t->album);
  if (t->n_chapters)
    put_ctoc(&frames, t);
  for (size_t i = 0; i < t->n_chapters; i++)
    put_chap(&frames, t, i);
  put(tag, "ID3\x04\x00\x00", 6);
  put_syncsafe(tag, (uint32_t)frames.n);
  put(tag, frames.p, frames.n);
  tag->err |= frames.err;
  free(frames.p);
  return tag->err || frames.n >= (1u << 28) ? VC_ERR_NOMEM : VC_OK;
}

/* Writes `head` then the whole of `path` into PATH.tags~ and renames it over `path`. */
static vc_status prepend(const char *path, const vc_bytes *head) {
  size_t n = strlen(path) + 8;
  char *tmp = malloc(n);
  if (!tmp)
    return VC_ERR_NOMEM;
  snprintf(tmp, n, "%s.tags~", path);
  FILE *in = fopen(path, "rb"), *out = fopen(tmp, "wb");
  vc_status st = in && out ? VC_OK : VC_ERR_IO;
  if (st == VC_OK && fwrite(head->p, 1, head->n, out) != head->n)
    st = VC_ERR_IO;
  char buf[65536];
  size_t got;
  while (st == VC_OK && (got = fread(buf, 1, sizeof buf, in)) > 0)
    if (fwrite(buf, 1, got, out) != got)
      st = VC_ERR_IO;
  if (in)
    fclose(in);
  if (out && fclose(out) != 0)
    st = VC_ERR_IO;
  if (st == VC_OK && rename(tmp, path) != 0)
    st = VC_ERR_IO;
  if (st != VC_OK)
    remove(tmp);
  free(tmp);
  return st;
}

static vc_status mp3_write(const char *path, const vc_audio_tags *t) {
  vc_bytes tag = {0};
  vc_status st = id3_tag(t, &tag);
  if (st == VC_OK)
    st = prepend(path, &tag);
  free(tag.p);
  return st;
}

/* ---- WAV: `cue ` and LIST/adtl chunks after the data (libsndfile 1.2 takes cue points
 * only before the first sample and writes no labels) ---- */

static void put_wav_chunks(vc_bytes *b, const vc_audio_tags *t, int rate) {
  put(b, "cue ", 4);
  put_u32le(b, (uint32_t)(4 + 24 * t->n_chapters));
  put_u32le(b, (uint32_t)t->n_chapters);
  for (size_t i = 0; i < t->n_chapters; i++) {
    uint32_t at = (uint32_t)((t->chapters[i].start_ms * (int64_t)rate + 500) / 1000);
    put_u32le(b, (uint32_t)(i + 1));
    put_u32le(b, at);
    put(b, "data", 4);
    put_u32le(b, 0);
    put_u32le(b, 0);
    put_u32le(b, at);
  }
  vc_bytes adtl = {0};
  put(&adtl, "adtl", 4);
  for (size_t i = 0; i < t->n_chapters; i++) {
    const char *s = t->chapters[i].title ? t->chapters[i].title : "";
    size_t n = strlen(s) + 1;
    put(&adtl, "labl", 4);
    put_u32le(&adtl, (uint32_t)(4 + n));
    put_u32le(&adtl, (uint32_t)(i + 1));
    put(&adtl, s, n);
    if ((4 + n) % 2)
      put(&adtl, "", 1);
  }
  put(b, "LIST", 4);
  put_u32le(b, (uint32_t)adtl.n);
  put(b, adtl.p, adtl.n);
  b->err |= adtl.err;
  free(adtl.p);
}

static vc_status wav_write(const char *path, const vc_audio_tags *t) {
  SF_INFO info = {0};
  SNDFILE *sf = sf_open(path, SFM_READ, &info);
  if (!sf)
    return VC_ERR_AUDIO;
  sf_close(sf);
  if ((info.format & SF_FORMAT_TYPEMASK) != SF_FORMAT_WAV || t->n_chapters == 0)
    return VC_OK; /* RF64 past 4 GiB: no cue points */
  vc_bytes b = {0};
  put_wav_chunks(&b, t, info.samplerate);
  FILE *f = b.err ? NULL : fopen(path, "r+b");
  vc_status st = f ? VC_OK : b.err ? VC_ERR_NOMEM : VC_ERR_IO;
  long end = 0;
  if (st == VC_OK && (fseek(f, 0, SEEK_END) != 0 || (end = ftell(f)) < 12 || end % 2))
    st = VC_ERR_AUDIO;
  vc_bytes size = {0};
  put_u32le(&size, (uint32_t)((uint64_t)end + b.n - 8));
  if (st == VC_OK && (size.err || fwrite(b.p, 1, b.n, f) != b.n ||
                      fseek(f, 4, SEEK_SET) != 0 || fwrite(size.p, 1, 4, f) != 4))
    st = VC_ERR_IO;
  if (f && fclose(f) != 0 && st == VC_OK)
    st = VC_ERR_IO;
  free(size.p);
  free(b.p);
  return st;
}

vc_status vc_audio_tags_write(const char *path, const char *format,
                              const vc_audio_tags *t) {
  if (!path || !t)
    return VC_ERR_ARG;
  if (!format || strcmp(format, "wav") == 0)
    return wav_write(path, t);
  if (strcmp(format, "flac") == 0)
    return flac_write(path, t);
  if (strcmp(format, "ogg") == 0 || strcmp(format, "opus") == 0)
    return ogg_write(path, strcmp(format, "opus") == 0, t);
  if (strcmp(format, "mp3") == 0)
    return mp3_write(path, t);
  return VC_ERR_ARG;
}
