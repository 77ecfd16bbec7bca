/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Advanced SubStation Alpha (.ass) writer: one coloured style per speaker. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "writers_internal.h"

static const char vc_ass_head[] = "[Script Info]\n"
                                  "; Written by voicecap\n"
                                  "ScriptType: v4.00+\n"
                                  "WrapStyle: 2\n"
                                  "ScaledBorderAndShadow: yes\n"
                                  "PlayResX: 1920\n"
                                  "PlayResY: 1080\n";

static const char vc_ass_styles[] =
    "\n[V4+ Styles]\n"
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
    "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, "
    "BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n";

static const char vc_ass_events[] =
    "\n[Events]\n"
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n";

/* Fields of a style line after Name and PrimaryColour: DejaVu Sans 60 px on 1080 lines
 * (42 characters fit in the 1680 px between the margins), grey before a karaoke word is
 * spoken, black outline 3 px, shadow 1 px, bottom centre (2), margins 120/120/60. */
static const char vc_ass_style_tail[] =
    "&H00A0A0A0,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,3,1,2,120,120,60,1";

/* Names in the Style and Name fields: a comma would end the field and a line break the
 * line, so commas become U+201A SINGLE LOW-9 QUOTATION MARK (it looks like one). */
static const char *const vc_ass_name_pairs[] = {",", "\xE2\x80\x9A", NULL};

static void put_time(FILE *f, int64_t ms) {
  int64_t cs = ms < 0 ? 0 : ms / 10;
  fprintf(f, "%d:%02d:%02d.%02d", (int)(cs / 360000), (int)(cs / 6000 % 60),
          (int)(cs / 100 % 60), (int)(cs % 100));
}

/* Text escaping, checked against libass (tests/unit/test_ass_escape.c): '{' and '}' as
 * \{ and \}; a backslash that would start \N, \n, \h, \{, \} or meet an override tag we
 * add next gets U+2060 WORD JOINER after it, which shows nothing. */
void vc_ass_put_escaped(vc_sbuf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i], next = i + 1 < n ? s[i + 1] : '\0';
    if (c == '{' || c == '}') {
      vc_sbuf_addc(b, '\\');
      vc_sbuf_addc(b, c);
    } else if (c == '\\' && (next == '\0' || strchr("Nnh{}", next))) {
      vc_sbuf_adds(b, "\\\xE2\x81\xA0");
    } else {
      vc_sbuf_addc(b, c);
    }
  }
}

/* {\kf<cs>} before each word: the word fills from its start to the next word's, the last
 * one until its sound ends; words spoken before the cue appears fill at once. */
static void put_karaoke_line(vc_sbuf *b, const vc_cue *q, size_t l, size_t *word,
                             size_t n_words) {
  const char *s = q->lines[l] + (l == 0 ? q->label_len : 0);
  size_t n = strlen(s);
  if (l == 0 && q->label_len)
    vc_ass_put_escaped(b, q->lines[0], q->label_len);
  for (size_t i = 0, w = 0; i < n && w < q->line_words[l]; w++, (*word)++) {
    const char *sp = memchr(s + i, ' ', n - i);
    size_t end = sp ? (size_t)(sp - s) : n;
    int64_t from = *word == 0 ? q->start_ms : q->word_ms[*word];
    int64_t last = q->speech_end_ms < q->end_ms ? q->speech_end_ms : q->end_ms;
    int64_t to = *word + 1 < n_words ? q->word_ms[*word + 1] : last;
    from = from > q->start_ms ? from : q->start_ms; /* words spoken before a late cue */
    to = to > from ? to : from;
    int64_t k = to / 10 - from / 10;
    char tag[40];
    snprintf(tag, sizeof tag, "{\\kf%lld}", (long long)(k > 0 ? k : 0));
    vc_sbuf_adds(b, tag);
    vc_ass_put_escaped(b, s + i, end - i);
    if (sp)
      vc_sbuf_addc(b, ' ');
    i = end + 1;
  }
}

