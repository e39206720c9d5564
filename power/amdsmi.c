/* SPDX-License-Identifier: MIT */
/*
 * amdsmi.c - AMD GPUs through ROCm SMI, loaded at run time.
 *
 * librocm_smi64 comes with ROCm, which most machines do not have, so the
 * collector dlopen()s it and declares the few types of its public API it
 * uses itself: no build dependency.  Without it the amdgpu driver's hwmon
 * nodes (power, energy, temperatures) are still read by the hwmon
 * collector; this one adds what only the library knows (VRAM, busy
 * percent).  A library that lacks one of the functions is not used at all
 * (one line says which); the GPU's name and the status strings are taken
 * when present.
 *
 * Energy is a count of ticks of a resolution in µJ given as a float (about
 * 15.3 µJ); the counter carries whole µJ of count × resolution, so no tick
 * is lost to rounding between samples.  Readings a GPU answers with
 * RSMI_STATUS_NOT_SUPPORTED at probe time are said once in --list and not
 * asked again; any other error skips that reading for that sample, counted,
 * with one warning until it reads well again (pw_skip).
 */
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/esc.h"
#include "pw.h"
#include "sysval.h"

#define RSMI_STATUS_SUCCESS 0
#define RSMI_STATUS_NOT_SUPPORTED 2
#define RSMI_TEMP_TYPE_EDGE 0
#define RSMI_TEMP_CURRENT 0
#define RSMI_MEM_TYPE_VRAM 0
#define NAME_LEN 128
#define LABELS_LEN 512

/* Tried in order: the development link, then the runtime sonames of the
 * releases that have shipped it. */
static const char *const libnames[] = {
	"librocm_smi64.so", "librocm_smi64.so.7", "librocm_smi64.so.6",
	"librocm_smi64.so.5", "librocm_smi64.so.1",
};

/* The functions used; rsmi_status_t is an int-sized enum. */
struct rsmi_api {
	int (*init)(uint64_t flags);
	int (*shut_down)(void);
	int (*count)(uint32_t *n);
	int (*power)(uint32_t dv, uint32_t sensor, uint64_t *uw);
	int (*energy)(uint32_t dv, uint64_t *count, float *resolution, uint64_t *timestamp);
	int (*temperature)(uint32_t dv, uint32_t sensor, int metric, int64_t *mc);
	int (*mem_used)(uint32_t dv, int type, uint64_t *bytes);
	int (*mem_total)(uint32_t dv, int type, uint64_t *bytes);
	int (*busy)(uint32_t dv, uint32_t *percent);
	int (*name)(uint32_t dv, char *name, size_t len);		/* optional */
	int (*status_string)(int status, const char **s);		/* optional */
};

/* dlsym() returns a void *; POSIX guarantees it converts to a function pointer. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers fit a void *");

static const struct {
	const char *name;
	size_t off;
	int optional;
} syms[] = {
	{ "rsmi_init", offsetof(struct rsmi_api, init), 0 },
	{ "rsmi_shut_down", offsetof(struct rsmi_api, shut_down), 0 },
	{ "rsmi_num_monitor_devices", offsetof(struct rsmi_api, count), 0 },
	{ "rsmi_dev_power_ave_get", offsetof(struct rsmi_api, power), 0 },
	{ "rsmi_dev_energy_count_get", offsetof(struct rsmi_api, energy), 0 },
	{ "rsmi_dev_temp_metric_get", offsetof(struct rsmi_api, temperature), 0 },
	{ "rsmi_dev_memory_usage_get", offsetof(struct rsmi_api, mem_used), 0 },
	{ "rsmi_dev_memory_total_get", offsetof(struct rsmi_api, mem_total), 0 },
	{ "rsmi_dev_busy_percent_get", offsetof(struct rsmi_api, busy), 0 },
	{ "rsmi_dev_name_get", offsetof(struct rsmi_api, name), 1 },
	{ "rsmi_status_string", offsetof(struct rsmi_api, status_string), 1 },
};

enum reading { R_POWER, R_ENERGY, R_TEMPERATURE, R_MEMORY, R_BUSY, NREADINGS };

static const char *const reading_name[NREADINGS] = {
	"power", "energy", "temperature", "memory", "busy",
};

/* One reading: power µW, energy µJ, temperature m°C, memory used and total. */
struct value {
	uint64_t u[2];
	int64_t i;
	double uj;
};

struct gpu {
	uint32_t index;
	char labels[LABELS_LEN];
	unsigned skip;		/* bit per reading: not supported */
	struct pw_warn warn[NREADINGS];
};

