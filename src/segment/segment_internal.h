/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private types shared by the segmenter's files (segment*.c). */
#ifndef VOICECAP_SEGMENT_INTERNAL_H
#define VOICECAP_SEGMENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"
#include "voicecap/segment.h"

/* Caps for untrusted input: beyond them vc_segment fails with VC_ERR_LIMIT. */
#define VC_SEG_MAX_INPUT VC_MAX_INPUT_BYTES /* the limits users meet: voicecap/text.h */
#define VC_SEG_MAX_LINES VC_MAX_LINES
#define VC_SEG_MAX_LINE_BYTES VC_MAX_LINE_BYTES
#define VC_SEG_MAX_PIECES ((size_t)1 << 20)
#define VC_SEG_MAX_SPEAKERS VC_MAX_SPEAKERS
#define VC_SEG_MAX_LABELS VC_MAX_LABELS
#define VC_SEG_MAX_PEOPLE 512
#define VC_SEG_NAME_MAX 96

/* Why a line is not spoken (0: it is). */
typedef enum vc_drop {
  VC_DROP_NONE = 0,
  VC_DROP_PROMO,   /* read more, sign up, subscribe, predictions, apps, related links */
  VC_DROP_BYLINE,  /* "By Jane Doe" */
  VC_DROP_DATE,    /* dates, times and other metadata lines */
  VC_DROP_CAPTION, /* photo captions */
  VC_DROP_CREDIT,  /* photo credits */
  VC_DROP_SLUG,    /* image file names */
  VC_DROP_JUNK,    /* stray lines with nothing to say */
  VC_DROP_LABEL    /* a speaker label on its own line (it names the next paragraph) */
} vc_drop;

/* One non-blank line of the source: the unit of layout. */
typedef struct vc_para {
  size_t start, end; /* the trimmed line */
  size_t body;       /* where the spoken text starts (after a label or metadata prefix) */
  size_t block;      /* index of the blank-line-separated block */
  int block_first;   /* first line of its block */
  int block_lines;   /* lines in its block */
  vc_drop drop;
  int note;       /* an editorial note or an outro line: always the narrator's */
  int runin;      /* split from a line that labels run into (segment_lines.c) */
  int prose;      /* prose after a transcript excerpt run into a post: quotations only */
  int label;      /* index into vc_seg.labels, or -1 */
  int words;      /* words in the body */
  int ends_q;     /* the body's last sentence is a question */
  int has_q;      /* a question mark anywhere */
  int first_p;    /* first-person words (I, my, we...) */
  int second_p;   /* second-person words (you, your...) */
  vc_role role;   /* decided role of the body */
  size_t speaker; /* decided speaker */
  float conf;     /* how sure the Q&A decoding is of it */
  const char *basis;
} vc_para;

/* A speaker label as written ("AHMED", "Q", "The Outlet"). */
typedef struct vc_label {
  char key[VC_SEG_NAME_MAX]; /* upper-cased, spaces collapsed */
  int count;
  int colon, period, dash, alone, stamped; /* how it was written */
  int punct;        /* times written all in capitals with a comma or an ampersand */
  int aside_role;   /* an aside "(host)" / "(guest)": > 0 asks, < 0 answers */
  int handle, bare; /* a chat handle; a bare "Q" without a colon */
  int tagged;       /* written as a voice tag ("<v Jane Doe>"): a label made for machines */
  int paired;       /* times a question under it is answered under the next label (Q/A) */
  int valid;
  size_t speaker; /* index into vc_seg.speakers once resolved */
  size_t first_para;
} vc_label;

/* A person named in the article ("Jane Doe"), found from the prose. */
typedef struct vc_person {
  char name[VC_SEG_NAME_MAX]; /* as the article writes it */
  size_t len;
  size_t last_off, last_len; /* the last word of the name (surname) */
  int full;                  /* times the whole name is written */
  int mentions;              /* times the person is named (full name or surname) */
  int he, she;   /* he/his or she/her in sentences that name the person first (gender) */
  int early;     /* mentions before the Q&A part */
  int is_person; /* else a capitalised phrase that is not known to be a person */
  int actor, director; /* evidence for descriptions ("the actor") */
  size_t desc_off[8];  /* occupations written next to the name ("chef") */
  size_t desc_len[8];
  int n_desc;
  size_t first_seen;
} vc_person;

