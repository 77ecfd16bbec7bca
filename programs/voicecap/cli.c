/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Command-line parsing and the subcommands; main() only calls vc_cli_run(). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audio.h"
#include "cast.h"
#include "guard.h"
#include "inputs.h"
#include "program.h"
#include "render_internal.h"
#include "shard.h"
#include "text.h"
#include "util_folders.h"
#include "util_fs.h"
#include "util_tsv.h"
#include "video.h"
#include "voicecap/voicecap.h"

enum { EXIT_OK = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

/* The commands, as bits, so that each option can say which commands accept it. */
enum {
  CMD_RENDER = 1u << 0,
  CMD_BATCH = 1u << 1,
  CMD_SEGMENT = 1u << 2,
  CMD_VOICES = 1u << 3,
  CMD_CHECK = 1u << 4,
  CMD_CAST = 1u << 5,
  CMD_ALL = (1u << 6) - 1,
};

/* Parsed command line; positional arguments borrow argv. */
typedef struct vc_args {
  const char *out_dir, *voices_dir, *format, *audio, *audio_format, *name, *turns,
      *video_format, *cast;
  const char *shard, *files_from; /* --shard K/N|auto, --files-from LIST */
  long shards;                    /* --shards N; 0 when not given */
  int force, progress;            /* --force; vc_progress_mode */
  int jobs, help, version, sample_rate, explain, no_html, follow_links;
  int announce, epub; /* vc_announce; --epub */
  int verbosity;      /* -1 --quiet, 0, 1 --verbose */
  unsigned flags;
  char **pos;
  size_t n_pos;
} vc_args;

/* Stores one option's value in `a`; reports a bad value on `err` and returns -1. */
typedef int (*vc_opt_set)(vc_args *a, const char *value, FILE *err);

/* One option: the single source of the parser, `voicecap --help`, `voicecap COMMAND
 * --help` and the man page's option list (`voicecap --help-man`). To add an option, add
 * a field to vc_args, a setter and a row to vc_opts. */
typedef struct vc_opt_def {
  const char *name; /* long name, without the dashes */
  char letter;      /* short name, or 0 */
  const char *arg;  /* the value's name in the help, or NULL when it takes none */
  unsigned cmds;    /* the CMD_* bits of the commands that accept it */
  vc_opt_set set;
  const char *help; /* one sentence, no trailing full stop */
} vc_opt_def;

static int set_out(vc_args *a, const char *v, FILE *err) {
  (void)err;
  a->out_dir = v;
  return 0;
}

static int set_voices(vc_args *a, const char *v, FILE *err) {
  (void)err;
  a->voices_dir = v;
  return 0;
}

static int set_format(vc_args *a, const char *v, FILE *err) {
  if (strcmp(v, "tsv") != 0 && strcmp(v, "json") != 0) {
    fprintf(err, "voicecap: --format wants tsv or json, not '%s'\n", v);
    return -1;
  }
  a->format = v;
  return 0;
}

static int set_audio(vc_args *a, const char *v, FILE *err) {
  (void)err;
  a->audio = v;
  return 0;
}

static int set_karaoke(vc_args *a, const char *v, FILE *err) {
  (void)v, (void)err;
  a->flags |= VC_RENDER_KARAOKE;
  return 0;
}

static int set_audio_format(vc_args *a, const char *v, FILE *err) {
  if (!vc_audio_format_supported(v)) {
    fprintf(err, "voicecap: --audio-format wants wav, flac, ogg, opus or mp3, not '%s'\n",
            v);
    return -1;
  }
  a->audio_format = v;
  return 0;
}

static int set_video(vc_args *a, const char *v, FILE *err) {
  (void)v, (void)err;
  if (!a->video_format)
    a->video_format = "mp4";
  return 0;
}

static int set_video_format(vc_args *a, const char *v, FILE *err) {
  if (!vc_video_format_supported(v)) {
    fprintf(err, "voicecap: --video-format wants mp4 or webm, not '%s'\n", v);
    return -1;
  }
  a->video_format = v;
  return 0;
}

static int set_no_html(vc_args *a, const char *v, FILE *err) {
  (void)v, (void)err;
  a->no_html = 1;
  return 0;
}

static int set_announce(vc_args *a, const char *v, FILE *err) {
  static const char *const modes[] = {[VC_ANNOUNCE_FIRST] = "first",
                                      [VC_ANNOUNCE_EVERY] = "every",
                                      [VC_ANNOUNCE_NONE] = "none"};
  for (int i = 0; i < (int)(sizeof modes / sizeof modes[0]); i++) {
    if (strcmp(v, modes[i]) == 0) {
      a->announce = i;
      return 0;
    }
  }
  fprintf(err, "voicecap: --announce wants first, every or none, not '%s'\n", v);
  return -1;
}

static int set_epub(vc_args *a, const char *v, FILE *err) {
  (void)v, (void)err;
  a->epub = 1;
  return 0;
}

/* Parses a whole decimal number in [lo, hi] into *n; -1 when `v` is not one. */
static int parse_int(const char *v, int lo, int hi, int *n) {
  char *end = NULL;
  long x = strtol(v, &end, 10);
  if (!*v || *end || x < lo || x > hi)
    return -1;
  *n = (int)x;
  return 0;
}

static int set_sample_rate(vc_args *a, const char *v, FILE *err) {
  if (parse_int(v, 8000, 192000, &a->sample_rate) == 0)
    return 0;
  fprintf(err, "voicecap: --sample-rate wants a rate from 8000 to 192000, not '%s'\n", v);
  return -1;
}

static int set_jobs(vc_args *a, const char *v, FILE *err) {
  if (parse_int(v, 1, 256, &a->jobs) == 0)
    return 0;
  fprintf(err, "voicecap: --jobs wants a number from 1 to 256, not '%s'\n", v);
  return -1;
}

static int set_shard(vc_args *a, const char *v, FILE *err) {
  (void)err;
  a->shard = v; /* checked with --shards and the environment when the batch starts */
  return 0;
}

static int set_shards(vc_args *a, const char *v, FILE *err) {
  int n = 0;
  if (parse_int(v, 1, VC_SHARDS_MAX, &n) == 0) {
    a->shards = n;
    return 0;
  }
  fprintf(err, "voicecap: --shards wants a number from 1 to %d, not '%s'\n",
          (int)VC_SHARDS_MAX, v);
  return -1;
}

static int set_files_from(vc_args *a, const char *v, FILE *err) {
  (void)err;
  a->files_from = v;
  return 0;
}

static int set_verbosity(vc_args *a, int v, FILE *err) {
  if (a->verbosity == -v) {
    fprintf(err, "voicecap: --quiet and --verbose exclude each other\n");
    return -1;
  }
  a->verbosity = v;
  return 0;
}

/* The voice calibration cache the program asks the library to keep: $VOICECAP_CACHE
 * (a file; "off": none), else $XDG_CACHE_HOME/voicecap/calibration.tsv, else
 * ~/.cache/voicecap/calibration.tsv, its folders made when missing. NULL: no cache. */
static const char *calibration_cache(char *path, size_t size) {
  const char *env = getenv("VOICECAP_CACHE");
  if (env && *env)
    return strcmp(env, "off") != 0 && (size_t)snprintf(path, size, "%s", env) < size ? path
                                                                                     : NULL;
  const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  int n = xdg && *xdg     ? snprintf(path, size, "%s", xdg)
          : home && *home ? snprintf(path, size, "%s/.cache", home)
                          : -1;
  if (n < 0 || (size_t)n + sizeof "/voicecap/calibration.tsv" > size)
    return NULL;
  mkdir(path, 0777); /* best effort: a failure only means measuring every time */
  strcat(path, "/voicecap");
  mkdir(path, 0777);
  strcat(path, "/calibration.tsv");
  return path;
}

static int set_quiet(vc_args *a, const char *v, FILE *err) {
  (void)v;
  return set_verbosity(a, -1, err);
}

static int set_verbose(vc_args *a, const char *v, FILE *err) {
  (void)v;
  return set_verbosity(a, 1, err);
}

/* The outputs are OUT/NAME.*: a plain file name, not hidden, not a path. */
static int set_name(vc_args *a, const char *v, FILE *err) {
  if (!*v || *v == '.' || strchr(v, '/')) {
    fprintf(err,
            "voicecap: --name wants a file name without '/' that does not start with "
            "'.', not '%s'\n",
            v);
    return -1;
  }
  a->name = v;
  return 0;
}

static int set_follow_links(vc_args *a, const char *v, FILE *err) {
  (void)v, (void)err;
  a->follow_links = 1;
  return 0;
}

static int set_explain(vc_args *a, const char *v, FILE *err) {
  (void)v, (void)err;
  a->explain = 1;
  return 0;
}

static int set_turns(vc_args *a, const char *v, FILE *err) {
  (void)err;
  a->turns = v;
  return 0;
}

static int set_cast(vc_args *a, const char *v, FILE *err) {
  (void)err;
  a->cast = v;
  return 0;
}

static int set_force(vc_args *a, const char *v, FILE *err) {
  (void)v, (void)err;
  a->force = 1;
  return 0;
}

static int set_progress(vc_args *a, const char *v, FILE *err) {
  static const char *const modes[] = {[VC_PROGRESS_AUTO] = "auto",
                                      [VC_PROGRESS_LINE] = "line",
                                      [VC_PROGRESS_PLAIN] = "plain",
                                      [VC_PROGRESS_JSON] = "json",
                                      [VC_PROGRESS_NONE] = "none"};
  for (int i = 0; i < (int)(sizeof modes / sizeof modes[0]); i++) {
    if (strcmp(v, modes[i]) == 0) {
      a->progress = i;
      return 0;
    }
  }
  fprintf(err, "voicecap: --progress wants auto, line, plain, json or none, not '%s'\n", v);
  return -1;
}

static int set_help(vc_args *a, const char *v, FILE *err) {
  (void)v, (void)err;
  a->help = 1;
  return 0;
}

static int set_version(vc_args *a, const char *v, FILE *err) {
  (void)v, (void)err;
  a->version = 1;
  return 0;
}

static const vc_opt_def vc_opts[] = {
    {"out", 'o', "DIR", CMD_RENDER | CMD_BATCH, set_out,
     "output folder, created if missing (default: out)"},
    {"jobs", 'j', "N", CMD_RENDER | CMD_BATCH, set_jobs,
     "render: paragraphs spoken at once, each in a process of its own (default: twice "
     "the number of cores); batch: interviews rendered at once (default: the number of "
     "cores), each with twice the cores left over to it (at least two) for its "
     "paragraphs; 1 to 256; the output is the same whatever the number"},
    {"voices", 0, "DIR", CMD_RENDER | CMD_BATCH | CMD_VOICES, set_voices,
     "voice definitions (default: $VOICECAP_VOICES, else the installed voices, "
     "PREFIX/share/voicecap/voices)"},
    {"audio-format", 0, "F", CMD_RENDER | CMD_BATCH, set_audio_format,
     "audio file format: wav (default), flac, ogg, opus or mp3"},
    {"sample-rate", 0, "N", CMD_RENDER | CMD_BATCH, set_sample_rate,
     "audio sample rate, 8000 to 192000 (default: espeak-ng's, 22050)"},
    {"announce", 0, "WHEN", CMD_RENDER | CMD_BATCH, set_announce,
     "the narrator says who speaks: before each speaker's first turn (first, the "
     "default), before every turn (every) or never (none)"},
    {"epub", 0, NULL, CMD_RENDER | CMD_BATCH, set_epub,
     "also write NAME.epub, an EPUB 3 talking book: the text read aloud in sync"},
    {"karaoke", 0, NULL, CMD_RENDER | CMD_BATCH, set_karaoke,
     "ASS and WebVTT captions with per-word timing"},
    {"video", 0, NULL, CMD_RENDER | CMD_BATCH, set_video,
     "also write NAME.mp4, the open-caption video: captions burned in as the ASS file "
     "shows them, the SRT as a soft track, one chapter per turn"},
    {"video-format", 0, "F", CMD_RENDER | CMD_BATCH, set_video_format,
     "the video's format, implies --video: mp4 (default: H.264 and AAC) or webm (VP9 and "
     "Opus)"},
    {"no-html", 0, NULL, CMD_RENDER | CMD_BATCH, set_no_html,
     "do not write NAME.html, the player page"},
    {"name", 0, "NAME", CMD_RENDER, set_name,
     "name the outputs of the interview read from standard input ('-'): DIR/NAME.wav and "
     "so on (default: stdin)"},
    {"cast", 0, "TSV", CMD_RENDER | CMD_BATCH, set_cast,
     "who speaks with which voice, as `voicecap cast` wrote it (default: render casts "
     "each FILE alone, batch casts over all its inputs)"},
    {"force", 0, NULL, CMD_BATCH, set_force,
     "render every input, also those whose outputs are up to date"},
    {"progress", 0, "HOW", CMD_BATCH, set_progress,
     "auto (the default: one updating line on a terminal, else a line per file), line, "
     "plain, json (one JSON object per event on standard output) or none"},
    {"follow-links", 0, NULL, CMD_BATCH | CMD_CAST, set_follow_links,
     "follow links that lead out of the folders given (by default they are skipped, and "
     "named)"},
    {"shard", 0, "K/N", CMD_BATCH, set_shard,
     "render only part K of N (counted from 0) of the inputs, split by size the same way "
     "on every machine; auto: K and N from a Slurm job array or, with --shards, a "
     "Kubernetes Indexed Job"},
    {"shards", 0, "N", CMD_BATCH, set_shards,
     "the number of parts for --shard auto where the scheduler does not tell it "
     "(Kubernetes: the Job's completions)"},
    {"files-from", 0, "LIST", CMD_BATCH | CMD_CAST, set_files_from,
     "also take the files named in LIST, one path a line ('-': standard input), as "
     "find, GNU parallel and xargs make them; their outputs mirror their paths below the "
     "folder they all share"},
    {"format", 0, "F", CMD_SEGMENT, set_format, "output format: tsv (default) or json"},
    {"explain", 0, NULL, CMD_SEGMENT, set_explain,
     "instead of the turns: each speaker's role and name with the rule and source line "
     "that chose them, and each turn's line, confidence and rule ('?': uncertain)"},
    {"turns", 0, "TSV", CMD_RENDER, set_turns,
     "render from this segmentation (segment --format tsv output, corrected) instead of "
     "segmenting; one FILE only"},
    {"audio", 0, "FILE", CMD_CHECK, set_audio,
     "the audio the captions belong to: check that the cues cover the speech"},
    {"quiet", 'q', NULL, CMD_RENDER | CMD_BATCH | CMD_CHECK, set_quiet,
     "print errors only (check: the problems and the files that fail)"},
    {"verbose", 'v', NULL, CMD_RENDER | CMD_BATCH, set_verbose,
     "notes on standard error as each interview goes through: turns and speakers found, "
     "voices used, audio length, cues, files written"},
    {"help", 'h', NULL, CMD_ALL, set_help, "show this help and exit"},
    {"version", 0, NULL, CMD_ALL, set_version, "show the version and exit"},
};

enum { N_OPTS = sizeof vc_opts / sizeof vc_opts[0], OPT_LONG_BASE = 256 };

typedef int (*vc_cmd_fn)(const vc_args *a, FILE *out, FILE *err);

/* One command: its name, its arguments and what it does, for the parser and the help. */
typedef struct vc_cmd_def {
  const char *name;
  unsigned bit;
  const char *args; /* the positional arguments, as in the synopsis */
  const char *help; /* one sentence, no capital, no full stop */
  const char *more; /* what else a user of the command should know: whole sentences */
  vc_cmd_fn run;
} vc_cmd_def;

/* Prints `text` from column `col` (the cursor is already there), wrapped at 88. */
static void put_wrapped(const char *text, int col, FILE *out) {
  int at = col;
  const char *p = text;
  while (*p) {
    size_t w = strcspn(p, " ");
    if (at > col && at + 1 + (int)w > 88) {
      fprintf(out, "\n%*s", col, "");
      at = col;
    } else if (at > col) {
      fputc(' ', out);
      at++;
    }
    fwrite(p, 1, w, out);
    at += (int)w;
    p += w;
    p += strspn(p, " ");
  }
  fputc('\n', out);
}

/* "  -o, --out=DIR        output folder ..." */
static void print_opt(const vc_opt_def *o, const char *help, FILE *out) {
  char head[64];
  snprintf(head, sizeof head, "%c%c%c --%s%s%s", o->letter ? '-' : ' ',
           o->letter ? o->letter : ' ', o->letter ? ',' : ' ', o->name, o->arg ? "=" : "",
           o->arg ? o->arg : "");
  int n = fprintf(out, "  %-22s", head);
  if (n > 24)
    fprintf(out, "\n%24s", "");
  put_wrapped(help, 24, out);
}

static void print_opts(unsigned cmds, FILE *out) {
  for (size_t i = 0; i < N_OPTS; i++)
    if (vc_opts[i].cmds & cmds)
      print_opt(&vc_opts[i], vc_opts[i].help, out);
}

/* Builds getopt_long's tables from vc_opts: every option is known to the parser, so that
 * one a command does not accept is named as such rather than as unknown. */
static void build_getopt(struct option *longs, char *shorts) {
  char *s = shorts;
  *s++ = ':'; /* a missing value returns ':' */
  for (size_t i = 0; i < N_OPTS; i++) {
    longs[i] =
        (struct option){vc_opts[i].name, vc_opts[i].arg ? required_argument : no_argument,
                        NULL, OPT_LONG_BASE + (int)i};
    if (vc_opts[i].letter) {
      *s++ = vc_opts[i].letter;
      if (vc_opts[i].arg)
        *s++ = ':';
    }
  }
  longs[N_OPTS] = (struct option){0};
  *s = '\0';
}

/* The row of the option getopt_long returned (`key`), or -1. */
static int opt_index(int key) {
  if (key >= OPT_LONG_BASE && key < OPT_LONG_BASE + (int)N_OPTS)
    return key - OPT_LONG_BASE;
  for (size_t i = 0; key > 0 && i < N_OPTS; i++)
    if (vc_opts[i].letter == key)
      return (int)i;
  return -1;
}

/* The option as the user wrote it, for messages: "-j" or "--jobs". */
static void opt_spelling(int key, char *buf, size_t n) {
  int k = opt_index(key);
  if (k >= 0 && key < OPT_LONG_BASE)
    snprintf(buf, n, "-%c", key);
  else if (k >= 0)
    snprintf(buf, n, "--%s", vc_opts[k].name);
  else
    snprintf(buf, n, "-%c", key);
}

/* An unknown "--name[=value]", or a prefix of several options' names (getopt_long takes
 * an unambiguous prefix as the option). */
static void report_unknown_long(const char *arg, const vc_cmd_def *c, FILE *err) {
  const char *name = arg + strspn(arg, "-");
  int n = (int)strcspn(name, "="), matches = 0;
  for (size_t i = 0; i < N_OPTS; i++)
    matches += strncmp(vc_opts[i].name, name, (size_t)n) == 0;
  if (matches < 2) {
    fprintf(err, "voicecap: unknown option '--%.*s' (see voicecap %s --help)\n", n, name,
            c->name);
    return;
  }
  fprintf(err, "voicecap: option '--%.*s' is ambiguous:", n, name);
  for (size_t i = 0; i < N_OPTS; i++)
    if (strncmp(vc_opts[i].name, name, (size_t)n) == 0)
      fprintf(err, " --%s", vc_opts[i].name);
  fputc('\n', err);
}

/* Reports what getopt_long refused (':' or '?'); `arg` is the argument it stopped at. */
static void report_bad_opt(int r, const vc_cmd_def *c, const char *arg, FILE *err) {
  char name[64];
  opt_spelling(optopt, name, sizeof name);
  if (r == ':')
    fprintf(err, "voicecap: option '%s' needs a value\n", name);
  else if (optopt >= OPT_LONG_BASE)
    fprintf(err, "voicecap: option '%s' takes no value\n", name);
  else if (optopt)
    fprintf(err, "voicecap: unknown option '%s' (see voicecap %s --help)\n", name, c->name);
  else
    report_unknown_long(arg, c, err);
}

/* Fills `a` from the command's arguments, argv[0] being the command; -1 on a usage error
 * (already reported). Options and arguments may come in any order; "--" ends options. */
static int parse_args(int argc, char **argv, const vc_cmd_def *c, vc_args *a, FILE *err) {
  struct option longs[N_OPTS + 1];
  char shorts[2 * N_OPTS + 2];
  build_getopt(longs, shorts);
  opterr = 0;
  optind = 0; /* glibc: start afresh (vc_cli_run may be called more than once) */
  int r;
  while ((r = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
    int k = opt_index(r);
    if (r == ':' || r == '?' || k < 0) {
      report_bad_opt(r, c, argv[optind - 1], err);
      return -1;
    }
    if (!(vc_opts[k].cmds & c->bit)) {
      char name[64];
      opt_spelling(r, name, sizeof name);
      fprintf(err,
              "voicecap: option '%s' does not apply to '%s' (see voicecap %s --help)\n",
              name, c->name, c->name);
      return -1;
    }
    if (vc_opts[k].set(a, optarg, err) != 0)
      return -1;
  }
  a->pos = argv + optind;
  a->n_pos = (size_t)(argc - optind);
  return 0;
}

/* --verbose: "voicecap: INPUT: NOTE" on standard error. */
static void print_note(void *user, const char *input, const char *note) {
  fprintf((FILE *)user, "voicecap: %s: %s\n", input, note);
}

static vc_render_opts render_opts(const vc_args *a, FILE *err, char *cache,
                                  size_t cache_size) {
  vc_render_opts o = {.out_dir = a->out_dir ? a->out_dir : "out",
                      .voices_dir = a->voices_dir,
                      .flags = a->flags,
                      .audio_format = a->audio_format,
                      .sample_rate = a->sample_rate,
                      .video_format = a->video_format,
                      .no_html = a->no_html,
                      .announce = (vc_announce)a->announce,
                      .epub = a->epub,
                      .calibration_cache = calibration_cache(cache, cache_size),
                      .note = a->verbosity > 0 ? print_note : NULL,
                      .note_user = err,
                      .turns_path = a->turns,
                      .warn = a->verbosity >= 0 ? print_note : NULL,
                      .warn_user = err,
                      .cancel = vc_guard_flag(),
                      .jobs = a->jobs};
  return o;
}

/* batch: `files` interviews at once (0: one per core) share the cores; each one has
 * twice as many paragraphs out at once as cores are left to it, at least two: they are
 * taken in order, so that one unit more than the cores keeps them busy past a long one,
 * and the last interview of a batch, alone, keeps two cores busy. */
static int units_per_file(int files) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  cores = cores > 0 ? cores : 1;
  long per = files > 0 ? 2 * cores / files : 2;
  return per > 1 ? (int)per : 2;
}

/* "-" names standard input; it has one interview to give, so it may appear once. */
static int is_stdin(const char *path) {
  return strcmp(path, "-") == 0;
}

static int check_stdin_args(const vc_args *a, const vc_cmd_def *c, FILE *err) {
  size_t n = 0;
  for (size_t i = 0; i < a->n_pos; i++)
    n += is_stdin(a->pos[i]);
  if (n > 1) {
    fprintf(err, "voicecap: '-' (standard input) can be given only once\n");
    return -1;
  }
  if (a->name && n == 0) {
    fprintf(err, "voicecap: --name names the outputs of standard input, and no input is "
                 "'-'\n");
    return -1;
  }
  if (n && !(c->bit & (CMD_RENDER | CMD_SEGMENT | CMD_VOICES))) {
    fprintf(err, "voicecap: %s does not read standard input ('-')\n", c->name);
    return -1;
  }
  if (n && isatty(STDIN_FILENO) && a->verbosity >= 0)
    fprintf(err, "voicecap: reading the interview from standard input (end it with "
                 "Ctrl-D)\n");
  return 0;
}

/* Loads `path`, or standard input for "-" under the name `name`. */
static vc_status load_input(const char *path, const char *name, vc_text **t, vc_diag *d) {
  return is_stdin(path) ? vc_text_read(stdin, name, t, d) : vc_text_load(path, t, d);
}

/* The name messages and outputs use for `path`. */
static const char *input_name(const vc_args *a, const char *path) {
  return !is_stdin(path) ? path : a->name ? a->name : "stdin";
}

/* The first FILE (in command-line order) that shares FILE i's base name, or NULL: their
 * outputs would overwrite each other, so the later one is refused, as batch does. */
static const char *earlier_same_name(const vc_args *a, size_t i) {
  char *stem = vc_path_stem(a->pos[i]);
  const char *clash = NULL;
  for (size_t k = 0; stem && k < i && !clash; k++) {
    char *other = vc_path_stem(a->pos[k]);
    if (other && strcmp(stem, other) == 0)
      clash = a->pos[k];
    free(other);
  }
  free(stem);
  return clash;
}

/* Reads --cast, checking its voices against the voices folder; -1 (reported) on error. */
static int read_cast(const vc_args *a, vc_voice_pins *pins, FILE *err) {
  vc_diag d = {{0}};
  char *dir = NULL;
  vc_voiceset *vs = NULL;
  vc_status st = vc_folder_find(VC_FOLDER_VOICES, a->voices_dir, &dir, &d);
  if (st == VC_OK)
    st = vc_voiceset_load(dir, &vs, &d);
  if (st == VC_OK)
    st = vc_voice_pins_read(a->cast, vs, pins, &d);
  if (st != VC_OK)
    vc_guard_error(err, d.msg);
  vc_voiceset_free(vs);
  free(dir);
  return st == VC_OK ? 0 : -1;
}

/* A FILE is rendered in a child process (guard.c), standard input in this one. */
static vc_status render_one(const vc_args *a, const char *path, const vc_render_opts *o,
                            const vc_voice_pins *pins, vc_diag *d) {
  if (!is_stdin(path))
    return vc_guard_render(path, o, pins, d);
  const char *name = input_name(a, path);
  vc_text *t = NULL;
  vc_status st = vc_text_read(stdin, name, &t, d);
  if (st == VC_OK) {
    st = vc_render_text_with(t->bytes, t->len, name, o, pins, d);
  } else {
    char why[sizeof d->msg];
    snprintf(why, sizeof why, "%s", d->msg[0] ? d->msg : vc_strerror(st));
    snprintf(d->msg, sizeof d->msg, "%.100s: %.400s", name, why);
  }
  vc_text_free(t);
  return st;
}

static int cmd_render(const vc_args *a, FILE *out, FILE *err) {
  if (a->n_pos == 0) {
    fprintf(err, "voicecap: render needs at least one FILE\n");
    return EXIT_USAGE;
  }
  if (a->turns && a->n_pos != 1) {
    fprintf(err, "voicecap: render --turns=TSV takes exactly one FILE\n");
    return EXIT_USAGE;
  }
  char cache[1024];
  vc_render_opts o = render_opts(a, err, cache, sizeof cache);
  vc_voice_pins pins = {0};
  if (a->cast && read_cast(a, &pins, err) != 0)
    return EXIT_SOME_FAILED;
  int failed = 0;
  vc_guard_signals();
  for (size_t i = 0; i < a->n_pos && !*o.cancel; i++) {
    vc_diag d = {{0}};
    const char *clash = earlier_same_name(a, i);
    vc_status st = VC_ERR_ARG;
    if (clash)
      snprintf(d.msg, sizeof d.msg,
               "%.200s: skipped: its outputs would overwrite those of %.200s", a->pos[i],
               clash);
    else
      st = render_one(a, a->pos[i], &o, a->cast ? &pins : NULL, &d);
    if (st != VC_OK) {
      if (st != VC_ERR_CANCELLED)
        vc_guard_error(err, d.msg);
      failed = 1;
    } else if (a->verbosity >= 0) {
      vc_guard_line(out, "rendered ", input_name(a, a->pos[i]));
    }
  }
  vc_voice_pins_clear(&pins);
  vc_guard_exit_if_signalled();
  return failed ? EXIT_SOME_FAILED : EXIT_OK;
}

/* Growable list of paths read from --files-from. */
typedef struct vc_paths {
  char **v;
  size_t n, cap;
} vc_paths;

static int add_listed(void *user, char *path) {
  vc_paths *p = user;
  if (p->n == p->cap) {
    size_t cap = p->cap ? 2 * p->cap : 16;
    char **v = realloc(p->v, cap * sizeof *v);
    if (!v) {
      free(path);
      return -1;
    }
    p->v = v, p->cap = cap;
  }
  p->v[p->n++] = path;
  return 0;
}

static void paths_free(vc_paths *p) {
  for (size_t i = 0; i < p->n; i++)
    free(p->v[i]);
  free(p->v);
}

/* --files-from: the paths listed; those that name no file are named, and make the batch
 * fail. Returns 0, or -1 when something was refused. */
static int read_files_from(const char *list, vc_paths *p, FILE *err) {
  int from_stdin = is_stdin(list);
  const char *name = from_stdin ? "standard input" : list;
  FILE *in = from_stdin ? stdin : fopen(list, "r");
  char why[sizeof(vc_diag)];
  if (!in) {
    snprintf(why, sizeof why, "%.300s: cannot open the list of files: %s", list,
             strerror(errno));
    vc_guard_error(err, why);
    return -1;
  }
  vc_paths got = {0};
  int bad = vc_shard_read_list(name, in, add_listed, &got, why, sizeof why) != 0;
  if (!from_stdin)
    fclose(in);
  if (bad)
    vc_guard_error(err, why);
  for (size_t i = 0; i < got.n; i++) {
    struct stat st;
    int e = stat(got.v[i], &st) != 0 ? errno : S_ISREG(st.st_mode) ? 0 : -1;
    if (e) {
      snprintf(why, sizeof why, "%.200s: %.200s: %s", name, got.v[i],
               e > 0 ? strerror(e) : "not a file (list files, one a line)");
      vc_guard_error(err, why);
      free(got.v[i]);
      bad = 1;
    } else if (add_listed(p, got.v[i]) != 0) {
      bad = 1;
    }
  }
  free(got.v);
  return bad ? -1 : 0;
}

/* The inputs of batch and cast (the DIRs and FILEs, and with --files-from the files it
 * lists); -1 (reported) when out of memory, else whether something given or found was
 * skipped. */
static int collect(const vc_args *a, vc_inputs *in, FILE *err) {
  vc_paths listed = {0};
  int bad = a->files_from && read_files_from(a->files_from, &listed, err) != 0;
  vc_inputs_opts io = {.out_dir = a->out_dir ? a->out_dir : "out",
                       .follow_links = a->follow_links,
                       .err = err,
                       .listed = listed.v,
                       .n_listed = listed.n};
  int got = vc_inputs_collect(a->pos, a->n_pos, &io, in);
  paths_free(&listed);
  bad = got < 0 ? -1 : bad | got;
  if (bad < 0)
    fprintf(err, "voicecap: %s\n", vc_strerror(VC_ERR_NOMEM));
  else if (in->n == 0 && !bad)
    fprintf(err, "voicecap: no *.txt files found\n");
  return bad;
}

/* --shard and --shards: the part this machine renders (s->n == 0: all). */
static int batch_shard(const vc_args *a, vc_shard *s, FILE *err) {
  *s = (vc_shard){0, 0};
  char why[512];
  if (!a->shard && a->shards) {
    fprintf(err, "voicecap: --shards N goes with --shard auto\n");
    return -1;
  }
  if (a->shard && vc_shard_parse(a->shard, a->shards, s, why, sizeof why) != 0) {
    fprintf(err, "voicecap: %s\n", why);
    return -1;
  }
  return 0;
}

/* Part `s` of `all` into `mine` (sharing all's strings), said on `err` unless quiet (on
 * standard error, so that --progress=json keeps standard output JSON). Returns 0, or -1
 * (reported) when out of memory. */
static int batch_part(const vc_args *a, const vc_inputs *all, vc_shard s, vc_inputs *mine,
                      FILE *err) {
  uint64_t bytes_mine = 0, bytes_all = 0;
  if (vc_shard_pick(all, s, mine, &bytes_mine, &bytes_all) != 0) {
    fprintf(err, "voicecap: %s\n", vc_strerror(VC_ERR_NOMEM));
    return -1;
  }
  if (a->verbosity >= 0)
    fprintf(err, "voicecap: shard %ld/%ld: %zu of %zu interviews, %llu of %llu bytes\n",
            s.k, s.n, mine->n, all->n, (unsigned long long)bytes_mine,
            (unsigned long long)bytes_all);
  return 0;
}

static int cmd_batch(const vc_args *a, FILE *out, FILE *err) {
  if (a->n_pos == 0 && !a->files_from) {
    fprintf(err, "voicecap: batch needs at least one DIR or FILE (or --files-from LIST)\n");
    return EXIT_USAGE;
  }
  vc_shard s;
  if (batch_shard(a, &s, err) != 0)
    return EXIT_USAGE;
  vc_inputs in = {0}, part = {0};
  int bad = collect(a, &in, err);
  if (bad >= 0 && a->verbosity > 0)
    fprintf(err, "voicecap: %zu interviews (*.txt) to render\n", in.n);
  if (bad >= 0 && s.n && in.n && batch_part(a, &in, s, &part, err) != 0)
    bad = -1;
  char cache[1024];
  vc_render_opts o = render_opts(a, err, cache, sizeof cache);
  vc_batch_opts b = {.jobs = a->jobs,
                     .force = a->force,
                     .cast_path = a->cast,
                     .cast_over = s.n ? &in : NULL,
                     .progress = (vc_progress_mode)a->progress,
                     .out = a->verbosity < 0 ? NULL : out,
                     .err = err};
  o.jobs = units_per_file(a->jobs);
  vc_guard_signals();
  int rc = EXIT_SOME_FAILED;
  if (bad >= 0 &&
      in.n) /* a part with no inputs (more parts than inputs) has nothing to do */
    rc = s.n && !part.n ? EXIT_OK : vc_batch_run(s.n ? &part : &in, &o, &b);
  free(part.v);
  vc_inputs_free(&in);
  vc_guard_exit_if_signalled();
  return bad ? EXIT_SOME_FAILED : rc;
}

/* `voicecap cast DIR|FILE...`: the cast of the whole collection, as batch makes it. */
static int cmd_cast(const vc_args *a, FILE *out, FILE *err) {
  if (a->n_pos == 0 && !a->files_from) {
    fprintf(err, "voicecap: cast needs at least one DIR or FILE (or --files-from LIST)\n");
    return EXIT_USAGE;
  }
  vc_inputs in = {0};
  vc_voice_pins pins = {0};
  int bad = collect(a, &in, err);
  vc_status st = bad >= 0 ? vc_batch_cast(&in, &pins) : VC_ERR_NOMEM;
  if (st == VC_OK)
    vc_voice_pins_write(&pins, out);
  vc_voice_pins_clear(&pins);
  vc_inputs_free(&in);
  return st != VC_OK || bad || fflush(out) != 0 ? EXIT_SOME_FAILED : EXIT_OK;
}

static void print_tsv(const vc_script *s, FILE *out) {
  fputs("start_byte\tend_byte\trole\tspeaker\ttext\n", out);
  for (size_t i = 0; i < s->n_turns; i++) {
    const vc_turn *t = &s->turns[i];
    const char *name = s->speakers[t->speaker].name;
    fprintf(out, "%zu\t%zu\t%s\t", t->src_start, t->src_end, vc_role_name(t->role));
    vc_tsv_put_field(name, strlen(name), out);
    fputc('\t', out);
    vc_tsv_put_field(t->text, t->text_len, out);
    fputc('\n', out);
  }
}

static int print_json(const vc_script *s, FILE *out) {
  json_t *root = json_object(), *turns = json_array(), *speakers = json_array();
  for (size_t i = 0; i < s->n_speakers; i++)
    json_array_append_new(speakers, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)i, "name",
                                              s->speakers[i].name, "role",
                                              vc_role_name(s->speakers[i].role)));
  for (size_t i = 0; i < s->n_turns; i++) {
    const vc_turn *t = &s->turns[i];
    json_array_append_new(
        turns, json_pack("{s:I,s:s,s:s,s:I,s:I,s:s%}", "speaker", (json_int_t)t->speaker,
                         "name", s->speakers[t->speaker].name, "role",
                         vc_role_name(t->role), "start_byte", (json_int_t)t->src_start,
                         "end_byte", (json_int_t)t->src_end, "text", t->text, t->text_len));
  }
  json_object_set_new(root, "speakers", speakers);
  json_object_set_new(root, "turns", turns);
  int rc = json_dumpf(root, out, JSON_INDENT(2));
  fputc('\n', out);
  json_decref(root);
  return rc;
}

