/* Cue planning: where cues break, how their lines break, and when they start, chosen at
 * once for all segments by dynamic programming over CAPTIONS.md's rules. */
#include <stdint.h>
#include <stdlib.h>

#include "cues_internal.h"
#include "voicecap/cues.h"

/* Costs of the chunker's choices: lower is better. A cue boundary or a line break after
 * a sentence costs nothing; after clause punctuation little; elsewhere more; ending a
 * line on a function word or between two capitalised words (a name) much more. Breaking
 * a timing rule costs more than any choice of words can: COST_FAST (reading rate over
 * 20 characters a second, or under 0.833 s) is only paid where the speech leaves no
 * other way; COST_TAIL is paid by a cue that must stay up longer than 0.5 s after its
 * last word (to be read, or to close a gap under 0.5 s); leads and lags move an in-time
 * off its word (see vc_cues_plan). */
enum {
  COST_CUE = 40,
  COST_CUT_CLAUSE = 25,
  COST_CUT_PLAIN = 80,
  COST_LINE_CLAUSE = 4,
  COST_LINE_PLAIN = 15,
  COST_LEAD_BONUS = 25, /* off a plain cut before a conjunction or preposition (Netflix) */
  COST_LINE_LABEL = 150,
  COST_BADEND = 300,
  COST_NAME = 100,
  COST_MIDSENT = 12,
  COST_SPILL = 30, /* a cue ends one sentence and starts another it does not finish */
  COST_TAIL = 10,  /* plus 1 per 20 ms past the 0.5 s tail (mostly closing a gap) */
  /* In-time off the first word, 1 per 2 ms early (lead) or 1 per ms late (lag), plus a
   * step past two frames (84 ms), where a viewer can notice: */
  COST_LEAD = 60,
  COST_LAG = 150,
  COST_LAG_SPEAKER = 400, /* more when the cue that holds is another speaker's */
  COST_OVERFLOW = 1000
};
static const int64_t COST_FAST = 10000000;      /* plus 10000 a ms */
static const int64_t COST_GLUE = 1000000000000; /* a cut next to a glued word */
#define COST_INF (INT64_MAX / 4)

/* Cost of ending a line (line = 1) or a cue (line = 0) after word a, before word b. */
static int64_t cut_cost(const vc_cw *a, const vc_cw *b, int line) {
  int64_t c;
  if ((a->flags & VC_WF_GLUE_NEXT) || (b && (b->flags & VC_WF_GLUE_PREV)))
    return COST_GLUE;
  if (a->flags & VC_WF_SENT)
    c = 0;
  else if (a->flags & VC_WF_CLAUSE)
    c = line ? COST_LINE_CLAUSE : COST_CUT_CLAUSE;
  else if (b && (b->flags & VC_WF_LEAD))
    c = line ? COST_LINE_PLAIN / 2 : COST_CUT_PLAIN - COST_LEAD_BONUS;
  else
    c = line ? COST_LINE_PLAIN : COST_CUT_PLAIN;
  if (a->flags & VC_WF_BADEND)
    c += COST_BADEND;
  if (b && (a->flags & VC_WF_CAP) && (b->flags & VC_WF_CAP) && !(a->flags & VC_WF_SENT))
    c += COST_NAME;
  return c;
}

/* Width of tokens [0, k) of a cue: the label (if any) then words i... */
static size_t token_chars(const vc_seg *s, size_t i, size_t t) {
  if (s->label_chars && i == 0) {
    if (t == 0)
      return s->label_chars;
    t--;
  }
  return s->w[i + t].chars;
}

/* Best way to lay out words [i, j) on at most two lines. */
static vc_layout best_layout(const vc_seg *s, size_t i, size_t j) {
  int lab = s->label_chars && i == 0;
  size_t m = j - i + (size_t)lab, total = m - 1;
  for (size_t t = 0; t < m; t++)
    total += token_chars(s, i, t);
  if (total <= VC_CUE_MAX_CHARS)
    return (vc_layout){0, 0, total};
  vc_layout best = {COST_INF, 0, total - 1}; /* the line break takes a space's place */
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
      best.cost = c, best.split = k;
  }
  if (best.cost == COST_INF && j - i == 1) /* one word too long for a line */
    best = (vc_layout){COST_OVERFLOW, lab ? 1 : 0, lab ? total - 1 : total};
  return best;
}

