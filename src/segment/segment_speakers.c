/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter speakers: who the labels stand for, their roles and their display names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"
#include "segment_turns.h"

/* Adds a speaker, or finds the one with the same name; *out gets its index. */
vc_status vc_seg_add_speaker(vc_seg *g, const char *name, size_t n, vc_role role,
                             size_t *out) {
  char buf[VC_SEG_NAME_MAX];
  n = vc_seg_copy_name(name, n, buf, sizeof buf);
  for (size_t i = 1; i < g->n_speakers; i++) {
    if (strcmp(g->speakers[i].name, buf) == 0) {
      *out = i;
      return VC_OK;
    }
  }
  vc_status st = vc_seg_grow((void **)&g->speakers, &g->cap_speakers, g->n_speakers + 1,
                             sizeof *g->speakers, VC_SEG_MAX_SPEAKERS);
  if (st != VC_OK) /* never merged silently: an error naming the limit */
    return vc_seg_over(g, st, "speakers", VC_SEG_MAX_SPEAKERS);
  vc_spk *s = &g->speakers[g->n_speakers];
  memset(s, 0, sizeof *s);
  memcpy(s->name, buf, n + 1);
  s->role = role;
  s->why_off = s->name_off = SIZE_MAX; /* no source line yet */
  *out = g->n_speakers++;
  return VC_OK;
}

/* Writes `key` (upper case) the way the article writes it as a name (capitalised, or any
 * way for a chat handle), if it does anywhere. */
static int find_cased(const vc_seg *g, const char *key, int handle, char *out, size_t cap) {
  size_t kn = strlen(key);
  size_t span = g->len < ((size_t)1 << 20) ? g->len : ((size_t)1 << 20); /* a cost cap */
  if (kn == 0 || kn > span)
    return 0;
  for (size_t i = 0; i + kn <= span; i++) {
    size_t j = 0;
    int lower = 0;
    for (; j < kn; j++) {
      unsigned char c = (unsigned char)g->src[i + j];
      lower |= c >= 'a' && c <= 'z';
      if (c >= 'a' && c <= 'z')
        c = (unsigned char)(c - 'a' + 'A');
      if (c != (unsigned char)key[j])
        break;
    }
    int32_t first;
    vc_seg_cp(g->src, g->len, i, &first);
    if (j < kn || !lower || (!vc_seg_is_upper(first) && !handle) ||
        !vc_seg_starts_word(g->src, g->len, i) ||
        (i + kn < g->len && !vc_seg_starts_word(g->src, g->len, i + kn + 1)))
      continue;
    vc_seg_copy_name(g->src + i, kn, out, cap);
    return 1;
  }
  return 0;
}

/* "JANE DOE" -> "Jane Doe"; a one-word label of up to three letters stays ("NPR"). */
static void title_case(const char *key, char *out, size_t cap) {
  size_t o = 0;
  int start = 1, acronym = strlen(key) <= 3 && !strchr(key, ' ');
  for (size_t i = 0; key[i] && o + 1 < cap; i++) {
    char c = key[i];
    if (!start && c >= 'A' && c <= 'Z' && !acronym)
      c = (char)(c - 'A' + 'a');
    out[o++] = c;
    start = c == ' ' || c == '-' || c == '\'';
  }
  out[o] = 0;
}

static int person_key_eq(const vc_seg *g, const vc_person *p, const char *key, int last) {
  char k[VC_SEG_NAME_MAX];
  if (last)
    vc_seg_upper_key(g->src + p->last_off, p->last_len, k, sizeof k);
  else
    vc_seg_upper_key(p->name, p->len, k, sizeof k);
  return strcmp(k, key) == 0;
}

/* Is `word` (one word) the first word of the several-word `key`? */
static int first_word_is(const char *key, const char *word) {
  size_t n = strlen(word);
  return !strchr(word, ' ') && strncmp(key, word, n) == 0 && key[n] == ' ';
}

/* The name part of a label's key: what comes before its first comma ("DOE" for
 * "DOE, ACME & CO", a name and an affiliation). */
static void key_name(const char *key, char *out, size_t cap) {
  size_t n = strcspn(key, ",");
  while (n > 0 && key[n - 1] == ' ')
    n--;
  snprintf(out, cap, "%.*s", (int)n, key);
}

/* Are the two to four capitals of `init` the initials of the words of `name` ("JT",
 * "JANE TOLD"), or two of them those of its first and last words ("JD", "JANE ANN DOE")? */
static int initials_of(const char *init, const char *name) {
  size_t n = strlen(init), k = 0;
  if (n < 2 || n > 4 || strchr(init, ' '))
    return 0;
  const char *last = strrchr(name, ' ');
  if (n == 2 && last && last != strchr(name, ' ') && name[0] == init[0] &&
      last[1] == init[1])
    return 1;
  for (const char *w = name; *w; k++) {
    if (k >= n || *w != init[k])
      return 0;
    w = strchr(w, ' ');
    if (!w)
      return k + 1 == n;
    w++;
  }
  return 0;
}

