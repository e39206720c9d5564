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
 * Escapers: write NUL-terminated output, truncating at @len; return the
 * length written.  esc_term: control bytes and DEL as \xNN, backslash
 * doubled, valid UTF-8 kept.  esc_json: a JSON string body (no quotes).
 * esc_prom_label: a Prometheus label value (\\, \", \n).
 * esc_prom_help: a HELP text (\\, \n).
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
