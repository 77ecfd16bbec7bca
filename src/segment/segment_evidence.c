/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter roles the page states: a credit naming the interviewer, a title naming the
 * guest, a first line of names, a conference call's operator introducing the askers; and
 * a speaker's own words saying they interview, which win over the headline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

/* data/segment-words.tsv */
extern const char *const vc_seg_asker_credits[];
extern const char *const vc_seg_asker_meets[];
extern const char *const vc_seg_guest_title_starts[];
extern const char *const vc_seg_guest_title_ends[];
extern const char *const vc_seg_asker_own_phrases[];
extern const char *const vc_seg_call_labels[];
extern const char *const vc_seg_call_asker_words[];
extern const char *const vc_seg_outlet_staff_phrases[];

/* Weights: what a speaker says of themselves beats a credit, which beats a headline; all
 * are explicit, so any of them decides before how much a speaker asks. */
enum { W_OWN = 4, W_CREDIT = 3, W_TITLE = 2, W_NAMES = 2, W_CALL = 3 };

typedef struct scan {
  vc_tok *t;
  size_t cap;
} scan;

/* First word, last word and initials of an upper-case key. */
static void key_parts(const char *k, char *first, char *last, char *ini, size_t cap) {
  size_t f = strcspn(k, " ");
  snprintf(first, cap, "%.*s", (int)f, k);
  const char *l = strrchr(k, ' ');
  snprintf(last, cap, "%s", l ? l + 1 : k);
  size_t n = 0;
  for (size_t i = 0; k[i] && n + 1 < cap; i++)
    if ((i == 0 || k[i - 1] == ' ') && k[i] >= 'A' && k[i] <= 'Z')
      ini[n++] = k[i];
  ini[n] = 0;
}

/* Does the speaker key `b` stand for the person named `a` (both upper case): the same
 * name, the surname, the first name or the initials ("ROE", "JR" for "JANE ROE")? */
static int stands_for(const char *a, const char *b) {
  char af[VC_SEG_NAME_MAX], al[VC_SEG_NAME_MAX], ai[VC_SEG_NAME_MAX];
  char bf[VC_SEG_NAME_MAX], bl[VC_SEG_NAME_MAX], bi[VC_SEG_NAME_MAX];
  key_parts(a, af, al, ai, sizeof af);
  key_parts(b, bf, bl, bi, sizeof bf);
  if (strcmp(a, b) == 0)
    return 1;
  int a_one = !strchr(a, ' '), b_one = !strchr(b, ' ');
  if (b_one && !a_one)
    return strcmp(b, al) == 0 || strcmp(b, af) == 0 ||
           (strlen(b) >= 2 && strcmp(b, ai) == 0);
  if (a_one && !b_one)
    return strcmp(a, bl) == 0 || strcmp(a, bf) == 0;
  return !a_one && strcmp(af, bf) == 0 && strcmp(al, bl) == 0; /* "JANE M. ROE" */
}

/* The one labelled speaker the name stands for, or -1 (none, or several). */
static int speaker_for(const vc_seg *g, const char *name) {
  char a[VC_SEG_NAME_MAX], b[VC_SEG_NAME_MAX];
  if (!vc_seg_upper_key(name, strlen(name), a, sizeof a))
    return -1;
  int found = -1;
  for (size_t s = 1; s < g->n_speakers; s++) {
    vc_seg_upper_key(g->speakers[s].name, strlen(g->speakers[s].name), b, sizeof b);
    if (!stands_for(a, b))
      continue;
    if (found >= 0)
      return -1;
    found = (int)s;
  }
  return found;
}

static void evidence(vc_seg *g, int s, int w, size_t off, const char *why) {
  if (s <= 0)
    return;
  vc_spk *k = &g->speakers[s];
  k->evidence += w;
  k->why_weight = w;
  k->why_off = off;
  snprintf(k->why, sizeof k->why, "%s", why);
}