/* The person a label's name part stands for ("AHMED" -> "Jane Ahmed"), or -1. */
static int label_person(const vc_seg *g, const char *key, int any_phrase) {
  const char *last = strrchr(key, ' ');
  int best = -1;
  for (size_t i = 0; i < g->n_people; i++) {
    const vc_person *p = &g->people[i];
    if (person_key_eq(g, p, key, 0)) {
      best = (int)i;
      break;
    }
    if (!last && person_key_eq(g, p, key, 1) &&
        (best < 0 || p->is_person > g->people[best].is_person ||
         (p->is_person == g->people[best].is_person &&
          p->mentions + p->full > g->people[best].mentions + g->people[best].full)))
      best = (int)i;
  }
  for (int pass = 0; pass < 2 && best < 0 && !last; pass++) {
    int found = 0; /* "JANE" for "Jane Doe": a person, else the one name so written */
    for (size_t i = 0; i < g->n_people; i++) {
      char k[VC_SEG_NAME_MAX];
      vc_seg_upper_key(g->people[i].name, g->people[i].len, k, sizeof k);
      if ((pass == 1 || g->people[i].is_person) && first_word_is(k, key)) {
        found++;
        best = (int)i;
      }
    }
    if (pass == 1 && found > 1)
      best = -1;
  }
  /* "JD" for "Jane Doe": a person first, else (any_phrase) any name the text writes in
   * full */
  for (int pass = 0; pass < 1 + any_phrase && best < 0 && !last; pass++)
    for (size_t i = 0; i < g->n_people; i++) {
      char k[VC_SEG_NAME_MAX];
      vc_seg_upper_key(g->people[i].name, g->people[i].len, k, sizeof k);
      if ((pass == 1 || g->people[i].is_person) && initials_of(key, k) &&
          !(pass == 1 && vc_seg_thing_name(g, &g->people[i])) &&
          (best < 0 || g->people[i].mentions > g->people[best].mentions))
        best = (int)i;
    }
  return best;
}

/* "Jane Q Doe (JQD)": the text defines the initials `key` as the capitalised words just
 * before them in parentheses. Writes those words and returns 1, or 0. */
static int defined_initials(const vc_seg *g, const char *key, char *out, size_t cap) {
  size_t kn = strlen(key);
  size_t span = g->len < ((size_t)1 << 20) ? g->len : ((size_t)1 << 20); /* a cost cap */
  if (kn < 2 || kn > 4 || strchr(key, ' '))
    return 0;
  for (size_t i = 1; i + kn + 1 < span; i++) {
    if (g->src[i] != '(' || g->src[i + kn + 1] != ')')
      continue;
    char k[8];
    vc_seg_upper_key(g->src + i + 1, kn, k, sizeof k);
    if (strcmp(k, key) != 0)
      continue;
    size_t ls = i; /* the words before, on the same line, whose initials spell key */
    while (ls > 0 && g->src[ls - 1] != '\n' && i - ls < 80)
      ls--;
    for (size_t a = ls; a + 1 < i; a++) {
      if (!vc_seg_starts_word(g->src, g->len, a) || g->src[a] == ' ')
        continue;
      char words[VC_SEG_NAME_MAX];
      size_t e = i;
      while (e > a && g->src[e - 1] == ' ')
        e--;
      vc_seg_upper_key(g->src + a, e - a, words, sizeof words);
      if (initials_of(key, words)) {
        vc_seg_copy_name(g->src + a, e - a, out, cap);
        return 1;
      }
    }
  }
  return 0;
}

static int key_in(const char *key, const char *const *list);

/* The key after an honorific ("MR. JUSTICE DOE" -> "JUSTICE DOE"), or the key. */
static const char *after_honorific(const char *key) {
  size_t n = strcspn(key, " .");
  if (!vc_seg_in_list(key, n, vc_seg_honorifics))
    return key;
  const char *r = key + n;
  r += *r == '.';
  while (*r == ' ')
    r++;
  return *r ? r : key;
}

static int title_word(const char *w, size_t n) {
  return vc_seg_in_list(w, n, vc_seg_role_words) ||
         vc_seg_in_list(w, n, vc_seg_asker_role_words) ||
         vc_seg_in_list(w, n, vc_seg_answer_role_words) || vc_seg_word_eq(w, n, "chief");
}

/* "THE PRESIDENT": the person the text calls by that title ("President Doe" -> "Jane
 * Doe"), the surname it writes most after the title. */
static int title_holder(const vc_seg *g, const char *key) {
  if (strncmp(key, "THE ", 4) != 0 || !title_word(key + 4, strlen(key + 4)))
    return -1;
  char title[VC_SEG_NAME_MAX]; /* lower case, for vc_seg_prefix_ci */
  size_t tn = 0;
  for (const char *k = key + 4; *k && tn + 1 < sizeof title; k++)
    title[tn++] = (char)(*k >= 'A' && *k <= 'Z' ? *k - 'A' + 'a' : *k);
  title[tn] = 0;
  size_t span = g->len < ((size_t)1 << 20) ? g->len : ((size_t)1 << 20);
  int votes[VC_SEG_MAX_PEOPLE] = {0}, best = -1;
  for (size_t i = 0; i + tn + 2 < span && g->n_people; i++) {
    if (!vc_seg_starts_word(g->src, g->len, i) || g->src[i + tn] != ' ' ||
        !vc_seg_prefix_ci(g->src + i, tn, title) || !(g->src[i] >= 'A' && g->src[i] <= 'Z'))
      continue;
    size_t a = i + tn + 1, b = vc_seg_word_end(g->src, span, a);
    char sur[VC_SEG_NAME_MAX];
    if (b <= a || b - a >= sizeof sur || !(g->src[a] >= 'A' && g->src[a] <= 'Z'))
      continue;
    vc_seg_upper_key(g->src + a, b - a, sur, sizeof sur);
    for (size_t p = 0; p < g->n_people && p < VC_SEG_MAX_PEOPLE; p++) {
      char k[VC_SEG_NAME_MAX];
      vc_seg_upper_key(g->src + g->people[p].last_off, g->people[p].last_len, k, sizeof k);
      if (strcmp(k, sur) == 0 && strchr(g->people[p].name, ' ')) {
        votes[p]++;
        if (best < 0 || votes[p] > votes[best])
          best = (int)p;
      }
    }
  }
  return best;
}

