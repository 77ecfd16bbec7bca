/* Cue building: timeline words -> caption cues (chunking, line breaks, times). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "captext.h"
#include "cuewords.h"
#include "voicecap/cues.h"

/* Timing rules (CAPTIONS.md), in milliseconds. */
enum {
  VC_MIN_CUE_MS = 833,
  VC_MAX_CUE_MS = 7000,
  VC_MAX_TAIL_MS = 500, /* out-time at most this long after the last word */
  VC_SMALL_GAP_MS = 84, /* gaps up to this are "no gap" */
  VC_REAL_GAP_MS = 500, /* gaps below this (and above the small one) are closed */
  VC_MAX_CPS = 20,
  VC_MAX_LABEL_CHARS = 32 /* longer names lose leading words: "NAME:" must leave room */
};

/* Word flags the chunker reads. */
enum { WF_SENT = 1, WF_CLAUSE = 2, WF_BADEND = 4, WF_CAP = 8, WF_PARA = 16, WF_LEAD = 32 };

/* Costs of the chunker's choices: lower is better. A cue boundary or a line break after
 * a sentence costs nothing; after clause punctuation little; elsewhere more; ending a
 * line on a function word or between two capitalised words (a name) much more. */
enum {
  COST_CUE = 40,
  COST_CUT_CLAUSE = 25,
  COST_CUT_PLAIN = 80,
  COST_LINE_CLAUSE = 4,
  COST_LINE_PLAIN = 15,
  COST_LEAD_BONUS = 25, /* off a plain cut before a conjunction or preposition (Netflix) */
  COST_LINE_LABEL = 150,
  COST_BADEND = 150,
  COST_NAME = 100,
  COST_MIDSENT = 12,
  COST_SPILL = 30, /* a cue ends one sentence and starts another it does not finish */
  COST_RATE = 6,
  COST_SHORT = 60, /* a cue that cannot stay up 0.833 s, plus 1 per 10 ms missing */
  COST_OVERFLOW = 1000
};
#define COST_INF (INT64_MAX / 4)

/* One word as the chunker sees it. */
typedef struct cw {
  char *text; /* shown text (controls removed); owned */
  size_t len, chars, index;
  int64_t start, end; /* ms: first sample rounded down, end rounded up */
  unsigned flags;
} cw;

/* A run of words that no cue crosses: one paragraph of one turn. */
typedef struct seg {
  const cw *w;
  size_t n;
  size_t label_chars; /* 0 when the segment starts without a label */
} seg;

typedef struct layout {
  int64_t cost;
  size_t split; /* tokens on the first line (label counted), 0 for one line */
} layout;

static int is_clause_cp(int32_t cp) {
  return cp == ',' || cp == ';' || cp == ':' || cp == 0x2014 || cp == 0x2013 ||
         cp == 0x2026;
}

static int is_closing_cp(int32_t cp) {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019;
}

static int is_opening_cp(int32_t cp) {
  return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == 0x201C || cp == 0x2018;
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

static int starts_capitalised(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    int32_t cp = vc_utf8_next(s, n, &i);
    if (is_opening_cp(cp))
      continue;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
  }
  return 0;
}

