/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter turns where labels are absent, partial or misleading: questions written as
 * headings above answers of several paragraphs. */
#include <string.h>

#include "segment_turns.h"

/* Limits of a question line: a heading is short. */
enum { HEAD_Q_MAX_WORDS = 45, HEAD_Q_MIN = 3, HEAD_TITLE_WORDS = 12 };

static int spoken_line(const vc_para *p) {
  return p->drop == VC_DROP_NONE && !p->note && p->label < 0 && p->words > 0;
}

/* Does the line end with its question, perhaps followed by a parenthesis that explains it
 * ("How do you spend your time? (i.e. coding, reviewing, etc.)")? Evidence: the last '?'
 * and what follows it. */
static int ends_asking(const vc_seg *g, const vc_para *p) {
  if (p->ends_q)
    return 1;
  if (!p->has_q)
    return 0;
  size_t q = p->end;
  while (q > p->body && g->src[q - 1] != '?')
    q--;
  while (q < p->end && g->src[q] == ' ')
    q++;
  return q < p->end && g->src[q] == '(' && g->src[p->end - 1] == ')' &&
         !memchr(g->src + q, '?', p->end - q);
}

/* A question line: short, it asks at its end, and it does not speak of itself more than
 * of the one it asks (an answer that ends with a question says "I" more than "you"). */
int vc_seg_heading_question(const vc_seg *g, const vc_para *p) {
  return spoken_line(p) && p->words <= HEAD_Q_MAX_WORDS && ends_asking(g, p) &&
         (p->first_p <= 1 || p->second_p > p->first_p);
}

/* Does the line hold a quotation mark (reported speech of a feature, not an answer)? */
static int quotes(const vc_seg *g, const vc_para *p) {
  for (size_t i = p->body; i < p->end; i++) {
    size_t k;
    if (g->src[i] == '"' || vc_seg_is_open_quote(g->src, p->end, i, &k))
      return 1;
  }
  return 0;
}

typedef struct head_scan {
  int questions, answered;  /* question lines; those followed by an answer line */
  int ask_you;              /* question lines that say "you" */
  int answers, answers_i;   /* other lines after the first question; those saying "I"/"we" */
  int quoted, lines;        /* lines with a quotation mark; all spoken lines */
  int before;               /* lines of prose (more than a title's words) before it */
  size_t first;             /* the first question line that an answer follows */
} head_scan;

static void scan_heads(const vc_seg *g, size_t from, head_scan *c) {
  memset(c, 0, sizeof *c);
  c->first = g->n_paras;
  size_t open_q = g->n_paras; /* the last question line, until an answer follows it */
  for (size_t i = from; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (!spoken_line(p))
      continue;
    if (vc_seg_heading_question(g, p)) {
      c->questions++;
      c->ask_you += p->second_p > 0;
      open_q = i;
      continue;
    }
    if (c->questions == 0) {
      c->before += p->words > HEAD_TITLE_WORDS;
      continue;
    }
    c->lines++;
    c->quoted += quotes(g, p);
    c->answers++;
    c->answers_i += p->first_p > 0;
    if (open_q < g->n_paras) {
      c->answered++;
      if (c->first == g->n_paras)
        c->first = open_q;
      open_q = g->n_paras;
    }
  }
  c->lines += c->questions;
}

/* The layout: three or more question lines (two when the text opens with its first
 * question, only a title above it), nearly all answered by the lines below them; most of
 * them say "you", most answer lines say "I" or "we" (someone answers in their own name),
 * and few lines quote (a feature quotes its people; an interview does not). */
size_t vc_seg_heading_qa_start(const vc_seg *g, size_t from) {
  head_scan c;
  scan_heads(g, from, &c);
  int holds = c.questions >= HEAD_Q_MIN - (c.before == 0) && c.answered + 1 >= c.questions &&
              c.ask_you * 2 >= c.questions && c.answers_i * 2 >= c.answers &&
              c.quoted * 4 <= c.lines;
  return holds ? c.first : g->n_paras;
}

size_t vc_seg_honorific_dot(const char *t, size_t e, size_t i, size_t j) {
  return j + 1 < e && t[j] == '.' && t[j + 1] == ' ' &&
         vc_seg_in_list(t + i, j - i, vc_seg_honorifics);
}
