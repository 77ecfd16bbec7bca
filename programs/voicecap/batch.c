/* Many interviews: one worker process per interview, at most `jobs` at once, because
 * espeak-ng is a single global instance per process. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cast.h"
#include "program.h"
#include "render_internal.h"
#include "text.h"
#include "voicecap/segment.h"

/* A worker renders one file and reports through its exit status. */
static pid_t start_worker(const char *path, const vc_render_opts *o,
                          const vc_voice_pins *pins, FILE *out, FILE *err) {
  if (out)
    fflush(out);
  fflush(err);
  pid_t pid = fork();
  if (pid != 0)
    return pid;
  vc_diag diag = {{0}};
  vc_status st = vc_render_file_pinned(path, o, pins, &diag);
  if (st != VC_OK)
    fprintf(err, "voicecap: %s\n", diag.msg);
  fflush(err);
  _exit(st == VC_OK ? 0 : 1);
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

int vc_batch_run(char *const *paths, size_t n, const vc_render_opts *o, int jobs, FILE *out,
                 FILE *err) {
  vc_voice_pins pins = {0};
  if (n > 1)
    vc_batch_plan_voices(paths, n, &pins);
  size_t max = jobs > 0 ? (size_t)jobs : (size_t)cores();
  pid_t *pids = calloc(n ? n : 1, sizeof *pids);
  if (!pids) {
    fprintf(err, "voicecap: %s\n", vc_strerror(VC_ERR_NOMEM));
    vc_voice_pins_clear(&pins);
    return 1;
  }
  size_t next = 0, running = 0, done = 0, failed = 0;
  while (done < n) {
    while (running < max && next < n) {
      pids[next] = start_worker(paths[next], o, &pins, out, err);
      if (pids[next] < 0) {
        fprintf(err, "voicecap: %s: cannot start a worker\n", paths[next]);
        failed++, done++, next++;
        continue;
      }
      running++, next++;
    }
    if (running == 0)
      continue;
    int status = 0;
    pid_t pid = wait(&status);
    if (pid < 0)
      break;
    for (size_t i = 0; i < next; i++) {
      if (pids[i] != pid)
        continue;
      int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
      running--, done++;
      failed += !ok;
      if (out) {
        fprintf(out, "[%zu/%zu] %s %s\n", done, n, ok ? "ok    " : "FAILED", paths[i]);
        fflush(out);
      }
    }
  }
  if (out)
    fprintf(out, "%zu rendered, %zu failed\n", n - failed, failed);
  free(pids);
  vc_voice_pins_clear(&pins);
  return failed ? 1 : 0;
}
