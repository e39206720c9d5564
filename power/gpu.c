/* SPDX-License-Identifier: MIT */
/*
 * gpu.c - the part of the GPU collectors that does not depend on the
 * vendor: both load their library at run time so there is no build
 * dependency, label each GPU the same way, and treat a reading the same
 * way (unsupported at probe time: said once and never asked again; any
 * other error: skipped for that sample, counted, one warning until it
 * reads well again).
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "common/esc.h"
#include "gpu.h"

/* dlsym() returns a void *; POSIX guarantees it converts to a function pointer. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers fit a void *");

void *gpu_load(const char *mod, const char *const *libnames, size_t nlib,
	       const struct gpu_sym *syms, size_t nsyms, void *api, size_t size, FILE *list)
{
	const char *why = NULL;
	char esc[1024];
	void *lib = NULL;
	size_t i;

	for (i = 0; i < nlib && !lib; i++) {
		lib = dlopen(libnames[i], RTLD_NOW | RTLD_LOCAL);
		/* "Not found" is expected for most names; any other reason is kept. */
		if (!lib) {
			const char *w = dlerror();

			if (w && !strstr(w, "No such file") && !why) {
				esc_term(esc, sizeof(esc), w);
				why = esc;
			}
		}
	}
	if (!lib) {
		if (list && why)
			fprintf(list, "%s: %s cannot be loaded: %s\n", mod, libnames[0], why);
		else if (list)
			fprintf(list, "%s: %s not found\n", mod, libnames[0]);
		errno = ENOENT;
		return NULL;
	}
	memset(api, 0, size);
	for (i = 0; i < nsyms; i++) {
		void *p = dlsym(lib, syms[i].name);

		if (!p && !syms[i].optional) {
			if (list)
				fprintf(list, "%s: %s has no %s: unsupported\n", mod, libnames[0],
					syms[i].name);
			dlclose(lib);
			errno = EOPNOTSUPP;
			return NULL;
		}
		memcpy((char *)api + syms[i].off, &p, sizeof(p));
	}
	return lib;
}

int gpu_probe_dev(const struct gpu_vendor *v, const void *api, struct gpu_dev *g,
		  const char *name, FILE *list)
{
	char idx[16], esc[4 * GPU_NAME_MAX + 1];
	struct gpu_value val;
	size_t off;
	int ret;

	snprintf(idx, sizeof(idx), "%u", g->index);
	off = pw_label(g->labels, sizeof(g->labels), 0, "source", v->name);
	off = pw_label(g->labels, sizeof(g->labels), off, "gpu", idx);
	if (name[0])
		off = pw_label(g->labels, sizeof(g->labels), off, "name", name);
	if (off >= sizeof(g->labels))
		return -ENAMETOOLONG;
	esc_term(esc, sizeof(esc), name);
	if (list)
		fprintf(list, "%s: gpu %u: %s: found\n", v->name, g->index,
			name[0] ? esc : "(no name)");
	for (int r = 0; r < GPU_NREADINGS; r++) {
		ret = v->read(api, g, (enum gpu_reading)r, &val);
		if (ret == v->not_supported)
			g->skip |= 1u << r;
		if (ret != v->success && list)
			fprintf(list, "%s: gpu %u: %s: %s\n", v->name, g->index,
				v->reading_name[r],
				ret == v->not_supported ? "unsupported" : v->errstr(api, ret));
	}
	return 0;
}

/* Hand reading @r of @g to @k.  0, or -ERANGE for an impossible energy count. */
static int put(const struct gpu_vendor *v, const struct gpu_dev *g, enum gpu_reading r,
		const struct gpu_value *val, struct pw_sink *k)
{
	char key[GPU_LABELS_LEN + 16];
	uint64_t d, dt;

	switch (r) {
	case GPU_POWER:
		pw_gauge(k, "power", g->labels, "W", val->gauge[0]);
		break;
	case GPU_ENERGY:
		/*
		 * The libraries count since the driver was loaded.  The first
		 * reading counts whole, so the counter is the driver's total;
		 * the deltas are remembered by GPU across probes (see
		 * pw_energy_delta), and a total that went back is a reload.
		 */
		snprintf(key, sizeof(key), "%s %s", v->name, g->labels);
		d = pw_energy_delta(key, val->count, 0, &dt);
		/*
		 * A series total past 2^64 would wrap and read as going back,
		 * so a count no GPU makes is a bad reading: a first one past
		 * 2^63 (centuries of a kW), or a later step of more than a
		 * unit (uJ or mJ) a nanosecond.  The total then lasts 292 years.
		 */
		if (dt ? d > dt : d > UINT64_MAX / 2)
			return -ERANGE;
		pw_count(k, "energy", g->labels, v->energy_unit, d);
		break;
	case GPU_TEMPERATURE:
		pw_gauge(k, "temperature", g->labels, "celsius", val->gauge[0]);
		break;
	case GPU_MEMORY:
		pw_gauge(k, "memory_used", g->labels, "bytes", val->gauge[0]);
		pw_gauge(k, "memory_total", g->labels, "bytes", val->gauge[1]);
		break;
	case GPU_UTILIZATION:
		pw_gauge(k, "gpu_utilization", g->labels, "percent", val->gauge[0]);
		break;
	default:
		break;
	}
	return 0;
}

int gpu_sample(const struct gpu_vendor *v, const void *api, struct gpu_dev *g, unsigned n,
	       struct pw_sink *k)
{
	unsigned tried = 0, got = 0;
	struct gpu_value val;
	char what[256];
	int ret, err;

	for (unsigned i = 0; i < n; i++) {
		for (int r = 0; r < GPU_NREADINGS; r++) {
			if (g[i].skip & (1u << r))
				continue;
			tried++;
			ret = v->read(api, &g[i], (enum gpu_reading)r, &val);
			if (ret == v->success) {
				err = put(v, &g[i], (enum gpu_reading)r, &val, k);
				if (err) {
					snprintf(what, sizeof(what), "%s: gpu %u: %s", v->name,
						 g[i].index, v->reading_name[r]);
					pw_skip(&g[i].warn[r], what, err);
					continue;
				}
				got++;
			} else if (ret == v->not_supported) {
				g[i].skip |= 1u << r;
			} else {
				snprintf(what, sizeof(what), "%s: gpu %u: %s: %s", v->name,
					 g[i].index, v->reading_name[r], v->errstr(api, ret));
				pw_skip(&g[i].warn[r], what, v->err ? v->err(ret) : -EIO);
				continue;
			}
			pw_ok(&g[i].warn[r]);
		}
	}
	return tried && !got ? -EIO : 0;
}
