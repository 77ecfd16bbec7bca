/* One interview end to end, and batches of them. */
#ifndef VOICECAP_RENDER_H
#define VOICECAP_RENDER_H

#include <stdio.h>

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

typedef struct vc_render_opts {
  const char *out_dir;    /* default "out" */
  const char *voices_dir; /* default: VC_DEFAULT_VOICES_DIR */
  unsigned flags;         /* VC_DOC_* */
  const char
      *audio_format; /* --audio-format: "wav" (NULL too), "flac", "ogg", "opus", "mp3" */
  int sample_rate;   /* --sample-rate: the file's rate; 0 = the synthesiser's */
  const struct vc_voice_pins *pins; /* voices fixed across a batch, or NULL */
  vc_note_fn note;                  /* progress notes, or NULL for none */
  void *note_user;                  /* passed to `note` */
  /* The voice loudness calibration cache file (its folder must exist), or NULL: each
   * render measures the voices it needs and writes nothing outside out_dir. */
  const char *calibration_cache;
  vc_announce announce; /* --announce */
  int epub;             /* --epub: also write NAME.epub, a talking book */
} vc_render_opts;

/* Renders `path` to OUT/NAME.{wav,srt,vtt,ass,json}. Every output is written under a
 * temporary name and renamed only when all are complete, so a failure leaves earlier
 * outputs as they were. */
vc_status vc_render_file(const char *path, const vc_render_opts *o, vc_diag *diag);

/* Renders the interview `bytes[0..len)` as vc_render_file renders a file called `name`
 * (the outputs are OUT/STEM.*, STEM being `name`'s base name without its extension, and
 * messages name `name`), e.g. a text read from standard input. */
vc_status vc_render_text(const char *bytes, size_t len, const char *name,
                         const vc_render_opts *o, vc_diag *diag);

/* Renders every path with `jobs` worker processes (<= 0: the number of cores), printing
 * progress to `out` (NULL: none) and errors to `err`. Returns 0 when all succeeded, 1
 * otherwise. */
int vc_batch_run(char *const *paths, size_t n, const vc_render_opts *o, int jobs, FILE *out,
                 FILE *err);

/* The voices folder to use: `given` when not NULL, else $VOICECAP_VOICES, else ./voices
 * when it exists, else the voices folder of the source tree. Never NULL. */
const char *vc_voices_dir(const char *given);

struct vc_voice_pins;

/* Reads who speaks in every file, in order, and pins each named person to the voice of
 * the role they first appear in, as a batch casts them. A file that cannot be read or
 * segmented is skipped here (rendering it reports the problem). */
void vc_batch_plan_voices(char *const *paths, size_t n, struct vc_voice_pins *pins);

/* The command-line program; main() only calls this. Returns the exit status. */
int vc_cli_run(int argc, char **argv, FILE *out, FILE *err);

#ifdef __cplusplus
}
#endif
#endif