/* Speakers that have labelled turns. */
static size_t labelled_speakers(const vc_seg *g) {
  size_t n = 0;
  for (size_t s = 1; s < g->n_speakers; s++)
    for (size_t li = 0; li < g->n_labels; li++)
      if (g->labels[li].valid && g->labels[li].speaker == s) {
        n++;
        break;
      }
  return n;
}

/* A statement naming speaker s as the one who asks (w > 0) or answers: s gets it, and with
 * only two labelled speakers the other, if nothing placed it, gets the opposite. */
static void stated(vc_seg *g, int s, int w, size_t off, const char *why) {
  if (s <= 0)
    return;
  evidence(g, s, w, off, why);
  if (labelled_speakers(g) != 2)
    return;
  for (size_t o = 1; o < g->n_speakers; o++)
    if ((int)o != s && g->speakers[o].evidence == 0)
      for (size_t li = 0; li < g->n_labels; li++)
        if (g->labels[li].valid && g->labels[li].speaker == o) {
          evidence(g, (int)o, -w, off,
                   w > 0 ? "the other of two: the page names who asks"
                         : "the other of two: the page names the guest");
          break;
        }
}

/* Does the sentence from src[s] list several people ("Jane Roe; Joe Poe, a writer; and
 * ...": a semicolon or two commas before its end)? */
static int panel_list(const vc_seg *g, size_t s, size_t e) {
  int commas = 0;
  for (size_t i = s; i < e; i++) {
    if (g->src[i] == ';')
      return 1;
    commas += g->src[i] == ',';
    if (strchr(".?!", g->src[i]) && (i + 1 == e || g->src[i + 1] == ' '))
      break;
  }
  return commas >= 2;
}

/* The first labelled paragraph (n_paras if none). */
static size_t first_turn(const vc_seg *g) {
  for (size_t i = 0; i < g->n_paras; i++)
    if (g->paras[i].label >= 0 && g->labels[g->paras[i].label].valid &&
        g->paras[i].drop == VC_DROP_NONE)
      return i;
  return g->n_paras;
}

/* Evidence: a speaker's own words say they interview the other ("thank you for being
 * interviewed by me"). They win over a headline or an introduction that made them the
 * guest. */
static void own_words(vc_seg *g) {
  char done[VC_SEG_MAX_SPEAKERS] = {0};
  for (size_t i = 0; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE || p->label < 0 || !g->labels[p->label].valid)
      continue;
    size_t s = g->labels[p->label].speaker;
    if (s == 0 || s >= VC_SEG_MAX_SPEAKERS || done[s])
      continue;
    for (size_t k = p->body; k < p->end && !done[s]; k++)
      if (vc_seg_phrase_at(g, k, p->end, vc_seg_asker_own_phrases)) {
        done[s] = 1;
        if (g->speakers[s].evidence < 0)
          g->speakers[s].evidence = 0;
        stated(g, (int)s, W_OWN, k, "says they interview the other");
      }
  }
}

/* Evidence in the lines before the first labelled turn and in that turn: a credit naming
 * the interviewer ("Interviewed by Jane Roe", "Interviewer: Jane Roe", "The interviewer is
 * Jane Roe"), "Jane Roe talks to John Doe" (Jane Roe asks, John Doe answers), and, in the
 * lines before the first turn only, a title naming the guest ("A conversation with John
 * Doe", "Q&A: John Doe on ...", "John Doe Interview Transcription", "John Doe on why
 * ..."), unless the named speaker's own words made them the one who asks. */
