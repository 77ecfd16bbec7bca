/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The ASS writer checked with libass itself: every cue becomes one event, loaded without
 * warnings, and each event draws something at its middle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ass/ass.h>

#include "caps_fixture.h"

static const char *const names[] = {"Narrator", "Riz Ahmed", "The Interviewer"};
static const vc_role roles[] = {VC_ROLE_NARRATOR, VC_ROLE_INTERVIEWEE, VC_ROLE_INTERVIEWER};
static const fx_turn turns[] = {
    {0, "Riz Ahmed plays a drummer who loses his hearing."},
    {2, "How did it feel when you first saw the film with an audience?"},
    {1, "Man, I'm so excited, dude. It was overwhelming, honestly.\nRight."},
};

static void on_msg(int level, const char *fmt, va_list va, void *data) {
  if (level <= 2) { /* MSGL_FATAL, MSGL_ERR, MSGL_WARN */
    vfprintf(stderr, fmt, va);
    fputc('\n', stderr);
    (*(int *)data)++;
  }
}

typedef struct lass {
  ASS_Library *lib;
  ASS_Renderer *r;
  ASS_Track *t;
  int warnings;
} lass;

static void lass_open(lass *a, char *text, size_t len) {
  a->warnings = 0;
  a->lib = ass_library_init();
  assert_non_null(a->lib);
  ass_set_message_cb(a->lib, on_msg, &a->warnings);
  a->r = ass_renderer_init(a->lib);
  assert_non_null(a->r);
  ass_set_frame_size(a->r, 1920, 1080);
  ass_set_fonts(a->r, NULL, "DejaVu Sans", ASS_FONTPROVIDER_AUTODETECT, NULL, 1);
  a->t = ass_read_memory(a->lib, text, len, NULL);
  assert_non_null(a->t);
}

static void lass_close(lass *a) {
  ass_free_track(a->t);
  ass_renderer_done(a->r);
  ass_library_done(a->lib);
}

static void test_events_match_cues(void **state) {
  (void)state;
  fx f;
  fx_build(&f, names, roles, 3, turns, 3);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  for (unsigned flags = 0; flags <= VC_DOC_KARAOKE; flags += VC_DOC_KARAOKE) {
    vc_doc d = fx_doc(&f, flags);
    vc_status st;
    char *text = fx_write(vc_write_ass, &d, &st);
    assert_int_equal(st, VC_OK);
    lass a;
    lass_open(&a, text, strlen(text));
    assert_int_equal(a.t->n_events, (int)f.cues->n);
    assert_int_equal(a.t->n_styles, 4); /* libass's Default plus one per speaker */
    for (int e = 0; e < a.t->n_events; e++) {
      const ASS_Event *ev = &a.t->events[e];
      const vc_cue *q = &f.cues->cues[e];
      assert_int_equal(ev->Start, q->start_ms / 10 * 10);
      assert_int_equal(ev->Start + ev->Duration, q->end_ms / 10 * 10);
      assert_string_equal(a.t->styles[ev->Style].Name, names[q->speaker]);
      int changed = 0;
      ASS_Image *img = ass_render_frame(a.r, a.t, ev->Start + ev->Duration / 2, &changed);
      assert_non_null(img);
    }
    assert_int_equal(a.warnings, 0);
    lass_close(&a);
    free(text);
  }
  fx_free(&f);
}

/* Speaker colours are written blue first: yellow 0xFFFF00 is &H0000FFFF. */
static void test_colours(void **state) {
  (void)state;
  fx f;
  fx_build(&f, names, roles, 3, turns, 3);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  f.colours[2] = 0x123456;
  vc_doc d = fx_doc(&f, 0);
  vc_status st;
  char *text = fx_write(vc_write_ass, &d, &st);
  lass a;
  lass_open(&a, text, strlen(text));
  for (int s = 0; s < a.t->n_styles; s++) {
    if (strcmp(a.t->styles[s].Name, "Narrator") == 0)
      assert_int_equal(a.t->styles[s].PrimaryColour, 0xFFFF0000u); /* RGBA in libass */
    if (strcmp(a.t->styles[s].Name, "The Interviewer") == 0)
      assert_int_equal(a.t->styles[s].PrimaryColour, 0x12345600u);
  }
  lass_close(&a);
  free(text);
  fx_free(&f);
}

/* Untrusted names and text: one event per cue, each on the style of its speaker (comma
 * in the name replaced by U+201A), and the text drawn at the bottom (no {\an8} obeyed). */
