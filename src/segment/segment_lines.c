/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter layout: lines and blocks, boilerplate by kind, per-paragraph measurements. */
#include <string.h>

#include "segment_internal.h"
#include "segment_turns.h"

static vc_status add_line(vc_seg *g, size_t s, size_t e, size_t block, int first) {
  vc_status st = vc_seg_grow((void **)&g->paras, &g->cap_paras, g->n_paras + 1,
                             sizeof *g->paras, VC_SEG_MAX_LINES);
  if (st != VC_OK)
    return vc_seg_over(g, st, "lines", VC_SEG_MAX_LINES);
  vc_para *p = &g->paras[g->n_paras++];
  memset(p, 0, sizeof *p);
  p->start = s;
  p->end = e;
  p->body = s;
  p->block = block;
  p->block_first = first;
  p->label = -1;
  return VC_OK;
}

/* Trims white space at both ends of [*s, *e). */
static void trim(const char *t, size_t *s, size_t *e) {
  size_t k;
  while (*s < *e && vc_seg_is_space_at(t, *e, *s, &k))
    *s += k;
  size_t last = *s; /* end of the last non-space character */
  for (size_t i = *s; i < *e;) {
    int sp = vc_seg_is_space_at(t, *e, i, &k);
    i += k;
    if (!sp)
      last = i;
  }
  *e = last;
}

/* Does the line s[s..e) stop in the middle of a sentence: its last character a letter,
 * a digit or a comma? */
static int ends_mid_sentence(const char *t, size_t s, size_t e) {
  size_t i = e;
  while (i > s && ((unsigned char)t[i - 1] & 0xC0) == 0x80)
    i--;
  if (i == s)
    return 0;
  int32_t cp;
  vc_seg_cp(t, e, i - 1, &cp);
  return vc_seg_is_letter(cp) || (cp >= '0' && cp <= '9') || cp == ',';
}

static int starts_lower(const char *t, size_t s, size_t e) {
  int32_t cp;
  vc_seg_cp(t, e, s, &cp);
  return vc_seg_is_lower(cp);
}

/* Is the line an honorific alone ("DR.", "Mrs.")? */
static int honorific_alone(const char *t, size_t s, size_t e) {
  return e > s + 1 && t[e - 1] == '.' &&
         vc_seg_in_list(t + s, e - 1 - s, vc_seg_honorifics);
}

/* Does line k carry on the sentence of line k - 1 (a hard-wrapped paragraph)? Yes when
 * k - 1 stops mid-sentence and k starts in lower case, or when k has no letters at all
 * (numbers, arrows, a timing line quoted in a sentence) and line k + 1 carries on. */
static int continues(const vc_seg *g, size_t k) {
  const vc_para *a = &g->paras[k - 1], *b = &g->paras[k];
  if (b->block == a->block && honorific_alone(g->src, a->start, a->end))
    return 1; /* "DR." then "SMITH: ...": a label broken over two lines */
  if (b->block != a->block || !ends_mid_sentence(g->src, a->start, a->end))
    return 0;
  if (starts_lower(g->src, b->start, b->end))
    return 1;
  if (vc_seg_count_letters(g->src + b->start, b->end - b->start, NULL, NULL) > 0 ||
      k + 1 >= g->n_paras)
    return 0;
  const vc_para *c = &g->paras[k + 1];
  return c->block == b->block && starts_lower(g->src, c->start, c->end);
}

/* Joins hard-wrapped lines into the line they continue: a line is the unit of layout,
 * and a sentence broken over lines is one paragraph. */
static void join_wrapped(vc_seg *g) {
  size_t o = 0;
  for (size_t k = 0; k < g->n_paras; k++) {
    if (o > 0 && continues(g, k)) {
      g->paras[o - 1].end = g->paras[k].end;
      continue;
    }
    g->paras[o++] = g->paras[k];
  }
  g->n_paras = o;
}

enum { INLINE_MAX = 256 };

/* "Speaker 2: " / "Jane Doe: " at t[i]: one to four capitalised words (a number may end
 * them), a colon, a space. Returns the end of the name (0 if none). */
static size_t inline_label(const char *t, size_t e, size_t i) {
  size_t end = 0;
  for (int words = 0; words < 4 && i < e; words++) {
    int32_t cp;
    vc_seg_cp(t, e, i, &cp);
    size_t j = vc_seg_word_end(t, e, i);
    if (j == i || !(vc_seg_is_upper(cp) || (words > 0 && cp >= '0' && cp <= '9')))
      return 0;
    j += vc_seg_honorific_dot(t, e, i, j); /* "Mr. Doe: " */
    if (j + 1 < e && t[j] == ':' && t[j + 1] == ' ')
      return j;
    if (j >= e || t[j] != ' ')
      return end;
    i = j + 1;
  }
  return end;
}

/* Is t[i] the start of a sentence inside the line (after ". ", "? ", "! ", ") ", or a
 * word cut off by the next speaker: "and- ")? */
