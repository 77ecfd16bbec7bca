/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Voices (the voices folder, one INI file each) and the voice and colour of each speaker.
 */
#ifndef VOICECAP_CAST_H
#define VOICECAP_CAST_H

#include <stddef.h>
#include <stdio.h>

#include "voicecap/segment.h"
#include "voicecap/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VC_COLOUR_AUTO 0xFFFFFFFFu

/* One voice definition, read from DIR/ID.ini. All strings are owned by the voice set. */
typedef struct vc_voice {
  char *id;               /* file stem: a role name ("narrator") or a speaker's name */
  char *language;         /* espeak-ng voice name, e.g. "en-gb" */
  char *variant;          /* espeak-ng variant, e.g. "m3"; may be empty */
  int rate;               /* words per minute (espeakRATE) */
  int pitch;              /* 0-100 (espeakPITCH) */
  int range;              /* 0-100 (espeakRANGE) */
  double gain_db;         /* applied to the samples as they are written */
  unsigned colour;        /* caption colour 0xRRGGBB, or VC_COLOUR_AUTO */
  int paragraph_pause_ms; /* silence between paragraphs of one turn */
  int turn_pause_ms;      /* silence before a turn by another speaker */
  char *file; /* the file it was read from (DIR/ID.ini), for messages; or NULL */
  /* For a speaker the text says is a man (variant_male, pitch_male) or a woman
   * (variant_female, pitch_female); NULL and -1: as `variant` and `pitch`, which are for
   * a speaker the text says nothing about (a neutral choice). */
  char *variant_male, *variant_female;
  int pitch_male, pitch_female;
} vc_voice;

typedef struct vc_voiceset {
  vc_voice *voices;
  size_t n_voices;
} vc_voiceset;

/* Loads every *.ini in `dir`. Fails with VC_ERR_CONFIG (diag names file, line and
 * problem) or VC_ERR_IO; it is an error for any role in vc_role to have no voice. */
vc_status vc_voiceset_load(const char *dir, vc_voiceset **out, vc_diag *diag);
void vc_voiceset_free(vc_voiceset *vs);

/* Returns the voice with this id (case-insensitive), or NULL. */
const vc_voice *vc_voiceset_find(const vc_voiceset *vs, const char *id);

/* Per-speaker choices for one script: voice[i] and colour[i] (0xRRGGBB) for speaker i. */
typedef struct vc_cast {
  size_t n_speakers;
  const vc_voice **voice; /* voice[i] points into `own` */
  unsigned *colour;
  /* Per-speaker copies of the chosen voices (strings borrowed from the voice set): a
   * second speaker on the same voice (a panel) gets a pitch offset here. */
  vc_voice *own;
} vc_cast;

/* A speaker gets the voice named after them if one exists (DIR/NAME.ini, case-insensitive,
 * a space matching ' ', '-' or '_'), else their role's voice; with a role's voice, a
 * speaker the text says is a man or a woman (he/she after their name, Mr./Ms., "as a
 * mother") speaks with its variant_male or variant_female when it has one. Colours: the
 * voice's own, else the role's BBC colour (narrator yellow, interviewer white, interviewee
 * cyan, quote green); further speakers on one voice (a panel) take the next unused of
 * white, cyan, green (repeating) and a pitch offset. The cast borrows strings from `vs`,
 * which must outlive it. */
vc_status vc_cast_new(const vc_voiceset *vs, const vc_script *script, vc_cast **out,
                      vc_diag *diag);
void vc_cast_free(vc_cast *c);

/* Voices fixed for named speakers across several files (a batch), so that a person who
 * answers in one interview and is quoted in another keeps one voice: `voice_id` names a
 * voice of the set (a role's, e.g. "interviewee"). Strings are owned by the pin set. */
typedef struct vc_voice_pin {
  char *speaker;
  char *voice_id;
  size_t slot; /* panel pitch slot: the nth person pinned to this voice */
} vc_voice_pin;

typedef struct vc_voice_pins {
  vc_voice_pin *pins;
  size_t n, cap;
} vc_voice_pins;

/* Pins every named speaker of `script` not pinned yet to their role's voice ("Narrator"
 * and the generic "Interviewer" are never pinned: they are not one person). */
vc_status vc_voice_pins_add(vc_voice_pins *p, const vc_script *script);
void vc_voice_pins_clear(vc_voice_pins *p);

/* The pin of `speaker`, or NULL. */
const vc_voice_pin *vc_voice_pins_find(const vc_voice_pins *p, const char *speaker);

/* The cast file (`voicecap cast`, read by --cast): a comment line, the header
 * "speaker<TAB>voice<TAB>slot", then one pin a line in the order they were made (a tab,
 * newline, CR or backslash in a name written \t, \n, \r, \\). */
void vc_voice_pins_write(const vc_voice_pins *p, FILE *out);

/* Reads a cast file into `p` (cleared first). Lines starting with '#' are comments.
 * When `vs` is not NULL every voice must be one of its voices. VC_ERR_CONFIG with diag
 * naming the file, the line and the problem; VC_ERR_IO when it cannot be read. */
vc_status vc_voice_pins_read(const char *path, const vc_voiceset *vs, vc_voice_pins *p,
                             vc_diag *diag);

/* vc_cast_new, where a pinned speaker without a voice file of their own speaks with the
 * pinned voice instead of their role's. `pins` may be NULL. */
vc_status vc_cast_new_pinned(const vc_voiceset *vs, const vc_script *script,
                             const vc_voice_pins *pins, vc_cast **out, vc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
