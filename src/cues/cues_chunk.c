/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cue planning: where cues break, how their lines break, and when they end, chosen per
 * segment by dynamic programming over the rules of docs/captions.md (Lines, Timing, Sync,
 * Reading time). Every cue starts on the first sample of its first word, but a turn's
 * first cue planned with pauses where it needs the time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cues.h"
#include "cues_internal.h"

/* Costs of the chunker's choices: lower is better. A cue boundary or a line break after
 * a sentence costs nothing; after clause punctuation little; elsewhere more; ending a
 * line on a function word or between two capitalised words (a name) much more. Breaking
 * a timing rule costs more than any choice of words can: COST_FAST (reading rate over
 * 20 characters a second, or under 0.833 s) is only paid where the speech leaves no
 * other way (see cue_out). */
enum {
  COST_CUE = 40,
  COST_CUT_CLAUSE = 25,
  COST_CUT_PLAIN = 80,
  COST_LINE_CLAUSE = 4,
  COST_LINE_PLAIN = 15,
  COST_LEAD_BONUS = 25, /* off a plain cut before a conjunction or preposition (Netflix) */
  COST_LINE_LABEL = 150,
  COST_BADEND = 300,
  COST_NAME = 1000,
  COST_MIDSENT = 12,
  COST_SPILL = 30, /* a cue ends one sentence and starts another it does not finish */
  COST_OVERFLOW = 1000,
  COST_LABEL_FAST = 50, /* plus 1 per COST_LABEL_FAST_MS ms (see timing_cost) */
  COST_LABEL_FAST_MS = 5,
  COST_JOIN = 20, /* a line break inside a word cut into pieces, on top of a plain one */
  COST_CUE_JOIN = 5000, /* a cue starting inside such a word: only where time needs it */
  COST_IN_NOTE = 100    /* a line break inside a sound note */
};
static const int64_t COST_FAST = 10000000; /* plus 10000 a ms */
/* Planned with pauses, breaking the reading rate costs more than any number of pauses
 * that could keep it (but still less than a line rule, COST_LINE_RULE). */
static const int64_t COST_FAST_PAUSED = 10000000000; /* plus 10000000 a ms */
/* A pause for reading put into the audio (planned with pauses only): dearer than any
 * choice of words, cheaper than breaking the reading rate, so there are as few as
 * possible, each as short as possible. */
static const int64_t COST_PAUSE = 1000000; /* plus COST_PAUSE_MS a ms */
static const int64_t COST_PAUSE_MS = 1000;
/* A pause where no clause ends ("and played | the show") is heard as a stumble: it costs
 * as much as this many pauses at clause or sentence ends. */
static const int64_t COST_PLAIN_PAUSE = 8;
/* A first cue of a turn shown before its speech begins (planned with pauses only): dearer
 * than any choice of words, cheaper than a pause. */
static const int64_t COST_LEAD = 500000; /* plus COST_LEAD_MS a ms */
static const int64_t COST_LEAD_MS = 500;
/* A cue that goes on past the end of a paragraph (into the next of the same turn): only
 * where the paragraph is too short to be shown alone for 0.833 s. */
static const int64_t COST_PARA = 100000;
static const int64_t COST_GLUE = 1000000000000; /* a cut next to a glued word */
/* A line ending on a function word, or a name split across lines: the checker fails
 * the cue (unlike a cue ending there), so the planner cuts the cue there instead. */
static const int64_t COST_LINE_RULE = 100000000000;
/* A cue with no speech at all (its words take no time): it could only last 1 ms. */
static const int64_t COST_SILENT = 100000000000;
#define COST_INF (INT64_MAX / 4)

/* Cost of ending a line (line = 1) or a cue (line = 0) after word a, before word b. */
static int64_t cut_cost(const vc_cw *a, const vc_cw *b, int line) {
  int64_t c;
  int note = b && ((a->flags | b->flags) & VC_WF_NOTE); /* notes bind cues, not lines */
  if (((a->flags & VC_WF_GLUE_NEXT) || (b && (b->flags & VC_WF_GLUE_PREV))) &&
      !(line && note))
    return COST_GLUE;
  if (a->flags & VC_WF_SENT)
    c = 0;
  else if (a->flags & VC_WF_CLAUSE)
    c = line ? COST_LINE_CLAUSE : COST_CUT_CLAUSE;
  else if (b && (b->flags & VC_WF_LEAD))
    c = line ? COST_LINE_PLAIN / 2 : COST_CUT_PLAIN - COST_LEAD_BONUS;
  else
    c = line ? COST_LINE_PLAIN : COST_CUT_PLAIN;
  if (b && (b->flags & VC_WF_JOIN))
    c += line ? COST_JOIN : COST_CUE_JOIN;
  if (b && (a->flags & b->flags & VC_WF_NOTE) && (b->flags & VC_WF_GLUE_PREV))
    c += COST_IN_NOTE; /* a line break inside "[witness conferring with counsel]" */
  if (a->flags & VC_WF_BADEND)
    c += line ? COST_LINE_RULE : COST_BADEND;
  if (b && (a->flags & VC_WF_CAP) && (b->flags & VC_WF_CAPSTART) &&
      !(a->flags & VC_WF_SENT))
    c += line ? COST_LINE_RULE : COST_NAME;
  return c;
}

