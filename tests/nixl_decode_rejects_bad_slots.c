/* SPDX-License-Identifier: MIT */
/*
 * Slots no correct NIXL writer produces do not decode: a category outside
 * 0..7, an empty name or one without its NUL inside the 32 bytes, an
 * event type beyond the version's last one (20, the drop counter, exists
 * only from version 4).  Their neighbours decode as written.
 */
#include "harness.h"
#include "nixl/nixl_ring.h"
#include "tools/nixl_bytes.h"

static int decode(int version, enum nb_layout l, int32_t cat, const char *name, uint32_t type)
{
	struct nixl_geom g = { .version = version, .layout = (enum nixl_layout)l,
			       .event_size = nb_event_size(l), .capacity = 1 };
	struct nixl_event e;
	uint8_t slot[56];

	nb_event(slot, l, 1700000000000000ull, cat, name, type, 42);
	return nixl_decode(&g, slot, &e);
}

int main(void)
{
	_Static_assert((int)NB_V1 == (int)NIXL_L_V1 && (int)NB_TYPED == (int)NIXL_L_TYPED,
		       "test layouts follow the library's numbering");
	struct nixl_geom g = { .version = 1, .layout = NIXL_L_V1, .event_size = 56, .capacity = 1 };
	struct nixl_event e;
	uint8_t slot[56];

	CHECK_EQ(decode(1, NB_V1, 4, "NIXL_ERR_BACKEND", 0), 0);
	CHECK_EQ(decode(1, NB_V1, 8, "agent_tx_bytes", 0), -EBADMSG);
	CHECK_EQ(decode(1, NB_V1, -1, "agent_tx_bytes", 0), -EBADMSG);
	CHECK_EQ(decode(1, NB_V1, 1, "", 0), -EBADMSG);
	CHECK_EQ(decode(2, NB_NAMED, 1, "0123456789abcdef0123456789abcdef", 0), -EBADMSG);
	CHECK_EQ(decode(2, NB_NAMED, 1, "0123456789abcdef0123456789abcde", 0), 0);
	CHECK_EQ(decode(2, NB_TYPED_CAT, 9, "", 1), -EBADMSG);
	CHECK_EQ(decode(2, NB_TYPED_CAT, 1, "", 19), 0);
	CHECK_EQ(decode(2, NB_TYPED_CAT, 1, "", 20), -EBADMSG);
	CHECK_EQ(decode(3, NB_TYPED, 0, "", 20), -EBADMSG);
	CHECK_EQ(decode(4, NB_TYPED, 0, "", 20), 0);
	CHECK_EQ(decode(4, NB_TYPED, 0, "", 21), -EBADMSG);
	CHECK_EQ(decode(4, NB_TYPED, 0, "", 0xffffffffu), -EBADMSG);

	/* What a good slot decodes to. */
	nb_event(slot, NB_V1, 1700000000123456ull, 4, "NIXL_ERR_REMOTE_DISCONNECT", 0, 1);
	CHECK_EQ(nixl_decode(&g, slot, &e), 0);
	CHECK_EQ(e.time_us, 1700000000123456ull);
	CHECK_EQ(e.category, 4);
	CHECK_EQ(e.type, NIXL_T_ERR_FIRST + 9);
	CHECK(!strcmp(nixl_type_status(e.type), "remote_disconnect"));
	CHECK_EQ(e.value, 1);
	return 0;
}
