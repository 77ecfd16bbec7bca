/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter attributions: whose a quotation in prose is when the name stands beside it (a
 * label before it, the speaker's own name opening it, titles before the name, the line
 * after a quotation that stands alone), and first names resolved to the full name. */
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

#define LOOK_WORDS 24

static int tok_in(const vc_seg *g, const vc_tok *t, const char *const *list) {
  return vc_seg_in_list(g->src + t->s, t->e - t->s, list);
}

/* A title, rank or occupation that may stand before a name ("Secretary", "Sgt.",
 * "coordinator", "Dr."): data/segment-words.tsv attribution_titles, role_words,
 * honorifics. */
static int title_tok(const vc_seg *g, const vc_tok *t) {
  return tok_in(g, t, vc_seg_attribution_titles) || tok_in(g, t, vc_seg_role_words) ||
         tok_in(g, t, vc_seg_honorifics);
}

/* A word that may be part of a person's name: capitalised, not all capitals, not a
 * title, a pronoun or a word that is never a name (not_name_words). */
static int name_tok(const vc_seg *g, const vc_tok *t) {
  return t->cap && !t->caps && !title_tok(g, t) && !tok_in(g, t, vc_seg_not_name_words) &&
         !tok_in(g, t, vc_seg_first_person) && !tok_in(g, t, vc_seg_pronouns);
}

/* Bytes between two words are white space only, or an initial's period ("Jane Q. Doe"). */
static int joined(const vc_seg *g, const vc_tok *a, const vc_tok *b) {
  return b->tight || (a->e - a->s == 1 && g->src[a->e] == '.' && b->s == a->e + 2);
}

/* An occupation after a first name is a surname ("Jane Baker"); a title is not. */
static int later_name_tok(const vc_seg *g, const vc_tok *t) {
  return name_tok(g, t) || (t->cap && !t->caps && tok_in(g, t, vc_seg_role_words));
}

/* The length in words (at most 3) of the name starting at t[i], 0 if none. */
static size_t name_len(const vc_seg *g, const vc_tok *t, size_t n, size_t i) {
  size_t j = i;
  while (j < n && j - i < 3 && (j == i ? name_tok(g, &t[j]) : later_name_tok(g, &t[j])) &&
         (j == i || joined(g, &t[j - 1], &t[j])))
    j++;
  return j - i;
}

/* Only white space in src[s..e) apart from the characters of `marks`. Returns how many
 * marks there were. */
