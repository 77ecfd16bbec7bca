/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ASS escaping checked by rendering with libass: text from the article that looks like
 * override tags or \N, \n, \h escapes must be drawn as typed. Each check also renders the
 * raw text to show the check would catch an unescaped writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ass/ass.h>

#include "caps_fixture.h"

typedef struct box {
  int x0, y0, x1, y1, images;
} box;

typedef struct lass {
  ASS_Library *lib;
  ASS_Renderer *r;
} lass;

static const char head[] =
    "[Script Info]\nScriptType: v4.00+\nWrapStyle: 2\nScaledBorderAndShadow: yes\n"
    "PlayResX: 1920\nPlayResY: 1080\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, "
    "PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, "
    "StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, "
    "MarginL, MarginR, MarginV, Encoding\nStyle: S,DejaVu Sans,60,&H00FFFFFF,&H00A0A0A0,"
    "&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,3,1,2,120,120,60,1\n\n[Events]\nFormat: "
    "Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    "Dialogue: 0,0:00:00.00,0:00:10.00,S,S,0,0,0,,";

static void quiet(int level, const char *fmt, va_list va, void *data) {
  (void)data;
  if (level <= 2) { /* warnings and errors */
    vfprintf(stderr, fmt, va);
    fputc('\n', stderr);
  }
}

static int setup(void **state) {
  lass *a = calloc(1, sizeof *a);
  a->lib = ass_library_init();
  ass_set_message_cb(a->lib, quiet, NULL);
  a->r = ass_renderer_init(a->lib);
  ass_set_frame_size(a->r, 1920, 1080);
  ass_set_fonts(a->r, NULL, "DejaVu Sans", ASS_FONTPROVIDER_AUTODETECT, NULL, 1);
  *state = a;
  return 0;
}

static int teardown(void **state) {
  lass *a = *state;
  ass_renderer_done(a->r);
  ass_library_done(a->lib);
  free(a);
  return 0;
}

/* Bounding box of what libass draws for one event whose Text field is `text`. */
static box render_raw(lass *a, const char *text) {
  vc_sbuf s = {0};
  vc_sbuf_adds(&s, head);
  vc_sbuf_adds(&s, text);
  vc_sbuf_addc(&s, '\n');
  ASS_Track *t = ass_read_memory(a->lib, s.s, s.len, NULL);
  assert_non_null(t);
  assert_int_equal(t->n_events, 1);
  int changed = 0;
  box b = {1 << 30, 1 << 30, -1, -1, 0};
  for (ASS_Image *i = ass_render_frame(a->r, t, 5000, &changed); i; i = i->next) {
    if (i->w <= 0 || i->h <= 0)
      continue;
    b.images++;
    b.x0 = i->dst_x < b.x0 ? i->dst_x : b.x0;
    b.y0 = i->dst_y < b.y0 ? i->dst_y : b.y0;
    b.x1 = i->dst_x + i->w > b.x1 ? i->dst_x + i->w : b.x1;
    b.y1 = i->dst_y + i->h > b.y1 ? i->dst_y + i->h : b.y1;
  }
  ass_free_track(t);
  vc_sbuf_free(&s);
  return b;
}

static box render_escaped(lass *a, const char *text) {
  vc_sbuf s = {0};
  vc_ass_put_escaped(&s, text, strlen(text));
  box b = render_raw(a, s.s);
  vc_sbuf_free(&s);
  return b;
}

static int width(box b) {
  return b.x1 - b.x0;
}

static int height(box b) {
  return b.y1 - b.y0;
}

/* {\an8} would move the cue to the top and hide itself; escaped it stays at the bottom
 * and its characters take room. */
static void test_override_block_shown(void **state) {
  lass *a = *state;
  box raw = render_raw(a, "{\\an8}Xy");
  box esc = render_escaped(a, "{\\an8}Xy");
  box plain = render_raw(a, "Xy");
  assert_true(raw.y1 < 540);                  /* the control: libass obeys the raw tag */
  assert_true(esc.y0 > 540);                  /* escaped: still at the bottom */
  assert_true(width(esc) > 3 * width(plain)); /* "{\an8}" is drawn */
}

/* {\b1}bold{\b0}: escaped, the tags are drawn and the word is not bold. */
static void test_bold_tags_shown(void **state) {
  lass *a = *state;
  box raw = render_raw(a, "{\\b1}bold{\\b0}");
  box esc = render_escaped(a, "{\\b1}bold{\\b0}");
  box tags = render_raw(a, "\\b1bold\\b0");
  assert_true(width(raw) < width(tags));
  assert_true(width(esc) > width(tags));
}

/* \N, \n and \h are drawn as a backslash and a letter on one line; U+2060 shows
 * nothing (no box from a missing glyph): widths match the same text with 'x'. */
static void test_backslash_sequences_shown(void **state) {
  lass *a = *state;
  static const char *const seq[] = {"N", "n", "h"};
  box one = render_raw(a, "ab");
  box two = render_raw(a, "a\\Nb");
  assert_true(height(two) > height(one) * 3 / 2); /* the control: \N breaks the line */
  for (size_t i = 0; i < 3; i++) {
    char text[16], ref[16];
    snprintf(text, sizeof text, "a\\%sb", seq[i]);
    snprintf(ref, sizeof ref, "a\\x%sb", seq[i]); /* same glyphs plus an 'x' */
    box esc = render_escaped(a, text);
    box r = render_raw(a, ref);
    box x = render_raw(a, "axb"), l = render_raw(a, "ab");
    int expect = width(r) - (width(x) - width(l)); /* minus the advance of 'x' */
    fprintf(stderr, "%s: escaped %d, expected %d\n", seq[i], width(esc), expect);
    assert_true(height(esc) < height(one) * 3 / 2);
    assert_in_range(width(esc), expect - 3, expect + 3);
  }
}

/* Unbalanced braces and a trailing backslash: all characters drawn. */
static void test_lone_braces(void **state) {
  lass *a = *state;
  box esc = render_escaped(a, "a{b");
  box raw = render_raw(a, "a{b");
  box ab = render_raw(a, "ab");
  assert_true(width(raw) > width(ab)); /* libass shows a lone '{' */
  assert_true(width(esc) > width(ab));
  box close = render_escaped(a, "a}b{c}d");
  box abcd = render_raw(a, "abcd");
  assert_true(width(close) > width(abcd) + 20);
  box slash = render_escaped(a, "end\\");
  box end = render_raw(a, "end");
  assert_true(width(slash) > width(end));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_override_block_shown),
      cmocka_unit_test(test_bold_tags_shown),
      cmocka_unit_test(test_backslash_sequences_shown),
      cmocka_unit_test(test_lone_braces),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