/* Latest out-time at most `top` that keeps the gap rule before an in-time `next` (a gap
 * of 84 to 500 ms is pulled back to 500 ms). */
static int64_t gap_ceiling(int64_t top, int64_t next, int has_next) {
  if (has_next && next - top > VC_SMALL_GAP_MS && next - top < VC_REAL_GAP_MS)
    return next - VC_REAL_GAP_MS;
  return top;
}

int64_t vc_cue_earliest_out(int64_t in, int64_t end, size_t chars) {
  int64_t lo = end > in + VC_MIN_CUE_MS ? end : in + VC_MIN_CUE_MS;
  int64_t read = in + ((int64_t)chars * 1000 + VC_MAX_CPS - 1) / VC_MAX_CPS;
  return read > lo ? read : lo;
}

/* The timing of one cue as the chunker plans it. */
typedef struct timing {
  int64_t cost;
  int64_t lo;    /* earliest out-time */
  int64_t ready; /* earliest in-time of the next cue: lo, or the next word if it must */
} timing;

/* In-time of the cue after words [.., j): word j's start, or the next segment's. */
static int64_t next_word(const vc_seg *s, size_t j) {
  return j < s->n ? s->w[j].start : s->next_ms;
}

/* Timing of a cue ending with word j - 1, shown from `in` with `chars` characters. Its
 * out-time is the earliest one (lo). When lo falls within 0.5 s of the last word (and
 * keeps the gap rule) all is well; later costs COST_TAIL; after the next word has
 * started, the next cue's in-time waits for lo (a lag, at most VC_MAX_LAG_MS); beyond
 * that, or past the end of the audio, the cue is too fast or too short (COST_FAST). */
static timing time_cue(const vc_seg *s, size_t j, int64_t in, size_t chars) {
  int has_next = j < s->n || !s->last;
  int64_t end = s->w[j - 1].end, next = next_word(s, j);
  if (end > next) /* two words overlap by a rounding: the next one's start wins */
    end = next;
  int64_t lo = vc_cue_earliest_out(in, end, chars);
  timing t = {0, lo, lo};
  if (lo > next) {
    if (has_next && lo - next <= VC_MAX_LAG_MS) {
      t.cost = (lo - next) + (lo - next > VC_SMALL_GAP_MS ? COST_LAG : 0) +
               (j == s->n && s->turn_end ? COST_LAG_SPEAKER : 0);
    } else {
      t.cost = COST_FAST + (lo - next) * 10000;
      t.ready = next;
    }
    return t;
  }
  int64_t tail = end + VC_MAX_TAIL_MS < next ? end + VC_MAX_TAIL_MS : next;
  tail = gap_ceiling(tail, next, has_next);
  if (lo > tail)
    t.cost = COST_TAIL + (lo - tail) / 20;
  return t;
}

/* Cost of the words of cue [i, j) of the segment (layout, cut, sentences), or COST_INF if
 * it cannot be. The speech of a cue of several words lasts at most 7 s less the 0.5 s
 * tail, so that its out-time can always keep both the 7 s limit and the gap rule. */
static int64_t cue_cost(const vc_seg *s, size_t i, size_t j, vc_layout *lay) {
  *lay = best_layout(s, i, j);
  if (j - i > 1 && s->w[j - 1].end - s->w[i].start > VC_MAX_CUE_MS - VC_MAX_TAIL_MS)
    return COST_INF;
  if (lay->cost >= COST_INF)
    return COST_INF;
  int64_t c = COST_CUE + lay->cost;
  if (j < s->n)
    c += cut_cost(&s->w[j - 1], &s->w[j], 0);
  size_t lab = s->label_chars && i == 0;
  int inner_end = 0;
  for (size_t k = i; k + 1 < j; k++) {
    if (!(s->w[k].flags & VC_WF_SENT))
      continue;
    inner_end = 1;
    if (!(lay->split && k + 1 == i + lay->split - lab))
      c += COST_MIDSENT;
  }
  if (inner_end && j < s->n && !(s->w[j - 1].flags & VC_WF_SENT))
    c += COST_SPILL;
  return c;
}

/* The planner's states. A state at word j of a segment (all words before it in cues)
 * knows `ready`, the earliest moment the next cue may start: the previous cue's earliest
 * out-time. States are kept per STEP_MS of ready - (word j's start), from VC_MAX_LEAD_MS
 * before it (bucket 0: the pause is long enough for any lead) to VC_MAX_LAG_MS after it.
 * A cue starts on its word; if `ready` is later, at `ready` (a lag: the cue before still
 * needs the screen); if it cannot be read from its word before the next word starts, up
 * to VC_MAX_LEAD_MS before its word but not before `ready` (a lead). */