static int sentence_start(const char *t, size_t s, size_t i) {
  if (i >= s + 4 && t[i - 1] == ' ' && (unsigned char)t[i - 4] == 0xE2 &&
      (unsigned char)t[i - 3] == 0x80 && (unsigned char)t[i - 2] == 0x9D)
    return 1; /* after a closing quote */
  return i >= s + 2 && t[i - 1] == ' ' && strchr(".?!)\"-", t[i - 2]) && t[i - 2];
}

/* Where the labels of a transcript run into one paragraph start ("Speaker 1: (00:00) Hi.
 * Speaker 2: (00:04) Hello. Speaker 1: ..."): the line's own label and the ones at
 * sentence starts. Kept when two or more names recur, three labels in all, the first at
 * the line's start (then the ones whose name recurs); or when the labels show themselves
 * so though few recur (capitals in text that is not, numbered generic names:
 * vc_seg_runin_evidence), every one. Returns how many (0: the line stays whole). */
static size_t inline_splits(const char *t, size_t s, size_t e, size_t *at) {
  size_t ks[INLINE_MAX], ke[INLINE_MAX], n = 0;
  for (size_t i = s; i < e && n < INLINE_MAX; i++) {
    size_t ne;
    if (n > 0 && i < ke[n - 1])
      continue; /* inside the label before ("Doe: " in "Mr. Doe: ") */
    if ((i == s || sentence_start(t, s, i)) && (ne = inline_label(t, e, i)) > 0) {
      ks[n] = i;
      ke[n++] = ne;
    }
  }
  if (n < 2 || ks[0] != s)
    return 0;
  size_t m = 0, distinct = 0;
  for (size_t a = 0; a < n; a++) {
    int seen_before = 0, again = 0;
    for (size_t b = 0; b < n; b++) {
      int same = ke[a] - ks[a] == ke[b] - ks[b] &&
                 memcmp(t + ks[a], t + ks[b], ke[a] - ks[a]) == 0 && a != b;
      again |= same;
      seen_before |= same && b < a;
    }
    distinct += again && !seen_before;
    if (again)
      at[m++] = ks[a];
  }
  if (n >= 3 && distinct >= 2 && m >= 3 && at[0] == s)
    return m;
  if (!vc_seg_runin_evidence(t, s, e, ks, ke, n))
    return 0;
  memcpy(at, ks, n * sizeof *at);
  return n;
}

/* Adds line [s, e), split where inline_splits finds labels run into it. */
static vc_status add_split_line(vc_seg *g, size_t s, size_t e, size_t block, int fresh) {
  size_t at[INLINE_MAX];
  size_t n = inline_splits(g->src, s, e, at);
  if (n == 0)
    return add_line(g, s, e, block, fresh);
  vc_status st = VC_OK;
  for (size_t k = 0; st == VC_OK && k < n; k++) {
    size_t ps = at[k], pe = k + 1 < n ? at[k + 1] : e;
    trim(g->src, &ps, &pe);
    st = add_line(g, ps, pe, block, fresh && k == 0);
    if (st == VC_OK)
      g->paras[g->n_paras - 1].runin = 1;
  }
  return st;
}

/* ---- speaker labels inside a line ("... in the fall. SH: And then? JP: We moved.") ----
 */

enum { INLINE_KEYS = 16 };

typedef struct inline_keys {
  char key[INLINE_KEYS][4];
  int count[INLINE_KEYS];
  int n;
} inline_keys;

/* Does an honorific and its stop stand just before t[i] ("MR. DOE: ": "DOE" is a surname
 * in the label "MR. DOE", not initials of its own)? */
static int honorific_before(const char *t, size_t i) {
  if (i < 3 || t[i - 2] != '.')
    return 0;
  size_t w = i - 2;
  while (w > 0 &&
         ((t[w - 1] >= 'A' && t[w - 1] <= 'Z') || (t[w - 1] >= 'a' && t[w - 1] <= 'z')))
    w--;
  return w < i - 2 && (w == 0 || t[w - 1] == ' ' || t[w - 1] == '\n') &&
         vc_seg_in_list(t + w, i - 2 - w, vc_seg_honorifics);
}

/* An initials label at t[i]: one to three capitals at a word start, a colon and a space.
 * Its length up to the colon's end, or 0. */
static size_t initials_label(const char *t, size_t e, size_t i) {
  if (i == 0 || t[i - 1] != ' ' || honorific_before(t, i))
    return 0;
  size_t j = i;
  while (j < e && j - i < 4 && t[j] >= 'A' && t[j] <= 'Z')
    j++;
  if (j == i || j - i > 3 || j + 1 >= e || t[j] != ':' || t[j + 1] != ' ')
    return 0;
  return j + 1 - i;
}

/* A name label at t[i]: two to four capitalised words, a colon and a space ("Jane Q.
 * Doe: "). Its length up to the colon's end, or 0. */
