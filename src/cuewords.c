/* English function words that a caption line must not end with (BBC, Netflix rules). */
#include "cuewords.h"

#include <stdlib.h>
#include <string.h>

typedef struct vc_wentry {
  const char *word;
  vc_wclass cls;
} vc_wentry;

/* Sorted by `word` (strcmp order): looked up with bsearch. */
static const vc_wentry vc_words[] = {
    {"a", VC_WC_ARTICLE},           {"about", VC_WC_PREPOSITION},
    {"above", VC_WC_PREPOSITION},   {"across", VC_WC_PREPOSITION},
    {"after", VC_WC_PREPOSITION},   {"against", VC_WC_PREPOSITION},
    {"along", VC_WC_PREPOSITION},   {"although", VC_WC_CONJUNCTION},
    {"am", VC_WC_AUXILIARY},        {"among", VC_WC_PREPOSITION},
    {"an", VC_WC_ARTICLE},          {"and", VC_WC_CONJUNCTION},
    {"are", VC_WC_AUXILIARY},       {"aren't", VC_WC_AUXILIARY},
    {"around", VC_WC_PREPOSITION},  {"as", VC_WC_CONJUNCTION},
    {"at", VC_WC_PREPOSITION},      {"be", VC_WC_AUXILIARY},
    {"because", VC_WC_CONJUNCTION}, {"been", VC_WC_AUXILIARY},
    {"before", VC_WC_PREPOSITION},  {"behind", VC_WC_PREPOSITION},
    {"being", VC_WC_AUXILIARY},     {"below", VC_WC_PREPOSITION},
    {"beneath", VC_WC_PREPOSITION}, {"beside", VC_WC_PREPOSITION},
    {"between", VC_WC_PREPOSITION}, {"beyond", VC_WC_PREPOSITION},
    {"but", VC_WC_CONJUNCTION},     {"by", VC_WC_PREPOSITION},
    {"can", VC_WC_AUXILIARY},       {"can't", VC_WC_AUXILIARY},
    {"cannot", VC_WC_AUXILIARY},    {"could", VC_WC_AUXILIARY},
    {"couldn't", VC_WC_AUXILIARY},  {"despite", VC_WC_PREPOSITION},
    {"did", VC_WC_AUXILIARY},       {"didn't", VC_WC_AUXILIARY},
    {"do", VC_WC_AUXILIARY},        {"does", VC_WC_AUXILIARY},
    {"doesn't", VC_WC_AUXILIARY},   {"don't", VC_WC_AUXILIARY},
    {"during", VC_WC_PREPOSITION},  {"each", VC_WC_DETERMINER},
    {"every", VC_WC_DETERMINER},    {"for", VC_WC_PREPOSITION},
    {"from", VC_WC_PREPOSITION},    {"had", VC_WC_AUXILIARY},
    {"hadn't", VC_WC_AUXILIARY},    {"has", VC_WC_AUXILIARY},
    {"hasn't", VC_WC_AUXILIARY},    {"have", VC_WC_AUXILIARY},
    {"haven't", VC_WC_AUXILIARY},   {"he", VC_WC_PRONOUN},
    {"he'd", VC_WC_PRONOUN},        {"he'll", VC_WC_PRONOUN},
    {"he's", VC_WC_PRONOUN},        {"her", VC_WC_DETERMINER},
    {"his", VC_WC_DETERMINER},      {"i", VC_WC_PRONOUN},
    {"i'd", VC_WC_PRONOUN},         {"i'll", VC_WC_PRONOUN},
    {"i'm", VC_WC_PRONOUN},         {"i've", VC_WC_PRONOUN},
    {"if", VC_WC_CONJUNCTION},      {"in", VC_WC_PREPOSITION},
    {"inside", VC_WC_PREPOSITION},  {"into", VC_WC_PREPOSITION},
    {"is", VC_WC_AUXILIARY},        {"isn't", VC_WC_AUXILIARY},
    {"it", VC_WC_PRONOUN},          {"it'll", VC_WC_PRONOUN},
    {"it's", VC_WC_PRONOUN},        {"its", VC_WC_DETERMINER},
    {"may", VC_WC_AUXILIARY},       {"might", VC_WC_AUXILIARY},
    {"must", VC_WC_AUXILIARY},      {"my", VC_WC_DETERMINER},
    {"near", VC_WC_PREPOSITION},    {"nor", VC_WC_CONJUNCTION},
    {"of", VC_WC_PREPOSITION},      {"off", VC_WC_PREPOSITION},
    {"on", VC_WC_PREPOSITION},      {"onto", VC_WC_PREPOSITION},
    {"or", VC_WC_CONJUNCTION},      {"our", VC_WC_DETERMINER},
    {"over", VC_WC_PREPOSITION},    {"shall", VC_WC_AUXILIARY},
    {"she", VC_WC_PRONOUN},         {"she'd", VC_WC_PRONOUN},
    {"she'll", VC_WC_PRONOUN},      {"she's", VC_WC_PRONOUN},
    {"should", VC_WC_AUXILIARY},    {"shouldn't", VC_WC_AUXILIARY},
    {"since", VC_WC_CONJUNCTION},   {"so", VC_WC_CONJUNCTION},
    {"than", VC_WC_CONJUNCTION},    {"that", VC_WC_CONJUNCTION},
    {"the", VC_WC_ARTICLE},         {"their", VC_WC_DETERMINER},
    {"these", VC_WC_DETERMINER},    {"they", VC_WC_PRONOUN},
    {"they'd", VC_WC_PRONOUN},      {"they'll", VC_WC_PRONOUN},
    {"they're", VC_WC_PRONOUN},     {"they've", VC_WC_PRONOUN},
    {"this", VC_WC_DETERMINER},     {"those", VC_WC_DETERMINER},
    {"though", VC_WC_CONJUNCTION},  {"through", VC_WC_PREPOSITION},
    {"to", VC_WC_PREPOSITION},      {"toward", VC_WC_PREPOSITION},
    {"towards", VC_WC_PREPOSITION}, {"under", VC_WC_PREPOSITION},
    {"unless", VC_WC_CONJUNCTION},  {"until", VC_WC_PREPOSITION},
    {"upon", VC_WC_PREPOSITION},    {"was", VC_WC_AUXILIARY},
    {"wasn't", VC_WC_AUXILIARY},    {"we", VC_WC_PRONOUN},
    {"we'd", VC_WC_PRONOUN},        {"we'll", VC_WC_PRONOUN},
    {"we're", VC_WC_PRONOUN},       {"we've", VC_WC_PRONOUN},
    {"were", VC_WC_AUXILIARY},      {"weren't", VC_WC_AUXILIARY},
    {"when", VC_WC_CONJUNCTION},    {"whether", VC_WC_CONJUNCTION},
    {"which", VC_WC_CONJUNCTION},   {"while", VC_WC_CONJUNCTION},
    {"who", VC_WC_CONJUNCTION},     {"will", VC_WC_AUXILIARY},
    {"with", VC_WC_PREPOSITION},    {"within", VC_WC_PREPOSITION},
    {"without", VC_WC_PREPOSITION}, {"won't", VC_WC_AUXILIARY},
    {"would", VC_WC_AUXILIARY},     {"wouldn't", VC_WC_AUXILIARY},
    {"yet", VC_WC_CONJUNCTION},     {"you", VC_WC_PRONOUN},
    {"you'd", VC_WC_PRONOUN},       {"you'll", VC_WC_PRONOUN},
    {"you're", VC_WC_PRONOUN},      {"you've", VC_WC_PRONOUN},
    {"your", VC_WC_DETERMINER},
};