/* The display name of a label: the person its name part stands for, as the article
 * writes their full name ("AHMED" -> "Jane Ahmed", "DOE, ACME & CO" -> "Jane Doe"), else
 * the whole label as the article writes it, else the label in title case. */
static void label_name(const vc_seg *g, const char *key, int handle, char *out,
                       size_t cap) {
  char part[VC_SEG_NAME_MAX];
  key_name(key, part, sizeof part);
  /* a person (after an honorific and titles: "MS. DOE", "MR. JUSTICE DOE"), the holder of
   * a title ("THE PRESIDENT"), else initials the text defines ("Long Name (LN)"), else any
   * phrase */
  const char *bare = after_honorific(part);
  const char *sur = bare;
  while (strchr(sur, ' ') && title_word(sur, strcspn(sur, " ")))
    sur = strchr(sur, ' ') + 1;
  int best = part[0] ? label_person(g, part, 0) : -1;
  if (best < 0 && sur != part)
    best = label_person(g, sur, 0);
  if (best < 0)
    best = title_holder(g, part);
  if (best < 0 && vc_seg_l3_title_name(g, bare, out, cap))
    return; /* "PRIME MINISTER" is the "Prime Minister Jane Doe" of the headline */
  if (best < 0 && bare != part && sur != bare) {
    title_case(bare, out, cap); /* "MR. CHIEF JUSTICE DOE" is "Chief Justice Doe" */
    return;
  }
  if (best < 0 && defined_initials(g, key, out, cap))
    return;
  if (best < 0 && part[0])
    best = label_person(g, part, 1);
  if (best >= 0) {
    snprintf(out, cap, "%s", g->people[best].name);
    return;
  }
  if (vc_seg_l3_full_name(g, bare, out, cap))
    return; /* "DOE" for the "Jane Doe" of a line that is not spoken */
  if (part[0] && strcmp(part, key) != 0)
    key = part; /* "JANE DOE, ACME REPORTER": the name is what comes before the comma */
  if (!find_cased(g, key, handle, out, cap))
    title_case(key, out, cap);
}

/* The interviewer when no label names them: who the introduction says the interviewee
 * spoke with, else the byline's author, else the team the writer says is theirs, else
 * "Interviewer". */
static void asker_name(const vc_seg *g, char *out, size_t cap) {
  if (!g->asker[0] && !vc_seg_asking_byline(g) && vc_seg_team_name(g, out, cap))
    return; /* "the Acme team ... our developers": the writer's own outlet */
  snprintf(out, cap, "%s",
           g->asker[0]               ? g->asker
           : vc_seg_asking_byline(g) ? g->byline
                                     : "Interviewer");
}

static int tok_is(const vc_seg *g, const vc_tok *t, const char *const *list) {
  return vc_seg_in_list(g->src + t->s, t->e - t->s, list);
}

/* A capitalised phrase ("The Outlet", "Jane Doe") starting at t[i]; returns its length
 * in words, 0 if none. Up to two lower-case words ("host Jane Doe") are skipped first. */
static size_t cap_phrase(const vc_seg *g, const vc_tok *t, size_t n, size_t *i) {
  for (size_t skip = 0; skip < 2 && *i < n && !t[*i].cap; skip++)
    (*i)++;
  size_t j = *i;
  while (j < n && j - *i < 5 && t[j].cap && (j == *i || t[j].tight) &&
         !tok_is(g, &t[j], vc_seg_pronouns) && !tok_is(g, &t[j], vc_seg_first_person))
    j++;
  return j - *i;
}

/* Is t[i..i+k) the person the article is about (by surname)? */
static int is_subject(const vc_seg *g, const vc_tok *t, size_t i, size_t k, int main) {
  if (main < 0 || k == 0)
    return 0;
  const vc_person *p = &g->people[main];
  const vc_tok *last = &t[i + k - 1];
  return last->e - last->s == p->last_len &&
         memcmp(g->src + last->s, g->src + p->last_off, p->last_len) == 0;
}

/* Is t[i..i+k) a name the prose shows to be a person's (is_person)? */
static int known_person(const vc_seg *g, const vc_tok *t, size_t i, size_t k) {
  size_t len = t[i + k - 1].e - t[i].s;
  for (size_t p = 0; p < g->n_people; p++)
    if (g->people[p].is_person && g->people[p].len == len &&
        memcmp(g->people[p].name, g->src + t[i].s, len) == 0)
      return 1;
  return 0;
}

static void set_asker(vc_seg *g, const vc_tok *t, size_t i, size_t k) {
  vc_seg_copy_name(g->src + t[i].s, t[i + k - 1].e - t[i].s, g->asker, sizeof g->asker);
}

