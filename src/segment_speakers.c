/* Segmenter speakers: who the labels stand for, their roles and their display names. */
#include <stdio.h>
#include <string.h>

#include "segment_internal.h"

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
  if (st == VC_ERR_LIMIT && g->n_speakers > 1) {
    *out = g->n_speakers - 1; /* past the cap, the last speaker speaks for the rest */
    return VC_OK;
  }
  if (st != VC_OK)
    return st;
  vc_spk *s = &g->speakers[g->n_speakers];
  memcpy(s->name, buf, n + 1);
  s->role = role;
  *out = g->n_speakers++;
  return VC_OK;
}

/* Writes `key` (upper case) the way the article writes it, if it does anywhere. */
static int find_cased(const vc_seg *g, const char *key, char *out, size_t cap) {
  size_t kn = strlen(key);
  if (kn == 0 || kn > g->len)
    return 0;
  for (size_t i = 0; i + kn <= g->len; i++) {
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
    if (j < kn || !lower || !vc_seg_starts_word(g->src, g->len, i) ||
        (i + kn < g->len && vc_seg_starts_word(g->src, g->len, i + kn) == 0))
      continue;
    vc_seg_copy_name(g->src + i, kn, out, cap);
    return 1;
  }
  return 0;
}

static void title_case(const char *key, char *out, size_t cap) {
  size_t o = 0;
  int start = 1;
  for (size_t i = 0; key[i] && o + 1 < cap; i++) {
    char c = key[i];
    if (!start && c >= 'A' && c <= 'Z')
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

/* The display name of a label: the person's full name as the article writes it ("AHMED"
 * -> "Jane Ahmed"), else the label as the article writes it, else title case. */
static void label_name(const vc_seg *g, const char *key, char *out, size_t cap) {
  const char *last = strrchr(key, ' ');
  int best = -1;
  for (size_t i = 0; i < g->n_people; i++) {
    const vc_person *p = &g->people[i];
    if (person_key_eq(g, p, key, 0)) {
      best = (int)i;
      break;
    }
    if (!last && p->is_person && person_key_eq(g, p, key, 1) &&
        (best < 0 || p->mentions > g->people[best].mentions))
      best = (int)i;
  }
  if (best >= 0) {
    snprintf(out, cap, "%s", g->people[best].name);
    return;
  }
  if (!find_cased(g, key, out, cap))
    title_case(key, out, cap);
}

/* The interviewer when no label names them: the byline's author, else "Interviewer". */
static void asker_name(const vc_seg *g, char *out, size_t cap) {
  snprintf(out, cap, "%s", g->byline[0] ? g->byline : "Interviewer");
}

static void answerer_name(const vc_seg *g, char *out, size_t cap) {
  int p = vc_seg_main_person(g);
  snprintf(out, cap, "%s", p >= 0 ? g->people[p].name : "Interviewee");
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
    const char *cut = memchr(by, ',', m);
    if (cut)
      m = (size_t)(cut - by);
    vc_seg_copy_name(by, m, g->byline, sizeof g->byline);
    return;
  }
}

typedef struct group_score {
  double q;
  int paras;
} group_score;

static double para_q(const vc_para *p) {
  if (p->ends_q)
    return 1.0;
  if (p->second_p > p->first_p && p->words < 40)
    return 0.6;
  return p->has_q ? 0.3 : 0.0;
}

/* Roles of the labelled speakers: the one that asks most is the interviewer (co-hosts
 * who ask nearly as much too), the others answer. */
static void label_roles(vc_seg *g, group_score *gs) {
  for (size_t i = 0; i < g->n_paras; i++) {
    const vc_para *p = &g->paras[i];
    if (p->label < 0 || p->drop != VC_DROP_NONE)
      continue;
    size_t s = g->labels[p->label].speaker;
    gs[s].q += para_q(p);
    gs[s].paras++;
  }
  double best = -1;
  size_t first = g->n_speakers;
  for (size_t s = 1; s < g->n_speakers; s++) {
    if (gs[s].paras)
      gs[s].q /= gs[s].paras;
    if (first == g->n_speakers && gs[s].paras)
      first = s;
  }
  if (first < g->n_speakers && g->n_speakers > 2)
    gs[first].q += 0.2;
  for (size_t s = 1; s < g->n_speakers; s++)
    if (gs[s].q > best)
      best = gs[s].q;
  for (size_t s = 1; s < g->n_speakers; s++) {
    if (g->speakers[s].role != VC_ROLE_NARRATOR)
      continue; /* fixed by a Q/A label */
    int asks =
        g->n_speakers == 2 ? gs[s].q >= 0.5 : gs[s].q >= best * 0.7 && gs[s].q >= 0.35;
    if (best < 0.25 && s == first)
      asks = 1;
    g->speakers[s].role = asks ? VC_ROLE_INTERVIEWER : VC_ROLE_INTERVIEWEE;
  }
}

static int key_in(const char *key, const char *const *list) {
  return vc_seg_in_list(key, strlen(key), list);
}

/* The speaker an earlier label already stands for: "AHMED" after "JANE AHMED". */
static int same_person(const vc_seg *g, size_t li) {
  const char *a = g->labels[li].key, *al = strrchr(a, ' ');
  al = al ? al + 1 : a;
  for (size_t k = 0; k < li; k++) {
    const vc_label *l = &g->labels[k];
    if (!l->valid)
      continue;
    const char *bl = strrchr(l->key, ' ');
    bl = bl ? bl + 1 : l->key;
    if (strcmp(al, bl) == 0 && (strchr(a, ' ') == NULL || strchr(l->key, ' ') == NULL))
      return (int)k;
  }
  return -1;
}

static vc_status label_speakers(vc_seg *g) {
  for (size_t li = 0; li < g->n_labels; li++) {
    vc_label *l = &g->labels[li];
    if (!l->valid)
      continue;
    int same = key_in(l->key, vc_seg_asker_labels) || key_in(l->key, vc_seg_answer_labels)
                   ? -1
                   : same_person(g, li);
    if (same >= 0) {
      l->speaker = g->labels[same].speaker;
      continue;
    }
    char name[VC_SEG_NAME_MAX];
    vc_role role = VC_ROLE_NARRATOR; /* decided below */
    if (key_in(l->key, vc_seg_asker_labels)) {
      asker_name(g, name, sizeof name);
      role = VC_ROLE_INTERVIEWER;
    } else if (key_in(l->key, vc_seg_answer_labels)) {
      answerer_name(g, name, sizeof name);
      role = VC_ROLE_INTERVIEWEE;
    } else {
      label_name(g, l->key, name, sizeof name);
    }
    vc_status st = vc_seg_add_speaker(g, name, strlen(name), role, &l->speaker);
    if (st != VC_OK)
      return st;
  }
  return VC_OK;
}

/* Is there a Q&A part, and where does it start? One label used once needs questions
 * after it to count. */
static void find_qa_start(vc_seg *g) {
  g->qa_start = g->n_paras;
  int strong = 0, valid = 0;
  for (size_t li = 0; li < g->n_labels; li++) {
    valid += g->labels[li].valid;
    strong += g->labels[li].valid && g->labels[li].count >= 2;
  }
  for (size_t i = 0; i < g->n_paras; i++) {
    if (g->paras[i].label >= 0 || (g->paras[i].drop == VC_DROP_LABEL &&
                                   i + 1 < g->n_paras && g->paras[i + 1].label >= 0)) {
      g->qa_start = i;
      break;
    }
  }
  if (strong || valid >= 2 || g->qa_start >= g->n_paras)
    return;
  int questions = 0;
  for (size_t i = g->qa_start; i < g->n_paras; i++)
    questions += g->paras[i].drop == VC_DROP_NONE && g->paras[i].ends_q;
  if (questions < 2) {
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
}

/* Resolves labels to speakers and roles; sets the Q&A part and its default speakers. */
vc_status vc_seg_resolve_speakers(vc_seg *g) {
  vc_status st = vc_seg_add_speaker(g, "Narrator", 8, VC_ROLE_NARRATOR, &(size_t){0});
  if (st != VC_OK)
    return st;
  find_byline(g);
  find_qa_start(g);
  size_t qa_off = g->qa_start < g->n_paras ? g->paras[g->qa_start].start : g->len;
  for (size_t i = 0; i < g->n_mentions; i++)
    if (g->mentions[i].off < qa_off)
      g->people[g->mentions[i].person].early++;
  if (g->qa_start >= g->n_paras)
    return VC_OK;
  st = label_speakers(g);
  if (st != VC_OK)
    return st;
  group_score gs[VC_SEG_MAX_SPEAKERS];
  memset(gs, 0, sizeof gs);
  label_roles(g, gs);
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
  return st;
}
