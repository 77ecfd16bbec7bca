/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter labels: "NAME:" / "Q." / "Name —" / a name alone on a line, and the speakers
 * they stand for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

enum { LB_COLON = 1, LB_PERIOD, LB_DASH, LB_ALONE };

typedef struct label_parse {
  size_t name_s, name_e; /* absolute */
  size_t body;           /* absolute start of the turn text */
  int kind, stamped, words, caps, colon;
  int punct;               /* an all-capitals name with a comma or an ampersand */
  size_t aside_s, aside_e; /* an aside after the name, "(host)" */
  int handle;              /* a lower-case chat handle ("jdoe:", "<jdoe>") */
  int bare;                /* "Q What ...": a one-letter label with no mark after it */
} label_parse;

static size_t skip_spaces(const char *s, size_t n, size_t i) {
  size_t k;
  while (i < n && vc_seg_is_space_at(s, n, i, &k))
    i += k;
  return i;
}

/* Skips emphasis marks left from markup ("**Q:**", "__Jane__:"). */
static size_t skip_marks(const char *s, size_t n, size_t i) {
  while (i < n && (s[i] == '*' || s[i] == '_'))
    i++;
  return i;
}

/* Skips a short aside in parentheses after a label's name: "(host)", "(laughing)". */
static size_t skip_aside(const char *s, size_t n, size_t i) {
  if (i >= n || s[i] != '(')
    return i;
  for (size_t j = i + 1; j < n && j < i + 32; j++) {
    if (s[j] == ')')
      return j + 1;
    if (s[j] == '(' || s[j] == ':')
      break;
  }
  return i;
}

/* Is s[i] a dash (hyphen with spaces, en or em dash)? Returns its length or 0. */
static size_t dash_at(const char *s, size_t n, size_t i) {
  int32_t cp;
  size_t k = vc_seg_cp(s, n, i, &cp);
  if (cp == 0x2014 || cp == 0x2013)
    return k;
  if (cp == '-' && i + 1 < n && s[i + 1] == ' ')
    return 1;
  return 0;
}

/* Reads the name of a label: up to four capitalised words (connectors between). */
static size_t read_name(const char *s, size_t n, size_t i, int *words, int *caps) {
  size_t end = i;
  *words = 0;
  *caps = 1;
  while (i < n && *words < 5) {
    size_t j = vc_seg_word_end(s, n, i);
    if (j == i && s[i] == '&' && *words > 0)
      j = i + 1; /* "Arts & Letters" */
    if (j == i)
      break;
    int32_t cp;
    vc_seg_cp(s, n, i, &cp);
    int conn = vc_seg_in_list(s + i, j - i, vc_seg_label_connectors);
    if (!vc_seg_is_upper(cp) && !(conn && *words > 0))
      break;
    if (!conn) {
      int up = 0, lo = 0;
      vc_seg_count_letters(s + i, j - i, &up, &lo);
      *caps = *caps && lo == 0;
      (*words)++;
    }
    if (*words == 1 && j + 2 < n && s[j] == '.' && s[j + 1] == ' ' &&
        vc_seg_in_list(s + i, j - i, vc_seg_honorifics))
      j++; /* "Dr. Jane Doe" */
    end = j;
    if (j + 1 < n && s[j] == ' ' && s[j + 1] != ' ')
      i = j + 1;
    else
      break;
  }
  return *words > 0 && *words <= 4 ? end : 0;
}

/* Marks an all-capitals label may hold between its words ("DOE, ACME & CO",
 * "O'HARA-LEE, A.P."). */
static int caps_mark(int32_t cp) {
  return cp == ' ' || cp == ',' || cp == '&' || cp == '.' || cp == '\'' || cp == '-' ||
         cp == 0x2019;
}

/* Reads an all-capitals run with a comma or an ampersand in it, up to a colon: returns
 * the end of its name (trailing marks left out), or 0. Runs without those marks are
 * read_name's. */