static void front_matter(vc_seg *g, scan *sc) {
  size_t ft = first_turn(g);
  char name[VC_SEG_NAME_MAX], other[VC_SEG_NAME_MAX];
  for (size_t pi = 0; pi <= ft && pi < g->n_paras; pi++) {
    const vc_para *p = &g->paras[pi];
    size_t s0 = pi < ft ? p->start : p->body;
    for (size_t i = s0; i < p->end; i++) {
      size_t e, at;
      if ((e = vc_seg_phrase_at(g, i, p->end, vc_seg_asker_credits)) &&
          vc_seg_name_after(g, e, p->end, &sc->t, &sc->cap, name, sizeof name)) {
        stated(g, speaker_for(g, name), W_CREDIT, i, "credited as the interviewer");
        i = e;
      } else if ((e = vc_seg_phrase_at(g, i, p->end, vc_seg_asker_meets)) &&
                 vc_seg_name_before(g, s0, i, &sc->t, &sc->cap, name, sizeof name) &&
                 vc_seg_name_after(g, e, p->end, &sc->t, &sc->cap, other, sizeof other)) {
        int a = speaker_for(g, name), b = speaker_for(g, other);
        if (a != b) {
          stated(g, a, W_CREDIT, i, "the page says they talk to the guest");
          if (!panel_list(g, e, p->end)) /* a panel's members may moderate */
            stated(g, b, -W_CREDIT, i, "the page says who talks to them");
        }
        i = e;
      } else if (pi < ft &&
                 (e = vc_seg_phrase_at(g, i, p->end, vc_seg_guest_title_starts)) &&
                 vc_seg_name_after(g, e, p->end, &sc->t, &sc->cap, name, sizeof name)) {
        int s = speaker_for(g, name);
        if (s > 0 && g->speakers[s].evidence <= 0)
          stated(g, s, -W_TITLE, i, "the title names the guest");
        i = e;
      } else if (pi < ft && vc_seg_phrase_at(g, i, p->end, vc_seg_guest_title_ends) &&
                 (at = vc_seg_name_before(g, p->start, i, &sc->t, &sc->cap, name,
                                          sizeof name)) == p->start + 1) {
        int s = speaker_for(g, name); /* the name opens the title line */
        if (s > 0 && g->speakers[s].evidence <= 0)
          stated(g, s, -W_TITLE, i, "the title names the guest");
      }
    }
  }
}

/* Evidence: the page's first line is two names and a colon between them only ("Jane Roe:
 * John Doe"), as transcription services head a file: the interviewer, then the guest,
 * both labelled speakers. The line is the header's, not spoken. */
static void names_line(vc_seg *g) {
  size_t pi = 0;
  while (pi < g->n_paras && g->paras[pi].drop != VC_DROP_NONE && pi < 2)
    pi++;
  if (pi >= g->n_paras || g->paras[pi].words > 8)
    return;
  vc_para *p = &g->paras[pi];
  size_t colon = p->start;
  while (colon < p->end && g->src[colon] != ':')
    colon++;
  size_t e = p->end;
  while (e > colon && strchr(".,;", g->src[e - 1]))
    e--;
  if (colon >= e || colon == p->start)
    return;
  for (size_t i = colon + 1; i < e; i++)
    if (strchr("?!:;,", g->src[i]))
      return; /* a sentence, not a name */
  char a[VC_SEG_NAME_MAX], b[VC_SEG_NAME_MAX];
  size_t bs = colon + 1;
  while (bs < e && g->src[bs] == ' ')
    bs++;
  if (colon - p->start >= sizeof a || e - bs >= sizeof b || bs >= e)
    return;
  vc_seg_copy_name(g->src + p->start, colon - p->start, a, sizeof a);
  vc_seg_copy_name(g->src + bs, e - bs, b, sizeof b);
  int s = speaker_for(g, a), o = speaker_for(g, b);
  if (s <= 0 || o <= 0 || s == o)
    return;
  evidence(g, s, W_NAMES, p->start, "named first in the page's first line");
  evidence(g, o, -W_NAMES, p->start, "named second in the page's first line");
  if (p->label >= 0) {
    g->labels[p->label].count--;
    p->label = -1;
  }
  p->body = p->start;
  p->drop = VC_DROP_DATE; /* a header line */
}

static int key_has_word(const char *k, const char *const *list) {
  for (size_t i = 0; k[i];) {
    size_t j = i;
    while (k[j] && k[j] != ' ')
      j++;
    if (vc_seg_in_list(k + i, j - i, list))
      return 1;
    i = k[j] ? j + 1 : j;
  }
  return 0;
}

/* The speaker of the first labelled paragraph after paragraph pi spoken by someone else
 * than speaker `not`, or -1. */
