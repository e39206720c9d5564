/* SPDX-License-Identifier: MIT */
/*
 * prom_fixture - write a ring with the series a test describes, through
 * libshmtel, then exit (the agent is dead) or --hold it alive.
 *
 *   prom_fixture --dir DIR --name NAME [--source-pid PID] [--gone]
 *                [--capacity N] [--lanes N] [--hold] < SPEC
 *
 * SPEC: one series per line, tab-separated:
 *   KIND TYPE CATEGORY UNIT NAME LABELS VALUES [BOUNDS]
 * KIND counter|gauge|histogram, TYPE u64|i64|f64, CATEGORY as in NIXL
 * (TRANSFER, ...), UNIT, LABELS ('k="v",...' as shmtel_series_get takes
 * them), VALUES and BOUNDS (comma-separated) may be "-" for none.
 * In UNIT, NAME and LABELS, \xNN stands for any byte (a tab, a newline).
 * With --hold it prints "ready" once the ring is complete and waits for
 * SIGTERM.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "common/fmt.h"
#include "shmtel.h"

#define MAX_FIELDS 8

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decode \xNN in place. */
static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'x' && hex(s[2]) >= 0 && hex(s[3]) >= 0) {
			*o++ = (char)(hex(s[2]) * 16 + hex(s[3]));
			s += 3;
		} else {
			*o++ = *s;
		}
	}
	*o = 0;
}

static int parse_kind(const char *s)
{
	return !strcmp(s, "counter") ? SHMTEL_COUNTER : !strcmp(s, "gauge") ? SHMTEL_GAUGE :
	       !strcmp(s, "histogram") ? SHMTEL_HISTOGRAM : -1;
}

static int parse_type(const char *s)
{
	return !strcmp(s, "u64") ? SHMTEL_U64 : !strcmp(s, "i64") ? SHMTEL_I64 :
	       !strcmp(s, "f64") ? SHMTEL_F64 : -1;
}

static void emit(struct shmtel_series *s, int type, const char *v)
{
	if (type == SHMTEL_U64)
		shmtel_emit(s, strtoull(v, NULL, 10));
	else if (type == SHMTEL_I64)
		shmtel_emit_i64(s, strtoll(v, NULL, 10));
	else
		shmtel_emit_f64(s, strtod(v, NULL));
}

static int line(struct shmtel_agent *a, char *buf, unsigned no)
{
	char *f[MAX_FIELDS], *save, *v;
	double bounds[SHMTEL_MAX_BOUNDS];
	struct shmtel_series_desc d = { 0 };
	struct shmtel_series *s;
	int n = 0, type, ret;

	buf[strcspn(buf, "\n")] = 0;
	if (!buf[0] || buf[0] == '#')
		return 0;
	for (char *p = buf; n < MAX_FIELDS; p = NULL) {
		if (!(f[n] = strtok_r(p, "\t", &save)))
			break;
		n++;
	}
	if (n < 7 || parse_kind(f[0]) < 0 || (type = parse_type(f[1])) < 0 ||
	    parse_category(f[2]) < 0) {
		fprintf(stderr, "prom_fixture: spec line %u: bad fields\n", no);
		return -EINVAL;
	}
	for (int i = 3; i < 6; i++)
		unescape(f[i]);
	d.kind = (enum shmtel_kind)parse_kind(f[0]);
	d.type = (enum shmtel_type)type;
	d.category = (enum shmtel_category)parse_category(f[2]);
	d.unit = strcmp(f[3], "-") ? f[3] : NULL;
	d.name = f[4];
	d.labels = strcmp(f[5], "-") ? f[5] : NULL;
	if (n > 7 && strcmp(f[7], "-")) {
		for (v = strtok_r(f[7], ",", &save); v && d.nbounds < SHMTEL_MAX_BOUNDS;
		     v = strtok_r(NULL, ",", &save))
			bounds[d.nbounds++] = strtod(v, NULL);
		d.bounds = bounds;
	}
	ret = shmtel_series_get(a, &d, &s);
	if (ret) {
		fprintf(stderr, "prom_fixture: spec line %u: series: %s\n", no, strerror(-ret));
		return ret;
	}
	if (strcmp(f[6], "-"))
		for (v = strtok_r(f[6], ",", &save); v; v = strtok_r(NULL, ",", &save))
			emit(s, type, v);
	return 0;
}

static void on_term(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dir", required_argument, NULL, 'd' }, { "name", required_argument, NULL, 'n' },
		{ "source-pid", required_argument, NULL, 'p' }, { "gone", no_argument, NULL, 'g' },
		{ "capacity", required_argument, NULL, 'c' }, { "lanes", required_argument, NULL, 'l' },
		{ "hold", no_argument, NULL, 'H' }, { 0 },
	};
	struct shmtel_config cfg = { 0 };
	struct shmtel_agent *a;
	int gone = 0, hold = 0, ch, ret;
	unsigned no = 0;
	char buf[8192];

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': cfg.dir = optarg; break;
		case 'n': cfg.name = optarg; break;
		case 'p': cfg.source_pid = atoi(optarg); break;
		case 'g': gone = 1; break;
		case 'c': cfg.capacity = (uint32_t)atoi(optarg); break;
		case 'l': cfg.lanes = (uint32_t)atoi(optarg); break;
		case 'H': hold = 1; break;
		default: return 2;
		}
	}
	if (!cfg.dir || !cfg.name) {
		fprintf(stderr, "prom_fixture: --dir and --name are required\n");
		return 2;
	}
	ret = shmtel_agent_open(&cfg, &a);
	if (ret) {
		fprintf(stderr, "prom_fixture: open %s/%s: %s\n", cfg.dir, cfg.name, strerror(-ret));
		return 1;
	}
	while (fgets(buf, sizeof(buf), stdin))
		if (line(a, buf, ++no))
			return 1;
	if (gone)
		shmtel_agent_set_gone(a, 1);
	if (hold) {
		sigset_t set;
		int sig;

		/* Wait for SIGTERM synchronously: nothing runs in a handler. */
		signal(SIGTERM, on_term);
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigprocmask(SIG_BLOCK, &set, NULL);
		printf("ready\n");
		fflush(stdout);
		sigwait(&set, &sig);
	}
	shmtel_agent_close(a);
	return 0;
}
