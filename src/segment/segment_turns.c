/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter turns where labels are absent, partial or misleading: questions written as
 * headings above answers of several paragraphs. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "segment_turns.h"

/* Limits of a question line: a heading is short. */
enum { HEAD_Q_MAX_WORDS = 45, HEAD_Q_MIN = 3, HEAD_TITLE_WORDS = 12 };

static int spoken_line(const vc_para *p) {
  return p->drop == VC_DROP_NONE && !p->note && p->label < 0 && p->words > 0;
}

/* Does the line end with its question, perhaps followed by a parenthesis that explains it
 * ("How do you spend your time? (i.e. coding, reviewing, etc.)")? Evidence: the last '?'
 * and what follows it. */
static int ends_asking(const vc_seg *g, const vc_para *p) {
  if (p->ends_q)
    return 1;
  if (!p->has_q)
    return 0;
  size_t q = p->end;
  while (q > p->body && g->src[q - 1] != '?')
    q--;
  while (q < p->end && g->src[q] == ' ')
    q++;
  return q < p->end && g->src[q] == '(' && g->src[p->end - 1] == ')' &&
         !memchr(g->src + q, '?', p->end - q);
}

/* A question line: short, it asks at its end, and it does not speak of itself more than
 * of the one it asks (an answer that ends with a question says "I" more than "you"). */
int vc_seg_heading_question(const vc_seg *g, const vc_para *p) {
  return spoken_line(p) && p->words <= HEAD_Q_MAX_WORDS && ends_asking(g, p) &&
         (p->first_p <= 1 || p->second_p > p->first_p);
}

/* Does the line hold a quotation mark (reported speech of a feature, not an answer)? */
static int quotes(const vc_seg *g, const vc_para *p) {
  for (size_t i = p->body; i < p->end; i++) {
    size_t k;
    if (g->src[i] == '"' || vc_seg_is_open_quote(g->src, p->end, i, &k))
      return 1;
  }
  return 0;
}

typedef struct head_scan {
  int questions, answered; /* question lines; those followed by an answer line */
  int ask_you;             /* question lines that say "you" */
  int answers, answers_i;  /* other lines after the first question; those saying "I"/"we" */
  int quoted, lines;       /* lines with a quotation mark; all spoken lines */
  int before;              /* lines of prose (more than a title's words) before it */
  size_t first;            /* the first question line that an answer follows */
} head_scan;

static void scan_heads(const vc_seg *g, size_t from, head_scan *c) {
  memset(c, 0, sizeof *c);
  c->first = g->n_paras;
  size_t open_q = g->n_paras; /* the last question line, until an answer follows it */
  for (size_t i = from; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (!spoken_line(p))
      continue;
    if (vc_seg_heading_question(g, p)) {
      c->questions++;
      c->ask_you += p->second_p > 0;
      open_q = i;
      continue;
    }
    if (c->questions == 0) {
      c->before += p->words > HEAD_TITLE_WORDS;
      continue;
    }
    c->lines++;
    c->quoted += quotes(g, p);
    c->answers++;
    c->answers_i += p->first_p > 0;
    if (open_q < g->n_paras) {
      c->answered++;
      if (c->first == g->n_paras)
        c->first = open_q;
      open_q = g->n_paras;
    }
  }
  c->lines += c->questions;
}

/* The layout: three or more question lines (two when the text opens with its first
 * question, only a title above it), nearly all answered by the lines below them; most of
 * them say "you", most answer lines say "I" or "we" (someone answers in their own name),
 * and few lines quote (a feature quotes its people; an interview does not). */
size_t vc_seg_heading_qa_start(const vc_seg *g, size_t from) {
  head_scan c;
  scan_heads(g, from, &c);
  int holds = c.questions >= HEAD_Q_MIN - (c.before == 0) &&
              c.answered + 1 >= c.questions && c.ask_you * 2 >= c.questions &&
              c.answers_i * 2 >= c.answers && c.quoted * 4 <= c.lines;
  return holds ? c.first : g->n_paras;
}

size_t vc_seg_honorific_dot(const char *t, size_t e, size_t i, size_t j) {
  return j + 1 < e && t[j] == '.' && t[j + 1] == ' ' &&
         vc_seg_in_list(t + i, j - i, vc_seg_honorifics);
}

