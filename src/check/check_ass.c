/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Caption checker, ASS reader: libass must load the file without a warning; the script
 * header, styles and Dialogue fields are read line by line for the rules. */
#include <ass/ass.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "cues_text.h"

static const vc_ctime vc_ass_time = {
    .hours = 2, .hour_digits = 1, .sep = '.', .frac_digits = 2};

static const char vc_ass_format[] =
    "Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text";

enum { ASS_MAX_STYLES = 4096, ASS_EVENT_FIELDS = 10 };

/* [Script Info] keys a file must set, with the value required ("" = any integer > 0,
 * NULL = any value). */
static const struct {
  const char *key, *value;
} vc_ass_keys[] = {{"ScriptType", "v4.00+"},
                   {"PlayResX", ""},
                   {"PlayResY", ""},
                   {"ScaledBorderAndShadow", "yes"},
                   {"WrapStyle", NULL}};
enum { ASS_N_KEYS = sizeof vc_ass_keys / sizeof vc_ass_keys[0] };

typedef enum { SEC_NONE, SEC_INFO, SEC_STYLES, SEC_EVENTS, SEC_OTHER } ass_section;

/* One speaker's style, to see that speakers and styles pair one to one. */
typedef struct ass_pair {
  char *name, *style;
} ass_pair;

typedef struct ass_state {
  vc_crep *r;
  vc_cdoc *d;
  ass_section sec;
  int seen_info, seen_styles, seen_events, events_format_ok;
  int key_seen[ASS_N_KEYS];
  int wrap_style;
  char **styles;
  size_t n_styles;
  ass_pair *pairs;
  size_t n_pairs;
  size_t n_dialogue;
} ass_state;

/* libass messages at level 2 (warnings) or below (errors) are problems. */
static void on_libass_msg(int level, const char *fmt, va_list args, void *data) {
  vc_crep *r = data;
  if (level > 2)
    return;
  char msg[512];
  vsnprintf(msg, sizeof msg, fmt, args);
  char *m = msg;
  if (m[0] == '[' && strstr(m, "]: ")) /* "[0x55d0...]: Warning: ..." */
    m = strstr(m, "]: ") + 3;
  size_t k = strlen(m);
  while (k && (m[k - 1] == '\n' || m[k - 1] == ' '))
    m[--k] = '\0';
  vc_crep_file(r, "libass %s: %s", level <= 1 ? "error" : "warning", m);
}

/* Loads the file with libass; returns its event count, -1 when it fails to load. */
static int libass_events(vc_crep *r, const char *buf, size_t n) {
  ASS_Library *lib = ass_library_init();
  char *copy = malloc(n + 1);
  int events = -1;
  if (!lib || !copy)
    goto fail;
  memcpy(copy, buf, n);
  copy[n] = '\0';
  ass_set_message_cb(lib, on_libass_msg, r);
  ASS_Track *t = ass_read_memory(lib, copy, n, NULL);
  if (t) {
    events = t->n_events;
    ass_free_track(t);
  }
fail:
  free(copy);
  if (lib)
    ass_library_done(lib);
  return events;
}

static int line_is(const vc_cline *l, const char *s) {
  return l->len == strlen(s) && memcmp(l->s, s, l->len) == 0;
}

/* "Key: value" -> key and value (spaces around the value trimmed); 0 without ':'. */
static int split_key(const vc_cline *l, const char **v, size_t *klen, size_t *vlen) {
  const char *colon = memchr(l->s, ':', l->len);
  if (!colon)
    return 0;
  *klen = (size_t)(colon - l->s);
  const char *p = colon + 1, *end = l->s + l->len;
  while (p < end && *p == ' ')
    p++;
  while (end > p && end[-1] == ' ')
    end--;
  *v = p;
  *vlen = (size_t)(end - p);
  return 1;
}

/* v[0..n) is a positive number of at most six digits (v is not NUL-terminated: strtol
 * would read on past the end of a file that ends there, found by fuzz_checkers). */
static int is_count(const char *v, size_t n) {
  long x = 0;
  if (n == 0 || n > 6)
    return 0;
  for (size_t i = 0; i < n; i++) {
    if (v[i] < '0' || v[i] > '9')
      return 0;
    x = x * 10 + (v[i] - '0');
  }
  return x > 0;
}

