/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter Q&A: scores every paragraph and picks the likeliest question/answer sequence
 * (Viterbi over two states), with labels as fixed points. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"
#include "segment_turns.h"

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
  int numbered;     /* the questions are numbered ("1. What ...?") and nothing else asks */
  int headed;       /* the questions stand as headings above their answers, no labels */
  int labeled[2];   /* the article labels this role's turns */
  int continues[2]; /* an unlabelled paragraph rarely starts a turn of this role */
} qa_doc;

/* The number a paragraph starts with ("3. What ...", "3) What ..."), or 0. */
static int para_number(const vc_seg *g, const vc_para *p) {
  int v = 0;
  size_t i = p->body;
  while (i < p->end && i - p->body < 3 && g->src[i] >= '0' && g->src[i] <= '9')
    v = v * 10 + (g->src[i++] - '0');
  if (i == p->body || i + 1 >= p->end || (g->src[i] != '.' && g->src[i] != ')') ||
      g->src[i + 1] != ' ')
    return 0;
  return v;
}

/* Numbered questions: at least three paragraphs that ask and are numbered 1, 2, 3 ... in
 * order, and fewer other paragraphs that ask. */
static int numbered_questions(const vc_seg *g) {
  int next = 1, other = 0;
  for (size_t i = g->qa_start; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE || p->label >= 0 || !p->ends_q)
      continue;
    if (para_number(g, p) == next)
      next++;
    else
      other++;
  }
  return next > 3 && other < next - 1;
}

/* Log-odds that a paragraph is a question rather than an answer. */
static double q_evidence(const vc_seg *g, const vc_para *p, const qa_doc *d) {
  double e = 0;
  if (d->numbered)
    return para_number(g, p) > 0 && p->ends_q ? 8.0 : -8.0;
  if (d->headed)
    return vc_seg_heading_question(g, p) ? 8.0 : -8.0;
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
  return p->drop == VC_DROP_NONE && !p->note && !p->prose;
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

/* A transcript excerpt run into a paragraph of a post ("MR. DOE: ... JUSTICE ROE: ..."):
 * its turns never span paragraphs, so the paragraphs after the last one, in later blocks,
 * are the poster's own prose (the narrator's and its quotations), not the last speaker's
 * going on. */
static void mark_after_runin(vc_seg *g) {
  size_t last = g->n_paras;
  for (size_t i = g->qa_start; i < g->n_paras; i++)
    if (g->paras[i].label >= 0)
      last = i;
  if (last == g->n_paras || !g->paras[last].runin)
    return;
  for (size_t i = last + 1; i < g->n_paras; i++)
    if (g->paras[i].block != g->paras[last].block && g->paras[i].drop == VC_DROP_NONE)
      g->paras[i].prose = 1;
}

/* Is the body title-cased: at least four words, and of its words of four or more
 * letters, nine in ten start with a capital ("Mayor Won't Say When The Bridge Opens")? */
static int title_cased(const vc_seg *g, const vc_para *p) {
  const char *s = g->src + p->body;
  size_t n = p->end - p->body;
  int long_words = 0, caps = 0;
  for (size_t i = 0; i < n;) {
    size_t j = vc_seg_word_end(s, n, i);
    if (j == i) {
      i++;
      continue;
    }
    if (j - i >= 4) {
      int32_t cp;
      vc_seg_cp(s, n, i, &cp);
      long_words++;
      caps += vc_seg_is_upper(cp);
    }
    i = j;
  }
  return p->words >= 4 && long_words >= 3 && caps * 10 >= long_words * 9;
}

/* A section heading inside the Q&A ("On the new album"): a line with no closing
 * punctuation that is short and alone in its block with no I or you, or title-cased
 * wherever it stands. The narrator reads it. */
static void mark_headings(vc_seg *g) {
  size_t from =
      g->talk_start < g->qa_start ? g->talk_start : g->qa_start; /* a talk's too */
  for (size_t i = from; i < g->n_paras; i++) {
    vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE || p->note || p->label >= 0 || p->words == 0)
      continue;
    unsigned char last = (unsigned char)g->src[p->end - 1];
    if (strchr(".?!:;,\"')]", last) || last >= 0x80)
      continue; /* punctuation, or a closing quote, ellipsis or dash */
    int alone = p->block_lines == 1 && p->words <= 8 && !p->first_p && !p->second_p;
    if (alone || (p->words <= 20 && title_cased(g, p)))
      p->note = 1;
  }
}