static size_t read_caps_run(const char *s, size_t n, size_t i, int *words) {
  size_t j = i, end = 0;
  int letters = 0, joins = 0, in_word = 0;
  *words = 0;
  while (j < n && j - i <= 60) {
    int32_t cp;
    size_t k = vc_seg_cp(s, n, j, &cp);
    if (vc_seg_is_upper(cp)) {
      *words += !in_word;
      in_word = 1;
      letters++;
      end = j + k;
    } else if (caps_mark(cp) && j > i) {
      joins += cp == ',' || cp == '&';
      in_word = cp == '\'' || cp == '-' || cp == 0x2019;
      if (cp == '.')
        end = j + k;
    } else {
      break;
    }
    j += k ? k : 1;
  }
  if (j >= n || s[j] != ':' || letters < 2 || joins == 0 || *words > 6)
    return 0;
  return end;
}

/* "Speaker 2": a number of up to three digits after a label's name; returns the end. */
static size_t number_after(const char *s, size_t n, size_t ne) {
  size_t j = ne;
  if (j + 1 >= n || s[j] != ' ')
    return ne;
  size_t d = j + 1;
  while (d < n && d - j <= 3 && s[d] >= '0' && s[d] <= '9')
    d++;
  if (d == j + 1 || d - j > 4 || (d < n && s[d] != ':' && s[d] != ' ' && s[d] != '('))
    return ne;
  return d;
}

/* "Q What is ...", "Q (Inaudible.)": a lone Q (or A) with no colon, then a capital or a
 * bracketed note. */
static int is_bare_q(const char *s, size_t n, size_t ns, size_t ne) {
  if (ne != ns + 1 || (s[ns] != 'Q' && s[ns] != 'A') || ne + 1 >= n || s[ne] != ' ')
    return 0;
  int32_t cp;
  vc_seg_cp(s, n, ne + 1, &cp);
  return vc_seg_is_upper(cp) || cp == '(' || cp == '[';
}

/* A chat handle: "jdoe: text", "<jdoe> text" (after an optional clock time): lower-case
 * letters, digits and _ . - only, 2 to 32 of them. */
static int parse_handle(const char *src, size_t base, size_t n, size_t i, label_parse *lp) {
  const char *s = src + base;
  int angle = i < n && s[i] == '<';
  size_t hs = i + (size_t)angle, he = hs;
  while (he < n && he - hs <= 32 &&
         ((s[he] >= 'a' && s[he] <= 'z') || (s[he] >= '0' && s[he] <= '9') ||
          s[he] == '_' || s[he] == '-' || s[he] == '.' ||
          (s[he] >= 'A' && s[he] <= 'Z' && he > hs)))
    he++;
  if (he - hs < 2 || he - hs > 32 || !(s[hs] >= 'a' && s[hs] <= 'z'))
    return 0;
  size_t j = he;
  if (angle && j < n && s[j] == '>')
    j++;
  else if (!angle && j + 1 < n && s[j] == ':' && s[j + 1] == ' ')
    j++;
  else
    return 0;
  lp->handle = 1;
  lp->kind = LB_COLON;
  lp->colon = !angle;
  lp->words = 1;
  lp->name_s = base + hs;
  lp->name_e = base + he;
  lp->body = base + skip_spaces(s, n, j);
  return lp->body < base + n;
}