static void info_line(ass_state *s, const vc_cline *l) {
  const char *v;
  size_t kl, vl;
  if (l->len == 0 || l->s[0] == ';' || !split_key(l, &v, &kl, &vl))
    return;
  for (size_t k = 0; k < ASS_N_KEYS; k++) {
    const char *key = vc_ass_keys[k].key, *want = vc_ass_keys[k].value;
    if (strlen(key) != kl || memcmp(l->s, key, kl) != 0)
      continue;
    s->key_seen[k] = 1;
    int ok = !want ||
             (want[0] ? strlen(want) == vl && memcmp(v, want, vl) == 0 : is_count(v, vl));
    if (!ok)
      vc_crep_line(s->r, l->no, "%s is '%.*s', expected %s", key,
                   (int)vc_chk_excerpt(v, vl), v,
                   want && want[0] ? want : "a positive number");
    if (k == ASS_N_KEYS - 1)
      s->wrap_style = vl == 1 && v[0] >= '0' && v[0] <= '3' ? v[0] - '0' : -1;
    if (k == ASS_N_KEYS - 1 && s->wrap_style < 0)
      vc_crep_line(s->r, l->no, "WrapStyle is '%.*s', expected 0 to 3", (int)vl, v);
  }
}

static vc_status style_line(ass_state *s, const vc_cline *l) {
  const char *v;
  size_t kl, vl;
  if (!split_key(l, &v, &kl, &vl) || kl != 5 || memcmp(l->s, "Style", 5) != 0)
    return VC_OK;
  if (s->n_styles >= ASS_MAX_STYLES) {
    vc_crep_line(s->r, l->no, "more than %d styles", ASS_MAX_STYLES);
    return VC_OK;
  }
  const char *comma = memchr(v, ',', vl);
  size_t n = comma ? (size_t)(comma - v) : vl;
  char **grown = realloc(s->styles, (s->n_styles + 1) * sizeof *grown);
  if (!grown)
    return VC_ERR_NOMEM;
  s->styles = grown;
  s->styles[s->n_styles] = strndup(v, n);
  return s->styles[s->n_styles++] ? VC_OK : VC_ERR_NOMEM;
}

static int style_known(const ass_state *s, const char *name) {
  for (size_t k = 0; k < s->n_styles; k++)
    if (strcmp(s->styles[k], name) == 0)
      return 1;
  return 0;
}

/* Shows an override block's colour tags: a speaker keeps one colour. */
static void check_overrides(ass_state *s, const vc_ccue *q, const char *b, size_t n) {
  for (size_t i = 0; i + 1 < n; i++) {
    size_t k = b[i + 1] >= '1' && b[i + 1] <= '4' ? 2 : 1;
    if (b[i] == '\\' && i + k < n && b[i + k] == 'c' &&
        (i + k + 1 == n || b[i + k + 1] == '&' || b[i + k + 1] == '\\')) {
      vc_crep_cue(s->r, q,
                  "colour override '%.*s' in the text (a speaker keeps one colour)",
                  (int)(k + 1), b + i);
      return;
    }
  }
}

/* The text as libass shows it: override blocks dropped, \N (and \n under WrapStyle 2)
 * as line breaks, \h as a no-break space, \{ and \} as braces. */
static char *shown_text(ass_state *s, const vc_ccue *q, const char *t, size_t n) {
  vc_sbuf b = {0};
  for (size_t i = 0; i < n; i++) {
    char c = t[i], next = i + 1 < n ? t[i + 1] : '\0';
    if (c == '{') {
      const char *close = memchr(t + i, '}', n - i);
      size_t end = close ? (size_t)(close - t) : n;
      check_overrides(s, q, t + i, end - i);
      i = end;
    } else if (c == '\\' && (next == 'N' || (next == 'n' && s->wrap_style == 2))) {
      vc_sbuf_addc(&b, '\n');
      i++;
    } else if (c == '\\' && next == 'n') {
      vc_sbuf_addc(&b, ' ');
      i++;
    } else if (c == '\\' && next == 'h') {
      vc_sbuf_addcp(&b, 0xA0);
      i++;
    } else if (c == '\\' && (next == '{' || next == '}')) {
      vc_sbuf_addc(&b, next);
      i++;
    } else {
      vc_sbuf_addc(&b, c);
    }
  }
  return vc_sbuf_take(&b);
}

