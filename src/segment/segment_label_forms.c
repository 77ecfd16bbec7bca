/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter labels of shapes the fixed forms miss: descriptions, own-line titles, splits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

/* "Mr. JANE DOE (Writer, author of "A Book"):": a description in parentheses between a
 * label's name and its colon. Evidence: the closing parenthesis is followed by the colon
 * (spaces between allowed), and no line break or second parenthesis is inside. Returns
 * the end of the ")" or i. */
size_t vc_seg_l3_aside_end(const char *s, size_t n, size_t i) {
  if (i >= n || s[i] != '(')
    return i;
  for (size_t j = i + 1; j < n && j < i + 160; j++) {
    if (s[j] == '(' || s[j] == '\n')
      break;
    if (s[j] != ')')
      continue;
    size_t k = j + 1;
    while (k < n && s[k] == ' ')
      k++;
    return k < n && s[k] == ':' ? j + 1 : i;
  }
  return i;
}

/* "Jane Doe, Official Spokesperson:" / "Mr Tom Pell, Jt. Secretary (PR):": an office after
 * a label's name, set off by a comma. Evidence: one to six words after the comma, each
 * capitalised, a connector ("of", "for", "the", "and", "&") or a short part in
 * parentheses, then the colon; no line break, no sentence inside. Returns the end of the
 * office (before the colon) or i. */
size_t vc_seg_l3_office_end(const char *s, size_t n, size_t i) {
  if (i + 2 >= n || s[i] != ',' || s[i + 1] != ' ')
    return i;
  size_t j = i + 2, end = i;
  int words = 0;
  while (j < n && words < 7) {
    if (s[j] == '(') {
      size_t k = j + 1;
      while (k < n && k < j + 24 && s[k] != ')' && s[k] != '\n' && s[k] != '(')
        k++;
      if (k >= n || s[k] != ')')
        return i;
      j = k + 1;
    } else {
      size_t k = vc_seg_word_end(s, n, j);
      int32_t cp;
      vc_seg_cp(s, n, j, &cp);
      if (k == j && s[j] == '&')
        k = j + 1;
      if (k == j ||
          !(vc_seg_is_upper(cp) || vc_seg_in_list(s + j, k - j, vc_seg_office_links)))
        return i;
      j = k + (k < n && s[k] == '.'); /* "Jt." */
    }
    words++;
    end = j;
    while (j < n && s[j] == ' ')
      j++;
    if (j < n && s[j] == ':')
      return words <= 6 ? end : i;
    if (j == end)
      return i;
  }
  return i;
}

static int tok_in(const vc_seg *g, const vc_tok *t, const char *const *list);

/* Does a phrase of `list` start a word in src[s..e)? */
static int has_phrase(const vc_seg *g, size_t s, size_t e, const char *const *list) {
  for (size_t i = s; i < e; i++) {
    if (!vc_seg_starts_word(g->src, g->len, i))
      continue;
    for (size_t k = 0; list[k]; k++) {
      size_t m = strlen(list[k]);
      if (i + m < e && vc_seg_prefix_ci(g->src + i, e - i, list[k]))
        return 1;
    }
  }
  return 0;
}

/* A host opening the programme in paragraph p: a self-introduction with a name ("I'm Jane
 * Doe") beside a show phrase ("this is", "welcome to") in the same paragraph. Writes the
 * name; returns its words, 0 if none. */
static int host_opening(const vc_seg *g, const vc_para *p, vc_tok **t, size_t *cap,
                        char *out, size_t out_cap) {
  int words = vc_seg_self_intro(g, p, t, cap, out, out_cap);
  return words > 0 && has_phrase(g, p->body, p->end, vc_seg_show_phrases) ? words : 0;
}

