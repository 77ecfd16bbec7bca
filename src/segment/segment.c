/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Turn segmentation: runs the segmenter's passes and assembles turns and speakers. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_dict.h"
#include "segment_internal.h"
#include "text.h"
#include "text_lex.h"

const char *vc_role_name(vc_role r) {
  static const char *const names[VC_ROLE_COUNT] = {"narrator", "interviewer", "interviewee",
                                                   "quote"};
  return (unsigned)r < VC_ROLE_COUNT ? names[r] : "unknown";
}

static void diag_set(vc_diag *d, const char *fmt, ...) {
  if (!d)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->msg, sizeof d->msg, fmt, ap);
  va_end(ap);
}

/* Turns every spoken paragraph into pieces: Q&A paragraphs whole, prose split at its
 * quotations. */
static vc_status make_pieces(vc_seg *g) {
  g->last_person = -1;
  g->unquoted_pairs = vc_seg_unquoted_pairs(g);
  vc_seg_quote_style(g);
  for (size_t i = 0; i < g->n_paras; i++) {
    vc_para *p = &g->paras[i];
    vc_status st = VC_OK;
    if (p->drop != VC_DROP_NONE) {
      g->open_quote = 0;
      continue;
    }
    if (i >= g->qa_start && !p->note && !p->prose) {
      st = vc_seg_add_piece(g, p->body, p->end, i, p->role, p->speaker);
      vc_seg_mark_piece(g, p->conf, p->basis);
    } else if (i >= g->talk_start && !p->note) {
      st = vc_seg_add_piece(g, p->body, p->end, i, VC_ROLE_INTERVIEWEE, g->talk_speaker);
      vc_seg_mark_piece(g, 0.8f, "a talk: the one listed speaker's monologue");
    } else if (p->note) {
      st = vc_seg_add_piece(g, p->body, p->end, i, VC_ROLE_NARRATOR, 0);
      vc_seg_mark_piece(g, 0.8f, "heading or editorial note");
    } else
      st = vc_seg_prose(g, i);
    if (st != VC_OK)
      return st;
  }
  return VC_OK;
}

/* May piece b continue the turn of piece a? Same speaker and role, nothing dropped and
 * no label between. */
static int joins(const vc_seg *g, const vc_piece *a, const vc_piece *b) {
  if (a->speaker != b->speaker || a->role != b->role)
    return 0;
  if (a->para == b->para)
    return 1;
  if (b->para != a->para + 1)
    return 0;
  const vc_para *pa = &g->paras[a->para], *pb = &g->paras[b->para];
  return a->end == pa->end && b->start == pb->body && pb->body == pb->start &&
         pb->label < 0;
}

/* Appends src[s..e) to buf with white-space runs as one space and bracketed timestamps
 * ("[04:00]") left out: they are never spoken. */
static size_t put_text(const char *src, size_t s, size_t e, char *buf, size_t o) {
  int space = 0;
  for (size_t i = s; i < e;) {
    size_t k;
    if (vc_seg_is_space_at(src, e, i, &k)) {
      space = 1;
      i += k;
      continue;
    }
    if ((src[i] == '[' || src[i] == '(') && (k = vc_seg_stamp_end(src, e, i)) > i) {
      space = 1;
      i = k;
      continue;
    }
    if (space && o > 0 && buf[o - 1] != '\n')
      buf[o++] = ' ';
    space = 0;
    buf[o++] = src[i++];
  }
  return o;
}

static vc_status make_turn(const vc_seg *g, size_t a, size_t b, vc_turn *t,
                           vc_turn_note *note) {
  size_t cap = 1;
  for (size_t k = a; k < b; k++)
    cap += g->pieces[k].end - g->pieces[k].start + 1;
  char *buf = malloc(cap);
  if (!buf)
    return VC_ERR_NOMEM;
  size_t o = 0;
  for (size_t k = a; k < b; k++) {
    const vc_piece *p = &g->pieces[k];
    if (k > a)
      buf[o++] = p->para == g->pieces[k - 1].para ? ' ' : '\n';
    o = put_text(g->src, p->start, p->end, buf, o);
  }
  buf[o] = 0;
  t->role = g->pieces[a].role;
  t->speaker = g->pieces[a].speaker;
  note->confidence = 1.0;
  note->basis = g->pieces[a].basis;
  for (size_t k = a; k < b; k++)
    if (g->pieces[k].conf < note->confidence) {
      note->confidence = g->pieces[k].conf;
      note->basis = g->pieces[k].basis;
    }
  t->src_start = vc_seg_orig_off(g, g->pieces[a].start);
  t->src_end = vc_seg_orig_off(g, g->pieces[b - 1].end);
  t->text = buf;
  t->text_len = o;
  return VC_OK;
}