/* Where a person is named in the text. */
typedef struct vc_mention {
  size_t off, len;
  size_t person;
} vc_mention;

/* A speaker being built. */
typedef struct vc_spk {
  char name[VC_SEG_NAME_MAX];
  vc_role role;
  int evidence;    /* role evidence: > 0 asks, < 0 answers (segment_roles.c) */
  int why_weight;  /* the weight of the evidence `why` names */
  size_t why_off;  /* where in the source the deciding evidence is */
  char why[64];    /* the rule that decided the role, for --explain */
  size_t name_off; /* where the name comes from */
  char name_why[64];
} vc_spk;

/* A spoken stretch of one paragraph, before turns are assembled. */
typedef struct vc_piece {
  size_t start, end;
  size_t para;
  vc_role role;
  size_t speaker;
  float conf;        /* how sure (see vc_turn_note) */
  const char *basis; /* the rule that placed it */
} vc_piece;

/* The segmenter's working state for one input. */
typedef struct vc_seg {
  const char *src;
  size_t len;
  vc_para *paras;
  size_t n_paras, cap_paras;
  vc_label *labels;
  size_t n_labels, cap_labels;
  vc_person *people;
  size_t n_people, cap_people;
  vc_mention *mentions;
  size_t n_mentions, cap_mentions;
  char byline[VC_SEG_NAME_MAX];   /* the author named by a byline, if any */
  size_t byline_off;              /* where the byline stands */
  int byline_answers;             /* the byline's author answers (segment_speakers.c) */
  char asker[VC_SEG_NAME_MAX];    /* the interviewer the introduction names, if any */
  char answerer[VC_SEG_NAME_MAX]; /* the interviewee the introduction names, if any */
  size_t asker_off, answerer_off; /* where the introduction names them */
  size_t cast_s[8], cast_e[8];    /* the lists of a "Speakers:" / "Host:" line */
  int n_cast;
  int cast_solo;       /* a "Speakers:" line names one person alone (a talk) */
  size_t talk_start;   /* a talk's monologue runs from here to qa_start (n_paras: none) */
  size_t talk_speaker; /* whose */
  vc_spk *speakers;
  size_t n_speakers, cap_speakers;
  vc_piece *pieces;
  size_t n_pieces, cap_pieces;
  size_t qa_start;                 /* first paragraph of the Q&A part, n_paras if none */
  size_t interviewer, interviewee; /* default speakers of the Q&A part */
  int last_person;                 /* the person the prose named last, -1 if none yet */
  int open_quote;                  /* the previous paragraph ended inside a quotation */
  int single_quotes;               /* the article quotes speech with single marks */
  size_t open_speaker;             /* whose */
  int carry;                       /* the previous prose paragraph quoted someone last */
  int unquoted_pairs; /* segment_attrib.c: paragraphs a dashed name line attributes */
  size_t carry_speaker, carry_para; /* whom, and which paragraph that was */
  int genders_read;                 /* people's he/she counted (segment_attrib.c) */
  vc_segment_opts opts;
  struct vc_dict *dict; /* hunspell, opened (or shared) when first needed (may stay NULL) */
  struct vc_dict *shared_dict; /* the caller's, shared instead of opened; or NULL */
  int dict_tried;
  vc_diag *diag;
  const char *over; /* the limit an input exceeded ("speakers"), for the message */
  size_t over_max;
  const char *orig; /* the caller's text (src is `shaped` when that was made) */
  size_t orig_len;
  char *shaped;      /* segment_shapes.c: the text with label shapes rewritten */
  size_t *shape_ins; /* offsets in `shaped` of the bytes it inserted, in order */
  size_t n_shape_ins;
  size_t *shape_labels; /* offsets in `shaped` of the labels it wrote, in order */
  size_t n_shape_labels;
  int numbered; /* segment_shapes.c: the text's lines carry printed line numbers */
  char *unesc;  /* segment_escapes.c: the text with written-out escapes ("\\n") decoded */
  size_t
      *esc_del; /* offsets in `unesc` where each byte an escape dropped stood, in order */
  size_t n_esc_del;
} vc_seg;

