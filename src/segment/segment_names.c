/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter names for labels that name no one ("Speaker 2", a chat handle): what the
 * speaker says of themselves ("Hi, I'm Jane") matched to the page's speaker list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

#define MAX_CAST 16
#define SCAN_PARAS                                                                         \
  6 /* paragraphs of a speaker's first turns read for a self-introduction */
#define MATCH_MIN 0.6 /* how alike a heard name and a listed name must be */

typedef struct cast_name {
  char name[VC_SEG_NAME_MAX];
  int used;
} cast_name;

/* Is the label generic ("SPEAKER 2", "PARTICIPANT", a machine's "SPK09")? */
static int generic_key(const char *key) {
  size_t n = strcspn(key, " 0123456789");
  if (!vc_seg_in_list(key, n, vc_seg_generic_labels))
    return 0;
  for (const char *k = key + n; *k; k++)
    if (*k != ' ' && (*k < '0' || *k > '9'))
      return 0;
  return 1;
}

static int tok_in(const vc_seg *g, const vc_tok *t, const char *const *list) {
  return vc_seg_in_list(g->src + t->s, t->e - t->s, list);
}

/* The name after a self-introduction phrase at src[i] ("I'm Jane Doe, I work ..."): up to
 * three capitalised words in a row. Returns the number of words (0: none). */
static int name_after_phrase(const vc_seg *g, size_t i, size_t e, vc_tok **t, size_t *cap,
                             char *out, size_t out_cap) {
  size_t n = 0;
  if (vc_seg_tokens(g->src, i, e, t, &n, cap) != VC_OK || n == 0)
    return 0;
  vc_tok *w = *t;
  size_t k = 0;
  while (k < n && k < 3 && w[k].cap && (k == 0 || w[k].tight) &&
         !tok_in(g, &w[k], vc_seg_not_name_words) &&
         !tok_in(g, &w[k], vc_seg_first_person) && !tok_in(g, &w[k], vc_seg_pronouns) &&
         !tok_in(g, &w[k], vc_seg_role_words))
    k++;
  if (k == 0)
    return 0;
  vc_seg_copy_name(g->src + w[0].s, w[k - 1].e - w[0].s, out, out_cap);
  return (int)k;
}

/* What a speaker calls themselves in paragraph p ("My name is Jane Doe"): words of the
 * name found, 0 if none. */
int vc_seg_self_intro(const vc_seg *g, const vc_para *p, vc_tok **t, size_t *cap, char *out,
                      size_t out_cap) {
  for (size_t i = p->body; i < p->end; i++) {
    if (!vc_seg_starts_word(g->src, g->len, i))
      continue;
    for (size_t k = 0; vc_seg_self_name_phrases[k]; k++) {
      const char *ph = vc_seg_self_name_phrases[k];
      size_t m = strlen(ph);
      if (!vc_seg_prefix_ci(g->src + i, p->end - i, ph))
        continue;
      int words = name_after_phrase(g, i + m, p->end, t, cap, out, out_cap);
      if (words > 0)
        return words;
    }
  }
  return 0;
}

typedef struct need {
  size_t speaker;
  char heard[VC_SEG_NAME_MAX];
  size_t off; /* where they said it */
  int words;
  int generic;                  /* "Speaker 2" (else a handle) */
  char called[VC_SEG_NAME_MAX]; /* the name the turn before hands over to ("Jane, you?") */
  size_t called_off;
  int by_call; /* `called` comes from a call operator's phrase, naming the whole name */
} need;

/* The name a turn's last paragraph hands over to: the name after a call operator's phrase
 * (data/segment-words.tsv call_asker_intros, call_answer_intros: "I will now turn the
 * call over to Jane Doe"), else a capitalised word right before a comma or a question
 * mark in its last sentence ("So Jane, do you want to start?", "..., Jane?"). */
static void hand_over(const vc_seg *g, const vc_para *p, vc_tok **t, size_t *cap, need *d) {
  for (size_t i = p->body; i < p->end; i++) {
    size_t e = vc_seg_phrase_at(g, i, p->end, vc_seg_call_asker_intros);
    if (!e)
      e = vc_seg_phrase_at(g, i, p->end, vc_seg_call_answer_intros);
    if (e && vc_seg_name_after(g, e, p->end, t, cap, d->called, sizeof d->called)) {
      d->called_off = e;
      d->by_call = strchr(d->called, ' ') != NULL;
      return;
    }
  }
  size_t n = 0, from = p->body;
  for (size_t i = p->body; i + 1 < p->end; i++)
    if (strchr(".!?", g->src[i]) && g->src[i + 1] == ' ')
      from = i + 1; /* the last sentence */
  if (vc_seg_tokens(g->src, from, p->end, t, &n, cap) != VC_OK)
    return;
  for (size_t k = 0; k < n; k++) {
    const vc_tok *w = &(*t)[k];
    char after = w->e < p->end ? g->src[w->e] : 0;
    if (!w->cap || (after != ',' && after != '?') || tok_in(g, w, vc_seg_not_name_words) ||
        tok_in(g, w, vc_seg_first_person) || tok_in(g, w, vc_seg_pronouns) ||
        (k + 1 < n && (*t)[k + 1].cap && (*t)[k + 1].tight))
      continue;
    vc_seg_copy_name(g->src + w->s, w->e - w->s, d->called, sizeof d->called);
    d->called_off = w->s;
    return;
  }
}