/* "voicecap: FILE: problem" as one escaped line. */
static void report_failure(FILE *err, const char *path, const vc_diag *d, vc_status st) {
  char msg[2 * sizeof(vc_diag)];
  snprintf(msg, sizeof msg, "%s: %s", path, d->msg[0] ? d->msg : vc_strerror(st));
  vc_guard_error(err, msg);
}

/* One line of turn text for --explain: the first words, white space as single spaces. */
static void put_excerpt(const char *t, size_t n, FILE *out) {
  for (size_t i = 0; i < n && i < 48; i++)
    fputc(t[i] == '\n' || t[i] == '\t' ? ' ' : t[i], out);
  if (n > 48)
    fputs("...", out);
}

/* segment --explain: every speaker's role and name with the evidence, every turn with
 * its line, confidence and rule; uncertain turns marked '?'. */
static void print_explain(const char *name, const vc_text *src, const vc_script *s,
                          FILE *out) {
  size_t unsure = vc_script_uncertain(s);
  fprintf(out, "%s: %zu speakers, %zu turns, %zu uncertain (confidence < %.2f)\n", name,
          s->n_speakers, s->n_turns, unsure, VC_TURN_UNCERTAIN);
  fputs("speakers:\n", out);
  for (size_t i = 0; i < s->n_speakers; i++)
    fprintf(out, "  %-3zu %-11s %s\n      %s\n", i, vc_role_name(s->speakers[i].role),
            s->speakers[i].name, s->why && s->why[i] ? s->why[i] : "");
  fputs("turns:\n", out);
  size_t line = 1, pos = 0;
  for (size_t i = 0; i < s->n_turns; i++) {
    const vc_turn *t = &s->turns[i];
    for (; pos < t->src_start && pos < src->len; pos++)
      line += src->bytes[pos] == '\n';
    vc_turn_note n = s->notes ? s->notes[i] : (vc_turn_note){1.0, NULL};
    fprintf(out, "%c line %-5zu %.2f %-11s %-24s %-34s ",
            n.confidence < VC_TURN_UNCERTAIN ? '?' : ' ', line, n.confidence,
            vc_role_name(t->role), s->speakers[t->speaker].name, n.basis ? n.basis : "");
    put_excerpt(t->text, t->text_len, out);
    fputc('\n', out);
  }
}

