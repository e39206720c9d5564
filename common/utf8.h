/* SPDX-License-Identifier: MIT */
/*
 * utf8.h - make untrusted bytes valid UTF-8.
 *
 * Series names, label values and agent names may hold any byte but NUL.
 * Formats that require UTF-8 (Prometheus text, protobuf strings, JSON)
 * reject the whole payload over one bad byte, so text from a ring goes
 * through utf8_repair() before it is escaped for such a format.
 */
#ifndef RC_UTF8_H
#define RC_UTF8_H

#include <stddef.h>

/*
 * utf8_valid_len: length (1-4) of the valid UTF-8 sequence at @p, or 0.
 * Strict: overlong forms, surrogates and code points past U+10FFFF are
 * invalid, as in Go's utf8.ValidString and Python's decoder.
 */
int utf8_valid_len(const unsigned char *p);

/*
 * utf8_is_control: 1 if the valid sequence of @n bytes at @p is a
 * character that acts on a terminal or on the layout of what is shown
 * rather than being shown: a C1 control (U+0080-U+009F; U+009B is the
 * one-character CSI), a bidirectional embedding, override or isolate
 * (U+202A-U+202E, U+2066-U+2069) or a line or paragraph separator
 * (U+2028, U+2029).  ASCII controls are the caller's: each format keeps
 * a different few (tab, newline).
 */
int utf8_is_control(const unsigned char *p, int n);

/*
 * utf8_repair: copy @in to @out (@len bytes, NUL included), replacing each
 * byte that does not start a valid sequence with U+FFFD.  Truncates at a
 * character boundary.  Returns the length written.
 */
size_t utf8_repair(char *out, size_t len, const char *in);

#endif