enum { STEP_MS = 50, N_BUCKETS = (VC_MAX_LEAD_MS + VC_MAX_LAG_MS) / STEP_MS + 2 };

typedef struct state {
  int64_t cost, ready;
  int64_t cue_in; /* in-time of the cue that ends here */
  size_t from;    /* state it comes from; row 0: bucket in the last segment's last row */
} state;

static size_t bucket(int64_t d) {
  if (d <= -VC_MAX_LEAD_MS)
    return 0;
  size_t b = 1 + (size_t)((d + VC_MAX_LEAD_MS - 1) / STEP_MS);
  return b < N_BUCKETS ? b : N_BUCKETS - 1;
}

/* Puts cue [i, j) shown from `in` with timing tm after state `from` (index `fi`, in row
 * i) into row j. */
static void arrive(const vc_seg *s, state *st, const state *from, size_t fi, size_t j,
                   int64_t words, int64_t in, timing tm) {
  int64_t c = from->cost + words + tm.cost;
  state *to = &st[j * N_BUCKETS + bucket(tm.ready - next_word(s, j))];
  if (c < to->cost)
    *to = (state){c, tm.ready, in, fi};
}

/* arrive() for cue [i, j) shown `lead` ms before its first word. */
static void try_lead(const vc_seg *s, state *st, const state *from, size_t fi, size_t j,
                     int64_t words, size_t chars, int64_t lead) {
  size_t i = fi / N_BUCKETS;
  int64_t in = s->w[i].start - lead;
  timing tm = time_cue(s, j, in, chars);
  tm.cost += lead / 2 + (lead > VC_SMALL_GAP_MS ? COST_LEAD : 0);
  arrive(s, st, from, fi, j, words, in, tm);
}

/* Tries cue [i, j) (costing `words` for its words) from every state of row i: on its
 * word, or late when the state says so; when on its word, also early by just enough to
 * be read before the next word, and by every STEP_MS up to VC_MAX_LEAD_MS that makes it
 * end sooner (leaving the next cue room for its own lead). */
static void relax(const vc_seg *s, state *st, size_t i, size_t j, int64_t words,
                  size_t chars) {
  int64_t word = s->w[i].start, next = next_word(s, j);
  for (size_t b = 0; b < N_BUCKETS; b++) {
    const state *from = &st[i * N_BUCKETS + b];
    if (from->cost >= COST_INF)
      continue;
    int64_t in = from->ready > word ? from->ready : word;
    timing base = time_cue(s, j, in, chars);
    arrive(s, st, from, i * N_BUCKETS + b, j, words, in, base);
    if (in != word)
      continue;
    int64_t room = word - (from->ready > 0 ? from->ready : 0);
    int64_t need = base.lo - next, most = base.lo - s->w[j - 1].end;
    room = room < VC_MAX_LEAD_MS ? room : VC_MAX_LEAD_MS;
    most = most < room ? most : room;
    if (need > 0 && most > 0)
      try_lead(s, st, from, i * N_BUCKETS + b, j, words, chars, need < most ? need : most);
    for (int64_t lead = STEP_MS; lead <= most; lead += STEP_MS)
      if (lead != need)
        try_lead(s, st, from, i * N_BUCKETS + b, j, words, chars, lead);
  }
}

/* Fills the states of one segment; row 0 holds the states it starts from. */
static void plan_segment(const vc_seg *s, state *st) {
  for (size_t j = 1; j <= s->n; j++) {
    size_t text = 0;
    for (size_t i = j; i-- > 0;) {
      text += s->w[i].chars + (i + 1 < j);
      if (j - i > 1 && text > 2 * VC_CUE_MAX_CHARS + 1)
        break;
      vc_layout lay;
      int64_t c = cue_cost(s, i, j, &lay);
      if (c < COST_INF)
        relax(s, st, i, j, c, lay.chars);
    }
  }
}

/* Row 0 of segment k: the last row of segment k - 1, or, at the start of a span, one
 * state whose next cue may start at `ready`. */
