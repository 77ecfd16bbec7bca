/* What the text says about a person, for a voice that fits them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_CAST_PERSON_H
#define VC_CAST_PERSON_H

#include <stddef.h>

#include "voicecap/segment.h"
#include "voicecap/status.h"

typedef enum vc_person { VC_PERSON_UNSAID = 0, VC_PERSON_HE, VC_PERSON_SHE } vc_person;

/* Whether the text says each speaker of `script` is a man (he) or a woman (she), into
 * out[0..n_speakers), from three kinds of evidence (data/person-words.tsv): a title
 * before the person's name ("Mr. Doe", weight 3), the first he/she after a mention of
 * their surname or first name in another speaker's text, before anyone else is named
 * (weight 1), and a self-description in their own turns ("as a mother", weight 2). One
 * side must have at least twice the other's weight; else, and for the narrator or a
 * speaker without a name, VC_PERSON_UNSAID. One pass over the text (a binary search per
 * capitalised word). VC_ERR_NOMEM on failure. */
vc_status vc_cast_persons(const vc_script *script, vc_person *out);

/* "he", "she" or "unsaid". */
const char *vc_person_name(vc_person p);

#endif