struct amdsmi {
	void *lib;
	struct rsmi_api api;
	unsigned n;
	struct gpu gpu[];
};

static const char *errstr(const struct rsmi_api *api, int ret)
{
	const char *s = NULL;

	if (api->status_string && api->status_string(ret, &s) == RSMI_STATUS_SUCCESS && s)
		return s;
	return ret == RSMI_STATUS_NOT_SUPPORTED ? "not supported" : "error";
}

/* Reading @r of GPU @dv into @v; ROCm SMI's status. */
static int read_one(const struct rsmi_api *api, uint32_t dv, enum reading r, struct value *v)
{
	uint64_t count = 0, ts = 0;
	uint32_t pct = 0;
	float res = 0;
	int ret;

	memset(v, 0, sizeof(*v));
	switch (r) {
	case R_POWER:
		return api->power(dv, 0, &v->u[0]);
	case R_ENERGY:
		ret = api->energy(dv, &count, &res, &ts);
		/* A resolution that is not a positive number makes no energy. */
		if (ret == RSMI_STATUS_SUCCESS && !(isfinite(res) && res > 0))
			return RSMI_STATUS_NOT_SUPPORTED;
		v->uj = (double)count * (double)res;
		return ret;
	case R_TEMPERATURE:
		return api->temperature(dv, RSMI_TEMP_TYPE_EDGE, RSMI_TEMP_CURRENT, &v->i);
	case R_MEMORY:
		ret = api->mem_used(dv, RSMI_MEM_TYPE_VRAM, &v->u[0]);
		if (ret != RSMI_STATUS_SUCCESS)
			return ret;
		return api->mem_total(dv, RSMI_MEM_TYPE_VRAM, &v->u[1]);
	case R_BUSY:
		ret = api->busy(dv, &pct);
		v->u[0] = pct;
		return ret;
	default:
		return RSMI_STATUS_NOT_SUPPORTED;
	}
}

/* The library, every required function resolved, or NULL after one line
 * to @list and errno ENOENT (no library) or EOPNOTSUPP (a function missing). */
static void *load(struct rsmi_api *api, FILE *list)
{
	const char *why = NULL;
	char esc[1024];
	void *lib = NULL;
	size_t i;

	for (i = 0; i < sizeof(libnames) / sizeof(libnames[0]) && !lib; i++) {
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
			fprintf(list, "amdsmi: librocm_smi64.so cannot be loaded: %s\n", why);
		else if (list)
			fprintf(list, "amdsmi: librocm_smi64.so not found\n");
		errno = ENOENT;
		return NULL;
	}
	memset(api, 0, sizeof(*api));
	for (i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		void *p = dlsym(lib, syms[i].name);

		if (!p && !syms[i].optional) {
			if (list)
				fprintf(list, "amdsmi: librocm_smi64.so has no %s: unsupported\n",
					syms[i].name);
			dlclose(lib);
			errno = EOPNOTSUPP;
			return NULL;
		}
		memcpy((char *)api + syms[i].off, &p, sizeof(p));
	}
	return lib;
}

/* Label GPU @i and find what it supports. */
static int probe_gpu(struct amdsmi *s, uint32_t i, FILE *list)
{
	struct gpu *g = &s->gpu[s->n];
	char name[NAME_LEN + 1] = "", idx[16], esc[4 * NAME_LEN + 1];
	struct value v;
	size_t off;
	int ret;

	memset(g, 0, sizeof(*g));
	g->index = i;
	if (!s->api.name || s->api.name(i, name, NAME_LEN) != RSMI_STATUS_SUCCESS)
		name[0] = '\0';
	name[NAME_LEN] = '\0';
	snprintf(idx, sizeof(idx), "%u", (unsigned)i);
	off = pw_label(g->labels, sizeof(g->labels), 0, "source", "amdsmi");
	off = pw_label(g->labels, sizeof(g->labels), off, "gpu", idx);
	if (name[0])
		off = pw_label(g->labels, sizeof(g->labels), off, "name", name);
	if (off >= sizeof(g->labels))
		return -ENAMETOOLONG;
	esc_term(esc, sizeof(esc), name);
	if (list)
		fprintf(list, "amdsmi: gpu %u: %s: found\n", (unsigned)i,
			name[0] ? esc : "(no name)");
	for (int r = 0; r < NREADINGS; r++) {
		ret = read_one(&s->api, i, (enum reading)r, &v);
		if (ret == RSMI_STATUS_NOT_SUPPORTED)
			g->skip |= 1u << r;
		if (ret != RSMI_STATUS_SUCCESS && list)
			fprintf(list, "amdsmi: gpu %u: %s: %s\n", (unsigned)i, reading_name[r],
				ret == RSMI_STATUS_NOT_SUPPORTED ? "unsupported"
								 : errstr(&s->api, ret));
	}
	s->n++;
	return 0;
}

