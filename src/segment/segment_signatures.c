/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter signatures: wiki talk-page and forum interviews where each contribution ends
 * with its writer's signature ("--Jane Doe (talk) 12:01, 3 May 2008 (UTC)"). */
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

enum { SIGS_MAX = 1 << 16 };

/* Steps back over blanks before t[k]. */
static size_t back_blanks(const char *t, size_t lo, size_t k) {
  while (k > lo && (t[k - 1] == ' ' || t[k - 1] == '\t'))
    k--;
  return k;
}

/* Does t[lo..k) end with the literal `lit` (case-insensitively)? Returns its start, or k.
 */
static size_t ends_with(const char *t, size_t lo, size_t k, const char *lit) {
  size_t n = strlen(lit);
  if (k < lo + n || !vc_seg_prefix_ci(t + k - n, n, lit))
    return k;
  return k - n;
}

/* "12:01, 3 May 2008" (a signature's time) ending at t[k]: its start, or k. */
static size_t sig_time(const char *t, size_t lo, size_t k) {
  size_t i = k;
  int words = 0, digits = 0;
  while (i > lo && words < 5) {
    size_t j = back_blanks(t, lo, i);
    if (j < i && words == 0)
      break;
    size_t w = j;
    while (w > lo && t[w - 1] != ' ' && t[w - 1] != '\t')
      w--;
    if (w == j)
      break;
    for (size_t c = w; c < j; c++)
      digits += t[c] >= '0' && t[c] <= '9';
    words++;
    i = w;
    if (memchr(t + w, ':', j - w))
      return digits >= 6 ? w : k; /* the clock opens it */
    i = back_blanks(t, lo, i);
  }
  return k;
}

/* The signature at the end of line t[s..e): a dash (or tildes), the writer's name of one to
 * four words, then "(talk ...)" and/or a time closed by "(UTC)", and perhaps "[reply]".
 * Evidence: the talk link or the UTC time a wiki writes after a name. Sets the name and
 * returns where the signature starts, or e. */
static size_t signature_at(const char *t, size_t s, size_t e, size_t *ns, size_t *ne) {
  size_t k = back_blanks(t, s, e);
  k = back_blanks(t, s, ends_with(t, s, k, "[reply]"));
  int marked = 0;
  size_t u = ends_with(t, s, k, "(utc)");
  if (u < k) {
    size_t c = sig_time(t, s, back_blanks(t, s, u));
    if (c == back_blanks(t, s, u))
      return e;
    k = back_blanks(t, s, c);
    marked = 1;
  }
  if (k > s && t[k - 1] == ')') { /* "(talk)", "(talk | contribs)" */
    size_t o = k - 1;
    while (o > s && t[o - 1] != '(' && k - o < 40)
      o--;
    if (o > s && t[o - 1] == '(' && vc_seg_prefix_ci(t + o, k - o, "talk")) {
      k = back_blanks(t, s, o - 1);
      marked = 1;
    }
  }
  if (!marked)
    return e;
  size_t mark = k, after = k; /* the last dash or tildes within reach before the name */
  for (size_t i = k; i > s && k - i < 64; i--) {
    unsigned char c = (unsigned char)t[i - 1];
    if (c == '-' || c == '~') {
      after = i;
      mark = i - 1;
      while (mark > s && (t[mark - 1] == '-' || t[mark - 1] == '~'))
        mark--;
      break;
    }
    if (c >= 0x80 && i >= s + 3 && (unsigned char)t[i - 3] == 0xE2 &&
        (unsigned char)t[i - 2] == 0x80 && (c == 0x94 || c == 0x93)) {
      after = i;
      mark = i - 3;
      break;
    }
  }
  if (mark == k || mark == s)
    return e; /* no dash before the name, or nothing signed */
  size_t name_s = after, name_e = k;
  while (name_s < name_e && t[name_s] == ' ')
    name_s++;
  int words = 0;
  for (size_t i = name_s; i < name_e;) {
    size_t j = i;
    while (j < name_e && t[j] != ' ')
      j++;
    words++;
    if (memchr(t + i, '.', j - i) && j - i > 3)
      return e; /* a sentence, not a name */
    i = j;
    while (i < name_e && t[i] == ' ')
      i++;
  }
  if (words < 1 || words > 4)
    return e;
  *ns = name_s;
  *ne = name_e;
  return back_blanks(t, s, mark);
}

