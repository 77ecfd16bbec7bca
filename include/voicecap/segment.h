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

/* The segmenter's result. Speaker 0 is always the narrator. Everything is owned by the
 * script and released by vc_script_free. */
typedef struct vc_script {
  vc_turn *turns;
  size_t n_turns;
  vc_speaker *speakers;
  size_t n_speakers;
  char *author; /* the author a byline names ("By Jane Doe"), or NULL */
} vc_script;

/* Splits `text[0..len)` (valid UTF-8) into turns. Fails with VC_ERR_EMPTY when nothing
 * is left to speak, VC_ERR_NOMEM, or VC_ERR_LIMIT. */
VC_API vc_status vc_segment(const char *text, size_t len, vc_script **out, vc_diag *diag);
VC_API void vc_script_free(vc_script *s);

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