static size_t name_label(const char *t, size_t e, size_t i) {
  size_t j = i;
  for (int words = 0; words < 4;) {
    int32_t cp;
    vc_seg_cp(t, e, j, &cp);
    size_t w = vc_seg_word_end(t, e, j);
    if (!vc_seg_is_upper(cp) || w == j ||
        vc_seg_in_list(t + j, w - j, vc_seg_not_name_words))
      return 0;
    words++;
    j = w;
    if (j + 1 < e && t[j] == ':' && t[j + 1] == ' ')
      return words >= 2 ? j + 1 - i : 0;
    if (j >= e || t[j] != ' ')
      return 0;
    j++;
  }
  return 0;
}

/* Does a sentence end just before t[i] (or only a page number stand before it in its
 * line, from `s`)? */
static int after_sentence(const char *t, size_t s, size_t i) {
  size_t k = i;
  while (k > s && t[k - 1] == ' ')
    k--;
  if (k == i)
    return 0;
  size_t d = k;
  while (d > s && t[d - 1] >= '0' && t[d - 1] <= '9')
    d--;
  if (d == s)
    return 1; /* "2 Jane Doe: ..." at the top of a page */
  unsigned char c = (unsigned char)t[k - 1];
  if (strchr(".?!\")", c))
    return 1;
  return k >= s + 3 && (unsigned char)t[k - 3] == 0xE2 && (unsigned char)t[k - 2] == 0x80 &&
         (c == 0x9D || c == 0xA6); /* a closing quote or an ellipsis */
}

static void count_key(inline_keys *ks, const char *k, size_t n) {
  for (int i = 0; i < ks->n; i++)
    if (strlen(ks->key[i]) == n && memcmp(ks->key[i], k, n) == 0) {
      ks->count[i]++;
      return;
    }
  if (ks->n < INLINE_KEYS) {
    memcpy(ks->key[ks->n], k, n);
    ks->key[ks->n][n] = 0;
    ks->count[ks->n++] = 1;
  }
}

static int recurring_key(const inline_keys *ks, const char *k, size_t n) {
  for (int i = 0; i < ks->n; i++)
    if (strlen(ks->key[i]) == n && memcmp(ks->key[i], k, n) == 0)
      return ks->count[i] >= 2;
  return 0;
}

/* Is the text an inline-labelled transcript: two or more initials labels, each written
 * at least twice inside lines (not at their start)? */
static int inline_labelled(const vc_seg *g, inline_keys *ks) {
  memset(ks, 0, sizeof *ks);
  for (size_t p = 0; p < g->n_paras; p++)
    for (size_t i = g->paras[p].start + 1; i < g->paras[p].end; i++) {
      size_t m = initials_label(g->src, g->paras[p].end, i);
      if (m)
        count_key(ks, g->src + i, m - 1);
    }
  int keys = 0;
  for (int i = 0; i < ks->n; i++)
    keys += ks->count[i] >= 2;
  return keys >= 2;
}

/* Where the next inline label of para p starts after `from`, or its end. */
static size_t next_inline_label(const vc_seg *g, const inline_keys *ks, const vc_para *p,
                                size_t from) {
  for (size_t i = from + 1; i < p->end; i++) {
    if (i > p->start && g->src[i - 1] != ' ')
      continue;
    size_t m = initials_label(g->src, p->end, i);
    if (m && recurring_key(ks, g->src + i, m - 1))
      return i;
    if (name_label(g->src, p->end, i) && after_sentence(g->src, p->start, i))
      return i;
  }
  return p->end;
}

/* Splits lines at speaker labels written inside them, when the text labels its turns so
 * (oral histories and transcripts flattened from PDF): each label starts a line. */
static vc_status split_inline_labels(vc_seg *g) {
  inline_keys ks;
  if (!inline_labelled(g, &ks))
    return VC_OK;
  size_t extra = 0;
  for (size_t p = 0; p < g->n_paras; p++)
    for (size_t i = g->paras[p].start;
         (i = next_inline_label(g, &ks, &g->paras[p], i)) < g->paras[p].end;)
      extra++;
  vc_status st = vc_seg_grow((void **)&g->paras, &g->cap_paras, g->n_paras + extra,
                             sizeof *g->paras, VC_SEG_MAX_LINES);
  if (st != VC_OK)
    return vc_seg_over(g, st, "lines", VC_SEG_MAX_LINES);
  size_t o = g->n_paras + extra; /* fill from the back, in place */
  for (size_t p = g->n_paras; p-- > 0;) {
    vc_para line = g->paras[p];
    size_t cuts[64], nc = 0, i = line.start;
    while (nc < 64 && (i = next_inline_label(g, &ks, &line, i)) < line.end)
      cuts[nc++] = i;
    for (size_t c = nc + 1; c-- > 0;) {
      size_t s = c ? cuts[c - 1] : line.start, e = c < nc ? cuts[c] : line.end;
      trim(g->src, &s, &e);
      vc_para *q = &g->paras[--o];
      *q = line;
      q->start = q->body = s;
      q->end = e > s ? e : s;
      q->block_first = line.block_first && c == 0;
    }
  }
  /* pieces that were cut past the 64th label stay joined; drop the unused slots */
  if (o > 0)
    memmove(g->paras, g->paras + o, (g->n_paras + extra - o) * sizeof *g->paras);
  g->n_paras = g->n_paras + extra - o;
  return VC_OK;
}