/* Is the article's subject named within the six words from t[i] ("an interview with G+
 * community creator Jane Doe": the words after "with" describe the guest)? */
static int subject_near(const vc_seg *g, const vc_tok *t, size_t n, size_t i, int main) {
  for (size_t k = i; k < n && k < i + 6; k++)
    if (is_subject(g, t, k, 1, main))
      return 1;
  return 0;
}

/* Reads one sentence's "X spoke with Y": the side that is not the interviewee asks. */
static void meet_in(vc_seg *g, const vc_tok *t, size_t n, int main) {
  for (size_t v = 0; v < n && !g->asker[0]; v++) {
    int interview = vc_seg_word_eq(g->src + t[v].s, t[v].e - t[v].s, "interview") &&
                    v + 1 < n &&
                    vc_seg_word_eq(g->src + t[v + 1].s, t[v + 1].e - t[v + 1].s, "with");
    if (!interview && !tok_is(g, &t[v], vc_seg_meet_verbs))
      continue;
    size_t o = v + 1;
    while (o < n && o < v + 3 && tok_is(g, &t[o], vc_seg_meet_links))
      o++;
    size_t ok = cap_phrase(g, t, n, &o);
    if (ok && tok_is(g, &t[v], vc_seg_join_verbs) && !known_person(g, t, o, ok))
      continue; /* "Jane Doe joined Acme Robotics in 2020": an employer, not who asks */
    size_t s = v, sk = 0;
    while (s > 0 && sk < 5 && t[s - 1].cap && (sk == 0 || t[s].tight) &&
           !tok_is(g, &t[s - 1], vc_seg_first_person)) {
      s--;
      sk++;
    }
    int subj_pron = v > 0 && tok_is(g, &t[v - 1], vc_seg_pronouns);
    if (interview && ok && !is_subject(g, t, o, ok, main) &&
        !subject_near(g, t, n, o + ok, main))
      set_asker(g, t, o, ok);
    else if (!interview && ok && (is_subject(g, t, s, sk, main) || subj_pron) &&
             !is_subject(g, t, o, ok, main))
      set_asker(g, t, o, ok);
    else if (!interview && sk && ok && is_subject(g, t, o, ok, main) &&
             !is_subject(g, t, s, sk, main))
      set_asker(g, t, s, sk);
  }
}

/* Looks in the introduction for who interviewed the article's subject. */
static vc_status find_asker(vc_seg *g) {
  int main = vc_seg_main_person(g);
  vc_tok *t = NULL;
  size_t n = 0, cap = 0;
  vc_status st = VC_OK;
  for (size_t i = 0; st == VC_OK && i < g->qa_start && !g->asker[0]; i++) {
    const vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_NONE)
      continue;
    st = vc_seg_tokens(g->src, p->body, p->end, &t, &n, &cap);
    if (st == VC_OK)
      meet_in(g, t, n, main);
  }
  free(t);
  return st;
}

/* Is `name` the name of a voice-tag label (a signer of a talk page, a caption's named
 * voice), who speaks under that label and is no other label's speaker? */
static int tagged_name(const vc_seg *g, const char *name) {
  char key[VC_SEG_NAME_MAX];
  vc_seg_upper_key(name, strlen(name), key, sizeof key);
  for (size_t li = 0; li < g->n_labels; li++)
    if (g->labels[li].tagged && strcmp(g->labels[li].key, key) == 0)
      return 1;
  return 0;
}

/* The interviewee when no label names them: who the introduction says answers, else the
 * person the article names most, else the title the page gives the guest (`District 4
 * Teacher of the Year`), else "Interviewee". Returns why. */
static const char *answerer_name(vc_seg *g, char *out, size_t cap) {
  if (g->answerer[0]) {
    snprintf(out, cap, "%s", g->answerer);
    return "the introduction names who answers";
  }
  char asker[VC_SEG_NAME_MAX];
  asker_name(g, asker, sizeof asker);
  int p = vc_seg_main_person_but(g, asker); /* the author who asks does not answer */
  if (p >= 0 && tagged_name(g, g->people[p].name))
    p = -1; /* a talk page's signer speaks under a label of their own */
  if (p >= 0) {
    snprintf(out, cap, "%s", g->people[p].name);
    return "the person the article names most";
  }
  if (vc_seg_guest_title(g, out, cap))
    return "nobody is named: the title the page gives the guest";
  snprintf(out, cap, "Interviewee");
  return "nobody is named: a generic name";
}

/* The name a byline gives, from by[0..m): "Jane Doe"; "the Acme Gazette staff" and "the
 * Acme Team on May 1" give the outlet, "Acme Gazette", "Acme" (staff_words). */
static void byline_name(const char *by, size_t m, char *out, size_t cap) {
  for (size_t i = 0; i + 4 < m; i++)
    if (memcmp(by + i, " on ", 4) == 0) {
      m = i;
      break;
    }
  if (m > 4 && vc_seg_prefix_ci(by, m, "the ")) {
    by += 4;
    m -= 4;
  }
  while (m > 0 && by[m - 1] == ' ')
    m--;
  size_t w = m;
  while (w > 0 && by[w - 1] != ' ')
    w--;
  if (w > 0 && vc_seg_in_list(by + w, m - w, vc_seg_staff_words))
    m = w - 1;
  vc_seg_copy_name(by, m, out, cap);
}

