/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The WebVTT (.vtt) writer: voice spans, escaped text, optional word timestamps. */
#include <stdlib.h>
#include <string.h>

#include "writers_internal.h"

/* Cue text escaping (W3C WebVTT): '&', '<' and '>' as character references, which also
 * keeps "-->" out of cue text. Players built on FFmpeg turn WebVTT into ASS for libass
 * without escaping backslashes, so a '\' before N, n or h also gets U+2060 WORD JOINER
 * (invisible) to keep "\N" from showing as a line break there. */
void vc_vtt_put_escaped(vc_sbuf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char next = i + 1 < n ? s[i + 1] : '\0';
    if (s[i] == '\\' && (next == 'N' || next == 'n' || next == 'h'))
      vc_sbuf_adds(b, "\\\xE2\x81\xA0");
    else if (s[i] == '&')
      vc_sbuf_adds(b, "&amp;");
    else if (s[i] == '<')
      vc_sbuf_adds(b, "&lt;");
    else if (s[i] == '>')
      vc_sbuf_adds(b, "&gt;");
    else
      vc_sbuf_addc(b, s[i]);
  }
}

static void put_timestamp(vc_sbuf *b, int64_t ms) {
  char t[32];
  vc_cap_time_ms(t, sizeof t, ms, '.');
  vc_sbuf_addc(b, '<');
  vc_sbuf_adds(b, t);
  vc_sbuf_addc(b, '>');
}

/* One line with a timestamp tag before each word but the cue's first; *word counts the
 * cue's words. Tags must rise strictly inside the cue, so a word sharing its
 * predecessor's instant gets none. */
static void put_karaoke_line(vc_sbuf *b, const vc_cue *q, size_t l, size_t *word,
                             int64_t *last) {
  const char *s = q->lines[l] + (l == 0 ? q->label_len : 0);
  size_t n = strlen(s);
  if (l == 0 && q->label_len)
    vc_vtt_put_escaped(b, q->lines[0], q->label_len);
  for (size_t i = 0, w = 0; i < n && w < q->line_words[l]; w++) {
    const char *sp = memchr(s + i, ' ', n - i);
    size_t end = sp ? (size_t)(sp - s) : n;
    int64_t t = q->word_ms[*word];
    if (*word > 0 && t > *last && t < q->end_ms) {
      put_timestamp(b, t);
      *last = t;
    }
    vc_vtt_put_escaped(b, s + i, end - i);
    if (sp)
      vc_sbuf_addc(b, ' ');
    i = end + 1;
    (*word)++;
  }
}

static void put_cue_text(vc_sbuf *b, const vc_cue *q, int karaoke) {
  size_t word = 0;
  int64_t last = q->start_ms;
  for (size_t l = 0; l < q->n_lines; l++) {
    if (l > 0)
      vc_sbuf_addc(b, '\n');
    if (karaoke)
      put_karaoke_line(b, q, l, &word, &last);
    else
      vc_vtt_put_escaped(b, q->lines[l], strlen(q->lines[l]));
  }
}

static vc_status write_cue(FILE *f, const vc_doc *d, const vc_cue *q, char *const *voice) {
  char a[32], z[32];
  vc_cap_time_ms(a, sizeof a, q->start_ms, '.');
  vc_cap_time_ms(z, sizeof z, q->end_ms, '.');
  vc_sbuf b = {0};
  put_cue_text(&b, q, (d->flags & VC_DOC_KARAOKE) != 0);
  char *text = vc_sbuf_take(&b);
  if (!text)
    return VC_ERR_NOMEM;
  fprintf(f, "%s --> %s\n<v %s>%s</v>\n\n", a, z, voice[q->speaker], text);
  free(text);
  return VC_OK;
}

/* Voice names for the <v> tag: no '&', '<' or '>' (fullwidth look-alikes instead; the
 * name is not shown by browsers, only read by scripts and assistive technology). */
static const char *const vc_voice_pairs[] = {"&", "\xEF\xBC\x86", "<", "\xEF\xBC\x9C",
                                             ">", "\xEF\xBC\x9E", NULL};

/* A voice name as a CSS string: quotes, backslashes and every ASCII character but
 * letters, digits and spaces as hexadecimal escapes ("\22 "), so no name can end the
 * string, the rule or the STYLE block (no "-->", no blank line); other UTF-8 as is. */
static void put_css_string(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p >= 0x80 || *p == ' ' || (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
        (*p >= 'a' && *p <= 'z'))
      fputc(*p, f);
    else
      fprintf(f, "\\%X ", *p);
  }
  fputc('"', f);
}

/* One ::cue rule per speaker in the ASS colours, so browsers colour each voice. */
static void write_style(FILE *f, const vc_doc *d, char *const *voice, size_t n) {
  fputs("STYLE\n", f);
  for (size_t i = 0; i < n; i++) {
    fputs("::cue(v[voice=", f);
    put_css_string(f, voice[i]);
    fprintf(f, "]) { color: #%06X; }\n", vc_cast_colour(d->cast, i));
  }
  fputc('\n', f);
}

vc_status vc_write_vtt(FILE *f, const vc_doc *d) {
  if (!f || !d || !d->cues || !d->script)
    return VC_ERR_ARG;
  size_t n = d->script->n_speakers;
  char **voice = vc_speaker_fields(d->script, vc_voice_pairs);
  if (!voice)
    return VC_ERR_NOMEM;
  vc_status st = VC_OK;
  /* Header and STYLE block are parted by CR CR, a blank line in WebVTT (CR is a line
   * terminator there) that FFmpeg before 6.0, which stops reading at a STYLE block,
   * takes for one line break: it then skips the STYLE block as part of the header, and
   * mpv and ffmpeg on Debian 12 read every cue. */
  fputs(n > 0 ? "WEBVTT\r\r" : "WEBVTT\n\n", f);
  if (n > 0)
    write_style(f, d, voice, n);
  for (size_t k = 0; st == VC_OK && k < d->cues->n; k++)
    st = d->cues->cues[k].speaker < n ? write_cue(f, d, &d->cues->cues[k], voice)
                                      : VC_ERR_ARG;
  vc_speaker_fields_free(voice, n);
  return st == VC_OK ? vc_cap_stream_status(f) : st;
}
