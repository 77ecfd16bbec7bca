/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter helpers: UTF-8 code points, letter classes, words, quote marks, growth. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "segment_internal.h"

/* Grows *p (elements of `elem` bytes, capacity *cap) to hold `need`; fails with
 * VC_ERR_LIMIT past `max` elements. The old block stays valid on failure. */
vc_status vc_seg_over(vc_seg *g, vc_status st, const char *what, size_t max) {
  if (st == VC_ERR_LIMIT && !g->over) {
    g->over = what;
    g->over_max = max;
  }
  return st;
}

vc_status vc_seg_grow(void **p, size_t *cap, size_t need, size_t elem, size_t max) {
  if (need <= *cap)
    return VC_OK;
  if (need > max)
    return VC_ERR_LIMIT;
  size_t n = *cap ? *cap : 16;
  while (n < need)
    n = n > max / 2 ? max : n * 2;
  if (n > SIZE_MAX / elem)
    return VC_ERR_LIMIT;
  void *q = realloc(*p, n * elem);
  if (!q)
    return VC_ERR_NOMEM;
  *p = q;
  *cap = n;
  return VC_OK;
}

/* Decodes the code point at s[i]; returns its length (1 for a bad byte, cp = -1). */
size_t vc_seg_cp(const char *s, size_t n, size_t i, int32_t *cp) {
  if (i >= n) {
    *cp = -1;
    return 0;
  }
  utf8proc_int32_t c = -1;
  utf8proc_ssize_t k =
      utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
  if (k <= 0) {
    *cp = -1;
    return 1;
  }
  *cp = c;
  return (size_t)k;
}

