/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for the speech conventions: data tables, censored words, numbers, acronyms,
 * sentence ends. Uses the repo's data/ and the system hunspell dictionary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"

static int setup(void **state) {
  vc_speak_rules *r = NULL;
  vc_diag d = {{0}};
  if (vc_speak_rules_load(VC_SOURCE_DIR "/data", &r, &d) != VC_OK)
    return -1;
  *state = r;
  return 0;
}

static int teardown(void **state) {
  vc_speak_rules_free(*state);
  return 0;
}

/* Asserts the speakable text of `display` and the map's invariants. */
static void check(const vc_speak_rules *r, const char *display, const char *want) {
  vc_speakable *s = NULL;
  size_t len = strlen(display);
  assert_int_equal(vc_speakable_new_with(r, display, len, &s), VC_OK);
  assert_string_equal(s->text, want);
  assert_int_equal(s->map[s->len], len);
  for (size_t i = 0; i < s->len; i++) {
    assert_true(s->map[i] <= s->map[i + 1]);
    assert_true(s->map[i] < len);
  }
  vc_speakable_free(s);
}

/* The pauses for reading of `display`'s speakable text: their count, and each one's
 * length and the display byte it is shown with. */
static vc_speakable *speak(const vc_speak_rules *r, const char *display) {
  vc_speakable *s = NULL;
  assert_int_equal(vc_speakable_new_with(r, display, strlen(display), &s), VC_OK);
  return s;
}

static void test_links(void **state) {
  const vc_speak_rules *r = *state;
  check(r, "See https://www.example.org/archive/2031/a-b.html today.",
        "See example dot org today.");
  check(r, "See http://news.example.co.uk/x?id=7 now",
        "See news dot example dot co dot uk now");
  check(r, "at www.example.org/about.", "at example dot org.");
  check(r, "at https://192.168.1.20/admin now", "at link now");
  check(r, "write to the.desk@example.org today",
        "write to the dot desk at example dot org today");
  /* Longer than a caption's two lines: the path's words are said too, where written. */
  check(r,
        "at https://www.example.org/2031/05/city-council-votes-on-new-budget-plan-for-"
        "schools-and-roads.html now",
        "at example dot org 2031 05 city council votes on new budget plan for schools and "
        "roads html now");
  /* Not links: an abbreviation, a handle, a plain path, a version. */
  check(r, "the U.S. and e.g. this", "the U.S. and e.g. this");
  check(r, "ask @desk or a/b", "ask @desk or a, b");
  /* A link said shorter than shown: 300 ms before it, then a pause to read the rest,
   * both shown with display words. */
  const char *d = "Go to https://www.example.org/archive/2031/collections.html now.";
  vc_speakable *s = speak(r, d);
  assert_int_equal(s->n_holds, 2);
  assert_int_equal(s->holds[0].ms, 300);
  assert_int_equal(s->map[s->holds[0].word], 4); /* "to" */
  assert_int_equal(s->map[s->holds[1].word] >= 6, 1);
  assert_true(s->map[s->holds[1].word] < 60); /* inside the link */
  size_t shown = strlen("https://www.example.org/archive/2031/collections.html");
  assert_int_equal(s->holds[1].ms, (int)(shown - strlen("example dot org")) * 50);
  assert_true(s->holds[0].at <= s->holds[1].at && s->holds[1].at <= s->len);
  vc_speakable_free(s);
}

static void test_sound_notes(void **state) {
  const vc_speak_rules *r = *state;
  check(r, "Good to see you. [LAUGHS] So how", "Good to see you.  So how");
  check(r, "(applause) Thank you.", "  Thank you.");
  check(r, "Yes. [Witness conferring with counsel.] No.", "Yes.  No.");
  check(r, "It was [laughter]. Then", "It was . Then");
  check(r, "It was \u201c[laughs]\u201d fun", "It was  fun");
  /* Speech in brackets stays speech: an editor's insertion, an aside with a person, a
   * group too long to be a note, a word glued to the bracket. */
  check(r, "this guy [Marder] said", "this guy Marder said");
  check(r, "trust me (and I mean it) now", "trust me (and I mean it) now");
  check(r, "(we all laughed about it later) then", "(we all laughed about it later) then");
  check(r, "a laugh[laughs]", "a laughlaughs");
  check(r, "(a long aside that mentions the laughter of the audience in the hall) ok",
        "(a long aside that mentions the laughter of the audience in the hall) ok");
  /* After speech, a pause to read the note, shown with it; none when nothing came
   * before it. */
  vc_speakable *s = speak(r, "Fine. [laughs] Go on.");
  assert_int_equal(s->n_holds, 1);
  assert_int_equal(s->holds[0].ms, (8 + 1) * 50);
  assert_int_equal(s->map[s->holds[0].word], 6); /* the note */
  vc_speakable_free(s);
  s = speak(r, "[laughs] Go on.");
  assert_int_equal(s->n_holds, 0);
  vc_speakable_free(s);
}

