/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter label shapes: rewrites label prefixes the label reader does not know (printed
 * line numbers, heading marks, clock times after a name, diarisation codes, glued names)
 * into plain "Name:" labels, where the text itself shows the shape is a label. */
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

/* What a line's candidate label is made of (its shape). */
enum {
  SH_HEAD = 1 << 0,     /* heading or quote marks before it: "### ", "> " */
  SH_EMPH = 1 << 1,     /* emphasis marks around it: "**Jane Doe**" */
  SH_BEFORE = 1 << 2,   /* a clock time before the name */
  SH_AFTER = 1 << 3,    /* a clock time after the name: "Jane Doe 00:01:12" */
  SH_COLON = 1 << 4,    /* a colon closes it */
  SH_ALONE = 1 << 5,    /* nothing follows it on its line */
  SH_CODE = 1 << 6,     /* a diarisation code written with '_': "SPEAKER_01" */
  SH_GLUED = 1 << 7,    /* the speech starts in the same word: "Jane DoeSo", "QWhat" */
  SH_LETTER = 1 << 8,   /* a lone Q or A */
  SH_TIMED = 1 << 9,    /* alone on its line under a clock line ("10:02 AM", "mira_k") */
  SH_UNDER = 1 << 10,   /* under a generic "speaker" line, or "speaker Jane Doe" */
  SH_BRACKET = 1 << 11, /* in brackets: "[Speaker 1] [00:00] Hello", "(Jane Doe)" */
  SH_TITLED = 1 << 12,  /* a title after a dash: "Jane Doe -- Chief Executive Officer" */
};

/* Is the shape one the label reader (segment_labels.c) does not read? Those it reads
 * ("Jane Doe:", "**Q:**", "Name (00:06):", "[00:12] Jane Doe Hello", "Q. ...") are left as
 * written. */
static int novel(unsigned shape) {
  return (shape &
          (SH_HEAD | SH_CODE | SH_GLUED | SH_TIMED | SH_UNDER | SH_BRACKET | SH_TITLED)) ||
         ((shape & SH_AFTER) && !(shape & SH_COLON)) ||
         ((shape & SH_BEFORE) && (shape & SH_ALONE)) ||
         ((shape & SH_EMPH) && !(shape & (SH_COLON | SH_ALONE | SH_BEFORE)));
}

typedef struct sh_line {
  size_t s, e;           /* the line, without its line end */
  size_t num_e;          /* after a printed line number and its spaces (s: none) */
  size_t name_s, name_e; /* the candidate label's name (name_e == name_s: none) */
  size_t body;           /* where the speech starts after it */
  unsigned shape;
  int number;     /* the printed line number, -1 if none */
  int clock;      /* the line is a clock time alone ("00:01:12", "10:02 AM") */
  int meta;       /* a chat message's meta line ("(edited)") */
  int accept;     /* the candidate is a label */
  int blank;      /* a chat message's time line, a page number: not spoken */
  int joined;     /* a numbered text's line end inside a turn: written as a space */
  char qa;        /* 'Q' or 'A': the clock time opening the line is written as that label */
  size_t stamp_e; /* the end of that clock time and the spaces after it */
  int generic; /* a generic label word alone ("speaker"): a name follows on the next line */
  int speech;  /* the line has words that are not its label */
  size_t runin; /* where labels run into this line of prose start (0: none) */
} sh_line;

static size_t skip_blank(const char *s, size_t e, size_t i) {
  while (i < e && (s[i] == ' ' || s[i] == '\t'))
    i++;
  return i;
}

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* A printed line number: one or two digits at the line's start, or a page and its line
 * ("1-08", "12-25"), then white space or the line's end (a numbered list's "1." or "1)"
 * is not one). Returns the end of the spaces after it, or 0. */
static size_t line_number(const char *s, size_t e, size_t i, int *num) {
  i = skip_blank(s, e, i);
  size_t d = i;
  int n = 0;
  while (d < e && is_digit(s[d]) && d - i < 3)
    n = n * 10 + (s[d++] - '0');
  if (d > i && d - i <= 3 && d + 3 <= e && s[d] == '-' && is_digit(s[d + 1]) &&
      is_digit(s[d + 2])) {
    n = (s[d + 1] - '0') * 10 + (s[d + 2] - '0'); /* "1-08": page 1, line 8 */
    i = d + 1;
    d += 3;
  }
  if (d == i || d - i > 2 || (d < e && s[d] != ' ' && s[d] != '\t'))
    return 0;
  *num = n;
  return d < e ? skip_blank(s, e, d) : d;
}

/* "2m 10s", "1h 02m": an elapsed time in units. Returns its end, or i. */
static size_t elapsed_at(const char *s, size_t e, size_t i) {
  size_t j = i, end = i;
  for (int parts = 0; parts < 3 && j < e && is_digit(s[j]); parts++) {
    size_t d = j;
    while (d < e && is_digit(s[d]) && d - j < 3)
      d++;
    if (d >= e || !s[d] || !strchr("hms", s[d]) ||
        (d + 1 < e && vc_seg_is_letter((unsigned char)s[d + 1])))
      break;
    end = d + 1;
    j = skip_blank(s, e, end);
  }
  return end;
}

/* A separator between a name and its clock time: "Jane Doe – 00:03:20", "Jane Doe |
 * 00:01:12", "Jane Doe · 2m 10s". Returns its length with the spaces after it, or 0. */
static size_t separator_at(const char *s, size_t e, size_t i) {
  int32_t cp;
  size_t k = vc_seg_cp(s, e, i, &cp);
  if (cp != 0x2013 && cp != 0x2014 && cp != '-' && cp != '|' && cp != 0xB7 &&
      cp != 0x2022 && cp != ',' && cp != '@')
    return 0;
  return i + k < e && s[i + k] == ' ' ? skip_blank(s, e, i + k) - i : 0;
}

/* A clock time at s[i]: "00:01:12", "[00:12]", "(00:06)", "0:00:13.2", "00:01:12,345",
 * "10:02 AM", and after a name "2m 10s" or one behind a separator ("– 00:03:20").
 * Returns its end, or i. */
