/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Voices (one INI file each, read with inih) and each speaker's voice and colour. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <ini.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cast.h"
#include "cast_colours.h"
#include "cast_person.h"

#define VC_MAX_VOICE_FILES 4096

/* What a key's value is and where it goes in vc_voice. */
typedef enum { KEY_LANGUAGE, KEY_VARIANT, KEY_INT, KEY_DB, KEY_COLOUR } vc_key_kind;

static const struct {
  const char *name;
  vc_key_kind kind;
  size_t offset;
  int min, max;
} vc_voice_keys[] = {
    {"language", KEY_LANGUAGE, offsetof(vc_voice, language), 0, 0},
    {"variant", KEY_VARIANT, offsetof(vc_voice, variant), 0, 0},
    {"rate", KEY_INT, offsetof(vc_voice, rate), 80, 450},
    {"pitch", KEY_INT, offsetof(vc_voice, pitch), 0, 100},
    {"range", KEY_INT, offsetof(vc_voice, range), 0, 100},
    {"gain_db", KEY_DB, offsetof(vc_voice, gain_db), -30, 30},
    {"colour", KEY_COLOUR, offsetof(vc_voice, colour), 0, 0},
    {"paragraph_pause_ms", KEY_INT, offsetof(vc_voice, paragraph_pause_ms), 0, 10000},
    {"turn_pause_ms", KEY_INT, offsetof(vc_voice, turn_pause_ms), 0, 10000},
    {"variant_male", KEY_VARIANT, offsetof(vc_voice, variant_male), 0, 0},
    {"pitch_male", KEY_INT, offsetof(vc_voice, pitch_male), 0, 100},
    {"variant_female", KEY_VARIANT, offsetof(vc_voice, variant_female), 0, 0},
    {"pitch_female", KEY_INT, offsetof(vc_voice, pitch_female), 0, 100},
};
#define VC_N_KEYS (sizeof vc_voice_keys / sizeof vc_voice_keys[0])

static const vc_voice vc_voice_defaults = {.rate = 170,
                                           .pitch = 50,
                                           .range = 50,
                                           .gain_db = 0.0,
                                           .colour = VC_COLOUR_AUTO,
                                           .paragraph_pause_ms = 400,
                                           .turn_pause_ms = 1000,
                                           .pitch_male = -1,
                                           .pitch_female = -1};

/* BBC caption colours in their order (docs/captions.md, "Speakers"); panels skip
 * yellow, the narrator's. */
enum { VC_WHITE, VC_YELLOW, VC_CYAN, VC_GREEN, VC_N_BBC };
static const unsigned vc_bbc_colours[VC_N_BBC] = {[VC_WHITE] = 0xFFFFFF,
                                                  [VC_YELLOW] = 0xFFFF00,
                                                  [VC_CYAN] = 0x00FFFF,
                                                  [VC_GREEN] = 0x00FF00};
static const unsigned char vc_panel_colours[] = {VC_WHITE, VC_CYAN, VC_GREEN};
#define VC_N_PANEL (sizeof vc_panel_colours / sizeof vc_panel_colours[0])

/* Pitch offsets for the 2nd, 3rd... speaker sharing one voice. */
static const int vc_panel_pitch[] = {0, 12, -12, 22, -22, 6, -6, 17, -17};
#define VC_N_PANEL_PITCH (sizeof vc_panel_pitch / sizeof vc_panel_pitch[0])

/* State of one file's parse; `msg` keeps the first problem (inih reports its line). */
typedef struct vc_ini_ctx {
  vc_voice *v;
  unsigned seen;
  char msg[160];
} vc_ini_ctx;

static int ini_fail(vc_ini_ctx *c, const char *fmt, const char *a) {
  if (!c->msg[0])
    snprintf(c->msg, sizeof c->msg, fmt, a);
  return 0;
}

static int parse_int(const char *s, long min, long max, int *out) {
  char *end;
  errno = 0;
  long n = strtol(s, &end, 10);
  if (errno || end == s || *end || n < min || n > max)
    return 0;
  *out = (int)n;
  return 1;
}

