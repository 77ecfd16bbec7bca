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

/* Is the line a timestamp alone ("(01:49):", "[00:12:30]")? Inside a speaker's block, the
 * next stretch of the same speaker's speech (a transcript stamps every stretch, and names
 * the speaker only when they change). */
int vc_seg_stamp_line(const vc_seg *g, const vc_para *p);
/* Is line i unlabelled, just after such a stamp, which follows a line of speech? Then it
 * continues the turn before the stamp. */
int vc_seg_after_stamp_line(const vc_seg *g, size_t i);
/* Is line i an unlabelled line below a speaker's label line ("Speaker 1 (00:06):" alone on
 * its line) in the same block, with only unlabelled speech and stamps between? Then it
 * continues that speaker's turn (a transcript without blank lines names each speaker on a
 * line of its own, above all their lines). Question/answer labels are left out. */
int vc_seg_under_label_line(const vc_seg *g, size_t i);

/* Role evidence from a host's welcome to a named show in their first turn ("Welcome to
 * Field Notes") and thanks to a guest in any turn ("Thank you for joining us"). */
void vc_seg_thanks_evidence(vc_seg *g);

/* A thread's comment header with the score glued to the handle ("jdoe4213 karma",
 * "Jane_Doe77 points"): returns where the handle ends (before the score's digits), or 0. */
size_t vc_seg_score_header(const char *s, size_t n, size_t hs);

/* A comment thread one handle answers (an "ask me anything"): the host answers, every
 * other handle asks, and the host's opening post above the first comment is theirs (the
 * Q&A part starts there). Run after the labelled speakers' roles. */
void vc_seg_thread_roles(vc_seg *g);
/* After the Q&A decoding: gives the host's opening post to the host. */
void vc_seg_thread_opening(vc_seg *g);

/* A record excerpt that opens inside someone's speech, cut off by the first label ("Let
 * me point out-") or reading a labelled exchange into the record ("... and I read:" then
 * "The Court: ..." / "Mr. Roe: ..."): the opening
 * speech, the exchange and the speech after it up to the record's next label are one
 * turn of the speaker who answers next. vc_seg_read_in_start moves the Q&A part's start
 * to the opening (after the labelled speakers' roles); vc_seg_read_in_turn gives those
 * lines to that speaker (after the Q&A decoding). */
void vc_seg_read_in_start(vc_seg *g);
void vc_seg_read_in_turn(vc_seg *g);

#endif