static void start_row(const vc_seg *segs, state *const *rows, size_t k, size_t first,
                      int64_t ready) {
  state *row = rows[k];
  for (size_t b = 0; b < (segs[k].n + 1) * N_BUCKETS; b++)
    row[b].cost = COST_INF;
  if (k == first) {
    size_t b = ready == INT64_MIN ? 0 : bucket(ready - segs[k].w[0].start);
    row[b] = (state){0, ready, 0, SIZE_MAX};
    return;
  }
  const state *prev = rows[k - 1] + segs[k - 1].n * N_BUCKETS;
  for (size_t b = 0; b < N_BUCKETS; b++) {
    if (prev[b].cost >= COST_INF)
      continue;
    state *to = &row[bucket(prev[b].ready - segs[k].w[0].start)];
    if (prev[b].cost < to->cost)
      *to = (state){prev[b].cost, prev[b].ready, 0, b};
  }
}

/* Index of the cheapest state of segment k's last row (bucket 0 on a tie). */
static size_t best_end(const vc_seg *s, const state *row) {
  size_t x = s->n * N_BUCKETS;
  for (size_t b = 1; b < N_BUCKETS; b++)
    if (row[s->n * N_BUCKETS + b].cost < row[x].cost)
      x = s->n * N_BUCKETS + b;
  return x;
}

/* Follows the path back from state x of segment k to row 0 of segment `first` and
 * appends its cues in order to out[*n]. */
static void trace(const vc_seg *segs, size_t first, size_t k, state *const *rows, size_t x,
                  vc_plan *out, size_t *n) {
  size_t a = *n;
  for (;;) {
    if (x < N_BUCKETS) { /* row 0: into the segment before */
      if (k == first)
        break;
      x = segs[k - 1].n * N_BUCKETS + rows[k][x].from;
      k--;
      continue;
    }
    const state *q = &rows[k][x];
    out[(*n)++] = (vc_plan){k, q->from / N_BUCKETS, x / N_BUCKETS, q->cue_in, {0, 0, 0}};
    x = q->from;
  }
  for (size_t z = *n - 1; a < z; a++, z--) {
    vc_plan t = out[a];
    out[a] = out[z];
    out[z] = t;
  }
}

/* Plans the segments one by one. A span of segments is settled as soon as the best way
 * through it leaves the next segment every lead (bucket 0): no later choice can do better
 * from another state, so its states can go. */
static vc_status plan_all(const vc_seg *segs, size_t n_segs, state **rows, vc_plan *plan,
                          size_t *n_plan) {
  size_t first = 0;
  int64_t ready = INT64_MIN;
  for (size_t k = 0; k < n_segs; k++) {
    if (segs[k].n == 0 || segs[k].n > SIZE_MAX / N_BUCKETS - 1)
      return segs[k].n ? VC_ERR_LIMIT : VC_ERR_ARG;
    rows[k] = calloc((segs[k].n + 1) * N_BUCKETS, sizeof *rows[k]);
    if (!rows[k])
      return VC_ERR_NOMEM;
    start_row(segs, rows, k, first, ready);
    plan_segment(&segs[k], rows[k]);
    size_t x = best_end(&segs[k], rows[k]);
    if (k + 1 < n_segs && x != segs[k].n * N_BUCKETS)
      continue;
    trace(segs, first, k, rows, x, plan, n_plan);
    ready = rows[k][x].ready;
    for (; first <= k; first++) {
      free(rows[first]);
      rows[first] = NULL;
    }
  }
  return VC_OK;
}

vc_status vc_cues_plan(const vc_seg *segs, size_t n_segs, vc_plan **out, size_t *n_out) {
  *out = NULL;
  *n_out = 0;
  size_t words = 0;
  for (size_t k = 0; k < n_segs; k++)
    words += segs[k].n;
  if (n_segs == 0 || words == 0)
    return VC_OK;
  state **rows = calloc(n_segs, sizeof *rows); /* calloc checks the products */
  vc_plan *plan = calloc(words, sizeof *plan);
  vc_status st = rows && plan ? plan_all(segs, n_segs, rows, plan, n_out) : VC_ERR_NOMEM;
  for (size_t k = 0; rows && k < n_segs; k++)
    free(rows[k]);
  free(rows);
  if (st != VC_OK) {
    free(plan);
    *n_out = 0;
    return st;
  }
  for (size_t a = 0; a < *n_out; a++)
    cue_cost(&segs[plan[a].seg], plan[a].i, plan[a].j, &plan[a].lay);
  *out = plan;
  return VC_OK;
}