static int parse_db(const char *s, double min, double max, double *out) {
  char *end;
  errno = 0;
  double d = strtod(s, &end);
  if (errno || end == s || *end || !(d >= min && d <= max))
    return 0;
  *out = d;
  return 1;
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = (char)tolower((unsigned char)c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int parse_colour(const char *s, unsigned *out) {
  if (strcmp(s, "auto") == 0) {
    *out = VC_COLOUR_AUTO;
    return 1;
  }
  if (s[0] != '#' || strlen(s) != 7)
    return 0;
  unsigned rgb = 0;
  for (int i = 1; i < 7; i++) {
    int d = hex_digit(s[i]);
    if (d < 0)
      return 0;
    rgb = rgb << 4 | (unsigned)d;
  }
  *out = rgb;
  return 1;
}

/* espeak-ng names: letters, digits, '-', '_' and (in variant names) spaces. */
static int valid_name(const char *s, int allow_space) {
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (!isalnum(c) && c != '-' && c != '_' && !(allow_space && c == ' '))
      return 0;
  }
  return 1;
}

static int set_string(vc_ini_ctx *c, char **dst, const char *value, int is_variant) {
  if ((!is_variant && !value[0]) || strlen(value) > 64 || !valid_name(value, is_variant))
    return ini_fail(c, "invalid espeak-ng name '%s'", value);
  char *copy = strdup(value);
  if (!copy)
    return ini_fail(c, "%s", "out of memory");
  free(*dst);
  *dst = copy;
  return 1;
}

static int set_key(vc_ini_ctx *c, size_t k, const char *value) {
  char *field = (char *)c->v + vc_voice_keys[k].offset;
  int min = vc_voice_keys[k].min, max = vc_voice_keys[k].max;
  int ok = 0;
  switch (vc_voice_keys[k].kind) {
  case KEY_LANGUAGE:
  case KEY_VARIANT:
    return set_string(c, (char **)(void *)field, value,
                      vc_voice_keys[k].kind == KEY_VARIANT);
  case KEY_INT:
    ok = parse_int(value, min, max, (int *)(void *)field);
    break;
  case KEY_DB:
    ok = parse_db(value, min, max, (double *)(void *)field);
    break;
  case KEY_COLOUR:
    ok = parse_colour(value, (unsigned *)(void *)field);
    break;
  }
  if (!ok) {
    char buf[120];
    snprintf(buf, sizeof buf, "%s = '%.60s'", vc_voice_keys[k].name, value);
    return ini_fail(c, "invalid value %s", buf);
  }
  return 1;
}

static int voice_key(void *user, const char *section, const char *name, const char *value) {
  vc_ini_ctx *c = user;
  if (section[0])
    return ini_fail(c, "unexpected section [%s]", section);
  for (size_t k = 0; k < VC_N_KEYS; k++) {
    if (strcmp(name, vc_voice_keys[k].name) != 0)
      continue;
    if (c->seen & (1u << k))
      return ini_fail(c, "duplicate key '%s'", name);
    c->seen |= 1u << k;
    return set_key(c, k, value);
  }
  return ini_fail(c, "unknown key '%s'", name);
}

static void voice_clear(vc_voice *v) {
  free(v->id);
  free(v->language);
  free(v->variant);
  free(v->file);
  free(v->variant_male);
  free(v->variant_female);
}

/* Reads `path` into `v` (whose id is set); on error names the file and line. */
static vc_status voice_load(const char *path, vc_voice *v, vc_diag *diag) {
  vc_ini_ctx c = {.v = v};
  v->language = strdup("en-gb");
  v->variant = strdup("");
  if (!v->language || !v->variant)
    return VC_ERR_NOMEM;
  int line = ini_parse(path, voice_key, &c);
  if (line == -1) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "%s: cannot read: %s", path, strerror(errno));
    return VC_ERR_IO;
  }
  if (line != 0) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "%s:%d: %s", path, line,
               c.msg[0] ? c.msg : "syntax error");
    return line == -2 ? VC_ERR_NOMEM : VC_ERR_CONFIG;
  }
  return VC_OK;
}

static int has_ini_suffix(const char *name) {
  size_t n = strlen(name);
  return n > 4 && strcmp(name + n - 4, ".ini") == 0 && name[0] != '.';
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);
}

