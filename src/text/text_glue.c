/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Glued-word repair for display text: re-inserts the spaces lost when italics were
 * stripped, deciding each split on dictionary and in-document evidence. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"
#include "text_buf.h"
#include "text_lex.h"

#define VC_PROPER 0x100000 /* vocab flag: seen capitalized mid-sentence, or in capitals */
#define VC_COUNT_MASK 0x0fffff
#define VC_TITLE_WORDS_MAX 6
#define VC_PHRASE_MAX 256
#define VC_SEARCH_BUDGET ((size_t)1 << 30) /* caps title searches: no quadratic blow-up */

struct vc_glue_ctx {
  vc_dict *dict;
  vc_strset vocab;       /* letter runs of the document -> count | VC_PROPER */
  vc_strset keep_prefix; /* lower case: "mc", "di", ... */
  vc_strset title_words; /* "of", "the", ... */
  char *doc;             /* the document, for counting title phrases */
  size_t doc_len;
};

/* ---- characters ---------------------------------------------------------------------- */

static int is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
static int is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

/* Byte length of the letter at s[i] (any script), or 0. */
static size_t letter_len(const char *s, size_t len, size_t i) {
  utf8proc_int32_t cp;
  utf8proc_ssize_t n;
  size_t rest = len - i < 4 ? len - i : 4;
  if ((unsigned char)s[i] < 0x80)
    return is_upper(s[i]) || is_lower(s[i]);
  n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)rest, &cp);
  if (n <= 0)
    return 0;
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
    return (size_t)n;
  default:
    return 0;
  }
}

/* End of the run of letters starting at `i`. */
static size_t run_end(const char *s, size_t len, size_t i) {
  size_t n;
  while (i < len && (n = letter_len(s, len, i)) > 0)
    i += n;
  return i;
}

/* 1 at a lower->Upper change before a lower-case letter: "director|Jane". */
static int case_change(const char *s, size_t a, size_t b, size_t k) {
  return k > a && k + 1 < b && is_lower(s[k - 1]) && is_upper(s[k]) && is_lower(s[k + 1]);
}

/* 1 when s[a..b) is an ASCII capital followed by lower-case ASCII letters. */
static int capitalized(const char *s, size_t a, size_t b) {
  if (b - a < 2 || !is_upper(s[a]))
    return 0;
  for (size_t i = a + 1; i < b; i++)
    if (!is_lower(s[i]))
      return 0;
  return 1;
}

static int all_upper(const char *s, size_t a, size_t b) {
  for (size_t i = a; i < b; i++)
    if (!is_upper(s[i]))
      return 0;
  return b > a;
}

/* ---- the document's vocabulary ------------------------------------------------------- */

static int has_case_change(const char *s, size_t a, size_t b) {
  for (size_t k = a + 1; k < b; k++)
    if (case_change(s, a, b, k))
      return 1;
  return 0;
}

/* 1 when the letter run at `a` starts a sentence (or the text). */
static int sentence_initial(const char *s, size_t a) {
  while (a > 0) {
    char c = s[--a];
    if (c == '\n')
      return 1;
    if (c == ' ' || c == '"' || c == '(' || c == '[' || (unsigned char)c >= 0x80)
      continue;
    return c == '.' || c == '!' || c == '?' || c == ':';
  }
  return 1;
}

static vc_status vocab_note(vc_glue_ctx *g, const char *w, size_t n, int proper) {
  int *v;
  vc_status st = vc_strset_add(&g->vocab, w, n, &v);
  if (st != VC_OK)
    return st;
  if ((*v & VC_COUNT_MASK) < VC_COUNT_MASK)
    (*v)++;
  if (proper)
    *v |= VC_PROPER;
  return VC_OK;
}

/* Notes one letter run s[a..b) of the document. */
static vc_status vocab_run(vc_glue_ctx *g, const char *s, size_t a, size_t b) {
  char cap[64];
  vc_status st;
  if (has_case_change(s, a, b))
    return VC_OK; /* a join, not a word */
  st = vocab_note(g, s + a, b - a, capitalized(s, a, b) && !sentence_initial(s, a));
  if (st != VC_OK || b - a < 2 || b - a >= sizeof cap || !all_upper(s, a, b))
    return st;
  cap[0] = s[a];
  for (size_t i = 1; i < b - a; i++)
    cap[i] = (char)(s[a + i] - 'A' + 'a');
  return vocab_note(g, cap, b - a, 1); /* "JANE" is evidence for the name "Jane" */
}

static vc_status vocab_build(vc_glue_ctx *g, const char *doc, size_t len) {
  vc_status st = VC_OK;
  size_t i = 0;
  while (st == VC_OK && i < len) {
    size_t b = run_end(doc, len, i);
    if (b == i) {
      i++;
      continue;
    }
    st = vocab_run(g, doc, i, b);
    i = b;
  }
  return st;
}

