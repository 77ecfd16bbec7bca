/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Turn segmentation: who speaks which part of an interview. */
#ifndef VOICECAP_SEGMENT_H
#define VOICECAP_SEGMENT_H

#include <stddef.h>

#include "voicecap/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum vc_role {
  VC_ROLE_NARRATOR = 0,
  VC_ROLE_INTERVIEWER,
  VC_ROLE_INTERVIEWEE,
  VC_ROLE_QUOTE,
  VC_ROLE_COUNT
} vc_role;

/* "narrator", "interviewer", "interviewee", "quote". */
VC_API const char *vc_role_name(vc_role r);

typedef struct vc_speaker {
  char *name; /* display name as the article uses it ("Jane Doe", "The Outlet") */
  vc_role role;
} vc_speaker;

/* One speaker's uninterrupted speech. Paragraphs inside a turn are separated by a
 * single '\n' in `text`. */
typedef struct vc_turn {
  vc_role role;
  size_t speaker;            /* index into vc_script.speakers */
  size_t src_start, src_end; /* byte span in the source, end exclusive */
  char *text;                /* display text: the article's words, repaired; UTF-8 */
  size_t text_len;
  int announcement; /* 1: the narrator naming the next turn's speaker (render --announce) */
} vc_turn;

/* How sure the segmenter is of one turn, and why. */
typedef struct vc_turn_note {
  double confidence; /* 0..1: how sure the segmenter is of the turn's role and speaker */
  const char *basis; /* static: the rule that placed it ("speaker label", ...) */
} vc_turn_note;

/* Turns below this confidence are reported as uncertain (render warns, --explain marks
 * them). */
#define VC_TURN_UNCERTAIN 0.6

/* The segmenter's result. Speaker 0 is always the narrator. Everything is owned by the
 * script and released by vc_script_free. */
typedef struct vc_script {
  vc_turn *turns;
  size_t n_turns;
  vc_speaker *speakers;
  size_t n_speakers;
  char *author;        /* the author a byline names ("By Jane Doe"), or NULL */
  vc_turn_note *notes; /* n_turns entries, or NULL when not known */
  char **why; /* n_speakers entries, each NULL or why that speaker has its role and name:
        rules and source lines, for `segment --explain` ("role: line 3: role
        word in the label; name: ...") */
} vc_script;

/* Splits `text[0..len)` (valid UTF-8) into turns. Fails with VC_ERR_EMPTY when nothing
 * is left to speak, VC_ERR_NOMEM, or VC_ERR_LIMIT. */
VC_API vc_status vc_segment(const char *text, size_t len, vc_script **out, vc_diag *diag);
VC_API void vc_script_free(vc_script *s);

/* How many turns of `s` are below VC_TURN_UNCERTAIN. */
VC_API size_t vc_script_uncertain(const vc_script *s);

/* Reads a segmentation back from `voicecap segment --format tsv` output (edited by a
 * user): one turn a line, start_byte<TAB>end_byte<TAB>role<TAB>speaker[<TAB>text]; the
 * header line, blank lines and '#' comments are skipped; role "drop" leaves the span
 * unspoken. Spans must be in order, not overlap, lie inside src[0..len) and not cut a
 * UTF-8 character; the text is taken from the source, not from the file. On a bad line
 * fails with VC_ERR_CONFIG and diag "NAME:LINE: problem"; VC_ERR_EMPTY with no turns. */
VC_API vc_status vc_script_from_tsv(const char *src, size_t len, const char *tsv,
                                    size_t tsv_len, const char *tsv_name, vc_script **out,
                                    vc_diag *diag);

/* Options for vc_segment_with; all zero gives vc_segment's behaviour. */
typedef struct vc_segment_opts {
  const char *data_dir; /* the data folder (glue.tsv); NULL: looked up as
                           vc_render_opts.data_dir is */
  int no_dictionary;    /* 1: load neither hunspell nor the glue tables (much faster;
                           glued words are then repaired at punctuation only) */
} vc_segment_opts;

/* vc_segment with options (`opts` may be NULL). */
VC_API vc_status vc_segment_with(const char *text, size_t len, const vc_segment_opts *opts,
                                 vc_script **out, vc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
