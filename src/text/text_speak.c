/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The speakable-text driver: splits display text into words, applies the word rules and
 * the per-character rules (typography), and keeps the byte map. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"
#include "text_lex.h"
#include "text_notes.h"
#include "text_words.h"

/* ---- per-character rules ------------------------------------------------------------ */

/* One code point replaced for speech. An empty replacement deletes the character. */
typedef struct vc_char_rule {
  utf8proc_int32_t cp;
  const char *say;
} vc_char_rule;

static const vc_char_rule vc_char_rules[] = {
    {0x2019, "'"},   /* right single quote: the apostrophe in "don’t" */
    {0x2018, "'"},   /* left single quote: kept only in "‘90s" (see speak_char) */
    {0x02BC, "'"},   /* modifier apostrophe */
    {0x201C, ""},    /* curly double quotes are not spoken */
    {0x201D, ""},    /* */
    {0x201E, ""},    /* */
    {0x00AB, ""},    /* guillemets */
    {0x00BB, ""},    /* */
    {'"', ""},       /* */
    {'[', ""},       /* an editor's insertion is read as part of the sentence */
    {']', ""},       /* */
    {0x2026, "..."}, /* ellipsis */
    {0x00A0, " "},   /* no-break space */
    {0x202F, " "},   /* narrow no-break space */
    {0x2007, " "},   /* figure space */
    {0x2009, " "},   /* thin space */
    {0x200A, " "},   /* hair space */
    {0x2002, " "},   /* en space */
    {0x2003, " "},   /* em space */
    {0x00AD, ""},    /* soft hyphen */
    {0x200B, ""},    /* zero-width space */
    {0x200C, ""},    /* zero-width non-joiner */
    {0x200D, ""},    /* zero-width joiner */
    {0x2060, ""},    /* word joiner */
    {0xFEFF, ""},    /* byte order mark */
    {0x2010, "-"},   /* hyphen */
    {0x2011, "-"},   /* non-breaking hyphen */
    {0x2032, "'"},   /* prime */
    {0x2212, "-"},   /* minus sign */
};

static const char *char_rule(utf8proc_int32_t cp) {
  for (size_t i = 0; i < sizeof vc_char_rules / sizeof vc_char_rules[0]; i++)
    if (vc_char_rules[i].cp == cp)
      return vc_char_rules[i].say;
  return NULL;
}

static int is_dash(utf8proc_int32_t cp) {
  return cp == 0x2014 || cp == 0x2013 || cp == 0x2015 || cp == 0x2012;
}

static int is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* Byte length of the white space at s[i] (ASCII or a Unicode space), or 0. */
static size_t space_len(const char *s, size_t len, size_t i) {
  static const char *const wide[] = {"\xc2\xa0",     "\xe2\x80\xaf", "\xe2\x80\x87",
                                     "\xe2\x80\x89", "\xe2\x80\x8a", "\xe2\x80\x82",
                                     "\xe2\x80\x83"};
  if (strchr(" \t\n\r\f\v", s[i]) && s[i] != '\0')
    return 1;
  for (size_t k = 0; k < sizeof wide / sizeof wide[0]; k++) {
    size_t n = strlen(wide[k]);
    if (len - i >= n && memcmp(s + i, wide[k], n) == 0)
      return n;
  }
  return 0;
}

/* A dash becomes a pause: a comma hugging the previous word, then one space. */
static vc_status emit_dash(vc_mbuf *b, size_t at, int next_is_space) {
  vc_status st = VC_OK;
  vc_mbuf_trim_spaces(b);
  if (b->len > 0 && !strchr(",.;:!?", b->text[b->len - 1]))
    st = vc_mbuf_put(b, ",", 1, at);
  if (st == VC_OK && !next_is_space && b->len > 0)
    st = vc_mbuf_put(b, " ", 1, at);
  return st;
}

