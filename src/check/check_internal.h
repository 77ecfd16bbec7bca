/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private parts of the caption checker: the cue model the format readers fill, the
 * problem reporter, text helpers, the rules and the speech measure. */
#ifndef VC_CHECK_INTERNAL_H
#define VC_CHECK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cues_rules.h"
#include "voicecap/check.h"
#include "voicecap/status.h"

#if defined(__GNUC__)
#define VC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define VC_PRINTF(a, b)

#endif

enum {
  VC_CHK_WIN_MS = 10,         /* speech detection window */
  VC_CHK_SPEECH_DB = 40,      /* speech: window RMS within this of the loudest window */
  VC_CHK_MAX_PRINTED = 200,   /* problem lines printed per file; the rest are counted */
  VC_CHK_MAX_STRETCHES = 10,  /* uncovered stretches of speech listed */
  VC_CHK_MAX_FILE = 64 << 20, /* bytes read from one caption file */
};

typedef enum vc_cfmt { VC_CFMT_SRT, VC_CFMT_VTT, VC_CFMT_ASS } vc_cfmt;

/* One cue as a reader saw it. Strings are owned by the cue. */
typedef struct vc_ccue {
  int64_t start_ms, end_ms;
  size_t number; /* 1-based position among the file's cues */
  size_t line;   /* file line of its timing line or Dialogue */
  char *text;    /* as shown: tags removed, references decoded, lines split by '\n' */
  char *voice;   /* WebVTT voice or ASS Name; NULL in SRT or when missing */
} vc_ccue;

/* The cues of one file. */
typedef struct vc_cdoc {
  vc_cfmt fmt;
  vc_ccue *cues;
  size_t n, cap;
  int64_t slack_ms; /* timing slack: 9 ms for ASS centiseconds, else 0 */
} vc_cdoc;

/* Adds a copy of `q` (takes its strings, also on failure). */
vc_status vc_cdoc_add(vc_cdoc *d, vc_ccue *q);
void vc_cdoc_free(vc_cdoc *d);

/* Where problems of one file go; counts them and stops printing after
 * VC_CHK_MAX_PRINTED. */
typedef struct vc_crep {
  FILE *out;
  const char *path;
  size_t problems;
} vc_crep;

/* "PATH: cue N (HH:MM:SS.mmm): ..." */
void vc_crep_cue(vc_crep *r, const vc_ccue *q, const char *fmt, ...) VC_PRINTF(3, 4);
/* "PATH: line L: ..." */
void vc_crep_line(vc_crep *r, size_t line, const char *fmt, ...) VC_PRINTF(3, 4);
/* "PATH: ..." */
void vc_crep_file(vc_crep *r, const char *fmt, ...) VC_PRINTF(2, 3);

/* Figures for the summary line. */
typedef struct vc_cstats {
  size_t longest_line, longest_line_cue;
  int64_t shortest_ms, longest_ms;
  size_t shortest_cue, longest_cue;
  double max_cps; /* reading rate, speaker labels not counted */
  size_t max_cps_cue;
  double max_cps_label; /* reading rate with speaker labels, for information */
  size_t max_cps_label_cue;
  int has_audio;
  double speech_s, uncovered; /* seconds of speech; share outside every cue */
} vc_cstats;

/* Formats ms as HH:MM:SS.mmm (buf at least 32 bytes). */
void vc_chk_time(char *buf, size_t size, int64_t ms);

/* One line of a file: s[0..len) without its line break (CR LF, LF or CR, as WebVTT
 * defines line terminators). */
typedef struct vc_cline {
  const char *s;
  size_t len, no;
} vc_cline;

/* Next line of buf[0..n) from *pos (advanced); 0 at the end. `l->no` counts from 1. */
int vc_cline_next(const char *buf, size_t n, size_t *pos, vc_cline *l);

/* Characters as shown in s[0..n): grapheme clusters, not counting clusters made only of
 * invisible format characters (U+2060 WORD JOINER and the like). */
size_t vc_chk_chars(const char *s, size_t n);

/* Bytes of the speaker label ("NAME:") at the start of `text` when its first line begins
 * with one: no lower-case letter, at least one letter, a colon followed by a space or
 * the end of the line. 0 when there is none. */
size_t vc_chk_label(const char *text);