/* Counts of the blocks from paragraph `from` on, for the pair layout. */
typedef struct pair_scan {
  int pairs;    /* blocks of two or more lines */
  int single;   /* blocks of one spoken line */
  int qfirst;   /* pairs whose first line asks */
  int qlater;   /* later lines of pairs that ask */
  int later;    /* later lines of pairs */
  size_t first; /* the first line of the first pair */
} pair_scan;

static void scan_pairs(const vc_seg *g, size_t from, pair_scan *c) {
  memset(c, 0, sizeof *c);
  c->first = g->n_paras;
  for (size_t i = from; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (!p->block_first || !in_sequence(p) || p->label >= 0)
      continue;
    if (p->block_lines < 2 || p->block_lines > 6) {
      c->single += p->block_lines == 1 && c->pairs > 0;
      continue;
    }
    c->pairs++;
    c->qfirst += p->ends_q;
    if (c->first == g->n_paras)
      c->first = i;
    for (size_t k = i + 1; k < g->n_paras && g->paras[k].block == p->block; k++) {
      c->later++;
      c->qlater += g->paras[k].ends_q;
    }
  }
}

/* The pair layout: the blocks hold a question line and its answer on the next line(s),
 * no labels ("Is that new?\nI think so."). Evidence: most blocks have two to six lines,
 * their first lines ask far more often than the lines after them. */
static int pair_evidence(const pair_scan *c) {
  return c->pairs >= 4 && c->pairs >= 2 * c->single && c->qfirst >= 3 &&
         c->qfirst * 10 >= c->pairs * 3 && c->qfirst * c->later > 3 * c->qlater * c->pairs;
}

size_t vc_seg_pair_start(const vc_seg *g) {
  pair_scan c;
  scan_pairs(g, 0, &c);
  return pair_evidence(&c) ? c.first : g->n_paras;
}

/* The name a question is put to at its very end ("..., will you start, Jane?"): one to
 * three capitalised words after the last comma. The full name the text gives that person
 * when it gives one. Returns 1 and writes it, or 0. */
static int addressed_name(const vc_seg *g, const vc_para *p, char *out, size_t cap) {
  if (!p->ends_q)
    return 0;
  size_t q = p->end;
  while (q > p->body && g->src[q - 1] != '?')
    q--;
  size_t c = q ? q - 1 : 0;
  while (c > p->body && g->src[c - 1] != ',' && q - c < 40)
    c--;
  if (c <= p->body || g->src[c - 1] != ',' || q < 2)
    return 0;
  size_t s = c, e = q - 1;
  while (s < e && g->src[s] == ' ')
    s++;
  int words = 0;
  for (size_t i = s; i < e;) {
    int32_t cp;
    vc_seg_cp(g->src, e, i, &cp);
    size_t w = vc_seg_word_end(g->src, e, i);
    if (w == i || !vc_seg_is_upper(cp) ||
        vc_seg_in_list(g->src + i, w - i, vc_seg_not_name_words) || ++words > 3)
      return 0;
    i = w;
    if (i < e && g->src[i] != ' ')
      return 0;
    while (i < e && g->src[i] == ' ')
      i++;
  }
  if (words == 0)
    return 0;
  vc_seg_copy_name(g->src + s, e - s, out, cap);
  size_t n = strlen(out);
  for (size_t i = 0; i < g->n_people; i++) {
    const vc_person *h = &g->people[i];
    if (h->len > n && memcmp(h->name, out, n) == 0 && h->name[n] == ' ') {
      vc_seg_copy_name(h->name, h->len, out, cap);
      break;
    }
  }
  return 1;
}

/* Does the paragraph name a formal sitting (a committee, a hearing)? */
static int names_sitting(const vc_seg *g, const vc_para *p) {
  for (size_t i = p->body; i < p->end;) {
    size_t j = vc_seg_word_end(g->src, p->end, i);
    if (j > i && vc_seg_in_list(g->src + i, j - i, vc_seg_sitting_words))
      return 1;
    i = j > i ? j : i + 1;
  }
  return 0;
}

/* Does the paragraph open with a greeting, perhaps after a word of address
 * ("Colleagues, good morning")? */