/* Appends the speech for the code point `cp` at display offset `at` (`n` bytes). */
static vc_status speak_char(vc_speak *sp, size_t at, size_t n, utf8proc_int32_t cp) {
  const char *s = sp->s;
  char prev = at > 0 ? s[at - 1] : ' ', next = at + n < sp->len ? s[at + n] : ' ';
  const char *say;
  if (is_dash(cp))
    return emit_dash(&sp->out, at, next == ' ' || next == '\n' || at + n >= sp->len);
  if ((cp == 0x2019 || cp == '\'') && !is_alpha(next) && prev != 's' && prev != 'S')
    return VC_OK; /* a closing quote: "‘Title’", "thing.’" */
  if (cp == 0x2018 && !is_digit(next))
    return VC_OK; /* an opening quote, not the apostrophe of "‘90s" */
  if (cp == '/' && prev == ' ' && (next == ' ' || next == '\n'))
    return emit_dash(&sp->out, at, 1); /* "Name / Agency": a pause, not "slash" */
  if (cp == '/' && is_alpha(prev) && is_alpha(next))
    return vc_mbuf_put(&sp->out, ", ", 2, at); /* "addict/punk": a list */
  if ((cp == ':' || cp == ';') && is_alpha(prev) && is_alpha(next))
    return vc_mbuf_put(&sp->out, cp == ':' ? ": " : "; ", 2, at); /* "Photo:Name" */
  say = char_rule(cp);
  if (!say)
    return vc_mbuf_copy(&sp->out, s + at, n, at);
  return vc_mbuf_put(&sp->out, say, strlen(say), at);
}

/* Speaks display bytes [from, to) character by character. */
static vc_status speak_chars(vc_speak *sp, size_t from, size_t to) {
  vc_status st = VC_OK;
  size_t i = from;
  while (st == VC_OK && i < to) {
    utf8proc_int32_t cp;
    size_t rest = to - i < 4 ? to - i : 4;
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)sp->s + i, (utf8proc_ssize_t)rest, &cp);
    if (n <= 0)
      return VC_ERR_UTF8;
    st = speak_char(sp, i, (size_t)n, cp);
    i += (size_t)n;
  }
  return st;
}

/* ---- words --------------------------------------------------------------------------- */

/* The word starting at or after `i`: [*ts, *te); both are `len` at the end. */
static void next_word(const vc_speak *sp, size_t i, size_t *ts, size_t *te) {
  size_t n;
  while (i < sp->len && (n = space_len(sp->s, sp->len, i)) > 0)
    i += n;
  *ts = i;
  while (i < sp->len && space_len(sp->s, sp->len, i) == 0)
    i++;
  *te = i;
}

/* A bracketed timestamp such as "[04:00]" or "(1:02:03)" is not read out. */
static int is_timestamp(const char *s, size_t ts, size_t te) {
  size_t i = ts + 1, groups = 0;
  if (te - ts < 6 || (s[ts] != '[' && s[ts] != '('))
    return 0;
  while (i < te && is_digit(s[i])) {
    size_t d = 0;
    while (i < te && is_digit(s[i]))
      i++, d++;
    if (d > 2 || (groups > 0 && d != 2))
      return 0;
    groups++;
    if (i < te && s[i] == ':')
      i++;
    else
      break;
  }
  if (groups < 2 || i >= te || s[i] != (s[ts] == '[' ? ']' : ')'))
    return 0;
  i++;
  return i == te || (i + 1 == te && strchr(".,;:", s[i]));
}

/* Speaks the word at [t->ts, t->te); returns the display offset to continue from. */
static size_t speak_word(vc_speak *sp, vc_speak_word *t, vc_status *st) {
  int done;
  size_t from;
  if (is_timestamp(sp->s, t->ts, t->te))
    return t->te;
  *st = speak_chars(sp, t->ts, t->cs);
  if (*st != VC_OK)
    return t->te;
  done = t->cs < t->ce ? vc_word_rules_apply(sp, t, st) : 0;
  if (done < 0)
    return t->te;
  from = done ? t->resume : t->cs;
  *st = speak_chars(sp, from, t->te > from ? t->te : from);
  return t->te > from ? t->te : from;
}

/* ---- pauses for reading ----------------------------------------------------------------
 */

vc_status vc_speak_hold(vc_speak *sp, size_t word, int ms) {
  if (ms <= 0)
    return VC_OK;
  ms = ms < VC_HOLD_MAX_MS ? ms : VC_HOLD_MAX_MS;
  if (sp->n_holds == sp->cap_holds) {
    size_t cap = sp->cap_holds ? sp->cap_holds * 2 : 4;
    vc_hold *h = cap < SIZE_MAX / sizeof *h ? realloc(sp->holds, cap * sizeof *h) : NULL;
    if (!h)
      return VC_ERR_NOMEM;
    sp->holds = h;
    sp->cap_holds = cap;
  }
  sp->holds[sp->n_holds++] = (vc_hold){.at = sp->out.len, .word = word, .ms = ms};
  return VC_OK;
}