/* Width of token t of a cue: the label (if any) then words i... */
static size_t token_chars(const vc_cue_turn *s, size_t i, size_t t) {
  if (s->label_chars && i == 0) {
    if (t == 0)
      return s->label_chars;
    t--;
  }
  return s->w[i + t].chars;
}

/* 1 when token t (t > 0) of a cue follows the one before it after a space (not a later
 * piece of a word cut into pieces). */
static int token_spaced(const vc_cue_turn *s, size_t i, size_t t) {
  if (s->label_chars && i == 0) {
    if (t == 1)
      return 1;
    t--;
  }
  return !(s->w[i + t].flags & VC_WF_JOIN);
}

/* Best way to lay out words [i, j) on at most two lines. */
static vc_layout best_layout(const vc_cue_turn *s, size_t i, size_t j) {
  int lab = s->label_chars && i == 0;
  size_t m = j - i + (size_t)lab, total = 0;
  for (size_t t = 0; t < m; t++)
    total += token_chars(s, i, t) + (t > 0 && token_spaced(s, i, t));
  if (total <= VC_CAP_MAX_CHARS)
    return (vc_layout){0, 0, total};
  vc_layout best = {COST_INF, 0, total};
  size_t l1 = 0;
  for (size_t k = 1; k < m; k++) {
    l1 += token_chars(s, i, k - 1) + (k > 1 && token_spaced(s, i, k - 1));
    size_t gap = token_spaced(s, i, k), l2 = total - l1 - gap;
    if (l1 > VC_CAP_MAX_CHARS || l2 > VC_CAP_MAX_CHARS)
      continue;
    int64_t c = (int64_t)(l1 > l2 ? l1 - l2 : l2 - l1);
    if (lab && k == 1)
      c += COST_LINE_LABEL;
    else
      c += cut_cost(&s->w[i + k - 1 - (size_t)lab], &s->w[i + k - (size_t)lab], 1);
    if (c < best.cost)
      best = (vc_layout){c, k, total - gap}; /* a line break takes a space's place */
  }
  if (best.cost == COST_INF && j - i == 1) /* one word too long for a line */
    best = (vc_layout){COST_OVERFLOW, lab ? 1 : 0, lab ? total - 1 : total};
  return best;
}

/* Earliest out-time of a cue shown from `in` whose speech ends at `end`: after its last
 * word, 0.833 s, and the time to read `chars` characters at 20 a second. */
static int64_t earliest_out(int64_t in, int64_t end, size_t chars) {
  int64_t lo = end > in + VC_CAP_MIN_MS ? end : in + VC_CAP_MIN_MS;
  int64_t read = in + ((int64_t)chars * 1000 + VC_CAP_MAX_CPS - 1) / VC_CAP_MAX_CPS;
  return read > lo ? read : lo;
}

static int64_t min64(int64_t a, int64_t b) {
  return a < b ? a : b;
}

static int64_t max64(int64_t a, int64_t b) {
  return a > b ? a : b;
}

/* The latest out-time the rules allow a cue whose speech ends at `end`, before the next
 * in-time `next` (or the end of the audio): at most 0.5 s after the last word, never over
 * the next cue, and a gap to it of at most 84 ms or at least 500 ms. The planner keeps a
 * cue of several words within 7 s (its speech within 6.5 s); only a single word spoken
 * longer than that can make a longer cue. */
static int64_t latest_out(int64_t end, int64_t next, int has_next) {
  int64_t top = end + VC_CAP_MAX_TAIL_MS;
  if (!has_next) /* the last cue: within the audio, unless its speech reaches the end */
    return min64(top, max64(next, end));
  if (top >= next) /* chained to the next cue */
    return next;
  if (next - top <= VC_CAP_SMALL_GAP_MS) /* two frames or less */
    return top;
  return max64(end, min64(top, next - VC_CAP_REAL_GAP_MS)); /* a real gap */
}