/* Adds a label of the key `name` (upper-cased) on paragraph `para`, valid; its index. */
static vc_status add_label(vc_seg *g, const char *name, size_t para, int *out) {
  char key[VC_SEG_NAME_MAX];
  vc_seg_upper_key(name, strlen(name), key, sizeof key);
  for (size_t i = 0; i < g->n_labels; i++)
    if (strcmp(g->labels[i].key, key) == 0) {
      g->labels[i].count++;
      g->labels[i].valid = 1;
      *out = (int)i;
      return VC_OK;
    }
  vc_status st = vc_seg_grow((void **)&g->labels, &g->cap_labels, g->n_labels + 1,
                             sizeof *g->labels, VC_SEG_MAX_LABELS);
  if (st != VC_OK)
    return vc_seg_over(g, st, "different speaker labels", VC_SEG_MAX_LABELS);
  vc_label *l = &g->labels[g->n_labels];
  memset(l, 0, sizeof *l);
  snprintf(l->key, sizeof l->key, "%s", key);
  l->count = 1;
  l->valid = 1;
  l->first_para = para;
  *out = (int)g->n_labels++;
  return VC_OK;
}

/* An unlabelled host before a labelled guest ("This is The Show. I'm Jane Doe." ... "My
 * guest ..." ... "Mr. JOE ROE (Writer): ..."): in a text with labelled turns, the
 * paragraphs before the first label, from one where someone introduces themselves beside
 * a show phrase, are that person's, who hosts. Evidence: the self-introduction and the
 * show phrase in one paragraph, at most six spoken paragraphs before the first label, no
 * label or dropped line between. The host gets a label of their own name there. */
static vc_status unlabelled_host(vc_seg *g) {
  size_t first = g->n_paras;
  for (size_t i = 0; i < g->n_paras && first == g->n_paras; i++)
    if (g->paras[i].label >= 0 && g->labels[g->paras[i].label].valid)
      first = i;
  if (first == g->n_paras)
    return VC_OK;
  while (first > 0 && g->paras[first - 1].drop == VC_DROP_LABEL)
    first--;
  vc_tok *t = NULL;
  size_t cap = 0;
  vc_status st = VC_OK;
  char name[VC_SEG_NAME_MAX];
  for (size_t i = first, seen = 0; i-- > 0 && seen < 6; seen++) {
    vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE || p->note || p->label >= 0)
      break;
    if (host_opening(g, p, &t, &cap, name, sizeof name) == 0)
      continue;
    int li = -1;
    st = add_label(g, name, i, &li);
    if (st != VC_OK)
      break;
    g->labels[li].aside_role = 1; /* hosts: as if labelled "(host)" */
    for (size_t j = i; j < first; j++)
      if (g->paras[j].drop == VC_DROP_NONE) {
        g->paras[j].label = li; /* the host speaks up to the first label */
        g->labels[li].count += j > i;
      }
    break;
  }
  free(t);
  return st;
}

/* Is src[s..e) a date and nothing else ("Tuesday, March 5, 2002", "5 March 2002, 1:15
 * p.m.")? Words of the month, weekday and date lists and numbers only, one month or
 * weekday at least. */
static int date_only(const vc_seg *g, size_t s, size_t e, vc_tok **t, size_t *cap) {
  size_t n = 0;
  if (vc_seg_tokens(g->src, s, e, t, &n, cap) != VC_OK || n == 0 || n > 10)
    return 0;
  int named = 0;
  for (size_t k = 0; k < n; k++) {
    const vc_tok *w = &(*t)[k];
    int month = tok_in(g, w, vc_seg_months) || tok_in(g, w, vc_seg_weekdays);
    named |= month;
    if (!month && !tok_in(g, w, vc_seg_date_words) &&
        !(g->src[w->s] >= '0' && g->src[w->s] <= '9'))
      return 0;
  }
  return named;
}

/* "Daily Briefing: Tuesday, March 5, 2002" (the header, written twice): a label whose
 * every line holds only a date after its colon is a dateline, not a speaker's. Evidence:
 * the words after the colon. Its lines are dropped as dates. */
static void dateline_labels(vc_seg *g) {
  vc_tok *t = NULL;
  size_t cap = 0;
  for (size_t li = 0; li < g->n_labels; li++) {
    vc_label *l = &g->labels[li];
    int lines = 0, dates = 0;
    for (size_t i = 0; l->valid && i < g->n_paras; i++) {
      const vc_para *p = &g->paras[i];
      if (p->label != (int)li)
        continue;
      lines++;
      dates += p->body < p->end && date_only(g, p->body, p->end, &t, &cap);
    }
    if (lines == 0 || dates < lines)
      continue;
    l->valid = 0;
    for (size_t i = 0; i < g->n_paras; i++)
      if (g->paras[i].label == (int)li) {
        g->paras[i].label = -1;
        g->paras[i].body = g->paras[i].start;
        g->paras[i].drop = VC_DROP_DATE;
      }
  }
  free(t);
}

