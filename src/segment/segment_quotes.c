/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter quotations: which quoted stretches of prose are speech, and whose. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

#define MAX_SPANS 256
#define ATTR_WORDS 14

typedef struct qspan {
  size_t s, e;   /* including the marks */
  size_t is, ie; /* the words inside */
  int closed, speech, attributed;
  int how; /* how its speaker was found: 0 the person last named, 1 attribution, 2 the
              quotation before, 3 continued from the paragraph before, 4 a guess, 5 the
              name it opens with, 6 the line after it, 7 the quotation paragraph before */
  size_t speaker;
} qspan;

static int is_word_start_ctx(const char *s, size_t i, size_t lo) {
  if (i <= lo)
    return 1;
  unsigned char c = (unsigned char)s[i - 1];
  return c == ' ' || c == '(' || c == '[' || c == '\t' || c == 0x94 /* end of a dash */;
}

/* Finds the quotations of src[lo..hi): curly marks, a stray opening mark used as a
 * closing one, straight marks by position. */
/* In single-quote mode (‘...,’ she said): a closing ’ follows punctuation and is not
 * followed by a letter, so apostrophes ("don’t", "players’") never close. */
static int single_close(const char *s, size_t lo, size_t hi, size_t i, int32_t cp) {
  if (cp != 0x2019 || i <= lo)
    return 0;
  char before = s[i - 1];
  int32_t after;
  vc_seg_cp(s, hi, i + 3, &after);
  return strchr(",.!?", before) && before != 0 && !vc_seg_is_letter(after);
}

static size_t find_spans(const char *s, size_t lo, size_t hi, int single, qspan *out,
                         size_t cap) {
  size_t n = 0, k;
  int inside = 0;
  for (size_t i = lo; i < hi && n < cap;) {
    int32_t cp;
    size_t m = vc_seg_cp(s, hi, i, &cp);
    m = m ? m : 1;
    if (single) {
      if (!inside && cp == 0x2018 && is_word_start_ctx(s, i, lo)) {
        out[n] = (qspan){.s = i, .is = i + m};
        inside = 1;
      } else if (inside && single_close(s, lo, hi, i, cp)) {
        out[n].ie = i;
        out[n].e = i + m;
        out[n].closed = 1;
        n++;
        inside = 0;
      }
      i += m;
      continue;
    }
    if (!inside) {
      int open =
          vc_seg_is_open_quote(s, hi, i, &k) ||
          (cp == '"' && is_word_start_ctx(s, i, lo) && i + 1 < hi && s[i + 1] != ' ');
      if (open) {
        out[n] = (qspan){.s = i, .is = i + m};
        inside = 1;
      }
    } else {
      size_t sp;
      int after_space = i + m >= hi || vc_seg_is_space_at(s, hi, i + m, &sp);
      int close = vc_seg_is_close_quote(s, hi, i, &k) || cp == '"' ||
                  (vc_seg_is_open_quote(s, hi, i, &k) && after_space);
      if (close) {
        out[n].ie = i;
        out[n].e = i + m;
        out[n].closed = 1;
        n++;
        inside = 0;
      }
    }
    i += m;
  }
  if (inside && n < cap && (!single || out[n].s == lo)) {
    out[n].ie = hi;
    out[n].e = hi;
    n++;
  }
  return n;
}

typedef struct qwords {
  int words, caps, big, lower_start, sentence_end;
} qwords;

static void quote_words(const vc_seg *g, const qspan *q, qwords *w) {
  memset(w, 0, sizeof *w);
  const char *s = g->src;
  for (size_t i = q->is; i < q->ie;) {
    size_t j = vc_seg_word_end(s, q->ie, i);
    if (j == i) {
      int32_t cp;
      size_t m = vc_seg_cp(s, q->ie, i, &cp);
      i += m ? m : 1;
      continue;
    }
    int32_t cp;
    vc_seg_cp(s, q->ie, i, &cp);
    if (w->words == 0)
      w->lower_start = vc_seg_is_lower(cp);
    w->words++;
    if (!vc_seg_in_list(s + i, j - i, vc_seg_small_words)) {
      w->big++;
      w->caps += vc_seg_is_upper(cp);
    }
    i = j;
  }
  size_t e = q->ie;
  while (e > q->is && (s[e - 1] == ' ' || s[e - 1] == ')'))
    e--;
  w->sentence_end = e > q->is && strchr(".!?,", s[e - 1]) != NULL;
  if (e >= q->is + 3 && (unsigned char)s[e - 3] == 0xE2 &&
      (unsigned char)s[e - 2] == 0x80 &&
      ((unsigned char)s[e - 1] == 0xA6 || (unsigned char)s[e - 1] == 0x94))
    w->sentence_end = 1; /* … or — */
}