static size_t clock_at(const char *s, size_t e, size_t i, int after_name) {
  size_t j = i + (after_name ? separator_at(s, e, i) : 0);
  size_t k = vc_seg_stamp_end(s, e, j);
  if (k == j && after_name)
    k = elapsed_at(s, e, j);
  if (k == j)
    return i;
  if (k + 1 < e && s[k] == ',' && is_digit(s[k + 1]))
    for (k++; k < e && is_digit(s[k]);)
      k++; /* "00:01:12,345" */
  size_t m = skip_blank(s, e, k);
  if (m + 1 < e && (s[m] == 'A' || s[m] == 'P' || s[m] == 'a' || s[m] == 'p') &&
      (s[m + 1] == 'M' || s[m + 1] == 'm') && (m + 2 == e || !vc_seg_is_letter(s[m + 2])))
    k = m + 2; /* "10:02 AM" */
  return k;
}

static size_t skip_marks(const char *s, size_t e, size_t i, int *any) {
  while (i < e && (s[i] == '*' || s[i] == '_')) {
    i++;
    *any = 1;
  }
  return i;
}

/* A diarisation code at s[i]: a generic label word (data/segment-words.tsv
 * generic_labels), then '_' and digits ("SPEAKER_01", "Spk_3", "spk_3"), or digits
 * straight after a lower-case word ("spk09", "speaker1"; "Speaker 1" is the label
 * reader's). Returns its end, or i. */
static size_t code_at(const char *s, size_t e, size_t i) {
  size_t w = i;
  if (i >= e || !vc_seg_is_letter((unsigned char)s[i]))
    return i;
  while (w < e && ((s[w] >= 'a' && s[w] <= 'z') || (s[w] >= 'A' && s[w] <= 'Z')))
    w++;
  if (w == i || w >= e || !vc_seg_in_list(s + i, w - i, vc_seg_generic_labels))
    return i;
  size_t d = w + (s[w] == '_');
  if (d == w && !(s[i] >= 'a' && s[i] <= 'z'))
    return i;
  size_t from = d;
  while (d < e && is_digit(s[d]) && d - from < 3)
    d++;
  return d > from && (d == e || !vc_seg_is_letter((unsigned char)s[d])) ? d : i;
}

/* Where a lower-case letter is followed by a capital inside the word s[i..j) ("DoeSo"):
 * the speech glued to a label. Returns that capital's offset, or j. */
static size_t glue_point(const char *s, size_t i, size_t j) {
  for (size_t k = i + 2; k < j; k++)
    if (s[k] >= 'A' && s[k] <= 'Z' && s[k - 1] >= 'a' && s[k - 1] <= 'z' &&
        ((k + 1 < j && s[k + 1] >= 'a' && s[k + 1] <= 'z') || (s[k] == 'I' && k + 1 == j)))
      return k; /* "DoeSo", "DoeI think" */
  return j;
}

/* A name: one to four capitalised words (connectors between, an honorific or an initial
 * with its period). Sets *glued when the last word runs into the speech. Returns the
 * name's end, or i. */
static size_t name_at(const char *s, size_t e, size_t i, int *glued) {
  size_t end = i;
  int words = 0;
  *glued = 0;
  while (i < e && words < 4) {
    size_t j = vc_seg_word_end(s, e, i);
    if (j == i)
      break;
    int32_t cp;
    vc_seg_cp(s, e, i, &cp);
    int conn = words > 0 && vc_seg_in_list(s + i, j - i, vc_seg_label_connectors);
    if (!vc_seg_is_upper(cp) && !conn)
      break;
    int title = j < e && s[j] == '.' && vc_seg_in_list(s + i, j - i, vc_seg_honorifics);
    if (words == 0 && !title && vc_seg_in_list(s + i, j - i, vc_seg_not_name_words))
      return i; /* "The", "Hello": a sentence, not a name ("MR. DOE" is one) */
    words += !conn;
    size_t g = glue_point(s, i, j);
    if (g < j) {
      *glued = 1;
      return g;
    }
    if (j < e && s[j] == '.' &&
        (j - i == 1 || vc_seg_in_list(s + i, j - i, vc_seg_honorifics)))
      j++; /* "MR.", "J." */
    size_t d = j + 1;
    while (words == 1 && d < e && is_digit(s[d]) && d - j <= 3)
      d++;
    if (d > j + 1 && s[j] == ' ' && (d == e || !vc_seg_is_letter((unsigned char)s[d])) &&
        vc_seg_in_list(s + i, j - i, vc_seg_generic_labels))
      return d; /* "Speaker 1" */
    end = j;
    if (j + 1 < e && s[j] == ' ' && s[j + 1] != ' ')
      i = j + 1;
    else
      break;
  }
  return end;
}

/* Where the lower-case chat handle's characters from i end (letters, digits, '_', '.',
 * '-'). */
static size_t handle_end(const char *s, size_t e, size_t i) {
  while (i < e && ((s[i] >= 'a' && s[i] <= 'z') || is_digit(s[i]) || s[i] == '_' ||
                   s[i] == '.' || s[i] == '-'))
    i++;
  return i;
}

/* A lower-case chat handle alone on its line ("mira_k", "tom.b"). Returns its end. */
static size_t handle_alone(const char *s, size_t e, size_t i) {
  if (i >= e || s[i] < 'a' || s[i] > 'z')
    return i;
  size_t j = handle_end(s, e, i);
  return j == e && j - i >= 2 && j - i <= 32 ? j : i;
}

/* A lower-case chat handle with its clock time, alone on its line ("mira_k 12:01 PM",
 * the message below). Returns the handle's end, or i. */
static size_t handle_then_clock(const char *s, size_t e, size_t i) {
  if (i >= e || s[i] < 'a' || s[i] > 'z')
    return i;
  size_t j = handle_end(s, e, i);
  if (j - i < 2 || j - i > 32 || j >= e || s[j] != ' ')
    return i;
  size_t c = clock_at(s, e, skip_blank(s, e, j), 1);
  return c > skip_blank(s, e, j) && skip_blank(s, e, c) == e ? j : i;
}

/* Reads the candidate label at the start of line l (after its line number). */
/* A generic label word (data/segment-words.tsv generic_labels) at s[i] before a name
 * ("speaker Jane Doe", not "Speaker 2" nor "Unknown Speaker"). Returns the name's start,
 * or i. */
