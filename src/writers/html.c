/* The player page writer (NAME.html): data/player.html filled with the transcript and
 * the timing data, every piece of article text escaped for its context. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "chapters_list.h"
#include "writers_internal.h"

/* data/player.html, compiled in by src/CMakeLists.txt (NUL-terminated). */
static const unsigned char vc_player_template[] = {
#include "player_template.inc"
};

/* Backgrounds the page draws speaker colours on: captions, page, current turn. */
static const unsigned vc_page_backgrounds[] = {0x000000, 0x111111, 0x262626};
#define VC_PAGE_CONTRAST 4.5

/* Text for HTML content and quoted attribute values: markup characters as references,
 * controls as spaces, malformed UTF-8 as U+FFFD. */
static void put_html(vc_sbuf *b, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t at = i;
    int32_t cp = vc_utf8_next(s, n, &i);
    if (cp < 0)
      vc_sbuf_addcp(b, 0xFFFD);
    else if (cp == '&')
      vc_sbuf_adds(b, "&amp;");
    else if (cp == '<')
      vc_sbuf_adds(b, "&lt;");
    else if (cp == '>')
      vc_sbuf_adds(b, "&gt;");
    else if (cp == '"')
      vc_sbuf_adds(b, "&quot;");
    else if (cp == '\'')
      vc_sbuf_adds(b, "&#39;");
    else if (vc_cap_is_control(cp) || cp == '\t' || cp == '\r' || cp == '\n')
      vc_sbuf_addc(b, ' ');
    else
      vc_sbuf_add(b, s + at, i - at);
  }
}

static void put_htmls(vc_sbuf *b, const char *s) {
  put_html(b, s, strlen(s));
}

/* A file name as a relative URL: every byte but unreserved ones percent-encoded. */
static void put_url(vc_sbuf *b, const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
        strchr("-._~", *p)) {
      vc_sbuf_addc(b, (char)*p);
    } else {
      char pct[4];
      snprintf(pct, sizeof pct, "%%%02X", *p);
      vc_sbuf_adds(b, pct);
    }
  }
}

/* The base name without its extension ("out/a.b.wav" -> "a.b"). Caller frees. */
static char *stem_of(const char *path) {
  const char *slash = strrchr(path ? path : "", '/');
  const char *base = slash ? slash + 1 : (path ? path : "");
  const char *dot = strrchr(base, '.');
  size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
  char *s = malloc(n + 1);
  if (s) {
    memcpy(s, base, n);
    s[n] = '\0';
  }
  return s;
}