/* A word of a paragraph. */
typedef struct vc_tok {
  size_t s, e;    /* byte span */
  unsigned cap;   /* starts with a capital letter */
  unsigned caps;  /* all letters capitals (and at least two) */
  unsigned sent;  /* starts a sentence (or the paragraph) */
  unsigned tight; /* separated from the previous word by white space only */
} vc_tok;

/* segment_util.c: bytes, words and growth. */
vc_status vc_seg_tokens(const char *src, size_t s, size_t e, vc_tok **out, size_t *n,
                        size_t *cap);
vc_status vc_seg_grow(void **p, size_t *cap, size_t need, size_t elem, size_t max);
/* Notes which limit `st` (when VC_ERR_LIMIT) ran into, for the error; returns `st`. */
vc_status vc_seg_over(vc_seg *g, vc_status st, const char *what, size_t max);
size_t vc_seg_cp(const char *s, size_t n, size_t i, int32_t *cp);
int vc_seg_is_letter(int32_t cp);
int vc_seg_is_upper(int32_t cp);
int vc_seg_is_lower(int32_t cp);
int vc_seg_is_space_at(const char *s, size_t n, size_t i, size_t *len);
size_t vc_seg_word_end(const char *s, size_t n, size_t i);
int vc_seg_word_eq(const char *w, size_t wn, const char *lit);
int vc_seg_in_list(const char *w, size_t wn, const char *const *list);
int vc_seg_prefix_ci(const char *s, size_t n, const char *lit);
size_t vc_seg_phrase_at(const vc_seg *g, size_t i, size_t e, const char *const *list);
int vc_seg_starts_word(const char *s, size_t n, size_t i);
int vc_seg_is_open_quote(const char *s, size_t n, size_t i, size_t *len);
int vc_seg_is_close_quote(const char *s, size_t n, size_t i, size_t *len);
size_t vc_seg_upper_key(const char *s, size_t n, char *out, size_t cap);
size_t vc_seg_copy_name(const char *s, size_t n, char *out, size_t cap);
int vc_seg_count_letters(const char *s, size_t n, int *upper, int *lower);
/* How many entries of the ascending array `sorted` are below `off` (a binary search): the
 * bytes a working copy inserted or dropped before an offset. */
size_t vc_seg_count_below(const size_t *sorted, size_t n, size_t off);
size_t vc_seg_stamp_end(const char *s, size_t n, size_t i);
int vc_seg_runin_evidence(const char *t, size_t lo, size_t hi, const size_t *ns,
                          const size_t *ne, size_t n);

/* segment_tables.c: the word lists of data/segment-words.tsv. NULL-terminated, lower case
 * unless said otherwise. */