static size_t generic_before_name(const char *s, size_t e, size_t i) {
  size_t w = vc_seg_word_end(s, e, i);
  if (w == i || w + 1 >= e || s[w] != ' ' ||
      !vc_seg_in_list(s + i, w - i, vc_seg_generic_labels))
    return i;
  size_t n = w + 1, ne = vc_seg_word_end(s, e, n);
  return s[n] >= 'A' && s[n] <= 'Z' && !vc_seg_in_list(s + n, ne - n, vc_seg_generic_labels)
             ? n
             : i;
}

/* A line that is a generic label word alone ("speaker", "Speaker:"). */
static int generic_line(const char *s, const sh_line *l) {
  size_t w = vc_seg_word_end(s, l->e, l->num_e), k = w;
  if (k < l->e && s[k] == ':')
    k++;
  return w > l->num_e && k == l->e &&
         vc_seg_in_list(s + l->num_e, w - l->num_e, vc_seg_generic_labels);
}

/* A title after a name, to the line's end: a dash (" -- ", " - ", an en or em dash) and
 * one to twelve words, the first capitalised, none ending a sentence ("Jane Doe -- Chief
 * Executive Officer", "Jane Doe - CFO, Example Corp"). Returns the line's end, or 0. */
static size_t title_after(const char *s, size_t e, size_t ne) {
  size_t i = ne;
  if (i >= e || s[i] != ' ')
    return 0;
  i++;
  int32_t cp;
  size_t k = vc_seg_cp(s, e, i, &cp);
  if (cp == '-' && i + 1 < e && s[i + 1] == '-')
    k = 2;
  else if (cp != '-' && cp != 0x2013 && cp != 0x2014)
    return 0;
  if (i + k >= e || s[i + k] != ' ')
    return 0;
  i = skip_blank(s, e, i + k);
  vc_seg_cp(s, e, i, &cp);
  if (i >= e || !vc_seg_is_upper(cp) || strchr(".?!", s[e - 1]))
    return 0;
  int words = 0;
  for (size_t j = i; j < e; j++)
    words += s[j] != ' ' && (j == i || s[j - 1] == ' ');
  return words <= 12 ? e : 0;
}

static void read_candidate(const char *s, sh_line *l, int after_clock, int under) {
  size_t e = l->e, i = skip_blank(s, e, l->num_e);
  unsigned shape = 0;
  int emph = 0;
  while (i < e && (s[i] == '#' || s[i] == '>')) {
    shape |= SH_HEAD;
    i = skip_blank(s, e, i + 1);
  }
  i = skip_marks(s, e, i, &emph);
  size_t c = clock_at(s, e, i, 0);
  if (c > i) {
    shape |= SH_BEFORE;
    i = skip_marks(s, e, skip_blank(s, e, c), &emph);
  }
  size_t ns, ne;
  int glued = 0;
  char close = 0;
  if (i < e && (s[i] == '[' || s[i] == '(')) {
    close = s[i] == '[' ? ']' : ')'; /* "[Speaker 1]" */
    i++;
  }
  if (code_at(s, e, i) == i && generic_before_name(s, e, i) > i) {
    i = generic_before_name(s, e, i);
    under = 1;
  }
  shape |= under ? SH_UNDER : 0;
  ns = i;
  if ((ne = code_at(s, e, i)) > i) {
    shape |= SH_CODE;
    glued = ne < e && vc_seg_is_letter((unsigned char)s[ne]);
  } else if (i + 2 < e && (s[i] == 'Q' || s[i] == 'A') && s[i + 1] >= 'A' &&
             s[i + 1] <= 'Z' &&
             ((s[i + 2] >= 'a' && s[i + 2] <= 'z') ||
              (s[i + 1] == 'I' && s[i + 2] == ' '))) {
    ne = i + 1; /* "QWhat did you ...", "AI drove home" */
    shape |= SH_LETTER;
    glued = 1;
  } else if (after_clock && (ne = handle_alone(s, e, i)) > i) {
    shape |= SH_TIMED; /* a chat handle: lower case */
  } else if ((ne = handle_then_clock(s, e, i)) > i) {
    shape |= SH_TIMED; /* "mira_k 12:01 PM": the message on the next line */
  } else {
    ne = name_at(s, e, i, &glued);
  }
  if (ne == ns || (close && (glued || ne >= e || s[ne] != close)))
    return;
  shape |= glued ? SH_GLUED : 0;
  shape |= close ? SH_BRACKET : 0;
  size_t j = glued ? ne : skip_marks(s, e, ne + (close != 0), &emph);
  size_t t = glued || close ? 0 : title_after(s, e, ne);
  if (t) {
    shape |= SH_TITLED; /* "Jane Doe -- Chief Executive Officer" alone on its line */
    j = e;
    glued = 0;
  } else if (!glued) {
    size_t k = clock_at(s, e, skip_blank(s, e, j), 1);
    if (k > skip_blank(s, e, j)) {
      shape |= SH_AFTER;
      j = skip_marks(s, e, k, &emph);
    }
    if (j < e && s[j] == ':') {
      shape |= SH_COLON;
      j = skip_marks(s, e, j + 1, &emph);
    }
    size_t b = skip_blank(s, e, j);
    if (b > j || b == e)
      j = b;
    else if (!(shape & SH_TIMED))
      return; /* "Jane Doe's", "Smith," : not a label */
  }
  shape |= emph ? SH_EMPH : 0;
  shape |= j >= e ? SH_ALONE : 0;
  shape |= after_clock && j >= e ? SH_TIMED : 0;
  l->name_s = ns;
  l->name_e = ne;
  l->body = j;
  l->shape = shape;
}

/* ---- evidence: which shapes the text shows to be labels ---- */

static int same_name(const char *s, const sh_line *a, const sh_line *b) {
  return a->name_e - a->name_s == b->name_e - b->name_s &&
         memcmp(s + a->name_s, s + b->name_s, a->name_e - a->name_s) == 0;
}

/* The next line after k with anything on it, or n. */
static size_t next_line(const sh_line *ls, size_t n, size_t k) {
  for (size_t j = k + 1; j < n; j++)
    if (ls[j].e > ls[j].num_e)
      return j;
  return n;
}

enum { SH_NAMES = 16 };

/* A shape whose form is a label's in itself: a diarisation code ("SPEAKER_01", "spk09"),
 * a name under a "speaker" caption line, a name alone on its line with a clock time
 * before or after it, or with a title after a dash. */
static int label_form(unsigned shape) {
  return (shape & (SH_CODE | SH_UNDER)) ||
         ((shape & SH_ALONE) && (shape & (SH_BEFORE | SH_AFTER | SH_TITLED)));
}

