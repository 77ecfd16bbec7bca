/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Voice files (inih) and casting: voices, colours and panel pitch offsets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cast.h"
#include "voicecap/voicecap.h"

static void write_file(const char *dir, const char *name, const char *body) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(body, f);
  fclose(f);
}

static const char good[] = "language = en-gb\nvariant = m3\nrate = 160\npitch = 40\n";

/* A folder with the four role voices plus `extra` (file name, body) if given. */
static char *make_voices(const char *extra_name, const char *extra_body) {
  char *dir = strdup("/tmp/vc_test_voices_XXXXXX");
  assert_non_null(mkdtemp(dir));
  for (int r = 0; r < VC_ROLE_COUNT; r++) {
    char name[64];
    snprintf(name, sizeof name, "%s.ini", vc_role_name((vc_role)r));
    write_file(dir, name, good);
  }
  if (extra_name)
    write_file(dir, extra_name, extra_body);
  return dir;
}

static void remove_voices(char *dir) {
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
  free(dir);
}

static void test_shipped_voices(void **state) {
  (void)state;
  vc_voiceset *vs = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_voiceset_load(VC_SOURCE_DIR "/voices", &vs, &d), VC_OK);
  static const unsigned colour[VC_ROLE_COUNT] = {0xFFFF00, 0xFFFFFF, 0x00FFFF, 0x00FF00};
  const vc_voice *v[VC_ROLE_COUNT];
  for (int r = 0; r < VC_ROLE_COUNT; r++) {
    v[r] = vc_voiceset_find(vs, vc_role_name((vc_role)r));
    assert_non_null(v[r]);
    assert_int_equal(v[r]->colour, colour[r]);
    assert_int_equal(v[r]->paragraph_pause_ms, 400);
    assert_int_equal(v[r]->turn_pause_ms, 1000);
    assert_true(v[r]->variant[0] != '\0');
  }
  /* the roles for people have a variant for a man and one for a woman */
  for (int r = VC_ROLE_INTERVIEWER; r < VC_ROLE_COUNT; r++) {
    assert_non_null(v[r]->variant_male);
    assert_non_null(v[r]->variant_female);
    assert_true(v[r]->pitch_male >= 0 && v[r]->pitch_female >= 0);
  }
  /* every role is distinct in variant and pitch */
  for (int a = 0; a < VC_ROLE_COUNT; a++) {
    for (int b = a + 1; b < VC_ROLE_COUNT; b++) {
      assert_string_not_equal(v[a]->variant, v[b]->variant);
      assert_int_not_equal(v[a]->pitch, v[b]->pitch);
    }
  }
  vc_voiceset_free(vs);
}

static void expect_error(const char *name, const char *body, const char *msg) {
  char *dir = make_voices(name, body);
  vc_voiceset *vs = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_voiceset_load(dir, &vs, &d), VC_ERR_CONFIG);
  assert_null(vs);
  char want[700];
  snprintf(want, sizeof want, "%s/%s", dir, msg);
  if (strcmp(d.msg, want) != 0)
    fail_msg("got '%s', want '%s'", d.msg, want);
  remove_voices(dir);
}

static void test_bad_voice_files(void **state) {
  (void)state;
  expect_error("narrator.ini", "language = en-gb\nvariant = m3\npich = 40\n",
               "narrator.ini:3: unknown key 'pich'");
  expect_error("jane.ini", "; comment\nrate = fast\n",
               "jane.ini:2: invalid value rate = 'fast'");
  expect_error("jane.ini", "pitch = 101\n", "jane.ini:1: invalid value pitch = '101'");
  expect_error("jane.ini", "colour = yellow\n",
               "jane.ini:1: invalid value colour = 'yellow'");
  expect_error("jane.ini", "rate = 100\nrate = 120\n", "jane.ini:2: duplicate key 'rate'");
  expect_error("jane.ini", "[voice]\nrate = 100\n",
               "jane.ini:2: unexpected section [voice]");
  expect_error("jane.ini", "language = en gb\n",
               "jane.ini:1: invalid espeak-ng name 'en gb'");
  expect_error("jane.ini", "rate 100\n", "jane.ini:1: syntax error");
}

static void test_missing_role(void **state) {
  (void)state;
  char *dir = make_voices(NULL, NULL);
  char path[600];
  snprintf(path, sizeof path, "%s/quote.ini", dir);
  assert_int_equal(unlink(path), 0);
  vc_voiceset *vs = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_voiceset_load(dir, &vs, &d), VC_ERR_CONFIG);
  assert_non_null(strstr(d.msg, "quote.ini"));
  remove_voices(dir);
}

