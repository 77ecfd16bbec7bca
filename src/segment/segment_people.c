/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter people: names found in the prose, where each is mentioned, who they are. */
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"
#include "text_lex.h"

static int name_word(const char *src, const vc_tok *t) {
  if (!t->cap || t->caps)
    return 0;
  size_t n = t->e - t->s;
  if (vc_seg_in_list(src + t->s, n, vc_seg_not_name_words) ||
      vc_seg_in_list(src + t->s, n, vc_seg_role_words) ||
      vc_seg_in_list(src + t->s, n, vc_seg_first_person))
    return 0;
  const char *dash = memchr(src + t->s, '-', n);
  if (dash && dash + 1 < src + t->e) { /* "London-born" is not a name */
    int32_t cp;
    vc_seg_cp(src, t->e, (size_t)(dash + 1 - src), &cp);
    if (!vc_seg_is_upper(cp))
      return 0;
  }
  return 1;
}

/* Length (in words) of the name run starting at toks[i], vc_seg_name_connectors included.
 */
static size_t run_at(const char *src, const vc_tok *toks, size_t n, size_t i) {
  if (!name_word(src, &toks[i]))
    return 0;
  size_t j = i + 1, words = 1;
  while (
      j < n && words < 4 &&
      (toks[j].tight || (toks[j - 1].e - toks[j - 1].s == 1 && src[toks[j - 1].e] == '.' &&
                         toks[j].s == toks[j - 1].e + 2))) { /* "Jane Q. Doe" */
    if (name_word(src, &toks[j])) {
      j++;
      words++;
    } else if (j + 1 < n && toks[j + 1].tight && name_word(src, &toks[j + 1]) &&
               vc_seg_in_list(src + toks[j].s, toks[j].e - toks[j].s,
                              vc_seg_name_connectors)) {
      j += 2;
      words++;
    } else {
      break;
    }
  }
  return j - i;
}

static int same_bytes(const char *a, size_t an, const char *b, size_t bn) {
  return an == bn && memcmp(a, b, an) == 0;
}

/* The name of words t[i..i+r) joined by single spaces ("JaneDoe" glued -> two words). */
static size_t join_name(const vc_seg *g, const vc_tok *t, size_t i, size_t r, char *out,
                        size_t cap) {
  size_t o = 0;
  for (size_t k = i; k < i + r; k++) {
    size_t n = t[k].e - t[k].s;
    if (o + n + 2 > cap)
      break;
    if (k > i)
      out[o++] = ' ';
    memcpy(out + o, g->src + t[k].s, n);
    o += n;
  }
  out[o] = 0;
  return o;
}

static vc_status add_candidate(vc_seg *g, const vc_tok *t, size_t i, size_t r) {
  char name[VC_SEG_NAME_MAX];
  size_t n = join_name(g, t, i, r, name, sizeof name);
  size_t s = t[i].s, ls = t[i + r - 1].s, le = t[i + r - 1].e;
  for (size_t k = 0; k < g->n_people; k++) {
    if (same_bytes(g->people[k].name, g->people[k].len, name, n)) {
      g->people[k].full++;
      return VC_OK;
    }
  }
  vc_status st = vc_seg_grow((void **)&g->people, &g->cap_people, g->n_people + 1,
                             sizeof *g->people, VC_SEG_MAX_PEOPLE);
  if (st == VC_ERR_LIMIT)
    return VC_OK; /* past the cap, further names are ignored */
  if (st != VC_OK)
    return st;
  vc_person *p = &g->people[g->n_people++];
  memset(p, 0, sizeof *p);
  memcpy(p->name, name, n + 1);
  p->len = n;
  p->last_off = ls;
  p->last_len = le - ls;
  p->full = 1;
  p->first_seen = s;
  return VC_OK;
}

/* Index of the candidate whose surname is src[s..e), preferring the most written
 * full name, then the first seen; -1 if none. */
