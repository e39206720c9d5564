/* SPDX-License-Identifier: MIT */
/*
 * telemetry_prom - every ring of a node in the Prometheus text format,
 * for node_exporter's textfile collector: one file per node, written from
 * cron (or --loop), instead of one HTTP port per process.
 *
 * Each run reads every ring once, turns the series' exact aggregates into
 * samples (prom_ring.c, prom_agent.c), and prints them as one valid
 * exposition (prom_out.c), to stdout or atomically into a file
 * (prom_file.c).  A ring that cannot be read is reported and skipped (the
 * unreadable files of a directory in one line), a file that is not a ring
 * only counted (the directory may be /tmp); a run fails (non-zero, one
 * line on stderr, the file untouched) only when the output cannot be
 * produced: a directory cannot be read, or the file cannot be written.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "common/cli.h"
#include "common/esc.h"
#include "common/fmt.h"
#include "nixl/nixl_env.h"
#include "prom_compat.h"
#include "prom_file.h"
#include "prom_gc.h"
#include "prom_names.h"
#include "prom_opts.h"
#include "prom_ring.h"
#include "common/scan.h"

#define PROG "telemetry_prom"
#define MAX_WARN 20

/* Exit statuses (a usage error is CLI_EX_USAGE), and RUN: the command line asks for an export. */
enum { EX_OK = 0, EX_ERR = 1, RUN = -1 };

struct opts {
	const char *output;
	char **metrics, **exclude;
	int gc, loop, quiet;
	uint64_t gc_age_ns, loop_ns;
	char hostname[256];		/* the hostname label, with -H */
	int with_hostname;
	char this_host[256];		/* NIXL's hostname label without -H */
	char **inputs;			/* directories and ring files */
	int ninputs;
	char *default_dir[1];		/* inputs when the command line has none */
};

/* One run's state. */
struct run {
	const struct opts *op;
	const struct prom_cfg *c;
	struct pout *o;
	struct prom_agent *a;
	uint64_t now_ns;
	unsigned rings, errors, removed, warnings;
	unsigned skipped;		/* files in a directory that are not rings */
	unsigned unreadable;		/* files of the current directory we may not read */
	int unreadable_err;
	char first_unreadable[256];
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " [OPTIONS] [DIR|FILE...]\n"
		"Print the telemetry of every ring in DIR (default $NIXL_TELEMETRY_DIR) in the\n"
		"Prometheus text format, for node_exporter's textfile collector.\n\n"
		"  -o, --output FILE      write FILE atomically instead of stdout\n"
		"      --prefix P         prefix of the default names (default shmtel_)\n"
		"      --compat LIST      also NIXL's and/or Hailo's own names: nixl,hailo\n"
		"      --metrics GLOB,... only series whose name matches a GLOB\n"
		"      --exclude GLOB,... no series whose name matches a GLOB\n"
		"  -H, --hostname[=NAME]  add a hostname label (default: this host's name)\n"
		"      --gc AGE           remove rings whose writer died more than AGE ago\n"
		"                         (AGE: 90, 90s, 15m, 2h, 7d)\n"
		"      --loop INTERVAL    rewrite FILE every INTERVAL until killed (needs -o)\n"
		"  -q, --quiet            no warnings about unreadable rings or dropped series\n"
		"  -h, --help             this help\n\n"
		"Exit status: 0 ok, 1 the output could not be produced, 2 usage.\n");
}

static uint64_t now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Everything a ring says is untrusted: escape it before it reaches stderr. */
static void warn(struct run *rn, const char *msg)
{
	char esc[4096];

	rn->warnings++;
	if (rn->op->quiet || rn->warnings > MAX_WARN)
		return;
	esc_term(esc, sizeof(esc), msg);
	fprintf(stderr, PROG ": %s\n", esc);
}

static void warn_cb(void *arg, const char *msg)
{
	warn(arg, msg);
}

static void ring_warn(struct run *rn, const char *path, const char *why)
{
	char msg[4096 + 256];

	snprintf(msg, sizeof(msg), "%s: %s", path, why);
	warn(rn, msg);
}