/* Lists the *.ini file names in `dir`, sorted so loading is deterministic. */
static vc_status list_ini(const char *dir, char ***out, size_t *n_out, vc_diag *diag) {
  DIR *d = opendir(dir);
  if (!d) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "%s: cannot open voices: %s", dir,
               strerror(errno));
    return VC_ERR_IO;
  }
  char **names = NULL;
  size_t n = 0;
  vc_status st = VC_OK;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (!has_ini_suffix(e->d_name))
      continue;
    if (n >= VC_MAX_VOICE_FILES) {
      st = VC_ERR_LIMIT;
      break;
    }
    char **grown = realloc(names, (n + 1) * sizeof *names);
    if (!grown || !(grown[n] = strdup(e->d_name))) {
      names = grown ? grown : names;
      st = VC_ERR_NOMEM;
      break;
    }
    names = grown;
    n++;
  }
  closedir(d);
  if (st != VC_OK) {
    free_names(names, n);
    return st;
  }
  if (n > 1)
    qsort(names, n, sizeof *names, cmp_names);
  *out = names;
  *n_out = n;
  return VC_OK;
}

static vc_status load_one(const char *dir, const char *name, vc_voice *v, vc_diag *diag) {
  size_t n = strlen(dir) + strlen(name) + 2;
  char *path = malloc(n);
  v->id = strndup(name, strlen(name) - 4);
  if (!path || !v->id) {
    free(path);
    return VC_ERR_NOMEM;
  }
  snprintf(path, n, "%s/%s", dir, name);
  v->file = path;
  return voice_load(path, v, diag);
}

static vc_status check_roles(const vc_voiceset *vs, const char *dir, vc_diag *diag) {
  for (int r = 0; r < VC_ROLE_COUNT; r++) {
    if (!vc_voiceset_find(vs, vc_role_name((vc_role)r))) {
      if (diag)
        snprintf(diag->msg, sizeof diag->msg,
                 "%s/%s.ini: missing (every role needs a voice)", dir,
                 vc_role_name((vc_role)r));
      return VC_ERR_CONFIG;
    }
  }
  return VC_OK;
}

vc_status vc_voiceset_load(const char *dir, vc_voiceset **out, vc_diag *diag) {
  char **names = NULL;
  size_t n = 0;
  *out = NULL;
  vc_status st = list_ini(dir, &names, &n, diag);
  if (st != VC_OK)
    return st;
  vc_voiceset *vs = calloc(1, sizeof *vs);
  if (!vs || (n && !(vs->voices = calloc(n, sizeof *vs->voices)))) {
    st = VC_ERR_NOMEM;
    goto fail;
  }
  for (size_t i = 0; i < n; i++) {
    vs->voices[i] = vc_voice_defaults;
    vs->n_voices = i + 1;
    st = load_one(dir, names[i], &vs->voices[i], diag);
    if (st != VC_OK)
      goto fail;
  }
  st = check_roles(vs, dir, diag);
  if (st != VC_OK)
    goto fail;
  free_names(names, n);
  *out = vs;
  return VC_OK;
fail:
  free_names(names, n);
  vc_voiceset_free(vs);
  return st;
}

void vc_voiceset_free(vc_voiceset *vs) {
  if (!vs)
    return;
  for (size_t i = 0; i < vs->n_voices; i++)
    voice_clear(&vs->voices[i]);
  free(vs->voices);
  free(vs);
}

/* Folds case and treats ' ', '-' and '_' alike, so "Jane Doe" finds "jane-doe". */
static int name_char(unsigned char c) {
  return c == ' ' || c == '-' || c == '_' ? '-' : tolower(c);
}

static int same_name(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    if (name_char((unsigned char)*a) != name_char((unsigned char)*b))
      return 0;
  }
  return *a == *b;
}

const vc_voice *vc_voiceset_find(const vc_voiceset *vs, const char *id) {
  if (!vs || !id)
    return NULL;
  for (size_t i = 0; i < vs->n_voices; i++) {
    if (same_name(vs->voices[i].id, id))
      return &vs->voices[i];
  }
  return NULL;
}

static int colour_used(const unsigned *colours, size_t n, unsigned c) {
  for (size_t i = 0; i < n; i++) {
    if (colours[i] == c)
      return 1;
  }
  return 0;
}

/* The next panel colour: the first unused one in BBC order, else the cycle repeats. */
static unsigned next_panel_colour(const unsigned *colours, size_t n, size_t *cursor) {
  for (size_t k = 0; k < VC_N_PANEL; k++) {
    unsigned c = vc_bbc_colours[vc_panel_colours[(*cursor + k) % VC_N_PANEL]];
    if (!colour_used(colours, n, c)) {
      *cursor += k + 1;
      return c;
    }
  }
  return vc_bbc_colours[vc_panel_colours[(*cursor)++ % VC_N_PANEL]];
}

