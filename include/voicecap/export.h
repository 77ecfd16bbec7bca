/* VC_API marks the functions of voicecap's public interface, the only ones the shared
 * library exports (it is built with -fvisibility=hidden). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VOICECAP_EXPORT_H
#define VOICECAP_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define VC_API __attribute__((visibility("default")))
#else
#define VC_API
#endif

#endif
