/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The timeline: display words, mapping of synthesiser words, sentence and turn spans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cast.h"
#include "synth.h"
#include "text.h"
#include "timeline.h"
#include "voicecap/voicecap.h"

/* An identity speakable form of `s` (speakable byte i came from display byte i), made
 * with the tables `r` (data/pronunciations.tsv: they decide sentence ends). */
static vc_speakable *identity(const char *s, const vc_speak_rules *r) {
  vc_speakable *sp = calloc(1, sizeof *sp);
  sp->rules = r;
  sp->len = strlen(s);
  sp->text = strdup(s);
  sp->map = malloc((sp->len + 1) * sizeof *sp->map);
  for (size_t i = 0; i <= sp->len; i++)
    sp->map[i] = i;
  return sp;
}

static void free_identity(vc_speakable *sp) {
  free(sp->text);
  free(sp->map);
  free(sp);
}

static void test_words_and_sentences(void **state) {
  const char *d = "\xE2\x80\x9CSound\xE2\x80\x9D \xE2\x80\x94 due Nov. 20. Mr. Smith said "
                  "\xE2\x80\x9Cno.\xE2\x80\x9D Then it ended in Nov. The end";
  vc_speakable *sp = identity(d, *state);
  /* a synthesiser word at the start of every display word but the dash, 1000 samples
   * apart; the one for the first word points past its opening quote */
  vc_synth_word sw[15];
  size_t n = 0, pos = 0, len = strlen(d);
  while (pos < len) {
    size_t end = pos;
    while (end < len && d[end] != ' ')
      end++;
    if (strncmp(d + pos, "\xE2\x80\x94", 3) != 0) {
      sw[n].pos = n == 0 ? pos + 3 : pos;
      sw[n].len = end - pos;
      sw[n].start = 100 + 1000 * n;
      sw[n].end = 100 + 1000 * n + 800;
      n++;
    }
    pos = end + 1;
  }
  assert_int_equal(n, 15);
  vc_timeline *t = NULL;
  assert_int_equal(vc_timeline_new(22050, 2, &t), VC_OK);
  assert_int_equal(vc_timeline_add(t, 1, 7, d, strlen(d), sp, sw, 15, 5000), VC_OK);
  assert_int_equal(t->n_words, 16);
  const vc_word *w = t->words;
  assert_int_equal(w[0].start_byte, 7);
  assert_int_equal(w[0].end_byte, 7 + strlen("\xE2\x80\x9CSound\xE2\x80\x9D"));
  assert_int_equal(w[0].start, 5100);
  assert_int_equal(w[0].end, 5900);
  /* the dash has no sound: zero length at the end of the word before it */
  assert_int_equal(w[1].start, 5900);
  assert_int_equal(w[1].end, 5900);
  assert_int_equal(w[2].start, 6100);
  /* “Sound” — due Nov. 20. Mr. Smith said “no.” Then it ended in Nov. The end */
  static const int sentence[16] = {0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0};
  for (size_t i = 0; i < 16; i++) {
    assert_int_equal(w[i].turn, 1);
    assert_int_equal(w[i].sentence_end, sentence[i]);
    assert_int_equal(w[i].paragraph_end, i == 15);
    if (i > 0)
      assert_true(w[i].start >= w[i - 1].end);
  }
  assert_int_equal(t->turns[1].start, 5100);
  assert_int_equal(t->turns[1].end, w[15].end);
  /* a second paragraph of the same turn widens the turn */
  const char *d2 = "Yes!";
  vc_speakable *sp2 = identity(d2, *state);
  vc_synth_word one = {.pos = 0, .len = 3, .start = 50, .end = 900};
  assert_int_equal(vc_timeline_add(t, 1, 100, d2, 4, sp2, &one, 1, 40000), VC_OK);
  assert_int_equal(t->n_words, 17);
  assert_int_equal(t->words[16].sentence_end, 1);
  assert_int_equal(t->words[16].paragraph_end, 1);
  assert_int_equal(t->words[16].start_byte, 100);
  assert_int_equal(t->turns[1].start, 5100);
  assert_int_equal(t->turns[1].end, 40900);
  vc_timeline_free(t);
  free_identity(sp);
  free_identity(sp2);
}