/* Splits the source into non-blank lines grouped in blank-separated blocks. */
vc_status vc_seg_split_lines(vc_seg *g) {
  size_t block = 0, pos = 0;
  int fresh = 1, any = 0;
  while (pos < g->len) {
    const char *nl = memchr(g->src + pos, '\n', g->len - pos);
    size_t le = nl ? (size_t)(nl - g->src) : g->len;
    if (le - pos > VC_SEG_MAX_LINE_BYTES)
      return vc_seg_over(g, VC_ERR_LIMIT, "bytes in one line", VC_SEG_MAX_LINE_BYTES);
    size_t s = pos, e = le;
    trim(g->src, &s, &e);
    if (s < e) {
      if (fresh && any)
        block++;
      vc_status st = add_split_line(g, s, e, block, fresh);
      if (st != VC_OK)
        return st;
      fresh = 0;
      any = 1;
    } else {
      fresh = 1;
    }
    pos = le + 1;
  }
  join_wrapped(g);
  vc_status st = split_inline_labels(g);
  if (st != VC_OK)
    return st;
  for (size_t i = 0; i < g->n_paras;) {
    size_t j = i;
    while (j < g->n_paras && g->paras[j].block == g->paras[i].block)
      j++;
    for (size_t k = i; k < j; k++)
      g->paras[k].block_lines = (int)(j - i);
    i = j;
  }
  return VC_OK;
}

/* Walks the words of s[0..n): calls back with each word's span. */
typedef void (*word_fn)(const char *w, size_t wn, void *user);

static void each_word(const char *s, size_t n, word_fn fn, void *user) {
  for (size_t i = 0; i < n;) {
    int32_t cp;
    size_t k = vc_seg_cp(s, n, i, &cp);
    if (vc_seg_is_letter(cp) || (cp >= '0' && cp <= '9')) {
      size_t j = vc_seg_word_end(s, n, i);
      fn(s + i, j - i, user);
      i = j;
    } else {
      i += k ? k : 1;
    }
  }
}

typedef struct measure {
  int words, first_p, second_p;
} measure;

static void measure_word(const char *w, size_t wn, void *user) {
  measure *m = user;
  m->words++;
  if (vc_seg_in_list(w, wn, vc_seg_first_person))
    m->first_p++;
  else if (vc_seg_in_list(w, wn, vc_seg_second_person))
    m->second_p++;
}

/* Is the last sentence of s[0..n) a question? Closing quotes and brackets are skipped. */
static int ends_with_q(const char *s, size_t n) {
  size_t i = n;
  while (i > 0) {
    unsigned char c = (unsigned char)s[i - 1];
    if (c == '?')
      return 1;
    if (c == ')' || c == ']' || c == '"' || c == '\'' || c == ' ' || c == '*') {
      i--;
      continue;
    }
    if (i >= 3 && (unsigned char)s[i - 3] == 0xE2 && (unsigned char)s[i - 2] == 0x80 &&
        (c == 0x9D || c == 0x99)) {
      i -= 3;
      continue;
    }
    return 0;
  }
  return 0;
}

/* Fills the measurements of p's body. */
void vc_seg_measure(vc_seg *g, vc_para *p) {
  measure m = {0, 0, 0};
  const char *s = g->src + p->body;
  size_t n = p->end - p->body;
  each_word(s, n, measure_word, &m);
  p->words = m.words;
  p->first_p = m.first_p;
  p->second_p = m.second_p;
  p->ends_q = ends_with_q(s, n);
  p->has_q = memchr(s, '?', n) != NULL;
}

/* ---- boilerplate kinds ---- */

static int starts_with_any(const char *s, size_t n, const char *const *list) {
  for (size_t i = 0; list[i]; i++)
    if (vc_seg_prefix_ci(s, n, list[i]))
      return 1;
  return 0;
}

static int line_is_junk(const char *s, size_t n) {
  if (vc_seg_count_letters(s, n, NULL, NULL) == 0)
    return 1;
  size_t e = n;
  while (e > 0 && strchr(":.!|>»-", s[e - 1]))
    e--;
  for (size_t i = 0; vc_seg_junk_lines[i]; i++) {
    size_t m = strlen(vc_seg_junk_lines[i]);
    if (m == e && vc_seg_prefix_ci(s, e, vc_seg_junk_lines[i]))
      return 1;
  }
  return 0;
}

typedef struct slug_stats {
  int words, upper, digits, punct_end, inner_marks;
} slug_stats;

/* An image file name: no capitals, no sentence, hyphen/underscore/equals joined words,
 * or an image extension. */
