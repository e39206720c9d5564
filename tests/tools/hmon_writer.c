/* SPDX-License-Identifier: MIT */
/*
 * hmon_writer - write a HailoRT scheduler-monitor file the way libhailort
 * does, for the telemetry_hailo tests.
 *
 *   hmon_writer DIR [--method new|inplace] [--pause MS] [--placeholder MS]
 *               [--streams N] [--switch-every K] [--models N] [--count N]
 *
 * The file is DIR/<pid><6 random chars>, made by mkstemp(3); its dumps come
 * every HAILO_MONITOR_TIME_INTERVAL ms (from the environment, default 1000,
 * as HailoRT reads it).
 *   new (4.22+): the name is created empty and removed again (after
 *       --placeholder MS, default 0: at once); each dump is written to
 *       NAME.tmp under flock(LOCK_EX|LOCK_NB) and renamed over NAME, so the
 *       name reappears with the first dump, one interval later.
 *   inplace (4.21-): each dump truncates NAME (fopen "w"), takes
 *       flock(LOCK_EX|LOCK_NB), then writes the message in two pieces cut at
 *       a field boundary - everything but the devices, then the devices -
 *       with --pause MS between, still holding the lock; so a reader that
 *       ignores the lock meets a half-written file that decodes cleanly.
 * A lock that cannot be taken skips that dump, as HailoRT does.
 * Dump K (from 1) holds: device 0000:01:00.0 (HAILO8) at K %, network
 * "model<M>" at K + 1 % and 30 fps, and --streams N (default 1) input
 * streams "model<M>_s<i>" with capacity 4, pending 1, min 1, max 2, avg 1.5.
 * M starts at 0 and grows every --switch-every K dumps (0: never), as a
 * process that loads another model, up to --models N - 1 (default: no end).  After --count N dumps (0: never) it
 * exits like SIGTERM: the file is removed, as on a clean HailoRT exit
 * (kill -9 leaves it, as a crash does).
 * Prints "file PATH" once, then "dump K model M" after each dump, and
 * "skipped K" for a dump whose lock was held, on stdout.
 * The message is encoded here by hand (no protobuf library), so it checks
 * the bridge's decoder against an encoder it does not share.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct pb {
	uint8_t b[1 << 16];
	size_t n;
};

static void pb_byte(struct pb *p, uint8_t c)
{
	if (p->n == sizeof(p->b)) {
		fprintf(stderr, "hmon_writer: message too large\n");
		exit(1);
	}
	p->b[p->n++] = c;
}

static void pb_varint(struct pb *p, uint64_t v)
{
	while (v >= 0x80) {
		pb_byte(p, (uint8_t)(v | 0x80));
		v >>= 7;
	}
	pb_byte(p, (uint8_t)v);
}

/* proto3 leaves zeros and empty strings out; so does this. */
static void pb_int(struct pb *p, unsigned field, int64_t v)
{
	if (!v)
		return;
	pb_varint(p, (uint64_t)field << 3);
	pb_varint(p, (uint64_t)v);	/* negative int32: ten bytes, sign-extended */
}

static void pb_double(struct pb *p, unsigned field, double d)
{
	uint64_t u;

	if (d == 0)
		return;
	memcpy(&u, &d, 8);
	pb_varint(p, (uint64_t)field << 3 | 1);
	for (int i = 0; i < 8; i++)
		pb_byte(p, (uint8_t)(u >> (8 * i)));
}

static void pb_bytes(struct pb *p, unsigned field, const void *s, size_t len)
{
	pb_varint(p, (uint64_t)field << 3 | 2);
	pb_varint(p, len);
	for (size_t i = 0; i < len; i++)
		pb_byte(p, ((const uint8_t *)s)[i]);
}

static void pb_str(struct pb *p, unsigned field, const char *s)
{
	if (*s)
		pb_bytes(p, field, s, strlen(s));
}

static void pb_msg(struct pb *p, unsigned field, const struct pb *sub)
{
	pb_bytes(p, field, sub->b, sub->n);
}

/* Dump @k of model @model: all but the devices into @main, the devices into @dev. */
static void encode(unsigned k, unsigned model, unsigned streams, struct pb *main_part,
		   struct pb *dev)
{
	static struct pb sub, nf, s;
	char name[64];