/* The 1-based line of byte `off`. */
static size_t line_of(const vc_seg *g, size_t off) {
  size_t line = 1;
  off = vc_seg_orig_off(g, off);
  for (size_t i = 0; i < off && i < g->orig_len; i++)
    line += g->orig[i] == '\n' || (g->unesc && g->orig[i] == '\\' && i + 1 < g->orig_len &&
                                   g->orig[++i] == 'n'); /* a break written "\\n" */
  return line;
}

/* "role: line 7: speaks as the host; name: line 5: the label" */
static char *speaker_why(const vc_seg *g, const vc_spk *k) {
  char buf[256];
  int o = snprintf(buf, sizeof buf, "role: ");
  if (k->why[0] && k->why_off <= g->len)
    o += snprintf(buf + o, sizeof buf - (size_t)o, "line %zu: %s", line_of(g, k->why_off),
                  k->why);
  else
    o += snprintf(buf + o, sizeof buf - (size_t)o, "%s",
                  k->why[0]                     ? k->why
                  : k->role == VC_ROLE_QUOTE    ? "quoted in the prose"
                  : k->role == VC_ROLE_NARRATOR ? "the narration"
                                                : "the layout");
  if (k->name_why[0] && k->name_off <= g->len && o > 0 && (size_t)o < sizeof buf)
    snprintf(buf + o, sizeof buf - (size_t)o, "; name: line %zu: %s",
             line_of(g, k->name_off), k->name_why);
  return strdup(buf);
}

/* Keeps only the speakers that speak (and the narrator), renumbering the turns. */
static vc_status make_speakers(const vc_seg *g, vc_script *s) {
  size_t *map = calloc(g->n_speakers ? g->n_speakers : 1, sizeof *map);
  char *used = calloc(g->n_speakers ? g->n_speakers : 1, 1);
  s->speakers = calloc(g->n_speakers ? g->n_speakers : 1, sizeof *s->speakers);
  s->why = calloc(g->n_speakers ? g->n_speakers : 1, sizeof *s->why);
  vc_status st = map && used && s->speakers && s->why ? VC_OK : VC_ERR_NOMEM;
  for (size_t i = 0; st == VC_OK && i < s->n_turns; i++)
    used[s->turns[i].speaker] = 1;
  if (st == VC_OK)
    used[0] = 1;
  for (size_t i = 0; st == VC_OK && i < g->n_speakers; i++) {
    if (!used[i])
      continue;
    map[i] = s->n_speakers;
    vc_speaker *sp = &s->speakers[s->n_speakers];
    sp->name = strdup(g->speakers[i].name);
    sp->role = g->speakers[i].role;
    s->why[s->n_speakers] = speaker_why(g, &g->speakers[i]);
    if (!sp->name || !s->why[s->n_speakers])
      st = VC_ERR_NOMEM;
    else
      s->n_speakers++;
  }
  for (size_t i = 0; st == VC_OK && i < s->n_turns; i++)
    s->turns[i].speaker = map[s->turns[i].speaker];
  free(map);
  free(used);
  return st;
}

/* Re-inserts spaces lost with italics in every turn's display text (text stage's glue
 * repair). Without its word lists, only joins at punctuation are repaired. */
static vc_status repair_glue(const vc_seg *g, vc_script *s) {
  vc_glue_ctx *ctx = NULL;
  int tried = 0;
  vc_status st = VC_OK;
  for (size_t i = 0; st == VC_OK && i < s->n_turns; i++) {
    vc_turn *t = &s->turns[i];
    if (!vc_glue_suspect(t->text, t->text_len))
      continue;
    if (!tried) {
      tried = 1;
      if (g->opts.no_dictionary ||
          vc_glue_ctx_new_dict(g->src, g->len, g->opts.data_dir, g->shared_dict, &ctx,
                               NULL) != VC_OK)
        ctx = NULL;
    }
    char *fixed = NULL;
    size_t n = 0, *map = NULL;
    st = vc_unglue(t->text, t->text_len, ctx, &fixed, &n, &map);
    if (st == VC_OK) {
      free(t->text);
      t->text = fixed;
      t->text_len = n;
    }
    free(map);
  }
  vc_glue_ctx_free(ctx);
  return st;
}