static int line_is_slug(const char *s, size_t n) {
  for (size_t i = 0; vc_seg_image_exts[i]; i++) {
    size_t m = strlen(vc_seg_image_exts[i]);
    if (n > m && vc_seg_prefix_ci(s + n - m, m, vc_seg_image_exts[i]) && !memchr(s, ' ', n))
      return 1;
  }
  int upper = 0, lower = 0;
  vc_seg_count_letters(s, n, &upper, &lower);
  if (upper > 0 || lower == 0)
    return 0;
  char last = s[n - 1];
  if (last == '.' || last == '?' || last == '!' || last == ',' || last == ';')
    return 0;
  int spaces = 0, joins = 0;
  for (size_t i = 0; i < n; i++) {
    spaces += s[i] == ' ';
    joins += s[i] == '-' || s[i] == '_' || s[i] == '=' || s[i] == '/';
  }
  return spaces <= 10 && (joins > 0 || spaces <= 6);
}

static int is_cap_word(const char *s, size_t n, size_t i) {
  int32_t cp;
  vc_seg_cp(s, n, i, &cp);
  return vc_seg_is_upper(cp);
}

static int line_is_date(const char *s, size_t n);

/* A poster's handle alone after "posted by" ("posted by jdoe34", "Submitted by
 * river_fan"): one word without spaces that holds a digit or an underscore, or follows a
 * posting word (handle_bylines). */
static int byline_handle(const char *s, size_t n, size_t m, const char *start) {
  int mark = 0;
  for (size_t i = m; i < n; i++) {
    if (s[i] == ' ')
      return 0;
    mark |= (s[i] >= '0' && s[i] <= '9') || s[i] == '_';
  }
  return n > m && (mark || vc_seg_in_list(start, strlen(start), vc_seg_handle_bylines));
}

/* "By Jane Doe", "By Jane Doe and John Roe", "Interview by Jane Doe, Staff Writer", "By
 * the Acme Gazette staff", "Posted by the Acme Team on May 1, 2020", "posted by jdoe34". */
static int line_is_byline(const char *s, size_t n) {
  const char *bar = memchr(s, '|', n); /* "By Jane Doe | Friday, May 1, 2020" */
  if (bar && bar > s)
    n = (size_t)(bar - s);
  for (size_t i = 0; i + 4 < n; i++) /* "... on May 1, 2020" */
    if (vc_seg_prefix_ci(s + i, n - i, " on ") && line_is_date(s + i + 4, n - i - 4)) {
      n = i;
      break;
    }
  while (n > 0 && s[n - 1] == ' ')
    n--;
  for (size_t b = 0; vc_seg_byline_starts[b]; b++) {
    const char *start = vc_seg_byline_starts[b];
    size_t m = strlen(start);
    if (!vc_seg_prefix_ci(s, n, start) || n <= m)
      continue;
    if (byline_handle(s, n, m, start))
      return 1;
    size_t from = m;
    if (vc_seg_prefix_ci(s + m, n - m, "the ")) /* "by the Acme Team" */
      from += 4;
    if (from >= n || !is_cap_word(s, n, from))
      continue;
    int words = 0, caps = 0;
    for (size_t i = from; i < n;) {
      size_t j = vc_seg_word_end(s, n, i);
      if (j > i) {
        words++;
        caps += is_cap_word(s, n, i) || vc_seg_word_eq(s + i, j - i, "and") ||
                (j == n && vc_seg_in_list(s + i, j - i, vc_seg_staff_words));
        i = j;
      } else {
        i++;
      }
    }
    if (words >= 1 && words <= 8 && caps * 4 >= words * 3 && !memchr(s, '.', n - 1))
      return 1;
  }
  return 0;
}

static int is_number(const char *w, size_t wn) {
  for (size_t i = 0; i < wn; i++)
    if ((w[i] < '0' || w[i] > '9') && w[i] != ':' && w[i] != '-' && w[i] != '/' &&
        w[i] != '.')
      return 0;
  return wn > 0;
}

typedef struct date_scan {
  int words, dateish, marker;
} date_scan;

static void date_word(const char *w, size_t wn, void *user) {
  date_scan *d = user;
  d->words++;
  size_t m = wn;
  while (m > 0 && w[m - 1] == '.')
    m--;
  if (vc_seg_in_list(w, m, vc_seg_months) ||
      (wn >= 8 && is_number(w, wn) && memchr(w, '-', wn)))
    d->marker++;
  if (vc_seg_in_list(w, m, vc_seg_months) || vc_seg_in_list(w, m, vc_seg_weekdays) ||
      vc_seg_in_list(w, m, vc_seg_date_words) || is_number(w, wn))
    d->dateish++;
  else if (wn == 4 && is_number(w, wn))
    d->dateish++;
}

