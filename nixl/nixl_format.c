/* SPDX-License-Identifier: MIT */
/*
 * nixl_format.c - NIXL's ring format without any I/O: recognising a
 * header, decoding an event slot, and NIXL's event types.  Pure functions
 * over untrusted bytes (the fuzz target calls them directly).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "nixl_ring.h"
#include "shm/ring_read.h"

/* Versions above 4 that NIXL might plausibly write; anything else is not NIXL. */
#define MAX_PLAUSIBLE_VERSION 255

static const char *const statuses[] = {
	"not_posted", "invalid_param", "backend", "not_found", "mismatch", "not_allowed",
	"repost_active", "unknown", "not_supported", "remote_disconnect", "canceled",
	"no_telemetry",
};
_Static_assert(sizeof(statuses) / sizeof(statuses[0]) == NIXL_NSTATUS, "one status per error type");

const double nixl_time_bounds[] = {
	10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000,
	100000, 250000, 500000, 1000000, 5000000, 10000000,
};
_Static_assert(sizeof(nixl_time_bounds) / sizeof(nixl_time_bounds[0]) == NIXL_NTIME_BOUNDS,
	       "NIXL_NTIME_BOUNDS counts the bounds");

/* Fixed-width, so that decoding copies a name without measuring it. */
static const char type_names[NIXL_T_COUNT][NIXL_NAME_LEN] = {
	"agent_tx_bytes", "agent_rx_bytes", "agent_tx_requests_num", "agent_rx_requests_num",
	"agent_memory_registered", "agent_memory_deregistered", "agent_xfer_time",
	"agent_xfer_post_time",
	"agent_err_not_posted", "agent_err_invalid_param", "agent_err_backend",
	"agent_err_not_found", "agent_err_mismatch", "agent_err_not_allowed",
	"agent_err_repost_active", "agent_err_unknown", "agent_err_not_supported",
	"agent_err_remote_disconnect", "agent_err_canceled", "agent_err_no_telemetry",
	"agent_telemetry_events_dropped",
};

const char *nixl_type_name(int type)
{
	return type >= 0 && type < NIXL_T_COUNT ? type_names[type] : "unknown_event";
}

const char *nixl_status_name(int i)
{
	return i >= 0 && i < NIXL_NSTATUS ? statuses[i] : NULL;
}

const char *nixl_type_status(int type)
{
	if (type < NIXL_T_ERR_FIRST || type > NIXL_T_ERR_LAST)
		return NULL;
	return statuses[type - NIXL_T_ERR_FIRST];
}

uint8_t nixl_type_category(int type)
{
	switch (type) {
	case NIXL_T_TX_BYTES: case NIXL_T_RX_BYTES: case NIXL_T_TX_REQS: case NIXL_T_RX_REQS:
		return SHM_CAT_TRANSFER;
	case NIXL_T_MEM_REG: case NIXL_T_MEM_DEREG:
		return SHM_CAT_MEMORY;
	case NIXL_T_XFER_TIME: case NIXL_T_POST_TIME:
		return SHM_CAT_PERFORMANCE;
	case NIXL_T_DROPPED:
		return SHM_CAT_SYSTEM;	/* about the telemetry itself */
	default:
		return nixl_type_status(type) ? SHM_CAT_ERROR : SHM_CAT_CUSTOM;
	}
}

const char *nixl_type_unit(int type)
{
	switch (type) {
	case NIXL_T_TX_BYTES: case NIXL_T_RX_BYTES: case NIXL_T_MEM_REG: case NIXL_T_MEM_DEREG:
		return "bytes";
	case NIXL_T_XFER_TIME: case NIXL_T_POST_TIME:
		return "us";
	default:
		return "";
	}
}

/* Is @name the upper-case (NIXL_ERR_) spelling of the status @lower? */
static int same_upper(const char *name, const char *lower)
{
	for (; *lower; name++, lower++)
		if (*name != (*lower >= 'a' && *lower <= 'z' ? *lower - 'a' + 'A' : *lower))
			return 0;
	return !*name;
}

int nixl_type_of_name(const char *name)
{
	for (int t = 0; t < NIXL_T_COUNT; t++)
		if (!strcmp(name, type_names[t]))
			return t;
	/* Before event types existed, NIXL named an error event by its status. */
	if (!strncmp(name, "NIXL_ERR_", 9))
		for (int t = NIXL_T_ERR_FIRST; t <= NIXL_T_ERR_LAST; t++)
			if (same_upper(name + 9, statuses[t - NIXL_T_ERR_FIRST]))
				return t;
	return -1;
}

int nixl_fail(char *why, size_t len, int err, const char *fmt, ...)
{
	va_list ap;

	if (why && len) {
		va_start(ap, fmt);
		vsnprintf(why, len, fmt, ap);
		va_end(ap);
	}
	return err;
}

static const uint32_t layout_size[] = {
	[NIXL_L_V1] = 56, [NIXL_L_NAMED] = 48, [NIXL_L_TYPED_CAT] = 16, [NIXL_L_TYPED] = 16,
};

/* Does a body of @body bytes hold exactly @cap events of @esize bytes? */
static int fits(uint64_t body, uint64_t cap, uint32_t esize)
{
	return cap <= body / esize && cap * esize == body;
}