static int one_ring(const char *path, const char *name, void *arg)
{
	struct run *rn = arg;
	struct prom_ring_info info;
	struct ring *r;
	char why[256];
	int ret;

	/* One ring at a time: its descriptor is kept for ring_alive(). */
	ret = ring_open_keep(path, &r, why, sizeof(why));
	if (ret) {
		if (ret == -ENOENT)
			return 0;	/* gone since the scan */
		/*
		 * Another program's file (the directory may be /tmp): counted
		 * in export_skipped_files, not warned about.
		 */
		if (name && ret == -ENOTRING) {
			rn->skipped++;
			return 0;
		}
		rn->errors++;
		/* Whose it is cannot be told: one line for the directory (in run_once), not one each. */
		if (name && (ret == -EACCES || ret == -EPERM)) {
			if (!rn->unreadable++)
				snprintf(rn->first_unreadable, sizeof(rn->first_unreadable), "%s", name);
			rn->unreadable_err = -ret;
			return 0;
		}
		ring_warn(rn, path, why);
		return 0;
	}
	if (rn->op->gc && ring_alive(r) == 0) {
		prom_ring_scan(r, &info);
		ret = prom_gc(path, r, &info, rn->op->gc_age_ns, rn->now_ns, why, sizeof(why));
		if (ret < 0) {
			snprintf(why + strlen(why), sizeof(why) - strlen(why), ": %s", strerror(-ret));
			warn(rn, why);
		}
		if (ret > 0) {
			rn->removed++;
			ring_close(r);
			return 0;
		}
	}
	prom_ring_export(rn->o, rn->c, rn->a, r, &info);
	rn->rings++;
	ring_close(r);
	return 0;
}

static struct pout_fam *self_family(struct run *rn, const char *name, const char *help)
{
	char full[256];

	snprintf(full, sizeof(full), "%s%s", rn->c->meta_prefix, name);
	return pout_family(rn->o, full, POUT_GAUGE, POUT_META, help);
}

static void self_sample(struct run *rn, struct pout_fam *f, unsigned long long v)
{
	struct pn_label h = { "hostname", rn->op->hostname };
	char val[32], labels[1024];

	snprintf(val, sizeof(val), "%llu", v);
	if (pn_labels(labels, sizeof(labels), &h, rn->op->with_hostname, NULL) < 0)
		labels[0] = 0;
	pout_sample(rn->o, f, labels, val);
}

/* The files of  that could not be read, in one warning. */
static void unreadable_summary(struct run *rn, const char *dir)
{
	char msg[4096 + 512];

	if (!rn->unreadable)
		return;
	if (rn->unreadable == 1)
		snprintf(msg, sizeof(msg), "%s/%s: %s", dir, rn->first_unreadable,
			 strerror(rn->unreadable_err));
	else
		snprintf(msg, sizeof(msg), "%s: %u files not readable (%s): %s and %u more", dir,
			 rn->unreadable, strerror(rn->unreadable_err), rn->first_unreadable,
			 rn->unreadable - 1);
	warn(rn, msg);
	rn->unreadable = 0;
}

/* One export.  0, or EX_ERR after printing why. */
static int run_once(const struct opts *op, const struct prom_cfg *c, char **inputs, int ninputs)
{
	struct run rn = { .op = op, .c = c, .now_ns = now_ns(CLOCK_REALTIME) };
	struct pout_fam *f;
	char why[4096 + 64];
	int ret = 0;

	rn.o = pout_new(warn_cb, &rn);
	rn.a = prom_agent_new();
	if (!rn.o || !rn.a) {
		fprintf(stderr, PROG ": %s\n", strerror(ENOMEM));
		ret = EX_ERR;
		goto out;
	}
	for (int i = 0; i < ninputs && !ret; i++) {
		struct stat st;
		int n;

		if (!stat(inputs[i], &st) && !S_ISDIR(st.st_mode)) {
			one_ring(inputs[i], NULL, &rn);
			continue;
		}
		n = scan_dir(inputs[i], one_ring, &rn);
		if (n < 0) {
			fprintf(stderr, PROG ": read directory %s: %s\n", inputs[i], strerror(-n));
			ret = EX_ERR;
		}
		unreadable_summary(&rn, inputs[i]);
	}
	if (ret)
		goto out;
	self_sample(&rn, self_family(&rn, "export_rings", "Ring files exported by this run"),
		    rn.rings);
	self_sample(&rn, self_family(&rn, "export_errors",
				     "Ring files this run could not read "
				     "(corrupt, unsupported or unreadable)"), rn.errors);
	self_sample(&rn, self_family(&rn, "export_removed_rings",
				     "Ring files of long-dead writers this run removed (--gc)"),
		    rn.removed);
	self_sample(&rn, self_family(&rn, "export_skipped_files",
				     "Files in the directories read that are not shmtel rings "
				     "(other programs' files, NIXL's own rings), skipped"), rn.skipped);
	/* Family first: making it may itself drop a family that clashes. */
	f = self_family(&rn, "export_dropped_samples",
			"Samples this run dropped because their name or labels clashed with others");
	self_sample(&rn, f, pout_dropped(rn.o));
	if (rn.warnings > MAX_WARN && !op->quiet)
		fprintf(stderr, PROG ": %u more warnings\n", rn.warnings - MAX_WARN);
	if (op->output) {
		ret = prom_file_write(rn.o, op->output, why, sizeof(why));
		if (ret)
			fprintf(stderr, PROG ": %s: %s\n", why, strerror(-ret));
	} else {
		ret = pout_write(rn.o, STDOUT_FILENO);
		if (ret)
			fprintf(stderr, PROG ": write standard output: %s\n", strerror(-ret));
	}
	ret = ret ? EX_ERR : EX_OK;
out:
	prom_agent_free(rn.a);
	pout_free(rn.o);
	return ret;
}