static void test_untrusted(void **state) {
  (void)state;
  static const char *const nm[] = {"Narrator", "Smith, Jones & Co", "A\nB {x}"};
  static const fx_turn t[] = {
      {1, "Say {\\an8}X and {\\pos(0,0)}Y."},
      {2, "Then \\N and {\\b1} 00:00:01,000 --> 00:00:02,000"},
  };
  fx f;
  fx_build(&f, nm, roles, 3, t, 2);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  vc_doc d = fx_doc(&f, 0);
  vc_status st;
  char *text = fx_write(vc_write_ass, &d, &st);
  lass a;
  lass_open(&a, text, strlen(text));
  assert_int_equal(a.t->n_events, (int)f.cues->n);
  assert_int_equal(a.t->n_styles, 4);
  for (int e = 0; e < a.t->n_events; e++) {
    const ASS_Event *ev = &a.t->events[e];
    const char *want = f.cues->cues[e].speaker == 1
                           ? "Smith\xE2\x80\x9A Jones & Co"
                           : "A B {x}"; /* line break made a space */
    assert_string_equal(a.t->styles[ev->Style].Name, want);
    assert_string_equal(ev->Name, want);
    int changed = 0;
    for (ASS_Image *img =
             ass_render_frame(a.r, a.t, ev->Start + ev->Duration / 2, &changed);
         img; img = img->next)
      assert_true(img->dst_y > 540);
  }
  assert_int_equal(a.warnings, 0);
  lass_close(&a);
  free(text);
  fx_free(&f);
}

/* Names libass would resolve to its own built-in style ("default" in another case than
 * "Default", a leading '*') still get their speaker's style (issue 11). */
static void test_names_libass_reserves(void **state) {
  (void)state;
  static const char *const nm[] = {"Narrator", "default", "*Star"};
  static const fx_turn t[] = {{1, "Hello there."}, {2, "Hello back."}};
  fx f;
  fx_build(&f, nm, roles, 3, t, 2);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  f.colours[1] = 0x112233;
  f.colours[2] = 0x445566;
  vc_doc d = fx_doc(&f, 0);
  vc_status st;
  char *text = fx_write(vc_write_ass, &d, &st);
  lass a;
  lass_open(&a, text, strlen(text));
  assert_int_equal(a.t->n_events, (int)f.cues->n);
  for (int e = 0; e < a.t->n_events; e++) {
    const ASS_Style *s = &a.t->styles[a.t->events[e].Style];
    unsigned want = f.cues->cues[e].speaker == 1 ? 0x11223300u : 0x44556600u;
    assert_int_not_equal(a.t->events[e].Style, 0); /* 0: libass's built-in Default */
    assert_int_equal(s->PrimaryColour, want);
  }
  lass_close(&a);
  free(text);
  fx_free(&f);
}

/* Karaoke of a cue shown after its first words were spoken (the builder never does
 * this, but cues reach the writer through the public API): no word fills before the
 * event starts, so the \kf times add up to at most the event's length. */
static void test_karaoke_late_cue(void **state) {
  (void)state;
  fx f;
  fx_build(&f, names, roles, 3, turns, 3);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  vc_cue *q = &f.cues->cues[1];
  assert_true(q->line_words[0] + q->line_words[1] > 3);
  q->start_ms = q->word_ms[2] + 10; /* two words spoken before it shows */
  f.cues->cues[0].end_ms = q->start_ms;
  vc_doc d = fx_doc(&f, VC_DOC_KARAOKE);
  vc_status st;
  char *text = fx_write(vc_write_ass, &d, &st);
  assert_int_equal(st, VC_OK);
  const char *ev = strstr(text, "Dialogue:");
  assert_non_null(ev);
  ev = strstr(ev + 1, "Dialogue:"); /* the second event is cue 2 */
  assert_non_null(ev);
  const char *stop = strchr(ev, '\n');
  long sum = 0;
  for (const char *k = strstr(ev, "{\\kf"); k && k < stop; k = strstr(k + 1, "{\\kf")) {
    long cs = strtol(k + 4, NULL, 10);
    assert_true(cs >= 0);
    sum += cs;
  }
  int64_t shown =
      (q->speech_end_ms < q->end_ms ? q->speech_end_ms : q->end_ms) / 10 - q->start_ms / 10;
  assert_true(sum > 0 && sum <= shown);
  lass a;
  lass_open(&a, text, strlen(text));
  assert_int_equal(a.warnings, 0);
  lass_close(&a);
  free(text);
  fx_free(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_events_match_cues),
      cmocka_unit_test(test_colours),
      cmocka_unit_test(test_untrusted),
      cmocka_unit_test(test_karaoke_late_cue),
      cmocka_unit_test(test_names_libass_reserves),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
