/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Many interviews: one worker process per interview, at most `jobs` at once, because
 * espeak-ng is a single global instance per process. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cast.h"
#include "guard.h"
#include "program.h"
#include "render_internal.h"
#include "render_outset.h"
#include "text.h"
#include "voicecap/segment.h"

/* A worker renders one file and reports through its exit status; it dies with the
 * parent (cleaning up, as on SIGTERM) and, when interrupted, by the same signal. */
static pid_t start_worker(const char *path, const vc_render_opts *o,
                          const vc_voice_pins *pins, FILE *out, FILE *err) {
  pid_t parent = getpid();
  if (out)
    fflush(out);
  fflush(err);
  pid_t pid = fork();
  if (pid != 0)
    return pid;
  vc_guard_worker_start(parent);
  vc_diag diag = {{0}};
  vc_status st = vc_render_file_pinned(path, o, pins, &diag);
  if (st == VC_ERR_CANCELLED)
    vc_guard_exit_if_signalled();
  if (st != VC_OK)
    vc_guard_error(err, diag.msg);
  fflush(err);
  _exit(st == VC_OK ? 0 : 1);
}

/* A worker that died by a signal it was not sent left only a temporary folder: it is
 * swept, and the death reported. */
static int worker_done(const char *path, int status, const vc_render_opts *o, FILE *err) {
  vc_diag d = {{0}};
  vc_status st = vc_guard_status(path, status, &d);
  if (st != VC_OK && WIFSIGNALED(status)) {
    vc_render_sweep(path, o, NULL);
    vc_guard_error(err, d.msg);
  }
  return st == VC_OK;
}

/* Passes a signal the parent received on to every running worker, once. */
static void pass_signal(const pid_t *pids, const int *live, size_t n, int *passed) {
  int sig = *vc_guard_flag();
  if (!sig || *passed)
    return;
  for (size_t i = 0; i < n; i++) {
    if (live[i])
      kill(pids[i], sig);
  }
  *passed = 1;
}

static long cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? n : 1;
}

void vc_batch_plan_voices(char *const *paths, size_t n, vc_voice_pins *pins) {
  for (size_t i = 0; i < n; i++) {
    vc_text *t = NULL;
    vc_script *s = NULL;
    if (vc_text_load(paths[i], &t, NULL) == VC_OK &&
        vc_segment(t->bytes, t->len, &s, NULL) == VC_OK)
      vc_voice_pins_add(pins, s);
    vc_script_free(s);
    vc_text_free(t);
  }
}

/* The worker pool over `paths`, each rendered with `pins`. */
static int run_pool(char *const *paths, size_t n, const vc_voice_pins *pins,
                    const vc_render_opts *o, int jobs, FILE *out, FILE *err) {
  size_t max = jobs > 0 ? (size_t)jobs : (size_t)cores();
  pid_t *pids = calloc(n ? n : 1, sizeof *pids);
  int *live = calloc(n ? n : 1, sizeof *live);
  if (!pids || !live) {
    fprintf(err, "voicecap: %s\n", vc_strerror(VC_ERR_NOMEM));
    free(pids);
    free(live);
    return 1;
  }
  size_t next = 0, running = 0, done = 0, failed = 0;
  int passed = 0;
  while (done < n) {
    while (running < max && next < n && !*vc_guard_flag()) {
      pids[next] = start_worker(paths[next], o, pins, out, err);
      if (pids[next] < 0) {
        char msg[sizeof(vc_diag)];
        snprintf(msg, sizeof msg, "%.300s: cannot start a worker", paths[next]);
        vc_guard_error(err, msg);
        failed++, done++, next++;
        continue;
      }
      live[next] = 1;
      running++, next++;
    }
    if (running == 0)
      break; /* all done, or interrupted before the rest started */
    int status = 0;
    pass_signal(pids, live, next, &passed);
    pid_t pid = wait(&status);
    pass_signal(pids, live, next, &passed);
    if (pid < 0 && errno == EINTR)
      continue;
    if (pid < 0)
      break;
    for (size_t i = 0; i < next; i++) {
      if (pids[i] != pid || !live[i])
        continue;
      live[i] = 0;
      running--, done++;
      if (*vc_guard_flag())
        continue; /* interrupted: no verdict */
      int ok = worker_done(paths[i], status, o, err);
      failed += !ok;
      if (out) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "[%zu/%zu] %s ", done, n, ok ? "ok    " : "FAILED");
        vc_guard_line(out, prefix, paths[i]);
        fflush(out);
      }
    }
  }
  if (out && !*vc_guard_flag())
    fprintf(out, "%zu rendered, %zu failed\n", n - failed, failed);
  free(pids);
  free(live);
  return failed ? 1 : 0;
}

int vc_batch_run_part(char *const *paths, size_t n, const unsigned char *keep,
                      const vc_render_opts *o, int jobs, FILE *out, FILE *err) {
  vc_voice_pins pins = {0};
  if (n > 1)
    vc_batch_plan_voices(paths, n, &pins); /* over all the inputs, whatever is kept */
  char **mine = malloc((n ? n : 1) * sizeof *mine);
  size_t m = 0;
  for (size_t i = 0; mine && i < n; i++)
    if (!keep || keep[i])
      mine[m++] = paths[i];
  int rc = 1;
  if (!mine)
    fprintf(err, "voicecap: %s\n", vc_strerror(VC_ERR_NOMEM));
  else
    rc = run_pool(mine, m, &pins, o, jobs, out, err);
  free(mine);
  vc_voice_pins_clear(&pins);
  return rc;
}

int vc_batch_run(char *const *paths, size_t n, const vc_render_opts *o, int jobs, FILE *out,
                 FILE *err) {
  return vc_batch_run_part(paths, n, NULL, o, jobs, out, err);
}