/* Is src[s..e) title-cased: four words or more, and of its words of four letters or more
 * at least two in three capitalised ("An 'Office' Drone Takes To The Big Screen")? */
static int title_cased(const vc_seg *g, size_t s, size_t e, vc_tok **t, size_t *cap) {
  size_t n = 0;
  if (vc_seg_tokens(g->src, s, e, t, &n, cap) != VC_OK || n < 4)
    return 0;
  int long_words = 0, capped = 0;
  for (size_t k = 0; k < n; k++) {
    const vc_tok *w = &(*t)[k];
    if (w->e - w->s < 4)
      continue;
    long_words++;
    capped += w->cap;
  }
  return long_words >= 2 && capped * 3 >= long_words * 2;
}

/* "Jane Doe: A Title In Capitals" heading the page (written twice: the page's title and
 * its headline): a label whose lines all come before any other label's, each followed by
 * a title-cased phrase (its first 60 bytes, no sentence ending in them), is a headline, the
 * narrator's. Evidence: the capitals of the words after the colon and where the lines
 * stand. */
static void headline_labels(vc_seg *g) {
  vc_tok *t = NULL;
  size_t cap = 0;
  int first = -1; /* the first line's label */
  for (size_t i = 0; i < g->n_paras && first < 0; i++)
    if (g->paras[i].label >= 0 && g->labels[g->paras[i].label].valid)
      first = g->paras[i].label;
  if (first < 0) {
    free(t);
    return;
  }
  int lines = 0, titles = 0, later = 0;
  for (size_t i = 0; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->label < 0 || p->drop != VC_DROP_NONE)
      continue;
    if (p->label != first) {
      later = 1;
      continue;
    }
    lines++;
    size_t e = p->body + 60 < p->end ? p->body + 60 : p->end; /* the headline's words */
    while (e < p->end && e > p->body && g->src[e - 1] != ' ')
      e--;
    int sentence = 0; /* a headline ends no sentence there */
    for (size_t k = p->body; k + 1 < e && !sentence; k++)
      sentence = strchr(".?!", g->src[k]) && g->src[k + 1] == ' ';
    titles += !later && !sentence && title_cased(g, p->body, e, &t, &cap);
  }
  if (lines > 0 && titles == lines && later) {
    g->labels[first].valid = 0;
    for (size_t i = 0; i < g->n_paras; i++)
      if (g->paras[i].label == first) {
        g->paras[i].label = -1;
        g->paras[i].body = g->paras[i].start;
        vc_seg_measure(g, &g->paras[i]);
      }
  }
  free(t);
}

vc_status vc_seg_l3_labels(vc_seg *g) {
  dateline_labels(g);
  headline_labels(g);
  return unlabelled_host(g);
}

static void evidence(vc_seg *g, size_t s, int w, size_t off, const char *why) {
  vc_spk *k = &g->speakers[s];
  k->evidence += w;
  k->why_weight = w;
  k->why_off = off;
  snprintf(k->why, sizeof k->why, "%s", why);
}

/* Does paragraph p write the full name (two words or more) `name`? */
static int names_in(const vc_seg *g, const vc_para *p, const char *name) {
  size_t n = strlen(name);
  if (!strchr(name, ' '))
    return 0;
  for (size_t i = p->body; i + n <= p->end; i++)
    if (memcmp(g->src + i, name, n) == 0 && vc_seg_starts_word(g->src, g->len, i))
      return 1;
  return 0;
}

/* In a briefing, the floor's questions are labelled "Q:" / "QUESTION:" (generic_askers) and
 * a named speaker answers them: a named speaker whose labelled turns come right after a
 * floor label's turn at least as often as after anyone else's answers (their "welcome"
 * opens a briefing, not a show), unless another speaker answers by the evidence already
 * (then the first may be a moderator). Evidence: the order of the labelled turns. */