/* ---- court records: "Q"/"A" examination with the bench and counsel labelled ---- */

extern const char *const vc_seg_court_bench_words[];
extern const char *const vc_seg_court_counsel_words[];
extern const char *const vc_seg_court_objections[];
extern const char *const vc_seg_court_witness_words[];

/* Does a word of the label's key ("DEFENSE ATTORNEY", "ATTY. DOE") belong to `list`?
 * With `all`, must every word but "THE" and "FOR" (a role named, no person)? */
static int key_words(const char *key, const char *const *list, int all) {
  int any = 0, others = 0;
  for (size_t i = 0; key[i];) {
    size_t j = i;
    while (key[j] && key[j] != ' ' && key[j] != '.')
      j++;
    if (j > i) {
      int in = vc_seg_in_list(key + i, j - i, list) ||
               vc_seg_in_list(key + i, j - i, vc_seg_court_bench_words) ||
               vc_seg_in_list(key + i, j - i, vc_seg_court_counsel_words);
      any |= vc_seg_in_list(key + i, j - i, list);
      others += !in && !vc_seg_word_eq(key + i, j - i, "the") &&
                !vc_seg_word_eq(key + i, j - i, "for");
    }
    i = key[j] ? j + 1 : j;
  }
  return any && (!all || others == 0);
}

/* An examination in court: "Q" and "A" labels, each on two turns or more, and a label of
 * the bench, of counsel or of the witness ("THE COURT:", "DEFENSE ATTORNEY:", "THE
 * WITNESS:"); Q and A alone are an interview's. */
static int examination(const vc_seg *g) {
  int q = 0, a = 0, court = 0;
  for (size_t li = 0; li < g->n_labels; li++) {
    const vc_label *l = &g->labels[li];
    if (!l->valid)
      continue;
    q += strcmp(l->key, "Q") == 0 && l->count >= 2;
    a += strcmp(l->key, "A") == 0 && l->count >= 2;
    court += key_words(l->key, vc_seg_court_bench_words, 0) ||
             key_words(l->key, vc_seg_court_counsel_words, 0) ||
             key_words(l->key, vc_seg_court_witness_words, 1);
  }
  return q && a && court;
}