static int cmd_segment(const vc_args *a, FILE *out, FILE *err) {
  const char *fmt = a->format ? a->format : "tsv";
  if (a->n_pos != 1) {
    fprintf(err, "voicecap: usage: voicecap segment [--format tsv|json|--explain] FILE\n");
    return EXIT_USAGE;
  }
  vc_diag d = {{0}};
  vc_text *t = NULL;
  vc_script *s = NULL;
  const char *name = input_name(a, a->pos[0]);
  vc_status st = load_input(a->pos[0], name, &t, &d);
  if (st == VC_OK)
    st = vc_segment(t->bytes, t->len, &s, &d);
  if (st != VC_OK) {
    report_failure(err, name, &d, st);
  } else if (a->explain) {
    print_explain(name, t, s, out);
  } else if (strcmp(fmt, "json") == 0) {
    print_json(s, out);
  } else {
    print_tsv(s, out);
  }
  vc_script_free(s);
  vc_text_free(t);
  return st == VC_OK ? EXIT_OK : EXIT_SOME_FAILED;
}

static int cmd_check(const vc_args *a, FILE *out, FILE *err) {
  if (a->n_pos == 0) {
    fprintf(err, "voicecap: usage: voicecap check [--audio NAME.wav] FILE...\n");
    return EXIT_USAGE;
  }
  vc_check_opts o = {.audio_path = a->audio,
                     .max_uncovered = VC_CHECK_MAX_UNCOVERED,
                     .quiet = a->verbosity < 0};
  int failed = vc_check_files(a->pos, a->n_pos, &o, out, err);
  return failed < 0 ? EXIT_USAGE : failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
}