/* Splits the speaker lists ("Jane Doe, Joe Roe and Ann Poe") into names. */
static int read_cast(const vc_seg *g, cast_name *c) {
  int n = 0;
  for (int li = 0; li < g->n_cast; li++) {
    size_t s = g->cast_s[li], e = g->cast_e[li];
    while (s < e && n < MAX_CAST) {
      size_t j = s;
      while (j < e && g->src[j] != ',' && g->src[j] != ';' && g->src[j] != '(' &&
             !(j + 5 <= e && vc_seg_prefix_ci(g->src + j, e - j, " and ")) &&
             !(j + 3 <= e && vc_seg_prefix_ci(g->src + j, e - j, " & ")))
        j++;
      size_t a = s, b = j;
      while (a < b && g->src[a] == ' ')
        a++;
      while (b > a && g->src[b - 1] == ' ')
        b--;
      if (b > a && b - a < VC_SEG_NAME_MAX) {
        vc_seg_copy_name(g->src + a, b - a, c[n].name, sizeof c[n].name);
        c[n++].used = 0;
      }
      if (j < e && g->src[j] == '(') /* "(host)": skip the aside */
        while (j < e && g->src[j] != ')')
          j++;
      s = j < e && g->src[j] == ' ' ? j + (g->src[j + 1] == '&' ? 3 : 5) : j + 1;
    }
  }
  return n;
}

/* Lower-case letters of s, no spaces: "Jane Doe" -> "janedoe". */
static size_t squeeze(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0;
  for (size_t i = 0; i < n && o + 1 < cap; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || c >= 0x80)
      out[o++] = (char)c;
  }
  out[o] = 0;
  return o;
}

/* 1 - edit distance / longer length, over letters only. */
static double alike(const char *a, size_t an, const char *b, size_t bn) {
  char x[64], y[64];
  size_t m = squeeze(a, an, x, sizeof x), n = squeeze(b, bn, y, sizeof y);
  if (m == 0 || n == 0)
    return 0;
  unsigned d[64][64];
  for (size_t i = 0; i <= m; i++)
    d[i][0] = (unsigned)i;
  for (size_t j = 0; j <= n; j++)
    d[0][j] = (unsigned)j;
  for (size_t i = 1; i <= m; i++)
    for (size_t j = 1; j <= n; j++) {
      unsigned best = d[i - 1][j - 1] + (x[i - 1] != y[j - 1]);
      if (d[i - 1][j] + 1 < best)
        best = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < best)
        best = d[i][j - 1] + 1;
      d[i][j] = best;
    }
  return 1.0 - (double)d[m][n] / (double)(m > n ? m : n);
}

/* How alike a heard name ("Eva", "Aron Favirim") is to a listed one ("Ava Doe"): the whole
 * names, or the heard name against the first name. */
static double name_match(const char *heard, const char *listed) {
  size_t hf = strcspn(heard, " "), lf = strcspn(listed, " ");
  double best = alike(heard, strlen(heard), listed, strlen(listed));
  double first = alike(heard, hf, listed, lf);
  if (first > best)
    best = first;
  if (!heard[hf]) { /* one word heard: it may be the first name as well */
    double one = alike(heard, strlen(heard), listed, lf);
    if (one > best)
      best = one;
  }
  return best;
}