static int next_speaker(const vc_seg *g, size_t pi, size_t not ) {
  for (size_t j = pi + 1; j < g->n_paras; j++) {
    const vc_para *q = &g->paras[j];
    if (q->drop == VC_DROP_NONE && q->label >= 0 && g->labels[q->label].speaker != not )
      return (int)g->labels[q->label].speaker;
  }
  return -1;
}

/* The one who says an operator's phrase is the operator and asks (a machine-labelled
 * call's "spk03:" has no "Operator" label to say so). */
static void call_operator(vc_seg *g, const vc_para *p, size_t at, char *done) {
  size_t op = p->label >= 0 ? g->labels[p->label].speaker : 0;
  if (op > 0 && op < VC_SEG_MAX_SPEAKERS && !done[op]) {
    done[op] = 1;
    evidence(g, (int)op, W_CALL, at, "the operator of a call introduces the speakers");
  }
}

/* A machine-labelled call ("spk03:", "SPEAKER_01:") where the one an operator's phrase
 * names is none of the speakers: the next other speaker is the one it introduces, who
 * asks after an asker's introduction, answers after the call is handed to them. */
static void call_by_turns(vc_seg *g, const vc_para *p, size_t pi, int w, size_t at,
                          char *done) {
  if (p->label < 0)
    return;
  int nx = next_speaker(g, pi, g->labels[p->label].speaker);
  if (nx > 0 && nx < VC_SEG_MAX_SPEAKERS && !done[nx]) {
    done[nx] = 1;
    evidence(g, nx, w, at,
             w > 0 ? "the operator introduces their question"
                   : "the call is handed to them");
  }
}

/* Evidence in a conference call (an "Operator" label, or a turn with an operator's phrase
 * of data/segment-words.tsv call_asker_intros / call_answer_intros): the operator
 * introduces the askers ("Your next question comes from Jane Roe with Example Bank") and
 * hands the call to the company's speakers ("turn the call over to Jane Roe"), who answer;
 * a label that calls its speaker an analyst asks. */
static void conference_call(vc_seg *g, scan *sc) {
  int call = 0;
  for (size_t li = 0; li < g->n_labels && !call; li++)
    call = g->labels[li].valid && key_has_word(g->labels[li].key, vc_seg_call_labels);
  for (size_t pi = 0; pi < g->n_paras && !call; pi++)
    for (size_t i = g->paras[pi].body; i < g->paras[pi].end && !call; i++)
      call = g->paras[pi].label >= 0 &&
             (vc_seg_phrase_at(g, i, g->paras[pi].end, vc_seg_call_asker_intros) ||
              vc_seg_phrase_at(g, i, g->paras[pi].end, vc_seg_call_answer_intros));
  if (!call)
    return;
  char name[VC_SEG_NAME_MAX], done[VC_SEG_MAX_SPEAKERS] = {0};
  for (size_t li = 0; li < g->n_labels; li++) {
    const vc_label *l = &g->labels[li];
    if (l->valid && l->speaker > 0 && l->speaker < VC_SEG_MAX_SPEAKERS &&
        !done[l->speaker] && key_has_word(l->key, vc_seg_call_asker_words)) {
      done[l->speaker] = 1;
      int w = g->speakers[l->speaker].evidence < 0 ? -g->speakers[l->speaker].evidence : 0;
      evidence(g, (int)l->speaker, w + W_CALL, g->paras[l->first_para].start,
               "an analyst on a call asks");
    }
  }
  for (size_t pi = 0; pi < g->n_paras; pi++) {
    const vc_para *p = &g->paras[pi];
    if (p->drop != VC_DROP_NONE)
      continue;
    for (size_t i = p->body; i < p->end; i++) {
      size_t e;
      int w = 0;
      if ((e = vc_seg_phrase_at(g, i, p->end, vc_seg_call_asker_intros)))
        w = W_CALL;
      else if ((e = vc_seg_phrase_at(g, i, p->end, vc_seg_call_answer_intros)))
        w = -W_CALL;
      if (!w || !vc_seg_name_after(g, e, p->end, &sc->t, &sc->cap, name, sizeof name))
        continue;
      int s = speaker_for(g, name);
      call_operator(g, p, i, done);
      if (s <= 0)
        call_by_turns(g, p, pi, w, i, done);
      else if (s < VC_SEG_MAX_SPEAKERS && !done[s]) {
        done[s] = 1;
        evidence(g, s, w, i,
                 w > 0 ? "the operator introduces their question"
                       : "the call is handed to them");
      }
      i = e;
    }
  }
}

