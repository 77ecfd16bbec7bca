/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Many interviews: one worker process per interview, at most `jobs` at once, because
 * espeak-ng is a single global instance per process; inputs whose outputs are up to
 * date are skipped. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cast.h"
#include "guard.h"
#include "program.h"
#include "progress.h"
#include "render_internal.h"
#include "render_outset.h"
#include "render_record.h"
#include "segment_dict.h"
#include "text.h"
#include "util_folders.h"
#include "util_fs.h"
#include "util_hash.h"
#include "voicecap/segment.h"
#include "voicecap/version.h"

/* One input of the batch, as the pool sees it. */
typedef struct vc_task {
  char *out_dir;        /* OUT/dirname(rel) */
  char *stem;           /* its outputs are out_dir/stem.* */
  uint64_t duration_ms; /* up to date: the recorded audio's length */
  int skip;             /* up to date */
  pid_t pid;            /* running: the worker */
  int msg_fd;           /* running: the worker's error message */
} vc_task;

/* A worker renders one file and reports through its exit status and `fd` (the error);
 * it dies with the parent (cleaning up, as on SIGTERM) and, when interrupted, by the
 * same signal. */
static pid_t start_worker(const vc_input *in, const vc_task *t, const vc_render_opts *o,
                          const vc_voice_pins *pins, const char *common, vc_dict *dict,
                          int fd) {
  pid_t parent = getpid();
  fflush(NULL);
  pid_t pid = fork();
  if (pid != 0)
    return pid;
  vc_guard_worker_start(parent);
  vc_render_opts mine = *o;
  mine.out_dir = t->out_dir;
  vc_diag diag = {{0}};
  vc_status st = vc_render_file_dict(in->path, &mine, pins, common, dict, &diag);
  if (st == VC_ERR_CANCELLED)
    vc_guard_exit_if_signalled();
  size_t n = strlen(diag.msg);
  if (st != VC_OK && write(fd, diag.msg, n) != (ssize_t)n)
    st = VC_ERR_IO;
  _exit(st == VC_OK ? 0 : 1);
}

/* Reads what a finished worker said (at most one message, written before it exited). */
static void read_msg(int fd, char *buf, size_t size) {
  size_t len = 0;
  ssize_t got;
  while (len + 1 < size &&
         ((got = read(fd, buf + len, size - 1 - len)) > 0 || (got < 0 && errno == EINTR)))
    len += got > 0 ? (size_t)got : 0;
  buf[len] = '\0';
}

/* Passes a signal the parent received on to every running worker, once. */
static void pass_signal(const vc_task *t, size_t n, int *passed) {
  int sig = *vc_guard_flag();
  if (!sig || *passed)
    return;
  for (size_t i = 0; i < n; i++) {
    if (t[i].pid > 0)
      kill(t[i].pid, sig);
  }
  *passed = 1;
}

static long cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? n : 1;
}

/* Segments the file at `path` with the hunspell dictionary `dict` (NULL on any failure:
 * rendering reports it). */
static vc_script *segment_file(const char *path, vc_dict *dict) {
  vc_text *t = NULL;
  vc_script *s = NULL;
  if (vc_text_load(path, &t, NULL) != VC_OK ||
      vc_segment_with_dict(t->bytes, t->len, NULL, dict, &s, NULL) != VC_OK)
    s = NULL;
  vc_text_free(t);
  return s;
}

/* The dictionary is loaded once for all the files, not once or twice for each. */
void vc_batch_plan_voices(char *const *paths, size_t n, vc_voice_pins *pins) {
  vc_dict *dict = NULL;
  if (vc_dict_open(&dict) != VC_OK)
    dict = NULL; /* each segmentation then tries itself, as without a shared one */
  for (size_t i = 0; i < n; i++) {
    vc_script *s = segment_file(paths[i], dict);
    if (s)
      vc_voice_pins_add(pins, s);
    vc_script_free(s);
  }
  vc_dict_close(dict);
}

vc_status vc_batch_cast(const vc_inputs *in, vc_voice_pins *pins) {
  char **paths = calloc(in->n ? in->n : 1, sizeof *paths);
  if (!paths)
    return VC_ERR_NOMEM;
  for (size_t i = 0; i < in->n; i++)
    paths[i] = in->v[i].path;
  vc_batch_plan_voices(paths, in->n, pins);
  free(paths);
  return VC_OK;
}