/* Speakers and styles pair one to one. */
static vc_status pair_style(ass_state *s, const vc_ccue *q, const char *style) {
  for (size_t k = 0; k < s->n_pairs; k++) {
    ass_pair *p = &s->pairs[k];
    int same_name = strcmp(p->name, q->voice) == 0;
    int same_style = strcmp(p->style, style) == 0;
    if (same_name && !same_style)
      vc_crep_cue(s->r, q,
                  "speaker '%s' has style '%s' here, '%s' before (one style, one "
                  "colour per speaker)",
                  q->voice, style, p->style);
    else if (!same_name && same_style)
      vc_crep_cue(s->r, q, "style '%s' is shared by '%s' and '%s' (one style per speaker)",
                  style, p->name, q->voice);
    if (same_name || same_style)
      return VC_OK;
  }
  ass_pair *v = realloc(s->pairs, (s->n_pairs + 1) * sizeof *v);
  if (!v)
    return VC_ERR_NOMEM;
  s->pairs = v;
  v[s->n_pairs].name = strdup(q->voice);
  v[s->n_pairs].style = strdup(style);
  s->n_pairs++;
  return v[s->n_pairs - 1].name && v[s->n_pairs - 1].style ? VC_OK : VC_ERR_NOMEM;
}

/* Splits a Dialogue value into its ten fields (the last one, Text, keeps its commas). */
static int split_fields(const char *v, size_t n, const char **f, size_t *len) {
  size_t k = 0, at = 0;
  for (size_t i = 0; i <= n && k < ASS_EVENT_FIELDS; i++) {
    if (k == ASS_EVENT_FIELDS - 1) {
      f[k] = v + at, len[k++] = n - at;
      break;
    }
    if (i == n || v[i] == ',') {
      f[k] = v + at, len[k++] = i - at;
      at = i + 1;
    }
  }
  return k == ASS_EVENT_FIELDS;
}

static int64_t field_time(ass_state *s, const vc_cline *l, const char *f, size_t n) {
  size_t i = 0;
  int64_t t = vc_chk_parse_time(f, n, &i, &vc_ass_time);
  if (t >= 0 && i == n)
    return t;
  const char *dot = memchr(f, '.', n);
  int three = dot && n - (size_t)(dot - f) == 4;
  vc_crep_line(s->r, l->no, "time '%.*s' is not H:MM:SS.cc%s", (int)vc_chk_excerpt(f, n), f,
               three ? " (two decimals: libass reads three as ten times too much)" : "");
  return -1;
}

/* The speaker's Name and style: set, defined, paired one to one. */
static vc_status check_speaker(ass_state *s, vc_ccue *q, const char *style) {
  if (!style_known(s, style))
    vc_crep_cue(s->r, q, "style '%s' is not defined in [V4+ Styles]", style);
  if (q->voice[0])
    return pair_style(s, q, style);
  vc_crep_cue(s->r, q, "Name field is empty (it carries the speaker)");
  free(q->voice);
  q->voice = NULL;
  return VC_OK;
}

static vc_status dialogue_fields(ass_state *s, const vc_cline *l, const char **f,
                                 const size_t *len) {
  vc_ccue q = {.line = l->no, .number = s->d->n + 1};
  q.start_ms = field_time(s, l, f[1], len[1]);
  q.end_ms = field_time(s, l, f[2], len[2]);
  if (q.start_ms < 0 || q.end_ms < 0)
    return VC_OK; /* reported */
  char *style = strndup(f[3], len[3]);
  q.voice = strndup(f[4], len[4]);
  q.text = style && q.voice ? shown_text(s, &q, f[9], len[9]) : NULL;
  vc_status st = q.text ? check_speaker(s, &q, style) : VC_ERR_NOMEM;
  free(style);
  if (st == VC_OK)
    return vc_cdoc_add(s->d, &q);
  free(q.voice);
  free(q.text);
  return st;
}

