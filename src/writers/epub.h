/* NAME.epub: an EPUB 3 talking book, the interview's text read aloud in sync. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_EPUB_H
#define VC_EPUB_H

#include <stdint.h>

#include "cast.h"
#include "chapters_list.h"
#include "timeline.h"
#include "voicecap/segment.h"

typedef struct vc_epub_in {
  const vc_script *script;
  const vc_timeline *tl;
  const vc_cast *cast;
  const vc_chapters *chapters;
  const char *title;     /* the book's title */
  const char *author;    /* the byline's author, or NULL */
  const char *audio_mp3; /* the narrated audio, MP3, as its timeline gives it */
  int64_t modified;      /* Unix time of the text: dcterms:modified and the zip dates */
  uint64_t id;           /* a hash of the text: the book's identifier */
} vc_epub_in;

/* Writes the book to `path`: the interview as XHTML (every turn with its speaker,
 * quotations as block quotations), a SMIL media overlay with one clip per sentence, a
 * navigation document with one entry per chapter, the speaker colours as CSS, the
 * audio, and EPUB Accessibility 1.1 metadata; zipped with libzip (mimetype first,
 * stored). */
vc_status vc_epub_write(const char *path, const vc_epub_in *in, vc_diag *diag);

#endif
