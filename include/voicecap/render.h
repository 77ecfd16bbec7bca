/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One interview end to end: from a file or from text in memory to audio and captions. */
#ifndef VOICECAP_RENDER_H
#define VOICECAP_RENDER_H

#include <signal.h>
#include <stddef.h>

#include "voicecap/export.h"
#include "voicecap/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Receives one note of a render's progress: what a stage found or wrote ("12 turns, 3
 * speakers", "wrote out/NAME.wav"). `input` names the interview. */
typedef void (*vc_note_fn)(void *user, const char *input, const char *note);

/* --announce: when the narrator says who speaks next. */
typedef enum vc_announce {
  VC_ANNOUNCE_FIRST = 0, /* before each speaker's first turn (the default) */
  VC_ANNOUNCE_EVERY,     /* before every turn of a speaker other than the narrator */
  VC_ANNOUNCE_NONE       /* never: the audio is the article's words alone */
} vc_announce;

/* vc_render_opts.flags */
enum { VC_RENDER_KARAOKE = 1u << 0 /* ASS and WebVTT with per-word timing */ };

/* Options of one render; all zero (or a NULL pointer to them) gives the defaults.
 *
 * The voices and data folders: a folder given here is used as it is. When NULL, the
 * library looks, in order, in $VOICECAP_VOICES (or $VOICECAP_DATA), in
 * ../share/voicecap/voices (or data) from the folder of the running program, then from
 * the folder of libvoicecap.so, in the source tree when the program runs from a voicecap
 * build folder, and in the folder configured at install time (PREFIX/share/voicecap/...).
 * When none has them, the call fails with VC_ERR_IO and a diag naming every place looked
 * in. */
typedef struct vc_render_opts {
  const char *out_dir;      /* default "out" */
  const char *voices_dir;   /* the voice files (*.ini); NULL: looked up, see above */
  const char *data_dir;     /* word lists and rules (*.tsv); NULL: looked up */
  unsigned flags;           /* VC_RENDER_* */
  const char *audio_format; /* "wav" (also NULL), "flac", "ogg", "opus", "mp3" */
  int sample_rate;          /* the audio file's rate; 0 = the synthesiser's (22050) */
  vc_note_fn note;          /* progress notes, or NULL for none */
  void *note_user;          /* passed to `note` */
  /* The voice loudness calibration cache file (its folder must exist), or NULL: each
   * render measures the voices it needs and writes nothing outside out_dir. */
  const char *calibration_cache;
  vc_announce announce; /* --announce */
  int epub;             /* --epub: also write NAME.epub, a talking book */
  /* A segmentation to render from instead of segmenting: `voicecap segment --format tsv`
   * output the user corrected (vc_script_from_tsv checks it against the text), or NULL. */
  const char *turns_path;
  /* Warnings (some turns uncertain: see `voicecap segment --explain`), or NULL for none;
   * called with warn_user. */
  vc_note_fn warn;
  void *warn_user;
  /* The open-caption video (--video): "mp4" or "webm"; NULL writes none. */
  const char *video_format;
  int no_html; /* 1: no NAME.html player page (--no-html) */
  /* When not NULL and set (by a signal handler), the render stops at its next check,
   * removes what it wrote and returns VC_ERR_CANCELLED. Publication is never cut short. */
  volatile sig_atomic_t *cancel;
  /* Units (paragraphs, or their parts between pauses for reading) spoken at once, each
   * in a process of its own (--jobs); 0: two per core. The output is the same whatever
   * the number: every unit is spoken from the same engine state (src/synth/synth.c). */
  int jobs;
} vc_render_opts;

/* Renders the interview in `path` (UTF-8 text) to
 * OUT/NAME.{wav,srt,vtt,ass,json,transcript.txt,chapters.vtt,html} (and NAME.mp4 or
 * NAME.webm with a video_format; no NAME.html with no_html), NAME being the file's name
 * without its extension (the audio's extension follows audio_format). The outputs are
 * written into a private temporary folder in OUT and published as a set
 * (src/render/render_outset.h): after any failure, signal or crash OUT holds the complete
 * earlier set or the complete new one; an output this render does not write (an earlier
 * render's page or video) is left as it was; the temporary folders an earlier, dead render
 * of NAME left are removed first. `o` may be NULL. On failure `diag` (may be NULL) names
 * the file and the problem. espeak-ng is one instance per process, so renders run one at a
 * time (the voicecap program's batch runs one process per file); and the first render of a
 * process starts the engine units are spoken by (the voicecap-engine program, or a fork of
 * the process), so call it while no other thread of the process runs. */
VC_API vc_status vc_render_file(const char *path, const vc_render_opts *o, vc_diag *diag);

/* vc_render_file for an interview already in memory: `text[0..len)` (UTF-8), its outputs
 * named after `name` as they would be after a file of that name (its folder and a
 * trailing ".txt" dropped). */
VC_API vc_status vc_render_text(const char *text, size_t len, const char *name,
                                const vc_render_opts *o, vc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
