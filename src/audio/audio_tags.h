/* Titles and chapters inside the audio file: Vorbis comments, ID3v2 CHAP/CTOC, RIFF cue. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_AUDIO_TAGS_H
#define VC_AUDIO_TAGS_H

#include <stddef.h>
#include <stdint.h>

#include "audio.h"

/* One chapter: where it starts (ms from the start of the audio) and its title (UTF-8). */
typedef struct vc_audio_chapter {
  int64_t start_ms;
  const char *title;
} vc_audio_chapter;

/* What a file says about itself; any string may be NULL (not written). */
typedef struct vc_audio_tags {
  const char *title, *artist, *album;
  const vc_audio_chapter *chapters;
  size_t n_chapters;
  int64_t duration_ms; /* the end of the last chapter */
} vc_audio_tags;

/* Gives the audio being written its tags; vc_audio_close writes them into the file.
 * `t` and its strings must stay valid until then. */
vc_status vc_audio_set_tags(vc_audio *a, const vc_audio_tags *t);

/* Writes `t` into the finished file at `path` of format `format` ("wav", "flac", "ogg",
 * "opus", "mp3"): FLAC, Ogg Vorbis and Opus get TITLE/ARTIST/ALBUM and CHAPTERnnn /
 * CHAPTERnnnNAME comments, MP3 an ID3v2.3 tag with TIT2/TPE1/TALB and CTOC/CHAP frames,
 * WAV a `cue ` chunk and LIST/adtl labels (the INFO strings are libsndfile's). */
vc_status vc_audio_tags_write(const char *path, const char *format, const vc_audio_tags *t);

/* Writes the samples of the mono audio file `from` into a new file `to` of `format` at
 * `out_rate` (0: the same rate), as vc_audio_open writes them (the talking book's MP3 from
 * another format's audio). */
vc_status vc_audio_transcode(const char *from, const char *to, const char *format,
                             int out_rate, vc_diag *diag);

/* "HH:MM:SS.mmm", the Vorbis comment chapter time; `out` holds at least 16 bytes. */
void vc_chapter_time(char *out, size_t n, int64_t ms);

#endif