/* A line made only of a date, a time and their words ("October 23, 2020 at 10:00 AM"). */
static int line_is_date(const char *s, size_t n) {
  if (n > 120)
    return 0;
  for (size_t b = 0; vc_seg_date_line_starts[b]; b++) { /* "Archive for <date>" */
    size_t m = strlen(vc_seg_date_line_starts[b]);
    if (n > m && vc_seg_prefix_ci(s, n, vc_seg_date_line_starts[b]))
      return line_is_date(s + m, n - m);
  }
  date_scan d = {0, 0, 0};
  each_word(s, n, date_word, &d);
  return d.words > 0 && d.words <= 12 && d.dateish == d.words && d.marker > 0;
}

/* "date 2020-11-20 Text..." or "Published: Jan. 3, 2021 | Text": returns where the text
 * starts, or 0 when the line has no metadata prefix. The prefix must hold a date (a month,
 * a weekday or a number): "Time for our panel" opens with a key and a date word only. */
static size_t meta_prefix(const char *s, size_t n) {
  if (!starts_with_any(s, n, vc_seg_meta_keys))
    return 0;
  size_t i = 0, last = 0;
  int words = 0, dated = 0;
  while (i < n && words < 12) {
    size_t j = vc_seg_word_end(s, n, i);
    if (j == i) {
      if (strchr(" \t:,.|-", s[i]) == NULL && (unsigned char)s[i] < 0x80)
        break;
      size_t k;
      if ((unsigned char)s[i] >= 0x80 && !vc_seg_is_space_at(s, n, i, &k))
        break;
      i++;
      continue;
    }
    date_scan d = {0, 0, 0};
    date_word(s + i, j - i, &d);
    if (!d.dateish && !starts_with_any(s + i, j - i, vc_seg_meta_keys))
      break;
    dated |= d.marker || is_number(s + i, j - i) ||
             vc_seg_in_list(s + i, j - i, vc_seg_weekdays);
    words++;
    i = j;
    last = i;
  }
  size_t k;
  while (last < n && vc_seg_is_space_at(s, n, last, &k))
    last += k;
  while (last < n && (s[last] == ':' || s[last] == '|' || s[last] == ' '))
    last++;
  return words >= 2 && dated && last < n ? last : 0;
}

typedef struct promo_scan {
  int hits;
  unsigned long seen;
} promo_scan;

static void promo_word(const char *w, size_t wn, void *user) {
  promo_scan *p = user;
  for (size_t i = 0; vc_seg_promo_words[i] && i < 64; i++) {
    if (vc_seg_word_eq(w, wn, vc_seg_promo_words[i]) && !(p->seen & (1ul << i))) {
      p->seen |= 1ul << i;
      p->hits++;
    }
  }
}

/* Does s[0..n) hold one of the phrases, case-insensitively, at a word start? */
static int contains_any(const char *s, size_t n, const char *const *list) {
  for (size_t i = 0; i < n; i++)
    if (vc_seg_starts_word(s, n, i))
      for (size_t k = 0; list[k]; k++)
        if (vc_seg_prefix_ci(s + i, n - i, list[k]))
          return 1;
  return 0;
}

static int line_is_promo(const char *s, size_t n) {
  if (starts_with_any(s, n, vc_seg_promo_starts))
    return 1;
  int spaces = 0;
  for (size_t i = 0; i < n; i++)
    spaces += s[i] == ' ';
  if (spaces < 40 && contains_any(s, n, vc_seg_promo_phrases))
    return 1;
  promo_scan p = {0, 0};
  each_word(s, n, promo_word, &p);
  return p.hits >= 4;
}

static int line_is_credit(const char *s, size_t n) {
  if (starts_with_any(s, n, vc_seg_credit_starts))
    return 1;
  /* a short line wholly in parentheses: "(Agency Name / Photographer)" */
  if (n >= 2 && s[0] == '(' && s[n - 1] == ')' && !memchr(s + 1, '(', n - 2)) {
    int spaces = 0;
    for (size_t i = 0; i < n; i++)
      spaces += s[i] == ' ';
    return spaces <= 12;
  }
  return 0;
}

typedef struct note_scan {
  int hits;
} note_scan;

static void note_word(const char *w, size_t wn, void *user) {
  note_scan *s = user;
  s->hits += vc_seg_in_list(w, wn, vc_seg_note_words);
}

/* Is w a numeral: digits, a Roman numeral ("IV") or a number word ("One", "Twelve")? */
static int numeral(const char *w, size_t wn) {
  size_t d = 0, r = 0;
  for (size_t i = 0; i < wn; i++) {
    d += w[i] >= '0' && w[i] <= '9';
    r += strchr("IVXivx", w[i]) != NULL && w[i] != 0;
  }
  return (wn > 0 && (d == wn || r == wn)) || vc_seg_in_list(w, wn, vc_seg_number_words);
}

/* A programme's section heading ("Prologue", "Prologue: Prologue", "Act One: The Long
 * Walk", "Act Two. No, Of Course", "Part 3"): the line opens with a capitalised word of
 * data/segment-words.tsv section_heads, a word that needs a number ("Act", "Part") has
 * one next, then the line ends or a mark (':', '.', a dash) starts a short title of at
 * most twelve words. The narrator's, never a speaker's label. */