int nixl_check(const void *hdr, size_t len, uint64_t file_size, struct nixl_geom *g,
	       char *why, size_t whylen)
{
	struct nixl_hdr h;
	uint64_t body;
	int sane;

	if (len < NIXL_HDR_SIZE || file_size < NIXL_HDR_SIZE)
		return nixl_fail(why, whylen, -ENOTRING, "not a NIXL ring: shorter than its %u-byte header",
			    NIXL_HDR_SIZE);
	memcpy(&h, hdr, sizeof(h));
	sane = h.capacity && !(h.capacity & (h.capacity - 1)) && h.mask == h.capacity - 1;
	if (h.version < NIXL_MIN_VERSION || h.version > NIXL_MAX_VERSION) {
		if (sane && h.version > NIXL_MAX_VERSION && h.version <= MAX_PLAUSIBLE_VERSION)
			return nixl_fail(why, whylen, -EPROTONOSUPPORT,
				    "NIXL ring version %d is not supported (versions %d-%d are)",
				    h.version, NIXL_MIN_VERSION, NIXL_MAX_VERSION);
		return nixl_fail(why, whylen, -ENOTRING, "not a NIXL ring: no version %d-%d at offset 16",
			    NIXL_MIN_VERSION, NIXL_MAX_VERSION);
	}
	/* NIXL sizes the file before it fills the header in: not a ring yet. */
	if (!h.capacity && !h.mask)
		return nixl_fail(why, whylen, -ENOTRING, "not a NIXL ring (yet): capacity 0");
	if (!h.capacity || (h.capacity & (h.capacity - 1)))
		return nixl_fail(why, whylen, -EBADMSG,
			    "corrupt NIXL ring (version %d): capacity %llu is not a power of two",
			    h.version, (unsigned long long)h.capacity);
	if (h.mask != h.capacity - 1)
		return nixl_fail(why, whylen, -EBADMSG,
			    "corrupt NIXL ring (version %d): mask %#llx does not match capacity %llu",
			    h.version, (unsigned long long)h.mask, (unsigned long long)h.capacity);
	body = file_size - NIXL_HDR_SIZE;
	memset(g, 0, sizeof(*g));
	g->version = h.version;
	g->capacity = h.capacity;
	g->file_size = file_size;
	if (h.version == 1 && fits(body, h.capacity, layout_size[NIXL_L_V1]))
		g->layout = NIXL_L_V1;
	else if (h.version == 2 && fits(body, h.capacity, layout_size[NIXL_L_NAMED]))
		g->layout = NIXL_L_NAMED;
	else if (h.version == 2 && fits(body, h.capacity, layout_size[NIXL_L_TYPED_CAT]))
		g->layout = NIXL_L_TYPED_CAT;
	else if (h.version >= 3 && fits(body, h.capacity, layout_size[NIXL_L_TYPED]))
		g->layout = NIXL_L_TYPED;
	else
		return nixl_fail(why, whylen, -EBADMSG,
			    "corrupt NIXL ring (version %d): %llu bytes is not %u + %llu events of %s bytes",
			    h.version, (unsigned long long)file_size, NIXL_HDR_SIZE,
			    (unsigned long long)h.capacity,
			    h.version == 1 ? "56" : h.version == 2 ? "48 or 16" : "16");
	g->event_size = layout_size[g->layout];
	if (h.write_pos >= h.capacity || h.read_pos >= h.capacity)
		return nixl_fail(why, whylen, -EBADMSG,
			    "corrupt NIXL ring (version %d): %s %llu is not below capacity %llu",
			    h.version, h.write_pos >= h.capacity ? "write_pos" : "read_pos",
			    (unsigned long long)(h.write_pos >= h.capacity ? h.write_pos : h.read_pos),
			    (unsigned long long)h.capacity);
	return 0;
}

/* A string-era name: NUL-terminated inside its field, not empty. */
static int take_name(struct nixl_event *out, const uint8_t *p)
{
	if (!p[0] || !memchr(p, 0, NIXL_NAME_LEN))
		return -EBADMSG;
	memcpy(out->name, p, NIXL_NAME_LEN);
	out->type = (int8_t)nixl_type_of_name(out->name);
	return 0;
}

static int take_type(struct nixl_event *out, uint32_t type, int version)
{
	/* Version 4 added the drop counter; before it type 20 meant nothing we know. */
	if (type >= (uint32_t)(version >= 4 ? NIXL_T_COUNT : NIXL_T_DROPPED))
		return -EBADMSG;
	out->type = (int8_t)type;
	memcpy(out->name, type_names[type], NIXL_NAME_LEN);
	return 0;
}

int nixl_decode(const struct nixl_geom *g, const void *slot, struct nixl_event *out)
{
	const uint8_t *p = slot;
	int32_t cat = 0;
	uint32_t type;

	out->time_us = 0;
	switch (g->layout) {
	case NIXL_L_V1:
		memcpy(&out->time_us, p, 8);
		memcpy(&cat, p + 8, 4);
		memcpy(&out->value, p + 48, 8);
		if (take_name(out, p + 12))
			return -EBADMSG;
		break;
	case NIXL_L_NAMED:
		memcpy(&cat, p, 4);
		memcpy(&out->value, p + 40, 8);
		if (take_name(out, p + 4))
			return -EBADMSG;
		break;
	case NIXL_L_TYPED_CAT:
		memcpy(&cat, p, 4);
		memcpy(&type, p + 4, 4);
		memcpy(&out->value, p + 8, 8);
		if (take_type(out, type, g->version))
			return -EBADMSG;
		break;
	case NIXL_L_TYPED:
		memcpy(&type, p, 4);
		memcpy(&out->value, p + 8, 8);
		if (take_type(out, type, g->version))
			return -EBADMSG;
		cat = nixl_type_category(out->type);
		break;
	default:
		return -EBADMSG;
	}
	if (cat < 0 || cat >= SHM_CAT_COUNT)
		return -EBADMSG;
	out->category = (uint8_t)cat;
	return 0;
}