extern const char *const vc_seg_promo_starts[];
extern const char *const vc_seg_promo_words[];
extern const char *const vc_seg_junk_lines[];
extern const char *const vc_seg_credit_starts[];
extern const char *const vc_seg_byline_starts[];
extern const char *const vc_seg_meta_keys[];
extern const char *const vc_seg_months[];
extern const char *const vc_seg_weekdays[];
extern const char *const vc_seg_date_words[];
extern const char *const vc_seg_not_labels[];
extern const char *const vc_seg_asker_labels[];
extern const char *const vc_seg_answer_labels[];
extern const char *const vc_seg_first_person[];
extern const char *const vc_seg_second_person[];
extern const char *const vc_seg_speech_verbs[];
extern const char *const vc_seg_reported_verbs[];
extern const char *const vc_seg_not_name_words[];
extern const char *const vc_seg_pronouns[];
extern const char *const vc_seg_actor_words[];
extern const char *const vc_seg_director_words[];
extern const char *const vc_seg_outro_words[];
extern const char *const vc_seg_note_words[];
extern const char *const vc_seg_image_exts[];
extern const char *const vc_seg_role_words[];
extern const char *const vc_seg_promo_phrases[];
extern const char *const vc_seg_asker_role_words[];
extern const char *const vc_seg_answer_role_words[];
extern const char *const vc_seg_host_intro_phrases[];
extern const char *const vc_seg_guest_intro_phrases[];
extern const char *const vc_seg_guest_after_phrases[];
extern const char *const vc_seg_host_self_phrases[];
extern const char *const vc_seg_guest_self_phrases[];
extern const char *const vc_seg_meta_label_keys[];
extern const char *const vc_seg_cast_guest_keys[];
extern const char *const vc_seg_cast_host_keys[];
extern const char *const vc_seg_label_connectors[];
extern const char *const vc_seg_office_links[];
extern const char *const vc_seg_section_heads[];
extern const char *const vc_seg_section_heads_numbered[];
extern const char *const vc_seg_number_words[];
extern const char *const vc_seg_honorifics[];
extern const char *const vc_seg_meet_verbs[];
extern const char *const vc_seg_meet_links[];
extern const char *const vc_seg_determiners[];
extern const char *const vc_seg_phrase_stops[];
extern const char *const vc_seg_inverted_verbs[];
extern const char *const vc_seg_small_words[];
extern const char *const vc_seg_name_connectors[];
extern const char *const vc_seg_actor_cues[];
extern const char *const vc_seg_director_cues[];
extern const char *const vc_seg_appositive_starts[];
extern const char *const vc_seg_opening_greetings[];
extern const char *const vc_seg_sitting_words[];
extern const char *const vc_seg_generic_labels[];
extern const char *const vc_seg_voiceover_labels[];
extern const char *const vc_seg_self_name_phrases[];
extern const char *const vc_seg_shape_meta_lines[];
extern const char *const vc_seg_chat_meta_phrases[];
extern const char
    *const vc_seg_call_asker_intros[]; /* a call operator introduces an asker */
extern const char *const vc_seg_call_answer_intros[]; /* ... hands the call to a speaker */
extern const char *const vc_seg_show_phrases[];
extern const char *const vc_seg_title_words[];
extern const char *const vc_seg_attribution_titles[];
extern const char *const vc_seg_male_pronouns[];
extern const char *const vc_seg_female_pronouns[];
extern const char *const vc_seg_calling_words[];
extern const char *const vc_seg_generic_askers[];
extern const char *const vc_seg_briefing_words[];
extern const char *const vc_seg_thing_cues[];
extern const char *const vc_seg_org_words[];
extern const char *const vc_seg_staff_words[];
extern const char *const vc_seg_handle_bylines[];
extern const char *const vc_seg_copyright_starts[];
extern const char *const vc_seg_contrib_words[];
extern const char *const vc_seg_speech_objects[];
extern const char *const vc_seg_join_verbs[];
extern const char *const vc_seg_title_objects[];
extern const char *const vc_seg_publication_words[];
extern const char *const vc_seg_seasons[];
extern const char *const vc_seg_writer_answer_phrases[];
extern const char *const vc_seg_date_line_starts[];
extern const char *const vc_seg_we_interview_phrases[];

/* segment_shapes.c: label shapes the text shows to be labels (line numbers, heading marks,
 * clock times after names, diarisation codes, glued names) rewritten as "Name:" before
 * lines are read; g->src becomes the rewritten text, offsets map back with orig_off. */
vc_status vc_seg_shapes(vc_seg *g);

/* segment_turnmarks.c: a change written into the text before lines are read: `cut` bytes
 * at `at` written over with `over` (as many bytes), then `ins` inserted. */
typedef struct vc_seg_edit {
  size_t at, cut;
  char over[VC_SEG_NAME_MAX];
  char ins[VC_SEG_NAME_MAX + 4];
} vc_seg_edit;
/* Caption transcripts that mark each change of speaker with ">>" or a dash: the edits
 * (in text order) that start every marked turn on a line of its own with a plain label. */
