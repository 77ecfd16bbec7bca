/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test fixture for the segmenter: segment a text, find a turn by its first words, check its
 * role and speaker. Included by test_segment*.c after <cmocka.h>. */
#ifndef SEG_FIXTURE_H
#define SEG_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voicecap/segment.h"

/* Segments `text`; fails the test unless that succeeds. */
static inline vc_script *seg(const char *text) {
  vc_script *s = NULL;
  vc_status st = vc_segment(text, strlen(text), &s, NULL);
  assert_int_equal(st, VC_OK);
  assert_non_null(s);
  return s;
}

/* The first turn whose text starts with `prefix`; fails the test if none. */
static inline const vc_turn *turn_at(const vc_script *s, const char *prefix) {
  for (size_t i = 0; i < s->n_turns; i++)
    if (strncmp(s->turns[i].text, prefix, strlen(prefix)) == 0)
      return &s->turns[i];
  fail_msg("no turn starts with \"%s\"", prefix);
  return NULL;
}

static inline const char *name_of(const vc_script *s, const vc_turn *t) {
  return s->speakers[t->speaker].name;
}

/* The turn that starts with `prefix` has `role` and is spoken by `name` (any name when
 * `name` is NULL). */
static inline void expect(const vc_script *s, const char *prefix, vc_role role,
                          const char *name) {
  const vc_turn *t = turn_at(s, prefix);
  if (t->role != role || (name && strcmp(name_of(s, t), name) != 0))
    fail_msg("\"%s\": %s / %s, expected %s / %s", prefix, vc_role_name(t->role),
             name_of(s, t), vc_role_name(role), name ? name : "-");
}

/* The first turn whose text holds `words` anywhere has `role` and is spoken by `name`. */
static inline void expect_in(const vc_script *s, const char *words, vc_role role,
                             const char *name) {
  for (size_t i = 0; i < s->n_turns; i++) {
    const vc_turn *t = &s->turns[i];
    if (!strstr(t->text, words))
      continue;
    if (t->role != role || strcmp(name_of(s, t), name) != 0)
      fail_msg("\"%s\": %s / %s, expected %s / %s", words, vc_role_name(t->role),
               name_of(s, t), vc_role_name(role), name);
    return;
  }
  fail_msg("no turn holds \"%s\"", words);
}

#endif