/* A panel: two interviewees and two interviewers share voices, one guest has a file. */
static void test_cast_panel(void **state) {
  (void)state;
  vc_voiceset *vs = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_voiceset_load(VC_SOURCE_DIR "/voices", &vs, &d), VC_OK);
  vc_speaker sp[] = {
      {"Narrator", VC_ROLE_NARRATOR},     {"Host", VC_ROLE_INTERVIEWER},
      {"Guest One", VC_ROLE_INTERVIEWEE}, {"Guest Two", VC_ROLE_INTERVIEWEE},
      {"Co-host", VC_ROLE_INTERVIEWER},   {"Guest Three", VC_ROLE_INTERVIEWEE}};
  vc_script sc = {.speakers = sp, .n_speakers = 6};
  vc_cast *c = NULL;
  assert_int_equal(vc_cast_new(vs, &sc, &c, &d), VC_OK);
  assert_int_equal(c->n_speakers, 6);
  assert_int_equal(c->colour[0], 0xFFFF00);
  assert_int_equal(c->colour[1], 0xFFFFFF);
  assert_int_equal(c->colour[2], 0x00FFFF);
  assert_int_equal(c->colour[3], 0x00FF00); /* next unused BBC colour, yellow skipped */
  for (size_t i = 3; i < 6; i++)
    assert_int_not_equal(c->colour[i], 0xFFFF00);
  /* panelists on one voice get distinct pitches */
  assert_int_not_equal(c->voice[2]->pitch, c->voice[3]->pitch);
  assert_int_not_equal(c->voice[3]->pitch, c->voice[5]->pitch);
  assert_int_not_equal(c->voice[2]->pitch, c->voice[5]->pitch);
  assert_int_not_equal(c->voice[1]->pitch, c->voice[4]->pitch);
  assert_string_equal(c->voice[4]->id, "interviewer");
  vc_cast_free(c);
  vc_voiceset_free(vs);
}

/* A second interviewer met before the interviewee must not take the interviewee's cyan:
 * with four speakers all four BBC colours are in use, each once. */
static void test_cast_panel_before_role(void **state) {
  (void)state;
  vc_voiceset *vs = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_voiceset_load(VC_SOURCE_DIR "/voices", &vs, &d), VC_OK);
  vc_speaker sp[] = {{"Narrator", VC_ROLE_NARRATOR},
                     {"Host", VC_ROLE_INTERVIEWER},
                     {"Co-host", VC_ROLE_INTERVIEWER},
                     {"Guest", VC_ROLE_INTERVIEWEE}};
  vc_script sc = {.speakers = sp, .n_speakers = 4};
  vc_cast *c = NULL;
  assert_int_equal(vc_cast_new(vs, &sc, &c, &d), VC_OK);
  assert_int_equal(c->colour[0], 0xFFFF00);
  assert_int_equal(c->colour[1], 0xFFFFFF);
  assert_int_equal(c->colour[2], 0x00FF00);
  assert_int_equal(c->colour[3], 0x00FFFF);
  vc_cast_free(c);
  vc_voiceset_free(vs);
}

/* A person pinned in one file (an interviewee) keeps that voice where they are quoted. */
static void test_cast_pins(void **state) {
  (void)state;
  vc_voiceset *vs = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_voiceset_load(VC_SOURCE_DIR "/voices", &vs, &d), VC_OK);
  vc_speaker first[] = {{"Narrator", VC_ROLE_NARRATOR},
                        {"Interviewer", VC_ROLE_INTERVIEWER},
                        {"Ann Lee", VC_ROLE_INTERVIEWEE}};
  vc_speaker second[] = {{"Narrator", VC_ROLE_NARRATOR},
                         {"Bo Park", VC_ROLE_QUOTE},
                         {"Ann Lee", VC_ROLE_QUOTE}};
  vc_script a = {.speakers = first, .n_speakers = 3};
  vc_script b = {.speakers = second, .n_speakers = 3};
  vc_voice_pins pins = {0};
  assert_int_equal(vc_voice_pins_add(&pins, &a), VC_OK);
  assert_int_equal(vc_voice_pins_add(&pins, &b), VC_OK);
  assert_int_equal(pins.n, 2); /* "Interviewer" is no one in particular: not pinned */
  vc_cast *c = NULL;
  assert_int_equal(vc_cast_new_pinned(vs, &b, &pins, &c, &d), VC_OK);
  assert_string_equal(c->voice[1]->id, "quote");
  assert_string_equal(c->voice[2]->id, "interviewee");
  vc_cast_free(c);
  assert_int_equal(vc_cast_new(vs, &b, &c, &d), VC_OK); /* unpinned: role voices */
  assert_string_equal(c->voice[2]->id, "quote");
  vc_cast_free(c);
  vc_voice_pins_clear(&pins);
  vc_voiceset_free(vs);
}

/* A quoted man and a quoted woman in prose, a title, a self-description, a speaker the
 * text says nothing about, an outlet, and a person with a voice file of their own. */
