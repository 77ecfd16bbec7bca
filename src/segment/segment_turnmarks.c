/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter turn marks: caption transcripts that mark each change of speaker with ">>" or
 * a dash ("- ", "-- ") instead of a name, run into lines or at their starts. */
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"
#include "text_notes.h"

enum { MARK_ARROW = 1, MARK_DASH = 2 };
enum { MARKS_MAX = 1 << 16, MARK_NAMES = 32 };

typedef struct mark {
  size_t at, end;        /* the mark and the blanks after it */
  size_t name_s, name_e; /* a name written after it ("Jane Doe:", "[Announcer]"), or none */
  size_t label_e;        /* the end of that label (past its colon or closing bracket) */
  int kind;
  int line_start; /* the mark opens its line */
  int sentence;   /* a sentence (or the block) ended just before it */
  int more;       /* unmarked lines follow its line in the same block */
  int words;      /* words after it up to the next mark or the line's end (at most 8) */
} mark;

typedef struct join {
  size_t at, cut; /* a line end (with the blanks before it) inside a marked turn */
  size_t opener;  /* the mark whose turn the next line goes on */
} join;

typedef struct marks {
  mark *m;
  size_t n, cap;
  join *j;
  size_t nj, capj;
} marks;

static int blank(char c) {
  return c == ' ' || c == '\t';
}

/* Does a sentence end at t[k - 1] (closing quotes and brackets skipped; an ellipsis ends
 * one: the speaker trailed off)? */
static int ends_sentence(const char *t, size_t lo, size_t k) {
  for (;;) {
    if (k > lo && t[k - 1] && strchr("\")]'", t[k - 1])) {
      k--;
      continue;
    }
    if (k >= lo + 3 && (unsigned char)t[k - 3] == 0xE2 && (unsigned char)t[k - 2] == 0x80) {
      unsigned char c = (unsigned char)t[k - 1];
      if (c == 0xA6)
        return 1;
      if (c == 0x9D || c == 0x99) {
        k -= 3;
        continue;
      }
    }
    break;
  }
  return k > lo && (t[k - 1] == '.' || t[k - 1] == '?' || t[k - 1] == '!');
}

/* The length of a turn mark of `kind` at t[i] (without the blanks after it), or 0: ">>"
 * (not ">>>"); "-", "--" or an em dash followed by a blank. */
static size_t mark_len(const char *t, size_t e, size_t i, int *kind) {
  size_t k = 0;
  if (i + 1 < e && t[i] == '>' && t[i + 1] == '>') {
    k = 2;
    *kind = MARK_ARROW;
  } else if (i + 1 < e && t[i] == '-' && t[i + 1] == '-') {
    k = 2;
    *kind = MARK_DASH;
  } else if (i < e && t[i] == '-') {
    k = 1;
    *kind = MARK_DASH;
  } else if (i + 2 < e && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
             (unsigned char)t[i + 2] == 0x94) {
    k = 3;
    *kind = MARK_DASH;
  }
  if (!k || (i + k < e && !blank(t[i + k])))
    return 0;
  return k;
}

/* How many words (up to 8) stand in t[i..e) before the next ">>" or the line's end. */
static int words_after(const char *t, size_t e, size_t i) {
  int words = 0;
  while (i < e && words < 8) {
    if (i + 1 < e && t[i] == '>' && t[i + 1] == '>')
      break;
    size_t j = vc_seg_word_end(t, e, i);
    if (j > i) {
      words++;
      i = j;
    } else
      i++;
  }
  return words;
}

/* A name written as a label after a mark: one to four words of letters (an honorific's or
 * an initial's full stop may close one), then ": "; or one to four words in brackets that
 * are no sound note ("[Announcer]", "(Jane Doe)"). Sets the name and the label's end. */
