/* voicecap: interview text to a narrated WAV and synced captions. Umbrella header. */
#ifndef VOICECAP_H
#define VOICECAP_H

#include "voicecap/audio.h"
#include "voicecap/cast.h"
#include "voicecap/cues.h"
#include "voicecap/render.h"
#include "voicecap/segment.h"
#include "voicecap/status.h"
#include "voicecap/synth.h"
#include "voicecap/text.h"
#include "voicecap/timeline.h"
#include "voicecap/video.h"
#include "voicecap/writers.h"

#define VOICECAP_VERSION "0.1.0"

#endif