static vc_status make_script(const vc_seg *g, vc_script **out) {
  vc_script *s = calloc(1, sizeof *s);
  if (!s)
    return VC_ERR_NOMEM;
  s->turns = calloc(g->n_pieces ? g->n_pieces : 1, sizeof *s->turns);
  s->notes = calloc(g->n_pieces ? g->n_pieces : 1, sizeof *s->notes);
  vc_status st = s->turns && s->notes ? VC_OK : VC_ERR_NOMEM;
  for (size_t a = 0; st == VC_OK && a < g->n_pieces;) {
    size_t b = a + 1;
    while (b < g->n_pieces && joins(g, &g->pieces[b - 1], &g->pieces[b]))
      b++;
    st = make_turn(g, a, b, &s->turns[s->n_turns], &s->notes[s->n_turns]);
    if (st == VC_OK)
      s->n_turns++;
    a = b;
  }
  if (st == VC_OK)
    st = make_speakers(g, s);
  if (st == VC_OK)
    st = repair_glue(g, s);
  if (st == VC_OK && g->byline[0] && !(s->author = strdup(g->byline)))
    st = VC_ERR_NOMEM;
  if (st != VC_OK) {
    vc_script_free(s);
    return st;
  }
  *out = s;
  return VC_OK;
}

static void seg_release(vc_seg *g) {
  vc_dict_close(g->dict);
  free(g->paras);
  free(g->labels);
  free(g->people);
  free(g->mentions);
  free(g->speakers);
  free(g->pieces);
  free(g->shaped);
  free(g->shape_ins);
  free(g->shape_labels);
  free(g->unesc);
  free(g->esc_del);
}

static vc_status run_passes(vc_seg *g) {
  vc_status st = vc_seg_unescape(g);
  if (st == VC_OK)
    st = vc_seg_shapes(g);
  if (st == VC_OK)
    st = vc_seg_split_lines(g);
  if (st != VC_OK)
    return st;
  vc_seg_classify(g);
  st = vc_seg_find_people(g);
  if (st == VC_OK)
    st = vc_seg_find_labels(g);
  if (st == VC_OK)
    st = vc_seg_l3_labels(g);
  if (st == VC_OK)
    st = vc_seg_resolve_speakers(g);
  if (st == VC_OK)
    st = vc_seg_decode_qa(g);
  if (st == VC_OK)
    st = vc_seg_called_askers(g);
  if (st == VC_OK)
    st = make_pieces(g);
  return st;
}

vc_status vc_segment(const char *text, size_t len, vc_script **out, vc_diag *diag) {
  return vc_segment_with(text, len, NULL, out, diag);
}

vc_status vc_segment_with(const char *text, size_t len, const vc_segment_opts *opts,
                          vc_script **out, vc_diag *diag) {
  return vc_segment_with_dict(text, len, opts, NULL, out, diag);
}

vc_status vc_segment_with_dict(const char *text, size_t len, const vc_segment_opts *opts,
                               vc_dict *dict, vc_script **out, vc_diag *diag) {
  if (!out || (!text && len))
    return VC_ERR_ARG;
  *out = NULL;
  if (len > VC_SEG_MAX_INPUT) {
    diag_set(diag, "input of %zu bytes is over the limit of %zu MiB", len,
             VC_SEG_MAX_INPUT >> 20);
    return VC_ERR_LIMIT;
  }
  vc_seg g;
  memset(&g, 0, sizeof g);
  g.src = text ? text : "";
  g.len = len;
  g.orig = g.src;
  g.orig_len = len;
  g.diag = diag;
  if (opts)
    g.opts = *opts;
  g.shared_dict = dict;
  vc_status st = run_passes(&g);
  if (st == VC_OK && g.n_pieces == 0) {
    diag_set(diag, "nothing to speak");
    st = VC_ERR_EMPTY;
  }
  if (st == VC_OK)
    st = make_script(&g, out);
  else if (st == VC_ERR_LIMIT && g.over)
    diag_set(diag, "more than %zu %s (the limit)", g.over_max, g.over);
  else if (st == VC_ERR_LIMIT)
    diag_set(diag, "input exceeds a segmenter limit");
  seg_release(&g);
  return st;
}

void vc_script_free(vc_script *s) {
  if (!s)
    return;
  for (size_t i = 0; i < s->n_turns; i++)
    free(s->turns[i].text);
  for (size_t i = 0; i < s->n_speakers; i++) {
    free(s->speakers[i].name);
    if (s->why)
      free(s->why[i]);
  }
  free(s->why);
  free(s->notes);
  free(s->turns);
  free(s->speakers);
  free(s->author);
  free(s);
}

size_t vc_script_uncertain(const vc_script *s) {
  size_t n = 0;
  for (size_t i = 0; s && s->notes && i < s->n_turns; i++)
    n += s->notes[i].confidence < VC_TURN_UNCERTAIN;
  return n;
}
