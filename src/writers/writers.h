/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Caption and sync-map writers; each escapes its own format. */
#ifndef VOICECAP_WRITERS_H
#define VOICECAP_WRITERS_H

#include <stdio.h>

#include "cast.h"
#include "cues.h"
#include "timeline.h"
#include "voicecap/segment.h"
#include "voicecap/status.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { VC_DOC_KARAOKE = 1u << 0 };

/* Everything a writer may need, borrowed. */
typedef struct vc_doc {
  const vc_script *script;
  const vc_timeline *timeline;
  const vc_cues *cues;
  const vc_cast *cast;
  const char *source_name; /* input file name as given */
  const char *audio_name;  /* audio file's base name */
  unsigned flags;          /* VC_DOC_* */
  size_t n_split_words;    /* words too long for the engine, read in pieces (text.h) */
} vc_doc;

vc_status vc_write_srt(FILE *f, const vc_doc *d);
vc_status vc_write_vtt(FILE *f, const vc_doc *d);
vc_status vc_write_ass(FILE *f, const vc_doc *d);
vc_status vc_write_syncmap(FILE *f, const vc_doc *d);

/* The transcript's name is NAME.transcript.txt: an interview is NAME.txt, and a folder
 * walk must never take a transcript for one. */
#define VC_TRANSCRIPT_EXT ".transcript.txt"

/* Writes the plain-text transcript (NAME.transcript.txt), the WCAG 1.2.1 text alternative
 * of the audio: a heading naming the source and audio, then every turn as "[HH:MM:SS]
 * Speaker Name: text" (paragraphs of a turn on their own lines, a blank line between
 * turns). Borrows `d`; fails with VC_ERR_ARG, VC_ERR_NOMEM or VC_ERR_IO. */
vc_status vc_write_transcript(FILE *f, const vc_doc *d);

/* Writes the chapters (NAME.chapters.vtt): a WebVTT file with one cue per turn, from the
 * turn's first word to the next turn's (the last to the end of the audio), titled
 * "Speaker Name: first words…". Fails with VC_ERR_ARG, VC_ERR_NOMEM or VC_ERR_IO. */
vc_status vc_write_chapters(FILE *f, const vc_doc *d);

/* Writes the player page (NAME.html): one self-contained HTML file (inline CSS and
 * script, no network) that plays `d->audio_name` from beside it with captions drawn by
 * the page, the current word highlighted, and an interactive transcript. Every piece of
 * article text is escaped for HTML; the timing data is embedded as JSON escaped for a
 * <script> element. Fails with VC_ERR_ARG, VC_ERR_NOMEM or VC_ERR_IO. */
vc_status vc_write_html(FILE *f, const vc_doc *d);

#ifdef __cplusplus
}
#endif
#endif
