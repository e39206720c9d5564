/* SPDX-License-Identifier: MIT */
/*
 * abi.c - what ties the public ABI to the rest of the tree.
 *
 * shmtel.h cannot include shm/, so it repeats the file format's numbering
 * of categories, kinds and value types, and its limits; series.c hands
 * those values to the registry as they are.  The asserts below fail the
 * build if the two ever drift apart.  Reserved fields are checked here
 * too, and the version string comes from the generated shmtel_version.h,
 * that is from the Makefile.
 */
#include "internal.h"
#include "shm/geom.h"
#include "shm/layout.h"

/* Compared as int: they are constants of different enums. */
#define SAME(pub, shm) _Static_assert((int)(pub) == (int)(shm), #pub " must equal " #shm)

SAME(SHMTEL_MEMORY, SHM_CAT_MEMORY);
SAME(SHMTEL_TRANSFER, SHM_CAT_TRANSFER);
SAME(SHMTEL_CONNECTION, SHM_CAT_CONNECTION);
SAME(SHMTEL_BACKEND, SHM_CAT_BACKEND);
SAME(SHMTEL_ERROR, SHM_CAT_ERROR);
SAME(SHMTEL_PERFORMANCE, SHM_CAT_PERFORMANCE);
SAME(SHMTEL_SYSTEM, SHM_CAT_SYSTEM);
SAME(SHMTEL_CUSTOM, SHM_CAT_CUSTOM);
_Static_assert((int)SHMTEL_CUSTOM + 1 == (int)SHM_CAT_COUNT, "every category is public");

SAME(SHMTEL_COUNTER, SHM_KIND_COUNTER);
SAME(SHMTEL_GAUGE, SHM_KIND_GAUGE);
SAME(SHMTEL_HISTOGRAM, SHM_KIND_HISTOGRAM);
_Static_assert((int)SHMTEL_HISTOGRAM + 1 == (int)SHM_KIND_COUNT, "every kind is public");

SAME(SHMTEL_U64, SHM_U64);
SAME(SHMTEL_I64, SHM_I64);
SAME(SHMTEL_F64, SHM_F64);
_Static_assert((int)SHMTEL_F64 + 1 == (int)SHM_VTYPE_COUNT, "every value type is public");

SAME(SHMTEL_MAX_BOUNDS, SHM_MAX_BOUNDS);

/* Limits shmtel.h and the man pages state as numbers. */
_Static_assert(SHM_NAME_MAX == 64, "names are 1..63 bytes");
_Static_assert(SHM_UNIT_MAX == 16, "units are up to 15 bytes");
_Static_assert(SHM_LABELS_MAX == 256, "encoded labels are up to 255 bytes");
_Static_assert(GEOM_MIN_LANES == 2 && GEOM_MAX_LANES == 256, "lanes are 2..256");
_Static_assert(GEOM_MAX_SERIES == 65536, "max_series is 1..65536");

/* series.c narrows them to the registry's uint8_t fields. */
_Static_assert(SHM_CAT_COUNT <= 256 && SHM_KIND_COUNT <= 256 && SHM_VTYPE_COUNT <= 256,
	       "enum values fit the registry's bytes");

int abi_reserved_zero(const uint64_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i])
			return 0;
	return 1;
}

const char *shmtel_version(void)
{
	return SHMTEL_VERSION_STRING;
}
