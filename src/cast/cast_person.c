/* What the text says about a person (he, she, or nothing): titles, pronouns after a
 * mention, self-descriptions; the words are data/person-words.tsv, compiled in. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cast_person.h"

#include <stdlib.h>
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

/* A word that can stand for a speaker (their surname or first name), pointing into the
 * script's names. */
typedef struct vc_name_part {
  const char *s;
  size_t len, speaker;
} vc_name_part;

static int cmp_bytes(const char *a, size_t na, const char *b, size_t nb) {
  int c = memcmp(a, b, na < nb ? na : nb);
  return c ? c : (na > nb) - (na < nb);
}

static int cmp_part(const void *x, const void *y) {
  const vc_name_part *a = x, *b = y;
  int c = cmp_bytes(a->s, a->len, b->s, b->len);
  return c ? c : (a->speaker > b->speaker) - (a->speaker < b->speaker);
}

/* The parts of every speaker's name but the narrator's, sorted; NULL on ENOMEM. */
static vc_name_part *name_index(const vc_script *sc, size_t *n_out) {
  vc_name_part *parts = calloc(2 * sc->n_speakers + 1, sizeof *parts);
  size_t n = 0;
  if (!parts)
    return NULL;
  for (size_t k = 1; k < sc->n_speakers; k++) {
    const char *nm = sc->speakers[k].name;
    if (!nm)
      continue;
    vc_span f, l;
    name_parts(nm, &f, &l);
    if (l.b - l.a >= 2)
      parts[n++] = (vc_name_part){nm + l.a, l.b - l.a, k};
    if (f.b - f.a >= 2)
      parts[n++] = (vc_name_part){nm + f.a, f.b - f.a, k};
  }
  qsort(parts, n, sizeof *parts, cmp_part);
  *n_out = n;
  return parts;
}

#define VC_NOBODY ((size_t)0) /* the narrator is never named */
#define VC_SEVERAL ((size_t)-1)

/* The speaker the word s[w] names (a possessive 's ignored): their index, VC_SEVERAL when
 * the word is part of more than one name, VC_NOBODY when none. */
static size_t named(const vc_name_part *parts, size_t n, const char *s, vc_span w) {
  size_t len = w.b - w.a;
  unsigned char c = (unsigned char)s[w.a];
  if (len < 2 || !((c >= 'A' && c <= 'Z') || c >= 0x80))
    return VC_NOBODY;
  if (len > 2 && memcmp(s + w.b - 2, "'s", 2) == 0)
    len -= 2;
  else if (len > 4 && memcmp(s + w.b - 4, "\xe2\x80\x99s", 4) == 0)
    len -= 4;
  size_t lo = 0, hi = n;
  while (lo < hi) { /* the first part not below the word */
    size_t mid = lo + (hi - lo) / 2;
    if (cmp_bytes(parts[mid].s, parts[mid].len, s + w.a, len) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == n || cmp_bytes(parts[lo].s, parts[lo].len, s + w.a, len) != 0)
    return VC_NOBODY;
  size_t who = parts[lo].speaker;
  for (size_t k = lo + 1; k < n && cmp_bytes(parts[k].s, parts[k].len, s + w.a, len) == 0;
       k++)
    if (parts[k].speaker != who)
      return VC_SEVERAL;
  return who;
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

/* 1 when s[a] s[b] is "I'm a", "I am a" or "as a" (ASCII case ignored in "as"/"am"). */
static int self_lead(const char *s, vc_span a, vc_span b) {
  if (b.b - b.a != 1 || s[b.a] != 'a')
    return 0;
  size_t la = a.b - a.a;
  char a0 = (char)(s[a.a] | 0x20);
  return (la == 2 && a0 == 'a' && (s[a.a + 1] == 's' || s[a.a + 1] == 'm')) ||
         (la == 3 && strncmp(s + a.a, "I'm", 3) == 0) ||
         (la == 5 && strncmp(s + a.a, "I\xe2\x80\x99m", 5) == 0);
}

/* One turn, in a single pass: a title before a mention of someone else, the first he/she
 * after it (before another name), and the speaker's self-descriptions. */
static void read_turn(const vc_turn *t, const vc_name_part *parts, size_t n_parts,
                      vc_votes *votes, size_t n_speakers) {
  size_t pending = VC_NOBODY, i = 0;
  int left = 0;
  vc_span w, prev[2] = {{0, 0}, {0, 0}};
  while (next_word(t->text, t->text_len, &i, &w)) {
    size_t who = named(parts, n_parts, t->text, w);
    int kind = who == VC_NOBODY ? word_kind(t->text, w) : -1;
    if (who != VC_NOBODY) {
      pending = VC_NOBODY; /* a name closes the window of the one before it */
      if (who != VC_SEVERAL && who != t->speaker && who < n_speakers) {
        int title = prev[1].b > prev[1].a ? word_kind(t->text, prev[1]) : -1;
        if (title == VC_PW_TITLE_HE || title == VC_PW_TITLE_SHE)
          vote(&votes[who], title, W_TITLE);
        pending = who;
        left = VC_PRONOUN_REACH;
      }
    } else if (pending != VC_NOBODY && (kind == VC_PW_HE || kind == VC_PW_SHE)) {
      vote(&votes[pending], kind, W_PRONOUN);
      pending = VC_NOBODY;
    } else if (pending != VC_NOBODY && --left == 0) {
      pending = VC_NOBODY;
    }
    if ((kind == VC_PW_SELF_HE || kind == VC_PW_SELF_SHE) && t->speaker > 0 &&
        t->speaker < n_speakers && self_lead(t->text, prev[0], prev[1]))
      vote(&votes[t->speaker], kind, W_SELF);
    prev[0] = prev[1];
    prev[1] = w;
  }
}

static vc_person decide(const vc_votes *v) {
  if (v->he > 0 && v->he >= 2 * v->she)
    return VC_PERSON_HE;
  if (v->she > 0 && v->she >= 2 * v->he)
    return VC_PERSON_SHE;
  return VC_PERSON_UNSAID;
}

vc_status vc_cast_persons(const vc_script *sc, vc_person *out) {
  size_t n = sc->n_speakers, n_parts = 0;
  vc_votes *votes = calloc(n ? n : 1, sizeof *votes);
  vc_name_part *parts = name_index(sc, &n_parts);
  if (!votes || !parts) {
    free(votes);
    free(parts);
    return VC_ERR_NOMEM;
  }
  for (size_t k = 1; k < n; k++) { /* a label such as "MS. DOE" */
    const char *nm = sc->speakers[k].name;
    size_t i = 0;
    vc_span w;
    int title = nm && next_word(nm, strlen(nm), &i, &w) ? word_kind(nm, w) : -1;
    if (title == VC_PW_TITLE_HE || title == VC_PW_TITLE_SHE)
      vote(&votes[k], title, W_TITLE);
  }
  for (size_t t = 0; t < sc->n_turns; t++)
    read_turn(&sc->turns[t], parts, n_parts, votes, n);
  for (size_t k = 0; k < n; k++)
    out[k] = k == 0 || !sc->speakers[k].name ? VC_PERSON_UNSAID : decide(&votes[k]);
  free(votes);
  free(parts);
  return VC_OK;
}

const char *vc_person_name(vc_person p) {
  return p == VC_PERSON_HE ? "he" : p == VC_PERSON_SHE ? "she" : "unsaid";
}
