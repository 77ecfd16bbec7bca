/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter: the title that names a guest the page never names ("Interim Superintendent").
 */
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

static int tok_is(const vc_seg *g, const vc_tok *t, const char *lit) {
  return vc_seg_word_eq(g->src + t->s, t->e - t->s, lit);
}

static int tok_in(const vc_seg *g, const vc_tok *t, const char *const *list) {
  return vc_seg_in_list(g->src + t->s, t->e - t->s, list);
}

/* A word that can head a title: an occupation (role_words) or a rank
 * (attribution_titles: "superintendent", "principal", "dean"). */
static int head_word(const vc_seg *g, const vc_tok *t) {
  return tok_in(g, t, vc_seg_role_words) || tok_in(g, t, vc_seg_attribution_titles);
}

static int digits(const vc_seg *g, const vc_tok *t) {
  return g->src[t->s] >= '0' && g->src[t->s] <= '9';
}

/* The title around the head word w[h]: the title words before it ("interim", "assistant":
 * title_words), in a headline a capitalised word and a number ("District 4"), and after
 * it "of" with one capitalised word ("of Schools", "of the Year"). Writes it with each
 * word capitalised ("Interim Superintendent") and returns 1. */
static int title_at(const vc_seg *g, const vc_tok *w, size_t n, size_t h, int headline,
                    char *out, size_t cap) {
  size_t k = h;
  for (;;) {
    if (k > 0 && w[k].tight && tok_in(g, &w[k - 1], vc_seg_title_words))
      k--;
    else if (headline && k > 1 && w[k].tight && w[k - 1].tight && digits(g, &w[k - 1]) &&
             w[k - 2].cap && !tok_in(g, &w[k - 2], vc_seg_determiners))
      k -= 2;
    else
      break;
  }
  if (headline) { /* "for the Lakeside Teacher of the Year": back to the determiner */
    size_t j = k;
    while (j > 0 && k - j < 3 && w[j].tight && w[j - 1].cap &&
           !tok_in(g, &w[j - 1], vc_seg_determiners))
      j--;
    if (j < k && j > 0 && w[j].tight && tok_in(g, &w[j - 1], vc_seg_determiners))
      k = j;
  }
  size_t e = h + 1;
  if (e + 1 < n && w[e].tight && tok_is(g, &w[e], "of")) {
    size_t j = e + 1;
    if (j + 1 < n && w[j].tight && tok_is(g, &w[j], "the"))
      j++;
    if (w[j].tight && w[j].cap && !w[j].caps)
      e = j + 1;
  }
  size_t o = 0;
  for (size_t i = k; i < e; i++) {
    size_t len = w[i].e - w[i].s;
    if (o + len + 2 > cap)
      return 0;
    if (i > k)
      out[o++] = ' ';
    memcpy(out + o, g->src + w[i].s, len);
    int small = tok_is(g, &w[i], "of") || tok_is(g, &w[i], "the");
    if (!small && out[o] >= 'a' && out[o] <= 'z')
      out[o] = (char)(out[o] - 'a' + 'A');
    if (small && out[o] >= 'A' && out[o] <= 'Z')
      out[o] = (char)(out[o] - 'A' + 'a');
    o += len;
  }
  out[o] = 0;
  return o > 0;
}

/* Which head word of a paragraph may name the guest: in the headline any (`District 4
 * Teacher of the Year`, `Five questions with the superintendent`); in the introduction
 * one the outlet calls its own (`our interim superintendent`, `the new principal`); in a
 * question put to "you", the one the guest is asked as (`your goal as interim
 * superintendent?`). */
static int names_guest(const vc_seg *g, const vc_tok *w, size_t k, int where) {
  if (where == 0)
    return 1;
  while (k > 0 && tok_in(g, &w[k - 1], vc_seg_title_words))
    k--;
  if (k == 0)
    return 0;
  if (where == 1)
    return tok_is(g, &w[k - 1], "our") ||
           (k > 1 && tok_is(g, &w[k - 1], "new") &&
            (tok_is(g, &w[k - 2], "our") || tok_is(g, &w[k - 2], "the")));
  return tok_is(g, &w[k - 1], "as");
}

/* Of several titles in a line, the one the line puts its questions to: after a
 * determiner or a word of address ("for the Lakeside Teacher of the Year", "Meet our
 * principal": the words of title_objects) beats one that opens a series name ("Teacher
 * Talk: ..."); then the first. */
static int headline_score(const vc_seg *g, const vc_tok *w, size_t h) {
  size_t k = h;
  while (k > 0 && (w[k - 1].cap || tok_in(g, &w[k - 1], vc_seg_title_words)) &&
         !tok_in(g, &w[k - 1], vc_seg_determiners) &&
         !tok_in(g, &w[k - 1], vc_seg_title_objects) && h - k < 4)
    k--;
  return k > 0 && (tok_in(g, &w[k - 1], vc_seg_determiners) ||
                   tok_in(g, &w[k - 1], vc_seg_title_objects));
}

/* Looks for the guest's title in paragraph p; `where` 0 the headline, 1 the
 * introduction, 2 a question. */
static int title_in(const vc_seg *g, const vc_para *p, int where, vc_tok **t, size_t *tcap,
                    char *out, size_t cap) {
  size_t n = 0;
  if (vc_seg_tokens(g->src, p->body, p->end, t, &n, tcap) != VC_OK)
    return 0;
  if (where == 0 && n > 16)
    return 0; /* a headline is short */
  int best = -1;
  for (size_t i = 0; i < n; i++) {
    if (!head_word(g, &(*t)[i]) || !names_guest(g, *t, i, where))
      continue;
    char one[VC_SEG_NAME_MAX];
    if (!title_at(g, *t, n, i, where == 0, one, sizeof one))
      continue;
    int score = headline_score(g, *t, i);
    if (score > best && strlen(one) < cap) {
      best = score;
      memcpy(out, one, strlen(one) + 1);
    }
  }
  return best >= 0;
}

/* Evidence for the name of a guest the page never names personally (no person is found):
 * the title the page gives them, in the headline, in the introduction or in the
 * questions (see names_guest). Writes it and returns 1, or 0 when there is none. */
int vc_seg_guest_title(const vc_seg *g, char *out, size_t cap) {
  vc_tok *t = NULL;
  size_t tcap = 0;
  int found = 0, headline = 1;
  for (size_t i = 0; i < g->n_paras && !found; i++) {
    const vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE || (p->label >= 0 && i < g->qa_start))
      continue;
    if (i < g->qa_start) {
      found = title_in(g, p, headline ? 0 : 1, &t, &tcap, out, cap);
      headline = 0;
    } else if (p->ends_q && p->second_p) {
      found = title_in(g, p, 2, &t, &tcap, out, cap);
    }
  }
  free(t);
  return found;
}
