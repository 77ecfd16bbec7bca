/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Golden-file tests of the cue builder and the four writers, on hand-made timelines. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>

#include "caps_fixture.h"

/* The sync map parses, has one entry per cue and per turn, and times with 3 decimals. */
static void check_syncmap(const char *text, const fx *f) {
  json_error_t err;
  json_t *root = json_loads(text, 0, &err);
  assert_non_null(root);
  assert_int_equal(json_array_size(json_object_get(root, "cues")), f->cues->n);
  assert_int_equal(json_array_size(json_object_get(root, "turns")), f->script.n_turns);
  assert_int_equal(json_array_size(json_object_get(root, "speakers")),
                   f->script.n_speakers);
  json_t *c0 = json_array_get(json_object_get(root, "cues"), 0);
  assert_int_equal(llround(json_real_value(json_object_get(c0, "start")) * 1000),
                   f->cues->cues[0].start_ms);
  json_decref(root);
  const char *p = strstr(text, "\"duration\": ");
  assert_non_null(p);
  p = strchr(p, '.');
  assert_true(p && p[1] >= '0' && p[3] <= '9' && p[4] == ',');
}

static const char *const names[] = {"Narrator", "Riz Ahmed", "The Interviewer"};
static const vc_role roles[] = {VC_ROLE_NARRATOR, VC_ROLE_INTERVIEWEE, VC_ROLE_INTERVIEWER};

static const fx_turn basic_turns[] = {
    {0, "Riz Ahmed plays a drummer who loses his hearing in \"Sound of Metal.\""},
    {2, "How did it feel when you first saw the film with an audience?"},
    {1, "Man, I'm so excited, dude."},
    {2, "Right, right."},
    {1, "It was overwhelming. We shot it in 2019, over 28 days, and Darius Marder "
        "wanted every sound to be real.\nI learned to drum for seven months."},
};

/* Hard line-breaking cases: a long name, numbers, a very long sentence without clause
 * punctuation, a turn of two words, names that must stay together. */
static const char *const hard_names[] = {
    "Narrator", "Professor Maximiliana Featherstonehaugh-Cholmondeley", "Bo"};
static const vc_role hard_roles[] = {VC_ROLE_NARRATOR, VC_ROLE_INTERVIEWEE,
                                     VC_ROLE_INTERVIEWER};
static const fx_turn hard_turns[] = {
    {2, "Yes."},
    {1, "The thing that I keep coming back to when people ask me about the way the "
        "film was made is that nobody on the set ever really knew what the next day "
        "would bring because the schedule kept changing as we went along."},
    {2, "Olivia Cooke and Paul Raci were there too?"},
    {1, "They were, and it cost $5,400,000.00 in total; 1,234 extras, 3.5 weeks."},
    {1, "Incomprehensibilities-notwithstanding-supercalifragilisticexpialidocious "
        "words exist."},
};

/* Text the article controls: markup of every caption format, entities, a timing line, a
 * speaker whose name has a comma and an ampersand. */
static const char *const untrusted_names[] = {"Narrator", "Smith, Jones & Co <Ltd>",
                                              "Q&A Desk"};
static const fx_turn untrusted_turns[] = {
    {1, "Say {\\an8} then {\\b1}bold{\\b0} and <b>tag</b> <script>x</script>."},
    {2, "Does --> or &amp; or \\N or \\h or a \\ survive? {braces}"},
    {1, "00:00:01,000 --> 00:00:02,000\n2\n00:00:03,000 --> 00:00:04,000"},
};

static void run_case(const char *stem, const char *const *nm, const vc_role *rl, size_t nn,
                     const fx_turn *turns, size_t nt, unsigned flags) {
  fx f;
  fx_build(&f, nm, rl, nn, turns, nt);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  fx_stats s = fx_check(&f);
  assert_int_equal(s.violations, 0);
  assert_int_equal(s.fast, 0);
  assert_int_equal(s.short_other, 0);
  assert_int_equal(s.bad_ends, 0);
  vc_doc d = fx_doc(&f, flags);
  static const struct {
    const char *ext;
    vc_status (*fn)(FILE *, const vc_doc *);
  } w[] = {{"srt", vc_write_srt},
           {"vtt", vc_write_vtt},
           {"ass", vc_write_ass},
           {"json", vc_write_syncmap},
           {"txt", vc_write_transcript}};
  for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
    vc_status st = VC_ERR_IO;
    char *out = fx_write(w[i].fn, &d, &st);
    assert_int_equal(st, VC_OK);
    assert_non_null(out);
    char name[256];
    snprintf(name, sizeof name, "%s.%s", stem, w[i].ext);
    assert_true(fx_golden(name, out));
    if (strcmp(w[i].ext, "json") == 0)
      check_syncmap(out, &f);
    free(out);
  }
  fx_free(&f);
}

