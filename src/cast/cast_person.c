/* What the text says about a person (he, she, or nothing): titles, pronouns after a
 * mention, self-descriptions; the words are data/person-words.tsv, compiled in. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cast_person.h"

#include <string.h>

#include "cues_words.h"

enum {
  VC_PW_HE,
  VC_PW_SHE,
  VC_PW_TITLE_HE,
  VC_PW_TITLE_SHE,
  VC_PW_SELF_HE,
  VC_PW_SELF_SHE
};

static const struct {
  const char *word;
  int kind;
} vc_person_words[] = {
#include "cast_person_table.inc"
};

enum {
  VC_PRONOUN_REACH = 25, /* words after a mention searched for its pronoun */
  VC_WORD_MAX = 32,
  W_TITLE = 3,
  W_SELF = 2,
  W_PRONOUN = 1
};

/* A word of a text: [a, b). */
typedef struct vc_span {
  size_t a, b;
} vc_span;

static int letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '\'';
}

/* The next word of s[0..n) at or after *i (advanced past it); 0 at the end. */
static int next_word(const char *s, size_t n, size_t *i, vc_span *w) {
  while (*i < n && !letter((unsigned char)s[*i]))
    (*i)++;
  if (*i >= n)
    return 0;
  w->a = *i;
  while (*i < n && letter((unsigned char)s[*i]))
    (*i)++;
  w->b = *i;
  return 1;
}

