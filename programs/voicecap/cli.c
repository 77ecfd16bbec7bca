/* Command-line parsing and the subcommands; main() only calls vc_cli_run(). */
#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util_fs.h"
#include "voicecap/check.h"
#include "voicecap/voicecap.h"

enum { EXIT_OK = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

static const char vc_usage[] =
    "Usage: voicecap COMMAND [OPTIONS] ARGS\n"
    "\n"
    "Commands:\n"
    "  render [-o DIR] [--voices DIR] FILE...   narrate FILEs into "
    "DIR/NAME.{wav,srt,vtt,ass,json,txt,html,...}\n"
    "  batch [-o DIR] [-j N] [OPTIONS] DIR...\n"
    "                                           render every *.txt below each DIR, N at "
    "once\n"
    "  segment [--format tsv|json] FILE         print the turns without synthesising\n"
    "  voices [--voices DIR] [FILE...]          list the voices, or who speaks with which\n"
    "                                           voice and colour in each FILE\n"
    "  check [--audio NAME.wav] FILE...         check caption files (.srt .vtt .ass) "
    "against\n"
    "                                           the caption rules, and with --audio that "
    "the\n"
    "                                           cues cover the speech\n"
    "\n"
    "Options:\n"
    "  -o, --out DIR      output folder (default: out)\n"
    "  --voices DIR       voice definitions (default: ./voices, or $VOICECAP_VOICES)\n"
    "  -j, --jobs N       worker processes for batch (default: number of cores)\n"
    "  --format F         segment output: tsv (default) or json\n"
    "  --karaoke          ASS and WebVTT with per-word timing\n"
    "  --audio-format F   wav (default), flac, ogg, opus or mp3\n"
    "  --video            also write NAME.mp4: captions burned in, soft captions, "
    "chapters\n"
    "  --video-format F   mp4 (default: H.264 + AAC) or webm (VP9 + Opus); implies "
    "--video\n"
    "  --no-html          do not write the NAME.html player page\n"
    "  --sample-rate N    audio sample rate, 8000-192000 (default: espeak-ng's 22050)\n"
    "  --audio FILE       check: the audio the captions belong to\n"
    "  -h, --help         show this help\n"
    "  --version          show the version\n"
    "\n"
    "Exit status: 0 all done, 1 some input failed, 2 usage error.\n";

/* Parsed command line; positional arguments borrow argv. */
typedef struct vc_args {
  const char *out_dir, *voices_dir, *format, *audio, *audio_format, *video_format;
  int jobs, help, sample_rate, no_html;
  unsigned flags;
  char **pos;
  size_t n_pos;
} vc_args;

typedef enum {
  OPT_OUT,
  OPT_VOICES,
  OPT_JOBS,
  OPT_FORMAT,
  OPT_KARAOKE,
  OPT_AUDIO,
  OPT_AUDIO_FORMAT,
  OPT_SAMPLE_RATE,
  OPT_VIDEO,
  OPT_VIDEO_FORMAT,
  OPT_NO_HTML
} vc_opt_id;

static const struct {
  const char *s, *l;
  vc_opt_id id;
  int takes_value;
} vc_opts[] = {
    {"-o", "--out", OPT_OUT, 1},
    {NULL, "--voices", OPT_VOICES, 1},
    {"-j", "--jobs", OPT_JOBS, 1},
    {NULL, "--format", OPT_FORMAT, 1},
    {NULL, "--karaoke", OPT_KARAOKE, 0},
    {NULL, "--audio", OPT_AUDIO, 1},
    {NULL, "--audio-format", OPT_AUDIO_FORMAT, 1},
    {NULL, "--sample-rate", OPT_SAMPLE_RATE, 1},
    {NULL, "--video", OPT_VIDEO, 0},
    {NULL, "--video-format", OPT_VIDEO_FORMAT, 1},
    {NULL, "--no-html", OPT_NO_HTML, 0},
};

static int find_opt(const char *arg, const char **inline_value) {
  *inline_value = NULL;
  for (size_t i = 0; i < sizeof vc_opts / sizeof vc_opts[0]; i++) {
    size_t ln = strlen(vc_opts[i].l);
    if (vc_opts[i].s && strcmp(arg, vc_opts[i].s) == 0)
      return (int)i;
    if (strncmp(arg, vc_opts[i].l, ln) == 0 && (arg[ln] == '\0' || arg[ln] == '=')) {
      if (arg[ln] == '=')
        *inline_value = arg + ln + 1;
      return (int)i;
    }
  }
  return -1;
}

static int set_opt(vc_args *a, vc_opt_id id, const char *v, FILE *err) {
  char *end = NULL;
  switch (id) {
  case OPT_OUT:
    a->out_dir = v;
    break;
  case OPT_VOICES:
    a->voices_dir = v;
    break;
  case OPT_FORMAT:
    a->format = v;
    break;
  case OPT_AUDIO:
    a->audio = v;
    break;
  case OPT_KARAOKE:
    a->flags |= VC_DOC_KARAOKE;
    break;
  case OPT_AUDIO_FORMAT:
    if (!vc_audio_format_supported(v)) {
      fprintf(err, "voicecap: --audio-format wants wav, flac, ogg, opus or mp3, not '%s'\n",
              v);
      return -1;
    }
    a->audio_format = v;
    break;
  case OPT_VIDEO:
    if (!a->video_format)
      a->video_format = "mp4";
    break;
  case OPT_VIDEO_FORMAT:
    if (!vc_video_format_supported(v)) {
      fprintf(err, "voicecap: --video-format wants mp4 or webm, not '%s'\n", v);
      return -1;
    }
    a->video_format = v;
    break;
  case OPT_NO_HTML:
    a->no_html = 1;
    break;
  case OPT_SAMPLE_RATE:
    a->sample_rate = (int)strtol(v, &end, 10);
    if (!*v || *end || a->sample_rate < 8000 || a->sample_rate > 192000) {
      fprintf(err, "voicecap: --sample-rate wants a rate from 8000 to 192000, not '%s'\n",
              v);
      return -1;
    }
    break;
  case OPT_JOBS:
    a->jobs = (int)strtol(v, &end, 10);
    if (!*v || *end || a->jobs < 1 || a->jobs > 256) {
      fprintf(err, "voicecap: --jobs wants a number from 1 to 256, not '%s'\n", v);
      return -1;
    }
    break;
  }
  return 0;
}

/* Fills `a` from argv[first..]; returns -1 on a usage error (already reported). */
static int parse_args(int argc, char **argv, int first, vc_args *a, FILE *err) {
  a->pos = calloc((size_t)argc + 1, sizeof *a->pos);
  if (!a->pos)
    return -1;
  int only_pos = 0;
  for (int i = first; i < argc; i++) {
    const char *arg = argv[i], *v = NULL;
    if (only_pos || arg[0] != '-' || strcmp(arg, "-") == 0) {
      a->pos[a->n_pos++] = argv[i];
      continue;
    }
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      a->help = 1;
      continue;
    }
    if (strcmp(arg, "--") == 0) {
      only_pos = 1;
      continue;
    }
    int k = find_opt(arg, &v);
    if (k < 0) {
      fprintf(err, "voicecap: unknown option '%s' (see voicecap --help)\n", arg);
      return -1;
    }
    if (vc_opts[k].takes_value && !v) {
      if (i + 1 >= argc) {
        fprintf(err, "voicecap: option '%s' needs a value\n", arg);
        return -1;
      }
      v = argv[++i];
    }
    if (set_opt(a, vc_opts[k].id, v, err) != 0)
      return -1;
  }
  return 0;
}