int vc_seg_is_letter(int32_t cp) {
  if (cp < 0)
    return 0;
  if (cp < 128)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  utf8proc_category_t c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int vc_seg_is_upper(int32_t cp) {
  if (cp < 0)
    return 0;
  if (cp < 128)
    return cp >= 'A' && cp <= 'Z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
         utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

int vc_seg_is_lower(int32_t cp) {
  if (cp < 0)
    return 0;
  if (cp < 128)
    return cp >= 'a' && cp <= 'z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Is s[i] white space (ASCII, no-break, Unicode spaces, BOM, zero width)? */
int vc_seg_is_space_at(const char *s, size_t n, size_t i, size_t *len) {
  int32_t cp;
  size_t k = vc_seg_cp(s, n, i, &cp);
  *len = k ? k : 1;
  if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v')
    return 1;
  if (cp == 0xA0 || cp == 0xFEFF || cp == 0x200B || cp == 0x202F || cp == 0x3000 ||
      cp == 0x2060)
    return 1;
  return cp >= 0x2000 && cp <= 0x200A;
}

static int is_word_cp(int32_t cp) {
  return vc_seg_is_letter(cp) || (cp >= '0' && cp <= '9');
}

/* End of the word starting at s[i]: letters and digits, with inner apostrophes,
 * hyphens and periods of initials ("don't", "co-writer", "U.S"). */
size_t vc_seg_word_end(const char *s, size_t n, size_t i) {
  size_t j = i;
  while (j < n) {
    int32_t cp;
    size_t k = vc_seg_cp(s, n, j, &cp);
    if (is_word_cp(cp)) {
      j += k;
      continue;
    }
    if (cp == '\'' || cp == 0x2019 || cp == '-' || cp == '.') {
      int32_t nx;
      vc_seg_cp(s, n, j + k, &nx);
      if (j > i && is_word_cp(nx) && !(cp == '.' && !vc_seg_is_upper(nx))) {
        j += k;
        continue;
      }
    }
    break;
  }
  return j;
}

/* Case-insensitive comparison of a word with an ASCII literal; the typographic
 * apostrophe matches '\''. */
int vc_seg_word_eq(const char *w, size_t wn, const char *lit) {
  size_t i = 0, j = 0;
  while (i < wn && lit[j]) {
    unsigned char c = (unsigned char)w[i];
    if (c == 0xE2 && i + 2 < wn && (unsigned char)w[i + 1] == 0x80 &&
        (unsigned char)w[i + 2] == 0x99) {
      if (lit[j] != '\'')
        return 0;
      i += 3;
      j++;
      continue;
    }
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c - 'A' + 'a');
    if (c != (unsigned char)lit[j])
      return 0;
    i++;
    j++;
  }
  return i == wn && !lit[j];
}

int vc_seg_in_list(const char *w, size_t wn, const char *const *list) {
  if (wn == 0 || wn > 48)
    return 0;
  unsigned char c = (unsigned char)w[0];
  if (c >= 'A' && c <= 'Z')
    c = (unsigned char)(c - 'A' + 'a');
  for (size_t i = 0; list[i]; i++)
    if ((unsigned char)list[i][0] == c && vc_seg_word_eq(w, wn, list[i]))
      return 1;
  return 0;
}

/* Does s[0..n) start with the literal, case-insensitively, ending on a word boundary
 * unless the literal ends with a space or punctuation? */
int vc_seg_prefix_ci(const char *s, size_t n, const char *lit) {
  size_t m = strlen(lit);
  if (m > n)
    return 0;
  for (size_t i = 0; i < m; i++) {
    unsigned char a = (unsigned char)s[i], b = (unsigned char)lit[i];
    if (a >= 'A' && a <= 'Z')
      a = (unsigned char)(a - 'A' + 'a');
    if (a != b)
      return 0;
  }
  if (m == n)
    return 1;
  unsigned char last = (unsigned char)lit[m - 1];
  if (!((last >= 'a' && last <= 'z') || (last >= '0' && last <= '9')))
    return 1;
  int32_t cp;
  vc_seg_cp(s, n, m, &cp);
  return !is_word_cp(cp);
}

/* Is s[i] the start of a word (not preceded by a letter or digit)? */
int vc_seg_starts_word(const char *s, size_t n, size_t i) {
  if (i == 0)
    return 1;
  size_t j = i - 1;
  while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
    j--;
  int32_t cp;
  vc_seg_cp(s, n, j, &cp);
  return !is_word_cp(cp);
}

/* A double opening quotation mark: “ or „ or « (straight quotes are left to the caller). */
int vc_seg_is_open_quote(const char *s, size_t n, size_t i, size_t *len) {
  int32_t cp;
  size_t k = vc_seg_cp(s, n, i, &cp);
  *len = k;
  return cp == 0x201C || cp == 0x201E || cp == 0xAB;
}

int vc_seg_is_close_quote(const char *s, size_t n, size_t i, size_t *len) {
  int32_t cp;
  size_t k = vc_seg_cp(s, n, i, &cp);
  *len = k;
  return cp == 0x201D || cp == 0xBB;
}

/* Upper-cases ASCII and collapses spaces into `out` (NUL-terminated); returns length. */
size_t vc_seg_upper_key(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0;
  int space = 0;
  for (size_t i = 0; i < n && o + 1 < cap; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = o > 0;
      continue;
    }
    if (space && o + 2 < cap)
      out[o++] = ' ';
    space = 0;
    if (c >= 'a' && c <= 'z')
      c = (unsigned char)(c - 'a' + 'A');
    out[o++] = (char)c;
  }
  while (o > 0 && (out[o - 1] & 0xC0) == 0x80 && o + 1 >= cap)
    o--; /* never cut a character in two */
  out[o] = 0;
  return o;
}

/* Copies a name, collapsing runs of white space, cutting only between characters. */
size_t vc_seg_copy_name(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0;
  int space = 0;
  for (size_t i = 0; i < n;) {
    size_t k;
    if (vc_seg_is_space_at(s, n, i, &k)) {
      space = o > 0;
      i += k;
      continue;
    }
    int32_t cp;
    k = vc_seg_cp(s, n, i, &cp);
    if (o + k + (space ? 1 : 0) + 1 > cap)
      break;
    if (space)
      out[o++] = ' ';
    space = 0;
    memcpy(out + o, s + i, k);
    o += k;
    i += k;
  }
  out[o] = 0;
  return o;
}

/* Counts letters, and upper/lower-case ones, in s[0..n). */
int vc_seg_count_letters(const char *s, size_t n, int *upper, int *lower) {
  int all = 0, up = 0, lo = 0;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    size_t k = vc_seg_cp(s, n, i, &cp);
    if (vc_seg_is_letter(cp)) {
      all++;
      up += vc_seg_is_upper(cp);
      lo += vc_seg_is_lower(cp);
    }
    i += k ? k : 1;
  }
  if (upper)
    *upper = up;
  if (lower)
    *lower = lo;
  return all;
}

/* Where a word glued to the next one by a missing space ends ("filmmakerJane"): a lower
 * case letter followed by a capital, at least three letters in. */
