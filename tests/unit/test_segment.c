/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The segmenter on small inputs: BOM, empty input, labels, boilerplate, quotations, and
 * arbitrary bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "seg_fixture.h"

static const char *spk(const vc_script *s, size_t turn) {
  return s->speakers[s->turns[turn].speaker].name;
}

static void test_bom_and_span(void **state) {
  (void)state;
  const char *text = "\xEF\xBB\xBFThe film opens today in ten cities.\n";
  vc_script *s = seg(text);
  assert_int_equal(s->n_turns, 1);
  assert_int_equal(s->turns[0].src_start, 3);
  assert_int_equal(s->turns[0].src_end, strlen(text) - 1);
  assert_string_equal(s->turns[0].text, "The film opens today in ten cities.");
  assert_string_equal(s->speakers[0].name, "Narrator");
  vc_script_free(s);
}

static void test_empty(void **state) {
  (void)state;
  vc_script *s = NULL;
  assert_int_equal(vc_segment("", 0, &s, NULL), VC_ERR_EMPTY);
  assert_null(s);
  const char *only_junk = "\n\nRead more: the best films of the year\n\nAdvertisement\n";
  assert_int_equal(vc_segment(only_junk, strlen(only_junk), &s, NULL), VC_ERR_EMPTY);
  assert_null(s);
}

static void test_full_labels(void **state) {
  (void)state;
  const char *text = "Mara Quill has a new novel out. Quill spoke to us from Lisbon.\n\n"
                     "INTERVIEWER: What made you write it?\n\n"
                     "QUILL: A long winter, mostly.\n\n"
                     "INTERVIEWER: And the ending?\n\n"
                     "QUILL: That came last.\n";
  vc_script *s = seg(text);
  assert_int_equal(s->n_turns, 5);
  assert_int_equal(s->turns[0].role, VC_ROLE_NARRATOR);
  assert_int_equal(s->turns[1].role, VC_ROLE_INTERVIEWER);
  assert_int_equal(s->turns[2].role, VC_ROLE_INTERVIEWEE);
  assert_string_equal(spk(s, 2), "Mara Quill");
  assert_string_equal(s->turns[2].text, "A long winter, mostly.");
  /* the label is not part of the turn */
  assert_memory_equal(text + s->turns[2].src_start, "A long", 6);
  vc_script_free(s);
}

static void test_quote_attribution(void **state) {
  (void)state;
  const char *text = "Tomas Reyes directed the play. “It was a long year,” Reyes says. "
                     "“But we made it.”\n";
  vc_script *s = seg(text);
  assert_int_equal(s->n_turns, 4);
  assert_int_equal(s->turns[1].role, VC_ROLE_QUOTE);
  assert_string_equal(spk(s, 1), "Tomas Reyes");
  assert_string_equal(s->turns[1].text, "“It was a long year,”");
  assert_string_equal(s->turns[2].text, "Reyes says.");
  assert_int_equal(s->turns[3].role, VC_ROLE_QUOTE);
  assert_string_equal(spk(s, 3), "Tomas Reyes");
  vc_script_free(s);
}

