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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/esc.h"
#include "pw.h"
#include "sysval.h"

#define LIBNAME "libnvidia-ml.so.1"
#define NVML_SUCCESS 0
#define NVML_ERROR_NOT_SUPPORTED 3
#define NVML_TEMPERATURE_GPU 0
#define NAME_LEN 96		/* NVML_DEVICE_NAME_V2_BUFFER_SIZE */
#define LABELS_LEN 512

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

/* dlsym() returns a void *; POSIX guarantees it converts to a function pointer. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers fit a void *");

static const struct {
	const char *name;
	size_t off;
} syms[] = {
	{ "nvmlInit_v2", offsetof(struct nvml_api, init) },
	{ "nvmlShutdown", offsetof(struct nvml_api, shutdown) },
	{ "nvmlDeviceGetCount_v2", offsetof(struct nvml_api, count) },
	{ "nvmlDeviceGetHandleByIndex_v2", offsetof(struct nvml_api, handle) },
	{ "nvmlDeviceGetName", offsetof(struct nvml_api, name) },
	{ "nvmlDeviceGetPowerUsage", offsetof(struct nvml_api, power) },
	{ "nvmlDeviceGetTotalEnergyConsumption", offsetof(struct nvml_api, energy) },
	{ "nvmlDeviceGetTemperature", offsetof(struct nvml_api, temperature) },
	{ "nvmlDeviceGetMemoryInfo", offsetof(struct nvml_api, memory) },
	{ "nvmlDeviceGetUtilizationRates", offsetof(struct nvml_api, utilization) },
	{ "nvmlErrorString", offsetof(struct nvml_api, error) },
};

enum reading { R_POWER, R_ENERGY, R_TEMPERATURE, R_MEMORY, R_UTILIZATION, NREADINGS };

static const char *const reading_name[NREADINGS] = {
	"power", "energy", "temperature", "memory", "utilization",
};

struct gpu {
	void *dev;
	unsigned index;			/* NVML's */
	char labels[LABELS_LEN];
	unsigned skip;			/* bit per reading: not supported */
	struct pw_warn warn[NREADINGS];
};

struct nvml {
	void *lib;
	struct nvml_api api;
	unsigned n;
	struct gpu gpu[];
};

static const char *errstr(const struct nvml_api *api, int ret)
{
	const char *s = api->error(ret);

	return s ? s : "unknown error";
}

/* Reading @r of @g into @v (memory: used, total); NVML's return code. */
static int read_one(const struct nvml_api *api, struct gpu *g, enum reading r,
		    unsigned long long v[3])
{
	struct nvml_memory m;
	struct nvml_utilization u;
	unsigned int x = 0;
	int ret;

	switch (r) {
	case R_POWER:
		ret = api->power(g->dev, &x);
		v[0] = x;
		return ret;
	case R_ENERGY:
		return api->energy(g->dev, &v[0]);
	case R_TEMPERATURE:
		ret = api->temperature(g->dev, NVML_TEMPERATURE_GPU, &x);
		v[0] = x;
		return ret;
	case R_MEMORY:
		memset(&m, 0, sizeof(m));
		ret = api->memory(g->dev, &m);
		v[0] = m.used;
		v[1] = m.total;
		return ret;
	case R_UTILIZATION:
		memset(&u, 0, sizeof(u));
		ret = api->utilization(g->dev, &u);
		v[0] = u.gpu;
		return ret;
	default:
		return NVML_ERROR_NOT_SUPPORTED;
	}
}

/* The library, every function resolved, or NULL after one line to @list
 * and errno ENOENT (no library) or EOPNOTSUPP (a function missing). */
static void *load(struct nvml_api *api, FILE *list)
{
	const char *why;
	void *lib = dlopen(LIBNAME, RTLD_NOW | RTLD_LOCAL);
	char esc[1024];

	if (!lib) {
		why = dlerror();
		if (list && (!why || strstr(why, "No such file"))) {
			fprintf(list, "nvml: %s not found\n", LIBNAME);
		} else if (list) {
			esc_term(esc, sizeof(esc), why);
			fprintf(list, "nvml: %s cannot be loaded: %s\n", LIBNAME, esc);
		}
		errno = ENOENT;
		return NULL;
	}
	for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		void *p = dlsym(lib, syms[i].name);

		if (!p) {
			if (list)
				fprintf(list, "nvml: %s has no %s: unsupported\n", LIBNAME,
					syms[i].name);
			dlclose(lib);
			errno = EOPNOTSUPP;
			return NULL;
		}
		memcpy((char *)api + syms[i].off, &p, sizeof(p));
	}
	return lib;
}