static size_t glued_end(const char *s, size_t n, size_t i, size_t j) {
  int32_t prev = -1;
  size_t letters = 0;
  for (size_t k = i; k < j;) {
    int32_t cp;
    size_t m = vc_seg_cp(s, n, k, &cp);
    if (letters >= 3 && vc_seg_is_lower(prev) && vc_seg_is_upper(cp))
      return k;
    letters += vc_seg_is_letter(cp);
    prev = cp;
    k += m ? m : 1;
  }
  return j;
}

/* Splits src[s..e) into words with their flags; *out grows as needed (caller frees). */
vc_status vc_seg_tokens(const char *src, size_t s, size_t e, vc_tok **out, size_t *n,
                        size_t *cap) {
  *n = 0;
  int sent = 1, tight = 0;
  for (size_t i = s; i < e;) {
    int32_t cp;
    size_t k = vc_seg_cp(src, e, i, &cp);
    if (!(vc_seg_is_letter(cp) || (cp >= '0' && cp <= '9'))) {
      size_t sp;
      if (vc_seg_is_space_at(src, e, i, &sp)) {
        i += sp;
        continue;
      }
      if (cp == '.' || cp == '?' || cp == '!' || cp == ':' || cp == 0x201C || cp == '"')
        sent = 1;
      tight = 0;
      i += k ? k : 1;
      continue;
    }
    size_t j = glued_end(src, e, i, vc_seg_word_end(src, e, i));
    vc_status st =
        vc_seg_grow((void **)out, cap, *n + 1, sizeof **out, VC_SEG_MAX_LINE_BYTES);
    if (st != VC_OK)
      return st;
    int up = 0, lo = 0;
    int letters = vc_seg_count_letters(src + i, j - i, &up, &lo);
    vc_tok *t = &(*out)[(*n)++];
    t->s = i;
    t->e = j;
    t->cap = vc_seg_is_upper(cp) ? 1u : 0u;
    t->caps = letters >= 2 && up == letters;
    t->sent = (unsigned)sent;
    t->tight = (unsigned)(tight && *n > 1);
    sent = 0;
    tight = 1;
    i = j;
  }
  return VC_OK;
}

/* "2018-06-04 " or "2018-06-04T" at s[j]: a date before a chat log's time. */
static size_t date_before_time(const char *s, size_t n, size_t j) {
  static const char form[] = "dddd-dd-dd";
  for (size_t k = 0; k < sizeof form - 1; k++)
    if (j + k >= n || (form[k] == 'd' ? s[j + k] < '0' || s[j + k] > '9' : s[j + k] != '-'))
      return 0;
  j += sizeof form - 1;
  return j + 1 < n && (s[j] == ' ' || s[j] == 'T') && s[j + 1] >= '0' && s[j + 1] <= '9'
             ? sizeof form
             : 0;
}

/* A timestamp "[04:00]", "(1:02:03)", "04:00" or a chat log's "[2018-06-04 10:59:56]" at
 * s[i]; returns its end, or i. */
size_t vc_seg_stamp_end(const char *s, size_t n, size_t i) {
  size_t j = i;
  int bracket = j < n && (s[j] == '[' || s[j] == '(');
  j += (size_t)bracket;
  if (bracket)
    j += date_before_time(s, n, j);
  int digits = 0, colons = 0;
  while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == ':' || s[j] == '.')) {
    digits += s[j] != ':' && s[j] != '.';
    colons += s[j] == ':';
    j++;
  }
  if (digits < 2 || colons < 1)
    return i;
  if (bracket) {
    if (j >= n || (s[j] != ']' && s[j] != ')'))
      return i;
    j++;
  }
  return j;
}

/* Appends a spoken stretch (a piece of a turn) to the segmenter's list. */
vc_status vc_seg_add_piece(vc_seg *g, size_t start, size_t end, size_t para, vc_role role,
                           size_t speaker) {
  vc_status st = vc_seg_grow((void **)&g->pieces, &g->cap_pieces, g->n_pieces + 1,
                             sizeof *g->pieces, VC_SEG_MAX_PIECES);
  if (st != VC_OK)
    return vc_seg_over(g, st, "pieces of speech", VC_SEG_MAX_PIECES);
  g->pieces[g->n_pieces++] = (vc_piece){start, end, para, role, speaker, 0.9f, "narration"};
  return VC_OK;
}

/* Sets how sure the segmenter is of the last piece added, and why. */
void vc_seg_mark_piece(vc_seg *g, float conf, const char *basis) {
  if (g->n_pieces > 0) {
    g->pieces[g->n_pieces - 1].conf = conf;
    g->pieces[g->n_pieces - 1].basis = basis;
  }
}

