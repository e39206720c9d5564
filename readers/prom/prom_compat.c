/* SPDX-License-Identifier: MIT */
/*
 * prom_compat.c - the list of compatibility plug-ins (see prom_compat.h).
 * Their output does not depend on the order: only NIXL's waits for the
 * end of an agent, and only Hailo's writes per series.
 */
#include "prom_compat.h"

const struct prom_compat *const prom_compats[PROM_NCOMPAT] = {
	&prom_compat_nixl,
	&prom_compat_hailo,
};
