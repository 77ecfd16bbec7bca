/* Sound notes and stage directions: which bracketed groups are not speech, by the words
 * inside them (data/sound-notes.tsv, compiled in), and how captions show them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "text_notes.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { VC_NOTE_MAX_WORDS = 8, VC_NOTE_MAX_BYTES = 120, VC_NOTE_WORD_MAX = 24 };

/* data/sound-notes.tsv, sorted at build time (bsearch). */
static const char *const vc_note_words[] = {
#include "text_notes_table.inc"
};

/* First- and second-person pronouns: a bracket holding one is someone speaking. */
static const char *const vc_note_persons[] = {
    "i", "i'm", "i've", "i'd", "i'll", "me", "my", "we", "us", "our", "you", "your", NULL};

static int cmp_word(const void *key, const void *elem) {
  return strcmp(key, *(const char *const *)elem);
}

static int is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Lower-cases the ASCII letters, hyphens and apostrophes of w[0..n) into buf, dropping
 * punctuation around them; 0 when the word has other characters or is too long. */
static int fold_word(const char *w, size_t n, char *buf) {
  size_t a = 0, b = n, o = 0;
  while (a < b && !is_letter(w[a]))
    a++;
  while (b > a && !is_letter(w[b - 1]))
    b--;
  if (b - a >= VC_NOTE_WORD_MAX)
    return 0;
  for (size_t i = a; i < b; i++) {
    char c = w[i];
    if (!is_letter(c) && c != '-' && c != '\'')
      return 0;
    buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  buf[o] = '\0';
  return o > 0;
}

static int is_person(const char *w) {
  for (size_t k = 0; vc_note_persons[k]; k++)
    if (strcmp(w, vc_note_persons[k]) == 0)
      return 1;
  return 0;
}

/* 1 when the words of s[a..b) make a note: 1..8 words, a listed one, no person. */
static int note_words(const char *s, size_t a, size_t b) {
  size_t words = 0;
  int listed = 0;
  for (size_t i = a; i < b;) {
    while (i < b && s[i] == ' ')
      i++;
    size_t e = i;
    while (e < b && s[e] != ' ')
      e++;
    if (e == i)
      break;
    char w[VC_NOTE_WORD_MAX];
    if (++words > VC_NOTE_MAX_WORDS)
      return 0;
    if (fold_word(s + i, e - i, w)) {
      if (is_person(w))
        return 0;
      listed |= bsearch(w, vc_note_words, sizeof vc_note_words / sizeof vc_note_words[0],
                        sizeof vc_note_words[0], cmp_word) != NULL;
    }
    i = e;
  }
  return listed;
}

/* 1 when s[i] starts a word: the text's start, white space, or an opening quote. */
static int word_start(const char *s, size_t i) {
  if (i == 0 || strchr(" \t\n\"'", s[i - 1]))
    return 1;
  return i >= 3 && memcmp(s + i - 3, "\xe2\x80\x9c", 3) == 0; /* left double quote */
}

size_t vc_note_end(const char *s, size_t len, size_t i) {
  if (i >= len || (s[i] != '[' && s[i] != '(') || !word_start(s, i))
    return 0;
  char open = s[i], close = open == '[' ? ']' : ')';
  size_t limit = len - i > VC_NOTE_MAX_BYTES ? i + VC_NOTE_MAX_BYTES : len, k = i + 1;
  while (k < limit && s[k] != close && s[k] != open && s[k] != '\n')
    k++;
  if (k >= limit || s[k] != close)
    return 0;
  size_t end = k + 1, after = end;
  while (after < len && strchr(".,;:!?\"'", s[after]))
    after++;
  if (after < len && !strchr(" \t\n", s[after]) &&
      !(len - after >= 3 && memcmp(s + after, "\xe2\x80", 2) == 0))
    return 0;
  return note_words(s, i + 1, k) ? end : 0;
}

size_t vc_note_caption(const char *s, size_t n, char *out, size_t size) {
  size_t o = 0, close = n;
  if (size == 0)
    return 0;
  for (size_t k = 0; k < n; k++)
    if (s[k] == ']' || s[k] == ')')
      close = k;
  for (size_t i = 0; i < n && o + 4 < size;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t m =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (m <= 0)
      break;
    if (i == 0 && cp == '(')
      cp = '[';
    else if (i == close)
      cp = ']';
    else if (cp == '.' && i + 1 == close)
      cp = -1; /* "[Recess.]" -> "[recess]" */
    else if (i < close)
      cp = utf8proc_tolower(cp);
    if (cp >= 0)
      o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + o);
    i += (size_t)m;
  }
  out[o] = '\0';
  return o;
}
