/* Signals, worker processes and one-line messages for the program's render and batch. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "guard.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "render_internal.h"
#include "render_outset.h"
#include "util_name.h"

static volatile sig_atomic_t vc_signalled;

static const int vc_guarded[] = {SIGINT, SIGTERM, SIGHUP};
#define VC_N_GUARDED (sizeof vc_guarded / sizeof vc_guarded[0])

volatile sig_atomic_t *vc_guard_flag(void) {
  return &vc_signalled;
}

static void on_signal(int sig) {
  vc_signalled = sig;
}

void vc_guard_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < VC_N_GUARDED; i++)
    sigaction(vc_guarded[i], &sa, NULL);
}

void vc_guard_exit_if_signalled(void) {
  int sig = vc_signalled;
  if (!sig)
    return;
  fflush(NULL);
  signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(sig);
  _exit(128 + sig);
}

void vc_guard_worker_start(pid_t parent) {
  if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != parent)
    _exit(128 + SIGTERM); /* the parent died before the request took */
}

static const char *signal_name(int sig) {
  const char *s = strsignal(sig);
  return s ? s : "unknown signal";
}

vc_status vc_guard_status(const char *path, int status, vc_diag *diag) {
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
    return VC_OK;
  if (WIFSIGNALED(status) && diag)
    snprintf(diag->msg, sizeof diag->msg,
             "%.300s: rendering crashed (signal %d, %s); nothing was published", path,
             WTERMSIG(status), signal_name(WTERMSIG(status)));
  else if (diag && !diag->msg[0])
    snprintf(diag->msg, sizeof diag->msg, "%.300s: rendering failed", path);
  return WIFSIGNALED(status) ? VC_ERR_SYNTH : VC_ERR_IO;
}

/* The child: renders, sends its message through `fd`, exits with the status code. */
static void render_child(const char *path, const vc_render_opts *o,
                         const vc_voice_pins *pins, int fd, pid_t parent) {
  vc_guard_worker_start(parent);
  vc_diag d = {{0}};
  /* hunspell, left to this process's exit: tearing it down costs as much as loading it */
  vc_dict *dict = NULL;
  if (vc_dict_open(&dict) != VC_OK)
    dict = NULL; /* the render opens its own, and says why it cannot */
  vc_status st = vc_render_file_dict(path, o, pins, NULL, dict, &d);
  size_t n = strlen(d.msg);
  if (st != VC_OK && write(fd, d.msg, n) != (ssize_t)n)
    st = VC_ERR_IO;
  close(fd);
  if (st == VC_ERR_CANCELLED)
    vc_guard_exit_if_signalled();
  _exit(st == VC_OK ? 0 : 1);
}

/* Waits for `pid`, passing on a signal the parent receives meanwhile. */
static int wait_child(pid_t pid) {
  int status = 0, passed = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR)
      return -1;
    if (vc_signalled && !passed)
      kill(pid, vc_signalled), passed = 1;
  }
  return status;
}

vc_status vc_guard_render(const char *path, const vc_render_opts *o,
                          const vc_voice_pins *pins, vc_diag *diag) {
  int fd[2];
  if (pipe(fd) != 0)
    return vc_render_file_with(path, o, pins, NULL, diag);
  pid_t parent = getpid();
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    render_child(path, o, pins, fd[1], parent);
  }
  close(fd[1]);
  diag->msg[0] = '\0';
  size_t len = 0;
  ssize_t got;
  while (pid > 0 && len + 1 < sizeof diag->msg &&
         ((got = read(fd[0], diag->msg + len, sizeof diag->msg - 1 - len)) > 0 ||
          (got < 0 && errno == EINTR))) {
    if (got < 0 && vc_signalled)
      kill(pid, vc_signalled);
    len += got > 0 ? (size_t)got : 0;
  }
  diag->msg[len] = '\0';
  close(fd[0]);
  if (pid < 0)
    return vc_render_file_with(path, o, pins, NULL, diag);
  int status = wait_child(pid);
  if (status < 0)
    return VC_ERR_IO;
  if (vc_signalled)
    return VC_ERR_CANCELLED;
  vc_status st = vc_guard_status(path, status, diag);
  if (st != VC_OK && WIFSIGNALED(status))
    vc_render_sweep(path, o, NULL);
  return st;
}

void vc_guard_line(FILE *out, const char *prefix, const char *name) {
  char line[4 * sizeof(vc_diag)];
  vc_msg_escape(name, line, sizeof line);
  fprintf(out, "%s%s\n", prefix, line);
}

void vc_guard_error(FILE *err, const char *msg) {
  vc_guard_line(err, "voicecap: ", msg);
}