/* Does line t[s..at) (before its signature) end with a question? */
static int asks(const char *t, size_t s, size_t at) {
  size_t k = back_blanks(t, s, at);
  return k > s && t[k - 1] == '?';
}

typedef struct sig_line {
  size_t s, e, at, ns, ne; /* the line, its signature, the signer's name */
} sig_line;

/* The lines between signed questions answer them: each is labelled "A" (an answer
 * label, named from the introduction by the label reader) until the next signed line. */
static vc_status tag_answers(const char *t, size_t len, const sig_line *sl, size_t n,
                             vc_seg_edit **ed, size_t *ne, size_t *cap) {
  vc_status st = VC_OK;
  for (size_t k = 0; st == VC_OK && k < n; k++) {
    size_t pos = sl[k].e, stop = k + 1 < n ? sl[k + 1].s : len;
    while (st == VC_OK && pos < stop) {
      const char *nl = memchr(t + pos, '\n', stop - pos);
      size_t le = nl ? (size_t)(nl - t) : stop, s = pos;
      pos = le + 1;
      while (s < le && (t[s] == ' ' || t[s] == '\t' || t[s] == '\r'))
        s++;
      if (s == le)
        continue;
      st = vc_seg_grow((void **)ed, cap, *ne + 1, sizeof **ed, SIGS_MAX);
      if (st == VC_OK) {
        memset(&(*ed)[*ne], 0, sizeof **ed);
        (*ed)[*ne].at = s;
        snprintf((*ed)[*ne].ins, sizeof(*ed)[*ne].ins, "<v A>");
        (*ne)++;
      }
    }
  }
  return st;
}

static int by_offset(const void *a, const void *b) {
  const vc_seg_edit *x = a, *y = b;
  return x->at < y->at ? -1 : x->at > y->at;
}

vc_status vc_seg_signatures(const char *t, size_t len, vc_seg_edit **out, size_t *n_out) {
  *out = NULL;
  *n_out = 0;
  sig_line *sl = NULL;
  size_t n = 0, cap = 0, questions = 0;
  vc_status st = VC_OK;
  for (size_t pos = 0; st == VC_OK && pos < len;) {
    const char *nl = memchr(t + pos, '\n', len - pos);
    size_t le = nl ? (size_t)(nl - t) : len, s = pos, e = le;
    pos = le + 1;
    while (s < e && (t[s] == ' ' || t[s] == '\t'))
      s++;
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
      e--;
    size_t ns = 0, ne = 0, at = signature_at(t, s, e, &ns, &ne);
    if (at == e || ne - ns >= VC_SEG_NAME_MAX - 8 || e - at >= VC_SEG_NAME_MAX)
      continue;
    st = vc_seg_grow((void **)&sl, &cap, n + 1, sizeof *sl, SIGS_MAX);
    if (st == VC_OK)
      sl[n++] = (sig_line){s, e, at, ns, ne};
    questions += asks(t, s, at);
  }
  if (st != VC_OK || n < 2) { /* one signed line is no talk page's layout */
    free(sl);
    return st;
  }
  vc_seg_edit *ed = calloc(2 * n, sizeof *ed);
  size_t m = 0, ecap = 2 * n;
  if (!ed)
    st = VC_ERR_NOMEM;
  for (size_t k = 0; st == VC_OK && k < n; k++) {
    ed[m].at = sl[k].s; /* the writer as the line's voice tag */
    snprintf(ed[m].ins, sizeof ed[m].ins, "<v %.*s>", (int)(sl[k].ne - sl[k].ns),
             t + sl[k].ns);
    ed[m + 1].at = sl[k].at; /* the signature: not spoken */
    ed[m + 1].cut = sl[k].e - sl[k].at;
    memset(ed[m + 1].over, ' ', ed[m + 1].cut);
    m += 2;
  }
  if (st == VC_OK && questions * 3 >= n * 2) /* the signers ask: the lines between answer */
    st = tag_answers(t, len, sl, n, &ed, &m, &ecap);
  free(sl);
  if (st != VC_OK) {
    free(ed);
    return st;
  }
  qsort(ed, m, sizeof *ed, by_offset);
  *out = ed;
  *n_out = m;
  return VC_OK;
}