static int title_like(const qwords *w) {
  return w->big > 0 && w->caps * 4 >= w->big * 3 && w->words <= 10;
}

/* ---- attribution ---- */

typedef struct who {
  int kind; /* 0 none, 1 person, 2 pronoun, 3 description, 4 other name */
  int person;
  size_t s, e; /* the words naming the speaker */
} who;

static int tok_in(const vc_seg *g, const vc_tok *t, const char *const *list) {
  return vc_seg_in_list(g->src + t->s, t->e - t->s, list);
}

/* A known person named at t[i]; returns the words the name takes, 0 if none. */
static size_t person_words(const vc_seg *g, const vc_tok *t, size_t n, size_t i, who *w) {
  size_t len;
  int p = i < n ? vc_seg_person_at(g, t[i].s, &len) : -1;
  if (p < 0)
    return 0;
  size_t j = i;
  while (j < n && t[j].e <= t[i].s + len)
    j++;
  *w = (who){1, p, t[i].s, t[i].s + len};
  return j - i;
}

/* "said line cook Jane Doe": up to three lower-case words, then a known person. */
static size_t occupied_person(const vc_seg *g, const vc_tok *t, size_t n, size_t i,
                              who *w) {
  for (size_t k = i; k < n && k < i + 3 && !t[k].cap; k++) {
    if (tok_in(g, &t[k], vc_seg_phrase_stops) || tok_in(g, &t[k], vc_seg_pronouns) ||
        tok_in(g, &t[k], vc_seg_determiners))
      break;
    size_t m = k + 1 < n && t[k + 1].tight ? person_words(g, t, n, k + 1, w) : 0;
    if (m > 0)
      return k + 1 + m - i;
  }
  return 0;
}

/* "the British actor", "the commune's leader": a determiner and up to five words. */
static size_t description(const vc_seg *g, const vc_tok *t, size_t n, size_t i, who *w) {
  size_t j = i + 1;
  while (j < n && j - i < 6 && t[j].tight && !tok_in(g, &t[j], vc_seg_phrase_stops) &&
         !tok_in(g, &t[j], vc_seg_speech_verbs))
    j++;
  if (j == i + 1)
    return 0;
  *w = (who){3, -1, t[i].s, t[j - 1].e};
  return j - i;
}

/* Reads who t[i..] names: a known person, a pronoun, "the ... noun" or a name; returns
 * the words it takes, 0 if none. */
static size_t read_who(const vc_seg *g, const vc_tok *t, size_t n, size_t i, who *w) {
  memset(w, 0, sizeof *w);
  w->person = -1;
  if (i >= n)
    return 0;
  size_t k = person_words(g, t, n, i, w);
  if (k == 0)
    k = occupied_person(g, t, n, i, w);
  if (k > 0)
    return k;
  if (tok_in(g, &t[i], vc_seg_pronouns)) {
    *w = (who){2, -1, t[i].s, t[i].e};
    return 1;
  }
  if (tok_in(g, &t[i], vc_seg_determiners))
    return description(g, t, n, i, w);
  if (t[i].cap && !t[i].caps && !tok_in(g, &t[i], vc_seg_not_name_words)) {
    size_t j = i + 1; /* up to three words; a middle initial ("Jane Q. Doe") joins */
    while (j < n && j - i < 4 && t[j].cap &&
           (t[j].tight || (t[j - 1].e - t[j - 1].s == 1 && g->src[t[j - 1].e] == '.' &&
                           t[j].s == t[j - 1].e + 2)))
      j++;
    *w = (who){4, -1, t[i].s, t[j - 1].e};
    return j - i;
  }
  return 0;
}

