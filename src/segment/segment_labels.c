/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter labels: "NAME:" / "Q." / "Name —" / a name alone on a line, and the speakers
 * they stand for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"
#include "segment_turns.h"

enum { LB_COLON = 1, LB_PERIOD, LB_DASH, LB_ALONE, LB_STAMP };

typedef struct label_parse {
  size_t name_s, name_e; /* absolute */
  size_t body;           /* absolute start of the turn text */
  int kind, stamped, words, caps, colon;
  int punct;               /* an all-capitals name with a comma or an ampersand */
  size_t aside_s, aside_e; /* an aside after the name, "(host)" */
  int handle;              /* a lower-case chat handle ("jdoe:", "<jdoe>") */
  int bare;                /* "Q What ...": a one-letter label with no mark after it */
  int tag;                 /* a voice tag ("<v Jane Doe>"): written for machines */
  int office;         /* "Jane Doe, Official Spokesperson:": an office after the name */
  int loose;          /* "[00:12] Jane Doe Hello": where the name ends is not known */
  size_t word_end[4]; /* then: where each of its first words ends (absolute) */
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
  return vc_seg_l3_aside_end(s, n, i);
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
    int hon = *words == 1 && j + 2 < n && s[j] == '.' &&
              (s[j + 1] == ' ' || s[j + 1] == '\n') &&
              vc_seg_in_list(s + i, j - i, vc_seg_honorifics);
    j += (size_t)hon; /* "Dr. Jane Doe", "DR." and "SMITH:" on two lines */
    end = j;
    if (j + 1 < n && (s[j] == ' ' || (hon && s[j] == '\n')) && s[j + 1] != ' ')
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

/* "Q What is ...", "Q (Inaudible.)", "Q    What ...": a lone Q (or A) with no colon, then
 * a capital or a bracketed note. */
static int is_bare_q(const char *s, size_t n, size_t ns, size_t ne) {
  if (ne != ns + 1 || (s[ns] != 'Q' && s[ns] != 'A') || ne + 1 >= n || s[ne] != ' ')
    return 0;
  size_t k = ne + 1;
  while (k < n && k < ne + 8 && s[k] == ' ')
    k++; /* "Q    Is it ...": a transcript's padding after the letter */
  int32_t cp;
  vc_seg_cp(s, n, k, &cp);
  return vc_seg_is_upper(cp) || cp == '(' || cp == '[';
}

/* A handle alone on its line heads the comment below it: the label is [ns, ne), its body
 * starts at the line's end. */
static int handle_alone(label_parse *lp, size_t ns, size_t ne, size_t end) {
  lp->handle = 1;
  lp->kind = LB_ALONE;
  lp->words = 1;
  lp->name_s = ns;
  lp->name_e = ne;
  lp->body = end;
  return 1;
}

/* A thread's comment header: a handle alone on its line, or followed by a score ("jdoe
 * 12 points", "jdoe 3 karma"): digits, then at most two lower-case words. The handle has
 * a digit or an underscore, or a score follows (a lone lower-case word is no handle). */
static int handle_line(const char *s, size_t n, size_t hs, size_t he) {
  int marked = 0;
  for (size_t k = hs; k < he; k++)
    marked |= (s[k] >= '0' && s[k] <= '9') || s[k] == '_';
  if (he == n)
    return marked;
  if (s[he] != ' ' || he + 1 >= n || s[he + 1] < '0' || s[he + 1] > '9')
    return 0;
  size_t k = he + 1;
  while (k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == ',' || s[k] == '.'))
    k++;
  int words = 0;
  while (k < n && s[k] == ' ' && words < 3) {
    size_t w = ++k;
    while (k < n && s[k] >= 'a' && s[k] <= 'z')
      k++;
    words += k > w;
    if (k == w)
      return 0;
  }
  return k == n && words >= 1 && words <= 2;
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
  if (!angle && handle_line(s, n, hs, he)) {
    /* "jdoe 12 points" on its own line: the comment below is jdoe's */
    return handle_alone(lp, base + hs, base + he, base + n);
  }
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

/* After a clock time, a name with no mark after it: closed by markup ("0:00:13
 * **Jane Doe** Hello": the name is the marked words) or loose ("[00:12] Jane Doe Hello":
 * where the name ends is decided by which word runs recur, loose_names). j is the first
 * byte after the name's words and the spaces after them. */
static int parse_stamped_name(const char *s, size_t base, size_t n, size_t ns, size_t ne,
                              size_t j, label_parse *lp) {
  size_t m = skip_marks(s, n, ne);
  if (m > ne && ns > 0 && (s[ns - 1] == '*' || s[ns - 1] == '_')) {
    lp->kind = LB_STAMP;
    lp->name_s = base + ns;
    lp->name_e = base + ne;
    lp->body = base + skip_spaces(s, n, m);
    return lp->body < base + n;
  }
  if (j >= n || ne >= n || s[ne] != ' ')
    return 0;
  int k = 0;
  for (size_t i = ns; i < ne && k < 4;) {
    size_t e = vc_seg_word_end(s, ne, i);
    if (e == i)
      e = i + 1;
    if (e >= ne || s[e] == ' ')
      lp->word_end[k++] = base + e;
    i = e < ne && s[e] == ' ' ? e + 1 : e;
  }
  lp->loose = k;
  lp->kind = LB_STAMP;
  lp->name_s = base + ns;
  lp->name_e = base + ne;
  lp->body = base + j;
  return k > 0;
}

/* A caption file's voice tag, "<v Jane Doe>Hello" or "<v.loud Jane Doe>Hello": a label
 * written for machines, always a speaker's. */
static int parse_voice_tag(const char *s, size_t base, size_t n, size_t i,
                           label_parse *lp) {
  if (i + 3 >= n || s[i] != '<' || s[i + 1] != 'v' || (s[i + 2] != ' ' && s[i + 2] != '.'))
    return 0;
  size_t ns = i + 2;
  while (ns < n && s[ns] != ' ' && s[ns] != '>')
    ns++; /* the tag's classes */
  ns = skip_spaces(s, n, ns);
  size_t ne = ns;
  while (ne < n && s[ne] != '>' && ne - ns < 60)
    ne++;
  if (ne >= n || s[ne] != '>' || ne == ns)
    return 0;
  lp->kind = LB_COLON;
  lp->colon = 1;
  lp->words = 2; /* a label written for machines: always valid (label_valid) */
  lp->tag = 1;
  lp->name_s = base + ns;
  lp->name_e = base + ne;
  lp->body = base + skip_spaces(s, n, ne + 1);
  return 1;
}

/* Parses a label at the start of s[0..n) (absolute offset base). */
static int parse_label(const char *src, size_t base, size_t n, label_parse *lp) {
  const char *s = src + base;
  memset(lp, 0, sizeof *lp);
  size_t i = vc_seg_stamp_end(s, n, 0);
  lp->stamped = i > 0;
  i = skip_marks(s, n, skip_spaces(s, n, i));
  i = skip_spaces(s, n, i + vc_seg_omission_len(s + i, n - i)); /* ". . . Q: ..." */
  if (parse_voice_tag(s, base, n, i, lp))
    return 1; /* "<v Jane Doe>Hello" */
  size_t se = vc_seg_score_header(s, n, i);
  if (se) { /* "jdoe4213 karma" on its own line: the comment below is jdoe's */
    return handle_alone(lp, base + i, base + se, base + n);
  }
  size_t ns = i, ne = read_caps_run(s, n, i, &lp->words);
  lp->caps = lp->punct = ne > 0;
  if (!ne && is_bare_q(s, n, ns, ns + 1))
    ne = ns + 1; /* "Q Does he ...": the lone letter, not a name "Q Does" */
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
  if (lp->stamped && j < n && s[j] != ':' && parse_stamped_name(s, base, n, ns, ne, j, lp))
    return 1; /* "0:00:13 **Jane Doe** Hello", "[00:12] Jane Doe Hello" */
  size_t as = skip_aside(s, n, j); /* "JANE DOE (host):" */
  if (as > j) {
    lp->aside_s = base + j + 1;
    lp->aside_e = base + as - 1;
  } else if (j == ne && (as = vc_seg_l3_office_end(s, n, j)) > j) {
    lp->aside_s = base + j + 2; /* "Jane Doe, Official Spokesperson:" */
    lp->aside_e = base + as;
    lp->office = 1;
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
  } else if (lp->caps && lp->words == 1 && ne - ns >= 2 && ne - ns <= 4 && j >= ne + 2 &&
             (s[ne + 1] == ' ' || s[ne] == '\t')) {
    lp->kind = LB_DASH; /* "CL  Thank you": initials, then a wide gap (two spaces or a
                           tab); like a dash label, valid only when used again */
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
  l->tagged |= lp->tag;
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
  int qa = key_in(l->key, vc_seg_asker_labels) || key_in(l->key, vc_seg_answer_labels);
  if (key_in(l->key, vc_seg_not_labels) && !(qa && l->count >= 2 && l->colon >= 2))
    return 0; /* "Question:" once is a heading; "QUESTION:" on every turn is a label */
  if (l->handle)
    return l->count >= 2;
  if (l->bare)
    return l->key[0] == 'Q' || l->count >= 3 || l->paired > 0;
  int person = names_person(g, l->key);
  if (qa)
    return l->count >= 2 || l->colon > 0 || l->paired > 0;
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
  return lp->kind == LB_COLON && !lp->handle && !lp->bare && !lp->tag && l->count <= 2 &&
         lp->body < p->end && !strchr(".?!\"')]", last) && last < 0x80 &&
         !key_in(l->key, vc_seg_asker_labels) && !key_in(l->key, vc_seg_answer_labels) &&
         written_lower(g, l->key);
}

/* The shape of a label as written: all capitals or not, and the mark after it (the
 * grammar a transcript's labels share). */
static int label_shape(const label_parse *lp) {
  return (lp->caps ? 16 : 0) + (lp->stamped ? 8 : 0) + lp->kind;
}

/* Could the label on line i be a one-off speaker's: written with a colon, a few words,
 * not a metadata key or a word the text writes in lower case ("Example: ..."), its
 * speech not in quotation marks? */
/* "Question: ... ?" used once in a briefing: an asker's label (asker_labels, also a
 * not_labels heading word when alone) whose line ends with a question mark. */
static int asks_once(const vc_seg *g, const vc_label *l, const label_parse *lp, size_t i) {
  const vc_para *p = &g->paras[i];
  size_t e = p->end;
  while (e > lp->body && (g->src[e - 1] == ' ' || g->src[e - 1] == '"'))
    e--;
  return l->count == 1 && lp->colon && key_in(l->key, vc_seg_asker_labels) &&
         e > lp->body && g->src[e - 1] == '?';
}

static int one_off_candidate(const vc_seg *g, const vc_label *l, const label_parse *lp) {
  size_t q;
  if (lp->body < g->len &&
      (g->src[lp->body] == '"' || vc_seg_is_open_quote(g->src, g->len, lp->body, &q)))
    return 0; /* 'Jane: "..."' in prose attributes a quotation (segment_quotes.c) */
  return !l->valid && l->count == 1 && lp->colon && !l->handle && !l->bare &&
         (lp->words <= 4 || lp->punct) && !key_in(l->key, vc_seg_not_labels) &&
         !key_in(l->key, vc_seg_meta_keys) && !key_in(l->key, vc_seg_meta_label_keys) &&
         !written_lower(g, l->key);
}

/* Does line i read as speech: eight words or more, ending a sentence? */
static int speech_line(const vc_seg *g, size_t i) {
  const vc_para *p = &g->paras[i];
  unsigned char last = (unsigned char)g->src[p->end - 1];
  return p->words >= 8 && last && strchr(".?!\"')", last) != NULL;
}

/* Does a label of this shape, other than line i's, name a speaker (or could it, as a
 * one-off)? counts[0]: valid labels of the shape; counts[1]: one-off candidates. */
static void shape_counts(const vc_seg *g, const label_parse *lps, const int *seen,
                         size_t body, size_t i, int counts[2]) {
  counts[0] = counts[1] = 0;
  int shape = label_shape(&lps[i]);
  for (size_t j = body; j < g->n_paras; j++) {
    if (j == i || seen[j] < 0 || seen[j] == seen[i] || label_shape(&lps[j]) != shape)
      continue;
    const vc_label *o = &g->labels[seen[j]];
    counts[0] += o->valid;
    counts[1] += one_off_candidate(g, o, &lps[j]);
  }
}

/* Is line i's text after its label only a name, a heading's ("Member Profile: Jane Doe",
 * "Spotlight: Jane Doe")? Two to five words, every word of three letters or more
 * capitalised, no mark ending a sentence: nothing is said. Used for one-off labels in the
 * header (above the first paragraph of the body). */
static int names_only(const vc_seg *g, size_t i, size_t body) {
  const vc_para *p = &g->paras[i];
  if (body >= p->end || strchr(".?!\"')", g->src[p->end - 1]))
    return 0;
  int words = 0, lower = 0;
  for (size_t k = body; k < p->end;) {
    size_t e = vc_seg_word_end(g->src, p->end, k);
    if (e == k) {
      k++;
      continue;
    }
    words++;
    lower += e - k >= 3 && !(g->src[k] >= 'A' && g->src[k] <= 'Z') &&
             !((unsigned char)g->src[k] >= 0xC3 && (unsigned char)g->src[k] <= 0xC5);
    k = e;
  }
  return words >= 2 && words <= 5 && lower == 0;
}

/* In a transcript labelled throughout (two or more labels used several times), a label
 * used once ("Gavin:", "JANE DOE, REPORTER:") is a speaker's too, unless it is a word the
 * text also writes in lower case ("Example: a payments channel"). In a short text, a
 * label used once counts when its shape (capitals, mark) is that of a speaker's label, or
 * when at least two other one-offs share it (different names taking turns). */
static void accept_one_offs(vc_seg *g, const label_parse *lps, const int *seen,
                            size_t body) {
  int strong = 0, punct = 0;
  for (size_t li = 0; li < g->n_labels; li++) {
    strong += g->labels[li].valid && g->labels[li].count >= 2;
    punct += g->labels[li].punct > 0;
  }
  for (size_t li = 0; punct >= 2 && li < g->n_labels; li++)
    g->labels[li].valid |= g->labels[li].punct > 0; /* "JANE DOE, STAFF REPORTER:" */
  char *ok = calloc(g->n_labels ? g->n_labels : 1, 1);
  if (!ok)
    return;
  /* two rounds: a one-off of the shape of one accepted in the first round is accepted in
   * the second ("Doe: Good afternoon. ..." then "Roe: Thank you.") */
  for (int round = 0; round < 2; round++) {
    for (size_t i = body; i < g->n_paras; i++) {
      if (seen[i] < 0 || ok[seen[i]])
        continue;
      if (strong >= 2 && !g->labels[seen[i]].valid &&
          asks_once(g, &g->labels[seen[i]], &lps[i], i)) {
        ok[seen[i]] = 1; /* in a transcript with two labels used again and again */
        continue;
      }
      if (!one_off_candidate(g, &g->labels[seen[i]], &lps[i]))
        continue;
      int counts[2];
      shape_counts(g, lps, seen, body, i, counts);
      if (strong >= 2 || counts[0] >= 1 || counts[1] >= 2 ||
          (counts[1] >= 1 && (g->labels[seen[i]].punct || speech_line(g, i))))
        ok[seen[i]] = 1;
    }
    for (size_t li = 0; round == 0 && li < g->n_labels; li++)
      g->labels[li].valid |= ok[li];
  }
  int handles = 0; /* comment headers ("jdoe 12 points") of handles seen twice or more */
  for (size_t li = 0; li < g->n_labels; li++)
    handles += g->labels[li].valid && g->labels[li].handle && g->labels[li].alone;
  for (size_t li = 0; li < g->n_labels; li++)
    g->labels[li].valid |= ok[li] || (handles > 0 && g->labels[li].handle &&
                                      g->labels[li].alone && g->labels[li].count == 1);
  free(ok);
}

/* A comment header ("jdoe_1 12 points") the layout took for a file name or a date:
 * still a label. */
static int comment_header(const vc_para *p, const label_parse *lp) {
  return lp->handle && lp->kind == LB_ALONE &&
         (p->drop == VC_DROP_SLUG || p->drop == VC_DROP_DATE || p->drop == VC_DROP_JUNK);
}

/* Are the first ka words of a's loose name the first kb words of b's? */
static int same_words(const vc_seg *g, const label_parse *a, int ka, const label_parse *b,
                      int kb) {
  size_t na = a->word_end[ka] - a->name_s, nb = b->word_end[kb] - b->name_s;
  return na == nb && memcmp(g->src + a->name_s, g->src + b->name_s, na) == 0;
}

/* Do line i's first k words (after a clock time) start another such line too? */
static int loose_recurs(const vc_seg *g, const label_parse *lps, const int *seen, size_t i,
                        int k) {
  int n = 0;
  for (size_t j = 0; j < g->n_paras && n < 2; j++)
    for (int kj = 0; seen[j] == -1 && kj < lps[j].loose; kj++)
      n += same_words(g, &lps[i], k, &lps[j], kj);
  return n >= 2;
}

/* "[00:12] Jane Doe Hello": a name after a clock time with no mark after it. Its name is
 * the longest run of its first words that starts another such line too (different names
 * taking turns: the label grammar the text itself shows); the rest is speech. Kept when
 * two or more different names recur so; a one-word name that is a common word ("So")
 * never counts. */
static void loose_names(vc_seg *g, label_parse *lps, int *seen) {
  size_t lines = 0, first = g->n_paras;
  int names = 0;
  for (size_t i = 0; i < g->n_paras; i++)
    lines += seen[i] == -1 && lps[i].loose;
  if (lines == 0 || lines > 4000) /* a cost cap: the test below is quadratic */
    return;
  for (size_t i = 0; i < g->n_paras; i++) {
    label_parse *lp = &lps[i];
    if (seen[i] != -1 || !lp->loose)
      continue;
    int k = lp->loose - 1;
    while (k >= 0 && !loose_recurs(g, lps, seen, i, k))
      k--;
    size_t wn = k >= 0 ? lp->word_end[k] - lp->name_s : 0;
    if (k < 0 || (k == 0 && vc_seg_common_word(g, g->src + lp->name_s, wn))) {
      seen[i] = -2;
      continue;
    }
    lp->name_e = lp->word_end[k];
    lp->body = lp->name_e + 1;
    if (first == g->n_paras || !same_words(g, lp, k, &lps[first], lps[first].loose - 1))
      names += first == g->n_paras || names == 1 ? 1 : 0;
    if (first == g->n_paras)
      first = i;
    lp->loose = k + 1;
  }
  for (size_t i = 0; names < 2 && i < g->n_paras; i++)
    if (lps[i].loose && seen[i] == -1)
      seen[i] = -2; /* one name alone: no turns to tell apart */
}

/* Counts the question-and-answer pairs: a paragraph under an asker label (data/
 * segment-words.tsv asker_labels: "Q.", "Q -") whose words end in a question mark, and
 * the next paragraph under an answer label ("A.", "A -"). One such pair is evidence
 * enough that the letters are labels, in an excerpt with a single question. */
static void qa_pairs(vc_seg *g, const label_parse *lps, const int *seen) {
  for (size_t i = 0; i + 1 < g->n_paras; i++) {
    if (seen[i] < 0 || seen[i + 1] < 0)
      continue;
    vc_label *q = &g->labels[seen[i]], *a = &g->labels[seen[i + 1]];
    const vc_para *p = &g->paras[i];
    size_t e = p->end;
    while (e > lps[i].body && strchr(" \t\")*_", g->src[e - 1]))
      e--;
    if (e > lps[i].body && g->src[e - 1] == '?' && key_in(q->key, vc_seg_asker_labels) &&
        key_in(a->key, vc_seg_answer_labels)) {
      q->paired++;
      a->paired++;
    }
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
    seen[i] = -2; /* -2: no label on the line */
    if (!p->note && parse_label(g->src, p->body, p->end - p->body, &lps[i]) &&
        (p->drop == VC_DROP_NONE || comment_header(p, &lps[i])))
      seen[i] = -1;
  }
  if (st == VC_OK)
    loose_names(g, lps, seen);
  for (size_t i = 0; st == VC_OK && i < g->n_paras; i++) {
    if (seen[i] == -1)
      st = note_label(g, &lps[i], i, &seen[i]);
    else
      seen[i] = -1;
  }
  size_t body = first_body(g);
  if (st == VC_OK)
    qa_pairs(g, lps, seen);
  for (size_t i = 0; st == VC_OK && i < g->n_paras; i++) {
    if (seen[i] < 0)
      continue;
    vc_label *l = &g->labels[seen[i]];
    int shaped = vc_seg_shape_label_at(g, lps[i].name_s);
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
    if (l->count == 1 && i < body && !lps[i].tag && !l->paired && !g->numbered && !shaped &&
        !(i + 1 < g->n_paras && seen[i + 1] >= 0 && g->labels[seen[i + 1]].count >= 2) &&
        !(lps[i].kind == LB_ALONE && lps[i].colon && vc_seg_l3_heads_body(g, i, body)))
      continue; /* "Series Name: Episode Title" in the header, not a turn's label (a
                   numbered court record has no such header) */
    if (l->count == 1 && i < body && !l->paired && names_only(g, i, lps[i].body))
      continue; /* "Member Profile: Jane Doe" above the first question: a heading */
    if (lps[i].kind == LB_ALONE && name_list_line(g, lps, seen, i)) {
      g->paras[i].drop = VC_DROP_BYLINE; /* names of a byline block, not labels */
      l->count--;
      seen[i] = -1;
      continue;
    }
    l->valid |= shaped || label_valid(g, l, lps[i].caps, lps[i].words);
    l->valid |= g->paras[i].runin && (key_in(l->key, vc_seg_asker_labels) ||
                                      key_in(l->key, vc_seg_answer_labels));
    /* "Question: ... Answer: ..." run into one paragraph: an exchange, not a heading */
  }
  accept_one_offs(g, lps, seen, body);
  for (size_t i = 0; st == VC_OK && i < g->n_paras; i++) {
    if (seen[i] < 0 || !g->labels[seen[i]].valid)
      continue;
    if (i == 0 && g->labels[seen[i]].count == 1 && !g->labels[seen[i]].paired &&
        !g->labels[seen[i]].tagged && !vc_seg_shape_label_at(g, lps[i].name_s))
      continue; /* "Series Name: Episode Title" heads the article */
    if (lps[i].kind == LB_ALONE) {
      size_t j = i + 1;
      if (j >= g->n_paras || g->paras[j].drop != VC_DROP_NONE ||
          (seen[j] >= 0 && g->labels[seen[j]].valid))
        continue;
      g->paras[i].drop = VC_DROP_LABEL;
      g->paras[j].label = seen[i];
    } else if (lps[i].tag && key_in(g->labels[seen[i]].key, vc_seg_voiceover_labels)) {
      g->paras[i].body = lps[i].body; /* "- [Announcer] ...": no party, the narration */
      g->paras[i].note = 1;
      g->labels[seen[i]].count--;
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