/* Parses a label at the start of s[0..n) (absolute offset base). */
static int parse_label(const char *src, size_t base, size_t n, label_parse *lp) {
  const char *s = src + base;
  memset(lp, 0, sizeof *lp);
  size_t i = vc_seg_stamp_end(s, n, 0);
  lp->stamped = i > 0;
  i = skip_marks(s, n, skip_spaces(s, n, i));
  size_t ns = i, ne = read_caps_run(s, n, i, &lp->words);
  lp->caps = lp->punct = ne > 0;
  if (!ne)
    ne = read_name(s, n, i, &lp->words, &lp->caps);
  if (!ne)
    return parse_handle(src, base, n, i, lp);
  if (ne - ns > 60)
    return 0;
  ne = number_after(s, n, ne); /* "Speaker 2", "Participant 10" */
  if (is_bare_q(s, n, ns, ne)) {
    lp->bare = 1;
    lp->kind = LB_COLON;
    lp->name_s = base + ns;
    lp->name_e = base + ne;
    lp->body = base + skip_spaces(s, n, ne);
    return 1;
  }
  size_t j = skip_spaces(s, n, ne), d;
  size_t st = vc_seg_stamp_end(s, n, j);
  if (st > j) {
    lp->stamped = 1;
    j = skip_spaces(s, n, st);
  }
  size_t as = skip_aside(s, n, j); /* "JANE DOE (host):" */
  if (as > j) {
    lp->aside_s = base + j + 1;
    lp->aside_e = base + as - 1;
  }
  j = skip_spaces(s, n, as);
  j = skip_marks(s, n, j);
  if (j < n && s[j] == ':') {
    lp->kind = LB_COLON;
    lp->colon = 1;
    j++;
  } else if (j >= n) {
    lp->kind = LB_ALONE;
  } else if (j == ne && s[j] == '.' && j + 1 < n && s[j + 1] == ' ') {
    lp->kind = LB_PERIOD;
    j++;
  } else if ((d = dash_at(s, n, j)) > 0) {
    lp->kind = LB_DASH;
    j += d;
  } else {
    return 0;
  }
  j = skip_spaces(s, n, skip_marks(s, n, j));
  size_t after = vc_seg_stamp_end(s, n, j);
  if (after > j)
    lp->stamped = 1;
  j = skip_spaces(s, n, after);
  if (j >= n && lp->kind != LB_ALONE)
    lp->kind = LB_ALONE; /* "NAME:" on its own line */
  lp->name_s = base + ns;
  lp->name_e = base + ne;
  lp->body = base + j;
  return 1;
}

static int find_label(vc_seg *g, const char *key) {
  for (size_t i = 0; i < g->n_labels; i++)
    if (strcmp(g->labels[i].key, key) == 0)
      return (int)i;
  return -1;
}

static vc_status note_label(vc_seg *g, const label_parse *lp, size_t para, int *out) {
  char key[VC_SEG_NAME_MAX];
  vc_seg_upper_key(g->src + lp->name_s, lp->name_e - lp->name_s, key, sizeof key);
  size_t kn = strlen(key);
  while (kn > 0 && key[kn - 1] == '.')
    key[--kn] = 0;
  int li = find_label(g, key);
  if (li < 0) {
    vc_status st = vc_seg_grow((void **)&g->labels, &g->cap_labels, g->n_labels + 1,
                               sizeof *g->labels, VC_SEG_MAX_LABELS);
    if (st != VC_OK)
      return vc_seg_over(g, st, "different speaker labels", VC_SEG_MAX_LABELS);
    li = (int)g->n_labels++;
    memset(&g->labels[li], 0, sizeof g->labels[li]);
    memcpy(g->labels[li].key, key, kn + 1);
    g->labels[li].first_para = para;
  }
  vc_label *l = &g->labels[li];
  l->count++;
  l->colon += lp->colon;
  l->period += lp->kind == LB_PERIOD;
  l->dash += lp->kind == LB_DASH;
  l->alone += lp->kind == LB_ALONE;
  l->stamped += lp->stamped;
  l->punct += lp->punct;
  l->handle |= lp->handle;
  l->bare |= lp->bare;
  for (size_t i = lp->aside_s; i < lp->aside_e;) {
    size_t j = vc_seg_word_end(g->src, lp->aside_e, i);
    if (j == i) {
      i++;
      continue;
    }
    if (vc_seg_in_list(g->src + i, j - i, vc_seg_asker_role_words))
      l->aside_role = 1;
    else if (vc_seg_in_list(g->src + i, j - i, vc_seg_answer_role_words))
      l->aside_role = -1;
    i = j;
  }
  *out = li;
  return VC_OK;
}