static void amdsmi_fini(void *state)
{
	struct amdsmi *s = state;

	if (!s)
		return;
	s->api.shut_down();
	dlclose(s->lib);
	free(s);
}

static int amdsmi_probe(void **state, const struct pw_env *e, FILE *list)
{
	struct rsmi_api api;
	struct amdsmi *s;
	uint32_t n = 0;
	void *lib;
	int ret;

	lib = load(&api, list);
	if (!lib)
		return -errno;
	ret = api.init(0);
	if (ret != RSMI_STATUS_SUCCESS) {
		if (list)
			fprintf(list, "amdsmi: rsmi_init: %s\n", errstr(&api, ret));
		dlclose(lib);
		return -ENODEV;
	}
	ret = api.count(&n);
	/* A count no machine has is a broken library, not a reason to allocate. */
	if (ret != RSMI_STATUS_SUCCESS || n == 0 || n > 1024) {
		if (list)
			fprintf(list, "amdsmi: no GPU: %s\n",
				ret != RSMI_STATUS_SUCCESS ? errstr(&api, ret)
				: n ? "count not believed" : "none found");
		api.shut_down();
		dlclose(lib);
		return -ENODEV;
	}
	s = calloc(1, sizeof(*s) + n * sizeof(s->gpu[0]));
	if (!s) {
		api.shut_down();
		dlclose(lib);
		return -ENOMEM;
	}
	s->lib = lib;
	s->api = api;
	for (uint32_t i = 0; i < n; i++)
		probe_gpu(s, i, list);
	if (!s->n) {
		amdsmi_fini(s);
		return -ENODEV;
	}
	*state = s;
	return 0;
}

/* Hand reading @r of @g to @k. */
static void put(struct gpu *g, enum reading r, const struct value *v, struct pw_sink *k)
{
	char key[LABELS_LEN + 8];
	uint64_t uj, dt;

	switch (r) {
	case R_POWER:
		pw_gauge(k, "power", g->labels, "W", (double)v->u[0] / 1e6);
		break;
	case R_ENERGY:
		/* The count runs since the driver was loaded: the first reading
		 * counts whole (the counter is the driver's total), then deltas,
		 * remembered by GPU across probes (see pw_energy_delta). */
		uj = v->uj < 18446744073709549568.0 ? (uint64_t)v->uj : UINT64_MAX;
		snprintf(key, sizeof(key), "amdsmi %s", g->labels);
		pw_count(k, "energy", g->labels, "uJ", pw_energy_delta(key, uj, 0, &dt));
		break;
	case R_TEMPERATURE:
		pw_gauge(k, "temperature", g->labels, "celsius", (double)v->i / 1e3);
		break;
	case R_MEMORY:
		pw_gauge(k, "memory_used", g->labels, "bytes", (double)v->u[0]);
		pw_gauge(k, "memory_total", g->labels, "bytes", (double)v->u[1]);
		break;
	case R_BUSY:
		pw_gauge(k, "gpu_utilization", g->labels, "percent", (double)v->u[0]);
		break;
	default:
		break;
	}
}

static int amdsmi_sample(void *state, struct pw_sink *k)
{
	struct amdsmi *s = state;
	unsigned tried = 0, got = 0;
	char what[256];
	struct value v;
	int ret;

	for (unsigned i = 0; i < s->n; i++) {
		struct gpu *g = &s->gpu[i];

		for (int r = 0; r < NREADINGS; r++) {
			if (g->skip & (1u << r))
				continue;
			tried++;
			ret = read_one(&s->api, g->index, (enum reading)r, &v);
			if (ret == RSMI_STATUS_SUCCESS) {
				put(g, (enum reading)r, &v, k);
				got++;
			} else if (ret == RSMI_STATUS_NOT_SUPPORTED) {
				g->skip |= 1u << r;
			} else {
				snprintf(what, sizeof(what), "amdsmi: gpu %u: %s: %s",
					 (unsigned)g->index, reading_name[r], errstr(&s->api, ret));
				pw_skip(&g->warn[r], what, -EIO);
				continue;
			}
			pw_ok(&g->warn[r]);
		}
	}
	return tried && !got ? -EIO : 0;
}

const struct pw_collector pw_amdsmi = {
	.name = "amdsmi",
	.probe = amdsmi_probe,
	.sample = amdsmi_sample,
	.fini = amdsmi_fini,
};
