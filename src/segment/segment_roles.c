/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter roles by evidence: role words in labels, who introduces whom, what speakers
 * say of themselves, and the names the introduction gives the Q and A labels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"
#include "segment_turns.h"

/* Weights of the kinds of evidence (a label's own role word is the strongest). */
enum { W_LABEL = 4, W_INTRO = 2, W_SELF = 1 };
#define NAME_SCAN_WORDS 14

static int tok_in(const vc_seg *g, const vc_tok *t, const char *const *list) {
  return vc_seg_in_list(g->src + t->s, t->e - t->s, list);
}

/* Could t be a word of a person's name? */
static int name_tok(const vc_seg *g, const vc_tok *t) {
  return t->cap && !tok_in(g, t, vc_seg_not_name_words) &&
         !tok_in(g, t, vc_seg_role_words) && !tok_in(g, t, vc_seg_first_person) &&
         !tok_in(g, t, vc_seg_asker_role_words) && !tok_in(g, t, vc_seg_answer_role_words);
}

/* Does a sentence end between t[k-1] and t[k]? */
static int breaks(const vc_seg *g, const vc_tok *t, size_t k) {
  for (size_t i = t[k - 1].e; i < t[k].s; i++)
    if (strchr(".;?!()", g->src[i]) && !(g->src[i] == '.' && t[k - 1].e - t[k - 1].s <= 2))
      return 1;
  return 0;
}

/* Does the capitalised run holding w[k] follow "the" / "a" (an organisation's name)? */
static int after_determiner(const vc_seg *g, const vc_tok *w, size_t k) {
  while (k > 0 && w[k - 1].cap && w[k].tight)
    k--;
  return k > 0 && tok_in(g, &w[k - 1], vc_seg_determiners);
}

/* The person named first in the words after src[s] (same sentence, a few words): a
 * known person, one after a title first within the opening capitalised stretch ("Board
 * Chair Jane Doe"), else a run of name words. Writes the name and returns its offset + 1,
 * or 0; *end gets the end of the name as written. */
static size_t name_after_end(const vc_seg *g, size_t s, size_t e, vc_tok **t, size_t *cap,
                             char *out, size_t out_cap, size_t *end) {
  size_t n = 0;
  if (vc_seg_tokens(g->src, s, e, t, &n, cap) != VC_OK)
    return 0;
  vc_tok *w = *t;
  if (n > NAME_SCAN_WORDS)
    n = NAME_SCAN_WORDS;
  size_t stop = n, caps_end = n;
  for (size_t k = 1; k < n && stop == n; k++)
    if (breaks(g, w, k))
      stop = k;
  for (size_t k = 0; k < stop && caps_end == n; k++)
    if (!w[k].cap && !tok_in(g, &w[k], vc_seg_name_connectors) &&
        !vc_seg_word_eq(g->src + w[k].s, w[k].e - w[k].s, "of") &&
        !vc_seg_word_eq(g->src + w[k].s, w[k].e - w[k].s, "for"))
      caps_end = k; /* "Chair of the Board for X, Jane Doe" stays one stretch */
  if (caps_end > stop)
    caps_end = stop; /* the stretch ends with its sentence ("co-host Jane Doe. Today") */
  /* within the opening capitalised stretch: a person after a title, any person, a run of
   * name words; then the same beyond it, up to the sentence's end */
  for (int pass = 0; pass < 5; pass++) {
    size_t lim = pass < 3 ? caps_end : stop;
    for (size_t k = 0; k < lim; k++) {
      if (after_determiner(g, w, k)) /* "the X Group" */
        continue;
      size_t len;
      int p = vc_seg_person_at(g, w[k].s, &len);
      int titled = k > 0 && (tok_in(g, &w[k - 1], vc_seg_role_words) ||
                             tok_in(g, &w[k - 1], vc_seg_asker_role_words) ||
                             tok_in(g, &w[k - 1], vc_seg_answer_role_words));
      if (p >= 0 && (pass == 1 || pass == 3 || (pass == 0 && titled))) {
        vc_seg_copy_name(g->people[p].name, g->people[p].len, out, out_cap);
        *end = w[k].s + len;
        return w[k].s + 1;
      }
      if ((pass != 2 && pass != 4) || !name_tok(g, &w[k]))
        continue;
      size_t j = k + 1;
      while (j < lim && j - k < 3 && w[j].tight && name_tok(g, &w[j]))
        j++;
      if (j - k >= 2 || k == 0) {
        vc_seg_copy_name(g->src + w[k].s, w[j - 1].e - w[k].s, out, out_cap);
        *end = w[j - 1].e;
        return w[k].s + 1;
      }
    }
  }
  return 0;
}

static size_t name_after(const vc_seg *g, size_t s, size_t e, vc_tok **t, size_t *cap,
                         char *out, size_t out_cap) {
  size_t end;
  return name_after_end(g, s, e, t, cap, out, out_cap, &end);
}