static unsigned word_flags(const vc_word *tw, const char *s, size_t n) {
  unsigned f = 0;
  int32_t last = last_significant_cp(s, n);
  utf8proc_category_t lc = last >= 0 ? utf8proc_category(last) : UTF8PROC_CATEGORY_CN;
  int punct_end = lc >= UTF8PROC_CATEGORY_PC && lc <= UTF8PROC_CATEGORY_PO;
  if (tw->sentence_end || tw->paragraph_end)
    f |= WF_SENT;
  if (tw->paragraph_end)
    f |= WF_PARA;
  if (is_clause_cp(last) || (last == '-' && n == 1))
    f |= WF_CLAUSE;
  vc_wclass cls = vc_word_class(s, n);
  if (!punct_end && cls != VC_WC_NONE)
    f |= WF_BADEND;
  if (cls == VC_WC_CONJUNCTION || cls == VC_WC_PREPOSITION)
    f |= WF_LEAD;
  if (!punct_end && starts_capitalised(s, n))
    f |= WF_CAP;
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

static void free_words(cw *w, size_t n) {
  for (size_t i = 0; w && i < n; i++)
    free(w[i].text);
  free(w);
}

/* Collects the words of one turn (timeline words [first, last)), dropping words that
 * show nothing. */
static vc_status load_words(const vc_turn *t, const vc_timeline *tl, size_t first,
                            size_t last, cw **out, size_t *n_out) {
  cw *w = calloc(last - first, sizeof *w);
  size_t n = 0;
  if (!w)
    return VC_ERR_NOMEM;
  for (size_t k = first; k < last; k++) {
    const vc_word *tw = &tl->words[k];
    if (tw->start_byte > tw->end_byte || tw->end_byte > t->text_len) {
      free_words(w, n);
      return VC_ERR_ARG;
    }
    const char *s = t->text + tw->start_byte;
    size_t len = 0;
    char *text = clean_copy(s, tw->end_byte - tw->start_byte, &len);
    if (!text) {
      free_words(w, n);
      return VC_ERR_NOMEM;
    }
    if (len == 0) {
      free(text);
      if (n > 0 && tw->paragraph_end)
        w[n - 1].flags |= WF_PARA | WF_SENT;
      continue;
    }
    w[n] = (cw){.text = text,
                .len = len,
                .chars = vc_cap_chars(text, len),
                .index = k,
                .start = vc_cap_ms(tw->start, tl->sample_rate, 0),
                .end = vc_cap_ms(tw->end, tl->sample_rate, 1),
                .flags = word_flags(tw, text, len)};
    n++;
  }
  *out = w;
  *n_out = n;
  return VC_OK;
}

/* Cost of ending a line (line = 1) or a cue (line = 0) after word a, before word b. */
static int64_t cut_cost(const cw *a, const cw *b, int line) {
  int64_t c;
  if (a->flags & WF_SENT)
    c = 0;
  else if (a->flags & WF_CLAUSE)
    c = line ? COST_LINE_CLAUSE : COST_CUT_CLAUSE;
  else if (b && (b->flags & WF_LEAD))
    c = line ? COST_LINE_PLAIN / 2 : COST_CUT_PLAIN - COST_LEAD_BONUS;
  else
    c = line ? COST_LINE_PLAIN : COST_CUT_PLAIN;
  if (a->flags & WF_BADEND)
    c += COST_BADEND;
  if (b && (a->flags & WF_CAP) && (b->flags & WF_CAP) && !(a->flags & WF_SENT))
    c += COST_NAME;
  return c;
}

/* Width of tokens [0, k) of a cue: the label (if any) then words i... */
static size_t token_chars(const seg *s, size_t i, size_t t) {
  if (s->label_chars && i == 0) {
    if (t == 0)
      return s->label_chars;
    t--;
  }
  return s->w[i + t].chars;
}

/* Best way to lay out words [i, j) on at most two lines. */
static layout best_layout(const seg *s, size_t i, size_t j) {
  int lab = s->label_chars && i == 0;
  size_t m = j - i + (size_t)lab, total = m - 1;
  for (size_t t = 0; t < m; t++)
    total += token_chars(s, i, t);
  if (total <= VC_CUE_MAX_CHARS)
    return (layout){0, 0};
  layout best = {COST_INF, 0};
  size_t l1 = 0;
  for (size_t k = 1; k < m; k++) {
    l1 += token_chars(s, i, k - 1) + (k > 1);
    size_t l2 = total - l1 - 1;
    if (l1 > VC_CUE_MAX_CHARS || l2 > VC_CUE_MAX_CHARS)
      continue;
    int64_t c = (int64_t)(l1 > l2 ? l1 - l2 : l2 - l1);
    if (lab && k == 1)
      c += COST_LINE_LABEL;
    else
      c += cut_cost(&s->w[i + k - 1 - (size_t)lab], &s->w[i + k - (size_t)lab], 1);
    if (c < best.cost)
      best = (layout){c, k};
  }
  if (best.cost == COST_INF && j - i == 1) /* one word too long for a line */
    best = (layout){COST_OVERFLOW, lab ? 1 : 0};
  return best;
}

/* Characters shown by words [i, j) and the label. */
static size_t cue_chars(const seg *s, size_t i, size_t j) {
  size_t c = (s->label_chars && i == 0) ? s->label_chars + 1 : 0;
  for (size_t k = i; k < j; k++)
    c += s->w[k].chars + (k > i);
  return c;
}

/* Penalty for text that cannot be read at VC_MAX_CPS in the time the cue can stay up, and
 * for a cue that cannot stay up the minimum time before the next word (the last cue of a
 * segment is exempt: a pause follows it). */
static int64_t rate_cost(const seg *s, size_t i, size_t j, size_t chars) {
  int64_t span = s->w[j - 1].end - s->w[i].start;
  int64_t tail = j < s->n ? s->w[j].start - s->w[j - 1].end : VC_MAX_TAIL_MS;
  if (tail > VC_MAX_TAIL_MS)
    tail = VC_MAX_TAIL_MS;
  int64_t avail = span + (tail > 0 ? tail : 0);
  int64_t readable = avail * VC_MAX_CPS / 1000;
  int64_t c = (int64_t)chars > readable ? ((int64_t)chars - readable) * COST_RATE : 0;
  if (avail < VC_MIN_CUE_MS && j < s->n)
    c += COST_SHORT + (VC_MIN_CUE_MS - avail) / 10;
  return c;
}

/* Cost of one cue made of words [i, j) of the segment, or COST_INF if it cannot be. The
 * speech of a cue of several words lasts at most 7 s less the 0.5 s tail, so that its
 * out-time can always keep both the 7 s limit and the gap rule. */
static int64_t cue_cost(const seg *s, size_t i, size_t j, layout *lay) {
  if (j - i > 1 && s->w[j - 1].end - s->w[i].start > VC_MAX_CUE_MS - VC_MAX_TAIL_MS)
    return COST_INF;
  *lay = best_layout(s, i, j);
  if (lay->cost >= COST_INF)
    return COST_INF;
  int64_t c = COST_CUE + lay->cost;
  if (j < s->n)
    c += cut_cost(&s->w[j - 1], &s->w[j], 0);
  size_t lab = s->label_chars && i == 0;
  int inner_end = 0;
  for (size_t k = i; k + 1 < j; k++) {
    if (!(s->w[k].flags & WF_SENT))
      continue;
    inner_end = 1;
    if (!(lay->split && k + 1 == i + lay->split - lab))
      c += COST_MIDSENT;
  }
  if (inner_end && j < s->n && !(s->w[j - 1].flags & WF_SENT))
    c += COST_SPILL;
  return c + rate_cost(s, i, j, cue_chars(s, i, j));
}

/* Chooses the cue boundaries of a segment: prev[j] is where the cue ending at j starts. */
static vc_status chunk(const seg *s, size_t *prev) {
  int64_t *best = calloc(s->n + 1, sizeof *best); /* calloc checks the product */
  if (!best)
    return VC_ERR_NOMEM;
  best[0] = 0;
  for (size_t j = 1; j <= s->n; j++) {
    best[j] = COST_INF;
    prev[j] = j - 1;
    size_t text = 0;
    for (size_t i = j; i-- > 0;) {
      text += s->w[i].chars + (i + 1 < j);
      if (j - i > 1 && text > 2 * VC_CUE_MAX_CHARS + 1)
        break;
      layout lay;
      int64_t c = cue_cost(s, i, j, &lay);
      if (c < COST_INF && best[i] + c < best[j]) {
        best[j] = best[i] + c;
        prev[j] = i;
      }
    }
    if (best[j] >= COST_INF) /* cannot happen: a one-word cue always fits */
      best[j] = best[j - 1] + COST_OVERFLOW;
  }
  free(best);
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
static vc_status fill_cue(vc_cue *q, const seg *s, const char *label, size_t i, size_t j,
                          layout lay) {
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
  for (size_t k = i; k < j; k++, tok++) {
    if (lay.split && tok == lay.split)
      line = 1;
    if (b[line].len)
      vc_sbuf_addc(&b[line], ' ');
    vc_sbuf_add(&b[line], s->w[k].text, s->w[k].len);
    q->line_words[line]++;
    q->word_ms[k - i] = s->w[k].start;
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

/* Chunks one segment and appends its cues, timed from their words (time_cues then sets
 * the out-times). */
static vc_status cue_segment(vc_cues *c, size_t *cap, const seg *s, const char *label,
                             const vc_turn *t, size_t turn) {
  size_t *prev = calloc(s->n + 1, sizeof *prev);
  size_t *cuts = calloc(s->n + 1, sizeof *cuts);
  vc_status st = prev && cuts ? chunk(s, prev) : VC_ERR_NOMEM;
  size_t n_cuts = 0;
  for (size_t j = s->n; st == VC_OK && j > 0; j = prev[j])
    cuts[n_cuts++] = j;
  for (size_t k = n_cuts; st == VC_OK && k-- > 0;) {
    size_t j = cuts[k], i = k + 1 < n_cuts ? cuts[k + 1] : 0;
    layout lay;
    cue_cost(s, i, j, &lay);
    st = push_cue(c, cap);
    if (st != VC_OK)
      break;
    vc_cue *q = &c->cues[c->n - 1];
    q->start_ms = s->w[i].start;
    q->end_ms = s->w[j - 1].end; /* speech end; time_cues sets the out-time */
    q->speech_end_ms = s->w[j - 1].end;
    q->speaker = t->speaker;
    q->turn = turn;
    q->word_first = s->w[i].index;
    q->word_count = s->w[j - 1].index + 1 - s->w[i].index;
    st = fill_cue(q, s, label, i, j, lay);
  }
  free(prev);
  free(cuts);
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

/* Cuts a turn's words at paragraph ends and chunks each paragraph. */
static vc_status cue_turn(vc_cues *c, size_t *cap, const vc_script *script,
                          const vc_timeline *tl, size_t turn, size_t first, size_t last) {
  const vc_turn *t = &script->turns[turn];
  cw *w = NULL;
  size_t n = 0;
  char *label = turn_label(vc_cap_name(script, t->speaker));
  vc_status st = label ? load_words(t, tl, first, last, &w, &n) : VC_ERR_NOMEM;
  /* no label for a speaker without a name */
  const char *shown = label && strcmp(label, ":") != 0 ? label : NULL;
  size_t a = 0;
  for (size_t k = 0; st == VC_OK && k < n; k++) {
    if (!(w[k].flags & WF_PARA) && k + 1 < n)
      continue;
    const char *l = a == 0 ? shown : NULL;
    seg s = {w + a, k + 1 - a, l ? vc_cap_chars(l, strlen(l)) : 0};
    st = cue_segment(c, cap, &s, l, t, turn);
    a = k + 1;
  }
  free_words(w, n);
  free(label);
  return st;
}

static size_t cue_text_chars(const vc_cue *q) {
  size_t c = 0;
  for (size_t l = 0; l < q->n_lines; l++)
    c += vc_cap_chars(q->lines[l], strlen(q->lines[l]));
  return c;
}

/* Out-time of a cue whose speech ends at q->end_ms, given the next in-time `next`.
 * Precedence when the rules collide: no overlap; then the minimum duration (a short word
 * may stay up longer than 0.5 s after it ends); then closing a gap under 500 ms by
 * extending the cue to the next one (BBC/Netflix chaining, even past the 0.5 s tail);
 * then the 0.5 s tail. Reading time only ever extends a cue within those bounds. */
static int64_t out_time(const vc_cue *q, int64_t next, int has_next) {
  int64_t in = q->start_ms, speech = q->end_ms;
  int64_t need = ((int64_t)cue_text_chars(q) * 1000 + VC_MAX_CPS - 1) / VC_MAX_CPS;
  int64_t floor = speech > in + VC_MIN_CUE_MS ? speech : in + VC_MIN_CUE_MS;
  int64_t cap = speech + VC_MAX_TAIL_MS > floor ? speech + VC_MAX_TAIL_MS : floor;
  if (in + VC_MAX_CUE_MS >= speech && in + VC_MAX_CUE_MS < cap)
    cap = in + VC_MAX_CUE_MS;
  if (next < cap)
    cap = next;
  int64_t out = in + need > floor ? in + need : floor;
  if (out > cap)
    out = cap;
  int64_t gap = next - out;
  if (has_next && gap > VC_SMALL_GAP_MS && gap < VC_REAL_GAP_MS) {
    /* A single word can speak longer than a cue may last: then chaining wins. */
    if (next - in <= VC_MAX_CUE_MS || speech - in > VC_MAX_CUE_MS - VC_MAX_TAIL_MS)
      out = next;
    else if (next - VC_REAL_GAP_MS >= speech)
      out = next - VC_REAL_GAP_MS;
  }
  return out > in ? out : in + 1;
}

/* Sets every out-time (CAPTIONS.md): minimum duration and reading time within 0.5 s of
 * the last word, never over the next cue, and no gap between 84 and 500 ms. */
static void time_cues(vc_cues *c, int64_t audio_end) {
  for (size_t k = 0; k < c->n; k++) {
    vc_cue *q = &c->cues[k];
    int has_next = k + 1 < c->n;
    int64_t next = has_next ? c->cues[k + 1].start_ms : audio_end;
    if (!has_next && next < q->end_ms + VC_MAX_TAIL_MS)
      next = next > q->end_ms ? next : q->end_ms + VC_MAX_TAIL_MS;
    q->end_ms = out_time(q, next, has_next);
    if (has_next && c->cues[k + 1].start_ms < q->end_ms)
      c->cues[k + 1].start_ms = q->end_ms; /* only when two words share one instant */
  }
}

vc_status vc_cues_build(const vc_script *script, const vc_timeline *tl, vc_cues **out) {
  if (!script || !tl || !out)
    return VC_ERR_ARG;
  *out = NULL;
  vc_cues *c = calloc(1, sizeof *c);
  size_t cap = 0;
  vc_status st = c ? VC_OK : VC_ERR_NOMEM;
  size_t first = 0;
  for (size_t k = 1; st == VC_OK && k <= tl->n_words; k++) {
    if (k < tl->n_words && tl->words[k].turn == tl->words[first].turn)
      continue;
    size_t turn = tl->words[first].turn;
    st =
        turn < script->n_turns ? cue_turn(c, &cap, script, tl, turn, first, k) : VC_ERR_ARG;
    first = k;
  }
  if (st != VC_OK) {
    vc_cues_free(c);
    return st;
  }
  int64_t audio_end = vc_cap_ms(tl->n_samples, tl->sample_rate, 0);
  time_cues(c, tl->n_samples ? audio_end : INT64_MAX / 2);
  *out = c;
  return VC_OK;
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