/* "JANE DOE" -> "Jane Doe" for a label that names a role only ("The Court"). */
static void role_name(const char *key, char *out, size_t cap) {
  size_t o = 0;
  for (size_t i = 0; key[i] && o + 1 < cap; i++) {
    char c = key[i];
    if (i > 0 && key[i - 1] != ' ' && c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    out[o++] = c;
  }
  out[o] = 0;
}

/* Does the paragraph open with an objection ("Objection, Your Honor.", "Your Honor, I
 * object to ...")? Looked for at word starts in its first words. */
static int objects(const vc_seg *g, const vc_para *p) {
  size_t e = p->end - p->body < 40 ? p->end : p->body + 40;
  for (size_t i = p->body; i < e; i++)
    for (size_t k = 0; vc_seg_starts_word(g->src, g->len, i) && vc_seg_court_objections[k];
         k++)
      if (vc_seg_prefix_ci(g->src + i, p->end - i, vc_seg_court_objections[k]))
        return 1;
  return 0;
}

/* Does a turn of the record (a labelled paragraph) name `name`'s last word? A record
 * that never names the person an introduction is about is not their testimony. */
static int record_names(const vc_seg *g, const char *name) {
  const char *last = strrchr(name, ' ');
  last = last ? last + 1 : name;
  size_t n = strlen(last);
  for (size_t i = 0; i < g->n_paras && n > 1; i++) {
    const vc_para *p = &g->paras[i];
    if (p->label < 0)
      continue;
    for (size_t k = p->body; k + n <= p->end; k++)
      if (vc_seg_starts_word(g->src, g->len, k) && memcmp(g->src + k, last, n) == 0 &&
          (k + n == p->end || vc_seg_starts_word(g->src, g->len, k + n + 1) ||
           !vc_seg_is_letter((unsigned char)g->src[k + n])))
        return 1;
  }
  return 0;
}

/* The name a question opens by addressing, with a title ("Ms. Jones, how sure ..."):
 * an honorific, its stop, one or two capitalised words, a comma. Returns 1 and writes
 * it, or 0. */
static int addressed_at_start(const vc_seg *g, const vc_para *p, char *out, size_t cap) {
  const char *s = g->src + p->body;
  size_t n = p->end - p->body, i = vc_seg_word_end(s, n, 0);
  if (i == 0 || !vc_seg_in_list(s, i, vc_seg_honorifics))
    return 0;
  i += i < n && s[i] == '.';
  for (int words = 0; words < 2; words++) {
    if (i + 1 >= n || s[i] != ' ')
      return 0;
    int32_t cp;
    vc_seg_cp(s, n, i + 1, &cp);
    size_t j = vc_seg_word_end(s, n, i + 1);
    if (!vc_seg_is_upper(cp) || j == i + 1)
      return 0;
    i = j;
    if (i < n && s[i] == ',') {
      vc_seg_copy_name(s, i, out, cap);
      return 1;
    }
  }
  return 0;
}

/* Points every label with key `key` at speaker `to`. */
static void relabel(vc_seg *g, const char *key, size_t to) {
  for (size_t li = 0; li < g->n_labels; li++)
    if (g->labels[li].valid && strcmp(g->labels[li].key, key) == 0)
      g->labels[li].speaker = to;
}

static void court_evidence(vc_spk *k, size_t off) {
  k->evidence += 4; /* as strong as a role word in a label */
  k->why_weight = 4;
  k->why_off = off;
  snprintf(k->why, sizeof k->why, "%s", "the bench or counsel in a court record");
}

/* A court record: "Q" and "A" labels carry the examination, the bench and counsel have
 * labels of their own. Evidence used: the "Q"/"A" labels (only the witness answers, so
 * every other label but an answering role's, "THE WITNESS:", is the bench or counsel and
 * asks: "THE COURT:", "MR. DOE:"); a label that names a role only keeps it as its name
 * ("The Court", not a phrase of the headline); counsel who opens a turn with an objection
 * is the other side, so when exactly one labelled counsel never objects, "Q" is theirs;
 * "A" is the witness: the "WITNESS" label's speaker, else the person a question addresses
 * by title ("Ms. Jones, ..."), else the person the text is about when the record names
 * them, else "Witness". */
vc_status vc_seg_court_record(vc_seg *g) {
  if (!examination(g))
    return VC_OK;
  char obj[VC_SEG_MAX_SPEAKERS] = {0};
  for (size_t i = 0; i < g->n_paras; i++)
    if (g->paras[i].label >= 0 && g->paras[i].drop == VC_DROP_NONE &&
        objects(g, &g->paras[i]))
      obj[g->labels[g->paras[i].label].speaker % VC_SEG_MAX_SPEAKERS] = 1;
  size_t examiner = 0, witness = 0;
  int counsel = 0;
  for (size_t li = 0; li < g->n_labels; li++) {
    vc_label *l = &g->labels[li];
    if (!l->valid || strcmp(l->key, "Q") == 0 || strcmp(l->key, "A") == 0)
      continue;
    vc_spk *k = &g->speakers[l->speaker];
    if (key_words(l->key, vc_seg_answer_role_words, 1) && !witness)
      witness = l->speaker;
    int bench = key_words(l->key, vc_seg_court_bench_words, 0);
    int couns = key_words(l->key, vc_seg_court_counsel_words, 0);
    if (key_words(l->key, vc_seg_answer_role_words, 0))
      continue; /* "THE WITNESS:" answers */
    if (k->role == VC_ROLE_NARRATOR && k->evidence <= 0)
      court_evidence(k, g->paras[l->first_para].start); /* "MR. DOE:" is counsel */
    if (!bench && !couns)
      continue;
    if (key_words(l->key, vc_seg_court_counsel_words, 1) ||
        key_words(l->key, vc_seg_court_bench_words, 1))
      role_name(l->key, k->name, sizeof k->name);
    if (couns && !obj[l->speaker % VC_SEG_MAX_SPEAKERS] && l->speaker != examiner) {
      counsel++;
      examiner = l->speaker;
    }
  }
  if (counsel == 1)
    relabel(g, "Q", examiner);
  char name[VC_SEG_NAME_MAX];
  for (size_t i = 0; i < g->n_paras && !witness && !g->answerer[0]; i++) {
    const vc_para *p = &g->paras[i];
    if (p->label < 0 || strcmp(g->labels[p->label].key, "Q") != 0 ||
        !addressed_at_start(g, p, name, sizeof name))
      continue;
    vc_status st = vc_seg_add_speaker(g, name, strlen(name), VC_ROLE_INTERVIEWEE, &witness);
    if (st != VC_OK)
      return st;
    vc_seg_name_why(g, witness, p->body, "the witness a question addresses by title");
  }
  size_t a = 0;
  for (size_t li = 0; li < g->n_labels; li++)
    if (g->labels[li].valid && strcmp(g->labels[li].key, "A") == 0)
      a = g->labels[li].speaker;
  if (!witness && !g->answerer[0] && a && !record_names(g, g->speakers[a].name)) {
    vc_status st = vc_seg_add_speaker(g, "Witness", 7, VC_ROLE_INTERVIEWEE, &witness);
    if (st != VC_OK)
      return st;
    vc_seg_name_why(g, witness, SIZE_MAX, "a court record's witness, named nowhere in it");
  }
  if (witness)
    relabel(g, "A", witness);
  return VC_OK;
}

/* Evidence: three full stops (spaced or not) or an ellipsis, then a space, at the start. */
size_t vc_seg_omission_len(const char *s, size_t n) {
  static const char *const marks[] = {". . . ", "... ", "\xE2\x80\xA6 "};
  for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
    size_t m = strlen(marks[k]);
    if (n > m && memcmp(s, marks[k], m) == 0)
      return m;
  }
  return 0;
}