/* The name just before src[pos] ("Jane Doe joins us"), or 0. */
static size_t name_before(const vc_seg *g, size_t lo, size_t pos, vc_tok **t, size_t *cap,
                          char *out, size_t out_cap) {
  size_t n = 0;
  if (vc_seg_tokens(g->src, lo, pos, t, &n, cap) != VC_OK || n == 0)
    return 0;
  vc_tok *w = *t;
  size_t j = n;
  while (j > 0 && n - j < 3 && name_tok(g, &w[j - 1]) && (j == n || w[j].tight))
    j--;
  if (j == n)
    return 0;
  vc_seg_copy_name(g->src + w[j].s, w[n - 1].e - w[j].s, out, out_cap);
  return w[j].s + 1;
}

/* The speaker a name stands for: the same full name, surname or first name. */
static int speaker_named(const vc_seg *g, const char *name) {
  char a[VC_SEG_NAME_MAX], b[VC_SEG_NAME_MAX];
  vc_seg_upper_key(name, strlen(name), a, sizeof a);
  const char *al = strrchr(a, ' ');
  size_t af = strcspn(a, " ");
  for (size_t i = 1; i < g->n_speakers; i++) {
    vc_seg_upper_key(g->speakers[i].name, strlen(g->speakers[i].name), b, sizeof b);
    const char *bl = strrchr(b, ' ');
    size_t bf = strcspn(b, " ");
    if (strcmp(a, b) == 0 || (al && bl && strcmp(al, bl) == 0) ||
        (af == bf && strncmp(a, b, af) == 0))
      return (int)i;
  }
  return -1;
}

static void add_evidence(vc_seg *g, int s, int w, size_t off, const char *rule) {
  if (s <= 0)
    return;
  vc_spk *k = &g->speakers[s];
  int was = k->evidence;
  k->evidence += w;
  if (abs(w) >= abs(k->why_weight) || (was > 0) != (k->evidence > 0)) {
    k->why_weight = w;
    k->why_off = off;
    snprintf(k->why, sizeof k->why, "%s", rule);
  }
}

/* Gives evidence to every person named in a list after src[s] ("hosts Jane Doe and Joe
 * Roe", "Jane Doe, Joe Roe and Ann Poe"), except the one speaking (`own`). */
static void names_evidence(vc_seg *g, size_t s, size_t e, int own, int w, size_t at,
                           const char *rule, vc_tok **t, size_t *cap) {
  char name[VC_SEG_NAME_MAX];
  for (int k = 0; k < 6; k++) {
    size_t end = 0;
    if (!name_after_end(g, s, e, t, cap, name, sizeof name, &end))
      return;
    int sp = speaker_named(g, name);
    if (sp != own)
      add_evidence(g, sp, w, at, rule);
    size_t j = end;
    while (j < e && (g->src[j] == ' ' || g->src[j] == ','))
      j++;
    if (j + 4 <= e && vc_seg_prefix_ci(g->src + j, e - j, "and "))
      j += 4;
    else if (j == end || g->src[j - 1] != ',')
      return; /* no list separator: the list ends */
    if (j >= e)
      return;
    int32_t cp;
    vc_seg_cp(g->src, e, j, &cp);
    if (!vc_seg_is_upper(cp))
      return;
    s = j;
  }
}

/* Role words in each label ("HOST", "THE WITNESS", "(moderator)"). */
static void label_evidence(vc_seg *g) {
  for (size_t li = 0; li < g->n_labels; li++) {
    const vc_label *l = &g->labels[li];
    if (!l->valid)
      continue;
    int ask = 0, answer = 0;
    const char *k = l->key;
    for (size_t i = 0; k[i];) {
      size_t j = i;
      while (k[j] && k[j] != ' ')
        j++;
      ask |= vc_seg_in_list(k + i, j - i, vc_seg_asker_role_words);
      answer |= vc_seg_in_list(k + i, j - i, vc_seg_answer_role_words);
      i = k[j] ? j + 1 : j;
    }
    ask |= l->aside_role > 0;
    answer |= l->aside_role < 0;
    size_t off = g->paras[l->first_para].start;
    if (ask && !answer)
      add_evidence(g, (int)l->speaker, W_LABEL, off, "role word in the label");
    else if (answer && !ask)
      add_evidence(g, (int)l->speaker, -W_LABEL, off, "role word in the label");
  }
}

/* Phrases in the text: "my co-host X", "joining me is X", "X joins us", and what each
 * labelled speaker says of themselves ("thanks for having me"). */