/* Out-time of a cue shown from `in` (its first word's first sample) whose speech ends at
 * `end`, followed by a cue at `next` (has_next) or by the end of the audio at `next`: the
 * latest one the rules allow (latest_out), for the most time to read. *short_ms says by
 * how much the cue falls short of lasting 0.833 s and of `chars` characters at 20 a
 * second (0 when it does not). */
static int64_t cue_out(int64_t in, int64_t end, int64_t next, int has_next, size_t chars,
                       int64_t *short_ms) {
  if (has_next && end > next) /* two words overlap by a rounding: the next one wins */
    end = next;
  int64_t want = earliest_out(in, end, chars), out = latest_out(end, next, has_next);
  *short_ms = want > out ? want - out : 0;
  return out > in ? out : in + 1;
}

/* In-time of the cue after words [.., j): word j's start, or the next segment's. */
static int64_t next_word(const vc_cue_turn *s, size_t j) {
  return j < s->n ? s->w[j].start : s->next_ms;
}

/* Characters of a cue's spoken text: its layout's characters less the speaker label and
 * the space (or line break) after it. */
static size_t spoken_chars(const vc_cue_turn *s, size_t i, const vc_layout *lay) {
  return s->label_chars && i == 0 ? lay->chars - s->label_chars - (lay->split != 1)
                                  : lay->chars;
}

/* Where a pause for reading may follow cue [.., j) of the segment: PAUSE_END when its
 * last word ends a sentence or a clause, PAUSE_PLAIN after another word, PAUSE_NONE when
 * no word follows in this segment or the next, or the next word is glued to it or a
 * piece of the same word. */
enum { PAUSE_NONE, PAUSE_PLAIN, PAUSE_END };
static int pause_fits(const vc_cue_turn *s, size_t j) {
  const vc_cw *a = &s->w[j - 1];
  int end = (a->flags & (VC_WF_SENT | VC_WF_CLAUSE)) ? PAUSE_END : PAUSE_PLAIN;
  if (j == s->n)
    return s->last ? PAUSE_NONE : end;
  if ((s->w[j].flags & VC_WF_JOIN) || cut_cost(a, &s->w[j], 0) >= COST_GLUE)
    return PAUSE_NONE;
  return end;
}

/* The pause before the next in-time `next` that lets a cue shown from `in` whose speech
 * ends at `end` last 0.833 s and be read (`chars` at 20 a second) within 0.5 s of its
 * last word: the shortest that does, and VC_CAP_PAUSE_SPARE_MS more (at most
 * VC_CAP_MAX_PAUSE_MS in all); 0 when none of at most VC_CAP_MAX_PAUSE_MS can. */
static int64_t pause_for(int64_t in, int64_t end, int64_t next, size_t chars) {
  if (end > next)
    end = next;
  int64_t want = earliest_out(in, end, chars);
  if (want > end + VC_CAP_MAX_TAIL_MS || want - next > VC_CAP_MAX_PAUSE_MS)
    return 0;
  return want > next ? min64(want - next + VC_CAP_PAUSE_SPARE_MS, VC_CAP_MAX_PAUSE_MS) : 0;
}

/* The latest in-time, at most VC_CAP_ONSET_MS before the first word's start `start` and
 * at most `want`, that leaves the last cue of the segment before as it is (it may end
 * 0.5 s after its last word at `prev`, then a gap of 84 ms at most or 500 ms at least):
 * `start` when none is. */
static int64_t lead_in(int64_t start, int64_t prev, int64_t want) {
  int64_t lo = max64(start - VC_CAP_ONSET_MS, 0);
  if (want >= start || want < lo)
    return start;
  if (prev < 0)
    return want;
  int64_t top = prev + VC_CAP_MAX_TAIL_MS;
  if (want >= top + VC_CAP_REAL_GAP_MS)
    return want;
  if (want >= top && min64(want, top + VC_CAP_SMALL_GAP_MS) >= lo)
    return min64(want, top + VC_CAP_SMALL_GAP_MS);
  return start;
}

/* The first cue of segment s, `short_ms` short of its time, starts early by that much
 * (*in, from its first word's start) where the silence before the turn allows
 * (lead_in), else where a pause before the turn (*pre_ms, at most VC_CAP_MAX_PAUSE_MS)
 * makes room for it chained to the cue before. Returns the cost: COST_LEAD, and
 * COST_PAUSE for a pause; nothing, *in unchanged, when neither can. */