static void test_censored(void **state) {
  const vc_speak_rules *r = *state;
  check(r, "this guy for s—)", "this guy for s-word)");
  check(r, "oh s—, this", "oh s-word, this");
  check(r, "you might f— it up", "you might f-word it up");
  check(r, "you could f—ing do", "you could effing do");
  check(r, "what the f**k", "what the f-word");
  /* Not censoring: an interrupted "I", a dash after a word. */
  check(r, "I—I think", "I, I think");
  check(r, "plan B—and then", "plan B, and then");
}

static void test_table(void **state) {
  const vc_speak_rules *r = *state;
  check(r, "opens Nov. 20, and streams Dec. 4.",
        "opens November 20, and streams December 4.");
  check(r, "Jan. 19, 2021", "January 19, twenty twenty-one");
  check(r, "No. 1 fan. No. Never.", "number 1 fan. No. Never.");
  check(r, "Tom & Jerry, AT&T, and/or", "Tom and Jerry, AT&T, and or");
  check(r, "Gen. Jones", "General Jones");
}

static void test_numbers(void **state) {
  const vc_speak_rules *r = *state;
  check(r, "this 1-on-1 phone", "this 1 on 1 phone");
  check(r, "in 2020’s volatile race", "in twenty twenty's volatile race");
  check(r, "the 1990s and the 1980’s", "the nineteen nineties and the nineteen eighties");
  check(r,
        "the ’"
        "90s",
        "the nineties");
  check(r, "in 1905, 2000, 2008, 2017",
        "in nineteen oh five, two thousand, two thousand eight, twenty seventeen");
  check(r, "97% fresh, 1500 km", "97% fresh, fifteen hundred km");
  check(r, "at 10:00 AM EDT", "at 10 AM E-D-T");
  check(r, "at 10:00. At 9:05", "at 10 o'clock. At 9 oh 5");
  check(r, "$5 million, $1 and $2.50", "5 million dollars, 1 dollar and 2 dollars 50");
  check(r, "[04:00] So it goes", " So it goes");
}

static void test_acronyms(void **state) {
  const vc_speak_rules *r = *state;
  check(r, "learn ASL at AFI Fest", "learn A-S-L at A-F-I Fest");
  check(r, "EW’s pick", "E-W's pick");
  check(r, "TIFF and NASA, COVID-19", "TIFF and NASA, COVID-19");
  check(r, "SIGN UP for it", "SIGN UP for it");
  check(r, "RIZ AHMED: Thanks", "RIZ AHMED: Thanks");
  check(r, "World War II is", "World War II is");
  check(r, "the TVs", "the T-V's");
  check(r, "see IMAX", "see eye max");
}

static void test_symbols(void **state) {
  const vc_speak_rules *r = *state;
  check(r, "heroin addict/punk drummer", "heroin addict, punk drummer");
  check(r, "(Jay L. Clendenin / Los Angeles Times)",
        "(Jay L. Clendenin, Los Angeles Times)");
  check(r, "24/7 and 1/2", "twenty-four seven and 1/2");
  check(r, "Darius [Marder] was", "Darius Marder was");
  check(r, "Photo:Chris", "Photo: Chris");
  check(r, "for Disney+.", "for Disney+.");
}

static void test_map_of_expansion(void **state) {
  const vc_speak_rules *r = *state;
  vc_speakable *s = NULL;
  const char *d = "in ASL now";
  assert_int_equal(vc_speakable_new_with(r, d, strlen(d), &s), VC_OK);
  assert_string_equal(s->text, "in A-S-L now");
  /* Each letter maps to its own display byte; the word after maps to itself. */
  assert_int_equal(s->map[3], 3);
  assert_int_equal(s->map[5], 4);
  assert_int_equal(s->map[7], 5);
  assert_int_equal(s->map[9], 7);
  vc_speakable_free(s);
}

static int ends(const vc_speak_rules *r, const char *s, const char *word) {
  const char *at = strstr(s, word);
  assert_non_null(at);
  return vc_sentence_end(r, s, strlen(s), (size_t)(at - s) + strlen(word));
}

