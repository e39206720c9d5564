/* SPDX-License-Identifier: MIT */
/*
 * nvml.c - NVIDIA GPUs through NVML, loaded at run time.
 *
 * libnvidia-ml.so.1 ships with the driver, not with a development package,
 * so the collector dlopen()s it and declares the few types of NVML's public
 * API it uses itself: there is no build dependency, and a machine without
 * the driver simply has no nvml collector.  A library that lacks one of the
 * functions is not used at all (one line says which), rather than used in
 * part, so what a GPU reports does not depend on which functions a given
 * driver release happens to export.
 *
 * Each reading a GPU answers with NVML_ERROR_NOT_SUPPORTED at probe time is
 * said once in --list and never asked again; any other error skips that
 * reading for that sample, counted, with one warning until it reads well
 * again (pw_skip).
 */
#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gpu.h"
#include "pw.h"

#define NVML_SUCCESS 0
#define NVML_ERROR_NOT_SUPPORTED 3
#define NVML_TEMPERATURE_GPU 0
#define NAME_LEN 96		/* NVML_DEVICE_NAME_V2_BUFFER_SIZE */

_Static_assert(NAME_LEN <= GPU_NAME_MAX, "gpu.c escapes names of up to GPU_NAME_MAX");

static const char *const libnames[] = { "libnvidia-ml.so.1" };

/* nvmlMemory_t */
struct nvml_memory {
	unsigned long long total, free, used;
};

/* nvmlUtilization_t */
struct nvml_utilization {
	unsigned int gpu, memory;
};

/* The functions used; nvmlReturn_t is an int-sized enum, nvmlDevice_t an
 * opaque pointer. */
struct nvml_api {
	int (*init)(void);
	int (*shutdown)(void);
	int (*count)(unsigned int *n);
	int (*handle)(unsigned int i, void **dev);
	int (*name)(void *dev, char *name, unsigned int len);
	int (*power)(void *dev, unsigned int *mw);
	int (*energy)(void *dev, unsigned long long *mj);
	int (*temperature)(void *dev, int sensor, unsigned int *c);
	int (*memory)(void *dev, struct nvml_memory *m);
	int (*utilization)(void *dev, struct nvml_utilization *u);
	const char *(*error)(int ret);
};

static const struct gpu_sym syms[] = {
	{ "nvmlInit_v2", offsetof(struct nvml_api, init), 0 },
	{ "nvmlShutdown", offsetof(struct nvml_api, shutdown), 0 },
	{ "nvmlDeviceGetCount_v2", offsetof(struct nvml_api, count), 0 },
	{ "nvmlDeviceGetHandleByIndex_v2", offsetof(struct nvml_api, handle), 0 },
	{ "nvmlDeviceGetName", offsetof(struct nvml_api, name), 0 },
	{ "nvmlDeviceGetPowerUsage", offsetof(struct nvml_api, power), 0 },
	{ "nvmlDeviceGetTotalEnergyConsumption", offsetof(struct nvml_api, energy), 0 },
	{ "nvmlDeviceGetTemperature", offsetof(struct nvml_api, temperature), 0 },
	{ "nvmlDeviceGetMemoryInfo", offsetof(struct nvml_api, memory), 0 },
	{ "nvmlDeviceGetUtilizationRates", offsetof(struct nvml_api, utilization), 0 },
	{ "nvmlErrorString", offsetof(struct nvml_api, error), 0 },
};

struct nvml {
	void *lib;
	struct nvml_api api;
	unsigned n;
	struct gpu_dev gpu[];
};

static const char *errstr(const void *a, int ret)
{
	const struct nvml_api *api = a;
	const char *s = api->error(ret);

	return s ? s : "unknown error";
}

/* Reading @r of @g into @v; NVML's return code. */
static int read_one(const void *a, const struct gpu_dev *g, enum gpu_reading r,
		    struct gpu_value *v)
{
	const struct nvml_api *api = a;
	struct nvml_memory m;
	struct nvml_utilization u;
	unsigned long long mj = 0;
	unsigned int x = 0;
	int ret;