/* Is shape `shape` (of lines that the reader does not already know) a label in this text?
 * Evidence: it starts three or more lines; two or more different names take it, one of
 * them again; speech follows most of them (on the line, or on the next line when the
 * label is alone). In a short excerpt, a shape of a label's form (label_form) is one on
 * two lines with speech after both, taken by two names, or twice by one name with a
 * title (a call's "Jane Doe -- Chief Financial Officer", written the same each time). */
static int shape_is_label(const char *s, const sh_line *ls, size_t n, unsigned shape) {
  const sh_line *names[SH_NAMES];
  int lines = 0, speech = 0, distinct = 0, again = 0;
  for (size_t k = 0; k < n; k++) {
    if (ls[k].name_e == ls[k].name_s || ls[k].shape != shape)
      continue;
    lines++;
    int seen = 0;
    for (int j = 0; j < distinct && !seen; j++)
      seen = same_name(s, names[j], &ls[k]);
    if (!seen && distinct < SH_NAMES)
      names[distinct++] = &ls[k];
    again |= seen;
    size_t nx = next_line(ls, n, k);
    if (nx < n && ls[nx].clock)
      nx = next_line(ls, n, nx); /* the label's time on a line of its own */
    speech += (shape & SH_ALONE) ? nx < n && ls[nx].shape != shape && ls[nx].speech
                                 : ls[k].speech;
  }
  if (lines >= 3 && distinct >= 2 && again && speech * 3 >= lines * 2)
    return 1;
  return label_form(shape) && lines >= 2 && speech == lines &&
         (distinct >= 2 || ((shape & SH_TITLED) && again));
}

/* A speaker label right after a line number: "Q.", "A", "Q -", "THE COURT:", "MR. DOE:",
 * "BY MS. ROE:" (a run of capitals, spaces and stops ending in a colon). */
static int label_after_number(const char *s, const sh_line *l) {
  size_t i = l->num_e, e = l->e;
  if (i + 1 < e && (s[i] == 'Q' || s[i] == 'A') && (s[i + 1] == '.' || s[i + 1] == ' '))
    return 1;
  size_t j = i;
  int letters = 0;
  while (j < e &&
         ((s[j] >= 'A' && s[j] <= 'Z') || s[j] == ' ' || s[j] == '.' || s[j] == '\''))
    letters += s[j++] != ' ';
  return letters >= 2 && j < e && s[j] == ':';
}

/* Printed line numbers: most lines open with a number of one or two digits (or a page
 * and line, "2-14"), and the numbers run in order (each one more than the last, or a
 * page's 1). Evidence: eight or more such lines, or, in a short excerpt, two or more
 * whose number a speaker label follows ("12   Q.  Where ...", "13   THE COURT:  ..."). */
static int numbered_text(const char *s, const sh_line *ls, size_t n) {
  int lines = 0, numbered = 0, in_order = 0, labelled = 0, last = -1;
  for (size_t k = 0; k < n; k++) {
    if (ls[k].e == ls[k].s)
      continue;
    lines++;
    if (ls[k].number < 0)
      continue;
    numbered++;
    in_order += ls[k].number == last + 1 || (ls[k].number == 1 && last >= 0);
    labelled += label_after_number(s, &ls[k]);
    last = ls[k].number;
  }
  return (numbered >= 8 || labelled >= 2) && numbered * 2 >= lines &&
         in_order * 10 >= (numbered - 1) * 8;
}

/* Does a numbered line open with a label ("Q.", "THE COURT:", "Jane Doe:")? */
static int opens_label(const char *s, const sh_line *l) {
  int glued;
  size_t ne = name_at(s, l->e, l->num_e, &glued);
  return label_after_number(s, l) || (ne > l->num_e && !glued && ne < l->e && s[ne] == ':');
}

/* In a numbered text a numbered line that opens with no label goes on with the turn of
 * the numbered line above it (a court record wraps its speech at the margin, often
 * double-spaced): the line ends between them are written as spaces, so the two are one
 * paragraph. */
static void join_wrapped_numbered(const char *s, sh_line *ls, size_t n) {
  size_t prev = n;
  for (size_t k = 0; k < n; k++) {
    if (ls[k].e == ls[k].s || ls[k].num_e >= ls[k].e || ls[k].blank)
      continue;
    if (ls[k].number >= 0 && prev < n && !opens_label(s, &ls[k]))
      for (size_t j = prev; j < k; j++)
        ls[j].joined = 1;
    prev = ls[k].number >= 0 ? k : n;
  }
}

/* A page's furniture between the numbered lines of a numbered text: a page number alone
 * ("14", "Page 15", "Page 3 of 9"), not spoken. */
static int page_furniture(const char *s, const sh_line *l) {
  size_t i = skip_blank(s, l->e, l->s);
  if (l->number >= 0 && l->num_e >= l->e)
    return 1; /* a number alone */
  if (l->e - i < 6 || memcmp(s + i, "Page ", 5) != 0)
    return 0;
  for (i += 5; i < l->e && (is_digit(s[i]) || s[i] == ' ' || s[i] == 'o' || s[i] == 'f');)
    i++;
  return i == l->e && is_digit(s[l->e - 1]);
}

/* A line made only of a clock time ("00:01:12", "10:02 AM", "[00:12]"). */
static int clock_line(const char *s, const sh_line *l) {
  size_t i = skip_blank(s, l->e, l->num_e);
  size_t c = clock_at(s, l->e, i, 0);
  return c > i && skip_blank(s, l->e, c) == l->e;
}

/* "(edited)": a bracketed meta word of data/segment-words.tsv shape_meta_lines alone on
 * its line. */
static int meta_line(const char *s, const sh_line *l) {
  size_t i = skip_blank(s, l->e, l->num_e);
  if (l->e < i + 3 || (s[i] != '(' && s[i] != '[') ||
      (s[l->e - 1] != ')' && s[l->e - 1] != ']'))
    return 0;
  return vc_seg_in_list(s + i + 1, l->e - i - 2, vc_seg_shape_meta_lines);
}

/* ---- a chat log's meta lines ---- */

/* A chat message line: a clock time, then "<handle>" and the message ("[12:01] <mira_k>
 * ..."). Returns the handle's start (0: none); *he is its end. */