/* The page language from the narrator's espeak-ng voice ("en-gb" -> "en-GB"). */
static void put_lang(vc_sbuf *b, const vc_doc *d) {
  const char *l = d->cast && d->cast->n_speakers > 0 && d->cast->voice[0]
                      ? d->cast->voice[0]->language
                      : NULL;
  size_t n = l ? strspn(l, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") : 0;
  if (!l || n < 2 || n > 12 || l[n] != '\0' || l[0] == '-') {
    vc_sbuf_adds(b, "en");
    return;
  }
  int sub = 0;
  for (size_t i = 0; i < n; i++) {
    char c = l[i];
    if (c == '-')
      sub++;
    vc_sbuf_addc(b, sub == 1 && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
  }
}

static void put_speaker_css(vc_sbuf *b, const vc_doc *d) {
  for (size_t i = 0; i < d->script->n_speakers; i++) {
    unsigned c = vc_colour_for_contrast(
        vc_cast_colour(d->cast, i), vc_page_backgrounds,
        sizeof vc_page_backgrounds / sizeof *vc_page_backgrounds, VC_PAGE_CONTRAST);
    char rule[64];
    snprintf(rule, sizeof rule, ".s%zu { --c: #%06X; }\n", i, c);
    vc_sbuf_adds(b, rule);
  }
}

static void put_seconds(vc_sbuf *b, int64_t ms) {
  char s[40];
  vc_cap_seconds(s, sizeof s, ms);
  vc_sbuf_adds(b, s);
}

/* The turn's text as paragraphs with every timeline word in a span. `*k` is the turn's
 * first word in the timeline and ends past its last. */
static void put_turn_text(vc_sbuf *b, const vc_doc *d, size_t ti, size_t *k) {
  const vc_timeline *tl = d->timeline;
  const vc_turn *t = &d->script->turns[ti];
  size_t at = 0;
  vc_sbuf_adds(b, "<p>");
  for (; *k < tl->n_words && tl->words[*k].turn == ti; (*k)++) {
    const vc_word *w = &tl->words[*k];
    if (w->start_byte < at || w->end_byte > t->text_len || w->start_byte > w->end_byte) {
      b->err = 1;
      return;
    }
    const char *nl = memchr(t->text + at, '\n', w->start_byte - at);
    if (nl && at > 0)
      vc_sbuf_adds(b, "</p>\n<p>");
    else
      put_html(b, t->text + at, w->start_byte - at);
    vc_sbuf_adds(b, "<span class=\"w\">");
    put_html(b, t->text + w->start_byte, w->end_byte - w->start_byte);
    vc_sbuf_adds(b, "</span>");
    at = w->end_byte;
  }
  vc_sbuf_adds(b, "</p>\n");
}

static void put_turn(vc_sbuf *b, const vc_doc *d, size_t ti, size_t *k) {
  const vc_turn *t = &d->script->turns[ti];
  int64_t start = vc_turn_start_ms(d, ti);
  char num[128], clock[32];
  vc_cap_time_ms(clock, sizeof clock, start, '.');
  clock[8] = '\0';
  snprintf(num, sizeof num,
           "<section class=\"turn s%zu\" id=\"turn-%zu\" data-turn=\"%zu\"", t->speaker,
           ti + 1, ti);
  vc_sbuf_adds(b, num);
  vc_sbuf_adds(b, " data-start=\"");
  put_seconds(b, start);
  vc_sbuf_adds(b, "\">\n<h3><button type=\"button\" class=\"turn-seek\" data-start=\"");
  put_seconds(b, start);
  vc_sbuf_adds(b, "\"><span class=\"vh\">Play from </span><span class=\"who\">");
  char *name = vc_speaker_field(d->script, t->speaker, NULL);
  if (!name)
    b->err = 1;
  else
    put_htmls(b, name);
  free(name);
  vc_sbuf_adds(b, "</span> <span class=\"when\">");
  vc_sbuf_adds(b, clock);
  vc_sbuf_adds(b, "</span></button></h3>\n");
  put_turn_text(b, d, ti, k);
  vc_sbuf_adds(b, "</section>\n");
}

static void put_transcript(vc_sbuf *b, const vc_doc *d) {
  size_t k = 0;
  for (size_t i = 0; i < d->script->n_turns && !b->err; i++) {
    while (k < d->timeline->n_words && d->timeline->words[k].turn < i)
      k++;
    put_turn(b, d, i, &k);
  }
}

/* --- the data the page's script reads: times in integer milliseconds --- */

static int add(json_t *arr, json_t *v) {
  return v ? json_array_append_new(arr, v) : -1;
}

/* One caption line: its label ("JANE DOE: ", or "") and its words with their times. */
static json_t *cue_line(const vc_cue *q, size_t l, size_t *word) {
  const char *s = q->lines[l] + (l == 0 ? q->label_len : 0);
  size_t n = strlen(s);
  json_t *words = json_array();
  json_t *line = json_pack("{s:s%,s:o}", "l", q->lines[l], l == 0 ? q->label_len : 0, "w",
                           words ? words : json_null());
  for (size_t i = 0, w = 0; line && words && i < n && w < q->line_words[l];
       w++, (*word)++) {
    const char *sp = memchr(s + i, ' ', n - i);
    size_t end = sp ? (size_t)(sp - s) : n;
    if (add(words, json_pack("[s%,I]", s + i, end - i, (json_int_t)q->word_ms[*word])) !=
        0) {
      json_decref(line);
      return NULL;
    }
    i = end + 1;
  }
  return line;
}

static json_t *cue_json(const vc_cue *q) {
  json_t *lines = json_array();
  size_t word = 0;
  for (size_t l = 0; lines && l < q->n_lines; l++)
    if (add(lines, cue_line(q, l, &word)) != 0) {
      json_decref(lines);
      return NULL;
    }
  return lines ? json_pack("{s:I,s:I,s:I,s:o}", "s", (json_int_t)q->start_ms, "e",
                           (json_int_t)q->end_ms, "sp", (json_int_t)q->speaker, "lines",
                           lines)
               : NULL;
}

static json_t *turn_json(const vc_doc *d, size_t ti, size_t *k) {
  const vc_timeline *tl = d->timeline;
  json_t *w = json_array();
  for (; w && *k < tl->n_words && tl->words[*k].turn == ti; (*k)++)
    if (add(w, json_integer(vc_cap_ms(tl->words[*k].start, tl->sample_rate, 0))) != 0) {
      json_decref(w);
      return NULL;
    }
  return w ? json_pack("{s:I,s:I,s:I,s:o}", "s", (json_int_t)vc_turn_start_ms(d, ti), "e",
                       (json_int_t)vc_turn_end_ms(d, ti), "sp",
                       (json_int_t)d->script->turns[ti].speaker, "w", w)
           : NULL;
}

/* A chapter as the page's turn list takes it: times, title and the id its cue has in
 * NAME.chapters.vtt ("turn-N", N the turn it is). */
static json_t *chapter_json(const vc_chapter *k) {
  char id[32];
  snprintf(id, sizeof id, "turn-%zu", k->turn + 1);
  return json_pack("{s:I,s:I,s:s,s:s}", "s", (json_int_t)k->start_ms, "e",
                   (json_int_t)k->end_ms, "t", k->title, "id", id);
}

static json_t *chapters_json(const vc_doc *d) {
  vc_chapters *c = NULL;
  json_t *out =
      vc_chapters_build(d->script, d->timeline, &c) == VC_OK ? json_array() : NULL;
  for (size_t i = 0; out && i < c->n; i++)
    if (add(out, chapter_json(&c->ch[i])) != 0) {
      json_decref(out);
      out = NULL;
    }
  vc_chapters_free(c);
  return out;
}

static json_t *page_data(const vc_doc *d, const char *stem) {
  json_t *cues = json_array(), *turns = json_array(), *chapters = chapters_json(d);
  int bad = !cues || !turns || !chapters;
  for (size_t i = 0; !bad && i < d->cues->n; i++)
    bad = add(cues, cue_json(&d->cues->cues[i])) != 0;
  size_t k = 0;
  for (size_t i = 0; !bad && i < d->script->n_turns; i++) {
    while (k < d->timeline->n_words && d->timeline->words[k].turn < i)
      k++;
    bad = add(turns, turn_json(d, i, &k)) != 0;
  }
  vc_sbuf file = {0};
  vc_sbuf_adds(&file, stem);
  vc_sbuf_adds(&file, ".chapters.vtt");
  char *chapters_file = vc_sbuf_take(&file);
  json_t *out =
      bad || !chapters_file
          ? NULL
          : json_pack("{s:I,s:s,s:o,s:o,s:o}", "duration",
                      (json_int_t)vc_doc_duration_ms(d), "chaptersFile", chapters_file,
                      "cues", cues, "turns", turns, "chapters", chapters);
  free(chapters_file);
  if (!out) {
    json_decref(cues);
    json_decref(turns);
    json_decref(chapters);
  }
  return out;
}

/* JSON inside <script>: '<', '>' and '&' as \u escapes (they only occur in strings), so
 * no "</script" or "<!--" can appear. */
static void put_script_json(vc_sbuf *b, const vc_doc *d, const char *stem) {
  json_t *j = page_data(d, stem);
  char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
  json_decref(j);
  if (!s) {
    b->err = 1;
    return;
  }
  for (const char *p = s; *p; p++) {
    if (*p == '<')
      vc_sbuf_adds(b, "\\u003c");
    else if (*p == '>')
      vc_sbuf_adds(b, "\\u003e");
    else if (*p == '&')
      vc_sbuf_adds(b, "\\u0026");
    else
      vc_sbuf_addc(b, *p);
  }
  free(s);
}

/* --- the template --- */

static void put_file_url(vc_sbuf *b, const char *stem, const char *ext) {
  vc_sbuf u = {0};
  vc_sbuf_adds(&u, stem);
  vc_sbuf_adds(&u, ext);
  char *name = vc_sbuf_take(&u);
  if (!name)
    b->err = 1;
  else
    put_url(b, name);
  free(name);
}

/* Appends the value of the template field `name` (n bytes); 0 when the name is unknown. */
static int put_field(vc_sbuf *b, const vc_doc *d, const char *stem, const char *name,
                     size_t n) {
#define IS(lit) (n == sizeof lit - 1 && memcmp(name, lit, n) == 0)
  if (IS("LANG"))
    put_lang(b, d);
  else if (IS("TITLE"))
    put_htmls(b, stem);
  else if (IS("SPEAKER_CSS"))
    put_speaker_css(b, d);
  else if (IS("AUDIO_SRC"))
    put_url(b, d->audio_name ? d->audio_name : "");
  else if (IS("AUDIO_NAME"))
    put_htmls(b, d->audio_name ? d->audio_name : "");
  else if (IS("TRANSCRIPT_SRC"))
    put_file_url(b, stem, VC_TRANSCRIPT_EXT);
  else if (IS("CAPTIONS_SRC"))
    put_file_url(b, stem, ".vtt");
  else if (IS("DURATION"))
    put_seconds(b, vc_doc_duration_ms(d));
  else if (IS("TRANSCRIPT"))
    put_transcript(b, d);
  else if (IS("DATA"))
    put_script_json(b, d, stem);
  else
    return 0;
  return 1;
#undef IS
}

static vc_status fill_template(vc_sbuf *b, const vc_doc *d, const char *stem) {
  const char *t = (const char *)vc_player_template;
  for (;;) {
    const char *open = strstr(t, "{{");
    if (!open) {
      vc_sbuf_adds(b, t);
      return b->err ? VC_ERR_NOMEM : VC_OK;
    }
    const char *close = strstr(open + 2, "}}");
    vc_sbuf_add(b, t, (size_t)(open - t));
    if (!close || !put_field(b, d, stem, open + 2, (size_t)(close - open - 2)))
      return VC_ERR_CONFIG; /* a template without its field: a build defect */
    t = close + 2;
  }
}

vc_status vc_write_html(FILE *f, const vc_doc *d) {
  if (!f || !d || !d->script || !d->timeline || !d->cues)
    return VC_ERR_ARG;
  char *stem = stem_of(d->audio_name ? d->audio_name : d->source_name);
  if (!stem)
    return VC_ERR_NOMEM;
  vc_sbuf b = {0};
  vc_status st = fill_template(&b, d, stem);
  free(stem);
  char *page = vc_sbuf_take(&b);
  if (st == VC_OK && !page)
    st = VC_ERR_NOMEM;
  if (st == VC_OK)
    fputs(page, f);
  free(page);
  return st == VC_OK ? vc_cap_stream_status(f) : st;
}