int vc_seg_stamp_line(const vc_seg *g, const vc_para *p) {
  size_t e = vc_seg_stamp_end(g->src, p->end, p->start);
  if (e == p->start)
    return 0;
  e += e < p->end && g->src[e] == ':';
  return e == p->end;
}

/* Does line p end with a timestamp (a stamp line that hard-wrapping joined to the line of
 * speech above it: "... it was at\n(01:49):")? */
static int ends_with_stamp(const vc_seg *g, const vc_para *p) {
  size_t e = p->end;
  e -= e > p->start && g->src[e - 1] == ':';
  size_t s = e;
  while (s > p->start && g->src[s - 1] != ' ' && g->src[s - 1] != '\n')
    s--;
  return s > p->start && s < e && vc_seg_stamp_end(g->src, e, s) == e;
}

int vc_seg_after_stamp_line(const vc_seg *g, size_t i) {
  if (i < 1 || g->paras[i].label >= 0)
    return 0;
  const vc_para *prev = &g->paras[i - 1];
  if (prev->drop == VC_DROP_NONE && !prev->note)
    return ends_with_stamp(g, prev);
  if (i < 2 || !vc_seg_stamp_line(g, prev))
    return 0;
  const vc_para *before = &g->paras[i - 2];
  return before->drop == VC_DROP_NONE && !before->note;
}

int vc_seg_under_label_line(const vc_seg *g, size_t i) {
  const vc_para *p = &g->paras[i];
  if (p->label >= 0 || p->drop != VC_DROP_NONE || p->block_first)
    return 0;
  size_t k = i;
  while (k > 0 && g->paras[k - 1].block == p->block) {
    k--;
    const vc_para *q = &g->paras[k];
    if (q->label >= 0)
      break;
    if (q->drop != VC_DROP_NONE && !vc_seg_stamp_line(g, q))
      return 0;
  }
  const vc_para *f = &g->paras[k];
  if (f->label < 0 || k == 0 || g->paras[k - 1].drop != VC_DROP_LABEL ||
      g->paras[k - 1].block != p->block)
    return 0;
  const char *key = g->labels[f->label].key;
  return !vc_seg_in_list(key, strlen(key), vc_seg_asker_labels) &&
         !vc_seg_in_list(key, strlen(key), vc_seg_answer_labels);
}

/* ---- hosts by their thanks and welcomes ---- */

extern const char *const vc_seg_host_thanks_phrases[];
extern const char *const vc_seg_host_welcome_starts[];

/* Does the paragraph open by welcoming listeners to a named show ("Welcome to Good Talk,
 * where ...", "Hello and welcome to Field Notes")? The welcome, then a capitalised word:
 * the show's name. */