static int cmp_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every file of a folder (not hidden), by name, and its bytes. */
static void hash_folder(vc_hash *h, const char *dir) {
  DIR *d = dir ? opendir(dir) : NULL;
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      char **v = realloc(names, (cap = cap ? 2 * cap : 32) * sizeof *v);
      if (!v)
        break;
      names = v;
    }
    if (!(names[n] = strdup(e->d_name)))
      break;
    n++;
  }
  if (d)
    closedir(d);
  qsort(names, n, sizeof *names, cmp_name);
  vc_hash_str(h, dir ? "folder" : "no folder");
  for (size_t i = 0; i < n; i++) {
    char *path = vc_path_join(dir, names[i]);
    vc_hash_str(h, names[i]);
    if (!path || vc_hash_file(h, path) != 0)
      vc_hash_str(h, "(unreadable)");
    free(path);
    free(names[i]);
  }
  free(names);
}

/* What every output of this batch is made from, whatever the input: the version, the
 * options that change outputs, the voices and the data. */
static void hash_common(const vc_render_opts *o, char hex[VC_HASH_HEX]) {
  vc_hash *h = vc_hash_new();
  if (!h) {
    hex[0] = '\0';
    return;
  }
  char opts[512];
  snprintf(opts, sizeof opts,
           "voicecap %s\naudio %s\nrate %d\nflags %u\nannounce %d\nepub %d\nvideo %s\n"
           "html %d\n",
           vc_version(), o->audio_format ? o->audio_format : "wav", o->sample_rate,
           o->flags, (int)o->announce, o->epub, o->video_format ? o->video_format : "none",
           !o->no_html);
  vc_hash_str(h, opts);
  char *voices = NULL, *data = NULL;
  vc_folder_find(VC_FOLDER_VOICES, o->voices_dir, &voices, NULL);
  vc_folder_find(VC_FOLDER_DATA, o->data_dir, &data, NULL);
  hash_folder(h, voices);
  hash_folder(h, data);
  free(voices);
  free(data);
  vc_hash_end(h, hex);
}

static void tasks_free(vc_task *t, size_t n) {
  for (size_t i = 0; t && i < n; i++)
    free(t[i].out_dir), free(t[i].stem);
  free(t);
}

/* Names each input's outputs and sees whether they are up to date (after sweeping what
 * a killed run left of them). NULL when out of memory. */
static vc_task *plan_tasks(const vc_inputs *in, const vc_render_opts *o,
                           const vc_voice_pins *pins, const char *common, int force) {
  vc_task *t = calloc(in->n ? in->n : 1, sizeof *t);
  for (size_t i = 0; t && i < in->n; i++) {
    t[i].msg_fd = -1;
    t[i].out_dir = vc_input_out_dir(o->out_dir ? o->out_dir : "out", &in->v[i]);
    t[i].stem = vc_path_stem(in->v[i].rel);
    if (!t[i].out_dir || !t[i].stem) {
      tasks_free(t, in->n);
      return NULL;
    }
    vc_outset_sweep(t[i].out_dir, t[i].stem, NULL);
    t[i].skip = !force && common[0] &&
                vc_record_current(t[i].out_dir, t[i].stem, common, in->v[i].path, pins,
                                  &t[i].duration_ms);
  }
  return t;
}

/* The cast: the file given, else made over the whole collection. */
#define VC_CAST_CACHE ".voicecap-cast.tsv"
#define VC_CAST_CACHE_HEAD "# voicecap cast cache "

/* What the cast of a collection is made from: the common hash (version, data: how it
 * segments) and every input's place and bytes, in order. */
static void collection_key(const char *common, const vc_inputs *over,
                           char hex[VC_HASH_HEX]) {
  vc_hash *h = vc_hash_new();
  hex[0] = '\0';
  if (!h)
    return;
  vc_hash_str(h, common);
  int bad = 0;
  for (size_t i = 0; i < over->n; i++) {
    vc_hash_str(h, over->v[i].rel);
    bad |= vc_hash_file(h, over->v[i].path) != 0;
    vc_hash_str(h, "");
  }
  vc_hash_end(h, hex);
  if (bad)
    hex[0] = '\0'; /* an unreadable input: no cache */
}

/* The cast a batch made over the same collection, kept in OUT/.voicecap-cast.tsv: 1
 * when it was there for `key` (then in `pins`). */