static int line_is_section(const char *s, size_t n) {
  size_t j = vc_seg_word_end(s, n, 0);
  if (j == 0 || !(s[0] >= 'A' && s[0] <= 'Z'))
    return 0;
  int numbered = vc_seg_in_list(s, j, vc_seg_section_heads_numbered);
  if (!numbered && !vc_seg_in_list(s, j, vc_seg_section_heads))
    return 0;
  if (numbered) {
    size_t k = j < n && s[j] == ' ' ? j + 1 : n;
    size_t e = k < n ? vc_seg_word_end(s, n, k) : k;
    if (e == k || !numeral(s + k, e - k))
      return 0;
    j = e;
  }
  if (j >= n)
    return 1;
  if (!strchr(":.-", s[j]) &&
      !(j + 1 < n && s[j] == ' ' && (unsigned char)s[j + 1] == 0xE2))
    return 0;
  int words = 0;
  for (size_t i = j; i < n; i++)
    words += s[i] == ' ';
  return words <= 12;
}

/* "[Note: ...]", "Editor's note: ...", "This interview has been edited for clarity." */
static int line_is_note(const char *s, size_t n) {
  if ((n >= 2 && s[0] == '[' && s[n - 1] == ']') || line_is_section(s, n))
    return 1;
  if (vc_seg_prefix_ci(s, n, "editor's note") || vc_seg_prefix_ci(s, n, "editor’s note") ||
      vc_seg_prefix_ci(s, n, "editors' note") || vc_seg_prefix_ci(s, n, "note:"))
    return 1;
  note_scan ns = {0};
  each_word(s, n, note_word, &ns);
  int words = 0;
  for (size_t i = 0; i < n; i++)
    words += s[i] == ' ';
  return ns.hits >= 2 && words < 40;
}

/* The first line of a WebVTT file ("WEBVTT", "WEBVTT - title"): the format's header. */
static int line_is_vtt_header(const char *s, size_t n) {
  return n >= 6 && memcmp(s, "WEBVTT", 6) == 0 && (n == 6 || s[6] == ' ' || s[6] == '\t');
}

/* A photo caption that ends with its credit in the same line ("The north hall, seen
 * from the stairs. Photo courtesy of the city archive."): a credit sentence of a few words
 * closing a short line. */
static int line_ends_with_credit(const char *s, size_t n) {
  int words = 0;
  for (size_t i = 0; i < n; i++)
    words += s[i] == ' ';
  if (words >= 60)
    return 0;
  for (size_t i = n; i-- > 2;) {
    if (s[i - 1] != ' ' || !strchr(".!?\"", s[i - 2]))
      continue;
    int tail = 0;
    for (size_t k = i; k < n; k++)
      tail += s[k] == ' ';
    return tail < 12 && starts_with_any(s + i, n - i, vc_seg_credit_starts);
  }
  return 0;
}

/* A copyright line ("© 2024 The Acme Gazette. All rights reserved."): page chrome. */
int vc_seg_line_is_copyright(const char *s, size_t n) {
  int spaces = 0;
  for (size_t i = 0; i < n; i++)
    spaces += s[i] == ' ';
  return spaces < 20 && starts_with_any(s, n, vc_seg_copyright_starts);
}

static vc_drop drop_kind(const char *s, size_t n) {
  if (line_is_vtt_header(s, n))
    return VC_DROP_DATE;
  if (line_is_junk(s, n) || vc_seg_line_is_copyright(s, n))
    return VC_DROP_JUNK;
  if (line_is_byline(s, n))
    return VC_DROP_BYLINE; /* before slugs: "posted by jdoe34" has no capitals either */
  if (line_is_slug(s, n))
    return VC_DROP_SLUG;
  if (line_is_date(s, n))
    return VC_DROP_DATE;
  if (line_is_credit(s, n))
    return VC_DROP_CREDIT;
  if (line_ends_with_credit(s, n))
    return VC_DROP_CAPTION;
  if (line_is_promo(s, n))
    return VC_DROP_PROMO;
  return VC_DROP_NONE;
}

/* Lines of a block above a credit line are its photo's caption. */
static void mark_captions(vc_seg *g) {
  for (size_t i = 0; i < g->n_paras; i++) {
    if (g->paras[i].drop != VC_DROP_CREDIT)
      continue;
    size_t j = i;
    while (j > 0 && g->paras[j - 1].block == g->paras[i].block && i - (j - 1) <= 3 &&
           g->paras[j - 1].drop == VC_DROP_NONE && g->paras[j - 1].words <= 60)
      j--;
    for (size_t k = j; k < i; k++)
      g->paras[k].drop = VC_DROP_CAPTION;
  }
}

/* A short paragraph just above a date line in the middle of the body is the headline
 * of a linked article. */