static int welcomes_to_show(const vc_seg *g, const vc_para *p) {
  const char *s = g->src + p->body;
  size_t n = p->end - p->body;
  for (size_t k = 0; vc_seg_host_welcome_starts[k]; k++) {
    size_t m = strlen(vc_seg_host_welcome_starts[k]);
    if (!vc_seg_prefix_ci(s, n, vc_seg_host_welcome_starts[k]) || m + 1 >= n || s[m] != ' ')
      continue;
    int32_t cp;
    vc_seg_cp(s, n, m + 1, &cp);
    return vc_seg_is_upper(cp);
  }
  return 0;
}

static void host_evidence(vc_seg *g, size_t s, size_t off, const char *why) {
  vc_spk *sp = &g->speakers[s];
  sp->evidence += 1;
  if (!sp->why[0] || sp->evidence == 1) {
    sp->why_off = off;
    snprintf(sp->why, sizeof sp->why, "%s", why);
  }
}

/* The speaker whose name starts with the word src[s..e) ("Luke" for "Luke Doe"), not
 * `but`; 0 if none or several. */
static size_t speaker_by_first(const vc_seg *g, size_t s, size_t e, size_t but) {
  size_t found = 0, n = e - s;
  for (size_t k = 1; k < g->n_speakers; k++) {
    const char *nm = g->speakers[k].name;
    if (k != but && strncmp(nm, g->src + s, n) == 0 && (nm[n] == ' ' || nm[n] == 0)) {
      if (found)
        return 0;
      found = k;
    }
  }
  return found;
}

/* A turn that opens by welcoming people by their first names ("Jane, Joe, welcome.",
 * "Jane and Joe, welcome to the show"): the speakers so named are guests, the one who
 * welcomes them hosts. Evidence: capitalised words that each name another labelled
 * speaker, joined by commas or "and", then "welcome". Returns how many were named. */
static int welcomes_by_name(vc_seg *g, const vc_para *p, size_t own) {
  size_t named[8], n = 0, i = p->body;
  while (i < p->end && n < 8) {
    size_t e = vc_seg_word_end(g->src, p->end, i);
    size_t k = e > i ? speaker_by_first(g, i, e, own) : 0;
    if (!k)
      break;
    named[n++] = k;
    i = e;
    while (i < p->end && (g->src[i] == ',' || g->src[i] == ' '))
      i++;
    if (vc_seg_prefix_ci(g->src + i, p->end - i, "and "))
      i += 4;
  }
  if (n == 0 || !vc_seg_prefix_ci(g->src + i, p->end - i, "welcome"))
    return 0;
  for (size_t k = 0; k < n; k++) {
    vc_spk *sp = &g->speakers[named[k]];
    sp->evidence -= 2; /* as strong as an introduction */
    sp->why_off = p->body;
    snprintf(sp->why, sizeof sp->why, "%s", "welcomed by name as a guest");
  }
  return (int)n;
}

/* Evidence: a labelled speaker opens their first turn by welcoming listeners to a named
 * show or the other speakers by their first names, or thanks someone for joining or coming
 * on in any turn (the host thanks the guest at the end of a segment as at its start; a
 * guest thanks the host for having them, a list of its own). Weighs as much as what a
 * speaker says of themselves in their first turns; not used when a label's role word names
 * the host. */
void vc_seg_thanks_evidence(vc_seg *g) {
  for (size_t s = 1; s < g->n_speakers; s++)
    if (g->speakers[s].evidence >= 4)
      return; /* a label says who hosts ("HOST:"): a panelist's thanks are a courtesy */
  char done[VC_SEG_MAX_SPEAKERS] = {0}, seen[VC_SEG_MAX_SPEAKERS] = {0};
  for (size_t i = 0; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->label < 0 || p->drop != VC_DROP_NONE)
      continue;
    size_t s = g->labels[p->label].speaker;
    if (s == 0 || s >= VC_SEG_MAX_SPEAKERS || done[s])
      continue;
    int first = !seen[s];
    seen[s] = 1;
    if (first && welcomes_by_name(g, p, s)) {
      done[s] = 1;
      host_evidence(g, s, p->body, "welcomes the guests by name");
      continue;
    }
    if (first && welcomes_to_show(g, p)) {
      done[s] = 1;
      host_evidence(g, s, p->body, "welcomes listeners to the show");
      continue;
    }
    for (size_t k = p->body; k < p->end && !done[s]; k++) {
      if (!vc_seg_starts_word(g->src, g->len, k))
        continue;
      for (size_t m = 0; vc_seg_host_thanks_phrases[m] && !done[s]; m++)
        if (vc_seg_prefix_ci(g->src + k, p->end - k, vc_seg_host_thanks_phrases[m])) {
          done[s] = 1;
          host_evidence(g, s, k, "thanks a guest for joining");
        }
    }
  }
}

