/* gpu.h - what the GPU collectors (nvml.c, amdsmi.c) share: loading the
 * vendor library, labelling a GPU and the probe and sample loops over its
 * readings.  A vendor file keeps only its library's types and calls. */
#ifndef PW_GPU_H
#define PW_GPU_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "pw.h"
#include "sysval.h"

#define GPU_NAME_MAX 128	/* the longest name a vendor library gives */
#define GPU_LABELS_LEN 512

/* The readings every vendor library answers, in the order they are asked. */
enum gpu_reading { GPU_POWER, GPU_ENERGY, GPU_TEMPERATURE, GPU_MEMORY, GPU_UTILIZATION,
		   GPU_NREADINGS };

/* One reading in the units it is handed to the sink in: power W,
 * temperature celsius, memory used and total bytes, utilization percent in
 * gauge[]; energy in count (of the vendor's energy_unit, since the driver
 * was loaded). */
struct gpu_value {
	double gauge[2];
	uint64_t count;
};

struct gpu_dev {
	void *dev;			/* the library's handle, when it has one */
	unsigned index;			/* the library's */
	char labels[GPU_LABELS_LEN];
	unsigned skip;			/* bit per reading: not supported */
	struct pw_warn warn[GPU_NREADINGS];
};

/* A function of the vendor library, stored at @off of its table. */
struct gpu_sym {
	const char *name;
	size_t off;
	int optional;
};

struct gpu_vendor {
	const char *name;		/* the source label and the --list prefix */
	const char *reading_name[GPU_NREADINGS];
	const char *energy_unit;	/* of gpu_value.count: "mJ", "uJ" */
	int success, not_supported;	/* the library's status codes */
	/* read: reading @r of @g into @v; the library's status. */
	int (*read)(const void *api, const struct gpu_dev *g, enum gpu_reading r,
		    struct gpu_value *v);
	const char *(*errstr)(const void *api, int ret);
	/* err: the -errno a failing status is counted as; NULL: -EIO. */
	int (*err)(int ret);
};

/*
 * gpu_load: dlopen() the first of @libnames[@nlib] that loads and resolve
 * @syms[@nsyms] into the function table @api of @size bytes (zeroed
 * first, so an optional function missing is NULL).  Returns the
 * library, or NULL after one line to @list (when not NULL) and errno
 * ENOENT (no library) or EOPNOTSUPP (a required function missing).
 */
void *gpu_load(const char *mod, const char *const *libnames, size_t nlib,
	       const struct gpu_sym *syms, size_t nsyms, void *api, size_t size, FILE *list);

/*
 * gpu_probe_dev: label @g (its index set) with the vendor, index and
 * @name (may be ""), say it is found on @list, and find which readings it
 * supports.  0, or -ENAMETOOLONG when the labels do not fit.
 */
int gpu_probe_dev(const struct gpu_vendor *v, const void *api, struct gpu_dev *g,
		  const char *name, FILE *list);

/* gpu_sample: every supported reading of @g[@n] to @k; a failing one is
 * skipped with pw_skip.  -EIO when readings were tried and none read. */
int gpu_sample(const struct gpu_vendor *v, const void *api, struct gpu_dev *g, unsigned n,
	       struct pw_sink *k);

#endif