void vc_seg_stated_roles(vc_seg *g) {
  scan sc = {NULL, 0};
  own_words(g);
  names_line(g);
  front_matter(g, &sc);
  conference_call(g, &sc);
  free(sc.t);
}

/* The capitalised words just before src[pos] ("The Daily Example" before "editors"),
 * written to out; their offset + 1, or 0. */
static size_t caps_before(const vc_seg *g, size_t lo, size_t pos, scan *sc, char *out,
                          size_t cap) {
  size_t n = 0;
  if (vc_seg_tokens(g->src, lo, pos, &sc->t, &n, &sc->cap) != VC_OK || n == 0)
    return 0;
  const vc_tok *w = sc->t;
  size_t j = n;
  while (j > 0 && n - j < 6 && w[j - 1].cap && (j == n || w[j].tight))
    j--;
  if (j == n || w[n - 1].e - w[j].s >= cap)
    return 0;
  vc_seg_copy_name(g->src + w[j].s, w[n - 1].e - w[j].s, out, cap);
  return w[j].s + 1;
}

/* Evidence: a copyright line ("© 2024 The Acme Gazette. All rights reserved.") names the
 * page's publisher: the capitalised words after its mark and year, up to a stop or a
 * comma. Writes them to g->asker; returns 1 when found. */
static int copyright_outlet(vc_seg *g, scan *sc) {
  for (size_t pi = 0; pi < g->n_paras; pi++) {
    const vc_para *p = &g->paras[pi];
    size_t n = 0;
    if (p->drop != VC_DROP_JUNK ||
        !vc_seg_line_is_copyright(g->src + p->start, p->end - p->start) ||
        vc_seg_tokens(g->src, p->start, p->end, &sc->t, &n, &sc->cap) != VC_OK)
      continue;
    const vc_tok *w = sc->t;
    size_t i = 0;
    while (i < n && (vc_seg_word_eq(g->src + w[i].s, w[i].e - w[i].s, "copyright") ||
                     vc_seg_word_eq(g->src + w[i].s, w[i].e - w[i].s, "c") ||
                     (g->src[w[i].s] >= '0' && g->src[w[i].s] <= '9')))
      i++;
    size_t j = i;
    while (j < n && j - i < 6 && w[j].cap && (j == i || w[j].tight) &&
           !vc_seg_word_eq(g->src + w[j].s, w[j].e - w[j].s, "all"))
      j++;
    if (j == i || w[j - 1].e - w[i].s >= sizeof g->asker)
      continue;
    vc_seg_copy_name(g->src + w[i].s, w[j - 1].e - w[i].s, g->asker, sizeof g->asker);
    g->asker_off = w[i].s;
    return 1;
  }
  return 0;
}

typedef struct project_name {
  size_t off, len; /* the name as first written */
  int count;
} project_name;

static int tok_word(const vc_seg *g, const vc_tok *t, const char *lit) {
  return vc_seg_word_eq(g->src + t->s, t->e - t->s, lit);
}

/* Counts the name of capitalised words w[i..j) among the project names in pn. */
static void count_project(const vc_seg *g, const vc_tok *w, size_t i, size_t j,
                          project_name *pn, size_t *n_pn) {
  if (j == i || j - i > 3)
    return;
  size_t off = w[i].s, len = w[j - 1].e - w[i].s;
  for (size_t k = 0; k < *n_pn; k++)
    if (pn[k].len == len && memcmp(g->src + pn[k].off, g->src + off, len) == 0) {
      pn[k].count++;
      return;
    }
  if (*n_pn < 8)
    pn[(*n_pn)++] = (project_name){off, len, 1};
}