/* ---- comment headers with a glued score ---- */

extern const char *const vc_seg_score_words[];

static int handle_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '-';
}

/* Evidence: the whole line is one token of handle characters that ends in digits, then a
 * space and a score word ("karma", "points"): a page that lost the space between a
 * commenter's handle and their score. The digits are the score, not the handle. */
size_t vc_seg_score_header(const char *s, size_t n, size_t hs) {
  size_t e = hs;
  while (e < n && e - hs <= 40 && handle_char(s[e]))
    e++;
  if (e >= n || s[e] != ' ' || e - hs > 40)
    return 0;
  size_t d = e;
  while (d > hs && s[d - 1] >= '0' && s[d - 1] <= '9')
    d--;
  if (d == e || d - hs < 2 ||
      !((s[hs] >= 'a' && s[hs] <= 'z') || (s[hs] >= 'A' && s[hs] <= 'Z')))
    return 0;
  size_t w = e + 1, we = w;
  while (we < n && s[we] >= 'a' && s[we] <= 'z')
    we++;
  return we == n && vc_seg_in_list(s + w, we - w, vc_seg_score_words) ? d : 0;
}

/* ---- comment threads: one host answers the comments ---- */

/* The host of a comment thread (an "ask me anything"): among three or more comment
 * headers of different handles ("jdoe 12 points" alone on a line), the handle that heads
 * the most comments, two or more and more than any other, whose comments nearly all come
 * right after another handle's comment (replies). Returns its speaker, or 0. */
static size_t thread_host(const vc_seg *g) {
  int heads[VC_SEG_MAX_SPEAKERS] = {0}, replies[VC_SEG_MAX_SPEAKERS] = {0}, handles = 0;
  size_t prev = 0;
  for (size_t i = 0; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->label < 0)
      continue;
    const vc_label *l = &g->labels[p->label];
    if (!l->handle || !l->alone || l->speaker >= VC_SEG_MAX_SPEAKERS)
      return 0; /* other labels: not a thread of comment headers alone */
    handles += heads[l->speaker]++ == 0;
    replies[l->speaker] += prev && prev != l->speaker;
    prev = l->speaker;
  }
  size_t best = 0;
  int second = 0;
  for (size_t s = 1; s < g->n_speakers && s < VC_SEG_MAX_SPEAKERS; s++) {
    if (heads[s] > heads[best]) {
      second = heads[best];
      best = s;
    } else if (heads[s] > second) {
      second = heads[s];
    }
  }
  if (handles < 3 || !best || heads[best] < 2 || heads[best] == second ||
      replies[best] * 3 < heads[best] * 2)
    return 0;
  return best;
}

/* Does the paragraph name the handle `name` as a word ("I'm Jane, aka jdoe")? */
static int names_handle(const vc_seg *g, const vc_para *p, const char *name) {
  size_t n = strlen(name);
  for (size_t k = p->body; n > 1 && k + n <= p->end; k++)
    if (vc_seg_starts_word(g->src, g->len, k) &&
        vc_seg_prefix_ci(g->src + k, p->end - k, name))
      return 1;
  return 0;
}

/* The first line of the host's opening post: the spoken lines before the first comment
 * header, when they speak in the first person and one of them names the host's handle
 * ("I'm Jane, aka jdoe, ..."). n_paras if none. */
static size_t opening_post(const vc_seg *g, size_t host) {
  size_t first = g->n_paras;
  int named = 0, first_p = 0;
  for (size_t i = 0; i < g->n_paras && g->paras[i].label < 0; i++) {
    const vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE || p->note || g->paras[i].drop == VC_DROP_LABEL)
      continue;
    if (first == g->n_paras)
      first = i;
    named |= names_handle(g, p, g->speakers[host].name);
    first_p += p->first_p > 0;
  }
  return named && first_p ? first : g->n_paras;
}

