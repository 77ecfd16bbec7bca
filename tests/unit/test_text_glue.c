/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for glued-word repair: the joins of seed 002 are split, real compounds and
 * the other seeds are left alone, and the map is right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "voicecap/segment.h"

typedef struct result {
  char *text;
  size_t len, *map;
  size_t inserted; /* spaces added */
} result;

/* Repairs `s` with a context built from `doc` (NULL: no context); checks the map. */
static result unglue_with(const char *doc, const char *s, size_t len) {
  vc_glue_ctx *g = NULL;
  vc_diag d = {{0}};
  result r = {0};
  if (doc)
    assert_int_equal(vc_glue_ctx_new(doc, strlen(doc), VC_SOURCE_DIR "/data", &g, &d),
                     VC_OK);
  assert_int_equal(vc_unglue(s, len, g, &r.text, &r.len, &r.map), VC_OK);
  assert_int_equal(r.map[r.len], len);
  assert_int_equal(r.text[r.len], '\0');
  for (size_t i = 0; i < r.len; i++) {
    assert_true(r.map[i] <= r.map[i + 1]);
    if (r.text[i] != s[r.map[i]]) { /* only inserted spaces differ from their source */
      assert_int_equal(r.text[i], ' ');
      r.inserted++;
    }
  }
  assert_int_equal(r.len, len + r.inserted);
  vc_glue_ctx_free(g);
  return r;
}

static void result_free(result *r) {
  free(r->text);
  free(r->map);
}

static vc_text *seed(const char *name) {
  char path[512];
  vc_text *t = NULL;
  vc_diag d = {{0}};
  snprintf(path, sizeof path, "%s/seeds/%s", VC_SOURCE_DIR, name);
  assert_int_equal(vc_text_load(path, &t, &d), VC_OK);
  return t;
}

static void test_seed_002(void **state) {
  (void)state;
  vc_text *t = seed("002_6eca7a42313b4901.txt");
  result r = unglue_with(t->bytes, t->bytes, t->len);
  const char *want[] = {
      "feature filmmaker Darius Marder",
      "the drama Sound of Metal follows a drummer",
      "(Riz Ahmed) who",
      "Lou (Olivia Cooke), to",
      "part of the Rogue One prequel series",
      "and Sound of Metal pulled that off",
      "I guess Mogul Mowgli is a musical",
      "In a way, Sound of Metal is a musical",
      "and I have Mogul Mowgli, which",
      "theaters reopen. Mogul Mowgli is the closest",
      "the Star Wars universe with Rogue One, and",
      "part of the Star Wars family.",
      "YouTube",
      "in the U.S. yet",
      "post-COVID",
  };
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    if (!strstr(r.text, want[i]))
      fail_msg("missing \"%s\"", want[i]);
  }
  assert_int_equal(r.inserted, 21); /* every join of the seed, nothing else */
  result_free(&r);
  vc_text_free(t);
}

static void test_other_seeds_untouched(void **state) {
  (void)state;
  const struct {
    const char *name;
    size_t inserted;
  } seeds[] = {
      {"000_05a18542847d4624.txt", 0},
      {"001_669cbb3ea90f365c.txt", 1}, /* "Photo:Chris" -> "Photo: Chris" */
      {"003_8a43273eaab03832.txt", 0},
      {"004_88efdafc0dbf597c.txt", 0},
  };
  for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
    vc_text *t = seed(seeds[i].name);
    result r = unglue_with(t->bytes, t->bytes, t->len);
    assert_int_equal(r.inserted, seeds[i].inserted);
    if (seeds[i].inserted)
      assert_non_null(strstr(r.text, "Photo: Chris"));
    result_free(&r);
    vc_text_free(t);
  }
}

