/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test tool: checks the shape and the time order of NAME.json sync maps (DESIGN.md). */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Usage: vc_syncmap_check [--count] MAP.json...
 *
 * --count prints the number of cues of each map, one a line, and checks nothing else
 * (scripts compare it with other tools' counts).
 *
 * Otherwise each map must have: "source" and "audio" strings, an integer "sample_rate"
 * > 0, a "duration" >= 0; "speakers" [{id, name, role, voice}]; "turns" [{speaker, role,
 * start, end, source_start, source_end, text, words [{text, start, end}]}]; "cues"
 * [{start, end, speaker, lines [1 or 2 non-empty strings]}]. A speaker reference is an
 * id of "speakers" (or a name, if a writer prefers names). Roles are narrator,
 * interviewer, interviewee or quote. Times lie in [0, duration] with start <= end;
 * turns, their words, and cues come in time order without overlapping; every word lies
 * inside its turn; source_start < source_end, non-decreasing from turn to turn, except in
 * a turn marked "announcement": true (voicecap's narrator naming the next speaker), which
 * has no source span. Times are
 * compared with 1 ms of slack: they are written with 3 decimals, and a writer may round
 * a start down and an end up.
 *
 * Prints one line per map ("ok" with counts, or "FAIL" and the first problems); exits 1
 * when any map failed, 2 on a usage error.
 */

#define SLACK_S 0.0011

enum { MAX_LISTED = 8 };

/* Problems found in one map; only the first few are kept, to print after the summary. */
typedef struct vc_report {
  int n;
  char text[MAX_LISTED][240];
} vc_report;

static void problem(vc_report *r, const char *fmt, ...) {
  if (r->n++ >= MAX_LISTED)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->text[r->n - 1], sizeof r->text[0], fmt, ap);
  va_end(ap);
}

static const char *const vc_roles[] = {"narrator", "interviewer", "interviewee", "quote"};

static int is_role(const json_t *v) {
  if (!json_is_string(v))
    return 0;
  for (size_t i = 0; i < sizeof vc_roles / sizeof vc_roles[0]; i++)
    if (strcmp(json_string_value(v), vc_roles[i]) == 0)
      return 1;
  return 0;
}

/* Reads a [start, end] pair of `o` and checks it lies in [0, duration]. */
static int span_of(vc_report *r, const json_t *o, double dur, const char *what, size_t i,
                   double *s, double *e) {
  const json_t *js = json_object_get(o, "start"), *je = json_object_get(o, "end");
  if (!json_is_number(js) || !json_is_number(je)) {
    problem(r, "%s %zu: no numeric start/end", what, i + 1);
    return -1;
  }
  *s = json_number_value(js);
  *e = json_number_value(je);
  if (*s < 0 || *s > *e + SLACK_S || *e > dur + SLACK_S) {
    problem(r, "%s %zu: %.3f..%.3f is not a span inside 0..%.3f", what, i + 1, *s, *e, dur);
    return -1;
  }
  return 0;
}

static int speaker_ok(const json_t *speakers, const json_t *ref) {
  for (size_t i = 0; i < json_array_size(speakers); i++) {
    const json_t *sp = json_array_get(speakers, i);
    if (json_is_integer(ref) &&
        json_integer_value(ref) == json_integer_value(json_object_get(sp, "id")))
      return 1;
    if (json_is_string(ref) && json_equal((json_t *)ref, json_object_get(sp, "name")))
      return 1;
  }
  return 0;
}

static void check_speakers(vc_report *r, const json_t *speakers) {
  if (!json_is_array(speakers) || json_array_size(speakers) == 0) {
    problem(r, "\"speakers\" is not a non-empty array");
    return;
  }
  for (size_t i = 0; i < json_array_size(speakers); i++) {
    const json_t *sp = json_array_get(speakers, i);
    if (!json_is_integer(json_object_get(sp, "id")) ||
        !json_is_string(json_object_get(sp, "name")) ||
        !is_role(json_object_get(sp, "role")) ||
        !json_is_string(json_object_get(sp, "voice")))
      problem(r, "speaker %zu: wants integer id, name, a known role, voice", i + 1);
  }
}

static void check_words(vc_report *r, const json_t *turn, size_t ti, double ts, double te,
                        double dur) {
  const json_t *words = json_object_get(turn, "words");
  if (!json_is_array(words) || json_array_size(words) == 0) {
    problem(r, "turn %zu: \"words\" is not a non-empty array", ti + 1);
    return;
  }
  double prev_end = ts;
  for (size_t i = 0; i < json_array_size(words); i++) {
    const json_t *w = json_array_get(words, i);
    double s, e;
    if (!json_is_string(json_object_get(w, "text"))) {
      problem(r, "turn %zu word %zu: no text", ti + 1, i + 1);
      continue;
    }
    if (span_of(r, w, dur, "word", i, &s, &e) != 0)
      continue;
    if (s + SLACK_S < prev_end || e > te + SLACK_S)
      problem(r,
              "turn %zu (%.3f..%.3f) word %zu \"%s\" at %.3f..%.3f: out of order or "
              "outside its turn",
              ti + 1, ts, te, i + 1, json_string_value(json_object_get(w, "text")), s, e);
    prev_end = e;
  }
}

static void check_turns(vc_report *r, const json_t *turns, const json_t *speakers,
                        double dur) {
  if (!json_is_array(turns) || json_array_size(turns) == 0) {
    problem(r, "\"turns\" is not a non-empty array");
    return;
  }
  double prev_end = 0.0;
  json_int_t prev_src = 0;
  for (size_t i = 0; i < json_array_size(turns); i++) {
    const json_t *t = json_array_get(turns, i);
    const json_t *ss = json_object_get(t, "source_start"),
                 *se = json_object_get(t, "source_end");
    double s, e;
    if (!speaker_ok(speakers, json_object_get(t, "speaker")) ||
        !is_role(json_object_get(t, "role")) || !json_is_string(json_object_get(t, "text")))
      problem(r, "turn %zu: wants a known speaker, a known role and text", i + 1);
    if (json_is_true(json_object_get(t, "announcement"))) {
      if (ss || se)
        problem(r, "turn %zu: an announcement has no source span", i + 1);
    } else if (!json_is_integer(ss) || !json_is_integer(se) ||
               json_integer_value(ss) >= json_integer_value(se) ||
               json_integer_value(ss) < prev_src)
      problem(r, "turn %zu: source_start/source_end missing, empty or out of order", i + 1);
    else
      prev_src = json_integer_value(ss);
    if (span_of(r, t, dur, "turn", i, &s, &e) != 0)
      continue;
    if (s + SLACK_S < prev_end)
      problem(r, "turn %zu starts at %.3f, before the previous one ends (%.3f)", i + 1, s,
              prev_end);
    prev_end = e;
    check_words(r, t, i, s, e, dur);
  }
}

static void check_lines(vc_report *r, const json_t *cue, size_t i) {
  const json_t *lines = json_object_get(cue, "lines");
  size_t n = json_array_size(lines);
  if (!json_is_array(lines) || n < 1 || n > 2) {
    problem(r, "cue %zu: \"lines\" wants 1 or 2 strings", i + 1);
    return;
  }
  for (size_t k = 0; k < n; k++) {
    const json_t *l = json_array_get(lines, k);
    if (!json_is_string(l) || json_string_length(l) == 0 ||
        strchr(json_string_value(l), '\n'))
      problem(r, "cue %zu line %zu: not a non-empty single-line string", i + 1, k + 1);
  }
}

static void check_cues(vc_report *r, const json_t *cues, const json_t *speakers,
                       double dur) {
  if (!json_is_array(cues) || json_array_size(cues) == 0) {
    problem(r, "\"cues\" is not a non-empty array");
    return;
  }
  double prev_end = 0.0;
  for (size_t i = 0; i < json_array_size(cues); i++) {
    const json_t *c = json_array_get(cues, i);
    double s, e;
    if (!speaker_ok(speakers, json_object_get(c, "speaker")))
      problem(r, "cue %zu: unknown speaker", i + 1);
    check_lines(r, c, i);
    if (span_of(r, c, dur, "cue", i, &s, &e) != 0)
      continue;
    if (s + SLACK_S < prev_end)
      problem(r, "cue %zu starts at %.3f, before cue %zu ends (%.3f)", i + 1, s, i,
              prev_end);
    prev_end = e;
  }
}

static int check_map(const char *path, int count_only) {
  json_error_t jerr;
  json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
  if (!root) {
    printf("FAIL %s: not JSON: line %d: %s\n", path, jerr.line, jerr.text);
    return 1;
  }
  const json_t *cues = json_object_get(root, "cues");
  if (count_only) {
    int bad = !json_is_array(cues);
    printf("%zu\n", json_array_size(cues));
    json_decref(root);
    return bad;
  }
  vc_report r = {.n = 0};
  const json_t *rate = json_object_get(root, "sample_rate"),
               *dur = json_object_get(root, "duration");
  if (!json_is_string(json_object_get(root, "source")) ||
      !json_is_string(json_object_get(root, "audio")))
    problem(&r, "\"source\" and \"audio\" want strings");
  if (!json_is_integer(rate) || json_integer_value(rate) <= 0)
    problem(&r, "\"sample_rate\" wants an integer > 0");
  if (!json_is_number(dur) || json_number_value(dur) < 0)
    problem(&r, "\"duration\" wants a number >= 0");
  double d = json_number_value(dur);
  const json_t *speakers = json_object_get(root, "speakers");
  check_speakers(&r, speakers);
  check_turns(&r, json_object_get(root, "turns"), speakers, d);
  check_cues(&r, cues, speakers, d);
  printf("%s %s: %zu speakers, %zu turns, %zu cues, %.3f s, %d problems\n",
         r.n ? "FAIL" : "ok  ", path, json_array_size(speakers),
         json_array_size(json_object_get(root, "turns")), json_array_size(cues), d, r.n);
  for (int k = 0; k < r.n && k < MAX_LISTED; k++)
    printf("     %s\n", r.text[k]);
  if (r.n > MAX_LISTED)
    printf("     ... and %d more\n", r.n - MAX_LISTED);
  json_decref(root);
  return r.n != 0;
}

int main(int argc, char **argv) {
  int count_only = 0, i = 1;
  if (i < argc && strcmp(argv[i], "--count") == 0) {
    count_only = 1;
    i++;
  }
  if (i == argc || argv[i][0] == '-') {
    fprintf(stderr, "usage: vc_syncmap_check [--count] MAP.json...\n");
    return 2;
  }
  int failed = 0;
  for (; i < argc; i++)
    failed |= check_map(argv[i], count_only);
  return failed ? 1 : 0;
}
