/* The player page, chapters and colour contrast writers on hand-made scripts. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "caps_fixture.h"
#include "writers_internal.h"

static const vc_role roles[] = {VC_ROLE_NARRATOR, VC_ROLE_INTERVIEWEE, VC_ROLE_INTERVIEWER};
static const char *const names[] = {"Narrator", "Smith, Jones & Co <Ltd>", "A \"B\" 'C'"};
static const fx_turn turns[] = {
    {1, "Say {\\an8} then <b>tag</b> <script>x</script> & &amp; &lt;."},
    {2, "Does --> or \\N survive? </script><!-- <v Other>"},
    {1, "Two paragraphs.\nThe second one."},
};

static size_t count(const char *s, const char *what) {
  size_t n = 0;
  for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
    n++;
  return n;
}

static char *render(fx *f, vc_status (*fn)(FILE *, const vc_doc *)) {
  fx_build(f, names, roles, 3, turns, 3);
  assert_int_equal(vc_cues_build(&f->script, &f->tl, &f->cues), VC_OK);
  vc_doc d = fx_doc(f, 0);
  vc_status st;
  char *out = fx_write(fn, &d, &st);
  assert_int_equal(st, VC_OK);
  assert_non_null(out);
  return out;
}

/* The article's text is text: no tag, script or comment of its own reaches the page. */
static void test_page_escapes(void **state) {
  (void)state;
  fx f;
  char *page = render(&f, vc_write_html);
  assert_null(strstr(page, "{{"));
  assert_int_equal(count(page, "<script"), 2); /* the data and the page's own code */
  assert_int_equal(count(page, "</script"), 2);
  assert_int_equal(count(page, "<!--"), 1); /* the template's own comment */
  assert_null(strstr(page, "<b>tag"));
  assert_null(strstr(page, "<v Other>"));
  assert_non_null(strstr(page, "&lt;b&gt;tag&lt;/b&gt;"));
  assert_non_null(strstr(page, "&lt;script&gt;x&lt;/script&gt;"));
  assert_non_null(strstr(page, "&amp;amp;"));
  assert_non_null(strstr(page, "Smith, Jones &amp; Co &lt;Ltd&gt;"));
  assert_non_null(strstr(page, "A &quot;B&quot; &#39;C&#39;"));
  /* the JSON inside <script> holds no '<' at all */
  const char *data = strstr(page, "id=\"vc-data\">");
  assert_non_null(data);
  const char *end = strstr(data, "</script>");
  for (const char *p = data + 13; p < end; p++)
    assert_true(*p != '<');
  assert_non_null(strstr(data, "\\u003cscript\\u003e"));
  free(page);
  fx_free(&f);
}

/* One section per turn with its start, one span per timeline word, paragraphs kept. */
static void test_page_structure(void **state) {
  (void)state;
  fx f;
  char *page = render(&f, vc_write_html);
  assert_int_equal(count(page, "<section class=\"turn s"), 3);
  assert_int_equal(count(page, "data-start=\""), 6); /* each section and its button */
  assert_int_equal(count(page, "<span class=\"w\">"), f.tl.n_words);
  assert_int_equal(count(page, "<p><span class=\"w\">"), 4);
  assert_non_null(strstr(page, "<html lang=\"en"));
  assert_non_null(strstr(page, "src=\"interview.wav\""));
  assert_non_null(strstr(page, "\"chaptersFile\":\"interview.chapters.vtt\""));
  free(page);
  fx_free(&f);
}

/* One chapter per turn, turn to turn, titled "Name: first words" of the turn's first
 * paragraph, escaped for WebVTT. */
static void test_chapters(void **state) {
  (void)state;
  fx f;
  char *text = render(&f, vc_write_chapters);
  assert_int_equal(strncmp(text, "WEBVTT\n\n", 8), 0);
  assert_int_equal(count(text, " --> "), 3);
  assert_non_null(strstr(text, "turn-1\n"));
  assert_non_null(
      strstr(text, "Smith, Jones &amp; Co &lt;Ltd&gt;: Say {\\an8} then &lt;b&gt;"));
  assert_non_null(strstr(text, "Co &lt;Ltd&gt;: Two paragraphs.\n\n"));
  assert_null(strstr(text, "<b>"));
  free(text);
  fx_free(&f);
}

/* An announcement is no chapter: the chapter of the turn it names starts with it, in
 * NAME.chapters.vtt and in the page's own copy alike. */
static void test_chapters_announcement(void **state) {
  (void)state;
  static const fx_turn said[] = {
      {0, "A short introduction to the talk."},
      {0, "Smith."},
      {1, "Thank you for having me."},
      {2, "Welcome."},
  };
  fx f;
  fx_build(&f, names, roles, 3, said, 4);
  f.script.turns[1].announcement = 1;
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  vc_doc d = fx_doc(&f, 0);
  vc_status st;
  char *text = fx_write(vc_write_chapters, &d, &st);
  assert_int_equal(st, VC_OK);
  char *page = fx_write(vc_write_html, &d, &st);
  assert_int_equal(st, VC_OK);
  char a[32], z[32], want[160];
  vc_cap_time_ms(a, sizeof a, vc_turn_start_ms(&d, 1), '.');
  vc_cap_time_ms(z, sizeof z, vc_turn_start_ms(&d, 3), '.');
  snprintf(want, sizeof want, "turn-3\n%s --> %s\nSmith, Jones &amp; Co &lt;Ltd&gt;: Thank",
           a, z);
  assert_int_equal(count(text, " --> "), 3);
  assert_null(strstr(text, "turn-2\n"));
  assert_non_null(strstr(text, want));
  assert_int_equal(count(page, "\"id\":\"turn-"), 3);
  assert_null(strstr(page, "\"id\":\"turn-2\""));
  snprintf(want, sizeof want, "{\"s\":%lld,\"e\":%lld,\"t\":\"Smith",
           (long long)vc_turn_start_ms(&d, 1), (long long)vc_turn_start_ms(&d, 3));
  assert_non_null(strstr(page, want));
  free(text);
  free(page);
  fx_free(&f);
}

static void test_contrast(void **state) {
  (void)state;
  assert_true(vc_contrast_ratio(0xFFFFFF, 0x000000) > 20.99);
  assert_true(vc_contrast_ratio(0x777777, 0xFFFFFF) < 4.5); /* the classic near miss */
  const unsigned bg[] = {0x000000, 0x111111, 0x262626};
  assert_int_equal(vc_colour_for_contrast(0xFFFF00, bg, 3, 4.5), 0xFFFF00);
  unsigned blue = vc_colour_for_contrast(0x0000FF, bg, 3, 4.5);
  assert_true(blue != 0x0000FF);
  for (size_t i = 0; i < 3; i++)
    assert_true(vc_contrast_ratio(blue, bg[i]) >= 4.5);
  assert_true((blue & 0xFF) == 0xFF); /* lightened, still blue */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_page_escapes), cmocka_unit_test(test_page_structure),
      cmocka_unit_test(test_chapters),     cmocka_unit_test(test_chapters_announcement),
      cmocka_unit_test(test_contrast),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