static void answers_the_floor(vc_seg *g) {
  int after_floor[VC_SEG_MAX_SPEAKERS] = {0}, after_other[VC_SEG_MAX_SPEAKERS] = {0};
  int prev = -1; /* the previous labelled turn's label */
  for (size_t i = 0; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE || p->label < 0 || !g->labels[p->label].valid)
      continue;
    const vc_label *l = &g->labels[p->label];
    size_t s = l->speaker;
    if (prev >= 0 && prev != p->label && s < VC_SEG_MAX_SPEAKERS &&
        !vc_seg_in_list(l->key, strlen(l->key), vc_seg_generic_askers)) {
      const char *pk = g->labels[prev].key;
      if (vc_seg_in_list(pk, strlen(pk), vc_seg_generic_askers))
        after_floor[s]++;
      else
        after_other[s]++;
    }
    prev = p->label;
  }
  for (size_t s = 1; s < g->n_speakers; s++)
    if (g->speakers[s].evidence < 0)
      return; /* another answers by their label ("OFFICIAL:"): the first may moderate */
  for (size_t s = 1; s < g->n_speakers && s < VC_SEG_MAX_SPEAKERS; s++)
    if (after_floor[s] >= 1 && after_floor[s] >= after_other[s] &&
        g->speakers[s].role == VC_ROLE_NARRATOR && g->speakers[s].evidence < 3)
      evidence(g, s, -3, SIZE_MAX, "answers the questions from the floor");
}

/* A labelled speaker who opens the programme in one of their first eight turns (a cold
 * open may come first: "Hey, I am Jane Doe. This is The Show.") hosts; the one other
 * speaker that opening (up to another's label) names in full ("... with a singer named
 * Joe Roe") is the guest (a panel's opening names several, one of whom may moderate). */
void vc_seg_l3_role_evidence(vc_seg *g) {
  answers_the_floor(g);
  int turns[VC_SEG_MAX_SPEAKERS] = {0};
  vc_tok *t = NULL;
  size_t cap = 0;
  char name[VC_SEG_NAME_MAX];
  for (size_t i = 0; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE || p->label < 0)
      continue;
    size_t s = g->labels[p->label].speaker;
    if (s == 0 || s >= VC_SEG_MAX_SPEAKERS || ++turns[s] > 8 ||
        host_opening(g, p, &t, &cap, name, sizeof name) == 0)
      continue;
    if (g->speakers[s].evidence <= 0)
      evidence(g, s, 2, p->body, "opens the programme as its host");
    size_t guest = 0;
    int others = 0; /* labelled speakers the opening names, up to another's label */
    for (size_t o = 1; o < g->n_speakers; o++) {
      int named = 0;
      for (size_t k = i; k < g->n_paras && !named && o != s; k++) {
        const vc_para *q = &g->paras[k];
        if (q->drop == VC_DROP_NONE && q->label >= 0 && q->label != p->label)
          break;
        named = q->drop == VC_DROP_NONE && names_in(g, q, g->speakers[o].name);
      }
      others += named;
      guest = named ? o : guest;
    }
    if (others == 1 && g->speakers[guest].evidence >= 0)
      evidence(g, guest, -2, p->body, "named in the host's opening");
    turns[s] = 9;
  }
  free(t);
}

/* "Prime Minister:" alone on its line, then the first paragraph of the body: the header
 * ends there, so the label is the speaker's, not a "Series: Title" line of the header.
 * Evidence: the colon closes the line and the next line is the body's first paragraph. */
int vc_seg_l3_heads_body(const vc_seg *g, size_t i, size_t body) {
  return i + 1 == body && g->paras[body].drop == VC_DROP_NONE && g->paras[body].words >= 6;
}

/* A statement read by one labelled speaker ("Prime Minister:" alone on its line, then
 * their paragraphs): the label is kept though used once and no questions follow.
 * Evidence: the label stands on a line of its own before the paragraph it names, and two
 * or more spoken paragraphs follow it with no other label. */
int vc_seg_l3_lone_label(const vc_seg *g) {
  for (size_t i = 0; i + 1 < g->n_paras; i++) {
    if (g->paras[i].drop != VC_DROP_LABEL || g->paras[i + 1].label < 0)
      continue;
    int after = 0;
    for (size_t j = i + 2; j < g->n_paras; j++) {
      if (g->paras[j].label >= 0)
        return 0;
      after += g->paras[j].drop == VC_DROP_NONE && !g->paras[j].note;
    }
    return after >= 2;
  }
  return 0;
}