static void print_voice_row(const char *who, const char *role, const vc_voice *v,
                            unsigned colour, FILE *out) {
  fprintf(out, "%-28s %-12s %-14s %s+%s rate %d pitch %d range %d gain %+.1f dB #%06X\n",
          who, role, v->id, v->language, v->variant ? v->variant : "", v->rate, v->pitch,
          v->range, v->gain_db, colour & 0xFFFFFFu);
}

/* Without files: every voice defined. With files: who speaks with which voice. */
static int list_cast(const vc_voiceset *vs, const vc_voice_pins *pins, const char *path,
                     const char *name, FILE *out, FILE *err) {
  vc_diag d = {{0}};
  vc_text *t = NULL;
  vc_script *s = NULL;
  vc_cast *c = NULL;
  vc_status st = load_input(path, name, &t, &d);
  if (st == VC_OK)
    st = vc_segment(t->bytes, t->len, &s, &d);
  if (st == VC_OK)
    st = vc_cast_new_pinned(vs, s, pins, &c, &d);
  if (st != VC_OK) {
    report_failure(err, name, &d, st);
  } else {
    fprintf(out, "%s:\n", name);
    for (size_t i = 0; i < s->n_speakers; i++)
      print_voice_row(s->speakers[i].name, vc_role_name(s->speakers[i].role), c->voice[i],
                      c->colour[i], out);
  }
  vc_cast_free(c);
  vc_script_free(s);
  vc_text_free(t);
  return st == VC_OK ? 0 : 1;
}