static int by_surname(const vc_seg *g, size_t s, size_t e, int persons_only) {
  int best = -1;
  for (size_t i = 0; i < g->n_people; i++) {
    const vc_person *p = &g->people[i];
    if (persons_only && !p->is_person)
      continue;
    if (!same_bytes(g->src + p->last_off, p->last_len, g->src + s, e - s))
      continue;
    if (best < 0 || p->full > g->people[best].full)
      best = (int)i;
  }
  return best;
}

static int by_name(const vc_seg *g, const vc_tok *t, size_t i, size_t r) {
  char name[VC_SEG_NAME_MAX];
  size_t n = join_name(g, t, i, r, name, sizeof name);
  for (size_t k = 0; k < g->n_people; k++)
    if (same_bytes(g->people[k].name, g->people[k].len, name, n))
      return (int)k;
  return -1;
}

/* Is w a common word (its lower-case form in the spelling dictionary)? The dictionary is
 * opened on first use; without one, nothing is common. */
int vc_seg_common_word(vc_seg *g, const char *w, size_t n) {
  if (!g->dict_tried) {
    g->dict_tried = 1;
    if (g->opts.no_dictionary)
      return 0;
    if (g->shared_dict)
      g->dict = vc_dict_share(g->shared_dict);
    else if (vc_dict_open(&g->dict) != VC_OK)
      g->dict = NULL;
  }
  return vc_dict_has_lower(g->dict, w, n);
}

/* A run of three or more capitalised words at a sentence start may begin with a common
 * noun ("Mapmaker Jane Doe"): then the name starts one word later. */
static size_t trim_run(vc_seg *g, const vc_tok *t, size_t i, size_t r) {
  if (r >= 3 && t[i].sent && vc_seg_common_word(g, g->src + t[i].s, t[i].e - t[i].s))
    return 1;
  return 0;
}

typedef vc_status (*para_fn)(vc_seg *g, const vc_tok *t, size_t n, void *user);

/* Runs fn over the words of every spoken paragraph. */
static vc_status each_para(vc_seg *g, para_fn fn, void *user) {
  vc_tok *toks = NULL;
  size_t n = 0, cap = 0;
  vc_status st = VC_OK;
  for (size_t i = 0; st == VC_OK && i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE && p->drop != VC_DROP_BYLINE)
      continue;
    st = vc_seg_tokens(g->src, p->body, p->end, &toks, &n, &cap);
    if (st == VC_OK)
      st = fn(g, toks, n, user);
  }
  free(toks);
  return st;
}

/* The run of capitalised words at t[*i], without the leading words trim_run drops; *i
 * moves past those. Returns the run's length in tokens (0 when none). */
static size_t name_run(vc_seg *g, const vc_tok *t, size_t n, size_t *i) {
  size_t r = run_at(g->src, t, n, *i);
  size_t cut = trim_run(g, t, *i, r);
  *i += cut;
  return r - cut;
}

static vc_status collect_runs(vc_seg *g, const vc_tok *t, size_t n, void *user) {
  (void)user;
  for (size_t i = 0; i < n;) {
    size_t r = name_run(g, t, n, &i);
    if (r >= 2) {
      vc_status st = add_candidate(g, t, i, r);
      if (st != VC_OK)
        return st;
    }
    i += r ? r : 1;
  }
  return VC_OK;
}

static int is_verb(const vc_seg *g, const vc_tok *t) {
  return vc_seg_in_list(g->src + t->s, t->e - t->s, vc_seg_speech_verbs);
}

/* "botanist Jane Doe", "the cellist, Jane Doe": an occupation just before the name. */
static int after_role(const vc_seg *g, const vc_tok *t, size_t i) {
  return i > 0 &&
         vc_seg_in_list(g->src + t[i - 1].s, t[i - 1].e - t[i - 1].s, vc_seg_role_words);
}

/* Does the sentence after the one the name t[i..i+r) opens begin with a personal pronoun
 * ("Jane Doe founded the library in 2004. She still runs it.")? A thing is no he or she. */
static int pronoun_follows(const vc_seg *g, const vc_tok *t, size_t n, size_t i, size_t r) {
  if (!t[i].sent)
    return 0;
  size_t j = i + r;
  while (j < n && !t[j].sent)
    j++;
  return j < n &&
         (vc_seg_in_list(g->src + t[j].s, t[j].e - t[j].s, vc_seg_male_pronouns) ||
          vc_seg_in_list(g->src + t[j].s, t[j].e - t[j].s, vc_seg_female_pronouns));
}