static size_t chat_message(const char *s, const sh_line *l, size_t *he) {
  size_t i = skip_blank(s, l->e, l->s), c = clock_at(s, l->e, i, 0);
  c = skip_blank(s, l->e, c);
  if (c == i || c + 2 >= l->e || s[c] != '<')
    return 0;
  size_t h = c + 1 + (s[c + 1] == '@' || s[c + 1] == '+'), j = h; /* "<@op>", "<+voice>" */
  while (j < l->e && j - h <= 32 && s[j] != '>' && s[j] != ' ')
    j++;
  if (j == h || j >= l->e || s[j] != '>' || j + 1 >= l->e || s[j + 1] != ' ' ||
      skip_blank(s, l->e, j + 1) >= l->e)
    return 0;
  *he = j;
  return h;
}

/* A chat log's messages are labels: the log has three or more "[12:01] <handle> ..."
 * lines from two or more handles (the label reader takes a handle once seen twice;
 * in a short log many speak once). Each is written "handle: message". */
static int accept_chat(const char *s, sh_line *ls, size_t n) {
  size_t first = 0, fe = 0, e;
  int msgs = 0, two = 0;
  for (size_t k = 0; k < n; k++) {
    size_t h = chat_message(s, &ls[k], &e);
    if (!h)
      continue;
    msgs++;
    if (!first) {
      first = h;
      fe = e;
    } else
      two |= e - h != fe - first || memcmp(s + h, s + first, e - h) != 0;
  }
  if (msgs < 3 || !two)
    return 0;
  for (size_t k = 0; k < n; k++) {
    size_t h = chat_message(s, &ls[k], &e);
    if (!h || ls[k].accept)
      continue;
    ls[k].accept = 1;
    ls[k].shape = SH_BRACKET;
    ls[k].name_s = h;
    ls[k].name_e = e;
    ls[k].body = skip_blank(s, ls[k].e, e + 1);
  }
  return 1;
}

/* A chat log's meta line: an optional clock time, a marker ("-!-", "*", "<--", "---"),
 * and one of data/segment-words.tsv chat_meta_phrases on the line ("has joined", "is now
 * known as", "Day changed"): the channel's news, not speech. */
static int chat_meta(const char *s, const sh_line *l) {
  size_t i = skip_blank(s, l->e, l->s);
  i = skip_blank(s, l->e, clock_at(s, l->e, i, 0));
  size_t m = i;
  int32_t cp;
  for (size_t k; m < l->e && m - i < 8; m += k) {
    k = vc_seg_cp(s, l->e, m, &cp);
    if (!strchr("-*!<>=", (char)cp) && cp != 0x2014 && cp != 0x2192 && cp != 0x2190)
      break; /* the markers, and an em dash or an arrow: "\u2014", "\u2192" */
  }
  if (m == i || m - i > 6 || m >= l->e || s[m] != ' ')
    return 0;
  for (size_t k = m; k < l->e; k++)
    if (s[k - 1] == ' ')
      for (size_t p = 0; vc_seg_chat_meta_phrases[p]; p++)
        if (vc_seg_prefix_ci(s + k, l->e - k, vc_seg_chat_meta_phrases[p]))
          return 1;
  return 0;
}

/* In a chat log (two or more "[12:01] <handle>" lines), its meta lines are not spoken.
 * Returns whether any was found. */
static int blank_chat_meta(const char *s, sh_line *ls, size_t n) {
  int msgs = 0, any = 0;
  size_t he;
  for (size_t k = 0; k < n && msgs < 2; k++)
    msgs += chat_message(s, &ls[k], &he) > 0;
  for (size_t k = 0; msgs >= 2 && k < n; k++)
    if (ls[k].e > ls[k].s && chat_meta(s, &ls[k]))
      any = ls[k].blank = 1;
  return any;
}

/* ---- clock times with no labels at all ---- */

/* Does line l open with a clock time and speech after it, no name label ("[00:01:23] So
 * how did it start?", "0:45 It started ...")? Returns the speech's start, or 0. */
static size_t stamped_speech(const char *s, const sh_line *l) {
  size_t i = skip_blank(s, l->e, l->s), c = clock_at(s, l->e, i, 0);
  if (c == i || c >= l->e || (s[c] != ' ' && s[c] != '\t'))
    return 0;
  size_t b = skip_blank(s, l->e, c);
  int glued;
  size_t ne = name_at(s, l->e, b, &glued);
  if ((ne > b && ne < l->e && s[ne] == ':') || strchr("*_<[(", s[b]))
    return 0; /* "[00:12] Jane Doe: ...", "0:13 **Jane Doe** ...": a label the reader takes
               */
  return vc_seg_count_letters(s + b, l->e - b, NULL, NULL) > 1 ? b : 0;
}

/* Does the speech that line k opens end with a question (its last line with words,
 * before the next stamped line or a blank line)? */
static int asks(const char *s, const sh_line *ls, size_t n, size_t k) {
  size_t last = k;
  for (size_t j = k + 1; j < n && ls[j].e > ls[j].s && !stamped_speech(s, &ls[j]); j++)
    last = j;
  size_t e = ls[last].e;
  while (e > ls[last].s && (s[e - 1] == ' ' || s[e - 1] == '"' || s[e - 1] == ')'))
    e--;
  return e > ls[last].s && s[e - 1] == '?';
}

/* A transcript whose paragraphs open with clock times and name nobody: the times are not
 * spoken, and who speaks comes from the questions. A paragraph that ends with a question
 * asks ("Q:"), the one after a question answers ("A:"), any other goes on as the one
 * before (the host opens: the first ones ask). Evidence: three or more such paragraphs,
 * two or more questions, each answered by the paragraph after it, and no label shape
 * accepted in the text. */
/* Do two stamped lines open with the same capitalised word, not a sentence's word of
 * data/segment-words.tsv not_name_words ("0:13 Jane Doe Hello", "0:21 Jane Doe Thanks",
 * "00:04 Host Welcome")? A name that recurs there is a label, no speech. */
static int same_opening(const char *s, const sh_line *ls, size_t n) {
  size_t at[64], len[64], m = 0;
  for (size_t k = 0; k < n && m < 64; k++) {
    size_t b = stamped_speech(s, &ls[k]);
    if (!b || s[b] < 'A' || s[b] > 'Z')
      continue;
    size_t w = vc_seg_word_end(s, ls[k].e, b);
    if (vc_seg_in_list(s + b, w - b, vc_seg_not_name_words))
      continue;
    for (size_t j = 0; j < m; j++)
      if (len[j] == w - b && memcmp(s + at[j], s + b, w - b) == 0)
        return 1;
    at[m] = b;
    len[m++] = w - b;
  }
  return 0;
}

