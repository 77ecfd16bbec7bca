/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Splitting a batch over machines: the balanced split, --shard K/N and auto, --files-from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_fixture.h"
#include "program.h"
#include "shard.h"

enum { MANY = 500 };

/* A fixed pseudo-random sequence (no global state: the caller keeps the seed). */
static unsigned next_rand(unsigned *seed) {
  *seed = *seed * 1103515245u + 12345u;
  return (*seed >> 16) & 0x7fff;
}

typedef struct inputs {
  char *paths[MANY];
  long long sizes[MANY];
  size_t n;
} inputs;

static void make_inputs(inputs *in, size_t n, unsigned seed) {
  in->n = n;
  for (size_t i = 0; i < n; i++) {
    char name[64];
    snprintf(name, sizeof name, "in/%02u/talk-%04zu.txt", next_rand(&seed) % 7, i);
    in->paths[i] = strdup(name);
    /* a few sizes repeat, so that ties are broken by path */
    in->sizes[i] = 1000 + (long long)(next_rand(&seed) % 40) * 250;
  }
}

static void free_inputs(inputs *in) {
  for (size_t i = 0; i < in->n; i++)
    free(in->paths[i]);
}

/* Each part's bytes; returns the largest input's size. */
static long long loads_of(const inputs *in, const long *part, long parts, long long *load) {
  long long biggest = 0;
  memset(load, 0, (size_t)parts * sizeof *load);
  for (size_t i = 0; i < in->n; i++) {
    assert_true(part[i] >= 0 && part[i] < parts); /* every input in exactly one part */
    load[part[i]] += in->sizes[i];
    if (in->sizes[i] > biggest)
      biggest = in->sizes[i];
  }
  return biggest;
}

/* Largest first onto the lightest part: no part is more than one input heavier than
 * another, and the parts hold all the bytes. */
static void test_assign_balanced(void **state) {
  (void)state;
  static const long part_counts[] = {1, 2, 3, 7, 16};
  inputs in;
  make_inputs(&in, MANY, 7);
  long part[MANY];
  for (size_t c = 0; c < sizeof part_counts / sizeof part_counts[0]; c++) {
    long parts = part_counts[c];
    long long load[16], total = 0, sum = 0;
    assert_int_equal(
        vc_shard_assign((const char *const *)in.paths, in.sizes, in.n, parts, part), 0);
    long long biggest = loads_of(&in, part, parts, load), lo = load[0], hi = load[0];
    for (long p = 0; p < parts; p++) {
      lo = load[p] < lo ? load[p] : lo;
      hi = load[p] > hi ? load[p] : hi;
      sum += load[p];
    }
    for (size_t i = 0; i < in.n; i++)
      total += in.sizes[i];
    assert_true(sum == total);
    assert_true(hi - lo <= biggest);
  }
  free_inputs(&in);
}

/* The parts depend on the inputs, not on the order they were listed in. */
static void test_assign_order_free(void **state) {
  (void)state;
  inputs in, shuffled;
  make_inputs(&in, MANY, 11);
  make_inputs(&shuffled, MANY, 11);
  unsigned seed = 3;
  for (size_t i = MANY - 1; i > 0; i--) {
    size_t j = next_rand(&seed) % (i + 1);
    char *tp = shuffled.paths[i];
    long long ts = shuffled.sizes[i];
    shuffled.paths[i] = shuffled.paths[j], shuffled.sizes[i] = shuffled.sizes[j];
    shuffled.paths[j] = tp, shuffled.sizes[j] = ts;
  }
  long a[MANY], b[MANY];
  assert_int_equal(vc_shard_assign((const char *const *)in.paths, in.sizes, MANY, 5, a), 0);
  assert_int_equal(
      vc_shard_assign((const char *const *)shuffled.paths, shuffled.sizes, MANY, 5, b), 0);
  for (size_t i = 0; i < MANY; i++) {
    size_t j = 0;
    while (strcmp(shuffled.paths[j], in.paths[i]) != 0)
      j++;
    assert_int_equal(a[i], b[j]);
  }
  free_inputs(&in);
  free_inputs(&shuffled);
}