/* The speakers whose labels name no one, and what each says of themselves. */
static size_t find_needs(vc_seg *g, need *nd, size_t max) {
  size_t n = 0;
  for (size_t li = 0; li < g->n_labels && n < max; li++) {
    const vc_label *l = &g->labels[li];
    if (!l->valid || !(l->handle || generic_key(l->key)))
      continue;
    int dup = 0;
    for (size_t k = 0; k < n; k++)
      dup |= nd[k].speaker == l->speaker;
    if (dup)
      continue;
    memset(&nd[n], 0, sizeof nd[n]);
    nd[n].speaker = l->speaker;
    nd[n].generic = !l->handle;
    nd[n].off = SIZE_MAX;
    n++;
  }
  vc_tok *t = NULL;
  size_t cap = 0;
  int cur = -1, seen[VC_SEG_MAX_SPEAKERS] = {0};
  size_t prev = g->n_paras; /* the spoken paragraph before */
  for (size_t i = g->qa_start; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE)
      continue;
    if (p->label >= 0) {
      int was = cur;
      cur = -1;
      for (size_t k = 0; k < n; k++)
        if (nd[k].speaker == g->labels[p->label].speaker)
          cur = (int)k;
      if (cur >= 0 && cur != was && !nd[cur].called[0] && prev < i)
        hand_over(g, &g->paras[prev], &t, &cap, &nd[cur]);
    }
    prev = i;
    if (cur < 0 || nd[cur].words || seen[cur]++ >= SCAN_PARAS)
      continue;
    nd[cur].words = vc_seg_self_intro(g, p, &t, &cap, nd[cur].heard, sizeof nd[cur].heard);
    if (nd[cur].words)
      nd[cur].off = p->body;
  }
  free(t);
  return n;
}

static void rename_speaker(vc_seg *g, const need *d, const char *name, const char *why) {
  vc_spk *k = &g->speakers[d->speaker];
  vc_seg_copy_name(name, strlen(name), k->name, sizeof k->name);
  k->name_off = SIZE_MAX;
  vc_seg_name_why(g, d->speaker, d->off != SIZE_MAX ? d->off : g->cast_s[0], why);
}

/* Gives the speakers of generic labels and handles the names the text gives them: the
 * speaker list's names matched to what each says of themselves, then to whom the turn
 * before hands over ("Jane, do you want to start?"), the last one left by elimination; else
 * a name a speaker gives for themselves (a full name for a handle). */
vc_status vc_seg_self_names(vc_seg *g) {
  need nd[VC_SEG_MAX_SPEAKERS];
  size_t n = find_needs(g, nd, VC_SEG_MAX_SPEAKERS);
  if (n == 0)
    return VC_OK;
  cast_name cast[MAX_CAST];
  int nc = read_cast(g, cast);
  int done[VC_SEG_MAX_SPEAKERS] = {0};
  for (;;) { /* best pair first, each name once */
    double best = MATCH_MIN;
    int bi = -1, bj = -1;
    for (size_t i = 0; i < n; i++)
      for (int j = 0; j < nc && nd[i].words && !done[i]; j++) {
        double m = cast[j].used ? 0 : name_match(nd[i].heard, cast[j].name);
        if (m >= best) {
          best = m;
          bi = (int)i;
          bj = j;
        }
      }
    if (bi < 0)
      break;
    done[bi] = cast[bj].used = 1;
    rename_speaker(g, &nd[bi], cast[bj].name,
                   "the speaker list, as the speaker names self");
  }
  for (size_t i = 0; i < n; i++) { /* then who the turn before hands over to */
    int bj = -1;
    double best = 0.75;
    for (int j = 0; j < nc && nd[i].called[0] && !done[i] && nd[i].generic; j++) {
      double m = cast[j].used ? 0 : name_match(nd[i].called, cast[j].name);
      if (m >= best) {
        best = m;
        bj = j;
      }
    }
    if (bj < 0)
      continue;
    done[i] = cast[bj].used = 1;
    nd[i].off = nd[i].called_off;
    rename_speaker(g, &nd[i], cast[bj].name,
                   "the speaker list, as the turn before hands over");
  }
  int left = 0, left_cast = 0, li = -1, lj = -1, generic = 0;
  for (size_t i = 0; i < n; i++) {
    generic += nd[i].generic;
    if (!done[i] && nd[i].generic) {
      left++;
      li = (int)i;
    }
  }
  for (int j = 0; j < nc; j++)
    if (!cast[j].used) {
      left_cast++;
      lj = j;
    }
  if (left == 1 && left_cast == 1 && generic == nc) {
    done[li] = cast[lj].used = 1;
    rename_speaker(g, &nd[li], cast[lj].name, "the speaker list: the one name left");
  }
  for (size_t i = 0; i < n; i++) { /* not on the list (a moderator), or no list */
    if (!done[i] && nd[i].words >= (nd[i].generic ? 1 : 2)) {
      rename_speaker(g, &nd[i], nd[i].heard, "what the speaker calls themselves");
    } else if (!done[i] && nd[i].generic && nd[i].by_call) {
      nd[i].off = nd[i].called_off; /* "turn the call over to Jane Doe", then "spk03:" */
      rename_speaker(g, &nd[i], nd[i].called, "a call's operator hands the call to them");
    }
  }
  return VC_OK;
}