/* The role's own colour for the first speaker of a role, BBC order otherwise. */
static unsigned role_colour(vc_role r) {
  static const unsigned by_role[VC_ROLE_COUNT] = {
      [VC_ROLE_NARRATOR] = VC_YELLOW,
      [VC_ROLE_INTERVIEWER] = VC_WHITE,
      [VC_ROLE_INTERVIEWEE] = VC_CYAN,
      [VC_ROLE_QUOTE] = VC_GREEN,
  };
  return vc_bbc_colours[(unsigned)r < VC_ROLE_COUNT ? by_role[r] : VC_WHITE];
}

unsigned vc_cast_colour(const vc_cast *c, size_t i) {
  if (c && i < c->n_speakers && c->colour && c->colour[i] != VC_COLOUR_AUTO)
    return c->colour[i] & 0xFFFFFFu;
  return vc_bbc_colours[i == 0 ? VC_YELLOW : (i - 1) % VC_N_BBC];
}

static int clamp_pitch(int p) {
  return p < 0 ? 0 : p > 100 ? 100 : p;
}

const vc_voice_pin *vc_voice_pins_find(const vc_voice_pins *pins, const char *name) {
  for (size_t i = 0; pins && name && i < pins->n; i++) {
    if (strcmp(pins->pins[i].speaker, name) == 0)
      return &pins->pins[i];
  }
  return NULL;
}

/* 1 when a speaker before `i` in this file speaks with `base` at `pitch`. */
static int pitch_taken(const vc_cast *c, size_t i, const vc_voice *base, int pitch) {
  for (size_t k = 0; k < i; k++) {
    if (c->own[k].id == base->id && c->own[k].pitch == pitch)
      return 1;
  }
  return 0;
}

/* Chooses speaker i's voice copy; the first speaker of each voice keeps the voice's
 * colour (or its role's, when the voice leaves it to us and nobody has it yet). The
 * others stay VC_COLOUR_AUTO until every such colour is known (fill_colours). */
/* A role's voice made to fit what the text says about the person: the variant and pitch
 * the voice file gives for a man or a woman, when it gives them. */
static void fit_person(vc_voice *v, vc_person who) {
  const char *variant = who == VC_PERSON_HE    ? v->variant_male
                        : who == VC_PERSON_SHE ? v->variant_female
                                               : NULL;
  int pitch = who == VC_PERSON_HE    ? v->pitch_male
              : who == VC_PERSON_SHE ? v->pitch_female
                                     : -1;
  if (variant)
    v->variant = (char *)variant;
  if (pitch >= 0)
    v->pitch = pitch;
}

static void cast_one(vc_cast *c, const vc_voiceset *vs, const vc_voice_pins *pins,
                     const vc_speaker *sp, size_t i, size_t *uses, vc_person who) {
  const vc_voice *base = vc_voiceset_find(vs, sp->name);
  int own_file = base != NULL && i > 0;
  const vc_voice_pin *pin = i > 0 && !base ? vc_voice_pins_find(pins, sp->name) : NULL;
  if (pin)
    base = vc_voiceset_find(vs, pin->voice_id);
  if (!base || i == 0)
    base = vc_voiceset_find(vs, vc_role_name(sp->role)), pin = NULL;
  size_t k = (size_t)(base - vs->voices);
  size_t nth = uses[k]++;
  c->own[i] = *base;
  if (!own_file)
    fit_person(&c->own[i], who);
  base = &c->own[i];
  /* a pinned person keeps their batch-wide pitch slot unless someone here has it */
  int pitch = clamp_pitch(base->pitch + vc_panel_pitch[nth % VC_N_PANEL_PITCH]);
  if (pin) {
    int kept = clamp_pitch(base->pitch + vc_panel_pitch[pin->slot % VC_N_PANEL_PITCH]);
    pitch = pitch_taken(c, i, base, kept) ? pitch : kept;
  }
  c->own[i].pitch = pitch;
  unsigned colour = VC_COLOUR_AUTO;
  if (nth == 0 && base->colour != VC_COLOUR_AUTO)
    colour = base->colour;
  else if (nth == 0 && !colour_used(c->colour, c->n_speakers, role_colour(sp->role)))
    colour = role_colour(sp->role);
  c->colour[i] = colour;
}