static int cmd_voices(const vc_args *a, FILE *out, FILE *err) {
  for (size_t i = 0; a->n_pos > 1 && i < a->n_pos; i++) {
    if (is_stdin(a->pos[i])) {
      fprintf(err, "voicecap: voices: '-' (standard input) must be the only FILE: the "
                   "casting of several files reads each twice\n");
      return EXIT_USAGE;
    }
  }
  vc_diag d = {{0}};
  vc_voiceset *vs = NULL;
  char *dir = NULL;
  if (vc_folder_find(VC_FOLDER_VOICES, a->voices_dir, &dir, &d) != VC_OK ||
      vc_voiceset_load(dir, &vs, &d) != VC_OK) {
    fprintf(err, "voicecap: %s\n", d.msg);
    free(dir);
    return EXIT_SOME_FAILED;
  }
  int failed = 0;
  if (a->n_pos == 0) {
    fprintf(out, "voices in %s:\n", dir);
    for (size_t i = 0; i < vs->n_voices; i++) {
      const vc_voice *v = &vs->voices[i];
      print_voice_row(v->id, "", v, v->colour, out);
    }
  }
  /* several files are cast as a batch casts them: one voice per person throughout */
  vc_voice_pins pins = {0};
  if (a->n_pos > 1)
    vc_batch_plan_voices(a->pos, a->n_pos, &pins);
  for (size_t i = 0; i < a->n_pos; i++)
    failed |= list_cast(vs, &pins, a->pos[i], input_name(a, a->pos[i]), out, err);
  vc_voice_pins_clear(&pins);
  vc_voiceset_free(vs);
  free(dir);
  return failed ? EXIT_SOME_FAILED : EXIT_OK;
}