/* Speakable text that differs from the display: the map sends words back. */
static void test_mapped_and_untimed(void **state) {
  const char *d = "\xE2\x80\x94 Dr. Who";
  /* speakable "Doctor Who": "Doctor" from "Dr.", "Who" from "Who" */
  const char *s = "Doctor Who";
  vc_speakable sp = {.text = (char *)s, .len = strlen(s), .rules = *state};
  size_t map[11];
  for (size_t i = 0; i <= 10; i++)
    map[i] = i < 7 ? 4 + (i < 3 ? i : 2) : 8 + (i - 7);
  sp.map = map;
  vc_synth_word sw[2] = {{0, 6, 10, 500}, {7, 3, 600, 1000}};
  vc_timeline *t = NULL;
  assert_int_equal(vc_timeline_new(22050, 1, &t), VC_OK);
  assert_int_equal(vc_timeline_add(t, 0, 0, d, strlen(d), &sp, sw, 2, 0), VC_OK);
  assert_int_equal(t->n_words, 3);
  /* the leading dash takes the start of the first timed word, zero length */
  assert_int_equal(t->words[0].start, 10);
  assert_int_equal(t->words[0].end, 10);
  assert_int_equal(t->words[1].start, 10);
  assert_int_equal(t->words[1].end, 500);
  assert_int_equal(t->words[1].sentence_end, 0);
  assert_int_equal(t->words[2].start, 600);
  assert_int_equal(t->turns[0].start, 10);
  assert_int_equal(t->turns[0].end, 1000);
  /* nothing timed at all: every word sits at the offset */
  assert_int_equal(vc_timeline_add(t, 0, 20, "\xE2\x80\x94", 3, NULL, NULL, 0, 7777),
                   VC_OK);
  assert_int_equal(t->words[3].start, 7777);
  assert_int_equal(t->words[3].end, 7777);
  vc_timeline_free(t);
}

/* Pauses for reading: put in the middle of the quiet between two words, they move the
 * later words, turn spans and the audio's length; a second one at the same place grows
 * the first; the list keeps the spoken clock (without pauses). */
static void test_pauses(void **state) {
  (void)state;
  vc_timeline *t = NULL;
  assert_int_equal(vc_timeline_new(22050, 2, &t), VC_OK);
  const char *a = "One two.", *b = "Three.";
  vc_synth_word sa[2] = {{0, 3, 100, 900}, {4, 4, 1000, 2000}};
  vc_synth_word sb[1] = {{0, 6, 0, 1500}};
  assert_int_equal(vc_timeline_add(t, 0, 0, a, strlen(a), NULL, sa, 2, 0), VC_OK);
  assert_int_equal(vc_timeline_add(t, 1, 0, b, strlen(b), NULL, sb, 1, 3000), VC_OK);
  t->n_samples = 5000;
  assert_int_equal(vc_timeline_insert_pause(t, 0, 10), VC_ERR_ARG);
  assert_int_equal(vc_timeline_insert_pause(t, 3, 10), VC_ERR_ARG);
  /* before "Three.": between 2000 and 3000, at 2500 */
  assert_int_equal(vc_timeline_insert_pause(t, 2, 400), VC_OK);
  assert_int_equal(t->n_pauses, 1);
  assert_int_equal(t->pauses[0].at, 2500);
  assert_int_equal(t->pauses[0].n, 400);
  assert_int_equal(t->words[1].end, 2000);
  assert_int_equal(t->words[2].start, 3400);
  assert_int_equal(t->words[2].end, 4900);
  assert_int_equal(t->turns[0].end, 2000);
  assert_int_equal(t->turns[1].start, 3400);
  assert_int_equal(t->turns[1].end, 4900);
  assert_int_equal(t->n_samples, 5400);
  /* before "two.": between 900 and 1000, at 950; later words move again */
  assert_int_equal(vc_timeline_insert_pause(t, 1, 50), VC_OK);
  assert_int_equal(t->n_pauses, 2);
  assert_int_equal(t->pauses[0].at, 950);
  assert_int_equal(t->pauses[1].at, 2500);
  assert_int_equal(t->words[0].end, 900);
  assert_int_equal(t->words[1].start, 1050);
  assert_int_equal(t->words[2].start, 3450);
  assert_int_equal(t->turns[0].start, 100);
  assert_int_equal(t->turns[0].end, 2050);
  /* again before "Three.": the pause there grows, at the same spoken place */
  assert_int_equal(vc_timeline_insert_pause(t, 2, 100), VC_OK);
  assert_int_equal(t->n_pauses, 2);
  assert_int_equal(t->pauses[1].at, 2500);
  assert_int_equal(t->pauses[1].n, 500);
  assert_int_equal(t->words[2].start, 3550);
  assert_int_equal(t->n_samples, 5550);
  assert_int_equal(vc_timeline_pause_total(t), 550);
  assert_int_equal(vc_timeline_pause_word(t, 0), 1);
  assert_int_equal(vc_timeline_pause_word(t, 1), 2);
  vc_timeline_free(t);
}