static int opens_with_greeting(const vc_seg *g, const vc_para *p) {
  const char *s = g->src + p->body;
  size_t n = p->end - p->body, at[2] = {0, 0};
  const char *comma = memchr(s, ',', n < 24 ? n : 24);
  if (comma && (size_t)(comma - s) + 2 < n && comma[1] == ' ' &&
      !memchr(s, ' ', (size_t)(comma - s)))
    at[1] = (size_t)(comma - s) + 2;
  for (int a = 0; a < 2; a++)
    for (size_t k = 0; vc_seg_opening_greetings[k] && (a == 0 || at[1]); k++)
      if (vc_seg_prefix_ci(s + at[a], n - at[a], vc_seg_opening_greetings[k]))
        return 1;
  return 0;
}

/* A spoken record with no labels (a meeting's report): the first spoken line opens with
 * a greeting ("Good morning, and welcome to ..."), only a title or two above it, and a
 * question put to someone by name at its end is followed by a line that does not ask
 * (the answer). Returns the greeting's line, or n_paras; `name` and `*at` get the first
 * person addressed and where. */
static size_t addressed_scan(const vc_seg *g, char *name, size_t cap, size_t *at) {
  size_t f = 0;
  int greets = 0, titles = 0;
  for (; f < g->n_paras && !greets; f++) {
    const vc_para *p = &g->paras[f];
    if (!in_sequence(p) || p->label >= 0)
      continue;
    greets = opens_with_greeting(g, p);
    if (!greets && (++titles > 2 || p->words > 12 || strchr(".?!", g->src[p->end - 1])))
      return g->n_paras;
  }
  if (!greets)
    return g->n_paras;
  f--;
  for (size_t i = f; i + 1 < g->n_paras; i++) {
    size_t j = i + 1;
    while (j < g->n_paras && !in_sequence(&g->paras[j]))
      j++;
    if (j < g->n_paras && !g->paras[j].ends_q &&
        addressed_name(g, &g->paras[i], name, cap)) {
      *at = g->paras[i].body;
      return f;
    }
  }
  name[0] = 0; /* nobody addressed: a sitting's record is still the chair's speech */
  return names_sitting(g, &g->paras[f]) ? f : g->n_paras;
}

size_t vc_seg_addressed_start(vc_seg *g) {
  char name[VC_SEG_NAME_MAX];
  size_t at = 0, f = addressed_scan(g, name, sizeof name, &at);
  if (f < g->n_paras && name[0] && !g->answerer[0]) {
    snprintf(g->answerer, sizeof g->answerer, "%s", name);
    g->answerer_off = at;
  }
  if (f < g->n_paras && !g->asker[0] && !vc_seg_asking_byline(g) &&
      names_sitting(g, &g->paras[f])) {
    snprintf(g->asker, sizeof g->asker, "Chair"); /* who opens a sitting chairs it */
    g->asker_off = g->paras[f].body;
  }
  return f;
}

/* Decodes an addressed record by hand-overs: the chair speaks from the greeting; a line
 * that puts a question to someone by name hands the floor to them, and they keep it
 * until the next such line. */
static vc_status decode_handover(vc_seg *g) {
  size_t cur = g->interviewer;
  int answering = 0;
  for (size_t i = g->qa_start; i < g->n_paras; i++) {
    vc_para *p = &g->paras[i];
    if (!in_sequence(p))
      continue;
    char name[VC_SEG_NAME_MAX];
    int hands = addressed_name(g, p, name, sizeof name);
    if (hands)
      answering = 0;
    p->role = answering ? VC_ROLE_INTERVIEWEE : VC_ROLE_INTERVIEWER;
    p->speaker = answering ? cur : g->interviewer;
    p->conf = hands || !answering ? 0.8f : 0.7f;
    p->basis = hands ? "a question put to someone by name" : "hand-over by name";
    if (hands) {
      vc_status st = vc_seg_add_speaker(g, name, strlen(name), VC_ROLE_INTERVIEWEE, &cur);
      if (st != VC_OK)
        return st;
      if (g->speakers[cur].role != VC_ROLE_INTERVIEWEE)
        cur = g->interviewee; /* the name is the chair's own: keep the default */
      vc_seg_name_why(g, cur, p->body, "a question put to them by name");
      answering = 1;
    }
  }
  return VC_OK;
}

