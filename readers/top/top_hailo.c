/* SPDX-License-Identifier: MIT */
/*
 * top_hailo.c - Devices, Networks and Frames from hailo-* rings (see
 * top_hailo.h).  A device used by several processes appears in each of
 * their rings; it is listed once, with the newest measurement.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "top_hailo.h"

/* Make room for one more element of @arr, or return NULL from the caller. */
#define GROW(arr, n, cap) do { \
	if ((n) == (cap)) { \
		size_t nc_ = (cap) ? (cap) * 2 : 8; \
		void *p_ = realloc((arr), nc_ * sizeof(*(arr))); \
		if (!p_) \
			return NULL; \
		(arr) = p_; \
		(cap) = nc_; \
	} } while (0)

struct caps {
	size_t dev, net, str;
};

static const char *label_or_empty(const struct top_series_row *r, const char *key)
{
	const char *v = top_label(r->labels, key);

	return v ? v : "";
}

static struct top_hailo_dev *dev_of(struct top_hailo *h, struct caps *c, const char *id)
{
	for (size_t i = 0; i < h->ndev; i++)
		if (!strcmp(h->dev[i].id, id))
			return &h->dev[i];
	GROW(h->dev, h->ndev, c->dev);
	memset(&h->dev[h->ndev], 0, sizeof(h->dev[0]));
	h->dev[h->ndev].id = id;
	h->dev[h->ndev].util = NAN;
	return &h->dev[h->ndev++];
}

static struct top_hailo_net *net_of(struct top_hailo *h, struct caps *c, const char *model,
				    int32_t pid)
{
	for (size_t i = 0; i < h->nnet; i++)
		if (h->net[i].pid == pid && !strcmp(h->net[i].model, model))
			return &h->net[i];
	GROW(h->net, h->nnet, c->net);
	h->net[h->nnet] = (struct top_hailo_net){ .model = model, .util = NAN, .fps = NAN, .pid = pid };
	return &h->net[h->nnet++];
}

static struct top_hailo_stream *stream_of(struct top_hailo *h, struct caps *c,
					  const struct top_series_row *r, int32_t pid)
{
	const char *model = label_or_empty(r, "network"), *stream = label_or_empty(r, "stream");
	int h2d = !strcmp(label_or_empty(r, "direction"), "host_to_device");

	for (size_t i = 0; i < h->nstr; i++) {
		struct top_hailo_stream *s = &h->str[i];

		if (s->pid == pid && s->h2d == h2d && !strcmp(s->model, model) && !strcmp(s->stream, stream))
			return s;
	}
	GROW(h->str, h->nstr, c->str);
	h->str[h->nstr] = (struct top_hailo_stream){
		.model = model, .stream = stream, .h2d = h2d, .pid = pid,
		.now = NAN, .avg = NAN, .max = NAN, .min = NAN, .capacity = NAN,
	};
	return &h->str[h->nstr++];
}

/* Fold one series of an up Hailo ring into the tables; 0 or -ENOMEM. */
static int add(struct top_hailo *h, struct caps *c, const struct top_series_row *r, int32_t pid)
{
	static const char pfx[] = "hailo_stream_pending_frames";
	double v = top_value(r->vtype, r->st.last, r->st.count);
	const char *n = r->name;

	if (!strcmp(n, "hailo_device_utilization")) {
		struct top_hailo_dev *d = dev_of(h, c, label_or_empty(r, "device_id"));

		if (!d)
			return -ENOMEM;
		if (!d->ns || r->st.last_ns >= d->ns) {
			d->arch = label_or_empty(r, "arch");
			d->util = v;
			d->ns = r->st.last_ns;
		}
	} else if (!strcmp(n, "hailo_network_utilization") || !strcmp(n, "hailo_network_fps")) {
		struct top_hailo_net *t = net_of(h, c, label_or_empty(r, "network"), pid);

		if (!t)
			return -ENOMEM;
		if (!strcmp(n, "hailo_network_utilization"))
			t->util = v;
		else
			t->fps = v;
	} else if (!strcmp(n, "hailo_stream_buffer_frames") || !strncmp(n, pfx, sizeof(pfx) - 1)) {
		struct top_hailo_stream *s = stream_of(h, c, r, pid);
		const char *sfx = n + sizeof(pfx) - 1;

		if (!s)
			return -ENOMEM;
		if (!strcmp(n, "hailo_stream_buffer_frames"))
			s->capacity = v;
		else if (!*sfx)
			s->now = v;
		else if (!strcmp(sfx, "_avg"))
			s->avg = v;
		else if (!strcmp(sfx, "_max"))
			s->max = v;
		else if (!strcmp(sfx, "_min"))
			s->min = v;
	}
	/* Anything else is not a series of the contract: ignored. */
	return 0;
}

