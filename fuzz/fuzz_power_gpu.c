/* SPDX-License-Identifier: MIT */
/*
 * fuzz_power_gpu - what the GPU collectors (power/gpu.c) do with a vendor
 * library's results, into a real sink over a real ring.
 *
 * A fake vendor's read() takes its status codes (success, unsupported,
 * any other error) and its values from the input: power, temperature,
 * memory and utilization as the libraries hand them (integers in their
 * units, or any double: NaN, infinities, negatives), energy counts that
 * go back, wrap or are huge, and device names of any bytes.  Each input
 * probes a few GPUs with gpu_probe_dev() and samples them several times
 * with gpu_sample().  Checked, besides ASan and UBSan:
 *  - every label text handed to the sink is one libshmtel accepts;
 *  - every series handed to the sink for the first time is created (the
 *    sink's count of series goes up): none is dropped silently;
 *  - the total of every energy counter never goes down: the deltas the
 *    sink is given (seen through -Wl,--wrap) never overflow its u64.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/internal.h"
#include "power/gpu.h"
#include "power/pw.h"
#include "power/sink.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void __real_pw_gauge(struct pw_sink *k, const char *name, const char *labels, const char *unit,
		     double v);
void __real_pw_count(struct pw_sink *k, const char *name, const char *labels, const char *unit,
		     uint64_t delta);
void __wrap_pw_gauge(struct pw_sink *k, const char *name, const char *labels, const char *unit,
		     double v);
void __wrap_pw_count(struct pw_sink *k, const char *name, const char *labels, const char *unit,
		     uint64_t delta);

#define SUCCESS 0
#define NOT_SUPPORTED 3
#define MAXGPU 4
#define ROUNDS 6

static struct pw_sink *sink;

/* The input, read a byte at a time; zeros once it runs out. */
static const uint8_t *in;
static size_t inlen;

static uint8_t byte(void)
{
	if (!inlen)
		return 0;
	inlen--;
	return *in++;
}

static uint64_t bytes(unsigned n)
{
	uint64_t x = 0;

	for (unsigned i = 0; i < n; i++)
		x = x << 8 | byte();
	return x;
}

static double raw_double(void)
{
	uint64_t b = bytes(8);
	double d;

	memcpy(&d, &b, sizeof(d));
	return d;
}

/* Mostly success, so samples get far; sometimes unsupported or any error. */
static int status(void)
{
	uint8_t b = byte();

	if (b < 192)
		return SUCCESS;
	if (b < 224)
		return NOT_SUPPORTED;
	return b;
}

static int fake_read(const void *api, const struct gpu_dev *g, enum gpu_reading r,
		     struct gpu_value *v)
{
	int ret = status();
	uint8_t mode = byte();
	double uj;
	float res;

	(void)api;
	(void)g;
	memset(v, 0, sizeof(*v));
	switch (r) {
	case GPU_POWER:
		/* NVML: u32 mW; AMD SMI: u64 uW; or whatever a double holds. */
		v->gauge[0] = mode % 3 == 0 ? (double)(uint32_t)bytes(4) / 1e3
			    : mode % 3 == 1 ? (double)bytes(8) / 1e6 : raw_double();
		break;
	case GPU_ENERGY:
		if (mode & 1) {
			/* AMD SMI: an accumulator times a float resolution, clamped as amdsmi.c does. */
			uint32_t rb = (uint32_t)bytes(4);

			memcpy(&res, &rb, sizeof(res));
			/* amdsmi.c tests the resolution only on success, which is
			 * UB for a failed call that left a negative one: not fed. */
			if (!(isfinite(res) && res > 0))
				return ret == SUCCESS ? NOT_SUPPORTED : ret;
			uj = (double)bytes(8) * (double)res;
			v->count = uj < 18446744073709549568.0 ? (uint64_t)uj : UINT64_MAX;
		} else {
			/* NVML: u64 mJ; small steps too, to go back and forth around a value. */
			v->count = mode & 2 ? bytes(8) : bytes(1);
		}
		break;
	case GPU_TEMPERATURE:
		v->gauge[0] = mode % 3 == 0 ? (double)(uint32_t)bytes(4)
			    : mode % 3 == 1 ? (double)(int64_t)bytes(8) / 1e3 : raw_double();
		break;
	case GPU_MEMORY:
		if (mode & 1) {
			v->gauge[0] = raw_double();
			v->gauge[1] = raw_double();
		} else {
			v->gauge[0] = (double)bytes(8);
			v->gauge[1] = (double)bytes(8);
		}
		break;
	case GPU_UTILIZATION:
		v->gauge[0] = mode & 1 ? raw_double() : (double)(uint32_t)bytes(4);
		break;
	default:
		return NOT_SUPPORTED;
	}
	return ret;
}

static const char *fake_errstr(const void *api, int ret)
{
	(void)api;
	return ret == 255 ? "" : "fake error";
}