typedef struct count {
  uint64_t n;
} count;

static vc_status count_pcm(void *user, const int16_t *pcm, size_t n) {
  (void)pcm;
  ((count *)user)->n += n;
  return VC_OK;
}

/* Real espeak-ng words through the timeline: every display word is timed, in order. */
static void test_with_espeak(void **state) {
  const char *d = "Caf\xC3\xA9 \xE2\x80\x9Cna\xC3\xAFve\xE2\x80\x9D \xE2\x80\x94 it "
                  "was 2019, Mr. Smith. Really?";
  vc_speakable *sp = identity(d, *state);
  vc_voiceset *vs = NULL;
  vc_synth *s = NULL;
  assert_int_equal(vc_voiceset_load(VC_SOURCE_DIR "/voices", &vs, NULL), VC_OK);
  assert_int_equal(vc_synth_new(&s, NULL), VC_OK);
  vc_synth_word *sw = NULL;
  size_t n_sw = 0;
  uint64_t ns = 0;
  count c = {0};
  assert_int_equal(vc_synth_speak(s, vc_voiceset_find(vs, "quote"), sp->text, count_pcm, &c,
                                  &sw, &n_sw, &ns, NULL),
                   VC_OK);
  vc_timeline *t = NULL;
  assert_int_equal(vc_timeline_new(vc_synth_sample_rate(s), 1, &t), VC_OK);
  assert_int_equal(vc_timeline_add(t, 0, 0, d, strlen(d), sp, sw, n_sw, 1000), VC_OK);
  assert_int_equal(t->n_words, 9);
  for (size_t i = 0; i < t->n_words; i++) {
    const vc_word *w = &t->words[i];
    assert_true(w->start >= 1000 && w->end <= 1000 + ns);
    if (i != 2) /* the dash is silent */
      assert_true(w->end > w->start);
    if (i > 0)
      assert_true(w->start >= t->words[i - 1].end);
  }
  assert_int_equal(t->words[7].sentence_end, 1); /* "Smith." */
  assert_int_equal(t->words[6].sentence_end, 0); /* "Mr." */
  assert_int_equal(t->words[8].paragraph_end, 1);
  free(sw);
  vc_timeline_free(t);
  vc_synth_free(s);
  vc_voiceset_free(vs);
  free_identity(sp);
}

static int load_rules(void **state) {
  vc_speak_rules *r = NULL;
  if (vc_speak_rules_load(VC_SOURCE_DIR "/data", &r, NULL) != VC_OK)
    return -1;
  *state = r;
  return 0;
}

static int free_rules(void **state) {
  vc_speak_rules_free(*state);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_words_and_sentences),
      cmocka_unit_test(test_mapped_and_untimed),
      cmocka_unit_test(test_pauses),
      cmocka_unit_test(test_with_espeak),
  };
  return cmocka_run_group_tests(tests, load_rules, free_rules);
}