	main_part->n = dev->n = 0;
	snprintf(name, sizeof(name), "%d", (int)getpid());
	pb_str(main_part, 1, name);
	snprintf(name, sizeof(name), "model%u", model);
	sub.n = 0;					/* ProtoMonInfo */
	pb_str(&sub, 1, name);
	pb_double(&sub, 2, 30);
	pb_double(&sub, 3, k + 1);
	pb_msg(main_part, 2, &sub);
	nf.n = 0;					/* ProtoMonNetworkFrames */
	pb_str(&nf, 1, name);
	for (unsigned i = 0; i < streams; i++) {
		char sname[80];

		snprintf(sname, sizeof(sname), "model%u_s%u", model, i);
		s.n = 0;				/* ProtoMonStreamFramesInfo */
		pb_str(&s, 1, sname);
		pb_int(&s, 3, 4);
		pb_int(&s, 4, 1);
		pb_int(&s, 5, 1);
		pb_int(&s, 6, 2);
		pb_double(&s, 7, 1.5);
		pb_msg(&nf, 2, &s);
	}
	pb_msg(main_part, 3, &nf);
	sub.n = 0;					/* ProtoMonDeviceInfo */
	pb_str(&sub, 1, "0000:01:00.0");
	pb_double(&sub, 2, k);
	pb_str(&sub, 3, "HAILO8");
	pb_msg(dev, 4, &sub);
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (!stop && nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int write_all(int fd, const struct pb *p)
{
	size_t off = 0;

	while (off < p->n) {
		ssize_t k = write(fd, p->b + off, p->n - off);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		off += (size_t)k;
	}
	return 0;
}

static void die(const char *what)
{
	fprintf(stderr, "hmon_writer: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* 4.22+: NAME.tmp, locked, renamed over NAME.  0, or 1 if the lock was held. */
static int dump_new(const char *path, const struct pb *a, const struct pb *b)
{
	char tmp[4200];
	int fd;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die(tmp);
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		close(fd);
		return 1;
	}
	if (write_all(fd, a) || write_all(fd, b))
		die(tmp);
	if (rename(tmp, path))
		die("rename");
	close(fd);
	return 0;
}

/* 4.21-: truncate NAME, lock it, write it in two pieces.  0, or 1 if the lock was held. */
static int dump_inplace(const char *path, const struct pb *a, const struct pb *b, unsigned pause)
{
	FILE *f = fopen(path, "w");
	int ret = 0;

	if (!f)
		die(path);
	if (flock(fileno(f), LOCK_EX | LOCK_NB)) {
		ret = 1;
		goto out;
	}
	if (write_all(fileno(f), a))
		die(path);
	sleep_ms(pause);
	if (write_all(fileno(f), b))
		die(path);
out:
	fclose(f);
	return ret;
}

static unsigned num(const char *opt, const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || end == s || v > 1000000) {
		fprintf(stderr, "hmon_writer: %s: bad number '%s'\n", opt, s);
		exit(2);
	}
	return (unsigned)v;
}

int main(int argc, char **argv)
{
	static struct pb a, b;
	unsigned interval = 1000, pause = 0, placeholder = 0, streams = 1, every = 0, count = 0;
	unsigned models = 0;
	const char *env = getenv("HAILO_MONITOR_TIME_INTERVAL");
	int inplace = 0, fd;
	char path[4096];
	struct sigaction sa;

	if (argc < 2) {
		fprintf(stderr, "usage: hmon_writer DIR [OPTIONS]\n");
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v) {
			fprintf(stderr, "hmon_writer: %s: needs a value\n", o);
			return 2;
		}
		i++;
		if (!strcmp(o, "--method"))
			inplace = !strcmp(v, "inplace");
		else if (!strcmp(o, "--pause"))
			pause = num(o, v);
		else if (!strcmp(o, "--placeholder"))
			placeholder = num(o, v);
		else if (!strcmp(o, "--streams"))
			streams = num(o, v);
		else if (!strcmp(o, "--switch-every"))
			every = num(o, v);
		else if (!strcmp(o, "--models"))
			models = num(o, v);
		else if (!strcmp(o, "--count"))
			count = num(o, v);
		else {
			fprintf(stderr, "hmon_writer: unknown option %s\n", o);
			return 2;
		}
	}
	if (env && *env)
		interval = num("HAILO_MONITOR_TIME_INTERVAL", env);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	snprintf(path, sizeof(path), "%s/%dXXXXXX", argv[1], (int)getpid());
	fd = mkstemp(path);
	if (fd < 0)
		die("mkstemp");
	close(fd);
	printf("file %s\n", path);
	fflush(stdout);
	if (!inplace) {
		sleep_ms(placeholder);
		unlink(path);
	}
	for (unsigned k = 1; !stop && (!count || k <= count); k++) {
		unsigned model = every ? (k - 1) / every : 0;
		int skipped;

		if (models && model >= models)
			model = models - 1;

		sleep_ms(interval);
		if (stop)
			break;
		encode(k, model, streams, &a, &b);
		skipped = inplace ? dump_inplace(path, &a, &b, pause) : dump_new(path, &a, &b);
		if (skipped)
			printf("skipped %u\n", k);
		else
			printf("dump %u model %u\n", k, model);
		fflush(stdout);
	}
	/* A clean exit removes the file, as HailoRT's does. */
	unlink(path);
	return 0;
}