static int mark_name(const char *t, size_t e, mark *k) {
  size_t i = k->end;
  char close = 0;
  if (i < e && (t[i] == '[' || t[i] == '(')) {
    if (vc_note_end(t, e, i) || vc_seg_stamp_end(t, e, i) > i)
      return 0;
    close = t[i] == '[' ? ']' : ')';
    i++;
  }
  size_t s = i;
  for (int words = 0; words < 4 && i < e; words++) {
    size_t j = vc_seg_word_end(t, e, i);
    if (j == i)
      return 0;
    if (words == 0 && !close && vc_seg_in_list(t + i, j - i, vc_seg_not_name_words))
      return 0; /* "- So: ..." is a sentence */
    if (j < e && t[j] == '.' &&
        (j - i == 1 || vc_seg_in_list(t + i, j - i, vc_seg_honorifics)))
      j++;
    if (j < e && ((close && t[j] == close) ||
                  (!close && t[j] == ':' && (j + 1 == e || blank(t[j + 1]))))) {
      k->name_s = s;
      k->name_e = j;
      k->label_e = j + 1;
      return 1;
    }
    if (j + 1 >= e || t[j] != ' ')
      return 0;
    i = j + 1;
  }
  return 0;
}

static vc_status add_mark(marks *ms, const mark *k) {
  vc_status st =
      vc_seg_grow((void **)&ms->m, &ms->cap, ms->n + 1, sizeof *ms->m, MARKS_MAX);
  if (st == VC_OK)
    ms->m[ms->n++] = *k;
  return st;
}

/* Reads the marks of line t[s..e): one at its start, and inside it after a sentence's end
 * (a dash inside a line also before a bracketed name: "... sponsorship- [Announcer]").
 * `prev_end`: the previous line's end, or 0 when the line opens a block. */
static vc_status line_marks(const char *t, size_t s, size_t e, size_t prev_end, marks *ms) {
  for (size_t i = s; i < e;) {
    int kind = 0;
    size_t len = 0;
    int start = i == s;
    if (start || (blank(t[i - 1]) && (ends_sentence(t, s, i - 1) || t[i] == '>')) ||
        (i + 2 < e && t[i] == '-' && t[i + 1] == ' ' && t[i + 2] == '['))
      len = mark_len(t, e, i, &kind); /* ">>" inside a line after any word: captions */
    if (!len) {
      i++;
      continue;
    }
    mark k = {0};
    k.at = i;
    k.kind = kind;
    k.end = i + len;
    while (k.end < e && blank(t[k.end]))
      k.end++;
    k.line_start = start;
    k.sentence =
        start ? prev_end == 0 || ends_sentence(t, 0, prev_end) : ends_sentence(t, s, i - 1);
    k.words = words_after(t, e, k.end);
    if (mark_name(t, e, &k) && k.kind == MARK_DASH && t[k.end] != '[' && t[k.end] != '(')
      k.name_e = k.name_s; /* "- Jane Doe:" is a list item's heading, not a turn's label */
    vc_status st = add_mark(ms, &k);
    if (st != VC_OK)
      return st;
    i = k.end > i ? k.end : i + 1;
  }
  return VC_OK;
}

static vc_status add_join(marks *ms, size_t at, size_t cut, size_t opener) {
  vc_status st =
      vc_seg_grow((void **)&ms->j, &ms->capj, ms->nj + 1, sizeof *ms->j, MARKS_MAX);
  if (st == VC_OK)
    ms->j[ms->nj++] = (join){at, cut, opener};
  return st;
}

/* Reads every line's marks. An unmarked line after a marked one in the same block goes on
 * its turn (a caption's lines are not paragraphs): its line break is noted as a join, and
 * the mark that opened the turn as one with more lines (captions, not a list). */
