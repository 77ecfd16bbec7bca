/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter turns where labels are absent, partial or misleading (segment_turns.c). */
#ifndef VOICECAP_SEGMENT_TURNS_H
#define VOICECAP_SEGMENT_TURNS_H

#include "segment_internal.h"

/* Questions written as headings: the first question line of a text whose questions stand
 * alone above answers of one or more paragraphs, or n_paras if the text is not so laid
 * out. Only paragraphs from `from` on count. */
size_t vc_seg_heading_qa_start(const vc_seg *g, size_t from);
/* Is p one of those question lines? */
int vc_seg_heading_question(const vc_seg *g, const vc_para *p);

/* 1 when the word t[i..j) is an honorific followed by its full stop and a space ("Mr. "
 * in "Mr. Doe: "), so that a label's words go on past the stop; else 0. */
size_t vc_seg_honorific_dot(const char *t, size_t e, size_t i, size_t j);

/* A court record's examination ("Q"/"A" with "THE COURT:", counsel's labels): the bench
 * and counsel ask, "Q" is the examining counsel's, "A" the witness's. */
vc_status vc_seg_court_record(vc_seg *g);

/* The length of an omission mark that opens a line of a record before its label (". . . ",
 * "... ", "… "), or 0. */
size_t vc_seg_omission_len(const char *s, size_t n);

#endif
