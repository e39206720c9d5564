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
#include "gpu.h"
#include "pw.h"

#define RSMI_STATUS_SUCCESS 0
#define RSMI_STATUS_NOT_SUPPORTED 2
#define RSMI_TEMP_TYPE_EDGE 0
#define RSMI_TEMP_CURRENT 0
#define RSMI_MEM_TYPE_VRAM 0
#define NAME_LEN 128

_Static_assert(NAME_LEN <= GPU_NAME_MAX, "gpu.c escapes names of up to GPU_NAME_MAX");

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

static const struct gpu_sym syms[] = {
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

struct amdsmi {
	void *lib;
	struct rsmi_api api;
	unsigned n;
	struct gpu_dev gpu[];
};

static const char *errstr(const void *a, int ret)
{
	const struct rsmi_api *api = a;
	const char *s = NULL;

	if (api->status_string && api->status_string(ret, &s) == RSMI_STATUS_SUCCESS && s)
		return s;
	return ret == RSMI_STATUS_NOT_SUPPORTED ? "not supported" : "error";
}

/* Reading @r of GPU @g into @v; ROCm SMI's status. */
static int read_one(const void *a, const struct gpu_dev *g, enum gpu_reading r,
		    struct gpu_value *v)
{
	const struct rsmi_api *api = a;
	uint64_t count = 0, ts = 0, u[2] = { 0, 0 };
	uint32_t dv = g->index, pct = 0;
	int64_t mc = 0;
	float res = 0;
	double uj;
	int ret;

	memset(v, 0, sizeof(*v));
	switch (r) {
	case GPU_POWER:
		ret = api->power(dv, 0, &u[0]);
		v->gauge[0] = (double)u[0] / 1e6;
		return ret;
	case GPU_ENERGY:
		ret = api->energy(dv, &count, &res, &ts);
		if (ret != RSMI_STATUS_SUCCESS)
			return ret;	/* count and resolution say nothing then */
		/* A resolution that is not a positive number makes no energy. */
		if (!(isfinite(res) && res > 0))
			return RSMI_STATUS_NOT_SUPPORTED;
		uj = (double)count * (double)res;
		v->count = uj < 18446744073709549568.0 ? (uint64_t)uj : UINT64_MAX;
		return ret;
	case GPU_TEMPERATURE:
		ret = api->temperature(dv, RSMI_TEMP_TYPE_EDGE, RSMI_TEMP_CURRENT, &mc);
		v->gauge[0] = (double)mc / 1e3;
		return ret;
	case GPU_MEMORY:
		ret = api->mem_used(dv, RSMI_MEM_TYPE_VRAM, &u[0]);
		if (ret != RSMI_STATUS_SUCCESS)
			return ret;
		ret = api->mem_total(dv, RSMI_MEM_TYPE_VRAM, &u[1]);
		v->gauge[0] = (double)u[0];
		v->gauge[1] = (double)u[1];
		return ret;
	case GPU_UTILIZATION:
		ret = api->busy(dv, &pct);
		v->gauge[0] = pct;
		return ret;
	default:
		return RSMI_STATUS_NOT_SUPPORTED;
	}
}

static const struct gpu_vendor vendor = {
	.name = "amdsmi",
	.reading_name = { "power", "energy", "temperature", "memory", "busy" },
	.energy_unit = "uJ",
	.success = RSMI_STATUS_SUCCESS,
	.not_supported = RSMI_STATUS_NOT_SUPPORTED,
	.read = read_one,
	.errstr = errstr,
};

/* Label GPU @i and find what it supports. */
static int probe_gpu(struct amdsmi *s, uint32_t i, FILE *list)
{
	struct gpu_dev *g = &s->gpu[s->n];
	char name[NAME_LEN + 1] = "";
	int ret;

	memset(g, 0, sizeof(*g));
	g->index = i;
	if (!s->api.name || s->api.name(i, name, NAME_LEN) != RSMI_STATUS_SUCCESS)
		name[0] = '\0';
	name[NAME_LEN] = '\0';
	ret = gpu_probe_dev(&vendor, &s->api, g, name, list);
	if (!ret)
		s->n++;
	return ret;
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

	lib = gpu_load("amdsmi", libnames, sizeof(libnames) / sizeof(libnames[0]), syms,
		       sizeof(syms) / sizeof(syms[0]), &api, sizeof(api), list);
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

static int amdsmi_sample(void *state, struct pw_sink *k)
{
	struct amdsmi *s = state;

	return gpu_sample(&vendor, &s->api, s->gpu, s->n, k);
}

const struct pw_collector pw_amdsmi = {
	.name = "amdsmi",
	.probe = amdsmi_probe,
	.sample = amdsmi_sample,
	.fini = amdsmi_fini,
};