static void test_cast_fits_person(void **state) {
  (void)state;
  char *dir = make_voices("ola-berg.ini", "language = en-us\nvariant = f5\n");
  vc_voiceset *shipped = NULL, *vs = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_voiceset_load(VC_SOURCE_DIR "/voices", &shipped, &d), VC_OK);
  assert_int_equal(vc_voiceset_load(dir, &vs, &d), VC_OK);
  vc_speaker sp[] = {{"Narrator", VC_ROLE_NARRATOR},
                     {"Tomas Lind", VC_ROLE_QUOTE},
                     {"Greta Holm", VC_ROLE_QUOTE},
                     {"Kim Park", VC_ROLE_QUOTE},
                     {"The Daily Ledger", VC_ROLE_INTERVIEWER},
                     {"Ola Berg", VC_ROLE_QUOTE},
                     {"Rui Sato", VC_ROLE_INTERVIEWEE}};
  vc_turn turns[] = {
      {.role = VC_ROLE_NARRATOR,
       .speaker = 0,
       .text = (char *)"Tomas Lind runs the ferry. Every morning he checks the ropes. "
                       "Greta Holm, "
                       "who built the pier, says she still swims there. Mr. Lind agrees. "
                       "Kim Park "
                       "sells tickets. Ola Berg, she says, keeps the books."},
      {.role = VC_ROLE_QUOTE, .speaker = 1, .text = (char *)"We never miss a day."},
      {.role = VC_ROLE_QUOTE, .speaker = 2, .text = (char *)"The water is cold."},
      {.role = VC_ROLE_QUOTE, .speaker = 3, .text = (char *)"People come back."},
      {.role = VC_ROLE_INTERVIEWER, .speaker = 4, .text = (char *)"How did it start?"},
      {.role = VC_ROLE_QUOTE, .speaker = 5, .text = (char *)"By accident."},
      {.role = VC_ROLE_INTERVIEWEE,
       .speaker = 6,
       .text = (char *)"As a mother of three, I had no time."},
  };
  for (size_t t = 0; t < sizeof turns / sizeof turns[0]; t++)
    turns[t].text_len = strlen(turns[t].text);
  vc_script sc = {.turns = turns, .n_turns = 7, .speakers = sp, .n_speakers = 7};
  vc_cast *c = NULL;
  assert_int_equal(vc_cast_new(shipped, &sc, &c, &d), VC_OK);
  const vc_voice *quote = vc_voiceset_find(shipped, "quote");
  assert_string_equal(c->voice[1]->variant, quote->variant_male);   /* he, Mr. */
  assert_string_equal(c->voice[2]->variant, quote->variant_female); /* she */
  assert_string_equal(c->voice[3]->variant, quote->variant);        /* nothing said */
  assert_string_equal(c->voice[4]->variant,
                      vc_voiceset_find(shipped, "interviewer")->variant); /* an outlet */
  assert_string_equal(c->voice[6]->variant,
                      vc_voiceset_find(shipped, "interviewee")->variant_female); /* self */
  vc_cast_free(c);
  /* A voice file of their own wins over what the text says. */
  assert_int_equal(vc_cast_new(vs, &sc, &c, &d), VC_OK);
  assert_string_equal(c->voice[5]->variant, "f5");
  vc_cast_free(c);
  vc_voiceset_free(vs);
  vc_voiceset_free(shipped);
  remove_voices(dir);
}

static void test_cast_own_voice(void **state) {
  (void)state;
  char *dir =
      make_voices("jane-doe.ini", "language = en-us\nvariant = f3\ncolour = #FF00FF\n");
  vc_voiceset *vs = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_voiceset_load(dir, &vs, &d), VC_OK);
  assert_non_null(vc_voiceset_find(vs, "Jane Doe"));
  assert_non_null(vc_voiceset_find(vs, "JANE_DOE"));
  assert_null(vc_voiceset_find(vs, "Jane"));
  vc_speaker sp[] = {{"Narrator", VC_ROLE_NARRATOR},
                     {"Jane Doe", VC_ROLE_INTERVIEWEE},
                     {"Sam", VC_ROLE_INTERVIEWER}};
  vc_script sc = {.speakers = sp, .n_speakers = 3};
  vc_cast *c = NULL;
  assert_int_equal(vc_cast_new(vs, &sc, &c, &d), VC_OK);
  assert_string_equal(c->voice[1]->id, "jane-doe");
  assert_string_equal(c->voice[1]->variant, "f3");
  assert_int_equal(c->colour[1], 0xFF00FF);
  assert_string_equal(c->voice[2]->id, "interviewer");
  assert_int_equal(c->voice[2]->rate, 160);
  /* the role files in this folder set no colour: BBC role colours */
  assert_int_equal(c->colour[0], 0xFFFF00);
  assert_int_equal(c->colour[2], 0xFFFFFF);
  vc_cast_free(c);
  vc_voiceset_free(vs);
  remove_voices(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_shipped_voices),
      cmocka_unit_test(test_bad_voice_files),
      cmocka_unit_test(test_missing_role),
      cmocka_unit_test(test_cast_panel),
      cmocka_unit_test(test_cast_panel_before_role),
      cmocka_unit_test(test_cast_pins),
      cmocka_unit_test(test_cast_own_voice),
      cmocka_unit_test(test_cast_fits_person),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