/* The rule spelt out on a small case: 10, 7, 5, 4, 3 bytes into two parts. */
static void test_assign_worked_example(void **state) {
  (void)state;
  const char *paths[] = {"e", "d", "c", "b", "a"};
  const long long sizes[] = {3, 4, 5, 7, 10};
  long part[5];
  assert_int_equal(vc_shard_assign(paths, sizes, 5, 2, part), 0);
  /* a(10)->0; b(7)->1; c(5)->1 (7 < 10); d(4)->0 (12 > 10); e(3)->1 (12 < 14) */
  const long want[] = {1, 0, 1, 1, 0};
  for (size_t i = 0; i < 5; i++)
    assert_int_equal(part[i], want[i]);
}

/* Equal sizes are dealt in path order; more parts than inputs leave parts empty. */
static void test_assign_ties_and_empty_parts(void **state) {
  (void)state;
  const char *paths[] = {"d", "b", "a", "c"};
  const long long sizes[] = {5, 5, 5, 5};
  long part[4];
  assert_int_equal(vc_shard_assign(paths, sizes, 4, 2, part), 0);
  const long want[] = {1, 1, 0, 0};
  for (size_t i = 0; i < 4; i++)
    assert_int_equal(part[i], want[i]);
  assert_int_equal(vc_shard_assign(paths, sizes, 4, 6, part), 0);
  const long want6[] = {3, 1, 0, 2};
  for (size_t i = 0; i < 4; i++)
    assert_int_equal(part[i], want6[i]);
  assert_int_equal(vc_shard_assign(paths, sizes, 0, 3, part), 0);
  assert_int_equal(vc_shard_assign(paths, sizes, 4, 0, part), -1);
}

static void clear_env(void) {
  unsetenv("SLURM_ARRAY_TASK_ID");
  unsetenv("SLURM_ARRAY_TASK_COUNT");
  unsetenv("SLURM_ARRAY_TASK_MIN");
  unsetenv("SLURM_ARRAY_TASK_STEP");
  unsetenv("JOB_COMPLETION_INDEX");
}

/* Parses `spec` with `shards`; expects k/n, or (n < 0) an error containing `msg`. */
static void expect_parse(const char *spec, long shards, long k, long n, const char *msg) {
  vc_shard s = {-1, -1};
  char why[512] = "";
  int rc = vc_shard_parse(spec, shards, &s, why, sizeof why);
  if (n < 0) {
    assert_int_equal(rc, -1);
    assert_non_null(strstr(why, msg));
    assert_null(strchr(why, '\n')); /* one line */
    return;
  }
  assert_int_equal(rc, 0);
  assert_int_equal(s.k, k);
  assert_int_equal(s.n, n);
}