static void test_compounds_kept(void **state) {
  (void)state;
  const char *doc =
      "Leonardo DiCaprio watched YouTube on an iPhone and a MacBook at McDonald and played "
      "PlayStation with Shia LaBeouf. SpongeBob, JavaScript, WordPress, LinkedIn, eBay, "
      "iOS, macOS, Neil deGrasse Tyson, FaceTime, DreamWorks, LeBron, McConaughey, "
      "PowerPoint, GoPro and WhatsApp. We met Jo Blackhouse today; Jo Blackhouse waved.";
  result r = unglue_with(doc, doc, strlen(doc));
  assert_string_equal(r.text, doc);
  result_free(&r);
}

static void test_examples(void **state) {
  (void)state;
  /* The document gives the evidence: the titles also occur ending elsewhere. */
  const char *doc =
      "I saw Sound of Metal twice. I loved Mogul Mowgli, really. The Star Wars "
      "films. Then the dramaSound of Metalfollows, the Star Warsuniverse "
      "withRogue One, and guessMogul Mowgliis fine. theRogue Oneprequel.";
  const char *s =
      "the dramaSound of Metalfollows, the Star Warsuniverse withRogue One, and "
      "guessMogul Mowgliis fine.";
  result r = unglue_with(doc, s, strlen(s));
  assert_string_equal(r.text,
                      "the drama Sound of Metal follows, the Star Wars universe with "
                      "Rogue One, and guess Mogul Mowgli is fine.");
  result_free(&r);
}

static void test_header_examples(void **state) {
  (void)state;
  const char *doc =
      "I read Great Expectations twice. JANE DOE spoke. The directorJane said "
      "the Great Expectationsnovel was long. (JaneDoe) agreed,Great.";
  result r = unglue_with(doc, doc, strlen(doc));
  assert_string_equal(r.text,
                      "I read Great Expectations twice. JANE DOE spoke. The director "
                      "Jane said the Great Expectations novel was long. (Jane Doe) "
                      "agreed, Great.");
  result_free(&r);
}

static void test_map_and_punctuation(void **state) {
  (void)state;
  const char *s = "In a way,Sound is.Fine (RizAhmed)";
  result r = unglue_with(NULL, s, strlen(s)); /* no context: punctuation joins only */
  assert_string_equal(r.text, "In a way, Sound is. Fine (RizAhmed)");
  /* The inserted space after "way," maps to the "S" it precedes. */
  assert_int_equal(r.map[9], 9);
  assert_int_equal(r.map[10], 9);
  assert_int_equal(r.map[11], 10);
  result_free(&r);
  r = unglue_with(NULL, "", 0);
  assert_int_equal(r.len, 0);
  result_free(&r);
  /* Not joins: numbers, initials, times, URLs. */
  s = "1,000 U.S. 10:00 e.g.Foo www.example.com A.B.";
  r = unglue_with(NULL, s, strlen(s));
  assert_string_equal(r.text, s);
  result_free(&r);
}

/* A title glued to the word after it, in a paragraph with no other join (as in seed
 * 002): the segmenter must not pass it by. Our own text. */
static void test_title_join_alone(void **state) {
  (void)state;
  assert_true(vc_glue_suspect("Tides of Marchis out today.", 27));
  assert_true(vc_glue_suspect("Great Expectationsis back.", 26));
  assert_true(vc_glue_suspect("a filmmakerJane", 15));
  assert_false(vc_glue_suspect("nothing glued here, at all.", 27));
  const char *doc = "The band released Tides of March in May. Critics liked how Tides of "
                    "Marchends.\n\nTides of Marchis out today on every platform.\n";
  vc_script *sc = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_segment(doc, strlen(doc), &sc, &d), VC_OK);
  int found = 0;
  for (size_t t = 0; t < sc->n_turns; t++) {
    assert_null(strstr(sc->turns[t].text, "Marchis"));
    found |= strstr(sc->turns[t].text, "Tides of March is out") != NULL;
  }
  assert_true(found);
  vc_script_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_seed_002),
      cmocka_unit_test(test_other_seeds_untouched),
      cmocka_unit_test(test_title_join_alone),
      cmocka_unit_test(test_compounds_kept),
      cmocka_unit_test(test_examples),
      cmocka_unit_test(test_header_examples),
      cmocka_unit_test(test_map_and_punctuation),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