/* Does the writer say, before the questions, that they answer them ("I wanted to give a
 * few short answers", "my answers", "the questions I was asked": writer_answer_phrases)?
 * Then the byline names the one who answers, not the one who asks. */
static int writer_answers(const vc_seg *g) {
  for (size_t pi = 0; pi < g->qa_start && pi < g->n_paras; pi++) {
    const vc_para *p = &g->paras[pi];
    if (p->drop != VC_DROP_NONE || p->first_p == 0)
      continue;
    for (size_t i = p->body; i < p->end; i++)
      if (vc_seg_phrase_at(g, i, p->end, vc_seg_writer_answer_phrases))
        return 1;
  }
  return 0;
}

/* The byline's author answers when the writer says so (writer_answers): "posted by
 * jdoe ... I wanted to give a few short answers". Needs the Q&A part's start. */
static void byline_answers(vc_seg *g) {
  if (!vc_seg_asking_byline(g) || g->answerer[0] || !writer_answers(g))
    return;
  memcpy(g->answerer, g->byline, sizeof g->answerer);
  g->answerer_off = g->byline_off;
  g->byline_answers = 1;
}

/* Remembers the author of the first byline. */
static void find_byline(vc_seg *g) {
  for (size_t i = 0; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->drop != VC_DROP_BYLINE)
      continue;
    const char *s = g->src + p->body;
    size_t n = p->end - p->body;
    const char *by = NULL;
    for (size_t k = 0; k + 3 <= n && !by; k++)
      if ((k == 0 || s[k - 1] == ' ') && (s[k] == 'b' || s[k] == 'B') && s[k + 1] == 'y' &&
          s[k + 2] == ' ')
        by = s + k + 3;
    if (!by)
      continue;
    size_t m = (size_t)(s + n - by);
    const char *cut = memchr(by, ',', m), *bar = memchr(by, '|', m);
    if (bar && (!cut || bar < cut))
      cut = bar; /* "By Jane Doe | Friday, May 1" */
    if (cut)
      m = (size_t)(cut - by);
    byline_name(by, m, g->byline, sizeof g->byline);
    g->byline_off = p->start;
    return;
  }
}

typedef struct group_score {
  double q;     /* how much its turns ask */
  double words; /* mean words a turn */
  double ask;   /* the two together */
  int paras;
} group_score;

static double para_q(const vc_para *p) {
  if (p->ends_q)
    return 1.0;
  if (p->second_p > p->first_p && p->words < 40)
    return 0.6;
  return p->has_q ? 0.3 : 0.0;
}

static int spoken(const vc_para *p) {
  return p->drop == VC_DROP_NONE && !p->note;
}

/* Scores each labelled speaker; gs[0] collects the unlabelled paragraphs of the Q&A. */
static void score_groups(const vc_seg *g, group_score *gs) {
  for (size_t i = 0; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->label < 0 && i > g->qa_start && spoken(p)) {
      gs[0].q += para_q(p);
      gs[0].paras++;
    }
    if (p->label < 0 || p->drop != VC_DROP_NONE)
      continue;
    size_t s = g->labels[p->label].speaker;
    gs[s].q += para_q(p);
    gs[s].words += p->words;
    gs[s].paras++;
  }
  if (gs[0].paras)
    gs[0].q /= gs[0].paras;
  double most = 1;
  for (size_t s = 1; s < g->n_speakers; s++) {
    if (gs[s].paras) {
      gs[s].q /= gs[s].paras;
      gs[s].words /= gs[s].paras;
    }
    if (gs[s].words > most)
      most = gs[s].words;
  }
  /* the interviewer asks, and speaks in short turns */
  for (size_t s = 1; s < g->n_speakers; s++)
    gs[s].ask = gs[s].q + (gs[s].paras ? 1.0 - gs[s].words / most : 0.0);
}

/* Splits the speakers open[0..n) at the widest gap in how much they ask: those above it
 * ask (co-hosts), those below answer. */
static void split_by_asking(vc_seg *g, const group_score *gs, size_t *open, size_t n) {
  for (size_t i = 1; i < n; i++) /* sort by ask, highest first (n is small) */
    for (size_t j = i; j > 0 && gs[open[j]].ask > gs[open[j - 1]].ask; j--) {
      size_t t = open[j];
      open[j] = open[j - 1];
      open[j - 1] = t;
    }
  size_t cut = 1;
  double gap = -1;
  for (size_t i = 1; i < n; i++) {
    double d = gs[open[i - 1]].ask - gs[open[i]].ask;
    if (d > gap) {
      gap = d;
      cut = i;
    }
  }
  for (size_t i = 0; i < n; i++) {
    g->speakers[open[i]].role = i < cut ? VC_ROLE_INTERVIEWER : VC_ROLE_INTERVIEWEE;
    g->speakers[open[i]].why_off = SIZE_MAX;
    snprintf(g->speakers[open[i]].why, sizeof g->speakers[open[i]].why, "%s",
             i < cut ? "asks more than the others" : "asks less than the others");
  }
}

/* When every labelled speaker answers and no unlabelled questions ask, the one among
 * those the evidence left open who asks most is the interviewer ("THE PRESIDENT:"
 * answers, so "MS. DOE:" asks). */
