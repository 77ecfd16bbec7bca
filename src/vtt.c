/* The vtt writer. (stub) */
#include "voicecap/writers.h"

vc_status vc_write_vtt(FILE *f, const vc_doc *d) {
  (void)f;
  (void)d;
  return VC_ERR_IO;
}
