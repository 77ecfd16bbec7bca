/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Speakable text for espeak-ng: typography, censored words, abbreviations, acronyms,
 * numbers and the data-table pronunciations, with a byte map back to the display. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"
#include "text_buf.h"
#include "text_lex.h"
#include "text_pron.h"

#define VC_RULES_MAX 100000

struct vc_speak_rules {
  vc_strset index; /* match -> 1 + index into rules */
  vc_rule *rules;
  size_t n_rules, cap_rules;
  vc_dict *dict; /* NULL when no hunspell dictionary is installed */
};

/* ---- loading ------------------------------------------------------------------------- */

static const struct {
  const char *name;
  int kind;
} vc_rule_kinds[] = {
    {"say", VC_RULE_SAY},
    {"abbr", VC_RULE_ABBR},
    {"acronym", VC_RULE_ACRONYM},
};

static int rule_kind(const char *name) {
  for (size_t i = 0; i < sizeof vc_rule_kinds / sizeof vc_rule_kinds[0]; i++)
    if (strcmp(vc_rule_kinds[i].name, name) == 0)
      return vc_rule_kinds[i].kind;
  return -1;
}

static vc_status rules_push(vc_speak_rules *r, vc_rule rule) {
  if (r->n_rules == r->cap_rules) {
    size_t cap = r->cap_rules ? r->cap_rules * 2 : 64;
    vc_rule *nr;
    if (cap > VC_RULES_MAX)
      return VC_ERR_LIMIT;
    nr = realloc(r->rules, cap * sizeof *nr);
    if (!nr)
      return VC_ERR_NOMEM;
    r->rules = nr;
    r->cap_rules = cap;
  }
  r->rules[r->n_rules++] = rule;
  return VC_OK;
}

typedef struct vc_rules_load {
  vc_speak_rules *r;
  vc_diag *diag;
} vc_rules_load;

static vc_status rules_line(void *user, char **f, size_t n, size_t line_no) {
  vc_rules_load *ld = user;
  vc_rule rule = {rule_kind(f[0]), n > 3 && strcmp(f[3], "number") == 0,
                  n > 4 && strcmp(f[4], "title") == 0, NULL};
  int *slot;
  vc_status st;
  if (rule.kind < 0 || n < 2 || f[1][0] == '\0' ||
      (n > 3 && f[3][0] && !rule.before_number) || (n > 4 && f[4][0] && !rule.title)) {
    if (ld->diag)
      snprintf(ld->diag->msg, sizeof ld->diag->msg, "pronunciations.tsv:%zu: bad entry",
               line_no);
    return VC_ERR_CONFIG;
  }
  if (n > 2 && f[2][0] != '\0') {
    rule.say = strdup(f[2]);
    if (!rule.say)
      return VC_ERR_NOMEM;
  }
  st = vc_strset_add(&ld->r->index, f[1], strlen(f[1]), &slot);
  if (st == VC_OK)
    st = rules_push(ld->r, rule);
  if (st != VC_OK) {
    free(rule.say);
    return st;
  }
  *slot = (int)ld->r->n_rules; /* a later line for the same word wins */
  return VC_OK;
}

vc_status vc_speak_rules_load(const char *data_dir, vc_speak_rules **out, vc_diag *diag) {
  return vc_speak_rules_load_dict(data_dir, NULL, out, diag);
}

vc_status vc_speak_rules_load_dict(const char *data_dir, vc_dict *dict,
                                   vc_speak_rules **out, vc_diag *diag) {
  vc_speak_rules *r;
  vc_rules_load ld;
  vc_status st;
  if (!out)
    return VC_ERR_ARG;
  *out = NULL;
  r = calloc(1, sizeof *r);
  if (!r)
    return VC_ERR_NOMEM;
  vc_strset_init(&r->index);
  ld.r = r;
  ld.diag = diag;
  st = vc_tsv_read(data_dir, "pronunciations.tsv", rules_line, &ld, diag);
  if (st == VC_OK && dict)
    r->dict = vc_dict_share(dict);
  else if (st == VC_OK)
    st = vc_dict_open(&r->dict);
  if (st != VC_OK) {
    vc_speak_rules_free(r);
    return st;
  }
  *out = r;
  return VC_OK;
}

void vc_speak_rules_free(vc_speak_rules *r) {
  if (!r)
    return;
  for (size_t i = 0; i < r->n_rules; i++)
    free(r->rules[i].say);
  free(r->rules);
  vc_strset_release(&r->index);
  vc_dict_close(r->dict);
  free(r);
}

const vc_rule *vc_rules_find(const vc_speak_rules *r, const char *w, size_t len) {
  int *v = r ? vc_strset_find(&r->index, w, len) : NULL;
  return v ? &r->rules[*v - 1] : NULL;
}

const vc_dict *vc_rules_dict(const vc_speak_rules *r) {
  return r ? r->dict : NULL;
}

