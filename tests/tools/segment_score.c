/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scores the segmenter against hand-checked turn lists: share of letters given the right
 * role, and of attributed letters given the right speaker. Also dumps turns as TSV.
 *
 *   segment_score --dump FILE
 *   segment_score [-v] [--min-role PCT] [--min-speaker PCT] TEXT EXPECTED [TEXT
 * EXPECTED...]
 *
 * EXPECTED holds one line per turn or dropped stretch, in source order:
 *   role <TAB> speaker <TAB> first words (exactly as in the source)
 * role is narrator, interviewer, interviewee, quote or drop (speaker "-"); '#' starts a
 * comment. Each line's stretch runs from its first words to the next line's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "voicecap/segment.h"

#define ROLE_DROP VC_ROLE_COUNT

typedef struct label {
  int role;            /* vc_role or ROLE_DROP */
  const char *speaker; /* borrowed */
} label;

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (n + 4096 + 1 > cap) {
      cap = cap ? cap * 2 : 65536;
      char *b = realloc(buf, cap);
      if (!b) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = b;
    }
    size_t k = fread(buf + n, 1, 4096, f);
    n += k;
    if (k < 4096)
      break;
  }
  fclose(f);
  buf[n] = 0;
  *len = n;
  return buf;
}

static int role_of(const char *s) {
  for (int r = 0; r < VC_ROLE_COUNT; r++)
    if (strcmp(s, vc_role_name((vc_role)r)) == 0)
      return r;
  return strcmp(s, "drop") == 0 ? ROLE_DROP : -1;
}

static void put_field(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n')
      fputs("\\n", stdout);
    else if (s[i] == '\t')
      fputs("\\t", stdout);
    else
      putchar(s[i]);
  }
}

static int dump(const char *path) {
  size_t len = 0;
  char *src = read_all(path, &len);
  if (!src) {
    fprintf(stderr, "segment_score: cannot read %s\n", path);
    return 2;
  }
  vc_script *s = NULL;
  vc_diag d = {{0}};
  vc_status st = vc_segment(src, len, &s, &d);
  if (st != VC_OK) {
    fprintf(stderr, "segment_score: %s: %s %s\n", path, vc_strerror(st), d.msg);
    free(src);
    return 1;
  }
  for (size_t i = 0; i < s->n_turns; i++) {
    const vc_turn *t = &s->turns[i];
    printf("%zu\t%zu\t%s\t%s\t", t->src_start, t->src_end, vc_role_name(t->role),
           s->speakers[t->speaker].name);
    put_field(t->text, t->text_len);
    putchar('\n');
  }
  vc_script_free(s);
  free(src);
  return 0;
}

/* Fills want[] from the expected list; returns 0 or -1 (reported). */
static int load_expected(const char *path, const char *src, size_t len, label *want,
                         char **keep) {
  size_t n = 0;
  char *e = read_all(path, &n);
  if (!e) {
    fprintf(stderr, "segment_score: cannot read %s\n", path);
    return -1;
  }
  *keep = e;
  size_t pos = 0, prev = 0;
  label cur = {ROLE_DROP, "-"};
  int line_no = 0;
  for (char *line = strtok(e, "\n"); line; line = strtok(NULL, "\n")) {
    line_no++;
    if (line[0] == '#' || line[0] == 0)
      continue;
    char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t2) {
      fprintf(stderr, "%s:%d: want role TAB speaker TAB first words\n", path, line_no);
      return -1;
    }
    *t1 = *t2 = 0;
    int r = role_of(line);
    const char *anchor = t2 + 1;
    const char *at = r >= 0 ? strstr(src + pos, anchor) : NULL;
    if (!at) {
      fprintf(stderr, "%s:%d: %s \"%s\" not found after byte %zu\n", path, line_no,
              r < 0 ? "bad role or" : "", anchor, pos);
      return -1;
    }
    size_t here = (size_t)(at - src);
    for (size_t i = prev; i < here; i++)
      want[i] = cur;
    cur = (label){r, t1 + 1};
    prev = here;
    pos = here + 1;
  }
  for (size_t i = prev; i < len; i++)
    want[i] = cur;
  return 0;
}