vc_status vc_seg_turn_marks(const char *t, size_t len, vc_seg_edit **out, size_t *n);
/* segment_signatures.c: talk pages whose contributions end with their writer's signature
 * ("--Jane Doe (talk) 12:01, 3 May 2008 (UTC)"): the edits that label each signed line
 * with its writer (a voice tag) and blank the signature. */
vc_status vc_seg_signatures(const char *t, size_t len, vc_seg_edit **out, size_t *n);
/* Is a label segment_shapes.c wrote (its evidence already weighed) at offset off? */
int vc_seg_shape_label_at(const vc_seg *g, size_t off);
size_t vc_seg_orig_off(const vc_seg *g, size_t off);

/* segment_escapes.c: "\\n" written as two characters, decoded before any other pass. */
vc_status vc_seg_unescape(vc_seg *g);
size_t vc_seg_unescaped_off(const vc_seg *g, size_t off);

/* segment_lines.c: lines, blocks and boilerplate. */
vc_status vc_seg_split_lines(vc_seg *g);
void vc_seg_classify(vc_seg *g);
void vc_seg_measure(vc_seg *g, vc_para *p);
void vc_seg_unlabel_rest(vc_seg *g);

/* segment_labels.c: labels, people and speakers. */
vc_status vc_seg_find_labels(vc_seg *g);
vc_status vc_seg_find_people(vc_seg *g);
vc_status vc_seg_add_speaker(vc_seg *g, const char *name, size_t n, vc_role role,
                             size_t *out);
int vc_seg_person_at(const vc_seg *g, size_t off, size_t *len);
int vc_seg_main_person(vc_seg *g);
int vc_seg_main_person_but(vc_seg *g, const char *but);
int vc_seg_common_word(vc_seg *g, const char *w, size_t n);
vc_status vc_seg_resolve_speakers(vc_seg *g);

/* segment_names.c: names for generic labels ("Speaker 2") and handles, from what the
 * speakers say of themselves and the speaker list. */
vc_status vc_seg_self_names(vc_seg *g);
/* What a speaker calls themselves in paragraph p ("My name is Jane Doe"): words of the
 * name written to out, 0 if none. */
int vc_seg_self_intro(const vc_seg *g, const vc_para *p, vc_tok **t, size_t *cap, char *out,
                      size_t out_cap);

/* segment_roles.c: role evidence and the introduction's names. */
vc_status vc_seg_role_evidence(vc_seg *g);
vc_status vc_seg_intro_names(vc_seg *g);
/* The name written first after src[s] in the same sentence / just before src[pos]:
 * written to out, returns its offset + 1, or 0. */
size_t vc_seg_name_after(const vc_seg *g, size_t s, size_t e, vc_tok **t, size_t *cap,
                         char *out, size_t out_cap);
size_t vc_seg_name_before(const vc_seg *g, size_t lo, size_t pos, vc_tok **t, size_t *cap,
                          char *out, size_t out_cap);

/* segment_evidence.c: what the page states of who asks (a byline crediting the
 * interviewer, a title naming the guest, a first line of names, a conference call's
 * operator introducing the askers); runs last in vc_seg_role_evidence. */
void vc_seg_stated_roles(vc_seg *g);
/* An interviewer nobody names is the outlet whose staff the introduction says interviewed
 * the guest ("The Daily Example editors interviewed ..."); runs after vc_seg_intro_names.
 */
void vc_seg_outlet_asker(vc_seg *g);

/* segment_qa.c: deciding questions and answers. */
vc_status vc_seg_decode_qa(vc_seg *g);
/* The first line of a question-line/answer-line block layout, n_paras if there is none. */
size_t vc_seg_pair_start(const vc_seg *g);
/* The first line of an unlabelled spoken record that opens with a greeting and puts a
 * question to someone by name, n_paras if there is none. */
size_t vc_seg_addressed_start(vc_seg *g);

/* segment_quotes.c: quotations in prose. */
vc_status vc_seg_prose(vc_seg *g, size_t para);
void vc_seg_quote_style(vc_seg *g);

