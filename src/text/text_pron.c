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
  vc_rule rule = {rule_kind(f[0]), n > 3 && strcmp(f[3], "number") == 0, NULL};
  int *slot;
  vc_status st;
  if (rule.kind < 0 || n < 2 || f[1][0] == '\0') {
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
  if (st == VC_OK)
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

/* ---- sentence ends ------------------------------------------------------------------- */

static const char *const vc_closers[] = {
    ")", "]", "}", "\"", "'", "\xe2\x80\x9d", "\xe2\x80\x99", "\xc2\xbb"};

/* Strips closing quotes and brackets from the end of s[from..to). */
static size_t strip_closers(const char *s, size_t from, size_t to) {
  for (int again = 1; again;) {
    again = 0;
    for (size_t k = 0; k < sizeof vc_closers / sizeof *vc_closers; k++) {
      size_t n = strlen(vc_closers[k]);
      if (to - from >= n && memcmp(s + to - n, vc_closers[k], n) == 0) {
        to -= n;
        again = 1;
      }
    }
  }
  return to;
}

/* The first letter or digit after `i`, skipping white space, quotes and brackets; 0 when
 * the text ends first. */
static char next_letter(const char *s, size_t len, size_t i) {
  for (; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      return (char)c;
    if (c >= 0xc0)
      return 'A'; /* a non-ASCII letter: judged as a capital */
  }
  return 0;
}

/* Judges a word ending in "." at `dot`: 1 when it ends a sentence. */
static int dot_ends_sentence(const vc_speak_rules *r, const char *s, size_t len,
                             size_t word_start, size_t dot) {
  size_t cs, ce;
  const vc_rule *rule;
  char next = next_letter(s, len, dot + 1);
  vc_word_core(s, word_start, dot + 1, &cs, &ce);
  if (next == 0)
    return 1;
  if ((next >= 'a' && next <= 'z') || (next >= '0' && next <= '9'))
    return 0; /* "U.S. yet", "No. 5" */
  rule = vc_rules_find(r, s + cs, dot + 1 - cs);
  if (rule && (rule->kind == VC_RULE_ABBR || rule->kind == VC_RULE_SAY))
    return rule->before_number; /* "Mr. Smith"; "No. Then" is a sentence */
  if (dot == cs + 1 && s[cs] >= 'A' && s[cs] <= 'Z')
    return 0; /* a middle initial: "Jay L. Smith" */
  return 1;
}

int vc_sentence_end(const vc_speak_rules *r, const char *s, size_t len, size_t word_end) {
  size_t start = word_end, end;
  if (!s || word_end == 0 || word_end > len)
    return 0;
  while (start > 0 && !strchr(" \t\n\r", s[start - 1]))
    start--;
  end = strip_closers(s, start, word_end);
  if (end == start)
    return 0;
  if (s[end - 1] == '!' || s[end - 1] == '?')
    return 1;
  if ((end - start >= 3 && memcmp(s + end - 3, "\xe2\x80\xa6", 3) == 0) ||
      (end - start >= 3 && memcmp(s + end - 3, "...", 3) == 0)) {
    char next = next_letter(s, len, word_end);
    return next == 0 || (next >= 'A' && next <= 'Z'); /* "wait... what" goes on */
  }
  if (s[end - 1] != '.')
    return 0;
  return dot_ends_sentence(r, s, len, start, end - 1);
}
