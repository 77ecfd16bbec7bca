/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fresh engine's side of the units (synth_engine.c explains the unit state): the
 * messages between a process and its engine, and the engine's loop. */
#ifndef VC_SYNTH_ENGINE_H
#define VC_SYNTH_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Largest request or answer: text, words and samples (about 13 min at 22050 Hz). */
#define VC_FRESH_MAX_BYTES ((size_t)1 << 25)
/* Voices (zygotes) the engine keeps. */
#define VC_FRESH_MAX_VOICES 32

/* What the engine program (programs/voicecap-engine) says first on its socket, so that a
 * process never talks to an engine of another build: the magic, its protocol, the
 * version of voicecap it belongs to and espeak-ng's sample rate (<= 0: it could not
 * start). */
#define VC_ENGINE_MAGIC "vcengin1"
typedef struct vc_engine_hello {
  char magic[8];
  char version[32];
  int32_t rate;
} vc_engine_hello;

/* A request: the voice, then its id, language, variant and file ("" for none) and the
 * text, each with its NUL. */
enum { VC_FRESH_STRINGS = 5 };
typedef struct vc_fresh_req {
  int32_t rate, pitch, range;
  uint32_t len[VC_FRESH_STRINGS];
} vc_fresh_req;

/* An answer: the samples first, as the child makes them, in chunks (each a uint32 count
 * then that many samples) ended by a chunk of none; then the head (the child's status,
 * message length, samples in all and words), the message and the words (n_words
 * vc_fresh_word). */
typedef struct vc_fresh_head {
  int32_t status;
  uint32_t msg_len;
  uint64_t n_samples, n_words;
} vc_fresh_head;

typedef struct vc_fresh_word {
  uint64_t pos, len, start, end;
} vc_fresh_word;

/* Whole transfers: 1 when all n bytes moved, 0 on an error or an early end of file
 * (EINTR is retried). send_all and send_with_fd never raise SIGPIPE. */
int vc_send_all(int fd, const void *buf, size_t n);
int vc_write_all(int fd, const void *buf, size_t n);
int vc_read_all(int fd, void *buf, size_t n);
/* Sends `n` bytes with descriptor `fd` attached (SCM_RIGHTS; fd < 0: none). */
int vc_send_with_fd(int sock, const void *buf, size_t n, int fd);
/* Receives `n` bytes and the descriptor sent with them (*fd = -1 when none). */
int vc_recv_with_fd(int sock, void *buf, size_t n, int *fd);

/* The engine's loop on socket `fd`, in a process where espeak-ng has started
 * (vc_espeak_start) and nothing has been spoken: it closes every other descriptor it
 * inherited, then serves requests until the socket closes, and exits. */
void vc_engine_serve(int fd) __attribute__((noreturn));

#endif