static int stamped_qa(const char *s, sh_line *ls, size_t n) {
  int paras = 0, asked = 0, answered = 0;
  if (same_opening(s, ls, n))
    return 0;
  char prev = 'Q';
  int prev_asks = 0;
  for (size_t k = 0; k < n; k++) {
    if (ls[k].accept)
      return 0;
    size_t b = stamped_speech(s, &ls[k]);
    if (!b)
      continue;
    int q = asks(s, ls, n, k);
    paras++;
    ls[k].qa = q ? 'Q' : prev_asks ? 'A' : prev;
    ls[k].stamp_e = b;
    asked += q;
    answered += prev_asks && !q;
    prev = ls[k].qa;
    prev_asks = q;
  }
  if (paras >= 3 && asked >= 2 && answered >= 2)
    return 1;
  for (size_t k = 0; k < n; k++)
    ls[k].qa = 0;
  return 0;
}

/* ---- labels run into a paragraph after prose ("... late. Dana Roe: Thanks. Pim Vos: ...")
 * ---- */

enum { RUNIN_MAX = 64 };

/* A name label at s[i] inside a line: one to four capitalised words, ": ". Its length. */
static size_t runin_label(const char *s, size_t e, size_t i) {
  int glued;
  size_t ne = name_at(s, e, i, &glued);
  if (ne == i || glued || ne + 1 >= e || s[ne] != ':' || s[ne + 1] != ' ')
    return 0;
  return ne - i;
}

/* Where the first label run into line l starts, when the line holds three or more labels
 * at sentence starts, two or more names among them used twice (the names taking turns
 * are the evidence), the first of them among those, and only prose before it (0: none);
 * or labels that show themselves so though few recur (vc_seg_runin_evidence: capitals in
 * text that is not), the prose before them perhaps closing with a colon ("... went:").
 * The label reader (segment_lines.c) splits the rest once it starts a line. */
static size_t runin_start(const char *s, const sh_line *l) {
  size_t at[RUNIN_MAX], len[RUNIN_MAX], ends[RUNIN_MAX], n = 0;
  for (size_t i = l->s + 2; i < l->e && n < RUNIN_MAX; i++) {
    if (s[i - 1] != ' ' || !s[i - 2] || !strchr(".?!\":", s[i - 2]))
      continue;
    size_t m = runin_label(s, l->e, i);
    if (m) {
      at[n] = i;
      len[n] = m;
      ends[n++] = i + m;
    }
  }
  if (n < 2)
    return 0;
  int recurring = 0, first_again = 0;
  for (size_t a = 0; a < n; a++) {
    int again = 0, before = 0;
    for (size_t b = 0; b < n; b++)
      if (b != a && len[a] == len[b] && memcmp(s + at[a], s + at[b], len[a]) == 0) {
        again = 1;
        before |= b < a;
      }
    recurring += again && !before;
    first_again |= again && a == 0;
  }
  size_t prose = at[0] - l->s;
  if (n >= 3 && recurring >= 2 && first_again && s[at[0] - 2] != ':' &&
      !memchr(s + l->s, ':', prose))
    return at[0];
  if (memchr(s + l->s, ':', prose - 2) ||
      !vc_seg_runin_evidence(s, at[0], l->e, at, ends, n))
    return 0; /* the prose before the first label has a label of its own: not prose */
  return at[0];
}

/* ---- the rewritten text ---- */

typedef struct sh_out {
  char *buf;
  size_t n;
  size_t *ins;
  size_t n_ins, cap_ins;
  size_t *labels; /* where each accepted label's name starts */
  size_t n_labels, cap_labels;
} sh_out;

static vc_status put_inserted(sh_out *o, char c) {
  vc_status st = vc_seg_grow((void **)&o->ins, &o->cap_ins, o->n_ins + 1, sizeof *o->ins,
                             VC_SEG_MAX_LINES);
  if (st != VC_OK)
    return st;
  o->ins[o->n_ins++] = o->n;
  o->buf[o->n++] = c;
  return VC_OK;
}

static void put_blank(sh_out *o, size_t count) {
  memset(o->buf + o->n, ' ', count);
  o->n += count;
}

/* Writes line l as a plain label: "   Jane Doe:      speech" (what stood before and after
 * the name blanked, a code's '_' a space, a colon after the name). */
static vc_status put_label(const char *s, const sh_line *l, sh_out *o) {
  put_blank(o, l->name_s - l->s);
  for (size_t k = l->name_s; k < l->name_e; k++) {
    char c = s[k];
    if ((l->shape & SH_CODE) && k == l->name_s && c >= 'a' && c <= 'z')
      c = (char)(c - 'a' + 'A'); /* "spk09" is read as "Spk09", with a label's capital */
    o->buf[o->n++] = (l->shape & SH_CODE) && c == '_' ? ' ' : c;
  }
  if (l->body == l->name_e) {
    vc_status st = put_inserted(o, ':');
    if (st != VC_OK)
      return st;
  } else {
    o->buf[o->n++] = ':';
    put_blank(o, l->body - l->name_e - 1);
  }
  memcpy(o->buf + o->n, s + l->body, l->e - l->body);
  o->n += l->e - l->body;
  return VC_OK;
}

static vc_status put_line(const char *s, const sh_line *l, int numbered, sh_out *o) {
  if (l->accept) {
    vc_status st = vc_seg_grow((void **)&o->labels, &o->cap_labels, o->n_labels + 1,
                               sizeof *o->labels, VC_SEG_MAX_LINES);
    if (st != VC_OK)
      return st;
    o->labels[o->n_labels++] = o->n + (l->name_s - l->s);
    return put_label(s, l, o);
  }
  if (l->blank || l->meta) {
    put_blank(o, l->e - l->s); /* a chat message's time or meta line: not spoken */
    return VC_OK;
  }
  size_t from = l->s;
  if (l->qa) { /* "[00:01:23] So how ..." written "Q:         So how ..." */
    size_t i = skip_blank(s, l->e, l->s);
    memcpy(o->buf + o->n, s + l->s, i - l->s);
    o->n += i - l->s;
    o->buf[o->n++] = l->qa;
    o->buf[o->n++] = ':';
    put_blank(o, l->stamp_e - i - 2);
    from = l->stamp_e;
  } else if (numbered && l->num_e > l->s) {
    put_blank(o, l->num_e - l->s);
    from = l->num_e;
  }
  memcpy(o->buf + o->n, s + from, l->e - from);
  o->n += l->e - from;
  if (l->runin)
    o->buf[o->n - (l->e - l->runin) - 1] = '\n'; /* the space before the first label */
  return VC_OK;
}