static int64_t lead_cost(const vc_cue_turn *s, int64_t short_ms, int mode, int64_t *in,
                         int64_t *pre_ms) {
  int64_t start = *in, lead = lead_in(start, s->prev_ms, start - short_ms);
  int64_t c = COST_LEAD + short_ms * COST_LEAD_MS;
  if (lead < start) {
    *in = lead;
    return c;
  }
  int64_t pre = s->prev_ms + VC_CAP_MAX_TAIL_MS + short_ms - start + VC_CAP_PAUSE_SPARE_MS;
  if (mode != VC_PLAN_PAUSE || s->prev_ms < 0 || short_ms > VC_CAP_ONSET_MS || pre <= 0 ||
      pre > VC_CAP_MAX_PAUSE_MS)
    return 0;
  *in = start - short_ms;
  *pre_ms = pre;
  return c + COST_PAUSE + pre * COST_PAUSE_MS;
}

/* Timing cost of cue [i, j) of a segment laid out as `lay`: nothing when it lasts 0.833 s
 * and can be read at 20 characters a second, label included, within the time the rules
 * give it (cue_out). Short of that, COST_LABEL_FAST and a cost per ms when only the
 * label does not fit (the planner then prefers a cue that ends on a pause), and COST_FAST
 * and far more per ms when the spoken text does not: the planner groups words until each
 * cue fits wherever the speech allows. With `pauses`, the first cue of a segment may start
 * early (*in_ms, COST_LEAD; with a pause before it, *pre_ms) and a cue may end on a
 * pause for reading (*pause_ms, COST_PAUSE) instead, where that suffices. */
static int64_t timing_cost(const vc_cue_turn *s, size_t i, size_t j, const vc_layout *lay,
                           int mode, int64_t *in_ms, int64_t *pre_ms, int64_t *pause_ms) {
  int has_next = j < s->n || !s->last;
  int64_t in = s->w[i].start, end = s->w[j - 1].end, next = next_word(s, j), c = 0;
  int64_t short_ms;
  size_t spoken = spoken_chars(s, i, lay);
  *pause_ms = *pre_ms = 0;
  int64_t out = cue_out(in, end, next, has_next, spoken, &short_ms);
  if (short_ms && mode != VC_PLAN_PLAIN && i == 0)
    c += lead_cost(s, short_ms, mode, &in, pre_ms);
  if (in < s->w[i].start)
    out = cue_out(in, end, next, has_next, spoken, &short_ms);
  int fits = short_ms && mode == VC_PLAN_PAUSE ? pause_fits(s, j) : PAUSE_NONE;
  if (fits != PAUSE_NONE && in == s->w[i].start)
    *pause_ms = pause_for(in, end, next, spoken);
  if (*pause_ms) {
    next += *pause_ms;
    c += (COST_PAUSE + *pause_ms * COST_PAUSE_MS) *
         (fits == PAUSE_END ? 1 : COST_PLAIN_PAUSE);
    out = cue_out(in, end, next, has_next, spoken, &short_ms);
  }
  (void)out;
  *in_ms = in + *pre_ms; /* as it will be once the pause before it is in */
  if (short_ms)
    c += mode != VC_PLAN_PLAIN ? COST_FAST_PAUSED + short_ms * 10000000
                               : COST_FAST + short_ms * 10000;
  cue_out(in, end, next, has_next, lay->chars, &short_ms);
  if (short_ms)
    c += COST_LABEL_FAST + short_ms / COST_LABEL_FAST_MS;
  return c;
}

/* Cost of the words of cue [i, j) of the segment (layout, cut, sentences), or COST_INF if
 * it cannot be. The speech of a cue of several words lasts at most 7 s less the 0.5 s
 * tail, so that its out-time can always keep both the 7 s limit and the gap rule. */
static int64_t cue_cost(const vc_cue_turn *s, size_t i, size_t j, vc_layout *lay) {
  *lay = best_layout(s, i, j);
  if (j - i > 1 && s->w[j - 1].end - s->w[i].start > VC_CAP_MAX_MS - VC_CAP_MAX_TAIL_MS)
    return COST_INF;
  if (lay->cost >= COST_INF)
    return COST_INF;
  int64_t c = COST_CUE + lay->cost;
  if (s->w[j - 1].end <= s->w[i].start)
    c += COST_SILENT;
  if (j < s->n)
    c += cut_cost(&s->w[j - 1], &s->w[j], 0);
  size_t lab = s->label_chars && i == 0;
  int inner_end = 0;
  for (size_t k = i; k + 1 < j; k++) {
    if (s->w[k].flags & VC_WF_PAUSE)
      c += COST_PAUSE;
    if (!(s->w[k].flags & VC_WF_SENT))
      continue;
    if (s->w[k].flags & VC_WF_PARA)
      c += COST_PARA;
    inner_end = 1;
    if (!(lay->split && k + 1 == i + lay->split - lab))
      c += COST_MIDSENT;
  }
  if (inner_end && j < s->n && !(s->w[j - 1].flags & VC_WF_SENT))
    c += COST_SPILL;
  return c;
}