/* ---- sentence ends -------------------------------------------------------------------
 * The one judgement of where sentences end (the timeline marks its words with it, and
 * the caption planner breaks cues there). A word ending in ? or !, before any closing
 * quotes and brackets, ends a sentence. One ending in . or an ellipsis does too, unless
 * the text goes on in lower case or with a digit ("U.S. yet", "No. 5", "wait... what"). A
 * full stop after an abbreviation of data/pronunciations.tsv marked `title`, or after a
 * single capital (an initial), never ends one ("Mr. Smith", "Jay L. Smith"). */

/* Characters that may close a sentence after its . ? ! (quotes and brackets). */
static const utf8proc_int32_t vc_closers[] = {'"',    '\'',   ')',    ']',    '}',
                                              0x2019, 0x201D, 0x00BB, 0x203A, '*'};

static int is_closer(utf8proc_int32_t c) {
  for (size_t i = 0; i < sizeof vc_closers / sizeof vc_closers[0]; i++)
    if (vc_closers[i] == c)
      return 1;
  return 0;
}

/* The code point ending at s[end) (s valid UTF-8, end > begin); *start gets its first
 * byte. */
static utf8proc_int32_t char_before(const char *s, size_t begin, size_t end,
                                    size_t *start) {
  size_t i = end;
  utf8proc_int32_t c = -1;
  while (i > begin && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
    i--;
  if (i > begin)
    i--;
  *start = i;
  utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(end - i), &c);
  return c;
}

int vc_is_break_space(int32_t c) {
  if (c == 0x00A0 || c == 0x2007 || c == 0x202F)
    return 0; /* no-break spaces */
  if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
    return 1;
  utf8proc_category_t cat = utf8proc_category(c);
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
         cat == UTF8PROC_CATEGORY_ZP;
}

/* How the text after `i` goes on: 'a' when its first letter or digit (white space,
 * quotes, brackets and dashes skipped) is lower case or a digit, 'A' when it is a capital
 * or another letter, 0 when the text ends first. */
static char next_letter(const char *s, size_t len, size_t i) {
  while (i < len) {
    utf8proc_int32_t c = -1;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
    i += k > 0 ? (size_t)k : 1;
    utf8proc_category_t cat = c < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(c);
    if (cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_ND)
      return 'a';
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
      return 'A';
  }
  return 0;
}

/* The table entry for the abbreviation w[0..n) (final "." included), as written, else
 * capitalised, else in lower case ("MR." and "Etc." as "Mr." and "etc."). */
static const vc_rule *find_abbreviation(const vc_speak_rules *r, const char *w, size_t n) {
  char buf[32];
  const vc_rule *rule = vc_rules_find(r, w, n);
  if (rule || n >= sizeof buf)
    return rule;
  for (int pass = 0; pass < 2 && !rule; pass++) {
    for (size_t i = 0; i < n; i++) {
      char c = w[i];
      int upper = pass == 0 && i == 0;
      buf[i] = (char)(upper && c >= 'a' && c <= 'z'    ? c - 'a' + 'A'
                      : !upper && c >= 'A' && c <= 'Z' ? c - 'A' + 'a'
                                                       : c);
    }
    rule = vc_rules_find(r, buf, n);
  }
  return rule;
}

/* Judges a word s[word_start..dot] ending in "." at `dot`: 1 when it ends a sentence
 * (the text after it does not go on in lower case). */
static int dot_ends_sentence(const vc_speak_rules *r, const char *s, size_t word_start,
                             size_t dot) {
  size_t cs, ce;
  vc_word_core(s, word_start, dot + 1, &cs, &ce);
  const vc_rule *rule = cs <= dot ? find_abbreviation(r, s + cs, dot + 1 - cs) : NULL;
  if (rule)
    return !rule->title;
  return !(dot == cs + 1 && s[cs] >= 'A' && s[cs] <= 'Z'); /* an initial: "Jay L. Smith" */
}

int vc_sentence_end(const vc_speak_rules *r, const char *s, size_t len, size_t word_end) {
  size_t start = word_end, end = word_end, at;
  if (!s || word_end == 0 || word_end > len)
    return 0;
  while (start > 0 && !vc_is_break_space(char_before(s, 0, start, &at)))
    start = at;
  utf8proc_int32_t c = -1;
  while (end > start && is_closer(c = char_before(s, start, end, &at)))
    end = at;
  if (end == start || (c != '.' && c != '?' && c != '!' && c != 0x2026))
    return 0;
  if (c == '?' || c == '!')
    return 1;
  if (next_letter(s, len, word_end) == 'a')
    return 0; /* "No. 5", "U.S. yet", "wait... what" go on */
  if (c != '.' || (end - start >= 3 && memcmp(s + end - 3, "...", 3) == 0))
    return 1;
  return dot_ends_sentence(r, s, start, end - 1);
}
