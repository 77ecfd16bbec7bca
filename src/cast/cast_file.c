/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cast file: who speaks with which voice across a collection, as TSV. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cast.h"
#include "util_tsv.h"

#define VC_CAST_HEADER "speaker\tvoice\tslot"
#define VC_CAST_SLOT_MAX 1000000

void vc_voice_pins_write(const vc_voice_pins *p, FILE *out) {
  fputs("# voicecap cast: who speaks with which voice (render/batch --cast FILE)\n", out);
  fputs(VC_CAST_HEADER "\n", out);
  for (size_t i = 0; p && i < p->n; i++) {
    vc_tsv_put_field(p->pins[i].speaker, strlen(p->pins[i].speaker), out);
    fputc('\t', out);
    vc_tsv_put_field(p->pins[i].voice_id, strlen(p->pins[i].voice_id), out);
    fprintf(out, "\t%zu\n", p->pins[i].slot);
  }
}

/* Undoes vc_tsv_put_field in place; -1 on an unknown escape. */
static int unescape(char *s) {
  char *w = s;
  for (char *r = s; *r; r++) {
    if (*r != '\\') {
      *w++ = *r;
      continue;
    }
    r++;
    char c = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r == '\\' ? '\\' : 0;
    if (!c)
      return -1;
    *w++ = c;
  }
  *w = '\0';
  return 0;
}

/* One pin line "speaker TAB voice TAB slot" (cut in place); NULL when it is well formed,
 * else what is wrong with it. */
static const char *parse_line(char *line, const vc_voiceset *vs, vc_voice_pin *pin) {
  char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
  if (!t1 || !t2 || strchr(t2 + 1, '\t'))
    return "want three fields, speaker, voice and slot, separated by tabs";
  *t1 = *t2 = '\0';
  char *end = NULL;
  errno = 0;
  unsigned long slot = strtoul(t2 + 1, &end, 10);
  if (!t2[1] || *end || errno || slot > VC_CAST_SLOT_MAX || t2[1] == '-')
    return "the slot is not a whole number from 0 to 1000000";
  if (unescape(line) != 0 || unescape(t1 + 1) != 0)
    return "an unknown escape (\\t, \\n, \\r and \\\\ are known)";
  if (!*line || !t1[1])
    return "an empty speaker or voice";
  if (vs && !vc_voiceset_find(vs, t1 + 1))
    return "no such voice in the voices folder";
  *pin = (vc_voice_pin){line, t1 + 1, (size_t)slot};
  return NULL;
}

static vc_status add_pin(vc_voice_pins *p, const vc_voice_pin *pin) {
  if (p->n == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 16;
    vc_voice_pin *v = cap < SIZE_MAX / sizeof *v ? realloc(p->pins, cap * sizeof *v) : NULL;
    if (!v)
      return VC_ERR_NOMEM;
    p->pins = v, p->cap = cap;
  }
  vc_voice_pin copy = {strdup(pin->speaker), strdup(pin->voice_id), pin->slot};
  if (!copy.speaker || !copy.voice_id) {
    free(copy.speaker), free(copy.voice_id);
    return VC_ERR_NOMEM;
  }
  p->pins[p->n++] = copy;
  return VC_OK;
}

static vc_status read_lines(FILE *f, const char *path, const vc_voiceset *vs,
                            vc_voice_pins *p, vc_diag *diag) {
  char *line = NULL;
  size_t cap = 0, no = 0;
  ssize_t len;
  int header = 0;
  vc_status st = VC_OK;
  while (st == VC_OK && (len = getline(&line, &cap, f)) >= 0) {
    no++;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
      line[--len] = '\0';
    if (len == 0 || line[0] == '#')
      continue;
    if (!header && strcmp(line, VC_CAST_HEADER) == 0) {
      header = 1;
      continue;
    }
    vc_voice_pin pin;
    const char *why = parse_line(line, vs, &pin);
    if (why) {
      if (diag)
        snprintf(diag->msg, sizeof diag->msg, "%.300s:%zu: %s", path, no, why);
      st = VC_ERR_CONFIG;
    } else if (vc_voice_pins_find(p, pin.speaker)) {
      if (diag)
        snprintf(diag->msg, sizeof diag->msg, "%.300s:%zu: %.100s is cast twice", path, no,
                 pin.speaker);
      st = VC_ERR_CONFIG;
    } else {
      st = add_pin(p, &pin);
    }
  }
  free(line);
  return st;
}

vc_status vc_voice_pins_read(const char *path, const vc_voiceset *vs, vc_voice_pins *p,
                             vc_diag *diag) {
  vc_voice_pins_clear(p);
  FILE *f = fopen(path, "r");
  if (!f) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "%.300s: cannot read the cast: %s", path,
               strerror(errno));
    return VC_ERR_IO;
  }
  vc_status st = read_lines(f, path, vs, p, diag);
  if (st == VC_OK && ferror(f)) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "%.300s: cannot read the cast", path);
    st = VC_ERR_IO;
  }
  fclose(f);
  if (st != VC_OK)
    vc_voice_pins_clear(p);
  return st;
}