/* The kind of word s[w] in the table (ASCII case ignored), or -1. */
static int word_kind(const char *s, vc_span w) {
  char low[VC_WORD_MAX];
  size_t n = w.b - w.a;
  if (n == 0 || n >= sizeof low)
    return -1;
  for (size_t k = 0; k < n; k++) {
    char c = s[w.a + k];
    low[k] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  low[n] = '\0';
  for (size_t k = 0; k < sizeof vc_person_words / sizeof vc_person_words[0]; k++)
    if (strcmp(low, vc_person_words[k].word) == 0)
      return vc_person_words[k].kind;
  return -1;
}

/* 1 when s[w] is `name` (a capitalised word), alone or with a possessive 's. */
static int is_name(const char *s, vc_span w, const char *name, size_t len) {
  if (len < 2 || w.b - w.a < len || memcmp(s + w.a, name, len) != 0)
    return 0;
  const char *rest = s + w.a + len;
  size_t r = w.b - w.a - len;
  return r == 0 || (r == 2 && memcmp(rest, "'s", 2) == 0) ||
         (r == 4 && memcmp(rest, "\xe2\x80\x99s", 4) == 0);
}

/* 1 when the word s[w] can stand for a person in a text: capitalised, and not a
 * function word ("The" of "The Outlet" is no one's name). */
static int name_like(const char *s, vc_span w) {
  unsigned char c = (unsigned char)s[w.a];
  return ((c >= 'A' && c <= 'Z') || c >= 0x80) &&
         vc_word_class(s + w.a, w.b - w.a) == VC_WC_NONE;
}

/* The first and last words of a speaker's name that can stand for them: spans into
 * `name`, empty when there is none. */
static void name_parts(const char *name, vc_span *first, vc_span *last) {
  size_t i = 0, n = strlen(name);
  vc_span w;
  first->a = first->b = last->a = last->b = 0;
  int any = 0;
  while (next_word(name, n, &i, &w)) {
    int kind = word_kind(name, w);
    if (kind == VC_PW_TITLE_HE || kind == VC_PW_TITLE_SHE || !name_like(name, w))
      continue;
    if (!any)
      *first = w;
    *last = w;
    any = 1;
  }
  if (first->a == last->a)
    first->a = first->b = 0; /* one word: it is the surname */
}

/* 1 when s[w] names a speaker of the script other than `i` (and the narrator). */
static int names_other(const vc_script *sc, size_t i, const char *s, vc_span w) {
  for (size_t k = 1; k < sc->n_speakers; k++) {
    const char *nm = sc->speakers[k].name;
    if (k == i || !nm)
      continue;
    vc_span f, l;
    name_parts(nm, &f, &l);
    if (is_name(s, w, nm + l.a, l.b - l.a) ||
        (f.b > f.a && is_name(s, w, nm + f.a, f.b - f.a)))
      return 1;
  }
  return 0;
}

/* Evidence for and against, by weight. */
typedef struct vc_votes {
  int he, she;
} vc_votes;

static void vote(vc_votes *v, int kind, int weight) {
  if (kind == VC_PW_HE || kind == VC_PW_TITLE_HE || kind == VC_PW_SELF_HE)
    v->he += weight;
  else if (kind == VC_PW_SHE || kind == VC_PW_TITLE_SHE || kind == VC_PW_SELF_SHE)
    v->she += weight;
}

/* The first he/she within reach after a mention ending at *i, unless another speaker is
 * named first. */
static void pronoun_after(const vc_script *sc, size_t who, const char *s, size_t n,
                          size_t i, vc_votes *v) {
  vc_span w;
  for (int k = 0; k < VC_PRONOUN_REACH && next_word(s, n, &i, &w); k++) {
    if (names_other(sc, who, s, w))
      return;
    int kind = word_kind(s, w);
    if (kind == VC_PW_HE || kind == VC_PW_SHE) {
      vote(v, kind, W_PRONOUN);
      return;
    }
  }
}

/* Mentions of speaker `who` in text s[0..n) written by someone else. */
static void mentions(const vc_script *sc, size_t who, const char *s, size_t n,
                     vc_votes *v) {
  const char *nm = sc->speakers[who].name;
  vc_span first, last, w, prev = {0, 0};
  name_parts(nm, &first, &last);
  size_t i = 0;
  while (next_word(s, n, &i, &w)) {
    int hit = is_name(s, w, nm + last.a, last.b - last.a) ||
              (first.b > first.a && is_name(s, w, nm + first.a, first.b - first.a));
    if (hit) {
      int title = prev.b > prev.a ? word_kind(s, prev) : -1;
      if (title == VC_PW_TITLE_HE || title == VC_PW_TITLE_SHE)
        vote(v, title, W_TITLE);
      pronoun_after(sc, who, s, n, i, v);
    }
    prev = w;
  }
}

/* "I'm a mother", "I am a man", "as a woman" in the speaker's own text. */
static void self_descriptions(const char *s, size_t n, vc_votes *v) {
  vc_span w[4] = {{0, 0}};
  size_t i = 0, seen = 0;
  while (next_word(s, n, &i, &w[seen % 4])) {
    seen++;
    if (seen < 3)
      continue;
    vc_span a = w[(seen - 3) % 4], b = w[(seen - 2) % 4], c = w[(seen - 1) % 4];
    int kind = word_kind(s, c);
    if (kind != VC_PW_SELF_HE && kind != VC_PW_SELF_SHE)
      continue;
    if (b.b - b.a != 1 || s[b.a] != 'a')
      continue;
    size_t la = a.b - a.a;
    char a0 = (char)(s[a.a] | 0x20); /* ASCII lower case: "As a mother" */
    int lead = (la == 2 && a0 == 'a' && (s[a.a + 1] == 's' || s[a.a + 1] == 'm')) ||
               (la == 3 && strncmp(s + a.a, "I'm", 3) == 0) ||
               (la == 5 && strncmp(s + a.a, "I\xe2\x80\x99m", 5) == 0);
    if (lead)
      vote(v, kind, W_SELF);
  }
}

vc_person vc_cast_person(const vc_script *sc, size_t i) {
  if (!sc || i == 0 || i >= sc->n_speakers || !sc->speakers[i].name)
    return VC_PERSON_UNSAID;
  vc_votes v = {0, 0};
  const char *nm = sc->speakers[i].name;
  vc_span w;
  size_t k = 0;
  int title = next_word(nm, strlen(nm), &k, &w) ? word_kind(nm, w) : -1;
  if (title == VC_PW_TITLE_HE || title == VC_PW_TITLE_SHE)
    vote(&v, title, W_TITLE); /* a label such as "MS. DOE" */
  for (size_t t = 0; t < sc->n_turns; t++) {
    const vc_turn *turn = &sc->turns[t];
    if (turn->speaker == i)
      self_descriptions(turn->text, turn->text_len, &v);
    else
      mentions(sc, i, turn->text, turn->text_len, &v);
  }
  if (v.he > 0 && v.he >= 2 * v.she)
    return VC_PERSON_HE;
  if (v.she > 0 && v.she >= 2 * v.he)
    return VC_PERSON_SHE;
  return VC_PERSON_UNSAID;
}

const char *vc_person_name(vc_person p) {
  return p == VC_PERSON_HE ? "he" : p == VC_PERSON_SHE ? "she" : "unsaid";
}