int vc_speak_started(vc_speak *sp) {
  if (sp->scanned > sp->out.len) /* trailing spaces were trimmed since */
    sp->scanned = sp->out.len;
  for (; !sp->started && sp->scanned < sp->out.len; sp->scanned++) /* each byte once */
    sp->started = !strchr(" \t\n", sp->out.text[sp->scanned]);
  return sp->started;
}

/* Grapheme clusters in s[0..n). */
static size_t graphemes(const char *s, size_t n) {
  size_t count = 0, i = 0;
  utf8proc_int32_t prev = -1, state = 0;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0)
      break;
    if (prev < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state))
      count++;
    prev = cp;
    i += (size_t)k;
  }
  return count;
}

/* A sound note at [from, to) of the display text: not spoken. It becomes one space (so
 * the words around it stay apart), mapped to the note; after some speech, a pause as
 * long as reading it takes follows that space's place. A note with nothing spoken before
 * it in the paragraph is read with the speech after it (the captions bind it there). */
static vc_status speak_note(vc_speak *sp, size_t from, size_t to) {
  vc_status st = VC_OK;
  vc_mbuf_trim_spaces(&sp->out);
  size_t word = sp->out.len;
  if (vc_speak_started(sp))
    st = vc_speak_hold(sp, word,
                       (int)(graphemes(sp->s + from, to - from) + 1) * VC_READ_MS_PER_CHAR);
  if (st == VC_OK)
    st = vc_mbuf_put(&sp->out, " ", 1, from);
  return st;
}

/* Where a sound note starts in the word at [ts, te), after opening quotes: its start,
 * with *end just past it; `te` when there is none. */
static size_t note_in_word(const vc_speak *sp, size_t ts, size_t te, size_t *end) {
  for (size_t p = ts; p < te; p++) {
    if ((*end = vc_note_end(sp->s, sp->len, p)) > 0)
      return p;
    if (sp->s[p] != '"' && sp->s[p] != '\'' && (unsigned char)sp->s[p] < 0x80)
      break;
  }
  return te;
}

/* Speaks all of the display text into sp->out. */
static vc_status speak_all(vc_speak *sp) {
  vc_status st = VC_OK;
  size_t i = 0, ps = 0, pe = 0;
  while (st == VC_OK && i < sp->len) {
    size_t n = space_len(sp->s, sp->len, i);
    vc_speak_word t;
    if (n > 0) {
      st = speak_chars(sp, i, i + n);
      i += n;
      continue;
    }
    next_word(sp, i, &t.ts, &t.te);
    size_t note_end, note = note_in_word(sp, t.ts, t.te, &note_end);
    if (note < t.te) {
      st = speak_chars(sp, t.ts, note);
      if (st == VC_OK)
        st = speak_note(sp, note, note_end);
      i = note_end;
      continue;
    }
    vc_word_core(sp->s, t.ts, t.te, &t.cs, &t.ce);
    next_word(sp, t.te, &t.ns, &t.ne);
    vc_word_core(sp->s, t.ns, t.ne, &t.ns, &t.ne);
    t.ps = ps;
    t.pe = pe;
    t.resume = t.ce;
    i = speak_word(sp, &t, &st);
    ps = t.cs;
    pe = t.ce;
  }
  return st;
}

vc_status vc_speakable_new_with(const vc_speak_rules *r, const char *display, size_t len,
                                vc_speakable **out) {
  vc_speak sp;
  vc_status st;
  if (!out || (!display && len))
    return VC_ERR_ARG;
  *out = NULL;
  sp.r = r;
  sp.s = display;
  sp.len = len;
  vc_mbuf_init(&sp.out);
  size_t n_split = 0;
  sp.holds = NULL;
  sp.n_holds = sp.cap_holds = 0;
  sp.started = 0;
  sp.scanned = 0;
  st = speak_all(&sp);
  if (st == VC_OK)
    st = vc_speak_split_long(&sp.out, sp.holds, sp.n_holds, &n_split);
  if (st == VC_OK)
    st = vc_mbuf_finish(&sp.out, len, out);
  if (st == VC_OK) {
    (*out)->n_split = n_split;
    (*out)->rules = r;
    (*out)->holds = sp.holds;
    (*out)->n_holds = sp.n_holds;
    sp.holds = NULL;
  }
  free(sp.holds);
  vc_mbuf_release(&sp.out);
  return st;
}

vc_status vc_speakable_new(const char *display, size_t len, vc_speakable **out) {
  return vc_speakable_new_with(NULL, display, len, out);
}