/* Records where a speaker's name comes from, the first time only. */
void vc_seg_name_why(vc_seg *g, size_t speaker, size_t off, const char *why) {
  if (speaker == 0 || speaker >= g->n_speakers || g->speakers[speaker].name_why[0])
    return;
  g->speakers[speaker].name_off = off;
  snprintf(g->speakers[speaker].name_why, sizeof g->speakers[speaker].name_why, "%s", why);
}

/* The end of the longest phrase of `list` at src[i] (a word start) within src[..e), or 0.
 */
size_t vc_seg_phrase_at(const vc_seg *g, size_t i, size_t e, const char *const *list) {
  if (!vc_seg_starts_word(g->src, g->len, i))
    return 0;
  size_t best = 0;
  for (size_t k = 0; list[k]; k++) {
    size_t m = strlen(list[k]);
    if (m > best && vc_seg_prefix_ci(g->src + i, e - i, list[k]))
      best = m;
  }
  return best ? i + best : 0;
}

/* Is the name t[s..e) a label word that names no speaker ("NOTE", "UPDATE", "Source")? */
static int names_no_one(const char *t, size_t s, size_t e) {
  return vc_seg_in_list(t + s, e - s, vc_seg_not_labels) ||
         vc_seg_in_list(t + s, e - s, vc_seg_meta_keys) ||
         vc_seg_in_list(t + s, e - s, vc_seg_meta_label_keys);
}

/* Do the n names ns[k]..ne[k] (each closed by ": ") run into the text t[lo..hi) as a
 * transcript's labels, though few or none recur? Evidence: question and answer labels
 * taking turns ("Question: ... Answer: ...", "Q: ... A: ..."); a transcript writes its
 * labels in capitals ("MR. DOE:", "CHIEF JUSTICE ROE:") in text that is not ("... Your
 * Honor. JUSTICE ROE: Then why ..."), or numbers its generic ones ("Speaker 2:"). Two
 * labels or more, two different names, none a word that names no one ("NOTE:", "UPDATE:").
 */
int vc_seg_runin_evidence(const char *t, size_t lo, size_t hi, const size_t *ns,
                          const size_t *ne, size_t n) {
  if (n < 2)
    return 0;
  int asks = 0, answers = 0, unasked = 0;
  for (size_t a = 0; a < n; a++) {
    asks += vc_seg_in_list(t + ns[a], ne[a] - ns[a], vc_seg_asker_labels);
    if (!vc_seg_in_list(t + ns[a], ne[a] - ns[a], vc_seg_answer_labels))
      continue;
    answers++; /* after a question mark: not a headline's "Q: ... A: ..." */
    unasked += !(a > 0 && ns[a] >= 2 && t[ns[a] - 2] == '?');
  }
  if (asks > 0 && answers > 0 && !unasked && (size_t)(asks + answers) == n)
    return 1; /* "Question: ... Answer: ...": a wire copy's exchange */
  int distinct = 0, generic = 0, caps = 0;
  for (size_t a = 0; a < n; a++) {
    int upper = 0, lower = 0, seen = 0;
    vc_seg_count_letters(t + ns[a], ne[a] - ns[a], &upper, &lower);
    size_t w = vc_seg_word_end(t, ne[a], ns[a]);
    if (names_no_one(t, ns[a], ne[a]))
      return 0;
    caps += upper >= 2 && lower == 0;
    generic += vc_seg_in_list(t + ns[a], w - ns[a], vc_seg_generic_labels) && w < ne[a] &&
               t[ne[a] - 1] >= '0' && t[ne[a] - 1] <= '9';
    for (size_t b = 0; b < a && !seen; b++)
      seen = ne[b] - ns[b] == ne[a] - ns[a] &&
             memcmp(t + ns[a], t + ns[b], ne[a] - ns[a]) == 0;
    distinct += !seen;
  }
  if (distinct < 2)
    return 0;
  if ((size_t)generic == n)
    return 1;
  int lower = 0;
  for (size_t a = 0; a <= n; a++) { /* the words between the labels */
    size_t from = a ? ne[a - 1] : lo, to = a < n ? ns[a] : hi;
    int l = 0;
    if (to > from)
      vc_seg_count_letters(t + from, to - from, NULL, &l);
    lower += l;
  }
  return (size_t)caps == n && lower > 0;
}

size_t vc_seg_count_below(const size_t *sorted, size_t n, size_t off) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (sorted[mid] < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}