static void text_evidence(vc_seg *g, vc_tok **t, size_t *cap) {
  char name[VC_SEG_NAME_MAX];
  int turn_no[VC_SEG_MAX_SPEAKERS] = {0};
  int cur =
      -1; /* the last label's speaker: an unlabelled paragraph after it may be theirs */
  for (size_t pi = 0; pi < g->n_paras; pi++) {
    const vc_para *p = &g->paras[pi];
    if (p->drop != VC_DROP_NONE)
      continue;
    int own = p->label >= 0 ? (int)g->labels[p->label].speaker : -1;
    if (own > 0 && own < VC_SEG_MAX_SPEAKERS)
      turn_no[own]++; /* a host welcomes in their first turns */
    else
      own = -1;
    int self = own > 0 ? own : cur; /* a host's hand-over, turn continued */
    cur = own > 0 ? own : cur;
    for (size_t i = p->body; i < p->end; i++) {
      size_t e;
      if ((e = vc_seg_phrase_at(g, i, p->end, vc_seg_host_intro_phrases)) &&
          name_after(g, e, p->end, t, cap, name, sizeof name)) {
        names_evidence(g, e, p->end, own, W_INTRO, i, "introduced as a host", t, cap);
      } else if ((e = vc_seg_phrase_at(g, i, p->end, vc_seg_guest_intro_phrases)) &&
                 name_after(g, e, p->end, t, cap, name, sizeof name)) {
        names_evidence(g, e, p->end, own, -W_INTRO, i, "introduced as a guest", t, cap);
        if (own > 0 && speaker_named(g, name) > 0 && speaker_named(g, name) != own)
          add_evidence(g, own, W_SELF, i, "introduces a guest");
      } else if (vc_seg_phrase_at(g, i, p->end, vc_seg_guest_after_phrases) &&
                 name_before(g, p->body, i, t, cap, name, sizeof name)) {
        int s = speaker_named(g, name);
        if (s != own)
          add_evidence(g, s, -W_INTRO, i, "introduced as a guest");
      } else if (self > 0 && turn_no[self] <= 2 &&
                 vc_seg_phrase_at(g, i, p->end, vc_seg_host_self_phrases)) {
        add_evidence(g, self, W_SELF, i, "speaks as the host");
      } else if (own > 0 && vc_seg_phrase_at(g, i, p->end, vc_seg_guest_self_phrases)) {
        add_evidence(g, own, -W_SELF, i, "speaks as a guest");
      }
    }
  }
}

/* Gathers the role evidence of every labelled speaker (vc_spk.evidence: > 0 asks). */
vc_status vc_seg_role_evidence(vc_seg *g) {
  vc_tok *t = NULL;
  size_t cap = 0;
  label_evidence(g);
  text_evidence(g, &t, &cap);
  vc_seg_l3_role_evidence(g);
  vc_seg_thanks_evidence(g);
  vc_seg_stated_roles(g);
  free(t);
  return VC_OK;
}

/* A lone first name ("Jane") becomes the full name the article gives the person
 * ("Jane Doe"), when exactly one person named in it starts with that word. */
static void full_first_name(const vc_seg *g, char *name, size_t cap) {
  size_t n = strlen(name);
  if (n == 0 || strchr(name, ' '))
    return;
  int found = -1;
  for (size_t i = 0; i < g->n_people; i++) {
    const vc_person *p = &g->people[i];
    if (p->len > n + 1 && memcmp(p->name, name, n) == 0 && p->name[n] == ' ') {
      if (found >= 0 && strcmp(g->people[found].name, p->name) != 0)
        return; /* two people share the first name: keep it as written */
      found = (int)i;
    }
  }
  if (found >= 0)
    vc_seg_copy_name(g->people[found].name, g->people[found].len, name, cap);
}

/* The names the introduction gives the one who asks ("moderated by X") and the one who
 * answers ("a Q&A with X", "answered by X"), before the Q&A part starts. */
vc_status vc_seg_intro_names(vc_seg *g) {
  vc_tok *t = NULL;
  size_t cap = 0;
  for (size_t pi = 0; pi < g->qa_start && pi < g->n_paras; pi++) {
    const vc_para *p = &g->paras[pi];
    if (p->drop != VC_DROP_NONE)
      continue;
    for (size_t i = p->body; i < p->end; i++) {
      size_t e;
      if (!g->asker[0] && (e = vc_seg_phrase_at(g, i, p->end, vc_seg_host_intro_phrases)) &&
          (g->asker_off = name_after(g, e, p->end, &t, &cap, g->asker, sizeof g->asker)))
        g->asker_off--;
      else if (!g->answerer[0] &&
               (e = vc_seg_phrase_at(g, i, p->end, vc_seg_guest_intro_phrases)) &&
               (g->answerer_off =
                    name_after(g, e, p->end, &t, &cap, g->answerer, sizeof g->answerer)))
        g->answerer_off--;
      else if (!g->answerer[0] &&
               vc_seg_phrase_at(g, i, p->end, vc_seg_guest_after_phrases) &&
               (g->answerer_off = name_before(g, p->body, i, &t, &cap, g->answerer,
                                              sizeof g->answerer))) {
        g->answerer_off--; /* "Jane joined me for the interview" */
        full_first_name(g, g->answerer, sizeof g->answerer);
      }
    }
  }
  free(t);
  vc_seg_outlet_asker(g);
  return VC_OK;
}

/* For segment_evidence.c: the name written first after src[s] (same sentence), and the
 * name just before src[pos]; their offset + 1, or 0. */
size_t vc_seg_name_after(const vc_seg *g, size_t s, size_t e, vc_tok **t, size_t *cap,
                         char *out, size_t out_cap) {
  return name_after(g, s, e, t, cap, out, out_cap);
}

size_t vc_seg_name_before(const vc_seg *g, size_t lo, size_t pos, vc_tok **t, size_t *cap,
                          char *out, size_t out_cap) {
  return name_before(g, lo, pos, t, cap, out, out_cap);
}
