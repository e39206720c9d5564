/* SPDX-License-Identifier: MIT */
/*
 * prom_opts.h - the two option grammars telemetry_prom parses.
 */
#ifndef READERS_PROM_OPTS_H
#define READERS_PROM_OPTS_H

#include <stdint.h>

/*
 * prom_duration: "90", "90s", "1.5m", "2h", "7d", "250ms" to ns.
 * A number without a unit is seconds.  0, or -EINVAL (not a duration,
 * negative, or past a year).
 */
int prom_duration(const char *s, uint64_t *ns);

/*
 * prom_list_add: append the comma-separated items of @s (empty items
 * skipped) to the NULL-terminated, malloc'ed array *@list.  The items
 * are copies.  0 or -ENOMEM.
 */
int prom_list_add(char ***list, const char *s);
void prom_list_free(char **list);

#endif