/* Splits the source into lines and reads each line's number and candidate label. */
static vc_status read_lines(const char *s, size_t len, sh_line **out, size_t *n_out) {
  size_t n = 1;
  for (size_t i = 0; i < len; i++)
    n += s[i] == '\n';
  if (n > VC_SEG_MAX_LINES)
    return VC_ERR_LIMIT;
  sh_line *ls = calloc(n, sizeof *ls);
  if (!ls)
    return VC_ERR_NOMEM;
  size_t k = 0;
  for (size_t pos = 0; pos <= len && k < n; k++) {
    const char *nl = memchr(s + pos, '\n', len - pos);
    size_t le = nl ? (size_t)(nl - s) : len;
    sh_line *l = &ls[k];
    l->s = pos;
    l->e = le > pos && s[le - 1] == '\r' ? le - 1 : le;
    l->number = -1;
    int num;
    size_t ne = line_number(s, l->e, l->s, &num);
    l->num_e = l->s;
    if (ne > 0) {
      l->number = num;
      l->num_e = ne;
    }
    pos = le + 1;
  }
  *out = ls;
  *n_out = k;
  return VC_OK;
}

/* Is the name s[ns..ne) written somewhere in the text as words of its own (not followed
 * by a letter)? A name glued to the speech ("Jane DoeSo ...") counts only then:
 * "UbiComp" is one word, not "Ubi" glued to "Comp". */
static int written_apart(const char *s, size_t len, size_t ns, size_t ne) {
  size_t m = ne - ns;
  for (size_t at = 0; at + m < len; at++)
    if (s[at] == s[ns] && at != ns && memcmp(s + at, s + ns, m) == 0 &&
        !vc_seg_is_letter((unsigned char)s[at + m]) && vc_seg_starts_word(s, len, at))
      return 1;
  return 0;
}

enum { SH_GLUE_CHECKS = 256 }; /* a cost cap: written_apart reads the whole text */

/* Decides every line's candidate with the number prefix kept or read past. */
static void read_candidates(const char *s, size_t len, sh_line *ls, size_t n,
                            int numbered) {
  size_t prev = n;
  int checks = 0;
  for (size_t k = 0; k < n; k++) {
    sh_line *l = &ls[k];
    if (!numbered)
      l->num_e = skip_blank(s, l->e, l->s);
    l->num_e = skip_blank(s, l->e, l->num_e);
    if (l->num_e >= l->e)
      continue;
    l->clock = clock_line(s, l);
    l->meta = meta_line(s, l);
    l->generic = generic_line(s, l);
    read_candidate(s, l, prev < n && ls[prev].clock, prev < n && ls[prev].generic);
    if ((l->shape & SH_GLUED) && !(l->shape & (SH_LETTER | SH_CODE)) &&
        (checks++ >= SH_GLUE_CHECKS || !written_apart(s, len, l->name_s, l->name_e)))
      l->name_e = l->name_s; /* glued, but never written as a name of its own */
    size_t from = l->name_e > l->name_s ? l->body : l->num_e;
    l->speech = vc_seg_count_letters(s + from, l->e - from, NULL, NULL) > 1;
    prev = k;
  }
  for (size_t k = 0; k < n; k++) { /* "Jane Doe" alone, its clock time on the next line */
    size_t nx = next_line(ls, n, k);
    if (ls[k].name_e > ls[k].name_s && (ls[k].shape & SH_ALONE) && nx < n && ls[nx].clock)
      ls[k].shape |= SH_AFTER;
  }
}

/* In a text whose speakers' labels stand alone on their lines (a call's "Jane Doe -- Chief
 * Executive Officer", a name under a "speaker" caption, a name with its clock time), a
 * plain name alone on its line ("Operator", an analyst's "John Roe") heads the speech
 * below it too: one to four words, the next line with words is speech and no name alone
 * (a heading such as "Questions and Answers" stands above the "Operator" line). */
static int plain_alone(const char *s, const sh_line *ls, size_t n, size_t k) {
  const sh_line *l = &ls[k];
  if (l->accept || l->shape != SH_ALONE || l->name_e == l->name_s)
    return 0;
  int words = 0;
  for (size_t i = l->name_s; i < l->name_e; i++)
    words += s[i] != ' ' && (i == l->name_s || s[i - 1] == ' ');
  size_t nx = next_line(ls, n, k);
  return words <= 4 && nx < n && ls[nx].speech && !(ls[nx].shape & SH_ALONE) &&
         !ls[nx].clock;
}

/* Accepts the candidates of every shape the text shows to be a label (shapes the label
 * reader knows are left to it). The clock line above an accepted chat handle is that
 * message's time: blanked. */
static int accept_shapes(const char *s, sh_line *ls, size_t n) {
  signed char decided[SH_TITLED << 1];
  memset(decided, 0, sizeof decided);
  int any = 0, alone = 0;
  for (size_t k = 0; k < n; k++) {
    sh_line *l = &ls[k];
    if (l->name_e == l->name_s || !novel(l->shape))
      continue;
    if (!decided[l->shape])
      decided[l->shape] = shape_is_label(s, ls, n, l->shape) ? 1 : -1;
    l->accept = decided[l->shape] > 0;
    any |= l->accept;
    alone |= l->accept && (l->shape & SH_ALONE) && label_form(l->shape);
  }
  for (size_t k = 0; alone && k < n; k++)
    ls[k].accept |= plain_alone(s, ls, n, k);
  for (size_t k = 0; k < n; k++) {
    if (!ls[k].accept)
      continue;
    for (size_t j = k; j-- > 0;)
      if (ls[j].e > ls[j].num_e) { /* the chat message's time, the "speaker" line */
        ls[j].blank |= ((ls[k].shape & SH_TIMED) && ls[j].clock) ||
                       ((ls[k].shape & SH_UNDER) && ls[j].generic);
        break;
      }
    size_t nx = next_line(ls, n, k);
    if ((ls[k].shape & SH_ALONE) && nx < n && ls[nx].clock)
      ls[nx].blank = 1; /* the label's time on the next line */
  }
  return any;
}