static void on_signal(int sig)
{
	/* Never leave a half-written temporary file behind. */
	prom_file_abort();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void sleep_until(uint64_t deadline)
{
	for (;;) {
		uint64_t now = now_ns(CLOCK_MONOTONIC);
		struct timespec d;

		if (now >= deadline)
			return;
		d.tv_sec = (time_t)((deadline - now) / 1000000000u);
		d.tv_nsec = (long)((deadline - now) % 1000000000u);
		nanosleep(&d, NULL);
	}
}

static int valid_prefix(const char *p)
{
	for (size_t i = 0; p[i]; i++) {
		char c = p[i];

		if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (i && c >= '0' && c <= '9')))
			return 0;
	}
	return strlen(p) < 128;
}

static int parse_compat(struct prom_cfg *c, const char *s)
{
	char **items = NULL;
	int ret = 0;

	if (prom_list_add(&items, s))
		return -1;
	for (size_t i = 0; items[i] && !ret; i++) {
		int k;

		for (k = 0; k < PROM_NCOMPAT && strcmp(items[i], prom_compats[k]->name); k++)
			;
		if (k == PROM_NCOMPAT)
			ret = -1;
		else
			c->compat |= 1u << k;
	}
	prom_list_free(items);
	return ret;
}

enum { O_PREFIX = 256, O_COMPAT, O_METRICS, O_EXCLUDE, O_GC, O_LOOP };

/* The loop rewrites and fsyncs a file each time: faster than this is a mistake. */
#define MIN_LOOP_NS 1000000ull

static int bad_value(const char *opt, const char *arg, const char *allowed)
{
	return cli_bad_value(PROG, opt, arg, allowed);
}

/* One option @ch (with @arg) into @op and @c: RUN, or the exit status. */
static int parse_opt(int ch, char *arg, struct opts *op, struct prom_cfg *c)
{
	switch (ch) {
	case 'o':
		op->output = arg;
		break;
	case O_PREFIX:
		if (!valid_prefix(arg))
			return bad_value("--prefix", arg, "letters, digits and '_', not starting "
					 "with a digit, at most 127");
		c->prefix = arg;
		break;
	case O_COMPAT:
		if (parse_compat(c, arg))
			return bad_value("--compat", arg, "nixl, hailo or nixl,hailo");
		break;
	case O_METRICS:
	case O_EXCLUDE:
		if (prom_list_add(ch == O_METRICS ? &op->metrics : &op->exclude, arg)) {
			fprintf(stderr, PROG ": %s\n", strerror(ENOMEM));
			return EX_ERR;
		}
		break;
	case 'H':
		op->with_hostname = 1;
		if (arg)
			snprintf(op->hostname, sizeof(op->hostname), "%s", arg);
		break;
	case O_GC:
		if (prom_duration(arg, &op->gc_age_ns))
			return bad_value("--gc", arg, "0..366d: seconds, or 90s, 15m, 2h, 7d");
		op->gc = 1;
		break;
	case O_LOOP:
		if (prom_duration(arg, &op->loop_ns) || op->loop_ns < MIN_LOOP_NS)
			return bad_value("--loop", arg, "1ms..366d: seconds, or 500ms, 15s, 1m, 2h");
		op->loop = 1;
		break;
	case 'q':
		op->quiet = 1;
		break;
	case 'h':
		usage(stdout);
		return EX_OK;
	}
	return RUN;
}