/* Second pass: a surname standing alone, a speech verb next to the name, an actor's name
 * in parentheses or a pronoun opening the next sentence makes a candidate a person. */
static vc_status confirm_people(vc_seg *g, const vc_tok *t, size_t n, void *user) {
  (void)user;
  for (size_t i = 0; i < n;) {
    size_t r = name_run(g, t, n, &i);
    if (r == 1) {
      /* a common word opening a sentence ("Open source is ...") is no surname standing
       * alone: it does not make "All Things Open" a person */
      int p = t[i].sent && vc_seg_common_word(g, g->src + t[i].s, t[i].e - t[i].s)
                  ? -1
                  : by_surname(g, t[i].s, t[i].e, 0);
      if (p >= 0)
        g->people[p].is_person = 1;
    } else if (r >= 2) {
      int p = by_name(g, t, i, r);
      int verb = (i + r < n && is_verb(g, &t[i + r])) || (i > 0 && is_verb(g, &t[i - 1]));
      int paren = t[i].s > 0 && g->src[t[i].s - 1] == '(';
      if (p >= 0 && (verb || paren || after_role(g, t, i) ||
                     vc_seg_person_clause(g, t, n, i, r) || pronoun_follows(g, t, n, i, r)))
        g->people[p].is_person = 1;
    }
    i += r ? r : 1;
  }
  return VC_OK;
}

static vc_status add_mention(vc_seg *g, size_t off, size_t len, size_t person) {
  vc_status st = vc_seg_grow((void **)&g->mentions, &g->cap_mentions, g->n_mentions + 1,
                             sizeof *g->mentions, VC_SEG_MAX_PIECES);
  if (st != VC_OK)
    return vc_seg_over(g, st, "mentions of people", VC_SEG_MAX_PIECES);
  g->mentions[g->n_mentions++] = (vc_mention){off, len, person};
  g->people[person].mentions++;
  return VC_OK;
}

static int tok_in_list(const vc_seg *g, const vc_tok *t, const char *const *list) {
  return vc_seg_in_list(g->src + t->s, t->e - t->s, list);
}

static int tok_role(const vc_seg *g, const vc_tok *t) {
  return tok_in_list(g, t, vc_seg_role_words) || tok_in_list(g, t, vc_seg_actor_words) ||
         tok_in_list(g, t, vc_seg_director_words);
}

static void add_desc(vc_person *p, const vc_tok *t) {
  if (p->n_desc >= 8 || t->e - t->s > 40)
    return;
  p->desc_off[p->n_desc] = t->s;
  p->desc_len[p->n_desc] = t->e - t->s;
  p->n_desc++;
}

/* Counts actor/director cue words within three words of a mention. */
static void describe(vc_seg *g, const vc_tok *t, size_t n, size_t i, size_t r, size_t p) {
  size_t lo = i >= 3 ? i - 3 : 0, hi = i + r + 3 < n ? i + r + 3 : n;
  for (size_t k = lo; k < hi; k++) {
    if (k >= i && k < i + r)
      continue;
    const char *w = g->src + t[k].s;
    size_t wn = t[k].e - t[k].s;
    if (vc_seg_in_list(w, wn, vc_seg_actor_words) ||
        vc_seg_in_list(w, wn, vc_seg_actor_cues))
      g->people[p].actor++;
    if (vc_seg_in_list(w, wn, vc_seg_director_words) ||
        vc_seg_in_list(w, wn, vc_seg_director_cues))
      g->people[p].director++;
  }
  /* "chef Jane Doe", "Jane Doe, the chef": an occupation for "the chef says" */
  if (i > 0 && tok_role(g, &t[i - 1]))
    add_desc(&g->people[p], &t[i - 1]);
  for (size_t k = i + r; k < n && k < i + r + 4; k++) {
    if (k == i + r && !tok_in_list(g, &t[k], vc_seg_appositive_starts))
      break;
    if (tok_role(g, &t[k])) {
      add_desc(&g->people[p], &t[k]);
      break;
    }
  }
  /* "Character (Jane Doe)": the actor who plays a part */
  if (i > 0 && t[i].s > 0 && g->src[t[i].s - 1] == '(' && t[i - 1].cap)
    g->people[p].actor += 2;
}