static const vc_cmd_def vc_cmds[] = {
    {"render", CMD_RENDER, "FILE...",
     "narrate each FILE into "
     "DIR/NAME.{wav,srt,vtt,ass,json,transcript.txt,chapters.vtt,html}",
     "NAME is the FILE's base name without its extension; NAME.transcript.txt is the "
     "transcript. The "
     "outputs are written under temporary names and renamed only when all are complete. A "
     "FILE of '-' reads the interview from standard input; --name names its outputs.",
     cmd_render},
    {"batch", CMD_BATCH, "DIR|FILE...",
     "render every *.txt below each DIR and each FILE, several at once, each person "
     "keeping one voice throughout, skipping what is up to date",
     "The output folder mirrors the input tree: DIR/a/x.txt gives OUT/a/x.wav and so on "
     "(a FILE: OUT/x.wav). Hidden files and folders, transcripts (NAME.transcript.txt) "
     "and the output folder are never taken as inputs; an input whose outputs would be "
     "another's is refused. A person keeps the voice of the role they first appear in "
     "across all the inputs (the cast, see voicecap cast; --cast gives one). An input "
     "whose outputs are complete and were made from the same text, voices, data, "
     "options, cast and version (recorded in OUT/a/.x.voicecap) is skipped; --force "
     "renders it again. A batch stopped at any point and run again ends with the files "
     "one uninterrupted run writes. --shard K/N renders one part of a batch split over "
     "machines; each part still casts over all the inputs, so the parts together are the "
     "same files one batch writes.",
     cmd_batch},
    {"cast", CMD_CAST, "DIR|FILE...",
     "print who speaks with which voice across all the interviews given, as batch casts "
     "them (segmenting only, no speech)",
     "The folders are walked as batch walks them and the files taken in the same order, "
     "so the cast is the one a batch over the same inputs makes. Save it (voicecap cast "
     "DIR > cast.tsv) and give it to render --cast or batch --cast: a file then sounds "
     "the same rendered alone, in any batch and in any shard. The TSV has a comment "
     "line, the header speaker, voice, slot, and one person a line: the voice (a voice "
     "file's name, which may be edited) and the pitch slot among the people of that "
     "voice.",
     cmd_cast},
    {"segment", CMD_SEGMENT, "FILE", "print the turns of FILE without synthesising",
     "tsv: one turn a line, start_byte, end_byte, role, speaker and text separated by tabs "
     "(byte offsets into FILE, end exclusive; a tab, newline or backslash in the text is "
     "written \\t, \\n or \\\\). json: the speakers and the turns. The roles are narrator, "
     "interviewer, interviewee and quote. A FILE of '-' reads standard input.",
     cmd_segment},
    {"voices", CMD_VOICES, "[FILE...]",
     "list the voices, or who speaks with which voice and colour in each FILE",
     "Several FILEs are cast as a batch casts them: each person keeps one voice "
     "throughout. "
     "A FILE of '-' reads standard input, and is then the only FILE.",
     cmd_voices},
    {"check", CMD_CHECK, "FILE...",
     "check caption files (.srt .vtt .ass) against the caption rules",
     "Per cue: at most 2 lines of 42 characters, 0.833 to 7 seconds, at most 20 characters "
     "a second, a speaker label where the speaker changes; between cues: no overlap, gaps "
     "under 84 ms or over 500 ms. With --audio: at most 1% of the speech outside every "
     "cue, "
     "and no cue on silence. Prints each problem, and a summary line for each file.",
     cmd_check},
};