static void test_parse_k_of_n(void **state) {
  (void)state;
  clear_env();
  expect_parse("0/3", 0, 0, 3, NULL);
  expect_parse("2/3", 3, 2, 3, NULL);
  expect_parse("0/1", 0, 0, 1, NULL);
  const char *bad[] = {"3/3", "1/0", "-1/3", "1/-3", "a/3",      "1/3x",
                       "1",   "/3",  "1/",   " 1/3", "1/100001", "99999999999999999999/3"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    expect_parse(bad[i], 0, 0, -1, "--shard wants K/N");
  expect_parse("1/3", 4, 0, -1, "--shards 4 does not match --shard's 3 parts");
}

static void test_parse_auto_slurm(void **state) {
  (void)state;
  clear_env();
  expect_parse("auto", 0, 0, -1, "neither SLURM_ARRAY_TASK_ID");
  setenv("SLURM_ARRAY_TASK_ID", "2", 1);
  expect_parse("auto", 0, 0, -1, "SLURM_ARRAY_TASK_COUNT is not");
  setenv("SLURM_ARRAY_TASK_COUNT", "3", 1);
  expect_parse("auto", 0, 2, 3, NULL);
  expect_parse("auto", 3, 2, 3, NULL);
  expect_parse("auto", 4, 0, -1, "does not match SLURM_ARRAY_TASK_COUNT's 3 parts");
  setenv("SLURM_ARRAY_TASK_MIN", "1", 1); /* --array=1-3 */
  expect_parse("auto", 0, 1, 3, NULL);
  setenv("SLURM_ARRAY_TASK_ID", "4", 1);
  expect_parse("auto", 0, 0, -1, "SLURM_ARRAY_TASK_ID=4 is not one of 3 tasks");
  setenv("SLURM_ARRAY_TASK_MIN", "0", 1); /* --array=0-4:2 */
  setenv("SLURM_ARRAY_TASK_STEP", "2", 1);
  expect_parse("auto", 0, 2, 3, NULL);
  setenv("SLURM_ARRAY_TASK_ID", "3", 1);
  expect_parse("auto", 0, 0, -1, "SLURM_ARRAY_TASK_ID=3 is not one of 3 tasks");
  setenv("SLURM_ARRAY_TASK_ID", "x", 1);
  expect_parse("auto", 0, 0, -1, "SLURM_ARRAY_TASK_ID='x' is not a whole number");
  setenv("SLURM_ARRAY_TASK_ID", "0", 1);
  setenv("SLURM_ARRAY_TASK_COUNT", "0", 1);
  expect_parse("auto", 0, 0, -1, "SLURM_ARRAY_TASK_COUNT=0");
  clear_env();
}

static void test_parse_auto_kubernetes(void **state) {
  (void)state;
  clear_env();
  setenv("JOB_COMPLETION_INDEX", "4", 1);
  expect_parse("auto", 0, 0, -1, "give the Job's completions as --shards N");
  expect_parse("auto", 5, 4, 5, NULL);
  expect_parse("auto", 4, 0, -1, "JOB_COMPLETION_INDEX=4 is not below --shards 4");
  setenv("JOB_COMPLETION_INDEX", "", 1);
  expect_parse("auto", 5, 0, -1, "JOB_COMPLETION_INDEX='' is not a whole number");
  clear_env();
}

static int collect(void *user, char *path) {
  inputs *in = user;
  in->paths[in->n++] = path;
  return 0;
}

static void test_read_list(void **state) {
  (void)state;
  char text[] = "a.txt\n\nsub dir/b c.txt\r\n  lead.txt\nlast.txt";
  FILE *f = fmemopen(text, strlen(text), "r");
  inputs got = {.n = 0};
  char why[256] = "";
  assert_int_equal(vc_shard_read_list("list", f, collect, &got, why, sizeof why), 0);
  fclose(f);
  const char *want[] = {"a.txt", "sub dir/b c.txt", "  lead.txt", "last.txt"};
  assert_int_equal(got.n, 4);
  for (size_t i = 0; i < 4; i++)
    assert_string_equal(got.paths[i], want[i]);
  free_inputs(&got);
}

/* Each input is in exactly one of the N parts, whatever N, in the list's order, and the
 * parts' bytes add up to all of them. */
static void test_pick_covers_once(void **state) {
  (void)state;
  enum { N_IN = 23 };
  vc_input v[N_IN];
  char paths[N_IN][48], rels[N_IN][32];
  unsigned seed = 5;
  for (size_t i = 0; i < N_IN; i++) {
    snprintf(rels[i], sizeof rels[i], "d%zu/t%02zu.txt", i % 3, i);
    snprintf(paths[i], sizeof paths[i], "/in/%s", rels[i]);
    v[i] = (vc_input){paths[i], rels[i], next_rand(&seed) % 3000};
  }
  const vc_inputs all = {v, N_IN, N_IN};
  for (long parts = 1; parts <= 25; parts += 4) {
    unsigned count[N_IN] = {0};
    uint64_t sum = 0;
    for (long k = 0; k < parts; k++) {
      vc_inputs mine;
      uint64_t bytes_mine = 0, bytes_all = 0;
      assert_int_equal(
          vc_shard_pick(&all, (vc_shard){k, parts}, &mine, &bytes_mine, &bytes_all), 0);
      sum += bytes_mine;
      for (size_t m = 0; m < mine.n; m++) {
        size_t i = (size_t)(mine.v[m].path - paths[0]) / sizeof paths[0];
        assert_true(i < N_IN && mine.v[m].rel == rels[i]);
        assert_true(m == 0 || mine.v[m - 1].path < mine.v[m].path); /* in all's order */
        count[i]++;
      }
      free(mine.v);
      if (k == parts - 1)
        assert_true(sum == bytes_all);
    }
    for (size_t i = 0; i < N_IN; i++)
      assert_int_equal(count[i], 1);
  }
}

/* Bad --shard values are usage errors (exit 2) with one line naming the value. */
static void test_cli_usage_errors(void **state) {
  (void)state;
  clear_env();
  const char *cases[][7] = {
      {"voicecap", "batch", "--shard", "3/3", "seeds", NULL},
      {"voicecap", "batch", "--shard", "auto", "seeds", NULL},
      {"voicecap", "batch", "--shards", "3", "seeds", NULL},
      {"voicecap", "batch", "--shards", "0", "seeds", NULL},
      {"voicecap", "batch", "--shard", "1/2", "--shards", "3", "seeds"},
      {"voicecap", "batch", NULL},
  };
  const char *want[] = {"'3/3'",
                        "neither SLURM_ARRAY_TASK_ID",
                        "goes with --shard auto",
                        "--shards wants a number",
                        "does not match",
                        "--files-from LIST"};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int argc = 0;
    while (argc < 7 && cases[i][argc])
      argc++;
    run_result r = run(argc, cases[i]);
    assert_int_equal(r.rc, 2);
    assert_non_null(strstr(r.err, want[i]));
    assert_non_null(strchr(r.err, '\n'));
    assert_true(strchr(r.err, '\n') == r.err + r.err_len - 1); /* one line */
    run_free(&r);
  }
}