	switch (r) {
	case GPU_POWER:
		ret = api->power(g->dev, &x);
		v->gauge[0] = (double)x / 1e3;
		return ret;
	case GPU_ENERGY:
		/* 64 bits since the driver was loaded: no wrap. */
		ret = api->energy(g->dev, &mj);
		v->count = mj;
		return ret;
	case GPU_TEMPERATURE:
		ret = api->temperature(g->dev, NVML_TEMPERATURE_GPU, &x);
		v->gauge[0] = (double)x;
		return ret;
	case GPU_MEMORY:
		memset(&m, 0, sizeof(m));
		ret = api->memory(g->dev, &m);
		v->gauge[0] = (double)m.used;
		v->gauge[1] = (double)m.total;
		return ret;
	case GPU_UTILIZATION:
		memset(&u, 0, sizeof(u));
		ret = api->utilization(g->dev, &u);
		v->gauge[0] = (double)u.gpu;
		return ret;
	default:
		return NVML_ERROR_NOT_SUPPORTED;
	}
}

/* The -errno a reading failing with NVML's @ret is counted as. */
static int err_of(int ret)
{
	switch (ret) {
	case 4: return -EACCES;		/* NVML_ERROR_NO_PERMISSION */
	case 10: return -ETIMEDOUT;	/* NVML_ERROR_TIMEOUT */
	case 15: return -ENODEV;	/* NVML_ERROR_GPU_IS_LOST */
	default: return -EIO;
	}
}

static const struct gpu_vendor vendor = {
	.name = "nvml",
	.reading_name = { "power", "energy", "temperature", "memory", "utilization" },
	.energy_unit = "mJ",
	.success = NVML_SUCCESS,
	.not_supported = NVML_ERROR_NOT_SUPPORTED,
	.read = read_one,
	.errstr = errstr,
	.err = err_of,
};

/* Find GPU @i's handle and name, label it, and find what it supports. */
static int probe_gpu(struct nvml *s, unsigned i, FILE *list)
{
	struct gpu_dev *g = &s->gpu[i];
	char name[NAME_LEN + 1] = "";
	int ret;

	g->index = i;
	ret = s->api.handle(i, &g->dev);
	if (ret != NVML_SUCCESS) {
		if (list)
			fprintf(list, "nvml: gpu %u: nvmlDeviceGetHandleByIndex_v2: %s\n", i,
				errstr(&s->api, ret));
		return -ENODEV;
	}
	if (s->api.name(g->dev, name, NAME_LEN) != NVML_SUCCESS)
		name[0] = '\0';
	name[NAME_LEN] = '\0';
	return gpu_probe_dev(&vendor, &s->api, g, name, list);
}

static void nvml_fini(void *state)
{
	struct nvml *s = state;

	if (!s)
		return;
	s->api.shutdown();
	dlclose(s->lib);
	free(s);
}

static int nvml_probe(void **state, const struct pw_env *e, FILE *list)
{
	struct nvml_api api;
	struct nvml *s;
	unsigned int n = 0;
	void *lib;
	int ret;

	lib = gpu_load("nvml", libnames, 1, syms, sizeof(syms) / sizeof(syms[0]), &api,
		       sizeof(api), list);
	if (!lib)
		return -errno;
	ret = api.init();
	if (ret != NVML_SUCCESS) {
		if (list)
			fprintf(list, "nvml: nvmlInit_v2: %s\n", errstr(&api, ret));
		dlclose(lib);
		return -ENODEV;
	}
	ret = api.count(&n);
	if (ret != NVML_SUCCESS || n == 0) {
		if (list)
			fprintf(list, "nvml: no GPU: %s\n",
				ret != NVML_SUCCESS ? errstr(&api, ret) : "none found");
		goto err_shutdown;
	}
	/* A count no machine has is a broken library, not a reason to allocate. */
	if (n > 1024) {
		if (list)
			fprintf(list, "nvml: nvmlDeviceGetCount_v2: %u GPUs: not believed\n", n);
		goto err_shutdown;
	}
	s = calloc(1, sizeof(*s) + n * sizeof(s->gpu[0]));
	if (!s) {
		api.shutdown();
		dlclose(lib);
		return -ENOMEM;
	}
	s->lib = lib;
	s->api = api;
	for (unsigned i = 0; i < n; i++)
		if (!probe_gpu(s, i, list))
			s->gpu[s->n++] = s->gpu[i];
	if (!s->n) {
		nvml_fini(s);
		return -ENODEV;
	}
	*state = s;
	return 0;

err_shutdown:
	api.shutdown();
	dlclose(lib);
	return -ENODEV;
}

static int nvml_sample(void *state, struct pw_sink *k)
{
	struct nvml *s = state;

	return gpu_sample(&vendor, &s->api, s->gpu, s->n, k);
}

const struct pw_collector pw_nvml = {
	.name = "nvml",
	.probe = nvml_probe,
	.sample = nvml_sample,
	.fini = nvml_fini,
};