static void ensure_asker(vc_seg *g, const group_score *gs, const size_t *open, size_t n,
                         int asked_unlabelled) {
  for (size_t s = 1; s < g->n_speakers; s++)
    if (g->speakers[s].role == VC_ROLE_INTERVIEWER && gs[s].paras)
      return;
  if (asked_unlabelled || n == 0)
    return;
  size_t best = open[0];
  for (size_t i = 1; i < n; i++)
    if (gs[open[i]].q > gs[best].q)
      best = open[i];
  if (gs[best].q <= 0)
    return;
  g->speakers[best].role = VC_ROLE_INTERVIEWER;
  g->speakers[best].why_off = SIZE_MAX;
  snprintf(g->speakers[best].why, sizeof g->speakers[best].why, "%s",
           "asks most, and everyone else answers");
}

/* Roles of the labelled speakers. Evidence in the text decides first (role words in
 * labels, introductions, what speakers say of themselves: segment_roles.c); the rest
 * by how much they ask. One alone asks if its turns are questions; with questions left
 * unlabelled, or beside speakers the evidence placed, a speaker asks only if most of its
 * own turns do; otherwise several are split at the widest gap in how much they ask,
 * unless none of them asks much and unlabelled paragraphs are there to ask. */
static void label_roles(vc_seg *g, group_score *gs) {
  score_groups(g, gs);
  vc_seg_role_evidence(g);
  size_t open[VC_SEG_MAX_SPEAKERS], n = 0;
  int decided = 0;
  double most_q = 0;
  for (size_t s = 1; s < g->n_speakers; s++) {
    vc_spk *k = &g->speakers[s];
    if (!gs[s].paras)
      continue;
    if (k->role != VC_ROLE_NARRATOR) {
      decided++; /* a question or answer label ("HOST:", "Q:") placed it */
      continue;
    }
    if (k->evidence != 0) {
      k->role = k->evidence > 0 ? VC_ROLE_INTERVIEWER : VC_ROLE_INTERVIEWEE;
      decided++;
      continue;
    }
    open[n++] = s;
    if (gs[s].q > most_q)
      most_q = gs[s].q;
  }
  double host_q = -1; /* the least a speaker the evidence made a host asks */
  for (size_t s = 1; s < g->n_speakers; s++)
    if ((g->speakers[s].evidence > 0 || g->speakers[s].role == VC_ROLE_INTERVIEWER) &&
        gs[s].paras && (host_q < 0 || gs[s].q < host_q))
      host_q = gs[s].q;
  int asked_unlabelled = gs[0].paras >= 1 && gs[0].q >= 0.45;
  int prompts = gs[0].paras >= 2 && most_q < 0.3;
  if (n == 1 || asked_unlabelled || decided || prompts) {
    for (size_t i = 0; i < n; i++) {
      vc_spk *k = &g->speakers[open[i]];
      int asks = gs[open[i]].q >= 0.5 && !prompts && gs[open[i]].q >= 0.8 * host_q;
      k->role = asks ? VC_ROLE_INTERVIEWER : VC_ROLE_INTERVIEWEE;
      k->why_off = SIZE_MAX;
      snprintf(k->why, sizeof k->why, "%s",
               asks ? "most of its turns ask" : "most of its turns do not ask");
    }
  } else if (n > 1) {
    split_by_asking(g, gs, open, n);
  }
  ensure_asker(g, gs, open, n, asked_unlabelled || (prompts && !decided));
  for (size_t s = 1; s < g->n_speakers; s++)
    if (g->speakers[s].role == VC_ROLE_NARRATOR)
      g->speakers[s].role = VC_ROLE_INTERVIEWEE;
}

static int key_in(const char *key, const char *const *list) {
  return vc_seg_in_list(key, strlen(key), list);
}

/* The speaker an earlier label already stands for: "AHMED" after "JANE AHMED", "JA"
 * after "JANE AHMED". */
static int same_person(const vc_seg *g, size_t li) {
  char a[VC_SEG_NAME_MAX], b[VC_SEG_NAME_MAX];
  key_name(g->labels[li].key, a, sizeof a);
  const char *al = strrchr(a, ' ');
  al = al ? al + 1 : a;
  for (size_t k = 0; k < li; k++) {
    const vc_label *l = &g->labels[k];
    if (!l->valid)
      continue;
    key_name(l->key, b, sizeof b);
    const char *bl = strrchr(b, ' ');
    bl = bl ? bl + 1 : b;
    if (strcmp(al, bl) == 0 && (strchr(a, ' ') == NULL || strchr(b, ' ') == NULL))
      return (int)k;
    if (first_word_is(b, a) || first_word_is(a, b))
      return (int)k; /* "JANE" after "JANE DOE" */
    if (initials_of(a, b))
      return (int)k;
    if (vc_seg_l3_honorific_surname(a, b))
      return (int)k; /* "MR. DOE" after "JANE DOE" */
  }
  return -1;
}

/* Names the speaker of a Q/A-style label ("Q", "A", "HOST"): who the introduction says
 * asks or answers, else the byline or the main person; records why. */
static int key_in(const char *key, const char *const *list);