static vc_status event_line(ass_state *s, const vc_cline *l) {
  const char *v;
  size_t kl, vl;
  if (!split_key(l, &v, &kl, &vl))
    return VC_OK;
  if (kl == 6 && memcmp(l->s, "Format", 6) == 0) {
    s->events_format_ok = vl == strlen(vc_ass_format) && memcmp(v, vc_ass_format, vl) == 0;
    if (!s->events_format_ok)
      vc_crep_line(s->r, l->no, "[Events] Format is not the standard '%s'", vc_ass_format);
    return VC_OK;
  }
  if (kl != 8 || memcmp(l->s, "Dialogue", 8) != 0)
    return VC_OK;
  s->n_dialogue++;
  const char *f[ASS_EVENT_FIELDS];
  size_t len[ASS_EVENT_FIELDS];
  v = l->s + kl + 1; /* the text keeps its leading spaces */
  vl = (size_t)(l->s + l->len - v);
  while (vl && *v == ' ')
    v++, vl--;
  if (!split_fields(v, vl, f, len)) {
    vc_crep_line(s->r, l->no, "Dialogue has fewer than %d fields", ASS_EVENT_FIELDS);
    return VC_OK;
  }
  return dialogue_fields(s, l, f, len);
}

static vc_status scan_line(ass_state *s, const vc_cline *l) {
  static const struct {
    const char *head;
    ass_section sec;
  } heads[] = {
      {"[Script Info]", SEC_INFO}, {"[V4+ Styles]", SEC_STYLES}, {"[Events]", SEC_EVENTS}};
  if (l->len && l->s[0] == '[') {
    s->sec = SEC_OTHER;
    for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++)
      if (line_is(l, heads[k].head))
        s->sec = heads[k].sec;
    s->seen_info |= s->sec == SEC_INFO;
    s->seen_styles |= s->sec == SEC_STYLES;
    s->seen_events |= s->sec == SEC_EVENTS;
    return VC_OK;
  }
  if (s->sec == SEC_INFO)
    info_line(s, l);
  else if (s->sec == SEC_STYLES)
    return style_line(s, l);
  else if (s->sec == SEC_EVENTS)
    return event_line(s, l);
  else if (s->sec == SEC_NONE && l->len)
    vc_crep_line(s->r, l->no, "text before [Script Info]");
  return VC_OK;
}

static void report_missing(ass_state *s) {
  if (!s->seen_info)
    vc_crep_file(s->r, "no [Script Info] section");
  if (!s->seen_styles)
    vc_crep_file(s->r, "no [V4+ Styles] section");
  if (!s->seen_events)
    vc_crep_file(s->r, "no [Events] section");
  for (size_t k = 0; s->seen_info && k < ASS_N_KEYS; k++)
    if (!s->key_seen[k])
      vc_crep_file(s->r, "[Script Info] does not set %s", vc_ass_keys[k].key);
}

static void free_state(ass_state *s) {
  for (size_t k = 0; k < s->n_styles; k++)
    free(s->styles[k]);
  free(s->styles);
  for (size_t k = 0; k < s->n_pairs; k++) {
    free(s->pairs[k].name);
    free(s->pairs[k].style);
  }
  free(s->pairs);
}

vc_status vc_chk_read_ass(vc_crep *r, const char *buf, size_t n, vc_cdoc *d) {
  ass_state s = {.r = r, .d = d, .wrap_style = -1};
  d->fmt = VC_CFMT_ASS;
  d->slack_ms = 9; /* centiseconds, rounded down by the writer */
  int events = libass_events(r, buf, n);
  if (events < 0)
    vc_crep_file(r, "libass could not read the file");
  size_t pos = n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  vc_cline l = {0};
  vc_status st = VC_OK;
  while (st == VC_OK && vc_cline_next(buf, n, &pos, &l))
    st = scan_line(&s, &l);
  if (st == VC_OK) {
    report_missing(&s);
    if (events >= 0 && (size_t)events != s.n_dialogue)
      vc_crep_file(r, "libass read %d events, the file has %zu Dialogue lines", events,
                   s.n_dialogue);
    if (d->n == 0)
      vc_crep_file(r, "no cues");
  }
  free_state(&s);
  return st;
}
