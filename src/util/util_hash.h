/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SHA-256 over bytes, strings and files (libavutil's), as a hex string. */
#ifndef VC_UTIL_HASH_H
#define VC_UTIL_HASH_H

#include <stddef.h>

#define VC_HASH_HEX 65 /* 64 hex digits and the NUL */

typedef struct vc_hash vc_hash;

/* A new hash, or NULL when out of memory. */
vc_hash *vc_hash_new(void);
void vc_hash_bytes(vc_hash *h, const void *p, size_t n);
/* `s` with its NUL, so that fields never run together. */
void vc_hash_str(vc_hash *h, const char *s);
/* The bytes of the file at `path`: 0, or -1 when it cannot be read. */
int vc_hash_file(vc_hash *h, const char *path);
/* Finishes: the digest in hex into `hex`, and frees `h`. */
void vc_hash_end(vc_hash *h, char hex[VC_HASH_HEX]);

#endif
