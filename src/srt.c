/* The srt writer. (stub) */
#include "voicecap/writers.h"

vc_status vc_write_srt(FILE *f, const vc_doc *d) {
  (void)f;
  (void)d;
  return VC_ERR_IO;
}