static void test_sentence_end(void **state) {
  const vc_speak_rules *r = *state;
  const char *s = "Opens Nov. 20 in the U.S. yet. Ask Mr. Smith and Jay L. Clendenin. "
                  "It ended. “Really?” Yes… maybe… "
                  "Then (done.) Next Mr.";
  assert_false(ends(r, s, "Nov."));
  assert_false(ends(r, s, "U.S."));
  assert_true(ends(r, s, "yet."));
  assert_false(ends(r, s, "Mr."));
  assert_false(ends(r, s, "L."));
  assert_true(ends(r, s, "Clendenin."));
  assert_true(ends(r, s, "ended."));
  assert_true(ends(r, s, "Really?”"));
  assert_false(ends(r, s, "Yes…"));
  assert_true(ends(r, s, "maybe…"));
  assert_true(ends(r, s, "(done.)"));
  assert_false(ends(r, s, "Ask"));
  assert_true(vc_sentence_end(NULL, s, strlen(s), strlen(s)));
}

static void test_rules_missing(void **state) {
  (void)state;
  vc_speak_rules *r = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_speak_rules_load("/nonexistent", &r, &d), VC_ERR_IO);
  assert_null(r);
  assert_non_null(strstr(d.msg, "pronunciations.tsv"));
}

/* Writes `body` as `dir`/pronunciations.tsv. */
static void write_table(const char *dir, const char *body) {
  char path[256];
  FILE *f;
  snprintf(path, sizeof path, "%s/pronunciations.tsv", dir);
  f = fopen(path, "w");
  assert_non_null(f);
  fputs(body, f);
  fclose(f);
}

static void test_rules_env_and_errors(void **state) {
  (void)state;
  char dir[] = "/tmp/vc_rulesXXXXXX", path[256];
  vc_speak_rules *r = NULL;
  vc_speakable *s = NULL;
  vc_diag d = {{0}};
  assert_non_null(mkdtemp(dir));
  write_table(dir, "# a comment\n\nsay\tGizmo\tthingamajig\n");
  assert_int_equal(setenv("VOICECAP_DATA", dir, 1), 0);
  assert_int_equal(vc_speak_rules_load(NULL, &r, &d), VC_OK); /* the env folder is used */
  unsetenv("VOICECAP_DATA");
  assert_int_equal(vc_speakable_new_with(r, "a Gizmo.", 8, &s), VC_OK);
  assert_string_equal(s->text, "a thingamajig.");
  vc_speakable_free(s);
  vc_speak_rules_free(r);
  r = NULL;
  write_table(dir, "say\tok\tfine\nsya\tbad\n");
  assert_int_equal(vc_speak_rules_load(dir, &r, &d), VC_ERR_CONFIG);
  assert_null(r);
  assert_string_equal(d.msg, "pronunciations.tsv:2: bad entry");
  /* the sentence column: a title's full stop never ends a sentence, another
   * abbreviation's does before a capital, and any other value is an error */
  const char *t = "Ask Blv. Mayo. Then Qrx. Mayo. Then";
  write_table(dir, "abbr\tBlv.\t\t\ttitle\nabbr\tQrx.\n");
  assert_int_equal(vc_speak_rules_load(dir, &r, &d), VC_OK);
  assert_false(vc_sentence_end(r, t, strlen(t), 8)); /* "Blv." */
  assert_true(vc_sentence_end(r, t, strlen(t), 14)); /* "Mayo." */
  assert_true(vc_sentence_end(r, t, strlen(t), 24)); /* "Qrx." */
  assert_false(vc_sentence_end(r, "see Qrx. and", 12, 8));
  vc_speak_rules_free(r);
  r = NULL;
  write_table(dir, "abbr\tBlv.\t\t\tsometimes\n");
  assert_int_equal(vc_speak_rules_load(dir, &r, &d), VC_ERR_CONFIG);
  assert_string_equal(d.msg, "pronunciations.tsv:1: bad entry");
  snprintf(path, sizeof path, "%s/pronunciations.tsv", dir);
  remove(path);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_censored),
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_numbers),
      cmocka_unit_test(test_acronyms),
      cmocka_unit_test(test_symbols),
      cmocka_unit_test(test_links),
      cmocka_unit_test(test_sound_notes),
      cmocka_unit_test(test_map_of_expansion),
      cmocka_unit_test(test_sentence_end),
      cmocka_unit_test(test_rules_missing),
      cmocka_unit_test(test_rules_env_and_errors),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