static vc_render_opts render_opts(const vc_args *a) {
  vc_render_opts o = {.out_dir = a->out_dir ? a->out_dir : "out",
                      .voices_dir = a->voices_dir,
                      .flags = a->flags,
                      .audio_format = a->audio_format,
                      .sample_rate = a->sample_rate,
                      .video_format = a->video_format,
                      .no_html = a->no_html};
  return o;
}

static int cmd_render(const vc_args *a, FILE *out, FILE *err) {
  if (a->n_pos == 0) {
    fprintf(err, "voicecap: render needs at least one FILE\n");
    return EXIT_USAGE;
  }
  vc_render_opts o = render_opts(a);
  int failed = 0;
  for (size_t i = 0; i < a->n_pos; i++) {
    vc_diag d = {{0}};
    if (vc_render_file(a->pos[i], &o, &d) != VC_OK) {
      fprintf(err, "voicecap: %s\n", d.msg);
      failed = 1;
    } else {
      fprintf(out, "rendered %s\n", a->pos[i]);
    }
  }
  return failed ? EXIT_SOME_FAILED : EXIT_OK;
}

/* A growable list of paths found by a folder walk. */
typedef struct vc_paths {
  char **v;
  size_t n, cap;
} vc_paths;

static int paths_add(vc_paths *p, char *s) {
  if (p->n == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 16;
    char **v = realloc(p->v, cap * sizeof *v);
    if (!v) {
      free(s);
      return -1;
    }
    p->v = v, p->cap = cap;
  }
  p->v[p->n++] = s;
  return 0;
}