enum { N_CMDS = sizeof vc_cmds / sizeof vc_cmds[0] };

static const vc_cmd_def *find_cmd(const char *name) {
  for (size_t i = 0; i < N_CMDS; i++)
    if (strcmp(name, vc_cmds[i].name) == 0)
      return &vc_cmds[i];
  return NULL;
}

/* The option's help followed by the commands that take it, "... [render, batch]", unless
 * every command does. */
static void opt_help_with_cmds(const vc_opt_def *o, char *buf, size_t size) {
  size_t n = (size_t)snprintf(buf, size, "%s", o->help);
  for (size_t k = 0, first = 1; o->cmds != CMD_ALL && k < N_CMDS && n < size; k++) {
    if (o->cmds & vc_cmds[k].bit) {
      n +=
          (size_t)snprintf(buf + n, size - n, "%s%s", first ? " [" : ", ", vc_cmds[k].name);
      first = 0;
    }
  }
  if (o->cmds != CMD_ALL && n + 1 < size)
    snprintf(buf + n, size - n, "]");
}

static void print_usage(FILE *out) {
  fputs("Usage: voicecap COMMAND [OPTIONS] ARGS\n"
        "       voicecap COMMAND --help | voicecap help COMMAND\n"
        "\n"
        "Commands:\n",
        out);
  for (size_t i = 0; i < N_CMDS; i++) {
    char head[64];
    snprintf(head, sizeof head, "%s %s", vc_cmds[i].name, vc_cmds[i].args);
    fprintf(out, "  %-22s", head);
    put_wrapped(vc_cmds[i].help, 24, out);
  }
  fputs("\nOptions (voicecap COMMAND --help lists those of one command):\n", out);
  for (size_t i = 0; i < N_OPTS; i++) {
    char help[512];
    opt_help_with_cmds(&vc_opts[i], help, sizeof help);
    print_opt(&vc_opts[i], help, out);
  }
  fputs("\nExit status: 0 all done, 1 some input failed, 2 usage error.\n", out);
}