static int only_marks(const vc_seg *g, size_t s, size_t e, const char *marks) {
  int n = 0;
  for (size_t i = s; i < e; i++) {
    char c = g->src[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
      continue;
    if (!strchr(marks, c) || c == 0)
      return -1;
    n++;
  }
  return n;
}

/* Evidence: a name of one to three capitalised words, then a colon, and nothing else
 * between src[s] and the quotation at q ("Jane: “...”", "Jane Doe: "..."): in prose, the
 * label of the one quoted. */
int vc_seg_colon_attribution(const vc_seg *g, size_t s, size_t q, size_t *ns, size_t *ne) {
  vc_tok *t = NULL;
  size_t n = 0, cap = 0;
  int ok = 0;
  if (vc_seg_tokens(g->src, s, q, &t, &n, &cap) == VC_OK && n > 0 && n <= 3 &&
      only_marks(g, s, t[0].s, "") == 0 && name_len(g, t, n, 0) == n &&
      only_marks(g, t[n - 1].e, q, ":") == 1) {
    *ns = t[0].s;
    *ne = t[n - 1].e;
    ok = 1;
  }
  free(t);
  return ok;
}

/* Evidence: the quotation src[is..ie) opens with a name and a full stop or a colon, then
 * goes on ("“Jane Doe. I teach ...", "“Jane Doe: I work ..."): the speaker introduces
 * themselves. A one-word name counts when it is no common word, or when `roll` (the
 * paragraphs beside it do the same: a round of introductions). */
int vc_seg_quote_self_intro(vc_seg *g, size_t is, size_t ie, int roll, size_t *ns,
                            size_t *ne) {
  vc_tok *t = NULL;
  size_t n = 0, cap = 0;
  int ok = 0;
  size_t hi = is + 200 < ie ? is + 200 : ie;
  if (vc_seg_tokens(g->src, is, hi, &t, &n, &cap) == VC_OK && n >= 2 &&
      only_marks(g, is, t[0].s, "") == 0) {
    size_t k = name_len(g, t, n, 0);
    if (k > 0 && k < n && only_marks(g, t[k - 1].e, t[k].s, ".:") == 1 &&
        g->src[t[k - 1].e + 1] == ' ' && /* "Jane. I ...", not "Example.com" */
        (k >= 2 || roll || !vc_seg_common_word(g, g->src + t[0].s, t[0].e - t[0].s))) {
      *ns = t[0].s;
      *ne = t[k - 1].e;
      ok = 1;
    }
  }
  free(t);
  return ok;
}

static int opens_quote(const vc_seg *g, size_t i, size_t e) {
  size_t k;
  return i < e && (g->src[i] == '"' || vc_seg_is_open_quote(g->src, e, i, &k));
}

/* The last byte of src[s..e) that is not white space, as the start of a character. */
static size_t last_char(const vc_seg *g, size_t s, size_t e) {
  while (e > s && (g->src[e - 1] == ' ' || g->src[e - 1] == '\t'))
    e--;
  size_t i = e;
  while (i > s && ((unsigned char)g->src[i - 1] & 0xC0) == 0x80)
    i--;
  return i > s ? i - 1 : s;
}

static int closes_at_end(const vc_seg *g, size_t s, size_t e) {
  size_t i = last_char(g, s, e), k;
  return e > s && (g->src[i] == '"' || vc_seg_is_close_quote(g->src, e, i, &k));
}

/* Does paragraph `para` open with a self-introduction of two or more words? */
static int intro_para(vc_seg *g, size_t para) {
  if (para >= g->n_paras || g->paras[para].drop != VC_DROP_NONE)
    return 0;
  const vc_para *p = &g->paras[para];
  size_t ns, ne;
  int32_t cp;
  if (!opens_quote(g, p->body, p->end))
    return 0;
  size_t k = vc_seg_cp(g->src, p->end, p->body, &cp);
  if (!vc_seg_quote_self_intro(g, p->body + k, p->end, 0, &ns, &ne))
    return 0;
  vc_tok *t = NULL;
  size_t n = 0, cap = 0;
  int two = vc_seg_tokens(g->src, ns, ne, &t, &n, &cap) == VC_OK && n >= 2;
  free(t);
  return two;
}

/* Evidence for a one-word self-introduction: the paragraph before or after it opens
 * with a self-introduction of a full name (a round of introductions). */
int vc_seg_intro_round(vc_seg *g, size_t para) {
  return (para > 0 && intro_para(g, para - 1)) || intro_para(g, para + 1);
}

/* Where the full name `name` (len bytes) is last written in src[0..before), or SIZE_MAX. */
static size_t last_written(const vc_seg *g, const char *name, size_t len, size_t before) {
  size_t at = SIZE_MAX;
  for (size_t i = 0; i + len <= before && i + len <= g->len; i++)
    if (memcmp(g->src + i, name, len) == 0)
      at = i;
  return at;
}

/* Evidence: a full name the text writes whose first word is the one word src[s..e)
 * ("Jim" for "Jim Doe"): the person written last before `before`, else the only one the
 * text writes; -1 when there is none or several. */
int vc_seg_first_name(const vc_seg *g, size_t s, size_t e, size_t before) {
  size_t wn = e - s;
  int best = -1, only = -1, count = 0;
  size_t best_at = 0;
  for (size_t i = 0; i < g->n_people; i++) {
    const vc_person *p = &g->people[i];
    if (p->len <= wn + 1 || memcmp(p->name, g->src + s, wn) != 0 || p->name[wn] != ' ')
      continue;
    count++;
    only = (int)i;
    size_t at = last_written(g, p->name, p->len, before);
    if (at != SIZE_MAX && (best < 0 || at > best_at)) {
      best = (int)i;
      best_at = at;
    }
  }
  return best >= 0 ? best : count == 1 ? only : -1;
}

/* Where the scan of an attribution stops: the first comma or sentence end after a name
 * of two words or more (or one after a title) has been read ("Jane Doe, attorney for
 * Judge Joe Roe" stops before the judge); `loose` reads on over lower-case words,
 * otherwise the stretch ends at the first lower-case word that is no title. */
static size_t scan_end(const vc_seg *g, const vc_tok *t, size_t n, int loose) {
  int named = 0;
  for (size_t i = 0; i < n; i++) {
    if (!loose && !t[i].cap && !tok_in(g, &t[i], vc_seg_name_connectors) &&
        !title_tok(g, &t[i]))
      return i;
    size_t r = name_len(g, t, n, i);
    named |= r >= 2 || (r == 1 && i > 0 && title_tok(g, &t[i - 1]));
    if (named && i + 1 < n && t[i].e < t[i + 1].s && strchr(",;.?!", g->src[t[i].e]) &&
        g->src[t[i].e] != 0 && !(g->src[t[i].e] == '.' && title_tok(g, &t[i])))
      return i + 1;
  }
  return n;
}

/* Evidence: an attribution that writes titles and places before the name ("– Transport
 * Secretary Jane Doe, after ...", "Police Sgt. Jane Doe on ...", "Chalmette resident Jane
 * Doe, awaiting ..."). In the words from s to where scan_end stops: a person the prose
 * knows, else the first name after a title, else (loose: a line the layout makes an
 * attribution) the last name of two or three words, else (strict) the opening run when
 * it is a name followed by a comma or the end ("Jane Doe, whose ..."). *person: the
 * known person or -1. */
int vc_seg_titled_name(const vc_seg *g, size_t s, size_t e, int loose, size_t *ns,
                       size_t *ne, int *person) {
  vc_tok *t = NULL;
  size_t n = 0, cap = 0;
  int ok = 0;
  *person = -1;
  if (vc_seg_tokens(g->src, s, e, &t, &n, &cap) != VC_OK || n == 0) {
    free(t);
    return 0;
  }
  if (n > LOOK_WORDS)
    n = LOOK_WORDS;
  size_t stop = scan_end(g, t, n, loose);
  for (size_t i = 0; i < stop && !ok; i++) {
    size_t len;
    int p = vc_seg_person_at(g, t[i].s, &len);
    if (p >= 0 && g->people[p].is_person && t[i].s + len <= t[stop - 1].e) {
      *ns = t[i].s;
      *ne = t[i].s + len;
      *person = p;
      ok = 1;
    }
  }
  size_t last_s = 0, last_e = 0;
  for (size_t i = 0; i < stop && !ok;) {
    size_t r = name_len(g, t, stop, i);
    if (r == 0) {
      i++;
      continue;
    }
    if (i > 0 && title_tok(g, &t[i - 1])) { /* "Sgt. Jane Doe", "President Doe" */
      *ns = t[i].s;
      *ne = t[i + r - 1].e;
      ok = 1;
    } else if (r >= 2 && (loose || (i == 0 && i + r == stop &&
                                    (stop == n || g->src[t[stop - 1].e] == ',')))) {
      last_s = t[i].s;
      last_e = t[i + r - 1].e;
    }
    i += r;
  }
  if (!ok && last_e > last_s) {
    *ns = last_s;
    *ne = last_e;
    ok = 1;
  }
  free(t);
  return ok;
}

/* A dash that opens an attribution line ("- ", "– ", "— "): its length, 0 if none. */
static size_t dash_len(const vc_seg *g, size_t i, size_t e) {
  int32_t cp;
  size_t k = vc_seg_cp(g->src, e, i, &cp);
  return (cp == '-' || cp == 0x2013 || cp == 0x2014) ? k : 0;
}

static int has_quote_mark(const vc_seg *g, const vc_para *p) {
  for (size_t i = p->body; i < p->end; i++)
    if (opens_quote(g, i, p->end))
      return 1;
  return 0;
}

/* A paragraph that is one quotation and nothing else. */
static int lone_quote(const vc_seg *g, const vc_para *p) {
  if (p->drop != VC_DROP_NONE || !opens_quote(g, p->body, p->end) ||
      !closes_at_end(g, p->body, p->end))
    return 0;
  return 1;
}

static size_t next_spoken(const vc_seg *g, size_t para) {
  size_t j = para + 1;
  while (j < g->n_paras && g->paras[j].drop != VC_DROP_NONE)
    j++;
  return j;
}

/* The line after a quotation standing alone at `para`, when it reads as that quotation's
 * attribution: no quotation of its own, a dash opening it (*dashed) or not, and a name
 * in it (titled_name, loose). Returns the line, or n_paras. */
static size_t attribution_line(const vc_seg *g, size_t para, int *dashed, size_t *ns,
                               size_t *ne, int *person) {
  if (!lone_quote(g, &g->paras[para]))
    return g->n_paras;
  size_t j = next_spoken(g, para);
  if (j >= g->n_paras || g->paras[j].label >= 0)
    return g->n_paras;
  const vc_para *p = &g->paras[j];
  if (has_quote_mark(g, p))
    return g->n_paras;
  size_t d = dash_len(g, p->body, p->end);
  *dashed = d > 0;
  return vc_seg_titled_name(g, p->body + d, p->end, 1, ns, ne, person) ? j : g->n_paras;
}

/* Evidence of a roundup layout: quotations standing alone, each with a line under it
 * that names the speaker. Counts them; *dashed: how many of those lines open with a
 * dash. */
static int roundup_pairs(const vc_seg *g, int *dashed) {
  int n = 0;
  *dashed = 0;
  for (size_t i = 0; i < g->n_paras; i++) {
    size_t ns, ne;
    int person, dash;
    if (attribution_line(g, i, &dash, &ns, &ne, &person) < g->n_paras) {
      n++;
      *dashed += dash;
    }
  }
  return n;
}

/* Evidence: paragraph `para` is a quotation standing alone, and the next line names its
 * speaker after a dash ("“...”" newline "– Mayor Jane Doe, after ..."), or without one
 * where the text does so for three quotations or more, or twice with dashes ("Jane Doe,
 * whose ..."). */
int vc_seg_next_attribution(const vc_seg *g, size_t para, size_t *ns, size_t *ne,
                            int *person) {
  int dash, dashed;
  if (attribution_line(g, para, &dash, ns, ne, person) >= g->n_paras)
    return 0;
  if (dash)
    return 1;
  int pairs = roundup_pairs(g, &dashed);
  return pairs >= 3 || dashed >= 2;
}

/* A speech verb with its speaker beside it ("she said", "said Jane"): a pronoun or a
 * capitalised word just before or just after it. */
static int attribution_verb(const vc_seg *g, const vc_tok *t, size_t n, size_t i) {
  if (!tok_in(g, &t[i], vc_seg_speech_verbs))
    return 0;
  int before =
      i > 0 && t[i].tight && (t[i - 1].cap || tok_in(g, &t[i - 1], vc_seg_pronouns));
  int after = i + 1 < n && t[i + 1].tight &&
              (t[i + 1].cap || tok_in(g, &t[i + 1], vc_seg_pronouns));
  return before || after;
}

/* Evidence: a paragraph that ends with a closing quotation mark it never opened, after a
 * quotation that ended a sentence, with no speech verb or name of a person between (the
 * writer closed the quotation early, or opened the next one without a mark): the speech
 * runs on to the paragraph's end. *mark: where the closing mark is. */
int vc_seg_runs_on(const vc_seg *g, size_t from, size_t end, size_t *mark) {
  if (from >= end || !closes_at_end(g, from, end))
    return 0;
  size_t m = last_char(g, from, end);
  for (size_t i = from; i < m; i++) {
    size_t k;
    if (g->src[i] == '"' || vc_seg_is_open_quote(g->src, m, i, &k) ||
        vc_seg_is_close_quote(g->src, m, i, &k))
      return 0;
  }
  vc_tok *t = NULL;
  size_t n = 0, cap = 0;
  int ok = vc_seg_tokens(g->src, from, m, &t, &n, &cap) == VC_OK && n > 0;
  for (size_t i = 0; ok && i < n; i++)
    ok = !attribution_verb(g, t, n, i) && vc_seg_person_at(g, t[i].s, NULL) < 0;
  free(t);
  *mark = m;
  return ok;
}

/* Evidence: every labelled paragraph of the would-be Q&A part puts its words in quotation
 * marks ("Jane: “...”"), after prose that quotes people (three paragraphs or more with
 * quotation marks before the first label): the labels attribute quotations in a feature,
 * they do not open a transcript. Undoes them (the paragraphs are prose again, read by
 * segment_quotes.c) and returns 1. */
int vc_seg_quoted_labels(vc_seg *g) {
  int labelled = 0, quoted = 0;
  for (size_t i = g->qa_start; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->drop == VC_DROP_LABEL)
      return 0;
    if (p->label < 0)
      continue;
    if (!opens_quote(g, p->body, p->end))
      return 0;
    labelled++;
  }
  for (size_t i = 0; i < g->qa_start; i++)
    quoted += g->paras[i].drop == VC_DROP_NONE && has_quote_mark(g, &g->paras[i]);
  if (labelled == 0 || quoted < 3)
    return 0;
  for (size_t i = g->qa_start; i < g->n_paras; i++) {
    vc_para *p = &g->paras[i];
    if (p->label >= 0) {
      p->body = p->start;
      p->label = -1;
      vc_seg_measure(g, p);
    }
  }
  g->qa_start = g->n_paras;
  return 1;
}

/* Evidence that the name t[i..i+r) is a person's: a relative clause or an appositive
 * after a comma says so ("Jane Doe, who keeps the bees", "Jane Doe, head gardener of ...",
 * "Jane Doe, a retired engineer"): "who", or an occupation (role_words,
 * attribution_titles) within the next four words, before another comma. */
int vc_seg_person_clause(const vc_seg *g, const vc_tok *t, size_t n, size_t i, size_t r) {
  size_t k = i + r;
  if (k >= n || t[k].tight || only_marks(g, t[k - 1].e, t[k].s, ",") != 1)
    return 0;
  if (vc_seg_word_eq(g->src + t[k].s, t[k].e - t[k].s, "who"))
    return 1;
  for (size_t j = k; j < n && j < k + 4; j++) {
    if (j > k && !t[j].tight)
      break;
    if (!t[j].cap && title_tok(g, &t[j]))
      return 1;
  }
  return 0;
}
