/* The chapters of a render: one per turn of the interview, the one list every format's
 * chapters are written from. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "chapters_list.h"

#include <stdlib.h>
#include <string.h>

#include "writers_internal.h"

enum { VC_TITLE_CHARS = 60 }; /* a title's length at most, in characters as shown */

/* Appends the words of `words` (one line, single spaces) while the title stays within
 * VC_TITLE_CHARS; an ellipsis marks a cut. */
static void add_words(vc_sbuf *b, const char *words) {
  size_t shown = vc_cap_chars(b->s ? b->s : "", b->len), i = 0, n = strlen(words);
  while (i < n) {
    const char *sp = memchr(words + i, ' ', n - i);
    size_t end = sp ? (size_t)(sp - words) : n;
    size_t w = vc_cap_chars(words + i, end - i);
    if (shown + 1 + w > VC_TITLE_CHARS) {
      vc_sbuf_adds(b, "\xE2\x80\xA6"); /* HORIZONTAL ELLIPSIS */
      return;
    }
    vc_sbuf_addc(b, ' ');
    vc_sbuf_add(b, words + i, end - i);
    shown += 1 + w;
    i = end + 1;
  }
}

/* "Speaker Name: first words…" from the turn's first paragraph. */
static char *make_title(const vc_script *s, const vc_turn *t) {
  const char *nl = memchr(t->text, '\n', t->text_len);
  size_t len = nl ? (size_t)(nl - t->text) : t->text_len;
  len = len > 400 ? 400 : len;
  while (len > 0 && ((unsigned char)t->text[len] & 0xC0) == 0x80 && len < t->text_len)
    len--; /* cut at a character boundary */
  char *head = malloc(len + 1);
  if (!head)
    return NULL;
  memcpy(head, t->text, len);
  head[len] = '\0';
  char *name = vc_speaker_field(s, t->speaker, NULL);
  char *words = vc_cap_field(head, NULL, "");
  free(head);
  vc_sbuf b = {0};
  if (name && words) {
    vc_sbuf_adds(&b, name);
    vc_sbuf_addc(&b, ':');
    add_words(&b, words);
  } else {
    b.err = 1;
  }
  free(name);
  free(words);
  char *title = vc_sbuf_take(&b);
  vc_sbuf_free(&b);
  return title;
}

vc_status vc_chapters_build(const vc_script *s, const vc_timeline *tl, vc_chapters **out) {
  *out = NULL;
  if (!s || !tl || tl->n_turns < s->n_turns || tl->sample_rate <= 0)
    return VC_ERR_ARG;
  vc_chapters *c = calloc(1, sizeof *c);
  if (!c || !(c->ch = calloc(s->n_turns ? s->n_turns : 1, sizeof *c->ch))) {
    free(c);
    return VC_ERR_NOMEM;
  }
  for (size_t i = 0; i < s->n_turns; i++) {
    if (s->turns[i].announcement)
      continue;
    vc_chapter *k = &c->ch[c->n++];
    k->turn = i;
    k->first_turn = i > 0 && s->turns[i - 1].announcement ? i - 1 : i;
    k->speaker = s->turns[i].speaker;
    k->start = tl->turns[k->first_turn].start;
    k->start_ms = vc_cap_ms(k->start, tl->sample_rate, 0);
    if (!(k->title = make_title(s, &s->turns[i]))) {
      vc_chapters_free(c);
      return VC_ERR_NOMEM;
    }
  }
  c->end_ms = vc_cap_ms(tl->n_samples, tl->sample_rate, 1);
  for (size_t i = 0; i < c->n; i++)
    c->ch[i].end_ms = i + 1 < c->n ? c->ch[i + 1].start_ms : c->end_ms;
  *out = c;
  return VC_OK;
}

void vc_chapters_free(vc_chapters *c) {
  if (!c)
    return;
  for (size_t i = 0; i < c->n; i++)
    free(c->ch[i].title);
  free(c->ch);
  free(c);
}