static char *cue_text(const vc_cue *q, int karaoke) {
  vc_sbuf b = {0};
  size_t word = 0, n_words = 0;
  for (size_t l = 0; l < q->n_lines; l++)
    n_words += q->line_words[l];
  for (size_t l = 0; l < q->n_lines; l++) {
    if (l > 0)
      vc_sbuf_adds(&b, "\\N");
    if (karaoke)
      put_karaoke_line(&b, q, l, &word, n_words);
    else
      vc_ass_put_escaped(&b, q->lines[l], strlen(q->lines[l]));
  }
  return vc_sbuf_take(&b);
}

/* A name libass resolves to its built-in style: libass looks a Dialogue's style up as
 * "Default" when its name is "default" in any case, so only "Default" itself finds ours
 * (and a leading '*', which it strips, is replaced before). */
static int taken_by_libass(const char *name) {
  return strcasecmp(name, "Default") == 0 && strcmp(name, "Default") != 0;
}

/* Unique style names, one per speaker ("Name", or "Name 3" when taken, by another
 * speaker or by libass). */
static char **style_names(const vc_script *s, size_t n) {
  char **v = vc_speaker_fields(s, vc_ass_name_pairs);
  for (size_t i = 0; v && i < n; i++) {
    if (v[i][0] == '*')
      v[i][0] = '+'; /* libass strips a leading '*' */
    for (size_t k = 0; v[i] && k <= i; k++) {
      if (k == i ? !taken_by_libass(v[i]) : strcmp(v[i], v[k]) != 0)
        continue;
      vc_sbuf b = {0};
      char num[24];
      snprintf(num, sizeof num, " %zu", i + 1);
      vc_sbuf_adds(&b, v[i]);
      vc_sbuf_adds(&b, num);
      free(v[i]);
      v[i] = vc_sbuf_take(&b);
      k = (size_t)-1; /* check the new name against all again */
    }
    if (!v[i]) {
      vc_speaker_fields_free(v, n);
      return NULL;
    }
  }
  return v;
}

static void write_header(FILE *f, const vc_doc *d, char *const *style, size_t n) {
  fputs(vc_ass_head, f);
  char *title = vc_cap_field(d->source_name ? d->source_name : "", NULL, "voicecap");
  if (title)
    fprintf(f, "Title: %s\n", title);
  free(title);
  fputs(vc_ass_styles, f);
  for (size_t i = 0; i < n; i++) {
    unsigned c = vc_cast_colour(d->cast, i);
    fprintf(f, "Style: %s,DejaVu Sans,60,&H00%02X%02X%02X,%s\n", style[i], c & 0xFF,
            (c >> 8) & 0xFF, (c >> 16) & 0xFF, vc_ass_style_tail);
  }
  fputs(vc_ass_events, f);
}

static vc_status write_event(FILE *f, const vc_cue *q, const char *style, int karaoke) {
  char *text = cue_text(q, karaoke);
  if (!text)
    return VC_ERR_NOMEM;
  fputs("Dialogue: 0,", f);
  put_time(f, q->start_ms);
  fputc(',', f);
  put_time(f, q->end_ms);
  fprintf(f, ",%s,%s,0,0,0,,%s\n", style, style, text);
  free(text);
  return VC_OK;
}

vc_status vc_write_ass(FILE *f, const vc_doc *d) {
  if (!f || !d || !d->cues || !d->script)
    return VC_ERR_ARG;
  size_t n = d->script->n_speakers;
  char **style = style_names(d->script, n);
  if (!style)
    return VC_ERR_NOMEM;
  write_header(f, d, style, n);
  vc_status st = VC_OK;
  int karaoke = (d->flags & VC_DOC_KARAOKE) != 0;
  for (size_t k = 0; st == VC_OK && k < d->cues->n; k++) {
    const vc_cue *q = &d->cues->cues[k];
    st = q->speaker < n ? write_event(f, q, style[q->speaker], karaoke) : VC_ERR_ARG;
  }
  vc_speaker_fields_free(style, n);
  return st == VC_OK ? vc_cap_stream_status(f) : st;
}