static void paths_free(vc_paths *p) {
  for (size_t i = 0; i < p->n; i++)
    free(p->v[i]);
  free(p->v);
}

static int has_txt_suffix(const char *name) {
  size_t n = strlen(name);
  return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

/* Adds every *.txt below `dir` (hidden entries skipped); depth caps runaway links. */
static int walk(const char *dir, vc_paths *p, int depth, FILE *err) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(err, "voicecap: %s: cannot open folder\n", dir);
    return -1;
  }
  int rc = 0;
  struct dirent *e;
  while (rc == 0 && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    size_t n = strlen(dir) + strlen(e->d_name) + 2;
    char *full = malloc(n);
    if (!full) {
      rc = -1;
      break;
    }
    snprintf(full, n, "%s/%s", dir, e->d_name);
    struct stat st;
    if (stat(full, &st) == 0 && S_ISDIR(st.st_mode) && depth < 32) {
      rc = walk(full, p, depth + 1, err);
      free(full);
    } else if (S_ISREG(st.st_mode) && has_txt_suffix(e->d_name)) {
      rc = paths_add(p, full);
    } else {
      free(full);
    }
  }
  closedir(d);
  return rc;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Outputs are named after the input's base name, so two inputs with one base name would
 * overwrite each other: the first (in sorted order) is kept, the others refused. */
static int drop_duplicate_names(vc_paths *p, FILE *err) {
  int dropped = 0;
  size_t kept = 0;
  for (size_t i = 0; i < p->n; i++) {
    char *stem = vc_path_stem(p->v[i]);
    const char *clash = NULL;
    for (size_t k = 0; stem && k < kept && !clash; k++) {
      char *other = vc_path_stem(p->v[k]);
      if (other && strcmp(stem, other) == 0)
        clash = p->v[k];
      free(other);
    }
    if (clash) {
      fprintf(err, "voicecap: %s: skipped: its outputs would overwrite those of %s\n",
              p->v[i], clash);
      free(p->v[i]);
      dropped = 1;
    } else {
      p->v[kept++] = p->v[i];
    }
    free(stem);
  }
  p->n = kept;
  return dropped;
}

static int cmd_batch(const vc_args *a, FILE *out, FILE *err) {
  if (a->n_pos == 0) {
    fprintf(err, "voicecap: batch needs at least one DIR\n");
    return EXIT_USAGE;
  }
  vc_paths p = {0};
  int bad = 0;
  for (size_t i = 0; i < a->n_pos; i++)
    bad |= walk(a->pos[i], &p, 0, err) != 0;
  qsort(p.v, p.n, sizeof *p.v, cmp_str);
  bad |= drop_duplicate_names(&p, err);
  if (p.n == 0 && !bad)
    fprintf(err, "voicecap: no *.txt files found\n");
  vc_render_opts o = render_opts(a);
  int rc = p.n ? vc_batch_run(p.v, p.n, &o, a->jobs, out, err) : EXIT_SOME_FAILED;
  paths_free(&p);
  return bad ? EXIT_SOME_FAILED : rc;
}

/* TSV keeps one turn a line: tab, newline and backslash are written as \t, \n, \\. */
static void put_tsv_field(const char *s, size_t n, FILE *out) {
  for (size_t i = 0; i < n; i++) {
    switch (s[i]) {
    case '\t':
      fputs("\\t", out);
      break;
    case '\n':
      fputs("\\n", out);
      break;
    case '\r':
      fputs("\\r", out);
      break;
    case '\\':
      fputs("\\\\", out);
      break;
    default:
      fputc(s[i], out);
    }
  }
}