/* Does the label's last word name a person found in the prose? */
static int names_person(const vc_seg *g, const char *key) {
  const char *last = strrchr(key, ' ');
  last = last ? last + 1 : key;
  for (size_t i = 0; i < g->n_people; i++) {
    char k[VC_SEG_NAME_MAX];
    const vc_person *p = &g->people[i];
    vc_seg_upper_key(g->src + p->last_off, p->last_len, k, sizeof k);
    if (p->is_person && strcmp(k, last) == 0)
      return 1;
  }
  return 0;
}

static int key_in(const char *key, const char *const *list) {
  return vc_seg_in_list(key, strlen(key), list);
}

/* Is a label written this way, this often, a speaker's? */
static int label_valid(const vc_seg *g, const vc_label *l, int caps, int words) {
  if (key_in(l->key, vc_seg_not_labels))
    return 0;
  if (l->handle)
    return l->count >= 2;
  if (l->bare)
    return l->key[0] == 'Q' || l->count >= 3;
  int qa = key_in(l->key, vc_seg_asker_labels) || key_in(l->key, vc_seg_answer_labels);
  int person = names_person(g, l->key);
  if (qa)
    return l->count >= 2 || l->colon > 0;
  if (l->punct)
    return l->count >= 2; /* "DOE, ACME & CO:" heading several paragraphs */
  if (l->colon)
    return l->count >= 2 || (caps && strlen(l->key) >= 2) || words >= 2 || person;
  if (l->period)
    return l->count >= 2 && (caps || person || words >= 2 || l->count >= 3);
  if (l->dash)
    return l->count >= 2;
  return l->alone >= 2 || l->stamped > 0;
}

/* The first paragraph of the body: the first spoken one of 25 words or more, or a
 * sentence of six or more (the lines above it are the header: kicker, title, deck,
 * byline, which end without a full stop). */
static size_t first_body(const vc_seg *g) {
  for (size_t i = 0; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    unsigned char last = (unsigned char)g->src[p->end - 1];
    if (p->drop == VC_DROP_NONE &&
        (p->words >= 25 || (p->words >= 6 && strchr(".?!", last) && last)))
      return i;
  }
  return g->n_paras;
}

/* Is the name alone on line i one of a block of names (a byline: the next line another
 * name alone, or a date)? */
static int name_list_line(const vc_seg *g, const label_parse *lps, const int *seen,
                          size_t i) {
  size_t j = i + 1;
  if (j >= g->n_paras)
    return 0;
  if (g->paras[j].drop == VC_DROP_DATE || g->paras[j].drop == VC_DROP_BYLINE)
    return 1;
  return seen[j] >= 0 && lps[j].kind == LB_ALONE &&
         (j + 1 >= g->n_paras || g->paras[j + 1].drop != VC_DROP_NONE ||
          (seen[j + 1] >= 0 && lps[j + 1].kind == LB_ALONE) || g->paras[j + 1].words >= 25);
}

/* A metadata line "KEY: value" ("Tags: x", "Speakers: Jane Doe, Joe Roe", "Host: jdoe")
 * before the dialogue or short: page chrome, not a turn. A cast line names who answers
 * or who asks (the first name in it). */
