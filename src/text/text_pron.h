/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pronunciation table (data/pronunciations.tsv) as the word rules and the sentence-end
 * test read it. */
#ifndef VC_TEXT_PRON_H
#define VC_TEXT_PRON_H

#include <stddef.h>

#include "text.h"
#include "text_lex.h"

enum { VC_RULE_SAY, VC_RULE_ABBR, VC_RULE_ACRONYM };

/* One entry of data/pronunciations.tsv. */
typedef struct vc_rule {
  int kind;
  int before_number; /* applies only when the next word starts with a digit */
  int title;         /* an abbreviation before a name: never ends a sentence */
  char *say;         /* NULL: say the word as written */
} vc_rule;

/* The entry for word `w[0..len)`, or NULL (also when `r` is NULL). */
const vc_rule *vc_rules_find(const vc_speak_rules *r, const char *w, size_t len);
/* The hunspell dictionary, or NULL. */
const vc_dict *vc_rules_dict(const vc_speak_rules *r);

#endif