static int cached_cast(const char *path, const char *key, vc_voice_pins *pins) {
  FILE *f = fopen(path, "r");
  char head[256] = "";
  int ok = f && fgets(head, sizeof head, f) &&
           strncmp(head, VC_CAST_CACHE_HEAD, sizeof VC_CAST_CACHE_HEAD - 1) == 0 &&
           strncmp(head + sizeof VC_CAST_CACHE_HEAD - 1, key, VC_HASH_HEX - 1) == 0 &&
           head[sizeof VC_CAST_CACHE_HEAD - 1 + VC_HASH_HEX - 1] == '\n';
  if (f)
    fclose(f);
  return ok && vc_voice_pins_read(path, NULL, pins, NULL) == VC_OK;
}

/* Removes the cache's temporary files that dead processes left (killed while saving). */
static void sweep_cast_temps(const char *out_dir) {
  DIR *d = opendir(out_dir);
  struct dirent *e;
  const char *tag = VC_CAST_CACHE ".tmp-";
  while (d && (e = readdir(d)) != NULL) {
    if (strncmp(e->d_name, tag, strlen(tag)) != 0)
      continue;
    char *end = NULL;
    long pid = strtol(e->d_name + strlen(tag), &end, 10);
    if (pid > 0 && !*end && kill((pid_t)pid, 0) != 0 && errno == ESRCH)
      unlinkat(dirfd(d), e->d_name, 0);
  }
  if (d)
    closedir(d);
}

/* Keeps the cast for the next run (best effort: a temporary file renamed into place,
 * so that shards writing the same cast at once leave one whole file). */