/* Evidence: the thread's layout (thread_host): its host answers, every other handle asks;
 * the host's opening post above the first comment is the host's. */
void vc_seg_thread_roles(vc_seg *g) {
  size_t host = thread_host(g);
  if (!host)
    return;
  for (size_t s = 1; s < g->n_speakers; s++) {
    vc_spk *k = &g->speakers[s];
    int used = 0;
    for (size_t li = 0; li < g->n_labels && !used; li++)
      used = g->labels[li].valid && g->labels[li].speaker == s;
    if (!used)
      continue;
    k->role = s == host ? VC_ROLE_INTERVIEWEE : VC_ROLE_INTERVIEWER;
    k->why_off = SIZE_MAX;
    snprintf(k->why, sizeof k->why, "%s",
             s == host ? "answers the comments of a thread" : "comments in a thread");
  }
  size_t open = opening_post(g, host);
  if (open < g->qa_start)
    g->qa_start = open;
}

/* "I'm Jane, aka jdoe": the name written before "aka <handle>" in the opening post, when
 * a self-introduction ("I'm", "my name is") comes just before it. Writes it, returns 1. */
static int aka_name(const vc_seg *g, const vc_para *p, const char *handle, char *out,
                    size_t cap) {
  size_t hn = strlen(handle);
  for (size_t k = p->body + 5; hn > 1 && k + hn <= p->end; k++) {
    size_t a = k >= p->body + 4 && vc_seg_prefix_ci(g->src + k - 4, 4, "aka ")      ? 4
               : k >= p->body + 7 && vc_seg_prefix_ci(g->src + k - 7, 7, "a.k.a. ") ? 7
                                                                                    : 0;
    if (!a || !vc_seg_prefix_ci(g->src + k, p->end - k, handle))
      continue;
    size_t e = k - a; /* "Jane, " before "aka" */
    while (e > p->body && (g->src[e - 1] == ' ' || g->src[e - 1] == ','))
      e--;
    size_t b = e;
    while (b > p->body && g->src[b - 1] != ' ')
      b--;
    int32_t cp;
    vc_seg_cp(g->src, e, b, &cp);
    if (b == e || !vc_seg_is_upper(cp))
      continue;
    for (size_t m = 0; vc_seg_self_name_phrases[m]; m++) {
      size_t pn = strlen(vc_seg_self_name_phrases[m]);
      if (b >= p->body + pn + 1 && g->src[b - 1] == ' ' &&
          vc_seg_prefix_ci(g->src + b - 1 - pn, pn, vc_seg_self_name_phrases[m])) {
        vc_seg_copy_name(g->src + b, e - b, out, cap);
        return 1;
      }
    }
  }
  return 0;
}

void vc_seg_thread_opening(vc_seg *g) {
  size_t host = thread_host(g);
  if (!host)
    return;
  char name[VC_SEG_NAME_MAX];
  for (size_t i = g->qa_start; i < g->n_paras && g->paras[i].label < 0; i++) {
    vc_para *p = &g->paras[i];
    if (aka_name(g, p, g->speakers[host].name, name, sizeof name)) {
      snprintf(g->speakers[host].name, sizeof g->speakers[host].name, "%s", name);
      g->speakers[host].name_why[0] = 0;
      vc_seg_name_why(g, host, p->body, "the thread host's self-introduction");
    }
    p->role = VC_ROLE_INTERVIEWEE;
    p->speaker = host;
    p->conf = 0.8f;
    p->basis = "the thread host's opening post";
  }
}

/* ---- a record that opens mid-speech and reads a labelled exchange into it ---- */

static int spoken_para(const vc_para *p) {
  return p->drop == VC_DROP_NONE && !p->note && p->words > 0;
}

typedef struct read_in {
  size_t open;  /* the first line of the speech the excerpt opens in */
  size_t run_s; /* the exchange read into it: labelled lines [run_s, run_e) */
  size_t run_e;
  size_t resume; /* the next line with a label of the record's own */
  size_t reader; /* the speaker who reads it: the first to answer after it */
} read_in;

/* Do the labels of lines [s, e) label no line from e on (labels of the exchange read in,
 * not of the record)? */
