/* pw.h - the telemetry_power collector interface.
 *
 * Each collector finds its sensors in probe() and hands every reading to
 * the sink in sample(); the sink (power/sink.c) owns the ring. */
#ifndef PW_H
#define PW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct pw_sink;                 /* the ring the readings go to (power/sink.c) */
struct pw_env {                 /* where a collector looks */
	const char *sysfs;          /* --sysfs, default "/sys" */
	const char *procfs;         /* --procfs, default "/proc" */
	const char *tegrastats;     /* --tegrastats CMD, default NULL: "tegrastats" on PATH */
	unsigned interval_ms;       /* --interval */
};
/* pw_label: append key="value" (value escaped as shmtel_series_get's
 * label grammar needs; comma-separated) to @buf of @len at offset @off;
 * returns the new offset, or @len when it did not fit. */
size_t pw_label(char *buf, size_t len, size_t off, const char *key, const char *value);
/* pw_gauge: the value now of the gauge series @name{@labels} in @unit. */
void pw_gauge(struct pw_sink *k, const char *name, const char *labels, const char *unit, double v);
/* pw_count: add @delta (an integer count of @unit: "uJ", "mJ") to the counter @name{@labels}. */
void pw_count(struct pw_sink *k, const char *name, const char *labels, const char *unit, uint64_t delta);
struct pw_collector {
	const char *name;     /* "rapl", "hwmon", "thermal", "host", "tegrastats", "nvml", "amdsmi" */
	/* probe: find the sensors.  Writes one line per thing found or not found
	 * (and why: missing, permission, unsupported) to @list when @list is not NULL.
	 * Returns 0 and *@state when available, -errno when not. */
	int (*probe)(void **state, const struct pw_env *e, FILE *list);
	/* sample: read every sensor once and hand each reading to @k.  0, or -errno
	 * (the sample is skipped; the collector stays). */
	int (*sample)(void *state, struct pw_sink *k);
	void (*fini)(void *state);
};
extern const struct pw_collector pw_rapl, pw_hwmon, pw_thermal, pw_host, pw_tegrastats, pw_nvml, pw_amdsmi;

#endif