/* segment_attrib.c: whose a quotation is when the name stands beside it. */
int vc_seg_colon_attribution(const vc_seg *g, size_t s, size_t q, size_t *ns, size_t *ne);
int vc_seg_quote_self_intro(vc_seg *g, size_t is, size_t ie, int roll, size_t *ns,
                            size_t *ne);
int vc_seg_intro_round(vc_seg *g, size_t para);
int vc_seg_first_name(const vc_seg *g, size_t s, size_t e, size_t before);
int vc_seg_titled_name(const vc_seg *g, size_t s, size_t e, int loose, size_t *ns,
                       size_t *ne, int *person);
int vc_seg_unquoted_pairs(const vc_seg *g);
int vc_seg_unquoted_attribution(const vc_seg *g, size_t para, size_t *ns, size_t *ne,
                                int *person);
int vc_seg_next_attribution(const vc_seg *g, size_t para, size_t *ns, size_t *ne,
                            int *person);
int vc_seg_runs_on(const vc_seg *g, size_t from, size_t end, size_t *mark);
int vc_seg_quoted_labels(vc_seg *g);
int vc_seg_person_clause(const vc_seg *g, const vc_tok *t, size_t n, size_t i, size_t r);
int vc_seg_pronoun_person(vc_seg *g, size_t ps, size_t pe, size_t before, int fallback);
vc_status vc_seg_called_askers(vc_seg *g);
int vc_seg_thing_name(const vc_seg *g, const vc_person *p);
int vc_seg_team_name(const vc_seg *g, char *out, size_t cap);
/* A byline names one who may ask: there is one, and its author does not answer. */
static inline int vc_seg_asking_byline(const vc_seg *g) {
  return g->byline[0] && !g->byline_answers;
}
/* segment_lines.c: a copyright line (page chrome; it names the outlet). */
int vc_seg_line_is_copyright(const char *s, size_t n);
/* segment_titles.c: the title that names a guest the page never names. */
int vc_seg_guest_title(const vc_seg *g, char *out, size_t cap);

/* segment_util.c: pieces. */
vc_status vc_seg_add_piece(vc_seg *g, size_t start, size_t end, size_t para, vc_role role,
                           size_t speaker);
void vc_seg_mark_piece(vc_seg *g, float conf, const char *basis);
void vc_seg_name_why(vc_seg *g, size_t speaker, size_t off, const char *why);

/* segment_label_forms.c: labels of shapes the fixed forms miss. */
size_t vc_seg_l3_aside_end(const char *s, size_t n, size_t i);
size_t vc_seg_l3_office_end(const char *s, size_t n, size_t i);
/* Runs after vc_seg_find_labels: labels the fixed forms miss. */
vc_status vc_seg_l3_labels(vc_seg *g);
/* Runs with vc_seg_role_evidence: what a labelled speaker's words say of their role. */
void vc_seg_l3_role_evidence(vc_seg *g);
/* Does the label alone on line i ("Prime Minister:") head the body's first paragraph? */
int vc_seg_l3_heads_body(const vc_seg *g, size_t i, size_t body);
/* Is the one label of a text a speaker's, heading a monologue on a line of its own? */
int vc_seg_l3_lone_label(const vc_seg *g);
/* Is the Q&A part a statement: answers labelled, no question labelled or left unlabelled?
 */
int vc_seg_l3_statement(int labelled_q, int labelled_a, int unlabelled_q);
/* A label of title words only ("PRIME MINISTER"): the name the text writes after that
 * title ("Prime Minister Jane Doe"). Writes it and returns 1, or 0. */
int vc_seg_l3_title_name(const vc_seg *g, const char *key, char *out, size_t cap);
/* Is the key `a` an honorific and a surname ("MR. DOE") of the full-name key `b` ("JANE
 * DOE")? */
int vc_seg_l3_honorific_surname(const char *a, const char *b);
/* "CLARKE" for the "Jane Clarke" the text writes anywhere; writes it and returns 1, or 0.
 */
int vc_seg_l3_full_name(const vc_seg *g, const char *key, char *out, size_t cap);

#endif
