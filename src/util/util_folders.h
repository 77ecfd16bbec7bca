/* Finding the voices and data folders at run time, for an installed, moved or unpacked
 * voicecap as for one run from its build folder. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_UTIL_FOLDERS_H
#define VC_UTIL_FOLDERS_H

#include "voicecap/status.h"

typedef enum vc_folder_kind { VC_FOLDER_VOICES, VC_FOLDER_DATA } vc_folder_kind;

/* The folder of `kind` in a new string (*out, caller frees): `given` when not NULL, else
 * $VOICECAP_VOICES / $VOICECAP_DATA when set, else the first of these that holds the
 * kind's marker file (voices: narrator.ini, data: pronunciations.tsv):
 *   EXE/../share/voicecap/KIND       (EXE: the running program's folder, /proc/self/exe)
 *   SOURCE/KIND                      (when EXE is in a voicecap build folder: a
 *                                     CMakeCache.txt naming voicecap_SOURCE_DIR in it or
 *                                     up to two folders above)
 *   DATADIR/voicecap/KIND            (the install datadir configured at build time)
 * Fails with VC_ERR_IO, diag naming every place looked in, or VC_ERR_NOMEM. */
vc_status vc_folder_find(vc_folder_kind kind, const char *given, char **out, vc_diag *diag);

/* A helper file of this build (the engine program, the video module), in `out`: the
 * first of EXE/NAME (a build folder), EXE/BIN_REL, LIB/LIB_REL (LIB: the folder of the
 * file libvoicecap was loaded from) and FULL that `access(path, mode)` accepts. 1 when
 * one was found, else 0. */
int vc_helper_find(const char *name, const char *bin_rel, const char *lib_rel,
                   const char *full, int mode, char *out, size_t size);

#endif