/* Writes s[from, to) (a line and its line end) with the turn-mark edits that fall in it
 * (from *next on). */
static vc_status put_edited(const char *s, size_t from, size_t to, const vc_seg_edit *ed,
                            size_t n_ed, size_t *next, sh_out *o) {
  for (; *next < n_ed && ed[*next].at < to; (*next)++) {
    const vc_seg_edit *d = &ed[*next];
    memcpy(o->buf + o->n, s + from, d->at - from);
    o->n += d->at - from;
    memcpy(o->buf + o->n, d->over, d->cut);
    o->n += d->cut;
    for (const char *c = d->ins; *c; c++) {
      vc_status st = put_inserted(o, *c);
      if (st != VC_OK)
        return st;
    }
    from = d->at + d->cut;
  }
  if (to > from) {
    memcpy(o->buf + o->n, s + from, to - from);
    o->n += to - from;
  }
  return VC_OK;
}

/* Does a turn-mark edit fall in s[from, to) (a line and its line end)? Its shape
 * candidates then give way to the marks. */
static int span_edited(const vc_seg_edit *ed, size_t n_ed, size_t next, size_t from,
                       size_t to) {
  return next < n_ed && ed[next].at >= from && ed[next].at < to;
}

vc_status vc_seg_shapes(vc_seg *g) {
  sh_line *ls = NULL;
  size_t n = 0;
  vc_status st = read_lines(g->src, g->len, &ls, &n);
  if (st != VC_OK)
    return st == VC_ERR_LIMIT ? vc_seg_over(g, st, "lines", VC_SEG_MAX_LINES) : st;
  vc_seg_edit *ed = NULL;
  size_t n_ed = 0, ins = 0;
  st = vc_seg_turn_marks(g->src, g->len, &ed, &n_ed);
  if (st == VC_OK && n_ed == 0)
    st = vc_seg_signatures(g->src, g->len, &ed, &n_ed);
  if (st != VC_OK) {
    free(ls);
    return st;
  }
  for (size_t i = 0; i < n_ed; i++)
    ins += strlen(ed[i].ins);
  int numbered = numbered_text(g->src, ls, n);
  g->numbered = numbered;
  for (size_t k = 0; numbered && k < n; k++)
    ls[k].blank = page_furniture(g->src, &ls[k]);
  if (numbered)
    join_wrapped_numbered(g->src, ls, n);
  read_candidates(g->src, g->len, ls, n, numbered);
  for (size_t k = 0, next = 0; k < n; k++) {
    while (next < n_ed && ed[next].at < ls[k].s)
      next++;
    if (span_edited(ed, n_ed, next, ls[k].s, k + 1 < n ? ls[k + 1].s : g->len))
      ls[k].name_e = ls[k].name_s; /* the marks say who speaks */
  }
  int any = accept_shapes(g->src, ls, n) || numbered || n_ed > 0;
  any |= blank_chat_meta(g->src, ls, n);
  any |= accept_chat(g->src, ls, n);
  any |= !numbered && stamped_qa(g->src, ls, n);
  int metas = 0;
  for (size_t k = 0, next = 0; k < n; k++) {
    metas += ls[k].meta;
    while (next < n_ed && ed[next].at < ls[k].s)
      next++;
    if (!ls[k].accept &&
        !span_edited(ed, n_ed, next, ls[k].s, k + 1 < n ? ls[k + 1].s : g->len) &&
        (ls[k].runin = runin_start(g->src, &ls[k])) > 0)
      any = 1;
  }
  if (metas < 2) /* a meta line counts when the text repeats the form */
    for (size_t k = 0; k < n; k++)
      ls[k].meta = 0;
  any |= metas >= 2;
  sh_out o = {NULL, 0, NULL, 0, 0, NULL, 0, 0};
  if (any && !(o.buf = malloc(g->len + 2 * n + ins + 1)))
    st = VC_ERR_NOMEM;
  for (size_t k = 0, next = 0; any && st == VC_OK && k < n; k++) {
    while (next < n_ed && ed[next].at < ls[k].s)
      next++;
    size_t end = k + 1 < n ? ls[k + 1].s : g->len; /* the line end as written */
    if (span_edited(ed, n_ed, next, ls[k].s, end)) {
      st = put_edited(g->src, ls[k].s, end, ed, n_ed, &next, &o);
      continue;
    }
    if (ls[k].accept && g->src[ls[k].name_s] >= 'a' && g->src[ls[k].name_s] <= 'z' &&
        k > 0 && ls[k - 1].e > ls[k - 1].s)
      st = put_inserted(&o, '\n'); /* a chat handle's message is one of its own, though
                                      the one above ends with no stop */
    if (st == VC_OK)
      st = put_line(g->src, &ls[k], numbered, &o);
    memcpy(o.buf + o.n, g->src + ls[k].e, end - ls[k].e);
    if (ls[k].accept && (ls[k].shape & SH_TIMED) && k + 1 < n && ls[k + 1].e > ls[k + 1].s)
      memset(o.buf + o.n, ' ', end - ls[k].e); /* a chat label joins its message's line */
    if (ls[k].joined)
      memset(o.buf + o.n, ' ', end - ls[k].e);
    o.n += end - ls[k].e;
  }
  free(ls);
  free(ed);
  if (st != VC_OK || !any) {
    free(o.buf);
    free(o.ins);
    free(o.labels);
    return st;
  }
  o.buf[o.n] = 0;
  g->shaped = o.buf;
  g->shape_ins = o.ins;
  g->n_shape_ins = o.n_ins;
  g->shape_labels = o.labels;
  g->n_shape_labels = o.n_labels;
  g->src = o.buf;
  g->len = o.n;
  return VC_OK;
}

size_t vc_seg_orig_off(const vc_seg *g, size_t off) {
  size_t ins = vc_seg_count_below(g->shape_ins, g->n_shape_ins, off); /* bytes inserted */
  return vc_seg_unescaped_off(g, off - ins);
}

int vc_seg_shape_label_at(const vc_seg *g, size_t off) {
  size_t lo = 0, hi = g->n_shape_labels;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (g->shape_labels[mid] < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < g->n_shape_labels && g->shape_labels[lo] == off;
}