/* A statement or briefing read by those who answer: no label asks and no unlabelled
 * paragraph ends in a question, so an unlabelled paragraph continues the answer before it
 * (nobody is there to have asked it). */
int vc_seg_l3_statement(int labelled_q, int labelled_a, int unlabelled_q) {
  return labelled_q == 0 && labelled_a >= 1 && unlabelled_q == 0;
}

static int tok_in(const vc_seg *g, const vc_tok *t, const char *const *list) {
  return vc_seg_in_list(g->src + t->s, t->e - t->s, list);
}

static int title_tok(const char *w, size_t n) {
  return vc_seg_in_list(w, n, vc_seg_role_words) ||
         vc_seg_in_list(w, n, vc_seg_asker_role_words) ||
         vc_seg_in_list(w, n, vc_seg_answer_role_words) ||
         vc_seg_in_list(w, n, vc_seg_title_words);
}

/* Is every word of the upper-case key a title word, the last one a role ("PRIME
 * MINISTER", "PRESS SECRETARY")? */
static int title_key(const char *key) {
  size_t n = strlen(key), last = 0;
  if (n == 0 || n >= VC_SEG_NAME_MAX)
    return 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && key[j] != ' ')
      j++;
    if (!title_tok(key + i, j - i))
      return 0;
    last = i;
    i = j + (j < n);
  }
  return vc_seg_in_list(key + last, n - last, vc_seg_role_words) ||
         vc_seg_in_list(key + last, n - last, vc_seg_answer_role_words) ||
         vc_seg_in_list(key + last, n - last, vc_seg_asker_role_words);
}

/* The name written right after src[at] (two or three capitalised words that are not titles
 * or common words: "Jane Doe's" gives "Jane Doe"); 1 if found. */
static int name_at(const vc_seg *g, size_t at, vc_tok **t, size_t *cap, char *out,
                   size_t out_cap) {
  size_t e = at + 80 < g->len ? at + 80 : g->len, n = 0;
  if (vc_seg_tokens(g->src, at, e, t, &n, cap) != VC_OK)
    return 0;
  vc_tok *w = *t;
  size_t k = 0, possessive = 0;
  while (k < n && k < 3 && w[k].cap && (k == 0 || w[k].tight) &&
         !tok_in(g, &w[k], vc_seg_not_name_words) && !tok_in(g, &w[k], vc_seg_role_words) &&
         !title_tok(g->src + w[k].s, w[k].e - w[k].s) &&
         memchr(g->src + w[k].s, '\n', w[k].e - w[k].s) == NULL) {
    size_t ws = w[k].s, we = w[k].e;
    k++;
    if (we - ws > 2 && g->src[we - 1] == 's' &&
        (g->src[we - 2] == '\'' ||
         (we - ws > 4 && memcmp(g->src + we - 4, "\xE2\x80\x99", 3) == 0))) {
      possessive = g->src[we - 2] == '\'' ? 2 : 4;
      break; /* "Doe's Statement": the possessive ends the name */
    }
  }
  if (k < 2)
    return 0;
  vc_seg_copy_name(g->src + w[0].s, w[k - 1].e - possessive - w[0].s, out, out_cap);
  return 1;
}

/* "PRIME MINISTER:" for the one the text calls "Prime Minister Jane Doe" (in a headline, an
 * intro): a label made of title words only stands for the name written after the same
 * title, the first so written. Evidence: the title, capitalised, then a name. */
int vc_seg_l3_title_name(const vc_seg *g, const char *key, char *out, size_t cap) {
  size_t kn = strlen(key);
  if (!title_key(key))
    return 0;
  size_t span = g->len < ((size_t)1 << 20) ? g->len : ((size_t)1 << 20); /* a cost cap */
  vc_tok *t = NULL;
  size_t tcap = 0;
  int found = 0;
  for (size_t i = 0; i + kn + 1 < span && !found; i++) {
    if (g->src[i] < 'A' || g->src[i] > 'Z' || !vc_seg_starts_word(g->src, g->len, i) ||
        g->src[i + kn] != ' ')
      continue;
    size_t j = 0;
    for (; j < kn; j++) {
      char c = g->src[i + j];
      if ((c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c) != key[j])
        break;
    }
    if (j == kn && g->src[i + 1] >= 'a' && g->src[i + 1] <= 'z')
      found = name_at(g, i + kn + 1, &t, &tcap, out, cap);
  }
  free(t);
  return found;
}