/* Gives every speaker still without a colour the first BBC colour nobody in the file has,
 * so a panelist never takes a colour that a later speaker's voice claims. */
static void fill_colours(vc_cast *c) {
  size_t cursor = 0;
  for (size_t i = 0; i < c->n_speakers; i++) {
    if (c->colour[i] == VC_COLOUR_AUTO)
      c->colour[i] = next_panel_colour(c->colour, c->n_speakers, &cursor);
  }
}

vc_status vc_cast_new(const vc_voiceset *vs, const vc_script *script, vc_cast **out,
                      vc_diag *diag) {
  return vc_cast_new_pinned(vs, script, NULL, out, diag);
}

static int is_generic(const char *name) {
  return strcmp(name, "Narrator") == 0 || strcmp(name, "Interviewer") == 0;
}

vc_status vc_voice_pins_add(vc_voice_pins *p, const vc_script *script) {
  for (size_t i = 1; i < script->n_speakers; i++) {
    const vc_speaker *sp = &script->speakers[i];
    if (!sp->name || is_generic(sp->name) || vc_voice_pins_find(p, sp->name))
      continue;
    if (p->n == p->cap) {
      size_t cap = p->cap ? p->cap * 2 : 16;
      vc_voice_pin *v =
          cap < SIZE_MAX / sizeof *v ? realloc(p->pins, cap * sizeof *v) : NULL;
      if (!v)
        return VC_ERR_NOMEM;
      p->pins = v, p->cap = cap;
    }
    vc_voice_pin pin = {strdup(sp->name), strdup(vc_role_name(sp->role)), 0};
    for (size_t k = 0; k < p->n; k++) /* the next pitch slot of that voice */
      pin.slot += strcmp(p->pins[k].voice_id, vc_role_name(sp->role)) == 0;
    if (!pin.speaker || !pin.voice_id) {
      free(pin.speaker), free(pin.voice_id);
      return VC_ERR_NOMEM;
    }
    p->pins[p->n++] = pin;
  }
  return VC_OK;
}

void vc_voice_pins_clear(vc_voice_pins *p) {
  for (size_t i = 0; p && i < p->n; i++)
    free(p->pins[i].speaker), free(p->pins[i].voice_id);
  if (p)
    free(p->pins), memset(p, 0, sizeof *p);
}

vc_status vc_cast_new_pinned(const vc_voiceset *vs, const vc_script *script,
                             const vc_voice_pins *pins, vc_cast **out, vc_diag *diag) {
  size_t n = script->n_speakers;
  size_t *uses = NULL;
  vc_person *persons = NULL;
  *out = NULL;
  if (n > SIZE_MAX / sizeof(vc_voice) || !vs)
    return VC_ERR_LIMIT;
  vc_cast *c = calloc(1, sizeof *c);
  if (!c)
    return VC_ERR_NOMEM;
  c->n_speakers = n;
  c->voice = calloc(n ? n : 1, sizeof *c->voice);
  c->colour = calloc(n ? n : 1, sizeof *c->colour);
  c->own = calloc(n ? n : 1, sizeof *c->own);
  uses = calloc(vs->n_voices ? vs->n_voices : 1, sizeof *uses);
  persons = calloc(n ? n : 1, sizeof *persons);
  if (!c->voice || !c->colour || !c->own || !uses || !persons ||
      vc_cast_persons(script, persons) != VC_OK)
    goto nomem;
  for (size_t i = 0; i < n; i++)
    c->colour[i] = VC_COLOUR_AUTO;
  for (size_t i = 0; i < n; i++) {
    if (!vc_voiceset_find(vs, vc_role_name(script->speakers[i].role))) {
      if (diag)
        snprintf(diag->msg, sizeof diag->msg, "no voice for role %s",
                 vc_role_name(script->speakers[i].role));
      free(uses);
      free(persons);
      vc_cast_free(c);
      return VC_ERR_CONFIG;
    }
    cast_one(c, vs, pins, &script->speakers[i], i, uses, persons[i]);
    c->voice[i] = &c->own[i];
  }
  fill_colours(c);
  free(uses);
  free(persons);
  *out = c;
  return VC_OK;
nomem:
  free(uses);
  free(persons);
  vc_cast_free(c);
  return VC_ERR_NOMEM;
}

void vc_cast_free(vc_cast *c) {
  if (!c)
    return;
  free(c->voice);
  free(c->colour);
  free(c->own);
  free(c);
}