static vc_status collect_mentions(vc_seg *g, const vc_tok *t, size_t n, void *user) {
  (void)user;
  for (size_t i = 0; i < n;) {
    size_t r = name_run(g, t, n, &i);
    int p = -1;
    if (r == 1)
      p = by_surname(g, t[i].s, t[i].e, 1);
    else if (r >= 2) {
      p = by_name(g, t, i, r);
      if (p >= 0 && !g->people[p].is_person)
        p = -1;
    }
    if (p >= 0) {
      vc_status st = add_mention(g, t[i].s, t[i + r - 1].e - t[i].s, (size_t)p);
      if (st != VC_OK)
        return st;
      describe(g, t, n, i, r, (size_t)p);
    }
    i += r ? r : 1;
  }
  return VC_OK;
}

/* May a name nobody shows to be a person be guessed as one? Not a thing's name
 * (vc_seg_thing_name: "at the Acme Center", "Acme Labs Inc."), and not a phrase of
 * common words alone ("Five Questions", "Year Interview Questions" from a headline):
 * capitals in a title-cased line are no evidence of a name. `word` picks the word that
 * must be no common word: 0 the surname, 1 the first name. */
static int guessable(vc_seg *g, const vc_person *p, int word) {
  if (vc_seg_thing_name(g, p))
    return 0;
  if (word == 0)
    return !vc_seg_common_word(g, g->src + p->last_off, p->last_len);
  const char *sp = memchr(p->name, ' ', p->len);
  size_t n = sp ? (size_t)(sp - p->name) : p->len;
  return !vc_seg_common_word(g, p->name, n);
}

/* When nobody is known to be a person: the first name written whose surname is no common
 * word ("Ten Minutes" is not a person), else the first whose first name is none ("Daniel
 * Smith"), leaving out things' names (guessable); -1 when none is. */
static int guess_person(vc_seg *g, const char *but) {
  for (int word = 0; word < 2; word++)
    for (size_t i = 0; i < g->n_people; i++) {
      vc_person *p = &g->people[i];
      if ((but && strcmp(p->name, but) == 0) || !guessable(g, p, word))
        continue;
      p->is_person = 1;
      return (int)i;
    }
  return -1;
}

/* Finds the people the article names, and every place it names them. */
vc_status vc_seg_find_people(vc_seg *g) {
  vc_status st = each_para(g, collect_runs, NULL);
  if (st == VC_OK)
    st = each_para(g, confirm_people, NULL);
  if (st == VC_OK)
    st = each_para(g, collect_mentions, NULL);
  return st;
}

/* The person named at byte `off` (a mention), or -1; *len gets the mention's length. */
int vc_seg_person_at(const vc_seg *g, size_t off, size_t *len) {
  size_t lo = 0, hi = g->n_mentions;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (g->mentions[mid].off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < g->n_mentions && g->mentions[lo].off == off) {
    if (len)
      *len = g->mentions[lo].len;
    return (int)g->mentions[lo].person;
  }
  return -1;
}

/* The person the article is most about: most mentions before the Q&A part, then overall. */
int vc_seg_main_person(vc_seg *g) {
  return vc_seg_main_person_but(g, NULL);
}

/* The same, leaving out the person named `but` (the author who asks). */
int vc_seg_main_person_but(vc_seg *g, const char *but) {
  int best = -1;
  for (size_t i = 0; i < g->n_people; i++) {
    const vc_person *p = &g->people[i];
    if (!p->is_person || (but && strcmp(p->name, but) == 0))
      continue;
    if (best < 0 || p->early > g->people[best].early ||
        (p->early == g->people[best].early && p->mentions > g->people[best].mentions))
      best = (int)i;
  }
  return best >= 0 ? best : guess_person(g, but);
}