/* "..., Jane says" / "..., said the actor" / "..., Jane recalled Joe telling him". */
static int attr_after(const vc_seg *g, const vc_tok *t, size_t n, who *w) {
  if (n == 0)
    return 0;
  if (tok_in(g, &t[0], vc_seg_inverted_verbs))
    return read_who(g, t, n, 1, w) > 0;
  if (n > 2 && vc_seg_word_eq(g->src + t[0].s, t[0].e - t[0].s, "according") &&
      vc_seg_word_eq(g->src + t[1].s, t[1].e - t[1].s, "to"))
    return read_who(g, t, n, 2, w) > 0;
  size_t k = read_who(g, t, n, 0, w);
  if (k == 0 || k >= n || !tok_in(g, &t[k], vc_seg_speech_verbs))
    return 0;
  who other;
  size_t m = read_who(g, t, n, k + 1, &other);
  if (m > 0 && (other.kind == 1 || other.kind == 4) && k + 1 + m < n &&
      tok_in(g, &t[k + 1 + m], vc_seg_reported_verbs))
    *w = other;
  return 1;
}

/* "Jane added that “...", "she says: “...", "Jane asked me, “...". */
static int attr_before(const vc_seg *g, const vc_tok *t, size_t n, size_t gap_ok, who *w) {
  if (n == 0 || !gap_ok)
    return 0;
  size_t v = n - 1;
  if (vc_seg_word_eq(g->src + t[v].s, t[v].e - t[v].s, "that") && v > 0)
    v--;
  if (v > 0 && tok_in(g, &t[v], vc_seg_speech_objects) &&
      tok_in(g, &t[v - 1], vc_seg_speech_verbs))
    v--; /* "Jane Doe asked me, “...", "she told us: “..." */
  /* "began explaining, “...": a reported verb ends the clause as well */
  if (!tok_in(g, &t[v], vc_seg_speech_verbs) && !tok_in(g, &t[v], vc_seg_reported_verbs))
    return 0;
  /* a known person or a pronoun first, then a description just before the verb ("the
   * actor said"), then a name of two words or more that the prose does not know yet
   * ("Jane Doe, who ..., said: “..."), then any description */
  for (int pass = 0; pass < 4; pass++) {
    for (size_t i = 0; i < v; i++) {
      size_t k = read_who(g, t, v, i, w);
      int next = i + k == v;
      if (k > 0 && (w->kind == 1 || w->kind == 2 || (pass == 1 && w->kind == 3 && next) ||
                    (pass == 2 && w->kind == 4 && k >= 2) || (pass == 3 && w->kind == 3)))
        return 1;
      i += k ? k - 1 : 0;
    }
  }
  return 0;
}

/* Start of the sentence holding `pos` (after the last . ! ? before it). */
static size_t sentence_start(const char *s, size_t lo, size_t pos) {
  for (size_t i = pos; i > lo; i--) {
    char c = s[i - 1];
    if ((c == '.' || c == '!' || c == '?') && i < pos && s[i] == ' ') {
      while (i < pos && s[i] == ' ')
        i++;
      return i;
    }
  }
  return lo;
}

/* Sentence end after `pos`: . ! ? followed by a space, or an opening quote. */
static size_t sentence_end(const char *s, size_t pos, size_t hi) {
  for (size_t i = pos; i < hi; i++) {
    int initial = s[i] == '.' && i >= 2 && s[i - 1] >= 'A' && s[i - 1] <= 'Z' &&
                  (s[i - 2] == ' ' || s[i - 2] == '\n'); /* "Jane Q. Doe" */
    if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && (i + 1 >= hi || s[i + 1] == ' ') &&
        !initial)
      return i + 1;
    size_t k;
    if (vc_seg_is_open_quote(s, hi, i, &k))
      return i;
  }
  return hi;
}

/* The start of the last word in src[s..e), or s when there is none. */
static size_t last_word(const vc_seg *g, size_t s, size_t e) {
  size_t last = s;
  for (size_t i = s; i < e;) {
    size_t j = vc_seg_word_end(g->src, e, i);
    if (j > i) {
      last = i;
      i = j;
    } else {
      i++;
    }
  }
  return last;
}

static int actor_noun(const vc_seg *g, size_t s, size_t e, int *director) {
  size_t last = last_word(g, s, e);
  size_t j = vc_seg_word_end(g->src, e, last);
  *director = vc_seg_in_list(g->src + last, j - last, vc_seg_director_words);
  return *director || vc_seg_in_list(g->src + last, j - last, vc_seg_actor_words);
}

