/* --announce: the narrator names who speaks next, as turns of the narrator's own. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "render_announce.h"

#include <stdlib.h>
#include <string.h>

/* Speaker 0 is the narrator (segment.h): the narrator is never announced. */
static int announces(const vc_turn *t, vc_announce mode, const unsigned char *seen) {
  if (t->speaker == 0 || t->role == VC_ROLE_NARRATOR)
    return 0;
  return mode == VC_ANNOUNCE_EVERY || !seen[t->speaker];
}

/* "Jane Doe." : the name, closed by a full stop unless it already ends a sentence. */
static char *announcement_text(const char *name, size_t *len) {
  size_t n = strlen(name);
  int closed = n > 0 && strchr(".!?", name[n - 1]) != NULL;
  char *s = malloc(n + 2);
  if (!s)
    return NULL;
  memcpy(s, name, n);
  if (!closed)
    s[n++] = '.';
  s[n] = '\0';
  *len = n;
  return s;
}

static vc_status make_announcement(const vc_script *s, const vc_turn *next, vc_turn *out) {
  memset(out, 0, sizeof *out);
  out->role = VC_ROLE_NARRATOR;
  out->speaker = 0;
  out->src_start = out->src_end = next->src_start;
  out->announcement = 1;
  out->text = announcement_text(s->speakers[next->speaker].name, &out->text_len);
  return out->text ? VC_OK : VC_ERR_NOMEM;
}

/* How many turns the mode adds; marks nothing. */
static size_t count_announcements(const vc_script *s, vc_announce mode,
                                  unsigned char *seen) {
  size_t n = 0;
  for (size_t i = 0; i < s->n_turns; i++) {
    if (announces(&s->turns[i], mode, seen))
      n++;
    seen[s->turns[i].speaker] = 1;
  }
  memset(seen, 0, s->n_speakers);
  return n;
}

vc_status vc_script_announce(vc_script *s, vc_announce mode) {
  if (!s)
    return VC_ERR_ARG;
  if (mode == VC_ANNOUNCE_NONE || s->n_speakers == 0)
    return VC_OK;
  unsigned char *seen = calloc(s->n_speakers, 1);
  if (!seen)
    return VC_ERR_NOMEM;
  size_t extra = count_announcements(s, mode, seen);
  vc_turn *turns = extra ? calloc(s->n_turns + extra, sizeof *turns) : NULL;
  /* the segmenter's notes stay one per turn: an announcement is certain */
  vc_turn_note *notes =
      extra && s->notes ? calloc(s->n_turns + extra, sizeof *notes) : NULL;
  vc_status st = !extra || (turns && (notes || !s->notes)) ? VC_OK : VC_ERR_NOMEM;
  size_t n = 0;
  for (size_t i = 0; extra && st == VC_OK && i < s->n_turns; i++) {
    const vc_turn *t = &s->turns[i];
    if (announces(t, mode, seen) && (st = make_announcement(s, t, &turns[n])) == VC_OK) {
      if (notes)
        notes[n] = (vc_turn_note){1.0, "announcement"};
      n++;
    }
    seen[t->speaker] = 1;
    if (notes)
      notes[n] = s->notes[i];
    turns[n++] = *t;
  }
  free(seen);
  if (st != VC_OK) {
    for (size_t i = 0; turns && i < n; i++)
      if (turns[i].announcement)
        free(turns[i].text);
    free(turns);
    free(notes);
    return st;
  }
  if (extra) {
    free(s->turns);
    s->turns = turns;
    s->n_turns = n;
  }
  if (notes) {
    free(s->notes);
    s->notes = notes;
  }
  return VC_OK;
}