static vc_status read_marks(const char *t, size_t len, marks *ms) {
  size_t prev_end = 0, opener = (size_t)-1;
  vc_status st = VC_OK;
  for (size_t pos = 0; st == VC_OK && pos < len;) {
    const char *nl = memchr(t + pos, '\n', len - pos);
    size_t le = nl ? (size_t)(nl - t) : len, s = pos, e = le;
    while (s < e && (blank(t[s]) || t[s] == '\r'))
      s++;
    while (e > s && (blank(t[e - 1]) || t[e - 1] == '\r'))
      e--;
    if (s == e) {
      prev_end = 0;
      opener = (size_t)-1;
      pos = le + 1;
      continue;
    }
    size_t before = ms->n;
    st = line_marks(t, s, e, prev_end, ms);
    int opens = ms->n > before && ms->m[before].line_start;
    if (st == VC_OK && !opens && opener != (size_t)-1) {
      ms->m[opener].more = 1;
      st = add_join(ms, prev_end, s - prev_end, opener);
    }
    if (ms->n > before)
      opener = ms->n - 1;
    prev_end = e;
    pos = le + 1;
  }
  return st;
}

/* Does the text mark its turns with marks of `kind`? Evidence: two arrows, two in three of
 * them after a sentence's end (an e-mail's quoted lines break mid sentence) or half of
 * them inside lines before four words or more (a caption text's turns; a breadcrumb's
 * "Home >> News" holds fewer); or two dashes one of which names a voice in brackets ("-
 * [Announcer]", a caption's way), or three dashes and a turn that runs on (a mark inside
 * a line, or unmarked lines after a marked one: a list's items do neither), two in three
 * of them after a sentence's end. */
static int kind_marks_turns(const char *t, const marks *ms, int kind) {
  size_t n = 0, sentence = 0, runs = 0, bracketed = 0, inline_long = 0;
  for (size_t i = 0; i < ms->n; i++) {
    const mark *k = &ms->m[i];
    if (k->kind != kind)
      continue;
    int voice = k->name_e > k->name_s && k->name_s > k->end && t[k->end] == '[';
    n++;
    sentence += k->sentence || voice; /* "...sponsorship- [Announcer]": glued, but named */
    runs += !k->line_start || k->more;
    bracketed += voice;
    inline_long += !k->line_start && k->words >= 4;
  }
  if (n < 2)
    return 0;
  if (kind == MARK_ARROW)
    return sentence * 3 >= n * 2 || inline_long * 2 >= n;
  return sentence * 3 >= n * 2 && (bracketed > 0 || (n >= 3 && runs > 0));
}

/* ---- who speaks at each mark ---- */

typedef struct names {
  char name[MARK_NAMES][VC_SEG_NAME_MAX];
  int aside[MARK_NAMES]; /* a voice-over ("Announcer"): no party to the exchange */
  int n, generic;        /* names kept; "Speaker N" labels made */
} names;

/* The name as a label writes it: title case when it was written all in lower case (a
 * caption text in lower case: "dana pike" -> "Dana Pike"). */
static void label_name(const char *t, size_t s, size_t e, char *out, size_t cap) {
  size_t n = vc_seg_copy_name(t + s, e - s, out, cap);
  int upper = 0, lower = 0;
  vc_seg_count_letters(out, n, &upper, &lower);
  for (size_t i = 0; upper == 0 && i < n; i++)
    if (out[i] >= 'a' && out[i] <= 'z' &&
        (i == 0 || out[i - 1] == ' ' || out[i - 1] == '.'))
      out[i] = (char)(out[i] - 'a' + 'A');
}

static int name_index(names *ns, const char *name) {
  for (int i = 0; i < ns->n; i++)
    if (strcmp(ns->name[i], name) == 0)
      return i;
  if (ns->n == MARK_NAMES)
    return -1;
  snprintf(ns->name[ns->n], sizeof ns->name[0], "%s", name);
  size_t w = strcspn(name, " ");
  ns->aside[ns->n] = vc_seg_in_list(name, strlen(name), vc_seg_voiceover_labels) ||
                     vc_seg_in_list(name, w, vc_seg_voiceover_labels);
  return ns->n++;
}

