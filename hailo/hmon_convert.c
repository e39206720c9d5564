/* SPDX-License-Identifier: MIT */
/*
 * hmon_convert.c - ProtoMon to contract series (see hmon_convert.h).
 *
 * Names in the message are whatever the file says: they are escaped into
 * the `key="value"` syntax libshmtel parses, cut to a length that always
 * fits, and an empty one leaves its label out (Prometheus treats an empty
 * label as an absent one, and libshmtel rejects empty values).
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "hmon_convert.h"

#define LABELS_MAX 1024		/* escaped text of three values, with room */

struct labels {
	char buf[LABELS_MAX];
	size_t len;
};

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/*
 * @v cut to at most HMON_LABEL_VALUE_MAX bytes: a prefix ending on a UTF-8
 * character boundary, then "~" and the hash of the whole value.
 */
static void cut_value(const char *v, char *out)
{
	size_t keep = HMON_LABEL_VALUE_MAX - 9;

	if (strlen(v) <= HMON_LABEL_VALUE_MAX) {
		strcpy(out, v);
		return;
	}
	while (keep && ((unsigned char)v[keep] & 0xc0) == 0x80)
		keep--;		/* v[keep] would start the cut-off part */
	memcpy(out, v, keep);
	snprintf(out + keep, 10, "~%08x", fnv1a(v));
}

static void add_label(struct labels *l, const char *key, const char *value)
{
	char v[HMON_LABEL_VALUE_MAX + 1];

	if (!value || !*value)
		return;
	cut_value(value, v);
	/* Worst case: 2 bytes per value byte; LABELS_MAX covers three labels. */
	l->len += (size_t)snprintf(l->buf + l->len, LABELS_MAX - l->len, "%s%s=\"",
				   l->len ? "," : "", key);
	for (const char *p = v; *p; p++) {
		if (*p == '"' || *p == '\\')
			l->buf[l->len++] = '\\';
		if (*p == '\n') {
			l->buf[l->len++] = '\\';
			l->buf[l->len++] = 'n';
		} else {
			l->buf[l->len++] = *p;
		}
	}
	l->buf[l->len++] = '"';
	l->buf[l->len] = 0;
}

static double real(double v)
{
	return isfinite(v) ? v : NAN;
}

static double count(int32_t v)
{
	return v < 0 ? NAN : (double)v;
}

static const char *direction(ProtoMonStreamDirection d)
{
	switch (d) {
	case PROTO_MON_STREAM_DIRECTION__PROTO__STREAM_DIRECTION__HOST_TO_DEVICE:
		return "host_to_device";
	case PROTO_MON_STREAM_DIRECTION__PROTO__STREAM_DIRECTION__DEVICE_TO_HOST:
		return "device_to_host";
	default:
		return "unknown";	/* a value a newer HailoRT may add */
	}
}

struct walk {
	int (*put)(void *arg, const struct hmon_value *v);
	void *arg;
	unsigned flags;
	long n;
};

static int put(struct walk *w, const char *name, const char *unit, const struct labels *l,
	       double value)
{
	struct hmon_value v = { .name = name, .unit = unit, .labels = l->buf, .value = value };
	int ret = w->put(w->arg, &v);

	if (ret < 0)
		return ret;
	w->n++;
	return 0;
}

static int devices(struct walk *w, const ProtoMon *m)
{
	for (size_t i = 0; i < m->n_device_infos; i++) {
		const ProtoMonDeviceInfo *d = m->device_infos[i];
		struct labels l = { .len = 0 };
		int ret;

		l.buf[0] = 0;
		add_label(&l, "device_id", d->device_id);
		add_label(&l, "arch", d->device_arch);
		ret = put(w, "hailo_device_utilization", "percent", &l, real(d->utilization));
		if (ret)
			return ret;
	}
	return 0;
}

static int networks(struct walk *w, const ProtoMon *m)
{
	for (size_t i = 0; i < m->n_networks_infos; i++) {
		const ProtoMonInfo *n = m->networks_infos[i];
		struct labels l = { .len = 0 };
		int ret;

		l.buf[0] = 0;
		add_label(&l, "network", n->network_name);
		ret = put(w, "hailo_network_utilization", "percent", &l, real(n->utilization));
		if (!ret)
			ret = put(w, "hailo_network_fps", "fps", &l,
				  n->fps >= DBL_MAX ? NAN : real(n->fps));
		if (ret)
			return ret;
	}
	return 0;
}

static int stream(struct walk *w, const char *network, const ProtoMonStreamFramesInfo *s)
{
	int none = !!(w->flags & HMON_NO_FRAME_STATS);
	const struct { const char *name; double v; } vals[] = {
		{ "hailo_stream_pending_frames", count(s->pending_frames_count) },
		{ "hailo_stream_pending_frames_min", none ? NAN : count(s->min_pending_frames_count) },
		{ "hailo_stream_pending_frames_max", none ? NAN : count(s->max_pending_frames_count) },
		{ "hailo_stream_pending_frames_avg",
		  none || s->avg_pending_frames_count < 0 ? NAN : real(s->avg_pending_frames_count) },
		{ "hailo_stream_buffer_frames", count(s->buffer_frames_size) },
	};
	struct labels l = { .len = 0 };

	l.buf[0] = 0;
	add_label(&l, "network", network);
	add_label(&l, "stream", s->stream_name);
	add_label(&l, "direction", direction(s->stream_direction));
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		int ret = put(w, vals[i].name, "frames", &l, vals[i].v);

		if (ret)
			return ret;
	}
	return 0;
}

long hmon_convert(const ProtoMon *m, unsigned flags,
		  int (*fn)(void *arg, const struct hmon_value *v), void *arg)
{
	struct walk w = { .put = fn, .arg = arg, .flags = flags };
	int ret;

	ret = devices(&w, m);
	if (!ret)
		ret = networks(&w, m);
	for (size_t i = 0; !ret && i < m->n_net_frames_infos; i++) {
		const ProtoMonNetworkFrames *nf = m->net_frames_infos[i];

		for (size_t j = 0; !ret && j < nf->n_streams_frames_infos; j++)
			ret = stream(&w, nf->network_name, nf->streams_frames_infos[j]);
	}
	return ret ? ret : w.n;
}
