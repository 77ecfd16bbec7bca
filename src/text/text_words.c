/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Word rules for speech: censored words, table pronunciations, clock times, money,
 * years and decades, "1-on-1", and acronyms spelled letter by letter. */
#include <stdio.h>
#include <string.h>

#include "text_lex.h"
#include "text_pron.h"
#include "text_words.h"

static int is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
static int is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* 1 when s[from..to) equals the NUL-terminated `w`. */
static int word_is(const char *s, size_t from, size_t to, const char *w) {
  return to - from == strlen(w) && memcmp(s + from, w, to - from) == 0;
}

static int word_in(const char *s, size_t from, size_t to, const char *const *list) {
  for (size_t i = 0; list[i]; i++)
    if (word_is(s, from, to, list[i]))
      return 1;
  return 0;
}

static vc_status say(vc_speak *sp, const char *text, size_t at) {
  return vc_mbuf_put(&sp->out, text, strlen(text), at);
}

/* ---- numbers in words ------------------------------------------------------------- */

static const char *const vc_ones[20] = {
    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const vc_tens[10] = {"",      "ten",   "twenty",  "thirty", "forty",
                                        "fifty", "sixty", "seventy", "eighty", "ninety"};
static const char *const vc_tens_plural[10] = {
    "",        "tens",    "twenties",  "thirties", "forties",
    "fifties", "sixties", "seventies", "eighties", "nineties"};

/* Writes 0..99 in words ("ninety-nine") to buf. */
static void words_0_99(int n, char *buf, size_t cap) {
  if (n < 20)
    snprintf(buf, cap, "%s", vc_ones[n]);
  else if (n % 10 == 0)
    snprintf(buf, cap, "%s", vc_tens[n / 10]);
  else
    snprintf(buf, cap, "%s-%s", vc_tens[n / 10], vc_ones[n % 10]);
}

/* A year as said: "nineteen oh five", "twenty twenty", "two thousand eight". */
static void year_words(int y, char *buf, size_t cap) {
  char hi[32], lo[32];
  words_0_99(y / 100, hi, sizeof hi);
  words_0_99(y % 100, lo, sizeof lo);
  if (y >= 2000 && y < 2010)
    snprintf(buf, cap, y == 2000 ? "two thousand" : "two thousand %s", vc_ones[y % 10]);
  else if (y % 100 == 0)
    snprintf(buf, cap, "%s hundred", hi);
  else if (y % 100 < 10)
    snprintf(buf, cap, "%s oh %s", hi, lo);
  else
    snprintf(buf, cap, "%s %s", hi, lo);
}

/* A decade as said: "nineteen nineties", "nineteen hundreds", "two thousands". */
static void decade_words(int y, char *buf, size_t cap) {
  char hi[32];
  words_0_99(y / 100, hi, sizeof hi);
  if (y == 2000)
    snprintf(buf, cap, "two thousands");
  else if (y % 100 == 0)
    snprintf(buf, cap, "%s hundreds", hi);
  else
    snprintf(buf, cap, "%s %s", hi, vc_tens_plural[(y % 100) / 10]);
}

/* ---- censored words ---------------------------------------------------------------- */

static const char *const vc_letter_names[26] = {
    "ay",  "bee", "see", "dee", "ee",         "eff", "gee", "aitch", "eye",
    "jay", "kay", "ell", "em",  "en",         "oh",  "pee", "cue",   "ar",
    "ess", "tee", "you", "vee", "double-you", "ex",  "why", "zee"};

/* Endings that may follow a censoring dash ("f—ing"). */
static const char *const vc_censor_suffixes[] = {"ing", "in", "ed", "er", "ers", "s", NULL};

/* Length of the censoring run (dashes, asterisks, two or more hyphens) at s[i..to). */
static size_t censor_run(const char *s, size_t i, size_t to) {
  size_t start = i, hyphens = 0, others = 0;
  for (;;) {
    if (to - i >= 3 && memcmp(s + i, "\xe2\x80", 2) == 0 &&
        (s[i + 2] == '\x94' || s[i + 2] == '\x93')) {
      i += 3;
      others++;
    } else if (i < to && (s[i] == '*' || s[i] == '-')) {
      hyphens += s[i] == '-';
      others += s[i] == '*';
      i++;
    } else {
      break;
    }
  }
  return (others > 0 || hyphens >= 2) ? i - start : 0;
}

static int all_lower(const char *s, size_t from, size_t to) {
  for (size_t i = from; i < to; i++)
    if (!is_lower(s[i]))
      return 0;
  return 1;
}

/* Where a censoring suffix starts at the end of the letters s[from..to), or `to`. */
static size_t censor_suffix(const char *s, size_t from, size_t to) {
  for (size_t k = 0; vc_censor_suffixes[k]; k++) {
    size_t n = strlen(vc_censor_suffixes[k]);
    if (n > 1 && to - from > n && memcmp(s + to - n, vc_censor_suffixes[k], n) == 0)
      return to - n;
  }
  return to;
}

/* "s—" -> "s-word", "f—ing" -> "effing". */
static int rule_censored(vc_speak *sp, vc_speak_word *t, vc_status *st) {
  const char *s = sp->s;
  char c = s[t->cs], lc = is_upper(c) ? (char)(c - 'A' + 'a') : c;
  size_t run, suf;
  char buf[32];
  if (!is_lower(lc) || strchr("aio", lc))
    return 0;
  run = censor_run(s, t->cs + 1, t->ce);
  if (run == 0)
    return 0;
  suf = t->cs + 1 + run;
  if (suf < t->ce && !word_in(s, suf, t->ce, vc_censor_suffixes)) {
    if (!memchr(s + t->cs, '*', run + 1) || !all_lower(s, suf, t->ce))
      return 0;
    suf = censor_suffix(s, suf, t->ce); /* "f**king" -> "effing", "f**k" -> "f-word" */
  }
  if (suf == t->ce)
    snprintf(buf, sizeof buf, "%c-word", lc);
  else
    snprintf(buf, sizeof buf, "%s%.*s", vc_letter_names[lc - 'a'], (int)(t->ce - suf),
             s + suf);
  *st = say(sp, buf, t->cs);
  t->resume = t->ce;
  return 1;
}

/* ---- the data table ------------------------------------------------------------------ */

static int next_is_number(const vc_speak *sp, const vc_speak_word *t) {
  return t->ns < t->ne && is_digit(sp->s[t->ns]);
}

/* Words replaced from data/pronunciations.tsv ("Nov." -> "November", "&" -> "and"). */
static int rule_table(vc_speak *sp, vc_speak_word *t, vc_status *st) {
  size_t end = t->ce;
  const vc_rule *r = NULL;
  if (end < t->te && sp->s[end] == '.')
    r = vc_rules_find(sp->r, sp->s + t->cs, end + 1 - t->cs);
  if (r)
    end++;
  else
    r = vc_rules_find(sp->r, sp->s + t->cs, end - t->cs);
  if (!r || r->kind != VC_RULE_SAY || !r->say)
    return 0;
  if (r->before_number && !next_is_number(sp, t))
    return 0;
  *st = say(sp, r->say, t->cs);
  t->resume = end;
  return 1;
}

/* ---- numbers ------------------------------------------------------------------------- */

static const char *const vc_am_pm[] = {"AM",  "PM",  "am",  "pm", "a.m",
                                       "p.m", "A.M", "P.M", NULL};

/* "10:00 AM" -> "10 AM", "10:00" -> "10 o'clock", "10:05" -> "10 oh 5". */
static int rule_time(vc_speak *sp, vc_speak_word *t, vc_status *st) {
  const char *s = sp->s;
  size_t colon = t->cs, n = t->ce - t->cs;
  int h = 0, m;
  while (colon < t->ce && is_digit(s[colon]) && colon - t->cs < 3) /* hours: 2 digits */
    h = h * 10 + (s[colon++] - '0');
  if (colon == t->cs || colon - t->cs > 2 || colon + 3 != t->ce || s[colon] != ':' ||
      !is_digit(s[colon + 1]) || !is_digit(s[colon + 2]) || n < 4)
    return 0;
  m = (s[colon + 1] - '0') * 10 + (s[colon + 2] - '0');
  if (h > 24 || m > 59 || (m >= 10))
    return 0;
  *st = vc_mbuf_copy(&sp->out, s + t->cs, colon - t->cs, t->cs);
  if (*st == VC_OK && m == 0 && !word_in(s, t->ns, t->ne, vc_am_pm))
    *st = say(sp, " o'clock", colon);
  else if (*st == VC_OK && m > 0) {
    *st = say(sp, " oh ", colon);
    if (*st == VC_OK)
      *st = vc_mbuf_copy(&sp->out, s + colon + 2, 1, colon + 2);
  }
  t->resume = t->ce;
  return 1;
}

static const char *const vc_scales[] = {"thousand", "million", "billion", "trillion", NULL};

/* Length of a "$" amount's number at s[from..to): digits, commas, one decimal point;
 * *dot is the point's offset or `to`. 0 when it is not one. */
static size_t money_number(const char *s, size_t from, size_t to, size_t *dot) {
  *dot = to;
  if (from >= to || !is_digit(s[from]) || !is_digit(s[to - 1]))
    return 0;
  for (size_t i = from; i < to; i++) {
    if (s[i] == '.' && *dot == to)
      *dot = i;
    else if (!is_digit(s[i]) && s[i] != ',')
      return 0;
  }
  return to - from;
}

/* Speaks "dollars" after the number (and the cents of "$2.50": "2 dollars 50"). */
static vc_status say_dollars(vc_speak *sp, const vc_speak_word *t, size_t dot) {
  const char *s = sp->s;
  int one = dot - t->cs == 2 && s[t->cs + 1] == '1';
  vc_status st = vc_mbuf_copy(&sp->out, s + t->cs + 1, dot - t->cs - 1, t->cs + 1);
  if (st == VC_OK)
    st = say(sp, one ? " dollar" : " dollars", dot - 1);
  if (st == VC_OK && dot < t->ce) {
    st = say(sp, " ", dot);
    if (st == VC_OK)
      st = vc_mbuf_copy(&sp->out, s + dot + 1, t->ce - dot - 1, dot + 1);
  }
  return st;
}

/* "$5 million" -> "5 million dollars", "$5" -> "5 dollars", "$2.50" -> "2 dollars 50". */
static int rule_money(vc_speak *sp, vc_speak_word *t, vc_status *st) {
  const char *s = sp->s;
  size_t dot;
  if (s[t->cs] != '$' || !money_number(s, t->cs + 1, t->ce, &dot))
    return 0;
  t->resume = t->ce;
  if (t->ce == t->te && word_in(s, t->ns, t->ne, vc_scales)) {
    *st = vc_mbuf_copy(&sp->out, s + t->cs + 1, t->ce - t->cs - 1, t->cs + 1);
    if (*st == VC_OK)
      *st = vc_mbuf_put(&sp->out, " ", 1, t->ns);
    if (*st == VC_OK)
      *st = vc_mbuf_copy(&sp->out, s + t->ns, t->ne - t->ns, t->ns);
    if (*st == VC_OK)
      *st = say(sp, " dollars", t->ne - 1);
    t->resume = t->ne;
    return 1;
  }
  if (dot < t->ce && t->ce - dot != 3)
    dot = t->ce; /* "$2.5": the whole number, then "dollars" */
  *st = say_dollars(sp, t, dot);
  return 1;
}

/* Parsed "’90s", "1990s", "2020’s", "1999". */
typedef struct vc_year {
  int value, digits;
  int apostrophe; /* written with a leading apostrophe */
  int plural;     /* "s" */
  int possessive; /* "'s" */
} vc_year;

static size_t apostrophe_at(const char *s, size_t i, size_t to) {
  if (i < to && s[i] == '\'')
    return 1;
  if (to - i >= 3 && memcmp(s + i, "\xe2\x80", 2) == 0 &&
      (s[i + 2] == '\x98' || s[i + 2] == '\x99'))
    return 3;
  return 0;
}

static int parse_year(const char *s, size_t from, size_t to, vc_year *y) {
  size_t i = from, a;
  memset(y, 0, sizeof *y);
  if ((a = apostrophe_at(s, i, to)) > 0) {
    y->apostrophe = 1;
    i += a;
  }
  while (i < to && is_digit(s[i]) && y->digits < 5)
    y->value = y->value * 10 + (s[i++] - '0'), y->digits++;
  if ((a = apostrophe_at(s, i, to)) > 0 && i + a + 1 == to && s[i + a] == 's')
    y->possessive = 1, i += a + 1;
  else if (i + 1 == to && s[i] == 's')
    y->plural = 1, i++;
  return i == to && (y->digits == 4 || (y->digits == 2 && (y->apostrophe || y->plural)));
}

static const char *const vc_decade_before[] = {"the", "early", "late", "mid", "mid-",
                                               "The", "Early", "Late", "Mid", NULL};

/* Years and decades in words: "2020" -> "twenty twenty", "1990s" -> "nineteen nineties",
 * "’90s" -> "nineties", "2020’s race" -> "twenty twenty's race". */
static int rule_year(vc_speak *sp, vc_speak_word *t, vc_status *st) {
  vc_year y;
  char buf[96];
  int decade;
  if (!parse_year(sp->s, t->cs, t->ce, &y) || (y.apostrophe && y.digits == 4))
    return 0;
  if (y.digits == 4 && (y.value < 1100 || y.value > 2099))
    return 0;
  decade = y.value % 10 == 0 &&
           (y.plural || (y.possessive && word_in(sp->s, t->ps, t->pe, vc_decade_before)));
  if (y.digits == 2 && (y.plural || y.possessive) && y.value % 10 == 0)
    snprintf(buf, sizeof buf, "%s", vc_tens_plural[y.value / 10]);
  else if (y.digits == 2)
    words_0_99(y.value, buf, sizeof buf);
  else if (decade)
    decade_words(y.value, buf, sizeof buf);
  else
    year_words(y.value, buf, sizeof buf);
  if (y.possessive && !decade && y.digits == 4)
    strcat(buf, "'s");
  *st = say(sp, buf, t->cs);
  t->resume = t->ce;
  return 1;
}

/* "1-on-1" -> "1 on 1": espeak-ng would run the first two words together. */
static int rule_x_on_y(vc_speak *sp, vc_speak_word *t, vc_status *st) {
  const char *s = sp->s;
  size_t i = t->cs, h1, h2;
  while (i < t->ce && is_digit(s[i]))
    i++;
  h1 = i;
  if (h1 == t->cs || h1 >= t->ce || s[h1] != '-')
    return 0;
  for (i = h1 + 1; i < t->ce && is_lower(s[i]);)
    i++;
  h2 = i;
  if (h2 == h1 + 1 || h2 - h1 > 5 || h2 >= t->ce || s[h2] != '-')
    return 0;
  for (i = h2 + 1; i < t->ce && is_digit(s[i]);)
    i++;
  if (i != t->ce || i == h2 + 1)
    return 0;
  *st = vc_mbuf_copy(&sp->out, s + t->cs, h1 - t->cs, t->cs);
  if (*st == VC_OK)
    *st = say(sp, " ", h1 + 1);
  if (*st == VC_OK)
    *st = vc_mbuf_copy(&sp->out, s + h1 + 1, h2 - h1 - 1, h1 + 1);
  if (*st == VC_OK)
    *st = say(sp, " ", h2 + 1);
  if (*st == VC_OK)
    *st = vc_mbuf_copy(&sp->out, s + h2 + 1, t->ce - h2 - 1, h2 + 1);
  t->resume = t->ce;
  return 1;
}

/* ---- acronyms ------------------------------------------------------------------------ */

/* Splits an acronym core into capitals [cs, *caps_end) and a plural/possessive suffix. */
static int parse_acronym(const char *s, size_t cs, size_t ce, size_t *caps_end) {
  size_t i = cs;
  while (i < ce && is_upper(s[i]))
    i++;
  if (i - cs < 2 || i - cs > 5)
    return 0;
  *caps_end = i;
  if (i == ce || (i + 1 == ce && s[i] == 's'))
    return 1;
  return apostrophe_at(s, i, ce) > 0 && i + apostrophe_at(s, i, ce) + 1 == ce &&
         s[ce - 1] == 's';
}

static int roman_numeral(const char *s, size_t from, size_t to) {
  for (size_t i = from; i < to; i++)
    if (!strchr("IVX", s[i]))
      return 0;
  return 1;
}

/* 1 when s[from..to) is a word of three or more capitals: a heading or a name in
 * capitals ("JANE DOE") around a word means it is not an acronym. */
static int caps_word(const char *s, size_t from, size_t to) {
  if (to - from < 3)
    return 0;
  for (size_t i = from; i < to; i++)
    if (!is_upper(s[i]))
      return 0;
  return 1;
}

/* 1 when the capitals are better said as a word than letter by letter. */
static int acronym_is_word(const vc_speak *sp, const vc_speak_word *t, size_t caps_end) {
  const vc_dict *d = vc_rules_dict(sp->r);
  const char *w = sp->s + t->cs;
  size_t n = caps_end - t->cs;
  char cap[8];
  if (!d || roman_numeral(sp->s, t->cs, caps_end))
    return 1;
  if (vc_dict_has_lower(d, w, n))
    return 1; /* an ordinary word in capitals: "SIGN UP", "NOTE" */
  memcpy(cap, w, n);
  for (size_t i = 1; i < n; i++)
    cap[i] = (char)(cap[i] - 'A' + 'a');
  if (vc_dict_has(d, cap, n))
    return 1; /* a name in capitals: "JOE" */
  return caps_word(sp->s, t->ps, t->pe) || caps_word(sp->s, t->ns, t->ne);
}

/* Letter by letter: "NPR" -> "N-P-R", "BBC’s" -> "B-B-C's"; table entries as given. */
static int rule_acronym(vc_speak *sp, vc_speak_word *t, vc_status *st) {
  const char *s = sp->s;
  size_t caps_end;
  const vc_rule *r;
  if (!parse_acronym(s, t->cs, t->ce, &caps_end))
    return 0;
  if (t->ce < t->te && s[t->ce] == ':')
    return 0; /* a speaker label */
  r = vc_rules_find(sp->r, s + t->cs, caps_end - t->cs);
  if (r && r->kind == VC_RULE_ACRONYM) {
    if (!r->say)
      return 0;
    *st = say(sp, r->say, t->cs);
  } else if (acronym_is_word(sp, t, caps_end)) {
    return 0;
  } else {
    *st = VC_OK;
    for (size_t i = t->cs; *st == VC_OK && i < caps_end; i++) {
      if (i > t->cs)
        *st = say(sp, "-", i);
      if (*st == VC_OK)
        *st = vc_mbuf_copy(&sp->out, s + i, 1, i);
    }
  }
  if (*st == VC_OK && caps_end < t->ce)
    *st = say(sp, "'s", caps_end);
  t->resume = t->ce;
  return 1;
}

/* ---- links and e-mail addresses --------------------------------------------------------
 */

static int is_host_char(char c) {
  return is_lower(c) || is_upper(c) || is_digit(c) || c == '-' || c == '.';
}

/* 1 when s[from..to) starts with `prefix`, ASCII case ignored. */
static int starts_with_ci(const char *s, size_t from, size_t to, const char *prefix) {
  size_t n = strlen(prefix);
  if (to - from < n)
    return 0;
  for (size_t k = 0; k < n; k++) {
    char c = s[from + k];
    if ((is_upper(c) ? (char)(c - 'A' + 'a') : c) != prefix[k])
      return 0;
  }
  return 1;
}

/* The host of a link at s[from..to): after "scheme://" and before '/', '?', '#' or ':',
 * without "www."; 1 when it is a name of two or more labels with a top-level label of
 * letters (an address of digits is said "link"). */
static int link_host(const char *s, size_t from, size_t to, size_t *hs, size_t *he) {
  static const char *const schemes[] = {"https://", "http://", "ftp://", NULL};
  size_t a = from;
  for (size_t k = 0; schemes[k]; k++)
    if (starts_with_ci(s, a, to, schemes[k])) {
      a += strlen(schemes[k]);
      break;
    }
  if (a == from && !starts_with_ci(s, a, to, "www."))
    return -1; /* not a link */
  if (starts_with_ci(s, a, to, "www."))
    a += 4;
  size_t b = a, dots = 0, last_dot = a;
  while (b < to && is_host_char(s[b])) {
    if (s[b] == '.')
      dots++, last_dot = b;
    b++;
  }
  *hs = a;
  *he = b;
  if (dots == 0 || last_dot + 1 >= b)
    return 0;
  for (size_t i = last_dot + 1; i < b; i++)
    if (!is_lower(s[i]) && !is_upper(s[i]))
      return 0;
  return 1;
}

/* Says s[from..to) with each '.' as " dot " (and '_' as a space). */
static vc_status say_dotted(vc_speak *sp, size_t from, size_t to) {
  vc_status st = VC_OK;
  for (size_t i = from; st == VC_OK && i < to; i++) {
    if (sp->s[i] == '.')
      st = say(sp, " dot ", i);
    else if (sp->s[i] == '_')
      st = say(sp, " ", i);
    else
      st = vc_mbuf_copy(&sp->out, sp->s + i, 1, i);
  }
  return st;
}

/* Characters of s[from..to) (UTF-8 lead bytes). */
static size_t utf8_chars(const char *s, size_t from, size_t to) {
  size_t n = 0;
  for (size_t i = from; i < to; i++)
    n += ((unsigned char)s[i] & 0xC0) != 0x80;
  return n;
}

/* After a link said shorter than it is shown: a pause to read the rest (50 ms a
 * character shown and not said), shown with the link. */
static vc_status hold_rest(vc_speak *sp, const vc_speak_word *t, size_t said_from) {
  size_t shown = utf8_chars(sp->s, t->cs, t->ce), said = sp->out.len - said_from;
  if (shown <= said || sp->out.len == 0)
    return VC_OK;
  return vc_speak_hold(sp, sp->out.len - 1, (int)(shown - said) * VC_READ_MS_PER_CHAR);
}

/* The words of a link's path, s[from..to), each where it is written: letters and digits,
 * anything else a space ("/2031/oral-histories.html" -> "2031 oral histories html"). */
static vc_status say_path(vc_speak *sp, size_t from, size_t to) {
  vc_status st = VC_OK;
  int gap = 1;
  for (size_t i = from; st == VC_OK && i < to; i++) {
    char c = sp->s[i];
    int word = is_lower(c) || is_upper(c) || is_digit(c);
    if (word && gap)
      st = say(sp, " ", i);
    if (st == VC_OK && word)
      st = vc_mbuf_copy(&sp->out, sp->s + i, 1, i);
    gap = !word;
  }
  return st;
}

/* A short pause before a link, shown with the word before it: the caption of the words
 * that lead to a link can stay up its 0.833 s before the link's own caption. */
static vc_status pause_before(vc_speak *sp) {
  size_t k = sp->out.len;
  while (k > 0 && sp->out.text[k - 1] == ' ')
    k--;
  return k > 0 ? vc_speak_hold(sp, k - 1, VC_LINK_PAUSE_MS) : VC_OK;
}

/* "https://www.example.org/a/b?c" -> "example dot org" (the full link stays in the
 * captions and the transcript; a listener learns where it leads, not its path). A link
 * longer than one caption can show (two lines) also has the words of its path said, where
 * they are written: every caption of its pieces then starts on speech and has time to be
 * read; "jane.doe@example.org" -> "jane dot doe at example dot org". */
static int rule_link(vc_speak *sp, vc_speak_word *t, vc_status *st) {
  const char *s = sp->s;
  size_t hs, he, from = sp->out.len;
  const char *at = memchr(s + t->cs, '@', t->ce - t->cs);
  if (at && !memchr(s + t->cs, '/', t->ce - t->cs)) {
    size_t a = (size_t)(at - s);
    for (size_t i = t->cs; i < t->ce; i++)
      if (i != a && !is_host_char(s[i]) && s[i] != '_' && s[i] != '+')
        return 0;
    if (a == t->cs || a + 1 >= t->ce || !memchr(s + a + 1, '.', t->ce - a - 1))
      return 0;
    *st = say_dotted(sp, t->cs, a);
    if (*st == VC_OK)
      *st = say(sp, " at ", a);
    if (*st == VC_OK)
      *st = say_dotted(sp, a + 1, t->ce);
  } else {
    int host = link_host(s, t->cs, t->ce, &hs, &he);
    if (host < 0)
      return 0;
    *st = pause_before(sp);
    from = sp->out.len;
    if (*st == VC_OK)
      *st = host ? say_dotted(sp, hs, he) : say(sp, "link", t->cs);
    if (*st == VC_OK && utf8_chars(s, t->cs, t->ce) > VC_LINK_NAME_ONLY)
      *st = say_path(sp, he, t->ce);
    if (*st == VC_OK)
      *st = hold_rest(sp, t, from);
  }
  t->resume = t->ce;
  return 1;
}

/* ---- the rule list ------------------------------------------------------------------- */

typedef int (*vc_word_rule)(vc_speak *sp, vc_speak_word *t, vc_status *st);

/* First match wins. */
static const vc_word_rule vc_word_rules[] = {
    rule_link,  rule_censored, rule_table,  rule_time,
    rule_money, rule_year,     rule_x_on_y, rule_acronym,
};

int vc_word_rules_apply(vc_speak *sp, vc_speak_word *t, vc_status *st) {
  *st = VC_OK;
  for (size_t i = 0; i < sizeof vc_word_rules / sizeof vc_word_rules[0]; i++) {
    if (vc_word_rules[i](sp, t, st))
      return *st == VC_OK ? 1 : -1;
  }
  return 0;
}