/* "MR. DOE:" after "JANE DOE:" (a briefer labelled in full first, then by honorific and
 * surname): the same person. Evidence: the honorific, then the one word that ends the
 * other label, which has two or three words and no honorific. */
int vc_seg_l3_honorific_surname(const char *a, const char *b) {
  size_t hn = strcspn(a, " .");
  if (!vc_seg_in_list(a, hn, vc_seg_honorifics) ||
      vc_seg_in_list(b, strcspn(b, " ."), vc_seg_honorifics))
    return 0;
  const char *sur = a + hn;
  sur += *sur == '.';
  while (*sur == ' ')
    sur++;
  const char *bl = strrchr(b, ' ');
  int words = 1;
  for (const char *c = b; *c; c++)
    words += *c == ' ';
  return *sur && !strchr(sur, ' ') && bl && words <= 3 && strcmp(sur, bl + 1) == 0;
}

/* Could w be a word of a person's name before a surname: capitalised, or an initial
 * ("W."), not a title, an honorific or a common capitalised word? */
static int given_tok(const vc_seg *g, const vc_tok *w) {
  size_t n = w->e - w->s;
  return w->cap && !tok_in(g, w, vc_seg_not_name_words) && !title_tok(g->src + w->s, n) &&
         !vc_seg_in_list(g->src + w->s, n, vc_seg_honorifics) &&
         !tok_in(g, w, vc_seg_first_person) && !tok_in(g, w, vc_seg_months) &&
         !tok_in(g, w, vc_seg_weekdays);
}

/* "CLARKE:" when the text writes "Jane Clarke" or "John W. Clarke, Jr." somewhere, even
 * in a line it does not speak (a "Source:" line): the fuller name, the first so written.
 * Evidence: one to three name words written right before the label's one word, on one
 * line, with no title or honorific among them. Writes it and returns 1, or 0. */
int vc_seg_l3_full_name(const vc_seg *g, const char *key, char *out, size_t cap) {
  size_t kn = strlen(key);
  if (kn < 2 || strchr(key, ' ') || strchr(key, '.'))
    return 0;
  size_t span = g->len < ((size_t)1 << 20) ? g->len : ((size_t)1 << 20); /* a cost cap */
  vc_tok *t = NULL;
  size_t tcap = 0;
  int found = 0;
  char low[VC_SEG_NAME_MAX];
  for (size_t k = 0; k <= kn; k++)
    low[k] = (char)(key[k] >= 'A' && key[k] <= 'Z' ? key[k] - 'A' + 'a' : key[k]);
  for (size_t i = 1; i + kn <= span && !found; i++) {
    if (g->src[i] != key[0] || g->src[i - 1] != ' ' ||
        !vc_seg_prefix_ci(g->src + i, span - i, low) ||
        vc_seg_word_end(g->src, g->len, i) != i + kn)
      continue;
    size_t ls = i, n = 0;
    while (ls > 0 && g->src[ls - 1] != '\n' && i - ls < 200)
      ls--;
    if (vc_seg_tokens(g->src, ls, i + kn, &t, &n, &tcap) != VC_OK || n < 2)
      break;
    size_t k = n - 1; /* t[k] is the surname */
    while (k > 0 && n - k <= 3 && given_tok(g, &t[k - 1]) &&
           (t[k].tight || (t[k - 1].e - t[k - 1].s == 1 && g->src[t[k - 1].e] == '.' &&
                           t[k].s == t[k - 1].e + 2)))
      k--; /* "John W. Doe": an initial and its full stop */
    if (k == n - 1 || !t[k].cap)
      continue;
    vc_seg_copy_name(g->src + t[k].s, i + kn - t[k].s, out, cap);
    found = 1;
  }
  free(t);
  return found;
}