/* Find GPU @i's handle and name, label it, and find what it supports. */
static int probe_gpu(struct nvml *s, unsigned i, FILE *list)
{
	struct gpu *g = &s->gpu[i];
	char name[NAME_LEN + 1] = "", idx[16], esc[4 * NAME_LEN + 1];
	unsigned long long v[3];
	size_t off;
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
	snprintf(idx, sizeof(idx), "%u", i);
	off = pw_label(g->labels, sizeof(g->labels), 0, "source", "nvml");
	off = pw_label(g->labels, sizeof(g->labels), off, "gpu", idx);
	if (name[0])
		off = pw_label(g->labels, sizeof(g->labels), off, "name", name);
	if (off >= sizeof(g->labels))
		return -ENAMETOOLONG;
	esc_term(esc, sizeof(esc), name);
	if (list)
		fprintf(list, "nvml: gpu %u: %s: found\n", i, name[0] ? esc : "(no name)");
	for (int r = 0; r < NREADINGS; r++) {
		ret = read_one(&s->api, g, (enum reading)r, v);
		if (ret == NVML_ERROR_NOT_SUPPORTED)
			g->skip |= 1u << r;
		if (ret != NVML_SUCCESS && list)
			fprintf(list, "nvml: gpu %u: %s: %s\n", i, reading_name[r],
				ret == NVML_ERROR_NOT_SUPPORTED ? "unsupported"
								: errstr(&s->api, ret));
	}
	return 0;
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

	lib = load(&api, list);
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

/* Hand one reading @r of @g to @k. */
static void put(struct gpu *g, enum reading r, const unsigned long long v[3], struct pw_sink *k)
{
	char key[LABELS_LEN + 8];
	uint64_t dt;

	switch (r) {
	case R_POWER:
		pw_gauge(k, "power", g->labels, "W", (double)v[0] / 1e3);
		break;
	case R_ENERGY:
		/*
		 * NVML counts since the driver was loaded, in 64 bits (no wrap).
		 * The first reading counts whole, so the counter is NVML's total;
		 * the deltas are remembered by GPU across probes (see
		 * pw_energy_delta), and a total that went back is a reload.
		 */
		snprintf(key, sizeof(key), "nvml %s", g->labels);
		pw_count(k, "energy", g->labels, "mJ", pw_energy_delta(key, v[0], 0, &dt));
		break;
	case R_TEMPERATURE:
		pw_gauge(k, "temperature", g->labels, "celsius", (double)v[0]);
		break;
	case R_MEMORY:
		pw_gauge(k, "memory_used", g->labels, "bytes", (double)v[0]);
		pw_gauge(k, "memory_total", g->labels, "bytes", (double)v[1]);
		break;
	case R_UTILIZATION:
		pw_gauge(k, "gpu_utilization", g->labels, "percent", (double)v[0]);
		break;
	default:
		break;
	}
}

/* Count and warn about reading @r of @g failing with NVML's @ret. */
static void skip(const struct nvml *s, struct gpu *g, enum reading r, int ret)
{
	char what[256];
	int err;

	switch (ret) {
	case 4: err = -EACCES; break;		/* NVML_ERROR_NO_PERMISSION */
	case 10: err = -ETIMEDOUT; break;	/* NVML_ERROR_TIMEOUT */
	case 15: err = -ENODEV; break;		/* NVML_ERROR_GPU_IS_LOST */
	default: err = -EIO; break;
	}
	snprintf(what, sizeof(what), "nvml: gpu %u: %s: %s", g->index, reading_name[r],
		 errstr(&s->api, ret));
	pw_skip(&g->warn[r], what, err);
}

static int nvml_sample(void *state, struct pw_sink *k)
{
	struct nvml *s = state;
	unsigned long long v[3];
	unsigned tried = 0, got = 0;
	int ret;

	for (unsigned i = 0; i < s->n; i++) {
		struct gpu *g = &s->gpu[i];

		for (int r = 0; r < NREADINGS; r++) {
			if (g->skip & (1u << r))
				continue;
			tried++;
			ret = read_one(&s->api, g, (enum reading)r, v);
			if (ret == NVML_SUCCESS) {
				put(g, (enum reading)r, v, k);
				got++;
			} else if (ret == NVML_ERROR_NOT_SUPPORTED) {
				g->skip |= 1u << r;
			} else {
				skip(s, g, (enum reading)r, ret);
				continue;
			}
			pw_ok(&g->warn[r]);
		}
	}
	return tried && !got ? -EIO : 0;
}

const struct pw_collector pw_nvml = {
	.name = "nvml",
	.probe = nvml_probe,
	.sample = nvml_sample,
	.fini = nvml_fini,
};