static void print_cmd_help(const vc_cmd_def *c, FILE *out) {
  fprintf(out, "Usage: voicecap %s [OPTIONS] %s\n\n", c->name, c->args);
  put_wrapped(c->help, 0, out);
  fputc('\n', out);
  put_wrapped(c->more, 0, out);
  fputs("\nOptions:\n", out);
  print_opts(c->bit, out);
  fputs("\nExit status: 0 all done, 1 some input failed, 2 usage error.\n", out);
}

/* ---- the man page's COMMANDS and OPTIONS (voicecap --help-man, docs/voicecap.1) ------ */

/* Writes `text` escaped for roff, words in capitals (FILE, DIR) in italics when `vars`. */
static void put_roff(const char *text, int vars, FILE *out) {
  for (const char *p = text; *p; p++) {
    size_t caps = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    if (vars && caps > 1 && (p == text || !strchr("$_", p[-1]))) {
      fprintf(out, "\\fI%.*s\\fR", (int)caps, p);
      p += caps - 1;
    } else if (*p == '-' && (p == text || strchr(" ('-", p[-1]))) {
      fputs("\\-", out); /* a minus (options, '-'); a hyphen inside a word stays */
    } else if (*p == '\\') {
      fputs("\\e", out);
    } else {
      if ((*p == '.' || *p == '\'') && (p == text || p[-1] == '\n'))
        fputs("\\&", out);
      fputc(*p, out);
    }
  }
}

/* One sentence of help, with a capital and a full stop, and a line break after it. */
static void put_roff_sentence(const char *text, int vars, FILE *out) {
  char buf[512];
  snprintf(buf, sizeof buf, "%s", text);
  buf[0] = (char)toupper((unsigned char)buf[0]);
  put_roff(buf, vars, out);
  fputs(".\n.br\n", out);
}

/* "\fB\-o\fR, \fB\-\-out\fR" */
static void put_roff_opt_names(const vc_opt_def *o, FILE *out) {
  if (o->letter)
    fprintf(out, "\\fB\\-%c\\fR, ", o->letter);
  fputs("\\fB\\-\\-", out);
  for (const char *p = o->name; *p; p++)
    fputs(*p == '-' ? "\\-" : (char[]){*p, '\0'}, out);
  fputs("\\fR", out);
}

static void print_man_commands(FILE *out) {
  fputs(".SH COMMANDS\n", out);
  for (size_t i = 0; i < N_CMDS; i++) {
    const vc_cmd_def *c = &vc_cmds[i];
    fprintf(out, ".SS \"%s [\\fIOPTIONS\\fR] ", c->name);
    put_roff(c->args, 1, out);
    fputs("\"\n", out);
    put_roff_sentence(c->help, 1, out);
    put_roff(c->more, 0, out);
    fputs("\n.br\nOptions:", out);
    for (size_t k = 0, first = 1; k < N_OPTS; k++) {
      if (!(vc_opts[k].cmds & c->bit))
        continue;
      fputs(first ? " " : ", ", out);
      put_roff_opt_names(&vc_opts[k], out);
      first = 0;
    }
    fputs(".\n", out);
  }
}

static void print_man_options(FILE *out) {
  fputs(".SH OPTIONS\n", out);
  for (size_t i = 0; i < N_OPTS; i++) {
    const vc_opt_def *o = &vc_opts[i];
    fputs(".TP\n", out);
    put_roff_opt_names(o, out);
    if (o->arg) {
      fputs("=\\fI", out);
      put_roff(o->arg, 0, out);
      fputs("\\fR", out);
    }
    fputc('\n', out);
    put_roff_sentence(o->help, 0, out);
    fputs("Commands:", out);
    for (size_t k = 0, first = 1; k < N_CMDS; k++) {
      if (!(o->cmds & vc_cmds[k].bit))
        continue;
      fprintf(out, "%s%s", first ? " " : ", ", vc_cmds[k].name);
      first = 0;
    }
    fputs(".\n", out);
  }
}

/* `voicecap help [COMMAND]` */
static int run_help(int argc, char **argv, FILE *out, FILE *err) {
  if (argc < 3) {
    print_usage(out);
    return EXIT_OK;
  }
  const vc_cmd_def *c = find_cmd(argv[2]);
  if (!c || argc > 3) {
    fprintf(err, "voicecap: help: %s '%s' (see voicecap --help)\n",
            c ? "one COMMAND, not also" : "unknown command", argv[c ? 3 : 2]);
    return EXIT_USAGE;
  }
  print_cmd_help(c, out);
  return EXIT_OK;
}

int vc_cli_run(int argc, char **argv, FILE *out, FILE *err) {
  if (argc < 2) {
    print_usage(err);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
    print_usage(out);
    return EXIT_OK;
  }
  if (strcmp(cmd, "help") == 0)
    return run_help(argc, argv, out, err);
  if (strcmp(cmd, "--version") == 0) {
    fprintf(out, "voicecap %s\n", vc_version());
    return EXIT_OK;
  }
  if (strcmp(cmd, "--help-man") == 0) { /* not listed: scripts/update-man.sh uses it */
    print_man_commands(out);
    print_man_options(out);
    return EXIT_OK;
  }
  const vc_cmd_def *c = find_cmd(cmd);
  if (!c && cmd[0] == '-') {
    fprintf(err,
            "voicecap: '%s': the command comes first: voicecap COMMAND [OPTIONS] "
            "(see voicecap --help)\n",
            cmd);
    return EXIT_USAGE;
  }
  if (!c) {
    fprintf(err, "voicecap: unknown command '%s' (see voicecap --help)\n", cmd);
    return EXIT_USAGE;
  }
  vc_args a = {0};
  if (parse_args(argc - 1, argv + 1, c, &a, err) != 0)
    return EXIT_USAGE;
  if (a.help) {
    print_cmd_help(c, out);
    return EXIT_OK;
  }
  if (a.version) {
    fprintf(out, "voicecap %s\n", vc_version());
    return EXIT_OK;
  }
  if (check_stdin_args(&a, c, err) != 0)
    return EXIT_USAGE;
  return c->run(&a, out, err);
}