static int vocab_count(const vc_glue_ctx *g, const char *w, size_t n) {
  int *v = vc_strset_find(&g->vocab, w, n);
  return v ? *v & VC_COUNT_MASK : 0;
}

/* ---- loading ------------------------------------------------------------------------- */

static vc_status glue_line(void *user, char **f, size_t n, size_t line_no) {
  vc_glue_ctx *g = user;
  vc_strset *set = NULL;
  char low[64];
  size_t k = n > 1 ? strlen(f[1]) : 0;
  (void)line_no;
  if (n > 1 && strcmp(f[0], "keep-prefix") == 0)
    set = &g->keep_prefix;
  else if (n > 1 && strcmp(f[0], "title-word") == 0)
    set = &g->title_words;
  if (!set || k == 0 || k >= sizeof low)
    return VC_ERR_CONFIG;
  for (size_t i = 0; i < k; i++)
    low[i] = is_upper(f[1][i]) ? (char)(f[1][i] - 'A' + 'a') : f[1][i];
  return vc_strset_add(set, low, k, NULL);
}

vc_status vc_glue_ctx_new(const char *doc, size_t len, const char *data_dir,
                          vc_glue_ctx **out, vc_diag *diag) {
  return vc_glue_ctx_new_dict(doc, len, data_dir, NULL, out, diag);
}

vc_status vc_glue_ctx_new_dict(const char *doc, size_t len, const char *data_dir,
                               vc_dict *dict, vc_glue_ctx **out, vc_diag *diag) {
  vc_glue_ctx *g;
  vc_status st;
  if (!out || (!doc && len))
    return VC_ERR_ARG;
  *out = NULL;
  g = calloc(1, sizeof *g);
  if (!g)
    return VC_ERR_NOMEM;
  g->doc = malloc(len + 1);
  st = g->doc ? VC_OK : VC_ERR_NOMEM;
  if (st == VC_OK) {
    memcpy(g->doc, doc, len);
    g->doc[len] = '\0';
    g->doc_len = len;
    st = vc_tsv_read(data_dir, "glue.tsv", glue_line, g, diag);
  }
  if (st == VC_OK && dict)
    g->dict = vc_dict_share(dict);
  else if (st == VC_OK)
    st = vc_dict_open(&g->dict);
  if (st == VC_OK)
    st = vocab_build(g, doc, len);
  if (st != VC_OK) {
    vc_glue_ctx_free(g);
    return st;
  }
  *out = g;
  return VC_OK;
}

void vc_glue_ctx_free(vc_glue_ctx *g) {
  if (!g)
    return;
  vc_dict_close(g->dict);
  vc_strset_release(&g->vocab);
  vc_strset_release(&g->keep_prefix);
  vc_strset_release(&g->title_words);
  free(g->doc);
  free(g);
}

/* ---- evidence ------------------------------------------------------------------------ */

static int in_set_lower(const vc_strset *set, const char *s, size_t a, size_t b) {
  char low[64];
  if (b - a >= sizeof low)
    return 0;
  for (size_t i = a; i < b; i++)
    low[i - a] = is_upper(s[i]) ? (char)(s[i] - 'A' + 'a') : s[i];
  return vc_strset_find(set, low, b - a) != NULL;
}

static int dict_has(const vc_glue_ctx *g, const char *s, size_t a, size_t b) {
  return vc_dict_has(g->dict, s + a, b - a);
}

/* Known as a word: in the dictionary or used in the document. */
static int known(const vc_glue_ctx *g, const char *s, size_t a, size_t b) {
  return dict_has(g, s, a, b) || vocab_count(g, s + a, b - a) > 0;
}

/* Known as a name: a dictionary proper noun, or capitalized mid-sentence (or written in
 * capitals) somewhere in the document. */
static int proper(const vc_glue_ctx *g, const char *s, size_t a, size_t b) {
  int *v = vc_strset_find(&g->vocab, s + a, b - a);
  if (v && (*v & VC_PROPER))
    return 1;
  return dict_has(g, s, a, b) && !vc_dict_has_lower(g->dict, s + a, b - a);
}

/* Decides a case-change join: head s[h..k), tail s[k..t). */
static int split_case(const vc_glue_ctx *g, const char *s, size_t h, size_t k, size_t t) {
  if (in_set_lower(&g->keep_prefix, s, h, k))
    return 0; /* "McDonald", "DiCaprio", "deGrasse" */
  if (is_lower(s[h]))
    return k - h >= 2 && dict_has(g, s, h, k); /* "director|Jane", not "iPhone" */
  return k - h >= 3 && t - k >= 3 && proper(g, s, h, k) && proper(g, s, k, t);
}