/* The capitalised run of up to three words starting at w[i]; returns its end. */
static size_t cap_run(const vc_tok *w, size_t n, size_t i) {
  size_t j = i;
  while (j < n && j - i < 3 && w[j].cap && (j == i || w[j].tight))
    j++;
  return j;
}

/* Names the page says the guest contributes to: after a word of contributing and "to"
 * ("contributing to Acme", contrib_words) and between "the" and "community" ("the Acme
 * community"). */
static void project_names(const vc_seg *g, const vc_tok *w, size_t n, project_name *pn,
                          size_t *n_pn) {
  for (size_t i = 0; i + 2 < n; i++) {
    if (vc_seg_in_list(g->src + w[i].s, w[i].e - w[i].s, vc_seg_contrib_words) &&
        tok_word(g, &w[i + 1], "to") && w[i + 1].tight && w[i + 2].tight)
      count_project(g, w, i + 2, cap_run(w, n, i + 2), pn, n_pn);
    if (tok_word(g, &w[i], "the") && w[i + 1].tight) {
      size_t j = cap_run(w, n, i + 1);
      if (j > i + 1 && j < n && w[j].tight && tok_word(g, &w[j], "community"))
        count_project(g, w, i + 1, j, pn, n_pn);
    }
  }
}

/* The name src[off..off+len) with the capitalised word the page first writes just before
 * it, not at a sentence start nor after a determiner, when the page writes that longer
 * name twice or more ("Apache Beam" for "Beam"); written to out. */
static void full_project_name(const vc_seg *g, size_t off, size_t len, scan *sc, char *out,
                              size_t cap) {
  size_t from = off, to = off + len;
  int found = 0;
  for (size_t pi = 0; pi < g->n_paras && !found; pi++) {
    const vc_para *p = &g->paras[pi];
    size_t n = 0;
    if (p->drop != VC_DROP_NONE ||
        vc_seg_tokens(g->src, p->body, p->end, &sc->t, &n, &sc->cap) != VC_OK)
      continue;
    const vc_tok *w = sc->t;
    for (size_t i = 1; i < n && !found; i++) {
      size_t e = w[i].s + len;
      if (e > p->end || memcmp(g->src + w[i].s, g->src + off, len) != 0 ||
          (e < p->end && vc_seg_is_letter((unsigned char)g->src[e])) || !w[i].tight ||
          !w[i - 1].cap || w[i - 1].sent ||
          vc_seg_in_list(g->src + w[i - 1].s, w[i - 1].e - w[i - 1].s, vc_seg_determiners))
        continue;
      from = w[i - 1].s;
      to = e;
      found = 1;
    }
  }
  int seen = 0; /* the longer name counts when the page writes it twice or more */
  for (size_t i = 0; found && i + (to - from) <= g->len; i++)
    seen += memcmp(g->src + i, g->src + from, to - from) == 0;
  if (seen < 2)
    from = off, to = off + len;
  if (to - from < cap)
    vc_seg_copy_name(g->src + from, to - from, out, cap);
}

/* Evidence: the writer says "we" interviewed the guest before the questions ("We
 * interviewed Jane to learn ...": we_interview_phrases) and the page says what the guest
 * contributes to ("contributing to Acme", "the Acme community"): the one who asks is that
 * project, whose blog it is; its name as written most, with the word the page writes
 * before it ("Apache Beam" for "Beam"). Writes g->asker; returns 1 when found. */