/* A list naming a missing file or a folder: each named, exit 1, nothing rendered. */
static void test_cli_files_from_bad_entries(void **state) {
  (void)state;
  char dir[] = "/tmp/vc-shard-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char list[64], out[64];
  snprintf(list, sizeof list, "%s/list", dir);
  snprintf(out, sizeof out, "%s/out", dir);
  FILE *f = fopen(list, "w");
  assert_non_null(f);
  fprintf(f, "%s/missing.txt\n%s\n", dir, dir);
  fclose(f);
  const char *argv[] = {"voicecap", "batch", "--files-from", list, "-o", out};
  run_result r = run(6, argv);
  assert_int_equal(r.rc, 1);
  assert_non_null(strstr(r.err, "missing.txt: No such file or directory"));
  assert_non_null(strstr(r.err, "not a file"));
  assert_int_equal(access(out, F_OK), -1);
  run_free(&r);
  unlink(list);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_assign_balanced),
      cmocka_unit_test(test_assign_order_free),
      cmocka_unit_test(test_assign_worked_example),
      cmocka_unit_test(test_assign_ties_and_empty_parts),
      cmocka_unit_test(test_parse_k_of_n),
      cmocka_unit_test(test_parse_auto_slurm),
      cmocka_unit_test(test_parse_auto_kubernetes),
      cmocka_unit_test(test_read_list),
      cmocka_unit_test(test_pick_covers_once),
      cmocka_unit_test(test_cli_usage_errors),
      cmocka_unit_test(test_cli_files_from_bad_entries),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