/* Marks the case-change joins of letter run s[a..b) to split. */
static void mark_case_joins(const vc_glue_ctx *g, const char *s, size_t a, size_t b,
                            unsigned char *ins) {
  size_t h = a;
  if (!has_case_change(s, a, b) || dict_has(g, s, a, b))
    return; /* "YouTube", "iPhone", "PlayStation" */
  if (is_upper(s[a]) && vocab_count(g, s + a, b - a) >= 2)
    return; /* a name the document uses as one word more than once */
  for (size_t k = a + 1; k < b; k++) {
    size_t t = k + 1;
    if (!case_change(s, a, b, k))
      continue;
    while (t < b && !case_change(s, a, b, t))
      t++;
    if (split_case(g, s, h, k, t))
      ins[k] = 1;
    h = k;
  }
}

/* First occurrence of needle[0..n) in hay[0..len), or NULL (n > 0). */
static const char *find_bytes(const char *hay, size_t len, const char *needle, size_t n) {
  const char *p = hay, *end = hay + len;
  while ((size_t)(end - p) >= n) {
    const char *c = memchr(p, needle[0], (size_t)(end - p) - n + 1);
    if (!c)
      return NULL;
    if (memcmp(c, needle, n) == 0)
      return c;
    p = c + 1;
  }
  return NULL;
}

/* 1 when the phrase s[a..k) occurs in the document followed by something other than
 * the letters s[k..b): the title also ends there, so it can end at `k` here too. */
static int phrase_ends_elsewhere(const vc_glue_ctx *g, const char *s, size_t a, size_t k,
                                 size_t b, size_t *budget) {
  const char *p = g->doc, *end = g->doc + g->doc_len;
  while (k > a) {
    const char *hit = find_bytes(p, (size_t)(end - p), s + a, k - a);
    const char *after;
    size_t cost = (size_t)((hit ? hit + 1 : end) - p);
    *budget = *budget > cost ? *budget - cost : 0;
    if (!hit || *budget == 0)
      return 0;
    after = hit + (k - a);
    if ((size_t)(end - after) < b - k || memcmp(after, s + k, b - k) != 0)
      return 1;
    p = hit + 1;
  }
  return 0;
}

/* Start of the title that ends with the word starting at `a`: the capitalized words
 * (and small title words between them) just before it. Returns `a` when there is none. */
static size_t title_start(const vc_glue_ctx *g, const char *s, size_t a) {
  size_t pos = a, first = a;
  for (int words = 0; words < VC_TITLE_WORDS_MAX && pos > 1 && s[pos - 1] == ' '; words++) {
    size_t we = pos - 1, ws = we, seg;
    while (ws > 0 && (is_upper(s[ws - 1]) || is_lower(s[ws - 1])))
      ws--;
    if (ws == we)
      break;
    seg = ws;
    for (size_t k = ws + 1; k < we; k++)
      if (case_change(s, ws, we, k))
        seg = k;
    if (capitalized(s, seg, we))
      first = seg;
    else if (!in_set_lower(&g->title_words, s, seg, we) || seg != ws)
      break;
    if (seg != ws)
      break; /* "novelGreat": the title starts at the capital */
    pos = ws;
  }
  return first;
}

/* A title's closing join inside capitalized run s[a..b): "Expectationsis" after "Great"
 * -> "Expectations is". Marks the split with the longest known head whose title phrase
 * also occurs in the document without this ending ("Amy Winehouse" stays whole). */
static void mark_title_join(const vc_glue_ctx *g, const char *s, size_t a, size_t b,
                            unsigned char *ins, size_t *budget) {
  size_t first;
  if (a == 0 || s[a - 1] != ' ' || !capitalized(s, a, b) || dict_has(g, s, a, b))
    return;
  first = title_start(g, s, a);
  if (first == a)
    return;
  for (size_t k = b - 2; k >= a + 3; k--) {
    if (!vc_dict_has(g->dict, s + k, b - k) || !known(g, s, a, k))
      continue;
    if (k - first <= VC_PHRASE_MAX && phrase_ends_elsewhere(g, s, first, k, b, budget)) {
      ins[k] = 1;
      return;
    }
  }
}

/* ---- punctuation joins --------------------------------------------------------------- */

static int ascii_letter(char c) {
  return is_upper(c) || is_lower(c);
}

/* Where a space belongs around the punctuation at s[k] ("way,Great", "ended.Jane",
 * "Photo:Name", "”word"), or 0. */
