/* NAME.epub: an EPUB 3 talking book, the interview's text read aloud in sync. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "epub.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "writers_internal.h"

#define VC_EPUB_AUDIO "audio.mp3"
#define VC_EPUB_TEXT "interview.xhtml"

/* Appends s[0..n) escaped for XHTML text and attributes; characters XML forbids (C0
 * controls other than tab and line feed) are left out. */
static void put_esc(vc_sbuf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '&')
      vc_sbuf_adds(b, "&amp;");
    else if (c == '<')
      vc_sbuf_adds(b, "&lt;");
    else if (c == '>')
      vc_sbuf_adds(b, "&gt;");
    else if (c == '"')
      vc_sbuf_adds(b, "&quot;");
    else if (c >= 0x20 || c == '\t' || c == '\n')
      vc_sbuf_addc(b, (char)c);
  }
}

static void put_escs(vc_sbuf *b, const char *s) {
  put_esc(b, s, s ? strlen(s) : 0);
}

static void putf(vc_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(vc_sbuf *b, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  vc_sbuf_adds(b, tmp);
}

static double secs(const vc_epub_in *in, uint64_t samples) {
  return (double)samples / in->tl->sample_rate;
}

/* "H:MM:SS.mmm", a SMIL clock value. */
static void put_clock(vc_sbuf *b, double s) {
  int64_t ms = (int64_t)(s * 1000.0 + 0.5);
  putf(b, "%" PRId64 ":%02" PRId64 ":%02" PRId64 ".%03" PRId64, ms / 3600000,
       ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

/* ---- the text and its overlay, built together: one sentence, one clip ---- */

typedef struct vc_book {
  const vc_epub_in *in;
  vc_sbuf x, smil;
  size_t n_sentences; /* spans with an id */
  size_t n_clips;     /* clips in the overlay */
  double spoken;      /* seconds of audio the clips cover */
} vc_book;

/* One clip of the overlay; none for a span without sound (a sentence of only a dash,
 * which takes its neighbour's time and so lasts 0 ms): SMIL wants clipBegin < clipEnd. */
static void add_clip(vc_book *k, const char *target, uint64_t a, uint64_t z) {
  double s0 = secs(k->in, a), s1 = secs(k->in, z);
  if ((int64_t)(s1 * 1000.0 + 0.5) <= (int64_t)(s0 * 1000.0 + 0.5))
    return;
  putf(&k->smil,
       "<par id=\"par%zu\"><text src=\"" VC_EPUB_TEXT "#%s\"/><audio src=\"" VC_EPUB_AUDIO
       "\" clipBegin=\"%.3fs\" clipEnd=\"%.3fs\"/></par>\n",
       ++k->n_clips, target, s0, s1);
  k->spoken += (double)(int64_t)(s1 * 1000.0 + 0.5) / 1000.0 -
               (double)(int64_t)(s0 * 1000.0 + 0.5) / 1000.0;
}

/* Writes turn `ti`'s text, sentence by sentence from its words `w[0..n)`, each sentence
 * a span with an id and a clip; a paragraph break closes the paragraph. Returns the
 * bytes of the text written. */
static size_t put_sentences(vc_book *k, size_t ti, const vc_word *w, size_t n) {
  const vc_turn *t = &k->in->script->turns[ti];
  size_t at = 0, first = 0;
  for (size_t i = 0; i < n; i++) {
    int last = i + 1 == n;
    if (!(w[i].sentence_end || w[i].paragraph_end || last))
      continue;
    size_t a = w[first].start_byte, z = w[i].end_byte;
    put_esc(&k->x, t->text + at, a > at ? a - at : 0);
    char id[32];
    snprintf(id, sizeof id, "s%zu", ++k->n_sentences);
    putf(&k->x, "<span id=\"%s\">", id);
    put_esc(&k->x, t->text + a, z - a);
    vc_sbuf_adds(&k->x, "</span>");
    add_clip(k, id, w[first].start, w[i].end);
    at = z;
    if (w[i].paragraph_end && !last)
      putf(&k->x, "</p>\n<p>");
    first = i + 1;
  }
  return at;
}

/* The words of turn `ti`, which come turn by turn in the timeline. */
static const vc_word *turn_words(const vc_timeline *tl, size_t ti, size_t *n) {
  size_t i = 0;
  while (i < tl->n_words && tl->words[i].turn < ti)
    i++;
  size_t j = i;
  while (j < tl->n_words && tl->words[j].turn == ti)
    j++;
  *n = j - i;
  return tl->words + i;
}

static void put_turn(vc_book *k, size_t ti) {
  const vc_script *s = k->in->script;
  const vc_turn *t = &s->turns[ti];
  int quote = t->role == VC_ROLE_QUOTE;
  char *name = vc_speaker_field(s, t->speaker, NULL);
  putf(&k->x, "<section class=\"turn sp%zu\" id=\"t%zu\">\n", t->speaker, ti + 1);
  putf(&k->x, "<h2 class=\"speaker\"><span id=\"n%zu\">", ti + 1); /* a heading a turn */
  if (!name)
    k->x.err = 1;
  put_escs(&k->x, name);
  free(name);
  vc_sbuf_adds(&k->x, "</span></h2>\n");
  if (ti > 0 && s->turns[ti - 1].announcement) { /* the name heard is the name shown */
    char id[32];
    snprintf(id, sizeof id, "n%zu", ti + 1);
    add_clip(k, id, k->in->tl->turns[ti - 1].start, k->in->tl->turns[ti - 1].end);
  }
  vc_sbuf_adds(&k->x, quote ? "<blockquote>\n<p>" : "<p>");
  size_t n = 0;
  const vc_word *w = turn_words(k->in->tl, ti, &n);
  size_t done = put_sentences(k, ti, w, n);
  put_esc(&k->x, t->text + done, t->text_len - done);
  vc_sbuf_adds(&k->x, quote ? "</p>\n</blockquote>\n</section>\n" : "</p>\n</section>\n");
}

static void put_text(vc_book *k) {
  vc_sbuf *x = &k->x;
  vc_sbuf_adds(x,
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
               "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
               "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"en\" xml:lang=\"en\">\n"
               "<head>\n<meta charset=\"UTF-8\"/>\n<title>");
  put_escs(x, k->in->title);
  vc_sbuf_adds(x,
               "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n"
               "</head>\n<body>\n<main id=\"interview\" epub:type=\"bodymatter\">\n<h1 "
               "id=\"title\">");
  put_escs(x, k->in->title);
  vc_sbuf_adds(x, "</h1>\n");
  if (k->in->author) {
    vc_sbuf_adds(x, "<p class=\"byline\">By ");
    put_escs(x, k->in->author);
    vc_sbuf_adds(x, "</p>\n");
  }
  for (size_t i = 0; i < k->in->script->n_turns; i++)
    if (!k->in->script->turns[i].announcement)
      put_turn(k, i);
  vc_sbuf_adds(x, "</main>\n</body>\n</html>\n");
}

static char *make_smil(vc_book *k) {
  vc_sbuf b = {0};
  vc_sbuf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<smil xmlns=\"http://www.w3.org/ns/SMIL\" "
                   "xmlns:epub=\"http://www.idpf.org/2007/ops\" version=\"3.0\">\n<body>\n"
                   "<seq id=\"seq1\" epub:textref=\"" VC_EPUB_TEXT "#interview\" "
                   "epub:type=\"bodymatter\">\n");
  vc_sbuf_add(&b, k->smil.s ? k->smil.s : "", k->smil.len);
  vc_sbuf_adds(&b, "</seq>\n</body>\n</smil>\n");
  return vc_sbuf_take(&b);
}

static char *make_nav(const vc_epub_in *in) {
  vc_sbuf b = {0};
  vc_sbuf_adds(&b,
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
               "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
               "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"en\" xml:lang=\"en\">\n"
               "<head>\n<meta charset=\"UTF-8\"/>\n<title>");
  put_escs(&b, in->title);
  vc_sbuf_adds(&b, "</title>\n</head>\n<body>\n<nav epub:type=\"toc\" role=\"doc-toc\" "
                   "id=\"toc\">\n<h1>");
  put_escs(&b, in->title);
  vc_sbuf_adds(&b, "</h1>\n<ol>\n");
  for (size_t i = 0; i < in->chapters->n; i++) {
    putf(&b, "<li><a href=\"" VC_EPUB_TEXT "#t%zu\">", in->chapters->ch[i].turn + 1);
    put_escs(&b, in->chapters->ch[i].title);
    vc_sbuf_adds(&b, "</a></li>\n");
  }
  vc_sbuf_adds(&b, "</ol>\n</nav>\n</body>\n</html>\n");
  return vc_sbuf_take(&b);
}

/* Speaker colours: the caption colours, on black as in the captions (they are chosen
 * for contrast against black), marking each turn's speaker name and its left edge. */
static char *make_css(const vc_epub_in *in) {
  vc_sbuf b = {0};
  vc_sbuf_adds(
      &b, "body { font-family: serif; line-height: 1.5; margin: 1em; }\n"
          ".turn { border-left: 0.4em solid #000000; padding-left: 0.8em; "
          "margin: 1em 0; }\n"
          ".speaker { margin: 0; font-size: 1em; }\n.speaker span { background: #000000; "
          "font-family: sans-serif; font-weight: bold; padding: 0 0.3em; }\n"
          "blockquote { margin: 0.5em 0 0.5em 1.5em; font-style: italic; }\n"
          ".-epub-media-overlay-active { background: #FFFF99; color: #000000; }\n");
  for (size_t i = 0; i < in->script->n_speakers; i++) {
    unsigned c = in->cast->colour[i] & 0xFFFFFFu;
    putf(&b,
         ".sp%zu { border-left-color: #%06X; }\n.sp%zu .speaker span { color: #%06X; }\n",
         i, c, i, c);
  }
  return vc_sbuf_take(&b);
}

static void put_meta(vc_sbuf *b, const char *prop, const char *value) {
  putf(b, "<meta property=\"%s\">", prop);
  put_escs(b, value);
  vc_sbuf_adds(b, "</meta>\n");
}

/* The package's fixed metadata after the duration: the media overlay's class and
 * narrator, then the EPUB Accessibility 1.1 properties (property, value), in order. */
static const char *const vc_opf_meta[][2] = {
    {"media:active-class", "-epub-media-overlay-active"},
    {"media:narrator", "voicecap (espeak-ng synthetic voices, one per speaker)"},
    {"schema:accessMode", "textual"},
    {"schema:accessMode", "auditory"},
    {"schema:accessModeSufficient", "textual"},
    {"schema:accessModeSufficient", "auditory"},
    {"schema:accessModeSufficient", "textual,auditory"},
    {"schema:accessibilityFeature", "synchronizedAudioText"},
    {"schema:accessibilityFeature", "structuralNavigation"},
    {"schema:accessibilityFeature", "tableOfContents"},
    {"schema:accessibilityFeature", "readingOrder"},
    {"schema:accessibilityFeature", "displayTransformability"},
    {"schema:accessibilityHazard", "none"},
    {"schema:accessibilitySummary",
     "The full text of the interview, each turn under its speaker's name, read aloud "
     "by synthetic voices (one per speaker) in sync with the text, sentence by "
     "sentence. The table of contents has one entry per turn. The text alone and "
     "the audio alone each give the whole interview."},
    {"dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"},
    {"a11y:certifiedBy", "voicecap (self-assessed; checked with epubcheck)"},
};

static char *make_opf(const vc_epub_in *in, double spoken) {
  vc_sbuf b = {0};
  char when[32], dur[32];
  time_t t = (time_t)in->modified;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  vc_sbuf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
                   "unique-identifier=\"uid\" xml:lang=\"en\">\n"
                   "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
  uint64_t h = in->id;
  putf(&b,
       "<dc:identifier id=\"uid\">urn:uuid:%08" PRIx32 "-%04" PRIx32 "-4%03" PRIx32
       "-8%03" PRIx32 "-%012" PRIx64 "</dc:identifier>\n",
       (uint32_t)(h >> 32), (uint32_t)(h >> 16) & 0xFFFF, (uint32_t)h & 0xFFF,
       (uint32_t)(h >> 20) & 0xFFF, (h * 0x9E3779B97F4A7C15u) & 0xFFFFFFFFFFFFu);
  vc_sbuf_adds(&b, "<dc:title>");
  put_escs(&b, in->title);
  vc_sbuf_adds(&b, "</dc:title>\n<dc:language>en</dc:language>\n");
  if (in->author) {
    vc_sbuf_adds(&b, "<dc:creator>");
    put_escs(&b, in->author);
    vc_sbuf_adds(&b, "</dc:creator>\n");
  }
  put_meta(&b, "dcterms:modified", when);
  vc_sbuf sd = {0};
  put_clock(&sd, spoken);
  snprintf(dur, sizeof dur, "%s", sd.s ? sd.s : "0:00:00.000");
  vc_sbuf_free(&sd);
  putf(&b, "<meta property=\"media:duration\" refines=\"#overlay\">%s</meta>\n", dur);
  put_meta(&b, "media:duration", dur);
  for (size_t i = 0; i < sizeof vc_opf_meta / sizeof vc_opf_meta[0]; i++)
    put_meta(&b, vc_opf_meta[i][0], vc_opf_meta[i][1]);
  vc_sbuf_adds(
      &b,
      "</metadata>\n<manifest>\n"
      "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" "
      "properties=\"nav\"/>\n"
      "<item id=\"text\" href=\"" VC_EPUB_TEXT "\" media-type=\"application/xhtml+xml\" "
      "media-overlay=\"overlay\"/>\n"
      "<item id=\"overlay\" href=\"interview.smil\" media-type=\"application/smil+xml\"/>\n"
      "<item id=\"audio\" href=\"" VC_EPUB_AUDIO "\" media-type=\"audio/mpeg\"/>\n"
      "<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n"
      "</manifest>\n<spine>\n<itemref idref=\"text\"/>\n</spine>\n</package>\n");
  return vc_sbuf_take(&b);
}

static const char vc_container[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" "
    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" "
    "media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";

/* Adds `data` under `name`; libzip reads it when the archive closes, so it must live
 * until then. */
static int add_entry(zip_t *z, const char *name, const char *data, size_t n, int store,
                     time_t mtime) {
  zip_source_t *src = zip_source_buffer(z, data, n, 0);
  if (!src)
    return -1;
  zip_int64_t i = zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8);
  if (i < 0) {
    zip_source_free(src);
    return -1;
  }
  if (zip_set_file_compression(z, (zip_uint64_t)i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                               9) != 0 ||
      zip_file_set_mtime(z, (zip_uint64_t)i, mtime, 0) != 0)
    return -1;
  return 0;
}

static int add_audio(zip_t *z, const char *path, time_t mtime) {
  zip_source_t *src = zip_source_file(z, path, 0, -1);
  if (!src)
    return -1;
  zip_int64_t i = zip_file_add(z, "EPUB/" VC_EPUB_AUDIO, src, 0);
  if (i < 0) {
    zip_source_free(src);
    return -1;
  }
  return zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0) == 0 &&
                 zip_file_set_mtime(z, (zip_uint64_t)i, mtime, 0) == 0
             ? 0
             : -1;
}

static vc_status zip_book(const char *path, const vc_epub_in *in, vc_book *k,
                          vc_diag *diag) {
  int err = 0;
  zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) {
    snprintf(diag->msg, sizeof diag->msg, "%s: cannot create the book", path);
    return VC_ERR_IO;
  }
  time_t mt = (time_t)in->modified;
  struct {
    const char *name;
    char *doc;
  } docs[] = {{"EPUB/package.opf", make_opf(in, k->spoken)},
              {"EPUB/nav.xhtml", make_nav(in)},
              {"EPUB/" VC_EPUB_TEXT, vc_sbuf_take(&k->x)},
              {"EPUB/interview.smil", make_smil(k)},
              {"EPUB/style.css", make_css(in)}};
  enum { N_DOCS = sizeof docs / sizeof docs[0] };
  int bad = add_entry(z, "mimetype", "application/epub+zip", 20, 1, mt) != 0 ||
            add_entry(z, "META-INF/container.xml", vc_container, sizeof vc_container - 1, 0,
                      mt) != 0;
  for (size_t i = 0; i < N_DOCS; i++)
    bad = bad || !docs[i].doc ||
          add_entry(z, docs[i].name, docs[i].doc, strlen(docs[i].doc), 0, mt) != 0;
  bad = bad || add_audio(z, in->audio_mp3, mt) != 0;
  vc_status st = VC_OK;
  if (bad || zip_close(z) != 0) {
    snprintf(diag->msg, sizeof diag->msg, "%s: cannot write the book: %s", path,
             zip_strerror(z));
    zip_discard(z);
    st = VC_ERR_IO;
  }
  for (size_t i = 0; i < N_DOCS; i++)
    free(docs[i].doc);
  return st;
}

vc_status vc_epub_write(const char *path, const vc_epub_in *in, vc_diag *diag) {
  if (!path || !in || !in->script || !in->tl || !in->cast || !in->chapters ||
      !in->audio_mp3)
    return VC_ERR_ARG;
  vc_book k = {.in = in};
  put_text(&k);
  vc_status st = k.x.err || k.smil.err ? VC_ERR_NOMEM : zip_book(path, in, &k, diag);
  vc_sbuf_free(&k.x);
  vc_sbuf_free(&k.smil);
  return st;
}