static int cmp_net(const void *a, const void *b)
{
	const struct top_hailo_net *x = a, *y = b;
	int c = strcmp(x->model, y->model);

	return c ? c : (x->pid > y->pid) - (x->pid < y->pid);
}

static int cmp_str(const void *a, const void *b)
{
	const struct top_hailo_stream *x = a, *y = b;
	int c = strcmp(x->model, y->model);

	if (!c)
		c = strcmp(x->stream, y->stream);
	if (!c)
		c = y->h2d - x->h2d;
	return c ? c : (x->pid > y->pid) - (x->pid < y->pid);
}

static int cmp_dev(const void *a, const void *b)
{
	return strcmp(((const struct top_hailo_dev *)a)->id, ((const struct top_hailo_dev *)b)->id);
}

static void explain(const struct top_snap *s, struct top_hailo *h)
{
	unsigned gone = 0;

	if (!h->rings) {
		snprintf(h->why, sizeof(h->why),
			 "No Hailo data: there are no hailo-* rings in this directory. Either the "
			 "Hailo bridge is not running, or no Hailo application runs with "
			 "HAILO_MONITOR=1 in its environment.");
		return;
	}
	for (size_t i = 0; i < s->nagents; i++)
		gone += s->agents[i].hailo && s->agents[i].state == TOP_GONE;
	if (!h->up && gone)
		snprintf(h->why, sizeof(h->why),
			 "No fresh Hailo data: %u hailo-* ring(s), none up. The Hailo processes have "
			 "exited or their monitor files went stale (is HAILO_MONITOR=1 still set in "
			 "the Hailo application?).", h->rings);
	else if (!h->up)
		snprintf(h->why, sizeof(h->why),
			 "No fresh Hailo data: %u hailo-* ring(s), none up. The Hailo bridge that "
			 "wrote them is not running.", h->rings);
	else
		snprintf(h->why, sizeof(h->why),
			 "No Hailo data yet: %u hailo-* ring(s) up, with no values published so far "
			 "(HAILO_MONITOR=1 set in the Hailo application?).", h->up);
}

int top_hailo_build(const struct top_snap *s, struct top_hailo *h)
{
	struct caps c = { 0, 0, 0 };

	memset(h, 0, sizeof(*h));
	for (size_t i = 0; i < s->nagents; i++) {
		h->rings += s->agents[i].hailo;
		h->up += s->agents[i].hailo && s->agents[i].state == TOP_LIVE;
	}
	for (size_t i = 0; i < s->nseries; i++) {
		const struct top_series_row *r = &s->series[i];
		const struct top_agent_row *a = &s->agents[r->agent];

		if (!a->hailo || a->state != TOP_LIVE)
			continue;
		if (add(h, &c, r, a->pid)) {
			top_hailo_free(h);
			return -ENOMEM;
		}
	}
	if (!h->ndev && !h->nnet && !h->nstr) {
		explain(s, h);
		return 0;
	}
	if (h->ndev)
		qsort(h->dev, h->ndev, sizeof(*h->dev), cmp_dev);
	if (h->nnet)
		qsort(h->net, h->nnet, sizeof(*h->net), cmp_net);
	if (h->nstr)
		qsort(h->str, h->nstr, sizeof(*h->str), cmp_str);
	return 0;
}

void top_hailo_free(struct top_hailo *h)
{
	free(h->dev);
	free(h->net);
	free(h->str);
	memset(h, 0, sizeof(*h));
}