static size_t punct_join(const char *s, size_t len, size_t k) {
  char p = k > 0 ? s[k - 1] : ' ', n = k + 1 < len ? s[k + 1] : ' ';
  char n2 = k + 2 < len ? s[k + 2] : ' ';
  switch (s[k]) {
  case ',':
  case ';':
    return ascii_letter(p) && ascii_letter(n) ? k + 1 : 0;
  case ':':
  case '?':
  case '!':
    return ascii_letter(p) && is_upper(n) ? k + 1 : 0;
  case '.':
    return k >= 2 && is_lower(p) && is_lower(s[k - 2]) && is_upper(n) && is_lower(n2)
               ? k + 1
               : 0;
  case ')':
    return ascii_letter(n) ? k + 1 : 0;
  default:
    break;
  }
  if (len - k >= 4 && memcmp(s + k, "\xe2\x80\x9d", 3) == 0 && ascii_letter(s[k + 3]))
    return k + 3; /* closing double quote */
  if (len - k >= 3 && memcmp(s + k, "\xe2\x80\x9c", 3) == 0 && ascii_letter(p))
    return k; /* opening double quote */
  return 0;
}

/* ---- which texts may hold a join
 * --------------------------------------------------------- */

/* 1 when s[k] starts a capitalised word of at least 5 letters (room for a title word of 3
 * and a glued word of 2) right after a capitalised word, or after a small word that
 * follows one: where a title may end glued to the next word ("Great Expectationsis",
 * "Sound of Metalis"). Small words are ASCII lower case; `g` is not needed to say so. */
static int title_end_candidate(const char *s, size_t len, size_t k) {
  if (k < 2 || s[k - 1] != ' ' || !is_upper(s[k]) || run_end(s, len, k) - k < 5)
    return 0;
  size_t we = k - 1, ws = we;
  while (ws > 0 && (is_upper(s[ws - 1]) || is_lower(s[ws - 1])))
    ws--;
  if (ws == we)
    return 0;
  if (is_upper(s[ws]))
    return 1; /* "Great Expectationsis" */
  if (ws < 2 || s[ws - 1] != ' ')
    return 0;
  size_t pe = ws - 1, ps = pe;
  while (ps > 0 && (is_upper(s[ps - 1]) || is_lower(s[ps - 1])))
    ps--;
  return ps < pe && is_upper(s[ps]); /* "Sound of Metalis" */
}

int vc_glue_suspect(const char *s, size_t len) {
  for (size_t i = 1; i + 1 < len; i++) {
    unsigned char a = (unsigned char)s[i - 1], b = (unsigned char)s[i],
                  c = (unsigned char)s[i + 1];
    if (is_lower((char)a) && is_upper((char)b))
      return 1; /* "filmmakerJane" */
    if (is_lower((char)a) && strchr(",.;:!?)", b) && b && ascii_letter((char)c))
      return 1; /* "way,Then" */
    if (title_end_candidate(s, len, i))
      return 1;
  }
  return 0;
}

/* ---- the repair ---------------------------------------------------------------------- */

static void mark_all(const vc_glue_ctx *g, const char *s, size_t len, unsigned char *ins) {
  size_t i = 0, budget = VC_SEARCH_BUDGET; /* bytes of document searched for titles */
  while (i < len) {
    size_t b = run_end(s, len, i), at;
    if (b == i) {
      at = punct_join(s, len, i);
      if (at > 0)
        ins[at] = 1;
      i++;
      continue;
    }
    if (g) {
      mark_case_joins(g, s, i, b, ins);
      mark_title_join(g, s, i, b, ins, &budget);
    }
    i = b;
  }
}

static vc_status build(const char *s, size_t len, const unsigned char *ins, vc_mbuf *b) {
  vc_status st = VC_OK;
  for (size_t i = 0; st == VC_OK && i < len; i++) {
    if (ins[i] && i > 0 && s[i - 1] != ' ' && s[i] != ' ')
      st = vc_mbuf_put(b, " ", 1, i);
    if (st == VC_OK)
      st = vc_mbuf_copy(b, s + i, 1, i);
  }
  return st;
}

vc_status vc_unglue(const char *s, size_t len, const vc_glue_ctx *ctx, char **out,
                    size_t *out_len, size_t **map) {
  unsigned char *ins;
  vc_mbuf b;
  vc_status st;
  if (!out || !out_len || !map || (!s && len))
    return VC_ERR_ARG;
  *out = NULL;
  *map = NULL;
  *out_len = 0;
  ins = calloc(len + 1, 1);
  if (!ins)
    return VC_ERR_NOMEM;
  mark_all(ctx, s, len, ins);
  vc_mbuf_init(&b);
  st = build(s, len, ins, &b);
  if (st == VC_OK)
    st = vc_mbuf_take(&b, len, out, out_len, map);
  vc_mbuf_release(&b);
  free(ins);
  return st;
}