static void print_tsv(const vc_script *s, FILE *out) {
  fputs("start_byte\tend_byte\trole\tspeaker\ttext\n", out);
  for (size_t i = 0; i < s->n_turns; i++) {
    const vc_turn *t = &s->turns[i];
    const char *name = s->speakers[t->speaker].name;
    fprintf(out, "%zu\t%zu\t%s\t", t->src_start, t->src_end, vc_role_name(t->role));
    put_tsv_field(name, strlen(name), out);
    fputc('\t', out);
    put_tsv_field(t->text, t->text_len, out);
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

static int cmd_segment(const vc_args *a, FILE *out, FILE *err) {
  const char *fmt = a->format ? a->format : "tsv";
  if (a->n_pos != 1 || (strcmp(fmt, "tsv") != 0 && strcmp(fmt, "json") != 0)) {
    fprintf(err, "voicecap: usage: voicecap segment [--format tsv|json] FILE\n");
    return EXIT_USAGE;
  }
  vc_diag d = {{0}};
  vc_text *t = NULL;
  vc_script *s = NULL;
  vc_status st = vc_text_load(a->pos[0], &t, &d);
  if (st == VC_OK)
    st = vc_segment(t->bytes, t->len, &s, &d);
  if (st != VC_OK) {
    fprintf(err, "voicecap: %s: %s\n", a->pos[0], d.msg[0] ? d.msg : vc_strerror(st));
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
  vc_check_opts o = {.audio_path = a->audio, .max_uncovered = VC_CHECK_MAX_UNCOVERED};
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
                     FILE *out, FILE *err) {
  vc_diag d = {{0}};
  vc_text *t = NULL;
  vc_script *s = NULL;
  vc_cast *c = NULL;
  vc_status st = vc_text_load(path, &t, &d);
  if (st == VC_OK)
    st = vc_segment(t->bytes, t->len, &s, &d);
  if (st == VC_OK)
    st = vc_cast_new_pinned(vs, s, pins, &c, &d);
  if (st != VC_OK) {
    fprintf(err, "voicecap: %s: %s\n", path, d.msg[0] ? d.msg : vc_strerror(st));
  } else {
    fprintf(out, "%s:\n", path);
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
  vc_diag d = {{0}};
  vc_voiceset *vs = NULL;
  const char *dir = vc_voices_dir(a->voices_dir);
  if (vc_voiceset_load(dir, &vs, &d) != VC_OK) {
    fprintf(err, "voicecap: %s\n", d.msg);
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
    failed |= list_cast(vs, &pins, a->pos[i], out, err);
  vc_voice_pins_clear(&pins);
  vc_voiceset_free(vs);
  return failed ? EXIT_SOME_FAILED : EXIT_OK;
}

typedef int (*vc_cmd_fn)(const vc_args *a, FILE *out, FILE *err);

static const struct {
  const char *name;
  vc_cmd_fn run;
} vc_cmds[] = {
    {"render", cmd_render}, {"batch", cmd_batch},   {"segment", cmd_segment},
    {"check", cmd_check},   {"voices", cmd_voices},
};

int vc_cli_run(int argc, char **argv, FILE *out, FILE *err) {
  if (argc < 2) {
    fputs(vc_usage, err);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
    fputs(vc_usage, out);
    return EXIT_OK;
  }
  if (strcmp(cmd, "--version") == 0) {
    fprintf(out, "voicecap %s\n", VC_VERSION_STRING);
    return EXIT_OK;
  }
  for (size_t i = 0; i < sizeof vc_cmds / sizeof vc_cmds[0]; i++) {
    if (strcmp(cmd, vc_cmds[i].name) != 0)
      continue;
    vc_args a = {0};
    int rc = EXIT_USAGE;
    if (parse_args(argc, argv, 2, &a, err) == 0)
      rc = a.help ? (fputs(vc_usage, out), EXIT_OK) : vc_cmds[i].run(&a, out, err);
    free(a.pos);
    return rc;
  }
  fprintf(err, "voicecap: unknown command '%s' (see voicecap --help)\n", cmd);
  return EXIT_USAGE;
}