static int fake_err(int ret)
{
	return ret & 1 ? -EIO : -ENODATA;
}

static const struct gpu_vendor fake = {
	.name = "fake",
	.reading_name = { "power", "energy", "temperature", "memory", "utilization" },
	.energy_unit = "mJ",
	.success = SUCCESS, .not_supported = NOT_SUPPORTED,
	.read = fake_read, .errstr = fake_errstr, .err = fake_err,
};

/*
 * The series seen and each energy counter's total.  The agent lives for
 * the whole run and so does pw_energy_delta's memory of each GPU, so the
 * names are drawn from a small set (see name()) and this stays small too.
 */
#define NSEEN 8192
static struct seen {
	char *key;
	size_t len;
	uint64_t total;
} seen[NSEEN];
static size_t nseen;

static struct seen *lookup(const char *name, const char *labels, int *fresh)
{
	size_t nl = strlen(name), ll = strlen(labels);
	uint64_t h = 1469598103934665603ull;
	char *key = malloc(nl + ll + 2);

	if (!key)
		abort();
	memcpy(key, name, nl + 1);
	memcpy(key + nl + 1, labels, ll + 1);
	for (size_t i = 0; i < nl + ll + 1; i++)
		h = (h ^ (unsigned char)key[i]) * 1099511628211ull;
	for (;; h++) {
		struct seen *s = &seen[h % NSEEN];

		if (!s->key) {
			/* Half full at most: the agent holds 4096 series. */
			if (++nseen > NSEEN / 2)
				abort();
			s->key = key;
			s->len = nl + ll + 2;
			*fresh = 1;
			return s;
		}
		if (s->len == nl + ll + 2 && !memcmp(s->key, key, s->len)) {
			free(key);
			*fresh = 0;
			return s;
		}
	}
}

static void check_labels(const char *labels)
{
	char enc[4096];
	size_t out;

	if (!labels || !*labels || labels_encode(labels, enc, sizeof(enc), &out))
		abort();
}

static void check_created(unsigned before, int fresh)
{
	if (pw_sink_series(sink) != before + (unsigned)fresh)
		abort();
}

void __wrap_pw_gauge(struct pw_sink *k, const char *name, const char *labels, const char *unit,
		     double v)
{
	unsigned before = pw_sink_series(k);
	int fresh;

	check_labels(labels);
	lookup(name, labels, &fresh);
	__real_pw_gauge(k, name, labels, unit, v);
	check_created(before, fresh);
}

void __wrap_pw_count(struct pw_sink *k, const char *name, const char *labels, const char *unit,
		     uint64_t delta)
{
	unsigned before = pw_sink_series(k);
	struct seen *s;
	int fresh;

	check_labels(labels);
	s = lookup(name, labels, &fresh);
	if (s->total + delta < s->total)
		abort();
	s->total += delta;
	__real_pw_count(k, name, labels, unit, delta);
	check_created(before, fresh);
}

/*
 * A device name of any bytes, from a small set: one or two of the bytes
 * label text must escape or carry as they are, or a name of the longest
 * a library gives.  fuzz_power_sysfs already feeds pw_label() every byte
 * string; here what matters is that such names reach the sink whole.
 */
static void name(char *buf)
{
	static const char sym[] = { 'a', '"', '\\', '\n', '\xff', '\x01', ' ', '=', ',', '}' };
	uint8_t b = byte();
	unsigned len = b % 4;

	if (len == 3) {
		memset(buf, sym[(b >> 2) % sizeof(sym)], GPU_NAME_MAX - 1);
		buf[GPU_NAME_MAX - 1] = 0;
		return;
	}
	for (unsigned i = 0; i < len; i++)
		buf[i] = sym[byte() % sizeof(sym)];
	buf[len] = 0;
}

static char dir[4096];

/* The ring and its directory go with the process: runs leave nothing behind. */
static void remove_ring(void)
{
	char path[sizeof(dir) + 32];

	snprintf(path, sizeof(path), "%s/fuzz_power_gpu", dir);
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/fuzz_power_gpu.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir) || pw_sink_open(dir, "fuzz_power_gpu", NULL, 1000, &sink))
		abort();
	atexit(remove_ring);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gpu_dev g[MAXGPU];
	char names[MAXGPU][GPU_NAME_MAX];
	unsigned n;

	in = data;
	inlen = size;
	memset(g, 0, sizeof(g));
	n = 1 + byte() % MAXGPU;
	for (unsigned i = 0; i < n; i++) {
		g[i].index = byte() % MAXGPU;
		name(names[i]);
		/* The labels fit: source, a small index and 127 bytes escaped to 254. */
		if (gpu_probe_dev(&fake, NULL, &g[i], names[i], NULL))
			abort();
	}
	for (int r = 0; r < ROUNDS; r++)
		gpu_sample(&fake, NULL, g, n, sink);
	return 0;
}
