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

/* Evidence: the quotation src[is..ie) opens with a name and a full stop, a colon or (a
 * name of two words) a comma, then goes on ("“Jane Doe. I teach ...", "“Jane Doe: I work
 * ...", "“Jane Doe, Marketing.”"), or opens with "I'm" and a name: the speaker introduces
 * themselves. A one-word name counts when it is no common word, or when `roll` (the
 * paragraphs beside it do the same: a round of introductions); in a round, a quotation
 * that is only a name ("“Jane Doe.”") is one too. */
int vc_seg_quote_self_intro(vc_seg *g, size_t is, size_t ie, int roll, size_t *ns,
                            size_t *ne) {
  vc_tok *t = NULL;
  size_t n = 0, cap = 0;
  int ok = 0, said = 0;
  for (size_t k = 0; vc_seg_self_name_phrases[k] && !said; k++) { /* "I'm Jane Doe." */
    size_t m = strlen(vc_seg_self_name_phrases[k]);
    if (vc_seg_prefix_ci(g->src + is, ie - is, vc_seg_self_name_phrases[k])) {
      is += m;
      said = 1;
    }
  }
  size_t hi = is + 200 < ie ? is + 200 : ie;
  if (vc_seg_tokens(g->src, is, hi, &t, &n, &cap) == VC_OK && n >= 1 &&
      only_marks(g, is, t[0].s, "") == 0) {
    size_t k = name_len(g, t, n, 0);
    int mark = k > 0 && k < n && only_marks(g, t[k - 1].e, t[k].s, ".:,") == 1 &&
               g->src[t[k - 1].e + 1] == ' '; /* "Jane. I ...", not "Example.com" */
    int comma = mark && g->src[t[k - 1].e] == ',';
    int whole = k > 0 && k == n && hi == ie; /* "“Jane Doe.”" */
    int one_ok = roll || said || !vc_seg_common_word(g, g->src + t[0].s, t[0].e - t[0].s);
    /* after "I'm", a full name, or one word in a round ("I'm Irish" is no name) */
    if (said && k < 2 && !roll)
      k = 0;
    if (k > 0 && ((mark && !comma && (k >= 2 || one_ok)) || (mark && comma && k >= 2) ||
                  (whole && (said || (roll && k >= 2))))) {
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
  if (!vc_seg_quote_self_intro(g, p->body + k, p->end, 1, &ns, &ne))
    return 0; /* a full name (counted below) is enough for a round */
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
 * Judge Joe Roe" stops before the judge), or an opening bracket after it; `loose` reads on
 * over lower-case words, otherwise the stretch ends at the first lower-case word that is no
 * title. */
static size_t scan_end(const vc_seg *g, const vc_tok *t, size_t n, int loose) {
  int named = 0;
  for (size_t i = 0; i < n; i++) {
    if (!loose && !t[i].cap && !tok_in(g, &t[i], vc_seg_name_connectors) &&
        !title_tok(g, &t[i]))
      return i;
    size_t r = name_len(g, t, n, i);
    named |= r >= 2 || (r == 1 && i > 0 && title_tok(g, &t[i - 1]));
    if (named && i + 1 < n && memchr(g->src + t[i].e, '(', t[i + 1].s - t[i].e))
      return i + 1; /* "Jane Doe (History major)": what the brackets say is no name */
    if (named && i + 1 < n && t[i].e < t[i + 1].s && strchr(",;.?!", g->src[t[i].e]) &&
        g->src[t[i].e] != 0 &&
        !(g->src[t[i].e] == '.' && (title_tok(g, &t[i]) || t[i].e - t[i].s == 1)))
      return i + 1;
  }
  return n;
}

/* Evidence: an attribution that writes titles and places before the name ("– Transport
 * Secretary Jane Doe, after ...", "Police Sgt. Jane Doe on ...", "Chalmette resident Jane
 * Doe, awaiting ..."). In the words from s to where scan_end stops: a person the prose
 * knows, else the first name after a title, else (loose: a dash or the layout makes it
 * an attribution) the first name of two or three words, else (strict) the opening run when
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
    } else if (r >= 2 && last_e == last_s &&
               (loose ||
                (i == 0 && i + r == stop && (stop == n || g->src[t[stop - 1].e] == ',')))) {
      last_s = t[i].s; /* the first name of two words or more */
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

/* The line after paragraph `para` when it attributes the whole paragraph as an unquoted
 * quotation (a roundup that prints speech without quotation marks): `para` has no
 * quotation mark, six words or more and opens with no dash; the next spoken line opens
 * with a dash, has no quotation mark, at most sixteen words, and names a person
 * ("— Jane Doe, Class of 2020", "- Jane Doe, professor of history"). Returns the line,
 * or n_paras. */
static size_t unquoted_attribution_line(const vc_seg *g, size_t para, size_t *ns,
                                        size_t *ne, int *person) {
  const vc_para *q = &g->paras[para];
  if (q->drop != VC_DROP_NONE || q->note || q->label >= 0 || q->words < 6 ||
      dash_len(g, q->body, q->end) || has_quote_mark(g, q))
    return g->n_paras;
  size_t j = next_spoken(g, para);
  if (j >= g->n_paras || g->paras[j].label >= 0)
    return g->n_paras;
  const vc_para *p = &g->paras[j];
  size_t d = dash_len(g, p->body, p->end);
  if (!d || p->words > 16 || has_quote_mark(g, p))
    return g->n_paras;
  return vc_seg_titled_name(g, p->body + d, p->end, 1, ns, ne, person) ? j : g->n_paras;
}

int vc_seg_unquoted_pairs(const vc_seg *g) {
  int n = 0;
  for (size_t i = 0; i < g->n_paras; i++) {
    size_t ns, ne;
    int person;
    n += unquoted_attribution_line(g, i, &ns, &ne, &person) < g->n_paras;
  }
  return n;
}

/* Evidence: two or more paragraphs of the text are each followed by a dashed line that
 * names a person (unquoted_attribution_line), and `para` is one of them: the paragraph
 * is that person's speech. */
int vc_seg_unquoted_attribution(const vc_seg *g, size_t para, size_t *ns, size_t *ne,
                                int *person) {
  *person = -1;
  return g->unquoted_pairs >= 2 &&
         unquoted_attribution_line(g, para, ns, ne, person) < g->n_paras;
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
  vc_seg_unlabel_rest(g);
  return 1;
}

/* "is a ...", "was the ..." at t[k], then an occupation or title (role_words,
 * attribution_titles, capitalised or not: "is a Senior Software Engineer") within the
 * next four words of the same clause. */
static int is_a_role(const vc_seg *g, const vc_tok *t, size_t n, size_t k) {
  const char *w = g->src + t[k].s;
  size_t wn = t[k].e - t[k].s;
  if (!vc_seg_word_eq(w, wn, "is") && !vc_seg_word_eq(w, wn, "was"))
    return 0;
  w = g->src + t[k + 1].s;
  wn = t[k + 1].e - t[k + 1].s;
  if (!vc_seg_word_eq(w, wn, "a") && !vc_seg_word_eq(w, wn, "an") &&
      !vc_seg_word_eq(w, wn, "the"))
    return 0;
  for (size_t j = k + 2; j < n && j < k + 6 && t[j].tight; j++)
    if (title_tok(g, &t[j]))
      return 1;
  return 0;
}

/* Evidence that the name t[i..i+r) is a person's: "is a" and an occupation after it
 * ("Jane Doe is a retired engineer"), a title just before it, or a relative
 * clause or an appositive after a comma says so ("Jane Doe, who keeps the bees", "Jane Doe,
 * head gardener of ...", "Jane Doe, a retired engineer"): "who", or an occupation
 * (role_words, attribution_titles) within the next four words, before another comma. */
int vc_seg_person_clause(const vc_seg *g, const vc_tok *t, size_t n, size_t i, size_t r) {
  if (i > 0 && (t[i].tight || (g->src[t[i - 1].e] == '.' && t[i].s == t[i - 1].e + 2)) &&
      tok_in(g, &t[i - 1], vc_seg_attribution_titles))
    return 1; /* "press secretary Jane Doe", "Sgt. Jane Doe" */
  size_t k = i + r;
  if (k + 2 < n && t[k].tight && t[k + 1].tight && is_a_role(g, t, n, k))
    return 1; /* "Jane Doe is a senior engineer at Acme" */
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

/* ---- pronouns and gender ---- */

/* +1 for a male pronoun, -1 for a female one, 0 otherwise. */
static int pronoun_sex(const vc_seg *g, const vc_tok *t) {
  return tok_in(g, t, vc_seg_male_pronouns)     ? 1
         : tok_in(g, t, vc_seg_female_pronouns) ? -1
                                                : 0;
}

/* The gender the text gives person p: +1 male, -1 female, 0 unknown or mixed. */
static int sex_of(const vc_seg *g, int p) {
  if (p < 0)
    return 0;
  const vc_person *q = &g->people[p];
  return q->he > q->she * 2 ? 1 : q->she > q->he * 2 ? -1 : 0;
}

typedef struct sentence_walk {
  int subject; /* the first person named in the sentence, outside quotations, or -1 */
  int last;    /* the subject of the last sentence that ended before `before` */
  size_t before;
  int count; /* count pronouns into the subjects' he/she */
} sentence_walk;

/* Walks paragraph `para` sentence by sentence outside quotation marks: the first person
 * each sentence names is its subject; its pronouns (he, her...) are the subject's. */
static vc_status walk_sentences(vc_seg *g, size_t para, sentence_walk *w) {
  const vc_para *p = &g->paras[para];
  vc_tok *t = NULL;
  size_t n = 0, cap = 0;
  vc_status st = vc_seg_tokens(g->src, p->body, p->end, &t, &n, &cap);
  int inside = 0;
  w->subject = -1;
  for (size_t i = 0; st == VC_OK && i < n; i++) {
    size_t from = i > 0 ? t[i - 1].e : p->body, k;
    int ends = i == 0;
    for (size_t j = from; j < t[i].s; j++) {
      if (g->src[j] == '"')
        inside = !inside;
      else if (vc_seg_is_open_quote(g->src, t[i].s, j, &k))
        inside = 1;
      else if (vc_seg_is_close_quote(g->src, t[i].s, j, &k))
        inside = 0;
      else if (!inside && strchr(".?!", g->src[j]) && g->src[j])
        ends = 1;
    }
    if (ends) {
      if (w->subject >= 0 && from <= w->before)
        w->last = w->subject;
      w->subject = -1;
    }
    if (inside)
      continue;
    int m = vc_seg_person_at(g, t[i].s, NULL);
    if (m >= 0 && w->subject < 0)
      w->subject = m;
    int sex = pronoun_sex(g, &t[i]);
    if (w->count && sex && w->subject >= 0)
      *(sex > 0 ? &g->people[w->subject].he : &g->people[w->subject].she) += 1;
  }
  if (w->subject >= 0 && p->end <= w->before)
    w->last = w->subject;
  free(t);
  return st;
}

static void read_genders(vc_seg *g) {
  g->genders_read = 1;
  sentence_walk w = {-1, -1, 0, 1};
  for (size_t i = 0; i < g->n_paras; i++)
    if (g->paras[i].drop == VC_DROP_NONE && walk_sentences(g, i, &w) != VC_OK)
      return;
}

/* Evidence: "he said" / "she said" goes to the person last named (`fallback`) unless the
 * text gives that person the other gender, or none while the subject of the last
 * sentence before the quotation (in its paragraph or the one before) has the pronoun's
 * gender ("Jane Doe called Joe's plan sad during her briefing. “...,” she said"): then to
 * that subject. */
int vc_seg_pronoun_person(vc_seg *g, size_t ps, size_t pe, size_t before, int fallback) {
  vc_tok t = {ps, pe, 0, 0, 0, 0};
  int sex = pronoun_sex(g, &t);
  if (!sex || g->n_paras == 0)
    return fallback;
  if (!g->genders_read)
    read_genders(g);
  if (fallback >= 0 && sex_of(g, fallback) == sex)
    return fallback;
  size_t para = 0;
  while (para + 1 < g->n_paras && g->paras[para + 1].start <= before)
    para++;
  sentence_walk w = {-1, -1, before, 0};
  for (size_t i = para > 0 ? para - 1 : para; i <= para; i++)
    if (g->paras[i].drop == VC_DROP_NONE && walk_sentences(g, i, &w) != VC_OK)
      return fallback;
  if (w.last >= 0 && sex_of(g, w.last) == sex)
    return w.last;
  return fallback;
}

/* ---- askers called on by name ---- */

/* Is speaker k an asker from the floor that nobody names: "Q", "QUESTION", "Reporter"
 * (generic_askers), or the "Interviewer" no label stands for? A host or an interviewer
 * a label names is one person, never renamed. */
static int generic_asker(const vc_seg *g, size_t k) {
  const char *n = g->speakers[k].name;
  if (vc_seg_in_list(n, strlen(n), vc_seg_generic_askers))
    return 1;
  if (strcmp(n, "Interviewer") != 0)
    return 0;
  for (size_t li = 0; li < g->n_labels; li++) {
    const vc_label *l = &g->labels[li];
    if (l->valid && l->speaker == k &&
        !vc_seg_in_list(l->key, strlen(l->key), vc_seg_generic_askers))
      return 0; /* "INTERVIEWER:", "HOST:" */
  }
  return 1;
}

/* The one or two name words of t[i..i+2) that end at t[n-1]; 0 if none. */
static size_t called_name_len(vc_seg *g, const vc_tok *t, size_t n, size_t i,
                              int vocative) {
  size_t r = name_len(g, t, n, i);
  if (r == 0 || r > 2 || i + r != n)
    return 0;
  for (size_t k = i; k < n; k++)
    if (tok_in(g, &t[k], vc_seg_calling_words))
      return 0;
  /* a common word is a name only where a comma sets it apart ("With that, Matt.") */
  if (!vocative && r == 1 && vc_seg_common_word(g, g->src + t[i].s, t[i].e - t[i].s))
    return 0;
  return r;
}

/* Does the full stop before src[s] end a title ("Mr. Jones") rather than a sentence? */
static int after_title(const vc_seg *g, size_t lo, size_t s) {
  size_t e = s;
  while (e > lo && (g->src[e - 1] == ' ' || g->src[e - 1] == '.'))
    e--;
  size_t b = e;
  while (b > lo && vc_seg_is_letter((unsigned char)g->src[b - 1]))
    b--;
  return b < e && (vc_seg_in_list(g->src + b, e - b, vc_seg_honorifics) ||
                   vc_seg_in_list(g->src + b, e - b, vc_seg_attribution_titles));
}

/* Evidence: the last sentence of an answer calls on the next asker by name ("Lita." on a
 * line of its own, "With that, Matt.", "Yes, Jane Doe.", "Go ahead, Jane."): words of
 * calling_words, then one or two name words, then a full stop. *ns, *ne: the name. */
static int called_at_end(vc_seg *g, const vc_para *p, size_t *ns, size_t *ne) {
  size_t e = p->end;
  while (e > p->body && (g->src[e - 1] == ' ' || g->src[e - 1] == '\t'))
    e--;
  if (e <= p->body || (g->src[e - 1] != '.' && g->src[e - 1] != '?'))
    return 0;
  size_t s = e - 1;
  while (s > p->body &&
         !(strchr(".?!", g->src[s - 1]) && g->src[s - 1] && g->src[s] == ' '))
    s--;
  vc_tok *t = NULL;
  size_t n = 0, cap = 0;
  int ok = 0;
  if (vc_seg_tokens(g->src, s, e, &t, &n, &cap) == VC_OK && n > 0 && n <= 5) {
    size_t i = 0;
    while (i < n && tok_in(g, &t[i], vc_seg_calling_words))
      i++;
    int vocative = i > 0 && only_marks(g, t[i - 1].e, t[i].s, ",") == 1;
    size_t r = i < n ? called_name_len(g, t, n, i, vocative) : 0;
    /* "Lita." as the whole line, or as the last sentence ("... to questions. Jim.") */
    if (r > 0 && (i > 0 || (n == r && (s == p->body || !after_title(g, p->body, s))))) {
      *ns = t[i].s;
      *ne = t[n - 1].e;
      ok = 1;
    }
  }
  free(t);
  return ok;
}

/* Evidence: an answer that opens by addressing someone ("Matt, your questions ..."): the
 * name, when it is the one `asker` was called by. */
static int addressed_at_start(const vc_seg *g, const vc_para *p, const char *asker) {
  size_t n = strlen(asker);
  return n > 0 && p->end - p->body > n + 1 && memcmp(g->src + p->body, asker, n) == 0 &&
         g->src[p->body + n] == ',';
}

/* Renames the asker of paragraph j's turn (j and the unlabelled paragraphs of the same
 * speaker after it) to speaker k. */
static void rename_turn(vc_seg *g, size_t j, size_t k) {
  size_t was = g->paras[j].speaker;
  for (size_t i = j; i < g->n_paras; i++) {
    vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE)
      continue;
    if ((i > j && p->label >= 0) || p->role != VC_ROLE_INTERVIEWER || p->speaker != was)
      break;
    p->speaker = k;
  }
}

/* Does src[s..e) hold a phrase of `list` at a word start? */
static int holds_phrase(const vc_seg *g, size_t s, size_t e, const char *const *list) {
  for (size_t i = s; i < e; i++) {
    if (!vc_seg_starts_word(g->src, g->len, i))
      continue;
    for (size_t k = 0; list[k]; k++) {
      size_t m = strlen(list[k]);
      if (i + m <= e && vc_seg_prefix_ci(g->src + i, e - i, list[k]) &&
          (i + m == e || !vc_seg_is_letter((unsigned char)g->src[i + m])))
        return 1;
    }
  }
  return 0;
}

/* Evidence: the lines before the Q&A part call it a briefing or a press conference
 * (briefing_words): the askers nobody names are reporters ("Reporter", not
 * "Interviewer"). */
static void briefing_askers(vc_seg *g) {
  int briefing = 0;
  for (size_t i = 0; i < g->qa_start && i < g->n_paras && !briefing; i++)
    briefing = g->paras[i].label < 0 &&
               holds_phrase(g, g->paras[i].body, g->paras[i].end, vc_seg_briefing_words);
  for (size_t k = 1; briefing && k < g->n_speakers; k++) {
    vc_spk *sp = &g->speakers[k];
    if (sp->role == VC_ROLE_INTERVIEWER && strcmp(sp->name, "Interviewer") == 0) {
      snprintf(sp->name, sizeof sp->name, "%s", "Reporter");
      snprintf(sp->name_why, sizeof sp->name_why, "%s",
               "a briefing: the askers nobody names are reporters");
    }
  }
}

/* Askers named when the one answering calls on them: in the Q&A part, a turn of a generic
 * asker ("Q", "QUESTION:") right after another speaker's turn that ends by calling a name
 * ("Lita.", "With that, Matt.") is that person's; so is the next one when the answer opens
 * by addressing them ("Matt, your questions ..."). A first name becomes the full name the
 * text writes. */
vc_status vc_seg_called_askers(vc_seg *g) {
  char called[VC_SEG_NAME_MAX] = "";
  size_t prev = g->n_paras;
  for (size_t i = g->qa_start; i < g->n_paras; i++) {
    vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE)
      continue;
    const vc_para *b = prev < g->n_paras ? &g->paras[prev] : NULL;
    int starts = p->role == VC_ROLE_INTERVIEWER && b && b->speaker != p->speaker &&
                 (b->role == VC_ROLE_INTERVIEWEE || b->role == VC_ROLE_INTERVIEWER) &&
                 generic_asker(g, p->speaker);
    if (starts) {
      const vc_para *a = &g->paras[prev];
      size_t ns = a->body, ne = a->body;
      char name[VC_SEG_NAME_MAX];
      name[0] = 0;
      if (called_at_end(g, a, &ns, &ne)) {
        int full = vc_seg_first_name(g, ns, ne, ns);
        if (full >= 0)
          snprintf(name, sizeof name, "%s", g->people[full].name);
        else
          vc_seg_copy_name(g->src + ns, ne - ns, name, sizeof name);
        vc_seg_copy_name(g->src + ns, ne - ns, called, sizeof called);
      } else if (addressed_at_start(g, a, called)) {
        size_t len = strlen(called);
        int full = vc_seg_first_name(g, a->body, a->body + len, a->body);
        snprintf(name, sizeof name, "%s", full >= 0 ? g->people[full].name : called);
      } else {
        called[0] = 0;
      }
      if (name[0]) {
        size_t k;
        vc_status st = vc_seg_add_speaker(g, name, strlen(name), VC_ROLE_INTERVIEWER, &k);
        if (st == VC_ERR_LIMIT) { /* as many speakers as allowed: the rest stay generic */
          g->over = NULL;
          break;
        }
        if (st != VC_OK)
          return st;
        vc_seg_name_why(g, k, ns, "called on by name by the one answering");
        rename_turn(g, i, k);
      }
    }
    prev = i;
  }
  briefing_askers(g);
  return VC_OK;
}

/* Is the capitalised word at src[e] (after spaces) one that names an organisation when it
 * follows a name ("Acme Labs Inc.", "the Acme Foundation": org_words)? */
static int org_word_after(const vc_seg *g, size_t e) {
  while (e < g->len && g->src[e] == ' ')
    e++;
  size_t b = e;
  while (e < g->len && vc_seg_is_letter((unsigned char)g->src[e]))
    e++;
  return b < e && g->src[b] >= 'A' && g->src[b] <= 'Z' &&
         vc_seg_in_list(g->src + b, e - b, vc_seg_org_words);
}

/* Evidence that a capitalised name is a thing's, not a person's: the text writes it after
 * a word that goes before things (thing_cues: "in Acme Core", "the Acme Group", "using
 * Acme Tools", "at Acme"), or before a word naming an organisation (org_words: "Acme
 * Inc.", "Acme Foundation"), and never as a person (is_person). Initials ("AC:") do not
 * stand for it, and it is no guessed speaker. */
int vc_seg_thing_name(const vc_seg *g, const vc_person *p) {
  if (p->is_person || p->len == 0)
    return 0;
  const char *s = g->src, *end = g->src + g->len;
  while (s + p->len <= end) {
    const char *hit = memchr(s, p->name[0], (size_t)(end - s - p->len + 1));
    if (!hit)
      break;
    if (memcmp(hit, p->name, p->len) != 0) {
      s = hit + 1;
      continue;
    }
    size_t e = (size_t)(hit - g->src);
    if (org_word_after(g, e + p->len))
      return 1;
    while (e > 0 && g->src[e - 1] == ' ')
      e--;
    size_t b = e;
    while (b > 0 && vc_seg_is_letter((unsigned char)g->src[b - 1]))
      b--;
    if (b < e && e < (size_t)(hit - g->src) &&
        vc_seg_in_list(g->src + b, e - b, vc_seg_thing_cues))
      return 1;
    s = hit + 1;
  }
  return 0;
}

/* Evidence for the name of an interviewer nobody names: the introduction (the lines
 * before the Q&A part) speaks of "the X team" and its writer says "our" or "we" there
 * ("posed to the Acme team by Jane Doe, one of our developers"): the writer asks for X,
 * the outlet, as unnamed interviewers are called by their outlet. */
int vc_seg_team_name(const vc_seg *g, char *out, size_t cap) {
  int ours = 0, found = 0;
  vc_tok *t = NULL;
  size_t n = 0, tcap = 0;
  for (size_t pi = 0; pi < g->qa_start && pi < g->n_paras; pi++) {
    const vc_para *p = &g->paras[pi];
    if (p->drop != VC_DROP_NONE || p->label >= 0 ||
        vc_seg_tokens(g->src, p->body, p->end, &t, &n, &tcap) != VC_OK)
      continue;
    for (size_t i = 0; i < n; i++) {
      const char *w = g->src + t[i].s;
      size_t wn = t[i].e - t[i].s;
      ours |= vc_seg_word_eq(w, wn, "our") || vc_seg_word_eq(w, wn, "we");
      char c = i + 1 < n ? g->src[t[i + 1].s] : 0;
      if (!found && i + 2 < n && vc_seg_word_eq(w, wn, "the") && t[i + 1].tight &&
          t[i + 2].tight && (t[i + 1].cap || (c >= '0' && c <= '9')) && /* "Acme", "18X" */
          vc_seg_word_eq(g->src + t[i + 2].s, t[i + 2].e - t[i + 2].s, "team")) {
        vc_seg_copy_name(g->src + t[i + 1].s, t[i + 1].e - t[i + 1].s, out, cap);
        found = 1;
      }
    }
  }
  free(t);
  return found && ours;
}
