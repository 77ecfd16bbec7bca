/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter Q&A: scores every paragraph and picks the likeliest question/answer sequence
 * (Viterbi over two states), with labels as fixed points. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

enum { ST_Q = 0, ST_A = 1 };

#define NEG_INF (-1e30)

/* Transition log-probabilities: a question is nearly always answered; after an answer,
 * a new question or more answer are as likely. */
static const double trans[2][2] = {{-2.3, -0.105}, {-0.69, -0.69}};
static const double start_lp[2] = {0.0, -1.0};
/* A new turn of a role whose turns the article labels, left without a label; when the
 * article labels both roles, an unlabelled paragraph continues the turn before it. */
static const double unlabeled_turn = -4.0;
static const double unlabeled_turn_both = -12.0;

typedef struct qa_doc {
  int pair_layout;  /* each block holds a question line and its answer lines */
  int labeled[2];   /* the article labels this role's turns */
  int continues[2]; /* an unlabelled paragraph rarely starts a turn of this role */
} qa_doc;

/* Log-odds that a paragraph is a question rather than an answer. */
static double q_evidence(const vc_para *p, const qa_doc *d) {
  double e = 0;
  if (p->ends_q)
    e += 2.5;
  else if (p->has_q)
    e += 0.5;
  if (p->words <= 12)
    e += 1.0;
  else if (p->words <= 30)
    e += 0.5;
  else if (p->words > 150)
    e -= 2.0;
  else if (p->words > 80)
    e -= 1.0;
  if (p->second_p > 0 && p->first_p == 0)
    e += 1.0;
  else if (p->first_p >= 3 && p->first_p > 2 * p->second_p)
    e -= 1.0;
  else if (p->first_p > 0 && p->second_p == 0)
    e -= 0.5;
  if (d->pair_layout) {
    if (p->block_first && p->block_lines >= 2)
      e += 2.5;
    else if (!p->block_first)
      e -= 2.5;
  }
  return e;
}

static int in_sequence(const vc_para *p) {
  return p->drop == VC_DROP_NONE && !p->note;
}

static int has_outro_word(const vc_seg *g, const vc_para *p) {
  const char *s = g->src + p->body;
  size_t n = p->end - p->body;
  for (size_t k = 0; k < n;) {
    size_t j = vc_seg_word_end(s, n, k);
    if (j > k && vc_seg_in_list(s + k, j - k, vc_seg_outro_words))
      return 1;
    k = j > k ? j : k + 1;
  }
  return 0;
}

/* Closing lines in the third person after the last turn: where to see the work, or, when
 * every turn is labelled, any such line. */
static void mark_outro(vc_seg *g, const qa_doc *d) {
  for (size_t i = g->n_paras; i-- > g->qa_start;) {
    vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE || p->note)
      continue;
    if (p->label >= 0 || p->first_p || p->second_p || p->words > 45 || p->has_q)
      return;
    if (!(d->labeled[ST_Q] && d->labeled[ST_A]) && !has_outro_word(g, p))
      return;
    p->note = 1;
  }
}

/* A section heading inside the Q&A ("On the new album"): a short line alone in its
 * block, no closing punctuation, no I or you. The narrator reads it. */
static void mark_headings(vc_seg *g) {
  size_t from =
      g->talk_start < g->qa_start ? g->talk_start : g->qa_start; /* a talk's too */
  for (size_t i = from; i < g->n_paras; i++) {
    vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE || p->note || p->label >= 0 || p->block_lines != 1 ||
        p->words == 0 || p->words > 8 || p->first_p || p->second_p)
      continue;
    unsigned char last = (unsigned char)g->src[p->end - 1];
    if (strchr(".?!:;,\"')]", last) || last >= 0x80)
      continue; /* punctuation, or a closing quote, ellipsis or dash */
    p->note = 1;
  }
}