static int meta_line(vc_seg *g, const label_parse *lp, size_t i, size_t body) {
  if (!lp->colon || lp->kind == LB_ALONE)
    return 0;
  char key[VC_SEG_NAME_MAX];
  vc_seg_upper_key(g->src + lp->name_s, lp->name_e - lp->name_s, key, sizeof key);
  const vc_para *p = &g->paras[i];
  size_t n = p->end - lp->body;
  int words = 0;
  for (size_t k = lp->body; k < p->end; k++)
    words += g->src[k] == ' ';
  int guest = key_in(key, vc_seg_cast_guest_keys),
      host = key_in(key, vc_seg_cast_host_keys);
  int meta = key_in(key, vc_seg_meta_label_keys) || guest || host;
  unsigned char last = (unsigned char)g->src[p->end - 1];
  int sentence = strchr(".?!", last) != NULL && last;
  if (!meta || (i >= body && (words > 10 || sentence)) || (host && sentence))
    return 0;
  if (guest && lp->body < p->end) {
    int list = 0; /* a list of names: commas, "and", "&" */
    for (size_t k = lp->body; k < p->end; k++)
      list |= g->src[k] == ',' || g->src[k] == '&' || g->src[k] == ';' ||
              (k + 5 <= p->end && vc_seg_prefix_ci(g->src + k, p->end - k, " and "));
    g->cast_solo = g->n_cast == 0 && !list;
  }
  if ((guest || host) && g->n_cast < 8 && lp->body < p->end) {
    g->cast_s[g->n_cast] = lp->body;
    g->cast_e[g->n_cast++] = p->end;
  }
  char *to = guest ? g->answerer : host ? g->asker : NULL;
  size_t *off = guest ? &g->answerer_off : &g->asker_off;
  if (to && !to[0]) {
    size_t e = lp->body;
    while (e < p->end && g->src[e] != ',' && g->src[e] != ';' && g->src[e] != '(')
      e++;
    if (e > lp->body && e - lp->body < VC_SEG_NAME_MAX && n > 0) {
      vc_seg_copy_name(g->src + lp->body, e - lp->body, to, VC_SEG_NAME_MAX);
      *off = lp->body;
    }
  }
  return 1;
}

/* Does the text write the one-word key in lower case somewhere ("Example: ..." beside
 * "an example")? Then it is a word, not a name. */
static int written_lower(const vc_seg *g, const char *key) {
  size_t kn = strlen(key);
  size_t span = g->len < ((size_t)1 << 20) ? g->len : ((size_t)1 << 20); /* a cost cap */
  if (kn < 2 || strchr(key, ' '))
    return 0;
  char low[VC_SEG_NAME_MAX];
  for (size_t i = 0; i <= kn; i++)
    low[i] = (char)(key[i] >= 'A' && key[i] <= 'Z' ? key[i] - 'A' + 'a' : key[i]);
  for (size_t at = 0; at + kn <= span; at++)
    if (g->src[at] == low[0] && memcmp(g->src + at, low, kn) == 0 &&
        vc_seg_starts_word(g->src, g->len, at) &&
        vc_seg_word_end(g->src, g->len, at) == at + kn)
      return 1;
  return 0;
}

/* "Topic word: a phrase" with no full stop, used at most twice, where the text writes the
 * word in lower case elsewhere: a heading, not a speaker's label. */
static int heading_label(const vc_seg *g, const vc_label *l, const label_parse *lp,
                         size_t i) {
  const vc_para *p = &g->paras[i];
  unsigned char last = (unsigned char)g->src[p->end - 1];
  return lp->kind == LB_COLON && !lp->handle && !lp->bare && l->count <= 2 &&
         lp->body < p->end && !strchr(".?!\"')]", last) && last < 0x80 &&
         !key_in(l->key, vc_seg_asker_labels) && !key_in(l->key, vc_seg_answer_labels) &&
         written_lower(g, l->key);
}

/* In a transcript labelled throughout (two or more labels used several times), a label
 * used once ("Gavin:", "JANE DOE, REPORTER:") is a speaker's too, unless it is a word the
 * text also writes in lower case ("Example: a payments channel"). */