static int entry_cmp(const void *key, const void *elem) {
  return strcmp(key, ((const vc_wentry *)elem)->word);
}

/* Copies the word lowercased into buf, typographic apostrophes made ASCII and opening
 * punctuation skipped; 0 when it has trailing punctuation, other non-ASCII or is long. */
static int normalise(const char *w, size_t n, char *buf, size_t size) {
  size_t i = 0, o = 0;
  while (i < n && strchr("\"'([", w[i]))
    i++;
  if (n - i >= 3 && memcmp(w + i, "\xE2\x80\x9C", 3) == 0) /* left double quote */
    i += 3;
  while (i < n) {
    unsigned char c = (unsigned char)w[i];
    if (n - i >= 3 && memcmp(w + i, "\xE2\x80\x99", 3) == 0) { /* right single quote */
      c = '\'';
      i += 2;
    } else if (c >= 0x80) {
      return 0;
    }
    if (o + 1 >= size)
      return 0;
    buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    i++;
  }
  buf[o] = '\0';
  return o > 0 && ((buf[o - 1] >= 'a' && buf[o - 1] <= 'z'));
}

vc_wclass vc_word_class(const char *w, size_t n) {
  char buf[24];
  if (!normalise(w, n, buf, sizeof buf))
    return VC_WC_NONE;
  const vc_wentry *e = bsearch(buf, vc_words, sizeof vc_words / sizeof vc_words[0],
                               sizeof vc_words[0], entry_cmp);
  return e ? e->cls : VC_WC_NONE;
}