static void test_basic(void **state) {
  (void)state;
  run_case("basic", names, roles, 3, basic_turns, sizeof basic_turns / sizeof *basic_turns,
           0);
}

static void test_hard(void **state) {
  (void)state;
  run_case("hard", hard_names, hard_roles, 3, hard_turns,
           sizeof hard_turns / sizeof *hard_turns, 0);
}

static void test_untrusted(void **state) {
  (void)state;
  run_case("untrusted", untrusted_names, roles, 3, untrusted_turns,
           sizeof untrusted_turns / sizeof *untrusted_turns, 0);
}

static void test_karaoke(void **state) {
  (void)state;
  run_case("karaoke", names, roles, 3, basic_turns,
           sizeof basic_turns / sizeof *basic_turns, VC_DOC_KARAOKE);
}

/* The first cue of a turn starts with the label, in capitals. */
static void test_label(void **state) {
  (void)state;
  fx f;
  fx_build(&f, names, roles, 3, basic_turns, 5);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  const vc_cue *q = &f.cues->cues[0];
  for (size_t k = 0; k < f.cues->n; k++)
    if (f.cues->cues[k].turn == 2 && f.cues->cues[k].first_of_turn)
      q = &f.cues->cues[k];
  assert_int_equal(q->turn, 2);
  assert_string_equal(q->lines[0], "RIZ AHMED: Man, I'm so excited, dude.");
  assert_int_equal(q->n_lines, 1);
  assert_int_equal(q->label_chars, strlen("RIZ AHMED: "));
  fx_free(&f);
}

/* A speaker without a name (or only white space) gets no label; a long name is cut to
 * its last words so the label leaves room for text. */
static void test_label_edges(void **state) {
  (void)state;
  static const char *const nm[] = {"Narrator", " \t ",
                                   "Dame Alexandra Wilhelmina of Somewhere Far"};
  static const fx_turn t[] = {{1, "Hello there."}, {2, "Yes."}};
  fx f;
  fx_build(&f, nm, roles, 3, t, 2);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  assert_int_equal(f.cues->n, 2);
  assert_string_equal(f.cues->cues[0].lines[0], "Hello there.");
  assert_int_equal(f.cues->cues[0].first_of_turn, 0);
  assert_string_equal(f.cues->cues[1].lines[0], "WILHELMINA OF SOMEWHERE FAR: Yes.");
  assert_int_equal(f.cues->cues[1].label_len, strlen("WILHELMINA OF SOMEWHERE FAR: "));
  fx_free(&f);
}

/* A word outside its turn's text is refused. */
static void test_bad_word(void **state) {
  (void)state;
  fx f;
  fx_build(&f, names, roles, 3, basic_turns, 5);
  f.tl.words[0].end_byte = 10000;
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_ERR_ARG);
  assert_null(f.cues);
  fx_free(&f);
}

/* Every word of data/caption-words.tsv is found with its class in the table the build
 * makes of it (which must be sorted as the lookup needs), in any case and with a
 * typographic apostrophe; other words and a word with punctuation after it are not. */
static void test_word_list(void **state) {
  (void)state;
  static const char *const classes[] = {
      "", "article", "preposition", "conjunction", "pronoun", "auxiliary", "determiner"};
  FILE *f = fopen(VC_SOURCE_DIR "/data/caption-words.tsv", "r");
  assert_non_null(f);
  char line[128];
  size_t n = 0;
  while (fgets(line, sizeof line, f)) {
    char *tab = strchr(line, '\t');
    if (line[0] == '#' || !tab)
      continue;
    *tab = '\0';
    char *w = tab + 1;
    w[strcspn(w, "\r\n")] = '\0';
    vc_wclass c = vc_word_class(w, strlen(w));
    assert_true(c > VC_WC_NONE && c <= VC_WC_DETERMINER);
    assert_string_equal(classes[c], line);
    char up[64];
    snprintf(up, sizeof up, "%s", w);
    up[0] = (char)(up[0] - 'a' + 'A');
    assert_int_equal(vc_word_class(up, strlen(up)), c);
    n++;
  }
  fclose(f);
  assert_true(n > 100);
  assert_int_equal(vc_word_class("I\xE2\x80\x99m", 5), VC_WC_PRONOUN);
  assert_int_equal(vc_word_class("the,", 4), VC_WC_NONE);
  assert_int_equal(vc_word_class("drummer", 7), VC_WC_NONE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_word_list),   cmocka_unit_test(test_basic),
      cmocka_unit_test(test_hard),        cmocka_unit_test(test_untrusted),
      cmocka_unit_test(test_karaoke),     cmocka_unit_test(test_label),
      cmocka_unit_test(test_label_edges), cmocka_unit_test(test_bad_word),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