static void accept_one_offs(vc_seg *g, const label_parse *lps, const int *seen,
                            size_t body) {
  int strong = 0, punct = 0;
  for (size_t li = 0; li < g->n_labels; li++) {
    strong += g->labels[li].valid && g->labels[li].count >= 2;
    punct += g->labels[li].punct > 0;
  }
  for (size_t li = 0; punct >= 2 && li < g->n_labels; li++)
    g->labels[li].valid |= g->labels[li].punct > 0; /* "JANE DOE, STAFF REPORTER:" */
  if (strong < 2)
    return;
  for (size_t i = body; i < g->n_paras; i++) {
    if (seen[i] < 0)
      continue;
    vc_label *l = &g->labels[seen[i]];
    if (!l->valid && l->count == 1 && lps[i].colon && !l->handle && !l->bare &&
        lps[i].words <= 4 && !key_in(l->key, vc_seg_not_labels) &&
        !key_in(l->key, vc_seg_meta_keys) && !written_lower(g, l->key))
      l->valid = 1;
  }
}

/* Finds the labels, keeps the ones that name speakers, and sets each paragraph's label
 * and body. A label alone on its line names the next paragraph. */
vc_status vc_seg_find_labels(vc_seg *g) {
  int *seen = calloc(g->n_paras ? g->n_paras : 1, sizeof *seen);
  label_parse *lps = calloc(g->n_paras ? g->n_paras : 1, sizeof *lps);
  vc_status st = seen && lps ? VC_OK : VC_ERR_NOMEM;
  for (size_t i = 0; st == VC_OK && i < g->n_paras; i++) {
    vc_para *p = &g->paras[i];
    seen[i] = -1;
    if (p->drop != VC_DROP_NONE || p->note)
      continue;
    if (parse_label(g->src, p->body, p->end - p->body, &lps[i]))
      st = note_label(g, &lps[i], i, &seen[i]);
  }
  size_t body = first_body(g);
  for (size_t i = 0; st == VC_OK && i < g->n_paras; i++) {
    if (seen[i] < 0)
      continue;
    vc_label *l = &g->labels[seen[i]];
    if (meta_line(g, &lps[i], i, body)) {
      g->paras[i].drop = VC_DROP_DATE; /* "Transcript By: ...", "Speakers: Jane Doe" */
      l->count--;
      seen[i] = -1;
      continue;
    }
    if (heading_label(g, l, &lps[i], i)) {
      l->count--; /* "Example: A payments channel": a heading, the narrator's */
      seen[i] = -1;
      continue;
    }
    if (l->count == 1 && i < body &&
        !(i + 1 < g->n_paras && seen[i + 1] >= 0 && g->labels[seen[i + 1]].count >= 2))
      continue; /* "Series Name: Episode Title" in the header, not a turn's label */
    if (lps[i].kind == LB_ALONE && name_list_line(g, lps, seen, i)) {
      g->paras[i].drop = VC_DROP_BYLINE; /* names of a byline block, not labels */
      l->count--;
      seen[i] = -1;
      continue;
    }
    l->valid |= label_valid(g, l, lps[i].caps, lps[i].words);
  }
  accept_one_offs(g, lps, seen, body);
  for (size_t i = 0; st == VC_OK && i < g->n_paras; i++) {
    if (seen[i] < 0 || !g->labels[seen[i]].valid)
      continue;
    if (i == 0 && g->labels[seen[i]].count == 1)
      continue; /* "Series Name: Episode Title" heads the article */
    if (lps[i].kind == LB_ALONE) {
      size_t j = i + 1;
      if (j >= g->n_paras || g->paras[j].drop != VC_DROP_NONE ||
          (seen[j] >= 0 && g->labels[seen[j]].valid))
        continue;
      g->paras[i].drop = VC_DROP_LABEL;
      g->paras[j].label = seen[i];
    } else {
      g->paras[i].label = seen[i];
      g->paras[i].body = lps[i].body;
      if (lps[i].body >= g->paras[i].end)
        g->paras[i].drop = VC_DROP_LABEL;
    }
    vc_seg_measure(g, &g->paras[i]);
  }
  free(seen);
  free(lps);
  return st;
}
