/* SPDX-License-Identifier: MIT */
/*
 * esc.h - escaping untrusted text for terminals, JSON and Prometheus.
 * Everything a file says is untrusted, so every string goes through one
 * of these before it reaches an output.  No ring format here: bridges
 * that only escape names and paths need nothing from shm/.
 */
#ifndef RC_ESC_H
#define RC_ESC_H

#include <stddef.h>

/*
 * Escapers: write NUL-terminated output, truncating at @len (never inside
 * an escape); return the length written.  Besides ASCII controls, each
 * handles the characters utf8_is_control() names (C1, bidirectional
 * controls, U+2028, U+2029): valid UTF-8 as it is, but a terminal acts on
 * them.
 * esc_term: control bytes, DEL and bytes that are not valid UTF-8 as
 * \xNN, those characters as \xNN per byte (U+009B: \xc2\x9b), backslash
 * doubled, other valid UTF-8 kept.
 * esc_json: a JSON string body (no quotes); controls as \u00XX, those
 * characters as \uXXXX.
 * esc_prom_label: a Prometheus label value (\\, \", \n); esc_prom_help:
 * a HELP text (\\, \n).  The format has no other escape, so in both every
 * other control (all but tab), DEL, those characters and invalid UTF-8
 * become U+FFFD.
 */
size_t esc_term(char *out, size_t len, const char *in);
size_t esc_json(char *out, size_t len, const char *in);
size_t esc_prom_label(char *out, size_t len, const char *in);
size_t esc_prom_help(char *out, size_t len, const char *in);
/*
 * prom_name: sanitize to [a-zA-Z_:][a-zA-Z0-9_:]* (@label: no ':' and no
 * leading "__"); every other byte becomes '_'.
 */
size_t prom_name(char *out, size_t len, const char *in, int label);

#endif