/* `s[0..n)` folded for comparing names: NFKC, case folded, white space runs as one
 * space, trimmed, look-alikes the writers substitute mapped back, '…' dropped. Caller
 * frees; NULL on ENOMEM. */
char *vc_chk_fold(const char *s, size_t n);

/* Timestamp syntax: hours 0 = never, 1 = optional, 2 = required, with at least
 * hour_digits digits; minutes and seconds two digits each; `sep` then exactly
 * frac_digits digits. */
typedef struct vc_ctime {
  int hours;
  size_t hour_digits;
  char sep;
  size_t frac_digits;
} vc_ctime;

/* Parses a timestamp at s[*i] (advanced past it); milliseconds, or -1 when s does not
 * follow `f` there. */
int64_t vc_chk_parse_time(const char *s, size_t n, size_t *i, const vc_ctime *f);

/* Bytes of s[0..n) to quote in a message: at most 40, on a character boundary. */
size_t vc_chk_excerpt(const char *s, size_t n);

/* Byte offset of the first invalid UTF-8 sequence or NUL in buf[0..n), or n. */
size_t vc_chk_utf8_bad(const char *buf, size_t n);

/* Format readers: report format problems, add every cue they can read to `d`. Fail only
 * with VC_ERR_NOMEM. */
vc_status vc_chk_read_srt(vc_crep *r, const char *buf, size_t n, vc_cdoc *d);
vc_status vc_chk_read_vtt(vc_crep *r, const char *buf, size_t n, vc_cdoc *d);
vc_status vc_chk_read_ass(vc_crep *r, const char *buf, size_t n, vc_cdoc *d);

/* Cue rules (lines, characters, durations, reading rate, gaps) into `st`. */
void vc_chk_cue_rules(vc_crep *r, const vc_cdoc *d, vc_cstats *st);
/* Speaker labels and voices. Fails only with VC_ERR_NOMEM. */
vc_status vc_chk_speakers(vc_crep *r, const vc_cdoc *d);

/* Speech found in an audio file, one flag per 10 ms window. Owns `on`. */
typedef struct vc_speech {
  unsigned char *on;
  size_t n;
  int64_t duration_ms;
  double peak_dbfs; /* loudest window's RMS */
} vc_speech;

/* Reads `path` with libsndfile and finds its speech windows. On failure writes a reason
 * into msg and returns VC_ERR_IO, VC_ERR_AUDIO, VC_ERR_LIMIT or VC_ERR_NOMEM. */
vc_status vc_speech_load(const char *path, vc_speech *sp, char *msg, size_t size);
void vc_speech_free(vc_speech *sp);

/* The speech of audio as it is written, without reading the file back: the 16-bit
 * samples of a mono PCM file (wav, flac) go in as they are written, at the file's rate;
 * vc_speech_meter_result then gives what vc_speech_load gives for that file. It keeps a
 * double per 10 ms window; past SP_KEEP_WINDOWS (43 min), or out of memory, the result is
 * VC_ERR_LIMIT and the file is to be read instead. The meter takes samples until its result
 * is asked for, once. */
typedef struct vc_speech_meter vc_speech_meter;
vc_status vc_speech_meter_new(int rate, vc_speech_meter **out);
void vc_speech_meter_add(vc_speech_meter *m, const int16_t *pcm, size_t n);
vc_status vc_speech_meter_result(vc_speech_meter *m, vc_speech *sp);
void vc_speech_meter_free(vc_speech_meter *m);

/* Coverage and in-time checks of the cues against `sp`. Fails only with VC_ERR_NOMEM. */
vc_status vc_chk_audio(vc_crep *r, const vc_cdoc *d, const vc_speech *sp,
                       double max_uncovered, vc_cstats *st);

/* For the library's own use (render checks its captions before publishing): */
/* vc_check_files for one file `path` whose format and name in messages come from
 * `shown` (its extension: .srt, .vtt or .ass), so that a file written under a temporary
 * name is checked as the output it will become (render does), against the speech `sp`
 * already loaded with vc_speech_load (NULL: no audio checks), so that the audio is read
 * once for all caption files. Returns 1 when it fails, 0 when it passes, -1 when `shown`
 * names no caption format. */
int vc_check_file_as(const char *path, const char *shown, const vc_speech *sp, FILE *out);

#endif