static void qa_label_name(vc_seg *g, const char *key, int asks, char *name, size_t cap,
                          size_t *off, const char **why) {
  if (asks) {
    asker_name(g, name, cap);
    *off = g->asker_off;
    *why = g->asker[0] && g->asker_off ? "the introduction names who asks"
           : g->asker[0]               ? "who the introduction says the guest spoke with"
           : vc_seg_asking_byline(g)   ? "the byline"
                                       : "nobody is named: a generic name";
    if (!g->asker[0] && !vc_seg_asking_byline(g) && strlen(key) > 1 &&
        strcmp(key, "QUESTION") != 0) {
      title_case(key, name, cap); /* "HOST:" with nobody named is "Host" */
      *why = "nobody is named: the label's role word";
    }
  } else {
    *why = answerer_name(g, name, cap);
    *off = g->answerer_off;
  }
}

static vc_status label_speakers(vc_seg *g) {
  for (size_t li = 0; li < g->n_labels; li++) {
    vc_label *l = &g->labels[li];
    if (!l->valid)
      continue;
    size_t off = g->paras[l->first_para].start;
    int same = key_in(l->key, vc_seg_asker_labels) || key_in(l->key, vc_seg_answer_labels)
                   ? -1
                   : same_person(g, li);
    if (same >= 0) {
      l->speaker = g->labels[same].speaker;
      continue;
    }
    char name[VC_SEG_NAME_MAX];
    vc_role role = VC_ROLE_NARRATOR; /* decided below */
    const char *why = "the label, as the text writes it";
    size_t why_off = off;
    int asks = key_in(l->key, vc_seg_asker_labels);
    if (asks || key_in(l->key, vc_seg_answer_labels)) {
      qa_label_name(g, l->key, asks, name, sizeof name, &why_off, &why);
      role = asks ? VC_ROLE_INTERVIEWER : VC_ROLE_INTERVIEWEE;
    } else {
      label_name(g, l->key, l->handle, name, sizeof name);
    }
    vc_status st = vc_seg_add_speaker(g, name, strlen(name), role, &l->speaker);
    if (st != VC_OK)
      return st;
    vc_seg_name_why(g, l->speaker, why_off ? why_off : off, why);
    vc_spk *k = &g->speakers[l->speaker];
    if (role != VC_ROLE_NARRATOR && !k->why[0]) {
      k->why_off = off;
      snprintf(k->why, sizeof k->why, "%s", asks ? "a question label" : "an answer label");
    }
  }
  return VC_OK;
}

static int has_quote_mark(const vc_seg *g, const vc_para *p) {
  for (size_t i = p->body; i < p->end; i++) {
    size_t k;
    if (g->src[i] == '"' || vc_seg_is_open_quote(g->src, p->end, i, &k))
      return 1;
  }
  return 0;
}

/* With no labels at all, a Q&A part is a run where short questions keep coming back,
 * each followed by a paragraph that is not one, with few quotations around. */
static size_t unlabeled_qa_start(const vc_seg *g) {
  size_t first = g->n_paras, prev_spoken = g->n_paras;
  int qlike = 0, total = 0, quoted = 0;
  for (size_t i = 0; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (!spoken(p))
      continue;
    size_t j = i + 1;
    while (j < g->n_paras && !spoken(&g->paras[j]))
      j++;
    int q = prev_spoken < g->n_paras && p->ends_q && p->words <= 80 && j < g->n_paras &&
            !g->paras[j].ends_q && (p->words <= 40 || g->paras[j].words > p->words);
    prev_spoken = i;
    if (first == g->n_paras && q)
      first = i;
    if (first == g->n_paras)
      continue;
    total++;
    qlike += q;
    quoted += has_quote_mark(g, p);
  }
  return qlike >= 3 && qlike * 4 >= total && quoted * 3 <= total ? first : g->n_paras;
}

/* Is there a Q&A part, and where does it start? One label used once needs questions
 * after it to count. */
static void find_qa_start(vc_seg *g) {
  g->qa_start = g->n_paras;
  int strong = 0, valid = 0;
  for (size_t li = 0; li < g->n_labels; li++) {
    valid += g->labels[li].valid;
    strong += g->labels[li].valid && (g->labels[li].count >= 2 || g->labels[li].tagged);
  }
  for (size_t i = 0; i < g->n_paras; i++) {
    if (g->paras[i].label >= 0 || (g->paras[i].drop == VC_DROP_LABEL &&
                                   i + 1 < g->n_paras && g->paras[i + 1].label >= 0)) {
      g->qa_start = i;
      break;
    }
  }
  if (g->qa_start < g->n_paras && vc_seg_quoted_labels(g))
    return; /* 'Jane: "..."' in a feature: quotations (segment_attrib.c) */
  if (g->qa_start >= g->n_paras) {
    size_t pair = vc_seg_pair_start(g);
    g->qa_start = pair < g->n_paras ? pair : unlabeled_qa_start(g);
    if (g->qa_start >= g->n_paras)
      g->qa_start = vc_seg_heading_qa_start(g, 0);
    if (g->qa_start >= g->n_paras)
      g->qa_start = vc_seg_addressed_start(g);
    return;
  }
  if (strong || valid >= 2 || vc_seg_l3_lone_label(g))
    return;
  int questions = 0;
  for (size_t i = g->qa_start; i < g->n_paras; i++)
    questions += g->paras[i].drop == VC_DROP_NONE && g->paras[i].ends_q;
  if (questions < 2)
    vc_seg_unlabel_rest(g);
}

/* When the first label is an answer's, the question it answers is the paragraph just
 * above it, if that one asks. */