static void doc_features(const vc_seg *g, qa_doc *d) {
  int blocks = 0, qfirst = 0, labeled[2] = {0, 0}, unlabeled_q = 0;
  for (size_t i = g->qa_start; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (!in_sequence(p))
      continue;
    unlabeled_q += p->label < 0 && p->ends_q;
    if (p->label >= 0) {
      vc_role r = g->speakers[g->labels[p->label].speaker].role;
      labeled[r == VC_ROLE_INTERVIEWER ? ST_Q : ST_A]++;
    }
    if (p->block_first && p->block_lines >= 2) {
      blocks++;
      qfirst += p->ends_q;
    }
  }
  d->pair_layout = qfirst >= 3 && qfirst * 10 >= blocks * 6;
  d->labeled[ST_Q] = labeled[ST_Q] >= 3;
  d->labeled[ST_A] = labeled[ST_A] >= 3;
  /* both roles labelled at least once and no question left without a label: the article
   * labels its turns (a short excerpt may hold only one turn of each), so an unlabelled
   * paragraph continues a turn */
  int both = labeled[ST_Q] >= 1 && labeled[ST_A] >= 1 && unlabeled_q == 0;
  d->continues[ST_Q] = d->labeled[ST_Q] || both;
  d->continues[ST_A] = d->labeled[ST_A] || both;
}

static int fixed_state(const vc_seg *g, const vc_para *p) {
  if (p->label < 0)
    return -1;
  return g->speakers[g->labels[p->label].speaker].role == VC_ROLE_INTERVIEWER ? ST_Q : ST_A;
}

/* Viterbi over the paragraphs idx[0..n); writes the states. */
static void viterbi(const vc_seg *g, const size_t *idx, size_t n, const qa_doc *d,
                    double (*score)[2], unsigned char (*back)[2], int *state) {
  for (size_t t = 0; t < n; t++) {
    const vc_para *p = &g->paras[idx[t]];
    double e = q_evidence(p, d);
    int fx = fixed_state(g, p);
    for (int s = 0; s < 2; s++) {
      double em = s == ST_Q ? e / 2 : -e / 2;
      if (fx >= 0 && fx != s)
        em = NEG_INF;
      if (t == 0) {
        score[t][s] = start_lp[s] + em;
        back[t][s] = (unsigned char)s;
        continue;
      }
      double best = NEG_INF;
      int arg = 0;
      for (int r = 0; r < 2; r++) {
        double v = score[t - 1][r] + trans[r][s];
        if (r != s && d->continues[s] && fx < 0)
          v += d->continues[r] ? unlabeled_turn_both : unlabeled_turn;
        if (v > best) {
          best = v;
          arg = r;
        }
      }
      score[t][s] = best + em;
      back[t][s] = (unsigned char)arg;
    }
  }
  if (n == 0)
    return;
  int s = score[n - 1][ST_Q] > score[n - 1][ST_A] ? ST_Q : ST_A;
  for (size_t t = n; t-- > 0;) {
    state[t] = s;
    s = back[t][s];
  }
}

/* Gives every paragraph of the Q&A part its role and speaker. */
static void assign(vc_seg *g, const size_t *idx, size_t n, const int *state,
                   double (*score)[2]) {
  size_t cur[2] = {g->interviewer, g->interviewee};
  for (size_t t = 0; t < n; t++) {
    vc_para *p = &g->paras[idx[t]];
    if (p->label >= 0) {
      size_t s = g->labels[p->label].speaker;
      cur[state[t]] = s;
      p->conf = 0.95f;
      p->basis = "speaker label";
    } else {
      /* the margin between the two best paths through this paragraph */
      double m = score[t][ST_Q] - score[t][ST_A];
      p->conf = (float)(1.0 / (1.0 + exp(-(m < 0 ? -m : m))));
      p->basis = "question/answer sequence";
    }
    p->speaker = cur[state[t]];
    p->role = state[t] == ST_Q ? VC_ROLE_INTERVIEWER : VC_ROLE_INTERVIEWEE;
  }
}

/* Decides questions and answers over the Q&A part. */
vc_status vc_seg_decode_qa(vc_seg *g) {
  if (g->qa_start >= g->n_paras)
    return VC_OK;
  qa_doc d;
  memset(&d, 0, sizeof d);
  mark_headings(g);
  doc_features(g, &d);
  mark_outro(g, &d);
  size_t m = g->n_paras - g->qa_start;
  size_t *idx = malloc(m * sizeof *idx);
  double(*score)[2] = malloc(m * sizeof *score);
  unsigned char(*back)[2] = malloc(m * sizeof *back);
  int *state = malloc(m * sizeof *state);
  vc_status st = idx && score && back && state ? VC_OK : VC_ERR_NOMEM;
  if (st == VC_OK) {
    size_t n = 0;
    for (size_t i = g->qa_start; i < g->n_paras; i++)
      if (in_sequence(&g->paras[i]))
        idx[n++] = i;
    viterbi(g, idx, n, &d, score, back, state);
    assign(g, idx, n, state, score);
  }
  free(idx);
  free(score);
  free(back);
  free(state);
  return st;
}