static int is_letter_at(const char *s, size_t len, size_t i, size_t *k) {
  utf8proc_int32_t cp = -1;
  utf8proc_ssize_t n =
      utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
  *k = n > 0 ? (size_t)n : 1;
  if (cp < 0)
    return 0;
  utf8proc_category_t c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

typedef struct score {
  size_t letters, role_ok, attributed, speaker_ok;
} score;

static void report_miss(const char *src, size_t a, size_t b, const label *w,
                        const label *g) {
  printf("    %-11s %-22s got %-11s %-22s \"",
         w->role == ROLE_DROP ? "drop" : vc_role_name(w->role), w->speaker,
         g->role == ROLE_DROP ? "drop" : vc_role_name(g->role), g->speaker);
  size_t n = b - a > 70 ? 70 : b - a;
  for (size_t i = 0; i < n; i++)
    putchar(src[a + i] == '\n' ? ' ' : src[a + i]);
  printf("%s\"\n", b - a > 70 ? "..." : "");
}

static void compare(const char *src, size_t len, const label *want, const label *got,
                    score *sc, int verbose) {
  size_t miss_start = len;
  for (size_t i = 0; i < len;) {
    size_t k;
    int letter = is_letter_at(src, len, i, &k);
    int role_ok = want[i].role == got[i].role;
    int attributed = want[i].role == VC_ROLE_INTERVIEWER ||
                     want[i].role == VC_ROLE_INTERVIEWEE || want[i].role == VC_ROLE_QUOTE;
    int spk_ok = strcmp(want[i].speaker, got[i].speaker) == 0;
    if (letter) {
      sc->letters++;
      sc->role_ok += role_ok;
      sc->attributed += attributed;
      sc->speaker_ok += attributed && spk_ok;
    }
    int bad = !role_ok || (attributed && !spk_ok);
    if (verbose && letter && bad && miss_start == len)
      miss_start = i;
    if (verbose && miss_start < len && letter &&
        (!bad || want[i].role != want[miss_start].role ||
         got[i].role != got[miss_start].role ||
         strcmp(got[i].speaker, got[miss_start].speaker) != 0)) {
      report_miss(src, miss_start, i, &want[miss_start], &got[miss_start]);
      miss_start = bad ? i : len;
    }
    i += k;
  }
  if (verbose && miss_start < len)
    report_miss(src, miss_start, len, &want[miss_start], &got[miss_start]);
}

static int score_file(const char *text, const char *expected, double min_role,
                      double min_speaker, int verbose) {
  size_t len = 0;
  char *src = read_all(text, &len), *keep = NULL;
  label *want = src ? calloc(len + 1, sizeof *want) : NULL;
  label *got = src ? calloc(len + 1, sizeof *got) : NULL;
  vc_script *s = NULL;
  int rc = 2;
  if (!want || !got || load_expected(expected, src, len, want, &keep) != 0)
    goto done;
  vc_diag d = {{0}};
  vc_status st = vc_segment(src, len, &s, &d);
  if (st != VC_OK) {
    fprintf(stderr, "segment_score: %s: %s %s\n", text, vc_strerror(st), d.msg);
    goto done;
  }
  for (size_t i = 0; i < len; i++)
    got[i] = (label){ROLE_DROP, "-"};
  for (size_t t = 0; t < s->n_turns; t++)
    for (size_t i = s->turns[t].src_start; i < s->turns[t].src_end && i < len; i++)
      got[i] = (label){(int)s->turns[t].role, s->speakers[s->turns[t].speaker].name};
  score sc = {0, 0, 0, 0};
  compare(src, len, want, got, &sc, 0);
  double role = sc.letters ? 100.0 * (double)sc.role_ok / (double)sc.letters : 100.0;
  double spk =
      sc.attributed ? 100.0 * (double)sc.speaker_ok / (double)sc.attributed : 100.0;
  const char *base = strrchr(text, '/') ? strrchr(text, '/') + 1 : text;
  rc = role + 1e-9 >= min_role && spk + 1e-9 >= min_speaker ? 0 : 1;
  printf("%-34s role %6.2f%%  speaker %6.2f%%  (%zu letters, %zu attributed)%s\n", base,
         role, spk, sc.letters, sc.attributed, rc ? "  BELOW TARGET" : "");
  if (verbose) {
    score again = {0, 0, 0, 0};
    compare(src, len, want, got, &again, 1);
  }
done:
  vc_script_free(s);
  free(want);
  free(got);
  free(keep);
  free(src);
  return rc;
}

int main(int argc, char **argv) {
  double min_role = 0, min_speaker = 0;
  int verbose = 0, i = 1, rc = 0;
  if (argc == 3 && strcmp(argv[1], "--dump") == 0)
    return dump(argv[2]);
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "-v") == 0)
      verbose = 1;
    else if (strcmp(argv[i], "--min-role") == 0 && i + 1 < argc)
      min_role = atof(argv[++i]);
    else if (strcmp(argv[i], "--min-speaker") == 0 && i + 1 < argc)
      min_speaker = atof(argv[++i]);
    else
      break;
  }
  if (i >= argc || (argc - i) % 2 != 0) {
    fprintf(stderr, "usage: segment_score --dump FILE\n"
                    "       segment_score [-v] [--min-role PCT] [--min-speaker PCT] "
                    "TEXT EXPECTED...\n");
    return 2;
  }
  for (; i + 1 < argc; i += 2) {
    int r = score_file(argv[i], argv[i + 1], min_role, min_speaker, verbose);
    if (r > rc)
      rc = r;
  }
  return rc;
}