/* Who speaks at an unnamed mark: the party who spoke before the last one (two people take
 * turns), voice-overs left out; a new "Speaker N" while fewer than two have spoken. */
static int unnamed_speaker(names *ns, const int *hist, size_t nh) {
  int last = -1;
  for (size_t i = nh; i-- > 0;) {
    if (ns->aside[hist[i]])
      continue;
    if (last < 0)
      last = hist[i];
    else if (hist[i] != last)
      return hist[i];
  }
  char gen[VC_SEG_NAME_MAX];
  snprintf(gen, sizeof gen, "Speaker %d", ++ns->generic);
  return name_index(ns, gen);
}

/* Writes the edits of the accepted marks: each mark and the label written after it blanked
 * (a newline first when the mark stands inside a line, so that its turn starts a line),
 * and the turn's speaker inserted as a voice tag ("<v Dana Pike>", "<v Speaker 1>"): the
 * name written after the mark ("[Announcer]", "dana pike:" as "Dana Pike"), or for an
 * unnamed turn the one whose turn it is. */
static vc_status make_edits(const char *t, const marks *ms, const int *take,
                            vc_seg_edit **out, size_t *n_out) {
  vc_seg_edit *ed = calloc(ms->n + ms->nj + 1, sizeof *ed);
  int *hist = calloc(ms->n ? ms->n : 1, sizeof *hist);
  names *ns = calloc(1, sizeof *ns);
  if (!ed || !hist || !ns) {
    free(ed);
    free(hist);
    free(ns);
    return VC_ERR_NOMEM;
  }
  size_t n = 0, nh = 0, jn = 0;
  for (size_t i = 0; i <= ms->n; i++) {
    for (; jn < ms->nj && (i == ms->n || ms->j[jn].at < ms->m[i].at); jn++) {
      const join *j = &ms->j[jn];
      if (!take[ms->m[j->opener].kind] || j->cut >= sizeof ed->over)
        continue;
      ed[n].at = j->at;
      ed[n].cut = j->cut;
      memset(ed[n++].over, ' ', j->cut);
    }
    if (i == ms->n)
      break;
    const mark *k = &ms->m[i];
    if (!take[k->kind])
      continue;
    vc_seg_edit *d = &ed[n++];
    int named = k->name_e > k->name_s;
    d->at = k->at;
    d->cut = (named ? k->label_e : k->end) - k->at;
    if (d->cut >= sizeof d->over)
      d->cut = k->end - k->at, named = 0;
    memset(d->over, ' ', d->cut);
    if (!k->line_start)
      d->over[0] = '\n';
    char name[VC_SEG_NAME_MAX];
    int who;
    if (named) {
      label_name(t, k->name_s, k->name_e, name, sizeof name);
      who = name_index(ns, name);
    } else
      who = unnamed_speaker(ns, hist, nh);
    if (who >= 0) /* a voice tag: the label reader takes it as a speaker's, always */
      snprintf(d->ins, sizeof d->ins, "<v %s>", ns->name[who]);
    if (who >= 0)
      hist[nh++] = who;
  }
  free(hist);
  free(ns);
  *out = ed;
  *n_out = n;
  return VC_OK;
}

vc_status vc_seg_turn_marks(const char *t, size_t len, vc_seg_edit **out, size_t *n_out) {
  *out = NULL;
  *n_out = 0;
  marks ms = {NULL, 0, 0, NULL, 0, 0};
  vc_status st = read_marks(t, len, &ms);
  int take[3] = {0, 0, 0};
  take[MARK_ARROW] = st == VC_OK && kind_marks_turns(t, &ms, MARK_ARROW);
  take[MARK_DASH] = st == VC_OK && !take[MARK_ARROW] && kind_marks_turns(t, &ms, MARK_DASH);
  if (st == VC_OK && (take[MARK_ARROW] || take[MARK_DASH]))
    st = make_edits(t, &ms, take, out, n_out);
  free(ms.m);
  free(ms.j);
  return st;
}