static int project_outlet(vc_seg *g, scan *sc) {
  int we = 0;
  for (size_t pi = 0; pi < g->qa_start && pi < g->n_paras && !we; pi++) {
    const vc_para *p = &g->paras[pi];
    for (size_t i = p->body; i < p->end && !we && p->drop == VC_DROP_NONE; i++)
      we = vc_seg_phrase_at(g, i, p->end, vc_seg_we_interview_phrases) != 0;
  }
  if (!we)
    return 0;
  project_name pn[8];
  size_t n_pn = 0;
  for (size_t pi = 0; pi < g->n_paras; pi++) {
    const vc_para *p = &g->paras[pi];
    size_t n = 0;
    if (p->drop == VC_DROP_NONE &&
        vc_seg_tokens(g->src, p->body, p->end, &sc->t, &n, &sc->cap) == VC_OK)
      project_names(g, sc->t, n, pn, &n_pn);
  }
  size_t best = 0;
  for (size_t k = 1; k < n_pn; k++)
    if (pn[k].count > pn[best].count)
      best = k;
  if (n_pn == 0)
    return 0;
  full_project_name(g, pn[best].off, pn[best].len, sc, g->asker, sizeof g->asker);
  g->asker_off = pn[best].off;
  return g->asker[0] != 0;
}

/* Evidence: a line of the header names the publication the page belongs to, an
 * organisation's ("Riverbend Historical Society Newsletter", "The Acme Bulletin, Spring
 * 2023": publication_words): the organisation asks, named by the capitalised words before
 * that word (not a season or a month alone: "Spring Newsletter" names nobody). Writes
 * g->asker; returns 1 when found. */
static int newsletter_outlet(vc_seg *g, scan *sc) {
  for (size_t pi = 0; pi < g->qa_start && pi < g->n_paras; pi++) {
    const vc_para *p = &g->paras[pi];
    size_t n = 0;
    if (p->drop != VC_DROP_NONE || p->label >= 0 || p->ends_q ||
        vc_seg_tokens(g->src, p->body, p->end, &sc->t, &n, &sc->cap) != VC_OK || n > 12)
      continue;
    for (size_t i = 1; i < n; i++) {
      const vc_tok *w = sc->t;
      if (!w[i].cap ||
          !vc_seg_in_list(g->src + w[i].s, w[i].e - w[i].s, vc_seg_publication_words))
        continue;
      size_t j = i;
      while (j > 0 && i - j < 6 && w[j - 1].cap && w[j].tight)
        j--;
      if (j < i && vc_seg_word_eq(g->src + w[j].s, w[j].e - w[j].s, "the"))
        j++;
      if (j == i || (i - j == 1 &&
                     (vc_seg_in_list(g->src + w[j].s, w[j].e - w[j].s, vc_seg_seasons) ||
                      vc_seg_in_list(g->src + w[j].s, w[j].e - w[j].s, vc_seg_months))))
        continue;
      if (w[i - 1].e - w[j].s >= sizeof g->asker)
        continue;
      vc_seg_copy_name(g->src + w[j].s, w[i - 1].e - w[j].s, g->asker, sizeof g->asker);
      g->asker_off = w[j].s;
      return 1;
    }
  }
  return 0;
}

/* Evidence: before the Q&A part, a sentence says the outlet's staff interviewed the guest
 * ("The Daily Example editors and reporters interviewed John Doe"). When nobody who asks
 * is named (no introduction names them, no byline), the one who asks is that outlet, as an
 * interviewer never named on the page is named by convention; without such a sentence the
 * generic name stays. */
void vc_seg_outlet_asker(vc_seg *g) {
  if (g->asker[0] || vc_seg_asking_byline(g))
    return;
  scan sc = {NULL, 0};
  for (size_t pi = 0; pi < g->qa_start && pi < g->n_paras && !g->asker[0]; pi++) {
    const vc_para *p = &g->paras[pi];
    for (size_t i = p->start; i < p->end; i++) {
      size_t at;
      if (vc_seg_phrase_at(g, i, p->end, vc_seg_outlet_staff_phrases) &&
          (at = caps_before(g, p->start, i, &sc, g->asker, sizeof g->asker))) {
        g->asker_off = at - 1;
        break;
      }
    }
  }
  char team[VC_SEG_NAME_MAX];
  if (!g->asker[0] && !vc_seg_team_name(g, team, sizeof team) &&
      !copyright_outlet(g, &sc) && !newsletter_outlet(g, &sc))
    project_outlet(g, &sc); /* the team the writer says is theirs comes first */
  free(sc.t);
}