static void test_scare_quotes_stay(void **state) {
  (void)state;
  const char *text = "Critics called “The Long Night” an “instant classic.”\n";
  vc_script *s = seg(text);
  assert_int_equal(s->n_turns, 1);
  assert_int_equal(s->turns[0].role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

static void test_q_a_named_from_intro(void **state) {
  (void)state;
  const char *text = "Potter Ines Halloran fires her kilns with wood. Halloran spoke with "
                     "The Clay Quarterly about smoke.\n\n"
                     "Q: Why wood?\n\nA: Because the ash glazes for me.\n\n"
                     "Q: Tell me about the smoke.\n\nA: It gets into everything, even the "
                     "pots.\n";
  vc_script *s = seg(text);
  const vc_turn *q = turn_at(s, "Why wood?");
  assert_int_equal(q->role, VC_ROLE_INTERVIEWER);
  assert_string_equal(name_of(s, q), "The Clay Quarterly");
  const vc_turn *a = turn_at(s, "Because the ash");
  assert_int_equal(a->role, VC_ROLE_INTERVIEWEE);
  assert_string_equal(name_of(s, a), "Ines Halloran");
  assert_int_equal(turn_at(s, "Tell me about")->role, VC_ROLE_INTERVIEWER);
  vc_script_free(s);
}

static void test_label_lines_timestamps_panel(void **state) {
  (void)state;
  const char *text =
      "Two hosts and a guest.\n\n"
      "MARA OKON [00:00:03]\nWelcome to the show. I'm Mara.\n\n"
      "LEV DUNN [00:00:06]\nAnd I'm Lev. Our guest builds violins.\n\n"
      "SAOIRSE BELL [00:00:10]\nHello. I have built violins for thirty years "
      "and [02:15] every one of them has surprised me in some way.\n\n"
      "LEV DUNN [00:00:40]\nWhich one surprised you most?\n\n"
      "SAOIRSE BELL [00:00:44]\nThe first, because it worked at all. I had no "
      "idea what I was doing and the spruce forgave me for it.\n\n"
      "MARA OKON [00:01:20]\nThank you, Saoirse.\n";
  vc_script *s = seg(text);
  const vc_turn *t = turn_at(s, "Welcome to the show.");
  assert_int_equal(t->role, VC_ROLE_INTERVIEWER);
  assert_string_equal(name_of(s, t), "Mara Okon");
  assert_int_equal(turn_at(s, "And I'm Lev.")->role, VC_ROLE_INTERVIEWER);
  t = turn_at(s, "Hello. I have built");
  assert_int_equal(t->role, VC_ROLE_INTERVIEWEE);
  assert_string_equal(name_of(s, t), "Saoirse Bell");
  /* the timestamp inside the turn is not in the display text */
  assert_null(strstr(t->text, "02:15"));
  assert_non_null(strstr(t->text, "years and every one"));
  vc_script_free(s);
}

static void test_period_and_dash_labels(void **state) {
  (void)state;
  const char *dots = "Ruth Abara and Cole Finch talked about bridges.\n\n"
                     "ABARA. What is a bridge for?\n\nFINCH. Crossing, and being seen to "
                     "cross. I think that second part matters more than we admit.\n\n"
                     "ABARA. You sound like a poet.\n\nFINCH. I am an engineer who reads "
                     "too much poetry, which is a different thing entirely.\n";
  vc_script *s = seg(dots);
  assert_string_equal(name_of(s, turn_at(s, "What is a bridge")), "Ruth Abara");
  assert_int_equal(turn_at(s, "Crossing, and")->role, VC_ROLE_INTERVIEWEE);
  assert_string_equal(name_of(s, turn_at(s, "Crossing, and")), "Cole Finch");
  vc_script_free(s);
  const char *dashes = "Notes from a studio visit.\n\n"
                       "Nell Arkwright — How long have you been weaving?\n\n"
                       "Tomas Eide — Since I was six. My grandmother tied my first knot "
                       "for me and I have been untying it ever since.\n\n"
                       "Nell Arkwright — And the big loom?\n\n"
                       "Tomas Eide — That came from a school that closed down.\n";
  s = seg(dashes);
  assert_int_equal(turn_at(s, "How long")->role, VC_ROLE_INTERVIEWER);
  assert_string_equal(name_of(s, turn_at(s, "Since I was six")), "Tomas Eide");
  vc_script_free(s);
}

static void test_boilerplate_kinds(void **state) {
  (void)state;
  const char *text = "Headline Without a Period\n"
                     "By Jo Lark\n"
                     "May 3, 2022 at 9:00 a.m. ET\n\n"
                     "The first real paragraph of the story.\n\n"
                     "Read more: Other stories you will like\n\n"
                     "glassblower-studio-03\n\n"
                     "A glassblower at work in her studio.\n"
                     "Credit: Kim Vo for the Paper\n\n"
                     "[Note: Quotes have been condensed.]\n\n"
                     "The last paragraph of the story.\n\n"
                     "Sign up for our newsletter\n";
  vc_script *s = seg(text);
  for (size_t i = 0; i < s->n_turns; i++) {
    const char *t = s->turns[i].text;
    assert_int_equal(s->turns[i].role, VC_ROLE_NARRATOR);
    assert_null(strstr(t, "Jo Lark"));
    assert_null(strstr(t, "2022"));
    assert_null(strstr(t, "Read more"));
    assert_null(strstr(t, "glassblower-"));
    assert_null(strstr(t, "at work in her studio"));
    assert_null(strstr(t, "Credit"));
    assert_null(strstr(t, "newsletter"));
  }
  assert_non_null(turn_at(s, "Headline Without"));
  assert_non_null(strstr(turn_at(s, "[Note:")->text, "condensed"));
  /* dropped lines break turns: nothing dropped lies inside a turn's span */
  const char *credit = strstr(text, "Credit:");
  for (size_t i = 0; i < s->n_turns; i++)
    assert_false(text + s->turns[i].src_start <= credit &&
                 credit < text + s->turns[i].src_end);
  vc_script_free(s);
}

static void test_quote_forms(void **state) {
  (void)state;
  const char *text =
      "Chef Anika Strom opened her restaurant in 2019 with sommelier Paul Denner.\n\n"
      "“The wine is going to be cheap,” Strom recalled Denner telling her. “Cheap and "
      "good.”\n\n"
      "“We argued for a week,” the chef says, laughing. “As an owner you learn to "
      "lose.\n\n"
      "“Then you learn to win again.”\n\n"
      "Critics called the room an “instant classic.”\n";
  vc_script *s = seg(text);
  const vc_turn *t = turn_at(s, "“The wine");
  assert_int_equal(t->role, VC_ROLE_QUOTE);
  assert_string_equal(name_of(s, t), "Paul Denner");
  assert_string_equal(name_of(s, turn_at(s, "“Cheap and")), "Paul Denner");
  assert_string_equal(name_of(s, turn_at(s, "“We argued")), "Anika Strom");
  t = turn_at(s, "“As an owner");
  assert_string_equal(name_of(s, t), "Anika Strom");
  /* a quotation over two paragraphs is one turn, paragraphs split by '\n' */
  assert_non_null(strstr(t->text, "lose.\n“Then you learn"));
  assert_int_equal(turn_at(s, "Critics called")->role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

static void test_headline_is_not_a_label(void **state) {
  (void)state;
  const char *text = "Field Notes: The Owl Survey\n\n"
                     "Volunteers counted owls across the county last winter. The results "
                     "surprised everyone, including the volunteers.\n";
  vc_script *s = seg(text);
  assert_int_equal(s->n_turns, 1);
  assert_int_equal(s->turns[0].role, VC_ROLE_NARRATOR);
  assert_int_equal(s->turns[0].src_start, 0);
  assert_int_equal(s->n_speakers, 1);
  vc_script_free(s);
}

static void test_limits_and_args(void **state) {
  (void)state;
  vc_script *s = NULL;
  assert_int_equal(vc_segment("x", 1, NULL, NULL), VC_ERR_ARG);
  size_t n = ((size_t)1 << 20) + 10;
  char *big = malloc(n);
  assert_non_null(big);
  memset(big, 'a', n);
  vc_diag d = {{0}};
  assert_int_equal(vc_segment(big, n, &s, &d), VC_ERR_LIMIT);
  assert_null(s);
  assert_true(d.msg[0] != 0);
  free(big);
  vc_segment_opts o = {NULL, 1};
  assert_int_equal(vc_segment_with("Plain words here.", 17, &o, &s, NULL), VC_OK);
  assert_int_equal(s->n_turns, 1);
  vc_script_free(s);
}

static void test_single_quote_style(void **state) {
  (void)state;
  const char *text =
      "Fisherman Aled Price has worked these waters for forty years. ‘The sea "
      "has changed,’ Price says. ‘The fish have gone north.’\n\n"
      "The boat, named ‘Morwenna’, is older than the fishermen’s union.\n";
  vc_script *s = seg(text);
  const vc_turn *t = turn_at(s, "‘The sea");
  assert_int_equal(t->role, VC_ROLE_QUOTE);
  assert_string_equal(name_of(s, t), "Aled Price");
  assert_string_equal(t->text, "‘The sea has changed,’");
  assert_string_equal(name_of(s, turn_at(s, "‘The fish")), "Aled Price");
  assert_int_equal(turn_at(s, "The boat")->role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

static void test_markup_labels_and_headings(void **state) {
  (void)state;
  const char *text = "Singer Jo Bell talked to us about touring.\n\n"
                     "**Q:** How is the tour?\n\n**A:** Long, very long, and loud.\n\n"
                     "On the new record\n\n"
                     "**Q:** Was it hard to make?\n\n**JO:** Harder than the tour.\n";
  vc_script *s = seg(text);
  assert_int_equal(turn_at(s, "How is the tour?")->role, VC_ROLE_INTERVIEWER);
  const vc_turn *a = turn_at(s, "Long, very long");
  assert_string_equal(name_of(s, a), "Jo Bell");
  assert_int_equal(turn_at(s, "On the new record")->role, VC_ROLE_NARRATOR);
  a = turn_at(s, "Harder than");
  assert_int_equal(a->role, VC_ROLE_INTERVIEWEE);
  assert_string_equal(name_of(s, a), "Jo Bell");
  vc_script_free(s);
}

/* Arbitrary bytes: any result is fine, as long as the contract holds. */
static void test_random_bytes(void **state) {
  (void)state;
  uint32_t x = 12345;
  char buf[2048];
  for (int round = 0; round < 300; round++) {
    size_t n = (size_t)(round * 7) % sizeof buf;
    for (size_t i = 0; i < n; i++) {
      x = x * 1103515245u + 12345u;
      static const char alphabet[] = "ab AB:.?\n\n\"“”‘’—-[]()0123456789QAZ";
      buf[i] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
    }
    vc_script *s = NULL;
    vc_segment_opts o = {NULL, 1}; /* no dictionary: fast enough for many rounds */
    vc_status st = vc_segment_with(buf, n, &o, &s, NULL);
    assert_true(st == VC_OK || st == VC_ERR_EMPTY);
    for (size_t t = 0; s && t < s->n_turns; t++) {
      assert_true(s->turns[t].speaker < s->n_speakers);
      assert_true(s->turns[t].src_start <= s->turns[t].src_end);
      assert_true(s->turns[t].src_end <= n);
    }
    vc_script_free(s);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bom_and_span),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_full_labels),
      cmocka_unit_test(test_quote_attribution),
      cmocka_unit_test(test_scare_quotes_stay),
      cmocka_unit_test(test_q_a_named_from_intro),
      cmocka_unit_test(test_label_lines_timestamps_panel),
      cmocka_unit_test(test_period_and_dash_labels),
      cmocka_unit_test(test_boilerplate_kinds),
      cmocka_unit_test(test_quote_forms),
      cmocka_unit_test(test_headline_is_not_a_label),
      cmocka_unit_test(test_limits_and_args),
      cmocka_unit_test(test_single_quote_style),
      cmocka_unit_test(test_markup_labels_and_headings),
      cmocka_unit_test(test_random_bytes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