static void save_cast(const char *out_dir, const char *path, const char *key,
                      const vc_voice_pins *pins) {
  size_t n = strlen(path) + 32;
  char *tmp = malloc(n);
  if (!tmp || vc_mkdir_p(out_dir, NULL) != VC_OK) {
    free(tmp);
    return;
  }
  snprintf(tmp, n, "%s.tmp-%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "w");
  if (f) {
    fprintf(f, VC_CAST_CACHE_HEAD "%s\n", key);
    vc_voice_pins_write(pins, f);
    int err = 0;
    if (vc_fclose_sync(f, &err) == VC_OK && rename(tmp, path) == 0) {
      free(tmp);
      return;
    }
  }
  unlink(tmp);
  free(tmp);
}

/* The cast made over a collection: from the cache when the collection is unchanged,
 * else segmenting every input (then cached). */
static vc_status cast_over(const vc_inputs *over, const char *out_dir, const char *common,
                           vc_voice_pins *pins) {
  char key[VC_HASH_HEX];
  collection_key(common, over, key);
  sweep_cast_temps(out_dir);
  char *path = vc_path_join(out_dir, VC_CAST_CACHE);
  if (path && key[0] && common[0] && cached_cast(path, key, pins)) {
    free(path);
    return VC_OK;
  }
  vc_voice_pins_clear(pins);
  vc_status st = vc_batch_cast(over, pins);
  if (st == VC_OK && path && key[0] && common[0])
    save_cast(out_dir, path, key, pins);
  free(path);
  return st;
}

static vc_status make_cast(const vc_inputs *in, const vc_render_opts *o,
                           const vc_batch_opts *b, const char *common,
                           vc_voice_pins *pins) {
  if (!b->cast_path)
    return cast_over(b->cast_over ? b->cast_over : in, o->out_dir ? o->out_dir : "out",
                     common, pins);
  vc_diag d = {{0}};
  char *dir = NULL;
  vc_voiceset *vs = NULL;
  vc_status st = vc_folder_find(VC_FOLDER_VOICES, o->voices_dir, &dir, &d);
  if (st == VC_OK)
    st = vc_voiceset_load(dir, &vs, &d);
  if (st == VC_OK)
    st = vc_voice_pins_read(b->cast_path, vs, pins, &d);
  if (st != VC_OK)
    vc_guard_error(b->err, d.msg);
  vc_voiceset_free(vs);
  free(dir);
  return st;
}

/* What the pool's workers share. */
typedef struct vc_pool {
  const vc_inputs *in;
  vc_task *t;
  const vc_render_opts *o;
  const vc_voice_pins *pins;
  const char *common; /* hash_common */
  vc_progress *p;
  vc_dict *dict; /* hunspell, loaded once here and inherited by every worker (or NULL) */
} vc_pool;

/* The audio's length in a fresh record, in seconds (0 when unreadable). */
static double recorded_seconds(const vc_pool *pl, size_t i) {
  uint64_t ms = 0;
  vc_record_current(pl->t[i].out_dir, pl->t[i].stem, pl->common, pl->in->v[i].path,
                    pl->pins, &ms);
  return (double)ms / 1000.0;
}

/* Worker i finished: its verdict. One that died by a signal it was not sent left only
 * a temporary folder: it is swept. */
static void worker_done(vc_pool *pl, size_t i, int status) {
  const vc_input *in = &pl->in->v[i];
  vc_task *t = &pl->t[i];
  char msg[sizeof(vc_diag)];
  read_msg(t->msg_fd, msg, sizeof msg);
  close(t->msg_fd);
  t->msg_fd = -1;
  t->pid = 0;
  if (*vc_guard_flag())
    return; /* interrupted: no verdict */
  vc_diag d = {{0}};
  snprintf(d.msg, sizeof d.msg, "%s", msg);
  vc_status st = vc_guard_status(in->path, status, &d);
  if (st == VC_OK) {
    vc_progress_done(pl->p, in->path, t->out_dir, in->size, recorded_seconds(pl, i));
    return;
  }
  if (WIFSIGNALED(status)) {
    vc_render_opts mine = *pl->o;
    mine.out_dir = t->out_dir;
    vc_render_sweep(in->path, &mine, NULL);
  }
  vc_progress_failed(pl->p, in->path, in->size, d.msg);
}

/* Starts the worker of input i; 0, or -1 (reported) when it could not start. */
static int launch(vc_pool *pl, size_t i) {
  const vc_input *in = &pl->in->v[i];
  vc_task *t = &pl->t[i];
  int fd[2];
  if (pipe(fd) == 0) {
    t->pid = start_worker(in, t, pl->o, pl->pins, pl->common, pl->dict, fd[1]);
    close(fd[1]);
    if (t->pid > 0) {
      t->msg_fd = fd[0];
      return 0;
    }
    close(fd[0]);
  }
  t->pid = 0;
  char msg[sizeof(vc_diag)];
  snprintf(msg, sizeof msg, "%.300s: cannot start a worker", in->path);
  vc_progress_failed(pl->p, in->path, in->size, msg);
  return -1;
}

/* Runs the workers, at most `max` at once, until all are done or a signal came. */
static void run_pool(vc_pool *pl, size_t max) {
  size_t next = 0, running = 0, n = pl->in->n;
  int passed = 0;
  for (;;) {
    while (running < max && next < n && !*vc_guard_flag()) {
      if (!pl->t[next].skip && launch(pl, next) == 0)
        running++;
      next++;
    }
    if (running == 0)
      break; /* all done, or interrupted before the rest started */
    int status = 0;
    pass_signal(pl->t, next, &passed);
    pid_t pid = wait(&status);
    pass_signal(pl->t, next, &passed);
    if (pid < 0 && errno == EINTR)
      continue;
    if (pid < 0)
      break;
    for (size_t i = 0; i < next; i++) {
      if (pl->t[i].pid == pid) {
        worker_done(pl, i, status);
        running--;
      }
    }
  }
}

int vc_batch_run(const vc_inputs *in, const vc_render_opts *o, const vc_batch_opts *b) {
  vc_voice_pins pins = {0};
  char common[VC_HASH_HEX];
  hash_common(o, common);
  if (make_cast(in, o, b, common, &pins) != VC_OK)
    return 1;
  vc_task *t = plan_tasks(in, o, &pins, common, b->force);
  if (!t) {
    fprintf(b->err, "voicecap: %s\n", vc_strerror(VC_ERR_NOMEM));
    vc_voice_pins_clear(&pins);
    return 1;
  }
  size_t skipped = 0;
  uint64_t todo = 0;
  for (size_t i = 0; i < in->n; i++) {
    skipped += t[i].skip != 0;
    todo += t[i].skip ? 0 : in->v[i].size;
  }
  size_t max = b->jobs > 0 ? (size_t)b->jobs : (size_t)cores();
  vc_progress p;
  vc_progress_start(&p, b->progress, b->out, b->err, in->n, skipped, todo, (int)max);
  for (size_t i = 0; i < in->n; i++)
    if (t[i].skip)
      vc_progress_skipped(&p, in->v[i].path, t[i].out_dir,
                          (double)t[i].duration_ms / 1000.0);
  vc_pool pool = {in, t, o, &pins, common, &p, NULL};
  if (skipped < in->n && vc_dict_open(&pool.dict) != VC_OK)
    pool.dict = NULL; /* each worker then opens its own, and says why it cannot */
  run_pool(&pool, max);
  vc_dict_close(pool.dict);
  int failed = p.failed > 0;
  vc_progress_end(&p, *vc_guard_flag());
  tasks_free(t, in->n);
  vc_voice_pins_clear(&pins);
  return failed ? 1 : 0;
}