/*
 * The command line into @op and @c (options, then the inputs): RUN, or
 * the exit status when there is nothing to run (help, a usage error).
 */
static int parse_args(int argc, char **argv, struct opts *op, struct prom_cfg *c)
{
	static const struct option lopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "prefix", required_argument, NULL, O_PREFIX },
		{ "compat", required_argument, NULL, O_COMPAT },
		{ "metrics", required_argument, NULL, O_METRICS },
		{ "exclude", required_argument, NULL, O_EXCLUDE },
		{ "hostname", optional_argument, NULL, 'H' },
		{ "gc", required_argument, NULL, O_GC },
		{ "loop", required_argument, NULL, O_LOOP },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int ch, ret;

	opterr = 0;	/* cli_getopt_error() says it, in the one style */
	while ((ch = getopt_long(argc, argv, ":o:H::qh", lopts, NULL)) != -1) {
		if (ch == '?' || ch == ':')
			return cli_getopt_error(PROG, ch, argv);
		if ((ret = parse_opt(ch, optarg, op, c)) != RUN)
			return ret;
	}
	if (op->loop && !op->output)
		return cli_usage_error(PROG, "--loop needs -o FILE");
	op->inputs = argv + optind;
	op->ninputs = argc - optind;
	if (!op->ninputs) {
		op->default_dir[0] = (char *)scan_default_dir();
		if (!op->default_dir[0])
			return cli_usage_error(PROG, "no directory given and NIXL_TELEMETRY_DIR is not set");
		op->inputs = op->default_dir;
		op->ninputs = 1;
	}
	return RUN;
}

/* What follows from the options: hostname labels, prefixes, the selection. */
static void configure(struct opts *op, struct prom_cfg *c)
{
	if (gethostname(op->this_host, sizeof(op->this_host) - 1))
		snprintf(op->this_host, sizeof(op->this_host), "unknown");
	if (op->with_hostname && !op->hostname[0])
		snprintf(op->hostname, sizeof(op->hostname), "%s", op->this_host);
	c->hostname = op->with_hostname ? op->hostname : NULL;
	/* NIXL's exporter always labels hostname: its dashboards may rely on it. */
	c->compat_host = op->with_hostname ? op->hostname : op->this_host;
	/* A bare "up" would clash with Prometheus' own: agent families keep a prefix. */
	c->meta_prefix = *c->prefix ? c->prefix : "shmtel_";
	c->metrics = (const char *const *)op->metrics;
	c->exclude = (const char *const *)op->exclude;
}

int main(int argc, char **argv)
{
	struct prom_cfg c = { .prefix = "shmtel_" };
	struct nixl_time_bounds nb;
	struct opts op = { 0 };
	char why[512];
	int ret;

	ret = parse_args(argc, argv, &op, &c);
	if (ret != RUN)
		return ret;
	configure(&op, &c);
	/* As NIXL's exporter: its environment sets the bounds of an empty histogram. */
	if (nixl_env_time_bounds(&nb, why, sizeof(why))) {
		fprintf(stderr, PROG ": %s\n", why);
		prom_list_free(op.metrics);
		prom_list_free(op.exclude);
		return EX_ERR;
	}
	c.nixl_bounds = nb.us;
	c.nixl_nbounds = nb.n;

	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGHUP, on_signal);
	/* Past a file size limit, fail the write (and clean up) instead of dying. */
	signal(SIGXFSZ, SIG_IGN);

	for (;;) {
		uint64_t start = now_ns(CLOCK_MONOTONIC);

		ret = run_once(&op, &c, op.inputs, op.ninputs);
		if (!op.loop)
			break;
		/* A service keeps going: the error is logged, the next run may work. */
		fflush(stderr);
		sleep_until(start + op.loop_ns);
	}
	prom_list_free(op.metrics);
	prom_list_free(op.exclude);
	return ret;
}
