/* Signals, worker processes and one-line messages for the program's render and batch. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_GUARD_H
#define VC_GUARD_H

#include <signal.h>
#include <stdio.h>
#include <sys/types.h>

#include "cast.h"
#include "voicecap/render.h"

/* The flag SIGINT, SIGTERM and SIGHUP set (to the signal's number) once
 * vc_guard_signals() has run; renders given it as their `cancel` stop and clean up. This
 * is the program's one mutable static: a signal handler can reach nothing else. */
volatile sig_atomic_t *vc_guard_flag(void);

/* Installs the handlers (without SA_RESTART, so that a wait returns early). */
void vc_guard_signals(void);

/* When a signal came: restores its default action and dies by it, so the parent sees
 * exit status 128 + the signal (130 SIGINT, 143 SIGTERM, 129 SIGHUP). Else returns. */
void vc_guard_exit_if_signalled(void);

/* In a freshly forked worker: dies with SIGTERM (handled: the render cleans up) when its
 * parent dies, and leaves at once if the parent is already gone. */
void vc_guard_worker_start(pid_t parent);

/* Renders `path` in a child process so that a crash (the speech engine aborting on a
 * text it cannot take, say) becomes an error for that file: the child's temporary folder
 * is swept and diag says how it died. `pins` (may be NULL): a cast (--cast). A signal to
 * the parent is passed on to the child. */
vc_status vc_guard_render(const char *path, const vc_render_opts *o,
                          const vc_voice_pins *pins, vc_diag *diag);

/* Explains a worker's wait status for `path` in diag: VC_OK when it exited 0. */
vc_status vc_guard_status(const char *path, int status, vc_diag *diag);

/* Prints "voicecap: MSG" as one line of valid UTF-8 (control characters and invalid
 * bytes escaped, see vc_msg_escape). */
void vc_guard_error(FILE *err, const char *msg);

/* Prints PREFIX then `name` escaped likewise, then a newline. */
void vc_guard_line(FILE *out, const char *prefix, const char *name);

#endif