static void include_first_question(vc_seg *g) {
  const vc_para *p = &g->paras[g->qa_start];
  if (p->label < 0 || g->speakers[g->labels[p->label].speaker].role != VC_ROLE_INTERVIEWEE)
    return;
  size_t i = g->qa_start;
  while (i > 0 && !spoken(&g->paras[i - 1]) && g->paras[i - 1].drop != VC_DROP_NONE)
    i--;
  if (i == 0)
    return;
  const vc_para *q = &g->paras[i - 1];
  if (spoken(q) && q->label < 0 && q->ends_q && q->words <= 60)
    g->qa_start = i - 1;
}

/* A talk: a "Speakers:" line names one person, who answers the Q&A after it; the spoken
 * paragraphs between the header and the Q&A speak to listeners (I, we, you), seldom quote
 * and seldom ask. They are that speaker's monologue (g->talk_start). */
static void find_talk(vc_seg *g) {
  g->talk_start = g->n_paras;
  size_t who = 0;
  for (size_t k = 1; k < g->n_speakers && g->cast_solo && !who; k++)
    if (g->speakers[k].role == VC_ROLE_INTERVIEWEE &&
        strcmp(g->speakers[k].name, g->answerer) == 0)
      who = k;
  if (!who || g->qa_start >= g->n_paras)
    return;
  size_t first = g->n_paras;
  int paras = 0, first_p = 0, second_p = 0, quoted = 0, asks = 0;
  for (size_t i = 0; i < g->qa_start; i++) {
    const vc_para *p = &g->paras[i];
    if (!spoken(p) || (first == g->n_paras && p->words < 25))
      continue;
    if (first == g->n_paras)
      first = i;
    paras++;
    first_p += p->first_p;
    second_p += p->second_p;
    quoted += has_quote_mark(g, p);
    asks += p->ends_q;
  }
  if (paras >= 2 && first_p * 2 >= paras && first_p + second_p >= paras &&
      quoted * 4 <= paras && asks * 3 <= paras) {
    g->talk_start = first;
    g->talk_speaker = who;
    for (size_t k = 1; k < g->n_speakers; k++) /* questions from the floor */
      if (g->speakers[k].role == VC_ROLE_INTERVIEWER &&
          strcmp(g->speakers[k].name, "Interviewer") == 0) {
        snprintf(g->speakers[k].name, sizeof g->speakers[k].name, "%s", "Audience");
        snprintf(g->speakers[k].name_why, sizeof g->speakers[k].name_why, "%s",
                 "a talk: questions from the audience");
      }
  }
}

/* Resolves labels to speakers and roles; sets the Q&A part and its default speakers. */
vc_status vc_seg_resolve_speakers(vc_seg *g) {
  g->talk_start = g->n_paras;
  vc_status st = vc_seg_add_speaker(g, "Narrator", 8, VC_ROLE_NARRATOR, &(size_t){0});
  if (st != VC_OK)
    return st;
  find_byline(g);
  find_qa_start(g);
  byline_answers(g);
  if (g->qa_start < g->n_paras)
    st = vc_seg_intro_names(g);
  if (st != VC_OK)
    return st;
  size_t qa_off = g->qa_start < g->n_paras ? g->paras[g->qa_start].start : g->len;
  for (size_t i = 0; i < g->n_mentions; i++)
    if (g->mentions[i].off < qa_off)
      g->people[g->mentions[i].person].early++;
  if (g->qa_start >= g->n_paras)
    return VC_OK;
  st = find_asker(g);
  if (st == VC_OK)
    st = label_speakers(g);
  if (st == VC_OK)
    st = vc_seg_self_names(g);
  if (st == VC_OK)
    st = vc_seg_court_record(g);
  if (st != VC_OK)
    return st;
  group_score gs[VC_SEG_MAX_SPEAKERS];
  memset(gs, 0, sizeof gs);
  label_roles(g, gs);
  vc_seg_thread_roles(g);
  vc_seg_read_in_start(g);
  include_first_question(g);
  g->interviewer = g->interviewee = 0;
  for (size_t s = g->n_speakers; s-- > 1;) {
    if (g->speakers[s].role == VC_ROLE_INTERVIEWER)
      g->interviewer = s;
    else if (g->speakers[s].role == VC_ROLE_INTERVIEWEE)
      g->interviewee = s;
  }
  char name[VC_SEG_NAME_MAX];
  if (!g->interviewer) {
    asker_name(g, name, sizeof name);
    st = vc_seg_add_speaker(g, name, strlen(name), VC_ROLE_INTERVIEWER, &g->interviewer);
  }
  if (st == VC_OK && !g->interviewee) {
    answerer_name(g, name, sizeof name);
    st = vc_seg_add_speaker(g, name, strlen(name), VC_ROLE_INTERVIEWEE, &g->interviewee);
  }
  find_talk(g);
  return st;
}

/* The labels from qa_start on were not a transcript after all: each labelled paragraph is
 * read whole again (its label spoken as text), and no Q&A part remains. */
void vc_seg_unlabel_rest(vc_seg *g) {
  for (size_t i = g->qa_start; i < g->n_paras; i++) {
    vc_para *p = &g->paras[i];
    if (p->label >= 0) {
      p->body = p->start;
      p->label = -1;
      vc_seg_measure(g, p);
    }
  }
  g->qa_start = g->n_paras;
}