static void mark_teasers(vc_seg *g) {
  size_t body_seen = 0;
  for (size_t i = 0; i < g->n_paras; i++) {
    vc_para *p = &g->paras[i];
    if (p->drop == VC_DROP_NONE && p->words > 30)
      body_seen++;
    if (p->drop != VC_DROP_DATE || body_seen == 0 || i == 0)
      continue;
    vc_para *q = &g->paras[i - 1];
    if (q->drop == VC_DROP_NONE && q->words <= 45 && !q->note)
      q->drop = VC_DROP_PROMO;
  }
}

/* Does line p end a sentence? */
static int ends_sentence(const vc_seg *g, const vc_para *p) {
  size_t e = p->end;
  while (e > p->start && strchr("\"')]", g->src[e - 1]))
    e--;
  return e > p->start && strchr(".?!", g->src[e - 1]);
}

/* A page repeats its header (a title, a standfirst, a menu line) above the text: a line
 * that repeats an earlier line word for word is page chrome when it is no sentence of
 * speech: three words or more, and no sentence at its end or twelve words or more (speech
 * repeats short answers, "That is correct.", never a long line nor a title). A line with a
 * colon is left to the label reader ("Name: date" twice is a dateline it knows). */
static void mark_repeats(vc_seg *g) {
  for (size_t i = 1; i < g->n_paras; i++) {
    vc_para *p = &g->paras[i];
    size_t n = p->end - p->start;
    if (p->drop != VC_DROP_NONE || p->note || p->words < 3 ||
        (p->words < 12 && ends_sentence(g, p)) || memchr(g->src + p->start, ':', n))
      continue;
    for (size_t j = 0; j < i; j++)
      if (g->paras[j].end - g->paras[j].start == n &&
          memcmp(g->src + g->paras[j].start, g->src + p->start, n) == 0) {
        p->drop = VC_DROP_JUNK;
        break;
      }
  }
}

enum { PULL_CHECKS = 64 }; /* a cost cap: each check reads the whole text */

/* A pull quote: a short line that is one quotation and nothing else ("“You trimmed the wick
 * every four hours.”") whose words the text also says elsewhere, in another line: the page
 * repeating a line of speech in large type between paragraphs. Not speech a second time,
 * and not a new turn. */
static void mark_pull_quotes(vc_seg *g) {
  int checks = 0;
  for (size_t i = 0; i < g->n_paras && checks < PULL_CHECKS; i++) {
    vc_para *p = &g->paras[i];
    size_t ol, cl, s = p->start, e = p->end;
    if (p->drop != VC_DROP_NONE || p->note || p->words < 4 || p->words > 40)
      continue;
    if (g->src[s] == '"')
      ol = 1;
    else if (!vc_seg_is_open_quote(g->src, e, s, &ol))
      continue;
    size_t k = e;
    while (k > s && ((unsigned char)g->src[k - 1] & 0xC0) == 0x80)
      k--;
    int closes = k > s && g->src[k - 1] == '"';
    if (closes)
      cl = 1;
    else if (k > s)
      closes = vc_seg_is_close_quote(g->src, e, k - 1, &cl);
    if (!closes || k - 1 + cl != e || k - 1 < s + ol ||
        memchr(g->src + s + ol, '"', k - 1 - s - ol))
      continue;                         /* one quotation, no other inside */
    size_t is = s + ol + 1, ie = k - 1; /* the words inside the marks, past the first
                                            letter, whose case the pull quote may change */
    while (ie > is && strchr(".,!?", g->src[ie - 1]))
      ie--;
    if (ie <= is + 10)
      continue;
    checks++;
    for (size_t at = 0; at + (ie - is) <= g->len; at++) {
      const char *hit = memchr(g->src + at, g->src[is], g->len - at);
      if (!hit)
        break;
      at = (size_t)(hit - g->src);
      if ((at < s || at >= e) && at + (ie - is) <= g->len &&
          memcmp(g->src + at, g->src + is, ie - is) == 0) {
        p->drop = VC_DROP_CAPTION;
        break;
      }
    }
  }
}

/* Decides the boilerplate kind, metadata prefix and note flag of every line. */
void vc_seg_classify(vc_seg *g) {
  for (size_t i = 0; i < g->n_paras; i++) {
    vc_para *p = &g->paras[i];
    const char *s = g->src + p->start;
    size_t n = p->end - p->start;
    size_t skip = line_is_date(s, n) || line_is_byline(s, n) ? 0 : meta_prefix(s, n);
    if (skip) {
      p->body = p->start + skip;
      s += skip;
      n -= skip;
    }
    p->note = line_is_note(s, n);
    p->drop =
        p->note || vc_seg_shape_label_at(g, p->start) ? VC_DROP_NONE : drop_kind(s, n);
    vc_seg_measure(g,
                   p); /* a label segment_shapes.c wrote opens a turn, no page chrome
                          ("jdoe:  ok thanks" has no capitals, as a file name has none) */
  }
  mark_captions(g);
  mark_teasers(g);
  mark_repeats(g);
  mark_pull_quotes(g);
}