/* The person written next to this occupation most often, or -1. */
static int by_desc(const vc_seg *g, size_t s, size_t e) {
  size_t last = last_word(g, s, e);
  size_t ln = vc_seg_word_end(g->src, e, last) - last;
  char head[48];
  if (ln == 0 || ln >= sizeof head)
    return -1;
  for (size_t i = 0; i < ln; i++) {
    char c = g->src[last + i];
    head[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
  }
  head[ln] = 0;
  int best = -1, best_n = 0;
  for (size_t i = 0; i < g->n_people; i++) {
    const vc_person *p = &g->people[i];
    int n = 0;
    for (int k = 0; k < p->n_desc; k++)
      n += vc_seg_word_eq(g->src + p->desc_off[k], p->desc_len[k], head);
    if (n > best_n) {
      best = (int)i;
      best_n = n;
    }
  }
  return best;
}

/* The person a description ("the British actor") stands for, or -1. */
static int described(vc_seg *g, const who *w) {
  int director = 0;
  int known = by_desc(g, w->s, w->e);
  if (known >= 0)
    return known;
  if (!actor_noun(g, w->s, w->e, &director))
    return -1;
  int best = -1, best_v = 0;
  for (size_t i = 0; i < g->n_people; i++) {
    const vc_person *p = &g->people[i];
    int v = director ? p->director - p->actor : p->actor - p->director;
    if (p->is_person && v > best_v) {
      best = (int)i;
      best_v = v;
    }
  }
  if (best < 0 && !director)
    best = vc_seg_main_person(g);
  return best;
}

static vc_status speaker_of(vc_seg *g, const who *w, size_t *out) {
  int p = w->kind == 1 ? w->person : w->kind == 2 ? g->last_person : -1;
  if (w->kind == 2 && w->e > w->s) /* "she said": the last named woman */
    p = vc_seg_pronoun_person(g, w->s, w->e, w->s, p);
  if (w->kind == 3)
    p = described(g, w);
  if (w->kind == 4 && vc_seg_word_end(g->src, w->e, w->s) == w->e)
    p = vc_seg_first_name(g, w->s, w->e, w->s); /* "said Jim": Jim Doe */
  if (p < 0 && w->kind == 2)
    p = vc_seg_main_person(g);
  if (p >= 0)
    return vc_seg_add_speaker(g, g->people[p].name, g->people[p].len, VC_ROLE_QUOTE, out);
  if (w->kind == 3 || w->kind == 4) {
    char name[VC_SEG_NAME_MAX];
    size_t n = vc_seg_copy_name(g->src + w->s, w->e - w->s, name, sizeof name);
    if (name[0] >= 'a' && name[0] <= 'z')
      name[0] = (char)(name[0] - 'a' + 'A');
    return vc_seg_add_speaker(g, name, n, VC_ROLE_QUOTE, out);
  }
  const char *fallback = "Unnamed speaker";
  return vc_seg_add_speaker(g, fallback, strlen(fallback), VC_ROLE_QUOTE, out);
}

typedef struct prose {
  vc_tok *toks;
  size_t n, cap;
} prose;

/* The quotation's words end with a comma inside its closing mark ("...,”"): the sentence
 * goes on with its attribution. */
static int comma_inside(const vc_seg *g, const qspan *q) {
  size_t e = q->ie;
  for (;;) { /* past spaces and a nested quotation's closing mark ("‘good luck,’ ”") */
    if (e > q->is && (g->src[e - 1] == ' ' || g->src[e - 1] == '\''))
      e--;
    else if (e >= q->is + 3 && (unsigned char)g->src[e - 3] == 0xE2 &&
             (unsigned char)g->src[e - 2] == 0x80 && (unsigned char)g->src[e - 1] == 0x99)
      e -= 3;
    else
      break;
  }
  return e > q->is && g->src[e - 1] == ',';
}

/* A name after titles and places, read as who `w` is (kind 1 when the prose knows the
 * person); `loose` after a dash ("...” - Jane Doe on the vote"). */
static int titled(const vc_seg *g, size_t s, size_t e, int loose, who *w) {
  size_t ns, ne;
  int p;
  if (!vc_seg_titled_name(g, s, e, loose, &ns, &ne, &p))
    return 0;
  *w = (who){p >= 0 ? 1 : 4, p, ns, ne};
  return 1;
}

/* Finds who a quotation is attributed to, after it or before it. */
static vc_status attribute(vc_seg *g, prose *pr, const vc_para *p, qspan *q, size_t floor,
                           who *w) {
  memset(w, 0, sizeof *w);
  size_t lo = q->e, hi = sentence_end(g->src, q->e, p->end);
  vc_status st = vc_seg_tokens(g->src, lo, hi, &pr->toks, &pr->n, &pr->cap);
  if (st != VC_OK)
    return st;
  if (pr->n > ATTR_WORDS)
    pr->n = ATTR_WORDS;
  /* the attribution follows at once: only a comma, a dash or spaces between */
  size_t i = lo, sp;
  while (i < hi) {
    if (vc_seg_is_space_at(g->src, hi, i, &sp)) /* a no-break space too */
      i += sp;
    else if (g->src[i] == ',' || g->src[i] == '-')
      i++;
    else if ((unsigned char)g->src[i] == 0xE2 && i + 2 < hi &&
             (unsigned char)g->src[i + 1] == 0x80 &&
             ((unsigned char)g->src[i + 2] == 0x94 || (unsigned char)g->src[i + 2] == 0x93))
      i += 3;
    else
      break;
  }
  if (q->closed && pr->n > 0 && pr->toks[0].s == i && attr_after(g, pr->toks, pr->n, w)) {
    q->attributed = 1;
    return VC_OK;
  }
  int dash = 0;
  for (size_t k = lo; k < i; k++)
    dash |= g->src[k] == '-' || (unsigned char)g->src[k] == 0xE2;
  if (q->closed && pr->n > 0 && pr->toks[0].s == i && (dash || comma_inside(g, q)) &&
      titled(g, i, p->end, dash, w)) {
    q->attributed = 1; /* "...,” Police Sgt. Jane Doe on ...", "...” – Mayor Jane Doe" */
    return VC_OK;
  }
  /* "...” —Jane Doe": a name after a dash, with nothing else in its sentence */
  if (q->closed && dash && pr->n > 0 && pr->toks[0].s == i) {
    size_t k = read_who(g, pr->toks, pr->n, 0, w);
    if (k > 0 && (w->kind == 1 || w->kind == 4) &&
        (k == pr->n || g->src[pr->toks[k - 1].e] == ',')) {
      q->attributed = 1;
      return VC_OK;
    }
  }

  size_t ss = sentence_start(g->src, p->body, q->s);
  if (ss < floor)
    ss = floor;
  st = vc_seg_tokens(g->src, ss, q->s, &pr->toks, &pr->n, &pr->cap);
  if (st != VC_OK)
    return st;
  size_t gap = q->s;
  while (gap > ss &&
         (g->src[gap - 1] == ' ' || g->src[gap - 1] == ',' || g->src[gap - 1] == ':'))
    gap--;
  int gap_ok = pr->n > 0 && pr->toks[pr->n - 1].e == gap;
  size_t ns, ne;
  if (vc_seg_colon_attribution(g, ss, q->s, &ns, &ne)) {
    *w = (who){4, -1, ns, ne}; /* "Jane: “...”" */
    size_t len;
    int known = vc_seg_person_at(g, ns, &len);
    if (known >= 0 && ns + len == ne)
      *w = (who){1, known, ns, ne};
    q->attributed = 1;
  } else if (attr_before(g, pr->toks, pr->n, gap_ok, w))
    q->attributed = 1;
  return VC_OK;
}

static int decide_speech(vc_seg *g, size_t para, const vc_para *p, const qspan *q,
                         size_t idx, int after_speech) {
  qwords w;
  quote_words(g, q, &w);
  if (w.words == 0)
    return 0;
  if (idx == 0 && q->s == p->body && g->open_quote)
    return 1;
  size_t ns, ne; /* "“Jane Doe, Marketing.”" in a round of introductions */
  if (idx == 0 && q->s == p->body && q->e >= p->end && vc_seg_intro_round(g, para) &&
      vc_seg_quote_self_intro(g, q->is, q->ie, 1, &ns, &ne))
    return 1;
  if (title_like(&w) && (!w.sentence_end || !q->attributed))
    return 0;
  if (q->attributed)
    return 1;
  if (!q->closed && w.words >= 4)
    return 1;
  if (w.words >= 8)
    return 1;
  size_t ss = sentence_start(g->src, p->body, q->s);
  int starts = ss == q->s || (q->s > 0 && g->src[q->s - 1] == '(');
  if (after_speech && starts && w.words >= 3)
    return 1; /* a quotation resumed after its attribution */
  if (after_speech && starts && q->closed && w.sentence_end && w.words >= 2 &&
      q->e >= p->end)
    return 1; /* "...," said Jane. "Very cool." : a short one ending the paragraph */
  return w.words >= 4 && !w.lower_start && w.sentence_end && starts;
}

/* The last person the prose named in src[lo..hi) outside speech, else `prev`. */
static int last_named(const vc_seg *g, size_t lo, size_t hi, const qspan *q, size_t nq,
                      int prev) {
  size_t a = 0, b = g->n_mentions;
  while (a < b) { /* first mention at or after lo */
    size_t mid = a + (b - a) / 2;
    if (g->mentions[mid].off < lo)
      a = mid + 1;
    else
      b = mid;
  }
  for (size_t i = a; i < g->n_mentions && g->mentions[i].off < hi; i++) {
    const vc_mention *m = &g->mentions[i];
    int inside = 0;
    for (size_t k = 0; k < nq; k++)
      inside |= q[k].speech && m->off >= q[k].s && m->off < q[k].e;
    if (!inside)
      prev = (int)m->person;
  }
  return prev;
}

static vc_status narrator_piece(vc_seg *g, size_t para, size_t s, size_t e) {
  size_t k;
  while (s < e && (vc_seg_is_space_at(g->src, e, s, &k) || g->src[s] == ','))
    s += vc_seg_is_space_at(g->src, e, s, &k) ? k : 1;
  while (e > s && g->src[e - 1] == ' ')
    e--;
  if (s >= e || vc_seg_count_letters(g->src + s, e - s, NULL, NULL) == 0)
    return VC_OK;
  return vc_seg_add_piece(g, s, e, para, VC_ROLE_NARRATOR, 0);
}

/* Nothing but dropped lines (credits, captions) between paragraphs a and b. */
static int only_drops_between(const vc_seg *g, size_t a, size_t b) {
  if (a >= b)
    return 0;
  for (size_t i = a + 1; i < b; i++)
    if (g->paras[i].drop == VC_DROP_NONE)
      return 0;
  return 1;
}

/* A quotation nothing attributes, read from the text beside it: the name it opens with
 * (a self-introduction), the line after it (a roundup), or the quotation that ended the
 * paragraph before (a quotation running over several paragraphs). Sets q->how (5, 6, 7)
 * and q->speaker; returns 0 when none of these holds. */
static int unattributed(vc_seg *g, size_t para, const vc_para *p, qspan *q, size_t k,
                        vc_status *st) {
  size_t ns, ne;
  int person = -1;
  int at_start = k == 0 && q->s == p->body;
  if (vc_seg_quote_self_intro(g, q->is, q->ie, vc_seg_intro_round(g, para), &ns, &ne))
    q->how = 5;
  else if (at_start && vc_seg_next_attribution(g, para, &ns, &ne, &person))
    q->how = 6;
  else if (at_start && g->carry && only_drops_between(g, g->carry_para, para)) {
    q->how = 7;
    q->speaker = g->carry_speaker;
    return 1;
  } else
    return 0;
  size_t len;
  if (person < 0 && (person = vc_seg_person_at(g, ns, &len)) >= 0 && ns + len != ne)
    person = -1;
  *st = speaker_of(g, &(who){person >= 0 ? 1 : 4, person, ns, ne}, &q->speaker);
  return 1;
}

static vc_status decide_speakers(vc_seg *g, prose *pr, size_t para, const vc_para *p,
                                 qspan *q, size_t nq) {
  vc_status st = VC_OK;
  int have_prev = 0;
  size_t prev = 0;
  for (size_t k = 0; st == VC_OK && k < nq; k++) {
    who w;
    st = attribute(g, pr, p, &q[k], k > 0 ? q[k - 1].e : p->body, &w);
    if (st != VC_OK)
      break;
    q[k].speech = decide_speech(g, para, p, &q[k], k, have_prev);
    if (!q[k].speech)
      continue;
    g->last_person = last_named(g, p->body, q[k].s, q, nq, g->last_person);
    q[k].how = q[k].attributed                                              ? 1
               : have_prev                                                  ? 2
               : (k == 0 && q[k].s == p->body && g->open_quote)             ? 3
               : last_named(g, p->body, q[k].s, q, nq, g->last_person) >= 0 ? 0
                                                                            : 4;
    if (q[k].attributed)
      st = speaker_of(g, &w, &q[k].speaker);
    else if (!have_prev && q[k].how != 3 && unattributed(g, para, p, &q[k], k, &st))
      ;
    else if (have_prev)
      q[k].speaker = prev;
    else if (q[k].how == 3)
      q[k].speaker = g->open_speaker;
    else
      st = speaker_of(g, &(who){2, -1, 0, 0}, &q[k].speaker);
    have_prev = 1;
    prev = q[k].speaker;
  }
  return st;
}

/* Evidence for the next paragraph: this one quoted someone, and named no one else after
 * that quotation. */
static void carry_on(vc_seg *g, size_t para, const qspan *q, size_t nq) {
  size_t last = nq;
  for (size_t k = 0; k < nq; k++)
    if (q[k].speech)
      last = k;
  g->carry = 0;
  if (last == nq)
    return;
  int named = last_named(g, q[last].e, g->paras[para].end, q, nq, -1);
  const char *name = g->speakers[q[last].speaker].name;
  g->carry = named < 0 || strcmp(g->people[named].name, name) == 0;
  g->carry_speaker = q[last].speaker;
  g->carry_para = para;
}

/* Splits one prose paragraph into narrator and quotation pieces. */
vc_status vc_seg_prose(vc_seg *g, size_t para) {
  const vc_para *p = &g->paras[para];
  qspan *q = calloc(MAX_SPANS, sizeof *q);
  prose pr = {NULL, 0, 0};
  if (!q)
    return VC_ERR_NOMEM;
  size_t nq = find_spans(g->src, p->body, p->end, g->single_quotes, q, MAX_SPANS);
  size_t mark;
  if (nq > 0 && q[nq - 1].closed && vc_seg_runs_on(g, q[nq - 1].e, p->end, &mark)) {
    q[nq - 1].ie = mark; /* a closing mark never opened: the quotation runs on */
    q[nq - 1].e = p->end;
  }
  vc_status st = decide_speakers(g, &pr, para, p, q, nq);
  size_t pos = p->body;
  int open = 0;
  for (size_t k = 0; st == VC_OK && k < nq; k++) {
    if (!q[k].speech)
      continue;
    st = narrator_piece(g, para, pos, q[k].s);
    if (st == VC_OK)
      st = vc_seg_add_piece(g, q[k].s, q[k].e, para, VC_ROLE_QUOTE, q[k].speaker);
    static const float conf[] = {0.6f, 0.9f, 0.8f, 0.75f, 0.4f, 0.8f, 0.8f, 0.7f};
    static const char *const basis[] = {
        "unattributed quotation: the person last named",
        "attribution",
        "same speaker as the quotation before",
        "quotation continued from the paragraph before",
        "unattributed quotation: nobody named before it",
        "self-introduction: the name the quotation opens with",
        "attribution on the line after the quotation",
        "quotation paragraph after the same speaker's quotation"};
    vc_seg_mark_piece(g, conf[q[k].how], basis[q[k].how]);
    vc_seg_name_why(g, q[k].speaker, q[k].s, basis[q[k].how]);
    pos = q[k].e;
    open = !q[k].closed;
    if (open)
      g->open_speaker = q[k].speaker;
  }
  if (st == VC_OK)
    st = narrator_piece(g, para, pos, p->end);
  carry_on(g, para, q, nq);
  g->open_quote = open;
  g->last_person = last_named(g, p->body, p->end, q, nq, g->last_person);
  free(pr.toks);
  free(q);
  return st;
}

/* Does the article quote speech with single marks (‘...’) and never with double ones? */
void vc_seg_quote_style(vc_seg *g) {
  int doubles = 0, singles = 0;
  for (size_t i = 0; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE)
      continue;
    for (size_t j = p->body; j < p->end; j++) {
      size_t k;
      int32_t cp;
      if (g->src[j] == '"' || vc_seg_is_open_quote(g->src, p->end, j, &k))
        doubles++;
      else if ((unsigned char)g->src[j] == 0xE2 && vc_seg_cp(g->src, p->end, j, &cp) &&
               cp == 0x2018 && is_word_start_ctx(g->src, j, p->body))
        singles++;
    }
  }
  g->single_quotes = doubles == 0 && singles >= 2;
}