static int labels_stay_inside(const vc_seg *g, size_t s, size_t e) {
  for (size_t i = e; i < g->n_paras; i++) {
    int l = g->paras[i].label;
    for (size_t k = s; l >= 0 && k < e; k++)
      if (g->paras[k].label == l)
        return 0;
  }
  return 1;
}

/* Does the line stop cut off by the next speaker ("Let me point out-", "... and the-")?
 * A dash at its very end, after a word. */
static int cut_off(const vc_seg *g, const vc_para *p) {
  size_t e = p->end;
  while (e > p->body && (g->src[e - 1] == '.' || g->src[e - 1] == ' '))
    e--; /* "out-." */
  if (e > p->body + 1 && g->src[e - 1] == '-' && g->src[e - 2] != ' ')
    return 1;
  return e >= p->body + 3 && (unsigned char)g->src[e - 3] == 0xE2 &&
         (unsigned char)g->src[e - 2] == 0x80 &&
         ((unsigned char)g->src[e - 1] == 0x94 || (unsigned char)g->src[e - 1] == 0x93);
}

/* Evidence: the text's first labelled lines come right after a spoken line that ends with
 * a colon ("..., and I read:"); two or more of them, whose labels never label a line of
 * the rest; unlabelled speech resumes after them. Or, with no exchange read in, the line
 * just above the first label is cut off by it ("Let me point out-"). Either way the
 * spoken lines above (past a title of a few words) say "I", "we" or "you" (someone
 * speaking, not an introduction), and a labelled speaker of the record answers later:
 * the one arguing, whose speech the excerpt opens in. */
static int find_read_in(const vc_seg *g, read_in *r) {
  size_t f = 0;
  while (f < g->n_paras && g->paras[f].label < 0)
    f++;
  if (f == 0 || f >= g->n_paras)
    return 0;
  size_t a = f - 1;
  while (a > 0 && g->paras[a].drop == VC_DROP_LABEL)
    a--;
  const vc_para *ann = &g->paras[a];
  if (!spoken_para(ann) || ann->label >= 0)
    return 0;
  size_t e = f;
  if (g->src[ann->end - 1] != ':') {
    if (!cut_off(g, ann))
      return 0;
    f = e =
        a + 1; /* no exchange read in: the speech stops where the record's labels start */
  } else {
    while (e < g->n_paras && (g->paras[e].label >= 0 || g->paras[e].drop == VC_DROP_LABEL))
      e++;
    if (e >= g->n_paras || e - f < 2 || !spoken_para(&g->paras[e]) ||
        !labels_stay_inside(g, f, e))
      return 0;
  }
  size_t res = e, reader = 0;
  while (res < g->n_paras && g->paras[res].label < 0)
    res++;
  for (size_t i = res; i < g->n_paras && !reader; i++)
    if (g->paras[i].label >= 0 &&
        g->speakers[g->labels[g->paras[i].label].speaker].role == VC_ROLE_INTERVIEWEE)
      reader = g->labels[g->paras[i].label].speaker;
  size_t open = g->n_paras;
  int person = 0;
  for (size_t i = 0; i <= a; i++) {
    const vc_para *p = &g->paras[i];
    if (!spoken_para(p) || (open == g->n_paras && p->words <= HEAD_TITLE_WORDS))
      continue;
    if (open == g->n_paras)
      open = i;
    person += p->first_p > 0 || p->second_p > 0;
  }
  if (!reader || res >= g->n_paras || open == g->n_paras || !person)
    return 0;
  *r = (read_in){open, f, e, res, reader};
  return 1;
}

void vc_seg_read_in_start(vc_seg *g) {
  read_in r;
  if (g->qa_start < g->n_paras && find_read_in(g, &r) && r.open < g->qa_start)
    g->qa_start = r.open;
}

void vc_seg_read_in_turn(vc_seg *g) {
  read_in r;
  if (!find_read_in(g, &r))
    return;
  for (size_t i = r.open; i < r.resume; i++) {
    vc_para *p = &g->paras[i];
    if (!spoken_para(p))
      continue;
    p->role = VC_ROLE_INTERVIEWEE;
    p->speaker = r.reader;
    p->conf = 0.7f;
    p->basis = i >= r.run_s && i < r.run_e ? "an exchange read into a speech"
                                           : "a record opening mid-speech";
  }
}