/* Plans one segment: the cheapest way to cut its words into cues (cost per row j: all
 * words before j in cues). Every cue starts on its first word (the first may start a
 * little before it, in the silence after the segment before), so a segment's cues
 * depend on the others only through the next segment's first in-time (s->next_ms). */
static vc_status plan_segment(const vc_cue_turn *s, int mode, vc_plan *out, size_t *n_out,
                              size_t seg) {
  int64_t *best = malloc((s->n + 1) * sizeof *best);
  size_t *from = malloc((s->n + 1) * sizeof *from);
  vc_status st = best && from ? VC_OK : VC_ERR_NOMEM;
  for (size_t j = 0; st == VC_OK && j <= s->n; j++) {
    best[j] = j ? COST_INF : 0;
    size_t text = 0;
    for (size_t i = j; i-- > 0;) {
      text += s->w[i].chars + (i + 1 < j && !(s->w[i + 1].flags & VC_WF_JOIN));
      if (j - i > 1 && text > 2 * VC_CAP_MAX_CHARS + 1)
        break;
      vc_layout lay;
      int64_t c = cue_cost(s, i, j, &lay), in, pre, pause;
      if (c >= COST_INF || best[i] >= COST_INF)
        continue;
      c += best[i] + timing_cost(s, i, j, &lay, mode, &in, &pre, &pause);
      if (c < best[j])
        best[j] = c, from[j] = i;
    }
  }
  if (st == VC_OK && best[s->n] >= COST_INF)
    st = VC_ERR_LIMIT; /* cannot happen: a cue of one word always fits */
  if (st == VC_OK) {   /* the cues in order: count them, then fill from the back */
    size_t n = 0, at;
    for (size_t j = s->n; j > 0; j = from[j])
      n++;
    at = *n_out + n;
    for (size_t j = s->n; j > 0; j = from[j]) {
      vc_plan *p = &out[--at];
      int64_t short_ms;
      *p = (vc_plan){seg, from[j], j, 0, 0, 0, 0, best_layout(s, from[j], j)};
      timing_cost(s, p->i, j, &p->lay, mode, &p->in_ms, &p->pre_ms, &p->pause_ms);
      p->out_ms = cue_out(p->in_ms, s->w[j - 1].end, next_word(s, j) + p->pause_ms,
                          j < s->n || !s->last, p->lay.chars, &short_ms);
    }
    *n_out += n;
  }
  free(best);
  free(from);
  return st;
}

vc_status vc_cues_plan(const vc_cue_turn *segs, size_t n_segs, int mode, vc_plan **out,
                       size_t *n_out) {
  *out = NULL;
  *n_out = 0;
  size_t words = 0;
  for (size_t k = 0; k < n_segs; k++) {
    if (segs[k].n == 0)
      return VC_ERR_ARG;
    words += segs[k].n;
  }
  if (words == 0)
    return VC_OK;
  size_t most = 0;
  for (size_t k = 0; k < n_segs; k++)
    most = segs[k].n > most ? segs[k].n : most;
  vc_plan *plan = calloc(words, sizeof *plan); /* calloc checks the product */
  vc_plan *one = calloc(most, sizeof *one);
  vc_status st = plan && one ? VC_OK : VC_ERR_NOMEM;
  size_t at = words; /* segments from the last: plan[at..words) are planned */
  for (size_t k = n_segs; st == VC_OK && k-- > 0;) {
    vc_cue_turn s = segs[k];
    size_t n = 0;
    if (at < words) /* the next segment's first cue may start before its speech */
      s.next_ms = plan[at].in_ms;
    st = plan_segment(&s, mode, one, &n, k);
    at -= n;
    memcpy(&plan[at], one, n * sizeof *one);
  }
  free(one);
  if (st != VC_OK) {
    free(plan);
    return st;
  }
  *n_out = words - at;
  memmove(plan, &plan[at], *n_out * sizeof *plan);
  *out = plan;
  return VC_OK;
}
