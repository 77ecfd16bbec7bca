/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cue building: timeline words -> caption cues (words, segments, texts, out-times; the
 * plan of cuts, line breaks and in-times is cues_chunk.c's). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "cues.h"
#include "cues_internal.h"
#include "cues_text.h"
#include "cues_words.h"
#include "text_notes.h"

enum {
  VC_MAX_LABEL_CHARS = 32 /* longer names lose leading words: "NAME:" must leave room */
};

/* Which rule gives way. These always hold: every cue starts on the first sample of its
 * first word (with pauses: a turn's first cue may start up to 0.5 s before it) and ends
 * at most 0.5 s after its last word; no overlap; the gap rule; 7 s at most (but for a
 * single word spoken longer than 6.5 s); two lines of 42 characters (but for a single
 * word longer than a line); one speaker per cue with its label; the words as spoken. The
 * planner (cues_chunk.c) groups the words of a turn so that every cue also lasts 0.833 s
 * and reads at 20 characters a second (its spoken text; with the label too where it
 * can) wherever the speech allows, a cue crossing a paragraph end only when the
 * paragraph is too short alone. Where the speech does not allow it (a turn of one short
 * word, or a clause spoken faster than 20 characters a second), vc_cues_build_paused
 * gives the reader time (an early in-time, pauses for reading: docs/captions.md,
 * "Reading time"); vc_cues_build gives the cue all the time the rules above allow and no
 * more: the reading rate and the minimum duration give way, never the sync. */

static int is_clause_cp(int32_t cp) {
  return cp == ',' || cp == ';' || cp == ':' || cp == 0x2014 || cp == 0x2013 ||
         cp == 0x2026;
}

static int is_closing_cp(int32_t cp) {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019;
}

/* The last code point of s[0..n) that is not a closing quote or bracket, or -1. */
static int32_t last_significant_cp(const char *s, size_t n) {
  int32_t last = -1;
  size_t i = 0;
  while (i < n) {
    int32_t cp = vc_utf8_next(s, n, &i);
    if (!is_closing_cp(cp))
      last = cp;
  }
  return last;
}

static unsigned word_flags(const vc_word *tw, const char *s, size_t n) {
  unsigned f = 0;
  int32_t last = last_significant_cp(s, n);
  utf8proc_category_t lc = last >= 0 ? utf8proc_category(last) : UTF8PROC_CATEGORY_CN;
  int punct_end = lc >= UTF8PROC_CATEGORY_PC && lc <= UTF8PROC_CATEGORY_PO;
  if (tw->sentence_end || tw->paragraph_end)
    f |= VC_WF_SENT;
  if (tw->paragraph_end)
    f |= VC_WF_PARA;
  if (is_clause_cp(last) || (last == '-' && n == 1))
    f |= VC_WF_CLAUSE;
  vc_wclass cls = vc_word_class(s, n);
  if (!punct_end && cls != VC_WC_NONE)
    f |= VC_WF_BADEND;
  if (cls == VC_WC_CONJUNCTION || cls == VC_WC_PREPOSITION)
    f |= VC_WF_LEAD;
  if (vc_cap_starts_upper(s, n))
    f |= punct_end ? VC_WF_CAPSTART : VC_WF_CAPSTART | VC_WF_CAP;
  return f;
}

/* Copies a word's bytes without control characters. */
static char *clean_copy(const char *s, size_t n, size_t *len) {
  vc_sbuf b = {0};
  size_t i = 0;
  while (i < n) {
    size_t at = i;
    int32_t cp = vc_utf8_next(s, n, &i);
    if (cp >= 0 && !vc_cap_is_control(cp))
      vc_sbuf_add(&b, s + at, i - at);
  }
  *len = b.len;
  return vc_sbuf_take(&b);
}

/* 1 when s[0..n) is punctuation only (a lone dash, quote, bracket or ellipsis; not
 * symbols such as "-->"); *opening is set when all of it is opening quotes and
 * brackets. */
static int is_punctuation_only(const char *s, size_t n, int *opening) {
  size_t i = 0;
  *opening = 1;
  while (i < n) {
    int32_t cp = vc_utf8_next(s, n, &i);
    utf8proc_category_t c = cp >= 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
    if (c < UTF8PROC_CATEGORY_PC || c > UTF8PROC_CATEGORY_PO)
      return 0;
    if (!vc_cap_is_opening(cp))
      *opening = 0;
  }
  return 1;
}

/* Binds words of punctuation only to a neighbour in the same paragraph: to the next word
 * when they open ("( word"), else to the previous one ("word --", "word. <quote>"), whose
 * sentence and clause ends they take over (a cut after them is a cut after both). */
static void mark_glue(vc_cw *w, size_t n) {
  for (size_t k = 0; k < n; k++) {
    int opening;
    if (!is_punctuation_only(w[k].text, w[k].len, &opening))
      continue;
    int has_prev = k > 0 && !(w[k - 1].flags & VC_WF_PARA);
    int has_next = k + 1 < n && !(w[k].flags & VC_WF_PARA);
    if (has_prev && !(opening && has_next)) {
      w[k].flags |= VC_WF_GLUE_PREV | (w[k - 1].flags & (VC_WF_SENT | VC_WF_CLAUSE));
      w[k].flags &= ~(unsigned)(VC_WF_BADEND | VC_WF_CAP | VC_WF_CAPSTART | VC_WF_LEAD);
    } else if (has_next) {
      w[k].flags |= VC_WF_GLUE_NEXT;
    }
  }
}

/* Binds the words of each sound note together and to the speech they are shown with:
 * the word before the note (in any paragraph of the turn), or the word after it when the
 * note opens the turn. A note is no part of a name or a clause. */
static void mark_notes(vc_cw *w, size_t n) {
  unsigned word_only = VC_WF_BADEND | VC_WF_CAP | VC_WF_CAPSTART | VC_WF_LEAD;
  for (size_t a = 0; a < n;) {
    if (!(w[a].flags & VC_WF_NOTE)) {
      a++;
      continue;
    }
    size_t b = a;
    while (b < n && (w[b].flags & VC_WF_NOTE))
      w[b++].flags &= ~word_only;
    for (size_t k = a + 1; k < b; k++)
      w[k].flags |= VC_WF_GLUE_PREV;
    if (a > 0)
      w[a].flags |= VC_WF_GLUE_PREV;
    else if (b < n)
      w[b - 1].flags |= VC_WF_GLUE_NEXT;
    a = b;
  }
}

/* The caption form of a word of a sound note ("(APPLAUSE)" -> "[applause]"); replaces
 * w->text. */
static vc_status note_text(vc_cw *w) {
  char *shown = malloc(w->len * 2 + 8);
  if (!shown)
    return VC_ERR_NOMEM;
  w->len = vc_note_caption(w->text, w->len, shown, w->len * 2 + 8);
  free(w->text);
  w->text = shown;
  w->chars = vc_cap_chars(shown, w->len);
  return VC_OK;
}

/* Where a sound note starting in turn text t[sb..eb) (after opening quotes) ends, or 0. */
static size_t note_starting(const vc_turn *t, size_t sb, size_t eb) {
  for (size_t p = sb; p < eb; p++) {
    size_t end = vc_note_end(t->text, t->text_len, p);
    if (end)
      return end;
    if (t->text[p] != '"' && t->text[p] != '\'')
      break;
  }
  return 0;
}

static void free_words(vc_cw *w, size_t n) {
  for (size_t i = 0; w && i < n; i++)
    free(w[i].text);
  free(w);
}

/* Collects the words of one turn (timeline words [first, last)), dropping words that
 * show nothing. */
static vc_status load_words(const vc_turn *t, const vc_timeline *tl, size_t first,
                            size_t last, const unsigned char *paused, vc_cw **out,
                            size_t *n_out) {
  vc_cw *w = calloc(last - first, sizeof *w);
  size_t n = 0, note_until = 0;
  if (!w)
    return VC_ERR_NOMEM;
  for (size_t k = first; k < last; k++) {
    const vc_word *tw = &tl->words[k];
    if (tw->start_byte > tw->end_byte || tw->end_byte > t->text_len) {
      free_words(w, n);
      return VC_ERR_ARG;
    }
    if (tw->start_byte >= note_until) {
      size_t end = note_starting(t, tw->start_byte, tw->end_byte);
      note_until = end ? end : note_until;
    }
    const char *s = t->text + tw->start_byte;
    size_t len = 0;
    char *text = clean_copy(s, tw->end_byte - tw->start_byte, &len);
    if (!text) {
      free_words(w, n);
      return VC_ERR_NOMEM;
    }
    unsigned pause = paused && paused[k] ? VC_WF_PAUSE : 0u;
    if (vc_cap_chars(text, len) == 0) { /* nothing visible: "", U+200B... */
      free(text);
      if (n > 0 && tw->paragraph_end)
        w[n - 1].flags |= VC_WF_PARA | VC_WF_SENT;
      if (n > 0)
        w[n - 1].flags |= pause;
      continue;
    }
    w[n] = (vc_cw){.text = text,
                   .len = len,
                   .chars = vc_cap_chars(text, len),
                   .index = k,
                   .start = vc_cap_ms(tw->start, tl->sample_rate, 0),
                   .end = vc_cap_ms(tw->end, tl->sample_rate, 1),
                   .held = vc_cap_ms(tw->held, tl->sample_rate, 0),
                   .flags = word_flags(tw, text, len) | pause};
    if (tw->start_byte < note_until) {
      w[n].flags |= VC_WF_NOTE;
      if (note_text(&w[n]) != VC_OK) {
        free_words(w, n + 1);
        return VC_ERR_NOMEM;
      }
    }
    n++;
  }
  mark_glue(w, n);
  mark_notes(w, n);
  vc_status st = vc_cues_split_long(&w, &n);
  if (st != VC_OK) {
    free_words(w, n);
    return st;
  }
  *out = w;
  *n_out = n;
  return VC_OK;
}

static vc_status push_cue(vc_cues *c, size_t *cap) {
  if (c->n == *cap) {
    size_t nc = *cap ? *cap * 2 : 16;
    if (nc > SIZE_MAX / sizeof *c->cues)
      return VC_ERR_LIMIT;
    vc_cue *p = realloc(c->cues, nc * sizeof *p);
    if (!p)
      return VC_ERR_NOMEM;
    c->cues = p;
    *cap = nc;
  }
  memset(&c->cues[c->n], 0, sizeof c->cues[c->n]);
  c->n++;
  return VC_OK;
}

/* Fills the text of cue `q` from words [i, j) of the segment with the chosen layout. */
static vc_status fill_cue(vc_cue *q, const vc_cue_turn *s, const char *label, size_t i,
                          size_t j, vc_layout lay) {
  int lab = label && i == 0;
  vc_sbuf b[VC_CUE_MAX_LINES] = {{0}};
  size_t line = 0, tok = 0;
  q->word_ms = calloc(j - i, sizeof *q->word_ms);
  if (!q->word_ms)
    return VC_ERR_NOMEM;
  if (lab) {
    vc_sbuf_adds(&b[0], label);
    q->first_of_turn = 1;
    q->label_chars = s->label_chars + (lay.split != 1);
    q->label_len = strlen(label) + (lay.split != 1);
    tok = 1;
    if (lay.split == 1)
      line = 1;
  }
  size_t shown = 0; /* space-separated words shown: a piece joined to another is not one */
  for (size_t k = i; k < j; k++, tok++) {
    if (lay.split && tok == lay.split)
      line = 1;
    int joined = (s->w[k].flags & VC_WF_JOIN) && q->line_words[line] > 0;
    if ((s->w[k].flags & VC_WF_JOIN) && q->line_words[line] == 0)
      q->cont[line] = 1;
    if (b[line].len && !joined)
      vc_sbuf_addc(&b[line], ' ');
    vc_sbuf_add(&b[line], s->w[k].text, s->w[k].len);
    if (!joined) {
      q->line_words[line]++;
      q->word_ms[shown++] = s->w[k].start;
    }
  }
  q->n_lines = line + 1;
  vc_status st = VC_OK;
  for (size_t l = 0; l < q->n_lines; l++) {
    q->lines[l] = vc_sbuf_take(&b[l]);
    if (!q->lines[l])
      st = VC_ERR_NOMEM;
  }
  return st;
}

/* The label of a speaker, shortened to at most VC_MAX_LABEL_CHARS characters by dropping
 * leading words ("DR JANE DOE-SMITH:" -> "DOE-SMITH:") and then cutting with an
 * ellipsis. Caller frees; NULL on ENOMEM. */
static char *turn_label(const char *name) {
  char *full = vc_cap_label(name);
  if (!full)
    return NULL;
  const char *p = full;
  size_t n = strlen(p);
  while (vc_cap_chars(p, n) > VC_MAX_LABEL_CHARS && strchr(p, ' ')) {
    p = strchr(p, ' ') + 1;
    n = strlen(p);
  }
  vc_sbuf b = {0};
  if (vc_cap_chars(p, n) <= VC_MAX_LABEL_CHARS) {
    vc_sbuf_add(&b, p, n);
  } else {
    size_t i = 0, kept = 0;
    while (i < n && kept + 2 < VC_MAX_LABEL_CHARS) {
      size_t at = i;
      vc_utf8_next(p, n, &i);
      vc_sbuf_add(&b, p + at, i - at);
      kept = vc_cap_chars(b.s, b.len);
    }
    vc_sbuf_adds(&b, "\xE2\x80\xA6:");
  }
  free(full);
  return vc_sbuf_take(&b);
}

/* The words of every turn, and one segment per turn. */
typedef struct vc_doc_words {
  vc_cw **w; /* per run of one turn's timeline words */
  size_t *n;
  char **label;
  size_t n_runs;
  vc_cue_turn *segs;
  size_t n_segs;
} vc_doc_words;

static void doc_words_free(vc_doc_words *d) {
  for (size_t r = 0; r < d->n_runs; r++) {
    free_words(d->w[r], d->n[r]);
    free(d->label[r]);
  }
  free(d->w);
  free(d->n);
  free(d->label);
  free(d->segs);
}

/* Number of runs of consecutive timeline words with one turn. */
static size_t count_runs(const vc_timeline *tl) {
  size_t runs = 0;
  for (size_t k = 0; k < tl->n_words; k++)
    runs += k == 0 || tl->words[k].turn != tl->words[k - 1].turn;
  return runs;
}

/* Loads run r (timeline words [first, last) of one turn) and its label. */
static vc_status load_run(vc_doc_words *d, size_t r, const vc_script *script,
                          const vc_timeline *tl, size_t first, size_t last,
                          const unsigned char *paused) {
  size_t turn = tl->words[first].turn;
  if (turn >= script->n_turns)
    return VC_ERR_ARG;
  const vc_turn *t = &script->turns[turn];
  d->label[r] = turn_label(vc_cap_name(script, t->speaker));
  if (!d->label[r])
    return VC_ERR_NOMEM;
  return load_words(t, tl, first, last, paused, &d->w[r], &d->n[r]);
}

/* Makes run r (one turn's words) a segment. */
static void add_segment(vc_doc_words *d, size_t r, size_t turn) {
  /* no label for a speaker without a name */
  const char *label = strcmp(d->label[r], ":") != 0 ? d->label[r] : NULL;
  size_t notes = 0;
  for (size_t k = 0; k < d->n[r]; k++)
    notes += (d->w[r][k].flags & VC_WF_NOTE) != 0;
  if (notes == d->n[r]) /* nothing spoken ("[applause]" alone): the transcript has it */
    return;
  d->segs[d->n_segs++] =
      (vc_cue_turn){.w = d->w[r],
                    .n = d->n[r],
                    .label = label,
                    .label_chars = label ? vc_cap_chars(label, strlen(label)) : 0,
                    .turn = turn};
}

/* Which timeline words a pause for reading follows (NULL when there are no pauses). */
static vc_status paused_words(const vc_timeline *tl, unsigned char **out) {
  *out = NULL;
  if (tl->n_pauses == 0 || tl->n_words == 0)
    return VC_OK;
  unsigned char *p = calloc(tl->n_words, 1);
  if (!p)
    return VC_ERR_NOMEM;
  for (size_t k = 0; k < tl->n_pauses; k++) {
    size_t next = vc_timeline_pause_word(tl, k);
    if (next > 0)
      p[next - 1] = 1;
  }
  *out = p;
  return VC_OK;
}

/* Loads every turn's words as a segment, each knowing what follows it. */
static vc_status load_doc(vc_doc_words *d, const vc_script *script, const vc_timeline *tl,
                          int64_t audio_end) {
  size_t runs = count_runs(tl);
  d->w = calloc(runs ? runs : 1, sizeof *d->w);
  d->n = calloc(runs ? runs : 1, sizeof *d->n);
  d->label = calloc(runs ? runs : 1, sizeof *d->label);
  d->segs = calloc(tl->n_words ? tl->n_words : 1, sizeof *d->segs);
  if (!d->w || !d->n || !d->label || !d->segs)
    return VC_ERR_NOMEM;
  unsigned char *paused = NULL;
  vc_status st = paused_words(tl, &paused);
  for (size_t first = 0, k = 1; st == VC_OK && k <= tl->n_words; k++) {
    if (k < tl->n_words && tl->words[k].turn == tl->words[first].turn)
      continue;
    size_t r = d->n_runs++;
    st = load_run(d, r, script, tl, first, k, paused);
    if (st == VC_OK)
      add_segment(d, r, tl->words[first].turn);
    first = k;
  }
  free(paused);
  if (st != VC_OK)
    return st;
  for (size_t k = 0; k < d->n_segs; k++) {
    d->segs[k].last = k + 1 == d->n_segs;
    d->segs[k].next_ms = d->segs[k].last ? audio_end : d->segs[k + 1].w[0].start;
    d->segs[k].prev_ms = k ? d->segs[k - 1].w[d->segs[k - 1].n - 1].end : -1;
  }
  return VC_OK;
}

/* Appends the planned cue p. */
static vc_status emit_cue(vc_cues *c, size_t *cap, const vc_script *script,
                          const vc_cue_turn *segs, const vc_plan *p) {
  const vc_cue_turn *s = &segs[p->seg];
  vc_status st = push_cue(c, cap);
  if (st != VC_OK)
    return st;
  vc_cue *q = &c->cues[c->n - 1];
  q->start_ms = p->in_ms;
  q->end_ms = p->out_ms;
  q->speech_end_ms = s->w[p->j - 1].end;
  q->speaker = script->turns[s->turn].speaker;
  q->turn = s->turn;
  q->word_first = s->w[p->i].index;
  q->word_count = s->w[p->j - 1].index + 1 - s->w[p->i].index;
  return fill_cue(q, s, s->label, p->i, p->j, p->lay);
}

/* Where two words share one instant, a cue may end 1 ms after the next one's in-time
 * (a cue lasts at least 1 ms): that in-time moves to its end. */
static void separate_cues(vc_cues *c) {
  for (size_t k = 0; k + 1 < c->n; k++)
    if (c->cues[k + 1].start_ms < c->cues[k].end_ms)
      c->cues[k + 1].start_ms = c->cues[k].end_ms;
}

/* The pauses plan[0..n) asks for, in order; NULL with *n_out 0 when none. */
static vc_status plan_pauses(const vc_plan *plan, size_t n, const vc_cue_turn *segs,
                             vc_cue_pause **out, size_t *n_out) {
  size_t k = 0;
  for (size_t p = 0; p < n; p++)
    k += (plan[p].pre_ms > 0) + (plan[p].pause_ms > 0);
  *out = NULL;
  *n_out = 0;
  if (k == 0)
    return VC_OK;
  vc_cue_pause *list = calloc(k, sizeof *list);
  if (!list)
    return VC_ERR_NOMEM;
  for (size_t p = 0; p < n; p++) {
    const vc_plan *q = &plan[p];
    const vc_cue_turn *s = &segs[q->seg];
    if (q->pre_ms > 0)
      list[(*n_out)++] = (vc_cue_pause){s->w[q->i].index, q->pre_ms};
    if (q->pause_ms <= 0)
      continue;
    /* the next word: this segment's or the next's */
    size_t word = q->j < s->n ? s->w[q->j].index : segs[q->seg + 1].w[0].index;
    list[(*n_out)++] = (vc_cue_pause){word, q->pause_ms};
  }
  *out = list;
  return VC_OK;
}

/* Builds the cues planned in `mode`; in VC_PLAN_PAUSE only when no new pause is needed
 * (*pauses lists them). */
static vc_status build(const vc_script *script, const vc_timeline *tl, int mode,
                       vc_cues **out, vc_cue_pause **pauses, size_t *n_pauses) {
  if (!script || !tl || !out)
    return VC_ERR_ARG;
  *out = NULL;
  vc_doc_words d = {0};
  vc_plan *plan = NULL;
  size_t n_plan = 0, cap = 0;
  int64_t audio_end =
      tl->n_samples ? vc_cap_ms(tl->n_samples, tl->sample_rate, 0) : INT64_MAX / 2;
  vc_cues *c = calloc(1, sizeof *c);
  vc_status st = c ? load_doc(&d, script, tl, audio_end) : VC_ERR_NOMEM;
  if (st == VC_OK)
    st = vc_cues_plan(d.segs, d.n_segs, mode, &plan, &n_plan);
  if (st == VC_OK && mode == VC_PLAN_PAUSE)
    st = plan_pauses(plan, n_plan, d.segs, pauses, n_pauses);
  int wait = mode == VC_PLAN_PAUSE && *n_pauses > 0; /* cues come once they are in */
  for (size_t k = 0; st == VC_OK && !wait && k < n_plan; k++)
    st = emit_cue(c, &cap, script, d.segs, &plan[k]);
  free(plan);
  doc_words_free(&d);
  if (st != VC_OK || wait) {
    vc_cues_free(c);
    return st;
  }
  separate_cues(c);
  *out = c;
  return VC_OK;
}

vc_status vc_cues_build(const vc_script *script, const vc_timeline *tl, vc_cues **out) {
  return build(script, tl, VC_PLAN_PLAIN, out, NULL, NULL);
}

vc_status vc_cues_build_paused(const vc_script *script, const vc_timeline *tl,
                               int new_pauses, vc_cues **out, vc_cue_pause **pauses,
                               size_t *n_pauses) {
  if (!pauses || !n_pauses)
    return VC_ERR_ARG;
  *pauses = NULL;
  *n_pauses = 0;
  return build(script, tl, new_pauses ? VC_PLAN_PAUSE : VC_PLAN_LEAD, out, pauses,
               n_pauses);
}

void vc_cues_free(vc_cues *c) {
  if (!c)
    return;
  for (size_t k = 0; k < c->n; k++) {
    for (size_t l = 0; l < VC_CUE_MAX_LINES; l++)
      free(c->cues[k].lines[l]);
    free(c->cues[k].word_ms);
  }
  free(c->cues);
  free(c);
}