static void doc_features(const vc_seg *g, qa_doc *d) {
  int labeled[2] = {0, 0}, unlabeled_q = 0;
  for (size_t i = g->qa_start; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    unlabeled_q += in_sequence(p) && p->label < 0 && p->ends_q;
    if (in_sequence(p) && p->label >= 0) {
      vc_role r = g->speakers[g->labels[p->label].speaker].role;
      labeled[r == VC_ROLE_INTERVIEWER ? ST_Q : ST_A]++;
    }
  }
  pair_scan c;
  scan_pairs(g, g->qa_start, &c);
  d->pair_layout = pair_evidence(&c);
  d->numbered = numbered_questions(g);
  d->headed = !d->pair_layout && !d->numbered && !labeled[ST_Q] && !labeled[ST_A] &&
              vc_seg_heading_qa_start(g, g->qa_start) == g->qa_start;
  d->labeled[ST_Q] = labeled[ST_Q] >= 3;
  d->labeled[ST_A] = labeled[ST_A] >= 3;
  /* both roles labelled at least once and no question left without a label: the article
   * labels its turns (a short excerpt may hold only one turn of each), so an unlabelled
   * paragraph continues a turn */
  int both = labeled[ST_Q] >= 1 && labeled[ST_A] >= 1 && unlabeled_q == 0;
  d->continues[ST_Q] = d->labeled[ST_Q] || both;
  d->continues[ST_A] = d->labeled[ST_A] || both;
  /* a statement: only answers are labelled and nothing unlabelled asks
   * (segment_label_forms.c)
   */
  d->continues[ST_A] |= vc_seg_l3_statement(labeled[ST_Q], labeled[ST_A], unlabeled_q);
}

static int fixed_state(const vc_seg *g, const vc_para *p) {
  if (p->label < 0)
    return -1;
  return g->speakers[g->labels[p->label].speaker].role == VC_ROLE_INTERVIEWER ? ST_Q : ST_A;
}

/* Is p a later line of a block that a speaker's name label on a line of its own opens
 * ("Speaker 1: 00:00:05" above a block of one-sentence lines)? Then it continues that turn.
 * Question and answer labels are left out: "Q: ..." may have its answer on the next line.
 */
static int in_named_block(const vc_seg *g, size_t i) {
  if (g->paras[i].block_first || g->paras[i].label >= 0)
    return 0;
  while (i > 0 && !g->paras[i].block_first) {
    i--;
    if (g->paras[i].label >= 0 || g->paras[i].drop != VC_DROP_NONE)
      break;
  }
  const vc_para *f = &g->paras[i];
  if (!f->block_first || f->label < 0 || i == 0 || g->paras[i - 1].drop != VC_DROP_LABEL)
    return 0; /* the label must head the block on a line of its own */
  const char *key = g->labels[f->label].key;
  return !vc_seg_in_list(key, strlen(key), vc_seg_asker_labels) &&
         !vc_seg_in_list(key, strlen(key), vc_seg_answer_labels);
}

/* Viterbi over the paragraphs idx[0..n); writes the states. */
static void viterbi(const vc_seg *g, const size_t *idx, size_t n, const qa_doc *d,
                    double (*score)[2], unsigned char (*back)[2], int *state) {
  for (size_t t = 0; t < n; t++) {
    const vc_para *p = &g->paras[idx[t]];
    double e = q_evidence(g, p, d);
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
      int cont = in_named_block(g, idx[t]) || vc_seg_after_stamp_line(g, idx[t]) ||
                 vc_seg_under_label_line(g, idx[t]);
      for (int r = 0; r < 2; r++) {
        double v = score[t - 1][r] + trans[r][s];
        if (cont && r != s)
          v += NEG_INF; /* a line of a named speaker's block */
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
  char name[VC_SEG_NAME_MAX];
  size_t at;
  if (addressed_scan(g, name, sizeof name, &at) == g->qa_start)
    return decode_handover(g);
  qa_doc d;
  memset(&d, 0, sizeof d);
  mark_headings(g);
  doc_features(g, &d);
  mark_outro(g, &d);
  mark_after_runin(g);
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
    vc_seg_thread_opening(g);
    vc_seg_read_in_turn(g);
  }
  free(idx);
  free(score);
  free(back);
  free(state);
  return st;
}
